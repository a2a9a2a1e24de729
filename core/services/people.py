"""People: persons on record, their memberships (roles), parent ↔ child links.

A person is visible to an actor when they hold a membership in the actor's organisation or
below it, or were recorded by it. Archiving ends a person's memberships in the actor's
organisation; nothing about a person is ever deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from tortoise.expressions import Q

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.events import PersonArchived, PersonCreated, PersonRestored
from core.i18n import N_
from core.iin import normalise_iin
from core.images import square_png, store_upload
from core.models.org import Organisation
from core.models.people import Account, Membership, ParentLink, Person
from core.models.people import Gender as Gender  # noqa: PLC0414 - re-exported for adapters
from core.models.people import Role as Role  # noqa: PLC0414 - re-exported for adapters
from core.names import fold as fold  # noqa: PLC0414 - shared with other contexts
from core.names import full_name as full_name  # noqa: PLC0414
from core.permissions import Permission, effective_grants, require
from core.phones import normalise_phone
from core.services.audit import do_record, snapshot
from core.services.conversations import do_sync_groups_of_students
from core.tx import Tx, transaction

NAME_LIMIT = 100
#: Ids are 32-bit integers in the database; a larger number from a URL is simply unknown.
MAX_ID = 2**31 - 1
_AUDITED = (
    "last_name",
    "first_name",
    "middle_name",
    "birth_date",
    "gender",
    "iin",
    "phone",
    "email",
    "notes",
)


@dataclass(frozen=True)
class PersonData:
    """What a form, a bot step or an import row says about a person (not yet validated)."""

    last_name: str
    first_name: str
    middle_name: str = ""
    birth_date: date | None = None
    gender: Gender | None = None
    iin: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PersonRow:
    id: int
    full_name: str
    iin: str | None
    phone: str
    roles: tuple[Role, ...]
    archived: bool


@dataclass(frozen=True)
class PersonCard:
    id: int
    last_name: str
    first_name: str
    middle_name: str
    full_name: str
    birth_date: date | None
    gender: Gender | None
    iin: str | None
    phone: str
    email: str
    notes: str
    roles: tuple[Role, ...]
    archived_roles: tuple[Role, ...]
    parents: tuple[tuple[int, str], ...]
    children: tuple[tuple[int, str], ...]
    login: str | None
    telegram_linked: bool
    has_photo: bool = False
    telegram_blocked_at: datetime | None = None


@dataclass(frozen=True)
class Page:
    rows: list[PersonRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class PeopleFilter:
    query: str = ""
    role: Role | None = None
    archived: bool = False
    extra_ids: tuple[int, ...] = field(default_factory=tuple)


def search_text_of(person: Person) -> str:
    """What people search matches against: names, IIN, phone and e-mail, folded."""
    return fold(
        " ".join(
            part
            for part in (
                person.last_name,
                person.first_name,
                person.middle_name,
                person.iin or "",
                person.phone,
                person.email,
            )
            if part
        )
    )


def validate_person(data: PersonData) -> PersonData:
    """The data with names trimmed, IIN and phone normalised.

    Raises:
        InvalidInput: a missing name, a name too long, a bad IIN, phone or e-mail, or a
            birth date in the future or before 1900.
    """
    last, first, middle = data.last_name.strip(), data.first_name.strip(), data.middle_name.strip()
    if not last:
        raise InvalidInput(N_("The last name is missing."), field="last_name")
    if not first:
        raise InvalidInput(N_("The first name is missing."), field="first_name")
    for name, value in (("last_name", last), ("first_name", first), ("middle_name", middle)):
        if len(value) > NAME_LIMIT:
            raise InvalidInput(
                N_("A name can be at most {limit} characters long."), field=name, limit=NAME_LIMIT
            )
    iin = normalise_iin(data.iin) if data.iin.strip() else ""
    phone = normalise_phone(data.phone) if data.phone.strip() else ""
    email = data.email.strip()
    if email and ("@" not in email or " " in email or len(email) > 254):
        raise InvalidInput(
            N_("“{value}” is not an e-mail address."), field="email", value=email[:60]
        )
    if data.birth_date is not None and not date(1900, 1, 1) <= data.birth_date <= date(2100, 1, 1):
        raise InvalidInput(N_("The birth date is not plausible."), field="birth_date")
    return replace(
        data,
        last_name=last,
        first_name=first,
        middle_name=middle,
        iin=iin,
        phone=phone,
        email=email,
        notes=data.notes.strip()[:2000],
    )


async def _reach(actor: Actor) -> list[int]:
    """Ids of the actor's organisation and all below it."""
    ids = [actor.organisation_id]
    frontier = [actor.organisation_id]
    while frontier:
        frontier = list(
            await Organisation.filter(parent_id__in=frontier).values_list("id", flat=True)  # type: ignore[arg-type]
        )
        ids.extend(frontier)
    return ids


async def access_person(
    actor: Actor, person_id: int, *, require_permission: Permission = Permission.PEOPLE_VIEW
) -> Person:
    """The person if the actor's organisation knows them and the actor may see people.

    Raises:
        NotFound: no such person, or not within the actor's organisation.
        PermissionDenied: the actor lacks the permission.
    """
    person = await Person.get_or_none(id=person_id) if 0 < person_id <= MAX_ID else None
    if person is None:
        raise NotFound()
    if not actor.is_system:
        reach = await _reach(actor)
        known = person.organisation_id in reach or await Membership.exists(  # type: ignore[attr-defined]
            person_id=person_id, organisation_id__in=reach
        )
        if not known:
            raise NotFound()
    await require(actor, require_permission)
    return person


async def check_role_rank(actor: Actor, roles: Iterable[Role]) -> None:
    """Refuse roles that may do more than the actor may.

    Managing people must not be a way up: a manager may not make anyone (themselves included)
    an administrator, nor revive, archive or take over the account of someone who holds a
    role with permissions the manager lacks.

    Raises:
        PermissionDenied: one of ``roles`` holds a permission none of the actor's roles holds.
    """
    if actor.is_system:
        return
    grants = await effective_grants(actor.organisation_id)
    mine: frozenset[Permission] = frozenset().union(*(grants[role] for role in actor.roles))
    if any(not grants[role] <= mine for role in roles):
        raise PermissionDenied(
            N_("You cannot give or manage a role that may do more than your own roles.")
        )


async def held_roles(actor: Actor, person_id: int) -> set[Role]:
    """The person's roles in the actor's organisation and below, archived ones too."""
    rows = await Membership.filter(
        person_id=person_id, organisation_id__in=await _reach(actor)
    ).values("role")
    return {Role(row["role"]) for row in rows}


async def check_account_reach(actor: Actor, person: Person) -> None:
    """Whether the actor may decide how ``person`` signs in (a password, an invitation).

    An account opens every organisation where the person holds a role, so it is only the
    actor's to set when all of them are within the actor's reach and none outranks the actor.

    Raises:
        PermissionDenied: the person holds a role elsewhere, or one that outranks the actor.
    """
    if actor.is_system or actor.person_id == person.id:
        return
    reach = set(await _reach(actor))
    elsewhere = await Membership.filter(
        person_id=person.id, archived_at__isnull=True, organisation_id__not_in=list(reach)
    ).exists()
    if elsewhere:
        raise PermissionDenied(
            N_(
                "This person also belongs to another organisation; "
                "only they can change how they sign in."
            )
        )
    await check_role_rank(actor, await held_roles(actor, person.id))


async def _check_unique_iin(
    organisation_id: int, iin: str, *, exclude_id: int | None = None
) -> None:
    if not iin:
        return
    query = Person.filter(organisation_id=organisation_id, iin=iin)
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    other = await query.first()
    if other is not None:
        raise Conflict(
            N_("A person with IIN {iin} is already on record: {name}."),
            field="iin",
            iin=iin,
            name=full_name(other.last_name, other.first_name),
        )


async def do_create_person(
    tx: Tx,
    actor: Actor,
    *,
    organisation_id: int,
    data: PersonData,
    roles: tuple[Role, ...] = (),
    audit: bool = True,
) -> Person:
    """Record a validated person with memberships; trusted (no permission check)."""
    await _check_unique_iin(organisation_id, data.iin)
    person = Person(
        organisation_id=organisation_id,
        last_name=data.last_name,
        first_name=data.first_name,
        middle_name=data.middle_name,
        birth_date=data.birth_date,
        gender=data.gender,
        iin=data.iin or None,
        phone=data.phone,
        email=data.email,
        notes=data.notes,
        created_at=tx.now,
    )
    person.search_text = search_text_of(person)
    await person.save()
    for role in dict.fromkeys(roles):
        _ = await Membership.create(
            person_id=person.id,
            organisation_id=organisation_id,
            role=role,
            started_on=tx.now.date(),
        )
    if audit:
        await do_record(
            tx,
            actor,
            action="person.create",
            object_type="person",
            object_id=person.id,
            after={**snapshot(person, _AUDITED), "roles": [role.value for role in roles]},
        )
    tx.emit(PersonCreated(organisation_id=organisation_id, person_id=person.id))
    return person


async def create_person(
    deps: Deps,
    actor: Actor,
    *,
    data: PersonData,
    roles: tuple[Role, ...],
    parent_of: int | None = None,
) -> PersonCard:
    """Record a new person in the actor's organisation with the given roles.

    With ``parent_of`` the new person is linked as a parent of that child in the same
    transaction (and gets the parent role), so a refused link leaves nothing behind.

    Raises:
        PermissionDenied: the actor may not manage people, or a role outranks the actor.
        NotFound: ``parent_of`` names no person in reach.
        InvalidInput: a field is invalid (``field`` names it).
        Conflict: the IIN is already on record.
    """
    await require(actor, Permission.PEOPLE_MANAGE)
    data = validate_person(data)
    if not roles:
        raise InvalidInput(N_("Choose at least one role."), field="roles")
    await check_role_rank(actor, roles)
    async with transaction(deps) as tx:
        child = (
            await access_person(actor, parent_of, require_permission=Permission.PEOPLE_MANAGE)
            if parent_of is not None
            else None
        )
        person = await do_create_person(
            tx, actor, organisation_id=actor.organisation_id, data=data, roles=roles
        )
        if child is not None:
            await do_link_parent(tx, actor, parent=person, child=child)
    return await person_card(actor, person.id)


async def update_person(
    deps: Deps, actor: Actor, *, person_id: int, data: PersonData
) -> PersonCard:
    """Change a person's details.

    Raises:
        NotFound: no such person in the actor's organisation.
        PermissionDenied: the actor may not manage people.
        InvalidInput: a field is invalid.
        Conflict: the new IIN belongs to someone else.
    """
    data = validate_person(data)
    async with transaction(deps) as tx:
        person = await access_person(actor, person_id, require_permission=Permission.PEOPLE_MANAGE)
        await _check_unique_iin(person.organisation_id, data.iin, exclude_id=person.id)  # type: ignore[attr-defined]
        before = snapshot(person, _AUDITED)
        for name in _AUDITED:
            setattr(person, name, getattr(data, name))
        person.iin = data.iin or None
        person.search_text = search_text_of(person)
        await person.save()
        await do_record(
            tx,
            actor,
            action="person.update",
            object_type="person",
            object_id=person.id,
            before=before,
            after=snapshot(person, _AUDITED),
        )
    return await person_card(actor, person_id)


async def add_role(deps: Deps, actor: Actor, *, person_id: int, role: Role) -> PersonCard:
    """Give a person a role in the actor's organisation (or restore an archived one).

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not manage people, or the role outranks the actor.
        Conflict: the person already has this role here.
    """
    async with transaction(deps) as tx:
        person = await access_person(actor, person_id, require_permission=Permission.PEOPLE_MANAGE)
        await check_role_rank(actor, [role])
        membership = await Membership.get_or_none(
            person_id=person.id, organisation_id=actor.organisation_id, role=role
        )
        if membership is not None and membership.archived_at is None:
            raise Conflict(N_("This person already has this role."), field="role")
        if membership is None:
            membership = await Membership.create(
                person_id=person.id,
                organisation_id=actor.organisation_id,
                role=role,
                started_on=tx.now.date(),
            )
        else:
            membership.archived_at = None
            await membership.save(update_fields=["archived_at"])
        await do_record(
            tx,
            actor,
            action="membership.add",
            object_type="person",
            object_id=person.id,
            after={"role": role.value},
        )
    return await person_card(actor, person_id)


async def _set_archived(deps: Deps, actor: Actor, person_id: int, *, archived: bool) -> PersonCard:
    async with transaction(deps) as tx:
        person = await access_person(actor, person_id, require_permission=Permission.PEOPLE_MANAGE)
        await check_role_rank(actor, await held_roles(actor, person.id))
        memberships = Membership.filter(person_id=person.id, organisation_id=actor.organisation_id)
        changed = await (
            memberships.filter(archived_at__isnull=True)
            if archived
            else memberships.filter(archived_at__isnull=False)
        ).update(archived_at=tx.now if archived else None)
        if not changed:
            raise Conflict(
                N_("This person is already archived.")
                if archived
                else N_("This person is not archived.")
            )
        await do_record(
            tx,
            actor,
            action="person.archive" if archived else "person.restore",
            object_type="person",
            object_id=person.id,
        )
        event = PersonArchived if archived else PersonRestored
        tx.emit(event(organisation_id=actor.organisation_id, person_id=person.id))
    return await person_card(actor, person_id)


async def archive_person(deps: Deps, actor: Actor, *, person_id: int) -> PersonCard:
    """End every membership the person holds in the actor's organisation; keep all data.

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not manage people, or the person outranks the actor.
        Conflict: already archived.
    """
    return await _set_archived(deps, actor, person_id, archived=True)


async def restore_person(deps: Deps, actor: Actor, *, person_id: int) -> PersonCard:
    """Bring an archived person's memberships back.

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not manage people, or the person outranks the actor.
        Conflict: not archived.
    """
    return await _set_archived(deps, actor, person_id, archived=False)


async def link_parent(deps: Deps, actor: Actor, *, parent_id: int, child_id: int) -> PersonCard:
    """Record that ``parent_id`` is a parent (or guardian) of ``child_id``.

    Raises:
        NotFound: either person is out of reach.
        PermissionDenied: the actor may not manage people.
        InvalidInput: a person cannot be their own parent.
        Conflict: the link exists already.
    """
    if parent_id == child_id:
        raise InvalidInput(N_("A person cannot be their own parent."), field="parent")
    async with transaction(deps) as tx:
        parent = await access_person(actor, parent_id, require_permission=Permission.PEOPLE_MANAGE)
        child = await access_person(actor, child_id, require_permission=Permission.PEOPLE_MANAGE)
        await do_link_parent(tx, actor, parent=parent, child=child)
    return await person_card(actor, child_id)


async def do_link_parent(tx: Tx, actor: Actor, *, parent: Person, child: Person) -> None:
    """Link a parent to a child and give the parent the parent role here; trusted.

    Raises:
        Conflict: the link exists already.
    """
    if await ParentLink.exists(parent_id=parent.id, child_id=child.id):
        raise Conflict(N_("These two are already linked as parent and child."))
    _ = await ParentLink.create(parent_id=parent.id, child_id=child.id)
    await do_sync_groups_of_students(tx, [child.id])
    if not await Membership.exists(
        person_id=parent.id, organisation_id=actor.organisation_id, role=Role.PARENT
    ):
        _ = await Membership.create(
            person_id=parent.id,
            organisation_id=actor.organisation_id,
            role=Role.PARENT,
            started_on=tx.now.date(),
        )
    await do_record(
        tx,
        actor,
        action="parent.link",
        object_type="person",
        object_id=child.id,
        after={"parent_id": parent.id},
    )


def _search_words(query: str) -> list[str]:
    """Folded words to look for; a whole phone number in any local form counts as one word.

    Twelve bare digits are an IIN and are looked for as they are.
    """
    digits = sum(char.isdigit() for char in query)
    is_iin = digits == 12 and query.strip().isdigit()
    if digits >= 10 and not is_iin and not any(char.isalpha() for char in query):
        try:
            return [normalise_phone(query)]
        except InvalidInput:
            pass
    return fold(query).split()[:5]


async def list_people(
    actor: Actor, *, filters: PeopleFilter, page: int = 1, page_size: int = 50
) -> Page:
    """People of the actor's organisation, newest first, by name/IIN/phone, role, archived.

    Raises:
        PermissionDenied: the actor may not see people.
    """
    await require(actor, Permission.PEOPLE_VIEW)
    page = max(1, page)
    page_size = min(max(1, page_size), 500)
    memberships = Membership.filter(organisation_id=actor.organisation_id)
    if filters.role is not None:
        memberships = memberships.filter(role=filters.role)
    active_ids = set(
        await memberships.filter(archived_at__isnull=True).values_list("person_id", flat=True)
    )
    if filters.archived:
        all_ids = set(await memberships.values_list("person_id", flat=True))
        person_ids = all_ids - active_ids
    else:
        person_ids = active_ids
    query = Person.filter(id__in=person_ids)
    words = _search_words(filters.query)
    for word in words:
        query = query.filter(Q(search_text__contains=word))
    total = await query.count()
    persons = (
        await query.order_by("last_name", "first_name", "id")
        .offset((page - 1) * page_size)
        .limit(page_size)
    )
    roles_by_person: dict[int, list[Role]] = {}
    archived_people: set[int] = set()
    rows = await Membership.filter(
        organisation_id=actor.organisation_id, person_id__in=[p.id for p in persons]
    ).values("person_id", "role", "archived_at")
    for row in rows:
        if row["archived_at"] is None:
            roles_by_person.setdefault(row["person_id"], []).append(Role(row["role"]))
    for person in persons:
        if person.id not in roles_by_person:
            archived_people.add(person.id)
    archived_roles: dict[int, list[Role]] = {}
    for row in rows:
        if row["person_id"] in archived_people:
            archived_roles.setdefault(row["person_id"], []).append(Role(row["role"]))
    return Page(
        rows=[
            PersonRow(
                id=person.id,
                full_name=full_name(person.last_name, person.first_name, person.middle_name),
                iin=person.iin,
                phone=person.phone,
                roles=tuple(
                    sorted(roles_by_person.get(person.id) or archived_roles.get(person.id, []))
                ),
                archived=person.id in archived_people,
            )
            for person in persons
        ],
        total=total,
        page=page,
        page_size=page_size,
    )


async def person_card(actor: Actor, person_id: int) -> PersonCard:
    """Everything the panel shows about one person.

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not see people.
    """
    person = await access_person(actor, person_id)
    memberships = await Membership.filter(
        person_id=person.id, organisation_id=actor.organisation_id
    ).order_by("role")
    parents = await Person.filter(children_links__child_id=person.id).order_by("last_name")
    children = await Person.filter(parent_links__parent_id=person.id).order_by("last_name")
    account = await Account.get_or_none(person_id=person.id)
    return PersonCard(
        id=person.id,
        last_name=person.last_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        full_name=full_name(person.last_name, person.first_name, person.middle_name),
        birth_date=person.birth_date,
        gender=Gender(person.gender) if person.gender else None,
        iin=person.iin,
        phone=person.phone,
        email=person.email,
        notes=person.notes,
        roles=tuple(Role(m.role) for m in memberships if m.archived_at is None),
        archived_roles=tuple(Role(m.role) for m in memberships if m.archived_at is not None),
        parents=tuple((p.id, full_name(p.last_name, p.first_name)) for p in parents),
        children=tuple((c.id, full_name(c.last_name, c.first_name)) for c in children),
        login=account.login if account else None,
        telegram_linked=bool(account and account.telegram_user_id),
        has_photo=bool(person.photo),
        telegram_blocked_at=account.telegram_blocked_at if account else None,
    )


async def choose_people(
    actor: Actor, *, role: Role, query: str = "", limit: int = 50
) -> list[PersonRow]:
    """Active people with ``role`` for a picker (a group's teachers, a parent's child).

    Raises:
        PermissionDenied: the actor may not see people.
    """
    page = await list_people(
        actor, filters=PeopleFilter(query=query, role=role), page=1, page_size=limit
    )
    return page.rows


PHOTO_SIZE = 300


async def set_photo(deps: Deps, actor: Actor, *, person_id: int, data: bytes) -> PersonCard:
    """Store a person's photo as a 300×300 PNG (the previous file stays on disk for audit).

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not manage people.
        InvalidInput: not a JPG/PNG, unreadable, or larger than the upload limit.
    """
    png = square_png(
        data, size=PHOTO_SIZE, max_bytes=deps.settings.max_upload_bytes, field="photo"
    )
    async with transaction(deps) as tx:
        person = await access_person(actor, person_id, require_permission=Permission.PEOPLE_MANAGE)
        relative = store_upload(deps.settings, f"photos/person-{person.id}", png, tx.now)
        before = person.photo
        person.photo = relative
        await person.save(update_fields=["photo"])
        await do_record(
            tx,
            actor,
            action="person.photo",
            object_type="person",
            object_id=person.id,
            before={"photo": before},
            after={"photo": relative},
        )
    return await person_card(actor, person_id)


async def person_photo(deps: Deps, actor: Actor, *, person_id: int) -> bytes | None:
    """The stored photo (PNG bytes), or None when the person has none.

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not see people.
    """
    person = await access_person(actor, person_id)
    if not person.photo:
        return None
    path = deps.settings.uploads_dir / person.photo
    return path.read_bytes() if path.is_file() else None
