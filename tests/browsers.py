"""Browser fixtures (a pytest plugin): Debian's Chromium through Playwright, and the site as
``sabaq run`` serves it. Browser tests skip without Chromium unless ``SABAQ_REQUIRE_BROWSER``
is set (CI sets it)."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser, async_playwright

from core.deps import Deps
from sabaq.runner import Health, build_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Long enough for a slow CI machine; Playwright polls, so a pass costs only what it takes.
LIVE_MS = 15_000


def require_chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("SABAQ_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return CHROMIUM


class Site:
    """The panel with the chat server mounted, as ``sabaq run`` serves them; it can go down
    and come back on the same address, as after a restart."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.server: TestServer | None = None
        self.port: int | None = None

    async def start(self) -> None:
        self.server = TestServer(build_app(self.deps, Health()), port=self.port)
        await self.server.start_server()
        self.port = self.server.port

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.close()
            self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
async def site(deps: Deps) -> AsyncIterator[Site]:
    served = Site(deps)
    await served.start()
    try:
        yield served
    finally:
        await served.stop()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    executable = require_chromium()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        try:
            yield launched
        finally:
            await launched.close()
