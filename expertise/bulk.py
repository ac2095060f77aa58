"""Experts assigned to many initiatives at once (issue 24).

:func:`plan` tells, row by row and expert by expert, what the assignment would do — a conflict of
interest, an expert already assigned, or a new assignment — and the load each expert would carry,
in a fixed number of queries (seven with the experts) however many rows are chosen (the same rules as
``expertise.queries.conflict_reason`` and ``services.assign_expert``, stated over sets). The
confirmed action runs through ``initiatives.bulk.jobs`` in batches: :func:`assign_many` checks
everything again for a batch of cards at once (the checks of ``services.assign_expert``, shared
through ``expertise.assignments``) and writes in bulk.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify_many
from expertise import assignments, calls
from expertise.models import ConflictOfInterest, ExpertAssignment
from expertise.queries import expert_pool
from initiatives.bulk import jobs
from initiatives.enums import FINAL_STATES, ExpertAssignmentStatus
from initiatives.models import Initiative, TeamMember
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


class Conflicts:
    """The conflicts of interest between ``experts`` and the cards ``cards`` (with ``pk`` and
    ``organisation_id``), read in three queries for all of them: the rules of
    ``expertise.queries.conflict_reason`` stated over sets."""

    def __init__(self, cards, expert_ids):
        ids = [c.pk for c in cards]
        self.works_at = set(Membership.objects.filter(person_id__in=expert_ids, is_active=True)
                            .values_list("person_id", "organisation_id"))
        self.on_team = set(TeamMember.objects.filter(initiative_id__in=ids,
                                                     person_id__in=expert_ids)
                           .values_list("initiative_id", "person_id"))
        self.declared = list(ConflictOfInterest.objects.filter(expert_id__in=expert_ids)
                             .values_list("expert_id", "initiative_id", "organisation_id"))

    def reason(self, card, expert_id):
        """Why the expert may not review the card, or ""."""
        if (expert_id, card.organisation_id) in self.works_at:
            return _("the expert works in the initiative's organisation.")
        if (card.pk, expert_id) in self.on_team:
            return _("the expert is on the initiative's team.")
        if any(e == expert_id and (i == card.pk or o == card.organisation_id)
               for e, i, o in self.declared):
            return _("the expert has declared a conflict of interest.")
        return ""


def plan(rows_qs, experts):
    """[Row] of what assigning ``experts`` to the cards of ``rows_qs`` would do, and
    {expert id: (open load now, open load after)}. Five queries in all."""
    cards = list(rows_qs.select_related("organisation").only(
        "pk", "title", "state", "organisation_id", "organisation__short_name")[:SHOWN_ROWS])
    ids = [c.pk for c in cards]
    expert_ids = [e.pk for e in experts]
    conflicts = Conflicts(cards, expert_ids)
    assigned = set(ExpertAssignment.objects.filter(initiative_id__in=ids, expert_id__in=expert_ids)
                   .exclude(status=ExpertAssignmentStatus.DECLINED)
                   .values_list("initiative_id", "expert_id"))
    rows, added = [], {e.pk: 0 for e in experts}
    for card in cards:
        row = Row(card)
        if card.state in FINAL_STATES:
            row.refused = _("Experts are not assigned in the initiative's present state.")
        for expert in experts:
            reason = conflicts.reason(card, expert.pk)
            if not reason and (card.pk, expert.pk) in assigned:
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


def _experts(params):
    """The chosen experts with their roles read with them (``role_codes`` without a query each)."""
    experts = list(User.objects.filter(pk__in=params["experts"]).prefetch_related(
        "role_assignments").order_by("last_name", "first_name", "pk"))
    for expert in experts:
        expert.__dict__["role_codes"] = frozenset(r.role for r in expert.role_assignments.all())
    return experts


def _due_on(params):
    return datetime.date.fromisoformat(params["due_on"]) if params.get("due_on") else None


def assign_one(initiative, *, params, by):
    """The handler of one card (the batch of one)."""
    return assign_many([initiative], params=params, by=by)[initiative.pk]


# folded: bench/bulk_assign.py (500 cards × 2 experts) 23.9 s, 8,750 queries → 1.1 s, 112
@transaction.atomic
def assign_many(initiatives, *, params, by):
    """The handler of a batch of cards: the checks of ``services.assign_expert`` (the expert's
    role, the card's state, the call's experts, the due date, conflicts of interest, an
    assignment already there) read once for the whole batch, the assignments and their audit
    lines written with one insert each, the experts told after commit in one go
    (``notify_many``). Returns {card id: (done, note)}; the queries do not grow with the
    number of cards."""
    due_on, experts = _due_on(params), _experts(params)
    if not experts:
        raise DomainError(_("The chosen experts are no longer in the pool."))
    ids = [i.pk for i in initiatives]
    # the cards' state under a lock: a card moved meanwhile is judged by its state now
    cards = {c.pk: c for c in Initiative.objects.select_for_update().filter(pk__in=ids)
             .select_related("organisation")}
    call_experts = calls.expert_ids_of_calls({c.call_id for c in cards.values() if c.call_id})
    conflicts = Conflicts(cards.values(), [e.pk for e in experts])
    existing = {(a.initiative_id, a.expert_id): a for a in ExpertAssignment.objects.filter(
        initiative_id__in=ids, expert_id__in=[e.pk for e in experts])}
    past_due = due_on is not None and due_on < timezone.localdate()
    new, reopened, lines, events, outcome = [], [], [], [], {}
    for pk in ids:
        card, notes, done = cards.get(pk), [], 0
        if card is None:
            outcome[pk] = (False, _("The initiative is no longer in the registry."))
            continue
        for expert in experts:
            refusal = assignments.refusal(
                card, expert, due_on=due_on, past_due=past_due,
                drawn_on=call_experts.get(card.call_id) if card.call_id else None,
                conflict=conflicts.reason(card, expert.pk))
            reason = str(refusal) if refusal is not None else ""
            assignment = existing.get((pk, expert.pk))
            if not reason and assignment is not None:
                if assignment.status != ExpertAssignmentStatus.DECLINED:
                    reason = _("This expert is already assigned.")
                else:
                    assignments.propose_again(assignment, due_on=due_on, by=by)
                    reopened.append(assignment)
            elif not reason:
                assignment = ExpertAssignment(initiative=card, expert=expert, due_on=due_on,
                                              status=ExpertAssignmentStatus.PROPOSED,
                                              assigned_by=by)
                new.append(assignment)
            if reason:
                notes.append(f"{expert.short_name}: {reason}")
                continue
            assignment.initiative, assignment.expert = card, expert
            lines.append(assignments.assigned_line(assignment, by=by))
            events.append(assignments.assigned_event(assignment, by=by))
            done += 1
            notes.append(_("%(name)s: assigned") % {"name": expert.short_name})
        outcome[pk] = (done > 0, "; ".join(notes))
    ExpertAssignment.objects.bulk_create(new)
    if reopened:
        ExpertAssignment.objects.bulk_update(reopened, assignments.REPROPOSED_FIELDS)
    audit.record_lines(lines)
    for expert in experts:
        expert.__dict__.pop("_assigned_initiative_ids", None)
    transaction.on_commit(lambda: notify_many(events))
    return outcome


def register():
    jobs.register(KIND, assign_one, batch=assign_many)
    jobs.register_action(jobs.Action(KIND, gettext_lazy("Assign experts"),
                                     "initiatives:bulk_assign", "initiatives.act_in_bulk",
                                     "bi-person-check"))
