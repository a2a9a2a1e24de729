"""The websocket at ``/api/v1/ws``: live events, sending, and catching up after a reconnect.

Delivery is exactly once and in order per conversation on one connection. The connection
remembers, per conversation it may read, the last message seq it delivered; a live message
at or below it is dropped, and one beyond the next seq is preceded by the missing ones read
from the database. A ``resume`` sends every message after the client's last seen seq that
this connection has not delivered yet, then ``resumed``. When the live stream may have lost
events (the fan-out lagged or Redis dropped, or this client's queue overflowed), the
connection reads its conversations again and catches up from the database.

Frames from the client are handled one at a time; a malformed one is answered with an
``error`` frame and the connection stays open. Live events go through a bounded queue and
one worker per connection, so a slow client delays nobody else.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web
from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from chat_server.auth import Authenticated, same_origin
from chat_server.errors import error_body, language_of
from chat_server.hub import Hub, Item, Live, Refresh, Resync
from chat_server.keys import AUTH, FRAMES, HUB, deps_of
from chat_server.parse import BIG_ID_MAX, id_list, json_object, optional_id, text, whole
from chat_server.serialise import JSON, dumps
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied, RateLimited, SabaqError
from core.i18n import N_
from core.services.conversations import (
    ConversationView,
    conversation_view,
    list_conversations,
    person_names,
)
from core.services.messages import MessageView, history, mark_read, send_message

log = logging.getLogger(__name__)

#: Live items one connection may have waiting; past this it resyncs from the database.
INBOX_SIZE = 1000
#: Largest frame a client may send (a full message with room to spare); larger closes.
MAX_FRAME_BYTES = 64 * 1024
#: Client frames per minute per connection, as a multiple of the chat's message limit.
FRAMES_PER_MESSAGE = 10
#: Typing notices one person may broadcast per minute in one conversation.
TYPING_PER_MINUTE = 20
_PAGE = 100
_ids = itertools.count(1)


@dataclass
class Seen:
    """What the connection may read in one conversation and what it has delivered there.

    ``max_seq`` None: everything (a present member). Messages ``baseline < seq <=
    delivered`` went out on this connection.
    """

    max_seq: int | None
    can_post: bool
    baseline: int
    delivered: int

    def may_read(self, seq: int) -> bool:
        return self.max_seq is None or seq <= self.max_seq


def _seen(view: ConversationView) -> Seen:
    return Seen(view.last_seq if view.left else None, view.can_post, view.last_seq, view.last_seq)


class Connection:
    """One client's websocket: its reader loop, its delivery worker and their shared state."""

    def __init__(
        self,
        deps: Deps,
        hub: Hub,
        ws: web.WebSocketResponse,
        auth: Authenticated,
        *,
        person_id: int,
        language: str,
        frames: MovingWindowRateLimiter,
    ) -> None:
        self.person_id = person_id
        self.id = next(_ids)
        self._deps, self._hub, self._ws = deps, hub, ws
        self._actor = auth.actor
        self._source = "web" if auth.via == "cookie" else "api"
        self._language = language
        self._frames = frames
        self._name = ""
        self._seen: dict[int, Seen] = {}
        self._inbox: asyncio.Queue[Item] = asyncio.Queue(maxsize=INBOX_SIZE)
        self._overflowed = False
        # Held while delivering, so a resume and live events never interleave.
        self._delivering = asyncio.Lock()
        self._sending = asyncio.Lock()

    # --- the hub's side ----------------------------------------------------------------

    def offer(self, item: Item) -> None:
        if self._overflowed:
            return
        try:
            self._inbox.put_nowait(item)
        except asyncio.QueueFull:
            log.warning("websocket %s fell %s events behind; it resyncs", self.id, INBOX_SIZE)
            while not self._inbox.empty():
                self._inbox.get_nowait()
            self._overflowed = True
            self._inbox.put_nowait(Resync())

    async def close(self) -> None:
        await self._ws.close(code=WSCloseCode.GOING_AWAY)

    # --- lifecycle ---------------------------------------------------------------------

    async def serve(self) -> None:
        """Say hello, then read frames until the client goes; deliver live events meanwhile."""
        async with self._hub.connected(self):
            self._name = (await person_names([self.person_id])).get(self.person_id, "")
            conversations = await list_conversations(self._deps, self._actor)
            self._seen = {view.id: _seen(view) for view in conversations}
            self._hub.joined(self, list(self._seen))
            await self._send(
                {"type": "hello", "person_id": self.person_id, "conversations": conversations}
            )
            worker = asyncio.create_task(self._work(), name=f"ws-{self.id}")
            try:
                await self._read()
            finally:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker

    async def _read(self) -> None:
        async for message in self._ws:
            if message.type == WSMsgType.TEXT:
                await self._receive(message.data)
            elif message.type == WSMsgType.BINARY:
                await self._send_error(InvalidInput(N_("Send frames as JSON text.")))
            elif message.type == WSMsgType.ERROR:
                log.info("websocket %s closed with an error: %s", self.id, self._ws.exception())

    async def _work(self) -> None:
        while True:
            item = await self._inbox.get()
            async with self._delivering:
                try:
                    await self._deliver(item)
                except ConnectionResetError:
                    return
                except Exception:
                    # A failure must not leave the client silently behind: catch up from the
                    # database instead, and if even that fails, close, so the client
                    # reconnects and resumes.
                    log.exception("websocket %s failed to deliver %r", self.id, item)
                    if isinstance(item, Resync):
                        await self._ws.close(code=WSCloseCode.INTERNAL_ERROR)
                        return
                    self.offer(Resync())

    # --- sending -----------------------------------------------------------------------

    async def _send(self, frame: object) -> None:
        await self._send_text(dumps(frame))

    async def _send_text(self, frame: str) -> None:
        async with self._sending:
            await self._ws.send_str(frame)

    async def _send_message(self, view: MessageView, seen: Seen) -> None:
        await self._send({"type": "message", "message": view})
        seen.delivered = max(seen.delivered, view.seq)

    async def _send_error(self, error: SabaqError, client_id: object = None) -> None:
        frame: JSON = {"type": "error", **error_body(error, self._language)["error"]}
        if isinstance(client_id, str):
            frame["client_id"] = client_id
        await self._send(frame)

    # --- delivery (the worker, or a resume, holding ``_delivering``) --------------------

    async def _deliver(self, item: Item) -> None:
        if isinstance(item, Live):
            await self._deliver_live(item)
        elif isinstance(item, Refresh):
            await self._refresh(item.conversation_id)
        else:
            await self._resync()

    async def _deliver_live(self, item: Live) -> None:
        seen = self._seen.get(item.conversation_id)
        if seen is None:
            return
        if item.kind == "read":
            await self._send_text(item.frame)
        elif item.kind == "typing":
            if seen.max_seq is None:
                await self._send_text(item.frame)
        elif not seen.may_read(item.seq):
            return
        elif item.kind == "changed":
            if item.seq <= seen.delivered:
                await self._send_text(item.frame)
            else:
                await self._catch_up(item.conversation_id, seen)
        elif item.seq == seen.delivered + 1:
            await self._send_text(item.frame)
            seen.delivered = item.seq
        elif item.seq > seen.delivered:
            await self._catch_up(item.conversation_id, seen)

    async def _catch_up(self, conversation_id: int, seen: Seen) -> None:
        """Deliver from the database every message after the last one delivered."""
        while True:
            try:
                page = await history(
                    self._actor, conversation_id, after_seq=seen.delivered, limit=_PAGE
                )
            except NotFound:
                self._forget(conversation_id)
                return
            for view in page.messages:
                await self._send_message(view, seen)
            if not page.has_more or not page.messages:
                return

    async def _refresh(self, conversation_id: int) -> None:
        """Membership changed: read it again and tell the client (the hub watches already)."""
        try:
            view = await conversation_view(self._actor, conversation_id)
        except NotFound:
            self._forget(conversation_id)
            return
        seen = self._seen.get(conversation_id)
        if seen is None:
            self._seen[conversation_id] = _seen(view)
        else:
            seen.max_seq = view.last_seq if view.left else None
            seen.can_post = view.can_post
        await self._send({"type": "conversation", "conversation": view})

    async def _resync(self) -> None:
        """Events may have been missed: read the conversation list again and catch up."""
        self._overflowed = False
        views = {view.id: view for view in await list_conversations(self._deps, self._actor)}
        for conversation_id in set(self._seen) - set(views):
            self._forget(conversation_id)
        for conversation_id, view in views.items():
            seen = self._seen.get(conversation_id)
            if seen is None:
                self._seen[conversation_id] = _seen(view)
                self._hub.watch(self, conversation_id)
                await self._send({"type": "conversation", "conversation": view})
                continue
            changed = seen.can_post != view.can_post or (seen.max_seq is None) == view.left
            seen.max_seq = view.last_seq if view.left else None
            seen.can_post = view.can_post
            if changed:
                await self._send({"type": "conversation", "conversation": view})
            await self._catch_up(conversation_id, seen)

    def _forget(self, conversation_id: int) -> None:
        self._seen.pop(conversation_id, None)
        self._hub.unwatch(self, conversation_id)

    # --- client frames -----------------------------------------------------------------

    async def _receive(self, raw: str) -> None:
        frame: Mapping[str, Any] = {}
        try:
            frame = json_object(raw)
            if not await self._frames.hit(
                RateLimitItemPerMinute(
                    self._deps.settings.chat_messages_per_minute * FRAMES_PER_MESSAGE
                ),
                "ws",
                str(self.id),
            ):
                raise RateLimited(
                    N_("You are sending messages too fast. Wait a moment and try again.")
                )
            handler = self._handlers().get(frame.get("type"))  # type: ignore[arg-type]
            if handler is None:
                raise InvalidInput(
                    N_("Unknown frame type: use send, read, typing, resume or ping."),
                    field="type",
                )
            await handler(frame)
        except SabaqError as error:
            await self._send_error(error, frame.get("client_id"))
        except ConnectionResetError:
            raise
        except Exception:
            log.exception("websocket %s failed on a %r frame", self.id, frame.get("type"))
            await self._send_error(
                SabaqError(N_("Something went wrong on our side. Please try again.")),
                frame.get("client_id"),
            )

    def _handlers(self) -> dict[str, Callable[[Mapping[str, Any]], Awaitable[None]]]:
        return {
            "send": self._on_send,
            "read": self._on_read,
            "typing": self._on_typing,
            "resume": self._on_resume,
            "ping": self._on_ping,
        }

    async def _on_ping(self, frame: Mapping[str, Any]) -> None:
        await self._send({"type": "pong"})

    async def _on_send(self, frame: Mapping[str, Any]) -> None:
        client_id = frame.get("client_id")
        if client_id is not None and not isinstance(client_id, str):
            raise InvalidInput(N_("This must be text."), field="client_id")
        view = await send_message(
            self._deps,
            self._actor,
            conversation_id=whole(frame.get("conversation_id"), "conversation_id"),
            text=text(frame, "text", default=""),
            client_id=client_id,
            reply_to_id=optional_id(frame, "reply_to_id", high=BIG_ID_MAX),
            attachment_ids=id_list(frame, "attachment_ids"),
            source=self._source,
        )
        await self._send({"type": "ack", "client_id": client_id, "message": view})

    async def _on_read(self, frame: Mapping[str, Any]) -> None:
        _ = await mark_read(
            self._deps,
            self._actor,
            conversation_id=whole(frame.get("conversation_id"), "conversation_id"),
            seq=whole(frame.get("seq"), "seq", low=0, high=BIG_ID_MAX),
        )

    async def _on_typing(self, frame: Mapping[str, Any]) -> None:
        conversation_id = whole(frame.get("conversation_id"), "conversation_id")
        seen = self._seen.get(conversation_id)
        if seen is None:
            raise NotFound(N_("This conversation does not exist or is not open to you."))
        if not seen.can_post:
            raise PermissionDenied(permission="chat.post")
        limit = RateLimitItemPerMinute(TYPING_PER_MINUTE)
        if await self._deps.limiter.hit(
            limit, "chat-typing", str(self.person_id), str(conversation_id)
        ):
            await self._hub.publish_typing(
                conversation_id=conversation_id, person_id=self.person_id, name=self._name
            )

    async def _on_resume(self, frame: Mapping[str, Any]) -> None:
        wanted = frame.get("conversations")
        if not isinstance(wanted, dict):
            raise InvalidInput(
                N_("List each conversation id with the last seq you have seen."),
                field="conversations",
            )
        points = {
            whole(key, "conversations"): whole(value, "conversations", low=0, high=BIG_ID_MAX)
            for key, value in wanted.items()
        }
        async with self._delivering:
            for conversation_id, last_seen in sorted(points.items()):
                seen = self._seen.get(conversation_id)
                if seen is None:
                    await self._send_error(
                        NotFound(N_("This conversation does not exist or is not open to you."))
                    )
                    continue
                await self._resume_one(conversation_id, seen, last_seen)
            await self._send({"type": "resumed"})

    async def _resume_one(self, conversation_id: int, seen: Seen, last_seen: int) -> None:
        after = last_seen
        already = range(seen.baseline + 1, seen.delivered + 1)
        while True:
            try:
                page = await history(self._actor, conversation_id, after_seq=after, limit=_PAGE)
            except NotFound:
                self._forget(conversation_id)
                return
            for view in page.messages:
                after = view.seq
                if view.seq not in already:
                    await self._send_message(view, seen)
            if not page.has_more or not page.messages:
                break
        seen.delivered = max(seen.delivered, after)
        seen.baseline = min(seen.baseline, last_seen)


async def websocket(request: web.Request) -> web.StreamResponse:
    """Upgrade to the chat's websocket (authenticated like the REST API)."""
    deps, auth = deps_of(request), request[AUTH]
    person_id = auth.actor.person_id
    if not same_origin(auth, request) or person_id is None:
        raise PermissionDenied()
    ws = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_FRAME_BYTES)
    await ws.prepare(request)
    connection = Connection(
        deps,
        request.app[HUB],
        ws,
        auth,
        person_id=person_id,
        language=await language_of(request),
        frames=request.app[FRAMES],
    )
    try:
        await connection.serve()
    except ConnectionResetError:
        log.info("websocket %s dropped", connection.id)
    return ws


def frame_limiter() -> MovingWindowRateLimiter:
    """Per-connection frame counting stays in this process: a connection lives in one."""
    return MovingWindowRateLimiter(MemoryStorage())
