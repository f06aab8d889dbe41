"""The first page of a new, empty ledger: create the work group, or load a demo year to try things out.

Never empty tables with no way forward: until a group exists the window shows this page only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.common import clock
from db.common.errors import ValidationError
from db.exchange import demo
from db.services import settings
from db.services.groups import work_groups
from gui.pages.base import Page, PageAction, PageContext
from gui.widgets import BusyIndicator, ErrorLabel, FieldForm

GROUP_FIELDS = (
    "name",
    "batch",
    "sending_place",
    "host_place",
    "term_start",
    "term_end",
    "branch_name",
    "team_name",
    "bulletin_title",
    "bulletin_unit",
)


class GroupProfileForm(FieldForm):
    """The work group's profile, with the core's labels; used here and in Settings."""

    def __init__(self, parent: QWidget | None = None, *, with_bulletin: bool = True) -> None:
        super().__init__(parent)
        labels = work_groups.labels
        self.add_line(
            "name",
            labels["name"],
            required=True,
            placeholder=lambda: self.tr("如：商洛市赴南京市挂职工作组"),
        )
        self.add_line("batch", labels["batch"], placeholder=lambda: self.tr("如：第七批"))
        self.add_line("sending_place", labels["sending_place"])
        self.add_line("host_place", labels["host_place"])
        self.add_line(
            "term_start", labels["term_start"], placeholder=lambda: self.tr("如：2025-01-01")
        )
        self.add_line("term_end", labels["term_end"], placeholder=lambda: self.tr("如：2025-12-31"))
        self.add_line("branch_name", labels["branch_name"])
        self.add_line("team_name", labels["team_name"])
        if with_bulletin:
            self.add_line("bulletin_title", labels["bulletin_title"])
            self.add_line("bulletin_unit", labels["bulletin_unit"])

    def load(self, snapshot: dict[str, Any]) -> None:
        self.set_values({name: snapshot.get(name) for name in self.names()})


class WelcomePage(Page):
    """Shown while the ledger has no work group. ``group_ready`` when one exists."""

    group_ready = Signal()
    supported_actions = frozenset({PageAction.SAVE})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._demo_task = None

        self._heading = QLabel()
        self._heading.setObjectName("pageHeading")
        heading_font = self._heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.6)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._intro = QLabel()
        self._intro.setWordWrap(True)

        # Create the group.
        self._create_box = QGroupBox()
        self.form = GroupProfileForm(with_bulletin=False)
        self.form.edited.connect(self._on_form_edited)
        self._operator_label = QLabel()
        self.operator_edit = QLineEdit(context.ledger.operator)
        self.operator_edit.setObjectName("field_operator")
        self.form.add_widget_row(self._operator_label, self.operator_edit)
        self._general_error = ErrorLabel()
        self.create_button = QPushButton()
        self.create_button.setObjectName("createGroup")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._on_create_button_clicked)
        create_layout = QVBoxLayout(self._create_box)
        create_layout.addWidget(self.form)
        create_layout.addWidget(self._general_error)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.create_button)
        create_layout.addLayout(buttons)

        # Or try the program on a demo year.
        self._demo_box = QGroupBox()
        self._demo_text = QLabel()
        self._demo_text.setWordWrap(True)
        self._year_label = QLabel()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(clock.today().year)
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("loadDemo")
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.busy = BusyIndicator()
        demo_layout = QVBoxLayout(self._demo_box)
        demo_layout.addWidget(self._demo_text)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self._year_label)
        demo_row.addWidget(self.year_spin)
        demo_row.addStretch()
        demo_row.addWidget(self.demo_button)
        demo_layout.addLayout(demo_row)
        demo_layout.addWidget(self.busy)

        column = QWidget()
        column.setMaximumWidth(760)
        column_layout = QVBoxLayout(column)
        column_layout.addWidget(self._heading)
        column_layout.addWidget(self._intro)
        column_layout.addSpacing(8)
        column_layout.addWidget(self._create_box)
        column_layout.addWidget(self._demo_box)
        column_layout.addStretch()

        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.addStretch()
        holder_layout.addWidget(column, 10)
        holder_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.retranslate_ui()
        self.form.editor("name").setFocus()

    def retranslate_ui(self) -> None:
        self._heading.setText(self.tr("欢迎使用挂职工作组台账"))
        self._intro.setText(
            self.tr(
                "这个数据库里还没有工作组。请先填写工作组的基本信息（以后可在“设置”中修改），"
                "或者载入一年的示例数据，先试用一下。"
            )
        )
        self._create_box.setTitle(self.tr("建立工作组"))
        self.form.retranslate_ui()
        self._operator_label.setText(self.tr("您的姓名（记入操作记录）："))
        self.create_button.setText(self.tr("建立工作组"))
        self._demo_box.setTitle(self.tr("先试用示例数据"))
        self._demo_text.setText(
            self.tr(
                "示例数据是一个 20 人工作组一年的记录：成员、学习交流、请销假、调研走访、亮点、报告和成果。"
                "只能载入空数据库；试用完毕请另建一个数据库正式使用。"
            )
        )
        self._year_label.setText(self.tr("年份："))
        self.demo_button.setText(self.tr("载入示例数据"))

    def save_record(self) -> None:
        self._on_create_button_clicked()

    # -- creating the group ------------------------------------------------------------------------------
    @Slot()
    def _on_form_edited(self) -> None:
        try:
            work_groups.validate(self.ledger, self.form.values())
        except ValidationError as exc:
            self.form.show_errors(exc, only=self.form.touched)
        else:
            self.form.clear_errors()

    @Slot()
    def _on_create_button_clicked(self) -> None:
        if self.operations.busy:
            return
        values = self.form.values()
        self._general_error.clear()
        try:
            group = self.operations.run(
                lambda: work_groups.create_group(self.ledger, values),
                kind="work_group",
                description=self.tr("已建立工作组"),
            )
        except ValidationError as exc:
            self.form.show_errors(exc)
            self._general_error.show_messages(self.form.unplaced_errors(exc))
            return
        if group is None:
            return
        operator = self.operator_edit.text().strip()
        if operator:
            stored = self.operations.run(
                lambda: settings.put(self.ledger, "operator", operator), kind="setting"
            )
            if stored is not None:
                self.ledger.operator = stored
        self.group_ready.emit()

    # -- the demo year --------------------------------------------------------------------------------------
    @Slot()
    def _on_demo_button_clicked(self) -> None:
        if self.operations.busy:
            return
        year = self.year_spin.value()
        answer = QMessageBox.question(
            self,
            self.tr("载入示例数据"),
            self.tr("在这个数据库中生成 {year} 年的示例数据？这需要几秒钟。").format(year=year),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._set_working(True)
        self.busy.start(self.tr("正在生成示例数据……"))
        self._demo_task = self.operations.run_in_background(
            lambda: demo.fill(self.ledger, year),
            kind="*",
            description=self.tr("已载入 {year} 年的示例数据").format(year=year),
            on_done=self._on_demo_done,
            on_problem=self._on_demo_problem,
        )

    def _on_demo_done(self, _group: object) -> None:
        self.busy.stop()
        self._set_working(False)
        self.group_ready.emit()

    def _on_demo_problem(self, _exc: BaseException) -> None:
        self.busy.stop()
        self._set_working(False)

    def _set_working(self, working: bool) -> None:
        self._create_box.setEnabled(not working)
        self.demo_button.setEnabled(not working)
        self.year_spin.setEnabled(not working)
        self.setCursor(Qt.CursorShape.BusyCursor if working else Qt.CursorShape.ArrowCursor)
