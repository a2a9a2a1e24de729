"""A school's stored weekly timetables (issue 11): import from a ``.fet`` file, the week grid
for one class, teacher or room with the checker's report, hand edits, locks and the export.

- **Storage** (``core.models.timetabling.SchoolTimetable``): the problem and its placements
  as JSON, read and written whole. An import stores the problem with the file's locked
  lessons placed where the file locks them (a timetable saved by FET, or by our export, comes
  back as it was).
- **Edits** (move, swap, unplace, lock, add a lesson) each name the ``version`` the form was
  made from; when the timetable changed since, ``Conflict`` and nothing is written. A hand
  edit is the editor's word: a move into a clash is allowed, and the checker's report on the
  page lists it. A locked lesson moved or swapped by hand stays locked where it was put; an
  unplaced one loses its lock. Locks live in the problem (``Lesson.locked_slot``/
  ``locked_room``), where the solver honours them.
- **Reading**: ``timetable_page`` parses the JSON once and runs the checker on it (no query
  per lesson): well under a second for 1,500 lessons.
- Every call needs ``timetables.manage`` and sees only the actor's organisation; every change
  is audited.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_, gettext_for
from core.models.timetabling import SchoolTimetable, TimetableSource
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.lessons import check_id
from core.services.timetable_publishing import (
    Published,
    PublishPreview,
    bells_from_periods,
    publish,
    publish_preview,
)
from core.timetabling.checker import check, describe, lesson_name
from core.timetabling.fet import export_fet, ignored_summary, read_fet
from core.timetabling.files import SOFT_LABELS, locked_timetable
from core.timetabling.printout import timetable_pdf
from core.timetabling.problem import Lesson, Placement, Problem, Timetable
from core.timetabling.serial import (
    problem_from_data,
    problem_to_data,
    timetable_from_data,
    timetable_to_data,
)
from core.timetabling.template import timetable_template
from core.timetabling.workbook import Bell, export_timetable_workbook, read_school
from core.tx import Tx, transaction

View = Literal["class", "teacher", "room"]
VIEWS: tuple[View, ...] = ("class", "teacher", "room")
#: The largest ``.fet`` file accepted (``read_fet`` refuses larger ones too).
MAX_FET_BYTES = 10 * 1024 * 1024
NAME_LIMIT = 200

STALE = N_("Someone changed this timetable since you opened it. Reload the page and try again.")
_NOT_FET_NAME = N_("Choose a FET file: its name ends in .fet.")
_NOT_XLSX_NAME = N_("Choose an Excel file made from the template: its name ends in .xlsx.")
_EMPTY_FILE = N_("The file is empty.")
_TOO_BIG = N_("The file is larger than {mb} MB.")
_NO_NAME = N_("Give the timetable a name.")
_NO_LESSON = N_("This timetable has no such lesson.")
_NO_DAY = N_("Choose a day of the timetable's week.")
_NO_PERIOD = N_("Choose a period of the timetable's day.")
_PAST_DAY_END = N_("This lesson lasts {duration} periods and would run past the end of the day.")
_NO_ROOM = N_("The timetable has no room “{room}”.")
_NOT_PLACED = N_("Place the lesson in the timetable first.")
_SAME_LESSON = N_("Choose another lesson to swap with.")
_NO_SUBJECT = N_("Choose the lesson's subject.")
_UNKNOWN = N_("The timetable does not have “{name}”.")
_NO_CLASS = N_("Choose at least one class.")
_BAD_DURATION = N_("A lesson lasts from 1 to {limit} periods.")
_PUBLISHED = N_("A published timetable cannot be deleted.")
_NO_BELLS = N_("Give the start time and length of each of the {count} periods.")


@dataclass(frozen=True)
class TimetableRow:
    id: int
    name: str
    source: str
    lessons: int
    placed: int
    published_from: date | None
    updated_at: datetime


@dataclass(frozen=True)
class GridLesson:
    id: int
    subject: str
    teachers: str
    sets: str
    room: str
    locked: bool
    continued: bool  # it started in an earlier period (a double period's second half)
    conflict: bool  # it breaks a hard rule (the report says which)


@dataclass(frozen=True)
class GridCell:
    """The lessons of one day in ``span`` periods from this one (a double period spans two)."""

    lessons: tuple[GridLesson, ...]
    span: int = 1


@dataclass(frozen=True)
class GridRow:
    period: str
    cells: tuple[GridCell | None, ...]  # by day; None: covered by a cell above that spans


@dataclass(frozen=True)
class RuleTotal:
    label: str
    count: int


@dataclass(frozen=True)
class TimetablePage:
    """One timetable's grid for a class, teacher or room, and the checker's report on the
    whole timetable. Texts are in the requested language; names are the school's own."""

    id: int
    name: str
    version: int
    published: bool
    view: View
    key: str | None
    choices: tuple[tuple[str, str], ...]  # (key, name) of the view's classes/teachers/rooms
    days: tuple[str, ...]
    rows: tuple[GridRow, ...]
    unplaced: tuple[tuple[int, str], ...]
    conflicts: tuple[str, ...]  # every hard violation but "not placed", as sentences
    penalties: tuple[str, ...]  # every soft penalty, as sentences
    hard: int
    soft_total: int
    soft_by_rule: tuple[RuleTotal, ...]
    ignored: str
    lessons: int
    subjects: tuple[tuple[str, str], ...]
    teachers: tuple[tuple[str, str], ...]
    sets: tuple[tuple[str, str], ...]
    max_duration: int


@dataclass(frozen=True)
class LessonDetail:
    """One lesson with what its edit form offers."""

    timetable_id: int
    timetable_name: str
    version: int
    id: int
    name: str
    duration: int
    day: int | None
    period: int | None
    room: str | None
    locked: bool
    days: tuple[str, ...]
    periods: tuple[str, ...]
    rooms: tuple[tuple[str, str], ...]
    others: tuple[tuple[int, str], ...]  # placed lessons it may be swapped with


@dataclass
class _Loaded:
    row: SchoolTimetable
    problem: Problem
    placements: dict[int, Placement]
    audit: dict[str, Any] = field(default_factory=dict)


# --- reading -------------------------------------------------------------------------------


async def _get(actor: Actor, timetable_id: int, *, for_update: bool = False) -> SchoolTimetable:
    check_id(timetable_id)
    query = SchoolTimetable.filter(id=timetable_id, organisation_id=actor.organisation_id)
    if for_update:
        query = query.select_for_update()
    row = await query.first()
    if row is None:
        raise NotFound()
    return row


def _load(row: SchoolTimetable) -> _Loaded:
    return _Loaded(row, problem_from_data(row.problem), timetable_from_data(row.placements))


async def list_timetables(actor: Actor) -> list[TimetableRow]:
    """The organisation's stored timetables, the latest first.

    Raises:
        PermissionDenied: no ``timetables.manage``.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    rows = await SchoolTimetable.filter(organisation_id=actor.organisation_id).order_by(
        "-created_at", "-id"
    )
    return [
        TimetableRow(
            id=row.id,
            name=row.name,
            source=row.source.value,
            lessons=len(row.problem.get("lessons", ())),
            placed=len(row.placements),
            published_from=row.published_from,
            updated_at=row.updated_at,
        )
        for row in rows
    ]


def _sorted_names(things: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((key, thing.name or key) for key, thing in things.items()), key=_by_name))


def _by_name(item: tuple[Any, str]) -> tuple[str, str]:
    return item[1].casefold(), str(item[0])


def _choices(problem: Problem, view: View) -> tuple[tuple[str, str], ...]:
    if view == "teacher":
        return _sorted_names(problem.teachers)
    if view == "room":
        return _sorted_names(problem.rooms)
    return _sorted_names(problem.sets)


def _shown(problem: Problem, timetable: Timetable, view: View, key: str) -> set[int]:
    """The lessons the grid of ``key`` holds (a class's grid: every lesson one of its
    students attends, the whole year's and its subgroups' too)."""
    if view == "room":
        return {lesson_id for lesson_id, placement in timetable.items() if placement.room == key}
    if view == "teacher":
        return {lesson.id for lesson in problem.lessons.values() if key in lesson.teachers}
    leaves = problem.leaves(key)
    return {
        lesson.id for lesson in problem.lessons.values() if problem.lesson_leaves(lesson) & leaves
    }


def _names(things: Mapping[str, Any], keys: Iterable[str]) -> str:
    return ", ".join(getattr(things.get(key), "name", "") or key for key in keys)


def _grid(
    problem: Problem, timetable: Timetable, shown: set[int], conflicts: set[int]
) -> tuple[GridRow, ...]:
    week = problem.week
    starts: dict[int, int] = {}
    occupants: dict[tuple[int, int], list[int]] = defaultdict(list)
    for lesson_id in sorted(shown):
        placement = timetable.get(lesson_id)
        if placement is None or placement.slot not in week.slots:
            continue
        starts[lesson_id] = placement.slot
        lesson = problem.lessons[lesson_id]
        for slot in range(placement.slot, placement.slot + lesson.duration):
            if week.fits(slot, 1) and week.day_of(slot) == week.day_of(placement.slot):
                occupants[week.day_of(slot), week.period_of(slot)].append(lesson_id)

    def item(lesson_id: int, slot: int) -> GridLesson:
        lesson = problem.lessons[lesson_id]
        room = timetable[lesson_id].room
        return GridLesson(
            id=lesson_id,
            subject=_names(problem.subjects, [lesson.subject]),
            teachers=_names(problem.teachers, lesson.teachers),
            sets=_names(problem.sets, lesson.sets),
            room=_names(problem.rooms, [room]) if room else "",
            locked=lesson.locked_slot is not None,
            continued=starts[lesson_id] < slot,
            conflict=lesson_id in conflicts,
        )

    periods = len(week.periods)
    cells: list[list[GridCell | None]] = [[None] * len(week.days) for _ in range(periods)]
    for day in range(len(week.days)):
        period = 0
        while period < periods:
            here = occupants.get((day, period), [])
            span = 1
            # A double period is one cell while the same lessons fill the periods below.
            while here and period + span < periods and occupants.get((day, period + span)) == here:
                span += 1
            slot = week.slot(day, period)
            cells[period][day] = GridCell(tuple(item(i, slot) for i in here), span)
            period += span
    return tuple(GridRow(week.periods[period], tuple(cells[period])) for period in range(periods))


async def timetable_page(
    actor: Actor, timetable_id: int, *, view: View, key: str | None, language: str
) -> TimetablePage:
    """The week grid of one class, teacher or room (``key`` None: the first of the view) with
    the unplaced lessons and the checker's report on the whole timetable, in ``language``.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable in the actor's organisation.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    loaded = _load(await _get(actor, timetable_id))
    problem, placements = loaded.problem, loaded.placements
    choices = _choices(problem, view)
    keys = {choice[0] for choice in choices}
    if key not in keys:
        # A class rather than a whole year: its grid is the one read most.
        classes = [k for k, _ in choices if view != "class" or problem.sets[k].parent is not None]
        key = next(iter(classes or [k for k, _ in choices]), None)
    shown = set() if key is None else _shown(problem, placements, view, key)
    report = check(problem, placements)
    hard = [v for v in report.hard_violations if v.rule != "not_placed"]
    row = loaded.row
    return TimetablePage(
        id=row.id,
        name=row.name,
        version=row.version,
        published=row.published_at is not None,
        view=view,
        key=key,
        choices=choices,
        days=problem.week.days,
        rows=_grid(
            problem,
            placements,
            shown & problem.lessons.keys(),
            {lesson_id for violation in hard for lesson_id in violation.lessons},
        ),
        unplaced=tuple(
            (lesson_id, lesson_name(problem, lesson_id))
            for lesson_id in sorted(problem.lessons)
            if lesson_id not in placements
        ),
        conflicts=tuple(describe(v, problem, language) for v in hard),
        penalties=tuple(describe(v, problem, language) for v in report.soft_violations),
        hard=report.hard,
        soft_total=report.soft_total,
        soft_by_rule=tuple(
            RuleTotal(gettext_for(language, SOFT_LABELS[rule]), cost)
            for rule, cost in report.soft.items()
            if cost
        ),
        ignored=ignored_summary(problem, language),
        lessons=len(problem.lessons),
        subjects=_sorted_names(problem.subjects),
        teachers=_sorted_names(problem.teachers),
        sets=_sorted_names(problem.sets),
        max_duration=len(problem.week.periods),
    )


async def timetable_lesson(actor: Actor, timetable_id: int, lesson_id: int) -> LessonDetail:
    """One lesson of a timetable, where it is, and the choices of its edit form.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable in the actor's organisation, or no such lesson in it.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    loaded = _load(await _get(actor, timetable_id))
    problem, placements = loaded.problem, loaded.placements
    lesson = problem.lessons.get(lesson_id)
    if lesson is None:
        raise NotFound(_NO_LESSON)
    placement = placements.get(lesson_id)
    week = problem.week
    others = sorted(
        ((other, lesson_name(problem, other)) for other in placements if other != lesson_id),
        key=_by_name,
    )
    return LessonDetail(
        timetable_id=loaded.row.id,
        timetable_name=loaded.row.name,
        version=loaded.row.version,
        id=lesson_id,
        name=lesson_name(problem, lesson_id),
        duration=lesson.duration,
        day=week.day_of(placement.slot) if placement else None,
        period=week.period_of(placement.slot) if placement else None,
        room=placement.room if placement else None,
        locked=lesson.locked_slot is not None,
        days=week.days,
        periods=week.periods,
        rooms=_sorted_names(problem.rooms),
        others=tuple(others),
    )


async def export_fet_file(actor: Actor, timetable_id: int) -> tuple[str, bytes]:
    """The timetable as a ``.fet`` file (every placed lesson locked in it), with a file name.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable in the actor's organisation.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    loaded = _load(await _get(actor, timetable_id))
    return f"{_stem(loaded.row)}.fet", export_fet(loaded.problem, loaded.placements)


def _stem(row: SchoolTimetable) -> str:
    return re.sub(r"[^\w\-]+", "-", row.name).strip("-") or "timetable"


async def export_workbook_file(
    actor: Actor, timetable_id: int, *, language: str
) -> tuple[str, bytes]:
    """The timetable as an Excel workbook: a printed page per class, teacher and room.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable in the actor's organisation.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    loaded = _load(await _get(actor, timetable_id))
    data = export_timetable_workbook(loaded.problem, loaded.placements, language)
    return f"{_stem(loaded.row)}.xlsx", data


async def export_pdf_file(
    actor: Actor, timetable_id: int, *, view: View, language: str
) -> tuple[str, bytes]:
    """The timetable as a PDF: a landscape page per class, teacher or room (``view``).

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable in the actor's organisation.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    loaded = _load(await _get(actor, timetable_id))
    printed = {"class": "classes", "teacher": "teachers", "room": "rooms"}[view]
    data = timetable_pdf(loaded.problem, loaded.placements, view=printed, language=language)
    return f"{_stem(loaded.row)}-{printed}.pdf", data


# --- import --------------------------------------------------------------------------------


async def template_file(actor: Actor, *, language: str) -> bytes:
    """The Excel template a school fills to be imported (headers in ``language``).

    Raises:
        PermissionDenied: no ``timetables.manage``.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    return timetable_template(language)


async def import_workbook(
    deps: Deps, actor: Actor, *, filename: str, data: bytes, name: str = ""
) -> int:
    """Store the school of a filled Excel template as a new timetable (its fixed lessons
    placed, its bell times kept for publishing); ``name`` (else the file's name) names it.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        InvalidInput: not an ``.xlsx`` name, an empty file, or a file ``read_school``
            refuses (too large, not a workbook, sheets missing).
        ImportRejected: rows to fix, each named by sheet and row; nothing is stored.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    if not filename.lower().endswith(".xlsx"):
        raise InvalidInput(_NOT_XLSX_NAME, field="file")
    if not data:
        raise InvalidInput(_EMPTY_FILE, field="file")
    title = _clean_name(name or filename.rsplit("/", 1)[-1][: -len(".xlsx")])
    school = read_school(data, name=title)
    async with transaction(deps) as tx:
        return await _store(
            tx, actor, school.problem, TimetableSource.WORKBOOK, bells=school.bells
        )


async def import_fet(
    deps: Deps, actor: Actor, *, filename: str, data: bytes, name: str = ""
) -> int:
    """Store the school of a ``.fet`` file as a new timetable, the file's locked lessons
    placed; ``name`` (else the file's name) names it. Returns its id.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        InvalidInput: not a ``.fet`` name, an empty or too large file, or a file
            ``read_fet`` cannot read (nothing is stored then).
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    if not filename.lower().endswith(".fet"):
        raise InvalidInput(_NOT_FET_NAME, field="file")
    if not data:
        raise InvalidInput(_EMPTY_FILE, field="file")
    if len(data) > MAX_FET_BYTES:
        raise InvalidInput(_TOO_BIG, field="file", mb=MAX_FET_BYTES // (1024 * 1024))
    title = _clean_name(name or filename.rsplit("/", 1)[-1][: -len(".fet")])
    problem = read_fet(data, name=title)
    async with transaction(deps) as tx:
        return await _store(tx, actor, problem, TimetableSource.FET)


async def _store(
    tx: Tx,
    actor: Actor,
    problem: Problem,
    source: TimetableSource,
    *,
    bells: Iterable[Bell] = (),
) -> int:
    """Write an imported problem with its locked lessons as the starting timetable."""
    row = await SchoolTimetable.create(
        bells=[[bell.starts.hour * 60 + bell.starts.minute, bell.minutes] for bell in bells],
        organisation_id=actor.organisation_id,
        name=problem.name,
        source=source,
        problem=problem_to_data(problem),
        placements=timetable_to_data(locked_timetable(problem)),
        created_by_id=actor.person_id,
        created_at=tx.now,
        updated_at=tx.now,
    )
    await do_record(
        tx,
        actor,
        action="timetable.import",
        object_type="school_timetable",
        object_id=row.id,
        after={"name": row.name, "source": source.value, "lessons": len(problem.lessons)},
    )
    return row.id


def _clean_name(name: str) -> str:
    name = " ".join(name.split())[:NAME_LIMIT]
    if not name:
        raise InvalidInput(_NO_NAME, field="name")
    return name


# --- edits ---------------------------------------------------------------------------------


@asynccontextmanager
async def _editing(
    deps: Deps, actor: Actor, *, timetable_id: int, version: int, action: str
) -> AsyncIterator[_Loaded]:
    """One edit: the timetable loaded under a row lock, refused when ``version`` is stale;
    when the body ends without an error, name, problem and placements are written back, the
    version bumped and ``action`` audited with ``_Loaded.audit``.

    The write is conditional on ``version`` too, so two edits from the same page can never
    both land, whatever the database's locking does (SQLite has no row locks)."""
    await require(actor, Permission.TIMETABLES_MANAGE)
    async with transaction(deps) as tx:
        row = await _get(actor, timetable_id, for_update=True)
        if row.version != version:
            raise Conflict(STALE)
        loaded = _load(row)
        yield loaded
        written = await SchoolTimetable.filter(id=row.id, version=version).update(
            name=row.name,
            problem=problem_to_data(loaded.problem),
            placements=timetable_to_data(loaded.placements),
            version=version + 1,
            updated_at=tx.now,
        )
        if not written:
            raise Conflict(STALE)
        await do_record(
            tx,
            actor,
            action=action,
            object_type="school_timetable",
            object_id=row.id,
            after={"version": version + 1, **loaded.audit},
        )


def _lesson(loaded: _Loaded, lesson_id: int) -> Lesson:
    lesson = loaded.problem.lessons.get(lesson_id)
    if lesson is None:
        raise NotFound(_NO_LESSON)
    return lesson


def _start(problem: Problem, lesson: Lesson, day: int, period: int) -> int:
    week = problem.week
    if not 0 <= day < len(week.days):
        raise InvalidInput(_NO_DAY, field="day")
    if not 0 <= period < len(week.periods):
        raise InvalidInput(_NO_PERIOD, field="period")
    slot = week.slot(day, period)
    if not week.fits(slot, lesson.duration):
        raise InvalidInput(_PAST_DAY_END, field="period", duration=lesson.duration)
    return slot


def _place(loaded: _Loaded, lesson: Lesson, placement: Placement | None) -> None:
    """Put ``lesson`` at ``placement`` (None: unplaced); a locked lesson stays locked there."""
    if placement is None:
        loaded.placements.pop(lesson.id, None)
    else:
        loaded.placements[lesson.id] = placement
    if lesson.locked_slot is not None:
        _relock(loaded, lesson, placement)


def _relock(loaded: _Loaded, lesson: Lesson, placement: Placement | None) -> None:
    changed = replace(
        lesson,
        locked_slot=placement.slot if placement else None,
        locked_room=placement.room if placement else None,
    )
    loaded.problem = replace(
        loaded.problem, lessons={**loaded.problem.lessons, lesson.id: changed}
    )


async def move_lesson(
    deps: Deps,
    actor: Actor,
    *,
    timetable_id: int,
    version: int,
    lesson_id: int,
    day: int,
    period: int,
    room: str | None,
) -> None:
    """Put a lesson at ``day``/``period`` (0-based) in ``room`` (None: no room), clash or
    not: the checker's report names any clash it makes.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable here, or no such lesson in it.
        InvalidInput: a day or period the week does not have, a lesson running past the end
            of the day, a room the timetable does not have.
        Conflict: the timetable changed since ``version`` (nothing is written).
    """
    async with _editing(
        deps, actor, timetable_id=timetable_id, version=version, action="timetable.move"
    ) as loaded:
        lesson = _lesson(loaded, lesson_id)
        slot = _start(loaded.problem, lesson, day, period)
        if room is not None and room not in loaded.problem.rooms:
            raise InvalidInput(_NO_ROOM, field="room", room=room)
        _place(loaded, lesson, Placement(slot, room))
        loaded.audit = {"lesson": lesson_id, "slot": slot, "room": room}


async def swap_lessons(
    deps: Deps, actor: Actor, *, timetable_id: int, version: int, first: int, second: int
) -> None:
    """Exchange the times and rooms of two placed lessons.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable here, or no such lesson in it.
        InvalidInput: the same lesson twice, a lesson not placed, a double lesson that would
            run past the end of the day in the other's place.
        Conflict: the timetable changed since ``version`` (nothing is written).
    """
    async with _editing(
        deps, actor, timetable_id=timetable_id, version=version, action="timetable.swap"
    ) as loaded:
        one, other = _lesson(loaded, first), _lesson(loaded, second)
        if first == second:
            raise InvalidInput(_SAME_LESSON, field="other")
        here, there = loaded.placements.get(first), loaded.placements.get(second)
        if here is None or there is None:
            raise InvalidInput(_NOT_PLACED, field="other")
        week = loaded.problem.week
        for lesson, target in ((one, there), (other, here)):
            _start(loaded.problem, lesson, week.day_of(target.slot), week.period_of(target.slot))
        _place(loaded, one, there)
        _place(loaded, _lesson(loaded, second), here)
        loaded.audit = {"lessons": [first, second]}


async def unplace_lesson(
    deps: Deps, actor: Actor, *, timetable_id: int, version: int, lesson_id: int
) -> None:
    """Take a lesson out of the timetable (it is listed as unplaced; a lock on it goes).

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable here, or no such lesson in it.
        Conflict: the timetable changed since ``version`` (nothing is written).
    """
    async with _editing(
        deps, actor, timetable_id=timetable_id, version=version, action="timetable.unplace"
    ) as loaded:
        _place(loaded, _lesson(loaded, lesson_id), None)
        loaded.audit = {"lesson": lesson_id}


async def set_locked(
    deps: Deps, actor: Actor, *, timetable_id: int, version: int, lesson_id: int, locked: bool
) -> None:
    """Lock a placed lesson where it is now (time and room), or unlock it. A locked lesson is
    kept where it is by the solver.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable here, or no such lesson in it.
        InvalidInput: locking a lesson that is not placed.
        Conflict: the timetable changed since ``version`` (nothing is written).
    """
    action = "timetable.lock" if locked else "timetable.unlock"
    async with _editing(
        deps, actor, timetable_id=timetable_id, version=version, action=action
    ) as loaded:
        lesson = _lesson(loaded, lesson_id)
        placement = loaded.placements.get(lesson_id)
        if locked and placement is None:
            raise InvalidInput(_NOT_PLACED, field="lesson")
        _relock(loaded, lesson, placement if locked else None)
        loaded.audit = {"lesson": lesson_id}


async def add_lesson(
    deps: Deps,
    actor: Actor,
    *,
    timetable_id: int,
    version: int,
    subject: str,
    teachers: Iterable[str],
    sets: Iterable[str],
    duration: int,
) -> int:
    """Add a lesson the school forgot (ids of the timetable's subject, teachers and classes);
    it starts unplaced. Returns its id.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable here.
        InvalidInput: no subject or class, a subject, teacher or class the timetable does
            not have, a duration longer than the day.
        Conflict: the timetable changed since ``version`` (nothing is written).
    """
    async with _editing(
        deps, actor, timetable_id=timetable_id, version=version, action="timetable.add_lesson"
    ) as loaded:
        problem = loaded.problem
        if not subject:
            raise InvalidInput(_NO_SUBJECT, field="subject")
        teacher_ids, set_ids = tuple(dict.fromkeys(teachers)), tuple(dict.fromkeys(sets))
        if not set_ids:
            raise InvalidInput(_NO_CLASS, field="sets")
        for field_name, keys, known in (
            ("subject", (subject,), problem.subjects),
            ("teachers", teacher_ids, problem.teachers),
            ("sets", set_ids, problem.sets),
        ):
            for key in keys:
                if key not in known:
                    raise InvalidInput(_UNKNOWN, field=field_name, name=key)
        if not 1 <= duration <= len(problem.week.periods):
            raise InvalidInput(_BAD_DURATION, field="duration", limit=len(problem.week.periods))
        lesson_id = max(problem.lessons, default=0) + 1
        lesson = Lesson(lesson_id, subject, teacher_ids, set_ids, duration=duration)
        loaded.problem = replace(problem, lessons={**problem.lessons, lesson_id: lesson})
        loaded.audit = {"lesson": lesson_id}
    return lesson_id


async def rename_timetable(
    deps: Deps, actor: Actor, *, timetable_id: int, version: int, name: str
) -> None:
    """Give a timetable another name.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable here.
        InvalidInput: an empty name.
        Conflict: the timetable changed since ``version`` (nothing is written).
    """
    clean = _clean_name(name)
    async with _editing(
        deps, actor, timetable_id=timetable_id, version=version, action="timetable.rename"
    ) as loaded:
        loaded.audit = {"name": clean, "was": loaded.row.name}
        loaded.row.name = clean


async def delete_timetable(deps: Deps, actor: Actor, *, timetable_id: int) -> None:
    """Delete a timetable that was never published, with its solver runs.

    Raises:
        PermissionDenied: no ``timetables.manage``.
        NotFound: no such timetable here.
        Conflict: the timetable is published (its lessons came from it).
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    async with transaction(deps) as tx:
        row = await _get(actor, timetable_id, for_update=True)
        if row.published_at is not None:
            raise Conflict(_PUBLISHED)
        await row.delete()
        await do_record(
            tx,
            actor,
            action="timetable.delete",
            object_type="school_timetable",
            object_id=timetable_id,
            before={"name": row.name},
        )


# --- publishing ----------------------------------------------------------------------------

#: A period's length when the import did not say (a FET file names periods only).
DEFAULT_PERIOD_MINUTES = 45


@dataclass(frozen=True)
class Bells:
    """Each period's local start (minutes after midnight, None when unknown) and length."""

    periods: tuple[str, ...]
    starts: tuple[int | None, ...]
    minutes: tuple[int, ...]

    @property
    def times(self) -> tuple[str, ...]:
        return tuple("" if s is None else f"{s // 60:02d}:{s % 60:02d}" for s in self.starts)


@dataclass(frozen=True)
class PublishForm:
    id: int
    name: str
    version: int
    published_from: date | None
    bells: Bells
    preview: PublishPreview


def _bells(row: SchoolTimetable, problem: Problem) -> Bells:
    periods = problem.week.periods
    if len(row.bells) == len(periods):
        return Bells(
            periods, tuple(start for start, _ in row.bells), tuple(m for _, m in row.bells)
        )
    found = bells_from_periods(problem.week)
    starts: tuple[int | None, ...] = tuple(found) if found else (None,) * len(periods)
    return Bells(periods, starts, (DEFAULT_PERIOD_MINUTES,) * len(periods))


async def publish_form(actor: Actor, timetable_id: int) -> PublishForm:
    """What publishing the timetable would do (``publish_preview``), with the bell times
    known from its import or its period names.

    Raises:
        PermissionDenied: no ``timetables.manage`` or ``schedule.manage``.
        NotFound: no such timetable in the actor's organisation.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    loaded = _load(await _get(actor, timetable_id))
    preview = await publish_preview(actor, problem=loaded.problem, timetable=loaded.placements)
    return PublishForm(
        id=loaded.row.id,
        name=loaded.row.name,
        version=loaded.row.version,
        published_from=loaded.row.published_from,
        bells=_bells(loaded.row, loaded.problem),
        preview=preview,
    )


async def publish_timetable(
    deps: Deps,
    actor: Actor,
    *,
    timetable_id: int,
    version: int,
    from_day: date,
    starts: Sequence[int],
    minutes: Sequence[int],
) -> Published:
    """Make the timetable its groups' lessons from ``from_day`` (``publish``), period ``i``
    starting at local minute ``starts[i]`` and lasting ``minutes[i]``; the bells are kept
    with the timetable for the next time.

    Raises:
        PermissionDenied: no ``timetables.manage`` or ``schedule.manage``.
        NotFound: no such timetable in the actor's organisation.
        Conflict: the timetable changed since the form was made.
        InvalidInput: a bell missing or out of order, a past day;
            ``TimetableRejected`` lists every unmatched name, unplaced lesson and clash.
    """
    await require(actor, Permission.TIMETABLES_MANAGE)
    loaded = _load(await _get(actor, timetable_id))
    if loaded.row.version != version:
        raise Conflict(STALE)
    periods = len(loaded.problem.week.periods)
    if len(starts) != periods or len(minutes) != periods:
        raise InvalidInput(_NO_BELLS, field="bells", count=periods)
    published = await publish(
        deps,
        actor,
        problem=loaded.problem,
        timetable=loaded.placements,
        from_day=from_day,
        bells=starts,
        duration_minutes=minutes[0],
        lengths=minutes,
    )
    async with transaction(deps) as tx:
        await SchoolTimetable.filter(id=timetable_id).update(
            published_from=from_day,
            published_at=tx.now,
            bells=[[start, length] for start, length in zip(starts, minutes, strict=True)],
        )
    return published
