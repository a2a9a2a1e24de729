"""A school's timetabling data read from the Excel template, and a timetable back to Excel
(issue 11). The template and its sheets are in ``core.timetabling.template``.

**Reading** (``read_school``, ``read_timetable_workbook``): all or nothing. The size (2 MB)
is checked before the file is opened, and ``core.workbooks.open_package`` refuses what is not
an .xlsx. Sheets and headers are matched in any of kk/ru/en; a missing sheet is one message
naming them all. Every bad row of every sheet is collected into one ``ImportRejected`` whose
``RowProblem``s carry the sheet (as titled in the file) and the row.

**What the problem holds.** Names are the ids. Periods are named by their start ("08:30");
their lengths are in ``School.bells`` (``bell_times``), for the publishing step. Days are
named in the language of the file's sheet names ("Дүйсенбі", …); in a two-week cycle
``"Дүйсенбі A"`` … ``"Жұма B"``, and a lesson of "every week" is one lesson in each week
(restricted to that week's days). A school that lists ordinary rooms (no kind) gives every
lesson a room; one that lists only special rooms gives rooms to the lessons that ask for a
kind or for preferred rooms. The lessons of one row are one series; min days apart is soft
(``Weights.min_days``) per week. Room kinds nobody has, hours that do not fit a week and a
teacher available nowhere are not refused here: ``solver.solve`` names them before solving.

**Export** (``export_timetable_workbook``): three sheets — classes, teachers, rooms — each a
block per class / teacher / room: its name, a row of days, a row per lesson of the day with
its start, every lesson as "Subject · teacher · room" (``grids``), text cells typed as text.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from io import BytesIO
from itertools import product
from typing import cast

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook as ReadWorkbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from core.config import LANGUAGES
from core.errors import ImportRejected, InvalidInput, RowProblem
from core.i18n import N_, gettext_for
from core.names import fold
from core.timetabling.grids import VIEWS, Grid, View, grids
from core.timetabling.problem import (
    Building,
    Lesson,
    MinDaysApart,
    Problem,
    Room,
    Slot,
    StudentSet,
    Subject,
    Teacher,
    Timetable,
    Week,
)
from core.timetabling.template import (
    BELLS,
    BUILDINGS,
    CLASSES,
    DAY_NAMES,
    LESSONS,
    ROOMS,
    SHEETS,
    SUBJECTS,
    TEACHERS,
    UNAVAILABLE,
    WEEK,
    Sheet,
    timetable_template,
)
from core.workbooks import MAX_COLUMNS, folded, open_package, text_cell

__all__ = [
    "Bell",
    "School",
    "bell_times",
    "export_timetable_workbook",
    "read_school",
    "read_timetable_workbook",
    "timetable_template",
]

MAX_BYTES = 2 * 1024 * 1024
#: Rows read per sheet; a school of 1,500 lessons has far fewer lesson rows.
MAX_ROWS = 5000
MAX_PERIODS = 12
MAX_SPLITS = 3

_DAY_SHORT = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"))
WEEK_LETTERS = ("A", "B")
#: What a week column may say: Latin and Cyrillic letters that look alike, and numbers.
_WEEK_NAMES = {"a": 0, "а": 0, "1": 0, "b": 1, "б": 1, "в": 1, "2": 1}


_NOT_A_WORKBOOK = N_(
    "This file is not an Excel workbook (.xlsx). Download the timetable template, fill it in "
    "and upload it."
)


@dataclass(frozen=True)
class Bell:
    """One lesson of the day: its period name (its start, "08:30"), start and length."""

    period: str
    starts: time
    minutes: int


@dataclass(frozen=True)
class School:
    problem: Problem
    bells: tuple[Bell, ...]


# -- reading -----------------------------------------------------------------------------


def _not_a_workbook() -> InvalidInput:
    return InvalidInput(_NOT_A_WORKBOOK, field="file")


@dataclass
class _Table:
    """A sheet as read: its title in the file, its header labels by key, its rows."""

    sheet: Sheet
    title: str
    labels: dict[str, str]
    rows: list[tuple[int, dict[str, object]]]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _language(titles: Iterable[str]) -> str:
    """The language most of the file's sheet names are in (English when none)."""
    found = {folded(title) for title in titles}
    counts = {
        language: sum(folded(gettext_for(language, s.title)) in found for s in SHEETS)
        for language in LANGUAGES
    }
    best = max(LANGUAGES, key=lambda language: counts[language])
    return best if counts[best] else "en"


def _tables(workbook: ReadWorkbook) -> tuple[dict[str, _Table], str]:
    """The template's sheets found in ``workbook`` by key, and the file's language.

    Raises:
        InvalidInput: a required sheet is missing; a sheet has too many rows.
        ImportRejected: a header names a column the sheet does not have, or lacks one.
    """
    titles = {
        folded(gettext_for(language, sheet.title)): sheet
        for sheet in SHEETS
        for language in LANGUAGES
    }
    present = {
        titles[folded(ws.title)].key: ws
        for ws in workbook.worksheets
        if folded(ws.title) in titles
    }
    missing = [sheet for sheet in SHEETS if sheet.required and sheet.key not in present]
    if missing:
        raise InvalidInput(
            N_(
                "The workbook lacks these sheets: {sheets}. Download the timetable template "
                "and fill in its sheets."
            ),
            field="file",
            sheets=", ".join(
                "“" + " / ".join(gettext_for(code, sheet.title) for code in LANGUAGES) + "”"
                for sheet in missing
            ),
        )
    tables: dict[str, _Table] = {}
    problems: list[RowProblem] = []
    for sheet in SHEETS:
        worksheet = present.get(sheet.key)
        if worksheet is None:
            tables[sheet.key] = _Table(sheet, gettext_for("en", sheet.title), {}, [])
            continue
        rows = worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        header = next(rows, ())
        if all(_blank(cell) for cell in header):
            # A sheet left wholly empty has no rows; rows under no header lack its columns.
            if any(not all(_blank(cell) for cell in cells) for cells in rows):
                _header(sheet, worksheet.title, header, problems)
            tables[sheet.key] = _Table(sheet, worksheet.title, {}, [])
            continue
        keys, labels = _header(sheet, worksheet.title, header, problems)
        found: list[tuple[int, dict[str, object]]] = []
        for number, cells in enumerate(rows, start=2):
            values = {
                key: cells[index]
                for index, key in keys.items()
                if index < len(cells) and not _blank(cells[index])
            }
            if not values:
                continue
            if len(found) >= MAX_ROWS:
                raise InvalidInput(
                    N_("The sheet “{sheet}” has more than {limit} rows."),
                    field="file",
                    sheet=worksheet.title,
                    limit=MAX_ROWS,
                )
            found.append((number, dict(values)))
        tables[sheet.key] = _Table(sheet, worksheet.title, labels, found)
    if problems:
        raise ImportRejected(problems)
    return tables, _language(ws.title for ws in workbook.worksheets)


def _header(
    sheet: Sheet, title: str, cells: Sequence[object], problems: list[RowProblem]
) -> tuple[dict[int, str], dict[str, str]]:
    """The column key of each header cell by index, and each key's label as in the file."""
    names = {
        folded(gettext_for(language, column.label)): column.key
        for column in sheet.columns
        for language in LANGUAGES
    }
    keys: dict[int, str] = {}
    labels: dict[str, str] = {}
    for index, value in enumerate(cells):
        name = folded(value)
        if not name:
            continue
        if name not in names:
            problems.append(
                RowProblem(
                    1,
                    N_(
                        "{sheet}: the column “{column}” is not one we know. Rename it as in "
                        "the template or delete it."
                    ),
                    {"sheet": title, "column": str(value)[:60]},
                    sheet=title,
                )
            )
            continue
        keys[index] = names[name]
        labels[names[name]] = " ".join(str(value).split()).rstrip("*")
    for column in sheet.columns:
        if column.required and column.key not in labels:
            problems.append(
                RowProblem(
                    1,
                    N_("{sheet}: the required column “{column}” is missing."),
                    {
                        "sheet": title,
                        "column": " / ".join(
                            gettext_for(code, column.label) for code in LANGUAGES
                        ),
                    },
                    sheet=title,
                )
            )
    return keys, labels


def read_school(data: bytes, *, name: str) -> School:
    """The school a filled-in template describes, named ``name``, with its bell times
    (blocking: run it in a thread).

    Raises:
        InvalidInput: the file is over 2 MB, not an .xlsx (or an old or protected one), or
            lacks a required sheet; a sheet has more than ``MAX_ROWS`` rows.
        ImportRejected: bad rows, each with its sheet, row and what to fix: an unknown
            column, a missing value, a number out of range, a duplicate name, an unknown
            teacher, class, subject, room or building, a day or lesson number the week does
            not have.
    """
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            N_("This file is larger than {limit} MB. A school's timetable data is smaller."),
            field="file",
            limit=MAX_BYTES // (1024 * 1024),
        )
    with open_package(data, _not_a_workbook):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # styles from other tools openpyxl ignores
                workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged or foreign package
            raise _not_a_workbook() from None
        try:
            tables, language = _tables(workbook)
        finally:
            workbook.close()
    return _Reader(tables, language, name).school()


def read_timetable_workbook(data: bytes, *, name: str) -> Problem:
    """The problem of ``read_school`` (its bell times are in ``bell_times``).

    Raises:
        InvalidInput: see ``read_school``.
        ImportRejected: see ``read_school``.
    """
    return read_school(data, name=name).problem


def bell_times(data: bytes) -> tuple[Bell, ...]:
    """Each lesson of the day of a filled-in template: its period name, start and minutes.

    Raises:
        InvalidInput: see ``read_school``.
        ImportRejected: see ``read_school``.
    """
    return read_school(data, name="").bells


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value if value is not None else "").split())


def _list(value: object) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", _text(value)) if part.strip()]


def _clock(value: object) -> time | None:
    """A start time: an Excel time or date-time, a fraction of a day, or "8:30"/"08.30"."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60, minutes % 60)
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?::\d{2})?", _text(value))
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


@dataclass
class _Reader:
    tables: dict[str, _Table]
    language: str
    name: str
    problems: list[RowProblem] = field(default_factory=list)
    week: Week = field(default_factory=lambda: Week(("",), ("",)))
    days: int = 5
    cycle: int = 1
    travel: int = 0
    bells: list[Bell] = field(default_factory=list)
    buildings: dict[str, Building] = field(default_factory=dict)
    rooms: dict[str, Room] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # folded kind → as written
    teachers: dict[str, Teacher] = field(default_factory=dict)
    sets: dict[str, StudentSet] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    lessons: dict[int, Lesson] = field(default_factory=dict)
    min_days: list[MinDaysApart] = field(default_factory=list)
    away: dict[tuple[str, str], set[Slot]] = field(default_factory=dict)  # (kind, id) → slots

    # -- reporting -----------------------------------------------------------------------

    def bad(self, table: _Table, row: int, message: str, **params: object) -> None:
        self.problems.append(
            RowProblem(row, message, {"sheet": table.title, **params}, sheet=table.title)
        )

    def label(self, table: _Table, key: str) -> str:
        column = next(column for column in table.sheet.columns if column.key == key)
        return table.labels.get(key) or gettext_for(self.language, column.label)

    def whole(
        self,
        table: _Table,
        row: int,
        values: dict[str, object],
        key: str,
        span: tuple[int, int],
        *,
        required: bool = False,
    ) -> int | None:
        """A whole number from ``span`` (inclusive); None when empty (a problem when
        ``required``) or bad (a problem)."""
        if key not in values:
            if required:
                self.filled(table, row, values, key)
            return None
        text = _text(values[key])
        low, high = span
        if not re.fullmatch(r"-?\d{1,6}", text) or not low <= int(text) <= high:
            self.bad(
                table,
                row,
                N_(
                    "{sheet}: “{column}” must be a whole number from {low} to {high}, not {value}."
                ),
                column=self.label(table, key),
                low=low,
                high=high,
                value=f"“{text[:30]}”",
            )
            return None
        return int(text)

    def filled(self, table: _Table, row: int, values: dict[str, object], key: str) -> bool:
        """Whether a required cell of the row is filled in (a problem when not)."""
        if key in values:
            return True
        self.bad(table, row, N_("{sheet}: fill in “{column}”."), column=self.label(table, key))
        return False

    def unique(
        self, table: _Table, row: int, values: dict[str, object], seen: dict[str, str]
    ) -> str | None:
        """The row's name, once per sheet (names are compared folded); None when missing or
        listed twice (a problem)."""
        if not self.filled(table, row, values, "name"):
            return None
        name = _text(values["name"])
        key = fold(name)
        if key in seen:
            self.bad(table, row, N_("{sheet}: “{name}” is listed twice."), name=name)
            return None
        seen[key] = name
        return name

    # -- the sheets ----------------------------------------------------------------------

    def school(self) -> School:
        self.read_week()
        self.read_bells()
        if self.problems:  # every other sheet needs the week
            raise ImportRejected(self.problems)
        self.week = Week(self.day_names(), tuple(bell.period for bell in self.bells))
        self.read_buildings()
        self.read_rooms()
        self.read_teachers()
        self.read_classes()
        self.read_subjects()
        self.read_lessons()
        self.read_unavailable()
        if self.problems:
            order = {table.title: index for index, table in enumerate(self.tables.values())}
            self.problems.sort(key=lambda problem: (order.get(problem.sheet, 0), problem.row))
            raise ImportRejected(self.problems)
        return School(self.problem(), tuple(self.bells))

    def day_names(self) -> tuple[str, ...]:
        names = tuple(gettext_for(self.language, day) for day in DAY_NAMES[: self.days])
        if self.cycle == 1:
            return names
        return tuple(f"{day} {letter}" for letter in WEEK_LETTERS for day in names)

    def read_week(self) -> None:
        table = self.tables[WEEK.key]
        if not table.rows:
            self.bad(table, 2, N_("{sheet}: fill in row 2: the days per week and the weeks."))
            return
        row, values = table.rows[0]
        self.days = self.whole(table, row, values, "days", (5, 6), required=True) or 5
        self.cycle = self.whole(table, row, values, "weeks", (1, 2)) or 1
        self.travel = self.whole(table, row, values, "travel", (0, 4)) or 0

    def read_bells(self) -> None:
        table = self.tables[BELLS.key]
        if not table.rows:
            self.bad(table, 2, N_("{sheet}: list the lessons of the day, one row each."))
            return
        if len(table.rows) > MAX_PERIODS:
            row = table.rows[MAX_PERIODS][0]
            self.bad(
                table, row, N_("{sheet}: a day has at most {limit} lessons."), limit=MAX_PERIODS
            )
            return
        ends: int | None = None
        for row, values in table.rows:
            starts = _clock(values.get("starts"))
            if starts is None:
                self.bad(
                    table,
                    row,
                    N_("{sheet}: “{value}” is not a time of day such as 08:30."),
                    value=_text(values.get("starts"))[:30],
                )
            minutes = self.whole(table, row, values, "minutes", (10, 240), required=True)
            if starts is None:
                continue
            begins = starts.hour * 60 + starts.minute
            if ends is not None and begins < ends:
                self.bad(table, row, N_("{sheet}: this lesson starts before the one above ends."))
            if minutes is not None:
                ends = begins + minutes
                self.bells.append(Bell(starts.strftime("%H:%M"), starts, minutes))

    def read_buildings(self) -> None:
        table = self.tables[BUILDINGS.key]
        seen: dict[str, str] = {}
        for row, values in table.rows:
            name = self.unique(table, row, values, seen)
            if name is not None:
                self.buildings[name] = Building(name, name)

    def building(self, table: _Table, row: int, value: object) -> str | None:
        text = _text(value)
        if not text:
            return None
        known = {fold(key): key for key in self.buildings}
        if fold(text) not in known:
            self.bad(
                table,
                row,
                N_("{sheet}: there is no building “{name}” on the buildings sheet."),
                name=text,
            )
            return None
        return known[fold(text)]

    def read_rooms(self) -> None:
        table = self.tables[ROOMS.key]
        seen: dict[str, str] = {}
        for row, values in table.rows:
            name = self.unique(table, row, values, seen)
            building = self.building(table, row, values.get("building"))
            capacity = self.whole(table, row, values, "capacity", (0, 2000))
            kind = _text(values.get("kind"))
            if kind:
                kind = self.kinds.setdefault(fold(kind), kind)
            if name is not None:
                self.rooms[name] = Room(
                    name, name, capacity=capacity or 0, kind=kind, building=building
                )

    def read_teachers(self) -> None:
        table = self.tables[TEACHERS.key]
        seen: dict[str, str] = {}
        periods = len(self.week.periods)
        for row, values in table.rows:
            name = self.unique(table, row, values, seen)
            building = self.building(table, row, values.get("building"))
            most = self.whole(table, row, values, "max_per_day", (1, periods))
            days = self.whole(table, row, values, "max_days", (1, self.days))
            gaps = self.whole(table, row, values, "max_gaps", (0, len(self.week.slots)))
            gaps_a_day = self.whole(table, row, values, "max_gaps_day", (0, periods))
            fewest = self.whole(table, row, values, "min_per_day", (1, periods))
            if name is not None:
                self.teachers[name] = Teacher(
                    name,
                    name,
                    max_per_day=most,
                    # an A/B cycle is one week of the model: the days of both weeks count
                    max_days=days * self.cycle if days is not None else None,
                    max_gaps_per_week=gaps,
                    max_gaps_per_day=gaps_a_day,
                    min_per_day=fewest,
                    home_building=building,
                )

    def read_classes(self) -> None:
        table = self.tables[CLASSES.key]
        seen: dict[str, str] = {}
        rows = []
        limits: dict[str, tuple[int | None, int | None, int | None]] = {}
        for row, values in table.rows:
            name = self.unique(table, row, values, seen)
            size = self.whole(table, row, values, "size", (0, 2000)) or 0
            most = self.whole(table, row, values, "max_per_day", (1, len(self.week.periods)))
            gaps = self.whole(table, row, values, "max_gaps", (0, len(self.week.slots)))
            late = self.whole(table, row, values, "late_starts", (0, self.days))
            if name is not None:
                rows.append((row, name, size, values))
                # an A/B cycle is one week of the model: both weeks count
                limits[name] = (
                    most,
                    gaps * self.cycle if gaps is not None else None,
                    late * self.cycle if late is not None else None,
                )
        parents = {fold(name): name for _, name, _, values in rows if not values.get("parent")}
        splits: dict[str, dict[str, list[str]]] = {}
        for row, name, size, values in rows:
            parent_text = _text(values.get("parent"))
            parent = parents.get(fold(parent_text)) if parent_text else None
            if parent_text and parent is None:
                message = (
                    N_("{sheet}: a subgroup cannot have subgroups: “{name}” is one.")
                    if fold(parent_text) in seen
                    else N_("{sheet}: there is no class “{name}” on this sheet.")
                )
                self.bad(table, row, message, name=parent_text)
                continue
            year = _text(values.get("year")) if parent is None else ""
            if year:
                if fold(year) in seen and fold(year) != fold(name):
                    self.bad(
                        table, row, N_("{sheet}: “{name}” is both a class and a year."), name=year
                    )
                    continue
                self.sets.setdefault(year, StudentSet(year, year))
            self.sets[name] = StudentSet(
                name,
                name,
                parent=parent or year or None,
                size=size,
                max_per_day=limits[name][0],
                max_gaps_per_week=limits[name][1],
                max_late_starts=limits[name][2],
            )
            if parent is not None:
                split = fold(_text(values.get("split")))
                splits.setdefault(parent, {}).setdefault(split, []).append(name)
        for parent, divisions in splits.items():
            if len(divisions) > MAX_SPLITS:
                row = next(number for number, name, _, _ in rows if name == parent)
                self.bad(table, row, N_("{sheet}: a class may be split at most 3 ways."))
            elif len(divisions) > 1:
                self.cross(list(divisions.values()))

    def cross(self, divisions: list[list[str]]) -> None:
        """The intersections of a class's splits, as sets under each subgroup they are in."""
        for parts in product(*divisions):
            name = " · ".join(parts)
            self.sets[name] = StudentSet(name, name, parent=parts[0], also_in=parts[1:])

    def read_subjects(self) -> None:
        table = self.tables[SUBJECTS.key]
        seen: dict[str, str] = {}
        for row, values in table.rows:
            name = self.unique(table, row, values, seen)
            if name is not None:
                self.subjects[name] = Subject(name, name)

    def refs(
        self, table: _Table, row: int, value: object, known: Iterable[str], message: str
    ) -> tuple[str, ...] | None:
        """The names listed in ``value``, each as the sheet it refers to spells it."""
        spelled = {fold(key): key for key in known}
        found: list[str] = []
        ok = True
        for part in _list(value):
            if fold(part) not in spelled:
                self.bad(table, row, message, name=part)
                ok = False
            elif spelled[fold(part)] not in found:
                found.append(spelled[fold(part)])
        return tuple(found) if ok else None

    def day(self, table: _Table, row: int, value: object) -> int | None:
        text = fold(_text(value))
        names: dict[str, int] = {str(index + 1): index for index in range(len(DAY_NAMES))}
        for index, (day, short) in enumerate(zip(DAY_NAMES, _DAY_SHORT, strict=True)):
            for language in LANGUAGES:
                names[fold(gettext_for(language, day))] = index
                names[fold(gettext_for(language, short))] = index
        found = names.get(text)
        if found is None or found >= self.days:
            self.bad(table, row, N_("{sheet}: the week has no day “{value}”."), value=_text(value))
            return None
        return found

    def week_of(self, table: _Table, row: int, value: object) -> tuple[int, ...] | None:
        """The weeks of the cycle a row is for (every week when empty)."""
        text = fold(_text(value))
        if not text:
            return tuple(range(self.cycle))
        if self.cycle == 1:
            self.bad(
                table,
                row,
                N_(
                    "{sheet}: the cycle has one week: leave the week empty, or set two weeks "
                    "on the week sheet."
                ),
            )
            return None
        if text not in _WEEK_NAMES:
            self.bad(table, row, N_("{sheet}: the week is A or B, not “{value}”."), value=text)
            return None
        return (_WEEK_NAMES[text],)

    def periods(self, table: _Table, row: int, value: object) -> list[int] | None:
        """Lesson numbers "1-3, 6" (or their start times); every period when empty."""
        count = len(self.week.periods)
        if value is None:
            return list(range(count))
        starts = {period: index for index, period in enumerate(self.week.periods)}
        found: list[int] = []
        for part in _list(value) if isinstance(value, str) else [value]:
            clock = _clock(part)
            bounds = re.fullmatch(r"(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?", _text(part))
            if clock is not None and clock.strftime("%H:%M") in starts:
                found.append(starts[clock.strftime("%H:%M")])
            elif bounds and 1 <= int(bounds[1]) <= int(bounds[2] or bounds[1]) <= count:
                found.extend(range(int(bounds[1]) - 1, int(bounds[2] or bounds[1])))
            else:
                self.bad(
                    table,
                    row,
                    N_("{sheet}: the day has no lesson “{value}”: its lessons are 1 to {count}."),
                    value=_text(part),
                    count=count,
                )
                return None
        return found

    def read_lessons(self) -> None:
        table = self.tables[LESSONS.key]
        plain_rooms = any(not room.kind for room in self.rooms.values())
        for row, values in table.rows:
            lesson = self.lesson_row(table, row, values)
            if lesson is None:
                continue
            template, count, weeks, min_days, fixed = lesson
            needs_room = plain_rooms or bool(template.room_kind or template.preferred_rooms)
            series = len(self.lessons) + 1
            for week in weeks:
                ids = []
                for _ in range(count):
                    lesson_id = len(self.lessons) + 1
                    self.lessons[lesson_id] = self.placed(
                        template,
                        lesson_id=lesson_id,
                        series=series,
                        week=week,
                        fixed=fixed,
                        needs_room=needs_room,
                    )
                    ids.append(lesson_id)
                if min_days and len(ids) > 1:
                    self.min_days.append(MinDaysApart(tuple(ids), days=min_days))

    def placed(
        self,
        template: Lesson,
        *,
        lesson_id: int,
        series: int,
        week: int,
        fixed: tuple[int, int] | None,
        needs_room: bool,
    ) -> Lesson:
        """One lesson of a row in one week of the cycle."""
        allowed = None
        if self.cycle > 1:
            first = week * self.days
            allowed = frozenset(
                slot
                for slot in self.week.slots
                if first <= self.week.day_of(slot) < first + self.days
                and self.week.fits(slot, template.duration)
            )
        locked = None
        if fixed is not None:
            locked = self.week.slot(week * self.days + fixed[0], fixed[1])
        return Lesson(
            id=lesson_id,
            subject=template.subject,
            teachers=template.teachers,
            sets=template.sets,
            duration=template.duration,
            needs_room=needs_room,
            room_kind=template.room_kind,
            preferred_rooms=template.preferred_rooms,
            allowed_slots=allowed,
            locked_slot=locked,
            series=series,
        )

    def lesson_row(
        self, table: _Table, row: int, values: dict[str, object]
    ) -> tuple[Lesson, int, tuple[int, ...], int, tuple[int, int] | None] | None:
        """A row's lesson (its id and week to be set), how many a week, for which weeks,
        its min days apart and its fixed day and period; None when the row is bad."""
        before = len(self.problems)
        periods, days = len(self.week.periods), self.days
        self.filled(table, row, values, "subject")
        self.filled(table, row, values, "classes")
        subjects = {fold(key): key for key in self.subjects}
        subject = subjects.get(fold(_text(values.get("subject"))))
        if subject is None and "subject" in values:
            self.bad(
                table,
                row,
                N_("{sheet}: there is no subject “{name}” on the subjects sheet."),
                name=_text(values["subject"]),
            )
        teachers = self.refs(
            table,
            row,
            values.get("teachers"),
            self.teachers,
            N_("{sheet}: there is no teacher “{name}” on the teachers sheet."),
        )
        sets = self.refs(
            table,
            row,
            values.get("classes"),
            self.sets,
            N_("{sheet}: there is no class or subgroup “{name}” on the classes sheet."),
        )
        rooms = self.refs(
            table,
            row,
            values.get("rooms"),
            self.rooms,
            N_("{sheet}: there is no room “{name}” on the rooms sheet."),
        )
        count = self.whole(table, row, values, "per_week", (1, days * periods), required=True)
        length = self.whole(table, row, values, "length", (1, periods))
        min_days = self.whole(table, row, values, "min_days", (0, days - 1))
        weeks = self.week_of(table, row, values.get("week"))
        fixed = self.fixed(table, row, values, length or 1, count)
        kind = _text(values.get("kind"))
        if (
            len(self.problems) > before
            or subject is None
            or sets is None
            or teachers is None
            or rooms is None
            or count is None
            or weeks is None
        ):
            return None
        lesson = Lesson(
            id=0,
            subject=subject,
            teachers=teachers,
            sets=sets,
            duration=length or 1,
            room_kind=self.kinds.get(fold(kind), kind),
            preferred_rooms=rooms,
        )
        return lesson, count, weeks, min_days or 0, fixed

    def fixed(
        self, table: _Table, row: int, values: dict[str, object], length: int, count: int | None
    ) -> tuple[int, int] | None:
        """The fixed day and period of a row; None when not fixed or bad (a problem)."""
        day_value, period_value = values.get("day"), values.get("period")
        if day_value is None and period_value is None:
            return None
        if day_value is None or period_value is None:
            self.bad(table, row, N_("{sheet}: a fixed lesson needs both a day and a number."))
            return None
        day = self.day(table, row, day_value)
        period = self.periods(table, row, period_value)
        if day is None or period is None:
            return None
        if len(period) != 1 or count != 1:
            self.bad(
                table,
                row,
                N_("{sheet}: a fixed lesson is one lesson a week at one lesson number."),
            )
            return None
        if period[0] + length > len(self.week.periods):
            self.bad(table, row, N_("{sheet}: the lesson runs past the end of the day."))
            return None
        return day, period[0]

    def read_unavailable(self) -> None:
        table = self.tables[UNAVAILABLE.key]
        teachers = {fold(name): name for name in self.teachers}
        sets = {fold(name): name for name in self.sets}
        for row, values in table.rows:
            if not self.filled(table, row, values, "who") or not self.filled(
                table, row, values, "day"
            ):
                continue
            who = _text(values["who"])
            key = ("teacher", teachers[fold(who)]) if fold(who) in teachers else None
            if key is None and fold(who) in sets:
                key = ("set", sets[fold(who)])
            if key is None:
                self.bad(
                    table,
                    row,
                    N_("{sheet}: there is no teacher or class “{name}”."),
                    name=who,
                )
            day = self.day(table, row, values.get("day"))
            periods = self.periods(table, row, values.get("periods"))
            weeks = self.week_of(table, row, values.get("week"))
            if key is None or day is None or periods is None or weeks is None:
                continue
            self.away.setdefault(key, set()).update(
                self.week.slot(week * self.days + day, period)
                for week in weeks
                for period in periods
            )

    def problem(self) -> Problem:
        teachers = {
            key: Teacher(
                teacher.id,
                teacher.name,
                unavailable=frozenset(self.away.get(("teacher", key), ())),
                max_per_day=teacher.max_per_day,
                max_days=teacher.max_days,
                max_gaps_per_week=teacher.max_gaps_per_week,
                max_gaps_per_day=teacher.max_gaps_per_day,
                min_per_day=teacher.min_per_day,
                home_building=teacher.home_building,
            )
            for key, teacher in self.teachers.items()
        }
        sets = {
            key: StudentSet(
                student_set.id,
                student_set.name,
                parent=student_set.parent,
                also_in=student_set.also_in,
                size=student_set.size,
                unavailable=frozenset(self.away.get(("set", key), ())),
                max_per_day=student_set.max_per_day,
                max_gaps_per_week=student_set.max_gaps_per_week,
                max_late_starts=student_set.max_late_starts,
            )
            for key, student_set in self.sets.items()
        }
        return Problem(
            name=self.name,
            week=self.week,
            teachers=teachers,
            sets=sets,
            subjects=self.subjects,
            rooms=self.rooms,
            buildings=self.buildings,
            lessons=self.lessons,
            min_days=tuple(self.min_days),
            travel_periods=self.travel,
        )


# -- export ------------------------------------------------------------------------------

_VIEW_TITLES: dict[View, str] = {
    "classes": N_("Classes"),
    "teachers": N_("Teachers"),
    "rooms": N_("Rooms"),
}


def export_timetable_workbook(problem: Problem, timetable: Timetable, language: str) -> bytes:
    """``timetable`` as an .xlsx in ``language``: a sheet each for classes, teachers and
    rooms, one block per class / teacher / room (its name; the days; a row per lesson of the
    day, its start first), every cell text. Printed, each sheet is landscape, one page wide,
    and each block starts a page. Lessons not placed are left out."""
    workbook = Workbook(write_only=True)
    for view in VIEWS:
        title = gettext_for(language, _VIEW_TITLES[view])[:31]
        sheet = workbook.create_sheet(title)
        sheet.column_dimensions["A"].width = 10
        for index in range(len(problem.week.days)):
            sheet.column_dimensions[get_column_letter(index + 2)].width = 28
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        # openpyxl's stubs type a write-only workbook's sheets as the read-write kind.
        written = cast(WriteOnlyWorksheet, sheet)
        rows = 0
        for grid in grids(problem, timetable, view):
            if rows:
                sheet.row_breaks.append(Break(id=rows))
            rows += _block(written, grid)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _block(sheet: WriteOnlyWorksheet, grid: Grid) -> int:
    """Write one grid: its name, the days, a row per period and a blank row; the rows."""
    title = text_cell(sheet, grid.title)
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    header: list[Cell | None] = [None]
    for day in grid.days:
        cell = text_cell(sheet, day)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for period_index, period in enumerate(grid.periods):
        row: list[Cell | None] = [text_cell(sheet, period)]
        for day_index in range(len(grid.days)):
            lines = grid.cells.get((day_index, period_index), ())
            if lines:
                cell = text_cell(sheet, "\n".join(lines))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                row.append(cell)
            else:
                row.append(None)
        sheet.append(row)
    sheet.append([])
    return len(grid.periods) + 3
