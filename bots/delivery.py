"""Telegram delivery: the one rate-limited sender, and the worker that drains the outbox.

``Sender`` wraps one aiogram ``Bot``. It installs a request middleware on the bot's session,
so *every* message the bot sends — outbox deliveries and handler replies alike — is paced
under Telegram's limits on our side (about 30 messages a second per bot, one a second per
private chat, 20 a minute per group) and a ``429 retry_after`` pauses the whole bot before
the same request is tried again. ``Sender.send_text`` adds what a notification needs on top:
texts over 4096 characters are split on paragraph or line boundaries, and Telegram's answer
becomes a ``SendResult`` (sent, retry later, unreachable, failed).

``DeliveryWorker`` claims due messages from ``core.services.outbox``, sends each chat's
messages in order, a bounded number at a time, and records each outcome right after the API
call returns. Claims are leases: a worker that dies leaves its messages to be claimed again
when the lease runs out, and a worker that stops hands back what it had not started.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from core.deps import Deps
from core.services.outbox import (
    Delivery,
    OutboxStatus,
    backoff_seconds,
    claim_due,
    mark_failed,
    mark_retry,
    mark_sent,
    mark_unreachable,
    release_claims,
)

log = logging.getLogger(__name__)

#: Telegram's limit for one message's text, in UTF-16 code units after entity parsing.
TEXT_LIMIT = 4096
_PACED_PREFIXES = ("send", "copy", "forward")
#: "typing…" is not a message: Telegram does not count it, so neither do we.
_UNPACED = frozenset({"sendChatAction"})
ChatKey = int | str
#: The monotonic time by which the current ``send_text`` must give up waiting out floods.
_deadline: ContextVar[float | None] = ContextVar("sabaq_delivery_deadline", default=None)


class SendStatus(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    UNREACHABLE = "unreachable"
    FAILED = "failed"


@dataclass(frozen=True)
class SendResult:
    """What became of one text: its message ids (every part that arrived) or the error.

    ``retry_in`` is Telegram's own wait (``retry_after``) when it asked for one.
    """

    status: SendStatus
    message_ids: tuple[int, ...] = ()
    error: str = ""
    retry_in: float | None = None


@dataclass
class SenderStats:
    requests: int = 0
    retry_after_received: int = 0
    flood_wait_seconds: float = 0.0


@dataclass
class WorkerStats:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    unreachable: int = 0
    failed: int = 0
    released: int = 0


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fitting_prefix(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` UTF-16 code units."""
    if len(text) * 2 <= limit or _utf16_len(text) <= limit:
        return len(text)
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut a long text into messages of at most ``limit`` UTF-16 units, in order.

    Cuts at the last paragraph break, else line break, else space in the second half of
    the window (else the last one anywhere, else mid-word); the break itself is dropped,
    so joining the parts with it gives the text back. Whitespace-only parts are dropped.
    """
    parts: list[str] = []
    rest = text
    while _utf16_len(rest) > limit:
        window = rest[: _fitting_prefix(rest, limit)]
        cut, skip = len(window), 0
        for minimum in (len(window) // 2, 1):
            found = [
                (window.rfind(sep), len(sep))
                for sep in ("\n\n", "\n", " ")
                if window.rfind(sep) >= minimum
            ]
            if found:
                cut, skip = found[0]
                break
        parts.append(rest[:cut])
        rest = rest[cut + skip :]
    parts.append(rest)
    return [part for part in parts if part.strip()] or [text]


def _chat_of(method: TelegramMethod[Any]) -> ChatKey | None:
    chat_id = getattr(method, "chat_id", None)
    return chat_id if isinstance(chat_id, int | str) else None


@dataclass
class _ChatGate:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    users: int = 0


class _Pacer:
    """Next-allowed times per chat and for the whole bot (monotonic clock, no bursts)."""

    def __init__(
        self, *, per_second: float, private_interval: float, group_interval: float
    ) -> None:
        self.interval = 1.0 / per_second
        self.private_interval = private_interval
        self.group_interval = group_interval
        self.paused_until = 0.0
        self._next_at = 0.0
        self._lock = asyncio.Lock()
        self._chats: dict[ChatKey, _ChatGate] = {}
        self._prune_at = 4096

    def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, time.monotonic() + seconds)

    def chat_interval(self, chat: ChatKey) -> float:
        is_group = isinstance(chat, str) or chat < 0
        return self.group_interval if is_group else self.private_interval

    def chat_ready_at(self, chat: ChatKey) -> float:
        gate = self._chats.get(chat)
        return max(gate.next_at if gate else 0.0, self.paused_until)

    async def acquire(self, chat: ChatKey | None) -> None:
        """Wait for this chat's turn, then for the bot's next slot; take both."""
        if chat is None:
            await self._global_slot()
            return
        gate = self._chats.get(chat)
        if gate is None:
            gate = self._chats[chat] = _ChatGate()
        gate.users += 1
        try:
            async with gate.lock:
                await _sleep_until(lambda: gate.next_at)
                await self._global_slot()
                gate.next_at = time.monotonic() + self.chat_interval(chat)
        finally:
            gate.users -= 1
            if len(self._chats) >= self._prune_at:
                self._prune()

    async def _global_slot(self) -> None:
        # One waiter at a time, first come first served: nobody books a slot ahead, so a
        # pause (flood wait) applies to everyone still queued.
        async with self._lock:
            await _sleep_until(lambda: max(self._next_at, self.paused_until))
            ready, now = max(self._next_at, self.paused_until), time.monotonic()
            # Keep the cadence through the event loop's small wake-up delays (they would
            # add up to a few per cent); after an idle spell, start afresh from now.
            self._next_at = (ready if now - ready < self.interval else now) + self.interval

    def _prune(self) -> None:
        now = time.monotonic()
        for chat in [c for c, g in self._chats.items() if not g.users and g.next_at <= now]:
            del self._chats[chat]
        self._prune_at = max(4096, 2 * len(self._chats))


async def _sleep_until(moment: Callable[[], float]) -> None:
    """Sleep until ``moment()`` (a monotonic time, re-read after each wake) has passed."""
    while (wait := moment() - time.monotonic()) > 0:  # noqa: ASYNC110 - pacing; the moment can move
        await asyncio.sleep(wait)


class _OutOfTime(Exception):
    """The bot is paused (flood wait) past the time this delivery may take."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"the bot waits out flood control for {wait:.0f} s")
        self.wait = wait


class _PacingMiddleware(BaseRequestMiddleware):
    """Paces the bot's sending methods and waits out ``retry_after`` for all of them."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender
        self.token = sender.bot.token

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        sender = self._sender
        name = method.__api_method__
        if bot.token != self.token or not name.startswith(_PACED_PREFIXES) or name in _UNPACED:
            return await make_request(bot, method)
        chat = _chat_of(method)
        waits = 0
        while True:
            deadline = _deadline.get()
            if deadline is not None and sender.pacer.paused_until > deadline:
                raise _OutOfTime(sender.pacer.paused_until - time.monotonic())
            await sender.pacer.acquire(chat)
            if deadline is not None and time.monotonic() > deadline:
                raise _OutOfTime(0.0)
            sender.stats.requests += 1
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                sender.stats.retry_after_received += 1
                sender.stats.flood_wait_seconds += exc.retry_after
                sender.pacer.pause(exc.retry_after)
                waits += 1
                late = deadline is not None and time.monotonic() + exc.retry_after > deadline
                if waits > sender.max_flood_waits or late:
                    raise
                log.warning(
                    "Telegram flood control on %s: the bot waits %s s", name, exc.retry_after
                )


class Sender:
    """The one way out for a bot's messages: paced, flood-aware, long texts split.

    Args:
        bot: the aiogram bot; the pacing middleware goes on its session.
        per_second: messages a second for the whole bot (Telegram allows about 30).
        private_interval: seconds between messages to one private chat.
        group_interval: seconds between messages to one group (20 a minute).
        request_timeout: seconds before a request counts as failed (retried later).
        max_flood_waits: how many ``retry_after`` waits one request sits out.
    """

    def __init__(
        self,
        bot: Bot,
        *,
        per_second: float = 30.0,
        private_interval: float = 1.0,
        group_interval: float = 3.0,
        request_timeout: int = 15,
        max_flood_waits: int = 5,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.bot = bot
        self.per_second = per_second
        self.request_timeout = request_timeout
        self.max_flood_waits = max_flood_waits
        self.stats = SenderStats()
        self.pacer = _Pacer(
            per_second=per_second,
            private_interval=private_interval,
            group_interval=group_interval,
        )
        for installed in bot.session.middleware:
            if isinstance(installed, _PacingMiddleware) and installed.token == bot.token:
                raise ValueError("this bot has a Sender already; share that one")
        self._middleware = _PacingMiddleware(self)
        bot.session.middleware(self._middleware)

    def uninstall(self) -> None:
        """Take the pacing off the bot's session (when the session outlives this sender)."""
        with contextlib.suppress(ValueError):
            self.bot.session.middleware.unregister(self._middleware)

    async def wait_chat_ready(self, chat_id: int) -> None:
        """Wait until a message to ``chat_id`` could go without waiting for the chat."""
        await _sleep_until(lambda: self.pacer.chat_ready_at(chat_id))

    async def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        already_sent: Sequence[int] = (),
        deadline: float | None = None,
        **kwargs: Any,
    ) -> SendResult:
        """Send ``text`` (split when longer than 4096) and say what became of it.

        ``already_sent`` are the ids of parts an earlier attempt delivered; those parts are
        skipped. ``deadline`` (``time.monotonic()``) bounds the flood waits. ``kwargs`` go to
        ``sendMessage`` (``reply_markup`` only with the last part); the text is plain unless
        ``parse_mode`` says otherwise.
        """
        kwargs.setdefault("parse_mode", None)
        markup = kwargs.pop("reply_markup", None)
        parts = split_text(text)
        ids = list(already_sent)
        token = _deadline.set(deadline)
        try:
            for index in range(len(ids), len(parts)):
                last = index == len(parts) - 1
                try:
                    message = await self.bot.send_message(
                        chat_id,
                        parts[index],
                        reply_markup=markup if last else None,
                        request_timeout=self.request_timeout,
                        **kwargs,
                    )
                except TelegramAPIError as exc:
                    return _failure(exc, ids)
                except _OutOfTime as exc:
                    return SendResult(SendStatus.RETRY, tuple(ids), str(exc), retry_in=exc.wait)
                except (ClientDecodeError, TimeoutError) as exc:
                    return SendResult(SendStatus.RETRY, tuple(ids), _describe(exc))
                ids.append(message.message_id)
        finally:
            _deadline.reset(token)
        return SendResult(SendStatus.SENT, tuple(ids))


def _describe(exc: BaseException) -> str:
    message = getattr(exc, "message", None)
    return f"{type(exc).__name__}: {message or exc}"[:300]


def _failure(exc: TelegramAPIError, ids: list[int]) -> SendResult:
    """Telegram's refusal as a result: who to stop trying, what to try again."""
    sent = tuple(ids)
    error = _describe(exc)
    if isinstance(exc, TelegramRetryAfter):
        return SendResult(SendStatus.RETRY, sent, error, retry_in=float(exc.retry_after))
    if isinstance(exc, TelegramForbiddenError):
        return SendResult(SendStatus.UNREACHABLE, sent, error)
    if isinstance(
        exc, TelegramBadRequest | TelegramNotFound | TelegramEntityTooLarge | TelegramMigrateToChat
    ):
        return SendResult(SendStatus.FAILED, sent, error)
    # Server errors, network errors and timeouts, a token Telegram did not accept (yet):
    # nothing wrong with the message itself, so it waits and goes again.
    return SendResult(SendStatus.RETRY, sent, error)


class DeliveryWorker:
    """Drains one bot's outbox through a ``Sender``.

    Args:
        deps: core deps (database, clock).
        sender: the bot's sender.
        bot: which bot's messages to claim ("main", "complaints", "career").
        batch_size: messages per claim.
        lease_seconds: how long a claim lasts before another worker may take it over.
        concurrency: messages being sent at once (each chat's in order, one at a time).
        poll_seconds: how often ``run_forever`` looks for new messages when idle.
    """

    def __init__(
        self,
        deps: Deps,
        sender: Sender,
        *,
        bot: str = "main",
        batch_size: int = 100,
        lease_seconds: int = 60,
        concurrency: int = 16,
        poll_seconds: float = 1.0,
    ) -> None:
        self.deps = deps
        self.sender = sender
        self.bot = bot
        self.batch_size = batch_size
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        # Start a delivery only with time left for its request (and a little) in the lease.
        self.margin = float(sender.request_timeout + 5)
        if lease_seconds <= self.margin:
            raise ValueError("lease_seconds must exceed the sender's request timeout + 5 s")
        # Hold no more than half of what can go out within the usable part of a lease.
        self.max_in_hand = max(
            batch_size, int(sender.per_second * (lease_seconds - self.margin) / 2)
        )
        self._slots = asyncio.Semaphore(concurrency)
        self._queues: dict[int, deque[Delivery]] = {}
        self._held: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Event()
        self._stopping = False
        self._running = False
        self.stats = WorkerStats()

    async def run_once(self) -> WorkerStats:
        """Deliver everything due now (and what falls due meanwhile); the counts of this run."""
        async with self._run() as stats:
            await self._pump(stop=None)
        return stats

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set, then hand back what was claimed but not started.

        Cancelling works too: deliveries in flight get a moment to finish; the rest are
        handed back (or, if even that is impossible, claimed again when their lease ends).
        """
        async with self._run():
            watcher = asyncio.create_task(self._wake_on(stop))
            try:
                await self._pump(stop=stop)
            finally:
                watcher.cancel()
                await asyncio.gather(watcher, return_exceptions=True)

    @contextlib.asynccontextmanager
    async def _run(self) -> AsyncIterator[WorkerStats]:
        if self._running:
            raise RuntimeError("this worker is running already")
        self._running, self._stopping = True, False
        self.stats = WorkerStats()
        try:
            yield self.stats
        finally:
            await self._shutdown()
            self._running = False

    async def _wake_on(self, stop: asyncio.Event) -> None:
        await stop.wait()
        self._changed.set()

    @property
    def in_hand(self) -> int:
        return len(self._held)

    async def _pump(self, *, stop: asyncio.Event | None) -> None:
        exhausted = False  # the last claim found less than it asked for
        while stop is None or not stop.is_set():
            room = self.max_in_hand - self.in_hand
            if not exhausted and room >= min(self.batch_size, self.max_in_hand):
                deliveries = await claim_due(
                    self.deps,
                    bot=self.bot,
                    limit=min(self.batch_size, room),
                    lease_seconds=self.lease_seconds,
                )
                self._dispatch(deliveries)
                exhausted = len(deliveries) < min(self.batch_size, room)
                continue
            if stop is None and exhausted and not self.in_hand:
                return
            self._changed.clear()
            if stop is None or not exhausted:
                await self._changed.wait()  # a delivery finished: room, or the end
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), self.poll_seconds)
                exhausted = False

    def _dispatch(self, deliveries: Sequence[Delivery]) -> None:
        self.stats.claimed += len(deliveries)
        for delivery in deliveries:
            if delivery.outbox_id in self._held:
                continue  # our own lease ran out while we still hold it: ours finishes it
            self._held.add(delivery.outbox_id)
            queue = self._queues.get(delivery.chat_id)
            if queue is not None:
                queue.append(delivery)
                continue
            self._queues[delivery.chat_id] = deque([delivery])
            task = asyncio.create_task(self._drain_chat(delivery.chat_id))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _drain_chat(self, chat_id: int) -> None:
        """Send one chat's messages in order, one at a time."""
        queue = self._queues[chat_id]
        try:
            while queue and not self._stopping:
                await self.sender.wait_chat_ready(chat_id)
                async with self._slots:
                    if self._stopping:
                        return
                    delivery = queue.popleft()
                    try:
                        await self._deliver(delivery)
                    except Exception:
                        log.exception("delivery of outbox message %s failed", delivery.outbox_id)
                    finally:
                        self._held.discard(delivery.outbox_id)
                        self._changed.set()
        finally:
            if not queue:
                self._queues.pop(chat_id, None)

    def _seconds_left(self, delivery: Delivery) -> float:
        return (delivery.claimed_until - self.deps.clock.now()) / timedelta(seconds=1)

    async def _deliver(self, delivery: Delivery) -> None:
        left = self._seconds_left(delivery)
        if left <= self.margin:
            # Its turn came too late in the lease: hand it back rather than risk a second
            # worker sending it too.
            self.stats.released += await release_claims(self.deps, [delivery])
            return
        markup = None
        if delivery.buttons:
            markup = InlineKeyboardMarkup(
                inline_keyboard=[
                    [InlineKeyboardButton(text=label, callback_data=data) for label, data in row]
                    for row in delivery.buttons
                ]
            )
        result = await self.sender.send_text(
            delivery.chat_id,
            delivery.text,
            already_sent=delivery.sent_message_ids,
            deadline=time.monotonic() + left - self.margin,
            reply_markup=markup,
        )
        external_id = ",".join(str(i) for i in result.message_ids)
        deps, outbox_id, attempt = self.deps, delivery.outbox_id, delivery.attempts
        if result.status is SendStatus.SENT:
            await mark_sent(deps, outbox_id, external_id=external_id)
            self.stats.sent += 1
        elif result.status is SendStatus.UNREACHABLE:
            await mark_unreachable(deps, outbox_id, error=result.error, attempt=attempt)
            self.stats.unreachable += 1
        elif result.status is SendStatus.FAILED:
            await mark_failed(deps, outbox_id, error=result.error, attempt=attempt)
            self.stats.failed += 1
        else:
            delay = max(result.retry_in or 0.0, float(backoff_seconds(attempt)))
            status = await mark_retry(
                deps,
                outbox_id,
                delay_seconds=delay,
                error=result.error,
                attempt=attempt,
                external_id=external_id,
            )
            if status is OutboxStatus.FAILED:
                self.stats.failed += 1
            else:
                self.stats.retried += 1
            log.info("outbox message %s: %s; next try in %s s", outbox_id, result.error, delay)

    async def _shutdown(self, grace: float = 5.0) -> None:
        """Let deliveries in flight finish (briefly), then hand back the ones not started."""
        self._stopping = True
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        waiting = [delivery for queue in self._queues.values() for delivery in queue]
        self._queues.clear()
        self._held.clear()
        if waiting:
            try:
                self.stats.released += await release_claims(self.deps, waiting)
            except Exception:
                log.exception("could not hand back %s claimed messages", len(waiting))
