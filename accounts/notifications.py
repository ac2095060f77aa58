"""Notifications for every app: one function, :func:`notify`, and the daily digest.

Any app calls::

    from accounts.notifications import notify
    notify([expert], kind=NotificationKind.EXPERT_ASSIGNED, title=..., url=initiative.get_absolute_url(),
           actor=by)

inside its domain function's transaction. The rows appear in the portal at once; e-mails are
queued with ``transaction.on_commit`` (a rolled-back change sends nothing).
"""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import audit, letters
from accounts.enums import AuditAction, NotificationChannel, NotificationKind
from accounts.errors import DomainError
from accounts.letters.builtin import notification_key, notification_values
from accounts.mail import queue_email
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


def channels_of(people, kind):
    """The chosen channel of each person for one kind, in one query: {person id: channel}."""
    chosen = dict(
        NotificationPreference.objects.filter(person__in=people, kind=kind).values_list(
            "person_id", "channel"
        )
    )
    return {p.pk: chosen.get(p.pk, DEFAULT_CHANNEL) for p in people}


@transaction.atomic
def notify(recipients, *, kind, title, body="", url="", actor=None, attachments=None):
    """Tell people about an event: a row each in the portal, and e-mail for those who chose it.

    ``attachments`` ([(filename, text, mimetype)], e.g. a meeting's ``.ics``) go with the
    immediate e-mails (not with the daily digest)."""
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError("a notification links only to a page of the portal (a path from /)")
    people = _people(recipients, actor)
    if not people:
        return []
    channels = channels_of(people, kind)
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            channel=channels[person.pk],
            title=str(title)[:300],
            body=str(body),
            url=url,
            actor=actor if actor is not None and actor.is_authenticated else None,
        )
        for person in people
    )
    letters_due = [row for row in rows
                   if row.channel == NotificationChannel.EMAIL and row.recipient.email]
    worded = letters.office_template(notification_key(kind)) if letters_due else None
    for row in letters_due:
        _queue_letter(row, attachments=attachments, worded=worded)
    return rows


def _queue_letter(notification, attachments=None, worded=None):
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
    queue_email(subject=subject, body=body, to=[notification.recipient.email], html=html,
                attachments=attachments)


@transaction.atomic
def send_daily_digests():
    """One letter per person with their unread digest notifications; each is sent once."""
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
    letters = 0
    with translation.override(settings.LANGUAGE_CODE):
        for person, rows in by_person.items():
            if not person.email or not person.is_active:
                continue
            context = {
                "person": person,
                "rows": [(row, absolute_url(row.url)) for row in rows],
                "count": len(rows),
                "list_link": absolute_url(reverse("accounts:notifications")),
                "settings_link": absolute_url(reverse("accounts:notification_settings")),
            }
            queue_email(
                subject=render_to_string("accounts/email/digest_subject.txt", context),
                body=render_to_string("accounts/email/digest.txt", context),
                to=[person.email],
            )
            letters += 1
    Notification.objects.filter(pk__in=[row.pk for row in due]).update(digest_sent_at=timezone.now())
    return letters


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
