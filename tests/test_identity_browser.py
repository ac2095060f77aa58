"""Headless Chromium: the office head sets the office's identity and the header shows it."""

import pytest

from accounts.enums import OfficeRole
from tests.conftest import screenshot, settled, sign_in
from tests.factories import PASSWORD, person_with_roles
from tests.test_identity import FIELDS, png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOGO = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><script>alert(1)</script>'
        b'<rect width="64" height="64" rx="10" fill="#2a9d8f"/><circle cx="32" cy="32" r="14" '
        b'fill="#f1faee" onclick="alert(2)"/></svg>')


def test_the_head_sets_the_identity_and_the_header_shows_it(page, tmp_path):
    person_with_roles(OfficeRole.OFFICE_HEAD, username="head1")
    sign_in(page, "head1", PASSWORD)
    page.locator(".navbar .dropdown-toggle").last.click()
    page.get_by_role("link", name="Реквизиты проектного офиса").click()
    page.wait_for_url("**/accounts/office/")
    assert page.locator(".navbar-brand").inner_text() == "Муниципальный проектный офис"
    for field, value in FIELDS.items():
        page.locator(f"#id_{field}").fill(value)
    gif = tmp_path / "logo.png"
    gif.write_bytes(png(fmt="GIF"))
    page.locator("#id_logo").set_input_files(str(gif))
    page.get_by_role("button", name="Сохранить").click()
    settled(page)
    error = page.locator("#id_logo").locator("xpath=..").inner_text()
    assert "по содержимому — GIF" in error
    assert page.locator("#id_place_name").input_value() == "Лесногорск"  # nothing typed is lost
    screenshot(page, "identity-logo-refused")
    svg = tmp_path / "logo.svg"
    svg.write_bytes(LOGO)
    page.locator("#id_logo").set_input_files(str(svg))
    page.get_by_role("button", name="Сохранить").click()
    settled(page)
    assert page.get_by_text("Реквизиты проектного офиса сохранены.").is_visible()
    assert page.locator(".navbar-brand").inner_text() == "Проектный офис Лесногорска"
    logo = page.locator(".navbar-brand img")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    footer = page.locator("footer").inner_text()
    assert "г. Лесногорск, ул. Школьная, 5" in footer and "тел. +7 (000) 111-22-33" in footer
    screenshot(page, "identity-saved")
