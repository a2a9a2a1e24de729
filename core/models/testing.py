"""Tests: the question bank, tests built from it, attempts and their answers.

A question's ``text`` is a dict of language → text (kk, ru, en; at least one), and its
``body`` holds what a kind needs — options, accepted answers, pairs — in the shapes
``core/question_kinds.py`` defines and checks. An attempt copies each question it draws
(``AttemptAnswer.snapshot``), so editing the bank never changes an attempt already made.
Scores are integer thousandths of a point: partial credit stays exact.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from core.models.academics import Course, Group
from core.models.org import Organisation
from core.models.people import Person


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT = "short"
    NUMERIC = "numeric"
    MATCHING = "matching"
    ORDERING = "ordering"
    FILL_BLANK = "fill_blank"


class TestStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class RatingNames(StrEnum):
    """How the organisation shows students in ratings."""

    FULL = "full"
    INITIALS = "initials"
    NICKNAME = "nickname"


class Question(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="questions", on_delete=fields.RESTRICT
    )
    author: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="questions", null=True, on_delete=fields.RESTRICT
    )
    course: fields.ForeignKeyNullableRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="questions", null=True, on_delete=fields.RESTRICT
    )
    topic = fields.CharField(max_length=100, default="")
    kind = fields.CharEnumField(QuestionKind, max_length=12)
    text: dict[str, str] = fields.JSONField()
    body: dict[str, Any] = fields.JSONField()
    points = fields.IntField(default=1)
    image_key = fields.CharField(max_length=100, default="", description="Attachment store key.")
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "question"
        # "N random questions of a topic" reads the bank by course and topic.
        indexes = (("organisation_id", "course_id", "topic"),)


class Test(Model):
    """A test built from the bank. ``pass_percent`` is of the maximum score; the time limit
    and the attempts allowed apply to each student."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="tests", on_delete=fields.RESTRICT
    )
    author: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="tests", null=True, on_delete=fields.RESTRICT
    )
    course: fields.ForeignKeyNullableRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="tests", null=True, on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=200)
    instructions = fields.TextField(default="")
    status = fields.CharEnumField(TestStatus, max_length=10, default=TestStatus.DRAFT)
    time_limit_minutes = fields.IntField(null=True)
    attempts_allowed = fields.IntField(default=1)
    opens_at = fields.DatetimeField(null=True)
    closes_at = fields.DatetimeField(null=True)
    shuffle_questions = fields.BooleanField(default=True)
    shuffle_options = fields.BooleanField(default=True)
    pass_percent = fields.IntField(default=50)
    show_review = fields.BooleanField(default=False, description="Students see their mistakes.")
    published_at = fields.DatetimeField(null=True)
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "test"


class TestItem(Model):
    """A line of a test: one fixed question, or ``count`` questions drawn at random from the
    bank's ``topic`` (of the test's course, when it has one) for each attempt."""

    id = fields.IntField(primary_key=True)
    test: fields.ForeignKeyRelation[Test] = fields.ForeignKeyField(
        "models.Test", related_name="items", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    question: fields.ForeignKeyNullableRelation[Question] = fields.ForeignKeyField(
        "models.Question", related_name="test_items", null=True, on_delete=fields.RESTRICT
    )
    topic = fields.CharField(max_length=100, default="")
    count = fields.IntField(default=1)

    class Meta:
        table = "test_item"
        unique_together = (("test", "position"),)


class TestAssignment(Model):
    """Who takes a test: a whole group, or one student."""

    id = fields.IntField(primary_key=True)
    test: fields.ForeignKeyRelation[Test] = fields.ForeignKeyField(
        "models.Test", related_name="assignments", on_delete=fields.CASCADE
    )
    group: fields.ForeignKeyNullableRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="test_assignments", null=True, on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="test_assignments", null=True, on_delete=fields.RESTRICT
    )
    finished_notice_at = fields.DatetimeField(
        null=True, description="When the teacher was told the group finished."
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "test_assignment"
        unique_together = (("test", "group"), ("test", "student"))


class Attempt(Model):
    """A student's go at a test. ``active_key`` is ``"<test>:<student>"`` while the attempt
    is open and NULL after it ends, so the database refuses a second open attempt.
    ``score``/``max_score`` are thousandths of a point; ``group_id`` is the group the test
    was assigned through (ratings and the gradebook are per group)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="attempts", on_delete=fields.RESTRICT
    )
    test: fields.ForeignKeyRelation[Test] = fields.ForeignKeyField(
        "models.Test", related_name="attempts", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="attempts", on_delete=fields.RESTRICT
    )
    group_id = fields.IntField(null=True)
    number = fields.IntField()
    active_key = fields.CharField(max_length=40, null=True, unique=True)
    started_at = fields.DatetimeField()
    deadline_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    timed_out = fields.BooleanField(default=False)
    position = fields.IntField(default=0, description="The question the student is on.")
    score = fields.IntField(null=True)
    max_score = fields.IntField()
    passed = fields.BooleanField(null=True)
    grade_id = fields.IntField(null=True)

    class Meta:
        table = "attempt"
        unique_together = (("test", "student", "number"),)
        # The time-out tick looks for open attempts past their deadline.
        indexes = (("finished_at", "deadline_at"), ("organisation_id", "finished_at"))


class AttemptAnswer(Model):
    """One question of an attempt: the question as it was drawn (``snapshot``: kind, text,
    body, image and the order its options are shown in) and the answer as given."""

    id = fields.IntField(primary_key=True)
    attempt: fields.ForeignKeyRelation[Attempt] = fields.ForeignKeyField(
        "models.Attempt", related_name="answers", on_delete=fields.RESTRICT
    )
    position = fields.IntField()
    question: fields.ForeignKeyRelation[Question] = fields.ForeignKeyField(
        "models.Question", related_name="answers", on_delete=fields.RESTRICT
    )
    points = fields.IntField()
    snapshot: dict[str, Any] = fields.JSONField()
    answer: dict[str, Any] | None = fields.JSONField(null=True)
    answered_at = fields.DatetimeField(null=True)
    score = fields.IntField(null=True, description="Thousandths of a point, set at the end.")

    class Meta:
        table = "attempt_answer"
        unique_together = (("attempt", "position"),)


class TestingSettings(Model):
    """An organisation's choices for tests, ratings and feedback."""

    id = fields.IntField(primary_key=True)
    organisation: fields.OneToOneRelation[Organisation] = fields.OneToOneField(
        "models.Organisation", related_name="testing_settings", on_delete=fields.CASCADE
    )
    rating_names = fields.CharEnumField(RatingNames, max_length=10, default=RatingNames.INITIALS)
    feedback_from_parents = fields.BooleanField(default=False)
    lesson_feedback = fields.BooleanField(default=True)

    class Meta:
        table = "testing_settings"
