"""Who may do what with meetings: predicates combined with ``&`` and ``|``."""

import rules

from accounts.rules import is_office, is_office_head, is_signed_in
from meetings.enums import AttendanceStatus, MeetingStatus
from meetings.queries import is_invited


@rules.predicate
def is_invitee(user, meeting):
    return is_invited(user, meeting)


@rules.predicate
def is_open(user, meeting):
    return meeting is not None and meeting.status in (MeetingStatus.PLANNED, MeetingStatus.HELD)


@rules.predicate
def is_held(user, meeting):
    return meeting is not None and meeting.status == MeetingStatus.HELD


@rules.predicate
def is_planned(user, meeting):
    return meeting is not None and meeting.status == MeetingStatus.PLANNED


@rules.predicate
def was_present(user, meeting):
    if meeting is None or meeting.status not in (MeetingStatus.HELD,
                                                 MeetingStatus.MINUTES_APPROVED):
        return False
    return meeting.attendance.filter(person_id=user.pk, status=AttendanceStatus.PRESENT).exists()


@rules.predicate
def has_minutes_pdf(user, meeting):
    return meeting is not None and bool(meeting.minutes_pdf)


@rules.predicate
def is_task_owner(user, task):
    return task is not None and task.owner_id == user.pk


can_view = is_office | is_invitee

rules.add_perm("meetings.view_meeting_list", is_signed_in)
rules.add_perm("meetings.view_meeting", can_view)
rules.add_perm("meetings.add_meeting", is_office)
rules.add_perm("meetings.change_meeting", is_office & is_open)
# the people and initiatives offered by the selects of the meeting's forms as the office types
rules.add_perm("meetings.search_choices", is_office)
rules.add_perm("meetings.send_invitations", is_office & is_planned)
rules.add_perm("meetings.approve_minutes", is_office_head & is_held)
rules.add_perm("meetings.view_minutes_pdf", can_view & has_minutes_pdf)
rules.add_perm("meetings.build_minutes_pdf", is_office)
rules.add_perm("meetings.reflect", is_signed_in & was_present)
rules.add_perm("meetings.view_reflections", can_view)
rules.add_perm("meetings.view_format_ratings", is_office)
rules.add_perm("meetings.manage_formats", is_office)
rules.add_perm("meetings.view_tasks", is_office)
rules.add_perm("meetings.complete_task", is_office | is_task_owner)
rules.add_perm("meetings.use_calendar", is_signed_in)
rules.add_perm("meetings.view_work_plans", is_signed_in)
rules.add_perm("meetings.change_work_plan", is_office)
rules.add_perm("meetings.view_news", rules.always_allow)
rules.add_perm("meetings.publish_news", is_office)
