"""Celery tasks of the portfolio app: thin wrappers that take ids and call one function.

The registered names stay those of before the move (``initiatives.tasks.…``), so that queued
tasks and the beat schedule keep working."""

import datetime

from celery import shared_task

from portfolio import services


@shared_task(acks_late=True)
def build_report_document_pdf(kind, report_pk):
    """Render and keep the PDF of a progress report or a final report (its number issued)."""
    from portfolio.report_pdf import store_report_pdf  # WeasyPrint: only in the worker

    return store_report_pdf(kind, report_pk)


@shared_task(name="initiatives.tasks.remind_progress_reports")
def remind_progress_reports(today=None):
    """Daily: remind teams of reports due soon and mark (and tell of) overdue ones.
    ``today`` (ISO date) is for tests and catching up; by default the local date."""
    day = datetime.date.fromisoformat(today) if today else None
    return services.remind_progress_reports(today=day)
