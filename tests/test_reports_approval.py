"""A built report goes on a meeting's agenda, and the decision of a held meeting records its
approval («члены проектного офиса одобрили аналитический отчёт»), shown on the report."""

import datetime

import pytest
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.errors import DomainError
from accounts.models import AuditRecord
from meetings import services as meeting_services
from meetings.enums import AgendaKind, MeetingStatus
from reports import services
from reports.enums import ReportStatus
from reports.models import GeneratedReport
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    GeneratedReportFactory,
    MeetingFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


@pytest.fixture
def staff(client):
    person = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(person)
    return person


@pytest.fixture
def final_meeting():
    """The final meeting of 2022, held, with the decision approving the report on item 2."""
    meeting = MeetingFactory(number=3, status=MeetingStatus.MINUTES_APPROVED,
                             starts_at=at(datetime.date(2022, 12, 27)),
                             ends_at=at(datetime.date(2022, 12, 27), 11))
    AgendaItemFactory(meeting=meeting, order=1, title="Итоги года")
    item = AgendaItemFactory(meeting=meeting, order=2, kind=AgendaKind.OFFICE_PLAN,
                             title="Аналитический отчёт за 2022 год")
    meeting.decision = DecisionFactory(item=item, text="Одобрить представленный аналитический "
                                                       "отчёт.")
    return meeting


def text_of(response):
    return " ".join(response.content.decode().split())


def test_the_report_goes_on_a_planned_meeting_agenda_as_an_item(staff, client):
    report = GeneratedReportFactory(requested_by=staff)
    meeting = MeetingFactory(number=4, status=MeetingStatus.PLANNED,
                             starts_at=at(datetime.date(2022, 12, 20)),
                             ends_at=at(datetime.date(2022, 12, 20), 11))
    AgendaItemFactory(meeting=meeting, order=1)

    response = client.post(reverse("reports:agenda", args=[report.pk]), {"meeting": meeting.pk})

    assert response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    item = report.agenda_item
    assert (item.meeting, item.kind, item.order, item.title) == (
        meeting, AgendaKind.OFFICE_PLAN, 2,
        f"Об аналитическом отчёте: Годовой аналитический отчёт 2022 (№ {report.pk})")
    assert list(AuditRecord.objects.filter(object_id=str(report.pk), action="report_put_on_agenda")
                .values_list("actor", "to_value")) == [(staff.pk, str(meeting))]
    page = text_of(client.get(report.get_absolute_url()))
    assert (f'В повестке: <a href="{meeting.get_absolute_url()}#item-{item.pk}">заседание № 4 '
            "от 20.12.2022, вопрос 2</a>") in page


def test_the_decision_of_a_held_meeting_records_the_approval_shown_on_the_report_and_the_list(
    staff, client, final_meeting
):
    report = GeneratedReportFactory(requested_by=staff)
    decision = final_meeting.decision

    response = client.post(reverse("reports:approval", args=[report.pk]),
                           {"decision": decision.pk})

    assert response["Location"] == report.get_absolute_url()
    report.refresh_from_db()
    assert (report.approved_by_decision, report.approval_recorded_by) == (decision, staff)
    audit = AuditRecord.objects.get(object_id=str(report.pk), action="report_approved")
    assert (audit.to_value, audit.comment) == ("по решению заседания № 3 от 27.12.2022",
                                               "Одобрить представленный аналитический отчёт.")
    link = (f'<a href="{final_meeting.get_absolute_url()}#item-{decision.item_id}">одобрен '
            "заседанием № 3 от 27.12.2022, решение по вопросу 2</a>")
    page = text_of(client.get(report.get_absolute_url()))
    assert f"Члены проектного офиса одобрили аналитический отчёт: {link}" in page
    assert "Включить в повестку" not in page  # approved: no more forms
    assert link in text_of(client.get(reverse("reports:list")))


def test_only_decisions_of_held_meetings_are_offered_and_accepted(staff, client, final_meeting):
    report = GeneratedReportFactory(requested_by=staff)
    planned = DecisionFactory(item=AgendaItemFactory(meeting=MeetingFactory(
        status=MeetingStatus.PLANNED, starts_at=at(datetime.date(2022, 12, 29)),
        ends_at=at(datetime.date(2022, 12, 29), 11))))

    page = client.get(report.get_absolute_url())
    offered = [d.pk for d in page.context["approval_form"].fields["decision"].queryset]
    assert offered == [final_meeting.decision.pk]
    response = client.post(reverse("reports:approval", args=[report.pk]),
                           {"decision": planned.pk})
    assert response.status_code == 200
    assert response.context["approval_form"].errors["decision"] == [
        "Выберите корректный вариант. Вашего варианта нет среди допустимых значений."]
    assert "Выберите корректный вариант" in response.content.decode()
    with pytest.raises(DomainError, match="заседания, которое уже состоялось"):
        services.record_report_approval(report, decision=planned, by=staff)
    assert GeneratedReport.objects.get(pk=report.pk).approved_by_decision is None


def test_the_report_put_on_the_agenda_comes_first_among_the_decisions(staff, client,
                                                                      final_meeting):
    report = GeneratedReportFactory(requested_by=staff)
    own_item = AgendaItemFactory(meeting=final_meeting, order=3)
    own = DecisionFactory(item=own_item, text="Одобрить отчёт.")
    GeneratedReport.objects.filter(pk=report.pk).update(agenda_item=own_item)
    page = client.get(report.get_absolute_url())
    assert [d.pk for d in page.context["approval_form"].fields["decision"].queryset] == [
        own.pk, final_meeting.decision.pk]


def test_an_unbuilt_or_approved_report_is_refused(staff, final_meeting):
    failed = GeneratedReportFactory(requested_by=staff, status=ReportStatus.FAILED, pdf="")
    with pytest.raises(DomainError, match="Одобрить можно только сформированный отчёт"):
        services.record_report_approval(failed, decision=final_meeting.decision, by=staff)
    report = GeneratedReportFactory(requested_by=staff)
    services.record_report_approval(report, decision=final_meeting.decision, by=staff)
    with pytest.raises(DomainError, match="уже зафиксировано"):
        services.record_report_approval(report, decision=final_meeting.decision, by=staff)
    with pytest.raises(DomainError, match="Отчёт уже одобрен"):
        services.put_report_on_agenda(report, meeting=final_meeting, by=staff)
    team = person_with_roles()
    with pytest.raises(DomainError, match="Это может сделать только проектный офис"):
        services.record_report_approval(GeneratedReportFactory(), decision=final_meeting.decision,
                                        by=team)


def test_the_decision_that_approved_a_report_cannot_be_removed_from_a_held_meeting(staff):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    decision = DecisionFactory(item=AgendaItemFactory(meeting=meeting))
    services.record_report_approval(GeneratedReportFactory(), decision=decision, by=staff)
    with pytest.raises(DomainError, match="На это ссылаются другие записи"):
        meeting_services.remove_decision(decision, by=staff)
    with pytest.raises(DomainError, match="На это ссылаются другие записи"):
        meeting_services.remove_agenda_item(decision.item, by=staff)
    assert decision.item.decisions.count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_the_report_page_makes_the_same_queries_for_any_number_of_meetings(
    n, staff, client, django_assert_num_queries
):
    report = GeneratedReportFactory(requested_by=staff)
    for k in range(n):
        day = datetime.date(2022, 10, 1 + k)
        meeting = MeetingFactory(status=MeetingStatus.HELD, starts_at=at(day),
                                 ends_at=at(day, 11))
        DecisionFactory(item=AgendaItemFactory(meeting=meeting))
        MeetingFactory(status=MeetingStatus.PLANNED, starts_at=at(day, 12),
                       ends_at=at(day, 13))
    with django_assert_num_queries(5):
        response = client.get(report.get_absolute_url())
    assert len(response.context["approval_form"].fields["decision"].choices) == n + 1
    assert len(response.context["agenda_form"].fields["meeting"].choices) == 2 * n + 1


@pytest.mark.parametrize("n", [1, 3])
def test_the_list_of_approved_reports_makes_the_same_queries(
    n, staff, client, final_meeting, django_assert_num_queries
):
    for _ in range(n):
        GeneratedReportFactory(requested_by=staff, approved_by_decision=final_meeting.decision)
    with django_assert_num_queries(5):  # … and the calls the annual report may be narrowed to
        response = client.get(reverse("reports:list"))
    assert text_of(response).count("одобрен заседанием № 3 от 27.12.2022") == n
