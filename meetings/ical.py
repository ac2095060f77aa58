"""iCalendar files: one meeting's ``.ics`` and a person's feed (the ``icalendar`` package)."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from meetings.enums import MeetingStatus

PRODID = "-//Проектный офис//Заседания//RU"


def _calendar(name=""):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _event(meeting):
    event = Event()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "project-office"
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    title = f"{meeting.format.name.capitalize()} проектного офиса № {meeting.number}"
    if meeting.topic:
        title = f"{title}: {meeting.topic}"
    event.add("summary", title)
    place = meeting.place or meeting.online_link
    if place:
        event.add("location", place)
    link = f"{settings.SITE_URL.rstrip('/')}{meeting.get_absolute_url()}"
    event.add("url", link)
    description = [link]
    if meeting.online_link:
        description.insert(0, meeting.online_link)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def meeting_ics(meeting) -> bytes:
    cal = _calendar()
    cal.add("method", "PUBLISH")
    cal.add_component(_event(meeting))
    return cal.to_ical()


def feed_ics(meetings, *, name) -> bytes:
    cal = _calendar(name)
    for meeting in meetings:
        cal.add_component(_event(meeting))
    return cal.to_ical()
