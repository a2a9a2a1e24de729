"""Mock exams in the career bot through the Bot API emulator (issue 9): a grade-9 student
finishes the inventory in Kazakh and sees, under each suggestion's programme groups, the ENT
feasibility line — first that there is no mock ENT yet, then, once the counsellor entered
one, their total against the group's threshold; "My mock exams" shows the latest results
and their trend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bots.texts import NO_MOCK_ENT, NO_MOCK_EXAMS, Translator
from core.clock import FrozenClock
from core.deps import Deps
from core.services.career import answer_item, start_inventory
from core.services.mock_exams import add_result, parse_ielts
from core.services.people import Role
from tests.bots import BotHarness, buttons
from tests.factories import make_member, make_organisation
from tests.test_bot_career import School, answer, linked_user, realistic
from tests.test_mock_exams import ENT_95

kk = Translator("kk")


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


async def test_a_grade_9_student_sees_the_ent_feasibility_line_under_each_programme_group(
    deps: Deps, clock: FrozenClock, bot: BotHarness, school: School
):
    user = await linked_user(deps, bot, school, school.student)
    # The items before the last are answered through the service (the bot's own answering
    # is tested in test_bot_career); the last one through the bot finishes the inventory.
    view = await start_inventory(deps, school.student, grade=9)
    while view.current is not None and view.answered < view.total - 1:
        view = await answer_item(
            deps,
            school.student,
            attempt_id=view.id,
            item_id=view.current.id,
            value=realistic(view.current.id),
        )
    (last,) = await bot.send(user, "/start")
    assert last["text"].startswith("Сұрақ 60 / 60")
    result = await answer(bot, user, last, realistic(buttons(last)[0][1].split(":")[2]))
    assert result["text"].startswith("Сіздің қызығушылық кодыңыз: RIC.")

    _, (without,) = await bot.press(user, result, "crz:3", expect=1)
    assert "Бағдарламалар топтары:" in without["text"]
    assert without["text"].count(kk(NO_MOCK_ENT)) == without["text"].count(
        "Бағдарламалар топтары:"
    )

    await add_result(
        deps,
        school.admin,
        student_id=school.student.person_id or 0,
        kind="ent",
        taken_on=clock.now().date(),
        sections=ENT_95,
        pair_id="math_phys",
    )
    _, (suggested,) = await bot.press(user, result, "crz:3", expect=1)
    text = suggested["text"]
    assert kk(NO_MOCK_ENT) not in text
    assert text.count("Сынақ ҰБТ: 140-тан 95 балл, ") == text.count("Бағдарламалар топтары:")
    assert "балл керек — сенімді қор бар." in text or "мақсатқа жеттіңіз" in text


async def test_my_mock_exams_shows_the_latest_results_and_their_trend(
    deps: Deps, clock: FrozenClock, bot: BotHarness, school: School
):
    user = await linked_user(deps, bot, school, school.student)
    (menu,) = await bot.send(user, "/start")
    assert ("Сынақ емтихандарым", "crm:mock") in buttons(menu)
    _, (empty,) = await bot.press(user, menu, "crm:mock", expect=1)
    assert empty["text"] == kk(NO_MOCK_EXAMS)

    student_id = school.student.person_id or 0
    today = clock.now().date()
    for days_ago, history in ((40, 10), (5, 17)):
        await add_result(
            deps,
            school.admin,
            student_id=student_id,
            kind="ent",
            taken_on=today - timedelta(days=days_ago),
            sections={**ENT_95, "history_kz": history},
            pair_id="math_phys",
        )
    for days_ago, band in ((30, "6.5"), (2, "6")):
        await add_result(
            deps,
            school.admin,
            student_id=student_id,
            kind="ielts",
            taken_on=today - timedelta(days=days_ago),
            total=parse_ielts(band),
        )

    _, (shown,) = await bot.press(user, menu, "crm:mock", expect=1)
    ent_day = (today - timedelta(days=5)).strftime("%d.%m.%Y")
    ielts_day = (today - timedelta(days=2)).strftime("%d.%m.%Y")
    assert shown["text"].splitlines() == [
        "Сынақ емтихандарының соңғы нәтижелері:",
        f"• ҰБТ: 97 ({ent_day}), алдыңғысынан 7 балға жоғары",
        f"• IELTS: 6.0 ({ielts_day}), алдыңғысынан 0.5 балға төмен",
    ]
