"""Bar charts drawn on the server as SVG: months of revenue, weeks of a payment forecast.

A page puts the returned markup inline, so a chart needs no script, no request of its own and
no font but the page's. Every text that reaches the markup (the title, the labels, the names
of the series, the formatted values) is XML-escaped here, and characters XML forbids are
dropped; numbers come only from our data. Colours come from a fixed palette, never from the
caller.

We draw them ourselves rather than with pygal, the maintained SVG chart library on PyPI: its
charts load their tooltip script from a CDN unless told otherwise (the panel must work
offline and without JavaScript), it takes values as floats and formats them itself (amounts
are integers of tiyn shown with ``core.money``), and it has no type information for our
strict type check. Two kinds of bar chart are a few dozen lines.

A chart with no data, or only zeros, still renders: empty axes and, when given, a line of
text that says there is nothing to show.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: Bar colours, one per series in order: readable on white and told apart without colour
#: vision (blue, orange, teal, grey).
PALETTE = ("#2f6fb3", "#e08a1e", "#2a9d8f", "#8a8f98", "#b5485d", "#6a4c93")
_AXIS = "#5b6470"
_GRID = "#e3e6ea"
_REFERENCE = "#b5485d"
_FONT = "font-family:system-ui,sans-serif"
_TICKS = 4
#: Characters that may not appear in an XML document (C0 controls but tab/newline/return,
#: lone surrogates, U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Series:
    """One kind of bar: its legend name and one value per label (integers, e.g. tiyn)."""

    name: str
    values: tuple[int, ...]


def escape(text: str) -> str:
    """``text`` safe inside an XML element or a quoted attribute.

    Raises:
        Nothing: characters XML cannot hold are dropped, the rest escaped.
    """
    return html.escape(_NOT_XML.sub("", text), quote=True)


def _nice_step(top: int, ticks: int) -> int:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ, whole) so that ``ticks`` steps reach ``top``."""
    raw = max(1.0, top / ticks)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw and float(step).is_integer():
            return int(step)
    return int(10 * power)  # pragma: no cover - the loop always finds one


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class _Frame:
    """Where the plot is drawn and which values its axis spans."""

    left: int
    top: int
    width: int
    height: int
    axis_low: int
    axis_high: int
    step: int
    #: Only zeros (or nothing): the axis shows zero alone rather than made-up steps.
    empty: bool = False

    def y(self, value: int) -> float:
        span = self.axis_high - self.axis_low
        return self.top + self.height * (self.axis_high - value) / span


def _frame(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool,
    unit: int,
    box: tuple[int, int, int, int],
    also: int = 0,
) -> _Frame:
    """The axis (from a round low to a round high, always including zero and ``also``) for
    the data."""
    columns = range(len(labels))
    if stacked:
        highs = [sum(max(0, s.values[i]) for s in series) for i in columns]
        lows = [sum(min(0, s.values[i]) for s in series) for i in columns]
    else:
        highs = [max([0, *(s.values[i] for s in series)]) for i in columns]
        lows = [min([0, *(s.values[i] for s in series)]) for i in columns]
    high, low = max([0, also, *highs]), min([0, also, *lows])
    unit = max(1, unit)
    step = unit * _nice_step(max(math.ceil((high - low) / unit), 1), _TICKS)
    axis_high = step * math.ceil(high / step) if high > 0 else 0
    axis_low = -step * math.ceil(-low / step) if low < 0 else 0
    empty = axis_high == axis_low
    if empty:
        axis_high = step * _TICKS
    left, top, width, height = box
    return _Frame(left, top, width, height, axis_low, axis_high, step, empty)


def _grid(frame: _Frame, axis_text: Callable[[int], str]) -> list[str]:
    out = []
    value = frame.axis_low
    while value <= frame.axis_high:
        line_y = _fmt(frame.y(value))
        colour = _AXIS if value == 0 else _GRID
        out.append(
            f'<line x1="{frame.left}" x2="{frame.left + frame.width}" y1="{line_y}" '
            f'y2="{line_y}" stroke="{colour}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{frame.left - 6}" y="{line_y}" font-size="11" fill="{_AXIS}" '
            f'text-anchor="end" dominant-baseline="middle">{escape(axis_text(value))}</text>'
        )
        if frame.empty:
            break
        value += frame.step
    return out


def _legend(series: Sequence[Series], x: int, y: int) -> list[str]:
    out = []
    for index, one in enumerate(series):
        out.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
        )
        out.append(
            f'<text x="{x + 16}" y="{y + 10}" font-size="12" fill="#1f2933">'
            f"{escape(one.name)}</text>"
        )
        x += 28 + 7 * len(one.name)
    return out


def _bars(
    frame: _Frame,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool,
    format_value: Callable[[int], str],
) -> list[str]:
    out: list[str] = []
    if not labels:
        return out
    slot = frame.width / len(labels)
    gap = min(12.0, slot * 0.2)
    inner = slot - gap
    bar_w = inner if stacked or not series else inner / len(series)
    y = frame.y
    for i, label in enumerate(labels):
        x0 = frame.left + slot * i + gap / 2
        up, down = 0, 0
        for index, one in enumerate(series):
            amount = one.values[i]
            if amount == 0:
                continue
            x = x0 if stacked else x0 + bar_w * index
            if not stacked:
                low, high = sorted((0, amount))
            elif amount > 0:
                low, high, up = up, up + amount, up + amount
            else:
                low, high, down = down + amount, down, down + amount
            tip = f"{label} — {one.name}: {format_value(amount)}"
            out.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(y(high))}" width="{_fmt(max(bar_w - 1, 1))}" '
                f'height="{_fmt(max(y(low) - y(high), 0.5))}" '
                f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(tip)}</title></rect>'
            )
        out.append(
            f'<text x="{_fmt(x0 + inner / 2)}" y="{frame.top + frame.height + 16}" '
            f'font-size="11" fill="{_AXIS}" text-anchor="middle">{escape(label)}</text>'
        )
    return out


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    stacked: bool = False,
    format_value: Callable[[int], str] = str,
    format_axis: Callable[[int], str] | None = None,
    unit: int = 1,
    empty_text: str = "",
    width: int = 720,
    height: int = 280,
    reference: tuple[str, int] | None = None,
) -> str:
    """An SVG bar chart: one group of bars per label, side by side or ``stacked``.

    Each bar carries a ``<title>`` ("label — series: value") that browsers show on hover and
    screen readers read; the chart itself is ``role="img"`` named by ``title``. Values may be
    negative (they hang below the zero line). ``format_value`` writes the tooltips (an
    amount in the reader's language), ``format_axis`` the value axis (``format_value`` when
    not given); the axis steps are whole multiples of ``unit`` (100 for whole tenge).
    ``reference`` (a label and a value) draws a dashed line across the plot at that value,
    such as a threshold to reach.

    Raises:
        ValueError: a series has a different number of values than there are labels.
    """
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"series {one.name!r} has {len(one.values)} values for {len(labels)}")
    legend_height = 22 if len(series) > 1 else 0
    left, top = 92, 30 + legend_height
    box = (left, top, max(1, width - left - 12), max(1, height - top - 44))
    frame = _frame(
        labels,
        series,
        stacked=stacked,
        unit=unit,
        box=box,
        also=reference[1] if reference else 0,
    )
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(title)}" style="max-width:100%;height:auto;{_FONT}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="18" font-size="14" font-weight="600" fill="#1f2933">'
        f"{escape(title)}</text>",
        *_grid(frame, format_axis or format_value),
        *(_legend(series, left, top - legend_height - 2) if legend_height else []),
        *_bars(frame, labels, series, stacked=stacked, format_value=format_value),
    ]
    if reference is not None:
        name, value = reference
        line_y = frame.y(value)
        out.append(
            f'<line x1="{left}" x2="{left + frame.width}" y1="{_fmt(line_y)}" '
            f'y2="{_fmt(line_y)}" stroke="{_REFERENCE}" stroke-width="1.5" '
            f'stroke-dasharray="6 4"/>'
        )
        out.append(
            f'<text x="{left + frame.width}" y="{_fmt(line_y - 4)}" font-size="11" '
            f'fill="{_REFERENCE}" text-anchor="end">{escape(name)}</text>'
        )
    if empty_text and not any(v for one in series for v in one.values):
        out.append(
            f'<text x="{_fmt(left + frame.width / 2)}" y="{_fmt(top + frame.height / 2)}" '
            f'font-size="13" fill="{_AXIS}" text-anchor="middle">{escape(empty_text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
