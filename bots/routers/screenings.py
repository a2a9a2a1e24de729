"""Screening questionnaires in the main bot (issue 9).

The psychologist's assignment reaches the student through the outbox: "your school
psychologist asks you to fill in a short questionnaire" with one button (``scr:<id>``).
Each press shows the next unanswered item with its four options; each option's button
carries the assignment, the item and the value (``sca:<id>:<item>:<value>``), so an old
message's button is refused by the service ("already answered") and never counted twice,
and the same "Fill in" button takes a student back where they stopped, days later. The
end is only a thank-you with the helplines: never a score, a band or a word about what
the answers mean — those are for the psychologist. Nothing is kept in the FSM.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup

from bots.keyboards import button, one_per_row
from bots.routers.filters import Linked, Private
from bots.texts import Translator
from core.actor import Actor
from core.deps import Deps
from core.i18n import N_
from core.safety import HELPLINES
from core.services.screenings import ScreeningStep, answer_screening, open_screening

QUESTION_OF = N_("Question {number} of {total}")
THANK_YOU = N_(
    "Thank you for your answers. If you feel bad right now, you are not alone: talk to "
    "someone you trust, or call a helpline."
)
ALREADY_DONE = N_("You have already filled in this questionnaire. Thank you!")


class ScreeningStart(CallbackData, prefix="scr"):
    assignment: int


class ScreeningPress(CallbackData, prefix="sca"):
    assignment: int
    item: int
    value: int


def _item_message(step: ScreeningStep, _: Translator) -> tuple[str, InlineKeyboardMarkup]:
    item = step.item
    assert item is not None
    text = "\n\n".join(
        (
            _(QUESTION_OF, number=step.answered + 1, total=step.total),
            step.stem[_.language],
            item.text[_.language],
        )
    )
    keyboard = one_per_row(
        button(
            option.text[_.language],
            ScreeningPress(assignment=step.assignment_id, item=item.number, value=option.value),
        )
        for option in step.options
    )
    return text, keyboard


async def start(
    query: CallbackQuery, callback_data: ScreeningStart, deps: Deps, actor: Actor, _: Translator
) -> None:
    step = await open_screening(deps, actor, assignment_id=callback_data.assignment)
    await query.answer()
    if query.message is None:
        return
    if step.finished:
        await query.message.answer(_(ALREADY_DONE))
        return
    text, keyboard = _item_message(step, _)
    await query.message.answer(text, reply_markup=keyboard)


async def answered(
    query: CallbackQuery, callback_data: ScreeningPress, deps: Deps, actor: Actor, _: Translator
) -> None:
    step = await answer_screening(
        deps,
        actor,
        assignment_id=callback_data.assignment,
        item=callback_data.item,
        value=callback_data.value,
        language=_.language,
    )
    await query.answer()
    if query.message is None:
        return
    if step.finished:
        await query.message.answer(_(THANK_YOU) + "\n\n" + _(HELPLINES))
        return
    text, keyboard = _item_message(step, _)
    await query.message.answer(text, reply_markup=keyboard)


def router() -> Router:
    screenings = Router(name="screenings")
    screenings.callback_query.filter(Private())
    screenings.callback_query.register(start, ScreeningStart.filter(), Linked())
    screenings.callback_query.register(answered, ScreeningPress.filter(), Linked())
    return screenings
