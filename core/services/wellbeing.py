"""Well-being alerts (issue 9): when the safety gate hears a child in danger, a person must
know at once and say that they do.

- **Raising** (``raise_alert``, called by the career bot on a gate hit, after the child got
  the helplines): one alert per person and organisation while it is unacknowledged
  (``WellbeingAlert.open_key`` is unique). A new hit joins the open alert (``hits``,
  ``last_hit_at``); the people alerted hear again only when it brings a concern the alert
  did not have yet (at most once per kind), so a child writing ten messages does not page
  anyone ten times. After an acknowledgement the next hit opens a new alert.
- **Who hears**: the organisation's psychologists (``Role.PSYCHOLOGIST``, their membership
  in the organisation itself), else its admins; an organisation with neither (a branch run
  from above) passes to the nearest ancestor that has them. Never the person the alert is
  about. They get a message through the main bot (the outbox) with an "Acknowledge" button
  (``ACKNOWLEDGE_DATA``), in their own language.
- **Acknowledging** (``acknowledge_alert``) needs ``wellbeing.alerts`` (psychologists and
  admins by default) in the alert's organisation; the first press records who and when, a
  later one is told who did it.
- **Escalation** (``wellbeing_tick``, the scheduler's minute job): an alert still
  unacknowledged ``Settings.wellbeing_escalation_minutes`` (default 15) after it was raised
  goes to the organisation's admins (nearest ancestor with admins), once: ``escalated_at``
  is claimed before anyone is told.
- **Screenings** (``do_raise_screening_alert``, called by ``core.services.screenings`` in
  the transaction of a critical answer, e.g. PHQ-9 item 9 above 0): an alert of its own per
  assignment (``source`` screening, ``open_key`` ``"screening:<assignment>"``, no concern
  kinds), told, acknowledged and escalated like the others. Its messages say only that a
  screening answer needs a safety check — never the answer, the score or the band, which
  stay with the psychologists (an escalation reaches admins).
- **What is kept**: the concern kinds, times and counts — not the child's words. A
  psychologist needs to know who, how serious and since when, and then talks to the child;
  the words would sit in a table admins read too and add nothing the conversation will not.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from core.actor import Actor
from core.deps import Deps
from core.errors import NotFound
from core.i18n import N_, gettext_for, pick_language
from core.models.academics import Enrolment
from core.models.org import Organisation
from core.models.people import Account, Membership, Role
from core.models.wellbeing import AlertSource, WellbeingAlert
from core.permissions import Permission, organisation_lineage, require
from core.safety import Concern
from core.services.audit import do_record
from core.services.lessons import format_when, person_names
from core.services.outbox import do_enqueue
from core.tx import Tx, transaction

log = logging.getLogger(__name__)

#: Callback data of the "Acknowledge" button (the main bot answers it).
ACKNOWLEDGE_DATA = "wba:{alert_id}:{organisation_id}"
ACKNOWLEDGE = N_("Acknowledge")
#: Acknowledged alerts the panel lists besides the open ones.
RECENT_DAYS = 30
LIST_LIMIT = 200

CONCERN_LABELS: dict[Concern, str] = {
    Concern.SUICIDE: N_("thoughts of suicide"),
    Concern.SELF_HARM: N_("self-harm"),
    Concern.VIOLENCE: N_("violence"),
    Concern.ABUSE: N_("abuse"),
    Concern.BULLYING: N_("bullying"),
}

ALERT = N_(
    "Well-being alert №{number}. {student} wrote in the career bot words that may mean: "
    "{concerns} ({time}). The bot gave them the helplines 150, 111 and 112. Please talk to "
    "them in person as soon as you can, then press “Acknowledge”. If nobody acknowledges it "
    "within {minutes} min, the administrators are called in."
)
ESCALATED = N_(
    "Well-being alert №{number} is still not acknowledged after {minutes} min. {student} "
    "wrote in the career bot words that may mean: {concerns} ({time}). Make sure someone "
    "talks to them today, then press “Acknowledge”."
)

ALERT_SCREENING = N_(
    "Well-being alert №{number}. {student} answered a screening questionnaire in a way that "
    "needs a safety check ({time}). Please talk to them in person today, then press "
    "“Acknowledge”. If nobody acknowledges it within {minutes} min, the administrators are "
    "called in."
)
ESCALATED_SCREENING = N_(
    "Well-being alert №{number} is still not acknowledged after {minutes} min. An answer "
    "of {student} in a screening questionnaire needs a safety check ({time}). Make sure "
    "someone talks to them today, then press “Acknowledge”."
)


@dataclass(frozen=True)
class AlertView:
    """An alert as people see it; times are UTC (``zone`` is the organisation's)."""

    id: int
    organisation_id: int
    person_id: int
    person_name: str
    groups: tuple[str, ...]
    source: AlertSource
    concerns: tuple[Concern, ...]
    hits: int
    created_at: datetime
    last_hit_at: datetime
    acknowledged_by_name: str | None
    acknowledged_at: datetime | None
    escalated_at: datetime | None
    zone: ZoneInfo

    @property
    def open(self) -> bool:
        return self.acknowledged_at is None


@dataclass(frozen=True)
class Acknowledgement:
    """The alert after a press; ``first`` is False when someone had acknowledged it already
    (``alert.acknowledged_by_name`` says who)."""

    alert: AlertView
    first: bool


def acknowledge_data(alert_id: int, organisation_id: int) -> str:
    return ACKNOWLEDGE_DATA.format(alert_id=alert_id, organisation_id=organisation_id)


def _concerns(values: Iterable[str]) -> tuple[Concern, ...]:
    """Concerns without repeats, in ``Concern``'s order (self-harm and suicide first)."""
    found = {Concern(value) for value in values}
    return tuple(concern for concern in Concern if concern in found)


# --- who hears ---------------------------------------------------------------------------------


async def _holders(organisation_id: int, role: Role) -> set[int]:
    rows = await Membership.filter(
        organisation_id=organisation_id, archived_at__isnull=True, role=role
    ).values("person_id")
    return {int(row["person_id"]) for row in rows}


async def _recipients(organisation_id: int, roles: Sequence[Role], subject_id: int) -> set[int]:
    """The first of ``roles`` that anyone holds in the organisation, else in its nearest
    ancestor that has one; never the person the alert is about."""
    for org_id in await organisation_lineage(organisation_id):
        for role in roles:
            people = await _holders(org_id, role) - {subject_id}
            if people:
                return people
    return set()


async def _tell(
    tx: Tx, alert: WellbeingAlert, people: set[int], message: str, *, dedupe: str
) -> None:
    """Queue ``message`` about the alert for each person, with the "Acknowledge" button;
    the concern kinds are written in each recipient's language."""
    if not people:
        log.warning("well-being alert %s: nobody in its organisation to tell", alert.id)
        return
    org_id: int = alert.organisation_id  # type: ignore[attr-defined]
    (view,) = await _views([alert])
    organisation = await Organisation.get(id=org_id).values("default_language")
    chosen = dict(
        await Account.filter(person_id__in=sorted(people)).values_list("person_id", "language")
    )
    student = view.person_name + (f" ({', '.join(view.groups)})" if view.groups else "")
    for person_id in sorted(people):
        language = pick_language(
            chosen.get(person_id),
            organisation["default_language"],
            default=tx.deps.settings.default_language,
        )
        concerns = ", ".join(gettext_for(language, CONCERN_LABELS[c]) for c in view.concerns)
        await do_enqueue(
            tx,
            person_id=person_id,
            message=message,
            params={
                "number": alert.id,
                "student": student,
                "concerns": concerns,
                "time": format_when(alert.last_hit_at, view.zone),
                "minutes": tx.deps.settings.wellbeing_escalation_minutes,
            },
            organisation_id=org_id,
            dedupe_key=f"{dedupe}:{person_id}",
            buttons=[[(ACKNOWLEDGE, acknowledge_data(alert.id, org_id))]],
        )


# --- plain data out ----------------------------------------------------------------------------


async def _views(alerts: Sequence[WellbeingAlert]) -> list[AlertView]:
    person_ids = {a.person_id for a in alerts}  # type: ignore[attr-defined]
    person_ids |= {a.acknowledged_by_id for a in alerts if a.acknowledged_by_id is not None}  # type: ignore[attr-defined]
    names = await person_names(person_ids)
    org_ids = sorted({a.organisation_id for a in alerts})  # type: ignore[attr-defined]
    zones = {
        int(org_id): ZoneInfo(str(zone))
        for org_id, zone in await Organisation.filter(id__in=org_ids).values_list("id", "timezone")
    }
    groups: dict[tuple[int, int], list[str]] = {}
    for student_id, group_org_id, name in await Enrolment.filter(
        student_id__in=sorted(person_ids),
        active_key__isnull=False,
        group__organisation_id__in=org_ids,
    ).values_list("student_id", "group__organisation_id", "group__name"):
        groups.setdefault((int(group_org_id), int(student_id)), []).append(str(name))
    views: list[AlertView] = []
    for alert in alerts:
        org_id: int = alert.organisation_id  # type: ignore[attr-defined]
        person_id: int = alert.person_id  # type: ignore[attr-defined]
        by: int | None = alert.acknowledged_by_id  # type: ignore[attr-defined]
        views.append(
            AlertView(
                id=alert.id,
                organisation_id=org_id,
                person_id=person_id,
                person_name=names.get(person_id, ""),
                groups=tuple(sorted(groups.get((org_id, person_id), []))),
                source=AlertSource(alert.source),
                concerns=_concerns(alert.concerns),
                hits=alert.hits,
                created_at=alert.created_at,
                last_hit_at=alert.last_hit_at,
                acknowledged_by_name=names.get(by) if by is not None else None,
                acknowledged_at=alert.acknowledged_at,
                escalated_at=alert.escalated_at,
                zone=zones.get(org_id, ZoneInfo("Asia/Almaty")),
            )
        )
    return views


# --- use cases ---------------------------------------------------------------------------------


async def raise_alert(deps: Deps, actor: Actor, *, concerns: Iterable[Concern]) -> int | None:
    """Alert the people who look after the actor (a child who wrote words of danger) in the
    organisation they work in now, or join the alert already open for them.

    Anyone linked may write to the career bot, so no permission is needed: the alert is
    about the actor themselves. Nothing is raised for a system actor or without concerns.

    Returns:
        The alert's id (new or joined), or ``None`` when nothing was raised.

    Raises:
        ValueError: a concern that is not a ``Concern`` (a programming error).
    """
    found = _concerns(concerns)
    if actor.person_id is None or not found:
        return None
    key = f"{actor.organisation_id}:{actor.person_id}"
    try:
        return await _raise(deps, actor, actor.person_id, key, found)
    except IntegrityError:
        # Two messages at once: the other one opened the alert first (``open_key``); join it.
        return await _raise(deps, actor, actor.person_id, key, found)


async def _raise(
    deps: Deps, actor: Actor, person_id: int, key: str, found: tuple[Concern, ...]
) -> int:
    async with transaction(deps) as tx:
        alert = await WellbeingAlert.select_for_update().get_or_none(open_key=key)
        if alert is None:
            alert = await _open(
                tx,
                actor,
                organisation_id=actor.organisation_id,
                person_id=person_id,
                key=key,
                source=AlertSource.CAREER_BOT,
                concerns=found,
            )
            new = found
        else:
            had = set(_concerns(alert.concerns))
            new = tuple(c for c in found if c not in had)
            alert.concerns = [c.value for c in _concerns([*had, *found])]
            alert.hits += 1
            alert.last_hit_at = tx.now
            await alert.save(update_fields=["concerns", "hits", "last_hit_at"])
        if new:
            people = await _recipients(
                actor.organisation_id, (Role.PSYCHOLOGIST, Role.ADMIN), person_id
            )
            kinds = ",".join(alert.concerns)
            await _tell(tx, alert, people, ALERT, dedupe=f"wellbeing:{alert.id}:{kinds}")
        return int(alert.id)


async def do_raise_screening_alert(
    tx: Tx, actor: Actor, *, organisation_id: int, person_id: int, assignment_id: int
) -> int:
    """Open an alert for a critical answer in a screening, inside the answer's transaction,
    and tell the psychologists (else admins) at once; trusted. One alert per assignment.

    Returns:
        The alert's id (the existing one if this assignment raised one already).
    """
    key = f"screening:{assignment_id}"
    alert = await WellbeingAlert.get_or_none(open_key=key)
    if alert is not None:
        return int(alert.id)
    alert = await _open(
        tx,
        actor,
        organisation_id=organisation_id,
        person_id=person_id,
        key=key,
        source=AlertSource.SCREENING,
        concerns=(),
    )
    people = await _recipients(organisation_id, (Role.PSYCHOLOGIST, Role.ADMIN), person_id)
    await _tell(tx, alert, people, ALERT_SCREENING, dedupe=f"wellbeing:{alert.id}:screening")
    return int(alert.id)


async def _open(
    tx: Tx,
    actor: Actor,
    *,
    organisation_id: int,
    person_id: int,
    key: str,
    source: AlertSource,
    concerns: tuple[Concern, ...],
) -> WellbeingAlert:
    alert = await WellbeingAlert.create(
        organisation_id=organisation_id,
        person_id=person_id,
        source=source,
        concerns=[c.value for c in concerns],
        created_at=tx.now,
        last_hit_at=tx.now,
        open_key=key,
    )
    await do_record(
        tx,
        actor,
        action="wellbeing.alert",
        object_type="wellbeing_alert",
        object_id=alert.id,
        after={"source": source.value, "concerns": alert.concerns},
    )
    return alert


async def acknowledge_alert(deps: Deps, actor: Actor, *, alert_id: int) -> Acknowledgement:
    """Say that someone is taking care of the alert (the first press counts; a later one
    learns who did it).

    Raises:
        PermissionDenied: no ``wellbeing.alerts`` here.
        NotFound: no such alert in the actor's organisation.
    """
    await require(actor, Permission.WELLBEING_ALERTS)
    async with transaction(deps) as tx:
        alert = await WellbeingAlert.select_for_update().get_or_none(
            id=alert_id, organisation_id=actor.organisation_id
        )
        if alert is None:
            raise NotFound()
        first = alert.acknowledged_at is None
        if first:
            alert.acknowledged_at = tx.now
            alert.acknowledged_by_id = actor.person_id
            alert.open_key = None
            await alert.save(update_fields=["acknowledged_at", "acknowledged_by_id", "open_key"])
            await do_record(
                tx,
                actor,
                action="wellbeing.acknowledge",
                object_type="wellbeing_alert",
                object_id=alert.id,
            )
    (view,) = await _views([alert])
    return Acknowledgement(alert=view, first=first)


async def list_alerts(deps: Deps, actor: Actor) -> list[AlertView]:
    """The organisation's open alerts (oldest first: they have waited longest), then those
    acknowledged in the last ``RECENT_DAYS`` days (newest first).

    Raises:
        PermissionDenied: no ``wellbeing.alerts`` here.
    """
    await require(actor, Permission.WELLBEING_ALERTS)
    org_id = actor.organisation_id
    since = deps.clock.now() - timedelta(days=RECENT_DAYS)
    open_alerts = (
        await WellbeingAlert.filter(organisation_id=org_id, acknowledged_at__isnull=True)
        .order_by("created_at", "id")
        .limit(LIST_LIMIT)
    )
    recent = (
        await WellbeingAlert.filter(organisation_id=org_id, acknowledged_at__gte=since)
        .order_by("-created_at", "-id")
        .limit(LIST_LIMIT)
    )
    return await _views([*open_alerts, *recent])


async def wellbeing_tick(deps: Deps) -> int:
    """Call in the admins for alerts nobody acknowledged in time. Idempotent: each alert is
    escalated once (``escalated_at`` is claimed first), also when two schedulers tick.

    Returns:
        How many alerts were escalated.

    Raises:
        Nothing of ours.
    """
    cutoff = deps.clock.now() - timedelta(minutes=deps.settings.wellbeing_escalation_minutes)
    due = await WellbeingAlert.filter(
        acknowledged_at__isnull=True, escalated_at__isnull=True, created_at__lte=cutoff
    ).values("id")
    escalated = 0
    for row in due:
        escalated += await _escalate(deps, int(row["id"]))
    return escalated


async def _escalate(deps: Deps, alert_id: int) -> int:
    async with transaction(deps) as tx:
        claimed = await WellbeingAlert.filter(
            id=alert_id, acknowledged_at__isnull=True, escalated_at__isnull=True
        ).update(escalated_at=tx.now)
        if not claimed:
            return 0
        alert = await WellbeingAlert.get(id=alert_id)
        org_id: int = alert.organisation_id  # type: ignore[attr-defined]
        await do_record(
            tx,
            Actor.system(org_id, "scheduler"),
            action="wellbeing.escalate",
            object_type="wellbeing_alert",
            object_id=alert.id,
        )
        people = await _recipients(org_id, (Role.ADMIN,), alert.person_id)  # type: ignore[attr-defined]
        message = ESCALATED_SCREENING if alert.source == AlertSource.SCREENING else ESCALATED
        await _tell(tx, alert, people, message, dedupe=f"wellbeing:{alert.id}:escalated")
    return 1
