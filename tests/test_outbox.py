"""core.services.outbox: idempotent enqueue, claims with leases, outcomes (issue 3)."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta

import pytest

from core.actor import Actor
from core.i18n import N_
from core.models.audit import AuditRecord
from core.models.notifications import OutboxMessage, OutboxStatus
from core.models.org import OrganisationKind
from core.models.people import Account
from core.services.accounts import create_invitation, do_accept_invitation_telegram
from core.services.orgs import OrganisationData, do_create_organisation
from core.services.outbox import (
    MAX_ATTEMPTS,
    backoff_seconds,
    claim_due,
    delivery_counts,
    do_enqueue,
    mark_failed,
    mark_retry,
    mark_sent,
    mark_unreachable,
    notify,
    release_claims,
)
from core.services.people import PersonData, Role, create_person
from core.tx import transaction
from tests.factories import make_organisation

GROUP_EXISTS = N_("A group named “{name}” already exists.")
_telegram_ids = itertools.count(7_000_001)


async def linked_person(
    deps,
    system: Actor,
    *,
    telegram_user_id: int | None = None,
    language: str | None = None,
    first_name: str = "Әсел",
) -> int:
    """A student whose Telegram account is linked through an invitation, as /start does."""
    card = await create_person(
        deps, system, data=PersonData("Сейітова", first_name), roles=(Role.STUDENT,)
    )
    invitation = await create_invitation(deps, system, person_id=card.id)
    async with transaction(deps) as tx:
        await do_accept_invitation_telegram(
            tx,
            code=invitation.code,
            telegram_user_id=telegram_user_id or next(_telegram_ids),
            language=language,
        )
    return card.id


async def enqueue(deps, person_id: int, **kwargs) -> int | None:
    kwargs.setdefault("message", GROUP_EXISTS)
    kwargs.setdefault("params", {"name": "Математика 7А"})
    async with transaction(deps) as tx:
        return await do_enqueue(tx, person_id=person_id, **kwargs)


async def status_of(outbox_id: int) -> OutboxStatus:
    return (await OutboxMessage.get(id=outbox_id)).status


async def test_the_same_dedupe_key_is_queued_once(deps):
    system = await make_organisation(deps)
    person = await linked_person(deps, system)
    first = await enqueue(deps, person, dedupe_key="lesson:42:reminder:1")
    assert first is not None
    assert await enqueue(deps, person, dedupe_key="lesson:42:reminder:1") is None
    assert await enqueue(deps, person) is not None  # no key: every call queues
    assert await OutboxMessage.filter(person_id=person).count() == 2

    again = {"person_ids": [person], "message": GROUP_EXISTS, "params": {"name": "7А"}}
    assert await notify(deps, **again, organisation_id=None, dedupe_prefix="n1") == 1
    assert await notify(deps, **again, organisation_id=None, dedupe_prefix="n1") == 0
    assert await OutboxMessage.filter(person_id=person).count() == 3


async def test_concurrent_enqueues_of_one_key_leave_one_row(deps):
    system = await make_organisation(deps)
    people = [await linked_person(deps, system) for _ in range(3)]
    args = {"person_ids": people, "message": GROUP_EXISTS, "params": {"name": "7А"}}
    counts = await asyncio.gather(
        *(notify(deps, **args, organisation_id=None, dedupe_prefix="race") for _ in range(4))
    )
    assert sum(counts) == 3
    assert await OutboxMessage.filter(dedupe_key__startswith="race:").count() == 3


async def test_a_claim_renders_the_text_in_each_recipients_language(deps, clock):
    system = await make_organisation(deps)
    async with transaction(deps) as tx:
        english = await do_create_organisation(
            tx,
            system,
            kind=OrganisationKind.BRANCH,
            data=OrganisationData(name_en="Branch", default_language="en"),
            parent_id=system.organisation_id,
        )
    kk = await linked_person(deps, system, language="kk", first_name="Нұрлан")
    ru = await linked_person(deps, system, language="ru", first_name="Иван")
    en = await linked_person(deps, Actor.system(english.id, "test"), first_name="Anna")
    for person in (kk, ru, en):
        await enqueue(deps, person)

    deliveries = await claim_due(deps, bot="main", limit=10)

    texts = {d.person_id: (d.language, d.text) for d in deliveries}
    assert texts == {
        kk: ("kk", "«Математика 7А» атты топ бұрыннан бар."),
        ru: ("ru", "Группа с названием «Математика 7А» уже существует."),
        en: ("en", "A group named “Математика 7А” already exists."),
    }
    chats = dict(await Account.all().values_list("person_id", "telegram_user_id"))
    assert all(d.chat_id == chats[d.person_id] for d in deliveries)
    assert all(d.attempts == 1 for d in deliveries)


async def test_untranslated_text_goes_as_it_is_and_a_bad_template_fails(deps):
    system = await make_organisation(deps)
    person = await linked_person(deps, system, language="kk")
    raw = await enqueue(deps, person, message="Сәлем {name}! {}", translate=False)
    broken = await enqueue(deps, person, params={"other": 1})

    deliveries = await claim_due(deps, bot="main", limit=10)

    assert [(d.outbox_id, d.text) for d in deliveries] == [(raw, "Сәлем {name}! {}")]
    row = await OutboxMessage.get(id=broken)
    assert row.status == OutboxStatus.FAILED
    assert "name" in row.last_error


async def test_a_claimed_message_waits_for_its_lease_then_is_claimed_again(deps, clock):
    system = await make_organisation(deps)
    person = await linked_person(deps, system)
    outbox_id = await enqueue(deps, person)

    first = await claim_due(deps, bot="main", limit=10, lease_seconds=60)
    assert [d.outbox_id for d in first] == [outbox_id]
    assert await status_of(outbox_id) == OutboxStatus.SENDING
    clock.advance(timedelta(seconds=59))
    assert await claim_due(deps, bot="main", limit=10) == []

    clock.advance(timedelta(seconds=2))  # the worker died: its lease ran out
    second = await claim_due(deps, bot="main", limit=10)
    assert [(d.outbox_id, d.attempts) for d in second] == [(outbox_id, 2)]

    # The first worker comes back late: it cannot overwrite the new owner's outcome.
    assert await mark_retry(deps, outbox_id, delay_seconds=1, error="x", attempt=1) is None
    await mark_sent(deps, outbox_id, external_id="17")
    row = await OutboxMessage.get(id=outbox_id)
    assert (row.status, row.external_id, row.sent_at) == (OutboxStatus.SENT, "17", clock.now())
    assert await claim_due(deps, bot="main", limit=10) == []


async def test_messages_are_due_only_from_available_at_and_only_for_their_bot(deps, clock):
    system = await make_organisation(deps)
    person = await linked_person(deps, system)
    later = await enqueue(deps, person, available_at=clock.now() + timedelta(minutes=5))
    other_bot = await enqueue(deps, person, bot="career")
    assert await claim_due(deps, bot="main", limit=10) == []
    clock.advance(timedelta(minutes=5))
    assert [d.outbox_id for d in await claim_due(deps, bot="main", limit=10)] == [later]
    assert [d.outbox_id for d in await claim_due(deps, bot="career", limit=10)] == [other_bot]
    with pytest.raises(ValueError, match="unknown bot"):
        await claim_due(deps, bot="nope", limit=1)


async def test_two_workers_claiming_at_once_never_get_the_same_message(deps):
    system = await make_organisation(deps)
    people = [await linked_person(deps, system) for _ in range(6)]
    for _ in range(5):
        await notify(
            deps,
            person_ids=people,
            message=GROUP_EXISTS,
            params={"name": "7А"},
            organisation_id=system.organisation_id,
        )

    batches = await asyncio.gather(*(claim_due(deps, bot="main", limit=12) for _ in range(3)))

    ids = [d.outbox_id for batch in batches for d in batch]
    assert len(ids) == len(set(ids)) == 30
    assert await OutboxMessage.filter(status=OutboxStatus.SENDING, attempts=1).count() == 30


async def test_people_without_telegram_or_who_blocked_the_bot_are_unreachable(deps, clock):
    system = await make_organisation(deps)
    card = await create_person(
        deps, system, data=PersonData("Омаров", "Нұрлан"), roles=(Role.STUDENT,)
    )
    nobody = await enqueue(deps, card.id)
    person = await linked_person(deps, system)
    first = await enqueue(deps, person)
    second = await enqueue(deps, person)

    deliveries = await claim_due(deps, bot="main", limit=1 + 1)
    assert [d.outbox_id for d in deliveries] == [first]
    assert await status_of(nobody) == OutboxStatus.UNREACHABLE

    clock.advance(timedelta(minutes=1))
    assert await mark_unreachable(
        deps, first, error="Forbidden: bot was blocked by the user", attempt=1
    )
    account = await Account.get(person_id=person)
    assert account.telegram_blocked_at == clock.now()
    assert await AuditRecord.filter(action="account.telegram_blocked").count() == 1

    # The next message to them is not sent at all: Telegram already said no.
    assert await claim_due(deps, bot="main", limit=10) == []
    row = await OutboxMessage.get(id=second)
    assert (row.status, row.last_error) == (OutboxStatus.UNREACHABLE, "the person blocked the bot")
    assert await status_of(first) == OutboxStatus.UNREACHABLE


async def test_retries_back_off_and_give_up_after_the_last_attempt(deps, clock):
    system = await make_organisation(deps)
    person = await linked_person(deps, system)
    outbox_id = await enqueue(deps, person)
    assert [backoff_seconds(n) for n in (1, 2, 3, 9, 10, 30)] == [1, 2, 4, 256, 300, 300]

    for attempt in range(1, MAX_ATTEMPTS + 1):
        (delivery,) = await claim_due(deps, bot="main", limit=1)
        assert delivery.attempts == attempt
        status = await mark_retry(
            deps,
            outbox_id,
            delay_seconds=backoff_seconds(attempt),
            error="Bad Gateway",
            attempt=attempt,
        )
        if attempt < MAX_ATTEMPTS:
            assert status == OutboxStatus.PENDING
            assert await claim_due(deps, bot="main", limit=1) == []  # not before the delay
            clock.advance(timedelta(seconds=backoff_seconds(attempt)))
    assert status == OutboxStatus.FAILED
    row = await OutboxMessage.get(id=outbox_id)
    assert (row.attempts, row.last_error) == (MAX_ATTEMPTS, "Bad Gateway")


async def test_released_claims_are_due_again_without_costing_an_attempt(deps):
    system = await make_organisation(deps)
    person = await linked_person(deps, system)
    outbox_id = await enqueue(deps, person)
    other = await enqueue(deps, person)
    deliveries = await claim_due(deps, bot="main", limit=10)
    await mark_failed(deps, other, error="Bad Request: chat not found", attempt=1)

    assert await release_claims(deps, deliveries) == 1

    (again,) = await claim_due(deps, bot="main", limit=10)
    assert (again.outbox_id, again.attempts) == (outbox_id, 1)
    assert await status_of(other) == OutboxStatus.FAILED


async def test_a_retry_remembers_the_parts_of_a_split_text_that_arrived(deps, clock):
    system = await make_organisation(deps)
    person = await linked_person(deps, system)
    outbox_id = await enqueue(deps, person)
    await claim_due(deps, bot="main", limit=1)
    await mark_retry(deps, outbox_id, delay_seconds=0, error="Bad Gateway", external_id="5,6")
    (delivery,) = await claim_due(deps, bot="main", limit=1)
    assert delivery.sent_message_ids == (5, 6)


async def test_counts_by_state_for_health_checks(deps, clock):
    system = await make_organisation(deps)
    person = await linked_person(deps, system)
    sent = await enqueue(deps, person)
    await enqueue(deps, person, available_at=clock.now() + timedelta(hours=1))
    await claim_due(deps, bot="main", limit=1)
    await mark_sent(deps, sent, external_id="1")
    clock.advance(timedelta(minutes=1))
    due_since = clock.now()
    await enqueue(deps, person)
    await enqueue(deps, person)
    clock.advance(timedelta(minutes=1))

    counts = await delivery_counts(deps)

    assert (counts.pending, counts.sending, counts.sent, counts.due) == (3, 0, 1, 2)
    assert counts.oldest_due_at == due_since
    assert (await delivery_counts(deps, bot="career")).pending == 0
