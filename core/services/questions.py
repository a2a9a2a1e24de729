"""The question bank.

CONTRACT SKELETON written by the lead: ``do_create_question`` is what tests, imports and the
demo create questions with; the helper who owns this module adds the public use cases and
replaces this paragraph with the module's real docstring.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.actor import Actor
from core.models.testing import Question, QuestionKind
from core.question_kinds import check_question
from core.services.audit import do_record
from core.tx import Tx


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
