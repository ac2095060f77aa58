"""The demo's project committee (issue 25): the office names its sitting («заседание») the
format of the project committee, and a sitting held seven working days before the demo's day
approves the passport of «Смысловое чтение…» (agreed by everyone on its sheet in
``portfolio.demo.passport``) by its decision; the minutes approved, the passport's first version
carries the protocol's number and date. Made before ``meetings.demo.today`` so that the current
school year's meetings are numbered in the order of their dates. Idempotent: the sitting is
made once."""

import datetime

from django.utils import timezone

from accounts.models import AuditRecord
from initiatives.models import Initiative
from meetings import formats, participation, services
from meetings.demo.history import MEMBERS, PLACE, SITTING
from meetings.enums import AgendaKind, AttendanceStatus, DecisionKind, MeetingStatus
from meetings.models import Decision, Meeting, MeetingFormat
from portfolio.demo.passport import READING, committee_day
from portfolio.models import PassportVersion
from portfolio.passport.enums import PassportStatus

TOPIC = "Проектный комитет: утверждение паспорта муниципального проекта"
ABSENT = "expert2"  # excused; the others are present (the quorum)


def seed(ctx):
    people = ctx.people
    head, staff = people["head"], people["staff"]
    fmt = MeetingFormat.objects.filter(name=SITTING).first()
    if fmt is not None and not fmt.is_project_committee:
        formats.save_meeting_format(by=staff, instance=fmt, name=fmt.name,
                                    description=fmt.description, order=fmt.order,
                                    is_project_committee=True)
    project = Initiative.objects.filter(title=READING, passport__status=PassportStatus.AGREEMENT) \
        .first()
    if fmt is None or project is None or Meeting.objects.filter(topic=TOPIC).exists():
        return
    day = committee_day(ctx.today)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15)))
    meeting = services.create_meeting(
        format=fmt, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), place=PLACE,
        topic=TOPIC, chair=head, secretary=staff, by=staff)
    item = services.add_agenda_item(meeting, by=staff, kind=AgendaKind.OTHER,
                                    title=f"Об утверждении паспорта проекта «{project.title}»",
                                    initiative=project, presenter=project.leader)
    services.update_agenda_item(item, by=staff, values={
        "heard": "Администратор проекта представил паспорт: цель и показатели, результаты, "
                 "финансовое обеспечение, календарный план. Паспорт согласован куратором и "
                 "членом проектного офиса.",
        "decided": "Утвердить паспорт проекта."})
    services.add_decision(item, kind=DecisionKind.APPROVE_PASSPORT, by=staff,
                          text=f"Утвердить паспорт муниципального проекта «{project.title}».")
    services.set_status(meeting, status=MeetingStatus.HELD, by=staff)
    participation.record_attendance(meeting, by=staff, marks={
        people[login].pk: AttendanceStatus.EXCUSED if login == ABSENT
        else AttendanceStatus.PRESENT for login, _role in MEMBERS})
    services.approve_minutes(meeting, by=head, notify_people=False)
    # the minutes were approved the day after the sitting, not on the day of the seed
    when = starts + datetime.timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_approved_at=when)
    Decision.objects.filter(item__meeting=meeting).update(executed_at=when)
    PassportVersion.objects.filter(passport__initiative=project).update(approved_at=when)
    AuditRecord.objects.filter(object_id=str(meeting.pk), content_type__model="meeting").update(
        at=starts + datetime.timedelta(hours=2))
