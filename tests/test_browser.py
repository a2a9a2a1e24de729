"""The secretary's first hour, in a real headless Chromium (Debian's package, via Playwright):
sign in, download the template, import 50 students, find them, archive one and restore them,
and verify the audit chain."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from openpyxl import load_workbook
from playwright.async_api import async_playwright

from admin_web.app import create_app
from core.models.people import Role
from tests.browsers import CHROMIUM_FLAGS, require_chromium
from tests.factories import make_group, make_member, make_organisation, valid_iin

pytestmark = pytest.mark.browser
FIRST_NAMES = [
    "Әсел",
    "Нұрлан",
    "Аружан",
    "Дәулет",
    "Іңкәр",
    "Ерасыл",
    "Айым",
    "Санжар",
    "Томирис",
    "Ілияс",
]


@pytest.fixture
async def browser_page(tmp_path: Path) -> AsyncIterator[object]:
    executable = require_chromium()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        context = await browser.new_context(locale="en-US", accept_downloads=True)
        page = await context.new_page()
        try:
            yield page
        finally:
            await page.screenshot(path=str(tmp_path / "last-page.png"), full_page=True)
            await browser.close()


def fill_template(template: bytes, group_name: str, count: int) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    columns = {str(cell.value).rstrip("*"): cell.column for cell in sheet[1] if cell.value}
    for index in range(count):
        row = index + 2
        sheet.cell(row, columns["Last name"], f"Тестов{index:02d}")
        sheet.cell(row, columns["First name"], FIRST_NAMES[index % len(FIRST_NAMES)])
        sheet.cell(row, columns["IIN"], valid_iin())
        sheet.cell(row, columns["Group"], group_name)
        if index % 2 == 0:
            sheet.cell(row, columns["Parent last name"], f"Тестова{index:02d}")
            sheet.cell(row, columns["Parent first name"], "Гүлнар")
            sheet.cell(row, columns["Parent phone"], f"+7701{index:07d}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


async def test_a_secretary_imports_50_students_and_archives_and_restores_one(
    deps, browser_page, tmp_path
):
    page = browser_page
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(deps, system, Role.ADMIN, login="secretary@bilim.kz")
    await make_group(deps, admin, name="Математика 7А", capacity=60)
    server = TestServer(create_app(deps))
    await server.start_server()
    base = str(server.make_url("")).rstrip("/")
    try:
        await page.goto(f"{base}/people")
        await page.fill("input[name=login]", "secretary@bilim.kz")
        await page.fill("input[name=password]", "correct horse")
        await page.click("button[type=submit]")
        await page.wait_for_url(f"{base}/people")

        await page.goto(f"{base}/import")
        async with page.expect_download() as download_info:
            await page.click("text=Download the template")
        template = Path(await (await download_info.value).path()).read_bytes()
        upload = tmp_path / "students.xlsx"
        upload.write_bytes(fill_template(template, "Математика 7А", 50))
        await page.set_input_files("input[name=file]", str(upload))
        await page.click("text=Check and import")
        await page.wait_for_load_state()
        assert "50" in await page.inner_text("main")

        await page.goto(f"{base}/people?role=student&q=тестов")
        assert "50 people found" in await page.inner_text("main")
        await page.click("text=Тестов07 Санжар")
        await page.click("button:has-text('Archive')")
        assert "archived" in await page.inner_text("h1")
        await page.goto(f"{base}/people?role=student&q=тестов")
        assert "49 people found" in await page.inner_text("main")
        await page.goto(f"{base}/people?role=student&q=тестов07&archived=1")
        await page.click("text=Тестов07 Санжар")
        await page.click("button:has-text('Restore')")
        assert "archived" not in await page.inner_text("h1")

        await page.goto(f"{base}/groups")
        assert "50" in await page.inner_text("main")
        await page.goto(f"{base}/audit?verify=1")
        assert "The audit chain is intact" in await page.inner_text("main")
    finally:
        await server.close()
