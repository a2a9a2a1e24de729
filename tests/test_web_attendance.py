"""The lesson card and the lesson reports over real HTTP (issue 5)."""

from __future__ import annotations

import re
from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from core.clock import FrozenClock
from core.deps import Deps
from core.models.lessons import Attendance
from core.services.attendance import AttendanceStatus, mark_attendance, report_absence
from core.services.exports import XLSX_CONTENT_TYPE
from tests.test_attendance import TODAY, add_lesson, local, make_classroom
from tests.web import Panel, open_panel, text_of


def _row(body: str, student_id: int) -> str:
    """The visible text of one student's row of the roster."""
    match = re.search(rf'<tr data-student="{student_id}">(.*?)</tr>', body, re.S)
    assert match, f"no row for student {student_id}"
    return text_of(match.group(1)).strip()


def _checked(body: str, student_id: int) -> str | None:
    """The mark the roster's radio row of a student has chosen."""
    match = re.search(rf'name="mark_{student_id}" value="(\w+)" checked', body)
    return match.group(1) if match else None


async def _marks(lesson_id: int) -> dict[int, str]:
    return {
        row["student_id"]: row["status"]
        for row in await Attendance.filter(lesson_id=lesson_id).values("student_id", "status")
    }


async def test_a_teacher_marks_the_lesson_on_its_card(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await panel.sign_in("erlan@bilim.kz")

    response, body = await panel.get(f"/lessons/{room.lesson_id}")

    assert response.status == 200
    page = text_of(body)
    assert "01.09.2026 10:00–11:00" in page
    assert "Алгебра 7А" in page and "Ахметов Ерлан" in page and "Planned" in page
    assert f'href="/schedule?view=day&amp;date={TODAY.isoformat()}"' in body
    # The lesson has begun: an unmarked student starts as present.
    assert _checked(body, room.aigerim) == "present"

    response, body = await panel.post(
        f"/lessons/{room.lesson_id}/attendance",
        {
            f"mark_{room.aigerim}": "present",
            f"mark_{room.nurlan}": "late",
            f"note_{room.nurlan}": "15 минут",
        },
    )

    assert response.status == 200
    page = text_of(body)
    assert "Attendance is saved." in page and "Held" in page
    assert _checked(body, room.nurlan) == "late"
    assert "Ахметов Ерлан, 01.09.2026 11:00" in _row(body, room.nurlan)
    assert 'value="15 минут"' in body
    assert await _marks(room.lesson_id) == {room.aigerim: "present", room.nurlan: "late"}


async def test_a_mark_for_someone_outside_the_group_is_refused_whole(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await panel.sign_in("erlan@bilim.kz")
    await panel.get(f"/lessons/{room.lesson_id}")

    response, body = await panel.post(
        f"/lessons/{room.lesson_id}/attendance",
        {f"mark_{room.aigerim}": "absent", f"mark_{room.stranger}": "present"},
    )

    assert response.status == 400
    assert "Not in the group of this lesson: Ли Виктор. Nothing was saved." in text_of(body)
    assert _checked(body, room.aigerim) == "absent", "the form keeps what was sent"
    assert await _marks(room.lesson_id) == {}


async def test_a_made_up_mark_is_refused(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await panel.sign_in("erlan@bilim.kz")
    await panel.get(f"/lessons/{room.lesson_id}")

    response, body = await panel.post(
        f"/lessons/{room.lesson_id}/attendance", {f"mark_{room.aigerim}": "asleep"}
    )

    assert response.status == 400
    assert "Choose present, absent, late or excused." in text_of(body)
    assert await _marks(room.lesson_id) == {}


async def test_someone_who_does_not_teach_it_sees_the_marks_read_only(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await mark_attendance(
        deps, room.teacher, lesson_id=room.lesson_id, marks={room.aigerim: AttendanceStatus.ABSENT}
    )
    await panel.sign_in("oleg@bilim.kz")

    response, body = await panel.get(f"/lessons/{room.lesson_id}")

    assert response.status == 200
    assert 'type="radio"' not in body
    assert _row(body, room.aigerim) == "Омарова Айгерім Absent Ахметов Ерлан, 01.09.2026 11:00"
    assert "Not marked" in _row(body, room.nurlan)


async def test_a_refusal_is_in_the_users_language(deps: Deps):
    room = await make_classroom(deps)
    async with open_panel(deps, "ru") as panel:
        await panel.sign_in("oleg@bilim.kz")
        await panel.get(f"/lessons/{room.lesson_id}")

        response, body = await panel.post(
            f"/lessons/{room.lesson_id}/attendance", {f"mark_{room.aigerim}": "present"}
        )

    assert response.status == 403
    assert "У вас нет прав на это действие." in text_of(body)
    assert await _marks(room.lesson_id) == {}


async def test_an_earlier_days_lesson_is_corrected_only_with_the_permission(
    deps: Deps, panel: Panel, clock: FrozenClock
):
    room = await make_classroom(deps)
    await mark_attendance(
        deps,
        room.teacher,
        lesson_id=room.lesson_id,
        marks={room.aigerim: AttendanceStatus.PRESENT},
    )
    clock.current = local(TODAY + timedelta(days=1), 9)
    await panel.sign_in("erlan@bilim.kz")
    await panel.get(f"/lessons/{room.lesson_id}")

    response, body = await panel.post(
        f"/lessons/{room.lesson_id}/attendance", {f"mark_{room.aigerim}": "absent"}
    )

    assert response.status == 403
    assert "marked on an earlier day" in text_of(body)
    assert await _marks(room.lesson_id) == {room.aigerim: "present"}


async def test_a_form_without_its_csrf_token_changes_nothing(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await panel.sign_in("erlan@bilim.kz")

    response = await panel.client.post(
        f"/lessons/{room.lesson_id}/attendance", data={f"mark_{room.aigerim}": "absent"}
    )

    assert response.status == 403
    assert await _marks(room.lesson_id) == {}


async def test_a_parents_report_shows_on_the_card(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    later = await add_lesson(deps, room, local(TODAY, 15))
    await report_absence(deps, room.parent, child_id=room.aigerim, lesson_id=later, reason="Тұмау")
    await panel.sign_in("erlan@bilim.kz")

    _, body = await panel.get(f"/lessons/{later}")

    row = _row(body, room.aigerim)
    assert "Reported by the parent Омарова Сәуле" in row
    assert _checked(body, room.aigerim) == "excused"
    assert _checked(body, room.nurlan) is None, "nothing is chosen before the lesson begins"
    assert "only excused absences" in text_of(body)


async def test_reports_show_figures_and_download_as_excel(deps: Deps, panel: Panel):
    room = await make_classroom(deps)
    await mark_attendance(
        deps,
        room.teacher,
        lesson_id=room.lesson_id,
        marks={room.aigerim: AttendanceStatus.PRESENT, room.nurlan: AttendanceStatus.ABSENT},
    )
    await panel.sign_in("admin@bilim.kz")
    query = f"report=group&group={room.group_id}&from=2026-09-01&to=2026-09-30"

    response, body = await panel.get(f"/reports/lessons?{query}")

    assert response.status == 200
    page = text_of(body)
    assert "Lessons held: 1" in page
    assert "Омарова Айгерім 1 0 0 0 100.0 %" in page
    assert "Сейітов Нұрлан 0 0 1 0 0.0 %" in page

    download = await panel.client.get(f"/reports/lessons.xlsx?{query}")
    assert download.status == 200
    assert download.content_type == XLSX_CONTENT_TYPE
    sheet = load_workbook(BytesIO(await download.read())).active
    assert [cell.value for cell in sheet[5]][:5] == ["Омарова Айгерім", 1, 0, 0, 0]

    response, body = await panel.get(
        "/reports/lessons?report=teachers&from=2026-09-30&to=2026-09-01"
    )
    assert response.status == 400
    assert "The period ends before it starts." in text_of(body)

    _, body = await panel.get("/reports/lessons")
    assert "Ахметов Ерлан 1 0 0 0 0" in text_of(body), "this month so far by default"


async def test_a_teacher_may_not_open_reports(deps: Deps, panel: Panel):
    await make_classroom(deps)
    await panel.sign_in("erlan@bilim.kz")

    response, _ = await panel.get("/reports/lessons")
    download = await panel.client.get("/reports/lessons.xlsx")

    assert response.status == 403
    assert download.status == 403
