"""A learning centre with a question bank, and published tests built from it.

``make_test_centre`` builds on ``make_lesson_centre`` (teacher Ахметов Ерлан teaching group
"Алгебра 7А" of students Омарова Айгерім and Ким Тимур; Айгерім's parent Омарова Гүлнар)
and adds a bank of nine questions of the group's course in two topics:

- ``EQUATIONS`` ("Уравнения"): single, multiple, true/false, short, numeric;
- ``FRACTIONS`` ("Дроби"): single, matching, ordering, fill-in-the-blank.

Each carries one point except the multiple choice (2). ``make_published_test`` builds,
publishes and assigns a test through the public use cases. ``TestCentre.answer_for`` turns
a shown question into its right (or a wrong) answer, for tests that take a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.deps import Deps
from core.models.testing import QuestionKind
from core.question_kinds import correct_answer, localised
from core.services.questions import do_create_question
from core.services.testing import (
    ItemData,
    ShownQuestion,
    TestData,
    assign_test,
    create_test,
    publish_test,
    set_items,
)
from core.tx import transaction
from tests.lesson_factories import LessonCentre, make_lesson_centre

EQUATIONS = "Уравнения"
FRACTIONS = "Дроби"

#: name → (kind, text, body, points, topic)
_BANK: dict[str, tuple[QuestionKind, dict[str, str], dict[str, Any], int, str]] = {
    "single": (
        QuestionKind.SINGLE,
        {"ru": "Чему равен x, если 2x = 6?", "kk": "2x = 6 болса, x неге тең?"},
        {
            "options": [
                {"text": {"ru": "3"}, "correct": True},
                {"text": {"ru": "4"}, "correct": False},
                {"text": {"ru": "12"}, "correct": False},
            ]
        },
        1,
        EQUATIONS,
    ),
    "multiple": (
        QuestionKind.MULTIPLE,
        {"ru": "Какие числа — корни уравнения x² = 4?"},
        {
            "options": [
                {"text": {"ru": "2"}, "correct": True},
                {"text": {"ru": "-2"}, "correct": True},
                {"text": {"ru": "4"}, "correct": False},
                {"text": {"ru": "0"}, "correct": False},
            ]
        },
        2,
        EQUATIONS,
    ),
    "true_false": (
        QuestionKind.TRUE_FALSE,
        {"ru": "Уравнение x + 1 = x не имеет решений."},
        {"answer": True},
        1,
        EQUATIONS,
    ),
    "short": (
        QuestionKind.SHORT,
        {"ru": "Как называется число x в уравнении x + 2 = 5?"},
        {"accepted": ["корень", "корень уравнения"]},
        1,
        EQUATIONS,
    ),
    "numeric": (
        QuestionKind.NUMERIC,
        {"ru": "Решите: 4x = 10. x = ?"},
        {"value": "2.5", "tolerance": "0"},
        1,
        EQUATIONS,
    ),
    "fraction": (
        QuestionKind.SINGLE,
        {"ru": "Сколько будет 1/2 + 1/4?"},
        {
            "options": [
                {"text": {"ru": "3/4"}, "correct": True},
                {"text": {"ru": "2/6"}, "correct": False},
            ]
        },
        1,
        FRACTIONS,
    ),
    "matching": (
        QuestionKind.MATCHING,
        {"ru": "Сопоставьте дробь и десятичную запись."},
        {
            "pairs": [
                {"left": {"ru": "1/2"}, "right": {"ru": "0,5"}},
                {"left": {"ru": "1/4"}, "right": {"ru": "0,25"}},
                {"left": {"ru": "3/4"}, "right": {"ru": "0,75"}},
            ]
        },
        1,
        FRACTIONS,
    ),
    "ordering": (
        QuestionKind.ORDERING,
        {"ru": "Расположите дроби по возрастанию."},
        {"items": [{"ru": "1/8"}, {"ru": "1/4"}, {"ru": "1/2"}]},
        1,
        FRACTIONS,
    ),
    "fill_blank": (
        QuestionKind.FILL_BLANK,
        {"ru": "Дробь 2/4 после сокращения равна ___/___."},
        {"blanks": [["1"], ["2"]]},
        1,
        FRACTIONS,
    ),
}


@dataclass(frozen=True)
class TestCentre:
    """The lesson centre plus its question bank (``questions``: name → question id)."""

    centre: LessonCentre
    questions: dict[str, int]
    #: question id → (kind, body), to answer a shown question.
    bodies: dict[int, tuple[QuestionKind, dict[str, Any]]] = field(repr=False)
    #: The question's Russian text → its id (every text in the bank differs).
    by_text: dict[str, int] = field(repr=False)

    @property
    def topics(self) -> tuple[str, str]:
        return (EQUATIONS, FRACTIONS)

    def topic_ids(self, topic: str) -> list[int]:
        """The ids of the bank's questions of ``topic``, in bank order."""
        return [self.questions[name] for name, spec in _BANK.items() if spec[4] == topic]

    def question_of(self, shown: ShownQuestion) -> int:
        """The bank question a shown question was drawn from."""
        return self.by_text[localised(shown.text, "ru")]

    def answer_for(self, shown: ShownQuestion, *, right: bool = True) -> dict[str, Any]:
        """The right answer to a shown question, or (``right=False``) one scoring nothing."""
        kind, body = self.bodies[self.question_of(shown)]
        answer = correct_answer(kind, body)
        if right:
            return answer
        return _wrong(kind, body)

    def points_of(self, name: str) -> int:
        return _BANK[name][3]


def _wrong(kind: QuestionKind, body: dict[str, Any]) -> dict[str, Any]:
    if kind is QuestionKind.SINGLE:
        return {"choice": next(i for i, o in enumerate(body["options"]) if not o["correct"])}
    if kind is QuestionKind.MULTIPLE:
        return {"choices": [i for i, o in enumerate(body["options"]) if not o["correct"]]}
    if kind is QuestionKind.TRUE_FALSE:
        return {"value": not body["answer"]}
    if kind is QuestionKind.SHORT:
        return {"text": "не знаю"}
    if kind is QuestionKind.NUMERIC:
        return {"text": "-999"}
    if kind is QuestionKind.MATCHING:
        count = len(body["pairs"])
        return {"pairs": [(index + 1) % count for index in range(count)]}
    if kind is QuestionKind.ORDERING:
        count = len(body["items"])
        return {"order": [(index + 1) % count for index in range(count)]}
    return {"texts": ["?" for _ in body["blanks"]]}


async def make_test_centre(deps: Deps, *, timezone: str = "Asia/Almaty") -> TestCentre:
    """``make_lesson_centre`` plus the nine-question bank of the group's course."""
    centre = await make_lesson_centre(deps, timezone=timezone)
    questions: dict[str, int] = {}
    bodies: dict[int, tuple[QuestionKind, dict[str, Any]]] = {}
    by_text: dict[str, int] = {}
    async with transaction(deps) as tx:
        for name, (kind, text, body, points, topic) in _BANK.items():
            question_id = await do_create_question(
                tx,
                centre.teacher,
                kind=kind,
                text=text,
                body=body,
                points=points,
                course_id=centre.course_id,
                topic=topic,
                audit=False,
            )
            questions[name] = question_id
            bodies[question_id] = (kind, body)
            by_text[text["ru"]] = question_id
    return TestCentre(centre=centre, questions=questions, bodies=bodies, by_text=by_text)


async def make_published_test(
    deps: Deps,
    centre: TestCentre,
    *,
    questions: Sequence[str] = ("single", "multiple", "true_false"),
    random_topic: str | None = None,
    count: int = 2,
    time_limit_minutes: int | None = None,
    attempts_allowed: int = 1,
    show_review: bool = False,
    assign_group: bool = True,
    title: str = "Контрольная: уравнения",
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    shuffle_questions: bool = False,
    pass_percent: int = 50,
) -> int:
    """A published test of the group's course, by the group's teacher: the fixed
    ``questions`` (bank names, in order), then ``count`` random questions of
    ``random_topic`` when given; assigned to the group unless ``assign_group`` is False.
    Returns the test id."""
    teacher = centre.centre.teacher
    test_id = await create_test(
        deps,
        teacher,
        data=TestData(
            title=title,
            course_id=centre.centre.course_id,
            time_limit_minutes=time_limit_minutes,
            attempts_allowed=attempts_allowed,
            opens_at=opens_at,
            closes_at=closes_at,
            shuffle_questions=shuffle_questions,
            pass_percent=pass_percent,
            show_review=show_review,
        ),
    )
    items = [ItemData(question_id=centre.questions[name]) for name in questions]
    if random_topic is not None:
        items.append(ItemData(topic=random_topic, count=count))
    await set_items(deps, teacher, test_id=test_id, items=items)
    await publish_test(deps, teacher, test_id=test_id)
    if assign_group:
        await assign_test(deps, teacher, test_id=test_id, group_id=centre.centre.group_id)
    return test_id
