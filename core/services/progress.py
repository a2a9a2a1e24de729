"""The personal cabinet ("Progress"): a student's homework, grades, attendance and plan in
one place, for the student or a parent for their child.

Figures per group (the student's current groups in this organisation) cover the term that
includes today, or, outside any term, everything so far:

- **attendance** = (present + late) ÷ (present + late + absent) over the lessons marked
  for the student, rounded half up to a whole percent; excused absences count neither way
  (a parent said why), cancelled lessons and unmarked ones are left out; no marked lesson,
  no figure;
- **average**: the weighted average of ``core.services.grades`` (per kind, then by the
  organisation's weights), shown in the scale's units.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from core.actor import Actor
from core.deps import Deps
from core.models.academics import Enrolment
from core.models.lessons import Attendance, AttendanceStatus, LessonStatus
from core.models.people import Person
from core.names import full_name
from core.services.grades import (
    GradeView,
    TermView,
    format_average,
    recent_grades,
    student_scores,
    term_on,
    weighted_mean,
)
from core.services.homework import StudentHomework, open_homework, own_or_child
from core.services.lesson_settings import GradeScale, lesson_settings
from core.services.lessons import local_today, organisation_zone
from core.services.plans import PlanItemView, plan_items

RECENT_GRADES = 10
_ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


@dataclass(frozen=True)
class GroupProgress:
    group_id: int
    group_name: str
    attended: int
    missed: int
    attendance_percent: int | None
    average: str


@dataclass(frozen=True)
class Progress:
    student_id: int
    student_name: str
    scale: GradeScale
    term: TermView | None
    groups: tuple[GroupProgress, ...]
    recent_grades: tuple[GradeView, ...]
    homework: tuple[StudentHomework, ...]
    plan: tuple[PlanItemView, ...]


def attendance_percent(attended: int, missed: int) -> int | None:
    """Attended lessons as a whole percent of the marked ones (half up); ``None`` for none."""
    marked = attended + missed
    return (200 * attended + marked) // (2 * marked) if marked else None


async def student_progress(deps: Deps, actor: Actor, *, student_id: int | None = None) -> Progress:
    """The cabinet of the actor (a student) or of their child (a parent passes
    ``student_id``).

    Raises:
        NotFound: ``student_id`` is neither the actor nor their child.
    """
    student = await own_or_child(actor, student_id)
    person = await Person.get(id=student)
    zone = await organisation_zone(actor.organisation_id)
    today = local_today(deps.clock.now(), zone)
    term = await term_on(actor.organisation_id, today)
    settings = await lesson_settings(actor.organisation_id)
    groups: dict[int, str] = {
        row["group_id"]: row["group__name"]
        for row in await Enrolment.filter(
            student_id=student,
            active_key__isnull=False,
            group__organisation_id=actor.organisation_id,
        ).values("group_id", "group__name")
    }
    group_ids = sorted(groups, key=lambda gid: (groups[gid], gid))
    scores = await student_scores(
        student,
        group_ids=group_ids,
        starts_on=term.starts_on if term else None,
        ends_on=term.ends_on if term else None,
    )
    marks = (
        await Attendance.filter(student_id=student, lesson__group_id__in=group_ids)
        .exclude(lesson__status=LessonStatus.CANCELLED)
        .values("lesson__group_id", "lesson__starts_at", "status")
    )
    attended: Counter[int] = Counter()
    missed: Counter[int] = Counter()
    for mark in marks:
        starts: datetime = mark["lesson__starts_at"]
        if term and not term.starts_on <= starts.astimezone(zone).date() <= term.ends_on:
            continue
        if mark["status"] in _ATTENDED:
            attended[mark["lesson__group_id"]] += 1
        elif mark["status"] == AttendanceStatus.ABSENT:
            missed[mark["lesson__group_id"]] += 1
    rows = []
    for group_id in group_ids:
        mean = weighted_mean(scores.get(group_id, []), settings.weights)
        rows.append(
            GroupProgress(
                group_id=group_id,
                group_name=groups[group_id],
                attended=attended[group_id],
                missed=missed[group_id],
                attendance_percent=attendance_percent(attended[group_id], missed[group_id]),
                average=format_average(settings.grade_scale, mean),
            )
        )
    return Progress(
        student_id=student,
        student_name=full_name(person.last_name, person.first_name),
        scale=settings.grade_scale,
        term=term,
        groups=tuple(rows),
        recent_grades=tuple(
            await recent_grades(student, group_ids=group_ids, limit=RECENT_GRADES)
        ),
        homework=tuple(await open_homework(deps, actor, student_id=student)),
        plan=tuple(await plan_items(actor.organisation_id, student)),
    )
