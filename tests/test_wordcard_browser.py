"""Headless Chromium: a school team uploads its Word card, sees what was placed where,
confirms, edits the draft (moves the text not recognised) and submits it."""

import pytest

from initiatives.enums import InitiativeState
from initiatives.models import Initiative
from tests import wordcard_docs
from tests.conftest import screenshot, sign_in
from tests.factories import PASSWORD, IndicatorFactory, StrategyGoalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_team_uploads_its_word_card_confirms_edits_and_submits(world, page, tmp_path):
    goal = StrategyGoalFactory(title="Современная школа")
    card = tmp_path / "Проектный замысел.docx"
    card.write_bytes(wordcard_docs.with_extra_sections().getvalue())
    sign_in(page, "team_own", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + "/initiatives/new/")
    screenshot(page, "wordcard-new-initiative")
    page.get_by_label("Карточка в Word (.docx)").set_input_files(str(card))
    page.get_by_role("button", name="Прочитать карточку").click()
    page.wait_for_url("**/initiatives/word/**")

    # what was placed where, and what was not recognised; nothing is created yet
    assert page.locator("#row-problem td").inner_text().count(
        "Как только завершается реализация проекта") == 1
    assert page.locator("#row-goal th").inner_text().endswith("в карточке: Цель")
    assert "Уход ключевых участников сети." in page.locator("#unrecognised").inner_text()
    assert page.locator("#row-tasks li").count() == 6
    assert not Initiative.objects.filter(title="Проекный офис+. Неформальный подход").exists()
    screenshot(page, "wordcard-preview")

    page.get_by_role("button", name="Создать черновик").click()
    page.wait_for_url("**/edit/")
    initiative = Initiative.objects.get(title="Проекный офис+. Неформальный подход")
    assert page.get_by_label("Цель", exact=True).input_value().startswith(
        "выстраивание самоорганизующейся инновационной методической сети")
    screenshot(page, "wordcard-draft")

    # edit: move the risks into the problem analysis, clear the block, fill what Word lacks
    problem = page.get_by_label("Проблемный анализ ситуации")
    problem.fill(problem.input_value() + "\nРиски: уход ключевых участников сети.")
    page.get_by_label("Не распознано в карточке Word").fill("")
    IndicatorFactory(initiative=initiative)
    page.get_by_label("Направление управленческого портфеля").select_option(
        str(world.initiative.direction_id))
    page.get_by_label(goal.title, exact=True).check()
    page.locator('#completeness [data-section="strategy_goals"][data-filled="yes"]').wait_for()
    page.get_by_role("button", name="Подать в проектный офис").click()
    page.wait_for_url(f"**/initiatives/{initiative.pk}/")
    initiative.refresh_from_db()
    assert initiative.state == InitiativeState.SUBMITTED
    assert initiative.unrecognised == ""
    assert initiative.problem.endswith("Риски: уход ключевых участников сети.")
    assert page.locator("#unrecognised").count() == 0
    screenshot(page, "wordcard-submitted")
