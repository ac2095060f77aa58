"""Keyset paging of a log read newest first (issue 22): a page is found by the last line the
reader saw, not by counting the lines before it, so the thousandth page of ten million lines costs
what the first does and the page needs no count of the whole log.

A line is placed by its moment and its id (``at`` and ``pk``; two lines may share a moment). The
cursor «older than (at, pk)» reads as ``at <= :at AND (at < :at OR id < :id)``: the first
condition is a range of the index ``(-at, -id)``, so PostgreSQL starts reading at the cursor;
the ordering is the index's own (``DESC``, nulls first as PostgreSQL's default). The library
django-cursor-pagination was tried and left: it orders ``DESC NULLS LAST`` and compares the
moment as text, which no index serves, so its deep pages read the log from the top.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

SEPARATOR = "_"


@dataclass
class KeysetPage:
    lines: list
    newer: str = ""  # the cursor of the page before (newer lines); empty on the newest page
    older: str = ""  # the cursor of the page after (older lines); empty on the oldest page

    @property
    def has_other_pages(self):
        return bool(self.newer or self.older)


def cursor_of(line, field="at"):
    return f"{getattr(line, field).isoformat()}{SEPARATOR}{line.pk}"


def parse_cursor(text):
    """(moment, pk) of a cursor, or None for anything else: a bad cursor shows the newest page."""
    moment, _sep, pk = (text or "").rpartition(SEPARATOR)
    try:
        moment = datetime.datetime.fromisoformat(moment)
        pk = int(pk)
    except ValueError:
        return None
    if moment.tzinfo is None or not 0 < pk < 2**63:
        return None
    return moment, pk


def newest_first(queryset, *, older="", newer="", per_page=50, field="at"):
    """A page of ``queryset`` newest first: the first page, the page after the cursor ``older``
    or the page before the cursor ``newer``; one query (per_page + 1 rows tell whether there is
    more)."""
    after, before = parse_cursor(older), parse_cursor(newer)
    if before and not after:
        moment, pk = before
        rows = list(queryset.filter(**{f"{field}__gte": moment})
                    .filter(Q(**{f"{field}__gt": moment}) | Q(pk__gt=pk))
                    .order_by(field, "pk")[:per_page + 1])
        if not rows:  # nothing newer (a cursor from the future): the newest page
            return newest_first(queryset, per_page=per_page, field=field)
        return _page(rows[:per_page][::-1], field, newer=len(rows) > per_page, older=True)
    if after:
        moment, pk = after
        queryset = (queryset.filter(**{f"{field}__lte": moment})
                    .filter(Q(**{f"{field}__lt": moment}) | Q(pk__lt=pk)))
    rows = list(queryset.order_by(f"-{field}", "-pk")[:per_page + 1])
    return _page(rows[:per_page], field, newer=bool(after), older=len(rows) > per_page)


def _page(lines, field, *, newer, older):
    if not lines:
        return KeysetPage(lines)
    return KeysetPage(lines, newer=cursor_of(lines[0], field) if newer else "",
                      older=cursor_of(lines[-1], field) if older else "")
