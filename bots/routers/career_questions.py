"""The career bot's answers to a typed question (issue 9), after the safety gate.

With a model configured (``Settings.consultant_enabled``) the AI consultant answers, under a
line that says an AI wrote it. Without one, the menus answer the same question
(``answer_from_menus``): ENT routes of occupations, the student's result, or nothing known
(the caller shows the hint and the menu). If the model fails, an apology comes first and
the ENT routes the menus know follow it; otherwise the apology points to the buttons.

The consultant's answer is sent as one message when it is complete, not edited in as the
stream arrives: most of a turn is tool calls that show nothing, Telegram limits how often a
message may be edited, and a half-written answer must not stay on screen if the model fails
midway (the apology replaces it).
"""

from __future__ import annotations

from aiogram.enums import ChatAction
from aiogram.types import Message

from bots.texts import (
    AI_ANSWER_NOTE,
    CONSULTANT_FAILED,
    ENT_ROUTE,
    ENT_ROUTES_HEADER,
    NO_ENT_ROUTE,
    NO_RESULTS_YET,
    Translator,
)
from core.actor import Actor
from core.career.inventory import Scores
from core.deps import Deps
from core.services.career_consultant import MenuAnswer, answer_from_menus, consult


def _routes_text(answer: MenuAnswer, _: Translator) -> str:
    lines = [_(ENT_ROUTES_HEADER)]
    for occupation, routes in answer.occupations:
        lines.append(f"\n{occupation.title}")
        lines += [
            "• "
            + _(
                ENT_ROUTE,
                subjects=" + ".join(s.localised(_.language) for s in route.pair.subjects),
                groups=", ".join(route.pair.group_codes),
                threshold=route.threshold,
            )
            for route in routes
        ] or ["• " + _(NO_ENT_ROUTE)]
    return "\n".join(lines)


async def reply_to(
    message: Message, deps: Deps, actor: Actor, _: Translator
) -> str | Scores | None:
    """The reply to a typed question: a text, the student's result (the caller shows it with
    its buttons), or ``None`` when only the menu can help."""
    question = (message.text or "").strip()
    if not question:
        return None
    apology = None
    if deps.settings.consultant_enabled:
        if message.bot is not None:
            await message.bot.send_chat_action(message.chat.id, ChatAction.TYPING)
        consultation = await consult(deps, actor, question=question, language=_.language)
        if consultation.answer is not None:
            return f"{consultation.answer}\n\n🤖 {_(AI_ANSWER_NOTE)}"
        # A model that failed (or has no tool support) leaves the question to the menus.
        apology = _(CONSULTANT_FAILED)
    answer = await answer_from_menus(deps, actor, question=question)
    if answer.occupations:
        routes = _routes_text(answer, _)
        return routes if apology is None else f"{apology}\n\n{routes}"
    if apology is not None or answer.topic is None:
        return apology
    return _(NO_RESULTS_YET) if answer.scores is None else answer.scores
