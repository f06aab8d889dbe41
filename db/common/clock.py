"""The program's one clock: what "today" and "now" are, for the core and the window alike.

Nothing else reads the wall clock. Tests pin the clock to a moment of their choosing (``pin``), so that
what they check does not depend on the day they run; a pinned clock keeps ticking from that moment,
so that times taken one after another (history, backups, locks) still follow each other.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from contextlib import contextmanager

_pinned_at: tuple[datetime.datetime, float] | None = None  # (the moment, monotonic time of pinning)


def system_now() -> datetime.datetime:
    """The machine's local time, whatever the clock is pinned to (for tests that pin to it)."""
    return datetime.datetime.now()


def now() -> datetime.datetime:
    """The local date and time (naive, as every time the ledger stores)."""
    if _pinned_at is None:
        return system_now()
    moment, since = _pinned_at
    return moment + datetime.timedelta(seconds=time.monotonic() - since)


def today() -> datetime.date:
    """The local date."""
    return now().date()


def pin(moment: datetime.datetime | datetime.date | None) -> None:
    """Make ``moment`` the clock's present (a date is pinned at 10:00); ``None`` lets it go."""
    global _pinned_at
    if moment is None:
        _pinned_at = None
        return
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(10, 0))
    _pinned_at = (moment, time.monotonic())


@contextmanager
def pinned(moment: datetime.datetime | datetime.date) -> Iterator[None]:
    """The clock pinned to ``moment`` for a block, then as it was."""
    before = _pinned_at
    pin(moment)
    try:
        yield
    finally:
        _set(before)


def _set(state: tuple[datetime.datetime, float] | None) -> None:
    global _pinned_at
    _pinned_at = state
