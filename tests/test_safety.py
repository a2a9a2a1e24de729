"""Safety words (issues 8 and 9): a red-team list in Kazakh, Russian and English — what a
child in danger writes must hit, also in Latin letters and mixed languages; everyday idioms
that sound alike must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.safety import (
    DATA_DIR,
    LANGUAGES,
    URGENT,
    Concern,
    concerns,
    matching,
    parse_list,
    skeleton,
)

SUICIDE, SELF_HARM, VIOLENCE, ABUSE = (
    Concern.SUICIDE,
    Concern.SELF_HARM,
    Concern.VIOLENCE,
    Concern.ABUSE,
)

HITS: list[tuple[str, Concern]] = [
    ("Я не хочу больше жить, всё надоело", Concern.SUICIDE),
    ("Жить больше не хочу", Concern.SUICIDE),
    ("Отчим бьёт маму, когда пьёт", Concern.VIOLENCE),
    ("Ағам мені ұрады, үйге барғым келмейді", Concern.VIOLENCE),
    # English
    ("I want to kill myself", SUICIDE),
    ("Sometimes I think about suicide", SUICIDE),
    ("i feel suicidal every night", SUICIDE),
    ("I just want to die.", SUICIDE),
    ("I don't want to live anymore", SUICIDE),
    ("everyone would be better off dead without me", SUICIDE),
    ("I cut myself in the bathroom", SELF_HARM),
    ("I've been self-harming since spring", SELF_HARM),
    ("Older boys beat me up behind the gym", VIOLENCE),
    ("He brought a KNIFE to class", VIOLENCE),
    ("They threatened to kill my little brother", VIOLENCE),
    ("My stepfather hits me when he is drunk", VIOLENCE),
    ("the coach touched me and told me to keep quiet", ABUSE),
    ("he keeps asking me to send nudes", ABUSE),
    ("I was raped last year", ABUSE),
    # Russian
    ("Я больше не хочу жить", SUICIDE),
    ("Хочу умереть, никто меня не понимает", SUICIDE),
    ("думаю о самоубийстве", SUICIDE),
    ("Иногда хочется покончить с собой", SUICIDE),
    ("если так дальше, спрыгну с крыши", SUICIDE),
    ("Я режу себя, чтобы стало легче", SELF_HARM),
    ("у неё порезы на руках", SELF_HARM),
    ("Меня бьют в раздевалке каждый день", VIOLENCE),
    ("Старшеклассники избивают младших", VIOLENCE),
    ("он угрожал убить меня", VIOLENCE),
    ("у него в рюкзаке был нож", VIOLENCE),
    ("Отчим бьёт меня", VIOLENCE),  # ё as е
    ("учитель домогается до девочек", ABUSE),
    ("Он трогает меня, когда никого нет", ABUSE),
    ("просит голые фото", ABUSE),
    # Kazakh
    ("Мен өлгім келеді", SUICIDE),
    ("Өзімді өлтіргім келеді", SUICIDE),
    ("өзін-өзі өлтіру туралы ойлаймын", SUICIDE),
    ("Өмір сүргім келмейді", SUICIDE),
    ("ӨЗІМЕ ҚОЛ ЖҰМСАЙМЫН", SUICIDE),
    ("түнде өзімді кесемін", SELF_HARM),
    ("Жоғары сынып оқушылары мені ұрады", VIOLENCE),
    ("оны ұрып-соғып, телефонын тартып алды", VIOLENCE),
    ("ол пышақпен қорқытты", VIOLENCE),
    ("өлтіремін деп айтты", VIOLENCE),
    ("ағасы оны зорлады", ABUSE),
    ("денеме тиіседі", ABUSE),
]

NEAR_MISSES: list[str] = [
    "Сыныпта біреу мені ұрлады деп ойладым: телефоным жоғалды",
    # English idioms and look-alikes
    "We killed time at the bus stop",
    "Can you kill the lights before the film?",
    "This homework is killing me",
    "My mum will kill me if I get a C",
    "Beats me why the schedule changed",
    "I'm dying to see the results",
    "I'm on a diet and want to diet properly",
    "we beat them at football",
    "the battery died during the test",
    "dead tired after six lessons",
    "our photo shoot was cancelled",
    "the school canteen is stable now",
    "the grape juice costs too much",
    # Russian
    "убил время на перемене",
    "Убить время до звонка",
    "Меня убивает эта домашка",
    "умираю от скуки на уроке",
    "ножницы пропали из класса",
    "ударил по мячу и разбил окно",
    "бьют рекорды по опозданиям",
    "Учитель хочет, чтобы мы жили дружно",
    "я хочу жить в общежитии",
    # Kazakh
    "Өлердей шаршадым",
    "күлгеннен өліп қала жаздадым",
    "ол доп ұрды",
    "біреу ақшамды ұрлады",
    "қолымды кесіп алдым, байқамай",
    "Өмір сүру қымбат, ақы көп",
    "асыл тастар туралы сабақ",
]


@pytest.mark.parametrize(("text", "concern"), HITS)
def test_words_of_a_child_in_danger_hit(text: str, concern: Concern) -> None:
    assert concern in concerns(text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_everyday_idioms_do_not_hit(text: str) -> None:
    assert concerns(text) == frozenset()


def test_every_list_parses_and_each_language_covers_every_concern() -> None:
    for language in LANGUAGES:
        path = DATA_DIR / f"{language}.txt"
        patterns = parse_list(path.read_text(encoding="utf-8").splitlines(), str(path))
        assert {concern for concern, _ in patterns} == set(Concern), language
        assert len(patterns) >= 40, language


def test_patterns_match_at_word_starts_in_order_and_whole_words_when_marked() -> None:
    patterns = parse_list(["violence\tнож$", "suicide\tkill myself", "abuse\tзорла  # a comment"])
    assert matching("там был НОЖ", patterns) == {VIOLENCE}
    assert matching("ножницы", patterns) == frozenset()
    assert matching("killing myself", patterns) == {SUICIDE}
    assert matching("myself kill", patterns) == frozenset()
    assert matching("skill myself", patterns) == frozenset(), "a stem starts a word"
    assert matching("ЗОРЛАДЫ", patterns) == {ABUSE}
    assert matching("", patterns) == frozenset()


def test_a_bad_line_names_its_place() -> None:
    with pytest.raises(ValueError, match=r"<list>:2: unknown concern 'danger'"):
        parse_list(["# fine", "danger\tknife"])
    with pytest.raises(ValueError, match="expected concern<TAB>pattern"):
        parse_list(["violence knife"])


REDTEAM = Path(__file__).parent / "data" / "safety_redteam.tsv"


def redteam() -> list[tuple[str, str, str]]:
    """(phrase, expected concern or "none", language) rows of the red-team set (issue 9)."""
    rows = []
    for line in REDTEAM.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#"):
            phrase, expected, language = line.split("\t")
            rows.append((phrase, expected, language))
    return rows


def test_the_red_team_set_is_all_found_and_no_near_miss_is_flagged() -> None:
    rows = redteam()
    missed = [(p, e) for p, e, _ in rows if e != "none" and Concern(e) not in concerns(p)]
    flagged = [(p, concerns(p)) for p, e, _ in rows if e == "none" and concerns(p)]
    assert missed == []
    assert flagged == []
    languages = {language for _, _, language in rows}
    assert {"en", "ru", "kk", "ru-latn", "kk-latn", "mixed"} <= languages
    assert {Concern(e) for _, e, _ in rows if e != "none"} == set(Concern)


def test_russian_and_kazakh_in_latin_letters_are_read_as_cyrillic() -> None:
    assert concerns("hochu umeret") == {SUICIDE}
    assert concerns("ub'yu sebya") == {SUICIDE}
    assert concerns("ozimdi oltiremin") == {SUICIDE}
    assert concerns("ÖZIMDI ÖLTIREMIN") == {SUICIDE}
    assert skeleton("убью себя") == skeleton("ubyu sebya")


def test_bullying_is_a_disclosure_that_does_not_make_a_complaint_urgent() -> None:
    assert concerns("Меня травят в классе") == {Concern.BULLYING}
    assert not concerns("Меня травят в классе") & URGENT
    assert concerns("they bully me and beat me up") & URGENT == {VIOLENCE}
    assert set(URGENT) == set(Concern) - {Concern.BULLYING}
