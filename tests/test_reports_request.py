"""Reports on request (сводная отчётность по запросу): staff choose a period, a direction, an
organisation and a state; the same task builds the same sections as PDF and as XLSX."""

import datetime
import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from accounts.enums import OfficeRole
from initiatives.enums import InitiativeState as S
from reports.enums import ReportKind, ReportStatus
from reports.models import GeneratedReport
from tests.factories import (
    DirectionFactory,
    GeneratedReportFactory,
    InitiativeFactory,
    OrganisationFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def pdf_text(path):
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def staff(client):
    person = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(person)
    return person


def test_a_report_on_request_is_built_as_pdf_and_xlsx_for_its_scope(
    staff, client, django_capture_on_commit_callbacks
):
    quality = DirectionFactory(name="Повышение качества образования в ОУ")
    school = OrganisationFactory(short_name="МБОУ СОШ № 7")
    during = {"starts_on": D(2022, 9, 1), "ends_on": D(2023, 5, 31), "state": S.IN_PROGRESS}
    InitiativeFactory(direction=quality, organisation=school, title="Качество в школе № 7",
                      **during)
    InitiativeFactory(direction=quality, title="Качество в другой школе", **during)
    InitiativeFactory(organisation=school, title="Другое направление", **during)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request"), {
            "start": "2022-09-01", "end": "2022-12-31", "direction": quality.pk,
            "organisation": school.pk, "state": S.IN_PROGRESS})

    report = GeneratedReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert (report.kind, report.status, report.requested_by, report.params) == (
        ReportKind.ON_REQUEST, ReportStatus.DONE, staff,
        {"start": "2022-09-01", "end": "2022-12-31", "direction": quality.pk,
         "direction_name": "Повышение качества образования в ОУ", "organisation": school.pk,
         "organisation_name": "МБОУ СОШ № 7", "state": "in_progress"})
    text = pdf_text(report.pdf.path)
    assert "Отчёт проектного офиса по запросу" in text
    assert "Период: с 01.09.2022 по 31.12.2022" in text
    assert "Организация: МБОУ СОШ № 7" in text
    assert "С 01.09.2022 по 31.12.2022 1 из 1 управленческих проектов" in text

    download = client.get(reverse("reports:download_xlsx", args=[report.pk]))
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert download["Content-Disposition"] == (
        f'attachment; filename="otchet-po-zaprosu-{report.pk}.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.sheetnames[:2] == ["Отчёт", "1. Проекты по направлениям"]
    rows = list(book["1. Проекты по направлениям"].iter_rows(values_only=True))
    assert rows == [("Проекты по направлениям", None), ("Направление", "Проекты"),
                    ("Повышение качества образования в ОУ", 1)]
    summary = list(book["Отчёт"].iter_rows(max_row=4, values_only=True))
    assert summary[:4] == [
        ("Отчёт проектного офиса по запросу", None),
        ("Период", "с 01.09.2022 по 31.12.2022"),
        ("Направление", "Повышение качества образования в ОУ"),
        ("Организация", "МБОУ СОШ № 7"),
    ]
    # one sheet per table of the PDF
    assert len(book.sheetnames) - 1 == text.count("Таблица ") - text.count("Таблица %")


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"start": "2022-12-31", "end": "2022-01-01"}, "end", "Конец периода раньше его начала."),
    ({"start": "", "end": "2022-01-01"}, "start", "Укажите первый день периода."),
    ({"start": "2022-01-01", "end": ""}, "end", "Укажите последний день периода."),
    ({"start": "2010-01-01", "end": "2022-01-01"}, "start",
     "Данные на портале есть с 01.01.2019: выберите начало не раньше."),
    ({"start": "2019-01-01", "end": "2025-01-01"}, "end", "Выберите период не длиннее пяти лет."),
    ({"start": "2022-02-31", "end": "2022-03-01"}, "start", "Введите правильную дату."),
    ({"start": "2022-01-01", "end": "2022-03-01", "direction": "abc"}, "direction",
     "Выберите корректный вариант. Вашего варианта нет среди допустимых значений."),
    ({"start": "2022-01-01", "end": "2022-03-01", "organisation": "999999"}, "organisation",
     "Выберите корректный вариант. Вашего варианта нет среди допустимых значений."),
    ({"start": "2022-01-01", "end": "2022-03-01", "state": "nonsense"}, "state",
     "Выберите корректный вариант. nonsense нет среди допустимых значений."),
])
def test_bad_parameters_are_refused_beside_their_field_and_nothing_typed_is_lost(
    staff, client, data, field, message
):
    response = client.post(reverse("reports:request"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [message]
    page = response.content.decode()
    assert message in page
    for name, value in data.items():
        if value and name in ("start", "end") and name != field:
            assert f'value="{value}"' in page
    assert GeneratedReport.objects.count() == 0


def test_a_period_starting_in_the_future_is_refused(staff, client):
    later = datetime.date.today() + datetime.timedelta(days=40)
    response = client.post(reverse("reports:request"), {
        "start": later.isoformat(), "end": (later + datetime.timedelta(days=5)).isoformat()})
    assert response.context["form"].errors["start"] == ["Период не может начинаться в будущем."]


def test_the_list_shows_the_kind_and_the_parameters_of_each_report(staff, client):
    GeneratedReportFactory(requested_by=staff, params={"year": 2022})
    GeneratedReportFactory(requested_by=staff, kind=ReportKind.ON_REQUEST, params={
        "start": "2022-02-01", "end": "2022-06-30", "organisation": 5,
        "organisation_name": "МБУ № 41", "state": "in_progress"})
    page = " ".join(client.get(reverse("reports:list")).content.decode().split())
    assert "Период: с 01.02.2022 по 30.06.2022; Организация: МБУ № 41; Состояние проектных " \
           "замыслов: в реализации" in page
    assert "Период: 2022 год" in page
    assert "Отчёт по запросу №" in page


@pytest.mark.parametrize("n", [1, 3])
def test_the_request_page_makes_the_same_queries_for_any_number_of_choices(
    n, staff, client, django_assert_num_queries
):
    DirectionFactory.create_batch(n)
    OrganisationFactory.create_batch(n)
    # session, user, directions, calls: the organisations come as one types
    # (reports:request_choices)
    with django_assert_num_queries(4):
        response = client.get(reverse("reports:request"))
    assert len(response.context["form"].fields["direction"].choices) == n + 1


def test_junk_in_the_query_string_is_ignored(staff, client):
    assert client.get(reverse("reports:request"), {"start": "x", "direction": "'"}).status_code \
        == 200
    assert client.get(reverse("reports:list"), {"page": "abc"}).status_code == 404
