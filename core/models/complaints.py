"""Complaints: reports to an organisation, named or anonymous, and the thread that answers them.

An anonymous complaint holds nothing that names its author: no person, no Telegram id, no
name or phone. The only way back to them is ``Complaint.handle``, their Telegram chat id
sealed with a key that lives outside the database (``core.complaint_handles``); the tracking
code they were given is kept only as its SHA-256. ``ComplaintMessage`` times are kept to the
second like everything else — they are what the staff answer in order of.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class ComplaintCategory(StrEnum):
    BULLYING = "bullying"
    TEACHER = "teacher"
    FINANCE = "finance"
    SCHEDULE = "schedule"
    SAFETY = "safety"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"  # for the complainant
    RESOLVED = "resolved"
    REJECTED = "rejected"


class ComplaintAuthor(StrEnum):
    COMPLAINANT = "complainant"
    STAFF = "staff"  # a reply the complainant receives
    NOTE = "note"  # internal, never shown to the complainant


class Complaint(Model):
    """A report to ``organisation``; ``escalated_to`` is the organisation above it once its
    first answer is overdue (it then appears in that organisation's inbox too)."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="complaints", on_delete=fields.RESTRICT
    )
    code_hash = fields.CharField(max_length=64, unique=True)
    anonymous = fields.BooleanField()
    #: Named complaints only: who filed it and the role they filed it in.
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="complaints_filed", null=True, on_delete=fields.RESTRICT
    )
    person_role = fields.CharField(max_length=32, null=True)
    #: The complainant's Telegram chat id, sealed (``core.complaint_handles``).
    handle = fields.TextField()
    category = fields.CharField(max_length=16)
    #: The language the complainant chose in the bot (kk, ru, en), for what the bot sends them.
    language = fields.CharField(max_length=2)
    #: The person complained about: never shown the complaint, never assigned to it.
    about: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="complaints_about", null=True, on_delete=fields.RESTRICT
    )
    status = fields.CharField(max_length=16, default=ComplaintStatus.NEW.value)
    reason = fields.TextField(default="")  # why it was rejected
    urgent = fields.BooleanField(default=False)
    assignee: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="complaints_assigned", null=True, on_delete=fields.RESTRICT
    )
    escalated_to: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation",
        related_name="complaints_escalated",
        null=True,
        on_delete=fields.RESTRICT,
    )
    created_at = fields.DatetimeField()
    #: When the first answer is due (the organisation's SLA); reminders and escalation follow it.
    answer_due_at = fields.DatetimeField()
    reminded_at = fields.DatetimeField(null=True)
    escalated_at = fields.DatetimeField(null=True)
    first_answer_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)  # resolved or rejected
    updated_at = fields.DatetimeField()

    class Meta:
        table = "complaint"
        indexes = (
            ("organisation_id", "status"),
            ("escalated_to_id", "status"),
            ("status", "answer_due_at"),
        )


class ComplaintMessage(Model):
    """One entry of a complaint's thread. Staff replies wait in ``delivered_at IS NULL``
    until the complaints bot opens the handle and sends them."""

    id = fields.IntField(primary_key=True)
    complaint: fields.ForeignKeyRelation[Complaint] = fields.ForeignKeyField(
        "models.Complaint", related_name="messages", on_delete=fields.RESTRICT
    )
    author = fields.CharField(max_length=16)
    staff: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="complaint_messages", null=True, on_delete=fields.RESTRICT
    )
    text = fields.TextField(default="")
    created_at = fields.DatetimeField()
    delivered_at = fields.DatetimeField(null=True)
    delivery_attempts = fields.SmallIntField(default=0)
    delivery_error = fields.TextField(default="")

    class Meta:
        table = "complaint_message"
        indexes = (("complaint_id", "id"), ("author", "delivered_at"))


class ComplaintAttachment(Model):
    """A file sent with a complaint message: a picture re-encoded (no EXIF) or a document
    scrubbed of its metadata (``core.document_scrub``); no file name is kept."""

    id = fields.IntField(primary_key=True)
    message: fields.ForeignKeyRelation[ComplaintMessage] = fields.ForeignKeyField(
        "models.ComplaintMessage", related_name="attachments", on_delete=fields.RESTRICT
    )
    key = fields.CharField(max_length=128)  # ``core.attachments.store``
    # Office types are long: "application/vnd.openxmlformats-officedocument...".
    content_type = fields.CharField(max_length=128)
    size = fields.IntField()

    class Meta:
        table = "complaint_attachment"


class ComplaintSettings(Model):
    """An organisation's complaint settings: its public code (for the bot's deep link and
    the poster's QR) and the hours within which a complaint must get its first answer."""

    id = fields.IntField(primary_key=True)
    organisation: fields.OneToOneRelation[Organisation] = fields.OneToOneField(
        "models.Organisation", related_name="complaint_settings", on_delete=fields.RESTRICT
    )
    public_code = fields.CharField(max_length=16, unique=True)
    answer_hours = fields.SmallIntField(default=24)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "complaint_settings"
