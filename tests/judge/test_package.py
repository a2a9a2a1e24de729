"""What makes a judge task usable: ``validate_package`` and test text normalisation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.errors import TaskRejected
from core.judge.package import (
    CheckerSpec,
    Statement,
    TaskPackage,
    TestCase,
    TestGroup,
    normalise_text,
    validate_package,
)


def make_task(**changes: object) -> TaskPackage:
    task = TaskPackage(
        name="a-plus-b",
        statements={"ru": Statement("A+B", "Сложите два числа.", "Два числа.", "Их сумма.")},
        time_ms=1000,
        memory_mb=256,
        tests=tuple(TestCase(f"{n} {n}\n".encode(), f"{2 * n}\n".encode()) for n in range(3)),
    )
    return replace(task, **changes)  # type: ignore[arg-type]


def problems(task: TaskPackage) -> list[str]:
    with pytest.raises(TaskRejected) as caught:
        validate_package(task)
    assert caught.value.code == "task_rejected"
    assert caught.value.params == {"count": len(caught.value.problems)}
    return [problem.localised("en") for problem in caught.value.problems]


def test_a_complete_task_is_accepted() -> None:
    validate_package(make_task())


def test_a_task_with_fewer_than_three_tests_is_refused() -> None:
    task = make_task()
    assert problems(replace(task, tests=task.tests[:2])) == [
        "A task needs at least 3 tests; this one has 2."
    ]


def test_empty_answers_are_allowed() -> None:
    validate_package(make_task(tests=(TestCase(b"", b""),) * 3))


def test_limits_out_of_range_are_refused() -> None:
    assert problems(make_task(time_ms=50, memory_mb=4096)) == [
        "The time limit must be from 100 to 15000 ms; this one is 50 ms.",
        "The memory limit must be from 16 to 1024 MB; this one is 4096 MB.",
    ]


def test_every_problem_is_listed_not_only_the_first() -> None:
    found = problems(make_task(name=" ", statements={}, tests=(), time_ms=0))
    assert len(found) == 4
    assert "The task needs a name." in found


def test_a_statement_is_needed_in_some_language() -> None:
    empty = Statement("", "", "", "")
    assert problems(make_task(statements={"kk": empty})) == [
        "The task needs a statement with a title and a legend in Kazakh, Russian or English."
    ]
    kazakh_only = Statement("A+B", "Екі санды қосыңыз.", "", "")
    validate_package(make_task(statements={"kk": kazakh_only}))


def test_a_statement_in_another_language_is_refused() -> None:
    statements = {"de": Statement("A+B", "Addieren.", "", ""), "en": Statement("A", "Add", "", "")}
    assert problems(make_task(statements=statements)) == [
        "Statements are written in Kazakh, Russian or English; de is not one."
    ]


@pytest.mark.parametrize(
    ("checker", "expected"),
    [
        (CheckerSpec("float"), ["A checker that compares numbers needs a precision."]),
        (
            CheckerSpec("float", precision=0.0),
            ["The precision must be above 0 and below 1; this one is 0.0."],
        ),
        (
            CheckerSpec("custom"),
            [
                "A custom checker needs its source code.",
                "A custom checker must be written in C++ or Python.",
            ],
        ),
    ],
)
def test_checkers_that_cannot_run_are_refused(checker: CheckerSpec, expected: list[str]) -> None:
    assert problems(make_task(checker=checker)) == expected


def test_a_custom_checker_with_source_is_accepted() -> None:
    checker = CheckerSpec("custom", source=b"int main() {}", language="cpp")
    validate_package(make_task(checker=checker))


def grouped_tests() -> tuple[TestCase, ...]:
    return (
        TestCase(b"1", b"1", sample=True),
        TestCase(b"2", b"2", group="small"),
        TestCase(b"3", b"3", group="small"),
        TestCase(b"4", b"4", group="big", points=30),
        TestCase(b"5", b"5", group="big", points=40),
    )


def test_groups_that_add_up_are_accepted() -> None:
    groups = (
        TestGroup("small", 30, (1, 2)),
        TestGroup("big", 70, (3, 4), dependencies=("small",), policy="each_test"),
    )
    validate_package(make_task(tests=grouped_tests(), groups=groups))


def test_groups_that_do_not_add_up_are_refused() -> None:
    groups = (
        TestGroup("small", 30, (1,), dependencies=("big",)),
        TestGroup("big", 60, (3, 4), dependencies=("small", "medium"), policy="each_test"),
    )
    assert problems(make_task(tests=grouped_tests(), groups=groups)) == [
        "Group small lists tests 2, but its tests are 2, 3.",
        "Group big is worth 60 points, but its tests add up to 70.",
        "Group big depends on group medium, which is not described.",
        "Groups depend on each other in a circle: small → big → small.",
    ]


def test_a_test_in_an_undescribed_group_is_refused() -> None:
    tests = (*grouped_tests()[:3], TestCase(b"4", b"4", group="huge", points=-1))
    assert problems(make_task(tests=tests, groups=(TestGroup("small", 30, (1, 2)),))) == [
        "Test 4 belongs to group huge, which is not described.",
        "Test 4 has negative points.",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf1 2\r\n3\r\n", b"1 2\n3\n"),
        (b"1\r2\r", b"1\n2\n"),
        (b"1\r\n\r\n", b"1\n\n"),
        (b"no change\n", b"no change\n"),
        (b"inner \xef\xbb\xbf stays", b"inner \xef\xbb\xbf stays"),
        (b"\xff\xfe\r\n", b"\xff\xfe\n"),
    ],
)
def test_normalise_text(data: bytes, expected: bytes) -> None:
    assert normalise_text(data) == expected
