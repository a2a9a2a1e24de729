""" "Programming" in the main bot: programming tasks of the online judge (issue 10).

- **The list**: the tasks the user may open (``list_tasks``), ten buttons a page.
- **A task**: its title and statement in the user's language (as plain text: a statement is
  written by a teacher and is not trusted as markup), the limits and the examples, with
  "Send a solution" and "My submissions". A long statement comes in several messages.
- **Sending**: the language (four buttons), then the program as a message or as a file of
  at most ``MAX_SOURCE_BYTES`` (a bigger file is refused before it is downloaded; a typed
  program near Telegram's 4096 characters is asked for as a file, since Telegram apps cut
  longer texts into several messages). Core queues it; the verdict comes back later
  through the outbox (``judge_queue``). A refused program (empty, binary, not UTF-8) is
  explained by the errors router and the bot keeps waiting for another one.
- **My submissions**: the newest ones with their verdicts and the test that failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as html_escape

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.delivery import TEXT_LIMIT, split_text
from bots.keyboards import AnyMenuButton, MenuButton, button, one_per_row
from bots.prompts import chat_of, close_prompt, leave_flow, pressed_id, replace_pressed
from bots.routers.chat import BridgedReply
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import (
    CANCEL,
    EARLIER_PAGE,
    LATER_PAGE,
    PRESS_A_BUTTON,
    STALE_BUTTON,
    Translator,
)
from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput
from core.i18n import N_
from core.judge.package import Statement
from core.services.judge_tasks import (
    STATEMENT_LANGUAGES,
    TaskRow,
    TaskView,
    list_tasks,
    pick_title,
    task_view,
    title_in,
)
from core.services.programming_rating import my_places
from core.services.submissions import (
    LANGUAGE_LABELS,
    MAX_SOURCE_BYTES,
    STATE_LABELS,
    VERDICT_LABELS,
    SubmissionChannel,
    SubmissionRow,
    check_language,
    submit,
    task_submissions,
)
from core.services.telegram import Role

#: Tasks on one page of the list.
PAGE_SIZE = 10
#: Characters of an example shown; a longer one is cut (the whole tests stay in the panel).
SAMPLE_CHARS = 1000
#: A statement's paragraphs are cut into pieces this long, so a message stays under the limit.
PIECE_CHARS = 3000
FILE_TOO_LARGE = N_(
    "The file {name} is larger than {limit} KB, so it was not sent. Send a shorter program."
)
CODE_ONLY = N_("Send the program as a text message or as a file.")
#: A typed program this long may have reached us cut: Telegram apps split a text longer than
#: 4096 characters into several messages, and each would arrive as a program of its own.
LONG_TEXT = 4000
TYPED_TOO_LONG = N_(
    "A message this long may have been cut into parts by Telegram. Send a program longer "
    "than {limit} characters as a file."
)

# FSM data of the sending flow (next to the role choice the middleware keeps there).
TASK = "judge_task_id"
TITLE = "judge_title"
LANGUAGE = "judge_language"
PROMPT = "judge_prompt_id"  # the bot's message whose buttons are live now
_KEYS = (TASK, TITLE, LANGUAGE, PROMPT)


class TaskPage(CallbackData, prefix="jgp"):
    page: int


class OpenTask(CallbackData, prefix="jgt"):
    id: int


class StartSolution(CallbackData, prefix="jgs"):
    id: int


class ChooseLanguage(CallbackData, prefix="jgl"):
    id: int
    language: str


class MySubmissions(CallbackData, prefix="jgm"):
    id: int


class CancelSolution(CallbackData, prefix="jgc"):
    pass


class MyPlace(CallbackData, prefix="jgr"):
    pass


class SendSolution(StatesGroup):
    language = State()
    code = State()


# --- the list ------------------------------------------------------------------------------


def _pages(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


def _list_text(rows: Sequence[TaskRow], page: int, _: Translator) -> str:
    pages = _pages(len(rows))
    if pages == 1:
        return _("Programming tasks. Choose one to read it and send a solution.")
    return _(
        "Programming tasks, page {page} of {pages}. Choose one to read it and send a solution.",
        page=page + 1,
        pages=pages,
    )


def _task_label(row: TaskRow, _: Translator) -> str:
    """The task's title; a teacher also sees their tasks not yet open to students."""
    title = pick_title(row.titles, _.language, row.name)
    return title if row.published else _("{title} (not published)", title=title)


def _list_keyboard(
    rows: Sequence[TaskRow], page: int, _: Translator, *, rated: bool
) -> InlineKeyboardMarkup:
    """A page of tasks; students (the rated ones) also get "My place" under it."""
    shown = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    keyboard = [[button(_task_label(row, _), OpenTask(id=row.id))] for row in shown]
    turns = []
    if page > 0:
        turns.append(button(_(EARLIER_PAGE), TaskPage(page=page - 1)))
    if page + 1 < _pages(len(rows)):
        turns.append(button(_(LATER_PAGE), TaskPage(page=page + 1)))
    if turns:
        keyboard.append(turns)
    if rated:
        keyboard.append([button(_("My place"), MyPlace())])
    return InlineKeyboardMarkup(inline_keyboard=keyboard)


async def show_tasks(message: Message, actor: Actor, _: Translator) -> None:
    rows = await list_tasks(actor)
    if not rows:
        await message.answer(_("No programming tasks are open to you yet."))
        return
    await message.answer(
        _list_text(rows, 0, _),
        reply_markup=_list_keyboard(rows, 0, _, rated=Role.STUDENT in actor.roles),
    )


async def page_turned(
    query: CallbackQuery, *, callback_data: TaskPage, bot: Bot, actor: Actor, _: Translator
) -> None:
    rows = await list_tasks(actor)
    if not rows or not 0 <= callback_data.page < _pages(len(rows)):
        await query.answer(_(STALE_BUTTON))
        return
    await query.answer()
    page = callback_data.page
    await replace_pressed(
        query,
        bot,
        _list_text(rows, page, _),
        _list_keyboard(rows, page, _, rated=Role.STUDENT in actor.roles),
    )


async def place_shown(query: CallbackQuery, *, bot: Bot, actor: Actor, _: Translator) -> None:
    places = await my_places(actor)
    await query.answer()
    if places.everywhere is None:
        await bot.send_message(
            chat_of(query), _("You are not in the programming rating: it rates students.")
        )
        return
    lines = [
        _(
            "Your place in the programming rating: {place} of {count} ({points} points).",
            place=places.everywhere.place,
            count=places.everywhere.rated,
            points=places.everywhere.points,
        )
    ]
    if places.city is not None:
        lines.append(
            _(
                "In {city}: {place} of {count}.",
                city=places.city_name,
                place=places.city.place,
                count=places.city.rated,
            )
        )
    if places.school is not None:
        lines.append(
            _(
                "In your school: {place} of {count}.",
                place=places.school.place,
                count=places.school.rated,
            )
        )
    await bot.send_message(chat_of(query), "\n".join(lines))


# --- a task --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    """A piece of a message in Telegram HTML and how long it shows (its text, unescaped)."""

    html: str
    shown: int


def _escape(text: str) -> str:
    """Text for Telegram HTML (which knows only four named entities; quotes need none)."""
    return html_escape(text, quote=False)


def _shown_length(text: str) -> int:
    """Telegram counts a message's length in UTF-16 units."""
    return len(text.encode("utf-16-le")) // 2


def _plain(text: str, heading: str = "") -> list[_Block]:
    """Untrusted text as blocks short enough for one message each, under a bold heading."""
    pieces = split_text(text.strip(), PIECE_CHARS) if text.strip() else []
    if heading:
        if not pieces:
            return []
        first = f"<b>{_escape(heading)}</b>\n{_escape(pieces[0])}"
        blocks = [_Block(first, _shown_length(f"{heading}\n{pieces[0]}"))]
        return blocks + [_Block(_escape(piece), _shown_length(piece)) for piece in pieces[1:]]
    return [_Block(_escape(piece), _shown_length(piece)) for piece in pieces]


def _cut(text: str) -> str:
    """An example as shown: the last line break dropped (it would show as an empty line)."""
    text = text.removesuffix("\n")
    return text if len(text) <= SAMPLE_CHARS else text[:SAMPLE_CHARS] + "\n…"


def _example(number: int, sample_input: str, answer: str, _: Translator) -> _Block:
    heading = _("Example {number}", number=number)
    shown_input, shown_answer = _cut(sample_input), _cut(answer)
    input_label, answer_label = _("Input:"), _("Answer:")
    html = (
        f"<b>{_escape(heading)}</b>\n{_escape(input_label)}\n<pre>{_escape(shown_input)}</pre>\n"
        f"{_escape(answer_label)}\n<pre>{_escape(shown_answer)}</pre>"
    )
    shown = f"{heading}\n{input_label}\n{shown_input}\n{answer_label}\n{shown_answer}"
    return _Block(html, _shown_length(shown))


def _statement(view: TaskView, language: str) -> Statement | None:
    for candidate in (language, *STATEMENT_LANGUAGES, *view.statements):
        if candidate in view.statements:
            return view.statements[candidate]
    return None


def _seconds(time_ms: int) -> str:
    return f"{time_ms / 1000:g}"


def _task_blocks(view: TaskView, _: Translator) -> list[_Block]:
    title = title_in(view.statements, _.language, view.name)
    limits = _(
        "Time limit: {seconds} s. Memory limit: {memory} MB.",
        seconds=_seconds(view.time_ms),
        memory=view.memory_mb,
    )
    blocks = [
        _Block(f"<b>{_escape(title)}</b>\n{_escape(limits)}", _shown_length(f"{title}\n{limits}"))
    ]
    statement = _statement(view, _.language)
    if statement is not None:
        blocks += _plain(statement.legend)
        blocks += _plain(statement.input, _("Input data"))
        blocks += _plain(statement.output, _("Output data"))
    blocks += [_example(s.number, s.input, s.answer, _) for s in view.samples]
    if statement is not None:
        blocks += _plain(statement.notes, _("Notes"))
    return blocks


def task_messages(view: TaskView, _: Translator) -> list[str]:
    """The task as messages in Telegram HTML, each within Telegram's length limit."""
    messages: list[str] = []
    html, shown = "", 0
    for block in _task_blocks(view, _):
        if html and shown + 2 + block.shown > TEXT_LIMIT:
            messages.append(html)
            html, shown = "", 0
        if html:
            html, shown = f"{html}\n\n{block.html}", shown + 2 + block.shown
        else:
            html, shown = block.html, block.shown
    messages.append(html)
    return messages


def _task_keyboard(task_id: int, _: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("Send a solution"), StartSolution(id=task_id))],
            [button(_("My submissions"), MySubmissions(id=task_id))],
        ]
    )


async def task_opened(
    query: CallbackQuery, *, callback_data: OpenTask, bot: Bot, actor: Actor, _: Translator
) -> None:
    view = await task_view(actor, callback_data.id)
    await query.answer()
    chat_id = chat_of(query)
    *first, last = task_messages(view, _)
    for html in first:
        await bot.send_message(chat_id, html, parse_mode="HTML")
    await bot.send_message(
        chat_id, last, parse_mode="HTML", reply_markup=_task_keyboard(view.id, _)
    )


# --- sending a solution --------------------------------------------------------------------


def _languages_keyboard(task_id: int, _: Translator) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = [
        [button(label, ChooseLanguage(id=task_id, language=code))]
        for code, label in LANGUAGE_LABELS.items()
    ]
    rows.append([button(_(CANCEL), CancelSolution())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _live(query: CallbackQuery, state: FSMContext) -> bool:
    """Whether the pressed button is under the flow's current prompt."""
    return pressed_id(query) == (await state.get_data()).get(PROMPT)


async def solution_started(
    query: CallbackQuery,
    *,
    callback_data: StartSolution,
    bot: Bot,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    view = await task_view(actor, callback_data.id)
    title = title_in(view.statements, _.language, view.name)
    await query.answer()
    prompt = await bot.send_message(
        chat_of(query),
        _("In which language is your solution to «{task}»?", task=title),
        reply_markup=_languages_keyboard(view.id, _),
    )
    await leave_flow(state, _KEYS)
    await state.set_state(SendSolution.language)
    await state.update_data({TASK: view.id, TITLE: title, PROMPT: prompt.message_id})


async def language_chosen(
    query: CallbackQuery,
    *,
    callback_data: ChooseLanguage,
    bot: Bot,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await state.get_data()
    if not await _live(query, state) or data.get(TASK) != callback_data.id:
        await query.answer(_(STALE_BUTTON))
        return
    check_language(callback_data.language)
    await query.answer()
    await replace_pressed(
        query,
        bot,
        _(
            "Send your solution to «{task}» in {language}: as a message or as a file of at "
            "most {limit} KB.",
            task=str(data[TITLE]),
            language=LANGUAGE_LABELS[callback_data.language],
            limit=MAX_SOURCE_BYTES // 1024,
        ),
        one_per_row([button(_(CANCEL), CancelSolution())]),
    )
    await state.set_state(SendSolution.code)
    await state.update_data({LANGUAGE: callback_data.language})


async def solution_cancelled(
    query: CallbackQuery, *, bot: Bot, state: FSMContext, _: Translator
) -> None:
    if not await _live(query, state):
        await query.answer(_(STALE_BUTTON))
        return
    await leave_flow(state, _KEYS)
    await close_prompt(query, bot, _("Cancelled. Nothing was sent."))


async def _queue(
    message: Message,
    source: bytes,
    *,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await state.get_data()
    submission_id = await submit(
        deps,
        actor,
        task_id=int(data[TASK]),
        language=str(data[LANGUAGE]),
        source=source,
        channel=SubmissionChannel.TELEGRAM,
    )
    await leave_flow(state, _KEYS)
    await message.reply(
        _("Submission {id} is queued; the verdict comes here.", id=submission_id),
        reply_markup=_task_keyboard(int(data[TASK]), _),
    )


async def code_typed(
    message: Message, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    text = message.text or ""
    if _shown_length(text) >= LONG_TEXT:
        raise InvalidInput(TYPED_TOO_LONG, limit=LONG_TEXT)
    await _queue(message, text.encode(), deps=deps, actor=actor, state=state, _=_)


async def code_file(
    message: Message, bot: Bot, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    document = message.document
    if document is None:
        return
    name = document.file_name or "file"
    if document.file_size is not None and document.file_size > MAX_SOURCE_BYTES:
        # Not even downloaded: Telegram told us the size.
        raise InvalidInput(FILE_TOO_LARGE, name=name, limit=MAX_SOURCE_BYTES // 1024)
    downloaded = await bot.download(document.file_id)
    source = downloaded.read() if downloaded is not None else b""
    await _queue(message, source, deps=deps, actor=actor, state=state, _=_)


async def not_code(message: Message, _: Translator) -> None:
    await message.answer(_(CODE_ONLY))


async def not_chosen(message: Message, _: Translator) -> None:
    await message.answer(_(PRESS_A_BUTTON))


# --- my submissions ------------------------------------------------------------------------


def _submission_line(row: SubmissionRow, _: Translator) -> str:
    language = LANGUAGE_LABELS.get(row.language, row.language)
    if row.verdict is None:
        outcome = _(STATE_LABELS[row.state])
        return _(
            "Submission {id} ({language}): {outcome}",
            id=row.id,
            language=language,
            outcome=outcome,
        )
    verdict = _(VERDICT_LABELS[row.verdict])
    if row.failed_test is not None:
        return _(
            "Submission {id} ({language}): {verdict} on test {test}",
            id=row.id,
            language=language,
            verdict=verdict,
            test=row.failed_test,
        )
    return _(
        "Submission {id} ({language}): {outcome}", id=row.id, language=language, outcome=verdict
    )


async def submissions_shown(
    query: CallbackQuery,
    *,
    callback_data: MySubmissions,
    bot: Bot,
    actor: Actor,
    _: Translator,
) -> None:
    rows = await task_submissions(actor, callback_data.id)
    await query.answer()
    if not rows:
        text = _("You have not sent solutions to this task yet.")
    else:
        lines = [_("Your latest submissions to this task:")]
        lines += [_submission_line(row, _) for row in rows]
        text = "\n".join(lines)
    await bot.send_message(
        chat_of(query),
        text,
        reply_markup=one_per_row(
            [button(_("Send a solution"), StartSolution(id=callback_data.id))]
        ),
    )


def router() -> Router:
    judge = Router(name="judge")
    for observer in (judge.message, judge.callback_query):
        observer.filter(Private(), Linked())
    solver = ActingAs(Role.STUDENT, Role.TEACHER)
    judge.message.register(show_tasks, MenuButton("judge"), solver)
    judge.callback_query.register(page_turned, TaskPage.filter(), solver)
    judge.callback_query.register(place_shown, MyPlace.filter(), solver)
    judge.callback_query.register(task_opened, OpenTask.filter(), solver)
    judge.callback_query.register(submissions_shown, MySubmissions.filter(), solver)
    judge.callback_query.register(solution_started, StartSolution.filter(), solver)
    # Commands, menu buttons and replies to bridged chat messages (for the chat router) pass
    # through the flow; a C++ program may begin with "//" or "/*": only "/word" is a command.
    passing = (~F.text.regexp(r"^/\w"), ~AnyMenuButton(), ~BridgedReply())
    choosing = StateFilter(SendSolution.language)
    judge.callback_query.register(language_chosen, ChooseLanguage.filter(), choosing, solver)
    judge.message.register(not_chosen, choosing, solver, *passing)
    sending = StateFilter(SendSolution.language, SendSolution.code)
    judge.callback_query.register(solution_cancelled, CancelSolution.filter(), sending, solver)
    waiting = StateFilter(SendSolution.code)
    judge.message.register(code_typed, waiting, solver, F.text, *passing)
    judge.message.register(code_file, waiting, solver, F.document, *passing)
    judge.message.register(not_code, waiting, solver, ~F.text, *passing)
    return judge
