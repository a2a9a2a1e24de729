"""Booking a consultation in the main bot through the Bot API emulator (issue 9): a student
in Kazakh chooses the career counsellor, a day and a time, types a topic (words of danger
get the crisis reply and alert a human instead), loses the time to a classmate and takes
the next one, the counsellor is told in Russian, and the student cancels."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.routers.consultations import ASK_TOPIC, BOOKED, CANCELLED, CONFIRM, NO_BOOKINGS
from bots.texts import CRISIS_REPLY, Translator
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.models.consultations import ConsultationBooking
from core.models.wellbeing import WellbeingAlert
from core.safety import HELPLINES
from core.services.consultations import (
    BOOKED_NOTICE,
    CANCELLED_NOTICE,
    SLOT_TAKEN,
    book_slot,
)
from tests.bots import BotHarness, buttons, link_person
from tests.test_consultations import TUESDAY, Office, make_office, publish

kk, ru = Translator("kk"), Translator("ru")


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def link(harness: BotHarness, deps: Deps, office: Office, actor: Actor, lang: str) -> int:
    user = harness.add_user(language_code=lang)
    welcome = await link_person(harness, deps, office.admin, actor.person_id or 0, user)
    await harness.press(user, welcome, f"lang:{lang}", expect=1)
    return user


async def test_a_student_books_in_kazakh_loses_a_time_takes_another_and_cancels(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    office = await make_office(deps)
    first, second = await publish(
        deps,
        office.counsellor,
        TUESDAY + timedelta(days=1),
        "10:00",
        "11:00",
        length_minutes=30,
        place="каб. 12",
    )
    student = await link(main_bot, deps, office, office.aru, "kk")
    counsellor = await link(main_bot, deps, office, office.counsellor, "ru")

    (menu,) = await main_bot.send(student, kk(N_("Consultations")))
    assert menu["text"] == kk(NO_BOOKINGS)
    assert buttons(menu) == [(kk(N_("Book a consultation")), "cnb")]
    _, (whom,) = await main_bot.press(student, menu, "cnb", expect=1)
    assert buttons(whom) == [(kk(N_("Career counsellor")), "cnk:career")]
    _, (days,) = await main_bot.press(student, whom, "cnk:career", expect=1)
    assert buttons(days) == [("02.09.2026", "cnd:career:2026-09-02")]
    _, (times,) = await main_bot.press(student, days, "cnd:career:2026-09-02", expect=1)
    assert buttons(times) == [
        ("10:00–10:30 · Омарова Дина · каб. 12", f"cnt:{first}"),
        ("10:30–11:00 · Омарова Дина · каб. 12", f"cnt:{second}"),
    ]
    _, (ask,) = await main_bot.press(student, times, f"cnt:{first}", expect=1)
    assert ask["text"] == kk(ASK_TOPIC)

    # Words of danger are answered with the helplines and call a human; they are no topic.
    (crisis,) = await main_bot.send(student, "Өзімді өлтіргім келеді")
    assert crisis["text"] == kk(CRISIS_REPLY) + "\n\n" + kk(HELPLINES)
    await main_bot.settle()
    assert await WellbeingAlert.filter(person_id=office.aru.person_id).count() == 1
    (confirm,) = await main_bot.send(student, "ҰБТ пәндері")
    assert confirm["text"] == kk(
        CONFIRM,
        when="02.09 10:00",
        host="Омарова Дина",
        kind=kk(N_("Career counsellor")),
        place="каб. 12",
        topic="ҰБТ пәндері",
    )
    # A classmate takes the time first: the student is told and shown what is left.
    await book_slot(deps, office.bek, slot_id=first)
    _, (taken,) = await main_bot.press(student, confirm, f"cnc:{first}", expect=1)
    assert taken["text"] == kk(SLOT_TAKEN)
    assert buttons(taken) == [("10:30–11:00 · Омарова Дина · каб. 12", f"cnt:{second}")]
    _, (ask,) = await main_bot.press(student, taken, f"cnt:{second}", expect=1)
    _, (confirm,) = await main_bot.press(student, ask, f"cnn:{second}", expect=1)
    assert confirm["text"] == kk(
        CONFIRM,
        when="02.09 10:30",
        host="Омарова Дина",
        kind=kk(N_("Career counsellor")),
        place="каб. 12",
        topic="—",
    )
    _, (booked,) = await main_bot.press(student, confirm, f"cnc:{second}", expect=1)
    assert booked["text"] == kk(BOOKED, when="02.09 10:30", host="Омарова Дина", place="каб. 12")
    booking = await ConsultationBooking.get(active_key=second)
    assert booking.student_id == office.aru.person_id  # type: ignore[attr-defined]

    # The counsellor is told of both bookings, in Russian.
    assert (await worker.run_once()).sent == 2
    notices = [message["text"] for message in main_bot.sent(counsellor)[-2:]]
    assert ru(BOOKED_NOTICE, student="Әлиева Ару", when="02.09 10:30", topic="—") in notices

    (mine,) = await main_bot.send(student, kk(N_("Consultations")))
    assert "02.09 10:30 · Омарова Дина" in mine["text"]
    cancel_data = f"cnx:{booking.id}"
    assert buttons(mine)[0][1] == cancel_data
    _, (cancelled,) = await main_bot.press(student, mine, cancel_data, expect=1)
    assert cancelled["text"] == kk(CANCELLED)
    assert (await worker.run_once()).sent == 1
    assert main_bot.sent(counsellor)[-1]["text"] == ru(
        CANCELLED_NOTICE, student="Әлиева Ару", when="02.09 10:30"
    )
    (mine,) = await main_bot.send(student, kk(N_("Consultations")))
    assert mine["text"] == kk(NO_BOOKINGS)
