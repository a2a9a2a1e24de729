"""The complaints and career bots, for now: any message says the feature is coming."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import Router
from aiogram.types import Message

from bots.routers.filters import Private
from bots.texts import COMING_SOON_CAREER, COMING_SOON_COMPLAINTS, Translator


def _answer(text: str) -> Callable[[Message, Translator], Awaitable[None]]:
    async def coming_soon(message: Message, _: Translator) -> None:
        await message.answer(_(text))

    return coming_soon


def complaints_router() -> Router:
    complaints = Router(name="complaints")
    complaints.message.register(_answer(COMING_SOON_COMPLAINTS), Private())
    return complaints


def career_router() -> Router:
    career = Router(name="career")
    career.message.register(_answer(COMING_SOON_CAREER), Private())
    return career
