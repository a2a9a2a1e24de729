"""Tests (issue 7): building a test from the bank, publishing and assigning it, students
taking it (stale buttons, resuming, time-outs, the attempts limit), scoring into the
gradebook, the group's "finished" notice and what a parent sees; multiple-choice ticks,
closing times set late, grades agreeing with results, when the review opens, and published
tests keeping their questions."""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from datetime import timedelta

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import gettext_for
from core.models.lessons import Grade
from core.models.notifications import OutboxMessage
from core.models.testing import Attempt, AttemptAnswer, Question
from core.services.academics import CourseData, create_course
from core.services.grades import gradebook
from core.services.lesson_settings import GradeScale, LessonSettingsData, update_lesson_settings
from core.services.testing import (
    AttemptResult,
    AttemptState,
    ItemData,
    TestData,
    TestStatus,
    TestView,
    access_test,
    answer_question,
    assign_test,
    attempt_result,
    attempt_review,
    create_test,
    current_question,
    finish_attempt,
    go_to_question,
    list_tests,
    my_tests,
    publish_test,
    question_image,
    set_items,
    start_attempt,
    time_out_attempts,
    toggle_choice,
    update_test,
)
from tests.lesson_factories import make_second_group
from tests.test_query_counts import counting_queries
from tests.testing_factories import (
    EQUATIONS,
    FRACTIONS,
    TestCentre,
    make_published_test,
    make_test_centre,
)


async def outbox_for(person: Actor) -> list[OutboxMessage]:
    return list(await OutboxMessage.filter(person_id=person.person_id).order_by("id"))


def english(row: OutboxMessage) -> str:
    return gettext_for("en", row.message).format(**row.params)


async def answer_all(
    deps: Deps, tc: TestCentre, student: Actor, state: AttemptState, *, right: bool = True
) -> AttemptState:
    """Answer every question from where the attempt stands, rightly or wrongly."""
    while state.question is not None:
        state = await answer_question(
            deps,
            student,
            attempt_id=state.attempt_id,
            position=state.question.position,
            answer=tc.answer_for(state.question, right=right),
        )
    return state


async def test_building_refuses_what_cannot_be_taken(deps: Deps):
    tc = await make_test_centre(deps)
    centre = tc.centre
    teacher = centre.teacher

    bad = [
        (TestData(title="  "), "title"),
        (TestData(title="Тест", time_limit_minutes=0), "time_limit_minutes"),
        (TestData(title="Тест", time_limit_minutes=601), "time_limit_minutes"),
        (TestData(title="Тест", attempts_allowed=21), "attempts_allowed"),
        (TestData(title="Тест", pass_percent=101), "pass_percent"),
        (
            TestData(
                title="Тест",
                opens_at=deps.clock.now(),
                closes_at=deps.clock.now() - timedelta(hours=1),
            ),
            "closes_at",
        ),
    ]
    for data, field in bad:
        with pytest.raises(InvalidInput) as refused:
            await create_test(deps, teacher, data=data)
        assert refused.value.field == field
    with pytest.raises(PermissionDenied):
        await create_test(deps, centre.students[0], data=TestData(title="Тест"))

    test_id = await create_test(
        deps, teacher, data=TestData(title="Контрольная", course_id=centre.course_id)
    )
    # A test with no questions is not published.
    with pytest.raises(InvalidInput, match="at least one question"):
        await publish_test(deps, teacher, test_id=test_id)
    # Lines that cannot be drawn are refused with the line that is wrong.
    single = tc.questions["single"]
    with pytest.raises(InvalidInput, match="Line 2: this question is in the test already"):
        await set_items(
            deps,
            teacher,
            test_id=test_id,
            items=[ItemData(question_id=single), ItemData(question_id=single)],
        )
    with pytest.raises(InvalidInput, match="Line 1: choose the topic"):
        await set_items(deps, teacher, test_id=test_id, items=[ItemData(topic=" ", count=2)])
    await Question.filter(id=tc.questions["numeric"]).update(archived_at=deps.clock.now())
    with pytest.raises(InvalidInput, match="archived"):
        await set_items(
            deps, teacher, test_id=test_id, items=[ItemData(question_id=tc.questions["numeric"])]
        )
    # Equations has five questions; one is archived and one is fixed, so three remain.
    await set_items(
        deps,
        teacher,
        test_id=test_id,
        items=[ItemData(question_id=single), ItemData(topic=EQUATIONS, count=4)],
    )
    with pytest.raises(InvalidInput) as refused:
        await publish_test(deps, teacher, test_id=test_id)
    assert refused.value.params == {"topic": EQUATIONS, "available": 3, "count": 4}
    assert (await access_test(teacher, test_id)).status is TestStatus.DRAFT

    # Assigned as a draft: nobody is told until it is published, and a student cannot start.
    await assign_test(deps, teacher, test_id=test_id, group_id=centre.group_id)
    aigerim = centre.students[0]
    assert await outbox_for(aigerim) == []
    with pytest.raises(NotFound):
        await start_attempt(deps, aigerim, test_id=test_id)
    await set_items(
        deps,
        teacher,
        test_id=test_id,
        items=[ItemData(question_id=single), ItemData(topic=EQUATIONS, count=3)],
    )
    await publish_test(deps, teacher, test_id=test_id)
    view = await access_test(teacher, test_id)
    assert (view.status, view.question_count, view.max_points) == (TestStatus.PUBLISHED, 4, 5)
    (notice,) = await outbox_for(aigerim)
    assert english(notice) == "You have a new test: Контрольная."
    assert notice.buttons == [[["Start the test", f"test:start:{test_id}"]]]
    # Assigning the same group again returns the assignment and tells nobody twice.
    again = await assign_test(deps, teacher, test_id=test_id, group_id=centre.group_id)
    assert again == view.assignments[0].id
    assert len(await outbox_for(aigerim)) == 1
    # A group the teacher does not teach is refused; the admin (teaching.any) may.
    other_group = await make_second_group(deps, centre)
    with pytest.raises(PermissionDenied):
        await assign_test(deps, teacher, test_id=test_id, group_id=other_group)
    await assign_test(deps, centre.admin, test_id=test_id, group_id=other_group)
    # Once a student has started, the lines stay as they are.
    await start_attempt(deps, aigerim, test_id=test_id)
    with pytest.raises(Conflict, match="started"):
        await set_items(deps, teacher, test_id=test_id, items=[ItemData(question_id=single)])


async def check_who_sees(deps: Deps, tc: TestCentre, attempt_id: int, result) -> None:
    """Aigerim's finished attempt as the review and the results show it to each person."""
    centre = tc.centre
    aigerim, timur = centre.students
    # The review: not for the student (not allowed), always for the teacher.
    with pytest.raises(PermissionDenied):
        await attempt_review(aigerim, attempt_id=attempt_id)
    review = await attempt_review(centre.teacher, attempt_id=attempt_id)
    assert [item.score for item in review] == [1000, 2000, 0, 1000, 1000]
    assert review[2].correct_answer == {"value": True}
    # Timur may not see Aigerim's attempt; her parent may, and sees her tests.
    with pytest.raises(NotFound):
        await attempt_result(timur, attempt_id=attempt_id)
    assert await attempt_result(centre.parent, attempt_id=attempt_id) == result
    (child_test,) = await my_tests(
        centre.parent, student_id=aigerim.person_id, now=deps.clock.now()
    )
    assert (child_test.best_percent, child_test.attempts_used, child_test.can_start) == (
        83,
        1,
        False,
    )
    with pytest.raises(NotFound):
        await my_tests(centre.parent, student_id=timur.person_id)
    (his,) = await my_tests(timur, now=deps.clock.now())
    assert (his.can_start, his.question_count, his.best_percent) == (True, 5, None)


async def test_a_student_takes_a_test_and_the_result_reaches_the_gradebook(deps: Deps):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim = centre.students[0]
    test_id = await make_published_test(
        deps, tc, questions=("single", "multiple", "true_false"), random_topic=FRACTIONS, count=2
    )

    state = await start_attempt(deps, aigerim, test_id=test_id, rng=random.Random(7))
    assert (state.total, state.answered, state.question and state.question.position) == (5, 0, 0)
    assert state.deadline_at is None
    first = state.question
    assert first is not None and tc.question_of(first) == tc.questions["single"]
    # Fixed lines come first (no shuffling), the two random ones are distinct fractions.
    drawn = [
        row["question_id"]
        for row in await AttemptAnswer.filter(attempt_id=state.attempt_id)
        .order_by("position")
        .values("question_id")
    ]
    assert drawn[:3] == [tc.questions[name] for name in ("single", "multiple", "true_false")]
    assert len(set(drawn[3:])) == 2 and set(drawn[3:]) <= set(tc.topic_ids(FRACTIONS))

    state = await answer_question(
        deps, aigerim, attempt_id=state.attempt_id, position=0, answer={"choice": 0}
    )
    assert (state.answered, state.position) == (1, 1)
    # The button of the question already answered is refused; nothing is saved again.
    with pytest.raises(Conflict, match="answer question 2 instead"):
        await answer_question(
            deps, aigerim, attempt_id=state.attempt_id, position=0, answer={"choice": 1}
        )
    with pytest.raises(InvalidInput):
        await answer_question(
            deps, aigerim, attempt_id=state.attempt_id, position=1, answer={"choice": 0}
        )
    # Multiple choice: toggles stay on the question, "next" moves on.
    state = await answer_question(
        deps,
        aigerim,
        attempt_id=state.attempt_id,
        position=1,
        answer={"choices": [0]},
        advance=False,
    )
    assert state.question is not None and state.question.answer == {"choices": [0]}
    state = await answer_question(
        deps, aigerim, attempt_id=state.attempt_id, position=1, answer={"choices": [1, 0]}
    )
    # Interrupted: tapping "Start" again resumes the same attempt where it stood.
    resumed = await start_attempt(deps, aigerim, test_id=test_id)
    assert (resumed.attempt_id, resumed.position, resumed.answered) == (state.attempt_id, 2, 2)
    assert await Attempt.filter(test_id=test_id, student_id=aigerim.person_id).count() == 1
    # True or false, answered wrongly; the fractions rightly.
    state = await answer_question(
        deps, aigerim, attempt_id=state.attempt_id, position=2, answer={"value": False}
    )
    state = await answer_all(deps, tc, aigerim, state)
    assert (state.question, state.result, state.answered, state.position) == (None, None, 5, 5)
    # Going back shows the saved answer.
    back = await go_to_question(deps, aigerim, attempt_id=state.attempt_id, position=0)
    assert back.question is not None and back.question.answer == {"choice": 0}

    result = await finish_attempt(deps, aigerim, attempt_id=state.attempt_id)
    # 1 + 2 + 0 + 1 + 1 of 6 points: 83 %, a 4 on the five-point scale.
    assert (result.score, result.max_score, result.percent) == (5000, 6000, 83)
    assert (result.passed, result.timed_out, result.grade_value) == (True, False, "4")
    assert await finish_attempt(deps, aigerim, attempt_id=state.attempt_id) == result
    with pytest.raises(Conflict, match="finished already"):
        await answer_question(
            deps, aigerim, attempt_id=state.attempt_id, position=0, answer={"choice": 0}
        )
    assert (await current_question(deps, aigerim, attempt_id=state.attempt_id)).result == result
    book = await gradebook(deps, centre.teacher, group_id=centre.group_id)
    row = next(r for r in book.rows if r.student_id == aigerim.person_id)
    assert [g.value for cell in row.cells for g in cell] == ["4"]
    assert await Grade.filter(student_id=aigerim.person_id).count() == 1
    # Only one of two students finished: the teacher is not told yet.
    assert await outbox_for(centre.teacher) == []

    await check_who_sees(deps, tc, state.attempt_id, result)


async def test_a_better_attempt_corrects_the_grade_and_the_limit_holds(deps: Deps):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim = centre.students[0]
    test_id = await make_published_test(
        deps, tc, questions=("single", "true_false", "short"), attempts_allowed=2
    )

    first = await answer_all(
        deps, tc, aigerim, await start_attempt(deps, aigerim, test_id=test_id), right=False
    )
    worst = await finish_attempt(deps, aigerim, attempt_id=first.attempt_id)
    assert (worst.percent, worst.passed, worst.grade_value) == (0, False, "2")
    (grade,) = await Grade.filter(student_id=aigerim.person_id)

    second = await start_attempt(deps, aigerim, test_id=test_id)
    assert second.attempt_id != first.attempt_id
    assert (await Attempt.get(id=second.attempt_id)).number == 2
    second = await answer_all(deps, tc, aigerim, second)
    best = await finish_attempt(deps, aigerim, attempt_id=second.attempt_id)
    assert (best.percent, best.grade_value) == (100, "5")
    # The same grade is corrected: the gradebook shows the best attempt once.
    (corrected,) = await Grade.filter(student_id=aigerim.person_id)
    assert (corrected.id, corrected.value, corrected.score) == (grade.id, "5", 1000)

    with pytest.raises(Conflict, match="every attempt"):
        await start_attempt(deps, aigerim, test_id=test_id)
    (listed,) = await my_tests(aigerim, now=deps.clock.now())
    assert (listed.attempts_used, listed.best_percent, listed.can_start) == (2, 100, False)


async def test_time_runs_out_and_the_group_is_reported_once(deps: Deps, clock: FrozenClock):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim, timur = centre.students
    now = clock.now()
    # A 20-minute test that closes in 15 minutes: the deadline is the closing time.
    test_id = await make_published_test(
        deps,
        tc,
        questions=("single", "multiple", "numeric"),
        time_limit_minutes=20,
        closes_at=now + timedelta(minutes=15),
    )
    hers = await start_attempt(deps, aigerim, test_id=test_id)
    his = await start_attempt(deps, timur, test_id=test_id)
    assert hers.deadline_at == now + timedelta(minutes=15)
    hers = await answer_question(
        deps, aigerim, attempt_id=hers.attempt_id, position=0, answer={"choice": 0}
    )

    clock.advance(timedelta(minutes=16))
    # An answer after the deadline is not saved: the attempt ends as timed out.
    late = await answer_question(
        deps, aigerim, attempt_id=hers.attempt_id, position=1, answer={"choices": [0, 1]}
    )
    assert late.result is not None and late.result.timed_out
    assert (late.result.score, late.result.percent, late.answered) == (1000, 25, 1)
    # Pressing another button of it shows the same result.
    again = await answer_question(
        deps, aigerim, attempt_id=hers.attempt_id, position=1, answer={"choices": [0]}
    )
    assert again.result == late.result
    with pytest.raises(Conflict, match="closed"):
        await start_attempt(deps, aigerim, test_id=test_id)

    # Timur walked away: the minute's tick finishes his attempt and tells him.
    assert await time_out_attempts(deps) == 1
    timed = await attempt_result(timur, attempt_id=his.attempt_id)
    assert (timed.timed_out, timed.percent, timed.grade_value) == (True, 0, "2")
    assert [english(row) for row in await outbox_for(timur)][-1] == (
        "Time is up: your test Контрольная: уравнения is finished. Your score: 0%."
    )
    assert await time_out_attempts(deps) == 0
    # Both students finished: the teacher hears it once, with the average of 25 % and 0 %.
    told = [english(row) for row in await outbox_for(centre.teacher)]
    assert told == ["Алгебра 7А finished the test Контрольная: уравнения: average 13%."]
    clock.advance(timedelta(minutes=5))
    assert await time_out_attempts(deps) == 0
    assert len(await outbox_for(centre.teacher)) == 1


async def test_a_closed_test_is_reported_with_who_took_it(deps: Deps, clock: FrozenClock):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim = centre.students[0]
    test_id = await make_published_test(
        deps, tc, questions=("single",), closes_at=clock.now() + timedelta(hours=1)
    )
    started = await start_attempt(deps, aigerim, test_id=test_id)
    state = await answer_all(deps, tc, aigerim, started)
    await finish_attempt(deps, aigerim, attempt_id=state.attempt_id)
    assert await outbox_for(centre.teacher) == []
    clock.advance(timedelta(hours=1))
    await time_out_attempts(deps)
    await time_out_attempts(deps)
    assert [english(row) for row in await outbox_for(centre.teacher)] == [
        "The test Контрольная: уравнения closed: 1 of 2 students of Алгебра 7А took it, "
        "average 100%."
    ]


async def test_two_taps_make_one_attempt_and_one_score(deps: Deps):
    tc = await make_test_centre(deps)
    aigerim = tc.centre.students[0]
    test_id = await make_published_test(deps, tc, questions=("single", "true_false"))

    first, second = await asyncio.gather(
        start_attempt(deps, aigerim, test_id=test_id),
        start_attempt(deps, aigerim, test_id=test_id),
    )
    assert first.attempt_id == second.attempt_id
    assert await Attempt.filter(student_id=aigerim.person_id).count() == 1
    # The same button pressed twice at once: one answer is taken, the other is refused.
    outcomes = await asyncio.gather(
        *(
            answer_question(
                deps, aigerim, attempt_id=first.attempt_id, position=0, answer={"choice": 0}
            )
            for _ in range(2)
        ),
        return_exceptions=True,
    )
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["AttemptState", "Conflict"]
    state = await current_question(deps, aigerim, attempt_id=first.attempt_id)
    assert (state.position, state.answered) == (1, 1)
    results = await asyncio.gather(
        finish_attempt(deps, aigerim, attempt_id=first.attempt_id),
        finish_attempt(deps, aigerim, attempt_id=first.attempt_id),
    )
    assert results[0] == results[1] and results[0].score == 1000
    assert await Grade.filter(student_id=aigerim.person_id).count() == 1


async def test_answering_costs_a_handful_of_queries(deps: Deps, monkeypatch):
    tc = await make_test_centre(deps)
    aigerim = tc.centre.students[0]
    test_id = await make_published_test(
        deps, tc, questions=("single", "multiple", "true_false"), random_topic=FRACTIONS, count=4
    )
    state = await start_attempt(deps, aigerim, test_id=test_id)
    assert state.question is not None
    with counting_queries(monkeypatch) as seen:
        state = await answer_question(
            deps, aigerim, attempt_id=state.attempt_id, position=0, answer={"choice": 0}
        )
    assert state.position == 1
    # The attempt with its test, its answers, the position's compare-and-set, the answer
    # (plus the transaction's own statements on some backends).
    assert len([query for query in seen if "BEGIN" not in query.upper()]) <= 5


def settings_of(view: TestView, **changes: object) -> TestData:
    """The test's settings as the builder's form would send them back, with ``changes``."""
    data = TestData(
        title=view.title,
        instructions=view.instructions,
        course_id=view.course_id,
        time_limit_minutes=view.time_limit_minutes,
        attempts_allowed=view.attempts_allowed,
        opens_at=view.opens_at,
        closes_at=view.closes_at,
        shuffle_questions=view.shuffle_questions,
        shuffle_options=view.shuffle_options,
        pass_percent=view.pass_percent,
        show_review=view.show_review,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


async def test_quick_ticks_are_all_kept_and_next_keeps_them(deps: Deps):
    tc = await make_test_centre(deps)
    aigerim = tc.centre.students[0]
    test_id = await make_published_test(deps, tc, questions=("multiple", "single"))
    attempt_id = (await start_attempt(deps, aigerim, test_id=test_id)).attempt_id

    # Two options tapped at once: both are ticked.
    await asyncio.gather(
        toggle_choice(deps, aigerim, attempt_id=attempt_id, position=0, choice=0),
        toggle_choice(deps, aigerim, attempt_id=attempt_id, position=0, choice=1),
    )
    state = await current_question(deps, aigerim, attempt_id=attempt_id)
    assert state.question is not None and state.question.answer == {"choices": [0, 1]}
    state = await toggle_choice(deps, aigerim, attempt_id=attempt_id, position=0, choice=1)
    assert state.position == 0
    assert state.question is not None and state.question.answer == {"choices": [0]}
    with pytest.raises(InvalidInput):
        await toggle_choice(deps, aigerim, attempt_id=attempt_id, position=0, choice=9)
    # "Next" keeps what is ticked.
    state = await answer_question(deps, aigerim, attempt_id=attempt_id, position=0, answer=None)
    assert state.position == 1
    with pytest.raises(Conflict, match="answer question 2 instead"):
        await toggle_choice(deps, aigerim, attempt_id=attempt_id, position=0, choice=2)
    with pytest.raises(InvalidInput, match="multiple-choice"):
        await toggle_choice(deps, aigerim, attempt_id=attempt_id, position=1, choice=0)
    with pytest.raises(InvalidInput, match="Answer the question"):
        await answer_question(deps, aigerim, attempt_id=attempt_id, position=1, answer=None)
    result = await finish_attempt(deps, aigerim, attempt_id=attempt_id)
    # One of the two right options: half of the multiple choice's 2 points.
    assert (result.score, result.max_score) == (1000, 3000)


async def test_a_closing_time_set_after_the_start_ends_attempts(deps: Deps, clock: FrozenClock):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim, timur = centre.students
    test_id = await make_published_test(deps, tc, questions=("single", "true_false"))
    hers = await start_attempt(deps, aigerim, test_id=test_id)
    his = await start_attempt(deps, timur, test_id=test_id)
    assert hers.deadline_at is None

    # The teacher sets a closing time, then moves it earlier: attempts end by it.
    view = await access_test(centre.teacher, test_id)
    for minutes in (30, 10):
        closes = clock.now() + timedelta(minutes=minutes)
        await update_test(
            deps, centre.teacher, test_id=test_id, data=settings_of(view, closes_at=closes)
        )
        state = await current_question(deps, aigerim, attempt_id=hers.attempt_id)
        assert state.deadline_at == closes

    clock.advance(timedelta(minutes=11))
    late = await answer_question(
        deps, aigerim, attempt_id=hers.attempt_id, position=0, answer={"choice": 0}
    )
    assert late.result is not None and late.result.timed_out and late.answered == 0
    assert await time_out_attempts(deps) == 1
    timed = await attempt_result(timur, attempt_id=his.attempt_id, now=clock.now())
    assert timed.timed_out


async def test_the_grade_agrees_with_the_result_shown(deps: Deps):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim, timur = centre.students
    # 2 of 3 points is 66.67 %: shown as 66 %, short of the 70 % pass mark.
    test_id = await make_published_test(
        deps, tc, questions=("single", "multiple"), pass_percent=70
    )

    async def take(student: Actor) -> AttemptResult:
        state = await start_attempt(deps, student, test_id=test_id)
        state = await answer_question(
            deps, student, attempt_id=state.attempt_id, position=0, answer={"choice": 1}
        )
        state = await answer_question(
            deps, student, attempt_id=state.attempt_id, position=1, answer={"choices": [0, 1]}
        )
        return await finish_attempt(deps, student, attempt_id=state.attempt_id)

    await update_lesson_settings(
        deps, centre.admin, data=LessonSettingsData(grade_scale=GradeScale.HUNDRED)
    )
    hers = await take(aigerim)
    assert (hers.percent, hers.passed, hers.grade_value, hers.grade_label) == (
        66,
        False,
        "66",
        "66",
    )
    # On the pass/fail scale the test's verdict counts, not the gradebook's 50 % rule.
    await update_lesson_settings(
        deps, centre.admin, data=LessonSettingsData(grade_scale=GradeScale.PASS_FAIL)
    )
    his = await take(timur)
    assert (his.passed, his.grade_value, his.grade_label) == (False, "fail", "fail")
    assert gettext_for("ru", his.grade_label) != "fail"
    values = {grade.student_id: grade.value for grade in await Grade.all()}
    assert values == {aigerim.person_id: "66", timur.person_id: "fail"}


async def test_the_review_opens_once_no_attempt_is_left(deps: Deps, clock: FrozenClock):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim, timur = centre.students
    test_id = await make_published_test(
        deps,
        tc,
        questions=("single", "true_false"),
        attempts_allowed=2,
        show_review=True,
        closes_at=clock.now() + timedelta(hours=2),
    )
    now = clock.now

    async def take(student: Actor) -> AttemptResult:
        state = await answer_all(
            deps, tc, student, await start_attempt(deps, student, test_id=test_id)
        )
        return await finish_attempt(deps, student, attempt_id=state.attempt_id)

    first = await take(aigerim)
    # One attempt left: the right answers would help her in it.
    assert (first.review_allowed, first.review_later) == (False, True)
    for reader in (aigerim, centre.parent):
        with pytest.raises(PermissionDenied, match="used every attempt"):
            await attempt_review(reader, attempt_id=first.attempt_id, now=now())
    teachers = await attempt_result(centre.teacher, attempt_id=first.attempt_id, now=now())
    assert (teachers.review_allowed, teachers.review_later) == (True, False)
    assert len(await attempt_review(centre.teacher, attempt_id=first.attempt_id)) == 2
    # Her last attempt: in progress, the first one's review stays shut; finished, it opens.
    second = await start_attempt(deps, aigerim, test_id=test_id)
    with pytest.raises(PermissionDenied):
        await attempt_review(aigerim, attempt_id=first.attempt_id, now=now())
    second = await answer_all(deps, tc, aigerim, second)
    last = await finish_attempt(deps, aigerim, attempt_id=second.attempt_id)
    assert (last.review_allowed, last.review_later) == (True, False)
    assert len(await attempt_review(centre.parent, attempt_id=first.attempt_id, now=now())) == 2
    # Timur has an attempt left until the test closes.
    his = await take(timur)
    assert his.review_later
    clock.advance(timedelta(hours=2))
    after = await attempt_result(timur, attempt_id=his.attempt_id, now=now())
    assert (after.review_allowed, after.review_later) == (True, False)


async def test_a_published_test_keeps_its_questions(deps: Deps):
    tc = await make_test_centre(deps)
    centre = tc.centre
    aigerim = centre.students[0]
    test_id = await make_published_test(
        deps, tc, questions=("single",), random_topic=FRACTIONS, count=4
    )
    view = await access_test(centre.teacher, test_id)
    assert view.course_names == {"kk": "Алгебра", "ru": "Алгебра", "en": "Algebra"}
    (listed,) = await list_tests(centre.teacher)
    assert listed.course_names["en"] == "Algebra"
    # Another course has no fractions to draw: the published test keeps its course.
    physics = await create_course(deps, centre.admin, data=CourseData(name_ru="Физика"))
    with pytest.raises(InvalidInput) as refused:
        await update_test(
            deps, centre.teacher, test_id=test_id, data=settings_of(view, course_id=physics.id)
        )
    assert refused.value.params == {"topic": FRACTIONS, "available": 0, "count": 4}
    assert (await access_test(centre.teacher, test_id)).course_id == centre.course_id
    # A fixed question archived anyway is still drawn: the test stays whole.
    await Question.filter(id=tc.questions["single"]).update(archived_at=deps.clock.now())
    state = await start_attempt(deps, aigerim, test_id=test_id)
    assert state.total == 5
    assert state.question is not None and tc.question_of(state.question) == tc.questions["single"]
    # A forged picture address is not found, whatever its number.
    with pytest.raises(NotFound):
        await question_image(deps, aigerim, attempt_id=state.attempt_id, position=2**40)
