"""The sections of a report as an XLSX workbook (openpyxl): a first sheet with the title, the
scope and the text of every section, then one sheet per table."""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from accounts.spreadsheets import append_xlsx_row

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


def render_xlsx(*, title, scope, sections, generated_at, requested_by) -> bytes:
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="ECEFF4")
    wrap = Alignment(wrap_text=True, vertical="top")
    workbook = Workbook()
    summary = workbook.active
    summary.title = _sheet_name(0, _("Report"), set())
    taken = {summary.title.lower()}
    append_xlsx_row(summary, [title], font=Font(bold=True, size=14))
    for label, value in scope.describe():
        append_xlsx_row(summary, [label, value])
    append_xlsx_row(summary, [_("Built"), f"{generated_at:%d.%m.%Y %H:%M}, {requested_by}"])
    summary.append([])
    number = 0
    for n, section in enumerate(sections, 1):
        append_xlsx_row(summary, [f"{n}. {section.title}"], font=bold)
        for paragraph in section.paragraphs:
            append_xlsx_row(summary, ["", paragraph], alignment=wrap)
        for table in section.tables:
            number += 1
            sheet = workbook.create_sheet(_sheet_name(number, table.caption, taken))
            append_xlsx_row(summary, ["", _("Table %(n)s — %(caption)s (sheet «%(sheet)s»)") % {
                "n": number, "caption": table.caption, "sheet": sheet.title}])
            append_xlsx_row(sheet, [table.caption], font=bold)
            append_xlsx_row(sheet, table.headers, font=bold, fill=head_fill, alignment=wrap)
            for row in table.rows:
                append_xlsx_row(sheet, row)
            if table.note:
                append_xlsx_row(sheet, [table.note])
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
