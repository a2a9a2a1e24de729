"""The test builder in the web panel over real HTTP (issue 7): a teacher creates a test,
adds questions from the bank and random ones, reorders, publishes, assigns and archives."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from core.deps import Deps
from core.models.notifications import OutboxMessage
from core.models.testing import Test, TestAssignment, TestItem
from tests.testing_factories import FRACTIONS, make_test_centre
from tests.web import Panel, text_of


async def items_of(test_id: int) -> list[tuple[int | None, str, int]]:
    return [
        (row["question_id"], row["topic"], row["count"])
        for row in await TestItem.filter(test_id=test_id)
        .order_by("position")
        .values("question_id", "topic", "count")
    ]


async def change_settings_and_archive(
    panel: Panel, test_id: int, settings: dict[str, str]
) -> None:
    # Settings change on a published test; a bad value is refused with the form kept.
    response, body = await panel.post(
        f"/tests/{test_id}", {**settings, "closes_at": "2026-09-05T18:00", "pass_percent": "120"}
    )
    assert response.status == 400
    assert "The pass mark must be from 0 to 100 percent." in text_of(body)
    response, body = await panel.post(
        f"/tests/{test_id}", {**settings, "closes_at": "2026-09-06T18:00", "show_review": "1"}
    )
    assert "The test's settings are saved." in text_of(body)
    assert (await Test.get(id=test_id)).show_review is True

    response, body = await panel.post(f"/tests/{test_id}/archive")
    assert response.url.path == "/tests"
    assert "Бақылау жұмысы" not in text_of(body)
    _, body = await panel.get("/tests?archived=1")
    assert "Бақылау жұмысы" in text_of(body)
    assert re.search(rf'href="/tests/{test_id}/results"', body)


async def test_a_teacher_builds_publishes_and_assigns_a_test(deps: Deps, panel: Panel):
    tc = await make_test_centre(deps)
    centre = tc.centre
    assert (await panel.sign_in(centre.login(centre.teacher))).status == 200
    _, body = await panel.get("/tests")
    assert "No tests here yet." in text_of(body)

    _, body = await panel.get("/tests/new")
    assert "Algebra" in body
    settings = {
        "title": "Бақылау жұмысы",
        "course_id": str(centre.course_id),
        "time_limit_minutes": "30",
        "attempts_allowed": "2",
        "opens_at": "2026-09-02T09:00",
        "closes_at": "2026-09-01T09:00",
        "pass_percent": "60",
        "shuffle_options": "1",
    }
    response, body = await panel.post("/tests/new", settings)
    assert response.status == 400
    assert "The test must close after it opens." in text_of(body)
    assert 'value="Бақылау жұмысы"' in body  # what was typed is kept
    response, body = await panel.post("/tests/new", {**settings, "closes_at": "2026-09-05T18:00"})
    assert response.status == 200
    assert "The test is created." in text_of(body)
    test = await Test.get(title="Бақылау жұмысы")
    assert response.url.path == f"/tests/{test.id}"
    # Typed in Almaty time (UTC+5), stored in UTC.
    assert (test.opens_at, test.closes_at) == (
        datetime(2026, 9, 2, 4, 0, tzinfo=UTC),
        datetime(2026, 9, 5, 13, 0, tzinfo=UTC),
    )
    assert (test.time_limit_minutes, test.attempts_allowed, test.shuffle_questions) == (
        30,
        2,
        False,
    )

    # Nothing to publish yet.
    response, body = await panel.post(f"/tests/{test.id}/publish")
    assert response.status == 400
    assert "Add at least one question before publishing the test." in text_of(body)

    # The bank, filtered by topic, lists the fractions only.
    _, body = await panel.get(f"/tests/{test.id}?topic={FRACTIONS}")
    assert "Сопоставьте дробь" in body and "Чему равен x" not in body
    single, matching = tc.questions["single"], tc.questions["matching"]
    response, body = await panel.post(
        f"/tests/{test.id}/items/add",
        [("csrf_token", panel.csrf), ("question", str(single)), ("question", str(matching))],
    )
    assert "The questions are added." in text_of(body)
    # A draft may ask for more than the topic has; publishing would refuse it.
    await panel.post(f"/tests/{test.id}/items/random", {"topic": FRACTIONS, "count": "9"})
    await panel.post(f"/tests/{test.id}/items/random", {"topic": FRACTIONS, "count": "2"})
    assert await items_of(test.id) == [
        (single, "", 1),
        (matching, "", 1),
        (None, FRACTIONS, 9),
        (None, FRACTIONS, 2),
    ]
    await panel.post(f"/tests/{test.id}/items/3/remove")
    await panel.post(f"/tests/{test.id}/items/2/move", {"direction": "up"})
    assert await items_of(test.id) == [(matching, "", 1), (single, "", 1), (None, FRACTIONS, 2)]
    _, body = await panel.get(f"/tests/{test.id}")
    page = text_of(body)
    assert "2 random questions of “Дроби” (3 in the bank)" in page
    assert "4 questions" in page

    response, body = await panel.post(f"/tests/{test.id}/publish")
    assert "The test is published" in text_of(body)
    response, body = await panel.post(
        f"/tests/{test.id}/assign", {"group_id": str(centre.group_id)}
    )
    assert "The test is assigned." in text_of(body)
    assert "Group Алгебра 7А" in text_of(body)
    told = await OutboxMessage.filter(person_id=centre.students[0].person_id).count()
    assert told == 1
    assignment = await TestAssignment.get(test_id=test.id)
    await panel.post(f"/tests/{test.id}/assignments/{assignment.id}/remove")
    assert not await TestAssignment.exists(test_id=test.id)

    await change_settings_and_archive(panel, test.id, settings)


async def test_students_cannot_open_the_builder(deps: Deps, panel: Panel):
    tc = await make_test_centre(deps)
    centre = tc.centre
    await panel.sign_in(centre.login(centre.students[0]))
    response, _ = await panel.get("/tests")
    assert response.status == 403
    response, _ = await panel.get("/tests/new")
    assert response.status == 403
