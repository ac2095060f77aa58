"""A consolidated report as plain data: sections of paragraphs, tables and charts.

The PDF template and the XLSX export render these; no ORM object goes into them.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from network import charts

TABLE_LIMIT = 60
"""Rows of a long list (decisions, open recommendations) the PDF shows; the rest are counted."""

PDF_TABLE_ROWS = 500
"""Rows of any one table the PDF shows; the XLSX built with it has every row. A municipality's
tables fit (a few hundred projects a year); a region's ran to thousands of rows, 800 pages that
took two minutes and 1.5 GB to lay out."""


@dataclass
class Table:
    headers: list
    rows: list
    caption: str = ""
    note: str = ""
    widths: list = field(default_factory=list)
    """Column widths in per cent for a wide table (the PDF then lays it out fixed)."""


@dataclass
class Section:
    title: str
    paragraphs: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    charts: list = field(default_factory=list)


def limited(rows, total=None):
    """The first TABLE_LIMIT rows and a note counting the rest."""
    total = len(rows) if total is None else total
    note = ""
    if total > TABLE_LIMIT:
        note = _("The first %(shown)s of %(total)s are shown.") % {"shown": TABLE_LIMIT,
                                                                  "total": total}
    return rows[:TABLE_LIMIT], note


def chart(kind, title, desc, data):
    """A chart as plain data; :func:`draw` turns it into SVG for a page or a PDF."""
    return {"kind": kind, "title": title, "desc": desc, "data": list(data)}


def draw(item):
    """The SVG markup of a chart made by :func:`chart` (``network.charts``)."""
    labels = [label for label, _value in item["data"]]
    values = [value for _label, value in item["data"]]
    desc = item.get("desc") or item["title"]
    if item["kind"] == "hbars":
        return charts.hbar_chart(title=item["title"], desc=desc, labels=labels, values=values)
    return charts.bar_chart(title=item["title"], desc=desc, labels=labels, values=values)


def with_drawn_charts(sections):
    """The sections with each chart's ``svg`` filled in (charts without data are dropped)."""
    for section in sections:
        section.charts = [dict(c, svg=c.get("svg") or draw(c)) for c in section.charts
                          if c.get("svg") or c.get("data")]
    return sections


def for_pdf(sections):
    """The sections as the PDF shows them: each table cut at ``PDF_TABLE_ROWS`` rows, with a
    note that the XLSX has them all."""
    return [replace(section, tables=[_cut(table) for table in section.tables])
            for section in sections]


def _cut(table):
    if len(table.rows) <= PDF_TABLE_ROWS:
        return table
    note = _("The first %(shown)s of %(total)s rows are shown; the report's XLSX has them "
             "all.") % {"shown": PDF_TABLE_ROWS, "total": len(table.rows)}
    return replace(table, rows=table.rows[:PDF_TABLE_ROWS],
                   note=" ".join(text for text in (table.note, note) if text))
