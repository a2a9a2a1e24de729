"""Importing a Kaspi Business statement (.xlsx): payments matched to students, once.

Reading. The workbook is read in a thread. The header row is looked for among the first rows
(a bank puts a title and the period above it) by column names in Russian, Kazakh or English:
the date (and, when separate, the time), the bank's operation number and the amount are
required; the phone, the payer's name and the comment are used when present; other columns
(commission, amount credited, ...) are ignored. A file without such a row is refused with the
columns we expected. Every row is checked before anything is written: a bad or missing date,
operation number or amount, a formula cell — each is listed with its row number and nothing is
imported. A line without a date and without an operation number (a bank's "Итого") is not a
payment and is passed over. A negative amount (money the bank sent back) is kept as a skipped
row, never as a payment.

Matching, strongest evidence first, weaker evidence only narrowing what the stronger found:
an IIN written in the comment; the payer's phone (a student's, or a parent's — a parent of
one student here names that student); a student's full name in the comment; the payer's name
(a student's or a parent's). Several students left → the one whose amount due
(``core.services.dues``) equals the payment, if exactly one; otherwise the row is unmatched.
Kazakh letters are compared with their Russian look-alikes (banks write "Нурлан" for
"Нұрлан").

Writing, in one transaction with the organisation's row locked (imports run one at a time):
matched rows become payments (method Kaspi, ``external_id`` ``kaspi:<org>:<txn>``) through
``do_record_payment``; unmatched rows are kept for manual matching (``match_statement_row``).
The same file twice (SHA-256 per organisation) is refused; an operation already imported
from another file, or repeated within the file, is skipped. The database makes this hold
under any race: ``external_id`` is unique and so is ``(organisation, txn_id)`` of a row.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from io import BytesIO
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from tortoise.exceptions import IntegrityError

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, ImportRejected, InvalidInput, NotFound, RowProblem
from core.i18n import N_
from core.iin import normalise_iin
from core.models.finance import LedgerEntry, PaymentMethod, StatementImport, StatementRow
from core.models.finance import (
    StatementRowStatus as StatementRowStatus,  # noqa: PLC0414 - for adapters
)
from core.models.people import ParentLink, Person, Role
from core.money import parse_money
from core.names import fold, full_name
from core.permissions import Permission, require
from core.phones import normalise_phone
from core.services.audit import do_record
from core.services.dues import dues
from core.services.imports import upload_limit
from core.services.ledger import EntryView, entry_views, organisation_currency
from core.services.lessons import (
    check_id,
    local_today,
    lock_organisation,
    organisation_zone,
    person_names,
)
from core.services.payments import check_student, do_record_payment
from core.tx import Tx, transaction
from core.workbooks import open_package

#: A statement with more payment rows than this is refused (split it by period).
MAX_ROWS = 20_000
#: Columns to the right of this are never read.
MAX_COLUMNS = 64
#: The header is looked for among this many first non-empty rows.
HEADER_SEARCH_ROWS = 20
#: This many empty rows in a row end the data.
EMPTY_ROWS_END = 200
#: Statement imports listed on the page.
LIST_LIMIT = 100
#: Students offered to choose from without a search, when the organisation has no more.
ALL_CHOICES_LIMIT = 300
SEARCH_LIMIT = 30
_CHUNK = 500
_TXN_MAX = 80
_OLDEST = date(2000, 1, 1)
_KASPI_CURRENCY = "KZT"

#: Accepted names of each column, normalised (see ``_norm_header``), best first: when a
#: statement has two columns of one kind ("Сумма" and "Сумма операции"), the earlier name wins.
_HEADERS: dict[str, tuple[str, ...]] = {
    "date": (
        "дата операции",
        "дата и время операции",
        "дата и время",
        "дата платежа",
        "дата транзакции",
        "дата",
        "операция күні",
        "төлем күні",
        "күні",
        "күні мен уақыты",
        "operation date",
        "transaction date",
        "payment date",
        "date and time",
        "date",
    ),
    "time": ("время операции", "время", "операция уақыты", "уақыты", "time"),
    "txn_id": (
        "номер операции",
        "№ операции",
        "номер транзакции",
        "№ транзакции",
        "id операции",
        "id транзакции",
        "идентификатор операции",
        "идентификатор транзакции",
        "идентификатор",
        "номер чека",
        "№ чека",
        "операция нөмірі",
        "транзакция нөмірі",
        "операция №",
        "чек нөмірі",
        "transaction id",
        "operation id",
        "transaction no",
        "transaction number",
        "txn id",
        "id",
    ),
    "amount": (
        "сумма операции",
        "сумма платежа",
        "сумма",
        "операция сомасы",
        "төлем сомасы",
        "сомасы",
        "сома",
        "amount",
        "payment amount",
        "sum",
    ),
    "phone": (
        "номер телефона",
        "телефон",
        "телефон клиента",
        "телефон отправителя",
        "телефон плательщика",
        "телефон нөмірі",
        "phone number",
        "phone",
    ),
    "name": (
        "фио",
        "фио клиента",
        "фио отправителя",
        "фио плательщика",
        "клиент",
        "отправитель",
        "плательщик",
        "имя клиента",
        "аты-жөні",
        "клиенттің аты-жөні",
        "жіберуші",
        "төлеуші",
        "клиент аты-жөні",
        "full name",
        "name",
        "client",
        "customer",
        "sender",
        "payer",
    ),
    "comment": (
        "комментарий",
        "назначение платежа",
        "назначение",
        "комментарий к платежу",
        "сообщение",
        "түсініктеме",
        "төлем мақсаты",
        "хабарлама",
        "comment",
        "payment purpose",
        "purpose",
        "message",
        "description",
    ),
}
_REQUIRED = ("date", "txn_id", "amount")
#: The names a refusal gives for the required columns, in the reader's language.
_EXPECTED = {
    "ru": "«Дата», «Номер операции», «Сумма»",
    "kk": "«Күні», «Операция нөмірі», «Сомасы»",
    "en": "“Date”, “Transaction ID”, “Amount”",
}
_NAMES = {name: (key, rank) for key, names in _HEADERS.items() for rank, name in enumerate(names)}
_CURRENCY_SUFFIX = re.compile(r"\s*[,(]\s*(?:тг|₸|тенге|теңге|kzt)\.?\s*\)?$")
_TOTAL_WORDS = ("итого", "всего", "барлығы", "жиыны", "total")
#: The minus signs banks write.
_NEGATIVE = ("-", "−", "–")
_IIN_IN_TEXT = re.compile(r"(?<!\d)\d{12}(?!\d)")
_DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%y %H:%M:%S",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)
_TIME_FORMATS = ("%H:%M:%S", "%H:%M")
#: Kazakh letters (and a Latin "i" typed for "і") as the Russian letters banks write instead.
_LOOKALIKES = str.maketrans("әғқңөұүһіi", "агкноуухии")
_NOT_LETTERS = re.compile(r"[^\w]+|[\d_]+")

STATUS_LABELS: dict[StatementRowStatus, str] = {
    StatementRowStatus.IMPORTED: N_("Imported"),
    StatementRowStatus.UNMATCHED: N_("Not matched"),
    StatementRowStatus.SKIPPED: N_("Skipped"),
}
_SKIPPED_EARLIER = N_("Imported before from another file.")
_SKIPPED_TWICE = N_("The same operation is in row {row} of this file.")
_SKIPPED_NEGATIVE = N_("Money sent back, not a payment.")


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkippedRow:
    row: int
    txn_id: str
    message: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class StatementResult:
    """What an import did: ``rows`` payment lines read, of which ``imported`` became
    payments, ``unmatched`` wait for a student to be chosen and ``skipped`` were passed
    over (``skipped_rows`` says why)."""

    statement_id: int
    rows: int
    imported: int
    unmatched: int
    skipped: int
    skipped_rows: tuple[SkippedRow, ...]


@dataclass(frozen=True)
class StatementSummary:
    id: int
    filename: str
    created_at: datetime
    created_by: str
    rows: int
    imported: int
    unmatched: int
    skipped: int


@dataclass(frozen=True)
class StatementLineView:
    """A stored row. ``suggestions`` are the students it could be (for an unmatched row)."""

    id: int
    row_no: int
    txn_id: str
    paid_at: datetime
    amount: int
    currency: str
    phone: str
    name: str
    comment: str
    status: StatementRowStatus
    student_id: int | None
    student_name: str
    entry_id: int | None
    receipt_no: str | None
    suggestions: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class StatementDetail:
    summary: StatementSummary
    lines: tuple[StatementLineView, ...]
    choices: tuple[tuple[int, str], ...]
    query: str


# --- reading the workbook ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    row: int
    txn_id: str
    paid_at: datetime  # UTC
    amount: int  # minor units; negative: money sent back
    phone_text: str
    phone: str  # E.164, or "" when the text is not a usable number
    name: str
    comment: str


def _not_a_workbook() -> InvalidInput:
    return InvalidInput(
        N_(
            "This file is not an Excel workbook (.xlsx). Download the statement from Kaspi "
            "Business as Excel and upload it unchanged."
        ),
        field="file",
    )


def _check_package(data: bytes) -> None:
    open_package(data, _not_a_workbook).close()


def _norm_header(value: object) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    text = " ".join(text.split()).rstrip("*").strip().rstrip(":").strip()
    text = text.casefold().replace("ё", "е")
    return _CURRENCY_SUFFIX.sub("", text)


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_of(values: Sequence[object]) -> dict[str, int]:
    """Column key → 0-based index of the best-named column of each kind in a row."""
    best: dict[str, tuple[int, int]] = {}
    for index, value in enumerate(values):
        found = _NAMES.get(_norm_header(value))
        if found is None:
            continue
        key, rank = found
        if key not in best or rank < best[key][0]:
            best[key] = (rank, index)
    return {key: index for key, (_, index) in best.items()}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return " ".join(str(value).split())


def _problem(row: int, message: str, **params: object) -> RowProblem:
    return RowProblem(row=row, message=message, params=params)


def _parse_time(value: object) -> time | None:
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:
        seconds = round(value * 24 * 3600)
        return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    text = _text(value)
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(text, pattern).time()  # noqa: DTZ007 - a wall-clock time
        except ValueError:
            continue
    return None


def _parse_moment(value: object, epoch: datetime | None) -> datetime | None:
    """A local wall-clock moment (naive) from a date cell, a serial number or a text."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            moment = from_excel(value, epoch) if epoch is not None else from_excel(value)
        except (ValueError, OverflowError, TypeError):
            return None
        return moment if isinstance(moment, datetime) else None
    text = _text(value)
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)  # noqa: DTZ007 - local, zoned below
        except ValueError:
            continue
    return None


def _parse_amount(value: object) -> int:
    """Minor units, negative for money sent back.

    Raises:
        InvalidInput: not an amount, zero, or more than two decimals.
    """
    if isinstance(value, bool):
        raise InvalidInput(N_("“{value}” is not an amount."), value=str(value))
    if isinstance(value, int | float):
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            raise InvalidInput(N_("“{value}” is not an amount."), value=str(value)) from None
        text = format(abs(number), "f")
        negative = number < 0
    else:
        text = _text(value)
        negative = text.startswith(_NEGATIVE)
        if negative:
            text = text[1:]
    money = parse_money(text, currency=_KASPI_CURRENCY)
    return -money.amount if negative else money.amount


def _check_row(
    number: int,
    values: dict[str, object],
    *,
    epoch: datetime | None,
    zone: ZoneInfo,
    today: date,
) -> tuple[_Row | None, list[RowProblem]]:
    problems: list[RowProblem] = []
    txn_id = _text(values.get("txn_id"))
    if not txn_id:
        problems.append(_problem(number, N_("The operation number is missing.")))
    elif len(txn_id) > _TXN_MAX:
        problems.append(
            _problem(
                number,
                N_("The operation number is longer than {limit} characters."),
                limit=_TXN_MAX,
            )
        )

    paid_at: datetime | None = None
    raw_date = values.get("date")
    if _is_empty(raw_date):
        problems.append(_problem(number, N_("The date is missing.")))
    else:
        moment = _parse_moment(raw_date, epoch)
        if moment is not None and "time" in values and moment.time() == time():
            clock = _parse_time(values["time"])
            if clock is None:
                problems.append(
                    _problem(
                        number, N_("“{value}” is not a time."), value=_text(values["time"])[:40]
                    )
                )
            else:
                moment = datetime.combine(moment.date(), clock)
        if moment is None:
            problems.append(
                _problem(
                    number,
                    N_("“{value}” is not a date. Use the format 31.12.2026 14:05."),
                    value=_text(raw_date)[:40],
                )
            )
        elif moment.date() > today:
            problems.append(
                _problem(
                    number,
                    N_("The date {value} is still to come."),
                    value=moment.strftime("%d.%m.%Y"),
                )
            )
        elif moment.date() < _OLDEST:
            problems.append(
                _problem(
                    number,
                    N_("The date {value} is not plausible."),
                    value=moment.strftime("%d.%m.%Y"),
                )
            )
        else:
            paid_at = moment.replace(tzinfo=zone).astimezone(UTC)

    amount: int | None = None
    raw_amount = values.get("amount")
    if _is_empty(raw_amount):
        problems.append(_problem(number, N_("The amount is missing.")))
    else:
        try:
            amount = _parse_amount(raw_amount)
        except InvalidInput as error:
            problems.append(RowProblem(row=number, message=error.message, params=error.params))

    if problems or paid_at is None or amount is None:
        return None, problems
    phone_text = _text(values.get("phone"))[:30]
    try:
        phone = normalise_phone(phone_text) if phone_text else ""
    except InvalidInput:
        phone = ""  # a masked or foreign number: not a problem, just no match by phone
    return (
        _Row(
            row=number,
            txn_id=txn_id,
            paid_at=paid_at,
            amount=amount,
            phone_text=phone_text,
            phone=phone,
            name=_text(values.get("name"))[:200],
            comment=_text(values.get("comment"))[:300],
        ),
        [],
    )


def _is_total(values: dict[str, object]) -> bool:
    """A line that is not a payment (a bank's totals): no operation number, and no date or
    a cell starting with "Итого", "Барлығы", "Total"..."""
    if not _is_empty(values.get("txn_id")):
        return False
    if _is_empty(values.get("date")):
        return True
    return any(
        isinstance(value, str) and value.strip().casefold().startswith(_TOTAL_WORDS)
        for value in values.values()
    )


def _find_header(rows: Iterable[tuple[int, Sequence[Any]]], language: str) -> dict[str, int]:
    """The columns of the first row (among the first few) that names the required ones.

    Raises:
        InvalidInput: no such row: the layout is not a statement we know.
    """
    seen = 0
    for _, cells in rows:
        values = [cell.value for cell in cells]
        if all(_is_empty(value) for value in values):
            continue
        seen += 1
        found = _header_of(values)
        if all(key in found for key in _REQUIRED):
            return found
        if seen >= HEADER_SEARCH_ROWS:
            break
    raise InvalidInput(
        N_(
            "This is not a statement we can read: no row names the columns {columns}. "
            "Download the statement from Kaspi Business as Excel and upload it unchanged."
        ),
        field="file",
        columns=_EXPECTED.get(language, _EXPECTED["ru"]),
    )


def _sheet_values(
    rows: Iterable[tuple[int, Sequence[Any]]], header: dict[str, int]
) -> Iterable[tuple[int, dict[str, object], list[str]]]:
    """Each non-empty row below the header: its number, values by column key, and the
    cells holding formulas; stops after ``EMPTY_ROWS_END`` empty rows in a row."""
    empty_run = 0
    for number, cells in rows:
        values: dict[str, object] = {}
        formulas: list[str] = []
        for key, index in header.items():
            if index >= len(cells):
                continue
            cell = cells[index]
            if getattr(cell, "data_type", None) == "f":
                formulas.append(f"{get_column_letter(index + 1)}{number}")
                values[key] = "="
            elif not _is_empty(cell.value):
                values[key] = cell.value
        if not values:
            empty_run += 1
            if empty_run >= EMPTY_ROWS_END:
                return
            continue
        empty_run = 0
        yield number, values, formulas


def _read_statement(
    data: bytes, *, timezone: str, today: date, language: str
) -> tuple[list[_Row], list[RowProblem]]:
    """Every payment line of the first sheet, and the problems of the bad ones (blocking).

    Raises:
        InvalidInput: not an .xlsx, no header row naming the required columns, no payment
            lines, or more than ``MAX_ROWS`` of them.
    """
    _check_package(data)
    zone = ZoneInfo(timezone)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign package
        raise _not_a_workbook() from None
    rows: list[_Row] = []
    problems: list[RowProblem] = []
    try:
        if not workbook.worksheets:
            raise _not_a_workbook()
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        epoch = workbook.epoch if isinstance(workbook.epoch, datetime) else None
        cells_of = enumerate(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS), start=1)
        header = _find_header(cells_of, language)
        for number, values, formulas in _sheet_values(cells_of, header):
            if formulas:
                problems.append(
                    _problem(
                        number,
                        N_(
                            "Cell {cells} holds a formula. Upload the statement as Kaspi "
                            "Business gave it, or paste the values only."
                        ),
                        cells=", ".join(formulas),
                    )
                )
                continue
            if _is_total(values):
                continue
            if len(rows) + len(problems) >= MAX_ROWS:
                raise InvalidInput(
                    N_(
                        "The statement has more than {limit} payments. Download it for a "
                        "shorter period."
                    ),
                    field="file",
                    limit=MAX_ROWS,
                )
            row, row_problems = _check_row(number, values, epoch=epoch, zone=zone, today=today)
            problems.extend(row_problems)
            if row is not None:
                rows.append(row)
    except InvalidInput:
        raise
    except Exception:  # a damaged sheet inside a valid package
        raise _not_a_workbook() from None
    finally:
        workbook.close()
    if not rows and not problems:
        raise InvalidInput(
            N_("The statement has column names but no payments below them."), field="file"
        )
    return rows, problems


# --- matching --------------------------------------------------------------------------------


def _name_key(text: str) -> str:
    """Folded, Kazakh letters as their Russian look-alikes, only letters and single spaces."""
    return " ".join(_NOT_LETTERS.sub(" ", fold(text).translate(_LOOKALIKES)).split())


def _person_keys(last: str, first: str, middle: str) -> set[str]:
    last, first, middle = _name_key(last), _name_key(first), _name_key(middle)
    if not last or not first:
        return set()
    keys = {f"{last} {first}", f"{first} {last}", f"{first} {last[0]}"}
    if middle:
        keys |= {f"{last} {first} {middle}", f"{first} {middle} {last[0]}"}
    return keys


@dataclass
class _Index:
    """The organisation's active students, and their parents, for matching."""

    names: dict[int, str] = field(default_factory=dict)
    by_phone: dict[str, set[int]] = field(default_factory=dict)
    by_iin: dict[str, set[int]] = field(default_factory=dict)
    by_name: dict[str, set[int]] = field(default_factory=dict)
    by_pair: dict[tuple[str, str], set[int]] = field(default_factory=dict)

    def add(self, table: dict[Any, set[int]], key: object, student_id: int) -> None:
        if key:
            table.setdefault(key, set()).add(student_id)


async def _active_students(organisation_id: int) -> list[dict[str, Any]]:
    return list(
        await Person.filter(
            memberships__organisation_id=organisation_id,
            memberships__role=Role.STUDENT,
            memberships__archived_at__isnull=True,
        )
        .distinct()
        .values("id", "last_name", "first_name", "middle_name", "phone", "iin")
    )


async def _index(organisation_id: int) -> _Index:
    index = _Index()
    for row in await _active_students(organisation_id):
        student = row["id"]
        index.names[student] = full_name(row["last_name"], row["first_name"], row["middle_name"])
        index.add(index.by_phone, row["phone"], student)
        index.add(index.by_iin, row["iin"], student)
        for key in _person_keys(row["last_name"], row["first_name"], row["middle_name"]):
            index.add(index.by_name, key, student)
        last, first = _name_key(row["last_name"]), _name_key(row["first_name"])
        if last and first and " " not in last + first:
            index.add(index.by_pair, (last, first), student)
            index.add(index.by_pair, (first, last), student)
    students = list(index.names)
    for start in range(0, len(students), _CHUNK):
        links = await ParentLink.filter(child_id__in=students[start : start + _CHUNK]).values(
            "child_id",
            "parent__phone",
            "parent__last_name",
            "parent__first_name",
            "parent__middle_name",
        )
        for link in links:
            child = link["child_id"]
            index.add(index.by_phone, link["parent__phone"], child)
            keys = _person_keys(
                link["parent__last_name"], link["parent__first_name"], link["parent__middle_name"]
            )
            for key in keys:
                index.add(index.by_name, key, child)
    return index


def _candidates(index: _Index, row: _Row) -> set[int]:
    """The students the row may be for, strongest evidence first (see the module's text)."""
    by_iin: set[int] = set()
    for raw in _IIN_IN_TEXT.findall(row.comment):
        try:
            by_iin |= index.by_iin.get(normalise_iin(raw), set())
        except InvalidInput:
            continue
    by_phone = index.by_phone.get(row.phone, set()) if row.phone else set()
    words = _name_key(row.comment).split()
    in_comment: set[int] = set()
    for pair in itertools.pairwise(words):
        in_comment |= index.by_pair.get(pair, set())
    by_name = index.by_name.get(_name_key(row.name), set()) if row.name else set()
    found: set[int] | None = None
    for evidence in (by_iin, by_phone, in_comment, by_name):
        if not evidence:
            continue
        if found is None:
            found = set(evidence)
        elif narrowed := found & evidence:
            found = narrowed
    return found or set()


async def _resolve(
    organisation_id: int, candidates: dict[int, set[int]], rows: dict[int, _Row]
) -> dict[int, int]:
    """Row number → student for the rows with one candidate, or with one candidate whose
    amount due is the payment."""
    chosen = {number: next(iter(c)) for number, c in candidates.items() if len(c) == 1}
    ambiguous = {number: c for number, c in candidates.items() if len(c) > 1}
    if ambiguous:
        due = await dues(organisation_id, set().union(*ambiguous.values()))
        for number, students in ambiguous.items():
            fitting = [s for s in students if s in due and due[s].amount == rows[number].amount]
            if len(fitting) == 1:
                chosen[number] = fitting[0]
    return chosen


# --- importing -------------------------------------------------------------------------------


def _clean_filename(filename: str) -> str:
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    return name.strip()[:200] or "statement.xlsx"


def external_id(organisation_id: int, txn_id: str) -> str:
    """The ledger's mark of a Kaspi operation: a payment for it is recorded once."""
    return f"kaspi:{organisation_id}:{txn_id}"


async def _already_imported(organisation_id: int, sha256: str) -> Conflict | None:
    earlier = await StatementImport.get_or_none(organisation_id=organisation_id, sha256=sha256)
    if earlier is None:
        return None
    zone = await organisation_zone(organisation_id)
    return Conflict(
        N_("This statement was already imported on {date}."),
        field="file",
        date=earlier.created_at.astimezone(zone).strftime("%d.%m.%Y"),
    )


async def _existing_txns(organisation_id: int, txn_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(txn_ids), _CHUNK):
        found.update(
            await StatementRow.filter(
                organisation_id=organisation_id, txn_id__in=txn_ids[start : start + _CHUNK]
            ).values_list("txn_id", flat=True)  # type: ignore[arg-type]
        )
    return found


async def import_statement(
    deps: Deps, actor: Actor, *, data: bytes, filename: str, language: str = "ru"
) -> StatementResult:
    """Import a Kaspi Business statement: all payment rows or none (see the module's text).

    ``language`` names the expected columns when the layout is not recognised.

    Raises:
        PermissionDenied: the actor may not record payments.
        InvalidInput: an empty, too large or unreadable file, an unknown layout, or an
            organisation that does not keep its books in tenge.
        ImportRejected: some rows are bad; ``problems`` lists each with its row number.
        Conflict: the same file was imported before, or another import of the same
            operations ran at the same moment.
    """
    await require(actor, Permission.PAYMENTS_MANAGE)
    organisation_id = actor.organisation_id
    limit = upload_limit(deps)
    if not data:
        raise InvalidInput(N_("The file is empty. Choose the statement file."), field="file")
    if len(data) > limit:
        raise InvalidInput(
            N_("The file is too large: at most {limit} MB."),
            field="file",
            limit=round(limit / (1024 * 1024), 1),
        )
    currency = await organisation_currency(organisation_id)
    if currency != _KASPI_CURRENCY:
        raise InvalidInput(
            N_(
                "Kaspi statements are in tenge, but this organisation keeps its books in "
                "{currency}."
            ),
            field="file",
            currency=currency,
        )
    sha256 = hashlib.sha256(data).hexdigest()
    if refusal := await _already_imported(organisation_id, sha256):
        raise refusal
    zone = await organisation_zone(organisation_id)
    rows, problems = await asyncio.to_thread(
        _read_statement,
        data,
        timezone=zone.key,
        today=local_today(deps.clock.now(), zone),
        language=language,
    )
    if problems:
        raise ImportRejected(sorted(problems, key=lambda problem: problem.row))
    try:
        async with transaction(deps) as tx:
            await lock_organisation(organisation_id)
            if refusal := await _already_imported(organisation_id, sha256):
                raise refusal
            return await _write(
                tx, actor, rows=rows, sha256=sha256, filename=_clean_filename(filename), zone=zone
            )
    except IntegrityError:
        raise Conflict(
            N_(
                "Some of these payments were imported by someone else at the same moment, so "
                "nothing was imported. Upload the file again."
            ),
            field="file",
        ) from None


async def _write(
    tx: Tx,
    actor: Actor,
    *,
    rows: list[_Row],
    sha256: str,
    filename: str,
    zone: ZoneInfo,
) -> StatementResult:
    organisation_id = actor.organisation_id
    earlier = await _existing_txns(organisation_id, sorted({row.txn_id for row in rows}))
    skipped: list[SkippedRow] = []
    first_row_of: dict[str, int] = {}
    new: list[_Row] = []
    for row in rows:
        if row.txn_id in earlier:
            skipped.append(SkippedRow(row.row, row.txn_id, _SKIPPED_EARLIER))
        elif row.txn_id in first_row_of:
            skipped.append(
                SkippedRow(row.row, row.txn_id, _SKIPPED_TWICE, {"row": first_row_of[row.txn_id]})
            )
        else:
            first_row_of[row.txn_id] = row.row
            new.append(row)
    payments = [row for row in new if row.amount > 0]
    index = await _index(organisation_id) if payments else _Index()
    chosen = await _resolve(
        organisation_id,
        {row.row: _candidates(index, row) for row in payments},
        {row.row: row for row in payments},
    )
    statement = await StatementImport.create(
        organisation_id=organisation_id,
        sha256=sha256,
        filename=filename,
        rows=len(rows),
        imported=len(chosen),
        created_at=tx.now,
        created_by_id=actor.person_id,
    )
    lines: list[StatementRow] = []
    entry_ids: list[int] = []
    for row in new:
        student_id = chosen.get(row.row)
        entry_id: int | None = None
        if student_id is not None:
            entry = await do_record_payment(
                tx,
                organisation_id=organisation_id,
                student_id=student_id,
                amount=row.amount,
                currency=_KASPI_CURRENCY,
                method=PaymentMethod.KASPI,
                occurred_on=row.paid_at.astimezone(zone).date(),
                external_id=external_id(organisation_id, row.txn_id),
                reason=row.comment,
                created_by_id=actor.person_id,
            )
            entry_id = entry.id
            entry_ids.append(entry.id)
            status = StatementRowStatus.IMPORTED
        elif row.amount < 0:
            status = StatementRowStatus.SKIPPED
            skipped.append(SkippedRow(row.row, row.txn_id, _SKIPPED_NEGATIVE))
        else:
            status = StatementRowStatus.UNMATCHED
        lines.append(
            StatementRow(
                organisation_id=organisation_id,
                statement_id=statement.id,
                row_no=row.row,
                txn_id=row.txn_id,
                paid_at=row.paid_at,
                amount=row.amount,
                phone=row.phone or row.phone_text,
                name=row.name,
                comment=row.comment,
                status=status,
                student_id=student_id,
                entry_id=entry_id,
            )
        )
    for start in range(0, len(lines), _CHUNK):
        await StatementRow.bulk_create(lines[start : start + _CHUNK])
    unmatched = sum(1 for line in lines if line.status == StatementRowStatus.UNMATCHED)
    await do_record(
        tx,
        actor,
        action="statement.import",
        object_type="statement_import",
        object_id=statement.id,
        after={
            "file": filename,
            "sha256": sha256,
            "rows": len(rows),
            "entries": entry_ids,
            "unmatched": unmatched,
            "skipped": len(skipped),
        },
    )
    return StatementResult(
        statement_id=statement.id,
        rows=len(rows),
        imported=len(chosen),
        unmatched=unmatched,
        skipped=len(skipped),
        skipped_rows=tuple(sorted(skipped, key=lambda item: item.row)),
    )


# --- unmatched rows ----------------------------------------------------------------------


async def _locked_row(actor: Actor, row_id: int) -> StatementRow:
    """The organisation's statement row, locked, while it waits for a student.

    Raises:
        NotFound: no such row here.
        Conflict: the row is matched or skipped already.
    """
    check_id(row_id)
    row = await StatementRow.select_for_update().get_or_none(
        id=row_id, organisation_id=actor.organisation_id
    )
    if row is None:
        raise NotFound()
    if row.status != StatementRowStatus.UNMATCHED:
        raise Conflict(N_("This row has been dealt with already."))
    return row


async def match_statement_row(
    deps: Deps, actor: Actor, *, row_id: int, student_id: int
) -> EntryView:
    """Record an unmatched statement row as a payment of the chosen student.

    Raises:
        PermissionDenied: the actor may not record payments.
        NotFound: no such row or person here.
        InvalidInput: the person is not a student.
        Conflict: the row was matched or skipped already, or the student is archived.
    """
    await require(actor, Permission.PAYMENTS_MANAGE)
    try:
        async with transaction(deps) as tx:
            row = await _locked_row(actor, row_id)
            await check_student(actor, student_id, active=True)
            zone = await organisation_zone(actor.organisation_id)
            entry = await do_record_payment(
                tx,
                organisation_id=actor.organisation_id,
                student_id=student_id,
                amount=row.amount,
                currency=_KASPI_CURRENCY,
                method=PaymentMethod.KASPI,
                occurred_on=row.paid_at.astimezone(zone).date(),
                external_id=external_id(actor.organisation_id, row.txn_id),
                reason=row.comment,
                created_by_id=actor.person_id,
            )
            row.status = StatementRowStatus.IMPORTED
            row.student_id = student_id
            row.entry_id = entry.id
            await row.save(update_fields=["status", "student_id", "entry_id"])
            statement = await StatementImport.select_for_update().get(
                id=row.statement_id  # type: ignore[attr-defined]
            )
            statement.imported += 1
            await statement.save(update_fields=["imported"])
            await do_record(
                tx,
                actor,
                action="statement.match",
                object_type="statement_row",
                object_id=row.id,
                after={"student_id": student_id, "entry_id": entry.id, "txn_id": row.txn_id},
            )
    except IntegrityError:
        raise Conflict(N_("This row has been dealt with already.")) from None
    (view,) = await entry_views([entry])
    return view


async def dismiss_statement_row(deps: Deps, actor: Actor, *, row_id: int) -> None:
    """Mark an unmatched row as not a student's payment (it stays listed as skipped).

    Raises:
        PermissionDenied: the actor may not record payments.
        NotFound: no such row here.
        Conflict: the row was matched or skipped already.
    """
    await require(actor, Permission.PAYMENTS_MANAGE)
    async with transaction(deps) as tx:
        row = await _locked_row(actor, row_id)
        row.status = StatementRowStatus.SKIPPED
        await row.save(update_fields=["status"])
        await do_record(
            tx,
            actor,
            action="statement.dismiss",
            object_type="statement_row",
            object_id=row.id,
            after={"txn_id": row.txn_id},
        )


# --- reading -------------------------------------------------------------------------------


async def _summaries(
    organisation_id: int, imports: list[StatementImport]
) -> list[StatementSummary]:
    ids = [item.id for item in imports]
    counts: dict[tuple[int, str], int] = {}
    for start in range(0, len(ids), _CHUNK):
        for statement_id, status in await StatementRow.filter(
            statement_id__in=ids[start : start + _CHUNK]
        ).values_list("statement_id", "status"):
            key = (int(statement_id), str(status))
            counts[key] = counts.get(key, 0) + 1
    names = await person_names({item.created_by_id for item in imports if item.created_by_id})
    result = []
    for item in imports:
        imported = counts.get((item.id, StatementRowStatus.IMPORTED.value), 0)
        unmatched = counts.get((item.id, StatementRowStatus.UNMATCHED.value), 0)
        result.append(
            StatementSummary(
                id=item.id,
                filename=item.filename,
                created_at=item.created_at,
                created_by=names.get(item.created_by_id, "") if item.created_by_id else "",
                rows=item.rows,
                imported=imported,
                unmatched=unmatched,
                skipped=item.rows - imported - unmatched,
            )
        )
    return result


async def list_statements(actor: Actor) -> list[StatementSummary]:
    """The organisation's latest statement imports, newest first.

    Raises:
        PermissionDenied: the actor may not see money.
    """
    await require(actor, Permission.FINANCE_VIEW)
    imports = (
        await StatementImport.filter(organisation_id=actor.organisation_id)
        .order_by("-id")
        .limit(LIST_LIMIT)
    )
    return await _summaries(actor.organisation_id, list(imports))


async def _student_choices(organisation_id: int, query: str) -> list[tuple[int, str]]:
    """Active students to choose from: those whose names fit ``query``; without one, all of
    them when there are few."""
    words = fold(query).split()
    base = Person.filter(
        memberships__organisation_id=organisation_id,
        memberships__role=Role.STUDENT,
        memberships__archived_at__isnull=True,
    ).distinct()
    if words:
        for word in words[:5]:
            base = base.filter(search_text__contains=word)
        rows = (
            await base.order_by("last_name", "first_name")
            .limit(SEARCH_LIMIT)
            .values("id", "last_name", "first_name", "middle_name")
        )
    else:
        rows = (
            await base.order_by("last_name", "first_name")
            .limit(ALL_CHOICES_LIMIT + 1)
            .values("id", "last_name", "first_name", "middle_name")
        )
        if len(rows) > ALL_CHOICES_LIMIT:
            return []
    return [
        (row["id"], full_name(row["last_name"], row["first_name"], row["middle_name"]))
        for row in rows
    ]


async def statement_detail(actor: Actor, statement_id: int, *, query: str = "") -> StatementDetail:
    """One import and its rows; for each unmatched row, the students it may be for; and the
    students found by ``query`` (or all, when there are few) to choose from.

    Raises:
        NotFound: no such import here.
        PermissionDenied: the actor may not see money.
    """
    await require(actor, Permission.FINANCE_VIEW)
    organisation_id = actor.organisation_id
    check_id(statement_id)
    statement = await StatementImport.get_or_none(id=statement_id, organisation_id=organisation_id)
    if statement is None:
        raise NotFound()
    (summary,) = await _summaries(organisation_id, [statement])
    stored = await StatementRow.filter(statement_id=statement.id).order_by("row_no")
    unmatched = [row for row in stored if row.status == StatementRowStatus.UNMATCHED]
    suggestions: dict[int, tuple[tuple[int, str], ...]] = {}
    if unmatched:
        index = await _index(organisation_id)
        for row in unmatched:
            found = _candidates(index, _as_row(row))
            suggestions[row.id] = tuple(
                sorted(((s, index.names[s]) for s in found), key=lambda item: item[1])
            )
    students = {row.student_id for row in stored if row.student_id}  # type: ignore[attr-defined]
    names = await person_names(students)
    receipts = await _receipts([row.entry_id for row in stored if row.entry_id])  # type: ignore[attr-defined]
    lines = tuple(
        StatementLineView(
            id=row.id,
            row_no=row.row_no,
            txn_id=row.txn_id,
            paid_at=row.paid_at,
            amount=row.amount,
            currency=_KASPI_CURRENCY,
            phone=row.phone,
            name=row.name,
            comment=row.comment,
            status=StatementRowStatus(row.status),
            student_id=row.student_id,  # type: ignore[attr-defined]
            student_name=names.get(row.student_id, "") if row.student_id else "",  # type: ignore[attr-defined]
            entry_id=row.entry_id,  # type: ignore[attr-defined]
            receipt_no=receipts.get(row.entry_id) if row.entry_id else None,  # type: ignore[attr-defined]
            suggestions=suggestions.get(row.id, ()),
        )
        for row in stored
    )
    choices = await _student_choices(organisation_id, query) if unmatched else []
    return StatementDetail(summary=summary, lines=lines, choices=tuple(choices), query=query)


def _as_row(row: StatementRow) -> _Row:
    return _Row(
        row=row.row_no,
        txn_id=row.txn_id,
        paid_at=row.paid_at,
        amount=row.amount,
        phone_text=row.phone,
        phone=row.phone if row.phone.startswith("+") else "",
        name=row.name,
        comment=row.comment,
    )


async def _receipts(entry_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(entry_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        for entry_id, receipt_no in await LedgerEntry.filter(
            id__in=ids[start : start + _CHUNK]
        ).values_list("id", "receipt_no"):
            if receipt_no:
                found[int(entry_id)] = str(receipt_no)
    return found
