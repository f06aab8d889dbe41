"""The 年度计划 page: the starting plan taken with one click, a measure edited and refused in the
window, a manual tick; the figures shown are the core's (db.queries.plan)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from db.queries.plan import plan_progress
from db.services import plans
from db.store.ledger import Ledger
from db.store.models import PlanMeasure, PlanTick
from gui.operations import Operations
from gui.pages.base import PageContext
from gui.pages.plan import PlanPage
from tests.conftest import add_member


@pytest.fixture
def page(qtbot: Any, sqlite_ledger: Ledger, ui_settings: QSettings, translations: Any) -> PlanPage:
    add_member(sqlite_ledger, "张三")
    add_member(sqlite_ledger, "李四")
    context = PageContext(
        ledger=sqlite_ledger, operations=Operations(sqlite_ledger), settings=ui_settings
    )
    page = PlanPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def row_of(page: PlanPage, wording: str) -> int:
    for row in range(page.table.rowCount()):
        if page.table.item(row, 1).text() == wording:
            return row
    raise AssertionError(wording)


def test_take_the_starting_plan_and_see_its_progress(qtbot, page, sqlite_ledger) -> None:
    # A year without a plan shows the three basic measures.
    assert page.table.rowCount() == 3
    assert "本年度还没有年度计划" in page.summary_label.text()
    qtbot.mouseClick(page.take_button, Qt.MouseButton.LeftButton)
    assert PlanMeasure.select().count() == 20
    assert page.table.rowCount() == 20
    assert not page.take_button.isEnabled()
    assert page.current_year() == 2026  # the group has no term: this year
    progress = plan_progress(sqlite_ledger, 2026)
    row = row_of(page, "每人每月总结一个亮点")
    measure = next(m for m in progress.measures if m.measure.wording == "每人每月总结一个亮点")
    shown = [page.table.item(row, c).text() for c in (5, 6, 7, 8)]
    assert shown == [str(measure.done), str(measure.expected), str(measure.due), "滞后"]
    assert page.summary_label.text().startswith("《细化措施二十条》共 20 项：")


def test_edit_a_measure_and_a_refusal_beside_it(qtbot, page, sqlite_ledger) -> None:
    qtbot.mouseClick(page.take_button, Qt.MouseButton.LeftButton)
    page.table.selectRow(row_of(page, "推出一批宣传报道"))
    page.wording.setText("推出八篇宣传报道")  # Chinese comes through the input method, not keys
    page.count.setValue(8)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = PlanMeasure.get(PlanMeasure.wording == "推出八篇宣传报道")
    assert (saved.count, saved.source, saved.filter) == (8, "achievement", "publicity")
    # Bulletins bind the group: a measure for each member is refused, and nothing is saved.
    page.binds.setCurrentIndex(page.binds.findData("member"))
    page.source.setCurrentIndex(page.source.findData("bulletin"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.editor_error.isVisible()
    assert "信息动态由工作组编发" in page.editor_error.text()
    assert PlanMeasure.get_by_id(saved.id).source == "achievement"


def test_a_new_measure_in_a_year_without_a_plan_keeps_the_basic_three(qtbot, page) -> None:
    page.new_record()
    page.wording.setText("用好商会平台")
    page.period.setCurrentIndex(page.period.findData("year"))
    page.binds.setCurrentIndex(page.binds.findData("group"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    plan = plans.plan_of_year(page.ledger, 2026)
    assert [m.wording for m in plans.measures_of(plan)] == [
        "每人每周一次实践调研",
        "每人每月总结一个亮点",
        "每月开展一次学习交流会",
        "用好商会平台",
    ]


def test_tick_a_manual_measure(qtbot, page) -> None:
    qtbot.mouseClick(page.take_button, Qt.MouseButton.LeftButton)
    row = row_of(page, "每人建立一本工作日志")
    page.table.selectRow(row)
    assert page.tick_box.isEnabled()
    assert [page.tick_member.itemText(i) for i in range(page.tick_member.count())] == [
        "张三",
        "李四",
    ]
    page.tick_member.setCurrentIndex(1)
    page.tick_note.setText("已检查")
    before = int(page.table.item(row, 5).text())
    qtbot.mouseClick(page.tick_button, Qt.MouseButton.LeftButton)
    tick = PlanTick.get()
    assert (tick.note, str(tick.date)) == ("已检查", "2026-11-18")
    assert tick.member.name == "李四"
    # 李四's November is now met.
    assert int(page.table.item(row_of(page, "每人建立一本工作日志"), 5).text()) == before + 1
