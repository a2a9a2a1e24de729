"""Well-being alerts (issue 9): raised on a safety-gate hit, told to the organisation's
psychologists (else its admins) with an "Acknowledge" button, joined rather than repeated
while open, acknowledged by psychologists and admins of the organisation only, and escalated
once to the admins when nobody acknowledges in time (a frozen clock drives the time)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import NotFound, PermissionDenied
from core.i18n import gettext_for
from core.models.notifications import OutboxMessage
from core.safety import Concern, concerns
from core.services.academics import enrol_student
from core.services.people import Role
from core.services.wellbeing import (
    ALERT,
    ESCALATED,
    acknowledge_alert,
    acknowledge_data,
    list_alerts,
    raise_alert,
    wellbeing_tick,
)
from tests.factories import make_group, make_member, make_organisation


@dataclass(frozen=True)
class School:
    admin: Actor
    psychologist: Actor
    teacher: Actor
    student: Actor
    classmate: Actor


async def make_school(deps: Deps, *, psychologist: bool = True) -> School:
    system = await make_organisation(deps, name="№12 мектеп-гимназия")
    admin = await make_member(deps, system, Role.ADMIN, last_name="Әбенова", first_name="Гүл")
    psych = await make_member(
        deps, system, Role.PSYCHOLOGIST if psychologist else Role.CURATOR, last_name="Ким"
    )
    teacher = await make_member(deps, system, Role.TEACHER)
    student = await make_member(deps, system, Role.STUDENT, last_name="Омаров", first_name="Нұр")
    classmate = await make_member(deps, system, Role.STUDENT, first_name="Дана")
    group = await make_group(deps, admin, name="9А")
    await enrol_student(deps, admin, group_id=group, student_id=student.person_id or 0)
    return School(admin, psych, teacher, student, classmate)


@pytest.fixture
async def school(deps: Deps) -> School:
    return await make_school(deps)


def button(school: School, alert_id: int) -> list[list[list[str]]]:
    """The "Acknowledge" button as the outbox keeps it (rows of [label, data])."""
    return [[["Acknowledge", acknowledge_data(alert_id, school.admin.organisation_id)]]]


async def told(person: Actor) -> list[OutboxMessage]:
    return await OutboxMessage.filter(person_id=person.person_id).order_by("id")


async def test_a_hit_alerts_the_psychologist_with_an_acknowledge_button(
    deps: Deps, school: School
):
    alert_id = await raise_alert(deps, school.student, concerns=concerns("Я не хочу жить"))

    assert alert_id is not None
    (message,) = await told(school.psychologist)
    assert message.bot == "main" and message.message == ALERT
    assert message.buttons == button(school, alert_id)
    assert message.params["student"] == "Омаров Нұр (9А)"
    # The concern is written in the psychologist's language; the child's words are not kept.
    assert message.params["concerns"] == gettext_for("ru", "thoughts of suicide")
    assert "жить" not in str(message.params)
    assert await told(school.admin) == []
    assert await told(school.student) == []


async def test_a_second_hit_joins_the_open_alert_and_only_a_new_concern_is_told(
    deps: Deps, school: School
):
    first = await raise_alert(deps, school.student, concerns={Concern.SUICIDE})
    again = await raise_alert(deps, school.student, concerns={Concern.SUICIDE})
    assert again == first
    assert len(await told(school.psychologist)) == 1

    worse = await raise_alert(deps, school.student, concerns={Concern.ABUSE, Concern.SUICIDE})
    assert worse == first
    messages = await told(school.psychologist)
    assert len(messages) == 2
    assert messages[1].params["concerns"] == "мысли о суициде, жестокое обращение"
    (view,) = await list_alerts(deps, school.psychologist)
    assert (view.hits, view.concerns) == (3, (Concern.SUICIDE, Concern.ABUSE))

    # Another student's hit is an alert of its own; after an acknowledgement a hit opens anew.
    other = await raise_alert(deps, school.classmate, concerns={Concern.BULLYING})
    assert other != first
    await acknowledge_alert(deps, school.psychologist, alert_id=first or 0)
    reopened = await raise_alert(deps, school.student, concerns={Concern.SUICIDE})
    assert reopened not in (first, other)


async def test_two_messages_at_once_make_one_alert_and_one_message(deps: Deps, school: School):
    first, second = await asyncio.gather(
        raise_alert(deps, school.student, concerns={Concern.SUICIDE}),
        raise_alert(deps, school.student, concerns={Concern.SUICIDE}),
    )

    assert first == second
    assert len(await told(school.psychologist)) == 1
    (view,) = await list_alerts(deps, school.psychologist)
    assert view.hits == 2


async def test_nothing_is_raised_without_concerns(deps: Deps, school: School):
    assert await raise_alert(deps, school.student, concerns=concerns("Сәлем!")) is None
    assert await list_alerts(deps, school.psychologist) == []


async def test_only_psychologists_and_admins_of_the_organisation_acknowledge(
    deps: Deps, school: School
):
    alert_id = await raise_alert(deps, school.student, concerns={Concern.SELF_HARM}) or 0
    elsewhere = await make_school(deps)

    with pytest.raises(PermissionDenied):
        await acknowledge_alert(deps, school.teacher, alert_id=alert_id)
    with pytest.raises(PermissionDenied):
        await acknowledge_alert(deps, school.student, alert_id=alert_id)
    with pytest.raises(NotFound):
        await acknowledge_alert(deps, elsewhere.psychologist, alert_id=alert_id)
    with pytest.raises(PermissionDenied):
        await list_alerts(deps, school.teacher)

    done = await acknowledge_alert(deps, school.psychologist, alert_id=alert_id)
    assert done.first and done.alert.acknowledged_by_name == "Ким Әсел"
    again = await acknowledge_alert(deps, school.admin, alert_id=alert_id)
    assert not again.first
    assert again.alert.acknowledged_by_name == "Ким Әсел"
    assert again.alert.acknowledged_at == done.alert.acknowledged_at


async def test_an_unacknowledged_alert_escalates_to_the_admins_once_after_15_minutes(
    deps: Deps, clock, school: School
):
    alert_id = await raise_alert(deps, school.student, concerns={Concern.VIOLENCE}) or 0
    acknowledged = await raise_alert(deps, school.classmate, concerns={Concern.BULLYING}) or 0
    await acknowledge_alert(deps, school.psychologist, alert_id=acknowledged)

    clock.advance(timedelta(minutes=14))
    assert await wellbeing_tick(deps) == 0
    assert await told(school.admin) == []

    clock.advance(timedelta(minutes=1))
    assert await wellbeing_tick(deps) == 1
    (escalated,) = await told(school.admin)
    assert escalated.message == ESCALATED
    assert escalated.params["minutes"] == 15
    assert escalated.buttons == button(school, alert_id)
    clock.advance(timedelta(minutes=30))
    assert await wellbeing_tick(deps) == 0
    assert len(await told(school.admin)) == 1

    (waiting, done) = await list_alerts(deps, school.admin)
    assert waiting.id == alert_id and waiting.open and waiting.escalated_at is not None
    assert done.id == acknowledged and done.escalated_at is None
    assert (await acknowledge_alert(deps, school.admin, alert_id=alert_id)).first


async def test_without_a_psychologist_the_alert_goes_straight_to_the_admins(deps: Deps):
    school = await make_school(deps, psychologist=False)

    await raise_alert(deps, school.student, concerns={Concern.ABUSE})

    (message,) = await told(school.admin)
    assert message.message == ALERT
    assert await told(school.psychologist) == []  # a curator here
