"""导出台账: a date range, the kinds of record (one sheet each), the format (Excel, CSV, Markdown) and
the file; db.exchange.ledgers.export_ledger writes it off the GUI thread — what the command line's
``export ledger`` writes. A list page opens it preset to its kind and to what its filter shows
(``export_ledger_dialog(parent, context, kind, filters)``).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.common import clock, errors
from db.exchange import ledgers
from db.queries.lists import Filters
from db.services.groups import work_groups
from db.store.ledger import Ledger
from gui import worker
from gui.dialogs import files
from gui.operations import describe_problem, is_user_problem
from gui.widgets import BusyIndicator, ErrorLabel

FORMATS = ("xlsx", "csv", "md")
# The sheets a person chooses: every sheet of the command line's workbook, the attendance sheet
# riding with its sessions and the plan's ticks with the plan (db.exchange.ledgers.resolve_kinds), so
# that all of them checked is the same workbook as `main.py export ledger` writes.
KINDS = tuple(s.key for s in ledgers.SHEETS if s.rides_with is None)
# Sheet titles that are not a page's name, marked for lupdate (kind_title translates them).
SHEET_TITLES = (
    QT_TRANSLATE_NOOP("Pages", "工作组概况"),
    QT_TRANSLATE_NOOP("Pages", "党小组"),
    QT_TRANSLATE_NOOP("Pages", "信息动态"),
    QT_TRANSLATE_NOOP("Pages", "计划勾选"),
)


def kind_title(sheet: ledgers.Sheet) -> str:
    """A sheet's name in the chosen language: the sheets are named as the pages are."""
    return QCoreApplication.translate("Pages", sheet.title)


class ExportLedgerDialog(QDialog):
    """See the module docstring. ``exported(path)`` when the file has been written."""

    exported = Signal(object)

    def __init__(
        self,
        ledger: Ledger,
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
        filters: Filters | None = None,
        settings: Any = None,
        show_status: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportLedgerDialog")
        self.ledger = ledger
        self.settings = settings
        self._show_status = show_status
        self._offer_to_open = False
        self.filters = filters
        self.preset_kind = ledgers.sheet_for(kind).key if kind else None
        self.written: Path | None = None
        self._busy = False
        self._built = False  # signals fire while the widgets are being built

        # -- what: the list's filter, or a date range ----------------------------------------------
        self.filter_check = QCheckBox()
        self.filter_check.setObjectName("exportFiltered")
        from_list = filters is not None and self.preset_kind is not None
        self.filter_check.setVisible(from_list)
        self.filter_check.setChecked(from_list)
        self.filter_check.toggled.connect(self._on_filter_check_toggled)

        self.range_check = QCheckBox()
        self.range_check.setObjectName("exportRange")
        self.date_from = QDateEdit()
        self.date_from.setObjectName("exportFrom")
        self.date_to = QDateEdit()
        self.date_to.setObjectName("exportTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _date: self._validate())
        self.range_check.toggled.connect(lambda _on: self._validate())
        self.to_label = QLabel()
        self._preset_range()

        self.range_box = QGroupBox()
        range_layout = QHBoxLayout(self.range_box)
        range_layout.addWidget(self.range_check)
        range_layout.addWidget(self.date_from)
        range_layout.addWidget(self.to_label)
        range_layout.addWidget(self.date_to)
        range_layout.addStretch()

        # -- which kinds ---------------------------------------------------------------------------
        self.kinds_box = QGroupBox()
        grid = QGridLayout(self.kinds_box)
        self.kind_checks: dict[str, QCheckBox] = {}
        for index, key in enumerate(KINDS):
            check = QCheckBox()
            check.setObjectName(f"exportKind_{key}")
            check.setChecked(self.preset_kind in (None, key))
            check.toggled.connect(lambda _on: self._validate())
            self.kind_checks[key] = check
            grid.addWidget(check, index // 4, index % 4)
        self.all_button = QPushButton()
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button = QPushButton()
        self.none_button.clicked.connect(lambda: self._check_all(False))
        select_row = QHBoxLayout()
        select_row.addWidget(self.all_button)
        select_row.addWidget(self.none_button)
        select_row.addStretch()
        grid.addLayout(select_row, grid.rowCount(), 0, 1, 4)  # below the last row of kinds

        # -- format --------------------------------------------------------------------------------
        self.format_box = QGroupBox()
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        format_layout = QVBoxLayout(self.format_box)
        for fmt in FORMATS:
            button = QRadioButton()
            button.setObjectName(f"exportFormat_{fmt}")
            self.format_group.addButton(button)
            self.format_buttons[fmt] = button
            format_layout.addWidget(button)
            button.toggled.connect(lambda _on: self._validate())
        self.format_buttons["xlsx"].setChecked(True)

        self.error = ErrorLabel()
        self.error.setObjectName("exportError")
        self.busy = BusyIndicator()
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addStretch()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_check)
        layout.addWidget(self.range_box)
        layout.addWidget(self.kinds_box)
        layout.addWidget(self.format_box)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._built = True
        self.retranslate_ui()
        self._on_filter_check_toggled(self.filter_check.isChecked())

    def _preset_range(self) -> None:
        f = self.filters
        today = clock.today()
        start = f.date_from if f is not None and f.date_from else None
        end = f.date_to if f is not None and f.date_to else None
        if start is None and end is None:
            try:
                group = work_groups.current(self.ledger)
            except errors.LedgerError:
                group = None
            start = getattr(group, "term_start", None) or datetime.date(today.year, 1, 1)
            end = getattr(group, "term_end", None) or datetime.date(today.year, 12, 31)
            self.range_check.setChecked(False)
        else:
            self.range_check.setChecked(True)
        start = start or end or today
        end = end or start
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("导出台账"))
        self.filter_check.setText(self.tr("只导出列表中筛选出的记录（按列表的筛选条件）"))
        self.range_box.setTitle(self.tr("日期范围"))
        self.range_check.setText(self.tr("只导出此范围内的记录："))
        self.to_label.setText(self.tr("至"))
        self.kinds_box.setTitle(self.tr("台账种类（每种一个工作表）"))
        for key, check in self.kind_checks.items():
            check.setText(kind_title(ledgers.sheet_for(key)))
        self.all_button.setText(self.tr("全选"))
        self.none_button.setText(self.tr("全不选"))
        self.format_box.setTitle(self.tr("格式"))
        self.format_buttons["xlsx"].setText(self.tr("Excel 工作簿（.xlsx），每种台账一个工作表"))
        self.format_buttons["csv"].setText(self.tr("CSV（.csv，UTF-8），只能选一种台账"))
        self.format_buttons["md"].setText(self.tr("Markdown（.md），便于粘贴到别处"))
        self.export_button.setText(self.tr("导出…"))
        self.cancel_button.setText(self.tr("取消"))
        self._validate()

    # -- the choices ---------------------------------------------------------------------------------
    def fmt(self) -> str:
        return next(f for f, b in self.format_buttons.items() if b.isChecked())

    def kinds(self) -> list[str]:
        return [key for key, check in self.kind_checks.items() if check.isChecked()]

    def export_kinds(self) -> list[str] | None:
        """The kinds for db.exchange.ledgers.export_ledger: None (the whole ledger, as the command line
        writes it by default) when every kind is checked."""
        kinds = self.kinds()
        return None if len(kinds) == len(self.kind_checks) and self.fmt() != "csv" else kinds

    def date_range(self) -> tuple[datetime.date | None, datetime.date | None]:
        if self.filter_check.isChecked() or not self.range_check.isChecked():
            return None, None
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def _check_all(self, on: bool) -> None:
        for check in self.kind_checks.values():
            check.setChecked(on)

    @Slot(bool)
    def _on_filter_check_toggled(self, on: bool) -> None:
        self.range_box.setEnabled(not on)
        self.kinds_box.setEnabled(not on)
        if on and self.preset_kind is not None:
            for key, check in self.kind_checks.items():
                check.setChecked(key == self.preset_kind)
        self._validate()

    def _problem(self) -> str:
        kinds = self.kinds()
        if not kinds:
            return self.tr("请至少选择一种台账。")
        if self.fmt() == "csv" and len(kinds) != 1:
            return self.tr("CSV 文件只能包含一种台账，请只选一种，或改用 Excel。")
        ranged = not self.filter_check.isChecked() and self.range_check.isChecked()
        if ranged and self.date_to.date() < self.date_from.date():
            return self.tr("结束日期不能早于开始日期。")
        return ""

    def _validate(self) -> bool:
        if not self._built:
            return False
        problem = self._problem()
        if problem:
            self.error.show_messages([problem])
        else:
            self.error.clear()
        self.date_from.setEnabled(self.range_check.isChecked())
        self.date_to.setEnabled(self.range_check.isChecked())
        self.export_button.setEnabled(not problem and not self._busy)
        return not problem

    def _default_name(self) -> str:
        try:
            group = work_groups.current(self.ledger).name
        except errors.LedgerError:
            group = ""
        kinds = self.kinds()
        if len(kinds) == 1:
            what = kind_title(ledgers.sheet_for(kinds[0]))
            return self.tr("{group}{kind}台账").format(group=group, kind=what)
        return self.tr("{group}台账").format(group=group)

    # -- writing -------------------------------------------------------------------------------------
    @Slot()
    def _on_export_button_clicked(self) -> None:
        if not self._validate():
            return
        fmt = self.fmt()
        filters = {
            "xlsx": self.tr("Excel 工作簿 (*.xlsx)"),
            "csv": self.tr("CSV 文件 (*.csv)"),
            "md": self.tr("Markdown 文件 (*.md)"),
        }
        target = files.ask_save_path(
            self, self.settings, self.tr("导出台账"), self._default_name(), [(fmt, filters[fmt])]
        )
        if target is None:
            return
        self._offer_to_open = True
        self.export_to(target)

    def export_to(self, target: Path) -> worker.Task:
        """Write the chosen ledger to ``target`` in the pool; ``exported`` when done."""
        fmt, kinds = self.fmt(), self.export_kinds()
        date_from, date_to = self.date_range()
        filters = self.filters if self.filter_check.isChecked() else None
        ledger = self.ledger
        written: list[ledgers.LedgerTable] = []
        self._busy = True
        self.busy.start(self.tr("正在导出……"))
        self._validate()

        def run() -> Path:
            return ledgers.export_ledger(
                ledger,
                target,
                fmt,
                kinds=kinds,
                date_from=date_from,
                date_to=date_to,
                filters=filters,
                written=written,
            )

        def done(path: Path) -> None:
            self._busy = False
            self.busy.stop()
            self.written = path
            rows = sum(len(t.rows) for t in written)
            text = self.tr("已导出 {count} 条记录：{path}").format(count=rows, path=path)
            if callable(self._show_status):
                self._show_status(text)
            self.exported.emit(path)
            self.accept()
            if self._offer_to_open:  # asked where: offer to open what was written
                files.show_exported(self.parentWidget(), path)

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.busy.stop()
            self._validate()
            if not is_user_problem(exc):
                raise exc
            self.error.show_messages([describe_problem(exc)])

        return worker.start(run, ledger=ledger, owner=self, on_finished=done, on_failed=failed)

    def reject(self) -> None:
        if not self._busy:
            super().reject()


def export_ledger_dialog(
    parent: QWidget | None,
    context_or_ledger: Any,
    kind: str | None = None,
    filters: Filters | None = None,
) -> ExportLedgerDialog:
    """Open the dialog (window-modal, without blocking). ``context_or_ledger`` is a page's
    PageContext or a Ledger; ``kind`` ("surveys", a service's "survey" or a sheet's title) and
    ``filters`` (a list page's) preset it to what that list shows."""
    if isinstance(context_or_ledger, Ledger):
        ledger, settings, show_status = context_or_ledger, None, None
    else:
        ledger = context_or_ledger.ledger
        settings = getattr(context_or_ledger, "settings", None)
        show_status = getattr(context_or_ledger, "show_status", None)
    dialog = ExportLedgerDialog(
        ledger, parent, kind=kind, filters=filters, settings=settings, show_status=show_status
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


__all__ = ["ExportLedgerDialog", "export_ledger_dialog", "kind_title"]
