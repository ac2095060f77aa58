"""A Word card upload checked by its content before python-docx opens it.

On top of :func:`accounts.files.check_upload` (extension, signature, size): the old binary
``.doc`` is named as such; a package whose parts unpack to more than ``MAX_UNPACKED`` bytes,
or that compresses better than ``MAX_RATIO`` (a zip bomb), has too many parts, carries macros
(``vbaProject.bin``, a macro-enabled content type) or relationships to the outside
(``TargetMode="External"``: a remote template, a linked picture or object; hyperlinks in the
text are ordinary and allowed) is refused with a message saying why.
"""

import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.enums import FileKind
from accounts.files import check_upload

MAX_UNPACKED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_PARTS = 2000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Word .doc
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*>", re.I)


@dataclass(frozen=True)
class CheckedCard:
    original_name: str
    size: int


def _refuse(message, code):
    raise ValidationError(message, code=code)


def check_card_upload(upload):
    """Check an uploaded Word card; returns :class:`CheckedCard` or raises ValidationError."""
    name = str(upload.name or "")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if name.lower().endswith(".doc") or head == _OLE:
        _refuse(_("«%(name)s» is an old Word document (.doc). Open it in Word and save it as "
                  "«Word Document (.docx)», then upload the .docx file.") % {"name": name},
                "doc")
    if name.lower().endswith(".docm"):
        _refuse(_("«%(name)s» is a Word document with macros (.docm); macros are not accepted. "
                  "Save it as «Word Document (.docx)».") % {"name": name}, "macros")
    checked = check_upload(upload, allowed=(FileKind.DOCX,))
    try:
        with zipfile.ZipFile(upload) as package:
            _check_package(package, checked.original_name, checked.size)
    except zipfile.BadZipFile:
        _refuse(_("The file «%(name)s» is damaged and cannot be read as a Word document.")
                % {"name": checked.original_name}, "damaged")
    finally:
        upload.seek(0)
    return CheckedCard(original_name=checked.original_name, size=checked.size)


def _check_package(package, name, size):
    infos = package.infolist()
    unpacked = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or unpacked > MAX_UNPACKED or unpacked > max(size, 1) * MAX_RATIO:
        _refuse(_("The file «%(name)s» unpacks to %(mb)s MB, far more than a card holds; it "
                  "looks like a zip bomb and is not read.")
                % {"name": name, "mb": f"{unpacked / 1024 / 1024:.0f}"}, "zip_bomb")
    names = {i.filename.lower() for i in infos}
    content_types = package.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroEnabled" in content_types:
        _refuse(_("The file «%(name)s» contains macros; documents with macros are not accepted. "
                  "Save it in Word as «Word Document (.docx)» without macros.") % {"name": name},
                "macros")
    for info in infos:
        if not info.filename.lower().endswith(".rels"):
            continue
        for rel in _EXTERNAL.findall(package.read(info)):
            if b'TargetMode="External"' in rel and _HYPERLINK.encode() not in rel:
                _refuse(_("The file «%(name)s» links to content outside the document (a remote "
                          "template, picture or object) and is not read. Save the document "
                          "without external links.") % {"name": name}, "external")
