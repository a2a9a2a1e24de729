"""Stored school timetables (issue 11): a school's timetabling problem with one timetable
for it, as the admin imported, solved and edited it, and the solver runs made on it.

The problem and its timetable are kept as JSON (``core.timetabling.serial``): the pure
core owns their shape, and a timetable is read and written whole — the checker needs all of
it after every edit. Publishing turns it into the organisation's ``ScheduleRule`` rows;
until then nobody but its editors sees it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation


class TimetableSource(StrEnum):
    FET = "fet"
    WORKBOOK = "xlsx"


class SolveState(StrEnum):
    RUNNING = "running"
    DONE = "done"
    IMPOSSIBLE = "impossible"  # no timetable satisfies the hard rules; ``culprits`` say why
    FAILED = "failed"  # the run stopped without a result (the process ended, an error)


class SchoolTimetable(Model):
    """``placements`` maps a lesson id (as text: JSON keys) to ``[slot, room or null]``;
    a lesson missing from it is not placed. ``version`` grows with every change, so two
    editors' changes and a solver run finishing under an edit do not overwrite each other."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="school_timetables", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    source = fields.CharEnumField(TimetableSource, max_length=8)
    problem: dict[str, Any] = fields.JSONField()
    placements: dict[str, Any] = fields.JSONField()
    version = fields.IntField(default=1)
    published_from = fields.DateField(null=True)
    published_at = fields.DatetimeField(null=True)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "school_timetable"
        indexes = (("organisation_id", "created_at"),)


class SolveFailure(StrEnum):
    """Why a run ended ``FAILED``."""

    NONE = ""
    INTERRUPTED = "interrupted"  # the process stopped while it ran
    NO_TIMETABLE = "no_timetable"  # no timetable found within the time budget
    ERROR = "error"  # an unexpected error (logged)


class TimetableSolve(Model):
    """One solver run: its time budget, how far it got (``best_penalty`` of the best
    timetable found so far, written while it runs) and how it ended.

    A ``DONE`` run's result is applied to the timetable at once unless the timetable changed
    since ``base_version`` (or the result breaks a hard rule); then it waits in
    ``placements`` for the admin to apply or drop it. ``penalties`` (soft cost by rule) and
    ``hard`` (hard rules broken) are the checker's report of the result."""

    id = fields.IntField(primary_key=True)
    timetable: fields.ForeignKeyRelation[SchoolTimetable] = fields.ForeignKeyField(
        "models.SchoolTimetable", related_name="solves", on_delete=fields.CASCADE
    )
    state = fields.CharEnumField(SolveState, max_length=12, default=SolveState.RUNNING)
    seconds = fields.IntField()
    keep_locked = fields.BooleanField(default=True)
    best_penalty = fields.IntField(null=True)
    placed = fields.IntField(default=0)
    total = fields.IntField(default=0)
    culprits: list[dict[str, Any]] = fields.JSONField(default=list)
    failure = fields.CharEnumField(SolveFailure, max_length=16, default=SolveFailure.NONE)
    base_version = fields.IntField(default=0)
    placements: dict[str, Any] | None = fields.JSONField(null=True)
    penalties: dict[str, int] | None = fields.JSONField(null=True)
    hard = fields.IntField(null=True)
    applied_at = fields.DatetimeField(null=True)
    started_by_id = fields.IntField(null=True)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "timetable_solve"
        indexes = (("timetable_id", "started_at"),)
