"""Issue 11's "done when", as a deputy head and a school live it: the school is imported
from the Excel template downloaded from the panel (and another from a .fet file), a
timetable is generated with a progress bar, two lessons are moved by hand into clashes that
the page names, they are locked and the rest re-optimised around them, the timetable is
published and a student sees it in Telegram; then a teacher is marked ill tomorrow and the
chosen substitute and the class are told in Telegram."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from aiohttp import FormData
from openpyxl import load_workbook

from bots.delivery import DeliveryWorker, Sender
from bots.texts import Translator
from core.deps import Deps
from core.i18n import gettext_for
from core.models.lessons import RoomKind, ScheduleRule
from core.models.people import Role
from core.models.timetabling import SchoolTimetable
from core.services.places import RoomData, create_room
from core.services.substitutions import cover_day
from core.services.timetable_solves import WEIGHT_KEYS, wait_for_solve
from core.timetabling.checker import check, lesson_name
from core.timetabling.problem import Placement, Problem, Timetable
from core.timetabling.serial import problem_from_data, timetable_from_data
from core.timetabling.template import SHEETS
from tests.bots import BotHarness, link_person
from tests.factories import make_member
from tests.lesson_factories import LessonCentre, make_lesson_centre, make_second_group
from tests.web import Panel, text_of

en = Translator("en")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BRAZIL = (Path(__file__).parent / "data" / "timetabling" / "fet" / "brazil_1.fet").read_bytes()
TOMORROW = date(2026, 9, 2)  # the tests' clock stands at Tuesday 1 September 2026
BELLS = [["08:30", 45], ["09:25", 45], ["10:20", 45], ["11:15", 45]]
# The centre's people and groups (tests.lesson_factories), as the secretary types them.
SCHOOL: dict[str, list[list[object]]] = {
    "week": [[5, 1]],
    "bells": BELLS,
    "rooms": [["101", None, None, 20], ["102", None, None, 20]],
    "teachers": [["Ахметов Ерлан"], ["Бекова Сәуле"]],
    "classes": [["Алгебра 7А", 7, 2], ["Физика 8Б", 8, 0]],
    "subjects": [["Алгебра"], ["Физика"]],
    "lessons": [
        ["Алгебра", "Ахметов Ерлан", "Алгебра 7А", 3],
        ["Алгебра", "Ахметов Ерлан", "Алгебра 7А", 1, *[None] * 5, "Wednesday", 1],
        ["Физика", "Бекова Сәуле", "Алгебра 7А", 2],
        ["Физика", "Бекова Сәуле", "Физика 8Б", 3],
        ["Алгебра", "Ахметов Ерлан", "Физика 8Б", 2],
    ],
}


@pytest.fixture
async def worker(deps: Deps, main_bot: BotHarness) -> AsyncIterator[DeliveryWorker]:
    sender = Sender(main_bot.bot, per_second=1000, private_interval=0, group_interval=0)
    yield DeliveryWorker(deps, sender, lease_seconds=60)
    sender.uninstall()


async def school(deps: Deps) -> LessonCentre:
    centre = await make_lesson_centre(deps, name="№12 мектеп")
    await make_second_group(deps, centre)
    await create_room(
        deps, centre.admin, data=RoomData(name="102", kind=RoomKind.CLASSROOM, capacity=20)
    )
    return centre


def fill(template: bytes, sheets: dict[str, list[list[object]]]) -> bytes:
    """The downloaded template with rows typed into its sheets (by sheet key)."""
    workbook = load_workbook(io.BytesIO(template))
    titles = {sheet.key: gettext_for("en", sheet.title) for sheet in SHEETS}
    for key, rows in sheets.items():
        sheet = workbook[titles[key]]
        if key == "week":
            sheet.delete_rows(2)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


async def upload(panel: Panel, path: str, data: bytes, filename: str) -> tuple[int, str]:
    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("file", io.BytesIO(data), filename=filename, content_type=XLSX)
    response, page = await panel.post(path, form)
    return response.status, page


async def stored(timetable_id: int) -> tuple[Problem, dict[int, Placement], int]:
    row = await SchoolTimetable.get(id=timetable_id)
    return problem_from_data(row.problem), timetable_from_data(row.placements), row.version


async def generate(deps: Deps, panel: Panel, timetable_id: int, *, keep_locked: bool) -> str:
    """Start a run from the panel, see its progress bar, wait for it, read its result."""
    form = dict.fromkeys(WEIGHT_KEYS, "1") | {"seconds": "3"}
    form |= {"keep_locked": "1"} if keep_locked else {}
    response, page = await panel.post(f"/timetables/{timetable_id}/solve", form)
    solve_id = int(response.url.path.rsplit("/", 1)[1])
    assert "<progress" in page
    await wait_for_solve(deps, solve_id)
    _, page = await panel.get(f"/timetables/{timetable_id}/solves/{solve_id}")
    return text_of(page)


async def test_a_school_from_excel_is_generated_edited_and_published_to_telegram(
    deps: Deps, panel: Panel, main_bot: BotHarness, worker: DeliveryWorker
):
    centre = await school(deps)
    await panel.sign_in(centre.login(centre.admin))
    timetable_id = await import_schools(panel)

    await generate(deps, panel, timetable_id, keep_locked=True)
    problem, placed, _ = await stored(timetable_id)
    assert len(placed) == len(problem.lessons) == 11
    assert check(problem, placed).hard == 0

    moved = await clash_two_lessons(panel, timetable_id, problem, placed)
    result = await generate(deps, panel, timetable_id, keep_locked=True)
    problem, placed, _ = await stored(timetable_id)
    assert {lesson_id: placed[lesson_id] for lesson_id in moved} == moved
    assert check(problem, placed).hard == 0 and "teacher gaps" in result
    _, page = await panel.get(f"/timetables/{timetable_id}")
    assert "0 hard conflicts" in text_of(page)

    await publish(panel, timetable_id)
    student = main_bot.add_user(language_code="en")
    welcome = await link_person(
        main_bot, deps, centre.admin, centre.students[1].person_id or 0, student
    )
    await main_bot.press(student, welcome, "lang:en", expect=1)
    (today,) = await main_bot.send(student, en("Schedule"))
    _, (week,) = await main_bot.press(student, today, "sched:week", expect=1)
    lines = week_lines(problem, placed, "Алгебра 7А")
    assert lines and all(line in week["text"] for line in lines), week["text"]

    await cover_tomorrow(deps, panel, centre, main_bot, worker)


async def import_schools(panel: Panel) -> int:
    """A bad workbook is refused row by row, nothing stored; the good one and a .fet school
    are imported. Returns the Excel school's timetable."""
    response, _ = await panel.get("/timetables/template.xlsx")
    assert response.status == 200
    template = await response.read()
    status, page = await upload(panel, "/timetables/import.xlsx", b"PK\x03\x04", "a.xlsx")
    assert status == 400 and "Traceback" not in page
    broken = SCHOOL | {"lessons": [["Алгебра", "Иванов Иван", "Алгебра 7А", 4]]}
    status, page = await upload(panel, "/timetables/import.xlsx", fill(template, broken), "a.xlsx")
    assert status == 400
    problems = text_of(page.split('id="workbook-problems"')[1].split("</table>")[0])
    assert "Lessons 2" in problems and "Иванов Иван" in problems
    assert await SchoolTimetable.all().count() == 0

    good = fill(template, SCHOOL)
    status, page = await upload(panel, "/timetables/import.xlsx", good, "school12.xlsx")
    assert status == 200 and "The timetable was imported." in text_of(page)
    timetable_id = (await SchoolTimetable.get()).id
    status, _ = await upload(panel, "/timetables", BRAZIL, "brazil.fet")
    assert status == 200 and await SchoolTimetable.all().count() == 2
    return timetable_id


async def clash_two_lessons(
    panel: Panel, timetable_id: int, problem: Problem, placed: Timetable
) -> dict[int, Placement]:
    """Move a lesson of each class onto another lesson of that class (in its room), see
    both clashes named on the page, lock the two; returns where they are."""

    def lesson(subject: str, group: str) -> int:
        return min(
            i
            for i, x in problem.lessons.items()
            if (x.subject, x.sets, x.locked_slot) == (subject, (group,), None)
        )

    moves = {
        lesson("Алгебра", "Алгебра 7А"): lesson("Физика", "Алгебра 7А"),
        lesson("Физика", "Физика 8Б"): lesson("Алгебра", "Физика 8Б"),
    }
    periods = len(problem.week.periods)
    _, _, version = await stored(timetable_id)
    for moved, onto in moves.items():
        day, period = divmod(placed[onto].slot, periods)
        form = {"day": str(day), "period": str(period), "room": placed[onto].room or ""}
        _, page = await panel.post(
            f"/timetables/{timetable_id}/lessons/{moved}/move", form | {"version": str(version)}
        )
        version += 1
    conflicts = text_of(page).split("hard conflicts")[1].split("not placed")[0]
    for lesson_id in (*moves, *moves.values()):
        assert lesson_name(problem, lesson_id) in conflicts
    for lesson_id in moves:
        await panel.post(
            f"/timetables/{timetable_id}/lessons/{lesson_id}/lock",
            {"version": str(version), "locked": "1"},
        )
        version += 1
    problem, placed, _ = await stored(timetable_id)
    assert all(problem.lessons[i].locked_slot == placed[i].slot for i in moves)
    return {lesson_id: placed[lesson_id] for lesson_id in moves}


async def publish_form(panel: Panel, timetable_id: int) -> FormData:
    """The publish form as filled: from tomorrow, the workbook's bells."""
    _, _, version = await stored(timetable_id)
    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("version", str(version))
    form.add_field("from_day", TOMORROW.isoformat())
    for index, (start, minutes) in enumerate(BELLS):
        form.add_field("start", str(start))
        form.add_field(f"minutes-{index}", str(minutes))
    return form


async def publish(panel: Panel, timetable_id: int) -> None:
    _, page = await panel.get(f"/timetables/{timetable_id}/publish")
    assert "Ахметов Ерлан" in text_of(page.split('id="matches"')[1])
    assert 'id="blocking"' not in page
    assert re.findall(r'name="start"[^>]*value="([^"]*)"', page) == [start for start, _ in BELLS]
    form = await publish_form(panel, timetable_id)
    response, page = await panel.post(f"/timetables/{timetable_id}/publish", form)
    assert response.status == 200, text_of(page)
    assert re.search(r"Published: \d+ lessons from 2026-09-02", text_of(page))


def week_lines(problem: Problem, placed: Timetable, group: str) -> list[str]:
    """What the bot shows for each of the group's lessons this week (it is published from
    Wednesday): the bell times, the group's course, its room and its teacher."""
    periods = len(problem.week.periods)
    lines = []
    for lesson_id, lesson in problem.lessons.items():
        day, period = divmod(placed[lesson_id].slot, periods)
        if lesson.sets != (group,) or day < 2:
            continue
        start, minutes = BELLS[period]
        hours, mins = (int(part) for part in str(start).split(":"))
        end = hours * 60 + mins + int(str(minutes))
        teacher = problem.teachers[lesson.teachers[0]].name
        room = problem.rooms[placed[lesson_id].room or ""].name
        when = f"{start}–{end // 60:02d}:{end % 60:02d}"
        lines.append(f"{when} Algebra · {group}\n    room {room} · {teacher}")
    return lines


async def cover_tomorrow(
    deps: Deps,
    panel: Panel,
    centre: LessonCentre,
    main_bot: BotHarness,
    worker: DeliveryWorker,
) -> None:
    """Ахметов is ill tomorrow: the deputy head marks it and gives his lesson of 7А to the
    top-ranked free teacher, who reads it in Telegram, as does a student of 7А."""
    spare = await make_member(
        deps, centre.system, Role.TEACHER, last_name="Серікова", first_name="Әлия"
    )
    users = {}
    for actor in (centre.substitute, spare, centre.students[0]):
        user = main_bot.add_user(language_code="en")
        welcome = await link_person(main_bot, deps, centre.admin, actor.person_id or 0, user)
        await main_bot.press(user, welcome, "lang:en", expect=1)
        users[actor.person_id] = user
    await worker.run_once()  # the news of the published timetable
    seen = {user: len(main_bot.sent(user)) for user in users.values()}

    form = {"teacher_id": str(centre.teacher.person_id), "day": TOMORROW.isoformat()}
    _, page = await panel.post("/substitutions/absences", form | {"reason": "ill"})
    assert "Ахметов Ерлан is marked absent" in text_of(page)
    day = await cover_day(deps, centre.admin, day=TOMORROW)
    # The workbook fixes an algebra lesson of 7А on Wednesday, first period.
    lesson = next(item for item in day.lessons if item.lesson.group_id == centre.group_id)
    top = lesson.candidates[0]
    _, page = await panel.post(
        f"/substitutions/lessons/{lesson.lesson.id}/choose",
        {"teacher_id": str(top.teacher_id), "replacing": str(centre.teacher.person_id)},
    )
    assert f"{top.name} teaches this lesson now." in text_of(page)
    await worker.run_once()
    for person_id in (top.teacher_id, centre.students[0].person_id):
        user = users[person_id]
        (message,) = main_bot.sent(user)[seen[user] :]
        assert "Ахметов Ерлан" in message["text"]


async def test_publishing_names_what_does_not_match_and_writes_nothing(deps: Deps, panel: Panel):
    centre = await school(deps)
    await panel.sign_in(centre.login(centre.admin))
    template = await (await panel.get("/timetables/template.xlsx"))[0].read()
    stranger = SCHOOL | {
        "teachers": [*SCHOOL["teachers"], ["Иванов Иван"]],
        "lessons": [*SCHOOL["lessons"], ["Физика", "Иванов Иван", "Физика 8Б", 1]],
    }
    await upload(panel, "/timetables/import.xlsx", fill(template, stranger), "school.xlsx")
    timetable_id = (await SchoolTimetable.get()).id
    await generate(deps, panel, timetable_id, keep_locked=False)

    _, page = await panel.get(f"/timetables/{timetable_id}/publish")
    blocking = text_of(page.split('id="blocking"')[1].split("</section>")[0])
    assert "Иванов Иван is not an active teacher of the organisation." in blocking
    response, page = await panel.post(
        f"/timetables/{timetable_id}/publish", await publish_form(panel, timetable_id)
    )
    assert "Иванов Иван is not an active teacher" in text_of(page)
    assert response.status == 400 and "Traceback" not in page
    hostile = FormData()
    hostile.add_fields(("csrf_token", panel.csrf), ("version", "1"), ("from_day", "2026-09-02"))
    hostile.add_fields(*(("start", "²:30") for _ in BELLS))
    response, page = await panel.post(f"/timetables/{timetable_id}/publish", hostile)
    assert response.status == 400 and "for example 15:30" in text_of(page)
    assert await ScheduleRule.all().count() == 0
    assert (await SchoolTimetable.get(id=timetable_id)).published_at is None

    for address, kind in (
        ("export.xlsx", XLSX),
        ("export-class.pdf", "application/pdf"),
        ("export-teacher.pdf", "application/pdf"),
    ):
        response, _ = await panel.get(f"/timetables/{timetable_id}/{address}")
        assert response.status == 200 and response.content_type == kind
        assert len(await response.read()) > 1000
