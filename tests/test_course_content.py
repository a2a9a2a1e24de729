"""Online course content (issue 10): editing, opening for a group, progress, points,
review of answers and files, and the completion certificate."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.deps import Deps
from core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models.courses import ItemKind, WorkStatus
from core.models.judge import Verdict
from core.models.notifications import OutboxMessage
from core.models.people import Role
from core.services.academics import CourseData, create_course
from core.services.course_content import (
    ACCEPTED_NOTICE,
    RETURNED_NOTICE,
    CellMark,
    ItemData,
    add_item,
    add_module,
    add_unit,
    course_content,
    course_progress,
    delete_module,
    delete_unit,
    download_certificate,
    group_progress,
    mark_done,
    move_item,
    my_courses,
    open_course,
    rename_unit,
    review_work,
    student_points,
    submit_answer,
    submit_file,
    verify_certificate,
    work_file,
)
from core.services.homework import Upload
from tests.course_factories import (
    CourseCentre,
    make_course_centre,
    make_programming_task,
    make_quiz_test,
    pass_test,
    solve_task,
)
from tests.factories import make_member


async def _unit(deps: Deps, centre: CourseCentre) -> int:
    module = await add_module(deps, centre.teacher, course_id=centre.course_id, title="Негіздер")
    return await add_unit(deps, centre.teacher, module_id=module, title="Циклдар")


async def test_the_editor_refuses_what_a_student_could_not_use(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    unit = await _unit(deps, centre)
    cases = [
        (ItemData(kind=ItemKind.TEXT, title="  "), "title"),
        (ItemData(kind=ItemKind.TEXT, title="Кіріспе", body=""), "body"),
        (ItemData(kind=ItemKind.VIDEO, title="Видео", url="javascript:alert(1)"), "url"),
        (ItemData(kind=ItemKind.VIDEO, title="Видео", url="ftp://example.kz/a.mp4"), "url"),
        (ItemData(kind=ItemKind.QUIZ, title="Тест"), "test_id"),
        (ItemData(kind=ItemKind.PROGRAMMING, title="Есеп", task_id=999), "task_id"),
        (ItemData(kind=ItemKind.OPEN_ANSWER, title="Сұрақ", points=-1), "points"),
    ]
    for data, field in cases:
        with pytest.raises(InvalidInput) as error:
            await add_item(deps, centre.teacher, unit_id=unit, data=data)
        assert error.value.field == field
    content = await course_content(centre.teacher, course_id=centre.course_id)
    assert content.modules[0].units[0].items == ()


async def test_content_is_ordered_and_only_empty_parts_are_deleted(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    unit = await _unit(deps, centre)
    first = await add_item(
        deps, centre.teacher, unit_id=unit, data=ItemData(ItemKind.TEXT, "Бірінші", body="a")
    )
    await add_item(
        deps,
        centre.teacher,
        unit_id=unit,
        data=ItemData(ItemKind.VIDEO, "Екінші", url="https://youtu.be/abc"),
    )
    await move_item(deps, centre.teacher, item_id=first, offset=1)
    await rename_unit(deps, centre.teacher, unit_id=unit, title="For циклі")
    content = await course_content(centre.teacher, course_id=centre.course_id)
    (module,) = content.modules
    assert module.units[0].title == "For циклі"
    assert [item.title for item in module.units[0].items] == ["Екінші", "Бірінші"]
    with pytest.raises(Conflict):
        await delete_module(deps, centre.teacher, module_id=module.id)
    with pytest.raises(Conflict):
        await delete_unit(deps, centre.teacher, unit_id=unit)


async def test_only_teachers_of_the_course_edit_it(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    stranger = await make_member(deps, centre.system, Role.TEACHER, login="stranger@kurs.kz")
    with pytest.raises(PermissionDenied):
        await add_module(deps, stranger, course_id=centre.course_id, title="Менікі")
    with pytest.raises(PermissionDenied):
        await add_module(deps, centre.student, course_id=centre.course_id, title="Менікі")
    with pytest.raises(PermissionDenied):
        await open_course(
            deps, centre.teacher, course_id=centre.course_id, group_id=centre.other_group_id
        )
    chess = await create_course(deps, centre.admin, data=CourseData(name_ru="Шахматы"))
    with pytest.raises(InvalidInput) as error:
        await open_course(deps, centre.admin, course_id=chess.id, group_id=centre.group_id)
    assert error.value.message == "This group does not study this course."


async def test_a_student_outside_the_opened_groups_sees_nothing(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    unit = await _unit(deps, centre)
    item = await add_item(
        deps, centre.teacher, unit_id=unit, data=ItemData(ItemKind.TEXT, "Кіріспе", body="Сәлем")
    )
    assert await my_courses(centre.student) == []
    await open_course(deps, centre.teacher, course_id=centre.course_id, group_id=centre.group_id)
    (card,) = await my_courses(centre.student)
    assert card.items == 1
    assert await my_courses(centre.other) == []
    with pytest.raises(NotFound):
        await course_progress(centre.other, course_id=centre.course_id)
    with pytest.raises(NotFound):
        await mark_done(deps, centre.other, item_id=item)


async def test_progress_and_points_follow_completed_items(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    unit = await _unit(deps, centre)
    test_id = await make_quiz_test(deps, centre.teacher)
    task_id = await make_programming_task(deps, centre.teacher)
    text = await add_item(
        deps, centre.teacher, unit_id=unit, data=ItemData(ItemKind.TEXT, "Кіріспе", body="Сәлем")
    )
    await add_item(
        deps,
        centre.teacher,
        unit_id=unit,
        data=ItemData(ItemKind.QUIZ, "Тест", test_id=test_id, points=20),
    )
    await add_item(
        deps,
        centre.teacher,
        unit_id=unit,
        data=ItemData(ItemKind.PROGRAMMING, "A+B", task_id=task_id, points=30),
    )
    await add_item(deps, centre.teacher, unit_id=unit, data=ItemData(ItemKind.OPEN_ANSWER, "Ой"))
    await open_course(deps, centre.teacher, course_id=centre.course_id, group_id=centre.group_id)

    await mark_done(deps, centre.student, item_id=text)
    await mark_done(deps, centre.student, item_id=text)
    await pass_test(deps, centre.student, test_id, passed=False)
    await solve_task(deps, centre.student, task_id, verdict=Verdict.WRONG_ANSWER)
    (card,) = await my_courses(centre.student)
    assert (card.completed, card.percent, card.points, card.max_points) == (1, 25, 10, 70)

    await pass_test(deps, centre.student, test_id)
    await solve_task(deps, centre.student, task_id)
    await solve_task(deps, centre.student, task_id)
    (card,) = await my_courses(centre.student)
    assert (card.completed, card.percent, card.points) == (3, 75, 60)
    points = await student_points([centre.student.person_id, centre.other.person_id])
    assert points == {centre.student.person_id: 60, centre.other.person_id: 0}

    table = await group_progress(centre.teacher, group_id=centre.group_id)
    (row,) = table.rows
    assert row.name == "Сейтқали Айгүл"
    assert row.cells == (CellMark.DONE, CellMark.DONE, CellMark.DONE, CellMark.NOTHING)
    assert row.percent == 75


async def test_an_open_answer_is_reviewed_by_the_teacher(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    unit = await _unit(deps, centre)
    item = await add_item(
        deps,
        centre.teacher,
        unit_id=unit,
        data=ItemData(ItemKind.OPEN_ANSWER, "Цикл не үшін керек?", body="Түсіндіріңіз"),
    )
    await open_course(deps, centre.teacher, course_id=centre.course_id, group_id=centre.group_id)
    with pytest.raises(InvalidInput):
        await submit_answer(deps, centre.student, item_id=item, text="   ")
    await submit_answer(deps, centre.student, item_id=item, text="Қайталау үшін")

    table = await group_progress(centre.teacher, group_id=centre.group_id)
    (waiting,) = table.to_review
    assert (waiting.student, waiting.text) == ("Сейтқали Айгүл", "Қайталау үшін")
    assert table.rows[0].cells == (CellMark.WAITING,)
    with pytest.raises(InvalidInput):
        await review_work(deps, centre.teacher, work_id=waiting.id, accept=False)
    await review_work(
        deps, centre.teacher, work_id=waiting.id, accept=False, comment="Мысал келтіріңіз"
    )
    progress = await course_progress(centre.student, course_id=centre.course_id)
    state = progress.modules[0].units[0].items[0]
    assert (state.status, state.comment, state.complete) == (
        WorkStatus.RETURNED,
        "Мысал келтіріңіз",
        False,
    )

    await submit_answer(deps, centre.student, item_id=item, text="Мысалы, 1-ден 10-ға дейін")
    (waiting,) = (await group_progress(centre.teacher, group_id=centre.group_id)).to_review
    await review_work(deps, centre.teacher, work_id=waiting.id, accept=True)
    with pytest.raises(Conflict):
        await review_work(deps, centre.teacher, work_id=waiting.id, accept=True)
    with pytest.raises(Conflict):
        await submit_answer(deps, centre.student, item_id=item, text="Өзгерттім")
    (card,) = await my_courses(centre.student)
    assert (card.percent, card.points) == (100, 10)
    told = await OutboxMessage.filter(person_id=centre.student.person_id).order_by("id")
    assert [(row.message, row.params["comment"]) for row in told] == [
        (RETURNED_NOTICE, "Мысал келтіріңіз"),
        (ACCEPTED_NOTICE, ""),
    ]


async def test_a_file_is_checked_stored_and_served_to_its_reviewer(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    unit = await _unit(deps, centre)
    item = await add_item(
        deps, centre.teacher, unit_id=unit, data=ItemData(ItemKind.FILE_UPLOAD, "Жоба")
    )
    await open_course(deps, centre.teacher, course_id=centre.course_id, group_id=centre.group_id)
    with pytest.raises(InvalidInput):
        await submit_file(
            deps, centre.student, item_id=item, upload=Upload("virus.exe", b"MZ\x90\x00binary")
        )
    await submit_file(
        deps, centre.student, item_id=item, upload=Upload("жоба.txt", b"for i in range(10)\n")
    )
    (waiting,) = (await group_progress(centre.teacher, group_id=centre.group_id)).to_review
    download = await work_file(deps, centre.teacher, work_id=waiting.id)
    assert download.content_type == "text/plain"
    assert Path(download.path).read_bytes() == b"for i in range(10)\n"
    stranger = await make_member(deps, centre.system, Role.TEACHER, login="stranger@kurs.kz")
    with pytest.raises(NotFound):
        await work_file(deps, stranger, work_id=waiting.id)
    with pytest.raises(NotFound):
        await review_work(deps, stranger, work_id=waiting.id, accept=True)


async def test_the_certificate_is_issued_once_at_full_progress(deps: Deps) -> None:
    centre = await make_course_centre(deps)
    unit = await _unit(deps, centre)
    first = await add_item(
        deps, centre.teacher, unit_id=unit, data=ItemData(ItemKind.TEXT, "Кіріспе", body="Сәлем")
    )
    second = await add_item(
        deps,
        centre.teacher,
        unit_id=unit,
        data=ItemData(ItemKind.VIDEO, "Видео", url="https://youtu.be/abc"),
    )
    await open_course(deps, centre.teacher, course_id=centre.course_id, group_id=centre.group_id)
    await mark_done(deps, centre.student, item_id=first)
    with pytest.raises(Conflict):
        await download_certificate(deps, centre.student, course_id=centre.course_id, language="kk")
    await mark_done(deps, centre.student, item_id=second)

    pdf = await download_certificate(
        deps, centre.student, course_id=centre.course_id, language="kk"
    )
    again = await download_certificate(
        deps, centre.student, course_id=centre.course_id, language="ru"
    )
    assert pdf.data.startswith(b"%PDF")
    assert pdf.filename == again.filename
    code = (await course_progress(centre.student, course_id=centre.course_id)).certificate_code
    assert code is not None and code in pdf.filename
    check = await verify_certificate(code.lower())
    assert check is not None
    assert (check.student, check.course.name("kk")) == ("Сейтқали Айгүл", "Python бастаушыға")
    assert await verify_certificate("NOSUCHCODE234567") is None
