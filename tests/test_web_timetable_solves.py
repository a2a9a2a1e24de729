"""Generating a timetable in the panel (issue 11): the form with the weights' meanings, a
run's progress page (a progress bar, a refresh without JavaScript) and its JSON while it runs,
a second start refused, and the result once it has ended."""

from __future__ import annotations

import pytest

from core.deps import Deps
from core.services.timetable_solves import WEIGHT_KEYS, wait_for_solve
from core.timetabling.problem import Weights
from tests.timetable_factories import hold_solver, make_admin, store, tiny_school
from tests.web import Panel, text_of

WEIGHTS = {key: str(getattr(Weights(), key)) for key in WEIGHT_KEYS}


async def test_an_admin_generates_a_timetable_watching_its_progress(
    deps: Deps, panel: Panel, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school())
    await panel.sign_in(f"admin-{admin.organisation_id}@s.kz")
    response, page = await panel.get(f"/timetables/{timetable.id}/solve")
    assert response.status == 200
    assert "per free period between two lessons of a teacher in a day" in text_of(page)
    assert "Keep my locked lessons where they are (0 of 14 lessons are locked)" in text_of(page)

    held = hold_solver(monkeypatch)
    form = {"seconds": "2", "keep_locked": "1", **WEIGHTS, "class_gaps": "8"}
    response, page = await panel.post(f"/timetables/{timetable.id}/solve", form)
    solve_id = int(response.url.path.rsplit("/", 1)[1])
    assert response.url.path == f"/timetables/{timetable.id}/solves/{solve_id}"
    assert '<progress id="solve-bar" max="100" value="0">' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    response = await panel.client.get(f"/timetables/{timetable.id}/solves/{solve_id}.json")
    run = await response.json()
    assert (run["state"], run["percent"], run["placed"], run["total"]) == ("running", 0, 0, 14)
    # A second start while it runs is refused, the form kept.
    response, page = await panel.post(f"/timetables/{timetable.id}/solve", form)
    assert response.status == 409
    assert "A run is already making this timetable." in text_of(page)
    assert 'name="class_gaps" min="0" max="100" required value="8"' in page

    held.release()
    await wait_for_solve(deps, solve_id)
    _, page = await panel.get(f"/timetables/{timetable.id}/solves/{solve_id}")
    text = text_of(page)
    assert "<progress" not in page and "http-equiv" not in page
    assert "Lessons placed: 14 of 14. Hard rules broken: 0." in text
    assert "This timetable is now in use." in text
    assert "class gaps" in text_of(page.split('id="penalties"')[1])
    assert f'href="/timetables/{timetable.id}"' in page
    response = await panel.client.get(f"/timetables/{timetable.id}/solves/{solve_id}.json")
    assert (await response.json())["state"] == "done"


async def test_an_impossible_school_and_bad_values_are_explained(deps: Deps, panel: Panel) -> None:
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school(busy_teacher=True))
    await panel.sign_in(f"admin-{admin.organisation_id}@s.kz")
    response, page = await panel.post(
        f"/timetables/{timetable.id}/solve", {"seconds": "0", **WEIGHTS}
    )
    assert response.status == 400
    assert "Give the solver from 1 to 600 seconds." in text_of(page)

    response, page = await panel.post(
        f"/timetables/{timetable.id}/solve", {"seconds": "1", **WEIGHTS}
    )
    solve_id = int(response.url.path.rsplit("/", 1)[1])
    await wait_for_solve(deps, solve_id)
    _, page = await panel.get(f"/timetables/{timetable.id}/solves/{solve_id}")
    culprits = text_of(page.split('id="culprits"')[1].split("</ul>")[0])
    assert "Teacher Ахметов Б. has 6 periods of lessons but only 5 free." in culprits
    _, page = await panel.get(f"/timetables/{timetable.id}/solve")
    assert "impossible" in text_of(page.split('id="runs"')[1])
