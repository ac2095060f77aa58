"""Celery tasks of meetings: thin wrappers taking ids."""

from celery import shared_task

from meetings import minutes


@shared_task(acks_late=True)
def build_minutes_pdf(meeting_id):
    return minutes.build_minutes_pdf(meeting_id)
