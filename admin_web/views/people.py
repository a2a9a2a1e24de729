"""People: the list with search and filters, the card, the add/edit form and card actions."""

from __future__ import annotations

from dataclasses import fields
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from admin_web.forms import FormData, integer, optional_date, query_int, text
from admin_web.keys import actor_of, deps_of, granted_of, language_of
from admin_web.render import flash, render, render_error
from core.errors import InvalidInput, PermissionDenied, SabaqError
from core.i18n import N_
from core.permissions import ROLE_LABELS, STAFF_ROLES, Permission
from core.services.academics import person_groups
from core.services.accounts import create_invitation, list_invitations, set_credentials
from core.services.career_profiles import profiles_open_to
from core.services.feedback import RECENT_DAYS, Average, format_rating, teacher_ratings
from core.services.people import (
    Gender,
    PeopleFilter,
    PersonCard,
    PersonData,
    Role,
    add_role,
    archive_person,
    choose_people,
    create_person,
    link_parent,
    list_people,
    person_card,
    person_photo,
    restore_person,
    set_photo,
    update_person,
)

routes = web.RouteTableDef()

PAGE_SIZE = 50
PARENT_CHOICES = 200
FORM_FIELDS = tuple(field.name for field in fields(PersonData))
GENDER_LABELS: dict[Gender, str] = {Gender.FEMALE: N_("Female"), Gender.MALE: N_("Male")}


def _path_id(request: web.Request) -> int:
    """The ``{id}`` of the URL (the route only matches digits; core answers unknown ids)."""
    return int(request.match_info["id"])


def _role(value: str | None) -> Role | None:
    try:
        return Role(value) if value else None
    except ValueError:
        return None


def _common(permissions: frozenset[Permission]) -> dict[str, Any]:
    return {
        "role_labels": ROLE_LABELS,
        "all_roles": list(Role),
        "gender_labels": GENDER_LABELS,
        "can_manage": Permission.PEOPLE_MANAGE in permissions,
        "can_invite": Permission.INVITATIONS_MANAGE in permissions,
        "can_export": Permission.PEOPLE_EXPORT in permissions,
        "can_import": Permission.PEOPLE_IMPORT in permissions,
    }


# --- the list -------------------------------------------------------------------------------


@routes.get("/people")
async def people_list(request: web.Request) -> web.Response:
    actor = actor_of(request)
    query = request.query.get("q", "")[:200].strip()
    role = _role(request.query.get("role"))
    archived = request.query.get("archived") == "1"
    filters = PeopleFilter(query=query, role=role, archived=archived)
    page = await list_people(
        actor,
        filters=filters,
        page=max(1, query_int(request.query.get("page"), 1)),
        page_size=PAGE_SIZE,
    )
    params = {"q": query, "role": role.value if role else "", "archived": "1" if archived else ""}
    filter_query = urlencode({key: value for key, value in params.items() if value})
    # The teachers list shows each teacher's rating to those who read feedback.
    show_ratings = role is Role.TEACHER and Permission.FEEDBACK_VIEW in granted_of(request)
    ratings = (
        await teacher_ratings(deps_of(request), actor, teacher_ids=[row.id for row in page.rows])
        if show_ratings
        else {}
    )
    return await render(
        request,
        "people/list.html",
        {
            **_common(granted_of(request)),
            **_rating_helpers(request),
            "page": page,
            "query": query,
            "role": role,
            "archived": archived,
            "filter_query": filter_query,
            "show_ratings": show_ratings,
            "ratings": ratings,
        },
    )


def _rating_helpers(request: web.Request) -> dict[str, Any]:
    language = language_of(request)
    return {
        "rating_text": lambda average: format_rating(average, language),
        "rating_days": RECENT_DAYS,
    }


async def _teacher_rating(request: web.Request, card: PersonCard) -> tuple[bool, Average | None]:
    """Whether the card shows a teacher rating (to readers of feedback and to the teacher
    themselves), and the rating of the last days (None: no ratings yet)."""
    actor = actor_of(request)
    shown = Role.TEACHER in card.roles and (
        Permission.FEEDBACK_VIEW in granted_of(request) or card.id == actor.person_id
    )
    if not shown:
        return False, None
    ratings = await teacher_ratings(deps_of(request), actor, teacher_ids=[card.id])
    return True, ratings.get(card.id)


# --- the add/edit form ----------------------------------------------------------------------


def _form_values(form: FormData) -> dict[str, str]:
    return {name: text(form, name, limit=2000 if name == "notes" else 300) for name in FORM_FIELDS}


def _person_data(values: dict[str, str], form: FormData) -> PersonData:
    """The typed form, or InvalidInput naming the field (parsed before the service call)."""
    gender_raw = values["gender"]
    try:
        gender = Gender(gender_raw) if gender_raw else None
    except ValueError:
        raise InvalidInput(N_("Choose a gender from the list."), field="gender") from None
    return PersonData(
        last_name=values["last_name"],
        first_name=values["first_name"],
        middle_name=values["middle_name"],
        birth_date=optional_date(form, "birth_date"),
        gender=gender,
        iin=values["iin"],
        phone=values["phone"],
        email=values["email"],
        notes=values["notes"],
    )


def _card_values(card: PersonCard) -> dict[str, str]:
    return {
        "last_name": card.last_name,
        "first_name": card.first_name,
        "middle_name": card.middle_name,
        "birth_date": card.birth_date.isoformat() if card.birth_date else "",
        "gender": card.gender.value if card.gender else "",
        "iin": card.iin or "",
        "phone": card.phone,
        "email": card.email,
        "notes": card.notes,
    }


async def _form_common(request: web.Request) -> dict[str, Any]:
    """What every form page needs; a form the user could never submit is not shown at all.

    The services refuse the POST on their own; this only spares the user a useless form.
    """
    common = _common(granted_of(request))
    if not common["can_manage"]:
        raise PermissionDenied()
    return common


async def _new_context(request: web.Request, child_id: int | None) -> dict[str, Any]:
    common = await _form_common(request)
    child = await person_card(actor_of(request), child_id) if child_id is not None else None
    return {**common, "person": None, "child": child}


def _child_id(raw: str | None) -> int | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise web.HTTPNotFound()
    return int(raw)


@routes.get("/people/new")
async def person_new_form(request: web.Request) -> web.Response:
    child_id = _child_id(request.query.get("child"))
    role = _role(request.query.get("role"))
    roles = {role} if role else set()
    if child_id is not None:
        roles.add(Role.PARENT)
    context = await _new_context(request, child_id)
    values = dict.fromkeys(FORM_FIELDS, "")
    return await render(request, "people/form.html", {**context, "values": values, "roles": roles})


@routes.post("/people/new")
async def person_create(request: web.Request) -> web.Response:
    form = await request.post()
    child_id = _child_id(text(form, "child", limit=20))
    actor = actor_of(request)
    child = await person_card(actor, child_id) if child_id is not None else None
    context = {**_common(granted_of(request)), "person": None, "child": child}
    values = _form_values(form)
    chosen = {
        role
        for role in (_role(raw) for raw in form.getall("roles", []) if isinstance(raw, str))
        if role
    }
    try:
        card = await create_person(
            deps_of(request),
            actor,
            data=_person_data(values, form),
            roles=tuple(role for role in Role if role in chosen),
            parent_of=child_id,
        )
    except SabaqError as error:
        if isinstance(error, PermissionDenied) and not context["can_manage"]:
            raise  # not a form problem: the error page says so
        return await render_error(
            request,
            "people/form.html",
            {**context, "values": values, "roles": chosen},
            error,
        )
    if child_id is not None:
        await flash(request, N_("Saved. {name} is linked as a parent."), name=card.full_name)
        raise web.HTTPSeeOther(f"/people/{child_id}")
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/people/{card.id}")


@routes.get(r"/people/{id:\d+}/edit")
async def person_edit_form(request: web.Request) -> web.Response:
    common = await _form_common(request)
    card = await person_card(actor_of(request), _path_id(request))
    return await render(
        request,
        "people/form.html",
        {
            **common,
            "person": card,
            "child": None,
            "values": _card_values(card),
            "roles": set(card.roles),
        },
    )


@routes.post(r"/people/{id:\d+}/edit")
async def person_update(request: web.Request) -> web.Response:
    actor = actor_of(request)
    person_id = _path_id(request)
    form = await request.post()
    values = _form_values(form)
    try:
        await update_person(
            deps_of(request), actor, person_id=person_id, data=_person_data(values, form)
        )
    except SabaqError as error:
        card = await person_card(actor, person_id)
        context = {
            **_common(granted_of(request)),
            "person": card,
            "child": None,
            "values": values,
            "roles": set(card.roles),
        }
        return await render_error(request, "people/form.html", context, error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther(f"/people/{person_id}")


# --- the card -------------------------------------------------------------------------------


async def _card_context(
    request: web.Request, person_id: int, *, parent_query: str = ""
) -> dict[str, Any]:
    actor = actor_of(request)
    card = await person_card(actor, person_id)
    permissions = granted_of(request)
    common = _common(permissions)
    parent_choices = []
    if common["can_manage"]:
        linked = {parent_id for parent_id, _ in card.parents}
        parent_choices = [
            row
            for row in await choose_people(
                actor, role=Role.PARENT, query=parent_query, limit=PARENT_CHOICES
            )
            if row.id != card.id and row.id not in linked
        ]
    invitations = (
        [
            invitation
            for invitation in await list_invitations(actor, person_id=person_id, limit=20)
            if invitation.state(deps_of(request).clock.now()) == "open"
        ]
        if common["can_invite"]
        else []
    )
    show_rating, rating = await _teacher_rating(request, card)
    return {
        **common,
        **_rating_helpers(request),
        "show_teacher_rating": show_rating,
        "teacher_rating": rating,
        "card": card,
        "can_career": card.id in await profiles_open_to(actor, [card.id]),
        "groups": await person_groups(actor, person_id),
        "addable_roles": [role for role in Role if role not in card.roles],
        "parent_choices": parent_choices,
        "parent_query": parent_query,
        "invitations": invitations,
        "origin": str(request.url.origin()),
        "credentials_login": card.login or card.email,
        # Students and parents sign in through Telegram; a web password is for staff.
        "is_staff": any(role in STAFF_ROLES for role in card.roles),
    }


@routes.get(r"/people/{id:\d+}")
async def person_view(request: web.Request) -> web.Response:
    context = await _card_context(
        request, _path_id(request), parent_query=request.query.get("parent_q", "")[:100].strip()
    )
    return await render(request, "people/card.html", context)


async def _card_action(
    request: web.Request, person_id: int, error: SabaqError, **extra: Any
) -> web.Response:
    """The card again with the refusal next to the actions (and what the user typed)."""
    context = await _card_context(request, person_id)
    return await render_error(request, "people/card.html", {**context, **extra}, error)


@routes.post(r"/people/{id:\d+}/archive")
async def person_archive(request: web.Request) -> web.Response:
    person_id = _path_id(request)
    try:
        await archive_person(deps_of(request), actor_of(request), person_id=person_id)
    except SabaqError as error:
        return await _card_action(request, person_id, error)
    await flash(request, N_("The person is archived."))
    raise web.HTTPSeeOther(f"/people/{person_id}")


@routes.post(r"/people/{id:\d+}/restore")
async def person_restore(request: web.Request) -> web.Response:
    person_id = _path_id(request)
    try:
        await restore_person(deps_of(request), actor_of(request), person_id=person_id)
    except SabaqError as error:
        return await _card_action(request, person_id, error)
    await flash(request, N_("The person is restored."))
    raise web.HTTPSeeOther(f"/people/{person_id}")


@routes.post(r"/people/{id:\d+}/roles")
async def person_add_role(request: web.Request) -> web.Response:
    person_id = _path_id(request)
    form = await request.post()
    try:
        role = _role(text(form, "role", limit=40))
        if role is None:
            raise InvalidInput(N_("Choose a role from the list."), field="role")
        await add_role(deps_of(request), actor_of(request), person_id=person_id, role=role)
    except SabaqError as error:
        return await _card_action(request, person_id, error)
    await flash(request, N_("The role is added."))
    raise web.HTTPSeeOther(f"/people/{person_id}")


@routes.post(r"/people/{id:\d+}/parents")
async def person_link_parent(request: web.Request) -> web.Response:
    person_id = _path_id(request)
    form = await request.post()
    try:
        parent_id = integer(form, "parent_id")
        await link_parent(
            deps_of(request), actor_of(request), parent_id=parent_id, child_id=person_id
        )
    except SabaqError as error:
        return await _card_action(request, person_id, error)
    await flash(request, N_("The parent is linked."))
    raise web.HTTPSeeOther(f"/people/{person_id}")


@routes.post(r"/people/{id:\d+}/credentials")
async def person_credentials(request: web.Request) -> web.Response:
    person_id = _path_id(request)
    form = await request.post()
    login = text(form, "login", limit=200)
    password = text(form, "password", limit=500)
    try:
        if password != text(form, "password_again", limit=500):
            raise InvalidInput(N_("The two passwords differ."), field="password")
        await set_credentials(
            deps_of(request),
            actor_of(request),
            person_id=person_id,
            login=login,
            password=password,
        )
    except SabaqError as error:
        return await _card_action(request, person_id, error, credentials_login=login)
    await flash(request, N_("The login and password are set."))
    raise web.HTTPSeeOther(f"/people/{person_id}")


@routes.post(r"/people/{id:\d+}/invite")
async def person_invite(request: web.Request) -> web.Response:
    person_id = _path_id(request)
    try:
        invitation = await create_invitation(
            deps_of(request), actor_of(request), person_id=person_id
        )
    except SabaqError as error:
        return await _card_action(request, person_id, error)
    await flash(request, N_("Invitation created: code {code}."), code=invitation.code)
    raise web.HTTPSeeOther(f"/people/{person_id}#invitations")


@routes.post(r"/people/{id:\d+}/photo")
async def person_photo_upload(request: web.Request) -> web.Response:
    person_id = _path_id(request)
    form = await request.post()
    upload = form.get("photo")
    data = upload.file.read() if isinstance(upload, web.FileField) else b""
    try:
        await set_photo(deps_of(request), actor_of(request), person_id=person_id, data=data)
    except SabaqError as error:
        return await _card_action(request, person_id, error)
    await flash(request, N_("Photo saved."))
    raise web.HTTPSeeOther(f"/people/{person_id}")


@routes.get(r"/people/{id:\d+}/photo")
async def person_photo_view(request: web.Request) -> web.Response:
    png = await person_photo(deps_of(request), actor_of(request), person_id=_path_id(request))
    if png is None:
        raise web.HTTPNotFound()
    return web.Response(
        body=png, content_type="image/png", headers={"Cache-Control": "private, max-age=300"}
    )
