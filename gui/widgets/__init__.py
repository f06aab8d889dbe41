"""Small widgets shared by pages: a field's error line, a form whose errors come from the core's
validation, and a busy indicator for background work."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.common.errors import ValidationError
from db.common.messages import Message, MessageDef, current_language


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette) -> QColor:
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b71c1c")


def warning_color(palette: QPalette) -> QColor:
    return QColor("#ffcc80") if is_dark(palette) else QColor("#8a4b00")


class ErrorLabel(QLabel):
    """The problem of one field, shown right under it, wrapped to the field's width; hidden while
    there is none. A warning (something unusual that may be saved all the same: the core's warnings
    say "请核对") shows in another colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        self.setVisible(False)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # As tall as its wrapped lines need, however narrow the field: never cut off.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.is_warning = False
        self._apply_color()

    def _apply_color(self) -> None:
        palette = self.palette()
        color = warning_color(palette) if self.is_warning else error_color(palette)
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.setPalette(palette)

    def show_messages(self, messages: Iterable[Message | str], *, warning: bool = False) -> None:
        lang = current_language()
        texts = [m.text(lang) if isinstance(m, Message) else m for m in messages]
        if warning != self.is_warning:
            self.is_warning = warning
            self._apply_color()
        self.setText("\n".join(texts))
        self.setVisible(bool(texts))
        self.updateGeometry()

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)
        self.updateGeometry()


# -- the keys of every form ---------------------------------------------------------------------------


def form_keys_hint(save: str | None = None, *, cancel: bool = True) -> str:
    """The one rule of every form, as each form shows it under its fields."""
    text = QCoreApplication.translate("FormKeys", "Ctrl+Enter {save} · Enter 到下一项").format(
        save=save or QCoreApplication.translate("FormKeys", "保存")
    )
    if cancel:
        text += QCoreApplication.translate("FormKeys", " · Esc 取消")
    return text


def form_key(widget: QWidget, event: QKeyEvent, save: Callable[[], object] | None) -> bool:
    """The one rule of every form for Enter: Ctrl+Enter saves (``save``; Ctrl+S too, elsewhere);
    Enter goes to the next field, as on a paper form, and never saves by accident; Enter on a
    button presses it. A text of several lines keeps Enter for its new lines (it never lets the
    key reach here). True when the key was taken."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers == Qt.KeyboardModifier.ControlModifier:
        if save is None:
            return False
        save()
        return True
    if modifiers != Qt.KeyboardModifier.NoModifier:
        return False
    focused = widget.focusWidget()
    if isinstance(focused, QAbstractButton):
        focused.click()
    else:
        widget.focusNextChild()
    return True


class FieldForm(QWidget):
    """A form of text fields named as the core names them. The labels are the core's own (the
    same words its messages use); ``show_errors`` puts each ValidationError message beside its field.

    ``edited`` is emitted, a moment after the user stops typing, with the names touched so far: the
    page then asks the core to validate and shows the errors of those fields only.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, delay_ms: int = 250) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._layout = QFormLayout()
        outer.addLayout(self._layout)
        self.key_hint = QLabel()  # the keys (the page that holds the form saves on Ctrl+Enter)
        self.key_hint.setObjectName("keyHint")
        self.key_hint.setEnabled(False)
        self.key_hint.setWordWrap(True)
        outer.addWidget(self.key_hint, 0, Qt.AlignmentFlag.AlignRight)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._errors: dict[str, ErrorLabel] = {}
        self._labels: dict[str, tuple[QLabel, MessageDef, bool]] = {}
        self._placeholders: dict[str, Callable[[], str]] = {}
        self.touched: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.edited)

    def add_line(
        self,
        name: str,
        label: MessageDef,
        *,
        required: bool = False,
        placeholder: Callable[[], str] | None = None,
    ) -> QLineEdit:
        editor = QLineEdit()
        editor.setObjectName(f"field_{name}")
        editor.textEdited.connect(lambda _text, n=name: self._on_edited(n))
        self._add(name, label, editor, required, placeholder)
        return editor

    def _add(
        self,
        name: str,
        label: MessageDef,
        editor: QLineEdit | QPlainTextEdit,
        required: bool,
        placeholder: Callable[[], str] | None,
    ) -> None:
        caption = QLabel()
        caption.setBuddy(editor)
        error = ErrorLabel()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(error)
        self._layout.addRow(caption, cell)
        self._editors[name] = editor
        self._errors[name] = error
        self._labels[name] = (caption, label, required)
        if placeholder is not None:
            self._placeholders[name] = placeholder

    def add_widget_row(self, caption: QLabel, widget: QWidget) -> None:
        """A row of the form's layout that is not one of the core's fields (its texts are the
        page's to set)."""
        self._layout.addRow(caption, widget)

    def _on_edited(self, name: str) -> None:
        self.touched.add(name)
        self._timer.start()

    def retranslate_ui(self) -> None:
        lang = current_language()
        self.key_hint.setText(form_keys_hint(cancel=False))
        for name, (caption, label, required) in self._labels.items():
            text = label().text(lang) + (" *" if required else "")
            caption.setText(QCoreApplication.translate("FieldForm", "{label}：").format(label=text))
            placeholder = self._placeholders.get(name)
            editor = self._editors[name]
            if placeholder is not None and isinstance(editor, QLineEdit):
                editor.setPlaceholderText(placeholder())

    def editor(self, name: str) -> QLineEdit | QPlainTextEdit:
        return self._editors[name]

    def names(self) -> list[str]:
        return list(self._editors)

    def values(self) -> dict[str, str]:
        out = {}
        for name, editor in self._editors.items():
            text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            out[name] = text.strip()
        return out

    def set_values(self, values: Mapping[str, Any]) -> None:
        for name, editor in self._editors.items():
            value = values.get(name)
            text = "" if value is None else str(value)
            if isinstance(editor, QLineEdit):
                editor.setText(text)
            else:
                editor.setPlainText(text)
        self.touched.clear()
        self.clear_errors()

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()

    def show_errors(self, error: ValidationError | None, only: Iterable[str] | None = None) -> None:
        """Show each field's messages beside it (of the fields in ``only``, if given); the first
        field with a problem gets the focus when all are shown."""
        wanted = set(self._editors if only is None else only)
        first = None
        for name, label in self._errors.items():
            messages = error.for_field(name) if error is not None and name in wanted else []
            label.show_messages(messages)
            if messages and first is None:
                first = name
        if only is None and first is not None:
            self._editors[first].setFocus()

    def unplaced_errors(self, error: ValidationError) -> list[Message]:
        """Messages for fields this form does not have (shown elsewhere by the page)."""
        return [e.message for e in error.errors if e.field not in self._editors]


def setup_table_view(view: QTableView, *, multi_select: bool = True) -> None:
    """A record table as every list page shows it: whole rows selected, one line per row of a
    fixed height (so that the view never measures 100,000 rows), sortable by the header."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    rows = view.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    columns = view.horizontalHeader()
    # The last column is as wide as its contents like the others: it does not take the room
    # that the others' contents need (the window's width is left empty on the right instead).
    columns.setStretchLastSection(False)
    columns.setHighlightSections(False)
    columns.setResizeContentsPrecision(60)  # columns fit the first rows, not all of them
    columns.setSectionsMovable(True)


def fit_columns(view: QTableView, maximum: int = 360) -> None:
    """Widths from the first rows' contents, none wider than ``maximum`` pixels, none narrower
    than its header's text."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > maximum:
            header.resizeSection(column, max(maximum, header.sectionSizeHint(column)))


def fit_headers(view: QTableView) -> None:
    """Widen the columns whose header text does not fit (after a change of language); the others
    keep the widths they have (the user's)."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        wanted = header.sectionSizeHint(column)
        if not header.isSectionHidden(column) and header.sectionSize(column) < wanted:
            header.resizeSection(column, wanted)


class BusyIndicator(QWidget):
    """An indeterminate progress bar with a line of text, for background work of unknown length."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 1)
        self.setVisible(False)

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(True)

    def stop(self) -> None:
        self.setVisible(False)


__all__ = [
    "BusyIndicator",
    "ErrorLabel",
    "FieldForm",
    "error_color",
    "fit_columns",
    "fit_headers",
    "form_key",
    "form_keys_hint",
    "is_dark",
    "warning_color",
    "setup_table_view",
]
