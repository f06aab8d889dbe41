"""The form of an on-duty spot check (在岗抽查): when, how, by whom, and each checked member's result.

"随机抽取 N 人" picks members at random among those on the books that day (db.services.spotchecks);
every member added, at random or by name, arrives with the result the records already tell — 请假 for
approved leave at that time, 公出 for a business trip, else 在岗 — for the checker to confirm.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.common import clock, errors
from db.services.spotchecks import pick_random, prefill_results
from gui.dialogs.record_form import (
    DateLine,
    MemberRowsTable,
    RecordForm,
    choice_combo,
    set_combo_data,
)
from gui.widgets.member_picker import MemberPicker

DEFAULT_PICK = 3


class ResultsTable(MemberRowsTable):
    """成员 | 结果 | 说明 | (移除)."""

    def headers(self) -> list[str]:
        return [self.tr("成员"), self.tr("结果"), self.tr("说明"), ""]

    def column_widths(self) -> list[int]:
        unit = self.fontMetrics().averageCharWidth()
        return [unit * 14, unit * 14, unit * 40, unit * 5]

    def stretch_column(self) -> int:
        return 2

    def make_editors(self, row: int, values: Mapping[str, Any]) -> list[QWidget]:
        result = choice_combo("check_result")
        result.setObjectName("result")
        set_combo_data(result, values.get("result") or "on_duty")
        note = QLineEdit(str(values.get("note") or ""))
        note.setObjectName("note")
        note.setFrame(False)
        remove = QToolButton()
        remove.setObjectName("removeRow")
        remove.setAutoRaise(True)
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        remove.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        remove.setToolTip(self.tr("不抽查此人"))
        member_id = values.get("member")
        remove.clicked.connect(lambda _checked=False, m=member_id: self.remove_row(m))
        result.currentIndexChanged.connect(lambda _i, r=result: self.user_changed(r))
        note.textChanged.connect(lambda _t, n=note: self.user_changed(n))
        return [result, note, remove]

    def read_editors(self, editors: list[QWidget]) -> dict[str, Any]:
        result, note, _remove = editors
        assert isinstance(result, QComboBox) and isinstance(note, QLineEdit)
        return {"result": result.currentData() or "", "note": note.text().strip()}

    def result_combo(self, member_id: Any) -> QComboBox | None:
        editors = self.editors_of(member_id)
        return editors[0] if editors and isinstance(editors[0], QComboBox) else None


class SpotCheckForm(RecordForm):
    kind = "spotcheck"
    keep_fields = ("date", "method", "checker")
    initial_size = (760, 620)

    def build(self) -> None:
        self.date("date", required=True)
        self.time("time")
        self.choice("method", "check_method", required=True)
        self.line("checker")

        self.results = ResultsTable(self.members_model)
        self.results.setMinimumHeight(200)
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("pickCount")
        self.count_spin.setRange(1, 99)
        self.count_spin.setValue(DEFAULT_PICK)
        self.pick_button = QPushButton()
        self.pick_button.setObjectName("pickRandom")
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(self.pick_at_random)
        self.add_label = QLabel()
        self.add_picker = MemberPicker(self.members_model)
        self.add_picker.setObjectName("addChecked")
        self.add_picker.setMaximumWidth(220)
        self.add_picker.picked.connect(self._on_add_picker_picked)
        self.pick_message = QLabel()
        self.pick_message.setObjectName("pickMessage")
        self.pick_message.setWordWrap(True)
        holder = QWidget()
        holder.setProperty("tall", True)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        line = QHBoxLayout()
        line.addWidget(self.pick_button)
        line.addWidget(self.count_spin)
        line.addSpacing(16)
        line.addWidget(self.add_label)
        line.addWidget(self.add_picker)
        line.addStretch()
        box.addLayout(line)
        box.addWidget(self.pick_message)
        box.addWidget(self.results, 1)
        self.add_field(
            "results",
            holder,
            get=self.results.rows,
            set=lambda rows: self.results.set_rows(rows or [], touched=True),
            signal=self.results.changed,
            wide=True,
            focus=self.pick_button,
            required=True,
        )
        self._grid.setRowStretch(self._row - 2, 3)
        self.text("notes", lines=2)

    def field_focus(self, field: Any) -> list[QWidget]:
        if field.name == "results":
            return [
                self.pick_button,
                self.count_spin,
                self.add_picker,
                *self.results.focus_widgets(),
            ]
        return super().field_focus(field)

    def defaults(self) -> dict[str, Any]:
        now = clock.now()
        return {
            "date": now.date().isoformat(),
            "time": now.strftime("%H:%M"),
            "method": "phone",
            "checker": self.ledger.operator or "",
        }

    def retranslate_extra(self) -> None:
        self.pick_button.setText(self.tr("随机抽取"))
        self.count_spin.setSuffix(self.tr(" 人"))
        self.pick_button.setToolTip(self.tr("从当天在岗名单中随机抽取，已有的抽查名单将被替换"))
        self.add_label.setText(self.tr("添加："))
        self.add_picker.setPlaceholderText(self.tr("姓名或拼音首字母"))
        self.results.retranslate_ui()

    def reset(self, keep: Mapping[str, Any] | None = None) -> None:
        super().reset(keep)
        self.pick_message.clear()

    # -- whom to check ---------------------------------------------------------------------------------
    def _when(self) -> tuple[datetime.date | None, datetime.time | None]:
        editor = self.fields["date"].editor
        assert isinstance(editor, DateLine)
        text = self.fields["time"].get()
        at = None
        try:
            at = (
                datetime.datetime.strptime(text.replace("：", ":"), "%H:%M").time()
                if text
                else None
            )
        except ValueError:
            at = None
        return editor.date(), at

    @Slot()
    def pick_at_random(self) -> None:
        day, at = self._when()
        if day is None:
            self.pick_message.setText(self.tr("请先填写有效的抽查日期，再随机抽取。"))
            return
        try:
            chosen = pick_random(self.ledger, self.count_spin.value(), day)
            rows = prefill_results(self.ledger, day, [m.id for m in chosen], at=at)
        except errors.LedgerError as exc:
            self.pick_message.setText(exc.text())
            return
        self.results.set_rows(rows, touched=True)
        self._note_prefilled(rows)
        self.refresh_tab_order()
        self._on_field_changed("results")

    @Slot(object)
    def _on_add_picker_picked(self, choice: Any) -> None:
        self.add_picker.clear()
        day, at = self._when()
        if day is None:
            rows = [{"member": choice.id, "result": "on_duty", "note": ""}]
        else:
            rows = prefill_results(self.ledger, day, [choice.id], at=at)
        if self.results.add_row(rows[0]):
            self.refresh_tab_order()
            self.results.scrollToBottom()

    def _note_prefilled(self, rows: list[dict[str, Any]]) -> None:
        away = sum(1 for r in rows if r["result"] != "on_duty")
        if away:
            self.pick_message.setText(
                self.tr(
                    "已抽取 {count} 人，其中 {away} 人按请假或因公外出记录预填了结果，请核对。"
                ).format(count=len(rows), away=away)
            )
        else:
            self.pick_message.setText(
                self.tr("已抽取 {count} 人，请逐一核对结果。").format(count=len(rows))
            )


__all__ = ["ResultsTable", "SpotCheckForm"]
