"""Per-update middlewares: flood throttling, then who the Telegram user is and their language.

Every handler then finds in its data:

- ``identity``: the linked person (``core.services.telegram.Identity``) or ``None``;
- ``choice``: where and as what they work now, and the chosen child (``Choice``) or ``None``;
- ``actor``: the ``Actor`` for that choice, narrowed to the chosen role, or ``None``;
- ``language`` and ``_``: the reply language (their choice → Telegram's language →
  the organisation's default → the platform default) and a ``Translator`` for it.

The choice lives in FSM data (``ORGANISATION_KEY``, ``ROLE_KEY``, ``CHILD_KEY``) and is checked
against the identity on every update, so a stale choice falls back to a valid one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject, Update, User
from limits import (
    RateLimitItem,
    RateLimitItemPerHour,
    RateLimitItemPerMinute,
    RateLimitItemPerSecond,
)

from bots.texts import THROTTLED, Translator
from core.actor import Actor
from core.complaint_handles import chat_tag
from core.config import Language
from core.deps import Deps
from core.i18n import pick_language
from core.services.telegram import (
    Identity,
    Place,
    Role,
    identity_actor,
    mark_reachable,
    telegram_identity,
)

log = logging.getLogger(__name__)

ORGANISATION_KEY = "organisation_id"
ROLE_KEY = "role"
CHILD_KEY = "child_id"

#: More than this from one user is a flood: ignored, with one polite warning.
DEFAULT_FLOOD_RATE = RateLimitItemPerSecond(5)
FLOOD_WARNING_RATE = RateLimitItemPerMinute(1)
#: An album's first photo is seen once an hour; the other nine pass the flood limit.
ALBUM_ONCE = RateLimitItemPerHour(1)
ALBUM_REST = RateLimitItemPerHour(9)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


@dataclass(frozen=True)
class Choice:
    """Where the user works now, in which role, and (for a parent) which child."""

    organisation_id: int
    role: Role
    child_id: int | None


def choices_of(identity: Identity) -> list[tuple[int, Role]]:
    """Every (organisation, role) the person can act as, in a stable order."""
    return [(place.organisation_id, role) for place in identity.places for role in place.roles]


def resolve_choice(identity: Identity, stored: Mapping[str, Any]) -> Choice | None:
    """The stored choice if it is still valid, else the first role; ``None`` without roles.

    A parent's child is the stored one if still theirs, else their only child, else ``None``
    (the bot asks them to choose).
    """
    options = choices_of(identity)
    if not options:
        return None
    organisation_id, role = next(
        (
            (org, role)
            for org, role in options
            if org == stored.get(ORGANISATION_KEY) and role.value == stored.get(ROLE_KEY)
        ),
        options[0],
    )
    child_id: int | None = None
    if role is Role.PARENT:
        stored_child = stored.get(CHILD_KEY)
        if isinstance(stored_child, int) and identity.child(stored_child) is not None:
            child_id = stored_child
        elif len(identity.children) == 1:
            child_id = identity.children[0].id
    return Choice(organisation_id=organisation_id, role=role, child_id=child_id)


def resolve_language(
    identity: Identity | None, place: Place | None, user: User | None, default: Language
) -> Language:
    return pick_language(
        identity.language if identity else None,
        user.language_code if user else None,
        place.default_language if place else None,
        default=default,
    )


class ThrottleMiddleware(BaseMiddleware):
    """Drops updates from a user who exceeds ``rate``; warns them at most once a minute."""

    def __init__(self, deps: Deps, *, kind: str, rate: RateLimitItem = DEFAULT_FLOOD_RATE) -> None:
        self.deps = deps
        self.kind = kind
        self.rate = rate

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or _is_payment(event):
            # Telegram sends a pre-checkout query and a successful payment once: dropping
            # either would lose money that was already taken.
            return await handler(event, data)
        limiter = self.deps.limiter
        # The complaints bot's users may be anonymous: Redis and the logs get a pseudonym.
        who = (
            chat_tag(self.deps.settings, "flood", user.id)
            if self.kind == "complaints"
            else str(user.id)
        )
        album = (
            event.message.media_group_id if isinstance(event, Update) and event.message else None
        )
        if album is not None and not await limiter.hit(
            ALBUM_ONCE, "tg-album", self.kind, who, album
        ):
            # An album comes as one update per photo within a second: its first photo counts
            # against the flood limit, the rest (at most Telegram's 10 in all) pass.
            if await limiter.hit(ALBUM_REST, "tg-album-rest", self.kind, who, album):
                return await handler(event, data)
            return None
        if await limiter.hit(self.rate, "tg", self.kind, who):
            return await handler(event, data)
        log.info("throttled Telegram user %s on the %s bot", who, self.kind)
        if isinstance(event, Update) and await limiter.hit(
            FLOOD_WARNING_RATE, "tg-warned", self.kind, who
        ):
            language = pick_language(
                user.language_code, default=self.deps.settings.default_language
            )
            await _warn(data["bot"], event, Translator(language)(THROTTLED))
        return None


def _is_payment(event: TelegramObject) -> bool:
    return isinstance(event, Update) and (
        event.pre_checkout_query is not None
        or (event.message is not None and event.message.successful_payment is not None)
    )


async def _warn(bot: Bot, update: Update, text: str) -> None:
    with suppress(TelegramAPIError):
        if update.callback_query is not None:
            await bot.answer_callback_query(update.callback_query.id, text=text)
        elif update.message is not None:
            await bot.send_message(update.message.chat.id, text)


class IdentityMiddleware(BaseMiddleware):
    """Resolves the Telegram user to ``identity``, ``choice``, ``actor``, ``language``, ``_``."""

    def __init__(self, deps: Deps, *, kind: str) -> None:
        self.deps = deps
        self.kind = kind

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        default = self.deps.settings.default_language
        # Set first, so the errors router can answer in some language if a lookup fails.
        language = resolve_language(None, None, user, default)
        data.update(
            identity=None, choice=None, actor=None, language=language, _=Translator(language)
        )
        identity = await telegram_identity(user.id) if user and not user.is_bot else None
        choice: Choice | None = None
        actor: Actor | None = None
        if user is not None and identity is not None:
            if (
                self.kind == "main"  # blocking is per bot: the mark is the main bot's
                and identity.unreachable
                and isinstance(event, Update)
                and _written_by_user(event)
            ):
                await mark_reachable(user.id)
            state: FSMContext | None = data.get("state")
            stored = await state.get_data() if state is not None else {}
            choice = resolve_choice(identity, stored)
            if choice is not None:
                actor = await identity_actor(identity, choice.organisation_id)
                if actor is not None and choice.role in actor.roles:
                    # Acting as one role at a time: a teacher who is also a parent sees
                    # and may do, here, what a parent may.
                    actor = replace(actor, roles=frozenset({choice.role}))
        place = identity.place(choice.organisation_id) if identity and choice else None
        language = resolve_language(identity, place, user, default)
        data.update(
            identity=identity,
            choice=choice,
            actor=actor,
            language=language,
            _=Translator(language),
        )
        return await handler(event, data)


def _written_by_user(update: Update) -> bool:
    return update.message is not None or update.callback_query is not None
