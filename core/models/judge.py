"""The online judge (issue 10): programming tasks with their tests, submissions and their
verdicts, and contests (olympiads) made of tasks.

A task's statement, limits and checker are one row; its tests are rows of their own, kept
as bytes exactly as the teacher uploaded them (after the line-ending normalisation the
built-in checkers want). A submission is queued, claimed by one judge worker and judged
once; its verdict never changes afterwards except by a rejudge, which the audit records.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from core.models.org import Organisation
from core.models.people import Person


class CheckerKind(StrEnum):
    TOKENS = "tokens"
    LINES = "lines"
    FLOAT = "float"
    UNORDERED = "unordered"
    CUSTOM = "custom"


class ProgrammingTask(Model):
    """``statements`` maps a language ("kk", "ru", "en") to its title, legend, input, output
    and notes (Markdown). ``groups`` are the IOI subtasks ``[{"name", "points"}]``; a test
    names its group. ``published`` tasks are open to the organisation's students."""

    organisation_id: int
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="programming_tasks", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    statements: dict[str, Any] = fields.JSONField()
    time_ms = fields.IntField()
    memory_mb = fields.IntField()
    checker = fields.CharEnumField(CheckerKind, max_length=10, default=CheckerKind.TOKENS)
    precision = fields.FloatField(null=True)
    checker_source = fields.TextField(default="")
    checker_language = fields.CharField(max_length=10, default="")
    #: The ``testlib.h`` a C++ checker includes (Polygon packages ship their own version).
    checker_testlib = fields.TextField(default="")
    groups: list[dict[str, Any]] = fields.JSONField(default=list)
    published = fields.BooleanField(default=False)
    version = fields.IntField(default=1)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    tests: fields.ReverseRelation[TaskTest]

    class Meta:
        table = "programming_task"
        indexes = (("organisation_id", "name"),)


class TaskTest(Model):
    task_id: int
    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[ProgrammingTask] = fields.ForeignKeyField(
        "models.ProgrammingTask", related_name="tests", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    input = fields.BinaryField()
    answer = fields.BinaryField()
    sample = fields.BooleanField(default=False)
    group = fields.CharField(max_length=50, default="")
    points = fields.IntField(null=True)

    class Meta:
        table = "programming_task_test"
        unique_together = (("task", "position"),)


class SubmissionState(StrEnum):
    QUEUED = "queued"
    JUDGING = "judging"
    DONE = "done"


class Verdict(StrEnum):
    OK = "ok"
    WRONG_ANSWER = "wrong_answer"
    PRESENTATION_ERROR = "presentation_error"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    RUNTIME_ERROR = "runtime_error"
    COMPILE_ERROR = "compile_error"
    JUDGE_ERROR = "judge_error"


class SubmissionChannel(StrEnum):
    WEB = "web"
    TELEGRAM = "telegram"


class ProgramSubmission(Model):
    """``failed_test`` is the 1-based number of the first test that did not pass (none for
    OK, a compile error or a judge error). ``results`` holds one entry per test judged:
    ``{"verdict", "time_ms", "memory_kb", "points"}``. ``claimed_until`` fences a worker's
    claim: a worker that died mid-run leaves it to expire, and another takes the job."""

    organisation_id: int
    task_id: int
    author_id: int
    contest_id: int | None
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="program_submissions", on_delete=fields.RESTRICT
    )
    task: fields.ForeignKeyRelation[ProgrammingTask] = fields.ForeignKeyField(
        "models.ProgrammingTask", related_name="program_submissions", on_delete=fields.RESTRICT
    )
    author: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="program_submissions", on_delete=fields.RESTRICT
    )
    contest: fields.ForeignKeyNullableRelation[Contest] = fields.ForeignKeyField(
        "models.Contest", related_name="program_submissions", on_delete=fields.RESTRICT, null=True
    )
    language = fields.CharField(max_length=10)
    source = fields.TextField()
    channel = fields.CharEnumField(SubmissionChannel, max_length=10)
    all_tests = fields.BooleanField(default=False)
    state = fields.CharEnumField(SubmissionState, max_length=8, default=SubmissionState.QUEUED)
    verdict = fields.CharEnumField(Verdict, max_length=20, null=True)
    failed_test = fields.IntField(null=True)
    score = fields.IntField(null=True)
    #: IOI points per subtask (group name → points), for "max per subtask" across submissions.
    subtask_scores: dict[str, int] = fields.JSONField(default=dict)
    time_ms = fields.IntField(null=True)
    memory_kb = fields.IntField(null=True)
    results: list[dict[str, Any]] = fields.JSONField(default=list)
    compile_log = fields.TextField(default="")
    judge_message = fields.CharField(max_length=300, default="")
    attempt = fields.IntField(default=0)
    claimed_until = fields.DatetimeField(null=True)
    submitted_at = fields.DatetimeField()
    judged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "program_submission"
        indexes = (
            ("state", "submitted_at"),
            ("author_id", "task_id"),
            ("contest_id", "submitted_at"),
        )


class ContestKind(StrEnum):
    ICPC = "icpc"
    IOI = "ioi"


class Contest(Model):
    """An olympiad. ``freeze_minutes``: the public scoreboard stops showing results this
    long before the end until the organiser unfreezes it (``unfrozen_at``)."""

    organisation_id: int
    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="contests", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(ContestKind, max_length=4)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    penalty_minutes = fields.IntField(default=20)
    freeze_minutes = fields.IntField(null=True)
    unfrozen_at = fields.DatetimeField(null=True)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()

    problems: fields.ReverseRelation[ContestProblem]

    class Meta:
        table = "contest"
        indexes = (("organisation_id", "starts_at"),)


class ContestProblem(Model):
    contest_id: int
    task_id: int
    id = fields.IntField(primary_key=True)
    contest: fields.ForeignKeyRelation[Contest] = fields.ForeignKeyField(
        "models.Contest", related_name="problems", on_delete=fields.CASCADE
    )
    task: fields.ForeignKeyRelation[ProgrammingTask] = fields.ForeignKeyField(
        "models.ProgrammingTask", related_name="contest_problems", on_delete=fields.RESTRICT
    )
    position = fields.IntField()

    class Meta:
        table = "contest_problem"
        unique_together = (("contest", "position"), ("contest", "task"))


class ContestEntry(Model):
    """A participant. ``school_id`` is the organisation they take part for (their school),
    fixed when they enter; ``virtual_start`` is set for a virtual participation after the end."""

    contest_id: int
    person_id: int
    id = fields.IntField(primary_key=True)
    contest: fields.ForeignKeyRelation[Contest] = fields.ForeignKeyField(
        "models.Contest", related_name="entries", on_delete=fields.CASCADE
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="contest_entries", on_delete=fields.RESTRICT
    )
    school_id = fields.IntField()
    virtual_start = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "contest_entry"
        unique_together = (("contest", "person"),)
