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


async def test_the_platform_runs_the_main_bot_and_delivers_its_outbox(deps, emulator, tmp_path):
    """What `sabaq run` wires together: a linked parent talks to the bot and gets a notice."""
    from bots.runner import BotsRunner
    from core.clock import FrozenClock
    from core.config import load_settings
    from core.deps import build_deps
    from core.i18n import N_, gettext_for
    from core.services.outbox import notify
    from sabaq.runner import run_bots
    from tests.bots import buttons, invitation_code, make_family

    token, complaints = "4242:RUNNER", "4343:COMPLAINTS"
    emulator.add_bot(token=token, username="sabaq_runner_bot")
    emulator.add_bot(token=complaints, username="sabaq_complaints_runner_bot")
    settings = load_settings(
        data_dir=tmp_path / "var",
        telegram_main_token=token,
        telegram_complaints_token=complaints,
        telegram_api_url=emulator.base_url,
        _env_file=None,
    )
    bot_deps = build_deps(settings, clock=FrozenClock(deps.clock.now()))
    family = await make_family(bot_deps)
    parent = emulator.add_user(first_name="Сәуле", language_code="kk")
    bots = BotsRunner(bot_deps, polling_timeout=1, api_base=emulator.base_url)
    async with run_bots(bot_deps, bots):
        code = await invitation_code(bot_deps, family.admin, family.parent_id)
        await emulator.user_sends(token, parent["id"], f"/start {code}")
        (welcome,) = await emulator.wait_sent(token, parent["id"], count=1)
        kazakh = next(data for text, data in buttons(welcome) if text == "Қазақша")
        await emulator.user_presses(token, parent["id"], welcome["message_id"], kazakh)
        before = len(await emulator.wait_sent(token, parent["id"], count=2))
        notice = N_("Saved.")
        await notify(
            bot_deps,
            person_ids=[family.parent_id],
            message=notice,
            params=None,
            organisation_id=family.admin.organisation_id,
        )
        expected = gettext_for("kk", notice)
        # The bot's own replies to the language choice may still be arriving: wait for more
        # messages until the notice is among them.
        for count in range(before + 1, before + 6):
            sent = await emulator.wait_sent(token, parent["id"], count=count, timeout=30)
            if any(message["text"] == expected for message in sent):
                break
        # The complaints bot runs beside it, with its own paced sender.
        await emulator.user_sends(complaints, parent["id"], "/start")
        (menu,) = await emulator.wait_sent(complaints, parent["id"], count=1)
    assert [message["text"] for message in sent].count(expected) == 1
    assert emulator.commands(token, "kk")
    assert [text for text, _ in buttons(menu)] == [
        gettext_for("kk", "New complaint"),
        gettext_for("kk", "Check my complaint"),
    ]
    await bot_deps.aclose()
