"""The demo centre a newcomer signs in to."""

from __future__ import annotations

import pytest

from core.actor import Actor
from core.errors import Conflict
from core.models.org import Organisation
from core.models.people import Person
from core.services.academics import list_groups
from core.services.accounts import actor_for, authenticate
from core.services.contests import list_contests
from core.services.conversations import list_conversations
from core.services.demo import fill_demo
from core.services.feedback import teacher_ratings
from core.services.finance_reports import forecast_report, income_report
from core.services.judge_tasks import list_tasks
from core.services.messages import audit_history
from core.services.people import PeopleFilter, Role, list_people, person_card
from core.services.questions import QuestionFilter, QuestionKind, list_questions
from core.services.surveys import list_surveys, survey_results
from core.services.testing import list_tests
from core.services.testing_reports import RatingScope, leaderboard
from core.services.testing_reports import test_results as results_of
from tests.factories import make_organisation


async def test_the_demo_centre_is_realistic_and_its_admin_can_sign_in(deps):
    demo = await fill_demo(deps, password="demo password")
    signed_in = await authenticate(deps, login=demo.login, password="demo password", client="test")
    admin = await actor_for(signed_in.account_id)
    assert isinstance(admin, Actor)
    assert Role.ADMIN in admin.roles

    students = await list_people(admin, filters=PeopleFilter(role=Role.STUDENT), page_size=500)
    teachers = await list_people(admin, filters=PeopleFilter(role=Role.TEACHER), page_size=500)
    assert 55 <= students.total <= 80
    assert teachers.total >= 4
    for row in students.rows[:10]:
        card = await person_card(admin, row.id)
        assert card.parents, f"{card.full_name} has no parent"
        assert card.iin

    groups = await list_groups(admin)
    assert len(groups) == 6
    assert all(group.teachers for group in groups)
    assert all(0 < group.student_count <= group.capacity for group in groups)
    assert any(
        set(name) & set("әғқңөұүі") for name in (row.full_name.lower() for row in students.rows)
    )

    # Money: every enrolment has a subscription; most are paid, some are late.
    forecast = await forecast_report(deps, admin, weeks=4)
    assert forecast.overdue > 0, "some families are late with their payment"
    payments = await income_report(deps, admin, starts_on=forecast.today, ends_on=forecast.today)
    assert payments.received > 0

    chats = await list_conversations(deps, admin)
    assert chats == [], "the admin teaches no group, so has no group chat"
    _, transcript_rows, _ = await audit_history(deps, admin, 1)
    assert [m.message.seq for m in transcript_rows] == [1, 2], "a teacher wrote, a pupil replied"

    # Tests: a bank of every kind; most of a group took the test, so its report, item
    # analysis and the rating have content; two have not started.
    bank = await list_questions(admin, filters=QuestionFilter(), page_size=100)
    assert {question.kind for question in bank.rows} == set(QuestionKind)
    (test,) = await list_tests(admin)
    results = await results_of(admin, test_id=test.id)
    assert results.finished >= 10 and len(results.not_started) == 2
    assert results.discrimination_meaningful
    assert any(question.discrimination is not None for question in results.questions)
    rating = await leaderboard(
        admin,
        scope=RatingScope.ORGANISATION,
        scope_id=admin.organisation_id,
        starts_on=forecast.today,
        ends_on=forecast.today,
    )
    assert rating.total == results.finished
    # Feedback: three teachers have a rating on their card; the survey has answers.
    ratings = await teacher_ratings(deps, admin, teacher_ids=[row.id for row in teachers.rows])
    assert len(ratings) == 3
    assert all(300 <= (average.hundredths or 0) <= 500 for average in ratings.values())
    (survey,) = await list_surveys(admin)
    answered = await survey_results(admin, survey_id=survey.id, language="en")
    assert answered.survey.anonymous and answered.responses >= 5
    texts = [text for question in answered.questions for text in question.texts]
    assert texts and not any(text.name for text in texts), "typed answers, never a name"

    # Programming: published tasks the students of the centre see, and an olympiad running.
    student = Actor(
        person_id=students.rows[0].id,
        organisation_id=admin.organisation_id,
        roles=frozenset({Role.STUDENT}),
    )
    tasks = await list_tasks(student)
    assert sorted(row.titles["ru"] for row in tasks) == ["Среднее значение", "Сумма двух чисел"]
    (contest,) = await list_contests(deps, student)
    assert contest.state == "running"


async def test_the_demo_never_touches_a_database_in_use(deps):
    # A real centre (filling the whole demo twice would only repeat the test above).
    centre = await make_organisation(deps, name="Білім орталығы")
    with pytest.raises(Conflict):
        await fill_demo(deps)
    assert await Organisation.all().values_list("id", flat=True) == [centre.organisation_id]
    assert not await Person.exists()
