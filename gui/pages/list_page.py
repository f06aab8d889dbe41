"""The list page every kind of record shares: a filter bar that answers as the user types, a table
over the records that fetches only the rows on screen, totals of what is shown, and the record's form.

The table (Anki's browser pattern, gui/models/record_table.py) holds the ordered keys of the records
that match the filters, sorted in SQL by the column whose header was clicked. A keystroke in the
free-text filter does not query again: it narrows the keys the page already holds through the list's
TextIndex (db.queries.lists), which is built off the GUI thread when the page opens and again after its
records change; until it is ready, the text filter runs in SQL.

Keyboard (SPEC §3): Ctrl+N new, Enter or a double-click edits, Delete moves the selection to the
recycle bin (Ctrl+Z brings it back, through Operations), Ctrl+F goes to the search box and Down from
there back to the table; the Menu key (or Shift+F10) opens the row's menu for the selection.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.common import clock, errors
from db.common.messages import current_language
from db.queries.lists import LISTS, Filters, ListSpec, TextIndex
from db.rules import vocab
from db.services.base import service_for
from gui import worker
from gui.dialogs.record_form import DateLine, RecordDialog, RecordForm
from gui.models.record_table import ID_ROLE, KEY_ROLE, ROW_ROLE, Formatter, RecordTableModel
from gui.operations import ALL_KINDS, OTHERS, describe_problem, is_user_problem
from gui.pages.base import Page, PageAction, PageContext, read_only_reason
from gui.widgets import fit_columns, fit_headers, setup_table_view
from gui.widgets.member_picker import MemberModel, MemberPicker, load_choices

try:  # the ledger export (db/exchange/ledgers.py and its dialog) is written alongside; the menu item waits
    from gui.dialogs.export_ledger import export_ledger_dialog
except ImportError:  # pragma: no cover - only while they are not there
    export_ledger_dialog = None  # type: ignore[assignment]

SQL_TEXT_DELAY_MS = 150  # typing while the text index is not ready yet: query once typing pauses
FILTER_DELAY_MS = 200  # a date typed in the filter bar
SUMS_DELAY_MS = 150  # the sums under the table follow the keystrokes a moment later
HEADER_SAVE_DELAY_MS = 500


def number_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), ",f")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


# -- the model: keys narrowed by the text index ----------------------------------------------------


class ListModel(RecordTableModel):
    """RecordTableModel that narrows the keys it holds on a text change (see the module docstring).

    It runs no query until the page first shows it (``active``): the header's sort settles first."""

    # The roles every list answers; a page adds those its decorate() answers (colours, fonts).
    BASE_ROLES = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
            ID_ROLE,
            ROW_ROLE,
            KEY_ROLE,
        }
    )

    def __init__(self, *args: Any, roles: frozenset[int] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._roles = frozenset(int(r) for r in self.BASE_ROLES | roles)
        self.active = False
        self.text_index: TextIndex | None = None
        self._base: list[Any] | None = None  # the keys for every filter but the text
        self._narrowed: tuple[str, list[Any]] = ("", [])  # the text last narrowed by, and its keys

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each cell for some ten roles as it paints; those no list uses cost nothing.
        if int(role) not in self._roles:
            return None
        return super().data(index, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.active:
            super().sort(column, order)
            return
        if 0 <= column < len(self.spec.columns):
            spec_column = self.spec.columns[column]
            self.sort_key = (
                spec_column.key if spec_column.sort is not None else self.spec.default_sort
            )
            self.descending = order == Qt.SortOrder.DescendingOrder

    def reload(self) -> None:
        self.active = True
        self._narrowed = ("", [])
        text = self.filters.text.strip()
        if text and self.text_index is None:
            self._base = None
            keys = self.spec.ids(self.ledger, self.filters, self.sort_key, self.descending)
        else:
            self._base = self.spec.ids(
                self.ledger,
                dataclasses.replace(self.filters, text=""),
                self.sort_key,
                self.descending,
            )
            keys = self._narrow(text) if text else self._base
        self.set_keys(keys)

    def _narrow(self, text: str) -> list[Any]:
        assert self._base is not None and self.text_index is not None
        self._narrowed = (text, self.spec.narrow(self.ledger, self._base, text, self.text_index))
        return self._narrowed[1]

    def set_text(self, text: str) -> None:
        """The free text changed: narrow the keys held (or query, while there is no index)."""
        self.filters = dataclasses.replace(self.filters, text=text)
        stripped = text.strip()
        if self._base is None or (stripped and self.text_index is None):
            self.reload()
            return
        if not stripped:
            self.set_keys(self._base, keep_cache=True)
            return
        last_text, last_keys = self._narrowed
        if last_text and stripped.startswith(last_text) and " " not in stripped:
            # A character typed on: what the longer text finds is among what the shorter found
            # (both the words and the members' names and pinyin only match less).
            keys = self.spec.narrow(self.ledger, last_keys, stripped, self.text_index)
            assert self.text_index is not None
            self._narrowed = (stripped, keys)
        else:
            keys = self._narrow(stripped)
        self.set_keys(keys, keep_cache=True)


# -- periods of the filter bar ------------------------------------------------------------------------


def _month_start(day: datetime.date, months: int = 0) -> datetime.date:
    total = day.year * 12 + day.month - 1 + months
    return datetime.date(total // 12, total % 12 + 1, 1)


def period_range(
    code: str, today: datetime.date
) -> tuple[datetime.date | None, datetime.date | None]:
    if code == "week":
        start = today - datetime.timedelta(days=today.weekday())
        return start, start + datetime.timedelta(days=6)
    if code == "month":
        return _month_start(today), _month_start(today, 1) - datetime.timedelta(days=1)
    if code == "last_month":
        return _month_start(today, -1), _month_start(today) - datetime.timedelta(days=1)
    if code == "year":
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    if code == "last_year":
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    return None, None


PERIODS: tuple[tuple[str, str], ...] = (
    ("all", QT_TRANSLATE_NOOP("ListPage", "全部日期")),
    ("week", QT_TRANSLATE_NOOP("ListPage", "本周")),
    ("month", QT_TRANSLATE_NOOP("ListPage", "本月")),
    ("last_month", QT_TRANSLATE_NOOP("ListPage", "上月")),
    ("year", QT_TRANSLATE_NOOP("ListPage", "今年")),
    ("last_year", QT_TRANSLATE_NOOP("ListPage", "去年")),
    ("custom", QT_TRANSLATE_NOOP("ListPage", "自定义")),
)


# -- the page --------------------------------------------------------------------------------------------


class ListPage(Page):
    """One kind of record. Subclasses set ``list_kind`` and ``form_class`` and the texts."""

    list_kind: ClassVar[str]
    form_class: ClassVar[type[RecordForm] | None] = None
    kind_vocab: ClassVar[str | None] = None  # the fixed choices of the list's kind filter
    member_fields: ClassVar[tuple[str, ...]] = ()  # a new record takes the filter's member here
    kind_field_name: ClassVar[str | None] = None  # …and the filter's kind here
    supported_actions = frozenset({PageAction.NEW, PageAction.DELETE, PageAction.FIND})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.spec: ListSpec = LISTS[self.list_kind]
        self.dialog: RecordDialog | None = None
        self._hidden: Filters = Filters()  # what a target asked that the bar cannot show
        self._index_generation = 0
        self._index_task: worker.Task | None = None
        self._sums: dict[str, Any] | None = None
        self._fitted = False
        self._members_stale = False
        self.export_dialog: QWidget | None = None

        self.members_model = MemberModel(load_choices(self.ledger), self)
        formatters = dict(self.formatters())
        if any(c.key == "member" for c in self.spec.columns):
            formatters.setdefault("member", self._member_name)
        self.model = ListModel(
            self.ledger,
            self.spec,
            self,
            formatters=formatters,
            decorate=self.decorate,
            roles=self.decorated_roles(),
        )

        # -- heading and buttons
        self.heading = self.make_heading()
        self.new_button = QPushButton()
        self.new_button.setObjectName("newButton")
        self.new_button.clicked.connect(self.new_record)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch()
        self._extra_buttons = self.extra_buttons()
        for widget in self._extra_buttons:
            top.addWidget(widget)
        top.addWidget(self.new_button)

        # -- filter bar
        self.search = QLineEdit()
        self.search.setObjectName("listSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self._sql_text_timer = self._timer(SQL_TEXT_DELAY_MS, self._apply_text)

        has_dates = self.spec.date_field is not None
        self.period = QComboBox()
        self.period.setObjectName("periodFilter")
        self.date_from = DateLine()
        self.date_from.setObjectName("dateFrom")
        self.date_to = DateLine()
        self.date_to.setObjectName("dateTo")
        self._dash = QLabel("–")
        date_width = self.fontMetrics().horizontalAdvance("2025-03-01") + 44
        for widget in (self.date_from, self.date_to):
            widget.setFixedWidth(date_width)
            widget.edited.connect(self._on_date_edited)
        self.period.activated.connect(self._on_period_activated)
        self._date_timer = self._timer(FILTER_DELAY_MS, self._apply_filters)

        self.member_filter = MemberPicker(self.members_model)
        self.member_filter.setObjectName("memberFilter")
        self.member_filter.setMaximumWidth(150)
        self.member_filter.member_changed.connect(lambda _id: self._apply_filters())

        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.activated.connect(lambda _i: self._apply_filters())

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.activated.connect(lambda _i: self._apply_filters())

        for combo in (self.period, self.kind_filter, self.status_filter):
            # As wide as a short entry: a long one is read in the open list.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(7)

        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.search, 3)
        bar.addWidget(self.period)
        bar.addWidget(self.date_from)
        bar.addWidget(self._dash)
        bar.addWidget(self.date_to)
        bar.addWidget(self.member_filter, 1)
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.clear_button)

        # -- table
        self.table = QTableView()
        self.table.setObjectName(f"{self.list_kind}Table")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicator(
            self.model.column_of(self.spec.default_sort),
            Qt.SortOrder.DescendingOrder
            if self.spec.default_descending
            else Qt.SortOrder.AscendingOrder,
        )
        self._header_restored = self._restore_header()
        setup_table_view(self.table)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.installEventFilter(self)
        self._header_timer = self._timer(HEADER_SAVE_DELAY_MS, self._save_header)
        header.sectionResized.connect(lambda *_a: self._header_timer.start())
        header.sectionMoved.connect(lambda *_a: self._header_timer.start())
        header.sortIndicatorChanged.connect(lambda *_a: self._header_timer.start())

        # -- totals
        self.totals_label = QLabel()
        self.totals_label.setObjectName("listTotals")
        self.hint_label = QLabel()
        self.hint_label.setObjectName("listHint")
        self.hint_label.setEnabled(False)
        self._sums_timer = self._timer(SUMS_DELAY_MS, self._update_sums)
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label, 1)
        bottom.addWidget(self.hint_label)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        # -- context menu actions
        self.edit_action = QAction(self)
        self.edit_action.triggered.connect(self.edit_current)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.triggered.connect(self.delete_selected)
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.export_ledger)

        # What the list has no use for is hidden (only now: a widget without a parent yet would
        # be shown as a window of its own).
        self.new_button.setHidden(self.form_class is None)
        self.new_button.setEnabled(not self.ledger.read_only)  # why: its tooltip
        for widget in (self.period, self.date_from, self._dash, self.date_to):
            widget.setHidden(not has_dates)
        has_members = bool(self.spec.member_field or self.spec.member_link)
        self.member_filter.setHidden(not has_members or self.list_kind == "member")
        self.kind_filter.setHidden(self.kind_vocab is None or self.spec.kind_field is None)
        self.status_filter.setHidden(not self.status_choices())

        self.setFocusProxy(self.table)
        self._tab_order_set = False
        self.retranslate_ui()

    # -- to override ------------------------------------------------------------------------------------
    def heading_text(self) -> str:
        raise NotImplementedError

    def kind_all_text(self) -> str:
        return QCoreApplication.translate("ListPage", "全部类别")

    def status_choices(self) -> list[tuple[str, str]]:
        """(code, text) of the status filter, after its "all" entry; [] for none."""
        return []

    def status_all_text(self) -> str:
        return QCoreApplication.translate("ListPage", "全部状态")

    def search_placeholder(self) -> str:
        return QCoreApplication.translate("ListPage", "查找：文字或成员姓名、拼音首字母（Ctrl+F）")

    def formatters(self) -> Mapping[str, Formatter]:
        return {}

    def decorate(self, values: Mapping[str, Any], key: str, role: int) -> Any:
        return None

    def decorated_roles(self) -> frozenset[int]:
        """The roles ``decorate`` answers (others are not asked)."""
        return frozenset()

    def has_sums(self) -> bool:
        return False

    def _member_name(self, values: Mapping[str, Any], key: str, lang: str) -> str:
        # A list's row may carry the member's id where its name is meant: show the name.
        value = values.get(key)
        choice = self.members_model.by_id(value) if value is not None else None
        return choice.name if choice is not None else ("" if value is None else str(value))

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        return QCoreApplication.translate("ListPage", "共 {count} 条").format(
            count=number_text(count)
        )

    def extra_buttons(self) -> list[QWidget]:
        return []

    def key_hint(self) -> str:
        """The line under the table naming the page's keys."""
        return (
            QCoreApplication.translate(
                "ListPage", "双击或回车编辑 · 菜单键 更多操作 · Delete 删除（Ctrl+Z 撤销）"
            )
            if self.form_class is not None
            else QCoreApplication.translate("ListPage", "Delete 删除（Ctrl+Z 撤销）")
        )

    def extra_menu_actions(self, menu: QMenu) -> None:
        """Add page-specific actions to the table's context menu."""

    def prepare_dialog(self, dialog: RecordDialog) -> None:
        """Add page-specific things to a form's dialog (the leave actions)."""

    def on_selection_changed(self) -> None:
        """The selection changed (page-specific buttons follow it)."""

    def export_kind(self) -> str:
        return self.list_kind

    # -- small helpers ------------------------------------------------------------------------------------
    def _timer(self, msecs: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(msecs)
        timer.timeout.connect(slot)
        return timer

    # -- texts --------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.heading_text())
        self.new_button.setText(QCoreApplication.translate("ListPage", "新建…"))
        self.new_button.setToolTip(
            read_only_reason()
            if self.ledger.read_only
            else QCoreApplication.translate("ListPage", "新建一条记录（Ctrl+N）")
        )
        self.search.setPlaceholderText(self.search_placeholder())
        self.search.setToolTip(self.search_placeholder())
        current = self.period.currentData()
        self.period.clear()
        for code, text in PERIODS:
            self.period.addItem(QCoreApplication.translate("ListPage", text), code)
        self.period.setCurrentIndex(max(self.period.findData(current), 0))
        self.date_from.retranslate_ui()
        self.date_to.retranslate_ui()
        self.date_from.setToolTip(QCoreApplication.translate("ListPage", "开始日期"))
        self.date_to.setToolTip(QCoreApplication.translate("ListPage", "结束日期"))
        self.date_from.setPlaceholderText(QCoreApplication.translate("ListPage", "开始日期"))
        self.date_to.setPlaceholderText(QCoreApplication.translate("ListPage", "结束日期"))
        self.member_filter.setPlaceholderText(QCoreApplication.translate("ListPage", "全部成员"))
        self.member_filter.setToolTip(
            QCoreApplication.translate("ListPage", "只看某位成员：输入姓名或拼音首字母")
        )
        if self.kind_vocab is not None:
            current = self.kind_filter.currentData()
            self.kind_filter.clear()
            self.kind_filter.addItem(self.kind_all_text(), None)
            lang = current_language()
            for code in vocab.codes(self.kind_vocab):
                self.kind_filter.addItem(vocab.label(self.kind_vocab, code, lang), code)
            self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(current), 0))
        choices = self.status_choices()
        if choices:
            current = self.status_filter.currentData()
            self.status_filter.clear()
            self.status_filter.addItem(self.status_all_text(), None)
            for code, text in choices:
                self.status_filter.addItem(text, code)
            self.status_filter.setCurrentIndex(max(self.status_filter.findData(current), 0))
        self.clear_button.setText(QCoreApplication.translate("ListPage", "清除筛选"))
        self.clear_button.setToolTip(QCoreApplication.translate("ListPage", "显示全部记录"))
        self.hint_label.setText(self.key_hint())
        self.edit_action.setText(QCoreApplication.translate("ListPage", "编辑…"))
        self.delete_action.setText(QCoreApplication.translate("ListPage", "删除"))
        self.export_action.setText(QCoreApplication.translate("ListPage", "导出台账…"))
        if export_ledger_dialog is None:
            self.export_action.setEnabled(False)
            self.export_action.setToolTip(
                QCoreApplication.translate("ListPage", "导出台账的功能尚未完成")
            )
        else:
            self.export_action.setToolTip(
                QCoreApplication.translate(
                    "ListPage", "把当前显示的记录导出为 Excel、CSV 或 Markdown"
                )
            )
        self.model.retranslate()
        if getattr(self, "_header_language", None) not in (None, current_language()):
            fit_headers(self.table)  # headers in another language: none is clipped
            self._header_language = current_language()
            self._header_timer.start()
        self._update_totals()

    # -- drawing ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Records changed (or first shown): query again, keep the selection, rebuild the index."""
        self._drop_index()
        if self._members_stale:
            self._refresh_members()
        self._reload_keeping_selection(self.model.reload)
        if not self._fitted and self.model.rowCount():
            if not self._header_restored:
                fit_columns(self.table)
                self._header_timer.start()
            self._fitted = True
        self._update_totals(sums_now=True)
        self._build_index()

    def _refresh_members(self) -> None:
        self._members_stale = False
        choices = load_choices(self.ledger)
        if choices != self.members_model.choices:
            member_id = self.member_filter.member_id()
            self.members_model.set_choices(choices)
            if member_id is not None:
                self.member_filter.set_member_id(member_id)

    def _set_tab_order(self) -> None:
        # Tab: the filter bar, the table, then the page's buttons (the table never keeps Tab).
        # Set once the page is in its window: moving a page into the window re-links its widgets.
        chain: list[QWidget] = [
            self.search,
            self.period,
            self.date_from,
            self.date_to,
            self.member_filter,
            self.kind_filter,
            self.status_filter,
            self.clear_button,
            self.table,
            *self._extra_buttons,
            self.new_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._tab_order_set = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if not self._tab_order_set:
            self._set_tab_order()
        super().showEvent(event)  # (redraws first if records changed while hidden)
        if self.model.active and self.model.text_index is None:
            self._build_index()  # an index dropped while the page was hidden

    def on_records_changed(self, kind: str) -> None:
        if kind in ("member", ALL_KINDS, OTHERS):
            self._members_stale = True  # names and pinyin for the pickers and the cells
        super().on_records_changed(kind)

    # -- the text index -------------------------------------------------------------------------------------
    def _drop_index(self) -> None:
        self._index_generation += 1
        self.model.text_index = None

    def _build_index(self) -> None:
        if self._index_task is not None and not self._index_task.is_done:
            return  # it reports, sees that it is stale, and starts again
        generation = self._index_generation
        self._index_task = worker.start(
            self.spec.text_index,
            self.ledger,
            ledger=self.ledger,
            owner=self,
            on_finished=lambda index, g=generation: self._on_index_ready(g, index),
            on_failed=self._on_index_failed,
        )

    def _on_index_ready(self, generation: int, index: TextIndex) -> None:
        if generation != self._index_generation:
            if self.isVisible():
                QTimer.singleShot(0, self._build_index)
            return
        self.model.text_index = index
        if self.model.filters.text.strip():
            self._reload_keeping_selection(self.model.reload)

    def _on_index_failed(self, exc: BaseException) -> None:
        if not is_user_problem(exc):
            raise exc  # a bug: to the crash dialog
        # The database cannot be read now: the text filter keeps running in SQL.

    @property
    def index_ready(self) -> bool:
        return self.model.text_index is not None

    # -- filters ------------------------------------------------------------------------------------------
    def current_filters(self) -> Filters:
        status = self.status_filter.currentData() if self.status_choices() else self._hidden.status
        has_dates = self.spec.date_field is not None
        return Filters(
            date_from=self.date_from.date() if has_dates else None,
            date_to=self.date_to.date() if has_dates else None,
            member_id=self.member_filter.member_id(),
            kind=self.kind_filter.currentData() if self.kind_vocab is not None else None,
            text=self.search.text().strip(),
            status=status,
        )

    def _filters_without_text(self) -> Filters:
        return dataclasses.replace(self.current_filters(), text="")

    @Slot()
    def _apply_filters(self) -> None:
        self._sql_text_timer.stop()
        self._reload_keeping_selection(lambda: self.model.set_filters(self.current_filters()))
        self._update_totals(sums_now=True)

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        if self.index_ready or not text.strip():
            self._sql_text_timer.stop()
            self._apply_text()
        else:
            self._sql_text_timer.start()

    @Slot()
    def _apply_text(self) -> None:
        self._reload_keeping_selection(lambda: self.model.set_text(self.search.text().strip()))
        self._update_totals()

    @Slot(int)
    def _on_period_activated(self, _index: int) -> None:
        code = self.period.currentData()
        if code == "custom":
            self.date_from.setFocus()
            return
        start, end = period_range(code, clock.today())
        self.date_from.set_date(start)
        self.date_to.set_date(end)
        self._apply_filters()

    @Slot()
    def _on_date_edited(self) -> None:
        self.period.setCurrentIndex(self.period.findData("custom"))
        for widget in (self.date_from, self.date_to):
            bad = bool(widget.text().strip()) and widget.date() is None
            widget.setStyleSheet("color: #b71c1c;" if bad else "")
        self._date_timer.start()

    @Slot()
    def clear_filters(self) -> None:
        self._hidden = Filters()
        for widget in (self.search, self.date_from, self.date_to):
            widget.blockSignals(True)
            widget.clear()
            widget.setStyleSheet("")
            widget.blockSignals(False)
        self.member_filter.blockSignals(True)
        self.member_filter.set_member_id(None)
        self.member_filter.blockSignals(False)
        for combo in (self.period, self.kind_filter, self.status_filter):
            combo.setCurrentIndex(0)
        self._apply_filters()

    def set_filters(self, filters: Filters) -> None:
        """Show the records of ``filters`` (what the bar cannot show still applies)."""
        self._hidden = filters
        self.search.blockSignals(True)
        self.search.setText(filters.text)
        self.search.blockSignals(False)
        self.date_from.set_date(filters.date_from)
        self.date_to.set_date(filters.date_to)
        self.period.setCurrentIndex(
            self.period.findData("custom" if filters.date_from or filters.date_to else "all")
        )
        self.member_filter.blockSignals(True)
        self.member_filter.set_member_id(filters.member_id)
        self.member_filter.blockSignals(False)
        self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(filters.kind), 0))
        if self.status_choices():
            self.status_filter.setCurrentIndex(max(self.status_filter.findData(filters.status), 0))
        if self.model.active:
            self._apply_filters()
        else:
            self.model.filters = self.current_filters()

    def show_target(self, target: Any) -> None:
        if not isinstance(target, Mapping):
            return
        filters = target.get("filters")
        record_id = target.get("record_id")
        if isinstance(filters, Filters):
            self.set_filters(filters)
        elif record_id is not None:
            self.set_filters(Filters())
        if record_id is not None:
            if not self.model.active:
                self.refresh()
                self._stale = False
            self.select_record(record_id)

    # -- totals -----------------------------------------------------------------------------------------------
    def _update_totals(self, *, sums_now: bool = False) -> None:
        if self.has_sums():
            if sums_now and self.model.active:
                self._sums_timer.stop()
                self._update_sums()
                return
            self._sums = None
            self._sums_timer.start()
        self._show_totals()

    @Slot()
    def _update_sums(self) -> None:
        if not self.model.active:
            return
        try:
            self._sums = self.spec.totals(self.ledger, self.model.filters)
        except errors.LedgerError:
            self._sums = None
        self._show_totals()

    def _show_totals(self) -> None:
        count = self.model.rowCount()
        filters = self.model.filters
        if count or not self.model.active:
            self.totals_label.setText(self.totals_text(count, self._sums))
        elif filters == Filters(today=filters.today):  # nothing at all yet: the way forward
            self.totals_label.setText(
                QCoreApplication.translate(
                    "ListPage", "还没有记录。按 Ctrl+N 或点“新建…”添加第一条。"
                )
                if self.form_class is not None
                else QCoreApplication.translate("ListPage", "还没有记录。")
            )
        else:
            self.totals_label.setText(
                QCoreApplication.translate("ListPage", "没有符合筛选条件的记录（可点“清除筛选”）。")
            )

    # -- selection --------------------------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def selected_ids(self) -> list[uuid.UUID]:
        return [self.model.id_at(row) for row in self.selected_rows()]

    def current_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if index.isValid() and index.row() < self.model.rowCount():
            return self.model.id_at(index.row())
        rows = self.selected_rows()
        return self.model.id_at(rows[0]) if rows else None

    def select_record(self, record_id: Any, *, scroll: bool = True) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.table.scrollTo(index)
        return True

    def _reload_keeping_selection(self, reload: Callable[[], None]) -> None:
        selected = self.selected_ids() if self.model.active else []
        current = self.current_id() if self.model.active else None
        scroll = self.table.verticalScrollBar().value()
        reload()
        if not selected:
            self.table.verticalScrollBar().setValue(
                min(scroll, self.table.verticalScrollBar().maximum())
            )
            self.on_selection_changed()
            self.actions_changed.emit()
            return
        selection = QItemSelection()
        for record_id in selected:
            row = self.model.row_of(record_id)
            if row >= 0:
                selection.select(
                    self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1)
                )
        model = self.table.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        row = self.model.row_of(current) if current is not None else -1
        if row >= 0:
            model.setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.table.verticalScrollBar().setValue(
            min(scroll, self.table.verticalScrollBar().maximum())
        )
        self.on_selection_changed()
        self.actions_changed.emit()

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        self.on_selection_changed()
        self.actions_changed.emit()

    # -- actions --------------------------------------------------------------------------------------------
    def can_do(self, action: PageAction) -> bool:
        read_only = self.ledger.read_only
        if action == PageAction.NEW:
            return self.form_class is not None and not read_only
        if action == PageAction.DELETE:
            return bool(self.table.selectionModel().hasSelection()) and not read_only
        return super().can_do(action)

    def find(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_record(self) -> None:
        if self.form_class is None or self.ledger.read_only:
            return
        dialog = self._make_dialog()
        if dialog is None:
            return
        dialog.start_new(self.new_defaults())
        self._show_dialog(dialog)

    def new_defaults(self) -> dict[str, Any]:
        """A new record from a filtered list takes the filter's member and kind."""
        out: dict[str, Any] = {}
        member_id = self.member_filter.member_id()
        if member_id is not None:
            for name in self.member_fields:
                out[name] = member_id
        kind = self.kind_filter.currentData() if self.kind_vocab is not None else None
        if kind and self.kind_field_name:
            out[self.kind_field_name] = kind
        return out

    @Slot()
    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.edit_record(record_id)

    def edit_record(self, record_id: Any) -> None:
        if self.form_class is None:
            return
        dialog = self._make_dialog()
        if dialog is None:
            return
        try:
            dialog.start_edit(record_id)
        except errors.LedgerError as exc:
            dialog.deleteLater()
            self.dialog = None
            self.operations.report(describe_problem(exc))
            return
        self._show_dialog(dialog)

    def _make_dialog(self) -> RecordDialog | None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.activateWindow()
            return None
        assert self.form_class is not None
        form = self.form_class(self.ledger, self.operations)
        dialog = RecordDialog(form, self.context.settings, self)
        dialog.saved.connect(self._on_dialog_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.prepare_dialog(dialog)
        self.dialog = dialog
        return dialog

    def _show_dialog(self, dialog: RecordDialog) -> None:
        dialog.open()
        dialog.activateWindow()

    @Slot(object)
    def _on_dialog_saved(self, record_id: Any) -> None:
        if not self.model.active:
            self.refresh()
        self.select_record(record_id)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.table.setFocus()

    def may_leave(self) -> bool:
        if self.dialog is not None and self.dialog.isVisible():
            if not self.dialog.may_close():
                return False
            self.dialog.form.mark_clean()
            self.dialog.reject()
        return True

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.ledger.read_only:
            return
        first_row = self.selected_rows()[0]
        if self.operations.delete(self.list_kind, ids) and self.model.rowCount():
            row = min(first_row, self.model.rowCount() - 1)
            self.select_record(self.model.id_at(row))

    # -- the table's keys, menu, double-click ---------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.table
            and event.type() == QEvent.Type.ContextMenu
            and isinstance(event, QContextMenuEvent)
            and event.reason() != QContextMenuEvent.Reason.Mouse
        ):
            # The Menu key: its event reaches the table itself, its position in the table's
            # coordinates (below the header), not the viewport's that customContextMenuRequested
            # gives for a click; the menu is for the selection as it is, shown at the current row.
            self._show_menu_at_current_row()
            return True
        if (
            watched is self.table
            and event.type() == QEvent.Type.FocusIn
            and self.model.rowCount()
            and not self.table.selectionModel().hasSelection()
        ):
            # The cursor comes to the table: its current row is selected, so that the keys
            # (Enter, Delete, the Menu key, an action's key) have a record to act on.
            current = self.table.currentIndex()
            self.select_record(self.model.id_at(current.row() if current.isValid() else 0))
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self.edit_current()
                return True
            if (
                watched is self.table
                and key == Qt.Key.Key_F10
                and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
            ):
                self._show_menu_at_current_row()  # Shift+F10: the Menu key of keyboards without one
                return True
            if watched is self.search:
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                    if not self.table.selectionModel().hasSelection():
                        self.select_record(self.model.id_at(0))
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_record(self.model.id_at(index.row()))

    @Slot(QPoint)
    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.select_record(self.model.id_at(index.row()), scroll=False)
        menu = self.build_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _show_menu_at_current_row(self) -> None:
        viewport = self.table.viewport()
        index = self.table.currentIndex()
        rect = self.table.visualRect(index) if index.isValid() else None
        if rect is None or not viewport.rect().intersects(rect):
            position = QPoint(0, 0)
        else:
            position = QPoint(max(rect.left(), 0) + 8, rect.bottom())
        menu = self.build_menu()
        menu.exec(viewport.mapToGlobal(position))
        menu.deleteLater()

    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        has = self.table.selectionModel().hasSelection()
        writable = not self.ledger.read_only
        self.edit_action.setEnabled(has and self.form_class is not None)
        self.delete_action.setEnabled(has and writable)
        if self.form_class is not None:
            menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        self.extra_menu_actions(menu)
        menu.addSeparator()
        menu.addAction(self.export_action)
        return menu

    # -- export ---------------------------------------------------------------------------------------------
    @Slot()
    def export_ledger(self) -> None:
        """导出台账…: the export dialog, preset to this list's kind and what its filters show."""
        if export_ledger_dialog is not None:
            self.export_dialog = export_ledger_dialog(
                self, self.context, self.export_kind(), self.model.filters
            )

    # -- the header's state, remembered per list --------------------------------------------------------------
    def _header_key(self) -> str:
        return f"lists/{self.list_kind}/header"

    def _restore_header(self) -> bool:
        """The widths, order and sort the user left (per list); the headers' language is kept
        with them, so that widths set for the other language are widened where they clip."""
        self._header_language = current_language()
        state = self.context.settings.value(self._header_key())
        if not isinstance(state, QByteArray | bytes):
            return False
        header = self.table.horizontalHeader()
        if not header.restoreState(QByteArray(state)):
            return False
        header.setStretchLastSection(False)  # (a state saved before the last column was fitted)
        if self.context.settings.value(self._header_key() + "_language") != current_language():
            fit_headers(self.table)
        return True

    @Slot()
    def _save_header(self) -> None:
        self.context.settings.setValue(
            self._header_key(), self.table.horizontalHeader().saveState()
        )
        self.context.settings.setValue(self._header_key() + "_language", current_language())


def kind_noun(kind: str) -> str:
    return service_for(kind).noun().text(current_language())


__all__ = ["ListModel", "ListPage", "number_text", "period_range"]
