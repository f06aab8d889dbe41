"""Working days of the official calendar with half days, the fallback for unknown years, corrections."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.rules.workdays import AM, PM, WorkCalendar, builtin_knows, from_slot, slot
from db.services.calendar import calendar_days
from db.store.models import CalendarDay
from tests.conftest import d

# The State Council's published holiday arrangements for 2025 and 2026.
ADJUSTED_2025 = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
ADJUSTED_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
WEEKDAY_HOLIDAYS_2025 = [
    "2025-01-01",
    "2025-01-28",
    "2025-01-29",
    "2025-01-30",
    "2025-01-31",
    "2025-02-03",
    "2025-02-04",
    "2025-04-04",
    "2025-05-01",
    "2025-05-02",
    "2025-05-05",
    "2025-06-02",
    "2025-10-01",
    "2025-10-02",
    "2025-10-03",
    "2025-10-06",
    "2025-10-07",
    "2025-10-08",
]

CAL = WorkCalendar()


@pytest.mark.parametrize("day", ADJUSTED_2025 + ADJUSTED_2026)
def test_adjusted_weekend_days_are_working_days(day: str) -> None:
    assert d(day).weekday() >= 5
    assert CAL.is_workday(d(day))


@pytest.mark.parametrize("day", WEEKDAY_HOLIDAYS_2025)
def test_weekday_holidays_are_not_working_days(day: str) -> None:
    assert d(day).weekday() < 5
    assert not CAL.is_workday(d(day))


def test_whole_years_have_the_published_number_of_working_days() -> None:
    # 365 days − 104 weekend days − 18 weekday holidays + 5 adjusted days = 248 in 2025.
    assert len(CAL.workdays(d("2025-01-01"), d("2025-12-31"))) == 248
    # 2026: 365 − 104 − 19 + 6 = 248.
    assert len(CAL.workdays(d("2026-01-01"), d("2026-12-31"))) == 248


@pytest.mark.parametrize(
    ("start", "start_half", "end", "end_half", "days"),
    [
        # National Day 2025: Oct 1–8 off; Sun Sep 28 and Sat Oct 11 worked.
        ("2025-10-01", AM, "2025-10-08", PM, "0"),
        # Fri 26, Sun 28, Mon 29, Tue 30, Thu Oct 9, Fri 10, Sat 11.
        ("2025-09-26", AM, "2025-10-11", PM, "7"),
        ("2025-09-30", PM, "2025-10-09", AM, "1"),  # two half days around the holiday
        ("2025-09-27", AM, "2025-09-28", PM, "1"),  # Sat off, Sun worked
        ("2025-10-11", AM, "2025-10-12", PM, "1"),  # Sat worked, Sun off
        ("2025-03-03", PM, "2025-03-03", PM, "0.5"),
        ("2025-03-03", AM, "2025-03-03", AM, "0.5"),
        ("2025-03-07", PM, "2025-03-10", AM, "1"),  # Fri afternoon to Mon morning
        # Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked.
        ("2026-02-09", AM, "2026-02-28", PM, "11"),
        # Labour Day 2026: May 1–5 off, Sat May 9 worked: Apr 30 pm + May 6, 7, 8 + May 9 am.
        ("2026-04-30", PM, "2026-05-09", AM, "4"),
        # 2027 is not in the built-in data: Mon–Fri. Fri Jan 1, Mon 4 – Fri 8.
        ("2027-01-01", AM, "2027-01-10", PM, "6"),
    ],
)
def test_count_by_hand(start: str, start_half: str, end: str, end_half: str, days: str) -> None:
    assert CAL.count(d(start), start_half, d(end), end_half) == Decimal(days)


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValueError):
        CAL.count(d("2025-03-03"), PM, d("2025-03-03"), AM)


def test_years_on_the_fallback() -> None:
    assert builtin_knows(2025) and builtin_knows(2026)
    assert not builtin_knows(2027)
    assert CAL.fallback_years([2027, 2025, 2026, 2027]) == [2027]
    assert CAL.on_fallback(d("2027-05-03")) and not CAL.on_fallback(d("2026-05-03"))


def test_corrections_from_the_database_fill_an_unknown_year(ledger) -> None:
    before = WorkCalendar.load()
    assert before.count(d("2027-01-01"), AM, d("2027-01-10"), PM) == 6
    calendar_days.save(ledger, {"date": "2027-01-01", "is_workday": False, "name": "元旦"})
    calendar_days.save(ledger, {"date": "2027-01-09", "is_workday": True, "name": "调休上班"})
    after = WorkCalendar.load()
    # Jan 1 now off, Sat Jan 9 now worked: Mon 4 – Fri 8 and Sat 9.
    assert after.count(d("2027-01-01"), AM, d("2027-01-10"), PM) == 6
    assert after.count(d("2027-01-01"), AM, d("2027-01-08"), PM) == 5
    assert not after.is_workday(d("2027-01-01")) and after.is_workday(d("2027-01-09"))
    assert not after.on_fallback(d("2027-01-01")) and after.on_fallback(d("2027-01-04"))


def test_a_correction_overrides_the_built_in_data(ledger) -> None:
    calendar_days.save(ledger, {"date": "2025-10-08", "is_workday": "是", "name": "假设改为上班"})
    assert CalendarDay.select().count() == 1
    assert WorkCalendar.load().count(d("2025-10-01"), AM, d("2025-10-08"), PM) == 1
    assert WorkCalendar().count(d("2025-10-01"), AM, d("2025-10-08"), PM) == 0


# -- properties -----------------------------------------------------------------------------------

FIRST = slot(d("2025-01-01"), AM)
LAST = slot(d("2027-12-31"), PM)
slots = st.integers(min_value=FIRST, max_value=LAST)
spans = st.tuples(slots, st.integers(min_value=0, max_value=120)).map(
    lambda t: (t[0], min(LAST, t[0] + t[1]))
)
corrections = st.dictionaries(
    st.dates(min_value=d("2025-01-01"), max_value=d("2027-12-31")), st.booleans(), max_size=8
)


def brute_force(calendar: WorkCalendar, first: int, last: int) -> Decimal:
    total = Decimal(0)
    for number in range(first, last + 1):
        day, _half = from_slot(number)
        if calendar.is_workday(day):
            total += Decimal("0.5")
    return total


@settings(max_examples=200)
@given(st.integers(min_value=FIRST, max_value=LAST))
def test_slots_round_trip(number: int) -> None:
    day, half = from_slot(number)
    assert slot(day, half) == number
    assert slot(day, AM) + 1 == slot(day, PM) and slot(day, PM) + 1 == slot(
        day + datetime.timedelta(days=1), AM
    )


@settings(max_examples=150)
@given(spans, corrections)
def test_count_matches_a_brute_force_count(span: tuple[int, int], fixes: dict) -> None:
    calendar = WorkCalendar(fixes)
    first, last = span
    (start, start_half), (end, end_half) = from_slot(first), from_slot(last)
    assert calendar.count(start, start_half, end, end_half) == brute_force(calendar, first, last)


@settings(max_examples=150)
@given(spans, st.data())
def test_count_is_additive_over_adjacent_ranges(span: tuple[int, int], data: st.DataObject) -> None:
    first, last = span
    if first == last:
        return
    middle = data.draw(st.integers(min_value=first, max_value=last - 1))
    assert CAL.count_slots(first, middle) + CAL.count_slots(middle + 1, last) == CAL.count_slots(
        first, last
    )


@settings(max_examples=150)
@given(spans, corrections)
def test_never_more_than_calendar_days(span: tuple[int, int], fixes: dict) -> None:
    first, last = span
    counted = WorkCalendar(fixes).count_slots(first, last)
    assert 0 <= counted <= Decimal(last - first + 1) / 2
    assert (counted * 2) % 1 == 0  # always whole half days


@settings(max_examples=150)
@given(
    st.dates(min_value=d("2025-01-01"), max_value=d("2027-12-31")),
    st.integers(min_value=0, max_value=60),
)
def test_whole_day_ranges_count_whole_working_days(start: datetime.date, length: int) -> None:
    end = start + datetime.timedelta(days=length)
    counted = CAL.count(start, AM, end, PM)
    assert counted == int(counted) == len(CAL.workdays(start, end))


@settings(max_examples=150)
@given(
    st.dates(min_value=d("2025-01-01"), max_value=d("2027-12-31")),
    st.integers(min_value=0, max_value=60),
)
def test_a_half_day_shifts_the_count_by_half_a_working_day(
    start: datetime.date, length: int
) -> None:
    end = start + datetime.timedelta(days=length)
    whole = CAL.count(start, AM, end, PM)
    half = Decimal("0.5")
    assert CAL.count(start, PM, end, PM) == whole - (half if CAL.is_workday(start) else 0)
    assert CAL.count(start, AM, end, AM) == whole - (half if CAL.is_workday(end) else 0)


@settings(max_examples=100)
@given(st.dates(min_value=d("2027-01-01"), max_value=d("2027-12-31")), corrections)
def test_an_unknown_year_is_monday_to_friday_plus_corrections(
    day: datetime.date, fixes: dict
) -> None:
    calendar = WorkCalendar(fixes)
    expected = fixes[day] if day in fixes else day.weekday() < 5
    assert calendar.is_workday(day) is expected
    assert calendar.on_fallback(day) is (day not in fixes)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10)
@given(st.dates(min_value=d("2027-01-01"), max_value=d("2027-12-31")), st.booleans())
def test_stored_corrections_are_what_load_uses(ledger, day: datetime.date, workday: bool) -> None:
    CalendarDay.delete().execute()
    calendar_days.save(ledger, {"date": day, "is_workday": workday})
    assert WorkCalendar.load().is_workday(day) is workday
    assert WorkCalendar.load().corrections == {day: workday}
