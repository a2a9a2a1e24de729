"""A plagiarism hint for a task's writers: which students handed in (almost) the same program.

Each student's latest submission to the task counts (their earlier attempts would only match
their own later ones); ``core.judge.similarity`` compares them. A pair is a hint for the
teacher to read both programs, never a verdict: short programs for a small task can be alike
honestly.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from core.errors import InvalidInput, NotFound
from core.i18n import N_
from core.judge.similarity import similar_pairs
from core.models.academics import Enrolment
from core.models.judge import ProgrammingTask, ProgramSubmission
from core.permissions import Permission, require
from core.services.academics import access_group
from core.services.lessons import check_id, person_names

DEFAULT_THRESHOLD = 0.9
#: Below this, nearly every pair of solutions to one small task would be listed.
THRESHOLD_MIN = 0.5


@dataclass(frozen=True)
class Author:
    submission_id: int
    person_id: int
    full_name: str
    language: str


@dataclass(frozen=True)
class SimilarSubmissions:
    """Two students' latest submissions; ``identical`` when only names and layout differ."""

    first: Author
    second: Author
    similarity: float
    identical: bool

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


@dataclass(frozen=True)
class SimilarityReport:
    task_id: int
    task_name: str
    compared: int
    pairs: tuple[SimilarSubmissions, ...]


async def similar_submissions(
    actor: Actor,
    *,
    task_id: int,
    group_id: int | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> SimilarityReport:
    """The pairs of students whose latest submissions to a task are at least ``threshold``
    alike, most alike first; only the group's current students when ``group_id`` is given.

    Raises:
        PermissionDenied: the actor may not manage programming tasks.
        NotFound: no such task in the actor's organisation, or no such group here.
        InvalidInput: ``threshold`` is not from ``THRESHOLD_MIN`` to 1.
    """
    await require(actor, Permission.JUDGE_TASKS_MANAGE)
    check_id(task_id)
    task = await ProgrammingTask.get_or_none(id=task_id, organisation_id=actor.organisation_id)
    if task is None:
        raise NotFound()
    if not THRESHOLD_MIN <= threshold <= 1:
        raise InvalidInput(
            N_("The similarity threshold is a percentage from {low} to 100."),
            field="threshold",
            low=round(THRESHOLD_MIN * 100),
        )
    query = ProgramSubmission.filter(task_id=task.id)
    if group_id is not None:
        check_id(group_id)
        group = await access_group(actor, group_id)
        students = await Enrolment.filter(group_id=group.id, active_key__isnull=False).values_list(
            "student_id", flat=True
        )
        query = query.filter(author_id__in=list(students))
    latest: dict[int, tuple[int, str, str]] = {}
    for row in await query.order_by("-id").values("id", "author_id", "language", "source"):
        latest.setdefault(row["author_id"], (row["id"], row["language"], row["source"]))
    authors = {submission_id: author for author, (submission_id, _, _) in latest.items()}
    languages = {submission_id: language for submission_id, language, _ in latest.values()}
    names = await person_names(latest)

    def author(submission_id: int) -> Author:
        person_id = authors[submission_id]
        return Author(
            submission_id=submission_id,
            person_id=person_id,
            full_name=names.get(person_id, ""),
            language=languages[submission_id],
        )

    pairs = similar_pairs(list(latest.values()), threshold=threshold)
    return SimilarityReport(
        task_id=task.id,
        task_name=task.name,
        compared=len(latest),
        pairs=tuple(
            SimilarSubmissions(
                first=author(pair.a),
                second=author(pair.b),
                similarity=pair.similarity,
                identical=pair.identical,
            )
            for pair in pairs
        ),
    )
