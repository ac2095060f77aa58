"""E-mail leaves through Celery, and only after the transaction that caused it commits.

If the broker cannot take the letter (Redis down), the letter is not lost: it is kept as a
pending :class:`~accounts.models.OutgoingEmail` row, and a beat task sends it later.

The task that sends one letter lives here, next to the function it wraps, so that queueing a
letter needs no import of ``accounts.tasks`` (which imports this module).
"""

import logging
from functools import partial

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from accounts import identity
from accounts.enums import OutgoingEmailState
from accounts.models import OutgoingEmail

log = logging.getLogger(__name__)

# A request must not hang on a broker that is down: two quick tries, then keep the letter.
PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}


def letter(*, subject, body, to, html=None, attachments=None, signed=None):
    """One letter as the task takes it; ``signed``: the signature already rendered (a batch
    renders it once). Every letter ends with the office's signature (its identity: names,
    address, contacts)."""
    body = body.rstrip("\n") + "\n\n" + (signature() if signed is None else signed)
    one = {"subject": " ".join(subject.split()), "body": body, "to": list(to), "html": html}
    if attachments:
        one["attachments"] = [list(a) for a in attachments]
    return one


def queue_email(*, subject, body, to, html=None, attachments=None):
    """Send a letter after commit. ``attachments``: [(filename, text content, mimetype)]."""
    transaction.on_commit(partial(_hand_to_broker, letter(
        subject=subject, body=body, to=to, html=html, attachments=attachments)))


BATCH = 100  # letters handed to the broker as one task


def queue_emails(letters):
    """Send many letters (built by :func:`letter`) after commit: one task per :data:`BATCH`
    letters instead of one each (the bulk paths: experts assigned to hundreds of cards)."""
    letters = list(letters)
    if len(letters) == 1:
        transaction.on_commit(partial(_hand_to_broker, letters[0]))
        return
    for start in range(0, len(letters), BATCH):
        transaction.on_commit(partial(_hand_batch_to_broker, letters[start:start + BATCH]))


def signature():
    """The signature block of the office's letters, in the current language."""
    text = render_to_string("accounts/email/signature.txt", {"identity": identity.current()})
    return text.rstrip("\n") + "\n"


def _hand_to_broker(letter):
    try:
        send_email.apply_async(kwargs=letter, retry=True, retry_policy=PUBLISH_RETRY)
    except (BrokerError, OSError) as e:
        log.error("broker unreachable, e-mail to %s kept for a later try: %s", letter["to"], e)
        OutgoingEmail.objects.create(
            subject=letter["subject"][:300],
            body=letter["body"],
            html=letter["html"] or "",
            to=letter["to"],
            attempts=0,
            last_error=str(e)[:1000],
        )


def _keep(letters, error):
    """The letters the broker or SMTP could not take, kept for the beat task to send later."""
    OutgoingEmail.objects.bulk_create(OutgoingEmail(
        subject=one["subject"][:300], body=one["body"], html=one["html"] or "", to=one["to"],
        attempts=0, last_error=str(error)[:1000]) for one in letters)


def _hand_batch_to_broker(letters):
    try:
        send_emails.apply_async(kwargs={"letters": letters}, retry=True,
                                retry_policy=PUBLISH_RETRY)
    except (BrokerError, OSError) as e:
        log.error("broker unreachable, %s e-mails kept for a later try: %s", len(letters), e)
        _keep(letters, e)


def deliver(*, subject, body, to, html=None, attachments=None):
    """Send one letter now (inside a Celery task). Raises ``OSError`` if SMTP is out of reach."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()


# The name it had in accounts/tasks.py, so letters already queued are still understood.
@shared_task(name="accounts.tasks.send_email", bind=True, max_retries=5, default_retry_delay=60,
             acks_late=True, ignore_result=True)  # no result store: a letter not sent stays pending
def send_email(self, *, subject, body, to, html=None, attachments=None):
    try:
        deliver(subject=subject, body=body, to=to, html=html, attachments=attachments)
    except OSError as e:  # SMTP out of reach: try again later
        raise self.retry(exc=e) from e


@shared_task(name="accounts.tasks.send_emails", acks_late=True, ignore_result=True)
def send_emails(*, letters):
    """Send a batch of letters; those SMTP does not take are kept as pending rows (the beat
    task :func:`resend_pending_emails` sends them later), so a retry never sends one twice."""
    failed, error = [], None
    for one in letters:
        try:
            deliver(**one)
        except OSError as e:
            failed.append(one)
            error = e
    if failed:
        log.error("%s of %s e-mails kept for a later try: %s", len(failed), len(letters), error)
        _keep(failed, error)
    return len(letters) - len(failed)


MAX_ATTEMPTS = 20


def resend_pending_emails(*, limit=200):
    """Send the letters the broker could not take. Returns how many left."""
    sent = 0
    pending = OutgoingEmail.objects.filter(state=OutgoingEmailState.PENDING).order_by("created_at")
    for letter in pending[:limit]:
        letter.attempts += 1
        try:
            deliver(subject=letter.subject, body=letter.body, to=letter.to, html=letter.html or None)
        except OSError as e:
            letter.last_error = str(e)[:1000]
            if letter.attempts >= MAX_ATTEMPTS:
                letter.state = OutgoingEmailState.FAILED
                log.error("e-mail %s to %s given up after %s attempts", letter.pk, letter.to,
                          letter.attempts)
            letter.save(update_fields=["attempts", "last_error", "state"])
            continue
        letter.state = OutgoingEmailState.SENT
        letter.sent_at = timezone.now()
        letter.save(update_fields=["attempts", "state", "sent_at"])
        sent += 1
    return sent
