"""A task's own checker (testlib's protocol), compiled and run in the sandbox like any
submission: it is code a teacher or an imported package brought, so it is just as
untrusted.

Each run gets a fresh box holding a copy of the compiled checker and the three files
(``checker input output answer``), mounted read-only. Whatever the checker does wrong —
crash, loop, exit 3 or an unknown code, go over a limit — is a ``CheckerFailure``: a judge
error, never an accepted answer.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from core.judge.checkers import (
    CHECKER_ANSWER,
    CHECKER_INPUT,
    CHECKER_OUTPUT,
    CheckerFailure,
    CheckResult,
    checker_argv,
    interpret_checker_exit,
)
from core.judge.languages import LANGUAGES, Compiled, CompileError, compile_source
from core.judge.package import CheckerSpec
from core.judge.sandbox import (
    Limits,
    SandboxSettings,
    make_box,
    remove_box,
    run_in_sandbox,
)

#: What a checker run may use: more than a solution (it reads three files), but bounded.
CHECKER_LIMITS = Limits(time_ms=5_000, memory_mb=512, output_bytes=1024 * 1024)
_COMPILE_LIMITS = Limits(
    time_ms=30_000, memory_mb=1024, output_bytes=10 * 1024 * 1024, processes=16, wall_ms=60_000
)
_TESTLIB = "testlib.h"
_SOURCE = "check.cpp"


def _write(path: Path, data: bytes, mode: int = 0o644) -> None:
    # The box is fresh and ours: O_EXCL and O_NOFOLLOW state that nothing can be there yet.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


async def compile_checker(
    spec: CheckerSpec, *, workdir: Path, cache_dir: Path, settings: SandboxSettings | None = None
) -> Compiled | CompileError:
    """Compile a custom checker: Python as a submission is, C++ with the package's
    ``testlib.h`` beside it.

    Raises:
        SandboxUnavailable: the sandbox cannot be set up.
    """
    source = spec.source or b""
    if spec.language == "python":
        return await compile_source(
            LANGUAGES["python"], source, workdir=workdir, cache_dir=cache_dir, settings=settings
        )
    settings = replace(settings or SandboxSettings(), boxes_dir=workdir)
    box = make_box(settings)
    try:
        _write(box / _SOURCE, source)
        if spec.testlib:
            _write(box / _TESTLIB, spec.testlib)
        outcome = await run_in_sandbox(
            ["/usr/bin/g++", "-std=gnu++17", "-O2", "-pipe", "-I/box", "-o", "main", _SOURCE],
            box=box,
            stdin=b"",
            limits=_COMPILE_LIMITS,
            profile="compiler",
            writable_box=True,
            settings=settings,
        )
    except BaseException:
        remove_box(box)
        raise
    if outcome.status == "ok" and (box / "main").is_file() and not (box / "main").is_symlink():
        return Compiled(language=LANGUAGES["cpp"], box=box, settings=settings)
    remove_box(box)
    return CompileError(log=(outcome.stdout + outcome.stderr).decode(errors="replace")[:4000])


async def run_custom_checker(
    checker: Compiled, *, input: bytes, output: bytes, answer: bytes, workdir: Path
) -> CheckResult | CheckerFailure:
    """The checker's verdict on one test.

    Raises:
        SandboxUnavailable: the sandbox cannot be set up.
    """
    language = checker.language
    settings = replace(checker.settings, boxes_dir=workdir)
    box = make_box(settings)
    try:
        _write(box / language.artifact, (checker.box / language.artifact).read_bytes(), 0o755)
        _write(box / CHECKER_INPUT, input)
        _write(box / CHECKER_OUTPUT, output)
        _write(box / CHECKER_ANSWER, answer)
        outcome = await run_in_sandbox(
            checker_argv(language.run_argv),
            box=box,
            stdin=b"",
            limits=CHECKER_LIMITS,
            profile=language.run_profile,
            writable_box=False,
            settings=settings,
        )
    finally:
        remove_box(box)
    if outcome.status in {"memory_limit", "output_limit"}:
        return CheckerFailure(f"judge error: the checker went over its limits ({outcome.status})")
    return interpret_checker_exit(
        None if outcome.signal is not None else outcome.exit_code,
        outcome.status == "time_limit",
        outcome.stderr,
    )
