"""Headless Chromium: the Gantt chart of a plan of 200 lines scrolls inside its own box at
375 px while the page does not; screenshots at 1280 and 375 px (issue 25)."""

import datetime
from datetime import date as D

import pytest

from portfolio.models import PlanItem, ProjectRole
from tests.conftest import plan_xlsx, screenshot, sign_in, sign_in_afresh
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
    box.evaluate("box => box.scrollLeft = 200")
    box.scroll_into_view_if_needed()
    assert box.evaluate("box => box.scrollLeft") == 200
    page.screenshot(path=str(screenshot(page, "plan-gantt-375")), full_page=False)


def test_staff_give_roles_the_administrator_keeps_the_plan_the_office_accepts(world, page):
    project = ProjectFactory(organisation=world.own_org, title="Проект «Сетевая школа»",
                             starts_on=D(2026, 9, 1), ends_on=D(2027, 5, 31))
    url = page.base_url + f"/portfolio/projects/{project.pk}/plan/"
    # staff give the project its administrator (a person of the school) and invite a curator
    sign_in(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(url)
    page.get_by_text("Назначить куратора или администратора").click()
    page.locator("#id_role").select_option("administrator")
    page.get_by_label("Электронная почта").fill(world.team_own.email)
    page.get_by_role("button", name="Назначить").click()
    page.get_by_text("Роль назначена.").wait_for()
    page.get_by_text("Назначить куратора или администратора").click()
    page.locator("#id_role").select_option("curator")
    page.get_by_label("Электронная почта").fill("kurator@example.org")
    page.get_by_label("Должность").fill("начальник отдела управления образования")
    page.get_by_role("button", name="Назначить").click()
    page.get_by_text("Роль назначена.").wait_for()
    page.get_by_text("kurator@example.org").wait_for()
    assert ProjectRole.objects.filter(initiative=project).count() == 2
    # a second curator is refused beside the field, the typed e-mail kept
    page.get_by_text("Назначить куратора или администратора").click()
    page.locator("#id_role").select_option("curator")
    page.get_by_label("Электронная почта").fill("another@example.org")
    page.get_by_role("button", name="Назначить").click()
    page.get_by_text("у роли один исполнитель").wait_for()
    assert page.get_by_label("Электронная почта").input_value() == "another@example.org"
    # the administrator adds a point (outside the dates first), then five from a file
    sign_in_afresh(page, "team_own", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(url)
    page.get_by_text("Добавить мероприятие или контрольную точку").click()
    page.locator("#id_kind").select_option("point")
    page.get_by_label("Мероприятие или контрольная точка").fill("Сеть создана")
    page.get_by_label("Проверяемый результат").fill("Соглашение о сети подписано")
    page.get_by_label("Плановый срок (окончание)").fill("2027-08-01")
    page.get_by_role("button", name="Добавить в план").click()
    page.get_by_text("Дата 01.08.2027 вне сроков проекта 01.09.2026 – 31.05.2027.").wait_for()
    assert page.get_by_label("Мероприятие или контрольная точка").input_value() == "Сеть создана"
    page.get_by_label("Плановый срок (окончание)").fill("2026-10-15")
    page.get_by_role("button", name="Добавить в план").click()
    page.get_by_text("Пункт добавлен в план.").wait_for()
    page.get_by_role("link", name="Внести план из файла XLSX").click()
    rows = [[str(n), "Контрольная точка", f"Точка из файла {n}", f"Результат {n}", "Приказ", "",
             f"{n} ноября 2026 г."] for n in range(1, 6)]
    page.get_by_label("Таблица (XLSX или CSV)").set_input_files(files=[{
        "name": "план.xlsx", "mimeType": "application/octet-stream",
        "buffer": plan_xlsx(rows)}])
    page.get_by_role("button", name="Показать предварительный просмотр").click()
    page.get_by_role("button", name="Подтвердить импорт").click()
    page.get_by_role("heading", name="Календарный план").wait_for()
    assert PlanItem.objects.filter(initiative=project).count() == 6
    screenshot(page, "plan-administrator")
    # the team marks a point done: a file of the wrong kind is refused, a PDF is taken
    point = PlanItem.objects.get(title="Сеть создана")
    row = page.locator(f"#item-{point.pk} + tr")
    row.get_by_label("Дата выполнения").fill("2026-10-14")
    row.get_by_label("Подтверждающий документ").set_input_files(files=[{
        "name": "приказ.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 not a pdf"}])
    row.get_by_role("button", name="Отметить выполненной").click()
    page.get_by_text("не является файлом PDF", exact=False).first.wait_for()
    screenshot(page, "plan-evidence-refused")
    row = page.locator(f"#item-{point.pk} + tr")
    assert row.get_by_label("Дата выполнения").input_value() == "2026-10-14"  # kept
    row.get_by_label("Подтверждающий документ").set_input_files(files=[{
        "name": "приказ.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%test\n"}])
    row.get_by_role("button", name="Отметить выполненной").click()
    page.get_by_text("Контрольная точка отмечена выполненной").wait_for()
    sign_in_afresh(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(url)
    page.locator(f"#item-{point.pk} + tr").get_by_role("button", name="Принять").click()
    page.get_by_text("Решение зафиксировано.").wait_for()
    point.refresh_from_db()
    assert point.status == "accepted"
