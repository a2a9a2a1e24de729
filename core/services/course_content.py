"""Online course content (issue 10): a ``Course``'s modules → units → items, opened by a
teacher for their groups, the students' progress and points, answers to review, and the
completion certificate.

- **Editing** (``courses.content.manage``, by a teacher of one of the course's groups, or
  anyone with ``teaching.any``): add, rename, reorder and delete modules, units and items.
  A module or unit is deleted only once it is empty, so no student work goes by accident.
- **Opening**: the teacher opens the content for one of their groups of the course; the
  students actively enrolled in an opened group see it.
- **Completion** is computed on read, so it is always true: text and video are complete
  when the student marked them done; a quiz when the student has a finished attempt of its
  test that passed; a programming item when the student has a submission to its task with
  the verdict OK; an open answer or a file when a teacher accepted it.
- **Progress** = completed items ÷ items, rounded down to a whole percent (100 only when
  everything is complete). An item's points are earned once, when it is complete.
- **Certificate**: at 100 % a student downloads a PDF; the first download issues it with a
  random verification code, later ones print the same certificate. ``/certificates/<code>``
  confirms it to anyone.
- **Audit**: ``course.content_change``, ``course.open``, ``course.close``,
  ``course.work_review``, ``course.certificate_issue``.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from core import attachments as files
from core.actor import Actor
from core.course_certificates import Certificate, certificate_pdf
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.academics import Course, Enrolment, Group, GroupStatus, GroupTeacher
from core.models.courses import (
    CourseCertificate,
    CourseItem,
    CourseModule,
    CourseOpening,
    CourseUnit,
    ItemWork,
)
from core.models.courses import ItemKind as ItemKind  # noqa: PLC0414 - re-exported for adapters
from core.models.courses import WorkStatus as WorkStatus  # noqa: PLC0414 - re-exported
from core.models.judge import ProgrammingTask, ProgramSubmission, Verdict
from core.models.org import Organisation
from core.models.testing import Attempt, Test
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.homework import FileDownload, Upload
from core.services.lessons import check_id, person_names, require_teaching_group
from core.services.orgs import local_time
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

TITLE_MAX = 200
BODY_MAX = 20000
URL_MAX = 500
POINTS_MAX = 1000
DEFAULT_POINTS = 10
ANSWER_MAX = 10000
COMMENT_MAX = 2000
#: Verification codes: no 0/O or 1/I/L to misread; 16 of 32 symbols are 80 random bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16

ITEM_KIND_LABELS: dict[ItemKind, str] = {
    ItemKind.TEXT: N_("Text"),
    ItemKind.VIDEO: N_("Video"),
    ItemKind.QUIZ: N_("Quiz"),
    ItemKind.OPEN_ANSWER: N_("Open answer"),
    ItemKind.FILE_UPLOAD: N_("File upload"),
    ItemKind.PROGRAMMING: N_("Programming task"),
}
_MARKED_DONE = frozenset({ItemKind.TEXT, ItemKind.VIDEO})
_REVIEWED = frozenset({ItemKind.OPEN_ANSWER, ItemKind.FILE_UPLOAD})
_COMPLETE_WORK = (WorkStatus.DONE, WorkStatus.ACCEPTED)
_NO_COURSE = N_("There is no such course.")
_NO_ITEM = N_("There is no such item.")
ACCEPTED_NOTICE = N_("Your answer to “{item}” was accepted.")
ACCEPTED_WITH_COMMENT_NOTICE = N_("Your answer to “{item}” was accepted:\n{comment}")
RETURNED_NOTICE = N_("Your answer to “{item}” was returned for rework:\n{comment}")


# --- views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseRef:
    id: int
    name_kk: str
    name_ru: str
    name_en: str

    def name(self, language: str) -> str:
        """The name in ``language``, else the first one filled in."""
        return (
            getattr(self, f"name_{language}", "") or self.name_ru or self.name_kk or self.name_en
        )


@dataclass(frozen=True)
class ItemData:
    """An item as the editor submits it; what a kind does not use is ignored."""

    kind: ItemKind
    title: str
    body: str = ""
    url: str = ""
    test_id: int | None = None
    task_id: int | None = None
    points: int = DEFAULT_POINTS


@dataclass(frozen=True)
class ItemView:
    id: int
    position: int
    kind: ItemKind
    title: str
    body: str
    url: str
    test_id: int | None
    task_id: int | None
    points: int
    #: The quiz's test title or the programming task's name ("" for other kinds).
    target: str


@dataclass(frozen=True)
class UnitView:
    id: int
    title: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ModuleView:
    id: int
    title: str
    units: tuple[UnitView, ...]


@dataclass(frozen=True)
class GroupOpening:
    group_id: int
    name: str
    opened_at: datetime | None


@dataclass(frozen=True)
class ContentView:
    """The editor's page: the content, the groups it may be opened for, and the tests and
    programming tasks an item may use."""

    course: CourseRef
    modules: tuple[ModuleView, ...]
    groups: tuple[GroupOpening, ...]
    tests: tuple[tuple[int, str], ...]
    tasks: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ItemState:
    """A student's standing on an item. ``status`` is their work's (None: none yet)."""

    item: ItemView
    complete: bool
    status: WorkStatus | None
    text: str
    filename: str
    comment: str
    work_id: int | None


@dataclass(frozen=True)
class StudentUnit:
    id: int
    title: str
    items: tuple[ItemState, ...]


@dataclass(frozen=True)
class StudentModule:
    id: int
    title: str
    units: tuple[StudentUnit, ...]


@dataclass(frozen=True)
class CourseCard:
    course: CourseRef
    items: int
    completed: int
    percent: int
    points: int
    max_points: int


@dataclass(frozen=True)
class StudentCourse:
    card: CourseCard
    modules: tuple[StudentModule, ...]
    certificate_code: str | None

    @property
    def finished(self) -> bool:
        return self.card.items > 0 and self.card.completed == self.card.items


class CellMark:
    """What the teacher's table shows for a student and an item."""

    DONE = "done"
    WAITING = "waiting"
    RETURNED = "returned"
    NOTHING = ""


@dataclass(frozen=True)
class StudentProgressRow:
    student_id: int
    name: str
    cells: tuple[str, ...]
    percent: int
    points: int


@dataclass(frozen=True)
class WorkToReview:
    id: int
    student_id: int
    student: str
    item_id: int
    item_title: str
    kind: ItemKind
    text: str
    filename: str
    submitted_at: datetime


@dataclass(frozen=True)
class GroupProgress:
    group_id: int
    group_name: str
    course: CourseRef
    opened: bool
    items: tuple[ItemView, ...]
    rows: tuple[StudentProgressRow, ...]
    to_review: tuple[WorkToReview, ...]


@dataclass(frozen=True)
class CertificateFile:
    filename: str
    data: bytes


@dataclass(frozen=True)
class CertificateCheck:
    """What the public page confirms about a certificate."""

    code: str
    student: str
    course: CourseRef
    organisation: str
    issued_at: datetime


@dataclass(frozen=True)
class _Item:
    """An item as completion needs it."""

    id: int
    course_id: int
    kind: ItemKind
    test_id: int | None
    task_id: int | None
    points: int


def _ints(values: Any) -> list[int]:
    """A ``values_list(..., flat=True)`` result as ints (Tortoise types it as tuples)."""
    return [int(value) for value in values]


# --- access --------------------------------------------------------------------------------


def _ref(course: Course) -> CourseRef:
    return CourseRef(
        id=course.id, name_kk=course.name_kk, name_ru=course.name_ru, name_en=course.name_en
    )


async def _course_here(actor: Actor, course_id: int) -> Course:
    check_id(course_id)
    course = await Course.get_or_none(id=course_id, organisation_id=actor.organisation_id)
    if course is None:
        raise NotFound(_NO_COURSE)
    return course


async def _taught_groups(actor: Actor, course_id: int) -> list[int]:
    """The course's groups the actor may open the content for and whose work they review."""
    query = Group.filter(course_id=course_id)
    if not (actor.is_system or await has_permission(actor, Permission.TEACHING_ANY)):
        query = query.filter(teacher_links__teacher_id=actor.person_id)
    return _ints(await query.values_list("id", flat=True))


async def _editable_course(actor: Actor, course_id: int) -> Course:
    """The course, if the actor may change its content.

    Raises:
        NotFound: no such course here.
        PermissionDenied: no ``courses.content.manage``, or not a teacher of its groups.
    """
    await require(actor, Permission.COURSE_CONTENT_MANAGE)
    course = await _course_here(actor, course_id)
    if actor.is_system or await has_permission(actor, Permission.TEACHING_ANY):
        return course
    if not await GroupTeacher.exists(teacher_id=actor.person_id, group__course_id=course.id):
        raise PermissionDenied(
            N_("Only a teacher of one of the course's groups may change its content.")
        )
    return course


async def _module_here(actor: Actor, module_id: int) -> CourseModule:
    check_id(module_id)
    module = await CourseModule.get_or_none(
        id=module_id, course__organisation_id=actor.organisation_id
    )
    if module is None:
        raise NotFound(N_("There is no such module."))
    _ = await _editable_course(actor, module.course_id)  # type: ignore[attr-defined]
    return module


async def _unit_here(actor: Actor, unit_id: int) -> tuple[CourseUnit, int]:
    check_id(unit_id)
    row = (
        await CourseUnit.filter(id=unit_id, module__course__organisation_id=actor.organisation_id)
        .first()
        .values("module__course_id")
    )
    if row is None:
        raise NotFound(N_("There is no such unit."))
    course_id = int(row["module__course_id"])
    _ = await _editable_course(actor, course_id)
    return await CourseUnit.get(id=unit_id), course_id


async def _item_here(actor: Actor, item_id: int) -> tuple[CourseItem, int]:
    check_id(item_id)
    row = (
        await CourseItem.filter(
            id=item_id, unit__module__course__organisation_id=actor.organisation_id
        )
        .first()
        .values("id", "unit__module__course_id")
    )
    if row is None:
        raise NotFound(_NO_ITEM)
    course_id = int(row["unit__module__course_id"])
    _ = await _editable_course(actor, course_id)
    return await CourseItem.get(id=item_id), course_id


# --- validation ----------------------------------------------------------------------------


def _title(raw: str) -> str:
    title = " ".join(raw.split())
    if not title:
        raise InvalidInput(N_("Give it a title."), field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            N_("The title may be at most {limit} characters long."), field="title", limit=TITLE_MAX
        )
    return title


def _video_url(raw: str) -> str:
    url = raw.strip()
    parts = urlsplit(url) if len(url) <= URL_MAX else None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InvalidInput(
            N_("A video link must be an address starting with http:// or https://."),
            field="url",
        )
    return url


async def _checked_item(actor: Actor, data: ItemData) -> dict[str, Any]:
    """The item's columns, validated for its kind.

    Raises:
        InvalidInput: something to fix, with its field.
    """
    values: dict[str, Any] = {
        "kind": data.kind,
        "title": _title(data.title),
        "body": data.body.strip(),
        "url": "",
        "test_id": None,
        "task_id": None,
        "points": data.points,
    }
    if len(values["body"]) > BODY_MAX:
        raise InvalidInput(
            N_("The text may be at most {limit} characters long."), field="body", limit=BODY_MAX
        )
    if not 0 <= data.points <= POINTS_MAX:
        raise InvalidInput(N_("Points must be from 0 to {most}."), field="points", most=POINTS_MAX)
    if data.kind == ItemKind.TEXT and not values["body"]:
        raise InvalidInput(N_("Write the text of this item."), field="body")
    if data.kind == ItemKind.VIDEO:
        values["url"] = _video_url(data.url)
    if data.kind == ItemKind.QUIZ:
        if data.test_id is None or not await Test.exists(
            id=data.test_id, organisation_id=actor.organisation_id, archived_at__isnull=True
        ):
            raise InvalidInput(N_("Choose a test for this quiz."), field="test_id")
        values["test_id"] = data.test_id
    if data.kind == ItemKind.PROGRAMMING:
        if data.task_id is None or not await ProgrammingTask.exists(
            id=data.task_id, organisation_id=actor.organisation_id
        ):
            raise InvalidInput(N_("Choose a programming task."), field="task_id")
        values["task_id"] = data.task_id
    return values


# --- reading the content -------------------------------------------------------------------


async def _targets(items: Sequence[CourseItem]) -> dict[int, str]:
    tests = {item.test_id for item in items if item.test_id}  # type: ignore[attr-defined]
    tasks = {item.task_id for item in items if item.task_id}  # type: ignore[attr-defined]
    titles = dict(await Test.filter(id__in=tests).values_list("id", "title")) if tests else {}
    names = (
        dict(await ProgrammingTask.filter(id__in=tasks).values_list("id", "name")) if tasks else {}
    )
    out: dict[int, str] = {}
    for item in items:
        if item.test_id:  # type: ignore[attr-defined]
            out[item.id] = str(titles.get(item.test_id, ""))  # type: ignore[attr-defined]
        elif item.task_id:  # type: ignore[attr-defined]
            out[item.id] = str(names.get(item.task_id, ""))  # type: ignore[attr-defined]
    return out


async def _content(course_id: int) -> tuple[ModuleView, ...]:
    modules = await CourseModule.filter(course_id=course_id).order_by("position", "id")
    units = await CourseUnit.filter(module__course_id=course_id).order_by("position", "id")
    items = await CourseItem.filter(unit__module__course_id=course_id).order_by("position", "id")
    targets = await _targets(items)
    items_of: dict[int, list[ItemView]] = defaultdict(list)
    for item in items:
        items_of[item.unit_id].append(  # type: ignore[attr-defined]
            ItemView(
                id=item.id,
                position=item.position,
                kind=ItemKind(item.kind),
                title=item.title,
                body=item.body,
                url=item.url,
                test_id=item.test_id,  # type: ignore[attr-defined]
                task_id=item.task_id,  # type: ignore[attr-defined]
                points=item.points,
                target=targets.get(item.id, ""),
            )
        )
    units_of: dict[int, list[UnitView]] = defaultdict(list)
    for unit in units:
        units_of[unit.module_id].append(  # type: ignore[attr-defined]
            UnitView(id=unit.id, title=unit.title, items=tuple(items_of[unit.id]))
        )
    return tuple(
        ModuleView(id=module.id, title=module.title, units=tuple(units_of[module.id]))
        for module in modules
    )


def _flat_items(modules: Iterable[ModuleView]) -> list[ItemView]:
    return [item for module in modules for unit in module.units for item in unit.items]


async def course_content(actor: Actor, *, course_id: int) -> ContentView:
    """The course's content for its editor, with the groups to open it for.

    Raises:
        NotFound: no such course here.
        PermissionDenied: the actor may not change its content.
    """
    course = await _editable_course(actor, course_id)
    group_ids = await _taught_groups(actor, course.id)
    groups = await Group.filter(id__in=group_ids, status=GroupStatus.ACTIVE).order_by("name")
    opened = dict(
        await CourseOpening.filter(course_id=course.id).values_list("group_id", "opened_at")
    )
    tests = await Test.filter(
        organisation_id=actor.organisation_id, archived_at__isnull=True
    ).order_by("title", "id")
    tasks = await ProgrammingTask.filter(organisation_id=actor.organisation_id).order_by(
        "name", "id"
    )
    return ContentView(
        course=_ref(course),
        modules=await _content(course.id),
        groups=tuple(
            GroupOpening(group_id=group.id, name=group.name, opened_at=opened.get(group.id))
            for group in groups
        ),
        tests=tuple((test.id, test.title) for test in tests),
        tasks=tuple((task.id, task.name) for task in tasks),
    )


# --- editing -------------------------------------------------------------------------------


async def _audit(tx: Tx, actor: Actor, course_id: int, change: dict[str, Any]) -> None:
    await do_record(
        tx,
        actor,
        action="course.content_change",
        object_type="course",
        object_id=course_id,
        after=change,
    )


async def _next_position(model: type[Model], **parent: int) -> int:
    last = (
        await model.filter(**parent)
        .order_by("-position")
        .first()
        .values_list("position", flat=True)
    )
    return 0 if last is None else _ints([last])[0] + 1


async def _move(model: type[Model], row_id: int, offset: int, **parent: int) -> None:
    """Move a row ``offset`` places among its siblings and renumber them 0, 1, …"""
    siblings = _ints(
        await model.filter(**parent).order_by("position", "id").values_list("id", flat=True)
    )
    index = siblings.index(row_id)
    target = min(max(index + offset, 0), len(siblings) - 1)
    siblings.insert(target, siblings.pop(index))
    for position, sibling in enumerate(siblings):
        await model.filter(id=sibling).update(position=position)


async def add_module(deps: Deps, actor: Actor, *, course_id: int, title: str) -> int:
    """Add a module at the end of the course; its id.

    Raises:
        NotFound, PermissionDenied: as for ``course_content``.
        InvalidInput: no title, or too long.
    """
    course = await _editable_course(actor, course_id)
    clean = _title(title)
    async with transaction(deps) as tx:
        module = await CourseModule.create(
            course_id=course.id,
            position=await _next_position(CourseModule, course_id=course.id),
            title=clean,
            created_at=tx.now,
        )
        await _audit(tx, actor, course.id, {"module_added": module.id, "title": clean})
    return int(module.id)


async def rename_module(deps: Deps, actor: Actor, *, module_id: int, title: str) -> None:
    """Give a module a new title.

    Raises:
        NotFound, PermissionDenied: no such module, or the actor may not edit its course.
        InvalidInput: no title, or too long.
    """
    module = await _module_here(actor, module_id)
    clean = _title(title)
    async with transaction(deps) as tx:
        await CourseModule.filter(id=module.id).update(title=clean)
        await _audit(
            tx,
            actor,
            module.course_id,  # type: ignore[attr-defined]
            {"module_renamed": module.id, "title": clean},
        )


async def move_module(deps: Deps, actor: Actor, *, module_id: int, offset: int) -> None:
    """Move a module up (``offset`` < 0) or down among the course's modules.

    Raises:
        NotFound, PermissionDenied: no such module, or the actor may not edit its course.
    """
    module = await _module_here(actor, module_id)
    course_id = int(module.course_id)  # type: ignore[attr-defined]
    async with transaction(deps) as tx:
        await _move(CourseModule, module.id, offset, course_id=course_id)
        await _audit(tx, actor, course_id, {"module_moved": module.id, "offset": offset})


async def delete_module(deps: Deps, actor: Actor, *, module_id: int) -> None:
    """Delete an empty module.

    Raises:
        NotFound, PermissionDenied: no such module, or the actor may not edit its course.
        Conflict: the module still has units.
    """
    module = await _module_here(actor, module_id)
    course_id = int(module.course_id)  # type: ignore[attr-defined]
    async with transaction(deps) as tx:
        if await CourseUnit.exists(module_id=module.id):
            raise Conflict(N_("Delete the module's units first."))
        await CourseModule.filter(id=module.id).delete()
        await _audit(tx, actor, course_id, {"module_deleted": module.id, "title": module.title})


async def add_unit(deps: Deps, actor: Actor, *, module_id: int, title: str) -> int:
    """Add a unit at the end of a module; its id.

    Raises:
        NotFound, PermissionDenied: no such module, or the actor may not edit its course.
        InvalidInput: no title, or too long.
    """
    module = await _module_here(actor, module_id)
    clean = _title(title)
    async with transaction(deps) as tx:
        unit = await CourseUnit.create(
            module_id=module.id,
            position=await _next_position(CourseUnit, module_id=module.id),
            title=clean,
            created_at=tx.now,
        )
        await _audit(
            tx,
            actor,
            module.course_id,  # type: ignore[attr-defined]
            {"unit_added": unit.id, "title": clean},
        )
    return int(unit.id)


async def rename_unit(deps: Deps, actor: Actor, *, unit_id: int, title: str) -> None:
    """Give a unit a new title.

    Raises:
        NotFound, PermissionDenied: no such unit, or the actor may not edit its course.
        InvalidInput: no title, or too long.
    """
    unit, course_id = await _unit_here(actor, unit_id)
    clean = _title(title)
    async with transaction(deps) as tx:
        await CourseUnit.filter(id=unit.id).update(title=clean)
        await _audit(tx, actor, course_id, {"unit_renamed": unit.id, "title": clean})


async def move_unit(deps: Deps, actor: Actor, *, unit_id: int, offset: int) -> None:
    """Move a unit up (``offset`` < 0) or down within its module.

    Raises:
        NotFound, PermissionDenied: no such unit, or the actor may not edit its course.
    """
    unit, course_id = await _unit_here(actor, unit_id)
    async with transaction(deps) as tx:
        await _move(CourseUnit, unit.id, offset, module_id=unit.module_id)  # type: ignore[attr-defined]
        await _audit(tx, actor, course_id, {"unit_moved": unit.id, "offset": offset})


async def delete_unit(deps: Deps, actor: Actor, *, unit_id: int) -> None:
    """Delete an empty unit.

    Raises:
        NotFound, PermissionDenied: no such unit, or the actor may not edit its course.
        Conflict: the unit still has items.
    """
    unit, course_id = await _unit_here(actor, unit_id)
    async with transaction(deps) as tx:
        if await CourseItem.exists(unit_id=unit.id):
            raise Conflict(N_("Delete the unit's items first."))
        await CourseUnit.filter(id=unit.id).delete()
        await _audit(tx, actor, course_id, {"unit_deleted": unit.id, "title": unit.title})


async def add_item(deps: Deps, actor: Actor, *, unit_id: int, data: ItemData) -> int:
    """Add an item at the end of a unit; its id.

    Raises:
        NotFound, PermissionDenied: no such unit, or the actor may not edit its course.
        InvalidInput: the item's title, text, link, test, task or points need fixing.
    """
    unit, course_id = await _unit_here(actor, unit_id)
    values = await _checked_item(actor, data)
    async with transaction(deps) as tx:
        item = await CourseItem.create(
            unit_id=unit.id,
            position=await _next_position(CourseItem, unit_id=unit.id),
            created_at=tx.now,
            **values,
        )
        await _audit(
            tx,
            actor,
            course_id,
            {"item_added": item.id, "kind": data.kind.value, "title": item.title},
        )
    return int(item.id)


async def update_item(deps: Deps, actor: Actor, *, item_id: int, data: ItemData) -> None:
    """Change an item (its kind too); work already done on it stays.

    Raises:
        NotFound, PermissionDenied: no such item, or the actor may not edit its course.
        InvalidInput: the item's title, text, link, test, task or points need fixing.
    """
    item, course_id = await _item_here(actor, item_id)
    values = await _checked_item(actor, data)
    async with transaction(deps) as tx:
        await CourseItem.filter(id=item.id).update(**values)
        await _audit(tx, actor, course_id, {"item_changed": item.id, "title": values["title"]})


async def move_item(deps: Deps, actor: Actor, *, item_id: int, offset: int) -> None:
    """Move an item up (``offset`` < 0) or down within its unit.

    Raises:
        NotFound, PermissionDenied: no such item, or the actor may not edit its course.
    """
    item, course_id = await _item_here(actor, item_id)
    async with transaction(deps) as tx:
        await _move(CourseItem, item.id, offset, unit_id=item.unit_id)  # type: ignore[attr-defined]
        await _audit(tx, actor, course_id, {"item_moved": item.id, "offset": offset})


async def delete_item(deps: Deps, actor: Actor, *, item_id: int) -> None:
    """Delete an item, with the students' work on it (their points for it go too).

    Raises:
        NotFound, PermissionDenied: no such item, or the actor may not edit its course.
    """
    item, course_id = await _item_here(actor, item_id)
    async with transaction(deps) as tx:
        await CourseItem.filter(id=item.id).delete()
        await _audit(tx, actor, course_id, {"item_deleted": item.id, "title": item.title})


# --- opening for groups --------------------------------------------------------------------


async def _course_group(actor: Actor, course_id: int, group_id: int) -> Course:
    course = await _editable_course(actor, course_id)
    check_id(group_id)
    group = await Group.get_or_none(id=group_id, organisation_id=actor.organisation_id)
    if group is None:
        raise NotFound(N_("There is no such group."), field="group_id")
    if group.course_id != course.id:  # type: ignore[attr-defined]
        raise InvalidInput(N_("This group does not study this course."), field="group_id")
    await require_teaching_group(actor, group.id, Permission.COURSE_CONTENT_MANAGE)
    return course


async def open_course(deps: Deps, actor: Actor, *, course_id: int, group_id: int) -> None:
    """Open the course's content for a group (again: nothing changes).

    Raises:
        NotFound: no such course or group here.
        PermissionDenied: the actor may not edit the course or does not teach the group.
        InvalidInput: the group studies another course.
    """
    course = await _course_group(actor, course_id, group_id)
    async with transaction(deps) as tx:
        if await CourseOpening.exists(course_id=course.id, group_id=group_id):
            return
        _ = await CourseOpening.create(
            course_id=course.id, group_id=group_id, opened_by_id=actor.person_id, opened_at=tx.now
        )
        await do_record(
            tx,
            actor,
            action="course.open",
            object_type="course",
            object_id=course.id,
            after={"group_id": group_id},
        )


async def close_course(deps: Deps, actor: Actor, *, course_id: int, group_id: int) -> None:
    """Close the content for a group: its students no longer see it (their work stays).

    Raises:
        NotFound, PermissionDenied, InvalidInput: as ``open_course``.
    """
    course = await _course_group(actor, course_id, group_id)
    async with transaction(deps) as tx:
        deleted = await CourseOpening.filter(course_id=course.id, group_id=group_id).delete()
        if deleted:
            await do_record(
                tx,
                actor,
                action="course.close",
                object_type="course",
                object_id=course.id,
                before={"group_id": group_id},
            )


# --- completion ----------------------------------------------------------------------------


async def _items_of(course_ids: Iterable[int]) -> list[_Item]:
    ids = sorted(set(course_ids))
    if not ids:
        return []
    rows = await CourseItem.filter(unit__module__course_id__in=ids).values(
        "id", "kind", "test_id", "task_id", "points", "unit__module__course_id"
    )
    return [
        _Item(
            id=int(row["id"]),
            course_id=int(row["unit__module__course_id"]),
            kind=ItemKind(row["kind"]),
            test_id=row["test_id"],
            task_id=row["task_id"],
            points=int(row["points"]),
        )
        for row in rows
    ]


async def _completed(student_ids: Sequence[int], items: Sequence[_Item]) -> dict[int, set[int]]:
    """Each student's complete items among ``items``."""
    done: dict[int, set[int]] = defaultdict(set)
    if not student_ids or not items:
        return done
    for student_id, item_id in await ItemWork.filter(
        item_id__in=[item.id for item in items],
        student_id__in=student_ids,
        status__in=_COMPLETE_WORK,
    ).values_list("student_id", "item_id"):
        done[int(student_id)].add(int(item_id))
    tests = {item.test_id for item in items if item.kind == ItemKind.QUIZ and item.test_id}
    passed: set[tuple[int, int]] = set()
    if tests:
        passed = {
            (int(student), int(test))
            for student, test in await Attempt.filter(
                student_id__in=student_ids,
                test_id__in=tests,
                finished_at__isnull=False,
                passed=True,
            ).values_list("student_id", "test_id")
        }
    tasks = {item.task_id for item in items if item.kind == ItemKind.PROGRAMMING and item.task_id}
    solved: set[tuple[int, int]] = set()
    if tasks:
        solved = {
            (int(author), int(task))
            for author, task in await ProgramSubmission.filter(
                author_id__in=student_ids, task_id__in=tasks, verdict=Verdict.OK
            ).values_list("author_id", "task_id")
        }
    for student_id in student_ids:
        for item in items:
            if (item.kind == ItemKind.QUIZ and (student_id, item.test_id) in passed) or (
                item.kind == ItemKind.PROGRAMMING and (student_id, item.task_id) in solved
            ):
                done[student_id].add(item.id)
    return done


def _percent(completed: int, total: int) -> int:
    return completed * 100 // total if total else 0


def _card(course: CourseRef, items: Sequence[_Item], completed: set[int]) -> CourseCard:
    mine = [item for item in items if item.course_id == course.id]
    complete = [item for item in mine if item.id in completed]
    return CourseCard(
        course=course,
        items=len(mine),
        completed=len(complete),
        percent=_percent(len(complete), len(mine)),
        points=sum(item.points for item in complete),
        max_points=sum(item.points for item in mine),
    )


async def _open_courses(student_id: int) -> set[int]:
    groups = await Enrolment.filter(student_id=student_id, active_key__isnull=False).values_list(
        "group_id", flat=True
    )
    return set(
        _ints(
            await CourseOpening.filter(group_id__in=list(groups)).values_list(
                "course_id", flat=True
            )
        )
    )


async def my_courses(actor: Actor) -> list[CourseCard]:
    """The courses opened for the student's current groups, with their progress.

    Raises:
        NotFound: the actor is not a person (a system actor).
    """
    if actor.person_id is None:
        raise NotFound()
    course_ids = await _open_courses(actor.person_id)
    courses = await Course.filter(id__in=course_ids, organisation_id=actor.organisation_id)
    items = await _items_of(course.id for course in courses)
    completed = (await _completed([actor.person_id], items))[actor.person_id]
    cards = [_card(_ref(course), items, completed) for course in courses]
    return sorted(cards, key=lambda card: (card.course.name_ru, card.course.id))


async def _student_course(actor: Actor, course_id: int) -> tuple[int, Course]:
    """The student and the course, if it is open to them.

    Raises:
        NotFound: no such course here, or not opened for any of the student's groups.
    """
    check_id(course_id)
    if actor.person_id is None or course_id not in await _open_courses(actor.person_id):
        raise NotFound(_NO_COURSE)
    return actor.person_id, await _course_here(actor, course_id)


async def course_progress(actor: Actor, *, course_id: int) -> StudentCourse:
    """A student's view of an opened course: its content, each item's standing, progress,
    points and the certificate's code once issued.

    Raises:
        NotFound: no such course, or not opened for any of the student's groups.
    """
    student_id, course = await _student_course(actor, course_id)
    modules = await _content(course.id)
    items = await _items_of([course.id])
    completed = (await _completed([student_id], items))[student_id]
    works = {
        int(work.item_id): work  # type: ignore[attr-defined]
        for work in await ItemWork.filter(
            student_id=student_id, item_id__in=[item.id for item in items]
        )
    }

    def state(item: ItemView) -> ItemState:
        work = works.get(item.id)
        return ItemState(
            item=item,
            complete=item.id in completed,
            status=WorkStatus(work.status) if work else None,
            text=work.text if work else "",
            filename=work.filename if work else "",
            comment=work.comment if work else "",
            work_id=work.id if work else None,
        )

    code = await CourseCertificate.filter(person_id=student_id, course_id=course.id).first()
    return StudentCourse(
        card=_card(_ref(course), items, completed),
        modules=tuple(
            StudentModule(
                id=module.id,
                title=module.title,
                units=tuple(
                    StudentUnit(
                        id=unit.id, title=unit.title, items=tuple(state(i) for i in unit.items)
                    )
                    for unit in module.units
                ),
            )
            for module in modules
        ),
        certificate_code=code.code if code else None,
    )


async def student_points(person_ids: Iterable[int]) -> dict[int, int]:
    """Points each person earned across all courses: the points of every complete item of
    a course opened for a group they are or were enrolled in (0 for none).
    """
    ids = sorted(set(person_ids))
    points = dict.fromkeys(ids, 0)
    if not ids:
        return points
    enrolments = await Enrolment.filter(student_id__in=ids).values_list("student_id", "group_id")
    groups = {int(group) for _, group in enrolments}
    openings = await CourseOpening.filter(group_id__in=groups).values_list("group_id", "course_id")
    courses_of_group: dict[int, set[int]] = defaultdict(set)
    for group, course in openings:
        courses_of_group[int(group)].add(int(course))
    courses_of: dict[int, set[int]] = defaultdict(set)
    for student, group in enrolments:
        courses_of[int(student)] |= courses_of_group[int(group)]
    items = await _items_of(course for courses in courses_of.values() for course in courses)
    completed = await _completed(ids, items)
    for person_id in ids:
        points[person_id] = sum(
            item.points
            for item in items
            if item.course_id in courses_of[person_id] and item.id in completed[person_id]
        )
    return points


# --- a student's work ----------------------------------------------------------------------


async def _student_item(actor: Actor, item_id: int, kinds: frozenset[ItemKind]) -> CourseItem:
    check_id(item_id)
    row = (
        await CourseItem.filter(
            id=item_id, unit__module__course__organisation_id=actor.organisation_id
        )
        .first()
        .values("unit__module__course_id")
    )
    if row is None:
        raise NotFound(_NO_ITEM)
    _ = await _student_course(actor, int(row["unit__module__course_id"]))
    item = await CourseItem.get(id=item_id)
    if item.kind not in kinds:
        raise NotFound(_NO_ITEM)
    return item


async def _save_work(deps: Deps, student_id: int, item: CourseItem, **values: Any) -> None:
    async with transaction(deps) as tx:
        work = await ItemWork.select_for_update().get_or_none(
            item_id=item.id, student_id=student_id
        )
        if work is None:
            try:
                _ = await ItemWork.create(
                    item_id=item.id, student_id=student_id, submitted_at=tx.now, **values
                )
            except IntegrityError:
                raise Conflict(N_("This was just sent from another window.")) from None
            return
        if work.status in _COMPLETE_WORK:
            raise Conflict(N_("This item is complete already; it cannot be changed."))
        await ItemWork.filter(id=work.id).update(
            submitted_at=tx.now, reviewed_at=None, reviewed_by_id=None, **values
        )


async def mark_done(deps: Deps, actor: Actor, *, item_id: int) -> None:
    """Mark a text or a video as done (again: nothing changes).

    Raises:
        NotFound: no such text or video in a course open to the student.
    """
    item = await _student_item(actor, item_id, _MARKED_DONE)
    assert actor.person_id is not None
    if await ItemWork.exists(
        item_id=item.id, student_id=actor.person_id, status__in=_COMPLETE_WORK
    ):
        return
    await _save_work(deps, actor.person_id, item, status=WorkStatus.DONE)


async def submit_answer(deps: Deps, actor: Actor, *, item_id: int, text: str) -> None:
    """Send (or send again, after it was returned) an open answer for review.

    Raises:
        NotFound: no such open-answer item in a course open to the student.
        InvalidInput: the answer is empty or too long.
        Conflict: the answer is accepted already.
    """
    item = await _student_item(actor, item_id, frozenset({ItemKind.OPEN_ANSWER}))
    assert actor.person_id is not None
    answer = text.strip()
    if not answer:
        raise InvalidInput(N_("Write your answer first."), field="text")
    if len(answer) > ANSWER_MAX:
        raise InvalidInput(
            N_("The answer may be at most {limit} characters long."),
            field="text",
            limit=ANSWER_MAX,
        )
    await _save_work(deps, actor.person_id, item, status=WorkStatus.SUBMITTED, text=answer)


async def submit_file(deps: Deps, actor: Actor, *, item_id: int, upload: Upload) -> None:
    """Send (or replace, after it was returned) a file for review; it is checked and stored
    like homework files.

    Raises:
        NotFound: no such file-upload item in a course open to the student.
        InvalidInput: the file is empty, too large or of a type we do not accept.
        Conflict: the file is accepted already.
        OSError: the disk refused the file.
    """
    item = await _student_item(actor, item_id, frozenset({ItemKind.FILE_UPLOAD}))
    assert actor.person_id is not None
    content_type = files.sniff(
        upload.data, upload.filename, max_bytes=deps.settings.max_upload_bytes
    )
    key = await asyncio.to_thread(files.store, deps.settings, upload.data)
    await _save_work(
        deps,
        actor.person_id,
        item,
        status=WorkStatus.SUBMITTED,
        filename=files.safe_filename(upload.filename, content_type=content_type),
        content_type=content_type,
        size=len(upload.data),
        storage_key=key,
    )


# --- the teacher's table and review --------------------------------------------------------


async def _may_review(actor: Actor, course_id: int, student_id: int) -> bool:
    if actor.is_system:
        return True
    if not await has_permission(actor, Permission.COURSE_CONTENT_MANAGE):
        return False
    groups = await _taught_groups(actor, course_id)
    return await Enrolment.exists(
        group_id__in=groups, student_id=student_id, active_key__isnull=False
    )


async def group_progress(actor: Actor, *, group_id: int) -> GroupProgress:
    """The class journal of a group's online course: each current student × each item,
    their percent and points, and the answers and files waiting for review.

    Raises:
        NotFound: no such group here.
        PermissionDenied: the actor does not teach the group (without ``teaching.any``).
    """
    check_id(group_id)
    group = await Group.get_or_none(id=group_id, organisation_id=actor.organisation_id)
    if group is None:
        raise NotFound(N_("There is no such group."))
    await require_teaching_group(actor, group.id, Permission.COURSE_CONTENT_MANAGE)
    course = await Course.get(id=group.course_id)  # type: ignore[attr-defined]
    views = _flat_items(await _content(course.id))
    items = await _items_of([course.id])
    students = _ints(
        await Enrolment.filter(group_id=group.id, active_key__isnull=False).values_list(
            "student_id", flat=True
        )
    )
    names = await person_names(students)
    completed = await _completed(students, items)
    works = await ItemWork.filter(
        student_id__in=students, item_id__in=[item.id for item in items]
    ).order_by("submitted_at", "id")
    status: dict[tuple[int, int], WorkStatus] = {
        (w.student_id, w.item_id): WorkStatus(w.status)  # type: ignore[attr-defined]
        for w in works
    }

    def cell(student_id: int, item_id: int) -> str:
        if item_id in completed[student_id]:
            return CellMark.DONE
        work = status.get((student_id, item_id))
        if work == WorkStatus.SUBMITTED:
            return CellMark.WAITING
        if work == WorkStatus.RETURNED:
            return CellMark.RETURNED
        return CellMark.NOTHING

    ref = _ref(course)
    rows = []
    for student_id in sorted(students, key=lambda sid: (names.get(sid, ""), sid)):
        card = _card(ref, items, completed[student_id])
        rows.append(
            StudentProgressRow(
                student_id=student_id,
                name=names.get(student_id, ""),
                cells=tuple(cell(student_id, view.id) for view in views),
                percent=card.percent,
                points=card.points,
            )
        )
    titles = {view.id: (view.title, view.kind) for view in views}
    return GroupProgress(
        group_id=group.id,
        group_name=group.name,
        course=ref,
        opened=await CourseOpening.exists(course_id=course.id, group_id=group.id),
        items=tuple(views),
        rows=tuple(rows),
        to_review=tuple(
            WorkToReview(
                id=work.id,
                student_id=work.student_id,  # type: ignore[attr-defined]
                student=names.get(work.student_id, ""),  # type: ignore[attr-defined]
                item_id=work.item_id,  # type: ignore[attr-defined]
                item_title=titles[work.item_id][0],  # type: ignore[attr-defined]
                kind=titles[work.item_id][1],  # type: ignore[attr-defined]
                text=work.text,
                filename=work.filename,
                submitted_at=work.submitted_at,
            )
            for work in works
            if work.status == WorkStatus.SUBMITTED
        ),
    )


async def _work_here(actor: Actor, work_id: int) -> tuple[ItemWork, int]:
    check_id(work_id)
    row = (
        await ItemWork.filter(
            id=work_id, item__unit__module__course__organisation_id=actor.organisation_id
        )
        .first()
        .values("id", "item__unit__module__course_id")
    )
    if row is None:
        raise NotFound(N_("There is no such answer."))
    return await ItemWork.get(id=work_id), int(row["item__unit__module__course_id"])


async def review_work(
    deps: Deps, actor: Actor, *, work_id: int, accept: bool, comment: str = ""
) -> None:
    """Accept a student's answer or file (the item becomes complete), or return it with a
    comment saying what to fix; the student is told either way.

    Raises:
        NotFound: no such answer here, or the actor does not teach the student in a group of
            the course (existence never leaks).
        InvalidInput: returned without a comment, or a comment too long.
        Conflict: the answer was reviewed already.
    """
    work, course_id = await _work_here(actor, work_id)
    if not await _may_review(actor, course_id, work.student_id):  # type: ignore[attr-defined]
        raise NotFound(N_("There is no such answer."))
    note = comment.strip()
    if len(note) > COMMENT_MAX:
        raise InvalidInput(
            N_("The comment may be at most {limit} characters long."),
            field="comment",
            limit=COMMENT_MAX,
        )
    if not accept and not note:
        raise InvalidInput(N_("Say what to fix when you return an answer."), field="comment")
    async with transaction(deps) as tx:
        locked = await ItemWork.select_for_update().get(id=work.id)
        if locked.status != WorkStatus.SUBMITTED:
            raise Conflict(N_("This answer has been reviewed already."))
        status = WorkStatus.ACCEPTED if accept else WorkStatus.RETURNED
        await ItemWork.filter(id=work.id).update(
            status=status, comment=note, reviewed_at=tx.now, reviewed_by_id=actor.person_id
        )
        if accept:
            notice = ACCEPTED_WITH_COMMENT_NOTICE if note else ACCEPTED_NOTICE
        else:
            notice = RETURNED_NOTICE
        item = await CourseItem.get(id=locked.item_id)  # type: ignore[attr-defined]
        _ = await do_enqueue(
            tx,
            person_id=locked.student_id,  # type: ignore[attr-defined]
            message=notice,
            params={"item": item.title, "comment": note},
            organisation_id=actor.organisation_id,
        )
        await do_record(
            tx,
            actor,
            action="course.work_review",
            object_type="course_item_work",
            object_id=work.id,
            after={"status": status.value, "comment": note},
        )


async def work_file(deps: Deps, actor: Actor, *, work_id: int) -> FileDownload:
    """A file a student sent, for the student or a teacher who reviews them.

    Raises:
        NotFound: no such file, or not open to the actor.
    """
    work, course_id = await _work_here(actor, work_id)
    student_id = int(work.student_id)  # type: ignore[attr-defined]
    mine = actor.person_id == student_id
    if not work.storage_key or not (mine or await _may_review(actor, course_id, student_id)):
        raise NotFound(N_("There is no such answer."))
    path = files.open_path(deps.settings, work.storage_key)
    return FileDownload(path=str(path), filename=work.filename, content_type=work.content_type)


# --- certificates --------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """A code as typed (spaces, dashes, lower case) in the form it is stored in."""
    return "".join(char for char in raw.upper() if char.isalnum())[: CODE_LENGTH * 2]


async def _issue(deps: Deps, actor: Actor, student_id: int, course_id: int) -> CourseCertificate:
    existing = await CourseCertificate.get_or_none(person_id=student_id, course_id=course_id)
    if existing is not None:
        return existing
    try:
        async with transaction(deps) as tx:
            certificate = await CourseCertificate.create(
                code=_new_code(), person_id=student_id, course_id=course_id, issued_at=tx.now
            )
            await do_record(
                tx,
                actor,
                action="course.certificate_issue",
                object_type="course",
                object_id=course_id,
                after={"person_id": student_id, "code": certificate.code},
            )
    except IntegrityError:
        # Issued by a download in another window a moment ago: that one is the certificate.
        return await CourseCertificate.get(person_id=student_id, course_id=course_id)
    return certificate


async def download_certificate(
    deps: Deps, actor: Actor, *, course_id: int, language: str
) -> CertificateFile:
    """The student's certificate of the course as a PDF in ``language``; the first
    download issues it, later ones print the same certificate.

    Raises:
        NotFound: no such course, or not opened for any of the student's groups.
        Conflict: not every item of the course is complete yet.
    """
    progress = await course_progress(actor, course_id=course_id)
    assert actor.person_id is not None
    if not progress.finished and progress.certificate_code is None:
        raise Conflict(N_("The certificate is given once every item of the course is complete."))
    certificate = await _issue(deps, actor, actor.person_id, course_id)
    check = await verify_certificate(certificate.code, language=language)
    assert check is not None
    organisation = await Organisation.get(id=actor.organisation_id)
    data = certificate_pdf(
        Certificate(
            language=language,
            student=check.student,
            course=check.course.name(language),
            organisation=check.organisation,
            issued_at=local_time(check.issued_at, organisation.timezone),
            code=check.code,
            verify_url=f"{deps.settings.base_url}/certificates/{check.code}",
        )
    )
    return CertificateFile(filename=f"certificate-{check.code}.pdf", data=data)


async def verify_certificate(code: str, *, language: str = "ru") -> CertificateCheck | None:
    """Who was given the certificate with this code, for which course; None: no such code.
    Anyone may ask (the code is the secret); the organisation's name is in ``language``."""
    clean = normalise_code(code)
    if len(clean) != CODE_LENGTH:
        return None
    certificate = await CourseCertificate.get_or_none(code=clean).prefetch_related(
        "course", "person"
    )
    if certificate is None:
        return None
    names = await person_names([certificate.person.id])
    organisation = await Organisation.get(id=certificate.course.organisation_id)  # type: ignore[attr-defined]
    organisation_name = (
        getattr(organisation, f"name_{language}", "")
        or organisation.name_ru
        or organisation.name_kk
        or organisation.name_en
    )
    return CertificateCheck(
        code=certificate.code,
        student=names.get(certificate.person.id, ""),
        course=_ref(certificate.course),
        organisation=organisation_name,
        issued_at=certificate.issued_at,
    )
