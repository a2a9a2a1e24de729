""" "Rating" in the main bot through the Bot API emulator (issue 7): a student's place and
the Top 10 by group, organisation and period, a parent's view of the child's place, and
setting a nickname when the organisation shows nicknames."""

from __future__ import annotations

from bots.texts import Translator
from core.actor import Actor
from core.deps import Deps
from core.services.testing_settings import RatingNames, update_testing_settings
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.test_testing_reports import QUESTIONS, right, take
from tests.testing_factories import TestCentre, make_published_test, make_test_centre

en = Translator("en")


async def link(harness: BotHarness, deps: Deps, centre: TestCentre, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English."""
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, centre.centre.admin, actor.person_id or 0, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


def data_of(message: JSON, text: str) -> str:
    return next(data for label, data in buttons(message) if label == text)


async def rated(deps: Deps) -> TestCentre:
    """Айгерім got 3 of 3, Тимур 1 of 3 in a test of their group."""
    centre = await make_test_centre(deps)
    aigerim, timur = centre.centre.students
    test_id = await make_published_test(deps, centre, questions=QUESTIONS)
    await take(deps, aigerim, test_id, [right(name) for name in QUESTIONS])
    await take(deps, timur, test_id, [right("single")])
    return centre


async def test_a_student_sees_their_place_and_the_top_10_and_a_parent_the_childs(
    deps: Deps, main_bot: BotHarness
):
    centre = await rated(deps)
    _, timur = centre.centre.students
    user = await link(main_bot, deps, centre, timur)

    (shown,) = await main_bot.send(user, en("Rating"))
    assert shown["text"].splitlines() == [
        "Rating: Group “Алгебра 7А”, This month (01.09.2026 – 01.09.2026).",
        "",
        "Your place: 2 of 2, average 33.3% (tests: 1).",
        "",
        "1. Омарова А. — 100.0% (tests: 1)",
        "▶ 2. Ким Т. — 33.3% (tests: 1)",
    ]
    labels = [label for label, _ in buttons(shown)]
    assert labels == [
        "✓ My place",
        "Top 10",
        "✓ Group “Алгебра 7А”",
        "Course “Algebra”",
        "Organisation “Білім орталығы”",
        "✓ This month",
        "All time",
    ]
    assert "Set a nickname" not in labels  # the organisation shows initials

    await main_bot.press(user, shown, data_of(shown, "Top 10"), edits=1)
    top = main_bot.message(user, shown["message_id"])
    assert top["text"].splitlines()[2:] == [
        "Top 10:",
        "1. Омарова А. — 100.0% (tests: 1)",
        "▶ 2. Ким Т. — 33.3% (tests: 1)",
    ]
    await main_bot.press(user, top, data_of(top, "Organisation “Білім орталығы”"), edits=1)
    organisation = main_bot.message(user, shown["message_id"])
    assert organisation["text"].startswith("Rating: Organisation “Білім орталығы”, This month")
    assert "✓ Top 10" in [label for label, _ in buttons(organisation)]
    await main_bot.press(user, organisation, data_of(organisation, "All time"), edits=1)
    ever = main_bot.message(user, shown["message_id"])
    assert ever["text"].splitlines()[0] == "Rating: Organisation “Білім орталығы”, all time."
    assert "✓ All time" in [label for label, _ in buttons(ever)]
    # A forged leaderboard (another organisation's id) is an out-of-date button.
    answer, _ = await main_bot.press(user, ever, "rt:0:organisation:999999:month")
    assert answer["text"] == en("This button is out of date.")

    # Айгерім's parent sees her place.
    parent = await link(main_bot, deps, centre, centre.centre.parent)
    (child,) = await main_bot.send(parent, en("Rating"))
    assert "Place of Омарова Айгерім: 1 of 2, average 100.0% (tests: 1)." in child["text"]
    assert "▶ 1. Омарова А. — 100.0% (tests: 1)" in child["text"]


async def test_a_student_sets_a_nickname(deps: Deps, main_bot: BotHarness):
    centre = await rated(deps)
    lessons = centre.centre
    await update_testing_settings(
        deps,
        lessons.admin,
        rating_names=RatingNames.NICKNAME,
        feedback_from_parents=False,
        lesson_feedback=True,
    )
    aigerim, _ = lessons.students
    user = await link(main_bot, deps, centre, aigerim)
    (shown,) = await main_bot.send(user, en("Rating"))
    _, (prompt,) = await main_bot.press(user, shown, data_of(shown, "Set a nickname"), expect=1)
    assert prompt["text"].startswith("Send the nickname to show in ratings")

    (refused,) = await main_bot.send(user, "<b>Айгерім</b>")
    assert refused["text"] == "Use only letters, digits, spaces and the signs . _ - in a nickname."
    (mixed,) = await main_bot.send(user, "Aйгерім")  # a Latin "A"
    assert mixed["text"] == (
        "Write a nickname in one alphabet: all Cyrillic or all Latin letters, not a mix of both."
    )
    (taken,) = await main_bot.send(user, "Ким Т.")
    assert taken["text"] == "The nickname “Ким Т.” is taken; choose another one."
    (saved,) = await main_bot.send(user, "Айгерім_07")
    assert saved["text"] == "Your nickname in ratings is now “Айгерім_07”."

    (again,) = await main_bot.send(user, en("Rating"))
    assert "▶ 1. Айгерім_07 — 100.0% (tests: 1)" in again["text"]
