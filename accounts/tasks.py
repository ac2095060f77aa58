"""Celery tasks of the accounts app: thin wrappers that load by id and call one function."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_email(self, *, subject, body, to, html=None):
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as e:  # SMTP out of reach: try again later
        raise self.retry(exc=e) from e
