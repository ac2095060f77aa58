"""A calendar plan brought in from XLSX (or CSV) through the preview → confirm pattern of
:mod:`accounts.tabular`.

Rows match the plan's lines by kind and title: a matching line with the same dates, result and
responsible person is unchanged, with other values changed; any other row is new. So the same
file a second time writes nothing. Dates are read in two forms only — «01.09.2026» and
«1 сентября 2026 г.» (a date cell of Excel is read as the first); any other is refused with the
row and the reason. A workbook with merged cells is refused before any row is read: a merged
cell leaves its neighbours empty, and the plan would silently lose them.
"""

import datetime
import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from accounts import audit
from accounts.imports import TabularImport
from accounts.models import User
from accounts.tabular import XLSX, Column, RowPreview, RowStatus, normalise_header
from portfolio.models import PlanItem
from portfolio.plan import services as calendar_plan
from portfolio.plan.enums import PlanAction, PlanItemKind

PLAN_COLUMNS = (
    Column("number", gettext_lazy("No."), required=False, aliases=("№", "№ п/п", "номер")),
    Column("kind", gettext_lazy("Kind"), aliases=("тип",)),
    Column("title", gettext_lazy("Activity or control point"),
           aliases=("наименование", "мероприятие", "наименование мероприятия")),
    Column("result", gettext_lazy("Checkable result"), required=False,
           aliases=("результат",)),
    Column("evidence_document", gettext_lazy("Document that proves it"), required=False,
           aliases=("документ", "подтверждающий документ", "вид документа")),
    Column("responsible", gettext_lazy("Responsible"), required=False,
           aliases=("ответственный исполнитель",)),
    Column("start", gettext_lazy("Start"), required=False, aliases=("дата начала", "начало")),
    Column("end", gettext_lazy("Date"), aliases=("срок", "дата окончания", "окончание",
                                                  "срок исполнения")),
)

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря")
_NUMERIC = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*г(?:ода|\.)?)?$", re.IGNORECASE)


def parse_date(text):
    """A date typed as «01.09.2026» or «1 сентября 2026 г.»; ``None`` for an empty cell;
    ``ValueError`` with the reason for anything else."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    if not text:
        return None
    day = month = year = None
    if m := _NUMERIC.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _WORDS.match(text):
        name = m.group(2).lower().replace("ё", "е")
        if name in MONTHS:
            day, month, year = int(m.group(1)), MONTHS.index(name) + 1, int(m.group(3))
    if day is None:
        raise ValueError(_("«%(value)s» is not a date: write it as «01.09.2026» or "
                           "«1 сентября 2026 г.»") % {"value": text})
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(_("«%(value)s»: there is no such day.") % {"value": text}) from error


def kind_of(text):
    value = normalise_header(text)
    for kind in PlanItemKind:
        if value in (normalise_header(kind.label), kind.value):
            return kind.value
    if value in ("кт", "точка", "веха"):
        return PlanItemKind.POINT
    return None


def refuse_merged_cells(data):
    """Refuse a workbook whose first sheet has merged cells, naming them."""
    try:
        book = load_workbook(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 — a damaged file is refused by the reader first
        raise ValidationError(_("The XLSX workbook cannot be read: it is damaged or not a "
                                "workbook."), code="damaged") from error
    merged = [str(r) for r in book.worksheets[0].merged_cells.ranges]
    book.close()
    if merged:
        raise ValidationError(
            _("The sheet has merged cells (%(cells)s): unmerge them so that every row has its own "
              "values, and upload the file again.") % {"cells": ", ".join(merged[:10])},
            code="merged")


class PlanImport(TabularImport):
    purpose = "calendar_plan"
    columns = PLAN_COLUMNS

    def __init__(self, *, by, initiative, **options):
        super().__init__(by=by, **options)
        self.initiative = initiative

    def read(self, uploaded):
        data, table = super().read(uploaded)
        if table.kind == XLSX:
            refuse_merged_cells(data)
        return data, table

    def read_bytes(self, data, *, filename):
        table = super().read_bytes(data, filename=filename)
        if table.kind == XLSX:
            refuse_merged_cells(data)
        return table

    def _people(self):
        people = User.objects.filter(
            is_active=True, memberships__organisation_id=self.initiative.organisation_id,
            memberships__is_active=True).distinct()
        return {normalise_header(p.full_name): p for p in people} | {
            normalise_header(p.short_name): p for p in people}

    def preview_rows(self, table):
        existing = {(i.kind, normalise_header(i.title)): i
                    for i in PlanItem.objects.filter(initiative=self.initiative)
                    .select_related("responsible")}
        people = self._people()
        seen = {}
        rows = []
        for source in table.rows:
            row = self._row(source, existing, people)
            key = (row.payload or {}).get("key")
            if key and key in seen:
                row.fail(_("The same line is in rows %(first)s and %(this)s of the file.")
                         % {"first": seen[key], "this": source.number})
            elif key:
                seen[key] = source.number
            rows.append(row)
        return rows

    def _row(self, source, existing, people):
        v = source.values
        row = RowPreview(number=source.number, values=v, title=v["title"])
        kind = kind_of(v["kind"])
        if kind is None:
            row.fail(_("Kind: «%(value)s» is not known; write «%(activity)s» or «%(point)s».")
                     % {"value": v["kind"], "activity": PlanItemKind.ACTIVITY.label,
                        "point": PlanItemKind.POINT.label})
        if not v["title"]:
            row.fail(_("%(column)s: the cell is empty.") % {"column": _("Activity or control "
                                                                       "point")})
        dates = {}
        for key, label in (("start", _("Start")), ("end", _("Date"))):
            try:
                dates[key] = parse_date(v[key])
            except ValueError as error:
                row.fail(f"{label}: {error}")
                dates[key] = None
        if not v["end"]:
            row.fail(_("%(column)s: the cell is empty.") % {"column": _("Date")})
        if kind == PlanItemKind.POINT:
            dates["start"] = None
            if not v["result"]:
                row.fail(_("Checkable result: a control point needs its result."))
        if row.is_error:
            return row
        try:
            calendar_plan.check_within_project(self.initiative, start=dates["start"],
                                               end=dates["end"])
        except Exception as error:  # noqa: BLE001 — DomainError, told as the row's reason
            row.fail(str(error))
            return row
        responsible = people.get(normalise_header(v["responsible"]))
        values = {"kind": kind, "title": v["title"][:500], "number": v["number"][:20],
                  "result": v["result"], "evidence_document": v["evidence_document"][:500],
                  "responsible": responsible,
                  "responsible_name": "" if responsible else v["responsible"][:300],
                  "planned_start": dates["start"], "planned_end": dates["end"]}
        key = (kind, normalise_header(v["title"]))
        row.payload = {"key": key, "values": values}
        item = existing.get(key)
        if item is not None:
            row.payload["item"] = item
            changes = [str(PlanItem._meta.get_field(f).verbose_name) for f in (
                "number", "result", "evidence_document", "planned_start", "planned_end")
                if getattr(item, f) != values[f]]
            if (item.responsible_id, item.responsible_name) != (
                    responsible.pk if responsible else None, values["responsible_name"]):
                changes.append(str(PlanItem._meta.get_field("responsible").verbose_name))
            row.status = RowStatus.CHANGED if changes else RowStatus.UNCHANGED
            row.changes = changes
        return row

    def write_rows(self, rows):
        written = 0
        for row in rows:
            values = dict(row.payload["values"]) if row.payload else {}
            if row.status == RowStatus.NEW:
                calendar_plan.add_plan_item(self.initiative, by=self.by, audit_it=False,
                                            **values)
            elif row.status == RowStatus.CHANGED:
                values.pop("kind")
                calendar_plan.change_plan_item(row.payload["item"], by=self.by, **values)
            else:
                continue
            written += 1
        if written:
            audit.record(self.initiative, actor=self.by, action=PlanAction.PLAN_IMPORTED,
                         to_value=str(written))


def import_plan(table, *, initiative, by):
    """Write the confirmed plan of a table in one transaction."""
    return PlanImport(by=by, initiative=initiative).apply(table)
