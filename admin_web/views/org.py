"""Organisation settings: names, time zone, contacts, feature toggles, logo and the tree."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from admin_web.forms import FormData, integer, text
from admin_web.keys import actor_of, deps_of, granted_of
from admin_web.render import flash, render, render_error
from core.config import LANGUAGES
from core.errors import Conflict, InvalidInput
from core.i18n import N_
from core.permissions import Permission
from core.services.orgs import (
    ALLOWED_CHILDREN,
    FEATURES,
    KIND_LABELS,
    OrganisationData,
    OrganisationKind,
    OrganisationView,
    create_organisation,
    get_organisation,
    list_subtree,
    logo_bytes,
    set_features,
    set_logo,
    update_organisation,
)

routes = web.RouteTableDef()

TEMPLATE = "org/settings.html"
#: Errors a form shows next to its fields; NotFound and PermissionDenied become 404/403 pages.
FORM_ERRORS = (InvalidInput, Conflict)

#: The zones offered in the form: Kazakhstan's and Kyrgyzstan's (plus the current value).
COMMON_TIMEZONES = (
    "Asia/Almaty",
    "Asia/Qostanay",
    "Asia/Aqtobe",
    "Asia/Aqtau",
    "Asia/Atyrau",
    "Asia/Oral",
    "Asia/Qyzylorda",
    "Asia/Bishkek",
)
LANGUAGE_LABELS = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English")}
_SETTINGS_FIELDS = tuple(OrganisationData.__dataclass_fields__)
_NAME_FIELDS = ("name_kk", "name_ru", "name_en")


def _values_of(organisation: OrganisationView) -> dict[str, str]:
    return {name: str(getattr(organisation, name)) for name in _SETTINGS_FIELDS}


def _kind_of(raw: str) -> OrganisationKind | None:
    return next((kind for kind in KIND_LABELS if kind.value == raw), None)


async def _page(
    request: web.Request,
    *,
    values: dict[str, str] | None = None,
    child: dict[str, str] | None = None,
    parent_id: int | None = None,
) -> dict[str, Any]:
    """Everything the settings page shows; forms keep what the user typed."""
    actor = actor_of(request)
    organisation = await get_organisation(actor)
    tree = await list_subtree(actor)
    can_manage = Permission.ORG_MANAGE in granted_of(request)
    values = values or _values_of(organisation)
    timezones = list(COMMON_TIMEZONES)
    for zone in (organisation.timezone, values.get("timezone", "")):
        if zone and zone not in timezones:
            timezones.append(zone)
    by_id = {org.id: org for _, org in tree}
    parents = [org for _, org in tree if ALLOWED_CHILDREN[org.kind]]
    parent = by_id.get(parent_id or organisation.id)
    if parent is None or not ALLOWED_CHILDREN[parent.kind]:
        parent = parents[0] if parents else None
    child_kinds = (
        [kind for kind in KIND_LABELS if kind in ALLOWED_CHILDREN[parent.kind]] if parent else []
    )
    return {
        "current": organisation,
        "values": values,
        "timezones": timezones,
        "languages": [(code, LANGUAGE_LABELS[code]) for code in LANGUAGES],
        "features": [
            (name, label, organisation.feature_enabled(name)) for name, label in FEATURES.items()
        ],
        "tree": tree,
        "kind_labels": KIND_LABELS,
        "allowed_children": ALLOWED_CHILDREN,
        "parent": parent,
        "child_kinds": child_kinds,
        "child": {
            **dict.fromkeys(_NAME_FIELDS, ""),
            "kind": child_kinds[0].value if child_kinds else "",
            **(child or {}),
        },
        "can_manage": can_manage,
    }


def _organisation_data(form: FormData, *, fallback: OrganisationView) -> OrganisationData:
    return OrganisationData(
        name_kk=text(form, "name_kk", limit=300),
        name_ru=text(form, "name_ru", limit=300),
        name_en=text(form, "name_en", limit=300),
        timezone=text(form, "timezone", limit=100).strip() or fallback.timezone,
        default_language=text(form, "default_language", limit=5) or fallback.default_language,
        phone=text(form, "phone", limit=50),
        email=text(form, "email", limit=300),
        address=text(form, "address", limit=600),
        city=text(form, "city", limit=200),
        website=text(form, "website", limit=300),
    )


@routes.get("/organisation")
async def settings_page(request: web.Request) -> web.Response:
    parent_id = request.query.get("parent", "")
    context = await _page(request, parent_id=int(parent_id) if parent_id.isdigit() else None)
    return await render(request, TEMPLATE, context)


@routes.post("/organisation")
async def settings_save(request: web.Request) -> web.Response:
    actor = actor_of(request)
    form = await request.post()
    values = {name: text(form, name, limit=600) for name in _SETTINGS_FIELDS}
    try:
        current = await get_organisation(actor)
        await update_organisation(
            deps_of(request),
            actor,
            organisation_id=actor.organisation_id,
            data=_organisation_data(form, fallback=current),
        )
    except FORM_ERRORS as error:
        return await render_error(request, TEMPLATE, await _page(request, values=values), error)
    await flash(request, N_("Saved."))
    raise web.HTTPSeeOther("/organisation")


@routes.post("/organisation/features")
async def features_save(request: web.Request) -> web.Response:
    actor = actor_of(request)
    form = await request.post()
    shown = {value for value in form.getall("feature", []) if isinstance(value, str)}
    try:
        await set_features(
            deps_of(request),
            actor,
            organisation_id=actor.organisation_id,
            enabled={feature: feature in shown for feature in FEATURES},
        )
    except FORM_ERRORS as error:
        return await render_error(request, TEMPLATE, await _page(request), error)
    await flash(request, N_("Saved. Hidden features keep all their data."))
    raise web.HTTPSeeOther("/organisation#features")


@routes.post("/organisation/logo")
async def logo_upload(request: web.Request) -> web.Response:
    actor = actor_of(request)
    form = await request.post()
    upload = form.get("logo")
    try:
        if not isinstance(upload, web.FileField):
            raise InvalidInput(N_("Choose a JPG or PNG picture to upload."), field="logo")
        # The upload limit is enforced by the service; read one byte past it so an
        # oversized file is refused without holding more of it in memory.
        data = upload.file.read(deps_of(request).settings.max_upload_bytes + 1)
        if not data:
            raise InvalidInput(N_("Choose a JPG or PNG picture to upload."), field="logo")
        await set_logo(deps_of(request), actor, organisation_id=actor.organisation_id, data=data)
    except FORM_ERRORS as error:
        return await render_error(request, TEMPLATE, await _page(request), error)
    await flash(request, N_("The logo is saved."))
    raise web.HTTPSeeOther("/organisation")


@routes.get("/organisation/logo")
async def logo_image(request: web.Request) -> web.Response:
    png = await logo_bytes(deps_of(request), actor_of(request))
    if png is None:
        raise web.HTTPNotFound()
    return web.Response(
        body=png, content_type="image/png", headers={"Cache-Control": "private, max-age=3600"}
    )


@routes.post("/organisation/children")
async def child_create(request: web.Request) -> web.Response:
    actor = actor_of(request)
    form = await request.post()
    child = {name: text(form, name, limit=300) for name in (*_NAME_FIELDS, "kind")}
    parent_id: int | None = None
    try:
        parent_id = integer(form, "parent_id")
        kind = _kind_of(child["kind"])
        if kind is None:
            raise InvalidInput(N_("Choose what kind of organisation it is."), field="kind")
        # A new organisation starts with its parent's time zone and language.
        parents = {org.id: org for _, org in await list_subtree(actor)}
        parent = parents.get(parent_id) or await get_organisation(actor)
        await create_organisation(
            deps_of(request),
            actor,
            parent_id=parent_id,
            kind=kind,
            data=OrganisationData(
                name_kk=child["name_kk"],
                name_ru=child["name_ru"],
                name_en=child["name_en"],
                timezone=parent.timezone,
                default_language=parent.default_language,
            ),
        )
    except FORM_ERRORS as error:
        context = await _page(request, child=child, parent_id=parent_id)
        return await render_error(request, TEMPLATE, context, error)
    await flash(request, N_("The organisation is added."))
    raise web.HTTPSeeOther("/organisation#tree")
