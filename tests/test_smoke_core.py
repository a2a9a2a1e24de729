from core.models.people import Role
from core.services.academics import enrol_student, group_card
from tests.factories import make_group, make_member, make_organisation, make_student


async def test_enrol_student(deps):
    system = await make_organisation(deps)
    admin = await make_member(deps, system, Role.ADMIN)
    group_id = await make_group(deps, admin)
    student_id = await make_student(deps, admin)
    card = await enrol_student(deps, admin, group_id=group_id, student_id=student_id)
    assert [m.person_id for m in card.students] == [student_id]
    card = await group_card(admin, group_id)
    assert card.free_places == 11
