"""The career bot's profession atlas and admissions news through the Bot API emulator
(issue 9): a student searches a profession in Russian, opens its card in Kazakh and sees the
programme group, the ENT pair and the university that offers it; suggestions after the
inventory show localised titles with their programme groups and ENT pair; a crisis message
typed as search words still reaches the safety gate; the organisation's news."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bots.texts import ASK_PROFESSION_WORDS, CRISIS_REPLY, NO_PROFESSION_FOUND, Translator
from core.actor import Actor
from core.deps import Deps
from core.safety import HELPLINES
from core.services.atlas import post_news
from core.services.atlas_imports import Sheet, import_atlas
from core.services.people import Role
from tests.bots import JSON, BotHarness, buttons
from tests.factories import make_member, make_organisation
from tests.test_atlas import UNIVERSITIES, WEB_DEVELOPER, workbook
from tests.test_bot_career import answer_all, linked_user, realistic, start_taking

kk = Translator("kk")


@dataclass(frozen=True)
class School:
    admin: Actor
    counsellor: Actor
    student: Actor


@pytest.fixture
async def school(deps: Deps) -> School:
    system = await make_organisation(deps, name="№12 мектеп-гимназия")
    return School(
        await make_member(deps, system, Role.ADMIN),
        await make_member(deps, system, Role.CAREER_COUNSELLOR),
        await make_member(deps, system, Role.STUDENT, first_name="Айбек"),
    )


@pytest.fixture
def bot(career_bot: BotHarness) -> BotHarness:
    return career_bot


async def ask_for_words(bot: BotHarness, user: int) -> JSON:
    (menu,) = await bot.send(user, "/start")
    assert ("Мамандықтар", "cat:search") in buttons(menu)
    _, (asked,) = await bot.press(user, menu, "cat:search", expect=1)
    assert asked["text"] == kk(ASK_PROFESSION_WORDS)
    return menu


async def test_a_student_finds_a_profession_and_sees_where_to_study(
    deps: Deps, bot: BotHarness, school: School
):
    data = workbook(Sheet.UNIVERSITIES, UNIVERSITIES)
    await import_atlas(deps, school.counsellor, sheet=Sheet.UNIVERSITIES, data=data)
    user = await linked_user(deps, bot, school, school.student)
    await ask_for_words(bot, user)

    (nothing,) = await bot.send(user, "абырвалг")
    assert nothing["text"] == kk(NO_PROFESSION_FOUND)
    (found,) = await bot.send(user, "веб-разработчик")
    assert ("Веб-әзірлеуші", f"cap:{WEB_DEVELOPER}") in buttons(found)
    _, (card,) = await bot.press(user, found, f"cap:{WEB_DEVELOPER}", expect=1)

    text = card["text"]
    assert text.startswith("Веб-әзірлеуші (Web Developers)")
    assert "B057 Ақпараттық технологиялар" in text
    assert "ҰБТ: Математика + Информатика" in text
    assert "Астана IT университеті" in text and "O*NET" in text


async def test_a_crisis_typed_as_search_words_gets_the_helplines(
    deps: Deps, bot: BotHarness, school: School
):
    user = await linked_user(deps, bot, school, school.student)
    await ask_for_words(bot, user)

    (reply,) = await bot.send(user, "Өзімді өлтіргім келеді")

    assert reply["text"] == kk(CRISIS_REPLY) + "\n\n" + kk(HELPLINES)


async def test_suggestions_show_localised_titles_programme_groups_and_the_ent_pair(
    deps: Deps, bot: BotHarness, school: School
):
    user = await linked_user(deps, bot, school, school.student)
    first = await start_taking(bot, user, 6)
    result = await answer_all(bot, user, first, 30, realistic)

    _, (suggested,) = await bot.press(user, result, "crz:3", expect=1)

    text = suggested["text"]
    assert "Бағдарламалар топтары: B" in text and "ҰБТ: Математика + Физика" in text


async def test_news_of_the_students_organisation(deps: Deps, bot: BotHarness, school: School):
    await post_news(deps, school.counsellor, title="ҰБТ 2026", body="Тіркеу 20 наурызда.")
    user = await linked_user(deps, bot, school, school.student)
    (menu,) = await bot.send(user, "/start")

    _, (news,) = await bot.press(user, menu, "cat:news", expect=1)

    assert news["text"].startswith("ҰБТ 2026\n") and "Тіркеу 20 наурызда." in news["text"]
