"""Sends that arrive together share one commit, yet each succeeds or fails on its own."""

from __future__ import annotations

import asyncio

from core.errors import NotFound
from core.events import MessagePosted
from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.conversations import list_conversations
from core.services.messages import history, send_message
from tests.factories import make_member, make_organisation


async def test_concurrent_sends_get_dense_numbers_and_a_refused_one_fails_alone(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    teacher = await make_member(deps, system, Role.TEACHER, first_name="Мұғалім")
    outsider = await make_member(deps, system, Role.STUDENT, first_name="Бөтен")
    course = await create_course(deps, admin, data=CourseData(name_ru="Химия"))
    group = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id, name="Химия 9", capacity=5, teacher_ids=(teacher.person_id,)
        ),
    )
    students = [
        await make_member(deps, system, Role.STUDENT, first_name=f"Оқушы{n}") for n in range(4)
    ]
    for student in students:
        await enrol_student(deps, admin, group_id=group.id, student_id=student.person_id)
    (chat,) = await list_conversations(deps, teacher)
    posted: list[int] = []

    async def remember(event: MessagePosted) -> None:
        posted.append(event.seq)

    deps.events.subscribe(MessagePosted, remember)

    outcomes = await asyncio.gather(
        *(
            send_message(deps, sender, conversation_id=chat.id, text=f"{n}")
            for n, sender in enumerate([students[0], outsider, students[1], teacher, students[2]])
        ),
        send_message(deps, students[3], conversation_id=chat.id, text="re", reply_to_id=10**9),
        return_exceptions=True,
    )

    assert isinstance(outcomes[1], NotFound), "the outsider is refused"
    assert isinstance(outcomes[5], NotFound), "so is a reply to nothing"
    stored = (await history(teacher, chat.id)).messages
    assert sorted(m.text for m in stored) == ["0", "2", "3", "4"]
    assert [m.seq for m in stored] == [1, 2, 3, 4], "numbers stay dense around the refusals"
    assert sorted(posted) == [1, 2, 3, 4], "only stored messages are announced"
