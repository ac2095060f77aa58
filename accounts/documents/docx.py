"""The official documents as Word files the office can still edit (python-docx), in the layout
of ``templates/documents/base.html``.

:func:`render_docx` renders the document's template (the very one its PDF is made from, in the
portal's language) and writes:

- the page: A4, margins 20/10/20/20 mm; a different first-page header (empty) and, on the
  other pages, a header with the page number as a ``PAGE`` field at the top centre;
- the requisites from ``doc`` (:class:`~accounts.documents.layout.DocumentHead`): the approval
  stamp, the body's and the office's names, the kind, «дд.мм.гггг» with «№ N», the place, the
  title;
- the text: the template's ``<main>`` read as HTML — headings, paragraphs (bold labels, line
  breaks of ``white-space: pre-wrap`` text), numbered and bulleted lists, tables (``grid``
  ones with borders; others without); drawings (SVG) are left to the PDF;
- the signature block as a borderless table «position — signature — И.О. Фамилия».

Nothing a person wrote is fetched or interpreted: the HTML is the portal's own template output,
escaped by Django; only element names and classes steer the layout.
"""

import io
import re

import docx
import lxml.html
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from accounts.documents.layout import MARGINS_MM
from accounts.identity import document_context

FONT = "Times New Roman"
SIZE = Pt(12)
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "ol", "ul", "table", "section", "header",
          "footer", "article"}
SKIPPED = {"svg", "img", "script", "style", "figure", "object", "iframe"}
BOLD = {"strong", "b", "th"}


def render_docx(template: str, context: dict) -> bytes:
    """The DOCX of the document whose PDF ``template`` renders; ``context`` has ``doc``."""
    with translation.override(settings.LANGUAGE_CODE):
        full = {**document_context(), **context}
        html = render_to_string(template, full)
        writer = DocxWriter(full["doc"], logo=_png_logo(full.get("identity")))
        writer.text(html)
        return writer.finish()


def _png_logo(identity):
    if identity is not None and identity.has_logo and identity.logo_type == "image/png":
        return bytes(identity.logo)
    return None


def _page_field(paragraph):
    """A ``PAGE`` field (Word fills in the number of the page)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class DocxWriter:
    def __init__(self, doc, *, logo=None):
        self.doc = doc
        self.document = docx.Document()
        normal = self.document.styles["Normal"]
        normal.font.name, normal.font.size = FONT, SIZE
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        self._page()
        self._head(logo)

    # --- page and head ---------------------------------------------------------------------

    def _page(self):
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # page 1: no number
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(header)

    def _para(self, text="", *, bold=False, caps=False, size=None, align=None, after=0,
              before=0):
        paragraph = self.document.add_paragraph()
        if text:
            run = paragraph.add_run(str(text))
            run.bold, run.font.all_caps = bold or None, caps or None
            if size:
                run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(after)
        paragraph.paragraph_format.space_before = Pt(before)
        return paragraph

    def _head(self, logo):
        doc, center = self.doc, WD_ALIGN_PARAGRAPH.CENTER
        if doc.stamp:
            self._stamp(doc.stamp)
        if logo:
            self._para(align=center).add_run().add_picture(io.BytesIO(logo), height=Mm(16))
        self._para(doc.body, bold=True, caps=True, align=center)
        self._para(doc.office, align=center)
        if doc.area:
            self._para(doc.area, align=center, size=10.5)
        self._para(doc.kind, bold=True, caps=True, size=14, align=center, before=18, after=6)
        line = self._borderless(1, 2)
        line.cell(0, 0).paragraphs[0].add_run(doc.date or "__.__.____")
        number = line.cell(0, 1).paragraphs[0]
        number.add_run(str(doc.number_line) or "№ ____")
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if doc.place:
            self._para(doc.place, align=center, before=4)
        self._para(doc.title, bold=True, align=center, before=14, after=14)

    def _stamp(self, stamp):
        """The stamp in the right half of page 1: a two-column borderless table, left empty."""
        table = self._borderless(1, 2)
        cell = table.cell(0, 1)
        first = cell.paragraphs[0]
        first.add_run(str(stamp.word)).font.all_caps = True
        for line in stamp.lines:
            cell.add_paragraph(str(line))
        if stamp.signed:
            cell.add_paragraph(f"____________ {stamp.name}").paragraph_format.space_before = Pt(8)
        if stamp.date:
            cell.add_paragraph(stamp.date)
        self._para(after=12)

    def _borderless(self, rows, cols):
        table = self.document.add_table(rows=rows, cols=cols)  # no style: no borders
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = True
        return table

    # --- the text ---------------------------------------------------------------------------

    def text(self, html: str):
        tree = lxml.html.document_fromstring(html)
        main = tree.find(".//main")
        if main is not None:
            self._blocks(main)

    def _blocks(self, element):
        """Write the children of ``element``: blocks become paragraphs, tables and lists; loose
        inline content between blocks becomes a paragraph of its own."""
        pending = []
        if element.text and element.text.strip():
            pending.append(element.text)
        for child in element:
            if not isinstance(child.tag, str) or child.tag in SKIPPED:
                if child.tail and child.tail.strip():
                    pending.append(child.tail)
                continue
            if child.tag in BLOCKS:
                self._inline_paragraph(pending)
                pending = []
                self._block(child)
            else:
                pending.append(child)
            if child.tail and child.tail.strip():
                pending.append(child.tail)
        self._inline_paragraph(pending)

    def _inline_paragraph(self, parts):
        if not parts or not any(p.strip() if isinstance(p, str) else True for p in parts):
            return
        paragraph = self._para(after=4)
        runs = _Runs(paragraph)
        for part in parts:
            if isinstance(part, str):
                runs.add(part)
            else:
                runs.element(part)

    def _block(self, element):
        tag, classes = element.tag, set(element.get("class", "").split())
        if tag in ("h1", "h2", "h3", "h4"):
            self._inline(element, self._para(before=10 if tag == "h2" else 6, after=4),
                         bold=True)
        elif tag == "p":
            paragraph = self._para(after=4)
            if "num" in classes:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._inline(element, paragraph, bold="recommendation" in classes or "label" in classes,
                         prewrap="prewrap" in classes)
        elif tag in ("ol", "ul"):
            for n, item in enumerate(element.findall("li"), start=1):
                paragraph = self._para(after=2)
                paragraph.paragraph_format.left_indent = Mm(8)
                paragraph.paragraph_format.first_line_indent = Mm(-6)
                paragraph.add_run(f"{n}. " if tag == "ol" else "— ")
                self._inline(item, paragraph, prewrap="prewrap" in item.get("class", ""))
        elif tag == "table":
            self._table(element, grid="grid" in classes)
        elif "prewrap" in classes and not any(c.tag in BLOCKS for c in element
                                              if isinstance(c.tag, str)):
            self._inline(element, self._para(after=4), prewrap=True)
        else:
            self._blocks(element)

    def _inline(self, element, paragraph, *, bold=False, prewrap=False):
        runs = _Runs(paragraph, bold=bold, prewrap=prewrap)
        runs.children_of(element)

    def _table(self, element, *, grid):
        rows = [tr for tr in element.iter("tr")]
        if not rows:
            return
        width = max(len([c for c in tr if c.tag in ("td", "th")]) for tr in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        if grid:
            table.style = self.document.styles["Table Grid"]
        for r, tr in enumerate(rows):
            header = tr.getparent().tag == "thead"
            for c, cell_element in enumerate([c for c in tr if c.tag in ("td", "th")]):
                cell = table.cell(r, c)
                paragraph = cell.paragraphs[0]
                classes = set(cell_element.get("class", "").split())
                if "num" in classes or (grid and header):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                bold = header or (cell_element.tag == "th" and grid)
                self._inline(cell_element, paragraph, bold=bold, prewrap="prewrap" in classes)
                if grid:
                    for run in paragraph.runs:
                        run.font.size = Pt(10)
        self._para(after=4)

    # --- signatures and the file -------------------------------------------------------------

    def _signatures(self):
        signatures = self.doc.signatures
        if not signatures:
            return
        self._para(before=18)
        table = self._borderless(len(signatures), 3)
        for row, signature in zip(table.rows, signatures, strict=True):
            row.cells[0].paragraphs[0].add_run(str(signature.position))
            sign = row.cells[1].paragraphs[0]
            sign.add_run("____________")
            sign.alignment = WD_ALIGN_PARAGRAPH.CENTER
            name = row.cells[2].paragraphs[0]
            name.add_run(signature.name)
            name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.space_before = Pt(12)

    def finish(self) -> bytes:
        self._signatures()
        core = self.document.core_properties
        core.title = f"{self.doc.kind} {self.doc.number_line}".strip()
        core.author = str(self.doc.office)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


_SPACES = re.compile(r"\s+")


class _Runs:
    """Inline HTML into the runs of one paragraph: whitespace collapsed as a browser does
    (kept, with its line breaks, in ``pre-wrap`` text), bold and italics carried down."""

    def __init__(self, paragraph, *, bold=False, prewrap=False):
        self.paragraph, self.bold, self.italic, self.prewrap = paragraph, bold, False, prewrap
        self.started, self.space = False, False

    def add(self, text):
        if not text:
            return
        if self.prewrap:
            lines = text.split("\n")
            for n, line in enumerate(lines):
                if n:
                    self._run("").add_break(WD_BREAK.LINE)
                if line:
                    self._run(line)
            self.started = True
            return
        collapsed = _SPACES.sub(" ", text)
        if collapsed.startswith(" "):
            self.space = True
            collapsed = collapsed[1:]
        if not collapsed:
            return
        trailing = collapsed.endswith(" ")
        collapsed = collapsed.rstrip(" ")
        if self.space and self.started:
            collapsed = " " + collapsed
        self._run(collapsed)
        self.started, self.space = True, trailing

    def _run(self, text):
        run = self.paragraph.add_run(text)
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        return run

    def element(self, element):
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            return
        if element.tag == "br":
            self._run("").add_break(WD_BREAK.LINE)
            self.started, self.space = False, False
            return
        saved = (self.bold, self.italic, self.prewrap)
        classes = set(element.get("class", "").split())
        self.bold = self.bold or element.tag in BOLD or "label" in classes
        self.italic = self.italic or element.tag in ("em", "i")
        self.prewrap = self.prewrap or "prewrap" in classes
        self.children_of(element)
        self.bold, self.italic, self.prewrap = saved

    def children_of(self, element):
        self.add(element.text)
        for child in element:
            self.element(child)
            self.add(child.tail)


def docx_response(data: bytes, doc) -> HttpResponse:
    """The DOCX as a download named after the document (``doc.file_stem``)."""
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{doc.file_stem}.docx")
    response["Cache-Control"] = "private, no-store"
    return response
