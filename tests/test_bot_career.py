"""The career bot through the Bot API emulator (issue 9): a grade-9 student takes the full
interest inventory in Kazakh, is interrupted and resumes, an old button changes nothing, and
the result ends in explained suggestions and the sources; a flat profile, crisis messages
(answered with the helplines before anything else) and an unlinked user. Service tests:
another student's attempt and idempotent answers. ``fsm_storage`` runs each bot test with
the deployment's FSM storage (memory on SQLite, Redis on PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bots.texts import (
    ASK_AIM,
    ASK_GRADE,
    CRISIS_REPLY,
    NO_CLEAR_INTERESTS,
    UNKNOWN_USER,
    USE_THE_BUTTONS,
    Translator,
)
from core.actor import Actor
from core.career.inventory import item
from core.career.notice import attribution
from core.deps import Deps
from core.errors import Conflict, NotFound
from core.models.career import CareerAnswer
from core.safety import HELPLINES
from core.services.career import answer_item, current_item, start_inventory
from core.services.people import Role
from core.services.telegram import link_telegram
from tests.bots import JSON, BotHarness, buttons, invitation_code
from tests.factories import make_member, make_organisation

kk = Translator("kk")
ru = Translator("ru")

#: A student who likes hands-on work most, then finding things out, then order.
REALISTIC = {"r": 5, "i": 4, "c": 3, "a": 2, "s": 2, "e": 1}


@dataclass(frozen=True)
class School:
    admin: Actor
    student: Actor
    other: Actor


@pytest.fixture
async def school(deps: Deps) -> School:
    system = await make_organisation(deps, name="№12 мектеп-гимназия")
    admin = await make_member(deps, system, Role.ADMIN)
    student = await make_member(deps, system, Role.STUDENT, first_name="Айбек")
    other = await make_member(deps, system, Role.STUDENT, first_name="Дана")
    return School(admin, student, other)


@pytest.fixture
def bot(career_bot: BotHarness) -> BotHarness:
    return career_bot


async def linked_user(deps: Deps, bot: BotHarness, school: School, student: Actor) -> int:
    user = bot.add_user(language_code="kk")
    code = await invitation_code(deps, school.admin, student.person_id or 0)
    await link_telegram(deps, code=code, telegram_user_id=user, language="kk")
    return user


async def start_taking(bot: BotHarness, user: int, grade: int) -> JSON:
    """/start, "Take the interest inventory", the grade; returns the first question."""
    (menu,) = await bot.send(user, "/start")
    _, (asked,) = await bot.press(user, menu, "crm:take", expect=1)
    assert asked["text"] == kk(ASK_GRADE)
    _, (first,) = await bot.press(user, asked, f"crg:{grade}", expect=1)
    return first


def item_of(question: JSON) -> str:
    """The item id a question's buttons answer."""
    return buttons(question)[0][1].split(":")[2]


async def answer(bot: BotHarness, user: int, question: JSON, value: int) -> JSON:
    """Press the answer ``value`` under ``question``; returns the bot's next message."""
    data = buttons(question)[value - 1][1]
    assert data.endswith(f":{value}")
    _, (following,) = await bot.press(user, question, data, expect=1)
    return following


async def answer_all(bot: BotHarness, user: int, question: JSON, count: int, values) -> JSON:
    for _ in range(count):
        question = await answer(bot, user, question, values(item_of(question)))
    return question


def realistic(item_id: str) -> int:
    return REALISTIC[item(item_id).type.lower()]


async def test_a_grade_9_student_takes_the_full_form_in_kazakh_resumes_and_gets_suggestions(
    deps: Deps, bot: BotHarness, school: School
):
    user = await linked_user(deps, bot, school, school.student)
    first = await start_taking(bot, user, 9)
    assert first["text"].startswith("Сұрақ 1 / 60")
    assert item(item_of(first)).text["kk"] in first["text"]
    assert buttons(first)[0][0] == "Мүлдем ұнамайды"

    halfway = await answer_all(bot, user, first, 25, realistic)
    # Interrupted: days later, /start shows the same question again.
    (resumed,) = await bot.send(user, "/start")
    assert resumed["text"] == halfway["text"]
    assert resumed["text"].startswith("Сұрақ 26 / 60")
    assert item_of(resumed) == item_of(halfway) == "f-a06"

    # The first question's old button is refused and changes nothing.
    toast, new = await bot.press(user, first, buttons(first)[0][1])
    assert (toast["text"], new) == ("Бұл сұраққа жауап берілген.", [])
    view = await current_item(deps, school.student)
    assert view is not None and view.answered == 25
    first_answer = await CareerAnswer.get(attempt_id=view.id, item_id="f-r01")
    assert first_answer.value == 5

    result = await answer_all(bot, user, resumed, 35, realistic)
    assert result["text"].startswith("Сіздің қызығушылық кодыңыз: RIC.")
    assert kk(ASK_AIM) in result["text"]
    aims = buttons(result)
    assert aims[2] == ("Университет", "crz:3")

    _, (suggested,) = await bot.press(user, result, "crz:3", expect=1)
    text = suggested["text"]
    assert text.startswith("Сіздің қызығушылықтарыңызға сай мамандықтар:")
    assert "өте сай келеді" in text  # the best band
    liked = item("f-r01").text["kk"].rstrip(".")
    assert f"себебі сізге ұнады: {liked}; " in text  # liked items, in Kazakh
    assert buttons(suggested) == [("Дереккөздер", "crm:sources")]

    _, (sources,) = await bot.press(user, suggested, "crm:sources", expect=1)
    assert sources["text"] == attribution()
    assert "O*NET" in sources["text"]


async def test_a_flat_profile_gets_encouragement_not_occupations(
    deps: Deps, bot: BotHarness, school: School
):
    user = await linked_user(deps, bot, school, school.student)
    first = await start_taking(bot, user, 6)
    assert first["text"].startswith("Сұрақ 1 / 30")
    assert buttons(first)[4][0].startswith("😍")

    result = await answer_all(bot, user, first, 30, lambda _item: 3)

    assert result["text"] == kk(NO_CLEAR_INTERESTS)
    assert "crz:" not in str(buttons(result))


async def test_crisis_messages_get_the_helplines_and_the_inventory_does_not_advance(
    deps: Deps, bot: BotHarness, school: School
):
    user = await linked_user(deps, bot, school, school.student)
    first = await start_taking(bot, user, 9)
    await answer(bot, user, first, 4)

    for text in ("Я не хочу жить", "Өзімді өлтіргім келеді", "ozimdi oltiremin"):
        (reply,) = await bot.send(user, text)
        assert reply["text"] == kk(CRISIS_REPLY) + "\n\n" + kk(HELPLINES)
        assert "150" in reply["text"] and "112" in reply["text"]
        assert buttons(reply) == []

    view = await current_item(deps, school.student)
    assert view is not None and view.answered == 1
    (hinted,) = await bot.send(user, "сәлем")
    assert hinted["text"] == kk(USE_THE_BUTTONS)


async def test_a_russian_crisis_message_from_a_stranger_gets_the_helplines_in_russian(
    bot: BotHarness,
):
    user = bot.add_user(language_code="ru")

    (reply,) = await bot.send(user, "Хочу умереть")

    assert reply["text"] == ru(CRISIS_REPLY) + "\n\n" + ru(HELPLINES)
    assert "Спасибо, что рассказали." in reply["text"]


async def test_an_unlinked_user_gets_the_linking_hint(bot: BotHarness):
    user = bot.add_user(language_code="kk")

    (reply,) = await bot.send(user, "/start")

    assert reply["text"].startswith(kk(UNKNOWN_USER))


async def test_a_student_cannot_answer_another_students_attempt(deps: Deps, school: School):
    mine = await start_inventory(deps, school.student, grade=9)
    assert mine.current is not None

    with pytest.raises(NotFound):
        await answer_item(deps, school.other, attempt_id=mine.id, item_id=mine.current.id, value=5)
    assert not await CareerAnswer.exists(attempt_id=mine.id)


async def test_answering_an_item_again_keeps_the_last_answer_or_is_refused(
    deps: Deps, school: School
):
    attempt = await start_inventory(deps, school.student, grade=7)
    assert attempt.current is not None
    item_id = attempt.current.id

    await answer_item(deps, school.student, attempt_id=attempt.id, item_id=item_id, value=2)
    again = await answer_item(
        deps, school.student, attempt_id=attempt.id, item_id=item_id, value=4
    )
    with pytest.raises(Conflict):
        await answer_item(
            deps,
            school.student,
            attempt_id=attempt.id,
            item_id=item_id,
            value=1,
            overwrite=False,
        )

    assert again.answered == 1
    stored = await CareerAnswer.filter(attempt_id=attempt.id).values_list("item_id", "value")
    assert stored == [(item_id, 4)]
    with pytest.raises(Conflict):  # an item of the other form
        await answer_item(deps, school.student, attempt_id=attempt.id, item_id="f-r01", value=3)


async def test_a_finished_attempt_refuses_answers_and_the_next_one_reuses_the_grade(
    deps: Deps, school: School
):
    attempt = await start_inventory(deps, school.student, grade=7)
    view = attempt
    while view.current is not None:
        view = await answer_item(
            deps, school.student, attempt_id=attempt.id, item_id=view.current.id, value=4
        )
    assert view.finished and view.scores is not None and view.answered == view.total == 30

    with pytest.raises(Conflict):
        await answer_item(deps, school.student, attempt_id=attempt.id, item_id="s-r1", value=1)
    again = await start_inventory(deps, school.student)
    assert (again.id != attempt.id, again.form.value, again.answered) == (True, "short", 0)
