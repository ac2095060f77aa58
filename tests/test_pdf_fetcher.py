"""The one PDF renderer (accounts.pdf) fetches only the fonts and static files documents use.

A document shows text people wrote; whatever reaches WeasyPrint's fetcher from it — an image or
a stylesheet on a file:// path, an http:// URL, a large data: URI — is refused, and the
document still renders."""

import base64
import subprocess
from pathlib import Path

import pytest
from weasyprint import HTML

from accounts.pdf import FONT_DIR, MAX_DATA_URI, DocumentFetcher, render_pdf
from expertise.pdf import render_conclusion
from meetings.minutes import render_minutes_pdf
from tests.factories import (
    AgendaItemFactory,
    ConclusionFactory,
    DecisionFactory,
    InitiativeFactory,
    MeetingFactory,
    TeamMemberFactory,
)

# The smallest PNG there is: one transparent pixel.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
PAYLOAD = ('<img src="file:///etc/passwd"> <img src="http://127.0.0.1:9/x.png"> '
           '<link rel="stylesheet" href="file:///etc/passwd">')


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file:///usr/share/fonts/truetype/dejavu/../../../../etc/passwd",
    "http://127.0.0.1:9/logo.png",
    "https://example.org/logo.png",
    "ftp://127.0.0.1/logo.png",
    "data:image/png;base64," + "A" * MAX_DATA_URI,
])
def test_the_fetcher_refuses_what_documents_do_not_use(url):
    with pytest.raises(ValueError):
        DocumentFetcher().fetch(url)


def test_the_fetcher_serves_the_fonts_and_small_data_images():
    font = DocumentFetcher().fetch(f"file://{FONT_DIR}/DejaVuSans.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType file
    pixel = DocumentFetcher().fetch("data:image/png;base64," + base64.b64encode(PIXEL).decode())
    assert pixel.read() == PIXEL


@pytest.mark.django_db  # every document reads the office's identity
def test_a_document_leaks_nothing_from_files_it_points_at(tmp_path, settings):
    """A stylesheet and an image on file:// paths outside the allowed folders: WeasyPrint's own
    fetcher takes both (so the test can fail), the portal's renderer neither."""
    css = tmp_path / "leak.css"
    css.write_text('body::after { content: "LEAKED-STYLESHEET"; }')
    png = tmp_path / "leak.png"
    png.write_bytes(PIXEL)
    html = (f'<html><head><link rel="stylesheet" href="file://{css}"></head>'
            f'<body><p>Текст документа</p><img src="file://{png}"></body></html>')
    unguarded = HTML(string=html).write_pdf()
    assert "LEAKED-STYLESHEET" in pdf_text(unguarded, tmp_path)
    assert b"/Subtype /Image" in unguarded

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "probe.html").write_text(html)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]
    guarded, pages = render_pdf("probe.html", {})
    text = pdf_text(guarded, tmp_path)
    assert ("Текст документа" in text, "LEAKED-STYLESHEET" in text, pages) == (True, False, 1)
    assert b"/Subtype /Image" not in guarded


@pytest.mark.django_db
def test_the_conclusion_shows_payloads_as_text(tmp_path):
    initiative = InitiativeFactory(
        title=PAYLOAD, annotation=PAYLOAD, problem=PAYLOAD, idea=PAYLOAD, goal=PAYLOAD,
        results_people=PAYLOAD, results_process=PAYLOAD,
        main_product=PAYLOAD)
    TeamMemberFactory(initiative=initiative, is_leader=True, position=PAYLOAD)
    conclusion = ConclusionFactory(initiative=initiative, summary=PAYLOAD, conditions=PAYLOAD,
                                   number="1-ЭЗ/2026")
    text = " ".join(pdf_text(render_conclusion(conclusion), tmp_path).split())
    assert 'src="file:///etc/passwd">' in text
    assert "root:" not in text


@pytest.mark.django_db
def test_the_minutes_show_payloads_as_text(tmp_path):
    meeting = MeetingFactory(place=PAYLOAD)
    item = AgendaItemFactory(meeting=meeting, title=PAYLOAD, heard=PAYLOAD)
    DecisionFactory(item=item, text=PAYLOAD)
    text = " ".join(pdf_text(render_minutes_pdf(meeting), tmp_path).split())
    assert 'src="file:///etc/passwd">' in text
    assert "root:" not in text


def test_every_document_template_takes_its_fonts_from_the_renderer():
    root = Path(__file__).resolve().parent.parent / "templates"
    documents = sorted(p.relative_to(root).as_posix() for p in root.glob("*/pdf/*.html"))
    assert documents == [
        "expertise/pdf/conclusion.html", "meetings/pdf/minutes.html",
        "portfolio/pdf/final_report.html", "portfolio/pdf/passport.html",
        "portfolio/pdf/progress_report.html",
        "reports/pdf/annual.html"]
    assert "file://{{ font_dir }}/" in (root / "documents" / "base.html").read_text()
    for name in documents:
        text = (root / name).read_text()
        # its own fonts, or those of the layout every official document shares
        assert "file://{{ font_dir }}/" in text or text.startswith(
            '{% extends "documents/base.html" %}')
