"""The program's one clock: pinned, it says the day it was pinned to and keeps ticking; and no other
module reads the wall clock."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from db.common import clock

ROOT = Path(__file__).resolve().parents[3]
WALL_CLOCK = re.compile(
    r"(datetime\.)?(date\.today|datetime\.now|datetime\.utcnow|datetime\.today)\b"
    r"|QDate\.currentDate|QDateTime\.current|QTime\.currentTime|\btime\.(time|localtime)\("
)


def test_a_pinned_clock_says_its_day_and_ticks_on() -> None:
    with clock.pinned(datetime.date(2028, 2, 29)):
        first = clock.now()
        assert clock.today() == datetime.date(2028, 2, 29)
        assert datetime.datetime(2028, 2, 29, 10, 0) <= first < datetime.datetime(2028, 2, 29, 11)
        assert clock.now() >= first
        with clock.pinned(datetime.datetime(2026, 12, 31, 23, 0)):
            assert clock.today() == datetime.date(2026, 12, 31)
        assert clock.today() == datetime.date(2028, 2, 29)


def test_the_suite_runs_on_its_own_day(_pinned_clock: datetime.date) -> None:
    assert clock.today() == _pinned_clock


def test_nothing_but_the_clock_reads_the_wall_clock() -> None:
    found = []
    for folder in ("db", "gui"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "db" / "common" / "clock.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if WALL_CLOCK.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for number, line in enumerate((ROOT / "main.py").read_text(encoding="utf-8").splitlines(), 1):
        if WALL_CLOCK.search(line):
            found.append(f"main.py:{number}: {line.strip()}")
    assert found == []
