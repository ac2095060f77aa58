"""Reads about initiatives shared by pages, predicates and other apps. Constant query counts."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Prefetch, Q

from accounts.rules import is_office
from initiatives.enums import (
    DECISION_STATES,
    FINAL_STATES,
    OFFICE_QUEUE_STATES,
    ExpertAssignmentStatus,
)
from initiatives.models import ExpertAssignment, Initiative, TeamMember
from network.queries import organisation_ids_of

# The expression of the full-text search. Migration 0002 builds a GIN index on exactly this
# expression on PostgreSQL, so that a search over 10,000 cards uses the index.
SEARCH_CONFIG = "russian"


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
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
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
    )


def card():
    """Cards with everything their page shows; the view has checked the permission."""
    return Initiative.objects.select_related(
        "organisation", "direction__portfolio", "leader", "created_by", "last_edited_by",
        "network",
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


def team_home(user):
    """A team's open initiatives for its home page, newest first."""
    return list(
        Initiative.objects.filter(organisation_id__in=organisation_ids_of(user))
        .exclude(state__in=FINAL_STATES)
        .select_related("organisation")
        .order_by("-updated_at")[:20]
    )


def office_queue():
    """Submitted and resubmitted initiatives waiting for the office, oldest first."""
    return list(
        Initiative.objects.filter(state__in=OFFICE_QUEUE_STATES)
        .select_related("organisation")
        .order_by("submitted_at", "pk")[:50]
    )


def awaiting_decision():
    return list(
        Initiative.objects.filter(state__in=DECISION_STATES)
        .select_related("organisation")
        .order_by("updated_at", "pk")[:50]
    )


def expert_home(user):
    return list(
        ExpertAssignment.objects.filter(
            expert=user,
            status__in=[ExpertAssignmentStatus.PROPOSED, ExpertAssignmentStatus.ACCEPTED],
        )
        .exclude(initiative__state__in=FINAL_STATES)
        .select_related("initiative__organisation")
        .order_by("due_on", "pk")[:50]
    )

