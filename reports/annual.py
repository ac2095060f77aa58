"""What the annual analytical report states, computed from the data of the other apps.

``build_annual(year)`` returns plain data (no ORM objects) that the PDF template renders. It
reads through each app's query functions; adding a section is adding a function to SECTIONS.
"""

import datetime
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def _names(names):
    return ", ".join(names)


def organisations_section(year):
    """Incentives, public informing and planned methodical products of the organisations that run
    projects (figures from ``initiatives.portfolio_queries``)."""
    from initiatives import portfolio_queries as pq
    from initiatives.enums import PublicationChannel

    section = Section(_("Incentives, informing and methodical products"))
    incentives = pq.incentive_share(year)
    if incentives.total:
        section.paragraphs.append(
            _("In %(percent)s%% of the organisations running management projects "
              "(%(part)s of %(total)s) mechanisms of both material and moral incentives are "
              "established; %(either)s have at least one of them.")
            % {"percent": incentives.percent, "part": incentives.part, "total": incentives.total,
               "either": incentives.either}
        )
        if incentives.names_without:
            section.paragraphs.append(_("Not yet established in: %(names)s.")
                                      % {"names": _names(incentives.names_without)})
    shares = pq.informing_shares(year)
    site, vk = shares[PublicationChannel.SITE], shares[PublicationChannel.VK]
    if site.total:
        section.paragraphs.append(
            _("The public is informed about the work of the project teams on the organisations' "
              "sites (%(site)s%% of the organisations) and in the social network VKontakte "
              "(%(vk)s%%).") % {"site": site.percent, "vk": vk.percent}
        )
    section.tables.append(Table(
        headers=[_("Channel"), _("Organisations"), _("Share, %")],
        rows=[[str(PublicationChannel(c).label), sh.part, sh.percent] for c, sh in shares.items()],
        caption=_("Public informing by channel"),
    ))
    products = pq.planned_products(year)
    if products:
        published = [p for p in products if p["published"]]
        organisations = _names(dict.fromkeys(p["organisation"] for p in products))
        if len(published) == len(products):
            text = ngettext(
                "The %(n)s methodical product planned for the period (%(organisations)s) is "
                "published in the «Virtual network laboratory of ideas».",
                "The %(n)s methodical products planned for the period (%(organisations)s) are "
                "published in the «Virtual network laboratory of ideas».", len(products))
        else:
            text = ngettext(
                "Of the %(n)s methodical product planned for the period (%(organisations)s), "
                "%(published)s is published in the «Virtual network laboratory of ideas».",
                "Of the %(n)s methodical products planned for the period (%(organisations)s), "
                "%(published)s are published in the «Virtual network laboratory of ideas».",
                len(products))
        section.paragraphs.append(text % {"n": len(products), "organisations": organisations,
                                          "published": len(published)})
        section.tables.append(Table(
            headers=[_("Organisation"), _("Product"), _("Published")],
            rows=[[p["organisation"], p["title"], p["published_title"] or (
                _("yes") if p["published"] else _("no"))] for p in products],
            caption=_("Methodical products planned for the year"),
        ))
    return section


def results_section(year):
    """Whether the teams reached their planned results: indicator plans of periods ending in the
    year against the facts."""
    from initiatives import portfolio_queries as pq

    figures = pq.indicators_of_year(year)
    section = Section(_("Results against the target indicators"))
    if not figures["projects"]:
        section.paragraphs.append(_("No indicator plans fall within %(year)s.") % {"year": year})
        return section
    projects = len(figures["projects"])
    if figures["projects_all_reached"] == projects:
        section.paragraphs.append(
            _("The analysis of the management projects showed that the teams accomplished their "
              "tasks and reached the planned results: %(reached)s of %(plans)s planned values "
              "are reached.") % {"reached": figures["reached"], "plans": figures["plans"]})
    else:
        section.paragraphs.append(
            _("%(all)s of %(projects)s projects reached all their planned values; overall "
              "%(reached)s of %(plans)s planned values are reached.")
            % {"all": figures["projects_all_reached"], "projects": projects,
               "reached": figures["reached"], "plans": figures["plans"]})
    section.tables.append(Table(
        headers=[_("Organisation"), _("Project"), _("Planned values"), _("Reached"),
                 _("Without a fact")],
        rows=[[r["organisation"], r["project"], r["planned"], r["reached"], r["without_fact"]]
              for r in figures["projects"]],
        caption=_("Target indicators: plan and fact"),
    ))
    return section


SECTIONS = [portfolio_section, initiatives_section, organisations_section, results_section]


def build_annual(year, progress=None):
    """All sections of the annual report for ``year``; ``progress(percent)`` is told as it goes."""
    sections = []
    for n, builder in enumerate(SECTIONS, start=1):
        sections.append(builder(year))
        if progress:
            progress(10 + 70 * n // len(SECTIONS))
        if settings.REPORT_SECTION_PAUSE:  # the fault tests' hook; 0 outside them
            time.sleep(settings.REPORT_SECTION_PAUSE)
    return sections
