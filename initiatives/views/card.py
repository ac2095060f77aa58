"""The card: the page, the transitions of the lifecycle, versions and history."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts import audit
from accounts.errors import DomainError, add_to_form
from accounts.queries import first_rows
from initiatives import diff, lifecycle, sections
from initiatives.card_panels import card_context
from initiatives.forms import (
    AttachmentForm,
    ForceTransitionForm,
    TransitionForm,
)
from initiatives.views.base import (
    CardMixin,
    InitiativeMixin,
    _registry_crumb,
    services_max_mb,
)

# --- the card ------------------------------------------------------------------------


class InitiativeDetailView(CardMixin, TemplateView):
    permission_required = "initiatives.view_initiative"
    template_name = "initiatives/initiative_detail.html"

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
            add_to_form(form, e)
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
