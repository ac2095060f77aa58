"""SVG charts drawn on the server, shared by network pages, dashboards and PDF reports.

Each function returns safe markup: an ``<svg role="img">`` with ``<title>`` and ``<desc>``,
followed by a visually hidden table of the same numbers for screen readers. No JavaScript.
Colours are not the only carrier of meaning: values are written on the bars and points, and
series are told apart by dash patterns and a legend.
"""

from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

PALETTE = ("#0d6efd", "#d63384", "#198754", "#fd7e14", "#6f42c1", "#20c997")
DASHES = ("", "6 3", "2 3", "8 3 2 3")
_ids = count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple


def _svg(template, *args):
    """``format_html`` for SVG: floats are written with one decimal (``{:.1f}`` in templates)."""
    args = [f"{a:.1f}" if isinstance(a, float) else a for a in args]
    return format_html(template.replace("{:.1f}", "{}"), *args)


def _fmt(value, places=0):
    if value is None:
        return "—"
    if isinstance(value, float | Decimal) and places:
        return number_format(value, places)
    return number_format(value, places) if isinstance(value, float | Decimal) else str(value)


def _table(caption, labels, series, places):
    head = "".join(format_html("<th scope=\"col\">{}</th>", s.name) for s in series)
    rows = "".join(
        format_html("<tr><th scope=\"row\">{}</th>{}</tr>", label, mark_safe("".join(  # noqa: S308
            format_html("<td>{}</td>", _fmt(s.values[i], places)) for s in series)))
        for i, label in enumerate(labels)
    )
    # The wrapper, not the table, is hidden: a table ignores the 1 px width of .visually-hidden
    # and would widen the page on a phone.
    return format_html(
        '<div class="visually-hidden"><table><caption>{}</caption><thead><tr><th scope="col">'
        '</th>{}</tr></thead><tbody>{}</tbody></table></div>',
        caption, mark_safe(head), mark_safe(rows),  # noqa: S308 — built with format_html
    )


def _nice_max(value):
    value = float(value or 0)
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return float(step)
    return float(value)


def _frame(title, desc, width, height, body):
    uid = next(_ids)
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" aria-labelledby="chart-t{u} chart-d{u}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">'
        '<title id="chart-t{u}">{t}</title><desc id="chart-d{u}">{d}</desc>{b}</svg>',
        w=width, h=height, u=uid, t=title, d=desc, b=mark_safe(body),  # noqa: S308
    )


def bar_chart(*, title, desc, labels, values, width=640, height=240, places=0,
              value_suffix="", series_name=""):
    """Vertical bars, one per label, each with its value written above it."""
    labels, values = list(labels), list(values)
    left, right, top, bottom = 36, 8, 16, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((float(v or 0) for v in values), default=0))
    slot = plot_w / max(len(values), 1)
    bar_w = max(min(slot * 0.7, 60), 2)
    parts = [_axes(left, top, plot_w, plot_h, top_value)]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        v = float(value or 0)
        h = plot_h * v / top_value
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h - h
        parts.append(_svg(
            '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">'
            '<title>{}: {}{}</title></rect>',
            x, y, bar_w, h, PALETTE[0], label, _fmt(value, places), value_suffix))
        parts.append(_svg(
            '<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>',
            x + bar_w / 2, y - 3, _fmt(value, places)))
        parts.append(_xlabel(x + bar_w / 2, top + plot_h, label, len(labels)))
    svg = _frame(title, desc, width, height, "".join(parts))
    table = _table(title, labels, [Series(series_name or title, tuple(values))], places)
    return format_html('<figure class="chart-figure">{}{}</figure>', svg, table)


def hbar_chart(*, title, desc, labels, values, width=640, label_width=250, places=0,
               series_name=""):
    """Horizontal bars, one row per label, for long labels (directions, states of a funnel);
    a label longer than fits is cut with an ellipsis and shown whole in the bar's tooltip."""
    labels, values = list(labels), list(values)
    row, top = 22, 4
    height = top * 2 + row * max(len(values), 1)
    plot_w = width - label_width - 40
    top_value = _nice_max(max((float(v or 0) for v in values), default=0))
    chars = max(label_width // 7, 8)
    parts = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + row * i
        w = plot_w * float(value or 0) / top_value
        text = str(label)
        short = text if len(text) <= chars else text[:chars - 1].rstrip() + "…"
        parts.append(_svg(
            '<text x="{}" y="{:.1f}" text-anchor="end">{}</text>'
            '<rect x="{}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">'
            '<title>{}: {}</title></rect>'
            '<text x="{:.1f}" y="{:.1f}">{}</text>',
            label_width - 6, y + row * 0.65, short,
            label_width, y + 3, max(w, 1), row - 6, PALETTE[0], text, _fmt(value, places),
            label_width + max(w, 1) + 4, y + row * 0.65, _fmt(value, places)))
    svg = _frame(title, desc, width, height, "".join(parts))
    table = _table(title, labels, [Series(series_name or title, tuple(values))], places)
    return format_html('<figure class="chart-figure">{}{}</figure>', svg, table)


def line_chart(*, title, desc, labels, series, width=640, height=240, places=0):
    """One line per series over the labels; points carry their values in tooltips."""
    labels, series = list(labels), [s if isinstance(s, Series) else Series(*s) for s in series]
    left, right, top, bottom = 36, 8, 28, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max((float(v) for s in series for v in s.values if v is not None),
                              default=0))
    step = plot_w / max(len(labels) - 1, 1)
    parts = [_axes(left, top, plot_w, plot_h, top_value)]
    for n, s in enumerate(series):
        colour, dash = PALETTE[n % len(PALETTE)], DASHES[n % len(DASHES)]
        # A missing value (a fact not entered yet) is a gap in the line, not a zero.
        coords = {i: (left + step * i, top + plot_h - plot_h * float(v) / top_value)
                  for i, v in enumerate(s.values) if v is not None}
        runs = []
        for i in sorted(coords):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            path = " ".join(f"{coords[i][0]:.1f},{coords[i][1]:.1f}" for i in run)
            parts.append(_svg(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" '
                'stroke-dasharray="{}"/>', path, colour, dash))
        points = [(x, y, s.values[i], labels[i]) for i, (x, y) in coords.items()]
        for x, y, v, label in points:
            parts.append(_svg(
                '<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"><title>{}, {}: {}</title>'
                '</circle>', x, y, colour, s.name, label, _fmt(v, places)))
        lx = left + n * 170
        parts.append(format_html(
            '<line x1="{}" y1="10" x2="{}" y2="10" stroke="{}" stroke-width="2" '
            'stroke-dasharray="{}"/><text x="{}" y="14">{}</text>',
            lx, lx + 20, colour, dash, lx + 24, s.name))
    for i, label in enumerate(labels):
        parts.append(_xlabel(left + step * i, top + plot_h, label, len(labels)))
    svg = _frame(title, desc, width, height, "".join(parts))
    return format_html('<figure class="chart-figure">{}{}</figure>', svg,
                       _table(title, labels, series, places))


def _axes(left, top, plot_w, plot_h, top_value):
    parts = [format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6c757d"/>',
        left, top + plot_h, left + plot_w, top + plot_h)]
    for k in range(5):
        value = top_value * k / 4
        y = top + plot_h - plot_h * k / 4
        parts.append(_svg(
            '<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#dee2e6"/>'
            '<text x="{}" y="{:.1f}" text-anchor="end">{}</text>',
            left, y, left + plot_w, y, left - 4, y + 4,
            _fmt(round(value, 1) if value % 1 else int(value))))
    return "".join(parts)


def _xlabel(x, y, label, n):
    if n > 12:
        return _svg(
            '<text x="{:.1f}" y="{:.1f}" text-anchor="end" transform="rotate(-45 {:.1f} {:.1f})">'
            '{}</text>', x, y + 12, x, y + 12, label)
    return _svg('<text x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>',
                       x, y + 14, label)
