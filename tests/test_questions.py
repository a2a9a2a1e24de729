"""The question bank (issue 7): writing, finding, editing, archiving questions and their
pictures, who may do what, attempts keeping the question as it was drawn, and published
tests keeping the questions they need."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from PIL import Image

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.audit import AuditRecord
from core.models.testing import AttemptAnswer, Question
from core.services.academics import CourseData, create_course
from core.services.questions import (
    ImageUpload,
    QuestionData,
    QuestionFilter,
    QuestionKind,
    TopicCount,
    access_question,
    archive_question,
    create_question,
    list_questions,
    list_topics,
    question_image,
    restore_question,
    update_question,
)
from core.services.testing import archive_test, current_question, start_attempt
from tests.factories import make_organisation
from tests.lesson_factories import LessonCentre, make_lesson_centre
from tests.testing_factories import FRACTIONS, make_published_test, make_test_centre

K = QuestionKind


def single(text: str, *, topic: str = "", course_id: int | None = None) -> QuestionData:
    return QuestionData(
        kind=K.SINGLE,
        text={"ru": text},
        body={
            "options": [{"text": {"ru": "да"}, "correct": True}, {"text": {"ru": "нет"}}],
        },
        course_id=course_id,
        topic=topic,
    )


def png(width: int, height: int, colour: str = "red", fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format=fmt)
    return out.getvalue()


async def found(actor: Actor, **filters: Any) -> list[str]:
    page = await list_questions(actor, filters=QuestionFilter(**filters))
    return [row.text.get("ru", "") for row in page.rows]


async def check_finding(admin: Actor, teacher: Actor, physics_id: int) -> None:
    assert await found(admin, course_id=physics_id) == ["Ёлка — это ель?"]
    assert await found(admin, kind=K.SHORT) == ["Столица Казахстана?"]
    assert await found(admin, topic="Дроби", query="вопрос 2") == ["Вопрос 2"]
    # Words match in any case, ё as е, in any language of the text.
    assert await found(admin, query="ЕЛКА") == ["Ёлка — это ель?"]
    assert await found(admin, query="астанасы") == ["Столица Казахстана?"]
    assert await found(admin, query="астанасы вопрос") == []
    assert await list_topics(teacher) == [
        TopicCount("География РК", 1),
        TopicCount("Дроби", 4),
    ]
    assert await list_topics(teacher, course_id=physics_id) == [TopicCount("Дроби", 1)]


async def check_out_of_reach(deps: Deps, centre: LessonCentre, question_id: int) -> None:
    """Another organisation's people, and students and parents, never reach the bank."""
    other = await make_organisation(deps, name="Басқа орталық")
    with pytest.raises(NotFound):
        await access_question(other, question_id)
    assert (await list_questions(other, filters=QuestionFilter())).total == 0
    with pytest.raises(PermissionDenied):
        await list_questions(centre.students[0], filters=QuestionFilter())
    with pytest.raises(PermissionDenied):
        await create_question(deps, centre.parent, data=single("?"))


async def test_the_bank_is_the_organisations_and_edited_by_authors(deps: Deps):
    centre = await make_lesson_centre(deps)
    teacher, colleague, admin = centre.teacher, centre.substitute, centre.admin
    physics = await create_course(deps, admin, data=CourseData(name_ru="Физика"))

    first = await create_question(
        deps,
        teacher,
        data=QuestionData(
            kind=K.SHORT,
            text={"kk": "Қазақстанның астанасы?", "ru": "Столица Казахстана?"},
            body={"accepted": ["Астана", "Astana"]},
            points=2,
            course_id=centre.course_id,
            topic="  География   РК ",
        ),
    )
    assert (first.topic, first.points, first.author_name, first.can_edit) == (
        "География РК",
        2,
        "Ахметов Ерлан",
        True,
    )
    assert first.course is not None and first.course.name("en") == "Algebra"
    for number in range(1, 4):
        await create_question(deps, teacher, data=single(f"Вопрос {number}", topic="Дроби"))
    await create_question(
        deps, colleague, data=single("Ёлка — это ель?", topic="Дроби", course_id=physics.id)
    )

    # Everyone with questions.manage sees the whole bank, newest first, a page at a time.
    page = await list_questions(colleague, filters=QuestionFilter(), page=1, page_size=2)
    assert (page.total, page.pages) == (5, 3)
    assert [row.text["ru"] for row in page.rows] == ["Ёлка — это ель?", "Вопрос 3"]
    assert [row.can_edit for row in page.rows] == [True, False]
    page = await list_questions(colleague, filters=QuestionFilter(), page=3, page_size=2)
    assert [row.id for row in page.rows] == [first.id]

    await check_finding(admin, teacher, physics.id)

    # A colleague may read but not change a teacher's question; the admin (teaching.any) may.
    colleague_view = await access_question(colleague, first.id)
    assert not colleague_view.can_edit
    with pytest.raises(PermissionDenied, match="Only the author"):
        await update_question(deps, colleague, question_id=first.id, data=single("Чужой"))
    with pytest.raises(PermissionDenied):
        await archive_question(deps, colleague, question_id=first.id)
    edited = await update_question(
        deps,
        admin,
        question_id=first.id,
        data=QuestionData(
            kind=K.SHORT,
            text={"ru": "Столица Казахстана?"},
            body={"accepted": ["Астана"]},
            points=2,
            course_id=centre.course_id,
            topic="География РК",
        ),
    )
    assert (edited.text, edited.body) == ({"ru": "Столица Казахстана?"}, {"accepted": ["Астана"]})
    update = await AuditRecord.get(action="question.update", object_id=str(first.id))
    assert update.before == {
        "text": {"kk": "Қазақстанның астанасы?", "ru": "Столица Казахстана?"},
        "body": {"accepted": ["Астана", "Astana"]},
    }

    # A bad edit says what to fix and changes nothing.
    with pytest.raises(InvalidInput, match="Mark the correct option"):
        await update_question(
            deps,
            teacher,
            question_id=first.id,
            data=QuestionData(K.SINGLE, {"ru": "?"}, {"options": [{"text": "a"}, {"text": "b"}]}),
        )
    with pytest.raises(InvalidInput, match="no such course"):
        await update_question(
            deps, teacher, question_id=first.id, data=single("?", course_id=10**6)
        )
    with pytest.raises(InvalidInput, match="at most 100 characters"):
        await create_question(deps, teacher, data=single("?", topic="т" * 101))
    assert (await access_question(teacher, first.id)).body == {"accepted": ["Астана"]}

    # Archived questions leave the list and the topics, and come back.
    await archive_question(deps, teacher, question_id=first.id)
    assert await found(admin, kind=K.SHORT) == []
    assert await found(admin, kind=K.SHORT, archived=True) == ["Столица Казахстана?"]
    assert [topic.topic for topic in await list_topics(teacher)] == ["Дроби"]
    restored = await restore_question(deps, teacher, question_id=first.id)
    assert restored.archived_at is None
    actions = (
        await AuditRecord.filter(object_type="question", object_id=str(first.id))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert list(actions) == [
        "question.create",
        "question.update",
        "question.archive",
        "question.restore",
    ]

    await check_out_of_reach(deps, centre, first.id)


async def test_a_picture_is_redrawn_as_png_and_bad_files_are_refused(deps: Deps):
    centre = await make_lesson_centre(deps)
    teacher = centre.teacher
    photo = ImageUpload("схема.jpg", png(3200, 1000, fmt="JPEG"))
    question = await create_question(deps, teacher, data=single("Что на схеме?"), image=photo)
    assert question.has_image
    image = await question_image(deps, centre.admin, question_id=question.id)
    assert image is not None and image.content_type == "image/png"
    with Image.open(image.path) as stored:
        # Scaled down to fit, never cropped: the proportions stay.
        assert (stored.format, stored.size) == ("PNG", (1600, 500))

    for upload, message in (
        (ImageUpload("a.gif", b"GIF89a" + b"\0" * 100), "must be a JPG or PNG"),
        (ImageUpload("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100), "must be a JPG or PNG"),
        (ImageUpload("a.txt", b"not a picture"), "must be a JPG or PNG"),
        (ImageUpload("big.png", b"\0" * (deps.settings.max_upload_bytes + 1)), "too large"),
    ):
        with pytest.raises(InvalidInput, match=message) as caught:
            await update_question(
                deps, teacher, question_id=question.id, data=single("?"), image=upload
            )
        assert caught.value.field == "image"
    # A decompression bomb: a tiny file that claims a gigantic picture.
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, format="PNG")
    with pytest.raises(InvalidInput, match="must be a JPG or PNG"):
        await update_question(
            deps,
            teacher,
            question_id=question.id,
            data=single("?"),
            image=ImageUpload("bomb.png", bomb.getvalue()),
        )
    assert (await access_question(teacher, question.id)).text == {"ru": "Что на схеме?"}

    removed = await update_question(
        deps, teacher, question_id=question.id, data=single("Что на схеме?"), remove_image=True
    )
    assert not removed.has_image
    assert await question_image(deps, teacher, question_id=question.id) is None
    other = await make_organisation(deps, name="Басқа орталық")
    with pytest.raises(NotFound):
        await question_image(deps, other, question_id=question.id)


async def test_editing_a_question_leaves_attempts_as_they_were_drawn(deps: Deps):
    tc = await make_test_centre(deps)
    teacher, aigerim = tc.centre.teacher, tc.centre.students[0]
    # The random line draws all four fractions: the test needs every one of them.
    test_id = await make_published_test(
        deps, tc, questions=("single",), random_topic=FRACTIONS, count=4
    )
    state = await start_attempt(deps, aigerim, test_id=test_id, rng=random.Random(1))
    assert state.question is not None
    before = state.question.text

    question_id = tc.questions["single"]
    await update_question(
        deps,
        teacher,
        question_id=question_id,
        data=QuestionData(
            kind=K.SINGLE,
            text={"ru": "Чему равен x, если 3x = 6?"},
            body={"options": [{"text": "2", "correct": True}, {"text": "3"}]},
            course_id=tc.centre.course_id,
            topic="Уравнения",
        ),
    )
    # A published test that has not closed keeps its questions: the refusal names it.
    with pytest.raises(Conflict, match="the published tests “Контрольная: уравнения” draw it"):
        await archive_question(deps, teacher, question_id=question_id)
    matching = await access_question(teacher, tc.questions["matching"])
    with pytest.raises(Conflict) as refused:
        await archive_question(deps, teacher, question_id=matching.id)
    assert refused.value.params == {"topic": FRACTIONS, "tests": "“Контрольная: уравнения”"}
    moved = QuestionData(
        kind=matching.kind,
        text=matching.text,
        body=matching.body,
        course_id=matching.course_id,
        topic="Проценты",
    )
    with pytest.raises(Conflict, match="topic or course cannot change"):
        await update_question(deps, teacher, question_id=matching.id, data=moved)
    assert (await access_question(teacher, matching.id)).topic == FRACTIONS
    # A test that cannot be taken any more needs nothing.
    await archive_test(deps, teacher, test_id=test_id)
    await update_question(deps, teacher, question_id=matching.id, data=moved)
    await archive_question(deps, teacher, question_id=question_id)

    again = await current_question(deps, aigerim, attempt_id=state.attempt_id)
    assert again.question is not None and again.question.text == before
    snapshot = await AttemptAnswer.get(
        attempt_id=state.attempt_id, question_id=question_id
    ).values_list("snapshot", flat=True)
    assert [o["text"] for o in snapshot["body"]["options"]] == [  # type: ignore[index]
        {"ru": "3"},
        {"ru": "4"},
        {"ru": "12"},
    ]
    assert (await Question.get(id=question_id)).text == {"ru": "Чему равен x, если 3x = 6?"}
