"""请销假: leave requests and business trips, their approval, return and filing. A request whose end
has passed without a return stands out (in red, with 逾期未销假 in its status)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from db.rules import vocab
from db.rules.workdays import AM, PM
from gui.dialogs.leave_form import (
    ACTION_STATUSES,
    ACTIONS,
    LeaveActionDialog,
    LeaveForm,
    action_key,
    action_keys_hint,
    action_text,
    action_tooltip,
    overdue_text,
)
from gui.models.record_table import Formatter
from gui.pages.list_page import ListPage, number_text
from gui.widgets import error_color


class LeavePage(ListPage):
    list_kind = "leave"
    kinds = frozenset({"leave", "member"})
    form_class = LeaveForm
    kind_vocab = "leave_type"
    member_fields = ("member",)
    kind_field_name = "leave_type"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.action_dialog: LeaveActionDialog | None = None
        self.menu_actions: dict[str, QAction] = {}
        for action in ACTIONS:
            menu_action = QAction(self)
            menu_action.setShortcut(action_key(action))
            # The key works wherever the cursor is on this page (the table, the filter bar).
            menu_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            menu_action.triggered.connect(lambda _checked=False, a=action: self.start_action(a))
            self.addAction(menu_action)
            self.menu_actions[action] = menu_action
        self._retranslate_actions()
        self.on_selection_changed()

    # -- texts ---------------------------------------------------------------------------------------
    def heading_text(self) -> str:
        return self.tr("请销假")

    def kind_all_text(self) -> str:
        return self.tr("全部类型")

    def search_placeholder(self) -> str:
        return self.tr("查找：请假人（可用拼音首字母）、事由、去向或审批人（Ctrl+F）")

    def status_choices(self) -> list[tuple[str, str]]:
        lang = self.language()
        choices = [(c, vocab.label("leave_status", c, lang)) for c in vocab.codes("leave_status")]
        return [*choices, ("overdue", self.tr("逾期未销假"))]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._retranslate_actions()

    def _retranslate_actions(self) -> None:
        for action, button in getattr(self, "action_buttons", {}).items():
            button.setText(action_text(action))
            button.setToolTip(action_tooltip(action))
        for action, menu_action in getattr(self, "menu_actions", {}).items():
            menu_action.setText(action_text(action))

    # -- cells ---------------------------------------------------------------------------------------
    def formatters(self) -> Mapping[str, Formatter]:
        return {
            "status": self._status_text,
            "start_date": lambda row, key, lang: self._when(row, key, "start_half", PM, lang),
            "end_date": lambda row, key, lang: self._when(row, key, "end_half", AM, lang),
        }

    def _status_text(self, row: Mapping[str, Any], key: str, lang: str) -> str:
        if row.get("overdue"):
            return self.tr("逾期未销假")
        return vocab.label("leave_status", row.get(key), lang)

    @staticmethod
    def _when(row: Mapping[str, Any], key: str, half_key: str, marked: str, lang: str) -> str:
        """A date, with its half-day where the request starts or ends at midday."""
        day = row.get(key)
        if day is None:
            return ""
        text = day.isoformat()
        half = row.get(half_key)
        if half == marked:
            text += " " + vocab.label("half_day", half, lang)
        return text

    def decorated_roles(self) -> frozenset[int]:
        return frozenset(
            {Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole}
        )

    def decorate(self, values: Mapping[str, Any], key: str, role: int) -> Any:
        if not values.get("overdue"):
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return error_color(self.palette())
        if role == Qt.ItemDataRole.FontRole and key in ("status", "member"):
            font = QFont(self.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return overdue_text(values)
        return None

    def has_sums(self) -> bool:
        return True

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        text = self.tr("共 {count} 条").format(count=number_text(count))
        if sums is None:
            return text
        return self.tr("{count_text}，请假合计 {days} 个工作日（不含因公外出）").format(
            count_text=text, days=number_text(sums["days"])
        )

    # -- the actions ---------------------------------------------------------------------------------
    def extra_buttons(self) -> list[QWidget]:
        self.action_buttons: dict[str, QPushButton] = {}
        for action in ACTIONS:
            button = QPushButton()
            button.setObjectName(f"{action}Button")
            button.clicked.connect(lambda _checked=False, a=action: self.start_action(a))
            button.setEnabled(False)
            self.action_buttons[action] = button
        return list(self.action_buttons.values())

    def _selected_status(self) -> str | None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return None
        return self.model.row_values(rows[0]).get("status")

    def on_selection_changed(self) -> None:
        status = self._selected_status()
        writable = not self.ledger.read_only
        for action, button in getattr(self, "action_buttons", {}).items():
            button.setEnabled(writable and status in ACTION_STATUSES[action])
        for action, menu_action in getattr(self, "menu_actions", {}).items():
            menu_action.setEnabled(writable and status in ACTION_STATUSES[action])

    def extra_menu_actions(self, menu: QMenu) -> None:
        self.on_selection_changed()
        menu.addSeparator()
        for menu_action in self.menu_actions.values():
            menu.addAction(menu_action)

    def key_hint(self) -> str:
        return super().key_hint() + " · " + action_keys_hint()

    @Slot()
    def start_action(self, action: str) -> LeaveActionDialog | None:
        """批准 / 不批准 / 销假 / 备案 of the selected request."""
        if self._selected_status() not in ACTION_STATUSES[action]:
            return None
        record_id = self.selected_ids()[0]
        dialog = LeaveActionDialog(self.ledger, self.operations, record_id, action, None, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self.table.setFocus())
        self.action_dialog = dialog
        dialog.open()
        return dialog
