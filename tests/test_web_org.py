"""Organisation settings over real HTTP: the form, feature toggles, the logo and the tree."""

from __future__ import annotations

import io
import re

import aiohttp
from PIL import Image

from core.models.people import Role
from core.services.orgs import get_organisation, list_subtree, set_feature
from tests.factories import make_member, make_organisation
from tests.web import text_of


async def _signed_in_admin(deps, panel, login="admin@taraz.kz"):
    system = await make_organisation(deps, name="Білім орталығы")
    admin = await make_member(deps, system, Role.ADMIN, login=login)
    assert (await panel.sign_in(login)).status == 200
    return system, admin


def _settings(**changes):
    form = {
        "name_kk": "Білім орталығы",
        "name_ru": "Центр знаний",
        "name_en": "Knowledge Centre",
        "timezone": "Asia/Almaty",
        "default_language": "ru",
        "phone": "",
        "email": "",
        "address": "",
        "website": "",
    }
    return {**form, **changes}


def _section_text(body: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', body, re.S)
    assert match, f"no section {section_id}"
    return text_of(match.group(1))


def _png(width: int, height: int, colour=(11, 110, 79)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


async def _upload(panel, content: bytes, filename: str, content_type: str = "image/png"):
    await panel.get("/organisation")
    form = aiohttp.FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field("logo", io.BytesIO(content), filename=filename, content_type=content_type)
    return await panel.post("/organisation/logo", form)


async def test_settings_are_saved_and_shown(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    await panel.get("/organisation")
    response, body = await panel.post(
        "/organisation",
        _settings(
            timezone="Asia/Bishkek",
            default_language="kk",
            phone="8 701 123 45 67",
            email="info@bilim.kz",
            address="Тараз, Төле би к-сі, 12",
            website="https://bilim.kz",
        ),
    )
    assert response.status == 200
    assert "Saved." in text_of(body)
    organisation = await get_organisation(admin)
    assert organisation.name_en == "Knowledge Centre"
    assert organisation.timezone == "Asia/Bishkek"
    assert organisation.default_language == "kk"
    assert organisation.phone.startswith("+7701")
    assert organisation.address == "Тараз, Төле би к-сі, 12"
    assert '<option value="Asia/Bishkek" selected>' in body


async def test_an_unknown_time_zone_is_refused_and_nothing_changes(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    await panel.get("/organisation")
    response, body = await panel.post(
        "/organisation", _settings(name_en="Renamed", timezone="Mars/Olympus")
    )
    assert response.status == 400
    assert "“Mars/Olympus” is not a known time zone, for example Asia/Almaty." in text_of(body)
    assert 'value="Renamed"' in body  # the form keeps what was typed
    organisation = await get_organisation(admin)
    assert (organisation.name_en, organisation.timezone) == ("Білім орталығы", "Asia/Almaty")


async def test_a_bad_email_is_refused(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    await panel.get("/organisation")
    response, body = await panel.post("/organisation", _settings(email="not an address"))
    assert response.status == 400
    assert "is not an e-mail address" in text_of(body)
    assert (await get_organisation(admin)).email == ""


async def test_a_png_logo_is_resized_to_150_by_150_and_served(deps, panel):
    await _signed_in_admin(deps, panel)
    response, _ = await panel.get("/organisation/logo")
    assert response.status == 404

    response, body = await _upload(panel, _png(640, 400), "logo.png")
    assert response.status == 200
    assert "The logo is saved." in text_of(body)
    assert '<img src="/organisation/logo?v=' in body

    response = await panel.client.get("/organisation/logo")
    assert response.status == 200
    assert response.content_type == "image/png"
    with Image.open(io.BytesIO(await response.read())) as logo:
        assert logo.format == "PNG"
        assert logo.size == (150, 150)


async def test_a_jpeg_logo_is_accepted(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (200, 30, 30)).save(buffer, format="JPEG")
    response, _ = await _upload(panel, buffer.getvalue(), "logo.jpg", "image/jpeg")
    assert response.status == 200
    assert (await get_organisation(admin)).logo


async def test_a_text_file_named_png_is_refused(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    response, body = await _upload(panel, "Бұл сурет емес.\n".encode() * 50, "logo.png")
    assert response.status == 400
    assert "The logo must be a JPG or PNG picture." in text_of(body)
    assert (await get_organisation(admin)).logo == ""
    response, _ = await panel.get("/organisation/logo")
    assert response.status == 404


async def test_a_logo_over_4_mb_is_refused_and_the_old_one_kept(deps, panel):
    _, admin = await _signed_in_admin(deps, panel)
    await _upload(panel, _png(200, 200), "logo.png")
    before = (await get_organisation(admin)).logo
    huge = _png(10, 10) + b"\0" * (5 * 1024 * 1024)
    response, body = await _upload(panel, huge, "huge.png")
    assert response.status == 400
    assert "The logo is too large: at most 4 MB." in text_of(body)
    assert (await get_organisation(admin)).logo == before


async def test_uploading_without_a_file_is_explained(deps, panel):
    await _signed_in_admin(deps, panel)
    await panel.get("/organisation")
    response, body = await panel.post("/organisation/logo", {})
    assert response.status == 400
    assert "Choose a JPG or PNG picture to upload." in text_of(body)


async def test_features_can_be_hidden_and_shown_again(deps, panel):
    system, admin = await _signed_in_admin(deps, panel)
    await panel.get("/organisation")
    shown = ["chat", "schedule", "testing"]
    response, body = await panel.post("/organisation/features", {"feature": shown})
    assert response.status == 200
    assert "Hidden features keep all their data." in text_of(body)
    organisation = await get_organisation(admin)
    assert organisation.feature_enabled("chat")
    assert not organisation.feature_enabled("finance")
    assert '<input type="checkbox" name="feature" value="finance" >' in body
    assert '<input type="checkbox" name="feature" value="chat" checked>' in body

    await set_feature(
        deps, system, organisation_id=system.organisation_id, feature="finance", enabled=True
    )
    assert (await get_organisation(admin)).feature_enabled("finance")
    _, body = await panel.get("/organisation")
    assert '<input type="checkbox" name="feature" value="finance" checked>' in body


async def test_a_manager_sees_the_settings_but_cannot_change_them(deps, panel):
    system = await make_organisation(deps, name="Білім орталығы")
    manager = await make_member(deps, system, Role.MANAGER, login="manager@taraz.kz")
    await panel.sign_in("manager@taraz.kz")
    response, body = await panel.get("/organisation")
    assert response.status == 200
    assert "Білім орталығы" in text_of(body)
    assert "Asia/Almaty" in text_of(body)
    assert 'action="/organisation"' not in body
    assert 'action="/organisation/features"' not in body
    assert 'action="/organisation/logo"' not in body
    response, _ = await panel.post("/organisation", _settings(name_en="Hijacked"))
    assert response.status == 403
    response, _ = await _upload(panel, _png(50, 50), "logo.png")
    assert response.status == 403
    organisation = await get_organisation(manager)
    assert (organisation.name_en, organisation.logo) == ("Білім орталығы", "")


async def test_a_branch_is_added_under_the_centre_and_shown_in_the_tree(deps, panel):
    system, admin = await _signed_in_admin(deps, panel)
    await panel.get("/organisation")
    await panel.post("/organisation", _settings(timezone="Asia/Oral", default_language="kk"))
    response, body = await panel.post(
        "/organisation/children",
        {
            "parent_id": str(system.organisation_id),
            "kind": "branch",
            "name_kk": "Шымкент филиалы",
            "name_ru": "Филиал в Шымкенте",
        },
    )
    assert response.status == 200
    assert "The organisation is added." in text_of(body)
    tree = await list_subtree(admin)
    assert [(depth, org.name("kk")) for depth, org in tree] == [
        (0, "Білім орталығы"),
        (1, "Шымкент филиалы"),
    ]
    branch = tree[1][1]
    assert (branch.timezone, branch.default_language) == ("Asia/Oral", "kk")
    assert "Филиал в Шымкенте" in _section_text(body, "tree")


async def test_a_kind_that_cannot_sit_here_is_refused(deps, panel):
    system, admin = await _signed_in_admin(deps, panel)
    await panel.get("/organisation")
    response, body = await panel.post(
        "/organisation/children",
        {"parent_id": str(system.organisation_id), "kind": "school", "name_ru": "Школа №5"},
    )
    assert response.status == 400
    assert "This kind of organisation cannot be placed here." in text_of(body)
    assert 'value="Школа №5"' in body
    assert len(await list_subtree(admin)) == 1


async def test_an_organisation_outside_reach_is_not_found(deps, panel):
    await _signed_in_admin(deps, panel)
    stranger = await make_organisation(deps, name="Бөтен")
    await panel.get("/organisation")
    response, _ = await panel.post(
        "/organisation/children",
        {"parent_id": str(stranger.organisation_id), "kind": "branch", "name_ru": "Филиал"},
    )
    assert response.status == 404
