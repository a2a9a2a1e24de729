"""The Telegram bridge: group and direct messages reach members in the main bot; replies come back.

A member who switches "Chat in Telegram" on (``ChatPreference.telegram_bridge``) gets every new
message of their group conversations as one Telegram message headed with the group's name and
the author's. The copies are queued in the outbox by ``do_bridge_message`` inside the
transaction that stores the chat message, so a message that exists is never left unbridged
and a bridged copy never exists for a message that was rolled back; the dedupe key
``chat:<message>:<person>`` makes queuing idempotent. Who gets a copy is decided then: present
members (not those who left), with the bridge on and a linked Telegram account that has not
blocked the bot, except the author.

A copy is plain text (the delivery worker sends without a parse mode), so whatever the author
typed — ``<b>``, ``<script>``, Markdown — arrives literally, as inert text; the chat's own marks
are taken off with ``core.chat_markup.plain_text`` and mentions read ``@Name``.

Replying to a copy in Telegram posts into its conversation as the replier: ``reply_target``
finds the conversation from the outbox row that delivered that Telegram message to that
person (its ``external_id``), and the bot calls ``messages.send_message`` with
``source="telegram"``, which refuses people who left or may not post.

Direct conversations are bridged the same way, headed with the author's name only.

Known limits: edits and hides are not propagated (a
copy already delivered keeps the text it had, and a message hidden before its copy went out is
still delivered); attachments arrive as their file names only.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Q, Subquery

from core.actor import Actor
from core.chat_markup import plain_text
from core.deps import Deps
from core.errors import PermissionDenied
from core.models.academics import Group
from core.models.chat import (
    Attachment,
    ChatPreference,
    Conversation,
    ConversationKind,
    ConversationMember,
    Message,
)
from core.models.notifications import OutboxMessage
from core.models.people import Account
from core.names import fold
from core.services.conversations import ConversationView, list_conversations, person_names
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

#: Conversations whose messages go to Telegram.
BRIDGED_KINDS = frozenset({ConversationKind.GROUP, ConversationKind.DIRECT})
#: The dedupe keys of bridged copies start with this; the outbox row is how a reply finds
#: its conversation.
KEY_PREFIX = "chat:"
BOT = "main"


@dataclass(frozen=True)
class ReplyTarget:
    """The chat message a Telegram message is a copy of, and the title it was sent under."""

    conversation_id: int
    message_id: int
    title: str


def _person_of(actor: Actor) -> int:
    if actor.person_id is None:
        raise PermissionDenied(permission="chat")
    return actor.person_id


def _bridged_text(title: str, author: str, body: str, filenames: list[str]) -> str:
    """A copy as it reads in Telegram: group and author (a direct message: the author only),
    then the text and the files."""
    lines = [f"{title} — {author}" if title else author]
    if body:
        lines.append(body)
    lines.extend(f"📎 {name}" for name in filenames)
    return "\n".join(lines)


async def do_bridge_message(tx: Tx, conversation: Conversation, message: Message) -> None:
    """Queue a Telegram copy of a new message for each member who bridges it; trusted.

    Called by ``send_message`` in the transaction that stores the message (after its
    attachments are bound). Costs one query when nobody bridges this conversation.
    """
    if conversation.kind not in BRIDGED_KINDS:
        return
    author_id: int = message.author_id  # type: ignore[attr-defined]
    present = ConversationMember.filter(
        conversation_id=conversation.id, left_at__isnull=True
    ).values("person_id")
    bridging = ChatPreference.filter(telegram_bridge=True).values("person_id")
    rows = (
        await Account.filter(telegram_user_id__isnull=False, telegram_blocked_at__isnull=True)
        .filter(person_id__in=Subquery(present))
        .filter(person_id__in=Subquery(bridging))
        .exclude(person_id=author_id)
        .values("person_id", "telegram_user_id")
    )
    recipients = sorted((int(row["person_id"]), int(row["telegram_user_id"])) for row in rows)
    if not recipients:
        return
    names = await person_names([author_id, *message.mentions])
    title = "" if conversation.kind == ConversationKind.DIRECT else conversation.title
    group_id: int | None = conversation.group_id  # type: ignore[attr-defined]
    if group_id is not None:
        group = await Group.filter(id=group_id).values("name")
        title = str(group[0]["name"]) if group else title
    filenames: list[str] = []
    if message.has_file:
        attached = await Attachment.filter(message_id=message.id).order_by("id").values("filename")
        filenames = [str(row["filename"]) for row in attached]
    mentions = {person: names.get(person, "") for person in message.mentions}
    author = names.get(author_id, "")
    text = _bridged_text(title, author, plain_text(message.text, mentions).strip(), filenames)
    for person_id, telegram_user_id in recipients:
        _ = await do_enqueue(
            tx,
            person_id=person_id,
            message=text,
            params={
                "conversation_id": conversation.id,
                "message_id": message.id,
                "title": title or author,
                # Whom the copy was for: after a relink, replies in the new chat (whose
                # message ids start again) must not find copies sent to the old one.
                "telegram_user_id": telegram_user_id,
            },
            organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
            bot=BOT,
            translate=False,
            dedupe_key=f"{KEY_PREFIX}{message.id}:{person_id}",
        )


async def telegram_bridge_enabled(actor: Actor) -> bool:
    """Whether the actor's group chat messages come to them in Telegram.

    Raises:
        PermissionDenied: the actor is not a person.
    """
    person_id = _person_of(actor)
    return await ChatPreference.filter(person_id=person_id, telegram_bridge=True).exists()


async def set_telegram_bridge(deps: Deps, actor: Actor, *, on: bool) -> bool:
    """Switch "Chat in Telegram" on or off for the actor.

    Only messages posted while it is on are bridged; nothing is sent retroactively.

    Returns:
        Whether the setting changed (``False`` for a repeated press).

    Raises:
        PermissionDenied: the actor is not a person.
    """
    person_id = _person_of(actor)
    async with transaction(deps):
        preference, created = await ChatPreference.get_or_create(
            person_id=person_id, defaults={"telegram_bridge": on}
        )
        if created:
            return on
        changed = await ChatPreference.filter(id=preference.id, telegram_bridge=not on).update(
            telegram_bridge=on
        )
    return changed > 0


async def reply_target(person_id: int, telegram_message_id: int) -> ReplyTarget | None:
    """The chat message whose copy reached ``person_id`` as ``telegram_message_id``, if any.

    A long copy is delivered in parts (``external_id`` lists their ids); a reply to any part
    counts. Only copies queued for the Telegram account linked now count (message ids are
    per chat). ``None`` for Telegram messages that are not bridged copies for this person.
    """
    account = await Account.get_or_none(person_id=person_id).values("telegram_user_id")
    if account is None or account["telegram_user_id"] is None:
        return None
    wanted = str(telegram_message_id)
    rows = (
        await OutboxMessage.filter(
            Q(external_id=wanted)
            | Q(external_id__startswith=f"{wanted},")
            | Q(external_id__endswith=f",{wanted}")
            | Q(external_id__contains=f",{wanted},"),
            person_id=person_id,
            bot=BOT,
            dedupe_key__startswith=KEY_PREFIX,
        )
        .order_by("-id")
        .values("params")
    )
    for row in rows:
        params = row["params"]
        if params.get("telegram_user_id") == account["telegram_user_id"]:
            return ReplyTarget(
                conversation_id=int(params["conversation_id"]),
                message_id=int(params["message_id"]),
                title=str(params.get("title", "")),
            )
    return None


async def group_chats_to_write(deps: Deps, actor: Actor) -> list[ConversationView]:
    """The group conversations the actor may post in now, in the organisation they work in,
    by title ("Write to group" in the bot).

    Raises:
        PermissionDenied: the actor is not a person.
    """
    views = await list_conversations(deps, actor)
    chats = [
        view
        for view in views
        if view.kind == ConversationKind.GROUP
        and view.can_post
        and view.organisation_id == actor.organisation_id
    ]
    return sorted(chats, key=lambda view: (fold(view.title), view.id))
