"""The period a dashboard or a metric counts: a calendar year, an academic year, any span of
dates, or all time (``?year=`` of the dashboard pages)."""

import datetime
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Call, Initiative
from reports.scope import FIRST_YEAR


@dataclass(frozen=True)
class Period:
    """A calendar year (``Period(2022)``), any span of dates (``Period.between``), or all time
    (``Period(None)``)."""

    year: int | None
    span: tuple | None = None  # (start, end) when not a calendar year
    academic: int | None = None  # the first calendar year of an academic year (1.09–31.08)
    call: int | None = None  # narrowed to one call's cards (``?call=``), with its title
    call_title: str = ""

    @classmethod
    def between(cls, start, end):
        return cls(None, (start, end))

    @classmethod
    def academic_year(cls, first):
        """The academic year from 1 September ``first`` to 31 August of the next year."""
        return cls(None, (datetime.date(first, 9, 1), datetime.date(first + 1, 8, 31)),
                   academic=first)

    @staticmethod
    def current_academic(today=None):
        today = today or timezone.localdate()
        return today.year if today.month >= 9 else today.year - 1

    @classmethod
    def from_query(cls, data, today=None):
        """The period a page asks for in ``?year=``: a calendar year (``2022``), an academic
        year (``ay2022`` for 2022/2023), ``all``, or the current academic year by default;
        anything else is read as the default, never an error."""
        period = cls._of_year(data, today or timezone.localdate())
        return period.with_call(data.get("call"))

    @classmethod
    def _of_year(cls, data, today):
        raw = (data.get("year") or "").strip()
        if raw == "all":
            return cls(None)
        if raw.isdigit() and FIRST_YEAR <= int(raw) <= today.year + 1:
            return cls(int(raw))
        if raw.startswith("ay") and raw[2:].isdigit() and \
                FIRST_YEAR - 1 <= int(raw[2:]) <= cls.current_academic(today):
            return cls.academic_year(int(raw[2:]))
        return cls.academic_year(cls.current_academic(today))

    def with_call(self, raw):
        """The period narrowed to the call ``raw`` names (``?call=<id>``); an id that is not a
        call's is ignored, never an error (one query when a call is asked for)."""
        raw = str(raw or "").strip()
        if not (raw.isdigit() and len(raw) < 10):
            return self
        title = Call.objects.filter(pk=int(raw)).values_list("title", flat=True).first()
        return replace(self, call=int(raw), call_title=title) if title is not None else self

    @property
    def params(self):
        """The query string of the period and its call, for links that keep both."""
        return urlencode({"year": self.query, **({"call": self.call} if self.call else {})})

    @property
    def bounded(self):
        return bool(self.year or self.span)

    @property
    def start(self):
        if self.span:
            return self.span[0]
        return datetime.date(self.year, 1, 1) if self.year else None

    @property
    def end(self):
        if self.span:
            return self.span[1]
        return datetime.date(self.year, 12, 31) if self.year else None

    @property
    def query(self):
        if self.academic:
            return f"ay{self.academic}"
        return str(self.year) if self.year else "all"

    @property
    def label(self):
        if self.academic:
            return _("%(first)s/%(next)s academic year") % {"first": self.academic,
                                                            "next": self.academic + 1}
        if self.span:
            return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"
        return str(self.year) if self.year else _("all years")

    def within(self, lookup):
        """``Q`` keeping rows whose date (``lookup`` ends in ``__date`` for a datetime) falls in
        the period; everything for all time."""
        return Q(**{f"{lookup}__range": (self.start, self.end)}) if self.bounded else Q()

    def years(self):
        """``Q`` for a plain year field (planned products are planned for a year)."""
        return Q(year__range=(self.start.year, self.end.year)) if self.bounded else Q()

    @classmethod
    def choices(cls, today=None):
        """Academic years first (the dashboard opens on the current one), then calendar years
        (the annual report counts by them), then all years."""
        today = today or timezone.localdate()
        academic = [(p.query, p.label) for p in (
            cls.academic_year(y) for y in range(cls.current_academic(today), FIRST_YEAR - 2, -1))]
        return academic + [
            (str(y), str(y)) for y in range(today.year + 1, FIRST_YEAR - 1, -1)] + [
            ("all", _("all years"))]


def periods_with_data():
    """The academic years in which initiatives were brought, newest first (what a period with
    no data suggests choosing instead)."""
    days = Initiative.objects.datetimes("created_at", "month", order="DESC")
    firsts = dict.fromkeys(Period.current_academic(d) for d in days)
    return [Period.academic_year(y) for y in firsts]
