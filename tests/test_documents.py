"""Official documents to ГОСТ Р 7.0.97 (issue 25, item 5): «И.О. Фамилия», one layout for the
protocol and the conclusion (and the reports), read back from the PDF with pdftotext and from
the DOCX with python-docx; registration numbers per kind and year."""

import datetime
import io
import subprocess
import threading
from decimal import Decimal

import docx
import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, connections
from django.urls import reverse

from accounts.documents import layout, numbers
from accounts.documents.docx import CONTENT_TYPE, render_docx
from accounts.enums import AuditAction
from accounts.identity import load
from accounts.models import AuditRecord, DocumentSequence, IssuedDocument
from accounts.pdf import render_pdf
from expertise import pdf as conclusion_pdf
from initiatives.enums import ReviewStatus
from meetings import minutes
from portfolio import services as monitoring
from portfolio.models import ProgressReport
from tests.conftest import ARTIFACTS
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ConclusionFactory,
    DecisionFactory,
    DecisionTaskFactory,
    IndicatorActualFactory,
    IndicatorFactory,
    IndicatorPlanFactory,
    InitiativeFactory,
    MeetingFactory,
    OfficeIdentityFactory,
    ProgressReportFactory,
    ProjectFactory,
    ReportingPeriodFactory,
    RiskFactory,
    UserFactory,
    issued_conclusion,
    person_with_roles,
)

# the session and its person, the report, its document, the identity, plans, actuals, risks …
QUERIES_REPORT_DOCX = 9
QUERIES_MINUTES_DOCX = 12


# --- «И.О. Фамилия» --------------------------------------------------------------------------


@pytest.mark.parametrize(("parts", "expected"), [
    (("Соколова", "Мария", "Викторовна"), "М.В. Соколова"),
    (("Соколова", "Мария", ""), "М. Соколова"),
    (("Соколова", "", ""), "Соколова"),
    (("Иванова-Петрова", "Анна-Мария", "Сергеевна"), "А.-М.С. Иванова-Петрова"),
    (("", "Мария", ""), "М."),
    (("  Соколова ", " мария", "викторовна "), "М.В. Соколова"),
])
def test_signature_name_puts_the_initials_before_the_surname(parts, expected):
    assert layout.signature_name(*parts) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Соколова Мария Викторовна", "М.В. Соколова"),
    ("Соколова М. В.", "М.В. Соколова"),
    ("Соколова М.В.", "М.В. Соколова"),
    ("М.В. Соколова", "М.В. Соколова"),
    ("М. В. Соколова", "М.В. Соколова"),
    ("Соколова", "Соколова"),
    ("Иванова-Петрова Анна-Мария Сергеевна", "А.-М.С. Иванова-Петрова"),
    ("  ", ""),
])
def test_a_typed_name_is_written_as_in_a_signature(text, expected):
    assert layout.signature_name_of_text(text) == expected


@pytest.mark.django_db
def test_a_person_without_a_surname_signs_with_the_username():
    assert layout.person_signature_name(UserFactory(last_name="", username="guest7")) == "guest7"
    assert layout.person_signature_name(None) == ""


# --- reading the files back ------------------------------------------------------------------


def pdf_pages(data, tmp_path, name="doc"):
    """The text of each page (pdftotext -layout), whitespace collapsed per line."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    # pdftotext runs «№ 4» together to «№4»; the tests write the number as «№ 4»
    return [[" ".join(line.split()).replace("№", "№ ").replace("№  ", "№ ")
             for line in page.splitlines() if line.strip()]
            for page in text.split("\f") if page.strip()]


def page_images(data, tmp_path, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", "2", str(path),
                    str(ARTIFACTS / name)], check=True)


def docx_text(document):
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return lines


def has_page_field(part_element):
    xml = part_element.xml
    return 'w:instr="PAGE"' in xml or ("instrText" in xml and " PAGE " in xml)


def assert_page_numbers_from_page_two(data):
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert not has_page_field(section.first_page_header._element)
    assert has_page_field(section.header._element)
    assert [round(m.mm) for m in (section.top_margin, section.right_margin,
                                  section.bottom_margin, section.left_margin)] == [20, 10, 20, 20]
    return document


# --- the protocol --------------------------------------------------------------------------------


@pytest.fixture
def long_meeting(db):
    OfficeIdentityFactory()
    chair = UserFactory(last_name="Соколова", first_name="Мария", patronymic="Викторовна")
    secretary = UserFactory(last_name="Дроздов-Лесной", first_name="Василий", patronymic="")
    meeting = MeetingFactory(chair=chair, secretary=secretary, number=4)
    for person in (chair, secretary):
        AttendanceFactory(meeting=meeting, person=person)
    for n in range(1, 7):
        item = AgendaItemFactory(meeting=meeting, title=f"Вопрос {n} о проектах сети",
                                 heard="Доклад о ходе работ.\n" * 8)
        DecisionTaskFactory(decision=DecisionFactory(item=item, text=f"Решение по вопросу {n}."),
                            owner=secretary)
    return meeting


def test_the_protocol_pdf_has_the_layout_and_no_number_on_page_one(long_meeting, tmp_path):
    data = minutes.render_minutes_pdf(long_meeting)
    pages = pdf_pages(data, tmp_path)
    assert len(pages) >= 2
    first, second = pages[0], pages[1]
    text = " ".join(first)
    assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА" in text
    assert "ПРОТОКОЛ" in first
    date = f"{long_meeting.local_date:%d.%m.%Y}"
    assert f"{date} № 4" in first
    assert "Лесногорск" in first
    assert "заседания проектного офиса" in first
    assert first[0] != "1" and not any(line == "1" for line in first)
    assert second[0] == "2"
    last = " ".join(pages[-1])
    assert "Председатель" in last and "М.В. Соколова" in last
    assert "В. Дроздов-Лесной" in last
    page_images(data, tmp_path, "documents-protocol")


def test_the_protocol_docx_has_the_same_layout(long_meeting):
    data = render_docx("meetings/pdf/minutes.html", minutes.minutes_context(long_meeting))
    document = assert_page_numbers_from_page_two(data)
    lines = docx_text(document)
    assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА".lower() in [
        line.lower() for line in lines]
    assert f"{long_meeting.local_date:%d.%m.%Y} | №\u00a04" in lines
    assert "Председатель | ____________ | М.В. Соколова" in lines
    assert "1. Вопрос 1 о проектах сети" in lines
    heard = next(p for p in document.paragraphs if p.text.startswith("СЛУШАЛИ:"))
    assert heard.runs[0].bold and not heard.runs[-1].bold
    assert heard.text.count("\n") == 8  # the report's line breaks are kept
    (ARTIFACTS / "documents-protocol.docx").write_bytes(data)


def test_the_minutes_docx_downloads_beside_the_pdf(long_meeting, client):
    long_meeting.minutes_pdf.save("protokol.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    client.force_login(person_with_roles("office_staff"))
    page = client.get(reverse("meetings:detail", args=[long_meeting.pk])).content.decode()
    url = reverse("meetings:minutes_docx", args=[long_meeting.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == (
        f'attachment; filename="protokol-4-{long_meeting.local_date:%Y-%m-%d}.docx"')
    document = assert_page_numbers_from_page_two(response.content)
    assert "Секретарь | ____________ | В. Дроздов-Лесной" in docx_text(document)


# --- the conclusion ------------------------------------------------------------------------------


@pytest.fixture
def conclusion(db):
    OfficeIdentityFactory()
    composer = UserFactory(last_name="Котова", first_name="Элла", patronymic="Андреевна")
    conclusion = issued_conclusion(InitiativeFactory(title="Сетевая школа наставников"),
                                   composed_by=composer, conditions="Уточнить показатели.\n"
                                   "Добавить план мероприятий.", summary="Итог экспертизы. " * 300)
    return conclusion


def test_the_conclusion_pdf_carries_the_stamp_number_and_signature(conclusion, tmp_path):
    data = conclusion_pdf.render_conclusion(conclusion)
    pages = pdf_pages(data, tmp_path)
    first = " ".join(pages[0])
    issued = layout.document_date(conclusion.issued_at)
    for expected in ("УТВЕРЖДАЮ", "Начальник проектного офиса", "А.Б. Ковалёва",
                     "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА",
                     "ЭКСПЕРТНОЕ ЗАКЛЮЧЕНИЕ", f"{issued} № {conclusion.number}",
                     "по проектному замыслу «Сетевая школа наставников»"):
        assert expected in first
    assert not any(line == "1" for line in pages[0])
    assert pages[1][0] == "2"
    assert "Подготовил ____" not in " ".join(pages[-1])  # the line is drawn, not typed
    assert "Э.А. Котова" in " ".join(pages[-1])
    page_images(data, tmp_path, "documents-conclusion")


def test_the_conclusion_docx_reads_back(conclusion, client):
    client.force_login(person_with_roles("office_staff"))
    response = client.get(reverse("initiatives:conclusion_docx", args=[conclusion.pk]))
    document = assert_page_numbers_from_page_two(response.content)
    lines = docx_text(document)
    assert f"{layout.document_date(conclusion.issued_at)} | №\u00a0{conclusion.number}" in lines
    assert "Подготовил | ____________ | Э.А. Котова" in lines
    stamp = document.tables[0].cell(0, 1).text
    assert stamp.split("\n") == ["УТВЕРЖДАЮ", "Начальник проектного офиса",
                                  "____________ А.Б. Ковалёва",
                                  layout.document_date(conclusion.issued_at)]
    conditions = next(p for p in document.paragraphs if p.text.startswith("Уточнить"))
    assert conditions.text == "Уточнить показатели.\nДобавить план мероприятий."
    (ARTIFACTS / "documents-conclusion.docx").write_bytes(response.content)


def test_a_draft_conclusion_has_no_docx(db, client):
    draft = ConclusionFactory()
    client.force_login(person_with_roles("office_staff"))
    # a draft has no number yet: as its PDF, it is no document to download
    assert client.get(reverse("initiatives:conclusion_docx", args=[draft.pk])).status_code == 403


# --- registration numbers of new kinds -----------------------------------------------------------


@pytest.fixture
def project(db):
    OfficeIdentityFactory()
    leader = UserFactory(last_name="Соколова", first_name="Мария", patronymic="Викторовна")
    project = ProjectFactory(leader=leader, title="Наставничество в сети школ")
    plan = IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project, name="Доля педагогов"))
    IndicatorActualFactory(plan=plan, value=Decimal("40"), status=ReviewStatus.ACCEPTED)
    return project


def _submitted(project, title="I полугодие 2021/2022"):
    period = ReportingPeriodFactory(initiative=project, title=title)
    return monitoring.save_report(period, by=project.leader, submit=True,
                                  done="Проведены сетевые семинары.\n" * 40,
                                  results="Педагоги освоили практики.", problems="Нагрузка.",
                                  next_steps="Апробация.")


def test_accepting_reports_numbers_them_in_order_per_kind_and_year(project):
    staff = person_with_roles("office_staff")
    first, second, returned = (_submitted(project, t) for t in ("I", "II", "III"))
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)):
        monitoring.decide_report(first, by=staff, accept=True)
        monitoring.decide_report(second, by=staff, accept=True)
        monitoring.decide_report(returned, by=staff, accept=False, comment="Дополнить.")
    assert [(d.number, d.issued_on, d.issued_by) for d in IssuedDocument.objects.order_by(
        "serial")] == [("1-ОХР/2026", datetime.date(2026, 3, 2), staff),
                       ("2-ОХР/2026", datetime.date(2026, 3, 2), staff)]
    assert numbers.document_of(numbers.PROGRESS_REPORT, first).number == "1-ОХР/2026"
    assert numbers.document_of(numbers.PROGRESS_REPORT, returned) is None
    # issuing again keeps the number; a new year starts from 1; another kind has its own count
    assert numbers.issue_document(numbers.PROGRESS_REPORT, first).number == "1-ОХР/2026"
    assert numbers.issue_document(numbers.PROGRESS_REPORT, returned, on=datetime.date(
        2027, 1, 10)).number == "1-ОХР/2027"
    assert numbers.issue_document(numbers.PASSPORT, project, on=datetime.date(
        2026, 5, 1)).number == "1-ПП/2026"
    assert AuditRecord.objects.filter(action=AuditAction.DOCUMENT_ISSUED).count() == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_unique_ordered_numbers():
    """Eight threads, each with its own PostgreSQL connection, issue at once."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    people = [UserFactory() for _ in range(8)]
    barrier = threading.Barrier(len(people))
    errors = []

    def issue(person):
        try:
            barrier.wait(timeout=10)
            numbers.issue_document(numbers.FINAL_REPORT, person, on=datetime.date(2026, 6, 1))
        except Exception as e:  # noqa: BLE001 — reported below
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    rows = list(IssuedDocument.objects.order_by("pk").values_list("serial", "number"))
    # numbers 1..8, each once, given in the order the rows were written
    assert rows == [(n, f"{n}-ИО/2026") for n in range(1, 9)]
    assert DocumentSequence.objects.get(kind=numbers.FINAL_REPORT, year=2026).last == 8


# --- the progress report and the final report ----------------------------------------------------


def test_the_accepted_progress_report_downloads_as_pdf_and_docx(project, client, tmp_path):
    staff = person_with_roles("office_staff")
    report = _submitted(project)
    monitoring.decide_report(report, by=staff, accept=True)
    issued = numbers.document_of(numbers.PROGRESS_REPORT, report)
    number = issued.number
    client.force_login(staff)
    page = client.get(reverse("initiatives:report", args=[report.period_id])).content.decode()
    pdf_url = reverse("initiatives:report_pdf", args=[report.pk])
    docx_url = reverse("initiatives:report_docx", args=[report.pk])
    assert f'href="{pdf_url}"' in page and f'href="{docx_url}"' in page
    response = client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    pages = pdf_pages(data, tmp_path)
    first = " ".join(pages[0])
    for expected in ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА",
                     "ОТЧЁТ", f"№ {number}", "о ходе реализации проекта «Наставничество в сети "
                     "школ» за период «I полугодие 2021/2022»"):
        assert expected in first
    assert "Доля педагогов" in " ".join(" ".join(p) for p in pages)
    assert not any(line == "1" for line in pages[0]) and pages[1][0] == "2"
    last = " ".join(pages[-1])
    assert "Руководитель проекта" in last and "М.В. Соколова" in last
    page_images(data, tmp_path, "documents-progress-report")
    response = client.get(docx_url)
    document = assert_page_numbers_from_page_two(response.content)
    lines = docx_text(document)
    assert f"{layout.document_date(issued.issued_on)} | №\u00a0{number}" in lines
    assert "Руководитель проекта | ____________ | М.В. Соколова" in lines
    assert "Доля педагогов | % | I полугодие 2021/2022 | 50 | 40" in lines
    (ARTIFACTS / "documents-progress-report.docx").write_bytes(response.content)


def test_a_report_accepted_before_numbers_gets_one_dated_by_its_acceptance(project, client):
    report = ProgressReportFactory(period=ReportingPeriodFactory(initiative=project),
                                   status=ReviewStatus.ACCEPTED,
                                   decided_at=datetime.datetime(2025, 1, 20, 8, tzinfo=datetime.UTC))
    client.force_login(person_with_roles("office_staff"))
    response = client.get(reverse("initiatives:report_docx", args=[report.pk]))
    assert response.status_code == 200
    document = numbers.document_of(numbers.PROGRESS_REPORT, report)
    assert (document.number, document.issued_on) == ("1-ОХР/2025", datetime.date(2025, 1, 20))
    client.get(reverse("initiatives:report_docx", args=[report.pk]))
    assert IssuedDocument.objects.count() == 1


def test_the_final_report_is_numbered_approved_and_signed(project, client, tmp_path):
    staff = person_with_roles("office_staff")
    monitoring.complete_project(project, by=staff, summary="Проект выполнен.\n" * 60,
                                notify=False)
    report = project.final_report
    document = numbers.document_of(numbers.FINAL_REPORT, report)
    assert document.number == f"1-ИО/{document.issued_on.year}"
    client.force_login(staff)
    response = client.get(reverse("initiatives:final_report_pdf", args=[project.pk]))
    data = b"".join(response.streaming_content)
    pages = pdf_pages(data, tmp_path)
    first = " ".join(pages[0])
    for expected in ("УТВЕРЖДАЮ", "Начальник проектного офиса", "А.Б. Ковалёва",
                     "ИТОГОВЫЙ ОТЧЁТ", f"№ {document.number}",
                     "о реализации проекта «Наставничество в сети школ»"):
        assert expected in first
    assert pages[1][0] == "2"
    assert "М.В. Соколова" in " ".join(pages[-1])
    page_images(data, tmp_path, "documents-final-report")
    response = client.get(reverse("initiatives:final_report_docx", args=[project.pk]))
    lines = docx_text(assert_page_numbers_from_page_two(response.content))
    assert "Доля педагогов | 70.00 % | 40.00 | нет" in [" ".join(line.split()) for line in lines]


HOSTILE = ('<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
           '<b>жирный</b> <main>вложенный</main>')


def test_text_people_wrote_is_text_in_both_files(project, client, tmp_path):
    staff = person_with_roles("office_staff")
    period = ReportingPeriodFactory(initiative=project)
    report = monitoring.save_report(period, by=project.leader, submit=True, done=HOSTILE,
                                    results="—", problems="—", next_steps="—")
    monitoring.decide_report(report, by=staff, accept=True)
    client.force_login(staff)
    data = b"".join(client.get(reverse("initiatives:report_pdf", args=[report.pk]))
                    .streaming_content)
    text = " ".join(" ".join(p) for p in pdf_pages(data, tmp_path))
    assert '<img src="file:///etc/passwd">' in text and "<b>жирный</b>" in text
    assert b"/Subtype /Image" not in data
    document = docx.Document(io.BytesIO(client.get(reverse(
        "initiatives:report_docx", args=[report.pk])).content))
    (done,) = [p for p in document.paragraphs if "passwd" in p.text]
    assert done.text == HOSTILE
    assert not any(run.bold for run in done.runs)


# --- constant SQL ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_the_report_docx_costs_the_same_queries_for_1_and_3_rows(n, project, client,
                                                                 django_assert_num_queries):
    staff = person_with_roles("office_staff")
    report = _submitted(project)
    for k in range(n - 1):
        plan = IndicatorPlanFactory(indicator=IndicatorFactory(initiative=project, name=f"П{k}"))
        IndicatorActualFactory(plan=plan, status=ReviewStatus.ACCEPTED)
    for _ in range(n):
        RiskFactory(initiative=project)
    monitoring.decide_report(report, by=staff, accept=True)
    client.force_login(staff)
    ContentType.objects.get_for_model(ProgressReport)  # the content-type cache is warm in a server
    with django_assert_num_queries(QUERIES_REPORT_DOCX):
        response = client.get(reverse("initiatives:report_docx", args=[report.pk]))
    assert len(docx.Document(io.BytesIO(response.content)).tables[2].rows) == n + 1  # + header


@pytest.mark.parametrize("n", [1, 3])
def test_the_minutes_docx_costs_the_same_queries_for_1_and_3_items(n, db, client,
                                                                   django_assert_num_queries):
    meeting = MeetingFactory()
    for k in range(n):
        item = AgendaItemFactory(meeting=meeting, title=f"Вопрос {k}")
        DecisionTaskFactory(decision=DecisionFactory(item=item), owner=UserFactory())
        AttendanceFactory(meeting=meeting, person=UserFactory())
    meeting.minutes_pdf.save("protokol.pdf", ContentFile(b"%PDF-1.4\\n"), save=True)
    client.force_login(person_with_roles("office_staff"))
    with django_assert_num_queries(QUERIES_MINUTES_DOCX):
        response = client.get(reverse("meetings:minutes_docx", args=[meeting.pk]))
    assert f"{n}. Вопрос {n - 1}" in docx_text(docx.Document(io.BytesIO(response.content)))


# --- the layout alone (what the passport will use) -------------------------------------------------


def test_a_document_approved_by_the_committee_carries_the_stamp_in_both_files(db, tmp_path):
    OfficeIdentityFactory()
    head = layout.document_head(
        load(), kind="Паспорт", date=datetime.date(2026, 6, 2), number="1-ПП/2026",
        title="муниципального проекта «Наставничество»",
        stamp=layout.approved_by_stamp(document="протоколом заседания проектного комитета",
                                       date=datetime.date(2026, 6, 1), number="5"),
        signatures=[layout.Signature("Куратор проекта", layout.signature_name_of_text(
            "Петрова Ольга Игоревна"))])
    data, pages = render_pdf("documents/base.html", {"doc": head})
    text = " ".join(pdf_pages(data, tmp_path)[0])
    assert pages == 1
    for expected in ("УТВЕРЖДЁН протоколом заседания проектного комитета от 01.06.2026 № 5",
                     "ПАСПОРТ", "02.06.2026 № 1-ПП/2026", "Куратор проекта",
                     "О.И. Петрова"):
        assert expected in text
    document = docx.Document(io.BytesIO(render_docx("documents/base.html", {"doc": head})))
    assert document.tables[0].cell(0, 1).text.split("\n") == [
        "УТВЕРЖДЁН", "протоколом заседания проектного комитета", "от 01.06.2026 № 5"]
