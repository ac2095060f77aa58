"""Headless Chromium: a school team drafts, leaves, returns, attaches a PDF and submits."""

import pytest

from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from tests.conftest import screenshot, sign_in
from tests.factories import PASSWORD, IndicatorFactory, StrategyGoalFactory, TeamMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def test_a_team_drafts_leaves_returns_attaches_and_submits(world, page, tmp_path):
    goal = StrategyGoalFactory(title="Современная школа")
    sign_in(page, "team_own", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + "/initiatives/new/")
    page.get_by_label("Название").fill("Школа как пространство сетевого взаимодействия")
    page.get_by_role("button", name="Создать черновик").click()
    page.wait_for_url("**/edit/")
    card = Initiative.objects.get(title="Школа как пространство сетевого взаимодействия")

    # typing is saved by itself: the status line says so
    page.get_by_label("Краткая аннотация").fill("Сеть школ округа учится вместе.")
    page.get_by_label("Проблемный анализ ситуации").fill("Сети затихают, когда уходит автор.")
    page.get_by_text("Сохранено в").wait_for()
    screenshot(page, "initiative-autosaved")

    # leave and come back: everything typed is there
    page.goto(page.base_url + "/home/")
    page.goto(page.base_url + f"/initiatives/{card.pk}/edit/")
    assert page.get_by_label("Краткая аннотация").input_value() == "Сеть школ округа учится вместе."
    assert page.get_by_label("Проблемный анализ ситуации").input_value() == (
        "Сети затихают, когда уходит автор.")

    # fill the rest (team row, indicator and the other texts)
    TeamMemberFactory(initiative=card, person=world.team_own, is_leader=True)
    IndicatorFactory(initiative=card)
    page.reload()
    for label, text in [("Проектный замысел", "Школа как узел сети."), ("Цель", "Живая сеть."),
                        ("Задачи", "Собрать команду\nПровести события"),
                        ("Ожидаемые изменения в педагогах", "Экспертная позиция."),
                        ("Ожидаемые изменения в процессе", "Сеть без одного автора."),
                        ("Основной продукт", "Статья.")]:
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("Дата начала").fill("2022-09-01")
    page.get_by_label("Дата окончания").fill("2023-05-31")
    page.get_by_label("Направление управленческого портфеля").select_option(
        str(card.direction_id or world.initiative.direction_id))
    page.get_by_label(goal.title, exact=True).check()
    # the completeness panel turns green once the autosave has stored the last section
    page.locator('#completeness [data-section="strategy_goals"][data-filled="yes"]').wait_for()

    # attach a PDF
    pdf = tmp_path / "Паспорт проекта.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Приложить файл").set_input_files(str(pdf))
    page.get_by_role("button", name="Загрузить").click()
    page.get_by_text("Файл «Паспорт проекта.pdf» приложен.").wait_for()

    # submit, and see the state
    page.get_by_role("button", name="Подать в проектный офис").click()
    page.wait_for_load_state()
    screenshot(page, "initiative-submitted")
    page.wait_for_url(f"**/initiatives/{card.pk}/")
    assert page.locator("#state").inner_text() == "Состояние: подана"
    card.refresh_from_db()
    assert (card.state, card.versions.count(), card.attachments.count(), card.academic_year) == (
        InitiativeState.SUBMITTED, 1, 1, "2022/2023")


def test_a_refused_exe_says_why_in_the_browser(world, page, tmp_path):
    sign_in(page, "team_own", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + world.initiative.get_absolute_url())
    fake = tmp_path / "смета.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    page.get_by_label("Приложить файл").set_input_files(str(fake))
    page.get_by_role("button", name="Загрузить").click()
    page.get_by_text("не является файлом PDF").wait_for()
    assert page.locator(".alert-danger").inner_text().strip() == (
        "Файл «смета.pdf» не является файлом PDF: его содержимое — исполняемая программа.")


def test_the_card_is_usable_at_375_px(world, page):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "team_own", PASSWORD)
    page.wait_for_url("**/home/")
    for url in (world.initiative.get_absolute_url(), f"/initiatives/{world.initiative.pk}/edit/",
                "/initiatives/"):
        page.goto(page.base_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "initiative-list-375px")
