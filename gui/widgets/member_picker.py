"""Choosing members by typing part of a name or its pinyin initials ("zs" finds 张三), one member or
several in order. Used wherever a member is chosen: forms, the lists' filter bars.

The group has tens of members, so they are held in memory and filtered with a QSortFilterProxyModel
through the core's own matching (db.rules.pinyin.matches: every reading of a surname, and the secretary's
hand-corrected pinyin).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from db.rules.pinyin import matches
from db.services.members import members
from db.store.ledger import Ledger
from db.store.models import Member

Index = QModelIndex | QPersistentModelIndex
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the bare name: what a pick puts into the line
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class MemberChoice:
    id: uuid.UUID
    name: str
    pinyin_index: str
    detail: str  # the host unit and post: tells two members of one name apart
    active: bool


def load_choices(ledger: Ledger) -> list[MemberChoice]:
    """Every member of the group in roster order (those who left too: old records name them)."""
    query = (
        members.query(ledger)
        .select(Member.id, Member.name, Member.pinyin_index, Member.host_unit_post, Member.status)
        .order_by(Member.sort_order, Member.name)
        .tuples()
    )
    return [
        MemberChoice(member_id, name, index, detail, status == "active")
        for member_id, name, index, detail, status in query
    ]


class MemberModel(QAbstractListModel):
    """The group's members for pickers: the popup shows the name and the host unit."""

    def __init__(self, choices: Sequence[MemberChoice] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices: list[MemberChoice] = list(choices)
        self._by_id = {c.id: c for c in self.choices}

    def set_choices(self, choices: Sequence[MemberChoice]) -> None:
        self.beginResetModel()
        self.choices = list(choices)
        self._by_id = {c.id: c for c in self.choices}
        self.endResetModel()

    def by_id(self, member_id: Any) -> MemberChoice | None:
        try:
            key = member_id if isinstance(member_id, uuid.UUID) else uuid.UUID(str(member_id))
        except ValueError:
            return None
        return self._by_id.get(key)

    def find(self, text: str) -> list[MemberChoice]:
        return [c for c in self.choices if matches(text, c.name, c.pinyin_index)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        choice = self.choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{choice.name}　{choice.detail}" if choice.detail else choice.name
        if role == NAME_ROLE:
            return choice.name
        if role == ID_ROLE:
            return choice.id
        if role == Qt.ItemDataRole.ForegroundRole and not choice.active:
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None


class MemberFilter(QSortFilterProxyModel):
    """Members whose name contains the text or whose pinyin starts with it, minus those excluded."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._excluded: set[uuid.UUID] = set()

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_text", text.strip()))

    def set_excluded(self, ids: Iterable[uuid.UUID]) -> None:
        self._change(lambda: setattr(self, "_excluded", set(ids)))

    def _change(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    @property
    def excluded(self) -> set[uuid.UUID]:
        return self._excluded

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, MemberModel)
        choice = model.choices[source_row]
        if choice.id in self._excluded:
            return False
        return matches(self._text, choice.name, choice.pinyin_index)


class MemberLine(QLineEdit):
    """A line that offers members as the user types; ``picked`` when one is taken (from the popup,
    by Enter, or on leaving the line when the text names exactly one member)."""

    picked = Signal(object)  # a MemberChoice

    def __init__(self, model: MemberModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = MemberFilter(self)
        self.proxy.setSourceModel(model)
        self.completer_ = QCompleter(self.proxy, self)
        self.completer_.setWidget(self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(NAME_ROLE)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.activated[QModelIndex].connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)

    # -- offering ------------------------------------------------------------------------------------
    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        self.proxy.set_text(text)
        if not text.strip() or self.proxy.rowCount() == 0:
            self.completer_.popup().hide()
            return
        self.completer_.complete(self._popup_rect())
        popup = self.completer_.popup()
        popup.setCurrentIndex(self.completer_.completionModel().index(0, 0))

    def _popup_rect(self) -> QRect:
        rect = self.rect()
        rect.setWidth(max(rect.width(), 280))
        return rect

    def matching(self) -> list[MemberChoice]:
        """The members the text finds now (an exact name first)."""
        text = self.text().strip()
        if not text:
            return []
        excluded = self.proxy.excluded
        exact = [c for c in self.model.choices if c.name == text and c.id not in excluded]
        if exact:
            return exact
        return [c for c in self.model.find(text) if c.id not in excluded]

    # -- taking --------------------------------------------------------------------------------------
    @Slot(QModelIndex)
    def _on_completer_activated(self, index: QModelIndex) -> None:
        member_id = index.data(ID_ROLE)
        choice = self.model.by_id(member_id)
        if choice is not None:
            self.completer_.popup().hide()
            self.picked.emit(choice)

    def take_current(self) -> bool:
        """Take the member highlighted in the popup, or the only one the text finds; True if taken."""
        popup = self.completer_.popup()
        if popup.isVisible():
            index = popup.currentIndex()
            if not index.isValid():
                index = self.completer_.completionModel().index(0, 0)
            popup.hide()
            if index.isValid():
                self._on_completer_activated(index)
                return True
        found = self.matching()
        if len(found) == 1:
            self.picked.emit(found[0])
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer_.popup()
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            taken = self.take_current()
            if taken or popup.isVisible():
                event.accept()
                return
        if popup.isVisible() and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            # Keys sent to the line (not the popup) still move through the offers.
            rows = self.completer_.completionModel().rowCount()
            row = popup.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
            popup.setCurrentIndex(
                self.completer_.completionModel().index(max(0, min(row, rows - 1)), 0)
            )
            event.accept()
            return
        if key == Qt.Key.Key_Escape and popup.isVisible():
            popup.hide()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.completer_.popup().hide()
            self.settle()
        super().focusOutEvent(event)

    def settled(self) -> bool:
        """Whether what the line shows is already a member taken (nothing to resolve)."""
        return False

    def typing(self) -> bool:
        """Whether the user is still typing a member (the line has the cursor or its offers are
        open, and the text names no member yet): "z" on its way to 张三 is no mistake to report."""
        active = self.hasFocus() or self.completer_.popup().isVisible()
        return active and bool(self.text().strip()) and not self.settled()

    def settle(self) -> None:
        """On leaving the line: text that finds exactly one member takes that member."""
        if self.text().strip() and not self.settled():
            found = self.matching()
            if len(found) == 1:
                self.picked.emit(found[0])


class MemberPicker(MemberLine):
    """One member. ``value()`` is the member's id, the typed text when it finds no one (the core
    then says which text it could not find), or None when empty."""

    member_changed = Signal(object)  # uuid.UUID or None

    def __init__(self, model: MemberModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self._member: MemberChoice | None = None
        self.setClearButtonEnabled(True)
        self.picked.connect(self._on_picked)
        self.textChanged.connect(self._on_text_changed)

    def member_id(self) -> uuid.UUID | None:
        return self._member.id if self._member is not None else None

    def value(self) -> uuid.UUID | str | None:
        if self._member is not None:
            return self._member.id
        return self.text().strip() or None

    def set_member_id(self, member_id: Any) -> None:
        choice = self.model.by_id(member_id) if member_id not in (None, "") else None
        self._member = choice
        self.blockSignals(True)
        self.setText(
            choice.name if choice is not None else ("" if not member_id else str(member_id))
        )
        self.blockSignals(False)

    @Slot(object)
    def _on_picked(self, choice: MemberChoice) -> None:
        changed = self._member != choice
        self._member = choice
        self.setText(choice.name)
        if changed:
            self.member_changed.emit(choice.id)

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        if self._member is not None and text.strip() != self._member.name:
            self._member = None
            self.member_changed.emit(None)
        elif self._member is None and not text.strip():
            self.member_changed.emit(None)

    def settled(self) -> bool:
        return self._member is not None


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        spacing = self.spacing()
        visible = [i for i in self._items if not i.isEmpty()]
        for position, item in enumerate(visible):
            hint = item.sizeHint()
            last = position == len(visible) - 1
            width = hint.width()
            if (
                last
                and item.widget() is not None
                and item.widget().sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding
            ):
                # The typing line takes the rest of the line (or a new one when too little is left).
                if area.right() - x + 1 < hint.width() and x > area.x():
                    x, y, line_height = area.x(), y + line_height + spacing, 0
                width = area.right() - x + 1
            elif x + width > area.right() + 1 and line_height > 0:
                x, y, line_height = area.x(), y + line_height + spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class MemberChip(QFrame):
    """A chosen member with a button that removes it."""

    remove_requested = Signal(object)  # the member's id

    def __init__(self, choice: MemberChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.setObjectName("memberChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.setPalette(palette)
        self.label = QLabel(choice.name)
        self.label.setToolTip(choice.detail)
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("removeMember")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.remove_button.setIconSize(QSize(10, 10))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.choice.id))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 1, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.remove_button.setToolTip(
            QCoreApplication.translate("MemberPicker", "移除 {name}").format(name=self.choice.name)
        )


class MembersPicker(QWidget):
    """Several members, in the order chosen (first author first). Type a name or initials and press
    Enter to add; Backspace in the empty line removes the last one."""

    changed = Signal()

    def __init__(self, model: MemberModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._chosen: list[MemberChoice] = []
        self._chips: list[MemberChip] = []
        self.input = MemberLine(model)
        self.input.setObjectName("memberInput")
        self.input.setFrame(False)
        self.input.setMinimumWidth(120)
        self.input.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.input.picked.connect(self._on_input_picked)
        self.input.textChanged.connect(lambda _text: self.changed.emit())
        self.input.installEventFilter(self)
        self.setFocusProxy(self.input)

        frame = QFrame()
        frame.setObjectName("membersFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAutoFillBackground(True)
        palette = frame.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        frame.setPalette(palette)
        self.flow = FlowLayout(frame)
        self.flow.setContentsMargins(3, 3, 3, 3)
        self.flow.addWidget(self.input)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    # -- values --------------------------------------------------------------------------------------
    def member_ids(self) -> list[uuid.UUID]:
        return [c.id for c in self._chosen]

    def value(self) -> list[Any]:
        """The chosen ids in order, and the typed text if it finds no one (so the core reports it)."""
        out: list[Any] = self.member_ids()
        pending = self.input.text().strip()
        if pending:
            out.append(pending)
        return out

    def set_member_ids(self, ids: Iterable[Any]) -> None:
        for chip in self._chips:
            chip.deleteLater()
            self.flow.removeWidget(chip)
        self._chips = []
        self._chosen = []
        for member_id in ids:
            choice = self.model.by_id(member_id)
            if choice is not None and choice not in self._chosen:
                self._add_chip(choice)
        self.input.clear()
        self._sync()

    def add_member(self, member_id: Any) -> None:
        choice = self.model.by_id(member_id)
        if choice is not None and choice not in self._chosen:
            self._add_chip(choice)
            self._sync()
            self.changed.emit()

    def remove_member(self, member_id: Any) -> None:
        for index, choice in enumerate(self._chosen):
            if choice.id == member_id:
                del self._chosen[index]
                chip = self._chips.pop(index)
                self.flow.removeWidget(chip)
                chip.deleteLater()
                self._sync()
                self.changed.emit()
                return

    # -- inner workings ------------------------------------------------------------------------------
    def _add_chip(self, choice: MemberChoice) -> None:
        chip = MemberChip(choice)
        chip.remove_requested.connect(self.remove_member)
        self.flow.insert_widget(len(self._chips), chip)
        chip.show()
        self._chosen.append(choice)
        self._chips.append(chip)

    def _sync(self) -> None:
        self.input.proxy.set_excluded(self.member_ids())
        self.updateGeometry()

    @Slot(object)
    def _on_input_picked(self, choice: MemberChoice) -> None:
        self.input.clear()
        if choice not in self._chosen:
            self._add_chip(choice)
            self._sync()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Backspace
            and not self.input.text()
            and self._chosen
        ):
            self.remove_member(self._chosen[-1].id)
            return True
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        for chip in self._chips:
            chip.retranslate_ui()
