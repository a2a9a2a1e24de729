"""The schedule pages over real HTTP: the calendar, rules, single-lesson changes, holidays,
rooms and the .ics feed, as an administrator and a teacher see them.

The frozen clock starts on Tuesday 1 September 2026, 11:00 in Almaty.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from icalendar import Calendar

from core.models.lessons import Holiday, Lesson, Room, ScheduleRule
from core.services.lessons import LessonStatus
from core.services.schedule import RuleData, create_rule
from core.services.timetable import feed_token
from tests.lesson_factories import LessonCentre, lesson_at, make_lesson_centre, make_second_group
from tests.web import Panel, open_panel, text_of


@pytest.fixture
async def centre(deps) -> LessonCentre:
    return await make_lesson_centre(deps)


@pytest.fixture
async def admin_panel(centre, panel) -> Panel:
    assert (await panel.sign_in(centre.login(centre.admin))).status == 200
    return panel


def weekly(centre: LessonCentre, **changes: Any) -> RuleData:
    values = {
        "group_id": centre.group_id,
        "teacher_id": centre.teacher.person_id,
        "pattern": ((0, 2),),
        "start_minute": 15 * 60,
        "duration_minutes": 90,
        "starts_on": date(2026, 9, 7),
        "ends_on": date(2026, 9, 30),
        "room_id": centre.room_id,
    } | changes
    return RuleData(**values)


def form(panel: Panel, values: dict[str, str | list[str]]) -> list[tuple[str, str]]:
    """Form fields as a browser sends them (a checkbox list repeats its name)."""
    pairs = [("csrf_token", panel.csrf)]
    for name, value in values.items():
        pairs += [(name, item) for item in value] if isinstance(value, list) else [(name, value)]
    return pairs


def rule_form(centre: LessonCentre, **changes: str | list[str]) -> dict[str, str | list[str]]:
    return {
        "group_id": str(centre.group_id),
        "teacher_id": str(centre.teacher.person_id),
        "room_id": str(centre.room_id),
        "cycle": "1",
        "week1": ["0", "2"],
        "start": "15:00",
        "duration_minutes": "90",
        "starts_on": "2026-09-07",
        "ends_on": "2026-09-30",
    } | changes


def field_error(body: str, field: str) -> str:
    match = re.search(rf'<span class="error" role="alert" data-field="{field}">(.*?)</span>', body)
    assert match, f"no error next to {field}"
    return text_of(match.group(1))


async def test_an_admin_creates_a_weekly_rule_and_sees_its_lessons(deps, centre, admin_panel):
    response, body = await admin_panel.get("/schedule/rules/new")
    assert response.status == 200
    assert "Ахметов Ерлан" in body and "Алгебра 7А" in body

    response, body = await admin_panel.post(
        "/schedule/rules/new", form(admin_panel, rule_form(centre))
    )
    assert response.status == 200
    page = text_of(body)
    assert "The rule is saved: 8 lessons are planned." in page
    assert "Mon, Wed" in page and "15:00–16:30" in page and "07.09.2026 – 30.09.2026" in page

    response, body = await admin_panel.get("/schedule?view=week&date=2026-09-09")
    page = text_of(body)
    assert page.count("Алгебра 7А") >= 2
    assert "15:00–16:30 Алгебра 7А" in page
    assert "2 lessons shown." in page
    lesson = await Lesson.filter(group_id=centre.group_id).order_by("starts_at").first()
    assert f'href="/lessons/{lesson.id}"' in body
    assert f'href="/schedule/lessons/{lesson.id}/edit"' in body

    response, body = await admin_panel.get(
        f"/schedule/week/print?date=2026-09-09&teacher={centre.teacher.person_id}"
    )
    assert response.status == 200
    assert "@media print" in body
    grid = text_of(re.search(r'<table id="grid">(.*?)</table>', body, re.S).group(1))
    assert "Mon 07.09" in grid and "15:00" in grid and "Ахметов Ерлан" in grid


async def test_a_conflicting_rule_is_refused_with_the_lesson_named(deps, centre, admin_panel):
    other = await make_second_group(deps, centre, teacher=centre.teacher)
    await lesson_at(deps, centre, date(2026, 9, 9), "14:30", group_id=other)

    response, body = await admin_panel.post(
        "/schedule/rules/new", form(admin_panel, rule_form(centre))
    )

    assert response.status == 409
    assert (
        "Ахметов Ерлан already teaches Физика 8Б at that time: 09.09.2026 14:30–16:00."
        in text_of(body)
    )
    assert not await ScheduleRule.exists()
    assert await Lesson.filter(group_id=centre.group_id).count() == 0
    # The form keeps what was typed.
    assert 'name="week1" value="2" checked' in body


async def test_bad_rule_fields_are_shown_next_to_them(deps, centre, admin_panel):
    response, body = await admin_panel.post(
        "/schedule/rules/new", form(admin_panel, rule_form(centre, start="25:00"))
    )
    assert response.status == 400
    assert field_error(body, "start") == "Give the time as hours and minutes, for example 15:30."

    response, body = await admin_panel.post(
        "/schedule/rules/new", form(admin_panel, rule_form(centre, week1=[]))
    )
    assert field_error(body, "pattern") == "Choose at least one weekday."

    response, body = await admin_panel.post(
        "/schedule/rules/new", form(admin_panel, rule_form(centre, ends_on="2026-09-01"))
    )
    assert field_error(body, "ends_on") == "The rule cannot end before it starts."
    assert not await ScheduleRule.exists()


async def test_a_lesson_is_moved_cancelled_and_given_a_substitute(deps, centre, admin_panel):
    await create_rule(deps, centre.admin, data=weekly(centre))
    first, second, third = (
        await Lesson.filter(group_id=centre.group_id).order_by("starts_at").limit(3)
    )

    response, body = await admin_panel.get(f"/schedule/lessons/{first.id}/edit")
    assert response.status == 200
    assert "Part of a schedule rule" in text_of(body)

    # Onto the next lesson of the same group: refused, with that lesson named.
    response, body = await admin_panel.post(
        f"/schedule/lessons/{first.id}/move",
        {"day": "2026-09-09", "start": "15:30", "duration_minutes": "90", "room_id": ""},
    )
    assert response.status == 409
    assert "already teaches Алгебра 7А at that time: 09.09.2026 15:00–16:30" in text_of(body)
    assert (await Lesson.get(id=first.id)).starts_at == first.starts_at

    response, body = await admin_panel.post(
        f"/schedule/lessons/{first.id}/move",
        {"day": "2026-09-08", "start": "16:00", "duration_minutes": "60", "room_id": ""},
    )
    assert response.status == 200
    assert "The lesson is moved" in text_of(body)

    response, body = await admin_panel.post(f"/schedule/lessons/{second.id}/cancel", {})
    assert field_error(body, "reason").startswith("Say in up to 300 characters why")
    response, body = await admin_panel.post(
        f"/schedule/lessons/{second.id}/cancel", {"reason": "Ұстаз ауырып қалды"}
    )
    assert "The lesson is cancelled" in text_of(body)

    response, body = await admin_panel.post(
        f"/schedule/lessons/{third.id}/substitute",
        {"teacher_id": str(centre.substitute.person_id)},
    )
    assert "Бекова Сәуле teaches this lesson now." in text_of(body)

    moved, cancelled, substituted = (
        await Lesson.get(id=first.id),
        await Lesson.get(id=second.id),
        await Lesson.get(id=third.id),
    )
    assert f"{moved.starts_at.astimezone(centre.zone):%d.%m %H:%M}" == "08.09 16:00"
    assert cancelled.status == LessonStatus.CANCELLED
    assert substituted.planned_teacher_id == centre.teacher.person_id  # type: ignore[attr-defined]

    response, body = await admin_panel.get("/schedule?view=week&date=2026-09-09")
    page = text_of(body)
    assert "Cancelled: Ұстаз ауырып қалды" in page
    assert "16:00–17:00 Алгебра 7А" in page


async def test_holidays_are_added_and_a_past_day_is_refused(deps, centre, admin_panel):
    await create_rule(deps, centre.admin, data=weekly(centre))

    response, body = await admin_panel.post(
        "/schedule/holidays", {"day": "2026-09-09", "name": "Әдістемелік күн"}
    )
    assert "The holiday is added. Lessons cancelled: 1." in text_of(body)
    assert "09.09.2026 Әдістемелік күн" in text_of(body)

    response, body = await admin_panel.post(
        "/schedule/holidays", {"day": "2026-08-31", "name": ""}
    )
    assert response.status == 400
    assert field_error(body, "day") == "A holiday can be added for today or a later day."
    assert await Holiday.all().count() == 1


async def test_rooms_and_buildings(deps, centre, admin_panel):
    response, body = await admin_panel.post(
        "/rooms/buildings/new", {"name": "Бас ғимарат", "address": "Абай 10"}
    )
    assert "The building is added." in text_of(body)
    building = re.search(r"building=(\d+)", body).group(1)

    response, body = await admin_panel.post(
        "/rooms/new",
        {"name": "Zoom 1", "kind": "online", "capacity": "100", "building_id": building},
    )
    assert response.status == 400
    assert field_error(body, "building_id") == "An online room is in no building."

    response, body = await admin_panel.post(
        "/rooms/new",
        {"name": "Информатика", "kind": "computer", "capacity": "12", "building_id": building},
    )
    page = text_of(body)
    assert "The room is added." in page
    assert "Информатика Computer room 12 Бас ғимарат" in page

    room = await Room.get(name="Информатика")
    response, body = await admin_panel.post(f"/rooms/{room.id}/archive", {"archived": "1"})
    assert "The room is archived." in text_of(body)
    assert (await Room.get(id=room.id)).archived_at is not None


async def test_a_teacher_sees_the_schedule_but_cannot_change_it(deps, centre, panel):
    await create_rule(deps, centre.admin, data=weekly(centre))
    assert (await panel.sign_in(centre.login(centre.teacher))).status == 200

    response, body = await panel.get("/schedule?view=month&date=2026-09-15")
    assert response.status == 200
    assert "8 lessons shown." in text_of(body)
    assert "/schedule/lessons/" not in body  # no edit links

    response, _ = await panel.get("/schedule/rules/new")
    assert response.status == 403
    lesson = await Lesson.filter(group_id=centre.group_id).first()
    response, _ = await panel.post(
        f"/schedule/lessons/{lesson.id}/cancel", {"reason": "Менің шешімім"}
    )
    assert response.status == 403
    assert (await Lesson.get(id=lesson.id)).status == LessonStatus.PLANNED


async def test_the_calendar_page_offers_the_persons_own_feed(deps, centre, panel):
    await create_rule(deps, centre.admin, data=weekly(centre))
    assert (await panel.sign_in(centre.login(centre.teacher))).status == 200
    response, body = await panel.get("/schedule")
    assert "Subscribe in your calendar app" in text_of(body)
    url = re.search(r'value="(http://[^"]+\.ics)"', body).group(1)
    teacher = centre.teacher.person_id
    assert url == (f"http://127.0.0.1:8080/ics/{teacher}/{feed_token(deps.settings, teacher)}.ics")

    async with open_panel(deps) as stranger:  # a calendar app: no cookies
        response, _ = await stranger.get(url.removeprefix("http://127.0.0.1:8080"))
        assert response.status == 200
        assert response.content_type == "text/calendar"
        events = list(Calendar.from_ical(await response.read()).walk("VEVENT"))
        assert len(events) == 8
        assert {str(event["summary"]) for event in events} == {"Алгебра · Алгебра 7А"}

        wrong = feed_token(deps.settings, teacher + 1)
        response, _ = await stranger.get(f"/ics/{teacher}/{wrong}.ics")
        assert response.status == 404


async def test_a_rule_is_changed_from_a_date_and_ended(deps, centre, admin_panel):
    created = await create_rule(deps, centre.admin, data=weekly(centre))
    rule_id = created.rule.id

    response, body = await admin_panel.get(f"/schedule/rules/new?replace={rule_id}")
    assert "Change a schedule rule from a date" in text_of(body)
    assert 'name="week1" value="0" checked' in body and 'value="15:00"' in body

    response, body = await admin_panel.post(
        "/schedule/rules/new",
        form(
            admin_panel,
            rule_form(centre, start="10:00", starts_on="2026-09-14", replace=str(rule_id)),
        ),
    )
    assert "The rule is saved: 6 lessons are planned." in text_of(body)
    times = [
        f"{lesson.starts_at.astimezone(centre.zone):%d.%m %H:%M}"
        for lesson in await Lesson.filter(group_id=centre.group_id).order_by("starts_at")
    ]
    assert times == [
        "07.09 15:00",
        "09.09 15:00",
        "14.09 10:00",
        "16.09 10:00",
        "21.09 10:00",
        "23.09 10:00",
        "28.09 10:00",
        "30.09 10:00",
    ]

    new_rule = await ScheduleRule.filter(group_id=centre.group_id).order_by("-id").first()
    response, body = await admin_panel.post(
        f"/schedule/rules/{new_rule.id}/end", {"from_day": "2026-08-31"}
    )
    assert response.status == 400
    assert "A rule can be ended from today or a later day." in text_of(body)

    response, body = await admin_panel.post(
        f"/schedule/rules/{new_rule.id}/end", {"from_day": "2026-09-21"}
    )
    assert "Lessons taken off: 4; kept because they were changed or used: 0." in text_of(body)
    assert await Lesson.filter(group_id=centre.group_id).count() == 4


HUGE = str(2**63)  # beyond the database's integers


async def test_forged_ids_find_nothing_and_far_dates_are_refused(deps, centre, admin_panel):
    lesson_id = await lesson_at(deps, centre, date(2026, 9, 8), "15:00")
    for path in (
        f"/schedule/lessons/{HUGE}/edit",
        f"/schedule/lessons/{'9' * 5000}/edit",
        f"/rooms/{HUGE}/edit",
        f"/schedule?room={HUGE}",
        f"/schedule/rules?group={HUGE}",
        f"/schedule/rules/new?replace={HUGE}",
        f"/ics/{'9' * 5000}/abc.ics",
    ):
        response, _ = await admin_panel.get(path)
        assert response.status == 404, path[:40]

    lesson = {"day": "2026-09-09", "start": "15:00", "duration_minutes": "90", "room_id": ""}
    new = {**lesson, "group_id": str(centre.group_id), "teacher_id": str(centre.teacher.person_id)}
    for path, values in (
        (f"/schedule/lessons/{HUGE}/move", lesson),
        (f"/schedule/lessons/{HUGE}/cancel", {"reason": "Жоқ"}),
        (f"/schedule/holidays/{HUGE}/delete", {}),
        ("/schedule/lessons/new", {**new, "group_id": HUGE}),
        ("/schedule/lessons/new", {**new, "room_id": HUGE}),
    ):
        response, _ = await admin_panel.post(path, values)
        assert response.status == 404, path
    response, body = await admin_panel.post(
        f"/schedule/lessons/{lesson_id}/substitute", {"teacher_id": HUGE}
    )
    assert response.status == 400
    assert field_error(body, "teacher_id").startswith("Only active teachers")

    for far in ("0001-01-01", "9999-12-31"):
        for view in ("day", "week", "month"):
            response, body = await admin_panel.get(f"/schedule?view={view}&date={far}")
            assert response.status == 200
            assert 'name="date" value="2026-09-01"' in body  # today instead
        response, body = await admin_panel.post("/schedule/holidays", {"day": far, "name": ""})
        assert response.status == 400
        assert field_error(body, "day") == "Give a date between the years 1900 and 2200."
    assert await Lesson.all().count() == 1
    assert not await Holiday.exists()
