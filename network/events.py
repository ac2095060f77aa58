"""Domain functions of network events: create, change, cancel, register, attendance, materials,
feedback and reminders. Each change in one transaction, with its audit record; notifications
after commit."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import audit
from accounts.enums import NotificationKind
from accounts.errors import DomainError
from accounts.models import User
from accounts.notifications import notify
from network.enums import NetworkAction
from network.models import (
    EventFeedback,
    EventMaterial,
    EventOrganiser,
    EventRegistration,
    Network,
    NetworkEvent,
)
from network.queries import organisation_ids_of
from network.services import TEXT_LIMIT, checked_text, stored_file


def _organisation_of(person):
    ids = sorted(organisation_ids_of(person))
    return ids[0] if ids else None


def _event_fields(*, title, starts_at, ends_at, place, description):
    title = checked_text(title, field="title", message=_("Give the event a title."), limit=300)
    if starts_at is None:
        raise DomainError(_("Give the date and time the event starts."), field="starts_at")
    if ends_at is not None and ends_at < starts_at:
        raise DomainError(_("The event cannot end before it starts."), field="ends_at")
    return {"title": title, "starts_at": starts_at, "ends_at": ends_at,
            "place": (place or "").strip()[:300],
            "description": (description or "").strip()[:TEXT_LIMIT]}


def _save_event(event):
    try:
        event.full_clean()
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from e
    event.save()


@transaction.atomic
def create_event(network: Network, *, by: User, kind: str, title: str,
                 starts_at: datetime.datetime, ends_at: datetime.datetime | None = None,
                 place: str = "", description: str = "", organisers=()) -> NetworkEvent:
    """An event of the network; the person who creates it is its first organiser.

    ``organisers`` are more people who organise it (their first team organisation is recorded).
    """
    event = NetworkEvent(network=network, kind=kind, created_by=by, **_event_fields(
        title=title, starts_at=starts_at, ends_at=ends_at, place=place, description=description))
    _save_event(event)
    people = {by.pk: by}
    for person in organisers:
        people.setdefault(person.pk, person)
    EventOrganiser.objects.bulk_create(
        EventOrganiser(event=event, person=p, organisation_id=_organisation_of(p))
        for p in people.values()
    )
    audit.record(event, actor=by, action=NetworkAction.EVENT_CREATED)
    return event


EVENT_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "description")


def _registered_people(event, but=None):
    return [r.person for r in event.registrations.select_related("person")
            if r.person_id != getattr(but, "pk", None)]


@transaction.atomic
def update_event(event: NetworkEvent, *, by: User, kind: str, title: str,
                 starts_at: datetime.datetime, ends_at: datetime.datetime | None = None,
                 place: str = "", description: str = "", organisers=()) -> NetworkEvent:
    """Change an event's details and its other organisers (the one who created it stays one).
    People registered for it are told when its time or place changes."""
    event = NetworkEvent.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise DomainError(_("The event is cancelled; it cannot be changed."))
    before = {f: getattr(event, f) for f in EVENT_FIELDS}
    event.kind = kind
    for name, value in _event_fields(title=title, starts_at=starts_at, ends_at=ends_at,
                                     place=place, description=description).items():
        setattr(event, name, value)
    _save_event(event)
    keep = {p.pk for p in organisers} | {event.created_by_id}
    current = set(event.organisers.values_list("person_id", flat=True))
    event.organisers.exclude(person_id__in=keep).delete()
    EventOrganiser.objects.bulk_create(
        EventOrganiser(event=event, person=p, organisation_id=_organisation_of(p))
        for p in organisers if p.pk not in current)
    changed = [f for f in EVENT_FIELDS if getattr(event, f) != before[f]]
    if changed or keep != current:
        audit.record(event, actor=by, action=NetworkAction.EVENT_UPDATED,
                     comment=", ".join(str(NetworkEvent._meta.get_field(f).verbose_name)
                                       for f in changed))
    if {"starts_at", "ends_at", "place"} & set(changed):
        notify(_registered_people(event, but=by), kind=NotificationKind.EVENT_REMINDER,
               title=_("The event «%(title)s» is moved") % {"title": event.title},
               body=_("New time: %(when)s. Place: %(place)s.") % {
                   "when": timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M"),
                   "place": event.place or "—"},
               url=event.get_absolute_url(), actor=by)
    return event


@transaction.atomic
def cancel_event(event: NetworkEvent, *, by: User, reason: str) -> NetworkEvent:
    """Cancel an event with a reason; it stays in the calendar marked cancelled, is not
    counted in the network's health, and the people registered for it are told."""
    reason = checked_text(reason, field="reason", message=_("Say why the event is cancelled."),
                   limit=2000)
    event = NetworkEvent.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise DomainError(_("The event is already cancelled."))
    event.is_cancelled = True
    event.save(update_fields=["is_cancelled"])
    audit.record(event, actor=by, action=NetworkAction.EVENT_CANCELLED, from_value="",
                 to_value="cancelled", comment=reason)
    notify(_registered_people(event, but=by), kind=NotificationKind.EVENT_REMINDER,
           title=_("The event «%(title)s» is cancelled") % {"title": event.title}, body=reason,
           url=event.get_absolute_url(), actor=by)
    return event


@transaction.atomic
def register_for_event(event: NetworkEvent, *, by: User) -> EventRegistration:
    if event.is_cancelled:
        raise DomainError(_("The event is cancelled."))
    if event.starts_at < timezone.now():
        raise DomainError(_("The event has already started: registration is closed."))
    registration, created = EventRegistration.objects.get_or_create(
        event=event, person=by, defaults={"organisation_id": _organisation_of(by)})
    if not created:
        raise DomainError(_("You are already registered for this event."))
    return registration


@transaction.atomic
def cancel_registration(event: NetworkEvent, *, by: User) -> None:
    deleted, _rows = EventRegistration.objects.filter(event=event, person=by,
                                                      attended=False).delete()
    if not deleted:
        raise DomainError(_("You are not registered for this event."))


@transaction.atomic
def mark_attendance(event: NetworkEvent, *, by: User, attended_ids) -> int:
    """Set who attended among the registered; returns how many attended."""
    if event.starts_at > timezone.now():
        raise DomainError(_("Attendance is marked after the event has started."))
    ids = {int(i) for i in attended_ids}
    regs = list(event.registrations.select_for_update())
    for reg in regs:
        reg.attended = reg.person_id in ids
    EventRegistration.objects.bulk_update(regs, ["attended"])
    count = sum(r.attended for r in regs)
    audit.record(event, actor=by, action=NetworkAction.ATTENDANCE_MARKED, to_value=str(count))
    return count


@transaction.atomic
def add_event_material(event: NetworkEvent, *, by: User, upload) -> EventMaterial:
    material = stored_file(EventMaterial, upload=upload, by=by, event=event)
    audit.record(event, actor=by, action=NetworkAction.EVENT_UPDATED,
                 comment=material.original_name)
    return material


@transaction.atomic
def give_feedback(event: NetworkEvent, *, by: User, rating, text: str = "") -> EventFeedback:
    if not event.registrations.filter(person=by).exists():
        raise DomainError(_("Feedback is given by those registered for the event."))
    if event.starts_at > timezone.now():
        raise DomainError(_("Feedback is given after the event has started."))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise DomainError(_("Rate the event from 1 to 5."), field="rating")
    feedback, _created = EventFeedback.objects.update_or_create(
        event=event, person=by,
        defaults={"rating": rating, "text": (text or "").strip()[:TEXT_LIMIT]})
    return feedback


def send_event_reminders(*, now: datetime.datetime | None = None,
                         ahead: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    """Remind the registered of events starting within ``ahead``; each event once."""
    now = now or timezone.now()
    sent = 0
    for event_id in NetworkEvent.objects.filter(
        starts_at__gt=now, starts_at__lte=now + ahead, is_cancelled=False,
        reminder_sent_at__isnull=True,
    ).values_list("pk", flat=True):
        sent += _remind(event_id, now=now)
    return sent


@transaction.atomic
def _remind(event_id, *, now):
    event = NetworkEvent.objects.select_for_update().get(pk=event_id)
    if event.reminder_sent_at is not None:
        return 0
    people = [r.person for r in event.registrations.select_related("person")]
    with translation.override(settings.LANGUAGE_CODE):
        when = timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")
        notify(people, kind=NotificationKind.EVENT_REMINDER,
               title=_("Reminder: «%(title)s» on %(when)s") % {"title": event.title, "when": when},
               body=event.place, url=event.get_absolute_url())
    event.reminder_sent_at = now
    event.save(update_fields=["reminder_sent_at"])
    return len(people)
