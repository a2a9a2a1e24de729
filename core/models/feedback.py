"""Feedback: one-tap ratings of held lessons and their teachers, and surveys.

An anonymous survey keeps who was asked and whether they answered (``SurveyRecipient``) apart
from what was answered (``SurveyResponse`` without a person), so its results cannot be traced
back; each answer's time is kept only to the day for the same reason.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from core.models.lessons import Lesson
from core.models.org import Organisation
from core.models.people import Person


class SurveyStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    CLOSED = "closed"


class LessonFeedback(Model):
    """A student's or parent's rating of a held lesson (1–5) and of its teacher (1–5)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="lesson_feedback", on_delete=fields.RESTRICT
    )
    lesson: fields.ForeignKeyRelation[Lesson] = fields.ForeignKeyField(
        "models.Lesson", related_name="feedback", on_delete=fields.RESTRICT
    )
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="feedback_received", on_delete=fields.RESTRICT
    )
    author: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="feedback_given", on_delete=fields.RESTRICT
    )
    author_role = fields.CharField(max_length=32)
    lesson_rating = fields.SmallIntField(null=True)
    teacher_rating = fields.SmallIntField(null=True)
    comment = fields.TextField(default="")
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "lesson_feedback"
        unique_together = (("lesson", "author"),)
        indexes = (("teacher_id", "created_at"), ("organisation_id", "created_at"))


class Survey(Model):
    """Questions sent to an audience (``audience``: roles and group ids). ``questions`` is a
    list of ``{"kind", "text", "body"}`` in the question bank's shapes, unscored."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="surveys", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=200)
    anonymous = fields.BooleanField(default=True)
    questions: list[dict[str, Any]] = fields.JSONField(default=list)
    audience: dict[str, Any] = fields.JSONField(default=dict)
    status = fields.CharEnumField(SurveyStatus, max_length=10, default=SurveyStatus.DRAFT)
    created_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="surveys_created", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    closes_at = fields.DatetimeField(null=True)

    class Meta:
        table = "survey"


class SurveyRecipient(Model):
    """A person a survey was sent to, and whether they answered (never what)."""

    id = fields.IntField(primary_key=True)
    survey: fields.ForeignKeyRelation[Survey] = fields.ForeignKeyField(
        "models.Survey", related_name="recipients", on_delete=fields.CASCADE
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="surveys_received", on_delete=fields.RESTRICT
    )
    answered = fields.BooleanField(default=False)

    class Meta:
        table = "survey_recipient"
        unique_together = (("survey", "person"),)


class SurveyResponse(Model):
    """One set of answers; ``respondent`` is empty when the survey is anonymous."""

    id = fields.IntField(primary_key=True)
    survey: fields.ForeignKeyRelation[Survey] = fields.ForeignKeyField(
        "models.Survey", related_name="responses", on_delete=fields.CASCADE
    )
    respondent: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="survey_responses", null=True, on_delete=fields.RESTRICT
    )
    answers: list[Any] = fields.JSONField()
    answered_on = fields.DateField()

    class Meta:
        table = "survey_response"
