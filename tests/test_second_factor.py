"""The second factor (django-otp TOTP + recovery codes): required of the office, offered to the
others; enrolment confirmed by a code, codes used once, axes' lockout over the code step, the
head's reset, and the demo's exemption refused outside DEBUG."""

import datetime
import re
import time

import pytest
import time_machine
from django.core.checks import run_checks
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.enums import AuditAction, OfficeRole
from accounts.models import AuditRecord
from tests.factories import PASSWORD, person_with_roles
from tests.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 9, 0, 5, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _factor_required(settings):
    settings.OTP_EXEMPT_DEMO = False


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code_for(key_hex, at=None):
    totp = TOTP(bytes.fromhex(key_hex), step=30, t0=0, digits=6, drift=0)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():06d}"


def sign_in(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def enrol(client):
    """Walk the enrolment as a person does; returns the key and the recovery codes."""
    page = client.get(reverse("accounts:second_factor_enrol"))
    key = client.session["second_factor_key"]
    assert page.status_code == 200
    response = client.post(reverse("accounts:second_factor_enrol"), {"code": code_for(key)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<li>([a-z2-9]{10})</li>", codes_page.content.decode())
    return key, codes


def test_office_staff_must_enrol_before_any_page(client, clock):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, username="lebedeva")
    response = sign_in(client, "lebedeva")
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home["Location"].startswith(reverse("accounts:second_factor_enrol") + "?next=")
    assert client.get(reverse("dashboard")).status_code == 302
    # htmx requests are told where to go instead
    assert client.get(reverse("dashboard"), HTTP_HX_REQUEST="true")["HX-Redirect"].startswith(
        reverse("accounts:second_factor_enrol"))
    # ...but a fragment on the step's own page (the notification badge) is not sent round again
    badge = client.get(reverse("accounts:notification_badge"), HTTP_HX_REQUEST="true",
                       HTTP_HX_CURRENT_URL="http://testserver" + reverse("accounts:second_factor_enrol"))
    assert (badge.status_code, badge.has_header("HX-Redirect")) == (204, False)

    page = client.get(reverse("accounts:second_factor_enrol"))
    html = page.content.decode()
    assert "Включить второй фактор" in html
    assert re.search(r"<svg[^>]*>.*<path", html, re.S), "the QR code is inline SVG"
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    key = client.session["second_factor_key"]
    # a wrong code: a Russian message, nothing stored
    wrong = client.post(reverse("accounts:second_factor_enrol"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "Код не подходит" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=staff).count() == 0
    # the same page again keeps the key the phone has scanned
    client.get(reverse("accounts:second_factor_enrol"))
    assert client.session["second_factor_key"] == key

    done = client.post(reverse("accounts:second_factor_enrol"), {"code": code_for(key)})
    assert done["Location"].startswith(reverse("accounts:second_factor_codes"))
    codes_page = client.get(done["Location"])
    codes = re.findall(r"<li>([a-z2-9]{10})</li>", codes_page.content.decode())
    assert len(set(codes)) == 10
    assert sorted(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)) \
        == sorted(codes)
    # shown once
    assert client.get(reverse("accounts:second_factor_codes")).status_code == 302
    assert TOTPDevice.objects.get(user=staff).confirmed is True
    assert client.get(reverse("dashboard")).status_code == 200
    assert AuditRecord.objects.filter(object_id=str(staff.pk),
                                      action=AuditAction.SECOND_FACTOR_ENABLED).count() == 1


def test_an_abandoned_enrolment_leaves_no_factor(client, clock):
    person_with_roles(OfficeRole.OFFICE_HEAD, username="sokolova")
    sign_in(client, "sokolova")
    client.get(reverse("accounts:second_factor_enrol"))
    client.post(reverse("accounts:logout"))
    assert (TOTPDevice.objects.count(), StaticDevice.objects.count()) == (0, 0)
    sign_in(client, "sokolova")
    assert client.get(reverse("home"))["Location"].startswith(
        reverse("accounts:second_factor_enrol"))


def test_the_code_step_refuses_a_reused_code_and_accepts_the_next(client, clock):
    person_with_roles(OfficeRole.OFFICE_STAFF, username="staff1")
    sign_in(client, "staff1")
    key, _codes = enrol(client)
    client.post(reverse("accounts:logout"))
    clock.shift(31)

    sign_in(client, "staff1")
    assert client.get(reverse("home"))["Location"].startswith(
        reverse("accounts:second_factor_verify"))
    code = code_for(key)
    assert client.post(reverse("accounts:second_factor_verify"), {"code": code}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("accounts:logout"))

    # the same code again, within its window: refused
    sign_in(client, "staff1")
    again = client.post(reverse("accounts:second_factor_verify"), {"code": code})
    assert again.status_code == 200
    assert "Код не подошёл" in again.content.decode()
    assert client.get(reverse("home")).status_code == 302
    clock.shift(31)
    assert client.post(reverse("accounts:second_factor_verify"),
                       {"code": code_for(key)}).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_works_once(client, clock):
    person = person_with_roles(OfficeRole.OFFICE_STAFF, username="staff2")
    sign_in(client, "staff2")
    _key, codes = enrol(client)
    client.post(reverse("accounts:logout"))

    sign_in(client, "staff2")
    assert client.post(reverse("accounts:second_factor_verify"),
                       {"code": codes[0].upper()}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("accounts:logout"))
    sign_in(client, "staff2")
    used = client.post(reverse("accounts:second_factor_verify"), {"code": codes[0]})
    assert used.status_code == 200
    assert StaticToken.objects.filter(device__user=person).count() == 9
    assert AuditRecord.objects.filter(object_id=str(person.pk),
                                      action=AuditAction.RECOVERY_CODE_USED).count() == 1


def test_wrong_codes_past_the_limit_lock_the_sign_in(client, clock, settings):
    person = person_with_roles(OfficeRole.OFFICE_STAFF, username="staff3")
    sign_in(client, "staff3")
    key, _codes = enrol(client)
    client.post(reverse("accounts:logout"))
    clock.shift(31)
    sign_in(client, "staff3")
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        clock.shift(2)  # past django-otp's own short throttle
        assert client.post(reverse("accounts:second_factor_verify"), {"code": "123456"},
                           REMOTE_ADDR="10.0.0.1").status_code == 200
    clock.shift(2)
    locked = client.post(reverse("accounts:second_factor_verify"), {"code": "123456"},
                         REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Вход временно приостановлен" in html
    assert "Код введён неверно 5 раз подряд" in html
    assert AuditRecord.objects.filter(object_id=str(person.pk),
                                      action=AuditAction.SECOND_FACTOR_LOCKED).count() == 1
    # signed out; the password is refused from this address now, even the right one
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))
    assert sign_in(client, "staff3").status_code == 429
    clock.shift(31)
    assert TOTPDevice.objects.get(user=person).verify_token(code_for(key)) is True


def test_experts_are_offered_the_factor_and_may_switch_it_off(client, clock):
    expert = person_with_roles(OfficeRole.EXPERT, username="morozov")
    sign_in(client, "morozov")
    profile = client.get(reverse("accounts:profile"))
    assert profile.status_code == 200
    assert "Включить второй фактор" in profile.content.decode()
    _key, _codes = enrol(client)
    client.post(reverse("accounts:logout"))
    sign_in(client, "morozov")
    assert client.get(reverse("home"))["Location"].startswith(
        reverse("accounts:second_factor_verify"))
    client.post(reverse("accounts:second_factor_verify"), {"code": _codes[1]})
    client.post(reverse("accounts:second_factor_disable"))
    assert (TOTPDevice.objects.filter(user=expert).count(),
            StaticDevice.objects.filter(user=expert).count()) == (0, 0)


def test_the_office_cannot_switch_its_factor_off(client, clock):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF, username="staff4")
    sign_in(client, "staff4")
    enrol(client)
    response = client.post(reverse("accounts:second_factor_disable"), follow=True)
    assert "не могут отключить второй фактор" in response.content.decode()
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_the_head_resets_a_lost_factor_and_the_person_enrols_again(client, clock):
    from django.test import Client

    staff = person_with_roles(OfficeRole.OFFICE_STAFF, username="staff5")
    their = Client()
    sign_in(their, "staff5")
    enrol(their)
    assert their.get(reverse("home")).status_code == 200

    head = person_with_roles(OfficeRole.OFFICE_HEAD, username="head1")
    sign_in(client, "head1")
    enrol(client)
    response = client.post(reverse("accounts:person_second_factor_reset", args=[staff.pk]))
    assert response.status_code == 302
    assert (TOTPDevice.objects.filter(user=staff).count(),
            StaticDevice.objects.filter(user=staff).count()) == (0, 0)
    record = AuditRecord.objects.get(object_id=str(staff.pk), action=AuditAction.SECOND_FACTOR_RESET)
    assert record.actor == head
    # their open session ended; at the next sign-in they enrol again
    assert their.get(reverse("home"))["Location"].startswith(reverse("accounts:login"))
    sign_in(their, "staff5")
    assert their.get(reverse("home"))["Location"].startswith(reverse("accounts:second_factor_enrol"))


def test_the_head_cannot_reset_their_own_factor(client, clock):
    head = person_with_roles(OfficeRole.OFFICE_HEAD, username="head2")
    sign_in(client, "head2")
    enrol(client)
    assert client.post(reverse("accounts:person_second_factor_reset",
                               args=[head.pk])).status_code == 403


def test_the_demo_exemption_lets_the_office_in_with_the_password(client, settings):
    settings.OTP_EXEMPT_DEMO = True
    person_with_roles(OfficeRole.OFFICE_STAFF, username="demo-staff")
    sign_in(client, "demo-staff")
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_demo_exemption_is_refused_without_debug(settings):
    settings.OTP_EXEMPT_DEMO, settings.DEBUG = True, False
    assert [e.id for e in run_checks() if e.id.startswith("accounts.")] == ["accounts.E001"]
    settings.DEBUG = True
    assert [e.id for e in run_checks() if e.id.startswith("accounts.")] == []


def test_production_refuses_the_demo_exemption():
    result = manage("check", env={**PRODUCTION, "OTP_EXEMPT_DEMO": "1"})
    assert result.returncode != 0
    assert "OTP_EXEMPT_DEMO is for the demo only" in result.stderr
