"""Building a consolidated report in a Celery worker: its sections, the PDF and the XLSX.

The task lives here, beside the function it runs, so that :mod:`reports.services` queues it
without importing ``reports.tasks`` (which imports the services)."""

import logging
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from accounts import audit
from accounts.pdf import render_pdf
from reports.annual import build_sections
from reports.document import for_pdf, with_drawn_charts
from reports.enums import ReportAction, ReportStatus
from reports.models import GeneratedReport
from reports.scope import Scope, title_of
from reports.xlsx import render_xlsx

log = logging.getLogger(__name__)


def _set_progress(report_id, percent):
    GeneratedReport.objects.filter(pk=report_id).update(progress=percent)


def build_report(report_id: int) -> GeneratedReport:
    """Build the PDF of a report. Idempotent: a report already built is left as it is, so a
    task delivered twice (a worker killed halfway, late acknowledgement) makes one PDF."""
    with transaction.atomic():
        report = GeneratedReport.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.DONE:
            return report
        report.status, report.progress = ReportStatus.RUNNING, 5
        report.attempts += 1
        report.started_at = timezone.now()
        report.save(update_fields=["status", "progress", "attempts", "started_at"])
    try:
        with translation.override(settings.LANGUAGE_CODE):
            scope = Scope.from_params(report.params)
            sections = with_drawn_charts(
                build_sections(scope, progress=partial(_set_progress, report_id)))
            generated_at = timezone.localtime()
            pdf, pages = render_pdf("reports/pdf/annual.html", {
                "report": report, "scope": scope, "title": title_of(scope),
                "sections": for_pdf(sections), "generated_at": generated_at,
            })
            xlsx = render_xlsx(title=title_of(scope), scope=scope, sections=sections,
                               generated_at=generated_at,
                               requested_by=report.requested_by.full_name)
    except Exception as e:  # noqa: BLE001 — any failure is shown on the report with its reason
        log.exception("report %s failed", report_id)
        with transaction.atomic():
            GeneratedReport.objects.filter(pk=report_id).update(
                status=ReportStatus.FAILED, error=f"{e.__class__.__name__}: {e}"[:2000],
                finished_at=timezone.now(),
            )
            audit.record(report, actor=None, action=ReportAction.FAILED,
                         from_value=ReportStatus.RUNNING, to_value=ReportStatus.FAILED,
                         comment=str(e)[:500])
        return GeneratedReport.objects.get(pk=report_id)
    with transaction.atomic():
        report = GeneratedReport.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.DONE:  # another delivery finished first
            return report
        report.pdf.save(f"{report.kind}-report-{report.pk}.pdf", ContentFile(pdf), save=False)
        report.xlsx.save(f"{report.kind}-report-{report.pk}.xlsx", ContentFile(xlsx), save=False)
        report.status, report.progress, report.pages = ReportStatus.DONE, 100, pages
        report.finished_at = timezone.now()
        report.save(update_fields=["pdf", "xlsx", "status", "progress", "pages", "finished_at"])
        audit.record(report, actor=None, action=ReportAction.BUILT,
                     from_value=ReportStatus.RUNNING, to_value=ReportStatus.DONE,
                     data={"pages": pages, "bytes": len(pdf)})
    return report


# The report's state lives in its row, not in a result store: with no result to keep, asking
# for a report while Redis is down fails at the broker (and the report waits) instead of at
# the result store. The name is the one it had in reports/tasks.py.
@shared_task(name="reports.tasks.build_report_task", acks_late=True,
             reject_on_worker_lost=True, ignore_result=True)
def build_report_task(report_id):
    return build_report(report_id).status
