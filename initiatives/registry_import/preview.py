"""What a registry file would do, row by row, before anything is written.

A row is *new* (it will be written), *matched* (an initiative with the same title, organisation
and academic year is in the registry already: nothing is changed — a state changes only through
the lifecycle) or an *error* with its reasons in Russian. A row repeating an earlier row's
initiative adds another indicator to it; repeating it with the same indicator (or none) is a
duplicate. Organisations and directions are only looked up, never created: the preview lists
the unknown ones with a link to the page that creates them. Three queries, whatever the rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from initiatives.models import Direction, Initiative
from initiatives.registry_import import columns as c
from initiatives.services import academic_year_of
from network.models import Organisation

NEW, MATCHED, ERROR = "new", "matched", "error"


@dataclass
class IndicatorValues:
    name: str
    unit: str
    planned: object
    achieved: object


@dataclass
class Row:
    line: int
    status: str = NEW
    title: str = ""
    organisation_name: str = ""
    academic_year: str = ""
    state: str = ""
    reasons: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # what a new row writes
    indicator: IndicatorValues | None = None
    matched_pk: int | None = None
    first_line: int | None = None  # the earlier row of the same initiative (a further indicator)

    @property
    def key(self):
        return (c.normalise(self.title), self.values.get("organisation_id"), self.academic_year)


@dataclass
class Preview:
    file_name: str
    rows: list = field(default_factory=list)
    unknown_organisations: list = field(default_factory=list)
    unknown_directions: list = field(default_factory=list)

    def count(self, status):
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self):
        return {s: self.count(s) for s in (NEW, MATCHED, ERROR)}

    @property
    def new_rows(self):
        return [r for r in self.rows if r.status == NEW]

    @property
    def initiatives_to_write(self):
        return sum(1 for r in self.rows if r.status == NEW and r.first_line is None)


def _labels():
    return {col.key: str(col.label) for col in c.COLUMNS}


def _read_row(line, values, labels, organisations, directions, states):
    """One row of the file, read and checked on its own (matching comes later)."""
    row = Row(line=line)

    def get(key, parser, **kwargs):
        try:
            return parser(values.get(key), label=labels[key], **kwargs)
        except c.CellError as e:
            row.reasons.append(str(e))
            return None

    row.title = get("title", c.text) or ""
    row.organisation_name = get("organisation", c.text, limit=500) or ""
    direction_name = get("direction", c.text, limit=300) or ""
    year = get("academic_year", c.academic_year) or ""
    state = get("state", c.state, names=states)
    leader = get("leader", c.text, limit=300) or ""
    starts_on = get("starts_on", c.date)
    ends_on = get("ends_on", c.date)
    submitted = get("submitted", c.date)
    row.state = state or ""
    if not row.title:
        row.reasons.append(_("The title is empty."))
    organisation = organisations.get(c.normalise(row.organisation_name))
    if not row.organisation_name:
        row.reasons.append(_("The organisation is empty."))
    elif organisation is None:
        row.reasons.append(_("There is no organisation «%(name)s» in the portal; add it first.")
                           % {"name": row.organisation_name})
    direction = None
    if direction_name:
        found = directions.get(c.normalise(direction_name), [])
        if not found:
            row.reasons.append(_("There is no direction «%(name)s» in the portal; add it first.")
                               % {"name": direction_name})
        elif len(found) > 1:
            row.reasons.append(_("Several portfolios have a direction «%(name)s»; rename one of "
                                 "them in the portal.") % {"name": direction_name})
        else:
            direction = found[0]
    row.academic_year = year or academic_year_of(starts_on)
    if not row.academic_year and values.get("academic_year") in (None, ""):
        row.reasons.append(_("Give the academic year or the start date."))
    if starts_on and ends_on and ends_on < starts_on:
        row.reasons.append(_("The end date is earlier than the start date."))
    indicator = get("indicator", c.text)
    unit = get("unit", c.text, limit=50) or ""
    planned = get("planned", c.number)
    achieved = get("achieved", c.number)
    if indicator:
        if planned is None:
            row.reasons.append(_("The indicator «%(name)s» has no planned value.")
                               % {"name": indicator})
        if not unit:
            row.reasons.append(_("The indicator «%(name)s» has no unit.") % {"name": indicator})
        row.indicator = IndicatorValues(indicator, unit, planned, achieved)
    elif planned is not None or achieved is not None or unit:
        row.reasons.append(_("Values of an indicator are given without its name."))
    row.values = {
        "title": row.title, "organisation_id": organisation.pk if organisation else None,
        "direction_id": direction.pk if direction else None, "academic_year": row.academic_year,
        "state": state, "leader_name": leader, "starts_on": starts_on, "ends_on": ends_on,
        "submitted_on": submitted,
    }
    if row.reasons:
        row.status = ERROR
    return row, (organisation is None and row.organisation_name), (
        direction_name if direction_name and direction is None else "")


def _references(table):
    """The organisations and directions the file names, in one query each."""
    org_names, direction_names = set(), set()
    for source in table.rows:
        for key, names in (("organisation", org_names), ("direction", direction_names)):
            value = source.values.get(key)
            if value not in (None, ""):
                names.add(str(value).strip()[:500])
    organisations = {}
    if org_names:
        for org in Organisation.objects.only("pk", "short_name", "full_name"):
            organisations.setdefault(c.normalise(org.short_name), org)
            organisations.setdefault(c.normalise(org.full_name), org)
    directions = defaultdict(list)
    if direction_names:
        for d in Direction.objects.only("pk", "name"):
            directions[c.normalise(d.name)].append(d)
    return organisations, directions


def _existing(rows):
    """Initiatives of the registry with the same key as a row: (title, organisation, year)."""
    wanted = [r for r in rows if r.status != ERROR]
    if not wanted:
        return {}
    condition = Q()
    for org_id, years in _group(wanted).items():
        condition |= Q(organisation_id=org_id, academic_year__in=years)
    found = {}
    for pk, title, org_id, year in Initiative.objects.filter(condition).values_list(
            "pk", "title", "organisation_id", "academic_year").order_by("pk"):
        found.setdefault((c.normalise(title), org_id, year), pk)
    return found


def _group(rows):
    years = defaultdict(set)
    for r in rows:
        years[r.values["organisation_id"]].add(r.academic_year)
    return years


def build_preview(table, *, file_name) -> Preview:
    """The preview of a file read by ``accounts.tabular`` (its rows: number, values by key)."""
    preview = Preview(file_name=file_name)
    labels = _labels()
    organisations, directions = _references(table)
    states = c.state_names()
    unknown_orgs, unknown_directions = {}, {}
    for source in table.rows:
        row, org_missing, direction_missing = _read_row(
            source.number, source.values, labels, organisations, directions, states)
        if org_missing:
            unknown_orgs.setdefault(c.normalise(org_missing), org_missing)
        if direction_missing:
            unknown_directions.setdefault(c.normalise(direction_missing), direction_missing)
        preview.rows.append(row)
    preview.unknown_organisations = sorted(unknown_orgs.values())
    preview.unknown_directions = sorted(unknown_directions.values())
    existing = _existing(preview.rows)
    seen = {}  # key → (first line, indicator names seen)
    for row in preview.rows:
        if row.status == ERROR:
            continue
        indicator = c.normalise(row.indicator.name) if row.indicator else ""
        earlier = seen.get(row.key)
        if earlier is not None:
            first_line, indicators = earlier
            if indicator in indicators:
                row.status = ERROR
                row.reasons.append(_("Repeats row %(line)s of the file.") % {"line": first_line})
                continue
            indicators.add(indicator)
            row.first_line = first_line
            row.notes.append(_("Another indicator of the initiative of row %(line)s.")
                             % {"line": first_line})
        else:
            seen[row.key] = (row.line, {indicator})
        pk = existing.get(row.key)
        if pk is not None:
            row.status = MATCHED
            row.matched_pk = pk
            row.notes.append(_("Already in the registry; the row changes nothing."))
    return preview


def historic_moment(values) -> datetime.date:
    """The day an imported initiative counts as brought to the office: submitted, else started,
    else the first of September of its academic year."""
    if values.get("submitted_on"):
        return values["submitted_on"]
    if values.get("starts_on"):
        return values["starts_on"]
    return datetime.date(int(values["academic_year"][:4]), 9, 1)
