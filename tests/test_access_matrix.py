"""The access matrix: every URL pattern of the portal, the answer each actor gets.

A URL pattern without a row fails ``test_every_url_pattern_has_a_row``. Every issue adds the
rows of its URLs. Actors: anonymous, a school team of the owning organisation, a school team of
another organisation, an assigned expert, an unassigned expert, office staff, the office head.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ACTORS

LOGIN = "login"  # a redirect to the sign-in page


def expect(anon, team_own, team_other, expert_assigned, expert_other, staff, head):
    return dict(zip(ACTORS, (anon, team_own, team_other, expert_assigned, expert_other, staff,
                             head), strict=True))


def everyone(code):
    return expect(code, code, code, code, code, code, code)


def signed_in(code):
    return expect(LOGIN, code, code, code, code, code, code)


def office(code=200, others=403):
    return expect(LOGIN, others, others, others, others, code, code)


def head_only(code=200):
    return expect(LOGIN, 403, 403, 403, 403, 403, code)


@dataclass
class Row:
    name: str
    expected: dict
    kwargs: object = None  # a function of the world giving the URL's kwargs
    method: str = "get"
    data: dict = field(default_factory=dict)


MATRIX = [
    # reports: public front page, home, health
    Row("landing", expect(200, 302, 302, 302, 302, 302, 302)),
    Row("home", signed_in(200)),
    Row("healthz", everyone(200)),
    # accounts
    Row("accounts:login", expect(200, 302, 302, 302, 302, 302, 302)),
    Row("accounts:logout", everyone(302), method="post"),
    Row("accounts:profile", signed_in(200)),
    Row("accounts:password_change", signed_in(200)),
    Row("accounts:password_reset", everyone(200)),
    Row("accounts:password_reset_done", everyone(200)),
    Row("accounts:password_reset_confirm", everyone(200),
        kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}),
    Row("accounts:person", signed_in(200), kwargs=lambda w: {"pk": w.team_own.pk}),
    # staff anonymise the leaver; the head then finds nobody to anonymise (404)
    Row("accounts:person_anonymise", expect(LOGIN, 403, 403, 403, 403, 302, 404),
        kwargs=lambda w: {"pk": w.leaver.pk}, method="post"),
    Row("accounts:consent", signed_in(200)),
    Row("accounts:personal_data", signed_in(200)),
    Row("accounts:personal_data", signed_in(200), method="post"),
    Row("accounts:notifications", signed_in(200)),
    Row("accounts:notification_badge", signed_in(200)),
    Row("accounts:notifications_read_all", signed_in(302), method="post"),
    Row("accounts:notification_read", expect(LOGIN, 302, 403, 403, 403, 403, 403),
        kwargs=lambda w: {"pk": w.notification.pk}, method="post"),
    Row("accounts:notification_settings", signed_in(200)),
    Row("accounts:audit_log", head_only(200)),
    # network: organisations
    Row("network:organisation_list", signed_in(200)),
    Row("network:organisation", signed_in(200), kwargs=lambda w: {"pk": w.own_org.pk}),
    # Django: language switch; the admin is for office staff only (its index stands for all)
    Row("set_language", everyone(302), method="post", data={"language": "ru", "next": "/"}),
    Row("admin:index", expect(302, 302, 302, 302, 302, 200, 302)),
]

# Django admin's own patterns are guarded by the admin site as a whole (admin:index row).
EXEMPT_NAMESPACES = ("admin:",)


def _url_names(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}" if p.name else f"{prefix}<unnamed {p.pattern}>"


def test_every_url_pattern_has_a_row():
    covered = {row.name for row in MATRIX}
    missing = sorted(
        n for n in set(_url_names())
        if n not in covered and not n.startswith(EXEMPT_NAMESPACES)
    )
    assert missing == []


def test_rows_name_existing_patterns():
    names = set(_url_names())
    assert sorted(row.name for row in MATRIX if row.name not in names) == []


@pytest.mark.parametrize("row", MATRIX, ids=lambda r: r.name)
def test_access(row, world, client):
    url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else None)
    got = {}
    for actor in ACTORS:
        client.logout()
        if actor != "anon":
            client.force_login(world.people[actor])
        response = getattr(client, row.method)(url, row.data)
        code = response.status_code
        if code == 302 and "/accounts/login/" in response["Location"] and row.expected[actor] == LOGIN:
            code = LOGIN
        got[actor] = code
    assert got == row.expected
