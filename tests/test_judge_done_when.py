"""Issue 10, done when (the Telegram part, end to end): a teacher makes a course with a task
of 3 tests; a student registers with the teacher's class code in Telegram, sends a wrong and
then a right Python solution from Telegram, sees "wrong answer on test 2" and then
"accepted", and the course counts the task as done — with the certificate open at 100 %.

The panel part (C++, Java and Pascal) is ``test_programming_web``, the olympiad
``test_contests_web``, the hostile corpus ``tests/judge/test_sandbox.py`` and
``test_languages.py``; CI sets SABAQ_REQUIRE_JUDGE=1, so a sandbox that does not come up
fails these tests instead of skipping them, and ``tests/judge`` proves the judge refuses to
run without it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.texts import Translator
from core.deps import Deps
from core.i18n import N_
from core.models.courses import ItemKind
from core.services.academics import group_card
from core.services.course_content import (
    ItemData,
    add_item,
    add_module,
    add_unit,
    course_progress,
    open_course,
)
from core.services.judge_queue import judge_pending
from core.services.registration_codes import regenerate_class_code
from core.services.telegram import telegram_actor
from tests.bots import BotHarness
from tests.judge_factories import AB_RIGHT, AB_WRONG, make_task
from tests.test_bot_judge import choose_python
from tests.test_registration_codes import make_school

en = Translator("en")


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def test_a_student_registers_by_code_in_telegram_and_solves_the_courses_task(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker, judging: Deps
) -> None:
    school = await make_school(deps)
    course_id = (await group_card(school.admin, school.group_id)).course.id
    task_id = await make_task(deps, school.teacher)
    module = await add_module(deps, school.teacher, course_id=course_id, title="Кіріспе")
    unit = await add_unit(deps, school.teacher, module_id=module, title="Енгізу және шығару")
    await add_item(
        deps,
        school.teacher,
        unit_id=unit,
        data=ItemData(kind=ItemKind.PROGRAMMING, title="A+B", task_id=task_id),
    )
    await open_course(deps, school.teacher, course_id=course_id, group_id=school.group_id)
    code = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code

    user = main_bot.add_user("Дана", language_code="en")
    await main_bot.send(user, f"/start c-{code}")
    await main_bot.send(user, "Ахметова")
    (welcome,) = await main_bot.send(user, "Дана")
    await main_bot.press(user, welcome, "lang:en", expect=1)

    (listing,) = await main_bot.send(user, en(N_("Programming")))
    _, (task,) = await main_bot.press(user, listing, f"jgt:{task_id}", expect=1)
    for source, verdict in (
        (AB_WRONG, "wrong answer on test 2."),
        (AB_RIGHT, "accepted. All tests passed."),
    ):
        await choose_python(main_bot, user, task)
        await main_bot.send(user, source)
        assert await judge_pending(judging) == 1
        await worker.run_once()
        assert main_bot.sent(user)[-1]["text"].endswith(verdict)

    student = await telegram_actor(user)
    assert student is not None
    progress = await course_progress(student, course_id=course_id)
    assert (progress.card.completed, progress.card.percent, progress.finished) == (1, 100, True)
