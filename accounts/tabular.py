"""Uploaded tables (XLSX, CSV) and the preview → confirm pattern of every import.

An import page works in two requests:

1. *Preview.* The uploaded file is read by :func:`read_upload` (checked by content and size,
   columns matched by header name in any order, empty rows skipped, every cell read as text —
   a cell that starts with ``=``, ``+``, ``-`` or ``@`` stays that text and is never evaluated).
   The import's ``preview`` (``accounts.imports.TabularImport``) says what each row would do (new / changed /
   unchanged / error with the reason in Russian) *without writing anything*. The file's bytes
   are kept on the server by :func:`stash_upload`, which returns a random token; the session
   remembers which token belongs to which import, so the confirm request names only the token
   and never carries the data or a file name the server would trust.
2. *Confirm.* :func:`take_upload` gives the same bytes back (checked against their SHA-256),
   they are read again and the import's ``apply`` runs the import in one transaction:
   if any row is an error at that moment, nothing is written. Running the same file again
   finds every row unchanged.

An import is a subclass of ``accounts.imports.TabularImport`` (its own rows, its own writes)
or of ``accounts.imports.ResourceImport``, which drives a django-import-export
``ModelResource`` (matching rows to objects, comparing, validating with ``full_clean`` and
saving are the library's). Templates
for people to fill are written by :func:`template_workbook`, every cell as a string.

Limits: :data:`MAX_BYTES` (``settings.TABULAR_UPLOAD_MAX_MB``, 5 MB by default) and
:data:`MAX_ROWS` data rows.
"""

import csv
import datetime
import hashlib
import io
import re
import secrets
import zipfile
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.tmp_storages import MediaStorage
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from accounts import files, spreadsheets

MAX_ROWS = 5000
MAX_COLUMNS = 100
XLSX, CSV = "xlsx", "csv"
SESSION_KEY = "tabular_uploads"
XLSX_CONTENT_TYPE = files.CONTENT_TYPES[files.FileKind.XLSX]


def max_megabytes():
    return getattr(settings, "TABULAR_UPLOAD_MAX_MB", 5)


def max_bytes():
    return int(max_megabytes() * 1024 * 1024)


@dataclass(frozen=True)
class Column:
    """A column of an import: the key the code reads and the header people see.

    A header in the file matches a column by its label in the current language or by its key,
    ignoring case, spaces, «ё»/«е» and a trailing ``*`` (the template marks required columns),
    or by one of its ``aliases`` (other spellings people use, e.g. «E-mail» and «Почта»).
    ``required`` columns must be present in the file; optional ones may be left out.
    """

    key: str
    label: object
    required: bool = True
    aliases: tuple = ()

    def header(self):
        return f"{self.label}*" if self.required else str(self.label)

    def names(self):
        """Headers that name this column: its label, its key and its ``aliases``."""
        return {normalise_header(str(n)) for n in (self.label, self.key, *self.aliases)}


def normalise_header(text):
    text = re.sub(r"\s+", " ", str(text or "")).strip().rstrip("*").strip()
    return text.casefold().replace("ё", "е")


@dataclass
class SourceRow:
    """One non-empty row of the file: its number as the person sees it, values by column key."""

    number: int
    values: dict


@dataclass
class Table:
    kind: str
    columns: tuple
    rows: list

    def dataset(self):
        """The rows as a ``tablib.Dataset`` with the column keys as headers (for a resource)."""
        keys = [c.key for c in self.columns]
        data = tablib.Dataset(headers=keys)
        for row in self.rows:
            data.append([row.values.get(k, "") for k in keys])
        return data


class RowStatus(models.TextChoices):
    NEW = "new", gettext_lazy("a new record")
    CHANGED = "changed", gettext_lazy("a changed record")
    UNCHANGED = "unchanged", gettext_lazy("an unchanged record")
    ERROR = "error", gettext_lazy("an error in the row")


@dataclass
class RowPreview:
    """What one row does: its status, the object it names, the changed fields or the reasons."""

    number: int
    values: dict
    status: str = RowStatus.NEW
    title: str = ""
    changes: list = field(default_factory=list)
    reasons: list = field(default_factory=list)
    payload: object = None

    def fail(self, reason):
        self.status = RowStatus.ERROR
        if reason not in self.reasons:
            self.reasons.append(str(reason))

    @property
    def status_label(self):
        return RowStatus(self.status).label

    @property
    def is_error(self):
        return self.status == RowStatus.ERROR


@dataclass
class Preview:
    columns: tuple
    rows: list

    @property
    def counts(self):
        counts = {s.value: 0 for s in RowStatus}
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self):
        return any(row.is_error for row in self.rows)

    @property
    def changes_anything(self):
        return any(row.status in (RowStatus.NEW, RowStatus.CHANGED) for row in self.rows)


# Reading ---------------------------------------------------------------------------------


def read_upload(uploaded, *, columns, allow_extra=False):
    """Read an ``UploadedFile``; returns ``(data, table)`` or raises ``ValidationError``."""
    name = str(getattr(uploaded, "name", "") or "")
    limit = max_bytes()
    if (uploaded.size or 0) > limit:
        raise _too_large(uploaded.size)
    data = uploaded.read(limit + 1)
    return data, read_table(data, filename=name, columns=columns, allow_extra=allow_extra)


def _too_large(size):
    return ValidationError(
        _("The file is %(size)s MB; tables of at most %(limit)s MB are accepted.")
        % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
           "limit": f"{max_megabytes():g}".replace(".", ",")},
        code="too_large",
    )


def read_table(data, *, filename, columns, allow_extra=False):
    """Read the bytes of an XLSX or CSV file into a :class:`Table` of text values."""
    columns = tuple(columns)
    if len(data) > max_bytes():
        raise _too_large(len(data))
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = _kind(data, filename)
    grid = iter(_xlsx_rows(data) if kind == XLSX else _csv_rows(data))
    header = None
    for number, cells in grid:
        if any(cells):
            header = (number, _match_header(cells, columns, allow_extra))
            break
    if header is None:
        raise ValidationError(_("The file has no header row."), code="no_header")
    positions = header[1]
    rows = []
    for number, cells in grid:
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(limit)s rows; split it into several files.")
                % {"limit": MAX_ROWS},
                code="too_many_rows",
            )
        values = {c.key: "" for c in columns}
        for key, index in positions.items():
            values[key] = cells[index] if index < len(cells) else ""
        rows.append(SourceRow(number=number, values=values))
    return Table(kind=kind, columns=columns, rows=rows)


def _kind(data, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    actual = files.detect(io.BytesIO(data))
    if extension == XLSX:
        if actual != files.FileKind.XLSX:
            raise ValidationError(
                _("The file «%(name)s» is not an XLSX workbook by its content.") % {"name": filename},
                code="content",
            )
        return XLSX
    if extension in (CSV, "txt"):
        if actual != files.UNKNOWN or b"\x00" in data[:65536]:
            raise ValidationError(
                _("The file «%(name)s» is not a CSV table by its content.") % {"name": filename},
                code="content",
            )
        return CSV
    raise ValidationError(
        _("Upload the table as an XLSX workbook or a CSV file (the file «%(name)s» is neither).")
        % {"name": filename},
        code="extension",
    )


def cell_text(value):
    """A cell as text: numbers without a trailing «.0», dates as дд.мм.гггг, no outer spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M") if (value.hour, value.minute) != (0, 0) else (
            value.strftime("%d.%m.%Y"))
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def _xlsx_rows(data):
    # ``data_only=False``: a formula cell gives its text (e.g. «=1+1»), which is kept as plain
    # text; django-import-export's own reader would take the cached result instead.
    rows, filled = [], 0
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            cells = [cell_text(v) for v in values]
            rows.append((number, cells))
            filled += any(cells)
            if filled > MAX_ROWS + 1:  # the header and one row too many: read_table refuses
                break
        book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as error:
        raise ValidationError(
            _("The XLSX workbook cannot be read: it is damaged or not a workbook."), code="damaged"
        ) from error
    return rows


def decode_text(data):
    """Text of a CSV: UTF-8 with or without a BOM, else Windows-1251 (Russian Excel)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The CSV file's encoding is not recognised: save it as UTF-8 or Windows-1251."),
            code="encoding",
        ) from error


def _csv_rows(data):
    text = decode_text(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [
            (number, [cell_text(v) for v in values]) for number, values in enumerate(reader, 1)
        ]
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}, code="damaged"
        ) from error


def _match_header(cells, columns, allow_extra):
    by_name = {}
    for column in columns:
        for name in column.names():
            by_name[name] = column
    positions, extra, repeated = {}, [], []
    for index, cell in enumerate(cells):
        if not cell:
            continue
        column = by_name.get(normalise_header(cell))
        if column is None:
            extra.append(cell)
        elif column.key in positions:
            repeated.append(cell)
        else:
            positions[column.key] = index
    missing = [str(c.label) for c in columns if c.required and c.key not in positions]
    problems = []
    if missing:
        problems.append(
            ValidationError(
                _("Columns missing from the file: %(names)s.") % {"names": _quoted(missing)},
                code="missing_columns",
            )
        )
    if extra and not allow_extra:
        problems.append(
            ValidationError(
                _("Columns the import does not know: %(names)s. Remove or rename them "
                  "(expected columns: %(expected)s).")
                % {"names": _quoted(extra), "expected": _quoted([str(c.label) for c in columns])},
                code="extra_columns",
            )
        )
    if repeated:
        problems.append(
            ValidationError(
                _("Columns repeated in the file: %(names)s.") % {"names": _quoted(repeated)},
                code="repeated_columns",
            )
        )
    if problems:
        raise ValidationError(problems)
    return positions


def _quoted(names):
    return ", ".join(f"«{n}»" for n in names)


# Templates -------------------------------------------------------------------------------


def template_workbook(columns, *, rows=(), title=""):
    """An XLSX template (bytes): bold headers, optional example rows, every cell a string.

    A value that looks like a formula is written as a string cell, so a spreadsheet shows it as
    text and never evaluates it.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = (str(title) or "Sheet")[:31]
    bold = Font(bold=True)
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=index)
        set_text(cell, column.header())
        cell.font = bold
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.header()) + 4)
    for r, values in enumerate(rows, 2):
        for index, value in enumerate(values, 1):
            set_text(sheet.cell(row=r, column=index), value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def set_text(cell, value):
    """Write ``value`` into an openpyxl cell as text through the portal's one cell writer
    (``accounts.spreadsheets``): a string cell, never a formula; the column stays «text»."""
    if value is None or value == "":
        return
    spreadsheets.set_xlsx_value(cell, str(value))
    cell.number_format = "@"


# Keeping the file between the preview and the confirmation -------------------------------


def stash_upload(request, *, purpose, data, filename):
    """Keep the uploaded bytes on the server; returns the token the confirm form carries."""
    pending = dict(request.session.get(SESSION_KEY, {}))
    old = pending.pop(purpose, None)
    if old:
        _remove(old)
    purge_stale_uploads()
    storage = MediaStorage(name=f"{secrets.token_hex(16)}.bin")
    storage.save(data)
    token = secrets.token_urlsafe(24)
    pending[purpose] = {
        "token": token,
        "name": storage.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "filename": filename[:255],
    }
    request.session[SESSION_KEY] = pending
    return token


def take_upload(request, *, purpose, token):
    """The bytes and file name kept under ``token`` for this session's import, or ``None``."""
    entry = request.session.get(SESSION_KEY, {}).get(purpose)
    if not entry or not token or not secrets.compare_digest(str(entry["token"]), str(token)):
        return None
    try:
        data = MediaStorage(name=entry["name"]).read()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return data, entry["filename"]


def drop_upload(request, *, purpose):
    """Forget the kept file of ``purpose`` (after the import ran or the person cancelled)."""
    pending = dict(request.session.get(SESSION_KEY, {}))
    entry = pending.pop(purpose, None)
    if entry:
        _remove(entry)
        request.session[SESSION_KEY] = pending


STALE_AFTER = datetime.timedelta(days=1)


def purge_stale_uploads():
    """Remove kept files nobody confirmed within :data:`STALE_AFTER` (any session's)."""
    # the storage and folder django-import-export's MediaStorage writes to
    storage = storages["import_export" if "import_export" in settings.STORAGES else "default"]
    folder = MediaStorage(name="probe").MEDIA_FOLDER
    try:
        names = storage.listdir(folder)[1]
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    limit = timezone.now() - STALE_AFTER
    for name in names:
        path = f"{folder}/{name}"
        try:
            if storage.get_modified_time(path) < limit:
                storage.delete(path)
        except (FileNotFoundError, NotImplementedError, OSError):
            continue


def _remove(entry):
    try:
        MediaStorage(name=entry["name"]).remove()
    except OSError:
        pass
