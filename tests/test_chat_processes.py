"""Real ``sabaq run`` processes: two of them on PostgreSQL + Redis deliver to each other's
websockets, and a server killed with SIGKILL in the middle of a burst of sends loses no
message it acknowledged (and a resend after the restart duplicates none)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aiohttp import ClientError, ClientSession, WSMsgType
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from core.config import Settings, load_settings
from core.db import close_db, migrate, open_db
from core.deps import build_deps
from core.models.chat import Message
from tests.conftest import BACKEND, POSTGRES_URL
from tests.factories import ChatCentre, make_chat_centre
from tests.test_chat_api import PASSWORD

pytestmark = pytest.mark.each_database

REDIS_URL = os.environ.get("SABAQ_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SECRET = "process-test-secret"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Platform:
    """A migrated database with a centre in it, and how to start servers on it."""

    settings: Settings
    centre: ChatCentre
    env: dict[str, str]


async def _redis_or_skip() -> None:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        if os.environ.get("SABAQ_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    finally:
        await client.aclose()


@contextlib.asynccontextmanager
async def _postgres_database() -> AsyncIterator[str]:
    name = f"sabaq_chat_{uuid.uuid4().hex[:10]}"
    admin_url = POSTGRES_URL.replace("postgres://", "postgresql://") + "/postgres"
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield f"{POSTGRES_URL}/{name}"
    finally:
        admin = await asyncpg.connect(admin_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture
async def platform(tmp_path: Path) -> AsyncIterator[Platform]:
    """The backend of this run; on PostgreSQL the servers share a Redis fan-out too."""
    env = {
        **os.environ,
        "LANG": "en_US.UTF-8",
        "SABAQ_DATA_DIR": str(tmp_path / "var"),
        "SABAQ_SECRET_KEY": SECRET,
        # The burst below is a test of durability, not of the flood limit.
        "SABAQ_CHAT_MESSAGES_PER_MINUTE": "100000",
        "SABAQ_LOGIN_ATTEMPTS_PER_MINUTE": "1000",
    }
    async with contextlib.AsyncExitStack() as stack:
        overrides: dict[str, object] = {"data_dir": tmp_path / "var", "secret_key": SECRET}
        if BACKEND == "postgres":
            await _redis_or_skip()
            url = await stack.enter_async_context(_postgres_database())
            overrides["database_url"] = url
            env |= {
                "SABAQ_DATABASE_URL": url,
                "SABAQ_REDIS_URL": REDIS_URL,
                "SABAQ_FANOUT_CHANNEL": f"sabaq:test:{uuid.uuid4().hex}",
            }
        settings = load_settings(**overrides, _env_file=None)
        await migrate(settings)
        deps = build_deps(settings)
        await deps.search.ensure()
        centre = await make_chat_centre(deps)
        await close_db()
        yield Platform(settings, centre, env)


@contextlib.asynccontextmanager
async def server(platform: Platform) -> AsyncIterator[tuple[str, asyncio.subprocess.Process]]:
    """``sabaq run`` on a free port; yields its base URL once it serves."""
    port = _free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sabaq",
        "run",
        "--port",
        str(port),
        env=platform.env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    lines: list[str] = []
    drain: asyncio.Task[None] | None = None
    try:
        async with asyncio.timeout(60):
            while not any("/healthz" in line for line in lines):
                line = (await process.stdout.readline()).decode()
                assert line, "sabaq run exited early:\n" + "".join(lines)
                lines.append(line)
        # Keep reading its output so a chatty server never blocks on a full pipe.
        drain = asyncio.create_task(_drain(process))
        yield f"http://127.0.0.1:{port}", process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        with contextlib.suppress(ProcessLookupError):
            await process.wait()
        if drain is not None:
            drain.cancel()


async def _drain(process: asyncio.subprocess.Process) -> None:
    assert process.stdout is not None
    while await process.stdout.readline():
        pass


async def token(session: ClientSession, base: str, login: str) -> str:
    async with session.post(
        f"{base}/api/v1/tokens", json={"login": login, "password": PASSWORD}
    ) as response:
        assert response.status == 201, await response.text()
        body: dict[str, Any] = await response.json()
        return str(body["token"])


async def next_frame(ws: Any) -> dict[str, Any]:
    async with asyncio.timeout(20):  # a safety net for a broken build, not a timing assert
        message = await ws.receive()
    assert message.type == WSMsgType.TEXT, message
    frame: dict[str, Any] = message.json()
    return frame


@pytest.mark.skipif(BACKEND != "postgres", reason="several processes need PostgreSQL and Redis")
async def test_two_processes_deliver_to_each_others_websockets(platform: Platform) -> None:
    chat = platform.centre.chat_id
    async with server(platform) as (a, _), server(platform) as (b, _), ClientSession() as session:
        timur = {"Authorization": f"Bearer {await token(session, a, 'timur@sabaq.kz')}"}
        aigul = {"Authorization": f"Bearer {await token(session, b, 'aigul@sabaq.kz')}"}
        async with (
            session.ws_connect(f"{a}/api/v1/ws", headers=timur) as on_a,
            session.ws_connect(f"{b}/api/v1/ws", headers=aigul) as on_b,
        ):
            assert (await next_frame(on_a))["type"] == "hello"
            assert (await next_frame(on_b))["type"] == "hello"
            async with session.post(
                f"{b}/api/v1/conversations/{chat}/messages",
                json={"text": "B арқылы"},
                headers=aigul,
            ) as response:
                assert response.status == 201
            received = await next_frame(on_a)
            assert (received["type"], received["message"]["text"]) == ("message", "B арқылы")

            await on_a.send_json(
                {"type": "send", "conversation_id": chat, "client_id": "x", "text": "A-дан"}
            )
            frames = [await next_frame(on_b) for _ in range(2)]
            assert [(f["type"], f["message"]["text"]) for f in frames] == [
                ("message", "B арқылы"),
                ("message", "A-дан"),
            ]


@dataclass
class Burst:
    """Four REST posters and one websocket sender, all as one member, recording what the
    server acknowledged (a 201 or an ``ack`` frame) and every client id they tried."""

    session: ClientSession
    base: str
    headers: dict[str, str]
    conversation_id: int
    acknowledged: dict[str, int] = field(default_factory=dict)
    attempted: list[str] = field(default_factory=list)
    enough: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        """Send until the server goes away."""
        await asyncio.gather(*(self._post(worker) for worker in range(4)), self._websocket())

    def _acknowledge(self, client_id: str, message_id: int) -> None:
        self.acknowledged[client_id] = message_id
        if len(self.acknowledged) >= 40:
            self.enough.set()

    async def _post(self, worker: int) -> None:
        for number in range(500):
            client_id = f"rest-{worker}-{number}"
            self.attempted.append(client_id)
            try:
                async with self.session.post(
                    f"{self.base}/api/v1/conversations/{self.conversation_id}/messages",
                    json={"text": f"№{number}", "client_id": client_id},
                    headers=self.headers,
                ) as response:
                    if response.status != 201:
                        return
                    self._acknowledge(client_id, (await response.json())["id"])
            except (ClientError, OSError):
                return

    async def _websocket(self) -> None:
        try:
            async with self.session.ws_connect(
                f"{self.base}/api/v1/ws", headers=self.headers
            ) as ws:
                for number in range(500):
                    client_id = f"ws-{number}"
                    self.attempted.append(client_id)
                    await ws.send_json(
                        {
                            "type": "send",
                            "conversation_id": self.conversation_id,
                            "client_id": client_id,
                            "text": f"ws №{number}",
                        }
                    )
                    while (frame := await ws.receive()).type == WSMsgType.TEXT:
                        data = frame.json()
                        if data["type"] == "ack":
                            self._acknowledge(data["client_id"], data["message"]["id"])
                            break
                    else:
                        return
        except (ClientError, OSError):
            return


async def test_a_killed_server_keeps_every_acknowledged_message(platform: Platform) -> None:
    chat = platform.centre.chat_id
    async with server(platform) as (base, process), ClientSession() as session:
        headers = {"Authorization": f"Bearer {await token(session, base, 'aigul@sabaq.kz')}"}
        burst = Burst(session, base, headers, chat)
        sending = asyncio.create_task(burst.run())
        async with asyncio.timeout(60):
            await burst.enough.wait()
        process.kill()
        await process.wait()
        await sending
    assert process.returncode == -signal.SIGKILL

    async with server(platform) as (base, _), ClientSession() as session:
        headers = {"Authorization": f"Bearer {await token(session, base, 'aigul@sabaq.kz')}"}
        # The client resends what it never saw acknowledged, with the same ids.
        for client_id in burst.attempted:
            if client_id not in burst.acknowledged:
                async with session.post(
                    f"{base}/api/v1/conversations/{chat}/messages",
                    json={"text": "again", "client_id": client_id},
                    headers=headers,
                ) as response:
                    assert response.status in {200, 201}

    await open_db(platform.settings)
    try:
        stored = dict(await Message.filter(conversation_id=chat).values_list("client_id", "id"))
        seqs = (
            await Message.filter(conversation_id=chat)
            .order_by("seq")
            .values_list("seq", flat=True)
        )
    finally:
        await close_db()
    lost = {cid: mid for cid, mid in burst.acknowledged.items() if stored.get(cid) != mid}
    assert lost == {}
    assert len(seqs) == len(stored) == len(set(burst.attempted))
    assert list(seqs) == list(range(1, len(seqs) + 1))
