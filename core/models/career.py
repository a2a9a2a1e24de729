"""Career guidance (issue 9): interest inventory attempts, their answers and results.

A person may take the inventory many times over the years (grade 5, again in grade 9, …);
each attempt keeps its answers and, once finished, its scores, so a student's profile
gathers over time. Levels and differentiation are stored ×1000 as integers (no floats).

Mock exam results (ENT, NUET, SAT, IELTS) are entered by counsellors and teachers so the
career bot can set a student's latest ENT total against a programme group's threshold.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class CareerAttempt(Model):
    """One taking of the interest inventory by a person (``form``: short or full)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="career_attempts", on_delete=fields.RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="career_attempts", on_delete=fields.RESTRICT
    )
    form = fields.CharField(max_length=8)
    grade = fields.SmallIntField()
    language = fields.CharField(max_length=2)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    # The result, set when the last item is answered.
    code = fields.CharField(max_length=3, default="")
    sums: dict[str, int] | None = fields.JSONField(null=True)  # type letter → sum of its answers
    levels_milli: dict[str, int] | None = fields.JSONField(
        null=True
    )  # type letter → level × 1000 (1000–7000)
    differentiation_milli = fields.IntField(null=True)  # highest − lowest level, × 1000

    class Meta:
        table = "career_attempt"
        indexes = (("person_id", "started_at"),)


class CareerAnswer(Model):
    """The answer (1–5) to one inventory item in an attempt; answered again, it is replaced."""

    id = fields.IntField(primary_key=True)
    attempt: fields.ForeignKeyRelation[CareerAttempt] = fields.ForeignKeyField(
        "models.CareerAttempt", related_name="answers", on_delete=fields.CASCADE
    )
    item_id = fields.CharField(max_length=16)
    value = fields.SmallIntField()
    answered_at = fields.DatetimeField()

    class Meta:
        table = "career_answer"
        unique_together = (("attempt", "item_id"),)


class MockExamResult(Model):
    """One mock exam a student took (``kind``: ent, nuet, sat, ielts).

    ``total`` is in the exam's own points, except IELTS, whose band (0–9 in halves) is kept
    in tenths (6.5 → 65) so no float is stored. For the ENT, ``sections`` holds each section's
    score (``core.career.ent.sections`` ids) and ``pair_id`` the profile-subject pair taken.
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="mock_exam_results", on_delete=fields.RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="mock_exam_results", on_delete=fields.RESTRICT
    )
    kind = fields.CharField(max_length=8)
    taken_on = fields.DateField()
    total = fields.IntField()
    sections: dict[str, int] | None = fields.JSONField(null=True)
    pair_id = fields.CharField(max_length=16, default="")
    entered_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person",
        related_name="entered_mock_exam_results",
        null=True,
        on_delete=fields.SET_NULL,
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "mock_exam_result"
        indexes = (("person_id", "kind", "taken_on"),)


class InventorySending(Model):
    """A counsellor sending the interest inventory to a group or to one student.

    ``grade`` (5–11) is the class's grade the counsellor chose; it decides the short or full
    form and travels on every invitation, so an invited student is never asked for it.
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="inventory_sendings", on_delete=fields.RESTRICT
    )
    group_id = fields.IntField(null=True)  # the group sent to; None for one student
    title = fields.CharField(max_length=200)  # the group's name or the student's, at sending
    grade = fields.SmallIntField()
    sent_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person",
        related_name="inventory_sendings",
        null=True,
        on_delete=fields.SET_NULL,
    )
    sent_at = fields.DatetimeField()

    class Meta:
        table = "inventory_sending"
        indexes = (("organisation_id", "sent_at"),)


class InventoryInvitation(Model):
    """One student invited by a sending. ``opened_at``: when they pressed its button;
    finished is read from their attempts (one finished after ``invited_at``)."""

    id = fields.IntField(primary_key=True)
    sending: fields.ForeignKeyRelation[InventorySending] = fields.ForeignKeyField(
        "models.InventorySending", related_name="invitations", on_delete=fields.CASCADE
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="inventory_invitations", on_delete=fields.RESTRICT
    )
    grade = fields.SmallIntField()
    invited_at = fields.DatetimeField()
    opened_at = fields.DatetimeField(null=True)
    reminded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "inventory_invitation"
        unique_together = (("sending", "person"),)
        indexes = (("person_id", "invited_at"),)


class ProgrammeItem(Model):
    """One item of the organisation's career guidance programme for a school year.

    ``school_year`` is the year the school year starts in (2026 for 2026/27, from 1 September
    to 31 August); ``grades`` the grades (5–11) it is for; ``copied_from`` the item of the
    year before it was copied from, so copying twice copies nothing new.
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="programme_items", on_delete=fields.RESTRICT
    )
    school_year = fields.SmallIntField()
    grades: list[int] = fields.JSONField()
    kind = fields.CharField(max_length=16)
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    copied_from_id = fields.IntField(null=True, unique=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "programme_item"
        indexes = (("organisation_id", "school_year", "starts_on"),)
