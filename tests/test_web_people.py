"""The People pages over real HTTP: list and search, the form, the card and its actions."""

from __future__ import annotations

import re
from datetime import date

import pytest

from core.actor import Actor
from core.services.people import (
    PeopleFilter,
    PersonData,
    Role,
    create_person,
    do_create_person,
    list_people,
    person_card,
)
from core.tx import transaction
from tests.factories import make_member, make_organisation, make_student, valid_iin
from tests.web import Panel, text_of

ADMIN_LOGIN = "admin@taraz.kz"


async def signed_in_admin(deps, panel: Panel) -> Actor:
    """An organisation with an admin (named so no test search finds them) signed in."""
    system = await make_organisation(deps)
    admin = await make_member(
        deps, system, Role.ADMIN, last_name="Директорова", first_name="Гүлнар", login=ADMIN_LOGIN
    )
    response = await panel.sign_in(ADMIN_LOGIN)
    assert response.status == 200
    return admin


def person_form(**values: object) -> dict[str, object]:
    form: dict[str, object] = {
        "last_name": "Семёнова",
        "first_name": "Әсел",
        "middle_name": "",
        "birth_date": "2012-03-04",
        "gender": "f",
        "iin": "",
        "phone": "",
        "email": "",
        "notes": "",
        "roles": "student",
    }
    form.update(values)
    return form


async def matches(admin: Actor, query: str, **filters: object) -> list[str]:
    page = await list_people(admin, filters=PeopleFilter(query=query, **filters))  # type: ignore[arg-type]
    return [row.full_name for row in page.rows]


async def test_a_person_with_kazakh_letters_is_found_by_a_lower_case_fragment(deps, panel):
    await signed_in_admin(deps, panel)
    response, body = await panel.post("/people/new", person_form(notes="Аллергия на орехи"))
    assert response.status == 200
    assert re.search(r"/people/\d+$", str(response.url))
    page = text_of(body)
    assert "Saved." in page
    assert "Семёнова Әсел" in page
    assert "04.03.2012" in page
    assert "Аллергия на орехи" in page
    assert "Student" in page

    for fragment in ("әсел", "семенова", "СЕМЁН", "әсел семен"):
        _, body = await panel.get("/people", params={"q": fragment})
        assert "Семёнова Әсел" in text_of(body), fragment
        assert "1 person found" in text_of(body)
    _, body = await panel.get("/people", params={"q": "асель"})
    assert "Семёнова Әсел" not in text_of(body)
    assert "Nobody matches these filters." in text_of(body)


async def test_the_role_filter_shows_only_that_role_with_translated_labels(deps, panel):
    admin = await signed_in_admin(deps, panel)
    await create_person(deps, admin, data=PersonData("Омаров", "Нұрлан"), roles=(Role.TEACHER,))
    await create_person(deps, admin, data=PersonData("Ахметова", "Дана"), roles=(Role.STUDENT,))
    _, body = await panel.get("/people", params={"role": "teacher"})
    assert "Омаров Нұрлан" in text_of(body)
    assert "Ахметова Дана" not in text_of(body)
    assert 'value="teacher" selected' in body
    assert "Teacher" in text_of(body)


async def test_people_are_paged_fifty_at_a_time_and_the_links_keep_the_filters(deps, panel):
    admin = await signed_in_admin(deps, panel)
    async with transaction(deps) as tx:
        for number in range(55):
            await do_create_person(
                tx,
                admin,
                organisation_id=admin.organisation_id,
                data=PersonData("Ученик", f"Номер{number:02d}"),
                roles=(Role.STUDENT,),
            )
    _, body = await panel.get("/people", params={"q": "ученик", "role": "student"})
    page = text_of(body)
    assert "55 people found" in page
    assert "Page 1 of 2" in page
    assert page.count("Ученик Номер") == 50
    assert (
        'href="/people?q=%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D0%BA&amp;role=student&amp;page=2"' in body
    )
    assert (
        'href="/people/export.xlsx?q=%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D0%BA&amp;role=student"'
        in body
    )
    _, body = await panel.get("/people", params={"q": "ученик", "role": "student", "page": "2"})
    assert text_of(body).count("Ученик Номер") == 5
    assert "Page 2 of 2" in text_of(body)
    response, _ = await panel.get("/people", params={"page": "x"})
    assert response.status == 200


async def test_an_iin_with_a_bad_check_digit_is_refused_and_nothing_is_stored(deps, panel):
    admin = await signed_in_admin(deps, panel)
    good = valid_iin(date(2012, 3, 4), female=True)
    bad = good[:11] + str((int(good[11]) + 1) % 10)
    response, body = await panel.post("/people/new", person_form(iin=bad, phone="8 701 123 45 67"))
    assert response.status == 400
    assert "its check digit does not match" in text_of(body)
    # What the user typed is still there.
    assert 'value="Семёнова"' in body
    assert f'value="{bad}"' in body
    assert 'value="8 701 123 45 67"' in body
    assert 'value="student" checked' in body
    assert await matches(admin, "семенова") == []


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"last_name": "  "}, "The last name is missing."),
        ({"first_name": ""}, "The first name is missing."),
        ({"phone": "12345"}, "“12345” is not a valid phone number"),
        ({"iin": "12345"}, "An IIN has exactly 12 digits."),
        ({"birth_date": "31.02.2010"}, "“31.02.2010” is not a date."),
        ({"roles": ""}, "Choose at least one role."),
    ],
)
async def test_bad_input_gets_a_clear_message_and_changes_nothing(deps, panel, values, message):
    admin = await signed_in_admin(deps, panel)
    response, body = await panel.post("/people/new", person_form(**values))
    assert response.status == 400
    assert message in text_of(body)
    assert await matches(admin, "әсел") == []


async def test_a_duplicate_iin_is_refused_with_the_name_of_whoever_has_it(deps, panel):
    admin = await signed_in_admin(deps, panel)
    iin = valid_iin()
    await create_person(
        deps, admin, data=PersonData("Омаров", "Нұрлан", iin=iin), roles=(Role.STUDENT,)
    )
    response, body = await panel.post("/people/new", person_form(iin=iin))
    assert response.status == 409
    assert f"A person with IIN {iin} is already on record: Омаров Нұрлан." in text_of(body)
    assert await matches(admin, iin) == ["Омаров Нұрлан"]


async def test_the_edit_form_is_prefilled_and_saves_changes(deps, panel):
    admin = await signed_in_admin(deps, panel)
    card = await create_person(
        deps,
        admin,
        data=PersonData("Омаров", "Нұрлан", birth_date=date(2011, 1, 2), phone="+77011234567"),
        roles=(Role.STUDENT,),
    )
    _, body = await panel.get(f"/people/{card.id}/edit")
    assert 'value="Омаров"' in body
    assert 'value="2011-01-02"' in body
    assert 'value="+77011234567"' in body
    response, body = await panel.post(
        f"/people/{card.id}/edit",
        person_form(last_name="Омаров", first_name="Нұрлан", phone="8 (702) 000-00-00"),
    )
    assert str(response.url).endswith(f"/people/{card.id}")
    assert "Saved." in text_of(body)
    assert "+77020000000" in text_of(body)

    response, body = await panel.post(f"/people/{card.id}/edit", person_form(first_name=""))
    assert response.status == 400
    assert "The first name is missing." in text_of(body)
    assert (await person_card(admin, card.id)).first_name == "Нұрлан"


async def test_archive_then_restore_moves_the_person_in_and_out_of_the_archived_filter(
    deps, panel
):
    admin = await signed_in_admin(deps, panel)
    card = await create_person(
        deps, admin, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )

    _, body = await panel.post(f"/people/{card.id}/archive")
    assert "The person is archived." in text_of(body)
    assert "Restore" in text_of(body)
    _, body = await panel.get("/people", params={"archived": "1"})
    assert "Омаров Нұрлан archived" in text_of(body)
    _, body = await panel.get("/people")
    assert "Омаров Нұрлан" not in text_of(body)

    response, body = await panel.post(f"/people/{card.id}/archive")
    assert response.status == 409
    assert "This person is already archived." in text_of(body)

    _, body = await panel.post(f"/people/{card.id}/restore")
    assert "The person is restored." in text_of(body)
    _, body = await panel.get("/people", params={"archived": "1"})
    assert "Омаров Нұрлан" not in text_of(body)
    _, body = await panel.get("/people")
    assert "Омаров Нұрлан" in text_of(body)


@pytest.mark.parametrize(
    "path", ["/people/abc", "/people/1x/edit", "/people/99999999999999999999"]
)
async def test_a_bad_person_id_in_the_address_is_a_not_found_page(deps, panel, path):
    await signed_in_admin(deps, panel)
    response, body = await panel.get(path)
    assert response.status == 404
    assert "This page does not exist." in text_of(body)


async def test_someone_elses_person_is_not_found_and_cannot_be_touched(deps, panel):
    await signed_in_admin(deps, panel)
    other = await make_organisation(deps, name="Басқа мектеп")
    stranger = await create_person(
        deps, other, data=PersonData("Бөтен", "Адам"), roles=(Role.STUDENT,)
    )
    for path in (f"/people/{stranger.id}", f"/people/{stranger.id}/edit"):
        response, _ = await panel.get(path)
        assert response.status == 404
    response, _ = await panel.post(f"/people/{stranger.id}/archive")
    assert response.status == 404
    assert (await person_card(other, stranger.id)).roles == (Role.STUDENT,)


async def test_a_teacher_cannot_archive_and_sees_no_button(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.TEACHER, login="teacher@taraz.kz")
    student = await create_person(
        deps, system, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    await panel.sign_in("teacher@taraz.kz")
    response, body = await panel.get(f"/people/{student.id}")
    assert response.status == 403
    assert "Archive" not in text_of(body)
    response, body = await panel.post(f"/people/{student.id}/archive")
    assert response.status == 403
    assert "You do not have permission to do this." in text_of(body)
    response, _ = await panel.get("/people/new")
    assert response.status == 403
    assert (await person_card(system, student.id)).roles == (Role.STUDENT,)


async def test_a_curator_sees_the_card_without_edit_or_archive_and_is_refused(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.CURATOR, login="curator@taraz.kz")
    student = await create_person(
        deps, system, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    await panel.sign_in("curator@taraz.kz")
    response, body = await panel.get(f"/people/{student.id}")
    assert response.status == 200
    assert "Омаров Нұрлан" in text_of(body)
    assert "Archive" not in text_of(body)
    assert "Edit" not in text_of(body)
    assert f"/people/{student.id}/archive" not in body
    _, body = await panel.get("/people")
    assert "Add a person" not in text_of(body)
    response, body = await panel.post(f"/people/{student.id}/archive")
    assert response.status == 403
    assert "You do not have permission to do this." in text_of(body)
    response, _ = await panel.post(f"/people/{student.id}/edit", person_form())
    assert response.status == 403
    assert (await person_card(system, student.id)).roles == (Role.STUDENT,)
    assert (await person_card(system, student.id)).first_name == "Нұрлан"


async def test_a_role_is_added_from_the_card(deps, panel):
    admin = await signed_in_admin(deps, panel)
    card = await create_person(
        deps, admin, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    _, body = await panel.post(f"/people/{card.id}/roles", {"role": "curator"})
    assert "The role is added." in text_of(body)
    assert (await person_card(admin, card.id)).roles == (Role.CURATOR, Role.STUDENT)
    response, body = await panel.post(f"/people/{card.id}/roles", {"role": "wizard"})
    assert response.status == 400
    assert "Choose a role from the list." in text_of(body)


async def test_a_parent_is_linked_from_the_select_and_both_cards_show_it(deps, panel):
    admin = await signed_in_admin(deps, panel)
    child = await create_person(
        deps, admin, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    parent = await create_person(
        deps, admin, data=PersonData("Омарова", "Айгүл"), roles=(Role.PARENT,)
    )
    _, body = await panel.get(f"/people/{child.id}")
    assert f'<option value="{parent.id}">Омарова Айгүл</option>' in body
    _, body = await panel.get(f"/people/{child.id}", params={"parent_q": "жоқ"})
    assert "No parent on record matches." in text_of(body)

    _, body = await panel.post(f"/people/{child.id}/parents", {"parent_id": str(parent.id)})
    assert "The parent is linked." in text_of(body)
    assert f'<a href="/people/{parent.id}">Омарова Айгүл</a>' in body
    _, body = await panel.get(f"/people/{parent.id}")
    assert f'<a href="/people/{child.id}">Омаров Нұрлан</a>' in body

    response, body = await panel.post(f"/people/{child.id}/parents", {"parent_id": str(parent.id)})
    assert response.status == 409
    assert "These two are already linked as parent and child." in text_of(body)
    response, body = await panel.post(f"/people/{child.id}/parents", {"parent_id": "abc"})
    assert response.status == 400
    assert "“abc” is not a whole number." in text_of(body)


async def test_a_new_parent_made_from_the_childs_card_is_linked_at_once(deps, panel):
    admin = await signed_in_admin(deps, panel)
    child = await create_person(
        deps, admin, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    _, body = await panel.get(f"/people/new?role=parent&child={child.id}")
    assert "The new person will be linked as a parent of Омаров Нұрлан." in text_of(body)
    assert 'value="parent" checked' in body
    response, body = await panel.post(
        "/people/new",
        person_form(last_name="Омарова", first_name="Айгүл", roles="parent", child=str(child.id)),
    )
    assert str(response.url).endswith(f"/people/{child.id}")
    assert "Saved. Омарова Айгүл is linked as a parent." in text_of(body)
    assert [name for _, name in (await person_card(admin, child.id)).parents] == ["Омарова Айгүл"]

    # A refused form creates neither the parent nor the link.
    response, _ = await panel.post(
        "/people/new", person_form(last_name="", roles="parent", child=str(child.id))
    )
    assert response.status == 400
    assert len((await person_card(admin, child.id)).parents) == 1


async def test_web_credentials_set_on_the_card_let_the_person_sign_in(deps, panel):
    admin = await signed_in_admin(deps, panel)
    card = await create_person(
        deps,
        admin,
        data=PersonData("Омаров", "Нұрлан", email="nurlan@taraz.kz"),
        roles=(Role.TEACHER,),
    )
    _, body = await panel.get(f"/people/{card.id}")
    assert "No account yet" in text_of(body)
    assert 'value="nurlan@taraz.kz"' in body
    response, body = await panel.post(
        f"/people/{card.id}/credentials",
        {"login": "nurlan@taraz.kz", "password": "secret pass", "password_again": "other pass"},
    )
    assert response.status == 400
    assert "The two passwords differ." in text_of(body)
    response, body = await panel.post(
        f"/people/{card.id}/credentials",
        {"login": "nurlan@taraz.kz", "password": "short", "password_again": "short"},
    )
    assert "The password must be at least 8 characters long." in text_of(body)
    _, body = await panel.post(
        f"/people/{card.id}/credentials",
        {"login": "nurlan@taraz.kz", "password": "secret pass", "password_again": "secret pass"},
    )
    assert "The login and password are set." in text_of(body)
    assert "Web login: nurlan@taraz.kz" in text_of(body)

    await panel.post("/logout")
    response = await panel.sign_in("nurlan@taraz.kz", "secret pass")
    assert response.status == 200
    assert "Sign out" in text_of(await response.text())


async def test_a_photo_is_stored_square_and_a_non_picture_is_refused(deps, panel):
    import io

    from aiohttp import FormData
    from PIL import Image

    admin = await signed_in_admin(deps, panel)
    person_id = await make_student(deps, admin)
    await panel.get(f"/people/{person_id}")
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), "teal").save(picture, format="JPEG")
    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("photo", picture.getvalue(), filename="me.jpg", content_type="image/jpeg")
    response, body = await panel.post(f"/people/{person_id}/photo", form)
    assert response.status == 200
    photo = await panel.client.get(f"/people/{person_id}/photo")
    assert Image.open(io.BytesIO(await photo.read())).size == (300, 300)

    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("photo", b"not a picture", filename="virus.png", content_type="image/png")
    response, body = await panel.post(f"/people/{person_id}/photo", form)
    assert response.status == 400
    assert "JPG or PNG" in text_of(body)


async def test_the_card_says_when_telegram_reports_the_bot_blocked(deps, panel, clock):
    from core.services.accounts import create_invitation
    from core.services.telegram import link_telegram, mark_reachable, mark_unreachable

    admin = await signed_in_admin(deps, panel)
    person_id = await make_student(deps, admin)
    code = (await create_invitation(deps, admin, person_id=person_id)).code
    await link_telegram(deps, code=code, telegram_user_id=777001, language="ru")
    _, body = await panel.get(f"/people/{person_id}")
    assert "Telegram linked" in text_of(body)
    assert "Unreachable in Telegram" not in text_of(body)

    await mark_unreachable(deps, 777001)
    _, body = await panel.get(f"/people/{person_id}")
    assert "Unreachable in Telegram since" in text_of(body)

    await mark_reachable(777001)
    _, body = await panel.get(f"/people/{person_id}")
    assert "Unreachable in Telegram" not in text_of(body)
