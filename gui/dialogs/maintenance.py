"""Dialogs of the database's upkeep: picking a backup to restore, and the report of a check."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.common.messages import Message, current_language
from db.store.backup import SUFFIX, BackupFile

if TYPE_CHECKING:
    from db.queries.check import Finding


class BackupPickerDialog(QDialog):
    """The backups of a database, newest first; or another backup file chosen by hand.
    ``pick()`` returns the chosen file or None."""

    def __init__(
        self,
        backups: Sequence[BackupFile],
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backups = list(backups)
        self.folder = folder
        self.chosen: Path | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for backup in self.backups:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self._on_restore_clicked())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.backups)
        self.list.setVisible(bool(self.backups))
        if self.backups:
            self.list.setCurrentRow(0)

        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.other_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.clicked.connect(self._on_other_clicked)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(560, 380)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("恢复备份"))
        self.intro.setText(
            self.tr(
                "选择要恢复的备份。数据库现在的内容会先另存为一个备份，所以恢复之后仍可找回。\n"
                "备份文件夹：{folder}"
            ).format(folder=self.folder)
        )
        self.empty.setText(
            self.tr("这个文件夹里没有这个数据库的备份。可以选择其他位置的备份文件。")
        )
        for row, backup in enumerate(self.backups):
            self.list.item(row).setText(
                f"{backup.taken_at:%Y-%m-%d %H:%M:%S}    {self._reason(backup.path)}"
            )
        self.restore_button.setText(self.tr("恢复所选备份"))
        self.other_button.setText(self.tr("其他备份文件…"))
        self.cancel_button.setText(self.tr("取消"))

    def _reason(self, path: Path) -> str:
        name = path.name
        if "before-restore" in name:
            return self.tr("恢复前自动另存")
        if "before-upgrade" in name:
            return self.tr("升级前自动备份")
        if "-auto" in name:
            return self.tr("自动备份")
        if "-manual" in name:
            return self.tr("手动备份")
        return ""

    @Slot()
    def _on_restore_clicked(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    @Slot()
    def _on_other_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择备份文件"),
            str(self.folder),
            self.tr("台账备份 (*{suffix});;所有文件 (*)").format(suffix=SUFFIX),
        )
        if path:
            self.chosen = Path(path)
            self.accept()

    def pick(self) -> Path | None:
        self.chosen = None
        self.exec()
        return self.chosen


class CheckReportDialog(QDialog):
    """What a database check found, one line per finding, with its summary on top."""

    def __init__(
        self,
        findings: Sequence[Finding],
        summary: Message,
        backup: Path | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.findings = list(findings)
        self.summary_message = summary
        self.backup = backup
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("checkSummary")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setVisible(bool(self.findings))
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        self.backup_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.backup_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate_ui()
        if self.findings:
            self.resize(680, 440)
        else:
            self.adjustSize()

    def retranslate_ui(self) -> None:
        lang = current_language()
        self.setWindowTitle(self.tr("检查数据库"))
        self.summary.setText(self.summary_message.text(lang))
        self.list.clear()
        for finding in self.findings:
            self.list.addItem(finding.text(lang))
        self.backup_label.setText(
            self.tr("检查前已备份到：{path}").format(path=self.backup) if self.backup else ""
        )
        self.backup_label.setVisible(self.backup is not None)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("关闭"))
