"""Headless Chromium: office staff import organisations from an XLSX: preview, then confirm."""


import pytest
from openpyxl import Workbook

from accounts.enums import OfficeRole
from network.models import Organisation
from tests.conftest import screenshot, sign_in
from tests.factories import PASSWORD, OrganisationFactory, person_with_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_import_organisations_with_a_preview(page, tmp_path):
    person_with_roles(OfficeRole.OFFICE_STAFF, username="staff")
    OrganisationFactory(short_name="МБОУ СОШ № 1", full_name="Старое наименование", inn="5920000025")
    book = Workbook()
    book.active.append(["ИНН", "Краткое наименование", "Полное наименование", "Тип"])
    book.active.append(["5920000025", "МБОУ СОШ № 1", "Средняя школа № 1", "МБОУ"])
    book.active.append(["5920000018", "МАОУ Гимназия", "Гимназия", "МАОУ"])
    book.active.append(["5920000019", "МБОУ СОШ № 2", "Школа № 2", "МБОУ"])
    path = tmp_path / "schools.xlsx"
    book.save(path)
    sign_in(page, "staff", PASSWORD)
    page.goto(page.base_url + "/network/organisations/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Показать предварительный просмотр").click()
    page.wait_for_load_state()
    screenshot(page, "organisations-import-errors")
    assert page.get_by_text("У ИНН 5920000019 неверная контрольная цифра", exact=False).is_visible()
    assert page.get_by_role("button", name="Подтвердить импорт").count() == 0
    book.active.delete_rows(4)
    book.save(path)
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Показать предварительный просмотр").click()
    page.wait_for_load_state()
    screenshot(page, "organisations-import-preview")
    assert Organisation.objects.count() == 1
    page.get_by_role("button", name="Подтвердить импорт").click()
    page.wait_for_url("**/network/organisations/")
    screenshot(page, "organisations-imported")
    assert page.get_by_text("Импорт выполнен: новых — 1, изменённых — 1, без изменений — 0.").is_visible()
    assert sorted(Organisation.objects.values_list("short_name", "full_name")) == [
        ("МАОУ Гимназия", "Гимназия"), ("МБОУ СОШ № 1", "Средняя школа № 1")]
