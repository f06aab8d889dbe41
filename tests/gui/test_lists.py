"""The list pages: filtering as the user types (pinyin initials, words, dates, member, kind), sorting
by a header in SQL, totals, Enter to edit, Delete into the recycle bin and Ctrl+Z back, overdue leave
standing out, being led to records from elsewhere, and the ledger export."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from db.queries.lists import Filters
from db.services import leave
from db.services.sessions import study_sessions
from db.services.surveys import surveys
from db.store.ledger import Ledger
from db.store.models import LeaveRequest, RecycleBin, Survey, SurveyParticipant
from gui.main_window import MainWindow
from gui.pages.list_page import ListPage
from tests.conftest import add_member, with_a_working_day
from tests.gui.conftest import FileDialogs, WindowFactory
from tests.gui.test_forms import WindowOf, finish_background_work, without_home
from tests.gui.test_shell import CTRL, click, click_row, type_text


@pytest.fixture(autouse=True)
def _background_work_ends_with_the_test(sqlite_ledger: Ledger, qapp: Any) -> Iterator[None]:
    yield
    finish_background_work(qapp)


@pytest.fixture
def window_of(make_window: WindowFactory) -> WindowOf:
    return without_home(make_window)


def open_page(qtbot: Any, window: MainWindow, key: str) -> ListPage:
    window.show_page(key)
    page = window.current_page()
    assert isinstance(page, ListPage)
    qtbot.waitUntil(lambda: page.index_ready)
    page.table.setFocus()
    return page


def column_texts(page: ListPage, key: str) -> list[str]:
    return [page.model.text(row, key) for row in range(page.model.rowCount())]


@pytest.fixture
def people(sqlite_ledger: Ledger) -> dict[str, Any]:
    names = ["张三", "李四", "王五"]
    return {n: add_member(sqlite_ledger, n, sort_order=i) for i, n in enumerate(names)}


@pytest.fixture
def some_surveys(sqlite_ledger: Ledger, people: dict[str, Any]) -> dict[str, Any]:
    rows = [
        ("2025-03-03", "enterprise", "苏宁易购集团", ["张三"]),
        ("2025-03-10", "practice", "六合区竹镇镇", ["李四"]),
        ("2025-04-02", "enterprise", "金陵饭店股份有限公司", ["张三", "王五"]),
        ("2025-04-20", "visit", "浦口区桥林街道", ["王五"]),
        ("2025-05-08", "practice", "竹镇镇农业园", ["张三"]),
    ]
    out = {}
    for date, kind, visited, names in rows:
        saved = surveys.save(
            sqlite_ledger,
            {
                "date": date,
                "kind": kind,
                "visited": visited,
                "participants": [people[n] for n in names],
            },
        )
        out[visited] = saved.id
    return out


# -- filtering ---------------------------------------------------------------------------------------------


def test_the_text_filter_finds_members_by_pinyin_initials_and_records_by_a_word(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, some_surveys: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    assert page.model.rowCount() == 5
    qtbot.keyClick(page.table, Qt.Key.Key_F, CTRL)  # Ctrl+F: to the search box
    assert page.search.hasFocus()

    qtbot.keyClicks(page.search, "zs")  # 张三, by the initials of his name
    assert sorted(column_texts(page, "visited")) == sorted(
        ["苏宁易购集团", "金陵饭店股份有限公司", "竹镇镇农业园"]
    )
    assert all("张三" in text for text in column_texts(page, "participants"))
    assert page.totals_label.text() == "共 3 次调研"

    page.search.selectAll()
    type_text(qtbot, page.search, "竹镇")  # a word of the records themselves
    assert sorted(column_texts(page, "visited")) == ["六合区竹镇镇", "竹镇镇农业园"]

    qtbot.keyClick(page.search, Qt.Key.Key_Escape)  # Esc empties the box: everything again
    assert page.search.text() == "" and page.model.rowCount() == 5
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # and Down goes back to the table
    assert page.table.hasFocus() and page.selected_rows() == [0]


def test_until_the_text_index_is_ready_the_filter_runs_in_sql(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    some_surveys: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ListPage, "_build_index", lambda self: None)
    window = window_of(sqlite_ledger)
    window.show_page("surveys")
    page = window.current_page()
    assert isinstance(page, ListPage) and not page.index_ready
    qtbot.keyClicks(page.search, "ww")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # once typing pauses
    assert sorted(column_texts(page, "visited")) == ["浦口区桥林街道", "金陵饭店股份有限公司"]


def test_the_filter_bar_narrows_by_dates_member_and_kind(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    some_surveys: dict[str, Any],
    people: dict[str, Any],
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    type_text(qtbot, page.date_from, "2025-03-05")
    type_text(qtbot, page.date_to, "2025-04-30")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.period.currentData() == "custom"

    page.member_filter.setFocus()
    qtbot.keyClicks(page.member_filter, "ww")
    qtbot.keyClick(page.member_filter, Qt.Key.Key_Return)
    assert page.member_filter.member_id() == people["王五"]
    assert sorted(column_texts(page, "visited")) == ["浦口区桥林街道", "金陵饭店股份有限公司"]

    page.kind_filter.setFocus()
    index = page.kind_filter.findData("visit")
    page.kind_filter.setCurrentIndex(index)
    page.kind_filter.activated.emit(index)
    assert column_texts(page, "visited") == ["浦口区桥林街道"]
    assert page.totals_label.text() == "共 1 次调研"

    # A new record from a filtered list starts with the filter's kind.
    page.new_record()
    assert page.dialog is not None
    assert page.dialog.form.fields["kind"].get() == "visit"
    page.dialog.reject()

    page.clear_button.click()
    assert page.model.rowCount() == 5 and page.member_filter.text() == ""


# -- sorting, editing, deleting -------------------------------------------------------------------------------


def test_a_click_on_a_header_sorts_by_that_column_in_sql(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, some_surveys: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    assert column_texts(page, "date")[0] == "2025-05-08"  # newest first
    header = page.table.horizontalHeader()
    column = page.model.column_of("visited")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.sort_key == "visited"
    first = column_texts(page, "visited")
    expected = [s.visited for s in Survey.select().order_by(Survey.visited, Survey.id)]
    assert first in (expected, expected[::-1])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert column_texts(page, "visited") == first[::-1]

    # The text filter keeps the order chosen.
    qtbot.keyClicks(page.search, "zs")
    texts = column_texts(page, "visited")
    assert texts == [t for t in first[::-1] if t in texts] and len(texts) == 3


def test_enter_and_a_double_click_open_the_record(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, some_surveys: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    row = page.model.row_of(some_surveys["六合区竹镇镇"])
    click_row(qtbot, page.table, row)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is not None
    assert page.dialog.form.record_id == some_surveys["六合区竹镇镇"]
    assert page.dialog.form.fields["visited"].get() == "六合区竹镇镇"
    page.dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None)

    other = page.model.row_of(some_surveys["苏宁易购集团"])
    rect = page.table.visualRect(page.model.index(other, 2))
    # A double-click is a click and then the second press (QTest sends only the latter).
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.dialog is not None
    assert page.dialog.form.record_id == some_surveys["苏宁易购集团"]
    page.dialog.reject()


def test_delete_moves_to_the_recycle_bin_and_ctrl_z_brings_it_back(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, some_surveys: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    gone = some_surveys["金陵饭店股份有限公司"]
    row = page.model.row_of(gone)
    click_row(qtbot, page.table, row)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert Survey.get_or_none(Survey.id == gone) is None
    assert RecycleBin.select().where(RecycleBin.record_id == gone).count() == 1
    assert page.model.rowCount() == 4 and page.model.row_of(gone) == -1
    assert page.selected_rows() == [row]  # the next record is selected, for the next key press
    assert "删除 1 条调研记录" in window.statusBar().currentMessage()

    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    back = Survey.get_or_none(Survey.id == gone)
    assert back is not None and back.visited == "金陵饭店股份有限公司"  # the same record
    assert SurveyParticipant.select().where(SurveyParticipant.survey == gone).count() == 2
    assert RecycleBin.select().count() == 0
    assert page.model.rowCount() == 5 and page.model.row_of(gone) >= 0


def press_menu_key(qtbot: Any, widget: QWidget) -> None:
    """The Menu key on ``widget``, as a desktop delivers it: the key, then (from the windowing
    system, which the offscreen platform leaves out) a keyboard context-menu event at the text
    cursor's place in the widget's own coordinates (QWidgetWindow::handleContextMenuEvent)."""
    qtbot.keyClick(widget, Qt.Key.Key_Menu)
    position = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, position, widget.mapToGlobal(position)
    )
    QApplication.sendEvent(widget, event)


def choose_in_popup_menu(qtbot: Any, text: str, chosen: list[str]) -> None:
    """Once the menu is open: Down to the item ``text`` and Enter (``chosen`` records it)."""

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts = [a.text() for a in menu.actions()]
        chosen.append(text)
        while menu.activeAction() is None or menu.activeAction().text() != text:
            qtbot.keyClick(menu, Qt.Key.Key_Down)
            assert len(chosen) < 20, texts
            chosen.append(text)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)


@pytest.mark.parametrize("key", ["surveys", "leave"])
def test_the_menu_key_acts_on_the_selected_row(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    some_surveys: dict[str, Any],
    people: dict[str, Any],
    key: str,
) -> None:
    requests = [
        leave.leave_requests.save(
            sqlite_ledger,
            {
                "member": people[name],
                "leave_type": "personal",
                "start_date": datetime.date(2025, 3, day),
                "end_date": datetime.date(2025, 3, day),
            },
        ).id
        for name, day in (("张三", 3), ("李四", 4), ("王五", 5))
    ]
    ids = requests if key == "leave" else list(some_surveys.values())
    model = Survey if key == "surveys" else LeaveRequest
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, key)
    click_row(qtbot, page.table, 1)
    chosen = page.model.id_at(1)
    below = page.model.id_at(2)
    chosen_texts: list[str] = []
    choose_in_popup_menu(qtbot, "删除", chosen_texts)
    press_menu_key(qtbot, page.table)

    assert chosen_texts  # the menu was open
    assert model.get_or_none(model.id == chosen) is None  # the selected record went…
    assert page.selected_ids() == [below]  # (the next one is selected now)
    assert model.get_or_none(model.id == below) is not None  # …not the one below it
    assert model.select().count() == len(ids) - 1
    assert RecycleBin.select().where(RecycleBin.record_id == chosen).count() == 1
    chosen_texts.clear()
    choose_in_popup_menu(qtbot, "删除", chosen_texts)
    qtbot.keyClick(page.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # Shift+F10 too
    assert chosen_texts and model.get_or_none(model.id == below) is None
    assert model.select().count() == len(ids) - 2


def test_several_rows_are_deleted_as_one_change(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, some_surveys: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    click_row(qtbot, page.table, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert Survey.select().count() == 3
    window.undo_action.trigger()
    assert Survey.select().count() == 5


# -- leave in the list: overdue, status filter, totals ----------------------------------------------------------


def test_overdue_leave_stands_out_and_can_be_listed_alone(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    people: dict[str, Any],
    calendar_day: datetime.date,
) -> None:
    today = calendar_day

    def request(member: str, start: datetime.date, end: datetime.date, **extra: Any) -> Any:
        values = {
            "member": people[member],
            "leave_type": "personal",
            "start_date": start,
            "end_date": with_a_working_day(start, end),
            **extra,
        }
        return leave.leave_requests.save(sqlite_ledger, values)

    approved = {
        "status": "approved",
        "approver": "组长",
        "approval_date": today - datetime.timedelta(days=20),
    }
    overdue = request(
        "张三", today - datetime.timedelta(days=10), today - datetime.timedelta(days=8), **approved
    )
    request("李四", today + datetime.timedelta(days=5), today + datetime.timedelta(days=5))
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "leave")
    row = page.model.row_of(overdue.id)
    assert page.model.text(row, "status") == "逾期未销假"
    assert page.model.text(row, "member") == "张三"
    index = page.model.index(row, page.model.column_of("status"))
    color = index.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(color, QColor) and color.red() > color.green()
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert "逾期未销假" in index.data(Qt.ItemDataRole.ToolTipRole)
    other = page.model.index(1 - row, page.model.column_of("status"))
    assert other.data(Qt.ItemDataRole.ForegroundRole) is None

    page.status_filter.setCurrentIndex(page.status_filter.findData("overdue"))
    page.status_filter.activated.emit(page.status_filter.currentIndex())
    assert page.model.keys() and [page.model.id_at(r) for r in range(page.model.rowCount())] == [
        overdue.id
    ]
    assert "共 1 条" in page.totals_label.text()


def test_being_led_here_shows_the_records_asked_for(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    people: dict[str, Any],
    calendar_day: datetime.date,
) -> None:
    today = calendar_day
    pending = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["王五"],
            "leave_type": "sick",
            "start_date": today,
            "end_date": with_a_working_day(today, today),
        },
    )
    window = window_of(sqlite_ledger)
    window.show_page("leave", {"filters": Filters(status="pending")})
    page = window.current_page()
    assert isinstance(page, ListPage)
    assert page.status_filter.currentData() == "pending"
    assert page.model.rowCount() == 1
    window.show_page("sessions")
    window.show_page("leave", {"record_id": pending.id})
    assert page.status_filter.currentData() is None  # filters cleared, so the record is shown
    assert page.selected_ids() == [pending.id]


def test_totals_follow_what_is_shown(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    for day, kind, hours in (("2025-03-04", "training", "3.5"), ("2025-03-18", "training", "2")):
        study_sessions.save(
            sqlite_ledger,
            {"kind": kind, "date": day, "topic": f"培训{day}", "training_hours": hours},
        )
    study_sessions.save(
        sqlite_ledger, {"kind": "collective", "date": "2025-03-28", "topic": "交流会"}
    )
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "sessions")
    assert page.totals_label.text() == "共 3 次，培训合计 5.5 学时"
    page.search.setFocus()
    type_text(qtbot, page.search, "交流会")
    qtbot.waitUntil(lambda: page.totals_label.text() == "共 1 次")
    assert column_texts(page, "attendance") == ["3/3"]


# -- export -----------------------------------------------------------------------------------------------------


def test_the_ledger_of_what_is_shown_is_exported(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    some_surveys: dict[str, Any],
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    qtbot.keyClicks(page.search, "zs")
    menu = page.build_menu()
    texts = [action.text() for action in menu.actions() if action.text()]
    assert texts[:2] == ["编辑…", "删除"] and texts[-1] == "导出台账…"
    assert page.export_action.isEnabled()
    target = tmp_path / "调研台账.xlsx"
    file_dialogs.paths.append(str(target))
    page.export_action.trigger()  # the export dialog, preset to this list and its filter
    dialog = page.export_dialog
    assert dialog is not None and dialog.filter_check.isChecked()
    assert [k for k, check in dialog.kind_checks.items() if check.isChecked()] == ["surveys"]
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: target.exists() and "已导出" in window.statusBar().currentMessage())
    sheet = load_workbook(target).worksheets[0]
    visited_column = next(
        c.column for c in sheet[1] if c.value in ("调研对象", "调研走访对象", "走访对象")
    )
    visited = {row[visited_column - 1].value for row in sheet.iter_rows(min_row=2)}
    assert visited == {"苏宁易购集团", "金陵饭店股份有限公司", "竹镇镇农业园"}


# -- columns -------------------------------------------------------------------------------------------


def test_columns_fit_their_contents_the_last_is_not_greedy_and_the_users_widths_stay(
    qtbot: Any,
    make_window: WindowFactory,
    sqlite_ledger: Ledger,
    translations: Any,
    ui_settings: Any,
) -> None:
    for i, name in enumerate(["王建国", "单立新", "曾晓燕"]):
        add_member(
            sqlite_ledger,
            name,
            sort_order=i,
            phone=f"1397486{i:04d}",
            sending_unit_post="商洛市发展和改革委员会副主任",
            host_unit_post="南京市发展和改革委员会主任助理",
        )
    window = without_home(make_window)(sqlite_ledger)
    window.resize(1600, 900)
    page = open_page(qtbot, window, "members")
    header = page.table.horizontalHeader()
    metrics = page.table.fontMetrics()
    phone = page.model.column_of("phone")
    status = page.model.column_of("status")
    assert not header.stretchLastSection()
    assert header.sectionSize(phone) >= metrics.horizontalAdvance("13974860002")
    host = page.model.column_of("host_unit_post")
    assert header.sectionSize(host) >= metrics.horizontalAdvance("南京市发展和改革委员会主任助理")
    assert header.sectionSize(status) < 200  # 状态 "在岗" takes no more than it needs

    window.set_language("en")  # English headers are longer: none is clipped
    for column in range(header.count()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column

    header.resizeSection(phone, 260)  # the user's own width…
    qtbot.waitUntil(lambda: ui_settings.value("lists/member/header") is not None)
    qtbot.waitUntil(
        lambda: (
            page.table.horizontalHeader().saveState() == ui_settings.value("lists/member/header")
        )
    )
    again = without_home(make_window)(sqlite_ledger)
    other = open_page(qtbot, again, "members")
    assert other.table.horizontalHeader().sectionSize(phone) == 260  # …is kept
