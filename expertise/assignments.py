"""What becomes of experts' assignments when their initiative leaves expertise.

When an initiative moves to a state where no review is expected any more (see
``initiatives.enums.REVIEW_STATES`` and ``WAITING_STATES``), :func:`close_open_assignments`
closes its proposed and accepted assignments with the reason; the draft review stays for the
office to read. If the initiative comes back into expertise, the office reopens them with
:func:`reopen_assignment`. ``initiatives.lifecycle.fire`` calls the first one; this module
imports nothing of the lifecycle.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import Event, notify
from accounts.rules import is_expert, is_office
from expertise.models import ExpertAssignment
from initiatives.enums import (
    FINAL_STATES,
    REVIEW_STATES,
    WAITING_STATES,
    ExpertAssignmentStatus,
    InitiativeAction,
)
from initiatives.models import Initiative


def expects_reviews(state) -> bool:
    """Whether an assignment stays open in this state (due, or waiting for the team)."""
    return state in REVIEW_STATES or state in WAITING_STATES


def close_open_assignments(initiative: Initiative, *, by: User | None, reason: str,
                           send: bool = True) -> list[ExpertAssignment]:
    """Close the proposed and accepted assignments of an initiative that left expertise.

    Runs inside the caller's transaction (the lifecycle's ``fire``); the experts are told after
    commit. Returns the closed assignments."""
    rows = list(ExpertAssignment.objects.open().filter(initiative=initiative)
                .select_for_update(of=("self",)).select_related("expert").order_by("pk"))
    now = timezone.now()
    for assignment in rows:
        source = assignment.status
        assignment.status = ExpertAssignmentStatus.CLOSED
        assignment.closed_at, assignment.close_reason = now, reason
        assignment.save(update_fields=["status", "closed_at", "close_reason"])
        audit.record(initiative, actor=by, action=InitiativeAction.ASSIGNMENT_CLOSED,
                     from_value=source, to_value=assignment.expert.full_name, comment=reason)
        assignment.expert.__dict__.pop("_assigned_initiative_ids", None)
    if send and rows:
        notify([a.expert for a in rows], kind=NotificationKind.EXPERT_ASSIGNED,
               title=_("No review of «%(title)s» is expected any more") % {
                   "title": initiative.title},
               body=reason, url=initiative.get_absolute_url(), actor=by)
    return rows


@transaction.atomic
def reopen_assignment(assignment: ExpertAssignment, *, by: User,
                      due_on: datetime.date | None = None) -> ExpertAssignment:
    """The office reopens a closed assignment once its initiative is back in expertise: it is
    accepted again if the expert had accepted it (or written a draft), proposed otherwise."""
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office reopens an assignment."))
    assignment = (ExpertAssignment.objects.select_for_update(of=("self",))
                  .select_related("initiative", "expert").get(pk=assignment.pk))
    if assignment.status != ExpertAssignmentStatus.CLOSED:
        raise DomainError(_("Only a closed assignment can be reopened."))
    if assignment.initiative.state not in REVIEW_STATES:
        raise DomainError(_("The initiative is not in expertise now: reopen the assignment "
                            "when it comes back."))
    if due_on is not None and due_on < timezone.localdate():
        raise DomainError(_("The due date cannot be in the past."), field="due_on")
    assignment.status = (ExpertAssignmentStatus.ACCEPTED if assignment.responded_at
                         or hasattr(assignment, "review") else ExpertAssignmentStatus.PROPOSED)
    if due_on is not None:
        assignment.due_on = due_on
    assignment.closed_at, assignment.close_reason = None, ""
    assignment.last_reminded_on = None
    assignment.save(update_fields=["status", "due_on", "closed_at", "close_reason",
                                   "last_reminded_on"])
    assignment.expert.__dict__.pop("_assigned_initiative_ids", None)
    initiative = assignment.initiative
    audit.record(initiative, actor=by, action=InitiativeAction.ASSIGNMENT_REOPENED,
                 to_value=assignment.expert.full_name,
                 comment=assignment.due_on.strftime("%d.%m.%Y") if assignment.due_on else "")
    due = assignment.due_on.strftime("%d.%m.%Y") if assignment.due_on else "—"
    notify([assignment.expert], kind=NotificationKind.EXPERT_ASSIGNED,
           title=_("Your assignment to review «%(title)s» is open again") % {
               "title": initiative.title},
           body=_("Review due: %(due)s.") % {"due": due},
           url=initiative.get_absolute_url(), actor=by)
    return assignment


def close_when_expertise_ends(sender, *, initiative, target, by, notify, reason, **kwargs):
    """Receiver of ``initiatives.signals.state_changed``: an initiative that moved to a state
    where no review is expected has its open assignments closed (in the same transaction)."""
    if not expects_reviews(target):
        close_open_assignments(initiative, by=by, send=notify, reason=reason)


@transaction.atomic
def assign_expert(initiative: Initiative, *, expert: User, by: User | None,
                  due_on: datetime.date | None = None,
                  status: str = ExpertAssignmentStatus.PROPOSED) -> ExpertAssignment:
    """Minimal assignment; the expertise issue adds suggestions and conflict-of-interest checks."""
    if "expert" not in expert.role_codes:
        raise DomainError(_("This person is not an expert of the office."), field="expert")
    assignment, created = ExpertAssignment.objects.get_or_create(
        initiative=initiative, expert=expert,
        defaults={"due_on": due_on, "status": status, "assigned_by": by},
    )
    if created:
        audit.record(initiative, actor=by, action=InitiativeAction.EXPERT_ASSIGNED,
                     to_value=expert.full_name)
    return assignment


# --- the checks and the writes of a new assignment, shared by services.assign_expert and
# --- expertise.bulk.assign_many (many cards at once) ------------------------------------------


REPROPOSED_FIELDS = ["status", "due_on", "assigned_by", "decline_reason", "responded_at"]


def refusal(initiative, expert, *, due_on, drawn_on, conflict, past_due=None):
    """The :class:`DomainError` refusing to assign ``expert`` to ``initiative``, or None — the
    checks of :func:`assign_expert` with what they read given: ``drawn_on`` the experts of the
    card's call (None: every expert), ``conflict`` the conflict of interest ("" when none)."""
    if not is_expert.test(expert):
        return DomainError(_("This person is not an expert of the office."), field="expert")
    if initiative.state in FINAL_STATES:
        return DomainError(_("Experts are not assigned in the initiative's present state."))
    if drawn_on is not None and expert.pk not in drawn_on:
        return DomainError(_("This expert is not among the experts of the initiative's call."),
                           field="expert")
    if past_due is None:
        past_due = due_on is not None and due_on < timezone.localdate()
    if past_due:
        return DomainError(_("The due date cannot be in the past."), field="due_on")
    if conflict:
        return DomainError(_("Conflict of interest: %(reason)s") % {"reason": conflict},
                           field="expert")
    return None


def propose_again(assignment, *, due_on, by, status=ExpertAssignmentStatus.PROPOSED):
    """A declined assignment asked again (the caller saves :data:`REPROPOSED_FIELDS`)."""
    assignment.status, assignment.due_on, assignment.assigned_by = status, due_on, by
    assignment.decline_reason, assignment.responded_at = "", None


def assigned_line(assignment, *, by):
    """The audit line of a new assignment (not yet written)."""
    due_on = assignment.due_on
    return audit.line(assignment.initiative, actor=by, action=InitiativeAction.EXPERT_ASSIGNED,
                      to_value=assignment.expert.full_name,
                      comment=_("due %(date)s") % {"date": due_on.strftime("%d.%m.%Y")}
                      if due_on else "")


def assigned_event(assignment, *, by):
    """The expert's notification of a new assignment."""
    initiative = assignment.initiative
    due = assignment.due_on.strftime("%d.%m.%Y") if assignment.due_on else "—"
    return Event(
        (assignment.expert,), NotificationKind.EXPERT_ASSIGNED,
        title=_("You are asked to review «%(title)s»") % {"title": initiative.title},
        body=_("Accept or decline the assignment on the card. Review due: %(due)s.")
        % {"due": due},
        url=initiative.get_absolute_url(), actor=by)
