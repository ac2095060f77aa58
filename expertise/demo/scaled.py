"""Benchmark data of ``seed_demo --scale N`` for the generated initiatives of ``initiatives.demo``:
teams, experts, assignments, reviews with scores, accompaniment threads. Everything is made with
``bulk_create`` (no lifecycle, no audit, no notifications per row) and is idempotent: what exists
is counted and only the rest is made. Runs after ``expertise.demo``.

Per unit of scale (100 initiatives): about 5 experts (every sixth generated person), two
reviews with a score per criterion for every initiative that has been through expertise, and an
accompaniment thread (a recommendation, a question and its answer) for every submitted one.
"""

import datetime

from django.utils import timezone

from accounts.enums import OfficeRole
from accounts.models import RoleAssignment, User
from expertise.models import ExpertAssignment, Review, ReviewForm, Score, ThreadMessage
from initiatives.demo import SCALED_PREFIX
from initiatives.enums import (
    ExpertAssignmentStatus,
    MessageKind,
    Recommendation,
    RecommendationState,
    ReviewState,
)
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative, TeamMember

PREFIX = SCALED_PREFIX
# states whose initiatives have been reviewed (or are being reviewed)
REVIEWED = {S.UNDER_REVIEW, S.REVISION_REQUESTED, S.RESUBMITTED, S.RECOMMENDED,
            S.NOT_RECOMMENDED, S.APPROVED, S.REJECTED, S.IN_PROGRESS, S.COMPLETED, S.CLOSED}
NOT_SUBMITTED = {S.DRAFT}
BATCH = 2000


def seed(ctx):
    if ctx.scale <= 1:
        return
    experts = _experts()
    generated = Initiative.objects.filter(title__startswith=PREFIX)
    _teams(generated)
    form = ReviewForm.objects.filter(status="in_use").order_by("-pk").first()
    if form is not None and experts:
        _reviews(generated, experts, form)
    _threads(generated, experts)


def _experts():
    """Every sixth generated person is an expert."""
    people = list(User.objects.filter(username__startswith="scale-").order_by("pk")
                  .values_list("pk", "username"))
    chosen = [pk for pk, login in people if int(login.removeprefix("scale-")) % 6 == 0]
    have = set(RoleAssignment.objects.filter(user_id__in=chosen, role=OfficeRole.EXPERT)
               .values_list("user_id", flat=True))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user_id=pk, role=OfficeRole.EXPERT) for pk in chosen if pk not in have],
        batch_size=BATCH)
    return chosen


def _teams(generated):
    """The leader and one colleague on the team of each generated card."""
    todo = list(generated.filter(team__isnull=True).exclude(leader__isnull=True)
                .order_by("pk").values_list("pk", "leader_id"))
    people = list(User.objects.filter(username__startswith="scale-").order_by("pk")
                  .values_list("pk", flat=True))
    members = []
    for n, (pk, leader) in enumerate(todo):
        members.append(TeamMember(initiative_id=pk, person_id=leader, is_leader=True,
                                  position="руководитель проекта"))
        colleague = people[(n * 5 + 1) % len(people)]
        if colleague != leader:
            members.append(TeamMember(initiative_id=pk, person_id=colleague, order=1,
                                      position="учитель"))
    TeamMember.objects.bulk_create(members, batch_size=BATCH)


def _reviews(generated, experts, form):
    """Two assignments per reviewed card; submitted reviews with every criterion scored (a
    draft review while the card is under review)."""
    todo = list(generated.filter(state__in=REVIEWED, expert_assignments__isnull=True)
                .order_by("pk").values_list("pk", "state", "starts_on"))
    if not todo:
        return
    criteria = list(form.criteria.order_by("order", "pk"))
    assignments = []
    for n, (pk, state, starts_on) in enumerate(todo):
        status = (ExpertAssignmentStatus.ACCEPTED if state == S.UNDER_REVIEW
                  else ExpertAssignmentStatus.DONE)
        due = datetime.date(starts_on.year, 8, 15) if starts_on else None
        first = (n * 7) % len(experts)
        for k in range(2):
            assignments.append(ExpertAssignment(
                initiative_id=pk, expert_id=experts[(first + k) % len(experts)], status=status,
                due_on=due))
    assignments = ExpertAssignment.objects.bulk_create(assignments, batch_size=BATCH)
    states = {pk: state for pk, state, _starts in todo}
    reviews = []
    for n, a in enumerate(assignments):
        state = states[a.initiative_id]
        draft = state == S.UNDER_REVIEW
        recommendation = (Recommendation.NOT_RECOMMEND if state in (S.NOT_RECOMMENDED, S.REJECTED)
                          else Recommendation.AFTER_REVISION if state in (
                              S.REVISION_REQUESTED, S.RESUBMITTED) or n % 5 == 0
                          else Recommendation.RECOMMEND)
        reviews.append(Review(
            assignment=a, form=form, state=ReviewState.DRAFT if draft else ReviewState.SUBMITTED,
            recommendation="" if draft else recommendation,
            summary="" if draft else "Замысел проработан; сетевой потенциал есть.",
            submitted_at=None if draft else timezone.now()))
    reviews = Review.objects.bulk_create(reviews, batch_size=BATCH)
    scores = []
    for n, review in enumerate(reviews):
        low = review.recommendation == Recommendation.NOT_RECOMMEND
        scored = criteria[:2] if review.state == ReviewState.DRAFT else criteria
        for k, criterion in enumerate(scored):
            span = criterion.scale_max - criterion.scale_min
            value = criterion.scale_min + (span * (1 if low else 3 + (n + k) % 3)) // 5
            scores.append(Score(review=review, criterion=criterion, value=value,
                                comment="Нужно уточнить." if criterion.needs_comment(value) else ""))
    Score.objects.bulk_create(scores, batch_size=BATCH)


def _threads(generated, experts):
    """A recommendation, a question of the team and the expert's answer for every card past
    the draft."""
    todo = list(generated.exclude(state__in=NOT_SUBMITTED).filter(thread__isnull=True)
                .order_by("pk").values_list("pk", "leader_id", "state"))
    if not todo:
        return
    done = {S.APPROVED, S.IN_PROGRESS, S.COMPLETED, S.CLOSED}
    first = []
    for n, (pk, leader, state) in enumerate(todo):
        expert = experts[(n * 7) % len(experts)] if experts else None
        first.append(ThreadMessage(
            initiative_id=pk, author_id=expert, kind=MessageKind.RECOMMENDATION,
            state=RecommendationState.ACCEPTED if state in done else RecommendationState.OPEN,
            text="Уточните базовые значения целевых показателей."))
        first.append(ThreadMessage(initiative_id=pk, author_id=leader, kind=MessageKind.QUESTION,
                                   text="Можно ли считать открытые уроки сетевыми событиями?"))
    first = ThreadMessage.objects.bulk_create(first, batch_size=BATCH)
    answers = [ThreadMessage(initiative_id=q.initiative_id, author_id=r.author_id, reply_to=q,
                             kind=MessageKind.ANSWER,
                             text="Да, если в них участвуют педагоги не менее трёх школ.")
               for r, q in zip(first[::2], first[1::2], strict=True)]
    ThreadMessage.objects.bulk_create(answers, batch_size=BATCH)
