import io

from aiohttp import FormData

from core.models.people import Role
from tests.factories import make_member, make_organisation
from tests.web import text_of


async def test_sign_in_shows_the_organisation_and_sign_out_ends_the_session(deps, panel):
    system = await make_organisation(deps, name="Білім орталығы")
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    response = await panel.sign_in("Admin@Taraz.kz")
    assert response.status == 200
    assert "Білім орталығы" in text_of(await response.text())
    await panel.post("/logout")
    response, _ = await panel.get("/people", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"].startswith("/login")


async def test_wrong_password_and_unknown_login_get_the_same_answer(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    wrong = await panel.sign_in("admin@taraz.kz", "wrong password")
    unknown = await panel.sign_in("nobody@taraz.kz", "wrong password")
    assert wrong.status == unknown.status == 401
    assert text_of(await wrong.text()).count("Wrong login or password") == 1
    assert "Wrong login or password" in text_of(await unknown.text())


async def test_sign_in_is_rate_limited_per_login(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    for _ in range(deps.settings.login_attempts_per_minute):
        assert (await panel.sign_in("admin@taraz.kz", "guess")).status == 401
    blocked = await panel.sign_in("admin@taraz.kz", "correct horse")
    assert blocked.status == 429


async def test_a_form_without_the_csrf_token_is_refused(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.sign_in("admin@taraz.kz")
    response = await panel.client.post("/language", data={"language": "kk"})
    assert response.status == 403


async def test_language_switch_translates_the_panel(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.sign_in("admin@taraz.kz")
    _, body = await panel.post("/language", {"language": "en", "next": "/"})
    assert "Sign out" in text_of(body)


async def test_sign_in_never_redirects_to_another_site(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.get("/login")
    response, _ = await panel.post(
        "/login",
        {"login": "admin@taraz.kz", "password": "correct horse", "next": "//evil.example/x"},
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/"


async def test_a_stray_anonymous_request_does_not_break_the_sign_in_form(deps, panel):
    """Browsers fetch /favicon.ico between showing the form and posting it."""
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.get("/login")
    await panel.client.get("/favicon.ico", allow_redirects=False)
    response, _ = await panel.post(
        "/login", {"login": "admin@taraz.kz", "password": "correct horse"}
    )
    assert response.status == 200


async def test_an_oversized_upload_gets_a_page_that_says_so(deps, panel):
    system = await make_organisation(deps)
    await make_member(deps, system, Role.ADMIN, login="admin@taraz.kz")
    await panel.sign_in("admin@taraz.kz")
    form = FormData()
    form.add_field("csrf_token", panel.csrf)
    form.add_field(
        "file", io.BytesIO(b"x" * (deps.settings.max_upload_bytes * 3 + 1)), filename="big.xlsx"
    )
    response, body = await panel.post("/import", form)
    assert response.status == 413
    assert "too large" in text_of(body)


async def test_the_panel_speaks_the_browser_language_and_russian_by_default(deps):
    from tests.web import open_panel

    async with open_panel(deps, language="kk-KZ,kk;q=0.9") as kazakh:
        _, body = await kazakh.get("/login")
        assert "Кіру" in text_of(body)
        assert "Sign in" not in text_of(body)
    async with open_panel(deps, language="de-DE") as german:
        _, body = await german.get("/login")
        assert "Войти" in text_of(body)
