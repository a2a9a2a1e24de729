from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class GroupStatus(StrEnum):
    ACTIVE = "active"
    FINISHED = "finished"
    ARCHIVED = "archived"


class Course(Model):
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="courses", on_delete=fields.RESTRICT
    )
    name_kk = fields.CharField(max_length=200, default="")
    name_ru = fields.CharField(max_length=200, default="")
    name_en = fields.CharField(max_length=200, default="")
    subject = fields.CharField(max_length=100, default="")
    level = fields.CharField(max_length=50, default="")
    room_kind = fields.CharField(
        max_length=12, default="", description="The RoomKind its lessons need; empty: any."
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "course"


class Group(Model):
    """A cohort that studies one course together."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="groups", on_delete=fields.RESTRICT
    )
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="groups", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=100)
    capacity = fields.IntField()
    starts_on = fields.DateField(null=True)
    ends_on = fields.DateField(null=True)
    status = fields.CharEnumField(GroupStatus, max_length=10, default=GroupStatus.ACTIVE)
    building = fields.CharField(max_length=100, default="")
    room = fields.CharField(max_length=50, default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "study_group"
        unique_together = (("organisation", "name"),)


class GroupTeacher(Model):
    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="teacher_links", on_delete=fields.CASCADE
    )
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="teaching_links", on_delete=fields.RESTRICT
    )

    class Meta:
        table = "group_teacher"
        unique_together = (("group", "teacher"),)


class Enrolment(Model):
    """A student in a group. Leaving sets ``ends_on``; the row stays as history.

    ``active_key`` is ``"<group>:<student>"`` while the enrolment is active and NULL after it
    ends, so the database itself refuses a second active enrolment (NULLs never collide).
    """

    id = fields.IntField(primary_key=True)
    group: fields.ForeignKeyRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="enrolments", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="enrolments", on_delete=fields.RESTRICT
    )
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    active_key = fields.CharField(max_length=40, null=True, unique=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "enrolment"
