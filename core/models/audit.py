from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditRecord(Model):
    """An append-only record of a change; ``hash`` chains it to the record before it."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    organisation_id = fields.IntField(null=True)
    actor_person_id = fields.IntField(null=True)
    actor_label = fields.CharField(max_length=50, default="")
    action = fields.CharField(max_length=64)
    object_type = fields.CharField(max_length=32)
    object_id = fields.CharField(max_length=64)
    before: dict[str, object] | None = fields.JSONField(null=True)
    after: dict[str, object] | None = fields.JSONField(null=True)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_record"


class AuditHead(Model):
    """The single row that serialises appends and remembers the chain's tip."""

    id = fields.IntField(primary_key=True)
    last_hash = fields.CharField(max_length=64)
    count = fields.BigIntField(default=0)

    class Meta:
        table = "audit_head"
