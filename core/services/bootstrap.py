"""The first administrator of a fresh installation (``sabaq create-admin``)."""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound
from core.i18n import N_
from core.models.org import Organisation, OrganisationKind
from core.models.people import Account, Membership, Role
from core.services.accounts import do_set_credentials
from core.services.audit import do_record
from core.services.orgs import OrganisationData, do_create_organisation
from core.services.people import PersonData, do_create_person, validate_person
from core.tx import transaction


@dataclass(frozen=True)
class AdminCreated:
    organisation_id: int
    organisation_created: bool
    person_id: int


async def create_admin(
    deps: Deps,
    *,
    login: str,
    password: str,
    last_name: str,
    first_name: str,
    organisation_id: int | None = None,
    organisation_name: str = "",
    kind: OrganisationKind = OrganisationKind.LEARNING_CENTRE,
) -> AdminCreated:
    """Create an administrator; on an empty database also the organisation they run.

    Trusted: only the command line calls it (whoever runs it owns the server).

    Raises:
        InvalidInput: no organisation name for an empty database, a bad name, login or password.
        NotFound: ``organisation_id`` does not exist.
        Conflict: the login is taken.
    """
    data = validate_person(PersonData(last_name=last_name, first_name=first_name))
    async with transaction(deps) as tx:
        created = False
        if organisation_id is None:
            root = await Organisation.filter(parent_id__isnull=True).order_by("id").first()
            if root is None:
                if not organisation_name.strip():
                    raise InvalidInput(
                        N_("The database is empty: give the organisation's name too."),
                        field="organisation",
                    )
                name = organisation_name.strip()
                root = await do_create_organisation(
                    tx,
                    Actor.system(0, "cli"),
                    kind=kind,
                    data=OrganisationData(name_kk=name, name_ru=name, name_en=name),
                )
                created = True
            organisation_id = root.id
        elif not await Organisation.exists(id=organisation_id):
            raise NotFound(N_("There is no organisation with this number."), field="organisation")
        system = Actor.system(organisation_id, "cli")
        existing = await Account.get_or_none(login=login.strip().casefold()).prefetch_related(
            "person"
        )
        if existing is not None:
            person = existing.person
        else:
            person = await do_create_person(
                tx, system, organisation_id=organisation_id, data=data, roles=()
            )
        _ = await do_set_credentials(tx, system, person=person, login=login, password=password)
        membership, _ = await Membership.get_or_create(
            person_id=person.id,
            organisation_id=organisation_id,
            role=Role.ADMIN,
            defaults={"started_on": tx.now.date()},
        )
        if membership.archived_at is not None:
            membership.archived_at = None
            await membership.save(update_fields=["archived_at"])
        await do_record(
            tx,
            system,
            action="membership.add",
            object_type="person",
            object_id=person.id,
            after={"role": Role.ADMIN.value},
        )
    return AdminCreated(
        organisation_id=organisation_id, organisation_created=created, person_id=person.id
    )
