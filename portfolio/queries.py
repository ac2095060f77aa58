"""Reads of the portfolio: the registry with each project's derived health, a project's
monitoring page, and plain figures for the annual report. Constant query counts.

Health rules (named below, applied in SQL so that the registry costs one query):

* an indicator is **behind plan** when one of its planned periods has ended and no actual value
  (submitted or accepted, not returned) reaches the planned value — "reaches" is ``>=`` for an
  indicator that grows and ``<=`` for one whose target is below its baseline;
* a **report is overdue** when its due date has passed and it is not submitted or accepted;
* a **high risk is open** when an open risk has a high impact and is not unlikely
  (:data:`HIGH_RISK`);
* a **control point is overdue** when its planned date has passed and it is not marked done
  (``portfolio.plan_queries.overdue_points``).

A project in progress with none of these is *on track*; with exactly one kind of reason it is
*at risk*; with :data:`OFF_TRACK_MIN_REASONS` kinds or more it is *off track*. Projects not in
progress have no health.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.queries import first_rows_counted
from initiatives.enums import (
    ChangeStatus,
    Health,
    IncentiveKind,
    InitiativeState,
    Level,
    PublicationChannel,
    ReviewStatus,
    RiskStatus,
)
from initiatives.models import Indicator, Initiative
from initiatives.queries import next_due, visible_initiatives
from network.models import Organisation
from portfolio.models import (
    ChangeRequest,
    CuratorAgreement,
    FinalReport,
    Incentive,
    IndicatorActual,
    IndicatorPlan,
    PassportAgreement,
    PlannedProduct,
    ProgressReport,
    ProjectRole,
    Publication,
    ReportingPeriod,
    Risk,
)
from portfolio.passport.enums import PassportStatus
from portfolio.plan.enums import ProjectRoleKind
from portfolio.plan.queries import overdue_points, role_holder_name

# The states in which an initiative is a project of the registry.
PROJECT_STATES = (InitiativeState.APPROVED, InitiativeState.IN_PROGRESS,
                  InitiativeState.COMPLETED, InitiativeState.CLOSED)
HIGH_RISK = Q(impact=Level.HIGH) & ~Q(probability=Level.LOW)
"""A risk counts as high when its impact is high and it is not unlikely."""
OFF_TRACK_MIN_REASONS = 2
"""A project with this many kinds of reasons (or more) is off track; with one, at risk."""
HANDED_IN = (ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED)


def _count(qs, by):
    """A correlated subquery counting ``qs`` rows per outer project; 0 when there are none."""
    return Coalesce(
        Subquery(qs.order_by().values(by).annotate(n=Count("pk")).values("n")[:1],
                 output_field=IntegerField()),
        Value(0),
    )


def reaching_actuals():
    """Actual values (not returned) that reach the plan of the outer ``IndicatorPlan``."""
    grows = Q(indicator__baseline__isnull=True) | Q(indicator__target__gte=F("indicator__baseline"))
    return IndicatorActual.objects.filter(plan=OuterRef("pk")).exclude(
        status=ReviewStatus.RETURNED
    ).filter((grows & Q(value__gte=OuterRef("planned")))
             | (~grows & Q(value__lte=OuterRef("planned"))))


def behind_plans(today):
    return IndicatorPlan.objects.filter(period_end__lt=today).exclude(Exists(reaching_actuals()))


def overdue_periods(today):
    return ReportingPeriod.objects.filter(due_on__lt=today).exclude(report__status__in=HANDED_IN)


def high_risks():
    return Risk.objects.filter(HIGH_RISK, status=RiskStatus.OPEN)


def with_health(qs, today=None):
    """Annotate projects with ``n_behind``, ``n_overdue``, ``n_high_risks``, ``n_reasons`` and
    ``health`` (empty for projects not in progress)."""
    today = today or timezone.localdate()
    qs = qs.annotate(
        n_behind=_count(behind_plans(today).filter(indicator__initiative=OuterRef("pk")),
                        "indicator__initiative"),
        n_overdue=_count(overdue_periods(today).filter(initiative=OuterRef("pk")), "initiative"),
        n_high_risks=_count(high_risks().filter(initiative=OuterRef("pk")), "initiative"),
        n_overdue_points=_count(overdue_points(today).filter(initiative=OuterRef("pk")),
                                "initiative"),
    )
    flag = lambda name: Case(When(**{f"{name}__gt": 0}, then=Value(1)), default=Value(0),  # noqa: E731
                             output_field=IntegerField())
    qs = qs.annotate(n_reasons=flag("n_behind") + flag("n_overdue") + flag("n_high_risks")
                     + flag("n_overdue_points"))
    return qs.annotate(health=Case(
        When(~Q(state=InitiativeState.IN_PROGRESS), then=Value("")),
        When(n_reasons__gte=OFF_TRACK_MIN_REASONS, then=Value(Health.OFF_TRACK)),
        When(n_reasons__gt=0, then=Value(Health.AT_RISK)),
        default=Value(Health.ON_TRACK),
        output_field=CharField(),
    ))


def health_reasons(project):
    """The reasons behind an annotated project's health, as sentences."""
    reasons = []
    if getattr(project, "n_behind", 0):
        reasons.append(_("indicators behind plan: %(n)s") % {"n": project.n_behind})
    if getattr(project, "n_overdue", 0):
        reasons.append(_("reports overdue: %(n)s") % {"n": project.n_overdue})
    if getattr(project, "n_high_risks", 0):
        reasons.append(_("high risks open: %(n)s") % {"n": project.n_high_risks})
    if getattr(project, "n_overdue_points", 0):
        reasons.append(_("control points overdue: %(n)s") % {"n": project.n_overdue_points})
    return reasons


def health_label(code):
    return Health(code).label if code in Health.values else ""


PROJECT_COLUMNS = ("title", "state", "starts_on", "ends_on", "direction__name",
                   "direction__portfolio__name", "organisation__short_name",
                   *User.short_name_columns("leader"))
"""What the registry of projects and its export show: PostgreSQL sorts every project the
person sees before it cuts the page, and the whole rows carried every section of the card."""


def registry(user, today=None):
    """The projects a person may see with their derived health, one query per page."""
    qs = visible_initiatives(user).filter(state__in=PROJECT_STATES).select_related(
        "organisation", "direction__portfolio", "leader"
    ).only(*PROJECT_COLUMNS).order_by(
        "direction__portfolio__order", "direction__order", "organisation__short_name", "pk"
    ).annotate(
        next_due=next_due(), curator_name=role_holder_name(ProjectRoleKind.CURATOR),
        administrator_name=role_holder_name(ProjectRoleKind.ADMINISTRATOR))
    return with_health(qs, today)


# --- what waits for the curator's word -----------------------------------------------------


@dataclass
class CuratorQueue:
    """What waits for a person's agreement (согласование): the submitted progress reports and
    the pending change requests of the projects they curate that they have not agreed yet, and
    the passports on agreement whose лист согласования waits for them. Each list holds its
    oldest ``limit`` rows; each number is the whole count."""

    reports: list
    n_reports: int
    changes: list
    n_changes: int
    passports: list
    n_passports: int

    @property
    def total(self):
        return self.n_reports + self.n_changes + self.n_passports


def curated_ids(user):
    """The pks of the projects ``user`` curates."""
    return list(ProjectRole.objects.filter(person=user, role=ProjectRoleKind.CURATOR)
                .values_list("initiative_id", flat=True))


def reports_to_agree(curated):
    """Submitted reports of the projects ``curated`` (pks) without the curator's word on this
    submission."""
    agreed = CuratorAgreement.objects.filter(report=OuterRef("pk")).filter(
        Q(submitted_at=OuterRef("submitted_at"))
        | Q(submitted_at__isnull=True, report__submitted_at__isnull=True))
    return ProgressReport.objects.filter(
        status=ReviewStatus.SUBMITTED,
        period__initiative__in=curated,
    ).exclude(Exists(agreed))


def changes_to_agree(curated):
    """Pending change requests of the projects ``curated`` (pks) without the curator's word."""
    return ChangeRequest.objects.filter(
        status=ChangeStatus.PENDING,
        initiative__in=curated,
    ).exclude(Exists(CuratorAgreement.objects.filter(change=OuterRef("pk"))))


def passports_to_agree(user):
    """The person's rows on agreement sheets of passports on agreement, not agreed yet."""
    return PassportAgreement.objects.filter(person=user, agreed_at__isnull=True,
                                            passport__status=PassportStatus.AGREEMENT)


def _count_of(queryset):
    """A subquery counting the rows of ``queryset``."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT"))
                    .values("n"))


def curator_queue(user, limit):
    """The queue of the person's agreement, or None for someone who curates no project and stands
    on no agreement sheet. One small query reads the projects they curate; then one query
    counts the three lists (or, for someone who curates nothing, reads their passports' rows
    with one row more than shown), and a list is read only when it has rows."""
    curated = curated_ids(user)
    passports = passports_to_agree(user).select_related("passport__initiative").only(
        "pk", "passport_id", "passport__initiative_id", "passport__initiative__title",
        "passport__updated_at").order_by("passport__updated_at", "pk")
    if not curated:
        rows, n = first_rows_counted(passports, limit)
        return CuratorQueue(reports=[], n_reports=0, changes=[], n_changes=0, passports=rows,
                            n_passports=n) if n else None
    reports, changes = reports_to_agree(curated), changes_to_agree(curated)
    n = User.objects.filter(pk=user.pk).values(
        reports=_count_of(reports), changes=_count_of(changes),
        passports=_count_of(passports)).get()
    return CuratorQueue(
        reports=list(reports.select_related("period__initiative").only(
            "pk", "submitted_at", "period_id", "period__title", "period__initiative_id",
            "period__initiative__title").order_by("submitted_at", "pk")[:limit])
        if n["reports"] else [],
        n_reports=n["reports"],
        changes=list(changes.select_related("initiative").only(
            "pk", "kind", "requested_at", "passport_section", "initiative_id",
            "initiative__title").order_by("requested_at", "pk")[:limit])
        if n["changes"] else [],
        n_changes=n["changes"],
        passports=list(passports[:limit]) if n["passports"] else [],
        n_passports=n["passports"],
    )


# --- one project's monitoring page ----------------------------------------------------------


def monitoring(pk, today=None):
    """The project with its indicators (plans, actuals), periods (reports), risks, problems,
    change requests and final report, in a constant number of queries."""
    actuals = IndicatorActual.objects.select_related("entered_by", "decided_by", "plan")
    indicators = Indicator.objects.prefetch_related(
        Prefetch("plans", queryset=IndicatorPlan.objects.order_by("period_end")),
        Prefetch("actuals", queryset=actuals),
    )
    periods = ReportingPeriod.objects.select_related("report").order_by("due_on", "pk")
    changes = ChangeRequest.objects.select_related("indicator", "new_leader", "requested_by",
                                                   "decided_by")
    qs = with_health(Initiative.objects.filter(pk=pk), today).select_related(
        "organisation", "direction__portfolio", "leader"
    ).prefetch_related(
        Prefetch("indicators", queryset=indicators),
        Prefetch("reporting_periods", queryset=periods),
        "risks", "problems",
        Prefetch("change_requests", queryset=changes),
        "change_requests__curator_agreements",
    )
    return qs.first()


def final_report_of(initiative):
    return FinalReport.objects.filter(initiative=initiative).first()


def plan_vs_fact(indicator):
    """(period label, planned, fact) per planned period of a prefetched indicator; the fact is
    the accepted value (or the submitted one), ``None`` when none is in."""
    rows = []
    for plan in indicator.plans.all():
        candidates = sorted(
            (a for a in indicator.actuals.all()
             if a.plan_id == plan.pk and a.status != ReviewStatus.RETURNED),
            key=lambda a: (a.status == ReviewStatus.ACCEPTED, a.measured_on, a.pk),
        )
        rows.append((plan.period_label, plan.planned,
                     candidates[-1].value if candidates else None))
    return rows


# --- figures for the annual report ----------------------------------------------------------


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def projects_of_year(year):
    """Projects in progress, completed or closed that ran during the calendar year."""
    return projects_between(*year_bounds(year))


def projects_between(start, end):
    """Projects in progress, completed or closed that ran during the period (both ends in)."""
    return Initiative.objects.filter(
        state__in=(InitiativeState.IN_PROGRESS, InitiativeState.COMPLETED, InitiativeState.CLOSED),
    ).filter(Q(starts_on__lte=end) | Q(starts_on__isnull=True),
             Q(ends_on__gte=start) | Q(ends_on__isnull=True))


def _org_names(ids):
    return list(Organisation.objects.filter(pk__in=ids).order_by("short_name")
                .values_list("short_name", flat=True))


@dataclass
class Share:
    part: int
    total: int
    names_with: list = field(default_factory=list)
    names_without: list = field(default_factory=list)

    @property
    def percent(self):
        return round(100 * self.part / self.total) if self.total else 0


def incentive_share(year):
    """Organisations running projects in the year that have BOTH material and moral incentive
    mechanisms (documents dated by the end of the year), among all organisations running
    projects that year. ``either`` in the result counts those with at least one kind."""
    return incentive_share_in(projects_of_year(year), end=year_bounds(year)[1])


def incentive_share_in(projects, *, end):
    """:func:`incentive_share` for the organisations of ``projects``, documents dated by ``end``."""
    org_ids = set(projects.values_list("organisation_id", flat=True))
    kinds = {}
    for org_id, kind in (Incentive.objects.filter(organisation_id__in=org_ids,
                                                  document_date__lte=end)
                         .values_list("organisation_id", "kind").distinct()):
        kinds.setdefault(org_id, set()).add(kind)
    both = {o for o, k in kinds.items() if k >= set(IncentiveKind.values)}
    share = Share(len(both), len(org_ids), _org_names(both), _org_names(org_ids - both))
    share.either = len(kinds)
    return share


def informing_shares(year):
    """Per channel: organisations running projects in the year that published on it during the
    year, among all organisations running projects that year. {channel code: Share}."""
    return informing_shares_in(projects_of_year(year), *year_bounds(year))


def informing_shares_in(projects, start, end):
    """:func:`informing_shares` for the organisations of ``projects`` over the period."""
    org_ids = set(projects.values_list("organisation_id", flat=True))
    found = {}
    for org_id, channel in (Publication.objects.filter(organisation_id__in=org_ids,
                                                       published_on__range=(start, end))
                            .values_list("organisation_id", "channel").distinct()):
        found.setdefault(channel, set()).add(org_id)
    return {c: Share(len(found.get(c, ())), len(org_ids)) for c in PublicationChannel.values}


def planned_products(year, condition=None):
    """The methodical products planned for the year: plain rows with the organisation and
    whether the product is published. ``condition`` (a ``Q`` on ``PlannedProduct``) narrows
    them; ``year`` may be a list of years."""
    years = list(year) if isinstance(year, list | tuple | range) else [year]
    qs = PlannedProduct.objects.filter(year__in=years)
    if condition is not None:
        qs = qs.filter(condition)
    return [
        {"title": p.title, "kind": p.kind, "organisation": p.organisation.short_name,
         "project": p.initiative.title if p.initiative_id else "",
         "published": p.is_published,
         "published_title": p.library_product.title if p.library_product_id else p.published_title,
         "published_url": (reverse("network:product", args=[p.library_product_id])
                           if p.library_product_id else p.published_url)}
        for p in qs.select_related("organisation", "initiative", "library_product")
        .order_by("year", "organisation__short_name", "pk")
    ]


def indicators_of_year(year):
    """Per project running in the year: its indicators' plans for periods ending in the year
    against the facts (accepted or submitted values). Plain rows plus overall counts."""
    return indicators_in(projects_of_year(year), *year_bounds(year))


def indicators_in(projects, start, end):
    """:func:`indicators_of_year` for ``projects`` and plans of periods ending in the period."""
    plans = (
        IndicatorPlan.objects.filter(period_end__range=(start, end),
                                     indicator__initiative__in=projects)
        .select_related("indicator__initiative__organisation")
        .annotate(reached=Exists(reaching_actuals()),
                  has_fact=Exists(IndicatorActual.objects.filter(plan=OuterRef("pk")).exclude(
                      status=ReviewStatus.RETURNED)))
        .order_by("indicator__initiative__organisation__short_name", "indicator__initiative_id",
                  "indicator__order", "period_end")
    )
    projects = {}
    for plan in plans:
        initiative = plan.indicator.initiative
        row = projects.setdefault(initiative.pk, {
            "project": initiative.title, "organisation": initiative.organisation.short_name,
            "planned": 0, "reached": 0, "without_fact": 0,
        })
        row["planned"] += 1
        row["reached"] += int(plan.reached)
        row["without_fact"] += int(not plan.has_fact)
    rows = list(projects.values())
    return {
        "projects": rows,
        "plans": sum(r["planned"] for r in rows),
        "reached": sum(r["reached"] for r in rows),
        "projects_all_reached": sum(1 for r in rows if r["planned"] == r["reached"]),
    }


def change_requests_of_year(year):
    start, end = year_bounds(year)
    return dict(ChangeRequest.objects.filter(requested_at__date__range=(start, end))
                .values("status").annotate(n=Count("pk")).values_list("status", "n"))


