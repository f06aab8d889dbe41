"""The page 信息动态与报表 on a demo year: the month's figures and issue number in the preview, the
editor's text saved with the issue (a conflict keeps it), the exports read back, the print preview."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QDateTimeEdit

from db.common import clock
from db.documents.bulletin import overview_figures
from db.exchange import demo
from db.queries.statistics import month_stats
from db.services.bulletins import bulletins
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import BulletinIssue
from gui.operations import Operations
from gui.pages.base import PageContext
from gui.pages.bulletins import BulletinsPage, latest_month
from tests.gui.conftest import Boxes, FileDialogs
from tests.gui.test_shell import click, type_text

TODAY = datetime.date(2025, 7, 3)


@pytest.fixture(autouse=True)
def _today(_pinned_clock: datetime.date) -> None:
    clock.pin(TODAY)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo year, filled once for the module; each test works on its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    ledger = open_database(path)
    ledger.operator = "测试员"
    try:
        demo.fill(ledger, 2025, today=TODAY)
    finally:
        ledger.close()
    return path


@pytest.fixture
def demo_ledger(demo_file: Path, tmp_path: Path) -> Iterator[Ledger]:
    path = tmp_path / "ledger.sqlite3"
    shutil.copy(demo_file, path)
    ledger = open_database(path, backup=False)
    ledger.operator = "测试员"
    try:
        yield ledger
    finally:
        ledger.close()


def make_page(qtbot: Any, ledger: Ledger, settings: QSettings) -> BulletinsPage:
    context = PageContext(
        ledger=ledger,
        operations=Operations(ledger),
        settings=settings,
    )
    page = BulletinsPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    with qtbot.waitSignal(page.preview_ready, timeout=20_000):
        page.show()
    qtbot.waitUntil(lambda: not page.is_loading())
    return page


@pytest.fixture
def page(
    qtbot: Any, demo_ledger: Ledger, ui_settings: QSettings, translations: Any
) -> BulletinsPage:
    return make_page(qtbot, demo_ledger, ui_settings)


def go_to_previous_month(qtbot: Any, page: BulletinsPage) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=20_000):
        click(qtbot, page.previous_button)
    qtbot.waitUntil(lambda: not page.is_loading())


def preview_text(page: BulletinsPage) -> str:
    return page.bulletin_preview.toPlainText()


def test_opens_at_the_last_month_with_records_and_shows_its_issue_and_figures(
    qtbot: Any, page: BulletinsPage, demo_ledger: Ledger
) -> None:
    assert page.month() == latest_month(demo_ledger, TODAY) == (2025, 7)
    go_to_previous_month(qtbot, page)
    assert page.month() == (2025, 6)
    issue = bulletins.find(demo_ledger, 2025, 6)
    assert issue is not None
    assert page.issue_label.text() == f"第{issue.number}期"
    stats = month_stats(demo_ledger, 2025, 6, today=TODAY)
    text = preview_text(page)
    assert "6月份挂职工作情况" in text
    assert f"第{issue.number}期" in text
    assert f"调研走访{stats.surveys.count}次" in text
    assert overview_figures(stats).replace("\n", "") in text.replace("\n", "").replace("\u2028", "")
    assert page.overview_edit.toPlainText() == issue.overview_text


def test_typed_overview_is_previewed_and_saved_with_the_issue(
    qtbot: Any, page: BulletinsPage, demo_ledger: Ledger
) -> None:
    go_to_previous_month(qtbot, page)
    page.overview_edit.clear()
    type_text(qtbot, page.overview_edit, "本月重点抓好项目签约。")
    qtbot.waitUntil(lambda: "本月重点抓好项目签约。" in preview_text(page))
    assert page.save_button.isEnabled()
    click(qtbot, page.save_button)
    issue = bulletins.find(demo_ledger, 2025, 6)
    assert issue is not None and issue.overview_text == "本月重点抓好项目签约。"
    assert not page.save_button.isEnabled()
    # Ctrl+… on another month: the typed text of June stays saved, July's text is shown.
    go_to_previous_month(qtbot, page)
    assert page.month() == (2025, 5)
    may = bulletins.find(demo_ledger, 2025, 5)
    assert may is not None and page.overview_edit.toPlainText() == may.overview_text


def test_a_conflict_keeps_the_typed_text_and_the_next_save_wins(
    qtbot: Any, page: BulletinsPage, demo_ledger: Ledger, boxes: Boxes
) -> None:
    go_to_previous_month(qtbot, page)
    issue = bulletins.find(demo_ledger, 2025, 6)
    assert issue is not None
    # Another computer saves the issue's text meanwhile.
    bulletins.save_texts(demo_ledger, issue.id, "别处写的概述", "", issue.version)
    page.plan_edit.clear()
    type_text(qtbot, page.plan_edit, "下月召开集体学习交流会。")
    click(qtbot, page.save_button)
    assert boxes.texts("warning"), "the conflict is reported"
    assert BulletinIssue.get_by_id(issue.id).plan_text != "下月召开集体学习交流会。"
    assert page.plan_edit.toPlainText() == "下月召开集体学习交流会。"  # nothing lost
    click(qtbot, page.save_button)
    assert BulletinIssue.get_by_id(issue.id).plan_text == "下月召开集体学习交流会。"


def test_a_month_without_an_issue_is_not_numbered_until_saved(
    qtbot: Any, page: BulletinsPage, demo_ledger: Ledger
) -> None:
    before = BulletinIssue.select().count()
    with qtbot.waitSignal(page.preview_ready, timeout=20_000):
        page.month_edit.setFocus()
        page.month_edit.setCurrentSection(page.month_edit.Section.YearSection)
        qtbot.keyClick(page.month_edit, Qt.Key.Key_Up)  # 2026年7月
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.month() == (2026, 7)
    assert "保存或导出时编号" in page.issue_label.text()
    assert BulletinIssue.select().count() == before
    type_text(qtbot, page.overview_edit, "新的一年。")
    click(qtbot, page.save_button)
    issue = bulletins.find(demo_ledger, 2026, 7)
    assert issue is not None and issue.number == 1 and issue.overview_text == "新的一年。"
    assert page.issue_label.text() == "第1期"


def test_the_issue_date_is_typed_previewed_saved_and_exported(
    qtbot: Any,
    page: BulletinsPage,
    demo_ledger: Ledger,
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    go_to_previous_month(qtbot, page)
    issue = bulletins.find(demo_ledger, 2025, 6)
    assert issue is not None and issue.issue_date == datetime.date(2025, 7, 1)
    assert page.issue_date() == datetime.date(2025, 7, 1)  # the first working day after June
    assert "2025年7月1日" in preview_text(page)
    assert "2025年6月份挂职工作情况" in preview_text(page)
    with qtbot.waitSignal(page.preview_ready, timeout=20_000):
        page.issue_date_edit.setFocus()
        page.issue_date_edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
        qtbot.keyClicks(page.issue_date_edit, "2")
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.issue_date() == datetime.date(2025, 7, 2)
    assert "2025年7月2日" in preview_text(page)
    assert page.save_button.isEnabled() and "印发日期尚未保存" in page.texts_hint.text()
    assert bulletins.find(demo_ledger, 2025, 6).issue_date == datetime.date(2025, 7, 1)
    click(qtbot, page.save_button)
    assert bulletins.find(demo_ledger, 2025, 6).issue_date == datetime.date(2025, 7, 2)
    assert not page.save_button.isEnabled()
    # The export, on any later day, is dated as the issue is.
    clock.pin(datetime.date(2026, 3, 1))
    file_dialogs.paths = [str(tmp_path / "b.md")]
    click(qtbot, page.bulletin_buttons.markdown)
    markdown = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "挂职工作组编　　2025年7月2日" in markdown
    # The date cannot be set before the month the issue reports on.
    assert page.issue_date_edit.minimumDate() == QDate(2025, 6, 1)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_export_word_saves_the_text_first_and_marks_the_issue_produced(
    qtbot: Any,
    page: BulletinsPage,
    demo_ledger: Ledger,
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    go_to_previous_month(qtbot, page)
    page.overview_edit.clear()
    type_text(qtbot, page.overview_edit, "导出前写下的概述。")
    target = tmp_path / "bulletin"
    file_dialogs.paths = [str(target)]
    click(qtbot, page.bulletin_buttons.word)
    written = tmp_path / "bulletin.docx"
    assert written.exists()
    text = docx_text(written)
    assert "导出前写下的概述。" in text
    issue = bulletins.find(demo_ledger, 2025, 6)
    assert issue is not None
    assert issue.overview_text == "导出前写下的概述。" and issue.produced_at is not None
    assert f"第{issue.number}期" in text
    # The dialog suggested the issue's name (in Documents: no folder used yet), and once written
    # the file is offered to open.
    assert Path(file_dialogs.starts[0]).name == f"2025年第{issue.number}期挂职工作信息动态.docx"
    assert file_dialogs.exported == [written]
    # The page holds the issue's new version: a second save goes through without a conflict.
    type_text(qtbot, page.overview_edit, "再补一句。")
    click(qtbot, page.save_button)
    assert bulletins.find(demo_ledger, 2025, 6).overview_text.endswith("再补一句。")


def test_export_pdf_and_markdown(
    qtbot: Any, page: BulletinsPage, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    file_dialogs.paths = [str(tmp_path / "b.pdf"), str(tmp_path / "b.md")]
    click(qtbot, page.bulletin_buttons.pdf)
    click(qtbot, page.bulletin_buttons.markdown)
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    markdown = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "7月份挂职工作情况" in markdown


def test_print_preview_opens_over_the_bulletin(qtbot: Any, page: BulletinsPage) -> None:
    click(qtbot, page.bulletin_buttons.print_preview)
    dialog = page.findChild(QPrintPreviewDialog, "printPreview")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()


def test_year_summary_opens_on_the_latest_year_with_records(
    qtbot: Any, demo_ledger: Ledger, ui_settings: QSettings, translations: Any
) -> None:
    clock.pin(datetime.date(2026, 11, 18))  # the term was 2025; 2026 has no records
    page = make_page(qtbot, demo_ledger, ui_settings)
    qtbot.waitUntil(lambda: page.month() == (2025, 7))
    assert page.year_edit.value() == 2025
    with qtbot.waitSignal(page.preview_ready, timeout=30_000):
        page.tabs.setCurrentIndex(1)
    assert "2025年度工作情况汇总" in page.summary_preview.toPlainText()
    # A year the user picks stays picked when the page refreshes.
    with qtbot.waitSignal(page.preview_ready, timeout=30_000):
        page.year_edit.setValue(2026)
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.year_edit.value() == 2026


def test_year_summary_and_member_file_tabs_preview_and_export(
    qtbot: Any, page: BulletinsPage, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=30_000) as ready:
        page.tabs.setCurrentIndex(1)
    assert ready.args == ["summary"]
    assert "2025年度工作情况汇总" in page.summary_preview.toPlainText()
    file_dialogs.paths = [str(tmp_path / "summary.md")]
    click(qtbot, page.summary_buttons.markdown)
    assert "年度工作情况汇总" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert Path(file_dialogs.starts[-1]).name == "2025年度工作情况汇总.md"
    assert file_dialogs.exported == [tmp_path / "summary.md"]

    page.tabs.setCurrentIndex(2)
    assert not page.member_buttons.word.isEnabled()
    name = page.member_model.choices[0].name
    with qtbot.waitSignal(page.preview_ready, timeout=30_000):
        type_text(qtbot, page.member_picker, name)
        qtbot.keyClick(page.member_picker, Qt.Key.Key_Return)
    assert name in page.member_preview.toPlainText()
    file_dialogs.paths = [str(tmp_path / "member.docx")]
    click(qtbot, page.member_buttons.word)
    assert name in docx_text(tmp_path / "member.docx")
