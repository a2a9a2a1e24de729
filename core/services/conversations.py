"""Conversations: who is in which chat, who may start one, and what each member may read.

Group conversations follow their group inside the same transaction as the change that moves
people (group created, teachers changed, student enrolled or gone, parent linked), so a
crash can never leave a student enrolled but outside the chat. A member who leaves keeps
their row with ``left_seq``: they read what was said up to then and post nothing more.

Reading is person-based: a conversation is readable by its members wherever the reader is
working now; starting one is organisation-based and governed by the ``chat.*`` permissions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.events import ConversationMembersChanged
from core.i18n import N_
from core.models.academics import Enrolment, Group, GroupTeacher
from core.models.chat import Conversation, ConversationMember
from core.models.chat import ConversationKind as ConversationKind  # noqa: PLC0414 - for adapters
from core.models.org import Organisation
from core.models.people import Membership, ParentLink, Person, Role
from core.names import full_name
from core.permissions import Permission, effective_grants, has_permission, require
from core.services.audit import do_record
from core.tx import Tx, transaction

TITLE_LIMIT = 200

CONVERSATION_KIND_LABELS: dict[ConversationKind, str] = {
    ConversationKind.GROUP: N_("Group chat"),
    ConversationKind.DIRECT: N_("Direct conversation"),
    ConversationKind.CHANNEL: N_("Announcement channel"),
    ConversationKind.SUPPORT: N_("Support thread"),
}

#: Which permission lets one start a direct conversation with a holder of each role.
DIRECT_RULES: dict[Role, Permission] = {
    Role.STUDENT: Permission.CHAT_DIRECT_STUDENTS,
    Role.TEACHER: Permission.CHAT_DIRECT_TEACHERS,
    Role.PARENT: Permission.CHAT_DIRECT_PARENTS,
}


@dataclass(frozen=True)
class ConversationView:
    id: int
    organisation_id: int
    kind: ConversationKind
    title: str
    group_id: int | None
    last_seq: int
    read_seq: int
    unread: int
    can_post: bool
    left: bool


@dataclass(frozen=True)
class MemberView:
    person_id: int
    name: str
    can_post: bool
    left: bool
    read_seq: int


@dataclass(frozen=True)
class Readable:
    """What one person may read in one conversation (``max_seq`` None: all of it)."""

    conversation: Conversation
    member: ConversationMember | None
    max_seq: int | None

    @property
    def can_post(self) -> bool:
        return self.member is not None and self.member.left_at is None and self.member.can_post


def _visible_last(conversation: Conversation, member: ConversationMember) -> int:
    if member.left_seq is not None:
        return min(int(member.left_seq), int(conversation.last_seq))
    return int(conversation.last_seq)


async def _titles(conversations: Iterable[Conversation], person_id: int) -> dict[int, str]:
    """The title each reader sees: the group's name, the other person's name, or the title."""
    conversations = list(conversations)
    group_ids = [c.group_id for c in conversations if c.group_id is not None]  # type: ignore[attr-defined]
    groups = (
        dict(await Group.filter(id__in=group_ids).values_list("id", "name")) if group_ids else {}
    )
    others: dict[int, int] = {}
    for c in conversations:
        if c.kind == ConversationKind.DIRECT and c.direct_key:
            a, b = (int(part) for part in c.direct_key.split(":"))
            others[c.id] = b if a == person_id else a
    names = await person_names(others.values())
    titles: dict[int, str] = {}
    for c in conversations:
        if c.group_id is not None:  # type: ignore[attr-defined]
            titles[c.id] = str(groups.get(c.group_id, c.title))  # type: ignore[attr-defined]
        elif c.id in others:
            titles[c.id] = names.get(others[c.id], "")
        else:
            titles[c.id] = c.title
    return titles


async def person_names(person_ids: Iterable[int]) -> dict[int, str]:
    ids = set(person_ids)
    if not ids:
        return {}
    rows = await Person.filter(id__in=ids).values("id", "last_name", "first_name")
    return {row["id"]: full_name(row["last_name"], row["first_name"]) for row in rows}


def _view(conversation: Conversation, member: ConversationMember, title: str) -> ConversationView:
    last = _visible_last(conversation, member)
    return ConversationView(
        id=conversation.id,
        organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
        kind=conversation.kind,
        title=title,
        group_id=conversation.group_id,  # type: ignore[attr-defined]
        last_seq=last,
        read_seq=min(int(member.read_seq), last),
        unread=max(0, last - int(member.read_seq)),
        can_post=member.left_at is None and member.can_post,
        left=member.left_at is not None,
    )


def _person_of(actor: Actor) -> int:
    if actor.person_id is None:
        raise PermissionDenied(permission="chat")
    return actor.person_id


async def list_conversations(deps: Deps, actor: Actor) -> list[ConversationView]:
    """The actor's conversations, newest activity first, with unread counts.

    Announcement channels whose audience includes one of the actor's roles are joined on
    the way, so a person given a role later finds the channel without any migration step.

    Raises:
        PermissionDenied: the actor is not a person (the CLI).
    """
    person_id = _person_of(actor)
    await _join_channels(deps, actor)
    members = await ConversationMember.filter(person_id=person_id).prefetch_related("conversation")
    titles = await _titles((m.conversation for m in members), person_id)
    views = [_view(m.conversation, m, titles[m.conversation.id]) for m in members]
    return sorted(views, key=lambda v: (v.left, -v.unread, -v.last_seq, v.id))


async def readable(actor: Actor, conversation_id: int) -> Readable:
    """What the actor may read in a conversation.

    Staff who answer support threads read every support thread of their organisation
    (``member`` is None until they join it with ``open_conversation`` or by answering).

    Raises:
        NotFound: no such conversation, or the actor may not read it.
    """
    person_id = _person_of(actor)
    conversation = await Conversation.get_or_none(id=conversation_id)
    if conversation is None:
        raise NotFound(N_("This conversation does not exist or is not open to you."))
    member = await ConversationMember.get_or_none(
        conversation_id=conversation_id, person_id=person_id
    )
    if member is not None:
        return Readable(conversation, member, member.left_seq)
    same_org = conversation.organisation_id == actor.organisation_id  # type: ignore[attr-defined]
    if (
        same_org
        and conversation.kind == ConversationKind.SUPPORT
        and await has_permission(actor, Permission.CHAT_SUPPORT)
    ):
        return Readable(conversation, None, None)
    raise NotFound(N_("This conversation does not exist or is not open to you."))


async def audit_readable(actor: Actor, conversation_id: int) -> Conversation:
    """A conversation opened for audit: any conversation of the actor's organisation tree.

    Raises:
        PermissionDenied: the actor may not read the audit trail.
        NotFound: no such conversation in the actor's organisation or its branches.
    """
    await require(actor, Permission.AUDIT_VIEW)
    conversation = await Conversation.get_or_none(id=conversation_id)
    if conversation is None or conversation.organisation_id not in await _subtree(  # type: ignore[attr-defined]
        actor.organisation_id
    ):
        raise NotFound(N_("This conversation does not exist or is not open to you."))
    return conversation


async def _subtree(organisation_id: int) -> set[int]:
    found = {organisation_id}
    frontier = [organisation_id]
    while frontier:
        children = await Organisation.filter(parent_id__in=frontier).values("id")
        frontier = [row["id"] for row in children if row["id"] not in found]
        found.update(frontier)
    return found


@dataclass(frozen=True)
class AuditConversation:
    id: int
    kind: ConversationKind
    title: str
    last_seq: int
    members: int
    created_at: datetime


async def audit_conversations(actor: Actor) -> list[AuditConversation]:
    """Every conversation of the actor's organisation and its branches, for auditors.

    Raises:
        PermissionDenied: the actor may not read the audit trail.
    """
    await require(actor, Permission.AUDIT_VIEW)
    conversations = await Conversation.filter(
        organisation_id__in=await _subtree(actor.organisation_id)
    ).order_by("-last_seq", "id")
    ids = [c.id for c in conversations]
    counts: dict[int, int] = {}
    for row in await ConversationMember.filter(conversation_id__in=ids).values("conversation_id"):
        counts[row["conversation_id"]] = counts.get(row["conversation_id"], 0) + 1
    titles = await _audit_titles(conversations)
    return [
        AuditConversation(
            id=c.id,
            kind=c.kind,
            title=titles[c.id],
            last_seq=int(c.last_seq),
            members=counts.get(c.id, 0),
            created_at=c.created_at,
        )
        for c in conversations
    ]


async def _audit_titles(conversations: list[Conversation]) -> dict[int, str]:
    """Titles for a third party: a direct conversation is named by both people."""
    titles = await _titles(conversations, person_id=0)
    pairs = {
        c.id: [int(part) for part in c.direct_key.split(":")]
        for c in conversations
        if c.kind == ConversationKind.DIRECT and c.direct_key
    }
    names = await person_names(person for pair in pairs.values() for person in pair)
    for conversation_id, pair in pairs.items():
        titles[conversation_id] = " ↔ ".join(names.get(person, "") for person in pair)
    return titles


async def conversation_titles(
    actor: Actor, conversations: Iterable[Conversation]
) -> dict[int, str]:
    """The titles the actor sees (a system actor: both names of a direct conversation)."""
    if actor.person_id is None:
        return await _audit_titles(list(conversations))
    return await _titles(conversations, actor.person_id)


async def members(actor: Actor, conversation_id: int) -> list[MemberView]:
    """The people in a conversation, present members first.

    Raises:
        NotFound: no such conversation, or the actor may not read it.
    """
    _ = await readable(actor, conversation_id)
    rows = await ConversationMember.filter(conversation_id=conversation_id)
    names = await person_names(row.person_id for row in rows)  # type: ignore[attr-defined]
    views = [
        MemberView(
            person_id=row.person_id,  # type: ignore[attr-defined]
            name=names.get(row.person_id, ""),  # type: ignore[attr-defined]
            can_post=row.can_post and row.left_at is None,
            left=row.left_at is not None,
            read_seq=int(row.read_seq),
        )
        for row in rows
    ]
    return sorted(views, key=lambda v: (v.left, v.name))


# --- group conversations -------------------------------------------------------------


async def do_sync_group_conversation(tx: Tx, group_id: int) -> Conversation:
    """Make the group's conversation hold exactly its present people; trusted.

    Present: active students, the group's teachers and, when the organisation's
    ``chat_parents`` feature is on, the parents of active students. Everyone else who was a
    member leaves (keeping what they could read); someone who comes back rejoins.
    """
    group = await Group.get(id=group_id)
    conversation = await Conversation.select_for_update().get_or_none(group_id=group_id)
    if conversation is None:
        conversation = await Conversation.create(
            organisation_id=group.organisation_id,  # type: ignore[attr-defined]
            kind=ConversationKind.GROUP,
            title=group.name,
            group_id=group_id,
            created_at=tx.now,
        )
    students = {
        row["student_id"]
        for row in await Enrolment.filter(group_id=group_id, active_key__isnull=False).values(
            "student_id"
        )
    }
    present: set[int] = students | {
        row["teacher_id"]
        for row in await GroupTeacher.filter(group_id=group_id).values("teacher_id")
    }
    organisation = await Organisation.get(id=group.organisation_id)  # type: ignore[attr-defined]
    if students and organisation.features.get("chat_parents", True):
        present |= {
            row["parent_id"]
            for row in await ParentLink.filter(child_id__in=students).values("parent_id")
        }
    changed: list[int] = []
    rows = {
        row.person_id: row  # type: ignore[attr-defined]
        for row in await ConversationMember.filter(conversation_id=conversation.id)
    }
    joining = sorted(person_id for person_id in present if person_id not in rows)
    await ConversationMember.bulk_create(
        ConversationMember(conversation_id=conversation.id, person_id=person_id, joined_at=tx.now)
        for person_id in joining
    )
    changed.extend(joining)
    for person_id in present:
        row = rows.get(person_id)
        if row is not None and row.left_at is not None:
            row.left_at, row.left_seq, row.can_post = None, None, True
            await row.save(update_fields=["left_at", "left_seq", "can_post"])
            changed.append(person_id)
    for person_id, row in rows.items():
        if person_id not in present and row.left_at is None:
            row.left_at, row.left_seq = tx.now, conversation.last_seq
            await row.save(update_fields=["left_at", "left_seq"])
            changed.append(person_id)
    if changed:
        tx.emit(
            ConversationMembersChanged(
                organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
                conversation_id=conversation.id,
                person_ids=tuple(sorted(changed)),
            )
        )
    return conversation


async def do_sync_groups_of_students(tx: Tx, student_ids: Iterable[int]) -> None:
    """Re-sync every active group of these students (a parent was linked to one of them)."""
    group_ids = {
        row["group_id"]
        for row in await Enrolment.filter(
            student_id__in=list(student_ids), active_key__isnull=False
        ).values("group_id")
    }
    for group_id in sorted(group_ids):
        _ = await do_sync_group_conversation(tx, group_id)


# --- direct conversations ------------------------------------------------------------


async def _roles_in(person_id: int, organisation_id: int) -> set[Role]:
    rows = await Membership.filter(
        person_id=person_id, organisation_id=organisation_id, archived_at__isnull=True
    ).values("role")
    return {Role(row["role"]) for row in rows}


async def may_message_directly(actor: Actor, roles_of_other: set[Role]) -> bool:
    """Whether the actor may talk one-to-one with someone holding ``roles_of_other`` here."""
    if actor.is_system or not roles_of_other:
        return False
    grants = await effective_grants(actor.organisation_id)
    held = (
        frozenset().union(*(grants[role] for role in actor.roles)) if actor.roles else frozenset()
    )
    for role in roles_of_other:
        if DIRECT_RULES.get(role, Permission.CHAT_DIRECT_STAFF) in held:
            return True
    return False


async def open_direct(deps: Deps, actor: Actor, *, person_id: int) -> ConversationView:
    """The direct conversation between the actor and another person, started if new.

    Raises:
        InvalidInput: the actor picked themselves.
        NotFound: the other person has no role in the actor's organisation.
        PermissionDenied: the organisation's rules do not let these roles talk one-to-one.
    """
    me = _person_of(actor)
    if person_id == me:
        raise InvalidInput(N_("Pick someone other than yourself."), field="person_id")
    roles = await _roles_in(person_id, actor.organisation_id)
    if not roles:
        raise NotFound(N_("This person is not in your organisation."))
    if not await may_message_directly(actor, roles):
        raise PermissionDenied(permission="chat.direct")
    low, high = sorted((me, person_id))
    key = f"{low}:{high}"
    async with transaction(deps) as tx:
        conversation = await Conversation.get_or_none(direct_key=key)
        if conversation is None:
            conversation = await Conversation.create(
                organisation_id=actor.organisation_id,
                kind=ConversationKind.DIRECT,
                direct_key=key,
                created_by_id=me,
                created_at=tx.now,
            )
            for person in (low, high):
                _ = await ConversationMember.create(
                    conversation_id=conversation.id, person_id=person, joined_at=tx.now
                )
            tx.emit(
                ConversationMembersChanged(
                    organisation_id=actor.organisation_id,
                    conversation_id=conversation.id,
                    person_ids=(low, high),
                )
            )
    return await conversation_view(actor, conversation.id)


async def check_direct_still_allowed(actor: Actor, conversation: Conversation) -> None:
    """Direct conversations obey the rules at every post, so switching a rule off applies.

    Raises:
        PermissionDenied: the rule that allowed this pair has been switched off.
    """
    if conversation.kind != ConversationKind.DIRECT or not conversation.direct_key:
        return
    me = _person_of(actor)
    other = next(int(p) for p in conversation.direct_key.split(":") if int(p) != me)
    organisation_id = conversation.organisation_id  # type: ignore[attr-defined]
    roles = await _roles_in(other, organisation_id)
    if actor.organisation_id != organisation_id:
        mine = await _roles_in(me, organisation_id)
        actor = Actor(person_id=me, organisation_id=organisation_id, roles=frozenset(mine))
    if not await may_message_directly(actor, roles):
        raise PermissionDenied(permission="chat.direct")


async def open_conversation(deps: Deps, actor: Actor, conversation_id: int) -> ConversationView:
    """One conversation as the actor sees it; support staff opening a support thread join it.

    Raises:
        NotFound: no such conversation, or the actor may not read it.
    """
    seen = await readable(actor, conversation_id)
    if seen.member is None:
        async with transaction(deps) as tx:
            _ = await do_join(tx, seen.conversation, _person_of(actor))
    return await conversation_view(actor, conversation_id)


async def do_join(tx: Tx, conversation: Conversation, person_id: int) -> ConversationMember:
    """Add a member (support staff answering a thread); trusted."""
    member, created = await ConversationMember.get_or_create(
        conversation_id=conversation.id, person_id=person_id, defaults={"joined_at": tx.now}
    )
    if created:
        tx.emit(
            ConversationMembersChanged(
                organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
                conversation_id=conversation.id,
                person_ids=(person_id,),
            )
        )
    return member


async def conversation_view(actor: Actor, conversation_id: int) -> ConversationView:
    """One conversation as the actor sees it in their list.

    Raises:
        NotFound: no such conversation, or the actor is not in it.
    """
    seen = await readable(actor, conversation_id)
    if seen.member is None:
        raise NotFound(N_("This conversation does not exist or is not open to you."))
    title = (await _titles([seen.conversation], _person_of(actor)))[conversation_id]
    return _view(seen.conversation, seen.member, title)


# --- channels and support ------------------------------------------------------------


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(N_("Give the conversation a title."), field="title")
    if len(title) > TITLE_LIMIT:
        raise InvalidInput(
            N_("The title is too long: at most {limit} characters."),
            field="title",
            limit=TITLE_LIMIT,
        )
    return title


async def create_channel(
    deps: Deps,
    actor: Actor,
    *,
    title: str,
    audience: Iterable[Role | str],
    posters: Iterable[Role | str],
) -> ConversationView:
    """An announcement channel read by ``audience`` roles, where only ``posters`` post.

    Raises:
        PermissionDenied: the actor may not create channels.
        InvalidInput: no title, no audience, or a role that does not exist.
    """
    await require(actor, Permission.CHAT_CHANNELS_MANAGE)
    creator = _person_of(actor)
    title = _clean_title(title)
    audience_roles = _role_names(audience, field="audience")
    poster_roles = _role_names(posters, field="posters")
    if not audience_roles:
        raise InvalidInput(N_("Choose who reads the channel."), field="audience")
    async with transaction(deps) as tx:
        conversation = await Conversation.create(
            organisation_id=actor.organisation_id,
            kind=ConversationKind.CHANNEL,
            title=title,
            audience_roles=audience_roles,
            poster_roles=poster_roles,
            created_by_id=creator,
            created_at=tx.now,
        )
        _ = await do_join(tx, conversation, creator)
        await do_record(
            tx,
            actor,
            action="conversation.create_channel",
            object_type="conversation",
            object_id=conversation.id,
            after={"title": title, "audience": audience_roles, "posters": poster_roles},
        )
        await _fill_channel(tx, conversation)
    return await conversation_view(actor, conversation.id)


def _role_names(roles: Iterable[Role | str], *, field: str) -> list[str]:
    known = {role.value for role in Role}
    names = {str(role) for role in roles}
    if unknown := sorted(names - known):
        raise InvalidInput(N_("Unknown role: {role}."), field=field, role=unknown[0])
    return sorted(names)


async def _fill_channel(tx: Tx, conversation: Conversation) -> None:
    rows = await Membership.filter(
        organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
        role__in=conversation.audience_roles + conversation.poster_roles,
        archived_at__isnull=True,
    ).values("person_id", "role")
    roles: dict[int, set[str]] = {}
    for row in rows:
        roles.setdefault(row["person_id"], set()).add(row["role"])
    existing = {
        row["person_id"]
        for row in await ConversationMember.filter(conversation_id=conversation.id).values(
            "person_id"
        )
    }
    added = []
    for person_id, held in roles.items():
        if person_id in existing:
            continue
        _ = await ConversationMember.create(
            conversation_id=conversation.id,
            person_id=person_id,
            joined_at=tx.now,
            can_post=bool(held & set(conversation.poster_roles)),
        )
        added.append(person_id)
    if added:
        tx.emit(
            ConversationMembersChanged(
                organisation_id=conversation.organisation_id,  # type: ignore[attr-defined]
                conversation_id=conversation.id,
                person_ids=tuple(sorted(added)),
            )
        )


async def _join_channels(deps: Deps, actor: Actor) -> None:
    if not actor.roles:
        return
    person_id = _person_of(actor)
    mine = {role.value for role in actor.roles}
    channels = [
        channel
        for channel in await Conversation.filter(
            organisation_id=actor.organisation_id, kind=ConversationKind.CHANNEL
        )
        if mine & set(channel.audience_roles + channel.poster_roles)
    ]
    joined = {
        row["conversation_id"]
        for row in await ConversationMember.filter(
            person_id=person_id, conversation_id__in=[c.id for c in channels]
        ).values("conversation_id")
    }
    missing = [channel for channel in channels if channel.id not in joined]
    if missing:
        async with transaction(deps) as tx:
            for channel in missing:
                await _fill_channel(tx, channel)


async def open_support_thread(deps: Deps, actor: Actor, *, title: str) -> ConversationView:
    """A new support thread between the actor and the organisation's support staff.

    Staff holding ``chat.support`` join when they open it (``readable``).

    Raises:
        PermissionDenied: the actor is not a person.
        InvalidInput: no title.
    """
    person_id = _person_of(actor)
    title = _clean_title(title)
    async with transaction(deps) as tx:
        conversation = await Conversation.create(
            organisation_id=actor.organisation_id,
            kind=ConversationKind.SUPPORT,
            title=title,
            created_by_id=person_id,
            created_at=tx.now,
        )
        _ = await do_join(tx, conversation, person_id)
    return await conversation_view(actor, conversation.id)


@dataclass(frozen=True)
class SupportThread:
    id: int
    title: str
    last_seq: int
    created_at: datetime


async def support_threads(actor: Actor) -> list[SupportThread]:
    """The organisation's support threads, for the staff who answer them.

    Raises:
        PermissionDenied: the actor may not answer support threads.
    """
    await require(actor, Permission.CHAT_SUPPORT)
    rows = await Conversation.filter(
        organisation_id=actor.organisation_id, kind=ConversationKind.SUPPORT
    ).order_by("-last_seq", "-id")
    return [SupportThread(c.id, c.title, int(c.last_seq), c.created_at) for c in rows]


async def directory(actor: Actor, *, query: str = "", limit: int = 20) -> list[tuple[int, str]]:
    """People of the organisation the actor may start a direct conversation with.

    Raises:
        PermissionDenied: the actor is not a person.
    """
    me = _person_of(actor)
    grants = await effective_grants(actor.organisation_id)
    held = (
        frozenset().union(*(grants[role] for role in actor.roles)) if actor.roles else frozenset()
    )
    allowed_roles = [
        role for role in Role if DIRECT_RULES.get(role, Permission.CHAT_DIRECT_STAFF) in held
    ]
    people = Membership.filter(
        organisation_id=actor.organisation_id,
        role__in=allowed_roles,
        archived_at__isnull=True,
    ).exclude(person_id=me)
    for word in query.casefold().replace("ё", "е").split():
        people = people.filter(person__search_text__contains=word)
    rows = await people.distinct().limit(limit).values("person_id")
    names = await person_names(row["person_id"] for row in rows)
    return sorted(names.items(), key=lambda item: item[1])
