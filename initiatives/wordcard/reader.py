"""Reading a Word card (DOCX) into (heading, text) blocks, with python-docx.

The reader knows how headings look, not what they mean: a heading is recognised by its form
(«Цель: …» on one line, a short line in bold or in a heading style, a typed number «1.» or
Word's automatic numbering of the top-level list) or because ``is_known`` (the mapping's
matcher, see ``mapping.py``) recognises its words. The card written as a two-column table
(heading | text) gives a block per row; any other table (the team) is read as lines of its
cells joined by commas under the heading it follows. Nothing is dropped: text before the first
heading is a block without a heading.
"""

import re
from dataclasses import dataclass, field

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

HEADING_MAX_WORDS = 8
_TYPED_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(?=\S)")
_COLON = re.compile(r"^([^:]{1,150}?)\s*:\s*(.*)$", re.S)
_BULLETS = ("·", "•", "-", "–", "—", "*", "▪", "●", "o ")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Block:
    heading: str | None
    lines: list = field(default_factory=list)
    strong: bool = False  # the heading was marked as one by its form, not only by its words

    @property
    def text(self):
        return "\n".join(self.lines)


@dataclass
class Line:
    """One line of a paragraph with what its formatting says about it."""

    text: str
    bold: bool = False
    heading_style: bool = False
    num: tuple | None = None  # (numId, ilvl) of Word's automatic numbering


def _num_of(num_pr):
    if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
        return None
    return (num_pr.numId.val, num_pr.ilvl.val if num_pr.ilvl is not None else 0)


class _Styles:
    """What a paragraph style says (bold, a heading, its numbering), worked out once per style:
    python-docx finds a paragraph's style by walking every style of the document."""

    def __init__(self, document):
        self.part = document.part
        self.facts = {}

    def of(self, paragraph):
        style_id = paragraph._p.style
        if style_id not in self.facts:
            self.facts[style_id] = self._facts(paragraph.style)
        return self.facts[style_id]

    @staticmethod
    def _facts(style):
        bold, heading, num = None, False, None
        while style is not None:
            if bold is None and style.font.bold is not None:
                bold = style.font.bold
            name = (style.name or "").lower()
            heading |= name.startswith(("heading", "заголовок", "title"))
            spr = style.element.pPr
            if num is None and spr is not None and spr.numPr is not None:
                num = _num_of(spr.numPr)
            style = style.base_style
        return bool(bold), heading, num


def _lines_of(paragraph, styles):
    text = paragraph.text
    if not text.strip():
        return []
    style_bold, style_heading, style_num = styles.of(paragraph)
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold if r.bold is not None else style_bold for r in runs)
    ppr = paragraph._p.pPr
    heading = style_heading or (ppr is not None and ppr.find(f"{_W}outlineLvl") is not None)
    num = _num_of(ppr.numPr) if ppr is not None and ppr.numPr is not None else style_num
    return [Line(t, bold, heading, num) for t in text.split("\n") if t.strip()]


def _split_heading(text):
    """(number, heading, inline text, has_colon) of a line read as a heading, or None."""
    text = text.strip()
    number = None
    m = _TYPED_NUMBER.match(text)
    if m:
        number = int(m.group(1))
        text = text[m.end():]
    if text.startswith(_BULLETS) or text.endswith(";"):
        return None
    m = _COLON.match(text)
    if m and not re.search(r"[«»\"]", m.group(1)):
        return number, m.group(1).strip(), m.group(2).strip(), True
    return number, text.rstrip(" .:"), "", False


class _Segmenter:
    """Turns lines into blocks; keeps the state of the top-level numbering."""

    def __init__(self, is_known, styles):
        self.is_known = is_known
        self.styles = styles
        self.blocks = [Block(None)]
        self.top_typed = 0  # the last typed number that began a heading
        self.top_num = None  # Word's numbering (numId, ilvl) that heading paragraphs use

    def heading(self, line):
        parts = _split_heading(line.text)
        if parts is None:
            return None
        number, heading, inline, colon = parts
        words = len(heading.split())
        if not heading or words > HEADING_MAX_WORDS:
            return None
        known = self.is_known(heading)
        # the next number of the top-level list, typed or Word's own
        typed_top = number is not None and 0 < self.top_typed and number == self.top_typed + 1
        typed_first = number == 1 and self.top_typed == 0
        auto_top = line.num is not None and line.num == self.top_num
        strong = line.bold or line.heading_style or typed_top or typed_first or auto_top
        if colon:
            ok = known or strong
        else:
            plain = "," not in heading and heading[-1:] not in "!?"
            ok = plain and (known or strong) and not (typed_top and not known)
        if number is not None and self.top_typed > 0 and not typed_top:
            ok = False  # a numbered item of a list inside a section
        if typed_first and not (colon or known) and len(self.blocks) > 2:
            ok = False  # «1.» of a list, not the first item of the card
        if not ok:
            return None
        if number is not None and (known or typed_top or typed_first):
            self.top_typed = number
        if known and line.num is not None and line.num[1] == 0 and self.top_num is None:
            self.top_num = line.num
        return Block(heading, [inline] if inline else [], strong=strong and not known)

    def add_line(self, line):
        block = self.heading(line)
        if block is not None:
            self.blocks.append(block)
        else:
            self.blocks[-1].lines.append(line.text.strip())

    def add_paragraph(self, paragraph):
        for line in _lines_of(paragraph, self.styles):
            self.add_line(line)

    def add_table(self, table):
        rows = _rows(table)
        if _is_card_table(rows, self.is_known):
            for row in rows:
                self.add_card_row(row)
        else:
            for row in _data_rows(rows):
                self.blocks[-1].lines.append(", ".join(_cell_text(c) for c in row))

    def add_card_row(self, row):
        cells = _distinct(row)
        first = _cell_text(cells[0]).strip()
        if len(cells) == 1:  # a merged row: a heading of a part, or text
            self.add_cell(cells[0])
            return
        parts = _split_heading(first.replace("\n", " "))
        heading = parts[1] if parts else first
        self.blocks.append(Block(heading, [parts[2]] if parts and parts[2] else [],
                                 strong=not self.is_known(heading)))
        for cell in cells[1:]:
            self.add_cell(cell)

    def add_cell(self, cell):
        for item in cell.iter_inner_content():
            if isinstance(item, Paragraph):
                self.add_paragraph(item)
            elif isinstance(item, Table):
                self.add_table(item)


def _rows(table):
    return [list(row.cells) for row in table.rows]


def _distinct(row):
    """The cells of a row, a merged cell counted once."""
    out = []
    for cell in row:
        if not out or cell._tc is not out[-1]._tc:
            out.append(cell)
    return out


def _cell_text(cell):
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _is_card_table(rows, is_known):
    """A table whose first column names the card's sections (two known headings at least)."""
    known = 0
    for row in rows:
        cells = _distinct(row)
        if len(cells) >= 2:
            parts = _split_heading(_cell_text(cells[0]).replace("\n", " "))
            if parts and is_known(parts[1]):
                known += 1
    return known >= 2


_HEADER_WORDS = re.compile(r"^(№|n|no|п/п|фио|ф\.и\.о\.?|имя|должность|позиция|роль|"
                           r"место работы|организация|контакты)$", re.I)


def _data_rows(rows):
    """Rows of a list table without its header row and its numbering column."""
    out = []
    for row in rows:
        texts = [_cell_text(c).replace("\n", " ").strip() for c in _distinct(row)]
        if texts and all(_HEADER_WORDS.match(t) or not t for t in texts):
            continue
        if len(texts) > 1 and re.fullmatch(r"\d{1,3}\.?", texts[0]):
            texts = texts[1:]
        texts = [t for t in texts if t]
        if texts:
            out.append(texts)
    return [[_Text(t) for t in row] for row in out]


class _Text:
    """A cell already reduced to its text."""

    def __init__(self, text):
        self.text = text
        self.paragraphs = [self]


def read_blocks(source, *, is_known=lambda heading: False):
    """The blocks of a DOCX (a path or a binary file object), in the order of the document."""
    document = docx.Document(source)
    segmenter = _Segmenter(is_known, _Styles(document))
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            segmenter.add_paragraph(item)
        elif isinstance(item, Table):
            segmenter.add_table(item)
    return [b for b in segmenter.blocks if b.heading is not None or b.lines]
