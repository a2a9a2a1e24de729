"""Registration codes (issue 10): teachers join a school by its code and wait for an admin,
students join a teacher's class by the teacher's code; in the service and over real HTTP."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import AuthenticationFailed, Conflict, InvalidInput, PermissionDenied, RateLimited
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    group_card,
    update_group,
)
from core.services.accounts import actor_for, authenticate
from core.services.people import Role
from core.services.registration_codes import (
    ALPHABET,
    CODE_LENGTH,
    CodeKind,
    class_code,
    decide_teacher_application,
    my_class_codes,
    peek_code,
    regenerate_class_code,
    regenerate_school_code,
    register_with_code,
    revoke_class_code,
    revoke_school_code,
    school_code,
    teacher_applications,
)
from tests.factories import make_member, make_organisation
from tests.web import Panel, open_panel, text_of


@dataclass(frozen=True)
class School:
    admin: Actor
    teacher: Actor
    group_id: int


async def make_school(deps: Deps, *, capacity: int = 12) -> School:
    system = await make_organisation(deps, name="№7 мектеп")
    admin = await make_member(deps, system, Role.ADMIN, login="director@school7.kz")
    teacher = await make_member(
        deps, system, Role.TEACHER, last_name="Жұмабаев", first_name="Ерлан", login="erlan@s7.kz"
    )
    course = await create_course(deps, admin, data=CourseData(name_ru="Информатика"))
    group = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id,
            name="Информатика 8Б",
            capacity=capacity,
            teacher_ids=(teacher.person_id or 0,),
        ),
    )
    return School(admin, teacher, group.id)


async def register(deps: Deps, code: str, login: str, *, client: str = "10.0.0.1"):
    return await register_with_code(
        deps,
        code=code,
        last_name="Ахметова",
        first_name="Дана",
        login=login,
        password="my own secret",
        client=client,
    )


# --- the service ---------------------------------------------------------------------------


async def test_a_school_code_is_typeable_and_a_new_one_replaces_the_old(deps: Deps):
    school = await make_school(deps)
    assert await school_code(school.admin) is None

    first = await regenerate_school_code(deps, school.admin)
    assert len(first.code) == CODE_LENGTH
    assert set(first.code) <= set(ALPHABET)
    assert not set(first.code) & set("O0I1L")
    assert await school_code(school.admin) == first

    second = await regenerate_school_code(deps, school.admin)
    assert second.code != first.code
    with pytest.raises(InvalidInput) as revoked:
        await peek_code(deps, code=first.code, client="x")
    assert revoked.value.message == "This code was revoked. Ask for a new one."
    # Typed in lower case with a space in the middle, it still works.
    typed = f"{second.code[:4].lower()} {second.code[4:].lower()}"
    assert (await peek_code(deps, code=typed, client="x")).kind is CodeKind.SCHOOL


async def test_only_invitation_managers_see_the_school_code(deps: Deps):
    school = await make_school(deps)
    with pytest.raises(PermissionDenied):
        await school_code(school.teacher)
    with pytest.raises(PermissionDenied):
        await regenerate_school_code(deps, school.teacher)


async def test_a_teacher_with_the_school_code_waits_for_an_admin_to_approve(deps: Deps):
    school = await make_school(deps)
    code = (await regenerate_school_code(deps, school.admin)).code

    registered = await register(deps, code, "dana@mail.kz")

    assert registered.signed_in is None
    signed_in = await authenticate(
        deps, login="dana@mail.kz", password="my own secret", client="t"
    )
    # Pending: the account exists, but it holds no role, so it is no actor anywhere.
    assert await actor_for(signed_in.account_id) is None
    (application,) = await teacher_applications(school.admin)
    assert (application.full_name, application.login) == ("Ахметова Дана", "dana@mail.kz")

    await decide_teacher_application(
        deps, school.admin, application_id=application.id, approve=True
    )

    actor = await actor_for(signed_in.account_id)
    assert actor is not None
    assert actor.roles == {Role.TEACHER}
    assert await teacher_applications(school.admin) == []
    with pytest.raises(Conflict):
        await decide_teacher_application(
            deps, school.admin, application_id=application.id, approve=False
        )


async def test_a_rejected_teacher_stays_without_a_role(deps: Deps):
    school = await make_school(deps)
    code = (await regenerate_school_code(deps, school.admin)).code
    await register(deps, code, "dana@mail.kz")
    (application,) = await teacher_applications(school.admin)

    await decide_teacher_application(
        deps, school.admin, application_id=application.id, approve=False
    )

    signed_in = await authenticate(
        deps, login="dana@mail.kz", password="my own secret", client="t"
    )
    assert await actor_for(signed_in.account_id) is None


async def test_a_revoked_school_code_registers_nobody(deps: Deps):
    school = await make_school(deps)
    code = (await regenerate_school_code(deps, school.admin)).code
    await revoke_school_code(deps, school.admin)

    with pytest.raises(InvalidInput, match="revoked"):
        await register(deps, code, "dana@mail.kz")
    assert await teacher_applications(school.admin) == []
    with pytest.raises(Conflict):
        await revoke_school_code(deps, school.admin)


async def test_a_student_with_the_class_code_is_enrolled_and_signed_in(deps: Deps):
    school = await make_school(deps)
    code = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code

    registered = await register(deps, code, "dana@mail.kz")

    assert registered.target.kind is CodeKind.CLASS
    assert registered.target.group_name == "Информатика 8Б"
    assert registered.target.teacher_name == "Жұмабаев Ерлан"
    assert registered.signed_in is not None
    actor = await actor_for(registered.signed_in.account_id)
    assert actor is not None
    assert actor.roles == {Role.STUDENT}
    card = await group_card(school.admin, school.group_id)
    assert [member.full_name for member in card.students] == ["Ахметова Дана"]
    (row,) = await my_class_codes(school.teacher)
    assert (row.group_name, row.students, row.code and row.code.code) == (
        "Информатика 8Б",
        1,
        code,
    )


async def test_a_full_class_takes_nobody_more(deps: Deps):
    school = await make_school(deps, capacity=1)
    code = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code
    await register(deps, code, "dana@mail.kz")

    with pytest.raises(Conflict) as full:
        await register(deps, code, "timur@mail.kz")

    assert full.value.message == "Group “{name}” is full: all {capacity} places are taken."
    with pytest.raises(Conflict):
        await peek_code(deps, code=code, client="x")
    # Nobody was made: the login does not sign in.
    with pytest.raises(AuthenticationFailed):
        await authenticate(deps, login="timur@mail.kz", password="my own secret", client="t")


async def test_only_a_teacher_of_the_group_hands_out_its_code(deps: Deps):
    school = await make_school(deps)
    other = await make_member(
        deps,
        Actor.system(school.admin.organisation_id, "test"),
        Role.TEACHER,
        login="other@s7.kz",
    )
    with pytest.raises(PermissionDenied):
        await regenerate_class_code(deps, other, group_id=school.group_id)
    with pytest.raises(PermissionDenied):
        await class_code(school.admin, group_id=school.group_id)
    assert await my_class_codes(other) == []


async def test_a_revoked_class_code_says_so_and_a_new_one_works(deps: Deps):
    school = await make_school(deps)
    old = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code
    await revoke_class_code(deps, school.teacher, group_id=school.group_id)
    assert await class_code(school.teacher, group_id=school.group_id) is None

    with pytest.raises(InvalidInput, match="revoked"):
        await register(deps, old, "dana@mail.kz")

    new = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code
    assert (await register(deps, new, "dana@mail.kz")).signed_in is not None


async def test_wrong_codes_are_rate_limited_per_client(deps: Deps):
    school = await make_school(deps)
    code = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code
    for _ in range(10):
        with pytest.raises(InvalidInput):
            await peek_code(deps, code="ABCDEFGH", client="10.0.0.9")

    with pytest.raises(RateLimited):
        await peek_code(deps, code=code, client="10.0.0.9")
    # Someone else is not locked out.
    assert (await peek_code(deps, code=code, client="10.0.0.10")).kind is CodeKind.CLASS


# --- the panel -----------------------------------------------------------------------------

_CODE = re.compile(rf"\b([{ALPHABET}]{{{CODE_LENGTH}}})\b")


async def test_an_admin_shows_the_school_code_and_approves_a_teacher_who_used_it(
    deps: Deps, panel: Panel
):
    school = await make_school(deps)
    await panel.sign_in("director@school7.kz")
    _, body = await panel.post("/registration-codes/school")
    assert "Teachers register at" in text_of(body)
    current = await school_code(school.admin)
    assert current is not None
    code = current.code
    assert code in text_of(body)

    async with open_panel(deps) as browser:
        _, page = await browser.get(f"/join?code={code}")
        assert "№7 мектеп" in text_of(page)
        response, page = await browser.post(
            "/join",
            {
                "code": code,
                "last_name": "Ахметова",
                "first_name": "Дана",
                "login": "dana@mail.kz",
                "password": "my own secret",
                "password_again": "my own secret",
            },
        )
        assert response.status == 200
        assert "An administrator of №7 мектеп will approve" in text_of(page)

    _, body = await panel.get("/registration-codes")
    assert "Ахметова Дана" in text_of(body)
    (application,) = await teacher_applications(school.admin)
    _, body = await panel.post(f"/registration-codes/applications/{application.id}/approve")
    assert "Ахметова Дана is a teacher now." in text_of(body)

    async with open_panel(deps) as browser:
        response = await browser.sign_in("dana@mail.kz", "my own secret")
        assert "Sign out" in text_of(await response.text())


async def test_a_teacher_shows_a_class_code_and_a_student_registers_with_it(
    deps: Deps, panel: Panel
):
    school = await make_school(deps)
    await panel.sign_in("erlan@s7.kz")
    _, body = await panel.post(f"/my/class-codes/{school.group_id}")
    page = text_of(body)
    assert "Информатика 8Б" in page
    match = _CODE.search(page)
    assert match, page
    code = match.group(1)
    assert f"/start c-{code}" in page

    async with open_panel(deps) as browser:
        _, page = await browser.get(f"/join?code={code}")
        assert "Информатика 8Б" in text_of(page)
        response, page = await browser.post(
            "/join",
            {
                "code": code,
                "last_name": "Ахметова",
                "first_name": "Дана",
                "login": "dana@mail.kz",
                "password": "my own secret",
                "password_again": "my own secret",
            },
        )
        assert response.status == 200
        assert "Sign out" in text_of(page)

    card = await group_card(school.admin, school.group_id)
    assert [member.full_name for member in card.students] == ["Ахметова Дана"]

    _, body = await panel.post(f"/my/class-codes/{school.group_id}/revoke")
    assert "The class code is revoked." in text_of(body)
    async with open_panel(deps) as browser:
        _, page = await browser.get(f"/join?code={code}")
        assert "This code was revoked. Ask for a new one." in text_of(page)


async def test_with_the_bots_username_a_class_code_has_a_telegram_link_and_qr_code(deps: Deps):
    school = await make_school(deps)
    code = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code
    named = replace(
        deps, settings=deps.settings.model_copy(update={"telegram_main_username": "sabaq_bot"})
    )
    async with open_panel(named) as teacher:
        await teacher.sign_in("erlan@s7.kz")
        _, body = await teacher.get("/my/class-codes")
        assert f"https://t.me/sabaq_bot?start=c-{code}" in body
        response, _ = await teacher.get(f"/my/class-codes/{school.group_id}/qr.svg")
        assert response.status == 200
        assert response.content_type == "image/svg+xml"
        assert (await response.read()).startswith(b"<?xml")


async def test_a_teacher_taken_off_the_group_can_no_longer_admit_with_their_code(deps: Deps):
    school = await make_school(deps)
    code = (await regenerate_class_code(deps, school.teacher, group_id=school.group_id)).code
    card = await group_card(school.admin, school.group_id)
    await update_group(
        deps,
        school.admin,
        group_id=school.group_id,
        data=GroupData(
            course_id=card.course.id, name=card.name, capacity=card.capacity, teacher_ids=()
        ),
    )

    with pytest.raises(Conflict, match="does not take new students"):
        await register(deps, code, "dana@mail.kz")
