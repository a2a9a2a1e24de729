"""Placeholder: filled in by the lessons work."""

from __future__ import annotations

from aiohttp import web

routes = web.RouteTableDef()
