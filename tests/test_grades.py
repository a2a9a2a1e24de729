"""Grades (issue 5): the four scales, giving and correcting grades, who is told, terms, the
gradebook's averages and a term's final grade, worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.lessons import Grade, Term
from core.services.grades import (
    GradeKind,
    correct_grade,
    create_term,
    final_value,
    format_average,
    give_grade,
    gradebook,
    gradebook_xlsx,
    list_terms,
    parse_grade,
    remove_term,
    update_term,
    weighted_mean,
    weighted_score,
)
from core.services.lesson_settings import (
    GradeScale,
    LessonSettingsData,
    update_lesson_settings,
)
from core.services.lessons import do_create_lesson
from core.tx import transaction
from tests.factories import make_group
from tests.test_homework import GROUP, Classroom, make_classroom, outbox_for

CLASSWORK, HOMEWORK, TEST, EXAM = (
    GradeKind.CLASSWORK,
    GradeKind.HOMEWORK,
    GradeKind.TEST,
    GradeKind.EXAM,
)
DEFAULT_WEIGHTS = ((CLASSWORK, 1), (HOMEWORK, 1), (TEST, 2), (EXAM, 3))


async def use_scale(deps: Deps, room: Classroom, scale: GradeScale, **weights: int) -> None:
    chosen = dict(DEFAULT_WEIGHTS)
    chosen.update({GradeKind(kind): weight for kind, weight in weights.items()})
    await update_lesson_settings(
        deps,
        room.admin,
        data=LessonSettingsData(grade_scale=scale, weights=tuple(chosen.items())),
    )


async def grade(deps: Deps, room: Classroom, student, kind: GradeKind, *, value: str, day: int):
    return await give_grade(
        deps,
        room.teacher,
        group_id=room.group_id,
        student_id=student.person_id,
        kind=kind,
        value=value,
        given_on=date(2026, 9, day),
    )


async def classroom_in_october(deps: Deps, clock) -> Classroom:
    """The classroom (its students enrolled on 1 September), then the clock moved to October:
    grades are given for September days, looking back."""
    room = await make_classroom(deps)
    clock.current = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)
    return room


@pytest.mark.parametrize(
    "case",
    [
        (
            GradeScale.FIVE,
            ["2", "5"],
            [("2", 400), ("5", 1000)],
            ["1", "6", "4.5", "пять"],
            "give 2, 3, 4 or 5",
        ),
        (
            GradeScale.HUNDRED,
            ["0", "87", "100"],
            [("0", 0), ("87", 870), ("100", 1000)],
            ["101", "-1", "87.5", "сто"],
            "give a whole number from 0 to 100",
        ),
        (
            GradeScale.PASS_FAIL,
            # A teacher types the word of their own language.
            ["pass", "FAIL", "Зачёт", "незачет", "есептелді"],
            [("pass", 1000), ("fail", 0), ("pass", 1000), ("fail", 0), ("pass", 1000)],
            ["yes", "5"],
            "give “pass” or “fail”",
        ),
        (
            GradeScale.LETTER,
            ["A", "b+", "C−", "F"],
            [("A", 1000), ("B+", 833), ("C-", 417), ("F", 0)],
            ["E", "A+", "D-", "5"],
            "give one of A, A-, B+, B, B-, C+, C, C-, D+, D, F",
        ),
    ],
    ids=lambda case: case[0].value,
)
async def test_each_scale_takes_its_values_and_names_the_allowed_ones(deps: Deps, clock, case):
    scale, good, stored, bad, allowed = case
    room = await classroom_in_october(deps, clock)
    await use_scale(deps, room, scale)
    accepted = []
    for value in good:
        given = await grade(deps, room, room.aigerim, CLASSWORK, value=value, day=2)
        accepted.append((given.value, given.score))
        assert given.scale is scale
    assert accepted == stored
    before = await Grade.all().count()

    for value in bad:
        with pytest.raises(InvalidInput) as refused:
            await grade(deps, room, room.aigerim, CLASSWORK, value=value, day=2)
        assert allowed in refused.value.translated("en")
        assert refused.value.field == "value"

    assert await Grade.all().count() == before


async def test_a_grade_for_someone_not_in_the_group_or_a_future_day_is_refused(deps: Deps, clock):
    room = await classroom_in_october(deps, clock)

    with pytest.raises(InvalidInput) as outsider:
        await grade(deps, room, room.outsider, CLASSWORK, value="5", day=2)
    assert outsider.value.translated("en") == "This student was not in the group on 02.09.2026."
    with pytest.raises(InvalidInput) as future:
        await give_grade(
            deps,
            room.teacher,
            group_id=room.group_id,
            student_id=room.aigerim.person_id,
            kind=CLASSWORK,
            value="5",
            given_on=date(2026, 10, 2),
        )
    assert future.value.translated("en") == "A grade cannot be given for a day in the future."
    with pytest.raises(PermissionDenied):
        await give_grade(
            deps,
            room.other_teacher,
            group_id=room.group_id,
            student_id=room.aigerim.person_id,
            kind=CLASSWORK,
            value="5",
        )
    assert await Grade.all().count() == 0


async def test_the_student_and_parent_are_told_and_a_correction_is_audited(deps: Deps, clock):
    room = await classroom_in_october(deps, clock)

    given = await give_grade(
        deps,
        room.teacher,
        group_id=room.group_id,
        student_id=room.aigerim.person_id,
        kind=TEST,
        value="4",
        lesson_id=room.lesson_id,
    )

    assert given.given_on == date(2026, 9, 2)  # the lesson's day
    assert await outbox_for(room.aigerim) == [f"New grade in {GROUP}: 4 (02.09)."]
    assert await outbox_for(room.parent) == [
        f"Омарова Айгерім has a new grade in {GROUP}: 4 (02.09)."
    ]
    assert await outbox_for(room.nurlan) == []

    corrected = await correct_grade(
        deps, room.teacher, grade_id=given.id, value="5", comment="Қайта тексерілді"
    )

    assert (corrected.value, corrected.score, corrected.comment) == ("5", 1000, "Қайта тексерілді")
    record = await AuditRecord.filter(action="grade.correct").get()
    assert record.before is not None and record.after is not None
    assert (record.before["value"], record.after["value"]) == ("4", "5")
    assert len(await outbox_for(room.aigerim)) == 1
    with pytest.raises(InvalidInput):
        await correct_grade(deps, room.teacher, grade_id=given.id, value="A", comment="")
    with pytest.raises(PermissionDenied):
        await correct_grade(deps, room.other_teacher, grade_id=given.id, value="2", comment="")
    assert (await Grade.get(id=given.id)).value == "5"


def test_the_weighted_average_and_final_grade_by_hand():
    # Five: classwork 5 and 4 (mean 900), homework 3 (600), test 5 (1000), no exam:
    # (900×1 + 600×1 + 1000×2) ÷ (1 + 1 + 2) = 3500 ÷ 4 = 875 → 4.38, final 4.
    five = [(CLASSWORK, 1000), (CLASSWORK, 800), (HOMEWORK, 600), (TEST, 1000)]
    assert weighted_score(five, DEFAULT_WEIGHTS) == 875
    assert format_average(GradeScale.FIVE, 875) == "4.38"
    assert final_value(GradeScale.FIVE, 875) == "4"
    # Classwork 5 and test 4 (weight 2): (1000 + 1600) ÷ 3 = 866.67 — the mark 4.333… is shown
    # 4.33, not 4.34 as the rounded score 867 would give.
    mean = weighted_mean([(CLASSWORK, 1000), (TEST, 800)], DEFAULT_WEIGHTS)
    assert mean == Fraction(2600, 3)
    assert format_average(GradeScale.FIVE, mean) == "4.33"
    # The exam weighs 3: classwork 2 (400) and exam 5 (1000) → (400 + 3000) ÷ 4 = 850 → 4.25.
    assert weighted_score([(CLASSWORK, 400), (EXAM, 1000)], DEFAULT_WEIGHTS) == 850
    # 4.5 rounds up to 5; 4.49 does not.
    assert final_value(GradeScale.FIVE, 900) == "5"
    assert final_value(GradeScale.FIVE, 899) == "4"
    assert final_value(GradeScale.FIVE, 499) == "2"
    # A kind weighted zero drops out: only the test counts.
    assert weighted_score([(HOMEWORK, 400), (TEST, 800)], ((HOMEWORK, 0), (TEST, 2))) == 800
    assert weighted_score([(HOMEWORK, 400)], ((HOMEWORK, 0), (TEST, 2))) is None
    # Hundred: classwork 90 and 81 (855), exam 70 (700): (855 + 3×700) ÷ 4 = 738.75 → 739,
    # shown 73.9, final 74.
    hundred = [(CLASSWORK, 900), (CLASSWORK, 810), (EXAM, 700)]
    assert weighted_score(hundred, DEFAULT_WEIGHTS) == 739
    assert (format_average(GradeScale.HUNDRED, 739), final_value(GradeScale.HUNDRED, 739)) == (
        "73.9",
        "74",
    )
    # Letters: A (1000) classwork and B (750) test: (1000 + 2×750) ÷ 3 = 833.3 → 833 = B+,
    # GPA 3.33; exactly between A- (917) and B+ (833) the higher letter wins.
    assert weighted_score([(CLASSWORK, 1000), (TEST, 750)], DEFAULT_WEIGHTS) == 833
    assert final_value(GradeScale.LETTER, 833) == "B+"
    assert format_average(GradeScale.LETTER, 833) == "3.33"
    assert final_value(GradeScale.LETTER, 875) == "A-"
    # Pass/fail: classwork pass, pass, fail (667), test fail (0): 666.7 ÷ 3 = 222 → fail.
    passes = [(CLASSWORK, 1000), (CLASSWORK, 1000), (CLASSWORK, 0), (TEST, 0)]
    assert weighted_score(passes, DEFAULT_WEIGHTS) == 222
    assert (format_average(GradeScale.PASS_FAIL, 222), final_value(GradeScale.PASS_FAIL, 222)) == (
        "22%",
        "fail",
    )
    assert final_value(GradeScale.PASS_FAIL, 500) == "pass"


async def test_the_gradebook_shows_days_averages_and_the_term_final(deps: Deps, clock):
    room = await classroom_in_october(deps, clock)
    term = await create_term(
        deps, room.admin, name="1-тоқсан", starts_on=date(2026, 9, 1), ends_on=date(2026, 10, 31)
    )
    await grade(deps, room, room.aigerim, CLASSWORK, value="5", day=2)
    await grade(deps, room, room.aigerim, CLASSWORK, value="4", day=4)
    await grade(deps, room, room.aigerim, HOMEWORK, value="3", day=4)
    await grade(deps, room, room.aigerim, TEST, value="5", day=10)
    await grade(deps, room, room.nurlan, CLASSWORK, value="2", day=2)
    await grade(deps, room, room.nurlan, EXAM, value="5", day=10)

    book = await gradebook(deps, room.teacher, group_id=room.group_id, term_id=term.id)

    # 2 and 4 September are lesson days; 10 September has grades only.
    assert book.days == (date(2026, 9, 2), date(2026, 9, 4), date(2026, 9, 10))
    rows = {row.student_name: row for row in book.rows}
    assert list(rows) == ["Омарова Айгерім", "Сейітов Нұрлан", "Тоқаев Ерлан"]
    aigerim = rows["Омарова Айгерім"]
    assert [[g.value for g in cell] for cell in aigerim.cells] == [["5"], ["4", "3"], ["5"]]
    assert (aigerim.average, aigerim.final) == ("4.38", "4")
    assert (rows["Сейітов Нұрлан"].average, rows["Сейітов Нұрлан"].final) == ("4.25", "4")
    assert (rows["Тоқаев Ерлан"].average, rows["Тоқаев Ерлан"].final) == ("", "")
    assert book.can_grade

    # Without a term chosen, today's term is shown; dates of one's own show no final grade.
    assert (await gradebook(deps, room.teacher, group_id=room.group_id)).term == term
    by_dates = await gradebook(
        deps,
        room.teacher,
        group_id=room.group_id,
        starts_on=date(2026, 9, 3),
        ends_on=date(2026, 9, 30),
    )
    assert by_dates.days == (date(2026, 9, 4), date(2026, 9, 10))
    first = next(row for row in by_dates.rows if row.student_name == "Омарова Айгерім")
    # Classwork 4 (800), homework 3 (600), test 5 (1000): (800 + 600 + 2000) ÷ 4 = 850.
    assert (first.average, first.final) == ("4.25", "")

    # A heavier homework weight changes the average.
    await use_scale(deps, room, GradeScale.FIVE, homework=3)
    again = await gradebook(deps, room.teacher, group_id=room.group_id, term_id=term.id)
    # (900×1 + 600×3 + 1000×2) ÷ 6 = 4700 ÷ 6 = 783.3 → 783 → 3.92, final 4.
    assert (again.rows[0].average, again.rows[0].final) == ("3.92", "4")

    with pytest.raises(PermissionDenied):
        await gradebook(deps, room.other_teacher, group_id=room.group_id)
    with pytest.raises(InvalidInput):
        await gradebook(
            deps,
            room.teacher,
            group_id=room.group_id,
            starts_on=date(2026, 9, 30),
            ends_on=date(2026, 9, 1),
        )


async def test_terms_may_not_overlap_and_only_organisation_managers_edit_them(
    deps: Deps,
):
    room = await make_classroom(deps)
    first = await create_term(
        deps, room.admin, name="1-тоқсан", starts_on=date(2026, 9, 1), ends_on=date(2026, 10, 31)
    )

    with pytest.raises(Conflict) as overlap:
        await create_term(
            deps,
            room.admin,
            name="2-тоқсан",
            starts_on=date(2026, 10, 31),
            ends_on=date(2026, 12, 28),
        )
    assert overlap.value.translated("en") == (
        "These dates overlap the term “1-тоқсан” (01.09.2026 – 31.10.2026)."
    )
    with pytest.raises(Conflict):
        await create_term(
            deps,
            room.admin,
            name="1-тоқсан",
            starts_on=date(2027, 1, 8),
            ends_on=date(2027, 3, 20),
        )
    with pytest.raises(InvalidInput):
        await create_term(
            deps, room.admin, name="Кері", starts_on=date(2027, 3, 20), ends_on=date(2027, 1, 8)
        )
    with pytest.raises(PermissionDenied):
        await create_term(
            deps,
            room.teacher,
            name="Мұғалім",
            starts_on=date(2027, 4, 1),
            ends_on=date(2027, 5, 25),
        )
    assert await Term.all().count() == 1

    second = await create_term(
        deps, room.admin, name="2-тоқсан", starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 28)
    )
    with pytest.raises(Conflict):
        await update_term(
            deps,
            room.admin,
            term_id=second.id,
            name="2-тоқсан",
            starts_on=date(2026, 10, 15),
            ends_on=date(2026, 12, 28),
        )
    moved = await update_term(
        deps,
        room.admin,
        term_id=first.id,
        name="I тоқсан",
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 10, 30),
    )
    assert [t.name for t in await list_terms(room.teacher)] == ["I тоқсан", "2-тоқсан"]
    assert moved.ends_on == date(2026, 10, 30)
    await remove_term(deps, room.admin, term_id=second.id)
    assert [t.id for t in await list_terms(room.teacher)] == [first.id]
    with pytest.raises(NotFound):
        await remove_term(deps, room.admin, term_id=second.id)


def test_parse_grade_keeps_a_canonical_value():
    assert parse_grade(GradeScale.LETTER, " a– ") == ("A-", 917)
    assert parse_grade(GradeScale.HUNDRED, "007") == ("7", 70)
    assert parse_grade(GradeScale.PASS_FAIL, "Pass") == ("pass", 1000)


async def test_review_9_a_gradebook_with_lessons_and_no_students_exports(deps: Deps, clock):
    room = await classroom_in_october(deps, clock)
    empty_group = await make_group(deps, room.admin, name="Геометрия 9В")
    async with transaction(deps) as tx:
        await do_create_lesson(
            tx,
            room.admin,
            group_id=empty_group,
            teacher_id=room.teacher.person_id,
            starts_at=datetime(2026, 9, 7, 10, 0, tzinfo=UTC),
            ends_at=datetime(2026, 9, 7, 11, 30, tzinfo=UTC),
        )

    name, data = await gradebook_xlsx(
        deps,
        room.admin,
        group_id=empty_group,
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 9, 30),
        language="en",
    )

    assert name == "gradebook-20260901-20260930.xlsx"
    sheet = load_workbook(BytesIO(data)).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == ["Student", "07.09.2026", "Average"]
    assert sheet.max_row == 1
