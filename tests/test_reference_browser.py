"""Headless Chromium: office staff keep the reference data from the «Справочники» menu — a
direction with projects is archived (its delete button is not offered), a criterion of a review
form that has reviews is changed (the change goes into the form's next version) and moved, a
duplicate meeting format is refused in Russian beside the field with the typed text kept."""

import pytest

from expertise.models import ReviewForm
from meetings.models import MeetingFormat
from tests.conftest import add_expertise, screenshot, sign_in
from tests.factories import (
    PASSWORD,
    ExpertAssignmentFactory,
    MeetingFormatFactory,
    submitted_review,
)


@pytest.fixture
def world(world):
    return add_expertise(world)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _menu(page, item):
    page.get_by_role("button", name="Справочники").or_(
        page.get_by_role("link", name="Справочники")).click()
    page.get_by_role("link", name=item).click()
    page.wait_for_load_state()


def test_staff_keep_the_reference_data_in_the_portal(world, page):
    direction = world.initiative.direction
    form = world.review_form
    submitted_review(ExpertAssignmentFactory(initiative=world.reviewed,
                                             expert=world.expert_other), form, [4, 4, 4])
    MeetingFormatFactory(name="стратегическая сессия")
    sign_in(page, "staff", PASSWORD)

    _menu(page, "Портфели и направления")
    row = page.locator("tr", has_text=direction.name)
    assert row.get_by_role("button", name=f"Удалить {direction.name}").count() == 0
    row.get_by_role("button", name=f"В архив {direction.name}").click()
    page.wait_for_load_state()
    assert page.locator(".alert", has_text="переведено в архив").count() == 1
    assert page.locator("tr", has_text=direction.name).get_by_text("в архиве").count() == 1
    screenshot(page, "reference-direction-archived")
    direction.refresh_from_db()
    assert direction.is_active is False

    _menu(page, "Формы экспертизы")
    page.get_by_role("link", name=form.name).first.click()
    page.get_by_role("link", name="Изменить «Критерий 2»").click()
    page.locator("#id_title").fill("Новизна замысла")
    page.locator("#id_scale_max").fill("10")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    v2 = ReviewForm.objects.get(name=form.name, version=2)
    assert page.url.endswith(v2.get_absolute_url())
    assert page.locator(".alert", has_text="новую версию 2").count() == 1
    page.get_by_role("button", name="Переместить «Новизна замысла» выше").click()
    page.wait_for_load_state()
    assert list(v2.criteria.order_by("order").values_list("title", flat=True)) == [
        "Новизна замысла", "Критерий 1", "Критерий 3"]
    assert list(form.criteria.order_by("order").values_list("title", flat=True)) == [
        "Критерий 1", "Критерий 2", "Критерий 3"]
    screenshot(page, "reference-review-form-new-version")

    _menu(page, "Форматы заседаний")
    page.get_by_role("link", name="Новый формат заседаний").click()
    page.locator("#id_name").fill("Стратегическая сессия")
    page.locator("#id_description").fill("Выработка целей сети на год.")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    assert page.locator("#error_1_id_name, .invalid-feedback").first.inner_text() == (
        "Формат заседаний с таким названием уже есть.")
    assert page.locator("#id_description").input_value() == "Выработка целей сети на год."
    screenshot(page, "reference-meeting-format-duplicate")
    assert MeetingFormat.objects.filter(name__iexact="стратегическая сессия").count() == 1
