"""Celery tasks of the portfolio app: thin wrappers that take ids and call one function.

The registered names stay those of before the move (``initiatives.tasks.…``), so that queued
tasks and the beat schedule keep working."""

import datetime

from celery import shared_task

from portfolio import services
from portfolio.plan import services as calendar_plan


@shared_task(name="initiatives.tasks.remind_progress_reports")
def remind_progress_reports(today=None):
    """Daily: remind teams of reports due soon and mark (and tell of) overdue ones.
    ``today`` (ISO date) is for tests and catching up; by default the local date."""
    day = datetime.date.fromisoformat(today) if today else None
    return services.remind_progress_reports(today=day)


@shared_task(acks_late=True)
def build_report_document_pdf(kind, report_pk):
    """Render and keep the PDF of a progress report or a final report (its number issued)."""
    # imported here so that only workers load WeasyPrint (test_pages_do_not_load_weasyprint)
    from portfolio.pdf import store_report_pdf

    return store_report_pdf(kind, report_pk)


@shared_task
def remind_control_points(today=None):
    """Daily: remind each team once of each control point due within a week (again only when
    its date moved). ``today`` (ISO date) is for tests and catching up."""
    day = datetime.date.fromisoformat(today) if today else None
    return calendar_plan.remind_control_points(today=day)


@shared_task(acks_late=True)
def build_passport_pdf(version_pk):
    """Render and keep the PDF of an approved passport version (its number issued)."""
    # imported here so that only workers load WeasyPrint (test_pages_do_not_load_weasyprint)
    from portfolio.pdf import store_passport_pdf

    return store_passport_pdf(version_pk)
