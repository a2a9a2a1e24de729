"""Well-being alerts end to end through the Bot API emulator (issue 9, "Done when"): a crisis
message in Russian and one in Kazakh in the career bot each get the helplines and alert the
psychologist in the main bot; the psychologist acknowledges one, a second press says who
did; the other escalates to the admin after 15 minutes, who acknowledges it.
``fsm_storage`` runs each test with the deployment's FSM storage."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.texts import CRISIS_REPLY, Translator
from core.actor import Actor
from core.deps import Deps
from core.safety import HELPLINES
from core.services.telegram import link_telegram, set_telegram_language
from core.services.wellbeing import list_alerts, wellbeing_tick
from tests.bots import BotHarness, buttons, invitation_code
from tests.test_wellbeing import School, make_school

kk = Translator("kk")
ru = Translator("ru")


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def linked(deps: Deps, bot: BotHarness, school: School, person: Actor, language: str) -> int:
    """A Telegram user linked to the person, who chose ``language``; returns their id."""
    user = bot.add_user(language_code=language)
    code = await invitation_code(deps, school.admin, person.person_id or 0)
    await link_telegram(deps, code=code, telegram_user_id=user, language=language)
    await set_telegram_language(user, language)
    return user


async def test_crisis_messages_in_russian_and_kazakh_alert_the_psychologist_who_acknowledges(
    deps: Deps, clock, career_bot: BotHarness, main_bot: BotHarness, worker: DeliveryWorker
):
    school = await make_school(deps)
    nur = await linked(deps, career_bot, school, school.student, "ru")
    dana = await linked(deps, career_bot, school, school.classmate, "kk")
    psychologist = await linked(deps, main_bot, school, school.psychologist, "ru")
    admin = await linked(deps, main_bot, school, school.admin, "kk")

    (reply,) = await career_bot.send(nur, "Я больше не хочу жить")
    assert reply["text"] == ru(CRISIS_REPLY) + "\n\n" + ru(HELPLINES)
    (reply,) = await career_bot.send(dana, "Өзімді өлтіргім келеді")
    assert reply["text"] == kk(CRISIS_REPLY) + "\n\n" + kk(HELPLINES)
    assert "150" in reply["text"] and "111" in reply["text"] and "112" in reply["text"]
    await career_bot.settle()  # the alert is raised right after the reply

    assert (await worker.run_once()).sent == 2
    first, second = main_bot.sent(psychologist)
    assert first["text"].startswith("Тревожный сигнал №1. Омаров Нұр (9А) написал(а)")
    assert "мысли о суициде" in first["text"] and "150, 111 и 112" in first["text"]
    assert "больше не хочу" not in first["text"]  # the child's words are not passed on
    assert second["text"].startswith("Тревожный сигнал №2. Сейітова Дана")
    org = school.admin.organisation_id
    assert buttons(first) == [("Подтвердить", f"wba:1:{org}")]
    assert main_bot.sent(admin) == []

    toast, _ = await main_bot.press(psychologist, first, f"wba:1:{org}", edits=1)
    assert toast["text"] == "Подтверждено. Спасибо, что занялись этим."
    done = main_bot.message(psychologist, first["message_id"])
    assert done["text"] == first["text"] + "\n\n✓ Подтвердил(а) Ким Әсел, 01.09 11:00."
    assert buttons(done) == []
    toast, _ = await main_bot.press(psychologist, done, f"wba:1:{org}")
    assert toast["text"] == "Уже подтвердил(а) Ким Әсел, 01.09 11:00."

    # Nobody acknowledges Dana's alert: after 15 minutes the admin is called in.
    clock.advance(timedelta(minutes=15))
    assert await wellbeing_tick(deps) == 1
    assert (await worker.run_once()).sent == 1
    (escalated,) = main_bot.sent(admin)
    assert escalated["text"].startswith("№2 әл-ауқат дабылы 15 минуттан кейін де расталмады.")
    assert "өз-өзіне қол жұмсау туралы ойлар" in escalated["text"]
    toast, _ = await main_bot.press(admin, escalated, f"wba:2:{org}", edits=1)
    assert toast["text"] == "Расталды. Назар аударғаныңызға рақмет."
    assert [alert.open for alert in await list_alerts(deps, school.admin)] == [False, False]


async def test_a_teacher_cannot_acknowledge_and_a_stranger_raises_no_alert(
    deps: Deps, career_bot: BotHarness, main_bot: BotHarness, worker: DeliveryWorker
):
    school = await make_school(deps)
    nur = await linked(deps, career_bot, school, school.student, "ru")
    teacher = await linked(deps, main_bot, school, school.teacher, "ru")
    stranger = career_bot.add_user(language_code="ru")

    await career_bot.send(stranger, "Хочу умереть")
    await career_bot.settle()
    assert await list_alerts(deps, school.admin) == []
    await career_bot.send(nur, "Меня бьют дома")
    await career_bot.settle()
    (alert,) = await list_alerts(deps, school.admin)

    # A forged press from a teacher of the same school changes nothing.
    (menu,) = await main_bot.send(teacher, "/menu")
    toast, _ = await main_bot.press(
        teacher, menu, f"wba:{alert.id}:{school.admin.organisation_id}"
    )
    assert toast["text"].startswith("У вас нет прав")
    (alert,) = await list_alerts(deps, school.admin)
    assert alert.open
