"""A lifecycle transition over many cards: which are offered, which rows it touches, the handler.

Offered are the transitions the lifecycle declares fit for many cards (``Transition.in_bulk``:
at most one shared comment, no conclusion, not a decision) that the person's role may fire.
:func:`eligible` states the predicate of the transition as a queryset filter (its source states
and, for a team's transition, the person's organisations), so the page counts the rows it will
touch in one query; each card still goes through ``lifecycle.fire`` in its own transaction."""

from django.db.models import Q
from django.utils.translation import gettext as _

from initiatives import lifecycle
from initiatives.lifecycle import COMMENT
from initiatives.rules import is_initiative_team
from network.queries import organisation_ids_of

KIND = "transition"


def offered(user):
    """The transitions this person may fire on many cards at once."""
    return [t for t in lifecycle.TRANSITIONS if t.in_bulk and (
        bool(organisation_ids_of(user)) if t.predicate is is_initiative_team
        else t.predicate.test(user, None))]


def get(user, name):
    return next((t for t in offered(user) if t.name == name), None)


def eligible(transition, user):
    """The filter of the cards ``user`` may move along ``transition``: the same rule as
    ``transition.predicate`` and ``transition.allows_from``."""
    condition = Q(state__in=transition.sources)
    if transition.predicate is is_initiative_team:
        condition &= Q(organisation_id__in=organisation_ids_of(user))
    elif not transition.predicate.test(user, None):
        condition &= Q(pk__in=[])
    return condition


def why_not(transition, initiative, user):
    """The reason a card is left out (the words ``lifecycle.fire`` would refuse it with)."""
    if not transition.allows_from(initiative.state):
        return _("«%(action)s» is not possible while the initiative is «%(state)s».") % {
            "action": transition.label, "state": lifecycle.state_label(initiative.state)}
    return _("You may not «%(action)s» for this initiative.") % {"action": transition.label}


def fire_one(initiative, *, params, by):
    """The handler of one card: ``lifecycle.fire`` with the shared comment."""
    transition = lifecycle.get(params["transition"])
    comment = params.get("comment", "")
    lifecycle.fire(initiative, transition, by=by,
                   comment=comment if transition.needs == COMMENT else "")
    return True, _("Moved to «%(state)s».") % {"state": lifecycle.state_label(transition.target)}
