"""A student and a teacher chat in the web panel, each in their own headless Chromium context
(Debian's package, via Playwright): messages and unread counts arrive live over the websocket
without reloading, the search box finds an inflected Kazakh word, a dropped connection
loses and duplicates nothing, and announcement channels, support threads and "Seen by" work
as a person uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser, Locator, Page, Route, expect

from core.actor import Actor
from core.services.messages import history, send_message
from tests.browsers import LIVE_MS
from tests.factories import make_web_chat_centre

pytestmark = pytest.mark.browser
GROUP = "Алгебра 7А"


async def _centre(deps) -> tuple[Actor, int]:
    """The web chat tests' centre; the teacher and the group chat."""
    _, _, teacher, _, chat_id = await make_web_chat_centre(deps)
    return teacher, chat_id


async def _open_chat(browser: Browser, base: str, login: str, *, phone: bool = False) -> Page:
    """A fresh browser context (its own cookies) signed in on the chat page."""
    context = await browser.new_context(
        locale="en-US", viewport={"width": 390, "height": 844} if phone else None
    )
    page = await context.new_page()
    await page.goto(f"{base}/chat")
    await page.fill("input[name=login]", login)
    await page.fill("input[name=password]", "correct horse")
    await page.click("button[type=submit]")
    await page.wait_for_url(f"{base}/chat")
    await _connected(page)
    # A mark that a reload would wipe out.
    await page.evaluate("window.sabaqTestMark = 'no reload'")
    return page


async def _connected(page: Page) -> None:
    """The status line empties once the websocket has said hello and caught up."""
    await expect(page.locator("#chat-status")).to_have_text("", timeout=LIVE_MS)


def _message(page: Page, text: str) -> Locator:
    return page.locator("#chat-messages li.msg:not(.pending)", has_text=text)


async def _texts(page: Page) -> list[str]:
    return await page.locator("#chat-messages li.msg .msg-body").all_inner_texts()


async def test_a_student_and_a_teacher_chat_live_and_search_finds_inflected_kazakh(
    deps, browser, site, tmp_path: Path
):
    await _centre(deps)
    student = await _open_chat(browser, site.url, "aigul@bilim.kz", phone=True)
    teacher = await _open_chat(browser, site.url, "teacher@bilim.kz")
    try:
        # On a phone the list and the conversation take the whole screen in turn.
        await expect(student.locator("#chat-text")).to_be_hidden()
        await student.click(f"#chat-list a:has-text('{GROUP}')")
        await expect(student.locator("#chat-title")).to_have_text(GROUP)
        await expect(student.locator("#chat-list")).to_be_hidden()
        await student.fill("#chat-text", "Апай, ертең сабаққа кешігемін")
        await student.click("#chat-send")
        await expect(_message(student, "ертең сабаққа кешігемін")).to_be_visible(timeout=LIVE_MS)

        # The teacher has not opened the group yet: the unread count appears live.
        group_link = teacher.locator("#chat-list a", has_text=GROUP)
        await expect(group_link.locator(".badge")).to_have_text("1", timeout=LIVE_MS)
        await group_link.click()
        await expect(_message(teacher, "ертең сабаққа кешігемін")).to_be_visible(timeout=LIVE_MS)
        await expect(group_link.locator(".badge")).to_have_count(0)
        await expect(_message(teacher, "ертең сабаққа")).to_contain_text("Сейтқали Айгүл")

        await teacher.fill("#chat-text", "Жарайды, Айгүл. Үй тапсырмасын ұмытпа")
        await teacher.press("#chat-text", "Enter")
        await expect(_message(student, "Үй тапсырмасын ұмытпа")).to_be_visible(timeout=LIVE_MS)
        await expect(_message(student, "Үй тапсырмасын ұмытпа")).to_contain_text("Ахметов Ерлан")

        # Both messages went out once each, in order, and neither page was reloaded.
        for page in (student, teacher):
            assert await _texts(page) == [
                "Апай, ертең сабаққа кешігемін",
                "Жарайды, Айгүл. Үй тапсырмасын ұмытпа",
            ]
            assert await page.evaluate("window.sabaqTestMark") == "no reload"

        await student.click("#chat-back")
        await student.fill("#chat-search-q", "сабақ")
        await student.press("#chat-search-q", "Enter")
        hits = student.locator("#chat-hits")
        await expect(hits).to_contain_text("ертең сабаққа кешігемін", timeout=LIVE_MS)
        await expect(hits).to_contain_text(GROUP)
        await expect(hits).not_to_contain_text("Үй тапсырмасын")
    finally:
        await student.screenshot(path=str(tmp_path / "student.png"), full_page=True)
        await teacher.screenshot(path=str(tmp_path / "teacher.png"), full_page=True)


async def test_after_a_dropped_connection_nothing_is_lost_or_sent_twice(
    deps, browser, site, tmp_path: Path
):
    teacher_actor, chat_id = await _centre(deps)
    student = await _open_chat(browser, site.url, "aigul@bilim.kz")
    teacher = await _open_chat(browser, site.url, "teacher@bilim.kz")
    try:
        for page in (student, teacher):
            await page.click(f"#chat-list a:has-text('{GROUP}')")
        await student.fill("#chat-text", "Сәлеметсіз бе")
        await student.click("#chat-send")
        await expect(_message(teacher, "Сәлеметсіз бе")).to_be_visible(timeout=LIVE_MS)

        await site.stop()
        await expect(student.locator("#chat-status")).to_have_text(
            "No connection. Reconnecting…", timeout=LIVE_MS
        )
        await student.fill("#chat-text", "Мен жолдамын")
        await student.click("#chat-send")
        waiting = student.locator("#chat-messages li.pending", has_text="Мен жолдамын")
        await expect(waiting).to_contain_text("Not sent yet", timeout=LIVE_MS)
        # Meanwhile the teacher answers from elsewhere (the Telegram bot, say).
        await send_message(
            deps, teacher_actor, conversation_id=chat_id, text="Сабақ 10:00-де басталады"
        )

        await site.start()
        expected = ["Сәлеметсіз бе", "Сабақ 10:00-де басталады", "Мен жолдамын"]
        for page in (student, teacher):
            await _connected(page)
            await expect(_message(page, "Мен жолдамын")).to_be_visible(timeout=LIVE_MS)
            await expect(page.locator("#chat-messages li.msg .msg-body")).to_have_text(expected)
            assert await page.evaluate("window.sabaqTestMark") == "no reload"
        stored = await history(teacher_actor, chat_id)
        assert [message.text for message in stored.messages] == expected
    finally:
        await student.screenshot(path=str(tmp_path / "student.png"), full_page=True)
        await teacher.screenshot(path=str(tmp_path / "teacher.png"), full_page=True)


async def _post(page: Page, text: str) -> Locator:
    """Write a message in the open conversation and wait until the server has stored it."""
    await page.fill("#chat-text", text)
    await page.press("#chat-text", "Enter")
    posted = _message(page, text)
    await expect(posted).to_be_visible(timeout=LIVE_MS)
    return posted


async def _create_channel(page: Page, title: str, *, readers: str, posters: str) -> None:
    """Fill the "New channel" form as a person would, by its visible labels."""
    await page.click("#chat-channel-new")
    form = page.locator("#chat-channel")
    await form.locator("input[name=title]").fill(title)
    await form.get_by_role("group", name="Who reads it").get_by_label(readers).check()
    await form.get_by_role("group", name="Who posts").get_by_label(posters).check()
    await form.get_by_role("button", name="Create the channel").click()
    await expect(page.locator("#chat-title")).to_have_text(title)
    await expect(form).to_be_hidden()


async def _ask_the_centre(page: Page, title: str) -> None:
    """Open a support thread from the keyboard: the title field has focus, Enter sends."""
    await page.click("#chat-ask-new")
    field = page.locator("#chat-ask input[name=title]")
    await expect(field).to_be_focused()
    await field.fill(title)
    await field.press("Enter")
    await expect(page.locator("#chat-title")).to_have_text(title)


async def test_an_admins_channel_is_read_only_for_students_who_ask_the_centre_in_a_thread(
    deps, browser, site, tmp_path: Path
):
    await _centre(deps)
    admin = await _open_chat(browser, site.url, "admin@bilim.kz")
    student = await _open_chat(browser, site.url, "aigul@bilim.kz", phone=True)
    try:
        await _create_channel(admin, "Хабарландырулар", readers="Student", posters="Administrator")
        await _post(admin, "Ертең демалыс")

        # The student's page lists the channel without a reload; they read but cannot post.
        channel = student.locator("#chat-list a", has_text="Хабарландырулар")
        await channel.click(timeout=LIVE_MS)
        await expect(_message(student, "Ертең демалыс")).to_be_visible(timeout=LIVE_MS)
        await expect(student.locator("#chat-readonly")).to_be_visible()
        await expect(student.locator("#chat-compose")).to_be_hidden()
        await expect(_message(student, "Ертең демалыс").get_by_role("button")).to_have_count(0)

        await student.click("#chat-back")
        await _ask_the_centre(student, "Төлем туралы")
        question = await _post(student, "Чек келмеді")
        await question.get_by_role("button", name="Seen by 0").click()
        await expect(question.locator(".msg-readers")).to_have_text("No one has read it yet.")
        assert await student.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        ), "nothing sticks out sideways on a phone"
        assert await student.evaluate("window.sabaqTestMark") == "no reload"

        # After a reload the admin finds the request, and sees that the student read the news.
        await admin.reload()
        await _connected(admin)
        await admin.click("#chat-list a:has-text('Хабарландырулар')")
        seen = _message(admin, "Ертең демалыс").locator("button.msg-seen")
        await expect(seen).to_have_text("Seen by 1", timeout=LIVE_MS)
        await seen.click()
        await expect(seen).to_have_attribute("aria-expanded", "true")
        readers = _message(admin, "Ертең демалыс").locator(".msg-readers li")
        await expect(readers).to_have_text(["Сейтқали Айгүл"])
        # A later announcement: the count moves live when the student opens the channel.
        later = (await _post(admin, "Дүйсенбі сабақ 9:00-де")).locator("button.msg-seen")
        await expect(later).to_have_text("Seen by 0", timeout=LIVE_MS)
        await student.click("#chat-back")
        await channel.click()
        await expect(_message(student, "Дүйсенбі сабақ")).to_be_visible(timeout=LIVE_MS)
        await expect(later).to_have_text("Seen by 1", timeout=LIVE_MS)

        await admin.locator("#chat-waiting summary").click()
        await admin.locator("#chat-waiting button", has_text="Төлем туралы").click()
        await expect(admin.locator("#chat-title")).to_have_text("Төлем туралы")
        await expect(_message(admin, "Чек келмеді")).to_contain_text("Сейтқали Айгүл")
        await expect(admin.locator("#chat-waiting")).to_be_hidden()
        await expect(admin.locator("#chat-list a", has_text="Төлем туралы")).to_be_visible()
    finally:
        await admin.screenshot(path=str(tmp_path / "admin.png"), full_page=True)
        await student.screenshot(path=str(tmp_path / "student.png"), full_page=True)


async def test_a_message_on_screen_counts_as_read_even_if_the_reader_leaves_before_history_loads(
    deps, browser, site
):
    await _centre(deps)
    admin = await _open_chat(browser, site.url, "admin@bilim.kz")
    student = await _open_chat(browser, site.url, "aigul@bilim.kz", phone=True)
    held: list[Route] = []

    async def hold(route: Route) -> None:
        held.append(route)

    await student.route("**/conversations/*/messages?*", hold)
    try:
        await _create_channel(admin, "Хабарландырулар", readers="Student", posters="Administrator")
        seen = (await _post(admin, "Ертең демалыс")).locator("button.msg-seen")
        await expect(seen).to_have_text("Seen by 0", timeout=LIVE_MS)

        # The news came live, so it shows while the history is still loading (held here);
        # the student reads it and goes back before the load ends.
        await student.locator("#chat-list a", has_text="Хабарландырулар").click(timeout=LIVE_MS)
        await expect(_message(student, "Ертең демалыс")).to_be_visible()
        await student.click("#chat-back")

        await expect(seen).to_have_text("Seen by 1", timeout=LIVE_MS)
        assert held, "the history load was still under way when the student left"
    finally:
        for route in held:
            await route.continue_()
