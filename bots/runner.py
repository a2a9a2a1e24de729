"""Running every bot that has a token, in one process: polling, or a webhook when configured.

Lifecycle (the composition root, ``sabaq run`` / ``sabaq bots``, drives it)::

    runner = BotsRunner(deps)          # builds a Bot and a Dispatcher per token; no I/O
    runner.attach(app)                 # webhook mode only: routes on the web app, before it starts
    await runner.start()               # setMyCommands, then polling tasks or setWebhook;
                                       # the complaints bot's reply delivery
    ...
    await runner.stop()                # stops delivery and polling, closes the sessions and
                                       # the FSM storage

Each bot has one ``Sender`` (``runner.sender(kind)``), the paced way out that its outbox
worker and the complaints bot's reply delivery share.

Without tokens ``start()`` does nothing (``runner.mode == "off"``). Start-up problems that
are Telegram's (unreachable, a revoked token) are logged, not raised: the rest of the
platform keeps running.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from contextlib import suppress
from datetime import timedelta
from typing import Literal
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage
from aiogram.types import BotCommand
from aiogram.utils.token import TokenValidationError, validate_token
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import ClientError, web

from bots.app import BOT_KINDS, COMMANDS, BotKind, build_dispatcher
from bots.complaints_delivery import ComplaintReplies
from bots.delivery import Sender
from core.complaint_handles import chat_tag
from core.config import LANGUAGES, ConfigError, Settings
from core.deps import Deps
from core.i18n import gettext_for

log = logging.getLogger(__name__)

#: Updates handled at once per bot; more wait in Telegram's queue (back-pressure).
CONCURRENT_UPDATES = 100
#: The prefix of FSM keys in Redis; keys also carry the bot id, so bots never share state.
REDIS_PREFIX = "sabaq:fsm"
#: How long a complaint draft left half-way stays in Redis.
DRAFT_TTL = timedelta(hours=6)


class PseudonymousKeys(DefaultKeyBuilder):
    """FSM keys that name a chat by an HMAC (``chat_tag``) instead of its Telegram id, for
    the complaints bot, whose users may be anonymous: Redis then holds no Telegram id."""

    def __init__(self, settings: Settings, *, prefix: str) -> None:
        super().__init__(prefix=prefix, with_bot_id=True)
        self.settings = settings

    def build(self, key: StorageKey, part: Literal["data", "state", "lock"] | None = None) -> str:
        who = chat_tag(self.settings, f"fsm:{key.user_id}", key.chat_id)
        return self.separator.join([self.prefix, str(key.bot_id), who, *([part] if part else [])])


def build_storage(
    settings: Settings, *, prefix: str = REDIS_PREFIX, anonymous: bool = False
) -> BaseStorage:
    """FSM storage: Redis when ``SABAQ_REDIS_URL`` is set, else in memory.

    ``anonymous`` (the complaints bot): keys carry no Telegram id and a draft left half-way
    expires after ``DRAFT_TTL``, so no chat stays tied to what it was writing.
    """
    if not settings.redis_url:
        return MemoryStorage()
    if anonymous:
        return RedisStorage.from_url(
            settings.redis_url,
            key_builder=PseudonymousKeys(settings, prefix=prefix),
            state_ttl=DRAFT_TTL,
            data_ttl=DRAFT_TTL,
        )
    return RedisStorage.from_url(
        settings.redis_url, key_builder=DefaultKeyBuilder(prefix=prefix, with_bot_id=True)
    )


def webhook_secret(token: str) -> str:
    """The secret Telegram sends back with each webhook call (derived from the token)."""
    return hashlib.sha256(f"sabaq-webhook:{token}".encode()).hexdigest()


class BotsRunner:
    """Every configured bot in one process; see the module docstring for the lifecycle.

    ``api_base`` points the bots at another Bot API server (the emulator in tests, or a
    self-hosted ``telegram-bot-api``); ``webhook_url`` overrides
    ``SABAQ_TELEGRAM_WEBHOOK_URL``; ``storage`` overrides the FSM storage from settings.

    Raises:
        ConfigError: a token is malformed (the message names its variable).
    """

    def __init__(
        self,
        deps: Deps,
        *,
        api_base: str | None = None,
        webhook_url: str | None = None,
        storage: BaseStorage | None = None,
        polling_timeout: int = 10,
    ) -> None:
        self.deps = deps
        settings = deps.settings
        tokens = settings.bot_tokens()
        url = (
            webhook_url
            if webhook_url is not None
            else getattr(settings, "telegram_webhook_url", "")
        )
        self.webhook_url: str = str(url or "").rstrip("/")
        self.polling_timeout = polling_timeout
        self.bots: dict[BotKind, Bot] = {}
        self.dispatchers: dict[BotKind, Dispatcher] = {}
        self._tokens: dict[BotKind, str] = {}
        self._tasks: dict[BotKind, asyncio.Task[None]] = {}
        self._senders: dict[BotKind, Sender] = {}
        self._replies: asyncio.Task[None] | None = None
        self._stop_replies = asyncio.Event()
        self._storage: BaseStorage | None = None
        self._anonymous_storage: BaseStorage | None = None
        for name, value in tokens.items():
            try:
                validate_token(value)
            except TokenValidationError:
                raise ConfigError(
                    f"SABAQ_TELEGRAM_{name.upper()}_TOKEN: not a bot token (like 123456:ABC-def)"
                ) from None
        if not tokens:
            return
        self._storage = storage if storage is not None else build_storage(settings)
        self._anonymous_storage = (
            build_storage(settings, anonymous=True)
            if storage is None and "complaints" in tokens
            else None
        )
        server = TelegramAPIServer.from_base(api_base, is_local=False) if api_base else None
        for kind in BOT_KINDS:
            if kind not in tokens:
                continue
            token = tokens[kind]
            session = AiohttpSession(api=server) if server else AiohttpSession()
            self._tokens[kind] = token
            self.bots[kind] = Bot(token, session=session)
            kept = self._anonymous_storage if kind == "complaints" else None
            self.dispatchers[kind] = build_dispatcher(
                deps, kind=kind, storage=kept or self._storage
            )

    @property
    def mode(self) -> Literal["off", "polling", "webhook"]:
        if not self.bots:
            return "off"
        return "webhook" if self.webhook_url else "polling"

    @property
    def kinds(self) -> tuple[BotKind, ...]:
        return tuple(self.bots)

    def sender(self, kind: BotKind) -> Sender:
        """The bot's one ``Sender`` (made on first use): a bot takes only one, since it paces
        the bot's session."""
        sender = self._senders.get(kind)
        if sender is None:
            sender = self._senders[kind] = Sender(self.bots[kind])
        return sender

    def webhook_path(self, kind: BotKind) -> str:
        """The path on our web app where Telegram posts ``kind``'s updates."""
        base = urlsplit(self.webhook_url).path.rstrip("/") or "/telegram"
        return f"{base}/{kind}"

    def attach(self, app: web.Application) -> None:
        """In webhook mode, add a route per bot to ``app`` (call before the app starts)."""
        if self.mode != "webhook":
            return
        for kind, bot in self.bots.items():
            SimpleRequestHandler(
                dispatcher=self.dispatchers[kind],
                bot=bot,
                secret_token=webhook_secret(self._tokens[kind]),
            ).register(app, path=self.webhook_path(kind))

    async def start(self) -> None:
        """Register commands, then start polling or set the webhooks. Without tokens: nothing."""
        for kind, bot in self.bots.items():
            dp = self.dispatchers[kind]
            try:
                await self._set_commands(kind, bot)
                if self.mode == "webhook":
                    url = self.webhook_url.removesuffix(urlsplit(self.webhook_url).path)
                    await bot.set_webhook(
                        url=f"{url}{self.webhook_path(kind)}",
                        secret_token=webhook_secret(self._tokens[kind]),
                        allowed_updates=dp.resolve_used_update_types(),
                    )
                else:
                    # A webhook left from another deployment would make getUpdates fail.
                    await bot.delete_webhook()
            except (TelegramAPIError, ClientError, TimeoutError) as error:
                log.error("the %s bot could not start: %s", kind, error)
                continue
            if self.mode == "polling":
                self._tasks[kind] = asyncio.create_task(self._poll(kind), name=f"bot-{kind}")
            log.info("the %s bot is running (%s)", kind, self.mode)
        if "complaints" in self.bots and self._replies is None:
            # Replies wait in the database, so they go out even while Telegram refused the
            # start-up calls above; they are tried again pass after pass.
            self._stop_replies.clear()
            replies = ComplaintReplies(self.deps, self.sender("complaints"))
            self._replies = asyncio.create_task(
                replies.run_forever(self._stop_replies), name="complaint-replies"
            )

    async def _set_commands(self, kind: BotKind, bot: Bot) -> None:
        def commands(language: str) -> list[BotCommand]:
            return [
                BotCommand(command=command, description=gettext_for(language, description))
                for command, description in COMMANDS[kind]
            ]

        await bot.set_my_commands(commands(self.deps.settings.default_language))
        for language in LANGUAGES:
            await bot.set_my_commands(commands(language), language_code=language)

    async def _poll(self, kind: BotKind) -> None:
        try:
            await self.dispatchers[kind].start_polling(
                self.bots[kind],
                handle_signals=False,
                close_bot_session=False,
                polling_timeout=self.polling_timeout,
                tasks_concurrency_limit=CONCURRENT_UPDATES,
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the %s bot stopped polling", kind)

    async def stop(self) -> None:
        """Stop delivering and polling, close every bot's HTTP session and the FSM storage.
        Safe to repeat."""
        if self._replies is not None:
            self._stop_replies.set()
            with suppress(asyncio.CancelledError):
                await self._replies
            self._replies = None
        for kind, task in self._tasks.items():
            with suppress(RuntimeError):  # polling had not started, or ended already
                await self.dispatchers[kind].stop_polling()
            if not task.done():
                task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        for bot in self.bots.values():
            await bot.session.close()
        for storage in (self._storage, self._anonymous_storage):
            if storage is not None:
                await storage.close()
        self._storage = self._anonymous_storage = None
