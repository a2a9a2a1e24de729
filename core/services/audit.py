"""The audit trail: every change a service makes, append-only and hash-chained.

Each record's hash covers its content and the previous record's hash; the single
``AuditHead`` row is locked while appending (so two writers never fork the chain) and
remembers the tip and the count (so a removed last record is detected too).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from core.actor import Actor
from core.db import GENESIS_HASH
from core.i18n import N_
from core.models.audit import AuditHead, AuditRecord
from core.permissions import Permission, require
from core.tx import Tx

JsonDict = dict[str, Any]


def jsonable(value: object) -> object:
    """A JSON-safe copy of a field value (dates as ISO text, enums as their value)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    return value


def snapshot(obj: object, fields: Iterable[str]) -> JsonDict:
    return {name: jsonable(getattr(obj, name)) for name in fields}


def _digest(record: JsonDict) -> str:
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _content(record: AuditRecord) -> JsonDict:
    """What a record's hash covers: everything but its own hash and id."""
    return {
        "at": record.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "organisation_id": record.organisation_id,
        "actor_person_id": record.actor_person_id,
        "actor_label": record.actor_label,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "before": record.before,
        "after": record.after,
        "prev_hash": record.prev_hash,
    }


async def do_record(
    tx: Tx,
    actor: Actor,
    *,
    action: str,
    object_type: str,
    object_id: int | str,
    before: JsonDict | None = None,
    after: JsonDict | None = None,
) -> None:
    """Append one audit record inside the caller's transaction."""
    head = await AuditHead.select_for_update().get_or_none(id=1)
    if head is None:
        head = await AuditHead.create(id=1, last_hash=GENESIS_HASH, count=0)
    record = AuditRecord(
        at=tx.now,
        organisation_id=actor.organisation_id,
        actor_person_id=actor.person_id,
        actor_label=actor.label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=before,
        after=after,
        prev_hash=head.last_hash,
    )
    record.hash = digest = _digest(_content(record))
    await record.save()
    head.last_hash = digest
    head.count += 1
    await head.save(update_fields=["last_hash", "count"])


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


async def verify_chain(*, batch: int = 5000) -> ChainReport:
    """Recompute every hash in order; report the first record that breaks the chain.

    Trusted: the CLI calls it directly; the panel goes through ``check_audit_chain``.
    """
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        rows = await AuditRecord.filter(id__gt=last_id).order_by("id").limit(batch)
        if not rows:
            break
        for row in rows:
            if row.prev_hash != prev:
                return ChainReport(False, checked, row.id, N_("a record before it is missing"))
            if _digest(_content(row)) != row.hash:
                return ChainReport(False, checked, row.id, N_("the record was altered"))
            prev = row.hash
            checked += 1
            last_id = row.id
    head = await AuditHead.get_or_none(id=1)
    if head is not None and (head.last_hash != prev or head.count != checked):
        return ChainReport(False, checked, None, N_("records at the end are missing"))
    return ChainReport(True, checked)


async def check_audit_chain(actor: Actor) -> ChainReport:
    """Verify the chain for a person in the panel.

    Raises:
        PermissionDenied: the actor may not read the audit trail.
    """
    await require(actor, Permission.AUDIT_VIEW)
    return await verify_chain()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor_person_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    before: JsonDict | None
    after: JsonDict | None


async def list_audit(
    actor: Actor, *, limit: int = 100, before_id: int | None = None
) -> list[AuditEntry]:
    """The newest audit records of the actor's organisation.

    Raises:
        PermissionDenied: the actor may not read the audit trail.
    """
    await require(actor, Permission.AUDIT_VIEW)
    query = AuditRecord.filter(organisation_id=actor.organisation_id)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    rows = await query.order_by("-id").limit(min(limit, 500))
    return [
        AuditEntry(
            id=row.id,
            at=row.at,
            actor_person_id=row.actor_person_id,
            actor_label=row.actor_label,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            before=row.before,
            after=row.after,
        )
        for row in rows
    ]
