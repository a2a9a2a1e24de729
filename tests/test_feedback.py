"""Lesson feedback (issue 7): the tick asks each attendee of a held lesson once, ratings are
one row per lesson and author, only attendees (and parents, by setting) rate, within a week,
and the results per teacher and course never name an author."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import gettext_for
from core.models.audit import AuditRecord
from core.models.feedback import LessonFeedback
from core.models.notifications import OutboxMessage
from core.models.testing import TestingSettings
from core.services.attendance import AttendanceStatus, mark_attendance
from core.services.feedback import (
    Average,
    CommentView,
    feedback_overview,
    format_rating,
    record_feedback,
    teacher_ratings,
    tick,
)
from tests.lesson_factories import LessonCentre, lesson_at, local, make_lesson_centre
from tests.test_query_counts import counting_queries
from tests.test_reminders import link_telegram

DAY = date(2026, 9, 1)
PRESENT, ABSENT, LATE = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.LATE


@dataclass(frozen=True)
class Held:
    """A centre whose 12:00–13:30 lesson of 1 September was held: Айгерім present, Тимур
    absent; the clock at 13:31, just after it ended."""

    centre: LessonCentre
    lesson_id: int

    @property
    def aigerim(self):
        return self.centre.students[0]

    @property
    def timur(self):
        return self.centre.students[1]


async def held_lesson(
    deps: Deps, clock: FrozenClock, *, link: bool = True, marks: dict | None = None
) -> Held:
    centre = await make_lesson_centre(deps)
    aigerim, timur = centre.students
    if link:
        for actor, language in ((aigerim, "en"), (timur, "ru"), (centre.parent, "en")):
            await link_telegram(deps, centre.admin, actor.person_id or 0, language)
    lesson = await lesson_at(deps, centre, DAY, "12:00")
    clock.current = local(centre, DAY, "12:05")
    await mark_attendance(
        deps,
        centre.teacher,
        lesson_id=lesson,
        marks=marks or {aigerim.person_id: PRESENT, timur.person_id: ABSENT},
    )
    clock.current = local(centre, DAY, "13:31")
    return Held(centre, lesson)


async def allow(centre: LessonCentre, *, parents: bool = False, lessons: bool = True) -> None:
    """The organisation's feedback settings (the row the settings page writes)."""
    await TestingSettings.update_or_create(
        organisation_id=centre.admin.organisation_id,
        defaults={"feedback_from_parents": parents, "lesson_feedback": lessons},
    )


async def asked() -> list[tuple[int, str, list[list[tuple[str, str]]]]]:
    """(person, text in English, buttons) of every rating request queued, oldest first."""
    rows = await OutboxMessage.filter(dedupe_key__startswith="feedback:").order_by("id")
    return [
        (
            row.person_id,
            gettext_for("en", row.message).format(**row.params),
            [[(label, data) for label, data in line] for line in row.buttons],
        )
        for row in rows
    ]


async def test_the_tick_asks_each_attendee_once_and_parents_only_by_setting(deps, clock):
    held = await held_lesson(deps, clock)
    lesson, aigerim = held.lesson_id, held.aigerim.person_id
    clock.current = local(held.centre, DAY, "13:00")  # not over yet: nobody is asked
    assert await tick(deps) == 0
    clock.current = local(held.centre, DAY, "13:31")

    assert await tick(deps) == 1
    assert await tick(deps) == 0  # a second tick (or scheduler) queues nothing more

    buttons = [[(str(n), f"fb:{lesson}:{n}") for n in range(1, 6)]]
    # Rendered in English here; the course is named in the recipient's language (Russian,
    # the organisation's default: people with a web login keep no language of Telegram's).
    assert await asked() == [
        (
            aigerim,
            "How was the lesson Алгебра (Алгебра 7А) on 01.09 12:00? "
            "Rate it from 1 (poor) to 5 (excellent).",
            buttons,
        )
    ]  # Тимур was absent; parents are not asked by default

    await allow(held.centre, parents=True)
    assert await tick(deps) == 1
    assert await tick(deps) == 0
    parent = held.centre.parent.person_id
    assert (await asked())[1] == (
        parent,
        "How was the lesson Алгебра (Алгебра 7А) on 01.09 12:00 for Омарова Айгерім? "
        "Rate it from 1 (poor) to 5 (excellent).",
        buttons,
    )
    clock.advance(timedelta(hours=7))  # long after: the lesson is not looked at any more
    assert await tick(deps) == 0


async def test_people_without_telegram_and_organisations_with_ratings_off_are_not_asked(
    deps, clock
):
    held = await held_lesson(deps, clock, link=False)
    assert await tick(deps) == 0
    await link_telegram(deps, held.centre.admin, held.aigerim.person_id or 0, "kk")
    await allow(held.centre, lessons=False)
    assert await tick(deps) == 0
    with pytest.raises(Conflict) as refused:
        await record_feedback(deps, held.aigerim, lesson_id=held.lesson_id, lesson_rating=5)
    assert (
        refused.value.translated("en") == "Lesson ratings are switched off in this organisation."
    )
    assert await asked() == []


async def test_one_row_per_lesson_and_author_and_only_attendees_rate(deps, clock):
    held = await held_lesson(deps, clock)
    lesson, aigerim = held.lesson_id, held.aigerim

    first = await record_feedback(deps, aigerim, lesson_id=lesson, lesson_rating=4)
    assert (first.lesson_rating, first.teacher_rating, first.teacher_name) == (
        4,
        None,
        "Ахметов Ерлан",
    )
    await record_feedback(deps, aigerim, lesson_id=lesson, lesson_rating=2)  # re-tapped
    hostile = "  <script>alert(1)</script> жақсы\x00 "
    view = await record_feedback(
        deps, aigerim, lesson_id=lesson, teacher_rating=5, comment=hostile
    )
    assert (view.lesson_rating, view.teacher_rating) == (2, 5)

    (row,) = await LessonFeedback.all()
    assert (row.lesson_rating, row.teacher_rating, row.author_role) == (2, 5, "student")
    assert row.comment == "<script>alert(1)</script> жақсы"
    assert row.teacher_id == held.centre.teacher.person_id
    audits = await AuditRecord.filter(object_type="lesson_feedback").order_by("id")
    assert [a.action for a in audits] == ["feedback.give", "feedback.change", "feedback.change"]
    assert "script" not in str([a.after for a in audits]), "what was said stays out of the audit"

    with pytest.raises(InvalidInput):
        await record_feedback(deps, aigerim, lesson_id=lesson, comment="ә" * 1001)
    with pytest.raises(InvalidInput):
        await record_feedback(deps, aigerim, lesson_id=lesson, lesson_rating=6)
    with pytest.raises(NotFound) as absent:
        await record_feedback(deps, held.timur, lesson_id=lesson, lesson_rating=1)
    assert absent.value.translated("en") == "Only students who were at this lesson can rate it."
    with pytest.raises(PermissionDenied):  # parents rate only when the organisation lets them
        await record_feedback(deps, held.centre.parent, lesson_id=lesson, lesson_rating=3)
    await allow(held.centre, parents=True)
    by_parent = await record_feedback(deps, held.centre.parent, lesson_id=lesson, lesson_rating=3)
    assert by_parent.author_role == "parent"

    clock.current = local(held.centre, DAY + timedelta(days=7), "13:31")
    with pytest.raises(Conflict) as late:
        await record_feedback(deps, aigerim, lesson_id=lesson, lesson_rating=5)
    assert late.value.translated("en") == (
        "Ratings of this lesson are closed: a lesson can be rated within 7 days."
    )
    assert await LessonFeedback.filter(author_id=aigerim.person_id).values_list(
        "lesson_rating", "comment"
    ) == [(2, "<script>alert(1)</script> жақсы")]


async def test_results_per_teacher_and_course_without_authors(deps, clock, monkeypatch):
    centre = await make_lesson_centre(deps)
    aigerim, timur = centre.students
    queries: list[int] = []  # the overview's, after one lesson and after two
    for day, (lesson_rating, teacher_rating) in zip(
        (date(2026, 8, 10), date(2026, 9, 1)), ((3, 4), (5, 5)), strict=True
    ):
        lesson = await lesson_at(deps, centre, day, "12:00")
        clock.current = local(centre, day, "12:05")
        marks = {aigerim.person_id: PRESENT, timur.person_id: LATE}
        await mark_attendance(deps, centre.teacher, lesson_id=lesson, marks=marks)
        clock.current = local(centre, day, "13:31")
        await record_feedback(
            deps, aigerim, lesson_id=lesson, lesson_rating=lesson_rating, teacher_rating=4
        )
        await record_feedback(
            deps,
            timur,
            lesson_id=lesson,
            lesson_rating=lesson_rating,
            teacher_rating=teacher_rating,
            comment="Түсінікті болды" if day.month == 9 else "",
        )
        with counting_queries(monkeypatch) as seen:
            overview = await feedback_overview(deps, centre.admin)
        queries.append(len(seen))
    assert 0 < queries[0] == queries[1], "a fixed number of queries"

    (teacher,) = overview.teachers
    assert (teacher.name, teacher.lesson, teacher.teacher) == (
        "Ахметов Ерлан",
        Average(400, 4),  # 3, 3, 5, 5
        Average(425, 4),  # 4, 4, 4, 5
    )
    assert [(m.month, m.teacher) for m in teacher.months][-2:] == [
        (date(2026, 8, 1), Average(400, 2)),
        (date(2026, 9, 1), Average(450, 2)),
    ]
    (course,) = overview.courses
    assert (course.course.en, course.lesson.count) == ("Algebra", 4)
    # Neither who wrote it nor the lesson: two students in a group would give them away.
    assert overview.comments == (
        CommentView(
            teacher_id=centre.teacher.person_id or 0,
            teacher_name="Ахметов Ерлан",
            lesson_rating=5,
            teacher_rating=5,
            comment="Түсінікті болды",
        ),
    )
    assert format_rating(teacher.teacher, "ru") == "4,3"

    # A teacher reads their own results without feedback.view; a student reads none.
    own = await feedback_overview(deps, centre.teacher)
    assert own.own_only and [t.teacher_id for t in own.teachers] == [centre.teacher.person_id]
    others = await feedback_overview(deps, centre.substitute)
    assert [t.teacher for t in others.teachers] == [Average(None, 0)] and not others.comments
    with pytest.raises(PermissionDenied):
        await feedback_overview(deps, aigerim)

    teacher_id = centre.teacher.person_id or 0
    assert await teacher_ratings(deps, centre.admin, teacher_ids=[teacher_id]) == {
        teacher_id: Average(425, 4)
    }
    assert await teacher_ratings(deps, centre.teacher, teacher_ids=[teacher_id]) == {
        teacher_id: Average(425, 4)
    }
    assert await teacher_ratings(deps, centre.substitute, teacher_ids=[teacher_id]) == {}
    clock.advance(timedelta(days=91))  # the list and card show the last 90 days only
    assert await teacher_ratings(deps, centre.admin, teacher_ids=[teacher_id]) == {}
