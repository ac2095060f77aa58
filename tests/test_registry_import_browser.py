"""Headless Chromium: office staff bring a registry file in — the preview row by row (a new
row, an unknown organisation with a link to add it), the confirm, the initiatives written."""

import io

import pytest
from openpyxl import Workbook

from initiatives.models import Initiative
from tests.conftest import screenshot, sign_in
from tests.factories import PASSWORD, DirectionFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADERS = ["Название", "Организация", "Направление", "Учебный год", "Состояние",
           "Руководитель проекта", "Дата начала", "Дата окончания"]


def _xlsx(rows):
    wb = Workbook()
    wb.active.append(HEADERS)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_staff_preview_and_confirm_a_registry_file(world, page):
    OrganisationFactory(short_name="МАОУ «Гимназия»")
    DirectionFactory(name="Методическое сопровождение")
    content = _xlsx([
        ["Образовательный лифт", "МАОУ «Гимназия»", "Методическое сопровождение", "2021/2022",
         "завершена", "Петрова Анна Ивановна", "01.09.2021", "31.05.2022"],
        ["Миссия выполнима", "МБОУ СОШ № 99", "", "2021/2022", "закрыта", "", "", ""],
    ])
    sign_in(page, "staff", PASSWORD)
    page.goto(page.base_url + "/initiatives/")
    page.get_by_role("link", name="Реестр из файла").click()
    page.wait_for_url("**/initiatives/import/")
    page.get_by_label("Файл реестра (XLSX или CSV)").set_input_files(files=[{
        "name": "реестр 2021.xlsx", "buffer": content,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.get_by_role("button", name="Показать, что вносит файл").click()
    page.wait_for_load_state()
    rows = page.locator("#preview-rows tbody tr")
    assert rows.count() == 2
    assert "новая" in rows.nth(0).inner_text()
    assert "В портале нет организации «МБОУ СОШ № 99»; сначала добавьте её." in (
        rows.nth(1).inner_text())
    assert page.get_by_role("link", name="Добавить организации").is_visible()
    screenshot(page, "registry-import-preview")
    assert not Initiative.objects.filter(title="Образовательный лифт").exists()
    page.get_by_role("button", name="Внести 1 замысел").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Образовательный лифт").is_visible()
    screenshot(page, "registry-import-done")
    initiative = Initiative.objects.get(title="Образовательный лифт")
    page.get_by_role("link", name="Образовательный лифт").click()
    page.wait_for_load_state()
    assert "внесена из файла" in page.content()
    assert initiative.team.get().outside_name == "Петрова Анна Ивановна"
