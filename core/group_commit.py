"""Group commit: writes that arrive while a commit is in flight share the next transaction.

A chat message must be durable before it is acknowledged, and a durable commit costs an
fsync. One transaction per message caps a busy conversation server at the disk's fsync rate;
batching the writes that queue up meanwhile (as Synapse batches event persistence) pays one
fsync for the whole batch, with no timer and no added latency when the server is idle.

Each write runs in its own savepoint, so one refused write (a member who just left, a bad
reply id) rolls back alone and its caller gets its own error; the others commit. Events a
write emits are published only if its savepoint and the batch commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tortoise.transactions import in_transaction

from core.tx import Tx, transaction

if TYPE_CHECKING:
    from core.deps import Deps

T = TypeVar("T")
Write = Callable[[Tx], Awaitable[T]]


@dataclass
class _Pending(Generic[T]):
    write: Write[T]
    future: asyncio.Future[T]
    lock_order: int


class GroupCommit:
    """One writer per process; ``run`` queues a write and waits for its own outcome.

    A caller that is cancelled while waiting (a dropped connection) does not cancel its
    write: the write may still commit, unacknowledged, which is why senders retry with an
    idempotency key. Callers must not hold a transaction of their own: the batch runs in
    the writer task, outside it.
    """

    def __init__(self, *, max_batch: int = 200) -> None:
        self._max_batch = max_batch
        self._queue: list[_Pending[Any]] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, deps: Deps, write: Write[T], *, lock_order: int = 0) -> T:
        """Run ``write`` in the next batch transaction; return its result or raise its error.

        ``lock_order`` is the id of the row the write locks first (its conversation). A batch
        runs its writes in that order (stable, so one conversation's writes keep their
        arrival order): two processes' batches then take row locks in the same order and
        cannot deadlock each other on PostgreSQL.
        """
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        # Its caller may be gone; mark the outcome as seen so asyncio does not log it.
        future.add_done_callback(lambda done: done.cancelled() or done.exception())
        self._queue.append(_Pending(write, future, lock_order))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain(deps), name="group-commit")
        return await asyncio.shield(future)

    async def _drain(self, deps: Deps) -> None:
        while self._queue:
            batch = self._queue[: self._max_batch]
            del self._queue[: self._max_batch]
            await self._commit(deps, batch)

    async def _commit(self, deps: Deps, batch: list[_Pending[Any]]) -> None:
        outcomes: list[tuple[_Pending[Any], Any, BaseException | None]] = []
        try:
            async with transaction(deps) as tx:
                for pending in sorted(batch, key=lambda pending: pending.lock_order):
                    own = Tx(deps=deps, now=tx.now)
                    try:
                        async with in_transaction():  # a savepoint: this write alone
                            result = await pending.write(own)
                    except Exception as refused:
                        outcomes.append((pending, None, refused))
                    else:
                        tx.events.extend(own.events)
                        outcomes.append((pending, result, None))
        except Exception as failed:
            for pending in batch:
                _settle(pending.future, None, failed)
            return
        for pending, result, error in outcomes:
            _settle(pending.future, result, error)


def _settle(future: asyncio.Future[Any], result: object, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
