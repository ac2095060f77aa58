"""Issue 24's «Done when», as ONE flow in a browser: staff open a call with two extra questions
(one a choice limited to one direction) through the pages → a team drafts, answers and sees the
time left → the deadline passes (time-machine moves the clock, the live server follows it; the
Celery tasks run eagerly) and submitting is refused → staff extend for that team → it submits →
staff select ten submitted cards and assign two experts to each in one action → a message to the
selected teams reaches their outbox with its placeholders filled → the registry's XLSX holds the
answers as columns, read back with openpyxl.
At the end the dashboard, narrowed to the call, counts its cards.
Screenshots: test-artifacts/screenshots/call-year-*.png."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from openpyxl import load_workbook

from expertise.models import ExpertAssignment
from initiatives.bulk import jobs
from initiatives.enums import InitiativeState as S
from initiatives.models import BulkJob, Call, Initiative, SubmissionReceipt
from tests.conftest import choose_experts, make_world, screenshot, settled
from tests.factories import InitiativeFactory, complete_initiative
from tests.test_calls_browser import (
    add_two_questions,
    as_person,
    draft_in_the_call_and_answer,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = datetime.datetime(2027, 9, 20, 10, 0, tzinfo=datetime.UTC)


def test_the_year_of_a_call_from_opening_to_the_registrys_xlsx(page, settings, monkeypatch):
    pg = page
    assert settings.CELERY_TASK_ALWAYS_EAGER
    monkeypatch.setattr(jobs, "SYNC_LIMIT", 2)  # ten cards are work for the (eager) worker
    with time_machine.travel(START, tick=True) as clock:
        world = make_world()
        card = complete_initiative(world.own_org, leader=world.team_own,
                                   title="Школа полного дня: сетевой формат")

        # 1. staff open a call through the pages, with two questions of its own
        as_person(pg, "staff")
        pg.goto(pg.base_url + "/calls/office/new/")
        pg.get_by_label("Название").fill("Приём проектных замыслов на 2028/29 учебный год")
        pg.get_by_label("Учебный год").fill("2028/2029")
        pg.get_by_label("Дата начала приёма").fill("2027-09-20")
        pg.get_by_label("Дата окончания приёма").fill("2027-09-22")
        pg.get_by_role("button", name="Сохранить").click()
        settled(pg)
        call = Call.objects.get()
        assert pg.url.endswith(call.get_absolute_url())
        add_two_questions(pg, card.direction)
        resources, level = call.questions.order_by("order")
        assert [d.pk for d in level.directions.all()] == [card.direction_id]
        screenshot(pg, "call-year-1-call-with-questions")

        # 2. the team drafts in the call, answers and sees the time left
        as_person(pg, "team_own")
        pg.goto(pg.base_url + "/home/")
        assert call.title in pg.locator("main").inner_text()
        draft_in_the_call_and_answer(pg, card, call, "call-year-2-draft-answers-time-left")

        # 3. the deadline passes: submitting is refused, the draft stays a draft
        clock.move_to(datetime.datetime(2027, 9, 23, 10, 0, tzinfo=datetime.UTC))
        as_person(pg, "team_own")
        pg.goto(pg.base_url + f"/initiatives/{card.pk}/edit/")
        pg.get_by_role("button", name="Подать в проектный офис").click()
        settled(pg)
        assert "первая подача больше не принимается" in pg.locator("main").inner_text()
        assert Initiative.objects.get(pk=card.pk).state == S.DRAFT
        screenshot(pg, "call-year-3-refused-after-deadline")

        # 4. staff extend the deadline for that team; it submits and gets its receipt
        as_person(pg, "staff")
        pg.goto(pg.base_url + call.get_absolute_url())
        pg.locator("#id_initiative").select_option(str(card.pk))
        pg.get_by_label("Принимать до (дата)").fill("2027-09-24")
        pg.get_by_label("Причина").fill("Руководитель проекта был на больничном")
        pg.get_by_role("button", name="Продлить срок").click()
        settled(pg)
        as_person(pg, "team_own")
        pg.goto(pg.base_url + f"/initiatives/{card.pk}/edit/")
        pg.get_by_role("button", name="Подать в проектный офис").click()
        settled(pg)
        assert Initiative.objects.get(pk=card.pk).state == S.SUBMITTED
        receipt = SubmissionReceipt.objects.get(initiative=card)
        assert (receipt.number, receipt.extended) == (1, True)
        assert "Расписка: № 1 в журнале приёма" in pg.locator("main").inner_text()
        screenshot(pg, "call-year-4-submitted-under-extension")

        # nine more teams' cards of the call came in on time
        for n in range(2, 11):
            InitiativeFactory(call=call, state=S.SUBMITTED, title=f"Поданный замысел {n}",
                              organisation=world.own_org if n % 2 else world.other_org,
                              leader=world.team_own)

        # 5. staff select the ten submitted cards of the call and assign two experts to each
        as_person(pg, "staff")
        first, second = world.expert_assigned, world.expert_other
        pg.goto(pg.base_url + f"/initiatives/?call={call.pk}&state=submitted"
                f"&columns={level.pk}")
        settled(pg)
        assert pg.locator("th.answer-column").all_inner_texts() == ["Уровень сети"]
        pg.get_by_label("Выбрать все строки на этой странице").check()
        assert pg.locator("#bulk-count").inner_text() == "10"
        screenshot(pg, "call-year-5-registry-of-the-call-selected")
        pg.get_by_role("button", name="Действия с выбранными").click()
        pg.get_by_role("button", name="Назначить экспертов").click()
        settled(pg)
        assert "Эксперты могут быть назначены на 10 из 10" in pg.content()
        choose_experts(pg, [first, second])
        pg.get_by_role("button", name="Проверить построчно").click()
        settled(pg)
        assert pg.get_by_test_id("bulk-plan").locator("tbody tr").count() == 10
        pg.get_by_role("button", name="Подтвердить назначение").click()
        settled(pg)
        assert "Выполнено: 10. Не выполнено: 0." in pg.content()
        screenshot(pg, "call-year-6-experts-assigned")
        ten = Initiative.objects.filter(call=call, state=S.SUBMITTED)
        assert ten.count() == 10
        assert ExpertAssignment.objects.filter(initiative__in=ten).count() == 20
        assert BulkJob.objects.get().done == 10  # run by the worker's task, eagerly

        # 6. a message to the selected teams reaches their outbox, placeholders filled
        mail.outbox.clear()
        pg.goto(pg.base_url + f"/initiatives/?call={call.pk}&state=submitted")
        pg.get_by_label("Выбрать все строки на этой странице").check()
        pg.get_by_role("button", name="Действия с выбранными").click()
        pg.get_by_role("button", name="Написать командам").click()
        settled(pg)
        pg.get_by_label("Тема").fill("Замысел «{title}»: эксперты назначены")
        pg.get_by_label("Текст").fill("Коллеги из {organisation}! Руководитель {leader}, "
                                      "карточка: {link}")
        pg.get_by_role("button", name="Отправить").click()
        settled(pg)
        assert "Выполнено: 10" in pg.content()
        screenshot(pg, "call-year-7-message-sent")
        to_own = [m for m in mail.outbox if m.to == [world.team_own.email]]
        letter = next(m for m in to_own if f"«{card.title}»" in m.subject)
        assert letter.subject == f"Проектный офис: Замысел «{card.title}»: эксперты назначены"
        assert f"Коллеги из {world.own_org.short_name}!" in letter.body
        assert f"Руководитель {world.team_own.full_name}" in letter.body
        assert f"/initiatives/{card.pk}/" in letter.body and "{" not in letter.body
        assert any(m.to == [world.team_other.email] for m in mail.outbox)

        # 7. the registry's XLSX of the call holds the answers as columns
        response = pg.request.get(pg.base_url + f"/initiatives/export/xlsx/?call={call.pk}")
        rows = list(load_workbook(io.BytesIO(response.body())).active.iter_rows(values_only=True))
        header = rows[0]
        by_title = {r[header.index("Название")]: r for r in rows[1:]}
        assert len(by_title) == 10
        row = by_title[card.title]
        assert (row[header.index("Ресурсы проекта")], row[header.index("Уровень сети")]) == (
            "Кадровые ресурсы двух школ", "муниципальный")

        # and the dashboard narrowed to the call counts its ten cards, its lists keep the call
        pg.goto(pg.base_url + "/dashboard/?year=all")
        pg.locator("#period-call").select_option(str(call.pk))
        pg.wait_for_url(f"**/dashboard/?year=all&call={call.pk}")
        settled(pg)
        assert "Только карточки приёма" in pg.locator("#call-scope").inner_text()
        link = pg.locator('a[data-metric="initiatives"][data-value="submitted"]')
        assert link.inner_text() == "10"
        screenshot(pg, "call-year-8-dashboard-of-the-call")
        link.click()
        settled(pg)
        assert f"call={call.pk}" in pg.url
        assert pg.locator("table.metric-rows tbody tr").count() == 10
