"""gui/dialogs/files.py: the file dialogs in Chinese, starting in the last folder used (else
Documents) with a name suggested; after an export, the offer to open the file or its folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from gui.app import Translations
from gui.dialogs import files
from tests.gui.conftest import FileDialogs


def dialog_labels(lang: str, translations: Translations, qtbot: Any) -> list[str]:
    translations.apply(lang)
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    return sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())


def test_qts_own_file_dialog_is_chinese_in_the_chinese_interface(
    qtbot: Any, translations: Translations
) -> None:
    assert dialog_labels("zh", translations, qtbot) == [
        "文件名称(&N)：",
        "文件类型(&T)：",
        "查找范围(&L)：",
    ]
    # In English the Chinese of Qt's dialog goes with the rest (the labels themselves are not
    # compared: a translator another test installed may still be there).
    translations.apply("en")
    assert not any(isinstance(t, files.QtGaps) for t in translations._installed)


def test_save_starts_in_documents_then_in_the_last_folder_used(
    ui_settings: QSettings, file_dialogs: FileDialogs, tmp_path: Path
) -> None:
    filters = [("docx", "Word 文档 (*.docx)"), ("pdf", "PDF 文件 (*.pdf)")]
    file_dialogs.paths = [str(tmp_path / "第一份")]
    first = files.ask_save_path(None, ui_settings, "导出", "2025年第3期信息动态", filters)
    assert file_dialogs.starts == [str(files.documents_folder() / "2025年第3期信息动态.docx")]
    assert first == tmp_path / "第一份.docx"  # the suffix of the filter, added

    file_dialogs.paths = [str(tmp_path / "第二份.pdf")]
    second = files.ask_save_path(None, ui_settings, "导出", "2025年度工作情况汇总", filters)
    assert file_dialogs.starts[1] == str(tmp_path / "2025年度工作情况汇总.docx")
    assert second == tmp_path / "第二份.pdf"

    file_dialogs.paths = []  # cancelled
    assert files.ask_save_path(None, ui_settings, "导出", "x", filters) is None


def test_after_an_export_the_file_or_its_folder_opens(
    qtbot: Any, file_dialogs: FileDialogs, tmp_path: Path, translations: Translations
) -> None:
    written = tmp_path / "2025年第3期信息动态.docx"
    written.write_bytes(b"")
    for button, opened in (("open_file_button", written), ("open_folder_button", tmp_path)):
        box = files.ExportedBox(written)
        qtbot.addWidget(box)
        box.show()
        assert str(written) in box.informativeText()
        assert (box.open_file_button.text(), box.open_folder_button.text()) == (
            "打开文件",
            "打开所在文件夹",
        )
        qtbot.mouseClick(getattr(box, button), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda b=box: not b.isVisible())
        assert file_dialogs.opened[-1] == str(opened)
