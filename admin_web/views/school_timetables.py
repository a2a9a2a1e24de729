"""School timetables (issue 11), the deputy head's pages: import a ``.fet`` school, read the
week grid of a class, teacher or room with the checker's report, move, swap, lock, unplace
and add lessons, rename, delete, and download the ``.fet`` file."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from admin_web.forms import FormData, clock_minute, integer, optional_date, row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import download, flash, render, render_error
from core.errors import Conflict, ImportRejected, InvalidInput, TimetableRejected
from core.i18n import N_
from core.services.exports import XLSX_CONTENT_TYPE
from core.services.school_timetables import (
    VIEWS,
    View,
    add_lesson,
    delete_timetable,
    export_fet_file,
    export_pdf_file,
    export_workbook_file,
    import_fet,
    import_workbook,
    list_timetables,
    move_lesson,
    publish_form,
    publish_timetable,
    rename_timetable,
    set_locked,
    swap_lessons,
    template_file,
    timetable_lesson,
    timetable_page,
    unplace_lesson,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "timetables/list.html"
GRID_TEMPLATE = "timetables/grid.html"
LESSON_TEMPLATE = "timetables/lesson.html"
PUBLISH_TEMPLATE = "timetables/publish.html"
PDF_CONTENT_TYPE = "application/pdf"
FET_CONTENT_TYPE = "application/xml"
VIEW_LABELS: dict[View, str] = {
    "class": N_("Class"),
    "teacher": N_("Teacher"),
    "room": N_("Room"),
}
_KEY_LIMIT = 200


def _view_of(raw: str) -> View:
    return next((view for view in VIEWS if view == raw), "class")


def _back(source: Mapping[str, Any]) -> dict[str, str]:
    """Which grid the user came from (view and whose), to go back to after an edit."""
    key = source.get("key", "")
    return {
        "back_view": _view_of(str(source.get("view", ""))),
        "back_key": key[:_KEY_LIMIT] if isinstance(key, str) else "",
    }


def _grid_address(timetable_id: int, back: Mapping[str, str]) -> str:
    query = {"view": back["back_view"], "key": back["back_key"]}
    return f"/timetables/{timetable_id}?{urlencode(query)}"


async def _list_context(
    request: web.Request, name: str = "", problems: list[tuple[str, int, str]] | None = None
) -> dict[str, Any]:
    return {
        "timetables": await list_timetables(actor_of(request)),
        "name": name,
        "problems": problems or [],
        "workbook_failed": problems is not None,
    }


@routes.get("/timetables")
async def timetables_page(request: web.Request) -> web.Response:
    return await render(request, LIST_TEMPLATE, await _list_context(request))


Importer = Callable[..., Awaitable[int]]


async def _import(
    request: web.Request, importer: Importer, *, missing: str, workbook: bool
) -> web.Response:
    """One upload form: the file stored as a new timetable, or the form again with what to
    fix (a workbook's bad rows each with its sheet and row)."""
    form = await request.post()
    upload = form.get("file")
    name = text(form, "name", limit=200)
    try:
        if not isinstance(upload, web.FileField) or not upload.filename:
            raise InvalidInput(missing, field="file")
        timetable_id = await importer(
            deps_of(request),
            actor_of(request),
            filename=upload.filename,
            data=upload.file.read(),
            name=name,
        )
    except ImportRejected as error:
        language = language_of(request)
        problems = [(p.sheet, p.row, p.translated(language)) for p in error.problems]
        context = await _list_context(request, name, problems)
        return await render_error(request, LIST_TEMPLATE, context, error)
    except InvalidInput as error:
        context = await _list_context(request, name, [] if workbook else None)
        return await render_error(request, LIST_TEMPLATE, context, error)
    await flash(request, N_("The timetable was imported."))
    raise web.HTTPSeeOther(f"/timetables/{timetable_id}")


@routes.post("/timetables")
async def timetable_import(request: web.Request) -> web.Response:
    missing = N_("Choose the FET file to upload.")
    return await _import(request, import_fet, missing=missing, workbook=False)


@routes.post("/timetables/import.xlsx")
async def timetable_import_workbook(request: web.Request) -> web.Response:
    missing = N_("Choose the filled template to upload.")
    return await _import(request, import_workbook, missing=missing, workbook=True)


@routes.get("/timetables/template.xlsx")
async def timetable_template_download(request: web.Request) -> web.Response:
    language = language_of(request)
    data = await template_file(actor_of(request), language=language)
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=f"timetable-{language}.xlsx")


async def _grid_context(
    request: web.Request, source: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The grid page; ``source`` (a posted form) says which grid, else the address."""
    back = _back(request.query if source is None else source)
    page = await timetable_page(
        actor_of(request),
        row_id(request.match_info["id"]),
        view=_view_of(back["back_view"]),
        key=back["back_key"] or None,
        language=language_of(request),
    )
    return {
        "page": page,
        "views": VIEWS,
        "view_labels": VIEW_LABELS,
        "back_view": page.view,
        "back_key": page.key or "",
    }


@routes.get(r"/timetables/{id:\d+}")
async def grid_page(request: web.Request) -> web.Response:
    return await render(request, GRID_TEMPLATE, await _grid_context(request))


async def _grid_edit(
    request: web.Request, edit: Callable[[FormData, int, int], Awaitable[object]], done: str
) -> web.Response:
    """Run one edit of the grid page's forms; an error is shown on the grid again."""
    form = await request.post()
    timetable_id = row_id(request.match_info["id"])
    try:
        await edit(form, timetable_id, _version(form))
    except (InvalidInput, Conflict) as error:
        context = await _grid_context(request, form)
        return await render_error(request, GRID_TEMPLATE, context, error)
    await flash(request, done)
    raise web.HTTPSeeOther(_grid_address(timetable_id, _back(form)))


@routes.post(r"/timetables/{id:\d+}/rename")
async def timetable_rename(request: web.Request) -> web.Response:
    async def edit(form: FormData, timetable_id: int, version: int) -> None:
        await rename_timetable(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            version=version,
            name=text(form, "name", limit=200),
        )

    return await _grid_edit(request, edit, N_("The timetable was renamed."))


@routes.post(r"/timetables/{id:\d+}/lessons")
async def lesson_add(request: web.Request) -> web.Response:
    async def edit(form: FormData, timetable_id: int, version: int) -> None:
        duration = text(form, "duration", limit=3)
        await add_lesson(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            version=version,
            subject=text(form, "subject", limit=_KEY_LIMIT),
            teachers=_choices(form, "teachers"),
            sets=_choices(form, "sets"),
            duration=int(duration) if duration.isdecimal() else 0,
        )

    return await _grid_edit(
        request, edit, N_("The lesson was added; it is among the unplaced lessons.")
    )


def _choices(form: FormData, name: str) -> list[str]:
    return [value[:_KEY_LIMIT] for value in form.getall(name, []) if isinstance(value, str)]


@routes.post(r"/timetables/{id:\d+}/delete")
async def timetable_delete(request: web.Request) -> web.Response:
    try:
        await delete_timetable(
            deps_of(request), actor_of(request), timetable_id=row_id(request.match_info["id"])
        )
    except Conflict as error:
        await flash(request, error.message, **error.params)
    else:
        await flash(request, N_("The timetable was deleted."))
    raise web.HTTPSeeOther("/timetables")


@routes.get(r"/timetables/{id:\d+}/export.fet")
async def timetable_export(request: web.Request) -> web.Response:
    filename, data = await export_fet_file(actor_of(request), row_id(request.match_info["id"]))
    return download(data, content_type=FET_CONTENT_TYPE, filename=filename)


@routes.get(r"/timetables/{id:\d+}/export.xlsx")
async def timetable_export_workbook(request: web.Request) -> web.Response:
    filename, data = await export_workbook_file(
        actor_of(request), row_id(request.match_info["id"]), language=language_of(request)
    )
    return download(data, content_type=XLSX_CONTENT_TYPE, filename=filename)


@routes.get(r"/timetables/{id:\d+}/export-{view:class|teacher|room}.pdf")
async def timetable_export_pdf(request: web.Request) -> web.Response:
    filename, data = await export_pdf_file(
        actor_of(request),
        row_id(request.match_info["id"]),
        view=_view_of(request.match_info["view"]),
        language=language_of(request),
    )
    return download(data, content_type=PDF_CONTENT_TYPE, filename=filename)


async def _publish_context(
    request: web.Request, problems: list[str] | None = None
) -> dict[str, Any]:
    page = await publish_form(actor_of(request), row_id(request.match_info["id"]))
    language = language_of(request)
    return {
        "page": page,
        "blocking": problems
        if problems is not None
        else [item.localised(language) for item in page.preview.problems],
        "notes": [item.localised(language) for item in page.preview.notes],
    }


@routes.get(r"/timetables/{id:\d+}/publish")
async def publish_page(request: web.Request) -> web.Response:
    return await render(request, PUBLISH_TEMPLATE, await _publish_context(request))


@routes.post(r"/timetables/{id:\d+}/publish")
async def publish_post(request: web.Request) -> web.Response:
    form = await request.post()
    timetable_id = row_id(request.match_info["id"])
    try:
        from_day = optional_date(form, "from_day")
        if from_day is None:
            raise InvalidInput(N_("Choose the day the timetable starts."), field="from_day")
        starts = [clock_minute(str(raw), "bells") for raw in form.getall("start", [])]
        minutes = [integer(form, f"minutes-{index}") for index in range(len(starts))]
        published = await publish_timetable(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            version=_version(form),
            from_day=from_day,
            starts=starts,
            minutes=minutes,
        )
    except TimetableRejected as error:
        language = language_of(request)
        context = await _publish_context(
            request, [item.localised(language) for item in error.problems]
        )
        return await render_error(request, PUBLISH_TEMPLATE, context, error)
    except (InvalidInput, Conflict) as error:
        return await render_error(
            request, PUBLISH_TEMPLATE, await _publish_context(request), error
        )
    await flash(
        request,
        N_("Published: {lessons} lessons from {day}. Students, parents and teachers are told."),
        lessons=published.lessons,
        day=from_day.isoformat(),
    )
    raise web.HTTPSeeOther(f"/timetables/{timetable_id}")


def _version(form: FormData) -> int:
    raw = text(form, "version", limit=12)
    return int(raw) if raw.isdecimal() else 0


def _number(form: FormData, name: str) -> int:
    raw = text(form, name, limit=4)
    return int(raw) if raw.isdecimal() else -1


async def _lesson_context(request: web.Request) -> dict[str, Any]:
    lesson = await timetable_lesson(
        actor_of(request), row_id(request.match_info["id"]), row_id(request.match_info["lesson"])
    )
    back = _back(request.query)
    return {"lesson": lesson, "grid": _grid_address(lesson.timetable_id, back), **back}


@routes.get(r"/timetables/{id:\d+}/lessons/{lesson:\d+}")
async def lesson_page(request: web.Request) -> web.Response:
    return await render(request, LESSON_TEMPLATE, await _lesson_context(request))


async def _lesson_edit(
    request: web.Request, edit: Callable[[FormData, int, int, int], Awaitable[None]], done: str
) -> web.Response:
    """Run one edit of the lesson page; back to the grid with the checker's report, or the
    form again with the error."""
    form = await request.post()
    timetable_id = row_id(request.match_info["id"])
    lesson_id = row_id(request.match_info["lesson"])
    try:
        await edit(form, timetable_id, _version(form), lesson_id)
    except (InvalidInput, Conflict) as error:
        context = await _lesson_context(request) | _back(form)
        context["grid"] = _grid_address(timetable_id, _back(form))
        return await render_error(request, LESSON_TEMPLATE, context, error)
    await flash(request, done)
    raise web.HTTPSeeOther(_grid_address(timetable_id, _back(form)) + "#report")


@routes.post(r"/timetables/{id:\d+}/lessons/{lesson:\d+}/move")
async def lesson_move(request: web.Request) -> web.Response:
    async def edit(form: FormData, timetable_id: int, version: int, lesson_id: int) -> None:
        await move_lesson(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            version=version,
            lesson_id=lesson_id,
            day=_number(form, "day"),
            period=_number(form, "period"),
            room=text(form, "room", limit=_KEY_LIMIT) or None,
        )

    return await _lesson_edit(request, edit, N_("The lesson was moved."))


@routes.post(r"/timetables/{id:\d+}/lessons/{lesson:\d+}/swap")
async def lesson_swap(request: web.Request) -> web.Response:
    async def edit(form: FormData, timetable_id: int, version: int, lesson_id: int) -> None:
        await swap_lessons(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            version=version,
            first=lesson_id,
            second=row_id(text(form, "other", limit=20) or "0"),
        )

    return await _lesson_edit(request, edit, N_("The two lessons were swapped."))


@routes.post(r"/timetables/{id:\d+}/lessons/{lesson:\d+}/lock")
async def lesson_lock(request: web.Request) -> web.Response:
    form = await request.post()
    locked = text(form, "locked", limit=1) == "1"

    async def edit(form: FormData, timetable_id: int, version: int, lesson_id: int) -> None:
        await set_locked(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            version=version,
            lesson_id=lesson_id,
            locked=locked,
        )

    done = N_("The lesson was locked.") if locked else N_("The lesson was unlocked.")
    return await _lesson_edit(request, edit, done)


@routes.post(r"/timetables/{id:\d+}/lessons/{lesson:\d+}/unplace")
async def lesson_unplace(request: web.Request) -> web.Response:
    async def edit(form: FormData, timetable_id: int, version: int, lesson_id: int) -> None:
        await unplace_lesson(
            deps_of(request),
            actor_of(request),
            timetable_id=timetable_id,
            version=version,
            lesson_id=lesson_id,
        )

    return await _lesson_edit(request, edit, N_("The lesson was taken out of the timetable."))
