"""The career bot's answers to typed questions (issue 9): the AI consultant when an
OpenAI-compatible model is configured, else the deterministic menus.

**Never for a concern.** Both use cases refuse a text in which ``core.safety`` finds a
concern before anything else happens (the bot's safety gate has answered it already; this
keeps the guarantee for any other caller): such a text never reaches a model.

**The AI consultant** (``consult``): one question, one conversation — the instructions, the
question and the tools of ``core.career.consultant``; at most ``MAX_ROUNDS`` model calls, each
streamed (chat completions, ``stream: true``) and gathered into the answer or the tool calls.
What is sent is pseudonymised: the student's context has no name, IIN or id, and the
student's own names, an IIN or a phone number typed into the question are replaced by
``[name]`` and ``[number]`` first. Any failure of the model — a timeout (the whole answer
within ``openai_timeout_seconds``), an error, an answer that is empty or not what the API
promises, words of the safety lists in it, tool calls past the last round — gives
``Consultation.answer`` ``None``: the adapter apologises and lets the menus answer. A bad
tool call is the model's to correct (``run_tool`` answers it with an error) within the
rounds. There is no memory between
questions: each message is a new conversation (nothing about the student is kept at the
provider's side by us, and no state in the bot).

**Without a model** (``answer_from_menus``): the question's topic (``core.career.topics``)
picks what the menus would show — the ENT routes of the occupations it names or of the
student's own suggestions, the student's result, or occupations found by title.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam, ChatCompletionToolUnionParam

from core.actor import Actor
from core.career.consultant import (
    TOOLS,
    CareerContext,
    SuggestedOccupation,
    UniversityFacts,
    instructions,
    run_tool,
    search_occupations,
)
from core.career.ent import Route, routes
from core.career.inventory import Scores
from core.career.matching import Occupation, recommend
from core.career.topics import Topic, topic_of
from core.deps import Deps
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.i18n import N_
from core.models.people import Person, Role
from core.safety import HELPLINES, concerns
from core.services.atlas import universities
from core.services.career import AIMS, latest_result

log = logging.getLogger(__name__)

MAX_ROUNDS = 4
"""Model calls for one question: tool rounds and the answer."""
MAX_ANSWER = 3500
"""Characters of an answer kept (a Telegram message holds 4096, the bot adds a line)."""
MAX_QUESTION = 1000
"""Characters of a question sent to the model."""
UNIVERSITY_AIM = 3
"""The aim whose suggestions the context and the ENT answers use: the ENT leads to
university."""

#: An IIN (12 digits) or another long number, or a phone number written with separators;
#: never a list of ENT scores ("15 8 8 30 30"), which the feasibility tool needs.
_NUMBER = re.compile(
    r"\d{9,}|(?:\+\d{1,3}|(?<!\d)8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"
)
_NOT_CONFIGURED = N_("The AI consultant is not switched on.")
_ONLY_STUDENTS = N_("The career consultant is for students.")


@dataclass(frozen=True)
class Consultation:
    """The consultant's answer; ``answer`` is ``None`` when the model failed."""

    answer: str | None


@dataclass(frozen=True)
class MenuAnswer:
    """What the menus say to a typed question (see the module doc)."""

    topic: Topic | None  # None with occupations: found by title; without: nothing known
    scores: Scores | None = None  # the student's latest result (RESULTS, ENT)
    occupations: tuple[tuple[Occupation, tuple[Route, ...]], ...] = field(default=())


def _student(actor: Actor) -> int:
    if actor.person_id is None or Role.STUDENT not in actor.roles:
        raise PermissionDenied(_ONLY_STUDENTS)
    return actor.person_id


def _refuse_concerns(text: str) -> None:
    if concerns(text):
        raise InvalidInput(HELPLINES, field="text")


async def career_context(deps: Deps, actor: Actor) -> CareerContext | None:
    """The student's career profile as the model may see it (no name, IIN or id), or
    ``None`` before their first finished inventory.

    Raises:
        PermissionDenied: the actor is not acting as a student.
    """
    result = await latest_result(deps, actor)
    if result is None or result.scores is None:
        return None
    scores = result.scores
    found = recommend(scores, job_zones=AIMS[UNIVERSITY_AIM][1], limit=5)
    return CareerContext(
        interest_code=scores.code if scores.clear else "",
        clear=scores.clear,
        levels={kind: round(level, 2) for kind, level in scores.levels.items()},
        suggestions=tuple(
            SuggestedOccupation(code=s.occupation.code, title=s.occupation.title, band=s.band)
            for s in found.suggestions
        ),
    )


async def _pseudonymised(person_id: int, text: str) -> str:
    person = await Person.get(id=person_id)
    names = {
        name
        for name in (person.first_name, person.last_name, person.middle_name, person.nickname)
        if len(name) >= 2
    }
    for name in sorted(names, key=len, reverse=True):
        # A name starts a word and may carry a suffix ("Айбекпін"): the stem goes.
        text = re.sub(rf"(?<!\w){re.escape(name)}", "[name]", text, flags=re.IGNORECASE)
    return _NUMBER.sub("[number]", text)[:MAX_QUESTION]


async def consult(deps: Deps, actor: Actor, *, question: str, language: str) -> Consultation:
    """Ask the AI consultant one question for the student; the answer in their language.

    Raises:
        PermissionDenied: the actor is not acting as a student.
        Conflict: no model is configured (``Settings.consultant_enabled``).
        InvalidInput: the question has a concern (``core.safety``): never sent; the message
            is the helplines.
    """
    person_id = _student(actor)
    _refuse_concerns(question)
    settings = deps.settings
    if not settings.consultant_enabled:
        raise Conflict(_NOT_CONFIGURED)
    context = await career_context(deps, actor)
    table = [
        UniversityFacts(
            name=university.localised(language),
            city=university.city,
            website=university.website,
            programme_groups=university.group_codes,
        )
        for university in await universities(deps, actor)
    ]
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": instructions(language)},
        {"role": "user", "content": await _pseudonymised(person_id, question)},
    ]
    key = settings.openai_api_key
    try:
        async with (
            AsyncOpenAI(
                # A local server may want no key, but the client insists on one.
                api_key=key.get_secret_value() if key else "not-needed",
                base_url=settings.openai_base_url or None,
                timeout=settings.openai_timeout_seconds,
                max_retries=0,  # the student is waiting: the menus are the retry
            ) as client,
            asyncio.timeout(settings.openai_timeout_seconds),
        ):
            for _round in range(MAX_ROUNDS):
                text, calls = await _one_round(client, settings.openai_model, messages)
                if not calls:
                    return Consultation(_checked(text))
                messages.append(
                    {"role": "assistant", "content": text or None, "tool_calls": calls}
                )
                for call in calls:
                    name = call["function"]["name"]
                    content, good = run_tool(
                        name,
                        call["function"]["arguments"],
                        context=context,
                        language=language,
                        universities=table,
                    )
                    if not good:  # the model is told; the operator sees a model misbehaving
                        log.info("the career consultant's model made a bad call of %r", name)
                    messages.append(
                        {"role": "tool", "tool_call_id": call["id"], "content": content}
                    )
    except Exception:
        # The model is a service outside us: whatever it did (timed out, failed, answered
        # something that is not the API), the student gets the apology and the menus.
        log.warning("the career consultant's model failed", exc_info=True)
        return Consultation(None)
    log.warning("the career consultant's model still called tools after %d rounds", MAX_ROUNDS)
    return Consultation(None)


def _checked(answer: str) -> str | None:
    """The model's answer as the student may read it, or ``None``: empty, or with words of
    the safety lists in it, which a career answer never needs (the instructions forbid
    them; this holds even if the model does not listen)."""
    answer = answer.strip()[:MAX_ANSWER]
    if answer and concerns(answer):
        log.warning("the career consultant's model wrote words of the safety lists")
        return None
    return answer or None


async def _one_round(
    client: AsyncOpenAI, model: str, messages: list[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    """One streamed model call: its text and its tool calls (gathered from the deltas)."""
    stream = await client.chat.completions.create(
        model=model,
        # Our messages and tools are the API's JSON as plain dicts, built and checked here.
        messages=cast("list[ChatCompletionMessageParam]", messages),
        tools=cast("list[ChatCompletionToolUnionParam]", list(TOOLS)),
        stream=True,
        temperature=0.3,
    )
    text: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    async for chunk in stream:
        for choice in chunk.choices:
            delta = choice.delta
            if delta.content:
                text.append(delta.content)
            for part in delta.tool_calls or ():
                call = calls.setdefault(
                    part.index,
                    {"id": "", "type": "function", "function": {"name": "", "arguments": ""}},
                )
                call["id"] = part.id or call["id"]
                if part.function is not None:
                    call["function"]["name"] += part.function.name or ""
                    call["function"]["arguments"] += part.function.arguments or ""
    return "".join(text), [calls[index] for index in sorted(calls)]


def _with_routes(found: Iterable[Occupation]) -> tuple[tuple[Occupation, tuple[Route, ...]], ...]:
    return tuple((occupation, routes(occupation.code)) for occupation in found)


async def answer_from_menus(deps: Deps, actor: Actor, *, question: str) -> MenuAnswer:
    """What the menus answer to a typed question, without any LLM (see the module doc).

    Raises:
        PermissionDenied: the actor is not acting as a student.
        InvalidInput: the question has a concern (``core.safety``); the message is the
            helplines.
    """
    _student(actor)
    _refuse_concerns(question)
    topic = topic_of(question)
    named = search_occupations(question, limit=3)
    if topic is None:
        return MenuAnswer(None, occupations=_with_routes(named))
    result = await latest_result(deps, actor)
    scores = None if result is None else result.scores
    if topic is Topic.RESULTS or named:
        return MenuAnswer(topic, scores=scores, occupations=_with_routes(named))
    if scores is None:
        return MenuAnswer(topic)
    found = recommend(scores, job_zones=AIMS[UNIVERSITY_AIM][1], limit=3)
    return MenuAnswer(
        topic, scores=scores, occupations=_with_routes(s.occupation for s in found.suggestions)
    )
