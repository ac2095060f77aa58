"""The one cell writer for every spreadsheet the portal writes (XLSX through openpyxl, CSV).

Text that people typed may start with «=», «+», «-», «@»: a spreadsheet program would run it as a
formula (CSV/formula injection, OWASP). Here:

- in XLSX every string becomes a string cell (``data_type = "s"``, written as an inline string),
  so it is never a formula and nothing visible is added;
- in CSV a text cell that begins with = + - @, a tab or a carriage return gets a leading single
  quote, as OWASP's «CSV Injection» page describes;
- numbers stay numbers, dates stay dates (typed cells in XLSX, «дд.мм.гггг» in CSV).

Writers use ``xlsx_row``/``append_xlsx_row`` and ``csv_row``/``csv_lines``; nothing else in the
portal calls ``Worksheet.append`` with raw values or ``csv.writer`` directly.
"""

import csv
import datetime
import decimal
import io
import tempfile

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# OWASP: https://owasp.org/www-community/attacks/CSV_Injection
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def _naive(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware moment is written in the portal's local time."""
    if timezone.is_aware(value):
        return timezone.make_naive(timezone.localtime(value))
    return value


def typed(value):
    """The value as it goes into a cell: None stays empty, bools become text, numbers and dates
    stay typed, everything else (lazy translations, model labels) becomes ``str``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return _naive(value)
    if isinstance(value, datetime.date):
        return value
    return str(value)


def xlsx_cell(sheet, value, *, font=None, fill=None, alignment=None, number_format=None):
    """One cell for ``sheet`` (a normal or write-only worksheet) with ``value`` typed safely."""
    value = typed(value)
    cell = WriteOnlyCell(sheet)
    if isinstance(value, str):
        # Assigning a string beginning with «=» would make openpyxl mark it as a formula: the
        # value is set first, then the type is forced back to string (an inline string).
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
        if isinstance(value, datetime.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    return cell


def xlsx_row(sheet, values, **style):
    """A list of cells for ``sheet.append``; ``style`` (font, fill, alignment) applies to each."""
    return [xlsx_cell(sheet, v, **style) for v in values]


def append_xlsx_row(sheet, values, **style):
    sheet.append(xlsx_row(sheet, values, **style))


def set_xlsx_value(cell, value):
    """Write ``value`` into an existing cell of a normal worksheet (``sheet.cell(...)``)."""
    value = typed(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    return cell


def csv_cell(value):
    """The text of one CSV cell; text that a spreadsheet would run as a formula is quoted."""
    value = typed(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int | float | decimal.Decimal):
        return str(value)
    return "'" + value if value.startswith(CSV_TRIGGERS) else value


def csv_row(values):
    return [csv_cell(v) for v in values]


class _Echo:
    def write(self, value):
        return value


def csv_lines(table, *, delimiter=";", bom=True):
    """CSV for Excel in Russian (UTF-8 with BOM, semicolons), one line per yielded string."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    if bom:
        yield "\ufeff"
    for row in table:
        yield writer.writerow(csv_row(row))


def csv_text(table, **kwargs) -> str:
    return "".join(csv_lines(table, **kwargs))


def xlsx_file(table, *, title, header_font=None):
    """``table`` (rows, the first one the header) as an XLSX workbook in a temporary file, at
    its start, for ``FileResponse`` to send in chunks. openpyxl's write-only workbook keeps the
    rows on disk as they come, so memory stays flat however many rows there are; the file is
    deleted when the response closes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    sheet.freeze_panes = "A2"
    bold = header_font or Font(bold=True)
    for n, row in enumerate(table):
        append_xlsx_row(sheet, row, font=bold if n == 0 else None)
    out = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it
    workbook.save(out)
    out.seek(0)
    return out


def dataset_xlsx_bytes(dataset, *, title=None) -> bytes:
    """A tablib ``Dataset`` (django-import-export's templates and error reports) as XLSX through
    this writer instead of tablib's own, which writes «=…» text as formulas."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title or dataset.title or "Sheet")[:31])
    if dataset.headers:
        append_xlsx_row(sheet, dataset.headers, font=Font(bold=True))
    for row in dataset:
        append_xlsx_row(sheet, row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def dataset_csv_text(dataset, **kwargs) -> str:
    table = ([dataset.headers] if dataset.headers else []) + [list(r) for r in dataset]
    return csv_text(table, **kwargs)
