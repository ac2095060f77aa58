"""Headless Chromium: each demo role signs in and sees its home page."""

import pytest

from tests.conftest import screenshot, sign_in, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME_SECTIONS = {
    "head": "Решения, которые ждут руководителя",
    "staff": "Очереди работы проектного офиса",
    "expert": "Моя экспертиза",
    "expert2": "Моя экспертиза",
    "team": "Команда моей организации",
    "team2": "Команда моей организации",
}


def test_each_demo_role_signs_in_and_sees_its_home(demo, page):
    for login, section in HOME_SECTIONS.items():
        sign_in_afresh(page, login, "demo")
        page.wait_for_url("**/home/")
        assert page.locator("h1").inner_text().startswith("Здравствуйте")
        assert page.get_by_role("heading", name=section).is_visible()
        screenshot(page, f"home-{login}")


def test_wrong_password_in_the_browser_keeps_the_login(demo, page):
    sign_in(page, "team", "wrong")
    assert page.get_by_text("Неверный логин или пароль").is_visible()
    assert page.get_by_label("Логин или e-mail").input_value() == "team"


def test_home_is_usable_at_375_px(demo, page):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "team", "demo")
    page.wait_for_url("**/home/")
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "home-team-375px")
    assert width <= 375
    page.get_by_role("button", name="Меню").click()
    page.get_by_role("button", name="Сеть").click()
    assert page.get_by_role("link", name="Организации").is_visible()
