"""Benchmark: career recommendations and the safety gate (issue 9), pure functions, no database.

    .venv/bin/python bench/career.py [--quick] [--samples N] [--messages N] [--seed N]

1. **recommend** (target: p95 under 20 ms): random full-form answers — each student gets a
   random liking per interest type and answers its items around it (1–5), so profiles have
   shape like real ones; flat profiles, which get no suggestions and would flatter the
   figure, are redrawn. Timed: ``core.career.matching.recommend`` (all Job Zones, top 10)
   over the 923 occupations, 2,000 profiles (quick: 300). ``score`` is timed alongside and
   the first call, which reads the occupation file, apart (``load_ms``).
2. **safety** (targets: p95 under 2 ms per message, recall 1.0): 1,000 messages (both modes)
   made of benign school chat in kk, ru and en — also Russian and Kazakh in Latin letters,
   and mixed, one to three lines each — with a fifth drawn from the red-team set of
   ``tests/data/safety_redteam.tsv``; each ``core.safety.concerns`` call is timed. Then
   ``safety_recall`` (share of the set's hits found with their concern) and
   ``safety_false_positives`` (near misses flagged) over the red-team set, and how many
   benign chat lines were flagged (``safety_benign_flagged``).

Figures are printed as they are measured, with the machine's load average (timings on a
shared machine are only as good as its load); the last line is one JSON object. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.support.figures import percentile  # noqa: E402
from core.career.inventory import TYPES, Form, Scores, items, score  # noqa: E402
from core.career.matching import occupations, recommend  # noqa: E402
from core.safety import Concern, concerns  # noqa: E402

REDTEAM = ROOT / "tests" / "data" / "safety_redteam.tsv"
RED_TEAM_SHARE = 0.2
"""Share of the gate's messages drawn from the red-team set (hits and near misses)."""

BENIGN = [
    # en
    "Can someone send the homework for tomorrow?",
    "The maths test is moved to Friday, room 204.",
    "I left my jacket in the gym, has anyone seen it?",
    "Good luck at the olympiad everyone!",
    "What time does the chess club start?",
    "We killed time at the bus stop waiting for the coach.",
    "This physics homework is killing me lol",
    "Who wants to join our robotics team?",
    # ru
    "Кто-нибудь сделал домашку по алгебре?",
    "Завтра контрольная по физике, не забудьте калькулятор.",
    "Убили время на перемене, играли в шахматы.",
    "Классный руководитель просил принести фото на пропуск.",
    "Во сколько начинается репетиция концерта?",
    "Я опоздаю на первый урок, автобус сломался.",
    "Поздравляем нашу команду с победой в олимпиаде!",
    "Умираю от скуки на истории, скорей бы звонок.",
    # kk
    "Ертеңгі сабаққа не дайындау керек?",
    "Математикадан үй тапсырмасын кім жіберіп жібереді?",
    "Өлердей шаршадым, бірақ бәрібір дайындаламын.",
    "Сынып жиналысы сағат үште басталады.",
    "Олимпиадаға қатысқандарға рақмет!",
    "Кітапханадан кітапты қашан қайтару керек?",
    "Футболдан жарыста біз жеңдік!",
    "Ол доп ұрды да, терезе сынып қалды.",
    # transliterated and mixed
    "privet, kto sdelal domashku po fizike?",
    "zavtra kontrolnaya, ne zabud kalkulyator",
    "salem, erteng sabaq bar ma?",
    "men keshigip kelemin, avtobus buzyldy",
    "сабақ бітті, see you tomorrow",
    "ok, давай в 5 встретимся у школы",
    "рақмет, thanks a lot!",
    "ubil vremya na peremene, igrali v shahmaty",
]


def redteam() -> list[tuple[str, str]]:
    rows = []
    for line in REDTEAM.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#"):
            phrase, expected, _language = line.split("\t")
            rows.append((phrase, expected))
    return rows


def report(name: str, values: Sequence[float]) -> dict[str, float]:
    """Print the median and p95 of timings in seconds; return them in milliseconds."""
    median, high = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
    print(
        f"  {name}: median {median:.3f} ms, p95 {high:.3f} ms ({len(values)} samples, "
        f"load average {os.getloadavg()[0]:.2f})"
    )
    return {f"{name}_p50_ms": round(median, 3), f"{name}_p95_ms": round(high, 3)}


def timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def random_answers(rng: random.Random) -> dict[str, int]:
    """Full-form answers with some shape: a liking per type, answers around it."""
    liking = {kind: rng.uniform(1, 5) for kind in TYPES}
    return {
        question.id: min(5, max(1, round(rng.gauss(liking[question.type], 0.8))))
        for question in items(Form.FULL)
    }


def random_scores(rng: random.Random) -> Scores:
    """Scores of random answers, redrawn while the profile is flat."""
    while True:
        scores = score(Form.FULL, random_answers(rng))
        if scores.clear:
            return scores


def bench_recommend(samples: int, rng: random.Random) -> dict[str, Any]:
    print(f"recommend: {samples} random profiles over the occupation profiles")
    started = time.perf_counter()
    loaded = len(occupations())
    load_ms = round((time.perf_counter() - started) * 1000, 2)
    print(f"  load: {loaded} occupations read in {load_ms:.2f} ms (once per process)")
    profiles, scoring = [], []
    for _ in range(samples):
        answers = random_answers(rng)
        scoring.append(timed(lambda answers=answers: score(Form.FULL, answers)))
        profiles.append(random_scores(rng))
    result: dict[str, Any] = {"occupations": loaded, "load_ms": load_ms}
    result |= report("score", scoring)
    result |= report(
        "recommend", [timed(lambda scores=scores: recommend(scores)) for scores in profiles]
    )
    bands = [len(recommend(scores).suggestions) for scores in profiles]
    result["recommend_mean_suggestions"] = round(sum(bands) / len(bands), 2)
    print(f"  {result['recommend_mean_suggestions']} suggestions per profile on average")
    return result


def bench_safety(messages: int, rng: random.Random) -> dict[str, Any]:
    rows = redteam()
    chosen = [
        rng.choice(rows) if rng.random() < RED_TEAM_SHARE else (rng.choice(BENIGN), "benign")
        for _ in range(messages)
    ]
    texts = [
        " ".join([text, *rng.sample(BENIGN, rng.randint(0, 2))]) if kind == "benign" else text
        for text, kind in chosen
    ]
    for text in texts[:50]:  # warm up: the lists are read on the first call
        concerns(text)
    print(f"safety: {messages} messages, {sum(k != 'benign' for _, k in chosen)} red-team")
    result = report("safety", [timed(lambda text=text: concerns(text)) for text in texts])
    hits = [(p, e) for p, e in rows if e != "none"]
    near = [p for p, e in rows if e == "none"]
    found = sum(Concern(e) in concerns(p) for p, e in hits)
    flagged = [p for p in near if concerns(p)]
    benign_flagged = [t for t in BENIGN if concerns(t)]
    result |= {
        "safety_redteam_hits": len(hits),
        "safety_recall": round(found / len(hits), 4),
        "safety_near_misses": len(near),
        "safety_false_positives": len(flagged),
        "safety_benign_flagged": len(benign_flagged),
    }
    print(
        f"  recall {result['safety_recall']:.3f} on {len(hits)} red-team hits; "
        f"{len(flagged)} of {len(near)} near misses flagged {flagged}; "
        f"{len(benign_flagged)} of {len(BENIGN)} benign chat lines flagged {benign_flagged}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark career matching and the safety gate.")
    parser.add_argument("--quick", action="store_true", help="300 profiles instead of 2,000")
    parser.add_argument("--samples", type=int, default=None, help="profiles to recommend for")
    parser.add_argument("--messages", type=int, default=1000, help="messages through the gate")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    result: dict[str, Any] = {"quick": args.quick, "load_1m_before": round(os.getloadavg()[0], 2)}
    result |= bench_recommend(args.samples or (300 if args.quick else 2000), rng)
    result |= bench_safety(args.messages, rng)
    result["load_1m_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
