"""The Excel template of a school's timetabling data (issue 11), which
``core.timetabling.workbook`` reads.

**The template** (``timetable_template``) has one sheet per entity, headers in the reader's
language (``*`` after a required one) and an instructions sheet first:

* Week — one row: days per week (5 or 6), weeks in the cycle (1, or 2 for A/B weeks), the
  free periods a teacher needs to change building;
* Bell times — one row per lesson of the day, in order: its start ("08:30") and minutes;
* Buildings; Rooms (room, building, room kind, seats); Teachers (teacher, home building,
  most lessons a day, most free periods a week, most days a week (in an A/B cycle: each
  week)); Subjects;
* Classes — a class with its year (parallel: "9") and students; a subgroup (a language
  group, a lab half, PE boys) names the class it is a subgroup of. Subgroups of a class with
  the same *split* ("English", "PE") divide it; two splits cross (a boy in English group 1),
  so the reader makes their intersections, as FET does, and a PE-boys lesson clashes with an
  English-1 lesson but not with English 2's;
* Lessons — subject, teachers, classes (several: a merged stream), lessons a week, periods
  in a row (2: a double), min days apart (soft), room kind, preferred rooms (soft), week (A
  or B in a two-week cycle, empty: every week), a fixed day and lesson number (locked);
* Unavailable — a teacher or a class, a day, lesson numbers ("1-3, 6"; empty: the whole
  day), a week.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import cast

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from core.i18n import N_, gettext_for
from core.workbooks import Column, headed_sheet, text_cell

DAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
)


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str  # marked for translation
    columns: tuple[Column, ...]
    required: bool = True


WEEK = Sheet(
    "week",
    N_("Week"),
    (
        Column("days", N_("Days per week"), 16, True),
        Column("weeks", N_("Weeks in the cycle"), 20),
        Column("travel", N_("Free periods to change building"), 32),
    ),
)
BELLS = Sheet(
    "bells",
    N_("Bell times"),
    (Column("starts", N_("Starts at"), 12, True), Column("minutes", N_("Minutes"), 10, True)),
)
BUILDINGS = Sheet(
    "buildings", N_("Buildings"), (Column("name", N_("Building"), 30, True),), required=False
)
ROOMS = Sheet(
    "rooms",
    N_("Rooms"),
    (
        Column("name", N_("Room"), 16, True),
        Column("building", N_("Building"), 20),
        Column("kind", N_("Room kind"), 18),
        Column("capacity", N_("Seats"), 10),
    ),
    required=False,
)
TEACHERS = Sheet(
    "teachers",
    N_("Teachers"),
    (
        Column("name", N_("Teacher"), 30, True),
        Column("building", N_("Home building"), 20),
        Column("max_per_day", N_("Most lessons a day"), 20),
        Column("max_gaps", N_("Most free periods a week"), 26),
        Column("max_days", N_("Most days a week"), 18),
        Column("max_gaps_day", N_("Most free periods a day"), 24),
        Column("min_per_day", N_("Fewest lessons on a day they come"), 32),
    ),
)
CLASSES = Sheet(
    "classes",
    N_("Classes"),
    (
        Column("name", N_("Class"), 18, True),
        Column("year", N_("Year (parallel)"), 16),
        Column("size", N_("Number of students"), 20),
        Column("parent", N_("Subgroup of"), 16),
        Column("split", N_("Split"), 16),
        Column("max_per_day", N_("Most lessons a day"), 20),
        Column("max_gaps", N_("Most free periods a week"), 26),
        Column("late_starts", N_("Days starting one lesson late"), 30),
    ),
)
SUBJECTS = Sheet("subjects", N_("Subjects"), (Column("name", N_("Subject"), 30, True),))
LESSONS = Sheet(
    "lessons",
    N_("Lessons"),
    (
        Column("subject", N_("Subject"), 24, True),
        Column("teachers", N_("Teachers"), 28),
        Column("classes", N_("Classes"), 20, True),
        Column("per_week", N_("Lessons a week"), 16, True),
        Column("length", N_("Periods in a row"), 16),
        Column("min_days", N_("Min days apart"), 16),
        Column("kind", N_("Room kind"), 16),
        Column("rooms", N_("Preferred rooms"), 18),
        Column("week", N_("Week (A/B)"), 12),
        Column("day", N_("Fixed day"), 14),
        Column("period", N_("Fixed lesson number"), 20),
    ),
)
UNAVAILABLE = Sheet(
    "unavailable",
    N_("Unavailable"),
    (
        Column("who", N_("Teacher or class"), 30, True),
        Column("day", N_("Day"), 14, True),
        Column("periods", N_("Lesson numbers"), 18),
        Column("week", N_("Week (A/B)"), 12),
    ),
    required=False,
)
SHEETS = (WEEK, BELLS, BUILDINGS, ROOMS, TEACHERS, CLASSES, SUBJECTS, LESSONS, UNAVAILABLE)

_INSTRUCTIONS = (
    N_("Fill in one sheet after another; keep the sheet names and the column names in row 1."),
    N_("Columns marked * are required. Each name (room, teacher, class, subject) once."),
    N_(
        "Week: days per week (5 or 6), weeks in the cycle (1, or 2 for A/B weeks), and the "
        "free periods a teacher needs to go from one building to another."
    ),
    N_(
        "Bell times: one row per lesson of the day, in order: its start, such as 08:30, and "
        "its length in minutes."
    ),
    N_(
        "Rooms: the room kind is empty for an ordinary classroom, else a word such as lab, "
        "gym or computers; lessons that need that kind name it too."
    ),
    N_(
        "Classes: a class with its year (parallel) and number of students. A subgroup (a "
        "language group, half a class for a lab, PE boys) names its class in “Subgroup of”; "
        "subgroups of one class with the same split divide it, two splits cross."
    ),
    N_(
        "Teachers: the fewest lessons on a day they come (2: never a trip for one lesson). "
        "Classes: the most lessons a day, as the health rules for the grade say."
    ),
    N_(
        "Free periods (windows) are the empty lesson numbers between a teacher's or a "
        "class's first and last lesson of a day. A teacher's most a week is a wish the "
        "timetable keeps where it can; most a day, and a class's most a week (0: none), are "
        "rules it always keeps. Days starting one lesson late: how many days a week a class "
        "may begin at its second lesson rather than its first (empty: any start)."
    ),
    N_(
        "Lessons: several teachers or classes are separated by commas; several classes make "
        "one merged lesson. Periods in a row: 2 for a double lesson."
    ),
    N_(
        "Lessons: min days apart spreads the lessons of a row over the week; a fixed day "
        "and lesson number lock a lesson (lessons a week must then be 1)."
    ),
    N_(
        "Week (A/B): in a two-week cycle, A or B for a lesson or absence of one week only; "
        "empty for every week."
    ),
    N_(
        "Unavailable: a teacher or a class, a day (Monday or 1), and lesson numbers such as "
        "1-3, 6 (empty: the whole day)."
    ),
    N_("If any row has a problem, nothing is imported and every problem is listed."),
)


#: Rows of a sheet that the template's drop-down lists and number checks cover.
_CHECKED_ROWS = 2000
#: Checks Excel makes as a cell is typed in, by sheet and column key: a list (of values, or
#: a sheet whose first column lists them) or a range of whole numbers. The reader checks
#: everything again: a file may come from elsewhere.
_CHECKS: dict[str, dict[str, tuple[str, ...] | Sheet | tuple[int, int]]] = {
    "week": {"days": ("5", "6"), "weeks": ("1", "2"), "travel": (0, 4)},
    "bells": {"minutes": (10, 240)},
    "rooms": {"building": BUILDINGS, "capacity": (0, 2000)},
    "teachers": {
        "building": BUILDINGS,
        "max_per_day": (1, 12),
        "max_days": (1, 6),
        "max_gaps": (0, 72),
        "max_gaps_day": (0, 12),
        "min_per_day": (1, 12),
    },
    "classes": {
        "size": (0, 2000),
        "parent": CLASSES,
        "max_per_day": (1, 12),
        "max_gaps": (0, 72),
        "late_starts": (0, 6),
    },
    "lessons": {
        "subject": SUBJECTS,
        "per_week": (1, 72),
        "length": (1, 12),
        "min_days": (0, 5),
        "week": ("A", "B"),
        "day": DAY_NAMES,
        "period": (1, 12),
    },
    "unavailable": {"day": DAY_NAMES, "week": ("A", "B")},
}


def timetable_template(language: str) -> bytes:
    """The .xlsx a school fills in: an instructions sheet, then one sheet per entity with
    its header row in ``language`` (the week sheet filled with a 5-day, one-week default),
    drop-down lists where a cell names another sheet's row, a day or a week, and whole-number
    checks where it holds a number."""
    workbook = Workbook(write_only=True)
    info = workbook.create_sheet(gettext_for(language, N_("Instructions"))[:31])
    info.column_dimensions["A"].width = 110
    for line in _INSTRUCTIONS:
        info.append([text_cell(info, gettext_for(language, line))])
    for sheet in SHEETS:
        header = [
            (gettext_for(language, column.label) + ("*" if column.required else ""), column.width)
            for column in sheet.columns
        ]
        written = headed_sheet(workbook, gettext_for(language, sheet.title), header)
        for index, column in enumerate(sheet.columns, start=1):
            check = _CHECKS.get(sheet.key, {}).get(column.key)
            if check is not None:
                cells = f"{get_column_letter(index)}2:{get_column_letter(index)}{_CHECKED_ROWS}"
                # A write-only sheet has data validations; its stub does not say so.
                validations = cast(Worksheet, written).data_validations
                validations.append(_validation(check, cells, language))
        if sheet is WEEK:
            written.append([5, 1, 0])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _validation(
    check: tuple[str, ...] | Sheet | tuple[int, int], cells: str, language: str
) -> DataValidation:
    if isinstance(check, Sheet):
        title = gettext_for(language, check.title)[:31].replace("'", "''")
        formula = f"'{title}'!$A$2:$A${_CHECKED_ROWS}"
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    elif all(isinstance(value, int) for value in check):
        low, high = check
        validation = DataValidation(
            type="whole", operator="between", formula1=str(low), formula2=str(high)
        )
    else:
        names = ",".join(gettext_for(language, str(value)) for value in check)
        validation = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True)
    validation.showErrorMessage = True
    validation.add(cells)
    return validation
