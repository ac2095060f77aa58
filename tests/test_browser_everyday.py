"""Issue 26, looked at: what each person sees every day on the demo's day, at 1280 and 375 px,
with axe-core; the registry holds eight rows of the longest titles in the first 900 px and its
filters fold on a phone. Screenshots go to test-artifacts/screenshots/everyday-*.png."""

import datetime

import pytest
from django.utils import timezone

from expertise.models import ExpertAssignment
from initiatives.models import Initiative
from meetings.demo.today import TOPIC
from meetings.models import Meeting
from tests.conftest import axe_violations, screenshot, settled, sign_in, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 375)


def _look(pg, name, problems):
    for width in WIDTHS:
        pg.set_viewport_size({"width": width, "height": 900})
        settled(pg)
        screenshot(pg, f"everyday-{name}-{width}px")
        for v in axe_violations(pg):
            problems.append(f"{name} @{width}px: {v['id']} ({v['impact']}) {v['help']} "
                            f"{v['nodes']}")
        if width == 375 and pg.evaluate("document.documentElement.scrollWidth") > 375:
            problems.append(f"{name} @375px: horizontal scroll")


def _pages():
    """The pages of the demo's day, by who opens them."""
    card = Initiative.objects.get(title__startswith="Функциональная грамотность через "
                                                    "межпредметные")
    review = ExpertAssignment.objects.get(initiative=card, expert__username="expert")
    meeting = Meeting.objects.get(topic=TOPIC)
    return {
        "head": [("home", "/home/"), ("dashboard", "/dashboard/"),
                 ("meetings", "/meetings/"), ("meeting", meeting.get_absolute_url()),
                 ("agenda-item", f"/meetings/items/{meeting.items.first().pk}/"),
                 ("audit-log", "/accounts/audit/"), ("organisations", "/network/organisations/"),
                 ("networks", "/network/networks/")],
        "staff": [("home", "/home/"), ("registry", "/initiatives/"),
                  ("projects", "/initiatives/projects/"), ("card", card.get_absolute_url()),
                  ("notifications", "/accounts/notifications/")],
        "expert": [("home", "/home/"),
                   ("review", f"/initiatives/{review.initiative_id}/review/")],
        "expert2": [("home", "/home/")],
        "team": [("home", "/home/"), ("network", "/network/networks/cio-sosh-7/"),
                 ("library", "/network/library/")],
        "team2": [("home", "/home/")],
    }


def test_every_role_sees_its_day_and_axe_finds_nothing_serious(demo, a11y_page):
    pg, problems = a11y_page, []
    for login, pages in _pages().items():
        sign_in_afresh(pg, login, "demo")
        pg.wait_for_url("**/home/")
        for name, path in pages:
            pg.goto(pg.base_url + path)
            _look(pg, f"{login}-{name}", problems)
    assert problems == []


def test_every_home_shows_work_dated_within_two_weeks_of_the_day(demo, page):
    today = timezone.localdate()
    for login in ("head", "staff", "expert", "expert2", "team", "team2"):
        sign_in_afresh(page, login, "demo")
        page.wait_for_url("**/home/")
        text = page.locator("main").inner_text()
        dates = {datetime.datetime.strptime(d, "%d.%m.%Y").date() for d in
                 page.locator("main").evaluate(
                     "m => m.innerText.match(/\\d\\d\\.\\d\\d\\.\\d{4}/g) || []")}
        near = {d for d in dates if abs((d - today).days) <= 14}
        assert near, (login, sorted(dates))
        settled(page)
        unread = page.locator("#notification-badge .badge").inner_text().strip()
        assert text.strip() and unread.isdigit() and int(unread) > 0, (login, unread)


def test_the_registry_shows_eight_rows_of_the_longest_titles_in_900_px(demo, page):
    longest = sorted(Initiative.objects.values_list("pk", "title"), key=lambda r: -len(r[1]))[:12]
    Initiative.objects.filter(pk__in=[pk for pk, _t in longest]).update(
        updated_at=timezone.now() + datetime.timedelta(days=1))  # first in the default order
    sign_in(page, "staff", "demo")
    page.goto(page.base_url + "/initiatives/")
    settled(page)
    screenshot(page, "everyday-registry-longest-1280px")
    rows = page.locator("table.registry tbody tr")
    boxes = [rows.nth(i).bounding_box() for i in range(rows.count())]
    visible = [b for b in boxes if b["y"] + b["height"] <= 900]
    assert len(visible) >= 8, [round(b["y"]) for b in boxes[:10]]
    first_titles = [rows.nth(i).locator("td.col-title a").get_attribute("title")
                    for i in range(8)]
    assert {t for _pk, t in longest[:8]} <= set(page.locator(
        "table.registry td.col-title a").evaluate_all("els => els.map(e => e.title)"))
    # clamped to two lines, the whole title on hover
    heights = page.locator("table.registry td.col-title a").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height / "
        "parseFloat(getComputedStyle(e).lineHeight))")
    assert max(heights) <= 2.05, heights
    assert all(first_titles)
    # the header stays in view while the list scrolls
    page.mouse.wheel(0, 1200)
    page.wait_for_function("() => window.scrollY > 600")
    top = page.locator("table.registry thead th").first.bounding_box()["y"]
    assert -1 <= top <= 1, top


def test_on_a_phone_the_filters_fold_and_a_row_is_a_card(demo, page):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "staff", "demo")
    page.goto(page.base_url + "/initiatives/?state=under_review&state=resubmitted")
    settled(page)
    button = page.get_by_role("button", name="Фильтры")
    assert button.is_visible()
    assert button.locator(".badge").inner_text() == "1"  # one filter set: the states
    assert not page.locator("form#filters").is_visible()
    first = page.locator("table.registry tbody tr").first
    assert first.bounding_box()["y"] < 400
    assert first.locator("td.col-org").is_visible() and first.locator("td.col-due").is_visible()
    assert not page.locator("table.registry thead").is_visible() or \
        page.locator("table.registry thead").bounding_box()["height"] <= 1
    screenshot(page, "everyday-registry-phone-375px")
    button.click()
    page.locator("form#filters").wait_for(state="visible")
    assert page.get_by_text("Ещё фильтры").is_visible()
    screenshot(page, "everyday-registry-phone-filters-375px")
