"""Invitations over real HTTP: created on a card, accepted in another browser, revoked, expired."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from core.services.accounts import create_invitation
from core.services.people import PersonData, Role, create_person
from tests.factories import make_member, make_organisation
from tests.web import Panel, open_panel, text_of

_LINK = re.compile(r"/invite/([A-Za-z0-9_-]+)")


@asynccontextmanager
async def fresh_browser(deps) -> AsyncIterator[Panel]:
    """Another browser: no cookies, nobody signed in."""
    async with open_panel(deps) as browser:
        yield browser


async def invite_from_card(deps, panel: Panel) -> tuple[int, str]:
    """An admin signs in, opens a teacher's card and creates an invitation; its code."""
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(
        deps, system, Role.ADMIN, last_name="Директорова", login="admin@taraz.kz"
    )
    card = await create_person(
        deps, admin, data=PersonData("Омаров", "Нұрлан"), roles=(Role.TEACHER,)
    )
    await panel.sign_in("admin@taraz.kz")
    response, body = await panel.post(f"/people/{card.id}/invite")
    assert response.status == 200
    match = re.search(r"Invitation created: code ([A-Za-z0-9_-]+)\.", text_of(body))
    assert match, text_of(body)
    code = match.group(1)
    assert f"/invite/{code}" in body  # the web link to send
    return card.id, code


async def accept(browser: Panel, code: str, login: str = "nurlan@taraz.kz") -> tuple[int, str]:
    await browser.get(f"/invite/{code}")
    response, body = await browser.post(
        f"/invite/{code}",
        {"login": login, "password": "my own secret", "password_again": "my own secret"},
    )
    return response.status, text_of(body)


async def test_an_invited_person_sets_a_login_and_password_and_signs_in_with_them(deps, panel):
    person_id, code = await invite_from_card(deps, panel)
    async with fresh_browser(deps) as browser:
        _, body = await browser.get(f"/invite/{code}")
        assert "Welcome, Омаров Нұрлан!" in text_of(body)
        status, page = await accept(browser, code)
        assert status == 200
        assert "Білім орталығы" in page
        assert "Sign out" in page
    async with fresh_browser(deps) as browser:
        response = await browser.sign_in("nurlan@taraz.kz", "my own secret")
        assert response.status == 200
        assert "Sign out" in text_of(await response.text())

    _, body = await panel.get(f"/people/{person_id}")
    assert "Web login: nurlan@taraz.kz" in text_of(body)
    _, body = await panel.get("/invitations")
    assert "Омаров Нұрлан" in text_of(body)
    assert "Used" in text_of(body)
    assert "Revoke" not in text_of(body)


async def test_a_used_code_cannot_be_used_again(deps, panel):
    _, code = await invite_from_card(deps, panel)
    async with fresh_browser(deps) as browser:
        assert (await accept(browser, code))[0] == 200
    async with fresh_browser(deps) as browser:
        response, body = await browser.get(f"/invite/{code}")
        assert response.status == 400
        assert "This invitation has already been used. Ask for a new one." in text_of(body)
        status, page = await accept(browser, code, login="someone.else@taraz.kz")
        assert status == 400
        assert "already been used" in page
    async with fresh_browser(deps) as browser:
        assert (await browser.sign_in("someone.else@taraz.kz", "my own secret")).status == 401


async def test_a_revoked_code_is_no_longer_valid(deps, panel):
    _, code = await invite_from_card(deps, panel)
    _, body = await panel.get("/invitations")
    assert "Open" in text_of(body)
    revoke = re.search(r'action="(/invitations/\d+/revoke)"', body)
    assert revoke
    _, body = await panel.post(revoke.group(1))
    assert "The invitation is revoked." in text_of(body)
    assert "Revoked" in text_of(body)
    assert f"/invite/{code}" not in body

    response, body = await panel.post(revoke.group(1))
    assert response.status == 409
    assert "This invitation can no longer be revoked." in text_of(body)

    async with fresh_browser(deps) as browser:
        response, body = await browser.get(f"/invite/{code}")
        assert response.status == 400
        assert "This invitation code is not valid. Ask for a new one." in text_of(body)
        status, page = await accept(browser, code)
        assert status == 400
        assert "This invitation code is not valid." in page


async def test_a_code_expires_after_a_week(deps, panel, clock):
    person_id, code = await invite_from_card(deps, panel)
    clock.advance(timedelta(days=8))
    async with fresh_browser(deps) as browser:
        response, body = await browser.get(f"/invite/{code}")
        assert response.status == 400
        assert "This invitation has expired. Ask for a new one." in text_of(body)
        status, page = await accept(browser, code)
        assert status == 400
        assert "expired" in page
    _, body = await panel.get("/invitations")
    assert "Expired" in text_of(body)
    assert "Revoke" not in text_of(body)
    _, body = await panel.get(f"/people/{person_id}")
    assert f"/invite/{code}" not in body  # the card lists only open invitations


async def test_unknown_and_foreign_invitations_cannot_be_revoked(deps, panel):
    await invite_from_card(deps, panel)
    other = await make_organisation(deps, name="Басқа мектеп")
    stranger = await create_person(
        deps, other, data=PersonData("Бөтен", "Адам"), roles=(Role.TEACHER,)
    )
    foreign = await create_invitation(deps, other, person_id=stranger.id)
    for path in (f"/invitations/{foreign.id}/revoke", "/invitations/99999999999/revoke"):
        response, body = await panel.post(path)
        assert response.status == 404
        assert "This page does not exist." in text_of(body)
    async with fresh_browser(deps) as browser:
        _, body = await browser.get(f"/invite/{foreign.code}")
        assert "Welcome, Бөтен Адам!" in text_of(body)


async def test_the_invitations_page_needs_the_permission(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.TEACHER, login="teacher@taraz.kz")
    student = await create_person(
        deps, system, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    await panel.sign_in("teacher@taraz.kz")
    response, _ = await panel.get("/invitations")
    assert response.status == 403
    response, _ = await panel.post(f"/people/{student.id}/invite")
    assert response.status == 403
