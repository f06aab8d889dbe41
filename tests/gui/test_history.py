"""The page 操作记录 (gui/pages/history.py) and the operator's name it shows: asked once on a ledger
without one (gui/dialogs/operator.py), each entry naming its record, columns fitting either language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from db.services import settings
from db.store.ledger import Ledger
from db.store.models import ChangeLog
from gui.dialogs.operator import OperatorDialog
from gui.pages.history import HistoryPage
from tests.conftest import add_member
from tests.gui.conftest import WindowFactory
from tests.gui.test_shell import type_text


def test_the_operator_is_asked_once_and_named_in_the_history(
    qtbot: Any,
    make_window: WindowFactory,
    sqlite_ledger: Ledger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sqlite_ledger.operator = ""  # no name set: the history would say "?"
    asked: list[OperatorDialog] = []

    def exec_(dialog: OperatorDialog) -> int:
        asked.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not dialog.ok_button.isEnabled()
        type_text(qtbot, dialog.name_edit, "李明")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(OperatorDialog, "exec", exec_)
    window = make_window(sqlite_ledger)
    assert window.ask_operator_if_missing()
    assert settings.get(sqlite_ledger, "operator") == "李明"
    member_id = add_member(sqlite_ledger, "王建国")
    assert ChangeLog.get(ChangeLog.record_id == member_id).operator == "李明"
    assert not window.ask_operator_if_missing()  # given: not asked again
    assert len(asked) == 1


def test_each_entry_names_its_record_and_the_columns_fit_in_english(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    add_member(sqlite_ledger, "王建国")
    window = make_window(sqlite_ledger)
    window.show_page("history")
    page = window.current_page()
    assert isinstance(page, HistoryPage)
    column = page.model.column_of("summary")
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == "记录"
    row = next(r for r in range(page.model.rowCount()) if page.model.text(r, "kind") == "成员")
    assert page.model.text(row, "summary") == "王建国"
    page.table.selectRow(row)
    assert "新建了成员：王建国" in page.detail_title.text()

    window.set_language("en")
    header = page.table.horizontalHeader()
    metrics = header.fontMetrics()
    for section in range(header.count()):
        text = page.model.headerData(section, Qt.Orientation.Horizontal)
        assert header.sectionSize(section) >= metrics.horizontalAdvance(text), text
    assert page.model.text(row, "summary") == "王建国"
    window.set_language("zh")


def test_a_setting_change_is_named_as_the_user_knows_it_in_either_language(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    settings.put(sqlite_ledger, "colophon", {"copy_to": "市委组织部", "issuer": "工作组"})
    window = make_window(sqlite_ledger)
    window.show_page("history")
    page = window.current_page()
    assert isinstance(page, HistoryPage)
    row = next(r for r in range(page.model.rowCount()) if page.model.text(r, "kind") == "设置")
    assert page.model.text(row, "summary") == "版记"
    page.table.selectRow(row)
    assert "设置：版记" in page.detail_title.text()
    assert page.detail.item(0, 0).text() == "版记"
    window.set_language("en")
    assert page.model.text(row, "summary") == "Colophon"
    window.set_language("zh")


def test_every_setting_has_a_name() -> None:
    assert set(settings.NAMES) == set(settings.DEFAULTS)


def test_a_fresh_ledger_asks_the_name_in_its_welcome_flow_only(
    make_window: WindowFactory, new_ledger: Ledger, operator_dialogs: list[Any]
) -> None:
    """Seen under X: on a new file the name's dialog opened over the welcome flow, whose first step
    asks for the same name."""
    new_ledger.operator = ""
    window = make_window(new_ledger)
    assert window.welcome is not None and window.current_page() is window.welcome
    assert not window.ask_operator_if_missing()
    assert operator_dialogs == []
