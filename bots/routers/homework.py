""" "Homework" in the main bot.

- A **student** sees their open homework, opens one (its files come as documents) and hands
  in: "Hand in" → any number of texts, files and photos → "Send".
- A **parent** sees the chosen child's homework, read only.
- A **teacher** sets homework on a lesson of the last week (text → optional files → a due
  time chosen from a few or typed as ``31.12 18:00`` local time) and reviews answers
  waiting for them: a comment if they like, then a grade, "no grade" or "return for rework".

Files are downloaded from Telegram and checked as they arrive, so a refused one is named at
once and left out; they are downloaded again when the answer or homework is sent (only
Telegram's file ids are kept in the FSM data, never the bytes).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from aiogram import Bot, F, Router
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

from bots.children import ask_for_child, chosen_child, viewed_child
from bots.keyboards import AnyMenuButton, MenuButton, button, one_per_row
from bots.middlewares import Choice
from bots.prompts import chat_of, close_prompt, leave_flow, pressed_id
from bots.routers.filters import ActingAs, Linked, Private
from bots.texts import STALE_BUTTON, Translator
from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput
from core.i18n import N_
from core.services.grades import value_label
from core.services.homework import (
    SUBMISSION_STATUS_LABELS,
    FileView,
    HomeworkView,
    StudentHomework,
    SubmissionView,
    Upload,
    access_submission,
    check_upload,
    due_options,
    hand_in,
    homework_file,
    lesson_homework,
    lessons_for_homework,
    open_homework,
    parse_local_datetime,
    review_submission,
    set_homework,
    student_homework,
    waiting_for_review,
)
from core.services.lessons import format_when
from core.services.telegram import Identity, Role

NOT_HANDED_IN = N_("Not handed in")
DUE_LABELS = {
    "next": N_("Next lesson"),
    "2d": N_("In 2 days"),
    "7d": N_("In a week"),
}
NO_DUE = "none"
NO_GRADE = "-"
TEXT_ONLY_HERE = N_("Send text, a file or a photo.")

# FSM data of the flows (next to the role choice the middleware keeps there).
HOMEWORK = "hw_homework_id"
LESSON = "hw_lesson_id"
GROUP = "hw_group"
ZONE = "hw_timezone"
DAY = "hw_day"
TEXTS = "hw_texts"
FILES = "hw_files"  # [[telegram file id, file name], ...]
ANSWER = "hw_submission_id"
COMMENT = "hw_comment"
TYPED = "hw_typed_grade"  # the scale's grades are typed (0 to 100), not chosen
CHOICES = "hw_grades"
PROMPT = "hw_prompt_id"  # the bot's message whose buttons are live now
_KEYS = (HOMEWORK, LESSON, GROUP, ZONE, DAY, TEXTS, FILES, ANSWER, COMMENT, TYPED, CHOICES, PROMPT)


class OpenHomework(CallbackData, prefix="hw"):
    id: int


class StartHandIn(CallbackData, prefix="hwin"):
    id: int


class Finish(CallbackData, prefix="hwgo"):
    """Send (or go on to the next step) or cancel the flow in progress."""

    go: bool


class ChooseLesson(CallbackData, prefix="hwset"):
    lesson_id: int


class ChooseDue(CallbackData, prefix="hwdue"):
    key: str


class OpenAnswer(CallbackData, prefix="hwrev"):
    id: int


class Decide(CallbackData, prefix="hwok"):
    """A review: ``grade`` a value, ``-`` for none; ``back`` returns it for rework."""

    id: int
    grade: str = NO_GRADE
    back: bool = False


class HandIn(StatesGroup):
    collecting = State()


class SetHomework(StatesGroup):
    text = State()
    files = State()
    due = State()


class Review(StatesGroup):
    deciding = State()


# --- shared pieces -------------------------------------------------------------------------


def _finish_keyboard(_: Translator, go: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(go, Finish(go=True)), button(_("Cancel"), Finish(go=False))]]
    )


def _local(view: HomeworkView) -> str:
    return format_when(view.due_at, view.lesson.timezone) if view.due_at else ""


def _status(item: StudentHomework, _: Translator) -> str:
    answer = item.submission
    if answer is None:
        return _(NOT_HANDED_IN)
    status = _(SUBMISSION_STATUS_LABELS[answer.status])
    if answer.grade:
        status = _("{status}, grade {grade}", status=status, grade=_(value_label(answer.grade)))
    if answer.late:
        status = _("{status} (late)", status=status)
    return status


async def _live(query: CallbackQuery, state: FSMContext) -> bool:
    """Whether the pressed button is under the flow's current prompt."""
    return pressed_id(query) == (await state.get_data()).get(PROMPT)


def _incoming_file(message: Message) -> tuple[str, str, int | None] | None:
    """(file id, name, size) of a document or photo message."""
    if message.document is not None:
        document = message.document
        return document.file_id, document.file_name or "file", document.file_size
    if message.photo:
        largest = message.photo[-1]
        return largest.file_id, f"photo-{message.message_id}.jpg", largest.file_size
    return None


async def _take_file(
    message: Message, bot: Bot, deps: Deps, state: FSMContext, _: Translator
) -> None:
    """Check a file as it arrives and remember it; a refused one is named and left out."""
    incoming = _incoming_file(message)
    if incoming is None:
        return
    file_id, name, size = incoming
    limit = deps.settings.max_upload_bytes
    if size is not None and size > limit:
        # Not even downloaded: Telegram told us the size.
        raise InvalidInput(
            N_("The file {name} is too large: at most {limit} MB."),
            name=name,
            limit=max(1, limit // (1024 * 1024)),
        )
    check_upload(deps, Upload(name, await _download(bot, file_id)))
    data = await state.get_data()
    files = [*data.get(FILES, []), [file_id, name]]
    texts = list(data.get(TEXTS, []))
    if message.caption:
        texts.append(message.caption)
    await state.update_data({FILES: files, TEXTS: texts})
    await message.reply(_("Added {name}.", name=name))


async def _download(bot: Bot, file_id: str) -> bytes:
    downloaded = await bot.download(file_id)
    return downloaded.read() if downloaded is not None else b""


async def _uploads(bot: Bot, files: Sequence[Sequence[str]]) -> list[Upload]:
    return [Upload(name, await _download(bot, file_id)) for file_id, name in files]


async def _send_files(
    bot: Bot, chat_id: int, deps: Deps, actor: Actor, files: Sequence[FileView]
) -> None:
    for file in files:
        stored = await homework_file(deps, actor, file_id=file.id)
        await bot.send_document(chat_id, FSInputFile(stored.path, filename=stored.filename))


# --- students and parents ------------------------------------------------------------------


def _list_text(items: Sequence[StudentHomework], _: Translator, *, child: str) -> str:
    if not items:
        if child:
            return _("{name} has no open homework.", name=child)
        return _("You have no open homework.")
    lines = [_("Homework of {name}:", name=child) if child else _("Your homework:")]
    for item in items:
        due = _local(item.homework)
        lines.append(
            _(
                "• {group}, due {due}: {status}",
                group=item.homework.group_name,
                due=due,
                status=_status(item, _),
            )
            if due
            else _("• {group}: {status}", group=item.homework.group_name, status=_status(item, _))
        )
    return "\n".join(lines)


def _list_keyboard(items: Sequence[StudentHomework]) -> InlineKeyboardMarkup:
    buttons = []
    for item in items:
        due = _local(item.homework)
        label = f"{item.homework.group_name} · {due}" if due else item.homework.group_name
        buttons.append(button(label, OpenHomework(id=item.homework.id)))
    return one_per_row(buttons)


async def show_homework(
    message: Message,
    deps: Deps,
    actor: Actor,
    identity: Identity,
    choice: Choice,
    _: Translator,
) -> None:
    if choice.role is Role.TEACHER:
        await _teacher_menu(message, deps, actor, _)
        return
    child = ""
    if choice.role is Role.PARENT:
        picked = chosen_child(identity, choice)
        if picked is None:
            await ask_for_child(message, identity, _)
            return
        child = picked.full_name
    items = await open_homework(deps, actor, student_id=viewed_child(choice))
    await message.answer(
        _list_text(items, _, child=child),
        reply_markup=_list_keyboard(items) if items else None,
    )


def _detail_text(item: StudentHomework, _: Translator) -> str:
    homework = item.homework
    due = _local(homework)
    lines = [
        _(
            "{group}, lesson of {date}",
            group=homework.group_name,
            date=homework.lesson.local_start.strftime("%d.%m"),
        ),
        _("Due: {due}", due=due) if due else _("No due date."),
        _("Status: {status}", status=_status(item, _)),
        "",
        homework.text,
    ]
    answer = item.submission
    if answer is not None and answer.comment:
        lines += ["", _("Teacher's comment: {comment}", comment=answer.comment)]
    return "\n".join(lines)


async def homework_opened(
    query: CallbackQuery,
    *,
    callback_data: OpenHomework,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    choice: Choice,
    _: Translator,
) -> None:
    item = await student_homework(
        deps,
        actor,
        homework_id=callback_data.id,
        student_id=viewed_child(choice),
    )
    await query.answer()
    chat_id = chat_of(query)
    await _send_files(bot, chat_id, deps, actor, item.homework.files)
    markup = (
        one_per_row([button(_("Hand in"), StartHandIn(id=item.homework.id))])
        if item.can_hand_in
        else None
    )
    await bot.send_message(chat_id, _detail_text(item, _), reply_markup=markup)


async def hand_in_started(
    query: CallbackQuery,
    *,
    callback_data: StartHandIn,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    item = await student_homework(deps, actor, homework_id=callback_data.id)
    if not item.can_hand_in:
        await query.answer(_(STALE_BUTTON))
        return
    await query.answer()
    chat_id = chat_of(query)
    prompt = await bot.send_message(
        chat_id,
        _(
            "Send your answer to “{group}”: text, files or photos, in as many messages as you "
            "like. Then press “Send”.",
            group=item.homework.group_name,
        ),
        reply_markup=_finish_keyboard(_, _("Send")),
    )
    await leave_flow(state, _KEYS)
    await state.set_state(HandIn.collecting)
    await state.update_data(
        {HOMEWORK: item.homework.id, GROUP: item.homework.group_name, PROMPT: prompt.message_id}
    )


async def answer_text(message: Message, state: FSMContext, _: Translator) -> None:
    data = await state.get_data()
    texts = [*data.get(TEXTS, []), message.text or ""]
    await state.update_data({TEXTS: texts})
    await message.reply(_("Added. Send more, or press “Send”."))


async def answer_file(
    message: Message, bot: Bot, deps: Deps, state: FSMContext, _: Translator
) -> None:
    await _take_file(message, bot, deps, state, _)


async def not_taken(message: Message, _: Translator) -> None:
    await message.answer(_(TEXT_ONLY_HERE))


async def hand_in_finished(
    query: CallbackQuery,
    *,
    callback_data: Finish,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    if not await _live(query, state):
        await query.answer(_(STALE_BUTTON))
        return
    data = await state.get_data()
    if not callback_data.go:
        await leave_flow(state, _KEYS)
        await close_prompt(query, bot, _("Cancelled. Nothing was handed in."))
        return
    item = await hand_in(
        deps,
        actor,
        homework_id=int(data[HOMEWORK]),
        text="\n\n".join(data.get(TEXTS, [])),
        uploads=await _uploads(bot, data.get(FILES, [])),
    )
    await leave_flow(state, _KEYS)
    late = item.submission is not None and item.submission.late
    await close_prompt(
        query,
        bot,
        _("Handed in to “{group}”, after the due time.", group=item.homework.group_name)
        if late
        else _("Handed in to “{group}”.", group=item.homework.group_name),
    )


# --- teachers: setting homework ------------------------------------------------------------


async def _teacher_menu(message: Message, deps: Deps, actor: Actor, _: Translator) -> None:
    lessons = await lessons_for_homework(deps, actor)
    if lessons:
        buttons = []
        for found in lessons:
            start = format_when(found.lesson.starts_at, found.lesson.timezone)
            mark = " ✓" if found.homework else ""
            buttons.append(
                button(
                    f"{start} {found.lesson.group_name}{mark}",
                    ChooseLesson(lesson_id=found.lesson.id),
                )
            )
        await message.answer(
            _("Your lessons of the last week. Choose one to set or change its homework."),
            reply_markup=one_per_row(buttons),
        )
    else:
        await message.answer(_("You had no lessons in the last week."))
    waiting = await waiting_for_review(actor)
    if not waiting:
        await message.answer(_("No answers are waiting for review."))
        return
    await message.answer(
        _("Answers waiting for review: {count}.", count=len(waiting)),
        reply_markup=one_per_row(
            button(
                f"{w.submission.student_name} · {w.homework.group_name}",
                OpenAnswer(id=w.submission.id),
            )
            for w in waiting
        ),
    )


async def lesson_chosen(
    query: CallbackQuery,
    *,
    callback_data: ChooseLesson,
    bot: Bot,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    found = await lesson_homework(actor, lesson_id=callback_data.lesson_id)
    await query.answer()
    lesson = found.lesson
    text = _(
        "Write the homework for {group}, lesson of {date}.",
        group=lesson.group_name,
        date=format_when(lesson.starts_at, lesson.timezone),
    )
    if found.homework is not None:
        text += "\n\n" + _("Now it is: {text}", text=found.homework.text)
    chat_id = chat_of(query)
    cancel = one_per_row([button(_("Cancel"), Finish(go=False))])
    prompt = await bot.send_message(chat_id, text, reply_markup=cancel)
    await leave_flow(state, _KEYS)
    await state.set_state(SetHomework.text)
    await state.update_data(
        {
            LESSON: lesson.id,
            GROUP: lesson.group_name,
            ZONE: lesson.timezone,
            DAY: lesson.local_day.isoformat(),
            PROMPT: prompt.message_id,
        }
    )


async def homework_text(message: Message, state: FSMContext, _: Translator) -> None:
    prompt = await message.reply(
        _(
            "Send files for the homework if there are any (documents or photos), "
            "then press “Next”."
        ),
        reply_markup=_finish_keyboard(_, _("Next")),
    )
    await state.set_state(SetHomework.files)
    await state.update_data({TEXTS: [message.text or ""], PROMPT: prompt.message_id})


async def homework_file_added(
    message: Message, bot: Bot, deps: Deps, state: FSMContext, _: Translator
) -> None:
    await _take_file(message, bot, deps, state, _)


async def setting_finished(
    query: CallbackQuery,
    *,
    callback_data: Finish,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    """Cancel at any step; "Next" after the files asks for the due time."""
    if not await _live(query, state):
        await query.answer(_(STALE_BUTTON))
        return
    if not callback_data.go:
        await leave_flow(state, _KEYS)
        await close_prompt(query, bot, _("Cancelled. The homework is not changed."))
        return
    if await state.get_state() != SetHomework.files.state:
        await query.answer(_(STALE_BUTTON))
        return
    data = await state.get_data()
    options = await due_options(deps, actor, lesson_id=int(data[LESSON]))
    buttons = [
        button(
            f"{_(DUE_LABELS[option.key])} · {format_when(option.due_at, str(data[ZONE]))}",
            ChooseDue(key=option.key),
        )
        for option in options
    ]
    buttons.append(button(_("No due date"), ChooseDue(key=NO_DUE)))
    buttons.append(button(_("Cancel"), Finish(go=False)))
    await query.answer()
    chat_id = chat_of(query)
    prompt = await bot.send_message(
        chat_id,
        _("When is it due? Choose, or write the date and time like 31.12 18:00."),
        reply_markup=one_per_row(buttons),
    )
    await state.set_state(SetHomework.due)
    await state.update_data({PROMPT: prompt.message_id})


async def more_homework_text(message: Message, state: FSMContext, _: Translator) -> None:
    """More text after the first message (a long task sent in parts)."""
    data = await state.get_data()
    await state.update_data({TEXTS: [*data.get(TEXTS, []), message.text or ""]})
    await message.reply(_("Added. Send files, or press “Next”."))


async def _save_homework(
    bot: Bot, deps: Deps, actor: Actor, state: FSMContext, due_at: datetime | None
) -> str:
    """Set the homework the flow collected; the group's name for the answer."""
    data = await state.get_data()
    homework = await set_homework(
        deps,
        actor,
        lesson_id=int(data[LESSON]),
        text="\n\n".join(data.get(TEXTS, [])),
        due_at=due_at,
        uploads=await _uploads(bot, data.get(FILES, [])),
    )
    await leave_flow(state, _KEYS)
    return homework.group_name


def _saved_text(group: str, due_at: datetime | None, zone: str, _: Translator) -> str:
    if due_at is None:
        return _("The homework for {group} is set, with no due date.", group=group)
    return _(
        "The homework for {group} is set, due {due}.", group=group, due=format_when(due_at, zone)
    )


async def due_chosen(
    query: CallbackQuery,
    *,
    callback_data: ChooseDue,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    if not await _live(query, state):
        await query.answer(_(STALE_BUTTON))
        return
    data = await state.get_data()
    due_at: datetime | None = None
    if callback_data.key != NO_DUE:
        options = await due_options(deps, actor, lesson_id=int(data[LESSON]))
        chosen = next((o for o in options if o.key == callback_data.key), None)
        if chosen is None:  # the moment passed while the teacher was choosing
            await query.answer(_(STALE_BUTTON))
            return
        due_at = chosen.due_at
    group = await _save_homework(bot, deps, actor, state, due_at)
    await close_prompt(query, bot, _saved_text(group, due_at, str(data[ZONE]), _))


async def due_typed(
    message: Message, bot: Bot, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    data = await state.get_data()
    due_at = parse_local_datetime(
        message.text or "", timezone=str(data[ZONE]), today=date.fromisoformat(str(data[DAY]))
    )
    group = await _save_homework(bot, deps, actor, state, due_at)
    await message.reply(_saved_text(group, due_at, str(data[ZONE]), _))


# --- teachers: reviewing -------------------------------------------------------------------


def _decide_keyboard(
    submission_id: int, choices: Sequence[str], can_grade: bool, _: Translator
) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    if can_grade and choices:
        buttons = [
            button(_(value_label(value)), Decide(id=submission_id, grade=value))
            for value in choices
        ]
        rows += [buttons[start : start + 4] for start in range(0, len(buttons), 4)]
    rows.append([button(_("Accept without a grade"), Decide(id=submission_id))])
    rows.append([button(_("Return for rework"), Decide(id=submission_id, back=True))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _answer_text(answer: SubmissionView, group: str, zone: str, _: Translator) -> str:
    when = format_when(answer.submitted_at, zone)
    lines = [
        _("{student}, {group}", student=answer.student_name, group=group),
        _("Handed in {when}, after the due time.", when=when)
        if answer.late
        else _("Handed in {when}.", when=when),
    ]
    if answer.text:
        lines += ["", answer.text]
    return "\n".join(lines)


def _decide_prompt(choices: Sequence[str], can_grade: bool, _: Translator) -> str:
    if can_grade and not choices:
        return _(
            "Write a comment if you like. Then send the grade (0 to 100) as a message, or "
            "choose below."
        )
    return _("Write a comment if you like, then choose.")


async def answer_opened(
    query: CallbackQuery,
    *,
    callback_data: OpenAnswer,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    task = await access_submission(actor, submission_id=callback_data.id)
    await query.answer()
    chat_id = chat_of(query)
    answer = task.submission
    zone = task.homework.lesson.timezone
    await bot.send_message(chat_id, _answer_text(answer, task.homework.group_name, zone, _))
    await _send_files(bot, chat_id, deps, actor, answer.files)
    prompt = await bot.send_message(
        chat_id,
        _decide_prompt(task.grade_choices, task.can_grade, _),
        reply_markup=_decide_keyboard(answer.id, task.grade_choices, task.can_grade, _),
    )
    await leave_flow(state, _KEYS)
    await state.set_state(Review.deciding)
    await state.update_data(
        {
            ANSWER: answer.id,
            COMMENT: "",
            TYPED: task.can_grade and not task.grade_choices,
            CHOICES: list(task.grade_choices) if task.can_grade else [],
            PROMPT: prompt.message_id,
        }
    )


async def _review(
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    *,
    grade: str,
    back: bool,
    _: Translator,
) -> str:
    """Review the answer the flow holds; the sentence to close it with."""
    data = await state.get_data()
    answer = await review_submission(
        deps,
        actor,
        submission_id=int(data[ANSWER]),
        comment=str(data.get(COMMENT, "")),
        grade=grade,
        return_for_rework=back,
    )
    await leave_flow(state, _KEYS)
    if back:
        return _("Returned to {student} for rework.", student=answer.student_name)
    if answer.grade:
        return _(
            "Reviewed: {student}, grade {grade}.",
            student=answer.student_name,
            grade=_(value_label(answer.grade)),
        )
    return _("Reviewed: {student}, no grade.", student=answer.student_name)


async def decided(
    query: CallbackQuery,
    *,
    callback_data: Decide,
    bot: Bot,
    deps: Deps,
    actor: Actor,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await state.get_data()
    if not await _live(query, state) or data.get(ANSWER) != callback_data.id:
        await query.answer(_(STALE_BUTTON))
        return
    grade = "" if callback_data.grade == NO_GRADE else callback_data.grade
    done = await _review(bot, deps, actor, state, grade=grade, back=callback_data.back, _=_)
    await close_prompt(query, bot, done)


async def comment_typed(
    message: Message, bot: Bot, deps: Deps, actor: Actor, state: FSMContext, _: Translator
) -> None:
    """A comment (the last one counts); on the 100-point scale a bare number is the grade."""
    data = await state.get_data()
    typed = (message.text or "").strip()
    if data.get(TYPED) and typed.isdigit():
        await message.reply(await _review(bot, deps, actor, state, grade=typed, back=False, _=_))
        return
    choices = [str(value) for value in data.get(CHOICES, [])]
    prompt = await message.reply(
        _("Comment noted. Now choose."),
        reply_markup=_decide_keyboard(int(data[ANSWER]), choices, bool(choices), _),
    )
    await state.update_data({COMMENT: typed, PROMPT: prompt.message_id})


def router() -> Router:
    homework = Router(name="homework")
    for observer in (homework.message, homework.callback_query):
        observer.filter(Private(), Linked())
    student, teacher = ActingAs(Role.STUDENT), ActingAs(Role.TEACHER)
    typed_text = (F.text, ~F.text.startswith("/"), ~AnyMenuButton())
    a_file = F.document | F.photo
    homework.message.register(show_homework, MenuButton("homework"))
    homework.callback_query.register(homework_opened, OpenHomework.filter())
    # Students hand in.
    collecting = StateFilter(HandIn.collecting)
    homework.callback_query.register(hand_in_started, StartHandIn.filter(), student)
    homework.callback_query.register(hand_in_finished, Finish.filter(), collecting, student)
    homework.message.register(answer_text, collecting, student, *typed_text)
    homework.message.register(answer_file, collecting, student, a_file)
    homework.message.register(not_taken, collecting, student, ~F.text)
    # Teachers set homework.
    setting = StateFilter(SetHomework.text, SetHomework.files, SetHomework.due)
    homework.callback_query.register(lesson_chosen, ChooseLesson.filter(), teacher)
    homework.callback_query.register(setting_finished, Finish.filter(), setting, teacher)
    homework.message.register(homework_text, StateFilter(SetHomework.text), teacher, *typed_text)
    files_step = StateFilter(SetHomework.files)
    homework.message.register(more_homework_text, files_step, teacher, *typed_text)
    homework.message.register(homework_file_added, files_step, teacher, a_file)
    due_step = StateFilter(SetHomework.due)
    homework.callback_query.register(due_chosen, ChooseDue.filter(), due_step, teacher)
    homework.message.register(due_typed, due_step, teacher, *typed_text)
    # Teachers review.
    reviewing = StateFilter(Review.deciding)
    homework.callback_query.register(answer_opened, OpenAnswer.filter(), teacher)
    homework.callback_query.register(decided, Decide.filter(), reviewing, teacher)
    homework.message.register(comment_typed, reviewing, teacher, *typed_text)
    return homework
