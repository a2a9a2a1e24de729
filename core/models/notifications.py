from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"


class OutboxMessage(Model):
    """Something core must tell a person; delivery workers send it and record the result.

    ``message`` is an ``N_`` sentence translated into the recipient's language at delivery
    (``translate``), or text to send as it is (a chat message); ``buttons`` (their labels are
    ``N_`` sentences too) become an inline keyboard under it. ``dedupe_key`` makes an enqueue
    idempotent: the same reminder is never queued twice.
    """

    id = fields.BigIntField(primary_key=True)
    organisation_id = fields.IntField(null=True)
    person_id = fields.IntField(db_index=True)
    channel = fields.CharField(max_length=16, default="telegram")
    bot = fields.CharField(max_length=16, default="main")
    message = fields.TextField()
    params: dict[str, object] = fields.JSONField(default=dict)
    translate = fields.BooleanField(default=True)
    buttons: list[list[list[str]]] = fields.JSONField(
        default=list, description="Rows of [N_ label, callback data] under the message."
    )
    dedupe_key = fields.CharField(max_length=128, null=True, unique=True)
    status = fields.CharEnumField(OutboxStatus, max_length=12, default=OutboxStatus.PENDING)
    attempts = fields.IntField(default=0)
    available_at = fields.DatetimeField(db_index=True)
    claimed_until = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=300, default="")
    external_id = fields.CharField(max_length=64, default="", description="Telegram message id")
    created_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "outbox_message"
        indexes = (("status", "available_at"),)
