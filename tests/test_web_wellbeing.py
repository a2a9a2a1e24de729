"""The panel's well-being alerts (issue 9): a psychologist sees the open alert and
acknowledges it with the page's form; the page speaks Kazakh and Russian; a teacher
cannot open it and a forged form changes nothing."""

from __future__ import annotations

from core.actor import Actor
from core.deps import Deps
from core.models.people import Account
from core.safety import Concern
from core.services.wellbeing import list_alerts, raise_alert
from tests.test_wellbeing import make_school
from tests.web import Panel, open_panel, text_of


async def login_of(deps: Deps, actor: Actor) -> str:
    """The web login ``make_member`` gave the person."""
    return (await Account.get(person_id=actor.person_id)).login or ""


def row_text(body: str, alert_id: int) -> str:
    row = body.split(f'id="alert-{alert_id}">')[1].split("</tr>", maxsplit=1)[0]
    return text_of(row).strip()


async def test_a_psychologist_acknowledges_an_open_alert_in_the_panel(deps: Deps, panel: Panel):
    school = await make_school(deps)
    alert_id = await raise_alert(deps, school.student, concerns={Concern.SUICIDE}) or 0
    await raise_alert(deps, school.student, concerns={Concern.SELF_HARM})
    assert (await panel.sign_in(await login_of(deps, school.psychologist))).status == 200

    response, body = await panel.get("/wellbeing")
    assert response.status == 200
    assert 'href="/wellbeing"' in body  # in the navigation
    assert row_text(body, alert_id) == (
        "№ 1 Омаров Нұр (9А) self-harm, thoughts of suicide 01.09.2026 11:00 "
        "01.09.2026 11:00 2 Acknowledge"
    )

    response, body = await panel.post(f"/wellbeing/{alert_id}/acknowledge")
    assert response.status == 200
    assert "Alert №1 is acknowledged." in text_of(body)
    assert "No alert is waiting." in text_of(body)
    assert row_text(body, alert_id) == (
        "№ 1 Омаров Нұр (9А) self-harm, thoughts of suicide 01.09.2026 11:00 "
        "Ким Әсел, 01.09.2026 11:00"
    )
    response, body = await panel.post(f"/wellbeing/{alert_id}/acknowledge")
    assert "Alert №1 was already acknowledged by Ким Әсел." in text_of(body)


async def test_the_page_speaks_kazakh_and_russian(deps: Deps):
    school = await make_school(deps)
    await raise_alert(deps, school.student, concerns={Concern.BULLYING})
    for language, title, concern in (
        ("kk", "Әл-ауқат дабылдары", "қорлау (буллинг)"),
        ("ru", "Тревожные сигналы", "травля"),
    ):
        async with open_panel(deps, language) as panel:
            await panel.sign_in(await login_of(deps, school.admin))
            _, body = await panel.get("/wellbeing")
            assert title in text_of(body) and concern in text_of(body)


async def test_a_teacher_cannot_see_or_acknowledge_alerts(deps: Deps, panel: Panel):
    school = await make_school(deps)
    alert_id = await raise_alert(deps, school.student, concerns={Concern.ABUSE}) or 0
    await panel.sign_in(await login_of(deps, school.teacher))

    response, body = await panel.get("/wellbeing")
    assert response.status == 403
    assert 'href="/wellbeing"' not in body
    response, _ = await panel.post(f"/wellbeing/{alert_id}/acknowledge")
    assert response.status == 403
    (alert,) = await list_alerts(deps, school.admin)
    assert alert.open


async def test_a_form_without_the_csrf_token_is_refused(deps: Deps, panel: Panel):
    school = await make_school(deps)
    alert_id = await raise_alert(deps, school.student, concerns={Concern.ABUSE}) or 0
    await panel.sign_in(await login_of(deps, school.psychologist))

    response = await panel.client.post(f"/wellbeing/{alert_id}/acknowledge", data={})
    assert response.status == 403
    (alert,) = await list_alerts(deps, school.admin)
    assert alert.open
