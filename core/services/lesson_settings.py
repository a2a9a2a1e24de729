"""An organisation's lesson settings (grading scale and weights, reminder defaults) and each
person's reminder preferences.

An organisation without a ``LessonSettings`` row uses the defaults of the model: a 5-point
scale, weights 1/1/2/3 (classwork, homework, test, exam), reminders 60 minutes before a
lesson, the "tomorrow" digest at 19:00 and parents told when a lesson of their child gets a
substitute teacher. A branch without its own row uses its nearest
ancestor's, so a network sets its scale once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput
from core.i18n import N_
from core.inherited import inherited_rows
from core.models.lessons import GradeKind, LessonSettings, ReminderPreference
from core.models.lessons import GradeScale as GradeScale  # noqa: PLC0414 - for adapters
from core.permissions import Permission, require
from core.services.audit import do_record, snapshot
from core.tx import transaction

REMINDER_MINUTES_MAX = 24 * 60
WEIGHT_MAX = 100

GRADE_SCALE_LABELS: dict[GradeScale, str] = {
    GradeScale.FIVE: N_("5-point (2 to 5)"),
    GradeScale.HUNDRED: N_("100-point (0 to 100)"),
    GradeScale.PASS_FAIL: N_("Pass or fail"),
    GradeScale.LETTER: N_("Letters (A to F)"),
}


@dataclass(frozen=True)
class LessonSettingsData:
    grade_scale: GradeScale = GradeScale.FIVE
    weights: tuple[tuple[GradeKind, int], ...] = (
        (GradeKind.CLASSWORK, 1),
        (GradeKind.HOMEWORK, 1),
        (GradeKind.TEST, 2),
        (GradeKind.EXAM, 3),
    )
    reminder_minutes: int = 60
    digest_hour: int | None = 19
    tell_parents_substitutions: bool = True

    def weight(self, kind: GradeKind) -> int:
        return dict(self.weights)[kind]


@dataclass(frozen=True)
class ReminderChoice:
    """A person's effective reminder settings and whether each is their own or inherited."""

    reminder_minutes: int
    digest_hour: int | None
    absence_notices: bool
    own_minutes: bool
    own_digest: bool


def _data(row: LessonSettings) -> LessonSettingsData:
    return LessonSettingsData(
        grade_scale=GradeScale(row.grade_scale),
        weights=(
            (GradeKind.CLASSWORK, row.weight_classwork),
            (GradeKind.HOMEWORK, row.weight_homework),
            (GradeKind.TEST, row.weight_test),
            (GradeKind.EXAM, row.weight_exam),
        ),
        reminder_minutes=row.reminder_minutes,
        digest_hour=row.digest_hour,
        tell_parents_substitutions=row.tell_parents_substitutions,
    )


async def lesson_settings(organisation_id: int) -> LessonSettingsData:
    """The settings in force in an organisation: its own, else its nearest ancestor's, else
    the defaults."""
    return (await lesson_settings_of([organisation_id]))[organisation_id]


async def lesson_settings_of(organisation_ids: Iterable[int]) -> dict[int, LessonSettingsData]:
    """``lesson_settings`` for many organisations at once: a query per level of the tree
    plus one, whatever their number (the reminder scheduler asks for all of them)."""
    rows = await inherited_rows(LessonSettings, organisation_ids)
    return {org_id: _data(row) if row else LessonSettingsData() for org_id, row in rows.items()}


async def view_lesson_settings(actor: Actor) -> LessonSettingsData:
    """The settings in force where the actor works, for the settings page.

    Raises:
        PermissionDenied: the actor may not see the organisation's settings.
    """
    await require(actor, Permission.ORG_VIEW)
    return await lesson_settings(actor.organisation_id)


def _check(data: LessonSettingsData) -> None:
    if not 0 <= data.reminder_minutes <= REMINDER_MINUTES_MAX:
        raise InvalidInput(
            N_("Reminders can be sent from 0 to {limit} minutes before a lesson."),
            field="reminder_minutes",
            limit=REMINDER_MINUTES_MAX,
        )
    if data.digest_hour is not None and not 0 <= data.digest_hour <= 23:
        raise InvalidInput(N_("The hour must be from 0 to 23."), field="digest_hour")
    for kind, weight in data.weights:
        if not 0 <= weight <= WEIGHT_MAX:
            raise InvalidInput(
                N_("A weight must be a whole number from 0 to {limit}."),
                field=f"weight_{kind.value}",
                limit=WEIGHT_MAX,
            )
    if not any(weight for _, weight in data.weights):
        raise InvalidInput(
            N_("At least one kind of grade needs a weight above zero."), field="weight_classwork"
        )


_AUDITED = (
    "grade_scale",
    "weight_classwork",
    "weight_homework",
    "weight_test",
    "weight_exam",
    "reminder_minutes",
    "digest_hour",
    "tell_parents_substitutions",
)


async def update_lesson_settings(
    deps: Deps, actor: Actor, *, data: LessonSettingsData
) -> LessonSettingsData:
    """Set the organisation's own lesson settings.

    Changing the scale does not touch grades already given: each keeps its own scale, and
    averages are computed from scores, which every scale shares.

    Raises:
        PermissionDenied: the actor may not change the organisation's settings.
        InvalidInput: a value out of range.
    """
    await require(actor, Permission.ORG_MANAGE)
    _check(data)
    weights = dict(data.weights)
    values: dict[str, Any] = {
        "grade_scale": data.grade_scale,
        "weight_classwork": weights[GradeKind.CLASSWORK],
        "weight_homework": weights[GradeKind.HOMEWORK],
        "weight_test": weights[GradeKind.TEST],
        "weight_exam": weights[GradeKind.EXAM],
        "reminder_minutes": data.reminder_minutes,
        "digest_hour": data.digest_hour,
        "tell_parents_substitutions": data.tell_parents_substitutions,
    }
    async with transaction(deps) as tx:
        row = await LessonSettings.select_for_update().get_or_none(
            organisation_id=actor.organisation_id
        )
        before = snapshot(row, _AUDITED) if row else None
        if row is None:
            row = await LessonSettings.create(organisation_id=actor.organisation_id, **values)
        else:
            await row.update_from_dict(values).save()
        await do_record(
            tx,
            actor,
            action="lesson_settings.update",
            object_type="organisation",
            object_id=actor.organisation_id,
            before=before,
            after=snapshot(row, _AUDITED),
        )
    return _data(row)


def _choice(settings: LessonSettingsData, own: ReminderPreference | None) -> ReminderChoice:
    minutes = own.reminder_minutes if own and own.reminder_minutes is not None else None
    digest = own.digest_hour if own and own.digest_hour is not None else None
    return ReminderChoice(
        reminder_minutes=settings.reminder_minutes if minutes is None else minutes,
        digest_hour=settings.digest_hour if digest is None else (None if digest < 0 else digest),
        absence_notices=own.absence_notices if own else True,
        own_minutes=minutes is not None,
        own_digest=digest is not None,
    )


async def reminder_choice(person_id: int, organisation_id: int) -> ReminderChoice:
    """What reminders a person gets: their own choice where they made one, else the
    organisation's."""
    settings = await lesson_settings(organisation_id)
    return _choice(settings, await ReminderPreference.get_or_none(person_id=person_id))


#: Preferences are read in slices of this many people (bound parameters stay few).
_CHUNK = 500


async def reminder_choices(
    pairs: Iterable[tuple[int, int]],
) -> dict[tuple[int, int], ReminderChoice]:
    """``reminder_choice`` for many (person, organisation) pairs in a few queries."""
    wanted = set(pairs)
    settings = await lesson_settings_of({org_id for _, org_id in wanted})
    people = sorted({person_id for person_id, _ in wanted})
    own: dict[int, ReminderPreference] = {}
    for start in range(0, len(people), _CHUNK):
        for row in await ReminderPreference.filter(person_id__in=people[start : start + _CHUNK]):
            own[row.person_id] = row  # type: ignore[attr-defined]
    return {
        (person_id, org_id): _choice(settings[org_id], own.get(person_id))
        for person_id, org_id in wanted
    }


async def set_reminder_choice(
    deps: Deps,
    actor: Actor,
    *,
    reminder_minutes: int | None = None,
    digest_hour: int | None = None,
    absence_notices: bool | None = None,
    organisation_minutes: bool = False,
    organisation_digest: bool = False,
) -> ReminderChoice:
    """Change the actor's own reminder preferences; a ``None`` argument leaves that one as it
    is. ``reminder_minutes=0`` turns lesson reminders off, ``digest_hour=-1`` the digest;
    ``organisation_minutes``/``organisation_digest`` drop the person's own choice so the
    organisation's setting applies again.

    Raises:
        InvalidInput: a value out of range.
    """
    if actor.person_id is None:
        raise InvalidInput()
    if reminder_minutes is not None and not 0 <= reminder_minutes <= REMINDER_MINUTES_MAX:
        raise InvalidInput(
            N_("Reminders can be sent from 0 to {limit} minutes before a lesson."),
            field="reminder_minutes",
            limit=REMINDER_MINUTES_MAX,
        )
    if digest_hour is not None and not -1 <= digest_hour <= 23:
        raise InvalidInput(N_("The hour must be from 0 to 23."), field="digest_hour")
    async with transaction(deps):
        row, _ = await ReminderPreference.get_or_create(person_id=actor.person_id)
        if reminder_minutes is not None or organisation_minutes:
            row.reminder_minutes = None if organisation_minutes else reminder_minutes
        if digest_hour is not None or organisation_digest:
            row.digest_hour = None if organisation_digest else digest_hour
        if absence_notices is not None:
            row.absence_notices = absence_notices
        await row.save()
    return await reminder_choice(actor.person_id, actor.organisation_id)
