"""The panel's first page: a few counts about the organisation."""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.models.academics import Enrolment, Group, GroupStatus
from core.models.people import Membership, Role
from core.permissions import Permission, granted_permissions


@dataclass(frozen=True)
class Summary:
    students: int | None
    teachers: int | None
    parents: int | None
    active_groups: int | None
    enrolments: int | None


async def organisation_summary(actor: Actor) -> Summary:
    """Counts the actor may see; a count they may not see is ``None``."""
    granted = await granted_permissions(actor)
    people = Permission.PEOPLE_VIEW in granted
    groups = Permission.GROUPS_VIEW in granted

    async def count_role(role: Role) -> int:
        return await Membership.filter(
            organisation_id=actor.organisation_id, role=role, archived_at__isnull=True
        ).count()

    return Summary(
        students=await count_role(Role.STUDENT) if people else None,
        teachers=await count_role(Role.TEACHER) if people else None,
        parents=await count_role(Role.PARENT) if people else None,
        active_groups=await Group.filter(
            organisation_id=actor.organisation_id, status=GroupStatus.ACTIVE
        ).count()
        if groups
        else None,
        enrolments=await Enrolment.filter(
            group__organisation_id=actor.organisation_id, active_key__isnull=False
        ).count()
        if groups
        else None,
    )
