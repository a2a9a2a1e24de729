"""Messages: send, edit, hide, read, search — and never delete.

A message takes the next sequence number of its conversation while the conversation row is
locked, in the same transaction that stores it, indexes it for search and advances the
sender's read marker; it exists for anyone (and gets an id) only once that commits. A client
may send an idempotency key (``client_id``): sending again after a dropped connection
returns the stored message instead of a duplicate.

An edit stores the replaced text as a revision; hiding blanks the message for members and
keeps everything for auditors. The database refuses ``DELETE`` on messages and revisions.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from limits import RateLimitItemPerMinute
from tortoise.expressions import Q

from core import attachments as files
from core.actor import Actor
from core.chat_markup import mentioned_ids, plain_text, render_html
from core.deps import Deps
from core.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unavailable,
)
from core.events import ConversationRead, MessageChanged, MessagePosted
from core.i18n import N_
from core.models.chat import (
    Attachment,
    Conversation,
    ConversationMember,
    Message,
    MessageRevision,
)
from core.models.org import Organisation
from core.names import fold
from core.permissions import Permission, has_permission
from core.search import Scope, SearchDoc, SearchFilter, parse_query
from core.search.meili import MeiliError
from core.services.audit import do_record
from core.services.chat_bridge import do_bridge_message
from core.services.conversations import (
    ConversationView,
    Readable,
    audit_readable,
    check_direct_still_allowed,
    conversation_titles,
    conversation_view,
    do_join,
    open_conversation,
    person_names,
    readable,
)
from core.transcripts import Transcript, TranscriptMessage, TranscriptRevision
from core.tx import Tx, transaction

log = logging.getLogger(__name__)

TEXT_LIMIT = 4000
CLIENT_ID_LIMIT = 64
PAGE_LIMIT = 100
ATTACHMENTS_PER_MESSAGE = 10


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class MessageView:
    """A message as members see it; a hidden one has no text and no attachments."""

    id: int
    conversation_id: int
    seq: int
    author_id: int
    author_name: str
    text: str
    html: str
    reply_to_id: int | None
    mentions: tuple[int, ...]
    attachments: tuple[AttachmentView, ...]
    created_at: datetime
    edited_at: datetime | None
    hidden: bool
    client_id: str | None
    source: str


@dataclass(frozen=True)
class HistoryPage:
    messages: tuple[MessageView, ...]
    has_more: bool


@dataclass(frozen=True)
class RevisionView:
    text: str
    written_at: datetime
    replaced_at: datetime
    editor_name: str


@dataclass(frozen=True)
class AuditMessageView:
    """A message for auditors: its text even when hidden, and every earlier text."""

    message: MessageView
    text: str
    revisions: tuple[RevisionView, ...]
    hidden_at: datetime | None
    hidden_by_name: str
    hidden_reason: str


@dataclass(frozen=True)
class SearchHit:
    message: MessageView
    conversation_title: str


# --- views ---------------------------------------------------------------------------


async def _views(rows: Sequence[Message], *, audit: bool = False) -> list[MessageView]:
    """Member views of messages, with three queries whatever their number.

    ``audit``: a hidden message keeps its files (auditors see what it carried).
    """
    if not rows:
        return []
    people = {row.author_id for row in rows}  # type: ignore[attr-defined]
    for row in rows:
        people.update(row.mentions)
    names = await person_names(people)
    attached: dict[int, list[AttachmentView]] = {}
    with_files = [row.id for row in rows if row.has_file]
    if with_files:
        for a in await Attachment.filter(message_id__in=with_files).order_by("id"):
            attached.setdefault(a.message_id, []).append(  # type: ignore[attr-defined]
                AttachmentView(a.id, a.filename, a.content_type, a.size)
            )
    views = []
    for row in rows:
        hidden = row.hidden_at is not None
        mentions = {person: names.get(person, "") for person in row.mentions}
        views.append(
            MessageView(
                id=row.id,
                conversation_id=row.conversation_id,  # type: ignore[attr-defined]
                seq=int(row.seq),
                author_id=row.author_id,  # type: ignore[attr-defined]
                author_name=names.get(row.author_id, ""),  # type: ignore[attr-defined]
                text="" if hidden else row.text,
                html="" if hidden else render_html(row.text, mentions),
                reply_to_id=row.reply_to_id,
                mentions=tuple(row.mentions),
                attachments=() if hidden and not audit else tuple(attached.get(row.id, ())),
                created_at=row.created_at,
                edited_at=row.edited_at,
                hidden=hidden,
                client_id=row.client_id,
                source=row.source,
            )
        )
    return views


async def message_view(message_id: int) -> MessageView:
    """A message as members see it, for the live fan-out; trusted (no reader check).

    Raises:
        NotFound: no such message.
    """
    row = await Message.get_or_none(id=message_id)
    if row is None:
        raise NotFound(N_("This message does not exist or is not open to you."))
    return (await _views([row]))[0]


def _search_doc(message: Message, organisation_id: int) -> SearchDoc:
    return SearchDoc(
        message_id=message.id,
        conversation_id=message.conversation_id,  # type: ignore[attr-defined]
        organisation_id=organisation_id,
        author_id=message.author_id,  # type: ignore[attr-defined]
        seq=int(message.seq),
        # Indexed without markup, so "person" does not match every mention.
        text=plain_text(message.text),
        created_at=message.created_at,
        has_file=message.has_file,
    )


# --- sending -------------------------------------------------------------------------


def _clean_text(text: str, *, has_files: bool) -> str:
    text = text.replace("\r\n", "\n").replace("\x00", "").strip()
    if not text and not has_files:
        raise InvalidInput(N_("Write a message or attach a file."), field="text")
    if len(text) > TEXT_LIMIT:
        raise InvalidInput(
            N_("The message is too long: {length} characters, at most {limit}."),
            field="text",
            length=len(text),
            limit=TEXT_LIMIT,
        )
    return text


def _clean_client_id(client_id: str | None) -> str | None:
    if client_id is None or client_id == "":
        return None
    if len(client_id) > CLIENT_ID_LIMIT or not client_id.isprintable():
        raise InvalidInput(
            N_("The client message id must be printable and at most {limit} characters."),
            field="client_id",
            limit=CLIENT_ID_LIMIT,
        )
    return client_id


async def _check_flood(deps: Deps, person_id: int) -> None:
    limit = RateLimitItemPerMinute(deps.settings.chat_messages_per_minute)
    if not await deps.limiter.hit(limit, "chat", str(person_id)):
        raise RateLimited(N_("You are sending messages too fast. Wait a moment and try again."))


def _require_poster(seen: Readable) -> None:
    if seen.member is None or seen.member.left_at is not None:
        raise PermissionDenied(
            N_("You are no longer a member of this conversation, so you cannot post in it."),
            permission="chat.post",
        )
    if not seen.member.can_post:
        raise PermissionDenied(
            N_("Only some people may post in this conversation."), permission="chat.post"
        )


async def send_message(
    deps: Deps,
    actor: Actor,
    *,
    conversation_id: int,
    text: str,
    client_id: str | None = None,
    reply_to_id: int | None = None,
    attachment_ids: Sequence[int] = (),
    source: str = "web",
) -> MessageView:
    """Post a message; with a ``client_id`` already used by this sender, return that one.

    Raises:
        NotFound: no such conversation, or the actor may not read it; an unknown reply target.
        PermissionDenied: the actor left the conversation or may not post in it; a direct
            conversation whose rule was switched off.
        InvalidInput: empty or too long text, a bad client id, attachments not the actor's.
        RateLimited: the actor posts faster than ``SABAQ_CHAT_MESSAGES_PER_MINUTE``.
    """
    if actor.person_id is None:
        raise PermissionDenied(permission="chat.post")
    attachment_ids = sorted(set(attachment_ids))
    if len(attachment_ids) > ATTACHMENTS_PER_MESSAGE:
        raise InvalidInput(
            N_("At most {limit} files in one message."),
            field="attachments",
            limit=ATTACHMENTS_PER_MESSAGE,
        )
    text = _clean_text(text, has_files=bool(attachment_ids))
    client_id = _clean_client_id(client_id)
    person_id = actor.person_id
    await _check_flood(deps, person_id)

    async def write(tx: Tx) -> tuple[Message, Conversation]:
        conversation = await Conversation.select_for_update().get_or_none(id=conversation_id)
        member = await ConversationMember.select_for_update().get_or_none(
            conversation_id=conversation_id, person_id=person_id
        )
        if conversation is None or member is None:
            seen = await readable(actor, conversation_id)
            conversation, member = seen.conversation, seen.member
            if member is None:  # support staff answering a thread join it
                member = await do_join(tx, conversation, person_id)
        if client_id is not None:
            existing = await Message.get_or_none(
                conversation_id=conversation_id, author_id=person_id, client_id=client_id
            )
            if existing is not None:
                return existing, conversation
        _require_poster(Readable(conversation, member, member.left_seq if member else None))
        await check_direct_still_allowed(actor, conversation)
        if reply_to_id is not None and not await Message.exists(
            id=reply_to_id, conversation_id=conversation_id
        ):
            raise NotFound(N_("The message you reply to is not in this conversation."))
        uploads = await _own_uploads(person_id, conversation_id, attachment_ids)
        mentions = mentioned_ids(text)
        if mentions:
            mentions &= {
                row["person_id"]
                for row in await ConversationMember.filter(
                    conversation_id=conversation_id, left_at__isnull=True
                ).values("person_id")
            }
        conversation.last_seq += 1
        await Conversation.filter(id=conversation_id).update(last_seq=conversation.last_seq)
        message = await Message.create(
            conversation_id=conversation_id,
            seq=conversation.last_seq,
            author_id=person_id,
            text=text,
            reply_to_id=reply_to_id,
            mentions=sorted(mentions),
            has_file=bool(uploads),
            client_id=client_id,
            source=source,
            created_at=tx.now,
        )
        if uploads:
            await Attachment.filter(id__in=[a.id for a in uploads]).update(message_id=message.id)
        await do_bridge_message(tx, conversation, message)
        await ConversationMember.filter(id=member.id).update(read_seq=conversation.last_seq)
        await _index(deps, [message], conversation)
        tx.emit(
            MessagePosted(
                organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
                conversation_id=conversation_id,
                message_id=message.id,
                seq=int(message.seq),
                author_id=person_id,
            )
        )
        return message, conversation

    # Sends that arrive while a commit is in flight share the next one (one fsync for all).
    message, conversation = await deps.group_commit.run(deps, write, lock_order=conversation_id)
    await _index_outside(deps, message, conversation)
    return (await _views([message]))[0]


async def _own_uploads(
    person_id: int, conversation_id: int, attachment_ids: Sequence[int]
) -> list[Attachment]:
    if not attachment_ids:
        return []
    uploads = await Attachment.filter(
        id__in=attachment_ids,
        uploader_id=person_id,
        conversation_id=conversation_id,
        message_id__isnull=True,
    )
    if len(uploads) != len(attachment_ids):
        raise InvalidInput(
            N_(
                "Some files are not yours to attach here, or were sent already. Upload them again."
            ),
            field="attachments",
        )
    return list(uploads)


async def _index(deps: Deps, messages: Sequence[Message], conversation: Conversation) -> None:
    """Index inside the transaction when the index lives in the database."""
    if deps.search.in_database:
        organisation_id = conversation.organisation_id  # type: ignore[attr-defined]
        await deps.search.index([_search_doc(m, organisation_id) for m in messages])


async def _index_outside(deps: Deps, message: Message, conversation: Conversation) -> None:
    """An external index (Meilisearch) is told after commit; when it is down the chat goes
    on and ``sabaq search reindex`` repairs the index later."""
    if deps.search.in_database:
        return
    try:
        if message.hidden_at is None:
            organisation_id = conversation.organisation_id  # type: ignore[attr-defined]
            await deps.search.index([_search_doc(message, organisation_id)])
        else:
            await deps.search.remove([message.id])
    except Exception:
        log.exception("search index unavailable; run `sabaq search reindex` when it is back")


async def upload_attachment(
    deps: Deps, actor: Actor, *, conversation_id: int, data: bytes, filename: str
) -> AttachmentView:
    """Store a file for a message the actor is about to send here.

    Raises:
        NotFound: no such conversation, or the actor may not read it.
        PermissionDenied: the actor may not post here.
        InvalidInput: empty, too large, or a type we do not accept.
    """
    if actor.person_id is None:
        raise PermissionDenied(permission="chat.post")
    seen = await readable(actor, conversation_id)
    _require_poster(seen)
    content_type = files.sniff(data, filename, max_bytes=deps.settings.max_upload_bytes)
    key = await asyncio.to_thread(files.store, deps.settings, data)
    async with transaction(deps) as tx:
        row = await Attachment.create(
            conversation_id=conversation_id,
            uploader_id=actor.person_id,
            storage_key=key,
            filename=files.safe_filename(filename, content_type=content_type),
            content_type=content_type,
            size=len(data),
            created_at=tx.now,
        )
    return AttachmentView(row.id, row.filename, row.content_type, row.size)


async def attachment_file(
    deps: Deps, actor: Actor, attachment_id: int
) -> tuple[str, AttachmentView]:
    """The stored file of an attachment the actor may read, for download.

    Raises:
        NotFound: no such attachment, or not readable by the actor (hidden messages included).
    """
    row = await Attachment.get_or_none(id=attachment_id).prefetch_related("message")
    missing = NotFound(N_("This file does not exist or is not open to you."))
    if row is None:
        raise missing
    message: Message | None = row.message
    if message is None:
        if row.uploader_id != actor.person_id:  # type: ignore[attr-defined]
            raise missing
    else:
        auditor = False
        try:
            seen = await readable(actor, message.conversation_id)  # type: ignore[attr-defined]
        except NotFound:
            _ = await audit_readable(actor, message.conversation_id)  # type: ignore[attr-defined]
            auditor = True
        else:
            if seen.max_seq is not None and message.seq > seen.max_seq:
                raise missing
        if message.hidden_at is not None and not auditor:
            raise missing
    path = files.open_path(deps.settings, row.storage_key)
    return str(path), AttachmentView(row.id, row.filename, row.content_type, row.size)


# --- editing and hiding --------------------------------------------------------------


async def _own_message(actor: Actor, message_id: int) -> tuple[Message, Readable]:
    message = await Message.get_or_none(id=message_id)
    if message is None:
        raise NotFound(N_("This message does not exist or is not open to you."))
    seen = await readable(actor, message.conversation_id)  # type: ignore[attr-defined]
    if seen.max_seq is not None and message.seq > seen.max_seq:
        raise NotFound(N_("This message does not exist or is not open to you."))
    return message, seen


async def edit_message(deps: Deps, actor: Actor, *, message_id: int, text: str) -> MessageView:
    """Replace a message's text; the old text stays as a revision.

    Raises:
        NotFound: no such message readable by the actor.
        PermissionDenied: not the author, or the author can no longer post here.
        Conflict: the message is hidden.
        InvalidInput: empty or too long text.
    """
    message, seen = await _own_message(actor, message_id)
    if message.author_id != actor.person_id:  # type: ignore[attr-defined]
        raise PermissionDenied(N_("Only the author can edit a message."), permission="chat.edit")
    _require_poster(seen)
    text = _clean_text(text, has_files=message.has_file)
    async with transaction(deps) as tx:
        message = await Message.select_for_update().get(id=message_id)
        if message.hidden_at is not None:
            raise Conflict(N_("A hidden message cannot be edited."))
        if text == message.text:
            return (await _views([message]))[0]
        _ = await MessageRevision.create(
            message_id=message.id,
            text=message.text,
            written_at=message.edited_at or message.created_at,
            replaced_at=tx.now,
            editor_id=actor.person_id,
        )
        message.text = text
        message.edited_at = tx.now
        present = {
            row["person_id"]
            for row in await ConversationMember.filter(
                conversation_id=seen.conversation.id, left_at__isnull=True
            ).values("person_id")
        }
        message.mentions = sorted(mentioned_ids(text) & present)
        await message.save(update_fields=["text", "edited_at", "mentions"])
        await _index(deps, [message], seen.conversation)
        _emit_changed(tx, seen.conversation, message)
    await _index_outside(deps, message, seen.conversation)
    return (await _views([message]))[0]


def _emit_changed(tx: Tx, conversation: Conversation, message: Message) -> None:
    tx.emit(
        MessageChanged(
            organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
            conversation_id=conversation.id,
            message_id=message.id,
            seq=int(message.seq),
        )
    )


async def hide_message(
    deps: Deps, actor: Actor, *, message_id: int, reason: str = ""
) -> MessageView:
    """Hide a message from members. It stays in the database, visible to auditors.

    The author hides their own; a member holding ``chat.moderate`` hides anyone's.

    Raises:
        NotFound: no such message readable by the actor.
        PermissionDenied: neither the author nor a moderator present in the conversation.
    """
    message, seen = await _own_message(actor, message_id)
    own = message.author_id == actor.person_id  # type: ignore[attr-defined]
    present = seen.member is not None and seen.member.left_at is None
    moderator = (
        present
        and seen.conversation.organisation_id == actor.organisation_id  # type: ignore[attr-defined]
        and await has_permission(actor, Permission.CHAT_MODERATE)
    )
    if not (own and present) and not moderator:
        raise PermissionDenied(
            N_("Only the author or a moderator can hide a message."), permission="chat.moderate"
        )
    reason = " ".join(reason.split())[:300]
    async with transaction(deps) as tx:
        message = await Message.select_for_update().get(id=message_id)
        if message.hidden_at is None:
            message.hidden_at = tx.now
            message.hidden_by_id = actor.person_id
            message.hidden_reason = reason
            await message.save(update_fields=["hidden_at", "hidden_by_id", "hidden_reason"])
            if deps.search.in_database:
                await deps.search.remove([message.id])
            await do_record(
                tx,
                actor,
                action="message.hide",
                object_type="message",
                object_id=message.id,
                after={"conversation_id": seen.conversation.id, "reason": reason},
            )
            _emit_changed(tx, seen.conversation, message)
    await _index_outside(deps, message, seen.conversation)
    return (await _views([message]))[0]


# --- reading -------------------------------------------------------------------------


async def history(
    actor: Actor,
    conversation_id: int,
    *,
    before_seq: int | None = None,
    after_seq: int | None = None,
    limit: int = 50,
) -> HistoryPage:
    """A page of messages in order: the newest ones, those before ``before_seq``, or those
    after ``after_seq`` (catching up). A former member's pages end where they left.

    Raises:
        NotFound: no such conversation, or the actor may not read it.
        InvalidInput: both ``before_seq`` and ``after_seq`` given.
    """
    if before_seq is not None and after_seq is not None:
        raise InvalidInput(N_("Ask for messages before or after a point, not both."))
    limit = max(1, min(limit, PAGE_LIMIT))
    seen = await readable(actor, conversation_id)
    query = Message.filter(conversation_id=conversation_id)
    if seen.max_seq is not None:
        query = query.filter(seq__lte=seen.max_seq)
    if after_seq is not None:
        rows = await query.filter(seq__gt=after_seq).order_by("seq").limit(limit + 1)
        has_more = len(rows) > limit
        rows = rows[:limit]
    else:
        if before_seq is not None:
            query = query.filter(seq__lt=before_seq)
        rows = await query.order_by("-seq").limit(limit + 1)
        has_more = len(rows) > limit
        rows = list(reversed(rows[:limit]))
    return HistoryPage(tuple(await _views(rows)), has_more)


async def may_read(actor: Actor, conversation_id: int, seq: int) -> bool:
    """Whether the actor may read message ``seq`` of a conversation (for live delivery)."""
    try:
        seen = await readable(actor, conversation_id)
    except NotFound:
        return False
    return seen.max_seq is None or seq <= seen.max_seq


async def mark_read(
    deps: Deps, actor: Actor, *, conversation_id: int, seq: int
) -> ConversationView:
    """Move the actor's read marker forward to ``seq`` (never back).

    Raises:
        NotFound: no such conversation, or the actor is not in it.
    """
    seen = await readable(actor, conversation_id)
    if seen.member is None:  # support staff reading a thread join it
        _ = await open_conversation(deps, actor, conversation_id)
        seen = await readable(actor, conversation_id)
    if seen.member is None:
        raise NotFound(N_("This conversation does not exist or is not open to you."))
    last = seen.conversation.last_seq if seen.max_seq is None else seen.max_seq
    target = max(0, min(seq, int(last)))
    updated = await ConversationMember.filter(id=seen.member.id, read_seq__lt=target).update(
        read_seq=target
    )
    if updated:
        await deps.events.publish(
            ConversationRead(
                organisation_id=seen.conversation.organisation_id,  # type: ignore[attr-defined]
                conversation_id=conversation_id,
                person_id=seen.member.person_id,  # type: ignore[attr-defined]
                read_seq=target,
            )
        )
    return await conversation_view(actor, conversation_id)


async def readers(actor: Actor, message_id: int) -> list[tuple[int, str]]:
    """Who has read a message ("seen by"), its author excluded.

    Raises:
        NotFound: no such message readable by the actor.
    """
    message, _ = await _own_message(actor, message_id)
    rows = (
        await ConversationMember.filter(
            conversation_id=message.conversation_id,  # type: ignore[attr-defined]
            read_seq__gte=message.seq,
        )
        .exclude(person_id=message.author_id)  # type: ignore[attr-defined]
        .values("person_id")
    )
    names = await person_names(row["person_id"] for row in rows)
    return sorted(names.items(), key=lambda item: item[1])


# --- search --------------------------------------------------------------------------


async def _local_instant(organisation_id: int, day: object, *, end: bool) -> datetime:
    zone = ZoneInfo(
        (await Organisation.get(id=organisation_id).values_list("timezone", flat=True)) or "UTC"  # type: ignore[arg-type]
    )
    local = datetime.combine(day, time.max if end else time.min, tzinfo=zone)  # type: ignore[arg-type]
    return local.astimezone(UTC)


async def search_messages(
    deps: Deps,
    actor: Actor,
    *,
    query: str,
    before_message_id: int | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Messages the actor may read that match ``query``, newest first.

    Operators: ``from:<name>``, ``in:<conversation>``, ``before:<YYYY-MM-DD>``,
    ``after:<YYYY-MM-DD>``, ``has:file``. Dates are the organisation's local days.

    Raises:
        InvalidInput: an empty query or a malformed operator.
        PermissionDenied: the actor is not a person.
        Unavailable: the external search engine does not answer.
    """
    if actor.person_id is None:
        raise PermissionDenied(permission="chat.read")
    parsed = parse_query(query)
    if not (parsed.terms or parsed.from_names or parsed.in_names or parsed.has_file):
        raise InvalidInput(N_("Type a word to search for."), field="q")
    limit = max(1, min(limit, PAGE_LIMIT))
    members = await ConversationMember.filter(person_id=actor.person_id).prefetch_related(
        "conversation"
    )
    titles = await conversation_titles(actor, (member.conversation for member in members))
    scopes = []
    for member in members:
        conversation = member.conversation
        if parsed.in_names and not any(
            fold(name) in fold(titles[conversation.id]) for name in parsed.in_names
        ):
            continue
        scopes.append(Scope(conversation.id, member.left_seq))
    if not scopes:
        return []
    author_ids: tuple[int, ...] | None = None
    if parsed.from_names:
        author_ids = await _authors_named(parsed.from_names, [s.conversation_id for s in scopes])
        if not author_ids:
            return []
    before = after = None
    if parsed.before is not None:
        before = await _local_instant(actor.organisation_id, parsed.before, end=False)
    if parsed.after is not None:
        after = await _local_instant(actor.organisation_id, parsed.after, end=True)
    try:
        ids = await deps.search.search(
            parsed.terms,
            SearchFilter(
                scopes=tuple(scopes),
                author_ids=author_ids,
                before=before,
                after=after,
                has_file=parsed.has_file,
            ),
            limit=limit,
            before_message_id=before_message_id,
        )
    except MeiliError as error:
        log.warning("search unavailable: %s", error)
        raise Unavailable(N_("Search is unavailable right now. Please try again later.")) from None
    rows = {m.id: m for m in await Message.filter(id__in=ids, hidden_at__isnull=True)}
    views = await _views([rows[i] for i in ids if i in rows])
    return [SearchHit(view, titles.get(view.conversation_id, "")) for view in views]


async def _authors_named(names: Iterable[str], conversation_ids: list[int]) -> tuple[int, ...]:
    query = Q()
    for name in names:
        words = Q()
        for word in fold(name).split():
            words &= Q(person__search_text__contains=word)
        query |= words
    rows = (
        await ConversationMember.filter(conversation_id__in=conversation_ids)
        .filter(query)
        .distinct()
        .values("person_id")
    )
    return tuple(sorted({row["person_id"] for row in rows}))


async def reindex(deps: Deps, *, batch: int = 2000) -> int:
    """Rebuild the search index from the messages (``sabaq search reindex``); trusted.

    Returns the number of messages indexed.
    """
    await deps.search.ensure()
    await deps.search.clear()
    organisations = dict(await Conversation.all().values_list("id", "organisation_id"))
    count = 0
    last_id = 0
    while True:
        rows = (
            await Message.filter(id__gt=last_id, hidden_at__isnull=True)
            .order_by("id")
            .limit(batch)
        )
        if not rows:
            return count
        await deps.search.index(
            [_search_doc(m, int(organisations[m.conversation_id])) for m in rows]  # type: ignore[attr-defined]
        )
        count += len(rows)
        last_id = rows[-1].id


# --- audit ---------------------------------------------------------------------------


async def audit_history(
    deps: Deps,
    actor: Actor,
    conversation_id: int,
    *,
    before_seq: int | None = None,
    limit: int = 50,
) -> tuple[str, list[AuditMessageView], bool]:
    """A conversation as auditors read it: hidden messages and every revision included.

    Opening it is itself recorded in the audit trail.

    Raises:
        PermissionDenied: the actor may not read the audit trail.
        NotFound: no such conversation in the actor's organisation tree.
    """
    conversation = await audit_readable(actor, conversation_id)
    limit = max(1, min(limit, PAGE_LIMIT))
    query = Message.filter(conversation_id=conversation_id)
    if before_seq is not None:
        query = query.filter(seq__lt=before_seq)
    rows = await query.order_by("-seq").limit(limit + 1)
    has_more = len(rows) > limit
    rows = list(reversed(rows[:limit]))
    async with transaction(deps) as tx:
        await do_record(
            tx,
            actor,
            action="conversation.audit_read",
            object_type="conversation",
            object_id=conversation_id,
            after={"before_seq": before_seq},
        )
    auditor = Actor.system(actor.organisation_id, "audit")
    title = (await conversation_titles(auditor, [conversation]))[conversation.id]
    return title, await _audit_views(rows), has_more


async def _audit_views(rows: list[Message]) -> list[AuditMessageView]:
    views = await _views(rows, audit=True)
    revisions: dict[int, list[MessageRevision]] = {}
    for revision in await MessageRevision.filter(message_id__in=[r.id for r in rows]).order_by(
        "id"
    ):
        revisions.setdefault(revision.message_id, []).append(revision)  # type: ignore[attr-defined]
    people = {r.editor_id for items in revisions.values() for r in items}
    people |= {row.hidden_by_id for row in rows if row.hidden_by_id is not None}
    names = await person_names(people)
    return [
        AuditMessageView(
            message=view,
            text=row.text,
            revisions=tuple(
                RevisionView(r.text, r.written_at, r.replaced_at, names.get(r.editor_id, ""))
                for r in revisions.get(row.id, ())
            ),
            hidden_at=row.hidden_at,
            hidden_by_name=names.get(row.hidden_by_id, "") if row.hidden_by_id else "",
            hidden_reason=row.hidden_reason,
        )
        for view, row in zip(views, rows, strict=True)
    ]


async def transcript(
    deps: Deps, actor: Actor, conversation_id: int, *, language: str
) -> Transcript:
    """The whole conversation for export to Excel or PDF; recorded in the audit trail.

    Raises:
        PermissionDenied: the actor may not read the audit trail.
        NotFound: no such conversation in the actor's organisation tree.
    """
    conversation = await audit_readable(actor, conversation_id)
    rows = list(await Message.filter(conversation_id=conversation_id).order_by("seq"))
    audited = await _audit_views(rows)
    seqs = {row.id: int(row.seq) for row in rows}
    organisation = await Organisation.get(id=conversation.organisation_id)  # type: ignore[attr-defined]
    exporter = (await person_names([actor.person_id] if actor.person_id else [])).get(
        actor.person_id or 0, actor.label
    )
    async with transaction(deps) as tx:
        await do_record(
            tx,
            actor,
            action="conversation.export",
            object_type="conversation",
            object_id=conversation_id,
            after={"messages": len(rows)},
        )
        exported_at = tx.now
    org_name = getattr(organisation, f"name_{language}", "") or organisation.name_ru
    auditor = Actor.system(actor.organisation_id, "audit")
    return Transcript(
        title=(await conversation_titles(auditor, [conversation]))[conversation.id],
        organisation_name=org_name,
        timezone=organisation.timezone,
        language=language,
        exported_at=exported_at,
        exported_by=exporter,
        messages=tuple(
            TranscriptMessage(
                seq=item.message.seq,
                sent_at=item.message.created_at,
                author_name=item.message.author_name,
                text=item.text,
                reply_to_seq=seqs.get(item.message.reply_to_id or 0),
                attachments=tuple(a.filename for a in item.message.attachments),
                revisions=tuple(
                    TranscriptRevision(r.text, r.replaced_at, r.editor_name)
                    for r in item.revisions
                ),
                hidden_at=item.hidden_at,
                hidden_by_name=item.hidden_by_name or None,
            )
            for item in audited
        ),
    )
