"""Homework and "Progress" in the main bot through the Bot API emulator (issue 5): a student
hands in text and a photo, the teacher reviews with a comment and a grade, a teacher sets
homework with a file and a typed due time, refused files are named at once, a parent reads
the child's homework and progress. ``fsm_storage`` runs each test with memory and Redis FSM.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image

from bots.texts import Translator
from core.actor import Actor
from core.deps import Deps
from core.models.lessons import Grade, Homework, HomeworkFile, Submission
from core.services.grades import GradeKind, give_grade
from core.services.homework import Upload, set_homework
from core.services.plans import add_plan_item
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.test_homework import EXE, GROUP, PDF, Classroom, local, make_classroom, outbox_for

en = Translator("en")


async def link(harness: BotHarness, deps: Deps, room: Classroom, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English; returns their id."""
    assert actor.person_id is not None
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, room.admin, actor.person_id, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


async def send_photo(
    harness: BotHarness, user: int, data: bytes, *, expect: int = 1
) -> list[JSON]:
    before = len(harness.sent(user))
    await harness.emulator.user_sends_photo(harness.token, user, data)
    return (await harness.emulator.wait_sent(harness.token, user, count=before + expect))[before:]


async def send_document(
    harness: BotHarness, user: int, data: bytes, name: str, *, expect: int = 1
) -> list[JSON]:
    before = len(harness.sent(user))
    await harness.emulator.user_sends_document(harness.token, user, data, name)
    return (await harness.emulator.wait_sent(harness.token, user, count=before + expect))[before:]


def data_of(message: JSON, text: str) -> str:
    """The callback data of the button labelled ``text``."""
    return next(data for label, data in buttons(message) if label == text)


async def open_first_homework(main_bot: BotHarness, user: int, *, expect: int) -> list[JSON]:
    """Press "Homework" and open the first homework listed; the messages that come."""
    (listing,) = await main_bot.send(user, en("Homework"))
    _, opened = await main_bot.press(user, listing, buttons(listing)[0][1], expect=expect)
    return opened


async def test_a_student_hands_in_text_and_a_photo_and_the_teacher_reviews(
    deps: Deps, main_bot: BotHarness
):
    room = await make_classroom(deps)
    homework = await set_homework(
        deps,
        room.teacher,
        lesson_id=room.lesson_id,
        text="§5, 1–10 есептер",
        due_at=local("03.09 18:00"),
        uploads=[Upload("Есептер.pdf", PDF)],
    )
    student = await link(main_bot, deps, room, room.aigerim)
    teacher = await link(main_bot, deps, room, room.teacher)

    (listing,) = await main_bot.send(student, en("Homework"))
    assert listing["text"] == (f"Your homework:\n• {GROUP}, due 03.09 18:00: Not handed in")
    _, (task_file, detail) = await main_bot.press(student, listing, f"hw:{homework.id}", expect=2)
    assert task_file["document"]["file_name"] == "Есептер.pdf"
    assert main_bot.emulator.file_bytes(task_file["document"]["file_id"]) == PDF
    assert detail["text"].splitlines() == [
        f"{GROUP}, lesson of 02.09",
        "Due: 03.09 18:00",
        "Status: Not handed in",
        "",
        "§5, 1–10 есептер",
    ]
    _, (prompt,) = await main_bot.press(student, detail, data_of(detail, en("Hand in")), expect=1)
    assert buttons(prompt) == [(en("Send"), "hwgo:1"), (en("Cancel"), "hwgo:0")]

    (added,) = await main_bot.send(student, "Жауабым: x = 3")
    assert added["text"] == en("Added. Send more, or press “Send”.")
    photo = jpeg()
    (took,) = await send_photo(main_bot, student, photo)
    assert took["text"].startswith("Added photo-")
    await main_bot.press(student, prompt, "hwgo:1", edits=1)

    assert main_bot.message(student, prompt["message_id"])["text"] == f"Handed in to “{GROUP}”."
    answer = await Submission.get(student_id=room.aigerim.person_id)
    assert (answer.text, answer.status) == ("Жауабым: x = 3", "submitted")
    (stored,) = await HomeworkFile.filter(submission_id=answer.id)
    assert stored.content_type == "image/jpeg"

    (lessons, waiting) = await main_bot.send(teacher, en("Homework"), expect=2)
    assert waiting["text"] == "Answers waiting for review: 1."
    assert buttons(waiting) == [(f"Омарова Айгерім · {GROUP}", f"hwrev:{answer.id}")]
    _, (shown, sent_photo, decide) = await main_bot.press(
        teacher, waiting, f"hwrev:{answer.id}", expect=3
    )
    assert shown["text"].splitlines()[0] == f"Омарова Айгерім, {GROUP}"
    assert shown["text"].endswith("Жауабым: x = 3")
    assert main_bot.emulator.file_bytes(sent_photo["document"]["file_id"]) == photo
    assert [label for label, _ in buttons(decide)] == [
        "2",
        "3",
        "4",
        "5",
        en("Accept without a grade"),
        en("Return for rework"),
    ]
    (noted,) = await main_bot.send(teacher, "Жарайсың, бірақ жауабын тексер.")
    assert noted["text"] == en("Comment noted. Now choose.")
    # The first keyboard is out of date now; the new one takes the grade.
    answered, _ = await main_bot.press(teacher, decide, f"hwok:{answer.id}:5:0")
    assert answered.get("text") == en("This button is out of date.")
    await main_bot.press(teacher, noted, f"hwok:{answer.id}:5:0", edits=1)

    assert main_bot.message(teacher, noted["message_id"])["text"] == (
        "Reviewed: Омарова Айгерім, grade 5."
    )
    answer = await Submission.get(id=answer.id)
    assert (answer.status, answer.comment) == ("reviewed", "Жарайсың, бірақ жауабын тексер.")
    grade = await Grade.get(id=answer.grade_id)
    assert (grade.kind, grade.value) == (GradeKind.HOMEWORK, "5")
    assert (await outbox_for(room.aigerim))[-1] == (
        f"Your homework in {GROUP} is reviewed. Grade: 5.\nЖарайсың, бірақ жауабын тексер."
    )
    # The clock is on 1 September: the lessons of the 2nd and the 4th are still to come.
    assert lessons["text"] == en("You had no lessons in the last week.")


async def test_refused_files_are_named_as_they_arrive_and_left_out(
    deps: Deps, main_bot: BotHarness
):
    room = await make_classroom(deps)
    homework = await set_homework(
        deps, room.teacher, lesson_id=room.lesson_id, text="Жоба", due_at=None
    )
    student = await link(main_bot, deps, room, room.nurlan)
    (detail,) = await open_first_homework(main_bot, student, expect=1)
    _, (prompt,) = await main_bot.press(student, detail, f"hwin:{homework.id}", expect=1)

    (refused,) = await send_document(main_bot, student, EXE, "setup.exe")
    assert refused["text"] == (
        "The file setup.exe cannot be sent: only pictures, PDF, text and office documents "
        "are accepted."
    )
    big = b"a" * (deps.settings.max_upload_bytes + 1)
    (too_big,) = await send_document(main_bot, student, big, "big.txt")
    assert too_big["text"] == "The file big.txt is too large: at most 4 MB."
    (kept,) = await send_document(main_bot, student, PDF, "report.pdf")
    assert kept["text"] == "Added report.pdf."
    await main_bot.press(student, prompt, "hwgo:1", edits=1)

    answer = await Submission.get(student_id=room.nurlan.person_id)
    assert [f.filename for f in await HomeworkFile.filter(submission_id=answer.id)] == [
        "report.pdf"
    ]
    assert answer.text == ""


async def test_a_teacher_sets_homework_with_a_file_and_a_typed_due_time(
    deps: Deps, main_bot: BotHarness, clock
):
    room = await make_classroom(deps)
    clock.current = datetime(2026, 9, 2, 12, 0, tzinfo=UTC)  # after the lesson of 2 September
    teacher = await link(main_bot, deps, room, room.teacher)

    (lessons, _) = await main_bot.send(teacher, en("Homework"), expect=2)
    assert [label for label, _ in buttons(lessons)] == [f"02.09 15:00 {GROUP}"]
    _, (ask_text,) = await main_bot.press(teacher, lessons, f"hwset:{room.lesson_id}", expect=1)
    assert ask_text["text"] == f"Write the homework for {GROUP}, lesson of 02.09 15:00."
    (ask_files,) = await main_bot.send(teacher, "Параграф 6, 1–5 жаттығулар")
    (added,) = await send_document(main_bot, teacher, PDF, "Жаттығулар.pdf")
    assert added["text"] == "Added Жаттығулар.pdf."
    _, (ask_due,) = await main_bot.press(teacher, ask_files, "hwgo:1", expect=1)
    assert [label for label, _ in buttons(ask_due)] == [
        "Next lesson · 04.09 15:00",
        "In 2 days · 04.09 15:00",
        "In a week · 09.09 15:00",
        "No due date",
        "Cancel",
    ]
    (wrong,) = await main_bot.send(teacher, "ертең")
    assert wrong["text"] == "“ертең” is not a date and time. Write it like 31.12 18:00."
    (saved,) = await main_bot.send(teacher, "05.09 20:00")

    assert saved["text"] == f"The homework for {GROUP} is set, due 05.09 20:00."
    homework = await Homework.get(lesson_id=room.lesson_id)
    assert homework.text == "Параграф 6, 1–5 жаттығулар"
    assert homework.due_at == datetime(2026, 9, 5, 15, 0, tzinfo=UTC)
    assert [f.filename for f in await HomeworkFile.filter(homework_id=homework.id)] == [
        "Жаттығулар.pdf"
    ]
    assert (await outbox_for(room.yerlan)) == [
        f"New homework in {GROUP}, due 05.09 20:00:\nПараграф 6, 1–5 жаттығулар"
    ]


async def test_a_teacher_picks_a_ready_due_time_and_returns_an_answer(
    deps: Deps, main_bot: BotHarness, clock
):
    room = await make_classroom(deps)
    clock.current = datetime(2026, 9, 2, 12, 0, tzinfo=UTC)
    teacher = await link(main_bot, deps, room, room.teacher)
    (lessons, _) = await main_bot.send(teacher, en("Homework"), expect=2)
    await main_bot.press(teacher, lessons, f"hwset:{room.lesson_id}", expect=1)
    (ask_files,) = await main_bot.send(teacher, "Оқу")
    _, (ask_due,) = await main_bot.press(teacher, ask_files, "hwgo:1", expect=1)
    await main_bot.press(teacher, ask_due, "hwdue:next", edits=1)

    assert main_bot.message(teacher, ask_due["message_id"])["text"] == (
        f"The homework for {GROUP} is set, due 04.09 15:00."
    )
    homework = await Homework.get(lesson_id=room.lesson_id)
    student = await link(main_bot, deps, room, room.yerlan)
    (detail,) = await open_first_homework(main_bot, student, expect=1)
    _, (prompt,) = await main_bot.press(student, detail, f"hwin:{homework.id}", expect=1)
    await main_bot.send(student, "Оқыдым")
    await main_bot.press(student, prompt, "hwgo:1", edits=1)
    answer = await Submission.get(student_id=room.yerlan.person_id)

    (_, waiting) = await main_bot.send(teacher, en("Homework"), expect=2)
    _, (_, decide) = await main_bot.press(teacher, waiting, f"hwrev:{answer.id}", expect=2)
    refused, _ = await main_bot.press(teacher, decide, f"hwok:{answer.id}:-:1")
    assert refused["text"] == en("Say in the comment what to rework.")
    (noted,) = await main_bot.send(teacher, "Конспект жаз.")
    await main_bot.press(teacher, noted, f"hwok:{answer.id}:-:1", edits=1)

    assert main_bot.message(teacher, noted["message_id"])["text"] == (
        "Returned to Тоқаев Ерлан for rework."
    )
    assert (await Submission.get(id=answer.id)).status == "returned"
    assert (await outbox_for(room.yerlan))[-1] == (
        f"Your homework in {GROUP} was returned for rework:\nКонспект жаз."
    )


async def test_a_parent_reads_the_childs_homework_and_progress(
    deps: Deps, main_bot: BotHarness, clock
):
    room = await make_classroom(deps)
    await add_plan_item(
        deps,
        room.teacher,
        student_id=room.aigerim.person_id,
        title="Олимпиадаға дайындық",
        target_on=date(2026, 12, 20),
        progress=30,
    )
    await set_homework(
        deps, room.teacher, lesson_id=room.lesson_id, text="Эссе", due_at=local("03.09 18:00")
    )
    clock.current = datetime(2026, 9, 3, 6, 0, tzinfo=UTC)
    await give_grade(
        deps,
        room.teacher,
        group_id=room.group_id,
        student_id=room.aigerim.person_id,
        kind=GradeKind.CLASSWORK,
        value="4",
        given_on=date(2026, 9, 2),
    )
    parent = await link(main_bot, deps, room, room.parent)

    (listing,) = await main_bot.send(parent, en("Homework"))
    assert listing["text"] == (
        f"Homework of Омарова Айгерім:\n• {GROUP}, due 03.09 18:00: Not handed in"
    )
    _, (detail,) = await main_bot.press(parent, listing, buttons(listing)[0][1], expect=1)
    assert buttons(detail) == []  # read only
    (progress,) = await main_bot.send(parent, en("Progress"))

    assert progress["text"].splitlines() == [
        "Progress of Омарова Айгерім",
        f"• {GROUP}: attendance not marked yet, average 4.00",
        "",
        "Latest grades:",
        f"02.09 {GROUP}: 4 (Classwork)",
        "",
        "Homework not handed in yet: 1.",
        "",
        "Learning plan:",
        "• Олимпиадаға дайындық: 30%, by 20.12.2026",
    ]
