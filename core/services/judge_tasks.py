"""Programming tasks (issue 10): a statement in up to three languages, time and memory
limits, a checker and at least three tests, written in the panel or imported from a Polygon
package, and exported back to one.

- **Writing** (``judge.tasks.manage``): every change arrives as a whole
  ``core.judge.package.TaskPackage``; ``validate_package`` names everything to fix before
  anything is written, so a task never has fewer than ``MIN_TESTS`` tests. Tests for the
  built-in checkers are stored normalised (BOM dropped, CRLF → LF). ``version`` grows with
  every change, and a form for an older version is refused instead of overwriting.
- **Reading**: writers see everything; a student sees a published task of their
  organisation (or of one above it) with its statement and only the sample tests.
- **Audit**: ``judge.task_create``, ``judge.task_update``, ``judge.task_publish``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from tortoise.functions import Count

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, NotFound
from core.i18n import N_
from core.judge.package import (
    CheckerSpec,
    Statement,
    TaskPackage,
    TestCase,
    TestGroup,
    normalise_text,
    validate_package,
)
from core.models.judge import CheckerKind, ProgrammingTask, TaskTest
from core.permissions import Permission, has_permission, require
from core.services.audit import do_record
from core.services.lessons import check_id
from core.services.orgs import is_within, organisations_above
from core.tx import Tx, transaction

STATEMENT_LANGUAGES = ("kk", "ru", "en")
_STALE = N_("Someone changed this task after you opened it. Open it again and redo your change.")


@dataclass(frozen=True)
class TaskRow:
    id: int
    name: str
    titles: dict[str, str]
    time_ms: int
    memory_mb: int
    tests: int
    published: bool
    updated_at: datetime


@dataclass(frozen=True)
class SampleTest:
    number: int
    input: str
    answer: str


@dataclass(frozen=True)
class TaskView:
    """What a reader may see of a task: writers get the whole package, students
    ``package=None`` and the samples only."""

    id: int
    organisation_id: int
    name: str
    statements: dict[str, Statement]
    time_ms: int
    memory_mb: int
    checker: str
    tests: int
    samples: tuple[SampleTest, ...]
    published: bool
    version: int
    can_edit: bool
    package: TaskPackage | None


def _statements_data(package: TaskPackage) -> dict[str, Any]:
    return {
        language: {
            "title": statement.title,
            "legend": statement.legend,
            "input": statement.input,
            "output": statement.output,
            "notes": statement.notes,
        }
        for language, statement in package.statements.items()
    }


def _statements(task: ProgrammingTask) -> dict[str, Statement]:
    return {
        language: Statement(
            title=str(data.get("title", "")),
            legend=str(data.get("legend", "")),
            input=str(data.get("input", "")),
            output=str(data.get("output", "")),
            notes=str(data.get("notes", "")),
        )
        for language, data in task.statements.items()
    }


def _as_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _prepared(package: TaskPackage) -> TaskPackage:
    """``package`` validated, with its tests normalised for a built-in checker.

    Raises:
        TaskRejected: something in the package must be fixed.
    """
    validate_package(package)
    if package.checker.kind == "custom":
        return package
    tests = tuple(
        TestCase(
            input=normalise_text(test.input),
            answer=normalise_text(test.answer),
            sample=test.sample,
            group=test.group,
            points=test.points,
        )
        for test in package.tests
    )
    return TaskPackage(
        name=package.name,
        statements=package.statements,
        time_ms=package.time_ms,
        memory_mb=package.memory_mb,
        tests=tests,
        checker=package.checker,
        groups=package.groups,
    )


def _fields(package: TaskPackage) -> dict[str, Any]:
    checker = package.checker
    return {
        "name": package.name,
        "statements": _statements_data(package),
        "time_ms": package.time_ms,
        "memory_mb": package.memory_mb,
        "checker": CheckerKind(checker.kind),
        "precision": checker.precision,
        "checker_source": _as_text(checker.source or b""),
        "checker_language": checker.language or "",
        "checker_testlib": _as_text(checker.testlib or b""),
        "groups": [
            {
                "name": group.name,
                "points": group.points,
                "tests": list(group.tests),
                "dependencies": list(group.dependencies),
                "policy": group.policy,
            }
            for group in package.groups
        ],
    }


async def _write_tests(tx: Tx, task: ProgrammingTask, package: TaskPackage) -> None:
    await TaskTest.filter(task_id=task.id).delete()
    await TaskTest.bulk_create(
        [
            TaskTest(
                task_id=task.id,
                position=number,
                input=test.input,
                answer=test.answer,
                sample=test.sample,
                group=test.group or "",
                points=test.points,
            )
            for number, test in enumerate(package.tests, start=1)
        ],
    )


async def create_task(
    deps: Deps, actor: Actor, *, package: TaskPackage, published: bool = False
) -> int:
    """Store a new task of the actor's organisation; returns its id.

    Raises:
        PermissionDenied: the actor may not write tasks.
        TaskRejected: the package has things to fix (each named); nothing is written.
    """
    await require(actor, Permission.JUDGE_TASKS_MANAGE)
    package = _prepared(package)
    now = deps.clock.now()
    async with transaction(deps) as tx:
        task = await ProgrammingTask.create(
            organisation_id=actor.organisation_id,
            published=published,
            created_by_id=actor.person_id,
            created_at=now,
            updated_at=now,
            **_fields(package),
        )
        await _write_tests(tx, task, package)
        await do_record(
            tx,
            actor,
            action="judge.task_create",
            object_type="programming_task",
            object_id=task.id,
            after={"name": task.name, "tests": len(package.tests)},
        )
    return task.id


async def update_task(
    deps: Deps, actor: Actor, *, task_id: int, package: TaskPackage, version: int
) -> None:
    """Replace a task's statement, limits, checker and tests with ``package``.

    Raises:
        NotFound: no such task here, or the actor may not write tasks.
        Conflict: the task changed since ``version`` was read.
        TaskRejected: the package has things to fix; nothing is written.
    """
    _ = await _writable(actor, task_id)
    package = _prepared(package)
    async with transaction(deps) as tx:
        updated = await ProgrammingTask.filter(id=task_id, version=version).update(
            version=version + 1, updated_at=deps.clock.now(), **_fields(package)
        )
        if not updated:
            raise Conflict(_STALE)
        task = await ProgrammingTask.get(id=task_id)
        await _write_tests(tx, task, package)
        await do_record(
            tx,
            actor,
            action="judge.task_update",
            object_type="programming_task",
            object_id=task_id,
            after={"name": package.name, "tests": len(package.tests), "version": version + 1},
        )


async def set_published(deps: Deps, actor: Actor, *, task_id: int, published: bool) -> None:
    """Open the task to the organisation's students, or close it again.

    Raises:
        NotFound: no such task here, or the actor may not write tasks.
    """
    _ = await _writable(actor, task_id)
    async with transaction(deps) as tx:
        await ProgrammingTask.filter(id=task_id).update(
            published=published, updated_at=deps.clock.now()
        )
        await do_record(
            tx,
            actor,
            action="judge.task_publish",
            object_type="programming_task",
            object_id=task_id,
            after={"published": published},
        )


async def _writable(actor: Actor, task_id: int) -> ProgrammingTask:
    check_id(task_id)
    if not await has_permission(actor, Permission.JUDGE_TASKS_MANAGE):
        raise NotFound()
    task = await ProgrammingTask.get_or_none(id=task_id, organisation_id=actor.organisation_id)
    if task is None:
        raise NotFound()
    return task


async def access_task(actor: Actor, task_id: int) -> tuple[ProgrammingTask, bool]:
    """The task and whether the actor may edit it.

    A writer reads the tasks of their organisation; anyone else a published task of their
    organisation or of one above it.

    Raises:
        NotFound: no such task, or the actor may not read it.
    """
    check_id(task_id)
    task = await ProgrammingTask.get_or_none(id=task_id)
    if task is None:
        raise NotFound()
    if task.organisation_id == actor.organisation_id and await has_permission(
        actor, Permission.JUDGE_TASKS_MANAGE
    ):
        return task, True
    if task.published and await is_within(actor.organisation_id, task.organisation_id):
        return task, False
    raise NotFound()


async def load_package(task: ProgrammingTask) -> TaskPackage:
    """The whole task as a package, tests included (for the judge and the export)."""
    tests = await TaskTest.filter(task_id=task.id).order_by("position")
    return TaskPackage(
        name=task.name,
        statements=_statements(task),
        time_ms=task.time_ms,
        memory_mb=task.memory_mb,
        tests=tuple(
            TestCase(
                input=bytes(test.input),
                answer=bytes(test.answer),
                sample=test.sample,
                group=test.group or None,
                points=test.points,
            )
            for test in tests
        ),
        checker=CheckerSpec(
            kind=task.checker.value,
            precision=task.precision,
            source=task.checker_source.encode() if task.checker_source else None,
            language="python" if task.checker_language == "python" else "cpp",
            testlib=task.checker_testlib.encode() if task.checker_testlib else None,
        ),
        groups=tuple(
            TestGroup(
                name=str(group["name"]),
                points=int(group["points"]),
                tests=tuple(int(index) for index in group["tests"]),
                dependencies=tuple(str(name) for name in group.get("dependencies", ())),
                policy=group.get("policy", "complete_group"),
            )
            for group in task.groups
        ),
    )


async def task_view(actor: Actor, task_id: int) -> TaskView:
    """The task as the actor may see it: whole for its writers, else the reader's view.

    Raises:
        NotFound: no such task, or the actor may not read it.
    """
    task, can_edit = await access_task(actor, task_id)
    if not can_edit:
        return await reader_view(task)
    package = await load_package(task)
    samples = tuple(
        SampleTest(number=number, input=_as_text(test.input), answer=_as_text(test.answer))
        for number, test in enumerate(package.tests, start=1)
        if test.sample
    )
    return replace(
        await reader_view(task, samples=samples, tests=len(package.tests)),
        can_edit=True,
        package=package,
    )


async def reader_view(
    task: ProgrammingTask,
    *,
    samples: tuple[SampleTest, ...] | None = None,
    tests: int | None = None,
) -> TaskView:
    """What a solver sees of a task the caller has let them read: the statement, the limits
    and the sample tests — only those are read (the hidden ones may be megabytes, and every
    student opens every task)."""
    if samples is None:
        rows = await TaskTest.filter(task_id=task.id, sample=True).order_by("position")
        samples = tuple(
            SampleTest(
                number=row.position,
                input=_as_text(bytes(row.input)),
                answer=_as_text(bytes(row.answer)),
            )
            for row in rows
        )
    return TaskView(
        id=task.id,
        organisation_id=task.organisation_id,
        name=task.name,
        statements=_statements(task),
        time_ms=task.time_ms,
        memory_mb=task.memory_mb,
        checker=task.checker.value,
        tests=tests if tests is not None else await TaskTest.filter(task_id=task.id).count(),
        samples=samples,
        published=task.published,
        version=task.version,
        can_edit=False,
        package=None,
    )


async def list_tasks(actor: Actor) -> list[TaskRow]:
    """Tasks the actor may open: all of their organisation's for a writer, else the published
    ones of their organisation and those above it; newest change first."""
    query = ProgrammingTask.all()
    if await has_permission(actor, Permission.JUDGE_TASKS_MANAGE):
        query = query.filter(organisation_id=actor.organisation_id)
    else:
        organisation_ids = await organisations_above(actor.organisation_id)
        query = query.filter(organisation_id__in=organisation_ids, published=True)
    tasks = await query.annotate(test_count=Count("tests")).order_by("-updated_at", "-id")
    return [
        TaskRow(
            id=task.id,
            name=task.name,
            titles={
                language: str(data.get("title", "")) for language, data in task.statements.items()
            },
            time_ms=task.time_ms,
            memory_mb=task.memory_mb,
            tests=task.test_count,  # type: ignore[attr-defined]  # the annotation above
            published=task.published,
            updated_at=task.updated_at,
        )
        for task in tasks
    ]


def title_in(statements: dict[str, Statement], language: str, fallback: str) -> str:
    """The statement's title in ``language``, else in any language it has, else
    ``fallback`` (the task's name)."""
    titles = {candidate: statement.title for candidate, statement in statements.items()}
    return pick_title(titles, language, fallback)


def pick_title(titles: Mapping[str, str], language: str, fallback: str) -> str:
    """The title in ``language`` from ``titles`` (a ``TaskRow``'s), else one in another
    statement language, else ``fallback`` (the task's name)."""
    for candidate in (language, *STATEMENT_LANGUAGES):
        title = titles.get(candidate)
        if title:
            return title
    return fallback
