"""The main menu: ``/start`` for a linked user, ``/menu``, ``/help``, and what nothing else took.

Included last: text that no feature understood shows the menu again, and a button no
feature understood (stale or forged callback data) is answered as out of date.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from bots.keyboards import MenuButton, menu_keyboard
from bots.middlewares import Choice
from bots.routers.filters import Linked, Private
from bots.texts import STALE_BUTTON, Translator
from core.i18n import N_
from core.services.telegram import Identity

HELP = N_(
    "Use the buttons under the message field. “My profile” shows who you are in Sabaq, "
    "“Language” changes the language of the bot. Commands: /menu shows the menu, "
    "/language changes the language, /help shows this message."
)


async def send_menu(
    bot: Bot, chat_id: int, identity: Identity, choice: Choice, _: Translator, text: str
) -> None:
    """Send ``text`` with the main menu for this identity and choice under it."""
    await bot.send_message(chat_id, text, reply_markup=menu_keyboard(identity, choice, _))


async def greet(message: Message, identity: Identity, choice: Choice, _: Translator) -> None:
    await message.answer(
        _("Hello, {name}! Here is the menu.", name=identity.full_name),
        reply_markup=menu_keyboard(identity, choice, _),
    )


async def show_menu(message: Message, identity: Identity, choice: Choice, _: Translator) -> None:
    await message.answer(_("Here is the menu."), reply_markup=menu_keyboard(identity, choice, _))


async def show_help(message: Message, identity: Identity, choice: Choice, _: Translator) -> None:
    await message.answer(_(HELP), reply_markup=menu_keyboard(identity, choice, _))


async def anything_else(
    message: Message, identity: Identity, choice: Choice, _: Translator
) -> None:
    await message.answer(
        _("Please choose an item from the menu."), reply_markup=menu_keyboard(identity, choice, _)
    )


async def stale_button(query: CallbackQuery, _: Translator) -> None:
    await query.answer(_(STALE_BUTTON))


def router() -> Router:
    menu = Router(name="menu")
    for observer in (menu.message, menu.callback_query):
        observer.filter(Private(), Linked())
    menu.message.register(greet, CommandStart())
    menu.message.register(show_menu, Command("menu"))
    menu.message.register(show_help, Command("help"))
    menu.message.register(show_help, MenuButton("help"))
    menu.message.register(anything_else)
    menu.callback_query.register(stale_button)
    return menu
