"""The form of a study session (学习交流) with its attendance.

Everyone expected on the date (the active members of the scope) is listed and present by default; a
member with approved leave that day is already marked absent with 请假 (公务 for a business trip), so
the secretary only marks the others who were missing. Changing the date, the start time or the scope
lists the members expected then, keeping what the secretary marked for members still listed.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.common import clock, errors
from db.common.messages import current_language
from db.rules import vocab
from db.services.groups import party_groups
from db.services.sessions import expected_attendance
from gui.dialogs.record_form import (
    DateLine,
    MemberRowsTable,
    RecordForm,
    centered,
    choice_combo,
    held,
    inner,
    set_combo_data,
)
from gui.widgets.member_picker import MemberPicker

# A start time typed as 9:00 or 14:30; anything else lists the whole day's absences.
TIME_FORMATS = ("%H:%M", "%H：%M")


class AttendanceTable(MemberRowsTable):
    """成员 | 出席 | 缺席原因 | 说明. Unticking 出席 (a click, or Space on the member's row) asks for
    a reason: the cursor goes to it, where the reason is picked by typing ("qj" 请假) or Up/Down;
    Tab goes on to the note."""

    def headers(self) -> list[str]:
        return [self.tr("成员"), self.tr("出席"), self.tr("缺席原因"), self.tr("说明")]

    def column_widths(self) -> list[int]:
        unit = self.fontMetrics().averageCharWidth()
        return [unit * 14, unit * 8, unit * 16]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setToolTip(
            self.tr("↑↓ 选择成员，空格键切换出席/缺席；缺席原因可输入拼音首字母（如 qj 请假）")
        )

    def make_editors(self, row: int, values: Mapping[str, Any]) -> list[QWidget]:
        present = QCheckBox()
        present.setObjectName("present")
        present.setChecked(bool(values.get("present", True)))
        present.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space on the row toggles it
        reason = choice_combo("absence_reason", empty=lambda: "")
        reason.setObjectName("absenceReason")
        set_combo_data(reason, values.get("absence_reason") or "")
        note = QLineEdit(str(values.get("note") or ""))
        note.setObjectName("note")
        note.setFrame(False)
        editors = [centered(present), held(reason), held(note)]
        self._sync(present, reason, note)  # (once they have a parent: see ListPage)
        present.toggled.connect(lambda _on, p=present, r=reason, n=note: self._on_present(p, r, n))
        reason.currentIndexChanged.connect(lambda _i, r=reason: self.user_changed(r))
        note.textChanged.connect(lambda _t, n=note: self.user_changed(n))
        return editors

    def activate_row(self, row: int) -> None:
        box = inner(self.cellWidget(row, 1))
        assert isinstance(box, QCheckBox)
        box.toggle()

    def _sync(self, present: QCheckBox, reason: QComboBox, note: QLineEdit) -> None:
        # A present member's reason and note are not asked for: the cells stay empty.
        absent = not present.isChecked()
        reason.setVisible(absent)
        note.setVisible(absent)
        if not absent:
            reason.setCurrentIndex(0)

    def _on_present(self, present: QCheckBox, reason: QComboBox, note: QLineEdit) -> None:
        self._sync(present, reason, note)
        holder = present.parentWidget()
        assert holder is not None
        self.user_changed(holder)
        if not present.isChecked() and not self._filling:
            reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def read_editors(self, editors: list[QWidget]) -> dict[str, Any]:
        present, reason, note = (inner(e) for e in editors)
        assert isinstance(present, QCheckBox)
        assert isinstance(reason, QComboBox) and isinstance(note, QLineEdit)
        return {
            "present": present.isChecked(),
            "absence_reason": "" if present.isChecked() else (reason.currentData() or ""),
            "note": note.text().strip(),
        }

    def present_box(self, member_id: Any) -> QCheckBox | None:
        editors = self.editors_of(member_id)
        box = inner(editors[0]) if editors else None
        return box if isinstance(box, QCheckBox) else None

    def reason_combo(self, member_id: Any) -> QComboBox | None:
        editors = self.editors_of(member_id)
        combo = inner(editors[1]) if editors else None
        return combo if isinstance(combo, QComboBox) else None

    def note_line(self, member_id: Any) -> QLineEdit | None:
        editors = self.editors_of(member_id)
        line = inner(editors[2]) if editors else None
        return line if isinstance(line, QLineEdit) else None


class SessionForm(RecordForm):
    kind = "session"
    keep_fields = ("date", "kind", "form")
    initial_size = (860, 760)

    def build(self) -> None:
        self.choice("kind", "session_kind", required=True)
        self.date("date", required=True)
        self.time("start_time")
        self.time("end_time")
        self.choice("form", "session_form")
        self.scope = QComboBox()
        self.add_field(
            "scope",
            self.scope,
            get=lambda: self.scope.currentData() or "",
            set=self._set_scope,
            signal=self.scope.currentIndexChanged,
        )
        self.line("topic", wide=True, required=True)
        self.line("place")
        self.hours = self.number("training_hours")
        self.line("host")
        self.line("recorder")

        self.attendance = AttendanceTable(self.members_model)
        self.attendance.setMinimumHeight(220)
        self.attendance.changed.connect(self._on_attendance_changed)
        self.attendance_summary = QLabel()
        self.attendance_summary.setObjectName("attendanceSummary")
        self.add_picker = MemberPicker(self.members_model)
        self.add_picker.setObjectName("addAttendee")
        self.add_picker.setMaximumWidth(220)
        self.add_picker.picked.connect(self._on_add_picker_picked)
        self.add_label = QLabel()
        holder = QWidget()
        holder.setProperty("tall", True)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        line = QHBoxLayout()
        line.addWidget(self.attendance_summary, 1)
        line.addWidget(self.add_label)
        line.addWidget(self.add_picker)
        box.addLayout(line)
        box.addWidget(self.attendance, 1)
        self.add_field(
            "attendance",
            holder,
            get=self.attendance.rows,
            set=self._set_attendance,
            signal=self.attendance.changed,
            wide=True,
            focus=self.attendance,
        )
        self._grid.setRowStretch(self._row - 2, 3)
        self.text("content", lines=3)
        self._fill_scopes()

    def field_focus(self, field: Any) -> list[QWidget]:
        if field.name == "attendance":
            return [self.add_picker, *self.attendance.focus_widgets()]
        return super().field_focus(field)

    def _fill_scopes(self) -> None:
        self.scope.clear()
        self.scope.addItem(self.tr("全支部"), "")
        for group in party_groups.ordered(self.ledger):
            self.scope.addItem(group.name, str(group.id))

    def _set_scope(self, value: Any) -> None:
        index = self.scope.findData("" if value is None else str(value))
        self.scope.setCurrentIndex(max(index, 0))

    def _set_attendance(self, rows: Any) -> None:
        self.attendance.set_rows(rows or [], touched=True)

    def retranslate_extra(self) -> None:
        if self.scope.count():
            self.scope.setItemText(0, self.tr("全支部"))
        self.add_label.setText(self.tr("添加出席人员："))
        self.add_picker.setPlaceholderText(self.tr("姓名或拼音首字母"))
        self.attendance.retranslate_ui()
        self._update_summary()

    def defaults(self) -> dict[str, Any]:
        return {"date": clock.today().isoformat(), "kind": "collective", "form": "offline"}

    def reset(self, keep: Mapping[str, Any] | None = None) -> None:
        super().reset(keep)
        self._recompute(keep_marks=False)
        self.mark_clean()

    # -- attendance follows the date, the time and the scope --------------------------------------------
    def on_field_changed(self, name: str) -> None:
        if name in ("", "kind"):
            training = self.fields["kind"].get() == "training"
            self.hours.setEnabled(training)
            if not training and self.hours.text():
                self.hours.clear()
        if name in ("date", "start_time", "scope"):
            self._recompute(keep_marks=True)

    def _start_time(self) -> datetime.time | None:
        text = self.fields["start_time"].get()
        for pattern in TIME_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).time()
            except ValueError:
                continue
        return None

    def _recompute(self, *, keep_marks: bool) -> None:
        editor = self.fields["date"].editor
        assert isinstance(editor, DateLine)
        day = editor.date()
        if day is None:
            return  # not a date yet: the list stays as it is
        scope = self.fields["scope"].get() or None
        try:
            rows = expected_attendance(self.ledger, day, scope, at=self._start_time())
        except (errors.LedgerError, ValueError):
            return
        if keep_marks:
            self.attendance.merge(rows)
        else:
            self.attendance.set_rows(rows)
        self.refresh_tab_order()

    @Slot(object)
    def _on_add_picker_picked(self, choice: Any) -> None:
        self.add_picker.clear()
        if self.attendance.add_row(
            {"member": choice.id, "present": True, "absence_reason": "", "note": ""}
        ):
            self.refresh_tab_order()
            self.attendance.scrollToBottom()

    @Slot()
    def _on_attendance_changed(self) -> None:
        self._update_summary()

    def _update_summary(self) -> None:
        rows = self.attendance.rows()
        absent = [r for r in rows if not r["present"]]
        lang = current_language()
        reasons = {}
        for row in absent:
            code = row["absence_reason"]
            reasons[code] = reasons.get(code, 0) + 1
        no_reason = self.tr("未填原因")
        parts = [
            f"{vocab.label('absence_reason', code, lang) if code else no_reason} {count}"
            for code, count in reasons.items()
        ]
        text = self.tr("应到 {expected} 人，出席 {present} 人，缺席 {absent} 人").format(
            expected=len(rows), present=len(rows) - len(absent), absent=len(absent)
        )
        if parts:
            text += self.tr("（{reasons}）").format(reasons="，".join(parts))
        self.attendance_summary.setText(text)

    def absentees(self) -> list[uuid.UUID]:
        return [r["member"] for r in self.attendance.rows() if not r["present"]]


__all__ = ["AttendanceTable", "SessionForm"]
