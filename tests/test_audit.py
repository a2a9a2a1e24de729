"""The audit trail: every change is recorded, and tampering of any kind is detected."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from core.models.audit import AuditRecord
from core.models.people import Role
from core.services.audit import verify_chain
from core.services.people import PersonData, create_person, update_person
from tests.factories import make_member, make_organisation


async def _history(deps) -> int:
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    card = await create_person(
        deps,
        admin,
        data=PersonData(last_name="Қасымова", first_name="Айым"),
        roles=(Role.STUDENT,),
    )
    await update_person(
        deps, admin, person_id=card.id, data=PersonData(last_name="Қасымова", first_name="Аружан")
    )
    return card.id


async def test_an_edit_records_who_changed_what_before_and_after(deps):
    person_id = await _history(deps)
    record = await AuditRecord.filter(action="person.update", object_id=str(person_id)).get()
    assert record.before["first_name"] == "Айым"
    assert record.after["first_name"] == "Аружан"
    assert record.actor_person_id is not None


async def test_an_untouched_chain_verifies(deps):
    await _history(deps)
    report = await verify_chain()
    assert report.ok
    assert report.checked == await AuditRecord.all().count()


async def test_an_altered_record_is_detected(deps):
    await _history(deps)
    victim = await AuditRecord.filter(action="person.update").get()
    await AuditRecord.filter(id=victim.id).update(after={"first_name": "Someone else"})
    report = await verify_chain()
    assert not report.ok
    assert report.first_bad_id == victim.id


async def test_a_removed_record_in_the_middle_is_detected(deps):
    await _history(deps)
    ids = await AuditRecord.all().order_by("id").values_list("id", flat=True)
    await AuditRecord.filter(id=ids[1]).delete()
    report = await verify_chain()
    assert not report.ok
    assert report.first_bad_id == ids[2]


async def test_a_removed_last_record_is_detected(deps):
    await _history(deps)
    last = await AuditRecord.all().order_by("-id").first()
    await AuditRecord.filter(id=last.id).delete()
    assert not (await verify_chain()).ok


async def test_a_refused_change_leaves_no_audit_record(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    before = await AuditRecord.all().count()
    with pytest.raises(InvalidInput):
        await create_person(
            deps, admin, data=PersonData(last_name="", first_name="Айым"), roles=(Role.STUDENT,)
        )
    assert await AuditRecord.all().count() == before
