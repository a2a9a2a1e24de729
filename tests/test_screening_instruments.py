"""PHQ-9 and GAD-7 as data (issue 9): every item and option in en/ru/kk, scores, bands,
the critical item and refused answers."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import InvalidInput
from core.screening.instruments import (
    Band,
    age_on,
    band_for,
    check_answer,
    instrument,
    instruments,
    is_critical,
    score,
)


def test_both_instruments_carry_every_text_in_three_languages_and_their_licence():
    assert [found.name for found in instruments()] == ["PHQ-9", "GAD-7"]
    for found in instruments():
        assert found.min_age == 12
        assert "no permission required" in found.licence
        assert "UNVALIDATED DRAFT" in found.translations["kk"]
        assert [option.value for option in found.options] == [0, 1, 2, 3]
        for text in [found.stem, *(entry.text for entry in found.items)]:
            assert all(text[code].strip() for code in ("en", "ru", "kk"))
    phq9 = instrument("phq9")
    assert len(phq9.items) == 9
    assert phq9.items[8].text["en"].startswith("Thoughts that you would be better off dead")
    assert phq9.options[2].text["ru"] == "Более недели"
    assert len(instrument("gad7").items) == 7


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, Band.MINIMAL),
        (4, Band.MINIMAL),
        (5, Band.MILD),
        (9, Band.MILD),
        (10, Band.MODERATE),
        (14, Band.MODERATE),
        (15, Band.MODERATELY_SEVERE),
        (19, Band.MODERATELY_SEVERE),
        (20, Band.SEVERE),
        (27, Band.SEVERE),
    ],
)
def test_phq9_bands_follow_the_published_cut_offs(total: int, band: Band):
    assert band_for(instrument("phq9"), total) == band


@pytest.mark.parametrize(
    ("total", "band"),
    [(4, Band.MINIMAL), (5, Band.MILD), (10, Band.MODERATE), (15, Band.SEVERE), (21, Band.SEVERE)],
)
def test_gad7_bands_follow_the_published_cut_offs(total: int, band: Band):
    assert band_for(instrument("gad7"), total) == band


def test_a_complete_phq9_is_the_sum_and_item_9_above_zero_is_critical():
    phq9 = instrument("phq9")
    answers = dict.fromkeys(range(1, 10), 3)
    assert score(phq9, answers).total == 27
    quiet = dict.fromkeys(range(1, 10), 1) | {9: 0}
    result = score(phq9, quiet)
    assert (result.total, result.band, result.critical_items) == (8, Band.MILD, ())
    # A low total with item 9 answered "several days" is still critical.
    flagged = score(phq9, dict.fromkeys(range(1, 10), 0) | {9: 1})
    assert (flagged.total, flagged.band, flagged.critical_items) == (1, Band.MINIMAL, (9,))
    assert is_critical(phq9, 9, 1)
    assert not is_critical(phq9, 9, 0)
    assert not is_critical(phq9, 2, 3)
    assert not any(is_critical(instrument("gad7"), number, 3) for number in range(1, 8))


def test_unknown_answers_items_and_unfinished_forms_are_refused():
    phq9 = instrument("phq9")
    for value in (-1, 4, True):
        with pytest.raises(InvalidInput) as refused:
            check_answer(phq9, 1, value)
        assert refused.value.field == "value"
    for number in (0, 10):
        with pytest.raises(InvalidInput) as refused:
            check_answer(phq9, number, 1)
        assert refused.value.field == "item"
    with pytest.raises(InvalidInput):
        score(phq9, dict.fromkeys(range(1, 9), 1))
    with pytest.raises(InvalidInput) as unknown:
        instrument("sdq")
    assert unknown.value.field == "instrument"


def test_age_counts_full_years():
    assert age_on(date(2014, 9, 1), date(2026, 9, 1)) == 12
    assert age_on(date(2014, 9, 2), date(2026, 9, 1)) == 11
    assert age_on(date(2012, 2, 29), date(2026, 2, 28)) == 13
    assert age_on(date(2012, 2, 29), date(2026, 3, 1)) == 14
