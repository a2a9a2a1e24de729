"""Well-being alerts in the main bot: the "Acknowledge" button under an alert
(``core.services.wellbeing``; the outbox delivers the alert itself).

The button names the alert's organisation, and the press acts there with every role the
person holds there — not only the role chosen in the menu: a psychologist who is also a
teacher, or works in two schools, must not have to switch roles before acknowledging.
The first press turns the message into "acknowledged by you"; a later press on anyone's copy
says who acknowledged it and when.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery

from bots.prompts import replace_pressed
from bots.routers.filters import Private
from bots.texts import Translator
from core.deps import Deps
from core.errors import NotFound
from core.i18n import N_
from core.services.lessons import format_when
from core.services.telegram import Identity, identity_actor
from core.services.wellbeing import acknowledge_alert

ACKNOWLEDGED = N_("Acknowledged. Thank you for taking care of it.")
ACKNOWLEDGED_LINE = N_("✓ Acknowledged by {name}, {time}.")
ALREADY = N_("Already acknowledged by {name}, {time}.")


class Acknowledge(CallbackData, prefix="wba"):
    """As ``core.services.wellbeing.ACKNOWLEDGE_DATA``."""

    alert: int
    organisation: int


async def acknowledge(
    query: CallbackQuery,
    callback_data: Acknowledge,
    bot: Bot,
    deps: Deps,
    identity: Identity | None,
    _: Translator,
) -> None:
    actor = await identity_actor(identity, callback_data.organisation) if identity else None
    if actor is None:
        raise NotFound()
    done = await acknowledge_alert(deps, actor, alert_id=callback_data.alert)
    alert = done.alert
    when = format_when(alert.acknowledged_at, alert.zone) if alert.acknowledged_at else ""
    name = alert.acknowledged_by_name or "—"
    if not done.first:
        await query.answer(_(ALREADY, name=name, time=when), show_alert=True)
        return
    await query.answer(_(ACKNOWLEDGED))
    text = getattr(query.message, "text", None)  # an old message may be inaccessible
    line = _(ACKNOWLEDGED_LINE, name=name, time=when)
    await replace_pressed(query, bot, f"{text}\n\n{line}" if text else line)


def router() -> Router:
    wellbeing = Router(name="wellbeing")
    wellbeing.callback_query.filter(Private())
    wellbeing.callback_query.register(acknowledge, Acknowledge.filter())
    return wellbeing
