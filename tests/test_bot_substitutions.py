"""A substitution reaches Telegram (issue 11): the teacher marked ill tomorrow, the chosen
substitute and the class get their messages through the delivery worker and the Bot API
emulator. ``fsm_storage`` runs the test with memory and Redis FSM."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bots.delivery import DeliveryWorker, Sender
from core.actor import Actor
from core.deps import Deps
from core.services.substitutions import choose_substitute, cover_day, mark_absent
from tests.bots import BotHarness, link_person
from tests.substitution_factories import WEDNESDAY, SchoolDay, make_school_day


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def link(harness: BotHarness, deps: Deps, school: SchoolDay, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English; returns their id."""
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, school.centre.admin, actor.person_id or 0, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


async def test_the_substitute_the_class_and_the_ill_teacher_are_told_in_telegram(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    school = await make_school_day(deps)
    centre = school.centre
    await worker.run_once()  # what the scene itself queued
    substitute = await link(main_bot, deps, school, school.teachers["kasymov"])
    student = await link(main_bot, deps, school, centre.students[0])
    parent = await link(main_bot, deps, school, centre.parent)
    ill = await link(main_bot, deps, school, centre.teacher)
    await mark_absent(deps, centre.admin, teacher_id=centre.teacher.person_id or 0, day=WEDNESDAY)
    top = (await cover_day(deps, centre.admin, day=WEDNESDAY)).lessons[0].candidates[0]

    await choose_substitute(
        deps,
        centre.admin,
        lesson_id=school.first,
        teacher_id=top.teacher_id,
        replacing=centre.teacher.person_id or 0,
    )
    await worker.run_once()

    told = (
        "The lesson of Алгебра 7А on 02.09 10:00 is taught by Қасымов Нұржан"
        " instead of Ахметов Ерлан."
    )
    assert main_bot.sent(student)[-1]["text"] == told
    assert main_bot.sent(parent)[-1]["text"] == told
    assert main_bot.sent(substitute)[-1]["text"] == (
        "Please teach the lesson of Алгебра 7А on 02.09 10:00 instead of Ахметов Ерлан."
    )
    assert main_bot.sent(ill)[-1]["text"] == (
        "Қасымов Нұржан teaches your lesson of Алгебра 7А on 02.09 10:00."
    )
