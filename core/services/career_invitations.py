"""Sending the interest inventory to a class or a student (issue 9), and who has done it.

- **Who**: holders of ``career.inventory.send`` (career counsellors; admins hold every
  permission) send, read the progress and remind. Progress names students, so it is theirs
  only; another organisation's sending is ``NotFound``.
- **Sending**: the counsellor picks a group (its current students) or one student, and the
  class's grade (5–11), which decides the short or full form (``career.form_for``). The grade
  is kept on each invitation: this is where Sabaq first learns a student's grade, and the
  invitation's button starts the attempt with it, so the student is never asked.
- **Twice**: a student invited earlier in the same school year (from 1 September, the
  organisation's local date) is not invited again — their invitation is still open, or they
  finished since; "remind" is for the first case. A new school year invites everyone again.
- **Telling**: a student linked to Telegram gets a message from the career bot with a button
  through the outbox; one without Telegram is invited still and counted apart.
- **Progress** is read, not stored: started when the student pressed the button (or finished),
  finished when an attempt of theirs finished after the invitation was sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound
from core.i18n import N_
from core.models.academics import Enrolment, Group, GroupStatus
from core.models.career import CareerAttempt, InventoryInvitation, InventorySending
from core.models.people import Account, Membership, Person, Role
from core.names import full_name
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.career import GRADES, AttemptView, form_for, start_inventory
from core.services.lessons import (
    check_id,
    enrolment_covers,
    local_today,
    lock_organisation,
    organisation_zone,
)
from core.services.outbox import do_enqueue
from core.tx import transaction

INVITATION = N_(
    "Your school's career counsellor invites you to take the interest inventory: a few "
    "minutes of questions about what you enjoy, and at the end professions that suit you."
)
REMINDER = N_(
    "A reminder from your school's career counsellor: you have not finished the interest "
    "inventory yet. It takes a few minutes, and you go on where you stopped."
)
START_BUTTON = N_("Take the inventory")

_CHOOSE_ONE = N_("Choose a student or a group.")
_NOT_A_STUDENT = N_("Choose a student of this organisation.")
_EMPTY_GROUP = N_("The group has no students.")
_BAD_GRADE = N_("Choose the class's grade from 5 to 11.")
_FINISHED = N_("You have already finished this interest inventory. Thank you!")
#: The school year starts on this month's first day (local date).
SCHOOL_YEAR_MONTH = 9


@dataclass(frozen=True)
class SendChoices:
    """Whom a counsellor may send to: (id, name) of students and of active groups."""

    students: tuple[tuple[int, str], ...]
    groups: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class SendReport:
    sending_id: int
    invited: int
    skipped: int  # invited earlier this school year (open, or finished since)
    in_telegram: int  # of the invited, how many were told in Telegram


@dataclass(frozen=True)
class SendingSummary:
    id: int
    title: str
    grade: int
    sent_at: datetime
    invited: int
    started: int
    finished: int


@dataclass(frozen=True)
class StudentProgress:
    invitation_id: int
    student: str
    invited_at: datetime
    started: bool
    finished: bool
    reminded_at: datetime | None


@dataclass(frozen=True)
class SendingProgress:
    summary: SendingSummary
    students: tuple[StudentProgress, ...]


def school_year_start(today: date) -> date:
    """The first day of the school year ``today`` falls in (1 September)."""
    year = today.year if today.month >= SCHOOL_YEAR_MONTH else today.year - 1
    return date(year, SCHOOL_YEAR_MONTH, 1)


def invitation_callback(invitation_id: int) -> str:
    """The callback data of the invitation's button (the career bot's ``InvitationPress``)."""
    return f"cri:{invitation_id}"


async def _names(person_ids: Iterable[int]) -> dict[int, str]:
    rows = await Person.filter(id__in=sorted(set(person_ids)) or [0]).values_list(
        "id", "last_name", "first_name"
    )
    return {int(person_id): full_name(last, first) for person_id, last, first in rows}


async def _students(organisation_id: int) -> set[int]:
    rows = await Membership.filter(
        organisation_id=organisation_id, role=Role.STUDENT, archived_at__isnull=True
    ).values("person_id")
    return {int(row["person_id"]) for row in rows}


async def send_choices(actor: Actor) -> SendChoices:
    """The organisation's students and active groups, by name.

    Raises:
        PermissionDenied: the actor may not send the inventory.
    """
    await require(actor, Permission.CAREER_INVENTORY_SEND)
    names = await _names(await _students(actor.organisation_id))
    groups = (
        await Group.filter(organisation_id=actor.organisation_id, status=GroupStatus.ACTIVE)
        .order_by("name")
        .values_list("id", "name")
    )
    return SendChoices(
        students=tuple(sorted(names.items(), key=lambda pair: (pair[1], pair[0]))),
        groups=tuple((int(group_id), str(name)) for group_id, name in groups),
    )


async def _chosen(
    actor: Actor, person_id: int | None, group_id: int | None, today: date
) -> tuple[list[int], str]:
    """The students to invite and the sending's title (the group's or the student's name)."""
    students = await _students(actor.organisation_id)
    if person_id is not None:
        check_id(person_id)
        if person_id not in students:
            raise NotFound(_NOT_A_STUDENT)
        return [person_id], (await _names([person_id]))[person_id]
    assert group_id is not None
    check_id(group_id)
    group = await Group.get_or_none(id=group_id, organisation_id=actor.organisation_id)
    if group is None:
        raise NotFound()
    rows = await Enrolment.filter(group_id=group_id, active_key__isnull=False).values_list(
        "student_id", "starts_on", "ends_on"
    )
    chosen = sorted(
        {
            int(student)
            for student, starts_on, ends_on in rows
            if enrolment_covers(starts_on, ends_on, today) and int(student) in students
        }
    )
    if not chosen:
        raise InvalidInput(_EMPTY_GROUP, field="group_id")
    return chosen, group.name


async def send_inventory(
    deps: Deps,
    actor: Actor,
    *,
    grade: int,
    person_id: int | None = None,
    group_id: int | None = None,
) -> SendReport:
    """Invite one student or every current student of a group to the interest inventory.

    Raises:
        PermissionDenied: the actor may not send the inventory.
        InvalidInput: a grade outside 5–11 (``field="grade"``), neither or both of student
            and group, or an empty group.
        NotFound: no such student or group in this organisation.
    """
    await require(actor, Permission.CAREER_INVENTORY_SEND)
    if grade not in GRADES:
        raise InvalidInput(_BAD_GRADE, field="grade")
    form = form_for(grade)
    if (person_id is None) == (group_id is None):
        raise InvalidInput(_CHOOSE_ONE, field="person_id")
    async with transaction(deps) as tx:
        # One sending at a time per organisation, so "invited already" sees every earlier one.
        await lock_organisation(actor.organisation_id)
        zone = await organisation_zone(actor.organisation_id)
        today = local_today(tx.now, zone)
        chosen, title = await _chosen(actor, person_id, group_id, today)
        year_start = school_year_start(today)
        earlier = await InventoryInvitation.filter(
            person_id__in=chosen, sending__organisation_id=actor.organisation_id
        ).values_list("person_id", "invited_at")
        skipped = {
            int(person)
            for person, invited_at in earlier
            if local_today(invited_at, zone) >= year_start
        }
        sending = await InventorySending.create(
            organisation_id=actor.organisation_id,
            group_id=group_id,
            title=title[:200],
            grade=grade,
            sent_by_id=actor.person_id,
            sent_at=tx.now,
        )
        invited = [
            await InventoryInvitation.create(
                sending_id=sending.id, person_id=person, grade=grade, invited_at=tx.now
            )
            for person in chosen
            if person not in skipped
        ]
        people: list[int] = [invitation.person_id for invitation in invited]  # type: ignore[attr-defined]
        linked = await _linked(people)
        for invitation in invited:
            if invitation.person_id in linked:  # type: ignore[attr-defined]
                _ = await do_enqueue(
                    tx,
                    person_id=invitation.person_id,  # type: ignore[attr-defined]
                    message=INVITATION,
                    organisation_id=actor.organisation_id,
                    bot="career",
                    dedupe_key=f"career-invitation:{invitation.id}",
                    buttons=[[(START_BUTTON, invitation_callback(invitation.id))]],
                )
        await do_record(
            tx,
            actor,
            action="career.inventory.send",
            object_type="inventory_sending",
            object_id=sending.id,
            after={
                "group": group_id,
                "person": person_id,
                "grade": grade,
                "form": form.value,
                "invited": len(invited),
                "skipped": len(skipped),
            },
        )
    return SendReport(
        sending_id=sending.id,
        invited=len(invited),
        skipped=len(skipped),
        in_telegram=sum(1 for person in people if person in linked),
    )


async def _linked(person_ids: list[int]) -> set[int]:
    rows = await Account.filter(
        person_id__in=person_ids or [0], telegram_user_id__isnull=False
    ).values("person_id")
    return {int(row["person_id"]) for row in rows}


async def _finished_since(person_ids: Iterable[int]) -> dict[int, list[datetime]]:
    """Each person's finishing times of the inventory."""
    rows = await CareerAttempt.filter(
        person_id__in=sorted(set(person_ids)) or [0], finished_at__isnull=False
    ).values_list("person_id", "finished_at")
    found: dict[int, list[datetime]] = {}
    for person, finished_at in rows:
        found.setdefault(int(person), []).append(finished_at)
    return found


def _is_finished(invitation: InventoryInvitation, finished: dict[int, list[datetime]]) -> bool:
    person: int = invitation.person_id  # type: ignore[attr-defined]
    return any(moment >= invitation.invited_at for moment in finished.get(person, []))


def _tally(
    sending: InventorySending,
    invitations: Sequence[InventoryInvitation],
    finished: dict[int, list[datetime]],
    names: dict[int, str],
) -> SendingProgress:
    students = sorted(
        (
            StudentProgress(
                invitation_id=row.id,
                student=names.get(row.person_id, ""),  # type: ignore[attr-defined]
                invited_at=row.invited_at,
                started=row.opened_at is not None or _is_finished(row, finished),
                finished=_is_finished(row, finished),
                reminded_at=row.reminded_at,
            )
            for row in invitations
        ),
        key=lambda progress: (progress.student, progress.invitation_id),
    )
    summary = SendingSummary(
        id=sending.id,
        title=sending.title,
        grade=sending.grade,
        sent_at=sending.sent_at,
        invited=len(students),
        started=sum(1 for progress in students if progress.started),
        finished=sum(1 for progress in students if progress.finished),
    )
    return SendingProgress(summary=summary, students=tuple(students))


async def _progress(sending: InventorySending) -> SendingProgress:
    invitations = await InventoryInvitation.filter(sending_id=sending.id)
    people: list[int] = [row.person_id for row in invitations]  # type: ignore[attr-defined]
    return _tally(sending, invitations, await _finished_since(people), await _names(people))


async def list_sendings(actor: Actor) -> list[SendingSummary]:
    """The organisation's sendings, newest first, with their counts (three queries, however
    many sendings).

    Raises:
        PermissionDenied: the actor may not send the inventory.
    """
    await require(actor, Permission.CAREER_INVENTORY_SEND)
    sendings = await InventorySending.filter(organisation_id=actor.organisation_id).order_by(
        "-sent_at", "-id"
    )
    by_sending: dict[int, list[InventoryInvitation]] = {sending.id: [] for sending in sendings}
    for row in await InventoryInvitation.filter(sending_id__in=list(by_sending) or [0]):
        by_sending[row.sending_id].append(row)  # type: ignore[attr-defined]
    finished = await _finished_since(
        row.person_id  # type: ignore[attr-defined]
        for rows in by_sending.values()
        for row in rows
    )
    return [_tally(sending, by_sending[sending.id], finished, {}).summary for sending in sendings]


async def _access_sending(actor: Actor, sending_id: int) -> InventorySending:
    await require(actor, Permission.CAREER_INVENTORY_SEND)
    check_id(sending_id)
    sending = await InventorySending.get_or_none(
        id=sending_id, organisation_id=actor.organisation_id
    )
    if sending is None:
        raise NotFound()
    return sending


async def sending_progress(actor: Actor, *, sending_id: int) -> SendingProgress:
    """Invited / started / finished per student of one sending.

    Raises:
        PermissionDenied: the actor may not send the inventory.
        NotFound: no such sending in this organisation.
    """
    return await _progress(await _access_sending(actor, sending_id))


async def remind_unfinished(deps: Deps, actor: Actor, *, sending_id: int) -> int:
    """Remind the invited students who have not finished; how many were told in Telegram.

    Pressed twice on one day, the second press tells nobody again.

    Raises:
        PermissionDenied: the actor may not send the inventory.
        NotFound: no such sending in this organisation.
    """
    sending = await _access_sending(actor, sending_id)
    async with transaction(deps) as tx:
        today = local_today(tx.now, await organisation_zone(actor.organisation_id))
        invitations = await InventoryInvitation.filter(sending_id=sending.id)
        finished = await _finished_since(row.person_id for row in invitations)  # type: ignore[attr-defined]
        waiting = [row for row in invitations if not _is_finished(row, finished)]
        linked = await _linked([row.person_id for row in waiting])  # type: ignore[attr-defined]
        told = 0
        for row in waiting:
            if row.person_id not in linked:  # type: ignore[attr-defined]
                continue
            queued = await do_enqueue(
                tx,
                person_id=row.person_id,  # type: ignore[attr-defined]
                message=REMINDER,
                organisation_id=actor.organisation_id,
                bot="career",
                dedupe_key=f"career-reminder:{row.id}:{today.isoformat()}",
                buttons=[[(START_BUTTON, invitation_callback(row.id))]],
            )
            if queued is not None:
                told += 1
                row.reminded_at = tx.now
                await row.save(update_fields=("reminded_at",))
        await do_record(
            tx,
            actor,
            action="career.inventory.remind",
            object_type="inventory_sending",
            object_id=sending.id,
            after={"reminded": told},
        )
    return told


async def open_invitation(deps: Deps, actor: Actor, *, invitation_id: int) -> AttemptView:
    """The student presses the invitation's button: a new attempt starts with the
    invitation's grade, so they are not asked for it; an attempt they left unfinished goes on
    in its own form instead (their answers are kept, not thrown away).

    Raises:
        PermissionDenied: the actor is not acting as a student.
        NotFound: no such invitation of this person.
        Conflict: they finished the inventory after this invitation was sent.
    """
    check_id(invitation_id)
    invitation = await InventoryInvitation.get_or_none(id=invitation_id)
    if (
        invitation is None or actor.person_id is None or invitation.person_id != actor.person_id  # type: ignore[attr-defined]
    ):
        raise NotFound()
    if _is_finished(invitation, await _finished_since([actor.person_id])):
        raise Conflict(_FINISHED)
    view = await start_inventory(deps, actor, grade=invitation.grade)
    if invitation.opened_at is None:
        async with transaction(deps) as tx:
            invitation.opened_at = tx.now
            await invitation.save(update_fields=("opened_at",))
    return view
