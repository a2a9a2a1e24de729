"""Excel workbooks (.xlsx). Uploaded ones are checked before anything reads them: an old
binary Excel file, something that is not a workbook, or a zip that would unpack too large (a
"zip bomb") is refused with a sentence the uploader can act on. Exports write text cells that
stay text and one header row, the same in every export.

The imports that fill in a template (the atlas, mock exam results) share its making and its
reading here: :func:`template_workbook` writes the header row in the reader's language and a
sheet of instructions; :func:`read_rows` matches the header in any language and returns the
rows below it, each by its Excel row number. What a row means stays with each import.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import cast

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core.config import LANGUAGES
from core.errors import InvalidInput
from core.i18n import N_, gettext_for
from core.names import fold

#: What the parts of the zip may add up to when unpacked.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: The first bytes of an old binary Office file (.xls), also of a password-protected .xlsx.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: How many columns of an upload are read; the templates have fewer.
MAX_COLUMNS = 32


@dataclass(frozen=True)
class Column:
    """A column of an import template."""

    key: str
    label: str  # the English name, marked for translation
    width: int
    required: bool = False


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


def template_workbook(
    language: str,
    title: str,
    columns: Sequence[Column | tuple[str, int]],
    instructions: Sequence[str],
) -> bytes:
    """An import template in ``language``: a sheet named ``title`` with one header row (a
    :class:`Column`'s label translated, ``*`` after a required one; a (label, width) pair as
    it is) and an "Instructions" sheet of one line per row. ``title`` and ``instructions``
    are messages marked for translation."""
    workbook = Workbook(write_only=True)
    header = [
        (
            gettext_for(language, column.label) + ("*" if column.required else ""),
            column.width,
        )
        if isinstance(column, Column)
        else column
        for column in columns
    ]
    headed_sheet(workbook, gettext_for(language, title), header)
    info = workbook.create_sheet(gettext_for(language, N_("Instructions"))[:31])
    for line in instructions:
        info.append([text_cell(info, gettext_for(language, line))])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def folded(value: object) -> str:
    """``value`` as a header is matched: spaces collapsed, a trailing ``*`` dropped, folded."""
    text = "" if value is None else str(value)
    return fold(" ".join(text.split()).rstrip("*").strip())


def _header(
    cells: Sequence[object], columns: Sequence[Column], extra: Mapping[str, str]
) -> dict[int, str]:
    """The column key of each header cell by its index.

    Raises:
        InvalidInput: a header not among ``columns`` (in any language) or ``extra``; a
            required column missing.
    """
    names = (
        {folded(gettext_for(language, c.label)): c.key for c in columns for language in LANGUAGES}
        | {folded(column.label): column.key for column in columns}
        | {folded(name): key for name, key in extra.items()}
    )
    keys: dict[int, str] = {}
    for index, value in enumerate(cells):
        name = folded(value)
        if not name:
            continue
        if name not in names:
            raise InvalidInput(
                N_(
                    "The column “{column}” is not one we know. Rename it as in the template "
                    "or delete it."
                ),
                field="file",
                column=str(value)[:60],
            )
        keys[index] = names[name]
    missing = [c for c in columns if c.required and c.key not in keys.values()]
    if missing:
        raise InvalidInput(
            N_("These required columns are missing: {columns}. Use the template's columns."),
            field="file",
            # The message is translated later, its parameters are not: name them in all three.
            columns=", ".join(
                "“" + " / ".join(gettext_for(code, column.label) for code in LANGUAGES) + "”"
                for column in missing
            ),
        )
    return keys


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_rows(
    data: bytes,
    columns: Sequence[Column],
    *,
    not_a_workbook: str,
    max_rows: int,
    extra_names: Mapping[str, str] | None = None,
) -> list[tuple[int, dict[str, object]]]:
    """The rows of the first sheet below its header, each as its Excel row number and its
    cells' values by column key; blank cells and rows left out (blocking: run it in a
    thread). ``extra_names`` are header names accepted besides the columns' labels, each
    with its key; ``not_a_workbook`` is the message for a file that is not a workbook.

    Raises:
        InvalidInput: not a readable .xlsx, an unknown or missing column, more than
            ``max_rows`` rows.
    """

    def refused() -> InvalidInput:
        return InvalidInput(not_a_workbook, field="file")

    with open_package(data, refused):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # styles from other tools openpyxl ignores
                workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or foreign package
            raise refused() from None
        try:
            rows = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
            header = _header(next(rows, ()), columns, extra_names or {})
            found: list[tuple[int, dict[str, object]]] = []
            for number, cells in enumerate(rows, start=2):
                values: dict[str, object] = {
                    key: cells[index]
                    for index, key in header.items()
                    if index < len(cells) and not _blank(cells[index])
                }
                if not values:
                    continue
                if len(found) >= max_rows:
                    raise InvalidInput(
                        N_("The file has more than {limit} rows. Split it into smaller files."),
                        field="file",
                        limit=max_rows,
                    )
                found.append((number, values))
            return found
        finally:
            workbook.close()
