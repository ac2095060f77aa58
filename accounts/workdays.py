"""Working days of the Russian production calendar: public holidays and moved days off from
the ``holidays`` library (``holidays.RU``), corrected by the office day by day
(``WorkdayCorrection``). Default deadlines (a review, a progress report) are counted here."""

import datetime
from functools import lru_cache

import holidays

from accounts.models import WorkdayCorrection

REVIEW_WORKING_DAYS = 10
"""A review is due this many working days after the assignment."""
REPORT_WORKING_DAYS = 10
"""A progress report is due this many working days after its period ends."""


@lru_cache(maxsize=16)
def _calendar(year):
    return holidays.RU(years=year)


def _corrections(start, end):
    return dict(WorkdayCorrection.objects.filter(day__range=(start, end))
                .values_list("day", "is_working"))


def is_working_day(day: datetime.date, corrections=None) -> bool:
    corrections = _corrections(day, day) if corrections is None else corrections
    if day in corrections:
        return corrections[day]
    return _calendar(day.year).is_working_day(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The working day ``days`` working days after ``start`` (one query for the corrections)."""
    corrections = _corrections(start, start + datetime.timedelta(days=days * 3 + 30))
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, corrections):
            left -= 1
    return day
