"""Benchmark: import a workbook of valid students (with parents and groups) on SQLite.

    .venv/bin/python bench/import_students.py [--quick] [--rows N] [--repeat N]

Each run imports into a fresh database in a temporary data dir (migrated with
``core.db.migrate``). Prints the median and p95 seconds, rows per second and peak memory
(tracemalloc's peak of Python allocations during the import, and the process's maximum
resident set size), and as its last line one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.support.figures import p95  # noqa: E402
from core.actor import Actor  # noqa: E402
from core.clock import SystemClock  # noqa: E402
from core.config import load_settings  # noqa: E402
from core.db import close_db, migrate  # noqa: E402
from core.deps import build_deps  # noqa: E402
from core.iin import check_digit  # noqa: E402
from core.models.org import OrganisationKind  # noqa: E402
from core.services.academics import CourseData, GroupData, create_course, create_group  # noqa: E402
from core.services.imports import COLUMNS, build_student_template, import_students  # noqa: E402
from core.services.orgs import OrganisationData, do_create_organisation  # noqa: E402
from core.tx import transaction  # noqa: E402

LAST = ["Құрманғазы", "Сәтбаев", "Әуезов", "Нұрпейісова", "Үсенов", "Жұмабаев", "Ғабитова"]
FIRST = ["Әлихан", "Айгөлек", "Нұрсұлтан", "Ұлжан", "Өмірзақ", "Һидаят", "Іңкәр", "Қанат"]
GROUP_SIZE = 50


def iin_for(n: int) -> str:
    """A valid IIN, different for each ``n`` (born 2005–2012)."""
    serial = n
    while True:
        born = date(2005 + serial % 8, 1 + serial % 12, 1 + serial % 28)
        first = f"{born:%y%m%d}{5 + serial % 2}{serial // 7 % 10000:04d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
        serial += 100_003  # another serial for the same row


def build_workbook(rows: int, groups: int) -> bytes:
    """The template's columns with ``rows`` valid students: 80% have a parent (pairs of
    siblings share one), students are spread over ``groups`` groups.

    Written in openpyxl's write-only mode so that building it barely shows in the RSS.
    """
    header = [
        cell.value
        for cell in load_workbook(BytesIO(build_student_template("kk"))).worksheets[0][1]
    ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Students")
    sheet.append(header)
    keys = [column.key for column in COLUMNS]
    seen: set[str] = set()
    for n in range(rows):
        attempt, iin = 0, iin_for(n)
        while iin in seen:
            attempt += 1
            iin = iin_for(n + attempt * 1_000_003)
        seen.add(iin)
        values: dict[str, object] = {
            "last_name": LAST[n % len(LAST)],
            "first_name": FIRST[n % len(FIRST)],
            "middle_name": "Серікұлы" if n % 2 else "",
            "birth_date": date(2005 + n % 8, 1 + n % 12, 1 + n % 28),
            "gender": "М" if n % 2 else "Ж",
            "iin": iin,
            "phone": f"+7701{n:07d}" if n % 3 == 0 else "",
            "email": f"pupil{n}@mektep.kz" if n % 4 == 0 else "",
            "group": f"Топ {n % groups + 1}",
        }
        if n % 5 != 4:
            values |= {
                "parent_last_name": LAST[n // 2 % len(LAST)],
                "parent_first_name": "Гүлнұр",
                "parent_phone": f"8 702 {n // 2:07d}",
            }
        sheet.append([values.get(key) for key in keys])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def one_run(data: bytes, rows: int, groups: int, *, traced: bool) -> tuple[float, float]:
    """Import ``data`` into a fresh database: (seconds, tracemalloc peak MB or 0)."""
    with tempfile.TemporaryDirectory(prefix="sabaq-bench-") as tmp:
        settings = load_settings(data_dir=Path(tmp), _env_file=None, import_max_rows=rows)
        await migrate(settings)
        try:
            deps = build_deps(settings, clock=SystemClock())
            async with transaction(deps) as tx:
                org = await do_create_organisation(
                    tx,
                    Actor.system(0, "bench"),
                    kind=OrganisationKind.SCHOOL,
                    data=OrganisationData(name_ru="Мектеп", name_kk="Мектеп", name_en="School"),
                    parent_id=None,
                )
            actor = Actor.system(org.id, "bench")
            course = await create_course(deps, actor, data=CourseData(name_kk="Математика"))
            for index in range(groups):
                data_of_group = GroupData(
                    course_id=course.id, name=f"Топ {index + 1}", capacity=GROUP_SIZE
                )
                await create_group(deps, actor, data=data_of_group)
            gc.collect()
            if traced:
                tracemalloc.start()
            started = time.perf_counter()
            result = await import_students(deps, actor, data=data, filename="bench.xlsx")
            elapsed = time.perf_counter() - started
            peak = 0.0
            if traced:
                peak = tracemalloc.get_traced_memory()[1] / 1e6
                tracemalloc.stop()
            assert result.students_created == rows, result
        finally:
            await close_db()
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the Excel import of students.")
    parser.add_argument("--quick", action="store_true", help="1,000 rows, one timed run")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args()
    rows = args.rows or (1000 if args.quick else 5000)
    repeat = args.repeat or (1 if args.quick else 3)
    groups = -(-rows // GROUP_SIZE)
    print(f"building a workbook of {rows} students in {groups} groups ...")
    started = time.perf_counter()
    data = build_workbook(rows, groups)
    print(f"  {len(data) / 1e6:.2f} MB in {time.perf_counter() - started:.1f} s")
    times: list[float] = []
    for run in range(repeat):
        elapsed, _ = asyncio.run(one_run(data, rows, groups, traced=False))
        times.append(elapsed)
        print(f"run {run + 1}/{repeat}: {elapsed:.2f} s, {rows / elapsed:.0f} rows/s")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # tracemalloc slows Python down several times, so the peak comes from one extra run
    # that is not timed.
    traced_s, peak_mb = asyncio.run(one_run(data, rows, groups, traced=True))
    print(f"traced run (not timed): {traced_s:.2f} s, tracemalloc peak {peak_mb:.1f} MB")
    median = statistics.median(times)
    print(f"median {median:.2f} s, p95 {p95(times):.2f} s, {rows / median:.0f} rows/s")
    print(f"max RSS of the timed runs {rss_mb:.1f} MB (the whole process)")
    figures = {
        "bench": "import_students",
        "rows": rows,
        "runs": repeat,
        "median_s": round(median, 3),
        "p95_s": round(p95(times), 3),
        "rows_per_s": round(rows / median),
        "peak_mb": round(peak_mb, 1),
        "rss_mb": round(rss_mb, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
