"""The programming rating across the platform, by city, school and class."""

from __future__ import annotations

from aiohttp import web

from admin_web.forms import optional_id
from admin_web.keys import actor_of, language_of
from admin_web.render import render
from core.services.programming_rating import SHOWN, programming_rating

routes = web.RouteTableDef()


@routes.get("/programming/rating")
async def rating_page(request: web.Request) -> web.Response:
    query = request.query
    city = query.get("city", "").strip()[:100] or None
    board = await programming_rating(
        actor_of(request),
        language=language_of(request),
        city=city,
        school_id=optional_id(query.get("school_id")),
        group_id=optional_id(query.get("group_id")),
    )
    chosen = {
        "city": city or "",
        "school_id": query.get("school_id", ""),
        "group_id": query.get("group_id", ""),
    }
    return await render(
        request, "programming/rating.html", {"board": board, "chosen": chosen, "shown": SHOWN}
    )
