"""Live events: from the event bus, through the fan-out, to this process's websockets.

::

    core service ──commit──▶ deps.events ──Hub (publisher)──▶ deps.fanout ──▶ Hub (each process)
                                                                            └─▶ its connections

The publishing half builds each payload once (the message as members see it) and publishes
it; every process's hub, this one included, consumes the fan-out and offers each payload to
the local connections watching that conversation. A connection filters again by what its
person may read and delivers in order (``chat_server.ws``). Typing goes straight onto the
fan-out. When the fan-out reports that events may have been missed (``FanoutError``), the
hub subscribes again and asks every connection to resync from the database.

Fan-out payloads (JSON objects)::

    {"kind": "message" | "changed", "message": MessageView}
    {"kind": "read", "conversation_id", "person_id", "read_seq"}
    {"kind": "typing", "conversation_id", "person_id", "name"}
    {"kind": "members", "conversation_id", "person_ids": [...]}
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal, Protocol

from chat_server.serialise import dumps, jsonable
from core.deps import Deps
from core.events import ConversationMembersChanged, ConversationRead, MessageChanged, MessagePosted
from core.fanout import FanoutError, Payload
from core.services.messages import message_view

log = logging.getLogger(__name__)

#: Waits between attempts to subscribe again after the fan-out failed, growing to the last.
RETRY_DELAYS = (0.1, 0.5, 1.0, 2.0, 5.0)


@dataclass(frozen=True)
class Live:
    """A live event for one conversation, with its websocket frame already encoded."""

    kind: Literal["message", "changed", "read", "typing"]
    conversation_id: int
    seq: int
    frame: str


@dataclass(frozen=True)
class Refresh:
    """The person's membership of a conversation changed: read it again."""

    conversation_id: int


@dataclass(frozen=True)
class Resync:
    """Live events may have been missed: catch up from the database."""


Item = Live | Refresh | Resync


class Listener(Protocol):
    """What the hub needs of a websocket connection."""

    person_id: int

    def offer(self, item: Item) -> None:
        """Queue an item without waiting (a slow client must not hold up the others)."""

    async def close(self) -> None:
        """Close the connection (the server is stopping)."""


class Hub:
    """One per process: forwards committed events to the fan-out and the fan-out to clients."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._running = False
        self._subscribed_once = False
        self._consumer: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._by_person: dict[int, set[Listener]] = {}
        self._by_conversation: dict[int, set[Listener]] = {}
        self._joining: set[Listener] = set()

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Subscribe to the event bus and the fan-out; return once the fan-out is subscribed
        (or the first attempt failed; the hub keeps trying in the background)."""
        if not self._subscribed_once:
            events = self._deps.events
            events.subscribe(MessagePosted, self._on_posted)
            events.subscribe(MessageChanged, self._on_changed)
            events.subscribe(ConversationRead, self._on_read)
            events.subscribe(ConversationMembersChanged, self._on_members)
            self._subscribed_once = True
        self._running = True
        self._ready.clear()
        self._consumer = asyncio.create_task(self._consume(), name="chat-hub")
        await self._ready.wait()

    async def close_connections(self) -> None:
        """Close every local websocket (the server is shutting down)."""
        listeners = {listener for group in self._by_person.values() for listener in group}
        await asyncio.gather(*(listener.close() for listener in listeners))

    async def stop(self) -> None:
        """Stop forwarding and consuming; the event-bus handlers become no-ops."""
        self._running = False
        await self.close_connections()
        if self._consumer is not None:
            self._consumer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._consumer
            self._consumer = None

    # --- local connections -------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def connected(self, listener: Listener) -> AsyncIterator[None]:
        """Register a connection for as long as the block runs.

        Until ``joined`` it is offered every live event of every conversation, so nothing
        slips between reading its conversation list and watching those conversations.
        """
        self._by_person.setdefault(listener.person_id, set()).add(listener)
        self._joining.add(listener)
        try:
            yield
        finally:
            self._joining.discard(listener)
            people = self._by_person.get(listener.person_id, set())
            people.discard(listener)
            if not people:
                self._by_person.pop(listener.person_id, None)
            for conversation_id in [
                cid for cid, group in self._by_conversation.items() if listener in group
            ]:
                self.unwatch(listener, conversation_id)

    def joined(self, listener: Listener, conversation_ids: list[int]) -> None:
        """The connection knows its conversations: from now on it gets only theirs."""
        for conversation_id in conversation_ids:
            self.watch(listener, conversation_id)
        self._joining.discard(listener)

    def watch(self, listener: Listener, conversation_id: int) -> None:
        self._by_conversation.setdefault(conversation_id, set()).add(listener)

    def unwatch(self, listener: Listener, conversation_id: int) -> None:
        group = self._by_conversation.get(conversation_id)
        if group is not None:
            group.discard(listener)
            if not group:
                del self._by_conversation[conversation_id]

    # --- publishing (the process where the change was committed) ----------------------

    async def publish_typing(self, *, conversation_id: int, person_id: int, name: str) -> None:
        await self._publish(
            {
                "kind": "typing",
                "conversation_id": conversation_id,
                "person_id": person_id,
                "name": name,
            }
        )

    async def _on_posted(self, event: MessagePosted) -> None:
        if self._running:
            view = await message_view(event.message_id)
            await self._publish({"kind": "message", "message": jsonable(view)})

    async def _on_changed(self, event: MessageChanged) -> None:
        if self._running:
            view = await message_view(event.message_id)
            await self._publish({"kind": "changed", "message": jsonable(view)})

    async def _on_read(self, event: ConversationRead) -> None:
        if self._running:
            await self._publish(
                {
                    "kind": "read",
                    "conversation_id": event.conversation_id,
                    "person_id": event.person_id,
                    "read_seq": event.read_seq,
                }
            )

    async def _on_members(self, event: ConversationMembersChanged) -> None:
        if self._running:
            await self._publish(
                {
                    "kind": "members",
                    "conversation_id": event.conversation_id,
                    "person_ids": list(event.person_ids),
                }
            )

    async def _publish(self, payload: Payload) -> None:
        try:
            await self._deps.fanout.publish(payload)
        except FanoutError as error:
            # Every hub's subscription fails too and its clients resync from the database.
            log.warning("could not publish a live %s event: %s", payload["kind"], error)

    # --- consuming (every process) -----------------------------------------------------

    async def _consume(self) -> None:
        failures = 0
        while self._running:
            try:
                async with self._deps.fanout.subscribe() as events:
                    self._ready.set()
                    if failures:
                        self._resync_everyone()
                    failures = 0
                    async for payload in events:
                        self._dispatch(payload)
                    return  # the fan-out was closed: the process is stopping
            except FanoutError as error:
                log.warning("live events interrupted (%s); clients will resync", error)
            except RuntimeError:
                log.info("the fan-out is closed; the hub stops consuming")
                self._ready.set()
                return
            self._ready.set()
            await asyncio.sleep(RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)])
            failures += 1

    def _resync_everyone(self) -> None:
        for group in self._by_person.values():
            for listener in group:
                listener.offer(Resync())

    def _dispatch(self, payload: Payload) -> None:
        try:
            if payload["kind"] == "members":
                self._dispatch_members(payload)
                return
            item, author = _live_item(payload)
        except (KeyError, TypeError, ValueError):
            log.warning("ignored a malformed live event: %.200r", payload)
            return
        listeners = self._by_conversation.get(item.conversation_id, set()) | self._joining
        for listener in listeners:
            if item.kind == "typing" and listener.person_id == author:
                continue
            listener.offer(item)

    def _dispatch_members(self, payload: Payload) -> None:
        conversation_id = _int(payload["conversation_id"])
        person_ids = payload["person_ids"]
        if not isinstance(person_ids, list):
            raise TypeError("person_ids")
        for person_id in person_ids:
            for listener in self._by_person.get(_int(person_id), ()):
                # Watch before the connection reads its membership, so a message posted in
                # between is offered to it and not lost.
                self.watch(listener, conversation_id)
                listener.offer(Refresh(conversation_id))


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(value)
    return value


def _live_item(payload: Payload) -> tuple[Live, int | None]:
    """The item for a message, change, read or typing payload, and who typed."""
    kind = payload["kind"]
    if kind in {"message", "changed"}:
        message = payload["message"]
        if not isinstance(message, dict):
            raise TypeError("message")
        frame: Payload = {"type": "message" if kind == "message" else "message_changed"}
        frame["message"] = message
        live = Live(
            "message" if kind == "message" else "changed",
            _int(message["conversation_id"]),
            _int(message["seq"]),
            dumps(frame),
        )
        return live, None
    if kind in {"read", "typing"}:
        frame = {"type": kind} | {k: v for k, v in payload.items() if k != "kind"}
        conversation_id = _int(payload["conversation_id"])
        if kind == "read":
            return Live("read", conversation_id, 0, dumps(frame)), None
        return Live("typing", conversation_id, 0, dumps(frame)), _int(payload["person_id"])
    raise ValueError(kind)
