"""Celery tasks of the initiatives app: thin wrappers that take ids and call one function."""

import datetime

from celery import shared_task

from initiatives import monitoring


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
