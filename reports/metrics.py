"""The numbers of the dashboards, each with the list that makes it.

A :class:`Metric` is a queryset of rows for a :class:`Period` (and, for a metric split into
groups, one group's value). The dashboard counts those querysets; the drill-down page
(``reports:metric``) lists the same queryset, so a number followed to its list shows that many
rows by construction. Counting is batched: :func:`count_all` answers every ungrouped number of
a page in one SQL statement, :func:`group_counts` one statement per grouped metric, so a
dashboard makes the same number of queries at any data size.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ExpertPosition
from expertise.models import Conclusion, ExpertAssignment, Review, ThreadMessage
from initiatives.enums import (
    ChangeStatus,
    ConclusionState,
    ExpertAssignmentStatus,
    Level,
    MessageKind,
    RecommendationState,
    ReviewState,
    ReviewStatus,
    RiskStatus,
)
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from meetings.enums import DecisionKind, MeetingStatus
from meetings.models import Decision, Meeting, NewsItem, Reflection
from network.enums import HealthStatus, ProductKind, ProductStatus
from network.models import MethodicalProduct, NetworkEvent, NetworkHealth
from portfolio import queries as pq
from portfolio.models import (
    ChangeRequest,
    FinalReport,
    Incentive,
    IndicatorActual,
    IndicatorPlan,
    PlannedProduct,
    ProgressReport,
    ProjectProblem,
    Publication,
    ReportingPeriod,
    Risk,
)
from portfolio.plan.queries import overdue_points_list, points_to_decide
from reports.enums import ReportStatus
from reports.models import GeneratedReport
from reports.period import Period
from reports.scope import PROJECT_STATES

OPEN_ASSIGNMENT = (ExpertAssignmentStatus.PROPOSED, ExpertAssignmentStatus.ACCEPTED)


@dataclass(frozen=True)
class Group:
    """How a metric splits: the field (or annotation) whose values are the groups."""

    field: str
    labels: Callable[[], dict] | None = None
    label_field: str | None = None
    order: Callable[[], list] | None = None
    parse: Callable[[str], object] = str
    row_label: Callable | None = None


ALL = object()
"""The value meaning «every group» of a metric (a group's own value may be None)."""


@dataclass(frozen=True)
class Metric:
    key: str
    title: str
    rows: Callable[[Period], QuerySet]
    columns: tuple
    cells: Callable
    link: Callable
    permission: str = "reports.view_dashboard"
    dated: bool = True
    group: Group | None = None
    note: str = ""
    # the initiative a row stands for, when the list offers actions over many rows (issue 24)
    initiative_id: Callable | None = None
    # the lookup from a row to its initiative's call: the figure can be narrowed to one call
    call_field: str | None = None

    def queryset(self, period, value=ALL):
        qs = self.rows(period)
        if period.call and self.call_field:
            qs = qs.filter(**{self.call_field: period.call})
        if self.group and value is not ALL:
            qs = qs.filter(**{self.group.field: value})
        return qs


METRICS: dict[str, Metric] = {}


def metric(**kwargs):
    m = Metric(**kwargs)
    METRICS[m.key] = m
    return m


def today():
    return timezone.localdate()


# --- querysets ---------------------------------------------------------------------------------

def _active_projects(period):
    qs = Initiative.objects.filter(state__in=PROJECT_STATES)
    if period.bounded:
        qs = qs.filter(Q(starts_on__lte=period.end) | Q(starts_on__isnull=True),
                       Q(ends_on__gte=period.start) | Q(ends_on__isnull=True))
    return qs


def _indicator_plans(period):
    has_fact = IndicatorActual.objects.filter(plan=OuterRef("pk")).exclude(
        status=ReviewStatus.RETURNED)
    return (
        IndicatorPlan.objects.filter(period.within("period_end"),
                                     indicator__initiative__state__in=PROJECT_STATES)
        .annotate(outcome=Case(
            When(Exists(pq.reaching_actuals()), then=Value("reached")),
            When(Exists(has_fact), then=Value("missed")),
            When(period_end__lt=today(), then=Value("no_fact")),
            default=Value("pending"), output_field=CharField()))
        .select_related("indicator__initiative__organisation")
        .order_by("indicator__initiative__organisation__short_name", "indicator__initiative_id",
                  "indicator__order", "period_end", "pk")
    )


_LEVEL = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


def _severity():
    """High when probability × impact ≥ 6 (high–medium or worse), medium at 3–4, low below."""
    whens = []
    for p, pv in _LEVEL.items():
        for i, iv in _LEVEL.items():
            score = pv * iv
            level = Level.HIGH if score >= 6 else Level.MEDIUM if score >= 3 else Level.LOW
            whens.append(When(probability=p, impact=i, then=Value(level.value)))
    return Case(*whens, default=Value(Level.LOW.value), output_field=CharField())


def _latest_health(period):
    latest = NetworkHealth.objects.filter(network=OuterRef("network"))
    if period.bounded:
        latest = latest.filter(quarter__lte=period.end)
    latest = latest.order_by("-quarter").values("quarter")[:1]
    return (NetworkHealth.objects.filter(quarter=Subquery(latest))
            .select_related("network").order_by("network__name"))


def _overdue_reviews(period):
    return (ExpertAssignment.objects.overdue(today())
            .select_related("expert", "initiative__organisation").order_by("due_on", "pk"))


def unreported_periods():
    """Reporting periods of projects in progress whose report is not yet submitted."""
    done = ProgressReport.objects.filter(
        period=OuterRef("pk"), status__in=(ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED))
    return ReportingPeriod.objects.filter(initiative__state=S.IN_PROGRESS).exclude(Exists(done))


def _overdue_reports(period):
    return (unreported_periods().filter(due_on__lt=today())
            .select_related("initiative__organisation").order_by("due_on", "pk"))


def _open_recommendations(period):
    return (ThreadMessage.objects.filter(kind=MessageKind.RECOMMENDATION,
                                         state=RecommendationState.OPEN)
            .select_related("author", "initiative__organisation").order_by("created_at", "pk"))


def _unassigned(period):
    # closed assignments (the card left expertise and came back) wait for the office to
    # reopen them: the card is in this queue until it does
    active = ExpertAssignment.objects.filter(initiative=OuterRef("pk")).exclude(
        status__in=(ExpertAssignmentStatus.DECLINED, ExpertAssignmentStatus.CLOSED))
    return (Initiative.objects.filter(state__in=(S.SUBMITTED, S.RESUBMITTED, S.UNDER_REVIEW))
            .exclude(Exists(active)).select_related("organisation")
            .order_by("submitted_at", "pk"))


def _minutes_to_write(period):
    return (Meeting.objects.filter(Q(status=MeetingStatus.HELD)
                                   | Q(status=MeetingStatus.PLANNED, ends_at__lt=timezone.now()))
            .select_related("format").order_by("starts_at", "pk"))


def _published(period):
    return (MethodicalProduct.objects.filter(status=ProductStatus.PUBLISHED)
            .filter(period.within("moderated_at__date"))
            .select_related("organisation").order_by("-moderated_at", "pk"))


PUBLISHED_COLUMNS = (_("Methodical product"), _("Organisation"), _("Published at"))


def _published_cells(m):
    return [m.title, m.organisation.short_name if m.organisation else "—", m.moderated_at]


def _meetings_of(period):
    return Meeting.objects.filter(period.within("starts_at__date"))


# --- how rows look in a drill-down list ---------------------------------------------------------

def _initiative_cells(i):
    return [i.title, i.organisation.short_name, i.get_state_display()]


INITIATIVE_COLUMNS = (_("Initiative"), _("Organisation"), _("State"))


def _url(obj):
    return obj.get_absolute_url()


def _initiative_url(obj):
    return obj.initiative.get_absolute_url()


def _state_labels():
    return dict(S.choices)


def _state_order():
    return list(S.values)


metric(
    key="initiatives", call_field="call", title=_("Initiatives brought in the period, by state"),
    rows=lambda p: Initiative.objects.filter(p.within("created_at__date"))
    .select_related("organisation").order_by("-created_at", "-pk"),
    columns=INITIATIVE_COLUMNS, cells=_initiative_cells, link=_url,
    group=Group("state", labels=_state_labels, order=_state_order),
    initiative_id=lambda r: r.pk,
)
metric(
    key="projects", call_field="call", title=_("Projects running in the period, by direction"),
    rows=lambda p: _active_projects(p).select_related("organisation", "direction")
    .order_by("direction__name", "title", "pk"),
    columns=(_("Project"), _("Organisation"), _("Direction"), _("State")),
    cells=lambda i: [i.title, i.organisation.short_name, i.direction.name if i.direction else "—",
                     i.get_state_display()],
    link=_url, group=Group("direction", label_field="direction__name",
                           parse=lambda v: None if v == "none" else int(v),
                           row_label=lambda i: i.direction.name if i.direction else None),
)
metric(
    key="indicators", call_field="indicator__initiative__call",
    title=_("Planned values of the indicators for periods ending in the period"),
    rows=_indicator_plans,
    columns=(_("Organisation"), _("Project"), _("Indicator"), _("Period"), _("Planned value")),
    cells=lambda plan: [plan.indicator.initiative.organisation.short_name,
                        plan.indicator.initiative.title, plan.indicator.name, plan.period_label,
                        plan.planned],
    link=lambda plan: reverse("initiatives:monitoring", args=[plan.indicator.initiative_id]),
    group=Group("outcome", labels=lambda: {
        "reached": _("reached"), "missed": _("not reached"), "no_fact": _("no fact entered"),
        "pending": _("period not over")}, order=lambda: ["reached", "missed", "no_fact", "pending"]),
)
metric(
    key="overdue_reviews", call_field="initiative__call",
    title=_("Reviews overdue"), rows=_overdue_reviews, dated=False,
    columns=(_("Initiative"), _("Organisation"), _("Expert"), _("Due on")),
    cells=lambda a: [a.initiative.title, a.initiative.organisation.short_name,
                     a.expert.get_full_name(), a.due_on],
    link=_initiative_url, initiative_id=lambda a: a.initiative_id,
)
metric(
    key="overdue_reports", call_field="initiative__call",
    title=_("Progress reports overdue"), rows=_overdue_reports, dated=False,
    columns=(_("Project"), _("Organisation"), _("Reporting period"), _("Due on")),
    cells=lambda rp: [rp.initiative.title, rp.initiative.organisation.short_name, rp.title,
                      rp.due_on],
    link=_url, initiative_id=lambda rp: rp.initiative_id,
)
metric(
    key="overdue_points", call_field="initiative__call",
    title=_("Control points overdue"), rows=lambda p: overdue_points_list(),
    dated=False,
    columns=(_("Project"), _("Organisation"), _("Control point"), _("Planned date")),
    cells=lambda pt: [pt.initiative.title, pt.initiative.organisation.short_name, str(pt),
                      pt.planned_end],
    link=_url, initiative_id=lambda pt: pt.initiative_id,
)
metric(
    key="points_to_accept", call_field="initiative__call", title=_("Control points to accept"),
    rows=lambda p: points_to_decide().select_related("initiative__organisation"), dated=False,
    columns=(_("Project"), _("Organisation"), _("Control point"), _("Done on")),
    cells=lambda pt: [pt.initiative.title, pt.initiative.organisation.short_name, str(pt),
                      pt.actual_on],
    link=_url, initiative_id=lambda pt: pt.initiative_id,
)
metric(
    key="open_risks", call_field="initiative__call", title=_("Open risks by severity"), dated=False,
    rows=lambda p: Risk.objects.filter(status=RiskStatus.OPEN).annotate(severity=_severity())
    .select_related("initiative__organisation").order_by("initiative__title", "pk"),
    columns=(_("Risk"), _("Project"), _("Probability"), _("Impact")),
    cells=lambda r: [r.title, r.initiative.title, r.get_probability_display(),
                     r.get_impact_display()],
    link=lambda r: reverse("initiatives:monitoring", args=[r.initiative_id]) + "#risks",
    group=Group("severity", labels=lambda: dict(Level.choices),
                order=lambda: [Level.HIGH.value, Level.MEDIUM.value, Level.LOW.value]),
)
metric(
    key="open_recommendations", call_field="initiative__call",
    title=_("Open recommendations of the experts"), dated=False,
    rows=_open_recommendations,
    columns=(_("Initiative"), _("Organisation"), _("Expert"), _("Given on")),
    cells=lambda m: [m.initiative.title, m.initiative.organisation.short_name,
                     m.author.get_full_name() if m.author else "—", m.created_at],
    link=_url,
)
metric(
    key="network_health", title=_("Health of the networks at the end of the period"),
    rows=_latest_health,
    columns=(_("Network"), _("Quarter"), _("Events held"), _("Distinct organisers")),
    cells=lambda h: [h.network.name, h.quarter, h.events_held, h.organisers],
    link=lambda h: h.network.get_absolute_url(),
    group=Group("status", labels=lambda: dict(HealthStatus.choices),
                order=lambda: list(HealthStatus.values)),
)
metric(
    key="reflections", title=_("Reflection ratings by meeting format"),
    rows=lambda p: Reflection.objects.filter(p.within("meeting__starts_at__date"))
    .select_related("meeting__format").order_by("-meeting__starts_at", "pk"),
    columns=(_("Meeting"), _("Format"), _("Rating")),
    cells=lambda r: [str(r.meeting), r.meeting.format.name if r.meeting.format else "—",
                     r.rating],
    link=lambda r: r.meeting.get_absolute_url(),
    group=Group("meeting__format", label_field="meeting__format__name",
                parse=lambda v: None if v == "none" else int(v),
                row_label=lambda r: r.meeting.format.name if r.meeting.format else None),
)

# the staff's work queues (now, whatever the period)
metric(
    key="unassigned", call_field="call",
    title=_("Initiatives without an expert"), rows=_unassigned, dated=False,
    columns=INITIATIVE_COLUMNS, cells=_initiative_cells, link=_url, initiative_id=lambda r: r.pk,
)
metric(
    key="reports_to_accept", call_field="period__initiative__call",
    title=_("Progress reports to accept"), dated=False,
    rows=lambda p: ProgressReport.objects.filter(status=ReviewStatus.SUBMITTED)
    .select_related("period__initiative__organisation").order_by("submitted_at", "pk"),
    columns=(_("Project"), _("Organisation"), _("Reporting period"), _("Submitted at")),
    cells=lambda r: [r.period.initiative.title, r.period.initiative.organisation.short_name,
                     r.period.title, r.submitted_at],
    link=_url, initiative_id=lambda r: r.period.initiative_id,
)
metric(
    key="facts_to_accept", call_field="indicator__initiative__call",
    title=_("Indicator values to accept"), dated=False,
    rows=lambda p: IndicatorActual.objects.filter(status=ReviewStatus.SUBMITTED)
    .select_related("indicator__initiative__organisation").order_by("entered_at", "pk"),
    columns=(_("Project"), _("Indicator"), _("Value"), _("Measured on")),
    cells=lambda a: [a.indicator.initiative.title, a.indicator.name, a.value, a.measured_on],
    link=_url, initiative_id=lambda a: a.indicator.initiative_id,
)
metric(
    key="changes_to_decide", call_field="initiative__call",
    title=_("Change requests to decide"), dated=False,
    rows=lambda p: ChangeRequest.objects.filter(status=ChangeStatus.PENDING)
    .select_related("initiative__organisation").order_by("requested_at", "pk"),
    columns=(_("Project"), _("Organisation"), _("Kind of change"), _("Requested at")),
    cells=lambda c: [c.initiative.title, c.initiative.organisation.short_name,
                     c.get_kind_display(), c.requested_at],
    link=lambda c: c.initiative.get_absolute_url(), initiative_id=lambda c: c.initiative_id,
)
metric(
    key="minutes_to_write", title=_("Meetings whose minutes are not approved"),
    rows=_minutes_to_write, dated=False,
    columns=(_("Meeting"), _("Format"), _("Status")),
    cells=lambda m: [str(m), m.format.name if m.format else "—", m.get_status_display()],
    link=_url,
)
metric(
    key="to_moderate", title=_("Library items to moderate"), dated=False,
    rows=lambda p: MethodicalProduct.objects.filter(status=ProductStatus.SUBMITTED)
    .select_related("organisation").order_by("submitted_at", "pk"),
    columns=(_("Methodical product"), _("Organisation"), _("Submitted at")),
    cells=lambda m: [m.title, m.organisation.short_name if m.organisation else "—",
                     m.submitted_at],
    link=_url,
)

# the evidence that the office performed its functions in the period
metric(
    key="reviews_submitted", call_field="assignment__initiative__call",
    title=_("Expert reviews submitted"),
    rows=lambda p: Review.objects.filter(state=ReviewState.SUBMITTED)
    .filter(p.within("submitted_at__date"))
    .select_related("assignment__expert", "assignment__initiative__organisation")
    .order_by("-submitted_at", "pk"),
    columns=(_("Initiative"), _("Expert"), _("Submitted at")),
    cells=lambda r: [r.assignment.initiative.title, r.assignment.expert.get_full_name(),
                     r.submitted_at],
    link=lambda r: r.assignment.initiative.get_absolute_url(),
)
metric(
    key="conclusions_issued", call_field="initiative__call", title=_("Conclusions issued"),
    rows=lambda p: Conclusion.objects.filter(state=ConclusionState.ISSUED)
    .filter(p.within("issued_at__date")).select_related("initiative__organisation")
    .order_by("-issued_at", "pk"),
    columns=(_("Number"), _("Initiative"), _("Issued at")),
    cells=lambda c: [c.number, c.initiative.title, c.issued_at],
    link=_url,
)
metric(
    key="aligned_initiatives", call_field="call", title=_("Initiatives aligned with the strategy"),
    rows=lambda p: Initiative.objects.filter(p.within("created_at__date"))
    .filter(Exists(Initiative.strategy_goals.through.objects.filter(initiative=OuterRef("pk"))))
    .select_related("organisation").order_by("-created_at", "-pk"),
    columns=INITIATIVE_COLUMNS, cells=_initiative_cells, link=_url,
)
metric(
    key="facts_entered", call_field="indicator__initiative__call",
    title=_("Actual values of the indicators measured"),
    rows=lambda p: IndicatorActual.objects.filter(p.within("measured_on"))
    .select_related("indicator__initiative__organisation").order_by("-measured_on", "pk"),
    columns=(_("Project"), _("Indicator"), _("Value"), _("Measured on")),
    cells=lambda a: [a.indicator.initiative.title, a.indicator.name, a.value, a.measured_on],
    link=_url,
)
metric(
    key="final_reports", call_field="initiative__call",
    title=_("Final reports with the evaluation against the indicators"),
    rows=lambda p: FinalReport.objects.filter(p.within("written_at__date"))
    .select_related("initiative__organisation").order_by("-written_at", "pk"),
    columns=(_("Project"), _("Organisation"), _("Indicators reached"), _("Written at")),
    cells=lambda f: [f.initiative.title, f.initiative.organisation.short_name,
                     f"{f.reached} / {f.total}", f.written_at],
    link=lambda f: f.initiative.get_absolute_url(),
)
metric(
    key="published", title=_("Methodical products published in the ideas library"),
    rows=_published, columns=PUBLISHED_COLUMNS, cells=_published_cells, link=_url,
)
metric(
    key="pm_documents", title=_("Methodical documents on project management published"),
    rows=lambda p: _published(p).filter(kind=ProductKind.PM_DOCUMENT),
    columns=PUBLISHED_COLUMNS, cells=_published_cells, link=_url,
)
metric(
    key="project_decisions", title=_("Decisions to approve or close projects"),
    rows=lambda p: Decision.objects.filter(kind__in=(DecisionKind.APPROVE, DecisionKind.CLOSE))
    .filter(p.within("item__meeting__starts_at__date")).select_related("item__meeting")
    .order_by("-item__meeting__starts_at", "pk"),
    columns=(_("Meeting"), _("Decision"), _("Text")),
    cells=lambda d: [str(d.item.meeting), d.get_kind_display(), d.text],
    link=lambda d: d.item.meeting.get_absolute_url(),
)
for _key, _title, _model, _header in (
    ("risks_recorded", _("Risks recorded"), Risk, _("Risk")),
    ("problems_recorded", _("Problems recorded"), ProjectProblem, _("Problem")),
):
    metric(
        key=_key, title=_title, call_field="initiative__call",
        rows=lambda p, model=_model: model.objects.filter(p.within("created_at__date"))
        .select_related("initiative").order_by("-created_at", "pk"),
        columns=(_header, _("Project"), _("Status")),
        cells=lambda r: [r.title, r.initiative.title, r.get_status_display()],
        link=lambda r: r.initiative.get_absolute_url(),
    )
metric(
    key="changes_decided", call_field="initiative__call", title=_("Change requests decided"),
    rows=lambda p: ChangeRequest.objects.exclude(status=ChangeStatus.PENDING)
    .filter(p.within("decided_at__date")).select_related("initiative")
    .order_by("-decided_at", "pk"),
    columns=(_("Project"), _("Kind of change"), _("Decision")),
    cells=lambda c: [c.initiative.title, c.get_kind_display(), c.get_status_display()],
    link=lambda c: c.initiative.get_absolute_url(),
)
metric(
    key="reports_made", title=_("Consolidated reports made"),
    rows=lambda p: GeneratedReport.objects.filter(status=ReportStatus.DONE)
    .filter(p.within("finished_at__date")).select_related("requested_by")
    .order_by("-finished_at", "pk"),
    columns=(_("Report"), _("Asked by"), _("Made at")),
    cells=lambda r: [str(r), r.requested_by.get_full_name() if r.requested_by else "—",
                     r.finished_at],
    link=_url, permission="reports.view_reports",
)
metric(
    key="products_integrated", title=_("Planned products passed to the ideas library"),
    rows=lambda p: PlannedProduct.objects.filter(library_product__isnull=False)
    .filter(p.years())
    .select_related("organisation", "library_product").order_by("-year", "pk"),
    columns=(_("Organisation"), _("Product"), _("Year")),
    cells=lambda pp: [pp.organisation.short_name, pp.title, pp.year],
    link=lambda pp: pp.library_product.get_absolute_url(),
)
metric(
    key="incentives", title=_("Incentive documents of the organisations in force"),
    rows=lambda p: Incentive.objects.filter(
        Q(document_date__lte=p.end) if p.bounded else Q())
    .select_related("organisation").order_by("-document_date", "pk"),
    columns=(_("Organisation"), _("Kind"), _("Document"), _("Document date")),
    cells=lambda i: [i.organisation.short_name, i.get_kind_display(), i.document_title,
                     i.document_date],
    link=lambda i: i.organisation.get_absolute_url(),
)
metric(
    key="events_held", title=_("Network events held"),
    rows=lambda p: NetworkEvent.objects.filter(p.within("starts_at__date"),
                                               starts_at__lt=timezone.now(), is_cancelled=False)
    .select_related("network").order_by("-starts_at", "pk"),
    columns=(_("Event"), _("Network"), _("Starts at")),
    cells=lambda e: [e.title, e.network.name, e.starts_at],
    link=_url,
)
metric(
    key="positions", title=_("Expert positions granted"),
    rows=lambda p: ExpertPosition.objects.filter(p.within("since"))
    .select_related("person").order_by("-since", "pk"),
    columns=(_("Expert"), _("Position"), _("Since")),
    cells=lambda e: [e.person.get_full_name(), e.get_position_display(), e.since],
    link=lambda e: "",
)
metric(
    key="publications", title=_("Publications about the projects"),
    rows=lambda p: Publication.objects.filter(p.within("published_on"))
    .select_related("organisation").order_by("-published_on", "pk"),
    columns=(_("Organisation"), _("Channel"), _("Title"), _("Published on")),
    cells=lambda x: [x.organisation.short_name, x.get_channel_display(), x.title,
                     x.published_on],
    link=lambda x: x.url,
)
metric(
    key="news", title=_("Results of meetings published"),
    rows=lambda p: NewsItem.objects.filter(p.within("published_at__date"))
    .order_by("-published_at", "pk"),
    columns=(_("Title"), _("Published at")),
    cells=lambda n: [n.title, n.published_at],
    link=_url,
)
metric(
    key="thread_messages", call_field="initiative__call",
    title=_("Consultations: messages of the accompaniment threads"),
    rows=lambda p: ThreadMessage.objects.filter(p.within("created_at__date"))
    .select_related("author", "initiative").order_by("-created_at", "pk"),
    columns=(_("Initiative"), _("Kind"), _("Author"), _("Written at")),
    cells=lambda m: [m.initiative.title, m.get_kind_display(),
                     m.author.get_full_name() if m.author else "—", m.created_at],
    link=_url,
)
metric(
    key="meetings_held", title=_("Meetings of the office held"),
    rows=lambda p: _meetings_of(p).filter(
        status__in=(MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED))
    .select_related("format").order_by("-starts_at", "pk"),
    columns=(_("Meeting"), _("Format"), _("Status")),
    cells=lambda m: [str(m), m.format.name if m.format else "—", m.get_status_display()],
    link=_url,
)
