"""“Schedule” in the main bot through the Bot API emulator (issue 5): today, this week, the
next lesson and the calendar feed, for a student, a parent and a teacher.

The frozen clock starts on Tuesday 1 September 2026, 11:00 in Almaty; the group has lessons
on Tuesdays and Thursdays at 15:00, and Thursday's lesson of 3 September has a substitute.
``fsm_storage`` runs each test with memory and Redis FSM.
"""

from __future__ import annotations

from datetime import date

import pytest

from bots.texts import Translator
from core.actor import Actor
from core.config import load_settings
from core.deps import Deps
from core.models.lessons import Lesson
from core.models.people import Role
from core.services.schedule import RuleData, create_rule, substitute_teacher
from core.services.timetable import feed_url
from tests.bots import JSON, BotHarness, buttons, link_person
from tests.factories import make_member
from tests.lesson_factories import LessonCentre, make_lesson_centre

en = Translator("en")
PUBLIC = "https://sabaq.example.kz"


@pytest.fixture
def settings(tmp_path, request):
    """A public https address unless a test asks for none (then links use host and port)."""
    return load_settings(
        data_dir=tmp_path / "var", _env_file=None, public_url=getattr(request, "param", PUBLIC)
    )


@pytest.fixture
async def centre(deps: Deps) -> LessonCentre:
    centre = await make_lesson_centre(deps)
    await create_rule(
        deps,
        centre.admin,
        data=RuleData(
            group_id=centre.group_id,
            teacher_id=centre.teacher.person_id or 0,
            pattern=((1, 3),),
            start_minute=15 * 60,
            duration_minutes=90,
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 12, 25),
            room_id=centre.room_id,
        ),
    )
    thursday = (
        await Lesson.filter(group_id=centre.group_id).order_by("starts_at").offset(1).first()
    )
    await substitute_teacher(
        deps, centre.admin, lesson_id=thursday.id, teacher_id=centre.substitute.person_id or 0
    )
    return centre


async def link(harness: BotHarness, deps: Deps, centre: LessonCentre, actor: Actor) -> int:
    """A Telegram user linked to the actor's person, speaking English; returns their id."""
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, centre.admin, actor.person_id or 0, user)
    await harness.press(user, welcome, "lang:en", expect=1)
    return user


def url_buttons(message: JSON) -> list[tuple[str, str]]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(button["text"], button["url"]) for row in rows for button in row if "url" in button]


async def test_a_student_sees_today_the_week_and_the_next_lesson(
    deps: Deps, main_bot: BotHarness, centre: LessonCentre
):
    timur = centre.students[1]
    user = await link(main_bot, deps, centre, timur)

    (today,) = await main_bot.send(user, en("Schedule"))

    assert today["text"] == (
        "Today, Tuesday, 01.09.2026\n"
        "15:00–16:30 Algebra · Алгебра 7А\n"
        "    room 101 · Ахметов Ерлан"
    )
    assert [text for text, _ in buttons(today)] == [
        "Today",
        "This week",
        "Next lesson",
        "Add to calendar",
    ]
    assert url_buttons(today) == [("Add to calendar", feed_url(deps.settings, timur.person_id))]
    assert url_buttons(today)[0][1].startswith(f"{PUBLIC}/ics/{timur.person_id}/")

    _, (week,) = await main_bot.press(user, today, "sched:week", expect=1)
    assert week["text"] == (
        "Week 31.08 – 06.09.2026\n"
        "\n"
        "Tuesday, 01.09.2026\n"
        "15:00–16:30 Algebra · Алгебра 7А\n"
        "    room 101 · Ахметов Ерлан\n"
        "\n"
        "Thursday, 03.09.2026\n"
        "15:00–16:30 Algebra · Алгебра 7А\n"
        "    room 101 · Бекова Сәуле instead of Ахметов Ерлан"
    )

    _, (coming,) = await main_bot.press(user, week, "sched:next", expect=1)
    assert coming["text"].startswith("Next lesson: Tuesday, 01.09.2026\n15:00–16:30 Algebra")


async def test_a_parent_sees_the_childs_timetable(
    deps: Deps, main_bot: BotHarness, centre: LessonCentre
):
    user = await link(main_bot, deps, centre, centre.parent)

    (today,) = await main_bot.send(user, en("Schedule"))

    assert today["text"].startswith("Timetable of Омарова Айгерім\nToday, Tuesday, 01.09.2026\n")
    assert "15:00–16:30 Algebra · Алгебра 7А" in today["text"]
    # The feed is the parent's own: it carries their children's lessons.
    assert url_buttons(today) == [
        ("Add to calendar", feed_url(deps.settings, centre.parent.person_id))
    ]


async def test_a_teacher_sees_the_lessons_they_teach_and_who_substitutes(
    deps: Deps, main_bot: BotHarness, centre: LessonCentre
):
    user = await link(main_bot, deps, centre, centre.teacher)
    (today,) = await main_bot.send(user, en("Schedule"))
    assert today["text"] == (
        "Today, Tuesday, 01.09.2026\n15:00–16:30 Algebra · Алгебра 7А\n    room 101"
    )

    _, (week,) = await main_bot.press(user, today, "sched:week", expect=1)
    assert week["text"].endswith(
        "Thursday, 03.09.2026\n"
        "15:00–16:30 Algebra · Алгебра 7А\n"
        "    room 101 · Бекова Сәуле substitutes you"
    )

    substitute = await link(main_bot, deps, centre, centre.substitute)
    (today,) = await main_bot.send(substitute, en("Schedule"))
    assert today["text"] == "Today, Tuesday, 01.09.2026\nNo lessons today."
    _, (coming,) = await main_bot.press(substitute, today, "sched:next", expect=1)
    assert coming["text"] == (
        "Next lesson: Thursday, 03.09.2026\n"
        "15:00–16:30 Algebra · Алгебра 7А\n"
        "    room 101 · Бекова Сәуле instead of Ахметов Ерлан"
    )


@pytest.mark.parametrize("settings", [""], indirect=True)
async def test_empty_days_say_so_and_a_private_address_comes_as_a_link(
    deps: Deps, main_bot: BotHarness, centre: LessonCentre
):
    newcomer = await make_member(
        deps, centre.system, Role.STUDENT, last_name="Жаңа", first_name="Оқушы"
    )
    user = await link(main_bot, deps, centre, newcomer)

    (today,) = await main_bot.send(user, en("Schedule"))
    assert today["text"] == "Today, Tuesday, 01.09.2026\nNo lessons today."
    _, (week,) = await main_bot.press(user, today, "sched:week", expect=1)
    assert week["text"] == "Week 31.08 – 06.09.2026\nNo lessons this week."
    _, (coming,) = await main_bot.press(user, week, "sched:next", expect=1)
    assert coming["text"] == "No lessons are planned."

    # Telegram refuses URL buttons to private addresses: the link comes as text instead.
    assert url_buttons(coming) == []
    _, (link_message,) = await main_bot.press(user, coming, "sched:feed", expect=1)
    url = feed_url(deps.settings, newcomer.person_id)
    assert url.startswith("http://127.0.0.1:8080/ics/")
    assert link_message["text"].endswith(url)
