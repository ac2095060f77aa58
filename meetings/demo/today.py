"""The coming meetings of the current school year, made in the order of their dates so that
their numbers follow the dates: a sitting of the office next week (from the demo's day) with its
agenda, the initiatives of the current year that wait for a decision; then a consulting day in
two weeks for the network's teams. Idempotent: each is made once."""

import datetime

from django.utils import timezone

from accounts.workdays import add_working_days
from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from meetings import services
from meetings.demo.history import CONSULTING, PLACE, SITTING
from meetings.enums import AgendaKind, MeetingStatus
from meetings.models import Meeting, MeetingFormat

TOPIC = "Рассмотрение проектных замыслов 2-го полугодия и отчётов о ходе реализации проектов"
CONSULTING_TOPIC = "Консультации команд по сетевым проектам"
NETWORK_PROJECT = "Методическая сеть учителей естественно-математического цикла"


def _planned(topic):
    return Meeting.objects.filter(topic=topic, status=MeetingStatus.PLANNED).exists()


def _starts(day, hour):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def seed(ctx):
    if not _planned(TOPIC):
        _sitting(ctx)
    if not _planned(CONSULTING_TOPIC):
        _consulting_day(ctx)


def _format(name):
    return MeetingFormat.objects.filter(name=name).first() or \
        MeetingFormat.objects.order_by("pk").first()


def _consulting_day(ctx):
    staff = ctx.people["staff"]
    starts = _starts(ctx.today + datetime.timedelta(days=14), 14)
    meeting = services.create_meeting(
        format=_format(CONSULTING), starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        place=PLACE, topic=CONSULTING_TOPIC,
        chair=ctx.people["head"], secretary=staff, by=staff)
    initiative = Initiative.objects.filter(title=NETWORK_PROJECT).first()
    if initiative is not None:
        services.add_agenda_item(meeting, by=staff, kind=AgendaKind.NEW_INITIATIVE, title="",
                                 initiative=initiative, presenter=ctx.people.get("team"),
                                 presenter_name="")


def _sitting(ctx):
    people = ctx.people
    head, staff = people["head"], people["staff"]
    starts = _starts(add_working_days(ctx.today, 5), 15)
    fmt = _format(SITTING)
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
