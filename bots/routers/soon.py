"""The career bot, for now: any message says the feature is coming."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bots.routers.filters import Private
from bots.texts import COMING_SOON_CAREER, Translator


async def coming_soon(message: Message, _: Translator) -> None:
    await message.answer(_(COMING_SOON_CAREER))


def career_router() -> Router:
    career = Router(name="career")
    career.message.register(coming_soon, Private())
    return career
