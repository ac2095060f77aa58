"""DOCX cards built with python-docx from the seed's text as a person would type them, and the
variants: Word's automatic numbering, bold headings without numbers, the card as a two-column
table, the team as a table, extra sections the portal does not know."""

import io
import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / \
    "project-office-plus-concept.txt"
if not SEED.exists():  # a clone outside the work tree: the copy kept with the tests
    SEED = Path(__file__).resolve().parent / "data" / "project-office-plus-concept.txt"

# the lines of the seed that are headings (as typed: with their number and colon)
HEADINGS = ("Название проекта", "Руководитель проекта", "Команда проекта",
            "Краткая аннотация проекта", "Содержание проектного замысла",
            "Проблемный анализ ситуации", "Проектный замысел", "Срок реализации проекта",
            "Краткий план реализации проекта", "Цель", "Задачи", "Результат",
            "Изменения в педагогах", "Изменения в процессе", "Основной продукт")
_HEADING = re.compile(r"^(?:(\d)\.)?(" + "|".join(HEADINGS) + r")([:.]?)\s*(.*)$")


def seed_lines():
    return SEED.read_text(encoding="utf-8").splitlines()


def seed_items():
    """[(number, heading, inline text, [lines])] of the seed; the first item is the title
    «Проектный замысел» with the organisation line under it."""
    lines = seed_lines()
    items = [(None, lines[0], "", [])]
    for line in lines[1:]:
        m = _HEADING.match(line)
        if m and not (m.group(2) == "Проектный замысел" and not m.group(3)):
            items.append((m.group(1), m.group(2), m.group(4), []))
        elif line.strip():
            items[-1][3].append(line)
    return items


def _bytes(document):
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    out.name = "card.docx"
    return out


def typed(extra=()):
    """Every line of the seed as a paragraph, as typed (numbers «1.» in the text)."""
    document = docx.Document()
    for line in [*seed_lines(), *extra]:
        document.add_paragraph(line)
    return _bytes(document)


def _num(paragraph, num_id, level=0):
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    ppr.append(num_pr)


def _new_num(document, abstract_id):
    """A new list (w:num) on an abstract numbering: Word's «restart numbering»."""
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(max(ids) + 1))
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), str(abstract_id))
    num.append(abstract)
    numbering.append(num)
    return max(ids) + 1


def auto_numbered():
    """Items 1–6 and the tasks numbered by Word (the numbers are not in the text)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = int(numbering.find(qn("w:abstractNum")).get(qn("w:abstractNumId")))
    top, tasks = _new_num(document, abstract), None
    for line in seed_lines():
        m = re.match(r"^(\d)\.(.*)$", line)
        if m:
            paragraph = document.add_paragraph(m.group(2))
            in_tasks = tasks is not None
            _num(paragraph, tasks if in_tasks else top)
        else:
            paragraph = document.add_paragraph(line)
            if line.startswith("Задачи"):
                tasks = _new_num(document, abstract)
            elif line.startswith("Результат"):
                tasks = None
    return _bytes(document)


def bold_headings():
    """Headings in bold on their own lines, without numbers; the text below each."""
    document = docx.Document()
    items = seed_items()
    document.add_paragraph().add_run(items[0][1]).bold = True
    document.add_paragraph(re.sub(r"^\d\.", "", items[0][3][0]))  # the organisation, plain
    for _number, heading, inline, lines in items[1:]:
        document.add_paragraph().add_run(heading).bold = True
        for line in [inline, *lines] if inline else lines:
            document.add_paragraph(line)
    return _bytes(document)


def as_table():
    """The whole card as a two-column table: heading | text."""
    document = docx.Document()
    items = seed_items()
    document.add_paragraph(items[0][1])
    table = document.add_table(rows=0, cols=2)
    organisation = re.sub(r"^\d\.", "", items[0][3][0])
    row = table.add_row().cells
    row[0].text, row[1].text = "Образовательная организация", organisation
    for _number, heading, inline, lines in items[1:]:
        cells = table.add_row().cells
        cells[0].text = heading
        body = [inline, *lines] if inline else lines
        cells[1].text = body[0] if body else ""
        for line in body[1:]:
            cells[1].add_paragraph(line)
    return _bytes(document)


def team_as_table():
    """The card as typed, but the team as a table: №, ФИО, должность."""
    document = docx.Document()
    lines = seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("4.Команда"))
    for line in lines[: start + 1]:
        document.add_paragraph(line)
    members = lines[start + 1: start + 6]
    table = document.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "№", "ФИО"
    table.rows[0].cells[2].text = "Должность"
    for n, member in enumerate(members, 1):
        name, position = member.split(", ", 1)
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(n), name, position
    for line in lines[start + 6:]:
        document.add_paragraph(line)
    return _bytes(document)


EXTRA = ("7.Ресурсы проекта: кадровые — методисты МБУ ЦРО; материально-технические — "
         "конференц-зал.", "Риски проекта", "Уход ключевых участников сети.")


def with_extra_sections():
    """The card as typed with two sections the portal does not know; the second in bold."""
    document = docx.Document()
    for line in seed_lines():
        document.add_paragraph(line)
    document.add_paragraph(EXTRA[0])
    document.add_paragraph().add_run(EXTRA[1]).bold = True
    document.add_paragraph(EXTRA[2])
    return _bytes(document)


VARIANTS = {"typed": typed, "auto_numbered": auto_numbered, "bold_headings": bold_headings,
            "as_table": as_table, "team_as_table": team_as_table,
            "with_extra_sections": with_extra_sections}
