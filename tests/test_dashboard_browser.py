"""The head on the dashboard in Chromium: the period selector and a number followed to its list."""

import re

import pytest

from tests.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_head_picks_a_year_and_follows_a_number_to_its_list(demo, page):
    sign_in(page, "head", "demo")
    page.wait_for_url("**/home/")
    page.get_by_role("link", name="Открыть панель показателей офиса").click()
    page.wait_for_url("**/dashboard/")
    page.get_by_role("combobox", name="Период").select_option("2022")  # sends the form by itself
    page.wait_for_url("**/dashboard/?year=2022")
    screenshot(page, "dashboard-head-2022")
    functions = page.locator(".functions-table tbody tr")
    assert functions.count() == 13
    link = page.locator('a[data-metric="projects"]').first
    number = int(link.inner_text())
    link.click()
    page.wait_for_url(re.compile(r".*/dashboard/projects/\?year=2022&value=\d+"))
    screenshot(page, "dashboard-projects-of-a-direction")
    assert page.locator("table.metric-rows tbody tr").count() == number
    assert page.get_by_role("heading", level=1).inner_text().startswith(
        "Проекты периода по направлениям: ")
