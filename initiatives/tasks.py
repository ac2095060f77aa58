"""Celery tasks of the initiatives app: thin wrappers that take ids and call one function."""

from celery import shared_task

from initiatives.bulk import jobs
from initiatives.calls import services as calls
from initiatives.registry_import import services as registry_import


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def import_registry_task(record_id):
    """Write a confirmed registry file (its rows are kept in the ``RegistryImport``)."""
    return registry_import.run_registry_import(record_id).status


@shared_task
def remind_call_deadlines():
    """Hourly: remind teams of unfinished drafts 7 days and 1 day before their call's deadline
    (once each: ``CallReminder``)."""
    return calls.send_deadline_reminders()
@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_bulk_job_task(job_id):
    """Act on the cards of a confirmed action over many initiatives."""
    return jobs.run(job_id).status
