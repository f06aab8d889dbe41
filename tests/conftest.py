"""Shared fixtures: a fresh ledger per test on SQLite and on a PostgreSQL server the tests start."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import datetime
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.common import clock
from db.common.messages import set_language
from db.services.groups import work_groups
from db.services.members import members
from db.store.database import open_database
from db.store.ledger import Ledger
from tests.pgserver import PostgresServer, find_postgres_bin

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

# The day every test runs on, whatever the machine's clock says (SPEC §5: the program reads one clock,
# db.common.clock, and the tests pin it). A Wednesday in the middle of an ordinary month.
TEST_TODAY = datetime.date(2026, 11, 18)

# Days on which calendars go wrong, for the tests whose subject depends on today (the `calendar_day`
# fixture runs each of them once per day): the year's last and first day (2027 is past the built-in
# holiday data), a leap day, a Spring Festival week, a month's last day, a Saturday whose week began
# in the month before, and the day the suite really runs.
CALENDAR_EDGES = [
    pytest.param(datetime.date(2026, 12, 31), id="2026-12-31"),
    pytest.param(datetime.date(2027, 1, 1), id="2027-01-01"),
    pytest.param(datetime.date(2028, 2, 29), id="2028-02-29"),
    pytest.param(datetime.date(2026, 2, 18), id="spring-festival-2026-02-18"),
    pytest.param(datetime.date(2026, 4, 30), id="month-end-2026-04-30"),
    pytest.param(datetime.date(2026, 12, 5), id="saturday-2026-12-05"),
    pytest.param(clock.system_now().date(), id="real-today"),
]


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[datetime.date]:
    """The program's clock pinned to TEST_TODAY for every test; no test reads the wall clock."""
    with clock.pinned(TEST_TODAY):
        yield TEST_TODAY


@pytest.fixture(params=CALENDAR_EDGES)
def calendar_day(request: pytest.FixtureRequest, _pinned_clock: datetime.date) -> datetime.date:
    """The clock pinned to each of CALENDAR_EDGES in turn (the test runs once per day)."""
    day: datetime.date = request.param
    clock.pin(day)
    return day


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    url = os.environ.get("TEST_POSTGRES_URL")
    if url:
        yield PostgresServer.external(url)
        return
    bindir = find_postgres_bin()
    if bindir is None:
        reason = "PostgreSQL server programs (initdb, pg_ctl) not found; install postgresql"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} — CI must run the PostgreSQL tests")
        pytest.skip(reason)
    server = PostgresServer.start(bindir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _chinese_messages() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where a fresh, empty database for this test lives: a file path or a server URL."""
    if backend == "sqlite":
        return str(tmp_path / "ledger.sqlite3")
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture
def empty_ledger(db_target: str) -> Iterator[Ledger]:
    """A migrated ledger with no work group yet."""
    ledger = open_database(db_target)
    ledger.operator = "测试员"
    try:
        yield ledger
    finally:
        ledger.close()


@pytest.fixture
def ledger(empty_ledger: Ledger) -> Ledger:
    """A ledger with its work group: 测试工作组, term 2025-01-01 to 2025-12-31."""
    work_groups.create_group(
        empty_ledger,
        {
            "name": "商洛市赴南京市挂职工作组",
            "batch": "第七批",
            "term_start": "2025-01-01",
            "term_end": "2025-12-31",
        },
    )
    return empty_ledger


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A SQLite ledger with its work group, for tests about files (backups, locks, the window)."""
    ledger = open_database(tmp_path / "ledger.sqlite3")
    ledger.operator = "测试员"
    work_groups.create_group(ledger, {"name": "测试工作组", "term_start": "2025-01-01"})
    try:
        yield ledger
    finally:
        ledger.close()


def add_member(ledger: Ledger, name: str, **values: object) -> uuid.UUID:
    """Save a member through the service and return its id."""
    return members.save(ledger, {"name": name, **values}).id


def with_a_working_day(start: datetime.date, end: datetime.date) -> datetime.date:
    """``end``, or a later one, so that start…end holds a working day (leave of none is refused):
    a test whose dates follow today keeps its leave on a weekend or holiday today."""
    from db.rules.workdays import WorkCalendar

    calendar = WorkCalendar()
    while calendar.count(start, "am", end, "pm") == 0:
        end += datetime.timedelta(days=1)
    return end


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
