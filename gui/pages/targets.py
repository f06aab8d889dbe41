"""目标完成情况: the targets matrix — members × weeks for surveys, members × months for highlights and
collective-meeting attendance — for the term, a year or a quarter.

A cell that misses its target is marked (a colour and ×), one that is not held against the member is
shown apart (○, with the reason), one not due yet is left plain; the tooltip lists the records behind a
cell, and a double-click (or Enter) leads to them. The matrix comes from db.queries.targets.targets_matrix in a
background task; the table is a QTableView over one model, whatever its size.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.common import clock
from db.common.messages import current_language
from db.queries.lists import LISTS, Filters
from db.queries.statistics import month_range
from db.queries.targets import (
    ABSENCE_EXCUSED,
    EXCUSED,
    FUTURE,
    HOLIDAY,
    LEAVE,
    MET,
    MISSED,
    NO_MEETING,
    TERM,
    TargetCell,
    TargetsMatrix,
    targets_matrix,
)
from db.rules import vocab
from db.services.groups import work_groups
from db.store.ledger import Ledger
from gui.pages.base import Page, PageContext, PageLoad
from gui.widgets import BusyIndicator, is_dark

Date = datetime.date
ModelIndex = QModelIndex | QPersistentModelIndex

SURVEYS, HIGHLIGHTS, MEETINGS = "surveys", "highlights", "meetings"
MATRICES = (SURVEYS, HIGHLIGHTS, MEETINGS)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's status (met, missed, excused, future)
CELL_ROLE = Qt.ItemDataRole.UserRole + 2  # the TargetCell itself
RELOAD_DELAY_MS = 120  # records changed: wait this long for more changes before recomputing

# The symbols of the statuses: never the colour alone. √ and × are the marks of Chinese forms (and
# are in the Chinese font the program carries).
SYMBOLS = {MET: "√", MISSED: "×", EXCUSED: "○", FUTURE: ""}


def status_colors(status: str, palette: QPalette) -> tuple[QColor, QColor] | None:
    """(background, text) of a status; None: the view's own (a cell not due yet)."""
    dark = is_dark(palette)
    if status == MET:
        return (
            (QColor("#1f3d2a"), QColor("#9be0ad"))
            if dark
            else (QColor("#e2f2e6"), QColor("#1e6b34"))
        )
    if status == MISSED:
        return (
            (QColor("#5a2323"), QColor("#ffb4a9"))
            if dark
            else (QColor("#fbdcdc"), QColor("#a3221b"))
        )
    if status == EXCUSED:
        return (
            (QColor("#2b3345"), QColor("#b6c4e0"))
            if dark
            else (QColor("#e6eaf2"), QColor("#44526e"))
        )
    return None


def status_text(status: str) -> str:
    return {
        MET: QCoreApplication.translate("TargetsPage", "达标"),
        MISSED: QCoreApplication.translate("TargetsPage", "未达标"),
        EXCUSED: QCoreApplication.translate("TargetsPage", "不计"),
        FUTURE: QCoreApplication.translate("TargetsPage", "未到期"),
    }[status]


def reason_text(reason: str) -> str:
    return {
        HOLIDAY: QCoreApplication.translate("TargetsPage", "这段时间没有工作日（节假日）"),
        TERM: QCoreApplication.translate("TargetsPage", "这段时间不在本人任期内"),
        LEAVE: QCoreApplication.translate("TargetsPage", "这段时间的工作日都在批准的假期内"),
        ABSENCE_EXCUSED: QCoreApplication.translate("TargetsPage", "缺席的会议都是请假或因公务"),
        NO_MEETING: QCoreApplication.translate("TargetsPage", "没有需要本人参加的集体学习交流会"),
    }.get(reason, reason)


def day_text(day: Date, *, with_year: bool = False) -> str:
    text = (
        QCoreApplication.translate("TargetsPage", "yyyy年M月d日")
        if with_year
        else QCoreApplication.translate("TargetsPage", "M月d日")
    )
    return QLocale().toString(QDate(day.year, day.month, day.day), text)


def month_text(day: Date) -> str:
    return QLocale().toString(
        QDate(day.year, day.month, 1), QCoreApplication.translate("TargetsPage", "yyyy年M月")
    )


# -- periods ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    kind: str  # "term", "year" or "quarter"
    start: Date
    end: Date
    year: int = 0
    quarter: int = 0

    def label(self) -> str:
        if self.kind == "term":
            return QCoreApplication.translate("TargetsPage", "本届任期（{start}—{end}）").format(
                start=day_text(self.start, with_year=True), end=day_text(self.end, with_year=True)
            )
        if self.kind == "year":
            return QCoreApplication.translate("TargetsPage", "{year} 年").format(year=self.year)
        return QCoreApplication.translate("TargetsPage", "{year} 年第 {quarter} 季度").format(
            year=self.year, quarter=self.quarter
        )


def periods_of_term(term_start: Date | None, term_end: Date | None, today: Date) -> list[Period]:
    """The term, then each year it meets and each quarter of those years."""
    start = term_start or today.replace(month=1, day=1)
    end = term_end or max(today, start).replace(month=12, day=31)
    if end < start:
        end = start
    periods = [Period("term", start, end)]
    for year in range(start.year, end.year + 1):
        periods.append(Period("year", Date(year, 1, 1), Date(year, 12, 31), year=year))
    for year in range(start.year, end.year + 1):
        for quarter in range(1, 5):
            first = Date(year, quarter * 3 - 2, 1)
            last = month_range(year, quarter * 3)[1]
            if last >= start and first <= end:
                periods.append(Period("quarter", first, last, year=year, quarter=quarter))
    return periods


# -- the model --------------------------------------------------------------------------------------


RecordFetcher = Callable[[str, Sequence[uuid.UUID]], dict[uuid.UUID, dict[str, Any]]]


class TargetsModel(QAbstractTableModel):
    """One of the three matrices of a TargetsMatrix: rows are members (for meetings, the group's own
    row "held" first), columns are weeks or months. Tooltips list the records of a cell, fetched by
    ``fetch(kind, ids)`` on first need."""

    def __init__(self, fetch: RecordFetcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.matrix: TargetsMatrix | None = None
        self.which = SURVEYS
        self.palette = QPalette()
        self._brushes: dict[tuple[str, int], QBrush | None] = {}  # (status, role) -> brush
        self._details: dict[uuid.UUID, dict[str, Any]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- what is shown --------------------------------------------------------------------------------
    def set_matrix(self, matrix: TargetsMatrix | None, which: str | None = None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        if which is not None:
            self.which = which
        self._details.clear()
        self.endResetModel()

    def set_which(self, which: str) -> None:
        if which != self.which:
            self.beginResetModel()
            self.which = which
            self.endResetModel()

    def set_palette(self, palette: QPalette) -> None:
        self.palette = palette
        self._brushes.clear()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(self.columnCount() - 1, 0))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(self.rowCount() - 1, 0))

    @property
    def has_group_row(self) -> bool:
        return self.which == MEETINGS

    def periods(self) -> list[tuple[Date, Date]]:
        if self.matrix is None:
            return []
        if self.which == SURVEYS:
            return [(w.start, w.end) for w in self.matrix.weeks]
        return [(m, month_range(m.year, m.month)[1]) for m in self.matrix.months]

    def cells_of_row(self, row: int) -> tuple[TargetCell, ...]:
        assert self.matrix is not None
        if self.has_group_row:
            if row == 0:
                return self.matrix.meetings_held
            row -= 1
        member = self.matrix.rows[row]
        return {SURVEYS: member.surveys, HIGHLIGHTS: member.highlights, MEETINGS: member.meetings}[
            self.which
        ]

    def member_of_row(self, row: int) -> tuple[uuid.UUID, str] | None:
        """(id, name) of a row's member; None for the group's own row."""
        if self.matrix is None:
            return None
        if self.has_group_row:
            if row == 0:
                return None
            row -= 1
        member = self.matrix.rows[row]
        return member.member_id, member.name

    def cell(self, index: ModelIndex) -> TargetCell | None:
        if self.matrix is None or not index.isValid():
            return None
        return self.cells_of_row(index.row())[index.column()]

    def missed_in_row(self, row: int) -> int:
        return sum(c.status == MISSED for c in self.cells_of_row(row))

    # -- Qt -------------------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.rows) + (1 if self.has_group_row else 0)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.weeks) if self.which == SURVEYS else len(self.matrix.months)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            symbol = SYMBOLS[cell.status]
            if cell.status == MET and cell.count > max(cell.target, 1):
                return f"{symbol}{cell.count}"
            return symbol
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            key = (cell.status, int(role))
            if key not in self._brushes:
                colors = status_colors(cell.status, self.palette)
                self._brushes[key] = (
                    None
                    if colors is None
                    else QBrush(colors[0] if role == Qt.ItemDataRole.BackgroundRole else colors[1])
                )
            return self._brushes[key]
        if role == Qt.ItemDataRole.FontRole and cell.status == MISSED:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(index)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return status_text(cell.status)
        if role == STATUS_ROLE:
            return cell.status
        if role == CELL_ROLE:
            return cell
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            periods = self.periods()
            if not 0 <= section < len(periods):
                return None
            start, end = periods[section]
            if role == Qt.ItemDataRole.DisplayRole:
                if self.which == SURVEYS:
                    week = self.matrix.weeks[section]
                    return QCoreApplication.translate("TargetsPage", "第{week}周\n{date}").format(
                        week=week.iso_week,
                        date=QLocale().toString(
                            _qdate(start), QCoreApplication.translate("TargetsPage", "M/d")
                        ),
                    )
                single_year = self.matrix.start.year == self.matrix.end.year
                return QLocale().toString(
                    _qdate(start),
                    QCoreApplication.translate("TargetsPage", "M月")
                    if single_year
                    else QCoreApplication.translate("TargetsPage", "yy年M月"),
                )
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.period_text(section)
            return None
        if not 0 <= section < self.rowCount():
            return None
        member = self.member_of_row(section)
        if role == Qt.ItemDataRole.DisplayRole:
            name = (
                member[1]
                if member is not None
                else QCoreApplication.translate("TargetsPage", "召开情况")
            )
            missed = self.missed_in_row(section)
            return f"{name}  ×{missed}" if missed else name
        if role == Qt.ItemDataRole.ToolTipRole:
            missed = self.missed_in_row(section)
            if member is None:
                return QCoreApplication.translate(
                    "TargetsPage", "本工作组每月召开集体学习交流会的情况；未召开的月份 {count} 个"
                ).format(count=missed)
            text = (
                QCoreApplication.translate(
                    "TargetsPage", "{name}：未达标 {count} 周（双击打开个人档案）"
                )
                if self.which == SURVEYS
                else QCoreApplication.translate(
                    "TargetsPage", "{name}：未达标 {count} 个月（双击打开个人档案）"
                )
            )
            return text.format(name=member[1], count=missed)
        if role == Qt.ItemDataRole.FontRole and member is None:
            return self._bold
        return None

    # -- tooltips --------------------------------------------------------------------------------------
    def period_text(self, column: int) -> str:
        assert self.matrix is not None
        start, end = self.periods()[column]
        if self.which == SURVEYS:
            week = self.matrix.weeks[column]
            return QCoreApplication.translate(
                "TargetsPage", "{year} 年第 {week} 周（{start}—{end}），{workdays} 个工作日"
            ).format(
                year=week.iso_year,
                week=week.iso_week,
                start=day_text(start),
                end=day_text(end),
                workdays=week.workdays,
            )
        return month_text(start)

    def tooltip(self, index: ModelIndex) -> str:
        cell = self.cell(index)
        assert cell is not None and self.matrix is not None
        member = self.member_of_row(index.row())
        who = (
            member[1]
            if member is not None
            else QCoreApplication.translate("TargetsPage", "本工作组")
        )
        lines = [f"{who} · {self.period_text(index.column())}"]
        head = f"{SYMBOLS[cell.status]} {status_text(cell.status)}".strip()
        lines.append(
            QCoreApplication.translate("TargetsPage", "{status}：{count} / {target}").format(
                status=head, count=cell.count, target=cell.target
            )
        )
        if cell.status == EXCUSED and cell.reason:
            lines.append(reason_text(cell.reason))
        records = self.record_lines(cell.record_ids)
        if records:
            title = {
                SURVEYS: QCoreApplication.translate("TargetsPage", "调研："),
                HIGHLIGHTS: QCoreApplication.translate("TargetsPage", "亮点："),
                MEETINGS: QCoreApplication.translate("TargetsPage", "召开：")
                if member is None
                else QCoreApplication.translate("TargetsPage", "出席："),
            }[self.which]
            lines.append(title)
            lines.extend(f"  · {line}" for line in records)
        absent = self.record_lines(cell.absent_ids) if self.which == MEETINGS else []
        if absent:
            lines.append(QCoreApplication.translate("TargetsPage", "缺席："))
            lines.extend(f"  · {line}" for line in absent)
        return "\n".join(lines)

    def _list_kind(self) -> str:
        return {SURVEYS: "survey", HIGHLIGHTS: "highlight", MEETINGS: "session"}[self.which]

    def record_lines(self, ids: Sequence[uuid.UUID]) -> list[str]:
        """One line per record: its date and its title, fetched once."""
        if not ids:
            return []
        kind = self._list_kind()
        missing = [i for i in ids if i not in self._details]
        if missing:
            self._details.update(self._fetch(kind, missing))
        lang = current_language()
        out = []
        for record_id in ids:
            row = self._details.get(record_id)
            if row is None:
                continue
            if kind == "survey":
                line = QCoreApplication.translate("TargetsPage", "{date} {kind} {visited}").format(
                    date=day_text(row["date"], with_year=True),
                    kind=vocab.label("survey_kind", row["kind"], lang),
                    visited=row["visited"],
                )
                if row.get("topic"):
                    line = QCoreApplication.translate("TargetsPage", "{line}（{topic}）").format(
                        line=line, topic=row["topic"]
                    )
                out.append(line)
            elif kind == "highlight":
                out.append(row["title"])
            else:
                out.append(
                    QCoreApplication.translate("TargetsPage", "{date} {topic}").format(
                        date=day_text(row["date"], with_year=True), topic=row["topic"]
                    )
                )
        return out


def _qdate(day: Date) -> QDate:
    return QDate(day.year, day.month, day.day)


# -- the page ---------------------------------------------------------------------------------------


class TargetsPage(Page):
    """The targets matrix, as of the program's clock (db.common.clock)."""

    kinds: ClassVar[frozenset[str] | None] = frozenset(
        {
            "session",
            "survey",
            "highlight",
            "leave",
            "member",
            "work_group",
            "calendar_day",
            "setting",
        }
    )

    loaded = Signal()  # a matrix was shown (or its computation failed)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._today: Callable[[], Date] = clock.today
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._start_loading)
        self.periods: list[Period] = []

        self.heading = self.make_heading()
        self.matrix_choice = QComboBox()
        self.matrix_choice.setObjectName("matrixChoice")
        for which in MATRICES:
            self.matrix_choice.addItem("", which)
        self.matrix_choice.currentIndexChanged.connect(self._on_matrix_choice_changed)
        self.period_choice = QComboBox()
        self.period_choice.setObjectName("periodChoice")
        self.period_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period_choice.currentIndexChanged.connect(self._on_period_choice_changed)
        self.matrix_label = QLabel()
        self.matrix_label.setBuddy(self.matrix_choice)
        self.period_label = QLabel()
        self.period_label.setBuddy(self.period_choice)
        self.busy = BusyIndicator()
        self.load = PageLoad(
            self, self.busy, on_result=self._show_matrix, on_problem=self._show_problem
        )
        self.summary_label = QLabel()
        self.summary_label.setObjectName("targetsSummary")
        self.summary_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setObjectName("targetsNote")
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(False)
        self.legend = QLabel()
        self.legend.setObjectName("targetsLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)

        self.model = TargetsModel(self._fetch_records, self)
        self.model.set_palette(self.palette())
        self.table = QTableView()
        self.table.setObjectName("targetsTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setHighlightSections(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        rows.setHighlightSections(False)
        rows.sectionDoubleClicked.connect(self._on_rows_section_double_clicked)
        self.table.activated.connect(self._on_table_activated)

        controls = QHBoxLayout()
        controls.addWidget(self.matrix_label)
        controls.addWidget(self.matrix_choice)
        controls.addSpacing(16)
        controls.addWidget(self.period_label)
        controls.addWidget(self.period_choice)
        controls.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(controls)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        self.retranslate_ui()

    # -- texts ----------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("目标完成情况"))
        self.matrix_label.setText(self.tr("查看："))
        self.period_label.setText(self.tr("期间："))
        names = {
            SURVEYS: self.tr("每周调研（成员 × 周）"),
            HIGHLIGHTS: self.tr("月度亮点（成员 × 月）"),
            MEETINGS: self.tr("集体学习交流会出席（成员 × 月）"),
        }
        for index in range(self.matrix_choice.count()):
            self.matrix_choice.setItemText(index, names[self.matrix_choice.itemData(index)])
        for index, period in enumerate(self.periods):
            self.period_choice.setItemText(index, period.label())
        self._show_legend()
        self._show_summary()
        self.model.retranslate()
        self._fit_columns()

    def _show_legend(self) -> None:
        palette = self.palette()
        parts = []
        for status in (MET, MISSED, EXCUSED, FUTURE):
            colors = status_colors(status, palette)
            style = (
                f"background-color:{colors[0].name()};color:{colors[1].name()};"
                if colors is not None
                else f"border:1px solid {palette.color(QPalette.ColorRole.Mid).name()};"
            )
            symbol = SYMBOLS[status] or "\u3000"
            parts.append(
                f'<span style="{style}">&nbsp;{symbol}&nbsp;</span>&nbsp;{status_text(status)}'
            )
        self.legend.setText(
            "&nbsp;&nbsp;&nbsp;".join(parts)
            + "&nbsp;&nbsp;&nbsp;"
            + self.tr("（不计：请假、节假日或不在任期内，原因见提示）")
            + "&nbsp;&nbsp;&nbsp;"
            + self.tr("双击格子查看记录，双击姓名打开个人档案")
        )

    def _show_summary(self) -> None:
        matrix = self.model.matrix
        if matrix is None:
            self.summary_label.setText("")
            self.note_label.setVisible(False)
            return
        members = len(matrix.rows)
        which = self.model.which
        if which == SURVEYS:
            periods = self.tr("{count} 周").format(count=len(matrix.weeks))
            missed = sum(r.surveys_missed for r in matrix.rows)
            target = self.tr("每人每周调研 {n} 次").format(n=matrix.targets["surveys_per_week"])
        elif which == HIGHLIGHTS:
            periods = self.tr("{count} 个月").format(count=len(matrix.months))
            missed = sum(r.highlights_missed for r in matrix.rows)
            target = self.tr("每人每月亮点 {n} 条").format(n=matrix.targets["highlights_per_month"])
        else:
            periods = self.tr("{count} 个月").format(count=len(matrix.months))
            missed = sum(r.meetings_missed for r in matrix.rows)
            target = self.tr("每月集体学习交流会 {n} 次").format(
                n=matrix.targets["collective_meetings_per_month"]
            )
        self.summary_label.setText(
            self.tr("{members} 名成员 × {periods}；目标：{target}；未达标 {missed} 格").format(
                members=members, periods=periods, target=target, missed=missed
            )
        )
        # Years whose holidays the built-in calendar lacks, among those the shown matrix covers.
        if which == SURVEYS:
            shown = {w.start.year for w in matrix.weeks} | {w.end.year for w in matrix.weeks}
        else:
            shown = {m.year for m in matrix.months}
        fallback = [y for y in matrix.fallback_years if y in shown]
        if fallback:
            years = self.tr("、").join(str(y) for y in fallback)
            self.note_label.setText(
                self.tr(
                    "程序还没有 {years} 年的法定节假日安排：这些年份按周一至周五计算工作日，"
                    "并采用设置中录入的节假日调整。"
                ).format(years=years)
            )
            self.note_label.setVisible(True)
        else:
            self.note_label.setVisible(False)

    # -- loading ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the matrix in the background (once for changes in quick succession)."""
        self.load.begin(self.tr("正在计算目标完成情况……"))
        self._reload_timer.start()

    @Slot()
    def _start_loading(self) -> None:
        self._load_periods()
        period = self.current_period()
        if period is None:
            self.load.cancel()
            return
        self.load.run(compute_matrix, self.ledger, period.start, period.end, self._today())

    def _show_matrix(self, matrix: TargetsMatrix) -> None:
        self.model.set_matrix(matrix, self.current_matrix())
        self._fit_columns()
        self._show_summary()

    def _show_problem(self, problem: str) -> None:
        self.summary_label.setText(self.tr("未能计算：{problem}").format(problem=problem))

    def _load_periods(self) -> None:
        group = work_groups.current(self.ledger)
        periods = periods_of_term(group.term_start, group.term_end, self._today())
        if periods == self.periods:
            return
        chosen = self.current_period()
        self.periods = periods
        self.period_choice.blockSignals(True)
        try:
            self.period_choice.clear()
            for period in periods:
                self.period_choice.addItem(period.label())
            index = periods.index(chosen) if chosen in periods else 0
            self.period_choice.setCurrentIndex(index)
        finally:
            self.period_choice.blockSignals(False)

    def current_period(self) -> Period | None:
        index = self.period_choice.currentIndex()
        return self.periods[index] if 0 <= index < len(self.periods) else None

    def current_matrix(self) -> str:
        return str(self.matrix_choice.currentData())

    def choose(self, which: str | None = None, period: Period | None = None) -> None:
        """Show a matrix and a period (as the user would pick them)."""
        if which is not None:
            self.matrix_choice.setCurrentIndex(self.matrix_choice.findData(which))
        if period is not None:
            self._load_periods()
            self.period_choice.setCurrentIndex(self.periods.index(period))

    def show_target(self, target: Any) -> None:
        """``{"matrix": "surveys"|"highlights"|"meetings"}`` shows that matrix."""
        if isinstance(target, dict) and target.get("matrix") in MATRICES:
            self.choose(target["matrix"])

    @Slot(int)
    def _on_matrix_choice_changed(self, _index: int) -> None:
        self.model.set_which(self.current_matrix())
        self._fit_columns()
        self._show_summary()

    @Slot(int)
    def _on_period_choice_changed(self, _index: int) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    def _fit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        if self.model.which == SURVEYS:
            width = max(metrics.horizontalAdvance(self.tr("第{week}周").format(week=53)), 38) + 12
        else:
            single = (
                self.model.matrix is None
                or self.model.matrix.start.year == self.model.matrix.end.year
            )
            sample = QLocale().toString(
                QDate(2025, 12, 1), self.tr("M月") if single else self.tr("yy年M月")
            )
            width = max(metrics.horizontalAdvance(sample) + 20, 52)
        self.table.horizontalHeader().setDefaultSectionSize(width)
        self.table.horizontalHeader().setMinimumSectionSize(24)
        header_lines = 2 if self.model.which == SURVEYS else 1
        self.table.horizontalHeader().setFixedHeight(metrics.height() * header_lines + 12)

    # -- leading to the records ---------------------------------------------------------------------------
    def _fetch_records(
        self, kind: str, ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, dict[str, Any]]:
        return LISTS[kind].fetch(self.ledger, list(ids))

    def target_of(self, index: QModelIndex) -> tuple[str, dict[str, Any]] | None:
        """The page and target a cell leads to: the list filtered to the member and the period."""
        cell = self.model.cell(index)
        if cell is None:
            return None
        member = self.model.member_of_row(index.row())
        member_id = member[0] if member is not None else None
        which = self.model.which
        if which == MEETINGS:
            filters = Filters(
                date_from=cell.start, date_to=cell.end, member_id=member_id, kind="collective"
            )
            key = "sessions"
        else:
            filters = Filters(date_from=cell.start, date_to=cell.end, member_id=member_id)
            key = SURVEYS if which == SURVEYS else HIGHLIGHTS
        target: dict[str, Any] = {"filters": filters}
        if len(cell.record_ids) == 1:
            target["record_id"] = cell.record_ids[0]
        return key, target

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        found = self.target_of(index)
        if found is not None:
            self.context.navigate(*found)

    @Slot(int)
    def _on_rows_section_double_clicked(self, row: int) -> None:
        member = self.model.member_of_row(row)
        if member is not None:
            self.context.navigate("member_file", {"member_id": member[0]})

    # -- colours ----------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.model.set_palette(self.palette())
            self._show_legend()


def compute_matrix(ledger: Ledger, start: Date, end: Date, today: Date) -> TargetsMatrix:
    return targets_matrix(ledger, start, end, today)


__all__ = ["TargetsModel", "TargetsPage", "compute_matrix", "periods_of_term"]
