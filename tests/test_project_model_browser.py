"""Headless Chromium, issue 25's «Done when» as one flow: staff give a project its roles → the
administrator enters a plan of ten control points (five from an XLSX through the import page)
and the passport's sections → the curator agrees it from their home queue → a meeting of the
project committee approves it through the meeting pages (agenda item, decision, minutes) → the
PDF and the DOCX carry the registration number, the body's name, «И.О. Фамилия» and no number
on page 1 → the clock moves, a point is overdue on the dashboard and the staff's queue → a
change request moves the point → the next version shows the diff → the quarterly report opens
pre-filled. Screenshots and page images in test-artifacts/."""

import datetime
from datetime import date as D
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts import identity
from accounts.documents import layout, numbers
from meetings.models import Meeting
from portfolio.models import NationalProject, PassportVersion, PlanItem
from portfolio.plan.enums import PlanItemKind
from tests.conftest import held_meeting, plan_xlsx, screenshot, sign_in_afresh
from tests.factories import (
    PASSWORD,
    IndicatorFactory,
    IndicatorPlanFactory,
    MeetingFormatFactory,
    OfficeIdentityFactory,
    ProjectFactory,
    ReportingPeriodFactory,
)
from tests.test_documents import (
    assert_page_numbers_from_page_two,
    docx_text,
    page_images,
    pdf_pages,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = timezone.make_aware(datetime.datetime(2026, 10, 1, 10))  # a Thursday
LATER = timezone.make_aware(datetime.datetime(2026, 10, 20, 10))  # the first point is overdue
BODY = "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА"
TYPED = [  # the five points the administrator types: (title, result, date)
    ("Положение о сети утверждено", "Приказ об утверждении положения", "2026-10-15"),
    ("Соглашения с ОО сети подписаны", "Соглашения подписаны", "2026-11-20"),
    ("Проведены три мастер-класса", "Не менее 45 педагогов", "2026-12-15"),
    ("Банк заданий опубликован", "Банк открыт для ОО сети", "2027-02-10"),
    ("Рефлексивная встреча проведена", "Протокол встречи", "2027-04-20"),
]
FROM_FILE = ["01.12.2026", "1 февраля 2027 г.", "15.03.2027", "1 апреля 2027 г.", "20.05.2027"]


def _as(page, login):
    sign_in_afresh(page, login, PASSWORD)
    page.wait_for_url("**/home/")


def _committee_decides(page, meeting, project, *, kind, text):
    """The secretary writes the item and the decision on the meeting's page; the head approves
    the minutes there (the decisions are carried out then)."""
    _as(page, "staff")
    page.goto(page.base_url + meeting.get_absolute_url())
    page.get_by_text("Добавить вопрос в повестку").click()
    page.locator("#id_kind").select_option("other")
    box = page.get_by_role("combobox", name="Проектный замысел или проект")
    box.click()
    box.press_sequentially(project.title[:12])
    page.get_by_role("option").filter(has_text=project.title).first.click()
    page.get_by_role("button", name="Добавить в повестку").click()
    item = page.locator("article").filter(has_text=project.title).first
    item.get_by_text("Добавить решение").click()
    item.get_by_label("Вид решения").select_option(kind)
    item.get_by_label("Текст решения").fill(text)
    item.get_by_role("button", name="Записать решение").click()
    page.get_by_text(text).first.wait_for()
    _as(page, "head")
    page.goto(page.base_url + meeting.get_absolute_url())
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Утвердить протокол").click()
    page.get_by_text("Протокол утверждён, решения исполнены.").wait_for()


def test_a_project_run_the_way_a_project_office_runs_it(world, page, tmp_path):
    with time_machine.travel(START, tick=True):
        _flow(world, page, tmp_path)


def _flow(world, page, tmp_path):
    OfficeIdentityFactory()
    identity.forget()
    # reference data of a migration: a live-server test before this one may have flushed it
    NationalProject.objects.get_or_create(name="Молодёжь и дети",
                                          defaults={"starts_year": 2025, "ends_year": 2030})
    project = ProjectFactory(organisation=world.own_org, leader=world.team_own,
                             title="Образовательный лифт", starts_on=D(2026, 9, 1),
                             ends_on=D(2027, 6, 30), goal="Создать сеть наставничества")
    indicator = IndicatorFactory(initiative=project, name="Доля школ в сети", unit="%")
    IndicatorPlanFactory(indicator=indicator, period_start=D(2026, 10, 1),
                         period_end=D(2026, 12, 31), planned=Decimal("25"),
                         period_label="IV квартал 2026")
    committee = MeetingFormatFactory(name="проектный комитет", is_project_committee=True)
    plan_url = page.base_url + f"/portfolio/projects/{project.pk}/plan/"
    passport_url = page.base_url + f"/portfolio/projects/{project.pk}/passport/"

    # 1. staff give the project its administrator and its curator (the office head)
    _as(page, "staff")
    page.goto(plan_url)
    for role, person, position in (("administrator", world.team_own, "заместитель директора"),
                                   ("curator", world.head, "начальник отдела")):
        page.get_by_text("Назначить куратора или администратора").click()
        page.locator("#id_role").select_option(role)
        page.get_by_label("Электронная почта").fill(person.email)
        page.get_by_label("Должность").fill(position)
        page.get_by_role("button", name="Назначить").click()
        page.get_by_text("Роль назначена.").wait_for()
    screenshot(page, "project-model-roles")

    # 2. the administrator types five control points and brings five from a file
    _as(page, "team_own")
    page.goto(plan_url)
    for title, result, day in TYPED:
        page.get_by_text("Добавить мероприятие или контрольную точку").click()
        page.locator("#id_kind").select_option("point")
        page.get_by_label("Мероприятие или контрольная точка").fill(title)
        page.get_by_label("Проверяемый результат").fill(result)
        page.get_by_label("Плановый срок (окончание)").fill(day)
        page.get_by_role("button", name="Добавить в план").click()
        page.get_by_text("Пункт добавлен в план.").wait_for()
    page.get_by_role("link", name="Внести план из файла XLSX").click()
    rows = [[str(6 + n), "Контрольная точка", f"Точка из файла {n + 1}", f"Результат {n + 1}",
             "Приказ", "", day] for n, day in enumerate(FROM_FILE)]
    page.get_by_label("Таблица (XLSX или CSV)").set_input_files(files=[{
        "name": "план.xlsx", "mimeType": "application/octet-stream",
        "buffer": plan_xlsx(rows)}])
    page.get_by_role("button", name="Показать предварительный просмотр").click()
    screenshot(page, "project-model-plan-preview")
    page.get_by_role("button", name="Подтвердить импорт").click()
    page.get_by_role("heading", name="Календарный план").wait_for()
    assert PlanItem.objects.filter(initiative=project, kind=PlanItemKind.POINT).count() == 10
    assert PlanItem.objects.get(title="Точка из файла 2").planned_end == D(2027, 2, 1)
    screenshot(page, "project-model-plan")

    # … and the passport's sections, then sends it for agreement
    page.goto(passport_url)
    page.get_by_text("Основные положения, участники, дополнительная информация").click()
    page.get_by_label("Краткое наименование").fill("Лифт")
    page.get_by_label("Муниципальная программа").fill("Развитие образования Лесногорского округа")
    page.get_by_label("Молодёжь и дети (2025–2030)").check()
    page.get_by_role("button", name="Сохранить").first.click()
    page.get_by_text("Паспорт сохранён.").wait_for()
    page.get_by_text("Добавить результат и его значение за год").click()
    page.locator("#id_result-title").fill("Сеть наставничества создана")
    page.locator("#id_result-unit").fill("ед.")
    page.locator("#id_result-year").fill("2026")
    page.locator("#id_result-value").fill("1")
    page.locator("form[action$='/passport/results/']").get_by_role("button").click()
    page.get_by_text("Результат сохранён.").wait_for()
    page.get_by_text("Задать финансирование года из источника").click()
    page.locator("#id_funding-year").fill("2026")
    page.locator("#id_funding-source").select_option("municipal")
    page.get_by_label("Сумма, руб.").fill("150 000,50")
    page.locator("form[action$='/funding/']").get_by_role("button").click()
    page.get_by_text("Финансовое обеспечение сохранено.").wait_for()
    page.get_by_role("button", name="Направить на согласование").click()
    page.get_by_text("Паспорт направлен на согласование.").wait_for()

    # 3. the curator finds the passport in their home queue and agrees it
    _as(page, "head")
    queue = page.locator('[data-queue="passports"]')
    screenshot(page, "project-model-curator-home")
    queue.get_by_role("link", name=project.title).click()
    page.get_by_role("button", name="Согласовать паспорт").click()
    page.get_by_text("Вы согласовали паспорт.").wait_for()

    # 4. the project committee approves it through the meeting's pages
    first = held_meeting(world, committee, 3, school_year="2026/2027", starts_at=START,
                         ends_at=START + datetime.timedelta(hours=2), chair=world.head,
                         secretary=world.staff)
    _committee_decides(page, first, project, kind="approve_passport",
                       text="Утвердить паспорт проекта «Образовательный лифт».")
    screenshot(page, "project-model-minutes")
    page.goto(passport_url)
    page.get_by_text("утверждённая редакция 1").wait_for()

    # 5. the approved version as documents: the PDF and the DOCX
    version = PassportVersion.objects.get(passport__initiative=project, number=1)
    number = numbers.document_of(numbers.PASSPORT, version).number
    assert number == "1-ПП/2026"
    assert (version.protocol_number, version.protocol_date) == ("3", D(2026, 10, 1))
    page.goto(page.base_url + version.get_absolute_url())
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Паспорт (PDF)").click()
    data = Path(pdf.value.path()).read_bytes()
    pages = pdf_pages(data, tmp_path)
    first_page = " ".join(pages[0])
    for expected in (BODY, "ПАСПОРТ", f"№ {number}", "УТВЕРЖДЁН",
                     "протоколом заседания проектного комитета", "от 01.10.2026 № 3"):
        assert expected in first_page, expected
    assert not any(line == "1" for line in pages[0])  # no number on page 1 …
    assert len(pages) >= 2 and pages[1][0] == "2"  # … page 2 is numbered at its top
    signature = layout.person_signature_name(world.team_own)  # «И.О. Фамилия»
    assert signature in " ".join(pages[-1])
    page_images(data, tmp_path, "project-model-passport")
    with page.expect_download() as word:
        page.get_by_role("link", name="DOCX").first.click()
    document = assert_page_numbers_from_page_two(Path(word.value.path()).read_bytes())
    lines = docx_text(document)
    assert any(number in line for line in lines)
    assert BODY.lower() in [line.lower() for line in lines]
    assert f"Руководитель проекта | ____________ | {signature}" in lines

    # 6. the clock moves past the first point's date: it is overdue on the dashboard and on
    # the staff's home queue, each number linking to the list that holds it
    with time_machine.travel(LATER, tick=True):
        _later(world, page, project, committee, passport_url)


def _later(world, page, project, committee, passport_url):
    late = PlanItem.objects.get(initiative=project, title=TYPED[0][0])
    _as(page, "staff")
    number = page.locator('[data-metric="overdue_points"] .h4')
    assert number.inner_text() == "1"
    screenshot(page, "project-model-staff-queue")
    page.goto(page.base_url + "/dashboard/")
    tile = page.locator('[data-metric="overdue_points"]')
    assert tile.locator(".display-6, .h4").first.inner_text() == "1"
    screenshot(page, "project-model-dashboard")
    tile.click()
    page.get_by_text(late.title).first.wait_for()

    # 7. the administrator asks to move the point, the curator agrees, the committee approves
    monitoring_url = page.base_url + reverse("initiatives:monitoring", args=[project.pk])
    _as(page, "team_own")
    page.goto(monitoring_url)
    form = page.locator("form[action$='/monitoring/changes/']")
    form.get_by_label("Вид изменения").select_option("point_date")
    form.get_by_label("Обоснование").fill("Положение подписывают руководители всех ОО сети")
    form.get_by_label("Контрольная точка", exact=True).select_option(str(late.pk))
    form.get_by_label("Новый срок контрольной точки").fill("2026-10-30")
    form.get_by_role("button", name="Направить в проектный офис").click()
    page.locator("#changes").get_by_text("Положение подписывают").wait_for()
    _as(page, "head")
    page.goto(monitoring_url + "#changes")
    page.get_by_role("button", name="Согласовать как куратор").click()
    page.get_by_text("Решение куратора записано.").wait_for()
    second = held_meeting(world, committee, 4, school_year="2026/2027", starts_at=LATER,
                          ends_at=LATER + datetime.timedelta(hours=2), chair=world.head,
                          secretary=world.staff)
    _committee_decides(page, second, project, kind="approve_change",
                       text="Утвердить изменение срока контрольной точки.")
    late.refresh_from_db()
    assert late.planned_end == D(2026, 10, 30)
    assert Meeting.objects.get(pk=second.pk).status == "minutes_approved"

    # 8. the next version of the passport shows what changed
    page.goto(passport_url)
    page.get_by_role("link", name="Редакция 2", exact=True).click()
    page.get_by_text("Изменения относительно редакции 1").wait_for()
    changed = page.locator("dd").filter(has=page.locator("ins"))
    assert changed.count() == 1  # only the calendar plan
    assert changed.locator("del").all_inner_texts() == ["15"]
    assert changed.locator("ins").all_inner_texts() == ["30"]
    screenshot(page, "project-model-version-diff")

    # 9. the quarterly report opens with what the plan and the indicators say
    quarter = ReportingPeriodFactory(initiative=project, title="IV квартал 2026",
                                     starts_on=D(2026, 10, 1), ends_on=D(2026, 12, 31),
                                     due_on=D(2027, 1, 15))
    _as(page, "team_own")
    page.goto(page.base_url + reverse("initiatives:report", args=[quarter.pk]))
    page.get_by_role("heading", name="Что говорят план и показатели").wait_for()
    assert "Доля школ в сети, IV квартал 2026: план 25" in page.get_by_label(
        "Результаты").input_value()
    page.get_by_text(f"{late.title} — 30.10.2026").wait_for()  # due in the quarter, moved
    screenshot(page, "project-model-report-pre-filled")
