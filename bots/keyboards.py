"""Keyboards of the main bot: the role-aware menu (one list, extended by later features),
the language picker, the child and role pickers, and the chat bridge's switch and group
picker, with their callback data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aiogram.filters import BaseFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)

from bots.middlewares import Choice, choices_of
from bots.texts import LANGUAGE_NAMES, Translator
from core.config import LANGUAGES
from core.i18n import N_, gettext_for
from core.permissions import ROLE_LABELS
from core.services.conversations import ConversationView
from core.services.telegram import Identity, Role


class LanguageChoice(CallbackData, prefix="lang"):
    code: str


class ChildChoice(CallbackData, prefix="child"):
    id: int


class RoleChoice(CallbackData, prefix="as"):
    organisation_id: int
    role: str


class BridgeSwitch(CallbackData, prefix="bridge"):
    on: bool


class GroupChatChoice(CallbackData, prefix="write"):
    conversation_id: int


class DraftAction(CallbackData, prefix="draft"):
    send: bool


@dataclass(frozen=True)
class MenuItem:
    """One button of the main menu: shown to ``roles`` (everyone when ``None``) when ``when``."""

    action: str
    label: str
    roles: frozenset[Role] | None = None
    when: Callable[[Identity, Choice], bool] | None = None

    def shown(self, identity: Identity, choice: Choice) -> bool:
        if self.roles is not None and choice.role not in self.roles:
            return False
        return self.when is None or self.when(identity, choice)


_LEARNING = frozenset({Role.TEACHER, Role.STUDENT, Role.PARENT})

#: The main menu, in order. Later features add their items here.
MAIN_MENU: tuple[MenuItem, ...] = (
    MenuItem("schedule", N_("Schedule"), roles=_LEARNING),
    MenuItem("attendance", N_("Mark attendance"), roles=frozenset({Role.TEACHER})),
    MenuItem("absence", N_("Report an absence"), roles=frozenset({Role.PARENT})),
    MenuItem("homework", N_("Homework"), roles=_LEARNING),
    MenuItem("progress", N_("Progress"), roles=frozenset({Role.STUDENT, Role.PARENT})),
    MenuItem("tests", N_("Tests"), roles=frozenset({Role.STUDENT, Role.PARENT})),
    MenuItem("judge", N_("Programming"), roles=frozenset({Role.STUDENT, Role.TEACHER})),
    MenuItem("rating", N_("Rating"), roles=frozenset({Role.STUDENT, Role.PARENT})),
    MenuItem("reminders", N_("Reminders"), roles=_LEARNING),
    MenuItem("consultations", N_("Consultations"), roles=frozenset({Role.STUDENT, Role.PARENT})),
    MenuItem("money", N_("Balance and payments"), roles=frozenset({Role.STUDENT, Role.PARENT})),
    MenuItem("salary", N_("My salary"), roles=frozenset({Role.TEACHER})),
    MenuItem("profile", N_("My profile")),
    MenuItem("write", N_("Write to group"), roles=frozenset({Role.TEACHER})),
    MenuItem(
        "bridge",
        N_("Chat in Telegram"),
        roles=frozenset({Role.TEACHER, Role.STUDENT, Role.PARENT}),
    ),
    MenuItem(
        "child",
        N_("Choose a child"),
        roles=frozenset({Role.PARENT}),
        when=lambda identity, _: len(identity.children) > 1,
    ),
    MenuItem("switch", N_("Switch role"), when=lambda identity, _: len(choices_of(identity)) > 1),
    MenuItem("language", N_("Language")),
    MenuItem("help", N_("Help")),
)
_BY_ACTION = {item.action: item for item in MAIN_MENU}
_PER_ROW = 2


def menu_keyboard(identity: Identity, choice: Choice, _: Translator) -> ReplyKeyboardMarkup:
    labels = [_(item.label) for item in MAIN_MENU if item.shown(identity, choice)]
    rows = [
        [KeyboardButton(text=label) for label in labels[start : start + _PER_ROW]]
        for start in range(0, len(labels), _PER_ROW)
    ]
    return ReplyKeyboardMarkup(keyboard=rows, resize_keyboard=True, is_persistent=True)


class MenuButton(BaseFilter):
    """A press of a menu button, in any language (an old keyboard may still show another)."""

    def __init__(self, action: str) -> None:
        label = _BY_ACTION[action].label
        self.texts = frozenset(gettext_for(language, label) for language in LANGUAGES)

    async def __call__(self, message: Message, **_: Any) -> bool:
        return message.text is not None and message.text.strip() in self.texts


class AnyMenuButton(BaseFilter):
    """A press of any menu button, in any language (not text to keep, e.g. as a draft)."""

    def __init__(self) -> None:
        self.texts = frozenset(
            gettext_for(language, item.label) for item in MAIN_MENU for language in LANGUAGES
        )

    async def __call__(self, message: Message, **_: Any) -> bool:
        return message.text is not None and message.text.strip() in self.texts


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    """An inline button that sends ``data`` back."""
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def one_per_row(buttons: Iterable[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    """An inline keyboard of the buttons one under another (a list of lessons, of people)."""
    return InlineKeyboardMarkup(inline_keyboard=[[item] for item in buttons])


def language_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=LANGUAGE_NAMES[code], callback_data=LanguageChoice(code=code).pack()
                )
                for code in LANGUAGES
            ]
        ]
    )


def children_keyboard(identity: Identity) -> InlineKeyboardMarkup:
    return one_per_row(
        button(child.full_name, ChildChoice(id=child.id)) for child in identity.children
    )


def role_label(role: Role, _: Translator) -> str:
    return _(ROLE_LABELS[role])


def roles_keyboard(identity: Identity, _: Translator) -> InlineKeyboardMarkup:
    buttons = []
    for organisation_id, role in choices_of(identity):
        place = identity.place(organisation_id)
        name = place.names.pick(_.language) if place else ""
        text = _("{role} in {organisation}", role=role_label(role, _), organisation=name)
        buttons.append(button(text, RoleChoice(organisation_id=organisation_id, role=role.value)))
    return one_per_row(buttons)


def bridge_keyboard(on: bool, _: Translator) -> InlineKeyboardMarkup:
    """The one button that flips "Chat in Telegram"."""
    text = _("Turn off") if on else _("Turn on")
    return one_per_row([button(text, BridgeSwitch(on=not on))])


def group_chats_keyboard(chats: Sequence[ConversationView]) -> InlineKeyboardMarkup:
    return one_per_row(
        button(chat.title, GroupChatChoice(conversation_id=chat.id)) for chat in chats
    )


def draft_keyboard(_: Translator, *, ready: bool) -> InlineKeyboardMarkup:
    """Cancel while the text is awaited; Send and Cancel once it is written."""
    cancel = button(_("Cancel"), DraftAction(send=False))
    if not ready:
        return InlineKeyboardMarkup(inline_keyboard=[[cancel]])
    send = button(_("Send"), DraftAction(send=True))
    return InlineKeyboardMarkup(inline_keyboard=[[send, cancel]])
