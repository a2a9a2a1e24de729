"""``/language`` and the "Language" button: choose kk, ru or en; answers follow at once."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bots.keyboards import LanguageChoice, MenuButton, children_keyboard, language_keyboard
from bots.middlewares import Choice
from bots.routers.filters import Linked, Private
from bots.routers.menu import send_menu
from bots.texts import LANGUAGE_NAMES, STALE_BUTTON, Translator, toast
from core.config import LANGUAGES
from core.services.telegram import Identity, Role, set_telegram_language


async def ask_language(message: Message, _: Translator) -> None:
    await message.answer(_("Choose your language."), reply_markup=language_keyboard())


async def language_chosen(
    query: CallbackQuery,
    *,
    callback_data: LanguageChoice,
    bot: Bot,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    code = callback_data.code
    if code not in LANGUAGES:
        await query.answer(_(STALE_BUTTON))
        return
    changed = await set_telegram_language(query.from_user.id, code)
    _ = Translator(code)
    done = _("The language is {name}.", name=LANGUAGE_NAMES[code])
    chat_id = query.message.chat.id if query.message else query.from_user.id
    if query.message is not None:
        # The edit takes the keyboard away; if it is already done, this press is a repeat
        # (a double tap) and there is nothing new to send.
        try:
            await bot.edit_message_text(done, chat_id=chat_id, message_id=query.message.message_id)
        except TelegramBadRequest as error:
            if "message is not modified" not in error.message:
                raise
            await query.answer(toast(done))
            return
    elif not changed:
        await query.answer(toast(done))
        return
    await query.answer()
    await send_menu(bot, chat_id, identity, choice, _, _("Here is the menu."))
    if choice.role is Role.PARENT and choice.child_id is None and identity.children:
        await bot.send_message(
            chat_id, _("Choose a child."), reply_markup=children_keyboard(identity)
        )


def router() -> Router:
    language = Router(name="language")
    for observer in (language.message, language.callback_query):
        observer.filter(Private(), Linked())
    language.message.register(ask_language, Command("language"))
    language.message.register(ask_language, MenuButton("language"))
    language.callback_query.register(language_chosen, LanguageChoice.filter())
    return language
