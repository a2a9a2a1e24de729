"""The bots end to end: real aiogram dispatchers against the Bot API emulator, a real database,
memory and Redis FSM storage (``fsm_storage`` runs each test with both).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import Message
from aiohttp import web
from aiohttp.test_utils import TestServer, unused_port
from limits import RateLimitItemPerMinute

from bots.routers.menu import HELP
from bots.runner import BotsRunner
from bots.texts import (
    APOLOGY,
    CAREER_WELCOME,
    COMMAND_HELP,
    COMMAND_LANGUAGE,
    COMMAND_MENU,
    COMMAND_START,
    COMPLAINTS_WELCOME,
    STALE_BUTTON,
    THROTTLED,
    UNKNOWN_USER,
    Translator,
)
from core.actor import Actor
from core.clock import FrozenClock
from core.config import ConfigError, load_settings
from core.deps import Deps, build_deps
from core.i18n import N_, gettext_for
from core.services.accounts import set_language
from core.services.people import Role, add_role
from core.services.telegram import telegram_identity
from tests.bots import (
    TOKENS,
    BotHarness,
    buttons,
    invitation_code,
    link_person,
    make_family,
    menu_labels,
    running_bot,
)
from tests.factories import make_member, make_student

kk, ru, en = Translator("kk"), Translator("ru"), Translator("en")
EXPLANATION = "\n\n".join(gettext_for(language, UNKNOWN_USER) for language in ("kk", "ru", "en"))


def labels(_: Translator, *items: str) -> list[str]:
    return [_(item) for item in items]


async def test_a_parent_opens_an_invitation_link_picks_kazakh_and_sees_the_menu_in_kazakh(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    user = main_bot.add_user("Сәуле", language_code="ru")

    welcome = await link_person(main_bot, deps, family.admin, family.parent_id, user)

    assert welcome["text"] == ru("Welcome, {name}! Choose your language.", name="Омарова Сәуле")
    assert buttons(welcome) == [
        ("Қазақша", "lang:kk"),
        ("Русский", "lang:ru"),
        ("English", "lang:en"),
    ]

    _answer, (menu, child_picker) = await main_bot.press(user, welcome, "lang:kk", expect=2)

    assert main_bot.message(user, welcome["message_id"])["text"] == kk(
        "The language is {name}.", name="Қазақша"
    )
    assert menu["text"] == kk("Here is the menu.")
    assert menu_labels(menu) == [
        *(
            gettext_for("kk", label)
            for label in (
                "Schedule",
                "Report an absence",
                "Homework",
                "Progress",
                "Tests",
                "Rating",
                "Reminders",
                "Consultations",
            )
        ),
        gettext_for("kk", N_("Balance and payments")),
        gettext_for("kk", N_("My profile")),
        gettext_for("kk", N_("Chat in Telegram")),
        gettext_for("kk", N_("Choose a child")),
        gettext_for("kk", N_("Language")),
        gettext_for("kk", N_("Help")),
    ]
    assert main_bot.emulator.reply_keyboard(main_bot.token, user) is not None
    assert child_picker["text"] == kk("Choose a child.")
    assert buttons(child_picker) == [
        ("Омаров Нұрлан", f"child:{family.second_child}"),
        ("Омарова Айгерім", f"child:{family.first_child}"),
    ]
    identity = await telegram_identity(user)
    assert identity is not None
    assert identity.person_id == family.parent_id
    assert identity.language == "kk"


async def test_a_parent_with_two_children_picks_one_and_my_profile_shows_that_child(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    user = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, family.admin, family.parent_id, user)
    _, (_menu, picker) = await main_bot.press(user, welcome, "lang:en", expect=2)

    # "My profile" before choosing asks for a child first.
    (first_ask,) = await main_bot.send(user, en(N_("My profile")))
    assert first_ask["text"] == en("Choose a child first.")

    _answer, sent = await main_bot.press(user, picker, f"child:{family.second_child}", edits=1)
    assert sent == []
    assert main_bot.message(user, picker["message_id"])["text"] == en(
        "You chose {name}.", name="Омаров Нұрлан"
    )
    (card,) = await main_bot.send(user, en(N_("My profile")))
    assert card["text"].splitlines() == [
        "Омарова Сәуле",
        en("Organisation: {name}.", name="Білім орталығы"),
        en("Role: {roles}.", roles=en(N_("Parent"))),
        en("Child: {name}.", name="Омаров Нұрлан"),
        en("Groups: none yet."),
    ]

    (picker_again,) = await main_bot.send(user, en(N_("Choose a child")))
    await main_bot.press(user, picker_again, f"child:{family.first_child}")
    (card,) = await main_bot.send(user, en(N_("My profile")))
    assert en("Child: {name}.", name="Омарова Айгерім") in card["text"].splitlines()
    assert en("Groups: {groups}.", groups="Математика 7А") in card["text"].splitlines()


async def test_a_teacher_with_a_web_account_links_telegram_and_confirms_their_language(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    system = Actor.system(family.admin.organisation_id, "test")
    teacher = await make_member(
        deps, system, Role.TEACHER, last_name="Ахметов", first_name="Бекзат"
    )
    assert teacher.account_id is not None and teacher.person_id is not None
    await set_language(teacher.account_id, "en")
    user = main_bot.add_user(language_code="ru")

    welcome = await link_person(main_bot, deps, family.admin, teacher.person_id, user)
    _, (menu,) = await main_bot.press(user, welcome, "lang:en", expect=1)

    assert welcome["text"] == en("Welcome, {name}! Choose your language.", name="Ахметов Бекзат")
    assert menu_labels(menu) == labels(
        en,
        "Schedule",
        "Mark attendance",
        "Homework",
        "Programming",
        "Reminders",
        "My salary",
        "My profile",
        "Write to group",
        "Chat in Telegram",
        "Language",
        "Help",
    )
    (card,) = await main_bot.send(user, en(N_("My profile")))
    assert en("Role: {roles}.", roles="Teacher") in card["text"].splitlines()


async def test_a_used_an_expired_or_an_unknown_code_says_so(
    deps: Deps, main_bot: BotHarness, clock: FrozenClock
):
    family = await make_family(deps)
    first, second = main_bot.add_user(), main_bot.add_user(language_code="en")
    code = await invitation_code(deps, family.admin, family.parent_id)
    await main_bot.send(first, f"/start {code}")

    (used,) = await main_bot.send(second, f"/start {code}")
    (unknown,) = await main_bot.send(second, "/start no-such-code")
    late = await invitation_code(deps, family.admin, family.first_child)
    clock.advance(timedelta(days=8))
    (expired,) = await main_bot.send(second, f"/start {late}")

    assert used["text"] == en("This invitation has already been used. Ask for a new one.")
    assert unknown["text"] == en("This invitation code is not valid. Ask for a new one.")
    assert expired["text"] == en("This invitation has expired. Ask for a new one.")
    assert await telegram_identity(second) is None
    first_identity = await telegram_identity(first)
    assert first_identity is not None
    assert first_identity.person_id == family.parent_id


async def test_an_unknown_user_gets_a_short_explanation_in_three_languages_and_nothing_else(
    main_bot: BotHarness,
):
    user = main_bot.add_user(language_code="en")

    (reply,) = await main_bot.send(user, "Сәлеметсіз бе")
    (again,) = await main_bot.send(user, "/start")
    await main_bot.emulator.user_presses(main_bot.token, user, reply["message_id"], "lang:kk")
    await main_bot.settle()

    assert reply["text"] == again["text"] == EXPLANATION
    assert reply["reply_markup"] is None
    assert len(main_bot.sent(user)) == 2
    assert await telegram_identity(user) is None


async def test_stale_or_forged_buttons_are_answered_as_out_of_date(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    strangers_child = await make_student(deps, family.admin, "Жұмабаев", "Ерлан")
    user = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, family.admin, family.parent_id, user)
    await main_bot.press(user, welcome, "lang:en", expect=2)
    before = len(main_bot.sent(user))

    for data in (
        "garbage",
        f"child:{strangers_child}",
        "child:99999999999999",
        "child:abc",
        "lang:de",
        f"as:{family.admin.organisation_id}:admin",
        "as:1",
    ):
        answer, sent = await main_bot.press(user, welcome, data)
        assert answer["text"] == en(STALE_BUTTON), data
        assert sent == [], data

    await main_bot.settle()
    assert len(main_bot.sent(user)) == before


async def test_a_button_pressed_twice_does_its_work_once(deps: Deps, main_bot: BotHarness):
    family = await make_family(deps)
    user = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, family.admin, family.parent_id, user)
    await main_bot.press(user, welcome, "lang:en", expect=2)
    picker = main_bot.sent(user)[-1]
    await main_bot.press(user, picker, f"child:{family.first_child}")
    count = len(main_bot.sent(user))

    language_again, _ = await main_bot.press(user, welcome, "lang:en")
    child_again, _ = await main_bot.press(user, picker, f"child:{family.first_child}")
    await main_bot.settle()

    assert language_again["text"] == en("The language is {name}.", name="English")
    assert child_again["text"] == en("You chose {name}.", name="Омарова Айгерім")
    assert len(main_bot.sent(user)) == count


async def test_text_the_bot_does_not_understand_shows_the_menu_again(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    user = main_bot.add_user(language_code="en")
    student = main_bot.add_user(language_code="ru")
    welcome = await link_person(main_bot, deps, family.admin, family.parent_id, user)

    # Before the language is chosen, and after.
    (early,) = await main_bot.send(user, "qwerty")
    await main_bot.press(user, welcome, "lang:en", expect=2)
    (late,) = await main_bot.send(user, "🙂 ?? /nonsense")
    await link_person(main_bot, deps, family.admin, family.first_child, student)
    (student_menu,) = await main_bot.send(student, "что это")

    assert early["text"] == late["text"] == en("Please choose an item from the menu.")
    assert menu_labels(late) == labels(
        en,
        "Schedule",
        "Report an absence",
        "Homework",
        "Progress",
        "Tests",
        "Rating",
        "Reminders",
        "Consultations",
        "Balance and payments",
        "My profile",
        "Chat in Telegram",
        "Choose a child",
        "Language",
        "Help",
    )
    assert student_menu["text"] == ru("Please choose an item from the menu.")
    assert menu_labels(student_menu) == labels(
        ru,
        "Schedule",
        "Homework",
        "Progress",
        "Tests",
        "Programming",
        "Rating",
        "Reminders",
        "Consultations",
        "Balance and payments",
        "My profile",
        "Chat in Telegram",
        "Language",
        "Help",
    )


async def test_a_user_who_blocked_the_bot_mid_flow_does_not_stop_it(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    user = main_bot.add_user(language_code="en")
    someone_else = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, family.admin, family.parent_id, user)

    main_bot.emulator.block(main_bot.token, user)
    await main_bot.press(user, welcome, "lang:en")
    (reply,) = await main_bot.send(someone_else, "hello")

    assert reply["text"] == EXPLANATION
    refused = [
        call
        for call in main_bot.emulator.calls
        if call.token == main_bot.token and call.status == 403
    ]
    assert refused, "the bot tried to answer the user who blocked it"
    identity = await telegram_identity(user)
    assert identity is not None
    assert identity.unreachable


async def test_a_user_who_writes_again_after_blocking_the_bot_is_reachable_again(
    deps: Deps, main_bot: BotHarness
):
    family = await make_family(deps)
    user = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, family.admin, family.first_child, user)
    await main_bot.press(user, welcome, "lang:en", expect=1)
    main_bot.emulator.block(main_bot.token, user)
    await main_bot.settle()
    identity = await telegram_identity(user)
    assert identity is not None
    assert identity.unreachable

    (menu,) = await main_bot.send(user, "/menu")

    assert menu["text"] == en("Here is the menu.")
    identity = await telegram_identity(user)
    assert identity is not None
    assert not identity.unreachable


async def test_language_switches_and_the_next_answers_follow(deps: Deps, main_bot: BotHarness):
    family = await make_family(deps)
    user = main_bot.add_user(language_code="ru")
    welcome = await link_person(main_bot, deps, family.admin, family.first_child, user)
    _, (menu,) = await main_bot.press(user, welcome, "lang:ru", expect=1)
    assert menu_labels(menu) == labels(
        ru,
        "Schedule",
        "Homework",
        "Progress",
        "Tests",
        "Programming",
        "Rating",
        "Reminders",
        "Consultations",
        "Balance and payments",
        "My profile",
        "Chat in Telegram",
        "Language",
        "Help",
    )

    (help_ru,) = await main_bot.send(user, "/help")
    (chooser,) = await main_bot.send(user, ru(N_("Language")))
    _, (menu_en,) = await main_bot.press(user, chooser, "lang:en", expect=1)
    (help_en,) = await main_bot.send(user, "/help")
    (chooser,) = await main_bot.send(user, "/language")
    _, (menu_kk,) = await main_bot.press(user, chooser, "lang:kk", expect=1)
    (profile_kk,) = await main_bot.send(user, kk(N_("My profile")))

    assert help_ru["text"] == ru(HELP)
    assert chooser["text"] == en("Choose your language.")
    assert menu_en["text"] == en("Here is the menu.")
    assert menu_labels(menu_en) == labels(
        en,
        "Schedule",
        "Homework",
        "Progress",
        "Tests",
        "Programming",
        "Rating",
        "Reminders",
        "Consultations",
        "Balance and payments",
        "My profile",
        "Chat in Telegram",
        "Language",
        "Help",
    )
    assert help_en["text"] == en(HELP)
    assert menu_labels(menu_kk) == labels(
        kk,
        "Schedule",
        "Homework",
        "Progress",
        "Tests",
        "Programming",
        "Rating",
        "Reminders",
        "Consultations",
        "Balance and payments",
        "My profile",
        "Chat in Telegram",
        "Language",
        "Help",
    )
    assert profile_kk["text"].splitlines() == [
        "Омарова Айгерім",
        kk("Organisation: {name}.", name="Білім орталығы"),
        kk("Role: {roles}.", roles=kk(N_("Student"))),
        kk("Groups: {groups}.", groups="Математика 7А"),
    ]


async def test_a_teacher_who_is_also_a_parent_switches_role(deps: Deps, main_bot: BotHarness):
    family = await make_family(deps)
    await add_role(deps, family.admin, person_id=family.parent_id, role=Role.TEACHER)
    org = family.admin.organisation_id
    user = main_bot.add_user(language_code="en")
    welcome = await link_person(main_bot, deps, family.admin, family.parent_id, user)
    _, (menu,) = await main_bot.press(user, welcome, "lang:en", expect=1)
    assert menu_labels(menu) == labels(
        en,
        "Schedule",
        "Mark attendance",
        "Homework",
        "Programming",
        "Reminders",
        "My salary",
        "My profile",
        "Write to group",
        "Chat in Telegram",
        "Switch role",
        "Language",
        "Help",
    )

    (chooser,) = await main_bot.send(user, en(N_("Switch role")))
    assert buttons(chooser) == [
        (
            en("{role} in {organisation}", role="Teacher", organisation="Білім орталығы"),
            f"as:{org}:teacher",
        ),
        (
            en("{role} in {organisation}", role="Parent", organisation="Білім орталығы"),
            f"as:{org}:parent",
        ),
    ]
    _, (parent_menu, picker) = await main_bot.press(
        user, chooser, f"as:{org}:parent", expect=2, edits=1
    )
    assert main_bot.message(user, chooser["message_id"])["text"] == en(
        "You now work as {role} in {organisation}.", role="Parent", organisation="Білім орталығы"
    )
    assert menu_labels(parent_menu) == labels(
        en,
        "Schedule",
        "Report an absence",
        "Homework",
        "Progress",
        "Tests",
        "Rating",
        "Reminders",
        "Consultations",
        "Balance and payments",
        "My profile",
        "Chat in Telegram",
        "Choose a child",
        "Switch role",
        "Language",
        "Help",
    )
    await main_bot.press(user, picker, f"child:{family.first_child}")
    (card,) = await main_bot.send(user, en(N_("My profile")))
    assert en("Role: {roles}.", roles="Parent") in card["text"].splitlines()

    (chooser,) = await main_bot.send(user, en(N_("Switch role")))
    await main_bot.press(user, chooser, f"as:{org}:teacher", expect=1)
    (card,) = await main_bot.send(user, en(N_("My profile")))
    assert en("Role: {roles}.", roles="Teacher") in card["text"].splitlines()
    assert en("Child: {name}.", name="Омарова Айгерім") not in card["text"].splitlines()


async def test_a_failing_feature_gets_an_apology_and_the_bot_goes_on(deps: Deps, emulator):
    broken = Router(name="broken")

    @broken.message(Command("boom"))
    async def explode(message: Message) -> None:
        raise RuntimeError("a bug in a feature")

    family = await make_family(deps)
    storage = MemoryStorage()
    async with running_bot(deps, emulator, storage, extra_routers=[broken]) as bot:
        user = bot.add_user(language_code="en")
        welcome = await link_person(bot, deps, family.admin, family.first_child, user)
        await bot.press(user, welcome, "lang:en", expect=1)

        (apology,) = await bot.send(user, "/boom")
        (menu,) = await bot.send(user, "/menu")

    assert apology["text"] == en(APOLOGY)
    assert menu["text"] == en("Here is the menu.")


async def test_a_flood_from_one_user_is_ignored_after_one_polite_warning(deps: Deps, emulator):
    async with running_bot(
        deps, emulator, MemoryStorage(), flood_rate=RateLimitItemPerMinute(3)
    ) as bot:
        user = bot.add_user(language_code="en")
        other = bot.add_user(language_code="en")
        for number in range(7):
            await emulator.user_sends(bot.token, user, f"hello {number}")
        await bot.settle()
        (others_reply,) = await bot.send(other, "hello")

    assert [m["text"] for m in bot.sent(user)] == [EXPLANATION] * 3 + [en(THROTTLED)]
    assert others_reply["text"] == EXPLANATION


async def test_the_career_bot_answers_in_the_language_chosen_in_the_main_bot(
    deps: Deps, main_bot: BotHarness, emulator, fsm_storage
):
    family = await make_family(deps)
    user = main_bot.add_user(language_code="ru")
    welcome = await link_person(main_bot, deps, family.admin, family.first_child, user)
    await main_bot.press(user, welcome, "lang:kk", expect=1)

    async with running_bot(deps, emulator, fsm_storage, kind="career") as career:
        (reply,) = await career.send(user, "/start")

    assert reply["text"] == kk(CAREER_WELCOME)


def _commands(language: str, *pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [
        {"command": command, "description": gettext_for(language, text)} for command, text in pairs
    ]


async def test_the_runner_registers_commands_per_language_and_polls_every_bot(
    deps: Deps, emulator, tmp_path, clock
):
    settings = load_settings(
        data_dir=tmp_path / "bots",
        telegram_main_token=TOKENS["main"],
        telegram_complaints_token=TOKENS["complaints"],
        _env_file=None,
    )
    bot_deps = build_deps(settings, clock=clock)
    for kind in ("main", "complaints"):
        emulator.add_bot(TOKENS[kind], username=f"sabaq_{kind}_bot")
    runner = BotsRunner(bot_deps, api_base=emulator.base_url, polling_timeout=1)
    assert runner.mode == "polling"
    assert runner.kinds == ("main", "complaints")

    await runner.start()
    try:
        main = [("menu", COMMAND_MENU), ("language", COMMAND_LANGUAGE), ("help", COMMAND_HELP)]
        for language in ("kk", "ru", "en"):
            assert emulator.commands(TOKENS["main"], language) == _commands(language, *main)
            assert emulator.commands(TOKENS["complaints"], language) == _commands(
                language, ("start", COMMAND_START)
            )
        assert emulator.commands(TOKENS["main"]) == _commands("ru", *main)

        user = emulator.add_user("Әсел", language_code="kk")
        await emulator.user_sends(TOKENS["main"], user["id"], "/start")
        await emulator.user_sends(TOKENS["complaints"], user["id"], "/start")
        (explained,) = await emulator.wait_sent(TOKENS["main"], user["id"])
        (welcome,) = await emulator.wait_sent(TOKENS["complaints"], user["id"])
    finally:
        await runner.stop()
    await runner.stop()

    assert explained["text"] == EXPLANATION
    assert welcome["text"] == kk(COMPLAINTS_WELCOME)


async def test_the_runner_serves_webhooks_when_a_webhook_url_is_set(
    deps: Deps, emulator, tmp_path, clock
):
    settings = load_settings(
        data_dir=tmp_path / "bots", telegram_main_token=TOKENS["main"], _env_file=None
    )
    emulator.add_bot(TOKENS["main"], username="sabaq_main_bot")
    port = unused_port()
    runner = BotsRunner(
        build_deps(settings, clock=clock),
        api_base=emulator.base_url,
        webhook_url=f"http://127.0.0.1:{port}/telegram",
    )
    app = web.Application()
    runner.attach(app)
    server = TestServer(app, port=port)
    await server.start_server()
    try:
        await runner.start()
        assert runner.mode == "webhook"
        assert emulator.webhook_url(TOKENS["main"]) == f"http://127.0.0.1:{port}/telegram/main"
        user = emulator.add_user("Әсел", language_code="en")
        await emulator.user_sends(TOKENS["main"], user["id"], "hello")
        (reply,) = await emulator.wait_sent(TOKENS["main"], user["id"])
    finally:
        await runner.stop()
        await server.close()

    assert reply["text"] == EXPLANATION


async def test_without_tokens_the_runner_does_nothing(deps: Deps, emulator):
    runner = BotsRunner(deps, api_base=emulator.base_url)

    await runner.start()
    await runner.stop()

    assert runner.mode == "off"
    assert runner.kinds == ()
    assert emulator.calls == []


def test_a_malformed_token_is_named_in_one_line(tmp_path, clock):
    settings = load_settings(
        data_dir=tmp_path, telegram_career_token="not a token", _env_file=None
    )

    with pytest.raises(ConfigError, match="SABAQ_TELEGRAM_CAREER_TOKEN"):
        BotsRunner(build_deps(settings, clock=clock))
