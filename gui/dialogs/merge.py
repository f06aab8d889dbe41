"""文件 → 合并工作组文件…: another ledger file — a group's own, kept offline on its laptop — merged
into the open database by identity (db.exchange.merge). The file is read and a trial merge shows
what would be added, updated and deleted, and which records were changed on both sides; for each
of those the user picks 保留本库 or 采用来源 (or leaves it for a later merge), then 合并 writes it all
in one transaction, off the GUI thread — what `main.py merge` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.common.messages import current_language
from db.exchange.merge import SOURCE, TARGET, Conflict, MergeResult, merge_file
from db.store.ledger import Ledger
from gui import worker
from gui.dialogs import files
from gui.operations import ALL_KINDS, Operations, describe_problem, is_user_problem
from gui.widgets import BusyIndicator, ErrorLabel

LATER, KEEP, TAKE = 0, 1, 2  # the choices of a conflict's box, in order


class MergeDialog(QDialog):
    """See the module docstring. ``merged(result)`` after a merge was written."""

    merged = Signal(object)

    def __init__(
        self,
        ledger: Ledger,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        settings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.ledger = ledger
        self.operations = operations
        self.settings = settings
        self.source: Path | None = None
        self.trial: MergeResult | None = None  # what a merge would do, as last read
        self.result: MergeResult | None = None  # what the last merge did
        self._busy = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.file_label = QLabel()
        self.file_label.setObjectName("mergeFile")
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("mergeChoose")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)

        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.conflicts_label = QLabel()
        self.conflicts_label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("mergeConflicts")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.keep_all_button = QPushButton()
        self.keep_all_button.setObjectName("mergeKeepAll")
        self.keep_all_button.clicked.connect(lambda: self._choose_all(KEEP))
        self.take_all_button = QPushButton()
        self.take_all_button.setObjectName("mergeTakeAll")
        self.take_all_button.clicked.connect(lambda: self._choose_all(TAKE))
        all_row = QHBoxLayout()
        all_row.addWidget(self.conflicts_label, 1)
        all_row.addWidget(self.keep_all_button)
        all_row.addWidget(self.take_all_button)

        self.error = ErrorLabel()
        self.error.setObjectName("mergeError")
        self.busy = BusyIndicator()
        self.merge_button = QPushButton()
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.close_button = QPushButton()
        self.close_button.setObjectName("mergeClose")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addStretch()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addLayout(all_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(760, 480)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("合并工作组文件"))
        self.intro.setText(
            self.tr(
                "把一个工作组自己的台账文件（例如在笔记本上离线记录的）合并到当前打开的数据库："
                "按记录身份合并，新记录加入，只在一方改过的记录取新版本，两边都改过的由您选择；"
                "删除的记录进回收站，历史记录一并带入。同一文件再合并一次不会重复写入。"
            )
        )
        self.choose_button.setText(self.tr("选择文件…"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("冲突的记录"), self.tr("本库与来源的不同"), self.tr("以哪边为准")]
        )
        self.keep_all_button.setText(self.tr("全部保留本库"))
        self.take_all_button.setText(self.tr("全部采用来源"))
        self.merge_button.setText(self.tr("合并"))
        self.close_button.setText(self.tr("关闭"))
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 2)
            if isinstance(box, QComboBox):
                self._fill_choice_box(box)
        self._show()

    # -- the file ------------------------------------------------------------------------------------
    @Slot()
    def _on_choose_button_clicked(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("选择要合并的工作组文件"),
            str(files.start_folder(self.settings)),
            self.tr("台账文件 (*.sqlite3 *.sqlite *.db);;所有文件 (*)"),
        )
        if path:
            self.read(Path(path))

    def read(self, source: Path) -> worker.Task:
        """A trial merge of ``source`` in the pool: what a merge would do, shown when it is known."""
        self.source = source
        self.trial = None
        self.result = None
        self._set_busy(self.tr("正在读取……"))
        ledger = self.ledger
        return worker.start(
            lambda: merge_file(ledger, source, dry_run=True, into_current=True),
            ledger=ledger,
            owner=self,
            on_finished=self._on_read,
            on_failed=self._on_failed,
        )

    def _on_read(self, trial: MergeResult) -> None:
        self._set_busy(None)
        self.trial = trial
        self._fill_conflicts(trial.conflicts)
        self._show()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(None)
        if not is_user_problem(exc):
            raise exc  # a bug: to the error hook
        self.trial = None
        self._fill_conflicts([])
        self._show()
        self.error.show_messages([describe_problem(exc)])

    # -- the conflicts -------------------------------------------------------------------------------
    def _fill_conflicts(self, conflicts: list[Conflict]) -> None:
        lang = current_language()
        self.table.setRowCount(len(conflicts))
        for row, conflict in enumerate(conflicts):
            _head, *differences = conflict.lines(lang)
            what = QTableWidgetItem(conflict.title(lang))
            what.setData(Qt.ItemDataRole.UserRole, str(conflict.record_id))
            self.table.setItem(row, 0, what)
            self.table.setItem(row, 1, QTableWidgetItem("\n".join(d.strip() for d in differences)))
            box = QComboBox()
            box.setObjectName(f"mergeChoice_{conflict.record_id}")
            self._fill_choice_box(box)
            self.table.setCellWidget(row, 2, box)
        self.table.resizeRowsToContents()

    def _fill_choice_box(self, box: QComboBox) -> None:
        index = max(box.currentIndex(), 0)
        box.clear()
        box.addItems([self.tr("以后再定"), self.tr("保留本库"), self.tr("采用来源")])
        box.setCurrentIndex(index)

    def _choose_all(self, choice: int) -> None:
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 2)
            if isinstance(box, QComboBox):
                box.setCurrentIndex(choice)

    def choose(self, record_id: Any, choice: int) -> None:
        """Set one conflict's choice (LATER, KEEP or TAKE), as its box does."""
        box = self.table.findChild(QComboBox, f"mergeChoice_{record_id}")
        if box is not None:
            box.setCurrentIndex(choice)

    def resolutions(self) -> dict[str, str]:
        chosen: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 2)
            record_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if isinstance(box, QComboBox) and box.currentIndex() in (KEEP, TAKE):
                chosen[record_id] = TARGET if box.currentIndex() == KEEP else SOURCE
        return chosen

    # -- merging -------------------------------------------------------------------------------------
    @Slot()
    def _on_merge_button_clicked(self) -> None:
        self.merge()

    def merge(self) -> worker.Task | None:
        """Write the merge with the choices made, in the pool; ``merged`` when done."""
        if self.source is None or self.trial is None or self._busy:
            return None
        source, ledger, choices = self.source, self.ledger, self.resolutions()
        self._set_busy(self.tr("正在合并……"))
        return self.operations.run_in_background(
            lambda: merge_file(ledger, source, resolutions=choices, into_current=True),
            kind=ALL_KINDS,
            description=self.tr("已合并工作组文件 {path}").format(path=source),
            on_done=self._on_merged,
            on_problem=lambda _exc: self._set_busy(None),
        )

    def _on_merged(self, result: MergeResult) -> None:
        self._set_busy(None)
        self.result = result
        # What is left: the conflicts not decided yet, for a later merge.
        self.trial = MergeResult(result.source, result.group_id, applied=False)
        self.trial.conflicts = list(result.conflicts)
        self._fill_conflicts(result.conflicts)
        self._show()
        self.merged.emit(result)

    # -- showing -------------------------------------------------------------------------------------
    def _set_busy(self, text: str | None) -> None:
        self._busy = text is not None
        if text is None:
            self.busy.stop()
        else:
            self.error.clear()
            self.busy.start(text)
        self._show()

    def _show(self) -> None:
        lang = current_language()
        self.file_label.setText(
            str(self.source) if self.source is not None else self.tr("（尚未选择文件）")
        )
        if self.result is not None:
            text = self.result.summary().text(lang)
        elif self.trial is not None:
            text = self.trial.summary().text(lang)
        else:
            text = ""
        self.summary.setText(text)
        count = self.table.rowCount()
        self.conflicts_label.setText(
            self.tr(
                "以下 {count} 条记录在上次合并后两边都改过（或一边删除、一边修改）："
                "请逐条选择以哪边为准；选“以后再定”的这次不合并。"
            ).format(count=count)
            if count
            else ""
        )
        for widget in (self.conflicts_label, self.keep_all_button, self.take_all_button):
            widget.setVisible(count > 0)
        self.table.setVisible(count > 0)
        pending = self.trial is not None and (
            (self.result is None and (self.trial.changed or self.trial.conflicts))
            or (self.result is not None and bool(self.trial.conflicts))
        )
        self.merge_button.setEnabled(bool(pending) and not self._busy)
        self.choose_button.setEnabled(not self._busy)


def open_merge_dialog(
    parent: QWidget, ledger: Ledger, operations: Operations, settings: Any = None
) -> MergeDialog:
    """Show the dialog (not modal: the window stays usable) and ask for the file at once."""
    dialog = MergeDialog(ledger, operations, parent, settings=settings)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog._on_choose_button_clicked()
    return dialog
