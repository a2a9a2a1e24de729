"""The career guidance programme of the school year (issue 9), the counsellor's pages: the
year by month with a grade filter, add/edit/delete, copying last year's, the Excel export."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from admin_web.forms import integers, optional_date, query_int, row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import InvalidInput
from core.i18n import N_
from core.services.career import GRADES
from core.services.career_programme import (
    KIND_LABELS,
    XLSX_CONTENT_TYPE,
    ItemData,
    add_item,
    copy_previous_year,
    current_school_year,
    delete_item,
    export_programme,
    get_item,
    month_title,
    programme,
    update_item,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "career_programme/list.html"
EDIT_TEMPLATE = "career_programme/edit.html"
YEARS = range(2000, 2100)


async def _year_and_grade(request: web.Request) -> tuple[int, int | None]:
    current = await current_school_year(deps_of(request), actor_of(request))
    year = query_int(request.query.get("year"), current)
    grade = query_int(request.query.get("grade"), 0)
    return (year if year in YEARS else current), (grade if grade in GRADES else None)


def _values(form: MultiDictProxy[Any]) -> dict[str, Any]:
    return {
        "grades": integers(form, "grades"),
        "kind": text(form, "kind", limit=20),
        "title": text(form, "title", limit=400),
        "description": text(form, "description", limit=4000),
        "starts_on": text(form, "starts_on", limit=20),
        "ends_on": text(form, "ends_on", limit=20),
    }


def _data(form: MultiDictProxy[Any], values: dict[str, Any]) -> ItemData:
    return ItemData(
        grades=values["grades"],
        kind=values["kind"],
        title=values["title"],
        description=values["description"],
        starts_on=optional_date(form, "starts_on"),
        ends_on=optional_date(form, "ends_on"),
    )


def _query(year: int, grade: int | None) -> str:
    return f"?year={year}" + (f"&grade={grade}" if grade else "")


async def _list_context(
    request: web.Request, year: int, grade: int | None, values: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "programme": await programme(actor_of(request), school_year=year, grade=grade),
        "grades": GRADES,
        "kinds": KIND_LABELS,
        "query": _query(year, grade),
        "month_title": lambda month: month_title(month, language_of(request)),
        "values": {"grades": (), "kind": "", "title": "", "description": "", "starts_on": ""}
        | {"ends_on": ""}
        | (values or {}),
    }


@routes.get("/career-programme")
async def programme_page(request: web.Request) -> web.Response:
    year, grade = await _year_and_grade(request)
    return await render(request, LIST_TEMPLATE, await _list_context(request, year, grade))


@routes.get("/career-programme.xlsx")
async def programme_xlsx(request: web.Request) -> web.Response:
    year, grade = await _year_and_grade(request)
    data = await export_programme(
        actor_of(request), school_year=year, grade=grade, language=language_of(request)
    )
    suffix = f"-{grade}" if grade else ""
    return download(
        data,
        content_type=XLSX_CONTENT_TYPE,
        filename=f"sabaq-career-programme-{year}{suffix}.xlsx",
    )


@routes.post("/career-programme")
async def programme_add(request: web.Request) -> web.Response:
    year, grade = await _year_and_grade(request)
    form = await request.post()
    values = _values(form)
    try:
        _ = await add_item(
            deps_of(request), actor_of(request), school_year=year, data=_data(form, values)
        )
    except InvalidInput as error:
        context = await _list_context(request, year, grade, values)
        return await render_error(request, LIST_TEMPLATE, context, error)
    await flash(request, N_("Added to the programme."))
    raise web.HTTPSeeOther("/career-programme" + _query(year, grade))


@routes.post("/career-programme/copy")
async def programme_copy(request: web.Request) -> web.Response:
    year, grade = await _year_and_grade(request)
    copied = await copy_previous_year(deps_of(request), actor_of(request), school_year=year)
    await flash(request, N_("Copied {count} items from last year's programme."), count=copied)
    raise web.HTTPSeeOther("/career-programme" + _query(year, grade))


@routes.get(r"/career-programme/{id:\d+}")
async def item_page(request: web.Request) -> web.Response:
    item = await get_item(actor_of(request), item_id=row_id(request.match_info["id"]))
    values = {
        "grades": item.grades,
        "kind": item.kind.value,
        "title": item.title,
        "description": item.description,
        "starts_on": item.starts_on.isoformat(),
        "ends_on": item.ends_on.isoformat(),
    }
    return await render(
        request,
        EDIT_TEMPLATE,
        {"item": item, "values": values, "grades": GRADES, "kinds": KIND_LABELS},
    )


@routes.post(r"/career-programme/{id:\d+}")
async def item_save(request: web.Request) -> web.Response:
    actor = actor_of(request)
    item = await get_item(actor, item_id=row_id(request.match_info["id"]))
    form = await request.post()
    values = _values(form)
    try:
        await update_item(deps_of(request), actor, item_id=item.id, data=_data(form, values))
    except InvalidInput as error:
        context = {"item": item, "values": values, "grades": GRADES, "kinds": KIND_LABELS}
        return await render_error(request, EDIT_TEMPLATE, context, error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/career-programme?year={item.school_year}")


@routes.post(r"/career-programme/{id:\d+}/delete")
async def item_delete(request: web.Request) -> web.Response:
    actor = actor_of(request)
    item = await get_item(actor, item_id=row_id(request.match_info["id"]))
    await delete_item(deps_of(request), actor, item_id=item.id)
    await flash(request, N_("Deleted from the programme."))
    raise web.HTTPSeeOther(f"/career-programme?year={item.school_year}")
