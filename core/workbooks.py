"""Uploaded Excel workbooks (.xlsx), checked before anything reads them: an old binary
Excel file, something that is not a workbook, or a zip that would unpack too large (a "zip
bomb") is refused with a sentence the uploader can act on.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO

from core.errors import InvalidInput
from core.i18n import N_

#: What the parts of the zip may add up to when unpacked.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: The first bytes of an old binary Office file (.xls), also of a password-protected .xlsx.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_package(data: bytes, not_a_workbook: Callable[[], InvalidInput]) -> zipfile.ZipFile:
    """The workbook's zip package, opened; the caller closes it.

    Raises:
        InvalidInput: an old Excel file or a protected one; not a workbook (the caller's own
            ``not_a_workbook`` error, which says where to get a good file); too large.
    """
    if data.startswith(_OLE_MAGIC):
        raise InvalidInput(
            N_(
                "This is an old Excel file (.xls) or a workbook protected with a password. "
                "Open it in Excel and save it as “Excel Workbook (.xlsx)” without a password."
            ),
            field="file",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise not_a_workbook()
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise not_a_workbook() from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        archive.close()
        raise not_a_workbook()
    # The sizes in the zip directory are what ``zipfile`` lets a member unpack to at most.
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        archive.close()
        raise InvalidInput(
            N_("This workbook is too large to import. Split it into several smaller files."),
            field="file",
        )
    return archive
