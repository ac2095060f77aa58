"""Domain functions of taking part in meetings: attendance, reflection and the personal
calendar's secret token. Each change in one transaction, with its audit record."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from meetings import queries
from meetings.enums import AttendanceStatus, MeetingAction, MeetingStatus
from meetings.models import Attendance, CalendarToken, Meeting, Reflection
from meetings.models.calendar import new_token
from meetings.services import TEXT_LIMIT, require_office, require_open


@transaction.atomic
def record_attendance(meeting: Meeting, *, marks: dict, by: User) -> int:
    """Store ``{person id: status}`` for the invited people; returns how many rows changed."""
    require_office(by)
    require_open(meeting)
    invited = {p.pk for p in queries.invitees(meeting)} | set(
        meeting.attendance.values_list("person_id", flat=True))
    if set(marks) - invited:
        raise DomainError(_("Only invited people can be marked."))
    if set(marks.values()) - set(AttendanceStatus.values):
        raise DomainError(_("Unknown attendance mark."))
    current = dict(meeting.attendance.values_list("person_id", "status"))
    changed = 0
    for person_id, status in marks.items():
        if current.get(person_id) == status:
            continue
        Attendance.objects.update_or_create(meeting=meeting, person_id=person_id,
                                            defaults={"status": status})
        changed += 1
    if changed:
        q = queries.quorum(meeting, attendance=list(meeting.attendance.all()))
        audit.record(meeting, actor=by, action=MeetingAction.ATTENDANCE_RECORDED,
                     to_value=f"{q.present}/{q.members}", data={"changed": changed})
    return changed


@transaction.atomic
def submit_reflection(meeting: Meeting, *, person: User, rating: int, valuable: str = "",
                      to_change: str = "") -> Reflection:
    """One reflection per participant (present at the meeting) after the meeting."""
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
        raise DomainError(_("Reflection opens after the meeting is held."))
    if not meeting.attendance.filter(person=person, status=AttendanceStatus.PRESENT).exists():
        raise DomainError(_("Only participants of the meeting answer its reflection."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Rate the format from 1 to 5."), field="rating")
    if Reflection.objects.filter(meeting=meeting, person=person).exists():
        raise DomainError(_("You have already answered the reflection of this meeting."))
    return Reflection.objects.create(meeting=meeting, person=person, rating=rating,
                                     valuable=(valuable or "").strip()[:TEXT_LIMIT],
                                     to_change=(to_change or "").strip()[:TEXT_LIMIT])


def calendar_token_of(person: User) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(person=person)
    return token


@transaction.atomic
def renew_calendar_token(person: User, *, by: User) -> CalendarToken:
    """A new secret: the old feed URL stops working at once."""
    if by is None or by.pk != person.pk:
        raise DomainError(_("Only the person renews their calendar link."))
    token = calendar_token_of(person)
    token.token = new_token()
    token.save(update_fields=["token", "created_at"])
    audit.record(person, actor=by, action=MeetingAction.CALENDAR_RENEWED)
    return token
