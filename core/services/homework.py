"""Homework: a teacher sets it on a lesson, students hand it in, the teacher reviews.

- **Setting** needs ``homework.manage`` and teaching the lesson (``require_teaching``). A
  lesson has at most one homework: setting it again edits it (same id, files added). The
  due time is typed in the organisation's local time and must come after the lesson starts.
  The group's current students are told of new homework, and of a changed text or due time.
- **Handing in** is for the group's current students. Handing in again replaces the text
  (when new text is given) and adds files, until the homework is reviewed; a returned one
  may be handed in again. After the due time it is still accepted and shown as late.
- **Reviewing**: a comment, optionally a grade (a ``Grade`` of kind homework; reviewing
  again corrects that grade rather than adding one), or a return for rework with a comment
  saying what to redo. The student is told; their parents hear of the grade as of any
  other.
- **Files** are sniffed and size-checked (``core.attachments``) before anything is stored:
  one refused file refuses the whole upload. Each is served only to people who may see it:
  the homework's files to everyone who sees the lesson; a student's files to that student,
  their parents and the group's teachers (and ``lessons.reports`` staff).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from core import attachments as files
from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.models.academics import Enrolment, GroupTeacher
from core.models.lessons import Grade, Homework, HomeworkFile, Lesson, Submission
from core.models.lessons import SubmissionStatus as SubmissionStatus  # noqa: PLC0414 - for adapters
from core.permissions import Permission, has_permission
from core.services.audit import do_record, jsonable
from core.services.grades import (
    GradeKind,
    clean_comment,
    do_correct_grade,
    do_give_grade,
    grade_choices,
    notice_value,
    parse_grade,
)
from core.services.lesson_settings import GradeScale, lesson_settings
from core.services.lessons import (
    LessonStatus,
    LessonView,
    access_lesson,
    check_id,
    children_of,
    format_when,
    lesson_views,
    local_midnight,
    local_today,
    may_see_lesson,
    may_teach,
    organisation_zone,
    person_names,
    require_teaching,
    students_of,
)
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

TEXT_MAX = 4000
COMMENT_MAX = 2000
#: Files of one homework (the teacher's), and of one student's answer.
MAX_FILES = 10
#: Open homework stays in a student's list this long after its due time (or after it was
#: set, when it has none), unless it is reviewed first.
OPEN_DAYS = 14
#: "Set homework" in the bot offers the teacher's lessons of this many past days and today.
RECENT_LESSON_DAYS = 7
LIST_LIMIT = 30
#: What an answer's status reads as, in the panel and the bot.
SUBMISSION_STATUS_LABELS: dict[SubmissionStatus, str] = {
    SubmissionStatus.SUBMITTED: N_("Handed in"),
    SubmissionStatus.RETURNED: N_("Returned for rework"),
    SubmissionStatus.REVIEWED: N_("Reviewed"),
}

_DUE_FORMATS = (
    re.compile(
        r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?:\.(?P<y>\d{4}))?[ ,]+(?P<H>\d{1,2})[:.](?P<M>\d{2})"
    ),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2})?"),
)


@dataclass(frozen=True)
class Upload:
    """A file as an adapter received it: what the user called it and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class FileView:
    id: int
    filename: str
    content_type: str
    size: int

    @property
    def picture(self) -> bool:
        return self.content_type.startswith("image/")


@dataclass(frozen=True)
class FileDownload:
    """A stored file to serve: always as an attachment, with ``nosniff``."""

    path: str
    filename: str
    content_type: str


@dataclass(frozen=True)
class HomeworkView:
    id: int
    lesson: LessonView
    text: str
    due_at: datetime | None
    files: tuple[FileView, ...]
    set_by: str
    updated_at: datetime

    @property
    def local_due(self) -> datetime | None:
        return self.due_at.astimezone(ZoneInfo(self.lesson.timezone)) if self.due_at else None

    @property
    def group_name(self) -> str:
        return self.lesson.group_name


@dataclass(frozen=True)
class SubmissionView:
    id: int
    homework_id: int
    student_id: int
    student_name: str
    text: str
    status: SubmissionStatus
    submitted_at: datetime
    late: bool
    comment: str
    reviewed_at: datetime | None
    grade: str
    files: tuple[FileView, ...]


@dataclass(frozen=True)
class StudentHomework:
    """Homework as one student sees it; ``can_hand_in`` only for the student themselves."""

    homework: HomeworkView
    submission: SubmissionView | None
    overdue: bool
    can_hand_in: bool


@dataclass(frozen=True)
class SubmissionRow:
    """A student of the group and their answer (``None``: not handed in)."""

    student_id: int
    student_name: str
    submission: SubmissionView | None


@dataclass(frozen=True)
class HomeworkCard:
    """Homework with every student's answer, for its teachers."""

    homework: HomeworkView
    rows: tuple[SubmissionRow, ...]
    scale: GradeScale
    grade_choices: tuple[str, ...]
    can_grade: bool


@dataclass(frozen=True)
class Waiting:
    """An answer waiting for review."""

    homework: HomeworkView
    submission: SubmissionView


@dataclass(frozen=True)
class AnswerToReview:
    """An answer opened for review: the grades the scale offers (empty: typed, 0 to 100)
    and whether the reviewer may grade at all."""

    homework: HomeworkView
    submission: SubmissionView
    grade_choices: tuple[str, ...]
    can_grade: bool


@dataclass(frozen=True)
class LessonHomework:
    """A lesson and its homework (``None``: none set yet)."""

    lesson: LessonView
    homework: HomeworkView | None


@dataclass(frozen=True)
class DueOption:
    """A ready-made due time the bot offers: ``key`` is ``next``, ``2d`` or ``7d``."""

    key: str
    due_at: datetime


# --- reading -------------------------------------------------------------------------------


def _file_view(row: HomeworkFile) -> FileView:
    return FileView(row.id, row.filename, row.content_type, row.size)


async def _homework_views(rows: Sequence[Homework]) -> list[HomeworkView]:
    if not rows:
        return []
    lessons = {
        view.id: view
        for view in await lesson_views(
            await Lesson.filter(id__in={h.lesson_id for h in rows})  # type: ignore[attr-defined]
        )
    }
    attached: dict[int, list[FileView]] = {}
    for row in await HomeworkFile.filter(
        homework_id__in=[h.id for h in rows], submission_id__isnull=True
    ).order_by("id"):
        attached.setdefault(row.homework_id, []).append(_file_view(row))  # type: ignore[attr-defined]
    names = await person_names(h.created_by_id for h in rows if h.created_by_id)  # type: ignore[attr-defined]
    return [
        HomeworkView(
            id=h.id,
            lesson=lessons[h.lesson_id],  # type: ignore[attr-defined]
            text=h.text,
            due_at=h.due_at,
            files=tuple(attached.get(h.id, [])),
            set_by=names.get(h.created_by_id, ""),  # type: ignore[attr-defined]
            updated_at=h.updated_at,
        )
        for h in rows
    ]


async def _submission_views(
    rows: Sequence[Submission], homework: dict[int, Homework]
) -> list[SubmissionView]:
    if not rows:
        return []
    attached: dict[int, list[FileView]] = {}
    for row in await HomeworkFile.filter(submission_id__in=[s.id for s in rows]).order_by("id"):
        attached.setdefault(row.submission_id, []).append(_file_view(row))  # type: ignore[attr-defined]
    names = await person_names(s.student_id for s in rows)  # type: ignore[attr-defined]
    grade_ids = [s.grade_id for s in rows if s.grade_id]
    values = {
        row["id"]: row["value"]
        for row in await Grade.filter(id__in=grade_ids).values("id", "value")
    }
    views = []
    for s in rows:
        due = homework[s.homework_id].due_at  # type: ignore[attr-defined]
        views.append(
            SubmissionView(
                id=s.id,
                homework_id=s.homework_id,  # type: ignore[attr-defined]
                student_id=s.student_id,  # type: ignore[attr-defined]
                student_name=names.get(s.student_id, ""),  # type: ignore[attr-defined]
                text=s.text,
                status=SubmissionStatus(s.status),
                submitted_at=s.submitted_at,
                late=due is not None and s.submitted_at > due,
                comment=s.comment,
                reviewed_at=s.reviewed_at,
                grade=values.get(s.grade_id, "") if s.grade_id else "",
                files=tuple(attached.get(s.id, [])),
            )
        )
    return views


async def _homework_here(actor: Actor, homework_id: int) -> Homework:
    check_id(homework_id)
    homework = await Homework.get_or_none(id=homework_id, organisation_id=actor.organisation_id)
    if homework is None:
        raise NotFound(N_("This homework does not exist or is not open to you."))
    return homework


async def _is_current_student(group_id: int, student_id: int) -> bool:
    return await Enrolment.exists(
        group_id=group_id, student_id=student_id, active_key__isnull=False
    )


async def own_or_child(actor: Actor, student_id: int | None) -> int:
    """The student whose homework the actor reads: themselves, or one of their children.

    Raises:
        NotFound: anyone else.
    """
    if actor.person_id is None:
        raise NotFound()
    if student_id is None or student_id == actor.person_id:
        return actor.person_id
    if student_id not in await children_of(actor.person_id):
        raise NotFound()
    return student_id


async def _student_homework(
    now: datetime, student_id: int, rows: Sequence[Homework], *, own: bool
) -> list[StudentHomework]:
    views = await _homework_views(rows)
    by_id = {h.id: h for h in rows}
    answers = await Submission.filter(homework_id__in=list(by_id), student_id=student_id)
    submitted = {s.homework_id: s for s in await _submission_views(answers, by_id)}
    return [
        StudentHomework(
            homework=view,
            submission=submitted.get(view.id),
            overdue=view.id not in submitted and view.due_at is not None and view.due_at < now,
            can_hand_in=own
            and (
                view.id not in submitted
                or submitted[view.id].status is not SubmissionStatus.REVIEWED
            ),
        )
        for view in views
    ]


async def open_homework(
    deps: Deps, actor: Actor, *, student_id: int | None = None
) -> list[StudentHomework]:
    """A student's homework still open, soonest due first: of their current groups here,
    not reviewed yet, due at most 14 days ago (or set at most 14 days ago, without a due
    time). A parent passes their child's ``student_id`` and reads it only.

    Raises:
        NotFound: ``student_id`` is neither the actor nor their child.
    """
    student = await own_or_child(actor, student_id)
    now = deps.clock.now()
    since = now - timedelta(days=OPEN_DAYS)
    groups = await Enrolment.filter(student_id=student, active_key__isnull=False).values_list(
        "group_id", flat=True
    )
    reviewed = await Submission.filter(
        student_id=student, status=SubmissionStatus.REVIEWED
    ).values_list("homework_id", flat=True)
    rows = (
        await Homework.filter(organisation_id=actor.organisation_id, group_id__in=list(groups))
        .filter(Q(due_at__gte=since) | Q(due_at__isnull=True, created_at__gte=since))
        .exclude(id__in=list(reviewed))
        .order_by("due_at", "id")
        .limit(LIST_LIMIT)
    )
    listed = await _student_homework(now, student, rows, own=student == actor.person_id)
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(listed, key=lambda item: (item.homework.due_at or far, item.homework.id))


async def student_homework(
    deps: Deps, actor: Actor, *, homework_id: int, student_id: int | None = None
) -> StudentHomework:
    """One homework as a student (or their parent) sees it, with the student's answer.

    Raises:
        NotFound: no such homework here, or the student is not in its group now (or
            ``student_id`` is neither the actor nor their child).
    """
    student = await own_or_child(actor, student_id)
    homework = await _homework_here(actor, homework_id)
    if not await _is_current_student(homework.group_id, student):  # type: ignore[attr-defined]
        raise NotFound(N_("This homework does not exist or is not open to you."))
    (item,) = await _student_homework(
        deps.clock.now(), student, [homework], own=student == actor.person_id
    )
    return item


async def lesson_homework(actor: Actor, *, lesson_id: int) -> LessonHomework:
    """A lesson the actor teaches and its homework, for the form that sets it.

    Raises:
        NotFound: no such lesson seen by the actor.
        PermissionDenied: the actor may not set homework in this lesson.
    """
    check_id(lesson_id)
    lesson = await access_lesson(actor, lesson_id)
    await require_teaching(actor, lesson, Permission.HOMEWORK_MANAGE)
    homework = await Homework.filter(lesson_id=lesson.id).order_by("id").first()
    view = (await _homework_views([homework]))[0] if homework else None
    return LessonHomework((await lesson_views([lesson]))[0], view)


async def _teaching_query(actor: Actor) -> Q | None:
    """Lessons the actor teaches (theirs or their groups'); ``None``: every lesson here."""
    if actor.is_system or await has_permission(actor, Permission.TEACHING_ANY):
        return None
    groups = await GroupTeacher.filter(teacher_id=actor.person_id).values_list(
        "group_id", flat=True
    )
    return Q(teacher_id=actor.person_id) | Q(group_id__in=list(groups))


async def lessons_for_homework(deps: Deps, actor: Actor) -> list[LessonHomework]:
    """The actor's lessons of today and the 7 local days before (not cancelled), latest
    first, with their homework: what "Set homework" in the bot offers.

    Raises:
        PermissionDenied: the actor may not set homework.
    """
    if not await has_permission(actor, Permission.HOMEWORK_MANAGE):
        raise PermissionDenied(permission=Permission.HOMEWORK_MANAGE.value)
    zone = await organisation_zone(actor.organisation_id)
    tomorrow = local_midnight(local_today(deps.clock.now(), zone) + timedelta(days=1), zone)
    query = Lesson.filter(
        organisation_id=actor.organisation_id,
        starts_at__gte=tomorrow - timedelta(days=RECENT_LESSON_DAYS + 1),
        starts_at__lt=tomorrow,
    ).exclude(status=LessonStatus.CANCELLED)
    teaching = await _teaching_query(actor)
    if teaching is not None:
        query = query.filter(teaching)
    lessons = await query.order_by("-starts_at").limit(LIST_LIMIT)
    homework = {
        h.lesson_id: h  # type: ignore[attr-defined]
        for h in await Homework.filter(lesson_id__in=[lesson.id for lesson in lessons])
    }
    views = {v.id: v for v in await _homework_views(list(homework.values()))}
    return [
        LessonHomework(view, views[homework[view.id].id] if view.id in homework else None)
        for view in await lesson_views(lessons)
    ]


async def due_options(deps: Deps, actor: Actor, *, lesson_id: int) -> list[DueOption]:
    """Ready-made due times for homework of a lesson: the group's next lesson (when there is
    one within a month), two days and a week after the lesson (at its start time), dropping
    any that has already passed.

    Raises:
        NotFound: no such lesson seen by the actor.
    """
    check_id(lesson_id)
    lesson = await access_lesson(actor, lesson_id)
    now = deps.clock.now()
    options = []
    following = (
        await Lesson.filter(
            group_id=lesson.group_id,  # type: ignore[attr-defined]
            starts_at__gt=lesson.starts_at,
            starts_at__lt=lesson.starts_at + timedelta(days=31),
        )
        .exclude(status=LessonStatus.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    if following is not None:
        options.append(DueOption("next", following.starts_at))
    zone = ZoneInfo((await lesson_views([lesson]))[0].timezone)
    local = lesson.starts_at.astimezone(zone)
    for key, days in (("2d", 2), ("7d", 7)):
        # Wall-clock days: the same local time even across a change of offset.
        moment = (local.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=zone)
        options.append(DueOption(key, moment))
    return [option for option in options if option.due_at > now]


def parse_local_datetime(raw: str, *, timezone: str, today: date) -> datetime:
    """A date and time typed in the organisation's local time: ``31.12 18:00``,
    ``31.12.2026 18:00`` or ``2026-12-31T18:00`` (a browser's date-time field). Without a
    year, the date is taken in ``today``'s year, or the next one if it would be more than
    half a year ago.

    Raises:
        InvalidInput: not a date and time in one of these forms (field ``due``).
    """
    typed = raw.strip()
    for pattern in _DUE_FORMATS:
        match = pattern.fullmatch(typed)
        if match is None:
            continue
        year = int(match["y"]) if match["y"] else today.year
        try:
            moment = datetime(
                year,
                int(match["m"]),
                int(match["d"]),
                int(match["H"]),
                int(match["M"]),
                tzinfo=ZoneInfo(timezone),
            )
            if not match["y"] and moment.date() < today - timedelta(days=183):
                # 29 February moved to a year without it is refused like any other wrong date.
                moment = moment.replace(year=year + 1)
        except ValueError:
            break
        return moment
    raise InvalidInput(
        N_("“{value}” is not a date and time. Write it like 31.12 18:00."),
        field="due",
        value=typed,
    )


# --- files ---------------------------------------------------------------------------------


async def _store_uploads(deps: Deps, uploads: Sequence[Upload]) -> list[tuple[Upload, str, str]]:
    """Check every upload, then store them: (upload, content type, storage key).

    Nothing is stored unless every file passes.
    """
    checked = [
        (
            upload,
            files.sniff(upload.data, upload.filename, max_bytes=deps.settings.max_upload_bytes),
        )
        for upload in uploads
    ]
    stored = []
    for upload, content_type in checked:
        key = await asyncio.to_thread(files.store, deps.settings, upload.data)
        stored.append((upload, content_type, key))
    return stored


def check_upload(deps: Deps, upload: Upload) -> None:
    """Refuse a file that homework would not take, before anything else is done with it (the
    bot checks each file as it arrives rather than at the end).

    Raises:
        InvalidInput: the file is empty, too large or of a type we do not accept.
    """
    _ = files.sniff(upload.data, upload.filename, max_bytes=deps.settings.max_upload_bytes)


def _check_count(existing: int, adding: int) -> None:
    if existing + adding > MAX_FILES:
        raise InvalidInput(
            N_("At most {limit} files can be attached."), field="files", limit=MAX_FILES
        )


async def _add_files(
    tx: Tx,
    actor: Actor,
    homework: Homework,
    submission: Submission | None,
    stored: Sequence[tuple[Upload, str, str]],
) -> None:
    for upload, content_type, key in stored:
        _ = await HomeworkFile.create(
            homework_id=homework.id,
            submission_id=submission.id if submission else None,
            uploader_id=actor.person_id,
            storage_key=key,
            filename=files.safe_filename(upload.filename, content_type=content_type),
            content_type=content_type,
            size=len(upload.data),
            created_at=tx.now,
        )


async def _may_read_submission_files(actor: Actor, submission: Submission, lesson: Lesson) -> bool:
    student = submission.student_id  # type: ignore[attr-defined]
    if actor.person_id is not None and (
        student == actor.person_id or student in await children_of(actor.person_id)
    ):
        return True
    if await has_permission(actor, Permission.LESSON_REPORTS):
        return True
    return await may_teach(actor, lesson, Permission.HOMEWORK_MANAGE)


async def homework_file(deps: Deps, actor: Actor, *, file_id: int) -> FileDownload:
    """A homework or answer file the actor may see, for download.

    Raises:
        NotFound: no such file, or not open to the actor.
    """
    check_id(file_id)
    missing = NotFound(N_("This file does not exist or is not open to you."))
    row = await HomeworkFile.get_or_none(id=file_id).prefetch_related("homework", "submission")
    if row is None or row.homework.organisation_id != actor.organisation_id:  # type: ignore[attr-defined]
        raise missing
    lesson = await Lesson.get(id=row.homework.lesson_id)  # type: ignore[attr-defined]
    if row.submission is None:
        if not await may_see_lesson(actor, lesson):
            raise missing
    elif not await _may_read_submission_files(actor, row.submission, lesson):
        raise missing
    path = files.open_path(deps.settings, row.storage_key)
    return FileDownload(str(path), row.filename, row.content_type)


# --- setting homework ----------------------------------------------------------------------


async def _homework_file_count(lesson_id: int) -> int:
    return await HomeworkFile.filter(
        homework__lesson_id=lesson_id, submission_id__isnull=True
    ).count()


def _clean_text(text: str, *, field: str, required: bool) -> str:
    text = text.strip()
    if required and not text:
        raise InvalidInput(N_("Write what the homework is."), field=field)
    if len(text) > TEXT_MAX:
        raise InvalidInput(
            N_("The text is too long: at most {limit} characters."), field=field, limit=TEXT_MAX
        )
    return text


async def set_homework(
    deps: Deps,
    actor: Actor,
    *,
    lesson_id: int,
    text: str,
    due_at: datetime | None,
    uploads: Sequence[Upload] = (),
) -> HomeworkView:
    """Set (or edit) the homework of a lesson: its text, due time and added files.

    ``due_at`` is tz-aware (``parse_local_datetime`` reads what a user typed in local time).
    Editing keeps the homework's id and files; new files are added. The group's current
    students are told of new homework, and of a changed text or due time.

    Raises:
        NotFound: no such lesson seen by the actor.
        PermissionDenied: the actor may not set homework in this lesson.
        Conflict: the lesson is cancelled.
        InvalidInput: no text, too long a text, a due time not after the lesson starts, too
            many files, or a file empty, too large or of a forbidden type (nothing stored).
    """
    check_id(lesson_id)
    lesson = await access_lesson(actor, lesson_id)
    await require_teaching(actor, lesson, Permission.HOMEWORK_MANAGE)
    if lesson.status == LessonStatus.CANCELLED:
        raise Conflict(N_("The lesson is cancelled: homework cannot be set on it."))
    text = _clean_text(text, field="text", required=True)
    if due_at is not None:
        if due_at <= lesson.starts_at:
            raise InvalidInput(
                N_("The homework must be due after the lesson starts."), field="due"
            )
        # Stored in UTC: SQLite keeps the offset an update is given and compares as text.
        due_at = due_at.astimezone(UTC)
    _check_count(await _homework_file_count(lesson.id), len(uploads))
    stored = await _store_uploads(deps, uploads)
    view = (await lesson_views([lesson]))[0]
    async with transaction(deps) as tx:
        # The lesson's row lock makes a second tap wait, then find the first one's homework
        # and edit it; the file limit is checked again under it. (``no_key``: rows that only
        # refer to the lesson, such as grades, are written without waiting.)
        _ = await Lesson.select_for_update(no_key=True).get(id=lesson.id)
        homework = await Homework.get_or_none(lesson_id=lesson.id)
        _check_count(await _homework_file_count(lesson.id), len(stored))
        before = (
            {
                "text": homework.text,
                "due_at": homework.due_at.isoformat() if homework.due_at else None,
            }
            if homework
            else None
        )
        changed = homework is None or homework.text != text or homework.due_at != due_at
        if homework is None:
            homework = await Homework.create(
                organisation_id=lesson.organisation_id,  # type: ignore[attr-defined]
                lesson_id=lesson.id,
                group_id=lesson.group_id,  # type: ignore[attr-defined]
                text=text,
                due_at=due_at,
                created_by_id=actor.person_id,
                created_at=tx.now,
                updated_at=tx.now,
            )
        else:
            homework.text, homework.due_at, homework.updated_at = text, due_at, tx.now
            await homework.save(update_fields=["text", "due_at", "updated_at"])
        await _add_files(tx, actor, homework, None, stored)
        await do_record(
            tx,
            actor,
            action="homework.set" if before is None else "homework.edit",
            object_type="homework",
            object_id=homework.id,
            before=before,
            after={
                "lesson_id": lesson.id,
                "text": text,
                "due_at": jsonable(due_at),
                "files_added": [upload.filename for upload, _, _ in stored],
            },
        )
        if changed:
            await _tell_students(tx, homework, view, new=before is None)
    return (await _homework_views([homework]))[0]


async def _tell_students(tx: Tx, homework: Homework, lesson: LessonView, *, new: bool) -> None:
    due = format_when(homework.due_at, lesson.timezone) if homework.due_at else ""
    if new:
        message = (
            N_("New homework in {group}, due {due}:\n{text}")
            if due
            else N_("New homework in {group}:\n{text}")
        )
    else:
        message = (
            N_("Homework in {group} has changed, due {due}:\n{text}")
            if due
            else N_("Homework in {group} has changed:\n{text}")
        )
    for student_id in await students_of(lesson.group_id):
        await do_enqueue(
            tx,
            person_id=student_id,
            message=message,
            params={"group": lesson.group_name, "due": due, "text": homework.text},
            organisation_id=lesson.organisation_id,
            dedupe_key=f"homework:{homework.id}:new:{student_id}" if new else None,
        )


async def remove_homework_file(deps: Deps, actor: Actor, *, file_id: int) -> HomeworkView:
    """Detach one of the teacher's files from a homework.

    Raises:
        NotFound: no such homework file here.
        PermissionDenied: the actor may not set homework in its lesson.
    """
    check_id(file_id)
    row = await HomeworkFile.get_or_none(id=file_id, submission_id__isnull=True).prefetch_related(
        "homework"
    )
    if row is None or row.homework.organisation_id != actor.organisation_id:  # type: ignore[attr-defined]
        raise NotFound(N_("This file does not exist or is not open to you."))
    lesson = await Lesson.get(id=row.homework.lesson_id)  # type: ignore[attr-defined]
    await require_teaching(actor, lesson, Permission.HOMEWORK_MANAGE)
    async with transaction(deps) as tx:
        await row.delete()
        await do_record(
            tx,
            actor,
            action="homework.file_remove",
            object_type="homework",
            object_id=row.homework.id,
            before={"file": row.filename, "storage_key": row.storage_key},
        )
    return (await _homework_views([row.homework]))[0]


# --- handing in ----------------------------------------------------------------------------


async def hand_in(
    deps: Deps,
    actor: Actor,
    *,
    homework_id: int,
    text: str = "",
    uploads: Sequence[Upload] = (),
) -> StudentHomework:
    """Hand in (or again) the actor's answer: text and/or files.

    New text replaces the earlier text; files are added. After the due time the answer is
    still taken and shown as late. A returned answer may be handed in again; a reviewed one
    may not.

    Raises:
        NotFound: no such homework, or the actor is not a current student of its group.
        Conflict: the answer is reviewed already.
        InvalidInput: neither text nor files, too long a text, too many files, or a file
            empty, too large or of a forbidden type (nothing stored).
    """
    if actor.person_id is None:
        raise NotFound()
    homework = await _homework_here(actor, homework_id)
    if not await _is_current_student(homework.group_id, actor.person_id):  # type: ignore[attr-defined]
        raise NotFound(N_("This homework does not exist or is not open to you."))
    text = _clean_text(text, field="text", required=False)
    if not text and not uploads:
        raise InvalidInput(N_("Write your answer or attach a file."), field="text")
    existing = await Submission.get_or_none(homework_id=homework.id, student_id=actor.person_id)
    if existing is not None and existing.status == SubmissionStatus.REVIEWED:
        raise Conflict(N_("Your answer is reviewed already: it cannot be handed in again."))
    already = await HomeworkFile.filter(submission_id=existing.id).count() if existing else 0
    _check_count(already, len(uploads))
    stored = await _store_uploads(deps, uploads)
    async with transaction(deps) as tx:
        # Locking the homework row makes a second tap wait, then find the first one's answer
        # (locking the answer alone cannot: before the first tap there is none to lock).
        _ = await Homework.select_for_update(no_key=True).get(id=homework.id)
        submission = await Submission.select_for_update().get_or_none(
            homework_id=homework.id, student_id=actor.person_id
        )
        if submission is not None and submission.status == SubmissionStatus.REVIEWED:
            raise Conflict(N_("Your answer is reviewed already: it cannot be handed in again."))
        if submission is not None:
            _check_count(
                await HomeworkFile.filter(submission_id=submission.id).count(), len(stored)
            )
        if submission is None:
            submission = await Submission.create(
                homework_id=homework.id,
                student_id=actor.person_id,
                text=text,
                status=SubmissionStatus.SUBMITTED,
                submitted_at=tx.now,
            )
        else:
            submission.text = text or submission.text
            submission.status = SubmissionStatus.SUBMITTED
            submission.submitted_at = tx.now
            await submission.save(update_fields=["text", "status", "submitted_at"])
        await _add_files(tx, actor, homework, submission, stored)
    return await student_homework(deps, actor, homework_id=homework.id)


# --- reviewing -----------------------------------------------------------------------------


async def _taught_homework(actor: Actor, homework: Homework) -> Lesson:
    lesson = await Lesson.get(id=homework.lesson_id)  # type: ignore[attr-defined]
    if not await may_see_lesson(actor, lesson):
        raise NotFound(N_("This homework does not exist or is not open to you."))
    await require_teaching(actor, lesson, Permission.HOMEWORK_MANAGE)
    return lesson


async def homework_card(actor: Actor, *, homework_id: int) -> HomeworkCard:
    """Homework with each student's answer: the group's current students (handed in or
    missing) and anyone else who handed in.

    Raises:
        NotFound: no such homework here.
        PermissionDenied: the actor may not review homework of this lesson.
    """
    homework = await _homework_here(actor, homework_id)
    lesson = await _taught_homework(actor, homework)
    (view,) = await _homework_views([homework])
    answers = await _submission_views(
        await Submission.filter(homework_id=homework.id), {homework.id: homework}
    )
    by_student = {s.student_id: s for s in answers}
    students = set(await students_of(homework.group_id)) | set(by_student)  # type: ignore[attr-defined]
    names = await person_names(students)
    rows = sorted(
        (SubmissionRow(sid, names.get(sid, ""), by_student.get(sid)) for sid in students),
        key=lambda row: (row.student_name, row.student_id),
    )
    settings = await lesson_settings(actor.organisation_id)
    can_grade = await may_teach(actor, lesson, Permission.GRADES_MANAGE)
    return HomeworkCard(
        homework=view,
        rows=tuple(rows),
        scale=settings.grade_scale,
        grade_choices=grade_choices(settings.grade_scale),
        can_grade=can_grade,
    )


async def waiting_for_review(actor: Actor) -> list[Waiting]:
    """Answers handed in and not reviewed yet in the lessons the actor teaches (every
    lesson here with ``teaching.any``), oldest first.

    Raises:
        PermissionDenied: the actor may not review homework.
    """
    if not await has_permission(actor, Permission.HOMEWORK_MANAGE):
        raise PermissionDenied(permission=Permission.HOMEWORK_MANAGE.value)
    answers_query = Submission.filter(
        homework__organisation_id=actor.organisation_id, status=SubmissionStatus.SUBMITTED
    )
    if not (actor.is_system or await has_permission(actor, Permission.TEACHING_ANY)):
        groups = await GroupTeacher.filter(teacher_id=actor.person_id).values_list(
            "group_id", flat=True
        )
        answers_query = answers_query.filter(
            Q(homework__lesson__teacher_id=actor.person_id)
            | Q(homework__group_id__in=list(groups))
        )
    answers = await answers_query.order_by("submitted_at", "id").limit(LIST_LIMIT)
    by_id = {
        h.id: h
        for h in await Homework.filter(id__in={a.homework_id for a in answers})  # type: ignore[attr-defined]
    }
    submissions = await _submission_views(answers, by_id)
    views = {v.id: v for v in await _homework_views([by_id[s.homework_id] for s in submissions])}
    return [Waiting(views[s.homework_id], s) for s in submissions]


async def access_submission(actor: Actor, *, submission_id: int) -> AnswerToReview:
    """One answer with its homework and the grades its reviewer may give.

    Raises:
        NotFound: no such answer here.
        PermissionDenied: the actor may not review homework of this lesson.
    """
    check_id(submission_id)
    row = await Submission.get_or_none(id=submission_id).prefetch_related("homework")
    if row is None or row.homework.organisation_id != actor.organisation_id:  # type: ignore[attr-defined]
        raise NotFound(N_("This homework does not exist or is not open to you."))
    lesson = await _taught_homework(actor, row.homework)
    (view,) = await _homework_views([row.homework])
    (answer,) = await _submission_views([row], {row.homework.id: row.homework})
    settings = await lesson_settings(actor.organisation_id)
    return AnswerToReview(
        homework=view,
        submission=answer,
        grade_choices=grade_choices(settings.grade_scale),
        can_grade=await may_teach(actor, lesson, Permission.GRADES_MANAGE),
    )


async def review_submission(
    deps: Deps,
    actor: Actor,
    *,
    submission_id: int,
    comment: str = "",
    grade: str = "",
    return_for_rework: bool = False,
) -> SubmissionView:
    """Review an answer: a comment and optionally a grade, or return it for rework.

    A grade becomes a ``Grade`` of kind homework for the review's local day; reviewing
    again corrects it. A return needs a comment saying what to redo and takes no grade; only
    an answer waiting for review can be returned. The student is told either way.

    Raises:
        NotFound: no such answer here.
        PermissionDenied: the actor may not review homework of this lesson (or, with a
            grade, may not grade).
        InvalidInput: a grade not on the scale, a grade with a return, a return without a
            comment, or too long a comment.
        Conflict: returning an answer that is not waiting for review.
    """
    waiting = await access_submission(actor, submission_id=submission_id)
    homework = await Homework.get(id=waiting.homework.id)
    lesson = await Lesson.get(id=homework.lesson_id)  # type: ignore[attr-defined]
    comment = clean_comment(comment, limit=COMMENT_MAX)
    grade = grade.strip()
    settings = await lesson_settings(actor.organisation_id)
    parsed: tuple[str, int] | None = None
    if return_for_rework:
        if grade:
            raise InvalidInput(
                N_("An answer returned for rework gets no grade yet."), field="grade"
            )
        if not comment:
            raise InvalidInput(N_("Say in the comment what to rework."), field="comment")
    elif grade:
        await require_teaching(actor, lesson, Permission.GRADES_MANAGE)
        parsed = parse_grade(settings.grade_scale, grade)
    group_name = waiting.homework.group_name
    async with transaction(deps) as tx:
        row = await Submission.select_for_update().get(id=submission_id)
        before = {"status": row.status.value, "comment": row.comment, "grade_id": row.grade_id}
        if return_for_rework:
            if row.status != SubmissionStatus.SUBMITTED:
                raise Conflict(N_("Only an answer waiting for review can be returned."))
            row.status = SubmissionStatus.RETURNED
        else:
            row.status = SubmissionStatus.REVIEWED
            if parsed is not None:
                row.grade_id = await _grade_answer(
                    tx,
                    actor,
                    answer=row,
                    homework=homework,
                    parsed=parsed,
                    scale=settings.grade_scale,
                )
        row.comment, row.reviewed_at, row.reviewed_by_id = comment, tx.now, actor.person_id
        await row.save(
            update_fields=["status", "comment", "reviewed_at", "reviewed_by_id", "grade_id"]
        )
        await do_record(
            tx,
            actor,
            action="submission.return" if return_for_rework else "submission.review",
            object_type="submission",
            object_id=row.id,
            before=before,
            after={"status": row.status.value, "comment": comment, "grade_id": row.grade_id},
        )
        await _tell_reviewed(tx, row, group_name, parsed[0] if parsed else "", lesson)
    return (await _submission_views([row], {homework.id: homework}))[0]


async def _grade_answer(
    tx: Tx,
    actor: Actor,
    *,
    answer: Submission,
    homework: Homework,
    parsed: tuple[str, int],
    scale: GradeScale,
) -> int:
    """The grade of a reviewed answer: its earlier grade corrected, or a new one."""
    value, score = parsed
    if answer.grade_id is not None:
        grade = await Grade.select_for_update().get_or_none(id=answer.grade_id)
        if grade is not None:
            value, score = parse_grade(GradeScale(grade.scale), value)
            await do_correct_grade(
                tx, actor, grade=grade, value=value, score=score, comment=grade.comment
            )
            return grade.id
    group = await homework.group
    zone = await organisation_zone(homework.organisation_id)  # type: ignore[attr-defined]
    grade = await do_give_grade(
        tx,
        actor,
        group=group,
        student_id=answer.student_id,  # type: ignore[attr-defined]
        kind=GradeKind.HOMEWORK,
        scale=scale,
        value=value,
        score=score,
        given_on=local_today(tx.now, zone),
        lesson_id=homework.lesson_id,  # type: ignore[attr-defined]
        tell_student=False,
    )
    return grade.id


async def _tell_reviewed(
    tx: Tx, row: Submission, group_name: str, grade: str, lesson: Lesson
) -> None:
    params: dict[str, object] = {"group": group_name, "comment": row.comment}
    if row.status == SubmissionStatus.RETURNED:
        message = N_("Your homework in {group} was returned for rework:\n{comment}")
    elif grade:
        params["grade"] = notice_value(grade)
        message = (
            N_("Your homework in {group} is reviewed. Grade: {grade}.\n{comment}")
            if row.comment
            else N_("Your homework in {group} is reviewed. Grade: {grade}.")
        )
    else:
        message = (
            N_("Your homework in {group} is reviewed.\n{comment}")
            if row.comment
            else N_("Your homework in {group} is reviewed.")
        )
    await do_enqueue(
        tx,
        person_id=row.student_id,  # type: ignore[attr-defined]
        message=message,
        params=params,
        organisation_id=lesson.organisation_id,  # type: ignore[attr-defined]
    )
