"""Counting the metrics of :mod:`reports.metrics` in batches.

:func:`count_all` answers every ungrouped number of a page in one SQL statement,
:func:`group_counts` one statement per grouped metric, so a dashboard makes the same number of
queries at any data size.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from reports.metrics import METRICS


def count_all(keys, period, *, up_to=None):
    """{key: number of rows} for ungrouped totals of the given metrics, in one SQL statement;
    with ``up_to``, each is counted only that far (a queue's number on a home page)."""
    keys = list(keys)
    if not keys:
        return {}
    parts, params = [], []
    for n, key in enumerate(keys):
        qs = METRICS[key].queryset(period).order_by().values("pk")
        if up_to is not None:
            qs = qs[:up_to]
        sql, p = qs.query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS m{n})")
        params.extend(p)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(keys, row, strict=True))


@dataclass
class GroupCount:
    value: object
    label: str
    n: int
    extra: dict = field(default_factory=dict)

    @property
    def query_value(self):
        return "none" if self.value is None else str(self.value)


def group_counts(key, period, **aggregates):
    """The groups of one metric with their row counts (and any extra aggregates), one query."""
    m = METRICS[key]
    fields = [m.group.field] + ([m.group.label_field] if m.group.label_field else [])
    rows = (m.queryset(period).order_by().values(*fields)
            .annotate(n=Count("pk"), **aggregates).order_by())
    labels = m.group.labels() if m.group.labels else {}
    result = [
        GroupCount(r[m.group.field],
                   labels.get(r[m.group.field]) or r.get(m.group.label_field or "")
                   or _("not set"), r["n"], {k: r[k] for k in aggregates})
        for r in rows
    ]
    if m.group.order:
        order = {v: i for i, v in enumerate(m.group.order())}
        result.sort(key=lambda g: order.get(g.value, len(order)))
    else:
        result.sort(key=lambda g: (-g.n, str(g.label)))
    return result


def fill_groups(groups, key):
    """Every group of a metric with a fixed list of groups, zero where no row falls in it."""
    m = METRICS[key]
    have = {g.value: g for g in groups}
    labels = m.group.labels()
    return [have.get(v) or GroupCount(v, labels[v], 0) for v in m.group.order()]


def parse_value(m, raw):
    """The group value of a drill-down URL, or raise ValueError."""
    if m.group is None:
        raise ValueError(raw)
    value = m.group.parse(raw)
    if m.group.labels and value not in m.group.labels():
        raise ValueError(raw)
    return value


def group_label(m, value):
    """The label of a group with a fixed list, or None when rows name it (see below)."""
    if m.group.labels:
        return m.group.labels()[value]
    return None


def row_group_label(m, row):
    """The label of a group named by a related row (a direction, a meeting format)."""
    if row is None or m.group.row_label is None:
        return _("not set")
    return m.group.row_label(row) or _("not set")


