"""Joining a class by its code in the bot: ``/start c-<code>`` (the teacher's deep link).

A linked user joins the class at once. Anyone else is asked their last name and first name,
then becomes a student of the class's organisation, linked to this Telegram account and
enrolled. Included before the linking router, whose catch-all answers every stranger.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bots.keyboards import language_keyboard
from bots.routers.filters import Private
from bots.texts import Translator
from core.deps import Deps
from core.errors import InvalidInput, SabaqError
from core.services.registration_codes import (
    CLASS_LINK_PREFIX,
    Joined,
    register_student_telegram,
    start_class_code,
)

CODE_KEY = "class_code"
LAST_NAME_KEY = "last_name"


class ClassSignUp(StatesGroup):
    last_name = State()
    first_name = State()


async def start_with_class_code(
    message: Message, command: CommandObject, deps: Deps, state: FSMContext, _: Translator
) -> None:
    user = message.from_user
    if user is None:
        return
    code = (command.args or "")[len(CLASS_LINK_PREFIX) :]
    found = await start_class_code(deps, code=code, telegram_user_id=user.id)
    if isinstance(found, Joined):
        await message.answer(_("You are in group “{group}” now.", group=found.group_name))
        return
    await state.set_state(ClassSignUp.last_name)
    await state.set_data({CODE_KEY: code})
    await message.answer(
        _(
            "This is group “{group}” of {teacher}. To join it, send your last name.",
            group=found.group_name,
            teacher=found.teacher_name,
        )
    )


async def got_last_name(message: Message, state: FSMContext, _: Translator) -> None:
    await state.update_data({LAST_NAME_KEY: (message.text or "").strip()})
    await state.set_state(ClassSignUp.first_name)
    await message.answer(_("Now send your first name."))


async def got_first_name(message: Message, deps: Deps, state: FSMContext, _: Translator) -> None:
    user = message.from_user
    if user is None:
        return
    data = await state.get_data()
    try:
        joined = await register_student_telegram(
            deps,
            code=str(data.get(CODE_KEY, "")),
            last_name=str(data.get(LAST_NAME_KEY, "")),
            first_name=(message.text or "").strip(),
            telegram_user_id=user.id,
            language=None,
        )
    except InvalidInput as error:
        # A name to fix is asked for again; any other answer ends the sign-up.
        if error.field == "last_name":
            await state.set_state(ClassSignUp.last_name)
        elif error.field != "first_name":
            await state.clear()
        raise
    except SabaqError:
        await state.clear()
        raise
    await state.clear()
    await message.answer(
        _(
            "Welcome, {name}! You are in group “{group}” now. Choose your language.",
            name=joined.full_name,
            group=joined.group_name,
        ),
        reply_markup=language_keyboard(),
    )


async def not_a_name(message: Message, _: Translator) -> None:
    await message.answer(_("Please send your name as text."))


def router() -> Router:
    registration = Router(name="registration")
    registration.message.filter(Private())
    registration.message.register(
        start_with_class_code,
        CommandStart(deep_link=True, magic=F.args.startswith(CLASS_LINK_PREFIX)),
    )
    # A command typed in the middle (/start, /menu) is not a name: the routers after this
    # one answer it.
    typed = F.text & ~F.text.startswith("/")
    registration.message.register(got_last_name, StateFilter(ClassSignUp.last_name), typed)
    registration.message.register(got_first_name, StateFilter(ClassSignUp.first_name), typed)
    registration.message.register(
        not_a_name, StateFilter(ClassSignUp.last_name, ClassSignUp.first_name), ~F.text
    )
    return registration
