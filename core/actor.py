"""Who acts: a person, in one organisation, with the roles they hold there."""

from __future__ import annotations

from dataclasses import dataclass

from core.models.people import Role


@dataclass(frozen=True)
class Actor:
    """The subject of every use case.

    ``organisation_id`` is the organisation the actor is working in now; ``roles`` are the
    roles their active memberships give them there (a membership in an ancestor counts, so
    a network's admin administers each branch). ``label`` names a non-human actor
    ("cli", "import", "scheduler") for the audit trail.
    """

    person_id: int | None
    organisation_id: int
    roles: frozenset[Role]
    account_id: int | None = None
    label: str = ""

    @classmethod
    def system(cls, organisation_id: int, label: str) -> Actor:
        """A trusted actor for the CLI, imports and the scheduler: every permission."""
        return cls(person_id=None, organisation_id=organisation_id, roles=frozenset(), label=label)

    @property
    def is_system(self) -> bool:
        return self.person_id is None
