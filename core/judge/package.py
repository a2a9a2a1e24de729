"""A judge task as plain frozen data: statements, limits, tests, checker and IOI groups.

Nothing here touches the database or runs programs. ``validate_package`` is the one place that
decides whether a task is usable; the Polygon reader and the upload form both go through it,
so a teacher sees the same sentences whichever way the task arrived.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from core.config import LANGUAGES
from core.errors import TaskRejected, ToFix
from core.i18n import N_

CheckerKind = Literal["tokens", "lines", "float", "unordered", "custom"]
CheckerLanguage = Literal["cpp", "python"]
PointsPolicy = Literal["complete_group", "each_test"]

MIN_TESTS = 3
MAX_TESTS = 1000
MIN_TIME_MS = 100
MAX_TIME_MS = 15_000
MIN_MEMORY_MB = 16
MAX_MEMORY_MB = 1024
CHECKER_LANGUAGES: tuple[CheckerLanguage, ...] = ("cpp", "python")

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Statement:
    """One language's statement; every part is Markdown (``$...$`` for formulas)."""

    title: str
    legend: str
    input: str
    output: str
    notes: str = ""


@dataclass(frozen=True)
class TestCase:
    """One test. ``group`` names a ``TestGroup``; ``points`` counts in an ``each_test`` group."""

    input: bytes
    answer: bytes
    sample: bool = False
    group: str | None = None
    points: int | None = None


@dataclass(frozen=True)
class CheckerSpec:
    """How an answer is checked.

    ``precision`` is the absolute-or-relative tolerance of the ``float`` checker. A ``custom``
    checker is a testlib program: its ``source`` in ``language``, compiled with ``testlib``
    (the ``testlib.h`` it was written against) when the package ships one.
    """

    kind: CheckerKind = "tokens"
    precision: float | None = None
    source: bytes | None = None
    language: CheckerLanguage | None = None
    testlib: bytes | None = None


@dataclass(frozen=True)
class TestGroup:
    """An IOI subtask. ``tests`` are 0-based indices into ``TaskPackage.tests``.

    A ``complete_group`` scores ``points`` only when every test passes; an ``each_test`` group
    scores the ``points`` of each passed test, and its ``points`` is their sum. A group counts
    only when the groups in ``dependencies`` are complete.
    """

    name: str
    points: int
    tests: tuple[int, ...]
    dependencies: tuple[str, ...] = ()
    policy: PointsPolicy = "complete_group"


@dataclass(frozen=True)
class TaskPackage:
    """A whole task. ``statements`` is keyed by language (``kk``, ``ru``, ``en``)."""

    name: str
    statements: Mapping[str, Statement]
    time_ms: int
    memory_mb: int
    tests: tuple[TestCase, ...]
    checker: CheckerSpec = field(default_factory=CheckerSpec)
    groups: tuple[TestGroup, ...] = ()


def normalise_text(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte order mark and with CRLF and CR line ends as LF.

    Applied to tests uploaded for the built-in checkers, so a test saved on Windows compares
    the same as one saved on Linux.
    """
    return data.removeprefix(UTF8_BOM).replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def validate_package(package: TaskPackage) -> None:
    """Accept ``package`` or refuse it with every problem found.

    Raises:
        TaskRejected: the task has too few tests, limits out of range, no statement, a checker
            that cannot run, or groups that do not add up; ``problems`` lists each one.
    """
    problems = package_problems(package)
    if problems:
        raise TaskRejected(problems)


def package_problems(package: TaskPackage) -> list[ToFix]:
    """Every reason ``package`` cannot be used, as sentences for the teacher (empty if none)."""
    return [
        *_general_problems(package),
        *_statement_problems(package.statements),
        *checker_problems(package.checker),
        *_group_problems(package),
    ]


def _general_problems(package: TaskPackage) -> list[ToFix]:
    problems: list[ToFix] = []
    if not package.name.strip():
        problems.append(ToFix(N_("The task needs a name.")))
    if not MIN_TIME_MS <= package.time_ms <= MAX_TIME_MS:
        problems.append(
            ToFix(
                N_("The time limit must be from {low} to {high} ms; this one is {value} ms."),
                {"low": MIN_TIME_MS, "high": MAX_TIME_MS, "value": package.time_ms},
            )
        )
    if not MIN_MEMORY_MB <= package.memory_mb <= MAX_MEMORY_MB:
        problems.append(
            ToFix(
                N_("The memory limit must be from {low} to {high} MB; this one is {value} MB."),
                {"low": MIN_MEMORY_MB, "high": MAX_MEMORY_MB, "value": package.memory_mb},
            )
        )
    count = len(package.tests)
    if count < MIN_TESTS:
        problems.append(
            ToFix(N_("A task needs at least 3 tests; this one has {count}."), {"count": count})
        )
    if count > MAX_TESTS:
        problems.append(
            ToFix(
                N_("A task may have at most {limit} tests; this one has {count}."),
                {"limit": MAX_TESTS, "count": count},
            )
        )
    return problems


def _statement_problems(statements: Mapping[str, Statement]) -> list[ToFix]:
    problems = [
        ToFix(
            N_("Statements are written in Kazakh, Russian or English; {language} is not one."),
            {"language": language},
        )
        for language in statements
        if language not in LANGUAGES
    ]
    usable = [
        statement
        for language, statement in statements.items()
        if language in LANGUAGES and statement.title.strip() and statement.legend.strip()
    ]
    if not usable:
        problems.append(
            ToFix(
                N_(
                    "The task needs a statement with a title and a legend in Kazakh, Russian "
                    "or English."
                )
            )
        )
    return problems


def checker_problems(checker: CheckerSpec) -> list[ToFix]:
    """Why ``checker`` cannot check answers (empty when it can)."""
    problems: list[ToFix] = []
    if checker.kind == "float":
        if checker.precision is None:
            problems.append(ToFix(N_("A checker that compares numbers needs a precision.")))
        elif not 0 < checker.precision < 1:
            problems.append(
                ToFix(
                    N_("The precision must be above 0 and below 1; this one is {value}."),
                    {"value": checker.precision},
                )
            )
    if checker.kind == "custom":
        if not checker.source:
            problems.append(ToFix(N_("A custom checker needs its source code.")))
        if checker.language not in CHECKER_LANGUAGES:
            problems.append(ToFix(N_("A custom checker must be written in C++ or Python.")))
    return problems


def _group_problems(package: TaskPackage) -> list[ToFix]:
    problems: list[ToFix] = []
    groups = {group.name: group for group in package.groups}
    for number, test in enumerate(package.tests, start=1):
        if test.group is not None and test.group not in groups:
            problems.append(
                ToFix(
                    N_("Test {number} belongs to group {group}, which is not described."),
                    {"number": number, "group": test.group},
                )
            )
        if test.points is not None and test.points < 0:
            problems.append(ToFix(N_("Test {number} has negative points."), {"number": number}))
    for group in package.groups:
        problems.extend(_one_group_problems(group, package, groups))
    cycle = _dependency_cycle(groups)
    if cycle:
        problems.append(
            ToFix(
                N_("Groups depend on each other in a circle: {groups}."),
                {"groups": " → ".join(cycle)},
            )
        )
    return problems


def _one_group_problems(
    group: TestGroup, package: TaskPackage, groups: Mapping[str, TestGroup]
) -> list[ToFix]:
    problems: list[ToFix] = []
    members = tuple(index for index, test in enumerate(package.tests) if test.group == group.name)
    if group.tests != members:
        problems.append(
            ToFix(
                N_("Group {group} lists tests {listed}, but its tests are {actual}."),
                {
                    "group": group.name,
                    "listed": _numbers(group.tests),
                    "actual": _numbers(members),
                },
            )
        )
    if group.points < 0:
        problems.append(ToFix(N_("Group {group} has negative points."), {"group": group.name}))
    if group.policy == "each_test":
        total = sum(package.tests[index].points or 0 for index in members)
        if total != group.points:
            problems.append(
                ToFix(
                    N_("Group {group} is worth {points} points, but its tests add up to {total}."),
                    {"group": group.name, "points": group.points, "total": total},
                )
            )
    problems.extend(
        ToFix(
            N_("Group {group} depends on group {dependency}, which is not described."),
            {"group": group.name, "dependency": dependency},
        )
        for dependency in group.dependencies
        if dependency not in groups
    )
    return problems


def _numbers(indices: tuple[int, ...]) -> str:
    return ", ".join(str(index + 1) for index in indices) or "—"


def _dependency_cycle(groups: Mapping[str, TestGroup]) -> list[str]:
    """One circle of group dependencies (first name repeated at the end), or []."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = "open"
        path.append(name)
        for dependency in groups[name].dependencies:
            if dependency not in groups:
                continue
            if state.get(dependency) == "open":
                return [*path[path.index(dependency) :], dependency]
            if dependency not in state:
                found = visit(dependency)
                if found:
                    return found
        state[name] = "done"
        path.pop()
        return []

    for name in groups:
        if name not in state:
            found = visit(name)
            if found:
                return found
    return []
