"""Work a process runs beside its requests, such as a timetable solve started from the panel.

A task is kept here until it ends (the event loop holds only weak references to tasks, so a
task nobody keeps may vanish mid-way), can be awaited by its key (tests wait for a run to end
this way, never by sleeping) and is cancelled and awaited when the process stops
(``Deps.aclose``). Tasks live in one process: another process sees them only through the rows
they write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


class BackgroundTasks:
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._wakeups: dict[str, asyncio.Event] = {}

    def start(self, key: str, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` as the task ``key`` (a key names one task at a time)."""
        task = asyncio.get_running_loop().create_task(work, name=key)
        self._tasks[key] = task
        task.add_done_callback(lambda _: self._forget(key, task))

    def _forget(self, key: str, task: asyncio.Task[None]) -> None:
        if self._tasks.get(key) is task:
            del self._tasks[key]

    def running(self, key: str) -> bool:
        return key in self._tasks

    async def wait(self, key: str) -> None:
        """Until the task ``key`` has ended (at once when there is none)."""
        task = self._tasks.get(key)
        if task is not None:
            await asyncio.shield(task)

    def wake(self, name: str) -> None:
        """Tell the tasks waiting in ``idle(name)`` that something happened (nobody waiting:
        nothing to do — a waiter looks at the rows before it idles)."""
        event = self._wakeups.get(name)
        if event is not None:
            event.set()

    async def idle(self, name: str, *, at_most: float) -> None:
        """Until ``wake(name)`` or ``at_most`` seconds (work written by another process is
        found by looking again)."""
        event = self._wakeups.setdefault(name, asyncio.Event())
        try:
            await asyncio.wait_for(event.wait(), timeout=at_most)
        except TimeoutError:
            return
        event.clear()

    def release(self, name: str) -> None:
        """Forget ``name`` once nobody will ``idle`` on it again (a page that stopped
        watching a submission)."""
        self._wakeups.pop(name, None)

    async def aclose(self) -> None:
        """Cancel every task still running and wait for each to finish its cleanup."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
