"""Lesson ratings and surveys in the main bot.

- **Rating a lesson**: the question the scheduler queued after a held lesson carries buttons
  1–5 (``fb:<lesson>:<n>``). A tap records the lesson's rating and turns the message into
  "And the teacher?" with 1–5 (``fbt:…``); that tap records the teacher's rating and offers
  a comment, typed as a message, or "Skip". Every tap is saved at once, so leaving half-way
  loses nothing; tapping again changes the rating. A tap on a request that expired, on a
  lesson the user did not attend, or where ratings are off turns the message into the reason.
- **A survey**: its message has "Answer the survey" (``survey:<id>``). The bot says whether
  it is anonymous, then asks question by question — options as buttons (a multiple choice
  toggles them, then "Next"), Yes/No, 1–5, or a typed text or number — and sends all the
  answers at the end. Answers so far live in the FSM data (never in the database) until
  then.
- **Typed text is taken only when it is meant for the prompt**: a comment or a typed survey
  answer is a reply to the prompt, or a message that replies to nothing within
  ``ANSWER_WINDOW`` of the prompt (its time is kept in the FSM data and compared with
  ``deps.clock``). A reply to anything else — a bridged chat message above all — goes on to
  the routers after this one, and so does text after the window, which also ends the flow;
  so does a command or a menu button that reaches this router. Otherwise a prompt nobody
  answered would swallow "привет" or a chat reply days later. Ending a survey half-way says
  so, since its answers so far are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import BaseFilter, StateFilter, or_f
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.keyboards import AnyMenuButton, button
from bots.prompts import chat_of, close_prompt, leave_flow, pressed_id, replace_pressed
from bots.routers.filters import Linked, Private
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, NotFound, PermissionDenied
from core.i18n import N_
from core.services.feedback import RATING_LABELS, FeedbackView, record_feedback
from core.services.surveys import (
    SurveyKind,
    SurveyQuestion,
    SurveyToAnswer,
    check_survey_answer,
    respond_survey,
    survey_to_answer,
)

SKIP = N_("Skip")
NEXT = N_("Next")
YES, NO = N_("Yes"), N_("No")
CHOOSE_ABOVE = N_("Choose one of the answers above.")
SURVEY_LEFT = N_(
    "The survey is put aside and nothing was sent. To answer it, press “Answer the survey” "
    "under its message again."
)
#: Text that replies to nothing is taken for the prompt this long after it was shown.
ANSWER_WINDOW = timedelta(minutes=30)

# FSM data of the flows (next to the role choice the middleware keeps there).
FB_LESSON = "fb_lesson_id"
FB_PROMPT = "fb_prompt_id"
FB_ASKED = "fb_asked_at"
SV_ID = "sv_survey_id"
SV_INDEX = "sv_index"
SV_ANSWERS = "sv_answers"
SV_TICKED = "sv_ticked"
SV_PROMPT = "sv_prompt_id"
SV_ASKED = "sv_asked_at"
_FB_KEYS = (FB_LESSON, FB_PROMPT, FB_ASKED)
_SV_KEYS = (SV_ID, SV_INDEX, SV_ANSWERS, SV_TICKED, SV_PROMPT, SV_ASKED)


class RateLesson(CallbackData, prefix="fb"):
    lesson_id: int
    rating: int


class RateTeacher(CallbackData, prefix="fbt"):
    lesson_id: int
    rating: int


class SkipComment(CallbackData, prefix="fbs"):
    lesson_id: int


class OpenSurvey(CallbackData, prefix="survey"):
    id: int


class SurveyAnswer(CallbackData, prefix="sva"):
    """A one-tap answer: an option's index, 1/0 for Yes/No, or a rating."""

    id: int
    question: int
    value: int


class SurveyToggle(CallbackData, prefix="svt"):
    id: int
    question: int
    option: int


class SurveyNext(CallbackData, prefix="svn"):
    id: int
    question: int


class Commenting(StatesGroup):
    typing = State()


class Answering(StatesGroup):
    question = State()


def _asked_now(deps: Deps) -> str:
    """The moment a prompt is shown, as the FSM data keeps it (JSON in Redis)."""
    return deps.clock.now().isoformat()


def _window_open(data: dict[str, Any], asked_key: str, deps: Deps) -> bool:
    asked = data.get(asked_key)
    if not isinstance(asked, str):
        return False  # a flow started before the time was kept: only replies count
    return deps.clock.now() - datetime.fromisoformat(asked) <= ANSWER_WINDOW


class ForPrompt(BaseFilter):
    """Text meant for the flow's live prompt: a reply to it, or a message replying to
    nothing within ``ANSWER_WINDOW`` of it."""

    def __init__(self, prompt_key: str, asked_key: str) -> None:
        self.prompt_key = prompt_key
        self.asked_key = asked_key

    async def __call__(self, message: Message, state: FSMContext, deps: Deps, **_: Any) -> bool:
        data = await state.get_data()
        replied = message.reply_to_message
        if replied is not None:
            return replied.message_id == data.get(self.prompt_key)
        return _window_open(data, self.asked_key, deps)


# --- lesson ratings --------------------------------------------------------------------------


def _ratings_row(data: type[RateLesson] | type[RateTeacher], lesson_id: int) -> list[Any]:
    return [button(label, data(lesson_id=lesson_id, rating=int(label))) for label in RATING_LABELS]


def _lesson_name(view: FeedbackView, _: Translator) -> str:
    return _(
        "{course} ({group}) on {when}",
        course=view.course.pick(_.language),
        group=view.group_name,
        when=view.when,
    )


def _stars(value: int | None) -> str:
    return str(value) if value is not None else "—"


def _summary(view: FeedbackView, _: Translator) -> str:
    return _(
        "Thank you! Your feedback on {lesson}: the lesson {lesson_rating} of 5, "
        "the teacher {teacher_rating} of 5.",
        lesson=_lesson_name(view, _),
        lesson_rating=_stars(view.lesson_rating),
        teacher_rating=_stars(view.teacher_rating),
    )


async def _refused(query: CallbackQuery, bot: Bot, error: Exception, _: Translator) -> None:
    """The request cannot be answered (expired, not attended, ratings off): say why in place
    of the buttons."""
    assert isinstance(error, Conflict | NotFound | PermissionDenied)
    text = error.translated(_.language)
    await query.answer()
    await replace_pressed(query, bot, text)


async def lesson_rated(
    query: CallbackQuery,
    *,
    callback_data: RateLesson,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    _: Translator,
) -> None:
    try:
        view = await record_feedback(
            deps, actor, lesson_id=callback_data.lesson_id, lesson_rating=callback_data.rating
        )
    except (Conflict, NotFound, PermissionDenied) as error:
        await _refused(query, bot, error, _)
        return
    await query.answer(_("Saved."))
    await replace_pressed(
        query,
        bot,
        _(
            "The lesson {lesson}: {rating} of 5. And the teacher, {teacher}?",
            lesson=_lesson_name(view, _),
            rating=view.lesson_rating,
            teacher=view.teacher_name,
        ),
        InlineKeyboardMarkup(inline_keyboard=[_ratings_row(RateTeacher, view.lesson_id)]),
    )


async def teacher_rated(
    query: CallbackQuery,
    *,
    callback_data: RateTeacher,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    try:
        view = await record_feedback(
            deps, actor, lesson_id=callback_data.lesson_id, teacher_rating=callback_data.rating
        )
    except (Conflict, NotFound, PermissionDenied) as error:
        await _refused(query, bot, error, _)
        return
    # The prompt's time is taken before the user sees it.
    await leave_flow(state, (*_FB_KEYS, *_SV_KEYS))
    await state.set_state(Commenting.typing)
    await state.update_data(
        {FB_LESSON: view.lesson_id, FB_PROMPT: pressed_id(query), FB_ASKED: _asked_now(deps)}
    )
    await query.answer(_("Saved."))
    await replace_pressed(
        query,
        bot,
        _summary(view, _) + "\n\n" + _("Add a comment? Write it in a message, or press “Skip”."),
        InlineKeyboardMarkup(
            inline_keyboard=[[button(_(SKIP), SkipComment(lesson_id=view.lesson_id))]]
        ),
    )


async def comment_skipped(
    query: CallbackQuery,
    *,
    callback_data: SkipComment,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await state.get_data()
    live = (
        await state.get_state() == Commenting.typing.state
        and data.get(FB_LESSON) == callback_data.lesson_id
        and data.get(FB_PROMPT) == pressed_id(query)
    )
    if not live:
        await query.answer(_(STALE_BUTTON))
        return
    await leave_flow(state, _FB_KEYS)
    view = await record_feedback(deps, actor, lesson_id=callback_data.lesson_id)
    await close_prompt(query, bot, _summary(view, _))


async def comment_typed(
    message: Message, bot: Bot, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    data = await state.get_data()
    view = await record_feedback(
        deps, actor, lesson_id=int(data[FB_LESSON]), comment=message.text or ""
    )
    await leave_flow(state, _FB_KEYS)
    prompt = data.get(FB_PROMPT)
    if isinstance(prompt, int):
        await bot.edit_message_text(_summary(view, _), chat_id=message.chat.id, message_id=prompt)
    await message.reply(_("Your comment is saved. Thank you!"))


# --- surveys ---------------------------------------------------------------------------------


def _question_text(survey: SurveyToAnswer, index: int, _: Translator) -> str:
    question = survey.questions[index]
    text = _(
        "Question {number} of {total}: {text}",
        number=index + 1,
        total=len(survey.questions),
        text=question.text_in(_.language),
    )
    if question.kind is SurveyKind.SHORT:
        return text + "\n" + _("Write your answer in a message.")
    if question.kind is SurveyKind.NUMERIC:
        return text + "\n" + _("Write a number in a message.")
    if question.kind is SurveyKind.MULTIPLE:
        return text + "\n" + _("Choose all that apply, then press “Next”.")
    return text


def _question_keyboard(
    survey: SurveyToAnswer, index: int, ticked: list[int], _: Translator
) -> InlineKeyboardMarkup | None:
    question = survey.questions[index]
    rows: list[list[InlineKeyboardButton]] = []

    def answer(value: int) -> SurveyAnswer:
        return SurveyAnswer(id=survey.id, question=index, value=value)

    if question.kind is SurveyKind.SINGLE:
        rows = [
            [button(label, answer(i))] for i, label in enumerate(question.options_in(_.language))
        ]
    elif question.kind is SurveyKind.MULTIPLE:
        rows = [
            [
                button(
                    ("✓ " if i in ticked else "") + label,
                    SurveyToggle(id=survey.id, question=index, option=i),
                )
            ]
            for i, label in enumerate(question.options_in(_.language))
        ]
        rows.append([button(_(NEXT), SurveyNext(id=survey.id, question=index))])
    elif question.kind is SurveyKind.TRUE_FALSE:
        rows = [[button(_(YES), answer(1)), button(_(NO), answer(0))]]
    elif question.kind is SurveyKind.RATING:
        rows = [[button(label, answer(int(label))) for label in RATING_LABELS]]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def _chosen_label(question: SurveyQuestion, answer: dict[str, Any], _: Translator) -> str:
    """What was answered, as the closed question shows it."""
    if question.kind is SurveyKind.SINGLE:
        return question.options_in(_.language)[int(answer["choice"])]
    if question.kind is SurveyKind.MULTIPLE:
        labels = question.options_in(_.language)
        return ", ".join(labels[i] for i in answer["choices"]) or "—"
    if question.kind is SurveyKind.TRUE_FALSE:
        return _(YES) if answer["value"] else _(NO)
    return str(answer.get("value", answer.get("text", "")))


@dataclass(frozen=True)
class _Flow:
    """What every step of answering a survey needs."""

    bot: Bot
    deps: Deps
    actor: Actor
    state: FSMContext
    tr: Translator


async def _ask(flow: _Flow, chat_id: int, survey: SurveyToAnswer, index: int) -> None:
    _ = flow.tr
    asked = _asked_now(flow.deps)  # before the user sees the question
    prompt = await flow.bot.send_message(
        chat_id,
        _question_text(survey, index, _),
        reply_markup=_question_keyboard(survey, index, [], _),
    )
    await flow.state.update_data(
        {SV_INDEX: index, SV_TICKED: [], SV_PROMPT: prompt.message_id, SV_ASKED: asked}
    )


async def survey_opened(
    query: CallbackQuery,
    *,
    callback_data: OpenSurvey,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    try:
        survey = await survey_to_answer(actor, survey_id=callback_data.id)
    except (Conflict, NotFound) as error:  # answered, closed, or not theirs: say which
        await query.answer(error.translated(_.language), show_alert=True)
        return
    await query.answer()
    chat_id = chat_of(query)
    intro = (
        _("This survey is anonymous: your answers are saved without your name.")
        if survey.anonymous
        else _("This survey is not anonymous: your answers are saved with your name.")
    )
    await bot.send_message(
        chat_id,
        _("“{title}”, {count} questions.", title=survey.title, count=len(survey.questions))
        + "\n"
        + intro,
    )
    await leave_flow(state, (*_FB_KEYS, *_SV_KEYS))
    await state.set_state(Answering.question)
    await state.update_data({SV_ID: survey.id, SV_ANSWERS: []})
    await _ask(_Flow(bot, deps, actor, state, _), chat_id, survey, 0)


async def _still_open(actor: Actor, state: FSMContext, survey_id: int) -> SurveyToAnswer:
    """The survey being answered. Closed (or answered elsewhere) meanwhile: the flow ends and
    the reason goes to the errors router, which tells the user."""
    try:
        return await survey_to_answer(actor, survey_id=survey_id)
    except (Conflict, NotFound):
        await leave_flow(state, _SV_KEYS)
        raise


async def _live_question(
    query: CallbackQuery, state: FSMContext, survey_id: int, index: int
) -> bool:
    data = await state.get_data()
    return (
        await state.get_state() == Answering.question.state
        and data.get(SV_ID) == survey_id
        and data.get(SV_INDEX) == index
        and data.get(SV_PROMPT) == pressed_id(query)
    )


async def _advance(
    flow: _Flow, chat_id: int, survey: SurveyToAnswer, answer: dict[str, Any]
) -> None:
    """Keep the answer and ask the next question, or send them all after the last."""
    _ = flow.tr
    data = await flow.state.get_data()
    answers = [*data.get(SV_ANSWERS, []), answer]
    index = len(answers)
    if index < len(survey.questions):
        await flow.state.update_data({SV_ANSWERS: answers})
        await _ask(flow, chat_id, survey, index)
        return
    await respond_survey(flow.deps, flow.actor, survey_id=survey.id, answers=answers)
    await leave_flow(flow.state, _SV_KEYS)
    await flow.bot.send_message(
        chat_id, _("Thank you! Your answers to “{title}” are sent.", title=survey.title)
    )


async def _answer_pressed(
    query: CallbackQuery, flow: _Flow, survey_id: int, answer: dict[str, Any]
) -> None:
    _ = flow.tr
    survey = await _still_open(flow.actor, flow.state, survey_id)
    index = int((await flow.state.get_data())[SV_INDEX])
    question = survey.questions[index]
    cleaned = check_survey_answer(question, answer)
    await query.answer()
    chosen = _("Your answer: {answer}", answer=_chosen_label(question, cleaned, _))
    await replace_pressed(query, flow.bot, _question_text(survey, index, _) + "\n" + chosen)
    await _advance(flow, chat_of(query), survey, cleaned)


async def survey_answered(
    query: CallbackQuery,
    *,
    callback_data: SurveyAnswer,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    if not await _live_question(query, state, callback_data.id, callback_data.question):
        await query.answer(_(STALE_BUTTON))
        return
    survey = await _still_open(actor, state, callback_data.id)
    kind = survey.questions[callback_data.question].kind
    value = callback_data.value
    answer: dict[str, Any] = (
        {"choice": value}
        if kind is SurveyKind.SINGLE
        else {"value": bool(value)}
        if kind is SurveyKind.TRUE_FALSE
        else {"value": value}
    )
    flow = _Flow(bot, deps, actor, state, _)
    await _answer_pressed(query, flow, callback_data.id, answer)


async def survey_toggled(
    query: CallbackQuery,
    *,
    callback_data: SurveyToggle,
    bot: Bot,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    if not await _live_question(query, state, callback_data.id, callback_data.question):
        await query.answer(_(STALE_BUTTON))
        return
    survey = await _still_open(actor, state, callback_data.id)
    ticked = [int(i) for i in (await state.get_data()).get(SV_TICKED, [])]
    option = callback_data.option
    if not 0 <= option < len(survey.questions[callback_data.question].options):
        await query.answer(_(STALE_BUTTON))
        return
    ticked = sorted(set(ticked) ^ {option})
    await state.update_data({SV_TICKED: ticked})
    await query.answer()
    await replace_pressed(
        query,
        bot,
        _question_text(survey, callback_data.question, _),
        _question_keyboard(survey, callback_data.question, ticked, _),
    )


async def survey_next(
    query: CallbackQuery,
    *,
    callback_data: SurveyNext,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    if not await _live_question(query, state, callback_data.id, callback_data.question):
        await query.answer(_(STALE_BUTTON))
        return
    ticked = [int(i) for i in (await state.get_data()).get(SV_TICKED, [])]
    answer = {"choices": ticked}
    flow = _Flow(bot, deps, actor, state, _)
    await _answer_pressed(query, flow, callback_data.id, answer)


async def survey_typed(
    message: Message, bot: Bot, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    data = await state.get_data()
    survey = await _still_open(actor, state, int(data[SV_ID]))
    question = survey.questions[int(data[SV_INDEX])]
    if question.kind not in (SurveyKind.SHORT, SurveyKind.NUMERIC):
        await message.reply(_(CHOOSE_ABOVE))
        return
    cleaned = check_survey_answer(question, {"text": message.text or ""})
    await _advance(_Flow(bot, deps, actor, state, _), message.chat.id, survey, cleaned)


# --- leaving the flows -------------------------------------------------------------------------


async def _leave(message: Message, state: FSMContext, _: Translator) -> None:
    """End the flow the user is in now, if any (a second call in one update does nothing:
    the state filters of later handlers still see the state the update came with)."""
    current = await state.get_state()
    if current == Answering.question.state:
        await leave_flow(state, _SV_KEYS)
        await message.answer(_(SURVEY_LEFT))
    elif current == Commenting.typing.state:
        await leave_flow(state, _FB_KEYS)


async def flow_left(message: Message, state: FSMContext, _: Translator) -> None:
    """A command or a menu button ends the comment or the survey, then does what it does."""
    await _leave(message, state, _)
    raise SkipHandler


async def not_for_prompt(message: Message, state: FSMContext, deps: Deps, _: Translator) -> None:
    """A message the flow does not take (a reply to another message, text after the
    window, anything but text) goes on to the other routers; after the window the flow
    ends, so the prompt cannot take text later either."""
    if message.reply_to_message is None:
        data = await state.get_data()
        asked = SV_ASKED if await state.get_state() == Answering.question.state else FB_ASKED
        if not _window_open(data, asked, deps):
            await _leave(message, state, _)
    raise SkipHandler


def _register_leaving(router: Router) -> None:
    in_flow = StateFilter(Commenting.typing, Answering.question)
    router.message.register(flow_left, in_flow, or_f(F.text.startswith("/"), AnyMenuButton()))


def leave_router() -> Router:
    """Ends the comment or survey flow on any command or menu button, then lets the update
    go on. Include it before the feature routers (right after linking): the buttons of
    routers included before ``router()`` never reach it.
    """
    leaving = Router(name="feedback_leave")
    leaving.message.filter(Private(), Linked())
    _register_leaving(leaving)
    return leaving


def router() -> Router:
    feedback = Router(name="feedback")
    for observer in (feedback.message, feedback.callback_query):
        observer.filter(Private(), Linked())
    _register_leaving(feedback)
    typed_text = (F.text, ~F.text.startswith("/"), ~AnyMenuButton())
    # Lesson ratings.
    feedback.callback_query.register(lesson_rated, RateLesson.filter())
    feedback.callback_query.register(teacher_rated, RateTeacher.filter())
    feedback.callback_query.register(comment_skipped, SkipComment.filter())
    commenting = StateFilter(Commenting.typing)
    feedback.message.register(
        comment_typed, commenting, *typed_text, ForPrompt(FB_PROMPT, FB_ASKED)
    )
    # Surveys.
    feedback.callback_query.register(survey_opened, OpenSurvey.filter())
    feedback.callback_query.register(survey_answered, SurveyAnswer.filter())
    feedback.callback_query.register(survey_toggled, SurveyToggle.filter())
    feedback.callback_query.register(survey_next, SurveyNext.filter())
    answering = StateFilter(Answering.question)
    feedback.message.register(survey_typed, answering, *typed_text, ForPrompt(SV_PROMPT, SV_ASKED))
    # Anything else goes on (a chat reply to the chat router), after the window ending the flow.
    feedback.message.register(not_for_prompt, StateFilter(Commenting.typing, Answering.question))
    return feedback
