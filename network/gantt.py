"""A Gantt chart of a calendar plan drawn on the server as SVG, in the style of ``charts``.

Activities are bars, control points diamonds. Each row shows the baseline (the planned dates,
a thin grey bar or a hollow diamond) and the forecast (a thick bar or a filled diamond); what is
done is green, what is overdue red — and both are also written in words in the row's label and
in the visually hidden table, so colour is never the only carrier of meaning. A vertical line
marks today. The chart has a fixed width in pixels (a month is ``month_w`` wide) so that on a
phone it scrolls inside its own box instead of shrinking to nothing; ``fit=True`` scales it to
the width of the page instead (PDFs).
"""

import datetime
from dataclasses import dataclass

from django.utils.dates import MONTHS_3
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from network.charts import _frame, _svg, _wrap

ACTIVITY = "activity"
POINT = "point"

BASELINE = "#adb5bd"
FORECAST = "#0d6efd"
DONE = "#198754"
OVERDUE = "#dc3545"
TODAY = "#fd7e14"
MAX_YEARS = 15


@dataclass(frozen=True)
class GanttRow:
    """One line of the plan. ``kind`` is ``ACTIVITY`` (a bar from start to end) or ``POINT``
    (a diamond at ``planned_end`` / ``forecast_end``); a point's starts are ignored."""

    label: str
    kind: str
    planned_end: datetime.date
    planned_start: datetime.date | None = None
    forecast_start: datetime.date | None = None
    forecast_end: datetime.date | None = None
    actual_end: datetime.date | None = None
    status: str = ""
    done: bool = False
    overdue: bool = False
    level: int = 0

    @property
    def start(self):
        return self.planned_start or self.planned_end

    @property
    def forecast_or_plan_start(self):
        return self.forecast_start or self.start

    @property
    def forecast_or_plan_end(self):
        return self.actual_end or self.forecast_end or self.planned_end


def _month_start(d):
    return d.replace(day=1)


def _next_month(d):
    return (d.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def span(rows, *, today=None, starts_on=None, ends_on=None):
    """The first day of the first month and the first day after the last month the chart shows."""
    dates = [d for r in rows for d in (r.start, r.planned_end, r.forecast_start, r.forecast_end,
                                       r.actual_end) if d]
    dates += [d for d in (starts_on, ends_on) if d]
    if not dates:
        dates = [today or datetime.date.today()]
    first = _month_start(min(dates))
    # a date typed decades away must not make a chart of thousands of months: the axis stops
    # MAX_YEARS after its first month (what lies beyond is drawn at the edge)
    last = max(dates)
    last = _next_month(last) if last < datetime.date(9999, 12, 1) else last.replace(day=1)
    last = min(last, first.replace(year=min(first.year + MAX_YEARS, 9999)))
    return first, last


def _date(d):
    return date_format(d, "d.m.Y") if d else "—"


def gantt_chart(*, title, desc, rows, today, starts_on=None, ends_on=None, month_w=64,
                label_w=260, row_h=24, fit=False):
    """The plan's rows as a Gantt chart; ``starts_on``/``ends_on`` (the project's dates) widen
    the time axis and are drawn as dashed borders."""
    rows = list(rows)
    first, last = span(rows, today=today, starts_on=starts_on, ends_on=ends_on)
    days = max((last - first).days, 1)
    months = []
    m = first
    while m < last:
        months.append(m)
        m = _next_month(m)
    plot_w = month_w * len(months)
    top, legend_h = 40, 22
    width = label_w + plot_w + 8
    height = top + row_h * max(len(rows), 1) + legend_h + 8
    plot_bottom = top + row_h * max(len(rows), 1)

    def x_of(d):
        return label_w + plot_w * min(max((d - first).days, 0), days) / days

    parts = []
    # the months: a band of alternating shades, the month's short name and year at the top
    for i, month in enumerate(months):
        x0, x1 = x_of(month), x_of(_next_month(month))
        if i % 2:
            parts.append(_svg('<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="#f8f9fa"/>',
                              x0, top, x1 - x0, plot_bottom - top))
        parts.append(_svg('<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="#dee2e6"/>',
                          x0, top - 16, x0, plot_bottom))
        year = f" {month.year}" if i == 0 or month.month == 1 else ""
        parts.append(_svg('<text x="{:.1f}" y="{}">{}{}</text>', x0 + 3, top - 20,
                          MONTHS_3[month.month], year))
    parts.append(format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6c757d"/>',
                             label_w, top, label_w + plot_w, top))
    # the project's own dates
    for d in (starts_on, ends_on):
        if d and first <= d <= last:
            parts.append(_svg(
                '<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="#6c757d" '
                'stroke-dasharray="4 3"/>', x_of(d), top, x_of(d), plot_bottom))
    for i, row in enumerate(rows):
        parts.append(_row(row, top + row_h * i, row_h, label_w, x_of))
    if first <= today <= last:
        x = x_of(today)
        parts.append(_svg(
            '<line class="gantt-today" x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="{}" '
            'stroke-width="2"><title>{}</title></line>'
            '<text x="{:.1f}" y="{}" fill="{}" text-anchor="middle" font-weight="bold">{}</text>',
            x, top - 14, x, plot_bottom, TODAY, _("Today, %(date)s") % {"date": _date(today)},
            x, top - 4, TODAY, _("today")))
    parts.append(_legend(label_w, plot_bottom + 16))
    svg = _frame(title, desc, width, height, "".join(parts))
    if not fit:
        # a fixed size in pixels: the box around it scrolls, the page does not
        svg = mark_safe(svg.replace('width="100%"', f'width="{width}" height="{height}"', 1))  # noqa: S308
    return format_html('<figure class="chart-figure gantt-figure">{}{}</figure>', svg,
                       _table(title, rows))


def _row(row, y, row_h, label_w, x_of):
    colour = OVERDUE if row.overdue else DONE if row.done else FORECAST
    mark = " ⚠" if row.overdue else " ✓" if row.done else ""
    label = _wrap(row.label, 38, lines=1)[0]
    indent = 6 + 12 * row.level
    parts = [_svg('<text x="{}" y="{:.1f}" font-size="10"{}>{}{}<title>{}</title></text>',
                  indent, y + row_h / 2 + 4,
                  mark_safe(' fill="#dc3545" font-weight="bold"') if row.overdue else "",  # noqa: S308
                  label, mark, row.label),
             _svg('<line x1="0" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#f1f3f5"/>',
                  y + row_h, label_w, y + row_h)]
    tip = _tip(row)
    mid = y + row_h / 2
    if row.kind == POINT:
        # baseline: a hollow diamond at the planned date; forecast (or actual): a filled one
        parts.append(_diamond(x_of(row.planned_end), mid, 6, fill="#fff", stroke=BASELINE,
                              tip=tip, cls="gantt-baseline"))
        parts.append(_diamond(x_of(row.forecast_or_plan_end), mid, 6, fill=colour, stroke=colour,
                              tip=tip, cls="gantt-point" + (" gantt-overdue" if row.overdue else "")))
        return "".join(parts)
    x0, x1 = x_of(row.start), x_of(_day_after(row.planned_end))
    parts.append(_svg(
        '<rect class="gantt-baseline" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="4" '
        'fill="{}"><title>{}</title></rect>', x0, y + row_h - 8, max(x1 - x0, 2), BASELINE, tip))
    f0 = x_of(row.forecast_or_plan_start)
    f1 = x_of(_day_after(row.forecast_or_plan_end))
    parts.append(_svg(
        '<rect class="gantt-bar{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" '
        'fill="{}" rx="2"><title>{}</title></rect>',
        " gantt-overdue" if row.overdue else "", f0, y + 4, max(f1 - f0, 2), row_h - 14,
        colour, tip))
    return "".join(parts)


def _day_after(d):
    return d if d == datetime.date.max else d + datetime.timedelta(days=1)


def _diamond(x, y, r, *, fill, stroke, tip, cls):
    return _svg('<path class="{}" d="M{:.1f} {:.1f} L{:.1f} {:.1f} L{:.1f} {:.1f} L{:.1f} {:.1f} Z" '
                'fill="{}" stroke="{}" stroke-width="1.5"><title>{}</title></path>',
                cls, x, y - r, x + r, y, x, y + r, x - r, y, fill, stroke, tip)


def _tip(row):
    bits = [row.label, _("plan: %(date)s") % {"date": _period(row.planned_start, row.planned_end,
                                                                row.kind)}]
    if row.forecast_end or row.forecast_start:
        bits.append(_("forecast: %(date)s") % {"date": _period(
            row.forecast_start, row.forecast_end or row.planned_end, row.kind)})
    if row.actual_end:
        bits.append(_("done on %(date)s") % {"date": _date(row.actual_end)})
    if row.status:
        bits.append(row.status)
    if row.overdue:
        bits.append(_("overdue"))
    return "; ".join(str(b) for b in bits)


def _period(start, end, kind):
    if kind == POINT or not start:
        return _date(end)
    return f"{_date(start)} – {_date(end)}"


def _legend(x, y):
    items = [
        ('<rect x="{:.1f}" y="{:.1f}" width="18" height="8" fill="{}" rx="2"/>', FORECAST,
         _("forecast")),
        ('<rect x="{:.1f}" y="{:.1f}" width="18" height="4" fill="{}"/>', BASELINE, _("plan")),
        ('<rect x="{:.1f}" y="{:.1f}" width="18" height="8" fill="{}" rx="2"/>', DONE, _("done")),
        ('<rect x="{:.1f}" y="{:.1f}" width="18" height="8" fill="{}" rx="2"/>', OVERDUE,
         _("overdue")),
    ]
    parts = []
    for n, (shape, colour, text) in enumerate(items):
        lx = x + n * 110
        parts.append(_svg(shape, lx, y - 7, colour))
        parts.append(_svg('<text x="{:.1f}" y="{}">{}</text>', lx + 22, y, text))
    lx = x + len(items) * 110
    parts.append(_diamond(lx + 6, y - 3, 5, fill=FORECAST, stroke=FORECAST, tip=_("control point"),
                          cls="gantt-legend"))
    parts.append(_svg('<text x="{:.1f}" y="{}">{}</text>', lx + 16, y, _("control point")))
    return "".join(parts)


def _table(caption, rows):
    head = "".join(format_html('<th scope="col">{}</th>', h) for h in (
        _("planned"), _("forecast"), _("actual"), _("status")))
    body = "".join(format_html(
        '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        r.label, _period(r.planned_start, r.planned_end, r.kind),
        _period(r.forecast_start, r.forecast_end, r.kind) if r.forecast_end else "—",
        _date(r.actual_end), ", ".join(str(s) for s in (r.status, _("overdue") if r.overdue else "")
                                       if s) or "—")
        for r in rows)
    return format_html(
        '<div class="visually-hidden"><table><caption>{}</caption><thead><tr><th scope="col">'
        '</th>{}</tr></thead><tbody>{}</tbody></table></div>',
        caption, mark_safe(head), mark_safe(body))  # noqa: S308 — built with format_html
