"""The rating (issue 7): order, shared places, the organisation's naming modes and
nicknames, periods, scopes, who sees which leaderboard, and the testing settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from core.actor import Actor
from core.clock import FrozenClock
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.services.academics import unenrol_student
from core.services.grades import create_term
from core.services.people import archive_person
from core.services.testing_reports import (
    MyPlace,
    RatingPeriod,
    RatingScope,
    leaderboard,
    my_place,
    rating_period,
    rating_periods,
    rating_scopes,
)
from core.services.testing_settings import (
    RatingNames,
    set_nickname,
    update_testing_settings,
)
from core.services.testing_settings import testing_settings as settings_of
from tests.test_query_counts import counting_queries
from tests.test_testing_reports import QUESTIONS, more_students, right, take
from tests.testing_factories import TestCentre, make_published_test, make_test_centre

SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))


@dataclass(frozen=True)
class Rated:
    centre: TestCentre
    aigerim: Actor
    timur: Actor
    arman: Actor
    dana: Actor
    org: int
    #: The three-question test, then the one-question one.
    tests: tuple[int, int]


async def make_rated(deps: Deps) -> Rated:
    """Four students of the group took a three-question test: Айгерім 3/3, Тимур and Арман
    2/3, Дана 1/3; Айгерім also got a one-question test wrong. Averages: Тимур and Арман
    66.7, Айгерім 50.0 (two tests), Дана 33.3."""
    centre = await make_test_centre(deps)
    aigerim, timur = centre.centre.students
    arman, dana = await more_students(deps, centre, [("Сейітов", "Арман"), ("Жұмабек", "Дана")])
    first = await make_published_test(deps, centre, questions=QUESTIONS)
    all_right = [right(name) for name in QUESTIONS]
    await take(deps, aigerim, first, all_right)
    await take(deps, timur, first, [*all_right[:2], {"text": "не знаю"}])
    await take(deps, arman, first, [{"choice": 1}, *all_right[1:]])
    await take(deps, dana, first, [all_right[0], {"value": False}])
    second = await make_published_test(deps, centre, questions=("single",), title="Тест 2")
    await take(deps, aigerim, second, [{"choice": 2}])
    org = centre.centre.system.organisation_id
    return Rated(centre, aigerim, timur, arman, dana, org, (first, second))


def lines(board_entries) -> list[tuple[int, str, float, int]]:
    return [(e.place, e.name, e.average, e.tests) for e in board_entries]


async def test_the_rating_orders_students_shares_places_and_names_them_as_chosen(deps: Deps):
    rated = await make_rated(deps)
    admin = rated.centre.centre.admin
    board = await leaderboard(
        rated.aigerim,
        scope=RatingScope.ORGANISATION,
        scope_id=rated.org,
        starts_on=SEPTEMBER[0],
        ends_on=SEPTEMBER[1],
    )
    assert board.names is RatingNames.INITIALS
    assert lines(board.entries) == [
        (1, "Ким Т.", 66.7, 1),
        (1, "Сейітов А.", 66.7, 1),
        (3, "Омарова А.", 50.0, 2),
        (4, "Жұмабек Д.", 33.3, 1),
    ]

    await update_testing_settings(
        deps,
        admin,
        rating_names=RatingNames.FULL,
        feedback_from_parents=True,
        lesson_feedback=True,
    )
    full = await leaderboard(
        rated.timur,
        scope=RatingScope.GROUP,
        scope_id=rated.centre.centre.group_id,
        starts_on=SEPTEMBER[0],
        ends_on=SEPTEMBER[1],
        limit=2,
    )
    assert [e.name for e in full.entries] == ["Ким Тимур", "Сейітов Арман"]
    assert full.total == 4

    await update_testing_settings(
        deps,
        admin,
        rating_names=RatingNames.NICKNAME,
        feedback_from_parents=True,
        lesson_feedback=True,
    )
    assert await set_nickname(deps, rated.timur, nickname="  Tima_07  ") == "Tima_07"
    # The same nickname in another case, or someone's initials, would pass for them.
    with pytest.raises(Conflict):
        await set_nickname(deps, rated.arman, nickname="tima_07")
    with pytest.raises(Conflict):
        await set_nickname(deps, rated.arman, nickname="Омарова А.")
    with pytest.raises(InvalidInput):
        await set_nickname(deps, rated.arman, nickname="<b>Арман</b>")
    with pytest.raises(InvalidInput):
        await set_nickname(deps, rated.arman, nickname="Ә" * 31)
    with pytest.raises(PermissionDenied):
        await set_nickname(deps, rated.centre.centre.teacher, nickname="Мұғалім")
    await set_nickname(deps, rated.arman, nickname="Арыстан")
    course = await leaderboard(
        rated.centre.centre.teacher,
        scope=RatingScope.COURSE,
        scope_id=rated.centre.centre.course_id,
        starts_on=SEPTEMBER[0],
        ends_on=SEPTEMBER[1],
    )
    assert [e.name for e in course.entries] == [
        "Tima_07",
        "Арыстан",
        "Омарова А.",  # no nickname: initials
        "Жұмабек Д.",
    ]
    assert (await settings_of(rated.org)).feedback_from_parents
    assert await AuditRecord.filter(action="testing_settings.update").count() == 2
    with pytest.raises(PermissionDenied):
        await update_testing_settings(
            deps,
            rated.centre.centre.teacher,
            rating_names=RatingNames.FULL,
            feedback_from_parents=False,
            lesson_feedback=False,
        )

    # An archived student drops out, and the places close up.
    await archive_person(deps, admin, person_id=rated.arman.person_id or 0)
    after = await leaderboard(
        admin,
        scope=RatingScope.ORGANISATION,
        scope_id=rated.org,
        starts_on=SEPTEMBER[0],
        ends_on=SEPTEMBER[1],
    )
    assert [(e.place, e.name) for e in after.entries] == [
        (1, "Tima_07"),
        (2, "Омарова А."),
        (3, "Жұмабек Д."),
    ]


async def test_my_place_periods_and_who_sees_which_leaderboard(deps: Deps, clock: FrozenClock):
    rated = await make_rated(deps)
    lessons = rated.centre.centre
    group = lessons.group_id

    place = await my_place(
        rated.dana,
        student_id=rated.dana.person_id or 0,
        scope=RatingScope.GROUP,
        scope_id=group,
        starts_on=SEPTEMBER[0],
        ends_on=SEPTEMBER[1],
        around=1,
    )
    assert place.entry is not None and (place.entry.place, place.board.total) == (4, 4)
    assert [e.name for e in place.around] == ["Омарова А.", "Жұмабек Д."]
    assert len(place.board.entries) == 4

    # A parent sees the child's place, not another child's.
    parent = lessons.parent
    mine = await my_place(
        parent,
        student_id=rated.aigerim.person_id or 0,
        scope=RatingScope.COURSE,
        scope_id=lessons.course_id,
        starts_on=SEPTEMBER[0],
        ends_on=SEPTEMBER[1],
    )
    assert mine.entry is not None and mine.entry.place == 3
    assert mine.student_name == "Омарова Айгерім"
    with pytest.raises(NotFound):
        await my_place(
            parent,
            student_id=rated.timur.person_id or 0,
            scope=RatingScope.ORGANISATION,
            scope_id=rated.org,
            starts_on=SEPTEMBER[0],
            ends_on=SEPTEMBER[1],
        )
    assert [(c.scope, c.name) for c in await rating_scopes(parent)] == [
        (RatingScope.GROUP, {"ru": "Алгебра 7А"}),
        (RatingScope.COURSE, {"kk": "Алгебра", "ru": "Алгебра", "en": "Algebra"}),
        (
            RatingScope.ORGANISATION,
            {"kk": "Білім орталығы", "ru": "Білім орталығы", "en": "Білім орталығы"},
        ),
    ]

    # A student outside the group sees the organisation's rating, not the group's.
    (outsider,) = await more_students(deps, rated.centre, [("Бөлек", "Ерлан")])
    await unenrol_student(deps, lessons.admin, group_id=group, student_id=outsider.person_id or 0)
    with pytest.raises(NotFound):
        await leaderboard(
            outsider,
            scope=RatingScope.GROUP,
            scope_id=group,
            starts_on=SEPTEMBER[0],
            ends_on=SEPTEMBER[1],
        )
    assert [c.scope for c in await rating_scopes(outsider)] == [RatingScope.ORGANISATION]

    # Periods: this month, the term when one covers today, all time.
    assert [p.period for p in await rating_periods(deps, lessons.admin)] == [
        RatingPeriod.MONTH,
        RatingPeriod.ALL,
    ]
    with pytest.raises(InvalidInput):
        await rating_period(deps, lessons.admin, period=RatingPeriod.TERM)
    await create_term(
        deps,
        lessons.admin,
        name="1 тоқсан",
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 10, 31),
    )
    clock.advance(timedelta(days=30))  # 1 October
    month = await rating_period(deps, lessons.admin, period=RatingPeriod.MONTH)
    term = await rating_period(deps, lessons.admin, period=RatingPeriod.TERM)
    assert (month.starts_on, month.ends_on) == (date(2026, 10, 1), date(2026, 10, 1))
    assert (term.starts_on, term.ends_on, term.name) == (
        date(2026, 9, 1),
        date(2026, 10, 31),
        "1 тоқсан",
    )
    third = await make_published_test(deps, rated.centre, questions=("single",), title="Тест 3")
    await take(deps, rated.dana, third, [{"choice": 0}])
    october = await leaderboard(
        rated.dana,
        scope=RatingScope.ORGANISATION,
        scope_id=rated.org,
        starts_on=month.starts_on,
        ends_on=month.ends_on,
    )
    assert lines(october.entries) == [(1, "Жұмабек Д.", 100.0, 1)]
    whole = await leaderboard(
        rated.dana,
        scope=RatingScope.ORGANISATION,
        scope_id=rated.org,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
    )
    assert lines(whole.entries)[0] == (1, "Жұмабек Д.", 66.7, 2)
    with pytest.raises(InvalidInput):
        await leaderboard(
            rated.dana,
            scope=RatingScope.ORGANISATION,
            scope_id=rated.org,
            starts_on=date(2026, 10, 2),
            ends_on=date(2026, 10, 1),
        )


async def test_the_rating_reads_a_fixed_number_of_queries_and_rounds_an_edge_exactly(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
):
    rated = await make_rated(deps)
    second = rated.tests[1]
    dana = rated.dana.person_id or 0

    async def dana_in_the_organisation() -> tuple[int, MyPlace]:
        with counting_queries(monkeypatch) as seen:
            place = await my_place(
                rated.dana,
                student_id=dana,
                scope=RatingScope.ORGANISATION,
                scope_id=rated.org,
                starts_on=SEPTEMBER[0],
                ends_on=SEPTEMBER[1],
                top=2,
                around=1,
            )
        return len(seen), place

    few, _ = await dana_in_the_organisation()
    newcomers = await more_students(
        deps, rated.centre, [("Бекұлы", "Нұрлан"), ("Ли", "Анна"), ("Усенова", "Мадина")]
    )
    for newcomer in newcomers:
        await take(deps, newcomer, second, [right("single")])
    many, place = await dana_in_the_organisation()
    assert 0 < few == many
    assert (place.board.total, [e.name for e in place.board.entries]) == (
        7,
        ["Бекұлы Н.", "Ли А."],  # three share the first place; the first two by name
    )
    assert lines(place.around) == [(6, "Омарова А.", 50.0, 2), (7, "Жұмабек Д.", 33.3, 1)]

    # Дана: 1/3, then 0, 2/3 and 1/4 — an average of exactly 31.25 %, shown 31.3 (half up).
    # Summed as billionths rounded down it would be 31.249999… %: such an average on a
    # rounding edge is read again and computed exactly (one more query).
    await take(deps, rated.dana, second, [{"choice": 1}])
    again = await make_published_test(deps, rated.centre, questions=QUESTIONS, title="Тест 3")
    await take(deps, rated.dana, again, [*[right(name) for name in QUESTIONS[:2]], {"text": "?"}])
    quarter = await make_published_test(deps, rated.centre, title="Тест 4")  # 4 points
    await take(deps, rated.dana, quarter, [{"choice": 1}, {"choices": [2, 3]}, {"value": True}])
    edge, place = await dana_in_the_organisation()
    assert place.entry is not None
    assert (place.entry.average, place.entry.tests) == (31.3, 4)
    assert edge == few + 1


async def test_a_nickname_cannot_pass_for_someone_else(deps: Deps):
    centre = await make_test_centre(deps)
    aigerim, timur = centre.centre.students
    (arman,) = await more_students(deps, centre, [("Сейітов", "Арман")])

    # One alphabet: a Latin "K" in a Cyrillic name, or Greek letters, are refused.
    for mixed in ("Kим Т.", "Tимур", "Ωmega"):
        with pytest.raises(InvalidInput) as refused:
            await set_nickname(deps, arman, nickname=mixed)
        assert "alphabet" in str(refused.value) or "Cyrillic or Latin" in str(refused.value)

    # Someone's full name, either way round, in any case: taken.
    for name in ("Тимур Ким", "ким тимур", "ОМАРОВА АЙГЕРІМ", "Ахметов Ерлан"):
        with pytest.raises(Conflict, match="is taken"):
            await set_nickname(deps, arman, nickname=name)
    # Look-alikes: all-Latin letters shaped like the teacher's initials, a zero for an "О",
    # separators left out, ё for е.
    assert await set_nickname(deps, timur, nickname="Алёна") == "Алёна"
    for alike in ("AXMETOB E.", "0марова А", "Ким_Т", "Алена"):
        with pytest.raises(Conflict) as taken:
            await set_nickname(deps, arman, nickname=alike)
        assert alike in str(taken.value)
    # One's own name is one's own.
    assert await set_nickname(deps, arman, nickname="Сейітов Арман") == "Сейітов Арман"
    assert await set_nickname(deps, aigerim, nickname="Aigerim_07") == "Aigerim_07"
