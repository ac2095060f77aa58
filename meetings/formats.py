"""Domain functions of the meeting formats, reference data the office keeps in the portal.

One function per change; each runs in one transaction, validates and writes an audit record.
A format that meetings have is archived (no longer offered for new meetings), never deleted.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from accounts.reference_data import (
    check_office,
    delete_unless_referenced,
    full_clean_or_refuse,
    set_active,
    text,
)
from meetings.enums import MeetingAction
from meetings.models import MeetingFormat


@transaction.atomic
def save_meeting_format(*, by: User, instance: MeetingFormat | None = None, name: str,
                        description: str = "", order: int = 0,
                        is_project_committee: bool = False) -> MeetingFormat:
    check_office(by)
    fmt = instance or MeetingFormat()
    before = fmt.name
    fmt.name, fmt.description, fmt.order = text(name, 200), text(description), order or 0
    fmt.is_project_committee = bool(is_project_committee)
    if MeetingFormat.objects.filter(name__iexact=fmt.name).exclude(pk=fmt.pk).exists():
        raise DomainError(_("A meeting format with this name already exists."), field="name")
    full_clean_or_refuse(fmt)
    fmt.save()
    audit.record(fmt, actor=by, action=MeetingAction.FORMAT_SAVED, from_value=before,
                 to_value=fmt.name)
    return fmt


@transaction.atomic
def archive_meeting_format(fmt: MeetingFormat, *, by: User) -> MeetingFormat:
    """Not offered for new meetings; the meetings held in it keep it and its ratings."""
    return set_active(fmt, by=by, active=False, action=MeetingAction.FORMAT_ARCHIVED)


@transaction.atomic
def restore_meeting_format(fmt: MeetingFormat, *, by: User) -> MeetingFormat:
    return set_active(fmt, by=by, active=True, action=MeetingAction.FORMAT_RESTORED)


@transaction.atomic
def delete_meeting_format(fmt: MeetingFormat, *, by: User) -> None:
    """Delete a format no meeting has; one with meetings is archived instead."""
    delete_unless_referenced(
        fmt, by=by, referenced=lambda f: f.meetings.exists(),
        refusal=_("Meetings have this format: archive it instead."),
        action=MeetingAction.FORMAT_DELETED)
