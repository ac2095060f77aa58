"""axe-core on the main pages of every role at 1280 px and 375 px; keyboard; no inline scripts."""

import pytest

from tests.conftest import axe_violations, screenshot, settled, sign_in, sign_in_afresh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 375)
PUBLIC_PAGES = {"landing": "/", "sign-in": "/accounts/login/", "password-reset": "/accounts/password/reset/",
                "networks": "/network/networks/", "network": "/network/networks/chaikovskoe-metro/",
                "library": "/network/library/?q=методической+сети"}
# login: the pages that person opens
ROLE_PAGES = {
    "head": ["/home/", "/dashboard/?year=2022", "/dashboard/projects/?year=2022",
             "/accounts/audit/", "/accounts/notifications/", "/accounts/profile/"],
    "staff": ["/home/", "/accounts/notifications/", "/network/organisations/", "/initiatives/",
              "/reports/"],
    "expert": ["/home/", "/accounts/notifications/settings/", "/accounts/my-data/"],
    "expert2": ["/home/"],
    "team": ["/home/", "/accounts/notifications/", "/accounts/profile/", "/network/organisations/",
             "/initiatives/"],
    "team2": ["/home/", "/accounts/password/"],
}


def _check(pg, name, width, problems):
    pg.set_viewport_size({"width": width, "height": 900})
    settled(pg)
    slug = name.strip("/").replace("/", "-") or "landing"
    screenshot(pg, f"a11y-{slug}-{width}px")
    for v in axe_violations(pg):
        problems.append(f"{name} @{width}px: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}")
    if width == 375:
        scroll = pg.evaluate("document.documentElement.scrollWidth")
        if scroll > 375:
            problems.append(f"{name} @375px: horizontal scroll, {scroll} px wide")


def test_public_pages_have_no_serious_violations(demo, a11y_page):
    problems = []
    for name, path in PUBLIC_PAGES.items():
        a11y_page.goto(a11y_page.base_url + path)
        for width in WIDTHS:  # the loaded page at each width
            _check(a11y_page, name, width, problems)
    assert problems == []


def test_pages_of_every_role_have_no_serious_violations(demo, a11y_page):
    problems = []
    for login, paths in ROLE_PAGES.items():
        sign_in_afresh(a11y_page, login, "demo")
        a11y_page.wait_for_url("**/home/")
        for path in paths:
            a11y_page.goto(a11y_page.base_url + path)
            for width in WIDTHS:  # the loaded page at each width
                _check(a11y_page, f"{login}{path}", width, problems)
    assert problems == []


def test_consent_and_lockout_pages_have_no_serious_violations(demo, a11y_page):
    problems = []
    # a colleague of the demo has not yet accepted the consent text
    sign_in(a11y_page, "orlova", "demo", accept_consent=False)
    a11y_page.wait_for_url("**/accounts/consent/**")
    for width in WIDTHS:
        _check(a11y_page, "consent", width, problems)
    a11y_page.get_by_label("Я ознакомился", exact=False).check()
    a11y_page.get_by_role("button", name="Согласен", exact=True).click()
    a11y_page.wait_for_url("**/home/")
    a11y_page.context.clear_cookies()
    for _ in range(5):
        sign_in(a11y_page, "nobody-at-all", "wrong")
    assert a11y_page.get_by_role("heading", name="Вход временно приостановлен").is_visible()
    for width in WIDTHS:
        _check(a11y_page, "lockout", width, problems)
    assert problems == []


def test_tab_reaches_the_skip_link_and_the_main_navigation(demo, page):
    sign_in(page, "team", "demo")
    page.wait_for_url("**/home/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Перейти к содержанию")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(page.base_url + "/home/")
    labels = []
    for _ in range(6):
        page.keyboard.press("Tab")
        labels.append(page.evaluate(
            "document.activeElement.closest('nav[aria-label]')?.getAttribute('aria-label') + ': ' "
            "+ document.activeElement.textContent.trim()"))
    assert "Основная навигация: Сеть" in labels
    # Enter opens the focused menu, the arrows walk it, Enter follows the link
    while not page.evaluate("document.activeElement.textContent.trim()") == "Сеть":
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    for _ in range(5):
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.textContent.trim()") == "Организации":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/network/organisations/")


def test_no_page_breaks_the_content_security_policy(demo, page):
    """The real CSP stays on here: any inline script or handler would be refused and logged."""
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(page, "head", "demo")
    page.wait_for_url("**/home/")
    for path in ("/home/", "/accounts/notifications/", "/accounts/audit/", "/accounts/profile/",
                 "/network/organisations/", "/accounts/my-data/"):
        page.goto(page.base_url + path)
        settled(page)
    # htmx loaded the bell's count, so scripts from files do run
    # (the head's unread news of the demo's day, portfolio.demo.today and portfolio.demo.plan,
    # one of accounts.demo, and portfolio.demo.passport's request to agree a passport)
    assert page.locator("#notification-badge .badge").inner_text() == "22"
    assert refused == []
