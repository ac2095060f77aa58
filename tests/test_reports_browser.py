"""Headless Chromium: staff ask for a report on request (a bad period is refused in Russian
beside the field, nothing typed is lost), then record the approval of a built report by the
decision of the final meeting and see it on the report page."""

import datetime

import pytest

from meetings.enums import MeetingStatus
from reports.models import GeneratedReport
from tests.conftest import screenshot, sign_in
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    DecisionFactory,
    DirectionFactory,
    GeneratedReportFactory,
    MeetingFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_ask_for_a_report_on_request_and_a_bad_period_is_refused_beside_the_field(
    world, page
):
    DirectionFactory(name="Повышение качества образования в ОУ")
    sign_in(page, "staff", PASSWORD)
    page.goto(page.base_url + "/reports/")
    page.get_by_role("link", name="Выбрать параметры").click()
    page.wait_for_url("**/reports/request/")
    page.get_by_label("Начало периода").fill("2022-12-31")
    page.get_by_label("Конец периода").fill("2022-01-01")
    page.get_by_label("Направление").select_option(label="Повышение качества образования в ОУ")
    page.get_by_role("button", name="Сформировать отчёт").click()
    page.wait_for_load_state()
    assert page.locator("#error_1_id_end").inner_text() == "Конец периода раньше его начала."
    assert page.get_by_label("Начало периода").input_value() == "2022-12-31"
    assert page.get_by_label("Направление").locator("option:checked").inner_text() == (
        "Повышение качества образования в ОУ")
    screenshot(page, "report-on-request-bad-period")
    assert GeneratedReport.objects.count() == 2  # the world's two, no new one


def test_staff_record_the_approval_of_a_report_by_the_final_meeting(world, page):
    day = datetime.datetime(2022, 12, 27, 9, tzinfo=datetime.UTC)
    meeting = MeetingFactory(number=33, status=MeetingStatus.MINUTES_APPROVED, starts_at=day,
                             ends_at=day + datetime.timedelta(hours=2), topic="Итоги 2022 года")
    DecisionFactory(item=AgendaItemFactory(meeting=meeting, order=1,
                                           title="Аналитический отчёт"),
                    text="Одобрить представленный аналитический отчёт.")
    report = GeneratedReportFactory(requested_by=world.staff)
    sign_in(page, "staff", PASSWORD)
    page.goto(page.base_url + report.get_absolute_url())
    screenshot(page, "report-detail-before-approval")
    page.get_by_label("Решение проведённого заседания").select_option(
        label="заседание № 33 от 27.12.2022, вопрос 1: «Одобрить представленный аналитический "
              "отчёт.»")
    page.get_by_role("button", name="Зафиксировать одобрение").click()
    page.wait_for_load_state()
    approval = page.locator(".alert-success", has_text="Члены проектного офиса")
    assert " ".join(approval.inner_text().split()).startswith(
        "Члены проектного офиса одобрили аналитический отчёт: одобрен заседанием № 33 от "
        "27.12.2022, решение по вопросу 1.")
    screenshot(page, "report-detail-approved")
    page.get_by_role("link", name="одобрен заседанием № 33 от 27.12.2022").click()
    item = meeting.items.get()
    page.wait_for_url(lambda url: url.endswith(f"{meeting.get_absolute_url()}#item-{item.pk}"))
