"""Network health: does a network live on its own, without one person or one school?

A PURE computation: plain data in (dates, ids), figures, a status and reasons out. No database,
no clock. ``network.services.compute_network_health`` gathers the data, calls
:func:`network_health` and stores the rows; the nightly Celery task calls that service.

What the figures of a quarter mean
----------------------------------
Counted in the quarter itself:

- ``events_held`` — events whose start falls in the quarter;
- ``organisers`` — distinct people who organised those events;
- ``organisations`` — distinct organisations of the organisers and of the people who attended;
- ``active_members`` — distinct people who organised or attended an event in the quarter;
- ``new_initiatives`` — initiatives born in the network created in the quarter.

Measured over the window of ``WINDOW_QUARTERS`` quarters ending with the quarter (one quarter
holds too few events to judge dependence):

- ``top_person_share`` — the share of the window's events organised by the single most active
  organiser (an event with two organisers counts for each);
- ``top_organisation_share`` — the same for the most active organisation;
- ``organisers_for_80`` — the fewest organisers who together organised at least ``COVER_SHARE``
  of the window's events;
- ``breaks_without_top`` — on the graph of people and events (an edge joins a person to each
  event they organised or attended), whether removing the most active organiser leaves more
  connected groups of people than there were.

Life after the founding project (when the network has one and it has ended): events in the two
quarters after the quarter in which it ended (``events_after_end``) against the two quarters up
to and including that quarter (``events_before_end``). They are filled from the second quarter
after the end on.

Status, the first that applies:

1. «затухает» (``fading``) — no events in the window although there were before; or the window
   has fewer than ``FADING_RATIO`` of the events of the window before it; or, within
   ``AFTER_END_QUARTERS`` quarters after the founding project ended, the two quarters after it
   had fewer than ``FADING_RATIO`` of the events of the two before;
2. «зависит от одного организатора» (``one_organiser``) — one person organised more than
   ``ONE_ORGANISER_SHARE`` of the window's events, or the network falls apart without them;
3. «зависит от одной организации» (``one_organisation``) — one organisation organised more
   than ``ONE_ORGANISATION_SHARE`` of the window's events;
4. «живёт самостоятельно» (``self_sustaining``) otherwise;
``no_data`` when the network has had no events up to the quarter.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import networkx as nx
from django.utils.translation import gettext as _

from network.enums import HealthStatus

WINDOW_QUARTERS = 4
"""Quarters over which dependence (shares, 80 %, the graph) and the trend are measured."""
ONE_ORGANISER_SHARE = Decimal("0.5")
"""More than half of the events by one person: the network depends on them."""
ONE_ORGANISATION_SHARE = Decimal("0.6")
"""More than 60 % of the events by one organisation: the network depends on it."""
COVER_SHARE = Decimal("0.8")
"""The share of events whose organisers ``organisers_for_80`` counts."""
FADING_RATIO = Decimal("0.5")
"""Activity below half of the comparison period means the network is fading."""
AFTER_END_QUARTERS = 4
"""For how many quarters after the founding project ended its comparison decides «затухает»."""
SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class EventFact:
    """One event: its start date, organisers and attendees as (person id, organisation id)."""

    starts_on: datetime.date
    organisers: tuple = ()
    participants: tuple = ()


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class QuarterHealth:
    quarter: datetime.date
    events_held: int = 0
    organisers: int = 0
    organisations: int = 0
    active_members: int = 0
    new_initiatives: int = 0
    top_person_share: Decimal | None = None
    top_organisation_share: Decimal | None = None
    organisers_for_80: int | None = None
    breaks_without_top: bool | None = None
    events_before_end: int | None = None
    events_after_end: int | None = None
    status: str = HealthStatus.NO_DATA
    reasons: list = field(default_factory=list)


# --- quarters ------------------------------------------------------------------------------


def quarter_of(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_quarters(quarter: datetime.date, n: int) -> datetime.date:
    index = quarter.year * 4 + (quarter.month - 1) // 3 + n
    return datetime.date(index // 4, 3 * (index % 4) + 1, 1)


def quarters_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    out, q = [], quarter_of(first)
    last = quarter_of(last)
    while q <= last:
        out.append(q)
        q = add_quarters(q, 1)
    return out


def quarter_label(quarter: datetime.date) -> str:
    """«2022 Q1» style, in the reader's language: «I кв. 2022»."""
    return _("Q%(n)s %(year)s") % {"n": (quarter.month - 1) // 3 + 1, "year": quarter.year}


# --- figures -------------------------------------------------------------------------------


def _share(count: int, total: int) -> Decimal:
    return (Decimal(count) / Decimal(total)).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def _in(events: Iterable[EventFact], first: datetime.date, last_exclusive: datetime.date):
    return [e for e in events if first <= e.starts_on < last_exclusive]


def _top(counter: Counter):
    """The most frequent key and its count; ties go to the smallest id, so results are stable."""
    if not counter:
        return None, 0
    key = min(counter, key=lambda k: (-counter[k], k))
    return key, counter[key]


def organisers_covering(events: Sequence[EventFact], share: Decimal = COVER_SHARE) -> int:
    """The fewest organisers who together organised at least ``share`` of the events (greedy
    by number of events, which is exact for «who are the most active»)."""
    if not events:
        return 0
    need = share * len(events)
    remaining = [set(p for p, _o in e.organisers) for e in events]
    covered, chosen = 0, 0
    while covered < need:
        counts = Counter(p for people in remaining for p in people)
        if not counts:
            break
        person, _n = _top(counts)
        chosen += 1
        covered += sum(1 for people in remaining if person in people)
        remaining = [people for people in remaining if person not in people]
    return chosen


def people_graph(events: Sequence[EventFact]) -> nx.Graph:
    """The bipartite graph of people and events: an edge for every organiser and attendee."""
    graph = nx.Graph()
    for n, event in enumerate(events):
        node = ("event", n)
        graph.add_node(node)
        for person, _org in (*event.organisers, *event.participants):
            graph.add_edge(("person", person), node)
    return graph


def _person_groups(graph: nx.Graph) -> int:
    """Connected groups that contain at least one person."""
    return sum(
        1 for part in nx.connected_components(graph) if any(n[0] == "person" for n in part)
    )


def breaks_without(events: Sequence[EventFact], person) -> bool:
    """Whether removing ``person`` leaves more connected groups of people than there were."""
    graph = people_graph(events)
    before = _person_groups(graph)
    graph.remove_node(("person", person))
    return _person_groups(graph) > before


def quarter_health(
    *,
    quarter: datetime.date,
    events: Sequence[EventFact],
    initiative_dates: Sequence[datetime.date] = (),
    founding_ended_on: datetime.date | None = None,
) -> QuarterHealth:
    """The figures, status and reasons of one quarter; ``events`` are all the network's events."""
    quarter = quarter_of(quarter)
    next_quarter = add_quarters(quarter, 1)
    h = QuarterHealth(quarter=quarter)

    held = _in(events, quarter, next_quarter)
    h.events_held = len(held)
    h.organisers = len({p for e in held for p, _o in e.organisers})
    h.organisations = len(
        {o for e in held for _p, o in (*e.organisers, *e.participants) if o is not None}
    )
    h.active_members = len({p for e in held for p, _o in (*e.organisers, *e.participants)})
    h.new_initiatives = sum(1 for d in initiative_dates if quarter <= d < next_quarter)

    window_start = add_quarters(quarter, -(WINDOW_QUARTERS - 1))
    window = _in(events, window_start, next_quarter)
    previous = _in(events, add_quarters(window_start, -WINDOW_QUARTERS), window_start)
    earlier = [e for e in events if e.starts_on < window_start]

    top_person = None
    if window:
        people = Counter(p for e in window for p in {p for p, _o in e.organisers})
        orgs = Counter(o for e in window for o in {o for _p, o in e.organisers if o is not None})
        top_person, person_events = _top(people)
        _org, org_events = _top(orgs)
        h.top_person_share = _share(person_events, len(window))
        h.top_organisation_share = _share(org_events, len(window))
        h.organisers_for_80 = organisers_covering(window)
        h.breaks_without_top = breaks_without(window, top_person) if top_person is not None else False

    if founding_ended_on is not None:
        end_quarter = quarter_of(founding_ended_on)
        if quarter >= add_quarters(end_quarter, 2):
            h.events_before_end = len(_in(events, add_quarters(end_quarter, -1),
                                          add_quarters(end_quarter, 1)))
            h.events_after_end = len(_in(events, add_quarters(end_quarter, 1),
                                         add_quarters(end_quarter, 3)))

    h.status, h.reasons = _status(h, window=window, previous=previous, earlier=earlier,
                                  founding_ended_on=founding_ended_on)
    return h


def _status(h, *, window, previous, earlier, founding_ended_on):
    if not window and not earlier:
        return HealthStatus.NO_DATA, [Reason("no_events")]
    fading = []
    if not window:
        fading.append(Reason("no_events_in_window", {"quarters": WINDOW_QUARTERS}))
    elif previous and Decimal(len(window)) < FADING_RATIO * len(previous):
        fading.append(Reason("fewer_events", {"now": len(window), "before": len(previous)}))
    if (
        h.events_after_end is not None
        and h.quarter <= add_quarters(quarter_of(founding_ended_on), AFTER_END_QUARTERS)
        and h.events_before_end
        and Decimal(h.events_after_end) < FADING_RATIO * h.events_before_end
    ):
        fading.append(Reason("after_founding_project",
                             {"after": h.events_after_end, "before": h.events_before_end}))
    if fading:
        return HealthStatus.FADING, fading
    reasons = []
    if h.top_person_share is not None and h.top_person_share > ONE_ORGANISER_SHARE:
        reasons.append(Reason("top_person", {"percent": _percent(h.top_person_share)}))
    if h.breaks_without_top:
        reasons.append(Reason("graph_breaks"))
    if reasons:
        return HealthStatus.ONE_ORGANISER, reasons
    if h.top_organisation_share is not None and h.top_organisation_share > ONE_ORGANISATION_SHARE:
        return HealthStatus.ONE_ORGANISATION, [
            Reason("top_organisation", {"percent": _percent(h.top_organisation_share)})
        ]
    return HealthStatus.SELF_SUSTAINING, [
        Reason("spread", {"organisers": h.organisers_for_80 or 0,
                          "percent": _percent(h.top_person_share or Decimal(0))})
    ]


def _percent(share: Decimal) -> int:
    return int((share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def network_health(
    *,
    events: Sequence[EventFact],
    initiative_dates: Sequence[datetime.date] = (),
    founding_ended_on: datetime.date | None = None,
    first_quarter: datetime.date,
    last_quarter: datetime.date,
) -> list[QuarterHealth]:
    """Every quarter from ``first_quarter`` to ``last_quarter``, oldest first."""
    return [
        quarter_health(quarter=q, events=events, initiative_dates=initiative_dates,
                       founding_ended_on=founding_ended_on)
        for q in quarters_between(first_quarter, last_quarter)
    ]


def reason_text(reason: Reason) -> str:
    """A reason in plain words, in the active language."""
    p = reason.params
    if reason.code == "no_events":
        return _("The network has held no events yet.")
    if reason.code == "no_events_in_window":
        return _("No events in the last %(quarters)s quarters.") % p
    if reason.code == "fewer_events":
        return _("%(now)s events in the last year against %(before)s in the year before.") % p
    if reason.code == "after_founding_project":
        return _("After the founding project ended: %(after)s events in two quarters against "
                 "%(before)s in the two before.") % p
    if reason.code == "top_person":
        return _("One person organised %(percent)s%% of the events of the last year.") % p
    if reason.code == "graph_breaks":
        return _("Without its most active organiser the network falls apart into separate "
                 "groups.")
    if reason.code == "top_organisation":
        return _("One organisation organised %(percent)s%% of the events of the last year.") % p
    if reason.code == "spread":
        return _("Events are organised by several people and organisations: %(organisers)s "
                 "organisers hold 80%% of the events, the most active one %(percent)s%%.") % p
    return reason.code
