"""The lifecycle of an initiative, declared once.

``TRANSITIONS`` lists every move: its name, the states it starts from, the state it leads to,
the button's label and style, who may fire it (a ``rules`` predicate on ``(user, initiative)``)
and what it needs (a comment, a reason or a conclusion). The card derives its buttons from this
list through :func:`available`; :func:`fire` is the only code that writes ``Initiative.state``.
"""

from dataclasses import dataclass

import rules
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.enums import AuditAction, NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from accounts.rules import is_office, is_office_head, is_office_staff
from initiatives import letters, sections
from initiatives.calls import questions
from initiatives.calls import services as calls
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative, InitiativeVersion
from initiatives.rules import is_initiative_team
from initiatives.signals import state_changed

COMMENT, REASON, CONCLUSION = "comment", "reason", "conclusion"
TEAM, OFFICE = "team", "office"


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple
    target: str
    label: str
    predicate: rules.Predicate
    needs: str = ""  # "", COMMENT, REASON or CONCLUSION
    style: str = "primary"
    freezes_version: bool = False
    checks_completeness: bool = False
    notify: str = TEAM  # whom the e-mail goes to: the team or the office
    by_decision: bool = False  # the move carries out a decision (a meeting's, the head's)

    def allows_from(self, state):
        return state in self.sources

    @property
    def in_bulk(self):
        """Offered for many cards at once: at most one shared comment, no conclusion, not a
        decision taken card by card."""
        return self.needs in ("", COMMENT) and not self.by_decision

    @property
    def needs_label(self):
        return NEEDS_LABELS.get(self.needs, "")


BEFORE_DECISION = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.UNDER_REVIEW, S.REVISION_REQUESTED,
                   S.RESUBMITTED, S.RECOMMENDED, S.NOT_RECOMMENDED)

TRANSITIONS = (
    Transition("submit", (S.DRAFT,), S.SUBMITTED, _("Submit to the office"), is_initiative_team,
               freezes_version=True, checks_completeness=True, notify=OFFICE),
    Transition("return", (S.SUBMITTED,), S.RETURNED, _("Return for completion"), is_office_staff,
               needs=COMMENT, style="warning"),
    Transition("submit_completed", (S.RETURNED,), S.SUBMITTED, _("Submit again"),
               is_initiative_team, freezes_version=True, checks_completeness=True, notify=OFFICE),
    Transition("start_review", (S.SUBMITTED,), S.UNDER_REVIEW, _("Take into review"),
               is_office_staff),
    Transition("request_revision",
               (S.UNDER_REVIEW, S.RESUBMITTED, S.RECOMMENDED, S.NOT_RECOMMENDED),
               S.REVISION_REQUESTED, _("Request a revision"), is_office, needs=COMMENT,
               style="warning"),
    Transition("resubmit", (S.REVISION_REQUESTED,), S.RESUBMITTED, _("Resubmit after revision"),
               is_initiative_team, freezes_version=True, checks_completeness=True, notify=OFFICE),
    Transition("recommend", (S.UNDER_REVIEW, S.RESUBMITTED), S.RECOMMENDED, _("Recommend"),
               is_office, needs=CONCLUSION, style="success"),
    Transition("not_recommend", (S.UNDER_REVIEW, S.RESUBMITTED), S.NOT_RECOMMENDED,
               _("Do not recommend"), is_office, needs=CONCLUSION, style="danger"),
    Transition("approve", (S.RECOMMENDED, S.NOT_RECOMMENDED), S.APPROVED, _("Approve"),
               is_office_head, style="success", by_decision=True),
    Transition("reject", (S.RECOMMENDED, S.NOT_RECOMMENDED), S.REJECTED, _("Reject"),
               is_office_head, needs=COMMENT, style="danger", by_decision=True),
    Transition("start", (S.APPROVED,), S.IN_PROGRESS, _("Start the project"), is_office),
    Transition("complete", (S.IN_PROGRESS,), S.COMPLETED, _("Mark as completed"), is_office),
    Transition("close", (S.COMPLETED,), S.CLOSED, _("Close the project"), is_office_head,
               needs=COMMENT, style="secondary", by_decision=True),
    Transition("withdraw", BEFORE_DECISION, S.WITHDRAWN, _("Withdraw the initiative"),
               is_initiative_team, needs=REASON, style="outline-danger", notify=OFFICE),
)
BY_NAME = {t.name: t for t in TRANSITIONS}

# What the team is asked to do in each state (shown on its home page and the card).
TEAM_TODO = {
    S.DRAFT: _("Fill in the card and submit it to the office."),
    S.RETURNED: _("Complete the card as the office asked and submit it again."),
    S.REVISION_REQUESTED: _("Revise the card as the experts recommend and resubmit it."),
    S.IN_PROGRESS: _("Carry out the project and report its progress."),
}
NEEDS_LABELS = {
    COMMENT: _("Comment"),
    REASON: _("Reason"),
    CONCLUSION: _("Conclusion"),
}


class IncompleteCard(DomainError):
    """Submitting a card whose required sections are not filled: one message per form field."""

    def __init__(self, errors):
        super().__init__(gettext("Fill in the required sections before submitting."))
        self.errors = errors


def get(name):
    try:
        return BY_NAME[name]
    except KeyError:
        raise DomainError(gettext("There is no such action for an initiative.")) from None


def available(initiative, user):
    """The transitions this person may fire now: the buttons of the card."""
    return [t for t in TRANSITIONS
            if t.allows_from(initiative.state) and t.predicate.test(user, initiative)]


def forceable(initiative):
    """Transitions the office head may force: any that leads somewhere else."""
    return [t for t in TRANSITIONS if t.target != initiative.state]


def state_label(state):
    return S(state).label if state in S.values else state


@transaction.atomic
def fire(initiative: Initiative, transition, *, by: User | None, comment: str = "",
         reason: str = "", basis: str = "", forced: bool = False,
         notify: bool = True) -> Initiative:
    """Move the initiative along ``transition`` (a name or a :class:`Transition`).

    Refuses with :class:`DomainError` when the transition does not start from the current state
    or ``by`` may not fire it, unless ``forced`` by the office head with a written reason.
    ``basis`` names the ground of a decision (e.g. «по решению заседания № 3 от 27.12.2022»).
    ``notify=False`` sends no e-mail (demo data only).
    """
    t = transition if isinstance(transition, Transition) else get(transition)
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    comment, reason, basis = (comment or "").strip(), (reason or "").strip(), (basis or "").strip()
    if forced:
        if by is None or not is_office_head.test(by):
            raise DomainError(gettext("Only the office head may force a transition."))
        if not reason:
            raise DomainError(gettext("Write the reason for forcing this transition."),
                              field="reason")
        if locked.state == t.target:
            raise DomainError(gettext("The initiative is already in this state."))
    else:
        if not t.allows_from(locked.state):
            raise DomainError(
                gettext("«%(action)s» is not possible while the initiative is «%(state)s».")
                % {"action": t.label, "state": state_label(locked.state)}
            )
        if by is None or not t.predicate.test(by, locked):
            raise DomainError(gettext("You may not «%(action)s» for this initiative.")
                              % {"action": t.label})
        if t.needs == COMMENT and not comment:
            raise DomainError(gettext("Write a comment for the team."), field="comment")
        if t.needs == REASON and not reason:
            raise DomainError(gettext("Write the reason."), field="reason")
        if t.needs == CONCLUSION and not (comment or basis):
            raise DomainError(gettext("Write the conclusion."), field="comment")
        if t.checks_completeness:
            missing = {**sections.missing(locked), **questions.missing(locked)}
            if missing:
                raise IncompleteCard(missing)
        if t.name == "submit":  # the call's deadline governs the first submission only
            calls.check_first_submission(locked, at=timezone.now())

    source = locked.state
    locked.state = t.target
    fields = ["state", "updated_at"]
    if t.freezes_version:
        locked.submitted_at = timezone.now()
        fields.append("submitted_at")
    locked.save(update_fields=fields)
    version = freeze_version(locked, by=by) if t.freezes_version else None
    if t.freezes_version:  # every submission takes a number in its call's journal
        calls.register_submission(locked, version=version, by=by, send=notify)

    # the assignments close first, so that the change of state heads the history
    state_changed.send(sender=Initiative, initiative=locked, source=source, target=t.target,
                       by=by, notify=notify, reason=gettext(
        "The initiative moved from «%(from)s» to «%(to)s»: no review is expected any more."
    ) % {"from": state_label(source), "to": state_label(t.target)})
    note = "\n".join(p for p in (
        basis,
        comment,
        f"{gettext('Reason')}: {reason}" if reason else "",
    ) if p)
    audit.record(
        locked,
        actor=by,
        action=AuditAction.STATE_FORCED if forced else AuditAction.STATE_CHANGED,
        from_value=source,
        to_value=t.target,
        comment=note,
        data={"transition": t.name, "from": source, "to": t.target, "basis": basis,
              "reason": reason, "forced": forced, "version": version.number if version else None},
    )
    if notify:
        _notify(locked, t, by=by, source=source, note=note)
    for name in ("state", "submitted_at", "updated_at"):
        setattr(initiative, name, getattr(locked, name))
    return initiative


def freeze_version(initiative, *, by):
    """Store the card as submitted; numbers go 1, 2, 3… per initiative."""
    fresh = (
        Initiative.objects.select_related("organisation", "leader", "direction__portfolio", "network")
        .prefetch_related("team__person", "indicators", "strategy_goals")
        .get(pk=initiative.pk)
    )
    last = initiative.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return InitiativeVersion.objects.create(
        initiative=initiative,
        number=last + 1,
        snapshot={"sections": sections.section_texts(fresh),
                  "answers": questions.answer_texts(fresh)},
        submitted_by=by if by is not None and by.is_authenticated else None,
        submitted_at=initiative.submitted_at or timezone.now(),
    )


# The kind of notification each transition sends; the others are plain state changes.
NOTIFICATION_KINDS = {
    "request_revision": NotificationKind.REVISION_REQUESTED,
    "approve": NotificationKind.DECISION_MADE,
    "reject": NotificationKind.DECISION_MADE,
    "close": NotificationKind.DECISION_MADE,
}


def _recipients(initiative, audience):
    if audience == OFFICE:
        people = User.objects.filter(
            is_active=True, role_assignments__role__in=["office_staff", "office_head"]
        )
    else:
        people = User.objects.filter(
            is_active=True,
            memberships__organisation_id=initiative.organisation_id,
            memberships__is_active=True,
        )
    return list(people.distinct().order_by("pk"))


def _notify(initiative, t, *, by, source, note):
    """Tell the people who act next, in the portal and by the channel each chose."""
    title, body = letters.compose(letters.STATE_CHANGED, letters.state_values(
        initiative, source=state_label(source), target=state_label(t.target), by=by, note=note,
        todo=TEAM_TODO.get(t.target, "") if t.notify == TEAM else ""))
    notify(
        _recipients(initiative, t.notify),
        kind=NOTIFICATION_KINDS.get(t.name, NotificationKind.INITIATIVE_STATE_CHANGED),
        title=title, body=body,
        url=initiative.get_absolute_url(),
        actor=by,
    )
