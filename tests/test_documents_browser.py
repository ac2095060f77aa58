"""Headless Chromium: the office accepts a progress report and downloads it as an official
document, PDF and DOCX (issue 25, item 5)."""

import io
import subprocess

import docx
import pytest

from accounts.documents import numbers
from tests.conftest import monitoring_world, screenshot, sign_in
from tests.factories import PASSWORD, OfficeIdentityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_accepts_a_report_and_downloads_it_as_pdf_and_docx(world, page, tmp_path):
    monitoring_world(world)
    OfficeIdentityFactory()
    report = world.progress_report
    sign_in(page, "staff", PASSWORD)
    page.wait_for_url("**/home/")
    page.goto(page.base_url + f"/initiatives/periods/{report.period_id}/report/")
    page.get_by_role("button", name="Принять").click()
    pdf_link = page.get_by_role("link", name="Отчёт документом (PDF)")
    pdf_link.wait_for()
    number = numbers.document_of(numbers.PROGRESS_REPORT, report).number
    screenshot(page, "documents-report-accepted")
    with page.expect_download() as download:
        pdf_link.click()
    path = tmp_path / "report.pdf"
    download.value.save_as(path)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "ОТЧЁТ" in text and number in text.replace("№", "№ ")
    assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX для правки").click()
    assert download.value.suggested_filename == f"otchet-{number.replace('/', '-')}.docx"
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    assert f"№\u00a0{number}" in [c.text for t in document.tables for c in t._cells]
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "documents-report-accepted-375")
