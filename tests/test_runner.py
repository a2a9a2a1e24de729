"""The running platform: health, mounting, and the README's first command for real."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestClient, TestServer

from sabaq.runner import Health, build_app
from tests.conftest import BACKEND


async def test_healthz_reports_each_component_without_sign_in(deps):
    app = build_app(deps, Health(components={"web": "ok", "bots": "off", "scheduler": "running"}))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        body = await response.json()
        assert response.status == 200
        assert body["status"] == "ok"
        assert body["components"]["database"] == "ok"
        assert body["components"]["bots"] == "off"
        api = await client.get("/api/v1/")
        assert api.status == 200
        panel = await client.get("/people", allow_redirects=False)
        assert panel.status == 303


async def test_healthz_is_503_when_a_component_failed(deps):
    app = build_app(deps, Health(components={"backup": "failed"}))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        assert response.status == 503
        assert (await response.json())["status"] == "degraded"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(BACKEND != "sqlite", reason="the embedded default is SQLite")
async def test_sabaq_run_demo_starts_serves_and_stops_cleanly(tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "SABAQ_DATA_DIR": str(tmp_path / "var"), "LANG": "en_US.UTF-8"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sabaq",
        "run",
        "--demo",
        "--port",
        str(port),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(60):
            while not any("Sign in as" in line for line in lines):
                line = (await process.stdout.readline()).decode()
                assert line, "sabaq run exited early:\n" + "".join(lines)
                lines.append(line)
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as session:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200
            password = (
                next(line for line in lines if "Sign in as" in line).split("“")[-1].split("”")[0]
            )
            async with session.get(f"http://127.0.0.1:{port}/login") as response:
                page = await response.text()
            token = page.split('name="csrf_token" value="')[1].split('"')[0]
            async with session.post(
                f"http://127.0.0.1:{port}/login",
                data={"login": "admin", "password": password, "csrf_token": token},
            ) as response:
                assert response.status == 200
                assert "Білім Плюс" in await response.text()
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await process.communicate()
    assert process.returncode == 0
    assert "Stopped" in output.decode()


async def test_the_daily_backup_is_scheduled_at_the_local_backup_hour(deps):
    from zoneinfo import ZoneInfo

    from sabaq.runner import SCHEDULER, scheduler_context

    health = Health()
    app = build_app(deps, health)
    context = scheduler_context(deps, health)(app)
    await anext(context)
    try:
        assert health.components["scheduler"] == "running"
        job = app[SCHEDULER].get_job("daily-backup")
        local = job.next_run_time.astimezone(ZoneInfo(deps.settings.default_timezone))
        assert (local.hour, local.minute) == (deps.settings.backup_hour, 0)
    finally:
        await anext(context, None)
    assert health.components["scheduler"] == "stopped"
