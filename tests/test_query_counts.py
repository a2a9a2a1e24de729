"""Hot paths do a fixed number of queries however many rows they show (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from tortoise import connections

from core.models.people import Role
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
    list_groups,
)
from core.services.accounts import create_invitation
from core.services.conversations import list_conversations
from core.services.messages import search_messages, send_message
from core.services.people import PeopleFilter, link_parent, list_people
from core.services.telegram import identity_actor, link_telegram, telegram_identity
from tests.factories import make_group, make_member, make_organisation, make_student

_METHODS = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")


@contextmanager
def counting_queries(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record the SQL the default connection runs (instrumentation; the database is real)."""
    seen: list[str] = []
    client = type(connections.get("default"))
    for name in _METHODS:
        original = getattr(client, name)

        def wrapper(self, query, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(str(query))
            return _original(self, query, *args, **kwargs)

        monkeypatch.setattr(client, name, wrapper)
    yield seen
    monkeypatch.undo()


async def _queries_for_people_list(deps, monkeypatch, students: int) -> int:
    admin = await make_member(deps, await make_organisation(deps), Role.ADMIN)
    for index in range(students):
        await make_student(deps, admin, f"Оқушы{index:02d}", "Әсел")
    with counting_queries(monkeypatch) as seen:
        page = await list_people(admin, filters=PeopleFilter(role=Role.STUDENT), page_size=100)
    assert page.total == students
    return len(seen)


async def test_the_people_list_costs_the_same_for_3_or_30_people(deps, monkeypatch):
    few = await _queries_for_people_list(deps, monkeypatch, 3)
    many = await _queries_for_people_list(deps, monkeypatch, 30)
    assert 0 < few == many


async def test_the_group_list_costs_the_same_for_1_or_6_groups(deps, monkeypatch):
    async def count(groups: int) -> int:
        admin = await make_member(deps, await make_organisation(deps), Role.ADMIN)
        for index in range(groups):
            group_id = await make_group(deps, admin, name=f"Топ {index}")
            await enrol_student(
                deps, admin, group_id=group_id, student_id=await make_student(deps, admin)
            )
        with counting_queries(monkeypatch) as seen:
            rows = await list_groups(admin)
        assert len(rows) == groups
        return len(seen)

    one = await count(1)
    assert 0 < one == await count(6)


async def _queries_for_chat_search(deps, monkeypatch, groups: int) -> int:
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    teacher = await make_member(deps, system, Role.TEACHER)
    course = await create_course(deps, admin, data=CourseData(name_ru="Алгебра"))
    for index in range(groups):
        data = GroupData(
            course_id=course.id, name=f"Топ {index}", capacity=5, teacher_ids=(teacher.person_id,)
        )
        await create_group(deps, admin, data=data)
    for chat in await list_conversations(deps, teacher):
        await send_message(deps, teacher, conversation_id=chat.id, text="Ертеңгі сабақ")
        await send_message(deps, teacher, conversation_id=chat.id, text="Домашнее задание")
    with counting_queries(monkeypatch) as seen:
        hits = await search_messages(deps, teacher, query="сабақ")
    assert len(hits) == groups
    return len(seen)


async def test_chat_search_costs_the_same_in_2_or_12_conversations(deps, monkeypatch):
    few = await _queries_for_chat_search(deps, monkeypatch, 2)
    many = await _queries_for_chat_search(deps, monkeypatch, 12)
    assert 0 < few == many


async def _queries_for_a_telegram_update(deps, monkeypatch, children: int, user_id: int) -> int:
    district = await make_organisation(deps, name="Аудан")
    admin = await make_member(
        deps, await make_organisation(deps, parent_id=district.organisation_id), Role.ADMIN
    )
    parent = await make_member(deps, admin, Role.PARENT)
    for index in range(children):
        child = await make_student(deps, admin, f"Оқушы{index:02d}", "Әсел")
        await link_parent(deps, admin, parent_id=parent.person_id or 0, child_id=child)
    code = (await create_invitation(deps, admin, person_id=parent.person_id or 0)).code
    await link_telegram(deps, code=code, telegram_user_id=user_id, language=None)
    with counting_queries(monkeypatch) as seen:
        identity = await telegram_identity(user_id)
        assert identity is not None
        actor = await identity_actor(identity, admin.organisation_id)
    assert actor is not None
    assert len(identity.children) == children
    return len(seen)


async def test_who_a_telegram_user_is_costs_the_same_for_1_or_5_children(deps, monkeypatch):
    """The bots ask on every update, so this is on the path of every button press."""
    one = await _queries_for_a_telegram_update(deps, monkeypatch, 1, 700_000_101)
    five = await _queries_for_a_telegram_update(deps, monkeypatch, 5, 700_000_102)
    assert 0 < one == five
