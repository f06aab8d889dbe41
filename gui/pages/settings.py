"""Settings: the group's profile, party small groups, approval and target rules, holiday corrections,
the operator's name, the language, and backups. Every value is the core's (db.services.settings and the
services); each section saves through Operations, and its refusals are shown beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.common import clock
from db.common.errors import ValidationError
from db.common.messages import Message
from db.services import plans, settings
from db.services.calendar import calendar_days
from db.services.groups import work_groups
from gui.operations import OTHERS
from gui.pages.base import Page, PageAction, PageContext
from gui.pages.welcome import GroupProfileForm
from gui.widgets import ErrorLabel
from gui.widgets.party_groups import PartyGroupsEditor

LANGUAGE_NAMES = (("zh", "中文"), ("en", "English"))  # each in its own language, never translated
TARGET_KEYS = ("surveys_per_week", "highlights_per_month", "collective_meetings_per_month")
BACKUP_KEYS = ("recent", "daily", "weekly", "monthly")
SPIN_WIDTH = 120


def _scrolled(inner: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll


def _messages(exc: ValidationError) -> list[Message]:
    return [e.message for e in exc.errors]


class SettingsPage(Page):
    kinds = frozenset({"setting", "work_group", "party_group", "calendar_day"})
    supported_actions = frozenset({PageAction.SAVE})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._group_version: int | None = None
        self._shown: dict[str, Any] = {}  # each setting as the page last read or saved it
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(_scrolled(self._build_group_tab()), "")
        self.tabs.addTab(_scrolled(self._build_party_tab()), "")
        self.tabs.addTab(_scrolled(self._build_rules_tab()), "")
        self.tabs.addTab(_scrolled(self._build_calendar_tab()), "")
        self.tabs.addTab(_scrolled(self._build_general_tab()), "")
        self.tabs.addTab(_scrolled(self._build_backup_tab()), "")
        self.tabs.currentChanged.connect(lambda _index: self.actions_changed.emit())
        self.heading = self.make_heading()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

    # -- building ---------------------------------------------------------------------------------------
    def _build_group_tab(self) -> QWidget:
        tab = QWidget()
        self.group_form = GroupProfileForm()
        self.group_form.edited.connect(self._on_group_form_edited)
        self.group_error = ErrorLabel()
        self.group_save = QPushButton()
        self.group_save.setObjectName("saveGroup")
        self.group_save.clicked.connect(self._on_group_save_clicked)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.group_form)
        layout.addWidget(self.group_error)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.group_save)
        layout.addLayout(row)
        layout.addStretch()
        return tab

    def _build_party_tab(self) -> QWidget:
        tab = QWidget()
        self.party_intro = QLabel()
        self.party_intro.setWordWrap(True)
        self.party_editor = PartyGroupsEditor(self.ledger, self.operations)
        editor = self.party_editor
        self.party_list = editor.list
        self.party_name = editor.name_edit
        self.party_add = editor.add_button
        self.party_rename = editor.rename_button
        self.party_leader = editor.leader_button
        self.party_delete = editor.delete_button
        self.party_error = editor.error
        layout = QVBoxLayout(tab)
        layout.addWidget(self.party_intro)
        layout.addWidget(editor, 1)
        return tab

    def _build_rules_tab(self) -> QWidget:
        tab = QWidget()
        # Approval rules.
        self.rules_box = QGroupBox()
        self.rules_intro = QLabel()
        self.rules_intro.setWordWrap(True)
        self.rules_table = QTableWidget(0, 2)
        self.rules_table.setObjectName("approvalRules")
        self.rules_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rules_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.rules_table.verticalHeader().setVisible(False)
        self.rules_table.setMinimumHeight(150)
        self.rules_add = QPushButton()
        self.rules_add.clicked.connect(self._on_rules_add_clicked)
        self.rules_remove = QPushButton()
        self.rules_remove.clicked.connect(self._on_rules_remove_clicked)
        self.rules_save = QPushButton()
        self.rules_save.setObjectName("saveRules")
        self.rules_save.clicked.connect(self._on_rules_save_clicked)
        self.rules_error = ErrorLabel()
        rules_buttons = QHBoxLayout()
        rules_buttons.addWidget(self.rules_add)
        rules_buttons.addWidget(self.rules_remove)
        rules_buttons.addStretch()
        rules_buttons.addWidget(self.rules_save)
        rules_layout = QVBoxLayout(self.rules_box)
        rules_layout.addWidget(self.rules_intro)
        rules_layout.addWidget(self.rules_table)
        rules_layout.addWidget(self.rules_error)
        rules_layout.addLayout(rules_buttons)

        # Targets.
        self.targets_box = QGroupBox()
        self.target_spins: dict[str, QSpinBox] = {}
        self.target_labels: dict[str, QLabel] = {}
        targets_form = QFormLayout()
        for key in TARGET_KEYS:
            spin = QSpinBox()
            spin.setRange(0, 20)
            spin.setMaximumWidth(SPIN_WIDTH)
            spin.setObjectName(f"target_{key}")
            self.target_spins[key] = spin
            self.target_labels[key] = QLabel()
            targets_form.addRow(self.target_labels[key], spin)
        self.targets_save = QPushButton()
        self.targets_save.clicked.connect(self._on_targets_save_clicked)
        self.targets_error = ErrorLabel()
        targets_layout = QVBoxLayout(self.targets_box)
        targets_layout.addLayout(targets_form)
        targets_layout.addWidget(self.targets_error)
        targets_row = QHBoxLayout()
        targets_row.addStretch()
        targets_row.addWidget(self.targets_save)
        targets_layout.addLayout(targets_row)

        # Bulletin numbering.
        self.numbering_box = QGroupBox()
        self.numbering_restart = QCheckBox()
        self.numbering_first = QSpinBox()
        self.numbering_first.setRange(1, 999)
        self.numbering_first.setMaximumWidth(SPIN_WIDTH)
        self.numbering_first_label = QLabel()
        self.numbering_save = QPushButton()
        self.numbering_save.clicked.connect(self._on_numbering_save_clicked)
        numbering_form = QFormLayout()
        numbering_form.addRow(self.numbering_restart)
        numbering_form.addRow(self.numbering_first_label, self.numbering_first)
        numbering_layout = QVBoxLayout(self.numbering_box)
        numbering_layout.addLayout(numbering_form)
        numbering_row = QHBoxLayout()
        numbering_row.addStretch()
        numbering_row.addWidget(self.numbering_save)
        numbering_layout.addLayout(numbering_row)

        # The bulletin's 版记.
        self.colophon_box = QGroupBox()
        self.colophon_intro = QLabel()
        self.colophon_intro.setWordWrap(True)
        self.colophon_copy_to = QLineEdit()
        self.colophon_copy_to.setObjectName("colophonCopyTo")
        self.colophon_copy_to_label = QLabel()
        self.colophon_issuer = QLineEdit()
        self.colophon_issuer.setObjectName("colophonIssuer")
        self.colophon_issuer_label = QLabel()
        self.colophon_error = ErrorLabel()
        self.colophon_save = QPushButton()
        self.colophon_save.setObjectName("saveColophon")
        self.colophon_save.clicked.connect(self._on_colophon_save_clicked)
        colophon_form = QFormLayout()
        colophon_form.addRow(self.colophon_copy_to_label, self.colophon_copy_to)
        colophon_form.addRow(self.colophon_issuer_label, self.colophon_issuer)
        colophon_layout = QVBoxLayout(self.colophon_box)
        colophon_layout.addWidget(self.colophon_intro)
        colophon_layout.addLayout(colophon_form)
        colophon_layout.addWidget(self.colophon_error)
        colophon_row = QHBoxLayout()
        colophon_row.addStretch()
        colophon_row.addWidget(self.colophon_save)
        colophon_layout.addLayout(colophon_row)

        layout = QVBoxLayout(tab)
        layout.addWidget(self.rules_box)
        layout.addWidget(self.targets_box)
        layout.addWidget(self.numbering_box)
        layout.addWidget(self.colophon_box)
        layout.addStretch()
        return tab

    def _build_calendar_tab(self) -> QWidget:
        tab = QWidget()
        self.calendar_intro = QLabel()
        self.calendar_intro.setWordWrap(True)
        self.calendar_table = QTableWidget(0, 3)
        self.calendar_table.setObjectName("calendarDays")
        self.calendar_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.calendar_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.calendar_table.verticalHeader().setVisible(False)
        self.calendar_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.calendar_date = QLineEdit()
        self.calendar_date.setObjectName("calendarDate")
        self.calendar_kind = QComboBox()
        self.calendar_name = QLineEdit()
        self.calendar_add = QPushButton()
        self.calendar_add.clicked.connect(self._on_calendar_add_clicked)
        self.calendar_delete = QPushButton()
        self.calendar_delete.clicked.connect(self._on_calendar_delete_clicked)
        self.calendar_error = ErrorLabel()
        add_row = QHBoxLayout()
        add_row.addWidget(self.calendar_date, 2)
        add_row.addWidget(self.calendar_kind, 1)
        add_row.addWidget(self.calendar_name, 3)
        add_row.addWidget(self.calendar_add)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.calendar_intro)
        layout.addWidget(self.calendar_table, 1)
        delete_row = QHBoxLayout()
        delete_row.addStretch()
        delete_row.addWidget(self.calendar_delete)
        layout.addLayout(delete_row)
        layout.addLayout(add_row)
        layout.addWidget(self.calendar_error)
        return tab

    def _build_general_tab(self) -> QWidget:
        tab = QWidget()
        self.operator_label = QLabel()
        self.operator_edit = QLineEdit()
        self.operator_edit.setObjectName("operatorName")
        self.operator_save = QPushButton()
        self.operator_save.clicked.connect(self._on_operator_save_clicked)
        self.operator_hint = QLabel()
        self.operator_hint.setWordWrap(True)
        self.language_label = QLabel()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.activated.connect(self._on_language_combo_activated)
        self.general_error = ErrorLabel()
        operator_row = QHBoxLayout()
        operator_row.addWidget(self.operator_edit, 1)
        operator_row.addWidget(self.operator_save)
        form = QFormLayout()
        form.addRow(self.operator_label, operator_row)
        form.addRow("", self.operator_hint)
        form.addRow(self.language_label, self.language_combo)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch()
        return tab

    def _build_backup_tab(self) -> QWidget:
        tab = QWidget()
        self.backup_box = QGroupBox()
        self.backup_folder_label = QLabel()
        self.backup_folder = QLineEdit()
        self.backup_folder.setObjectName("backupFolder")
        self.backup_browse = QPushButton()
        self.backup_browse.clicked.connect(self._on_backup_browse_clicked)
        self.backup_spins: dict[str, QSpinBox] = {}
        self.backup_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(self.backup_browse)
        form.addRow(self.backup_folder_label, folder_row)
        for key in BACKUP_KEYS:
            spin = QSpinBox()
            spin.setRange(0, 1000)
            spin.setMaximumWidth(SPIN_WIDTH)
            self.backup_spins[key] = spin
            self.backup_labels[key] = QLabel()
            form.addRow(self.backup_labels[key], spin)
        self.backup_save = QPushButton()
        self.backup_save.clicked.connect(self._on_backup_save_clicked)
        self.backup_error = ErrorLabel()
        box_layout = QVBoxLayout(self.backup_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.backup_error)
        save_row = QHBoxLayout()
        save_row.addStretch()
        save_row.addWidget(self.backup_save)
        box_layout.addLayout(save_row)

        self.maintenance_box = QGroupBox()
        self.maintenance_note = QLabel()
        self.maintenance_note.setWordWrap(True)
        self.backup_now = QPushButton()
        self.backup_now.setObjectName("backupNow")
        self.backup_now.clicked.connect(lambda: self.context.command("backup"))
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(lambda: self.context.command("restore"))
        self.check_button = QPushButton()
        self.check_button.clicked.connect(lambda: self.context.command("check"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch()
        maintenance_layout = QVBoxLayout(self.maintenance_box)
        maintenance_layout.addWidget(self.maintenance_note)
        maintenance_layout.addLayout(buttons)
        on_file = self.ledger.is_sqlite
        for widget in (self.backup_box, self.backup_now, self.restore_button):
            widget.setEnabled(on_file and not self.ledger.read_only)

        layout = QVBoxLayout(tab)
        layout.addWidget(self.backup_box)
        layout.addWidget(self.maintenance_box)
        layout.addStretch()
        return tab

    # -- texts ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("设置"))
        for index, title in enumerate(
            (
                self.tr("工作组"),
                self.tr("党小组"),
                self.tr("规则"),
                self.tr("节假日更正"),
                self.tr("常规"),
                self.tr("备份与维护"),
            )
        ):
            self.tabs.setTabText(index, title)

        self.group_form.retranslate_ui()
        self.group_save.setText(self.tr("保存工作组信息"))

        self.party_intro.setText(
            self.tr("临时党支部下设的党小组。还有成员或学习记录的党小组不能删除。")
        )
        self.party_editor.retranslate_ui()

        self.rules_box.setTitle(self.tr("请假审批规则"))
        self.rules_intro.setText(
            self.tr(
                "按请假的工作日天数确定审批人：从上往下，第一条天数上限不小于请假天数的规则适用。"
                "最后一条不填上限，表示更长的请假。"
            )
        )
        self.rules_table.setHorizontalHeaderLabels(
            [self.tr("天数上限（空白为不限）"), self.tr("审批人")]
        )
        self.rules_add.setText(self.tr("添加一条"))
        self.rules_remove.setText(self.tr("删除所选"))
        self.rules_save.setText(self.tr("保存审批规则"))

        self.targets_box.setTitle(self.tr("考核目标"))
        names = {
            "surveys_per_week": self.tr("每人每周调研次数："),
            "highlights_per_month": self.tr("每人每月亮点数："),
            "collective_meetings_per_month": self.tr("每月集体学习交流会次数："),
        }
        for key, label in self.target_labels.items():
            label.setText(names[key])
        self.targets_save.setText(self.tr("保存考核目标"))

        self.numbering_box.setTitle(self.tr("信息动态期号"))
        self.numbering_restart.setText(self.tr("每年从头编号"))
        self.numbering_first_label.setText(self.tr("第一期的期号："))
        self.numbering_save.setText(self.tr("保存期号设置"))

        self.colophon_box.setTitle(self.tr("信息动态版记"))
        self.colophon_intro.setText(
            self.tr(
                "版记印在信息动态末尾：抄送单位一行，印发机关和印发日期一行（日期即信息动态的日期）。"
                "两项都空着时不印版记。"
            )
        )
        self.colophon_copy_to_label.setText(self.tr("抄送："))
        self.colophon_copy_to.setPlaceholderText(self.tr("如 省挂职工作队，派出单位组织部"))
        self.colophon_issuer_label.setText(self.tr("印发机关："))
        self.colophon_issuer.setPlaceholderText(self.tr("如 商洛市赴南京市挂职工作组"))
        self.colophon_save.setText(self.tr("保存版记"))

        self.calendar_intro.setText(
            self.tr(
                "程序内置国家法定节假日和调休安排。内置日历还没有的年份，请在这里补充放假日和调休上班日；"
                "请假天数按这些更正计算。"
            )
        )
        self.calendar_table.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("类型"), self.tr("说明")]
        )
        self.calendar_date.setPlaceholderText(self.tr("日期，如 2027-10-01"))
        current = self.calendar_kind.currentIndex()
        self.calendar_kind.clear()
        self.calendar_kind.addItem(self.tr("放假"), False)
        self.calendar_kind.addItem(self.tr("调休上班"), True)
        self.calendar_kind.setCurrentIndex(max(current, 0))
        self.calendar_name.setPlaceholderText(self.tr("说明，如 国庆节"))
        self.calendar_add.setText(self.tr("添加更正"))
        self.calendar_delete.setText(self.tr("删除所选"))

        self.operator_label.setText(self.tr("操作人姓名："))
        self.operator_save.setText(self.tr("保存"))
        self.operator_hint.setText(self.tr("每一条修改都会在操作记录中记下操作人。"))
        self.language_label.setText(self.tr("界面语言："))

        self.backup_box.setTitle(self.tr("自动备份"))
        self.backup_folder_label.setText(self.tr("备份文件夹："))
        self.backup_folder.setPlaceholderText(self.tr("空白：数据库旁边的 backups 文件夹"))
        self.backup_browse.setText(self.tr("浏览…"))
        counts = {
            "recent": self.tr("保留最近的备份（个）："),
            "daily": self.tr("另保留每日备份（天）："),
            "weekly": self.tr("另保留每周备份（周）："),
            "monthly": self.tr("另保留每月备份（月）："),
        }
        for key, label in self.backup_labels.items():
            label.setText(counts[key])
        self.backup_save.setText(self.tr("保存备份设置"))
        self.maintenance_box.setTitle(self.tr("维护"))
        if self.ledger.is_sqlite:
            note = self.tr("检查数据库前会先备份一次。恢复备份前，现在的内容也会先另存为备份。")
        else:
            note = self.tr("服务器上的数据库由服务器管理员备份和恢复；这里只能检查。")
        self.maintenance_note.setText(note)
        self.backup_now.setText(self.tr("立即备份"))
        self.restore_button.setText(self.tr("恢复备份…"))
        self.check_button.setText(self.tr("检查数据库"))
        if not self._stale:
            self._load_calendar()  # its kinds are words of the current language

    # -- loading ----------------------------------------------------------------------------------------
    def on_records_changed(self, kind: str) -> None:
        """Reload only the section that changed, so that what is being typed in another tab stays.
        Settings themselves change only here, and each section shows what it saved."""
        sections = {
            "work_group": self._load_group,
            "party_group": self._load_party_groups,
            "calendar_day": self._load_calendar,
        }
        if kind in sections and self.isVisible():
            sections[kind]()
        elif kind == OTHERS and self.isVisible():
            # Another program wrote: this page is a form, and reloading it would take away what is
            # being typed; it is read again when next shown, and a save meanwhile that would
            # overwrite someone's setting is refused as before.
            self.mark_stale()
        elif kind != "setting":
            super().on_records_changed(kind)

    def refresh(self) -> None:
        # What the page shows, to tell a save whether someone changed a setting meanwhile.
        self._shown = {key: settings.get(self.ledger, key) for key in settings.DEFAULTS}
        self._load_group()
        self._load_party_groups()
        self._load_rules()
        # The three targets are measures of this year's plan (db.services.plans): one way to count.
        targets = plans.targets_of_year(self.ledger, clock.today().year)
        for key, spin in self.target_spins.items():
            spin.setValue(int(targets.get(key, 0)))
        numbering = settings.get(self.ledger, "bulletin_numbering")
        self.numbering_restart.setChecked(bool(numbering.get("restart_each_year", True)))
        self.numbering_first.setValue(int(numbering.get("first_number", 1)))
        colophon = settings.get(self.ledger, "colophon")
        self.colophon_copy_to.setText(colophon.get("copy_to", ""))
        self.colophon_issuer.setText(colophon.get("issuer", ""))
        self._load_calendar()
        self.operator_edit.setText(settings.get(self.ledger, "operator") or self.ledger.operator)
        index = self.language_combo.findData(self.language())
        self.language_combo.setCurrentIndex(max(index, 0))
        self.backup_folder.setText(settings.get(self.ledger, "backup_folder"))
        policy = settings.get(self.ledger, "backup_policy")
        for key, spin in self.backup_spins.items():
            spin.setValue(int(policy.get(key, 0)))

    def _load_group(self) -> None:
        group = work_groups.current(self.ledger)
        self._group_version = group.version
        self.group_form.load(work_groups.snapshot(group))
        self.group_error.clear()

    def _load_party_groups(self) -> None:
        self.party_editor.reload()

    def _load_rules(self) -> None:
        rules = settings.get(self.ledger, "approval_rules")
        self.rules_table.setRowCount(0)
        for rule in rules:
            self._append_rule(rule.get("max_days"), rule.get("approver", ""))
        self.rules_error.clear()

    def _append_rule(self, max_days: Any, approver: str) -> None:
        row = self.rules_table.rowCount()
        self.rules_table.insertRow(row)
        self.rules_table.setItem(
            row, 0, QTableWidgetItem("" if max_days is None else str(max_days))
        )
        self.rules_table.setItem(row, 1, QTableWidgetItem(approver))

    def _load_calendar(self) -> None:
        days = sorted(calendar_days.query(self.ledger), key=lambda d: d.date)
        self.calendar_table.setRowCount(len(days))
        for row, day in enumerate(days):
            date_item = QTableWidgetItem(day.date.isoformat())
            date_item.setData(Qt.ItemDataRole.UserRole, day.id)
            self.calendar_table.setItem(row, 0, date_item)
            self.calendar_table.setItem(
                row, 1, QTableWidgetItem(self.tr("调休上班") if day.is_workday else self.tr("放假"))
            )
            self.calendar_table.setItem(row, 2, QTableWidgetItem(day.name))

    # -- Ctrl+S saves the tab on screen -------------------------------------------------------------------
    def save_record(self) -> None:
        savers = {
            0: self._on_group_save_clicked,
            2: self._on_rules_save_clicked,
            4: self._on_operator_save_clicked,
            5: self._on_backup_save_clicked,
        }
        saver = savers.get(self.tabs.currentIndex())
        if saver is not None:
            saver()

    def can_do(self, action: PageAction) -> bool:
        return action == PageAction.SAVE and self.tabs.currentIndex() in (0, 2, 4, 5)

    def _put(self, key: str, value: Any, error_label: ErrorLabel) -> bool:
        error_label.clear()
        try:
            shown = self._shown.get(key, settings.ANY)
            stored = self.operations.run(
                lambda: settings.put(self.ledger, key, value, expected=shown),
                kind="setting",
                description=self.tr("设置已保存"),
            )
        except ValidationError as exc:
            error_label.show_messages(_messages(exc))
            return False
        if stored is not None:
            self._shown[key] = stored
        return stored is not None

    # -- the group ------------------------------------------------------------------------------------------
    @Slot()
    def _on_group_form_edited(self) -> None:
        try:
            work_groups.validate(self.ledger, self.group_form.values(), self.ledger.group_id)
        except ValidationError as exc:
            self.group_form.show_errors(exc, only=self.group_form.touched)
        else:
            self.group_form.clear_errors()

    @Slot()
    def _on_group_save_clicked(self) -> None:
        self.group_error.clear()
        try:
            saved = self.operations.save(
                "work_group",
                self.group_form.values(),
                record_id=self.ledger.group_id,
                expected_version=self._group_version,
                description=self.tr("工作组信息已保存"),
            )
        except ValidationError as exc:
            self.group_form.show_errors(exc)
            self.group_error.show_messages(self.group_form.unplaced_errors(exc))
            return
        if saved is not None:
            self._group_version = saved.version

    # -- rules ------------------------------------------------------------------------------------------------
    @Slot()
    def _on_rules_add_clicked(self) -> None:
        # A new limit goes before the last, open-ended rule.
        row = max(self.rules_table.rowCount() - 1, 0)
        self.rules_table.insertRow(row)
        self.rules_table.setItem(row, 0, QTableWidgetItem(""))
        self.rules_table.setItem(row, 1, QTableWidgetItem(""))
        self.rules_table.setCurrentCell(row, 0)
        self.rules_table.editItem(self.rules_table.item(row, 0))

    @Slot()
    def _on_rules_remove_clicked(self) -> None:
        rows = sorted({index.row() for index in self.rules_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.rules_table.removeRow(row)

    def _rules(self) -> list[dict[str, Any]]:
        rules = []
        for row in range(self.rules_table.rowCount()):
            cells = [self.rules_table.item(row, column) for column in (0, 1)]
            limit, approver = (c.text().strip() if c is not None else "" for c in cells)
            rules.append({"max_days": limit or None, "approver": approver})
        return rules

    @Slot()
    def _on_rules_save_clicked(self) -> None:
        if self._put("approval_rules", self._rules(), self.rules_error):
            self._load_rules()

    @Slot()
    def _on_targets_save_clicked(self) -> None:
        values = {key: spin.value() for key, spin in self.target_spins.items()}
        self.targets_error.clear()
        try:
            self.operations.run(
                lambda: plans.set_targets(self.ledger, clock.today().year, values),
                kind="plan_measure",
                description=self.tr("设置已保存"),
            )
        except ValidationError as exc:
            self.targets_error.show_messages(_messages(exc))

    @Slot()
    def _on_numbering_save_clicked(self) -> None:
        values = {
            "restart_each_year": self.numbering_restart.isChecked(),
            "first_number": self.numbering_first.value(),
        }
        self._put("bulletin_numbering", values, self.targets_error)

    @Slot()
    def _on_colophon_save_clicked(self) -> None:
        values = {
            "copy_to": self.colophon_copy_to.text(),
            "issuer": self.colophon_issuer.text(),
        }
        if self._put("colophon", values, self.colophon_error):
            stored = settings.get(self.ledger, "colophon")
            self.colophon_copy_to.setText(stored["copy_to"])
            self.colophon_issuer.setText(stored["issuer"])

    # -- holiday corrections -----------------------------------------------------------------------------------
    @Slot()
    def _on_calendar_add_clicked(self) -> None:
        self.calendar_error.clear()
        values = {
            "date": self.calendar_date.text().strip(),
            "is_workday": bool(self.calendar_kind.currentData()),
            "name": self.calendar_name.text().strip(),
        }
        try:
            saved = self.operations.save(
                "calendar_day", values, description=self.tr("节假日更正已添加")
            )
        except ValidationError as exc:
            self.calendar_error.show_messages(_messages(exc))
            return
        if saved is not None:
            self.calendar_date.clear()
            self.calendar_name.clear()

    @Slot()
    def _on_calendar_delete_clicked(self) -> None:
        rows = {index.row() for index in self.calendar_table.selectedIndexes()}
        ids = [self.calendar_table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in rows]
        self.operations.delete("calendar_day", ids)

    # -- general ----------------------------------------------------------------------------------------------
    @Slot()
    def _on_operator_save_clicked(self) -> None:
        name = self.operator_edit.text().strip()
        if self._put("operator", name, self.general_error) and name:
            self.ledger.operator = name

    @Slot(int)
    def _on_language_combo_activated(self, index: int) -> None:
        lang = self.language_combo.itemData(index)
        if lang == self.language():
            return
        if self._put("language", lang, self.general_error):
            self.context.set_language(lang)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(self.language()), 0))

    # -- backups ------------------------------------------------------------------------------------------------
    @Slot()
    def _on_backup_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择备份文件夹"), self.backup_folder.text()
        )
        if folder:
            self.backup_folder.setText(folder)

    @Slot()
    def _on_backup_save_clicked(self) -> None:
        if not self._put("backup_folder", self.backup_folder.text(), self.backup_error):
            return
        policy = {key: spin.value() for key, spin in self.backup_spins.items()}
        self._put("backup_policy", policy, self.backup_error)
