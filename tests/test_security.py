"""Security hardening: sign-in limits, passwords, sanitising, CSP and production headers,
the audit log page."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.enums import AuditAction, OfficeRole
from accounts.models import AuditRecord
from accounts.templatetags.portal import rich_text, sanitize
from accounts.views import AuditLogView
from tests.factories import PASSWORD, UserFactory, person_with_roles
from tests.test_settings import PRODUCTION, ROOT, manage

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def test_five_wrong_passwords_pause_the_login_from_that_address_with_a_russian_page(client):
    UserFactory(username="kuznetsova")
    for _ in range(4):
        assert _sign_in(client, "kuznetsova", "wrong").status_code == 200
    locked = _sign_in(client, "kuznetsova", "wrong")
    html = locked.content.decode()
    assert locked.status_code == 429
    assert "Вход временно приостановлен" in html
    assert "Пароль введён неверно 5 раз подряд" in html
    # even the right password waits now, from this address
    assert _sign_in(client, "kuznetsova", PASSWORD).status_code == 429
    # another address is not locked
    assert _sign_in(client, "kuznetsova", PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_successful_sign_in_resets_the_failures(client):
    UserFactory(username="popov")
    for _ in range(4):
        _sign_in(client, "popov", "wrong")
    assert _sign_in(client, "popov", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _sign_in(client, "popov", "wrong").status_code == 200


def test_password_validators_answer_in_russian(client):
    person = UserFactory(username="ivanov")
    client.force_login(person)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"})
    errors = response.context["form"].errors["new_password2"]
    assert errors == [
        "Введённый пароль слишком широко распространён.",
        "Введённый пароль состоит только из цифр.",
    ]
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "ivanov1", "new_password2": "ivanov1"})
    assert response.context["form"].errors["new_password2"] == [
        "Введённый пароль слишком похож на имя пользователя.",
        "Введённый пароль слишком короткий. Он должен состоять из как минимум 8 символов.",
    ]


def test_session_ends_with_the_browser_and_after_eight_hours(settings):
    assert (settings.SESSION_EXPIRE_AT_BROWSER_CLOSE, settings.SESSION_IDLE_SECONDS) == (True, 8 * 3600)


# --- user text as HTML -------------------------------------------------------------------------------


def test_sanitize_keeps_the_allow_list_and_drops_scripts_and_handlers():
    dirty = ('<p onclick="x()">Итоги <strong>года</strong><script>alert(1)</script></p>'
             '<a href="javascript:alert(1)">ссылка</a><img src=x onerror=alert(1)>'
             '<a href="https://example.org">сайт</a><style>body{}</style>')
    assert sanitize(dirty) == (
        '<p>Итоги <strong>года</strong></p><a rel="noopener noreferrer nofollow">ссылка</a>'
        '<a href="https://example.org" rel="noopener noreferrer nofollow">сайт</a>')


def test_rich_text_escapes_plain_text_and_links_urls():
    assert rich_text("<script>alert(1)</script>\n\nсм. https://example.org") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n\n<p>см. "
        '<a href="https://example.org" rel="noopener noreferrer nofollow">https://example.org</a></p>')


# --- headers ------------------------------------------------------------------------------------------------


def test_csp_header_forbids_inline_scripts(client):
    csp = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert (directives["object-src"], directives["frame-ancestors"]) == ("'none'", "'none'")


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
# no collectstatic in the test run: plain static storage instead of the manifest
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
c = Client(HTTP_HOST="office.example.org")
plain = c.get("/")
secure = c.get("/accounts/login/", secure=True)
print(json.dumps({"plain": [plain.status_code, plain.get("Location")],
                  "headers": dict(secure.headers),
                  "cookies": {k: dict(v) for k, v in secure.cookies.items()}}))
"""


def test_production_response_headers():
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    env = {**clean, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "project_office.settings"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout.strip().splitlines()[-1])
    headers = got["headers"]
    assert got["plain"] == [301, "https://office.example.org/"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert (headers["X-Content-Type-Options"], headers["Referrer-Policy"], headers["X-Frame-Options"]) == (
        "nosniff", "same-origin", "DENY")
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    csrf = got["cookies"]["csrftoken"]
    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")


def test_check_deploy_is_clean_with_the_new_apps():
    result = manage("check", "--deploy", env=PRODUCTION)
    assert (result.returncode, result.stdout.strip()) == (
        0, "System check identified no issues (0 silenced).")


def test_no_inline_scripts_or_event_handlers_in_templates():
    offending = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for bad in ("<script>", "<script type=", " onclick=", " onload=", " onchange=", " onsubmit=",
                    "javascript:"):
            if bad in text:
                offending.append(f"{path.relative_to(ROOT)}: {bad.strip()}")
    assert offending == []


# --- the audit log page ------------------------------------------------------------------------------------


@pytest.fixture
def head(db):
    return person_with_roles(OfficeRole.OFFICE_HEAD)


@pytest.mark.parametrize("n", [1, 3])
def test_audit_log_query_count(n, head, client, django_assert_num_queries):
    for _ in range(n):
        audit.record(UserFactory(), actor=UserFactory(), action=AuditAction.PROFILE_UPDATED)
    client.force_login(head)
    # session, user, roles (permission and nav), object types (filter), the page (no count:
    # keyset pages)
    with django_assert_num_queries(4):
        response = client.get(reverse("accounts:audit_log"))
    assert len(response.context["records"]) == n


def test_audit_log_filters_by_actor_action_type_and_date_and_shows_exports(head, client):
    person = UserFactory(last_name="Проверочная-Журнальная")
    client.force_login(person)
    client.post(reverse("accounts:personal_data"))
    audit.record(head, actor=head, action=AuditAction.ROLE_GRANTED, to_value="office_head")
    client.force_login(head)
    url = reverse("accounts:audit_log")
    rows = client.get(url, {"action": "data_exported"}).context["records"]
    assert [(r.action, r.actor) for r in rows] == [("data_exported", person)]
    response = client.get(url, {"actor": "Проверочная-Журнальная"})
    assert [r.actor for r in response.context["records"]] == [person]
    assert "выгружены персональные данные" in response.content.decode()
    assert client.get(url, {"date_from": "9999-12-31"}).context["records"].__len__() == 0
    assert len(client.get(url, {"date_to": "31.12.9999"}).context["records"]) == 2
    response = client.get(url, {"date_from": "not a date", "action": "nonsense"})
    assert response.status_code == 200
    assert response.context["filter"].form.errors["date_from"] == ["Введите правильную дату."]


def test_audit_log_pages_by_key_through_lines_of_one_moment(head, client, monkeypatch,
                                                           django_assert_num_queries):
    """Keyset pages (accounts/keyset.py): every line once, newest first, even when many lines
    share a moment; back to newer pages; a deep page costs the same queries; a bad cursor shows
    the newest page."""
    subject = UserFactory()
    for _ in range(7):
        audit.record(subject, actor=head, action=AuditAction.PROFILE_UPDATED)
    # five lines of one moment, across a page boundary
    AuditRecord.objects.filter(pk__in=list(AuditRecord.objects.order_by("-pk")
                                           .values_list("pk", flat=True)[:5])).update(
        at=timezone.now() - datetime.timedelta(days=1))
    expected = list(AuditRecord.objects.order_by("-at", "-pk").values_list("pk", flat=True))
    client.force_login(head)
    url = reverse("accounts:audit_log")
    monkeypatch.setattr(AuditLogView, "per_page", 3)
    seen, pages, params = [], [], {}
    while True:
        with django_assert_num_queries(4):
            response = client.get(url, params)
        if not pages:
            assert "Более ранние" in response.content.decode()
        page = response.context["keyset"]
        pages.append(page)
        seen += [line.pk for line in page.lines]
        if not page.older:
            break
        params = {"older": page.older}
    assert seen == expected
    assert len(pages) == -(-len(expected) // 3) and not pages[0].newer and pages[-1].newer
    back = client.get(url, {"newer": pages[2].newer}).context["keyset"]
    assert [line.pk for line in back.lines] == [line.pk for line in pages[1].lines]
    for bad in ("x", "2026-01-01T00:00:00_1", "2026-01-01T00:00:00+00:00_-5", "_", "9" * 40,
                "2999-01-01T00:00:00+00:00_1"):
        response = client.get(url, {"older": bad} if bad.startswith("x") else {"newer": bad})
        assert response.status_code == 200
        assert [line.pk for line in response.context["records"]] == expected[:3]


def test_htmx_posts_need_the_csrf_token_from_the_body_header():
    from django.test import Client

    from tests.factories import NotificationFactory

    row = NotificationFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(row.recipient)
    page = client.get(reverse("accounts:notifications"))
    token = page.context["csrf_token"]
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\'' in page.content.decode()
    url = reverse("accounts:notification_read", args=[row.pk])
    assert client.post(url, HTTP_HX_REQUEST="true").status_code == 403
    assert client.post(url, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=str(token)).status_code == 200


def test_beat_schedule_names_registered_tasks(settings):
    from project_office.celery import app

    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == {"accounts.tasks.send_daily_digests", "accounts.tasks.resend_pending_emails",
                     "network.tasks.compute_network_health", "network.tasks.send_event_reminders",
                     "initiatives.tasks.remind_reviews", "reports.tasks.requeue_waiting_reports",
                     "initiatives.tasks.remind_progress_reports",
                     "portfolio.tasks.remind_control_points",
                     "initiatives.tasks.remind_call_deadlines"}
    assert tasks <= set(app.tasks)
