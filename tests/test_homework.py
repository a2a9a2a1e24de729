"""Homework (issue 5): setting it on a lesson, handing in, late answers, review, return,
grades from a review, who is told, file checks and who may see what.

``make_classroom`` here is shared by the grades, plans, web and bot tests of this slice.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from core.actor import Actor
from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.i18n import gettext_for
from core.models.lessons import Grade, Homework, HomeworkFile, Submission
from core.models.notifications import OutboxMessage
from core.services.academics import (
    CourseData,
    GroupData,
    create_course,
    create_group,
    enrol_student,
)
from core.services.homework import (
    SubmissionStatus,
    Upload,
    due_options,
    hand_in,
    homework_card,
    homework_file,
    open_homework,
    parse_local_datetime,
    review_submission,
    set_homework,
    student_homework,
    waiting_for_review,
)
from core.services.lessons import do_create_lesson
from core.services.people import Role, link_parent
from core.tx import transaction
from tests.factories import make_member, make_organisation

GROUP = "Алгебра 7А"
OTHER_GROUP = "Физика 8Б"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
#: 02.09.2026 15:00 in Almaty (UTC+5): the lesson homework is set on.
LESSON_START = datetime(2026, 9, 2, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Classroom:
    """A centre in Almaty: a teacher with a group of three students (one has a parent), a
    second teacher with another group and its student, and lessons of the first group on
    2 and 4 September 2026 at 15:00 local time."""

    admin: Actor
    teacher: Actor
    other_teacher: Actor
    aigerim: Actor
    nurlan: Actor
    yerlan: Actor
    outsider: Actor
    parent: Actor
    group_id: int
    other_group_id: int
    lesson_id: int
    next_lesson_id: int


async def _group(deps: Deps, admin: Actor, name: str, teacher: Actor) -> int:
    course = await create_course(deps, admin, data=CourseData(name_ru=name, name_kk=name))
    card = await create_group(
        deps,
        admin,
        data=GroupData(
            course_id=course.id, name=name, capacity=20, teacher_ids=(teacher.person_id,)
        ),
    )
    return card.id


async def make_classroom(deps: Deps, *, login_prefix: str = "") -> Classroom:
    system = await make_organisation(deps, name="Білім орталығы")

    async def member(role: Role, last: str, first: str, login: str) -> Actor:
        return await make_member(
            deps, system, role, last_name=last, first_name=first, login=f"{login_prefix}{login}"
        )

    admin = await member(Role.ADMIN, "Әкімова", "Дина", "admin@bilim.kz")
    teacher = await member(Role.TEACHER, "Ахметов", "Ерлан", "teacher@bilim.kz")
    other_teacher = await member(Role.TEACHER, "Ким", "Олег", "kim@bilim.kz")
    aigerim = await member(Role.STUDENT, "Омарова", "Айгерім", "aigerim@bilim.kz")
    nurlan = await member(Role.STUDENT, "Сейітов", "Нұрлан", "nurlan@bilim.kz")
    yerlan = await member(Role.STUDENT, "Тоқаев", "Ерлан", "yerlan@bilim.kz")
    outsider = await member(Role.STUDENT, "Жұмабаев", "Тимур", "timur@bilim.kz")
    parent = await member(Role.PARENT, "Омарова", "Сәуле", "saule@bilim.kz")
    await link_parent(deps, admin, parent_id=parent.person_id, child_id=aigerim.person_id)
    group_id = await _group(deps, admin, GROUP, teacher)
    other_group_id = await _group(deps, admin, OTHER_GROUP, other_teacher)
    for student in (aigerim, nurlan, yerlan):
        await enrol_student(deps, admin, group_id=group_id, student_id=student.person_id)
    await enrol_student(deps, admin, group_id=other_group_id, student_id=outsider.person_id)
    lessons = []
    for starts in (LESSON_START, LESSON_START + timedelta(days=2)):
        async with transaction(deps) as tx:
            lesson = await do_create_lesson(
                tx,
                admin,
                group_id=group_id,
                teacher_id=teacher.person_id,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=90),
            )
        lessons.append(lesson.id)
    return Classroom(
        admin=admin,
        teacher=teacher,
        other_teacher=other_teacher,
        aigerim=aigerim,
        nurlan=nurlan,
        yerlan=yerlan,
        outsider=outsider,
        parent=parent,
        group_id=group_id,
        other_group_id=other_group_id,
        lesson_id=lessons[0],
        next_lesson_id=lessons[1],
    )


def local(text: str) -> datetime:
    """A date and time typed in Almaty."""
    return parse_local_datetime(text, timezone="Asia/Almaty", today=date(2026, 9, 1))


async def outbox_for(person: Actor | int) -> list[str]:
    """What was queued for a person, rendered in English, oldest first."""
    person_id = person if isinstance(person, int) else person.person_id
    rows = await OutboxMessage.filter(person_id=person_id).order_by("id")
    return [gettext_for("en", row.message).format(**row.params) for row in rows]


async def set_algebra_homework(deps: Deps, room: Classroom, **kwargs: object):
    values: dict[str, object] = {
        "lesson_id": room.lesson_id,
        "text": "§5, 1–10 есептер",
        "due_at": local("03.09 18:00"),
    }
    values.update(kwargs)
    return await set_homework(deps, room.teacher, **values)  # type: ignore[arg-type]


async def test_due_times_are_typed_in_local_time(deps: Deps):
    assert local("03.09 18:00") == datetime(2026, 9, 3, 13, 0, tzinfo=UTC)
    assert local("3.9.2026 8:05") == datetime(2026, 9, 3, 3, 5, tzinfo=UTC)
    assert local("2026-09-03T18:00") == datetime(2026, 9, 3, 13, 0, tzinfo=UTC)
    # Without a year, a date more than half a year back means next year.
    assert local("10.01 09:00").year == 2027
    for wrong in ("завтра", "31.02 10:00", "03.09", "25:00"):
        with pytest.raises(InvalidInput) as refused:
            local(wrong)
        assert refused.value.translated("en") == (
            f"“{wrong}” is not a date and time. Write it like 31.12 18:00."
        )


async def test_a_teacher_sets_homework_and_the_group_is_told(deps: Deps):
    room = await make_classroom(deps)

    homework = await set_algebra_homework(deps, room, uploads=[Upload("Есептер.pdf", PDF)])

    assert homework.text == "§5, 1–10 есептер"
    assert homework.due_at == datetime(2026, 9, 3, 13, 0, tzinfo=UTC)
    assert homework.local_due is not None and homework.local_due.hour == 18
    assert [(f.filename, f.content_type) for f in homework.files] == [
        ("Есептер.pdf", "application/pdf")
    ]
    told = f"New homework in {GROUP}, due 03.09 18:00:\n§5, 1–10 есептер"
    for student in (room.aigerim, room.nurlan, room.yerlan):
        assert await outbox_for(student) == [told]
    assert await outbox_for(room.outsider) == []
    assert await outbox_for(room.parent) == []


async def test_editing_homework_keeps_its_id_and_files_and_tells_of_the_change(deps: Deps):
    room = await make_classroom(deps)
    first = await set_algebra_homework(deps, room, uploads=[Upload("a.pdf", PDF)])

    edited = await set_algebra_homework(
        deps,
        room,
        text="§5, 1–12 есептер",
        due_at=None,
        uploads=[Upload("notes.txt", "Формулалар".encode())],
    )

    assert edited.id == first.id
    assert edited.due_at is None
    assert [f.filename for f in edited.files] == ["a.pdf", "notes.txt"]
    assert await Homework.filter(lesson_id=room.lesson_id).count() == 1
    assert (await outbox_for(room.nurlan))[-1] == (
        f"Homework in {GROUP} has changed:\n§5, 1–12 есептер"
    )


async def test_homework_due_before_the_lesson_starts_is_refused(deps: Deps):
    room = await make_classroom(deps)

    with pytest.raises(InvalidInput) as refused:
        await set_algebra_homework(deps, room, due_at=local("02.09 14:59"))

    assert refused.value.translated("en") == "The homework must be due after the lesson starts."
    assert await Homework.all().count() == 0
    assert await OutboxMessage.all().count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            Upload("setup.exe", EXE),
            "The file setup.exe cannot be sent: only pictures, PDF, text and office documents "
            "are accepted.",
        ),
        (
            Upload("big.txt", b"a" * (4 * 1024 * 1024 + 1)),
            "The file big.txt is too large: at most 4 MB.",
        ),
    ],
)
async def test_a_forbidden_or_too_large_file_refuses_the_homework_and_stores_nothing(
    deps: Deps, upload: Upload, message: str
):
    room = await make_classroom(deps)

    with pytest.raises(InvalidInput) as refused:
        await set_algebra_homework(deps, room, uploads=[Upload("ok.pdf", PDF), upload])

    assert refused.value.translated("en") == message
    assert await Homework.all().count() == 0
    assert await HomeworkFile.all().count() == 0
    attachments = deps.settings.attachments_dir
    assert not attachments.exists() or not any(p.is_file() for p in attachments.rglob("*"))

    homework = await set_algebra_homework(deps, room)
    with pytest.raises(InvalidInput):
        await hand_in(deps, room.aigerim, homework_id=homework.id, text="Жауап", uploads=[upload])
    assert await Submission.all().count() == 0


async def test_only_teachers_of_the_lesson_set_homework(deps: Deps):
    room = await make_classroom(deps)

    with pytest.raises(PermissionDenied):
        await set_homework(
            deps, room.other_teacher, lesson_id=room.lesson_id, text="Бөтен", due_at=None
        )
    with pytest.raises(PermissionDenied):
        await set_homework(deps, room.aigerim, lesson_id=room.lesson_id, text="Өзім", due_at=None)
    with pytest.raises(NotFound):
        await set_homework(deps, room.outsider, lesson_id=room.lesson_id, text="Мен", due_at=None)
    assert await Homework.all().count() == 0


async def test_handing_in_again_replaces_the_text_and_adds_files_and_late_is_marked(
    deps: Deps, clock
):
    room = await make_classroom(deps)
    homework = await set_algebra_homework(deps, room)
    clock.current = datetime(2026, 9, 3, 10, 0, tzinfo=UTC)  # 15:00 local, before 18:00

    first = await hand_in(deps, room.aigerim, homework_id=homework.id, text="1-нұсқа")
    again = await hand_in(
        deps,
        room.aigerim,
        homework_id=homework.id,
        uploads=[Upload("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(40))],
    )
    replaced = await hand_in(deps, room.aigerim, homework_id=homework.id, text="2-нұсқа")
    clock.current = datetime(2026, 9, 3, 13, 1, tzinfo=UTC)  # 18:01 local: a minute late
    late = await hand_in(deps, room.nurlan, homework_id=homework.id, text="Кешіктім")

    assert first.submission is not None and not first.submission.late
    assert again.submission is not None and again.submission.text == "1-нұсқа"
    assert [f.filename for f in again.submission.files] == ["photo.png"]
    assert replaced.submission is not None and replaced.submission.text == "2-нұсқа"
    assert [f.filename for f in replaced.submission.files] == ["photo.png"]
    assert late.submission is not None and late.submission.late
    card = await homework_card(room.teacher, homework_id=homework.id)
    by_name = {row.student_name: row.submission for row in card.rows}
    assert set(by_name) == {"Омарова Айгерім", "Сейітов Нұрлан", "Тоқаев Ерлан"}
    assert by_name["Тоқаев Ерлан"] is None  # missing
    assert by_name["Сейітов Нұрлан"] is not None and by_name["Сейітов Нұрлан"].late
    assert by_name["Омарова Айгерім"] is not None
    assert by_name["Омарова Айгерім"].status is SubmissionStatus.SUBMITTED
    with pytest.raises(InvalidInput) as empty:
        await hand_in(deps, room.yerlan, homework_id=homework.id, text="  ")
    assert empty.value.translated("en") == "Write your answer or attach a file."


async def test_a_student_of_another_group_neither_sees_nor_hands_in(deps: Deps):
    room = await make_classroom(deps)
    homework = await set_algebra_homework(deps, room, uploads=[Upload("task.pdf", PDF)])
    answered = await hand_in(
        deps, room.aigerim, homework_id=homework.id, uploads=[Upload("mine.pdf", PDF)]
    )
    assert answered.submission is not None
    task_file, answer_file = homework.files[0].id, answered.submission.files[0].id

    assert await open_homework(deps, room.outsider) == []
    with pytest.raises(NotFound):
        await student_homework(deps, room.outsider, homework_id=homework.id)
    with pytest.raises(NotFound):
        await hand_in(deps, room.outsider, homework_id=homework.id, text="Мен де")
    with pytest.raises(NotFound):
        await homework_file(deps, room.outsider, file_id=task_file)
    assert await Submission.filter(student_id=room.outsider.person_id).count() == 0

    # A classmate gets the task but not another student's answer; the parent and the
    # teacher get the answer too.
    assert (await homework_file(deps, room.nurlan, file_id=task_file)).filename == "task.pdf"
    with pytest.raises(NotFound):
        await homework_file(deps, room.nurlan, file_id=answer_file)
    for reader in (room.aigerim, room.parent, room.teacher):
        download = await homework_file(deps, reader, file_id=answer_file)
        assert (download.filename, download.content_type) == ("mine.pdf", "application/pdf")
        assert Path(download.path).read_bytes() == PDF
    with pytest.raises(NotFound):
        await homework_file(deps, room.other_teacher, file_id=answer_file)


async def test_a_review_with_a_grade_tells_the_student_and_the_parent(deps: Deps, clock):
    room = await make_classroom(deps)
    homework = await set_algebra_homework(deps, room)
    handed = await hand_in(deps, room.aigerim, homework_id=homework.id, text="Дайын")
    assert handed.submission is not None
    assert [w.submission.student_name for w in await waiting_for_review(room.teacher)] == [
        "Омарова Айгерім"
    ]
    clock.current = datetime(2026, 9, 4, 5, 0, tzinfo=UTC)

    reviewed = await review_submission(
        deps,
        room.teacher,
        submission_id=handed.submission.id,
        comment="Жақсы, бірақ 7-есепті тексер.",
        grade="5",
    )

    assert reviewed.status is SubmissionStatus.REVIEWED
    assert reviewed.grade == "5"
    (grade,) = await Grade.filter(student_id=room.aigerim.person_id)
    assert (grade.kind, grade.value, grade.score) == ("homework", "5", 1000)
    assert grade.given_on == date(2026, 9, 4)
    assert (await outbox_for(room.aigerim))[1:] == [
        f"Your homework in {GROUP} is reviewed. Grade: 5.\nЖақсы, бірақ 7-есепті тексер."
    ]
    assert await outbox_for(room.parent) == [
        f"Омарова Айгерім has a new grade in {GROUP}: 5 (04.09)."
    ]
    assert await waiting_for_review(room.teacher) == []

    with pytest.raises(Conflict):
        await hand_in(deps, room.aigerim, homework_id=homework.id, text="Тағы")

    # Reviewing again corrects the same grade.
    again = await review_submission(
        deps, room.teacher, submission_id=handed.submission.id, comment="", grade="4"
    )
    assert again.grade == "4"
    assert [g.value for g in await Grade.filter(student_id=room.aigerim.person_id)] == ["4"]
    assert (await outbox_for(room.aigerim))[
        -1
    ] == f"Your homework in {GROUP} is reviewed. Grade: 4."


async def test_an_answer_returned_for_rework_can_be_handed_in_again(deps: Deps):
    room = await make_classroom(deps)
    homework = await set_algebra_homework(deps, room)
    handed = await hand_in(deps, room.nurlan, homework_id=homework.id, text="Жартылай")
    assert handed.submission is not None
    answer_id = handed.submission.id

    with pytest.raises(InvalidInput) as no_comment:
        await review_submission(
            deps, room.teacher, submission_id=answer_id, return_for_rework=True
        )
    assert no_comment.value.translated("en") == "Say in the comment what to rework."
    with pytest.raises(InvalidInput):
        await review_submission(
            deps,
            room.teacher,
            submission_id=answer_id,
            comment="Толық емес",
            grade="3",
            return_for_rework=True,
        )
    with pytest.raises(InvalidInput) as bad_grade:
        await review_submission(deps, room.teacher, submission_id=answer_id, grade="6")
    assert "give 2, 3, 4 or 5" in bad_grade.value.translated("en")
    assert (await Submission.get(id=answer_id)).status == SubmissionStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        await review_submission(deps, room.other_teacher, submission_id=answer_id, comment="?")

    returned = await review_submission(
        deps,
        room.teacher,
        submission_id=answer_id,
        comment="8–10 есептер жоқ.",
        return_for_rework=True,
    )

    assert returned.status is SubmissionStatus.RETURNED
    assert (await outbox_for(room.nurlan))[-1] == (
        f"Your homework in {GROUP} was returned for rework:\n8–10 есептер жоқ."
    )
    assert await Grade.all().count() == 0
    again = await hand_in(deps, room.nurlan, homework_id=homework.id, text="Толық")
    assert again.submission is not None
    assert again.submission.status is SubmissionStatus.SUBMITTED
    assert again.submission.text == "Толық"


async def test_students_and_parents_see_open_homework_soonest_first(deps: Deps, clock):
    room = await make_classroom(deps)
    later = await set_homework(
        deps,
        room.teacher,
        lesson_id=room.next_lesson_id,
        text="Тест дайындығы",
        due_at=local("10.09 18:00"),
    )
    sooner = await set_algebra_homework(deps, room)

    mine = await open_homework(deps, room.aigerim)
    childs = await open_homework(deps, room.parent, student_id=room.aigerim.person_id)

    assert [item.homework.id for item in mine] == [sooner.id, later.id]
    assert all(item.can_hand_in for item in mine)
    assert [item.homework.id for item in childs] == [sooner.id, later.id]
    assert not any(item.can_hand_in for item in childs)
    with pytest.raises(NotFound):
        await open_homework(deps, room.parent, student_id=room.nurlan.person_id)
    with pytest.raises(NotFound):
        await hand_in(deps, room.parent, homework_id=sooner.id, text="Ата-анадан")

    clock.current = datetime(2026, 9, 4, 0, 0, tzinfo=UTC)
    (overdue, _) = await open_homework(deps, room.aigerim)
    assert overdue.homework.id == sooner.id and overdue.overdue


async def test_due_options_offer_the_next_lesson_two_days_and_a_week(deps: Deps):
    room = await make_classroom(deps)

    options = await due_options(deps, room.teacher, lesson_id=room.lesson_id)

    assert [(o.key, o.due_at) for o in options] == [
        ("next", LESSON_START + timedelta(days=2)),
        ("2d", LESSON_START + timedelta(days=2)),
        ("7d", LESSON_START + timedelta(days=7)),
    ]


async def test_review_3_a_due_time_is_stored_in_utc_so_the_open_window_is_exact(deps: Deps, clock):
    room = await make_classroom(deps)
    await set_algebra_homework(deps, room, due_at=None)
    # An edit (not only a new homework) saves the due time typed in local time as UTC.
    homework = await set_algebra_homework(deps, room)  # due 03.09 18:00 local = 13:00 UTC
    due = datetime(2026, 9, 3, 13, 0, tzinfo=UTC)

    # The reminder tick asks the database for homework that has just come due.
    assert await Homework.filter(id=homework.id, due_at__lte=due + timedelta(minutes=1)).exists()
    # Open homework stays listed 14 days after its due time, not 5 hours more.
    clock.current = due + timedelta(days=14, minutes=30)
    assert await open_homework(deps, room.aigerim) == []


async def test_review_4_setting_homework_twice_at_once_makes_one_homework(deps: Deps):
    room = await make_classroom(deps)

    first, second = await asyncio.gather(
        set_algebra_homework(deps, room), set_algebra_homework(deps, room)
    )

    assert first.id == second.id
    assert await Homework.filter(lesson_id=room.lesson_id).count() == 1
    assert await outbox_for(room.nurlan) == [
        f"New homework in {GROUP}, due 03.09 18:00:\n§5, 1–10 есептер"
    ]


async def test_review_7_handing_in_twice_at_once_keeps_one_answer(deps: Deps):
    room = await make_classroom(deps)
    homework = await set_algebra_homework(deps, room)

    first, second = await asyncio.gather(
        *(hand_in(deps, room.aigerim, homework_id=homework.id, text="Дайын") for _ in range(2))
    )

    assert first.submission is not None and second.submission is not None
    assert first.submission.id == second.submission.id
    (answer,) = await Submission.filter(homework_id=homework.id)
    assert (answer.text, answer.status) == ("Дайын", SubmissionStatus.SUBMITTED)


async def test_review_10_29_february_moved_to_a_year_without_it_is_refused(deps: Deps):
    # In September 2028, 29.02 is more than half a year back; 2029 has no 29 February.
    with pytest.raises(InvalidInput) as refused:
        parse_local_datetime("29.02 10:00", timezone="Asia/Almaty", today=date(2028, 9, 1))

    assert refused.value.translated("en") == (
        "“29.02 10:00” is not a date and time. Write it like 31.12 18:00."
    )
