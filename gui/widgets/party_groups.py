"""The party small groups (党小组) of the group, edited as a list: a name typed and added with Enter,
renamed, given a leader, deleted. One editor for Settings (党小组) and the welcome flow's second step.

Each change is saved at once through the one path for changes (Operations); the core's refusals (a
name already used, a party small group that still has members) are shown under the list.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.common.errors import ValidationError
from db.services.groups import party_groups
from db.services.members import members
from db.store.ledger import Ledger
from db.store.models import Member, PartyGroupLeader
from gui.operations import Operations
from gui.widgets import ErrorLabel


class NameLine(QLineEdit):
    """The name of a party small group to add: Enter adds it (and the line is ready for the next),
    instead of going on to the next field as Enter does elsewhere in a form."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not plain:
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PartyGroupsEditor(QWidget):
    """See the module docstring. ``reload()`` reads the list again (the holder calls it when
    party small groups or members changed)."""

    def __init__(
        self,
        ledger: Ledger,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        with_leader: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.operations = operations

        self.name_label = QLabel()
        self.name_edit = NameLine()
        self.name_edit.setObjectName("partyGroupName")
        self.name_edit.entered.connect(self._on_add_clicked)
        self.name_label.setBuddy(self.name_edit)
        self.add_button = QPushButton()
        self.add_button.setObjectName("partyAdd")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.list = QListWidget()
        self.list.setObjectName("partyGroups")
        self.list.itemDoubleClicked.connect(lambda _item: self._on_rename_clicked())
        self.list.currentItemChanged.connect(lambda *_items: self._update_buttons())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("partyGroupsEmpty")
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        self.rename_button = QPushButton()
        self.rename_button.setObjectName("partyRename")
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.leader_button = QPushButton()
        self.leader_button.setObjectName("partyLeader")
        self.leader_button.clicked.connect(self._on_leader_clicked)
        self.leader_button.setVisible(with_leader)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("partyDelete")
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.error = ErrorLabel()
        self.error.setObjectName("partyError")

        add_row = QHBoxLayout()
        add_row.addWidget(self.name_label)
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)
        buttons = QVBoxLayout()
        for button in (self.rename_button, self.leader_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        listed = QVBoxLayout()
        listed.addWidget(self.list, 1)
        listed.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addLayout(listed, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        layout.addLayout(row, 1)
        QWidget.setTabOrder(self.name_edit, self.add_button)
        QWidget.setTabOrder(self.add_button, self.list)
        QWidget.setTabOrder(self.list, self.rename_button)
        QWidget.setTabOrder(self.rename_button, self.leader_button)
        QWidget.setTabOrder(self.leader_button, self.delete_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.name_label.setText(self.tr("名称："))
        self.name_edit.setPlaceholderText(self.tr("如：第一党小组（按 Enter 添加）"))
        self.add_button.setText(self.tr("添加"))
        self.rename_button.setText(self.tr("重命名…"))
        self.leader_button.setText(self.tr("设置组长…"))
        self.delete_button.setText(self.tr("删除"))
        self.empty_label.setText(self.tr("还没有党小组。"))
        self.reload()

    # -- reading -----------------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [pg.name for pg in party_groups.ordered(self.ledger)]

    def reload(self) -> None:
        if self.ledger.group_id is None:
            self.list.clear()
            self.empty_label.setVisible(True)
            self._update_buttons()
            return
        selected = self.selected()
        self.list.clear()
        leaders = dict(
            PartyGroupLeader.select(PartyGroupLeader.party_group, Member.name).join(Member).tuples()
        )
        ordered = party_groups.ordered(self.ledger)
        for pg in ordered:
            leader = leaders.get(pg.id)
            text = (
                pg.name
                if leader is None
                else self.tr("{name}（组长：{leader}）").format(name=pg.name, leader=leader)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, pg.id)
            self.list.addItem(item)
            if pg.id == selected:
                self.list.setCurrentItem(item)
        self.empty_label.setVisible(not ordered)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """What acts on the selected party small group waits for one to be selected."""
        chosen = self.list.currentItem() is not None
        for button in (self.rename_button, self.leader_button, self.delete_button):
            button.setEnabled(chosen)

    def selected(self) -> Any:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    # -- changing ----------------------------------------------------------------------------------------
    @Slot()
    def _on_add_clicked(self) -> None:
        name = self.name_edit.text()
        order = self.list.count()
        if self._save({"name": name, "sort_order": order}, None):
            self.name_edit.clear()
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_rename_clicked(self) -> None:
        pg_id = self.selected()
        if pg_id is None:
            return
        current = party_groups.get(self.ledger, pg_id)
        name, ok = QInputDialog.getText(
            self, self.tr("重命名党小组"), self.tr("新的名称："), text=current.name
        )
        if not ok or name.strip() == current.name:
            return
        values = party_groups.snapshot(current)
        values["name"] = name
        self._save(values, pg_id, current.version)

    @Slot()
    def _on_leader_clicked(self) -> None:
        pg_id = self.selected()
        if pg_id is None:
            return
        self.error.clear()
        people = [m for m in members.ordered(self.ledger) if m.party_group_id == pg_id]
        if not people:
            self.error.show_messages(
                [self.tr("这个党小组还没有成员：先在成员页把成员编入党小组。")]
            )
            return
        current = party_groups.get(self.ledger, pg_id)
        values = party_groups.snapshot(current)
        none = self.tr("（不设组长）")
        names = [none, *(m.name for m in people)]
        chosen = next((i for i, m in enumerate(people, 1) if str(m.id) == values.get("leader")), 0)
        name, ok = QInputDialog.getItem(
            self,
            self.tr("党小组组长"),
            self.tr("{name}的组长：").format(name=current.name),
            names,
            chosen,
            False,
        )
        if not ok:
            return
        values["leader"] = None if name == none else people[names.index(name) - 1].id
        self._save(values, pg_id, current.version)

    @Slot()
    def _on_delete_clicked(self) -> None:
        pg_id = self.selected()
        if pg_id is None:
            return
        self.error.clear()
        self.operations.delete("party_group", [pg_id])

    def _save(self, values: dict[str, Any], pg_id: Any, version: int | None = None) -> bool:
        self.error.clear()
        try:
            saved = self.operations.save(
                "party_group",
                values,
                record_id=pg_id,
                expected_version=version,
                description=self.tr("党小组已保存"),
            )
        except ValidationError as exc:
            self.error.show_messages([e.message for e in exc.errors])
            return False
        return saved is not None


__all__ = ["NameLine", "PartyGroupsEditor"]
