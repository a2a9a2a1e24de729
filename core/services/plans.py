"""Individual learning plans: a student's goals with topics, target dates and progress.

Who sees a plan: the student, their parents, the teachers of a group the student is in now,
and whoever may edit it. Who edits: holders of ``plans.manage`` who also teach one of the
student's current groups, hold ``teaching.any``, or act as a curator (curators follow
students across groups and have no groups of their own). Every change is audited.

A plan belongs to the organisation it was written in; a student of two centres has one plan
in each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.academics import Enrolment, GroupTeacher
from core.models.lessons import PlanItem
from core.models.people import Membership, Person, Role
from core.names import full_name
from core.permissions import Permission, has_permission
from core.services.audit import do_record, snapshot
from core.services.lessons import check_id, children_of, local_today, organisation_zone
from core.tx import transaction

TITLE_MAX = 200
TOPICS_MAX = 2000
_AUDITED = ("title", "topics", "target_on", "progress")


@dataclass(frozen=True)
class PlanItemView:
    id: int
    student_id: int
    title: str
    topics: str
    target_on: date | None
    progress: int
    updated_at: datetime


@dataclass(frozen=True)
class StudentPlan:
    student_id: int
    student_name: str
    items: tuple[PlanItemView, ...]
    can_edit: bool


def _view(item: PlanItem) -> PlanItemView:
    return PlanItemView(
        id=item.id,
        student_id=item.student_id,  # type: ignore[attr-defined]
        title=item.title,
        topics=item.topics,
        target_on=item.target_on,
        progress=item.progress,
        updated_at=item.updated_at,
    )


async def _student_here(actor: Actor, student_id: int) -> Person:
    """A person who is (or was) a student of the actor's organisation."""
    check_id(student_id)
    known = await Membership.exists(
        person_id=student_id, organisation_id=actor.organisation_id, role=Role.STUDENT
    )
    person = await Person.get_or_none(id=student_id) if known else None
    if person is None:
        raise NotFound()
    return person


async def _teaches_student(actor: Actor, student_id: int) -> bool:
    if actor.person_id is None:
        return False
    groups = await Enrolment.filter(student_id=student_id, active_key__isnull=False).values_list(
        "group_id", flat=True
    )
    return await GroupTeacher.exists(group_id__in=list(groups), teacher_id=actor.person_id)


async def may_edit_plan(actor: Actor, student_id: int) -> bool:
    """The edit rule of the module docstring (the student is assumed to be of this
    organisation)."""
    if actor.is_system:
        return True
    if not await has_permission(actor, Permission.PLANS_MANAGE):
        return False
    return (
        Role.CURATOR in actor.roles
        or await has_permission(actor, Permission.TEACHING_ANY)
        or await _teaches_student(actor, student_id)
    )


async def _may_read(actor: Actor, student_id: int) -> bool:
    if actor.person_id is not None and (
        actor.person_id == student_id or student_id in await children_of(actor.person_id)
    ):
        return True
    return await _teaches_student(actor, student_id) or await may_edit_plan(actor, student_id)


async def plan_items(organisation_id: int, student_id: int) -> list[PlanItemView]:
    """A student's plan in an organisation, nearest target first (trusted: no check)."""
    items = await PlanItem.filter(organisation_id=organisation_id, student_id=student_id)
    far = date.max
    return [
        _view(item) for item in sorted(items, key=lambda item: (item.target_on or far, item.id))
    ]


async def student_plan(actor: Actor, *, student_id: int) -> StudentPlan:
    """A student's individual learning plan.

    Raises:
        NotFound: no such student here, or the actor may not see their plan.
    """
    person = await _student_here(actor, student_id)
    if not await _may_read(actor, person.id):
        raise NotFound()
    return StudentPlan(
        student_id=person.id,
        student_name=full_name(person.last_name, person.first_name),
        items=tuple(await plan_items(actor.organisation_id, person.id)),
        can_edit=await may_edit_plan(actor, person.id),
    )


async def _require_edit(actor: Actor, student_id: int) -> None:
    if not await may_edit_plan(actor, student_id):
        # Those who may read the plan learn they may not change it; others learn nothing.
        if await _may_read(actor, student_id):
            raise PermissionDenied(permission=Permission.PLANS_MANAGE.value)
        raise NotFound()


def _clean(title: str, topics: str, progress: int) -> tuple[str, str]:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput(N_("Give the goal a title."), field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            N_("The title is too long: at most {limit} characters."),
            field="title",
            limit=TITLE_MAX,
        )
    topics = topics.strip()
    if len(topics) > TOPICS_MAX:
        raise InvalidInput(
            N_("The topics are too long: at most {limit} characters."),
            field="topics",
            limit=TOPICS_MAX,
        )
    if not 0 <= progress <= 100:
        raise InvalidInput(N_("Progress is a percentage from 0 to 100."), field="progress")
    return title, topics


async def _check_target(deps: Deps, actor: Actor, target_on: date | None) -> None:
    today = local_today(deps.clock.now(), await organisation_zone(actor.organisation_id))
    if target_on is not None and target_on < today:
        raise InvalidInput(N_("The target date cannot be in the past."), field="target_on")


async def add_plan_item(
    deps: Deps,
    actor: Actor,
    *,
    student_id: int,
    title: str,
    topics: str = "",
    target_on: date | None = None,
    progress: int = 0,
) -> PlanItemView:
    """Add a goal to a student's plan.

    Raises:
        NotFound: no such student here (or one the actor may not see).
        PermissionDenied: the actor sees the plan but may not edit it.
        InvalidInput: no title, too long a title or topics, progress outside 0–100, or a
            target date in the past.
    """
    person = await _student_here(actor, student_id)
    await _require_edit(actor, person.id)
    title, topics = _clean(title, topics, progress)
    await _check_target(deps, actor, target_on)
    async with transaction(deps) as tx:
        item = await PlanItem.create(
            organisation_id=actor.organisation_id,
            student_id=person.id,
            title=title,
            topics=topics,
            target_on=target_on,
            progress=progress,
            created_by_id=actor.person_id,
            created_at=tx.now,
            updated_at=tx.now,
        )
        after = snapshot(item, _AUDITED)
        after["student_id"] = person.id
        await do_record(
            tx, actor, action="plan.add", object_type="plan_item", object_id=item.id, after=after
        )
    return _view(item)


async def _item_here(actor: Actor, item_id: int) -> PlanItem:
    check_id(item_id)
    item = await PlanItem.get_or_none(id=item_id, organisation_id=actor.organisation_id)
    if item is None:
        raise NotFound()
    await _require_edit(actor, item.student_id)  # type: ignore[attr-defined]
    return item


async def update_plan_item(
    deps: Deps,
    actor: Actor,
    *,
    item_id: int,
    title: str,
    topics: str,
    target_on: date | None,
    progress: int,
) -> PlanItemView:
    """Change a goal: its title, topics, target date or progress. A target date may stay
    in the past once it has passed, but may not be moved into the past.

    Raises:
        NotFound: no such goal here (or one the actor may not see).
        PermissionDenied: the actor sees the plan but may not edit it.
        InvalidInput: as ``add_plan_item``.
    """
    item = await _item_here(actor, item_id)
    title, topics = _clean(title, topics, progress)
    if target_on != item.target_on:
        await _check_target(deps, actor, target_on)
    async with transaction(deps) as tx:
        before = snapshot(item, _AUDITED)
        item.title, item.topics, item.target_on, item.progress = title, topics, target_on, progress
        item.updated_at = tx.now
        await item.save()
        await do_record(
            tx,
            actor,
            action="plan.update",
            object_type="plan_item",
            object_id=item.id,
            before=before,
            after=snapshot(item, _AUDITED),
        )
    return _view(item)


async def remove_plan_item(deps: Deps, actor: Actor, *, item_id: int) -> PlanItemView:
    """Remove a goal from a plan (it stays in the audit trail); returns what was removed.

    Raises:
        NotFound: no such goal here (or one the actor may not see).
        PermissionDenied: the actor sees the plan but may not edit it.
    """
    item = await _item_here(actor, item_id)
    async with transaction(deps) as tx:
        before = snapshot(item, _AUDITED)
        before["student_id"] = item.student_id  # type: ignore[attr-defined]
        await item.delete()
        await do_record(
            tx,
            actor,
            action="plan.remove",
            object_type="plan_item",
            object_id=item_id,
            before=before,
        )
    return _view(item)
