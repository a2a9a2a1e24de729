"""Buildings and rooms: the places lessons are held in, and the labels of room kinds.

An online room is in no building. A room's kind and capacity are checked when a lesson is
placed in it (``schedule``), so changing them leaves the lessons already placed there alone.
Archiving a room keeps it out of new lessons; it is refused while planned lessons are ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.models.lessons import Building, Lesson, Room
from core.models.lessons import RoomKind as RoomKind  # noqa: PLC0414 - for adapters
from core.permissions import Permission, require
from core.services.audit import do_record, snapshot
from core.services.lessons import LessonStatus
from core.tx import transaction

ROOM_CAPACITY_MAX = 1000
NAME_MAX = 100

ROOM_KIND_LABELS: dict[RoomKind, str] = {
    RoomKind.CLASSROOM: N_("Classroom"),
    RoomKind.LAB: N_("Laboratory"),
    RoomKind.COMPUTER: N_("Computer room"),
    RoomKind.GYM: N_("Gym"),
    RoomKind.ONLINE: N_("Online"),
}


# --- plain data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildingView:
    id: int
    name: str
    address: str


@dataclass(frozen=True)
class RoomData:
    name: str
    kind: RoomKind
    capacity: int
    building_id: int | None = None


@dataclass(frozen=True)
class RoomView:
    id: int
    name: str
    kind: RoomKind
    capacity: int
    building_id: int | None
    building_name: str
    archived: bool

    @property
    def label(self) -> str:
        return f"{self.building_name}, {self.name}" if self.building_name else self.name


@dataclass(frozen=True)
class Places:
    buildings: tuple[BuildingView, ...]
    rooms: tuple[RoomView, ...]


# --- buildings and rooms ------------------------------------------------------------------


def _room_view(room: Room, buildings: dict[int, str]) -> RoomView:
    building_id: int | None = room.building_id  # type: ignore[attr-defined]
    return RoomView(
        id=room.id,
        name=room.name,
        kind=RoomKind(room.kind),
        capacity=room.capacity,
        building_id=building_id,
        building_name=buildings.get(building_id, "") if building_id else "",
        archived=room.archived_at is not None,
    )


async def buildings_of(organisation_id: int) -> list[BuildingView]:
    """The organisation's buildings by name; trusted: checks no permission."""
    return [
        BuildingView(id=b.id, name=b.name, address=b.address)
        for b in await Building.filter(organisation_id=organisation_id).order_by("name", "id")
    ]


async def rooms_of(organisation_id: int, *, archived: bool) -> list[RoomView]:
    """The organisation's rooms (archived ones last, if asked for) by building and name;
    trusted: checks no permission."""
    names = {b.id: b.name for b in await buildings_of(organisation_id)}
    query = Room.filter(organisation_id=organisation_id)
    if not archived:
        query = query.filter(archived_at__isnull=True)
    rooms = [_room_view(room, names) for room in await query]
    return sorted(rooms, key=lambda r: (r.archived, r.building_name, r.name, r.id))


async def list_places(actor: Actor, *, archived: bool = True) -> Places:
    """The organisation's buildings and rooms (archived rooms last, when asked for).

    Raises:
        PermissionDenied: the actor may not see groups.
    """
    await require(actor, Permission.GROUPS_VIEW)
    return Places(
        buildings=tuple(await buildings_of(actor.organisation_id)),
        rooms=tuple(await rooms_of(actor.organisation_id, archived=archived)),
    )


async def create_building(
    deps: Deps, actor: Actor, *, name: str, address: str = ""
) -> BuildingView:
    """Add a building.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        InvalidInput: no name, or one too long.
        Conflict: a building of that name exists.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    name, address = name.strip(), address.strip()[:300]
    if not name or len(name) > NAME_MAX:
        raise InvalidInput(
            N_("A name is from 1 to {limit} characters long."), field="name", limit=NAME_MAX
        )
    async with transaction(deps) as tx:
        if await Building.exists(organisation_id=actor.organisation_id, name=name):
            raise Conflict(
                N_("A building named “{name}” exists already."), field="name", name=name
            )
        building = await Building.create(
            organisation_id=actor.organisation_id, name=name, address=address, created_at=tx.now
        )
        await do_record(
            tx,
            actor,
            action="building.create",
            object_type="building",
            object_id=building.id,
            after={"name": name, "address": address},
        )
    return BuildingView(id=building.id, name=name, address=address)


async def _clean_room(actor: Actor, data: RoomData, exclude_id: int | None) -> RoomData:
    name = data.name.strip()
    if not name or len(name) > 50:
        raise InvalidInput(
            N_("A name is from 1 to {limit} characters long."), field="name", limit=50
        )
    if not 1 <= data.capacity <= ROOM_CAPACITY_MAX:
        raise InvalidInput(
            N_("Capacity must be a whole number from 1 to {limit}."),
            field="capacity",
            limit=ROOM_CAPACITY_MAX,
        )
    building_id = data.building_id
    if data.kind is RoomKind.ONLINE and building_id is not None:
        raise InvalidInput(N_("An online room is in no building."), field="building_id")
    if building_id is not None and not await Building.exists(
        id=building_id, organisation_id=actor.organisation_id
    ):
        raise InvalidInput(N_("There is no such building."), field="building_id")
    same = Room.filter(organisation_id=actor.organisation_id, name=name, building_id=building_id)
    if exclude_id is not None:
        same = same.exclude(id=exclude_id)
    if await same.exists():
        raise Conflict(N_("A room named “{name}” exists there already."), field="name", name=name)
    return RoomData(name=name, kind=data.kind, capacity=data.capacity, building_id=building_id)


_ROOM_AUDITED = ("name", "kind", "capacity", "building_id")


async def create_room(deps: Deps, actor: Actor, *, data: RoomData) -> RoomView:
    """Add a room; an online room has no building.

    Raises:
        PermissionDenied: the actor may not manage the schedule.
        InvalidInput: a bad name, capacity or building.
        Conflict: a room of that name is in that building already.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    async with transaction(deps) as tx:
        data = await _clean_room(actor, data, None)
        room = await Room.create(
            organisation_id=actor.organisation_id,
            name=data.name,
            kind=data.kind,
            capacity=data.capacity,
            building_id=data.building_id,
            created_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="room.create",
            object_type="room",
            object_id=room.id,
            after=snapshot(room, _ROOM_AUDITED),
        )
    return await room_view(actor, room.id)


async def room_view(actor: Actor, room_id: int) -> RoomView:
    """One room of the organisation.

    Raises:
        NotFound: no such room here.
        PermissionDenied: the actor may not see groups.
    """
    await require(actor, Permission.GROUPS_VIEW)
    room = await Room.get_or_none(id=room_id, organisation_id=actor.organisation_id)
    if room is None:
        raise NotFound()
    names = {b.id: b.name for b in await buildings_of(actor.organisation_id)}
    return _room_view(room, names)


async def _room_to_change(actor: Actor, room_id: int) -> Room:
    """The room, locked for the change (inside the caller's transaction)."""
    room = await Room.select_for_update().get_or_none(
        id=room_id, organisation_id=actor.organisation_id
    )
    if room is None:
        raise NotFound()
    return room


async def update_room(deps: Deps, actor: Actor, *, room_id: int, data: RoomData) -> RoomView:
    """Change a room. Lessons already placed in it stay; a smaller capacity or another kind
    applies to the changes made from now on.

    Raises:
        NotFound: no such room here.
        PermissionDenied: the actor may not manage the schedule.
        InvalidInput: a bad name, capacity or building.
        Conflict: a room of that name is in that building already.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    async with transaction(deps) as tx:
        room = await _room_to_change(actor, room_id)
        data = await _clean_room(actor, data, room.id)
        before = snapshot(room, _ROOM_AUDITED)
        room.name, room.kind, room.capacity = data.name, data.kind, data.capacity
        room.building_id = data.building_id
        await room.save()
        await do_record(
            tx,
            actor,
            action="room.update",
            object_type="room",
            object_id=room.id,
            before=before,
            after=snapshot(room, _ROOM_AUDITED),
        )
    return await room_view(actor, room_id)


async def set_room_archived(deps: Deps, actor: Actor, *, room_id: int, archived: bool) -> RoomView:
    """Archive a room (no new lessons go there) or bring it back.

    Raises:
        NotFound: no such room here.
        PermissionDenied: the actor may not manage the schedule.
        Conflict: planned lessons are still placed in the room from now on.
    """
    await require(actor, Permission.SCHEDULE_MANAGE)
    async with transaction(deps) as tx:
        room = await _room_to_change(actor, room_id)
        if archived:
            coming = await Lesson.filter(
                room_id=room.id, status=LessonStatus.PLANNED, starts_at__gt=tx.now
            ).count()
            if coming:
                raise Conflict(
                    N_(
                        "Room {room} still has {count} planned lessons. Move them or end "
                        "their schedule rules first."
                    ),
                    room=room.name,
                    count=coming,
                )
        room.archived_at = tx.now if archived else None
        await room.save(update_fields=["archived_at"])
        await do_record(
            tx,
            actor,
            action="room.archive" if archived else "room.restore",
            object_type="room",
            object_id=room.id,
        )
    return await room_view(actor, room_id)
