"""Server-drawn SVG charts (core/charts.py): valid XML, escaped text, empty data."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from core.charts import Series, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ElementTree.Element:
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _bars(root: ElementTree.Element) -> list[ElementTree.Element]:
    """Data bars: the rectangles that carry a tooltip (legend swatches have none)."""
    return [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]


def test_side_by_side_bars_are_valid_svg_with_a_tooltip_per_value():
    svg = bar_chart(
        title="Выручка 2026",
        labels=["қаң.", "ақп.", "нау."],
        series=[Series("Выручка", (1_000_00, 0, 250_00)), Series("План", (900_00, 500_00, 0))],
        format_value=lambda amount: f"{amount / 100:.2f} ₸",
    )

    root = _parse(svg)
    assert root.get("role") == "img" and root.get("aria-label") == "Выручка 2026"
    tips = [rect.findtext(f"{SVG}title") for rect in _bars(root)]
    # Zeros draw no bar.
    assert tips == [
        "қаң. — Выручка: 1000.00 ₸",
        "қаң. — План: 900.00 ₸",
        "ақп. — План: 500.00 ₸",
        "нау. — Выручка: 250.00 ₸",
    ]
    heights = [float(rect.get("height", "0")) for rect in _bars(root)]
    assert heights[0] == pytest.approx(heights[3] * 4), "bars are to scale"
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "Выручка" in texts and "План" in texts, "a legend for two series"


def test_stacked_bars_sit_on_each_other():
    root = _parse(
        bar_chart(
            title="Forecast",
            labels=["07.09"],
            series=[Series("Due", (300,)), Series("Renewals", (100,))],
            stacked=True,
        )
    )
    due, renewal = _bars(root)
    assert due.get("x") == renewal.get("x")
    assert float(renewal.get("y", "0")) + float(renewal.get("height", "0")) == pytest.approx(
        float(due.get("y", "0"))
    )


def test_every_text_is_escaped():
    hostile = '<script>alert("x")</script> & \x07'
    svg = bar_chart(
        title=hostile,
        labels=[hostile],
        series=[Series(hostile, (5,)), Series("b", (1,))],
        format_value=lambda amount: f"{amount} <b>",
        empty_text=hostile,
    )

    root = _parse(svg)
    assert "<script" not in svg and "<b>" not in svg
    assert root.findtext(f"{SVG}title") == '<script>alert("x")</script> & '
    assert root.find(f".//{SVG}script") is None


@pytest.mark.parametrize(
    ("labels", "series"),
    [([], []), (["Jan", "Feb"], [Series("Revenue", (0, 0))])],
    ids=["nothing", "zeros"],
)
def test_a_chart_without_data_still_renders(labels, series):
    root = _parse(
        bar_chart(title="Revenue", labels=labels, series=series, empty_text="No revenue yet.")
    )

    assert _bars(root) == []
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "No revenue yet." in texts and "0" in texts
    assert all(label in texts for label in labels)


def test_negative_values_hang_below_zero_and_mismatched_series_are_refused():
    root = _parse(bar_chart(title="Net", labels=["Sep"], series=[Series("Net", (-500,))]))
    (bar,) = _bars(root)
    zero = next(text for text in root.iter(f"{SVG}text") if text.text == "0")
    assert float(bar.get("y", "0")) == pytest.approx(float(zero.get("y", "0")))

    with pytest.raises(ValueError, match="2 values for 1"):
        bar_chart(title="Bad", labels=["a"], series=[Series("s", (1, 2))])


def test_a_reference_line_is_drawn_at_its_value_even_above_the_bars():
    root = _parse(
        bar_chart(
            title="ENT",
            labels=["Oct", "Nov"],
            series=[Series("ENT", (30, 40))],
            reference=("Threshold <80>", 80),
        )
    )
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    (line,) = dashed
    eighty = next(text for text in root.iter(f"{SVG}text") if text.text == "80")
    assert float(line.get("y1", "0")) == pytest.approx(float(eighty.get("y", "0")))
    assert any(text.text == "Threshold <80>" for text in root.iter(f"{SVG}text"))
