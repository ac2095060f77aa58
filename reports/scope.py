"""What a consolidated report covers: a period with optional filters, and its title.

A :class:`Scope` is stored in a report's parameters (``GeneratedReport.params``); the model
reads it back from here, and the sections (:mod:`reports.annual`) compute from it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from portfolio import queries as pq

FIRST_YEAR = 2019  # the office was created in 2019 (the concept)
PROJECT_STATES = (S.APPROVED, S.IN_PROGRESS, S.COMPLETED, S.CLOSED)


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def dmy(day):
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Scope:
    """What a report covers: the period (both ends included) and, optionally, one direction,
    one organisation and one state of the initiatives. Names are kept for the title page."""

    start: datetime.date
    end: datetime.date
    direction_id: int | None = None
    organisation_id: int | None = None
    state: str = ""
    direction_name: str = ""
    organisation_name: str = ""
    call_id: int | None = None  # one call's cards (issue 24), its title for the title page
    call_name: str = ""

    @classmethod
    def of_year(cls, year):
        return cls(*year_bounds(year))

    @classmethod
    def from_params(cls, params):
        """The scope stored in a report's parameters: ``{"year": 2022}`` for the annual report,
        else the period, the filters and their names (see :meth:`to_params`)."""
        call = {"call_id": params.get("call") or None, "call_name": params.get("call_name", "")}
        if "year" in params:
            return cls(*year_bounds(int(params["year"])), **call)
        return cls(**call,
            start=datetime.date.fromisoformat(params["start"]),
            end=datetime.date.fromisoformat(params["end"]),
            direction_id=params.get("direction") or None,
            organisation_id=params.get("organisation") or None,
            state=params.get("state") or "",
            direction_name=params.get("direction_name", ""),
            organisation_name=params.get("organisation_name", ""),
        )

    def to_params(self):
        call = {"call": self.call_id, "call_name": self.call_name} if self.call_id else {}
        if self.calendar_year is not None and not (self.direction_id or self.organisation_id
                                                   or self.state):
            return {"year": self.calendar_year, **call}
        params = {"start": self.start.isoformat(), "end": self.end.isoformat(), **call}
        if self.direction_id:
            params.update(direction=self.direction_id, direction_name=self.direction_name)
        if self.organisation_id:
            params.update(organisation=self.organisation_id,
                          organisation_name=self.organisation_name)
        if self.state:
            params["state"] = self.state
        return params

    @property
    def calendar_year(self):
        """The year when the period is exactly one calendar year, else ``None``."""
        if (self.start.year == self.end.year and (self.start.month, self.start.day) == (1, 1)
                and (self.end.month, self.end.day) == (12, 31)):
            return self.start.year
        return None

    @property
    def has_filters(self):
        return bool(self.direction_id or self.organisation_id or self.state or self.call_id)

    @property
    def is_annual(self):
        return self.calendar_year is not None and not self.has_filters

    @property
    def when(self):
        """«in 2022» or «from 01.03.2022 to 30.06.2022», to start a sentence with."""
        if self.calendar_year:
            return capfirst(_("in %(year)s") % {"year": self.calendar_year})
        return capfirst(_("from %(start)s to %(end)s") % {"start": dmy(self.start),
                                                           "end": dmy(self.end)})

    @property
    def period_label(self):
        if self.calendar_year:
            return _("%(year)s (calendar year)") % {"year": self.calendar_year}
        return _("from %(start)s to %(end)s") % {"start": dmy(self.start), "end": dmy(self.end)}

    @property
    def state_label(self):
        return str(S(self.state).label) if self.state in S.values else self.state

    def describe(self):
        """(label, value) pairs of the scope for the title page and the XLSX."""
        rows = [(_("Period"), self.period_label)]
        if self.call_id:
            rows.append((_("Call"), self.call_name))
        if self.direction_id:
            rows.append((_("Direction"), self.direction_name))
        if self.organisation_id:
            rows.append((_("Organisation"), self.organisation_name))
        if self.state:
            rows.append((_("State of the initiatives"), self.state_label))
        return rows

    def condition(self, prefix=""):
        """A ``Q`` keeping initiatives of the scope's direction, organisation and state;
        ``prefix`` reaches the initiative from another model (``"initiative__"``)."""
        q = Q()
        if self.direction_id:
            q &= Q(**{f"{prefix}direction_id": self.direction_id})
        if self.organisation_id:
            q &= Q(**{f"{prefix}organisation_id": self.organisation_id})
        if self.state:
            q &= Q(**{f"{prefix}state": self.state})
        if self.call_id:
            q &= Q(**{f"{prefix}call_id": self.call_id})
        return q

    def projects(self):
        """Projects that ran during the period (started by its end, not ended before its
        start), narrowed by the filters."""
        return Initiative.objects.filter(state__in=PROJECT_STATES).filter(
            Q(starts_on__lte=self.end) | Q(starts_on__isnull=True),
            Q(ends_on__gte=self.start) | Q(ends_on__isnull=True),
        ).filter(self.condition())

    def portfolio_projects(self):
        """The projects the portfolio figures count (``portfolio.queries``)."""
        return pq.projects_between(self.start, self.end).filter(self.condition())


def as_scope(scope_or_year):
    return scope_or_year if isinstance(scope_or_year, Scope) else Scope.of_year(int(scope_or_year))


def title_of(scope: Scope) -> str:
    if scope.is_annual:
        return _("Analytical report of the project office for %(year)s") % {
            "year": scope.calendar_year}
    if scope.calendar_year and scope.call_id and not (
            scope.direction_id or scope.organisation_id or scope.state):
        return _("Analytical report of the project office for %(year)s: the call "
                 "«%(call)s»") % {"year": scope.calendar_year, "call": scope.call_name}
    return _("Report of the project office on request")
