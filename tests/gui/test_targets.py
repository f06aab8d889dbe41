"""The targets matrix page: its cells are the core's (db.queries.targets.targets_matrix), marked and explained,
the period and the matrix switch, and a cell leads to its records."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtWidgets import QTableView, QWidget

from db.queries.lists import Filters
from db.queries.targets import (
    EXCUSED,
    LEAVE,
    MET,
    MISSED,
    TargetsMatrix,
    targets_matrix,
)
from db.rules.workdays import WorkCalendar
from db.store.ledger import Ledger
from gui.pages.targets import (
    CELL_ROLE,
    HIGHLIGHTS,
    MEETINGS,
    STATUS_ROLE,
    SURVEYS,
    Period,
    TargetsPage,
    periods_of_term,
)
from tests.gui.test_home import Month, Navigation, build_month, make_page

DAY = datetime.timedelta(days=1)


@pytest.fixture
def month(sqlite_ledger: Ledger) -> Month:
    return build_month(sqlite_ledger)


@pytest.fixture
def navigation() -> Navigation:
    return Navigation()


@pytest.fixture
def page(
    qtbot: Any,
    sqlite_ledger: Ledger,
    month: Month,
    ui_settings: QSettings,
    navigation: Navigation,
    translations: Any,
) -> TargetsPage:
    return make_page(TargetsPage, qtbot, sqlite_ledger, ui_settings, navigation)


def core(ledger: Ledger, page: TargetsPage, today: datetime.date) -> TargetsMatrix:
    period = page.current_period()
    assert period is not None
    return targets_matrix(ledger, period.start, period.end, today)


def week_column(matrix: TargetsMatrix, monday: datetime.date) -> int:
    return [w.start for w in matrix.weeks].index(monday)


def row_of(matrix: TargetsMatrix, name: str) -> int:
    return [r.name for r in matrix.rows].index(name)


def double_click(qtbot: Any, widget: QWidget, pos: QPoint) -> None:
    """A double-click as the window system delivers it: a click, then the double-click event
    (QTest's double-click alone lacks the first press and release)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def double_click_cell(qtbot: Any, table: QTableView, index: QModelIndex) -> None:
    table.scrollTo(index)
    double_click(qtbot, table.viewport(), table.visualRect(index).center())


# -- the cells --------------------------------------------------------------------------------------


def test_the_survey_cells_are_the_cores_marked_and_explained(
    page: TargetsPage, sqlite_ledger: Ledger, month: Month
) -> None:
    today = month.today
    assert page.current_period() == periods_of_term(datetime.date(2025, 1, 1), None, today)[0]
    matrix = core(sqlite_ledger, page, today)
    model = page.model
    assert model.which == SURVEYS
    assert (model.rowCount(), model.columnCount()) == (4, len(matrix.weeks))
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(4)][0].startswith("张三")
    for row, member in enumerate(matrix.rows):
        statuses = [model.index(row, c).data(STATUS_ROLE) for c in range(model.columnCount())]
        assert statuses == [cell.status for cell in member.surveys]

    # A went on this week's Monday: met, and the tooltip names the survey.
    this_week = week_column(matrix, month.monday)
    a_cell = model.index(row_of(matrix, "张三"), this_week)
    assert a_cell.data(STATUS_ROLE) == MET
    assert a_cell.data(Qt.ItemDataRole.DisplayRole) == "√"
    tooltip = a_cell.data(Qt.ItemDataRole.ToolTipRole)
    monday = month.monday
    assert "张三" in tooltip and "达标：1 / 1" in tooltip
    assert (
        f"{monday.year}年{monday.month}月{monday.day}日 企业调研 南京某科技公司（本周调研）"
        in tooltip
    )

    # Two weeks earlier: B on leave all week (excused, with the reason), C went nowhere (missed).
    earlier = week_column(matrix, month.monday - 14 * DAY)
    if WorkCalendar.load().workdays(month.monday - 14 * DAY, month.monday - 8 * DAY):
        b_cell = model.index(row_of(matrix, "李四"), earlier)
        assert b_cell.data(STATUS_ROLE) == EXCUSED
        assert b_cell.data(CELL_ROLE).reason == LEAVE
        assert b_cell.data(Qt.ItemDataRole.DisplayRole) == "○"
        assert "这段时间的工作日都在批准的假期内" in b_cell.data(Qt.ItemDataRole.ToolTipRole)
        c_cell = model.index(row_of(matrix, "王五"), earlier)
        assert c_cell.data(STATUS_ROLE) == MISSED
        assert c_cell.data(Qt.ItemDataRole.DisplayRole) == "×"
        assert "未达标：0 / 1" in c_cell.data(Qt.ItemDataRole.ToolTipRole)
        # Missed and met cells differ by symbol and by colour.
        missed_color = c_cell.data(Qt.ItemDataRole.BackgroundRole).color()
        met_color = a_cell.data(Qt.ItemDataRole.BackgroundRole).color()
        assert missed_color != met_color
    # The summary counts the missed cells as the core does.
    missed = sum(r.surveys_missed for r in matrix.rows)
    assert f"未达标 {missed} 格" in page.summary_label.text()


def test_the_other_matrices_are_the_cores_too(
    qtbot: Any, page: TargetsPage, sqlite_ledger: Ledger, month: Month
) -> None:
    matrix = core(sqlite_ledger, page, month.today)
    qtbot.keyClick(page.matrix_choice, Qt.Key.Key_Down)  # the next matrix: highlights
    model = page.model
    assert model.which == HIGHLIGHTS
    assert model.columnCount() == len(matrix.months)
    for row, member in enumerate(matrix.rows):
        statuses = [model.index(row, c).data(STATUS_ROLE) for c in range(model.columnCount())]
        assert statuses == [cell.status for cell in member.highlights]
    this_month = matrix.months.index(month.today.replace(day=1))
    tooltip = model.index(row_of(matrix, "王五"), this_month).data(Qt.ItemDataRole.ToolTipRole)
    assert "C的本月亮点" in tooltip

    page.choose(MEETINGS)
    assert model.rowCount() == len(matrix.rows) + 1  # the group's own row first
    assert model.headerData(0, Qt.Orientation.Vertical).startswith("召开情况")
    held = [model.index(0, c).data(STATUS_ROLE) for c in range(model.columnCount())]
    assert held == [cell.status for cell in matrix.meetings_held]
    assert held[this_month] == MET
    assert "学习交流会主题" in model.index(0, this_month).data(Qt.ItemDataRole.ToolTipRole)
    for row, member in enumerate(matrix.rows, start=1):
        statuses = [model.index(row, c).data(STATUS_ROLE) for c in range(model.columnCount())]
        assert statuses == [cell.status for cell in member.meetings]
    # D was absent from the meeting: the tooltip says so.
    d_tooltip = model.index(1 + row_of(matrix, "赵六"), this_month).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "缺席：" in d_tooltip and "学习交流会主题" in d_tooltip


# -- switching --------------------------------------------------------------------------------------


def test_switching_the_period_changes_the_columns(
    qtbot: Any, page: TargetsPage, sqlite_ledger: Ledger, month: Month
) -> None:
    today = month.today
    kinds = [p.kind for p in page.periods]
    year_index = next(
        i for i, p in enumerate(page.periods) if p.kind == "year" and p.year == today.year
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.period_choice.setCurrentIndex(year_index)
    year = targets_matrix(sqlite_ledger, *_span(page.periods[year_index]), today)
    assert page.model.columnCount() == len(year.weeks)
    assert page.model.matrix is not None and page.model.matrix.start.year == today.year

    quarter = (today.month - 1) // 3 + 1
    quarter_index = next(
        i
        for i, p in enumerate(page.periods)
        if p.kind == "quarter" and (p.year, p.quarter) == (today.year, quarter)
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.period_choice.setCurrentIndex(quarter_index)
    q = targets_matrix(sqlite_ledger, *_span(page.periods[quarter_index]), today)
    assert page.model.columnCount() == len(q.weeks) < len(year.weeks)
    page.choose(HIGHLIGHTS)
    assert page.model.columnCount() == 3
    assert kinds.count("term") == 1
    # The last choice is kept while the matrix switches back.
    page.choose(SURVEYS)
    assert page.model.columnCount() == len(q.weeks)


def _span(period: Period) -> tuple[datetime.date, datetime.date]:
    return period.start, period.end


def test_periods_of_a_term_over_two_years() -> None:
    periods = periods_of_term(
        datetime.date(2025, 3, 1), datetime.date(2026, 2, 28), datetime.date(2025, 6, 1)
    )
    assert [(p.kind, p.year, p.quarter) for p in periods] == [
        ("term", 0, 0),
        ("year", 2025, 0),
        ("year", 2026, 0),
        ("quarter", 2025, 1),
        ("quarter", 2025, 2),
        ("quarter", 2025, 3),
        ("quarter", 2025, 4),
        ("quarter", 2026, 1),
    ]
    assert (periods[0].start, periods[0].end) == (
        datetime.date(2025, 3, 1),
        datetime.date(2026, 2, 28),
    )
    assert periods[0].label() == "本届任期（2025年3月1日—2026年2月28日）"
    assert periods[-1].label() == "2026 年第 1 季度"


# -- leading to the records ---------------------------------------------------------------------------


def test_a_double_click_on_a_cell_leads_to_its_records(
    qtbot: Any, page: TargetsPage, sqlite_ledger: Ledger, month: Month, navigation: Navigation
) -> None:
    matrix = core(sqlite_ledger, page, month.today)
    index = page.model.index(row_of(matrix, "张三"), week_column(matrix, month.monday))
    double_click_cell(qtbot, page.table, index)
    assert navigation.calls[-1] == (
        "surveys",
        {
            "filters": Filters(
                date_from=month.monday, date_to=month.monday + 6 * DAY, member_id=month.m["A"]
            ),
            "record_id": month.survey,
        },
    )
    page.choose(MEETINGS)
    this_month = matrix.months.index(month.today.replace(day=1))
    first = matrix.months[this_month]
    held = page.model.index(0, this_month)
    double_click_cell(qtbot, page.table, held)
    key, target = navigation.calls[-1]
    assert key == "sessions"
    assert target["filters"].kind == "collective" and target["filters"].member_id is None
    assert target["filters"].date_from == first
    assert target["record_id"] == month.meeting

    header = page.table.verticalHeader()
    row = 1 + row_of(matrix, "王五")
    y = header.sectionViewportPosition(row) + header.sectionSize(row) // 2
    double_click(qtbot, header.viewport(), QPoint(10, y))
    assert navigation.calls[-1] == ("member_file", {"member_id": month.m["C"]})


def test_the_page_follows_records_changed(
    qtbot: Any, page: TargetsPage, sqlite_ledger: Ledger, month: Month
) -> None:
    matrix = core(sqlite_ledger, page, month.today)
    earlier = week_column(matrix, month.monday - 14 * DAY)
    c_row = row_of(matrix, "王五")
    before = page.model.index(c_row, earlier).data(CELL_ROLE)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.operations.records_changed.connect(page.on_records_changed)
        page.operations.save(
            "survey",
            {
                "date": month.monday - 13 * DAY,
                "kind": "visit",
                "visited": "市商务局",
                "participants": [month.m["C"]],
            },
        )
    after = page.model.index(c_row, earlier).data(CELL_ROLE)
    assert after.count == before.count + 1
    assert after.status == MET


def test_english_headers(page: TargetsPage, month: Month, translations: Any) -> None:
    translations.apply("en")
    page.retranslate_ui()
    assert page.heading.text() == "Targets"
    assert page.matrix_choice.currentText() == "Weekly surveys (members × weeks)"
    assert page.period_choice.itemText(0).startswith("This term (Jan 1, 2025 – ")
    header = page.model.headerData(0, Qt.Orientation.Horizontal)
    assert header.startswith("W")
