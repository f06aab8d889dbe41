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
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.common import clock  # noqa: E402
from db.store.database import open_database  # noqa: E402
from db.store.ledger import Ledger
from tests.benchmarks.generate import YEAR, build  # noqa: E402

DATA = Path(__file__).with_name("data") / "bench-100k.sqlite3"


def measure(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds, after one warm-up call."""
    return measure_pair(fn, None, repeat)[0]


def measure_pair(
    fn: Callable[[], object], other: Callable[[], object] | None, repeat: int
) -> tuple[float, float]:
    """Median wall times of ``fn`` and ``other`` in milliseconds, called in turn after one warm-up
    each: a figure and its comparison measured side by side, so that the load of a shared machine
    weighs on both alike."""
    calls = [fn] if other is None else [fn, other]
    for call in calls:
        call()
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(repeat):
        for call, taken in zip(calls, times, strict=True):
            start = time.perf_counter()
            call()
            taken.append((time.perf_counter() - start) * 1000)
    medians = [statistics.median(t) for t in times]
    return medians[0], medians[-1]


def report(name: str, value: float, unit: str, target: str) -> None:
    print(f"{name:<40} {value:>10.1f} {unit:<4} target: {target}", flush=True)


def db_benchmarks(ledger: Ledger, repeat: int) -> None:
    from db.queries.lists import LISTS, Filters
    from db.services.members import members
    from db.store.models import Member

    member = (
        Member.select()
        .where(Member.group == ledger.group_id, Member.branch_only == False)  # noqa: E712
        .first()
    )
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
        "history list: all ids",
        measure(lambda: history.ids(ledger), repeat),
        "ms",
        "list page < 200 ms",
    )

    statistics_benchmarks(ledger, repeat)


def statistics_benchmarks(ledger: Ledger, repeat: int) -> None:
    from db.queries import statistics as stats

    report(
        "month statistics",
        measure(lambda: stats.month_stats(ledger, YEAR, 6), repeat),
        "ms",
        "bulletin < 1000 ms",
    )
    ours, raw = measure_pair(
        lambda: stats.year_stats(ledger, YEAR), lambda: stats.year_stats_sql(ledger, YEAR), repeat
    )
    report("year statistics", ours, "ms", "year summary < 2000 ms")
    report(
        "year statistics, raw SQL", raw, "ms", f"(comparison: {ours / raw:.2f}×; issue 11 ≤ 1.5×)"
    )


def ledger_benchmarks(ledger: Ledger, repeat: int) -> None:
    """The ledger export of the whole database, and the import of 10,000 ledger rows into an empty one
    (SPEC §7: under 5 s, all or nothing)."""
    import shutil
    import tempfile

    from db.exchange import importer, ledgers

    folder = Path(tempfile.mkdtemp(prefix="ledger-bench-"))
    try:
        out = folder / "all.xlsx"
        start = time.perf_counter()
        tables = []
        ledgers.export_ledger(ledger, out, written=tables)
        elapsed = (time.perf_counter() - start) * 1000
        rows = sum(len(t.rows) for t in tables)
        report(f"ledger export, all ({rows:,} rows, .xlsx)", elapsed, "ms", "(no target; once)")

        # The 10,000 rows: the ledger of the first months of the generated year.
        first = datetime.date(YEAR, 3, 1)
        last = first
        while True:
            tables = ledgers.build_tables(ledger, date_from=first, date_to=last)
            rows = sum(len(t.rows) for t in tables)
            if rows >= 10_000 or last.month > 6:
                break
            last += datetime.timedelta(days=1)
        sheet = folder / "10k.xlsx"
        ledgers.export_ledger(ledger, sheet, date_from=first, date_to=last)

        counter = iter(range(10**6))

        def import_once() -> importer.ImportResult:
            target = open_database(folder / f"empty-{next(counter)}.sqlite3", backup=False)
            try:
                result = importer.commit(target, sheet)
            finally:
                target.close()
            if not result.committed:
                raise RuntimeError("\n".join(result.problem_lines()[:5]))
            return result

        report(
            f"import {rows:,} ledger rows (.xlsx)",
            measure(import_once, min(repeat, 3)),
            "ms",
            "< 1000 ms (SPEC §7), all or nothing",
        )
        report(
            "  of which reading the file",
            measure(lambda: importer.read(sheet), min(repeat, 3)),
            "ms",
            "(part of the above)",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def home_and_targets_benchmarks(ledger: Ledger, repeat: int, *, window: bool) -> None:
    """The home page's statistics (the month's items and the year's charts: its two background
    tasks), the targets matrix for a year and a quarter, and a member file; with ``window``, the
    pages built and drawn from those figures too (offscreen)."""
    from db.queries.targets import targets_matrix
    from gui.pages.home import load_month, load_year
    from gui.pages.member_file import load_member_file

    today = datetime.date(YEAR, 6, 18)  # mid-year: this week, this month, who is away today
    clock.pin(today)  # the pages read the program's clock
    heavy = min(repeat, 3)
    report(
        "home page: the month's items (core)",
        measure(lambda: load_month(ledger, YEAR, 6, today), heavy),
        "ms",
        "background task, < 1000 ms",
    )
    report(
        "home page: the year's charts (core)",
        measure(lambda: load_year(ledger, YEAR), heavy),
        "ms",
        "background task, < 1000 ms",
    )
    start, end = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
    report(
        "targets matrix: a year (core)",
        measure(lambda: targets_matrix(ledger, start, end, today), heavy),
        "ms",
        "background task, < 2000 ms",
    )
    report(
        "targets matrix: a quarter (core)",
        measure(
            lambda: targets_matrix(
                ledger, datetime.date(YEAR, 4, 1), datetime.date(YEAR, 6, 30), today
            ),
            heavy,
        ),
        "ms",
        "background task, < 1000 ms",
    )
    matrix = targets_matrix(ledger, start, end, today)
    member_id = matrix.rows[0].member_id
    report(
        "member file (core)",
        measure(lambda: load_member_file(ledger, member_id), heavy),
        "ms",
        "background task, < 1000 ms",
    )
    if not window:
        return

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui.operations import Operations
    from gui.pages.base import PageContext
    from gui.pages.home import HomePage
    from gui.pages.targets import SURVEYS, TargetsPage

    app = QApplication.instance() or QApplication([sys.argv[0]])
    settings = QSettings(
        str(Path(tempfile.mkdtemp(prefix="bench-ui-")) / "ui.ini"), QSettings.Format.IniFormat
    )
    context = PageContext(
        ledger=ledger,
        operations=Operations(ledger),
        settings=settings,
    )
    summary = load_month(ledger, YEAR, 6, today)
    year = load_year(ledger, YEAR)

    def draw_home() -> None:
        page = HomePage(context)
        page.resize(1200, 900)
        page._set_summary(summary)
        page._set_year(year)
        page.grab()
        page.deleteLater()
        app.processEvents()

    report(
        "home page: build and draw (figures given)",
        measure(draw_home, repeat),
        "ms",
        "(GUI thread; < 100 ms)",
    )
    targets = TargetsPage(context)
    targets.resize(1200, 900)

    def draw_matrix() -> None:
        targets.model.set_matrix(matrix, SURVEYS)
        targets.grab()

    report(
        f"targets page: draw a year ({len(matrix.rows)} × {len(matrix.weeks)})",
        measure(draw_matrix, repeat),
        "ms",
        "(GUI thread; < 100 ms)",
    )
    targets.deleteLater()
    app.processEvents()


LIST_PAGES = (
    "members",
    "sessions",
    "leave",
    "spotchecks",
    "surveys",
    "highlights",
    "reports",
    "achievements",
)


def resident_mb() -> float:
    """This process's resident memory now (VmRSS), in MB; its peak where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def list_memory_probe() -> None:
    """Run in a process of its own (see list_page_benchmarks): the window on the benchmark database,
    every list page visited and its text index built; prints the resident memory before and after."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui import worker
    from gui.main_window import MainWindow
    from gui.operations import Operations

    app = QApplication.instance() or QApplication([sys.argv[0]])
    # Read-only: the benchmark's own process holds the file (one program per file).
    ledger = open_database(DATA, read_only=True, backup=False)
    try:
        settings = QSettings(
            str(Path(tempfile.mkdtemp(prefix="bench-memory-")) / "ui.ini"),
            QSettings.Format.IniFormat,
        )
        window = MainWindow(ledger, Operations(ledger), settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        worker.wait_for_all(120_000)
        app.processEvents()
        before = resident_mb()
        for key in LIST_PAGES:
            window.show_page(key)
            app.processEvents()
            worker.wait_for_all(120_000)
            app.processEvents()
        print(f"rss {before:.1f} {resident_mb():.1f}", flush=True)
        window.close()
    finally:
        worker.wait_for_all()
        ledger.close()


def list_page_benchmarks(ledger: Ledger, repeat: int) -> None:
    """The list pages, offscreen: each page built and its first screen of rows drawn; one keystroke
    in the survey page's free-text filter with its text index ready (the text, and pinyin
    initials)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gui import worker
    from gui.operations import Operations
    from gui.pages import page_entries
    from gui.pages.base import PageContext
    from gui.pages.list_page import ListPage

    app = QApplication.instance() or QApplication([sys.argv[0]])
    settings = QSettings(
        str(Path(tempfile.mkdtemp(prefix="bench-lists-")) / "ui.ini"), QSettings.Format.IniFormat
    )
    context = PageContext(ledger=ledger, operations=Operations(ledger), settings=settings)
    factories = {entry.key: entry.factory for entry in page_entries()}

    def open_page(key: str) -> ListPage:
        page = factories[key](context)
        assert isinstance(page, ListPage)
        page.resize(1100, 700)
        page.show()
        app.processEvents()  # shown: the keys queried, the first screen of rows fetched and drawn
        assert page.model.rowCount() == 0 or page.model.fetches > 0
        return page

    def close(page: ListPage) -> None:
        worker.wait_for_all(120_000)  # its text index, built in the background
        app.processEvents()
        page.close()
        page.deleteLater()
        app.processEvents()

    for key in LIST_PAGES:
        times = []
        rows = 0
        for _ in range(repeat + 1):  # the first is the warm-up
            start = time.perf_counter()
            page = open_page(key)
            times.append((time.perf_counter() - start) * 1000)
            rows = page.model.rowCount()
            close(page)
        report(
            f"list page {key} ({rows:,}): open + first screen",
            statistics.median(times[1:]),
            "ms",
            "< 200 ms",
        )

    page = open_page("surveys")
    worker.wait_for_all(120_000)
    app.processEvents()
    assert page.index_ready
    for label, typed, key in (("text", "企业1", "2"), ("pinyin initials", "w", "l")):
        times = []
        for _ in range(repeat + 1):
            page.search.setText(typed)
            app.processEvents()
            start = time.perf_counter()
            QTest.keyClick(page.search, key)  # narrowed by the index, the table redrawn
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        report(
            f"survey page: {label} keystroke ({page.model.rowCount():,} shown)",
            statistics.median(times[1:]),
            "ms",
            "< 50 ms",
        )
    close(page)


def memory_benchmarks() -> None:
    """The resident memory of the window on the benchmark file with every list page open, measured
    in a process of its own (list_memory_probe)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    root = Path(__file__).resolve().parents[2]
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tests.benchmarks.run import list_memory_probe; list_memory_probe()",
        ],
        cwd=root,
        env={**env, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in probe.stdout.splitlines() if x.startswith("rss "))
    before, after = (float(x) for x in line.split()[1:])
    report("resident memory: window open (home page)", before, "MB", "(comparison)")
    report("resident memory: + every list page open", after, "MB", "< 300 MB")


def time_to_ready(args: list[str]) -> float:
    """Wall time in ms from starting a process to its "ready" line."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # As on a user's machine: Python keeps the compiled modules (the warm-up run writes them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    probe = [sys.executable, str(Path(__file__).with_name("startup_probe.py")), *args]
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
    return elapsed


def startup_benchmarks(repeat: int) -> None:
    """The bare window and the program started in turn (after a warm-up each), medians of each."""
    ours, bare = measure_pair(
        lambda: time_to_ready([str(DATA)]), lambda: time_to_ready(["--bare"]), repeat
    )
    report("start: bare PySide6 window", bare, "ms", "(comparison)")
    report(
        "start to usable window (100k records)",
        ours,
        "ms",
        f"< 1000 ms (comparison: {ours / bare:.2f}×; issue 11 ≤ 2.5×)",
    )


def document_benchmarks(ledger: Ledger, repeat: int, *, window: bool) -> None:
    """The bulletin of a month and the year summary, in each format, as the command line writes them.

    The generated month holds ~8,000 records (the whole 100,000 in one year; a tenth of that on the
    team server's groups); a real group's month holds a few hundred."""
    from db.documents import export as documents

    pdf_writer = None
    if window:
        from gui.pdf import write_pdf

        pdf_writer = write_pdf
    folder = Path(tempfile.mkdtemp(prefix="bench-docs-"))
    formats = ("docx", "md", "pdf") if pdf_writer else ("docx", "md")
    for fmt in formats:
        out = folder / f"bulletin.{fmt}"
        report(
            f"bulletin of a month (.{fmt})",
            measure(
                lambda fmt=fmt, out=out: documents.export_bulletin(
                    ledger, YEAR, 6, fmt, out, template="", pdf_writer=pdf_writer
                ),
                repeat,
            ),
            "ms",
            "< 1000 ms",
        )
    for fmt in formats:
        out = folder / f"summary.{fmt}"
        report(
            f"year summary (.{fmt})",
            measure(
                lambda fmt=fmt, out=out: documents.export_summary(
                    ledger, YEAR, fmt, out, pdf_writer=pdf_writer
                ),
                repeat,
            ),
            "ms",
            "< 2000 ms",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="generate the database again")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-window", action="store_true", help="leave out the window's figures")
    parser.add_argument(
        "--only",
        choices=("start", "statistics", "import"),
        action="append",
        help="run only these figures (repeatable): the start-up, the month and year statistics, "
        "the ledger import and export",
    )
    args = parser.parse_args()
    only = set(args.only or ())
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

    if only:
        if "start" in only:
            startup_benchmarks(args.repeat)
        ledger = open_database(DATA)
        ledger.operator = "基准测试"
        try:
            if "statistics" in only:
                statistics_benchmarks(ledger, args.repeat)
            if "import" in only:
                ledger_benchmarks(ledger, args.repeat)
        finally:
            ledger.close()
        return
    report(
        "open database", measure(open_close, args.repeat), "ms", "start to usable window < 1000 ms"
    )
    if not args.no_window:
        startup_benchmarks(args.repeat)
    ledger = open_database(DATA)
    ledger.operator = "基准测试"
    try:
        db_benchmarks(ledger, args.repeat)
        home_and_targets_benchmarks(ledger, args.repeat, window=not args.no_window)
        if not args.no_window:
            list_page_benchmarks(ledger, args.repeat)
            memory_benchmarks()
        document_benchmarks(ledger, args.repeat, window=not args.no_window)
        ledger_benchmarks(ledger, args.repeat)
    finally:
        ledger.close()


if __name__ == "__main__":
    main()
