"""Attachments: checked by content, limited in size, stored outside static, served after a
permission check as a download."""

import io
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.files import check_upload, detect
from initiatives.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
PPTX = _zip({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
ODS = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("a.pdf", PDF, "pdf"), ("b.docx", DOCX, "docx"), ("c.xlsx", XLSX, "xlsx"),
    ("d.pptx", PPTX, "pptx"), ("e.odt", ODT, "odt"), ("f.ods", ODS, "ods"),
    ("g.png", PNG, "png"), ("h.JPG", JPEG, "jpeg"),
])
def test_each_accepted_format_is_recognised_by_content(name, data, kind):
    checked = check_upload(SimpleUploadedFile(name, data))
    assert (checked.kind, checked.size, checked.original_name) == (kind, len(data), name)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("отчёт.pdf", EXE, "Файл «отчёт.pdf» не является файлом PDF: его содержимое — исполняемая "
                      "программа."),
    ("план.docx", ODT, "Файл «план.docx» не является файлом DOCX: его содержимое — файл ODT."),
    ("таблица.xlsx", _zip({"a.txt": "x"}), "Файл «таблица.xlsx» не является файлом XLSX: его "
                                             "содержимое — zip-архив."),
    ("фото.png", b"GIF89a" + b"\x00" * 10, "Файл «фото.png» не является файлом PNG: его "
                                            "содержимое — файл неизвестного формата."),
    ("setup.exe", EXE, "Файлы такого типа, как «setup.exe», не принимаются. Допустимые форматы: "
                       "DOCX, JPEG, ODS, ODT, PDF, PNG, PPTX, XLSX."),
    ("пусто.pdf", b"", "Файл «пусто.pdf» пустой."),
])
def test_refusals_say_why_in_russian(name, data, message):
    with pytest.raises(ValidationError) as e:
        check_upload(SimpleUploadedFile(name, data))
    assert e.value.messages == [message]


def test_the_size_limit_comes_from_the_settings(settings):
    settings.FILE_UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("большой.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as e:
        check_upload(big)
    assert e.value.messages == ["Размер файла «большой.pdf» — 1,0 МБ, а принимаются файлы не более "
                                "1 МБ."]


def test_stored_names_are_sanitised_but_the_original_is_kept():
    checked = check_upload(SimpleUploadedFile("../../etc/Про<ект> 2022?.pdf", PDF))
    assert checked.original_name == "Про<ект> 2022?.pdf"
    assert checked.stored_name[12:] == "-Проект_2022.pdf"
    assert "/" not in checked.stored_name


def test_detect_reads_a_broken_zip_as_unknown():
    assert detect(io.BytesIO(b"PK\x03\x04garbage")) == "unknown"


def test_an_exe_renamed_to_pdf_is_refused_in_the_browser_form(world, client):
    client.force_login(world.team_own)
    response = client.post(
        reverse("initiatives:attachment_add", kwargs={"pk": world.initiative.pk}),
        {"file": SimpleUploadedFile("смета.pdf", EXE)}, follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Файл «смета.pdf» не является файлом PDF: его содержимое — исполняемая программа."]
    assert list(world.initiative.attachments.values_list("original_name", flat=True)) == [
        "План работы.pdf"]


def test_an_upload_is_stored_outside_static_and_downloaded_as_an_attachment(world, client,
                                                                           settings):
    client.force_login(world.team_own)
    client.post(reverse("initiatives:attachment_add", kwargs={"pk": world.initiative.pk}),
                {"file": SimpleUploadedFile("Паспорт проекта.pdf", PDF)})
    attachment = Attachment.objects.get(original_name="Паспорт проекта.pdf")
    assert attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert (attachment.kind, attachment.size, attachment.uploaded_by) == ("pdf", len(PDF),
                                                                          world.team_own)
    response = client.get(reverse("initiatives:attachment", kwargs={"pk": attachment.pk}))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D0%9F%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82%20%D0%BF%D1%80"
        "%D0%BE%D0%B5%D0%BA%D1%82%D0%B0.pdf")
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == (
        "application/pdf", "nosniff")


def test_another_organisations_team_gets_403_on_the_card_and_its_file(world, client):
    client.force_login(world.team_other)
    card = client.get(world.initiative.get_absolute_url())
    file = client.get(reverse("initiatives:attachment", kwargs={"pk": world.attachment.pk}))
    assert (card.status_code, file.status_code) == (403, 403)
    assert b"%PDF" not in file.content


def test_removing_a_file_deletes_it_after_commit(world, client, django_capture_on_commit_callbacks):
    path = world.attachment.file.path
    client.force_login(world.team_own)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("initiatives:attachment_delete", kwargs={"pk": world.attachment.pk}))
    assert (Attachment.objects.filter(pk=world.attachment.pk).exists(), os.path.exists(path)) == (
        False, False)
