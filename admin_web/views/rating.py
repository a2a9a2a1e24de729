"""The rating: leaderboards of groups, courses and the organisation over a period, for
everyone signed in (a student sees their own place), and a student's nickname."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from aiohttp import web
from multidict import MultiDict, MultiMapping

from admin_web.forms import optional_id, query_date, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.permissions import Role
from core.question_kinds import localised
from core.services.testing_reports import (
    PERIOD_LABELS,
    SCOPE_LABELS,
    PeriodChoice,
    RatingNames,
    RatingPeriod,
    ScopeChoice,
    leaderboard,
    my_place,
    rating_periods,
    rating_scopes,
)
from core.services.testing_settings import NICKNAME_MAX, my_nickname, set_nickname

routes = web.RouteTableDef()

TEMPLATE = "rating/rating.html"
#: Places a page shows.
PAGE_ROWS = 100
CUSTOM = "custom"


def _scope(query: Mapping[str, str], scopes: list[ScopeChoice]) -> ScopeChoice:
    """The leaderboard asked for (``board=group:12``) if it is offered, else the
    organisation's (always the last)."""
    raw, _, wanted = query.get("board", "").partition(":")
    board_id = optional_id(wanted)
    return next(
        (c for c in scopes if c.scope.value == raw and c.scope_id == board_id),
        scopes[-1],
    )


def _period(query: MultiMapping[str], periods: list[PeriodChoice]) -> tuple[str, date, date]:
    """The period asked for: one offered, or typed dates (``custom``); this month else."""
    raw = query.get("period", RatingPeriod.MONTH.value)
    if raw == CUSTOM:
        starts_on = query_date(query, "from") or periods[0].starts_on
        ends_on = query_date(query, "to") or periods[0].ends_on
        return CUSTOM, starts_on, ends_on
    chosen = next((p for p in periods if p.period.value == raw), periods[0])
    return chosen.period.value, chosen.starts_on, chosen.ends_on


async def _page(request: web.Request, query: MultiMapping[str] | None = None) -> dict[str, Any]:
    """The page for ``query`` (the address's, unless given)."""
    query = request.query if query is None else query
    actor = actor_of(request)
    language = language_of(request)
    scopes = await rating_scopes(actor)
    periods = await rating_periods(deps_of(request), actor)
    scope = _scope(query, scopes)
    period, starts_on, ends_on = _period(query, periods)
    context: dict[str, Any] = {
        "scopes": scopes,
        "scope": scope,
        "periods": periods,
        "period": period,
        "custom": CUSTOM,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "scope_labels": SCOPE_LABELS,
        "period_labels": PERIOD_LABELS,
        "name_of": lambda loc: localised(loc, language),
        "place": None,
        "nickname": None,
        "nickname_max": NICKNAME_MAX,
    }
    student = actor.person_id if Role.STUDENT in actor.roles else None
    if student is not None:
        place = await my_place(
            actor,
            student_id=student,
            scope=scope.scope,
            scope_id=scope.scope_id,
            starts_on=starts_on,
            ends_on=ends_on,
            top=PAGE_ROWS,
        )
        context.update(board=place.board, place=place)
        if place.board.names is RatingNames.NICKNAME:
            context["nickname"] = await my_nickname(actor)
    else:
        context["board"] = await leaderboard(
            actor,
            scope=scope.scope,
            scope_id=scope.scope_id,
            starts_on=starts_on,
            ends_on=ends_on,
            limit=PAGE_ROWS,
        )
    return context


@routes.get("/rating")
async def rating_page(request: web.Request) -> web.Response:
    try:
        context = await _page(request)
    except InvalidInput as error:
        # Dates the wrong way round, or not dates: this month's page, with the error.
        return await render_error(request, TEMPLATE, await _page(request, MultiDict()), error)
    return await render(request, TEMPLATE, context)


@routes.post("/rating/nickname")
async def nickname_save(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        await set_nickname(
            deps_of(request), actor_of(request), nickname=text(form, "nickname", limit=200)
        )
    except (InvalidInput, Conflict) as error:
        return await render_error(request, TEMPLATE, await _page(request, MultiDict()), error)
    await flash(request, N_("Your nickname is saved."))
    raise web.HTTPSeeOther("/rating")
