"""Substitutions: a teacher marked absent for a day or some hours of it.

The day and the hours are what the admin typed, in the organisation's local time; the span
they make is also stored as UTC moments, so the lessons it covers are found by comparing
moments the way every lesson query does.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class TeacherAbsence(Model):
    """A teacher away on a local ``day``: the whole day when ``start_minute`` and
    ``end_minute`` are empty, else from one local time to the other."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="teacher_absences", on_delete=fields.RESTRICT
    )
    teacher: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="absences", on_delete=fields.RESTRICT
    )
    day = fields.DateField(description="The organisation's local day.")
    start_minute = fields.IntField(null=True, description="Local minutes; null: whole day.")
    end_minute = fields.IntField(null=True, description="Local minutes; null: whole day.")
    starts_at = fields.DatetimeField(description="The span's start, UTC.")
    ends_at = fields.DatetimeField(description="The span's end, UTC.")
    reason = fields.CharField(max_length=300, default="")
    marked_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="absences_marked", null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "teacher_absence"
        indexes = (("organisation_id", "starts_at"),)
