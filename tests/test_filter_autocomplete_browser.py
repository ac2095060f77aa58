"""Headless Chromium: the registry's leader filter is a search box (Tom Select) under the CSP."""

import pytest

from tests.conftest import axe_violations, screenshot, sign_in
from tests.factories import PASSWORD, InitiativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leaders(world):
    kuznetsova = UserFactory(last_name="Кузнецова", first_name="Анна", patronymic="Петровна")
    InitiativeFactory(organisation=world.other_org, leader=kuznetsova, title="Замысел Кузнецовой")
    InitiativeFactory(organisation=world.other_org, title="Замысел Смирнова",
                      leader=UserFactory(last_name="Смирнов", first_name="Пётр", patronymic=""))
    return kuznetsova


def _titles(pg):
    return sorted(pg.locator("table tbody td.col-title a").all_inner_texts())


def _height(pg, selector):
    return round(pg.locator(selector).evaluate("e => e.getBoundingClientRect().height"))


def test_type_part_of_a_leaders_name_pick_them_and_the_registry_filters(world, leaders, page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + "/initiatives/")
    assert "Замысел Смирнова" in _titles(page)
    # the leader is one of the filters behind «Ещё фильтры» (issue 26)
    page.get_by_text("Ещё фильтры").click()

    box = page.get_by_role("combobox", name="Руководитель проекта")
    box.click()
    box.press_sequentially("кузн")
    listbox = page.get_by_role("listbox", name="Руководитель проекта")
    option = listbox.get_by_role("option", name="Кузнецова Анна Петровна")
    option.wait_for()
    assert listbox.get_by_role("option").all_inner_texts() == ["Кузнецова Анна Петровна"]
    screenshot(page, "registry-autocomplete-open")
    option.click()
    # focused or not, the box is as high as the plain small selects: the button below does not
    # move under the pointer as the box loses focus (it did while the chosen name and the
    # search input wrapped onto two lines, and the first click missed)
    assert _height(page, "#id_leader + .ts-wrapper") == _height(page, "#id_direction")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url(lambda url: f"leader={leaders.pk}&" in url)
    assert _titles(page) == ["Замысел Кузнецовой"]
    # the chosen leader is shown in the box after the page reloads
    assert page.locator(".ts-control .item").all_inner_texts() == ["Кузнецова Анна Петровна"]
    assert _height(page, "#id_leader + .ts-wrapper") == _height(page, "#id_direction")

    # what matches nothing says so in Russian
    box = page.get_by_role("combobox", name="Назначенный эксперт")
    box.click()
    box.press_sequentially("яяяя")
    page.get_by_text("Ничего не найдено").wait_for()
    assert errors == []


def test_the_open_autocomplete_passes_axe_and_works_with_the_keyboard(world, leaders, a11y_page):
    sign_in(a11y_page, "staff", PASSWORD)
    a11y_page.wait_for_url("**/home/")
    a11y_page.goto(a11y_page.base_url + f"/initiatives/?leader={leaders.pk}")
    box = a11y_page.get_by_role("combobox", name="Организация")
    box.click()
    box.press_sequentially("сош")
    a11y_page.get_by_role("option", name="МБОУ СОШ № 1 (тест)").wait_for()
    assert axe_violations(a11y_page) == []
    # the keyboard alone: Enter takes the highlighted (first) match, a second Enter sends the form
    box.press("Enter")
    assert a11y_page.locator("#id_organisation").input_value() == str(world.other_org.pk)
    box.press("Enter")
    a11y_page.wait_for_url(lambda url: f"organisation={world.other_org.pk}&" in url)
    assert _titles(a11y_page) == ["Замысел Кузнецовой"]


def test_the_office_makes_a_card_for_a_school_it_types_and_finds_an_expert_by_name(world, page):
    """A region has thousands of schools and experts: the new card's organisation is found as
    one types, and the experts' page finds an expert beyond the best thirty by name."""
    from django.utils import timezone

    from accounts.enums import OfficeRole
    from accounts.models import User
    from initiatives.models import Initiative
    from tests.factories import person_with_roles

    for k in range(32):
        person_with_roles(OfficeRole.EXPERT, last_name=f"Кандидатов{k:02d}", first_name="Иван")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)
    sign_in(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + "/initiatives/new/")
    box = page.get_by_role("combobox", name="Организация")
    box.click()
    box.press_sequentially("сош 1")
    page.get_by_role("option", name="МБОУ СОШ № 1 (тест)").click()
    page.get_by_label("Название").fill("Школа читающих родителей")
    screenshot(page, "create-organisation-typed")
    page.get_by_role("button", name="Создать черновик").click()
    # the office does not edit a school's draft: it lands on the card, the school's team fills it
    page.wait_for_url("**/initiatives/*/")
    card = Initiative.objects.get(title="Школа читающих родителей")
    assert card.organisation == world.other_org
    assert "его заполняет команда МБОУ СОШ № 1 (тест)" in page.locator(".alert").inner_text()
    card.state, card.submitted_at = "submitted", timezone.now()
    card.save(update_fields=["state", "submitted_at"])

    page.goto(page.base_url + f"/initiatives/{card.pk}/experts/")
    assert page.locator("#suggestions tbody tr").count() == 30
    assert "Показаны первые 30" in page.locator("#suggestions-more").inner_text()
    page.get_by_label("Найти эксперта по фамилии или имени").fill("Кандидатов31")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_url("**q=*")
    assert page.locator("#suggestions tbody tr").all_inner_texts()[0].startswith(
        "Кандидатов31 Иван")
    found = User.objects.get(last_name="Кандидатов31")
    page.locator("#id_expert").select_option(str(found.pk))
    screenshot(page, "experts-found-by-name")
    page.get_by_role("button", name="Назначить").click()
    page.wait_for_url(f"**/initiatives/{card.pk}/experts/")
    assert card.expert_assignments.get().expert.last_name == "Кандидатов31"

    # the organisation records page through the region and find a school by name
    page.goto(page.base_url + "/initiatives/records/?q=сош+1")
    assert page.locator("table tbody tr").all_inner_texts()[0].startswith("МБОУ СОШ № 1 (тест)")
    screenshot(page, "records-found-by-name")
    # the product form's organisation is found as one types, like the new card's
    page.goto(page.base_url + "/network/library/new/")
    box = page.get_by_role("combobox", name="Организация")
    box.click()
    box.press_sequentially("сош 7")
    page.get_by_role("option", name="МБОУ СОШ № 7 (тест)").wait_for()
    screenshot(page, "product-organisation-typed")
    assert errors == []
