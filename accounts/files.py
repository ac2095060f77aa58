"""Checking uploaded files by their content, for every app that accepts files.

:func:`check_upload` recognises the format from the bytes (signatures; for office documents
the parts inside the zip), compares it with the name's extension, enforces
``settings.FILE_UPLOAD_MAX_MB`` and returns a safe name to store the file under. A refused file
raises ``ValidationError`` with a message that says why.
"""

import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.enums import FileKind

CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
}
EXTENSIONS = {
    "pdf": FileKind.PDF,
    "docx": FileKind.DOCX,
    "xlsx": FileKind.XLSX,
    "pptx": FileKind.PPTX,
    "odt": FileKind.ODT,
    "ods": FileKind.ODS,
    "jpg": FileKind.JPEG,
    "jpeg": FileKind.JPEG,
    "png": FileKind.PNG,
}
# The main part that makes an OOXML package a document of each kind.
_OOXML_PARTS = {
    "word/document.xml": FileKind.DOCX,
    "xl/workbook.xml": FileKind.XLSX,
    "ppt/presentation.xml": FileKind.PPTX,
}
_ODF_MIMETYPES = {CONTENT_TYPES[FileKind.ODT]: FileKind.ODT, CONTENT_TYPES[FileKind.ODS]: FileKind.ODS}
UNKNOWN, EXECUTABLE, ARCHIVE = "unknown", "executable", "archive"


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    size: int
    original_name: str
    stored_name: str


def _head(f, n=4096):
    f.seek(0)
    data = f.read(n)
    f.seek(0)
    return data


def detect(f):
    """The ``FileKind`` of an open binary file by its content, or UNKNOWN/EXECUTABLE/ARCHIVE."""
    head = _head(f)
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith((b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")):
        return EXECUTABLE
    if head.startswith(b"PK\x03\x04"):
        return _detect_zip(f)
    return UNKNOWN


def _detect_zip(f):
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
            if "mimetype" in names and z.getinfo("mimetype").file_size < 200:
                mimetype = z.read("mimetype").decode("ascii", "replace").strip()
                return _ODF_MIMETYPES.get(mimetype, ARCHIVE)
            if "[Content_Types].xml" in names:
                for part, kind in _OOXML_PARTS.items():
                    if part in names:
                        return kind
            return ARCHIVE
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return UNKNOWN
    finally:
        f.seek(0)


def _describe(kind):
    if kind == EXECUTABLE:
        return _("an executable program")
    if kind == ARCHIVE:
        return _("a zip archive")
    if kind == UNKNOWN:
        return _("an unknown format")
    return _("a %(kind)s file") % {"kind": FileKind(kind).label}


def sanitise_name(name, *, kind):
    """A safe file name: no folders, no control or special characters, the right extension."""
    name = unicodedata.normalize("NFC", PurePath(str(name).replace("\\", "/")).name)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\-. ]+", "", stem, flags=re.UNICODE).strip(" .")
    stem = re.sub(r"\s+", "_", stem)[:80] or "file"
    extension = "jpg" if kind == FileKind.JPEG else str(kind)
    return f"{uuid.uuid4().hex[:12]}-{stem}.{extension}"


def check_upload(uploaded, *, allowed=tuple(FileKind)):
    """Check an ``UploadedFile``; returns :class:`CheckedFile` or raises ``ValidationError``."""
    original = unicodedata.normalize("NFC", PurePath(str(uploaded.name).replace("\\", "/")).name)
    original = original.strip()[:255] or "file"
    limit = settings.FILE_UPLOAD_MAX_MB
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("The file «%(name)s» is empty.") % {"name": original}, code="empty")
    if size > limit * 1024 * 1024:
        raise ValidationError(
            _("The file «%(name)s» is %(size)s MB; files of at most %(limit)s MB are accepted.")
            % {"name": original, "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
               "limit": limit},
            code="too_large",
        )
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    expected = EXTENSIONS.get(extension)
    accepted = ", ".join(sorted({FileKind(k).label for k in allowed}))
    if expected is None or expected not in allowed:
        raise ValidationError(
            _("Files like «%(name)s» are not accepted. Accepted formats: %(formats)s.")
            % {"name": original, "formats": accepted},
            code="extension",
        )
    actual = detect(uploaded)
    if actual != expected:
        raise ValidationError(
            _("The file «%(name)s» is not a %(kind)s file: its content is %(actual)s.")
            % {"name": original, "kind": FileKind(expected).label, "actual": _describe(actual)},
            code="content",
        )
    return CheckedFile(
        kind=str(expected),
        content_type=CONTENT_TYPES[expected],
        size=size,
        original_name=original,
        stored_name=sanitise_name(original, kind=expected),
    )
