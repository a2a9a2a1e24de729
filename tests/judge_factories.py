"""Programming tasks for tests: A+B with three tests, written through the core service."""

from __future__ import annotations

from core.actor import Actor
from core.deps import Deps
from core.judge.judging import JudgeReport
from core.judge.package import CheckerSpec, Statement, TaskPackage, TestCase
from core.services.judge_queue import claim_next, store_report
from core.services.judge_tasks import create_task
from core.services.submissions import SubmissionChannel, submit

#: A+B: a wrong solution that prints the difference passes test 1 (b = 0) and fails test 2.
AB_TESTS = ((b"2 0\n", b"2\n"), (b"2 3\n", b"5\n"), (b"-7 10\n", b"3\n"))
AB_RIGHT = "a, b = map(int, input().split())\nprint(a + b)\n"
AB_WRONG = "a, b = map(int, input().split())\nprint(a - b)\n"


def aplusb(
    *, tests: int = 3, name: str = "A+B", checker: CheckerSpec | None = None
) -> TaskPackage:
    """The A+B task with its first ``tests`` tests (more than three repeat the last)."""
    cases = [AB_TESTS[min(number, len(AB_TESTS) - 1)] for number in range(tests)]
    return TaskPackage(
        name=name,
        statements={
            "kk": Statement(
                title="Екі санның қосындысы",
                legend="Екі бүтін сан $a$ мен $b$ берілген. Олардың қосындысын табыңыз.",
                input="Бір жолда $a$ мен $b$.",
                output="$a + b$.",
            ),
            "ru": Statement(
                title="Сумма двух чисел",
                legend="Даны два целых числа $a$ и $b$. Найдите их сумму.",
                input="В одной строке $a$ и $b$.",
                output="$a + b$.",
            ),
        },
        time_ms=1000,
        memory_mb=256,
        tests=tuple(
            TestCase(input=given, answer=expected, sample=number == 0)
            for number, (given, expected) in enumerate(cases)
        ),
        checker=checker or CheckerSpec(),
    )


async def make_task(
    deps: Deps, writer: Actor, *, published: bool = True, name: str = "A+B"
) -> int:
    return await create_task(deps, writer, package=aplusb(name=name), published=published)


async def judged(deps: Deps, student: Actor, task_id: int, *, verdict: str = "ok") -> int:
    """A submission judged as a worker would leave it, without the sandbox: submitted, claimed
    and given ``verdict``. Returns its id."""
    submission_id = await submit(
        deps,
        student,
        task_id=task_id,
        language="python",
        source=AB_RIGHT.encode(),
        channel=SubmissionChannel.WEB,
    )
    claim = await claim_next(deps)
    assert claim is not None and claim.submission_id == submission_id
    failed = None if verdict == "ok" else 1
    await store_report(deps, claim, JudgeReport(verdict=verdict, failed_test=failed))
    return submission_id
