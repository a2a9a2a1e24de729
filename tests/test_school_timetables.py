"""Stored school timetables (issue 11) through the service: a FET school imported with its
locked lessons, hand moves into clashes that the checker's report names, locks kept in the
problem for the solver, stale forms refused, organisations kept apart, bad uploads refused.

The school is FET's "Hopwood" example (tests/data/timetabling/fet, see its NOTICE): 163
lessons, all but one locked in the file; lesson 3 is "CALL — Begin F/T (David)" on Monday
at 9.30 in B305, lesson 4 "CALL — Inter F/T (Philip)" on Monday at 11.15 in B305, lessons 12
and 13 are John's on Wednesday at 9.30 and 11.15.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.people import Role
from core.models.timetabling import SchoolTimetable
from core.services.school_timetables import (
    add_lesson,
    delete_timetable,
    export_fet_file,
    import_fet,
    list_timetables,
    move_lesson,
    rename_timetable,
    set_locked,
    swap_lessons,
    timetable_lesson,
    timetable_page,
    unplace_lesson,
)
from core.timetabling.fet import read_fet
from core.timetabling.serial import problem_from_data
from tests.factories import make_member, make_organisation

FET = Path(__file__).parent / "data" / "timetabling" / "fet"
HOPWOOD = (FET / "uk_hopwood_fully-locked.fet").read_bytes()
ROOM_CLASH = (
    "Room B305: two lessons at the same time, Monday 9.30 - 11.00: "
    "CALL — Begin F/T (David) and CALL — Inter F/T (Philip)"
)
CLASS_CLASH = (
    "Inter F/T: two lessons at the same time, Monday 9.30 - 11.00: "
    "CALL — Inter F/T (Philip) and Listening/Speaking — Inter F/T (John)"
)


async def make_admin(deps: Deps, role: Role = Role.ADMIN) -> Actor:
    return await make_member(deps, await make_organisation(deps, name="№12 мектеп"), role)


async def imported(deps: Deps, admin: Actor) -> int:
    return await import_fet(deps, admin, filename="hopwood.fet", data=HOPWOOD, name="Hopwood 2026")


async def test_an_import_stores_the_school_with_its_locked_lessons_placed(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)
    (row,) = await list_timetables(admin)
    assert (row.id, row.name, row.source, row.lessons, row.placed) == (
        timetable_id,
        "Hopwood 2026",
        "fet",
        163,
        162,
    )
    page = await timetable_page(admin, timetable_id, view="class", key="Inter F/T", language="en")
    assert page.conflicts == () and page.hard == 1  # the one lesson the file leaves unplaced
    assert page.unplaced == ((52, "Project/Writing/Tutorial — Basic P/T B (Leonora)"),)
    monday_first = page.rows[0].cells[0]
    assert monday_first is not None
    assert [
        (item.subject, item.teachers, item.room, item.locked) for item in monday_first.lessons
    ] == [("Listening/Speaking", "John", "B306", True)]
    assert page.days[0] == "Monday" and page.rows[0].period == "9.30 - 11.00"
    assert page.soft_total > 0 and {total.label for total in page.soft_by_rule} >= {"class gaps"}
    assert await AuditRecord.filter(action="timetable.import").count() == 1


async def test_two_moves_into_clashes_are_both_listed_by_name(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)
    await move_lesson(
        deps,
        admin,
        timetable_id=timetable_id,
        version=1,
        lesson_id=4,
        day=0,
        period=0,
        room="B305",
    )
    await move_lesson(
        deps,
        admin,
        timetable_id=timetable_id,
        version=2,
        lesson_id=13,
        day=2,
        period=0,
        room="B305",
    )
    page = await timetable_page(admin, timetable_id, view="teacher", key="John", language="en")
    assert page.version == 3
    assert ROOM_CLASH in page.conflicts and CLASS_CLASH in page.conflicts
    assert (
        "John: two lessons at the same time, Wednesday 9.30 - 11.00: "
        "Call/Literacy — Basic P/T A (John) and CALL — Pre-Int F/T (John)"
    ) in page.conflicts
    # The moved lessons were locked in the file: they stay locked where they were put.
    assert not any("is fixed at" in sentence for sentence in page.conflicts)
    wednesday_first = page.rows[0].cells[2]
    assert wednesday_first is not None
    assert [item.id for item in wednesday_first.lessons] == [12, 13]
    russian = await timetable_page(admin, timetable_id, view="room", key="B305", language="ru")
    assert any(
        line.startswith("Кабинет B305: два урока одновременно") for line in russian.conflicts
    )


async def test_a_lock_is_kept_in_the_problem_and_an_unlock_frees_the_lesson(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)
    await set_locked(deps, admin, timetable_id=timetable_id, version=1, lesson_id=4, locked=False)
    await move_lesson(
        deps, admin, timetable_id=timetable_id, version=2, lesson_id=4, day=2, period=3, room=None
    )
    await set_locked(deps, admin, timetable_id=timetable_id, version=3, lesson_id=4, locked=True)
    row = await SchoolTimetable.get(id=timetable_id)
    lesson = problem_from_data(row.problem).lessons[4]
    assert (lesson.locked_slot, lesson.locked_room) == (2 * 5 + 3, None)
    assert row.placements["4"] == [13, None]
    detail = await timetable_lesson(admin, timetable_id, 4)
    assert (detail.day, detail.period, detail.room, detail.locked) == (2, 3, None, True)
    with pytest.raises(InvalidInput):  # lesson 52 is not placed
        await set_locked(
            deps, admin, timetable_id=timetable_id, version=4, lesson_id=52, locked=True
        )
    await unplace_lesson(deps, admin, timetable_id=timetable_id, version=4, lesson_id=4)
    row = await SchoolTimetable.get(id=timetable_id)
    assert (
        "4" not in row.placements and problem_from_data(row.problem).lessons[4].locked_slot is None
    )
    assert await AuditRecord.filter(action="timetable.lock").count() == 1


async def test_a_stale_form_is_refused_and_nothing_is_written(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)
    await swap_lessons(deps, admin, timetable_id=timetable_id, version=1, first=3, second=4)
    before = await SchoolTimetable.get(id=timetable_id)
    assert (before.placements["3"], before.placements["4"]) == ([1, "B305"], [0, "B305"])
    with pytest.raises(Conflict, match="Someone changed this timetable"):
        await move_lesson(
            deps,
            admin,
            timetable_id=timetable_id,
            version=1,
            lesson_id=3,
            day=0,
            period=0,
            room=None,
        )
    after = await SchoolTimetable.get(id=timetable_id)
    assert (after.version, after.placements, after.problem) == (
        2,
        before.placements,
        before.problem,
    )
    assert await AuditRecord.filter(action="timetable.move").count() == 0


async def test_bad_slots_rooms_and_lessons_are_refused_clearly(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)

    async def move(day: int, period: int, room: str | None = None) -> None:
        await move_lesson(
            deps,
            admin,
            timetable_id=timetable_id,
            version=1,
            lesson_id=3,
            day=day,
            period=period,
            room=room,
        )

    with pytest.raises(InvalidInput, match="day of the timetable's week"):
        await move(6, 0)
    with pytest.raises(InvalidInput, match="period of the timetable's day"):
        await move(0, 5)
    with pytest.raises(InvalidInput, match="no room “Hall 9”"):
        await move(0, 0, "Hall 9")
    with pytest.raises(NotFound):
        await unplace_lesson(deps, admin, timetable_id=timetable_id, version=1, lesson_id=9999)
    new = await add_lesson(
        deps,
        admin,
        timetable_id=timetable_id,
        version=1,
        subject="IT",
        teachers=["Inka"],
        sets=["ESOL IT"],
        duration=2,
    )
    with pytest.raises(InvalidInput, match="run past the end of the day"):
        await move_lesson(
            deps,
            admin,
            timetable_id=timetable_id,
            version=2,
            lesson_id=new,
            day=0,
            period=4,
            room=None,
        )
    page = await timetable_page(admin, timetable_id, view="class", key=None, language="en")
    assert (new, "IT — ESOL IT (Inka)") in page.unplaced
    with pytest.raises(InvalidInput, match="does not have “Nobody”"):
        await add_lesson(
            deps,
            admin,
            timetable_id=timetable_id,
            version=2,
            subject="IT",
            teachers=["Nobody"],
            sets=["ESOL IT"],
            duration=1,
        )


async def test_a_double_period_spans_two_cells(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)
    new = await add_lesson(
        deps,
        admin,
        timetable_id=timetable_id,
        version=1,
        subject="IT",
        teachers=["Inka"],
        sets=["ESOL IT"],
        duration=2,
    )
    await move_lesson(
        deps,
        admin,
        timetable_id=timetable_id,
        version=2,
        lesson_id=new,
        day=5,
        period=3,
        room=None,
    )
    page = await timetable_page(admin, timetable_id, view="class", key="ESOL IT", language="en")
    cell = page.rows[3].cells[5]
    assert cell is not None and cell.span == 2 and [item.id for item in cell.lessons] == [new]
    assert page.rows[4].cells[5] is None


async def test_another_organisation_and_a_teacher_cannot_reach_it(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)
    stranger = await make_admin(deps)
    assert await list_timetables(stranger) == []
    with pytest.raises(NotFound):
        await timetable_page(stranger, timetable_id, view="class", key=None, language="en")
    with pytest.raises(NotFound):
        await export_fet_file(stranger, timetable_id)
    with pytest.raises(NotFound):
        await delete_timetable(deps, stranger, timetable_id=timetable_id)
    teacher = await make_member(deps, Actor.system(admin.organisation_id, "test"), Role.TEACHER)
    with pytest.raises(PermissionDenied):
        await list_timetables(teacher)
    assert await SchoolTimetable.filter(id=timetable_id).exists()


async def test_bad_uploads_are_refused_and_nothing_is_stored(deps: Deps):
    admin = await make_admin(deps)
    with pytest.raises(InvalidInput, match=r"ends in \.fet"):
        await import_fet(deps, admin, filename="school.xlsx", data=HOPWOOD)
    with pytest.raises(InvalidInput, match="empty"):
        await import_fet(deps, admin, filename="school.fet", data=b"")
    with pytest.raises(InvalidInput, match="not a FET timetable file"):
        await import_fet(deps, admin, filename="school.fet", data=b"<html>hello</html>")
    assert await SchoolTimetable.all().count() == 0


async def test_the_export_reopens_as_the_edited_timetable_and_rename_and_delete(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)
    await move_lesson(
        deps,
        admin,
        timetable_id=timetable_id,
        version=1,
        lesson_id=4,
        day=0,
        period=0,
        room="B305",
    )
    await rename_timetable(deps, admin, timetable_id=timetable_id, version=2, name=" Күзгі  2026 ")
    filename, data = await export_fet_file(admin, timetable_id)
    assert filename == "Күзгі-2026.fet"
    again = read_fet(data, name="again")
    assert (again.lessons[4].locked_slot, again.lessons[4].locked_room) == (0, "B305")
    await delete_timetable(deps, admin, timetable_id=timetable_id)
    assert await list_timetables(admin) == []


async def test_the_rules_the_file_has_and_we_do_not_follow_are_named(deps: Deps):
    admin = await make_admin(deps)
    school = "bulgaria_lom_high_school_2007-2008"
    data = (FET / f"{school}.fet").read_bytes()
    timetable_id = await import_fet(deps, admin, filename=f"C:/schools/{school}.fet", data=data)
    page = await timetable_page(admin, timetable_id, view="teacher", key=None, language="en")
    assert page.name == school and page.lessons == 448 and len(page.unplaced) == 448
    assert page.ignored.startswith("Not imported from the file (the timetable will not follow")
    assert "ConstraintActivitiesPreferredStartingTimes (<100 %) ×11" in page.ignored
    assert page.conflicts == ()  # nothing placed, nothing clashes: the unplaced list says it


async def test_two_editors_saving_at_once_one_is_told_to_reload(deps: Deps):
    admin = await make_admin(deps)
    timetable_id = await imported(deps, admin)

    async def move(lesson_id: int) -> None:
        await move_lesson(
            deps,
            admin,
            timetable_id=timetable_id,
            version=1,
            lesson_id=lesson_id,
            day=5,
            period=0,
            room=None,
        )

    results = await asyncio.gather(move(3), move(4), return_exceptions=True)
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "NoneType"]
    row = await SchoolTimetable.get(id=timetable_id)
    moved = [key for key in ("3", "4") if row.placements[key] == [25, None]]
    assert row.version == 2 and len(moved) == 1
