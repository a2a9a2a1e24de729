"""Settings a branch inherits: an organisation's own row of a per-organisation model, else
its nearest ancestor's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from tortoise.models import Model

from core.models.org import Organisation

M = TypeVar("M", bound=Model)


async def inherited_rows(model: type[M], organisation_ids: Iterable[int]) -> dict[int, M | None]:
    """For each organisation, its own ``model`` row (rows carry ``organisation_id``), else its
    nearest ancestor's, else None: a query per level of the tree plus one, whatever their
    number (a scheduler tick asks for many)."""
    wanted = set(organisation_ids)
    parents: dict[int, int | None] = {}
    missing = set(wanted)
    while missing:
        rows = await Organisation.filter(id__in=missing).values_list("id", "parent_id")
        parents.update((int(org_id), parent) for org_id, parent in rows)
        missing = {parent for _, parent in rows if parent is not None and parent not in parents}
    own = {
        row.organisation_id: row  # type: ignore[attr-defined]
        for row in await model.filter(organisation_id__in=list(parents))
    }
    found: dict[int, M | None] = {}
    for org_id in wanted:
        current: int | None = org_id
        seen: set[int] = set()
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = parents.get(current)
        found[org_id] = own.get(current) if current is not None else None
    return found
