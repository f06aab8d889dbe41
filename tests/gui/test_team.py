"""全队概览: the page's cells are the core's (db.queries.team), the month/year switch, a group's figure
leads to its records, and the page is in the navigation only where the ledger reads several groups."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from db.queries import team
from db.queries.lists import Filters
from db.store.ledger import Ledger
from gui.pages.team import MONTH, YEAR, TeamPage, cell_text
from tests.db.queries.test_team import Team, build_team
from tests.gui.test_home import Navigation, make_page
from tests.gui.test_targets import double_click_cell

D = datetime.date


@pytest.fixture
def built(new_ledger: Ledger) -> Team:
    t = build_team(new_ledger)
    new_ledger.group_id = t.groups["甲"]
    return t


@pytest.fixture
def page(
    qtbot: Any, new_ledger: Ledger, built: Team, ui_settings: QSettings, translations: Any
) -> TeamPage:
    page = make_page(TeamPage, qtbot, new_ledger, ui_settings, Navigation())
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.choose(2025, 3)
    return page


def _cells(page: TeamPage) -> list[list[str]]:
    model = page.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _expected(figures: team.TeamFigures) -> list[list[str]]:
    columns = (*figures.groups, figures.totals)
    return [[cell_text(c.value(name)) for c in columns] for name in team.FIGURES]


def test_the_cells_are_the_cores_figures(page: TeamPage, new_ledger: Ledger) -> None:
    model = page.model
    figures = team.team_figures(new_ledger, 2025, 3)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "甲市赴南京市挂职工作组",
        "乙县赴扬州市挂职工作组",
        "丙区赴苏州市挂职工作组",
        "全队合计",
    ]
    assert model.headerData(4, Qt.Orientation.Vertical) == "调研走访（次）"
    assert _cells(page) == _expected(figures)
    # By hand: March's surveys 2, 1, 0 and 3 in all; consumption aid 12.5 + 7.25.
    assert _cells(page)[team.FIGURES.index("surveys")] == ["2", "1", "0", "3"]
    assert _cells(page)[team.FIGURES.index("consumption_aid")] == ["12.5", "7.25", "0", "19.75"]
    assert _cells(page)[team.FIGURES.index("highlights_target")][0] == "50%（1/2）"
    assert page.summary_label.text().startswith("2025 年 3 月：3 个工作组，挂职干部 4 名")


def test_the_month_and_year_switch(qtbot: Any, page: TeamPage, new_ledger: Ledger) -> None:
    assert page.span() == MONTH
    assert page.month_choice.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.span_choice.setCurrentIndex(page.span_choice.findData(YEAR))
    assert page.period() == (2025, None)
    assert not page.month_choice.isVisible()
    assert _cells(page) == _expected(team.team_figures(new_ledger, 2025))
    assert _cells(page)[team.FIGURES.index("surveys")] == ["3", "1", "1", "5"]
    assert page.summary_label.text().startswith("2025 年全年")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.span_choice.setCurrentIndex(page.span_choice.findData(MONTH))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.month_choice.setCurrentIndex(3)  # April
    assert page.period() == (2025, 4)
    assert _cells(page) == _expected(team.team_figures(new_ledger, 2025, 4))
    assert _cells(page)[team.FIGURES.index("surveys")] == ["0", "0", "1", "1"]


def test_a_groups_figure_asks_for_its_records(qtbot: Any, page: TeamPage, built: Team) -> None:
    row = team.FIGURES.index("enterprise_surveys")
    with qtbot.waitSignal(page.open_group_requested, timeout=5_000) as signal:
        double_click_cell(qtbot, page.table, page.model.index(row, 1))
    assert signal.args == [
        built.groups["乙"],
        "surveys",
        {"filters": Filters(date_from=D(2025, 3, 1), date_to=D(2025, 3, 31), kind="enterprise")},
    ]
    with qtbot.waitSignal(page.open_group_requested, timeout=5_000) as signal:
        page.open_cell(team.FIGURES.index("overdue"), 0)
    assert signal.args == [built.groups["甲"], "leave", {"filters": Filters(status="overdue")}]
    with qtbot.waitSignal(page.open_group_requested, timeout=5_000) as signal:
        page.open_cell(team.FIGURES.index("highlights_target"), 2)
    assert signal.args == [built.groups["丙"], "targets", {"matrix": "highlights"}]
    with qtbot.assertNotEmitted(page.open_group_requested):
        assert not page.open_cell(row, 3)  # the team's totals are no one group's


def test_the_window_shows_the_page_for_several_groups_and_leads_to_its_own_groups_records(
    qtbot: Any, make_window: Any, new_ledger: Ledger, built: Team
) -> None:
    window = make_window(new_ledger)
    keys = [
        window.navigation.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(window.navigation.count())
    ]
    assert "team" in keys
    window.show_page("team")
    page = window.pages["team"]
    qtbot.waitUntil(
        lambda: not page.load.loading and page.model.figures is not None, timeout=10_000
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.choose(2025, 3)
    page.open_cell(team.FIGURES.index("surveys"), 0)  # 甲, the window's own group
    assert window.current_key == "surveys"
    listed = window.pages["surveys"]
    assert listed.current_filters().date_from == D(2025, 3, 1)

    window.show_page("team")
    with qtbot.waitSignal(window.group_page_requested, timeout=5_000) as asked:
        page.open_cell(team.FIGURES.index("surveys"), 1)  # 乙: another group, for the program
    assert asked.args[:2] == [built.groups["乙"], "surveys"]
    assert new_ledger.group_id == built.groups["甲"]  # the window does not move by itself


def test_no_team_page_for_one_group(make_window: Any, sqlite_ledger: Ledger) -> None:
    window = make_window(sqlite_ledger)
    keys = [
        window.navigation.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(window.navigation.count())
    ]
    assert "team" not in keys
    assert "team" not in window.page_actions
