"""The composition root of ``sabaq run``: one process serving the panel, the chat API,
the scheduler and the bots, on the embedded default or PostgreSQL (``sabaq bots`` runs the
bots alone).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from admin_web.app import create_app as create_admin_app
from bots.delivery import DeliveryWorker
from bots.runner import BotsRunner
from chat_server.app import create_app as create_chat_app
from chat_server.hub import Hub
from core.config import Settings
from core.db import close_db, migrate, pending_migrations
from core.deps import Deps, build_deps
from core.judge.sandbox import SandboxUnavailable, check_sandbox
from core.services.demo import demo_is_possible, fill_demo
from core.services.health import database_ok
from core.services.judge_queue import start_workers
from core.services.timetable_solves import fail_interrupted_solves
from sabaq import messages
from sabaq.heap import settle_heap
from sabaq.messages import StartupError
from sabaq.scheduler import running_scheduler

log = logging.getLogger(__name__)


@dataclass
class Health:
    """Each component's state as ``/healthz`` reports it ("ok", "off", "running", ...)."""

    components: dict[str, str] = field(default_factory=dict)


HEALTH = web.AppKey("health", Health)
SCHEDULER = web.AppKey("scheduler", AsyncIOScheduler)


def sabaq_version() -> str:
    try:
        return version("sabaq")
    except PackageNotFoundError:
        return "dev"


async def prepare_database(settings: Settings) -> int:
    """Migrate the embedded database; on PostgreSQL refuse to start with pending migrations.

    Several processes share a PostgreSQL database, so there migrations are an explicit step
    (``sabaq migrate``), never a race between starting processes.
    """
    if settings.dialect == "sqlite":
        return len(await migrate(settings))
    pending = await pending_migrations(settings)
    if pending:
        await close_db()
        raise StartupError(messages.say(messages.PENDING, count=len(pending)))
    return 0


async def healthz(request: web.Request) -> web.Response:
    health = request.app[HEALTH]
    components = {"database": "ok" if await database_ok() else "down", **health.components}
    healthy = all(state in {"ok", "off", "running"} for state in components.values())
    return web.json_response(
        {
            "status": "ok" if healthy else "degraded",
            "version": sabaq_version(),
            "components": components,
        },
        status=200 if healthy else 503,
    )


def build_app(deps: Deps, health: Health) -> web.Application:
    app = create_admin_app(deps)
    app[HEALTH] = health
    app.router.add_get("/healthz", healthz)
    app.add_subapp("/api/v1/", create_chat_app(deps))
    return app


def bots_context(
    deps: Deps, health: Health, bots: BotsRunner
) -> Callable[[web.Application], AsyncIterator[None]]:
    """Start the bots (polling or webhook) and one delivery worker per bot."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        async with run_bots(deps, bots):
            health.components["bots"] = "off" if bots.mode == "off" else "running"
            yield
        health.components["bots"] = "off" if bots.mode == "off" else "stopped"

    return context


@asynccontextmanager
async def run_bots(deps: Deps, bots: BotsRunner) -> AsyncIterator[None]:
    """The bots and their outbox workers, stopped in order: workers first, then the bots."""
    if bots.mode == "off":
        yield
        return
    await bots.start()
    stop = asyncio.Event()
    workers = [
        asyncio.create_task(
            DeliveryWorker(deps, bots.sender(kind), bot=kind).run_forever(stop),
            name=f"deliver-{kind}",
        )
        for kind in bots.bots
    ]
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*workers, return_exceptions=True)
        await bots.stop()


def scheduler_context(
    deps: Deps, health: Health
) -> Callable[[web.Application], AsyncIterator[None]]:
    """The scheduler's jobs (reminders, the daily backup; ``sabaq.scheduler``) for the
    application's lifetime."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        async with running_scheduler(deps, health.components) as scheduler:
            app[SCHEDULER] = scheduler.apscheduler
            yield

    return context


def solves_context(deps: Deps) -> Callable[[web.Application], AsyncIterator[None]]:
    """Timetable solves started in the panel run in this process: runs a stopped process left
    marked running are marked failed at start; those still running at the end are stopped
    (each marks itself failed)."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        interrupted = await fail_interrupted_solves(deps)
        if interrupted:
            log.warning("%s timetable solves were interrupted by the last stop", interrupted)
        yield
        await deps.background.aclose()

    return context


async def judge_status(settings: Settings) -> str:
    """Say, in one line, whether the judge can run programs.

    The judge fails closed: without a working sandbox every submission gets a judge error
    that names the reason, and this line tells the operator at start-up. The toolchains are
    prepared by the workers in the background (``start_workers``), not before serving.
    """
    if settings.judge_workers == 0:
        return messages.say(messages.JUDGE_OFF, reason="SABAQ_JUDGE_WORKERS=0")
    try:
        info = await check_sandbox()
    except SandboxUnavailable as error:
        return messages.say(messages.JUDGE_OFF, reason=error.reason)
    return messages.say(messages.JUDGE_ON, workers=settings.judge_workers, note=info.note)


def judge_context(deps: Deps) -> Callable[[web.Application], AsyncIterator[None]]:
    """Judge workers in this process: started with the app, stopped with it."""

    async def context(app: web.Application) -> AsyncIterator[None]:
        start_workers(deps, deps.settings.judge_workers)
        yield

    return context


async def run_judge_alone(settings: Settings, *, echo: Callable[[str], None]) -> None:
    """``sabaq judge``: judge workers without the web panel, until SIGINT/SIGTERM."""
    deps = build_deps(settings)
    await prepare_database(settings)
    try:
        echo(await judge_status(settings))
        start_workers(deps, settings.judge_workers)
        echo(messages.say(messages.JUDGE_ONLY, workers=settings.judge_workers))
        await _wait_for_stop()
    finally:
        await deps.aclose()
        await close_db()
        echo(messages.say(messages.STOPPED))


async def run_platform(
    settings: Settings, *, host: str, port: int, demo: bool, echo: Callable[[str], None]
) -> None:
    """Start everything, print where it runs, serve until SIGINT/SIGTERM.

    Raises:
        StartupError: pending migrations on PostgreSQL, or the port is taken.
    """
    deps = build_deps(settings)
    applied = await prepare_database(settings)
    await deps.search.ensure()
    try:
        demo_admin = None
        if demo:
            if await demo_is_possible():
                demo_admin = await fill_demo(deps)
            else:
                echo(messages.say(messages.DEMO_SKIPPED))
        health = Health(components={"web": "ok", "chat_server": "ok", "bots": "off"})
        app = build_app(deps, health)
        bots = BotsRunner(deps, api_base=settings.telegram_api_url or None)
        bots.attach(app)
        app.cleanup_ctx.append(scheduler_context(deps, health))
        app.cleanup_ctx.append(bots_context(deps, health, bots))
        app.cleanup_ctx.append(solves_context(deps))
        app.cleanup_ctx.append(judge_context(deps))
        judge_line = await judge_status(settings)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            try:
                await site.start()
            except OSError as error:
                raise StartupError(
                    messages.say(
                        messages.PORT_BUSY, host=host, port=port, reason=error.strerror or error
                    )
                ) from None
            base = f"http://{host}:{port}"
            where = (
                settings.db_url.split("@")[-1]
                if settings.dialect == "postgres"
                else settings.db_url
            )
            echo(messages.say(messages.RUNNING))
            for line in (
                messages.say(messages.WEB, url=f"{base}/"),
                messages.say(messages.CHAT, url=f"{base}/api/v1/"),
                messages.say(messages.HEALTH, url=f"{base}/healthz"),
                messages.say(messages.DATABASE, where=where, count=applied),
                messages.say(messages.DATA_DIR, path=settings.data_dir.resolve()),
                messages.say(
                    messages.SCHEDULER,
                    hour=f"{settings.backup_hour:02d}",
                    timezone=settings.default_timezone,
                    keep=settings.backup_keep,
                ),
                judge_line,
                messages.say(messages.BOTS_OFF)
                if bots.mode == "off"
                else messages.say(messages.BOTS_ON, bots=", ".join(bots.kinds), mode=bots.mode),
            ):
                echo("  " + line)
            if demo_admin is not None:
                echo(
                    messages.say(
                        messages.DEMO_FILLED, login=demo_admin.login, password=demo_admin.password
                    )
                )
            settle_heap()
            await _wait_for_stop()
        finally:
            await runner.cleanup()
            echo(messages.say(messages.STOPPED))
    finally:
        await deps.aclose()
        await close_db()


async def run_bots_alone(settings: Settings, *, echo: Callable[[str], None]) -> None:
    """``sabaq bots``: the bots and their delivery workers, without the web panel.

    Raises:
        StartupError: webhooks are configured (they need the web server of ``sabaq run``),
            or migrations are pending on PostgreSQL.
    """
    deps = build_deps(settings)
    await prepare_database(settings)
    await deps.search.ensure()
    try:
        bots = BotsRunner(deps, api_base=settings.telegram_api_url or None)
        if bots.mode == "off":
            echo(messages.say(messages.BOTS_OFF))
            return
        if bots.mode == "webhook":
            raise StartupError(messages.say(messages.BOTS_WEBHOOK_NEEDS_RUN))
        # Messages posted from Telegram here must still reach the chat servers' clients.
        hub = Hub(deps)
        await hub.start()
        try:
            async with running_scheduler(deps, {}), run_bots(deps, bots):
                echo(messages.say(messages.BOTS_ONLY, bots=", ".join(bots.kinds), mode=bots.mode))
                settle_heap()
                await _wait_for_stop()
        finally:
            await hub.stop()
        echo(messages.say(messages.STOPPED))
    finally:
        await deps.aclose()
        await close_db()


async def _wait_for_stop() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
