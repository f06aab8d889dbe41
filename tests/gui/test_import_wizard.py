"""File → 导入台账… and 导出台账…: a clean exported ledger imports into an empty database; a bad
file lists its problems by sheet, row and column and writes nothing; the clean rows alone on request;
the export dialog writes what it was asked for."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton

from db.exchange import demo, ledgers
from db.queries.lists import Filters
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import Member, StudySession, Survey
from gui.dialogs.export_ledger import ExportLedgerDialog, export_ledger_dialog
from gui.dialogs.import_wizard import ImportWizard
from gui.main_window import MainWindow
from gui.operations import ALL_KINDS, Operations
from gui.pages.base import PageContext
from tests.conftest import add_member
from tests.gui.conftest import Boxes, FileDialogs, WindowFactory
from tests.gui.test_shell import click

TODAY = datetime.date(2025, 7, 3)
SURVEY_HEADERS = ledgers.SURVEYS.headers


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The demo year's whole ledger as exported by the program, and its counts."""
    folder = tmp_path_factory.mktemp("demo_export")
    ledger = open_database(folder / "demo.sqlite3")
    ledger.operator = "测试员"
    try:
        demo.fill(ledger, 2025, today=TODAY)
        path = ledgers.export_ledger(ledger, folder / "ledger.xlsx")
        counts = {
            "members": Member.select().count(),
            "sessions": StudySession.select().count(),
            "surveys": Survey.select().count(),
        }
    finally:
        ledger.close()
    return path, counts


def tick(qtbot: Any, box: QAbstractButton) -> None:
    """Click a check box or radio button on its indicator (its cell may be wider than its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def open_wizard(qtbot: Any, window: MainWindow) -> ImportWizard:
    window.import_action.trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)
    return wizard


def choose(qtbot: Any, wizard: ImportWizard, files: FileDialogs, path: Path) -> None:
    files.paths = [str(path)]
    with qtbot.waitSignal(wizard.previewed, timeout=60_000):
        click(qtbot, wizard.choose_button)


def problem_rows(wizard: ImportWizard) -> list[tuple[str, ...]]:
    table = wizard.problems
    return [
        tuple(table.item(row, column).text() for column in range(4))
        for row in range(table.rowCount())
    ]


def test_a_clean_exported_ledger_imports_into_an_empty_database(
    qtbot: Any,
    make_window: WindowFactory,
    new_ledger: Ledger,
    file_dialogs: FileDialogs,
    demo_export: tuple[Path, dict[str, int]],
) -> None:
    path, counts = demo_export
    window = make_window(new_ledger)
    assert window.welcome is not None
    wizard = open_wizard(qtbot, window)
    choose(qtbot, wizard, file_dialogs, path)
    assert wizard.problems.rowCount() == 0
    assert wizard.import_all_button.isEnabled()
    assert not wizard.import_clean_button.isEnabled()
    titles = [wizard.sheets.item(row, 0).text() for row in range(wizard.sheets.rowCount())]
    assert "调研走访" in titles
    surveys_row = titles.index("调研走访")
    assert wizard.sheets.item(surveys_row, 1).text() == str(counts["surveys"])
    assert Member.select().count() == 0  # a preview writes nothing

    changed: list[str] = []
    window.operations.records_changed.connect(changed.append)
    with qtbot.waitSignal(wizard.imported, timeout=120_000):
        click(qtbot, wizard.import_all_button)
    assert Member.select().count() == counts["members"]
    assert StudySession.select().count() == counts["sessions"]
    assert Survey.select().count() == counts["surveys"]
    assert ALL_KINDS in changed
    assert "新建" in wizard.verdict.text() or "已导入" in wizard.verdict.text()
    assert not wizard.import_all_button.isEnabled()
    # The window leaves the welcome page for the imported group.
    assert window.welcome is None
    qtbot.waitUntil(window.navigation.isVisible)


def write_surveys_csv(path: Path, rows: list[list[str]]) -> Path:
    lines = [",".join(SURVEY_HEADERS)]
    for row in rows:
        cells = row + [""] * (len(SURVEY_HEADERS) - len(row))
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


@pytest.fixture
def group_window(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> Iterator[MainWindow]:
    add_member(sqlite_ledger, "张三")
    add_member(sqlite_ledger, "李四")
    yield make_window(sqlite_ledger)


def bad_file(tmp_path: Path) -> Path:
    return write_surveys_csv(
        tmp_path / "surveys.csv",
        [
            ["2025-03-04", "企业调研", "张三", "甲公司"],
            ["2025-13-40", "企业调研", "李四", "乙公司"],
            ["2025-03-06", "企业调研", "王五", "丙公司"],
            ["2025-03-07", "实践调研", "张三、李四", "丁公司"],
        ],
    )


def test_a_bad_file_lists_its_problems_and_writes_nothing(
    qtbot: Any, group_window: MainWindow, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, group_window)
    choose(qtbot, wizard, file_dialogs, bad_file(tmp_path))
    rows = problem_rows(wizard)
    assert len(rows) == 2
    sheet, row, column, text = rows[0]
    assert (row, column) == ("3", "调研日期")
    assert text
    assert rows[1][1:3] == ("4", "参加人员") and "王五" in rows[1][3]
    assert not wizard.import_all_button.isEnabled()
    assert wizard.import_clean_button.isEnabled()
    assert "2 个问题" in wizard.verdict.text()
    click(qtbot, wizard.cancel_button)
    assert not wizard.isVisible()
    assert Survey.select().count() == 0


def test_clean_only_imports_the_good_rows(
    qtbot: Any, group_window: MainWindow, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, group_window)
    choose(qtbot, wizard, file_dialogs, bad_file(tmp_path))
    with qtbot.waitSignal(wizard.imported, timeout=60_000):
        click(qtbot, wizard.import_clean_button)
    visited = sorted(s.visited for s in Survey.select())
    assert visited == ["丁公司", "甲公司"]
    assert "新建 2 条" in wizard.verdict.text()


def test_rows_already_in_the_ledger_are_listed_and_not_imported_again(
    qtbot: Any, group_window: MainWindow, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    """The clean rows imported, the same file again: the wizard says which rows it recognised, and
    a third import of the file with one new row writes that row alone."""
    wizard = open_wizard(qtbot, group_window)
    path = bad_file(tmp_path)
    choose(qtbot, wizard, file_dialogs, path)
    with qtbot.waitSignal(wizard.imported, timeout=60_000):
        click(qtbot, wizard.import_clean_button)
    click(qtbot, wizard.cancel_button)
    qtbot.waitUntil(lambda: group_window.findChild(ImportWizard) is None)  # closed and deleted

    wizard = open_wizard(qtbot, group_window)
    choose(qtbot, wizard, file_dialogs, path)
    assert wizard.same_label.isVisible()
    assert wizard.same_label.text() == "2 行与台账中已有记录相同，已跳过：\nsurveys 第 2、5 行"
    assert wizard.sheets.horizontalHeaderItem(3).text() == "已有相同记录"
    assert [wizard.sheets.item(0, c).text() for c in range(1, 5)] == ["0", "0", "2", "2"]
    assert not wizard.import_clean_button.isEnabled()  # nothing new to import
    click(qtbot, wizard.cancel_button)
    qtbot.waitUntil(lambda: group_window.findChild(ImportWizard) is None)  # closed and deleted

    more = write_surveys_csv(
        tmp_path / "more.csv",
        [
            ["2025-03-04", "企业调研", "张三", "甲公司"],
            ["2025-03-08", "企业调研", "李四", "戊公司"],
        ],
    )
    wizard = open_wizard(qtbot, group_window)
    choose(qtbot, wizard, file_dialogs, more)
    assert wizard.same_label.text() == "1 行与台账中已有记录相同，已跳过：\nmore 第 2 行"
    with qtbot.waitSignal(wizard.imported, timeout=60_000):
        click(qtbot, wizard.import_all_button)
    assert sorted(s.visited for s in Survey.select()) == ["丁公司", "戊公司", "甲公司"]


def test_an_unreadable_file_is_refused_with_one_line(
    qtbot: Any, group_window: MainWindow, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    fake = tmp_path / "not.xlsx"
    fake.write_text("这不是表格", encoding="utf-8")
    wizard = open_wizard(qtbot, group_window)
    choose(qtbot, wizard, file_dialogs, fake)
    assert wizard.problems.rowCount() == 1
    assert "无法导入" in wizard.verdict.text()
    assert not wizard.import_all_button.isEnabled()
    assert not wizard.import_clean_button.isEnabled()


# -- export ledger -------------------------------------------------------------------------------


@pytest.fixture
def demo_ledger(demo_export: tuple[Path, dict[str, int]], tmp_path: Path) -> Iterator[Ledger]:
    source = demo_export[0].parent / "demo.sqlite3"
    path = tmp_path / "demo.sqlite3"
    shutil.copy(source, path)
    ledger = open_database(path, backup=False)
    try:
        yield ledger
    finally:
        ledger.close()


def test_export_ledger_from_the_file_menu_writes_the_chosen_kinds_and_range(
    qtbot: Any,
    make_window: WindowFactory,
    demo_ledger: Ledger,
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    window = make_window(demo_ledger)
    window.export_ledger_action.trigger()
    dialog = window.findChild(ExportLedgerDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    click(qtbot, dialog.none_button)
    assert not dialog.export_button.isEnabled()
    tick(qtbot, dialog.kind_checks["surveys"])
    tick(qtbot, dialog.kind_checks["members"])
    tick(qtbot, dialog.format_buttons["csv"])
    assert (dialog.kinds(), dialog.fmt()) == (["members", "surveys"], "csv")
    assert not dialog.export_button.isEnabled()  # CSV takes one kind
    assert "CSV" in dialog.error.text()
    tick(qtbot, dialog.format_buttons["xlsx"])
    tick(qtbot, dialog.range_check)
    dialog.date_from.setDate(datetime.date(2025, 3, 1))
    dialog.date_to.setDate(datetime.date(2025, 3, 31))
    file_dialogs.paths = [str(tmp_path / "march")]
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        click(qtbot, dialog.export_button)
    assert file_dialogs.exported == [tmp_path / "march.xlsx"]  # offered to open
    workbook = openpyxl.load_workbook(tmp_path / "march.xlsx")
    assert workbook.sheetnames == ["成员", "调研走访"]
    sheet = workbook["调研走访"]
    dates = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    march = Survey.select().where(
        (Survey.date >= datetime.date(2025, 3, 1)) & (Survey.date <= datetime.date(2025, 3, 31))
    )
    assert len(dates) == march.count() > 0
    assert all(d.date().month == 3 for d in dates)


def test_export_ledger_of_every_kind_is_the_command_line_s_workbook(
    qtbot: Any,
    make_window: WindowFactory,
    demo_ledger: Ledger,
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    """Every kind checked: the same sheets and cells as `main.py export ledger`, the group's profile
    and its party small groups included."""
    window = make_window(demo_ledger)
    window.export_ledger_action.trigger()
    dialog = window.findChild(ExportLedgerDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.kind_checks["group"].text() == "工作组概况"
    assert dialog.kind_checks["party_groups"].text() == "党小组"
    assert all(check.isChecked() for check in dialog.kind_checks.values())
    last = dialog.kind_checks[list(dialog.kind_checks)[-1]]
    assert dialog.all_button.geometry().top() > last.geometry().bottom()  # not over a kind
    file_dialogs.paths = [str(tmp_path / "window")]
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        click(qtbot, dialog.export_button)
    command_line = ledgers.export_ledger(demo_ledger, tmp_path / "cli.xlsx")

    def cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
        workbook = openpyxl.load_workbook(path)
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}

    from_window = cells(tmp_path / "window.xlsx")
    assert list(from_window) == [s.title for s in ledgers.SHEETS]
    assert from_window["工作组概况"][1][0] == "商洛市赴南京市挂职工作组"
    assert len(from_window["党小组"]) == 1 + 5  # the header and the demo's five groups
    assert from_window == cells(command_line)


def test_a_list_page_opens_it_preset_to_its_kind_and_filter(
    qtbot: Any,
    demo_ledger: Ledger,
    ui_settings: QSettings,
    file_dialogs: FileDialogs,
    tmp_path: Path,
    boxes: Boxes,
) -> None:
    context = PageContext(
        ledger=demo_ledger, operations=Operations(demo_ledger), settings=ui_settings
    )
    filters = Filters(date_from=datetime.date(2025, 5, 1), date_to=datetime.date(2025, 5, 31))
    dialog = export_ledger_dialog(None, context, "survey", filters)
    # The window's dialog deletes itself once closed; here it stays for qtbot to close (else, when
    # Qt deletes it before the test's teardown, qtbot closes a deleted widget).
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    assert dialog.filter_check.isChecked()
    assert dialog.kinds() == ["surveys"]
    tick(qtbot, dialog.format_buttons["csv"])
    assert dialog.export_button.isEnabled()
    file_dialogs.paths = [str(tmp_path / "may.csv")]
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        click(qtbot, dialog.export_button)
    lines = (tmp_path / "may.csv").read_text(encoding="utf-8-sig").splitlines()
    may = Survey.select().where(
        (Survey.date >= datetime.date(2025, 5, 1)) & (Survey.date <= datetime.date(2025, 5, 31))
    )
    assert lines[0].split(",")[0] == "调研日期"
    assert len(lines) - 1 == may.count() > 0
