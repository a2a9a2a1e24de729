"""The question bank: an organisation's questions, tagged by course and topic.

- **Who**: everyone with ``questions.manage`` (teachers, heads, managers, admins) sees and
  searches the organisation's whole bank and writes new questions. A question is changed,
  archived or restored by its author, or by someone with ``teaching.any``.
- **What** a question is — its kinds, texts in kk/ru/en, bodies and scoring — is
  ``core/question_kinds.py``; every write goes through its ``check_question``.
- **Editing** a question changes the bank only: an attempt copies each question it draws
  (``AttemptAnswer.snapshot``), so attempts already made keep the question as it was.
  Archiving hides a question from new tests and from the list (unless asked for); nothing is
  deleted, since attempts refer to it. A question a published test still to be taken needs
  (a fixed line, or one a random line cannot spare) is not archived nor moved to another
  topic or course: the refusal names the tests (``testing.check_bank_change``).
- **Listing** filters by course, topic, kind and words of the text, newest first, a page at a
  time. Words are matched in Python over the organisation's texts (case-folded, ё as е, like
  answers), because the text is a JSON dict of languages that neither SQLite's ``LIKE`` (which
  folds only ASCII) nor a portable SQL expression searches well; 5,000 questions are one
  narrow query.
- **Pictures** are decoded with Pillow's decompression-bomb guard and re-encoded as PNG (at
  most ``IMAGE_MAX_SIDE`` pixels a side, the proportions kept: a diagram must not be
  cropped), then stored content-addressed with ``core.attachments.store``; only the
  re-encoded pixels are ever served.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from core import attachments as files
from core.actor import Actor
from core.deps import Deps
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.i18n import N_
from core.images import bounded_png
from core.models.academics import Course
from core.models.testing import Question
from core.models.testing import QuestionKind as QuestionKind  # noqa: PLC0414 - for adapters
from core.permissions import Permission, has_permission, require
from core.question_kinds import KIND_LABELS as KIND_LABELS  # noqa: PLC0414 - for adapters
from core.question_kinds import Loc, check_question, normalise
from core.services.academics import CourseView
from core.services.audit import do_record, jsonable
from core.services.lessons import check_id, person_names
from core.services.testing import check_bank_change
from core.tx import Tx, transaction

TOPIC_MAX = 100
QUERY_MAX = 200
PAGE_SIZE = 50
PAGE_SIZE_MAX = 200
#: The most questions one read of the bank returns (an export, a builder's choice).
SELECT_MAX = 10_000
#: A question's picture is scaled down to fit this many pixels a side.
IMAGE_MAX_SIDE = 1600
IMAGE_CONTENT_TYPE = "image/png"

_NOT_FOUND = N_("This question does not exist or is not open to you.")
_AUDITED = ("kind", "text", "body", "points", "course_id", "topic", "image_key")


@dataclass(frozen=True)
class QuestionData:
    """A question as a form or an import gives it; checked by ``check_question``."""

    kind: QuestionKind
    text: Mapping[str, str]
    body: Mapping[str, Any]
    points: int = 1
    course_id: int | None = None
    topic: str = ""


@dataclass(frozen=True)
class ImageUpload:
    """A picture as an adapter received it."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class QuestionFilter:
    """What the list shows: ``topic`` is matched exactly, ``query`` word by word."""

    course_id: int | None = None
    topic: str = ""
    kind: QuestionKind | None = None
    query: str = ""
    archived: bool = False


@dataclass(frozen=True)
class QuestionView:
    id: int
    kind: QuestionKind
    text: Loc
    body: dict[str, Any]
    points: int
    course_id: int | None
    course: CourseView | None
    topic: str
    has_image: bool
    author_id: int | None
    author_name: str
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime
    #: The actor may change, archive and restore it (author or ``teaching.any``).
    can_edit: bool

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class QuestionPage:
    rows: tuple[QuestionView, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class TopicCount:
    """A topic of the bank and how many live questions it has."""

    topic: str
    count: int


@dataclass(frozen=True)
class QuestionImage:
    """A question's picture to serve: always a PNG we drew ourselves."""

    path: str
    content_type: str


# --- helpers --------------------------------------------------------------------------------


def clean_topic(topic: str, *, field: str = "topic") -> str:
    """A topic as stored: spaces collapsed, at most ``TOPIC_MAX`` characters.

    Raises:
        InvalidInput: the topic is longer.
    """
    cleaned = " ".join(topic.split())
    if len(cleaned) > TOPIC_MAX:
        raise InvalidInput(
            N_("A topic may be at most {limit} characters long."), field=field, limit=TOPIC_MAX
        )
    return cleaned


async def check_course(actor: Actor, course_id: int | None, *, field: str = "course") -> None:
    """Refuse a course that is not the actor's organisation's (None: no course).

    Raises:
        InvalidInput: no such course here.
    """
    if course_id is None:
        return
    if not 0 < course_id <= 2**31 - 1 or not await Course.exists(
        id=course_id, organisation_id=actor.organisation_id
    ):
        raise InvalidInput(N_("There is no such course."), field=field)


def question_filter(
    *, course: str = "", topic: str = "", kind: str = "", query: str = "", archived: bool = False
) -> QuestionFilter:
    """The filter an address's query describes; unknown values mean "any"."""
    course = course.strip()
    try:
        chosen_kind = QuestionKind(kind) if kind else None
    except ValueError:
        chosen_kind = None
    return QuestionFilter(
        course_id=int(course) if course.isdecimal() and len(course) <= 10 else None,
        topic=" ".join(topic.split())[:TOPIC_MAX],
        kind=chosen_kind,
        query=query.strip()[:QUERY_MAX],
        archived=archived,
    )


def _words(query: str) -> list[str]:
    return normalise(query[:QUERY_MAX]).split()


def _matches(text: Mapping[str, str], words: list[str]) -> bool:
    haystack = normalise(" ".join(str(value) for value in text.values()))
    return all(word in haystack for word in words)


def _course_view(course: Course) -> CourseView:
    return CourseView(
        id=course.id,
        name_kk=course.name_kk,
        name_ru=course.name_ru,
        name_en=course.name_en,
        subject=course.subject,
        level=course.level,
    )


async def _courses(organisation_id: int) -> dict[int, CourseView]:
    return {
        course.id: _course_view(course)
        for course in await Course.filter(organisation_id=organisation_id).order_by(
            "name_ru", "id"
        )
    }


async def _edits_any(actor: Actor) -> bool:
    return actor.is_system or await has_permission(actor, Permission.TEACHING_ANY)


async def _views(
    actor: Actor, questions: Iterable[Question], *, edits_any: bool | None = None
) -> list[QuestionView]:
    questions = list(questions)
    if not questions:
        return []
    if edits_any is None:
        edits_any = await _edits_any(actor)
    courses = await _courses(actor.organisation_id)
    authors = await person_names(
        q.author_id  # type: ignore[attr-defined]
        for q in questions
        if q.author_id is not None  # type: ignore[attr-defined]
    )
    views = []
    for question in questions:
        author_id: int | None = question.author_id  # type: ignore[attr-defined]
        course_id: int | None = question.course_id  # type: ignore[attr-defined]
        views.append(
            QuestionView(
                id=question.id,
                kind=QuestionKind(question.kind),
                text=dict(question.text),
                body=dict(question.body),
                points=question.points,
                course_id=course_id,
                course=courses.get(course_id) if course_id is not None else None,
                topic=question.topic,
                has_image=bool(question.image_key),
                author_id=author_id,
                author_name=authors.get(author_id, "") if author_id is not None else "",
                archived_at=question.archived_at,
                created_at=question.created_at,
                updated_at=question.updated_at,
                can_edit=edits_any
                or (actor.person_id is not None and author_id == actor.person_id),
            )
        )
    return views


def _filtered(actor: Actor, filters: QuestionFilter) -> QuerySet[Question]:
    query = Question.filter(
        organisation_id=actor.organisation_id, archived_at__isnull=not filters.archived
    )
    if filters.course_id is not None:
        query = query.filter(course_id=filters.course_id)
    if filters.topic:
        query = query.filter(topic=filters.topic)
    if filters.kind is not None:
        query = query.filter(kind=filters.kind)
    return query


async def _matching_ids(actor: Actor, filters: QuestionFilter, words: list[str]) -> list[int]:
    """Ids of the filtered questions whose text has every word, newest first."""
    rows = await _filtered(actor, filters).order_by("-id").values_list("id", "text")
    return [int(row[0]) for row in rows if isinstance(row[1], dict) and _matches(row[1], words)]


# --- reading ---------------------------------------------------------------------------------


async def list_questions(
    actor: Actor, *, filters: QuestionFilter, page: int = 1, page_size: int = PAGE_SIZE
) -> QuestionPage:
    """One page of the organisation's bank, newest first, filtered.

    Raises:
        PermissionDenied: the actor may not manage questions.
    """
    await require(actor, Permission.QUESTIONS_MANAGE)
    page = max(1, page)
    page_size = min(max(1, page_size), PAGE_SIZE_MAX)
    words = _words(filters.query)
    if words:
        ids = await _matching_ids(actor, filters, words)
        total = len(ids)
        chosen = ids[(page - 1) * page_size : page * page_size]
        by_id = {q.id: q for q in await Question.filter(id__in=chosen)}
        questions = [by_id[i] for i in chosen if i in by_id]
    else:
        query = _filtered(actor, filters)
        total = await query.count()
        questions = await query.order_by("-id").offset((page - 1) * page_size).limit(page_size)
    return QuestionPage(
        rows=tuple(await _views(actor, questions)), total=total, page=page, page_size=page_size
    )


async def filtered_questions(
    actor: Actor, *, filters: QuestionFilter, limit: int = SELECT_MAX
) -> list[QuestionView]:
    """Every question the list shows with ``filters`` (all pages, oldest first), up to
    ``limit`` — what an export writes.

    Raises:
        PermissionDenied: the actor may not manage questions.
    """
    await require(actor, Permission.QUESTIONS_MANAGE)
    words = _words(filters.query)
    if words:
        ids = list(reversed(await _matching_ids(actor, filters, words)))[:limit]
        by_id: dict[int, Question] = {}
        for start in range(0, len(ids), 500):
            for question in await Question.filter(id__in=ids[start : start + 500]):
                by_id[question.id] = question
        questions = [by_id[i] for i in ids if i in by_id]
    else:
        questions = await _filtered(actor, filters).order_by("id").limit(limit)
    return await _views(actor, questions)


async def _question_here(actor: Actor, question_id: int) -> Question:
    check_id(question_id)
    question = await Question.get_or_none(id=question_id, organisation_id=actor.organisation_id)
    if question is None:
        raise NotFound(_NOT_FOUND)
    return question


async def access_question(actor: Actor, question_id: int) -> QuestionView:
    """A question of the actor's organisation's bank.

    Raises:
        PermissionDenied: the actor may not manage questions.
        NotFound: no such question here (another organisation's too).
    """
    await require(actor, Permission.QUESTIONS_MANAGE)
    (view,) = await _views(actor, [await _question_here(actor, question_id)])
    return view


async def list_topics(actor: Actor, *, course_id: int | None = None) -> list[TopicCount]:
    """The topics of the bank's live questions (of ``course_id`` when given) with their
    counts, alphabetically; questions without a topic are not a topic.

    Raises:
        PermissionDenied: the actor may not manage questions or build tests.
    """
    if not await has_permission(actor, Permission.TESTS_MANAGE):
        await require(actor, Permission.QUESTIONS_MANAGE)
    query = Question.filter(
        organisation_id=actor.organisation_id, archived_at__isnull=True
    ).exclude(topic="")
    if course_id is not None:
        query = query.filter(course_id=course_id)
    rows = await query.group_by("topic").annotate(n=Count("id")).values("topic", "n")
    return sorted(
        (TopicCount(topic=row["topic"], count=int(row["n"])) for row in rows),
        key=lambda item: (normalise(item.topic), item.topic),
    )


async def bank_courses(actor: Actor) -> list[CourseView]:
    """The organisation's courses a question may be tagged with.

    Raises:
        PermissionDenied: the actor may not manage questions.
    """
    await require(actor, Permission.QUESTIONS_MANAGE)
    return list((await _courses(actor.organisation_id)).values())


async def question_image(deps: Deps, actor: Actor, *, question_id: int) -> QuestionImage | None:
    """The question's picture (a PNG); None when it has none.

    Raises:
        PermissionDenied: the actor may not manage questions.
        NotFound: no such question here, or its file is missing.
    """
    await require(actor, Permission.QUESTIONS_MANAGE)
    question = await _question_here(actor, question_id)
    if not question.image_key:
        return None
    path = files.open_path(deps.settings, question.image_key)
    return QuestionImage(path=str(path), content_type=IMAGE_CONTENT_TYPE)


# --- pictures --------------------------------------------------------------------------------


async def _store_picture(deps: Deps, image: ImageUpload) -> str:
    png = await asyncio.to_thread(
        bounded_png,
        image.data,
        side=IMAGE_MAX_SIDE,
        max_bytes=deps.settings.max_upload_bytes,
        field="image",
    )
    return await asyncio.to_thread(files.store, deps.settings, png)


# --- writing ---------------------------------------------------------------------------------


async def do_create_question(
    tx: Tx,
    actor: Actor,
    *,
    kind: QuestionKind,
    text: Mapping[str, Any],
    body: Mapping[str, Any],
    points: int = 1,
    course_id: int | None = None,
    topic: str = "",
    image_key: str = "",
    audit: bool = True,
) -> int:
    """Add a question to the actor's organisation's bank; trusted (no permission check).

    Returns:
        The new question's id.

    Raises:
        InvalidInput: the question is not well formed (``check_question``).
    """
    clean_text, clean_body = check_question(kind, text, body, points)
    question = await Question.create(
        organisation_id=actor.organisation_id,
        author_id=actor.person_id,
        course_id=course_id,
        topic=topic.strip(),
        kind=kind,
        text=clean_text,
        body=clean_body,
        points=points,
        image_key=image_key,
        created_at=tx.now,
        updated_at=tx.now,
    )
    if audit:
        await do_record(
            tx,
            actor,
            action="question.create",
            object_type="question",
            object_id=question.id,
            after={"kind": kind.value, "topic": question.topic, "course_id": course_id},
        )
    return int(question.id)


async def _checked(actor: Actor, data: QuestionData) -> QuestionData:
    topic = clean_topic(data.topic)
    await check_course(actor, data.course_id)
    try:
        kind = QuestionKind(data.kind)
    except ValueError:
        raise InvalidInput(N_("Choose the kind of question."), field="kind") from None
    text, body = check_question(kind, data.text, data.body, data.points)
    return QuestionData(
        kind=kind,
        text=text,
        body=body,
        points=data.points,
        course_id=data.course_id,
        topic=topic,
    )


async def create_question(
    deps: Deps, actor: Actor, *, data: QuestionData, image: ImageUpload | None = None
) -> QuestionView:
    """Write a question into the bank, with an optional picture.

    Raises:
        PermissionDenied: the actor may not manage questions.
        InvalidInput: what to fix — the question (``check_question``), the topic, the course,
            or the picture.
    """
    await require(actor, Permission.QUESTIONS_MANAGE)
    data = await _checked(actor, data)
    image_key = await _store_picture(deps, image) if image is not None else ""
    async with transaction(deps) as tx:
        question_id = await do_create_question(
            tx,
            actor,
            kind=data.kind,
            text=data.text,
            body=data.body,
            points=data.points,
            course_id=data.course_id,
            topic=data.topic,
            image_key=image_key,
        )
    return await access_question(actor, question_id)


async def _editable(actor: Actor, question_id: int) -> Question:
    await require(actor, Permission.QUESTIONS_MANAGE)
    question = await _question_here(actor, question_id)
    own = actor.person_id is not None and question.author_id == actor.person_id  # type: ignore[attr-defined]
    if not own and not await _edits_any(actor):
        raise PermissionDenied(
            N_(
                "Only the author of this question, or someone who may teach any group, "
                "can change it."
            )
        )
    return question


def _audited(question: Question) -> dict[str, Any]:
    return {name: jsonable(getattr(question, name)) for name in _AUDITED}


async def update_question(
    deps: Deps,
    actor: Actor,
    *,
    question_id: int,
    data: QuestionData,
    image: ImageUpload | None = None,
    remove_image: bool = False,
) -> QuestionView:
    """Change a question of the bank (a new picture replaces the old one). Attempts already
    made keep the question as it was drawn.

    Raises:
        PermissionDenied: the actor may not manage questions, or neither wrote it nor holds
            ``teaching.any``.
        NotFound: no such question here.
        InvalidInput: as ``create_question``.
        Conflict: a new topic or course would leave a random line of a published test
            that has not closed too few questions (``testing.check_bank_change``).
    """
    _ = await _editable(actor, question_id)
    data = await _checked(actor, data)
    new_key = await _store_picture(deps, image) if image is not None else None
    async with transaction(deps) as tx:
        question = await Question.select_for_update().get(id=question_id)
        if (data.topic, data.course_id) != (question.topic, question.course_id):  # type: ignore[attr-defined]
            await check_bank_change(
                actor.organisation_id,
                question_id=question.id,
                now=tx.now,
                archived=False,
                topic=data.topic,
                course_id=data.course_id,
            )
        before = _audited(question)
        question.kind = data.kind
        question.text = dict(data.text)
        question.body = dict(data.body)
        question.points = data.points
        question.course_id = data.course_id
        question.topic = data.topic
        if new_key is not None:
            question.image_key = new_key
        elif remove_image:
            question.image_key = ""
        question.updated_at = tx.now
        await question.save()
        after = _audited(question)
        changed = [name for name in _AUDITED if before[name] != after[name]]
        if changed:
            await do_record(
                tx,
                actor,
                action="question.update",
                object_type="question",
                object_id=question.id,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
            )
    return await access_question(actor, question_id)


async def _set_archived(deps: Deps, actor: Actor, question_id: int, *, archived: bool) -> None:
    _ = await _editable(actor, question_id)
    async with transaction(deps) as tx:
        question = await Question.select_for_update().get(id=question_id)
        if (question.archived_at is not None) == archived:
            return
        if archived:
            await check_bank_change(
                actor.organisation_id,
                question_id=question.id,
                now=tx.now,
                archived=True,
                topic=question.topic,
                course_id=question.course_id,  # type: ignore[attr-defined]
            )
        question.archived_at = tx.now if archived else None
        question.updated_at = tx.now
        await question.save(update_fields=["archived_at", "updated_at"])
        await do_record(
            tx,
            actor,
            action="question.archive" if archived else "question.restore",
            object_type="question",
            object_id=question.id,
        )


async def archive_question(deps: Deps, actor: Actor, *, question_id: int) -> QuestionView:
    """Take a question out of the bank's list and of new tests (attempts keep it). Archiving
    an archived question changes nothing.

    Raises:
        PermissionDenied: as ``update_question``.
        NotFound: no such question here.
        Conflict: a published test that has not closed draws it as a fixed line, or one of
            its random lines would have too few questions left (``testing.check_bank_change``).
    """
    await _set_archived(deps, actor, question_id, archived=True)
    return await access_question(actor, question_id)


async def restore_question(deps: Deps, actor: Actor, *, question_id: int) -> QuestionView:
    """Bring an archived question back into the bank.

    Raises:
        PermissionDenied: as ``update_question``.
        NotFound: no such question here.
    """
    await _set_archived(deps, actor, question_id, archived=False)
    return await access_question(actor, question_id)
