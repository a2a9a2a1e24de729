"""The complaints bot: filing a complaint, checking it by its tracking code, answering.

- **Filing**: the poster's deep link (``/start org-<code>``) chooses the organisation; a
  plain ``/start`` shows "New complaint" and "Check my complaint", and "New complaint" offers
  a linked person their organisations as buttons, anyone else a typed organisation code.
  Then anonymous or named (named only where the person holds a role), a category, for "a
  teacher" whom it is about (or nobody), the text, photos and files (PDF, office documents,
  text; at most ``MAX_ATTACHMENTS`` together), "Send": the tracking code is shown once, with
  the helplines when the text suggests a child is in danger.
- **Checking**: the typed code shows the status and the thread, with "Write".
- **Answering**: "Write" and the "Reply" under a delivered answer
  (``bots.complaints_delivery``) carry the complaint's number; ``write_back`` refuses a chat
  that is not the complainant's, so a forged number gets nowhere.

Anonymity: the FSM data (in Redis when configured) holds a draft only until it is sent and
is cleared then, so no complaint number stays tied to the chat. Photos and files wait there
as Telegram file ids (never their names) and are downloaded when the complaint or message
is sent; a file's size and claimed type are checked as it arrives, so a file too large or
plainly of another kind is refused before anything is downloaded, and core reads the real
type from the bytes at "Send". Nothing here logs a chat or a user.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any
from weakref import WeakValueDictionary

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandObject, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bots.delivery import split_text
from bots.keyboards import button, one_per_row
from bots.prompts import chat_of, pressed_id, replace_pressed
from bots.routers.filters import Private
from bots.texts import (
    ABOUT_CHOSEN,
    ANONYMOUS,
    ANONYMOUS_CHOSEN,
    ANOTHER_PLACE,
    ASK_ABOUT,
    ASK_ANONYMOUS,
    ASK_ATTACHMENTS,
    ASK_MESSAGE,
    ASK_PLACE_CODE,
    ASK_TEXT,
    ASK_TRACKING_CODE,
    ATTACHMENT_DROPPED,
    CANCEL,
    CATEGORY_CHOSEN,
    CHECK_COMPLAINT,
    CHOOSE_CATEGORY,
    CHOOSE_PLACE,
    COMPLAINT_TO,
    COMPLAINTS_MENU,
    COMPLAINTS_WELCOME,
    DOCUMENT_ADDED,
    DOCUMENT_TOO_LARGE,
    EARLIER_PAGE,
    EMPTY_TEXT,
    FILED,
    FILING_CANCELLED,
    FROM_STAFF,
    FROM_YOU,
    LATER_PAGE,
    MESSAGE_SENT,
    NAMED,
    NAMED_CHOSEN,
    NEW_COMPLAINT,
    NO_ANSWER_YET,
    NOBODY,
    NOT_ACCEPTED,
    ONLY_ANONYMOUS,
    PICTURE_ADDED,
    PICTURE_TOO_LARGE,
    PRESS_A_BUTTON,
    SEND,
    STALE_BUTTON,
    TEXT_ADDED,
    TEXT_NEEDED,
    TEXT_OR_ATTACHMENT,
    TEXT_TOO_LONG,
    TOO_MANY_ATTACHMENTS,
    TRACKED,
    TRACKED_REASON,
    WAITING_FOR_YOU,
    WITH_ATTACHMENTS,
    WRITE,
    Translator,
)
from core.attachments import ALLOWED_TYPES
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, RateLimited
from core.safety import HELPLINES
from core.services.complaints import (
    ATTACHMENT_TYPES,
    CATEGORY_LABELS,
    CLOSED_STATUSES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_TEXT,
    PICTURE_TYPES,
    STATUS_LABELS,
    ComplaintAuthor,
    ComplaintCategory,
    ComplaintPlace,
    ComplaintStatus,
    Draft,
    Subject,
    Tracked,
    file_complaint,
    place_by_code,
    places_of,
    subjects,
    track,
    write_back,
)
from core.services.lessons import format_day, format_when
from core.services.telegram import Identity, identity_actor

#: People named per page of "whom is it about" (a school has dozens of teachers).
ABOUT_PAGE = 8

# FSM data of a draft; all of it goes when the draft is sent or cancelled.
ORG = "cp_org"
ORG_NAME = "cp_org_name"
ANON = "cp_anonymous"
CATEGORY = "cp_category"
ABOUT = "cp_about"
TEXT = "cp_text"
# Telegram file ids of the photos and files, in the order sent (the key predates files:
# drafts kept in Redis over an upgrade keep their photos).
ATTACHMENTS = "cp_pictures"
COMPLAINT = "cp_complaint"  # the complaint a message is written to, until it is sent
PROMPT = "cp_prompt"  # the bot's message whose choice buttons are live now


class Filing(StatesGroup):
    place = State()
    kind = State()
    category = State()
    about = State()
    text = State()
    pictures = State()


class Tracking(StatesGroup):
    code = State()


class Writing(StatesGroup):
    text = State()
    pictures = State()


class MenuAction(CallbackData, prefix="cpm"):
    action: str  # "new" or "track"


class PickPlace(CallbackData, prefix="cpo"):
    organisation_id: int  # 0: type a code


class PickKind(CallbackData, prefix="cpk"):
    named: bool


class PickCategory(CallbackData, prefix="cpc"):
    category: str


class PickAbout(CallbackData, prefix="cpa"):
    person_id: int  # 0: nobody


class AboutPage(CallbackData, prefix="cpp"):
    page: int


class Finish(CallbackData, prefix="cpf"):
    send: bool


class WriteTo(CallbackData, prefix="cpw"):
    """The "Write" button after checking a complaint and "Reply" under a delivered answer."""

    complaint_id: int


NEW, TRACK = "new", "track"
_COLLECTING = (Filing.text, Filing.pictures, Writing.text, Writing.pictures)
_IN_FLOW = (*Filing.__all_states__, *Tracking.__all_states__, *Writing.__all_states__)
_CATEGORIES = {category.value: category for category in CATEGORY_LABELS}


class _ChatLocks:
    """One lock per chat while its updates are handled: the photos of an album arrive as
    updates handled at once, and each adds itself to the same draft."""

    def __init__(self) -> None:
        self._locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()

    def __call__(self, chat_id: int) -> asyncio.Lock:
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat_id] = lock
        return lock


_drafts = _ChatLocks()


# --- keyboards ---------------------------------------------------------------------------------


def menu_keyboard(_: Translator) -> InlineKeyboardMarkup:
    return one_per_row(
        [
            button(_(NEW_COMPLAINT), MenuAction(action=NEW)),
            button(_(CHECK_COMPLAINT), MenuAction(action=TRACK)),
        ]
    )


def _cancel_row(_: Translator) -> list[InlineKeyboardButton]:
    return [button(_(CANCEL), Finish(send=False))]


def _send_keyboard(_: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(_(SEND), Finish(send=True)), *_cancel_row(_)]]
    )


def _cancel_keyboard(_: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[_cancel_row(_)])


def _categories_keyboard(_: Translator) -> InlineKeyboardMarkup:
    rows = [
        [button(_(label), PickCategory(category=category.value))]
        for category, label in CATEGORY_LABELS.items()
    ]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, _cancel_row(_)])


def _about_keyboard(people: Sequence[Subject], page: int, _: Translator) -> InlineKeyboardMarkup:
    shown = people[page * ABOUT_PAGE : (page + 1) * ABOUT_PAGE]
    rows = [[button(person.full_name, PickAbout(person_id=person.person_id))] for person in shown]
    pages = []
    if page > 0:
        pages.append(button(_(EARLIER_PAGE), AboutPage(page=page - 1)))
    if (page + 1) * ABOUT_PAGE < len(people):
        pages.append(button(_(LATER_PAGE), AboutPage(page=page + 1)))
    if pages:
        rows.append(pages)
    rows.append([button(_(NOBODY), PickAbout(person_id=0))])
    return InlineKeyboardMarkup(inline_keyboard=[*rows, _cancel_row(_)])


# --- shared pieces -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    """Where the next prompt of a flow goes: in place of the pressed message, or anew."""

    bot: Bot
    chat_id: int
    state: FSMContext
    tr: Translator
    query: CallbackQuery | None = None

    async def show(self, text: str, markup: InlineKeyboardMarkup | None) -> None:
        """Show the prompt and make its buttons the live ones."""
        if self.query is not None:
            await self.query.answer()
            await replace_pressed(self.query, self.bot, text, markup)
            prompt = pressed_id(self.query)
        else:
            prompt = (
                await self.bot.send_message(self.chat_id, text, reply_markup=markup)
            ).message_id
        await self.state.update_data({PROMPT: prompt})


def _step(query: CallbackQuery, bot: Bot, state: FSMContext, _: Translator) -> _Step:
    return _Step(bot, chat_of(query), state, _, query)


async def _live(query: CallbackQuery, state: FSMContext, expected: State) -> bool:
    """Whether the pressed button belongs to the flow's current prompt."""
    data = await state.get_data()
    return await state.get_state() == expected.state and pressed_id(query) == data.get(PROMPT)


def _can_name(identity: Identity | None, organisation_id: int) -> bool:
    place = identity.place(organisation_id) if identity is not None else None
    return place is not None and bool(place.roles)


def _helplines(urgent: bool, _: Translator) -> str:
    return "\n\n" + _(HELPLINES) if urgent else ""


async def _show_menu(bot: Bot, chat_id: int, _: Translator, text: str) -> None:
    await bot.send_message(chat_id, text, reply_markup=menu_keyboard(_))


async def _drop_buttons(step: _Step) -> None:
    """Take "Send" and "Cancel" off the pressed message: the draft is gone."""
    message = step.query.message if step.query is not None else None
    if message is not None:
        with suppress(TelegramBadRequest):  # already without them (a double tap)
            await step.bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=message.message_id
            )


async def _download(bot: Bot, file_ids: Sequence[str]) -> tuple[bytes, ...]:
    files = []
    for file_id in file_ids:
        downloaded = await bot.download(file_id)
        files.append(downloaded.read() if downloaded is not None else b"")
    return tuple(files)


def _text_problem(text: str, _: Translator) -> str | None:
    """Why ``text`` cannot be a complaint's or a message's text, if it cannot."""
    length = len(text.strip())
    if not length:
        return _(EMPTY_TEXT)
    if length > MAX_TEXT:
        return _(TEXT_TOO_LONG, length=length, limit=MAX_TEXT)
    return None


# --- the menu ----------------------------------------------------------------------------------


async def start(message: Message, bot: Bot, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await _show_menu(bot, message.chat.id, _, _(COMPLAINTS_WELCOME))


async def start_with_place(
    message: Message,
    command: CommandObject,
    bot: Bot,
    state: FSMContext,
    identity: Identity | None,
    _: Translator,
) -> None:
    """The poster's QR code or link: the organisation is chosen already."""
    await state.clear()
    try:
        place = await place_by_code(command.args or "")
    except NotFound as error:
        await _show_menu(bot, message.chat.id, _, error.translated(_.language))
        return
    await _place_chosen(_Step(bot, message.chat.id, state, _), identity, place)


async def show_menu(message: Message, bot: Bot, _: Translator) -> None:
    await _show_menu(bot, message.chat.id, _, _(COMPLAINTS_MENU))


async def stale_button(query: CallbackQuery, _: Translator) -> None:
    await query.answer(_(STALE_BUTTON))


async def press_a_button(message: Message, _: Translator) -> None:
    await message.reply(_(PRESS_A_BUTTON))


async def text_or_attachment(message: Message, _: Translator) -> None:
    await message.reply(_(TEXT_OR_ATTACHMENT))


async def cancelled(query: CallbackQuery, bot: Bot, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await query.answer()
    await replace_pressed(query, bot, _(FILING_CANCELLED))
    await _show_menu(bot, chat_of(query), _, _(COMPLAINTS_MENU))


# --- choosing the organisation -----------------------------------------------------------------


async def new_complaint(
    query: CallbackQuery, bot: Bot, state: FSMContext, identity: Identity | None, _: Translator
) -> None:
    await state.clear()
    await state.set_state(Filing.place)
    step = _Step(bot, chat_of(query), state, _)
    await query.answer()
    places = await places_of(identity.person_id) if identity is not None else []
    if not places:
        await step.show(_(ASK_PLACE_CODE), _cancel_keyboard(_))
        return
    buttons = [
        button(place.name(_.language), PickPlace(organisation_id=place.organisation_id))
        for place in places
    ]
    buttons += [button(_(ANOTHER_PLACE), PickPlace(organisation_id=0)), *_cancel_row(_)]
    await step.show(_(CHOOSE_PLACE), one_per_row(buttons))


async def place_picked(
    query: CallbackQuery,
    callback_data: PickPlace,
    bot: Bot,
    state: FSMContext,
    identity: Identity | None,
    _: Translator,
) -> None:
    if not await _live(query, state, Filing.place):
        await query.answer(_(STALE_BUTTON))
        return
    step = _step(query, bot, state, _)
    if callback_data.organisation_id == 0:
        await step.show(_(ASK_PLACE_CODE), _cancel_keyboard(_))
        return
    places = await places_of(identity.person_id) if identity is not None else []
    place = next((p for p in places if p.organisation_id == callback_data.organisation_id), None)
    if place is None:  # forged, or their role there ended meanwhile
        await query.answer(_(STALE_BUTTON))
        return
    await _place_chosen(step, identity, place)


async def place_typed(
    message: Message, bot: Bot, state: FSMContext, identity: Identity | None, _: Translator
) -> None:
    try:
        place = await place_by_code(message.text or "")
    except NotFound as error:
        await message.reply(error.translated(_.language), reply_markup=_cancel_keyboard(_))
        return
    await _place_chosen(_Step(bot, message.chat.id, state, _), identity, place)


async def _place_chosen(step: _Step, identity: Identity | None, place: ComplaintPlace) -> None:
    _ = step.tr
    name = place.name(_.language)
    await step.state.update_data({ORG: place.organisation_id, ORG_NAME: name})
    header = _(COMPLAINT_TO, organisation=name)
    if _can_name(identity, place.organisation_id):
        await step.state.set_state(Filing.kind)
        markup = InlineKeyboardMarkup(
            inline_keyboard=[
                [button(_(ANONYMOUS), PickKind(named=False))],
                [button(_(NAMED), PickKind(named=True))],
                _cancel_row(_),
            ]
        )
        await step.show(f"{header}\n\n{_(ASK_ANONYMOUS)}", markup)
        return
    await step.state.update_data({ANON: True})
    await step.state.set_state(Filing.category)
    text = f"{header}\n{_(ONLY_ANONYMOUS)}\n\n{_(CHOOSE_CATEGORY)}"
    await step.show(text, _categories_keyboard(_))


# --- anonymous or named, the category, whom it is about ----------------------------------------


async def kind_picked(
    query: CallbackQuery,
    callback_data: PickKind,
    bot: Bot,
    state: FSMContext,
    identity: Identity | None,
    _: Translator,
) -> None:
    named = callback_data.named
    live = await _live(query, state, Filing.kind)
    data = await state.get_data()
    if not live or (named and not _can_name(identity, int(data[ORG]))):
        await query.answer(_(STALE_BUTTON))
        return
    await state.update_data({ANON: not named})
    await state.set_state(Filing.category)
    header = _(COMPLAINT_TO, organisation=data[ORG_NAME])
    chosen = _(NAMED_CHOSEN) if named else _(ANONYMOUS_CHOSEN)
    await _step(query, bot, state, _).show(
        f"{header}\n{chosen}\n\n{_(CHOOSE_CATEGORY)}", _categories_keyboard(_)
    )


async def category_picked(
    query: CallbackQuery, callback_data: PickCategory, bot: Bot, state: FSMContext, _: Translator
) -> None:
    category = _CATEGORIES.get(callback_data.category)
    if category is None or not await _live(query, state, Filing.category):
        await query.answer(_(STALE_BUTTON))
        return
    await state.update_data({CATEGORY: category.value, ABOUT: None})
    step = _step(query, bot, state, _)
    if category is ComplaintCategory.TEACHER:
        people = await subjects(int((await state.get_data())[ORG]))
        if people:
            await state.set_state(Filing.about)
            await step.show(_(ASK_ABOUT), _about_keyboard(people, 0, _))
            return
    await _ask_text(step, _(CATEGORY_CHOSEN, category=_(CATEGORY_LABELS[category])))


async def about_paged(
    query: CallbackQuery, callback_data: AboutPage, bot: Bot, state: FSMContext, _: Translator
) -> None:
    if not await _live(query, state, Filing.about):
        await query.answer(_(STALE_BUTTON))
        return
    people = await subjects(int((await state.get_data())[ORG]))
    last = max(0, (len(people) - 1) // ABOUT_PAGE)
    page = min(max(0, callback_data.page), last)
    await _step(query, bot, state, _).show(_(ASK_ABOUT), _about_keyboard(people, page, _))


async def about_picked(
    query: CallbackQuery, callback_data: PickAbout, bot: Bot, state: FSMContext, _: Translator
) -> None:
    if not await _live(query, state, Filing.about):
        await query.answer(_(STALE_BUTTON))
        return
    category = _(CATEGORY_LABELS[ComplaintCategory.TEACHER])
    step = _step(query, bot, state, _)
    if callback_data.person_id == 0:
        await _ask_text(step, _(CATEGORY_CHOSEN, category=category))
        return
    people = await subjects(int((await state.get_data())[ORG]))
    person = next((p for p in people if p.person_id == callback_data.person_id), None)
    if person is None:
        await query.answer(_(STALE_BUTTON))
        return
    await state.update_data({ABOUT: person.person_id})
    await _ask_text(step, _(ABOUT_CHOSEN, category=category, name=person.full_name))


async def _ask_text(step: _Step, summary: str) -> None:
    _ = step.tr
    await step.state.set_state(Filing.text)
    await step.show(f"{summary}\n\n{_(ASK_TEXT, limit=MAX_TEXT)}", _cancel_keyboard(_))


# --- the text, the photos and the files --------------------------------------------------------


def _joined(before: str, more: str) -> str:
    return f"{before}\n\n{more}" if before else more


async def text_typed(message: Message, state: FSMContext, _: Translator) -> None:
    """The text of a complaint or a message; more text later is added to it."""
    async with _drafts(message.chat.id):
        data = await state.get_data()
        before = str(data.get(TEXT) or "")
        text = _joined(before, message.text or "")
        problem = _text_problem(text, _)
        if problem is not None:
            await message.reply(problem)
            return
        await state.update_data({TEXT: text.strip()})
        await _collecting(message, state, _, _(TEXT_ADDED) if before else "")


# Types the client may claim for a text file besides text/plain; core reads the bytes anyway.
_TEXT_TYPES = frozenset(
    {"text/csv", "text/markdown", "text/tab-separated-values", "application/json"}
)
_EXTENSIONS = frozenset(
    extension
    for content_type in ATTACHMENT_TYPES
    for extension in ALLOWED_TYPES.get(content_type, ())
)


def _may_attach(mime_type: str | None, file_name: str | None) -> bool:
    """Whether a file looks like one we take, by what the client claims (its type, else its
    extension). Only a first sieve: core decides from the bytes at "Send"."""
    if mime_type in ATTACHMENT_TYPES or mime_type in _TEXT_TYPES:
        return True
    extension = (file_name or "").rpartition(".")[2].lower()
    return extension in _EXTENSIONS and "." in (file_name or "")


async def attachment_sent(message: Message, state: FSMContext, _: Translator) -> None:
    """A photo, or a file (a picture sent as a file, a PDF, an office document, text): kept
    as Telegram's file id for "Send"."""
    if message.photo:
        largest = message.photo[-1]
        file_id, size, picture = largest.file_id, largest.file_size, True
    else:
        document = message.document
        assert document is not None  # the filter lets only photos and documents in
        # Refused now, not at "Send", so it never blocks the draft: anything plainly not a
        # type we take (HEIC, GIF, an archive, a program). Its name is read here and kept
        # nowhere.
        if not _may_attach(document.mime_type, document.file_name):
            await message.reply(_(NOT_ACCEPTED))
            return
        file_id, size = document.file_id, document.file_size
        picture = document.mime_type in PICTURE_TYPES
    if size is not None and size > MAX_ATTACHMENT_BYTES:
        limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
        await message.reply(_(PICTURE_TOO_LARGE if picture else DOCUMENT_TOO_LARGE, limit=limit))
        return
    async with _drafts(message.chat.id):
        data = await state.get_data()
        attachments = list(data.get(ATTACHMENTS) or [])
        if len(attachments) >= MAX_ATTACHMENTS:
            await message.reply(
                _(TOO_MANY_ATTACHMENTS, limit=MAX_ATTACHMENTS), reply_markup=_send_keyboard(_)
            )
            return
        attachments.append(file_id)
        update: dict[str, Any] = {ATTACHMENTS: attachments}
        added = PICTURE_ADDED if picture else DOCUMENT_ADDED
        said = [_(added, number=len(attachments), limit=MAX_ATTACHMENTS)]
        caption = (message.caption or "").strip()
        if caption:
            text = _joined(str(data.get(TEXT) or ""), caption)
            problem = _text_problem(text, _)
            if problem is None:
                update[TEXT] = text
            else:
                said.append(problem)
        await state.update_data(update)
        await _collecting(message, state, _, " ".join(said))


async def _collecting(message: Message, state: FSMContext, _: Translator, said: str) -> None:
    """After text, a photo or a file: ask for what is still missing, or offer "Send"."""
    current = await state.get_state()
    data = await state.get_data()
    if current in (Filing.text.state, Filing.pictures.state) and not data.get(TEXT):
        await message.reply(f"{said} {_(TEXT_NEEDED)}".strip(), reply_markup=_cancel_keyboard(_))
        return
    await state.set_state(
        Writing.pictures if current in Writing.__all_states_names__ else Filing.pictures
    )
    ask = _(ASK_ATTACHMENTS, limit=MAX_ATTACHMENTS)
    await message.reply(f"{said}\n{ask}".strip(), reply_markup=_send_keyboard(_))


# --- sending -----------------------------------------------------------------------------------


async def send_pressed(
    query: CallbackQuery,
    bot: Bot,
    deps: Deps,
    state: FSMContext,
    identity: Identity | None,
    _: Translator,
) -> None:
    step = _step(query, bot, state, _)
    async with _drafts(step.chat_id):
        current = await state.get_state()
        data = await state.get_data()
        if current == Filing.pictures.state:
            await query.answer()
            await _file(step, deps, identity, data)
        elif current == Writing.pictures.state:
            await query.answer()
            await _write(step, deps, data)
        else:
            await query.answer(_(STALE_BUTTON))


async def _file(step: _Step, deps: Deps, identity: Identity | None, data: dict[str, Any]) -> None:
    _, bot = step.tr, step.bot
    organisation_id = int(data[ORG])
    anonymous = bool(data.get(ANON, True))
    named_as = None
    if not anonymous and identity is not None:
        named_as = await identity_actor(identity, organisation_id)
    draft = Draft(
        organisation_id=organisation_id,
        category=ComplaintCategory(data[CATEGORY]),
        text=str(data.get(TEXT) or ""),
        anonymous=anonymous,
        about_id=data.get(ABOUT),
        attachments=await _download(bot, data.get(ATTACHMENTS) or []),
        language=_.language,
    )
    try:
        filed = await file_complaint(deps, draft=draft, chat_id=step.chat_id, named_as=named_as)
    except (InvalidInput, NotFound, RateLimited) as error:
        await _refused(step, data, error)
        return
    await step.state.clear()
    await _drop_buttons(step)
    text = _(FILED, organisation=data[ORG_NAME], code=filed.code) + _helplines(filed.urgent, _)
    await _show_menu(bot, step.chat_id, _, text)


async def _refused(
    step: _Step, data: dict[str, Any], error: InvalidInput | NotFound | RateLimited
) -> None:
    """The draft stays: the user can fix it (or wait) and press "Send" again. A file core
    refused (its ``number``) leaves the draft, so it cannot block the next "Send"."""
    _ = step.tr
    said = error.translated(_.language)
    number = error.params.get("number") if error.field == "attachments" else None
    if isinstance(number, int):
        attachments = list(data.get(ATTACHMENTS) or [])
        del attachments[number - 1 : number]
        await step.state.update_data({ATTACHMENTS: attachments})
        said = f"{said}\n{_(ATTACHMENT_DROPPED)}"
    await step.bot.send_message(step.chat_id, said)


async def _write(step: _Step, deps: Deps, data: dict[str, Any]) -> None:
    _, bot = step.tr, step.bot
    try:
        urgent = await write_back(
            deps,
            complaint_id=int(data[COMPLAINT]),
            chat_id=step.chat_id,
            text=str(data.get(TEXT) or ""),
            attachments=await _download(bot, data.get(ATTACHMENTS) or []),
        )
    except (InvalidInput, RateLimited) as error:
        await _refused(step, data, error)
        return
    except (NotFound, Conflict) as error:
        # Not this chat's complaint, or closed: nothing can send this message.
        await step.state.clear()
        await _drop_buttons(step)
        await _show_menu(bot, step.chat_id, _, error.translated(_.language))
        return
    await step.state.clear()
    await _drop_buttons(step)
    await _show_menu(bot, step.chat_id, _, _(MESSAGE_SENT) + _helplines(urgent, _))


# --- checking a complaint and writing to it ----------------------------------------------------


async def track_pressed(query: CallbackQuery, bot: Bot, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await state.set_state(Tracking.code)
    await query.answer()
    await bot.send_message(chat_of(query), _(ASK_TRACKING_CODE), reply_markup=_cancel_keyboard(_))


async def code_typed(
    message: Message, bot: Bot, deps: Deps, state: FSMContext, _: Translator
) -> None:
    try:
        tracked = await track(deps, code=message.text or "", chat_id=message.chat.id)
    except NotFound as error:
        await message.reply(error.translated(_.language), reply_markup=_cancel_keyboard(_))
        return
    except RateLimited as error:
        await state.clear()
        await _show_menu(bot, message.chat.id, _, error.translated(_.language))
        return
    await state.clear()
    parts = split_text(render_tracked(tracked, _))
    for part in parts[:-1]:
        await bot.send_message(message.chat.id, part)
    rows = [[button(_(WRITE), WriteTo(complaint_id=tracked.complaint_id))]]
    if tracked.status in CLOSED_STATUSES:
        rows = []
    rows += menu_keyboard(_).inline_keyboard
    await bot.send_message(
        message.chat.id, parts[-1], reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


def render_tracked(tracked: Tracked, _: Translator) -> str:
    """The status and the thread as the complainant sees them, times in local time."""
    lines = [
        _(
            TRACKED,
            organisation=tracked.organisation.name(_.language),
            date=format_day(tracked.created_at.astimezone(tracked.zone).date()),
            category=_(CATEGORY_LABELS[tracked.category]),
            status=_(
                WAITING_FOR_YOU
                if tracked.status is ComplaintStatus.WAITING
                else STATUS_LABELS[tracked.status]
            ),
        )
    ]
    if tracked.reason:
        lines[0] += "\n" + _(TRACKED_REASON, reason=tracked.reason)
    for entry in tracked.entries:
        text = entry.text
        if entry.attachments:
            text = _(WITH_ATTACHMENTS, text=text, count=entry.attachments).strip()
        when = format_when(entry.created_at, tracked.zone)
        mine = entry.author is ComplaintAuthor.COMPLAINANT
        lines.append(_(FROM_YOU if mine else FROM_STAFF, time=when, text=text))
    if not any(entry.author is ComplaintAuthor.STAFF for entry in tracked.entries):
        lines.append(_(NO_ANSWER_YET))
    return "\n\n".join(lines)


async def write_pressed(
    query: CallbackQuery, callback_data: WriteTo, bot: Bot, state: FSMContext, _: Translator
) -> None:
    """Ask for the message; whether this chat may write to the complaint is checked when it
    is sent (``write_back``), so a forged number only wastes the forger's typing."""
    await state.clear()
    await state.set_state(Writing.text)
    await state.update_data({COMPLAINT: callback_data.complaint_id})
    await query.answer()
    await bot.send_message(
        chat_of(query), _(ASK_MESSAGE, limit=MAX_ATTACHMENTS), reply_markup=_cancel_keyboard(_)
    )


def router() -> Router:
    complaints = Router(name="complaints")
    for observer in (complaints.message, complaints.callback_query):
        observer.filter(Private())
    message, callback = complaints.message, complaints.callback_query
    typed = (F.text, ~F.text.startswith("/"))
    message.register(start_with_place, CommandStart(deep_link=True))
    message.register(start, CommandStart())
    callback.register(new_complaint, MenuAction.filter(F.action == NEW))
    callback.register(track_pressed, MenuAction.filter(F.action == TRACK))
    callback.register(cancelled, Finish.filter(~F.send), StateFilter(*_IN_FLOW))
    callback.register(send_pressed, Finish.filter(F.send))
    callback.register(place_picked, PickPlace.filter())
    callback.register(kind_picked, PickKind.filter())
    callback.register(category_picked, PickCategory.filter())
    callback.register(about_paged, AboutPage.filter())
    callback.register(about_picked, PickAbout.filter())
    callback.register(write_pressed, WriteTo.filter())
    callback.register(stale_button)
    message.register(place_typed, StateFilter(Filing.place), *typed)
    message.register(code_typed, StateFilter(Tracking.code), *typed)
    message.register(text_typed, StateFilter(*_COLLECTING), *typed)
    message.register(attachment_sent, StateFilter(*_COLLECTING), F.photo | F.document)
    message.register(
        press_a_button, StateFilter(Filing.kind, Filing.category, Filing.about), *typed
    )
    message.register(text_or_attachment, StateFilter(*_COLLECTING), ~F.text)
    message.register(show_menu)
    return complaints
