"""The organisation's lesson settings page over real HTTP (issue 5)."""

from __future__ import annotations

import re

import pytest

from core.models.people import Role
from core.services.lesson_settings import GradeScale, LessonSettingsData, lesson_settings
from tests.factories import make_member, make_organisation
from tests.web import text_of

PAGE = "/organisation/lessons"


def form(**changes: str) -> dict[str, str]:
    values = {
        "grade_scale": "hundred",
        "weight_classwork": "1",
        "weight_homework": "2",
        "weight_test": "3",
        "weight_exam": "5",
        "reminder_minutes": "30",
        "digest_hour": "20",
    }
    return {**values, **changes}


def error_at(body: str, field: str) -> str:
    """The error shown next to a field, as the user reads it."""
    match = re.search(rf'<span class="error" role="alert" data-field="{field}">(.*?)</span>', body)
    assert match, f"no error next to {field}"
    return text_of(match.group(1))


async def signed_in(deps, panel, role: Role = Role.ADMIN):
    system = await make_organisation(deps, name="Білім орталығы")
    member = await make_member(deps, system, role, login=f"{role.value}@bilim.kz")
    assert (await panel.sign_in(f"{role.value}@bilim.kz")).status == 200
    return member


async def test_an_admin_sees_the_defaults_and_saves_new_settings(deps, panel):
    admin = await signed_in(deps, panel)
    response, body = await panel.get(PAGE)
    assert response.status == 200
    assert '<option value="five" selected>' in body
    assert 'name="reminder_minutes" value="60"' in body
    assert '<option value="19" selected>19:00</option>' in body

    response, body = await panel.post(PAGE, form())

    assert response.status == 200
    assert "Saved." in text_of(body)
    assert '<option value="hundred" selected>' in body
    saved = await lesson_settings(admin.organisation_id)
    assert saved.grade_scale is GradeScale.HUNDRED
    assert [weight for _, weight in saved.weights] == [1, 2, 3, 5]
    assert (saved.reminder_minutes, saved.digest_hour) == (30, 20)


async def test_the_digest_can_be_turned_off(deps, panel):
    admin = await signed_in(deps, panel)
    await panel.get(PAGE)
    await panel.post(PAGE, form(digest_hour="off", reminder_minutes="0"))
    saved = await lesson_settings(admin.organisation_id)
    assert (saved.reminder_minutes, saved.digest_hour) == (0, None)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"reminder_minutes": "2000"},
            "reminder_minutes",
            "Reminders can be sent from 0 to 1440 minutes before a lesson.",
        ),
        ({"reminder_minutes": "час"}, "reminder_minutes", "“час” is not a whole number."),
        ({"digest_hour": "24"}, "digest_hour", "The hour must be from 0 to 23."),
        ({"weight_test": "-1"}, "weight_test", "A weight must be a whole number from 0 to 100."),
        (
            {
                "weight_classwork": "0",
                "weight_homework": "0",
                "weight_test": "0",
                "weight_exam": "0",
            },
            "weight_classwork",
            "At least one kind of grade needs a weight above zero.",
        ),
        ({"grade_scale": "ten"}, "grade_scale", "Choose a grading scale."),
    ],
)
async def test_bad_values_are_refused_next_to_their_field_and_nothing_is_saved(
    deps, panel, changes, field, message
):
    admin = await signed_in(deps, panel)
    await panel.get(PAGE)

    response, body = await panel.post(PAGE, form(**changes))

    assert response.status == 400
    assert error_at(body, field) == message
    assert await lesson_settings(admin.organisation_id) == LessonSettingsData()


async def test_what_was_typed_is_kept_after_an_error(deps, panel):
    await signed_in(deps, panel)
    await panel.get(PAGE)

    _, body = await panel.post(PAGE, form(reminder_minutes="2000", weight_exam="7"))

    assert 'name="reminder_minutes" value="2000"' in body
    assert 'name="weight_exam" value="7"' in body
    assert '<option value="hundred" selected>' in body


async def test_a_manager_sees_the_settings_but_cannot_change_them(deps, panel):
    manager = await signed_in(deps, panel, Role.MANAGER)
    response, body = await panel.get(PAGE)
    assert response.status == 200
    assert 'action="/organisation/lessons"' not in body
    assert "Reminder before a lesson, minutes 60" in text_of(body)

    response, _ = await panel.post(PAGE, form())

    assert response.status == 403
    assert await lesson_settings(manager.organisation_id) == LessonSettingsData()


async def test_a_teacher_may_not_open_the_page(deps, panel):
    await signed_in(deps, panel, Role.TEACHER)
    response, _ = await panel.get(PAGE)
    assert response.status == 403


async def test_a_post_without_the_csrf_token_is_refused(deps, panel):
    admin = await signed_in(deps, panel)
    response = await panel.client.post(PAGE, data=form())
    assert response.status == 403
    assert await lesson_settings(admin.organisation_id) == LessonSettingsData()
