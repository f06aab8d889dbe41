"""Benchmarks of SPEC §7's team server: 10 groups × 10,000 records on one local PostgreSQL server. Run on
demand, never in the test run:

    uv run python tests/benchmarks/team.py [--rebuild] [--repeat N] [--no-window]

The first run (or ``--rebuild``) makes the server in tests/benchmarks/data/team-server — initdb from the
machine's PostgreSQL programs, as the tests' throw-away servers are made (tests/pgserver.py) — sets it
up as a team server (db.store.server.init_server), adds the groups (db.services.groups.add_server_group),
fills each with the generator of the 100k file (tests/benchmarks/generate.py, scaled) and makes two
logins: a secretary of the first group (``server add-user --group``) and the team office's
(``--team``). Later runs start the server again on that folder and run ``server init`` on it, as
after an upgrade of the program (today's policies).

Then, with the measure()/report() of run.py: the first group's figures as its secretary (row-level
security in the path of every query), the same figures as the administrator (no policies: the cost of
the policies is the difference), and the team office's view of every group (db.queries.team.team_figures
for the year and a month, as the 全队概览 page computes them; the team's year summary).
"""

from __future__ import annotations

import argparse
import datetime
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.common import clock  # noqa: E402
from db.store.database import open_database  # noqa: E402
from db.store.ledger import Ledger  # noqa: E402
from tests.benchmarks.generate import YEAR, fill_group  # noqa: E402
from tests.benchmarks.run import (  # noqa: E402
    db_benchmarks,
    document_benchmarks,
    home_and_targets_benchmarks,
    list_page_benchmarks,
    measure,
    report,
)
from tests.pgserver import PostgresServer, find_postgres_bin  # noqa: E402

ROOT = Path(__file__).with_name("data") / "team-server"
DATADIR = ROOT / "data"
BUILT = ROOT / "built"  # written when the server is complete (a broken-off build is made again)
DATABASE = "ledger_bench"
GROUPS = 10
RECORDS = 10_000  # top-level records per group
SECRETARY = "bench_secretary"  # the first group's secretary
OFFICE = "bench_office"  # the team office
PASSWORD = "benchmark"  # the server trusts loopback logins (initdb -A trust): never asked


def group_name(n: int) -> str:
    return f"基准测试第{n}组"


def build(server: PostgresServer) -> None:
    """The team server's database, its groups, their records and the two logins."""
    from db.services.groups import add_server_group, work_groups
    from db.store import server as team_server

    admin = open_database(server.new_database(DATABASE), backup=False)
    admin.operator = "基准测试"
    try:
        team_server.init_server(admin)
        for n in range(1, GROUPS + 1):
            start = time.perf_counter()
            group, _role = add_server_group(admin, group_name(n))
            group = work_groups.save(
                admin,
                {"name": group.name, "term_start": f"{YEAR}-01-01", "term_end": f"{YEAR}-12-31"},
                record_id=group.id,
            )
            fill_group(admin, group, RECORDS, seed=100_000 + n)
            print(f"  {group.name}: {time.perf_counter() - start:.0f} s", flush=True)
        team_server.add_user(admin, SECRETARY, group=group_name(1), password=PASSWORD)
        team_server.add_user(admin, OFFICE, team=True, password=PASSWORD)
        admin.db.execute_sql("ANALYZE")  # as autovacuum would, soon after a load this size
    finally:
        admin.close()


def start_server(rebuild: bool) -> PostgresServer:
    bindir = find_postgres_bin()
    if bindir is None:
        sys.exit("PostgreSQL server programs (initdb, pg_ctl) not found; install postgresql")
    if rebuild or not BUILT.exists():
        shutil.rmtree(ROOT, ignore_errors=True)
        start = time.perf_counter()
        print(f"building {DATADIR} ({GROUPS} groups × {RECORDS:,} records) …", flush=True)
        server = PostgresServer.start(bindir, DATADIR)
        try:
            build(server)
        except BaseException:
            server.stop()
            raise
        BUILT.write_text(f"{GROUPS} × {RECORDS}\n")
        print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
        return server
    server = PostgresServer.start(bindir, DATADIR)
    # As after an upgrade of the program: today's policies on yesterday's server.
    from db.store import server as team_server

    try:
        with open_database(f"{server.base_url}/{DATABASE}", backup=False) as admin:
            team_server.init_server(admin)
    except BaseException:
        server.stop()
        raise
    return server


def login_url(server: PostgresServer, login: str) -> str:
    host = server.base_url.rsplit("@", 1)[1]
    return f"postgresql://{login}@{host}/{DATABASE}"


def group_benchmarks(ledger: Ledger, repeat: int, *, window: bool) -> None:
    """One group's figures, as run.py measures them on the 100k file."""
    ledger.operator = "基准测试"
    db_benchmarks(ledger, repeat)
    home_and_targets_benchmarks(ledger, repeat, window=False)
    if window:
        list_page_benchmarks(ledger, repeat)
    document_benchmarks(ledger, repeat, window=window)


def team_benchmarks(ledger: Ledger, repeat: int) -> None:
    """The team office's view: every group side by side for the year and a month (the 全队概览 page's
    background task), and the team's year summary."""
    from db.documents import export as documents
    from db.queries.team import team_figures

    # The year's last day: every week and month of the year is due and judged (the most work).
    clock.pin(datetime.date(YEAR, 12, 31))
    groups = len(team_figures(ledger, YEAR).groups)
    report(
        f"team view: a year ({groups} groups)",
        measure(lambda: team_figures(ledger, YEAR, None, clock.today()), repeat),
        "ms",
        "< 2000 ms",
    )
    report(
        f"team view: a month ({groups} groups)",
        measure(lambda: team_figures(ledger, YEAR, 6, clock.today()), repeat),
        "ms",
        "(background task)",
    )
    folder = Path(tempfile.mkdtemp(prefix="bench-team-"))
    try:
        for fmt in ("docx", "md"):
            out = folder / f"team.{fmt}"
            report(
                f"team year summary (.{fmt})",
                measure(
                    lambda fmt=fmt, out=out: documents.export_team_summary(ledger, YEAR, fmt, out),
                    repeat,
                ),
                "ms",
                "(no target; year summary < 2000 ms)",
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="generate the server again")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-window", action="store_true", help="leave out the window's figures")
    args = parser.parse_args()
    window = not args.no_window
    server = start_server(args.rebuild)
    try:
        version = psql_version(server)
        print(
            f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, {version}",
            flush=True,
        )
        print(f"-- {group_name(1)} as its secretary ({SECRETARY}: row-level security)", flush=True)
        with open_database(login_url(server, SECRETARY), backup=False) as ledger:
            group_benchmarks(ledger, args.repeat, window=window)
        admin_url = f"{server.base_url}/{DATABASE}"
        print(f"-- {group_name(1)} as the administrator (no row-level security)", flush=True)
        with open_database(admin_url, backup=False, group=group_name(1)) as ledger:
            group_benchmarks(ledger, args.repeat, window=window)
        print(f"-- the team office ({OFFICE})", flush=True)
        with open_database(login_url(server, OFFICE), backup=False) as ledger:
            team_benchmarks(ledger, args.repeat)
    finally:
        server.stop()


def psql_version(server: PostgresServer) -> str:
    with open_database(f"{server.base_url}/{DATABASE}", backup=False) as ledger:
        text = ledger.db.execute_sql("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {text.split()[0]}"


if __name__ == "__main__":
    main()
