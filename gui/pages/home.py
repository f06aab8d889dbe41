"""首页: where the group stands in a month, at a glance — the month's collective meeting, who has no
survey this week and no highlight this month, who is away today, overdue returns, leave waiting for
approval, the measures of the year plan that are behind — and the charts of the year so far. Every item leads to the records behind it (a list page
filtered to them, or a member's file).

The figures come from the core (db.queries.statistics, db.queries.targets, db.queries.plan,
db.services.leave) in three background tasks (the month's items, the year's charts, the year plan), so that a large ledger never freezes the window; the
page redraws when records change. A month picker shows another month: a month that is over shows the
weeks each member missed instead of "this week", and its leave instead of who is away today; overdue
returns and pending approvals are always as of today.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QHideEvent, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.common import clock
from db.queries.lists import Filters
from db.rules import vocab
from db.services.leave import is_leave, leave_covering
from db.store.ledger import Ledger
from gui import worker
from gui.operations import describe_problem, is_user_problem
from gui.pages.base import Page, PageContext
from gui.widgets import BusyIndicator, error_color, is_dark
from gui.widgets.charts import MonthBarChart, RankedBarChart

if TYPE_CHECKING:
    # The figures' modules are imported where the figures are gathered, in the background, after
    # the window shows: importing them took a fifth of the start-up (issue 11).
    from db.queries.plan import PlanProgress
    from db.queries.statistics import (
        LeaveItem,
        MemberCount,
        MemberRef,
        MonthStats,
        SessionAttendance,
        YearStats,
    )

Date = datetime.date
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1  # (page key, navigation target) of a list item
RELOAD_DELAY_MS = 120  # records changed: wait this long for more changes before recomputing
MAX_ITEMS = 30  # a card lists this many records; its link leads to all of them
MAX_RANKED = 30  # members in the "surveys per member" chart (those with the fewest, if more)
MAX_NAMES = 3  # members named on a line of the plan card (then "等 N 人")
PLAN_ROWS = 6  # lines the plan card shows before its list scrolls


# -- the data, computed off the GUI thread ------------------------------------------------------------


@dataclass(frozen=True)
class Away:
    """A member away on ``today`` by an approved request (leave or a business trip)."""

    request_id: uuid.UUID
    member_id: uuid.UUID
    name: str
    leave_type: str
    end_date: Date
    end_half: str
    business_trip: bool


@dataclass(frozen=True)
class MonthSummary:
    year: int
    month: int
    today: Date
    in_term: int  # group members whose term meets the month
    roster: int  # the group's members, whatever their term (none: the home page says what next)
    stats: MonthStats  # the chosen month
    meetings: tuple[SessionAttendance, ...]  # the month's collective meetings
    week_start: Date | None  # this week's Monday (the current month only)
    without_survey: tuple[MemberRef, ...]  # this week (the current month only)
    weeks: int  # weeks meeting a past month
    survey_misses: tuple[tuple[MemberRef, int], ...]  # a past month: weeks missed per member
    without_highlight: tuple[MemberRef, ...]
    away: tuple[Away, ...]  # as of today (the current month only)
    overdue: tuple[LeaveItem, ...]  # as of today, whatever the month shown
    pending: tuple[LeaveItem, ...]  # as of today

    @property
    def is_current(self) -> bool:
        return (self.year, self.month) == (self.today.year, self.today.month)

    @property
    def is_past(self) -> bool:
        return self.stats.end < self.today

    @property
    def week_end(self) -> Date | None:
        return None if self.week_start is None else self.week_start + datetime.timedelta(days=6)


def load_month(ledger: Ledger, year: int, month: int, today: Date) -> MonthSummary:
    """Everything the month's cards show."""
    from db.queries.statistics import MemberRef, Roster, month_stats
    from db.queries.targets import (
        members_without_highlight,
        members_without_survey,
        targets_matrix,
        week_of,
    )

    stats = month_stats(ledger, year, month, today)
    first, last = stats.start, stats.end
    current = (year, month) == (today.year, today.month)
    roster = Roster(ledger)
    # Overdue returns and pending requests are as of today, whichever month is shown; the current
    # month's statistics hold them all (every overdue request ended before today, every pending one
    # was entered by now).
    now = stats if current else month_stats(ledger, today.year, today.month, today)
    away: tuple[Away, ...] = ()
    week_start: Date | None = None
    without_survey: tuple[MemberRef, ...] = ()
    if current:
        found = leave_covering(ledger, today)
        away = tuple(
            sorted(
                (
                    Away(
                        request_id=r.id,
                        member_id=member_id,
                        name=roster.name(member_id),
                        leave_type=r.leave_type,
                        end_date=r.end_date,
                        end_half=r.end_half,
                        business_trip=not is_leave(r),
                    )
                    for member_id, r in found.items()
                ),
                key=lambda a: (a.business_trip, roster.order(a.member_id)),
            )
        )
        week_start = week_of(today)
        without_survey = members_without_survey(ledger, week_start, today)
    weeks = 0
    misses: tuple[tuple[MemberRef, int], ...] = ()
    if last < today:
        # A month that is over: who missed the weekly survey, and in how many of its weeks.
        matrix = targets_matrix(ledger, first, last, today)
        weeks = len(matrix.weeks)
        misses = tuple(
            (MemberRef(row.member_id, row.name), row.surveys_missed)
            for row in matrix.rows
            if row.surveys_missed
        )
    return MonthSummary(
        year=year,
        month=month,
        today=today,
        in_term=len(roster.group_members(first, last)),
        roster=len(roster.members),
        stats=stats,
        meetings=tuple(s for s in stats.sessions if s.kind == "collective"),
        week_start=week_start,
        without_survey=without_survey,
        weeks=weeks,
        survey_misses=misses,
        without_highlight=members_without_highlight(ledger, year, month, today),
        away=away,
        overdue=now.leave.overdue,
        pending=now.leave.pending,
    )


def load_year(ledger: Ledger, year: int) -> YearStats:
    from db.queries.statistics import year_stats

    return year_stats(ledger, year)


def load_plan(ledger: Ledger, year: int, today: Date) -> PlanProgress:
    """The year plan's progress as of today (its card lists the measures behind)."""
    from db.queries.plan import plan_progress

    return plan_progress(ledger, year, today)


# -- small widgets ----------------------------------------------------------------------------------


class LinkList(QListWidget):
    """Items that lead somewhere: a click or Enter on one emits ``followed(key, target)``."""

    followed = Signal(str, object)
    more_clicked = Signal()  # the "… and N more" line

    def __init__(self, *, flow: bool, rows: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMouseTracking(True)
        if flow:  # names side by side, wrapping
            self.setObjectName("homeNames")
            self.setFlow(QListView.Flow.LeftToRight)
            self.setWrapping(True)
            self.setResizeMode(QListView.ResizeMode.Adjust)
            self.setSpacing(3)
        else:
            self.setObjectName("homeLines")
            self.setWordWrap(True)
            self.setUniformItemSizes(False)
            self.setResizeMode(QListView.ResizeMode.Adjust)
            self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._flow = flow
        self.itemClicked.connect(self._on_item_clicked)
        line = self.fontMetrics().height()
        self.setFixedHeight(rows * (line + 12) + 6)

    def add(self, text: str, key: str, target: Any, tooltip: str = "") -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(TARGET_ROLE, (key, target))
        item.setToolTip(tooltip or text)
        self.addItem(item)
        if not self._flow:
            self._fit_height(item)
        return item

    def _fit_height(self, item: QListWidgetItem) -> None:
        """A line as high as its text wrapped to the list's width (the view would measure it as
        one line, and cut it)."""
        width = max(self.viewport().width() - 8, 80)
        text = self.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), item.text()
        )
        item.setSizeHint(QSize(width, text.height() + 8))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._flow:
            for row in range(self.count()):
                self._fit_height(self.item(row))

    def add_more(self, count: int) -> None:
        """A last line saying how many records are not listed (it leads where the card's link does)."""
        if count > 0:
            item = QListWidgetItem(self.tr("…… 另有 {count} 条").format(count=count))
            item.setData(TARGET_ROLE, None)
            self.addItem(item)
            if not self._flow:
                self._fit_height(item)

    def follow(self, item: QListWidgetItem) -> None:
        found = item.data(TARGET_ROLE)
        if found is None:
            self.more_clicked.emit()
            return
        key, target = found
        self.followed.emit(key, target)

    @Slot(QListWidgetItem)
    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.follow(item)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.follow(self.currentItem())
            return
        super().keyPressEvent(event)


class Card(QFrame):
    """One item of the home page: a title, a figure or a state, a line of detail, the records."""

    followed = Signal(str, object)

    def __init__(
        self, name: str, *, flow: bool, rows: int = 3, parent: QWidget | None = None
    ) -> None:
        """``rows``: how many lines the card shows before its list scrolls."""
        super().__init__(parent)
        self.setObjectName("homeCard")
        self.setProperty("alert", False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = QLabel()
        self.title.setObjectName(f"{name}Title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.value = QLabel()
        self.value.setObjectName(f"{name}Value")
        value_font = self.value.font()
        value_font.setPointSizeF(value_font.pointSizeF() * 1.5)
        value_font.setBold(True)
        self.value.setFont(value_font)
        self.detail = QLabel()
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setWordWrap(True)
        self.list = LinkList(flow=flow, rows=rows)
        self.list.setObjectName(f"{name}List")
        self.list.followed.connect(self.followed)
        self.list.more_clicked.connect(self._on_link_clicked)
        self.empty = QLabel()
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.setFixedHeight(self.list.height())
        self.empty.setWordWrap(True)
        self.link = QPushButton()
        self.link.setObjectName(f"{name}Link")
        self.link.setFlat(True)
        self.link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.link.clicked.connect(self._on_link_clicked)
        self._link_target: tuple[str, Any] | None = None

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.detail)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addStretch()
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.link)
        layout.addLayout(bottom)

    def set_alert(self, alert: bool) -> None:
        if self.property("alert") != alert:
            self.setProperty("alert", alert)
            self.style().unpolish(self)
            self.style().polish(self)
        palette = self.value.palette()
        color = (
            error_color(palette) if alert else self.palette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.value.setPalette(palette)

    def set_value(self, text: str, color: QColor | None = None) -> None:
        self.value.setText(text)
        palette = self.value.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            color if color is not None else self.palette().color(QPalette.ColorRole.WindowText),
        )
        self.value.setPalette(palette)

    def show_empty(self, text: str) -> None:
        """No records: a calm line instead of the list."""
        self.list.clear()
        self.list.setVisible(False)
        self.empty.setText(text)
        self.empty.setVisible(True)

    def show_list(self) -> None:
        self.list.setVisible(True)
        self.empty.setVisible(False)

    def set_link(self, text: str, key: str | None = None, target: Any = None) -> None:
        self.link.setText(text)
        self._link_target = (key, target) if key else None
        self.link.setVisible(bool(key))

    @Slot()
    def _on_link_clicked(self) -> None:
        if self._link_target is not None:
            self.followed.emit(*self._link_target)


class Figure(QPushButton):
    """A month's figure (a count over a caption) that leads to the list of those records."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.number = QLabel("–")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.number, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.target: tuple[str, Any] | None = None

    def sizeHint(self) -> QSize:
        hint = self.layout().sizeHint()
        return QSize(max(hint.width(), 120), hint.height())


class MonthPicker(QWidget):
    """Previous and next month, a month typed or stepped, and a way back to the current month."""

    month_changed = Signal(int, int)

    def __init__(self, today: Callable[[], Date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.previous = QToolButton()
        self.previous.setObjectName("previousMonth")
        self.previous.setArrowType(Qt.ArrowType.LeftArrow)
        self.next = QToolButton()
        self.next.setObjectName("nextMonth")
        self.next.setArrowType(Qt.ArrowType.RightArrow)
        self.edit = QDateEdit()
        self.edit.setObjectName("monthEdit")
        self.edit.setCalendarPopup(False)
        self.edit.setDateRange(QDate(2000, 1, 1), QDate(2099, 12, 31))
        self.edit.setCurrentSection(QDateEdit.Section.MonthSection)
        self.current = QPushButton()
        self.current.setObjectName("currentMonth")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.previous)
        layout.addWidget(self.edit)
        layout.addWidget(self.next)
        layout.addWidget(self.current)
        day = today()
        self.edit.setDate(QDate(day.year, day.month, 1))
        self.previous.clicked.connect(lambda: self._step(-1))
        self.next.clicked.connect(lambda: self._step(+1))
        self.current.clicked.connect(self._on_current_clicked)
        self.edit.dateChanged.connect(self._on_edit_date_changed)

    def retranslate_ui(self) -> None:
        self.previous.setToolTip(self.tr("上个月"))
        self.next.setToolTip(self.tr("下个月"))
        self.current.setText(self.tr("本月"))
        self.current.setToolTip(self.tr("回到本月"))
        self.edit.setLocale(QLocale())
        self.edit.setDisplayFormat(self.tr("yyyy年M月"))
        self.edit.setCurrentSection(QDateEdit.Section.MonthSection)

    def month(self) -> tuple[int, int]:
        date = self.edit.date()
        return date.year(), date.month()

    def set_month(self, year: int, month: int) -> None:
        self.edit.setDate(QDate(year, month, 1))

    def _step(self, months: int) -> None:
        self.edit.setDate(self.edit.date().addMonths(months))

    @Slot()
    def _on_current_clicked(self) -> None:
        day = self._today()
        self.set_month(day.year, day.month)

    @Slot(QDate)
    def _on_edit_date_changed(self, date: QDate) -> None:
        if date.day() != 1:  # typing a month keeps the day; the month is what counts
            self.edit.setDate(QDate(date.year(), date.month(), 1))
            return
        self.current.setEnabled((date.year(), date.month()) != self._month_of_today())
        self.month_changed.emit(date.year(), date.month())

    def _month_of_today(self) -> tuple[int, int]:
        day = self._today()
        return day.year, day.month


# -- the page ---------------------------------------------------------------------------------------


STYLE = """
QFrame#homeCard {
    border: 1px solid palette(mid);
    border-radius: 6px;
    background: palette(base);
}
QFrame#startCard {
    border: 1px solid palette(highlight);
    border-left: 5px solid palette(highlight);
    border-radius: 6px;
    background: palette(base);
}
QFrame#homeCard[alert="true"] {
    border: 1px solid %(alert)s;
    border-left: 5px solid %(alert)s;
}
QListWidget#homeNames, QListWidget#homeLines { background: transparent; }
QListWidget#homeNames::item {
    border: 1px solid palette(mid);
    border-radius: 9px;
    padding: 2px 9px;
    margin: 1px;
}
QListWidget#homeLines::item { padding: 3px 2px; border-bottom: 1px solid palette(midlight); }
QListWidget#homeNames::item:hover, QListWidget#homeLines::item:hover {
    background: palette(highlight);
    color: palette(highlighted-text);
}
QPushButton#figureSessions, QPushButton#figureSurveys, QPushButton#figureHighlights,
QPushButton#figureLeave {
    border: 1px solid palette(mid);
    border-radius: 6px;
    background: palette(base);
}
QPushButton#figureSessions:hover, QPushButton#figureSurveys:hover,
QPushButton#figureHighlights:hover, QPushButton#figureLeave:hover {
    border-color: palette(highlight);
}
"""


def ok_color(palette: QPalette) -> QColor:
    return QColor("#7fd19a") if is_dark(palette) else QColor("#1e7b3a")


def notice_color(palette: QPalette) -> QColor:
    return QColor("#f0c453") if is_dark(palette) else QColor("#8a5a00")


class HomePage(Page):
    """The home page, as of the program's clock (db.common.clock)."""

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
            # what the year plan counts, and the plan itself
            "report",
            "achievement",
            "bulletin",
            "plan",
            "plan_measure",
            "plan_tick",
        }
    )

    loaded = Signal()  # both background tasks have been shown (or have failed)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._today: Callable[[], Date] = clock.today
        self.summary: MonthSummary | None = None
        self.year_data: YearStats | None = None
        self.plan: PlanProgress | None = None
        self.ranked_members: list[MemberCount] = []  # as the member chart shows them
        self._generation = 0
        self._pending_tasks = 0
        self._queued = False
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._start_loading)
        self.last_problem = ""

        self.heading = self.make_heading()
        self.today_label = QLabel()
        self.today_label.setObjectName("todayLabel")
        self.picker = MonthPicker(self._today)
        self.picker.month_changed.connect(self._on_picker_month_changed)
        self.busy = BusyIndicator()
        self.problem_label = QLabel()
        self.problem_label.setObjectName("homeProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(False)

        self.figures = {
            "sessions": Figure("figureSessions"),
            "surveys": Figure("figureSurveys"),
            "highlights": Figure("figureHighlights"),
            "leave": Figure("figureLeave"),
        }
        for figure in self.figures.values():
            figure.clicked.connect(lambda _checked=False, f=figure: self._follow_figure(f))

        self.meeting_card = Card("meeting", flow=False)
        self.survey_card = Card("survey", flow=True)
        self.highlight_card = Card("highlight", flow=True)
        self.away_card = Card("away", flow=False)
        self.overdue_card = Card("overdue", flow=False)
        self.pending_card = Card("pending", flow=False)
        # The whole width, one line per measure behind: room for six before the list scrolls.
        self.plan_card = Card("plan", flow=False, rows=PLAN_ROWS)
        self.cards = (
            self.meeting_card,
            self.survey_card,
            self.highlight_card,
            self.away_card,
            self.overdue_card,
            self.pending_card,
            self.plan_card,
        )
        for card in self.cards:
            card.followed.connect(self._on_followed)

        # A ledger without members: what to do next, before any figure means something.
        self.start_card = QFrame()
        self.start_card.setObjectName("startCard")
        self.start_title = QLabel()
        self.start_title.setObjectName("startTitle")
        start_font = self.start_title.font()
        start_font.setBold(True)
        start_font.setPointSizeF(start_font.pointSizeF() * 1.2)
        self.start_title.setFont(start_font)
        self.start_text = QLabel()
        self.start_text.setObjectName("startText")
        self.start_text.setWordWrap(True)
        self.start_members = QPushButton()
        self.start_members.setObjectName("startMembers")
        self.start_members.clicked.connect(lambda: self.context.command("welcome_members"))
        self.start_import = QPushButton()
        self.start_import.setObjectName("startImport")
        self.start_import.clicked.connect(lambda: self.context.command("import"))
        self.start_welcome = QPushButton()
        self.start_welcome.setObjectName("startWelcome")
        self.start_welcome.setFlat(True)
        self.start_welcome.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_welcome.clicked.connect(lambda: self.context.command("welcome"))
        start_buttons = QHBoxLayout()
        start_buttons.addWidget(self.start_members)
        start_buttons.addWidget(self.start_import)
        start_buttons.addStretch()
        start_buttons.addWidget(self.start_welcome)
        start_layout = QVBoxLayout(self.start_card)
        start_layout.setContentsMargins(14, 10, 14, 10)
        start_layout.addWidget(self.start_title)
        start_layout.addWidget(self.start_text)
        start_layout.addLayout(start_buttons)
        self.start_card.setVisible(False)

        self.month_chart = MonthBarChart()
        self.month_chart.setObjectName("monthChart")
        self.month_chart.bar_clicked.connect(self._on_month_chart_bar_clicked)
        self.member_chart = RankedBarChart()
        self.member_chart.setObjectName("memberChart")
        self.member_chart.bar_clicked.connect(self._on_member_chart_bar_clicked)

        # -- layout
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.heading)
        titles.addWidget(self.today_label)
        top.addLayout(titles, 1)
        top.addWidget(self.picker, 0, Qt.AlignmentFlag.AlignTop)

        figures = QHBoxLayout()
        figures.setSpacing(10)
        for figure in self.figures.values():
            figures.addWidget(figure)

        grid = QGridLayout()
        grid.setSpacing(10)
        for index, card in enumerate(self.cards[:-1]):
            grid.addWidget(card, index // 3, index % 3)
        grid.addWidget(self.plan_card, 2, 0, 1, 3)  # its lines are long: the whole width
        for column in range(3):
            grid.setColumnStretch(column, 1)

        charts = QHBoxLayout()
        charts.setSpacing(10)
        charts.addWidget(self.month_chart, 3)
        charts.addWidget(self.member_chart, 2)

        body = QWidget()
        body.setObjectName("homeBody")
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 6, 0)
        content.setSpacing(10)
        content.addWidget(self.start_card)
        content.addLayout(figures)
        content.addLayout(grid)
        content.addLayout(charts)
        content.addStretch()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("homeScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.scroll, 1)
        self._apply_style()
        self.retranslate_ui()

    # -- texts ----------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("首页"))
        self.picker.retranslate_ui()
        captions = {
            "sessions": self.tr("学习交流（次）"),
            "surveys": self.tr("调研走访（次）"),
            "highlights": self.tr("月度亮点（条）"),
            "leave": self.tr("请假（天）"),
        }
        for key, figure in self.figures.items():
            figure.caption.setText(captions[key])
        self.start_title.setText(self.tr("下一步：录入成员"))
        self.start_text.setText(
            self.tr(
                "工作组已经建立，但还没有成员，所以下面的统计都是空的。请逐个录入成员，"
                "或者从电子表格导入成员名单；党小组可在入门向导或“设置 → 党小组”中建立。"
            )
        )
        self.start_members.setText(self.tr("录入成员…"))
        self.start_import.setText(self.tr("导入成员名单…"))
        self.start_welcome.setText(self.tr("打开入门向导"))
        self._show_today()
        self._render_month()
        self._render_year()
        self._render_plan()

    def _show_today(self) -> None:
        today = self._today()
        self.today_label.setText(
            self.tr("今天：{date}").format(
                date=QLocale().toString(qdate(today), self.tr("yyyy年M月d日 dddd"))
            )
        )

    # -- loading ----------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._queued or self._pending_tasks > 0

    def hideEvent(self, event: QHideEvent) -> None:
        # A hidden page computes nothing: what was queued is done when it is shown again.
        if self._reload_timer.isActive():
            self._reload_timer.stop()
            self.mark_stale()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Recompute the month and the year in the background; the old figures stay until then.
        Changes in quick succession (an undo of several deletes) are computed once."""
        self._generation += 1  # what is running now is out of date
        self._queued = True
        year, month = self.picker.month()
        self.problem_label.setVisible(False)
        self.busy.start(
            self.tr("正在统计 {year} 年 {month} 月的情况……").format(year=year, month=month)
        )
        self._reload_timer.start()

    @Slot()
    def _start_loading(self) -> None:
        self._queued = False
        generation = self._generation
        year, month = self.picker.month()
        today = self._today()
        self._pending_tasks = 3
        ledger = self.ledger

        def done(result: Any, apply: Callable[[Any], None]) -> None:
            if generation != self._generation:
                return  # a newer refresh is under way
            apply(result)
            self._task_ended()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._task_ended()
            if not is_user_problem(exc):
                raise exc  # a bug: the error hook shows and logs it
            self.last_problem = describe_problem(exc)
            self.problem_label.setText(
                self.tr("统计未能完成：{problem}").format(problem=self.last_problem)
            )
            self.problem_label.setVisible(True)

        worker.start(
            load_month,
            ledger,
            year,
            month,
            today,
            ledger=ledger,
            owner=self,
            on_finished=lambda result: done(result, self._set_summary),
            on_failed=failed,
        )
        worker.start(
            load_year,
            ledger,
            year,
            ledger=ledger,
            owner=self,
            on_finished=lambda result: done(result, self._set_year),
            on_failed=failed,
        )
        worker.start(
            load_plan,
            ledger,
            year,
            today,
            ledger=ledger,
            owner=self,
            on_finished=lambda result: done(result, self._set_plan),
            on_failed=failed,
        )

    def _task_ended(self) -> None:
        self._pending_tasks = max(self._pending_tasks - 1, 0)
        if not self._pending_tasks:
            self.busy.stop()
            self.loaded.emit()

    def _set_summary(self, summary: MonthSummary) -> None:
        self.summary = summary
        # A ledger without members: the card of what to do next.
        self.start_card.setVisible(not summary.roster and not self.ledger.read_only)
        self._show_today()
        self._render_month()

    def _set_year(self, data: YearStats) -> None:
        self.year_data = data
        self._render_year()

    def _set_plan(self, progress: PlanProgress) -> None:
        self.plan = progress
        self._render_plan()

    @Slot(int, int)
    def _on_picker_month_changed(self, _year: int, _month: int) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    def show_target(self, target: Any) -> None:
        """``{"month": date}`` shows that month."""
        if isinstance(target, dict) and isinstance(target.get("month"), Date):
            day = target["month"]
            self.picker.set_month(day.year, day.month)

    # -- drawing the month ------------------------------------------------------------------------------
    def _render_month(self) -> None:
        summary = self.summary
        self._set_card_titles(summary)
        if summary is None:
            return
        self._render_figures(summary)
        self._render_meeting(summary)
        self._render_surveys(summary)
        self._render_highlights(summary)
        self._render_away(summary)
        self._render_overdue(summary)
        self._render_pending(summary)

    def _month_name(self, year: int, month: int) -> str:
        return QLocale().toString(QDate(year, month, 1), self.tr("yyyy年M月"))

    def _day(self, day: Date, year: int) -> str:
        """A date, with its year only when that is not ``year`` (the year of what is shown)."""
        return short_date(day, with_year=day.year != year)

    def _days(self, start: Date, end: Date, year: int) -> str:
        if start == end:
            return self._day(start, year)
        return self.tr("{start}—{end}").format(
            start=self._day(start, year), end=self._day(end, year)
        )

    def _set_card_titles(self, summary: MonthSummary | None) -> None:
        if summary is None or summary.is_current:
            titles = (
                self.tr("本月集体学习交流会"),
                self.tr("本周未调研"),
                self.tr("本月未报亮点"),
                self.tr("今日请假、外出"),
            )
        else:
            month = self._month_name(summary.year, summary.month)
            titles = (
                self.tr("{month}集体学习交流会").format(month=month),
                self.tr("{month}调研未达标").format(month=month),
                self.tr("{month}未报亮点").format(month=month),
                self.tr("{month}请假、外出").format(month=month),
            )
        for card, title in zip(
            (self.meeting_card, self.survey_card, self.highlight_card, self.away_card),
            titles,
            strict=True,
        ):
            card.title.setText(title)
        self.overdue_card.title.setText(self.tr("逾期未销假"))
        self.pending_card.title.setText(self.tr("待审批的请假"))

    def _month_filters(self, summary: MonthSummary, **extra: Any) -> Filters:
        return Filters(date_from=summary.stats.start, date_to=summary.stats.end, **extra)

    def _render_figures(self, summary: MonthSummary) -> None:
        stats = summary.stats
        month = self._month_name(summary.year, summary.month)
        month_target = {"filters": self._month_filters(summary)}
        values = {
            "sessions": str(stats.session_counts.total),
            "surveys": str(stats.surveys.count),
            "highlights": str(stats.highlights.count),
            "leave": decimal_text(stats.leave.total.days),
        }
        for key, text in values.items():
            figure = self.figures[key]
            figure.number.setText(text)
            figure.target = (key, month_target)
            figure.setToolTip(self.tr("查看{month}的这些记录").format(month=month))
        self.figures["leave"].setToolTip(
            self.tr("{month}开始的请假 {count} 次，共 {days} 个工作日（不含因公外出）").format(
                month=month,
                count=stats.leave.total.count,
                days=decimal_text(stats.leave.total.days),
            )
        )

    def _render_meeting(self, summary: MonthSummary) -> None:
        card = self.meeting_card
        palette = self.palette()
        card.list.clear()
        card.set_alert(False)
        if summary.meetings:
            card.set_value(self.tr("√ 已召开"), ok_color(palette))
            card.detail.setText(self.tr("共 {count} 次").format(count=len(summary.meetings)))
            for meeting in summary.meetings:
                text = self.tr("{date} · {topic} · 出席 {present}/{expected}").format(
                    date=self._day(meeting.date, summary.year),
                    topic=meeting.topic,
                    present=meeting.present,
                    expected=meeting.expected,
                )
                card.list.add(
                    text,
                    "sessions",
                    {
                        "filters": self._month_filters(summary, kind="collective"),
                        "record_id": meeting.id,
                    },
                )
            card.show_list()
        elif summary.is_past:
            card.set_value(self.tr("× 未召开"))
            card.set_alert(True)
            card.detail.setText("")
            card.show_empty(self.tr("这个月没有记录集体学习交流会。"))
        else:
            card.set_value(self.tr("尚未召开"), notice_color(palette))
            card.detail.setText("")
            card.show_empty(self.tr("这个月还没有记录集体学习交流会。"))
        card.set_link(
            self.tr("查看这个月的学习交流 →"),
            "sessions",
            {"filters": self._month_filters(summary)},
        )

    def _render_names(
        self, card: Card, names: Sequence[tuple[MemberRef, str]], done_text: str
    ) -> None:
        """Members (with a note each, or "") leading to their member files."""
        card.list.clear()
        card.set_alert(False)
        if names:
            card.set_value(
                self.tr("{count} 人").format(count=len(names)), notice_color(self.palette())
            )
            for ref, note in names[:MAX_ITEMS]:
                card.list.add(
                    self.tr("{name} · {note}").format(name=ref.name, note=note)
                    if note
                    else ref.name,
                    "member_file",
                    {"member_id": ref.id},
                    self.tr("打开{name}的个人档案").format(name=ref.name),
                )
            card.list.add_more(len(names) - MAX_ITEMS)
            card.show_list()
        else:
            card.set_value(self.tr("√"), ok_color(self.palette()))
            card.show_empty(done_text)

    def _nobody_text(self, summary: MonthSummary, done: str) -> str:
        return done if summary.in_term else self.tr("这段时间没有在任的成员。")

    def _render_surveys(self, summary: MonthSummary) -> None:
        card = self.survey_card
        if summary.week_start is not None and summary.week_end is not None:
            start, end = summary.week_start, summary.week_end
            card.detail.setText(
                self.tr("本周：{week}").format(week=self._days(start, end, summary.year))
            )
            self._render_names(
                card,
                [(ref, "") for ref in summary.without_survey],
                self._nobody_text(summary, self.tr("每人都已完成本周的调研。")),
            )
            card.set_link(
                self.tr("查看本周的调研 →"),
                "surveys",
                {"filters": Filters(date_from=start, date_to=end)},
            )
            return
        card.set_link(
            self.tr("查看这个月的调研 →"), "surveys", {"filters": self._month_filters(summary)}
        )
        if not summary.is_past:
            card.set_alert(False)
            card.set_value("")
            card.detail.setText("")
            card.show_empty(self.tr("这个月还没有开始。"))
            return
        card.detail.setText(
            self.tr("按周统计（共 {weeks} 周），未完成调研的周数").format(weeks=summary.weeks)
        )
        self._render_names(
            card,
            [
                (ref, self.tr("{weeks} 周").format(weeks=weeks))
                for ref, weeks in summary.survey_misses
            ],
            self._nobody_text(summary, self.tr("每人每周都完成了调研。")),
        )

    def _render_highlights(self, summary: MonthSummary) -> None:
        card = self.highlight_card
        card.detail.setText(self.tr("已报 {count} 条").format(count=summary.stats.highlights.count))
        self._render_names(
            card,
            [(ref, "") for ref in summary.without_highlight],
            self._nobody_text(summary, self.tr("每人都已报送这个月的亮点。")),
        )
        card.set_link(
            self.tr("查看这个月的亮点 →"),
            "highlights",
            {"filters": self._month_filters(summary)},
        )

    def _render_away(self, summary: MonthSummary) -> None:
        card = self.away_card
        lang = self.language()
        card.list.clear()
        card.set_alert(False)
        if summary.is_current:
            on_leave = [a for a in summary.away if not a.business_trip]
            card.detail.setText(
                self.tr("请假 {leave} 人，因公外出 {trips} 人").format(
                    leave=len(on_leave), trips=len(summary.away) - len(on_leave)
                )
            )
            card.set_value(self.tr("{count} 人").format(count=len(summary.away)))
            for away in summary.away[:MAX_ITEMS]:
                card.list.add(
                    self.tr("{name} · {kind} · 至 {end}").format(
                        name=away.name,
                        kind=vocab.label("leave_type", away.leave_type, lang),
                        end=self._half_day(away.end_date, away.end_half, summary.today.year),
                    ),
                    "leave",
                    {"filters": Filters(member_id=away.member_id), "record_id": away.request_id},
                )
            card.list.add_more(len(summary.away) - MAX_ITEMS)
            if summary.away:
                card.show_list()
            else:
                card.show_empty(self.tr("今天全员在岗。"))
            card.set_link("")
            return
        leave = summary.stats.leave
        items = sorted(
            (*leave.requests, *leave.business_trips),
            key=lambda i: (i.start_date, i.start_half, i.member_name),
        )
        card.detail.setText(
            self.tr("请假 {count} 次 {days} 天，因公外出 {trips} 次").format(
                count=leave.total.count,
                days=decimal_text(leave.total.days),
                trips=len(leave.business_trips),
            )
        )
        card.set_value(self.tr("{count} 次").format(count=len(items)))
        for item in items[:MAX_ITEMS]:
            card.list.add(
                self.tr("{name} · {kind} · {days}").format(
                    name=item.member_name,
                    kind=vocab.label("leave_type", item.leave_type, lang),
                    days=self._days(item.start_date, item.end_date, summary.year),
                ),
                "leave",
                {"filters": self._month_filters(summary), "record_id": item.id},
            )
        card.list.add_more(len(items) - MAX_ITEMS)
        if items:
            card.show_list()
        else:
            card.show_empty(self.tr("这个月没有开始的请假或外出。"))
        card.set_link(
            self.tr("查看这个月的请假 →"), "leave", {"filters": self._month_filters(summary)}
        )

    def _half_day(self, day: Date, half: str, year: int) -> str:
        return self.tr("{date}{half}").format(
            date=self._day(day, year), half=vocab.label("half_day", half, self.language())
        )

    def _render_overdue(self, summary: MonthSummary) -> None:
        card = self.overdue_card
        lang = self.language()
        card.list.clear()
        overdue = summary.overdue
        card.set_alert(bool(overdue))
        if overdue:
            card.set_value(self.tr("{count} 人").format(count=len(overdue)))
        else:
            card.set_value(self.tr("√"), ok_color(self.palette()))
        card.detail.setText(self.tr("请假已到期，还没有销假"))
        target = {"filters": Filters(status="overdue", today=summary.today)}
        for item in overdue[:MAX_ITEMS]:
            card.list.add(
                self.tr("{name} · {kind} · 假期至 {end} · 逾期 {days} 天").format(
                    name=item.member_name,
                    kind=vocab.label("leave_type", item.leave_type, lang),
                    end=self._half_day(item.end_date, item.end_half, summary.today.year),
                    days=(summary.today - item.end_date).days,
                ),
                "leave",
                {**target, "record_id": item.id},
            )
        card.list.add_more(len(overdue) - MAX_ITEMS)
        if overdue:
            card.show_list()
            card.set_link(self.tr("查看全部逾期 →"), "leave", target)
        else:
            card.show_empty(self.tr("没有逾期未销假的请假。"))
            card.set_link("")

    def _render_pending(self, summary: MonthSummary) -> None:
        card = self.pending_card
        lang = self.language()
        card.list.clear()
        card.set_alert(False)
        pending = summary.pending
        card.set_value(
            self.tr("{count} 件").format(count=len(pending)),
            notice_color(self.palette()) if pending else None,
        )
        card.detail.setText(self.tr("等待批准或不批准"))
        target = {"filters": Filters(status="pending")}
        for item in pending[:MAX_ITEMS]:
            card.list.add(
                self.tr("{name} · {kind} · {days} · {count} 天").format(
                    name=item.member_name,
                    kind=vocab.label("leave_type", item.leave_type, lang),
                    days=self._days(item.start_date, item.end_date, summary.today.year),
                    count=decimal_text(item.days),
                ),
                "leave",
                {**target, "record_id": item.id},
            )
        card.list.add_more(len(pending) - MAX_ITEMS)
        if pending:
            card.show_list()
            card.set_link(self.tr("查看全部待审批 →"), "leave", target)
        else:
            card.show_empty(self.tr("没有待审批的请假。"))
            card.set_link("")

    def _render_plan(self) -> None:
        """The year plan's measures that are behind, each leading to it on the 年度计划 page."""
        card = self.plan_card
        progress = self.plan
        year = progress.year if progress is not None else self.picker.month()[0]
        card.title.setText(self.tr("{year} 年年度计划中滞后的措施").format(year=year))
        if progress is None:
            return
        from db.queries.plan import BEHIND, DONE, behind_measures

        card.list.clear()
        behind = behind_measures(progress)
        card.set_alert(bool(behind))
        if behind:
            card.set_value(self.tr("{count} 项").format(count=len(behind)))
        else:
            card.set_value(self.tr("√"), ok_color(self.palette()))
        done = len(progress.with_status(DONE))
        detail = self.tr(
            "《{title}》共 {total} 项：已完成 {done} 项，推进中 {going} 项，滞后 {behind} 项"
        ).format(
            title=progress.title,
            total=len(progress.measures),
            done=done,
            going=len(progress.measures) - done - len(progress.with_status(BEHIND)),
            behind=len(behind),
        )
        if not progress.stored:
            detail = self.tr("本年度还没有年度计划，按三项基本考核目标计算：") + detail
        if not progress.term_set:
            detail += self.tr("（工作组未填写挂职起止日期，按全年计算；请在“设置 → 工作组”中填写）")
        card.detail.setText(detail)
        for measure in behind[:MAX_ITEMS]:
            text = self.tr("{wording} · 已完成 {done}/{expected}").format(
                wording=measure.measure.wording, done=measure.done, expected=measure.expected
            )
            if measure.measure.binds == "member":
                names = measure.behind_names()
                shown = self.tr("、").join(names[:MAX_NAMES])
                if len(names) > MAX_NAMES:
                    shown = self.tr("{names}等 {count} 人").format(names=shown, count=len(names))
                text = self.tr("{text} · 未完成：{names}").format(text=text, names=shown)
            card.list.add(
                text,
                "plan",
                {"year": year, "measure_id": measure.measure.id},
                self.tr("在年度计划中查看这项措施"),
            )
        card.list.add_more(len(behind) - MAX_ITEMS)
        if behind:
            card.show_list()
        elif progress.measures:
            card.show_empty(self.tr("没有滞后的措施。"))
        else:
            card.show_empty(self.tr("这一年不在挂职期内，没有要完成的措施。"))
        card.set_link(self.tr("查看年度计划 →"), "plan", {"year": year})

    # -- drawing the year -------------------------------------------------------------------------------
    def chart_months(self) -> int:
        """How many months the charts show: the year so far (all of a past or a coming year)."""
        year, _month = self.picker.month()
        today = self._today()
        return today.month if year == today.year else 12

    def _render_year(self) -> None:
        data = self.year_data
        if data is None:
            return
        year = data.totals.year
        months = self.chart_months()
        locale = QLocale()
        categories = [
            locale.toString(QDate(year, m, 1), self.tr("M月")) for m in range(1, months + 1)
        ]
        self.month_chart.set_data(
            categories,
            [
                (self.tr("学习交流"), data.sessions_per_month[:months]),
                (self.tr("调研走访"), data.surveys_per_month[:months]),
                (self.tr("月度亮点"), data.highlights_per_month[:months]),
            ],
        )
        self.month_chart.set_title(self.tr("{year} 年各月记录数").format(year=year))
        ranked = list(data.surveys_per_member)
        if len(ranked) > MAX_RANKED:
            # A large group: the members who surveyed least, who are the ones to look at.
            ranked = sorted(ranked, key=lambda c: c.count)[:MAX_RANKED]
            title = self.tr("{year} 年每人调研次数（最少的 {count} 人）").format(
                year=year, count=MAX_RANKED
            )
        else:
            title = self.tr("{year} 年每人调研次数").format(year=year)
        self.ranked_members = ranked
        self.member_chart.set_data([(c.name, c.count) for c in ranked], self.tr("调研次数"))
        self.member_chart.set_title(title)

    # -- leading to the records ---------------------------------------------------------------------------
    @Slot(str, object)
    def _on_followed(self, key: str, target: Any) -> None:
        self.context.navigate(key, target)

    def _follow_figure(self, figure: Figure) -> None:
        if figure.target is not None:
            self.context.navigate(*figure.target)

    @Slot(int, int)
    def _on_month_chart_bar_clicked(self, series: int, column: int) -> None:
        if self.year_data is None:
            return
        from db.queries.statistics import month_range

        start, end = month_range(self.year_data.totals.year, column + 1)
        key = ("sessions", "surveys", "highlights")[series]
        self.context.navigate(key, {"filters": Filters(date_from=start, date_to=end)})

    @Slot(int)
    def _on_member_chart_bar_clicked(self, index: int) -> None:
        if self.year_data is None:
            return
        member = self.ranked_members[index]
        from db.queries.statistics import year_range

        start, end = year_range(self.year_data.totals.year)
        self.context.navigate(
            "surveys",
            {"filters": Filters(member_id=member.member_id, date_from=start, date_to=end)},
        )

    # -- colours ----------------------------------------------------------------------------------------
    def _apply_style(self) -> None:
        alert = error_color(self.palette()).name()
        self.setStyleSheet(STYLE % {"alert": alert})
        problem = self.problem_label.palette()
        problem.setColor(QPalette.ColorRole.WindowText, error_color(problem))
        self.problem_label.setPalette(problem)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_style()
            self._render_month()
            self._render_plan()


# -- texts of dates -----------------------------------------------------------------------------------


def qdate(day: Date) -> QDate:
    return QDate(day.year, day.month, day.day)


def short_date(day: Date, *, with_year: bool = False) -> str:
    """11月20日 / Nov 20 (2025年11月20日 / Nov 20, 2025), in the interface's language."""
    text = (
        QCoreApplication.translate("HomePage", "yyyy年M月d日")
        if with_year
        else QCoreApplication.translate("HomePage", "M月d日")
    )
    return QLocale().toString(qdate(day), text)


def decimal_text(value: Decimal | int) -> str:
    """2.5, 3 (not 3.0 or 3E+0)."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


__all__ = ["HomePage", "MonthSummary", "load_month", "load_plan", "load_year"]
