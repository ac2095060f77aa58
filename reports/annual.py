"""What the annual analytical report states, computed from the data of the other apps.

``build_annual(year)`` returns plain data (no ORM objects) that the PDF template renders. It
reads through each app's query functions; adding a section is adding a function to SECTIONS.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from initiatives.enums import InitiativeState as S
from initiatives.models import Direction, Initiative, Portfolio

PROJECT_STATES = (S.APPROVED, S.IN_PROGRESS, S.COMPLETED, S.CLOSED)


@dataclass
class Table:
    headers: list
    rows: list
    caption: str = ""


@dataclass
class Section:
    title: str
    paragraphs: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    charts: list = field(default_factory=list)


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def active_in(year):
    """Projects that ran during the calendar year (started by its end, not ended before it)."""
    start, end = year_bounds(year)
    return Initiative.objects.filter(state__in=PROJECT_STATES).filter(
        Q(starts_on__lte=end) | Q(starts_on__isnull=True),
        Q(ends_on__gte=start) | Q(ends_on__isnull=True),
    )


def portfolio_section(year):
    projects = active_in(year)
    by_direction = list(
        Direction.objects.select_related("portfolio")
        .annotate(n=Count("initiatives", filter=Q(initiatives__in=projects)))
        .order_by("-n", "portfolio__order", "order", "name")
    )
    portfolios = list(Portfolio.objects.order_by("order", "name").values_list("name", flat=True))
    total = projects.count()
    in_portfolio = projects.filter(direction__isnull=False).count()
    top = [d for d in by_direction if d.n][:2]
    section = Section(_("The portfolio and its directions"))
    for name in portfolios:
        section.paragraphs.append(
            _("In %(year)s, %(n)s of %(total)s management projects of the organisations belong to "
              "the department's management portfolio «%(portfolio)s».")
            % {"year": year, "n": in_portfolio, "total": total, "portfolio": name}
        )
    if top:
        section.paragraphs.append(
            _("Most projects are in the directions %(names)s.")
            % {"names": ", ".join(f"«{d.name}» ({d.n})" for d in top)}
        )
    section.tables.append(Table(
        headers=[_("Direction"), _("Projects")],
        rows=[[d.name, d.n] for d in by_direction],
        caption=_("Projects per direction"),
    ))
    section.charts.append({"kind": "bars", "title": _("Projects per direction"),
                           "data": [(d.name, d.n) for d in by_direction if d.n]})
    return section


def initiatives_section(year):
    start, end = year_bounds(year)
    rows = (
        Initiative.objects.filter(created_at__date__range=(start, end))
        .values("state").annotate(n=Count("pk")).order_by("state")
    )
    labels = dict(S.choices)
    section = Section(_("Initiatives brought to the office"))
    table_rows = [[str(labels.get(r["state"], r["state"])), r["n"]] for r in rows]
    section.paragraphs.append(
        _("In %(year)s the office received %(n)s project initiatives.")
        % {"year": year, "n": sum(r[1] for r in table_rows)}
    )
    section.tables.append(Table([_("State"), _("Initiatives")], table_rows,
                                _("Initiatives of the year by state")))
    return section


SECTIONS = [portfolio_section, initiatives_section]


def build_annual(year, progress=None):
    """All sections of the annual report for ``year``; ``progress(percent)`` is told as it goes."""
    sections = []
    for n, builder in enumerate(SECTIONS, start=1):
        sections.append(builder(year))
        if progress:
            progress(10 + 70 * n // len(SECTIONS))
    return sections
