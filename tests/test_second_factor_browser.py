"""Headless Chromium: the office's staff member enrols an authenticator app after the password,
saves the recovery codes, and signs in again with a code; no CSP violation on the way."""

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from accounts.enums import OfficeRole
from tests.conftest import screenshot, sign_in, sign_in_afresh
from tests.factories import PASSWORD, person_with_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret):
    key = base64.b32decode(secret.replace(" ", ""))
    totp = TOTP(key, step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_staff_enrol_and_sign_in_with_a_code(page, settings):
    settings.OTP_EXEMPT_DEMO = False
    person_with_roles(OfficeRole.OFFICE_STAFF, username="lebedeva")
    violations = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)

    sign_in(page, "lebedeva", PASSWORD)
    assert "/accounts/second-factor/enrol/" in page.url
    screenshot(page, "second-factor-enrol")
    expect(page.get_by_role("heading", name="Включить второй фактор")).to_be_visible()
    qr = page.locator("figure.qr-code svg")
    expect(qr).to_be_visible()
    assert qr.evaluate("e => e.getBoundingClientRect().width") >= 150
    screenshot(page, "second-factor-enrol")
    secret = page.get_by_test_id("totp-secret").inner_text()

    page.get_by_role("textbox", name="Код").fill("000000")
    page.get_by_role("button", name="Подтвердить и включить").click()
    expect(page.get_by_text("Код не подходит")).to_be_visible()
    assert page.get_by_test_id("totp-secret").inner_text() == secret  # the same key, nothing lost

    page.get_by_role("textbox", name="Код").fill(code_for(secret))
    page.get_by_role("button", name="Подтвердить и включить").click()
    page.wait_for_url("**/second-factor/codes/**")
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "second-factor-recovery-codes")
    page.get_by_role("link", name="Я сохранил(а) коды").click()
    page.goto(page.base_url + "/dashboard/")
    assert "/dashboard/" in page.url

    # a new sign-in asks for the code; a wrong one is refused, a recovery code lets in
    sign_in_afresh(page, "lebedeva", PASSWORD)
    assert "/accounts/second-factor/" in page.url
    screenshot(page, "second-factor-verify")
    page.get_by_role("textbox", name="Код").fill("111111")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_text("Код не подошёл")).to_be_visible()
    page.get_by_role("textbox", name="Код").fill(codes[0])
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/home/")
    page.goto(page.base_url + "/accounts/profile/")
    expect(page.get_by_text("Включён: после пароля портал спрашивает код")).to_be_visible()
    assert violations == []
