"""Driving the admin web panel over real HTTP (aiohttp's test server) in tests."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from admin_web.app import create_app
from core.deps import Deps

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Panel:
    """A browser-like client: remembers cookies and the CSRF token of the last page."""

    def __init__(self, client: TestClient[Any, Any]) -> None:
        self.client = client
        self.csrf = ""

    async def get(self, path: str, **kwargs: Any) -> tuple[ClientResponse, str]:
        response = await self.client.get(path, **kwargs)
        body = await response.text() if response.content_type.startswith("text/") else ""
        match = _CSRF.search(body)
        if match:
            self.csrf = match.group(1)
        return response, body

    async def post(self, path: str, data: Any = None, **kwargs: Any) -> tuple[ClientResponse, str]:
        """POST a form with the current CSRF token, following redirects like a browser."""
        if not self.csrf:
            await self.get("/login")
        if isinstance(data, dict) or data is None:
            data = {**(data or {}), "csrf_token": self.csrf}
        response = await self.client.post(path, data=data, **kwargs)
        body = await response.text() if response.content_type.startswith("text/") else ""
        match = _CSRF.search(body)
        if match:
            self.csrf = match.group(1)
        return response, body

    async def sign_in(self, login: str, password: str = "correct horse") -> ClientResponse:
        await self.get("/login")
        response, _ = await self.post("/login", {"login": login, "password": password})
        return response


def text_of(body: str) -> str:
    """The page's visible text, tags dropped and entities decoded (for assertions)."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@asynccontextmanager
async def open_panel(deps: Deps, language: str = "en") -> AsyncIterator[Panel]:
    """A browser with no cookies. Assertions read English unless a test asks otherwise."""
    async with TestClient(
        TestServer(create_app(deps)), headers={"Accept-Language": language}
    ) as client:
        yield Panel(client)


@pytest.fixture
async def panel(deps: Deps) -> AsyncIterator[Panel]:
    async with open_panel(deps) as opened:
        yield opened
