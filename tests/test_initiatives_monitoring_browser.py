"""Headless Chromium: the team enters a fact with a wrong value, corrects it; staff see the
registry (issue 6)."""

import pytest

from portfolio.models import IndicatorActual
from tests.conftest import monitoring_world, screenshot, sign_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_team_corrects_a_wrong_value_and_the_office_sees_the_chart(world, page):
    monitoring_world(world)
    sign_in(page, "team_own", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + f"/initiatives/{world.project.pk}/monitoring/")
    page.get_by_label("Показатель и период").select_option(str(world.indicator_plan.pk))
    page.get_by_label("Фактическое значение").fill("пятьдесят")
    page.get_by_label("Дата измерения").fill("2021-12-20")
    page.get_by_label("Или ссылка на подтверждение").fill("https://example.org/spravka")
    page.get_by_role("button", name="Направить в проектный офис").first.click()
    page.get_by_text("Введите число.").wait_for()
    assert page.get_by_label("Или ссылка на подтверждение").input_value() == (
        "https://example.org/spravka")
    screenshot(page, "monitoring-wrong-value")
    page.get_by_label("Фактическое значение").fill("48,5")
    page.get_by_role("button", name="Направить в проектный офис").first.click()
    page.get_by_text("Фактическое значение направлено в проектный офис.").wait_for()
    assert IndicatorActual.objects.filter(value="48.5").count() == 1
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "monitoring-375")


def test_staff_see_the_registry_with_health(world, page):
    monitoring_world(world)
    sign_in(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + "/initiatives/projects/")
    page.get_by_role("link", name="Проект в работе").wait_for()
    screenshot(page, "portfolio-registry")
