"""The form of a leave request (请销假) or business-trip report (因公外出), and the actions on a stored
one: 批准 / 不批准, 销假 (back at post, with date and half-day) and 备案 (filed, with date).

As the dates and half-days change the form shows the working days at once (the official calendar,
db.rules.workdays), which approver the request needs (the rules in Settings), and when a year is not in
the built-in calendar yet. The actions call the leave module's functions through Operations, with the
version the form shows, so a change made meanwhile by someone else is reported, not overwritten.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.common import clock
from db.common.errors import ValidationError
from db.common.messages import current_language
from db.rules import vocab
from db.rules.workdays import AM, PM, WorkCalendar, slot
from db.services import leave
from db.services.fields import parse_date
from db.store.ledger import Ledger
from db.store.models import LeaveRequest
from gui.dialogs.record_form import DateLine, RecordForm, choice_combo
from gui.operations import Operations
from gui.widgets import ErrorLabel, form_key, form_keys_hint

ACTIONS = ("approve", "reject", "return", "file")
# The statuses in which each action applies (备案 applies to any request).
ACTION_STATUSES: dict[str, tuple[str, ...]] = {
    "approve": ("pending",),
    "reject": ("pending",),
    "return": ("approved",),
    "file": ("pending", "approved", "rejected", "returned"),
}


# The keys of the actions, on the leave list and in the form: A(pprove), D(eny), R(eturn), F(ile).
ACTION_KEYS: dict[str, str] = {
    "approve": "Ctrl+Shift+A",
    "reject": "Ctrl+Shift+D",
    "return": "Ctrl+Shift+R",
    "file": "Ctrl+Shift+F",
}


def action_key(action: str) -> QKeySequence:
    return QKeySequence(ACTION_KEYS[action])


def action_key_text(action: str) -> str:
    """The action's key as the platform writes it (Ctrl+Shift+A)."""
    return action_key(action).toString(QKeySequence.SequenceFormat.NativeText)


def action_keys_hint() -> str:
    """One line naming the actions' keys, for the list and the form."""
    return QCoreApplication.translate(
        "LeaveForm", "{approve} 批准 · {reject} 不批准 · {ret} 销假 · {file} 备案"
    ).format(
        approve=action_key_text("approve"),
        reject=action_key_text("reject"),
        ret=action_key_text("return"),
        file=action_key_text("file"),
    )


def action_tooltip(action: str) -> str:
    texts = {
        "approve": QCoreApplication.translate("LeaveForm", "批准所选请假（{key}）"),
        "reject": QCoreApplication.translate("LeaveForm", "记录不批准（{key}）"),
        "return": QCoreApplication.translate("LeaveForm", "登记销假（{key}）"),
        "file": QCoreApplication.translate("LeaveForm", "登记向工作队备案（{key}）"),
    }
    return texts[action].format(key=action_key_text(action))


def action_text(action: str) -> str:
    texts = {
        "approve": QCoreApplication.translate("LeaveForm", "批准…"),
        "reject": QCoreApplication.translate("LeaveForm", "不批准…"),
        "return": QCoreApplication.translate("LeaveForm", "销假…"),
        "file": QCoreApplication.translate("LeaveForm", "备案…"),
    }
    return texts[action]


def days_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def overdue_text(request: LeaveRequest | Mapping[str, Any]) -> str:
    """The warning an overdue request carries wherever it is shown."""
    end = request["end_date"] if isinstance(request, Mapping) else request.end_date
    end_half = request["end_half"] if isinstance(request, Mapping) else request.end_half
    when = leave.when(end if isinstance(end, datetime.date) else parse_date(end), end_half)
    return QCoreApplication.translate(
        "LeaveForm", "逾期未销假：请假应于 {end} 结束，至今未销假。"
    ).format(end=when.text(current_language()))


class LeaveForm(RecordForm):
    kind = "leave"
    keep_fields = ("leave_type", "start_date", "start_half", "end_date", "end_half")
    initial_size = (780, 680)

    action_done = Signal(str)  # an action was taken on the stored request (and it was reloaded)

    def build(self) -> None:
        self.calendar = WorkCalendar.load()
        self._status = "pending"
        self._overdue = False
        self.member_picker = self.member("member", required=True)
        self.choice("leave_type", "leave_type", required=True)
        self.date("start_date", required=True)
        self.choice("start_half", "half_day")
        self.date("end_date", required=True)
        self.choice("end_half", "half_day")
        self.days_label = QLabel()
        self.days_label.setObjectName("daysLabel")
        self.days_label.setWordWrap(True)
        font = self.days_label.font()
        font.setBold(True)
        self.days_label.setFont(font)
        self.calendar_note = QLabel()
        self.calendar_note.setObjectName("calendarNote")
        self.calendar_note.setWordWrap(True)
        self.calendar_note.setEnabled(False)
        note = QWidget()
        note_layout = QVBoxLayout(note)
        note_layout.setContentsMargins(0, 2, 0, 6)
        note_layout.setSpacing(2)
        note_layout.addWidget(self.days_label)
        note_layout.addWidget(self.calendar_note)
        self.note(note)
        self.number("days_override")
        self.line("override_reason")
        self.text("reason", lines=2)
        self.line("destination")
        self.line("contact_phone")
        self.section(lambda: self.tr("审批、销假与备案"))
        self.choice("status", "leave_status")
        self.line("approver")
        self.date("approval_date")
        self.date("filed_date")
        self.date("return_date")
        self.choice("return_half", "half_day", empty=lambda: "")
        self.text("notes", lines=2)
        self.action_buttons: dict[str, QPushButton] = {}
        for action in ACTIONS:
            button = QPushButton(self)  # (a parent, so that showing it never makes a window)
            button.setObjectName(f"{action}Button")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self.start_action(a))
            self.action_buttons[action] = button
            # A key of the form's window: it works wherever the cursor is in the form.
            shortcut = QShortcut(action_key(action), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda a=action: self._on_action_key(a))
        self.changed.connect(self._update_action_buttons)
        self.loaded.connect(self._update_action_buttons)
        self._action_dialog: LeaveActionDialog | None = None

    def defaults(self) -> dict[str, Any]:
        today = clock.today().isoformat()
        return {
            "leave_type": "personal",
            "start_date": today,
            "start_half": AM,
            "end_date": today,
            "end_half": PM,
            "status": "pending",
        }

    def key_hint(self) -> str:
        hint = super().key_hint()
        return hint if self.is_new() else hint + " · " + action_keys_hint()

    def dialog_buttons(self) -> list[QPushButton]:
        return list(self.action_buttons.values())

    def banner(self) -> tuple[str, bool]:
        if self._overdue:
            return overdue_text(self.values()), True
        return "", False

    def after_load(self, snapshot: Mapping[str, Any]) -> None:
        self._status = str(snapshot.get("status") or "pending")
        record = leave.leave_requests.get(self.ledger, self.record_id)
        self._overdue = leave.is_overdue(record, clock.today())

    def reset(self, keep: Mapping[str, Any] | None = None) -> None:
        self._status = "pending"
        self._overdue = False
        super().reset(keep)

    def retranslate_extra(self) -> None:
        for action, button in getattr(self, "action_buttons", {}).items():
            button.setText(action_text(action))
        self._update_days()

    # -- the live count ------------------------------------------------------------------------------
    def on_field_changed(self, name: str) -> None:
        if name in (
            "",
            "start_date",
            "start_half",
            "end_date",
            "end_half",
            "days_override",
            "leave_type",
            "return_date",
            "return_half",
        ):
            self._update_days()

    def _date(self, name: str) -> datetime.date | None:
        editor = self.fields[name].editor
        assert isinstance(editor, DateLine)
        return editor.date()

    def working_days(self) -> Decimal | None:
        """The working days from the start half-day to the end half-day, or None if not known yet."""
        start, end = self._date("start_date"), self._date("end_date")
        if start is None or end is None:
            return None
        try:
            return self.calendar.count(
                start,
                self.fields["start_half"].get() or AM,
                end,
                self.fields["end_half"].get() or PM,
            )
        except ValueError:
            return None

    def _override(self) -> Decimal | None:
        text = self.fields["days_override"].get()
        try:
            return Decimal(text) if text else None
        except InvalidOperation:
            return None

    def _update_days(self) -> None:
        if "days_override" not in self.fields:
            return
        start, end = self._date("start_date"), self._date("end_date")
        days = self.working_days()
        notes: list[str] = []
        if start is None or end is None:
            text = self.tr("填写开始和结束日期后，这里显示请假的工作日天数。")
        elif days is None:
            text = self.tr("结束早于开始，无法计算天数。")
        else:
            text = self.tr("共 {days} 个工作日（不含周末和法定节假日，调休上班日计入）").format(
                days=days_text(days)
            )
            override = self._override()
            counted = override if override is not None else days
            if override is not None:
                text += self.tr("；核定为 {days} 天").format(days=days_text(override))
            if self.fields["leave_type"].get() in vocab.NOT_COUNTED_AS_LEAVE:
                text += self.tr("；因公外出不计入请假天数")
            else:
                approver = leave.required_approver(self.ledger, counted)
                if approver:
                    text += self.tr("；需由“{approver}”审批").format(approver=approver)
            back = self._date("return_date")
            if back is not None:
                back_half = self.fields["return_half"].get() or AM
                first = slot(start, self.fields["start_half"].get() or AM)
                last = slot(back, back_half) - 1
                if last >= first:
                    actual = self.calendar.count_slots(first, last)
                    text += self.tr("；实际休假 {days} 个工作日").format(days=days_text(actual))
            years = self.calendar.fallback_years(range(start.year, end.year + 1))
            if years:
                notes.append(
                    self.tr(
                        "{years} 年的法定节假日安排尚未内置：按周一至周五计算，并采用“设置”中填写的节假日和调休。"
                    ).format(years="、".join(str(y) for y in years))
                )
        self.days_label.setText(text)
        self.calendar_note.setText("\n".join(notes))
        self.calendar_note.setVisible(bool(notes))

    # -- actions on the stored request ---------------------------------------------------------------
    @Slot()
    def _update_action_buttons(self) -> None:
        stored = not self.is_new()
        clean = stored and not self.is_dirty()
        for action, button in self.action_buttons.items():
            button.setVisible(stored)
            button.setEnabled(clean and self._status in ACTION_STATUSES[action])
            button.setToolTip(
                self.tr("先保存或撤回修改，再办理审批、销假或备案")
                if stored and not clean
                else action_tooltip(action)
            )

    def _on_action_key(self, action: str) -> None:
        button = self.action_buttons[action]
        if button.isVisible() and button.isEnabled():
            self.start_action(action)
        elif not self.is_new() and self.is_dirty():
            self.operations.report(self.tr("先保存或撤回修改，再办理审批、销假或备案"))

    def start_action(self, action: str) -> LeaveActionDialog | None:
        if self.record_id is None or self.is_dirty():
            return None
        dialog = LeaveActionDialog(
            self.ledger, self.operations, self.record_id, action, self.version, self.window()
        )
        dialog.done_action.connect(self._on_action_done)
        dialog.finished.connect(dialog.deleteLater)
        self._action_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_action_done(self, record: LeaveRequest) -> None:
        self.load(record.id)
        self.action_done.emit(record.status)


# -- the action dialog ---------------------------------------------------------------------------------


class LeaveActionDialog(QDialog):
    """批准 / 不批准 (approver and date), 销假 (date and half-day) or 备案 (date) of one request.
    Opened with ``open()``; ``done_action(request)`` after the change was saved."""

    done_action = Signal(object)

    def __init__(
        self,
        ledger: Ledger,
        operations: Operations,
        request_id: uuid.UUID,
        action: str,
        expected_version: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"leaveAction_{action}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ledger = ledger
        self.operations = operations
        self.request_id = request_id
        self.action = action
        self.request = leave.leave_requests.get(ledger, request_id)
        self.expected_version = (
            expected_version if expected_version is not None else self.request.version
        )
        labels = leave.leave_requests.labels
        lang = current_language()
        today = clock.today()

        self.summary = QLabel(leave.leave_requests.summary(self.request))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("actionSummary")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}

        def add(name: str, editor: QWidget) -> None:
            editor.setObjectName(f"field_{name}")
            error = ErrorLabel()
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            caption = QLabel(
                QCoreApplication.translate("RecordForm", "{label}：").format(
                    label=labels[name]().text(lang)
                )
            )
            caption.setBuddy(editor)
            form.addRow(caption, cell)
            self.editors[name] = editor
            self.errors[name] = error
            # A message goes as soon as what it is about is changed.
            changed = (
                editor.currentIndexChanged if isinstance(editor, QComboBox) else editor.textChanged
            )
            changed.connect(lambda *_args, n=name: self._on_editor_changed(n))

        if action in ("approve", "reject"):
            approver = QLineEdit(self.request.approver or self._rule_approver())
            add("approver", approver)
            date = DateLine()
            date.set_date(today)
            add("approval_date", date)
        elif action == "return":
            date = DateLine()
            date.set_date(today)
            add("return_date", date)
            half = choice_combo("half_day")
            half.setCurrentIndex(half.findData(AM if clock.now().hour < 12 else PM))
            add("return_half", half)
        else:
            date = DateLine()
            date.set_date(self.request.filed_date or today)
            add("filed_date", date)

        self.general_error = ErrorLabel()
        self.key_hint = QLabel(form_keys_hint(self._ok_text()))
        self.key_hint.setObjectName("keyHint")
        self.key_hint.setEnabled(False)
        self.ok_button = QPushButton(self._ok_text())
        self.ok_button.setObjectName("actionOk")
        self.ok_button.setAutoDefault(False)
        self.ok_button.clicked.connect(self.take_action)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("actionCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.key_hint)
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        # The dialog grows with a message of several lines instead of squeezing it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.take_action)
        self.setWindowTitle(self._title())
        self.setMinimumWidth(420)
        first = next(iter(self.editors.values()))
        first.setFocus()
        if isinstance(first, QLineEdit):
            first.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if form_key(self, event, self.take_action):
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_editor_changed(self, name: str) -> None:
        self.errors[name].clear()
        self.general_error.clear()

    def _rule_approver(self) -> str:
        return leave.required_approver(self.ledger, leave.counted_days(self.request)) or ""

    def _title(self) -> str:
        return {
            "approve": self.tr("批准请假"),
            "reject": self.tr("不批准请假"),
            "return": self.tr("销假"),
            "file": self.tr("备案"),
        }[self.action]

    def _ok_text(self) -> str:
        return {
            "approve": self.tr("批准"),
            "reject": self.tr("不批准"),
            "return": self.tr("销假"),
            "file": self.tr("备案"),
        }[self.action]

    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    @Slot()
    def take_action(self) -> bool:
        for editor in self.editors.values():
            if isinstance(editor, DateLine):
                editor.complete_short()
        ledger, rid, version = self.ledger, self.request_id, self.expected_version
        calls = {
            "approve": lambda: leave.approve(
                ledger,
                rid,
                self.value("approver"),
                self.value("approval_date"),
                expected_version=version,
            ),
            "reject": lambda: leave.reject(
                ledger,
                rid,
                self.value("approver"),
                self.value("approval_date"),
                expected_version=version,
            ),
            "return": lambda: leave.record_return(
                ledger,
                rid,
                self.value("return_date"),
                self.value("return_half"),
                expected_version=version,
            ),
            "file": lambda: leave.file_request(
                ledger, rid, self.value("filed_date") or None, expected_version=version
            ),
        }
        problems: list[str] = []
        self.operations.problem.connect(problems.append)
        try:
            record = self.operations.run(
                calls[self.action], kind="leave", description=self._done_text()
            )
        except ValidationError as exc:
            shown = set()
            for name, label in self.errors.items():
                messages = exc.for_field(name)
                label.show_messages(messages)
                if messages:
                    shown.add(name)
            others = [e.message for e in exc.errors if e.field not in shown]
            self.general_error.show_messages(others)
            return False
        finally:
            self.operations.problem.disconnect(problems.append)
        if record is None:
            self.general_error.show_messages(problems)
            return False
        self.done_action.emit(record)
        self.accept()
        return True

    def _done_text(self) -> str:
        return {
            "approve": self.tr("已批准请假"),
            "reject": self.tr("已记录不批准"),
            "return": self.tr("已销假"),
            "file": self.tr("已备案"),
        }[self.action]


__all__ = [
    "ACTIONS",
    "ACTION_KEYS",
    "ACTION_STATUSES",
    "LeaveActionDialog",
    "LeaveForm",
    "action_key",
    "action_keys_hint",
    "action_text",
    "action_tooltip",
    "overdue_text",
]
