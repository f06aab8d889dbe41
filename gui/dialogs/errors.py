"""What the user sees when something goes wrong: a database that cannot be opened, with its ways out,
and the crash dialog for a bug (never a traceback in the user's face; the details are one click away
and in the log file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from db.common import errors
from db.common.messages import current_language

# The ways out a DatabaseOpenError may offer (its ``way_out``, best first).
WAYS_OUT = ("enter_password", "restore_backup", "open_read_only", "choose_file", "retry")


def way_out_text(way: str) -> str:
    texts = {
        "enter_password": QCoreApplication.translate("OpenErrorDialog", "输入密码…"),
        "restore_backup": QCoreApplication.translate("OpenErrorDialog", "恢复备份…"),
        "open_read_only": QCoreApplication.translate("OpenErrorDialog", "只读打开"),
        "choose_file": QCoreApplication.translate("OpenErrorDialog", "选择其他文件…"),
        "retry": QCoreApplication.translate("OpenErrorDialog", "重试"),
    }
    return texts[way]


def way_out_hint(way: str) -> str:
    hints = {
        "enter_password": QCoreApplication.translate(
            "OpenErrorDialog",
            "输入密码：密码只留在本程序的内存中，不写入任何文件；也可以把它写进 ~/.pgpass。",
        ),
        "restore_backup": QCoreApplication.translate(
            "OpenErrorDialog", "恢复备份：用较早的备份替换这个文件；替换前会先另存它现在的内容。"
        ),
        "open_read_only": QCoreApplication.translate(
            "OpenErrorDialog", "只读打开：可以查看和导出，但不能修改。"
        ),
        "choose_file": QCoreApplication.translate(
            "OpenErrorDialog", "选择其他文件：打开另一个台账数据库文件。"
        ),
        "retry": QCoreApplication.translate(
            "OpenErrorDialog", "重试：等另一个程序释放数据库后再试一次。"
        ),
    }
    return hints[way]


def ways_out(problem: BaseException) -> tuple[str, ...]:
    if isinstance(problem, errors.DatabaseOpenError):
        offered = problem.way_out
    else:  # an OSError, or another LedgerError while opening
        offered = ("retry", "choose_file")
    return tuple(way for way in offered if way in WAYS_OUT)  # the error's own order: best first


def problem_text(problem: BaseException) -> str:
    if isinstance(problem, errors.LedgerError):
        return problem.text(current_language())
    if isinstance(problem, OSError):
        detail = problem.strerror or type(problem).__name__
        text = QCoreApplication.translate("OpenErrorDialog", "无法读写 {path}：{detail}")
        return text.format(path=problem.filename or "", detail=detail)
    return str(problem)


class OpenErrorDialog(QDialog):
    """Why the database cannot be opened, and a button for each way out it allows.

    ``choose()`` returns the way out picked ("restore_backup", "open_read_only", "choose_file",
    "retry") or None when the user gives up (the program then ends)."""

    def __init__(self, problem: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        self.chosen: str | None = None
        self.ways = ways_out(problem)

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.message = QLabel()
        self.message.setObjectName("problemText")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hints = QLabel()
        self.hints.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self._way_buttons: dict[str, QPushButton] = {}
        for way in self.ways:
            button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
            button.setObjectName(f"way_{way}")
            button.clicked.connect(lambda _checked=False, w=way: self._choose(w))
            self._way_buttons[way] = button
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(self.reject)
        if self.ways:
            self._way_buttons[self.ways[0]].setDefault(True)

        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.message)
        text.addWidget(self.hints)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("无法打开数据库"))
        self.heading.setText(self.tr("无法打开数据库"))
        self.message.setText(problem_text(self.problem))
        self.hints.setText("\n".join(way_out_hint(way) for way in self.ways))
        for way, button in self._way_buttons.items():
            button.setText(way_out_text(way))
        self.quit_button.setText(self.tr("退出"))

    def button_for(self, way: str) -> QPushButton:
        return self._way_buttons[way]

    def button_texts(self) -> list[str]:
        return [b.text() for b in self.buttons.buttons()]

    def _choose(self, way: str) -> None:
        self.chosen = way
        self.accept()

    def choose(self) -> str | None:
        self.chosen = None
        self.exec()
        return self.chosen


class CrashDialog(QDialog):
    """A bug: say so plainly, say that the work so far is kept, point at the log; details on demand."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details_text = details
        self.log_path = log_path
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setVisible(False)
        self.details.setMinimumHeight(180)

        self.buttons = QDialogButtonBox()
        self.details_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._on_details_button_toggled)
        self.copy_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.continue_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.message)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("意外错误"))
        self.heading.setText(self.tr("程序遇到了一个意外错误"))
        message = self.tr(
            "这是程序的缺陷，不是您的操作有误。已保存的记录没有受到影响，"
            "正在填写的内容也还在，可以继续工作。"
        )
        if self.log_path is not None:
            message += "\n" + self.tr("详细情况已记入日志文件：{path}").format(path=self.log_path)
        self.message.setText(message)
        self.details_button.setText(
            self.tr("隐藏详情") if self.details.isVisible() else self.tr("显示详情")
        )
        self.copy_button.setText(self.tr("复制详情"))
        self.continue_button.setText(self.tr("继续"))

    @Slot(bool)
    def _on_details_button_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.retranslate_ui()
        self.adjustSize()

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text)
