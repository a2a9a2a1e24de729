"""Permission overrides: the matrix page, what it changes for people, and inheritance."""

from __future__ import annotations

import re

import pytest

from core.errors import Conflict, PermissionDenied
from core.models.org import OrganisationKind
from core.models.people import Role
from core.permissions import DEFAULT_GRANTS, Permission, has_permission
from core.services.roles import permission_matrix, set_permission
from tests.factories import make_member, make_organisation
from tests.web import text_of


def _cell(body: str, role: str, permission: str) -> str:
    """The opening ``<td>`` tag of one matrix cell (its classes say granted / overridden)."""
    match = re.search(
        rf'<td class="[^"]*"[^>]*data-role="{role}" data-permission="{permission}"[^>]*>', body
    )
    assert match, f"no cell {role}/{permission}"
    return match.group(0)


def test_a_manager_may_add_teachers_students_and_parents_by_default():
    # A manager may not give a role that may do more than theirs (``check_role_rank``): a new
    # permission granted to teachers alone would stop the front office adding teachers.
    for role in (Role.TEACHER, Role.STUDENT, Role.PARENT):
        assert DEFAULT_GRANTS[role] <= DEFAULT_GRANTS[Role.MANAGER], role


async def _switch_to(panel, login: str) -> None:
    await panel.post("/logout")
    assert (await panel.sign_in(login)).status == 200


async def test_revoking_people_view_from_managers_hides_people_from_them(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await make_member(deps, system, Role.MANAGER, login="manager@taraz.kz")

    await panel.sign_in("manager@taraz.kz")
    response, body = await panel.get("/")
    assert 'href="/people"' in body
    assert (await panel.get("/people"))[0].status == 200

    await _switch_to(panel, "admin@taraz.kz")
    response, body = await panel.get("/roles")
    assert response.status == 200
    assert "granted" in _cell(body, "manager", "people.view")
    assert "overridden" not in _cell(body, "manager", "people.view")
    response, body = await panel.post(
        "/roles", {"role": "manager", "permission": "people.view", "granted": "0"}
    )
    assert response.status == 200
    assert "Saved." in text_of(body)
    cell = _cell(body, "manager", "people.view")
    assert "denied" in cell
    assert "overridden" in cell

    await _switch_to(panel, "manager@taraz.kz")
    response, body = await panel.get("/")
    assert 'href="/people"' not in body
    response, _ = await panel.get("/people")
    assert response.status == 403

    await _switch_to(panel, "admin@taraz.kz")
    await panel.get("/roles")
    response, body = await panel.post(
        "/roles", {"role": "manager", "permission": "people.view", "granted": "1"}
    )
    assert "overridden" not in _cell(body, "manager", "people.view")

    await _switch_to(panel, "manager@taraz.kz")
    response, body = await panel.get("/")
    assert 'href="/people"' in body
    assert (await panel.get("/people"))[0].status == 200


async def test_an_admin_cannot_take_away_their_own_right_to_change_roles(deps, panel):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.sign_in("admin@taraz.kz")
    await panel.get("/roles")
    response, body = await panel.post(
        "/roles", {"role": "admin", "permission": "roles.manage", "granted": "0"}
    )
    assert response.status == 409
    assert "Administrators must keep the right to change roles." in text_of(body)
    assert "granted" in _cell(body, "admin", "roles.manage")
    assert (await permission_matrix(admin))[Permission.ROLES_MANAGE][Role.ADMIN].granted
    assert (await panel.get("/roles"))[0].status == 200


async def test_unknown_roles_and_permissions_are_refused(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.sign_in("admin@taraz.kz")
    await panel.get("/roles")
    response, body = await panel.post(
        "/roles", {"role": "wizard", "permission": "people.view", "granted": "1"}
    )
    assert response.status == 400
    assert "Unknown role." in text_of(body)
    response, body = await panel.post(
        "/roles", {"role": "teacher", "permission": "people.fly", "granted": "1"}
    )
    assert response.status == 400
    assert "Unknown permission." in text_of(body)


async def test_only_those_who_manage_roles_see_the_matrix(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.MANAGER, login="manager@taraz.kz")
    await panel.sign_in("manager@taraz.kz")
    response, body = await panel.get("/")
    assert 'href="/roles"' not in body
    response, _ = await panel.get("/roles")
    assert response.status == 403
    response, _ = await panel.post(
        "/roles", {"role": "manager", "permission": "roles.manage", "granted": "1"}
    )
    assert response.status == 403


async def test_the_matrix_shows_labels_not_codes(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.sign_in("admin@taraz.kz")
    await panel.post("/language", {"language": "en", "next": "/roles"})
    _, body = await panel.get("/roles")
    page = text_of(body)
    assert "Head of department" in page
    assert "Enrol and unenrol students" in page
    assert "head_of_department" not in page
    assert "enrolments.manage" not in page


async def test_an_override_in_a_parent_applies_to_its_branches(deps, panel):
    centre = await make_organisation(deps, name="Орталық")
    branch = await make_organisation(
        deps, name="Филиал", kind=OrganisationKind.BRANCH, parent_id=centre.organisation_id
    )
    admin = await make_member(deps, centre, Role.ADMIN)
    teacher = await make_member(deps, branch, Role.TEACHER, login="teacher@branch.kz")
    assert await has_permission(teacher, Permission.GROUPS_VIEW)

    await set_permission(
        deps, admin, role=Role.TEACHER, permission=Permission.GROUPS_VIEW, granted=False
    )
    assert not await has_permission(teacher, Permission.GROUPS_VIEW)
    await panel.sign_in("teacher@branch.kz")
    _, body = await panel.get("/")
    assert 'href="/groups"' not in body
    assert (await panel.get("/groups"))[0].status == 403

    # The branch may decide otherwise for itself; the centre keeps its own rule.
    branch_admin = await make_member(deps, branch, Role.ADMIN)
    await set_permission(
        deps, branch_admin, role=Role.TEACHER, permission=Permission.GROUPS_VIEW, granted=True
    )
    assert await has_permission(teacher, Permission.GROUPS_VIEW)
    centre_teacher = await make_member(deps, centre, Role.TEACHER)
    assert not await has_permission(centre_teacher, Permission.GROUPS_VIEW)
    assert (await panel.get("/groups"))[0].status == 200


async def test_a_branch_shows_its_parents_override_and_can_return_to_it(deps):
    centre = await make_organisation(deps)
    branch = await make_organisation(
        deps, kind=OrganisationKind.BRANCH, parent_id=centre.organisation_id
    )
    admin = await make_member(deps, centre, Role.ADMIN)
    branch_admin = await make_member(deps, branch, Role.ADMIN)
    await set_permission(
        deps, admin, role=Role.ACCOUNTANT, permission=Permission.AUDIT_VIEW, granted=True
    )
    cell = (await permission_matrix(branch_admin))[Permission.AUDIT_VIEW][Role.ACCOUNTANT]
    assert (cell.granted, cell.overridden) == (True, True)
    # Taking it back in the branch, then granting again, leaves the branch following its parent.
    for granted in (False, True):
        await set_permission(
            deps,
            branch_admin,
            role=Role.ACCOUNTANT,
            permission=Permission.AUDIT_VIEW,
            granted=granted,
        )
    cell = (await permission_matrix(branch_admin))[Permission.AUDIT_VIEW][Role.ACCOUNTANT]
    assert cell.granted


async def test_the_service_refuses_those_who_may_not_change_roles(deps):
    system = await make_organisation(deps)
    manager = await make_member(deps, system, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        await set_permission(
            deps, manager, role=Role.MANAGER, permission=Permission.ROLES_MANAGE, granted=True
        )
    admin = await make_member(deps, system, Role.ADMIN)
    with pytest.raises(Conflict):
        await set_permission(
            deps, admin, role=Role.ADMIN, permission=Permission.ROLES_MANAGE, granted=False
        )
