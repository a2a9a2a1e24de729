"""Importing students, with their parents and groups, from an Excel workbook (.xlsx).

All or nothing. The workbook is read and every row checked first (names, IIN, phones,
e-mail, birth date, gender, groups and their free places, IINs already on record, formulas,
merged cells); if any row has a problem, :class:`~core.errors.ImportRejected` lists every
problem with its spreadsheet row number and nothing is written. Otherwise one transaction
records the students, their parents and their enrolments, and writes ONE audit record for
the whole file.

Speed: a school uploads thousands of rows at once, so the write path is set-based. Each
person is one ``INSERT`` (its id is needed for what follows), while memberships, parent links
and enrolments go in with ``bulk_create``. The per-row trusted verbs (``do_create_person``,
``do_link_parent``, ``do_enrol``) each re-check and audit one row, which costs several queries
per student; their checks are done here once for the whole file instead, inside the same
transaction and with the groups locked, so the guarantees are the same.

Headers are matched in any of the three languages (case-insensitive, a trailing ``*``
ignored, any column order), so a template downloaded in Kazakh still imports after the
secretary switched the panel to Russian.
"""

from __future__ import annotations

import asyncio
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.functions import Count

from core.actor import Actor
from core.config import LANGUAGES
from core.deps import Deps
from core.errors import Conflict, ImportRejected, InvalidInput, RowProblem
from core.events import PersonCreated, StudentEnrolled
from core.i18n import N_, gettext_for
from core.iin import normalise_iin
from core.models.academics import Enrolment, Group, GroupStatus
from core.models.people import Gender, Membership, ParentLink, Person, Role
from core.permissions import Permission, require
from core.phones import normalise_phone
from core.services.audit import do_record
from core.services.conversations import do_sync_group_conversation
from core.services.people import NAME_LIMIT, fold, full_name, search_text_of
from core.tx import Tx, transaction
from core.workbooks import open_package

#: A workbook larger than this is refused before it is opened (also see ``max_upload_bytes``).
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Columns to the right of this are never read (some tools claim 16,384 used columns).
MAX_COLUMNS = 64
#: This many empty rows in a row end the data (a sheet formatted down to row 1,048,576).
EMPTY_ROWS_END = 1000
#: The header is looked for among this many first non-empty rows (a title may stand above it).
HEADER_SEARCH_ROWS = 10
#: ``__in`` lists are sent in chunks of this size.
CHUNK = 1000

_TEXT_FORMAT = "@"
_DATE_FORMAT = "dd.mm.yyyy"
_EMAIL_LIMIT = 254
_NOTES_LIMIT = 2000
_OLDEST_BIRTH = date(1900, 1, 1)
_DOTTED_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=[\"']"
    rb"([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"
)
_NUMBERING_HEADERS = frozenset({"№", "#", "no", "no.", "n", "nr", "№ п/п", "п/п", "р/с", "р/н"})
_MALE = frozenset({"m", "male", "man", "boy", "м", "муж", "муж.", "мужской", "е", "ер", "ұл"})
_FEMALE = frozenset(
    {"f", "female", "woman", "girl", "ж", "жен", "жен.", "женский", "ә", "әйел", "қыз", "к"}
)


@dataclass(frozen=True)
class Column:
    """One column of the import sheet.

    ``label`` is the English name marked for translation; ``kk`` and ``ru`` are the names the
    template carries until the catalogues translate ``label`` (and are always accepted, like
    ``aliases``, so an older template keeps working when a translation changes).
    """

    key: str
    label: str
    kk: str
    ru: str
    width: int
    required: bool = False
    number_format: str | None = None
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("last_name", N_("Last name"), "Тегі", "Фамилия", 20, True, aliases=("surname",)),
    Column("first_name", N_("First name"), "Аты", "Имя", 18, True, aliases=("name", "есімі")),
    Column(
        "middle_name",
        N_("Middle name"),
        "Әкесінің аты",
        "Отчество",
        20,
        aliases=("patronymic", "әкесінің есімі"),
    ),
    Column(
        "birth_date",
        N_("Birth date"),
        "Туған күні",
        "Дата рождения",
        14,
        number_format=_DATE_FORMAT,
        aliases=("date of birth", "birthday", "туған күн"),
    ),
    Column("gender", N_("Gender"), "Жынысы", "Пол", 9, aliases=("sex", "жыныс")),
    Column("iin", N_("IIN"), "ЖСН", "ИИН", 16, number_format=_TEXT_FORMAT, aliases=("жсн/иин",)),
    Column(
        "phone",
        N_("Phone"),
        "Телефон",
        "Телефон",
        18,
        number_format=_TEXT_FORMAT,
        aliases=("phone number", "телефон нөмірі", "номер телефона"),
    ),
    Column(
        "email",
        N_("E-mail"),
        "Электрондық пошта",
        "Электронная почта",
        26,
        aliases=("email", "e-mail", "эл. почта", "эл. пошта", "почта", "пошта"),
    ),
    Column("group", N_("Group"), "Топ", "Группа", 18, aliases=("сынып", "класс", "class")),
    Column("parent_last_name", N_("Parent last name"), "Ата-ананың тегі", "Фамилия родителя", 20),
    Column("parent_first_name", N_("Parent first name"), "Ата-ананың аты", "Имя родителя", 18),
    Column(
        "parent_phone",
        N_("Parent phone"),
        "Ата-ананың телефоны",
        "Телефон родителя",
        20,
        number_format=_TEXT_FORMAT,
    ),
    Column(
        "notes",
        N_("Notes"),
        "Ескертпе",
        "Примечание",
        30,
        aliases=("note", "comment", "ескертпелер", "примечания", "комментарий"),
    ),
)
_BY_KEY = {column.key: column for column in COLUMNS}
_NAME_KEYS = ("last_name", "first_name", "middle_name", "parent_last_name", "parent_first_name")

_INSTRUCTIONS = (
    N_("How to fill in the student list"),
    N_("One row per student, from the second row down. Keep the column names in the first row."),
    N_("Columns marked with * are required. Any other column may be left empty or deleted."),
    N_("Birth date: a date such as 31.12.2010."),
    N_("Gender: M or F."),
    N_("IIN: 12 digits. Phone: for example +7 701 123 45 67."),
    N_("Group: the name of an existing group, as in the panel. Leave it empty to enrol later."),
    N_(
        "Parent: last name, first name and phone. Brothers and sisters with the same parent "
        "phone get one parent; a parent already on record with that phone is reused."
    ),
    N_("Type or paste values only: no formulas and no merged cells."),
    N_(
        "If any row has a problem, nothing is imported and every problem is listed with its "
        "row number. Fix them and upload the file again."
    ),
)
_ROW_LIMIT_LINE = N_("At most {limit} students per file.")


@dataclass(frozen=True)
class ImportResult:
    """What an import recorded."""

    students_created: int
    parents_created: int
    parents_reused: int
    enrolments: int


# --- the template -------------------------------------------------------------------------


def column_name(column: Column, language: str) -> str:
    """The column's name in ``language``: the catalogue's translation, else the built-in one."""
    translated = gettext_for(language, column.label)
    if translated != column.label or language == "en":
        return translated
    return {"kk": column.kk, "ru": column.ru}.get(language, column.label)


def _sheet_title(text: str) -> str:
    """A legal sheet name (Excel forbids some characters and more than 31 of them)."""
    return "".join(char for char in text if char not in "[]:*?/\\")[:31] or "Sheet"


def build_student_template(language: str, *, max_rows: int | None = None) -> bytes:
    """The .xlsx a secretary downloads, fills in and uploads: headers only, no example rows.

    IIN and phone columns are formatted as text (Excel keeps leading zeros), the birth date
    column as a date; a second sheet explains the rules in ``language``.
    """
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = _sheet_title(gettext_for(language, N_("Students")))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        name = column_name(column, language) + ("*" if column.required else "")
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.number_format:
            # A column style: Excel applies it to every cell typed into the column.
            dimension.number_format = column.number_format
    sheet.freeze_panes = "A2"

    info = workbook.create_sheet(_sheet_title(gettext_for(language, N_("Instructions"))))
    info.column_dimensions["A"].width = 110
    lines = [gettext_for(language, line) for line in _INSTRUCTIONS]
    if max_rows:
        lines.append(gettext_for(language, _ROW_LIMIT_LINE).format(limit=max_rows))
    for row, line in enumerate(lines, start=1):
        cell = info.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=13)
    workbook.active = 0
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading the workbook -----------------------------------------------------------------


def _norm_header(value: object) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    text = " ".join(text.split()).rstrip("*").strip().rstrip(":").strip()
    return text.casefold().replace("ё", "е")


def _header_names() -> dict[str, tuple[str, frozenset[str]]]:
    """Every accepted column name (normalised) → its column key and its languages."""
    names: dict[str, tuple[str, set[str]]] = {}

    def add(name: str, key: str, languages: Iterable[str]) -> None:
        normal = _norm_header(name)
        if normal:
            entry = names.setdefault(normal, (key, set()))
            if entry[0] == key:
                entry[1].update(languages)

    for column in COLUMNS:
        for language in LANGUAGES:
            add(column_name(column, language), column.key, (language,))
        add(column.label, column.key, ("en",))
        add(column.kk, column.key, ("kk",))
        add(column.ru, column.key, ("ru",))
        for alias in column.aliases:
            add(alias, column.key, ())
    return {name: (key, frozenset(languages)) for name, (key, languages) in names.items()}


@dataclass(frozen=True)
class _Header:
    row: int
    keys: dict[int, str]  # 0-based column index → column key
    language: str  # the language most of its names are in


@dataclass
class _SheetRow:
    number: int
    values: dict[str, object]
    formulas: frozenset[str] = frozenset()


def _not_a_workbook() -> InvalidInput:
    return InvalidInput(
        N_(
            "This file is not an Excel workbook (.xlsx). Download the template, fill it in "
            "and upload it, or save your file in Excel as “Excel Workbook (.xlsx)”."
        ),
        field="file",
    )


def _open_zip(data: bytes) -> zipfile.ZipFile:
    return open_package(data, _not_a_workbook)


def _merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[str]:
    """The merged ranges of a sheet (openpyxl's read-only sheets do not report them).

    A streamed search of the raw XML: a second full XML parse would cost as much as reading
    the rows, and ``<`` inside cell text is always escaped, so the pattern cannot misfire.
    """
    ranges: list[str] = []
    tail = b""
    with archive.open(sheet_path) as source:
        while chunk := source.read(1 << 20):
            buffer = tail + chunk
            last_end = 0
            for match in _MERGE_CELL.finditer(buffer):
                ranges.append(match.group(1).decode("ascii"))
                last_end = match.end()
            tail = buffer[max(last_end, len(buffer) - 256) :]
    return ranges


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _find_header(rows: Iterable[tuple[int, Sequence[Any]]], default_language: str) -> _Header:
    """The first row that names known columns (a title may stand above it).

    Raises:
        InvalidInput: no such row, a column named twice, an unknown column, or a required
            column missing.
    """
    names = _header_names()
    seen = 0
    for number, cells in rows:
        values = [cell.value for cell in cells]
        if all(_is_empty(value) for value in values):
            continue
        seen += 1
        keys: dict[int, str] = {}
        unknown: list[str] = []
        votes: dict[str, int] = dict.fromkeys(LANGUAGES, 0)
        for index, value in enumerate(values):
            normal = _norm_header(value)
            if not normal or normal in _NUMBERING_HEADERS:
                continue
            if normal not in names:
                unknown.append(str(value).strip()[:60])
                continue
            key, languages = names[normal]
            keys[index] = key
            for language in languages:
                votes[language] += 1
        if len(keys) >= 2 or {"last_name", "first_name"} & set(keys.values()):
            best = max(votes.values())
            language = default_language
            if best and votes.get(default_language, 0) < best:
                language = next(code for code in LANGUAGES if votes[code] == best)
            header = _Header(row=number, keys=keys, language=language)
            _check_header(header, unknown)
            return header
        if seen >= HEADER_SEARCH_ROWS:
            break
    raise InvalidInput(
        N_(
            "No column names were found. The first row of the first sheet must name the "
            "columns as in the template, starting with “{example}”."
        ),
        field="file",
        example=column_name(COLUMNS[0], default_language),
    )


def _check_header(header: _Header, unknown: list[str]) -> None:
    keys = list(header.keys.values())
    for key in keys:
        if keys.count(key) > 1:
            raise InvalidInput(
                N_("The column “{column}” appears twice. Keep one of them."),
                field="file",
                column=column_name(_BY_KEY[key], header.language),
            )
    if unknown:
        raise InvalidInput(
            N_(
                "The column “{column}” is not one we know. Rename it as in the template or "
                "delete it."
            ),
            field="file",
            column=unknown[0],
        )
    missing = [column for column in COLUMNS if column.required and column.key not in keys]
    if missing:
        raise InvalidInput(
            N_(
                "These required columns are missing: {columns}. Use the column names of the "
                "template."
            ),
            field="file",
            columns=", ".join(f"“{column_name(column, header.language)}”" for column in missing),
        )


def _excel_date(value: object, epoch: datetime | None) -> object:
    """A number in the date column is an Excel serial date whose cell lost its date format."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        try:
            moment = from_excel(value, epoch) if epoch is not None else from_excel(value)
        except (ValueError, OverflowError, TypeError):
            return value
        if isinstance(moment, datetime):
            return moment.date()
    return value


def _read_rows(
    rows: Iterable[tuple[int, Sequence[Any]]],
    header: _Header,
    *,
    max_rows: int,
    epoch: datetime | None,
) -> tuple[list[_SheetRow], list[RowProblem]]:
    """Raw values by column key of every non-empty row below the header; formula problems.

    Raises:
        InvalidInput: more than ``max_rows`` rows with data.
    """
    result: list[_SheetRow] = []
    problems: list[RowProblem] = []
    empty_run = 0
    columns = sorted(header.keys.items())
    for number, cells in rows:
        values: dict[str, object] = {}
        formula_cells: list[str] = []
        formula_keys: set[str] = set()
        for index, key in columns:
            if index >= len(cells):
                break
            cell = cells[index]
            if getattr(cell, "data_type", None) == "f":
                formula_cells.append(f"{get_column_letter(index + 1)}{number}")
                formula_keys.add(key)
                values[key] = None
                continue
            value = cell.value
            if not _is_empty(value):
                values[key] = _excel_date(value, epoch) if key == "birth_date" else value
        if not values:
            empty_run += 1
            if empty_run >= EMPTY_ROWS_END:
                break
            continue
        empty_run = 0
        if len(result) >= max_rows:
            raise InvalidInput(
                N_(
                    "The file has more than {limit} students. Split it into files of at most "
                    "{limit} rows each."
                ),
                field="file",
                limit=max_rows,
            )
        result.append(_SheetRow(number=number, values=values, formulas=frozenset(formula_keys)))
        if formula_cells:
            problems.append(
                RowProblem(
                    row=number,
                    message=N_(
                        "Cell {cells} holds a formula. Copy the sheet and paste it as values "
                        "only, then upload the file again."
                    ),
                    params={"cells": ", ".join(formula_cells)},
                )
            )
    return result, problems


def _read_sheet(
    data: bytes, *, max_rows: int, language: str = "ru"
) -> tuple[list[_SheetRow], list[RowProblem]]:
    """The rows of the workbook's first sheet as raw values by column key, and the problems
    found while reading (formulas, merged cells in the data area).

    Blocking (openpyxl parses the XML): run it in a thread. ``language`` names missing
    columns when the file's own language cannot be told.

    Raises:
        InvalidInput: not a readable .xlsx, no header, a column missing, doubled or unknown,
            no data rows, or more than ``max_rows`` rows.
    """
    with _open_zip(data) as archive:
        try:
            with warnings.catch_warnings():
                # Files from other tools warn about styles or extensions openpyxl ignores.
                warnings.simplefilter("ignore")
                workbook = load_workbook(BytesIO(data), read_only=True, data_only=False)
        except Exception:  # openpyxl raises many kinds for a damaged or foreign package
            raise _not_a_workbook() from None
        try:
            if not workbook.worksheets:
                raise _not_a_workbook()
            sheet = workbook.worksheets[0]
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # the stored size may be wrong; read what is there
            epoch = workbook.epoch if isinstance(workbook.epoch, datetime) else None
            rows = enumerate(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS), start=1)
            header = _find_header(rows, language)
            sheet_rows, problems = _read_rows(rows, header, max_rows=max_rows, epoch=epoch)
            sheet_path = getattr(sheet, "_worksheet_path", None)
            merged = _merged_ranges(archive, sheet_path) if isinstance(sheet_path, str) else []
        except InvalidInput:
            raise
        except Exception:  # a damaged sheet inside a valid package
            raise _not_a_workbook() from None
        finally:
            workbook.close()
    for reference in merged:
        try:
            _, first_row, _, last_row = range_boundaries(reference)
        except (TypeError, ValueError):
            continue
        if last_row is not None and last_row > header.row:
            problems.append(
                RowProblem(
                    row=max(first_row or 0, header.row + 1),
                    message=N_(
                        "Cells {cells} are merged. Unmerge them so that every row has its own "
                        "values."
                    ),
                    params={"cells": reference},
                )
            )
    if not sheet_rows:
        raise InvalidInput(
            N_("The file has column names but no students below them."), field="file"
        )
    return sheet_rows, problems


# --- checking rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parent:
    last_name: str
    first_name: str
    phone: str


@dataclass(frozen=True)
class _Student:
    row: int
    last_name: str
    first_name: str
    middle_name: str
    birth_date: date | None
    gender: Gender | None
    iin: str
    phone: str
    email: str
    notes: str
    group: str  # as written in the file; "" for none
    parent: _Parent | None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _name(value: object) -> str:
    return " ".join(_text(value).split())


def _iin_text(value: object) -> str:
    """An IIN cell as text; a number lost its leading zeros in Excel, so they come back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        return f"{value:012d}"
    return _text(value)


def _parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    try:
        if match := _DOTTED_DATE.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        return None
    return None


def _problem(row: int, message: str, **params: object) -> RowProblem:
    return RowProblem(row=row, message=message, params=params)


def _parse_gender(row: int, value: object) -> tuple[Gender | None, list[RowProblem]]:
    raw = _text(value).casefold().rstrip(".")
    if not raw:
        return None, []
    if raw in _MALE:
        return Gender.MALE, []
    if raw in _FEMALE:
        return Gender.FEMALE, []
    return None, [_problem(row, N_("“{value}” is not a gender. Write M or F."), value=raw[:20])]


def _check_row(sheet_row: _SheetRow, today: date) -> tuple[_Student, list[RowProblem]]:
    """The row as a student, and its problems that need no database to find.

    The student is recorded only when no row of the file has a problem.
    """
    row, values, skip = sheet_row.number, sheet_row.values, sheet_row.formulas
    problems: list[RowProblem] = []
    names = {key: _name(values.get(key)) for key in _NAME_KEYS}
    if not names["last_name"] and "last_name" not in skip:
        problems.append(_problem(row, N_("The last name is missing.")))
    if not names["first_name"] and "first_name" not in skip:
        problems.append(_problem(row, N_("The first name is missing.")))
    if any(len(name) > NAME_LIMIT for name in names.values()):
        problems.append(
            _problem(row, N_("A name can be at most {limit} characters long."), limit=NAME_LIMIT)
        )

    birth_date: date | None = None
    raw_date = values.get("birth_date")
    if raw_date is not None:
        birth_date = _parse_date(raw_date)
        if birth_date is None:
            problems.append(
                _problem(
                    row,
                    N_("“{value}” is not a date. Use the format 31.12.2010."),
                    value=_text(raw_date)[:40],
                )
            )
        elif not _OLDEST_BIRTH <= birth_date <= today:
            problems.append(_problem(row, N_("The birth date is not plausible.")))

    gender, gender_problem = _parse_gender(row, values.get("gender"))
    problems.extend(gender_problem)

    iin = _iin_text(values.get("iin"))
    if iin:
        try:
            iin = normalise_iin(iin)
        except InvalidInput as error:
            problems.append(RowProblem(row=row, message=error.message, params=error.params))
            iin = ""

    phones: dict[str, str] = {}
    for key in ("phone", "parent_phone"):
        raw_phone = _text(values.get(key))
        if raw_phone:
            try:
                phones[key] = normalise_phone(raw_phone)
            except InvalidInput as error:
                problems.append(RowProblem(row=row, message=error.message, params=error.params))

    email = _text(values.get("email"))
    if email and ("@" not in email or " " in email or len(email) > _EMAIL_LIMIT):
        problems.append(_problem(row, N_("“{value}” is not an e-mail address."), value=email[:60]))

    parent: _Parent | None = None
    parent_keys = ("parent_last_name", "parent_first_name", "parent_phone")
    given = [key for key in parent_keys if not _is_empty(values.get(key)) or key in skip]
    if given and len(given) < len(parent_keys):
        problems.append(
            _problem(
                row,
                N_("Give the parent's last name, first name and phone, or leave all three empty."),
            )
        )
    elif given and "parent_phone" in phones:
        parent = _Parent(
            names["parent_last_name"], names["parent_first_name"], phones["parent_phone"]
        )

    return (
        _Student(
            row=row,
            last_name=names["last_name"],
            first_name=names["first_name"],
            middle_name=names["middle_name"],
            birth_date=birth_date,
            gender=gender,
            iin=iin,
            phone=phones.get("phone", ""),
            email=email,
            notes=_text(values.get("notes"))[:_NOTES_LIMIT],
            group=_name(values.get("group")),
            parent=parent,
        ),
        problems,
    )


def _prepare(
    data: bytes, *, max_rows: int, language: str, today: date
) -> tuple[list[_Student], list[RowProblem]]:
    """Read the file and check every row on its own and against the other rows (blocking)."""
    sheet_rows, problems = _read_sheet(data, max_rows=max_rows, language=language)
    students: list[_Student] = []
    for sheet_row in sheet_rows:
        student, row_problems = _check_row(sheet_row, today)
        problems.extend(row_problems)
        students.append(student)
    first_row_of: dict[str, int] = {}
    for sheet_row, iin in (
        (row, _iin_text(row.values.get("iin")).replace(" ", "").replace("-", ""))
        for row in sheet_rows
    ):
        if not iin:
            continue
        if iin in first_row_of:
            problems.append(
                _problem(
                    sheet_row.number,
                    N_(
                        "IIN {iin} is in rows {first} and {second}: each student must appear once."
                    ),
                    iin=iin,
                    first=first_row_of[iin],
                    second=sheet_row.number,
                )
            )
        else:
            first_row_of[iin] = sheet_row.number
    return students, problems


# --- checking against the records and writing ----------------------------------------------


@dataclass
class _GroupPlaces:
    id: int
    name: str
    capacity: int
    status: str
    enrolled: int = 0


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


async def _existing_iins(organisation_id: int, iins: list[str]) -> dict[str, str]:
    """IIN → the full name of the person on record with it in the organisation."""
    found: dict[str, str] = {}
    for chunk in _chunks(iins):
        rows = await Person.filter(organisation_id=organisation_id, iin__in=chunk).values(
            "iin", "last_name", "first_name"
        )
        for row in rows:
            found[row["iin"]] = full_name(row["last_name"], row["first_name"])
    return found


async def _locked_groups(organisation_id: int, names: set[str]) -> dict[str, _GroupPlaces]:
    """The organisation's groups the file names (by folded name), locked, with their counts."""
    if not names:
        return {}
    wanted = {fold(name) for name in names}
    rows = await Group.filter(organisation_id=organisation_id).values("id", "name")
    ids: dict[str, int] = {}
    for row in sorted(rows, key=lambda row: row["id"]):
        folded = fold(row["name"].strip())
        if folded in wanted and (folded not in ids or row["name"] in names):
            ids[folded] = row["id"]
    if not ids:
        return {}
    # Locked so that a manager enrolling at the same moment cannot take the last places.
    groups = await Group.select_for_update().filter(id__in=list(ids.values()))
    counts = {
        row["group_id"]: row["n"]
        for row in await Enrolment.filter(
            group_id__in=list(ids.values()), active_key__isnull=False
        )
        .group_by("group_id")
        .annotate(n=Count("id"))
        .values("group_id", "n")
    }
    by_id = {
        group.id: _GroupPlaces(
            id=group.id,
            name=group.name,
            capacity=group.capacity,
            status=str(group.status),
            enrolled=counts.get(group.id, 0),
        )
        for group in groups
    }
    return {folded: by_id[group_id] for folded, group_id in ids.items() if group_id in by_id}


async def _existing_parents(organisation_id: int, phones: list[str]) -> dict[str, int]:
    """Phone → the person of the organisation with that phone (a parent first, then oldest)."""
    candidates: list[dict[str, Any]] = []
    known_here = Q(organisation_id=organisation_id) | Q(
        memberships__organisation_id=organisation_id
    )
    for chunk in _chunks(phones):
        candidates.extend(
            await Person.filter(known_here, phone__in=chunk).distinct().values("id", "phone")
        )
    if not candidates:
        return {}
    roles: dict[int, set[str]] = {}
    for chunk in _chunks([row["id"] for row in candidates]):
        for row in await Membership.filter(
            organisation_id=organisation_id, person_id__in=chunk
        ).values("person_id", "role"):
            roles.setdefault(row["person_id"], set()).add(str(row["role"]))
    found: dict[str, tuple[bool, int]] = {}
    for row in candidates:
        rank = (Role.PARENT.value not in roles.get(row["id"], set()), row["id"])
        if row["phone"] not in found or rank < found[row["phone"]]:
            found[row["phone"]] = rank
    return {phone: rank[1] for phone, rank in found.items()}


async def _check_records(
    organisation_id: int, students: list[_Student], groups: dict[str, _GroupPlaces]
) -> list[RowProblem]:
    """Problems that need the database: IINs on record, unknown or full groups."""
    problems: list[RowProblem] = []
    on_record = await _existing_iins(organisation_id, [s.iin for s in students if s.iin])
    wanted: dict[int, int] = {}
    for student in students:
        group = groups.get(fold(student.group)) if student.group else None
        if group is not None:
            wanted[group.id] = wanted.get(group.id, 0) + 1
    taken: dict[int, int] = {}
    for student in students:
        if student.iin in on_record:
            problems.append(
                _problem(
                    student.row,
                    N_("A person with IIN {iin} is already on record: {name}."),
                    iin=student.iin,
                    name=on_record[student.iin],
                )
            )
        if not student.group:
            continue
        group = groups.get(fold(student.group))
        if group is None:
            problems.append(
                _problem(
                    student.row,
                    N_(
                        "There is no group “{name}”. Check its name in the list of groups or "
                        "create the group first."
                    ),
                    name=student.group,
                )
            )
            continue
        if group.status != GroupStatus.ACTIVE.value:
            problems.append(
                _problem(
                    student.row,
                    N_("Group “{name}” is not active, so nobody can join it."),
                    name=group.name,
                )
            )
            continue
        taken[group.id] = taken.get(group.id, 0) + 1
        free = max(0, group.capacity - group.enrolled)
        if taken[group.id] == free + 1:
            problems.append(
                _problem(
                    student.row,
                    N_(
                        "Group “{name}” is too small for this file: free places: {free}, "
                        "students for it in the file: {count}. From this row on they do not fit."
                    ),
                    name=group.name,
                    free=free,
                    count=wanted[group.id],
                )
            )
    return problems


def _new_person(organisation_id: int, now: datetime, **fields: Any) -> Person:
    person = Person(organisation_id=organisation_id, created_at=now, **fields)
    person.search_text = search_text_of(person)
    return person


async def _write(
    tx: Tx,
    actor: Actor,
    *,
    students: list[_Student],
    groups: dict[str, _GroupPlaces],
    filename: str,
) -> ImportResult:
    organisation_id = actor.organisation_id
    today = tx.now.date()
    records: list[Person] = []
    for student in students:
        person = _new_person(
            organisation_id,
            tx.now,
            last_name=student.last_name,
            first_name=student.first_name,
            middle_name=student.middle_name,
            birth_date=student.birth_date,
            gender=student.gender,
            iin=student.iin or None,
            phone=student.phone,
            email=student.email,
            notes=student.notes,
        )
        await person.save()  # one INSERT each: the id is needed below
        records.append(person)

    parent_phones = list(dict.fromkeys(s.parent.phone for s in students if s.parent))
    parent_of_phone = await _existing_parents(organisation_id, parent_phones)
    reused = sorted(set(parent_of_phone.values()))
    created_parents: list[int] = []
    for student in students:
        if student.parent is None or student.parent.phone in parent_of_phone:
            continue
        parent = _new_person(
            organisation_id,
            tx.now,
            last_name=student.parent.last_name,
            first_name=student.parent.first_name,
            phone=student.parent.phone,
        )
        await parent.save()
        parent_of_phone[student.parent.phone] = parent.id
        created_parents.append(parent.id)

    with_role: set[int] = set()
    for chunk in _chunks(reused):
        with_role.update(
            await Membership.filter(
                organisation_id=organisation_id, role=Role.PARENT, person_id__in=chunk
            ).values_list("person_id", flat=True)  # type: ignore[arg-type]
        )
    memberships = [
        Membership(
            person_id=person.id,
            organisation_id=organisation_id,
            role=Role.STUDENT,
            started_on=today,
        )
        for person in records
    ] + [
        Membership(
            person_id=parent_id,
            organisation_id=organisation_id,
            role=Role.PARENT,
            started_on=today,
        )
        for parent_id in [*created_parents, *reused]
        if parent_id not in with_role
    ]
    await Membership.bulk_create(memberships)
    await ParentLink.bulk_create(
        [
            ParentLink(parent_id=parent_of_phone[student.parent.phone], child_id=person.id)
            for student, person in zip(students, records, strict=True)
            if student.parent is not None
        ]
    )

    placed: list[tuple[int, int]] = []  # (group id, student id)
    for student, person in zip(students, records, strict=True):
        if student.group:
            placed.append((groups[fold(student.group)].id, person.id))
    await Enrolment.bulk_create(
        [
            Enrolment(
                group_id=group_id,
                student_id=student_id,
                starts_on=today,
                active_key=f"{group_id}:{student_id}",
                created_at=tx.now,
            )
            for group_id, student_id in placed
        ]
    )
    for group_id in sorted({group_id for group_id, _ in placed}):
        _ = await do_sync_group_conversation(tx, group_id)
    enrolment_ids: dict[str, int] = {}
    for chunk in _chunks([f"{group_id}:{student_id}" for group_id, student_id in placed]):
        for row in await Enrolment.filter(active_key__in=chunk).values("id", "active_key"):
            enrolment_ids[row["active_key"]] = row["id"]

    per_group: dict[str, int] = {}
    for group_id, _ in placed:
        per_group[str(group_id)] = per_group.get(str(group_id), 0) + 1
    await do_record(
        tx,
        actor,
        action="import.students",
        object_type="organisation",
        object_id=organisation_id,
        after={
            "file": filename,
            "students": [person.id for person in records],
            "parents_created": created_parents,
            "parents_reused": reused,
            "enrolments": per_group,
        },
    )
    for person_id in [*(person.id for person in records), *created_parents]:
        tx.emit(PersonCreated(organisation_id=organisation_id, person_id=person_id))
    for group_id, student_id in placed:
        tx.emit(
            StudentEnrolled(
                organisation_id=organisation_id,
                group_id=group_id,
                student_id=student_id,
                enrolment_id=enrolment_ids[f"{group_id}:{student_id}"],
            )
        )
    return ImportResult(
        students_created=len(records),
        parents_created=len(created_parents),
        parents_reused=len(reused),
        enrolments=len(placed),
    )


def _clean_filename(filename: str) -> str:
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    return name.strip()[:200] or "upload.xlsx"


def upload_limit(deps: Deps) -> int:
    """The largest workbook an import accepts, in bytes."""
    return min(deps.settings.max_upload_bytes * 2, MAX_FILE_BYTES)


async def import_students(deps: Deps, actor: Actor, *, data: bytes, filename: str) -> ImportResult:
    """Record the students of a workbook, with their parents and groups: all or nothing.

    Every row is checked before anything is written. Parents are told apart by phone: rows
    with the same parent phone share one parent, and a person of the organisation who already
    has that phone is reused. Students with a group are enrolled today. One audit record
    (``import.students``) covers the whole file.

    Raises:
        PermissionDenied: the actor may not import people.
        InvalidInput: the file itself is unusable (not an .xlsx, too large, columns missing
            or unknown, no rows, too many rows); the message says which.
        ImportRejected: some rows are bad; ``problems`` lists each with its row number.
        Conflict: someone recorded the same IIN while the file was being imported.
    """
    await require(actor, Permission.PEOPLE_IMPORT)
    limit = upload_limit(deps)
    if not data:
        raise InvalidInput(N_("The file is empty. Choose the filled-in template."), field="file")
    if len(data) > limit:
        raise InvalidInput(
            N_("The file is too large: at most {limit} MB."),
            field="file",
            limit=round(limit / (1024 * 1024), 1),
        )
    students, problems = await asyncio.to_thread(
        _prepare,
        data,
        max_rows=deps.settings.import_max_rows,
        language=deps.settings.default_language,
        today=deps.clock.now().date(),
    )
    try:
        async with transaction(deps) as tx:
            groups = await _locked_groups(
                actor.organisation_id, {s.group for s in students if s.group}
            )
            problems.extend(await _check_records(actor.organisation_id, students, groups))
            if problems:
                raise ImportRejected(sorted(problems, key=lambda problem: problem.row))
            return await _write(
                tx, actor, students=students, groups=groups, filename=_clean_filename(filename)
            )
    except IntegrityError:
        raise Conflict(
            N_(
                "Someone recorded some of these people while the file was being imported, so "
                "nothing was imported. Upload the file again to see what to fix."
            )
        ) from None
