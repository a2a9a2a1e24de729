"""Domain events reach subscribers only for committed changes."""

from __future__ import annotations

import pytest

from core.errors import Conflict
from core.events import StudentEnrolled
from core.models.people import Role
from core.services.academics import enrol_student
from tests.factories import make_group, make_member, make_organisation, make_student


async def test_enrolment_is_announced_after_commit(deps):
    seen: list[StudentEnrolled] = []

    async def remember(event: StudentEnrolled) -> None:
        seen.append(event)

    deps.events.subscribe(StudentEnrolled, remember)
    admin = await make_member(deps, await make_organisation(deps), Role.ADMIN)
    group_id = await make_group(deps, admin, capacity=1)
    first, second = await make_student(deps, admin), await make_student(deps, admin, "Ким", "Дана")
    await enrol_student(deps, admin, group_id=group_id, student_id=first)
    with pytest.raises(Conflict):
        await enrol_student(deps, admin, group_id=group_id, student_id=second)
    assert [(event.group_id, event.student_id) for event in seen] == [(group_id, first)]


async def test_a_failing_subscriber_does_not_undo_or_break_the_change(deps, caplog):
    async def broken(event: StudentEnrolled) -> None:
        raise RuntimeError("subscriber bug")

    deps.events.subscribe(StudentEnrolled, broken)
    admin = await make_member(deps, await make_organisation(deps), Role.ADMIN)
    group_id = await make_group(deps, admin)
    student = await make_student(deps, admin)
    card = await enrol_student(deps, admin, group_id=group_id, student_id=student)
    assert [member.person_id for member in card.students] == [student]
    assert "subscriber bug" in caplog.text
