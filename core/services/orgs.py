"""Organisations: the tree, settings, feature toggles and the logo."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.actor import Actor
from core.config import LANGUAGES
from core.deps import Deps
from core.errors import InvalidInput, NotFound
from core.events import Event
from core.i18n import N_
from core.images import square_png, store_upload
from core.models.org import Organisation
from core.models.org import OrganisationKind as OrganisationKind  # noqa: PLC0414 - for adapters
from core.permissions import Permission, require
from core.phones import normalise_phone
from core.services.audit import do_record, snapshot
from core.tx import Tx, transaction

FEATURES: dict[str, str] = {
    "chat": N_("Chat"),
    "chat_parents": N_("Parents join their children's group chats"),
    "schedule": N_("Schedule and attendance"),
    "finance": N_("Finance"),
    "testing": N_("Tests and ratings"),
    "complaints": N_("Complaints"),
    "career": N_("Career guidance"),
    "judge": N_("Programming judge"),
    "timetable": N_("School timetables"),
    "broadcasts": N_("Broadcasts"),
}

KIND_LABELS: dict[OrganisationKind, str] = {
    OrganisationKind.AUTHORITY: N_("Education authority"),
    OrganisationKind.SCHOOL: N_("School"),
    OrganisationKind.LEARNING_CENTRE: N_("Learning centre"),
    OrganisationKind.UNIVERSITY: N_("University"),
    OrganisationKind.BRANCH: N_("Branch"),
}

#: Which kinds may sit under which: authority → school / centre / university → branch.
ALLOWED_CHILDREN: dict[OrganisationKind, frozenset[OrganisationKind]] = {
    OrganisationKind.AUTHORITY: frozenset(
        {
            OrganisationKind.AUTHORITY,
            OrganisationKind.SCHOOL,
            OrganisationKind.LEARNING_CENTRE,
            OrganisationKind.UNIVERSITY,
        }
    ),
    OrganisationKind.SCHOOL: frozenset({OrganisationKind.BRANCH}),
    OrganisationKind.LEARNING_CENTRE: frozenset({OrganisationKind.BRANCH}),
    OrganisationKind.UNIVERSITY: frozenset({OrganisationKind.BRANCH}),
    OrganisationKind.BRANCH: frozenset(),
}

LOGO_SIZE = 150
_AUDITED = (
    "kind",
    "name_kk",
    "name_ru",
    "name_en",
    "timezone",
    "default_language",
    "phone",
    "email",
    "address",
    "city",
    "website",
    "logo",
    "features",
)


@dataclass(frozen=True)
class OrganisationView:
    id: int
    parent_id: int | None
    kind: OrganisationKind
    name_kk: str
    name_ru: str
    name_en: str
    timezone: str
    default_language: str
    phone: str
    email: str
    address: str
    city: str
    website: str
    logo: str
    features: dict[str, bool]

    def name(self, language: str) -> str:
        """The name in ``language``, else the first name that is filled in."""
        preferred = getattr(self, f"name_{language}", "")
        return preferred or self.name_ru or self.name_kk or self.name_en

    def feature_enabled(self, feature: str) -> bool:
        return self.features.get(feature, True)


@dataclass(frozen=True)
class OrganisationData:
    """The editable settings of an organisation, already parsed by the adapter."""

    name_kk: str = ""
    name_ru: str = ""
    name_en: str = ""
    timezone: str = "Asia/Almaty"
    default_language: str = "ru"
    phone: str = ""
    email: str = ""
    address: str = ""
    city: str = ""
    website: str = ""


@dataclass(frozen=True)
class OrganisationSettingsChanged(Event):
    pass


def _view(org: Organisation) -> OrganisationView:
    return OrganisationView(
        id=org.id,
        parent_id=org.parent_id,  # type: ignore[attr-defined]
        kind=OrganisationKind(org.kind),
        name_kk=org.name_kk,
        name_ru=org.name_ru,
        name_en=org.name_en,
        timezone=org.timezone,
        default_language=org.default_language,
        phone=org.phone,
        email=org.email,
        address=org.address,
        city=org.city,
        website=org.website,
        logo=org.logo,
        features=dict(org.features or {}),
    )


def _clean(data: OrganisationData) -> OrganisationData:
    names = [data.name_kk.strip(), data.name_ru.strip(), data.name_en.strip()]
    if not any(names):
        raise InvalidInput(
            N_("Give the organisation a name in at least one language."), field="name_ru"
        )
    if any(len(name) > 200 for name in names):
        raise InvalidInput(
            N_("A name can be at most {limit} characters long."), field="name_ru", limit=200
        )
    try:
        ZoneInfo(data.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            N_("“{value}” is not a known time zone, for example Asia/Almaty."),
            field="timezone",
            value=data.timezone[:64],
        ) from None
    if data.default_language not in LANGUAGES:
        raise InvalidInput(N_("Choose Kazakh, Russian or English."), field="default_language")
    phone = data.phone.strip()
    if phone:
        phone = normalise_phone(phone)
    email = data.email.strip()
    if email and ("@" not in email or len(email) > 254 or " " in email):
        raise InvalidInput(
            N_("“{value}” is not an e-mail address."), field="email", value=email[:60]
        )
    return OrganisationData(
        name_kk=names[0],
        name_ru=names[1],
        name_en=names[2],
        timezone=data.timezone,
        default_language=data.default_language,
        phone=phone,
        email=email,
        address=data.address.strip()[:500],
        city=" ".join(data.city.split())[:100],
        website=data.website.strip()[:200],
    )


async def is_within(organisation_id: int, root_id: int) -> bool:
    """Whether ``organisation_id`` is ``root_id`` or one of its descendants."""
    return root_id in await organisations_above(organisation_id)


async def organisations_above(organisation_id: int) -> list[int]:
    """The organisation and its ancestors up to the root, nearest first."""
    chain: list[int] = []
    current: int | None = organisation_id
    while current is not None and current not in chain:
        chain.append(current)
        current = await Organisation.filter(id=current).first().values_list("parent_id", flat=True)  # type: ignore[assignment]
    return chain


async def access_organisation(
    actor: Actor, organisation_id: int, *, require_permission: Permission = Permission.ORG_VIEW
) -> Organisation:
    """The organisation if the actor works in it or above it and holds the permission.

    Raises:
        NotFound: it does not exist, or it is outside the actor's reach.
        PermissionDenied: it is within reach but the permission is missing.
    """
    org = await Organisation.get_or_none(id=organisation_id)
    if org is None or not (
        actor.is_system or await is_within(organisation_id, actor.organisation_id)
    ):
        raise NotFound()
    await require(actor, require_permission)
    return org


async def get_organisation(actor: Actor) -> OrganisationView:
    """The organisation the actor works in (every member may see its name and settings)."""
    org = await Organisation.get_or_none(id=actor.organisation_id)
    if org is None:
        raise NotFound()
    return _view(org)


async def list_subtree(actor: Actor) -> list[tuple[int, OrganisationView]]:
    """The actor's organisation and everything under it, as (depth, organisation), tree order.

    Raises:
        PermissionDenied: the actor may not see organisation settings.
    """
    await require(actor, Permission.ORG_VIEW)
    orgs = await Organisation.all().order_by("id")
    children: dict[int | None, list[Organisation]] = {}
    for org in orgs:
        children.setdefault(org.parent_id, []).append(org)  # type: ignore[attr-defined]
    root = next((org for org in orgs if org.id == actor.organisation_id), None)
    if root is None:
        raise NotFound()
    result: list[tuple[int, OrganisationView]] = []
    stack: list[tuple[int, Organisation]] = [(0, root)]
    while stack:
        depth, org = stack.pop()
        result.append((depth, _view(org)))
        stack.extend((depth + 1, child) for child in reversed(children.get(org.id, [])))
    return result


async def do_create_organisation(
    tx: Tx,
    actor: Actor,
    *,
    kind: OrganisationKind,
    data: OrganisationData,
    parent_id: int | None = None,
) -> Organisation:
    data = _clean(data)
    org = await Organisation.create(
        kind=kind,
        parent_id=parent_id,
        name_kk=data.name_kk,
        name_ru=data.name_ru,
        name_en=data.name_en,
        timezone=data.timezone,
        default_language=data.default_language,
        phone=data.phone,
        email=data.email,
        address=data.address,
        city=data.city,
        website=data.website,
        features={},
        created_at=tx.now,
    )
    await do_record(
        tx,
        actor,
        action="organisation.create",
        object_type="organisation",
        object_id=org.id,
        after=snapshot(org, _AUDITED),
    )
    return org


async def create_organisation(
    deps: Deps,
    actor: Actor,
    *,
    parent_id: int,
    kind: OrganisationKind,
    data: OrganisationData,
) -> OrganisationView:
    """Add an organisation under ``parent_id`` (a school under an authority, a branch, ...).

    Raises:
        NotFound: the parent is outside the actor's reach.
        PermissionDenied: the actor may not manage organisations.
        InvalidInput: this kind cannot sit under the parent's kind, or a setting is invalid.
    """
    async with transaction(deps) as tx:
        parent = await access_organisation(
            actor, parent_id, require_permission=Permission.ORG_MANAGE
        )
        if kind not in ALLOWED_CHILDREN[OrganisationKind(parent.kind)]:
            raise InvalidInput(
                N_("This kind of organisation cannot be placed here."), field="kind"
            )
        org = await do_create_organisation(tx, actor, kind=kind, data=data, parent_id=parent.id)
    return _view(org)


async def update_organisation(
    deps: Deps, actor: Actor, *, organisation_id: int, data: OrganisationData
) -> OrganisationView:
    """Change names, time zone, language and contacts.

    Raises:
        NotFound: outside the actor's reach.
        PermissionDenied: the actor may not manage organisations.
        InvalidInput: a setting is invalid (names the field).
    """
    data = _clean(data)
    async with transaction(deps) as tx:
        org = await access_organisation(
            actor, organisation_id, require_permission=Permission.ORG_MANAGE
        )
        before = snapshot(org, _AUDITED)
        for name in OrganisationData.__dataclass_fields__:
            setattr(org, name, getattr(data, name))
        await org.save()
        await do_record(
            tx,
            actor,
            action="organisation.update",
            object_type="organisation",
            object_id=org.id,
            before=before,
            after=snapshot(org, _AUDITED),
        )
        tx.emit(OrganisationSettingsChanged(organisation_id=org.id))
    return _view(org)


async def set_feature(
    deps: Deps, actor: Actor, *, organisation_id: int, feature: str, enabled: bool
) -> OrganisationView:
    """Show or hide a feature. Hiding never deletes the feature's data.

    Raises:
        NotFound: outside the actor's reach.
        PermissionDenied: the actor may not manage organisations.
        InvalidInput: unknown feature.
    """
    return await set_features(
        deps, actor, organisation_id=organisation_id, enabled={feature: enabled}
    )


async def set_features(
    deps: Deps, actor: Actor, *, organisation_id: int, enabled: Mapping[str, bool]
) -> OrganisationView:
    """Show or hide several features at once (the settings form's checkbox list).

    Features not named in ``enabled`` keep their state; hiding never deletes data.

    Raises:
        NotFound: outside the actor's reach.
        PermissionDenied: the actor may not manage organisations.
        InvalidInput: an unknown feature.
    """
    if any(feature not in FEATURES for feature in enabled):
        raise InvalidInput(N_("Unknown feature."), field="feature")
    async with transaction(deps) as tx:
        org = await access_organisation(
            actor, organisation_id, require_permission=Permission.ORG_MANAGE
        )
        before = dict(org.features or {})
        after = {**before, **{feature: bool(on) for feature, on in enabled.items()}}
        if after != before:
            org.features = after
            await org.save(update_fields=["features"])
            await do_record(
                tx,
                actor,
                action="organisation.feature",
                object_type="organisation",
                object_id=org.id,
                before={"features": before},
                after={"features": after},
            )
    return _view(org)


async def set_logo(
    deps: Deps, actor: Actor, *, organisation_id: int, data: bytes
) -> OrganisationView:
    """Store the organisation's logo, resized to 150×150.

    Raises:
        NotFound: outside the actor's reach.
        PermissionDenied: the actor may not manage organisations.
        InvalidInput: not a JPG/PNG, unreadable, or larger than the upload limit.
    """
    png = square_png(data, size=LOGO_SIZE, max_bytes=deps.settings.max_upload_bytes, field="logo")
    async with transaction(deps) as tx:
        org = await access_organisation(
            actor, organisation_id, require_permission=Permission.ORG_MANAGE
        )
        relative = store_upload(deps.settings, f"logos/organisation-{org.id}", png, tx.now)
        before = org.logo
        org.logo = relative
        await org.save(update_fields=["logo"])
        await do_record(
            tx,
            actor,
            action="organisation.logo",
            object_type="organisation",
            object_id=org.id,
            before={"logo": before},
            after={"logo": relative},
        )
    return _view(org)


async def logo_bytes(deps: Deps, actor: Actor) -> bytes | None:
    """The PNG logo of the organisation the actor works in, or ``None`` when it has none.

    Every member may see their organisation's logo, as they see its name.

    Raises:
        NotFound: the actor's organisation is gone.
    """
    org = await Organisation.get_or_none(id=actor.organisation_id)
    if org is None:
        raise NotFound()
    if not org.logo:
        return None
    root = deps.settings.uploads_dir.resolve()
    path = (root / org.logo).resolve()
    if not path.is_relative_to(root):
        return None
    try:
        return await asyncio.to_thread(path.read_bytes)
    except FileNotFoundError:
        return None


def local_time(moment: datetime, timezone: str) -> datetime:
    """A UTC moment as the organisation's wall-clock time (for rendering only)."""
    return moment.astimezone(ZoneInfo(timezone))
