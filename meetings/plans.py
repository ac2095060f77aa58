"""Domain functions of the office's work plan: a plan per year and its activities."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audit
from accounts.errors import DomainError
from accounts.models import User
from meetings.enums import ActivityStatus, MeetingAction
from meetings.models import Meeting, PlannedActivity, WorkPlan
from meetings.services import TEXT_LIMIT, clean_or_refuse, require_office


@transaction.atomic
def create_work_plan(*, year: int, title: str, by: User | None) -> WorkPlan:
    if by is not None:
        require_office(by)
    if WorkPlan.objects.filter(year=year).exists():
        raise DomainError(_("A plan for %(year)s already exists.") % {"year": year},
                          field="year")
    plan = WorkPlan(year=year, title=(title or "").strip() or
                    f"План работы проектного офиса на {year} год")
    clean_or_refuse(plan)
    plan.save()
    audit.record(plan, actor=by, action=MeetingAction.ACTIVITY_CHANGED, to_value=plan.status)
    return plan


@transaction.atomic
def add_activity(plan: WorkPlan, *, by: User | None, kind: str, title: str, month: int,
                 responsible: str = "") -> PlannedActivity:
    if by is not None:
        require_office(by)
    activity = PlannedActivity(plan=plan, kind=kind, title=(title or "").strip(), month=month,
                               responsible=(responsible or "").strip())
    if not activity.title:
        raise DomainError(_("Give the topic."), field="title")
    clean_or_refuse(activity)
    activity.save()
    audit.record(plan, actor=by, action=MeetingAction.ACTIVITY_CHANGED, to_value=activity.title)
    return activity


@transaction.atomic
def set_activity_status(activity: PlannedActivity, *, status: str, by: User | None,
                        note: str = "", meeting: Meeting | None = None) -> PlannedActivity:
    if by is not None:
        require_office(by)
    if status not in ActivityStatus.values:
        raise DomainError(_("Unknown status."), field="status")
    note = (note or "").strip()
    if status in (ActivityStatus.MOVED, ActivityStatus.DROPPED) and not note:
        raise DomainError(_("Say why the activity was moved or dropped."), field="note")
    source = activity.status
    activity.status = status
    activity.note = note[:TEXT_LIMIT]
    if meeting is not None:
        activity.meeting = meeting
    activity.updated_by = by
    activity.save()
    audit.record(activity.plan, actor=by, action=MeetingAction.ACTIVITY_CHANGED,
                 from_value=source, to_value=status, comment=f"{activity.title}\n{note}".strip())
    return activity
