"""Celery tasks of the initiatives app: thin wrappers that take ids and call one function."""

import datetime

from celery import shared_task

from initiatives import monitoring
from initiatives.calls import services as calls
from initiatives.registry_import import services as registry_import


@shared_task(acks_late=True)
def build_conclusion_pdf(conclusion_id):
    from initiatives.pdf import store_conclusion_pdf

    return store_conclusion_pdf(conclusion_id).pdf.name


@shared_task
def remind_reviews():
    from initiatives.expertise import remind_reviews as remind

    return remind()


@shared_task
def remind_progress_reports(today=None):
    """Daily: remind teams of reports due soon and mark (and tell of) overdue ones.
    ``today`` (ISO date) is for tests and catching up; by default the local date."""
    day = datetime.date.fromisoformat(today) if today else None
    return monitoring.remind_progress_reports(today=day)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def import_registry_task(record_id):
    """Write a confirmed registry file (its rows are kept in the ``RegistryImport``)."""
    return registry_import.run_registry_import(record_id).status


@shared_task
def remind_call_deadlines():
    """Hourly: remind teams of unfinished drafts 7 days and 1 day before their call's deadline
    (once each: ``CallReminder``)."""
    return calls.send_deadline_reminders()
