"""Programming tasks and the judge queue (issue 10), through the core services on a real
database; the sandbox itself is tested in tests/judge/."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, TaskRejected
from core.judge.judging import JudgeReport
from core.models.judge import ProgrammingTask, ProgramSubmission, SubmissionState
from core.models.people import Role
from core.services.judge_queue import CLAIM_FOR, claim_next, store_report
from core.services.judge_tasks import (
    create_task,
    list_tasks,
    load_package,
    set_published,
    task_view,
    update_task,
)
from core.services.submissions import (
    MAX_SOURCE_BYTES,
    SubmissionChannel,
    submission_view,
    submit,
)
from tests.factories import make_member, make_organisation
from tests.judge_factories import AB_RIGHT, aplusb, make_task

pytestmark = pytest.mark.usefixtures("db")


async def _school(deps: Deps) -> tuple:
    system = await make_organisation(deps, name="№12 мектеп")
    teacher = await make_member(deps, system, Role.TEACHER)
    student = await make_member(deps, system, Role.STUDENT, first_name="Айгерім")
    return system, teacher, student


async def test_a_task_with_fewer_than_three_tests_is_refused_and_nothing_is_stored(
    deps: Deps,
) -> None:
    _, teacher, _ = await _school(deps)
    with pytest.raises(TaskRejected) as refused:
        await create_task(deps, teacher, package=aplusb(tests=2))
    assert any("3" in problem.localised("en") for problem in refused.value.problems)
    assert await list_tasks(teacher) == []


async def test_students_see_published_tasks_with_samples_only(deps: Deps) -> None:
    _, teacher, student = await _school(deps)
    hidden = await make_task(deps, teacher, published=False, name="draft")
    shown = await make_task(deps, teacher, published=True)
    assert [row.id for row in await list_tasks(student)] == [shown]
    with pytest.raises(NotFound):
        await task_view(student, hidden)
    view = await task_view(student, shown)
    assert view.package is None  # no hidden tests for a student
    assert [sample.input for sample in view.samples] == ["2 0\n"]
    assert view.statements["kk"].title == "Екі санның қосындысы"

    await set_published(deps, teacher, task_id=shown, published=False)
    with pytest.raises(NotFound):
        await task_view(student, shown)


async def test_a_student_cannot_write_tasks(deps: Deps) -> None:
    _, _, student = await _school(deps)
    with pytest.raises(PermissionDenied):
        await make_task(deps, student)


async def test_tests_are_stored_normalised_and_a_stale_edit_is_refused(deps: Deps) -> None:
    _, teacher, _ = await _school(deps)
    task_id = await make_task(deps, teacher)
    view = await task_view(teacher, task_id)
    assert view.package is not None
    package = aplusb()
    crlf = replace(
        package,
        tests=tuple(
            replace(test, input=b"\xef\xbb\xbf" + test.input.replace(b"\n", b"\r\n"))
            for test in package.tests
        ),
    )
    await update_task(deps, teacher, task_id=task_id, package=crlf, version=view.version)
    stored = await load_package(await ProgrammingTask.get(id=task_id))
    assert stored.tests[0].input == b"2 0\n"
    with pytest.raises(Conflict):
        await update_task(deps, teacher, task_id=task_id, package=crlf, version=view.version)


@pytest.mark.parametrize(
    ("source", "fix"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"\x7fELF\x02\x01\x01\x00\x00", "binary"),
        (b"print(\xff)", "UTF-8"),
        (b"#" * (MAX_SOURCE_BYTES + 1), "KB"),
    ],
)
async def test_bad_sources_are_refused_before_the_queue(
    deps: Deps, source: bytes, fix: str
) -> None:
    _, teacher, student = await _school(deps)
    task_id = await make_task(deps, teacher)
    with pytest.raises(InvalidInput) as refused:
        await submit(
            deps,
            student,
            task_id=task_id,
            language="python",
            source=source,
            channel=SubmissionChannel.WEB,
        )
    assert fix in refused.value.translated("en")
    assert await ProgramSubmission.all().count() == 0


async def test_an_unknown_language_is_refused(deps: Deps) -> None:
    _, teacher, student = await _school(deps)
    task_id = await make_task(deps, teacher)
    with pytest.raises(InvalidInput):
        await submit(
            deps,
            student,
            task_id=task_id,
            language="brainfuck",
            source=b"+.",
            channel=SubmissionChannel.WEB,
        )


async def test_a_bom_is_dropped_and_only_the_author_and_teachers_read_a_submission(
    deps: Deps,
) -> None:
    system, teacher, student = await _school(deps)
    other = await make_member(deps, system, Role.STUDENT, first_name="Бауыржан")
    task_id = await make_task(deps, teacher)
    submission_id = await submit(
        deps,
        student,
        task_id=task_id,
        language="python",
        source=b"\xef\xbb\xbf" + AB_RIGHT.encode(),
        channel=SubmissionChannel.WEB,
    )
    assert (await submission_view(student, submission_id)).source == AB_RIGHT
    assert (await submission_view(teacher, submission_id)).row.state == "queued"
    with pytest.raises(NotFound):
        await submission_view(other, submission_id)


async def test_two_workers_never_claim_one_submission_and_a_lapsed_claim_is_fenced(
    deps: Deps, clock: FrozenClock
) -> None:
    _, teacher, student = await _school(deps)
    task_id = await make_task(deps, teacher)
    submission_id = await submit(
        deps,
        student,
        task_id=task_id,
        language="python",
        source=AB_RIGHT.encode(),
        channel=SubmissionChannel.WEB,
    )
    first = await claim_next(deps)
    assert first is not None and first.submission_id == submission_id
    assert await claim_next(deps) is None  # a second worker finds nothing to take

    clock.advance(CLAIM_FOR + timedelta(seconds=1))  # the first worker died mid-run
    second = await claim_next(deps)
    assert second is not None and second.attempt == first.attempt + 1

    await store_report(deps, first, JudgeReport(verdict="wrong_answer", failed_test=2))
    row = await ProgramSubmission.get(id=submission_id)
    assert row.state == SubmissionState.JUDGING  # the lapsed claim stored nothing
    await store_report(deps, second, JudgeReport(verdict="ok"))
    row = await ProgramSubmission.get(id=submission_id)
    assert (row.state, row.verdict) == (SubmissionState.DONE, "ok")
