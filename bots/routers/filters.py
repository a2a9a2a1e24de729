"""Who a handler is for: linked users with a role, linked users without one, strangers."""

from __future__ import annotations

from typing import Any

from aiogram.filters import BaseFilter
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message, TelegramObject

from bots.middlewares import Choice
from core.actor import Actor
from core.services.telegram import Identity, Role


class Linked(BaseFilter):
    """A linked user who holds a role somewhere (``actor`` is set)."""

    async def __call__(self, event: TelegramObject, actor: Actor | None = None) -> bool:
        return actor is not None


class Stranger(BaseFilter):
    """A Telegram user no account is linked to."""

    async def __call__(self, event: TelegramObject, identity: Identity | None = None) -> bool:
        return identity is None


class WithoutRole(BaseFilter):
    """A linked user who holds no active role anywhere now."""

    async def __call__(
        self, event: TelegramObject, identity: Identity | None = None, actor: Actor | None = None
    ) -> bool:
        return identity is not None and actor is None


class Private(BaseFilter):
    """A private chat with the bot (groups and channels are not the bot's to answer in)."""

    async def __call__(self, event: TelegramObject, **_: Any) -> bool:
        if isinstance(event, Message | ChatMemberUpdated):
            return event.chat.type == "private"
        if isinstance(event, CallbackQuery):
            return event.message is None or event.message.chat.type == "private"
        return True


class ActingAs(BaseFilter):
    """The user works now (their chosen role) as one of ``roles``."""

    def __init__(self, *roles: Role) -> None:
        self.roles = frozenset(roles)

    async def __call__(
        self, event: TelegramObject, choice: Choice | None = None, **_: Any
    ) -> bool:
        return choice is not None and choice.role in self.roles
