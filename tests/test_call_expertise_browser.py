"""The experts of a call are typed into a search box and kept when the page is saved."""

import pytest
from django.urls import reverse

from expertise import calls as call_expertise
from tests.conftest import screenshot, sign_in
from tests.factories import PASSWORD, CallFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_types_an_expert_of_the_call_and_saves_it(world, page):
    call = CallFactory()
    url = page.base_url + reverse("initiatives:call_expertise", kwargs={"pk": call.pk})
    sign_in(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(url)
    box = page.get_by_role("combobox", name="Эксперты приёма")
    box.click()
    box.press_sequentially(world.expert_other.last_name)
    page.get_by_role("option").filter(has_text=world.expert_other.full_name).first.click()
    page.get_by_role("button", name="Сохранить").click()
    page.get_by_text("Сохранено.").wait_for()
    assert [e.pk for e in call_expertise.of_call(call.pk).experts.all()] == [
        world.expert_other.pk]
    page.goto(url)
    assert page.locator(".ts-control .item").all_inner_texts() == [world.expert_other.full_name]
    screenshot(page, "call-expertise-typed-and-saved")
