"""What the consolidated reports state, computed from the data of the other apps.

Every section is a function of a :class:`Scope` — a period with optional filters by direction,
organisation and state of the initiatives. The annual analytical report is the scope of one
calendar year with no other filter (``Scope.of_year``); a report on request is any other scope.
``build_sections(scope)`` returns plain data (no ORM objects) that the PDF template and the
XLSX export render. It reads through each app's query functions; adding a section is adding a
function to SECTIONS.
"""

import datetime
import time

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from expertise.models import Conclusion, Review, ThreadMessage
from initiatives.enums import ConclusionState, MessageKind, PublicationChannel, ReviewState
from initiatives.enums import InitiativeState as S
from initiatives.models import Direction, Initiative, Portfolio
from meetings.enums import ActivityKind, MeetingStatus
from meetings.models import AgendaItem, Decision, Meeting, WorkPlan
from network.enums import HealthStatus
from network.health import quarter_label, quarter_of
from network.models import Network, NetworkHealth
from portfolio import queries as pq
from reports import functions
from reports.document import TABLE_LIMIT, Section, Table, chart, limited
from reports.scope import Scope, as_scope, dmy


def active_in(year):
    """Projects that ran during the calendar year (started by its end, not ended before it)."""
    return Scope.of_year(year).projects()


def portfolio_section(scope):
    scope = as_scope(scope)
    projects = scope.projects()
    directions = Direction.objects.select_related("portfolio")
    if scope.direction_id:
        directions = directions.filter(pk=scope.direction_id)
    by_direction = list(
        directions.annotate(n=Count("initiatives", filter=Q(initiatives__in=projects)))
        .order_by("-n", "portfolio__order", "order", "name")
    )
    portfolios = list(Portfolio.objects.order_by("order", "name").values_list("name", flat=True))
    total = projects.count()
    in_portfolio = projects.filter(direction__isnull=False).count()
    top = [d for d in by_direction if d.n][:2]
    section = Section(_("The portfolio and its directions"))
    if not total:
        section.paragraphs.append(_("No management projects ran in the period."))
        portfolios = []
    for name in portfolios:
        section.paragraphs.append(
            _("%(when)s, %(n)s of %(total)s management projects of the organisations belong to "
              "the department's management portfolio «%(portfolio)s».")
            % {"when": scope.when, "n": in_portfolio, "total": total, "portfolio": name}
        )
    if len(top) > 1:
        section.paragraphs.append(
            _("Most projects are in the directions %(names)s.")
            % {"names": ", ".join(f"«{d.name}» ({d.n})" for d in top)}
        )
    section.tables.append(Table(
        headers=[_("Direction"), _("Projects")],
        rows=[[d.name, d.n] for d in by_direction],
        caption=_("Projects per direction"),
    ))
    section.charts.append(chart(
        "hbars", _("Projects per direction"),
        _("The number of management projects in each direction of the portfolio."),
        [(d.name, d.n) for d in by_direction if d.n]))
    return section


def initiatives_section(scope):
    scope = as_scope(scope)
    rows = (
        Initiative.objects.filter(created_at__date__range=(scope.start, scope.end))
        .filter(scope.condition())
        .values("state").annotate(n=Count("pk")).order_by("state")
    )
    labels = dict(S.choices)
    section = Section(_("Initiatives brought to the office"))
    table_rows = [[str(labels.get(r["state"], r["state"])), r["n"]] for r in rows]
    section.paragraphs.append(
        _("%(when)s the office received %(n)s project initiatives.")
        % {"when": scope.when, "n": sum(r[1] for r in table_rows)}
    )
    section.tables.append(Table([_("State"), _("Initiatives")], table_rows,
                                _("Initiatives of the period by their state now")))
    return section


def _names(names):
    return ", ".join(names)


def _product_condition(scope):
    q = Q()
    if scope.organisation_id:
        q &= Q(organisation_id=scope.organisation_id)
    if scope.direction_id:
        q &= Q(initiative__direction_id=scope.direction_id)
    if scope.state:
        q &= Q(initiative__state=scope.state)
    if scope.call_id:
        q &= Q(initiative__call_id=scope.call_id)
    return q


def organisations_section(scope):
    """Incentives, public informing and planned methodical products of the organisations that run
    projects (figures from ``portfolio.queries``)."""

    scope = as_scope(scope)
    projects = scope.portfolio_projects()
    section = Section(_("Incentives, informing and methodical products"))
    incentives = pq.incentive_share_in(projects, end=scope.end)
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
    shares = pq.informing_shares_in(projects, scope.start, scope.end)
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
    products = pq.planned_products(range(scope.start.year, scope.end.year + 1),
                                   _product_condition(scope))
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
            caption=_("Methodical products planned for the period"),
        ))
    return section


def results_section(scope):
    """Whether the teams reached their planned results: indicator plans of periods ending in the
    report's period against the facts."""

    scope = as_scope(scope)
    figures = pq.indicators_in(scope.portfolio_projects(), scope.start, scope.end)
    section = Section(_("Results against the target indicators"))
    if not figures["projects"]:
        section.paragraphs.append(_("No indicator plans fall within the period."))
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


# --- meetings, their decisions and the plan for the next year -------------------------------


def meetings_section(scope):
    """The meetings held in the period and the decisions they took. With a filter by direction,
    organisation or state: the meetings that heard initiatives of the scope, and the decisions
    on those items."""

    scope = as_scope(scope)
    held = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
    meetings = Meeting.objects.filter(starts_at__date__range=(scope.start, scope.end),
                                      status__in=held)
    decisions = Decision.objects.filter(item__meeting__in=meetings)
    if scope.has_filters:
        items = AgendaItem.objects.filter(scope.condition("initiative__"),
                                          initiative__isnull=False)
        meetings = meetings.filter(Exists(items.filter(meeting=OuterRef("pk"))))
        decisions = decisions.filter(item__in=items)
    meetings = list(
        meetings.select_related("format")
        .annotate(n_items=Count("items", distinct=True),
                  n_decisions=Count("items__decisions", distinct=True))
        .order_by("starts_at", "pk")
    )
    section = Section(_("Meetings of the office and their decisions"))
    n_decisions = decisions.count()
    formats = {}
    for m in meetings:
        formats[m.format.name] = formats.get(m.format.name, 0) + 1
    if meetings:
        section.paragraphs.append(
            ngettext("%(when)s the office held %(n)s meeting (%(formats)s).",
                     "%(when)s the office held %(n)s meetings (%(formats)s).", len(meetings))
            % {"when": scope.when, "n": len(meetings),
               "formats": ", ".join(f"{name.lower()}: {n}" for name, n in formats.items())})
        carried = decisions.filter(executed_at__isnull=False).count()
        section.paragraphs.append(
            ngettext("The meetings took %(n)s decision; %(carried)s of them are carried out.",
                     "The meetings took %(n)s decisions; %(carried)s of them are carried out.",
                     n_decisions) % {"n": n_decisions, "carried": carried})
    else:
        section.paragraphs.append(_("No meetings of the office were held in the period."))
    section.tables.append(Table(
        headers=[_("No."), _("Date"), _("Format"), _("Topic"), _("Agenda items"),
                 _("Decisions")],
        rows=[[m.number, dmy(timezone.localtime(m.starts_at).date()), m.format.name, m.topic,
               m.n_items, m.n_decisions] for m in meetings],
        caption=_("Meetings held"),
    ))
    if len(formats) > 1:
        section.charts.append(chart(
            "hbars", _("Meetings by format"),
            _("How many meetings of each format the office held in the period."),
            list(formats.items())))
    rows = list(decisions.select_related("item__meeting").order_by(
        "item__meeting__starts_at", "item__order", "pk")[:TABLE_LIMIT])
    shown, note = limited(rows, n_decisions)
    section.tables.append(Table(
        headers=[_("Meeting"), _("Agenda item"), _("Decision"), _("Carried out")],
        rows=[[_("No. %(n)s of %(date)s") % {
                   "n": d.item.meeting.number,
                   "date": dmy(timezone.localtime(d.item.meeting.starts_at).date())},
               d.item.title, d.text,
               dmy(timezone.localtime(d.executed_at).date()) if d.executed_at else _("no")]
              for d in shown],
        caption=_("Decisions of the meetings"), note=note,
    ))
    return section


def plan_section(scope):
    """The plan for the year after the period: the office's work plan and the meetings already
    scheduled in that year."""

    scope = as_scope(scope)
    year = scope.end.year + 1
    section = Section(_("The plan for %(year)s") % {"year": year})
    plan = WorkPlan.objects.filter(year=year).first()
    activities = list(plan.activities.order_by("month", "pk")) if plan else []
    if plan is None:
        section.paragraphs.append(_("The work plan of the office for %(year)s is not drawn up "
                                    "yet.") % {"year": year})
    elif plan.approved_at:
        section.paragraphs.append(
            _("The work plan «%(title)s» was approved on %(date)s %(basis)s; it has %(n)s "
              "activities, %(meetings)s of them meetings of the office.")
            % {"title": plan.title, "date": dmy(timezone.localtime(plan.approved_at).date()),
               "basis": plan.approval_basis, "n": len(activities),
               "meetings": sum(1 for a in activities if a.kind == ActivityKind.MEETING)})
    else:
        section.paragraphs.append(
            _("The draft work plan «%(title)s» has %(n)s activities; it is not approved yet.")
            % {"title": plan.title, "n": len(activities)})
    if activities:
        section.tables.append(Table(
            headers=[_("Month"), _("Kind"), _("Topic"), _("Responsible")],
            rows=[[capfirst(date_format(datetime.date(year, a.month, 1), "F")),
                   a.get_kind_display(), a.title, a.responsible] for a in activities],
            caption=_("Work plan of the office for %(year)s") % {"year": year},
        ))
    scheduled = list(Meeting.objects.filter(starts_at__year=year, status=MeetingStatus.PLANNED)
                     .select_related("format").order_by("starts_at", "pk"))
    if scheduled:
        section.tables.append(Table(
            headers=[_("Date"), _("Format"), _("Topic")],
            rows=[[dmy(timezone.localtime(m.starts_at).date()), m.format.name, m.topic]
                  for m in scheduled],
            caption=_("Meetings scheduled for %(year)s") % {"year": year},
        ))
    return section


# --- expertise: reviews, conclusions, consultations -----------------------------------------


def expertise_section(scope):
    """Evaluation (reviews submitted, conclusions issued) and accompaniment (the messages of
    the threads) in the period; the recommendations still open at its end — given by then and
    not accepted by the expert by then."""

    scope = as_scope(scope)
    start, end = scope.start, scope.end
    reviews = Review.objects.filter(state=ReviewState.SUBMITTED,
                                    submitted_at__date__range=(start, end)).filter(
        scope.condition("assignment__initiative__"))
    conclusions = Conclusion.objects.filter(state=ConclusionState.ISSUED,
                                            issued_at__date__range=(start, end)).filter(
        scope.condition("initiative__"))
    messages = ThreadMessage.objects.filter(created_at__date__range=(start, end)).filter(
        scope.condition("initiative__"))
    open_recommendations = ThreadMessage.objects.filter(
        scope.condition("initiative__"), kind=MessageKind.RECOMMENDATION,
        created_at__date__lte=end,
    ).exclude(resolved_at__date__lte=end)
    n_reviews = reviews.count()
    n_experts = reviews.values("assignment__expert").distinct().count()
    n_reviewed = reviews.values("assignment__initiative").distinct().count()
    n_conclusions = conclusions.count()
    by_kind = dict(messages.values_list("kind").annotate(n=Count("pk")).order_by())
    n_threads = messages.values("initiative").distinct().count()
    n_open = open_recommendations.count()
    section = Section(_("Expertise: reviews and consultations"))
    section.paragraphs.append(
        _("%(when)s the experts submitted %(reviews)s reviews of %(initiatives)s initiatives "
          "(%(experts)s experts took part); the office issued %(conclusions)s expert "
          "conclusions.")
        % {"when": scope.when, "reviews": n_reviews, "initiatives": n_reviewed,
           "experts": n_experts, "conclusions": n_conclusions})
    section.paragraphs.append(
        _("Expertise is not only a check: in the accompaniment threads of %(threads)s initiatives "
          "the experts gave %(recommendations)s recommendations, and %(questions)s questions "
          "and %(answers)s answers were exchanged. At the end of the period %(open)s "
          "recommendations are still open.")
        % {"threads": n_threads, "recommendations": by_kind.get(MessageKind.RECOMMENDATION, 0),
           "questions": by_kind.get(MessageKind.QUESTION, 0),
           "answers": by_kind.get(MessageKind.ANSWER, 0), "open": n_open})
    section.tables.append(Table(
        headers=[_("Kind of work"), _("Number")],
        rows=[[_("Reviews submitted"), n_reviews], [_("Expert conclusions issued"), n_conclusions],
              *[[str(MessageKind(k).label).capitalize(), by_kind.get(k, 0)]
                for k in MessageKind.values]],
        caption=_("Evaluation and accompaniment in the period"),
    ))
    kinds = [(_("reviews"), n_reviews), (_("conclusions"), n_conclusions),
             *[(str(MessageKind(k).label), by_kind.get(k, 0)) for k in MessageKind.values]]
    if any(n for _label, n in kinds):
        section.charts.append(chart(
            "hbars", _("Evaluation and accompaniment"),
            _("Reviews, conclusions and the messages of the accompaniment threads in the "
              "period."), kinds))
    rows = list(open_recommendations.select_related("initiative__organisation", "author")
                .order_by("initiative__organisation__short_name", "initiative_id", "created_at",
                          "pk")[:TABLE_LIMIT])
    shown, note = limited(rows, n_open)
    section.tables.append(Table(
        headers=[_("Organisation"), _("Initiative"), _("Recommendation"), _("Given on"),
                 _("Expert")],
        rows=[[m.initiative.organisation.short_name, m.initiative.title, m.text,
               dmy(m.created_at.date()), m.author.short_name if m.author_id else ""]
              for m in shown],
        caption=_("Recommendations open at the end of the period"), note=note,
    ))
    return section


# --- network health ---------------------------------------------------------------------------


def networks_section(scope):
    """Per network: the events of the quarters of the period and the health of its last
    quarter (``network.health``; the nightly task stores it). With an organisation chosen: the
    networks it takes part in."""

    scope = as_scope(scope)
    networks = Network.objects.all()
    if scope.organisation_id:
        networks = networks.filter(Q(base_organisation_id=scope.organisation_id)
                                   | Q(member_organisations__organisation_id=scope.organisation_id)
                                   ).distinct()
    networks = list(networks.order_by("name"))
    rows = {}
    for h in (NetworkHealth.objects.filter(network__in=[n.pk for n in networks],
                                           quarter__range=(quarter_of(scope.start), scope.end))
              .order_by("network_id", "quarter")):
        rows.setdefault(h.network_id, []).append(h)
    section = Section(_("Network health"))
    statuses = {}
    table = []
    for network in networks:
        quarters = rows.get(network.pk, [])
        last = quarters[-1] if quarters else None
        status = last.status if last else HealthStatus.NO_DATA
        statuses[status] = statuses.get(status, 0) + 1
        share = last.top_person_share if last else None
        table.append({
            "name": network.name, "kind": network.get_kind_display(),
            "events": sum(q.events_held for q in quarters),
            "active": last.active_members if last else 0,
            "share": round(share * 100) if share is not None else "—",
            "for_80": last.organisers_for_80 if last and last.organisers_for_80 is not None
            else "—",
            "status": str(HealthStatus(status).label),
            "quarter": quarter_label(last.quarter) if last else "",
            "reasons": " ".join(last.reasons) if last else "",
        })
    if networks:
        section.paragraphs.append(
            _("%(n)s networks: %(statuses)s (by the last quarter of the period).")
            % {"n": len(networks), "statuses": ", ".join(
                f"{HealthStatus(s).label} — {n}" for s, n in statuses.items())})
        lives = statuses.get(HealthStatus.SELF_SUSTAINING, 0)
        section.paragraphs.append(
            _("%(lives)s of %(n)s networks live on their own, without depending on one person or "
              "one school.") % {"lives": lives, "n": len(networks)})
    else:
        section.paragraphs.append(_("No networks are recorded on the portal."))
    section.tables.append(Table(
        headers=[_("Network"), _("Events"), _("Active people"), _("Top organiser, %"),
                 _("Organisers of 80 per cent"), _("Status")],
        rows=[[f"{r['name']} ({r['kind']})", r["events"], r["active"], r["share"], r["for_80"],
               f"{r['status']}" + (f" ({r['quarter']})" if r["quarter"] else "")]
              for r in table],
        caption=_("Health of the networks: events in the period, people active in its last "
                  "quarter; the share of the most active organiser and how many organisers hold "
                  "80 per cent of the events, over the year ending with that quarter"),
        widths=[27, 11, 13, 15, 15, 19],
    ))
    explained = [[r["name"], r["reasons"]] for r in table if r["reasons"]]
    if explained:
        section.tables.append(Table(headers=[_("Network"), _("Why this status")],
                                    rows=explained, caption=_("Reasons of the statuses")))
    if any(r["events"] for r in table):
        section.charts.append(chart(
            "hbars", _("Events held in the period by network"),
            _("The number of events each network held in the quarters of the period."),
            [(r["name"], r["events"]) for r in table]))
    return section


def functions_section(scope):
    """The Regulation's functions of the office on paper and in practice (``reports.functions``):
    the same evidence and verdicts as on the head's dashboard, for the report's dates."""
    scope = as_scope(scope)
    return functions.report_section(
        scope.start, scope.end,
        filtered=scope.has_filters)


SECTIONS = [portfolio_section, initiatives_section, organisations_section, results_section,
            meetings_section, expertise_section, networks_section, functions_section,
            plan_section]


def build_sections(scope, progress=None):
    """All sections for ``scope``; ``progress(percent)`` is told as it goes."""
    sections = []
    for n, builder in enumerate(SECTIONS, start=1):
        sections.append(builder(scope))
        if progress:
            progress(10 + 70 * n // len(SECTIONS))
        if settings.REPORT_SECTION_PAUSE:  # the fault tests' hook; 0 outside them
            time.sleep(settings.REPORT_SECTION_PAUSE)
    return sections


def build_annual(year, progress=None):
    """All sections of the annual report for ``year``."""
    return build_sections(Scope.of_year(year), progress)
