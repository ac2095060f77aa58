"""Notifications for every app: one function, :func:`notify`, and the daily digest.

Any app calls::

    from accounts.notifications import notify
    notify([expert], kind=NotificationKind.EXPERT_ASSIGNED, title=..., url=initiative.get_absolute_url(),
           actor=by)

inside its domain function's transaction. The rows appear in the portal at once; e-mails are
queued with ``transaction.on_commit`` (a rolled-back change sends nothing).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import audit, letters
from accounts.enums import AuditAction, NotificationChannel, NotificationKind
from accounts.errors import DomainError
from accounts.letters.builtin import DIGEST, digest_values, notification_key, notification_values
from accounts.mail import letter, queue_email, queue_emails, signature
from accounts.models import Notification, NotificationPreference, User

DEFAULT_CHANNEL = NotificationChannel.EMAIL


def absolute_url(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}" if path else settings.SITE_URL


def _people(recipients, actor):
    """Distinct active people, in the order given, without the one who caused the event."""
    seen, people = set(), []
    actor_pk = actor.pk if actor is not None and actor.is_authenticated else None
    for person in recipients:
        if person is None or person.pk in seen or person.pk == actor_pk or not person.is_active:
            continue
        seen.add(person.pk)
        people.append(person)
    return people


@dataclass(frozen=True)
class Event:
    """One event to tell people about (see :func:`notify`)."""

    recipients: tuple
    kind: str
    title: str
    body: str = ""
    url: str = ""
    actor: object = None


def _checked(event):
    if event.kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {event.kind!r}")
    if event.url and (not event.url.startswith("/") or event.url.startswith("//")):
        raise ValueError("a notification links only to a page of the portal (a path from /)")
    return event


def notify(recipients, *, kind, title, body="", url="", actor=None, attachments=None):
    """Tell people about an event: a row each in the portal, and e-mail for those who chose it.

    ``attachments`` ([(filename, text, mimetype)], e.g. a meeting's ``.ics``) go with the
    immediate e-mails (not with the daily digest)."""
    return notify_many([Event(tuple(recipients), kind, title, body, url, actor)],
                       attachments=attachments)


@transaction.atomic
def notify_many(events, *, attachments=None):
    """Tell people about many events at once, in a fixed number of queries however many events:
    the channels chosen (one query), the rows (one insert), the office's wordings of the kinds
    (one query) and the e-mails (queued after commit in batches). The bulk paths (experts
    assigned to hundreds of cards) call it after their commit."""
    pairs = []
    for event in map(_checked, events):
        pairs += [(event, person) for person in _people(event.recipients, event.actor)]
    if not pairs:
        return []
    chosen = {(person_id, kind): channel for person_id, kind, channel in
              NotificationPreference.objects.filter(
                  person__in={person.pk for _e, person in pairs},
                  kind__in={event.kind for event, _p in pairs},
              ).values_list("person_id", "kind", "channel")}
    rows = Notification.objects.bulk_create(
        (Notification(
            recipient=person,
            kind=event.kind,
            channel=chosen.get((person.pk, event.kind), DEFAULT_CHANNEL),
            title=str(event.title)[:300],
            body=str(event.body),
            url=event.url,
            actor=event.actor if event.actor is not None and event.actor.is_authenticated
            else None,
        ) for event, person in pairs),
        batch_size=1000,
    )
    letters_due = [row for row in rows
                   if row.channel == NotificationChannel.EMAIL and row.recipient.email]
    if letters_due:
        worded = letters.office_templates({notification_key(row.kind) for row in letters_due})
        signed = signature()
        queue_emails([_letter(row, attachments=attachments, signed=signed,
                              worded=worded.get(notification_key(row.kind)))
                      for row in letters_due])
    return rows


def _letter(notification, *, attachments=None, worded=None, signed=None):
    """The e-mail of one notification, in the office's wording of its kind if it has one."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "person": notification.recipient,
            "notification": notification,
            "link": absolute_url(notification.url),
            "settings_link": absolute_url(reverse("accounts:notification_settings")),
            "kind": notification.get_kind_display(),
        }
        subject, body, html = letters.render(
            notification_key(notification.kind), values=notification_values(notification),
            context=context, worded=worded)
    return letter(subject=subject, body=body, to=[notification.recipient.email], html=html,
                  attachments=attachments, signed=signed)


@transaction.atomic
def send_daily_digests():
    """One letter per person with their unread digest notifications; each is sent once. The
    letter is the office's wording of the kind «digest» (``accounts.letters.builtin``)."""
    due = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(channel=NotificationChannel.DIGEST, digest_sent_at__isnull=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person = defaultdict(list)
    for row in due:
        if row.read_at is None:
            by_person[row.recipient].append(row)
    worded = letters.office_template(DIGEST) if by_person else None
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for person, rows in by_person.items():
            if not person.email or not person.is_active:
                continue
            values = digest_values(person, rows)
            subject, body, html = letters.render(DIGEST, values=values,
                                                 context={**values, "count": len(rows)},
                                                 worded=worded)
            queue_email(subject=subject, body=body, to=[person.email], html=html)
            sent += 1
    Notification.objects.filter(pk__in=[row.pk for row in due]).update(digest_sent_at=timezone.now())
    return sent


def mark_read(notification, *, by):
    if notification.recipient_id != by.pk:
        raise DomainError(_("This notification is addressed to somebody else."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, person):
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_of(person):
    """[(kind value, kind label, channel)] for every kind, in one query."""
    chosen = dict(person.notification_preferences.values_list("kind", "channel"))
    return [(k.value, k.label, chosen.get(k.value, DEFAULT_CHANNEL)) for k in NotificationKind]


@transaction.atomic
def set_preferences(person: User, *, channels: dict, by: User):
    """Store the channel of each kind; the history keeps which kinds changed."""
    if set(channels) - set(NotificationKind.values):
        raise DomainError(_("Unknown kind of notification."))
    if set(channels.values()) - set(NotificationChannel.values):
        raise DomainError(_("Unknown way of delivery."))
    current = {kind: channel for kind, _label, channel in preferences_of(person)}
    changed = sorted(k for k, v in channels.items() if current[k] != v)
    for kind in changed:
        NotificationPreference.objects.update_or_create(
            person=person, kind=kind, defaults={"channel": channels[kind]}
        )
    if changed:
        audit.record(
            person, actor=by, action=AuditAction.NOTIFICATION_PREFERENCES_CHANGED,
            data={"kinds": changed},
        )
    return changed
