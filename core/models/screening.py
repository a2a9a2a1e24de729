"""Screenings for psychologists (issue 9): an instrument assigned to a student, and answers.

A psychologist assigns an instrument (``core.screening.instruments``) to a student; the
student answers it in the bot, item by item, over as many days as they need; the last answer
scores it. Only psychologists of the organisation read the result (``core/services/
screenings.py``). Nothing here is ever deleted.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class ScreeningAssignment(Model):
    """One instrument for one student, from its assignment to its result.

    ``open_key`` is ``"<instrument>:<person>"`` until the student finishes and NULL after
    (NULLs never collide), so a student has at most one unfinished assignment of an
    instrument even when two psychologists assign it at once. ``consent_by``/``consent_at``
    record who ticked "parental consent obtained" and when (NULL for an adult). ``group_id``
    is the group it was assigned through, if any. ``critical_at`` is when an answer first
    needed a human safety check.
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="screening_assignments", on_delete=fields.RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="screening_assignments", on_delete=fields.RESTRICT
    )
    instrument = fields.CharField(max_length=16)
    group_id = fields.IntField(null=True)
    assigned_by: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="screenings_assigned", on_delete=fields.RESTRICT
    )
    assigned_at = fields.DatetimeField()
    consent_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person",
        related_name="screening_consents",
        on_delete=fields.RESTRICT,
        null=True,
    )
    consent_at = fields.DatetimeField(null=True)
    open_key = fields.CharField(max_length=40, null=True, unique=True)
    language = fields.CharField(max_length=2, default="")
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    total = fields.SmallIntField(null=True)
    band = fields.CharField(max_length=20, default="")
    critical_at = fields.DatetimeField(null=True)

    class Meta:
        table = "screening_assignment"
        indexes = (("organisation_id", "assigned_at"), ("person_id", "assigned_at"))


class ScreeningAnswer(Model):
    """The answer (an option value) to one item; given once, never changed."""

    id = fields.IntField(primary_key=True)
    assignment: fields.ForeignKeyRelation[ScreeningAssignment] = fields.ForeignKeyField(
        "models.ScreeningAssignment", related_name="answers", on_delete=fields.RESTRICT
    )
    item = fields.SmallIntField()
    value = fields.SmallIntField()
    answered_at = fields.DatetimeField()

    class Meta:
        table = "screening_answer"
        unique_together = (("assignment", "item"),)
