"""The bot's "Reminders" menu through the emulator (issue 5): each person's lead, digest hour
and, for parents, absence notices. ``fsm_storage`` runs each test with memory and Redis FSM."""

from __future__ import annotations

from bots.routers.reminders import (
    ABSENCE_BUTTON,
    ABSENCE_OFF,
    DIGEST_OFF_OWN,
    DIGEST_ON_ORGANISATION,
    FOLLOW_BUTTON,
    INTRO,
    LEAD_ON_ORGANISATION,
    LEAD_ON_OWN,
)
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.services.lesson_settings import (
    LessonSettingsData,
    reminder_choice,
    update_lesson_settings,
)
from core.services.people import PersonData, Role, create_person
from tests.bots import JSON, BotHarness, buttons, link_person, make_family

en = Translator("en")
LEAD_ROWS = [
    (en("Off"), "remind:lead:0"),
    (en("15 minutes"), "remind:lead:15"),
    (en("30 minutes"), "remind:lead:30"),
    (en("1 hour"), "remind:lead:60"),
    (en("2 hours"), "remind:lead:120"),
    (en("1 day"), "remind:lead:1440"),
]
DIGEST_ROW = [
    (en("Off"), "remind:digest:-1"),
    ("18:00", "remind:digest:18"),
    ("19:00", "remind:digest:19"),
    ("20:00", "remind:digest:20"),
    ("21:00", "remind:digest:21"),
]


def checked(row: list[tuple[str, str]], data: str) -> list[tuple[str, str]]:
    return [("✓ " + text if value == data else text, value) for text, value in row]


async def open_menu(
    harness: BotHarness, deps: Deps, admin: Actor, person_id: int, *, parent: bool = False
) -> tuple[int, JSON]:
    """A user linked to the person, speaking English, opens "Reminders" (a parent of two is
    asked to choose a child first, which reminders do not need)."""
    user = harness.add_user(language_code="en")
    welcome = await link_person(harness, deps, admin, person_id, user)
    await harness.press(user, welcome, "lang:en", expect=2 if parent else 1)
    (menu,) = await harness.send(user, en(N_("Reminders")))
    return user, menu


async def test_a_student_sees_the_organisations_choices_and_makes_her_own(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    user, menu = await open_menu(main_bot, deps, family.admin, family.first_child)
    assert menu["text"] == "\n".join(
        [
            en(INTRO),
            "",
            en(LEAD_ON_ORGANISATION, lead=en("1 hour")),
            en(DIGEST_ON_ORGANISATION, hour="19:00"),
        ]
    )
    assert buttons(menu) == checked(LEAD_ROWS, "remind:lead:60") + checked(
        DIGEST_ROW, "remind:digest:19"
    )

    answer, _ = await main_bot.press(user, menu, "remind:lead:15", edits=1)
    assert answer["text"] == en("Saved.")
    await main_bot.press(user, menu, "remind:digest:-1", edits=1)

    edited = main_bot.message(user, menu["message_id"])
    assert edited["text"].splitlines()[2:] == [
        en(LEAD_ON_OWN, lead=en("15 minutes")),
        en(DIGEST_OFF_OWN),
    ]
    assert buttons(edited) == [
        *checked(LEAD_ROWS, "remind:lead:15"),
        *checked(DIGEST_ROW, "remind:digest:-1"),
        (en(FOLLOW_BUTTON), "remind:org:1"),
    ]
    current = await reminder_choice(family.first_child, family.admin.organisation_id)
    assert (current.reminder_minutes, current.digest_hour) == (15, None)
    assert (current.own_minutes, current.own_digest) == (True, True)


async def test_following_the_organisation_again_takes_its_new_settings(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    user, menu = await open_menu(main_bot, deps, family.admin, family.first_child)
    await main_bot.press(user, menu, "remind:lead:120", edits=1)
    await update_lesson_settings(
        deps, family.admin, data=LessonSettingsData(reminder_minutes=45, digest_hour=20)
    )

    await main_bot.press(user, menu, "remind:org:1", edits=1)

    edited = main_bot.message(user, menu["message_id"])
    assert edited["text"].splitlines()[2:] == [
        en(LEAD_ON_ORGANISATION, lead=en("{minutes} min", minutes=45)),
        en(DIGEST_ON_ORGANISATION, hour="20:00"),
    ]
    current = await reminder_choice(family.first_child, family.admin.organisation_id)
    assert (current.reminder_minutes, current.own_minutes) == (45, False)


async def test_a_parent_turns_absence_notices_off(deps: Deps, main_bot: BotHarness):
    family = await make_family(deps)
    user, menu = await open_menu(main_bot, deps, family.admin, family.parent_id, parent=True)
    assert buttons(menu)[-1] == ("✓ " + en(ABSENCE_BUTTON), "remind:absence:0")

    await main_bot.press(user, menu, "remind:absence:0", edits=1)

    edited = main_bot.message(user, menu["message_id"])
    assert edited["text"].splitlines()[-1] == en(ABSENCE_OFF)
    assert buttons(edited)[-1] == (en(ABSENCE_BUTTON), "remind:absence:1")
    current = await reminder_choice(family.parent_id, family.admin.organisation_id)
    assert current.absence_notices is False


async def test_a_teacher_has_no_absence_switch_and_forged_buttons_change_nothing(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    teacher = await create_person(
        deps,
        family.admin,
        data=PersonData(last_name="Ахметов", first_name="Ерлан"),
        roles=(Role.TEACHER,),
    )
    user, menu = await open_menu(main_bot, deps, family.admin, teacher.id)
    assert all(not data.startswith("remind:absence") for _, data in buttons(menu))

    for forged in ("remind:lead:45", "remind:digest:7", "remind:absence:0", "remind:nope:1"):
        answer, _ = await main_bot.press(user, menu, forged)
        assert answer["text"] == en(STALE_BUTTON)

    current = await reminder_choice(teacher.id, family.admin.organisation_id)
    assert (current.own_minutes, current.own_digest, current.absence_notices) == (
        False,
        False,
        True,
    )
