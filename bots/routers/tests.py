""" "Tests" in the main bot: a student takes the tests assigned to them; a parent reads the
chosen child's tests and results.

- **The list** ("Tests"): each test with its state (open until…, attempts left, the best
  result); a student opens one, a parent only reads.
- **The card** (a test from the list, or "Start the test" under the assignment notice, whose
  callback data is ``core.services.testing.START_DATA``): title, questions, time limit and
  attempts left, with "Start" (or "Continue" for an attempt in progress).
- **A question** is one message: "Question 3 of 10 · ⏱ 12 min left", the text and the
  buttons of its kind. Single choice and true/false: a tap answers and moves on; multiple
  choice: each tap flips its one option in the saved answer (``toggle_choice``, so quick
  taps on a message not yet redrawn all count) and "Next" keeps the saved answer and moves
  on; matching: the right-hand side of each left item in turn; ordering: the items tapped
  in the right order ("Start over" while picking). Short, numeric and fill-in-the-blank
  answers are typed (the blanks one line each, in one message); a photo or a sticker
  instead is asked to be typed, and a reply to a bridged chat message goes to the chat
  (``bots.routers.chat``), not into the test. A picture comes just before its question.
  The answered question's message then shows the answer and loses its buttons.
- **The end**: "Finish" when every question is answered, "Finish now" (asked to confirm)
  before that; the result (score, percent, passed or not, the grade in the reader's
  language) and "Review my mistakes" when the review is open — or, when the test opens it
  only after the last attempt or the close, a line saying so. Past the deadline the next
  press shows "Time is up" and the result.

The database is the truth: every press names its attempt and question position in its
callback data, and the service refuses a press on a question already left behind
(``Conflict``, shown as an alert). The FSM keeps only small ids — the attempt and the
question a typed answer is for, and the last attempt whose result was shown — so a restart
of the bot loses nothing: "Tests" → the test → "Continue" shows the current question again.
Picking the order of items or the pairs of a matching question lives in the buttons'
callback data until the question is complete, and is then saved in one answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    FSInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from babel.numbers import format_decimal

from bots.children import ask_for_child, chosen_child, viewed_child
from bots.keyboards import AnyMenuButton, MenuButton, button, one_per_row
from bots.middlewares import Choice
from bots.prompts import chat_of, leave_flow, replace_pressed
from bots.routers.chat import BridgedReply
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import Translator, toast
from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.question_kinds import FALSE, FULL, TRUE, answer_words, body_words, localised
from core.services.lessons import format_when, organisation_zone
from core.services.telegram import Identity, Role
from core.services.testing import (
    AttemptResult,
    AttemptState,
    AvailableTest,
    QuestionKind,
    ReviewItem,
    ShownQuestion,
    answer_question,
    attempt_review,
    current_question,
    finish_attempt,
    go_to_question,
    my_tests,
    question_image,
    start_attempt,
    toggle_choice,
)

STALE_QUESTION = N_("This question is already behind you; answer the one below.")
FINISHED = N_("This test is finished.")
TYPE_AS_TEXT = N_("Type your answer as a text message.")
REVIEW_LATER = N_("You can review your mistakes after your last attempt or when the test closes.")
#: What a student is asked to do, by the kind of question.
HINTS: dict[QuestionKind, str] = {
    QuestionKind.SINGLE: N_("Choose one answer."),
    QuestionKind.MULTIPLE: N_("Choose every right answer, then press “Next”."),
    QuestionKind.TRUE_FALSE: N_("True or false?"),
    QuestionKind.SHORT: N_("Type your answer."),
    QuestionKind.NUMERIC: N_("Type a number."),
    QuestionKind.MATCHING: N_("Choose the pair of each item, one after another."),
    QuestionKind.ORDERING: N_("Tap the items in the right order."),
}
TYPED_KINDS = frozenset({QuestionKind.SHORT, QuestionKind.NUMERIC, QuestionKind.FILL_BLANK})
#: Longer texts are cut on buttons (and the whole options listed in the message).
LABEL_MAX = 60
#: Telegram's limit on a message is 4096 characters; reviews are split below it.
MESSAGE_MAX = 4000
#: Telegram's limit on the buttons of one message.
BUTTONS_MAX = 100
CHECK, UNSET = "✓", "-"

# Callback data ops of ``Press``; ``v`` carries the whole answer the press gives, except for
# multiple choice, whose answer is built in the database one tap at a time.
CHOOSE = "c"  # single choice: v = the option (body index)
TRUTH = "b"  # true/false: v = "1" or "0"
TOGGLE = "t"  # multiple choice: v = the option tapped (body index), flipped in the saved answer
NEXT = "n"  # multiple choice: keeps the saved answer and moves on (v empty)
MATCH = "m"  # matching: v = per left item its right side or "-", after this pick
ORDER = "o"  # ordering: v = the items tapped so far, this one last
RESTART = "r"  # matching and ordering: start picking again

# FSM data (next to the role choice the middleware keeps there).
ATTEMPT = "tt_attempt_id"
POSITION = "tt_position"
PROMPT = "tt_prompt_id"  # the message of the question a typed answer is for
SHOWN = "tt_result_shown"  # the last attempt whose result this chat has seen
_KEYS = (ATTEMPT, POSITION, PROMPT)


class StartTest(CallbackData, prefix="test"):
    """``test:start:<id>`` opens a test's card (as ``START_DATA``); ``test:go:<id>`` starts
    or resumes it."""

    step: str
    test_id: int


OPEN, GO = "start", "go"


class Press(CallbackData, prefix="ta"):
    """A button of question ``pos`` of an attempt (see the ops above)."""

    attempt: int
    pos: int
    op: str
    v: str = ""


class FinishTest(CallbackData, prefix="tf"):
    """ "Finish now" asks (``sure`` False); "Finish" finishes."""

    attempt: int
    sure: bool


class ResumeTest(CallbackData, prefix="tc"):
    attempt: int


class ReviewTest(CallbackData, prefix="tr"):
    attempt: int


class Taking(StatesGroup):
    typing = State()


# --- texts ---------------------------------------------------------------------------------


def _cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, "…" marking a cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…" if limit > 0 else ""


def _short(text: str) -> str:
    return _cut(text, LABEL_MAX)


def _fit(text: str) -> str:
    """A message Telegram accepts (a long question with long options may not fit)."""
    return _cut(text, MESSAGE_MAX)


def _points(thousandths: int, language: str) -> str:
    """Thousandths of a point as points (``2,5`` in ru)."""
    locale = {"kk": "kk_KZ", "ru": "ru_RU"}.get(language, "en")
    return str(format_decimal(thousandths / FULL, format="0.###", locale=locale))


def _time_left(deadline_at: datetime | None, now: datetime, _: Translator) -> str:
    if deadline_at is None:
        return ""
    seconds = (deadline_at - now).total_seconds()
    if seconds < 60:
        return _("⏱ less than a minute left")
    return _("⏱ {minutes} min left", minutes=int(seconds // 60))


def _header(
    number: int, total: int, deadline_at: datetime | None, deps: Deps, _: Translator
) -> str:
    header = _("Question {number} of {total}", number=number, total=total)
    left = _time_left(deadline_at, deps.clock.now(), _)
    return f"{header} · {left}" if left else header


def _texts(question: ShownQuestion, _: Translator) -> dict[int, str]:
    """The question's options, right-hand sides or items by body index, in the reader's
    language."""
    return {index: localised(text, _.language) for index, text in question.choices}


def _hint(question: ShownQuestion, _: Translator) -> str:
    if question.kind is QuestionKind.FILL_BLANK:
        blanks = question.blanks
        if blanks <= 1:
            return _("Type the missing answer.")
        return _(
            "Type the {count} missing answers in one message, each on its own line, in order.",
            count=blanks,
        )
    return _(HINTS[question.kind])


def _question_text(
    question: ShownQuestion, deadline_at: datetime | None, deps: Deps, _: Translator, v: str
) -> str:
    lines = [
        _header(question.position + 1, question.total, deadline_at, deps, _),
        "",
        localised(question.text, _.language),
        "",
    ]
    texts = _texts(question, _)
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and any(
        len(text) > LABEL_MAX for text in texts.values()
    ):
        lines += [
            f"{number}) {texts[index]}"
            for number, (index, _text) in enumerate(question.choices, start=1)
        ]
        lines.append("")
    if question.kind is QuestionKind.MATCHING:
        pairs = _pairs(question, v)
        current = _current_left(pairs)
        for index, left in enumerate(question.lefts):
            right = pairs[index]
            mark = "👉 " if index == current else "• "
            shown = texts.get(right, "?") if right is not None else "…"
            lines.append(f"{mark}{localised(left, _.language)} → {shown}")
        lines.append("")
    if question.kind is QuestionKind.ORDERING and v:
        order = [texts.get(int(c), "?") for c in v]
        lines.append(_("Your order so far: {order}", order=" → ".join(order)))
        lines.append("")
    lines.append(_hint(question, _))
    return _fit("\n".join(lines))


def _answered_text(question: ShownQuestion, answer: Mapping[str, Any], _: Translator) -> str:
    """The question's message once answered: the question and the answer given."""
    lefts = [localised(left, _.language) for left in question.lefts]
    words = answer_words(
        question.kind, answer, texts=_texts(question, _), lefts=lefts, language=_.language
    )
    return _fit(
        "\n".join(
            [
                _(
                    "Question {number} of {total}",
                    number=question.position + 1,
                    total=question.total,
                ),
                "",
                localised(question.text, _.language),
                "",
                _("Your answer: {answer}", answer=words),
            ]
        )
    )


def _result_text(result: AttemptResult, _: Translator) -> str:
    lines = [_("Time is up.")] if result.timed_out else []
    lines.append(
        _(
            "Result of “{title}”: {score} of {most} points, {percent}%.",
            title=result.test_title,
            score=_points(result.score, _.language),
            most=_points(result.max_score, _.language),
            percent=result.percent,
        )
    )
    lines.append(_("Passed.") if result.passed else _("Not passed."))
    if result.grade_label:
        lines.append(_("Grade: {grade}.", grade=_(result.grade_label)))
    if result.review_later:
        lines.append(_(REVIEW_LATER))
    return "\n".join(lines)


def _status(item: AvailableTest, now: datetime, zone: ZoneInfo, _: Translator) -> list[str]:
    """What a test's line in the list says about it: where it stands, then the result."""
    parts: list[str] = []
    if item.open_attempt_id is not None:
        parts.append(_("in progress"))
    elif item.opens_at is not None and item.opens_at > now:
        parts.append(_("opens {when}", when=format_when(item.opens_at, zone)))
    elif item.closes_at is not None and item.closes_at <= now:
        parts.append(_("closed"))
    elif item.can_start:
        left = item.attempts_allowed - item.attempts_used
        if item.closes_at is not None:
            parts.append(_("open until {when}", when=format_when(item.closes_at, zone)))
        parts.append(_("attempts left: {count}", count=left))
    else:
        parts.append(_("no attempts left"))
    if item.best_percent is not None:
        parts.append(_("best result {percent}%", percent=item.best_percent))
    elif item.attempts_used == 0 and item.open_attempt_id is None:
        parts.append(_("not taken yet"))
    return parts


def _card_text(item: AvailableTest, now: datetime, zone: ZoneInfo, _: Translator) -> str:
    """The test's card; long instructions are cut so that it fits in one message."""
    lines = [
        _("Questions: {count}", count=item.question_count),
        _("Time limit: {minutes} min", minutes=item.time_limit_minutes)
        if item.time_limit_minutes
        else _("No time limit."),
        _(
            "Attempt {number} of {allowed} is in progress.",
            number=item.attempts_used,
            allowed=item.attempts_allowed,
        )
        if item.open_attempt_id is not None
        else _(
            "Attempts left: {left} of {allowed}",
            left=max(0, item.attempts_allowed - item.attempts_used),
            allowed=item.attempts_allowed,
        ),
    ]
    if item.closes_at is not None:
        lines.append(_("Open until {when}", when=format_when(item.closes_at, zone)))
    if item.best_percent is not None:
        lines.append(_("Best result: {percent}%", percent=item.best_percent))
    if item.open_attempt_id is None and not item.can_start:
        why = _status(item, now, zone, _)[0]
        lines += ["", _("You cannot start it now: {status}.", status=why)]
    title = f"“{item.title}”"
    details = "\n".join(lines)
    if not item.instructions:
        return _fit(f"{title}\n{details}")
    # The title, two line breaks and the blank line after the instructions take the rest.
    room = MESSAGE_MAX - len(title) - len(details) - 3
    return _fit(f"{title}\n{_cut(item.instructions, room)}\n\n{details}")


# --- keyboards -----------------------------------------------------------------------------


def _pairs(question: ShownQuestion, v: str) -> list[int | None]:
    count = len(question.lefts)
    pairs: list[int | None] = [None if c == UNSET else int(c) for c in v[:count]]
    return pairs + [None] * (count - len(pairs))


def _current_left(pairs: Sequence[int | None]) -> int | None:
    return next((index for index, right in enumerate(pairs) if right is None), None)


def _code(values: Sequence[int | None]) -> str:
    return "".join(UNSET if value is None else str(value) for value in values)


def _question_keyboard(question: ShownQuestion, _: Translator, v: str) -> InlineKeyboardMarkup:
    attempt, pos = question.attempt_id, question.position

    def press(label: str, op: str, value: str = "") -> InlineKeyboardButton:
        return button(label, Press(attempt=attempt, pos=pos, op=op, v=value))

    rows: list[list[InlineKeyboardButton]] = []
    texts = _texts(question, _)
    numbered = any(len(text) > LABEL_MAX for text in texts.values())

    def label(number: int, index: int) -> str:
        return f"{number}) {_short(texts[index])}" if numbered else _short(texts[index])

    kind = question.kind
    if kind is QuestionKind.SINGLE:
        rows += [
            [press(label(number, index), CHOOSE, str(index))]
            for number, (index, _text) in enumerate(question.choices, start=1)
        ]
    elif kind is QuestionKind.TRUE_FALSE:
        rows.append([press(_(TRUE), TRUTH, "1"), press(_(FALSE), TRUTH, "0")])
    elif kind is QuestionKind.MULTIPLE:
        chosen = set((question.answer or {}).get("choices", []))
        for number, (index, _text) in enumerate(question.choices, start=1):
            mark = f"{CHECK} " if index in chosen else ""
            rows.append([press(mark + label(number, index), TOGGLE, str(index))])
        rows.append([press(_("Next"), NEXT)])
    elif kind is QuestionKind.MATCHING:
        pairs = _pairs(question, v)
        current = _current_left(pairs)
        if current is not None:
            for index, _text in question.choices:
                picked = list(pairs)
                picked[current] = index
                rows.append([press(_short(texts[index]), MATCH, _code(picked))])
        if any(right is not None for right in pairs):
            rows.append([press(_("Start over"), RESTART)])
    elif kind is QuestionKind.ORDERING:
        for index, _text in question.choices:
            if str(index) not in v:
                rows.append([press(_short(texts[index]), ORDER, v + str(index))])
        if v:
            rows.append([press(_("Start over"), RESTART)])
    rows.append([button(_("Finish now"), FinishTest(attempt=attempt, sure=False))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# --- showing where an attempt stands -------------------------------------------------------


async def _send_question(
    bot: Bot,
    chat_id: int,
    shown: AttemptState,
    *,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    question = shown.question
    assert question is not None
    if question.image_key:
        image = await question_image(
            deps, actor, attempt_id=question.attempt_id, position=question.position
        )
        if image is not None:
            await bot.send_photo(chat_id, FSInputFile(image.path))
    message = await bot.send_message(
        chat_id,
        _question_text(question, shown.deadline_at, deps, _, ""),
        reply_markup=_question_keyboard(question, _, ""),
    )
    if question.kind not in TYPED_KINDS:
        if await state.get_state() == Taking.typing.state:
            await leave_flow(state, _KEYS)
    else:
        await state.set_state(Taking.typing)
        await state.update_data(
            {
                ATTEMPT: question.attempt_id,
                POSITION: question.position,
                PROMPT: message.message_id,
            }
        )


def _finish_keyboard(attempt_id: int, _: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("Finish"), FinishTest(attempt=attempt_id, sure=True))],
            [button(_("Continue the test"), ResumeTest(attempt=attempt_id))],
        ]
    )


async def _send_finish_prompt(
    bot: Bot, chat_id: int, state: FSMContext, shown: AttemptState, _: Translator
) -> None:
    await leave_flow(state, _KEYS)
    if shown.answered >= shown.total:
        text = _("All {total} questions are answered. Finish the test?", total=shown.total)
        markup = one_per_row(
            [button(_("Finish"), FinishTest(attempt=shown.attempt_id, sure=True))]
        )
    else:
        text = _(
            "You have answered {answered} of {total} questions. Finish the test now? "
            "Questions without an answer score nothing.",
            answered=shown.answered,
            total=shown.total,
        )
        markup = _finish_keyboard(shown.attempt_id, _)
    await bot.send_message(chat_id, text, reply_markup=markup)


async def _send_result(
    bot: Bot, chat_id: int, state: FSMContext, result: AttemptResult, _: Translator
) -> None:
    await leave_flow(state, _KEYS)
    await state.update_data({SHOWN: result.attempt_id})
    markup = (
        one_per_row([button(_("Review my mistakes"), ReviewTest(attempt=result.attempt_id))])
        if result.review_allowed
        else None
    )
    await bot.send_message(chat_id, _result_text(result, _), reply_markup=markup)


async def _show(
    bot: Bot,
    chat_id: int,
    shown: AttemptState,
    *,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    """Send where the attempt stands: its question, the finish prompt or the result."""
    if shown.result is not None:
        await _send_result(bot, chat_id, state, shown.result, _)
    elif shown.question is None:
        await _send_finish_prompt(bot, chat_id, state, shown, _)
    else:
        await _send_question(bot, chat_id, shown, deps=deps, actor=actor, state=state, _=_)


async def _retire(query: CallbackQuery, bot: Bot) -> None:
    """Take the buttons off the pressed message."""
    message = query.message
    if isinstance(message, Message) and message.reply_markup is not None:
        with suppress(TelegramBadRequest):
            await bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=message.message_id
            )


async def _already_finished(
    query: CallbackQuery,
    bot: Bot,
    state: FSMContext,
    result: AttemptResult,
    _: Translator,
) -> None:
    """A press on a finished attempt: its result the first time this chat hears of it (it
    timed out meanwhile), else a notice."""
    if (await state.get_data()).get(SHOWN) == result.attempt_id:
        await query.answer(_(FINISHED))
        return
    await query.answer()
    await _retire(query, bot)
    await _send_result(bot, chat_of(query), state, result, _)


# --- the list and the card -----------------------------------------------------------------


async def show_tests(
    message: Message,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    *,
    state: FSMContext,
    _: Translator,
) -> None:
    child = ""
    if choice.role is Role.PARENT:
        picked = chosen_child(identity, choice)
        if picked is None:
            await ask_for_child(message, identity, _)
            return
        child = picked.full_name
    if await state.get_state() == Taking.typing.state:
        await leave_flow(state, _KEYS)
    items = await my_tests(actor, student_id=viewed_child(choice), now=deps.clock.now())
    if not items:
        await message.answer(
            _("{name} has no tests.", name=child) if child else _("You have no tests.")
        )
        return
    zone = await organisation_zone(actor.organisation_id)
    now = deps.clock.now()
    lines = [_("Tests of {name}:", name=child) if child else _("Your tests:")]
    lines += [
        _(
            "• {title}: {status}",
            title=_short(item.title),
            status=", ".join(_status(item, now, zone, _)),
        )
        for item in items
    ]
    markup = None
    if not child:
        markup = one_per_row(
            button(
                f"{_short(item.title)} · {item.best_percent}%"
                if item.best_percent is not None
                else _short(item.title),
                StartTest(step=OPEN, test_id=item.test_id),
            )
            for item in items[:BUTTONS_MAX]
        )
    # A long list goes in several messages; the buttons come under the last one.
    *first, last = _chunks(lines)
    for chunk in first:
        await message.answer(chunk)
    await message.answer(last, reply_markup=markup)


async def test_opened(
    query: CallbackQuery,
    *,
    callback_data: StartTest,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    choice: Choice,
    _: Translator,
) -> None:
    items = await my_tests(actor, student_id=viewed_child(choice), now=deps.clock.now())
    item = next((found for found in items if found.test_id == callback_data.test_id), None)
    if item is None:
        raise NotFound()
    zone = await organisation_zone(actor.organisation_id)
    markup = None
    if choice.role is Role.STUDENT and (item.can_start or item.open_attempt_id is not None):
        label = _("Continue") if item.open_attempt_id is not None else _("Start")
        markup = one_per_row([button(label, StartTest(step=GO, test_id=item.test_id))])
    await query.answer()
    await bot.send_message(
        chat_of(query), _card_text(item, deps.clock.now(), zone, _), reply_markup=markup
    )


async def test_started(
    query: CallbackQuery,
    *,
    callback_data: StartTest,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    shown = await start_attempt(deps, actor, test_id=callback_data.test_id)
    await query.answer()
    await _show(bot, chat_of(query), shown, deps=deps, actor=actor, state=state, _=_)


# --- answering -----------------------------------------------------------------------------


def _digits(value: str, *, unset: bool = False) -> list[int | None]:
    """The indices packed in callback data (one digit each: at most ten options).

    Raises:
        NotFound: not what our buttons carry (forged data): the button is out of date.
    """
    allowed = "0123456789" + (UNSET if unset else "")
    if any(c not in allowed for c in value):
        raise NotFound()
    return [None if c == UNSET else int(c) for c in value]


def _toggled(data: Press) -> int:
    """The option a multiple-choice tap flips.

    Raises:
        NotFound: not one option (forged data, or a button of an older bot).
    """
    values = _digits(data.v)
    if len(values) != 1 or values[0] is None:
        raise NotFound()
    return values[0]


def _answer_of(data: Press) -> dict[str, Any] | None:
    """The answer a press gives, from its callback data; ``None`` for "Next" of a multiple
    choice, which keeps the options its taps saved (none chosen is an answer too).

    Raises:
        NotFound: not what our buttons carry (forged data).
    """
    if data.op == NEXT:
        if data.v:
            raise NotFound()
        return None
    values = _digits(data.v, unset=data.op == MATCH)
    if data.op == CHOOSE and len(values) == 1:
        return {"choice": values[0]}
    if data.op == TRUTH and data.v in ("0", "1"):
        return {"value": data.v == "1"}
    if data.op == MATCH:
        return {"pairs": values}
    if data.op == ORDER:
        return {"order": values}
    raise NotFound()


def _complete(data: Press, question: ShownQuestion) -> bool:
    """Whether a matching or ordering press gives a whole answer (else it only picks)."""
    if data.op == MATCH:
        return UNSET not in data.v and len(data.v) == len(question.lefts)
    if data.op == ORDER:
        return len(data.v) == len(question.choices)
    return data.op != RESTART


async def pressed(
    query: CallbackQuery,
    *,
    callback_data: Press,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    data = callback_data
    if data.op in (MATCH, ORDER, RESTART):
        # Picking pairs or an order: the question as it stands decides whether this press
        # completes the answer or only redraws the buttons.
        before = await current_question(deps, actor, attempt_id=data.attempt)
        if before.result is not None:
            await _already_finished(query, bot, state, before.result, _)
            return
        question = before.question
        if question is None or question.position != data.pos:
            await query.answer(_(STALE_QUESTION), show_alert=True)
            return
        v = "" if data.op == RESTART else data.v
        _digits(v, unset=data.op == MATCH)
        if data.op == RESTART or not _complete(data, question):
            await query.answer()
            await replace_pressed(
                query,
                bot,
                _question_text(question, before.deadline_at, deps, _, v),
                _question_keyboard(question, _, v),
            )
            return
    try:
        if data.op == TOGGLE:
            after = await toggle_choice(
                deps, actor, attempt_id=data.attempt, position=data.pos, choice=_toggled(data)
            )
        else:
            after = await answer_question(
                deps, actor, attempt_id=data.attempt, position=data.pos, answer=_answer_of(data)
            )
    except Conflict as error:
        # The one read a press makes beyond its answer, and only when it is refused: a
        # finished attempt shows its result, anything else says why.
        now = await current_question(deps, actor, attempt_id=data.attempt)
        if now.result is not None:
            await _already_finished(query, bot, state, now.result, _)
        else:
            await query.answer(toast(error.translated(_.language)), show_alert=True)
        return
    await query.answer()
    if after.result is not None:  # the time ran out just now
        await replace_pressed(query, bot, _("Time is up."))
        await _send_result(bot, chat_of(query), state, after.result, _)
        return
    answered = after.answered_question
    if answered is None:  # a tick: the same question with its options redrawn
        if after.question is not None:
            await replace_pressed(
                query,
                bot,
                _question_text(after.question, after.deadline_at, deps, _, ""),
                _question_keyboard(after.question, _, ""),
            )
        return
    await replace_pressed(query, bot, _answered_text(answered, answered.answer or {}, _))
    await _show(bot, chat_of(query), after, deps=deps, actor=actor, state=state, _=_)


def _typed_answer(question: ShownQuestion, text: str) -> dict[str, Any]:
    """A typed message as the answer to a short, numeric or fill-in-the-blank question.

    Raises:
        InvalidInput: a fill-in-the-blank answer with another number of lines than blanks.
    """
    if question.kind is not QuestionKind.FILL_BLANK:
        return {"text": text.strip()}
    blanks = question.blanks
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if blanks <= 1:
        return {"texts": [" ".join(lines)]}
    if len(lines) != blanks:
        raise InvalidInput(
            N_("This question has {count} blanks: write {count} lines, one answer on each."),
            count=blanks,
        )
    return {"texts": lines}


async def answer_typed(
    message: Message, bot: Bot, deps: Deps, actor: Actor, *, state: FSMContext, _: Translator
) -> None:
    data = await state.get_data()
    attempt_id, position = int(data[ATTEMPT]), int(data[POSITION])
    before = await current_question(deps, actor, attempt_id=attempt_id)
    chat_id = message.chat.id
    if before.result is not None:
        await _send_result(bot, chat_id, state, before.result, _)
        return
    question = before.question
    if question is None or question.position != position or question.kind not in TYPED_KINDS:
        # The attempt moved on elsewhere (the web panel): show where it stands.
        await message.answer(_(STALE_QUESTION))
        await _show(bot, chat_id, before, deps=deps, actor=actor, state=state, _=_)
        return
    answer = _typed_answer(question, message.text or "")
    after = await answer_question(
        deps, actor, attempt_id=attempt_id, position=position, answer=answer
    )
    prompt = data.get(PROMPT)
    if isinstance(prompt, int):
        with suppress(TelegramBadRequest):  # the question's message is gone: nothing to tidy
            await bot.edit_message_text(
                _answered_text(question, answer, _) if after.result is None else _("Time is up."),
                chat_id=chat_id,
                message_id=prompt,
            )
    if after.result is not None:
        await _send_result(bot, chat_id, state, after.result, _)
        return
    await _show(bot, chat_id, after, deps=deps, actor=actor, state=state, _=_)


async def not_typed(message: Message, _: Translator) -> None:
    # Only a typed question (short, numeric, fill-in-the-blank) waits in ``Taking.typing``.
    await message.answer(_(TYPE_AS_TEXT))


# --- finishing, resuming, reviewing --------------------------------------------------------


async def finish_pressed(
    query: CallbackQuery,
    *,
    callback_data: FinishTest,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    attempt_id = callback_data.attempt
    if not callback_data.sure:
        shown = await current_question(deps, actor, attempt_id=attempt_id)
        if shown.result is not None:
            await _already_finished(query, bot, state, shown.result, _)
            return
        await query.answer()
        await _send_finish_prompt(bot, chat_of(query), state, shown, _)
        return
    if (await state.get_data()).get(SHOWN) == attempt_id:
        await query.answer(_(FINISHED))
        return
    result = await finish_attempt(deps, actor, attempt_id=attempt_id)
    await query.answer()
    await replace_pressed(query, bot, _("The test is finished."))
    await _send_result(bot, chat_of(query), state, result, _)


async def resume_pressed(
    query: CallbackQuery,
    *,
    callback_data: ResumeTest,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    shown = await current_question(deps, actor, attempt_id=callback_data.attempt)
    if shown.result is not None:
        await _already_finished(query, bot, state, shown.result, _)
        return
    await query.answer()
    if shown.question is None and shown.answered < shown.total:
        # Nothing left ahead: go back to the first question.
        shown = await go_to_question(deps, actor, attempt_id=callback_data.attempt, position=0)
    await _show(bot, chat_of(query), shown, deps=deps, actor=actor, state=state, _=_)


def review_lines(items: Sequence[ReviewItem], _: Translator) -> list[str]:
    """The review of mistakes: each question not answered fully right, compactly."""
    wrong = [item for item in items if item.score < item.points * FULL]
    if not wrong:
        return [_("No mistakes: every answer is right.")]
    lines = [_("Your mistakes:")]
    for item in wrong:
        texts, lefts = body_words(item.kind, item.snapshot.get("body", {}), _.language)
        lines += [
            "",
            f"{item.position + 1}. {localised(item.text, _.language)}",
            _(
                "Your answer: {answer}",
                answer=answer_words(
                    item.kind, item.answer, texts=texts, lefts=lefts, language=_.language
                ),
            ),
            _(
                "Right answer: {answer}",
                answer=answer_words(
                    item.kind, item.correct_answer, texts=texts, lefts=lefts, language=_.language
                ),
            ),
        ]
        if item.score:
            lines.append(
                _(
                    "Points: {earned} of {points}.",
                    earned=_points(item.score, _.language),
                    points=item.points,
                )
            )
    return lines


def _chunks(lines: Sequence[str]) -> list[str]:
    """Lines joined into messages Telegram accepts."""
    chunks: list[str] = []
    current = ""
    for whole in lines:
        line = whole[:MESSAGE_MAX]
        if current and len(current) + len(line) + 1 > MESSAGE_MAX:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


async def review_pressed(
    query: CallbackQuery, *, callback_data: ReviewTest, bot: Bot, actor: Actor, _: Translator
) -> None:
    items = await attempt_review(actor, attempt_id=callback_data.attempt)
    await query.answer()
    for chunk in _chunks(review_lines(items, _)):
        await bot.send_message(chat_of(query), chunk)


def router() -> Router:
    tests = Router(name="tests")
    for observer in (tests.message, tests.callback_query):
        observer.filter(Private(), Linked())
    student = ActingAs(Role.STUDENT)
    readers = ActingAs(Role.STUDENT, Role.PARENT)
    tests.message.register(show_tests, MenuButton("tests"), readers)
    tests.callback_query.register(test_opened, StartTest.filter(F.step == OPEN), readers)
    tests.callback_query.register(test_started, StartTest.filter(F.step == GO), student)
    tests.callback_query.register(pressed, Press.filter(), student)
    tests.callback_query.register(finish_pressed, FinishTest.filter(), student)
    tests.callback_query.register(resume_pressed, ResumeTest.filter(), student)
    tests.callback_query.register(review_pressed, ReviewTest.filter(), student)
    typing = StateFilter(Taking.typing)
    # A reply to a bridged chat message is for the chat router, even while a typed question
    # waits for its answer.
    chat_reply = ~BridgedReply()
    tests.message.register(
        answer_typed,
        typing,
        student,
        F.text,
        ~F.text.startswith("/"),
        ~AnyMenuButton(),
        chat_reply,
    )
    tests.message.register(not_typed, typing, student, ~F.text, chat_reply)
    return tests
