"""The process's heap once start-up is over.

Start-up builds some 350,000 long-lived objects (modules, routers, pydantic models,
translations, templates). CPython's full garbage collection walks every one of them each
time it runs, which on a busy bot is every minute or so and stopped the event loop for
200–400 ms in ``bench/tests.py`` — every update in flight waited. Freezing them after
start-up (``gc.freeze``) leaves only what serving creates for the collector to walk; the
same pauses drop to about 10 ms.
"""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Collect start-up's garbage, then hide what is left from later full collections."""
    gc.collect()
    gc.freeze()
