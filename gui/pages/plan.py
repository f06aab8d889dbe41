"""年度计划: the group's year plan — every measure with done / expected so far / due (db.queries.plan, as of
the program's clock), the starting plan to take, an editor for the selected measure, and the manual
ticks of measures that no record shows."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.common import clock
from db.common.errors import ValidationError
from db.queries.plan import BEHIND, DONE, MeasureProgress, PlanProgress, plan_progress
from db.queries.statistics import Roster
from db.rules import vocab
from db.services import plans
from db.services.groups import work_groups
from gui.pages.base import Page, PageAction, PageContext
from gui.widgets import ErrorLabel

COLUMNS = 9


class PlanPage(Page):
    kinds = None  # every record may count toward a measure
    supported_actions = frozenset({PageAction.NEW, PageAction.SAVE, PageAction.DELETE})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.progress: PlanProgress | None = None
        self.heading = self.make_heading()
        self.year_choice = QComboBox()
        self.year_choice.setObjectName("planYear")
        self.year_choice.currentIndexChanged.connect(self._on_year_choice_changed)
        self.take_button = QPushButton()
        self.take_button.setObjectName("planTakeStarting")
        self.take_button.clicked.connect(self._on_take_button_clicked)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("planSummary")
        self.summary_label.setWordWrap(True)
        self.page_error = ErrorLabel()

        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("planTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)

        # The editor of one measure.
        self.editor_box = QGroupBox()
        self.wording = QLineEdit()
        self.wording.setObjectName("measureWording")
        self.binds = QComboBox()
        self.period = QComboBox()
        self.count = QSpinBox()
        self.count.setRange(0, plans.MAX_COUNT)
        self.source = QComboBox()
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.filter = QComboBox()
        self.notes = QLineEdit()
        self.editor_labels = [QLabel() for _ in range(7)]
        form = QFormLayout()
        for label, widget in zip(
            self.editor_labels,
            (
                self.wording,
                self.binds,
                self.period,
                self.count,
                self.source,
                self.filter,
                self.notes,
            ),
            strict=True,
        ):
            form.addRow(label, widget)
        self.editor_error = ErrorLabel()
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_record)
        self.save_button = QPushButton()
        self.save_button.setObjectName("measureSave")
        self.save_button.clicked.connect(self.save_record)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        editor_layout = QVBoxLayout(self.editor_box)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.editor_error)
        editor_layout.addLayout(buttons)

        # Ticking a manual measure.
        self.tick_box = QGroupBox()
        self.tick_member = QComboBox()
        self.tick_member.setObjectName("tickMember")
        self.tick_date = QDateEdit()
        self.tick_date.setCalendarPopup(True)
        self.tick_date.setDisplayFormat("yyyy-MM-dd")
        self.tick_note = QLineEdit()
        self.tick_button = QPushButton()
        self.tick_button.setObjectName("tickSave")
        self.tick_button.clicked.connect(self._on_tick_button_clicked)
        self.tick_error = ErrorLabel()
        self.tick_labels = [QLabel() for _ in range(3)]
        tick_form = QFormLayout()
        for label, widget in zip(
            self.tick_labels, (self.tick_member, self.tick_date, self.tick_note), strict=True
        ):
            tick_form.addRow(label, widget)
        tick_layout = QVBoxLayout(self.tick_box)
        tick_layout.addLayout(tick_form)
        tick_layout.addWidget(self.tick_error)
        tick_row = QHBoxLayout()
        tick_row.addStretch()
        tick_row.addWidget(self.tick_button)
        tick_layout.addLayout(tick_row)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch()
        top.addWidget(self.year_choice)
        top.addWidget(self.take_button)
        lower = QHBoxLayout()
        lower.addWidget(self.editor_box, 3)
        lower.addWidget(self.tick_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.page_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(lower)
        self.retranslate_ui()

    # -- texts ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("年度计划"))
        self.take_button.setText(self.tr("采用起始计划（细化措施二十条）"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("序号"),
                self.tr("措施"),
                self.tr("对象"),
                self.tr("周期"),
                self.tr("计入"),
                self.tr("已完成"),
                self.tr("至今应完成"),
                self.tr("全年应完成"),
                self.tr("状态"),
            ]
        )
        self.editor_box.setTitle(self.tr("措施"))
        for label, text in zip(
            self.editor_labels,
            (
                self.tr("措施："),
                self.tr("对象："),
                self.tr("周期："),
                self.tr("次数："),
                self.tr("计入："),
                self.tr("类型："),
                self.tr("备注："),
            ),
            strict=True,
        ):
            label.setText(text)
        self.new_button.setText(self.tr("新增措施"))
        self.save_button.setText(self.tr("保存措施"))
        self.delete_button.setText(self.tr("删除措施"))
        self.tick_box.setTitle(self.tr("手动勾选"))
        for label, text in zip(
            self.tick_labels, (self.tr("成员："), self.tr("日期："), self.tr("说明：")), strict=True
        ):
            label.setText(text)
        self.tick_button.setText(self.tr("勾选"))
        lang = self.language()
        for combo, kind in (
            (self.binds, "plan_binds"),
            (self.period, "plan_period"),
            (self.source, "plan_source"),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for code in vocab.codes(kind):
                combo.addItem(vocab.label(kind, code, lang), code)
            if current is not None:
                combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._fill_filters()
        if self.progress is not None:
            self._show(self.progress)

    def status_text(self, status: str) -> str:
        if status == DONE:
            return self.tr("已完成")
        if status == BEHIND:
            return self.tr("滞后")
        return self.tr("推进中")

    # -- drawing ----------------------------------------------------------------------------------------
    def _years(self) -> list[int]:
        group = work_groups.current(self.ledger)
        today = clock.today()
        first = group.term_start.year if group.term_start else today.year
        last = group.term_end.year if group.term_end else today.year
        return list(range(min(first, last), max(first, last) + 1))

    def current_year(self) -> int:
        year = self.year_choice.currentData()
        return int(year) if year is not None else clock.today().year

    def refresh(self) -> None:
        years = self._years()
        if [self.year_choice.itemData(i) for i in range(self.year_choice.count())] != years:
            chosen = self.year_choice.currentData()
            today = clock.today().year
            self.year_choice.blockSignals(True)
            self.year_choice.clear()
            for year in years:
                self.year_choice.addItem(self.tr("{year} 年").format(year=year), year)
            wanted = chosen if chosen in years else (today if today in years else years[-1])
            self.year_choice.setCurrentIndex(years.index(wanted))
            self.year_choice.blockSignals(False)
        self.progress = plan_progress(self.ledger, self.current_year())
        self._show(self.progress)

    def _show(self, progress: PlanProgress) -> None:
        selected = self.selected_measure()
        self.take_button.setEnabled(not progress.stored or not progress.measures)
        behind = len(progress.with_status(BEHIND))
        done = len(progress.with_status(DONE))
        text = self.tr(
            "《{title}》共 {total} 项：已完成 {done} 项，推进中 {going} 项，滞后 {behind} 项。"
        ).format(
            title=progress.title,
            total=len(progress.measures),
            done=done,
            going=len(progress.measures) - done - behind,
            behind=behind,
        )
        if not progress.stored:
            text += " " + self.tr(
                "本年度还没有年度计划，按三项基本考核目标计算；可采用起始计划或新增措施。"
            )
        if not progress.term_set:
            text += " " + self.tr(
                "工作组未填写挂职起止日期，按全年计算；请在“设置 → 工作组”中填写。"
            )
        self.summary_label.setText(text)
        lang = self.language()
        self.table.setRowCount(len(progress.measures))
        for row, measure in enumerate(progress.measures):
            spec = measure.measure
            source = vocab.label("plan_source", spec.source, lang)
            kind = plans.FILTER_KINDS.get(spec.source)
            if spec.filter and kind:
                source += f"（{vocab.label(kind, spec.filter, lang)}）"
            values = [
                str(row + 1),
                spec.wording,
                vocab.label("plan_binds", spec.binds, lang),
                self.tr("{period} {count} 次").format(
                    period=vocab.label("plan_period", spec.period, lang), count=spec.count
                ),
                source,
                str(measure.done),
                str(measure.expected),
                str(measure.due),
                self.status_text(measure.status),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, spec.id)
                if column >= 5 and column < 8:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 8 and measure.status == BEHIND:
                    item.setToolTip("、".join(measure.behind_names()))
                self.table.setItem(row, column, item)
        ids = [m.measure.id for m in progress.measures]
        if selected is not None and selected.measure.id in ids:
            self.table.selectRow(ids.index(selected.measure.id))
        self._load_editor()

    def show_target(self, target: Any) -> None:
        """``{"year": 2026}`` shows that year's plan; with ``"measure_id"`` that measure is selected
        (the home page's card of measures behind leads here)."""
        if not isinstance(target, dict):
            return
        if self.progress is None:
            self.refresh()
        year = target.get("year")
        index = self.year_choice.findData(year) if isinstance(year, int) else -1
        if index >= 0 and index != self.year_choice.currentIndex():
            self.year_choice.setCurrentIndex(index)  # redraws that year
        measure_id = target.get("measure_id")
        if measure_id is None or self.progress is None:
            return
        ids = [m.measure.id for m in self.progress.measures]
        if measure_id in ids:
            row = ids.index(measure_id)
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, 0))
            self.table.setFocus()

    # -- selection and the editor ---------------------------------------------------------------------
    def selected_measure(self) -> MeasureProgress | None:
        if self.progress is None:
            return None
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.progress.measures[row] if row < len(self.progress.measures) else None

    def _fill_filters(self) -> None:
        source = self.source.currentData()
        kind = plans.FILTER_KINDS.get(source) if source else None
        current = self.filter.currentData()
        self.filter.clear()
        self.filter.addItem(self.tr("（不限）"), "")
        if kind:
            for code in vocab.codes(kind):
                self.filter.addItem(vocab.label(kind, code, self.language()), code)
        self.filter.setCurrentIndex(max(0, self.filter.findData(current)))
        self.filter.setEnabled(kind is not None)

    @Slot(int)
    def _on_source_changed(self, _index: int) -> None:
        self._fill_filters()

    def _set_combo(self, combo: QComboBox, code: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(code)))

    def _load_editor(self) -> None:
        measure = self.selected_measure()
        self.editor_error.clear()
        self.tick_error.clear()
        spec = measure.measure if measure is not None else None
        stored = spec is not None and spec.id is not None
        self.wording.setText(spec.wording if spec else "")
        self._set_combo(self.binds, spec.binds if spec else "member")
        self._set_combo(self.period, spec.period if spec else "month")
        self.count.setValue(spec.count if spec else 1)
        self._set_combo(self.source, spec.source if spec else "manual")
        self._fill_filters()
        self._set_combo(self.filter, spec.filter if spec else "")
        self.notes.setText(spec.notes if spec else "")
        self.delete_button.setEnabled(stored)
        manual = stored and spec.source == "manual"
        self.tick_box.setEnabled(manual)
        self.tick_member.clear()
        if manual and spec.binds == "member":
            roster = Roster(self.ledger)
            for member in roster.group_members(None, None):
                self.tick_member.addItem(member.name, member.id)
        self.tick_member.setEnabled(self.tick_member.count() > 0)
        self.tick_date.setDate(_qdate(clock.today()))

    @Slot()
    def _on_table_selection_changed(self) -> None:
        self._load_editor()
        self.actions_changed.emit()

    def can_do(self, action: PageAction) -> bool:
        if action == PageAction.DELETE:
            measure = self.selected_measure()
            return measure is not None and measure.measure.id is not None
        return action in self.supported_actions

    def new_record(self) -> None:
        self.table.clearSelection()
        self._load_editor()
        self.wording.setFocus()

    def _plan_id(self) -> Any:
        """The year's stored plan, made (named 年度计划, with the basic measures it counted by so
        far) the first time a measure is added to a year without one."""
        year = self.current_year()
        plan = plans.plan_of_year(self.ledger, year)
        if plan is not None:
            return plan.id
        made = self.operations.run(
            lambda: plans.take_plan(self.ledger, year, plans.BASIC_MEASURES, plans.BASIC_TITLE),
            kind="plan",
        )
        return made.id if made is not None else None

    def save_record(self) -> None:
        measure = self.selected_measure()
        record_id = measure.measure.id if measure is not None else None
        values = {
            "wording": self.wording.text(),
            "binds": self.binds.currentData(),
            "period": self.period.currentData(),
            "count": self.count.value(),
            "source": self.source.currentData(),
            "filter": self.filter.currentData() or "",
            "notes": self.notes.text(),
        }
        self.editor_error.clear()
        plan_id = self._existing_plan_id()
        if plan_id is None:
            # The first measure of a year without a plan: check it before the plan is made.
            try:
                plans.measures.validate(self.ledger, {**values, "plan": None})
            except ValidationError as exc:
                problems = [e.message for e in exc.errors if e.field != "plan"]
                if problems:
                    self.editor_error.show_messages(problems)
                    return
            plan_id = self._plan_id()
            if plan_id is None:
                return
            if measure is not None and self.progress is not None:
                # A basic measure, shown before the plan existed: edit its stored copy.
                position = self.progress.measures.index(measure)
                record_id = plans.measures_of(plan_id)[position].id
        try:
            saved = self.operations.save(
                "plan_measure",
                {**values, "plan": plan_id},
                record_id=record_id,
                description=self.tr("措施已保存"),
            )
        except ValidationError as exc:
            self.editor_error.show_messages([e.message for e in exc.errors])
            return
        if saved is not None:
            self.refresh()
            ids = [m.measure.id for m in self.progress.measures] if self.progress else []
            if saved.id in ids:
                self.table.selectRow(ids.index(saved.id))

    def _existing_plan_id(self) -> Any:
        plan = plans.plan_of_year(self.ledger, self.current_year())
        return plan.id if plan is not None else None

    def delete_selected(self) -> None:
        measure = self.selected_measure()
        if measure is None or measure.measure.id is None:
            return
        if self.operations.delete("plan_measure", [measure.measure.id]):
            self.refresh()

    # -- the year and the starting plan ----------------------------------------------------------------
    @Slot(int)
    def _on_year_choice_changed(self, _index: int) -> None:
        self.refresh()

    @Slot()
    def _on_take_button_clicked(self) -> None:
        year = self.current_year()
        taken = self.operations.run(
            lambda: plans.take_starting_plan(self.ledger, year),
            kind="plan",
            description=self.tr("已采用起始计划"),
        )
        if taken is not None:
            self.refresh()

    # -- ticks --------------------------------------------------------------------------------------------
    @Slot()
    def _on_tick_button_clicked(self) -> None:
        measure = self.selected_measure()
        if measure is None or measure.measure.id is None:
            return
        day = self.tick_date.date()
        values = {
            "measure": measure.measure.id,
            "member": self.tick_member.currentData() if self.tick_member.count() else None,
            "date": datetime.date(day.year(), day.month(), day.day()),
            "note": self.tick_note.text(),
        }
        self.tick_error.clear()
        try:
            saved = self.operations.save("plan_tick", values, description=self.tr("已勾选"))
        except ValidationError as exc:
            self.tick_error.show_messages([e.message for e in exc.errors])
            return
        if saved is not None:
            self.tick_note.clear()
            self.refresh()


def _qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)
