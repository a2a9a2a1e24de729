"""Taking a test in the main bot through the Bot API emulator (issue 7): a student answers
five questions of different kinds (taps, quick toggles, typing, pairs, an order), is
interrupted and resumes on the same question, sends a photo and answers a chat message while
a typed answer is awaited, presses a button of a question left behind, finishes and reviews
the mistakes; another test times out (in Russian, on the pass/fail scale, its review opening
only after the last attempt); a parent reads the results; a long card and a long list fit
in Telegram's messages. ``fsm_storage`` runs each test with the deployment's FSM storage
(memory or Redis)."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image

from bots.delivery import DeliveryWorker, Sender
from bots.routers.tests import REVIEW_LATER, TYPE_AS_TEXT
from bots.texts import Translator
from core.actor import Actor
from core.attachments import store
from core.clock import FrozenClock
from core.deps import Deps
from core.models.lessons import Grade
from core.models.testing import Attempt, AttemptAnswer, Question, Test
from core.question_kinds import TRUE
from core.services.chat_bridge import set_telegram_bridge
from core.services.conversations import list_conversations
from core.services.lesson_settings import GradeScale, LessonSettingsData, update_lesson_settings
from core.services.messages import send_message
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.testing_factories import TestCentre, make_published_test, make_test_centre

en, ru = Translator("en"), Translator("ru")
TITLE = "Контрольная: уравнения"


async def link(
    harness: BotHarness, deps: Deps, centre: TestCentre, actor: Actor, language: str = "en"
) -> int:
    """A Telegram user linked to the actor's person, speaking ``language``; their id."""
    assert actor.person_id is not None
    user = harness.add_user(language_code=language)
    welcome = await link_person(harness, deps, centre.centre.admin, actor.person_id, user)
    await harness.press(user, welcome, f"lang:{language}", expect=1)
    return user


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


async def with_picture(deps: Deps, centre: TestCentre, name: str) -> bytes:
    """Give the bank's question ``name`` a picture; its bytes."""
    picture = png()
    key = store(deps.settings, picture)
    await Question.filter(id=centre.questions[name]).update(image_key=key)
    return picture


def data_of(message: JSON, label: str) -> str:
    """The callback data of the button labelled ``label``."""
    return next(data for text, data in buttons(message) if text == label)


async def tap(
    bot: BotHarness, user: int, message: JSON, label: str, *, expect: int = 1
) -> tuple[JSON, list[JSON]]:
    """Press the button ``label`` under the message as it is now; the callback answer and
    the new messages (an answer also edits the question's message)."""
    current = bot.message(user, message["message_id"])
    return await bot.press(user, current, data_of(current, label), expect=expect, edits=1)


async def press_quietly(bot: BotHarness, user: int, message: JSON, label: str) -> JSON:
    """Press ``label`` under the message as first shown, check the bot sent nothing new,
    and return the callback's answer."""
    before = len(bot.sent(user))
    answer, _ = await bot.press(user, message, data_of(message, label))
    assert len(bot.sent(user)) == before
    return answer


async def open_test(
    bot: BotHarness, user: int, test_id: int, *, expect: int = 1, _: Translator = en
) -> list[JSON]:
    """ "Tests" → the test → "Start" or "Continue"; the messages shown."""
    (listing,) = await bot.send(user, _("Tests"))
    _, (card,) = await bot.press(user, listing, f"test:start:{test_id}", expect=1)
    ((_label, data),) = buttons(card)
    assert data == f"test:go:{test_id}"
    _, shown = await bot.press(user, card, data, expect=expect)
    return shown


async def quick_toggles_then_next(
    bot: BotHarness, user: int, question: JSON, labels: tuple[str, ...]
) -> JSON:
    """Tap the options ``labels`` and then "Next", all on the multiple-choice ``question``
    as first shown (never redrawn between the taps); the next question."""
    for label in labels:
        await bot.press(user, question, data_of(question, label), edits=1)
    toggled = {label for label, _ in buttons(bot.message(user, question["message_id"]))}
    assert {f"✓ {label}" for label in labels} | {"Next"} <= toggled
    _, (after,) = await bot.press(user, question, data_of(question, "Next"), expect=1, edits=1)
    return after


async def photo_and_chat_reply(
    bot: BotHarness, deps: Deps, centre: TestCentre, user: int
) -> tuple[JSON, JSON]:
    """The first student (``user``) sends a photo; then the group's teacher writes in the
    group chat, the copy reaches the student in Telegram (the bridge on) and they reply to
    it. The bot's answers to the photo and to the reply."""
    count = len(bot.sent(user)) + 1
    await bot.emulator.user_sends_photo(bot.token, user, png())
    told = (await bot.emulator.wait_sent(bot.token, user, count=count))[-1]
    student, teacher = centre.centre.students[0], centre.centre.teacher
    await set_telegram_bridge(deps, student, on=True)
    chat = next(
        found
        for found in await list_conversations(deps, teacher)
        if found.group_id == centre.centre.group_id
    )
    await send_message(deps, teacher, conversation_id=chat.id, text="Завтра контрольная")
    sender = Sender(bot.bot, per_second=1000, private_interval=0, group_interval=0)
    try:
        await DeliveryWorker(deps, sender, lease_seconds=60).run_once()
    finally:
        sender.uninstall()
    bridged = next(m for m in bot.sent(user) if m["text"].endswith("Завтра контрольная"))
    count = len(bot.sent(user)) + 1
    await bot.emulator.user_sends(
        bot.token, user, "Хорошо, спасибо", reply_to_message_id=bridged["message_id"]
    )
    return told, (await bot.emulator.wait_sent(bot.token, user, count=count))[-1]


async def match_and_order(bot: BotHarness, user: int, matching: JSON) -> JSON:
    """Answer the matching question with one pair wrong, and the ordering question after a
    wrong start and "Start over"; the message that comes next."""
    assert "👉 1/2 → …" in matching["text"]
    await tap(bot, user, matching, "0,25", expect=0)  # 1/2 ↔ 0,25 and 1/4 ↔ 0,5: wrong
    await tap(bot, user, matching, "0,5", expect=0)
    _, (ordering,) = await tap(bot, user, matching, "0,75")
    await tap(bot, user, ordering, "1/2", expect=0)
    assert "Your order so far: 1/2" in bot.message(user, ordering["message_id"])["text"]
    await tap(bot, user, ordering, "Start over", expect=0)
    for item in ("1/8", "1/4"):
        await tap(bot, user, ordering, item, expect=0)
    _, (after,) = await tap(bot, user, ordering, "1/2")
    return after


async def test_a_student_takes_a_test_resumes_it_and_reviews_the_mistakes(
    deps: Deps, main_bot: BotHarness
):
    centre = await make_test_centre(deps)
    test_id = await make_published_test(
        deps,
        centre,
        questions=("single", "multiple", "short", "matching", "ordering"),
        time_limit_minutes=30,
        show_review=True,
    )
    student = await link(main_bot, deps, centre, centre.centre.students[0])

    (listing,) = await main_bot.send(student, en("Tests"))
    assert listing["text"] == f"Your tests:\n• {TITLE}: attempts left: 1, not taken yet"
    _, (card,) = await main_bot.press(student, listing, f"test:start:{test_id}", expect=1)
    assert card["text"].splitlines() == [
        f"“{TITLE}”",
        "Questions: 5",
        "Time limit: 30 min",
        "Attempts left: 1 of 1",
    ]
    _, (first,) = await main_bot.press(student, card, data_of(card, "Start"), expect=1)
    assert first["text"].splitlines()[:3] == [
        "Question 1 of 5 · ⏱ 30 min left",
        "",
        "Чему равен x, если 2x = 6?",
    ]
    assert sorted(label for label, _ in buttons(first)) == ["12", "3", "4", "Finish now"]

    _, (second,) = await tap(main_bot, student, first, "3")
    answered = main_bot.message(student, first["message_id"])
    assert answered["text"].endswith("Your answer: 3")
    assert not buttons(answered)  # old buttons are gone

    # Multiple choice: quick taps on the message as it was first shown (before the bot
    # redraws it) each toggle their option; "Next" there keeps them all.
    third = await quick_toggles_then_next(main_bot, student, second, ("2", "-2"))
    assert main_bot.message(student, second["message_id"])["text"].endswith("Your answer: 2; -2")
    assert third["text"].startswith("Question 3 of 5")
    attempt = await Attempt.get(student_id=centre.centre.students[0].person_id)
    multiple = await AttemptAnswer.get(attempt_id=attempt.id, position=1)
    assert multiple.answer is not None and sorted(multiple.answer["choices"]) == [0, 1]

    # Interrupted before typing the answer: /start, then "Tests" → "Continue".
    await main_bot.send(student, "/start")
    (listing,) = await main_bot.send(student, en("Tests"))
    assert listing["text"] == f"Your tests:\n• {TITLE}: in progress"
    _, (card,) = await main_bot.press(student, listing, f"test:start:{test_id}", expect=1)
    assert "Attempt 1 of 1 is in progress." in card["text"]
    _, (resumed,) = await main_bot.press(student, card, data_of(card, "Continue"), expect=1)
    assert resumed["text"].splitlines()[0] == "Question 3 of 5 · ⏱ 30 min left"
    assert "Как называется число x" in resumed["text"]

    # A photo instead of the typed answer is asked to be typed; a reply to a group chat
    # message meanwhile goes to the chat, not into the test.
    told, answer_in_chat = await photo_and_chat_reply(main_bot, deps, centre, student)
    assert told["text"] == en(TYPE_AS_TEXT)
    assert answer_in_chat["text"] == en("Sent to “{group}”.", group="Алгебра 7А")
    assert (await AttemptAnswer.get(attempt_id=attempt.id, position=2)).answer is None

    (fourth,) = await main_bot.send(student, "Корень")
    assert main_bot.message(student, resumed["message_id"])["text"].endswith("Your answer: Корень")

    # A button of a question left behind: told, and nothing changes.
    stale = await press_quietly(main_bot, student, first, "4")
    assert stale["show_alert"]
    assert stale["text"] == (
        "That button belongs to a question you have left; answer question 4 instead."
    )
    first_answer = await AttemptAnswer.get(attempt_id=attempt.id, position=0)
    assert first_answer.answer == {"choice": 0}

    finish = await match_and_order(main_bot, student, fourth)
    assert finish["text"] == "All 5 questions are answered. Finish the test?"

    _, (result,) = await main_bot.press(student, finish, data_of(finish, "Finish"), expect=1)
    # 1 + 2 + 1 + ⅓ + 1 of 6 points.
    assert result["text"].splitlines() == [
        f"Result of “{TITLE}”: 5.333 of 6 points, 88%.",
        "Passed.",
        "Grade: 4.",
    ]
    attempt = await Attempt.get(id=attempt.id)
    assert (attempt.score, attempt.max_score, attempt.passed) == (5333, 6000, True)
    assert (await Grade.get(id=attempt.grade_id)).value == "4"
    # A question's button pressed after the finish: the test is over, nothing is re-sent.
    late = await press_quietly(main_bot, student, second, "Next")
    assert late["text"] == "This test is finished."

    _, (review,) = await main_bot.press(
        student, result, data_of(result, "Review my mistakes"), expect=1
    )
    assert review["text"].splitlines() == [
        "Your mistakes:",
        "",
        "4. Сопоставьте дробь и десятичную запись.",
        "Your answer: 1/2 → 0,25; 1/4 → 0,5; 3/4 → 0,75",
        "Right answer: 1/2 → 0,5; 1/4 → 0,25; 3/4 → 0,75",
        "Points: 0.333 of 1.",
    ]


async def test_time_runs_out_and_a_parent_reads_the_result(
    deps: Deps, main_bot: BotHarness, clock: FrozenClock
):
    centre = await make_test_centre(deps)
    await update_lesson_settings(
        deps, centre.centre.admin, data=LessonSettingsData(grade_scale=GradeScale.PASS_FAIL)
    )
    test_id = await make_published_test(
        deps,
        centre,
        questions=("single", "true_false"),
        time_limit_minutes=10,
        attempts_allowed=2,
        show_review=True,
    )
    picture = await with_picture(deps, centre, "single")
    student = await link(main_bot, deps, centre, centre.centre.students[0], "ru")
    parent = await link(main_bot, deps, centre, centre.centre.parent)

    photo, first = await open_test(main_bot, student, test_id, expect=2, _=ru)
    assert main_bot.emulator.file_bytes(photo["photo"][-1]["file_id"]) == picture
    assert first["text"].startswith(
        ru("Question {number} of {total}", number=1, total=2)
        + " · "
        + ru("⏱ {minutes} min left", minutes=10)
    )
    _, (second,) = await tap(main_bot, student, first, "3")
    clock.advance(timedelta(minutes=11))
    _, (result,) = await main_bot.press(student, second, data_of(second, ru(TRUE)), expect=1)

    assert not buttons(main_bot.message(student, second["message_id"]))
    # The grade in the reader's language ("зачёт", not "pass"); the review opens only
    # after the last attempt, and the student is told so.
    assert result["text"].splitlines() == [
        ru("Time is up."),
        ru(
            "Result of “{title}”: {score} of {most} points, {percent}%.",
            title=TITLE,
            score="1",
            most="2",
            percent=50,
        ),
        ru("Passed."),
        ru("Grade: {grade}.", grade="зачёт"),
        ru(REVIEW_LATER),
    ]
    assert not buttons(result)
    attempt = await Attempt.get(test_id=test_id)
    assert attempt.timed_out
    assert (await AttemptAnswer.get(attempt_id=attempt.id, position=1)).answer is None

    (listing,) = await main_bot.send(parent, en("Tests"))
    assert listing["text"] == (
        f"Tests of Омарова Айгерім:\n• {TITLE}: attempts left: 1, best result 50%"
    )
    assert not buttons(listing)
    # A parent cannot start the child's test.
    refused, _ = await main_bot.press(parent, listing, f"test:go:{test_id}")
    assert refused["text"] == en("This button is out of date.")
    assert await Attempt.filter(test_id=test_id).count() == 1


async def test_a_long_card_and_a_long_list_fit_in_telegram_messages(
    deps: Deps, main_bot: BotHarness
):
    centre = await make_test_centre(deps)
    titles = [f"{number} " + "Очень длинное название контрольной " * 6 for number in range(18)]
    test_ids = [
        await make_published_test(deps, centre, questions=("single",), title=title[:200])
        for title in titles
    ]
    await Test.filter(id=test_ids[0]).update(instructions="Прочитайте внимательно. " * 200)
    student = await link(main_bot, deps, centre, centre.centre.students[0])

    (listing,) = await main_bot.send(student, en("Tests"))
    assert len(listing["text"]) <= 4096
    labels = [label for label, _ in buttons(listing)]
    assert len(labels) == 18
    assert all(len(label) <= 60 and label.endswith("…") for label in labels)
    _, (card,) = await main_bot.press(student, listing, f"test:start:{test_ids[0]}", expect=1)
    lines = card["text"].splitlines()
    assert len(card["text"]) <= 4096
    assert lines[1].startswith("Прочитайте внимательно.") and lines[1].endswith("…")
    assert lines[-3:] == ["Questions: 1", "No time limit.", "Attempts left: 1 of 1"]
