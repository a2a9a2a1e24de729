"""Judging one submission: compile it, run it on the task's tests in the sandbox, check each
output, and sum it up as one verdict.

Every compile and run goes through ``core.judge.languages`` into ``core.judge.sandbox``;
there is no other way to execute anything here. A sandbox that cannot start is a judge
error with its reason for the operator, never a verdict about the student's code.

The first failing test decides the verdict (its number is reported, 1-based). For practice
judging stops there; for an olympiad (``all_tests``) every test runs, so IOI subtasks can
score what passed.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.judge.checkers import CheckerFailure, CheckResult, check
from core.judge.custom_checkers import compile_checker, run_custom_checker
from core.judge.languages import (
    LANGUAGES,
    Compiled,
    CompileError,
    InvalidSource,
    Language,
    compile_source,
    run_compiled,
)
from core.judge.package import TaskPackage, TestCase
from core.judge.sandbox import Limits, RunOutcome, SandboxUnavailable

log = logging.getLogger(__name__)

#: What a run's outcome means for the verdict, when it did not end normally.
_RUN_VERDICTS = {
    "runtime_error": "runtime_error",
    "time_limit": "time_limit",
    "memory_limit": "memory_limit",
    "output_limit": "output_limit",
}
#: Largest output a program may print on one test.
OUTPUT_LIMIT = 64 * 1024 * 1024


@dataclass
class JudgeReport:
    verdict: str
    failed_test: int | None = None
    score: int | None = None
    subtask_scores: dict[str, int] = field(default_factory=dict)
    time_ms: int = 0
    memory_kb: int = 0
    results: list[dict[str, Any]] = field(default_factory=list)
    compile_log: str = ""
    judge_message: str = ""


def _subtask_scores(package: TaskPackage, passed: Sequence[bool]) -> dict[str, int]:
    """Each subtask's points: all of them when every test of a ``complete_group`` ran and
    passed, the passed tests' own points for an ``each_test`` group — and nothing for a
    group whose ``dependencies`` are not complete."""

    def ok(index: int) -> bool:
        return index < len(passed) and passed[index]

    complete = {group.name: all(ok(index) for index in group.tests) for group in package.groups}
    scores: dict[str, int] = {}
    for group in package.groups:
        if not all(complete.get(name, False) for name in group.dependencies):
            scores[group.name] = 0
        elif group.policy == "each_test":
            scores[group.name] = sum(
                package.tests[index].points or 0 for index in group.tests if ok(index)
            )
        else:
            scores[group.name] = group.points if complete[group.name] else 0
    return scores


def _score(package: TaskPackage, passed: Sequence[bool]) -> int:
    """IOI points: the subtasks' points, else each passed test's own points, else 100
    shared evenly by the tests."""
    if package.groups:
        return sum(_subtask_scores(package, passed).values())
    if any(test.points is not None for test in package.tests):
        return sum(test.points or 0 for test, ok in zip(package.tests, passed, strict=False) if ok)
    total = len(package.tests)
    return 100 * sum(passed) // total if total else 0


async def _verdict_of(
    package: TaskPackage,
    test: TestCase,
    outcome: RunOutcome,
    checker: Compiled | None,
    workdir: Path,
) -> CheckResult | CheckerFailure | str:
    if outcome.status != "ok":
        return _RUN_VERDICTS[outcome.status]
    if checker is not None:
        return await run_custom_checker(
            checker, input=test.input, output=outcome.stdout, answer=test.answer, workdir=workdir
        )
    return check(package.checker, input=test.input, output=outcome.stdout, answer=test.answer)


async def judge(
    package: TaskPackage, *, language: str, source: bytes, all_tests: bool, cache_dir: Path
) -> JudgeReport:
    """Judge ``source`` in ``language`` on every test of ``package``.

    Never raises for anything the submission or the task does: a compile error, a crashing
    program, a checker that fails or loops and a sandbox that cannot start all end as a
    report (the last two as ``judge_error`` with ``judge_message`` for the operator).
    ``cache_dir`` holds the prepared toolchains (``prepare_toolchains``).
    """
    try:
        with tempfile.TemporaryDirectory(prefix="sabaq-judge-") as scratch:
            # The judge's uid must reach the boxes inside; only we may list them.
            os.chmod(scratch, 0o711)
            return await _judge(
                package,
                language=LANGUAGES[language],
                source=source,
                all_tests=all_tests,
                workdir=Path(scratch),
                cache_dir=cache_dir,
            )
    except SandboxUnavailable as error:
        log.error("judge refused to run: %s", error)
        return JudgeReport(verdict="judge_error", judge_message=str(error))


async def _judge(
    package: TaskPackage,
    *,
    language: Language,
    source: bytes,
    all_tests: bool,
    workdir: Path,
    cache_dir: Path,
) -> JudgeReport:
    try:
        compiled = await compile_source(language, source, workdir=workdir, cache_dir=cache_dir)
    except InvalidSource as error:
        return JudgeReport(verdict="compile_error", compile_log=str(error))
    if isinstance(compiled, CompileError):
        return JudgeReport(verdict="compile_error", compile_log=compiled.log)
    checker: Compiled | None = None
    spec = package.checker
    if spec.kind == "custom":
        built = await compile_checker(spec, workdir=workdir, cache_dir=cache_dir)
        if isinstance(built, CompileError):
            return JudgeReport(
                verdict="judge_error", judge_message="the task's checker does not compile"
            )
        checker = built
    limits = Limits(
        time_ms=package.time_ms, memory_mb=package.memory_mb, output_bytes=OUTPUT_LIMIT
    )
    report = JudgeReport(verdict="ok")
    passed: list[bool] = []
    for number, test in enumerate(package.tests, start=1):
        outcome = await run_compiled(compiled, stdin=test.input, limits=limits)
        verdict = await _verdict_of(package, test, outcome, checker, workdir)
        report.time_ms = max(report.time_ms, outcome.cpu_ms)
        report.memory_kb = max(report.memory_kb, outcome.memory_kb)
        if isinstance(verdict, CheckerFailure):
            report.results.append({"verdict": "judge_error", "time_ms": outcome.cpu_ms})
            return JudgeReport(
                verdict="judge_error",
                failed_test=number,
                results=report.results,
                judge_message=verdict.message,
            )
        name = verdict if isinstance(verdict, str) else verdict.verdict
        report.results.append(
            {"verdict": name, "time_ms": outcome.cpu_ms, "memory_kb": outcome.memory_kb}
        )
        passed.append(name == "ok")
        if name != "ok" and report.verdict == "ok":
            report.verdict = name
            report.failed_test = number
            if not all_tests:
                break
    if all_tests:
        report.score = _score(package, passed)
        report.subtask_scores = _subtask_scores(package, passed) if package.groups else {}
    return report
