"""The base of every page of the main window: what it is given, what it answers to, and how it redraws.

A page is given a ``PageContext`` (the ledger, the one path for changes, the window's settings store,
and a few callbacks into the window) — never the main window itself. It sets its texts in
``retranslate_ui()``, which runs again when the language changes, and it redraws when
``on_records_changed(kind)`` says that records it shows have changed: at once if it is on screen,
otherwise the next time it is shown.

Leading to another page's records: ``context.navigate(key, target)`` shows page ``key`` and hands it
``target`` through ``show_target``. A target is None (just show the page) or a dict with any of:

- ``"filters"``: a ``db.queries.lists.Filters`` — a list page shows the records matching it (its filter bar
  set to what the bar can show; the rest, such as ``status="overdue"``, still applies until the user
  changes the filters);
- ``"record_id"``: a record's ``uuid.UUID`` — the list page selects it and scrolls to it (after
  applying ``"filters"`` if given, else with its filters cleared so that the record is shown);
- ``"member_id"``: a member's ``uuid.UUID`` — the member file (个人档案) shows that member.

A page ignores the keys it does not know. The home page and the targets matrix lead to the lists
this way, e.g. ``navigate("leave", {"filters": Filters(status="overdue")})``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from db.common.messages import current_language
from db.store.ledger import Ledger
from gui import worker
from gui.operations import ALL_KINDS, OTHERS, Operations, describe_problem, is_user_problem
from gui.widgets import BusyIndicator, form_key


def read_only_reason() -> str:
    """The tooltip of whatever a read-only window cannot do."""
    return QCoreApplication.translate(
        "ReadOnly", "数据库以只读方式打开（另一个程序正在使用它，或文件不可写），不能修改。"
    )


class PageAction(StrEnum):
    """The Edit menu's actions a page may support; the window forwards them to the current page."""

    NEW = "new"
    SAVE = "save"
    DELETE = "delete"
    FIND = "find"


@dataclass
class PageContext:
    """Everything a page may use. Callbacks lead into the window without handing it out."""

    ledger: Ledger
    operations: Operations
    settings: QSettings
    # Show another page, optionally at a target (a record id, a filter…): navigate("leave", target).
    navigate: Callable[[str, Any], None] = lambda key, target=None: None
    # Window-level commands: "backup", "restore", "check", "switch_database".
    command: Callable[[str], None] = lambda name: None
    # Switch the interface language ("zh" or "en") without a restart.
    set_language: Callable[[str], None] = lambda lang: None
    # A short message in the status bar.
    show_status: Callable[[str], None] = lambda text: None


class Page(QWidget):
    """Subclass, build widgets in ``__init__``, set texts in ``retranslate_ui`` and draw in
    ``refresh``. Set ``kinds`` to the record kinds the page shows (None: every kind) and
    ``supported_actions`` to the Edit actions it answers."""

    # Emitted when what the page supports changed (a form opened, a selection emptied…).
    actions_changed = Signal()
    # Emitted with a new title when a page wants the navigation to show another text.
    title_changed = Signal(str)

    kinds: ClassVar[frozenset[str] | None] = None
    supported_actions: ClassVar[frozenset[PageAction]] = frozenset()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True

    # -- shortcuts for subclasses -----------------------------------------------------------------------
    @property
    def ledger(self) -> Ledger:
        return self.context.ledger

    @property
    def operations(self) -> Operations:
        return self.context.operations

    @staticmethod
    def language() -> str:
        """The chosen language, for the core's messages and labels (``Message.text(lang)``)."""
        return current_language()

    # -- to override --------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Set every visible text; runs once at construction (call it) and on each language change."""

    def refresh(self) -> None:
        """Redraw from the database."""

    def can_do(self, action: PageAction) -> bool:
        """Whether the Edit action applies now (the menu item is enabled accordingly)."""
        return action in self.supported_actions

    def new_record(self) -> None:
        """Ctrl+N."""

    def save_record(self) -> None:
        """Ctrl+S."""

    def delete_selected(self) -> None:
        """Delete: move the selection to the recycle bin (through ``operations.delete``)."""

    def find(self) -> None:
        """Ctrl+F: put the cursor in the search box."""

    def show_target(self, target: Any) -> None:
        """Show a given record or filter when another page leads here."""

    def may_leave(self) -> bool:
        """False to stay on the page (the user chose to keep editing an unsaved form)."""
        return True

    # -- provided -----------------------------------------------------------------------------------------
    @staticmethod
    def make_heading() -> QLabel:
        """The page's title line, as every page shows it."""
        heading = QLabel()
        heading.setObjectName("pageHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        return heading

    def trigger(self, action: PageAction) -> None:
        if not self.can_do(action):
            return
        {
            PageAction.NEW: self.new_record,
            PageAction.SAVE: self.save_record,
            PageAction.DELETE: self.delete_selected,
            PageAction.FIND: self.find,
        }[action]()

    def concerns(self, kind: str) -> bool:
        return kind in (ALL_KINDS, OTHERS) or self.kinds is None or kind in self.kinds

    def on_records_changed(self, kind: str) -> None:
        """Redraw now if shown, else when next shown."""
        if not self.concerns(kind):
            return
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def mark_stale(self) -> None:
        self._stale = True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # A page that saves (a form of its own: the welcome page, Settings) keeps the rule of
        # every form: Ctrl+Enter saves, Enter goes to the next field.
        if PageAction.SAVE in self.supported_actions and form_key(
            self, event, lambda: self.trigger(PageAction.SAVE)
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


class PlaceholderPage(Page):
    """Stands in for a page that is not written yet."""

    def __init__(
        self, context: PageContext, title: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self._title = title
        self._heading = self.make_heading()
        self._text = QLabel()
        self._text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addWidget(self._text)
        layout.addStretch()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._heading.setText(self._title())
        self._text.setText(self.tr("这一页正在制作中。"))


class PageLoad:
    """What a page shows, computed off the GUI thread (the targets matrix, the team's figures, a
    member's file). ``begin`` makes whatever runs out of date, so only the newest result is shown,
    and starts the busy line; ``run`` starts the work. When it ends, ``on_result(result)`` or, for a
    problem of the user's world, ``on_problem(text)`` (kept in ``problem``) runs, and then the page's
    ``loaded`` signal; a bug is raised to the error hook."""

    def __init__(
        self,
        page: Page,
        busy: BusyIndicator,
        *,
        on_result: Callable[[Any], None],
        on_problem: Callable[[str], None],
    ) -> None:
        self.page = page
        self.busy = busy
        self.on_result = on_result
        self.on_problem = on_problem
        self.generation = 0
        self.loading = False
        self.problem = ""

    def begin(self, text: str) -> None:
        self.generation += 1  # what is running now is out of date
        self.loading = True
        self.busy.start(text)

    def cancel(self) -> None:
        """Nothing to load after all (no period, no member chosen)."""
        self.generation += 1
        self.loading = False
        self.busy.stop()

    def run(self, fn: Callable[..., Any], *args: Any) -> None:
        generation = self.generation

        def finished(result: Any) -> None:
            if generation != self.generation:
                return
            self.loading = False
            self.problem = ""
            self.busy.stop()
            self.on_result(result)
            self.page.loaded.emit()

        def failed(exc: BaseException) -> None:
            if generation != self.generation:
                return
            self.loading = False
            self.busy.stop()
            self.page.loaded.emit()
            if not is_user_problem(exc):
                raise exc
            self.problem = describe_problem(exc)
            self.on_problem(self.problem)

        worker.start(
            fn,
            *args,
            ledger=self.page.ledger,
            owner=self.page,
            on_finished=finished,
            on_failed=failed,
        )
