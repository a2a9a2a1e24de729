"""The timetable checker (issue 11): every broken rule is listed, named, in the user's language."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.timetabling.checker import Report, check, describe, lesson_name
from core.timetabling.problem import (
    Building,
    Consecutive,
    Lesson,
    MinDaysApart,
    NotOverlapping,
    Placement,
    Problem,
    Room,
    SameDay,
    SameStart,
    StudentSet,
    Subject,
    Teacher,
    Week,
    Weights,
)
from core.timetabling.solver import solve

WEEK = Week(
    days=("Понедельник", "Вторник", "Среда", "Четверг", "Пятница"),
    periods=("1", "2", "3", "4", "5", "6"),
)
MON, TUE, WED, FRI = 0, 1, 2, 4


def at(day: int, period: int) -> int:
    """A slot from a day and a 1-based period, as a school says it."""
    return WEEK.slot(day, period - 1)


def school(*lessons: Lesson, **changes: object) -> Problem:
    """9А (with two English subgroups) and 9Б in year 9, three teachers, three rooms in two
    buildings."""
    problem = Problem(
        name="School 7",
        week=WEEK,
        teachers={
            "ivanova": Teacher("ivanova", "Иванова А."),
            "petrov": Teacher("petrov", "Петров Б."),
            "smirnova": Teacher("smirnova", "Смирнова В."),
        },
        sets={
            "9": StudentSet("9", "9", size=50),
            "9a": StudentSet("9a", "9А", parent="9", size=25),
            "9b": StudentSet("9b", "9Б", parent="9", size=25),
            "9a-en1": StudentSet("9a-en1", "9А English 1", parent="9a", size=12),
            "9a-en2": StudentSet("9a-en2", "9А English 2", parent="9a", size=13),
        },
        subjects={"math": Subject("math", "Алгебра"), "eng": Subject("eng", "English")},
        rooms={
            "101": Room("101", "101", capacity=30, building="main"),
            "102": Room("102", "102", capacity=30, building="main"),
            "lab": Room("lab", "Lab", capacity=30, kind="lab", building="annex"),
        },
        buildings={"main": Building("main", "Main"), "annex": Building("annex", "Annex")},
        lessons={lesson.id: lesson for lesson in lessons or LESSONS},
    )
    return replace(problem, **changes)  # type: ignore[arg-type]


LESSONS = (
    Lesson(1, "math", ("ivanova",), ("9a",), needs_room=True),
    Lesson(2, "math", ("ivanova",), ("9b",), needs_room=True),
    Lesson(3, "eng", ("petrov",), ("9a-en1",), needs_room=True),
    Lesson(4, "eng", ("smirnova",), ("9a-en2",), needs_room=True),
)
VALID = {
    1: Placement(at(MON, 1), "101"),
    2: Placement(at(MON, 2), "101"),
    3: Placement(at(TUE, 1), "101"),
    4: Placement(at(TUE, 1), "102"),
}


def moved(**placements: Placement) -> dict[int, Placement]:
    """The valid timetable with some lessons moved: ``moved(l2=Placement(…))``."""
    return VALID | {int(key[1:]): placement for key, placement in placements.items()}


def only(report: Report, rule: str, problem: Problem | None = None) -> str:
    """The one violation of ``rule`` in Russian, checking there is exactly one."""
    found = report.of(rule)
    assert len(found) == 1, found
    return describe(found[0], problem or PROBLEM, "ru")


PROBLEM = school()


def test_a_valid_timetable_has_no_hard_violation():
    report = check(PROBLEM, VALID)

    assert report.hard == 0
    assert report.hard_violations == ()
    assert report.unplaced == 0
    # the English subgroups at the same time do not clash: they are different students
    assert report.of("set_clash") == ()


def test_lessons_are_named_by_subject_sets_and_teachers():
    assert lesson_name(PROBLEM, 1) == "Алгебра — 9А (Иванова А.)"


def test_a_teacher_with_two_lessons_at_once_is_named_with_both_lessons():
    report = check(PROBLEM, moved(l2=Placement(at(MON, 1), "102")))

    assert report.hard == 1
    (clash,) = report.of("teacher_clash")
    assert (clash.lessons, clash.teachers, clash.slot) == ((1, 2), ("ivanova",), at(MON, 1))
    assert describe(clash, PROBLEM, "ru") == (
        "Иванова А.: два урока одновременно, Понедельник 1: "
        "Алгебра — 9А (Иванова А.) и Алгебра — 9Б (Иванова А.)"
    )
    assert describe(clash, PROBLEM, "en") == (
        "Иванова А.: two lessons at the same time, Понедельник 1: "
        "Алгебра — 9А (Иванова А.) and Алгебра — 9Б (Иванова А.)"
    )


def test_a_class_lesson_clashes_with_its_subgroup_but_not_with_the_other_class():
    problem = school(*LESSONS, Lesson(5, "math", ("petrov",), ("9a",)))
    report = check(problem, VALID | {5: Placement(at(TUE, 1))})

    clashes = report.of("set_clash")
    assert [(clash.lessons, clash.sets) for clash in clashes] == [
        ((3, 5), ("9a-en1",)),
        ((4, 5), ("9a-en2",)),
    ]
    assert report.of("teacher_clash")[0].lessons == (3, 5)  # Petrov too
    assert report.hard == 3


def test_a_year_lesson_over_a_class_lesson_names_the_class_not_its_subgroups():
    lessons = (
        *LESSONS,
        Lesson(5, "math", ("petrov",), ("9",)),
        Lesson(6, "eng", ("smirnova",), ("9a",)),
    )
    problem = school(*lessons)
    report = check(problem, VALID | {5: Placement(at(FRI, 1)), 6: Placement(at(FRI, 1))})

    (clash,) = report.of("set_clash")
    assert (clash.lessons, clash.sets) == ((5, 6), ("9a",))
    assert describe(clash, problem, "ru") == (
        "9А: два урока одновременно, Пятница 1: Алгебра — 9 (Петров Б.) и "
        "English — 9А (Смирнова В.)"
    )


def test_three_lessons_in_one_room_are_one_violation_naming_all_three():
    report = check(
        PROBLEM, moved(l2=Placement(at(TUE, 1), "101"), l4=Placement(at(TUE, 1), "101"))
    )

    (clash,) = report.of("room_clash")
    assert (clash.lessons, clash.rooms, clash.cost) == ((2, 3, 4), ("101",), 2)
    assert describe(clash, PROBLEM, "kk") == (
        "101 кабинеті: бір уақытта 3 сабақ, Вторник 1: Алгебра — 9Б (Иванова А.); "
        "English — 9А English 1 (Петров Б.); English — 9А English 2 (Смирнова В.)"
    )


def test_two_double_lessons_on_top_of_each_other_clash_at_each_slot():
    lessons = (replace(LESSONS[0], duration=2), replace(LESSONS[1], duration=2), *LESSONS[2:])
    problem = school(*lessons)
    report = check(problem, moved(l2=Placement(at(MON, 2), "102")))

    assert [clash.slot for clash in report.of("teacher_clash")] == [at(MON, 2)]
    report = check(problem, moved(l2=Placement(at(MON, 1), "102")))
    assert [clash.slot for clash in report.of("teacher_clash")] == [at(MON, 1), at(MON, 2)]


def test_an_unplaced_lesson_is_a_hard_violation():
    timetable = dict(VALID)
    del timetable[3]
    report = check(PROBLEM, timetable)

    assert (report.unplaced, report.hard) == (1, 1)
    assert only(report, "not_placed") == (
        "English — 9А English 1 (Петров Б.) не поставлен в расписание."
    )


def test_unavailable_teachers_and_sets_including_the_year_above():
    teachers = dict(PROBLEM.teachers)
    teachers["ivanova"] = replace(teachers["ivanova"], unavailable=frozenset({at(MON, 1)}))
    sets = dict(PROBLEM.sets)
    sets["9"] = replace(sets["9"], unavailable=frozenset({at(TUE, 1)}))
    problem = school(teachers=teachers, sets=sets)
    report = check(problem, VALID)

    (teacher,) = report.of("teacher_unavailable")
    assert (teacher.lessons, teacher.teachers) == ((1,), ("ivanova",))
    assert describe(teacher, problem, "ru") == (
        "Иванова А.: в Понедельник 1 вести уроки не может, но стоит урок "
        "Алгебра — 9А (Иванова А.)."
    )
    away = report.of("set_unavailable")
    assert [(found.lessons, found.sets) for found in away] == [((3,), ("9",)), ((4,), ("9",))]
    assert report.hard == 3


def test_time_rules_of_one_lesson():
    lessons = (
        replace(LESSONS[0], allowed_slots=frozenset({at(MON, 1)})),
        replace(LESSONS[1], locked_slot=at(MON, 3)),
        replace(LESSONS[2], duration=2),
        LESSONS[3],
    )
    problem = school(*lessons)
    report = check(
        problem,
        moved(
            l1=Placement(at(WED, 1), "101"),
            l3=Placement(at(TUE, 6), "101"),
            l4=Placement(at(TUE, 6), "102"),
        ),
    )

    assert {violation.rule for violation in report.hard_violations} == {
        "slot_not_allowed",
        "locked_slot",
        "day_end",
    }
    assert report.of("day_end")[0].lessons == (3,)
    assert only(report, "locked_slot", problem) == (
        "Алгебра — 9Б (Иванова А.) закреплён на Понедельник 3, но стоит на Понедельник 2."
    )


def test_room_rules_of_one_lesson():
    lessons = (
        replace(LESSONS[0], room_kind="lab"),
        replace(LESSONS[1], rooms=("102",), locked_room="102"),
        replace(LESSONS[2], students=40),
        LESSONS[3],
        Lesson(5, "math", ("petrov",), ("9b",), needs_room=True),
    )
    problem = school(*lessons)
    timetable = VALID | {5: Placement(at(WED, 1))}
    report = check(problem, timetable)

    assert [(violation.rule, violation.lessons) for violation in report.hard_violations] == [
        ("room_kind", (1,)),
        ("locked_room", (2,)),
        ("room_not_allowed", (2,)),
        ("room_capacity", (3,)),
        ("no_room", (5,)),
    ]
    assert only(report, "room_capacity", problem) == (
        "English — 9А English 1 (Петров Б.): учеников 40, а кабинет 101 вмещает только 30."
    )
    assert describe(report.of("room_kind")[0], problem, "kk") == (
        "Алгебра — 9А (Иванова А.) сабағына lab түріндегі кабинет керек, ал 101 кабинеті "
        "ондай емес."
    )


def test_constraints_between_lessons():
    problem = school(
        min_days=(MinDaysApart((1, 3), days=2, hard=True),),
        same_start=(SameStart((3, 4)),),
        same_day=(SameDay((1, 3)),),
        not_overlapping=(NotOverlapping((1, 2)),),
        consecutive=(Consecutive(2, 4),),
    )
    report = check(
        problem,
        moved(l2=Placement(at(MON, 1), "102"), l4=Placement(at(TUE, 2), "102")),
    )

    rules = {violation.rule: violation.lessons for violation in report.hard_violations}
    assert rules == {
        "teacher_clash": (1, 2),
        "min_days": (1, 3),
        "same_start": (3, 4),
        "same_day": (1, 3),
        "not_overlapping": (1, 2),
        "consecutive": (2, 4),
    }
    assert only(report, "min_days", problem) == (
        "Алгебра — 9А (Иванова А.) и English — 9А English 1 (Петров Б.) должны быть "
        "не ближе 2 дн. друг от друга, а стоят через 1."
    )


def test_teacher_max_per_day_and_travel_between_buildings():
    teachers = dict(PROBLEM.teachers)
    teachers["ivanova"] = replace(teachers["ivanova"], max_per_day=1)
    problem = school(teachers=teachers, travel_periods=1)
    report = check(problem, moved(l2=Placement(at(MON, 2), "lab")))

    (most,) = report.of("teacher_max_per_day")
    assert (most.teachers, most.day, most.count, most.limit) == (("ivanova",), MON, 2, 1)
    assert only(report, "travel", problem) == (
        "Иванова А. переходит с урока Алгебра — 9А (Иванова А.) в здании Main на урок "
        "Алгебра — 9Б (Иванова А.) в здании Annex (Понедельник), свободных уроков между "
        "ними: 0, а нужно 1."
    )
    assert report.hard == 2


def test_a_crossed_subgroup_is_away_when_either_of_its_subgroups_is():
    # "9А English 1 · Boys" is part of English 1 (parent) and of the boys (also_in)
    boys = StudentSet("9a-boys", "9А Boys", parent="9a", unavailable=frozenset({at(WED, 1)}))
    crossed = StudentSet(
        "9a-en1-boys", "9А English 1 · Boys", parent="9a-en1", also_in=("9a-boys",)
    )
    problem = school(sets={**PROBLEM.sets, boys.id: boys, crossed.id: crossed})
    report = check(problem, moved(l3=Placement(at(WED, 1), "101")))  # English 1 on Wednesday

    (away,) = report.of("set_unavailable")
    assert away.lessons == (3,) and "9a-boys" in away.sets


def test_solving_keeps_a_crossed_subgroup_off_the_times_its_other_subgroup_is_away():
    boys = StudentSet("9a-boys", "9А Boys", parent="9a", unavailable=frozenset(range(24)))
    crossed = StudentSet(
        "9a-en1-boys", "9А English 1 · Boys", parent="9a-en1", also_in=("9a-boys",)
    )
    problem = school(sets={**PROBLEM.sets, boys.id: boys, crossed.id: crossed})

    solution = solve(problem, seconds=5, seed=1)

    assert check(problem, solution.timetable).hard == 0
    assert problem.week.day_of(solution.timetable[3].slot) == FRI  # the boys' only free day


def test_a_teacher_teaching_on_more_days_than_allowed_is_named_with_the_days():
    teachers = dict(PROBLEM.teachers)
    teachers["ivanova"] = replace(teachers["ivanova"], max_days=1)
    problem = school(teachers=teachers)

    assert check(problem, VALID).hard == 0  # both her lessons are on Monday
    report = check(problem, moved(l2=Placement(at(WED, 3), "101")))

    assert only(report, "teacher_max_days", problem) == (
        "Иванова А.: дней с уроками — 2, больше допустимых 1."
    )
    assert report.of("teacher_max_days")[0].lessons == (1, 2)
    assert report.hard == 1


def test_a_teacher_who_comes_for_fewer_periods_than_their_least_is_named_with_the_day():
    teachers = dict(PROBLEM.teachers)
    teachers["petrov"] = replace(teachers["petrov"], min_per_day=2)
    problem = school(teachers=teachers)

    report = check(problem, VALID)  # Petrov: one lesson on Tuesday, none on other days

    assert only(report, "teacher_min_per_day", problem) == (
        "Петров Б., Вторник: уроков — 1, а в день, когда учитель приходит, нужно не меньше 2."
    )
    assert report.hard == 1


def test_a_class_with_more_periods_a_day_than_allowed_is_named_for_each_subgroup():
    sets = dict(PROBLEM.sets)
    sets["9a"] = replace(sets["9a"], max_per_day=1)
    problem = school(sets=sets)

    assert check(problem, VALID).hard == 0  # 9А: Monday 1; its subgroups: Tuesday 1
    report = check(problem, moved(l3=Placement(at(MON, 2), "102")))

    found = report.of("class_max_per_day")
    assert [violation.sets for violation in found] == [("9a-en1",)]
    assert describe(found[0], problem, "ru") == (
        "9А English 1, Понедельник: уроков — 2, больше допустимых 1."
    )


def test_breaks_and_periods_away_are_not_gaps():
    timetable = moved(l2=Placement(at(MON, 4), "101"))  # Ivanova: Monday 1 and 4
    teachers = dict(PROBLEM.teachers)
    teachers["ivanova"] = replace(teachers["ivanova"], unavailable=frozenset({at(MON, 3)}))

    assert check(PROBLEM, timetable).soft["teacher_gaps"] == 2 * 3
    assert check(school(teachers=teachers), timetable).soft["teacher_gaps"] == 1 * 3
    with_break = school(teachers=teachers, breaks=frozenset({at(MON, 2)}))
    assert check(with_break, timetable).soft["teacher_gaps"] == 0


def test_a_teacher_over_the_gaps_allowed_in_a_day_is_named_with_the_day():
    teachers = dict(PROBLEM.teachers)
    teachers["ivanova"] = replace(teachers["ivanova"], max_gaps_per_day=1)
    problem = school(teachers=teachers)

    assert check(problem, moved(l2=Placement(at(MON, 3), "101"))).hard == 0  # one gap
    report = check(problem, moved(l2=Placement(at(MON, 4), "101")))

    assert only(report, "teacher_max_gaps", problem) == (
        "Иванова А., Понедельник: окон между уроками — 2, больше допустимых 1."
    )
    assert report.hard == 1


def test_a_class_over_the_gaps_allowed_in_a_week_is_named_for_each_subgroup():
    sets = dict(PROBLEM.sets)
    sets["9"] = replace(sets["9"], max_gaps_per_week=0)  # the year's rule holds for 9А's
    lessons = (*LESSONS, Lesson(5, "math", ("petrov",), ("9a",), needs_room=True))
    problem = school(*lessons, sets=sets)

    assert check(problem, VALID | {5: Placement(at(MON, 2), "102")}).hard == 0
    report = check(problem, VALID | {5: Placement(at(MON, 3), "102")})  # 9А: Monday 1 and 3

    found = report.of("class_max_gaps")
    assert [violation.sets for violation in found] == [("9a-en1",), ("9a-en2",)]
    assert describe(found[0], problem, "ru") == (
        "9А English 1: окон между уроками за неделю — 1, больше допустимых 0."
    )
    assert report.hard == 2


def test_a_class_starting_late_is_named_once_a_period_late_and_each_day_later():
    sets = dict(PROBLEM.sets)
    sets["9b"] = replace(sets["9b"], max_late_starts=0)
    problem = school(sets=sets)

    report = check(problem, VALID)  # 9Б's only lesson: Monday 2
    assert only(report, "class_late_starts", problem) == (
        "9Б: дней, начинающихся на урок позже, — 1, больше допустимых 0."
    )
    report = check(problem, moved(l2=Placement(at(MON, 3), "101")))
    assert only(report, "class_late_start", problem) == (
        "9Б: Понедельник уроки начинаются с 3, позже чем на один урок."
    )
    assert report.hard == 2  # and a late day more than the none allowed

    sets["9b"] = replace(sets["9b"], max_late_starts=1, unavailable=frozenset({at(MON, 1)}))
    assert check(school(sets=sets), moved(l2=Placement(at(MON, 3), "101"))).hard == 0


def test_five_conflicts_at_once_are_all_listed():
    teachers = dict(PROBLEM.teachers)
    teachers["smirnova"] = replace(teachers["smirnova"], unavailable=frozenset({at(FRI, 1)}))
    lessons = (*LESSONS[:3], replace(LESSONS[3], room_kind="lab"))
    problem = school(*lessons, teachers=teachers)
    timetable = moved(
        l2=Placement(at(MON, 1), "102"),  # Ivanova twice on Monday 1
        l3=Placement(at(MON, 1), "101"),  # 9А English 1 in 9А's algebra, in its room
        l4=Placement(at(FRI, 1), "101"),  # Smirnova is away, and 101 is not a lab
    )
    report = check(problem, timetable)

    assert sorted(violation.rule for violation in report.hard_violations) == [
        "room_clash",
        "room_kind",
        "set_clash",
        "teacher_clash",
        "teacher_unavailable",
    ]
    assert report.hard == 5
    sentences = [describe(violation, problem, "ru") for violation in report.hard_violations]
    assert all("Иванова" in sentence or "Смирнова" in sentence for sentence in sentences)


def test_teacher_gaps_count_free_periods_between_the_first_and_last_lesson():
    report = check(PROBLEM, moved(l2=Placement(at(MON, 4), "101")))

    (gaps,) = report.of("teacher_gaps")
    assert (gaps.teachers, gaps.count, gaps.cost) == (("ivanova",), 2, 2 * 3)
    assert report.soft["teacher_gaps"] == 6
    assert describe(gaps, PROBLEM, "ru") == "Иванова А.: окон между уроками за неделю: 2."

    teachers = dict(PROBLEM.teachers)
    teachers["ivanova"] = replace(teachers["ivanova"], max_gaps_per_week=1)
    report = check(school(teachers=teachers), moved(l2=Placement(at(MON, 4), "101")))
    assert report.soft["teacher_gaps"] == 3  # one gap over the allowed one


def test_class_gaps_subject_spread_and_preferred_rooms():
    lessons = (*LESSONS, Lesson(5, "math", ("ivanova",), ("9a",), preferred_rooms=("102",)))
    problem = school(*lessons, weights=Weights(day_balance=0))
    report = check(problem, VALID | {5: Placement(at(MON, 4), "101")})

    assert report.hard == 0
    assert report.soft == {
        "teacher_gaps": 1 * 3,  # Ivanova: Monday 1, 2, 4
        "class_gaps": 2 * 5 * 2,  # 9А English 1 and 2: Monday 1 and 4
        "day_balance": 0,
        "subject_spread": 2,  # algebra twice on Monday for 9А
        "preferred_rooms": 1,
        "building_changes": 0,
        "min_days": 0,
    }
    assert report.soft_total == 3 + 20 + 2 + 1
    assert only(report, "subject_spread", problem) == (
        "9А: несколько уроков «Алгебра» в один день (Понедельник), всего 2: "
        "Алгебра — 9А (Иванова А.); Алгебра — 9А (Иванова А.)."
    )


def test_day_balance_building_changes_and_soft_min_days():
    problem = school(min_days=(MinDaysApart((1, 2)),))
    timetable = moved(l2=Placement(at(MON, 3), "lab"))
    report = check(problem, timetable)

    assert report.hard == 0
    (changes,) = report.of("building_changes")
    assert (changes.teachers, changes.count, changes.cost) == (("ivanova",), 1, 4)
    assert report.of("min_days")[0].cost == 5
    balance = {violation.sets: violation.cost for violation in report.of("day_balance")}
    # 9Б: one period on Monday, none on the other days; 9А English 1: Monday 1, Tuesday 1
    assert balance[("9b",)] == 1
    assert balance[("9a-en1",)] == 1
    assert only(report, "building_changes", problem) == (
        "Иванова А. меняет здание (Понедельник), раз: 1."
    )


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_every_violation_of_a_bad_timetable_can_be_described(language):
    lessons = (*LESSONS, Lesson(5, "eng", ("petrov",), ("9b",)))
    problem = school(*lessons, min_days=(MinDaysApart((1, 2), hard=True),))
    timetable = moved(l2=Placement(at(MON, 1), None), l3=Placement(at(MON, 6), "lab"))
    timetable[4] = Placement(at(TUE, 3), "nowhere")
    timetable[5] = Placement(len(WEEK.slots))
    report = check(problem, timetable)

    assert {violation.rule for violation in report.hard_violations} == {
        "no_room",
        "room_unknown",
        "teacher_clash",
        "min_days",
        "outside_week",
    }
    for violation in report.violations:
        sentence = describe(violation, problem, language)
        assert sentence
        assert "{" not in sentence


def test_a_soft_rule_weighted_zero_is_off():
    timetable = moved(l2=Placement(at(MON, 4), "101"))
    problem = school(weights=Weights(teacher_gaps=0, class_gaps=0, day_balance=0))

    report = check(problem, timetable)

    assert report.of("teacher_gaps") == ()
    assert report.soft["teacher_gaps"] == 0
    assert report.soft_total == 0


def test_consecutive_lessons_may_straddle_a_break_and_nothing_else() -> None:
    """FET: the second right after the first, "possibly separated by breaks"."""
    pair = (Consecutive(1, 2),)
    lessons = LESSONS[:2]
    with_break = school(*lessons, consecutive=pair, breaks=frozenset({at(MON, 3)}))
    across = {1: Placement(at(MON, 2), "101"), 2: Placement(at(MON, 4), "102")}
    gap = {1: Placement(at(MON, 1), "101"), 2: Placement(at(MON, 3), "102")}

    assert check(with_break, across).of("consecutive") == ()
    assert check(school(*lessons, consecutive=pair), across).of("consecutive")
    assert check(with_break, gap).of("consecutive")
