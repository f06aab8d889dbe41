"""Fixtures for the window's tests: a main window on a ledger, with message boxes and file dialogs
replaced (they would wait for a click), and the language put back to Chinese afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from db.store.database import open_database
from db.store.ledger import Ledger
from gui import worker
from gui.app import Translations, make_application
from gui.dialogs import files
from gui.dialogs.operator import OperatorDialog
from gui.main_window import MainWindow
from gui.operations import Operations
from gui.pages import PageEntry


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns whenever a window's size limits change, and when a popup (a
    # member picker's offers) would raise itself or grab the keyboard; it says nothing about the
    # program, so the window's tests let it pass (other Qt warnings still fail them).
    here = Path(__file__).parent
    offscreen = (
        "propagateSizeHints",
        r"does not support raise\(\)",
        "does not support grabbing the keyboard",
    )
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(*offscreen, extend=True))


@dataclass
class Boxes:
    """What message boxes were shown; ``answer`` is what question() returns."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


@dataclass
class FileDialogs:
    """Paths the file dialogs return, in order; empty: the user cancelled."""

    paths: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    starts: list[str] = field(default_factory=list)  # the folder or path each dialog started at
    exported: list[Path] = field(default_factory=list)  # files offered to open after an export
    opened: list[str] = field(default_factory=list)  # what was handed to the desktop to open

    def next(self, kind: str, start: Any = "") -> str:
        self.asked.append(kind)
        self.starts.append(str(start))
        return self.paths.pop(0) if self.paths else ""


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    return make_application()


@pytest.fixture
def translations(app: QApplication) -> Iterator[Translations]:
    translations = Translations(app)
    translations.apply("zh")
    yield translations
    translations.apply("zh")


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    record = Boxes()

    def recorder(kind: str, result: Any) -> Callable[..., Any]:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            record.shown.append((kind, title, text))
            return record.answer if result is None else result

        return show

    ok = QMessageBox.StandardButton.Ok
    monkeypatch.setattr(QMessageBox, "warning", recorder("warning", ok))
    monkeypatch.setattr(QMessageBox, "critical", recorder("critical", ok))
    monkeypatch.setattr(QMessageBox, "information", recorder("information", ok))
    monkeypatch.setattr(QMessageBox, "question", recorder("question", None))
    monkeypatch.setattr(QMessageBox, "about", recorder("about", None))
    return record


@pytest.fixture(autouse=True)
def file_dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    record = FileDialogs()

    def start(args: tuple[Any, ...]) -> Any:
        return args[2] if len(args) > 2 else ""

    def open_url(url: QUrl) -> bool:
        record.opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (record.next("open", start(a)), "")
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (record.next("save", start(a)), "")
    )
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", lambda *a, **k: record.next("folder", start(a))
    )
    # The offer to open an exported file is a window of its own (tests/gui/test_files.py shows
    # it); elsewhere it is only recorded. Nothing is ever handed to the desktop.
    monkeypatch.setattr(files, "show_exported", lambda _parent, path: record.exported.append(path))
    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return record


@pytest.fixture(autouse=True)
def operator_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The dialog asking for the operator's name (a ledger without one) would wait for an answer:
    it is recorded and answered 以后再说. tests/gui/test_history.py answers it itself."""
    asked: list[Any] = []

    def exec_(dialog: OperatorDialog) -> int:
        asked.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(OperatorDialog, "exec", exec_)
    return asked


@pytest.fixture(autouse=True)
def _no_work_left() -> Iterator[None]:
    yield
    # Background work must end before the test's ledger is closed.
    assert worker.wait_for_all(10_000)


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def new_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A migrated ledger without a work group (the first run)."""
    ledger = open_database(tmp_path / "new.sqlite3")
    ledger.operator = "测试员"
    try:
        yield ledger
    finally:
        ledger.close()


@dataclass
class WindowFactory:
    qtbot: Any
    settings: QSettings
    translations: Translations
    windows: list[MainWindow] = field(default_factory=list)

    def __call__(self, ledger: Ledger, entries: list[PageEntry] | None = None) -> MainWindow:
        operations = Operations(ledger)
        window = MainWindow(
            ledger,
            operations,
            self.settings,
            set_language=self.translations.apply,
            entries=entries,
        )
        self.qtbot.addWidget(window)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        self.windows.append(window)
        return window


@pytest.fixture
def make_window(
    qtbot: Any, ui_settings: QSettings, translations: Translations
) -> Iterator[WindowFactory]:
    factory = WindowFactory(qtbot, ui_settings, translations)
    yield factory
    # Close the windows and let their background work end before the test's ledger closes:
    # the models' database is one per process, so late work would query the next test's file.
    for window in factory.windows:
        window.close()
    worker.wait_for_all()
    QApplication.processEvents()
