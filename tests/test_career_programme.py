"""The career guidance programme of the school year (issue 9), the service: who may edit it,
bad input, copying last year's twice, and what a student sees for their grade (also in their
calendar feed)."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.models.career import ProgrammeItem
from core.services.career import start_inventory
from core.services.career_invitations import send_inventory
from core.services.career_programme import (
    ItemData,
    ItemKind,
    add_item,
    coming_for_student,
    copy_previous_year,
    delete_item,
    programme,
    school_year_of,
    update_item,
)
from core.services.timetable import calendar_feed, feed_token
from tests.test_career_invitations import make_school


def data(title: str, starts_on: date, grades=(9,), ends_on: date | None = None) -> ItemData:
    return ItemData(
        grades=grades,
        kind=ItemKind.EXCURSION,
        title=title,
        description="",
        starts_on=starts_on,
        ends_on=ends_on,
    )


async def test_the_programme_by_month_and_grade_and_copying_last_year_twice(deps: Deps):
    school = await make_school(deps)
    counsellor = school.counsellor
    await add_item(deps, counsellor, school_year=2025, data=data("Завод", date(2025, 10, 3)))
    leap = data("Ашық есік күні", date(2026, 2, 28), (10, 11), date(2026, 3, 1))
    await add_item(deps, counsellor, school_year=2025, data=leap)
    await add_item(
        deps, counsellor, school_year=2026, data=data("Сынып сағаты", date(2026, 9, 15))
    )

    assert await copy_previous_year(deps, counsellor, school_year=2026) == 2
    assert await copy_previous_year(deps, counsellor, school_year=2026) == 0
    found = await programme(counsellor, school_year=2026)
    assert [
        (month.first_day, [(item.title, item.starts_on, item.ends_on) for item in month.items])
        for month in found.months
    ] == [
        (date(2026, 9, 1), [("Сынып сағаты", date(2026, 9, 15), date(2026, 9, 15))]),
        (date(2026, 10, 1), [("Завод", date(2026, 10, 3), date(2026, 10, 3))]),
        (date(2027, 2, 1), [("Ашық есік күні", date(2027, 2, 28), date(2027, 3, 1))]),
    ]
    for_11 = await programme(counsellor, school_year=2026, grade=11)
    assert [item.title for month in for_11.months for item in month.items] == ["Ашық есік күні"]

    # An item deleted after copying is copied again; the others are not copied twice.
    copied = (await programme(counsellor, school_year=2026, grade=11)).months[0].items[0]
    await delete_item(deps, counsellor, item_id=copied.id)
    assert await copy_previous_year(deps, counsellor, school_year=2026) == 1
    assert await ProgrammeItem.filter(school_year=2026).count() == 3


async def test_bad_input_is_refused_and_changes_nothing(deps: Deps):
    school = await make_school(deps)
    counsellor = school.counsellor
    cases = [
        (data("Сынып сағаты", date(2027, 9, 1)), "starts_on"),
        (data("Сынып сағаты", date(2026, 8, 31)), "starts_on"),
        (data("  ", date(2026, 9, 10)), "title"),
        (data("Сынып сағаты", date(2026, 9, 10), grades=(4,)), "grades"),
        (data("Сынып сағаты", date(2026, 9, 10), grades=()), "grades"),
        (data("Сынып сағаты", date(2026, 9, 10), ends_on=date(2026, 9, 9)), "ends_on"),
        (data("Сынып сағаты", None), "starts_on"),
    ]
    for bad, field in cases:
        with pytest.raises(InvalidInput) as caught:
            await add_item(deps, counsellor, school_year=2026, data=bad)
        assert caught.value.field == field
    with pytest.raises(InvalidInput) as caught:
        await add_item(deps, counsellor, school_year=2026, data=data("X", date(2027, 9, 1)))
    assert caught.value.translated("ru") == (
        "Даты должны быть в пределах учебного года 01.09.2026 – 31.08.2027."
    )
    item_id = await add_item(deps, counsellor, school_year=2026, data=data("Ok", date(2026, 9, 9)))
    with pytest.raises(InvalidInput):
        await update_item(deps, counsellor, item_id=item_id, data=data("", date(2026, 9, 9)))
    assert (await ProgrammeItem.get(id=item_id)).title == "Ok"

    for actor in (school.teacher, school.aru):
        with pytest.raises(PermissionDenied):
            await add_item(deps, actor, school_year=2026, data=data("X", date(2026, 9, 9)))
        with pytest.raises(PermissionDenied):
            await copy_previous_year(deps, actor, school_year=2026)
    other = await make_school(deps)
    with pytest.raises(NotFound):
        await delete_item(deps, other.counsellor, item_id=item_id)
    with pytest.raises(PermissionDenied):
        await coming_for_student(deps, school.counsellor)
    assert await ProgrammeItem.all().count() == 1


async def test_a_student_sees_the_next_30_days_for_their_grade(deps: Deps):
    school = await make_school(deps)
    counsellor = school.counsellor
    # Today is 1 September 2026.
    for title, day, grades in (
        ("Yesterday's", date(2026, 8, 31), (7,)),
        ("Class hour", date(2026, 9, 1), (7,)),
        ("Excursion", date(2026, 10, 1), (7, 8)),
        ("Too far", date(2026, 10, 2), (7,)),
        ("For grade 9", date(2026, 9, 5), (9,)),
    ):
        year = school_year_of(day)
        await add_item(deps, counsellor, school_year=year, data=data(title, day, grades))
    # The grade is not known until an invitation or an attempt says it.
    assert (await coming_for_student(deps, school.aru)).grade is None
    await send_inventory(deps, counsellor, grade=7, group_id=school.group_id)
    coming = await coming_for_student(deps, school.aru)
    assert coming.grade == 7
    assert [item.title for item in coming.items] == ["Class hour", "Excursion"]
    await start_inventory(deps, school.dana, grade=9)
    assert [item.title for item in (await coming_for_student(deps, school.dana)).items] == [
        "For grade 9"
    ]


async def test_a_students_calendar_feed_carries_the_items_for_their_grade(deps: Deps):
    school = await make_school(deps)
    counsellor = school.counsellor
    ranged = ItemData((7,), ItemKind.OPEN_DAY, "Колледж", "Бас ғимарат", date(2026, 10, 1))
    await add_item(deps, counsellor, school_year=2026, data=ranged)
    nine = data("Тоғызыншыларға", date(2026, 10, 2), (9,), date(2026, 10, 3))
    await add_item(deps, counsellor, school_year=2026, data=nine)
    aru = school.aru.person_id or 0
    feed = await calendar_feed(deps, person_id=aru, token=feed_token(deps.settings, aru))
    assert list(Calendar.from_ical(feed).walk("VEVENT")) == []  # the grade is not known yet

    await send_inventory(deps, counsellor, grade=9, person_id=aru)
    feed = await calendar_feed(deps, person_id=aru, token=feed_token(deps.settings, aru))
    (event,) = Calendar.from_ical(feed).walk("VEVENT")
    assert str(event["summary"]) == "Экскурсия: Тоғызыншыларға"  # the organisation's language
    assert (event["dtstart"].dt, event["dtend"].dt) == (date(2026, 10, 2), date(2026, 10, 4))
    assert str(event["uid"]).startswith("programme-")
