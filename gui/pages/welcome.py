"""The welcome flow of a new ledger: 1) the work group (or a demo year to try things out), 2) its
party small groups, 3) its members, typed one by one or imported from a spreadsheet.

Until a group exists the window shows this page only. Each step saves as it goes (the group on
leaving the first step, each party small group as it is added), so a step can be skipped and the
flow left at any point; it can be opened again later (Help → 入门向导, or the home page of a ledger
without members), and then its first step edits the group's profile.

Keys, as in every form (shown under each step): Ctrl+Enter saves the step and goes on, Enter goes to
the next field (in the name of a party small group, Enter adds it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
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
from db.common.errors import LedgerError, ValidationError
from db.exchange import demo
from db.services import settings
from db.services.groups import work_groups
from db.services.members import members
from gui.dialogs.member_form import MemberForm
from gui.dialogs.record_form import RecordDialog
from gui.operations import ALL_KINDS
from gui.pages.base import Page, PageAction, PageContext
from gui.widgets import BusyIndicator, ErrorLabel, FieldForm, form_keys_hint
from gui.widgets.party_groups import PartyGroupsEditor

STEP_GROUP, STEP_PARTY, STEP_MEMBERS = range(3)
MAX_NAMES = 12  # members named on the last step (then "等 N 人")

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
    """See the module docstring. ``group_ready`` when a group exists (created on the first step,
    or a demo year loaded); ``finished`` when the flow is done or left for the home page."""

    group_ready = Signal()
    finished = Signal()
    kinds = frozenset({"work_group", "party_group", "member", "setting"})
    supported_actions = frozenset({PageAction.SAVE})

    def __init__(
        self, context: PageContext, parent: QWidget | None = None, *, step: int = STEP_GROUP
    ) -> None:
        super().__init__(context, parent)
        self._demo_task = None
        self._group_version: int | None = None
        self.step = STEP_GROUP
        self.member_dialog: RecordDialog | None = None
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self._heading = QLabel()
        self._heading.setObjectName("pageHeading")
        heading_font = self._heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.6)
        heading_font.setBold(True)
        self._heading.setFont(heading_font)
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self.steps_label = QLabel()
        self.steps_label.setObjectName("welcomeSteps")
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)

        # One step shown at a time (hidden ones take no room, as they would in a stack).
        self.step_widgets = [
            self._build_group_step(),
            self._build_party_step(),
            self._build_member_step(),
        ]

        column = QWidget()
        column.setMaximumWidth(760)
        column_layout = QVBoxLayout(column)
        column_layout.addWidget(self._heading)
        column_layout.addWidget(self._intro)
        column_layout.addWidget(self.steps_label)
        column_layout.addSpacing(8)
        for widget in self.step_widgets:
            column_layout.addWidget(widget)
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

        self._load_group()
        self.retranslate_ui()
        self.go_to(step)

    # -- building ------------------------------------------------------------------------------------------
    def _build_group_step(self) -> QWidget:
        # Create the group (or, opened again, edit its profile).
        self._create_box = QGroupBox()
        self.form = GroupProfileForm(with_bulletin=False)
        self.form.edited.connect(self._on_form_edited)
        self._operator_label = QLabel()
        self.operator_edit = QLineEdit(self.ledger.operator)
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

        # Or try the program on a demo year (an empty ledger only).
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

        step = QWidget()
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._create_box)
        layout.addWidget(self._demo_box)
        return step

    def _build_party_step(self) -> QWidget:
        self._party_box = QGroupBox()
        self._party_text = QLabel()
        self._party_text.setWordWrap(True)
        self.party_editor = PartyGroupsEditor(self.ledger, self.operations, with_leader=False)
        self.party_editor.setMinimumHeight(260)
        self.party_hint = QLabel()
        self.party_hint.setObjectName("keyHint")
        self.party_hint.setEnabled(False)
        self.party_hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.party_back = QPushButton()
        self.party_back.setObjectName("partyBack")
        self.party_back.clicked.connect(lambda: self.go_to(STEP_GROUP))
        self.party_next = QPushButton()
        self.party_next.setObjectName("partyNext")
        self.party_next.clicked.connect(lambda: self.go_to(STEP_MEMBERS))
        box_layout = QVBoxLayout(self._party_box)
        box_layout.addWidget(self._party_text)
        box_layout.addWidget(self.party_editor, 1)
        box_layout.addWidget(self.party_hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.party_back)
        buttons.addStretch()
        buttons.addWidget(self.party_next)
        box_layout.addLayout(buttons)
        step = QWidget()
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._party_box)
        return step

    def _build_member_step(self) -> QWidget:
        self._member_box = QGroupBox()
        self._member_text = QLabel()
        self._member_text.setWordWrap(True)
        self.type_button = QPushButton()
        self.type_button.setObjectName("typeMembers")
        self.type_button.clicked.connect(self._on_type_button_clicked)
        self._type_text = QLabel()
        self._type_text.setWordWrap(True)
        self._type_text.setEnabled(False)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importMembers")
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self._import_text = QLabel()
        self._import_text.setWordWrap(True)
        self._import_text.setEnabled(False)
        self.members_label = QLabel()
        self.members_label.setObjectName("welcomeMembers")
        self.members_label.setWordWrap(True)
        self.member_hint = QLabel()
        self.member_hint.setObjectName("keyHint")
        self.member_hint.setEnabled(False)
        self.member_hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.member_back = QPushButton()
        self.member_back.setObjectName("memberBack")
        self.member_back.clicked.connect(lambda: self.go_to(STEP_PARTY))
        self.finish_button = QPushButton()
        self.finish_button.setObjectName("finishWelcome")
        self.finish_button.clicked.connect(self._on_finish_button_clicked)

        ways = QVBoxLayout()
        ways.setSpacing(4)
        for button, text in (
            (self.type_button, self._type_text),
            (self.import_button, self._import_text),
        ):
            row = QHBoxLayout()
            button.setMinimumWidth(220)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            ways.addLayout(row)
            ways.addSpacing(6)
        box_layout = QVBoxLayout(self._member_box)
        box_layout.addWidget(self._member_text)
        box_layout.addLayout(ways)
        box_layout.addWidget(self.members_label)
        box_layout.addWidget(self.member_hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.member_back)
        buttons.addStretch()
        buttons.addWidget(self.finish_button)
        box_layout.addLayout(buttons)
        step = QWidget()
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._member_box)
        return step

    # -- texts ---------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self._heading.setText(self.tr("欢迎使用挂职工作组台账"))
        self._create_box.setTitle(self.tr("第一步：工作组"))
        self.form.retranslate_ui()
        self._operator_label.setText(self.tr("您的姓名（记入操作记录）："))
        self._demo_box.setTitle(self.tr("先试用示例数据"))
        self._demo_text.setText(
            self.tr(
                "示例数据是一个 20 名挂职干部（临时党支部共 26 人）的工作组一年的记录："
                "成员、学习交流、请销假、调研走访、亮点、报告和成果。"
                "只能载入空数据库；试用完毕请另建一个数据库正式使用。"
            )
        )
        self._year_label.setText(self.tr("年份："))
        self.demo_button.setText(self.tr("载入示例数据"))

        self._party_box.setTitle(self.tr("第二步：党小组"))
        self._party_text.setText(
            self.tr(
                "临时党支部下设的党小组：逐个填写名称，按 Enter 添加。成员表里的“党小组”从这里选；"
                "组长在录入成员后到“设置 → 党小组”中设置。没有党小组可以跳过这一步，以后再添加。"
            )
        )
        self.party_editor.retranslate_ui()
        self.party_back.setText(self.tr("上一步"))
        self.party_hint.setText(
            self.tr("Enter 添加 · Ctrl+Enter {next}").format(next=self.tr("下一步"))
        )

        self._member_box.setTitle(self.tr("第三步：成员"))
        self._member_text.setText(
            self.tr(
                "录入工作组的成员：逐个填写，或者从电子表格导入已有的成员名单。也可以以后再录入。"
            )
        )
        self.type_button.setText(self.tr("逐个录入成员…"))
        self._type_text.setText(
            self.tr("在成员表中填写一名成员；Ctrl+Shift+S 保存后接着填写下一名。")
        )
        self.import_button.setText(self.tr("从电子表格导入成员名单…"))
        self._import_text.setText(
            self.tr(
                "Excel、WPS 或 CSV 文件，一行一名成员，列名如：姓名、性别、政治面貌、派出单位及职务、"
                "挂职单位及职务、组内职务、党小组、联系电话。导入前先检查每一行。"
            )
        )
        self.member_back.setText(self.tr("上一步"))
        self._update_texts()

    def _update_texts(self) -> None:
        """The texts that follow the ledger: create or save, skip or go on, the members so far."""
        has_group = self.ledger.group_id is not None
        self._intro.setText(
            self.tr(
                "按三步开始使用：填写工作组的基本信息，建立党小组，录入成员。"
                "每一步都会立即保存，以后可在“设置”和“成员”页修改；党小组和成员也可以以后再录入。"
            )
            if has_group
            else self.tr(
                "这个数据库里还没有工作组。按三步开始使用：填写工作组的基本信息，建立党小组，录入成员"
                "（党小组和成员可以以后再录入）。也可以先载入一年的示例数据试用一下。"
            )
        )
        self.create_button.setText(
            self.tr("保存并继续") if has_group else self.tr("建立工作组并继续")
        )
        self._demo_box.setVisible(not has_group)
        self.form.key_hint.setText(form_keys_hint(self.create_button.text(), cancel=False))
        names = self.party_editor.names() if has_group else []
        self.party_next.setText(self.tr("下一步") if names else self.tr("跳过这一步"))
        people = members.ordered(self.ledger) if has_group else []
        if people:
            shown = "、".join(m.name for m in people[:MAX_NAMES])
            if len(people) > MAX_NAMES:
                shown = self.tr("{names}等 {count} 人").format(names=shown, count=len(people))
            self.members_label.setText(
                self.tr("已有 {count} 名成员：{names}").format(count=len(people), names=shown)
            )
        else:
            self.members_label.setText(self.tr("还没有成员。"))
        self.finish_button.setText(self.tr("完成") if people else self.tr("跳过，以后再录入"))
        self.member_hint.setText(
            self.tr("Ctrl+Enter {finish}").format(finish=self.finish_button.text())
        )
        self._show_steps()

    def _show_steps(self) -> None:
        titles = (self.tr("1 工作组"), self.tr("2 党小组"), self.tr("3 成员"))
        parts = [
            f"<b>{title}</b>" if index == self.step else f'<span style="color:gray">{title}</span>'
            for index, title in enumerate(titles)
        ]
        self.steps_label.setText(" &nbsp;›&nbsp; ".join(parts))

    # -- moving through the steps ------------------------------------------------------------------------
    def go_to(self, step: int) -> None:
        """Show a step (the later ones only once a group exists)."""
        if step != STEP_GROUP and self.ledger.group_id is None:
            step = STEP_GROUP
        self.step = step
        # Hiding the step that has the focus would hand it to the next widget of the window (the
        # navigation, which would then open its first page): the page holds it meanwhile.
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        for index, widget in enumerate(self.step_widgets):
            widget.setVisible(index == step)
        if step == STEP_PARTY:
            self.party_editor.reload()
        self._update_texts()
        self.focus_step()
        self.actions_changed.emit()

    def focus_step(self) -> None:
        """The cursor where the step starts: the group's name, a party small group's name, or
        the first way of entering members."""
        focus = {
            STEP_GROUP: self.form.editor("name"),
            STEP_PARTY: self.party_editor.name_edit,
            STEP_MEMBERS: self.type_button,
        }[self.step]
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.focus_step()

    def save_record(self) -> None:
        """Ctrl+Enter (or Ctrl+S): save the step and go on."""
        if self.step == STEP_GROUP:
            self._on_create_button_clicked()
        elif self.step == STEP_PARTY:
            self.go_to(STEP_MEMBERS)
        else:
            self._on_finish_button_clicked()

    def can_do(self, action: PageAction) -> bool:
        return action == PageAction.SAVE and not self.ledger.read_only

    def on_records_changed(self, kind: str) -> None:
        if not self.concerns(kind):
            return
        if kind in (ALL_KINDS, "work_group") and self.step == STEP_GROUP:
            self._load_group()
        self.party_editor.reload()
        self._update_texts()

    # -- the group ---------------------------------------------------------------------------------------
    def _load_group(self) -> None:
        if self.ledger.group_id is None:
            self._group_version = None
            return
        group = work_groups.current(self.ledger)
        self._group_version = group.version
        self.form.load(work_groups.snapshot(group))

    @Slot()
    def _on_form_edited(self) -> None:
        if self.step != STEP_GROUP:
            return  # checked a moment after the last keystroke: the step may be left by now
        try:
            work_groups.validate(self.ledger, self.form.values(), self.ledger.group_id)
        except ValidationError as exc:
            self.form.show_errors(exc, only=self.form.touched)
        except LedgerError:
            return  # the group is gone (another program): the save will say so
        else:
            self.form.clear_errors()

    @Slot()
    def _on_create_button_clicked(self) -> None:
        if self.operations.busy or self.ledger.read_only:
            return
        created = self.ledger.group_id is None
        self._general_error.clear()
        try:
            if created:
                values = self.form.values()
                group = self.operations.run(
                    lambda: work_groups.create_group(self.ledger, values),
                    kind="work_group",
                    description=self.tr("已建立工作组"),
                )
            else:
                # The profile's other fields (the bulletin's) are kept as they are.
                stored = work_groups.snapshot(work_groups.current(self.ledger))
                group = self.operations.save(
                    "work_group",
                    {**stored, **self.form.values()},
                    record_id=self.ledger.group_id,
                    expected_version=self._group_version,
                    description=self.tr("工作组信息已保存"),
                )
        except ValidationError as exc:
            self.form.show_errors(exc)
            self._general_error.show_messages(self.form.unplaced_errors(exc))
            return
        if group is None:
            return
        self._group_version = group.version
        operator = self.operator_edit.text().strip()
        if operator and operator != self.ledger.operator:
            stored_name = self.operations.run(
                lambda: settings.put(self.ledger, "operator", operator), kind="setting"
            )
            if stored_name is not None:
                self.ledger.operator = stored_name
        if created:
            self.group_ready.emit()
        self.go_to(STEP_PARTY)

    # -- the members -------------------------------------------------------------------------------------
    @Slot()
    def _on_type_button_clicked(self) -> None:
        """The member form itself (Ctrl+Shift+S saves and starts the next member)."""
        if self.ledger.read_only:
            return
        if self.member_dialog is not None and self.member_dialog.isVisible():
            self.member_dialog.activateWindow()
            return
        form = MemberForm(self.ledger, self.operations)
        dialog = RecordDialog(form, self.context.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_member_dialog_finished)
        self.member_dialog = dialog
        dialog.start_new()
        dialog.open()
        dialog.activateWindow()

    @Slot(int)
    def _on_member_dialog_finished(self, _result: int) -> None:
        self.member_dialog = None
        self._update_texts()
        self.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_import_button_clicked(self) -> None:
        """The import wizard of File → 导入台账… (a member list is a ledger of one sheet)."""
        self.context.command("import")

    @Slot()
    def _on_finish_button_clicked(self) -> None:
        self.finished.emit()

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
        # The demo year has its party small groups and members: nothing is left to the flow.
        self.group_ready.emit()
        self.finished.emit()

    def _on_demo_problem(self, _exc: BaseException) -> None:
        self.busy.stop()
        self._set_working(False)

    def _set_working(self, working: bool) -> None:
        self._create_box.setEnabled(not working)
        self.demo_button.setEnabled(not working)
        self.year_spin.setEnabled(not working)
        self.setCursor(Qt.CursorShape.BusyCursor if working else Qt.CursorShape.ArrowCursor)
