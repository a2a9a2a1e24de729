"""A counsellor's invitation in the career bot through the Bot API emulator (issue 9): it
arrives from the outbox with a button, the press starts the inventory in the form of the
class's grade without asking the grade, and once finished the old button says so; the
career events of the school's programme for the student's grade in the next 30 days."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.texts import ASK_GRADE, PROGRAMME_NO_GRADE, Translator
from core.career.inventory import Form, items
from core.deps import Deps
from core.models.career import CareerAttempt, InventoryInvitation
from core.services.career import answer_item
from core.services.career_invitations import send_inventory, sending_progress
from core.services.career_programme import ItemData, ItemKind, add_item
from core.services.telegram import link_telegram, set_telegram_language
from tests.bots import BotHarness, buttons, invitation_code
from tests.test_career_invitations import make_school

kk = Translator("kk")


@pytest.fixture
async def worker(deps: Deps, career_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(career_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, bot="career", lease_seconds=60)
    sender.uninstall()


async def test_an_invited_grade_7_student_gets_the_short_form_without_being_asked(
    deps: Deps, career_bot: BotHarness, worker: DeliveryWorker
):
    school = await make_school(deps)
    user = career_bot.add_user(language_code="kk")
    code = await invitation_code(deps, school.admin, school.aru.person_id or 0)
    await link_telegram(deps, code=code, telegram_user_id=user, language="kk")
    assert await set_telegram_language(user, "kk")  # chose Kazakh in the main bot
    report = await send_inventory(deps, school.counsellor, grade=7, group_id=school.group_id)
    assert report.in_telegram == 1
    assert (await worker.run_once()).sent == 1

    invitation = career_bot.sent(user)[-1]
    assert invitation["text"].startswith("Мектебіңіздің кәсіптік кеңесшісі сізді")
    invited = await InventoryInvitation.get(person_id=school.aru.person_id)
    assert buttons(invitation) == [("Сауалнаманы толтыру", f"cri:{invited.id}")]

    _, (first,) = await career_bot.press(user, invitation, f"cri:{invited.id}", expect=1)
    short = items(Form.SHORT)
    assert first["text"].startswith(f"Сұрақ 1 / {len(short)}")
    assert short[0].text["kk"] in first["text"]
    assert all(kk(ASK_GRADE) not in sent.get("text", "") for sent in career_bot.sent(user))
    attempt = await CareerAttempt.get(person_id=school.aru.person_id)
    assert (attempt.form, attempt.grade) == (Form.SHORT.value, 7)
    progress = await sending_progress(school.counsellor, sending_id=report.sending_id)
    assert [(row.started, row.finished) for row in progress.students] == [
        (False, False),
        (True, False),
    ]

    for question in short:
        await answer_item(deps, school.aru, attempt_id=attempt.id, item_id=question.id, value=4)
    toast, new = await career_bot.press(user, invitation, f"cri:{invited.id}")
    assert (toast["text"], new) == (
        "Сіз бұл қызығушылық сауалнамасын аяқтап қойдыңыз. Рақмет!",
        [],
    )
    assert await CareerAttempt.filter(person_id=school.aru.person_id).count() == 1


async def test_a_student_sees_the_coming_career_events_for_their_grade(
    deps: Deps, career_bot: BotHarness
):
    school = await make_school(deps)
    user = career_bot.add_user(language_code="kk")
    code = await invitation_code(deps, school.admin, school.aru.person_id or 0)
    await link_telegram(deps, code=code, telegram_user_id=user, language="kk")
    assert await set_telegram_language(user, "kk")
    for title, day, grades in (
        ("Зауытқа саяхат", date(2026, 9, 10), (7, 8)),
        ("Ашық есік күні", date(2026, 9, 12), (11,)),
        ("Кейінірек", date(2026, 11, 1), (7,)),
    ):
        item = ItemData(grades, ItemKind.EXCURSION, title, "Автобус 9:00-де", day)
        await add_item(deps, school.counsellor, school_year=2026, data=item)

    (menu,) = await career_bot.send(user, "/start")
    assert ("Кәсіптік бағдар іс-шаралары", "crm:programme") in buttons(menu)
    _, (unknown,) = await career_bot.press(user, menu, "crm:programme", expect=1)
    assert unknown["text"] == kk(PROGRAMME_NO_GRADE)

    await send_inventory(deps, school.counsellor, grade=7, group_id=school.group_id)
    _, (shown,) = await career_bot.press(user, menu, "crm:programme", expect=1)
    assert shown["text"] == (
        "Алдағы 30 күндегі 7-сынып үшін кәсіптік бағдар іс-шаралары:\n\n"
        "• 10.09 Зауытқа саяхат (Экскурсия)\nАвтобус 9:00-де"
    )
