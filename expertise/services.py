"""Domain functions of expertise: assignments, reviews, the accompaniment thread and the
conclusion (review forms: ``initiatives.review_forms``). One function per change, keyword-only
arguments; each runs in one transaction, validates, writes an audit record and tells people after
commit through ``accounts.notifications.notify`` (one small ``_notify_<event>`` function per
notification point). State of an initiative changes only through ``initiatives.lifecycle.fire``.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify, notify_many
from accounts.rules import is_expert, is_office, is_office_head
from expertise import assignments, calls
from expertise.models import (
    Conclusion,
    ConflictOfInterest,
    ExpertAssignment,
    ExpertDirection,
    Review,
    Score,
    ThreadMessage,
)
from expertise.queries import conflict_reason
from expertise.review_forms import form_in_use
from expertise.signals import conclusion_issued
from initiatives import lifecycle
from initiatives.enums import (
    CONCLUSION_TRANSITIONS,
    FINAL_STATES,
    ConclusionState,
    ExpertAssignmentStatus,
    InitiativeAction,
    InitiativeState,
    MessageKind,
    Recommendation,
    RecommendationState,
    ReviewState,
)
from initiatives.models import Initiative, InitiativeVersion
from initiatives.rules import is_assigned_expert, is_initiative_team

TEXT_LIMIT = 20000
OPEN_ASSIGNMENT = (ExpertAssignmentStatus.PROPOSED, ExpertAssignmentStatus.ACCEPTED)
# An expert reviews while the office examines the card.
REVIEWABLE_STATES = (InitiativeState.SUBMITTED, InitiativeState.UNDER_REVIEW,
                     InitiativeState.RESUBMITTED)
# A conclusion is composed and issued while the card is under review.
CONCLUSION_STATES = (InitiativeState.UNDER_REVIEW, InitiativeState.RESUBMITTED)


def _text(value, limit=TEXT_LIMIT):
    return (value or "").replace("\x00", "").strip()[:limit]


def _office_people():
    return list(User.objects.filter(
        is_active=True, role_assignments__role__in=["office_staff", "office_head"]
    ).distinct().order_by("pk"))


def _team_people(initiative):
    return list(User.objects.filter(
        is_active=True, memberships__organisation_id=initiative.organisation_id,
        memberships__is_active=True,
    ).distinct().order_by("pk"))


def _experts_of(initiative):
    return list(User.objects.filter(
        is_active=True, expert_assignments__initiative=initiative,
        expert_assignments__status__in=[*OPEN_ASSIGNMENT, ExpertAssignmentStatus.DONE],
    ).distinct().order_by("pk"))


# --- assignments ----------------------------------------------------------------------------


@transaction.atomic
def assign_expert(initiative: Initiative, *, expert: User, by: User | None,
                  due_on: datetime.date | None = None,
                  status: str = ExpertAssignmentStatus.PROPOSED,
                  check_conflicts: bool = True, send: bool = True) -> ExpertAssignment:
    """Ask an expert to review the initiative by ``due_on``; refuses a conflict of interest.
    (Many cards at once: ``expertise.bulk.assign_many``, the same checks
    (``assignments.refusal``) read once.)

    ``check_conflicts=False`` and ``send=False`` are for the demo data of issue 4 only.
    """
    refusal = assignments.refusal(
        initiative, expert, due_on=due_on, past_due=due_on is not None and send
        and due_on < timezone.localdate(), drawn_on=calls.expert_ids_for(initiative),
        conflict=conflict_reason(expert, initiative) if check_conflicts else "")
    if refusal is not None:
        raise refusal
    existing = ExpertAssignment.objects.filter(initiative=initiative, expert=expert).first()
    if existing is not None:
        if existing.status != ExpertAssignmentStatus.DECLINED:
            if check_conflicts:
                raise DomainError(_("This expert is already assigned."), field="expert")
            return existing
        assignments.propose_again(existing, due_on=due_on, by=by, status=status)
        existing.save(update_fields=assignments.REPROPOSED_FIELDS)
        assignment = existing
    else:
        assignment = ExpertAssignment.objects.create(
            initiative=initiative, expert=expert, due_on=due_on, status=status, assigned_by=by)
    expert.__dict__.pop("_assigned_initiative_ids", None)
    audit.record_lines([assignments.assigned_line(assignment, by=by)])
    if send:
        notify_many([assignments.assigned_event(assignment, by=by)])
    return assignment


def _own_assignment(assignment, by):
    if by is None or assignment.expert_id != by.pk:
        raise DomainError(_("This assignment is addressed to another expert."))


@transaction.atomic
def accept_assignment(assignment: ExpertAssignment, *, by: User) -> ExpertAssignment:
    _own_assignment(assignment, by)
    if assignment.status != ExpertAssignmentStatus.PROPOSED:
        raise DomainError(_("The assignment has already been answered."))
    assignment.status = ExpertAssignmentStatus.ACCEPTED
    assignment.responded_at = timezone.now()
    assignment.save(update_fields=["status", "responded_at"])
    audit.record(assignment.initiative, actor=by, action=InitiativeAction.ASSIGNMENT_ACCEPTED,
                 to_value=by.full_name)
    return assignment


@transaction.atomic
def decline_assignment(assignment: ExpertAssignment, *, by: User, reason: str,
                       conflict: bool = False) -> ExpertAssignment:
    """Decline with a reason; declining for a conflict of interest records the conflict."""
    _own_assignment(assignment, by)
    if assignment.status not in OPEN_ASSIGNMENT:
        raise DomainError(_("The assignment has already been answered."))
    if hasattr(assignment, "review") and assignment.review.is_submitted:
        raise DomainError(_("The review is already submitted."))
    reason = _text(reason, 5000)
    if not reason:
        raise DomainError(_("Write why you decline."), field="reason")
    assignment.status = ExpertAssignmentStatus.DECLINED
    assignment.decline_reason = reason
    assignment.responded_at = timezone.now()
    assignment.save(update_fields=["status", "decline_reason", "responded_at"])
    by.__dict__.pop("_assigned_initiative_ids", None)
    initiative = assignment.initiative
    audit.record(initiative, actor=by, action=InitiativeAction.ASSIGNMENT_DECLINED,
                 to_value=by.full_name, comment=reason)
    if conflict:
        ConflictOfInterest.objects.create(expert=by, initiative=initiative, reason=reason,
                                          recorded_by=by)
        audit.record(initiative, actor=by, action=InitiativeAction.CONFLICT_DECLARED,
                     to_value=by.full_name, comment=reason)
    _notify_declined(assignment, by=by)
    return assignment


def _notify_declined(assignment, *, by):
    notify(_office_people(), kind=NotificationKind.EXPERT_ASSIGNED,
           title=_("%(expert)s declined to review «%(title)s»") % {
               "expert": by.short_name, "title": assignment.initiative.title},
           body=assignment.decline_reason, url=assignment.initiative.get_absolute_url(), actor=by)


@transaction.atomic
def remind_reviews(*, today: datetime.date | None = None) -> int:
    """Remind experts of reviews due within ``REVIEW_REMINDER_DAYS`` days or overdue, at most
    once a day per assignment. Returns the number of reminders."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REVIEW_REMINDER_DAYS)
    due = list(
        ExpertAssignment.objects.awaited().select_for_update(of=("self",))
        .filter(due_on__isnull=False, due_on__lte=horizon)
        .exclude(last_reminded_on=today)
        .select_related("initiative", "expert")
        .order_by("due_on", "pk")
    )
    for assignment in due:
        _notify_due(assignment, today=today)
        audit.record(assignment.initiative, actor=None, action=InitiativeAction.REVIEW_REMINDED,
                     to_value=assignment.expert.full_name,
                     comment=assignment.due_on.strftime("%d.%m.%Y"))
    ExpertAssignment.objects.filter(pk__in=[a.pk for a in due]).update(last_reminded_on=today)
    return len(due)


def _notify_due(assignment, *, today):
    title = assignment.initiative.title
    due = assignment.due_on.strftime("%d.%m.%Y")
    if assignment.due_on < today:
        heading = _("The review of «%(title)s» is overdue (due %(due)s)")
    else:
        heading = _("The review of «%(title)s» is due %(due)s")
    notify([assignment.expert], kind=NotificationKind.REVIEW_DUE,
           title=heading % {"title": title, "due": due},
           url=assignment.initiative.get_absolute_url() + "review/")


# --- reviews --------------------------------------------------------------------------------


class IncompleteReview(DomainError):
    """Submitting a review with missing scores or comments: one message per field."""

    def __init__(self, errors):
        super().__init__(_("Complete the review before submitting it."))
        self.errors = errors


@transaction.atomic
def open_review(assignment: ExpertAssignment, *, by: User) -> Review:
    """The expert's review on the form in use, created at the first visit."""
    _own_assignment(assignment, by)
    existing = Review.objects.filter(assignment=assignment).first()
    if existing is not None:
        return existing
    if assignment.status != ExpertAssignmentStatus.ACCEPTED:
        raise DomainError(_("Accept the assignment before writing the review."))
    form = calls.review_form_for(assignment.initiative) or form_in_use()
    if form is None:
        raise DomainError(_("The office has no review form in use yet."))
    return Review.objects.create(assignment=assignment, form=form)


def _score_value(raw, criterion):
    if raw is None or raw == "":
        return None
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise DomainError(_("Enter a whole number."), field=f"score_{criterion.pk}") from None
    if not criterion.scale_min <= value <= criterion.scale_max:
        raise DomainError(
            _("The score must be from %(min)s to %(max)s.") % {
                "min": criterion.scale_min, "max": criterion.scale_max},
            field=f"score_{criterion.pk}")
    return value


@transaction.atomic
def save_review(review: Review, *, by: User, scores: dict, recommendation: str = "",
                summary: str = "") -> Review:
    """Save the draft: ``scores`` maps criterion id to (value, comment). Nothing is required yet;
    numbers outside the scale are refused."""
    review = Review.objects.select_for_update().select_related("assignment").get(pk=review.pk)
    _own_assignment(review.assignment, by)
    if review.is_submitted:
        raise DomainError(_("The review is submitted and can no longer be changed."))
    if review.assignment.status == ExpertAssignmentStatus.CLOSED:
        raise DomainError(_("The assignment is closed: no review of this initiative is "
                            "expected now."))
    if recommendation and recommendation not in Recommendation.values:
        raise DomainError(_("Choose a recommendation from the list."), field="recommendation")
    criteria = {c.pk: c for c in review.form.criteria.all()}
    current = {s.criterion_id: s for s in review.scores.all()}
    for criterion_id, (raw, comment) in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            continue
        value = _score_value(raw, criterion)
        comment = _text(comment, 5000)
        row = current.get(criterion.pk)
        if row is None:
            Score.objects.create(review=review, criterion=criterion, value=value, comment=comment)
        elif (row.value, row.comment) != (value, comment):
            row.value, row.comment = value, comment
            row.save(update_fields=["value", "comment"])
    review.recommendation = recommendation or ""
    review.summary = _text(summary)
    review.revision += 1
    review.save(update_fields=["recommendation", "summary", "revision", "updated_at"])
    return review


@transaction.atomic
def submit_review(review: Review, *, by: User) -> Review:
    """Submit: every criterion scored, a comment beside each low score, a recommendation."""
    review = Review.objects.select_for_update().select_related(
        "assignment__initiative").get(pk=review.pk)
    assignment = review.assignment
    _own_assignment(assignment, by)
    if review.is_submitted:
        raise DomainError(_("The review is already submitted."))
    if assignment.initiative.state not in REVIEWABLE_STATES:
        raise DomainError(_("The initiative is not under review now."))
    scores = {s.criterion_id: s for s in review.scores.all()}
    errors = {}
    for criterion in review.form.criteria.all():
        row = scores.get(criterion.pk)
        if row is None or row.value is None:
            errors[f"score_{criterion.pk}"] = _("Give a score.")
        elif criterion.needs_comment(row.value) and not row.comment.strip():
            errors[f"comment_{criterion.pk}"] = _(
                "A score of %(value)s or lower needs a comment: explain what is missing."
            ) % {"value": criterion.comment_threshold}
    if not review.recommendation:
        errors["recommendation"] = _("Choose the overall recommendation.")
    if errors:
        raise IncompleteReview(errors)
    review.state = ReviewState.SUBMITTED
    review.submitted_at = timezone.now()
    review.save(update_fields=["state", "submitted_at", "updated_at"])
    assignment.status = ExpertAssignmentStatus.DONE
    assignment.save(update_fields=["status"])
    by.__dict__.pop("_submitted_review_initiative_ids", None)
    audit.record(assignment.initiative, actor=by, action=InitiativeAction.REVIEW_SUBMITTED,
                 to_value=review.recommendation, comment=by.full_name)
    _notify_review_submitted(review, by=by)
    return review


def _notify_review_submitted(review, *, by):
    initiative = review.assignment.initiative
    notify(_office_people(), kind=NotificationKind.REVIEW_SUBMITTED,
           title=_("%(expert)s submitted a review of «%(title)s»") % {
               "expert": by.short_name, "title": initiative.title},
           body=_("Recommendation: %(rec)s.") % {
               "rec": Recommendation(review.recommendation).label},
           url=initiative.get_absolute_url() + "reviews/", actor=by)


# --- the accompaniment thread ---------------------------------------------------------------


@transaction.atomic
def post_message(initiative: Initiative, *, by: User, kind: str, text: str,
                 reply_to: ThreadMessage | None = None) -> ThreadMessage:
    """Write in the thread: a recommendation (experts and the office), a question, an answer
    (to a question of this thread) or a note. The thread is open until the initiative closes."""
    if initiative.state in FINAL_STATES:
        raise DomainError(_("The thread of a closed initiative is read-only."))
    if kind not in MessageKind.values:
        raise DomainError(_("Choose the kind of message."), field="kind")
    text = _text(text)
    if not text:
        raise DomainError(_("Write the message."), field="text")
    if kind == MessageKind.RECOMMENDATION and not (
        is_office.test(by) or is_assigned_expert.test(by, initiative)
    ):
        raise DomainError(_("Recommendations are given by the initiative's experts and the "
                            "office."), field="kind")
    if kind == MessageKind.ANSWER:
        if reply_to is None or reply_to.initiative_id != initiative.pk \
                or reply_to.kind != MessageKind.QUESTION:
            raise DomainError(_("An answer replies to a question of this thread."), field="kind")
    elif reply_to is not None and reply_to.initiative_id != initiative.pk:
        raise DomainError(_("The message you reply to is in another thread."))
    message = ThreadMessage.objects.create(
        initiative=initiative, author=by, kind=kind, text=text, reply_to=reply_to,
        state=RecommendationState.OPEN if kind == MessageKind.RECOMMENDATION else "",
    )
    audit.record(initiative, actor=by, action=InitiativeAction.MESSAGE_POSTED, to_value=kind,
                 comment=text[:300])
    _notify_message(message, by=by)
    return message


def _notify_message(message, *, by):
    initiative = message.initiative
    team = _team_people(initiative)
    if message.kind == MessageKind.RECOMMENDATION:
        people, kind = team, NotificationKind.RECOMMENDATION_GIVEN
        title = _("A recommendation on «%(title)s»")
    else:
        on_team = is_initiative_team.test(by, initiative)
        people = ([*_experts_of(initiative), *_office_people()] if on_team
                  else [*team, *_experts_of(initiative)])
        kind = NotificationKind.THREAD_MESSAGE
        title = (_("A question on «%(title)s»") if message.kind == MessageKind.QUESTION
                 else _("A new message on «%(title)s»"))
    notify(people, kind=kind, title=title % {"title": initiative.title}, body=message.text[:1000],
           url=message.get_absolute_url(), actor=by)


def _recommendation(message, state):
    locked = ThreadMessage.objects.select_for_update().select_related("initiative").get(
        pk=message.pk)
    if locked.kind != MessageKind.RECOMMENDATION:
        raise DomainError(_("Only a recommendation is addressed and accepted."))
    if locked.state != state:
        raise DomainError(_("The recommendation is «%(state)s» now.") % {
            "state": locked.get_state_display()})
    return locked


@transaction.atomic
def mark_addressed(message: ThreadMessage, *, by: User, version: InitiativeVersion | None = None,
                   note: str = "") -> ThreadMessage:
    """The team says where the recommendation is addressed: a version of the card or, in
    words, a report."""
    message = _recommendation(message, RecommendationState.OPEN)
    if not is_initiative_team.test(by, message.initiative):
        raise DomainError(_("The initiative's team marks its recommendations addressed."))
    note = _text(note, 500)
    if version is not None and version.initiative_id != message.initiative_id:
        raise DomainError(_("Choose a version of this initiative."), field="version")
    if version is None and not note:
        raise DomainError(_("Point to the version or the report that addresses the "
                            "recommendation."), field="note")
    message.state = RecommendationState.ADDRESSED
    message.addressed_version, message.addressed_note = version, note
    message.addressed_by, message.addressed_at = by, timezone.now()
    message.save(update_fields=["state", "addressed_version", "addressed_note", "addressed_by",
                                "addressed_at"])
    pointer = note or _("version %(n)s") % {"n": version.number}
    audit.record(message.initiative, actor=by, action=InitiativeAction.RECOMMENDATION_ADDRESSED,
                 from_value=RecommendationState.OPEN, to_value=RecommendationState.ADDRESSED,
                 comment=pointer)
    notify([message.author, *_office_people()], kind=NotificationKind.RECOMMENDATION_ADDRESSED,
           title=_("The team addressed a recommendation on «%(title)s»") % {
               "title": message.initiative.title},
           body=pointer, url=message.get_absolute_url(), actor=by)
    return message


def _may_resolve(message, by):
    if by is None or not (message.author_id == by.pk or is_office.test(by)):
        raise DomainError(_("The expert who gave the recommendation (or the office) accepts it."))


@transaction.atomic
def accept_recommendation(message: ThreadMessage, *, by: User) -> ThreadMessage:
    message = _recommendation(message, RecommendationState.ADDRESSED)
    _may_resolve(message, by)
    message.state = RecommendationState.ACCEPTED
    message.resolved_by, message.resolved_at = by, timezone.now()
    message.save(update_fields=["state", "resolved_by", "resolved_at"])
    audit.record(message.initiative, actor=by, action=InitiativeAction.RECOMMENDATION_ACCEPTED,
                 from_value=RecommendationState.ADDRESSED, to_value=RecommendationState.ACCEPTED)
    notify(_team_people(message.initiative), kind=NotificationKind.RECOMMENDATION_ACCEPTED,
           title=_("A recommendation on «%(title)s» is accepted") % {
               "title": message.initiative.title},
           url=message.get_absolute_url(), actor=by)
    return message


@transaction.atomic
def reopen_recommendation(message: ThreadMessage, *, by: User, comment: str) -> ThreadMessage:
    message = _recommendation(message, RecommendationState.ADDRESSED)
    _may_resolve(message, by)
    comment = _text(comment, 5000)
    if not comment:
        raise DomainError(_("Write what is still missing."), field="comment")
    message.state = RecommendationState.OPEN
    message.save(update_fields=["state"])
    audit.record(message.initiative, actor=by, action=InitiativeAction.RECOMMENDATION_REOPENED,
                 from_value=RecommendationState.ADDRESSED, to_value=RecommendationState.OPEN,
                 comment=comment)
    ThreadMessage.objects.create(initiative=message.initiative, author=by, kind=MessageKind.NOTE,
                                 text=comment, reply_to=message)
    notify(_team_people(message.initiative), kind=NotificationKind.RECOMMENDATION_GIVEN,
           title=_("A recommendation on «%(title)s» is reopened") % {
               "title": message.initiative.title},
           body=comment, url=message.get_absolute_url(), actor=by)
    return message


# --- the conclusion -------------------------------------------------------------------------


@transaction.atomic
def compose_conclusion(initiative: Initiative, *, by: User, summary: str, recommendation: str,
                       conditions: str = "") -> Conclusion:
    """Office staff write (or rewrite) the draft conclusion from the reviews."""
    if by is None or not is_office.test(by):
        raise DomainError(_("The project office composes the conclusion."))
    if initiative.state not in CONCLUSION_STATES:
        raise DomainError(_("A conclusion is composed while the initiative is under review."))
    summary, conditions = _text(summary), _text(conditions)
    if not summary:
        raise DomainError(_("Write the summary of the reviews."), field="summary")
    if recommendation not in Recommendation.values:
        raise DomainError(_("Choose the recommendation."), field="recommendation")
    if recommendation == Recommendation.AFTER_REVISION and not conditions:
        raise DomainError(_("Write what the team must revise."), field="conditions")
    conclusion = Conclusion.objects.select_for_update().filter(
        initiative=initiative, state=ConclusionState.DRAFT).first()
    if conclusion is None:
        conclusion = Conclusion(initiative=initiative, composed_by=by)
    conclusion.summary, conclusion.recommendation, conclusion.conditions = (
        summary, recommendation, conditions)
    conclusion.composed_by = by
    conclusion.save()
    audit.record(initiative, actor=by, action=InitiativeAction.CONCLUSION_COMPOSED,
                 to_value=recommendation)
    return conclusion


def _next_number(year):
    numbers = Conclusion.objects.filter(number__endswith=f"/{year}").values_list("number",
                                                                                flat=True)
    used = [int(n.split("-")[0]) for n in numbers if n.split("-")[0].isdigit()]
    return f"{max(used, default=0) + 1}-ЭЗ/{year}"


@transaction.atomic
def issue_conclusion(conclusion: Conclusion, *, by: User, notify_people: bool = True,
                     build_pdf: bool = True) -> Conclusion:
    """The office head issues the conclusion: it gets a number and a date, and the initiative
    moves by the lifecycle (recommend / request a revision / do not recommend). The PDF is built
    by a Celery task after commit."""
    conclusion = Conclusion.objects.select_for_update().select_related("initiative").get(
        pk=conclusion.pk)
    if by is None or not is_office_head.test(by):
        raise DomainError(_("The office head issues the conclusion."))
    if conclusion.state != ConclusionState.DRAFT:
        raise DomainError(_("The conclusion is already issued."))
    initiative = conclusion.initiative
    now = timezone.now()
    conclusion.number = _next_number(timezone.localtime(now).year)
    conclusion.state = ConclusionState.ISSUED
    conclusion.issued_by, conclusion.issued_at = by, now
    try:
        with transaction.atomic():
            conclusion.save()
    except IntegrityError:
        raise DomainError(_("Another conclusion took this number; issue it again.")) from None
    label = Recommendation(conclusion.recommendation).label
    lifecycle.fire(initiative, CONCLUSION_TRANSITIONS[conclusion.recommendation], by=by,
                   comment="\n".join(p for p in (
                       _("Conclusion No. %(number)s: %(rec)s.") % {
                           "number": conclusion.number, "rec": label},
                       conclusion.conditions) if p),
                   notify=notify_people)
    audit.record(initiative, actor=by, action=InitiativeAction.CONCLUSION_ISSUED,
                 to_value=conclusion.recommendation, comment=conclusion.number)
    if notify_people:
        _notify_conclusion(conclusion, by=by)
    if build_pdf:
        conclusion_id = conclusion.pk
        transaction.on_commit(
            lambda: conclusion_issued.send(sender=Conclusion, conclusion_id=conclusion_id))
    return conclusion


def _notify_conclusion(conclusion, *, by):
    initiative = conclusion.initiative
    notify([*_team_people(initiative), *_experts_of(initiative)],
           kind=NotificationKind.CONCLUSION_ISSUED,
           title=_("Conclusion No. %(number)s on «%(title)s» is issued") % {
               "number": conclusion.number, "title": initiative.title},
           body=Recommendation(conclusion.recommendation).label,
           url=conclusion.get_absolute_url(), actor=by)



@transaction.atomic
def set_expert_directions(expert: User, *, directions, by: User) -> list:
    """The portfolio directions an expert prefers to review; they raise the expert's fit in the
    suggestions for initiatives of those directions."""
    if not is_office.test(by):
        raise DomainError(_("Only the office keeps the experts' preferred directions."))
    if not is_expert.test(expert):
        raise DomainError(_("This person is not an expert."))
    wanted = {d.pk: d for d in directions}
    current = dict(ExpertDirection.objects.filter(expert=expert)
                   .values_list("direction_id", "direction__name"))
    ExpertDirection.objects.filter(expert=expert).exclude(direction_id__in=wanted).delete()
    ExpertDirection.objects.bulk_create(
        [ExpertDirection(expert=expert, direction=d) for pk, d in wanted.items() if pk not in current]
    )
    after = sorted(d.name for d in wanted.values())
    if sorted(current.values()) != after:
        audit.record(expert, actor=by, action=InitiativeAction.EXPERT_DIRECTIONS_SET,
                     from_value="; ".join(sorted(current.values()))[:300],
                     to_value="; ".join(after)[:300])
    return after
