"""The annual report: its figures from the data, its PDF, its build in the background."""

import datetime
import subprocess
import time
from collections import Counter

import pytest
from django.urls import reverse

from accounts.enums import OfficeRole
from accounts.models import AuditRecord
from initiatives.enums import InitiativeState as S
from initiatives.models import Initiative
from reports import build
from reports.annual import portfolio_section
from reports.enums import ReportStatus
from reports.models import GeneratedReport
from tests.factories import (
    DirectionFactory,
    GeneratedReportFactory,
    InitiativeFactory,
    PortfolioFactory,
    person_with_roles,
)

pytestmark = pytest.mark.django_db

PORTFOLIO = "Формирование нового стиля управления административных команд образовательных учреждений"


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def portfolio_2022():
    portfolio = PortfolioFactory(name=PORTFOLIO)
    method = DirectionFactory(portfolio=portfolio, name="Методическое сопровождение деятельности "
                              "педагогических работников")
    quality = DirectionFactory(portfolio=portfolio, name="Повышение качества образования в ОУ")
    other = DirectionFactory(portfolio=portfolio, name="Воспитание и социализация")
    during = {"starts_on": datetime.date(2021, 9, 1), "ends_on": datetime.date(2022, 12, 31)}
    for direction, n in ((method, 3), (quality, 2), (other, 1)):
        InitiativeFactory.create_batch(n, direction=direction, state=S.IN_PROGRESS, **during)
    # not counted: a draft, and a project that ended before 2022
    InitiativeFactory(direction=other, state=S.DRAFT, **during)
    InitiativeFactory(direction=other, state=S.CLOSED, starts_on=datetime.date(2020, 9, 1),
                      ends_on=datetime.date(2021, 5, 31))
    return portfolio


def test_portfolio_section_counts_projects_per_direction_and_names_the_top_two(portfolio_2022):
    section = portfolio_section(2022)
    assert section.tables[0].rows == [
        ["Методическое сопровождение деятельности педагогических работников", 3],
        ["Повышение качества образования в ОУ", 2],
        ["Воспитание и социализация", 1],
    ]
    assert section.paragraphs[0] == (
        f"В 2022 году 6 из 6 управленческих проектов образовательных организаций входят в "
        f"управленческий портфель департамента образования «{PORTFOLIO}».")
    assert section.paragraphs[1] == (
        "Наибольшее количество проектов представлено в направлениях «Методическое сопровождение "
        "деятельности педагогических работников» (3), «Повышение качества образования в ОУ» (2).")


def test_asking_builds_the_pdf_after_commit_with_the_portfolio_and_top_directions(
    portfolio_2022, client, django_capture_on_commit_callbacks
):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:list"), {"year": "2022"})
    report = GeneratedReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert (report.status, report.progress, report.params, report.requested_by) == (
        ReportStatus.DONE, 100, {"year": 2022}, staff)
    text = " ".join(pdf_text(report.pdf.path).split())
    assert "Аналитический отчёт проектного офиса за 2022 год" in text
    assert PORTFOLIO in text
    assert "«Методическое сопровождение деятельности педагогических работников» (3), «Повышение " \
           "качества образования в ОУ» (2)" in text
    download = client.get(reverse("reports:download", args=[report.pk]))
    assert (download["Content-Type"], download["X-Content-Type-Options"]) == (
        "application/pdf", "nosniff")
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_year_out_of_range_is_refused_beside_the_field(client):
    client.force_login(person_with_roles(OfficeRole.OFFICE_STAFF))
    response = client.post(reverse("reports:list"), {"year": "9999"})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert GeneratedReport.objects.count() == 0


def test_building_twice_makes_one_pdf(portfolio_2022):
    report = GeneratedReportFactory(status=ReportStatus.QUEUED, pdf="", progress=0)
    first = build.build_report(report.pk)
    second = build.build_report(report.pk)
    assert (first.status, second.pdf.name, second.attempts) == (ReportStatus.DONE, first.pdf.name, 1)
    assert AuditRecord.objects.filter(action="report_built", object_id=str(report.pk)).count() == 1


def test_a_failure_shows_its_reason_and_can_be_retried(client, django_capture_on_commit_callbacks):
    report = GeneratedReportFactory(status=ReportStatus.QUEUED, pdf="", params={"year": "not a year"})
    failed = build.build_report(report.pk)
    assert failed.status == ReportStatus.FAILED
    assert failed.error.startswith("ValueError:")
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    client.force_login(staff)
    assert "Отчёт не удалось сформировать" in client.get(failed.get_absolute_url()).content.decode()
    GeneratedReport.objects.filter(pk=report.pk).update(params={"year": 2022})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:retry", args=[report.pk]))
    assert GeneratedReport.objects.get(pk=report.pk).status == ReportStatus.DONE


@pytest.mark.parametrize("n", [1, 3])
def test_report_list_query_count_is_constant(n, client, django_assert_num_queries):
    staff = person_with_roles(OfficeRole.OFFICE_STAFF)
    GeneratedReportFactory.create_batch(n, requested_by=staff)
    client.force_login(staff)
    with django_assert_num_queries(5):  # … and the calls the report may be narrowed to
        response = client.get(reverse("reports:list"))
    assert len(response.context["reports"]) == n


@pytest.mark.celery
def test_the_2022_report_on_the_demo_data_through_a_real_worker(celery_worker, demo, client):
    from accounts.models import User

    client.force_login(User.objects.get(username="staff"))
    client.post(reverse("reports:list"), {"year": "2022"})
    report = GeneratedReport.objects.get()
    deadline = time.monotonic() + 90
    while report.status not in (ReportStatus.DONE, ReportStatus.FAILED) and time.monotonic() < deadline:
        time.sleep(0.5)
        report.refresh_from_db()
    assert (report.status, report.error) == (ReportStatus.DONE, "")
    response = client.get(reverse("reports:download", args=[report.pk]))
    path = celery_worker.mail_dir.parent / "annual-2022.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    text = " ".join(pdf_text(path).split())
    # the title page names the body and the place the demo's identity sets
    assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЧАЙКОВСКОГО ГОРОДСКОГО ОКРУГА" in text
    assert f"Чайковский, {report.finished_at.astimezone():%d.%m.%Y}" in text
    # the two directions with most projects running in 2022, counted here independently
    running = Initiative.objects.filter(
        state__in=[S.APPROVED, S.IN_PROGRESS, S.COMPLETED, S.CLOSED],
        starts_on__lte=datetime.date(2022, 12, 31), ends_on__gte=datetime.date(2022, 1, 1))
    top = Counter(running.values_list("direction__name", flat=True)).most_common(2)
    assert PORTFOLIO in text
    assert ("Наибольшее количество проектов представлено в направлениях "
            f"«{top[0][0]}» ({top[0][1]}), «{top[1][0]}» ({top[1][1]})") in text
    part, total = incentive_share_by_hand(2022)
    assert total > part > 0  # the demo has organisations with and without both mechanisms
    assert (f"В {round(100 * part / total)}% организаций, реализующих управленческие проекты "
            f"({part} из {total}), созданы механизмы материального и морального "
            "стимулирования") in text
    # the three methodical products of 2022 that the seed names (МБУ №№ 41, 88; «Свежий ветер»)
    assert ("Запланированные за отчётный период 3 методические разработки (МБОУ ДО «Свежий "
            "ветер», МБУ № 41, МБУ № 88) размещены") in text
    for section in ("Заседания проектного офиса и их решения", "Экспертиза: оценка и сопровождение",
                    "Состояние сетей", "Функции проектного офиса: по Положению и на деле",
                    "План на 2023 год"):
        assert section in text
    # the functions comparison states the same verdicts as the head's dashboard for 2022
    from reports import functions, metrics

    counts = functions.summary(functions.functions_in(metrics.Period(2022)))
    assert (f"Из 13 функций, которые Положение возлагает на проектный офис, по записям портала в "
            f"периоде выполняются {counts['performed']}, частично — {counts['partly']}, не "
            f"выполняются — {counts['not_performed']}.") in text


def incentive_share_by_hand(year):
    """Organisations running projects in the year with both kinds of incentive documents dated
    by its end, counted from the raw rows with SQL and Python (not through the ORM's figures)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT organisation_id, state, starts_on, ends_on FROM initiatives_initiative")
        running = {
            org for org, state, starts, ends in cursor.fetchall()
            if state in ("in_progress", "completed", "closed")
            and (starts is None or starts <= datetime.date(year, 12, 31))
            and (ends is None or ends >= datetime.date(year, 1, 1))
        }
        cursor.execute("SELECT organisation_id, kind, document_date FROM initiatives_incentive")
        kinds = {}
        for org, kind, dated in cursor.fetchall():
            if dated <= datetime.date(year, 12, 31):
                kinds.setdefault(org, set()).add(kind)
    both = {org for org in running if kinds.get(org, set()) >= {"material", "moral"}}
    return len(both), len(running)


def test_a_long_table_is_cut_in_the_pdf_and_whole_in_the_xlsx(portfolio_2022, monkeypatch):
    """A region's tables run to thousands of rows: the PDF shows the first
    ``PDF_TABLE_ROWS`` of each and says the XLSX has them all; the XLSX has every row."""
    import openpyxl

    from reports import document

    monkeypatch.setattr(document, "PDF_TABLE_ROWS", 2)
    report = build.build_report(GeneratedReportFactory(status=ReportStatus.QUEUED, pdf="",
                                                       progress=0).pk)
    text = " ".join(pdf_text(report.pdf.path).split())
    assert "Показаны строки 1–2 из 3; все строки — в XLSX-файле отчёта." in text
    assert "Воспитание и социализация" not in text.split("Проекты по направлениям")[1][:600]
    cells = {str(c.value) for sheet in openpyxl.load_workbook(report.xlsx.path)
             for row in sheet.iter_rows() for c in row}
    assert {"Методическое сопровождение деятельности педагогических работников",
            "Повышение качества образования в ОУ", "Воспитание и социализация"} <= cells
