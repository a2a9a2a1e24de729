"""What each role may do in an organisation: the matrix and its overrides."""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict
from core.i18n import N_
from core.models.org import Organisation, PermissionOverride
from core.models.people import Role
from core.permissions import DEFAULT_GRANTS, Permission, effective_grants, require
from core.services.audit import do_record
from core.tx import transaction


@dataclass(frozen=True)
class MatrixCell:
    granted: bool
    default: bool

    @property
    def overridden(self) -> bool:
        return self.granted != self.default


async def permission_matrix(actor: Actor) -> dict[Permission, dict[Role, MatrixCell]]:
    """For every permission and role: granted here, and whether that is the default.

    Raises:
        PermissionDenied: the actor may not manage roles.
    """
    await require(actor, Permission.ROLES_MANAGE)
    grants = await effective_grants(actor.organisation_id)
    return {
        permission: {
            role: MatrixCell(
                granted=permission in grants[role], default=permission in DEFAULT_GRANTS[role]
            )
            for role in Role
        }
        for permission in Permission
    }


async def set_permission(
    deps: Deps, actor: Actor, *, role: Role, permission: Permission, granted: bool
) -> None:
    """Grant or revoke a permission for a role in the actor's organisation.

    Raises:
        PermissionDenied: the actor may not manage roles.
        Conflict: an admin would lose the right to manage roles (no way back).
    """
    await require(actor, Permission.ROLES_MANAGE)
    if role == Role.ADMIN and permission == Permission.ROLES_MANAGE and not granted:
        raise Conflict(N_("Administrators must keep the right to change roles."))
    async with transaction(deps) as tx:
        inherited = (await effective_grants_without_own(actor.organisation_id))[role]
        await PermissionOverride.filter(
            organisation_id=actor.organisation_id, role=role, permission=permission
        ).delete()
        if (permission in inherited) != granted:
            _ = await PermissionOverride.create(
                organisation_id=actor.organisation_id,
                role=role,
                permission=permission,
                granted=granted,
            )
        await do_record(
            tx,
            actor,
            action="permission.set",
            object_type="organisation",
            object_id=actor.organisation_id,
            after={"role": role.value, "permission": permission.value, "granted": granted},
        )


async def effective_grants_without_own(organisation_id: int) -> dict[Role, frozenset[Permission]]:
    """The grants an organisation inherits: defaults plus its ancestors' overrides."""
    parent_id = (
        await Organisation.filter(id=organisation_id).first().values_list("parent_id", flat=True)
    )
    if parent_id is None:
        return DEFAULT_GRANTS
    return await effective_grants(parent_id)  # type: ignore[arg-type]
