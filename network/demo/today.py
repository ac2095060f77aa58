"""The networks' month of the demo's day: a seminar held a few days ago and a master class
ahead, in two networks that live (each by its own pattern of organisers, so their health stays
what the seeds tell). Idempotent: a network that has an event this month gets nothing more."""

import datetime

from network.demo.networks import aware, org_of
from network.enums import EventKind
from network.models import EventOrganiser, EventRegistration, Network, NetworkEvent

# network → (organiser, kind, title, days from the demo's day, guests)
EVENTS = {
    "cio-sosh-7": [
        ("team", EventKind.SEMINAR, "Сетевой семинар «Управленческая команда школы: как "
         "перейти в эффективный режим функционирования»", -3, ["team2", "volkova", "pavlova"]),
        ("semenov", EventKind.MASTER_CLASS, "Мастер-класс «Формирующее оценивание на уроке "
         "математики: приёмы обратной связи»", 6, ["team", "nikitina"]),
    ],
    "smyslovoe-chtenie-klaster": [
        ("volkova", EventKind.REFLEXIVE_MEETING, "Рефлексивная встреча «Смысловое чтение в "
         "начальной школе: что получилось за четверть»", 2, ["team", "sidorova", "kovaleva"]),
    ],
}


def _in_month(today, days):
    """The day ``days`` from today, kept inside today's month."""
    first = today.replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return min(max(today + datetime.timedelta(days=days), first), last)


def seed(ctx):
    today = ctx.today
    for slug, events in EVENTS.items():
        network = Network.objects.filter(slug=slug).first()
        if network is None or NetworkEvent.objects.filter(
                network=network, starts_at__year=today.year,
                starts_at__month=today.month, title__in=[e[2] for e in events]).exists():
            continue
        for organiser, kind, title, days, guests in events:
            day = _in_month(today, days)
            event = NetworkEvent.objects.create(
                network=network, kind=kind, title=title, starts_at=aware(day),
                ends_at=aware(day, 17), place=f"{network.base_organisation.short_name}, "
                                                "актовый зал",
                description="Сетевое событие: обмен опытом, практическая часть, рефлексия.",
                created_by=ctx.people[organiser])
            EventOrganiser.objects.create(event=event, person=ctx.people[organiser],
                                          organisation_id=org_of(ctx, organiser))
            EventRegistration.objects.bulk_create(
                EventRegistration(event=event, person=ctx.people[g],
                                  organisation_id=org_of(ctx, g), attended=day < today)
                for g in guests)
