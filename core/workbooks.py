"""Excel workbooks (.xlsx). Uploaded ones are checked before anything reads them: an old
binary Excel file, something that is not a workbook, or a zip that would unpack too large (a
"zip bomb") is refused with a sentence the uploader can act on. Exports write text cells that
stay text and one header row, the same in every export.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from io import BytesIO
from typing import cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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


def text_cell(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    """A cell that stays text in Excel, even "=…" (a name typed like a formula)."""
    cell: Cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def headed_sheet(
    workbook: Workbook, title: str, columns: Sequence[tuple[str, int]]
) -> WriteOnlyWorksheet:
    """A write-only sheet of ``workbook`` with one bold header row of ``columns`` (label,
    width), frozen so it stays in sight while scrolling."""
    sheet = workbook.create_sheet(title[:31])  # Excel's limit on a name
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for label, _ in columns:
        cell = text_cell(sheet, label)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    # openpyxl's stubs type a write-only workbook's sheets as the read-write kind.
    return cast(WriteOnlyWorksheet, sheet)
