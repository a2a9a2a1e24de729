"""What every lesson use case shares: the lesson as plain data, who may see it, who teaches it.

The schedule (``schedule.py``), attendance, homework, grades and reminders all start from a
lesson; this module is their common ground so none of them imports another for it.

Who may see a lesson: staff of its organisation who see groups, its teacher (also a
substitute), the group's teachers, its enrolled students (also those who left: history stays
readable) and their parents. Who may *teach* it (mark attendance, set homework, grade): the
lesson's teacher or a teacher of its group holding the permission, or anyone holding
``teaching.any``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from core.actor import Actor
from core.errors import NotFound, PermissionDenied
from core.models.academics import Course, Enrolment, Group, GroupTeacher
from core.models.lessons import Lesson, Room
from core.models.lessons import LessonStatus as LessonStatus  # noqa: PLC0414 - for adapters
from core.models.org import Organisation
from core.models.people import ParentLink, Person
from core.names import full_name
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.people import MAX_ID
from core.tx import Tx

#: Ids are read in slices of this many (bound parameters stay few).
_CHUNK = 500


@dataclass(frozen=True)
class CourseNames:
    kk: str
    ru: str
    en: str

    def pick(self, language: str) -> str:
        return getattr(self, language, "") or self.ru or self.kk or self.en


@dataclass(frozen=True)
class LessonView:
    """A lesson as every adapter shows it. Times are UTC; ``timezone`` is the organisation's
    (render with ``local_start``/``local_end``)."""

    id: int
    organisation_id: int
    group_id: int
    group_name: str
    course: CourseNames
    teacher_id: int
    teacher_name: str
    planned_teacher_id: int | None
    planned_teacher_name: str
    room_id: int | None
    room_name: str
    building_name: str
    starts_at: datetime
    ends_at: datetime
    status: LessonStatus
    topic: str
    cancel_reason: str
    rule_id: int | None
    detached: bool
    timezone: str

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.timezone))

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(ZoneInfo(self.timezone))

    @property
    def local_day(self) -> date:
        return self.local_start.date()

    @property
    def substituted(self) -> bool:
        return self.planned_teacher_id is not None

    @property
    def place(self) -> str:
        """Where it is, as people read it: "building, room", the room alone, or ""."""
        return ", ".join(part for part in (self.building_name, self.room_name) if part)


async def lesson_views(lessons: Iterable[Lesson]) -> list[LessonView]:
    """Plain views of lessons with their names, in four queries whatever their number."""
    rows = list(lessons)
    if not rows:
        return []
    group_ids = {lesson.group_id for lesson in rows}  # type: ignore[attr-defined]
    groups = {
        group["id"]: group
        for group in await Group.filter(id__in=group_ids).values("id", "name", "course_id")
    }
    courses = {
        course["id"]: CourseNames(course["name_kk"], course["name_ru"], course["name_en"])
        for course in await Course.filter(
            id__in={group["course_id"] for group in groups.values()}
        ).values("id", "name_kk", "name_ru", "name_en")
    }
    person_ids = {lesson.teacher_id for lesson in rows} | {  # type: ignore[attr-defined]
        lesson.planned_teacher_id  # type: ignore[attr-defined]
        for lesson in rows
        if lesson.planned_teacher_id is not None  # type: ignore[attr-defined]
    }
    names = await person_names(person_ids)
    room_ids = {lesson.room_id for lesson in rows if lesson.room_id is not None}  # type: ignore[attr-defined]
    rooms = {
        room["id"]: (room["name"], room["building__name"] or "")
        for room in await Room.filter(id__in=room_ids).values("id", "name", "building__name")
    }
    zones: dict[int, str] = dict(
        await Organisation.filter(
            id__in={lesson.organisation_id for lesson in rows}  # type: ignore[attr-defined]
        ).values_list("id", "timezone")
    )
    views = []
    for lesson in rows:
        group = groups[lesson.group_id]  # type: ignore[attr-defined]
        room_name, building_name = rooms.get(lesson.room_id, ("", ""))  # type: ignore[attr-defined]
        planned = lesson.planned_teacher_id  # type: ignore[attr-defined]
        views.append(
            LessonView(
                id=lesson.id,
                organisation_id=lesson.organisation_id,  # type: ignore[attr-defined]
                group_id=group["id"],
                group_name=group["name"],
                course=courses[group["course_id"]],
                teacher_id=lesson.teacher_id,  # type: ignore[attr-defined]
                teacher_name=names.get(lesson.teacher_id, ""),  # type: ignore[attr-defined]
                planned_teacher_id=planned,
                planned_teacher_name=names.get(planned, "") if planned else "",
                room_id=lesson.room_id,  # type: ignore[attr-defined]
                room_name=room_name,
                building_name=building_name,
                starts_at=lesson.starts_at,
                ends_at=lesson.ends_at,
                status=LessonStatus(lesson.status),
                topic=lesson.topic,
                cancel_reason=lesson.cancel_reason,
                rule_id=lesson.rule_id,  # type: ignore[attr-defined]
                detached=lesson.detached,
                timezone=str(zones[lesson.organisation_id]),  # type: ignore[attr-defined]
            )
        )
    return views


async def lesson_view(lesson: Lesson) -> LessonView:
    return (await lesson_views([lesson]))[0]


async def teaches(actor: Actor, lesson: Lesson) -> bool:
    """Whether the actor is this lesson's teacher (or substitute) or a teacher of its group."""
    if actor.person_id is None:
        return False
    if lesson.teacher_id == actor.person_id:  # type: ignore[attr-defined]
        return True
    return await GroupTeacher.exists(
        group_id=lesson.group_id,  # type: ignore[attr-defined]
        teacher_id=actor.person_id,
    )


async def teaches_group(actor: Actor, group_id: int) -> bool:
    if actor.person_id is None:
        return False
    return await GroupTeacher.exists(group_id=group_id, teacher_id=actor.person_id)


async def require_teaching(actor: Actor, lesson: Lesson, permission: Permission) -> None:
    """The check before marking, setting homework or grading in a lesson.

    Raises:
        PermissionDenied: the actor lacks ``permission``, or neither teaches this lesson nor
            holds ``teaching.any``.
    """
    await require(actor, permission)
    if actor.is_system or await teaches(actor, lesson):
        return
    if not await has_permission(actor, Permission.TEACHING_ANY):
        raise PermissionDenied(permission=Permission.TEACHING_ANY.value)


async def may_teach(actor: Actor, lesson: Lesson, permission: Permission) -> bool:
    """``require_teaching`` as a yes or no (what a page or a keyboard offers)."""
    try:
        await require_teaching(actor, lesson, permission)
    except PermissionDenied:
        return False
    return True


async def require_teaching_group(actor: Actor, group_id: int, permission: Permission) -> None:
    """``require_teaching`` for a group rather than one lesson (gradebook, plans).

    Raises:
        PermissionDenied: as ``require_teaching``.
    """
    await require(actor, permission)
    if actor.is_system or await teaches_group(actor, group_id):
        return
    if not await has_permission(actor, Permission.TEACHING_ANY):
        raise PermissionDenied(permission=Permission.TEACHING_ANY.value)


async def students_of(group_id: int, *, on: date | None = None) -> list[int]:
    """Students enrolled in the group now (``on`` None) or on the local day ``on`` (enrolment
    dates are the organisation's calendar days)."""
    query = Enrolment.filter(group_id=group_id)
    if on is None:
        query = query.filter(active_key__isnull=False)
    else:
        query = query.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)
    return list(await query.values_list("student_id", flat=True))  # type: ignore[arg-type]


async def children_of(parent_id: int) -> list[int]:
    return list(
        await ParentLink.filter(parent_id=parent_id).values_list("child_id", flat=True)  # type: ignore[arg-type]
    )


async def may_see_lesson(actor: Actor, lesson: Lesson) -> bool:
    if actor.is_system:
        return True
    if await has_permission(actor, Permission.GROUPS_VIEW) or await teaches(actor, lesson):
        return True
    if actor.person_id is None:
        return False
    ever_enrolled = Enrolment.filter(group_id=lesson.group_id)  # type: ignore[attr-defined]
    if await ever_enrolled.filter(student_id=actor.person_id).exists():
        return True
    children = await children_of(actor.person_id)
    return bool(children) and await ever_enrolled.filter(student_id__in=children).exists()


async def access_lesson(actor: Actor, lesson_id: int) -> Lesson:
    """The lesson if it is in the actor's organisation and they may see it.

    Raises:
        NotFound: no such lesson, or the actor may not see it.
    """
    check_id(lesson_id)
    lesson = await Lesson.get_or_none(id=lesson_id, organisation_id=actor.organisation_id)
    if lesson is None or not await may_see_lesson(actor, lesson):
        raise NotFound()
    return lesson


async def do_create_lesson(
    tx: Tx,
    actor: Actor,
    *,
    group_id: int,
    teacher_id: int,
    starts_at: datetime,
    ends_at: datetime,
    room_id: int | None = None,
    topic: str = "",
    audit: bool = True,
) -> Lesson:
    """Add a single lesson (not from a rule); trusted: checks neither permission nor conflicts.

    The schedule's public use cases check conflicts first; tests and the demo set lessons up
    with this directly.
    """
    lesson = await Lesson.create(
        organisation_id=actor.organisation_id,
        group_id=group_id,
        teacher_id=teacher_id,
        room_id=room_id,
        starts_at=starts_at,
        ends_at=ends_at,
        topic=topic,
        status=LessonStatus.PLANNED,
        created_at=tx.now,
        updated_at=tx.now,
    )
    if audit:
        await do_record(
            tx,
            actor,
            action="lesson.create",
            object_type="lesson",
            object_id=lesson.id,
            after={
                "group_id": group_id,
                "teacher_id": teacher_id,
                "room_id": room_id,
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
                "topic": topic,
            },
        )
    return lesson


def check_id(value: int) -> None:
    """Refuse an id no row can have (a forged form or button) before it reaches the database.

    Raises:
        NotFound: the id is out of the database's integer range.
    """
    if not 0 < value <= MAX_ID:
        raise NotFound()


async def lock_organisation(organisation_id: int) -> None:
    """Hold the organisation's row until the transaction ends, so changes checked against the
    rest of the organisation (a timetable's clashes, terms' overlaps) run one at a time.

    ``FOR NO KEY UPDATE`` on PostgreSQL: it excludes the other holders of this lock but not
    the inserts of rows that refer to the organisation. SQLite serialises writers anyway.
    """
    _ = await Organisation.select_for_update(no_key=True).get(id=organisation_id)


async def person_names(person_ids: Iterable[int]) -> dict[int, str]:
    """Full names ("Last First") by person id, read in slices of ``_CHUNK`` ids so a long
    list keeps the query's bound parameters few."""
    ids = sorted(set(person_ids))
    names: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        for person_id, last, first in await Person.filter(
            id__in=ids[start : start + _CHUNK]
        ).values_list("id", "last_name", "first_name"):
            names[int(person_id)] = full_name(last, first)
    return names


async def organisation_zone(organisation_id: int) -> ZoneInfo:
    """The organisation's time zone, in which lessons are shown and typed."""
    name = await Organisation.filter(id=organisation_id).first().values_list("timezone", flat=True)
    return ZoneInfo(str(name or "Asia/Almaty"))


def local_to_utc(day: date, minute: int, zone: ZoneInfo) -> datetime:
    """The UTC moment of a local wall-clock time (``minute`` after the local midnight)."""
    day += timedelta(days=minute // (24 * 60))
    minute %= 24 * 60
    wall = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=zone)
    return wall.astimezone(UTC)


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The UTC moment a local day starts."""
    return local_to_utc(day, 0, zone)


def local_days(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC range ``[start, end)`` of the local days ``first`` to ``last``, both included.

    Both bounds are UTC: SQLite compares the stored ISO text, so a bound in another offset
    would not do."""
    return local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)


def local_today(now: datetime, zone: ZoneInfo) -> date:
    """The local day of the UTC moment ``now``."""
    return now.astimezone(zone).date()


def enrolment_covers(starts_on: date, ends_on: date | None, day: date) -> bool:
    """Whether an enrolment from ``starts_on`` to ``ends_on`` (None: not ended) counts on the
    local day ``day``."""
    return starts_on <= day and (ends_on is None or day <= ends_on)


def format_when(moment: datetime, zone: ZoneInfo | str) -> str:
    """A lesson's (or a due time's) local day and time as every message writes it:
    ``02.09 15:00``, language-neutral, in the organisation's time zone ``zone``."""
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    return moment.astimezone(tz).strftime("%d.%m %H:%M")


def format_day(day: date) -> str:
    """A whole local day as every message writes it: ``02.09.2026``."""
    return day.strftime("%d.%m.%Y")
