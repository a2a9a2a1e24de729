"""Issue 10, done when "a student registers with the teacher's code in Telegram": the class
code's deep link (``/start c-<code>``) end to end against the Bot API emulator."""

from __future__ import annotations

from bots.texts import Translator
from core.deps import Deps
from core.models.people import Person
from core.services.academics import group_card
from core.services.people import Role
from core.services.registration_codes import (
    regenerate_class_code,
    regenerate_school_code,
    revoke_class_code,
)
from core.services.telegram import telegram_identity
from tests.bots import BotHarness, buttons, link_person, menu_labels
from tests.factories import make_student
from tests.test_registration_codes import School, make_school

ru = Translator("ru")


async def class_code_of(deps: Deps, school: School) -> str:
    return (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code


async def test_a_student_registers_with_the_teachers_code_in_telegram(
    deps: Deps, main_bot: BotHarness
):
    school = await make_school(deps)
    code = await class_code_of(deps, school)
    user = main_bot.add_user("Дана", language_code="ru")

    (ask_last,) = await main_bot.send(user, f"/start c-{code}")
    assert ask_last["text"] == ru(
        "This is group “{group}” of {teacher}. To join it, send your last name.",
        group="Информатика 8Б",
        teacher="Жұмабаев Ерлан",
    )
    (ask_first,) = await main_bot.send(user, "Ахметова")
    assert ask_first["text"] == ru("Now send your first name.")
    (welcome,) = await main_bot.send(user, "Дана")

    assert welcome["text"] == ru(
        "Welcome, {name}! You are in group “{group}” now. Choose your language.",
        name="Ахметова Дана",
        group="Информатика 8Б",
    )
    identity = await telegram_identity(user)
    assert identity is not None
    assert identity.full_name == "Ахметова Дана"
    assert [place.roles for place in identity.places] == [(Role.STUDENT,)]
    card = await group_card(school.admin, school.group_id)
    assert [member.full_name for member in card.students] == ["Ахметова Дана"]

    # From here on they are an ordinary linked student: the language, then the menu.
    _answer, (menu,) = await main_bot.press(user, welcome, "lang:kk", expect=1)
    assert menu_labels(menu)


async def test_a_linked_student_joins_with_the_code_without_a_new_person(
    deps: Deps, main_bot: BotHarness
):
    school = await make_school(deps)
    student = await make_student(deps, school.admin, "Омаров", "Нұрлан")
    user = main_bot.add_user("Нұрлан", language_code="ru")
    welcome = await link_person(main_bot, deps, school.admin, student, user)
    await main_bot.press(user, welcome, "lang:ru", expect=1)
    people = await Person.all().count()
    code = await class_code_of(deps, school)

    (joined,) = await main_bot.send(user, f"/start c-{code}")

    assert joined["text"] == ru("You are in group “{group}” now.", group="Информатика 8Б")
    assert await Person.all().count() == people
    card = await group_card(school.admin, school.group_id)
    assert [member.person_id for member in card.students] == [student]
    # A second time says so instead of enrolling twice.
    (again,) = await main_bot.send(user, f"/start c-{code}")
    assert again["text"] == ru(
        "{student} is already in group “{name}”.", student="Омаров Нұрлан", name="Информатика 8Б"
    )


async def test_a_full_class_and_a_revoked_code_are_said_plainly(deps: Deps, main_bot: BotHarness):
    school = await make_school(deps, capacity=1)
    code = await class_code_of(deps, school)
    first = main_bot.add_user("Дана", language_code="ru")
    await main_bot.send(first, f"/start c-{code}")
    await main_bot.send(first, "Ахметова")
    await main_bot.send(first, "Дана")
    second = main_bot.add_user("Тимур", language_code="ru")

    (full,) = await main_bot.send(second, f"/start c-{code}")

    assert full["text"] == ru(
        "Group “{name}” is full: all {capacity} places are taken.",
        name="Информатика 8Б",
        capacity=1,
    )
    assert buttons(full) == []
    await revoke_class_code(deps, school.teacher, group_id=school.group_id)
    (revoked,) = await main_bot.send(second, f"/start c-{code}")
    assert revoked["text"] == ru("This code was revoked. Ask for a new one.")
    assert await telegram_identity(second) is None


async def test_a_code_revoked_while_a_student_types_their_name_ends_the_sign_up(
    deps: Deps, main_bot: BotHarness
):
    school = await make_school(deps)
    code = await class_code_of(deps, school)
    user = main_bot.add_user("Дана", language_code="ru")
    await main_bot.send(user, f"/start c-{code}")
    await main_bot.send(user, "Ахметова")
    await revoke_class_code(deps, school.teacher, group_id=school.group_id)

    (revoked,) = await main_bot.send(user, "Дана")

    assert revoked["text"] == ru("This code was revoked. Ask for a new one.")
    assert await telegram_identity(user) is None
    card = await group_card(school.admin, school.group_id)
    assert card.students == ()


async def test_a_school_code_in_telegram_points_to_the_website(deps: Deps, main_bot: BotHarness):
    school = await make_school(deps)
    code = (await regenerate_school_code(deps, school.admin)).code
    user = main_bot.add_user("Дана", language_code="ru")

    (answer,) = await main_bot.send(user, f"/start c-{code}")

    assert answer["text"] == ru(
        "This is a school code for teachers. Register with it on the website."
    )
    assert await telegram_identity(user) is None
