"""The network calendar: events grouped by month for the page, and the ``.ics`` file."""

import datetime
from itertools import groupby

import icalendar
from django.conf import settings
from django.utils import timezone

from accounts.notifications import absolute_url


def by_month(events):
    """[(first day of the month, [events])] in the order given."""
    def month(event):
        local = timezone.localtime(event.starts_at)
        return datetime.date(local.year, local.month, 1)

    return [(m, list(group)) for m, group in groupby(events, key=month)]


def ics(network, events) -> bytes:
    """An iCalendar file of the events; organisers are named, never their e-mails."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Project office//Network calendar//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", network.name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        item = icalendar.Event()
        host = absolute_url("/").split("//", 1)[-1].strip("/") or "project-office"
        item.add("uid", f"network-event-{event.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at or event.starts_at + datetime.timedelta(hours=2))
        item.add("summary", f"{event.get_kind_display()}: {event.title}")
        if event.place:
            item.add("location", event.place)
        description = event.description or ""
        organisers = ", ".join(o.person.full_name for o in event.organisers.all()
                               if hasattr(o, "person"))
        if organisers:
            description = f"{description}\n\n{organisers}".strip()
        if description:
            item.add("description", description)
        item.add("url", absolute_url(event.get_absolute_url()))
        if event.is_cancelled:
            item.add("status", "CANCELLED")
        cal.add_component(item)
    return cal.to_ical()
