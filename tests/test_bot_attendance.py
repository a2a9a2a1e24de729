"""Attendance in Telegram through the Bot API emulator (issue 5): the teacher's one keyboard
for the whole group, and a parent reporting an absence; what core queues goes out through
the delivery worker. ``fsm_storage`` runs each test with memory and Redis FSM."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.i18n import N_
from core.models.lessons import Attendance, Lesson, LessonStatus
from core.services.attendance import report_absence
from tests.bots import BotHarness, buttons, link_person
from tests.test_attendance import TODAY, Classroom, add_lesson, local, make_classroom

en = Translator("en")
TITLE = "01.09 10:00 · Алгебра 7А"


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def link(harness: BotHarness, deps: Deps, room: Classroom, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English; returns their id."""
    assert actor.person_id is not None
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, room.admin, actor.person_id, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


async def marks_of(lesson_id: int) -> dict[int, str]:
    return {
        row["student_id"]: row["status"]
        for row in await Attendance.filter(lesson_id=lesson_id).values("student_id", "status")
    }


async def test_a_teacher_marks_the_group_with_one_keyboard(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    parent = await link(main_bot, deps, room, room.parent)
    a, n, lesson = room.aigerim, room.nurlan, room.lesson_id

    (picker,) = await main_bot.send(teacher, en(N_("Mark attendance")))
    assert buttons(picker) == [(TITLE, f"attl:{lesson}")]
    await main_bot.press(teacher, picker, f"attl:{lesson}", edits=1)
    board = main_bot.message(teacher, picker["message_id"])
    assert board["text"].startswith(TITLE)
    assert buttons(board) == [
        ("✅ Омарова Айгерім", f"attm:{lesson}:{a}"),
        ("✅ Сейітов Нұрлан", f"attm:{lesson}:{n}"),
        (en("All present"), f"atta:{lesson}:all"),
        (en("Done"), f"atta:{lesson}:done"),
    ]

    for _ in range(2):
        await main_bot.press(teacher, board, f"attm:{lesson}:{n}", edits=1)
    await main_bot.press(teacher, board, f"attm:{lesson}:{a}", edits=1)
    board = main_bot.message(teacher, picker["message_id"])
    assert [text for text, _ in buttons(board)][:2] == ["❌ Омарова Айгерім", "⏰ Сейітов Нұрлан"]
    assert await marks_of(lesson) == {}, "nothing is saved before Done"

    await main_bot.press(teacher, board, f"atta:{lesson}:done", edits=1)

    done = main_bot.message(teacher, picker["message_id"])
    assert done["text"] == en(
        "Attendance of {lesson} is saved: {present} present, {absent} absent, "
        "{late} late, {excused} excused.",
        lesson=TITLE,
        present=0,
        absent=1,
        late=1,
        excused=0,
    )
    assert buttons(done) == []
    assert await marks_of(lesson) == {a: "absent", n: "late"}
    assert (await Lesson.get(id=lesson)).status is LessonStatus.HELD
    # The absent student's parent is told in Telegram.
    await worker.run_once()
    assert main_bot.sent(parent)[-1]["text"] == (
        "Омарова Айгерім is absent from the lesson of group Алгебра 7А at 01.09 10:00."
    )
    # A button of the finished keyboard is out of date and changes nothing.
    answer, _ = await main_bot.press(teacher, board, f"attm:{lesson}:{a}")
    assert answer["text"] == en(STALE_BUTTON)
    assert await marks_of(lesson) == {a: "absent", n: "late"}


async def test_all_present_and_a_second_round_shows_the_saved_marks(
    deps: Deps, main_bot: BotHarness
):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    lesson = room.lesson_id
    (picker,) = await main_bot.send(teacher, en(N_("Mark attendance")))
    await main_bot.press(teacher, picker, f"attl:{lesson}", edits=1)
    await main_bot.press(teacher, picker, f"attm:{lesson}:{room.nurlan}", edits=1)
    await main_bot.press(teacher, picker, f"atta:{lesson}:all", edits=1)
    await main_bot.press(teacher, picker, f"attm:{lesson}:{room.aigerim}", edits=1)
    await main_bot.press(teacher, picker, f"atta:{lesson}:done", edits=1)
    assert await marks_of(lesson) == {room.aigerim: "absent", room.nurlan: "present"}

    (again,) = await main_bot.send(teacher, en(N_("Mark attendance")))
    assert buttons(again) == [(f"{TITLE} ✓", f"attl:{lesson}")]
    await main_bot.press(teacher, again, f"attl:{lesson}", edits=1)

    assert [text for text, _ in buttons(main_bot.message(teacher, again["message_id"]))][:2] == [
        "❌ Омарова Айгерім",
        "✅ Сейітов Нұрлан",
    ]
    # The first keyboard is out of date now that a newer one is open.
    answer, _ = await main_bot.press(teacher, picker, f"atta:{lesson}:done")
    assert answer["text"] == en(STALE_BUTTON)


async def test_forged_and_stale_buttons_are_out_of_date(deps: Deps, main_bot: BotHarness):
    room = await make_classroom(deps)
    teacher = await link(main_bot, deps, room, room.teacher)
    other = await add_lesson(
        deps,
        room,
        local(TODAY, 9),
        group_id=room.other_group_id,
        teacher_id=room.other_teacher.person_id,
    )
    (picker,) = await main_bot.send(teacher, en(N_("Mark attendance")))

    for data in ("attm:abc:1", "attl:999999", f"attl:{other}", f"atta:{room.lesson_id}:done"):
        answer, _ = await main_bot.press(teacher, picker, data)
        assert answer["text"] == en(STALE_BUTTON), data
    assert await marks_of(room.lesson_id) == {}
    assert await marks_of(other) == {}


async def test_done_before_the_lesson_begins_explains_and_keeps_the_keyboard(
    deps: Deps, main_bot: BotHarness, clock: FrozenClock
):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))
    teacher = await link(main_bot, deps, room, room.teacher)
    (picker,) = await main_bot.send(teacher, en(N_("Mark attendance")))
    assert [data for _, data in buttons(picker)] == [f"attl:{room.lesson_id}", f"attl:{later}"]
    await main_bot.press(teacher, picker, f"attl:{later}", edits=1)

    answer, _ = await main_bot.press(teacher, picker, f"atta:{later}:done")

    assert "only excused absences" in answer["text"]
    assert await marks_of(later) == {}
    clock.current = local(TODAY, 15, 5)
    await main_bot.press(teacher, picker, f"atta:{later}:done", edits=1)
    assert await marks_of(later) == {room.aigerim: "present", room.nurlan: "present"}


async def test_done_keeps_an_absence_a_parent_reported_while_the_keyboard_was_open(
    deps: Deps, main_bot: BotHarness, clock: FrozenClock
):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))
    teacher = await link(main_bot, deps, room, room.teacher)
    (picker,) = await main_bot.send(teacher, en(N_("Mark attendance")))
    await main_bot.press(teacher, picker, f"attl:{later}", edits=1)
    # The keyboard shows Айгерім present; her mother reports her absence after it opened.
    await report_absence(deps, room.parent, child_id=room.aigerim, lesson_id=later, reason="Тұмау")
    clock.current = local(TODAY, 15, 5)

    await main_bot.press(teacher, picker, f"atta:{later}:done", edits=1)

    assert await marks_of(later) == {room.aigerim: "excused", room.nurlan: "present"}
    row = await Attendance.get(lesson_id=later, student_id=room.aigerim)
    assert (row.note, row.reported_by_id) == ("Тұмау", room.parent.person_id)  # type: ignore[attr-defined]
    assert main_bot.message(teacher, picker["message_id"])["text"] == en(
        "Attendance of {lesson} is saved: {present} present, {absent} absent, "
        "{late} late, {excused} excused.",
        lesson="01.09 15:00 · Алгебра 7А",
        present=1,
        absent=0,
        late=0,
        excused=1,
    )

    # Pressed explicitly on a keyboard, her mark is the teacher's to change.
    (again,) = await main_bot.send(teacher, en(N_("Mark attendance")))
    await main_bot.press(teacher, again, f"attl:{later}", edits=1)
    await main_bot.press(teacher, again, f"atta:{later}:all", edits=1)
    await main_bot.press(teacher, again, f"atta:{later}:done", edits=1)
    assert await marks_of(later) == {room.aigerim: "present", room.nurlan: "present"}


async def test_a_parent_reports_an_absence_and_the_teacher_is_told(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    room = await make_classroom(deps)
    afternoon = await add_lesson(deps, room, local(TODAY, 15))
    tomorrow = await add_lesson(deps, room, local(TODAY + timedelta(days=1), 10))
    await add_lesson(deps, room, local(TODAY + timedelta(days=1), 16))
    parent = await link(main_bot, deps, room, room.parent)
    teacher = await link(main_bot, deps, room, room.teacher)

    (picker,) = await main_bot.send(parent, en(N_("Report an absence")))
    assert picker["text"] == en(
        "Which lesson will {child} miss? (✓: reported already)", child="Омарова Айгерім"
    )
    assert buttons(picker)[:2] == [
        ("01.09 15:00 · Алгебра 7А", f"absl:{afternoon}:"),
        ("02.09 10:00 · Алгебра 7А", f"absl:{tomorrow}:"),
    ]
    assert buttons(picker)[-1] == (en("Every lesson on {day}", day="02.09"), "absl:0:2026-09-02")

    await main_bot.press(parent, picker, f"absl:{afternoon}:", edits=1)
    prompt = main_bot.message(parent, picker["message_id"])
    assert buttons(prompt) == [(en("Skip"), "absx:skip"), (en("Cancel"), "absx:cancel")]
    (confirm,) = await main_bot.send(parent, "Тұмау, дәрігерге барамыз")
    assert confirm["text"] == en(
        "Report the absence: {lesson}. Reason: {reason}",
        lesson="01.09 15:00 · Алгебра 7А",
        reason="Тұмау, дәрігерге барамыз",
    )
    await main_bot.press(parent, confirm, "absx:send", edits=1)

    assert main_bot.message(parent, confirm["message_id"])["text"] == en(
        "Reported: {lesson}. The teacher is told.", lesson="01.09 15:00 · Алгебра 7А"
    )
    row = await Attendance.get(lesson_id=afternoon, student_id=room.aigerim)
    assert (row.status, row.note, row.reported_by_id) == (  # type: ignore[attr-defined]
        "excused",
        "Тұмау, дәрігерге барамыз",
        room.parent.person_id,
    )
    await worker.run_once()
    assert main_bot.sent(teacher)[-1]["text"] == (
        "Омарова Сәуле reports that Омарова Айгерім will miss the lesson of group Алгебра 7А "
        "at 01.09 15:00. Reason: Тұмау, дәрігерге барамыз"
    )
    answer, _ = await main_bot.press(parent, confirm, "absx:send")
    assert answer["text"] == en(STALE_BUTTON)


async def test_a_parent_skips_the_reason_for_a_whole_day_or_cancels(
    deps: Deps, main_bot: BotHarness
):
    room = await make_classroom(deps)
    first = await add_lesson(deps, room, local(TODAY + timedelta(days=1), 10))
    second = await add_lesson(deps, room, local(TODAY + timedelta(days=1), 16))
    parent = await link(main_bot, deps, room, room.parent)

    (picker,) = await main_bot.send(parent, en(N_("Report an absence")))
    await main_bot.press(parent, picker, f"absl:{first}:", edits=1)
    await main_bot.press(parent, picker, "absx:cancel", edits=1)
    assert main_bot.message(parent, picker["message_id"])["text"] == en(
        "Cancelled. Nothing was reported."
    )
    assert await marks_of(first) == {}

    (picker,) = await main_bot.send(parent, en(N_("Report an absence")))
    await main_bot.press(parent, picker, "absl:0:2026-09-02", edits=1)
    await main_bot.press(parent, picker, "absx:skip", edits=1)
    assert main_bot.message(parent, picker["message_id"])["text"] == en(
        "Report the absence: {lesson}.", lesson=en("every lesson on {day}", day="02.09")
    )
    await main_bot.press(parent, picker, "absx:send", edits=1)

    assert await marks_of(first) == {room.aigerim: "excused"}
    assert await marks_of(second) == {room.aigerim: "excused"}
    forged, _ = await main_bot.press(parent, picker, "absl:0:not-a-day")
    assert forged["text"] == en(STALE_BUTTON)
