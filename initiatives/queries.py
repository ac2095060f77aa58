"""Reads about initiatives shared by pages, predicates and other apps. Constant query counts."""

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from accounts.rules import is_office
from initiatives.enums import (
    DECISION_STATES,
    FINAL_STATES,
    OFFICE_QUEUE_STATES,
    WAITING_STATES,
    ExpertAssignmentStatus,
    InitiativeState,
    MessageKind,
    RecommendationState,
    ReviewStatus,
)
from initiatives.models import Initiative, InitiativeVersion, TeamMember
from network.models import Organisation
from network.queries import organisation_ids_of
from network.search import SearchQueryOnce


def _related_model(name):
    """The model of a relation a higher app (expertise, portfolio) declares on the card. The card
    reads those rows through the relation and never imports the higher app."""
    return Initiative._meta.get_field(name).related_model


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
            _related_model("expert_assignments").objects.filter(expert=user)
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
    own = qs.filter(organisation_id__in=organisation_ids_of(user)).order_by().values("pk")
    assigned = (_related_model("expert_assignments").objects.filter(expert=user)
                .exclude(status=ExpertAssignmentStatus.DECLINED).order_by()
                .values("initiative_id"))
    # a UNION PostgreSQL reads by the two indexes; an OR of the two conditions made it walk
    # every initiative (0.76 s for a team's export at 100,000 initiatives)
    return qs.filter(pk__in=own.union(assigned))


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
    review = (_related_model("expert_assignments").objects.awaited().filter(initiative=OuterRef("pk"))
              .order_by("due_on").values("due_on")[:1])
    report = (_related_model("reporting_periods").objects.filter(initiative=OuterRef("pk"),
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
        "organisation", "direction__portfolio", "leader", "network", "call",
    ).prefetch_related(
        Prefetch("team", queryset=TeamMember.objects.select_related("person")),
        "indicators",
        "strategy_goals",
        "attachments__uploaded_by",
        Prefetch("versions", queryset=_versions()),
        Prefetch("expert_assignments",
                 queryset=_related_model("expert_assignments").objects.select_related("expert")),
    )


def _versions():
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
        _related_model("expert_assignments").objects.open().filter(expert=user)
        .with_overdue_flag(timezone.localdate())
        .annotate(is_waiting=ExpressionWrapper(Q(initiative__state__in=WAITING_STATES),
                                               output_field=BooleanField()))
        .select_related("initiative__organisation")
        .only("initiative_id", "due_on", "status", "initiative__title",
              "initiative__organisation__short_name")
        .order_by("is_waiting", "due_on", "pk")[:50]
    )


def open_recommendations_count():
    """A subquery expression: open (not yet accepted) recommendations of the initiative."""
    rows = (_related_model("thread").objects.filter(initiative=OuterRef("pk"),
                                         kind=MessageKind.RECOMMENDATION)
            .exclude(state=RecommendationState.ACCEPTED)
            .order_by().values("initiative").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
