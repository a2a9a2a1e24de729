"""Surveys (issue 7): questions are checked, a sent survey reaches its audience once, only
recipients answer, once, an anonymous answer keeps no name, results are counted."""

from __future__ import annotations

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.feedback import SurveyRecipient, SurveyResponse
from core.models.notifications import OutboxMessage
from core.services.academics import enrol_student
from core.services.people import Role
from core.services.surveys import (
    SurveyKind,
    SurveyQuestion,
    SurveyStatus,
    add_survey_question,
    close_survey,
    create_survey,
    options_from_lines,
    remove_survey_question,
    respond_survey,
    send_survey,
    set_survey_audience,
    survey_results,
    survey_to_answer,
)
from tests.factories import make_student
from tests.lesson_factories import LessonCentre, make_lesson_centre, make_second_group
from tests.test_reminders import link_telegram

QUESTIONS = (
    SurveyQuestion(
        SurveyKind.SINGLE,
        {"ru": "Как вам расписание?", "en": "How is the timetable?"},
        ({"en": "Good"}, {"en": "Too early"}, {"en": "Too late"}),
    ),
    SurveyQuestion(
        SurveyKind.MULTIPLE,
        {"en": "What would you add?"},
        ({"en": "Olympiads"}, {"en": "Chess"}, {"en": "Robotics"}),
    ),
    SurveyQuestion(SurveyKind.TRUE_FALSE, {"en": "Would you recommend us?"}),
    SurveyQuestion(SurveyKind.RATING, {"en": "Rate the centre"}),
    SurveyQuestion(SurveyKind.SHORT, {"en": "Anything else?"}),
    SurveyQuestion(SurveyKind.NUMERIC, {"en": "Hours of homework a week?"}),
)
ANSWERS_A = (
    {"choice": 0},
    {"choices": [0, 2]},
    {"value": True},
    {"value": 5},
    {"text": "<b>Рахмет!</b>"},
    {"text": "3,5"},
)
ANSWERS_B = (
    {"choice": 1},
    {"choices": [2]},
    {"value": False},
    {"value": 4},
    {"text": "Жоқ"},
    {"text": "6"},
)


async def classmates(deps: Deps, centre: LessonCentre, count: int = 3) -> list[Actor]:
    """``count`` more students in the centre's group: with its two, enough for an
    anonymous survey."""
    added = []
    for index in range(count):
        person = await make_student(deps, centre.admin, f"Оқушы{index}", "Әлихан")
        await enrol_student(deps, centre.admin, group_id=centre.group_id, student_id=person)
        added.append(
            Actor(
                person_id=person,
                organisation_id=centre.admin.organisation_id,
                roles=frozenset({Role.STUDENT}),
            )
        )
    return added


async def survey_for_group(
    deps: Deps, centre: LessonCentre, *, anonymous: bool = True, roles=()
) -> int:
    view = await create_survey(deps, centre.admin, title="Күз 2026", anonymous=anonymous)
    for question in QUESTIONS:
        await add_survey_question(deps, centre.admin, survey_id=view.id, question=question)
    await set_survey_audience(
        deps, centre.admin, survey_id=view.id, roles=roles, group_ids=[centre.group_id]
    )
    return view.id


async def test_questions_are_checked_before_they_are_kept(deps):
    centre = await make_lesson_centre(deps)
    survey = await create_survey(deps, centre.admin, title="  Сауалнама  ", anonymous=False)
    assert survey.title == "Сауалнама"

    def choice(*options: str) -> SurveyQuestion:
        return SurveyQuestion(
            SurveyKind.SINGLE, {"kk": "Таңдаңыз"}, tuple({"kk": o} for o in options)
        )

    refusals = {
        "Give from 2 to 10 options.": choice("Иә"),
        "Options 1 and 2 are the same; make each one different.": choice("Иә", " иә "),
        "Write the text in at least one language.": SurveyQuestion(SurveyKind.RATING, {"kk": " "}),
    }
    for message, question in refusals.items():
        with pytest.raises(InvalidInput) as refused:
            await add_survey_question(deps, centre.admin, survey_id=survey.id, question=question)
        assert refused.value.translated("en") == message
    with pytest.raises(InvalidInput):
        options_from_lines({"kk": "Иә\nЖоқ", "ru": "Да"})
    assert options_from_lines({"kk": "Иә\nЖоқ\n", "ru": "Да\nНет", "en": ""}) == (
        {"kk": "Иә", "ru": "Да"},
        {"kk": "Жоқ", "ru": "Нет"},
    )
    kept = await add_survey_question(
        deps,
        centre.admin,
        survey_id=survey.id,
        question=SurveyQuestion(SurveyKind.SHORT, {"kk": "Пікір"}, ({"kk": "dropped"},)),
    )
    assert kept.questions == (SurveyQuestion(SurveyKind.SHORT, {"kk": "Пікір"}),)
    assert (
        await remove_survey_question(deps, centre.admin, survey_id=survey.id, number=1)
    ).questions == ()
    with pytest.raises(InvalidInput):
        await send_survey(deps, centre.admin, survey_id=survey.id)  # no questions yet
    with pytest.raises(PermissionDenied):
        await create_survey(deps, centre.teacher, title="Менікі", anonymous=True)


async def test_an_anonymous_survey_reaches_the_group_once_and_each_recipient_answers_once(deps):
    centre = await make_lesson_centre(deps)
    aigerim, timur = centre.students
    await link_telegram(deps, centre.admin, aigerim.person_id or 0, "kk")
    survey_id = await survey_for_group(deps, centre)

    # Two people cannot answer anonymously: the office knows who was asked.
    with pytest.raises(InvalidInput) as few:
        await send_survey(deps, centre.admin, survey_id=survey_id)
    assert few.value.translated("en") == (
        "An anonymous survey needs at least 5 people in its audience, or the answers would "
        "tell who gave them; this audience has 2. Make the survey named or choose more roles "
        "or groups."
    )
    assert not await SurveyRecipient.filter(survey_id=survey_id).exists()
    others = await classmates(deps, centre)

    report = await send_survey(deps, centre.admin, survey_id=survey_id)
    assert (report.recipients, report.in_telegram) == (5, 1)  # only Айгерім is in Telegram
    (message,) = await OutboxMessage.filter(dedupe_key__startswith="survey:")
    assert (message.person_id, message.buttons) == (
        aigerim.person_id,
        [[["Answer the survey", f"survey:{survey_id}"]]],
    )
    with pytest.raises(Conflict):
        await send_survey(deps, centre.admin, survey_id=survey_id)
    assert await SurveyRecipient.filter(survey_id=survey_id).count() == 5

    form = await survey_to_answer(aigerim, survey_id=survey_id)
    assert form.anonymous and form.questions[0].text_in("kk") == "Как вам расписание?"
    await respond_survey(deps, aigerim, survey_id=survey_id, answers=ANSWERS_A)
    with pytest.raises(Conflict) as again:
        await respond_survey(deps, aigerim, survey_id=survey_id, answers=ANSWERS_B)
    assert again.value.translated("en") == "You have answered this survey already."
    with pytest.raises(NotFound):  # not a recipient: the parent was not in the audience
        await respond_survey(deps, centre.parent, survey_id=survey_id, answers=ANSWERS_B)
    with pytest.raises(InvalidInput):  # one answer per question
        await respond_survey(deps, timur, survey_id=survey_id, answers=ANSWERS_B[:2])
    for actor, answers in zip(
        (timur, *others), (ANSWERS_B, ANSWERS_A, ANSWERS_A, ANSWERS_B), strict=True
    ):
        results = await survey_results(centre.admin, survey_id=survey_id, language="en")
        # Fewer than five answers: only their number, or the first would be Айгерім's.
        assert (results.withheld, results.questions) == (True, ())
        await respond_survey(deps, actor, survey_id=survey_id, answers=answers)
    assert results.responses == 4

    rows = await SurveyResponse.filter(survey_id=survey_id).values("respondent_id", "answered_on")
    assert [row["respondent_id"] for row in rows] == [None] * 5
    assert await SurveyRecipient.filter(survey_id=survey_id, answered=True).count() == 5

    results = await survey_results(centre.admin, survey_id=survey_id, language="en")
    assert (results.withheld, results.responses, results.rate_percent) == (False, 5, 100)
    single, multiple, yes_no, rating, short, numeric = results.questions
    assert [(o.label, o.count) for o in single.options] == [
        ("Good", 3),
        ("Too early", 2),
        ("Too late", 0),
    ]
    assert [o.count for o in multiple.options] == [3, 0, 5]
    assert [(o.label, o.count) for o in yes_no.options] == [("Yes", 3), ("No", 2)]
    assert ([o.count for o in rating.options], rating.average) == ([0, 0, 0, 2, 3], "4.6")
    assert [(t.name, t.text) for t in short.texts] == [
        *[("", "<b>Рахмет!</b>")] * 3,
        *[("", "Жоқ")] * 2,
    ]
    assert numeric.average == "4.5"  # (3 × 3.5 + 2 × 6) / 5

    await close_survey(deps, centre.admin, survey_id=survey_id)
    with pytest.raises(Conflict):
        await survey_to_answer(timur, survey_id=survey_id)


async def test_a_named_survey_to_roles_around_groups_keeps_names(deps):
    centre = await make_lesson_centre(deps)
    await make_second_group(deps, centre)
    survey_id = await survey_for_group(
        deps, centre, anonymous=False, roles=(Role.PARENT, Role.TEACHER)
    )
    report = await send_survey(deps, centre.admin, survey_id=survey_id)
    # The group's teacher and Айгерім's parent; not the students, not the other group's teacher.
    recipients = set(
        await SurveyRecipient.filter(survey_id=survey_id).values_list("person_id", flat=True)
    )
    assert recipients == {centre.teacher.person_id, centre.parent.person_id}
    assert report.recipients == 2
    await respond_survey(deps, centre.parent, survey_id=survey_id, answers=ANSWERS_A)
    (row,) = await SurveyResponse.filter(survey_id=survey_id)
    assert row.respondent_id == centre.parent.person_id  # type: ignore[attr-defined]
    results = await survey_results(centre.admin, survey_id=survey_id, language="ru")
    assert [(t.name, t.text) for t in results.questions[4].texts] == [
        ("Омарова Гүлнар", "<b>Рахмет!</b>")
    ]
    assert results.rate_percent == 50
    assert (await survey_to_answer(centre.teacher, survey_id=survey_id)).anonymous is False
    with pytest.raises(Conflict):  # a sent survey is not edited
        await add_survey_question(deps, centre.admin, survey_id=survey_id, question=QUESTIONS[3])
    assert (await close_survey(deps, centre.admin, survey_id=survey_id)).status is (
        SurveyStatus.CLOSED
    )
