"""Reads about organisations and networks that other apps' predicates and pages share.

Constant query counts: every list and page loads its rows with their relations at once.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.utils.html import escape
from django.utils.safestring import mark_safe

from accounts.queries import count_in
from accounts.rules import is_office
from network.enums import MemberRole, MemberStatus, ProductStatus
from network.models import (
    EventOrganiser,
    EventRegistration,
    MethodicalProduct,
    Network,
    NetworkEvent,
    NetworkHealth,
    NetworkMember,
    NetworkOrganisation,
)
from network.search import SEARCH_CONFIG, SearchQueryOnce


def _per_request(user):
    """Where to keep figures of the person for the request: the user object's own attributes,
    also when it comes wrapped in ``request.user``'s lazy object (views and rules get the
    wrapper, templates and forms sometimes the object itself)."""
    user.pk  # noqa: B018 — a lazy wrapper loads its user on first use
    return getattr(user, "_wrapped", user).__dict__


def organisation_ids_of(user):
    """Ids of the organisations on whose teams the person is, loaded once per request (the
    signed-in person's come with them: ``accounts.backends.LoginOrEmailBackend.get_user``)."""
    if not user or not user.is_authenticated:
        return frozenset()
    store = _per_request(user)
    cached = store.get("_organisation_ids")
    if cached is None:
        cached = frozenset(
            user.memberships.filter(is_active=True).values_list("organisation_id", flat=True)
        )
        store["_organisation_ids"] = cached
    return cached


def led_organisation_ids_of(user):
    """Ids of the organisations whose team the person leads, loaded once per request."""
    if not user or not user.is_authenticated:
        return frozenset()
    store = _per_request(user)
    cached = store.get("_led_organisation_ids")
    if cached is None:
        cached = frozenset(user.memberships.filter(is_active=True, is_lead=True).values_list(
            "organisation_id", flat=True))
        store["_led_organisation_ids"] = cached
    return cached


# --- networks ------------------------------------------------------------------------------

def network_roles_of(user):
    """{network id: (role, status)} of the person's memberships, loaded once per request."""
    if not user or not user.is_authenticated:
        return {}
    store = _per_request(user)
    cached = store.get("_network_roles")
    if cached is None:
        cached = {
            n: (role, status)
            for n, role, status in NetworkMember.objects.filter(person=user).values_list(
                "network_id", "role", "status")
        }
        store["_network_roles"] = cached
    return cached


def visible_networks(user):
    """Public networks for everyone; closed ones for their members and the office."""
    qs = Network.objects.all()
    if user is not None and user.is_authenticated and is_office(user):
        return qs
    mine = [n for n, (_r, s) in network_roles_of(user).items() if s == MemberStatus.ACTIVE]
    return qs.filter(Q(is_public=True) | Q(pk__in=mine))


def network_list(user):
    """The list's rows with their counts and latest health, in one query; the counts are
    subqueries of the page's rows (joined counts over every network took 230 ms at 100k)."""
    latest = NetworkHealth.objects.filter(network=OuterRef("pk")).order_by("-quarter")
    return visible_networks(user).select_related("base_organisation").annotate(
        active_members=count_in(NetworkMember.objects.filter(status=MemberStatus.ACTIVE),
                                "network"),
        events_count=count_in(NetworkEvent.objects.all(), "network"),
        health_status=Subquery(latest.values("status")[:1]),
    ).order_by("name")


def network_page(network, *, with_requests=False):
    """Everything the network page shows, in a fixed number of queries (members without any
    contact fields: the page never shows e-mails or phones). ``with_requests``: also the
    requests to join, for those who decide on them, read with the members in one query."""
    statuses = [MemberStatus.ACTIVE] + ([MemberStatus.REQUESTED] if with_requests else [])
    people = list(
        NetworkMember.objects.filter(network=network, status__in=statuses)
        .select_related("person")
        .only("pk", "role", "status", "joined_at", "requested_at", "message", "network_id",
              "person__id", "person__last_name", "person__first_name", "person__patronymic")
        .order_by("-role", "person__last_name", "person__first_name")
    )
    members = [m for m in people if m.status == MemberStatus.ACTIVE]
    organisations = list(
        NetworkOrganisation.objects.filter(network=network).select_related("organisation")
    )
    events = list(
        NetworkEvent.objects.filter(network=network).order_by("-starts_at")[:10]
    )
    health = list(network.health.order_by("-quarter")[:12])[::-1]
    initiatives = list(network.initiatives.select_related("organisation")
                       .only("pk", "title", "network", "organisation__short_name")
                       .order_by("-created_at")[:20])
    founding = list(network.founding_projects.only("pk", "title", "ends_on"))
    page = {
        "coordinators": [m for m in members if m.role == MemberRole.COORDINATOR],
        "members": members,
        "organisations": organisations,
        "events": events,
        "health": health,
        "latest_health": health[-1] if health else None,
        "initiatives": initiatives,
        "founding_projects": founding,
        "products": list(network.products.filter(status=ProductStatus.PUBLISHED)
                         .select_related("organisation")[:10]),
    }
    if with_requests:
        page["join_requests"] = sorted((m for m in people if m.status == MemberStatus.REQUESTED),
                                       key=lambda m: (m.requested_at, m.pk))
    return page


def calendar_events(network):
    return network.events.prefetch_related(
        Prefetch("organisers", queryset=_organisers())
    ).order_by("starts_at", "pk")


def _organisers():
    return EventOrganiser.objects.select_related("person", "organisation").only(
        "pk", "event_id", "person__id", "person__last_name", "person__first_name",
        "person__patronymic", "organisation__id", "organisation__short_name")


def event_page(event):
    return {
        "organisers": list(_organisers().filter(event=event)),
        "materials": list(event.materials.all()),
        "registrations": list(
            EventRegistration.objects.filter(event=event).select_related("person", "organisation")
            .only("pk", "attended", "event_id", "person__id", "person__last_name",
                  "person__first_name", "person__patronymic", "organisation__short_name")
        ),
        "feedback": list(event.feedback.select_related("person").only(
            "pk", "rating", "text", "created_at", "event_id", "person__id",
            "person__last_name", "person__first_name", "person__patronymic")),
    }


# --- the ideas library -------------------------------------------------------------------

_START, _STOP = "\u2063[[", "]]\u2063"
_MARK = re.compile(re.escape(escape(_START)) + "(.*?)" + re.escape(escape(_STOP)), re.S)


def visible_products(user):
    """Published products for everyone; the office sees all; authors see their own.

    The authors are asked in a subquery, not joined: a join repeats a product per co-author and
    its DISTINCT would make PostgreSQL compute the search snippets for every row found.
    """
    qs = MethodicalProduct.objects.all()
    if user is not None and user.is_authenticated:
        if is_office(user):
            return qs
        authored = MethodicalProduct.authors.through.objects.filter(user=user)
        return qs.filter(Q(status=ProductStatus.PUBLISHED) | Q(created_by=user)
                         | Q(pk__in=authored.values("methodicalproduct_id")))
    return qs.filter(status=ProductStatus.PUBLISHED)


def library(user):
    # The stored search vector is for the database's filter and rank, not for the page.
    return visible_products(user).select_related("organisation", "network").defer("search_vector")


def search_products(qs, text):
    """Russian full-text search with ranking and snippets on PostgreSQL; ``icontains`` elsewhere.

    The filter and the rank read the stored ``search_vector`` (no text is parsed per row); the
    snippets are select-list expressions that nothing orders by, so PostgreSQL computes them
    after the sort and the page's LIMIT, for the shown rows only.
    """
    text = (text or "").strip()[:200]
    if not text:
        return qs
    if connection.vendor == "postgresql":
        query = SearchQueryOnce(text, config=SEARCH_CONFIG, search_type="websearch")
        return qs.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query),
            headline=SearchHeadline(
                "description", query, config=SEARCH_CONFIG, start_sel=_START, stop_sel=_STOP,
                max_words=35, min_words=15, max_fragments=2, fragment_delimiter=" … ",
            ),
            title_headline=SearchHeadline("title", query, config=SEARCH_CONFIG,
                                          start_sel=_START, stop_sel=_STOP,
                                          highlight_all=True),
        )
    condition = Q()
    for variant in {text, text.lower(), text.upper(), text.capitalize()}:
        condition |= (Q(title__contains=variant) | Q(description__contains=variant)
                      | Q(authors_text__contains=variant))
    return qs.filter(condition)


def highlighted(snippet):
    """A snippet from PostgreSQL made safe: escape everything, then turn markers into <mark>."""
    if not snippet:
        return ""
    return mark_safe(_MARK.sub(r"<mark>\1</mark>", escape(snippet)))  # noqa: S308 — escaped


def moderation_queue():
    return list(MethodicalProduct.objects.filter(status=ProductStatus.SUBMITTED)
                .select_related("organisation", "created_by").order_by("submitted_at", "pk"))
