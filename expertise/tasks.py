"""Celery tasks of the expertise app: thin wrappers that take ids and call one function.

The registered names stay those of before the move (``initiatives.tasks.…``), so that queued
tasks and the beat schedule keep working."""

from celery import shared_task

from expertise import services
from expertise.pdf import store_conclusion_pdf


@shared_task(name="initiatives.tasks.build_conclusion_pdf", acks_late=True)
def build_conclusion_pdf(conclusion_id):
    return store_conclusion_pdf(conclusion_id).pdf.name


@shared_task(name="initiatives.tasks.remind_reviews")
def remind_reviews():
    return services.remind_reviews()


def queue_conclusion_pdf(sender, conclusion_id, **kwargs):
    """Connected to ``expertise.signals.conclusion_issued`` in ``ExpertiseConfig.ready``."""
    build_conclusion_pdf.delay(conclusion_id)
