"""The embedded default (SQLite) folds case of every alphabet, not only ASCII.

SQLite's own LIKE, LOWER and UPPER know only the 26 Latin letters, so «школа» did not find
«Школа» in any search or autocomplete (Django's ``icontains`` is ``LIKE … ESCAPE '\\'`` there).
Every new SQLite connection gets Python's Unicode-aware versions of the three functions
(``connection_created``). PostgreSQL is not touched: its ILIKE and full-text search fold case.
"""

import re
from functools import lru_cache

from django.db.backends.signals import connection_created
from django.dispatch import receiver


@lru_cache(maxsize=512)
def _like_pattern(pattern: str, escape: str | None):
    """A LIKE pattern (% any run, _ one character, ``escape`` quoting the next one) as a regex."""
    parts, chars = [], iter(pattern)
    for ch in chars:
        if escape is not None and ch == escape:
            parts.append(re.escape(next(chars, "")))
        elif ch == "%":
            parts.append(".*")
        elif ch == "_":
            parts.append(".")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts), re.DOTALL)


def like(pattern, value, escape=None):
    """SQLite's ``value LIKE pattern [ESCAPE escape]``, case-insensitive in every alphabet."""
    if pattern is None or value is None:
        return None
    regex = _like_pattern(str(pattern).casefold(), escape)
    return regex.fullmatch(str(value).casefold()) is not None


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _upper(value):
    return value.upper() if isinstance(value, str) else value


@receiver(connection_created, dispatch_uid="accounts.sqlite_unicode_case")
def unicode_case_for_sqlite(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("like", 2, like, deterministic=True)
    raw.create_function("like", 3, like, deterministic=True)
    raw.create_function("lower", 1, _lower, deterministic=True)
    raw.create_function("upper", 1, _upper, deterministic=True)
