"""The one way the window asks where to write a file and says where it went: the dialog starts in
the last folder used (else the user's Documents) with a name suggested; after an export, a small
window offers 打开文件 and 打开所在文件夹.

Qt's own Chinese (qtbase_zh_CN, loaded by gui.app.Translations) lacks two labels of its file dialog;
``QtGaps`` supplies them, so that the dialog is all Chinese in the Chinese interface.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    QStandardPaths,
    Qt,
    QTranslator,
    QUrl,
    Slot,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

LAST_FOLDER_KEY = "files/last_folder"


class QtGaps(QTranslator):
    """The Chinese of the file dialog's labels that Qt's own translation leaves in English."""

    TEXTS = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }

    def translate(  # noqa: D102 - Qt's virtual
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.TEXTS.get((context, source))  # None: not ours, the next translator answers

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_folder(settings: QSettings | None) -> Path:
    """The folder the user last wrote a file to, while it exists; else Documents."""
    last = str(settings.value(LAST_FOLDER_KEY, "") or "") if settings is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def ask_save_path(
    parent: QWidget | None,
    settings: QSettings | None,
    title: str,
    name: str,
    filters: Sequence[tuple[str, str]],
) -> Path | None:
    """Ask where to write ``name``; ``filters`` are (suffix, filter text), the first suggested.
    The path ends with the chosen filter's suffix (added when the typed name has none of them);
    None when the user cancels. The folder is remembered for the next file."""
    suffixes = [suffix for suffix, _text in filters]
    texts = [text for _suffix, text in filters]
    start = start_folder(settings) / f"{name}.{suffixes[0]}"
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, str(start), ";;".join(texts), texts[0]
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower().lstrip(".") not in suffixes:
        suffix = suffixes[texts.index(chosen)] if chosen in texts else suffixes[0]
        target = target.with_name(f"{target.name}.{suffix}")
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(target.parent))
    return target


class ExportedBox(QMessageBox):
    """Where the file went, with 打开文件 and 打开所在文件夹. Not modal: work goes on beside it."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("exportedBox")
        self.setIcon(QMessageBox.Icon.Information)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setWindowTitle(QCoreApplication.translate("ExportedBox", "导出完成"))
        self.setText(QCoreApplication.translate("ExportedBox", "文件已导出："))
        self.setInformativeText(str(path))
        self.open_file_button = self.addButton(
            QCoreApplication.translate("ExportedBox", "打开文件"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        self.open_folder_button = self.addButton(
            QCoreApplication.translate("ExportedBox", "打开所在文件夹"),
            QMessageBox.ButtonRole.ActionRole,
        )
        self.close_button = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.open_file_button)
        self.setEscapeButton(self.close_button)
        self.buttonClicked.connect(self._on_button_clicked)

    @Slot(QAbstractButton)
    def _on_button_clicked(self, button: QAbstractButton) -> None:
        if button is self.open_file_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        elif button is self.open_folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))


def show_exported(parent: QWidget | None, path: Path) -> ExportedBox:
    """After an export: the offer to open the file or its folder."""
    box = ExportedBox(path, parent)
    box.show()
    return box


__all__ = [
    "LAST_FOLDER_KEY",
    "ExportedBox",
    "QtGaps",
    "ask_save_path",
    "documents_folder",
    "show_exported",
    "start_folder",
]
