""" "My tests": a student takes their tests in the panel, one question per page.

Forms work without JavaScript: radio buttons (single choice, true/false), checkboxes
(multiple choice), text inputs (short, numeric, one per blank), a select per left item
(matching) and a number per item (ordering). Each page carries the question's position in a
hidden field: the service refuses an answer to a question the attempt has left (a page
opened in another tab, the browser's back button), and the student is shown the question
they are on with the reason. "Next" and "Back" without an answer only move; "Finish" goes to
the finish screen (how many are answered), which finishes on confirmation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web
from babel.numbers import format_decimal

from admin_web.forms import FormData, integer, integers, row_id, text
from admin_web.keys import actor_of, deps_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.question_kinds import (
    ANSWER_MAX,
    FALSE,
    FULL,
    MAX_OPTIONS,
    TRUE,
    answer_words,
    body_words,
    localised,
    split_blanks,
)
from core.services.testing import (
    AttemptState,
    QuestionKind,
    ShownQuestion,
    answer_question,
    attempt_result,
    attempt_review,
    current_question,
    finish_attempt,
    go_to_question,
    my_tests,
    question_image,
    start_attempt,
)

routes = web.RouteTableDef()

LIST_TEMPLATE = "my_tests/list.html"
QUESTION_TEMPLATE = "my_tests/question.html"
RESULT_TEMPLATE = "my_tests/result.html"
STALE_PAGE = N_("This page was out of date; here is the question you are on.")
KIND_HINTS: dict[QuestionKind, str] = {
    QuestionKind.SINGLE: N_("Choose one answer."),
    QuestionKind.MULTIPLE: N_("Choose every right answer."),
    QuestionKind.TRUE_FALSE: N_("True or false?"),
    QuestionKind.SHORT: N_("Type your answer."),
    QuestionKind.NUMERIC: N_("Type a number."),
    QuestionKind.MATCHING: N_("Choose the pair of each item."),
    QuestionKind.ORDERING: N_("Number the items in the right order, starting from 1."),
    QuestionKind.FILL_BLANK: N_("Fill in the blanks."),
}
NEXT, BACK, FINISH = "next", "back", "finish"
#: Digits of a question's place in an address (the service checks the range itself).
POSITION_DIGITS = 9


def _id(request: web.Request) -> int:
    return row_id(request.match_info["id"])


def _position(request: web.Request) -> int:
    """A question's 0-based place from the address.

    Raises:
        NotFound: a number no question can have (a forged address).
    """
    raw = request.match_info["position"]
    # The route matches only digits; a number this long is no question's place, and
    # ``int`` of thousands of digits would fail rather than say "not found".
    if len(raw) > POSITION_DIGITS:
        raise NotFound()
    return int(raw)


def _attempt_url(attempt_id: int) -> str:
    return f"/my/tests/attempts/{attempt_id}"


def _minutes_left(deadline_at: datetime | None, now: datetime) -> int | None:
    if deadline_at is None:
        return None
    return max(0, int((deadline_at - now).total_seconds() // 60))


# --- the list ------------------------------------------------------------------------------


@routes.get("/my/tests")
async def tests_page(request: web.Request) -> web.Response:
    deps = deps_of(request)
    items = await my_tests(actor_of(request), now=deps.clock.now())
    return await render(request, LIST_TEMPLATE, {"items": items, "now": deps.clock.now()})


@routes.post(r"/my/tests/{id:\d+}/start")
async def test_start(request: web.Request) -> web.Response:
    try:
        state = await start_attempt(deps_of(request), actor_of(request), test_id=_id(request))
    except Conflict as error:
        await flash(request, error.message, **error.params)
        raise web.HTTPSeeOther("/my/tests") from None
    raise web.HTTPSeeOther(_attempt_url(state.attempt_id))


# --- a question ----------------------------------------------------------------------------


def _prefill(question: ShownQuestion) -> dict[str, Any]:
    """What the page shows as given: the saved answer, in the form's terms."""
    answer = question.answer or {}
    order = answer.get("order") or []
    return {
        "choice": answer.get("choice"),
        "choices": set(answer.get("choices") or []),
        "value": answer.get("value"),
        "text": answer.get("text", ""),
        "texts": list(answer.get("texts") or [""] * question.blanks),
        "pairs": list(answer.get("pairs") or [None] * len(question.lefts)),
        "numbers": {item: number for number, item in enumerate(order, start=1)},
    }


def _loc(request: web.Request) -> Any:
    language = language_of(request)
    return lambda value: localised(value, language)


async def _question_page(
    request: web.Request,
    state: AttemptState,
    *,
    error: InvalidInput | None = None,
    typed: str | None = None,
) -> web.Response:
    """The page of where an attempt stands: its question or the finish screen (a finished
    attempt's page is its result)."""
    if state.result is not None:
        return await _result_page(request, state.attempt_id)
    question = state.question
    context: dict[str, Any] = {
        "state": state,
        "question": question,
        "minutes_left": _minutes_left(state.deadline_at, deps_of(request).clock.now()),
        "loc": _loc(request),
        "hints": KIND_HINTS,
        "true_false": ((True, TRUE), (False, FALSE)),
        "blank_parts": [],
        "prefill": {},
        "answer_max": ANSWER_MAX,
    }
    if question is not None:
        prefill = _prefill(question)
        if typed is not None:
            prefill["text"] = typed
        context["prefill"] = prefill
        if question.kind is QuestionKind.FILL_BLANK:
            context["blank_parts"] = split_blanks(localised(question.text, language_of(request)))
    if error is not None:
        return await render_error(request, QUESTION_TEMPLATE, context, error)
    return await render(request, QUESTION_TEMPLATE, context)


@routes.get(r"/my/tests/attempts/{id:\d+}")
async def attempt_page(request: web.Request) -> web.Response:
    state = await current_question(deps_of(request), actor_of(request), attempt_id=_id(request))
    return await _question_page(request, state)


def _optional_index(raw: str, size: int) -> int | None:
    raw = raw.strip()
    return int(raw) if raw.isdecimal() and int(raw) < size else None


def _ordering(form: FormData, size: int) -> dict[str, Any] | None:
    numbers = [text(form, f"order-{index}", limit=10).strip() for index in range(size)]
    if not any(numbers):
        return None
    wanted = [str(number) for number in range(1, size + 1)]
    if sorted(numbers, key=lambda n: n.zfill(10)) != wanted:
        raise InvalidInput(
            N_("Number the items from 1 to {count}, each number once."),
            field="order",
            count=size,
        )
    return {"order": sorted(range(size), key=lambda index: int(numbers[index]))}


def _answer_of(form: FormData) -> dict[str, Any] | None:
    """The answer the page's form gives, None when nothing was given.

    Raises:
        InvalidInput: the ordering's numbers are not 1 to N, each once.
    """
    try:
        kind = QuestionKind(text(form, "kind", limit=20))
    except ValueError:
        return None
    size = min(max(integer(form, "size", default=0), 0), MAX_OPTIONS)
    if kind is QuestionKind.SINGLE:
        choice = _optional_index(text(form, "choice", limit=10), MAX_OPTIONS)
        return None if choice is None else {"choice": choice}
    if kind is QuestionKind.MULTIPLE:
        choices = list(integers(form, "choices"))
        had = text(form, "had_answer", limit=1) == "1"
        return {"choices": choices} if choices or had else None
    if kind is QuestionKind.TRUE_FALSE:
        value = text(form, "value", limit=10)
        return {"value": value == "true"} if value in ("true", "false") else None
    if kind in (QuestionKind.SHORT, QuestionKind.NUMERIC):
        typed = text(form, "text", limit=ANSWER_MAX * 2).strip()
        return {"text": typed} if typed else None
    if kind is QuestionKind.FILL_BLANK:
        texts = [text(form, f"blank-{index}", limit=ANSWER_MAX * 2) for index in range(size)]
        return {"texts": texts} if any(t.strip() for t in texts) else None
    if kind is QuestionKind.MATCHING:
        pairs = [_optional_index(text(form, f"pair-{k}", limit=10), size) for k in range(size)]
        return {"pairs": pairs} if any(pair is not None for pair in pairs) else None
    return _ordering(form, size)


async def _move(request: web.Request, attempt_id: int, position: int, to: int) -> None:
    """Move without answering, after checking the page was the attempt's current one.

    Raises:
        Conflict: the page is out of date. InvalidInput: no such question.
    """
    deps, actor = deps_of(request), actor_of(request)
    now = await current_question(deps, actor, attempt_id=attempt_id)
    if now.result is not None:
        return
    if now.position != position:
        raise Conflict(STALE_PAGE)
    await go_to_question(deps, actor, attempt_id=attempt_id, position=to)


async def _act(request: web.Request, attempt_id: int, form: FormData) -> None:
    """Save the page's answer (if any) and go where the pressed button says.

    Raises:
        Conflict: the page is out of date, or the attempt is finished.
        InvalidInput: the answer does not fit.
    """
    deps, actor = deps_of(request), actor_of(request)
    action = text(form, "action", limit=10)
    position = integer(form, "position", default=-1)
    total = integer(form, "total", default=0)
    target = {NEXT: position + 1, BACK: position - 1, FINISH: total}.get(action, position)
    target = max(0, min(target, total))
    answer = _answer_of(form)
    if answer is None:
        await _move(request, attempt_id, position, target)
        return
    state = await answer_question(
        deps,
        actor,
        attempt_id=attempt_id,
        position=position,
        answer=answer,
        advance=action == NEXT,
    )
    if state.result is None and state.position != target:
        await go_to_question(deps, actor, attempt_id=attempt_id, position=target)


@routes.post(r"/my/tests/attempts/{id:\d+}")
async def attempt_answer(request: web.Request) -> web.Response:
    attempt_id = _id(request)
    form = await request.post()
    try:
        await _act(request, attempt_id, form)
    except Conflict as error:
        await flash(request, error.message, **error.params)
    except InvalidInput as error:
        state = await current_question(deps_of(request), actor_of(request), attempt_id=attempt_id)
        typed = text(form, "text", limit=ANSWER_MAX * 2)
        return await _question_page(request, state, error=error, typed=typed)
    raise web.HTTPSeeOther(_attempt_url(attempt_id))


@routes.post(r"/my/tests/attempts/{id:\d+}/finish")
async def attempt_finish(request: web.Request) -> web.Response:
    await finish_attempt(deps_of(request), actor_of(request), attempt_id=_id(request))
    raise web.HTTPSeeOther(_attempt_url(_id(request)))


@routes.get(r"/my/tests/attempts/{id:\d+}/images/{position:\d+}")
async def attempt_image(request: web.Request) -> web.StreamResponse:
    image = await question_image(
        deps_of(request),
        actor_of(request),
        attempt_id=_id(request),
        position=_position(request),
    )
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


# --- the result and the review -------------------------------------------------------------


def _points(thousandths: int, language: str) -> str:
    """Thousandths of a point as points (``2,5`` in ru)."""
    locale = {"kk": "kk_KZ", "ru": "ru_RU"}.get(language, "en")
    return str(format_decimal(thousandths / FULL, format="0.###", locale=locale))


async def _result_page(
    request: web.Request, attempt_id: int, *, review: bool = False
) -> web.Response:
    actor = actor_of(request)
    result = await attempt_result(actor, attempt_id=attempt_id)
    mistakes: list[dict[str, Any]] = []
    if review:
        language = language_of(request)

        for item in await attempt_review(actor, attempt_id=attempt_id):
            if item.score >= item.points * FULL:
                continue
            texts, lefts = body_words(item.kind, item.snapshot.get("body", {}), language)
            mistakes.append(
                {
                    "number": item.position + 1,
                    "text": localised(item.text, language),
                    "given": answer_words(
                        item.kind, item.answer, texts=texts, lefts=lefts, language=language
                    ),
                    "right": answer_words(
                        item.kind, item.correct_answer, texts=texts, lefts=lefts, language=language
                    ),
                    "earned": _points(item.score, language),
                    "points": item.points,
                }
            )
    context = {
        "result": result,
        "points": lambda thousandths: _points(thousandths, language_of(request)),
        "review": review,
        "mistakes": mistakes,
    }
    return await render(request, RESULT_TEMPLATE, context)


@routes.get(r"/my/tests/attempts/{id:\d+}/review")
async def attempt_review_page(request: web.Request) -> web.Response:
    return await _result_page(request, _id(request), review=True)
