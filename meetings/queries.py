"""Reads about meetings shared by pages, domain functions and the dashboards (reports/)."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from accounts.models import User
from accounts.rules import is_office
from initiatives.models import Initiative, TeamMember
from meetings.enums import AttendanceStatus, MeetingStatus
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionTask,
    Meeting,
    NewsItem,
    OfficeMember,
    PlannedActivity,
    Reflection,
    WorkPlan,
)
from network.models import Membership
from network.queries import organisation_ids_of

QUORUM_SHARE = Fraction(1, 2)
"""The quorum: a meeting may decide when MORE than this share of the office's current members
(``OfficeMember`` rows in force on the meeting's day) are present. With 7 members, 4 present make
a quorum and 3 do not; with 6 members, 4 are needed."""


def school_year_of(day: datetime.date) -> str:
    """«2020/2021» for a date from September 2020 to August 2021."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}/{start + 1}"


def members_on(day: datetime.date):
    """The office's membership in force on ``day``."""
    return OfficeMember.objects.filter(Q(until__isnull=True) | Q(until__gte=day), since__lte=day)


@dataclass
class Quorum:
    members: int
    present: int

    @property
    def needed(self):
        """The fewest members present that make a quorum."""
        return int(self.members * QUORUM_SHARE) + 1

    @property
    def reached(self):
        return self.members > 0 and Fraction(self.present, self.members) > QUORUM_SHARE


def quorum(meeting, *, attendance=None, member_ids=None) -> Quorum:
    """The quorum of a meeting: its office members present against the membership of the day."""
    if member_ids is None:
        member_ids = set(members_on(meeting.local_date).values_list("person_id", flat=True))
    if attendance is None:
        attendance = meeting.attendance.all()
    present = {a.person_id for a in attendance if a.status == AttendanceStatus.PRESENT}
    return Quorum(members=len(member_ids), present=len(present & set(member_ids)))


def is_invited(user, meeting) -> bool:
    """Office members of the day and the teams of the initiatives on the agenda."""
    if not user or not user.is_authenticated or meeting is None:
        return False
    if members_on(meeting.local_date).filter(person=user).exists():
        return True
    return meeting.items.filter(
        Q(initiative__organisation_id__in=organisation_ids_of(user))
        | Q(initiative__team__person=user)
    ).exists()


def invitees(meeting):
    """The people invited: office members of the day, then the teams of the agenda's initiatives
    (their organisations' active members and the named team rows), each once, in name order."""
    initiative_ids = [i for i in meeting.items.values_list("initiative_id", flat=True) if i]
    office = members_on(meeting.local_date).order_by().values("person_id")
    named = TeamMember.objects.filter(initiative_id__in=initiative_ids).order_by().values(
        "person_id")
    teams = Membership.objects.filter(
        is_active=True, organisation__initiatives__pk__in=initiative_ids).order_by().values(
        "person_id")
    # one UNION of the three: an OR across the memberships' joins walked every person with
    # DISTINCT (0.35 s for the attendance page at 100,000 initiatives)
    people = User.objects.filter(is_active=True, pk__in=office.union(named, teams))
    return list(people.order_by("last_name", "first_name", "pk"))


def visible_meetings(user):
    qs = Meeting.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if is_office(user):
        return qs
    # the initiatives of the person's organisations and teams, as a UNION PostgreSQL reads by
    # two indexes (an OR across the joins walked every agenda item: 0.35 s at 100,000 cards)
    theirs = (Initiative.objects.filter(organisation_id__in=organisation_ids_of(user))
              .order_by().values("pk")
              .union(TeamMember.objects.filter(person=user).order_by().values("initiative_id")))
    condition = Q(pk__in=AgendaItem.objects.filter(initiative__in=theirs).values("meeting_id"))
    for since, until in OfficeMember.objects.filter(person=user).values_list("since", "until"):
        period = Q(starts_at__date__gte=since)
        if until:
            period &= Q(starts_at__date__lte=until)
        condition |= period
    return qs.filter(condition)


def meeting_list(user):
    return visible_meetings(user).select_related("format").annotate(
        item_count=Count("items", distinct=True)).order_by("-starts_at", "-pk")


def meeting_page(pk):
    """A meeting with everything its page shows, in a constant number of queries."""
    return Meeting.objects.select_related(
        "format", "chair", "secretary", "minutes_approved_by"
    ).prefetch_related(
        Prefetch("items", queryset=AgendaItem.objects.select_related(
            "initiative__organisation", "presenter", "work_plan"
        ).prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.select_related(
                "task__owner", "executed_by"))
        )),
        Prefetch("attendance", queryset=Attendance.objects.select_related("person")),
        Prefetch("reflections", queryset=Reflection.objects.order_by("created_at", "pk")),
        "news",
    ).filter(pk=pk).first()


# --- reflection -----------------------------------------------------------------------------


@dataclass
class ReflectionSummary:
    count: int = 0
    mean: float | None = None
    distribution: dict = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    valuable: list = field(default_factory=list)
    to_change: list = field(default_factory=list)


def summarise(reflections) -> ReflectionSummary:
    """Count, mean rating (two decimals), how many gave each rating 1–5, and the texts."""
    reflections = list(reflections)
    ratings = [r.rating for r in reflections]
    counts = Counter(ratings)
    return ReflectionSummary(
        count=len(ratings),
        mean=round(sum(ratings) / len(ratings), 2) if ratings else None,
        distribution={k: counts.get(k, 0) for k in range(1, 6)},
        valuable=[r.valuable for r in reflections if r.valuable.strip()],
        to_change=[r.to_change for r in reflections if r.to_change.strip()],
    )


QUARTER, SCHOOL_YEAR = "quarter", "school_year"


def format_ratings(*, by=SCHOOL_YEAR, since=None, until=None):
    """How each meeting format rates over time, for the office's page and the dashboards.

    One query. Rows ``{"format": name, "format_id", "period": label, "count", "mean",
    "distribution": {1..5: n}}`` ordered by format, then period. ``by`` is ``"quarter"``
    (period «2021 Q1») or ``"school_year"`` (period «2020/2021»).
    """
    qs = Reflection.objects.all()
    if since:
        qs = qs.filter(meeting__starts_at__date__gte=since)
    if until:
        qs = qs.filter(meeting__starts_at__date__lte=until)
    period = TruncQuarter("meeting__starts_at") if by == QUARTER else None
    if period is not None:
        qs = qs.annotate(period=period)
        keys = ("meeting__format_id", "meeting__format__name", "meeting__format__order", "period")
    else:
        keys = ("meeting__format_id", "meeting__format__name", "meeting__format__order",
                "meeting__school_year")
    rows = qs.values(*keys).annotate(
        count=Count("pk"), mean=Avg("rating"),
        **{f"r{k}": Count("pk", filter=Q(rating=k)) for k in range(1, 6)},
    ).order_by("meeting__format__order", "meeting__format__name", keys[-1])
    result = []
    for row in rows:
        if by == QUARTER:
            start = row["period"]
            start = start.date() if hasattr(start, "date") else start
            label = f"{start.year} Q{(start.month - 1) // 3 + 1}"
        else:
            label = row["meeting__school_year"]
        result.append({
            "format_id": row["meeting__format_id"],
            "format": row["meeting__format__name"],
            "period": label,
            "count": row["count"],
            "mean": round(float(row["mean"]), 2),
            "distribution": {k: row[f"r{k}"] for k in range(1, 6)},
        })
    return result


# --- tasks, plans, news ---------------------------------------------------------------------


def open_tasks():
    return DecisionTask.objects.filter(done_at__isnull=True).select_related(
        "owner", "decision__item__meeting")


def task_list():
    return DecisionTask.objects.select_related("owner", "decision__item__meeting").order_by(
        "done_at", "due_on", "pk")


def plan_list():
    return WorkPlan.objects.annotate(
        activity_count=Count("activities", distinct=True),
        done_count=Count("activities", filter=Q(activities__status="done"), distinct=True),
    ).order_by("-year")


def plan_page(pk):
    return WorkPlan.objects.prefetch_related(
        Prefetch("activities", queryset=PlannedActivity.objects.select_related("meeting")),
    ).select_related("approved_by_decision__item__meeting").filter(pk=pk).first()


def published_news():
    return NewsItem.objects.filter(published_at__lte=timezone.now()).select_related("meeting")


def upcoming_meetings_of(user):
    """The person's meetings from a year ago on, for the personal calendar feed."""
    since = timezone.now() - datetime.timedelta(days=365)
    return visible_meetings(user).filter(starts_at__gte=since).exclude(
        status=MeetingStatus.CANCELLED).select_related("format").order_by("starts_at")
