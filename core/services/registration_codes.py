"""Registration codes: teachers join a school by its code, students a class by their teacher's.

- The **school code** is the organisation's (one valid at a time; an admin with
  ``INVITATIONS_MANAGE`` shows, regenerates or revokes it). A teacher who registers with it
  gets a person, a web login and a *pending application*, not the teacher role: a school
  code is read aloud in staff rooms and pinned in chats, and a leaked one must not make a
  stranger a teacher, so an admin approves each application (``decide_teacher_application``).
- A **class code** belongs to one teacher of one group (one valid per pair). A student who
  registers with it — on the web, or in Telegram with ``/start c-<code>`` — becomes a person
  with the student role in the group's organisation and is enrolled at once (``do_enrol``:
  the capacity check, the group chat). A Telegram user who is linked already is enrolled
  without a new person.

Codes are ``CODE_LENGTH`` characters from ``ALPHABET`` (no look-alikes such as O/0, I/1/L),
typed in any case, with or without spaces and dashes: 31⁸ ≈ 8.5·10¹¹ codes, while a client
may try ``WRONG_CODE_LIMIT`` wrong ones (and everyone together ``WRONG_CODE_ALL_LIMIT``).
They are stored in plain text because the admin and the teacher must see them (and print
them as a QR code) for as long as they are valid; revoking one is immediate.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from limits import RateLimitItemPerHour, RateLimitItemPerMinute

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied, RateLimited
from core.events import AccountLinked
from core.i18n import N_
from core.models.academics import Enrolment, Group, GroupStatus, GroupTeacher
from core.models.org import Organisation
from core.models.people import Account, Membership, Person, Role
from core.models.registration import RegistrationCode, TeacherApplication
from core.permissions import Permission, require
from core.services.academics import access_group, do_enrol
from core.services.accounts import SignedIn, do_set_credentials
from core.services.audit import do_record
from core.services.people import MAX_ID, PersonData, do_create_person, validate_person
from core.services.people import full_name as person_name
from core.tx import Tx, transaction

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
#: What a class code's Telegram deep link starts with: ``/start c-<code>``.
CLASS_LINK_PREFIX = "c-"
WRONG_CODE_LIMIT = RateLimitItemPerMinute(10, 10)
WRONG_CODE_ALL_LIMIT = RateLimitItemPerHour(1000)
#: The longest input looked at: a code typed with spaces or dashes between its characters.
_RAW_LIMIT = 32

NO_CODE = N_("This code is not valid. Check it, or ask for a new one.")
REVOKED = N_("This code was revoked. Ask for a new one.")
TOO_MANY = N_("Too many wrong codes. Please wait 10 minutes and try again.")
GROUP_CLOSED = N_("Group “{name}” does not take new students now.")
NOT_THE_TEACHER = N_("Only a teacher of this group can hand out its class code.")


class CodeKind(StrEnum):
    SCHOOL = "school"
    CLASS = "class"


@dataclass(frozen=True)
class CodeView:
    code: str
    created_at: datetime


@dataclass(frozen=True)
class ClassCodeRow:
    """One group the actor teaches, with its class code (``None``: none handed out)."""

    group_id: int
    group_name: str
    students: int
    capacity: int
    code: CodeView | None


@dataclass(frozen=True)
class CodeTarget:
    """What a code lets its holder join (``group_name`` and ``teacher_name`` for a class)."""

    kind: CodeKind
    organisation_name: str
    group_name: str
    teacher_name: str


@dataclass(frozen=True)
class Registered:
    """A new person made with a code. ``signed_in`` is ``None`` for a teacher, who waits
    for an admin's approval before they may sign in."""

    target: CodeTarget
    person_id: int
    full_name: str
    signed_in: SignedIn | None


@dataclass(frozen=True)
class Joined:
    """A Telegram user and the class they joined."""

    person_id: int
    full_name: str
    group_name: str
    language: str | None


@dataclass(frozen=True)
class ApplicationView:
    id: int
    person_id: int
    full_name: str
    login: str
    created_at: datetime


def new_code() -> str:
    """A fresh random code of ``CODE_LENGTH`` characters from ``ALPHABET``."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """A typed code as stored: upper case, without spaces, dashes and a ``c-`` link prefix."""
    text = raw.strip()[:_RAW_LIMIT]
    if text.casefold().startswith(CLASS_LINK_PREFIX):
        text = text[len(CLASS_LINK_PREFIX) :]
    return "".join(char for char in text.upper() if char not in " -")


def _organisation_name(organisation: Organisation) -> str:
    return organisation.name_ru or organisation.name_kk or organisation.name_en


def _view(code: RegistrationCode | None) -> CodeView | None:
    return CodeView(code=code.code, created_at=code.created_at) if code else None


async def _fresh_code() -> str:
    while True:
        code = new_code()
        if not await RegistrationCode.exists(code=code):
            return code


# --- the school code ------------------------------------------------------------------------


async def _current_school_code(organisation_id: int) -> RegistrationCode | None:
    return await RegistrationCode.filter(
        organisation_id=organisation_id, group_id=None, revoked_at__isnull=True
    ).first()


async def school_code(actor: Actor) -> CodeView | None:
    """The organisation's valid school code, if there is one.

    Raises:
        PermissionDenied: the actor may not manage invitations.
    """
    await require(actor, Permission.INVITATIONS_MANAGE)
    return _view(await _current_school_code(actor.organisation_id))


async def _revoke(tx: Tx, actor: Actor, code: RegistrationCode) -> None:
    code.revoked_at = tx.now
    await code.save(update_fields=["revoked_at"])
    await do_record(
        tx,
        actor,
        action="registration_code.revoke",
        object_type="registration_code",
        object_id=code.id,
        after={"group_id": code.group_id},  # type: ignore[attr-defined]
    )


async def _create(
    tx: Tx, actor: Actor, *, group_id: int | None, teacher_id: int | None
) -> RegistrationCode:
    code = await RegistrationCode.create(
        organisation_id=actor.organisation_id,
        group_id=group_id,
        teacher_id=teacher_id,
        code=await _fresh_code(),
        created_at=tx.now,
    )
    await do_record(
        tx,
        actor,
        action="registration_code.create",
        object_type="registration_code",
        object_id=code.id,
        after={"group_id": group_id},
    )
    return code


async def regenerate_school_code(deps: Deps, actor: Actor) -> CodeView:
    """A new school code; the previous one (if any) stops working.

    Raises:
        PermissionDenied: the actor may not manage invitations.
    """
    await require(actor, Permission.INVITATIONS_MANAGE)
    async with transaction(deps) as tx:
        # The organisation row serialises two admins regenerating at once.
        _ = await Organisation.select_for_update().get(id=actor.organisation_id)
        current = await _current_school_code(actor.organisation_id)
        if current is not None:
            await _revoke(tx, actor, current)
        code = await _create(tx, actor, group_id=None, teacher_id=None)
    return CodeView(code=code.code, created_at=code.created_at)


async def revoke_school_code(deps: Deps, actor: Actor) -> None:
    """Stop the school code working (teachers can no longer apply with it).

    Raises:
        PermissionDenied: the actor may not manage invitations.
        Conflict: there is no valid school code.
    """
    await require(actor, Permission.INVITATIONS_MANAGE)
    async with transaction(deps) as tx:
        _ = await Organisation.select_for_update().get(id=actor.organisation_id)
        current = await _current_school_code(actor.organisation_id)
        if current is None:
            raise Conflict(N_("There is no school code to revoke."))
        await _revoke(tx, actor, current)


# --- class codes ----------------------------------------------------------------------------


async def _taught_group(actor: Actor, group_id: int) -> Group:
    group = await access_group(actor, group_id)
    if actor.person_id is None or not await GroupTeacher.exists(
        group_id=group.id, teacher_id=actor.person_id
    ):
        raise PermissionDenied(NOT_THE_TEACHER)
    return group


async def _current_class_code(group_id: int, teacher_id: int) -> RegistrationCode | None:
    return await RegistrationCode.filter(
        group_id=group_id, teacher_id=teacher_id, revoked_at__isnull=True
    ).first()


async def my_class_codes(actor: Actor) -> list[ClassCodeRow]:
    """The active groups the actor teaches here, by name, each with its class code.

    Raises:
        PermissionDenied: the actor may not see groups.
    """
    await require(actor, Permission.GROUPS_VIEW)
    groups = await Group.filter(
        organisation_id=actor.organisation_id,
        status=GroupStatus.ACTIVE,
        teacher_links__teacher_id=actor.person_id or 0,
    ).order_by("name", "id")
    ids = [group.id for group in groups]
    codes = {
        code.group_id: code  # type: ignore[attr-defined]
        for code in await RegistrationCode.filter(
            group_id__in=ids, teacher_id=actor.person_id or 0, revoked_at__isnull=True
        )
    }
    enrolled = await Enrolment.filter(group_id__in=ids, active_key__isnull=False).values(
        "group_id"
    )
    counts = Counter(int(row["group_id"]) for row in enrolled)
    return [
        ClassCodeRow(
            group_id=group.id,
            group_name=group.name,
            students=counts.get(group.id, 0),
            capacity=group.capacity,
            code=_view(codes.get(group.id)),
        )
        for group in groups
    ]


async def class_code(actor: Actor, *, group_id: int) -> CodeView | None:
    """The actor's valid class code for a group they teach, if they handed one out.

    Raises:
        NotFound: no such group here.
        PermissionDenied: the actor may not see groups or does not teach this one.
    """
    group = await _taught_group(actor, group_id)
    return _view(await _current_class_code(group.id, actor.person_id or 0))


async def regenerate_class_code(deps: Deps, actor: Actor, *, group_id: int) -> CodeView:
    """A new class code for a group the actor teaches; their previous one stops working.

    Raises:
        NotFound: no such group here.
        PermissionDenied: the actor may not see groups or does not teach this one.
        Conflict: the group is not active.
    """
    async with transaction(deps) as tx:
        group = await _taught_group(actor, group_id)
        _ = await Group.select_for_update().get(id=group.id)
        if group.status != GroupStatus.ACTIVE:
            raise Conflict(GROUP_CLOSED, name=group.name)
        teacher_id = actor.person_id or 0
        current = await _current_class_code(group.id, teacher_id)
        if current is not None:
            await _revoke(tx, actor, current)
        code = await _create(tx, actor, group_id=group.id, teacher_id=teacher_id)
    return CodeView(code=code.code, created_at=code.created_at)


async def revoke_class_code(deps: Deps, actor: Actor, *, group_id: int) -> None:
    """Stop the actor's class code for a group working.

    Raises:
        NotFound: no such group here.
        PermissionDenied: the actor may not see groups or does not teach this one.
        Conflict: the actor has no valid class code for the group.
    """
    async with transaction(deps) as tx:
        group = await _taught_group(actor, group_id)
        _ = await Group.select_for_update().get(id=group.id)
        current = await _current_class_code(group.id, actor.person_id or 0)
        if current is None:
            raise Conflict(N_("There is no class code to revoke."))
        await _revoke(tx, actor, current)


# --- using a code ---------------------------------------------------------------------------


async def _usable_code(deps: Deps, *, raw: str, client: str) -> RegistrationCode:
    """The valid code typed by ``client``; a wrong or revoked one counts against the limit."""
    if not await deps.limiter.test(WRONG_CODE_LIMIT, "registration-code", client):
        raise RateLimited(TOO_MANY)
    normalised = normalise_code(raw)
    code = (
        await RegistrationCode.get_or_none(code=normalised)
        if len(normalised) == CODE_LENGTH
        else None
    )
    if code is None or code.revoked_at is not None:
        # Only wrong codes count, per client and for everyone: a flood of guesses from many
        # clients is held back without locking anyone out of a right code.
        if not await deps.limiter.test(WRONG_CODE_ALL_LIMIT, "registration-code-all"):
            raise RateLimited(TOO_MANY)
        await deps.limiter.hit(WRONG_CODE_LIMIT, "registration-code", client)
        await deps.limiter.hit(WRONG_CODE_ALL_LIMIT, "registration-code-all")
        raise InvalidInput(REVOKED if code else NO_CODE, field="code")
    return code


async def _target(code: RegistrationCode) -> CodeTarget:
    organisation = await Organisation.get(id=code.organisation_id)  # type: ignore[attr-defined]
    if code.group_id is None:  # type: ignore[attr-defined]
        return CodeTarget(CodeKind.SCHOOL, _organisation_name(organisation), "", "")
    group = await Group.get(id=code.group_id)  # type: ignore[attr-defined]
    teacher = await Person.get(id=code.teacher_id)  # type: ignore[attr-defined]
    return CodeTarget(
        CodeKind.CLASS,
        _organisation_name(organisation),
        group.name,
        person_name(teacher.last_name, teacher.first_name, teacher.middle_name),
    )


async def _open_group(code: RegistrationCode, *, lock: bool) -> Group:
    """The class code's group if it takes students now (locked for ``do_enrol``)."""
    query = Group.select_for_update() if lock else Group.all()
    group = await query.get(id=code.group_id)  # type: ignore[attr-defined]
    teacher_id: int = code.teacher_id  # type: ignore[attr-defined]
    # A teacher taken off the group, or who left the school, admits nobody any more.
    still_teaches = await GroupTeacher.exists(
        group_id=group.id, teacher_id=teacher_id
    ) and await Membership.exists(
        person_id=teacher_id,
        organisation_id=group.organisation_id,  # type: ignore[attr-defined]
        role=Role.TEACHER,
        archived_at__isnull=True,
    )
    if group.status != GroupStatus.ACTIVE or not still_teaches:
        raise Conflict(GROUP_CLOSED, name=group.name)
    enrolled = await Enrolment.filter(group_id=group.id, active_key__isnull=False).count()
    if enrolled >= group.capacity:
        raise Conflict(
            N_("Group “{name}” is full: all {capacity} places are taken."),
            name=group.name,
            capacity=group.capacity,
        )
    return group


async def peek_code(deps: Deps, *, code: str, client: str) -> CodeTarget:
    """What a code lets one join, before registering with it.

    ``client`` names who is typing (an address, a Telegram user) for the rate limit.

    Raises:
        RateLimited: too many wrong codes from this client or from everyone.
        InvalidInput: unknown or revoked code.
        Conflict: the class is full or does not take students now.
    """
    found = await _usable_code(deps, raw=code, client=client)
    if found.group_id is not None:  # type: ignore[attr-defined]
        _ = await _open_group(found, lock=False)
    return await _target(found)


def _newcomer(person: Person, organisation_id: int) -> Actor:
    """The audit trail's actor for what a person does to themselves while registering."""
    return Actor(
        person_id=person.id,
        organisation_id=organisation_id,
        roles=frozenset(),
        label="registration code",
    )


async def _do_new_person(
    tx: Tx, code: RegistrationCode, *, last_name: str, first_name: str, roles: tuple[Role, ...]
) -> tuple[Person, Actor]:
    data = validate_person(PersonData(last_name=last_name, first_name=first_name))
    organisation_id: int = code.organisation_id  # type: ignore[attr-defined]
    system = Actor.system(organisation_id, "registration code")
    person = await do_create_person(
        tx, system, organisation_id=organisation_id, data=data, roles=roles, audit=False
    )
    actor = _newcomer(person, organisation_id)
    await do_record(
        tx,
        actor,
        action="person.register",
        object_type="person",
        object_id=person.id,
        after={"code_id": code.id, "roles": [role.value for role in roles]},
    )
    return person, actor


async def _do_join_class(tx: Tx, actor: Actor, code: RegistrationCode, person: Person) -> Group:
    """Make ``person`` a student of the code's organisation (if needed) and enrol them."""
    group = await _open_group(code, lock=True)
    organisation_id: int = group.organisation_id  # type: ignore[attr-defined]
    membership = await Membership.get_or_none(
        person_id=person.id, organisation_id=organisation_id, role=Role.STUDENT
    )
    if membership is not None and membership.archived_at is not None:
        # An archived student was taken off the roll on purpose: only the office restores them.
        raise Conflict(N_("Your student record here is archived. Ask the school's office."))
    if membership is None:
        _ = await Membership.create(
            person_id=person.id,
            organisation_id=organisation_id,
            role=Role.STUDENT,
            started_on=tx.now.date(),
        )
    organisation = await Organisation.get(id=organisation_id)
    # Enrolment dates are the organisation's local calendar days.
    today = tx.now.astimezone(ZoneInfo(organisation.timezone)).date()
    _ = await do_enrol(tx, actor, group=group, student=person, starts_on=today)
    return group


async def register_with_code(
    deps: Deps,
    *,
    code: str,
    last_name: str,
    first_name: str,
    login: str,
    password: str,
    client: str,
) -> Registered:
    """Register on the web with a school code (a pending teacher) or a class code (a student,
    enrolled and signed in).

    Raises:
        RateLimited: too many wrong codes from this client or from everyone.
        InvalidInput: unknown or revoked code; a missing or too long name; a malformed
            login or password.
        Conflict: the login is taken; the class is full or does not take students now.
    """
    found = await _usable_code(deps, raw=code, client=client)
    async with transaction(deps) as tx:
        found = await RegistrationCode.select_for_update().get(id=found.id)
        if found.revoked_at is not None:
            raise InvalidInput(REVOKED, field="code")
        is_class = found.group_id is not None  # type: ignore[attr-defined]
        person, actor = await _do_new_person(
            tx,
            found,
            last_name=last_name,
            first_name=first_name,
            roles=(Role.STUDENT,) if is_class else (),
        )
        account = await do_set_credentials(
            tx, actor, person=person, login=login, password=password
        )
        if is_class:
            _ = await _do_join_class(tx, actor, found, person)
        else:
            _ = await TeacherApplication.create(
                organisation_id=found.organisation_id,  # type: ignore[attr-defined]
                person_id=person.id,
                code_id=found.id,
                created_at=tx.now,
            )
    return Registered(
        target=await _target(found),
        person_id=person.id,
        full_name=person_name(person.last_name, person.first_name),
        signed_in=(
            SignedIn(account_id=account.id, person_id=person.id, language=account.language)
            if is_class
            else None
        ),
    )


def _telegram_client(telegram_user_id: int) -> str:
    return f"tg:{telegram_user_id}"


async def _class_code(deps: Deps, *, code: str, telegram_user_id: int) -> RegistrationCode:
    found = await _usable_code(deps, raw=code, client=_telegram_client(telegram_user_id))
    if found.group_id is None:  # type: ignore[attr-defined]
        raise InvalidInput(
            N_("This is a school code for teachers. Register with it on the website."),
            field="code",
        )
    return found


async def _do_enrol_linked(tx: Tx, code: RegistrationCode, account: Account) -> Joined:
    person = await Person.get(id=account.person_id)  # type: ignore[attr-defined]
    actor = _newcomer(person, code.organisation_id)  # type: ignore[attr-defined]
    group = await _do_join_class(tx, actor, code, person)
    return Joined(
        person_id=person.id,
        full_name=person_name(person.last_name, person.first_name),
        group_name=group.name,
        language=account.language,
    )


async def start_class_code(deps: Deps, *, code: str, telegram_user_id: int) -> Joined | CodeTarget:
    """The bot's ``/start c-<code>``: a linked Telegram user joins the class at once
    (``Joined``); anyone else learns which class it is (``CodeTarget``) and is asked their
    name for ``register_student_telegram``.

    Raises:
        RateLimited: too many wrong codes from this Telegram user or from everyone.
        InvalidInput: unknown or revoked code, or a school code.
        Conflict: the class is full or closed, the person is in it already, or their
            student record here is archived.
    """
    found = await _class_code(deps, code=code, telegram_user_id=telegram_user_id)
    async with transaction(deps) as tx:
        account = await Account.get_or_none(telegram_user_id=telegram_user_id)
        if account is None:
            _ = await _open_group(found, lock=False)
            return await _target(found)
        return await _do_enrol_linked(tx, found, account)


async def register_student_telegram(
    deps: Deps,
    *,
    code: str,
    last_name: str,
    first_name: str,
    telegram_user_id: int,
    language: str | None,
) -> Joined:
    """Make a student from a Telegram user with a class code: a person with the student role,
    their account linked to the Telegram user, enrolled in the class.

    A Telegram user linked meanwhile is enrolled as the person they are.

    Raises:
        RateLimited: too many wrong codes from this Telegram user or from everyone.
        InvalidInput: unknown or revoked code, a school code, a missing or too long name.
        Conflict: the class is full or closed, or the person is in it already.
    """
    if not 0 < telegram_user_id <= 2**52:
        raise InvalidInput(NO_CODE, field="code")
    found = await _class_code(deps, code=code, telegram_user_id=telegram_user_id)
    async with transaction(deps) as tx:
        found = await RegistrationCode.select_for_update().get(id=found.id)
        if found.revoked_at is not None:
            raise InvalidInput(REVOKED, field="code")
        linked = await Account.get_or_none(telegram_user_id=telegram_user_id)
        if linked is not None:
            return await _do_enrol_linked(tx, found, linked)
        person, actor = await _do_new_person(
            tx, found, last_name=last_name, first_name=first_name, roles=(Role.STUDENT,)
        )
        account = await Account.create(
            person_id=person.id,
            telegram_user_id=telegram_user_id,
            language=language,
            created_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="account.telegram_link",
            object_type="person",
            object_id=person.id,
        )
        tx.emit(
            AccountLinked(
                organisation_id=actor.organisation_id, person_id=person.id, account_id=account.id
            )
        )
        group = await _do_join_class(tx, actor, found, person)
    return Joined(
        person_id=person.id,
        full_name=person_name(person.last_name, person.first_name),
        group_name=group.name,
        language=language,
    )


# --- teachers' applications -----------------------------------------------------------------


async def teacher_applications(actor: Actor) -> list[ApplicationView]:
    """Teachers who registered with the school code and wait for a decision, oldest first.

    Raises:
        PermissionDenied: the actor may not manage invitations.
    """
    await require(actor, Permission.INVITATIONS_MANAGE)
    applications = (
        await TeacherApplication.filter(
            organisation_id=actor.organisation_id, decided_at__isnull=True
        )
        .order_by("id")
        .prefetch_related("person")
    )
    logins = dict(
        await Account.filter(
            person_id__in=[application.person.id for application in applications]
        ).values_list("person_id", "login")
    )
    return [
        ApplicationView(
            id=application.id,
            person_id=application.person.id,
            full_name=person_name(application.person.last_name, application.person.first_name),
            login=str(logins.get(application.person.id) or ""),
            created_at=application.created_at,
        )
        for application in applications
    ]


async def decide_teacher_application(
    deps: Deps, actor: Actor, *, application_id: int, approve: bool
) -> ApplicationView:
    """Approve (the person becomes a teacher here) or reject a pending application; returns
    the application as it was shown.

    Raises:
        NotFound: no such application in the actor's organisation.
        PermissionDenied: the actor may not manage invitations or people.
        Conflict: the application was decided already.
    """
    await require(actor, Permission.INVITATIONS_MANAGE)
    if approve:
        await require(actor, Permission.PEOPLE_MANAGE)
    async with transaction(deps) as tx:
        application = (
            await TeacherApplication.select_for_update().get_or_none(
                id=application_id, organisation_id=actor.organisation_id
            )
            if 0 < application_id <= MAX_ID
            else None
        )
        if application is None:
            raise NotFound()
        if application.decided_at is not None:
            raise Conflict(N_("This application has been decided already."))
        application.decided_at = tx.now
        application.approved = approve
        application.decided_by_id = actor.person_id
        await application.save(update_fields=["decided_at", "approved", "decided_by_id"])
        person_id: int = application.person_id  # type: ignore[attr-defined]
        if approve:
            _ = await Membership.get_or_create(
                person_id=person_id,
                organisation_id=actor.organisation_id,
                role=Role.TEACHER,
                defaults={"started_on": tx.now.date()},
            )
        await do_record(
            tx,
            actor,
            action="teacher_application.approve" if approve else "teacher_application.reject",
            object_type="person",
            object_id=person_id,
            after={"application_id": application.id},
        )
        person = await Person.get(id=person_id)
        account = await Account.get_or_none(person_id=person_id)
    return ApplicationView(
        id=application.id,
        person_id=person_id,
        full_name=person_name(person.last_name, person.first_name),
        login=(account.login if account else None) or "",
        created_at=application.created_at,
    )
