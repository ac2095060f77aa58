"""Pages of the Word card: upload (for a new draft or into a draft), the preview of what was
read and its confirmation, and the card downloaded as .docx."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.errors import DomainError, add_to_form
from accounts.files import CONTENT_TYPES
from accounts.mixins import CrumbsMixin
from initiatives import queries
from initiatives.models import Initiative, InitiativeVersion, WordCardImport
from initiatives.wordcard import services
from initiatives.wordcard.forms import CardConfirmForm, CardUploadForm
from initiatives.wordcard.mapping import LABELS
from initiatives.wordcard.writer import card_of_initiative, card_of_version, write_card

DOCX = CONTENT_TYPES["docx"]


def _registry_crumb():
    return (reverse("initiatives:list"), _("Initiatives"))



class CardUploadView(PermissionRequiredMixin, CrumbsMixin, View):
    """Upload a Word card for a new draft; the reading waits on the preview page."""

    permission_required = "initiatives.add_initiative"
    template_name = "initiatives/wordcard_upload.html"

    def get_initiative(self):
        return None

    def get_crumbs(self):
        return [_registry_crumb(), (reverse("initiatives:create"), _("New initiative")),
                (None, _("From a Word card"))]

    def render(self, request, form, status=200):
        return render(request, self.template_name, {
            "form": form, "initiative": self.get_initiative(), "crumbs": self.get_crumbs(),
        }, status=status)

    def get(self, request, **kwargs):
        return self.render(request, CardUploadForm())

    def post(self, request, **kwargs):
        form = CardUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                reading = services.read_card_upload(upload=form.cleaned_data["file"],
                                                    by=request.user,
                                                    initiative=self.get_initiative())
            except DomainError as e:
                form.add_error("file", str(e))
            else:
                return redirect(reading.get_absolute_url())
        return self.render(request, form)


class CardFillView(CardUploadView):
    """Upload a Word card into an editable draft of one's organisation."""

    permission_required = "initiatives.change_initiative"

    def get_initiative(self):
        if not hasattr(self, "_initiative"):
            self._initiative = get_object_or_404(
                Initiative.objects.select_related("organisation"), pk=self.kwargs["pk"])
        return self._initiative

    def get_permission_object(self):
        return self.get_initiative()

    def get_crumbs(self):
        initiative = self.get_initiative()
        return [_registry_crumb(), (initiative.get_absolute_url(), initiative.title),
                (None, _("From a Word card"))]


def _rows(card):
    """(section, headings in the card, value) of everything placed, in the card's order."""
    headings = card.get("headings", {})
    rows = [("organisation", card.get("organisation_text", "")),
            ("title", card.get("title", ""))]
    leader = card.get("leader") or {}
    rows.append(("leader", ", ".join(v for v in (leader.get("name"), leader.get("position"),
                                                   leader.get("phone"), leader.get("email"))
                                      if v)))
    rows.append(("team", "\n".join(f"{m['name']}, {m['position']}".rstrip(", ")
                                   for m in card.get("team", []))))
    for key in ("annotation", "problem", "idea"):
        rows.append((key, card.get(key, "")))
    period = ""
    if card.get("starts_on"):
        start = datetime.date.fromisoformat(card["starts_on"]).strftime("%d.%m.%Y")
        end = datetime.date.fromisoformat(card["ends_on"]).strftime("%d.%m.%Y")
        period = f"{start} — {end} ({card.get('timeframe_text', '')})"
    rows.append(("timeframe", period))
    rows.append(("goal", card.get("goal", "")))
    rows.append(("tasks", card.get("tasks", [])))
    for key in ("results_people", "results_process", "main_product"):
        rows.append((key, card.get(key, "")))
    rows.append(("indicators", "\n".join(
        f"{i['name']}, {i['unit']}: {i['baseline'] or '—'} → {i['target']}"
        for i in card.get("indicators", []))))
    rows.append(("direction", card.get("direction_text", "")))
    rows.append(("strategy_goals", "\n".join(card.get("strategy_goals_text", []))))
    rows.append(("network", card.get("network_text", "")))
    shown_as = {"results_people": ["results_people", "results"]}
    out = []
    for key, value in rows:
        found = [h for k in shown_as.get(key, [key]) for h in headings.get(k, [])]
        out.append({"key": key, "label": LABELS[key], "headings": found, "value": value,
                    "is_list": isinstance(value, list)})
    return out


class CardPreviewView(PermissionRequiredMixin, CrumbsMixin, View):
    """What was read, section by section, and «не распознано»; confirming makes the draft."""

    permission_required = "initiatives.confirm_word_card"
    template_name = "initiatives/wordcard_preview.html"

    def get_reading(self):
        if not hasattr(self, "_reading"):
            self._reading = get_object_or_404(
                WordCardImport.objects.select_related("initiative__organisation"),
                token=self.kwargs["token"])
        return self._reading

    def get_permission_object(self):
        return self.get_reading()

    def get_crumbs(self):
        reading = self.get_reading()
        if reading.initiative_id:
            return [_registry_crumb(), (reading.initiative.get_absolute_url(),
                                        reading.initiative.title), (None, _("From a Word card"))]
        return [_registry_crumb(), (reverse("initiatives:create"), _("New initiative")),
                (None, _("From a Word card"))]

    def render(self, request, form, status=200):
        reading = self.get_reading()
        card = reading.card
        organisations = list(form.fields["organisation"].queryset) if form else []
        direction, network, goals, missing = services.references(card)
        unrecognised = "\n".join(t for t in (services.unrecognised_text(card), *missing) if t)
        return render(request, self.template_name, {
            "reading": reading, "form": form, "rows": _rows(card),
            "unrecognised": unrecognised, "crumbs": self.get_crumbs(),
            "matched": services.match_organisation(card.get("organisation_text", ""),
                                                   organisations) if form else None,
            "found": {"direction": direction, "network": network, "strategy_goals": goals},
        }, status=status)

    def form(self, data=None):
        reading = self.get_reading()
        if reading.initiative_id:
            return None
        organisations = queries.organisations_for(self.request.user)
        form = CardConfirmForm(data, organisations=organisations)
        if data is None:
            matched = services.match_organisation(reading.card.get("organisation_text", ""),
                                                  list(organisations))
            first = list(organisations[:2])
            initial = matched or (first[0] if len(first) == 1 else None)
            form.initial["organisation"] = initial.pk if initial else None
        return form

    def get(self, request, token):
        return self.render(request, self.form())

    def post(self, request, token):
        reading = self.get_reading()
        form = self.form(request.POST)
        if form is not None and not form.is_valid():
            return self.render(request, form)
        try:
            initiative = services.confirm_card_import(
                reading, by=request.user,
                organisation=form.cleaned_data["organisation"] if form else None)
        except DomainError as e:
            if form is not None:
                add_to_form(form, e)
            messages.error(request, str(e))
            return self.render(request, form)
        messages.success(request, gettext("The card «%(name)s» is read into the draft. Check "
                                          "it and move what was not recognised where it "
                                          "belongs.") % {"name": reading.file_name})
        return redirect("initiatives:edit", pk=initiative.pk)


def _docx_response(content, name):
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class CardDownloadView(PermissionRequiredMixin, View):
    """The card as it is now, as a Word document."""

    permission_required = "initiatives.view_initiative"

    def get_permission_object(self):
        if not hasattr(self, "_initiative"):
            self._initiative = queries.card().filter(pk=self.kwargs["pk"]).first()
            if self._initiative is None:
                raise Http404
        return self._initiative

    def get(self, request, pk):
        initiative = self.get_permission_object()
        return _docx_response(write_card(card_of_initiative(initiative)),
                              f"initiative-{pk}.docx")


class VersionDownloadView(PermissionRequiredMixin, View):
    """A submitted version of the card as a Word document."""

    permission_required = "initiatives.view_initiative"

    def get_version(self):
        if not hasattr(self, "_version"):
            self._version = get_object_or_404(
                InitiativeVersion.objects.select_related("initiative"),
                initiative_id=self.kwargs["pk"], number=self.kwargs["number"])
        return self._version

    def get_permission_object(self):
        return self.get_version().initiative

    def get(self, request, pk, number):
        return _docx_response(write_card(card_of_version(self.get_version())),
                              f"initiative-{pk}-v{number}.docx")
