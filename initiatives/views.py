
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from accounts import audit
from accounts.autocomplete import ORGANISATION_NAMES, PERSON_NAMES, FilterChoicesView
from accounts.errors import DomainError
from accounts.files import CONTENT_TYPES
from accounts.mixins import CrumbsMixin
from accounts.queries import first_rows
from initiatives import diff, exports, lifecycle, queries, sections, services
from initiatives.calls import panels as call_panels
from initiatives.card_panels import card_context
from initiatives.filters import InitiativeFilter
from initiatives.forms import (
    AttachmentForm,
    DraftForm,
    ForceTransitionForm,
    IndicatorForm,
    InitiativeCreateForm,
    TeamMemberForm,
    TransitionForm,
)
from initiatives.models import Attachment, Indicator, Initiative, TeamMember


def _registry_crumb():
    return (reverse("initiatives:list"), _("Initiatives"))


class InitiativeMixin(PermissionRequiredMixin, CrumbsMixin):
    """Loads the initiative of the URL among those the person may see (404 otherwise is
    avoided: an initiative outside one's scope answers 403, like any refused permission)."""

    def get_initiative(self):
        if not hasattr(self, "_initiative"):
            self._initiative = get_object_or_404(
                Initiative.objects.select_related("organisation"), pk=self.kwargs["pk"]
            )
        return self._initiative

    def get_permission_object(self):
        return self.get_initiative()

    def get_crumbs(self):
        initiative = self.get_initiative()
        return [_registry_crumb(), (initiative.get_absolute_url(), initiative.title)]


# --- registry ------------------------------------------------------------------------


class InitiativeListView(PermissionRequiredMixin, CrumbsMixin, FilterView):
    permission_required = "initiatives.view_initiative_list"
    filterset_class = InitiativeFilter
    template_name = "initiatives/initiative_list.html"
    context_object_name = "initiatives"
    paginate_by = 50

    def get_crumbs(self):
        return [(None, _("Initiatives"))]

    def get_queryset(self):
        return queries.registry_page(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(query=query.urlencode(), today=timezone.localdate(),
                                        **kwargs)


class InitiativeFilterChoicesView(FilterChoicesView):
    """Organisations, networks, leaders and experts for the registry's filters, as JSON."""

    permission_required = "initiatives.view_initiative_list"
    filterset_class = InitiativeFilter
    search_fields = {"organisation": ORGANISATION_NAMES, "network": ("name",),
                     "leader": PERSON_NAMES, "expert": PERSON_NAMES}

    def get_filterset(self):
        return InitiativeFilter(queryset=Initiative.objects.none(), request=self.request,
                                user=self.request.user)


class InitiativeExportView(PermissionRequiredMixin, View):
    """The filtered registry as XLSX or CSV."""

    permission_required = "initiatives.export_initiatives"

    def get(self, request, fmt):
        if fmt not in ("xlsx", "csv"):
            raise Http404
        filterset = InitiativeFilter(request.GET, queryset=queries.registry(request.user),
                                     request=request, user=request.user)
        rows = exports.rows(filterset.qs if filterset.is_valid() else filterset.queryset.none())
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        if fmt == "csv":
            response = HttpResponse("".join(exports.csv_lines(rows)),
                                    content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                exports.xlsx_bytes(rows),
                content_type=CONTENT_TYPES["xlsx"],
            )
        response["Content-Disposition"] = f'attachment; filename="initiatives-{stamp}.{fmt}"'
        return response


# --- creating and editing ----------------------------------------------------------------


class InitiativeCreateView(PermissionRequiredMixin, CrumbsMixin, FormView):
    permission_required = "initiatives.add_initiative"
    template_name = "initiatives/initiative_create.html"
    form_class = InitiativeCreateForm

    def get_crumbs(self):
        return [_registry_crumb(), (None, _("New initiative"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "organisations": queries.organisations_for(self.request.user)}

    def get_initial(self):
        """``?network=<id>`` from a network page's «Propose an initiative» preselects it."""
        initial = super().get_initial()
        network = self.request.GET.get("network", "")
        if network.isdigit():
            initial["network"] = int(network)
        return initial

    def form_valid(self, form):
        try:
            initiative = services.create_initiative(
                organisation=form.cleaned_data["organisation"], title=form.cleaned_data["title"],
                by=self.request.user, network=form.cleaned_data.get("network"),
            )
        except DomainError as e:
            form.add_error(e.field, str(e))
            return self.form_invalid(form)
        messages.success(self.request, _("The draft is created. Everything you type is saved "
                                         "automatically."))
        return redirect("initiatives:edit", pk=initiative.pk)


def _card(user, pk):
    """The card with its rows, for a person whose permission on it the view has checked."""
    initiative = queries.card().filter(pk=pk).first()
    if initiative is None:
        raise Http404
    return initiative


class DraftContextMixin:
    def draft_context(self, initiative, form, *, conflict=None, submit_errors=None):
        return {
            "initiative": initiative,
            "form": form,
            "completeness": sections.completeness(initiative),
            "team_form": TeamMemberForm(initiative=initiative),
            "indicator_form": IndicatorForm(),
            "attachment_form": AttachmentForm(),
            "conflict": conflict,
            "conflict_rows": _conflict_rows(conflict, form) if conflict else [],
            "submit_errors": submit_errors or {},
            "submit_transition": _submit_transition(initiative),
            "call_box": call_panels.card_box(initiative, choosing=initiative.state == "draft"),
            "max_mb": services_max_mb(),
        }


def services_max_mb():
    from django.conf import settings

    return settings.FILE_UPLOAD_MAX_MB


def _submit_transition(initiative):
    for t in lifecycle.TRANSITIONS:
        if t.freezes_version and t.allows_from(initiative.state):
            return t
    return None


def _conflict_rows(current, form):
    """The fields where the saved card differs from what this person typed: (label, theirs,
    yours)."""
    theirs = DraftForm.initial_for(current)
    data = form.data
    rows = []
    for name, field in form.fields.items():
        if name == "revision":
            continue
        if name in ("strategy_goals", "direction"):
            names = {str(o.pk): str(o) for o in field.queryset}
            posted = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
            saved = theirs[name] if name == "strategy_goals" else [theirs[name]]
            mine = "\n".join(sorted(names.get(str(v), "") for v in posted if v))
            saved = "\n".join(sorted(names.get(str(v), "") for v in saved if v))
            if mine != saved:
                rows.append((field.label, saved, mine))
            continue
        mine = (data.get(name) or "").replace("\r\n", "\n").strip()
        saved = theirs.get(name)
        saved = "" if saved is None else (saved.isoformat() if hasattr(saved, "isoformat")
                                          else str(saved)).strip()
        if mine != saved:
            rows.append((field.label, saved, mine))
    return rows


class InitiativeEditView(InitiativeMixin, DraftContextMixin, View):
    permission_required = "initiatives.change_initiative"
    template_name = "initiatives/initiative_edit.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Editing"))]

    def render(self, request, initiative, form, **kwargs):
        context = self.draft_context(initiative, form, **kwargs)
        context["crumbs"] = self.get_crumbs()
        return render(request, self.template_name, context)

    def get(self, request, pk):
        initiative = _card(request.user, pk)
        return self.render(request, initiative, DraftForm(initial=DraftForm.initial_for(initiative),
                                                         initiative=initiative))

    def post(self, request, pk):
        initiative = _card(request.user, pk)
        form = DraftForm(request.POST, initiative=initiative)
        if not form.is_valid():
            return self.render(request, initiative, form)
        revision = form.cleaned_data["revision"]
        taken = request.POST.get("take_revision", "")
        if taken.isdigit():
            revision = int(taken)
        try:
            services.save_draft(initiative, by=request.user, revision=revision,
                                values=form.values())
        except services.EditConflict as e:
            return self.render(request, initiative, form, conflict=e.current)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
            return self.render(request, initiative, form)
        if request.POST.get("action") != "submit":
            messages.success(request, _("The draft is saved."))
            return redirect("initiatives:edit", pk=pk)
        transition = _submit_transition(initiative)
        try:
            lifecycle.fire(initiative, transition, by=request.user)
        except lifecycle.IncompleteCard as e:
            data = request.POST.copy()
            data["revision"] = str(initiative.revision)
            form = DraftForm(data, initiative=initiative)
            form.is_valid()
            for field, message in e.errors.items():
                if field in form.fields:
                    form.add_error(field, message)
            messages.error(request, str(e))
            return self.render(request, _card(request.user, pk), form, submit_errors=e.errors)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect("initiatives:edit", pk=pk)
        messages.success(request, _("The initiative is submitted to the project office."))
        return redirect(initiative.get_absolute_url())


class InitiativeAutosaveView(InitiativeMixin, DraftContextMixin, View):
    """htmx: saves the typed text and answers with a status line, or with the conflict."""

    permission_required = "initiatives.change_initiative"

    def post(self, request, pk):
        initiative = _card(request.user, pk)
        form = DraftForm(request.POST, initiative=initiative)
        form.is_valid()
        if "revision" in form.errors:
            return HttpResponse(status=400)
        try:
            services.save_draft(initiative, by=request.user,
                                revision=form.cleaned_data["revision"], values=form.values())
        except services.EditConflict as e:
            context = self.draft_context(initiative, form, conflict=e.current)
            return render(request, "initiatives/partials/autosave_conflict.html", context)
        except DomainError as e:
            return render(request, "initiatives/partials/autosave_status.html",
                          {"error": str(e), "initiative": initiative})
        fresh = _card(request.user, pk)
        return render(request, "initiatives/partials/autosave_status.html", {
            "initiative": fresh,
            "saved_at": timezone.localtime(fresh.updated_at),
            "field_errors": [(form.fields[n].label, " ".join(m)) for n, m in form.errors.items()],
            "completeness": sections.completeness(fresh),
        })


# --- the card ------------------------------------------------------------------------


class InitiativeDetailView(InitiativeMixin, TemplateView):
    permission_required = "initiatives.view_initiative"
    template_name = "initiatives/initiative_detail.html"

    def get_initiative(self):
        if not hasattr(self, "_initiative"):
            self._initiative = _card(self.request.user, self.kwargs["pk"])
        return self._initiative

    def get_crumbs(self):
        return [_registry_crumb(), (None, self.get_initiative().title)]

    def get_context_data(self, **kwargs):
        initiative = self.get_initiative()
        user = self.request.user
        texts = sections.section_texts(initiative)
        return super().get_context_data(
            initiative=initiative,
            section_rows=[(s, texts[s.key]) for s in sections.SECTIONS],
            completeness=sections.completeness(initiative),
            transitions=lifecycle.available(initiative, user),
            todo=lifecycle.TEAM_TODO.get(initiative.state, ""),
            **_card_history(initiative),
            attachment_form=AttachmentForm(),
            max_mb=services_max_mb(),
            **card_context(initiative, user),
            **kwargs,
        )


class TransitionView(InitiativeMixin, View):
    """Fires one declared transition; the lifecycle refuses what is not allowed."""

    permission_required = "initiatives.fire_transition"

    def post(self, request, pk, name):
        initiative = self.get_initiative()
        form = TransitionForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        try:
            lifecycle.fire(initiative, name, by=request.user, comment=data.get("comment", ""),
                           reason=data.get("reason", ""))
        except lifecycle.IncompleteCard as e:
            messages.error(request, str(e))
            return redirect("initiatives:edit", pk=pk)
        except DomainError as e:
            messages.error(request, str(e))
            return redirect(initiative.get_absolute_url())
        messages.success(request, gettext("Done: the initiative is now «%(state)s».")
                         % {"state": lifecycle.state_label(initiative.state)})
        return redirect(initiative.get_absolute_url())


class ForceTransitionView(InitiativeMixin, FormView):
    permission_required = "initiatives.force_transition"
    template_name = "initiatives/force_transition.html"
    form_class = ForceTransitionForm

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Force a transition"))]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "transitions": lifecycle.forceable(self.get_initiative())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiative=self.get_initiative(), **kwargs)

    def form_valid(self, form):
        initiative = self.get_initiative()
        try:
            lifecycle.fire(initiative, form.cleaned_data["transition"], by=self.request.user,
                           reason=form.cleaned_data["reason"], forced=True)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e))
            return self.form_invalid(form)
        messages.success(self.request, gettext("The transition is forced and recorded with your "
                                          "reason."))
        return redirect(initiative.get_absolute_url())


class VersionCompareView(InitiativeMixin, TemplateView):
    permission_required = "initiatives.view_initiative"
    template_name = "initiatives/version_compare.html"

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("Versions"))]

    def get_context_data(self, **kwargs):
        initiative = self.get_initiative()
        versions = list(initiative.versions.select_related("submitted_by").order_by("number"))
        by_number = {v.number: v for v in versions}

        def pick(key, default):
            raw = self.request.GET.get(key, "")
            return by_number.get(int(raw)) if raw.isdigit() and int(raw) in by_number else default

        new = pick("b", versions[-1] if versions else None)
        old = pick("a", versions[-2] if len(versions) > 1 else None)
        rows = diff.compare(old, new) if new else []
        return super().get_context_data(
            initiative=initiative, versions=versions, old=old, new=new, rows=rows, **kwargs
        )


CARD_HISTORY_LINES = 10
"""The card shows this many latest lines of its history and links to the whole of it."""


def _card_history(initiative):
    lines, more = first_rows(list(audit.history_for(initiative)[:CARD_HISTORY_LINES + 1]),
                             CARD_HISTORY_LINES)
    return {"history": lines, "history_more_url":
            reverse("initiatives:history", kwargs={"pk": initiative.pk}) if more else ""}


class InitiativeHistoryView(InitiativeMixin, ListView):
    """The whole history of a card, newest first, fifty lines a page."""

    permission_required = "initiatives.view_initiative"
    template_name = "initiatives/history.html"
    context_object_name = "history"
    paginate_by = 50

    def get_queryset(self):
        return audit.history_for(self.get_initiative())

    def get_crumbs(self):
        return [*super().get_crumbs(), (None, _("History"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiative=self.get_initiative(), **kwargs)


# --- rows of the card: team, indicators, attachments -----------------------------------------


class _RowView(InitiativeMixin, DraftContextMixin, View):
    """Adds or removes a row of the card; under htmx answers with the section, else redirects."""

    permission_required = "initiatives.change_initiative"
    partial = ""

    def answer(self, request, initiative, **forms):
        if request.headers.get("HX-Request"):
            fresh = _card(request.user, initiative.pk)
            context = self.draft_context(fresh, None)
            context.update(forms)
            return render(request, self.partial, context)
        return redirect("initiatives:edit", pk=initiative.pk)


class TeamMemberAddView(_RowView):
    partial = "initiatives/partials/team.html"

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = TeamMemberForm(request.POST, initiative=initiative)
        if form.is_valid():
            try:
                services.add_team_member(initiative, by=request.user, **form.cleaned_data)
                form = TeamMemberForm(initiative=initiative)
            except DomainError as e:
                form.add_error(e.field if e.field in form.fields else None, str(e))
        if not request.headers.get("HX-Request") and form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return self.answer(request, initiative, team_form=form)


class TeamMemberDeleteView(_RowView):
    permission_required = "initiatives.change_team_row"
    partial = "initiatives/partials/team.html"

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(TeamMember.objects.select_related("initiative"),
                                          pk=self.kwargs["pk"])
        return self._row

    def get_initiative(self):
        return self.get_row().initiative

    def get_permission_object(self):
        return self.get_row()

    def post(self, request, pk):
        initiative = self.get_initiative()
        try:
            services.remove_team_member(self.get_row(), by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return self.answer(request, initiative)


class IndicatorAddView(_RowView):
    partial = "initiatives/partials/indicators.html"

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = IndicatorForm(request.POST)
        if form.is_valid():
            try:
                services.add_indicator(initiative, by=request.user, **form.cleaned_data)
                form = IndicatorForm()
            except DomainError as e:
                form.add_error(e.field if e.field in form.fields else None, str(e))
        if not request.headers.get("HX-Request") and form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        return self.answer(request, initiative, indicator_form=form)


class IndicatorDeleteView(TeamMemberDeleteView):
    partial = "initiatives/partials/indicators.html"

    def get_row(self):
        if not hasattr(self, "_row"):
            self._row = get_object_or_404(Indicator.objects.select_related("initiative"),
                                          pk=self.kwargs["pk"])
        return self._row

    def post(self, request, pk):
        initiative = self.get_initiative()
        try:
            services.remove_indicator(self.get_row(), by=request.user)
        except DomainError as e:
            messages.error(request, str(e))
        return self.answer(request, initiative)


class AttachmentAddView(InitiativeMixin, View):
    permission_required = "initiatives.add_attachment"

    def post(self, request, pk):
        initiative = self.get_initiative()
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        else:
            try:
                attachment = services.attach_file(initiative, by=request.user,
                                                  upload=form.cleaned_data["file"])
            except DomainError as e:
                messages.error(request, str(e))
            else:
                messages.success(request, gettext("The file «%(name)s» is attached.")
                                 % {"name": attachment.original_name})
        back = request.POST.get("next", "")
        if back == "edit" and request.user.has_perm("initiatives.change_initiative", initiative):
            return redirect("initiatives:edit", pk=pk)
        return redirect(initiative.get_absolute_url() + "#attachments")


class _AttachmentMixin(PermissionRequiredMixin):
    def get_attachment(self):
        if not hasattr(self, "_attachment"):
            self._attachment = get_object_or_404(
                Attachment.objects.select_related("initiative"), pk=self.kwargs["pk"]
            )
        return self._attachment

    def get_permission_object(self):
        return self.get_attachment()


class AttachmentDownloadView(_AttachmentMixin, View):
    """Serves a file only after the permission check, always as a download."""

    permission_required = "initiatives.view_attachment"

    def get(self, request, pk):
        attachment = self.get_attachment()
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, as_attachment=True, filename=attachment.original_name,
            content_type=CONTENT_TYPES.get(attachment.kind, "application/octet-stream"),
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class AttachmentDeleteView(_AttachmentMixin, View):
    permission_required = "initiatives.delete_attachment"

    def post(self, request, pk):
        attachment = self.get_attachment()
        initiative = attachment.initiative
        services.remove_attachment(attachment, by=request.user)
        messages.success(request, gettext("The file «%(name)s» is removed.")
                         % {"name": attachment.original_name})
        return redirect(initiative.get_absolute_url() + "#attachments")


