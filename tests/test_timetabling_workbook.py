"""A school filled into the Excel timetable template, read into a problem, solved, and its
timetable exported back to Excel (issue 11).

Each workbook here is the template itself (``timetable_template``) filled in with openpyxl,
as a secretary fills it in Excel.
"""

from __future__ import annotations

from datetime import time
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from core.errors import ImportRejected, InvalidInput
from core.i18n import gettext_for
from core.timetabling.checker import check
from core.timetabling.problem import Placement, Problem
from core.timetabling.solver import solve
from core.timetabling.template import LESSONS, SHEETS, TEACHERS
from core.timetabling.workbook import (
    bell_times,
    export_timetable_workbook,
    read_school,
    read_timetable_workbook,
    timetable_template,
)

Rows = list[list[object]]

BELLS = [["08:30", 45], [time(9, 25), 45], ["10:20", 45], ["11:15", 45], ["12:10", 45]]
SCHOOL: dict[str, Rows] = {
    "week": [[5, 1, 1]],
    "bells": BELLS,
    "buildings": [["Main"], ["Annex"]],
    "rooms": [
        ["101", "Main", None, 60],
        ["102", "Main", None, 30],
        ["Lab", "Annex", "lab", 30],
        ["Gym", "Main", "gym", 60],
    ],
    "teachers": [
        ["Ivanova", "Main", 5, 2, 4],
        ["Petrov"],
        ["Smith"],
        ["Jones"],
        ["Nurlanov", "Annex"],
        ["Akhmetov"],
        ["Sarsenova"],
        ["Omarova"],
    ],
    "classes": [
        ["9А", 9, 25],
        ["9Б", 9, 24],
        ["9А Eng1", None, 12, "9А", "English"],
        ["9А Eng2", None, 13, "9А", "English"],
        ["9А Boys", None, 12, "9А", "PE"],
        ["9А Girls", None, 13, "9А", "PE"],
    ],
    "subjects": [["Math"], ["Kazakh"], ["English"], ["Physics"], ["PE"], ["History"]],
    "lessons": [
        ["Math", "Ivanova", "9А", 4, None, 1],
        ["Math", "Ivanova", "9Б", 4, None, 1],
        ["Kazakh", "Petrov", "9А", 3],
        ["Kazakh", "Petrov", "9Б", 2],
        ["English", "Smith", "9А Eng1", 2, None, None, None, "102"],
        ["English", "Jones", "9А Eng2", 2],
        ["Physics", "Nurlanov", "9А", 1, 2, None, "lab"],
        ["PE", "Akhmetov", "9А Boys", 2, None, None, "gym"],
        ["PE", "Sarsenova", "9А Girls", 2, None, None, "Gym"],
        ["History", "Omarova", "9А, 9Б", 1],
        ["Kazakh", "Petrov", "9Б", 1, None, None, None, None, None, "Monday", 1],
    ],
    "unavailable": [["Ivanova", "Friday"], ["9Б", "Wednesday", "4-5"]],
}


def filled(sheets: dict[str, Rows], *, language: str = "en", drop: tuple[str, ...] = ()) -> bytes:
    """The template in ``language`` with ``sheets``' rows (by sheet key) appended."""
    workbook = load_workbook(BytesIO(timetable_template(language)))
    titles = {sheet.key: gettext_for(language, sheet.title) for sheet in SHEETS}
    for key, rows in sheets.items():
        worksheet = workbook[titles[key]]
        if key == "week":
            worksheet.delete_rows(2)
        for row in rows:
            worksheet.append(row)
    for key in drop:
        del workbook[titles[key]]
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def school(**changes: Rows) -> Problem:
    return read_timetable_workbook(filled(SCHOOL | changes), name="School 7")


def rejected(**changes: Rows) -> list[tuple[str, int, str]]:
    with pytest.raises(ImportRejected) as caught:
        school(**changes)
    return [(p.sheet, p.row, p.translated("en")) for p in caught.value.problems]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_template_has_a_sheet_per_entity_with_headers_in_the_language(language: str) -> None:
    workbook = load_workbook(BytesIO(timetable_template(language)))

    expected = [gettext_for(language, "Instructions")]
    expected += [gettext_for(language, sheet.title) for sheet in SHEETS]
    assert workbook.sheetnames == expected
    lessons = [cell.value for cell in workbook[gettext_for(language, LESSONS.title)][1]]
    assert lessons[0] == gettext_for(language, "Subject") + "*"
    assert len(lessons) == len(LESSONS.columns)
    teachers = [cell.value for cell in workbook[gettext_for(language, TEACHERS.title)][1]]
    assert teachers[0] == gettext_for(language, "Teacher") + "*"


def test_the_kazakh_template_is_in_kazakh() -> None:
    workbook = load_workbook(BytesIO(timetable_template("kk")))

    assert "Сабақтар" in workbook.sheetnames
    assert workbook["Апта"]["A2"].value == 5
    checks = {
        str(check.sqref).split(":")[0]: check.formula1
        for check in workbook["Сабақтар"].data_validations.dataValidation
    }
    assert checks["A2"] == "'Пәндер'!$A$2:$A$2000"  # a subject from the subjects sheet
    assert checks["I2"] == '"A,B"'
    assert checks["J2"] == '"Дүйсенбі,Сейсенбі,Сәрсенбі,Бейсенбі,Жұма,Сенбі"'


def test_a_good_file_reads_into_the_school_it_describes() -> None:
    problem = school()

    assert problem.name == "School 7"
    assert problem.week.days == ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    assert problem.week.periods == ("08:30", "09:25", "10:20", "11:15", "12:10")
    assert len(problem.lessons) == 4 + 4 + 3 + 2 + 2 + 2 + 1 + 2 + 2 + 1 + 1
    assert problem.travel_periods == 1
    assert problem.teachers["Ivanova"].max_per_day == 5
    assert problem.teachers["Ivanova"].max_gaps_per_week == 2
    assert problem.teachers["Ivanova"].max_days == 4
    assert problem.teachers["Ivanova"].unavailable == frozenset(range(20, 25))
    assert problem.sets["9Б"].unavailable == {problem.week.slot(2, 3), problem.week.slot(2, 4)}
    assert problem.sets["9А"].parent == "9" and problem.sets["9А Eng1"].parent == "9А"
    assert problem.rooms["Lab"].building == "Annex" and problem.rooms["Lab"].kind == "lab"
    physics = next(ls for ls in problem.lessons.values() if ls.subject == "Physics")
    assert (physics.duration, physics.room_kind, physics.needs_room) == (2, "lab", True)
    girls = next(ls for ls in problem.lessons.values() if ls.sets == ("9А Girls",))
    assert girls.room_kind == "gym"  # as the rooms sheet spells it
    (locked,) = [ls for ls in problem.lessons.values() if ls.locked_slot is not None]
    assert (locked.sets, locked.locked_slot) == (("9Б",), 0)
    (merged,) = [ls for ls in problem.lessons.values() if ls.subject == "History"]
    assert merged.sets == ("9А", "9Б")
    math = [
        ls.id for ls in problem.lessons.values() if ls.sets == ("9А",) and ls.subject == "Math"
    ]
    assert problem.min_days[0].lessons == tuple(math)


def test_the_bell_times_keep_each_lessons_start_and_length() -> None:
    two = {"bells": [["08:00", 40], ["8:50", 45]], "teachers": [["Ivanova"]], "lessons": []}

    bells = bell_times(filled(SCHOOL | two | {"unavailable": []}))

    assert [(bell.period, bell.starts, bell.minutes) for bell in bells] == [
        ("08:00", time(8, 0), 40),
        ("08:50", time(8, 50), 45),
    ]


def test_the_filled_template_solves_with_every_lesson_placed() -> None:
    problem = school()

    solution = solve(problem, seconds=5, workers=2)

    assert solution.status in {"optimal", "feasible"}
    report = check(problem, solution.timetable)
    assert (report.unplaced, report.hard) == (0, 0)
    locked = next(ls for ls in problem.lessons.values() if ls.locked_slot is not None)
    assert solution.timetable[locked.id].slot == locked.locked_slot


def test_subgroups_and_merged_streams_clash_only_when_they_share_students() -> None:
    problem = school()
    by_sets = {}
    for lesson in problem.lessons.values():
        by_sets.setdefault((lesson.subject, lesson.sets), lesson.id)
    eng1, eng2 = by_sets["English", ("9А Eng1",)], by_sets["English", ("9А Eng2",)]
    boys, girls = by_sets["PE", ("9А Boys",)], by_sets["PE", ("9А Girls",)]
    history, math_b = by_sets["History", ("9А", "9Б")], by_sets["Math", ("9Б",)]
    timetable = {
        eng1: Placement(0),
        eng2: Placement(0),  # two English groups at once: fine
        boys: Placement(1),
        girls: Placement(1),  # boys and girls at once: fine
    }
    report = check(problem, timetable | {history: Placement(2), math_b: Placement(2)})
    assert [v.sets for v in report.of("set_clash")] == [("9Б",)]

    report = check(problem, {eng1: Placement(3), boys: Placement(3), girls: Placement(4)})
    (clash,) = report.of("set_clash")
    assert set(clash.lessons) == {eng1, boys}
    assert clash.sets == ("9А Eng1 · 9А Boys",)


def test_a_two_week_cycle_has_a_and_b_days_and_lessons_in_their_week() -> None:
    problem = school(
        week=[[5, 2, 0]],
        lessons=[
            ["Math", "Ivanova", "9А", 2],
            ["Physics", "Nurlanov", "9А", 1, None, None, "lab", None, "B"],
            ["Kazakh", "Petrov", "9Б", 1, None, None, None, None, "A", "Tue", 2],
        ],
        unavailable=[["Ivanova", 1, "1", "A"]],
    )

    assert problem.week.days[0] == "Monday A" and problem.week.days[9] == "Friday B"
    math = [ls for ls in problem.lessons.values() if ls.subject == "Math"]
    assert len(math) == 4  # two a week, in each week of the cycle
    assert {problem.week.day_of(s) for s in math[0].allowed_slots or ()} == set(range(5))
    (physics,) = [ls for ls in problem.lessons.values() if ls.subject == "Physics"]
    assert {problem.week.day_of(s) for s in physics.allowed_slots or ()} == set(range(5, 10))
    (kazakh,) = [ls for ls in problem.lessons.values() if ls.subject == "Kazakh"]
    assert kazakh.locked_slot == problem.week.slot(1, 1)
    assert problem.teachers["Ivanova"].unavailable == {0}
    assert problem.teachers["Ivanova"].max_days == 8  # 4 a week: over the A and B weeks
    solution = solve(problem, seconds=3, workers=2)
    assert check(problem, solution.timetable).hard == 0


def test_classes_without_windows_get_days_that_begin_at_the_first_lesson_without_gaps() -> None:
    classes = [row + [None] * (5 - len(row)) for row in SCHOOL["classes"]]
    classes[0] += [4, 0, 0]  # 9А: 4 lessons a day at most, no free periods, no late start
    classes[1] += [None, 0, 0]  # 9Б
    teachers = [["Ivanova", "Main", 5, 2, 4, 1, 2], *SCHOOL["teachers"][1:]]
    problem = school(classes=classes, teachers=teachers)

    assert (problem.sets["9А"].max_gaps_per_week, problem.sets["9А"].max_late_starts) == (0, 0)
    assert problem.sets["9А Eng1"].max_gaps_per_week is None  # 9А's rule holds for it
    assert problem.teachers["Ivanova"].max_gaps_per_day == 1
    assert problem.teachers["Ivanova"].min_per_day == 2
    assert problem.sets["9А"].max_per_day == 4
    solution = solve(problem, seconds=10, workers=2)
    assert check(problem, solution.timetable).hard == 0
    periods = len(problem.week.periods)
    for leaf in problem.leaves("9А") | problem.leaves("9Б"):
        days: dict[int, set[int]] = {}
        for lesson in problem.lessons.values():
            if leaf in problem.lesson_leaves(lesson):
                start = solution.timetable[lesson.id].slot
                days.setdefault(start // periods, set()).update(
                    range(start, start + lesson.duration)
                )
        for day, taken in days.items():
            assert taken == set(range(day * periods, day * periods + len(taken))), leaf
            assert len(taken) <= 4 or leaf in problem.leaves("9Б")


def test_the_limits_of_a_two_week_cycle_cover_both_weeks() -> None:
    problem = school(
        week=[[5, 2, 0]],
        classes=[["9А", 9, 25, None, None, 5, 1, 2], ["9Б", 9, 24]],
        lessons=[["Math", "Ivanova", "9А", 2]],
        unavailable=[],
    )

    assert (problem.sets["9А"].max_gaps_per_week, problem.sets["9А"].max_late_starts) == (2, 4)


def test_a_kazakh_file_names_its_days_in_kazakh_and_keeps_kazakh_names() -> None:
    sheets = SCHOOL | {
        "classes": [["9Ә", 9, 20]],
        "subjects": [["Қазақ тілі"]],
        "teachers": [["Әлімова Ғ."]],
        "lessons": [["қазақ тілі", "Әлімова Ғ.", "9ә", 3, None, None, None, None, None, "Сс", 2]],
        "unavailable": [["Әлімова Ғ.", "Жұма"]],
    }
    with pytest.raises(ImportRejected) as caught:
        read_school(filled(sheets, language="kk"), name="Мектеп")
    assert "Сабақтар" in caught.value.problems[0].translated("kk")

    sheets["lessons"][0][3] = 1
    problem = read_school(filled(sheets, language="kk"), name="Мектеп").problem
    assert problem.week.days[0] == "Дүйсенбі"
    (lesson,) = problem.lessons.values()
    assert (lesson.subject, lesson.sets, lesson.teachers) == (
        "Қазақ тілі",
        ("9Ә",),
        ("Әлімова Ғ.",),
    )
    assert lesson.locked_slot == problem.week.slot(1, 1)
    assert len(problem.teachers["Әлімова Ғ."].unavailable) == len(BELLS)


def test_every_bad_row_is_named_with_its_sheet_and_row() -> None:
    problems = rejected(
        rooms=[["101", "Main", None, 60], ["Lab", "North", "lab"]],
        teachers=[["Ivanova", None, 99], ["Petrov", None, None, None, 7], ["ivanova"]],
        classes=[["9А", 9, 25, None, None, None, -1], ["9Б", 9, 24, None, None, 9, None, 6]],
        lessons=[
            ["Math", "Ivanova, Sidorov", "9А", 4],
            ["Math", "Petrov", "9В", 2],
            ["Music", "Petrov", "9А", 1, None, None, None, "303"],
            ["Math", "Petrov", "9А", 1, None, None, None, None, None, "Saturday", 1],
            ["Math", "Petrov", "9А", 1, None, None, None, None, None, "Monday", 9],
            ["Math", "Petrov", "9А", "two"],
        ],
        unavailable=[["Nobody", "Monday"]],
    )

    assert problems == [
        ("Rooms", 3, "Rooms: there is no building “North” on the buildings sheet."),
        (
            "Teachers",
            2,
            "Teachers: “Most lessons a day” must be a whole number from 1 to 5, not “99”.",
        ),
        (
            "Teachers",
            3,
            "Teachers: “Most days a week” must be a whole number from 1 to 5, not “7”.",
        ),
        ("Teachers", 4, "Teachers: “ivanova” is listed twice."),
        (
            "Classes",
            2,
            "Classes: “Most free periods a week” must be a whole number from 0 to 25, not “-1”.",
        ),
        (
            "Classes",
            3,
            "Classes: “Most lessons a day” must be a whole number from 1 to 5, not “9”.",
        ),
        (
            "Classes",
            3,
            "Classes: “Days starting one lesson late” must be a whole number from 0 to 5, "
            "not “6”.",
        ),
        ("Lessons", 2, "Lessons: there is no teacher “Sidorov” on the teachers sheet."),
        ("Lessons", 3, "Lessons: there is no class or subgroup “9В” on the classes sheet."),
        ("Lessons", 4, "Lessons: there is no subject “Music” on the subjects sheet."),
        ("Lessons", 4, "Lessons: there is no room “303” on the rooms sheet."),
        ("Lessons", 5, "Lessons: the week has no day “Saturday”."),
        ("Lessons", 6, "Lessons: the day has no lesson “9”: its lessons are 1 to 5."),
        (
            "Lessons",
            7,
            "Lessons: “Lessons a week” must be a whole number from 1 to 25, not “two”.",
        ),
        ("Unavailable", 2, "Unavailable: there is no teacher or class “Nobody”."),
    ]


def test_classes_and_lessons_that_cannot_be_are_named() -> None:
    problems = rejected(
        classes=[
            ["9А", 9, 25],
            ["9А Eng1", None, 12, "9А", "English"],
            ["Eng1 half", None, 6, "9А Eng1"],
            ["9Б", None, 20, "9Z"],
            ["10", None, 20],
            ["10Б", 10, 20],
            [None, 9, 20],
        ],
        lessons=[
            ["Math", "Ivanova", "9А", 2, None, None, None, None, "A"],
            ["Math", "Ivanova", "9А", 2, None, None, None, None, None, "Monday", 1],
            ["Math", "Ivanova", "9А", 1, 2, None, None, None, None, "Monday", "12:10"],
            [None, "Ivanova", "9А", 1],
        ],
        unavailable=[],
    )

    assert problems == [
        ("Classes", 4, "Classes: a subgroup cannot have subgroups: “9А Eng1” is one."),
        ("Classes", 5, "Classes: there is no class “9Z” on this sheet."),
        ("Classes", 7, "Classes: “10” is both a class and a year."),
        ("Classes", 8, "Classes: fill in “Class”."),
        (
            "Lessons",
            2,
            "Lessons: the cycle has one week: leave the week empty, or set two weeks on the "
            "week sheet.",
        ),
        ("Lessons", 3, "Lessons: a fixed lesson is one lesson a week at one lesson number."),
        ("Lessons", 4, "Lessons: the lesson runs past the end of the day."),
        ("Lessons", 5, "Lessons: fill in “Subject”."),
    ]


def test_a_bad_week_or_bell_times_are_named_before_anything_else() -> None:
    problems = rejected(week=[[7, 3]], bells=[["08:30", 45], ["09:00", 45], ["half past"]])

    assert [(sheet, row) for sheet, row, _ in problems] == [
        ("Week", 2),
        ("Week", 2),
        ("Bell times", 3),
        ("Bell times", 4),
        ("Bell times", 4),
    ]
    assert "from 5 to 6, not “7”" in problems[0][2]
    assert "starts before the one above ends" in problems[2][2]
    assert "“half past” is not a time of day" in problems[3][2]


def test_unknown_and_missing_columns_are_named() -> None:
    data = filled(SCHOOL)
    workbook = load_workbook(BytesIO(data))
    workbook["Lessons"]["B1"] = "Teacher name"
    workbook["Subjects"]["A1"] = None
    buffer = BytesIO()
    workbook.save(buffer)

    with pytest.raises(ImportRejected) as caught:
        read_timetable_workbook(buffer.getvalue(), name="x")

    found = [(p.sheet, p.row, p.translated("en")) for p in caught.value.problems]
    assert (
        "Subjects",
        1,
        "Subjects: the required column “Пән / Предмет / Subject” is missing.",
    ) in found
    assert any(sheet == "Lessons" and "“Teacher name”" in text for sheet, _, text in found)
    assert caught.value.translated("en") == "Nothing was imported: 2 rows need fixing."


def test_a_workbook_without_the_sheets_says_which_are_missing() -> None:
    data = filled(SCHOOL, drop=("lessons", "teachers"))

    with pytest.raises(InvalidInput) as caught:
        read_timetable_workbook(data, name="x")

    message = caught.value.translated("ru")
    assert message.startswith("В книге нет листов:")
    assert "“Мұғалімдер / Преподаватели / Teachers”" in message
    assert "Уроки" in message


def test_another_workbook_is_told_it_lacks_the_sheets() -> None:
    other = Workbook()
    other.active.append(["Name", "Grade"])
    buffer = BytesIO()
    other.save(buffer)

    with pytest.raises(InvalidInput) as caught:
        read_timetable_workbook(buffer.getvalue(), name="x")

    assert "Week" in caught.value.translated("en") and "Lessons" in caught.value.translated("en")


def test_a_file_that_is_not_a_workbook_or_too_large_is_refused_before_reading() -> None:
    with pytest.raises(InvalidInput) as not_xlsx:
        read_timetable_workbook(b"Subject;Teacher\nMath;Ivanova\n", name="x")
    with pytest.raises(InvalidInput) as too_large:
        read_timetable_workbook(b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024), name="x")

    assert "not an Excel workbook (.xlsx)" in not_xlsx.value.translated("en")
    assert "larger than 2 MB" in too_large.value.translated("en")


@pytest.mark.parametrize(
    ("changes", "culprit"),
    [
        (
            {"lessons": [["Math", "Ivanova", "9А", 1, None, None, "pool"]]},
            "No room is of kind pool",
        ),
        (
            {"lessons": [["Math", "Ivanova", "9А", 20], ["Kazakh", "Petrov", "9А", 6]]},
            "9А Eng2 · 9А Girls has 26 periods of lessons but only 25 free",
        ),
        (
            {
                "lessons": [["Math", "Ivanova", "9А", 2]],
                "unavailable": [["Ivanova", day] for day in range(1, 6)],
            },
            "Teacher Ivanova is available at no period of the week",
        ),
    ],
)
def test_bad_input_is_named_before_solving(changes: dict[str, Rows], culprit: str) -> None:
    problem = school(**changes)

    solution = solve(problem, seconds=2)

    assert solution.status == "infeasible"
    assert any(culprit in c.translated("en") for c in solution.culprits), solution.culprits


def test_the_export_puts_each_lesson_where_it_is_placed() -> None:
    problem = school()
    solution = solve(problem, seconds=3, workers=2)
    math = next(ls for ls in problem.lessons.values() if ls.subject == "Math")
    slot, room = solution.timetable[math.id].slot, solution.timetable[math.id].room

    workbook = load_workbook(BytesIO(export_timetable_workbook(problem, solution.timetable, "ru")))

    assert workbook.sheetnames == ["Классы", "Преподаватели", "Кабинеты"]
    rows = list(workbook["Классы"].iter_rows())
    top = next(i for i, row in enumerate(rows) if row[0].value == "9А")
    assert rows[top + 1][1].value == "Monday"
    cell = rows[top + 2 + problem.week.period_of(slot)][1 + problem.week.day_of(slot)]
    assert f"Math · Ivanova · {room}" in str(cell.value)
    assert cell.data_type == "s"
    assert rows[top + 2][0].value == "08:30"
    teachers = [row[0].value for row in workbook["Преподаватели"].iter_rows()]
    assert "Ivanova" in teachers and "Omarova" in teachers
    rooms = [row[0].value for row in workbook["Кабинеты"].iter_rows()]
    assert "Lab" in rooms
    classes = workbook["Классы"]
    assert classes.page_setup.orientation == "landscape"
    assert [b.id for b in classes.row_breaks.brk][:2] == [8, 16]  # a page per class
