"""Registration codes: people join by a code instead of being recorded by an admin first.

A school code lets a teacher apply to the organisation (an admin approves the application);
a class code, issued by a teacher for one of their groups, makes a student and enrols them.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from core.models.academics import Group
from core.models.org import Organisation
from core.models.people import Person


class RegistrationCode(Model):
    """A reusable code: the organisation's school code (``group`` NULL) or a class code.

    Kept in plain text: the admin or the teacher must see it again (and print it as a QR
    code) for as long as it is valid; it is long enough not to be guessed under the rate
    limit, and revoking it is one click.
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="registration_codes", on_delete=fields.RESTRICT
    )
    group: fields.ForeignKeyNullableRelation[Group] = fields.ForeignKeyField(
        "models.Group", related_name="registration_codes", on_delete=fields.CASCADE, null=True
    )
    teacher: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person",
        related_name="class_codes",
        on_delete=fields.RESTRICT,
        null=True,
        description="Who issued a class code (the teacher of the group).",
    )
    code = fields.CharField(max_length=16, unique=True)
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "registration_code"


class TeacherApplication(Model):
    """A teacher who registered with a school code, waiting for an admin's decision."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="teacher_applications", on_delete=fields.RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="teacher_applications", on_delete=fields.RESTRICT
    )
    code: fields.ForeignKeyRelation[RegistrationCode] = fields.ForeignKeyField(
        "models.RegistrationCode", related_name="applications", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)
    approved = fields.BooleanField(null=True)
    decided_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="decided_applications", on_delete=fields.RESTRICT, null=True
    )

    class Meta:
        table = "teacher_application"
