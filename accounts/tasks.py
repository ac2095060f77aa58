"""Celery tasks of the accounts app: thin wrappers that load by id and call one function."""

from celery import shared_task

from accounts import mail, notifications


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True,
             ignore_result=True)  # no result store needed: a letter not sent stays in the outbox
def send_email(self, *, subject, body, to, html=None, attachments=None):
    try:
        mail.deliver(subject=subject, body=body, to=to, html=html, attachments=attachments)
    except OSError as e:  # SMTP out of reach: try again later
        raise self.retry(exc=e) from e


@shared_task
def resend_pending_emails():
    return mail.resend_pending_emails()


@shared_task
def send_daily_digests():
    return notifications.send_daily_digests()
