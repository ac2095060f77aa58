"""Official documents to ГОСТ Р 7.0.97 (issue 25, item 5): «И.О. Фамилия», one layout for the
protocol and the conclusion (and the reports), read back from the PDF with pdftotext and from
the DOCX with python-docx; registration numbers per kind and year."""

import io
import subprocess

import docx
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.documents import layout
from accounts.documents.docx import CONTENT_TYPE, render_docx
from initiatives import pdf as conclusion_pdf
from meetings import minutes
from tests.conftest import ARTIFACTS
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ConclusionFactory,
    DecisionFactory,
    DecisionTaskFactory,
    InitiativeFactory,
    MeetingFactory,
    OfficeIdentityFactory,
    UserFactory,
    issued_conclusion,
    person_with_roles,
)

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
