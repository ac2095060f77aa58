"""Domain functions of consolidated reports: ask for one, retry, take it to a meeting.

The build itself, and the Celery task that runs it, are in :mod:`reports.build` (imported only
when a report is queued, so that pages do not load WeasyPrint)."""

import datetime
import logging
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from accounts import audit
from accounts.errors import DomainError
from accounts.rules import is_office
from initiatives.enums import InitiativeState
from meetings import services as meeting_services
from meetings.enums import AgendaKind, MeetingStatus
from reports.enums import ReportAction, ReportKind, ReportStatus
from reports.models import GeneratedReport
from reports.scope import FIRST_YEAR, Scope

log = logging.getLogger(__name__)
def _queue(report_id):
    """Hand the build to a worker; with the broker out of reach the report waits, not lost."""
    # Imported here, not at the top: the build module loads WeasyPrint (≈ 35 MB, 0.5 s), which
    # only the worker that builds needs; pages import this module. (No circle: reports.build
    # does not import the services.)
    from reports.build import build_report_task

    try:
        build_report_task.delay(report_id)
    except BrokerError as e:
        log.warning("report %s waits for the broker: %s", report_id, e)
        GeneratedReport.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
            status=ReportStatus.WAITING
        )


@transaction.atomic
def request_annual_report(*, year: int, by, call=None) -> GeneratedReport:
    """The annual report for a calendar year; with ``call``, of that call's cards only."""
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise DomainError(
            _("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year},
            field="year",
        )
    params = {"year": year, **({"call": call.pk, "call_name": call.title} if call else {})}
    report = GeneratedReport.objects.create(
        kind=ReportKind.ANNUAL, params=params, requested_by=by
    )
    audit.record(report, actor=by, action=ReportAction.REQUESTED, to_value=ReportStatus.QUEUED,
                 data=params)
    transaction.on_commit(partial(_queue, report.pk))
    return report


MAX_PERIOD_DAYS = 5 * 366


@transaction.atomic
def request_report_on_request(*, start: datetime.date, end: datetime.date, by,
                              direction=None, organisation=None, call=None,
                              state: str = "") -> GeneratedReport:
    """A report on request (сводная отчётность по запросу): the same sections as the annual
    report for a period, narrowed by a direction, an organisation and a state of the
    initiatives. Built by the same task as the annual report, as PDF and XLSX."""
    today = timezone.localdate()
    first = datetime.date(FIRST_YEAR, 1, 1)
    if start is None:
        raise DomainError(_("Give the first day of the period."), field="start")
    if end is None:
        raise DomainError(_("Give the last day of the period."), field="end")
    if start < first:
        raise DomainError(_("The portal has data from %(date)s: choose a later start.")
                          % {"date": f"{first:%d.%m.%Y}"}, field="start")
    if start > today:
        raise DomainError(_("The period cannot start in the future."), field="start")
    if end < start:
        raise DomainError(_("The end of the period is before its start."), field="end")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise DomainError(_("Choose a period of at most five years."), field="end")
    if state and state not in InitiativeState.values:
        raise DomainError(_("Choose a state from the list."), field="state")
    scope = Scope(start=start, end=end,
                  direction_id=direction.pk if direction else None,
                  organisation_id=organisation.pk if organisation else None, state=state or "",
                  direction_name=direction.name if direction else "",
                  organisation_name=organisation.short_name if organisation else "",
                  call_id=call.pk if call else None, call_name=call.title if call else "")
    report = GeneratedReport.objects.create(
        kind=ReportKind.ON_REQUEST, params=scope.to_params(), requested_by=by
    )
    audit.record(report, actor=by, action=ReportAction.REQUESTED, to_value=ReportStatus.QUEUED,
                 data=report.params)
    transaction.on_commit(partial(_queue, report.pk))
    return report


@transaction.atomic
def retry_report(report: GeneratedReport, *, by) -> GeneratedReport:
    locked = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    if locked.status not in (ReportStatus.FAILED, ReportStatus.WAITING):
        raise DomainError(_("Only a failed or waiting report can be built again."))
    previous = locked.status
    locked.status, locked.error, locked.progress = ReportStatus.QUEUED, "", 0
    locked.save(update_fields=["status", "error", "progress"])
    audit.record(locked, actor=by, action=ReportAction.RETRIED, from_value=previous,
                 to_value=ReportStatus.QUEUED)
    transaction.on_commit(partial(_queue, locked.pk))
    return locked


def requeue_waiting_reports():
    """Beat: reports asked for while the broker was down are queued once it is back."""
    ids = list(GeneratedReport.objects.filter(status=ReportStatus.WAITING).values_list("pk", flat=True))
    for pk in ids:
        GeneratedReport.objects.filter(pk=pk, status=ReportStatus.WAITING).update(
            status=ReportStatus.QUEUED
        )
        _queue(pk)
    return len(ids)


# --- the report at a meeting: the agenda and the approval ----------------------------------

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


def _require_office(by):
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office may do this."))


def _lock_built_unapproved(report, *, not_built, approved):
    """The report's row, locked, if it is built and not yet approved; else the refusal."""
    locked = GeneratedReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.DONE:
        raise DomainError(not_built)
    if locked.approved_by_decision_id:
        raise DomainError(approved)
    return locked


@transaction.atomic
def put_report_on_agenda(report: GeneratedReport, *, meeting, by) -> GeneratedReport:
    """Add an item «the analytical report» to a planned or held meeting's agenda (through
    ``meetings.services``) and remember it on the report."""
    _require_office(by)
    locked = _lock_built_unapproved(
        report, not_built=_("Only a built report can be put on a meeting's agenda."),
        approved=_("The report is already approved."))
    if locked.agenda_item_id and locked.agenda_item.meeting_id == meeting.pk:
        raise DomainError(_("The report is already on the agenda of this meeting."),
                          field="meeting")
    item = meeting_services.add_agenda_item(
        meeting, by=by, kind=AgendaKind.OFFICE_PLAN,
        title=_("On the analytical report: %(report)s") % {"report": locked})
    locked.agenda_item = item
    locked.save(update_fields=["agenda_item"])
    audit.record(locked, actor=by, action=ReportAction.PUT_ON_AGENDA, to_value=str(meeting),
                 data={"meeting": meeting.pk, "item": item.pk})
    report.agenda_item = item
    return report


@transaction.atomic
def record_report_approval(report: GeneratedReport, *, decision, by) -> GeneratedReport:
    """Record that the members of the project office approved the report by ``decision`` of a
    held meeting («члены проектного офиса одобрили аналитический отчёт»)."""
    _require_office(by)
    locked = _lock_built_unapproved(
        report, not_built=_("Only a built report can be approved."),
        approved=_("The approval of this report is already recorded."))
    meeting = decision.item.meeting
    if meeting.status not in HELD:
        raise DomainError(_("Choose a decision of a meeting that has been held."),
                          field="decision")
    locked.approved_by_decision = decision
    locked.approval_recorded_by = by
    locked.approval_recorded_at = timezone.now()
    locked.save(update_fields=["approved_by_decision", "approval_recorded_by",
                               "approval_recorded_at"])
    audit.record(locked, actor=by, action=ReportAction.APPROVED,
                 to_value=meeting_services.basis_of(meeting), comment=decision.text,
                 data={"meeting": meeting.pk, "decision": decision.pk})
    for name in ("approved_by_decision", "approval_recorded_by", "approval_recorded_at"):
        setattr(report, name, getattr(locked, name))
    return report
