"""The ledger cannot be rewritten: on a database built by the migrations (what production
runs), changing or deleting an entry fails in the database itself, whatever the code does.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import asyncpg
import pytest
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.exceptions import BaseORMException

from core.clock import FrozenClock
from core.config import load_settings
from core.db import migrate
from core.deps import Deps, build_deps
from core.models.finance import EntryKind, LedgerEntry
from core.models.people import Role
from core.services.ledger import balance, do_add_entry, do_reverse_entry
from core.tx import transaction
from tests.conftest import BACKEND, POSTGRES_URL
from tests.factories import make_member, make_organisation, make_student

pytestmark = pytest.mark.each_database

#: What the database's refusal surfaces as: Tortoise wraps SQLite's abort; a PL/pgSQL
#: ``RAISE`` reaches us as asyncpg's own error.
REFUSED = (BaseORMException, asyncpg.PostgresError)


@pytest.fixture
async def migrated(tmp_path: Path) -> AsyncIterator[Deps]:
    name = f"sabaq_ledger_{uuid.uuid4().hex[:8]}"
    admin_db = None
    if BACKEND == "postgres":
        admin_db = await asyncpg.connect(
            POSTGRES_URL.replace("postgres://", "postgresql://") + "/postgres"
        )
        await admin_db.execute(f'CREATE DATABASE "{name}"')
        url = f"{POSTGRES_URL.rstrip('/')}/{name}"
    else:
        url = ""
    settings = load_settings(data_dir=tmp_path / "var", database_url=url, _env_file=None)
    deps = build_deps(settings, clock=FrozenClock())
    try:
        await migrate(settings)
        yield deps
    finally:
        await deps.aclose()
        await Tortoise.close_connections()
        EXECUTOR_CACHE.clear()
        if admin_db is not None:
            await admin_db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin_db.close()


async def test_entries_cannot_be_changed_or_deleted_only_reversed(migrated: Deps) -> None:
    deps = migrated
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    student = await make_student(deps, admin)
    async with transaction(deps) as tx:
        entry = await do_add_entry(
            tx,
            organisation_id=system.organisation_id,
            student_id=student,
            kind=EntryKind.PAYMENT,
            amount=4_000_000,
            currency="KZT",
            occurred_on=date(2026, 9, 1),
        )

    entry.amount = 1
    with pytest.raises(REFUSED):
        await entry.save()
    with pytest.raises(REFUSED):
        await LedgerEntry.filter(id=entry.id).delete()
    assert await balance(system.organisation_id, student) == 4_000_000

    stored = await LedgerEntry.get(id=entry.id)
    async with transaction(deps) as tx:
        await do_reverse_entry(
            tx, stored, occurred_on=date(2026, 9, 2), reason="typed twice", created_by_id=None
        )
    assert await balance(system.organisation_id, student) == 0
    assert await LedgerEntry.filter(student_id=student).count() == 2
