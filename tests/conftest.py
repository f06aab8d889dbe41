"""Shared fixtures: a fresh ledger per test on SQLite and on a PostgreSQL server the tests start."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import datetime
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.database import Ledger, open_database
from db.messages import set_language
from db.services.groups import work_groups
from db.services.members import members
from tests.pgserver import PostgresServer, find_postgres_bin

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


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


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
