"""E-mail leaves through Celery, and only after the transaction that caused it commits."""

from functools import partial

from django.db import transaction

from accounts.tasks import send_email


def queue_email(*, subject, body, to, html=None):
    transaction.on_commit(
        partial(send_email.delay, subject=subject.strip(), body=body, to=list(to), html=html)
    )
