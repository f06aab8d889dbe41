"""The form of one record and the dialog it is typed into: one machinery for every kind of record.

A ``RecordForm`` lays out fields named as the core names them, with the core's own labels, and
gives the values the service's ``save()`` takes. As the user types, it asks the service's
``validate()`` (a moment after the last keystroke) and shows each message beside its field, for the
fields touched so far; a save shows them all. The form never writes: the ``RecordDialog`` saves
through the one path for changes (``Operations.save``), passing the version the form was loaded at so
that somebody else's change is reported instead of overwritten, and keeps everything typed when the
save is refused.

Keyboard (SPEC §3), the rule of every form (gui.widgets.form_key), shown under the form: Ctrl+Enter
or Ctrl+S saves; Enter moves to the next field (it never saves by accident; in a text of several
lines it starts a new line); Esc cancels, asking first when something was typed. Ctrl+Shift+S saves
and starts the next record keeping its date and kind; Ctrl+N starts a new record; Tab follows the
form.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDate,
    QEvent,
    QPoint,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.common import clock, errors
from db.common.errors import ValidationError
from db.common.messages import Message, current_language
from db.rules import pinyin, vocab
from db.services.base import RecordService, service_for
from db.services.fields import parse_date, parse_month
from db.store.ledger import Ledger
from gui.operations import Operations
from gui.widgets import ErrorLabel, error_color, form_key, form_keys_hint
from gui.widgets.member_picker import (
    MemberChoice,
    MemberLine,
    MemberModel,
    MemberPicker,
    MembersPicker,
    load_choices,
)

VALIDATE_DELAY_MS = 250
SAVED_NOTE_MS = 6000


# -- small editors -----------------------------------------------------------------------------------


def _calendar_icon(color: QColor) -> QIcon:
    """A small calendar drawn once (the platform's icon themes rarely have one)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(color, 1.2))
    painter.drawRect(2, 3, 12, 11)
    painter.fillRect(2, 3, 13, 3, color)
    for x in (5, 8, 11):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, color)
    painter.end()
    return QIcon(pixmap)


_SHORT_DATE = (
    re.compile(r"^(\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{2})(\d{2})$"),
)
_SHORT_MONTH = re.compile(r"^(\d{1,2})月?$")


class DateLine(QLineEdit):
    """A date typed as text (so that a wrong one can be shown and explained by the core), with the
    conveniences of a date field: Up/Down a day, PageUp/PageDown a month, a calendar, and "3-5" or
    "3月5日" completed with the year on leaving the field. ``month=True``: a month (2025-03)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, month: bool = False) -> None:
        super().__init__(parent)
        self.month = month
        self.default_year = clock.today().year
        self.textEdited.connect(lambda _text: self.edited.emit())
        self._calendar_action = QAction(self)
        self._calendar_action.setIcon(_calendar_icon(self.palette().color(QPalette.ColorRole.Text)))
        self._calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self._calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._popup: QCalendarWidget | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(
            QCoreApplication.translate("RecordForm", "如 2025-03")
            if self.month
            else QCoreApplication.translate("RecordForm", "如 2025-03-01")
        )
        self._calendar_action.setToolTip(
            QCoreApplication.translate("RecordForm", "选择日期（也可按 ↑↓ 键逐日调整）")
        )

    def date(self) -> datetime.date | None:
        try:
            return parse_month(self.text()) if self.month else parse_date(self.text())
        except ValueError:
            return None

    def set_date(self, day: datetime.date | None) -> None:
        if day is None:
            self.setText("")
        else:
            self.setText(day.strftime("%Y-%m") if self.month else day.isoformat())

    def _user_sets(self, day: datetime.date) -> None:
        self.set_date(day)
        self.edited.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: (0, 1),
            Qt.Key.Key_Down: (0, -1),
            Qt.Key.Key_PageUp: (1, 0),
            Qt.Key.Key_PageDown: (-1, 0),
        }
        step = steps.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.complete_short()
            current = self.date()
            if current is None and self.text().strip():
                return  # not a date yet: leave what was typed alone
            months, days = step
            if self.month:
                months, days = months or days, 0
            day = current or clock.today()
            if months:
                total = day.year * 12 + day.month - 1 + months
                year, month = total // 12, total % 12 + 1
                following = datetime.date(year + month // 12, month % 12 + 1, 1)
                last = (following - datetime.timedelta(days=1)).day
                day = datetime.date(year, month, min(day.day, last))
            day += datetime.timedelta(days=days)
            self._user_sets(day)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        self.complete_short()
        super().focusOutEvent(event)

    def complete_short(self) -> None:
        """ "3-5" → 2025-03-05 (the year the form works in); "3" → 2025-03 for a month."""
        text = self.text().strip()
        if not text:
            return
        try:
            if self.month:
                found = _SHORT_MONTH.match(text)
                if found and 1 <= int(found.group(1)) <= 12:
                    self._user_sets(datetime.date(self.default_year, int(found.group(1)), 1))
                return
            for pattern in _SHORT_DATE:
                found = pattern.match(text)
                if found:
                    month, day = int(found.group(1)), int(found.group(2))
                    self._user_sets(datetime.date(self.default_year, month, day))
                    return
        except ValueError:
            return  # not a real date: the core's message will say so

    @Slot()
    def show_calendar(self) -> None:
        popup = QCalendarWidget()
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setGridVisible(True)
        current = self.date() or clock.today()
        popup.setSelectedDate(QDate(current.year, current.month, current.day))
        popup.clicked.connect(self._on_calendar_chosen)
        popup.activated.connect(self._on_calendar_chosen)
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._popup = popup
        popup.show()

    @Slot(QDate)
    def _on_calendar_chosen(self, chosen: QDate) -> None:
        if self._popup is not None:
            self._popup.close()
            self._popup = None
        self._user_sets(datetime.date(chosen.year(), chosen.month(), chosen.day()))
        self.setFocus()


class TextBox(QPlainTextEdit):
    """Multi-line text whose preferred height is the lines asked for (Qt's default is large),
    growing with the dialog; Tab moves on rather than typing a tab."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._height = self.fontMetrics().lineSpacing() * lines + 12
        self.setMinimumHeight(self._height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, self._height)


class ChoiceCombo(QComboBox):
    """A combo of fixed choices that the keyboard picks from by typing: the start of an entry's
    pinyin or its pinyin initials ("gw" 公务, "bj" 病假) or of its English text; Up/Down step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._typed_timer = QTimer(self)
        self._typed_timer.setSingleShot(True)
        self._typed_timer.setInterval(QApplication.keyboardInputInterval() or 400)
        self._typed_timer.timeout.connect(self._on_typed_timer_timeout)
        self._keys: dict[str, str] = {}

    @Slot()
    def _on_typed_timer_timeout(self) -> None:
        self._typed = ""

    def _search_keys(self, text: str) -> str:
        if text not in self._keys:
            self._keys[text] = pinyin.index_text(text) if text else ""
        return self._keys[text]

    def _matches(self, typed: str, row: int) -> bool:
        text = self.itemText(row)
        return bool(text) and (
            text.lower().startswith(typed) or pinyin.matches(typed, text, self._search_keys(text))
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        letter = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if plain and len(letter) == 1 and letter.isascii() and letter.isalpha():
            repeat = self._typed == letter.lower()  # the same letter again: the next entry so
            self._typed = letter.lower() if repeat else self._typed + letter.lower()
            self._typed_timer.start()
            count = self.count()
            start = self.currentIndex() + 1 if repeat else 0
            for step in range(count):
                row = (start + step) % count
                if self._matches(self._typed, row):
                    self.setCurrentIndex(row)
                    break
            event.accept()
            return
        super().keyPressEvent(event)


def choice_combo(kind: str, *, empty: Callable[[], str] | None = None) -> QComboBox:
    """A combo of one of the core's fixed choices (codes as data), optionally with an empty first
    entry; ``fill_choices`` sets the labels in the current language."""
    combo = ChoiceCombo()
    combo.setProperty("vocab_kind", kind)
    combo.setProperty("empty_fn", empty)
    fill_choices(combo)
    return combo


def fill_choices(combo: QComboBox) -> None:
    kind = combo.property("vocab_kind")
    empty = combo.property("empty_fn")
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if empty is not None:
        combo.addItem(empty(), "")
    lang = current_language()
    for code in vocab.codes(kind):
        combo.addItem(vocab.label(kind, code, lang), code)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    combo.blockSignals(False)


def set_combo_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData("" if value is None else value)
    combo.setCurrentIndex(index if index >= 0 else 0)


# -- rows of members (attendance, spot-check results) -------------------------------------------------


@dataclass
class MemberRow:
    member: MemberChoice
    widgets: list[QWidget]
    touched: bool = False  # the user set this row (a recomputed list keeps it)


class MemberRowsTable(QTableWidget):
    """One row per member with the row's own editors in the other columns. Subclasses make and
    read a row's editors.

    Keyboard: the table is one stop of Tab; there Up/Down go from member to member and Space does
    the row's action (``activate_row``: the first editor takes the cursor, or, for attendance,
    present/absent toggles). Tab goes on to the rows' editors that are shown (an absentee's reason
    and note) and then out of the table: the table never keeps Tab to itself."""

    changed = Signal()

    def __init__(self, model: MemberModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members_model = model
        self._rows: list[MemberRow] = []
        self._filling = False
        self.setColumnCount(len(self.headers()))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 4)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        for column, width in enumerate(self.column_widths()):
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(self.stretch_column(), QHeaderView.ResizeMode.Stretch)
        self.retranslate_ui()

    # -- to override ---------------------------------------------------------------------------------
    def headers(self) -> list[str]:
        raise NotImplementedError

    def stretch_column(self) -> int:
        """The column that takes the width left (the note)."""
        return len(self.headers()) - 1

    def column_widths(self) -> list[int]:
        """Starting widths of the columns, in units of the font's average character."""
        unit = self.fontMetrics().averageCharWidth()
        return [unit * 14] + [unit * 16] * (len(self.headers()) - 2)

    def make_editors(self, row: int, values: Mapping[str, Any]) -> list[QWidget]:
        """The editors of a row (for columns 1…), set from ``values``."""
        raise NotImplementedError

    def read_editors(self, editors: list[QWidget]) -> dict[str, Any]:
        raise NotImplementedError

    def activate_row(self, row: int) -> None:
        """Space on a row: its first editor takes the cursor."""
        for widget in self._rows[row].widgets:
            editor = inner(widget)
            if editor.isVisible() and editor.focusPolicy() != Qt.FocusPolicy.NoFocus:
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # -- keyboard ------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_Space and plain:
            row = self.currentRow()
            if 0 <= row < len(self._rows):
                self.activate_row(row)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        if self.currentRow() < 0 and self.rowCount():
            self.setCurrentCell(0, 0)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:  # an editor of a row: that row is the current one
            row = next(
                (
                    i
                    for i, r in enumerate(self._rows)
                    if any(inner(w) is watched for w in r.widgets)
                ),
                -1,
            )
            if row >= 0 and row != self.currentRow():
                self.setCurrentCell(row, 0)
        return super().eventFilter(watched, event)

    # -- texts ---------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels(self.headers())

    # -- rows ----------------------------------------------------------------------------------------
    def member_ids(self) -> list[uuid.UUID]:
        return [r.member.id for r in self._rows]

    def rows(self) -> list[dict[str, Any]]:
        return [{"member": r.member.id, **self.read_editors(r.widgets)} for r in self._rows]

    def row_of(self, member_id: Any) -> int:
        return next((i for i, r in enumerate(self._rows) if r.member.id == member_id), -1)

    def editors_of(self, member_id: Any) -> list[QWidget]:
        row = self.row_of(member_id)
        return self._rows[row].widgets if row >= 0 else []

    def set_rows(self, rows: Iterable[Mapping[str, Any]], *, touched: bool = False) -> None:
        """Show these rows (a stored record's, or those computed for a new one)."""
        self._filling = True
        try:
            self.setRowCount(0)
            self._rows = []
            for values in rows:
                self._append(values, touched=touched)
        finally:
            self._filling = False
        self.changed.emit()

    def merge(self, computed: Iterable[Mapping[str, Any]]) -> None:
        """Rows computed again (another date or scope): the user's own marks are kept for members
        still listed; the others take the computed values."""
        kept = {
            r.member.id: (self.read_editors(r.widgets), r.touched) for r in self._rows if r.touched
        }
        rows = []
        for values in computed:
            member_id = values.get("member")
            if member_id in kept:
                rows.append(({**values, **kept[member_id][0]}, True))
            else:
                rows.append((values, False))
        self._filling = True
        try:
            self.setRowCount(0)
            self._rows = []
            for values, touched in rows:
                self._append(values, touched=touched)
        finally:
            self._filling = False
        self.changed.emit()

    def add_row(self, values: Mapping[str, Any]) -> bool:
        if self.row_of(values.get("member")) >= 0:
            return False
        self._append(values, touched=True)
        self.changed.emit()
        return True

    def remove_row(self, member_id: Any) -> None:
        row = self.row_of(member_id)
        if row >= 0:
            self.removeRow(row)
            del self._rows[row]
            self.changed.emit()

    def _append(self, values: Mapping[str, Any], *, touched: bool) -> None:
        choice = self.members_model.by_id(values.get("member"))
        if choice is None:
            return
        row = self.rowCount()
        self.insertRow(row)
        name = QTableWidgetItem(choice.name)
        name.setToolTip(choice.detail)
        name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.setItem(row, 0, name)
        editors = self.make_editors(row, values)
        for column, editor in enumerate(editors, start=1):
            self.setCellWidget(row, column, editor)
            inner(editor).installEventFilter(self)
        self._rows.append(MemberRow(choice, editors, touched))

    def user_changed(self, editor: QWidget) -> None:
        """Call from an editor's signal: marks its row as the user's and reports the change."""
        if self._filling:
            return
        for r in self._rows:
            if any(w is editor or inner(w) is editor for w in r.widgets):
                r.touched = True
                break
        self.changed.emit()

    def focus_widgets(self) -> list[QWidget]:
        """The table, then its rows' editors (Tab passes over those hidden)."""
        editors = (inner(w) for r in self._rows for w in r.widgets)
        return [self, *(e for e in editors if e.focusPolicy() != Qt.FocusPolicy.NoFocus)]


def centered(widget: QWidget) -> QWidget:
    """A cell holding ``widget`` in its middle (a check box in a table)."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    holder.setFocusProxy(widget)
    holder.setProperty("inner", widget)
    return holder


def held(widget: QWidget) -> QWidget:
    """A cell holding ``widget`` (the table shows every cell's widget; what it holds can hide)."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    holder.setFocusProxy(widget)
    holder.setProperty("inner", widget)
    return holder


def inner(widget: QWidget) -> QWidget:
    """What a cell holds (see ``centered`` and ``held``)."""
    found = widget.property("inner")
    return found if isinstance(found, QWidget) else widget


# -- the form ----------------------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    caption: QLabel
    editor: QWidget
    error: ErrorLabel
    get: Callable[[], Any]
    set: Callable[[Any], None]
    required: bool
    label: Callable[[], str]
    focus: QWidget


class RecordForm(QWidget):
    """Subclass: set ``kind`` and ``keep_fields``, build the fields in ``build()`` with the helpers
    (``line``, ``date``, ``choice``, ``member``, …), give defaults in ``defaults()``."""

    kind: ClassVar[str]
    # Kept by "保存并新建" for the next record: its date and kind.
    keep_fields: ClassVar[tuple[str, ...]] = ()
    # The dialog's size to start with.
    initial_size: ClassVar[tuple[int, int]] = (720, 520)

    changed = Signal()  # anything edited (at once; validation follows a moment later)
    loaded = Signal()  # a record was loaded, or the form was reset for a new one

    def __init__(
        self, ledger: Ledger, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.operations = operations
        self.service: RecordService[Any] = service_for(self.kind)
        self.record_id: uuid.UUID | None = None
        self.version: int | None = None
        self.touched: set[str] = set()
        self.fields: dict[str, Field] = {}
        self._extra_labels: list[tuple[QLabel, Callable[[], str]]] = []
        self._loading = False
        self._baseline: dict[str, Any] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(3, 1)
        self._grid.setColumnMinimumWidth(2, 0)
        self._row = 0
        self._left_free = False  # the right half of the current row is free
        self.members_model = MemberModel(load_choices(ledger), self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.build()
        self._grid.setRowStretch(self._row + 2, 1)
        self._chain_tab_order()
        self.retranslate_ui()

    # -- to override ---------------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def defaults(self) -> dict[str, Any]:
        """Values of a new record before anything is typed."""
        return {}

    def on_field_changed(self, name: str) -> None:
        """A field was changed by the user (or a record loaded: name ""): update derived displays."""

    def after_load(self, snapshot: Mapping[str, Any]) -> None:
        """A record was loaded (``snapshot`` as the service gives it)."""

    def retranslate_extra(self) -> None:
        """Texts of the form's own widgets."""

    def dialog_buttons(self) -> list[QWidget]:
        """Buttons of the form's own for the dialog's button row (the leave actions)."""
        return []

    def key_hint(self) -> str:
        """The keys, shown under the form (a form with keys of its own adds them)."""
        return form_keys_hint()

    def banner(self) -> tuple[str, bool]:
        """A line shown above the form for the record loaded (text, whether it is a warning)."""
        return "", False

    # -- building ------------------------------------------------------------------------------------
    def _place(
        self, caption: QLabel | None, editor: QWidget, error: ErrorLabel, wide: bool
    ) -> None:
        if wide or not self._left_free:
            if self._left_free:
                self._row += 2
            column = 0
        else:
            column = 2
        span = 3 if wide else 1
        top = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        if caption is not None:
            self._grid.addWidget(caption, self._row, column, top)
            if isinstance(editor, QPlainTextEdit | MembersPicker) or editor.property("tall"):
                caption.setContentsMargins(0, 4, 0, 0)
            else:
                caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                caption.setMinimumHeight(editor.sizeHint().height())
        self._grid.addWidget(editor, self._row, column + 1, 1, span)
        self._grid.addWidget(error, self._row + 1, column + 1, 1, span)
        if wide or column == 2:
            self._row += 2
            self._left_free = False
        else:
            self._left_free = True

    def end_row(self) -> None:
        """Start the next field on a new row even if the right half is free."""
        if self._left_free:
            self._row += 2
            self._left_free = False

    def add_field(
        self,
        name: str,
        editor: QWidget,
        *,
        get: Callable[[], Any],
        set: Callable[[Any], None],  # noqa: A002 - the pair reads best as get/set
        signal: Any,
        wide: bool = False,
        required: bool = False,
        label: Callable[[], str] | None = None,
        focus: QWidget | None = None,
        caption: bool = True,
    ) -> QWidget:
        editor.setObjectName(f"field_{name}")
        label_text = label or (lambda n=name: self.service.labels[n]().text(current_language()))
        caption_label = QLabel()
        caption_label.setBuddy(focus or editor)
        caption_label.setObjectName(f"label_{name}")
        error = ErrorLabel()
        error.setObjectName(f"error_{name}")
        self._place(caption_label if caption else None, editor, error, wide)
        if not caption:
            caption_label.setParent(self)
            caption_label.hide()
        self.fields[name] = Field(
            name, caption_label, editor, error, get, set, required, label_text, focus or editor
        )
        signal.connect(lambda *_args, n=name: self._on_field_changed(n))
        return editor

    def line(
        self,
        name: str,
        *,
        wide: bool = False,
        required: bool = False,
        placeholder: Callable[[], str] | None = None,
    ) -> QLineEdit:
        editor = QLineEdit()
        if placeholder is not None:
            editor.setProperty("placeholder_fn", placeholder)
        self.add_field(
            name,
            editor,
            get=lambda: editor.text().strip(),
            set=lambda v: editor.setText("" if v is None else str(v)),
            signal=editor.textChanged,
            wide=wide,
            required=required,
        )
        return editor

    def number(self, name: str, *, required: bool = False) -> QLineEdit:
        editor = self.line(name, required=required)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def time(self, name: str, *, required: bool = False) -> QLineEdit:
        editor = self.line(name, required=required)
        editor.setProperty(
            "placeholder_fn", lambda: QCoreApplication.translate("RecordForm", "如 14:30")
        )

        def set_time(value: Any) -> None:
            text = "" if value is None else str(value)
            # Stored as 15:00:00; shown and typed as 15:00.
            editor.setText(text[:5] if re.match(r"^\d{2}:\d{2}:00$", text) else text)

        self.fields[name].set = set_time
        return editor

    def text(self, name: str, *, lines: int = 4, required: bool = False) -> QPlainTextEdit:
        editor = TextBox(lines)
        self._grid.setRowStretch(self._row + (2 if self._left_free else 0), lines)
        self.add_field(
            name,
            editor,
            get=lambda: editor.toPlainText().strip(),
            set=lambda v: editor.setPlainText("" if v is None else str(v)),
            signal=editor.textChanged,
            wide=True,
            required=required,
        )
        return editor

    def date(self, name: str, *, required: bool = False, month: bool = False) -> DateLine:
        editor = DateLine(month=month)
        if month:

            def set_month(value: Any) -> None:
                if value in (None, ""):
                    editor.setText("")
                else:
                    try:
                        editor.set_date(parse_month(value))
                    except ValueError:
                        editor.setText(str(value))

            setter = set_month
        else:

            def set_date(value: Any) -> None:
                editor.setText("" if value is None else str(value))

            setter = set_date
        self.add_field(
            name,
            editor,
            get=lambda: editor.text().strip(),
            set=setter,
            signal=editor.textChanged,
            required=required,
        )
        return editor

    def choice(
        self,
        name: str,
        kind: str,
        *,
        required: bool = False,
        empty: Callable[[], str] | None = None,
    ) -> QComboBox:
        combo = choice_combo(kind, empty=empty)
        self.add_field(
            name,
            combo,
            get=lambda: combo.currentData() or "",
            set=lambda v: set_combo_data(combo, v),
            signal=combo.currentIndexChanged,
            required=required,
        )
        return combo

    def check(self, name: str) -> QCheckBox:
        box = QCheckBox()
        box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_field(
            name,
            box,
            get=box.isChecked,
            set=lambda v: box.setChecked(v in (True, "true", "1", 1)),
            signal=box.toggled,
            caption=False,
        )
        return box

    def member(self, name: str, *, required: bool = False) -> MemberPicker:
        picker = MemberPicker(self.members_model)
        picker.setProperty(
            "placeholder_fn",
            lambda: QCoreApplication.translate("RecordForm", "姓名或拼音首字母，如 zs"),
        )
        self.add_field(
            name,
            picker,
            get=picker.value,
            set=picker.set_member_id,
            signal=picker.textChanged,
            required=required,
        )
        # Checked when the typing ends (Enter, Tab, a pick), not under the offers while typing.
        picker.editingFinished.connect(self._timer.start)
        return picker

    def members(self, name: str, *, required: bool = False) -> MembersPicker:
        picker = MembersPicker(self.members_model)
        picker.input.setProperty(
            "placeholder_fn",
            lambda: QCoreApplication.translate("RecordForm", "输入姓名或拼音首字母后按回车添加"),
        )

        def set_ids(value: Any) -> None:
            ids = [v.get("member") if isinstance(v, Mapping) else v for v in value or []]
            picker.set_member_ids(ids)

        self.add_field(
            name,
            picker,
            get=picker.value,
            set=set_ids,
            signal=picker.changed,
            wide=True,
            required=required,
            focus=picker.input,
        )
        return picker

    def section(self, title: Callable[[], str]) -> QLabel:
        """A heading across the form, for a group of fields."""
        self.end_row()
        label = QLabel()
        label.setObjectName("formSection")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 8, 0, 2)
        self._grid.addWidget(label, self._row, 0, 1, 4)
        self._row += 2
        self._extra_labels.append((label, title))
        return label

    def note(self, widget: QWidget, *, wide: bool = True) -> QWidget:
        """A line of the form that is not a field (a live count, a hint), under the field column."""
        self.end_row()
        self._grid.addWidget(widget, self._row, 1, 1, 3 if wide else 1)
        self._row += 2
        return widget

    def refresh_tab_order(self) -> None:
        """Tab follows the form again (after rows of a table were added or removed)."""
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        previous: QWidget | None = None
        for focus in self.focus_chain():
            if previous is not None:
                QWidget.setTabOrder(previous, focus)
            previous = focus

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits, in the form's order (forms with extra widgets add theirs)."""
        chain: list[QWidget] = []
        for field in self.fields.values():
            chain.extend(self.field_focus(field))
        return chain

    def field_focus(self, field: Field) -> list[QWidget]:
        """The widgets of one field that Tab visits."""
        if isinstance(field.editor, MemberRowsTable):
            return field.editor.focus_widgets()
        return [field.focus]

    # -- texts ---------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for field in self.fields.values():
            if isinstance(field.editor, QCheckBox):
                field.editor.setText(field.label())
            self.refresh_caption(field.name)
            for widget in (field.editor, getattr(field.editor, "input", None)):
                placeholder = widget.property("placeholder_fn") if widget is not None else None
                if callable(placeholder) and isinstance(widget, QLineEdit):
                    widget.setPlaceholderText(placeholder())
            if isinstance(field.editor, QComboBox) and field.editor.property("vocab_kind"):
                fill_choices(field.editor)
            if isinstance(field.editor, DateLine):
                field.editor.retranslate_ui()
        for label, title in self._extra_labels:
            label.setText(title())
        self.retranslate_extra()

    def refresh_caption(self, name: str) -> None:
        """Set one field's caption again (its ``required`` mark changed)."""
        field = self.fields[name]
        text = field.label() + (" *" if field.required else "")
        field.caption.setText(
            QCoreApplication.translate("RecordForm", "{label}：").format(label=text)
        )

    def noun(self) -> str:
        return self.service.noun().text(current_language())

    # -- values --------------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {name: field.get() for name, field in self.fields.items()}

    def set_values(self, values: Mapping[str, Any]) -> None:
        self._loading = True
        try:
            for name, value in values.items():
                field = self.fields.get(name)
                if field is not None:
                    field.set(value)
        finally:
            self._loading = False

    def is_new(self) -> bool:
        return self.record_id is None

    def is_dirty(self) -> bool:
        """Whether anything was typed since the record was loaded (or the new one started)."""
        return self.values() != self._baseline

    def mark_clean(self) -> None:
        self._baseline = self.values()

    def carry_values(self) -> dict[str, Any]:
        """What "保存并新建" keeps for the next record."""
        values = self.values()
        return {name: values[name] for name in self.keep_fields if name in values}

    def reset(self, keep: Mapping[str, Any] | None = None) -> None:
        """Start a new record: the defaults, then ``keep`` (from the record saved last)."""
        self._timer.stop()
        self.record_id = None
        self.version = None
        blank: dict[str, Any] = {name: None for name in self.fields}
        for field in self.fields.values():
            if isinstance(field.editor, QComboBox):
                blank[field.name] = field.editor.itemData(0)
            elif isinstance(field.editor, QCheckBox):
                blank[field.name] = False
            elif isinstance(field.editor, MembersPicker):
                blank[field.name] = []
        self.set_values({**blank, **self.defaults(), **(keep or {})})
        self.touched.clear()
        self.clear_errors()
        self.on_field_changed("")
        self.mark_clean()
        self.loaded.emit()

    def load(self, record_id: Any) -> None:
        """Show a stored record (NotFoundError if it is gone)."""
        self._timer.stop()
        record = self.service.get(self.ledger, record_id)
        snapshot = self.service.snapshot(record)
        self.record_id = record.id
        self.version = record.version
        self.set_values(snapshot)
        self.after_load(snapshot)
        self.touched.clear()
        self.clear_errors()
        self.on_field_changed("")
        self.mark_clean()
        self.loaded.emit()

    def stored_version(self) -> int | None:
        """The version of the record as stored now (None: a new record, or one that is gone)."""
        if self.record_id is None:
            return None
        try:
            return self.service.get(self.ledger, self.record_id).version
        except errors.LedgerError:
            return None

    def is_stale(self) -> bool:
        """Whether someone saved the record since the form loaded it (a save would be refused)."""
        stored = self.stored_version()
        return stored is not None and stored != self.version

    def reload_keeping_edits(self) -> list[str]:
        """Load the record's newest version and put back on it what the user changed since the
        form loaded the older one; the names of the fields put back. NotFoundError if it is gone."""
        edited = {k: v for k, v in self.values().items() if self._baseline.get(k) != v}
        self.load(self.record_id)
        self.set_values(edited)
        self.touched.update(edited)
        self.on_field_changed("")
        return list(edited)

    def settle(self) -> None:
        """Resolve what is typed but not yet taken (a name in a member picker) before a save."""
        for field in self.fields.values():
            if isinstance(field.editor, MemberPicker):
                field.editor.settle()
            elif isinstance(field.editor, MembersPicker):
                field.editor.input.settle()
            elif isinstance(field.editor, DateLine):
                field.editor.complete_short()

    def focus_first(self) -> None:
        chain = self.focus_chain()
        if chain:
            chain[0].setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(chain[0], QLineEdit):
                chain[0].selectAll()

    # -- checking as the user types -------------------------------------------------------------------
    def _on_field_changed(self, name: str) -> None:
        if self._loading:
            return
        self.touched.add(name)
        self._timer.start()
        self.on_field_changed(name)
        self.changed.emit()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.validate_now(only=self.touched)

    def validate_now(self, only: Iterable[str] | None = None) -> dict[str, Any] | None:
        """Ask the core; show the messages of the fields in ``only`` (all when None) — its
        warnings too, in their own colour, when nothing is wrong. The cleaned values when there
        is no problem."""
        try:
            cleaned = self.service.validate(self.ledger, self.values(), self.record_id)
            warnings = self.warnings(cleaned)
        except ValidationError as exc:
            self.show_errors(exc, only=only)
            return None
        except errors.LedgerError:
            return None  # the record is gone, say: the save will tell
        self.clear_errors()
        self.show_warnings(warnings, only=only)
        return cleaned

    def pending_warnings(self) -> list[errors.FieldError]:
        """The core's warnings about what the form holds now ([] when it cannot be saved at all:
        the save says why)."""
        try:
            return self.warnings(self.service.validate(self.ledger, self.values(), self.record_id))
        except errors.LedgerError:
            return []

    def warnings(self, cleaned: Mapping[str, Any]) -> list[errors.FieldError]:
        """The core's warnings about these (clean) values: unusual, but they may be saved."""
        current = self.service.get(self.ledger, self.record_id) if self.record_id else None
        return self.service.warnings(self.ledger, cleaned, current)

    def show_warnings(
        self, warnings: Iterable[errors.FieldError], only: Iterable[str] | None = None
    ) -> None:
        wanted = set(self.fields if only is None else only)
        by_field: dict[str, list[Message]] = {}
        for warning in warnings:
            by_field.setdefault(warning.field, []).append(warning.message)
        for name, messages in by_field.items():
            if name in self.fields and name in wanted:
                self.fields[name].error.show_messages(messages, warning=True)

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.error.clear()

    def show_errors(self, error: ValidationError, only: Iterable[str] | None = None) -> None:
        """Each field's messages beside it; with ``only`` None, every field's, and the first field
        with a problem gets the cursor."""
        wanted = set(self.fields if only is None else only)
        first: Field | None = None
        for name, field in self.fields.items():
            messages = error.for_field(name) if name in wanted else []
            if only is not None and isinstance(field.editor, MemberLine) and field.editor.typing():
                # An error label appearing under the line would push the form down under its
                # offers, while the user is half way through a name.
                messages = []
            field.error.show_messages(messages)
            if messages and first is None:
                first = field
        if only is None and first is not None:
            first.focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def unplaced_errors(self, error: ValidationError) -> list[Message]:
        return [e.message for e in error.errors if e.field not in self.fields]

    def error_text(self, name: str) -> str:
        """The message shown beside a field now ("" when none)."""
        field = self.fields[name]
        return field.error.text() if field.error.isVisible() or field.error.text() else ""


# -- the dialog --------------------------------------------------------------------------------------


class RecordDialog(QDialog):
    """A record's form with 保存 / 保存并新建 / 取消. Opened with ``open()`` (modal to the window but
    not blocking the caller); ``saved(record_id)`` after each save."""

    saved = Signal(object)

    def __init__(
        self,
        form: RecordForm,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.form = form
        self.settings = settings
        self.setObjectName(f"recordDialog_{form.kind}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setSizeGripEnabled(True)
        form.loaded.connect(self._on_form_loaded)
        form.changed.connect(self._on_form_changed)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(4, 4, 12, 4)
        holder_layout.addWidget(form)
        scroll.setWidget(holder)

        self.banner = QLabel()
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")
        # After a save refused because someone saved the record meanwhile: take their version and
        # keep one's own changes on it (nothing typed is lost), then save again.
        self.reload_button = QPushButton()
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setAutoDefault(False)
        self.reload_button.setVisible(False)
        self.reload_button.clicked.connect(self.reload_newest)
        self.key_hint = QLabel()
        self.key_hint.setObjectName("keyHint")
        self.key_hint.setEnabled(False)
        self.key_hint.setWordWrap(True)
        self.key_hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("savedNote")
        self.saved_note.setWordWrap(True)
        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.setInterval(SAVED_NOTE_MS)
        self._saved_timer.timeout.connect(self.saved_note.clear)

        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_new_button = QPushButton()
        self.save_new_button.setObjectName("saveNewButton")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.clicked.connect(lambda: self.save())
        self.save_new_button.clicked.connect(lambda: self.save(and_new=True))
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.save_button, self.save_new_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)

        self.extra_buttons = QHBoxLayout()
        self.extra_buttons.setSpacing(6)
        for widget in form.dialog_buttons():
            self.extra_buttons.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addLayout(self.extra_buttons)
        buttons.addStretch()
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.save_new_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.general_error, 1)
        problem_row.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(problem_row)
        layout.addWidget(self.key_hint)
        layout.addLayout(buttons)

        self._shortcuts: list[QShortcut] = []
        for keys, slot in (
            ("Ctrl+S", lambda: self.save()),
            ("Ctrl+Return", lambda: self.save()),
            ("Ctrl+Enter", lambda: self.save()),
            ("Ctrl+Shift+S", lambda: self.save(and_new=True)),
            ("Ctrl+N", self.start_new_asking),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        self.retranslate_ui()
        self._restore_size()

    # -- texts ---------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.form.retranslate_ui()
        self.save_button.setText(QCoreApplication.translate("RecordForm", "保存"))
        self.save_button.setToolTip(
            QCoreApplication.translate("RecordForm", "保存并关闭（Ctrl+S 或 Ctrl+Enter）")
        )
        self.save_new_button.setText(QCoreApplication.translate("RecordForm", "保存并新建"))
        self.save_new_button.setToolTip(
            QCoreApplication.translate(
                "RecordForm", "保存后接着填写下一条，保留日期和类别（Ctrl+Shift+S）"
            )
        )
        self.reload_button.setText(
            QCoreApplication.translate("RecordForm", "载入最新内容并保留我的修改")
        )
        self.reload_button.setToolTip(
            QCoreApplication.translate(
                "RecordForm",
                "载入别处保存的这条记录，再把您在这里改过的内容放回表单；核对后再保存",
            )
        )
        self.cancel_button.setText(QCoreApplication.translate("RecordForm", "取消"))
        self.cancel_button.setToolTip(
            QCoreApplication.translate("RecordForm", "关闭，不保存（Esc）")
        )
        self.key_hint.setText(self.form.key_hint())
        self._update_title()

    def _update_title(self) -> None:
        noun = self.form.noun()
        title = (
            QCoreApplication.translate("RecordForm", "新建{noun}")
            if self.form.is_new()
            else QCoreApplication.translate("RecordForm", "编辑{noun}")
        )
        self.setWindowTitle(title.format(noun=noun))

    # -- starting ------------------------------------------------------------------------------------
    def start_new(self, keep: Mapping[str, Any] | None = None) -> None:
        self.form.reset(keep)
        self.form.focus_first()

    def start_edit(self, record_id: Any) -> None:
        self.form.load(record_id)
        self.form.focus_first()

    @Slot()
    def start_new_asking(self) -> None:
        """Ctrl+N in the form: a new record (after asking, when something typed would be lost)."""
        if self.form.is_dirty() and not self._confirm_discard():
            return
        self.start_new(self.form.carry_values() if self.form.is_new() else None)

    @Slot()
    def _on_form_loaded(self) -> None:
        self.general_error.clear()
        self.reload_button.setVisible(False)
        self._update_title()
        self.key_hint.setText(self.form.key_hint())
        self.save_new_button.setVisible(self.form.is_new())
        text, warning = self.form.banner()
        self.update_banner(text, warning=warning)

    @Slot()
    def _on_form_changed(self) -> None:
        if self.general_error.isVisible():
            self.general_error.clear()

    def update_banner(self, text: str = "", *, warning: bool = False) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        palette = self.banner.palette()
        color = (
            error_color(self.palette())
            if warning
            else self.palette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.banner.setPalette(palette)

    # -- saving ----------------------------------------------------------------------------------------
    def save(self, *, and_new: bool = False) -> bool:
        """Save through Operations; on any problem the form stays as typed. True when saved."""
        form = self.form
        form.settle()
        values = form.values()
        warnings = form.pending_warnings()
        if warnings and not self._go_on_despite(warnings):
            form.show_warnings(warnings)
            first = next((form.fields[w.field] for w in warnings if w.field in form.fields), None)
            if first is not None:
                first.focus.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        problems: list[str] = []
        form.operations.problem.connect(problems.append)
        try:
            record = form.operations.save(
                form.kind,
                values,
                record_id=form.record_id,
                expected_version=form.version,
                description=QCoreApplication.translate("RecordForm", "已保存{noun}").format(
                    noun=form.noun()
                ),
            )
        except ValidationError as exc:
            form.show_errors(exc)
            # Beside the fields, and once here too: a field may be scrolled out of sight.
            self.general_error.show_messages(form.unplaced_errors(exc) or [exc.message])
            return False
        finally:
            form.operations.problem.disconnect(problems.append)
        if record is None:
            self.general_error.show_messages(problems)
            self.reload_button.setVisible(form.is_stale())
            return False
        self.saved.emit(record.id)
        if and_new:
            summary = form.service.summary(record)
            self.start_new(form.carry_values())
            self.saved_note.setText(
                QCoreApplication.translate("RecordForm", "已保存：{summary}").format(
                    summary=summary
                )
            )
            self._saved_timer.start()
        else:
            form.mark_clean()
            self.accept()
        return True

    @Slot()
    def reload_newest(self) -> None:
        """The record as saved elsewhere, with the user's own changes put back on it."""
        try:
            kept = self.form.reload_keeping_edits()
        except errors.LedgerError as exc:  # gone meanwhile: say so, keep the form as it is
            self.general_error.show_messages([exc.message])
            self.reload_button.setVisible(False)
            return
        self.saved_note.setText(
            QCoreApplication.translate(
                "RecordForm",
                "已载入别处保存的最新内容；您改过的 {count} 项仍在表单中，核对后请保存。",
            ).format(count=len(kept))
        )
        self._saved_timer.start()

    def _go_on_despite(self, warnings: list[errors.FieldError]) -> bool:
        """Ask whether to save a record the core finds unusual (its warnings listed)."""
        lang = current_language()
        listed = "\n".join(f"• {w.message.text(lang)}" for w in warnings)
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RecordForm", "请核对"),
            QCoreApplication.translate(
                "RecordForm", "这条记录有不同寻常之处：\n{warnings}\n\n仍然保存吗？"
            ).format(warnings=listed),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- leaving ---------------------------------------------------------------------------------------
    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RecordForm", "放弃填写的内容？"),
            QCoreApplication.translate("RecordForm", "填写的内容还没有保存。放弃这些内容吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def may_close(self) -> bool:
        """True when nothing typed would be lost, or the user agreed to lose it."""
        return not self.form.is_dirty() or self._confirm_discard()

    def reject(self) -> None:
        if self.may_close():
            self.form.mark_clean()
            super().reject()

    def done(self, result: int) -> None:
        self._save_size()
        super().done(result)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if form_key(self, event, self.save):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- size remembered per kind ------------------------------------------------------------------------
    def _size_key(self) -> str:
        return f"forms/{self.form.kind}/geometry"

    def _restore_size(self) -> None:
        # Tall enough for the whole form where the screen allows; the form scrolls otherwise.
        width, _height = self.form.initial_size
        height = self.form.sizeHint().height() + 120
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            height = min(height, int(screen.height() * 0.9))
            width = min(width, int(screen.width() * 0.95))
        self.resize(width, height)
        if self.settings is None:
            return
        geometry = self.settings.value(self._size_key())
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))

    def _save_size(self) -> None:
        if self.settings is not None:
            self.settings.setValue(self._size_key(), self.saveGeometry())


__all__ = [
    "DateLine",
    "Field",
    "RecordDialog",
    "RecordForm",
    "centered",
    "choice_combo",
    "held",
    "inner",
    "fill_choices",
    "set_combo_data",
]
