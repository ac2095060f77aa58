"""What the card's pages share: the crumb of the registry, the mixin that loads a card with the
viewer's rights, the draft's context."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.views import PermissionRequiredMixin

from accounts.mixins import CrumbsMixin
from initiatives import lifecycle, queries, sections
from initiatives.calls import panels as call_panels
from initiatives.forms import (
    AttachmentForm,
    DraftForm,
    IndicatorForm,
    TeamMemberForm,
)
from initiatives.models import Initiative


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


class CardMixin(InitiativeMixin):
    """For the pages of the whole card (the card, its editing): the card with its rows is read
    once, for the permission check and for the page."""

    def get_initiative(self):
        if not hasattr(self, "_initiative"):
            self._initiative = _card(self.request.user, self.kwargs["pk"])
        return self._initiative


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
