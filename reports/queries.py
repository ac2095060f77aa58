"""Reads behind the home pages and dashboards. Each makes a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import expertise
from accounts.models import User
from accounts.queries import first_rows
from expertise.models import ThreadMessage
from initiatives import lifecycle
from initiatives import queries as initiative_queries
from initiatives.calls import queries as call_queries
from initiatives.enums import (
    DECISION_STATES,
    OFFICE_QUEUE_STATES,
    MessageKind,
    RecommendationState,
)
from meetings.enums import MeetingStatus
from meetings.models import Decision, Meeting
from network.queries import organisation_ids_of
from portfolio import queries as portfolio_queries
from reports import counting, metrics
from reports.models import GeneratedReport


@dataclass
class HomeSection:
    """One block of a person's home page: what waits for their action in one role."""

    role: str
    title: str
    items: list = field(default_factory=list)
    empty_text: str = ""
    links: list = field(default_factory=list)
    numbers: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    more_url: str = ""  # the whole list, when the section shows only its first HOME_ROWS


HOME_ROWS = 10
"""A queue on a home page shows this many oldest rows and links to the registry for the rest."""


def _queue(rows, states, ordering):
    """The first HOME_ROWS of a queue read with one more row, and the registry's address of the
    whole queue when there is more."""
    rows, more = first_rows(rows, HOME_ROWS)
    query = urlencode([("state", s) for s in states] + [("ordering", ordering)])
    return rows, f"{reverse('initiatives:list')}?{query}" if more else ""


STAFF_QUEUES = ("unassigned", "overdue_reviews", "reports_to_accept", "facts_to_accept",
                "points_to_accept", "overdue_points", "changes_to_decide", "minutes_to_write",
                "to_moderate")
"""The staff's work queues on their home page, each number linking to its list."""

REPORTS_DUE_WITHIN = 30
"""A team sees a progress report on its home page this many days before it is due."""


# The columns the home page's lines show: the full rows carried every section of the
# initiatives' cards and every column of the people (≈ 1 ms of the head's home page).
PERIOD_LINE = ("initiative_id", "title", "due_on", "initiative__title")
MESSAGE_LINE = ("initiative_id", "kind", "state", "text", "created_at", "initiative__title")
AUTHOR = ("author_id", *User.short_name_columns("author"))


def _team_extra(user, today):
    orgs = organisation_ids_of(user)
    reports_due = list(
        metrics.unreported_periods().filter(
            initiative__organisation_id__in=orgs,
            due_on__lte=today + timedelta(days=REPORTS_DUE_WITHIN))
        .select_related("initiative").only(*PERIOD_LINE).order_by("due_on", "pk")[:20])
    recommendations = list(
        ThreadMessage.objects.filter(initiative__organisation_id__in=orgs,
                                     kind=MessageKind.RECOMMENDATION,
                                     state=RecommendationState.OPEN)
        .select_related("initiative", "author").only(*MESSAGE_LINE, *AUTHOR)
        .order_by("created_at", "pk")[:20])
    return {"reports_due": reports_due, "recommendations": recommendations, "today": today,
            "open_calls": call_queries.open_for_home(), "now": timezone.now()}


def _expert_extra(user):
    recommendations = list(
        ThreadMessage.objects.filter(author=user, kind=MessageKind.RECOMMENDATION,
                                     state__in=(RecommendationState.OPEN,
                                                RecommendationState.ADDRESSED))
        .select_related("initiative").only(*MESSAGE_LINE).order_by("created_at", "pk")[:20])
    return {"recommendations": recommendations, "position": expertise.current_position(user),
            "evidence": expertise.evidence_for(user)}


QUEUE_SHOWN_UP_TO = 99
"""A queue's number on the staff's home page reads «99+» beyond this: the whole count of a
region's thousands of waiting cards and assignments was most of the page (0.18 s at 100,000
initiatives); the queue's own page counts them all."""


def _queue_numbers():
    counts = counting.count_all(STAFF_QUEUES, metrics.Period(None),
                                up_to=QUEUE_SHOWN_UP_TO + 1)
    return [(metrics.METRICS[k], counts[k] if counts[k] <= QUEUE_SHOWN_UP_TO
             else f"{QUEUE_SHOWN_UP_TO}+") for k in STAFF_QUEUES]


def home_sections(user):
    sections = []
    today = timezone.localdate()
    if organisation_ids_of(user):
        initiatives = initiative_queries.team_home(user)
        for initiative in initiatives:
            initiative.todo = lifecycle.TEAM_TODO.get(initiative.state, "")
        sections.append(
            HomeSection(
                role="school_team",
                title=_("My organisation's team"),
                items=initiatives,
                links=list(user.memberships.filter(is_active=True).select_related("organisation")),
                extra=_team_extra(user, today),
                empty_text=_(
                    "Nothing waits for you now. When your team brings a project initiative, "
                    "its card and what the office asks of you will appear here."
                ),
            )
        )
    roles = user.role_codes
    if "expert" in roles:
        sections.append(
            HomeSection(
                role="expert",
                title=_("My expertise"),
                items=initiative_queries.expert_home(user),
                extra=_expert_extra(user) | {"today": today},
                empty_text=_(
                    "No reviews are assigned to you. The office will notify you when it asks "
                    "for your expertise or consultation."
                ),
            )
        )
    queue = portfolio_queries.curator_queue(user, HOME_ROWS)
    if queue is not None:
        sections.append(
            HomeSection(
                role="curator",
                title=_("Awaiting my agreement"),
                numbers=[(_("Progress reports"), queue.n_reports),
                         (_("Change requests"), queue.n_changes),
                         (_("Passports on agreement"), queue.n_passports)],
                extra={"queue": queue},
                empty_text=_("Nothing waits for your agreement: reports, change requests and "
                             "passports of the projects you curate will appear here."),
            )
        )
    if "office_staff" in roles:
        items, more = _queue(initiative_queries.office_queue(HOME_ROWS + 1),
                             OFFICE_QUEUE_STATES, "submitted")
        sections.append(
            HomeSection(
                role="office_staff",
                title=_("Work queues of the office"),
                items=items,
                more_url=more,
                numbers=_queue_numbers(),
                empty_text=_("All queues are empty: no initiative waits for the office."),
            )
        )
    if "office_head" in roles:
        items, more = _queue(initiative_queries.awaiting_decision(HOME_ROWS + 1),
                             DECISION_STATES, "updated")
        sections.append(
            HomeSection(
                role="office_head",
                title=_("Decisions awaiting the head"),
                items=items,
                more_url=more,
                empty_text=_("No decisions are waiting for you."),
            )
        )
    return sections


# --- a report at a meeting -------------------------------------------------------------------

APPROVAL_WITHIN_DAYS = 3 * 366
"""A report is approved within this many days of the start of its period."""


def agenda_meetings():
    """Meetings whose agenda can still take the report: planned or held, soonest first."""
    return Meeting.objects.filter(
        status__in=(MeetingStatus.PLANNED, MeetingStatus.HELD)
    ).select_related("format").order_by("-starts_at", "-pk")


def approval_decisions(report):
    """Decisions of held meetings that may record the report's approval: those on the item the
    report was put on first, then the others of meetings since the start of its period."""
    qs = Decision.objects.filter(
        item__meeting__status__in=(MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED))
    params = report.params or {}
    try:
        since = (datetime.date(int(params["year"]), 1, 1) if "year" in params
                 else datetime.date.fromisoformat(params["start"]))
    except (KeyError, TypeError, ValueError):
        since = None
    if since:
        qs = qs.filter(item__meeting__starts_at__date__range=(
            since, since + timedelta(days=APPROVAL_WITHIN_DAYS)))
    return qs.select_related("item__meeting").annotate(own=Case(
        When(item_id=report.agenda_item_id or 0, then=Value(0)), default=Value(1),
        output_field=IntegerField())).order_by(
        "own", "-item__meeting__starts_at", "item__order", "pk")


def report_page(pk):
    """A report with its author, agenda item and approving decision, in one query."""
    return GeneratedReport.objects.select_related(
        "requested_by", "approval_recorded_by", "agenda_item__meeting",
        "approved_by_decision__item__meeting",
    ).filter(pk=pk).first()
