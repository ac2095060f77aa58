"""The project's passport (issue 25, item 3): year values of indicators from their period plans,
funding in rubles with kopecks, the agreement sheet, approval by the project committee's
decision, frozen versions and their diff, change requests naming a section and decided by the
committee when they touch goal, values, dates or funding."""

import datetime
from datetime import date as D
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.errors import DomainError
from initiatives.enums import ChangeKind, ChangeStatus
from meetings import services as meetings
from meetings.enums import DecisionKind, MeetingStatus
from portfolio import agreement, changes
from portfolio.models import NationalProject, PassportVersion, PlanItem
from portfolio.passport import data as passport_data
from portfolio.passport import services as passports
from portfolio.passport.enums import Accumulation, FundingSource, PassportStatus
from tests.factories import (
    AgendaItemFactory,
    IndicatorFactory,
    IndicatorPlanFactory,
    MeetingFactory,
    MeetingFormatFactory,
    PlanItemFactory,
    ProjectFactory,
    ProjectRoleFactory,
    UserFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return person_with_roles("office_staff", username="passport_staff")


@pytest.fixture
def head():
    return person_with_roles("office_head", username="passport_head")


@pytest.fixture
def project():
    p = ProjectFactory(title="Образовательный лифт", starts_on=D(2025, 9, 1),
                       ends_on=D(2027, 5, 31), goal="Создать сеть наставничества")
    indicator = IndicatorFactory(initiative=p, name="Доля школ в сети", unit="%",
                                 baseline=Decimal("10"), target=Decimal("60"))
    for start, end, value in ((D(2025, 9, 1), D(2025, 12, 31), "20"),
                              (D(2026, 1, 1), D(2026, 5, 31), "30"),
                              (D(2026, 9, 1), D(2026, 12, 31), "45"),
                              (D(2027, 1, 1), D(2027, 5, 31), "60")):
        IndicatorPlanFactory(indicator=indicator, period_start=start, period_end=end,
                             planned=Decimal(value), period_label=f"до {end:%d.%m.%Y}")
    return p


@pytest.fixture
def curator(project):
    return ProjectRoleFactory(initiative=project, position="начальник отдела").person


def _committee_meeting(head, project, kind=DecisionKind.APPROVE_PASSPORT, committee=True,
                       number=None):
    fmt = MeetingFormatFactory(name="проектный комитет" if committee else "заседание",
                               is_project_committee=committee)
    meeting = MeetingFactory(format=fmt, status=MeetingStatus.HELD,
                             **({"number": number} if number else {}))
    item = AgendaItemFactory(meeting=meeting, initiative=project, title="Паспорт проекта")
    meetings.add_decision(item, kind=kind, text="Утвердить", by=head)
    return meeting


def _approved(project, staff, head, curator):
    passports.save_main(project, by=staff, short_name="Лифт", full_name="Образовательный лифт",
                        municipal_programme="Развитие образования",
                        national_projects=[NationalProject.objects.get(name="Молодёжь и дети")])
    passports.set_funding(project, by=staff, year=2026, source=FundingSource.MUNICIPAL,
                          amount="150 000,50")
    passports.send_for_agreement(project, by=staff)
    passports.agree(project, by=curator)
    meeting = _committee_meeting(head, project)
    meetings.approve_minutes(meeting, by=head, notify_people=False)
    return meeting


def test_national_projects_are_reference_data():
    names = dict(NationalProject.objects.values_list("name", "starts_year"))
    assert names["Образование"] == 2019
    assert names["Молодёжь и дети"] == 2025
    assert "Семейные ценности и инфраструктура культуры" in names


def test_year_values_the_last_for_cumulative_the_sum_for_additive(project, staff):
    indicator = project.indicators.get()
    assert passport_data.year_values(indicator, Accumulation.CUMULATIVE) == {
        2025: Decimal("20"), 2026: Decimal("45"), 2027: Decimal("60")}
    assert passport_data.year_values(indicator, Accumulation.ADDITIVE) == {
        2025: Decimal("20"), 2026: Decimal("75"), 2027: Decimal("60")}
    passports.describe_indicator(indicator, by=staff, accumulation=Accumulation.ADDITIVE,
                                 level="municipal", method="число школ / все школы × 100",
                                 baseline_on=D(2025, 9, 1))
    data = passport_data.build(passport_data.project_for_passport(project.pk),
                               passport_data.passport_of(project))
    row = data["indicators"][0]
    assert row["values"] == {"2025": "20", "2026": "75", "2027": "60"}
    assert row["baseline_on"] == "01.09.2025"
    assert row["level"] == "муниципальная цель"


@pytest.mark.parametrize("typed, message", [
    ("-1", "Сумма не может быть отрицательной."),
    ("сто рублей", "Сумма должна быть числом рублей"),
    ("NaN", "Сумма должна быть числом рублей"),
    ("Infinity", "Сумма должна быть числом рублей"),
    ("10,555", "не больше двух знаков после запятой"),
    ("", "Укажите сумму в рублях"),
])
def test_funding_refuses_what_is_not_rubles_with_kopecks(project, staff, typed, message):
    with pytest.raises(DomainError) as e:
        passports.set_funding(project, by=staff, year=2026, source=FundingSource.FEDERAL,
                              amount=typed)
    assert message in e.value.message
    assert e.value.field == "amount"


def test_funding_takes_zero_and_kopecks_within_the_project_years(project, staff):
    assert passports.set_funding(project, by=staff, year=2026, source=FundingSource.FEDERAL,
                                 amount="0").amount == Decimal("0.00")
    row = passports.set_funding(project, by=staff, year=2026, source=FundingSource.EXTRA,
                                amount="1 250 000,50")
    assert row.amount == Decimal("1250000.50")
    with pytest.raises(DomainError) as e:
        passports.set_funding(project, by=staff, year=2030, source=FundingSource.EXTRA,
                              amount="1")
    assert e.value.field == "year"


def test_the_committee_approves_after_everyone_agreed_and_the_version_is_frozen(
        project, staff, head, curator):
    deputy = UserFactory(last_name="Петрова")
    passports.save_main(project, by=staff, short_name="Лифт")
    with pytest.raises(DomainError):  # the office names the others, not the team
        passports.add_approver(project, by=project.leader, person=deputy)
    passports.add_approver(project, by=staff, person=deputy, position="заместитель начальника")
    passports.send_for_agreement(project, by=staff)
    with pytest.raises(DomainError):  # on agreement, the draft is closed
        passports.save_main(project, by=staff, short_name="Другое")
    passports.agree(project, by=curator, comment="Согласовано")
    meeting = _committee_meeting(head, project)
    with pytest.raises(meetings.ApprovalFailed) as e:
        meetings.approve_minutes(meeting, by=head, notify_people=False)
    assert "Петрова" in e.value.message
    passports.agree(project, by=deputy)
    meetings.approve_minutes(meeting, by=head, notify_people=False)
    passport = project.passport
    passport.refresh_from_db()
    assert passport.status == PassportStatus.APPROVED and passport.version == 1
    version = passport.versions.get()
    assert version.protocol_number == str(meeting.number)
    assert version.protocol_date == meeting.local_date
    assert version.snapshot["main"]["short_name"] == "Лифт"
    assert len(version.snapshot["agreements"]) == 2


def test_only_the_committee_format_takes_a_passport_decision(project, head):
    fmt = MeetingFormatFactory(name="рабочая встреча", is_project_committee=False)
    item = AgendaItemFactory(meeting=MeetingFactory(format=fmt), initiative=project)
    with pytest.raises(DomainError) as e:
        meetings.add_decision(item, kind=DecisionKind.APPROVE_PASSPORT, text="Утвердить",
                              by=head)
    assert e.value.field == "kind"


def test_a_change_request_against_a_passport_not_approved_is_refused(project, staff, curator):
    passports.save_main(project, by=staff, short_name="Лифт")
    with pytest.raises(DomainError) as e:
        changes.request_change(project, by=staff, kind=ChangeKind.SCOPE,
                               justification="Нужно", new_scope="Другое")
    assert "не утверждён" in e.value.message


def test_the_committee_moves_a_point_and_the_next_version_shows_the_diff(
        project, staff, head, curator):
    point = PlanItemFactory(initiative=project, number="1", title="Сеть создана",
                            planned_end=D(2026, 3, 1))
    _approved(project, staff, head, curator)
    change = changes.request_change(project, by=project.leader, kind=ChangeKind.POINT_DATE,
                                    justification="Соглашения подписаны позже",
                                    plan_item=point, new_point_date=D(2026, 4, 15))
    assert change.passport_section == "plan"
    agreement.agree(change, by=curator, agreed=True)
    with pytest.raises(DomainError) as e:  # the office does not approve it alone
        changes.decide_change(change, by=staff, approve=True)
    assert "проектный комитет" in e.value.message
    meeting = _committee_meeting(head, project, kind=DecisionKind.APPROVE_CHANGE)
    meetings.approve_minutes(meeting, by=head, notify_people=False)
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert PlanItem.objects.get(pk=point.pk).planned_end == D(2026, 4, 15)
    second = PassportVersion.objects.get(number=2)
    assert second.change == change
    assert second.protocol_number == str(meeting.number)
    assert "15.04.2026" in second.snapshot["sections"]["plan"]


def test_a_change_of_another_section_is_decided_by_the_office(project, staff, head, curator):
    _approved(project, staff, head, curator)
    change = changes.request_change(project, by=staff, kind=ChangeKind.SCOPE,
                                    justification="Шире", new_scope="Методичка и курс",
                                    passport_section="results")
    agreement.agree(change, by=curator, agreed=True)
    changes.decide_change(change, by=staff, approve=True)
    assert PassportVersion.objects.filter(passport__initiative=project).count() == 2


# --- pages ------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize("n", [1, 3])
def test_the_passport_page_costs_the_same_for_1_and_3(n, staff_client, staff,
                                                      django_assert_num_queries):
    project = ProjectFactory(starts_on=D(2025, 9, 1), ends_on=D(2027, 5, 31))
    ProjectRoleFactory(initiative=project)
    for i in range(n):
        indicator = IndicatorFactory(initiative=project, name=f"Показатель {i}")
        IndicatorPlanFactory(indicator=indicator, period_start=D(2026, 1, 1),
                             period_end=D(2026, 5, 31))
        PlanItemFactory(initiative=project, title=f"Точка {i}", planned_end=D(2026, 3, i + 1))
        passports.save_result(project, by=staff, title=f"Результат {i}", year=2026, value="5")
        passports.set_funding(project, by=staff, year=2025 + i % 3,
                              source=FundingSource.MUNICIPAL, amount="10")
    passports.add_approver(project, by=staff, person=UserFactory())
    url = reverse("portfolio:passport", kwargs={"pk": project.pk})
    with django_assert_num_queries(QUERIES):
        response = staff_client.get(url)
    html = response.content.decode()
    assert html.count("Показатель ") >= n and html.count("Точка ") == n


# session, user, project with its passport + 7 prefetches (roles with their people), the
# passport's 5, the sheet, form choices
QUERIES = 17


def test_a_wrong_sum_shows_the_message_and_keeps_what_was_typed(project, staff_client):
    response = staff_client.post(reverse("portfolio:passport_funding",
                                         kwargs={"pk": project.pk}),
                                 {"funding-year": "2026", "funding-source": "federal",
                                  "funding-amount": "-15,5"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Сумма не может быть отрицательной." in html
    assert 'value="-15,5"' in html


def test_the_version_page_shows_the_diff(project, staff, head, curator, staff_client):
    _approved(project, staff, head, curator)
    change = changes.request_change(project, by=staff, kind=ChangeKind.SCOPE,
                                    justification="Шире", new_scope="Курс")
    agreement.agree(change, by=curator, agreed=True)
    changes.decide_change(change, by=staff, approve=True)
    version = PassportVersion.objects.get(number=2)
    response = staff_client.get(reverse("portfolio:passport_version", kwargs={"pk": version.pk}))
    assert response.status_code == 200
    assert "Изменения относительно редакции 1" in response.content.decode()




# --- the document (ГОСТ Р 7.0.97) -------------------------------------------------------------


def test_the_approved_passport_downloads_as_pdf_and_docx(project, staff, head, curator, client,
                                                         tmp_path):
    from accounts import identity
    from accounts.documents import numbers
    from tests.factories import OfficeIdentityFactory, UserFactory
    from tests.test_documents import (
        assert_page_numbers_from_page_two,
        docx_text,
        page_images,
        pdf_pages,
    )

    OfficeIdentityFactory()
    identity.forget()
    project.leader = UserFactory(last_name="Соколова", first_name="Мария",
                                 patronymic="Викторовна")
    project.save()
    for n in range(40):  # a plan of many rows splits across the appendix's pages
        PlanItemFactory(initiative=project, number=str(n + 1), title=f"Точка плана {n + 1}",
                        planned_end=D(2026, 3, 1) + datetime.timedelta(days=n))
    meeting = _approved(project, staff, head, curator)
    version = PassportVersion.objects.get()
    document = numbers.document_of(numbers.PASSPORT, version)
    assert document.number == f"1-ПП/{meeting.local_date.year}"
    client.force_login(staff)
    response = client.get(reverse("portfolio:passport_pdf", kwargs={"pk": version.pk}))
    data = b"".join(response.streaming_content)
    pages = pdf_pages(data, tmp_path)
    first = " ".join(pages[0])
    for expected in ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА",
                     "ПАСПОРТ", f"№ {document.number}", "УТВЕРЖДЁН",
                     "протоколом заседания проектного комитета",
                     f"от {meeting.local_date:%d.%m.%Y} № {meeting.number}"):
        assert expected in first, expected
    assert not any(line == "1" for line in pages[0]) and pages[1][0] == "2"
    text = " ".join(" ".join(p) for p in pages)
    assert "Точка плана 1 " in text and "Точка плана 40" in text
    assert "М.В. Соколова" in " ".join(pages[-1]) or "М.В. Соколова" in text
    assert len(pages) >= 3
    page_images(data, tmp_path, "passport")
    response = client.get(reverse("portfolio:passport_docx", kwargs={"pk": version.pk}))
    lines = docx_text(assert_page_numbers_from_page_two(response.content))
    assert any(document.number in line for line in lines)
    assert "Руководитель проекта | ____________ | М.В. Соколова" in lines
    assert any("Точка плана 40" in line for line in lines)


def test_a_result_value_that_is_not_a_number_is_refused(project, staff):
    with pytest.raises(DomainError) as e:
        passports.save_result(project, by=staff, title="Сеть создана", year=2026, value="много")
    assert e.value.field == "value" and "Значение должно быть числом" in e.value.message
    assert passports.save_result(project, by=staff, title="Сеть создана", year=2026,
                                 value="12,5").value == Decimal("12.50")


def test_the_office_names_its_project_committee_among_the_meeting_formats(staff, client):
    from meetings import formats

    fmt = formats.save_meeting_format(by=staff, name="Проектный комитет", order=1,
                                      is_project_committee=True)
    assert fmt.is_project_committee
    client.force_login(staff)
    html = client.get(reverse("meetings:format_list")).content.decode()
    assert "проектный комитет</span>" in html
    response = client.post(reverse("meetings:format_edit", kwargs={"pk": fmt.pk}),
                           {"name": "Проектный комитет", "order": "1"})
    assert response.status_code == 302
    fmt.refresh_from_db()
    assert not fmt.is_project_committee  # an unticked box takes the flag away
