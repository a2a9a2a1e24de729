"""Surveys: the list, a draft's title, questions and audience, sending, closing, results."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import integers, text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import flash, render, render_error
from core.config import LANGUAGES
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.permissions import ROLE_LABELS, Permission
from core.question_kinds import TEXT_MAX
from core.services.people import Role
from core.services.surveys import (
    ANONYMOUS_MIN,
    AUDIENCE_ROLES,
    SURVEY_KIND_LABELS,
    SURVEY_STATUS_LABELS,
    TITLE_MAX,
    SurveyKind,
    SurveyQuestion,
    access_survey,
    add_survey_question,
    audience_groups,
    close_survey,
    create_survey,
    list_surveys,
    options_from_lines,
    remove_survey_question,
    send_survey,
    set_survey_audience,
    survey_results,
    update_survey,
)

routes = web.RouteTableDef()
LIST_TEMPLATE = "surveys/list.html"
EDIT_TEMPLATE = "surveys/edit.html"
FORM_ERRORS = (InvalidInput, Conflict)
QUESTION_FIELDS = (
    "kind",
    *(f"text_{language}" for language in LANGUAGES),
    *(f"options_{language}" for language in LANGUAGES),
)


def _id(request: web.Request) -> int:
    # The routes only match digits; core answers unknown ids.
    return int(request.match_info["id"])


def _common(request: web.Request) -> dict[str, Any]:
    return {
        "status_labels": SURVEY_STATUS_LABELS,
        "kind_labels": SURVEY_KIND_LABELS,
        "role_labels": ROLE_LABELS,
        "may_manage": Permission.SURVEYS_MANAGE in granted_of(request),
        "title_max": TITLE_MAX,
    }


async def _list_context(
    request: web.Request, values: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        **_common(request),
        "surveys": await list_surveys(actor_of(request)),
        "values": {"title": "", "anonymous": "1"} | (values or {}),
    }


@routes.get("/surveys")
async def surveys_page(request: web.Request) -> web.Response:
    return await render(request, LIST_TEMPLATE, await _list_context(request))


@routes.post("/surveys/new")
async def survey_create(request: web.Request) -> web.Response:
    form = await request.post()
    values = {
        "title": text(form, "title", limit=TITLE_MAX + 100),
        "anonymous": text(form, "anonymous"),
    }
    try:
        survey = await create_survey(
            deps_of(request),
            actor_of(request),
            title=values["title"],
            anonymous=values["anonymous"] == "1",
        )
    except FORM_ERRORS as error:
        return await render_error(
            request, LIST_TEMPLATE, await _list_context(request, values), error
        )
    await flash(request, N_("The survey is created. Add its questions and choose who gets it."))
    raise web.HTTPSeeOther(f"/surveys/{survey.id}")


async def _edit_context(
    request: web.Request, survey_id: int, values: dict[str, str] | None = None, *, form: str = ""
) -> dict[str, Any]:
    actor = actor_of(request)
    survey = await access_survey(actor, survey_id)
    may_manage = Permission.SURVEYS_MANAGE in granted_of(request)
    return {
        **_common(request),
        "survey": survey,
        "groups": await audience_groups(actor) if may_manage and survey.draft else [],
        "audience_roles": AUDIENCE_ROLES,
        "kinds": list(SurveyKind),
        "choice_kinds": [SurveyKind.SINGLE.value, SurveyKind.MULTIPLE.value],
        "languages": LANGUAGES,
        "values": dict.fromkeys(QUESTION_FIELDS, "") | (values or {}),
        "form": form,
        "text_max": TEXT_MAX,
    }


async def _edit_error(
    request: web.Request, error: Exception, values: dict[str, str] | None = None, *, form: str
) -> web.Response:
    assert isinstance(error, InvalidInput | Conflict | NotFound)
    context = await _edit_context(request, _id(request), values, form=form)
    return await render_error(request, EDIT_TEMPLATE, context, error)


@routes.get(r"/surveys/{id:\d+}")
async def survey_page(request: web.Request) -> web.Response:
    return await render(request, EDIT_TEMPLATE, await _edit_context(request, _id(request)))


@routes.post(r"/surveys/{id:\d+}/edit")
async def survey_update(request: web.Request) -> web.Response:
    form = await request.post()
    try:
        await update_survey(
            deps_of(request),
            actor_of(request),
            survey_id=_id(request),
            title=text(form, "title", limit=TITLE_MAX + 100),
            anonymous=text(form, "anonymous") == "1",
        )
    except FORM_ERRORS as error:
        return await _edit_error(request, error, form="survey")
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/surveys/{_id(request)}")


def _question(values: dict[str, str]) -> SurveyQuestion:
    """The typed question: text per language, options one per line per language.

    Raises:
        InvalidInput: no kind chosen, or the languages list different numbers of options.
    """
    try:
        kind = SurveyKind(values["kind"])
    except ValueError:
        raise InvalidInput(N_("Choose the kind of question."), field="kind") from None
    options = options_from_lines(
        {language: values[f"options_{language}"] for language in LANGUAGES}
    )
    question_text: dict[str, str] = {
        language: values[f"text_{language}"] for language in LANGUAGES
    }
    return SurveyQuestion(kind, question_text, options)


@routes.post(r"/surveys/{id:\d+}/questions")
async def question_add(request: web.Request) -> web.Response:
    form = await request.post()
    values = {name: text(form, name, limit=TEXT_MAX + 100) for name in QUESTION_FIELDS}
    try:
        await add_survey_question(
            deps_of(request), actor_of(request), survey_id=_id(request), question=_question(values)
        )
    except FORM_ERRORS as error:
        return await _edit_error(request, error, values, form="question")
    await flash(request, N_("The question is added."))
    raise web.HTTPSeeOther(f"/surveys/{_id(request)}#questions")


@routes.post(r"/surveys/{id:\d+}/questions/{number:\d+}/remove")
async def question_remove(request: web.Request) -> web.Response:
    number = int(request.match_info["number"][:6])
    try:
        await remove_survey_question(
            deps_of(request), actor_of(request), survey_id=_id(request), number=number
        )
    except FORM_ERRORS as error:
        return await _edit_error(request, error, form="question")
    await flash(request, N_("The question is removed."))
    raise web.HTTPSeeOther(f"/surveys/{_id(request)}#questions")


@routes.post(r"/surveys/{id:\d+}/audience")
async def audience_save(request: web.Request) -> web.Response:
    form = await request.post()
    chosen = {raw for raw in form.getall("roles", []) if isinstance(raw, str)}
    roles = [role for role in Role if role.value in chosen]
    try:
        await set_survey_audience(
            deps_of(request),
            actor_of(request),
            survey_id=_id(request),
            roles=roles,
            group_ids=integers(form, "groups"),
        )
    except FORM_ERRORS as error:
        return await _edit_error(request, error, form="audience")
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/surveys/{_id(request)}#audience")


@routes.post(r"/surveys/{id:\d+}/send")
async def survey_send(request: web.Request) -> web.Response:
    try:
        report = await send_survey(deps_of(request), actor_of(request), survey_id=_id(request))
    except FORM_ERRORS as error:
        return await _edit_error(request, error, form="send")
    await flash(
        request,
        N_("The survey is sent to {people} people; {telegram} of them got it in Telegram."),
        people=report.recipients,
        telegram=report.in_telegram,
    )
    raise web.HTTPSeeOther(f"/surveys/{_id(request)}/results")


@routes.post(r"/surveys/{id:\d+}/close")
async def survey_close(request: web.Request) -> web.Response:
    try:
        await close_survey(deps_of(request), actor_of(request), survey_id=_id(request))
    except FORM_ERRORS as error:
        return await _edit_error(request, error, form="send")
    await flash(request, N_("The survey is closed: no more answers are taken."))
    raise web.HTTPSeeOther(f"/surveys/{_id(request)}/results")


@routes.get(r"/surveys/{id:\d+}/results")
async def results_page(request: web.Request) -> web.Response:
    results = await survey_results(
        actor_of(request), survey_id=_id(request), language=language_of(request)
    )
    return await render(
        request,
        "surveys/results.html",
        {**_common(request), "results": results, "anonymous_min": ANONYMOUS_MIN},
    )
