"""The demo's meetings of the current school year: numbered in the order of their dates."""

from meetings.demo.today import CONSULTING_TOPIC, TOPIC
from meetings.models import Meeting


def test_the_current_school_years_meetings_are_numbered_by_their_dates(demo):
    year = Meeting.objects.get(topic=TOPIC).school_year
    meetings = list(Meeting.objects.filter(school_year=year).order_by("starts_at"))
    assert [m.topic for m in meetings][-2:] == [TOPIC, CONSULTING_TOPIC]
    assert [m.number for m in meetings] == list(range(1, len(meetings) + 1))
