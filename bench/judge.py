"""Benchmark: the online judge (issue 10) — per-language latency, throughput through the
queue, a burst, and a hostile corpus run beside normal submissions.

    .venv/bin/python bench/judge.py [--quick] [--samples N] [--seconds S] [--rate R]

Needs the sandbox (bubblewrap, cgroups) and Debian's toolchains (g++, fp-compiler,
openjdk-17-jdk-headless); without them it prints why and a JSON line with nulls.

1. **latency** (targets p50/p95: Python ≤ 300/500 ms, C++ with ``<bits/stdc++.h>`` ≤
   500/1000 ms, Pascal ≤ 300/500 ms, Java ≤ 800/1500 ms): A+B with 3 tests, one job at a
   time, warm (one untimed run first, the toolchain cache prepared): ``core.judge.judging.judge``
   — compile, three sandboxed runs and the checks — ``--samples`` times per language
   (quick: 8).
2. **throughput**: an SQLite database, a school, a task; Python A+B submissions offered at
   ``--rate`` a second (quick: 5) for ``--seconds`` (quick: 8) through ``submit`` and the
   judge queue with ``SABAQ_JUDGE_WORKERS`` workers (2, as ``sabaq run``): ``subs_per_s`` is
   submissions judged per second of the run, ``e2e_p95_ms`` from submit to stored verdict.
3. **burst**: 30 submissions at once (a class pressing "send" together); ``burst_s`` is the
   time until the last verdict is stored.
4. **hostile corpus**: programs that try to escape or exhaust the box (fork bomb, memory
   bomb, output flood, sleep, reading ``/etc/shadow`` and the host's files, a loopback
   socket, a subprocess, symlink planting, a compile-time include of ``/dev/urandom``,
   environment and ``/proc`` snooping, a daemonised grandchild, writing to the disk) are
   judged while normal submissions are timed. Each program prints ``ESCAPED`` only if its
   attack worked, and the grandchild would leave a file on the host: ``escapes`` counts
   both. ``hostile_p95_ratio``: p95 of normal submissions during the corpus over the p95
   without it (target ≤ 2).

Figures are printed as they are measured, with the machine's load average; the last line is
one JSON object (``py_p50_ms``, ``py_p95_ms``, ``cpp_p50_ms``, ``cpp_p95_ms``, ``java_…``,
``pas_…``, ``subs_per_s``, ``e2e_p95_ms``, ``burst_s``, ``escapes``, ``hostile``: verdict per
program, ``hostile_p95_ratio``). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.support.figures import percentile  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import load_settings  # noqa: E402
from core.db import close_db, migrate  # noqa: E402
from core.deps import Deps, build_deps  # noqa: E402
from core.judge.judging import judge  # noqa: E402
from core.judge.languages import prepare_toolchains  # noqa: E402
from core.judge.package import Statement, TaskPackage, TestCase  # noqa: E402
from core.judge.sandbox import SandboxUnavailable, check_sandbox  # noqa: E402
from core.models.judge import ProgramSubmission, SubmissionState  # noqa: E402
from core.models.org import OrganisationKind  # noqa: E402
from core.models.people import Role  # noqa: E402
from core.services.judge_queue import start_workers, toolchain_cache  # noqa: E402
from core.services.judge_tasks import create_task  # noqa: E402
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.services.people import PersonData, do_create_person  # noqa: E402
from core.services.submissions import SubmissionChannel, submit  # noqa: E402
from core.tx import transaction  # noqa: E402

SOLUTIONS = {
    "python": b"a, b = map(int, input().split())\nprint(a + b)\n",
    "cpp": b"#include <bits/stdc++.h>\nusing namespace std;\n"
    b"int main() { long long a, b; cin >> a >> b; cout << a + b << endl; }\n",
    "java": b"import java.util.*;\npublic class Main { public static void main(String[] x) {"
    b" Scanner s = new Scanner(System.in); long a = s.nextLong(), b = s.nextLong();"
    b" System.out.println(a + b); } }\n",
    "pascal": b"var a, b: int64;\nbegin\n  readln(a, b);\n  writeln(a + b);\nend.\n",
}
SHORT = {"python": "py", "cpp": "cpp", "java": "java", "pascal": "pas"}
#: Where a daemonised grandchild would leave its mark if it outlived its run and got out.
MARK = Path(tempfile.gettempdir()) / "sabaq-judge-bench-escape"
HOSTILE: dict[str, tuple[str, bytes]] = {
    "fork_bomb": ("cpp", b"#include <unistd.h>\nint main(){ while (1) fork(); }\n"),
    "python_fork_bomb": ("python", b"import os\nwhile True:\n    os.fork()\n"),
    "memory_bomb": (
        "cpp",
        b"#include <bits/stdc++.h>\nint main(){ std::vector<char*> v; while (1) {"
        b" char* p = new char[1 << 20]; memset(p, 1, 1 << 20); v.push_back(p); } }\n",
    ),
    "output_flood": ("python", b"import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n"),
    "sleep": ("python", b"import time\ntime.sleep(30)\n"),
    "busy_loop": ("cpp", b"int main(){ volatile unsigned long x = 0; while (1) x++; }\n"),
    "read_shadow": (
        "python",
        b"try:\n    open('/etc/shadow').read()\n    print('ESCAPED')\nexcept OSError:\n"
        b"    print('SAFE')\n",
    ),
    "read_host_files": (
        "python",
        b"import os\nfound = [p for p in ('/root', '/home', '/work', '/var/lib/postgresql')"
        b" if os.path.exists(p) and os.listdir(p)]\nprint('ESCAPED' if found else 'SAFE')\n",
    ),
    "loopback_socket": (
        "python",
        b"import socket\ntry:\n    socket.create_connection(('127.0.0.1', 5432), 1)\n"
        b"    print('ESCAPED')\nexcept OSError:\n    print('SAFE')\n",
    ),
    "subprocess": (
        "python",
        b"import subprocess\ntry:\n    subprocess.run(['/bin/true'], check=True)\n"
        b"    print('ESCAPED')\nexcept Exception:\n    print('SAFE')\n",
    ),
    "symlink_planting": (
        "python",
        b"import os\ntry:\n    os.symlink('/etc/shadow', 'main.out')\n    print('ESCAPED')\n"
        b"except OSError:\n    print('SAFE')\n",
    ),
    "include_urandom": ("cpp", b'#include "/dev/urandom"\nint main(){}\n'),
    "environment_snooping": (
        "python",
        b"import os\nsecret = [k for k in os.environ if 'SABAQ' in k or 'PG' in k or 'KEY' in k]\n"
        b"print('ESCAPED' if secret else 'SAFE')\n",
    ),
    "proc_snooping": (
        "python",
        b"import os\npids = [p for p in os.listdir('/proc') if p.isdigit()]\n"
        b"print('ESCAPED' if len(pids) > 3 else 'SAFE')\n",
    ),
    "daemon_grandchild": (
        "cpp",
        b"#include <bits/stdc++.h>\n#include <unistd.h>\nint main(){ if (fork() == 0) {"
        b' setsid(); if (fork() == 0) { sleep(3); FILE* f = fopen("'
        + str(MARK).encode()
        + b'", "w"); if (f) fputs("ESCAPED", f); } return 0; } puts("SAFE"); }\n',
    ),
    "disk_fill": (
        "python",
        b"with open('/tmp/fill', 'wb') as f:\n    while True:\n        f.write(b'x' * 1048576)\n",
    ),
}


def aplusb() -> TaskPackage:
    return TaskPackage(
        name="A+B",
        statements={"en": Statement(title="A+B", legend="Add two numbers.", input="", output="")},
        time_ms=1000,
        memory_mb=256,
        tests=(
            TestCase(input=b"2 0\n", answer=b"2\n", sample=True),
            TestCase(input=b"2 3\n", answer=b"5\n"),
            TestCase(input=b"-7 10\n", answer=b"3\n"),
        ),
    )


def hostile_task() -> TaskPackage:
    return TaskPackage(
        name="SAFE",
        statements={"en": Statement(title="SAFE", legend="Print SAFE.", input="", output="")},
        time_ms=1000,
        memory_mb=128,
        tests=tuple(TestCase(input=b"", answer=b"SAFE\n") for _ in range(3)),
    )


def load() -> float:
    return round(os.getloadavg()[0], 2)


async def latency(cache: Path, samples: int) -> dict[str, Any]:
    package = aplusb()
    figures: dict[str, Any] = {}
    for language, source in SOLUTIONS.items():
        run = await judge(
            package, language=language, source=source, all_tests=False, cache_dir=cache
        )
        if run.verdict != "ok":
            print(f"  {language}: {run.verdict} {run.judge_message or run.compile_log[:200]}")
        timings = []
        for _ in range(samples):
            started = time.perf_counter()
            await judge(
                package, language=language, source=source, all_tests=False, cache_dir=cache
            )
            timings.append((time.perf_counter() - started) * 1000)
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"  {language}: p50 {p50:.0f} ms, p95 {p95:.0f} ms ({samples} runs, load {load()})")
        short = SHORT[language]
        figures[f"{short}_p50_ms"], figures[f"{short}_p95_ms"] = round(p50), round(p95)
    return figures


#: Students of the school: each may send ``SUBMIT_LIMIT`` a minute, a class together more.
STUDENTS = 40


async def school(deps: Deps) -> tuple[list[Actor], int]:
    """A school with a teacher, a class of students and the published A+B task."""
    async with transaction(deps) as tx:
        org = await do_create_organisation(
            tx,
            Actor.system(0, "bench"),
            kind=OrganisationKind.SCHOOL,
            data=OrganisationData(name_ru="Bench school", name_kk="Bench school"),
            parent_id=None,
        )
        system = Actor.system(org.id, "bench")
        people = [
            (
                role,
                await do_create_person(
                    tx,
                    system,
                    organisation_id=org.id,
                    data=PersonData(last_name="Bench", first_name=f"{role.value} {number}"),
                    roles=(role,),
                ),
            )
            for number, role in enumerate([Role.TEACHER] + [Role.STUDENT] * STUDENTS)
        ]
    teacher, *students = (
        Actor(person_id=person.id, organisation_id=org.id, roles=frozenset({role}))
        for role, person in people
    )
    task_id = await create_task(deps, teacher, package=aplusb(), published=True)
    return students, task_id


async def send(deps: Deps, students: list[Actor], task_id: int, number: int) -> int:
    return await submit(
        deps,
        students[number % len(students)],
        task_id=task_id,
        language="python",
        source=SOLUTIONS["python"],
        channel=SubmissionChannel.WEB,
    )


async def wait_judged(ids: list[int]) -> list[ProgramSubmission]:
    while True:
        rows = await ProgramSubmission.filter(id__in=ids, state=SubmissionState.DONE)
        if len(rows) == len(ids):
            return rows
        await asyncio.sleep(0.05)


def e2e_ms(rows: list[ProgramSubmission]) -> list[float]:
    return [
        (row.judged_at - row.submitted_at).total_seconds() * 1000
        for row in rows
        if row.judged_at is not None
    ]


async def throughput(
    deps: Deps, students: list[Actor], task_id: int, *, rate: float, seconds: float
) -> dict[str, Any]:
    ids: list[int] = []
    started = time.perf_counter()
    for number in range(int(rate * seconds)):
        delay = started + number / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        ids.append(await send(deps, students, task_id, number))
    rows = await wait_judged(ids)
    elapsed = time.perf_counter() - started
    timings = e2e_ms(rows)
    verdicts = {row.verdict for row in rows}
    figures = {
        "offered_per_s": rate,
        "subs_per_s": round(len(rows) / elapsed, 2),
        "e2e_p50_ms": round(statistics.median(timings)),
        "e2e_p95_ms": round(percentile(timings, 0.95)),
    }
    print(
        f"  {len(rows)} submissions offered at {rate}/s: {figures['subs_per_s']}/s judged, "
        f"end to end p50 {figures['e2e_p50_ms']} ms, p95 {figures['e2e_p95_ms']} ms, "
        f"verdicts {sorted(str(v) for v in verdicts)} (load {load()})"
    )
    return figures


async def burst(deps: Deps, students: list[Actor], task_id: int) -> dict[str, Any]:
    started = time.perf_counter()
    ids = [await send(deps, students, task_id, number) for number in range(30)]
    rows = await wait_judged(ids)
    elapsed = time.perf_counter() - started
    print(f"  30 at once: the last verdict after {elapsed:.1f} s (load {load()})")
    return {"burst_s": round(elapsed, 2), "burst_ok": sum(row.verdict == "ok" for row in rows)}


async def hostile(cache: Path, samples: int) -> dict[str, Any]:
    package, safe = aplusb(), hostile_task()

    async def normal() -> list[float]:
        timings = []
        for _ in range(samples):
            started = time.perf_counter()
            await judge(
                package,
                language="python",
                source=SOLUTIONS["python"],
                all_tests=False,
                cache_dir=cache,
            )
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    baseline = percentile(await normal(), 0.95)
    MARK.unlink(missing_ok=True)
    verdicts: dict[str, str] = {}
    escapes = 0

    async def attack(name: str, language: str, source: bytes) -> None:
        nonlocal escapes
        report = await judge(
            safe, language=language, source=source, all_tests=False, cache_dir=cache
        )
        verdicts[name] = report.verdict
        # A program whose attack worked prints ESCAPED instead of SAFE: a wrong answer on test 1.
        if name in ESCAPE_PRINTERS and report.verdict == "wrong_answer":
            escapes += 1

    async def corpus() -> None:
        for name, (language, source) in HOSTILE.items():
            await attack(name, language, source)

    during, _ = await asyncio.gather(normal(), corpus())
    await asyncio.sleep(4)  # the grandchild would write its mark 3 s after its run
    if MARK.exists():
        escapes += 1
        MARK.unlink()
    ratio = percentile(during, 0.95) / baseline if baseline else float("nan")
    for name, verdict in verdicts.items():
        print(f"  {name}: {verdict}")
    print(
        f"  escapes: {escapes}; normal p95 {baseline:.0f} ms alone, "
        f"{percentile(during, 0.95):.0f} ms beside the corpus: ×{ratio:.2f} (load {load()})"
    )
    return {"escapes": escapes, "hostile": verdicts, "hostile_p95_ratio": round(ratio, 2)}


#: Programs that print ESCAPED when their attack works (the others fail by a limit).
ESCAPE_PRINTERS = {
    "read_shadow",
    "read_host_files",
    "loopback_socket",
    "subprocess",
    "symlink_planting",
    "environment_snooping",
    "proc_snooping",
}


async def queue_phases(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-") as tmp:
        settings = load_settings(data_dir=Path(tmp), _env_file=None)
        await migrate(settings)
        deps = build_deps(settings, clock=SystemClock())
        try:
            students, task_id = await school(deps)
            start_workers(deps, settings.judge_workers)
            print(f"throughput through the queue ({settings.judge_workers} workers, SQLite):")
            figures = await throughput(
                deps, students, task_id, rate=args.rate, seconds=args.seconds
            )
            print("burst:")
            figures |= await burst(deps, students, task_id)
            return figures
        finally:
            await deps.aclose()
            await close_db()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {"bench": "judge", "load_1m_before": load()}
    try:
        info = await check_sandbox()
        cache = toolchain_cache(load_settings(_env_file=None))
        await prepare_toolchains(cache)
    except SandboxUnavailable as error:
        print(f"the judge's sandbox cannot start here: {error.reason}")
        return result | {
            "sandbox": False,
            "reason": error.reason,
            "escapes": None,
            "subs_per_s": None,
        }
    print(f"sandbox: {info.note}")
    print("latency, A+B with 3 tests, one job at a time:")
    result |= await latency(cache, args.samples)
    result |= await queue_phases(args)
    print("hostile corpus beside normal submissions:")
    result |= await hostile(cache, args.samples)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the online judge.")
    parser.add_argument("--quick", action="store_true", help="fewer samples, a shorter run")
    parser.add_argument("--samples", type=int, default=None, help="timed runs per language")
    parser.add_argument("--seconds", type=float, default=None, help="throughput run length")
    parser.add_argument("--rate", type=float, default=None, help="submissions offered a second")
    args = parser.parse_args()
    args.samples = args.samples or (8 if args.quick else 40)
    args.seconds = args.seconds or (8.0 if args.quick else 30.0)
    args.rate = args.rate or 5.0
    result = asyncio.run(run(args))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
