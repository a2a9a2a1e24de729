"""Consultations (issue 9): a career counsellor's or psychologist's free times (slots), a
student's booking of one, and the journal the host keeps about it.

A slot belongs to its host and is of one kind (career guidance or psychology), fixed when
it is published from the host's role. ``ConsultationBooking.active_key`` is the slot's id
while the booking stands and NULL once cancelled (NULLs never collide), so the database
itself lets exactly one of two students pressing the same time at once have it. The
journal (``outcome``, ``summary``, ``notes``, ``next_steps``) lives on the booking; who may
read it is decided in ``core/services/consultations.py`` (a psychologist's notes are read
by psychologists only).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class ConsultationKind(StrEnum):
    CAREER = "career"
    PSYCHOLOGY = "psychology"


class ConsultationOutcome(StrEnum):
    """What the host recorded; ``PENDING`` until they do."""

    PENDING = ""
    HELD = "held"
    NO_SHOW = "no_show"


class ConsultationSlot(Model):
    """One free time of a host: ``[starts_at, ends_at)`` in UTC, at ``place`` ("online"
    or a room, as the host typed it). A deleted slot is only marked (``deleted_at``): a
    cancelled booking of it still shows its time in the journal."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="consultation_slots", on_delete=fields.RESTRICT
    )
    host: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="consultation_slots", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(ConsultationKind, max_length=16)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    place = fields.CharField(max_length=120, default="")
    created_at = fields.DatetimeField()
    deleted_at = fields.DatetimeField(null=True)  # deleted by the host; kept for the journal

    class Meta:
        table = "consultation_slot"
        indexes = (("organisation_id", "kind", "starts_at"), ("host_id", "starts_at"))


class ConsultationBooking(Model):
    """A student's booking of a slot, then the host's journal entry about it."""

    id = fields.IntField(primary_key=True)
    slot: fields.ForeignKeyRelation[ConsultationSlot] = fields.ForeignKeyField(
        "models.ConsultationSlot", related_name="bookings", on_delete=fields.RESTRICT
    )
    student: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="consultation_bookings", on_delete=fields.RESTRICT
    )
    topic = fields.CharField(max_length=200, default="")  # the student's, optional
    booked_at = fields.DatetimeField()
    active_key = fields.IntField(null=True, unique=True)
    cancelled_at = fields.DatetimeField(null=True)
    cancelled_by: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person",
        related_name="consultation_cancellations",
        on_delete=fields.RESTRICT,
        null=True,
    )
    outcome = fields.CharEnumField(
        ConsultationOutcome, max_length=16, default=ConsultationOutcome.PENDING
    )
    summary = fields.CharField(max_length=200, default="")
    notes = fields.TextField(default="")
    next_steps = fields.TextField(default="")
    written_at = fields.DatetimeField(null=True)

    class Meta:
        table = "consultation_booking"
        indexes = (("student_id", "booked_at"),)
