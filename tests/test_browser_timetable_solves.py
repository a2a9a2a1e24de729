"""The progress page of a timetable run in a real browser (issue 11): its script moves the
bar as time passes, and the page turns into the result on its own when the run ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.async_api import Browser, expect

from core.clock import FrozenClock
from core.deps import Deps
from tests.browsers import LIVE_MS, Site
from tests.timetable_factories import hold_solver, make_admin, store, tiny_school

pytestmark = pytest.mark.browser


async def test_the_progress_bar_moves_and_the_result_appears_without_a_reload(
    deps: Deps, clock: FrozenClock, site: Site, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = await make_admin(deps)
    timetable = await store(deps, admin, tiny_school())
    held = hold_solver(monkeypatch)
    page = await (await browser.new_context(locale="en-US")).new_page()
    await page.goto(f"{site.url}/login")
    await page.fill("input[name=login]", f"admin-{admin.organisation_id}@s.kz")
    await page.fill("input[name=password]", "correct horse")
    await page.click("button[type=submit]")
    await page.wait_for_load_state()
    await page.goto(f"{site.url}/timetables/{timetable.id}/solve")
    await page.fill("input[name=seconds]", "2")
    await page.click("#solve-form button[type=submit]")
    await expect(page.locator("#solve-bar")).to_have_attribute("value", "0")

    clock.current += timedelta(seconds=1)
    await expect(page.locator("#solve-percent")).to_have_text("50", timeout=LIVE_MS)
    await expect(page.locator("#solve-bar")).to_have_attribute("value", "50")
    held.release()

    await expect(page.locator("#outcome")).to_have_text(
        "This timetable is now in use.", timeout=LIVE_MS
    )
    await expect(page.locator("#solve-bar")).to_have_count(0)
