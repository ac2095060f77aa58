"""Celery tasks of the initiatives app: thin wrappers calling one domain function."""

import datetime

from celery import shared_task

from initiatives import monitoring


@shared_task
def remind_progress_reports(today=None):
    """Daily: remind teams of reports due soon and mark (and tell of) overdue ones.
    ``today`` (ISO date) is for tests and catching up; by default the local date."""
    day = datetime.date.fromisoformat(today) if today else None
    return monitoring.remind_progress_reports(today=day)
