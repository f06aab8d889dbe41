"""The window's "today" is the program's clock (db.common.clock), on every edge of the calendar: new records
start on it, the list's period filters count from it, overdue leave is judged by it, and the bulletin
page opens at its month."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from db.queries.statistics import month_range
from db.services.surveys import surveys
from db.store.ledger import Ledger
from gui.operations import Operations
from gui.pages.base import PageContext
from gui.pages.bulletins import BulletinsPage
from gui.pages.list_page import period_range
from tests.conftest import add_member
from tests.gui.test_forms import WindowOf, editor, open_new, open_page


@pytest.fixture
def window_of(make_window: Any) -> WindowOf:
    from tests.gui.test_forms import without_home

    return without_home(make_window)


@pytest.mark.parametrize(
    ("page_key", "field", "shown"),
    [
        ("sessions", "date", "{day}"),
        ("surveys", "date", "{day}"),
        ("achievements", "date", "{day}"),
        ("highlights", "month", "{month}"),
        ("leave", "start_date", "{day}"),
        ("leave", "end_date", "{day}"),
    ],
)
def test_a_new_record_starts_on_today(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    calendar_day: datetime.date,
    page_key: str,
    field: str,
    shown: str,
) -> None:
    add_member(sqlite_ledger, "张三")
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, page_key)
    dialog = open_new(qtbot, page)
    expected = shown.format(day=calendar_day.isoformat(), month=calendar_day.strftime("%Y-%m"))
    assert editor(dialog, field).text() == expected
    dialog.form.mark_clean()
    dialog.reject()


def test_the_period_filters_count_from_today(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, calendar_day: datetime.date
) -> None:
    day = calendar_day
    monday = day - datetime.timedelta(days=day.weekday())
    first, last = month_range(day.year, day.month)
    previous = first - datetime.timedelta(days=1)
    assert period_range("week", day) == (monday, monday + datetime.timedelta(days=6))
    assert period_range("month", day) == (first, last)
    assert period_range("last_month", day) == (previous.replace(day=1), previous)
    assert period_range("year", day) == (
        datetime.date(day.year, 1, 1),
        datetime.date(day.year, 12, 31),
    )
    # In the window: 本月 on the survey list shows this month's survey and not last month's.
    member = add_member(sqlite_ledger, "张三")
    for when, place in ((first, "本月的单位"), (previous, "上月的单位")):
        surveys.save(
            sqlite_ledger,
            {"date": when, "kind": "practice", "visited": place, "participants": [member]},
        )
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    page.period.setCurrentIndex(page.period.findData("month"))
    page.period.activated.emit(page.period.currentIndex())
    assert (page.date_from.date(), page.date_to.date()) == (first, last)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.text(0, "visited") == "本月的单位"


def test_the_bulletin_page_opens_at_today_s_month_when_no_month_has_records(
    qtbot: Any, sqlite_ledger: Ledger, ui_settings: QSettings, calendar_day: datetime.date
) -> None:
    page = BulletinsPage(
        PageContext(
            ledger=sqlite_ledger, operations=Operations(sqlite_ledger), settings=ui_settings
        )
    )
    qtbot.addWidget(page)
    page.resize(1200, 800)
    with qtbot.waitSignal(page.preview_ready, timeout=20_000):
        page.show()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.month() == (calendar_day.year, calendar_day.month)
    assert page.year_edit.value() == calendar_day.year
