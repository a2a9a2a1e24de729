"""Whose lessons, homework or progress a menu item shows: the user's own, or for a parent the
chosen child's (a parent with several children chooses one first)."""

from __future__ import annotations

from aiogram.types import Message

from bots.keyboards import children_keyboard
from bots.middlewares import Choice
from bots.texts import Translator
from core.i18n import N_
from core.services.telegram import Child, Identity, Role

CHOOSE_CHILD_FIRST = N_("Choose a child first.")


def viewed_child(choice: Choice) -> int | None:
    """The child a parent looks at (None until they choose one); None, the user themselves,
    for every other role."""
    return choice.child_id if choice.role is Role.PARENT else None


def chosen_child(identity: Identity, choice: Choice) -> Child | None:
    """A parent's chosen child; None before they choose one (and for other roles)."""
    child_id = viewed_child(choice)
    return identity.child(child_id) if child_id is not None else None


def child_not_chosen(identity: Identity, choice: Choice) -> bool:
    """A parent with children who has not chosen one yet (what only needs a child when
    there is one to choose, like the timetable, shows a parent without any their own)."""
    return (
        choice.role is Role.PARENT
        and chosen_child(identity, choice) is None
        and bool(identity.children)
    )


async def ask_for_child(message: Message, identity: Identity, _: Translator) -> None:
    await message.answer(_(CHOOSE_CHILD_FIRST), reply_markup=children_keyboard(identity))
