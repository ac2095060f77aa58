"""The benchmark's walk over every page (reports/walk.py): no page of the URL resolver is
silently left out, and the demo gives an object to nearly every page that takes one."""

import pytest

from reports.walk import ACTIONS, PICKERS, SKIPPED_NAMESPACES, pages, url_names

pytestmark = pytest.mark.django_db


def test_the_walks_names_exist_in_the_resolver():
    names = dict(url_names())
    assert sorted(n for n in [*ACTIONS, *PICKERS] if n not in names) == []


def test_every_page_is_measured_or_said_why_not(demo):
    found, missing = pages()
    names = {n for n in dict(url_names()) if not n.startswith(SKIPPED_NAMESPACES)}
    assert {p.name for p in found} | set(missing) | ACTIONS == names
    # a page that takes an argument needs a picker; the demo lacks only uploaded files and
    # finished reports
    assert [n for n, why in missing.items() if "no representative object" in why] == []
    assert len(found) >= 80
    assert all(p.url.startswith("/") for p in found)
