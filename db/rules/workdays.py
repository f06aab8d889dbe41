"""Working days of the official Chinese calendar, with half days, and the fallback for years it does not know.

The chinesecalendar package carries the State Council's holiday arrangements year by year and raises
NotImplementedError for a year it has no data for yet. For such a year the ledger counts Monday to
Friday as working days, corrected by the secretary's own table (CalendarDay): holidays and adjusted
working days (调休). The table also overrides the built-in data, should an arrangement change.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import chinese_calendar

from db.store.models import CalendarDay

if TYPE_CHECKING:
    from db.store.ledger import Ledger

AM, PM = "am", "pm"
HALF = Decimal("0.5")


@lru_cache(maxsize=4096)
def _builtin(day: datetime.date) -> bool | None:
    """The built-in calendar's answer, or None for a year it has no data for."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def builtin_knows(year: int) -> bool:
    return _builtin(datetime.date(year, 6, 1)) is not None


def slot(day: datetime.date, half: str) -> int:
    """Half days as consecutive numbers: the morning and the afternoon of each date."""
    return day.toordinal() * 2 + (1 if half == PM else 0)


def from_slot(number: int) -> tuple[datetime.date, str]:
    return datetime.date.fromordinal(number // 2), (PM if number % 2 else AM)


class WorkCalendar:
    """Which dates are working days: the secretary's corrections, else the built-in data, else Mon–Fri."""

    def __init__(self, corrections: Mapping[datetime.date, bool] | None = None) -> None:
        self.corrections = dict(corrections or {})

    MEMO = ("work-calendar",)  # the key of of()'s memo

    @classmethod
    def load(cls) -> WorkCalendar:
        """The calendar with the corrections stored in the open database."""
        return cls({row.date: row.is_workday for row in CalendarDay.select()})

    @classmethod
    def of(cls, ledger: Ledger) -> WorkCalendar:
        """load(), read once per write transaction (CalendarDayService.written forgets it)."""
        return ledger.cached(cls.MEMO, cls.load)

    def is_workday(self, day: datetime.date) -> bool:
        corrected = self.corrections.get(day)
        if corrected is not None:
            return corrected
        builtin = _builtin(day)
        if builtin is not None:
            return builtin
        return day.weekday() < 5

    def on_fallback(self, day: datetime.date) -> bool:
        return day not in self.corrections and _builtin(day) is None

    def fallback_years(self, years: Iterable[int]) -> list[int]:
        """The years among these that the built-in calendar does not know (counted Mon–Fri plus the table)."""
        return sorted(y for y in set(years) if not builtin_knows(y))

    def workdays(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        days = []
        day = start
        while day <= end:
            if self.is_workday(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    def count(
        self, start: datetime.date, start_half: str, end: datetime.date, end_half: str
    ) -> Decimal:
        """Working days from the start half-day to the end half-day, both included.

        Starting in the afternoon leaves out the start day's morning; ending in the morning leaves out
        the end day's afternoon. Halves of non-working days count nothing.
        """
        first, last = slot(start, start_half), slot(end, end_half)
        if last < first:
            raise ValueError("end before start")
        return self.count_slots(first, last)

    def count_slots(self, first: int, last: int) -> Decimal:
        total = Decimal(0)
        number = first
        while number <= last:
            day, _ = from_slot(number)
            if self.is_workday(day):
                total += HALF
            number += 1
        return total
