"""One place where failures become answers; the process never crashes on an update.

- a domain error (``SabaqError``) becomes its message in the user's language (a ``NotFound``
  behind a button means the button is out of date);
- Telegram refusing to deliver (the user blocked the bot) marks them unreachable, silently;
- any other Telegram error is logged; nothing more can be said to the user through it;
- anything else is logged with its traceback and the user gets an apology.
"""

from __future__ import annotations

import logging
from contextlib import suppress

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.types import ErrorEvent, Update, User

from bots.texts import APOLOGY, STALE_BUTTON, Translator, toast
from core.config import Language
from core.deps import Deps
from core.errors import NotFound, SabaqError
from core.i18n import pick_language
from core.services.telegram import mark_unreachable

log = logging.getLogger(__name__)


async def on_error(
    event: ErrorEvent,
    bot: Bot,
    deps: Deps,
    *,
    language: Language | None = None,
    event_from_user: User | None = None,
    bot_kind: str = "main",
) -> bool:
    error = event.exception
    update = event.update
    user = event_from_user
    if isinstance(error, TelegramForbiddenError):
        # Blocking is per bot, and the complaints bot's users may be anonymous: only the
        # main bot marks the account and names the user in the log.
        main = bot_kind == "main"
        log.info(
            "Telegram user %s cannot be reached: %s", user.id if user and main else "?", error
        )
        if user is not None and main:
            try:
                await mark_unreachable(deps, user.id)
            except Exception:
                log.exception("could not mark Telegram user %s unreachable", user.id)
        await _stop_spinner(bot, update)
        return True
    _ = Translator(
        language
        or pick_language(
            user.language_code if user else None, default=deps.settings.default_language
        )
    )
    if isinstance(error, TelegramAPIError):
        log.warning("Telegram refused a call for update %s: %s", update.update_id, error)
        await _stop_spinner(bot, update)
        return True
    if isinstance(error, SabaqError):
        if update.callback_query is not None and isinstance(error, NotFound):
            text = _(STALE_BUTTON)
        else:
            text = error.translated(_.language)
    else:
        log.error("update %s failed", update.update_id, exc_info=error)
        text = _(APOLOGY)
    await _tell(bot, update, text, user)
    return True


async def _stop_spinner(bot: Bot, update: Update) -> None:
    """Answer a pressed button (if nothing did), so the user's client stops waiting."""
    if update.callback_query is not None:
        with suppress(TelegramAPIError):
            await bot.answer_callback_query(update.callback_query.id)


async def _tell(bot: Bot, update: Update, text: str, user: User | None) -> None:
    """Answer the update: a pressed button gets a toast (or a message if too long)."""
    try:
        query = update.callback_query
        if query is not None:
            short = toast(text) == text
            await bot.answer_callback_query(query.id, text=text if short else None)
            if short:
                return
        chat_id = _chat_id(update, user)
        if chat_id is not None:
            await bot.send_message(chat_id, text)
    except TelegramAPIError as error:
        log.info("could not tell the user about an error: %s", error)


def _chat_id(update: Update, user: User | None) -> int | None:
    if update.message is not None:
        return update.message.chat.id
    query = update.callback_query
    if query is not None and query.message is not None:
        return query.message.chat.id
    return user.id if user is not None else None


def router() -> Router:
    errors = Router(name="errors")
    errors.errors.register(on_error)
    return errors
