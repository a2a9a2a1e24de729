"""Screenings in the main bot through the Bot API emulator (issue 9): the psychologist's
assignment arrives with a button, the student answers PHQ-9 one item per message in Kazakh,
stops and goes on later, an old button changes nothing, the end is a thank-you with the
helplines and no score, and an answer to item 9 above zero reaches the psychologist at once.
``fsm_storage`` runs it with the deployment's FSM storage (memory on SQLite, Redis on
PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bots.delivery import DeliveryWorker, Sender
from bots.routers.screenings import THANK_YOU
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.models.screening import ScreeningAnswer
from core.safety import HELPLINES
from core.screening.instruments import BAND_LABELS, instrument
from core.services.screenings import assign_screening, list_screenings
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.test_screenings import School, make_school

kk = Translator("kk")


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    # No pacing: the emulator's rate limits are off too, and tests never wait on a clock.
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def link(harness: BotHarness, deps: Deps, school: School, actor: Actor, lang: str) -> int:
    user = harness.add_user(language_code=lang)
    welcome = await link_person(harness, deps, school.admin, actor.person_id or 0, user)
    await harness.press(user, welcome, f"lang:{lang}", expect=1)
    return user


async def press_option(bot: BotHarness, user: int, question: JSON, value: int) -> JSON:
    _, (following,) = await bot.press(user, question, buttons(question)[value][1], expect=1)
    return following


async def test_a_student_answers_phq9_in_kazakh_and_sees_no_score_and_item_9_calls_a_human(
    deps: Deps, main_bot: BotHarness, worker: DeliveryWorker
):
    school = await make_school(deps)
    student = await link(main_bot, deps, school, school.aru, "kk")
    psychologist = await link(main_bot, deps, school, school.psychologist, "ru")
    report = await assign_screening(
        deps,
        school.psychologist,
        instrument_id="phq9",
        person_id=school.aru.person_id,
        parental_consent=True,
    )
    (assignment,) = report.assigned
    assert report.in_telegram == 1
    assert (await worker.run_once()).sent == 1
    invitation = main_bot.sent(student)[-1]
    assert invitation["text"].startswith("Мектеп психологы сізден қысқа сауалнама толтыруды")
    assert buttons(invitation) == [("Сауалнаманы толтыру", f"scr:{assignment}")]

    phq9 = instrument("phq9")
    _, (first,) = await main_bot.press(student, invitation, f"scr:{assignment}", expect=1)
    assert first["text"] == "\n\n".join(
        ("1-сұрақ, барлығы 9", phq9.stem["kk"], phq9.items[0].text["kk"])
    )
    assert buttons(first) == [
        (option.text["kk"], f"sca:{assignment}:1:{option.value}") for option in phq9.options
    ]
    question = first
    for _number in range(1, 5):
        question = await press_option(main_bot, student, question, 1)
    # An old button is refused and changes nothing.
    answer, _ = await main_bot.press(student, first, f"sca:{assignment}:1:3")
    assert answer["text"] == "Бұл сұраққа жауап берілген."
    assert (await ScreeningAnswer.get(assignment_id=assignment, item=1)).value == 1
    # A forged answer value or another student's questionnaire gets nowhere.
    answer, _ = await main_bot.press(student, question, f"sca:{assignment}:5:7")
    assert answer["text"] == "Бұл жауап төрт нұсқаның бірі емес."
    answer, _ = await main_bot.press(student, question, f"sca:{assignment + 1}:1:0")
    assert answer["text"] == kk(STALE_BUTTON)
    assert await ScreeningAnswer.filter(assignment_id=assignment).count() == 4

    # Days later the same button goes on at question 5.
    _, (resumed,) = await main_bot.press(student, invitation, f"scr:{assignment}", expect=1)
    assert resumed["text"].startswith("5-сұрақ, барлығы 9")
    question = resumed
    for _number in range(5, 9):
        question = await press_option(main_bot, student, question, 0)
    assert question["text"].endswith(phq9.items[8].text["kk"])
    thanks = await press_option(main_bot, student, question, 1)
    assert thanks["text"] == kk(THANK_YOU) + "\n\n" + kk(HELPLINES)
    assert buttons(thanks) == []
    everything = " ".join(message.get("text", "") for message in main_bot.sent(student))
    for word in ("PHQ", "ұпай", *(kk(label) for label in BAND_LABELS.values())):
        assert word not in everything

    # The psychologist got a well-being alert at once, in Russian, without the answer itself,
    # and acknowledges it from Telegram.
    assert (await worker.run_once()).sent == 1
    alert = main_bot.sent(psychologist)[-1]
    assert "Әлиева Ару" in alert["text"] and "скрининг" in alert["text"]
    org = school.admin.organisation_id
    ((label, data),) = buttons(alert)
    assert (label, data.rsplit(":", 1)[1]) == ("Подтвердить", str(org))
    toast, _ = await main_bot.press(psychologist, alert, data, edits=1)
    assert toast["text"] == "Подтверждено. Спасибо, что занялись этим."
    (view,) = await list_screenings(school.psychologist)
    assert (view.critical, view.total) == (True, 5)
