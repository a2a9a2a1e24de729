"""Attendance: the roster of a lesson, marking it, and parents reporting an absence.

Marking (``mark_attendance``) is the teacher's: it closes the lesson as held the first time
(``LessonHeld``, once) and tells parents who want it when their child is absent or late. A
parent may say beforehand that their child will miss a coming lesson (``report_absence``):
that is an excused absence carrying ``reported_by``, and the teacher is told.

Every write to a lesson's attendance locks the lesson row first, so two teachers pressing
"Save" together, or a teacher and a parent, are serialised: each sees the other's marks,
corrections are audited with the right "before", and the unique (lesson, student) pair is
never attempted twice. SQLite serialises transactions anyway; on PostgreSQL the row lock does
it. Corrections are free on the day the lesson was first marked; later ones need
``attendance.correct``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, PermissionDenied
from core.events import AttendanceChanged, LessonHeld
from core.i18n import N_
from core.models.academics import Enrolment, GroupTeacher
from core.models.lessons import Attendance, Lesson
from core.models.lessons import AttendanceStatus as AttendanceStatus  # noqa: PLC0414 - for adapters
from core.models.people import ParentLink, Person
from core.names import full_name
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.lesson_settings import reminder_choices
from core.services.lessons import (
    LessonStatus,
    LessonView,
    access_lesson,
    children_of,
    enrolment_covers,
    format_day,
    format_when,
    lesson_view,
    lesson_views,
    local_days,
    local_today,
    may_teach,
    organisation_zone,
    person_names,
    require_teaching,
    students_of,
    teaches,
)
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

#: The order a teacher's button cycles through, and the order summaries list.
STATUS_CYCLE: tuple[AttendanceStatus, ...] = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
)
STATUS_LABELS: dict[AttendanceStatus, str] = {
    AttendanceStatus.PRESENT: N_("Present"),
    AttendanceStatus.ABSENT: N_("Absent"),
    AttendanceStatus.LATE: N_("Late"),
    AttendanceStatus.EXCUSED: N_("Excused"),
}
NOTE_MAX = 300
#: How far ahead a parent sees coming lessons to report an absence for.
COMING_DAYS = 7
#: Past lessons a teacher is offered to mark: still unmarked, at most this old, this many.
UNMARKED_DAYS = 14
UNMARKED_LIMIT = 5

_ABSENT_NOTICE = N_("{child} is absent from the lesson of group {group} at {time}.")
_LATE_NOTICE = N_("{child} was late for the lesson of group {group} at {time}.")
_NOTICES = {AttendanceStatus.ABSENT: _ABSENT_NOTICE, AttendanceStatus.LATE: _LATE_NOTICE}
_REPORTED = N_("{parent} reports that {child} will miss the lesson of group {group} at {time}.")
_REPORTED_WITH_REASON = N_(
    "{parent} reports that {child} will miss the lesson of group {group} at {time}. "
    "Reason: {reason}"
)


@dataclass(frozen=True)
class RosterLine:
    """One student of a lesson. ``enrolled`` is False for a mark kept from someone who is no
    longer counted in the group on the lesson's day (their enrolment dates were changed)."""

    student_id: int
    full_name: str
    status: AttendanceStatus | None
    note: str
    marked_by_name: str
    marked_at: datetime | None
    reported_by_name: str
    enrolled: bool


@dataclass(frozen=True)
class Roster:
    """A lesson's marks. ``started``: the lesson had begun when the roster was read (marks
    other than excused are allowed from then on); ``can_mark``: the reader may mark it."""

    lesson: LessonView
    held_at: datetime | None
    lines: tuple[RosterLine, ...]
    can_mark: bool
    started: bool


@dataclass(frozen=True)
class MarkResult:
    """What a lesson's attendance is after marking; ``changed`` lists the students whose
    status was set or changed now."""

    lesson: LessonView
    present: int
    absent: int
    late: int
    excused: int
    changed: tuple[int, ...]
    held_now: bool


@dataclass(frozen=True)
class MarkableLesson:
    lesson: LessonView
    marked: bool


@dataclass(frozen=True)
class ComingLesson:
    lesson: LessonView
    reported: bool


@dataclass(frozen=True)
class AbsenceReport:
    lesson: LessonView
    child_id: int
    child_name: str
    reason: str


async def _enrolled(view: LessonView) -> set[int]:
    """Students enrolled in the lesson's group on its local day."""
    return set(await students_of(view.group_id, on=view.local_day))


async def _may_mark(actor: Actor, lesson: Lesson) -> bool:
    if lesson.status == LessonStatus.CANCELLED:
        return False
    return await may_teach(actor, lesson, Permission.ATTENDANCE_MARK)


async def lesson_roster(deps: Deps, actor: Actor, *, lesson_id: int) -> Roster:
    """The students who should be at a lesson (enrolled on its local day) with their marks,
    who marked them and which absences parents reported; students with a mark but no longer
    enrolled on that day are listed too, so no mark is hidden.

    Raises:
        NotFound: no such lesson, or the actor may not see it.
        PermissionDenied: the actor may see the lesson but not its marks (students, parents).
    """
    lesson = await access_lesson(actor, lesson_id)
    if not (await has_permission(actor, Permission.GROUPS_VIEW) or await teaches(actor, lesson)):
        raise PermissionDenied(permission=Permission.GROUPS_VIEW.value)
    view = await lesson_view(lesson)
    enrolled = await _enrolled(view)
    marks = {
        row["student_id"]: row
        for row in await Attendance.filter(lesson_id=lesson.id).values(
            "student_id", "status", "note", "marked_by_id", "marked_at", "reported_by_id"
        )
    }
    names = await person_names(
        enrolled
        | set(marks)
        | {row["marked_by_id"] for row in marks.values() if row["marked_by_id"]}
        | {row["reported_by_id"] for row in marks.values() if row["reported_by_id"]}
    )
    lines = []
    for student_id in enrolled | set(marks):
        mark = marks.get(student_id)
        lines.append(
            RosterLine(
                student_id=student_id,
                full_name=names.get(student_id, ""),
                status=AttendanceStatus(mark["status"]) if mark else None,
                note=mark["note"] if mark else "",
                marked_by_name=names.get(mark["marked_by_id"], "") if mark else "",
                marked_at=mark["marked_at"] if mark else None,
                reported_by_name=names.get(mark["reported_by_id"], "") if mark else "",
                enrolled=student_id in enrolled,
            )
        )
    lines.sort(key=lambda line: (line.full_name.casefold(), line.student_id))
    return Roster(
        lesson=view,
        held_at=lesson.held_at,
        lines=tuple(lines),
        can_mark=await _may_mark(actor, lesson),
        started=lesson.starts_at <= deps.clock.now(),
    )


def _clean_notes(
    marks: Mapping[int, AttendanceStatus], notes: Mapping[int, str] | None
) -> dict[int, str]:
    """Notes of the marked students, trimmed; a note of someone not being marked is ignored."""
    cleaned: dict[int, str] = {}
    for student_id, raw in (notes or {}).items():
        if student_id not in marks:
            continue
        note = raw.strip()
        if len(note) > NOTE_MAX:
            raise InvalidInput(
                N_("A note can be at most {limit} characters long."),
                field=f"note_{student_id}",
                limit=NOTE_MAX,
            )
        cleaned[student_id] = note
    return cleaned


async def _not_in_group(organisation_id: int, student_ids: list[int]) -> str:
    """Names of the people refused, as "Name, Name"; ids of people elsewhere stay numbers,
    so a made-up id reveals nobody's name."""
    known = {
        row["id"]: full_name(row["last_name"], row["first_name"])
        for row in await Person.filter(id__in=student_ids, organisation_id=organisation_id).values(
            "id", "last_name", "first_name"
        )
    }
    return ", ".join(known.get(student_id, f"#{student_id}") for student_id in sorted(student_ids))


async def _tell_parents(tx: Tx, view: LessonView, changes: _Changes) -> None:
    """Queue the absent/late notices for each parent who wants them; once per status, so a
    correction from absent to late tells again and a repeated "absent" does not."""
    noticed = {
        student_id: status
        for student_id, status in changes.statuses.items()
        if status in _NOTICES and student_id in changes.status_changed
    }
    if not noticed:
        return
    names = await person_names(noticed)
    links = await ParentLink.filter(child_id__in=list(noticed)).values("parent_id", "child_id")
    # One read of every parent's choice: the lesson row is locked meanwhile.
    choices = await reminder_choices((link["parent_id"], view.organisation_id) for link in links)
    for link in links:
        parent_id, child_id = link["parent_id"], link["child_id"]
        if not choices[parent_id, view.organisation_id].absence_notices:
            continue
        status = noticed[child_id]
        await do_enqueue(
            tx,
            person_id=parent_id,
            message=_NOTICES[status],
            params={
                "child": names.get(child_id, ""),
                "group": view.group_name,
                "time": format_when(view.starts_at, view.timezone),
            },
            organisation_id=view.organisation_id,
            dedupe_key=f"attendance:{view.id}:{child_id}:{status.value}:{parent_id}",
        )


@dataclass
class _Changes:
    """What one marking changes: rows to insert, rows to update with their values before and
    after (for the audit trail), and whose status was set or changed."""

    statuses: dict[int, AttendanceStatus]
    created: list[Attendance] = field(default_factory=list)
    updated: list[Attendance] = field(default_factory=list)
    before: dict[str, dict[str, str]] = field(default_factory=dict)
    after: dict[str, dict[str, str]] = field(default_factory=dict)
    status_changed: list[int] = field(default_factory=list)


async def _check_marks(
    locked: Lesson, view: LessonView, marks: Mapping[int, AttendanceStatus], now: datetime
) -> None:
    if locked.status == LessonStatus.CANCELLED:
        raise Conflict(N_("This lesson is cancelled: its attendance cannot be marked."))
    if locked.starts_at > now and any(
        status is not AttendanceStatus.EXCUSED for status in marks.values()
    ):
        raise InvalidInput(
            N_(
                "The lesson has not started yet: before it begins only excused absences "
                "can be marked."
            ),
            field="marks",
        )
    enrolled = await _enrolled(view)
    strangers = [student_id for student_id in marks if student_id not in enrolled]
    if strangers:
        raise InvalidInput(
            N_("Not in the group of this lesson: {names}. Nothing was saved."),
            field="marks",
            names=await _not_in_group(view.organisation_id, strangers),
        )


def _changes(
    tx: Tx,
    actor: Actor,
    *,
    lesson_id: int,
    existing: dict[int, Attendance],
    statuses: dict[int, AttendanceStatus],
    notes: dict[int, str],
    if_unmarked: Collection[int],
) -> _Changes:
    changes = _Changes(statuses=statuses)
    for student_id, status in statuses.items():
        row = existing.get(student_id)
        if row is not None and student_id in if_unmarked:
            continue
        note = notes.get(student_id, row.note if row else "")
        if row is None:
            changes.created.append(
                Attendance(
                    lesson_id=lesson_id,
                    student_id=student_id,
                    status=status,
                    note=note,
                    marked_by_id=actor.person_id,
                    marked_at=tx.now,
                )
            )
            changes.status_changed.append(student_id)
            continue
        if row.status == status and row.note == note:
            continue
        changes.before[str(student_id)] = {"status": str(row.status), "note": row.note}
        changes.after[str(student_id)] = {"status": status.value, "note": note}
        if row.status != status:
            changes.status_changed.append(student_id)
        row.status, row.note = status, note
        row.marked_by_id, row.marked_at = actor.person_id, tx.now
        changes.updated.append(row)
    return changes


async def _save(tx: Tx, actor: Actor, lesson_id: int, changes: _Changes) -> None:
    """Write the changes and their audit records: new marks, then corrections with their
    values before."""
    if changes.created:
        await Attendance.bulk_create(changes.created)
        await do_record(
            tx,
            actor,
            action="attendance.mark",
            object_type="lesson",
            object_id=lesson_id,
            after={
                str(row.student_id): {"status": str(row.status), "note": row.note}  # type: ignore[attr-defined]
                for row in changes.created
            },
        )
    for row in changes.updated:
        await row.save(update_fields=["status", "note", "marked_by_id", "marked_at"])
    if changes.updated:
        await do_record(
            tx,
            actor,
            action="attendance.correct",
            object_type="lesson",
            object_id=lesson_id,
            before=changes.before,
            after=changes.after,
        )


async def mark_attendance(
    deps: Deps,
    actor: Actor,
    *,
    lesson_id: int,
    marks: Mapping[int, AttendanceStatus],
    notes: Mapping[int, str] | None = None,
    if_unmarked: Collection[int] = (),
) -> MarkResult:
    """Set students' attendance at a lesson; the first marking after it began closes it as
    held. A student missing from ``marks`` keeps their mark; a student missing from ``notes``
    keeps their note. A student in ``if_unmarked`` gets their entry of ``marks`` only if they
    have no mark yet when it is saved: a default the teacher did not choose (the bot's
    keyboard shows everyone present) never replaces an absence a parent reported meanwhile.

    Before the lesson begins only excused absences can be marked (and the lesson stays
    planned). Parents who want absence notices are told when their child is marked absent or
    late (again after a correction from one to the other). Changing marks of a lesson first
    marked on an earlier local day needs ``attendance.correct``; every change of an existing
    mark is audited with its value before.

    Raises:
        NotFound: no such lesson, or the actor may not see it.
        PermissionDenied: the actor may not mark this lesson, or may not correct it any more.
        Conflict: the lesson is cancelled.
        InvalidInput: nothing to mark, a student not in the lesson's group on its day (all of
            them are named; nothing is saved), a mark other than excused before the lesson
            begins, or a note too long.
    """
    lesson = await access_lesson(actor, lesson_id)
    await require_teaching(actor, lesson, Permission.ATTENDANCE_MARK)
    if not marks:
        raise InvalidInput(N_("Mark at least one student."), field="marks")
    statuses = {student_id: AttendanceStatus(status) for student_id, status in marks.items()}
    notes = _clean_notes(statuses, notes)
    may_correct = await has_permission(actor, Permission.ATTENDANCE_CORRECT)
    async with transaction(deps) as tx:
        locked = await Lesson.select_for_update().get(id=lesson.id)
        view = await lesson_view(locked)
        await _check_marks(locked, view, statuses, tx.now)
        existing = {row.student_id: row for row in await Attendance.filter(lesson_id=locked.id)}  # type: ignore[attr-defined]
        changes = _changes(
            tx,
            actor,
            lesson_id=locked.id,
            existing=existing,
            statuses=statuses,
            notes=notes,
            if_unmarked=frozenset(if_unmarked),
        )
        zone = ZoneInfo(view.timezone)
        marked_before_today = locked.held_at is not None and (
            locked.held_at.astimezone(zone).date() < local_today(tx.now, zone)
        )
        if marked_before_today and (changes.created or changes.updated) and not may_correct:
            raise PermissionDenied(
                N_(
                    "This lesson was marked on an earlier day: correcting its attendance "
                    "needs the permission to correct attendance."
                ),
                permission=Permission.ATTENDANCE_CORRECT.value,
            )
        await _save(tx, actor, locked.id, changes)
        held_now = locked.starts_at <= tx.now and bool(
            await Lesson.filter(id=locked.id, held_at__isnull=True).update(
                status=LessonStatus.HELD, held_at=tx.now, updated_at=tx.now
            )
        )
        await _tell_parents(tx, view, changes)
        if held_now:
            tx.emit(
                LessonHeld(
                    organisation_id=view.organisation_id,
                    lesson_id=locked.id,
                    group_id=view.group_id,
                )
            )
        if changes.status_changed:
            tx.emit(
                AttendanceChanged(
                    organisation_id=view.organisation_id,
                    lesson_id=locked.id,
                    student_ids=tuple(sorted(changes.status_changed)),
                )
            )
        counts = Counter(
            row["status"] for row in await Attendance.filter(lesson_id=locked.id).values("status")
        )
    if held_now:
        view = await lesson_view(await Lesson.get(id=lesson.id))
    return MarkResult(
        lesson=view,
        present=counts[AttendanceStatus.PRESENT],
        absent=counts[AttendanceStatus.ABSENT],
        late=counts[AttendanceStatus.LATE],
        excused=counts[AttendanceStatus.EXCUSED],
        changed=tuple(sorted(changes.status_changed)),
        held_now=held_now,
    )


async def lessons_to_mark(deps: Deps, actor: Actor) -> list[MarkableLesson]:
    """The lessons a teacher marks from the bot: today's (local day) that they teach, in
    order, then the most recent unmarked ones of the last two weeks.

    Raises:
        PermissionDenied: the actor may not mark attendance.
    """
    await require(actor, Permission.ATTENDANCE_MARK)
    if actor.person_id is None:
        return []
    zone = await organisation_zone(actor.organisation_id)
    day = local_today(deps.clock.now(), zone)
    today_start, today_end = local_days(day, day, zone)
    groups = await GroupTeacher.filter(teacher_id=actor.person_id).values_list(
        "group_id", flat=True
    )
    mine = Lesson.filter(
        Q(teacher_id=actor.person_id) | Q(group_id__in=list(groups)),
        organisation_id=actor.organisation_id,
    ).exclude(status=LessonStatus.CANCELLED)
    today = await mine.filter(starts_at__gte=today_start, starts_at__lt=today_end).order_by(
        "starts_at", "id"
    )
    past = (
        await mine.filter(
            starts_at__gte=today_start - timedelta(days=UNMARKED_DAYS),
            starts_at__lt=today_start,
            held_at__isnull=True,
        )
        .order_by("-starts_at", "-id")
        .limit(UNMARKED_LIMIT)
    )
    rows = [*today, *past]
    return [
        MarkableLesson(lesson=view, marked=row.held_at is not None)
        for row, view in zip(rows, await lesson_views(rows), strict=True)
    ]


async def _require_parent_of(actor: Actor, child_id: int) -> str:
    """The child's name if the actor is their parent.

    Raises:
        PermissionDenied: the child is not the actor's.
    """
    if actor.person_id is None or child_id not in await children_of(actor.person_id):
        raise PermissionDenied(N_("You can report absences only for your own children."))
    return (await person_names([child_id])).get(child_id, "")


async def coming_lessons(deps: Deps, actor: Actor, *, child_id: int) -> list[ComingLesson]:
    """The child's lessons of the next seven days not yet begun and not cancelled, with
    whether an absence was reported for each already.

    Raises:
        PermissionDenied: the child is not the actor's.
    """
    await _require_parent_of(actor, child_id)
    return await _coming(actor, child_id, deps.clock.now())


async def _coming(actor: Actor, child_id: int, now: datetime) -> list[ComingLesson]:
    enrolments = await Enrolment.filter(student_id=child_id).values(
        "group_id", "starts_on", "ends_on"
    )
    rows = (
        await Lesson.filter(
            organisation_id=actor.organisation_id,
            group_id__in=list({row["group_id"] for row in enrolments}),
            starts_at__gt=now,
            starts_at__lt=now + timedelta(days=COMING_DAYS),
        )
        .exclude(status=LessonStatus.CANCELLED)
        .order_by("starts_at", "id")
    )
    reported = {
        row["lesson_id"]
        for row in await Attendance.filter(
            lesson_id__in=[row.id for row in rows],
            student_id=child_id,
            status=AttendanceStatus.EXCUSED,
        ).values("lesson_id")
    }
    return [
        ComingLesson(lesson=view, reported=view.id in reported)
        for view in await lesson_views(rows)
        if any(
            row["group_id"] == view.group_id
            and enrolment_covers(row["starts_on"], row["ends_on"], view.local_day)
            for row in enrolments
        )
    ]


async def _do_report(
    tx: Tx, actor: Actor, *, lesson_id: int, child_id: int, child_name: str, reason: str
) -> AbsenceReport:
    locked = await Lesson.select_for_update().get(id=lesson_id)
    view = await lesson_view(locked)
    if locked.status == LessonStatus.CANCELLED:
        raise Conflict(N_("This lesson is cancelled."))
    if locked.starts_at <= tx.now:
        raise InvalidInput(
            N_("This lesson has already begun: an absence can be reported only before it.")
        )
    if child_id not in await _enrolled(view):
        raise InvalidInput(N_("{child} is not in the group of this lesson."), child=child_name)
    row = await Attendance.get_or_none(lesson_id=locked.id, student_id=child_id)
    before = {"status": str(row.status), "note": row.note} if row else None
    if row is None:
        row = Attendance(lesson_id=locked.id, student_id=child_id)
    elif (
        row.status == AttendanceStatus.EXCUSED
        and row.reported_by_id == actor.person_id  # type: ignore[attr-defined]
        and row.note == reason
    ):
        return AbsenceReport(lesson=view, child_id=child_id, child_name=child_name, reason=reason)
    row.status, row.note = AttendanceStatus.EXCUSED, reason
    row.reported_by_id = row.marked_by_id = actor.person_id
    row.marked_at = tx.now
    await row.save()
    await do_record(
        tx,
        actor,
        action="attendance.report_absence",
        object_type="lesson",
        object_id=locked.id,
        before={str(child_id): before} if before else None,
        after={str(child_id): {"status": AttendanceStatus.EXCUSED.value, "note": reason}},
    )
    parent = (await person_names([actor.person_id or 0])).get(actor.person_id or 0, "")
    params: dict[str, object] = {
        "parent": parent,
        "child": child_name,
        "group": view.group_name,
        "time": format_when(view.starts_at, view.timezone),
    }
    if reason:
        params["reason"] = reason
    await do_enqueue(
        tx,
        person_id=view.teacher_id,
        message=_REPORTED_WITH_REASON if reason else _REPORTED,
        params=params,
        organisation_id=view.organisation_id,
        dedupe_key=f"absence-report:{locked.id}:{child_id}",
    )
    tx.emit(
        AttendanceChanged(
            organisation_id=view.organisation_id, lesson_id=locked.id, student_ids=(child_id,)
        )
    )
    return AbsenceReport(lesson=view, child_id=child_id, child_name=child_name, reason=reason)


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) > NOTE_MAX:
        raise InvalidInput(
            N_("A reason can be at most {limit} characters long."), field="reason", limit=NOTE_MAX
        )
    return reason


async def report_absence(
    deps: Deps, actor: Actor, *, child_id: int, lesson_id: int, reason: str = ""
) -> AbsenceReport:
    """A parent says their child will miss a coming lesson: the child's mark becomes an
    excused absence reported by the parent, and the lesson's teacher is told. Reporting the
    same again changes nothing.

    Raises:
        PermissionDenied: the child is not the actor's.
        NotFound: no such lesson, or the actor may not see it.
        Conflict: the lesson is cancelled.
        InvalidInput: the lesson has begun already, the child is not in its group, or the
            reason is too long.
    """
    child_name = await _require_parent_of(actor, child_id)
    reason = _clean_reason(reason)
    lesson = await access_lesson(actor, lesson_id)
    async with transaction(deps) as tx:
        return await _do_report(
            tx, actor, lesson_id=lesson.id, child_id=child_id, child_name=child_name, reason=reason
        )


async def report_day_absence(
    deps: Deps, actor: Actor, *, child_id: int, day: date, reason: str = ""
) -> list[AbsenceReport]:
    """``report_absence`` for every lesson of the child on a local day that has not begun and
    is not cancelled, all or nothing.

    Raises:
        PermissionDenied: the child is not the actor's.
        InvalidInput: the child has no such lesson that day, or the reason is too long.
    """
    child_name = await _require_parent_of(actor, child_id)
    reason = _clean_reason(reason)
    start, end = local_days(day, day, await organisation_zone(actor.organisation_id))
    async with transaction(deps) as tx:
        ids = [
            lesson.lesson.id
            for lesson in await _coming(actor, child_id, tx.now)
            if start <= lesson.lesson.starts_at < end
        ]
        if not ids:
            raise InvalidInput(
                N_("{child} has no coming lessons on {day}."),
                child=child_name,
                day=format_day(day),
            )
        return [
            await _do_report(
                tx,
                actor,
                lesson_id=lesson_id,
                child_id=child_id,
                child_name=child_name,
                reason=reason,
            )
            for lesson_id in ids
        ]
