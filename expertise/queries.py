"""Reads the expertise pages share: conflicts, suggestions, reviews, the thread, conclusions,
the evidence of an expert's growth and the expert pool."""


from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import POSITION_RANK
from accounts.models import ExpertPosition, RoleAssignment, User
from expertise import aggregation
from expertise.models import (
    CallExpertise,
    ConflictOfInterest,
    Criterion,
    ExpertAssignment,
    ExpertDirection,
    Review,
    Score,
    ThreadMessage,
)
from initiatives.enums import (
    FINAL_STATES,
    ExpertAssignmentStatus,
    MessageKind,
    RecommendationState,
    ReviewState,
)
from initiatives.models import TeamMember
from network.models import Membership

# --- expertise: conflicts, suggestions, reviews, the thread, conclusions -----------------------


def conflict_reason(expert, initiative):
    """Why the expert may not review the initiative, or "" (same organisation, on its team,
    or a declared conflict for it or its organisation)."""
    if Membership.objects.filter(person=expert, organisation_id=initiative.organisation_id,
                                 is_active=True).exists():
        return _("the expert works in the initiative's organisation.")
    if TeamMember.objects.filter(initiative=initiative, person=expert).exists():
        return _("the expert is on the initiative's team.")
    if ConflictOfInterest.objects.filter(
        Q(initiative=initiative) | Q(organisation_id=initiative.organisation_id), expert=expert
    ).exists():
        return _("the expert has declared a conflict of interest.")
    return ""


def _conflict_free(qs, initiative):
    return qs.exclude(Exists(Membership.objects.filter(
        person=OuterRef("pk"), organisation_id=initiative.organisation_id, is_active=True,
    ))).exclude(Exists(TeamMember.objects.filter(
        initiative=initiative, person=OuterRef("pk"),
    ))).exclude(Exists(ConflictOfInterest.objects.filter(
        Q(initiative=initiative) | Q(organisation_id=initiative.organisation_id),
        expert=OuterRef("pk"),
    )))


def open_load():
    """Count of an expert's open assignments (proposed or accepted, initiative not final).

    A subquery per expert read through the index on (expert, status): it reads only the open
    assignments, where a join counted over every assignment the expert ever had (the experts'
    pages took 250–360 ms at 10,000 initiatives)."""
    open_ones = ExpertAssignment.objects.filter(
        expert=OuterRef("pk"),
        status__in=[ExpertAssignmentStatus.PROPOSED, ExpertAssignmentStatus.ACCEPTED],
    ).exclude(initiative__state__in=FINAL_STATES)
    return Coalesce(Subquery(
        open_ones.order_by().values("expert").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField()), 0)


def suggest_experts(initiative):
    """Experts who may review the initiative, best first: those preferring its direction, then
    the least loaded, then the more developed position. Conflicts of interest are excluded, and
    so are experts already assigned (unless they declined)."""
    # the role as a semi-join (a person has a role once), as in expert_pool: no DISTINCT over
    # every column and annotation of thousands of experts
    qs = User.objects.filter(is_active=True,
                             pk__in=RoleAssignment.objects.filter(role="expert").values("user_id"))
    if initiative.call_id:  # a call may draw on some experts only
        narrowed = CallExpertise.experts.through.objects.filter(
            callexpertise__call_id=initiative.call_id).values("user_id")
        qs = qs.filter(Q(pk__in=narrowed) | ~Exists(narrowed))
    qs = _conflict_free(qs, initiative).exclude(
        Exists(ExpertAssignment.objects.filter(initiative=initiative, expert=OuterRef("pk"))
               .exclude(status=ExpertAssignmentStatus.DECLINED))
    )
    position = ExpertPosition.objects.filter(person=OuterRef("pk")).order_by("-since", "-pk")
    return (
        qs.annotate(
            open_load=open_load(),
            fits_direction=Exists(ExpertDirection.objects.filter(
                expert=OuterRef("pk"), direction_id=initiative.direction_id)),
            position=Subquery(position.values("position")[:1]),
        )
        .annotate(position_rank=Case(
            *[When(position=code, then=Value(rank)) for code, rank in POSITION_RANK.items()],
            default=Value(0), output_field=IntegerField(),
        ))
        .order_by("-fits_direction", "open_load", "-position_rank", "last_name", "first_name")
    )


def submitted_review_initiative_ids(user):
    """Ids of the initiatives this expert has submitted a review of, once per request."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = user.__dict__.get("_submitted_review_initiative_ids")
    if cached is None:
        cached = frozenset(Review.objects.filter(
            assignment__expert=user, state=ReviewState.SUBMITTED,
        ).values_list("assignment__initiative_id", flat=True))
        user.__dict__["_submitted_review_initiative_ids"] = cached
    return cached


def open_recommendations(*, initiatives=None, expert=None, organisations=None):
    """Open recommendations (not accepted yet) for dashboards: of some initiatives, given by an
    expert, or addressed to organisations' teams. A queryset; ``.count()`` for a number."""
    qs = ThreadMessage.objects.filter(kind=MessageKind.RECOMMENDATION).exclude(
        state=RecommendationState.ACCEPTED).exclude(initiative__state__in=FINAL_STATES)
    if initiatives is not None:
        qs = qs.filter(initiative__in=initiatives)
    if expert is not None:
        qs = qs.filter(author=expert)
    if organisations is not None:
        qs = qs.filter(initiative__organisation_id__in=organisations)
    return qs.select_related("initiative__organisation", "author").order_by("created_at", "pk")


def overdue_reviews(today=None):
    """Assignments past their due date without a submitted review (dashboards, work queues)."""
    today = today or timezone.localdate()
    return (ExpertAssignment.objects.overdue(today)
            .select_related("initiative__organisation", "expert").order_by("due_on", "pk"))


def thread(initiative):
    """The messages of the thread, oldest first, with what their rows show: the author, and
    for a recommendation the person that addressed it and the version it was addressed in.

    The versions are the card's own (``card()`` prefetches them), not joined again: each join
    cost ≈ 0.2 ms of every card; nor who accepted a recommendation, which the rows do not show.
    """
    versions = {v.pk: v for v in initiative.versions.all()}
    messages = list(ThreadMessage.objects.filter(initiative=initiative).select_related(
        "author", "addressed_by").order_by("created_at", "pk"))
    for message in messages:
        message.initiative = initiative  # the predicates of each row ask for it
        if message.addressed_version_id in versions:
            message.addressed_version = versions[message.addressed_version_id]
    return messages


def review_table(initiative):
    """The submitted reviews as a criteria × experts table with the weighted totals, their mean,
    spread and the disagreement flag (see ``initiatives.aggregation``)."""
    reviews = list(
        Review.objects.filter(assignment__initiative=initiative, state=ReviewState.SUBMITTED)
        .select_related("assignment__expert", "form")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("submitted_at", "pk")
    )
    form_ids = sorted({r.form_id for r in reviews})
    criteria = list(Criterion.objects.filter(form_id__in=form_ids).select_related("form")
                    .order_by("form__version", "order", "pk"))
    columns = []
    for review in reviews:
        by_criterion = {s.criterion_id: s for s in review.scores.all()}
        total = aggregation.weighted_total(
            (s.criterion.weight, s.value, s.criterion.scale_min, s.criterion.scale_max)
            for s in review.scores.all()
        )
        columns.append({"review": review, "expert": review.assignment.expert,
                        "scores": by_criterion, "total": total})
    rows = [{"criterion": c, "cells": [col["scores"].get(c.pk) for col in columns]}
            for c in criteria]
    thresholds = [r.form.disagreement_threshold for r in reviews
                  if r.form.disagreement_threshold is not None]
    stats = aggregation.summary([col["total"] for col in columns],
                                threshold=min(thresholds) if thresholds else None)
    return {"columns": columns, "rows": rows, **stats, "scale": aggregation.total_scale()}


# --- evidence of an expert's growth (registered in accounts.expertise by apps.py) -------------


def reviews_done_by(people):
    """Reviews the experts submitted."""
    return Review.objects.filter(assignment__expert__in=people, state=ReviewState.SUBMITTED)


def consultations_given_by(people):
    """Recommendations and answers an expert wrote in the threads of initiatives."""
    return ThreadMessage.objects.filter(
        author__in=people, kind__in=[MessageKind.RECOMMENDATION, MessageKind.ANSWER],
        author__role_assignments__role="expert")


def recommendations_accepted_of(people):
    """Recommendations of the expert that the teams took up (addressed, or addressed and
    accepted)."""
    return ThreadMessage.objects.filter(
        author__in=people, kind=MessageKind.RECOMMENDATION,
        state__in=[RecommendationState.ADDRESSED, RecommendationState.ACCEPTED],
    )


def expert_pool():
    """Every active expert with their open load, latest position and preferred directions."""
    position = ExpertPosition.objects.filter(person=OuterRef("pk")).order_by("-since", "-pk")
    # the role as a semi-join (a person has a role once): a join with DISTINCT made PostgreSQL
    # count the load of every expert before it cut the page (0.27 s with 5,000 experts)
    experts = RoleAssignment.objects.filter(role="expert").values("user_id")
    return (
        User.objects.filter(is_active=True, pk__in=experts)
        .annotate(open_load=open_load(), position=Subquery(position.values("position")[:1]))
        .prefetch_related(Prefetch("preferred_directions",
                                   queryset=ExpertDirection.objects.select_related("direction")))
        .order_by("last_name", "first_name", "pk")
    )


def direction_has_experts(direction):
    """Some expert prefers this direction (registered with initiatives.portfolios)."""
    return ExpertDirection.objects.filter(direction=direction).exists()
