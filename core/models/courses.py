"""Online course content (issue 10): what a ``Course`` teaches online, as modules of units
("тақырып", "тема" — not scheduled lessons) of items, opened by a teacher for their groups.

A student's progress is not stored: an item is complete when its evidence exists (a passed
test attempt, a submission judged OK, an ``ItemWork`` marked done or accepted), so progress
is computed on read and is always true. ``ItemWork`` holds what the student did with an
item: "mark as done" for text and video, an open answer, or an uploaded file.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.academics import Course, Group
from core.models.judge import ProgrammingTask
from core.models.people import Person
from core.models.testing import Test


class ItemKind(StrEnum):
    TEXT = "text"
    VIDEO = "video"
    QUIZ = "quiz"
    OPEN_ANSWER = "open_answer"
    FILE_UPLOAD = "file_upload"
    PROGRAMMING = "programming"


class WorkStatus(StrEnum):
    """``DONE``: a text or video marked as done; the others are an answer's review."""

    DONE = "done"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class CourseModule(Model):
    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="content_modules", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    title = fields.CharField(max_length=200)
    created_at = fields.DatetimeField()

    class Meta:
        table = "course_module"
        indexes = (("course_id", "position"),)


class CourseUnit(Model):
    """A unit of a module (the issue's "lesson")."""

    id = fields.IntField(primary_key=True)
    module: fields.ForeignKeyRelation[CourseModule] = fields.ForeignKeyField(
        "models.CourseModule", related_name="units", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    title = fields.CharField(max_length=200)
    created_at = fields.DatetimeField()

    class Meta:
        table = "course_unit"
        indexes = (("module_id", "position"),)


class CourseItem(Model):
    """``body``: the Markdown of a text, or the task of an open answer or a file upload;
    ``url``: a video's http(s) address; ``test``/``task``: what a quiz or a programming item
    asks the student to pass."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[CourseUnit] = fields.ForeignKeyField(
        "models.CourseUnit", related_name="items", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    kind = fields.CharEnumField(ItemKind, max_length=12)
    title = fields.CharField(max_length=200)
    body = fields.TextField(default="")
    url = fields.CharField(max_length=500, default="")
    test: fields.ForeignKeyNullableRelation[Test] = fields.ForeignKeyField(
        "models.Test", related_name="course_items", null=True, on_delete=fields.RESTRICT
    )
    task: fields.ForeignKeyNullableRelation[ProgrammingTask] = fields.ForeignKeyField(
        "models.ProgrammingTask",
        related_name="course_items",
        null=True,
        on_delete=fields.RESTRICT,
    )
    points = fields.IntField(default=10)
    created_at = fields.DatetimeField()

    class Meta:
        table = "course_item"
        indexes = (("unit_id", "position"),)


class CourseOpening(Model):
    """A course's content opened for one group: its enrolled students see it."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="openings", on_delete=fields.CASCADE
    )
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="course_openings", on_delete=fields.CASCADE
    )
    opened_by_id = fields.IntField(null=True)
    opened_at = fields.DatetimeField()

    class Meta:
        table = "course_opening"
        unique_together = (("course", "group"),)


class ItemWork(Model):
    """A student's work on an item: one row per student and item, updated as they resubmit.
    A file is stored by ``core.attachments`` under ``storage_key``."""

    id = fields.IntField(primary_key=True)
    item: fields.ForeignKeyRelation[CourseItem] = fields.ForeignKeyField(
        "models.CourseItem", related_name="works", on_delete=fields.CASCADE
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="course_works", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(WorkStatus, max_length=10)
    text = fields.TextField(default="")
    filename = fields.CharField(max_length=255, default="")
    content_type = fields.CharField(max_length=100, default="")
    size = fields.IntField(default=0)
    storage_key = fields.CharField(max_length=100, default="")
    comment = fields.TextField(default="")
    submitted_at = fields.DatetimeField()
    reviewed_at = fields.DatetimeField(null=True)
    reviewed_by_id = fields.IntField(null=True)

    class Meta:
        table = "course_item_work"
        unique_together = (("item", "student"),)


class CourseCertificate(Model):
    """Issued once per student and course, when every item is complete; ``code`` is the
    random, public verification code printed on the PDF."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="course_certificates", on_delete=fields.RESTRICT
    )
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="certificates", on_delete=fields.RESTRICT
    )
    issued_at = fields.DatetimeField()

    class Meta:
        table = "course_certificate"
        unique_together = (("person", "course"),)
