"""Benchmarks of SPEC §7 on a generated 100,000-record database. Run on demand, never in the test run:

    uv run python tests/benchmarks/run.py [--rebuild] [--repeat N]

Prints one line per figure: name, median value, unit, and the SPEC §7 target it answers to.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.database import Ledger, open_database  # noqa: E402
from tests.benchmarks.generate import YEAR, build  # noqa: E402

DATA = Path(__file__).with_name("data") / "bench-100k.sqlite3"


def measure(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(name: str, value: float, unit: str, target: str) -> None:
    print(f"{name:<40} {value:>10.1f} {unit:<4} target: {target}", flush=True)


def db_benchmarks(ledger: Ledger, repeat: int) -> None:
    from db.lists import LISTS, Filters
    from db.models import Member
    from db.services.members import members

    member = Member.select().where(Member.branch_only == False).first()  # noqa: E712
    counter = iter(range(10**6))

    def save_one() -> None:
        members.save(
            ledger, {"name": member.name, "notes": f"基准 {next(counter)}"}, record_id=member.id
        )

    report("save one record (durable)", measure(save_one, repeat), "ms", "< 20 ms")

    surveys = LISTS["survey"]
    report(
        "survey list: all ids, sorted",
        measure(lambda: surveys.ids(ledger), repeat),
        "ms",
        "list page < 200 ms",
    )

    filters = Filters(date_from=datetime.date(YEAR, 3, 1))

    def filtered_page_sql() -> None:
        keys = surveys.ids(
            ledger, Filters(text="企业12", date_from=filters.date_from), sort="visited"
        )
        surveys.rows(ledger, keys[:60])

    report(
        "survey list: text filter in SQL + page",
        measure(filtered_page_sql, repeat),
        "ms",
        "(comparison)",
    )
    index = surveys.text_index(ledger)
    report(
        "survey list: build text index",
        measure(lambda: surveys.text_index(ledger), repeat),
        "ms",
        "once per page opening, < 200 ms",
    )
    # what a list page holds for the other filters; a keystroke narrows it
    ordered = surveys.ids(ledger, filters, sort="visited")
    for label, text in (("text", "企业12"), ("pinyin initials", "wl")):

        def keystroke(text: str = text) -> None:
            keys = surveys.narrow(ledger, ordered, text, index)
            surveys.rows(ledger, keys[:60])

        report(
            f"survey list: {label} keystroke + page", measure(keystroke, repeat), "ms", "< 50 ms"
        )
    history = LISTS["history"]
    report(
        "history list: all ids (100k)",
        measure(lambda: history.ids(ledger), repeat),
        "ms",
        "list page < 200 ms",
    )

    try:
        from db import statistics as stats
    except ImportError:
        print("statistics: not available yet", flush=True)
        return
    report(
        "month statistics",
        measure(lambda: stats.month_stats(ledger, YEAR, 6), repeat),
        "ms",
        "bulletin < 1000 ms",
    )
    report(
        "year statistics",
        measure(lambda: stats.year_stats(ledger, YEAR), repeat),
        "ms",
        "year summary < 2000 ms",
    )
    report(
        "year statistics, raw SQL",
        measure(lambda: stats.year_stats_sql(ledger, YEAR), repeat),
        "ms",
        "(comparison)",
    )


def time_to_ready(args: list[str], repeat: int) -> float:
    """Median wall time in ms from starting a process to its "ready" line (after one warm-up)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # As on a user's machine: Python keeps the compiled modules (the warm-up run writes them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    probe = [sys.executable, str(Path(__file__).with_name("startup_probe.py")), *args]
    times = []
    for run in range(repeat + 1):
        start = time.perf_counter()
        process = subprocess.Popen(probe, stdout=subprocess.PIPE, text=True, env=env)
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == "ready":
                elapsed = (time.perf_counter() - start) * 1000
                break
        else:
            raise RuntimeError(f"{probe} ended without becoming ready")
        process.wait(timeout=120)
        if run:
            times.append(elapsed)
    return statistics.median(times)


def startup_benchmarks(repeat: int) -> None:
    bare = time_to_ready(["--bare"], repeat)
    report("start: bare PySide6 window", bare, "ms", "(comparison)")
    ours = time_to_ready([str(DATA)], repeat)
    report("start to usable window (100k records)", ours, "ms", "< 1000 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="generate the database again")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-window", action="store_true", help="leave out the window's figures")
    args = parser.parse_args()
    if args.rebuild and DATA.exists():
        for path in DATA.parent.glob(DATA.name + "*"):
            path.unlink()
    if not DATA.exists():
        DATA.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        print(f"building {DATA} …", flush=True)
        build(DATA)
        print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )

    def open_close() -> None:
        ledger = open_database(DATA)
        ledger.close()

    report(
        "open database", measure(open_close, args.repeat), "ms", "start to usable window < 1000 ms"
    )
    if not args.no_window:
        startup_benchmarks(args.repeat)
    ledger = open_database(DATA)
    ledger.operator = "基准测试"
    try:
        db_benchmarks(ledger, args.repeat)
    finally:
        ledger.close()


if __name__ == "__main__":
    main()
