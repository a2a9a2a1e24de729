"""Issue 5's whole path, as people live it: an admin sets a weekly rule up in the panel
(headless Chromium), Telegram reminds the student an hour before (the Bot API emulator,
through the delivery worker) even across restarts of the scheduler, the teacher marks
attendance from Telegram and the absent student's parent is told; a substitution reaches
the group and the substitute, a move onto a busy teacher is refused in the panel, and the
person's .ics feed opens in a calendar parser."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import aiohttp
import icalendar
import pytest
from playwright.async_api import Browser, Page, expect

from bots.delivery import DeliveryWorker, Sender
from bots.texts import Translator
from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.i18n import N_
from core.services.lessons import LessonStatus
from core.services.schedule import RuleData, create_rule
from core.services.timetable import feed_url, my_timetable
from sabaq.scheduler import Alone, Scheduler
from tests.bots import BotHarness, link_person
from tests.browsers import LIVE_MS, Site
from tests.lesson_factories import (
    LessonCentre,
    lesson_at,
    local,
    make_lesson_centre,
    make_second_group,
)

pytestmark = pytest.mark.browser
en = Translator("en")
GROUP = "Алгебра 7А"
WEDNESDAY = date(2026, 9, 2)
MONDAY = date(2026, 9, 7)


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def telegram_user(
    main_bot: BotHarness, deps: Deps, centre: LessonCentre, actor: Actor
) -> int:
    """A Telegram user linked to the actor's person, speaking English."""
    assert actor.person_id is not None
    user = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, centre.admin, actor.person_id, user)
    await main_bot.press(user, welcome, "lang:en", expect=1)
    return user


async def signed_in(browser: Browser, site: Site, login: str) -> Page:
    page = await (await browser.new_context(locale="en-US")).new_page()
    await page.goto(f"{site.url}/login")
    await page.fill("input[name=login]", login)
    await page.fill("input[name=password]", "correct horse")
    await page.click("button[type=submit]")
    await page.wait_for_load_state()
    return page


async def weekly_rule(deps: Deps, centre: LessonCentre) -> None:
    """Mondays and Wednesdays 15:00–16:30 in room 101, all autumn."""
    await create_rule(
        deps,
        centre.admin,
        data=RuleData(
            group_id=centre.group_id,
            teacher_id=centre.teacher.person_id or 0,
            room_id=centre.room_id,
            pattern=((0, 2),),
            start_minute=15 * 60,
            duration_minutes=90,
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 12, 25),
        ),
    )


async def lesson_on(deps: Deps, actor: Actor, day: date) -> int:
    timetable = await my_timetable(deps, actor, first_day=day)
    (lesson,) = timetable.lessons
    return lesson.id


def new_texts(main_bot: BotHarness, user: int, seen: int) -> list[str]:
    return [message.get("text", "") for message in main_bot.sent(user)[seen:]]


async def test_a_rule_made_in_the_panel_reminds_once_across_restarts_and_is_marked_in_telegram(
    deps: Deps,
    *,
    clock: FrozenClock,
    main_bot: BotHarness,
    worker: DeliveryWorker,
    browser: Browser,
    site: Site,
) -> None:
    centre = await make_lesson_centre(deps)
    aigerim, timur = centre.students
    student = await telegram_user(main_bot, deps, centre, aigerim)
    parent = await telegram_user(main_bot, deps, centre, centre.parent)
    teacher = await telegram_user(main_bot, deps, centre, centre.teacher)

    admin = await signed_in(browser, site, centre.login(centre.admin))
    await admin.goto(f"{site.url}/schedule/rules/new")
    await admin.select_option("select[name=group_id]", label=GROUP)
    await admin.select_option("select[name=teacher_id]", label="Ахметов Ерлан")
    await admin.select_option("select[name=room_id]", value=str(centre.room_id))
    await admin.check("#week1 input[value='0']")
    await admin.check("#week1 input[value='2']")
    await admin.fill("input[name=start]", "15:00")
    await admin.fill("input[name=duration_minutes]", "90")
    await admin.fill("input[name=starts_on]", "2026-09-01")
    await admin.fill("input[name=ends_on]", "2026-12-25")
    await admin.click("button[type=submit]")
    await admin.goto(f"{site.url}/schedule?view=week&date={WEDNESDAY.isoformat()}")
    await expect(admin.locator(".lesson", has_text=GROUP)).to_have_count(1, timeout=LIVE_MS)
    await expect(admin.locator(".lesson", has_text=GROUP)).to_contain_text("15:00")

    # The group is told its timetable changed.
    await worker.run_once()
    assert new_texts(main_bot, student, 0)[-1] == en(
        "The timetable of {group} changes from {day}. Open “Schedule” to see the lessons.",
        group=GROUP,
        day="02.09.2026",
    )

    # The first process ticks just before reminder time, then goes down; the next one starts
    # twenty minutes into reminder time and is itself restarted a minute later.
    seen = len(main_bot.sent(student))
    clock.current = local(centre, WEDNESDAY, "13:59")
    assert (await Scheduler(deps, Alone(), {}).remind()).reminders == 0  # type: ignore[union-attr]
    clock.current = local(centre, WEDNESDAY, "14:20")
    assert (await Scheduler(deps, Alone(), {}).remind()).reminders == 3  # type: ignore[union-attr]
    await worker.run_once()
    clock.advance(timedelta(minutes=1))
    await Scheduler(deps, Alone(), {}).remind()
    await worker.run_once()

    (reminder,) = new_texts(main_bot, student, seen)
    assert reminder == en(
        "Reminder: {course} ({group}) at {time}, room {room}. Teacher: {teacher}.",
        course="Algebra",
        group=GROUP,
        time="02.09 15:00",
        room="101",
        teacher="Ахметов Ерлан",
    )
    assert any("15:00" in text for text in new_texts(main_bot, teacher, 0))

    # At 15:10 the teacher marks Айгерім absent from Telegram; her parent is told.
    clock.current = local(centre, WEDNESDAY, "15:10")
    lesson = await lesson_on(deps, aigerim, WEDNESDAY)
    (picker,) = await main_bot.send(teacher, en(N_("Mark attendance")))
    await main_bot.press(teacher, picker, f"attl:{lesson}", edits=1)
    await main_bot.press(teacher, picker, f"attm:{lesson}:{aigerim.person_id}", edits=1)
    await main_bot.press(teacher, picker, f"atta:{lesson}:done", edits=1)
    assert main_bot.message(teacher, picker["message_id"])["text"].endswith(
        "1 present, 1 absent, 0 late, 0 excused."
    )
    seen = len(main_bot.sent(parent))
    await worker.run_once()
    assert new_texts(main_bot, parent, seen) == [
        f"Омарова Айгерім is absent from the lesson of group {GROUP} at 02.09 15:00."
    ]
    (held,) = (await my_timetable(deps, timur, first_day=WEDNESDAY)).lessons
    assert held.status is LessonStatus.HELD


async def test_a_substitution_is_pushed_a_colliding_move_is_refused_and_the_feed_parses(
    deps: Deps,
    *,
    clock: FrozenClock,
    main_bot: BotHarness,
    worker: DeliveryWorker,
    browser: Browser,
    site: Site,
) -> None:
    centre = await make_lesson_centre(deps)
    aigerim, _ = centre.students
    await weekly_rule(deps, centre)
    physics = await make_second_group(deps, centre, teacher=centre.teacher)
    await lesson_at(deps, centre, MONDAY + timedelta(days=1), "15:00", group_id=physics)
    student = await telegram_user(main_bot, deps, centre, aigerim)
    substitute = await telegram_user(main_bot, deps, centre, centre.substitute)
    monday = await lesson_on(deps, aigerim, MONDAY)
    await worker.run_once()  # "the timetable changes" from the rule
    seen_student, seen_substitute = len(main_bot.sent(student)), len(main_bot.sent(substitute))

    admin = await signed_in(browser, site, centre.login(centre.admin))
    await admin.goto(f"{site.url}/schedule/lessons/{monday}/edit")
    await admin.select_option("#substitute select[name=teacher_id]", label="Бекова Сәуле")
    await admin.click("#substitute button[type=submit]")
    await admin.wait_for_load_state()
    await worker.run_once()

    assert new_texts(main_bot, substitute, seen_substitute) == [
        f"Please teach the lesson of {GROUP} on 07.09 15:00 instead of Ахметов Ерлан."
    ]
    assert new_texts(main_bot, student, seen_student) == [
        f"The lesson of {GROUP} on 07.09 15:00 is taught by Бекова Сәуле instead of Ахметов Ерлан."
    ]

    # Ахметов teaches physics on Tuesday at 15:00: moving Wednesday's algebra there collides.
    wednesday = await lesson_on(deps, aigerim, MONDAY + timedelta(days=2))
    await admin.goto(f"{site.url}/schedule/lessons/{wednesday}/edit")
    await admin.fill("#move input[name=day]", (MONDAY + timedelta(days=1)).isoformat())
    await admin.fill("#move input[name=start]", "15:30")
    await admin.click("#move button[type=submit]")
    await expect(admin.locator("body")).to_contain_text("Физика 8Б", timeout=LIVE_MS)
    await expect(admin.locator("body")).to_contain_text("Ахметов Ерлан")
    unmoved = await my_timetable(deps, aigerim, first_day=MONDAY + timedelta(days=2))
    assert [lesson.id for lesson in unmoved.lessons] == [wednesday]
    assert unmoved.lessons[0].local_start.strftime("%H:%M") == "15:00"

    # The student's calendar app reads the feed without signing in.
    assert aigerim.person_id is not None
    url = feed_url(deps.settings, aigerim.person_id).replace(deps.settings.base_url, site.url)
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        assert response.content_type == "text/calendar"
        calendar = icalendar.Calendar.from_ical(await response.read())
    events = {event.decoded("dtstart"): event for event in calendar.walk("VEVENT")}
    monday_event = events[datetime(2026, 9, 7, 10, 0, tzinfo=UTC)]
    assert GROUP in str(monday_event["summary"])
    assert "Бекова Сәуле" in str(monday_event.get("description", ""))
    assert datetime(2026, 9, 8, 10, 0, tzinfo=UTC) not in events, "physics is not hers"
