"""Headless Chromium: the team writes the passport (a wrong sum refused beside its field, the
typed value kept), sends it for agreement, the curator agrees, the project committee's minutes
approve it; a change request moves a control point and the next version shows the diff; the
quarterly report opens pre-filled. Screenshots at 1280 and 375 px (issue 25, items 3 and 4)."""

from datetime import date as D
from decimal import Decimal
from pathlib import Path

import pytest

from accounts.documents import layout
from tests.conftest import held_meeting, screenshot, sign_in
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    IndicatorFactory,
    IndicatorPlanFactory,
    MeetingFormatFactory,
    PlanItemFactory,
    ProjectFactory,
    ProjectRoleFactory,
    ReportingPeriodFactory,
)
from tests.test_documents import assert_page_numbers_from_page_two, pdf_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_passport_is_written_agreed_approved_and_changed(world, page, tmp_path):
    from initiatives.enums import ChangeKind
    from meetings import services as meetings
    from meetings.enums import DecisionKind
    from portfolio import agreement, changes
    from portfolio.models import NationalProject
    from portfolio.passport import services as passports

    # reference data of a migration: a live-server test before this one may have flushed it
    NationalProject.objects.get_or_create(name="Молодёжь и дети",
                                          defaults={"starts_year": 2025, "ends_year": 2030})
    project = ProjectFactory(organisation=world.own_org, leader=world.team_own,
                             title="Образовательный лифт", starts_on=D(2026, 1, 10),
                             ends_on=D(2027, 5, 31), goal="Создать сеть наставничества")
    indicator = IndicatorFactory(initiative=project, name="Доля школ в сети", unit="%")
    IndicatorPlanFactory(indicator=indicator, period_start=D(2026, 1, 10),
                         period_end=D(2026, 3, 31), planned=Decimal("25"),
                         period_label="I квартал 2026")
    curator = ProjectRoleFactory(initiative=project).person
    point = PlanItemFactory(initiative=project, number="1", title="Сеть создана",
                            planned_end=D(2026, 3, 1))
    url = page.base_url + f"/portfolio/projects/{project.pk}/passport/"
    sign_in(page, "team_own", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(url)
    page.get_by_text("Основные положения, участники, дополнительная информация").click()
    page.get_by_label("Краткое наименование").fill("Лифт")
    page.get_by_label("Муниципальная программа").fill("Развитие образования Чайковского округа")
    page.get_by_label("Молодёжь и дети (2025–2030)").check()
    page.get_by_role("button", name="Сохранить").first.click()
    page.get_by_text("Паспорт сохранён.").wait_for()
    page.get_by_text("Задать финансирование года из источника").click()
    page.locator("#id_funding-year").fill("2026")
    page.locator("#id_funding-source").select_option("municipal")
    page.get_by_label("Сумма, руб.").fill("10,555")
    page.locator("form[action$='/funding/']").get_by_role("button").click()
    page.get_by_text("У суммы в рублях не больше двух знаков после запятой").wait_for()
    assert page.get_by_label("Сумма, руб.").input_value() == "10,555"
    page.get_by_label("Сумма, руб.").fill("150 000,50")
    page.locator("form[action$='/funding/']").get_by_role("button").click()
    page.get_by_text("Финансовое обеспечение сохранено.").wait_for()
    assert page.get_by_text("150 000,50").first.is_visible()
    page.get_by_role("button", name="Направить на согласование").click()
    page.get_by_text("Паспорт направлен на согласование.").wait_for()
    screenshot(page, "passport-on-agreement-1280")

    passports.agree(project, by=curator)
    fmt = MeetingFormatFactory(name="проектный комитет", is_project_committee=True)
    meeting = held_meeting(world, fmt, 3)
    item = AgendaItemFactory(meeting=meeting, initiative=project, title="Паспорт проекта")
    meetings.add_decision(item, kind=DecisionKind.APPROVE_PASSPORT, text="Утвердить",
                          by=world.head)
    meetings.approve_minutes(meeting, by=world.head, notify_people=False)
    page.goto(url)
    page.get_by_text("утверждённая редакция 1").wait_for()

    change = changes.request_change(project, by=world.team_own, kind=ChangeKind.POINT_DATE,
                                    justification="Соглашения подписаны позже",
                                    plan_item=point, new_point_date=D(2026, 4, 15))
    agreement.agree(change, by=curator, agreed=True)
    second = held_meeting(world, fmt, 4)
    item = AgendaItemFactory(meeting=second, initiative=project, title="Изменения паспорта")
    meetings.add_decision(item, kind=DecisionKind.APPROVE_CHANGE, text="Утвердить изменения",
                          by=world.head)
    meetings.approve_minutes(second, by=world.head, notify_people=False)
    page.goto(url)
    page.get_by_role("link", name="Редакция 2", exact=True).click()
    page.get_by_text("Изменения относительно редакции 1").wait_for()
    plan = page.locator("dd").filter(has=page.locator("ins"))
    assert plan.count() == 1  # only the calendar plan changed
    # the point's date 01.03.2026 → 15.04.2026, word by word
    assert plan.locator("del").all_inner_texts() == ["01", "03"]
    assert plan.locator("ins").all_inner_texts() == ["15", "04"]
    screenshot(page, "passport-version-diff-1280")
    # the version downloads as the document: PDF (number, body's name, the stamp, «И.О.
    # Фамилия», no number on page 1) and DOCX (the page field from page 2 only)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Паспорт (PDF)").click()
    data = Path(pdf.value.path()).read_bytes()
    pages = pdf_pages(data, tmp_path)
    first = " ".join(pages[0])
    assert "-ПП/" in first and "УТВЕРЖДЁН" in first and "№ 4" in first
    assert not any(line == "1" for line in pages[0])
    # the leader's signature «И.О. Фамилия»
    assert layout.person_signature_name(world.team_own) in " ".join(pages[-1])
    with page.expect_download() as word:
        page.get_by_role("link", name="DOCX").first.click()
    assert_page_numbers_from_page_two(Path(word.value.path()).read_bytes())
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "passport-375")

    quarter = ReportingPeriodFactory(initiative=project, title="I квартал 2026",
                                     starts_on=D(2026, 1, 1), ends_on=D(2026, 3, 31),
                                     due_on=D(2026, 4, 5))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + f"/initiatives/periods/{quarter.pk}/report/")
    page.get_by_role("heading", name="Что говорят план и показатели").wait_for()
    assert "Доля школ в сети, I квартал 2026: план 25" in page.get_by_label(
        "Результаты").input_value()
    screenshot(page, "report-pre-filled-1280")
