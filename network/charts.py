"""Charts drawn on the server as SVG markup: no JavaScript, readable without sight.

Each function returns a string with an ``<svg role="img">`` carrying ``<title>`` and ``<desc>``
and, after it, a visually hidden table with the same numbers. Values may be ``None`` (no data):
nothing is drawn for them and the table says «—». Series are told apart by colour AND by the
pattern of the mark (solid bar / hatched bar, circle / square), and a legend names them.
"""

import itertools
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH, ROW, LEFT, RIGHT, TOP = 640, 26, 230, 60, 28
COLOURS = ("#0d6efd", "#d63384", "#198754", "#fd7e14")
_ids = itertools.count(1)


def _num(value):
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        value = value.normalize()
        text = f"{value:f}"
    else:
        text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",")


def _table(title, headers, rows):
    head = "".join(format_html('<th scope="col">{}</th>', h) for h in headers)
    body = "".join(
        "<tr>" + format_html('<th scope="row">{}</th>', row[0])
        + "".join(format_html("<td>{}</td>", _num(v)) for v in row[1:]) + "</tr>"
        for row in rows
    )
    return format_html('<table class="visually-hidden"><caption>{}</caption><thead><tr>{}</tr>'
                       "</thead><tbody>{}</tbody></table>", title, mark_safe(head),
                       mark_safe(body))


def _short(text, limit=34):
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def bar_chart(*, title, data=None, series=None, desc="", unit=""):
    """Horizontal bars: ``data`` = [(label, value)] for one series, or ``series`` =
    [(series name, [(label, value), …]), …] for grouped bars (labels in the same order)."""
    if series is None:
        series = [("", list(data or []))]
    labels = [label for label, _ in series[0][1]] if series else []
    values = [float(v) for _, points in series for _, v in points if v is not None]
    top = max(values + [0]) or 1
    n = len(series)
    group = ROW * n + 8
    legend = 22 if n > 1 else 0
    height = TOP + legend + group * max(len(labels), 1) + 10
    uid = next(_ids)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'role="img" aria-labelledby="chart{uid}-t chart{uid}-d" class="chart">',
             format_html('<title id="chart{}-t">{}</title>', uid, title),
             format_html('<desc id="chart{}-d">{}</desc>', uid, desc or title),
             f'<defs><pattern id="hatch{uid}" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="white"/>'
             f'<line x1="0" y1="0" x2="0" y2="6" stroke="{COLOURS[1]}" stroke-width="4"/>'
             "</pattern></defs>"]
    if n > 1:
        for k, (name, _) in enumerate(series):
            x = LEFT + k * 170
            fill = f"url(#hatch{uid})" if k % 2 else COLOURS[k % len(COLOURS)]
            parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{fill}" '
                         f'stroke="{COLOURS[k % len(COLOURS)]}"/>')
            parts.append(format_html('<text x="{}" y="18" font-size="12">{}</text>', x + 20, name))
    span = WIDTH - LEFT - RIGHT
    for i, label in enumerate(labels):
        y0 = TOP + legend + i * group
        parts.append(format_html('<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>',
                                 LEFT - 6, y0 + ROW * n / 2 + 4, _short(label)))
        for k, (_, points) in enumerate(series):
            value = points[i][1] if i < len(points) else None
            y = y0 + k * ROW
            if value is None:
                parts.append(f'<text x="{LEFT + 4}" y="{y + 16}" font-size="12">—</text>')
                continue
            w = max(1, span * float(value) / top)
            colour = COLOURS[k % len(COLOURS)]
            fill = f"url(#hatch{uid})" if k % 2 else colour
            parts.append(f'<rect x="{LEFT}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" '
                         f'fill="{fill}" stroke="{colour}"/>')
            parts.append(format_html('<text x="{}" y="{}" font-size="12">{}</text>',
                                     f"{LEFT + w + 4:.1f}", y + 17, f"{_num(value)} {unit}".strip()))
    parts.append("</svg>")
    headers = ["", *(name or title for name, _ in series)]
    rows = [[label, *(points[i][1] if i < len(points) else None for _, points in series)]
            for i, label in enumerate(labels)]
    return mark_safe("".join(str(p) for p in parts) + _table(title, headers, rows))


def line_chart(*, title, series, desc="", unit=""):
    """Lines over shared labels: ``series`` = [(name, [(label, value), …]), …]."""
    labels = [label for label, _ in series[0][1]] if series else []
    values = [float(v) for _, points in series for _, v in points if v is not None]
    top = max(values + [0]) or 1
    height, bottom, left = 260, 40, 50
    plot_h = height - TOP - bottom - 20
    step = (WIDTH - left - RIGHT) / max(len(labels) - 1, 1)
    uid = next(_ids)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
             f'role="img" aria-labelledby="chart{uid}-t chart{uid}-d" class="chart">',
             format_html('<title id="chart{}-t">{}</title>', uid, title),
             format_html('<desc id="chart{}-d">{}</desc>', uid, desc or title),
             f'<line x1="{left}" y1="{TOP + 20 + plot_h}" x2="{WIDTH - RIGHT}" '
             f'y2="{TOP + 20 + plot_h}" stroke="#6c757d"/>']
    for i, label in enumerate(labels):
        parts.append(format_html('<text x="{}" y="{}" font-size="11" text-anchor="middle">{}'
                                 "</text>", f"{left + i * step:.1f}", height - 12, _short(label, 22)))
    for k, (name, points) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        x = 60 + k * 170
        mark = (f'<circle cx="{x + 7}" cy="13" r="6" fill="{colour}"/>' if k % 2 == 0 else
                f'<rect x="{x + 1}" y="7" width="12" height="12" fill="{colour}"/>')
        parts.append(mark + format_html('<text x="{}" y="18" font-size="12">{}</text>', x + 20,
                                        name))
        coords = []
        for i, (_, value) in enumerate(points):
            if value is None:
                continue
            cx = left + i * step
            cy = TOP + 20 + plot_h - plot_h * float(value) / top
            coords.append(f"{cx:.1f},{cy:.1f}")
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colour}"/>'
                         if k % 2 == 0 else
                         f'<rect x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10" '
                         f'fill="{colour}"/>')
            parts.append(format_html('<text x="{}" y="{}" font-size="11">{}</text>',
                                     f"{cx + 7:.1f}", f"{cy - 6:.1f}",
                                     f"{_num(value)} {unit}".strip()))
        if len(coords) > 1:
            dash = "" if k % 2 == 0 else ' stroke-dasharray="6 4"'
            parts.append(f'<polyline points="{" ".join(coords)}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash}/>')
    parts.append("</svg>")
    headers = ["", *(name for name, _ in series)]
    rows = [[label, *(points[i][1] if i < len(points) else None for _, points in series)]
            for i, label in enumerate(labels)]
    return mark_safe("".join(str(p) for p in parts) + _table(title, headers, rows))


__all__ = ["bar_chart", "line_chart"]
