"""The school timetable pages (issue 11) end to end: a deputy head uploads FET's Hopwood
example, reads a class's grid, moves two lessons into clashes and sees both listed by name,
locks a lesson, is told when the form is stale, and downloads the .fet file; a teacher does
not reach the pages."""

from __future__ import annotations

import io
import re

from aiohttp import FormData

from core.actor import Actor
from core.deps import Deps
from core.models.people import Role
from core.timetabling.fet import read_fet
from tests.factories import make_member, make_organisation
from tests.test_school_timetables import CLASS_CLASH, HOPWOOD, ROOM_CLASH
from tests.web import Panel, open_panel, text_of


async def upload(panel: Panel, data: bytes, filename: str) -> tuple[int, str]:
    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("name", "Hopwood 2026")
    form.add_field("file", io.BytesIO(data), filename=filename, content_type="application/xml")
    response, page = await panel.post("/timetables", form)
    return response.status, page


async def signed_in(deps: Deps, panel: Panel, role: Role = Role.ADMIN) -> Actor:
    system = await make_organisation(deps, name="№12 мектеп")
    login = f"{role.value}-{system.organisation_id}@school.kz"
    actor = await make_member(deps, system, role, login=login)
    await panel.sign_in(login)
    return actor


async def test_a_deputy_head_imports_moves_into_clashes_locks_and_exports(
    deps: Deps, panel: Panel
):
    await signed_in(deps, panel)
    _, page = await panel.get("/timetables")
    assert 'href="/timetables"' in page and "No timetables yet." in text_of(page)
    status, page = await upload(panel, b"<html/>", "school.fet")
    assert status == 400 and "This is not a FET timetable file (.fet)." in text_of(page)
    status, page = await upload(panel, HOPWOOD, "hopwood.fet")
    text = text_of(page)
    assert status == 200 and "The timetable was imported." in text
    assert "0 hard conflicts" in text and "1 lesson not placed" in text
    grid = text_of(page.split('id="grid"')[1].split("</table>")[0])
    assert "Literacy 🔒 Basic ?? Leonora · Hebron" in grid  # the first class of the list

    _, page = await panel.get("/timetables/1/lessons/4?view=class&key=Inter+F%2FT")
    assert "CALL — Inter F/T (Philip)" in text_of(page)
    move = {"version": "1", "day": "0", "period": "0", "room": "B305", "view": "class"}
    response, page = await panel.post("/timetables/1/lessons/4/move", move | {"key": "Inter F/T"})
    text = text_of(page)
    assert "The lesson was moved." in text and "2 hard conflicts" in text
    assert ROOM_CLASH in text and CLASS_CLASH in text
    assert response.url.query["key"] == "Inter F/T"
    assert 'id="lesson-4"' in page and "clash" in page.split('id="lesson-4"')[0][-80:]

    # A form made before that move is stale: refused, nothing changes.
    response, page = await panel.post("/timetables/1/lessons/3/move", move | {"period": "2"})
    assert response.status == 409
    assert "Someone changed this timetable since you opened it." in text_of(page)

    response, page = await panel.post(
        "/timetables/1/lessons/4/lock", {"version": "2", "locked": "0", "view": "class"}
    )
    assert "The lesson was unlocked." in text_of(page)
    _, page = await panel.get("/timetables/1/lessons/4")
    assert "Lock here" in page
    await panel.post("/timetables/1/lessons/4/lock", {"version": "3", "locked": "1"})
    _, page = await panel.get("/timetables/1/lessons/4")
    assert "Unlock" in page and "locked" in text_of(page.split('id="where"')[1])

    response, _ = await panel.get("/timetables/1/export.fet")
    assert response.status == 200
    assert "Hopwood-2026.fet" in response.headers["Content-Disposition"]
    exported = read_fet(await response.read(), name="again")
    assert (exported.lessons[4].locked_slot, exported.lessons[4].locked_room) == (0, "B305")


async def test_a_teacher_does_not_reach_the_timetables(deps: Deps, panel: Panel):
    await signed_in(deps, panel, Role.TEACHER)
    _, page = await panel.get("/")
    assert 'href="/timetables"' not in page
    response, _ = await panel.get("/timetables")
    assert response.status == 403


async def test_the_pages_speak_kazakh(deps: Deps):
    async with open_panel(deps, "kk") as panel:
        await signed_in(deps, panel)
        await upload(panel, HOPWOOD, "hopwood.fet")
        _, page = await panel.get("/timetables")
        assert "Hopwood 2026" in page
        assert "163 ішінен 162" in text_of(page)
        _, page = await panel.get("/timetables/1?view=room&key=B305")
        text = text_of(page)
        assert "0 қатаң қақтығыс" in text and "1 сабақ қойылмаған" in text
        _, page = await panel.get("/timetables/1/lessons/52")
        assert "Кестеге қойылмаған." in text_of(page)


async def test_a_forgotten_lesson_is_added_and_then_placed(deps: Deps, panel: Panel):
    await signed_in(deps, panel)
    await upload(panel, HOPWOOD, "hopwood.fet")
    lesson = {"version": "1", "subject": "IT", "duration": "2", "view": "teacher", "key": "Inka"}
    response, page = await panel.post("/timetables/1/lessons", lesson)
    assert response.status == 400 and "Choose at least one class." in text_of(page)
    assert '<option value="Inka" selected>' in page  # still Inka's grid
    form = FormData(lesson | {"csrf_token": panel.csrf})
    form.add_field("teachers", "Inka")
    form.add_field("sets", "ESOL IT")
    _, page = await panel.post("/timetables/1/lessons", form)
    text = text_of(page)
    assert "The lesson was added; it is among the unplaced lessons." in text
    assert "2 lessons not placed" in text and "IT — ESOL IT (Inka)" in text
    new = re.search(r'/timetables/1/lessons/(\d+)\?[^"]*">IT — ESOL IT \(Inka\)', page)
    assert new is not None
    move = {"version": "2", "day": "5", "period": "3", "room": ""}
    _, page = await panel.post(f"/timetables/1/lessons/{new[1]}/move", lesson | move)
    assert "0 hard conflicts" in text_of(page)
    cell = page.split(f'id="lesson-{new[1]}"')[0].rsplit("<td", 1)[1]
    assert 'rowspan="2"' in cell  # a double period is one tall cell
    _, page = await panel.post("/timetables/1/delete", {"confirm": "1"})
    assert "The timetable was deleted." in text_of(page) and "No timetables yet." in text_of(page)


async def test_a_lesson_is_swapped_and_taken_out_from_its_page(deps: Deps, panel: Panel):
    await signed_in(deps, panel)
    await upload(panel, HOPWOOD, "hopwood.fet")
    back = {"view": "room", "key": "B305"}
    _, page = await panel.post(
        "/timetables/1/lessons/3/swap", back | {"version": "1", "other": "4"}
    )
    assert "The two lessons were swapped." in text_of(page)
    monday = text_of(page.split('id="grid"')[1].split("</tr>")[1])
    # Inter F/T has Listening/Speaking then too: the swap is made, and marked as a clash.
    assert monday.startswith(" 9.30 - 11.00 CALL 🔒 ⚠ Inter F/T Philip · B305")
    assert CLASS_CLASH in text_of(page)
    _, page = await panel.get("/timetables/1/lessons/3?view=room&key=B305")
    assert "Monday, period 11.15 - 12.45 · B305" in text_of(page.split('id="where"')[1])
    _, page = await panel.post("/timetables/1/lessons/3/unplace", back | {"version": "2"})
    text = text_of(page)
    assert "The lesson was taken out of the timetable." in text
    assert "2 lessons not placed" in text and "CALL — Begin F/T (David)" in text
