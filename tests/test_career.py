"""Career guidance core (issue 9): the interest inventory, occupations for a profile and ENT
feasibility — what a student or counsellor would notice in the results."""

from __future__ import annotations

import pytest

from core.career.ent import (
    SAFE_MARGIN,
    Verdict,
    feasibility,
    routes,
    sections,
    subject_pairs,
)
from core.career.inventory import DATA_DIR, TYPES, Form, all_items, item, items, score
from core.career.matching import Band, occupations, recommend
from core.career.notice import attribution
from core.errors import InvalidInput


def answers(form: Form, liked: str = "", *, other: int = 1, like: int = 5) -> dict[str, int]:
    """Every item of ``form`` answered: ``like`` for the types in ``liked``, else ``other``."""
    return {question.id: like if question.type in liked else other for question in items(form)}


def test_every_item_speaks_three_languages_and_each_type_is_asked_equally() -> None:
    for question in all_items():
        assert all(question.text[language].strip() for language in ("en", "ru", "kk"))
        assert question.source_activity
    for form, per_type in ((Form.SHORT, 5), (Form.FULL, 10)):
        kinds = [question.type for question in items(form)]
        assert {kind: kinds.count(kind) for kind in TYPES} == dict.fromkeys(TYPES, per_type)
    assert len({question.id for question in all_items()}) == len(all_items())


def test_the_inventory_is_not_called_by_the_name_of_onets_own() -> None:
    for question in all_items():
        assert "Interest Profiler" not in " ".join(question.text.values())
    assert "Interest Profiler" not in (DATA_DIR / "items.csv").read_text(encoding="utf-8")


def test_a_student_who_likes_building_and_fixing_gets_trades_first() -> None:
    scores = score(Form.SHORT, answers(Form.SHORT, "R"))
    assert scores.code[0] == "R"
    assert scores.sums["R"] == 25
    assert scores.levels["R"] == 7.0
    assert scores.levels["I"] == 1.0
    best = {
        s.occupation.title for s in recommend(scores, limit=200).suggestions if s.band is Band.BEST
    }
    assert {
        "Electricians",
        "Automotive Service Technicians and Mechanics",
        "Carpenters",
    } <= best
    assert not any("Physicians" in title or "Teachers" in title for title in best)


def test_a_suggestion_is_explained_by_the_activities_the_student_liked() -> None:
    scores = score(Form.FULL, answers(Form.FULL, "IS", other=2, like=4))
    top = recommend(scores, limit=5).suggestions
    assert top
    for suggestion in top:
        assert suggestion.because
        assert all(item(i).type in suggestion.occupation.holland_code for i in suggestion.because)
        assert all(i in scores.liked for i in suggestion.because)


def test_a_flat_profile_has_no_clear_interests_and_gets_no_random_jobs() -> None:
    scores = score(Form.FULL, answers(Form.FULL, other=3))
    assert scores.differentiation == 0
    assert not scores.clear
    result = recommend(scores)
    assert result.clear is False
    assert result.suggestions == ()


def test_the_aimed_preparation_level_keeps_physicians_out_for_zone_two() -> None:
    scores = score(Form.FULL, answers(Form.FULL, "IS", other=2))
    anything = recommend(scores, limit=50).suggestions
    assert any("Physicians" in s.occupation.title for s in anything)
    zone_two = recommend(scores, job_zones={2}, limit=50).suggestions
    assert zone_two
    assert {s.occupation.job_zone for s in zone_two} == {2}
    assert not any("Physicians" in s.occupation.title for s in zone_two)
    with pytest.raises(InvalidInput):
        recommend(scores, job_zones={6})
    with pytest.raises(InvalidInput):
        recommend(scores, job_zones=())


def test_suggestions_come_best_first_within_their_bands() -> None:
    scores = score(Form.FULL, answers(Form.FULL, "AE", other=2))
    found = recommend(scores, limit=923).suggestions
    fits = [s.fit for s in found]
    assert fits == sorted(fits, reverse=True)
    assert all(s.fit >= 0.4 for s in found)
    for s in found:
        assert s.band is (Band.BEST if s.fit >= 0.8 else Band.GREAT if s.fit >= 0.6 else Band.GOOD)


def test_ties_in_the_code_are_broken_the_same_way_every_time() -> None:
    tied = answers(Form.FULL, "SE", other=2)  # S and E equal, the rest equal
    assert score(Form.FULL, tied).code == "SER"  # RIASEC order among equals
    # Equal levels: the type with more "strongly like" answers comes first — S is all 4s,
    # E alternates 5 and 3 (the same sum).
    e_items = [q.id for q in items(Form.FULL) if q.type == "E"]
    s_items = [q.id for q in items(Form.FULL) if q.type == "S"]
    uneven = {**tied}
    for question in s_items:
        uneven[question] = 4
    for number, question in enumerate(e_items):
        uneven[question] = 5 if number % 2 == 0 else 3
    scores = score(Form.FULL, uneven)
    assert scores.levels["S"] == scores.levels["E"]
    assert scores.code[:2] == "ES"
    assert {score(Form.FULL, uneven).code for _ in range(5)} == {"ESR"}


def test_bad_answers_are_refused_with_a_clear_reason() -> None:
    complete = answers(Form.SHORT, "A")
    with pytest.raises(InvalidInput, match="no question nope") as unknown:
        score(Form.SHORT, {**complete, "nope": 3})
    assert unknown.value.code == "invalid"
    with pytest.raises(InvalidInput, match="no question f-r01"):
        score(Form.SHORT, {**complete, "f-r01": 3})  # the full form's item
    with pytest.raises(InvalidInput, match="must be a number from 1 to 5"):
        score(Form.SHORT, {**complete, "s-a1": 6})
    with pytest.raises(InvalidInput, match="must be a number from 1 to 5"):
        score(Form.SHORT, {**complete, "s-a1": 0})
    half = dict(list(complete.items())[:12])
    with pytest.raises(InvalidInput, match="18 of 30 questions") as unfinished:
        score(Form.SHORT, half)
    assert "18" in unfinished.value.translated("ru")


def test_every_occupation_is_loaded_with_a_code_and_a_job_zone() -> None:
    loaded = occupations()
    assert len(loaded) == 923
    assert all(o.holland_code and 1 <= o.job_zone <= 5 for o in loaded)
    assert occupations() is loaded  # read once


MOCK = {
    "history_kz": 15,
    "math_literacy": 7,
    "reading_literacy": 7,
    "profile_1": 30,
    "profile_2": 30,
}  # 89 of 140


def test_a_doctor_needs_biology_and_chemistry_and_the_medicine_threshold() -> None:
    physician = next(o for o in occupations() if o.title == "Family Medicine Physicians")
    (route,) = routes(physician.code)
    assert route.pair.id == "bio_chem"
    assert route.threshold == 70
    developer = next(o for o in occupations() if o.title == "Software Developers")
    assert routes(developer.code)[0].pair.id == "math_inf"
    janitor = next(o for o in occupations() if o.code.startswith("37-2011"))
    assert routes(janitor.code) == ()


def test_mock_results_read_as_reach_target_or_safe() -> None:
    low = {**MOCK, "profile_1": 10, "profile_2": 10}  # 49
    assert feasibility(low, threshold=70).verdict is Verdict.REACH
    assert feasibility(low, threshold=70).missing == 21
    assert feasibility(MOCK, threshold=75).verdict is Verdict.TARGET
    assert feasibility(MOCK, threshold=89 - SAFE_MARGIN).verdict is Verdict.SAFE
    assert feasibility(MOCK, threshold=50).verdict is Verdict.SAFE


def test_a_failed_subject_minimum_says_which_subject() -> None:
    pair = subject_pairs()["bio_chem"]
    result = feasibility({**MOCK, "profile_2": 4, "math_literacy": 2}, threshold=50, pair=pair)
    assert result.verdict is Verdict.BELOW_MINIMUM
    assert [s.name["ru"] for s in result.failed] == ["Математическая грамотность", "Химия"]
    assert [s.name["kk"] for s in result.failed] == ["Математикалық сауаттылық", "Химия"]
    assert result.failed[1].name["en"] == "Chemistry"


def test_bad_ent_scores_are_refused() -> None:
    with pytest.raises(InvalidInput, match="from 0 to 20"):
        feasibility({**MOCK, "history_kz": 21}, threshold=50)
    with pytest.raises(InvalidInput, match="no section chess"):
        feasibility({**MOCK, "chess": 3}, threshold=50)
    without_history = {k: v for k, v in MOCK.items() if k != "history_kz"}
    with pytest.raises(InvalidInput, match="no score for History of Kazakhstan") as missing:
        feasibility(without_history, threshold=50)
    assert "Қазақстан тарихы" in missing.value.translated("kk")
    assert sum(s.maximum for s in sections()) == 140


def test_the_attribution_notice_ships_with_the_data() -> None:
    notice = attribution()
    assert notice.startswith("This product includes information from the O*NET 29.3 Database")
    assert "Used under the CC BY 4.0 license." in notice
    assert "Sabaq has modified all or some of this information" in notice
    assert "[Platform name]" not in notice
    assert notice.endswith("has not approved, endorsed, or tested these modifications.")
    total = sum(path.stat().st_size for path in DATA_DIR.iterdir())
    assert total < 2_000_000
