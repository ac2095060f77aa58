"""Celery tasks of the initiatives app: thin wrappers that take ids and call one function."""

from celery import shared_task


@shared_task(acks_late=True)
def build_conclusion_pdf(conclusion_id):
    from initiatives.pdf import store_conclusion_pdf

    return store_conclusion_pdf(conclusion_id).pdf.name


@shared_task
def remind_reviews():
    from initiatives.expertise import remind_reviews as remind

    return remind()
