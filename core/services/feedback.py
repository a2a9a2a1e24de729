"""Lesson feedback: one-tap ratings of held lessons and their teachers.

CONTRACT SKELETON written by the lead; the helper who owns this module implements it (keep
``tick``'s signature: the scheduler's classroom job calls it every minute) and replaces this
paragraph with the module's real docstring.
"""

from __future__ import annotations

from core.deps import Deps


async def tick(deps: Deps) -> int:
    """Ask the students (and, by the organisation's setting, parents) of lessons that have
    just ended to rate them; idempotent. Returns how many lessons were asked about."""
    raise NotImplementedError
