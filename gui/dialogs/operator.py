"""The operator's name, asked once when the window opens on a ledger that has none: every change is
written in the history with the name of who made it (Settings → 常规 changes it later)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.common import errors
from db.services import settings
from db.store.ledger import Ledger
from gui.operations import describe_problem
from gui.widgets import ErrorLabel


class OperatorDialog(QDialog):
    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("operatorDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("operatorName")
        self.name_edit.setMaxLength(50)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.later_button = QPushButton()
        self.later_button.setAutoDefault(False)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.ok_button.setEnabled(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("您的姓名"))
        self.intro.setText(
            self.tr(
                "每一条修改都会在操作记录中记下操作人。请填写您的姓名（以后可在“设置 → 常规”中修改）："
            )
        )
        self.name_edit.setPlaceholderText(self.tr("如：李明"))
        self.ok_button.setText(self.tr("确定"))
        self.later_button.setText(self.tr("以后再说"))

    def save(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            return
        try:
            settings.put(self.ledger, "operator", name)
        except (errors.LedgerError, OSError) as exc:
            self.error.show_messages([describe_problem(exc)])
            return
        self.ledger.operator = name
        self.accept()


def needs_operator(ledger: Ledger) -> bool:
    """A ledger that can be written and has no operator's name yet."""
    return not ledger.read_only and not settings.get(ledger, "operator")


__all__ = ["OperatorDialog", "needs_operator"]
