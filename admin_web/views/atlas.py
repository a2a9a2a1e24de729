"""The profession atlas: search and a profession's card (edited by career counsellors),
universities and programme groups with their Excel import, and admissions news."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import download, flash, render, render_error
from core.career.inventory import TYPES
from core.career.notice import attribution
from core.errors import Conflict, ImportRejected, InvalidInput
from core.i18n import N_
from core.permissions import Permission
from core.services.atlas import (
    DESCRIPTION_LIMIT,
    NEWS_BODY_LIMIT,
    NEWS_TITLE_LIMIT,
    TITLE_LIMIT,
    access_news,
    delete_news,
    edit_news,
    edit_profession,
    latest_news,
    post_news,
    profession_card,
    programme_groups,
    search_professions,
    universities,
)
from core.services.atlas_imports import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    Sheet,
    build_template,
    import_atlas,
)
from core.services.career import TYPE_NAMES
from core.services.exports import XLSX_CONTENT_TYPE

routes = web.RouteTableDef()
LIST_TEMPLATE = "atlas/list.html"
CARD_TEMPLATE = "atlas/card.html"
TABLE_TEMPLATE = "atlas/universities.html"
NEWS_TEMPLATE = "atlas/news.html"
NEWS_EDIT_TEMPLATE = "atlas/news_edit.html"
FORM_ERRORS = (InvalidInput, Conflict)
PROFESSION_FIELDS = ("title_kk", "title_ru", "description_kk", "description_ru", "group_codes")
CODE = r"{code:\d{2}-\d{4}\.\d{2}}"
#: The panel lists every localised profession at once, so counsellors can review them all.
PANEL_LIMIT = 400


@routes.get("/atlas")
async def atlas_page(request: web.Request) -> web.Response:
    query = request.query.get("q", "")[:200]
    found = await search_professions(
        deps_of(request), actor_of(request), query=query, limit=PANEL_LIMIT
    )
    return await render(request, LIST_TEMPLATE, {"query": query, "professions": found})


async def _card_context(
    request: web.Request, code: str, values: dict[str, str] | None = None
) -> dict[str, Any]:
    card = await profession_card(deps_of(request), actor_of(request), code=code)
    edited = {
        "title_kk": card.brief.title["kk"],
        "title_ru": card.brief.title["ru"],
        "description_kk": card.description["kk"],
        "description_ru": card.description["ru"],
        "group_codes": " ".join(route.group.code for route in card.routes)
        if card.groups_chosen
        else "",
    }
    return {
        "card": card,
        "types": TYPES,
        "type_names": TYPE_NAMES,
        "attribution": attribution(),
        "may_edit": Permission.CAREER_ATLAS_MANAGE in granted_of(request),
        "values": values or edited,
        "title_max": TITLE_LIMIT,
        "description_max": DESCRIPTION_LIMIT,
    }


@routes.get("/atlas/" + CODE)
async def profession_page(request: web.Request) -> web.Response:
    code = request.match_info["code"]
    return await render(request, CARD_TEMPLATE, await _card_context(request, code))


@routes.post("/atlas/" + CODE)
async def profession_save(request: web.Request) -> web.Response:
    code = request.match_info["code"]
    form = await request.post()
    values = {name: text(form, name, limit=DESCRIPTION_LIMIT + 100) for name in PROFESSION_FIELDS}
    try:
        await edit_profession(deps_of(request), actor_of(request), code=code, **values)
    except FORM_ERRORS as error:
        context = await _card_context(request, code, values)
        return await render_error(request, CARD_TEMPLATE, context, error)
    await flash(request, N_("The profession is saved."))
    raise web.HTTPSeeOther(f"/atlas/{code}")


async def _table_context(request: web.Request) -> dict[str, Any]:
    deps, actor = deps_of(request), actor_of(request)
    return {
        "groups": await programme_groups(deps, actor),
        "universities": await universities(deps, actor),
        "may_import": Permission.CAREER_ATLAS_MANAGE in granted_of(request),
        "max_rows": MAX_ROWS,
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "problems": [],
        "sheet": "",
    }


@routes.get("/universities")
async def universities_page(request: web.Request) -> web.Response:
    return await render(request, TABLE_TEMPLATE, await _table_context(request))


@routes.get(r"/universities/template-{sheet:groups|universities}.xlsx")
async def universities_template(request: web.Request) -> web.Response:
    sheet = Sheet(request.match_info["sheet"])
    return download(
        build_template(sheet, language_of(request)),
        content_type=XLSX_CONTENT_TYPE,
        filename=f"sabaq-{sheet.value}.xlsx",
    )


@routes.post(r"/universities/import/{sheet:groups|universities}")
async def universities_import(request: web.Request) -> web.Response:
    sheet = Sheet(request.match_info["sheet"])
    form = await request.post()
    upload = form.get("file")
    try:
        if not isinstance(upload, web.FileField) or not upload.filename:
            raise InvalidInput(N_("Choose the Excel file to upload."), field="file")
        result = await import_atlas(
            deps_of(request),
            actor_of(request),
            sheet=sheet,
            data=upload.file.read(MAX_FILE_BYTES + 1),
            filename=upload.filename,
        )
    except ImportRejected as error:
        context = await _table_context(request)
        language = language_of(request)
        context["problems"] = [(p.row, p.translated(language)) for p in error.problems]
        context["sheet"] = sheet.value
        return await render_error(request, TABLE_TEMPLATE, context, error)
    except FORM_ERRORS as error:
        context = {**await _table_context(request), "sheet": sheet.value}
        return await render_error(request, TABLE_TEMPLATE, context, error)
    await flash(
        request,
        N_("Imported: {created} added, {updated} updated."),
        created=result.created,
        updated=result.updated,
    )
    raise web.HTTPSeeOther("/universities")


async def _news_context(
    request: web.Request, values: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "news": await latest_news(deps_of(request), actor_of(request)),
        "may_post": Permission.CAREER_NEWS_MANAGE in granted_of(request),
        "values": values or {"title": "", "body": ""},
        "title_max": NEWS_TITLE_LIMIT,
        "body_max": NEWS_BODY_LIMIT,
    }


def _news_values(form: Any) -> dict[str, str]:
    return {
        "title": text(form, "title", limit=NEWS_TITLE_LIMIT + 100),
        "body": text(form, "body", limit=NEWS_BODY_LIMIT + 100),
    }


@routes.get("/admissions")
async def news_page(request: web.Request) -> web.Response:
    return await render(request, NEWS_TEMPLATE, await _news_context(request))


@routes.post("/admissions/new")
async def news_post(request: web.Request) -> web.Response:
    values = _news_values(await request.post())
    try:
        await post_news(deps_of(request), actor_of(request), **values)
    except FORM_ERRORS as error:
        context = await _news_context(request, values)
        return await render_error(request, NEWS_TEMPLATE, context, error)
    await flash(request, N_("The news is published."))
    raise web.HTTPSeeOther("/admissions")


@routes.get(r"/admissions/{id:\d{1,12}}")
async def news_edit_page(request: web.Request) -> web.Response:
    news_id = int(request.match_info["id"])
    post = await access_news(deps_of(request), actor_of(request), news_id=news_id)
    values = {"title": post.title, "body": post.body}
    return await render(request, NEWS_EDIT_TEMPLATE, {"post": post, "values": values})


@routes.post(r"/admissions/{id:\d{1,12}}")
async def news_save(request: web.Request) -> web.Response:
    news_id = int(request.match_info["id"])
    values = _news_values(await request.post())
    try:
        await edit_news(deps_of(request), actor_of(request), news_id=news_id, **values)
    except FORM_ERRORS as error:
        post = await access_news(deps_of(request), actor_of(request), news_id=news_id)
        context = {"post": post, "values": values}
        return await render_error(request, NEWS_EDIT_TEMPLATE, context, error)
    await flash(request, N_("The news is saved."))
    raise web.HTTPSeeOther("/admissions")


@routes.post(r"/admissions/{id:\d{1,12}}/delete")
async def news_delete(request: web.Request) -> web.Response:
    news_id = int(request.match_info["id"])
    await delete_news(deps_of(request), actor_of(request), news_id=news_id)
    await flash(request, N_("The news is deleted."))
    raise web.HTTPSeeOther("/admissions")
