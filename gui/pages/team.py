"""全队概览: every work group the ledger reads, side by side for a month or a year — the figures of
db.queries.team (each group's own statistics and targets matrix) with the team's totals and each
group's target compliance.

The table has a row per figure and a column per group, the team's totals last. A double-click (or
Enter) on a group's figure asks for that group's records: the page emits ``open_group_requested(group_id,
page_key, target)`` — the page of the records (``"surveys"``…) and the target that page is given
(``gui.pages.base``: filters for the period, a matrix of the targets page) — and the main window
decides how to get there (its own group: the page at once; another group: the window on that group).
The page is in the navigation only where the ledger reads more than one group (``gui.pages``).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.common import clock
from db.documents.document import decimal_text
from db.queries.lists import Filters
from db.queries.team import FIGURES, Compliance, GroupFigures, TeamFigures, team_figures
from gui.pages.base import Page, PageContext, PageLoad
from gui.widgets import BusyIndicator

Date = datetime.date
ModelIndex = QModelIndex | QPersistentModelIndex

MONTH, YEAR = "month", "year"
FIGURE_ROLE = Qt.ItemDataRole.UserRole + 1  # the figure's name (db.queries.team.FIGURES)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # the group's id; None in the totals column
RELOAD_DELAY_MS = 120  # records changed: wait this long for more changes before recomputing

# Where each figure's records are: the page, the list's kind filter, or the targets page's matrix.
_PAGE_OF: dict[str, tuple[str, str | None]] = {
    "members": ("members", None),
    "collective_meetings": ("sessions", "collective"),
    "party_group_sessions": ("sessions", "party_group"),
    "trainings": ("sessions", "training"),
    "surveys": ("surveys", None),
    "enterprise_surveys": ("surveys", "enterprise"),
    "highlights": ("highlights", None),
    "highlights_missing": ("targets", "highlights"),
    "reports": ("reports", None),
    "awards": ("reports", None),
    "consumption_aid": ("achievements", "consumption_aid"),
    "projects": ("achievements", "project_signed"),
    "leave_requests": ("leave", None),
    "leave_days": ("leave", None),
    "overdue": ("leave", "overdue"),
    "spot_checks": ("spotchecks", None),
    "surveys_target": ("targets", "surveys"),
    "highlights_target": ("targets", "highlights"),
    "meetings_target": ("targets", "meetings"),
    "compliance": ("targets", None),
}


def records_of(figure: str, start: Date, end: Date) -> tuple[str, Any]:
    """The page that lists a figure's records, and the target that page is given."""
    key, detail = _PAGE_OF[figure]
    if key == "members":
        return key, None
    if key == "targets":
        return key, {"matrix": detail} if detail else None
    if figure == "overdue":
        return key, {"filters": Filters(status="overdue")}
    return key, {"filters": Filters(date_from=start, date_to=end, kind=detail)}


# The rows' labels, marked for lupdate here and translated when shown.
_LABELS: dict[str, str] = {
    "members": QT_TRANSLATE_NOOP("TeamPage", "挂职干部（人）"),
    "collective_meetings": QT_TRANSLATE_NOOP("TeamPage", "集体学习交流会（次）"),
    "party_group_sessions": QT_TRANSLATE_NOOP("TeamPage", "党小组学习（次）"),
    "trainings": QT_TRANSLATE_NOOP("TeamPage", "专题培训（次）"),
    "surveys": QT_TRANSLATE_NOOP("TeamPage", "调研走访（次）"),
    "enterprise_surveys": QT_TRANSLATE_NOOP("TeamPage", "其中企业调研（次）"),
    "highlights": QT_TRANSLATE_NOOP("TeamPage", "月度亮点（个）"),
    "highlights_missing": QT_TRANSLATE_NOOP("TeamPage", "未报亮点（人次）"),
    "reports": QT_TRANSLATE_NOOP("TeamPage", "调研报告（篇）"),
    "awards": QT_TRANSLATE_NOOP("TeamPage", "获奖调研报告（篇）"),
    "consumption_aid": QT_TRANSLATE_NOOP("TeamPage", "消费帮扶（万元）"),
    "projects": QT_TRANSLATE_NOOP("TeamPage", "项目签约（个）"),
    "leave_requests": QT_TRANSLATE_NOOP("TeamPage", "请假（人次）"),
    "leave_days": QT_TRANSLATE_NOOP("TeamPage", "请假（工作日）"),
    "overdue": QT_TRANSLATE_NOOP("TeamPage", "逾期未销假（人次）"),
    "spot_checks": QT_TRANSLATE_NOOP("TeamPage", "在岗抽查（次）"),
    "surveys_target": QT_TRANSLATE_NOOP("TeamPage", "每周调研达标率"),
    "highlights_target": QT_TRANSLATE_NOOP("TeamPage", "每月亮点达标率"),
    "meetings_target": QT_TRANSLATE_NOOP("TeamPage", "集体学习参会率"),
    "compliance": QT_TRANSLATE_NOOP("TeamPage", "综合达标率"),
}


def figure_label(figure: str) -> str:
    return QCoreApplication.translate("TeamPage", _LABELS[figure])


def cell_text(value: int | Decimal | Compliance) -> str:
    if isinstance(value, Compliance):
        if value.percent is None:
            return "—"
        return QCoreApplication.translate("TeamPage", "{percent}%（{met}/{expected}）").format(
            percent=value.percent, met=value.met, expected=value.expected
        )
    return decimal_text(value)


class TeamModel(QAbstractTableModel):
    """Rows are the figures, columns the groups and then the team's totals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.figures: TeamFigures | None = None

    def set_figures(self, figures: TeamFigures | None) -> None:
        self.beginResetModel()
        self.figures = figures
        self.endResetModel()

    def columns(self) -> tuple[GroupFigures, ...]:
        if self.figures is None:
            return ()
        return (*self.figures.groups, self.figures.totals)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.figures is None else len(FIGURES)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return figure_label(FIGURES[section]) if 0 <= section < len(FIGURES) else None
        columns = self.columns()
        if not 0 <= section < len(columns):
            return None
        if columns[section].group_id is None:
            return QCoreApplication.translate("TeamPage", "全队合计")
        return columns[section].name

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.figures is None:
            return None
        figure = FIGURES[index.row()]
        column = self.columns()[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(column.value(figure))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == FIGURE_ROLE:
            return figure
        if role == GROUP_ROLE:
            return column.group_id
        if role == Qt.ItemDataRole.FontRole and column.group_id is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(figure, column)
        return None

    @staticmethod
    def _tooltip(figure: str, column: GroupFigures) -> str:
        value = column.value(figure)
        lines = []
        if isinstance(value, Compliance):
            lines.append(
                QCoreApplication.translate(
                    "TeamPage",
                    "已到期的周期中达标 {met} 个、未达标 {missed} 个"
                    "（请假、节假日、不在任期内的周期不计）",
                ).format(met=value.met, missed=value.missed)
            )
        if column.group_id is not None:
            lines.append(QCoreApplication.translate("TeamPage", "双击查看该工作组的记录"))
        return "\n".join(lines)


class TeamPage(Page):
    """The team view of a month or a year, as of the program's clock (db.common.clock)."""

    kinds: ClassVar[frozenset[str] | None] = None  # every kind of record counts somewhere here

    loaded = Signal()  # figures were shown (or their computation failed)
    # A group's figure was chosen: (the group's id, the page of its records, that page's target).
    open_group_requested = Signal(object, str, object)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._today: Callable[[], Date] = clock.today
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._start_loading)

        today = self._today()
        self.heading = self.make_heading()
        self.period_label = QLabel()
        self.span_choice = QComboBox()
        self.span_choice.setObjectName("spanChoice")
        self.span_choice.addItem("", MONTH)
        self.span_choice.addItem("", YEAR)
        self.period_label.setBuddy(self.span_choice)
        self.year_choice = QSpinBox()
        self.year_choice.setObjectName("yearChoice")
        self.year_choice.setRange(2000, 2100)
        self.year_choice.setValue(today.year)
        self.month_choice = QComboBox()
        self.month_choice.setObjectName("monthChoice")
        for month in range(1, 13):
            self.month_choice.addItem("", month)
        self.month_choice.setCurrentIndex(today.month - 1)
        self.span_choice.currentIndexChanged.connect(self._on_period_changed)
        self.year_choice.valueChanged.connect(self._on_period_changed)
        self.month_choice.currentIndexChanged.connect(self._on_period_changed)
        self.busy = BusyIndicator()
        self.load = PageLoad(
            self, self.busy, on_result=self._show_figures, on_problem=self._show_problem
        )
        self.summary_label = QLabel()
        self.summary_label.setObjectName("teamSummary")
        self.summary_label.setWordWrap(True)

        self.model = TeamModel(self)
        self.table = QTableView()
        self.table.setObjectName("teamTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        rows.setHighlightSections(False)
        self.table.activated.connect(self._on_table_activated)
        self.hint = QLabel()
        self.hint.setObjectName("teamHint")
        self.hint.setWordWrap(True)

        controls = QHBoxLayout()
        controls.addWidget(self.period_label)
        controls.addWidget(self.span_choice)
        controls.addWidget(self.year_choice)
        controls.addWidget(self.month_choice)
        controls.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(controls)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.retranslate_ui()

    # -- texts ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("全队概览"))
        self.period_label.setText(self.tr("期间："))
        self.span_choice.setItemText(0, self.tr("按月"))
        self.span_choice.setItemText(1, self.tr("全年"))
        for index in range(self.month_choice.count()):
            self.month_choice.setItemText(index, self.tr("{month} 月").format(month=index + 1))
        self.hint.setText(
            self.tr(
                "每列为一个工作组在所选期间的统计（与该组的信息动态、年度汇总和目标完成情况一致），"
                "最后一列为全队合计。双击某组的数字查看该组的相应记录。"
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(FIGURES) - 1)
        self._show_summary()

    def _show_summary(self) -> None:
        figures = self.model.figures
        if figures is None:
            if not self.load.problem:
                self.summary_label.setText("")
            return
        if figures.month is None:
            period = self.tr("{year} 年全年").format(year=figures.year)
        else:
            period = self.tr("{year} 年 {month} 月").format(year=figures.year, month=figures.month)
        self.summary_label.setText(
            self.tr(
                "{period}：{count} 个工作组，挂职干部 {members} 名；逾期未销假 {overdue} 人次。"
            ).format(
                period=period,
                count=len(figures.groups),
                members=figures.totals.members,
                overdue=figures.totals.overdue,
            )
        )

    # -- the period -------------------------------------------------------------------------------------
    def span(self) -> str:
        return str(self.span_choice.currentData())

    def period(self) -> tuple[int, int | None]:
        """(year, month); month None for the whole year."""
        month = int(self.month_choice.currentData()) if self.span() == MONTH else None
        return self.year_choice.value(), month

    def choose(self, year: int, month: int | None) -> None:
        """Show a month (or with ``month`` None the year), as the user would pick it."""
        self.span_choice.setCurrentIndex(
            self.span_choice.findData(YEAR if month is None else MONTH)
        )
        self.year_choice.setValue(year)
        if month is not None:
            self.month_choice.setCurrentIndex(month - 1)

    @Slot()
    def _on_period_changed(self) -> None:
        self.month_choice.setVisible(self.span() == MONTH)
        if self.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    # -- loading ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute in the background (once for changes in quick succession)."""
        self.load.begin(self.tr("正在统计各工作组……"))
        self._reload_timer.start()

    @Slot()
    def _start_loading(self) -> None:
        year, month = self.period()
        self.load.run(team_figures, self.ledger, year, month, self._today())

    def _show_figures(self, figures: TeamFigures) -> None:
        self.model.set_figures(figures)
        self._show_summary()

    def _show_problem(self, problem: str) -> None:
        self.summary_label.setText(self.tr("未能统计：{problem}").format(problem=problem))

    # -- leading to a group's records ---------------------------------------------------------------
    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        self.open_cell(index.row(), index.column())

    def open_cell(self, row: int, column: int) -> bool:
        """Ask for the records behind a group's figure; False for the totals (no one group's)."""
        figures = self.model.figures
        index = self.model.index(row, column)
        if figures is None or not index.isValid():
            return False
        group_id: uuid.UUID | None = index.data(GROUP_ROLE)
        if group_id is None:
            return False
        key, target = records_of(index.data(FIGURE_ROLE), figures.start, figures.end)
        self.open_group_requested.emit(group_id, key, target)
        return True
