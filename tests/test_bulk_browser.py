"""Headless Chromium (issue 24): office staff select ten submitted cards on the registry and
assign two experts to each in one action, seeing the plan row by row first; then write to the
selected teams, and the letters reach the outbox with the placeholders filled."""


import pytest
from django.core import mail

from expertise.models import ExpertAssignment
from initiatives.enums import InitiativeState
from tests.conftest import choose_experts, screenshot, sign_in
from tests.factories import PASSWORD, InitiativeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_assign_two_experts_to_ten_cards_and_write_to_their_teams(world, page):
    cards = [InitiativeFactory(organisation=world.own_org if n % 2 else world.other_org,
                               state=InitiativeState.SUBMITTED, title=f"Поданный замысел {n}",
                               leader=world.team_own)
             for n in range(1, 11)]
    first, second = world.expert_assigned, world.expert_other
    sign_in(page, "staff", PASSWORD)
    page.goto(page.base_url + "/initiatives/?state=submitted")
    page.get_by_label("Выбрать все строки на этой странице").check()
    assert page.locator("#bulk-count").inner_text() == "10"
    screenshot(page, "bulk-registry-selected")
    page.get_by_role("button", name="Действия с выбранными").click()
    page.get_by_role("button", name="Назначить экспертов").click()
    page.wait_for_load_state()
    assert "Эксперты могут быть назначены на 10 из 10" in page.content()
    # the experts are typed (the office has thousands): each one found shows their load
    choose_experts(page, [first, second])
    screenshot(page, "bulk-assign-experts-typed")
    page.get_by_role("button", name="Проверить построчно").click()
    page.wait_for_load_state()
    plan = page.get_by_test_id("bulk-plan")
    assert plan.locator("tbody tr").count() == 10
    assert plan.get_by_text("будет назначен(а)").count() == 20
    screenshot(page, "bulk-assign-plan")
    page.get_by_role("button", name="Подтвердить назначение").click()
    page.wait_for_load_state()
    assert "Выполнено: 10. Не выполнено: 0." in page.content()
    screenshot(page, "bulk-assign-done")
    assert ExpertAssignment.objects.filter(initiative__in=cards).count() == 20
    assert set(ExpertAssignment.objects.filter(initiative__in=cards).values_list(
        "expert_id", flat=True)) == {first.pk, second.pk}

    mail.outbox.clear()
    page.goto(page.base_url + "/initiatives/?state=submitted")
    page.get_by_label("Выбрать все строки на этой странице").check()
    page.get_by_role("button", name="Действия с выбранными").click()
    page.get_by_role("button", name="Написать командам").click()
    page.wait_for_load_state()
    assert "командам 10 из 10 выбранных замыслов" in page.content()
    page.get_by_label("Тема").fill("Замысел «{title}»: консультация")
    page.get_by_label("Текст").fill("Коллеги из {organisation}! Руководитель {leader}, "
                                    "карточка: {link}")
    page.get_by_role("button", name="Предпросмотр").click()
    page.wait_for_load_state()
    assert "Коллеги из МБОУ СОШ" in page.content()
    screenshot(page, "bulk-message-preview")
    page.get_by_role("button", name="Отправить").click()
    page.wait_for_load_state()
    assert "Выполнено: 10" in page.content()
    screenshot(page, "bulk-message-done")
    to_own = [m for m in mail.outbox if m.to == [world.team_own.email]]
    subjects = sorted(m.subject for m in to_own)
    assert "Проектный офис: Замысел «Поданный замысел 1»: консультация" in subjects
    letter = next(m for m in to_own if "«Поданный замысел 1»" in m.subject)
    assert f"Коллеги из {world.own_org.short_name}!" in letter.body
    assert f"Руководитель {world.team_own.full_name}" in letter.body
    assert f"/initiatives/{cards[0].pk}/" in letter.body
    assert "{" not in letter.body
