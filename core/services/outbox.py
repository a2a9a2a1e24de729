"""The delivery outbox: what core must tell people, and the state of each delivery.

Core writes a row with ``do_enqueue`` inside the transaction that decided to tell someone (a
reminder, a notification, a chat message); it never calls Telegram. A delivery worker (the
Telegram one lives in ``bots/delivery.py``) takes due rows with ``claim_due``, sends them and
records the outcome with one of the ``mark_*`` functions::

    PENDING ──claim_due──▶ SENDING ──mark_sent──────────▶ SENT
       ▲                    │  │  ├──mark_unreachable──▶ UNREACHABLE (403: blocked the bot)
       └──mark_retry────────┘  │  └──mark_failed───────▶ FAILED (bad request, or gave up)
       └──release_claims───────┘
       (a SENDING row whose lease ran out — its worker died — is claimed again)

A claim is a lease: the row stays SENDING until ``claimed_until``; if the worker dies, another
one claims it again after the lease, so a message is never lost. ``attempts`` counts claims
and doubles as a fencing token: a worker whose lease was taken over cannot overwrite the
outcome recorded by the new owner. ``claim_due`` locks the rows it picks with
``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two workers never claim the same row;
SQLite serialises transactions, which gives the same guarantee within one process.

Texts are rendered in the recipient's language at claim time (their choice, else the
organisation's default, else the installation's): one reminder goes to people who read
different languages. ``external_id`` keeps the Telegram message ids already delivered
(comma-separated when a long text was split), so a retry resumes after the parts that arrived.

Outbox rows are not audited one by one — the row itself is the delivery log, and the action
that queued it was audited; marking a person unreachable is audited, because it changes what
the web panel shows about their account.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.functions import Count, Min
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.deps import Deps
from core.errors import NotFound
from core.i18n import gettext_for, pick_language
from core.models.notifications import OutboxMessage
from core.models.notifications import OutboxStatus as OutboxStatus  # noqa: PLC0414 - re-exported for adapters
from core.models.org import Organisation
from core.models.people import Account, Person
from core.services.audit import do_record
from core.tx import Tx, transaction

#: Bots a message can go out through (``Settings.bot_tokens`` names them the same way).
BOTS = ("main", "complaints", "career")
TELEGRAM = "telegram"
#: After this many claims a message that still did not go out is given up (FAILED).
MAX_ATTEMPTS = 10
#: Retry delays double from 1 s and stop growing at 5 minutes.
BACKOFF_CAP_SECONDS = 300
DEDUPE_KEY_MAX = 128
ERROR_MAX = 300
EXTERNAL_ID_MAX = 64
CALLBACK_DATA_MAX = 64
NO_TELEGRAM = "no linked Telegram account"
BLOCKED = "the person blocked the bot"


@dataclass(frozen=True)
class Delivery:
    """One claimed message, ready to send: the chat and the text in the recipient's language.

    ``attempts`` counts this claim too; pass it back to the ``mark_*`` functions as
    ``attempt``. ``sent_message_ids`` are the parts of a long text that an earlier attempt
    delivered already (skip them). ``buttons`` are rows of (label, callback data), the labels
    in the recipient's language.
    """

    outbox_id: int
    person_id: int
    chat_id: int
    text: str
    language: str
    attempts: int
    claimed_until: datetime
    sent_message_ids: tuple[int, ...] = ()
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()


@dataclass(frozen=True)
class DeliveryCounts:
    """The outbox at a glance, for health checks and metrics."""

    pending: int
    sending: int
    sent: int
    failed: int
    unreachable: int
    due: int
    oldest_due_at: datetime | None


def backoff_seconds(attempts: int) -> int:
    """The wait before the next try after ``attempts`` failed ones: 1, 2, 4 … 300 seconds."""
    return min(1 << min(max(attempts - 1, 0), 16), BACKOFF_CAP_SECONDS)


def _check_bot(bot: str) -> None:
    if bot not in BOTS:
        raise ValueError(f"unknown bot {bot!r}; expected one of {', '.join(BOTS)}")


def _message_ids(external_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in external_id.split(",") if part.strip().isdigit())


async def do_enqueue(
    tx: Tx,
    *,
    person_id: int,
    message: str,
    params: dict[str, object] | None = None,
    organisation_id: int | None = None,
    bot: str = "main",
    translate: bool = True,
    dedupe_key: str | None = None,
    available_at: datetime | None = None,
    buttons: Sequence[Sequence[tuple[str, str]]] = (),
) -> int | None:
    """Queue ``message`` for a person inside the caller's transaction; trusted.

    ``message`` is an ``N_`` sentence with named ``params`` (translated per recipient at
    delivery), or, with ``translate=False``, text sent exactly as it is. ``buttons`` are rows
    of (``N_`` label, callback data) shown under the message, labels translated like the
    text (callback data is at most 64 bytes, Telegram's limit). A ``dedupe_key``
    makes the call idempotent: when a message with that key exists already, nothing is
    inserted and ``None`` is returned (also when a concurrent transaction inserts the same key
    first).

    Returns:
        The new outbox id, or ``None`` for a duplicate.

    Raises:
        ValueError: an empty message, an unknown bot, a dedupe key over 128 characters or
            callback data over 64 bytes (programming errors, not user input).
    """
    if not message:
        raise ValueError("an outbox message needs text")
    _check_bot(bot)
    if any(len(data.encode()) > CALLBACK_DATA_MAX for row in buttons for _, data in row):
        raise ValueError(f"callback data is at most {CALLBACK_DATA_MAX} bytes")
    if dedupe_key is not None:
        if not dedupe_key or len(dedupe_key) > DEDUPE_KEY_MAX:
            raise ValueError(f"a dedupe key is 1–{DEDUPE_KEY_MAX} characters")
        if await OutboxMessage.filter(dedupe_key=dedupe_key).exists():
            return None
    row = OutboxMessage(
        organisation_id=organisation_id,
        person_id=person_id,
        channel=TELEGRAM,
        bot=bot,
        message=message,
        params=dict(params or {}),
        translate=translate,
        buttons=[[[label, data] for label, data in row] for row in buttons],
        dedupe_key=dedupe_key,
        status=OutboxStatus.PENDING,
        available_at=available_at or tx.now,
        created_at=tx.now,
    )
    if dedupe_key is None:
        await row.save()
        return int(row.id)
    try:
        # A savepoint: losing the race for the key must not abort the caller's transaction.
        async with in_transaction():
            await row.save()
    except IntegrityError:
        return None
    return int(row.id)


async def notify(
    deps: Deps,
    *,
    person_ids: Iterable[int],
    message: str,
    params: dict[str, object] | None,
    organisation_id: int | None,
    bot: str = "main",
    dedupe_prefix: str | None = None,
) -> int:
    """Queue one message for each person in one transaction; trusted (scheduler, tests).

    With ``dedupe_prefix``, each person's copy gets the key ``<prefix>:<person id>``, so
    running the same notification twice queues it once.

    Returns:
        How many messages were queued (duplicates not counted).

    Raises:
        ValueError: see ``do_enqueue``.
    """
    queued = 0
    async with transaction(deps) as tx:
        for person_id in dict.fromkeys(person_ids):
            key = f"{dedupe_prefix}:{person_id}" if dedupe_prefix is not None else None
            outbox_id = await do_enqueue(
                tx,
                person_id=person_id,
                message=message,
                params=params,
                organisation_id=organisation_id,
                bot=bot,
                dedupe_key=key,
            )
            queued += outbox_id is not None
    return queued


def _render(row: OutboxMessage, language: str) -> str:
    if not row.translate:
        return row.message
    text = gettext_for(language, row.message)
    return text.format(**row.params) if row.params else text


def _render_buttons(row: OutboxMessage, language: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(
        tuple((gettext_for(language, label), data) for label, data in line)
        for line in row.buttons or ()
    )


async def _languages(
    deps: Deps, rows: Sequence[OutboxMessage], chosen: dict[int, str | None]
) -> dict[int, str]:
    """Each row's language: the person's choice, their organisation's default, ours."""
    missing = [row.person_id for row in rows if row.organisation_id is None]
    person_orgs: dict[int, int] = {}
    if missing:
        person_orgs = dict(
            await Person.filter(id__in=missing).values_list("id", "organisation_id")
        )
    org_ids = {row.organisation_id or person_orgs.get(row.person_id) for row in rows}
    org_ids.discard(None)
    defaults: dict[int, str] = dict(
        await Organisation.filter(id__in=list(org_ids)).values_list("id", "default_language")
    )
    languages: dict[int, str] = {}
    for row in rows:
        org_id = row.organisation_id or person_orgs.get(row.person_id)
        languages[row.id] = pick_language(
            chosen.get(row.person_id),
            defaults.get(org_id) if org_id is not None else None,
            default=deps.settings.default_language,
        )
    return languages


async def claim_due(
    deps: Deps, *, bot: str, limit: int, lease_seconds: int = 60
) -> list[Delivery]:
    """Claim up to ``limit`` messages that are due for ``bot``, oldest first.

    Due are PENDING messages whose ``available_at`` has come and SENDING ones whose lease ran
    out (their worker died mid-send). Claimed rows become SENDING until now +
    ``lease_seconds`` and count one more attempt. Messages for people without a linked
    Telegram account, or who blocked the bot, become UNREACHABLE here and are not returned;
    a message whose lease ran out after ``MAX_ATTEMPTS`` claims, or whose text cannot be
    filled in, becomes FAILED.

    Raises:
        ValueError: an unknown bot, or a limit or lease below 1.
    """
    _check_bot(bot)
    if limit < 1 or lease_seconds < 1:
        raise ValueError("limit and lease_seconds must be positive")
    async with transaction(deps) as tx:
        now = tx.now
        due = Q(status=OutboxStatus.PENDING, available_at__lte=now) | Q(
            status=OutboxStatus.SENDING, claimed_until__lte=now
        )
        rows = (
            await OutboxMessage.filter(due, bot=bot, channel=TELEGRAM)
            .order_by("available_at", "id")
            .limit(limit)
            .select_for_update(skip_locked=True)
        )
        if not rows:
            return []
        accounts = {
            item["person_id"]: item
            for item in await Account.filter(person_id__in={row.person_id for row in rows}).values(
                "person_id", "telegram_user_id", "telegram_blocked_at", "language"
            )
        }
        languages = await _languages(
            deps, rows, {pid: item["language"] for pid, item in accounts.items()}
        )
        until = now + timedelta(seconds=lease_seconds)
        outcomes: dict[tuple[OutboxStatus, str], list[int]] = {}
        claimed: list[tuple[OutboxMessage, Delivery]] = []
        for row in rows:
            account = accounts.get(row.person_id)
            if account is None or account["telegram_user_id"] is None:
                outcomes.setdefault((OutboxStatus.UNREACHABLE, NO_TELEGRAM), []).append(row.id)
                continue
            if account["telegram_blocked_at"] is not None:
                outcomes.setdefault((OutboxStatus.UNREACHABLE, BLOCKED), []).append(row.id)
                continue
            if row.attempts >= MAX_ATTEMPTS:
                error = f"gave up after {row.attempts} attempts; last: {row.last_error}"
                outcomes.setdefault((OutboxStatus.FAILED, error[:ERROR_MAX]), []).append(row.id)
                continue
            language = languages[row.id]
            try:
                text = _render(row, language)
            except (KeyError, IndexError, ValueError) as exc:
                error = f"cannot fill in the text: {type(exc).__name__}: {exc}"
                outcomes.setdefault((OutboxStatus.FAILED, error[:ERROR_MAX]), []).append(row.id)
                continue
            delivery = Delivery(
                outbox_id=row.id,
                person_id=row.person_id,
                chat_id=account["telegram_user_id"],
                text=text,
                language=language,
                attempts=row.attempts + 1,
                claimed_until=until,
                sent_message_ids=_message_ids(row.external_id),
                buttons=_render_buttons(row, language),
            )
            claimed.append((row, delivery))
        for (status, error), ids in outcomes.items():
            _ = await OutboxMessage.filter(id__in=ids).update(
                status=status, last_error=error, claimed_until=None
            )
        if not claimed:
            return []
        ids = [row.id for row, _ in claimed]
        updated = await OutboxMessage.filter(due, id__in=ids).update(
            status=OutboxStatus.SENDING, claimed_until=until, attempts=F("attempts") + 1
        )
        if updated != len(ids):
            # Only without row locks (SQLite shared by several processes): keep what we won.
            ours = set(
                await OutboxMessage.filter(
                    id__in=ids, status=OutboxStatus.SENDING, claimed_until=until
                ).values_list("id", flat=True)
            )
            claimed = [(row, d) for row, d in claimed if row.id in ours]
    return [delivery for _, delivery in claimed]


def _fenced(outbox_id: int, attempt: int | None) -> Q:
    condition = Q(id=outbox_id, status=OutboxStatus.SENDING)
    return condition & Q(attempts=attempt) if attempt is not None else condition


async def _require_row(outbox_id: int) -> None:
    if not await OutboxMessage.filter(id=outbox_id).exists():
        raise NotFound()


async def mark_sent(deps: Deps, outbox_id: int, *, external_id: str) -> None:
    """Record that the message went out; ``external_id`` is the Telegram message id(s).

    Recorded whatever the state, because the API call succeeded: even a worker whose lease
    ran out reports the truth.

    Raises:
        NotFound: no such outbox message.
    """
    now = deps.clock.now()
    updated = await OutboxMessage.filter(id=outbox_id).update(
        status=OutboxStatus.SENT,
        sent_at=now,
        claimed_until=None,
        last_error="",
        external_id=external_id[:EXTERNAL_ID_MAX],
    )
    if not updated:
        raise NotFound()


async def mark_retry(
    deps: Deps,
    outbox_id: int,
    *,
    delay_seconds: float,
    error: str,
    attempt: int | None = None,
    external_id: str | None = None,
) -> OutboxStatus | None:
    """Put a claimed message back to wait ``delay_seconds`` (a transient error).

    After ``MAX_ATTEMPTS`` attempts the message is given up instead (FAILED). With
    ``attempt`` (the ``Delivery.attempts`` of the claim), nothing changes unless this claim
    still owns the row. ``external_id`` records the parts of a split text that did arrive,
    so the next attempt sends only the rest.

    Returns:
        The new status (PENDING or FAILED), or ``None`` when the claim was not ours any more.

    Raises:
        NotFound: no such outbox message.
    """
    now = deps.clock.now()
    async with transaction(deps):
        row = await OutboxMessage.filter(_fenced(outbox_id, attempt)).select_for_update().first()
        if row is None:
            await _require_row(outbox_id)
            return None
        status = OutboxStatus.PENDING if row.attempts < MAX_ATTEMPTS else OutboxStatus.FAILED
        changes: dict[str, object] = {
            "status": status,
            "available_at": now + timedelta(seconds=max(delay_seconds, 0)),
            "claimed_until": None,
            "last_error": error[:ERROR_MAX],
        }
        if external_id is not None:
            changes["external_id"] = external_id[:EXTERNAL_ID_MAX]
        _ = await OutboxMessage.filter(id=outbox_id).update(**changes)
    return status


async def mark_failed(
    deps: Deps, outbox_id: int, *, error: str, attempt: int | None = None
) -> bool:
    """Give a claimed message up for good (a bad request, or too many attempts).

    Returns:
        Whether the row changed (``False`` when ``attempt`` says the claim is not ours).

    Raises:
        NotFound: no such outbox message.
    """
    del deps
    updated = await OutboxMessage.filter(_fenced(outbox_id, attempt)).update(
        status=OutboxStatus.FAILED, claimed_until=None, last_error=error[:ERROR_MAX]
    )
    if not updated:
        await _require_row(outbox_id)
    return bool(updated)


async def mark_unreachable(
    deps: Deps, outbox_id: int, *, error: str, attempt: int | None = None
) -> bool:
    """Telegram refused the person (blocked the bot, deactivated): stop trying.

    The message becomes UNREACHABLE and the person's account gets ``telegram_blocked_at``
    (kept from the first refusal; the web panel shows it, and later messages to them are
    marked unreachable without a call to Telegram). The account is marked even when
    ``attempt`` says the claim is not ours any more: Telegram's answer is true regardless.

    Returns:
        Whether the outbox row changed.

    Raises:
        NotFound: no such outbox message.
    """
    async with transaction(deps) as tx:
        row = await OutboxMessage.get_or_none(id=outbox_id)
        if row is None:
            raise NotFound()
        updated = await OutboxMessage.filter(_fenced(outbox_id, attempt)).update(
            status=OutboxStatus.UNREACHABLE, claimed_until=None, last_error=error[:ERROR_MAX]
        )
        await _block_account(tx, row.person_id, error)
    return bool(updated)


async def _block_account(tx: Tx, person_id: int, error: str) -> None:
    blocked = await Account.filter(person_id=person_id, telegram_blocked_at__isnull=True).update(
        telegram_blocked_at=tx.now
    )
    if not blocked:
        return
    person = await Person.get_or_none(id=person_id)
    await do_record(
        tx,
        Actor.system(person.organisation_id if person else 0, "telegram"),  # type: ignore[attr-defined]
        action="account.telegram_blocked",
        object_type="person",
        object_id=person_id,
        after={"reason": error[:ERROR_MAX]},
    )


async def release_claims(deps: Deps, deliveries: Iterable[Delivery]) -> int:
    """Hand claimed but unsent messages back at once (a worker stopping, or a lease that
    would run out before their turn); the claim does not count as an attempt.

    Returns:
        How many messages were released (those still owned by these claims).
    """
    del deps
    released = 0
    for delivery in deliveries:
        released += await OutboxMessage.filter(
            _fenced(delivery.outbox_id, delivery.attempts)
        ).update(
            status=OutboxStatus.PENDING,
            claimed_until=None,
            attempts=F("attempts") - 1,
        )
    return released


async def delivery_counts(deps: Deps, *, bot: str | None = None) -> DeliveryCounts:
    """How many messages are in each state, how many are due now and since when."""
    now = deps.clock.now()
    query = OutboxMessage.all() if bot is None else OutboxMessage.filter(bot=bot)
    rows = await query.group_by("status").annotate(n=Count("id")).values("status", "n")
    by_status = {str(row["status"]): int(row["n"]) for row in rows}
    due_rows = (
        await query.filter(status=OutboxStatus.PENDING, available_at__lte=now)
        .annotate(n=Count("id"), oldest=Min("available_at"))
        .values("n", "oldest")
    )
    due = int(due_rows[0]["n"]) if due_rows else 0
    oldest = due_rows[0]["oldest"] if due_rows and due else None
    return DeliveryCounts(
        pending=by_status.get(OutboxStatus.PENDING.value, 0),
        sending=by_status.get(OutboxStatus.SENDING.value, 0),
        sent=by_status.get(OutboxStatus.SENT.value, 0),
        failed=by_status.get(OutboxStatus.FAILED.value, 0),
        unreachable=by_status.get(OutboxStatus.UNREACHABLE.value, 0),
        due=due,
        oldest_due_at=oldest,
    )
