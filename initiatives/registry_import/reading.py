"""Reading an uploaded registry file and keeping it on the server between preview and confirm.

The file is recognised by its content, not its name: an XLSX must be a real OOXML workbook
(``accounts.files.detect``), anything else must decode as text — UTF-8 (with or without BOM)
or Windows-1251 — with ``;`` or ``,`` between cells; tablib (through django-import-export's
formats) reads both. Cells are read as values and never evaluated: a cell that looks like a
formula stays the text it is. The table read is kept (JSON) under
``MEDIA_ROOT/registry-imports`` by a random token that the person's session remembers; the
confirm reads it from there and previews it again in its transaction.
"""

import csv
import datetime
import hashlib
import io
import json
import re
import secrets
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accounts.enums import FileKind
from accounts.files import detect
from initiatives.registry_import.preview import Table

MAX_ROWS = 20_000
MAX_UNPACKED = 200 * 1024 * 1024  # a workbook unpacking to more is refused (a zip bomb)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # no text table has these
KEEP_SECONDS = 24 * 3600
_SESSION_KEY = "registry_imports"


@dataclass
class Upload:
    table: Table
    file_name: str
    sha256: str
    content: bytes = b""


def max_bytes():
    return settings.FILE_UPLOAD_MAX_MB * 1024 * 1024


def _rows(values_iter):
    """(line, values) of the non-empty rows after the header; the header's values."""
    headers, rows = None, []
    for line, values in enumerate(values_iter, 1):
        values = ["" if v is None else v for v in values]
        if not any(str(v).strip() for v in values):
            continue
        if headers is None:
            headers = [str(v).strip() for v in values]
            continue
        rows.append((line, values))
        if len(rows) > MAX_ROWS:
            raise ValidationError(_("The file has more than %(n)s rows; split it into parts.")
                                  % {"n": MAX_ROWS})
    if headers is None:
        raise ValidationError(_("The file is empty."))
    return Table(headers=headers, rows=rows)


def _read_xlsx(content):
    try:
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(content)).infolist())
    except zipfile.BadZipFile as e:
        raise ValidationError(_("The workbook cannot be read: it is damaged or not an Excel "
                                "workbook.")) from e
    if unpacked > MAX_UNPACKED:
        raise ValidationError(_("The workbook unpacks to more than %(mb)s MB; it is refused.")
                              % {"mb": MAX_UNPACKED // (1024 * 1024)})
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        # a formula's text is kept as it is written: nothing in the file is evaluated
        return _rows(row for row in sheet.iter_rows(values_only=True))
    except ValidationError:
        raise
    except Exception as e:  # a damaged workbook: openpyxl raises many kinds
        raise ValidationError(_("The workbook cannot be read: it is damaged or not an Excel "
                                "workbook.")) from e


def _decode(content):
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            break
        return text
    raise ValidationError(_("The file is neither an Excel workbook (XLSX) nor a table in text "
                            "(CSV in UTF-8 or Windows-1251)."))


def _read_csv(content):
    text = _decode(content)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return _rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise ValidationError(_("The CSV file cannot be read: %(error)s") % {"error": e}) from e


def read_upload(uploaded) -> Upload:
    """The uploaded file read as a table, or ``ValidationError`` saying why, in Russian."""
    if uploaded.size > max_bytes():
        raise ValidationError(_("The file is larger than %(mb)s MB.")
                              % {"mb": settings.FILE_UPLOAD_MAX_MB})
    kind = detect(uploaded)
    uploaded.seek(0)
    content = uploaded.read(max_bytes() + 1)
    if len(content) > max_bytes():
        raise ValidationError(_("The file is larger than %(mb)s MB.")
                              % {"mb": settings.FILE_UPLOAD_MAX_MB})
    if kind == FileKind.XLSX:
        table = _read_xlsx(content)
    elif kind == "unknown" and content:
        table = _read_csv(content)
    else:
        raise ValidationError(_("The file is neither an Excel workbook (XLSX) nor a table in "
                                "text (CSV in UTF-8 or Windows-1251)."))
    name = Path(str(uploaded.name or "")).name[:255] or "registry"
    return Upload(table, name, hashlib.sha256(content).hexdigest(), content)


def _folder():
    folder = Path(settings.MEDIA_ROOT) / "registry-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _plain(value):
    """A cell as JSON keeps it: dates as «дд.мм.гггг» (which the date column reads back)."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def keep(request, upload: Upload) -> str:
    """Keep the read table on the server (JSON: the confirm does not parse the workbook again);
    the token is only good in this person's session."""
    folder = _folder()
    for old in folder.glob("*.json"):
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    data = {"file_name": upload.file_name, "sha256": upload.sha256,
            "headers": upload.table.headers,
            "rows": [[line, [_plain(v) for v in values]] for line, values in upload.table.rows]}
    (folder / f"{token}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    kept = request.session.get(_SESSION_KEY, {})
    kept[token] = upload.file_name
    request.session[_SESSION_KEY] = dict(list(kept.items())[-5:])
    return token


def take(request, token: str) -> Upload | None:
    """The table kept under this session's token, or None."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    name = request.session.get(_SESSION_KEY, {}).get(token)
    path = _folder() / f"{token}.json"
    if not name or not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    table = Table(headers=data["headers"], rows=[(line, values) for line, values in data["rows"]])
    return Upload(table, data["file_name"], data["sha256"], b"")


def forget(request, token: str) -> None:
    kept = request.session.get(_SESSION_KEY, {})
    if kept.pop(token, None) is not None:
        request.session[_SESSION_KEY] = kept
    if _TOKEN.fullmatch(token or ""):
        (_folder() / f"{token}.json").unlink(missing_ok=True)
