"""Domain functions of the meeting formats, reference data the office keeps in the portal.

One function per change; each runs in one transaction, validates and writes an audit record.
A format that meetings have is archived (no longer offered for new meetings), never deleted.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.rules import is_office
from meetings.enums import MeetingAction
from meetings.models import MeetingFormat


def _check_office(by):
    if by is None or not is_office.test(by):
        raise DomainError(_("Only the project office keeps the reference data."))


def _text(value, limit=20000):
    return (value or "").replace("\x00", "").strip()[:limit]


@transaction.atomic
def save_meeting_format(*, by: User, instance: MeetingFormat | None = None, name: str,
                        description: str = "", order: int = 0) -> MeetingFormat:
    _check_office(by)
    fmt = instance or MeetingFormat()
    before = fmt.name
    fmt.name, fmt.description, fmt.order = _text(name, 200), _text(description), order or 0
    if MeetingFormat.objects.filter(name__iexact=fmt.name).exclude(pk=fmt.pk).exists():
        raise DomainError(_("A meeting format with this name already exists."), field="name")
    try:
        fmt.full_clean()
    except ValidationError as e:
        field, messages = next(iter(e.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from e
    fmt.save()
    audit.record(fmt, actor=by, action=MeetingAction.FORMAT_SAVED, from_value=before,
                 to_value=fmt.name)
    return fmt


def _set_active(fmt, *, by, active, action):
    _check_office(by)
    fmt = MeetingFormat.objects.select_for_update().get(pk=fmt.pk)
    if fmt.is_active == active:
        raise DomainError(_("It is already in use.") if active else _("It is already archived."))
    fmt.is_active = active
    fmt.save(update_fields=["is_active"])
    audit.record(fmt, actor=by, action=action, to_value=fmt.name)
    return fmt


@transaction.atomic
def archive_meeting_format(fmt: MeetingFormat, *, by: User) -> MeetingFormat:
    """Not offered for new meetings; the meetings held in it keep it and its ratings."""
    return _set_active(fmt, by=by, active=False, action=MeetingAction.FORMAT_ARCHIVED)


@transaction.atomic
def restore_meeting_format(fmt: MeetingFormat, *, by: User) -> MeetingFormat:
    return _set_active(fmt, by=by, active=True, action=MeetingAction.FORMAT_RESTORED)


@transaction.atomic
def delete_meeting_format(fmt: MeetingFormat, *, by: User) -> None:
    """Delete a format no meeting has; one with meetings is archived instead."""
    _check_office(by)
    fmt = MeetingFormat.objects.select_for_update().get(pk=fmt.pk)
    if fmt.meetings.exists():
        raise DomainError(_("Meetings have this format: archive it instead."))
    audit.record(fmt, actor=by, action=MeetingAction.FORMAT_DELETED, from_value=fmt.name)
    fmt.delete()
