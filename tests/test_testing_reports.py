"""A test's report (issue 7): best attempts, the distribution, item analysis worked out by
hand, who may read it, its query budget, and the Excel and PDF exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import NotFound
from core.models.people import Role
from core.services.academics import enrol_student
from core.services.testing import (
    answer_question,
    finish_attempt,
    start_attempt,
    time_out_attempts,
)
from core.services.testing_reports import QuestionKind
from core.services.testing_reports import test_results as results_of
from core.services.testing_reports import test_results_pdf as results_pdf
from core.services.testing_reports import test_results_xlsx as results_xlsx
from tests.factories import make_student
from tests.lesson_factories import make_second_group
from tests.test_query_counts import counting_queries
from tests.testing_factories import TestCentre, make_published_test, make_test_centre

#: The three questions of the hand-checked test, in order (one point each).
QUESTIONS = ("single", "true_false", "short")


def right(name: str) -> dict[str, Any]:
    """The right answer to a bank question."""
    return {
        "single": {"choice": 0},  # "3" of 3 / 4 / 12
        "true_false": {"value": True},
        "short": {"text": "корень"},
    }[name]


async def take(
    deps: Deps, student: Actor, test_id: int, answers: list[dict[str, Any] | None]
) -> int:
    """The student takes the test: answers the questions in order (None: leaves the rest
    unanswered) and finishes; returns the attempt id."""
    state = await start_attempt(deps, student, test_id=test_id)
    for position, answer in enumerate(answers):
        if answer is None:
            break
        state = await answer_question(
            deps, student, attempt_id=state.attempt_id, position=position, answer=answer
        )
    await finish_attempt(deps, student, attempt_id=state.attempt_id)
    return state.attempt_id


async def more_students(
    deps: Deps, centre: TestCentre, names: list[tuple[str, str]]
) -> list[Actor]:
    """Students added to the centre's group (enrolled before the test starts)."""
    lessons = centre.centre
    students = []
    for last, first in names:
        # No account (no password to hash): the actor is what signing in would give.
        person_id = await make_student(deps, lessons.admin, last, first)
        await enrol_student(
            deps,
            lessons.admin,
            group_id=lessons.group_id,
            student_id=person_id,
            starts_on=date(2026, 8, 1),
        )
        students.append(
            Actor(person_id, lessons.system.organisation_id, frozenset({Role.STUDENT}))
        )
    return students


@dataclass(frozen=True)
class Marked:
    """Ten students, the test, and who got which question right (1) or wrong (0)."""

    centre: TestCentre
    test_id: int
    students: list[Actor]


#: Right (1) or wrong (0) per student on (single, true/false, short). Totals 3,3,3 (the
#: upper 27 %: 3 of 10), 2,2,2,2, then 1,1,1 (the lower three).
GRID = [
    (1, 1, 1),
    (1, 1, 1),
    (1, 1, 1),
    (1, 1, 0),
    (1, 0, 1),
    (0, 1, 1),
    (1, 1, 0),
    (1, 0, 0),
    (1, 0, 0),
    (0, 1, None),  # the short answer left unanswered; times out
]
#: What the wrong ones answered (single: option index; short: the text typed).
WRONG_SINGLE = {5: 1, 9: 2}  # "4" once, "12" once
WRONG_SHORT = {3: "ответ", 6: "  Ответ ", 7: "решение", 8: "ОТВЕТ"}


async def make_marked(deps: Deps, clock: FrozenClock) -> Marked:
    centre = await make_test_centre(deps)
    lessons = centre.centre
    extra = await more_students(
        deps,
        centre,
        [
            ("Сейітов", "Арман"),
            ("Жұмабек", "Дана"),
            ("Иванов", "Олег"),
            ("Нұрланова", "Әйгерім"),
            ("Бекболат", "Ерасыл"),
            ("Петрова", "Анна"),
            ("Құдайберген", "Мұрат"),
            ("Ли", "Виктория"),
        ],
    )
    students = [*lessons.students, *extra]
    test_id = await make_published_test(
        deps,
        centre,
        questions=QUESTIONS,
        attempts_allowed=2,
        time_limit_minutes=30,
    )
    # The first student's first attempt gets everything wrong; the second is their best.
    await take(deps, students[0], test_id, [{"choice": 2}, {"value": False}, {"text": "нет"}])
    for index, (student, marks) in enumerate(zip(students, GRID, strict=True)):
        answers: list[dict[str, Any] | None] = []
        for name, mark in zip(QUESTIONS, marks, strict=True):
            if mark is None:
                answers.append(None)
            elif mark:
                answers.append(right(name))
            elif name == "single":
                answers.append({"choice": WRONG_SINGLE[index]})
            elif name == "true_false":
                answers.append({"value": False})
            else:
                answers.append({"text": WRONG_SHORT[index]})
        if index < len(GRID) - 1:
            await take(deps, student, test_id, answers)
        else:
            # The last one answers two questions and lets the time run out.
            state = await start_attempt(deps, student, test_id=test_id)
            for position, answer in enumerate(answers[:2]):
                state = await answer_question(
                    deps, student, attempt_id=state.attempt_id, position=position, answer=answer
                )
            clock.advance(timedelta(minutes=31))
            assert await time_out_attempts(deps) == 1
    return Marked(centre, test_id, students)


async def test_item_analysis_of_ten_students_matches_the_hand_count(
    deps: Deps, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
):
    marked = await make_marked(deps, clock)
    teacher = marked.centre.centre.teacher
    with counting_queries(monkeypatch) as seen:
        results = await results_of(teacher, test_id=marked.test_id)
    # A fixed handful of plain queries, never one per student.
    assert len(seen) <= 12

    assert results.finished == 10
    # Percents 100 ×3, 66.6 ×4 (rounded down), 33.3 ×3.
    assert results.distribution == (0, 0, 0, 3, 0, 0, 4, 0, 0, 3)
    assert (results.mean, results.median, results.pass_rate) == (66.7, 66.7, 70.0)
    first = next(s for s in results.students if s.student_id == marked.students[0].person_id)
    assert (first.attempts, first.percent, first.passed) == (2, 100.0, True)
    last = next(s for s in results.students if s.student_id == marked.students[-1].person_id)
    assert (last.percent, last.timed_out, last.passed) == (33.3, True, False)
    assert [s.percent for s in results.students] == [100.0] * 3 + [66.6] * 4 + [33.3] * 3
    assert results.not_started == ()

    # Earned: short 5/10, true/false 7/10, single 8/10 — the hardest first.
    # Discrimination: the upper three got everything (1.0); of the lower three, two got the
    # single choice (1 − 2/3), one the true/false (1 − 1/3), none the short answer (1 − 0).
    assert results.discrimination_meaningful
    assert [(q.kind, q.number, q.earned, q.discrimination) for q in results.questions] == [
        (QuestionKind.SHORT, 3, 0.5, 1.0),
        (QuestionKind.TRUE_FALSE, 2, 0.7, 0.67),
        (QuestionKind.SINGLE, 1, 0.8, 0.33),
    ]
    short, true_false, single = results.questions
    assert (short.students, short.unanswered) == (10, 1)
    assert [(w.text, w.count) for w in short.wrong_answers] == [("ответ", 3), ("решение", 1)]
    assert [(o.label, o.correct, o.picked) for o in true_false.options] == [
        ("True", True, 7),
        ("False", False, 3),
    ]
    assert [(o.text["ru"], o.correct, o.picked) for o in single.options] == [
        ("3", True, 8),
        ("4", False, 1),
        ("12", False, 1),
    ]


async def test_a_teacher_sees_only_the_groups_they_teach(deps: Deps):
    centre = await make_test_centre(deps)
    lessons = centre.centre
    aigerim, _timur = lessons.students
    test_id = await make_published_test(deps, centre, questions=QUESTIONS)
    await take(deps, aigerim, test_id, [right(name) for name in QUESTIONS])

    # Бекова teaches another group the test is not assigned to: the report is not hers.
    await make_second_group(deps, lessons)
    with pytest.raises(NotFound):
        await results_of(lessons.substitute, test_id=test_id)
    with pytest.raises(NotFound):
        await results_of(aigerim, test_id=test_id)

    # The head office (tests.results) sees it; Тимур has not started.
    results = await results_of(lessons.admin, test_id=test_id, group_id=lessons.group_id)
    assert [(s.full_name, s.group_name, s.percent) for s in results.students] == [
        ("Омарова Айгерім", "Алгебра 7А", 100.0)
    ]
    assert results.not_started == ("Ким Тимур",)
    # Two students are too few for a discrimination index: it is not given.
    assert not results.discrimination_meaningful
    assert all(q.discrimination is None for q in results.questions)


async def test_the_exports_have_typed_cells_and_kazakh_names(deps: Deps):
    centre = await make_test_centre(deps)
    lessons = centre.centre
    aigerim, _ = lessons.students
    test_id = await make_published_test(deps, centre, questions=QUESTIONS)
    await take(deps, aigerim, test_id, [right("single"), {"value": False}, None])

    data = await results_xlsx(lessons.teacher, test_id=test_id, language="en")
    book = load_workbook(BytesIO(data))
    assert book.sheetnames == ["Students", "Questions"]
    students = book["Students"]
    assert [cell.value for cell in students[4]][:6] == [
        "Student",
        "Group",
        "Attempts",
        "Score",
        "Maximum",
        "Percent",
    ]
    row = list(students[5])
    assert [c.value for c in row[:3]] == ["Омарова Айгерім", "Алгебра 7А", 1]
    assert (row[3].value, row[4].value) == (1, 3)
    assert row[5].value == pytest.approx(0.333)
    assert row[5].number_format == "0.0%"
    assert row[6].value == "Not passed"
    assert students[6][0].value == "Ким Тимур"
    assert students[6][6].value == "Not started"
    questions = book["Questions"]
    hardest = list(questions[5])
    assert hardest[1].value in {
        "Уравнение x + 1 = x не имеет решений.",
        "Как называется число x в уравнении x + 2 = 5?",
    }
    assert hardest[5].value == 0 and hardest[5].number_format == "0.0%"

    pdf = await results_pdf(lessons.teacher, test_id=test_id, language="kk")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Омарова Айгерім" in text
    assert "Ким Тимур" in text
    assert "Контрольная: уравнения" in text
