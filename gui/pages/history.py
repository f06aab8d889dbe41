"""操作记录: every change (who, when, what), newest first, with the record before and after the change
shown side by side for the selected entry."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, QTimer, Slot
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.queries.lists import LISTS, Filters
from db.services.base import registered_kinds, service_for
from gui.models.record_table import RecordTableModel
from gui.pages.base import Page, PageAction, PageContext
from gui.widgets import fit_columns, setup_table_view

FILTER_DELAY_MS = 150
HIDDEN_FIELDS = {"id", "version", "group"}


def kind_name(kind: str, lang: str) -> str:
    """The user's name of a kind of record (the core's noun), or of a setting."""
    if kind == "setting":
        return QCoreApplication.translate("HistoryPage", "设置")
    try:
        return service_for(kind).noun().text(lang)
    except KeyError:
        return kind


def action_name(action: str) -> str:
    names = {
        "create": QCoreApplication.translate("HistoryPage", "新建"),
        "update": QCoreApplication.translate("HistoryPage", "修改"),
        "delete": QCoreApplication.translate("HistoryPage", "删除"),
        "restore": QCoreApplication.translate("HistoryPage", "恢复"),
        "purge": QCoreApplication.translate("HistoryPage", "彻底删除"),
    }
    return names.get(action, action)


def record_label(row: dict[str, Any]) -> str:
    """The record an entry is about: its label as logged (王建国, 2025-03-04 集体学习交流会 …); for
    a setting, the setting's name."""
    if row.get("summary"):
        return str(row["summary"])
    if row.get("kind") == "setting":
        stored = json.loads(row.get("after") or row.get("before") or "{}")
        return "、".join(stored) if isinstance(stored, dict) else ""
    return ""


def field_label(kind: str, name: str, lang: str) -> str:
    try:
        label = service_for(kind).labels.get(name)
    except KeyError:
        label = None
    return label().text(lang) if label is not None else name


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("HistoryPage", "是")
            if value
            else QCoreApplication.translate("HistoryPage", "否")
        )
    if isinstance(value, list):
        return "、".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class HistoryPage(Page):
    kinds = None  # every change is history
    supported_actions = frozenset({PageAction.FIND})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._fitted = False
        self.spec = LISTS["history"]
        self.model = RecordTableModel(
            self.ledger,
            self.spec,
            self,
            formatters={
                "kind": lambda row, _key, lang: kind_name(row["kind"], lang),
                "action": lambda row, _key, _lang: action_name(row["action"]),
                "summary": lambda row, _key, _lang: record_label(row),
            },
        )
        self.heading = self.make_heading()
        self.search = QLineEdit()
        self.search.setObjectName("historySearch")
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
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        setup_table_view(self.table, multi_select=False)
        self.table.sortByColumn(self.model.column_of("at"), Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail = QTableWidget(0, 3)
        self.detail.setObjectName("historyDetail")
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.verticalHeader().setVisible(False)
        self.detail.setWordWrap(True)
        header = self.detail.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.kind_filter, 1)
        bar.addStretch()
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        lang = self.language()
        self.heading.setText(self.tr("操作记录"))
        self.search.setPlaceholderText(self.tr("查找操作人或内容（Ctrl+F）"))
        current = self.kind_filter.currentData()
        self.kind_filter.clear()
        self.kind_filter.addItem(self.tr("全部类别"), None)
        for kind in (*registered_kinds(), "setting"):
            self.kind_filter.addItem(kind_name(kind, lang), kind)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(current), 0))
        self.detail.setHorizontalHeaderLabels(
            [self.tr("项目"), self.tr("修改前"), self.tr("修改后")]
        )
        self.model.retranslate()
        if self._fitted:  # the headers' and kinds' words changed length with the language
            fit_columns(self.table)
        self._update_count()
        self._show_detail()

    def refresh(self) -> None:
        self.model.reload()
        if not self._fitted and self.model.rowCount():
            fit_columns(self.table)
            self._fitted = True
        self._update_count()
        self._show_detail()

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def _apply_filters(self) -> None:
        self.model.set_filters(
            Filters(text=self.search.text().strip(), kind=self.kind_filter.currentData())
        )
        self._update_count()
        self._show_detail()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("共 {count} 条").format(count=self.model.rowCount()))

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        self._show_detail()

    def _selected_row(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_values(rows[0].row()) if rows else None

    def _show_detail(self) -> None:
        row = self._selected_row()
        self.detail.setRowCount(0)
        if not row:
            self.detail_title.setText(self.tr("选择一条操作记录，查看修改前后的内容。"))
            return
        lang = self.language()
        self.detail_title.setText(
            self.tr("{at}，{operator} {action}了{kind}：{record}").format(
                at=self.spec.display("at", row["at"], lang),
                operator=row["operator"],
                action=action_name(row["action"]),
                kind=kind_name(row["kind"], lang),
                record=record_label(row),
            )
        )
        before = json.loads(row["before"]) if row.get("before") else {}
        after = json.loads(row["after"]) if row.get("after") else {}
        names = [n for n in dict.fromkeys([*before, *after]) if n not in HIDDEN_FIELDS]
        bold = QFont(self.detail.font())
        bold.setBold(True)
        changed_brush = QBrush(self.palette().highlight().color().lighter(170))
        self.detail.setRowCount(len(names))
        for index, name in enumerate(names):
            old, new = before.get(name), after.get(name)
            changed = bool(before) and bool(after) and old != new
            cells = (
                QTableWidgetItem(field_label(row["kind"], name, lang)),
                QTableWidgetItem(value_text(old)),
                QTableWidgetItem(value_text(new)),
            )
            for column, cell in enumerate(cells):
                if changed:
                    cell.setFont(bold)
                    if column:
                        cell.setBackground(changed_brush)
                self.detail.setItem(index, column, cell)
        self.detail.resizeRowsToContents()
