"""The question bank: the list with filters, the question form (every kind, kk/ru/en, a
picture), archiving, import (Excel, Aiken, GIFT), export and the Excel template."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from admin_web.forms import FormData, integer, optional_id, query_int, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import download, flash, render, render_error
from core.config import LANGUAGES
from core.errors import ImportRejected, InvalidInput, SabaqError
from core.i18n import N_
from core.question_kinds import MAX_OPTIONS, localised
from core.services.question_formats import (
    FORMAT_LABELS,
    MAX_FILE_BYTES,
    MAX_QUESTIONS,
    XLSX_CONTENT_TYPE,
    QuestionFormat,
    build_question_template,
    export_questions,
    export_summary,
    import_questions,
)
from core.services.questions import (
    KIND_LABELS,
    PAGE_SIZE,
    TOPIC_MAX,
    ImageUpload,
    QuestionData,
    QuestionFilter,
    QuestionKind,
    QuestionView,
    access_question,
    archive_question,
    bank_courses,
    create_question,
    list_questions,
    list_topics,
    question_filter,
    question_image,
    restore_question,
    update_question,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "questions/list.html"
FORM_TEMPLATE = "questions/form.html"
IMPORT_TEMPLATE = "questions/import.html"
EXPORT_TEMPLATE = "questions/export.html"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
#: Empty option and pair rows the form shows below the filled ones (at least four in all).
SPARE_ROWS = 2
MIN_ROWS = 4


def _id(request: web.Request) -> int:
    # The routes only match digits.
    return int(request.match_info["id"])


def _filters(query: Any) -> QuestionFilter:
    return question_filter(
        course=query.get("course", ""),
        topic=query.get("topic", ""),
        kind=query.get("kind", ""),
        query=query.get("q", ""),
        archived=query.get("archived", "") == "1",
    )


def _filter_query(filters: QuestionFilter) -> str:
    pairs = {
        "course": filters.course_id or "",
        "topic": filters.topic,
        "kind": filters.kind.value if filters.kind else "",
        "q": filters.query,
        "archived": "1" if filters.archived else "",
    }
    return urlencode({key: value for key, value in pairs.items() if value})


async def _choices(request: web.Request) -> dict[str, Any]:
    actor = actor_of(request)
    return {
        "courses": await bank_courses(actor),
        "topics": await list_topics(actor),
        "kinds": list(QuestionKind),
        "kind_labels": KIND_LABELS,
        "languages": LANGUAGES,
        "language_names": LANGUAGE_NAMES,
        "localised": localised,
    }


# --- the list ----------------------------------------------------------------------------------


@routes.get("/questions")
async def question_list(request: web.Request) -> web.Response:
    filters = _filters(request.query)
    page = await list_questions(
        actor_of(request),
        filters=filters,
        page=query_int(request.query.get("page"), 1),
        page_size=PAGE_SIZE,
    )
    return await render(
        request,
        LIST_TEMPLATE,
        {"page": page, "filters": filters, "filter_query": _filter_query(filters)}
        | await _choices(request),
    )


# --- the form --------------------------------------------------------------------------------


def _loc(form: FormData, prefix: str) -> dict[str, str]:
    return {code: text(form, f"{prefix}_{code}", limit=2100) for code in LANGUAGES}


def _filled(loc: dict[str, str]) -> bool:
    return any(value.strip() for value in loc.values())


def _rows(filled: int) -> int:
    return min(MAX_OPTIONS, max(MIN_ROWS, filled + SPARE_ROWS))


def _blank_loc() -> dict[str, str]:
    return dict.fromkeys(LANGUAGES, "")


def _padded(items: list[Any], blank: Any) -> list[Any]:
    return items + [blank() for _ in range(_rows(len(items)) - len(items))]


def _posted_values(form: FormData) -> dict[str, Any]:
    """What was typed, as the form shows it again."""
    correct = {value for value in form.getall("correct", []) if isinstance(value, str)}
    options: list[dict[str, Any]] = [
        {"text": _loc(form, f"option_{i}"), "correct": str(i) in correct}
        for i in range(MAX_OPTIONS)
    ]
    pairs = [
        {"left": _loc(form, f"pair_{i}_left"), "right": _loc(form, f"pair_{i}_right")}
        for i in range(MAX_OPTIONS)
    ]
    options = [option for option in options if _filled(option["text"])]
    pairs = [pair for pair in pairs if _filled(pair["left"]) or _filled(pair["right"])]
    return {
        "kind": text(form, "kind", limit=20),
        "topic": text(form, "topic", limit=TOPIC_MAX + 50),
        "course": text(form, "course", limit=20),
        "points": text(form, "points", limit=20) or "1",
        "text": _loc(form, "text"),
        "options": _padded(options, lambda: {"text": _blank_loc(), "correct": False}),
        "pairs": _padded(pairs, lambda: {"left": _blank_loc(), "right": _blank_loc()}),
        "accepted": text(form, "accepted", limit=8000),
        "blanks": text(form, "blanks", limit=8000),
        "value": text(form, "value", limit=40),
        "tolerance": text(form, "tolerance", limit=40),
        "answer": text(form, "answer", limit=10),
    }


def _question_values(question: QuestionView | None) -> dict[str, Any]:
    """A question (or a new one) as the form shows it."""
    if question is None:
        return _empty_values()
    body, kind = question.body, question.kind
    values = _empty_values() | {
        "kind": kind.value,
        "topic": question.topic,
        "course": str(question.course_id or ""),
        "points": str(question.points),
        "text": _blank_loc() | question.text,
    }
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options = [
            {"text": _blank_loc() | option["text"], "correct": option["correct"]}
            for option in body["options"]
        ]
        values["options"] = _padded(options, lambda: {"text": _blank_loc(), "correct": False})
    elif kind is QuestionKind.ORDERING:
        items = [{"text": _blank_loc() | item, "correct": False} for item in body["items"]]
        values["options"] = _padded(items, lambda: {"text": _blank_loc(), "correct": False})
    elif kind is QuestionKind.MATCHING:
        pairs = [
            {"left": _blank_loc() | pair["left"], "right": _blank_loc() | pair["right"]}
            for pair in body["pairs"]
        ]
        values["pairs"] = _padded(pairs, lambda: {"left": _blank_loc(), "right": _blank_loc()})
    elif kind is QuestionKind.SHORT:
        values["accepted"] = "\n".join(body["accepted"])
    elif kind is QuestionKind.FILL_BLANK:
        values["blanks"] = "\n".join(" | ".join(accepted) for accepted in body["blanks"])
    elif kind is QuestionKind.NUMERIC:
        values["value"], values["tolerance"] = body["value"], body["tolerance"]
    else:
        values["answer"] = "true" if body["answer"] else "false"
    return values


def _empty_values() -> dict[str, Any]:
    return {
        "kind": QuestionKind.SINGLE.value,
        "topic": "",
        "course": "",
        "points": "1",
        "text": _blank_loc(),
        "options": _padded([], lambda: {"text": _blank_loc(), "correct": False}),
        "pairs": _padded([], lambda: {"left": _blank_loc(), "right": _blank_loc()}),
        "accepted": "",
        "blanks": "",
        "value": "",
        "tolerance": "",
        "answer": "",
    }


def _lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _data(form: FormData) -> QuestionData:
    """The question the form describes (core checks it).

    Raises:
        InvalidInput: no kind chosen, points not a whole number.
    """
    try:
        kind = QuestionKind(text(form, "kind", limit=20))
    except ValueError:
        raise InvalidInput(N_("Choose the kind of question."), field="kind") from None
    values = _posted_values(form)
    options = [option for option in values["options"] if _filled(option["text"])]
    body: dict[str, Any]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        body = {"options": options}
    elif kind is QuestionKind.ORDERING:
        body = {"items": [option["text"] for option in options]}
    elif kind is QuestionKind.MATCHING:
        body = {"pairs": [p for p in values["pairs"] if _filled(p["left"]) or _filled(p["right"])]}
    elif kind is QuestionKind.SHORT:
        body = {"accepted": _lines(values["accepted"])}
    elif kind is QuestionKind.FILL_BLANK:
        body = {
            "blanks": [
                [part.strip() for part in line.split("|") if part.strip()]
                for line in _lines(values["blanks"])
            ]
        }
    elif kind is QuestionKind.NUMERIC:
        body = {"value": values["value"], "tolerance": values["tolerance"]}
    else:
        answer = values["answer"]
        body = {"answer": answer == "true"} if answer in {"true", "false"} else {}
    return QuestionData(
        kind=kind,
        text=values["text"],
        body=body,
        points=integer(form, "points", default=1),
        course_id=optional_id(values["course"]),
        topic=values["topic"],
    )


def _image(form: FormData, max_bytes: int) -> ImageUpload | None:
    upload = form.get("image")
    if not isinstance(upload, web.FileField) or not upload.filename:
        return None
    # Core refuses an oversized picture; reading one byte past the limit is enough to know.
    return ImageUpload(upload.filename, upload.file.read(max_bytes + 1))


async def _form_page(
    request: web.Request,
    question: QuestionView | None,
    values: dict[str, Any],
    error: SabaqError | None = None,
) -> web.Response:
    context = {
        "question": question,
        "values": values,
        "limit_mb": max(1, deps_of(request).settings.max_upload_bytes // (1024 * 1024)),
    } | await _choices(request)
    if error is None:
        return await render(request, FORM_TEMPLATE, context)
    return await render_error(request, FORM_TEMPLATE, context, error)


@routes.get("/questions/new")
async def question_new(request: web.Request) -> web.Response:
    values = _question_values(None)
    values["course"] = request.query.get("course", "")[:20]
    values["topic"] = request.query.get("topic", "")[:TOPIC_MAX]
    return await _form_page(request, None, values)


@routes.post("/questions/new")
async def question_create(request: web.Request) -> web.Response:
    deps = deps_of(request)
    form = await request.post()
    try:
        created = await create_question(
            deps,
            actor_of(request),
            data=_data(form),
            image=_image(form, deps.settings.max_upload_bytes),
        )
    except InvalidInput as error:
        return await _form_page(request, None, _posted_values(form), error)
    await flash(request, N_("The question is saved."))
    raise web.HTTPSeeOther(f"/questions/{created.id}")


@routes.get(r"/questions/{id:\d+}")
async def question_page(request: web.Request) -> web.Response:
    question = await access_question(actor_of(request), _id(request))
    return await _form_page(request, question, _question_values(question))


@routes.post(r"/questions/{id:\d+}")
async def question_save(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    question = await access_question(actor, _id(request))
    form = await request.post()
    try:
        await update_question(
            deps,
            actor,
            question_id=question.id,
            data=_data(form),
            image=_image(form, deps.settings.max_upload_bytes),
            remove_image=text(form, "remove_image", limit=5) == "1",
        )
    except InvalidInput as error:
        return await _form_page(request, question, _posted_values(form), error)
    await flash(request, N_("The question is saved."))
    raise web.HTTPSeeOther(f"/questions/{question.id}")


@routes.post(r"/questions/{id:\d+}/archive")
async def question_archive(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    question = await archive_question(deps, actor, question_id=_id(request))
    await flash(request, N_("The question is archived: new tests no longer offer it."))
    raise web.HTTPSeeOther(f"/questions/{question.id}")


@routes.post(r"/questions/{id:\d+}/restore")
async def question_restore(request: web.Request) -> web.Response:
    deps, actor = deps_of(request), actor_of(request)
    question = await restore_question(deps, actor, question_id=_id(request))
    await flash(request, N_("The question is back in the bank."))
    raise web.HTTPSeeOther(f"/questions/{question.id}")


@routes.get(r"/questions/{id:\d+}/image")
async def question_picture(request: web.Request) -> web.StreamResponse:
    image = await question_image(deps_of(request), actor_of(request), question_id=_id(request))
    if image is None:
        raise web.HTTPNotFound()
    return web.FileResponse(
        image.path,
        headers={
            "Content-Type": image.content_type,
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
        },
    )


# --- import, export, template ------------------------------------------------------------------


async def _import_context(request: web.Request, values: dict[str, str]) -> dict[str, Any]:
    return {
        "values": values,
        "formats": list(QuestionFormat),
        "format_labels": FORMAT_LABELS,
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "max_questions": MAX_QUESTIONS,
        "problems": [],
    } | await _choices(request)


@routes.get("/questions/import")
async def import_page(request: web.Request) -> web.Response:
    values = {"format": "gift", "language": language_of(request), "course": "", "topic": ""}
    return await render(request, IMPORT_TEMPLATE, await _import_context(request, values))


@routes.post("/questions/import")
async def import_upload(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=TOPIC_MAX + 50) for name in ("format", "language")}
    values |= {name: text(form, name, limit=TOPIC_MAX + 50) for name in ("course", "topic")}
    context = await _import_context(request, values)
    upload = form.get("file")
    try:
        try:
            chosen = QuestionFormat(values["format"])
        except ValueError:
            raise InvalidInput(N_("Choose the format of the file."), field="format") from None
        if not isinstance(upload, web.FileField) or not upload.filename:
            raise InvalidInput(N_("Choose the file with the questions."), field="file")
        result = await import_questions(
            deps_of(request),
            actor_of(request),
            data=upload.file.read(MAX_FILE_BYTES + 1),
            filename=upload.filename,
            format=chosen,
            language=values["language"],
            course_id=optional_id(values["course"]),
            topic=values["topic"],
        )
    except ImportRejected as error:
        language = language_of(request)
        context["problems"] = [(p.row, p.translated(language)) for p in error.problems]
        return await render_error(request, IMPORT_TEMPLATE, context, error)
    except InvalidInput as error:
        return await render_error(request, IMPORT_TEMPLATE, context, error)
    await flash(request, N_("Imported {count} questions."), count=result.created)
    raise web.HTTPSeeOther("/questions")


@routes.get("/questions/template.xlsx")
async def template_download(request: web.Request) -> web.Response:
    data = build_question_template(language_of(request))
    return download(data, content_type=XLSX_CONTENT_TYPE, filename="sabaq-questions.xlsx")


@routes.get("/questions/export")
async def export(request: web.Request) -> web.Response:
    actor, filters = actor_of(request), _filters(request.query)
    language = request.query.get("language", "")
    language = language if language in LANGUAGES else language_of(request)
    try:
        chosen = QuestionFormat(request.query.get("format", ""))
    except ValueError:
        context = {
            "counts": await export_summary(actor, filters=filters),
            "format_labels": FORMAT_LABELS,
            "filters": filters,
            "filter_query": _filter_query(filters),
            "chosen_language": language,
        } | await _choices(request)
        return await render(request, EXPORT_TEMPLATE, context)
    exported = await export_questions(actor, filters=filters, format=chosen, language=language)
    response = download(
        exported.data, content_type=exported.content_type, filename=exported.filename
    )
    if chosen is not QuestionFormat.XLSX:
        response.charset = "utf-8"
    response.headers["X-Questions-Exported"] = str(exported.exported)
    response.headers["X-Questions-Skipped"] = str(exported.skipped)
    return response
