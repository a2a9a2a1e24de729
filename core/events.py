"""Domain events and the bus that carries them.

Services collect events on their transaction (``Tx.emit``) and the bus publishes them only
after the commit, so a subscriber never sees a change that was rolled back. The default bus
is in-process; the chat server forwards its
events to other processes through ``core.fanout``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    organisation_id: int


@dataclass(frozen=True)
class PersonCreated(Event):
    person_id: int


@dataclass(frozen=True)
class PersonArchived(Event):
    person_id: int


@dataclass(frozen=True)
class PersonRestored(Event):
    person_id: int


@dataclass(frozen=True)
class AccountLinked(Event):
    person_id: int
    account_id: int


@dataclass(frozen=True)
class GroupCreated(Event):
    group_id: int


@dataclass(frozen=True)
class StudentEnrolled(Event):
    group_id: int
    student_id: int
    enrolment_id: int


@dataclass(frozen=True)
class StudentUnenrolled(Event):
    group_id: int
    student_id: int
    enrolment_id: int


@dataclass(frozen=True)
class MessagePosted(Event):
    conversation_id: int
    message_id: int
    seq: int
    author_id: int


@dataclass(frozen=True)
class MessageChanged(Event):
    """An edit or a hide: members' clients replace what they show."""

    conversation_id: int
    message_id: int
    seq: int


@dataclass(frozen=True)
class ConversationRead(Event):
    conversation_id: int
    person_id: int
    read_seq: int


@dataclass(frozen=True)
class ConversationMembersChanged(Event):
    """People joined or left; live connections refresh what they may read."""

    conversation_id: int
    person_ids: tuple[int, ...]


@dataclass(frozen=True)
class LessonHeld(Event):
    """Attendance was marked for the first time: the lesson took place."""

    lesson_id: int
    group_id: int


@dataclass(frozen=True)
class AttendanceChanged(Event):
    """Marks of a lesson were set or corrected (finance charges attended lessons from it)."""

    lesson_id: int
    student_ids: tuple[int, ...]


@dataclass(frozen=True)
class PaymentReceived(Event):
    """Money came into a student's account (staff, a statement import or Telegram)."""

    student_id: int
    entry_id: int
    amount: int
    currency: str


E = TypeVar("E", bound=Event)
Handler = Callable[[Any], Awaitable[None]]


class EventBus:
    """In-process publish/subscribe by event type.

    A failing subscriber is logged and does not stop the others: the change it reacts to is
    already committed, and the publisher must not see an error for it.
    """

    def __init__(self) -> None:
        self._handlers: dict[type[Event], list[Handler]] = defaultdict(list)

    def subscribe(self, event_type: type[E], handler: Callable[[E], Awaitable[None]]) -> None:
        self._handlers[event_type].append(handler)

    async def publish(self, event: Event) -> None:
        for handler in self._handlers.get(type(event), []):
            try:
                await handler(event)
            except Exception:
                log.exception("subscriber %r failed on %r", handler, event)
