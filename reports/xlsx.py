"""The sections of a report as an XLSX workbook (openpyxl): a first sheet with the title, the
scope and the text of every section, then one sheet per table."""

import io
import re

from django.utils.translation import gettext as _

SHEET_NAME_LIMIT = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(number, caption, taken):
    base = " ".join(FORBIDDEN.sub(" ", f"{number}. {caption}" if number else str(caption)).split())
    name = base[:SHEET_NAME_LIMIT].rstrip()
    n = 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = base[:SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.lower())
    return name


def _cell(value):
    """Numbers stay numbers; everything else is text (lazy strings, dates written as text)."""
    if isinstance(value, bool) or value is None:
        return str(value or "")
    if isinstance(value, int | float):
        return value
    return str(value)


def render_xlsx(*, title, scope, sections, generated_at, requested_by) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="ECEFF4")
    wrap = Alignment(wrap_text=True, vertical="top")
    workbook = Workbook()
    summary = workbook.active
    summary.title = _sheet_name(0, _("Report"), set())
    taken = {summary.title.lower()}
    summary.append([title])
    summary["A1"].font = Font(bold=True, size=14)
    for label, value in scope.describe():
        summary.append([label, value])
    summary.append([_("Built"), f"{generated_at:%d.%m.%Y %H:%M}, {requested_by}"])
    summary.append([])
    number = 0
    for n, section in enumerate(sections, 1):
        summary.append([f"{n}. {section.title}"])
        summary.cell(row=summary.max_row, column=1).font = bold
        for paragraph in section.paragraphs:
            summary.append(["", str(paragraph)])
            summary.cell(row=summary.max_row, column=2).alignment = wrap
        for table in section.tables:
            number += 1
            sheet = workbook.create_sheet(_sheet_name(number, table.caption, taken))
            summary.append(["", _("Table %(n)s — %(caption)s (sheet «%(sheet)s»)") % {
                "n": number, "caption": table.caption, "sheet": sheet.title}])
            sheet.append([str(table.caption)])
            sheet["A1"].font = bold
            sheet.append([str(h) for h in table.headers])
            for cell in sheet[2]:
                cell.font, cell.fill, cell.alignment = bold, head_fill, wrap
            for row in table.rows:
                sheet.append([_cell(v) for v in row])
            if table.note:
                sheet.append([str(table.note)])
            sheet.freeze_panes = "A3"
            for k, header in enumerate(table.headers, 1):
                longest = max([len(str(header))] + [len(str(r[k - 1])) for r in table.rows])
                sheet.column_dimensions[sheet.cell(row=2, column=k).column_letter].width = \
                    min(max(10, longest + 2), 60)
        summary.append([])
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
