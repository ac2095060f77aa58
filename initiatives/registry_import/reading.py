"""Reading an uploaded registry file and keeping it between preview and confirm.

``accounts.tabular`` does both: the file is recognised by its content (a real XLSX workbook, or
a CSV in UTF-8 or Windows-1251 with ``;`` or ``,``), its size is limited, headers are matched by
name in any order (missing, unknown and repeated columns are named in Russian), every cell is
read as text and never evaluated; the bytes are kept on the server under a token of the
person's session. The one check added here: a workbook whose parts unpack to more than
:data:`MAX_UNPACKED` is refused before anything parses it (a zip bomb).
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts import tabular
from initiatives.registry_import.columns import COLUMNS

PURPOSE = "registry"
MAX_UNPACKED = 200 * 1024 * 1024


@dataclass
class Upload:
    table: tabular.Table
    file_name: str
    sha256: str
    data: bytes


def _check_unpacked(data):
    if not data.startswith(b"PK\x03\x04"):
        return
    try:
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        return  # tabular says the workbook is damaged
    if unpacked > MAX_UNPACKED:
        raise ValidationError(_("The workbook unpacks to more than %(mb)s MB; it is refused.")
                              % {"mb": MAX_UNPACKED // (1024 * 1024)})


def read_bytes(data, *, file_name) -> Upload:
    if len(data) <= tabular.max_bytes():  # a larger file tabular refuses by its size
        _check_unpacked(data)
    table = tabular.read_table(data, filename=file_name, columns=COLUMNS)
    return Upload(table, file_name[:255], hashlib.sha256(data).hexdigest(), data)


def read_upload(uploaded) -> Upload:
    """The uploaded file read as a table, or ``ValidationError`` saying why, in Russian."""
    if (uploaded.size or 0) > tabular.max_bytes():
        tabular.read_upload(uploaded, columns=COLUMNS)  # refuses it, naming its size
    data = uploaded.read(tabular.max_bytes() + 1)
    return read_bytes(data, file_name=str(uploaded.name or "registry"))


def keep(request, upload: Upload) -> str:
    return tabular.stash_upload(request, purpose=PURPOSE, data=upload.data,
                                filename=upload.file_name)


def take(request, token: str) -> Upload | None:
    """The file kept under this session's token, read again; None if there is none."""
    kept = tabular.take_upload(request, purpose=PURPOSE, token=token)
    if kept is None:
        return None
    data, file_name = kept
    try:
        return read_bytes(data, file_name=file_name)
    except ValidationError:
        return None


def forget(request) -> None:
    tabular.drop_upload(request, purpose=PURPOSE)
