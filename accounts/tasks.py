"""Celery tasks of the accounts app: thin wrappers that load by id and call one function.

``accounts.tasks.send_email`` (one letter) is defined in :mod:`accounts.mail`, beside the code
that queues it; importing :mod:`accounts.mail` here registers it with the worker's autodiscovery."""

from celery import shared_task

from accounts import mail, notifications


@shared_task
def resend_pending_emails():
    return mail.resend_pending_emails()


@shared_task
def send_daily_digests():
    return notifications.send_daily_digests()
