"""The figures benchmarks print: percentiles and timings.

Not a benchmark itself (``.ci/run`` runs every ``bench/*.py``; this one only defines).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any


def percentile(values: Sequence[float], share: float) -> float:
    """The value ``share`` (0 to 1) of the way up the sorted values; NaN when there are none."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def p95(values: Sequence[float]) -> float:
    return percentile(values, 0.95)


def figures(name: str, values: Sequence[float]) -> dict[str, float]:
    """Print the median and p95 of timings in seconds; return them in milliseconds as
    ``<name>_median_ms`` and ``<name>_p95_ms``."""
    median, high = statistics.median(values) * 1000, p95(values) * 1000
    print(f"  {name}: median {median:.1f} ms, p95 {high:.1f} ms ({len(values)} samples)")
    return {f"{name}_median_ms": round(median, 2), f"{name}_p95_ms": round(high, 2)}


async def timed(call: Callable[[], Awaitable[Any]]) -> float:
    """How long one call takes, in seconds."""
    started = time.perf_counter()
    await call()
    return time.perf_counter() - started
