"""The bot's inline prompts: which message a button press came from, turning that message
into the next step (or the outcome), and leaving a multi-step flow.

A flow keeps the id of the message whose buttons are live in its FSM data; a press on any
other message is out of date.
"""

from __future__ import annotations

from collections.abc import Collection

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup


def chat_of(query: CallbackQuery) -> int:
    """The chat of the pressed message (the user's private chat when it is too old to see)."""
    return query.message.chat.id if query.message else query.from_user.id


def pressed_id(query: CallbackQuery) -> int | None:
    """The id of the pressed message, to compare with the flow's live prompt."""
    return query.message.message_id if query.message is not None else None


async def replace_pressed(
    query: CallbackQuery, bot: Bot, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Turn the pressed message into ``text`` with ``markup`` (none: without buttons), or
    send it anew when the message is too old to edit."""
    if query.message is None:
        await bot.send_message(query.from_user.id, text, reply_markup=markup)
        return
    try:
        await bot.edit_message_text(
            text,
            chat_id=query.message.chat.id,
            message_id=query.message.message_id,
            reply_markup=markup,
        )
    except TelegramBadRequest as error:
        if "message is not modified" not in error.message:  # the same button pressed again
            raise


async def close_prompt(query: CallbackQuery, bot: Bot, text: str) -> None:
    """Answer the press and turn the prompt into ``text``, without buttons."""
    await query.answer()
    await replace_pressed(query, bot, text)


async def leave_flow(state: FSMContext, keys: Collection[str]) -> None:
    """Leave a flow: clear the state and the flow's ``keys``, keeping the rest of the FSM
    data (the chosen role and child)."""
    data = await state.get_data()
    await state.set_state(None)
    await state.set_data({key: value for key, value in data.items() if key not in keys})
