"""Reads about initiatives shared by pages, predicates and other apps. Constant query counts."""

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
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
from accounts.models import ExpertPosition, User
from accounts.rules import is_office
from expertise.models import (
    ConflictOfInterest,
    Criterion,
    ExpertAssignment,
    ExpertDirection,
    Review,
    Score,
    ThreadMessage,
)
from initiatives import aggregation
from initiatives.enums import (
    DECISION_STATES,
    FINAL_STATES,
    OFFICE_QUEUE_STATES,
    WAITING_STATES,
    ExpertAssignmentStatus,
    InitiativeState,
    MessageKind,
    RecommendationState,
    ReviewState,
    ReviewStatus,
)
from initiatives.models import Initiative, TeamMember
from network.models import Membership, Organisation
from network.queries import organisation_ids_of
from network.search import SearchQueryOnce
from portfolio.models import ReportingPeriod

# The expression of the full-text search. Migration 0002 builds a GIN index on exactly this
# expression on PostgreSQL, so that a search over 10,000 cards uses the index.
SEARCH_CONFIG = "russian"


def organisations_for(user):
    """The organisations a person may make a draft for: the office any in use, a team its own."""
    organisations = Organisation.objects.in_use().order_by("short_name")
    if not user.has_perm("reports.view_staff_queues"):
        organisations = organisations.filter(pk__in=organisation_ids_of(user))
    return organisations


def search_vector():
    return SearchVector("title", "annotation", config=SEARCH_CONFIG)


def assigned_initiative_ids(user):
    """Ids of the initiatives the person is assigned to as an expert, once per request."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = user.__dict__.get("_assigned_initiative_ids")
    if cached is None:
        cached = frozenset(
            ExpertAssignment.objects.filter(expert=user)
            .exclude(status=ExpertAssignmentStatus.DECLINED)
            .values_list("initiative_id", flat=True)
        )
        user.__dict__["_assigned_initiative_ids"] = cached
    return cached


def visible_initiatives(user):
    """The initiatives a person may see: the office all, a team its organisations', an expert
    those assigned to them; a guest none."""
    qs = Initiative.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if is_office(user):
        return qs
    orgs = organisation_ids_of(user)
    return qs.filter(
        Q(organisation_id__in=orgs)
        | Q(pk__in=ExpertAssignment.objects.filter(expert=user)
            .exclude(status=ExpertAssignmentStatus.DECLINED).values("initiative_id"))
    )


def search(qs, text):
    """Title and annotation search: Russian full-text on PostgreSQL, ``icontains`` elsewhere."""
    text = (text or "").strip()[:200]
    if not text:
        return qs
    if connection.vendor == "postgresql":
        query = SearchQueryOnce(text, config=SEARCH_CONFIG, search_type="websearch")
        return qs.alias(search=search_vector()).filter(search=query).annotate(
            rank=SearchRank(search_vector(), query)
        )
    # SQLite folds the case of Latin letters only: try the usual Cyrillic spellings too.
    condition = Q()
    for variant in {text, text.lower(), text.upper(), text.capitalize()}:
        condition |= Q(title__contains=variant) | Q(annotation__contains=variant)
    return qs.filter(condition)


def registry(user):
    """The registry's rows with what its columns show, in one query per page."""
    return visible_initiatives(user).select_related(
        "organisation", "direction", "leader"
    ).annotate(open_recommendations=open_recommendations_count(), next_due=next_due())


def next_due():
    """The one thing due of an initiative (a list's compact column, a phone's card): the
    earliest awaited review (``ExpertAssignment.objects.awaited``), else the earliest progress
    report not handed in."""
    review = (ExpertAssignment.objects.awaited().filter(initiative=OuterRef("pk"))
              .order_by("due_on").values("due_on")[:1])
    report = (ReportingPeriod.objects.filter(initiative=OuterRef("pk"),
                                             initiative__state=InitiativeState.IN_PROGRESS)
              .exclude(report__status__in=(ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED))
              .order_by("due_on").values("due_on")[:1])
    return Coalesce(Subquery(review), Subquery(report))


REGISTRY_COLUMNS = (
    "title", "state", "academic_year", "organisation__short_name", "direction__name",
    *User.short_name_columns("leader"),
)
"""What a registry row shows (``templates/initiatives/initiative_list.html``)."""


def academic_years():
    """The academic years initiatives have, newest first.

    A loose index scan: each step asks the academic-year index for the greatest year below the
    last one, so the query reads one index entry per year instead of every initiative (the
    DISTINCT it replaced read all 10,000 at 10k, ≈ 1 ms of PostgreSQL on every registry page).
    """
    table = connection.ops.quote_name(Initiative._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE years(year) AS (
                  SELECT MAX(academic_year) FROM {table} WHERE academic_year <> ''
                  UNION ALL
                  SELECT (SELECT MAX(academic_year) FROM {table}
                          WHERE academic_year <> '' AND academic_year < years.year)
                  FROM years WHERE years.year IS NOT NULL
                )
                SELECT year FROM years WHERE year IS NOT NULL""")  # noqa: S608 - no user input
        return [row[0] for row in cursor.fetchall()]


def registry_page(user):
    """The registry page's rows: only the columns it shows. The whole rows carried every section
    of the card; fetching and building fifty of them was a third of the page's time."""
    return registry(user).only(*REGISTRY_COLUMNS)


def card():
    """Cards with everything their page shows; the view has checked the permission.

    Not who created or last edited the card: the page does not show them (the rare autosave
    conflict reads ``last_edited_by`` on its own), and two more joins of the people's table made
    PostgreSQL spend ≈ 2 ms planning this query against ≈ 0.4 ms without them.
    """
    return Initiative.objects.select_related(
        "organisation", "direction__portfolio", "leader", "network",
    ).prefetch_related(
        Prefetch("team", queryset=TeamMember.objects.select_related("person")),
        "indicators",
        "strategy_goals",
        "attachments__uploaded_by",
        Prefetch("versions", queryset=_versions()),
        Prefetch("expert_assignments", queryset=ExpertAssignment.objects.select_related("expert")),
    )


def _versions():
    from initiatives.models import InitiativeVersion

    return InitiativeVersion.objects.select_related("submitted_by").defer("snapshot")


HOME_COLUMNS = ("title", "state", "submitted_at", "organisation__short_name")
"""What a line of a home page's list of initiatives shows (``templates/reports/partials``)."""


def _home_list(qs):
    return qs.select_related("organisation").only(*HOME_COLUMNS)


def team_home(user):
    """A team's open initiatives for its home page, newest first."""
    return list(
        _home_list(Initiative.objects.filter(organisation_id__in=organisation_ids_of(user))
                   .exclude(state__in=FINAL_STATES))
        .order_by("-updated_at")[:20]
    )


def office_queue(limit):
    """Submitted and resubmitted initiatives waiting for the office, oldest first."""
    return list(
        _home_list(Initiative.objects.filter(state__in=OFFICE_QUEUE_STATES))
        .order_by("submitted_at", "pk")[:limit]
    )


def awaiting_decision(limit):
    """Recommended and not recommended initiatives waiting for the head, longest waiting first."""
    return list(
        _home_list(Initiative.objects.filter(state__in=DECISION_STATES))
        .order_by("updated_at", "pk")[:limit]
    )


def expert_home(user):
    return list(
        ExpertAssignment.objects.open().filter(expert=user)
        .with_overdue_flag(timezone.localdate())
        .annotate(is_waiting=ExpressionWrapper(Q(initiative__state__in=WAITING_STATES),
                                               output_field=BooleanField()))
        .select_related("initiative__organisation")
        .only("initiative_id", "due_on", "status", "initiative__title",
              "initiative__organisation__short_name")
        .order_by("is_waiting", "due_on", "pk")[:50]
    )



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
    """Count of an expert's open assignments (proposed or accepted, initiative not final)."""
    return Count(
        "expert_assignments",
        filter=Q(expert_assignments__status__in=[ExpertAssignmentStatus.PROPOSED,
                                                 ExpertAssignmentStatus.ACCEPTED])
        & ~Q(expert_assignments__initiative__state__in=FINAL_STATES),
        distinct=True,
    )


def suggest_experts(initiative):
    """Experts who may review the initiative, best first: those preferring its direction, then
    the least loaded, then the more developed position. Conflicts of interest are excluded, and
    so are experts already assigned (unless they declined)."""
    qs = User.objects.filter(is_active=True, role_assignments__role="expert")
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
        .distinct()
    )


def submitted_review_initiative_ids(user):
    """Ids of the initiatives this expert has submitted a review of, once per request."""
    if not user or not user.is_authenticated:
        return frozenset()
    cached = user.__dict__.get("_submitted_review_initiative_ids")
    if cached is None:
        from expertise.models import Review
        from initiatives.enums import ReviewState

        cached = frozenset(Review.objects.filter(
            assignment__expert=user, state=ReviewState.SUBMITTED,
        ).values_list("assignment__initiative_id", flat=True))
        user.__dict__["_submitted_review_initiative_ids"] = cached
    return cached


def open_recommendations_count():
    """A subquery expression: open (not yet accepted) recommendations of the initiative."""
    rows = (ThreadMessage.objects.filter(initiative=OuterRef("pk"),
                                         kind=MessageKind.RECOMMENDATION)
            .exclude(state=RecommendationState.ACCEPTED)
            .order_by().values("initiative").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


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
    return (
        User.objects.filter(is_active=True, role_assignments__role="expert")
        .annotate(open_load=open_load(), position=Subquery(position.values("position")[:1]))
        .prefetch_related(Prefetch("preferred_directions",
                                   queryset=ExpertDirection.objects.select_related("direction")))
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )
