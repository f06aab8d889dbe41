"""The user guide inside the program (F1): resources/help/guide_zh.html or guide_en.html, in the
language of the interface, shown in a window of its own beside the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from db.common.messages import DEFAULT_LANGUAGE, current_language

HELP_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "help"


def guide_path(lang: str) -> Path:
    """The guide of ``lang``; the Chinese one for a language without its own."""
    path = HELP_FOLDER / f"guide_{lang}.html"
    return path if path.is_file() else HELP_FOLDER / f"guide_{DEFAULT_LANGUAGE}.html"


class HelpDialog(QDialog):
    """Not modal: the secretary can read the guide and work in the window at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 720)
        self.language = ""
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("使用指南"))
        lang = current_language()
        if lang != self.language:
            self.language = lang
            self.browser.setSource(QUrl.fromLocalFile(str(guide_path(lang))))


__all__ = ["HelpDialog", "guide_path"]
