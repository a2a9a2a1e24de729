"""Substitutions (issue 11), the deputy head's pages: a day (tomorrow by default) with the
absence form, the lessons to cover with their best candidates and the day's report; the
month's report; both as .xlsx."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from admin_web.forms import (
    YEARS,
    FormData,
    clock_minute,
    optional_date,
    optional_id,
    row_id,
    text,
)
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.substitutions import (
    choose_substitute,
    cover_day,
    day_xlsx,
    mark_absent,
    month_report,
    month_start,
    month_xlsx,
    planning_day,
    remove_absence,
)
from core.services.timetable import schedule_choices

routes = web.RouteTableDef()
DAY_TEMPLATE = "substitutions/day.html"
MONTH_TEMPLATE = "substitutions/month.html"
FIELDS = ("teacher_id", "start", "end", "reason")


def _query_day(raw: str | None) -> date | None:
    try:
        day = date.fromisoformat(raw[:10]) if raw else None
    except ValueError:
        return None
    return day if day is not None and day.year in YEARS else None


async def _day(request: web.Request) -> date:
    return _query_day(request.query.get("day")) or await planning_day(
        deps_of(request), actor_of(request)
    )


async def _month(request: web.Request) -> date:
    chosen = _query_day(f"{request.query.get('month', '')[:7]}-01")
    return chosen or month_start(await planning_day(deps_of(request), actor_of(request)))


def _minute(form: FormData, name: str) -> int | None:
    """Minutes after midnight from ``HH:MM``; None when left empty (a whole day)."""
    raw = text(form, name, limit=20).strip()
    if not raw:
        return None
    return clock_minute(raw, name, until_midnight=True)


def _to_day(day: date) -> str:
    return f"/substitutions?day={day.isoformat()}"


async def _day_page(
    request: web.Request, day: date, values: dict[str, str] | None = None
) -> dict[str, Any]:
    deps, actor = deps_of(request), actor_of(request)
    return {
        "day": day,
        "report": await cover_day(deps, actor, day=day),
        "teachers": (await schedule_choices(actor)).teachers,
        "values": dict.fromkeys(FIELDS, "") | (values or {}),
        "fields": FIELDS,
    }


@routes.get("/substitutions")
async def day_page(request: web.Request) -> web.Response:
    return await render(request, DAY_TEMPLATE, await _day_page(request, await _day(request)))


@routes.post("/substitutions/absences")
async def absence_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=300) for name in FIELDS}
    day = optional_date(form, "day") or await _day(request)
    try:
        marked = await mark_absent(
            deps_of(request),
            actor_of(request),
            teacher_id=optional_id(values["teacher_id"]) or 0,
            day=day,
            start_minute=_minute(form, "start"),
            end_minute=_minute(form, "end"),
            reason=values["reason"],
        )
    except (InvalidInput, Conflict) as error:
        context = await _day_page(request, day, values)
        return await render_error(request, DAY_TEMPLATE, context, error)
    await flash(
        request,
        N_("{teacher} is marked absent; lessons to cover: {count}."),
        teacher=marked.absence.teacher_name,
        count=len(marked.lessons),
    )
    raise web.HTTPSeeOther(_to_day(day))


@routes.post(r"/substitutions/absences/{id:\d+}/delete")
async def absence_delete(request: web.Request) -> web.Response:
    form = await request.post()
    await remove_absence(
        deps_of(request), actor_of(request), absence_id=row_id(request.match_info["id"])
    )
    await flash(request, N_("The absence was removed."))
    raise web.HTTPSeeOther(_to_day(optional_date(form, "day") or await _day(request)))


@routes.post(r"/substitutions/lessons/{id:\d+}/choose")
async def substitute_choose(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        lesson = await choose_substitute(
            deps_of(request),
            actor_of(request),
            lesson_id=row_id(request.match_info["id"]),
            teacher_id=row_id(text(form, "teacher_id", limit=20) or "0"),
            replacing=row_id(text(form, "replacing", limit=20) or "0"),
        )
    except (InvalidInput, Conflict) as error:
        day = optional_date(form, "day") or await _day(request)
        return await render_error(request, DAY_TEMPLATE, await _day_page(request, day), error)
    await flash(request, N_("{teacher} teaches this lesson now."), teacher=lesson.teacher_name)
    raise web.HTTPSeeOther(_to_day(lesson.local_day))


@routes.get("/substitutions.xlsx")
async def day_download(request: web.Request) -> web.Response:
    day = await _day(request)
    data = await day_xlsx(
        deps_of(request), actor_of(request), day=day, language=language_of(request)
    )
    return download(
        data, content_type=XLSX_CONTENT_TYPE, filename=f"sabaq-substitutions-{day}.xlsx"
    )


@routes.get("/substitutions/month")
async def month_page(request: web.Request) -> web.Response:
    month = await _month(request)
    report = await month_report(deps_of(request), actor_of(request), month=month)
    return await render(request, MONTH_TEMPLATE, {"report": report, "month": month})


@routes.get("/substitutions/month.xlsx")
async def month_download(request: web.Request) -> web.Response:
    month = await _month(request)
    data = await month_xlsx(
        deps_of(request), actor_of(request), month=month, language=language_of(request)
    )
    return download(
        data,
        content_type=XLSX_CONTENT_TYPE,
        filename=f"sabaq-substitutions-{month:%Y-%m}.xlsx",
    )
