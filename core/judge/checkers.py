"""Checkers: the built-in comparisons, and how a custom testlib checker's exit is read.

Built-in checkers work on bytes, so output that is not UTF-8 is compared byte for byte and
never crashes the judge. Each walks both texts once, lazily, so a 64 MB output costs linear
time and little extra memory. Messages are short English notes for the teacher.

``unordered`` compares the multiset of lines (each with trailing whitespace dropped, trailing
empty lines ignored): "print these items in any order" tasks put one item per line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Decimal, InvalidOperation, localcontext
from itertools import zip_longest
from typing import Literal

from core.judge.package import CheckerSpec, normalise_text

Verdict = Literal["ok", "wrong_answer", "presentation_error"]

# Names of the three files a custom checker gets, inside the sandbox's working directory.
CHECKER_INPUT = "input.txt"
CHECKER_OUTPUT = "output.txt"
CHECKER_ANSWER = "answer.txt"

# testlib exit codes (testlib.h ``_ok``, ``_wa``, ``_pe``, ``_fail``, ``_points``).
EXIT_OK = 0
EXIT_WRONG_ANSWER = 1
EXIT_PRESENTATION_ERROR = 2
EXIT_FAIL = 3
EXIT_POINTS = 7

_SHOWN = 40
_TOKEN = re.compile(rb"[^ \t\n\r\f\v]+")
# Decimal() alone would also take "1_000" and " 5 "; a checker must not.
_NUMBER = re.compile(
    rb"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,6})?|[+-]?(?:nan|inf|infinity)", re.IGNORECASE
)
# Enough digits that subtracting two 64-bit doubles' decimal forms is exact.
_DECIMAL_DIGITS = 120


@dataclass(frozen=True)
class CheckResult:
    """A checker's verdict on one test; ``points`` only from a testlib ``quitp`` checker."""

    verdict: Verdict
    message: str = ""
    points: float | None = None


@dataclass(frozen=True)
class CheckerFailure:
    """The checker itself failed (crashed, looped, exit code 3 or unknown): a judge error,
    never an accepted answer."""

    message: str


def check(spec: CheckerSpec, *, input: bytes, output: bytes, answer: bytes) -> CheckResult:
    """Compare a program's ``output`` with the jury ``answer`` by the built-in ``spec.kind``.

    Raises:
        ValueError: ``spec`` is a custom checker (run it in the sandbox and read its exit with
            ``interpret_checker_exit``) or a float checker without precision.
    """
    del input  # the built-in comparisons do not depend on the test; custom checkers do
    output, answer = normalise_text(output), normalise_text(answer)
    if spec.kind == "tokens":
        return _compare_tokens(output, answer)
    if spec.kind == "lines":
        return _compare_lines(output, answer)
    if spec.kind == "float":
        if spec.precision is None:
            raise ValueError("a float checker needs a precision")
        return _compare_floats(output, answer, spec.precision)
    if spec.kind == "unordered":
        return _compare_unordered(output, answer)
    raise ValueError("a custom checker runs in the sandbox, not in check()")


def _shown(token: bytes | None) -> str:
    if token is None:
        return "end of output"
    text = token[:_SHOWN].decode("utf-8", errors="replace")
    return text + "…" if len(token) > _SHOWN else text


def _tokens(data: bytes) -> Iterator[bytes]:
    return (match.group() for match in _TOKEN.finditer(data))


def _lines(data: bytes) -> Iterator[bytes]:
    """Lines without trailing whitespace; trailing empty lines are not yielded."""
    data = data.rstrip()
    if not data:
        return
    start = 0
    while True:
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:].rstrip()
            return
        yield data[start:end].rstrip()
        start = end + 1


def _compare_tokens(output: bytes, answer: bytes) -> CheckResult:
    if output == answer:
        return CheckResult("ok")
    count = 0
    for count, (found, expected) in enumerate(
        zip_longest(_tokens(output), _tokens(answer)), start=1
    ):
        if found != expected:
            return CheckResult(
                "wrong_answer",
                f"expected {_shown(expected)}, found {_shown(found)} at token {count}",
            )
    return CheckResult("ok", f"{count} tokens")


def _compare_lines(output: bytes, answer: bytes) -> CheckResult:
    if output == answer:
        return CheckResult("ok")
    count = 0
    for count, (found, expected) in enumerate(
        zip_longest(_lines(output), _lines(answer)), start=1
    ):
        if found != expected:
            verdict: Verdict = (
                "presentation_error"
                if _compare_tokens(output, answer).verdict == "ok"
                else "wrong_answer"
            )
            return CheckResult(
                verdict, f"expected {_shown(expected)}, found {_shown(found)} at line {count}"
            )
    return CheckResult("ok", f"{count} lines")


def _number(token: bytes) -> Decimal | None:
    if not _NUMBER.fullmatch(token):
        return None
    try:
        return Decimal(token.decode("ascii"))
    except InvalidOperation:
        return None


def _close(found: Decimal, expected: Decimal, precision: Decimal) -> bool:
    if expected.is_nan() or found.is_nan():
        return expected.is_nan() and found.is_nan()
    if expected.is_infinite() or found.is_infinite():
        return expected == found
    error = abs(found - expected)
    return error <= precision or error <= precision * abs(expected)


def _compare_floats(output: bytes, answer: bytes, precision: float) -> CheckResult:
    # repr() is the shortest text of the float, so 1e-6 is exactly one millionth here.
    tolerance = Decimal(repr(precision))
    count = 0
    with localcontext() as context:
        context.prec = _DECIMAL_DIGITS
        # A jury answer of 1e900000 must compare, not overflow the default context.
        context.Emax, context.Emin = MAX_EMAX, MIN_EMIN
        for count, (found, expected) in enumerate(
            zip_longest(_tokens(output), _tokens(answer)), start=1
        ):
            if found == expected:
                continue
            problem = _float_mismatch(found, expected, tolerance)
            if problem:
                return CheckResult("wrong_answer", f"{problem} at token {count}")
    return CheckResult("ok", f"{count} tokens")


def _float_mismatch(found: bytes | None, expected: bytes | None, tolerance: Decimal) -> str:
    """Why ``found`` does not match ``expected`` ("" when it does, within ``tolerance``)."""
    wanted = None if expected is None else _number(expected)
    if wanted is None or found is None:
        return f"expected {_shown(expected)}, found {_shown(found)}"
    got = _number(found)
    if got is None:
        return f"expected a number {_shown(expected)}, found {_shown(found)}"
    if _close(got, wanted, tolerance):
        return ""
    return (
        f"expected {_shown(expected)}, found {_shown(found)}, differing by more than {tolerance}"
    )


def _compare_unordered(output: bytes, answer: bytes) -> CheckResult:
    if output == answer:
        return CheckResult("ok")
    found, expected = Counter(_lines(output)), Counter(_lines(answer))
    if found == expected:
        return CheckResult("ok", f"{expected.total()} lines")
    for line, wanted in expected.items():
        if found[line] != wanted:
            return CheckResult(
                "wrong_answer",
                f"expected line {_shown(line)} {wanted} times, found it {found[line]} times",
            )
    extra = next(line for line in found if line not in expected)
    return CheckResult("wrong_answer", f"unexpected line {_shown(extra)}")


def checker_argv(command: Sequence[str]) -> tuple[str, ...]:
    """The testlib argv for a compiled checker ``command``: ``checker input output answer``,
    with the file names the sandbox gives the three files (``CHECKER_INPUT`` ...)."""
    return (*command, CHECKER_INPUT, CHECKER_OUTPUT, CHECKER_ANSWER)


def interpret_checker_exit(
    exit_code: int | None, timed_out: bool, stderr: bytes
) -> CheckResult | CheckerFailure:
    """The verdict a testlib checker gave by its exit: 0 OK, 1 wrong answer, 2 presentation
    error, 7 points (``quitp``: the points are the first number of ``stderr``).

    ``exit_code`` is None when the checker was killed by a signal. A timeout, a signal, exit
    code 3 (the checker's own ``_fail``) or any other code is a ``CheckerFailure``: a checker
    that crashes or loops must never accept an answer.
    """
    message = _shown_message(stderr)
    if timed_out:
        return CheckerFailure("judge error: the checker ran out of time")
    if exit_code is None:
        return CheckerFailure("judge error: the checker was killed by a signal")
    if exit_code == EXIT_OK:
        return CheckResult("ok", message)
    if exit_code == EXIT_WRONG_ANSWER:
        return CheckResult("wrong_answer", message)
    if exit_code == EXIT_PRESENTATION_ERROR:
        return CheckResult("presentation_error", message)
    if exit_code == EXIT_FAIL:
        return CheckerFailure(f"judge error: the checker failed: {message}")
    if exit_code == EXIT_POINTS:
        return _points_result(stderr, message)
    return CheckerFailure(f"judge error: the checker exited with code {exit_code}: {message}")


def _points_result(stderr: bytes, message: str) -> CheckResult | CheckerFailure:
    words = stderr.split()
    # testlib writes "points 0.5 comment"; a checker of its own may write just "0.5 comment".
    if words and words[0].lower() == b"points":
        words = words[1:]
    try:
        points = float(words[0]) if words else math.nan
    except ValueError:
        points = math.nan
    if not math.isfinite(points) or points < 0:
        return CheckerFailure(f"judge error: the checker gave no valid points: {message}")
    return CheckResult("ok" if points > 0 else "wrong_answer", message, points)


def _shown_message(stderr: bytes, limit: int = 200) -> str:
    text = stderr.strip().decode("utf-8", errors="replace")
    return text[:limit] + "…" if len(text) > limit else text
