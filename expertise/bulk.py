"""Experts assigned to many initiatives at once (issue 24).

:func:`plan` tells, row by row and expert by expert, what the assignment would do — a conflict of
interest, an expert already assigned, or a new assignment — and the load each expert would carry,
in a fixed number of queries (seven with the experts) however many rows are chosen (the same rules as
``expertise.queries.conflict_reason`` and ``services.assign_expert``, stated over sets). The
confirmed action runs through ``initiatives.bulk.jobs``: :func:`assign_one` calls the domain
function ``services.assign_expert`` for each card and each expert, which checks everything again.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.errors import DomainError
from accounts.models import User
from expertise import services
from expertise.models import ConflictOfInterest, ExpertAssignment
from expertise.queries import expert_pool
from initiatives.bulk import jobs
from initiatives.enums import FINAL_STATES, ExpertAssignmentStatus
from initiatives.models import TeamMember
from network.models import Membership

KIND = "assign"
SHOWN_ROWS = 200


def eligible():
    """The filter of the cards experts may be assigned to (``initiatives.assign_experts``:
    the office, and the card is open)."""
    return ~Q(state__in=FINAL_STATES)


@dataclass
class Cell:
    expert: User
    reason: str = ""  # why not; "" when the expert will be assigned


@dataclass
class Row:
    initiative: object
    cells: list = field(default_factory=list)
    refused: str = ""  # why the whole row is left out

    @property
    def assigned(self):
        return sum(1 for c in self.cells if not c.reason)


def plan(rows_qs, experts):
    """[Row] of what assigning ``experts`` to the cards of ``rows_qs`` would do, and
    {expert id: (open load now, open load after)}. Five queries in all."""
    cards = list(rows_qs.select_related("organisation").only(
        "pk", "title", "state", "organisation_id", "organisation__short_name")[:SHOWN_ROWS])
    ids = [c.pk for c in cards]
    expert_ids = [e.pk for e in experts]
    works_at = set(Membership.objects.filter(person_id__in=expert_ids, is_active=True)
                   .values_list("person_id", "organisation_id"))
    on_team = set(TeamMember.objects.filter(initiative_id__in=ids, person_id__in=expert_ids)
                  .values_list("initiative_id", "person_id"))
    declared = list(ConflictOfInterest.objects.filter(expert_id__in=expert_ids).values_list(
        "expert_id", "initiative_id", "organisation_id"))
    assigned = set(ExpertAssignment.objects.filter(initiative_id__in=ids, expert_id__in=expert_ids)
                   .exclude(status=ExpertAssignmentStatus.DECLINED)
                   .values_list("initiative_id", "expert_id"))
    rows, added = [], {e.pk: 0 for e in experts}
    for card in cards:
        row = Row(card)
        if card.state in FINAL_STATES:
            row.refused = _("Experts are not assigned in the initiative's present state.")
        for expert in experts:
            reason = ""
            if (expert.pk, card.organisation_id) in works_at:
                reason = _("the expert works in the initiative's organisation.")
            elif (card.pk, expert.pk) in on_team:
                reason = _("the expert is on the initiative's team.")
            elif any(e == expert.pk and (i == card.pk or o == card.organisation_id)
                     for e, i, o in declared):
                reason = _("the expert has declared a conflict of interest.")
            elif (card.pk, expert.pk) in assigned:
                reason = _("This expert is already assigned.")
            row.cells.append(Cell(expert, reason))
            if not reason and not row.refused:
                added[expert.pk] += 1
        rows.append(row)
    load = {e.pk: (e.open_load, e.open_load + added[e.pk]) for e in experts}
    return rows, load


def chosen_experts(ids):
    """The experts of the pool with these ids, with their open load (one query)."""
    return list(expert_pool().filter(pk__in=ids))


def assign_one(initiative, *, params, by):
    """The handler of one card: each chosen expert through ``services.assign_expert``."""
    due_on = datetime.date.fromisoformat(params["due_on"]) if params.get("due_on") else None
    experts = User.objects.filter(pk__in=params["experts"]).prefetch_related(
        "role_assignments").order_by("last_name", "first_name", "pk")
    notes, done = [], 0
    for expert in experts:
        try:
            services.assign_expert(initiative, expert=expert, by=by, due_on=due_on)
        except DomainError as e:
            notes.append(f"{expert.short_name}: {e}")
        else:
            done += 1
            notes.append(_("%(name)s: assigned") % {"name": expert.short_name})
    if not experts:
        raise DomainError(_("The chosen experts are no longer in the pool."))
    return done > 0, "; ".join(notes)


def register():
    jobs.register(KIND, assign_one)
    jobs.register_action(jobs.Action(KIND, gettext_lazy("Assign experts"),
                                     "initiatives:bulk_assign", "initiatives.act_in_bulk",
                                     "bi-person-check"))
