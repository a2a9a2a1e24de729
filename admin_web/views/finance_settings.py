"""Money pages: finance_settings (see core/services)."""

from __future__ import annotations

from aiohttp import web

routes = web.RouteTableDef()
