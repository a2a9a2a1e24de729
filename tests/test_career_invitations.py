"""Sending the interest inventory to a class or a student (issue 9), the service: who may
send, bad input, a second sending skips the invited, progress, reminders, and the invitation
starting the attempt with the class's grade."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.actor import Actor
from core.career.inventory import Form, items
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.career import CareerAttempt, InventoryInvitation, InventorySending
from core.models.notifications import OutboxMessage
from core.services.academics import enrol_student
from core.services.career import answer_item
from core.services.career_invitations import (
    INVITATION,
    REMINDER,
    list_sendings,
    open_invitation,
    remind_unfinished,
    send_inventory,
    sending_progress,
)
from core.services.people import Role
from core.services.telegram import link_telegram
from tests.bots import invitation_code
from tests.factories import make_group, make_member, make_organisation


@dataclass(frozen=True)
class School:
    admin: Actor
    counsellor: Actor
    teacher: Actor
    aru: Actor
    bek: Actor
    dana: Actor  # not in the group
    group_id: int


async def make_school(deps: Deps) -> School:
    system = await make_organisation(deps, name="№7 мектеп")
    org = system.organisation_id
    admin = await make_member(deps, system, Role.ADMIN, login=f"admin-{org}@school.kz")
    counsellor = await make_member(
        deps,
        system,
        Role.CAREER_COUNSELLOR,
        last_name="Оспанова",
        first_name="Ләззат",
        login=f"counsellor-{org}@school.kz",
    )
    teacher = await make_member(deps, system, Role.TEACHER, login=f"teacher-{org}@school.kz")
    aru = await make_member(deps, system, Role.STUDENT, last_name="Әлиева", first_name="Ару")
    bek = await make_member(deps, system, Role.STUDENT, last_name="Бекова", first_name="Бек")
    dana = await make_member(deps, system, Role.STUDENT, last_name="Дәулет", first_name="Дана")
    group_id = await make_group(deps, admin, name="7Ә")
    for student in (aru, bek):
        await enrol_student(deps, admin, group_id=group_id, student_id=student.person_id or 0)
    return School(admin, counsellor, teacher, aru, bek, dana, group_id)


async def link(deps: Deps, school: School, student: Actor, user: int) -> None:
    code = await invitation_code(deps, school.admin, student.person_id or 0)
    await link_telegram(deps, code=code, telegram_user_id=user, language="kk")


async def finish(deps: Deps, student: Actor, attempt_id: int, form: Form) -> None:
    for question in items(form):
        await answer_item(deps, student, attempt_id=attempt_id, item_id=question.id, value=4)


async def test_a_class_is_invited_once_and_the_grade_starts_the_right_form(deps: Deps):
    school = await make_school(deps)
    await link(deps, school, school.aru, 501)
    report = await send_inventory(deps, school.counsellor, grade=7, group_id=school.group_id)
    assert (report.invited, report.skipped, report.in_telegram) == (2, 0, 1)
    (message,) = await OutboxMessage.all()
    assert (message.message, message.bot) == (INVITATION, "career")
    invitation = await InventoryInvitation.get(person_id=school.aru.person_id)
    assert message.buttons == [[["Take the inventory", f"cri:{invitation.id}"]]]

    # Grade 7 is the short form, and the student is not asked for it.
    view = await open_invitation(deps, school.aru, invitation_id=invitation.id)
    assert (view.form, view.answered) == (Form.SHORT, 0)
    assert (await CareerAttempt.get(id=view.id)).grade == 7
    # Another student's invitation is not theirs to open.
    bek_invitation = await InventoryInvitation.get(person_id=school.bek.person_id)
    with pytest.raises(NotFound):
        await open_invitation(deps, school.aru, invitation_id=bek_invitation.id)

    await finish(deps, school.aru, view.id, Form.SHORT)
    progress = await sending_progress(school.counsellor, sending_id=report.sending_id)
    assert [(row.student, row.started, row.finished) for row in progress.students] == [
        ("Бекова Бек", False, False),
        ("Әлиева Ару", True, True),
    ]
    with pytest.raises(Conflict):
        await open_invitation(deps, school.aru, invitation_id=invitation.id)

    # Sent again: Ару finished since, Бек's invitation is still open — nobody is invited.
    again = await send_inventory(deps, school.counsellor, grade=7, group_id=school.group_id)
    assert (again.invited, again.skipped) == (0, 2)
    assert await InventoryInvitation.all().count() == 2
    assert await OutboxMessage.all().count() == 1
    # One more student, sent on their own, is invited.
    alone = await send_inventory(
        deps, school.counsellor, grade=10, person_id=school.dana.person_id
    )
    assert (alone.invited, alone.skipped) == (1, 0)
    summaries = await list_sendings(school.counsellor)
    assert [(row.title, row.grade, row.invited, row.finished) for row in summaries] == [
        ("Дәулет Дана", 10, 1, 0),
        ("7Ә", 7, 0, 0),
        ("7Ә", 7, 2, 1),
    ]


async def test_remind_tells_only_those_who_have_not_finished_once_a_day(deps: Deps):
    school = await make_school(deps)
    await link(deps, school, school.aru, 501)
    await link(deps, school, school.bek, 502)
    report = await send_inventory(deps, school.counsellor, grade=9, group_id=school.group_id)
    invitation = await InventoryInvitation.get(person_id=school.aru.person_id)
    view = await open_invitation(deps, school.aru, invitation_id=invitation.id)
    assert view.form == Form.FULL
    await finish(deps, school.aru, view.id, Form.FULL)

    assert await remind_unfinished(deps, school.counsellor, sending_id=report.sending_id) == 1
    assert await remind_unfinished(deps, school.counsellor, sending_id=report.sending_id) == 0
    reminders = await OutboxMessage.filter(message=REMINDER)
    assert [row.person_id for row in reminders] == [school.bek.person_id]
    progress = await sending_progress(school.counsellor, sending_id=report.sending_id)
    assert [row.reminded_at is not None for row in progress.students] == [True, False]


async def test_bad_input_and_refusals_write_nothing(deps: Deps):
    school = await make_school(deps)
    for grade in (4, 12, 0):
        with pytest.raises(InvalidInput) as caught:
            await send_inventory(deps, school.counsellor, grade=grade, group_id=school.group_id)
        assert caught.value.field == "grade"
        assert caught.value.translated("ru") == "Выберите класс учеников: от 5 до 11."
    with pytest.raises(InvalidInput):
        await send_inventory(deps, school.counsellor, grade=7)
    with pytest.raises(InvalidInput):
        await send_inventory(
            deps,
            school.counsellor,
            grade=7,
            group_id=school.group_id,
            person_id=school.aru.person_id,
        )
    empty = await make_group(deps, school.admin, name="11Б")
    with pytest.raises(InvalidInput) as caught:
        await send_inventory(deps, school.counsellor, grade=11, group_id=empty)
    assert caught.value.translated("kk") == "Топта оқушылар жоқ."
    with pytest.raises(NotFound):
        await send_inventory(deps, school.counsellor, grade=7, person_id=school.teacher.person_id)
    other = await make_school(deps)
    with pytest.raises(NotFound):
        await send_inventory(deps, school.counsellor, grade=7, group_id=other.group_id)
    for actor in (school.teacher, school.aru):
        with pytest.raises(PermissionDenied):
            await send_inventory(deps, actor, grade=7, group_id=school.group_id)
        with pytest.raises(PermissionDenied):
            await list_sendings(actor)
    assert await InventorySending.all().count() == 0
    assert await InventoryInvitation.all().count() == 0

    # An admin may send; another organisation's counsellor does not find the sending.
    report = await send_inventory(deps, school.admin, grade=8, group_id=school.group_id)
    with pytest.raises(NotFound):
        await sending_progress(other.counsellor, sending_id=report.sending_id)
    with pytest.raises(NotFound):
        await remind_unfinished(deps, other.counsellor, sending_id=report.sending_id)
