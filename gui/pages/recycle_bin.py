"""回收站: deleted records, newest first; restore them (with their identity) or delete them for good
after confirmation (their history stays)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.queries.lists import LISTS, Filters
from db.services.base import registered_kinds
from gui.models.record_table import RecordTableModel
from gui.pages.base import Page, PageAction, PageContext
from gui.pages.history import FILTER_DELAY_MS, kind_name
from gui.widgets import fit_columns, setup_table_view


class RecycleBinPage(Page):
    kinds = None  # any delete fills the bin
    supported_actions = frozenset({PageAction.DELETE, PageAction.FIND})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._fitted = False
        self.spec = LISTS["recycle_bin"]
        self.model = RecordTableModel(
            self.ledger,
            self.spec,
            self,
            formatters={"kind": lambda row, _key, lang: kind_name(row["kind"], lang)},
        )
        self.heading = self.make_heading()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("binSearch")
        self.search.setClearButtonEnabled(True)
        self.kind_filter = QComboBox()
        self.count_label = QLabel()
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _text: self._filter_timer.start())
        self.kind_filter.activated.connect(lambda _index: self._apply_filters())

        self.table = QTableView()
        self.table.setObjectName("binTable")
        self.table.setModel(self.model)
        setup_table_view(self.table)
        self.table.sortByColumn(self.model.column_of("deleted_at"), Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.purge_button = QPushButton()
        self.purge_button.setObjectName("purgeButton")
        self.purge_button.clicked.connect(self._on_purge_button_clicked)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.kind_filter, 1)
        bar.addStretch()
        bar.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        lang = self.language()
        self.heading.setText(self.tr("回收站"))
        self.intro.setText(
            self.tr(
                "删除的记录先放在这里，可以恢复。彻底删除后不能恢复，但操作记录中仍保留其内容。"
            )
        )
        self.search.setPlaceholderText(self.tr("查找内容或删除人（Ctrl+F）"))
        current = self.kind_filter.currentData()
        self.kind_filter.clear()
        self.kind_filter.addItem(self.tr("全部类别"), None)
        for kind in registered_kinds():
            self.kind_filter.addItem(kind_name(kind, lang), kind)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(current), 0))
        self.restore_button.setText(self.tr("恢复"))
        self.purge_button.setText(self.tr("彻底删除"))
        self.model.retranslate()
        self._update_count()

    def refresh(self) -> None:
        self.model.reload()
        if not self._fitted and self.model.rowCount():
            fit_columns(self.table)
            self._fitted = True
        self._update_count()
        self._update_buttons()

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def can_do(self, action: PageAction) -> bool:
        if action == PageAction.DELETE:
            return bool(self._selected_rows()) and not self.ledger.read_only
        return super().can_do(action)

    def delete_selected(self) -> None:
        self._on_purge_button_clicked()

    @Slot()
    def _apply_filters(self) -> None:
        self.model.set_filters(
            Filters(text=self.search.text().strip(), kind=self.kind_filter.currentData())
        )
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 {count} 条").format(count=self.model.rowCount()))

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def _selected(self) -> tuple[list[Any], list[str]]:
        rows = self._selected_rows()
        ids = [self.model.id_at(row) for row in rows]
        kinds = [self.model.row_values(row).get("kind", "") for row in rows]
        return ids, kinds

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self._selected_rows()) and not self.ledger.read_only
        self.restore_button.setEnabled(has)
        self.purge_button.setEnabled(has)
        self.actions_changed.emit()

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        ids, kinds = self._selected()
        if ids and self.operations.restore_from_bin(ids, kinds):
            self.context.show_status(self.tr("已恢复 {count} 条记录").format(count=len(ids)))

    @Slot()
    def _on_purge_button_clicked(self) -> None:
        ids, _kinds = self._selected()
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            self.tr("彻底删除"),
            self.tr("彻底删除所选的 {count} 条记录？彻底删除后不能恢复。").format(count=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.operations.purge(ids):
            self.context.show_status(self.tr("已彻底删除 {count} 条记录").format(count=len(ids)))
