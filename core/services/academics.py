"""Courses, groups and enrolments.

Enrolment is guarded twice: the service refuses a full group or a duplicate with a clear
message, and the database refuses a second active enrolment (``Enrolment.active_key``). The
group row is locked while enrolling so two managers cannot both take its last place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from tortoise.functions import Count

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.events import GroupCreated, StudentEnrolled, StudentUnenrolled
from core.i18n import N_
from core.models.academics import Course, Enrolment, Group, GroupTeacher
from core.models.academics import GroupStatus as GroupStatus  # noqa: PLC0414 - for adapters
from core.models.org import Organisation
from core.models.people import Membership, Person, Role
from core.permissions import Permission, require
from core.services.audit import do_record, snapshot
from core.services.conversations import do_sync_group_conversation
from core.services.people import access_person, full_name
from core.tx import Tx, transaction

CAPACITY_MAX = 500


@dataclass(frozen=True)
class CourseData:
    name_kk: str = ""
    name_ru: str = ""
    name_en: str = ""
    subject: str = ""
    level: str = ""


@dataclass(frozen=True)
class CourseView:
    id: int
    name_kk: str
    name_ru: str
    name_en: str
    subject: str
    level: str

    def name(self, language: str) -> str:
        return (
            getattr(self, f"name_{language}", "") or self.name_ru or self.name_kk or self.name_en
        )


@dataclass(frozen=True)
class GroupData:
    course_id: int
    name: str
    capacity: int
    starts_on: date | None = None
    ends_on: date | None = None
    building: str = ""
    room: str = ""
    teacher_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    course: CourseView
    teachers: tuple[str, ...]
    student_count: int
    capacity: int
    status: GroupStatus


@dataclass(frozen=True)
class Member:
    enrolment_id: int
    person_id: int
    full_name: str
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class GroupCard:
    id: int
    name: str
    course: CourseView
    capacity: int
    starts_on: date | None
    ends_on: date | None
    status: GroupStatus
    building: str
    room: str
    teachers: tuple[tuple[int, str], ...]
    students: tuple[Member, ...]
    former_students: tuple[Member, ...]

    @property
    def free_places(self) -> int:
        return max(0, self.capacity - len(self.students))


def _course_view(course: Course) -> CourseView:
    return CourseView(
        id=course.id,
        name_kk=course.name_kk,
        name_ru=course.name_ru,
        name_en=course.name_en,
        subject=course.subject,
        level=course.level,
    )


def _clean_course(data: CourseData) -> CourseData:
    names = (data.name_kk.strip(), data.name_ru.strip(), data.name_en.strip())
    if not any(names):
        raise InvalidInput(N_("Give the course a name in at least one language."), field="name_ru")
    if any(len(name) > 200 for name in names):
        raise InvalidInput(
            N_("A name can be at most {limit} characters long."), field="name_ru", limit=200
        )
    return CourseData(*names, subject=data.subject.strip()[:100], level=data.level.strip()[:50])


async def create_course(deps: Deps, actor: Actor, *, data: CourseData) -> CourseView:
    """Add a course to the actor's organisation.

    Raises:
        PermissionDenied: the actor may not manage groups.
        InvalidInput: no name, or a name too long.
    """
    await require(actor, Permission.GROUPS_MANAGE)
    data = _clean_course(data)
    async with transaction(deps) as tx:
        course = await do_create_course(tx, actor, data=data)
    return _course_view(course)


async def do_create_course(tx: Tx, actor: Actor, *, data: CourseData) -> Course:
    course = await Course.create(
        organisation_id=actor.organisation_id,
        name_kk=data.name_kk,
        name_ru=data.name_ru,
        name_en=data.name_en,
        subject=data.subject,
        level=data.level,
        created_at=tx.now,
    )
    await do_record(
        tx,
        actor,
        action="course.create",
        object_type="course",
        object_id=course.id,
        after=snapshot(course, ("name_kk", "name_ru", "name_en", "subject", "level")),
    )
    return course


async def list_courses(
    actor: Actor, *, require_permission: Permission = Permission.GROUPS_VIEW
) -> list[CourseView]:
    """The organisation's courses.

    ``require_permission`` lets a form that creates groups or courses ask for
    ``GROUPS_MANAGE`` up front.

    Raises:
        PermissionDenied: the actor lacks ``require_permission`` (by default: may not see
            groups).
    """
    await require(actor, require_permission)
    courses = await Course.filter(organisation_id=actor.organisation_id).order_by("name_ru", "id")
    return [_course_view(course) for course in courses]


async def _access_course(actor: Actor, course_id: int) -> Course:
    course = await Course.get_or_none(id=course_id, organisation_id=actor.organisation_id)
    if course is None:
        raise NotFound(N_("There is no such course."), field="course_id")
    return course


async def _local_today(tx: Tx, organisation_id: int) -> date:
    """Today's date where the organisation is: enrolment dates are local calendar days."""
    organisation = await Organisation.get(id=organisation_id)
    return tx.now.astimezone(ZoneInfo(organisation.timezone)).date()


async def access_group(
    actor: Actor, group_id: int, *, require_permission: Permission = Permission.GROUPS_VIEW
) -> Group:
    """The group if it belongs to the actor's organisation and the actor holds the permission.

    Raises:
        NotFound: no such group here.
        PermissionDenied: the permission is missing.
    """
    group = await Group.get_or_none(id=group_id, organisation_id=actor.organisation_id)
    if group is None:
        raise NotFound()
    await require(actor, require_permission)
    return group


async def _clean_group(actor: Actor, data: GroupData) -> GroupData:
    name = data.name.strip()
    if not name:
        raise InvalidInput(N_("The group needs a name."), field="name")
    if len(name) > 100:
        raise InvalidInput(
            N_("A name can be at most {limit} characters long."), field="name", limit=100
        )
    if not 1 <= data.capacity <= CAPACITY_MAX:
        raise InvalidInput(
            N_("Capacity must be a whole number from 1 to {limit}."),
            field="capacity",
            limit=CAPACITY_MAX,
        )
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise InvalidInput(N_("The group cannot end before it starts."), field="ends_on")
    _ = await _access_course(actor, data.course_id)
    teacher_ids = tuple(dict.fromkeys(data.teacher_ids))
    if teacher_ids:
        valid = set(
            await Membership.filter(
                person_id__in=teacher_ids,
                organisation_id=actor.organisation_id,
                role=Role.TEACHER,
                archived_at__isnull=True,
            ).values_list("person_id", flat=True)
        )
        if set(teacher_ids) - valid:
            raise InvalidInput(
                N_("Only active teachers of this organisation can teach a group."),
                field="teacher_ids",
            )
    return GroupData(
        course_id=data.course_id,
        name=name,
        capacity=data.capacity,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        building=data.building.strip()[:100],
        room=data.room.strip()[:50],
        teacher_ids=teacher_ids,
    )


async def _check_unique_name(actor: Actor, name: str, exclude_id: int | None = None) -> None:
    query = Group.filter(organisation_id=actor.organisation_id, name=name)
    if exclude_id is not None:
        query = query.exclude(id=exclude_id)
    if await query.exists():
        raise Conflict(N_("A group named “{name}” already exists."), field="name", name=name)


_GROUP_AUDITED = ("name", "capacity", "starts_on", "ends_on", "building", "room", "status")


async def do_create_group(tx: Tx, actor: Actor, *, data: GroupData) -> Group:
    await _check_unique_name(actor, data.name)
    group = await Group.create(
        organisation_id=actor.organisation_id,
        course_id=data.course_id,
        name=data.name,
        capacity=data.capacity,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        building=data.building,
        room=data.room,
        created_at=tx.now,
    )
    for teacher_id in data.teacher_ids:
        _ = await GroupTeacher.create(group_id=group.id, teacher_id=teacher_id)
    await do_record(
        tx,
        actor,
        action="group.create",
        object_type="group",
        object_id=group.id,
        after={**snapshot(group, _GROUP_AUDITED), "teacher_ids": list(data.teacher_ids)},
    )
    _ = await do_sync_group_conversation(tx, group.id)
    tx.emit(GroupCreated(organisation_id=actor.organisation_id, group_id=group.id))
    return group


async def create_group(deps: Deps, actor: Actor, *, data: GroupData) -> GroupCard:
    """Open a group for a course.

    Raises:
        PermissionDenied: the actor may not manage groups.
        NotFound: the course is not in the actor's organisation.
        InvalidInput: a field is invalid (name, capacity, dates, teachers).
        Conflict: a group with this name exists.
    """
    await require(actor, Permission.GROUPS_MANAGE)
    data = await _clean_group(actor, data)
    async with transaction(deps) as tx:
        group = await do_create_group(tx, actor, data=data)
    return await group_card(actor, group.id)


async def update_group(deps: Deps, actor: Actor, *, group_id: int, data: GroupData) -> GroupCard:
    """Change a group's settings and teachers.

    Raises:
        NotFound: no such group or course here.
        PermissionDenied: the actor may not manage groups.
        InvalidInput: a field is invalid, or the capacity is below the students enrolled.
        Conflict: the new name is taken.
    """
    data = await _clean_group(actor, data)
    async with transaction(deps) as tx:
        group = await access_group(actor, group_id, require_permission=Permission.GROUPS_MANAGE)
        await _check_unique_name(actor, data.name, exclude_id=group.id)
        enrolled = await Enrolment.filter(group_id=group.id, active_key__isnull=False).count()
        if data.capacity < enrolled:
            raise InvalidInput(
                N_("Capacity cannot be below the {count} students already enrolled."),
                field="capacity",
                count=enrolled,
            )
        before = snapshot(group, _GROUP_AUDITED)
        group.course_id = data.course_id
        for name in ("name", "capacity", "starts_on", "ends_on", "building", "room"):
            setattr(group, name, getattr(data, name))
        await group.save()
        await (
            GroupTeacher.filter(group_id=group.id)
            .exclude(teacher_id__in=data.teacher_ids)
            .delete()
        )
        existing = {
            row["teacher_id"]
            for row in await GroupTeacher.filter(group_id=group.id).values("teacher_id")
        }
        for teacher_id in data.teacher_ids:
            if teacher_id not in existing:
                _ = await GroupTeacher.create(group_id=group.id, teacher_id=teacher_id)
        _ = await do_sync_group_conversation(tx, group.id)
        await do_record(
            tx,
            actor,
            action="group.update",
            object_type="group",
            object_id=group.id,
            before=before,
            after={**snapshot(group, _GROUP_AUDITED), "teacher_ids": list(data.teacher_ids)},
        )
    return await group_card(actor, group_id)


async def set_group_status(
    deps: Deps, actor: Actor, *, group_id: int, status: GroupStatus
) -> GroupCard:
    """Mark a group active, finished or archived; its history stays readable.

    Raises:
        NotFound: no such group here.
        PermissionDenied: the actor may not manage groups.
    """
    async with transaction(deps) as tx:
        group = await access_group(actor, group_id, require_permission=Permission.GROUPS_MANAGE)
        before = group.status
        group.status = status
        await group.save(update_fields=["status"])
        await do_record(
            tx,
            actor,
            action="group.status",
            object_type="group",
            object_id=group.id,
            before={"status": str(before)},
            after={"status": status.value},
        )
    return await group_card(actor, group_id)


async def list_groups(
    actor: Actor, *, status: GroupStatus | None = GroupStatus.ACTIVE
) -> list[GroupRow]:
    """Groups with their course, teachers and student count (four queries in all).

    Raises:
        PermissionDenied: the actor may not see groups.
    """
    await require(actor, Permission.GROUPS_VIEW)
    query = Group.filter(organisation_id=actor.organisation_id)
    if status is not None:
        query = query.filter(status=status)
    groups = await query.order_by("name").prefetch_related("course")
    ids = [group.id for group in groups]
    counts = {
        row["group_id"]: row["n"]
        for row in await Enrolment.filter(group_id__in=ids, active_key__isnull=False)
        .group_by("group_id")
        .annotate(n=Count("id"))
        .values("group_id", "n")
    }
    teachers: dict[int, list[str]] = {}
    for link in await GroupTeacher.filter(group_id__in=ids).prefetch_related("teacher"):
        teachers.setdefault(link.group_id, []).append(  # type: ignore[attr-defined]
            full_name(link.teacher.last_name, link.teacher.first_name)
        )
    return [
        GroupRow(
            id=group.id,
            name=group.name,
            course=_course_view(group.course),
            teachers=tuple(sorted(teachers.get(group.id, []))),
            student_count=counts.get(group.id, 0),
            capacity=group.capacity,
            status=GroupStatus(group.status),
        )
        for group in groups
    ]


async def group_card(
    actor: Actor, group_id: int, *, require_permission: Permission = Permission.GROUPS_VIEW
) -> GroupCard:
    """A group with its teachers, current students and former students.

    ``require_permission`` lets an edit form ask for ``GROUPS_MANAGE`` up front.

    Raises:
        NotFound: no such group here.
        PermissionDenied: the actor lacks ``require_permission`` (by default: may not see
            groups).
    """
    group = await access_group(actor, group_id, require_permission=require_permission)
    course = await Course.get(id=group.course_id)  # type: ignore[attr-defined]
    teacher_links = await GroupTeacher.filter(group_id=group.id).prefetch_related("teacher")
    enrolments = (
        await Enrolment.filter(group_id=group.id)
        .order_by("-starts_on", "id")
        .prefetch_related("student")
    )

    def member(enrolment: Enrolment) -> Member:
        student = enrolment.student
        return Member(
            enrolment_id=enrolment.id,
            person_id=student.id,
            full_name=full_name(student.last_name, student.first_name, student.middle_name),
            starts_on=enrolment.starts_on,
            ends_on=enrolment.ends_on,
        )

    current = sorted((member(e) for e in enrolments if e.active_key), key=lambda m: m.full_name)
    former = [member(e) for e in enrolments if not e.active_key]
    return GroupCard(
        id=group.id,
        name=group.name,
        course=_course_view(course),
        capacity=group.capacity,
        starts_on=group.starts_on,
        ends_on=group.ends_on,
        status=GroupStatus(group.status),
        building=group.building,
        room=group.room,
        teachers=tuple(
            (link.teacher.id, full_name(link.teacher.last_name, link.teacher.first_name))
            for link in teacher_links
        ),
        students=tuple(current),
        former_students=tuple(former),
    )


async def do_enrol(
    tx: Tx, actor: Actor, *, group: Group, student: Person, starts_on: date, audit: bool = True
) -> Enrolment:
    """Enrol a student; refuses an inactive or full group and a second active enrolment.

    The caller must hold the group row locked (``select_for_update``) for the capacity check.
    """
    if group.status != GroupStatus.ACTIVE:
        raise Conflict(N_("Group “{name}” is not active, so nobody can join it."), name=group.name)
    is_student = await Membership.exists(
        person_id=student.id,
        organisation_id=group.organisation_id,  # type: ignore[attr-defined]
        role=Role.STUDENT,
        archived_at__isnull=True,
    )
    if not is_student:
        raise InvalidInput(N_("Only active students can be enrolled."), field="student_id")
    key = f"{group.id}:{student.id}"
    if await Enrolment.exists(active_key=key):
        raise Conflict(
            N_("{student} is already in group “{name}”."),
            student=full_name(student.last_name, student.first_name),
            name=group.name,
        )
    enrolled = await Enrolment.filter(group_id=group.id, active_key__isnull=False).count()
    if enrolled >= group.capacity:
        raise Conflict(
            N_("Group “{name}” is full: all {capacity} places are taken."),
            name=group.name,
            capacity=group.capacity,
        )
    enrolment = await Enrolment.create(
        group_id=group.id,
        student_id=student.id,
        starts_on=starts_on,
        active_key=key,
        created_at=tx.now,
    )
    _ = await do_sync_group_conversation(tx, group.id)
    if audit:
        await do_record(
            tx,
            actor,
            action="enrolment.create",
            object_type="group",
            object_id=group.id,
            after={"student_id": student.id, "starts_on": starts_on.isoformat()},
        )
    tx.emit(
        StudentEnrolled(
            organisation_id=group.organisation_id,  # type: ignore[attr-defined]
            group_id=group.id,
            student_id=student.id,
            enrolment_id=enrolment.id,
        )
    )
    return enrolment


async def enrol_student(
    deps: Deps, actor: Actor, *, group_id: int, student_id: int, starts_on: date | None = None
) -> GroupCard:
    """Put a student into a group.

    Raises:
        NotFound: no such group or student here.
        PermissionDenied: the actor may not manage enrolments.
        InvalidInput: the person is not an active student.
        Conflict: already enrolled, the group is full, or it is not active.
    """
    async with transaction(deps) as tx:
        _ = await access_group(actor, group_id, require_permission=Permission.ENROLMENTS_MANAGE)
        group = await Group.select_for_update().get(id=group_id)
        student = await access_person(
            actor, student_id, require_permission=Permission.ENROLMENTS_MANAGE
        )
        _ = await do_enrol(
            tx,
            actor,
            group=group,
            student=student,
            starts_on=starts_on or await _local_today(tx, actor.organisation_id),
        )
    return await group_card(actor, group_id)


async def enrol_automatically(
    deps: Deps, actor: Actor, *, course_id: int, student_id: int
) -> GroupCard:
    """Put a student into the active group of a course with the most free places.

    Raises:
        NotFound: no such course or student here.
        PermissionDenied: the actor may not manage enrolments.
        Conflict: no group of the course has a free place, or the student is in one already.
    """
    await require(actor, Permission.ENROLMENTS_MANAGE)
    course = await _access_course(actor, course_id)
    async with transaction(deps) as tx:
        student = await access_person(
            actor, student_id, require_permission=Permission.ENROLMENTS_MANAGE
        )
        groups = await Group.select_for_update().filter(
            organisation_id=actor.organisation_id, course_id=course.id, status=GroupStatus.ACTIVE
        )
        if await Enrolment.exists(
            group_id__in=[g.id for g in groups], student_id=student.id, active_key__isnull=False
        ):
            raise Conflict(N_("This student is already in a group of this course."))
        counts = {
            row["group_id"]: row["n"]
            for row in await Enrolment.filter(
                group_id__in=[g.id for g in groups], active_key__isnull=False
            )
            .group_by("group_id")
            .annotate(n=Count("id"))
            .values("group_id", "n")
        }
        free = [(group.capacity - counts.get(group.id, 0), -group.id, group) for group in groups]
        free = [item for item in free if item[0] > 0]
        if not free:
            raise Conflict(N_("Every group of this course is full. Open a new group first."))
        group = max(free, key=lambda item: (item[0], item[1]))[2]
        today = await _local_today(tx, actor.organisation_id)
        _ = await do_enrol(tx, actor, group=group, student=student, starts_on=today)
    return await group_card(actor, group.id)


async def unenrol_student(
    deps: Deps, actor: Actor, *, group_id: int, student_id: int, ends_on: date | None = None
) -> GroupCard:
    """Take a student out of a group; the enrolment stays as history.

    Raises:
        NotFound: no such group here, or the student is not in it.
        PermissionDenied: the actor may not manage enrolments.
    """
    async with transaction(deps) as tx:
        group = await access_group(
            actor, group_id, require_permission=Permission.ENROLMENTS_MANAGE
        )
        enrolment = await Enrolment.select_for_update().get_or_none(
            active_key=f"{group.id}:{student_id}"
        )
        if enrolment is None:
            raise NotFound(N_("This student is not in the group."))
        today = await _local_today(tx, actor.organisation_id)
        enrolment.ends_on = max(ends_on or today, enrolment.starts_on)
        enrolment.active_key = None
        await enrolment.save(update_fields=["ends_on", "active_key"])
        _ = await do_sync_group_conversation(tx, group.id)
        await do_record(
            tx,
            actor,
            action="enrolment.end",
            object_type="group",
            object_id=group.id,
            after={"student_id": student_id, "ends_on": enrolment.ends_on.isoformat()},
        )
        tx.emit(
            StudentUnenrolled(
                organisation_id=actor.organisation_id,
                group_id=group.id,
                student_id=student_id,
                enrolment_id=enrolment.id,
            )
        )
    return await group_card(actor, group_id)


async def person_groups(actor: Actor, person_id: int) -> list[tuple[int, str]]:
    """The groups a student is in now, for the person card.

    Raises:
        NotFound: no such person in reach.
        PermissionDenied: the actor may not see people.
    """
    _ = await access_person(actor, person_id)
    enrolments = await Enrolment.filter(
        student_id=person_id, active_key__isnull=False
    ).prefetch_related("group")
    return sorted(
        (e.group.id, e.group.name)
        for e in enrolments
        if e.group.organisation_id == actor.organisation_id  # type: ignore[attr-defined]
    )
