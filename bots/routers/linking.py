"""Linking a Telegram user to a person (``/start <code>``), and everyone not linked yet.

A stranger gets one short explanation in Kazakh, Russian and English, and nothing else.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import (
    KICKED,
    MEMBER,
    ChatMemberUpdatedFilter,
    CommandObject,
    CommandStart,
)
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bots.keyboards import language_keyboard
from bots.middlewares import resolve_choice, resolve_language
from bots.routers.filters import Private, Stranger, WithoutRole
from bots.texts import NO_ROLE, UNKNOWN_USER, Translator, in_every_language
from core.deps import Deps
from core.services.telegram import (
    link_telegram,
    mark_reachable,
    mark_unreachable,
    telegram_identity,
)


async def start_with_code(
    message: Message, command: CommandObject, deps: Deps, state: FSMContext
) -> None:
    user = message.from_user
    if user is None:
        return
    linked = await link_telegram(
        deps, code=command.args or "", telegram_user_id=user.id, language=None
    )
    # Choices made for someone else (a previous link) mean nothing for this person.
    await state.set_data({})
    identity = await telegram_identity(user.id)
    choice = resolve_choice(identity, {}) if identity else None
    place = identity.place(choice.organisation_id) if identity and choice else None
    _ = Translator(resolve_language(identity, place, user, deps.settings.default_language))
    await message.answer(
        _("Welcome, {name}! Choose your language.", name=linked.full_name),
        reply_markup=language_keyboard(),
    )


async def explain_to_stranger(message: Message) -> None:
    await message.answer(in_every_language(UNKNOWN_USER))


async def stranger_pressed(query: CallbackQuery) -> None:
    await query.answer()


async def no_role(message: Message, _: Translator) -> None:
    await message.answer(_(NO_ROLE))


async def no_role_pressed(query: CallbackQuery, _: Translator) -> None:
    await query.answer()
    if query.message is not None:
        await query.message.answer(_(NO_ROLE))


async def blocked(event: ChatMemberUpdated, deps: Deps) -> None:
    await mark_unreachable(deps, event.from_user.id)


async def unblocked(event: ChatMemberUpdated) -> None:
    await mark_reachable(event.from_user.id)


def router() -> Router:
    linking = Router(name="linking")
    for observer in (linking.message, linking.callback_query, linking.my_chat_member):
        observer.filter(Private())
    linking.message.register(start_with_code, CommandStart(deep_link=True))
    linking.message.register(explain_to_stranger, Stranger())
    linking.callback_query.register(stranger_pressed, Stranger())
    linking.message.register(no_role, WithoutRole())
    linking.callback_query.register(no_role_pressed, WithoutRole())
    linking.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    linking.my_chat_member.register(
        unblocked, ChatMemberUpdatedFilter(member_status_changed=KICKED >> MEMBER)
    )
    return linking
