"""Taking a test in the main bot through the Bot API emulator (issue 7): a student answers
five questions of different kinds (taps, toggles, typing, pairs, an order), is interrupted
and resumes on the same question, presses a button of a question left behind, finishes and
reviews the mistakes; another test times out; a parent reads the results.
``fsm_storage`` runs each test with the deployment's FSM storage (memory or Redis)."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image

from bots.texts import Translator
from core.actor import Actor
from core.attachments import store
from core.clock import FrozenClock
from core.deps import Deps
from core.models.lessons import Grade
from core.models.testing import Attempt, AttemptAnswer, Question
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.testing_factories import TestCentre, make_published_test, make_test_centre

en = Translator("en")
TITLE = "Контрольная: уравнения"


async def link(harness: BotHarness, deps: Deps, centre: TestCentre, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English; returns their id."""
    assert actor.person_id is not None
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, centre.centre.admin, actor.person_id, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


async def with_picture(deps: Deps, centre: TestCentre, name: str) -> bytes:
    """Give the bank's question ``name`` a picture; its bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(buffer, format="PNG")
    picture = buffer.getvalue()
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


async def open_test(bot: BotHarness, user: int, test_id: int, *, expect: int = 1) -> list[JSON]:
    """ "Tests" → the test → "Start" or "Continue"; the messages shown."""
    (listing,) = await bot.send(user, en("Tests"))
    _, (card,) = await bot.press(user, listing, f"test:start:{test_id}", expect=1)
    ((_label, data),) = buttons(card)
    assert data == f"test:go:{test_id}"
    _, shown = await bot.press(user, card, data, expect=expect)
    return shown


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

    # Multiple choice: taps toggle, marked with ✓, then "Next".
    await tap(main_bot, student, second, "2", expect=0)
    await tap(main_bot, student, second, "-2", expect=0)
    toggled = main_bot.message(student, second["message_id"])
    assert {"✓ 2", "✓ -2", "4", "0", "Next"} <= {label for label, _ in buttons(toggled)}
    _, (third,) = await tap(main_bot, student, second, "Next")
    assert main_bot.message(student, second["message_id"])["text"].endswith("Your answer: 2; -2")
    assert third["text"].startswith("Question 3 of 5")

    # Interrupted before typing the answer: /start, then "Tests" → "Continue".
    await main_bot.send(student, "/start")
    (listing,) = await main_bot.send(student, en("Tests"))
    assert listing["text"] == f"Your tests:\n• {TITLE}: in progress"
    _, (card,) = await main_bot.press(student, listing, f"test:start:{test_id}", expect=1)
    assert "Attempt 1 of 1 is in progress." in card["text"]
    _, (resumed,) = await main_bot.press(student, card, data_of(card, "Continue"), expect=1)
    assert resumed["text"].splitlines()[0] == "Question 3 of 5 · ⏱ 30 min left"
    assert "Как называется число x" in resumed["text"]

    (fourth,) = await main_bot.send(student, "Корень")
    assert main_bot.message(student, resumed["message_id"])["text"].endswith("Your answer: Корень")

    # A button of a question left behind: told, and nothing changes.
    before = len(main_bot.sent(student))
    stale, _ = await main_bot.press(student, first, data_of(first, "4"))
    assert stale["show_alert"]
    assert stale["text"] == (
        "That button belongs to a question you have left; answer question 4 instead."
    )
    assert len(main_bot.sent(student)) == before
    attempt = await Attempt.get(student_id=centre.centre.students[0].person_id)
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
    test_id = await make_published_test(
        deps, centre, questions=("single", "true_false"), time_limit_minutes=10
    )
    picture = await with_picture(deps, centre, "single")
    student = await link(main_bot, deps, centre, centre.centre.students[0])
    parent = await link(main_bot, deps, centre, centre.centre.parent)

    photo, first = await open_test(main_bot, student, test_id, expect=2)
    assert main_bot.emulator.file_bytes(photo["photo"][-1]["file_id"]) == picture
    assert first["text"].startswith("Question 1 of 2 · ⏱ 10 min left")
    _, (second,) = await tap(main_bot, student, first, "3")
    clock.advance(timedelta(minutes=11))
    _, (result,) = await main_bot.press(student, second, data_of(second, "True"), expect=1)

    assert not buttons(main_bot.message(student, second["message_id"]))
    assert result["text"].splitlines() == [
        "Time is up.",
        f"Result of “{TITLE}”: 1 of 2 points, 50%.",
        "Passed.",
        "Grade: 3.",
    ]
    assert not buttons(result)  # the test does not allow a review
    attempt = await Attempt.get(test_id=test_id)
    assert attempt.timed_out
    assert (await AttemptAnswer.get(attempt_id=attempt.id, position=1)).answer is None

    (listing,) = await main_bot.send(parent, en("Tests"))
    assert listing["text"] == (
        f"Tests of Омарова Айгерім:\n• {TITLE}: no attempts left, best result 50%"
    )
    assert not buttons(listing)
    # A parent cannot start the child's test.
    refused, _ = await main_bot.press(parent, listing, f"test:go:{test_id}")
    assert refused["text"] == en("This button is out of date.")
    assert await Attempt.filter(test_id=test_id).count() == 1
