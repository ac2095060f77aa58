"""Domain functions of monitoring a project in progress and of the office's portfolio records.

Every function takes keyword-only arguments, runs in one transaction, validates (refusals are
``DomainError`` with the form field they concern) and writes an audit line. State changes of the
project itself go through ``initiatives.lifecycle.fire`` only.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.documents import numbers
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.files import check_upload
from accounts.models import User
from accounts.notifications import notify
from accounts.rules import is_office_staff
from initiatives import lifecycle
from initiatives.enums import (
    IncentiveKind,
    InitiativeState,
    Level,
    MonitoringAction,
    PublicationChannel,
    ReviewStatus,
    RiskStatus,
)
from initiatives.models import Indicator, Initiative
from network.models import Organisation
from portfolio import agreement
from portfolio.models import (
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

# Teams are reminded this many days before a progress report is due.
REMIND_DAYS_BEFORE = 7
# Monitoring records are kept while the project runs (approved projects prepare their plans).
MONITORED_STATES = (InitiativeState.APPROVED, InitiativeState.IN_PROGRESS)
# Reports the office has in hand: neither missing nor overdue.
HANDED_IN = (ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED)


def _clean(obj, exclude=()):
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from e


def _monitored(initiative):
    if initiative.state not in MONITORED_STATES:
        raise DomainError(_("Monitoring records are kept only while the project is approved or "
                            "in progress."))


def _text(value, limit=None):
    value = (value or "").strip()
    return value[:limit] if limit else value


def team_of(initiative):
    """Active members of the organisation that runs the project."""
    return list(User.objects.filter(
        is_active=True, memberships__organisation_id=initiative.organisation_id,
        memberships__is_active=True,
    ).distinct().order_by("pk"))


def office_people():
    return list(User.objects.filter(
        is_active=True, role_assignments__role__in=["office_staff", "office_head"]
    ).distinct().order_by("pk"))


# --- target indicators ----------------------------------------------------------------------


def is_decreasing(indicator):
    """An indicator whose target is below its baseline improves by going down."""
    return indicator.baseline is not None and indicator.target < indicator.baseline


def reaches(indicator, value, planned):
    return value <= planned if is_decreasing(indicator) else value >= planned


@transaction.atomic
def set_plan(indicator: Indicator, *, by: User, period_label: str, period_start: datetime.date,
             period_end: datetime.date, planned: Decimal) -> IndicatorPlan:
    """Plan the indicator's value for one period (a second plan for the same end date replaces
    the first)."""
    _monitored(indicator.initiative)
    if period_start and period_end and period_end < period_start:
        raise DomainError(_("The period cannot end before it starts."), field="period_end")
    plan = IndicatorPlan.objects.filter(indicator=indicator, period_end=period_end).first()
    before = plan.planned if plan else None
    plan = plan or IndicatorPlan(indicator=indicator)
    plan.period_label = _text(period_label, 100)
    plan.period_start, plan.period_end, plan.planned = period_start, period_end, planned
    _clean(plan, exclude=["indicator"])
    plan.save()
    audit.record(indicator.initiative, actor=by, action=MonitoringAction.PLAN_SET,
                 from_value=number_text(before) if before else "", to_value=number_text(planned),
                 comment=f"{indicator.name}: {plan.period_label}")
    return plan


@transaction.atomic
def enter_actual(plan: IndicatorPlan, *, by: User, value: Decimal, measured_on: datetime.date,
                 evidence=None, evidence_url: str = "") -> IndicatorActual:
    """The team's measured value for a planned period, with a file or a link as evidence."""
    indicator = plan.indicator
    _monitored(indicator.initiative)
    if measured_on < plan.period_start or measured_on > plan.period_end:
        raise DomainError(
            _("The date must fall within the period %(start)s – %(end)s.")
            % {"start": plan.period_start.strftime("%d.%m.%Y"),
               "end": plan.period_end.strftime("%d.%m.%Y")},
            field="measured_on",
        )
    evidence_url = _text(evidence_url)
    if evidence is None and not evidence_url:
        raise DomainError(_("Attach a file or give a link that confirms the value."),
                          field="evidence")
    actual = IndicatorActual(indicator=indicator, plan=plan, value=value, measured_on=measured_on,
                             evidence_url=evidence_url, entered_by=by,
                             status=ReviewStatus.SUBMITTED)
    if evidence is not None:
        try:
            checked = check_upload(evidence)
        except ValidationError as e:
            raise DomainError(" ".join(e.messages), field="evidence") from e
        actual.evidence_name, actual.evidence_kind = checked.original_name, checked.kind
        evidence.seek(0)
        actual.evidence_file.save(checked.stored_name, evidence, save=False)
    _clean(actual, exclude=["indicator", "plan", "evidence_file", "entered_by"])
    actual.save()
    audit.record(indicator.initiative, actor=by, action=MonitoringAction.ACTUAL_ENTERED,
                 to_value=number_text(value), comment=f"{indicator.name}: {plan.period_label}",
                 data={"actual": actual.pk, "plan": plan.pk, "planned": str(plan.planned)})
    return actual


@transaction.atomic
def decide_actual(actual: IndicatorActual, *, by: User, accept: bool,
                  comment: str = "") -> IndicatorActual:
    """The office accepts the value or returns it with a comment."""
    locked = IndicatorActual.objects.select_for_update().select_related(
        "indicator__initiative", "plan").get(pk=actual.pk)
    if not is_office_staff.test(by):
        raise DomainError(_("Only the office staff accept or return values."))
    if locked.status != ReviewStatus.SUBMITTED:
        raise DomainError(_("This value has already been decided."))
    comment = _text(comment)
    if not accept and not comment:
        raise DomainError(_("Write what the team should correct."), field="comment")
    source = locked.status
    locked.status = ReviewStatus.ACCEPTED if accept else ReviewStatus.RETURNED
    locked.staff_comment, locked.decided_by, locked.decided_at = comment, by, timezone.now()
    locked.save(update_fields=["status", "staff_comment", "decided_by", "decided_at"])
    audit.record(locked.indicator.initiative, actor=by,
                 action=MonitoringAction.ACTUAL_ACCEPTED if accept else
                 MonitoringAction.ACTUAL_RETURNED,
                 from_value=source, to_value=locked.status,
                 comment="\n".join(p for p in (f"{locked.indicator.name}: {locked.value}",
                                               comment) if p))
    actual.status, actual.staff_comment = locked.status, locked.staff_comment
    return locked


# --- progress reports -----------------------------------------------------------------------


@transaction.atomic
def add_period(initiative: Initiative, *, by: User, title: str, starts_on: datetime.date,
               ends_on: datetime.date, due_on: datetime.date) -> ReportingPeriod:
    _monitored(initiative)
    if ends_on < starts_on:
        raise DomainError(_("The period cannot end before it starts."), field="ends_on")
    if due_on < starts_on:
        raise DomainError(_("The report cannot be due before the period starts."), field="due_on")
    period = ReportingPeriod(initiative=initiative, title=_text(title, 200), starts_on=starts_on,
                             ends_on=ends_on, due_on=due_on)
    _clean(period, exclude=["initiative"])
    period.save()
    audit.record(initiative, actor=by, action=MonitoringAction.PERIOD_ADDED,
                 to_value=period.title, comment=due_on.strftime("%d.%m.%Y"))
    return period


@transaction.atomic
def save_report(period: ReportingPeriod, *, by: User, done: str, results: str, problems: str,
                next_steps: str, submit: bool = False) -> ProgressReport:
    """The team writes (and, with ``submit``, hands in) the report of a period."""
    report, _created = ProgressReport.objects.select_for_update().get_or_create(period=period)
    if report.status not in (ReviewStatus.DRAFT, ReviewStatus.RETURNED):
        raise DomainError(_("The report is with the office and cannot be changed."))
    report.done, report.results = _text(done), _text(results)
    report.problems, report.next_steps = _text(problems), _text(next_steps)
    fields = ["done", "results", "problems", "next_steps", "updated_at"]
    action = MonitoringAction.REPORT_SAVED
    source = report.status
    if submit:
        if not report.done:
            raise DomainError(_("Write what was done in the period."), field="done")
        if not report.results:
            raise DomainError(_("Write the results of the period."), field="results")
        report.status, report.submitted_at, report.submitted_by = (
            ReviewStatus.SUBMITTED, timezone.now(), by)
        fields += ["status", "submitted_at", "submitted_by"]
        action = MonitoringAction.REPORT_SUBMITTED
    report.save(update_fields=fields)
    audit.record(period.initiative, actor=by, action=action, from_value=source,
                 to_value=report.status, comment=period.title)
    if submit:
        _notify_report_submitted(report, by=by)
    return report


@transaction.atomic
def decide_report(report: ProgressReport, *, by: User, accept: bool,
                  comment: str = "") -> ProgressReport:
    locked = ProgressReport.objects.select_for_update().select_related(
        "period__initiative").get(pk=report.pk)
    if not is_office_staff.test(by):
        raise DomainError(_("Only the office staff accept or return reports."))
    if locked.status != ReviewStatus.SUBMITTED:
        raise DomainError(_("Only a submitted report can be accepted or returned."))
    comment = _text(comment)
    if not accept and not comment:
        raise DomainError(_("Write what the team should correct."), field="comment")
    if accept:
        agreement.check_agreed(locked)
    source = locked.status
    locked.status = ReviewStatus.ACCEPTED if accept else ReviewStatus.RETURNED
    locked.staff_comment, locked.decided_by, locked.decided_at = comment, by, timezone.now()
    locked.save(update_fields=["status", "staff_comment", "decided_by", "decided_at",
                               "updated_at"])
    audit.record(locked.period.initiative, actor=by,
                 action=MonitoringAction.REPORT_ACCEPTED if accept else
                 MonitoringAction.REPORT_RETURNED,
                 from_value=source, to_value=locked.status,
                 comment="\n".join(p for p in (locked.period.title, comment) if p))
    if accept:  # an accepted report is a document: it gets its registration number
        numbers.issue_document(numbers.PROGRESS_REPORT, locked, by=by)
    report.status, report.staff_comment = locked.status, locked.staff_comment
    return locked


def _notify_report_submitted(report, *, by):
    period = report.period
    notify(office_people(), kind=NotificationKind.REPORT_DUE,
           title=_("A progress report is submitted: %(title)s") % {"title": period},
           url=period.get_absolute_url(), actor=by)


def _notify_report_due(period):
    notify(team_of(period.initiative), kind=NotificationKind.REPORT_DUE,
           title=_("The progress report «%(period)s» of the project «%(project)s» is due on "
                   "%(date)s") % {"period": period.title, "project": period.initiative.title,
                                  "date": period.due_on.strftime("%d.%m.%Y")},
           url=period.get_absolute_url())


def _notify_report_overdue(period):
    notify([*team_of(period.initiative), *office_people()], kind=NotificationKind.REPORT_OVERDUE,
           title=_("The progress report «%(period)s» of the project «%(project)s» is overdue "
                   "(due on %(date)s)") % {"period": period.title,
                                           "project": period.initiative.title,
                                           "date": period.due_on.strftime("%d.%m.%Y")},
           url=period.get_absolute_url())


@transaction.atomic
def remind_progress_reports(*, today: datetime.date | None = None,
                            days_before: int = REMIND_DAYS_BEFORE) -> dict:
    """Remind the teams of reports due within ``days_before`` days (once per period) and mark
    the reports not handed in by their due date as overdue (once), telling team and office."""
    today = today or timezone.localdate()
    waiting = (
        ReportingPeriod.objects.select_for_update(of=("self",))
        .filter(initiative__state=InitiativeState.IN_PROGRESS)
        .exclude(report__status__in=HANDED_IN)
        .select_related("initiative")
        .order_by("due_on", "pk")
    )
    reminded = overdue = 0
    for period in waiting.filter(reminded_on__isnull=True, due_on__gte=today,
                                 due_on__lte=today + datetime.timedelta(days=days_before)):
        period.reminded_on = today
        period.save(update_fields=["reminded_on"])
        _notify_report_due(period)
        reminded += 1
    for period in waiting.filter(overdue_since__isnull=True, due_on__lt=today):
        period.overdue_since = today
        period.save(update_fields=["overdue_since"])
        audit.record(period.initiative, actor=None, action=MonitoringAction.REPORT_OVERDUE,
                     to_value=period.title, comment=period.due_on.strftime("%d.%m.%Y"))
        _notify_report_overdue(period)
        overdue += 1
    return {"reminded": reminded, "overdue": overdue}


# --- risks, problems, changes ---------------------------------------------------------------


def number_text(value):
    """«60» for 60.00, «12,5» style is the template's business: here the plain digits."""
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def _check_level(value, field):
    if value not in Level.values:
        raise DomainError(_("Choose a level from the list."), field=field)


@transaction.atomic
def add_risk(initiative: Initiative, *, by: User, title: str, probability: str, impact: str,
             owner: str = "", response: str = "", problem: bool = False):
    """A risk (or, with ``problem``, a problem that has already happened) of the project."""
    _monitored(initiative)
    _check_level(probability, "probability")
    _check_level(impact, "impact")
    model = ProjectProblem if problem else Risk
    row = model(initiative=initiative, title=_text(title, 500), probability=probability,
                impact=impact, owner=_text(owner, 300), response=_text(response))
    _clean(row, exclude=["initiative"])
    row.save()
    audit.record(initiative, actor=by, action=MonitoringAction.PROBLEM_ADDED if problem
                 else MonitoringAction.RISK_ADDED, to_value=row.title)
    return row


@transaction.atomic
def set_risk_status(row, *, by: User, status: str):
    """Close or reopen a risk or a problem."""
    if status not in RiskStatus.values:
        raise DomainError(_("Choose a status from the list."), field="status")
    source = row.status
    if source == status:
        return row
    row.status = status
    row.save(update_fields=["status"])
    audit.record(row.initiative, actor=by,
                 action=MonitoringAction.PROBLEM_STATUS if isinstance(row, ProjectProblem)
                 else MonitoringAction.RISK_STATUS,
                 from_value=source, to_value=status, comment=row.title)
    return row


# --- closing --------------------------------------------------------------------------------


def evaluate(initiative):
    """Each indicator against its target: the last accepted value (or the last submitted one),
    as plain rows."""
    rows = []
    indicators = initiative.indicators.prefetch_related("actuals__plan").order_by("order", "pk")
    for indicator in indicators:
        actuals = sorted(
            (a for a in indicator.actuals.all() if a.status != ReviewStatus.RETURNED),
            key=lambda a: (a.status == ReviewStatus.ACCEPTED, a.plan.period_end, a.measured_on,
                           a.pk),
        )
        fact = actuals[-1].value if actuals else None
        rows.append({
            "indicator": indicator.pk,
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline": str(indicator.baseline) if indicator.baseline is not None else None,
            "target": str(indicator.target),
            "fact": str(fact) if fact is not None else None,
            "reached": fact is not None and reaches(indicator, fact, indicator.target),
        })
    return rows


@transaction.atomic
def complete_project(initiative: Initiative, *, by: User, summary: str,
                     products: str = "", notify: bool = True) -> FinalReport:
    """Write the final report with each indicator evaluated, then complete the project."""
    if initiative.state != InitiativeState.IN_PROGRESS:
        raise DomainError(_("Only a project in progress can be completed."))
    summary = _text(summary)
    if not summary:
        raise DomainError(_("Write the results of the project."), field="summary")
    if FinalReport.objects.filter(initiative=initiative).exists():
        raise DomainError(_("The final report is already written."))
    rows = evaluate(initiative)
    report = FinalReport.objects.create(
        initiative=initiative, summary=summary, products=_text(products), evaluation=rows,
        reached=sum(1 for r in rows if r["reached"]), total=len(rows), written_by=by,
    )
    # The project's products pass to the ideas library: the library items its planned products
    # were published as become the project's products there.
    items = [pk for pk in initiative.planned_products.exclude(library_product=None)
             .values_list("library_product_id", flat=True)]
    initiative.library_products.add(*items)
    numbers.issue_document(numbers.FINAL_REPORT, report, by=by)
    audit.record(initiative, actor=by, action=MonitoringAction.FINAL_REPORT,
                 to_value=f"{report.reached}/{report.total}", comment=summary[:1000],
                 data={"evaluation": rows, "library_products": items})
    lifecycle.fire(initiative, "complete", by=by, notify=notify)
    return report


# --- organisation records -------------------------------------------------------------------


def _org_project(organisation, initiative):
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise DomainError(_("Choose a project of this organisation."), field="initiative")


@transaction.atomic
def add_incentive(organisation: Organisation, *, by: User, kind: str, document_title: str,
                  document_date: datetime.date) -> Incentive:
    if kind not in IncentiveKind.values:
        raise DomainError(_("Choose the kind of incentives."), field="kind")
    row = Incentive(organisation=organisation, kind=kind,
                    document_title=_text(document_title, 500), document_date=document_date,
                    created_by=by)
    _clean(row, exclude=["organisation", "created_by"])
    row.save()
    audit.record(organisation, actor=by, action=MonitoringAction.RECORD_ADDED,
                 to_value=row.document_title, comment=row.get_kind_display())
    return row


@transaction.atomic
def add_publication(organisation: Organisation, *, by: User, channel: str, published_on,
                    url: str, title: str, initiative: Initiative | None = None) -> Publication:
    if channel not in PublicationChannel.values:
        raise DomainError(_("Choose the channel."), field="channel")
    _org_project(organisation, initiative)
    row = Publication(organisation=organisation, initiative=initiative, channel=channel,
                      published_on=published_on, url=_text(url), title=_text(title, 500),
                      created_by=by)
    _clean(row, exclude=["organisation", "initiative", "created_by"])
    row.save()
    audit.record(organisation, actor=by, action=MonitoringAction.RECORD_ADDED,
                 to_value=row.title, comment=row.get_channel_display())
    return row


@transaction.atomic
def add_planned_product(organisation: Organisation, *, by: User, year: int, title: str,
                        kind: str = "", initiative: Initiative | None = None,
                        published_title: str = "", published_url: str = "",
                        library_product=None) -> PlannedProduct:
    _org_project(organisation, initiative)
    if library_product is not None and library_product.organisation_id != organisation.pk:
        raise DomainError(_("Choose an item of the ideas library of this organisation."),
                          field="library_product")
    if not 2000 <= (year or 0) <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    row = PlannedProduct(organisation=organisation, initiative=initiative, year=year,
                         title=_text(title, 500), kind=_text(kind, 200),
                         published_title=_text(published_title, 500),
                         published_url=_text(published_url), library_product=library_product,
                         created_by=by)
    _clean(row, exclude=["organisation", "initiative", "created_by", "library_product"])
    row.save()
    audit.record(organisation, actor=by, action=MonitoringAction.RECORD_ADDED,
                 to_value=row.title, comment=str(year))
    return row

