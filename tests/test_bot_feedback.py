"""Lesson ratings and surveys in Telegram through the Bot API emulator (issue 7): a student
rates a held lesson and its teacher with a comment and the teacher's card shows it; an
anonymous survey is answered question by question. ``fsm_storage`` runs each test with the
deployment's FSM storage (memory on SQLite, Redis on PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.models.feedback import LessonFeedback, SurveyResponse
from core.services.chat_bridge import set_telegram_bridge
from core.services.conversations import list_conversations
from core.services.feedback import tick
from core.services.messages import send_message
from core.services.surveys import send_survey, survey_results
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.lesson_factories import LessonCentre, make_lesson_centre
from tests.test_bot_chat import reply
from tests.test_feedback import held_lesson
from tests.test_surveys import classmates, survey_for_group
from tests.web import open_panel, text_of

en = Translator("en")


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def link(harness: BotHarness, deps: Deps, centre: LessonCentre, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English; returns their id."""
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, centre.admin, actor.person_id or 0, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


async def group_chat(deps: Deps, centre: LessonCentre) -> int:
    """The conversation of the centre's group."""
    chats = await list_conversations(deps, centre.teacher)
    return next(chat.id for chat in chats if chat.title == "Алгебра 7А")


async def test_a_student_rates_the_lesson_and_the_teacher_and_the_card_shows_it(
    deps: Deps, clock, main_bot: BotHarness, worker: DeliveryWorker
):
    held = await held_lesson(deps, clock, link=False)
    centre, lesson = held.centre, held.lesson_id
    student = await link(main_bot, deps, centre, held.aigerim)

    assert await tick(deps) == 1
    assert (await worker.run_once()).sent == 1
    request = main_bot.sent(student)[-1]
    assert request["text"] == (
        "How was the lesson Algebra (Алгебра 7А) on 01.09 12:00? "
        "Rate it from 1 (poor) to 5 (excellent)."
    )
    assert buttons(request) == [(str(n), f"fb:{lesson}:{n}") for n in range(1, 6)]

    answer, _ = await main_bot.press(student, request, f"fb:{lesson}:4", edits=1)
    assert answer["text"] == "Saved."
    asked = main_bot.message(student, request["message_id"])
    assert asked["text"] == (
        "The lesson Algebra (Алгебра 7А) on 01.09 12:00: 4 of 5. And the teacher, Ахметов Ерлан?"
    )
    assert buttons(asked) == [(str(n), f"fbt:{lesson}:{n}") for n in range(1, 6)]

    await main_bot.press(student, asked, f"fbt:{lesson}:5", edits=1)
    summary = (
        "Thank you! Your feedback on Algebra (Алгебра 7А) on 01.09 12:00: the lesson 4 of 5, "
        "the teacher 5 of 5."
    )
    offer = main_bot.message(student, request["message_id"])
    assert offer["text"] == summary + "\n\nAdd a comment? Write it in a message, or press “Skip”."
    assert buttons(offer) == [("Skip", f"fbs:{lesson}")]

    (thanks,) = await main_bot.send(student, "Жақсы сабақ <b>болды</b>")
    assert thanks["text"] == "Your comment is saved. Thank you!"
    closed = main_bot.message(student, request["message_id"])
    assert (closed["text"], buttons(closed)) == (summary, [])
    (row,) = await LessonFeedback.all()
    assert (row.lesson_rating, row.teacher_rating, row.comment) == (
        4,
        5,
        "Жақсы сабақ <b>болды</b>",
    )
    # "Skip" of the finished request is out of date; a week later the request has expired.
    answer, _ = await main_bot.press(student, closed, f"fbs:{lesson}")
    assert answer["text"] == en(STALE_BUTTON)
    clock.advance(timedelta(days=8))
    await main_bot.press(student, closed, f"fb:{lesson}:1", edits=1)
    assert main_bot.message(student, request["message_id"])["text"] == (
        "Ratings of this lesson are closed: a lesson can be rated within 7 days."
    )
    assert (await LessonFeedback.get(id=row.id)).lesson_rating == 4

    clock.advance(timedelta(days=-8))
    teacher = centre.teacher.person_id
    async with open_panel(deps) as panel:
        await panel.sign_in(centre.login(centre.admin))
        _, card = await panel.get(f"/people/{teacher}")
        assert "Teacher rating, 90 days 5.0 ★ (1 rating)" in text_of(card)
        _, teachers = await panel.get("/people?role=teacher")
        assert "Ахметов Ерлан Teacher 5.0 ★ (1 rating)" in text_of(teachers)


async def test_the_comment_prompt_takes_no_chat_reply_and_no_text_after_half_an_hour(
    deps: Deps, clock, main_bot: BotHarness, worker: DeliveryWorker
):
    held = await held_lesson(deps, clock, link=False)
    centre, lesson = held.centre, held.lesson_id
    student = await link(main_bot, deps, centre, held.aigerim)
    await set_telegram_bridge(deps, held.aigerim, on=True)  # group chat messages come too
    await tick(deps)
    await worker.run_once()
    request = main_bot.sent(student)[-1]
    await main_bot.press(student, request, f"fb:{lesson}:4", edits=1)
    await main_bot.press(student, request, f"fbt:{lesson}:5", edits=1)

    # A chat message arrives meanwhile: the reply to it goes to the chat, not into the comment.
    await send_message(
        deps, held.timur, conversation_id=await group_chat(deps, centre), text="Сәлем!"
    )
    await worker.run_once()
    bridged = main_bot.sent(student)[-1]
    assert bridged["text"] == "Алгебра 7А — Ким Тимур\nСәлем!"
    chat_reply = await reply(main_bot, student, bridged, "Сәлем, Тимур")
    assert chat_reply["text"] == "Sent to “Алгебра 7А”."

    # Half an hour later the prompt takes nothing: "привет" is not a comment.
    clock.advance(timedelta(minutes=31))
    (menu,) = await main_bot.send(student, "привет")
    assert menu["text"] == "Please choose an item from the menu."
    skip, _ = await main_bot.press(student, request, f"fbs:{lesson}")
    assert skip["text"] == en(STALE_BUTTON)
    (row,) = await LessonFeedback.all()
    assert (row.lesson_rating, row.teacher_rating, row.comment) == (4, 5, "")


async def put_aside(harness: BotHarness, user: int, invite: JSON, survey_id: int) -> None:
    """The user opens the survey and sends a command: the survey is put aside, and the
    question's buttons are out of date."""
    _, (_, opened) = await harness.press(user, invite, f"survey:{survey_id}", expect=2)
    left, menu = await harness.send(user, "/menu", expect=2)
    assert (left["text"], menu["text"]) == (
        "The survey is put aside and nothing was sent. To answer it, press “Answer the "
        "survey” under its message again.",
        "Here is the menu.",
    )
    stale, _ = await harness.press(user, opened, f"sva:{survey_id}:0:0")
    assert stale["text"] == en(STALE_BUTTON)


async def test_an_anonymous_survey_is_answered_question_by_question_once(
    deps: Deps, clock, main_bot: BotHarness, worker: DeliveryWorker
):
    centre = await make_lesson_centre(deps)
    student = await link(main_bot, deps, centre, centre.students[0])
    parent = await link(main_bot, deps, centre, centre.parent)
    await classmates(deps, centre)
    survey_id = await survey_for_group(deps, centre)
    await send_survey(deps, centre.admin, survey_id=survey_id)
    await worker.run_once()
    invite = main_bot.sent(student)[-1]
    assert invite["text"] == (
        "A new survey: “Күз 2026”. It is anonymous: your name is not kept with your answers."
    )
    assert buttons(invite) == [("Answer the survey", f"survey:{survey_id}")]

    await put_aside(main_bot, student, invite, survey_id)  # a command half-way
    _, (intro, first) = await main_bot.press(student, invite, f"survey:{survey_id}", expect=2)
    assert intro["text"] == (
        "“Күз 2026”, 6 questions.\n"
        "This survey is anonymous: your answers are saved without your name."
    )
    assert first["text"] == "Question 1 of 6: How is the timetable?"
    assert buttons(first) == [
        ("Good", f"sva:{survey_id}:0:0"),
        ("Too early", f"sva:{survey_id}:0:1"),
        ("Too late", f"sva:{survey_id}:0:2"),
    ]
    _, (second,) = await main_bot.press(student, first, f"sva:{survey_id}:0:1", expect=1, edits=1)
    assert main_bot.message(student, first["message_id"])["text"].endswith(
        "Your answer: Too early"
    )
    await main_bot.press(student, second, f"svt:{survey_id}:1:0", edits=1)
    await main_bot.press(student, second, f"svt:{survey_id}:1:2", edits=1)
    ticked = main_bot.message(student, second["message_id"])
    assert [label for label, _ in buttons(ticked)] == [
        "✓ Olympiads",
        "Chess",
        "✓ Robotics",
        "Next",
    ]
    _, (third,) = await main_bot.press(student, ticked, f"svn:{survey_id}:1", expect=1, edits=1)
    assert buttons(third) == [("Yes", f"sva:{survey_id}:2:1"), ("No", f"sva:{survey_id}:2:0")]
    _, (fourth,) = await main_bot.press(student, third, f"sva:{survey_id}:2:1", expect=1, edits=1)
    assert [label for label, _ in buttons(fourth)] == ["1", "2", "3", "4", "5"]
    (tapped_text,) = await main_bot.send(student, "5")  # a rating is tapped, not typed
    assert tapped_text["text"] == "Choose one of the answers above."
    _, (fifth,) = await main_bot.press(student, fourth, f"sva:{survey_id}:3:4", expect=1, edits=1)
    assert fifth["text"] == "Question 5 of 6: Anything else?\nWrite your answer in a message."
    clock.advance(timedelta(hours=1))  # a reply to the question is taken however late
    sixth = await reply(main_bot, student, fifth, "Рахмет!")
    (not_a_number,) = await main_bot.send(student, "көп")
    assert not_a_number["text"] == "Type a number, like 12 or 3,5."
    (done,) = await main_bot.send(student, "3,5")
    assert done["text"] == "Thank you! Your answers to “Күз 2026” are sent."
    assert sixth["text"].startswith("Question 6 of 6")

    (response,) = await SurveyResponse.filter(survey_id=survey_id)
    assert response.respondent_id is None  # type: ignore[attr-defined]
    assert response.answers == [
        {"choice": 1},
        {"choices": [0, 2]},
        {"value": True},
        {"value": 4},
        {"text": "Рахмет!"},
        {"text": "3,5"},
    ]
    results = await survey_results(centre.admin, survey_id=survey_id, language="en")
    assert (results.responses, results.survey.answered, results.survey.recipients) == (1, 1, 5)
    assert results.withheld  # one answer of an anonymous survey is not shown

    # A second answer is refused, an old button is out of date, a non-recipient is told so.
    again, _ = await main_bot.press(student, invite, f"survey:{survey_id}")
    assert again["text"] == "You have answered this survey already."
    stale, _ = await main_bot.press(student, first, f"sva:{survey_id}:0:0")
    assert stale["text"] == en(STALE_BUTTON)
    greeting = main_bot.sent(parent)[-1]
    refused, _ = await main_bot.press(parent, greeting, f"survey:{survey_id}")
    assert refused["text"] == "This survey was not sent to you."
    assert await SurveyResponse.filter(survey_id=survey_id).count() == 1
