"""Headless Chromium: the Gantt chart of a plan of 200 lines scrolls inside its own box at
375 px while the page does not; screenshots at 1280 and 375 px (issue 25)."""

import datetime
from datetime import date as D

import pytest

from tests.conftest import screenshot, sign_in
from tests.factories import PASSWORD, ActivityFactory, PlanItemFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_plan_of_200_lines_scrolls_in_its_box_not_the_page(world, page):
    project = ProjectFactory(organisation=world.own_org, leader=world.team_own,
                             title="Проект с большим планом", starts_on=D(2025, 9, 1),
                             ends_on=D(2027, 5, 31))
    for i in range(100):
        ActivityFactory(initiative=project, title=f"Мероприятие {i + 1}",
                        planned_start=D(2025, 9, 1) + datetime.timedelta(days=3 * i),
                        planned_end=D(2025, 10, 1) + datetime.timedelta(days=3 * i))
        PlanItemFactory(initiative=project, title=f"Контрольная точка {i + 1}",
                        planned_end=D(2025, 10, 1) + datetime.timedelta(days=6 * i))
    sign_in(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + f"/portfolio/projects/{project.pk}/plan/")
    page.get_by_role("heading", name="Календарный план").wait_for()
    screenshot(page, "plan-gantt-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    widths = page.evaluate("""() => {
        const box = document.querySelector('.gantt-scroll');
        return {doc: document.documentElement.scrollWidth, view: window.innerWidth,
                box: box.clientWidth, chart: box.scrollWidth};
    }""")
    assert widths["doc"] <= widths["view"]  # the page does not scroll sideways
    assert widths["chart"] > widths["box"]  # the chart scrolls inside its own box
    box = page.locator(".gantt-scroll")
    box.evaluate("box => box.scrollLeft = 600")
    box.scroll_into_view_if_needed()
    assert box.evaluate("box => box.scrollLeft") == 600
    page.screenshot(path=str(screenshot(page, "plan-gantt-375")), full_page=False)
