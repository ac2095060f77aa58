"""Issue 24, item 1, in a browser: staff open a call → a team puts its draft in it and sees the
time left → the deadline passes (time-machine moves the clock; the live server follows it) and
submitting is refused → staff extend the deadline for that team → it submits and gets its
receipt. Screenshots: test-artifacts/screenshots/calls-*.png."""

import datetime
import io

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from initiatives.enums import InitiativeState as S
from initiatives.models import Answer, Call, Initiative, SubmissionReceipt
from tests.conftest import make_world, screenshot, settled, sign_in_afresh
from tests.factories import PASSWORD, complete_initiative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = datetime.datetime(2027, 9, 20, 10, 0, tzinfo=datetime.UTC)


def as_person(pg, login):
    sign_in_afresh(pg, login, PASSWORD)


def add_two_questions(pg, direction):
    """On the call's page: a required long text «Ресурсы проекта», and a choice «Уровень сети»
    limited to ``direction``."""
    form = pg.locator("#question-form")
    form.locator("#id_kind").select_option("long_text")
    form.locator("#id_label").fill("Ресурсы проекта")
    form.locator("#id_required").check()
    form.get_by_role("button", name="Добавить вопрос").click()
    settled(pg)
    form = pg.locator("#question-form")
    form.locator("#id_kind").select_option("choice")
    form.locator("#id_label").fill("Уровень сети")
    form.locator("#id_options_text").fill("школьный\nмуниципальный")
    form.get_by_label(direction.name).check()
    form.get_by_role("button", name="Добавить вопрос").click()
    settled(pg)
    assert pg.locator("#question-list li").count() == 2


def draft_in_the_call_and_answer(pg, card, call, shot):
    """The team puts its draft in the call, sees the time left and answers the call's two
    questions (a short text and a choice); the answers save themselves."""
    pg.goto(pg.base_url + f"/initiatives/{card.pk}/edit/")
    pg.locator("#id_call").select_option(str(call.pk))
    pg.get_by_role("button", name="Выбрать").click()
    settled(pg)
    assert "осталось" in pg.locator("#time-left").inner_text()
    assert "Ресурсы проекта — нет ответа" in pg.locator("#call-completeness").inner_text()
    answers = pg.locator("#answers-form")
    answers.get_by_label("Ресурсы проекта").fill("Кадровые ресурсы двух школ")
    pg.wait_for_function("() => document.querySelector('#answers-status').innerText"
                         ".includes('Ответы сохранены')")
    # the panel beside the form follows the autosave without a reload
    assert "Ресурсы проекта — есть ответ" in pg.locator("#call-completeness").inner_text()
    # the choice is saved 200 ms after the change: wait for that request's answer, not for a
    # moment with no request running (on a busy machine that came before the request began)
    with pg.expect_response(lambda r: r.url.endswith(f"/answers/{card.pk}/")
                            and r.request.method == "POST"):
        answers.get_by_label("Уровень сети").select_option("муниципальный")
    settled(pg)
    screenshot(pg, shot)
    assert sorted(Answer.objects.filter(initiative=card).values_list("value", flat=True)) \
        == ["Кадровые ресурсы двух школ", "муниципальный"]


def test_a_call_from_opening_to_a_late_submission_under_an_extension(page):
    pg = page
    with time_machine.travel(START, tick=True) as clock:
        world = make_world()
        card = complete_initiative(world.own_org, leader=world.team_own,
                                   title="Школа полного дня: сетевой формат")
        # staff open the call: it closes at the end of 22.09.2027 (the office's time)
        as_person(pg, "staff")
        pg.goto(pg.base_url + "/calls/office/new/")
        pg.get_by_label("Название").fill("Приём проектных замыслов на 2028/29 учебный год")
        pg.get_by_label("Учебный год").fill("2028/2029")
        pg.get_by_label("Дата начала приёма").fill("2027-09-20")
        pg.get_by_label("Дата окончания приёма").fill("2027-09-19")
        pg.get_by_role("button", name="Сохранить").click()
        settled(pg)
        assert "Приём должен заканчиваться позже, чем начинается." in pg.content()
        screenshot(pg, "calls-1-deadline-before-opening")
        pg.get_by_label("Дата окончания приёма").fill("2027-09-22")
        pg.get_by_role("button", name="Сохранить").click()
        settled(pg)
        call = Call.objects.get()
        assert pg.url.endswith(call.get_absolute_url())
        # two questions of its own: a required long text, and a choice for one direction only
        add_two_questions(pg, card.direction)
        screenshot(pg, "calls-2-call-page")

        # the team sees the call at home, puts its draft in it and sees the time left
        as_person(pg, "team_own")
        pg.goto(pg.base_url + "/home/")
        assert call.title in pg.locator("main").inner_text()
        screenshot(pg, "calls-3-team-home")
        draft_in_the_call_and_answer(pg, card, call, "calls-4-draft-time-left")

        # the deadline passes: the submission is refused, the draft stays a draft
        clock.move_to(datetime.datetime(2027, 9, 23, 10, 0, tzinfo=datetime.UTC))
        as_person(pg, "team_own")  # a day later: the session of yesterday has ended
        pg.goto(pg.base_url + f"/initiatives/{card.pk}/edit/")
        pg.get_by_role("button", name="Подать в проектный офис").click()
        settled(pg)
        assert "первая подача больше не принимается" in pg.locator("main").inner_text()
        assert Initiative.objects.get(pk=card.pk).state == S.DRAFT
        screenshot(pg, "calls-5-refused-after-deadline")

        # staff extend the deadline for this team until the end of 24.09.2027
        as_person(pg, "staff")
        pg.goto(pg.base_url + call.get_absolute_url())
        pg.locator("#id_initiative").select_option(str(card.pk))
        pg.get_by_label("Принимать до (дата)").fill("2027-09-24")
        pg.get_by_label("Причина").fill("Руководитель проекта был на больничном")
        pg.get_by_role("button", name="Продлить срок").click()
        settled(pg)
        assert "Руководитель проекта был на больничном" in pg.locator("main").inner_text()

        # the team submits and gets its receipt
        as_person(pg, "team_own")
        pg.goto(pg.base_url + f"/initiatives/{card.pk}/edit/")
        pg.get_by_role("button", name="Подать в проектный офис").click()
        settled(pg)
        receipt = SubmissionReceipt.objects.get(initiative=card)
        assert (receipt.number, receipt.extended) == (1, True)
        text = pg.locator("main").inner_text()
        stamp = timezone.localtime(receipt.received_at).strftime("%d.%m.%Y %H:%M:%S")
        assert f"Расписка: № 1 в журнале приёма «{call.title}», поступила {stamp}." in text
        screenshot(pg, "calls-6-receipt-on-the-card")

        # the journal on the call's page
        as_person(pg, "staff")
        pg.goto(pg.base_url + call.get_absolute_url())
        assert "по продлённому сроку" in pg.locator("#call-journal").inner_text()
        screenshot(pg, "calls-7-journal")

        # the registry's XLSX of the call holds the answers as columns
        response = pg.request.get(pg.base_url + f"/initiatives/export/xlsx/?call={call.pk}")
        rows = list(load_workbook(io.BytesIO(response.body())).active.iter_rows(values_only=True))
        header, row = rows[0], rows[1]
        assert (len(rows), row[header.index("Ресурсы проекта")],
                row[header.index("Уровень сети")]) == (2, "Кадровые ресурсы двух школ",
                                                       "муниципальный")
