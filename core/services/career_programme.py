"""The career guidance programme of the school year, per grade (issue 9).

- **What**: items with the grades they are for (5–11, one or several), a date or a date
  range, a kind (class hour, inventory, excursion, …), a title and a description, owned by
  the organisation. A school year runs from 1 September to 31 August and is named by the
  year it starts in (2026 → 2026/27); an item lies wholly inside its school year.
- **Who**: holders of ``career.programme.manage`` (career counsellors; admins hold every
  permission) read and edit it in the panel; a student reads the coming items for their
  grade (``coming_for_student``). Another organisation's item is ``NotFound``.
- **Copying last year's**: every item of the year before, dates shifted by one year
  (29 February → 28 February), remembering what it was copied from, so pressing it twice
  copies nothing the second time; an item deleted after copying is copied again.
- **A student's grade** is not on record; it is the grade of their latest inventory
  invitation or attempt (``core.services.career_invitations`` is where it is first learned).
- **Calendar**: a student's feed (``core.services.timetable.calendar_feed``) carries their
  grade's items as all-day events (``feed_days``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from io import BytesIO

from babel.dates import format_date as babel_format_date
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.i18n import N_, gettext_for
from core.ics import DayEvent
from core.models.career import CareerAttempt, InventoryInvitation, ProgrammeItem
from core.models.people import Membership, Role
from core.permissions import Permission, require
from core.services.audit import do_record
from core.services.career import GRADES
from core.services.career_invitations import SCHOOL_YEAR_MONTH
from core.services.lessons import check_id, local_today, organisation_zone
from core.tx import transaction
from core.workbooks import headed_sheet, text_cell

#: How far ahead a student sees the programme.
COMING_DAYS = 30
TITLE_MAX = 200
DESCRIPTION_MAX = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ItemKind(StrEnum):
    CLASS_HOUR = "class_hour"
    INVENTORY = "inventory"
    EXCURSION = "excursion"
    PROFESSIONAL = "professional"
    PARENTS = "parents"
    OPEN_DAY = "open_day"
    CONSULTATION = "consultation"


KIND_LABELS: Mapping[ItemKind, str] = {
    ItemKind.CLASS_HOUR: N_("Class hour"),
    ItemKind.INVENTORY: N_("Test or inventory"),
    ItemKind.EXCURSION: N_("Excursion"),
    ItemKind.PROFESSIONAL: N_("Meeting with a professional"),
    ItemKind.PARENTS: N_("Parents' meeting"),
    ItemKind.OPEN_DAY: N_("Open day"),
    ItemKind.CONSULTATION: N_("Consultation day"),
}

_BAD_GRADES = N_("Choose one or more grades from 5 to 11.")
_BAD_KIND = N_("Choose what kind of event it is.")
_NO_TITLE = N_("Enter a title.")
_LONG_TITLE = N_("A title is at most {limit} characters.")
_LONG_DESCRIPTION = N_("A description is at most {limit} characters.")
_NO_DATE = N_("Enter the date.")
_ENDS_BEFORE = N_("The last day cannot be before the first.")
_OUTSIDE_YEAR = N_("The dates must lie within the school year {start} – {end}.")
_ONLY_STUDENTS = N_("The programme for your grade is for students.")


@dataclass(frozen=True)
class ItemData:
    """An item as typed: ``ends_on`` None means one day."""

    grades: Sequence[int]
    kind: str
    title: str
    description: str
    starts_on: date | None
    ends_on: date | None = None


@dataclass(frozen=True)
class ItemView:
    id: int
    school_year: int
    grades: tuple[int, ...]
    kind: ItemKind
    title: str
    description: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Month:
    first_day: date  # the month's first day
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class Programme:
    school_year: int
    grade: int | None  # the filter, None for every grade
    months: tuple[Month, ...]

    @property
    def count(self) -> int:
        return sum(len(month.items) for month in self.months)


def month_title(month: date, language: str) -> str:
    """A month with its year in ``language`` ("Қыркүйек 2026", "сентябрь 2026")."""
    return str(babel_format_date(month, "LLLL y", locale=language or "en"))


def school_year_of(day: date) -> int:
    """The school year ``day`` falls in, by the year it starts in."""
    return day.year if day.month >= SCHOOL_YEAR_MONTH else day.year - 1


def year_bounds(school_year: int) -> tuple[date, date]:
    """The first and last day of a school year."""
    return date(school_year, SCHOOL_YEAR_MONTH, 1), date(
        school_year + 1, SCHOOL_YEAR_MONTH, 1
    ) - timedelta(days=1)


async def current_school_year(deps: Deps, actor: Actor) -> int:
    """The school year of the organisation's local today."""
    zone = await organisation_zone(actor.organisation_id)
    return school_year_of(local_today(deps.clock.now(), zone))


def _view(item: ProgrammeItem) -> ItemView:
    return ItemView(
        id=item.id,
        school_year=item.school_year,
        grades=tuple(item.grades),
        kind=ItemKind(item.kind),
        title=item.title,
        description=item.description,
        starts_on=item.starts_on,
        ends_on=item.ends_on,
    )


def _checked(data: ItemData, school_year: int) -> ItemData:
    grades = sorted(set(data.grades))
    if not grades or any(grade not in GRADES for grade in grades):
        raise InvalidInput(_BAD_GRADES, field="grades")
    if data.kind not in set(ItemKind):
        raise InvalidInput(_BAD_KIND, field="kind")
    title = data.title.strip()
    if not title:
        raise InvalidInput(_NO_TITLE, field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(_LONG_TITLE, field="title", limit=TITLE_MAX)
    description = data.description.strip()
    if len(description) > DESCRIPTION_MAX:
        raise InvalidInput(_LONG_DESCRIPTION, field="description", limit=DESCRIPTION_MAX)
    if data.starts_on is None:
        raise InvalidInput(_NO_DATE, field="starts_on")
    ends_on = data.ends_on or data.starts_on
    if ends_on < data.starts_on:
        raise InvalidInput(_ENDS_BEFORE, field="ends_on")
    first, last = year_bounds(school_year)
    if data.starts_on < first or ends_on > last:
        raise InvalidInput(
            _OUTSIDE_YEAR,
            field="starts_on",
            start=f"{first:%d.%m.%Y}",
            end=f"{last:%d.%m.%Y}",
        )
    return ItemData(grades, data.kind, title, description, data.starts_on, ends_on)


def _audit_after(data: ItemData) -> dict[str, object]:
    return {
        "grades": list(data.grades),
        "kind": data.kind,
        "title": data.title,
        "starts_on": data.starts_on.isoformat() if data.starts_on else None,
        "ends_on": data.ends_on.isoformat() if data.ends_on else None,
    }


async def add_item(deps: Deps, actor: Actor, *, school_year: int, data: ItemData) -> int:
    """Add an item to the programme of ``school_year``; its id.

    Raises:
        PermissionDenied: the actor may not edit the programme.
        InvalidInput: no grade or one outside 5–11, an unknown kind, an empty or too long
            title, no date, the last day before the first, or dates outside the school year.
    """
    await require(actor, Permission.CAREER_PROGRAMME_MANAGE)
    checked = _checked(data, school_year)
    async with transaction(deps) as tx:
        item = await ProgrammeItem.create(
            organisation_id=actor.organisation_id,
            school_year=school_year,
            grades=list(checked.grades),
            kind=checked.kind,
            title=checked.title,
            description=checked.description,
            starts_on=checked.starts_on,
            ends_on=checked.ends_on,
            created_at=tx.now,
            updated_at=tx.now,
        )
        await do_record(
            tx,
            actor,
            action="career.programme.add",
            object_type="programme_item",
            object_id=item.id,
            after=_audit_after(checked),
        )
    return item.id


async def _access_item(actor: Actor, item_id: int) -> ProgrammeItem:
    await require(actor, Permission.CAREER_PROGRAMME_MANAGE)
    check_id(item_id)
    item = await ProgrammeItem.get_or_none(id=item_id, organisation_id=actor.organisation_id)
    if item is None:
        raise NotFound()
    return item


async def get_item(actor: Actor, *, item_id: int) -> ItemView:
    """One item, to edit.

    Raises:
        PermissionDenied: the actor may not edit the programme.
        NotFound: no such item in this organisation.
    """
    return _view(await _access_item(actor, item_id))


async def update_item(deps: Deps, actor: Actor, *, item_id: int, data: ItemData) -> None:
    """Change an item (it stays in its school year).

    Raises:
        PermissionDenied: the actor may not edit the programme.
        NotFound: no such item in this organisation.
        InvalidInput: as ``add_item``.
    """
    item = await _access_item(actor, item_id)
    checked = _checked(data, item.school_year)
    async with transaction(deps) as tx:
        before = _audit_after(
            ItemData(item.grades, item.kind, item.title, "", item.starts_on, item.ends_on)
        )
        item.grades = list(checked.grades)
        item.kind = checked.kind
        item.title = checked.title
        item.description = checked.description
        assert checked.starts_on is not None and checked.ends_on is not None
        item.starts_on = checked.starts_on
        item.ends_on = checked.ends_on
        item.updated_at = tx.now
        await item.save()
        await do_record(
            tx,
            actor,
            action="career.programme.update",
            object_type="programme_item",
            object_id=item.id,
            before=before,
            after=_audit_after(checked),
        )


async def delete_item(deps: Deps, actor: Actor, *, item_id: int) -> None:
    """Delete an item.

    Raises:
        PermissionDenied: the actor may not edit the programme.
        NotFound: no such item in this organisation.
    """
    item = await _access_item(actor, item_id)
    async with transaction(deps) as tx:
        await do_record(
            tx,
            actor,
            action="career.programme.delete",
            object_type="programme_item",
            object_id=item.id,
            before={"title": item.title, "starts_on": item.starts_on.isoformat()},
        )
        await item.delete()


def _matches(item: ProgrammeItem, grade: int | None) -> bool:
    return grade is None or grade in item.grades


async def programme(actor: Actor, *, school_year: int, grade: int | None = None) -> Programme:
    """The programme of a school year by month, for one grade or (None) every grade.

    Raises:
        PermissionDenied: the actor may not edit the programme.
    """
    await require(actor, Permission.CAREER_PROGRAMME_MANAGE)
    items = await ProgrammeItem.filter(
        organisation_id=actor.organisation_id, school_year=school_year
    ).order_by("starts_on", "ends_on", "id")
    months: dict[date, list[ItemView]] = {}
    for item in items:
        if _matches(item, grade):
            months.setdefault(item.starts_on.replace(day=1), []).append(_view(item))
    return Programme(
        school_year=school_year,
        grade=grade,
        months=tuple(Month(first, tuple(rows)) for first, rows in months.items()),
    )


def _shifted(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


async def copy_previous_year(deps: Deps, actor: Actor, *, school_year: int) -> int:
    """Copy the year before's items into ``school_year``, a year later; how many were copied.

    Raises:
        PermissionDenied: the actor may not edit the programme.
    """
    await require(actor, Permission.CAREER_PROGRAMME_MANAGE)
    async with transaction(deps) as tx:
        previous = await ProgrammeItem.filter(
            organisation_id=actor.organisation_id, school_year=school_year - 1
        ).order_by("starts_on", "id")
        copied_already = {
            int(row["copied_from_id"])
            for row in await ProgrammeItem.filter(
                copied_from_id__in=[item.id for item in previous] or [0]
            ).values("copied_from_id")
        }
        copied = 0
        for item in previous:
            if item.id in copied_already:
                continue
            _ = await ProgrammeItem.create(
                organisation_id=actor.organisation_id,
                school_year=school_year,
                grades=list(item.grades),
                kind=item.kind,
                title=item.title,
                description=item.description,
                starts_on=_shifted(item.starts_on),
                ends_on=_shifted(item.ends_on),
                copied_from_id=item.id,
                created_at=tx.now,
                updated_at=tx.now,
            )
            copied += 1
        await do_record(
            tx,
            actor,
            action="career.programme.copy",
            object_type="organisation",
            object_id=actor.organisation_id,
            after={"school_year": school_year, "copied": copied},
        )
    return copied


async def export_programme(
    actor: Actor, *, school_year: int, grade: int | None, language: str
) -> bytes:
    """The programme as the page shows it, as an .xlsx workbook (dates as dates).

    Raises:
        PermissionDenied: the actor may not edit the programme.
    """
    found = await programme(actor, school_year=school_year, grade=grade)
    rows = [item for month in found.months for item in month.items]
    return await asyncio.to_thread(_workbook, rows, language)


def _workbook(rows: list[ItemView], language: str) -> bytes:
    def tr(message: str) -> str:
        return gettext_for(language, message)

    workbook = Workbook(write_only=True)
    columns = [
        (N_("From"), 12),
        (N_("To"), 12),
        (N_("Grades"), 12),
        (N_("Kind"), 26),
        (N_("Title"), 40),
        (N_("Description"), 60),
    ]
    sheet = headed_sheet(
        workbook, tr(N_("Career programme")), [(tr(label), width) for label, width in columns]
    )
    for row in rows:
        days = []
        for day in (row.starts_on, row.ends_on):
            cell = WriteOnlyCell(sheet)
            cell.value = day
            cell.number_format = "dd.mm.yyyy"
            days.append(cell)
        sheet.append(
            [
                *days,
                text_cell(sheet, ", ".join(str(grade) for grade in row.grades)),
                text_cell(sheet, tr(KIND_LABELS[row.kind])),
                text_cell(sheet, row.title),
                text_cell(sheet, row.description),
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def student_grade(person_id: int) -> int | None:
    """A student's grade as last learned: their latest inventory invitation or attempt."""
    invitation = (
        await InventoryInvitation.filter(person_id=person_id)
        .order_by("-invited_at", "-id")
        .first()
    )
    attempt = (
        await CareerAttempt.filter(person_id=person_id).order_by("-started_at", "-id").first()
    )
    if invitation is None:
        return None if attempt is None else int(attempt.grade)
    if attempt is None or invitation.invited_at >= attempt.started_at:
        return int(invitation.grade)
    return int(attempt.grade)


@dataclass(frozen=True)
class Coming:
    grade: int | None  # None: the student's grade is not known yet
    items: tuple[ItemView, ...]


async def coming_for_student(deps: Deps, actor: Actor) -> Coming:
    """The programme items for the student's grade from today to ``COMING_DAYS`` ahead.

    Raises:
        PermissionDenied: the actor is not acting as a student.
    """
    if actor.person_id is None or Role.STUDENT not in actor.roles:
        raise PermissionDenied(_ONLY_STUDENTS)
    grade = await student_grade(actor.person_id)
    if grade is None:
        return Coming(grade=None, items=())
    today = local_today(deps.clock.now(), await organisation_zone(actor.organisation_id))
    items = await ProgrammeItem.filter(
        organisation_id=actor.organisation_id,
        ends_on__gte=today,
        starts_on__lte=today + timedelta(days=COMING_DAYS),
    ).order_by("starts_on", "ends_on", "id")
    return Coming(grade=grade, items=tuple(_view(item) for item in items if _matches(item, grade)))


async def feed_days(person_id: int, *, since: date, until: date, language: str) -> list[DayEvent]:
    """The programme items for a student's grade between two days, as all-day calendar
    events in ``language`` (nothing when the person is no student or their grade is unknown).
    """
    organisations = await Membership.filter(
        person_id=person_id, role=Role.STUDENT, archived_at__isnull=True
    ).values("organisation_id")
    grade = await student_grade(person_id)
    if not organisations or grade is None:
        return []
    items = await ProgrammeItem.filter(
        organisation_id__in=[int(row["organisation_id"]) for row in organisations],
        ends_on__gte=since,
        starts_on__lte=until,
    ).order_by("starts_on", "id")
    return [
        DayEvent(
            uid=f"programme-{item.id}",
            summary=f"{gettext_for(language, KIND_LABELS[ItemKind(item.kind)])}: {item.title}",
            description=item.description,
            starts_on=item.starts_on,
            ends_on=item.ends_on,
            sequence=max(0, int((item.updated_at - item.created_at).total_seconds())),
            updated_at=item.updated_at,
        )
        for item in items
        if _matches(item, grade)
    ]
