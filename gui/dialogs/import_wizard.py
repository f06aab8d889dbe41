"""导入台账: choose a .xlsx or .csv file, read the preview (what each sheet would create, update or
skip, and every problem by sheet, row and column), then import all of it — only when it is clean —
or only the clean rows. The checking and the writing are db.exchange.importer's, off the GUI thread; the
import goes through Operations, which tells every page to redraw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.common.messages import current_language
from db.exchange import importer
from db.store.ledger import Ledger
from gui import worker
from gui.dialogs import files
from gui.operations import ALL_KINDS, Operations, describe_problem, is_user_problem
from gui.widgets import BusyIndicator, error_color

FOLDER_KEY = "import/folder"


def _item(text: Any, *, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ImportWizard(QDialog):
    """See the module docstring. ``previewed`` and ``imported`` carry the ImportResult."""

    previewed = Signal(object)
    imported = Signal(object)

    def __init__(
        self,
        ledger: Ledger,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        settings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.ledger = ledger
        self.operations = operations
        self.settings = settings
        self.path: Path | None = None
        self.result_: importer.ImportResult | None = None
        self.committed: importer.ImportResult | None = None
        self._busy = False
        self._generation = 0

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.file_label = QLabel()
        self.file_line = QLineEdit()
        self.file_line.setObjectName("importFile")
        self.file_line.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("importChoose")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label)
        file_row.addWidget(self.file_line, 1)
        file_row.addWidget(self.choose_button)

        self.busy = BusyIndicator()
        self.verdict = QLabel()
        self.verdict.setObjectName("importVerdict")
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)

        self.sheets = QTableWidget(0, 5)
        self.sheets.setObjectName("importSheets")
        self.problems = QTableWidget(0, 4)
        self.problems.setObjectName("importProblems")
        for table in (self.sheets, self.problems):
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setAlternatingRowColors(True)
            table.setWordWrap(True)
        header = self.sheets.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header = self.problems.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("importProblemsLabel")
        # Rows whose records are already in the ledger: not problems, but the user is told which.
        self.same_label = QLabel()
        self.same_label.setObjectName("importSame")
        self.same_label.setWordWrap(True)
        self.same_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.same_label.setVisible(False)
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.same_label)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.sheets)
        splitter.addWidget(problems_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([150, 420])

        self.import_all_button = QPushButton()
        self.import_all_button.setObjectName("importAll")
        self.import_all_button.clicked.connect(lambda: self.start_import(clean_only=False))
        self.import_clean_button = QPushButton()
        self.import_clean_button.setObjectName("importClean")
        self.import_clean_button.clicked.connect(lambda: self.start_import(clean_only=True))
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.import_all_button)
        buttons.addWidget(self.import_clean_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(file_row)
        layout.addWidget(self.busy)
        layout.addWidget(self.verdict)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(860, 620)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("导入台账"))
        self.intro.setText(
            self.tr(
                "从 Excel（.xlsx）或 CSV 文件导入成员名单和台账。先检查每一行，"
                "列出所有问题；文件没有问题时才能全部导入，也可以只导入没有问题的行。"
            )
        )
        self.file_label.setText(self.tr("文件："))
        self.file_line.setPlaceholderText(self.tr("尚未选择文件"))
        self.choose_button.setText(self.tr("选择文件…"))
        self.sheets.setHorizontalHeaderLabels(
            [
                self.tr("工作表"),
                self.tr("新建"),
                self.tr("更新"),
                self.tr("已有相同记录"),
                self.tr("有问题跳过"),
            ]
        )
        self.problems.setHorizontalHeaderLabels(
            [self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("问题")]
        )
        self.import_all_button.setText(self.tr("全部导入"))
        self.import_clean_button.setText(self.tr("只导入没有问题的行"))
        self.cancel_button.setText(self.tr("关闭") if self.committed else self.tr("取消"))
        if self.result_ is not None:
            self._show_result(self.result_)

    # -- choosing and previewing -----------------------------------------------------------------------
    @Slot()
    def _on_choose_button_clicked(self) -> None:
        folder = str(self.settings.value(FOLDER_KEY, "") or "") if self.settings else ""
        if not folder or not Path(folder).is_dir():
            folder = str(files.documents_folder())
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("选择要导入的文件"),
            folder,
            self.tr("电子表格或 CSV 文件 (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv);;所有文件 (*)"),
        )
        if path:
            if self.settings is not None:
                self.settings.setValue(FOLDER_KEY, str(Path(path).parent))
            self.preview(path)

    def preview(self, path: str | Path) -> worker.Task:
        """Check the file (nothing written) and show what an import would do."""
        self.path = Path(path)
        self.file_line.setText(str(self.path))
        self.result_ = None
        self.committed = None
        self._generation += 1
        generation = self._generation
        self._set_busy(True, self.tr("正在检查文件……"))
        self._clear()
        ledger, target = self.ledger, self.path

        def done(result: importer.ImportResult) -> None:
            if generation != self._generation:
                return
            self._set_busy(False)
            self.result_ = result
            self._show_result(result)
            self.previewed.emit(result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._set_busy(False)
            if not is_user_problem(exc):
                raise exc
            self.verdict.setText(describe_problem(exc))

        return worker.start(
            lambda: importer.preview(ledger, target),
            ledger=ledger,
            owner=self,
            on_finished=done,
            on_failed=failed,
        )

    def _clear(self) -> None:
        self.sheets.setRowCount(0)
        self.problems.setRowCount(0)
        self.problems_label.setText("")
        self.same_label.setText("")
        self.same_label.setVisible(False)
        self.verdict.setText("")

    def _show_result(self, result: importer.ImportResult) -> None:
        lang = current_language()
        self.sheets.setRowCount(len(result.sheets))
        for row, sheet in enumerate(result.sheets):
            title = sheet.title
            if sheet.sheet is None:
                title = self.tr("{title}（未能识别）").format(title=title)
            elif sheet.sheet.title != title:  # a CSV file is named by its file: say what it holds
                kind = QCoreApplication.translate("Pages", sheet.sheet.title)
                title = self.tr("{title}（{kind}）").format(title=title, kind=kind)
            self.sheets.setItem(row, 0, _item(title))
            for column, action in enumerate(
                (importer.CREATE, importer.UPDATE, importer.SAME, importer.SKIP), start=1
            ):
                self.sheets.setItem(row, column, _item(sheet.count(action), number=True))
        self.sheets.resizeRowsToContents()

        color = error_color(self.palette())
        self.problems.setRowCount(len(result.problems))
        for row, problem in enumerate(result.problems):
            cells = (
                _item(problem.sheet or ""),
                _item(problem.row or "", number=True),
                _item(problem.column or ""),
                _item(problem.detail(lang)),
            )
            cells[3].setToolTip(problem.text(lang))
            cells[3].setForeground(color)
            for column, cell in enumerate(cells):
                self.problems.setItem(row, column, cell)
        self.problems.resizeRowsToContents()
        same = result.same_lines(lang)
        self.same_label.setText("\n".join(line.strip() for line in same))
        self.same_label.setVisible(bool(same))
        self.problems_label.setText(
            self.tr("发现 {count} 个问题：").format(count=len(result.problems))
            if result.problems
            else self.tr("没有发现问题。")
        )
        self.verdict.setText(self._verdict(result))
        self._update_buttons()

    def _verdict(self, result: importer.ImportResult) -> str:
        created, updated = result.count(importer.CREATE), result.count(importer.UPDATE)
        skipped = result.count(importer.SKIP)
        if self.committed is not None:
            done = self.committed
            if not done.committed:
                return self.tr("没有导入任何记录：文件中仍有问题。")
            return self.tr(
                "已导入：新建 {created} 条，更新 {updated} 条，跳过 {skipped} 条。"
            ).format(
                created=done.count(importer.CREATE),
                updated=done.count(importer.UPDATE),
                skipped=done.count(importer.SKIP),
            )
        if not result.sheets and result.problems:
            return self.tr("这个文件无法导入。")
        if result.ok:
            if not created and not updated:
                return self.tr("文件中没有需要导入的新内容。")
            return self.tr("文件没有问题：将新建 {created} 条，更新 {updated} 条记录。").format(
                created=created, updated=updated
            )
        return self.tr(
            "文件中有 {count} 个问题，不能全部导入。改正后重新选择文件，"
            "或只导入没有问题的行（新建 {created} 条，更新 {updated} 条，跳过 {skipped} 条）。"
        ).format(count=len(result.problems), created=created, updated=updated, skipped=skipped)

    def _update_buttons(self) -> None:
        result = self.result_
        writable = not self.ledger.read_only and not self._busy and self.committed is None
        useful = result is not None and (
            result.count(importer.CREATE) + result.count(importer.UPDATE) > 0
        )
        self.import_all_button.setEnabled(writable and result is not None and result.ok and useful)
        self.import_clean_button.setEnabled(
            writable and result is not None and not result.ok and useful
        )
        self.choose_button.setEnabled(not self._busy)
        self.cancel_button.setText(self.tr("关闭") if self.committed else self.tr("取消"))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        if busy:
            self.busy.start(text)
        else:
            self.busy.stop()
        self._update_buttons()

    # -- importing -----------------------------------------------------------------------------------
    def start_import(self, *, clean_only: bool) -> worker.Task | None:
        """Import in one transaction, in the pool; every page redraws afterwards."""
        if self.path is None or self.result_ is None or self._busy:
            return None
        ledger, target = self.ledger, self.path
        self._set_busy(True, self.tr("正在导入……"))

        def done(result: importer.ImportResult) -> None:
            self.committed = result
            self.result_ = result
            self._set_busy(False)
            self._show_result(result)
            self.imported.emit(result)

        def problem(_exc: BaseException) -> None:
            self._set_busy(False)

        description = self.tr("已导入 {name}").format(name=target.name)
        return self.operations.run_in_background(
            lambda: importer.commit(ledger, target, clean_only=clean_only),
            kind=ALL_KINDS,
            description=description,
            on_done=done,
            on_problem=problem,
        )

    def reject(self) -> None:
        if self._busy and self.committed is None and self.result_ is not None:
            return  # an import is being written: it ends on its own, then the dialog closes
        super().reject()


def open_import_wizard(
    parent: QWidget | None, ledger: Ledger, operations: Operations, settings: Any = None
) -> ImportWizard:
    """Show the wizard (window-modal, without blocking)."""
    wizard = ImportWizard(ledger, operations, parent, settings=settings)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard


__all__ = ["ImportWizard", "open_import_wizard"]
