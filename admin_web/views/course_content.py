"""Online course content (issue 10): the teacher's editor and opening for groups, the class
journal of progress with answers to review, the student's "My courses", and the public
certificate check. Every form posts and redirects; a refused form comes back as a flash
message on the page it was sent from."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from aiohttp import web

from admin_web.forms import FormData, integer, optional_id, row_id, text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import download, flash, render, stored_file
from core.errors import SabaqError
from core.permissions import Permission
from core.services.course_content import (
    ANSWER_MAX,
    BODY_MAX,
    COMMENT_MAX,
    ITEM_KIND_LABELS,
    ItemData,
    ItemKind,
    add_item,
    add_module,
    add_unit,
    close_course,
    course_content,
    course_progress,
    delete_item,
    delete_module,
    delete_unit,
    download_certificate,
    group_progress,
    mark_done,
    move_item,
    move_module,
    move_unit,
    my_courses,
    open_course,
    rename_module,
    rename_unit,
    review_work,
    submit_answer,
    submit_file,
    update_item,
    verify_certificate,
    work_file,
)
from core.services.homework import FileDownload, Upload

routes = web.RouteTableDef()

_BACK = re.compile(r"/[A-Za-z0-9][A-Za-z0-9/_-]*", re.ASCII)


def _id(request: web.Request) -> int:
    return row_id(request.match_info["id"])


def _back(form: FormData, default: str) -> str:
    """Where to return after a form: a path of ours from the form, else ``default`` (only
    letters, digits, ``-`` and ``/`` after one leading slash, so never another site)."""
    raw = text(form, "back", limit=300)
    return raw if _BACK.fullmatch(raw) else default


async def _redirect_with(request: web.Request, url: str, error: SabaqError) -> web.HTTPSeeOther:
    await flash(request, error.message, **error.params)
    return web.HTTPSeeOther(url)


def _content_url(course_id: int) -> str:
    return f"/courses/{course_id}/content"


def _item_data(form: FormData) -> ItemData:
    raw_kind = text(form, "kind", limit=20)
    kind = ItemKind(raw_kind) if raw_kind in ItemKind.__members__.values() else ItemKind.TEXT
    return ItemData(
        kind=kind,
        title=text(form, "title", limit=400),
        body=text(form, "body", limit=BODY_MAX + 1),
        url=text(form, "url", limit=1000),
        test_id=optional_id(text(form, "test_id", limit=20)),
        task_id=optional_id(text(form, "task_id", limit=20)),
        points=integer(form, "points", default=10),
    )


# --- the editor ----------------------------------------------------------------------------


@routes.get(r"/courses/{id:\d+}/content")
async def content_page(request: web.Request) -> web.Response:
    content = await course_content(actor_of(request), course_id=_id(request))
    return await render(
        request,
        "course_content/editor.html",
        {"content": content, "kinds": ITEM_KIND_LABELS, "body_max": BODY_MAX},
    )


async def _edit(request: web.Request, course_id: int, action: str) -> web.Response:
    """Run one editor action from its form and go back to the editor."""
    deps, actor = deps_of(request), actor_of(request)
    form = await request.post()
    target = _id(request)
    back = _back(form, _content_url(course_id) if course_id else "/courses")
    offset = -1 if text(form, "direction", limit=10) == "up" else 1
    title = text(form, "title", limit=400)
    handlers: dict[str, Callable[[], Awaitable[object]]] = {
        "add_module": lambda: add_module(deps, actor, course_id=target, title=title),
        "rename_module": lambda: rename_module(deps, actor, module_id=target, title=title),
        "move_module": lambda: move_module(deps, actor, module_id=target, offset=offset),
        "delete_module": lambda: delete_module(deps, actor, module_id=target),
        "add_unit": lambda: add_unit(deps, actor, module_id=target, title=title),
        "rename_unit": lambda: rename_unit(deps, actor, unit_id=target, title=title),
        "move_unit": lambda: move_unit(deps, actor, unit_id=target, offset=offset),
        "delete_unit": lambda: delete_unit(deps, actor, unit_id=target),
        "add_item": lambda: add_item(deps, actor, unit_id=target, data=_item_data(form)),
        "update_item": lambda: update_item(deps, actor, item_id=target, data=_item_data(form)),
        "move_item": lambda: move_item(deps, actor, item_id=target, offset=offset),
        "delete_item": lambda: delete_item(deps, actor, item_id=target),
    }
    try:
        await handlers[action]()
    except SabaqError as error:
        if error.code in {"invalid", "conflict"}:
            raise await _redirect_with(request, back, error) from None
        raise
    raise web.HTTPSeeOther(back)


@routes.post(r"/courses/{id:\d+}/content/modules")
async def module_add(request: web.Request) -> web.Response:
    return await _edit(request, _id(request), "add_module")


@routes.post(r"/course-modules/{id:\d+}/{action:rename|move|delete|units}")
async def module_action(request: web.Request) -> web.Response:
    action = request.match_info["action"]
    return await _edit(request, 0, "add_unit" if action == "units" else f"{action}_module")


@routes.post(r"/course-units/{id:\d+}/{action:rename|move|delete|items}")
async def unit_action(request: web.Request) -> web.Response:
    action = request.match_info["action"]
    return await _edit(request, 0, "add_item" if action == "items" else f"{action}_unit")


@routes.post(r"/course-items/{id:\d+}/{action:update|move|delete}")
async def item_action(request: web.Request) -> web.Response:
    return await _edit(request, 0, f"{request.match_info['action']}_item")


@routes.post(r"/courses/{id:\d+}/content/{action:open|close}")
async def opening_action(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    course_id = _id(request)
    form = await request.post()
    group_id = row_id(text(form, "group_id", limit=20))
    if request.match_info["action"] == "open":
        await open_course(deps, actor, course_id=course_id, group_id=group_id)
    else:
        await close_course(deps, actor, course_id=course_id, group_id=group_id)
    raise web.HTTPSeeOther(_content_url(course_id))


# --- the class journal ---------------------------------------------------------------------


@routes.get(r"/groups/{id:\d+}/course-progress")
async def progress_page(request: web.Request) -> web.Response:
    table = await group_progress(actor_of(request), group_id=_id(request))
    return await render(
        request,
        "course_content/progress.html",
        {
            "table": table,
            "comment_max": COMMENT_MAX,
            "can_edit": Permission.COURSE_CONTENT_MANAGE in granted_of(request),
        },
    )


@routes.post(r"/course-works/{id:\d+}/review")
async def work_review(request: web.Request) -> web.Response:
    form = await request.post()
    back = _back(form, "/groups")
    try:
        await review_work(
            deps_of(request),
            actor_of(request),
            work_id=_id(request),
            accept=text(form, "decision", limit=10) == "accept",
            comment=text(form, "comment", limit=COMMENT_MAX + 1),
        )
    except SabaqError as error:
        if error.code in {"invalid", "conflict"}:
            raise await _redirect_with(request, back, error) from None
        raise
    raise web.HTTPSeeOther(back)


def _file_response(file: FileDownload) -> web.FileResponse:
    return stored_file(file.path, filename=file.filename, content_type=file.content_type)


@routes.get(r"/course-works/{id:\d+}/file")
async def work_file_download(request: web.Request) -> web.FileResponse:
    return _file_response(
        await work_file(deps_of(request), actor_of(request), work_id=_id(request))
    )


# --- the student's courses -----------------------------------------------------------------


@routes.get("/my/courses")
async def my_courses_page(request: web.Request) -> web.Response:
    cards = await my_courses(actor_of(request))
    return await render(request, "course_content/my_courses.html", {"cards": cards})


@routes.get(r"/my/courses/{id:\d+}")
async def my_course_page(request: web.Request) -> web.Response:
    progress = await course_progress(actor_of(request), course_id=_id(request))
    return await render(
        request,
        "course_content/my_course.html",
        {
            "progress": progress,
            "kinds": ITEM_KIND_LABELS,
            "answer_max": ANSWER_MAX,
            "limit_mb": max(1, deps_of(request).settings.max_upload_bytes // (1024 * 1024)),
        },
    )


@routes.post(r"/my/course-items/{id:\d+}/{action:done|answer|file}")
async def my_item_action(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    item_id = _id(request)
    form = await request.post()
    back = _back(form, "/my/courses")
    action = request.match_info["action"]
    try:
        if action == "done":
            await mark_done(deps, actor, item_id=item_id)
        elif action == "answer":
            await submit_answer(
                deps, actor, item_id=item_id, text=text(form, "text", limit=ANSWER_MAX + 1)
            )
        else:
            part = form.get("file")
            limit = deps.settings.max_upload_bytes
            upload = (
                Upload(part.filename or "", part.file.read(limit + 1))
                if isinstance(part, web.FileField)
                else Upload("", b"")
            )
            await submit_file(deps, actor, item_id=item_id, upload=upload)
    except SabaqError as error:
        if error.code in {"invalid", "conflict"}:
            raise await _redirect_with(request, back, error) from None
        raise
    raise web.HTTPSeeOther(back)


@routes.get(r"/my/courses/{id:\d+}/certificate")
async def my_certificate(request: web.Request) -> web.Response:
    course_id = _id(request)
    try:
        file = await download_certificate(
            deps_of(request),
            actor_of(request),
            course_id=course_id,
            language=language_of(request),
        )
    except SabaqError as error:
        if error.code == "conflict":
            raise await _redirect_with(request, f"/my/courses/{course_id}", error) from None
        raise
    return download(file.data, content_type="application/pdf", filename=file.filename)


# --- the public check ----------------------------------------------------------------------


@routes.get(r"/certificates/{code}")
async def certificate_check(request: web.Request) -> web.Response:
    code = request.match_info["code"][:64]
    check = await verify_certificate(code, language=language_of(request))
    return await render(
        request,
        "course_content/certificate.html",
        {"check": check, "code": code},
        status=200 if check else 404,
    )
