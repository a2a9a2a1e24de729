"""A task's own checker runs in the sandbox and is trusted with nothing: its verdicts count,
its crashes and loops are judge errors, never an accepted answer (issue 10)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from core.judge.judging import judge
from core.judge.package import CheckerSpec, Statement, TaskPackage, TestCase, TestGroup

# Accepts the numbers of the answer in any order (the built-in "unordered" works on lines).
ANY_ORDER = b"""import sys
given, output, answer = (open(name).read().split() for name in sys.argv[1:4])
sys.exit(0 if sorted(output) == sorted(answer) else 1)
"""
CRASHES = b"import sys\nraise SystemExit(sys.argv[99])\n"
LOOPS = b"while True:\n    pass\n"
EXIT_3 = b"import sys\nsys.exit(3)\n"
CPP_EVEN_ANSWER = b"""#include <cstdio>
int main(int argc, char** argv) {
    FILE* out = fopen(argv[2], "r");
    long long x;
    if (!out || fscanf(out, "%lld", &x) != 1) return 2;
    return x % 2 == 0 ? 0 : 1;
}
"""
SORTER = b"print(*sorted(map(int, input().split()), reverse=True))\n"


def _task(checker: CheckerSpec) -> TaskPackage:
    return TaskPackage(
        name="any order",
        statements={
            "en": Statement(title="Any order", legend="Print the numbers.", input="", output="")
        },
        time_ms=1000,
        memory_mb=256,
        tests=tuple(TestCase(input=b"3 1 2\n", answer=b"1 2 3\n") for _ in range(3)),
        checker=checker,
    )


async def test_a_python_checker_accepts_what_the_built_ins_would_not(toolchains: Path) -> None:
    report = await judge(
        _task(CheckerSpec(kind="custom", source=ANY_ORDER, language="python")),
        language="python",
        source=SORTER,
        all_tests=False,
        cache_dir=toolchains,
    )
    assert report.verdict == "ok"


async def test_a_cpp_checker_gives_wrong_answer_and_presentation_error(toolchains: Path) -> None:
    task = _task(CheckerSpec(kind="custom", source=CPP_EVEN_ANSWER, language="cpp"))
    odd = await judge(
        task, language="python", source=b"print(3)\n", all_tests=False, cache_dir=toolchains
    )
    words = await judge(
        task, language="python", source=b"print('x')\n", all_tests=False, cache_dir=toolchains
    )
    even = await judge(
        task, language="python", source=b"print(4)\n", all_tests=False, cache_dir=toolchains
    )
    assert (odd.verdict, odd.failed_test) == ("wrong_answer", 1)
    assert words.verdict == "presentation_error"
    assert even.verdict == "ok"


@pytest.mark.parametrize("checker", [CRASHES, LOOPS, EXIT_3], ids=["crashes", "loops", "exit 3"])
async def test_a_broken_checker_is_a_judge_error_never_accepted(
    toolchains: Path, checker: bytes
) -> None:
    task = _task(CheckerSpec(kind="custom", source=checker, language="python"))
    report = await judge(
        task, language="python", source=SORTER, all_tests=True, cache_dir=toolchains
    )
    assert report.verdict == "judge_error"
    assert report.judge_message


async def test_a_checker_that_does_not_compile_is_a_judge_error(toolchains: Path) -> None:
    task = _task(CheckerSpec(kind="custom", source=b"int main( {", language="cpp"))
    report = await judge(
        task, language="python", source=SORTER, all_tests=False, cache_dir=toolchains
    )
    assert report.verdict == "judge_error"
    assert "checker" in report.judge_message


async def test_ioi_points_count_only_complete_subtasks(toolchains: Path) -> None:
    task = replace(
        _task(CheckerSpec()),
        tests=(
            TestCase(input=b"1\n", answer=b"1\n"),
            TestCase(input=b"2\n", answer=b"2\n"),
            TestCase(input=b"30\n", answer=b"30\n"),
        ),
        groups=(
            TestGroup(name="small", points=40, tests=(0, 1)),
            TestGroup(name="big", points=60, tests=(2,), dependencies=("small",)),
        ),
    )
    # Right on one-digit numbers only: the small subtask, not the big one.
    report = await judge(
        task,
        language="python",
        source=b"x = input()\nprint(x if len(x) == 1 else 0)\n",
        all_tests=True,
        cache_dir=toolchains,
    )
    assert (report.verdict, report.failed_test) == ("wrong_answer", 3)
    assert (report.score, report.subtask_scores) == (40, {"small": 40, "big": 0})
