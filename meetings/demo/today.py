"""A sitting of the office next week (from the demo's day) with its agenda: the initiatives of
the current year that wait for a decision. Idempotent: one planned meeting on that day."""

import datetime

from django.utils import timezone

from accounts.workdays import add_working_days
from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from meetings import services
from meetings.demo.history import SITTING
from meetings.enums import AgendaKind, MeetingStatus
from meetings.models import Meeting, MeetingFormat

TOPIC = "Рассмотрение проектных замыслов 2-го полугодия и отчётов о ходе реализации проектов"


def seed(ctx):
    people = ctx.people
    head, staff = people["head"], people["staff"]
    day = add_working_days(ctx.today, 5)
    starts = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 15, 0))
    if Meeting.objects.filter(topic=TOPIC, status=MeetingStatus.PLANNED).exists():
        return
    fmt = MeetingFormat.objects.filter(name=SITTING).first() or \
        MeetingFormat.objects.order_by("pk").first()
    meeting = services.create_meeting(
        format=fmt, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        place="МБУ ЦРО, конференц-зал", topic=TOPIC, chair=head, secretary=staff, by=staff)
    waiting = Initiative.objects.filter(
        state__in=[InitiativeState.RECOMMENDED, InitiativeState.NOT_RECOMMENDED],
        created_at__date__gte=ctx.today - datetime.timedelta(days=60)).order_by("pk")
    for initiative in waiting:
        services.add_agenda_item(meeting, by=staff, kind=AgendaKind.NEW_INITIATIVE,
                                 title="", initiative=initiative, presenter=initiative.leader,
                                 presenter_name="")
    services.add_agenda_item(meeting, by=staff, kind=AgendaKind.INTERIM_RESULTS,
                             title="О ходе реализации муниципальных проектов: отчёты команд "
                                   "за прошедший период", initiative=None, presenter=staff,
                             presenter_name="")
