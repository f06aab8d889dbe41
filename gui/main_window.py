"""The main window: navigation, the pages, the menus that forward to the current page, the status bar.

The window is given the ledger, the one path for changes (Operations) and a settings store; it hands
pages a PageContext, never itself. Switching or restoring the database ends this window: it asks the
program (gui/app.py) through a signal, and the program builds a new window on the new ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from db.common import errors
from db.services import settings
from db.services.groups import work_groups
from db.store import backup
from gui import worker
from gui.dialogs.help import HelpDialog
from gui.dialogs.maintenance import BackupPickerDialog, CheckReportDialog
from gui.operations import ALL_KINDS, OTHERS, Operations, describe_problem, is_user_problem
from gui.pages import PageEntry, page_entries, reads_several_groups
from gui.pages.base import Page, PageAction, PageContext, read_only_reason
from gui.pages.welcome import STEP_GROUP, STEP_MEMBERS, WelcomePage
from gui.watch import ChangeWatcher

if TYPE_CHECKING:
    from db.queries import check

APP_TITLE = "挂职工作组台账"
# How often the open window looks whether a backup is due (backup_if_due decides: older than a day).
BACKUP_LOOK_MS = 60 * 60 * 1000
STATUS_MS = 8000
GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
SPLITTER_KEY = "main_window/splitter"
PAGE_KEY = "main_window/page"
READ_ONLY_OFFSET = 40  # px: a read-only second copy opens this far right and down of the first
DATABASE_FILTER_SUFFIXES = "*.sqlite3 *.sqlite *.db"


class MainWindow(QMainWindow):
    """See the module docstring. ``switch_requested(path)`` and ``restore_requested(backup)`` ask
    the program to reopen; ``language_requested(lang)`` is answered by ``set_language``."""

    switch_requested = Signal(str)
    restore_requested = Signal(object)
    group_switch_requested = Signal()  # 文件 → 切换工作组 (a login or file with several groups)
    # The team view asks for another group's page: (group id, page key, target).
    group_page_requested = Signal(object, str, object)

    def __init__(
        self,
        ledger: Any,
        operations: Operations,
        settings: QSettings,
        *,
        set_language: Callable[[str], None] | None = None,
        entries: list[PageEntry] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ledger = ledger
        self.operations = operations
        self.settings = settings
        self._switch_language = set_language
        operations.window = self
        self.entries = [
            e for e in (entries if entries is not None else page_entries()) if e.shown_for(ledger)
        ]
        self.pages: dict[str, Page] = {}
        self._leave_confirmed = False  # the pages agreed already (before a switch or a restore)
        self.current_key: str | None = None
        self.context = PageContext(
            ledger=ledger,
            operations=operations,
            settings=settings,
            navigate=self.show_page,
            command=self.run_command,
            set_language=self.set_language,
            show_status=self.show_status,
        )

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setUniformItemSizes(True)
        self.navigation.setSpacing(2)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for entry in self.entries:
            if entry.in_navigation:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, entry.key)
                self.navigation.addItem(item)
        self.navigation.currentItemChanged.connect(self._on_navigation_current_item_changed)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.welcome: WelcomePage | None = None
        self.help_dialog: HelpDialog | None = None

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)

        self._database_label = QLabel()
        self._database_label.setObjectName("databaseLabel")
        self._group_label = QLabel()
        self._group_label.setObjectName("groupLabel")
        self.statusBar().addPermanentWidget(self._group_label)
        self.statusBar().addPermanentWidget(self._database_label)

        self._build_actions()
        self._build_menus()
        operations.records_changed.connect(self._on_operations_records_changed)
        operations.done.connect(self.show_status)
        operations.busy_changed.connect(self._on_operations_busy_changed)
        operations.undo_stack.canUndoChanged.connect(self._on_undo_state_changed)
        operations.undo_stack.canRedoChanged.connect(self._on_undo_state_changed)
        operations.undo_stack.undoTextChanged.connect(self._on_undo_state_changed)
        operations.undo_stack.redoTextChanged.connect(self._on_undo_state_changed)

        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_LOOK_MS)
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)

        # Others' saves (another window, another secretary): shown without a restart.
        self.watcher = ChangeWatcher(ledger, self)
        self.watcher.changed.connect(self._on_watcher_changed)

        self.retranslate_ui()
        self._fit_navigation()
        self._restore_layout()
        self._enter_mode()

    # -- building -------------------------------------------------------------------------------------------
    def _action(
        self,
        name: str,
        slot: Callable[[], None],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every binding of the platform (Ctrl+Y and Ctrl+Shift+Z)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work while the menu bar is hidden, too
        return action

    def _build_actions(self) -> None:
        self.backup_action = self._action("backupAction", lambda: self.run_command("backup"))
        self.restore_action = self._action("restoreAction", lambda: self.run_command("restore"))
        self.check_action = self._action("checkAction", lambda: self.run_command("check"))
        self.switch_action = self._action(
            "switchAction", lambda: self.run_command("switch_database")
        )
        self.new_database_action = self._action(
            "newDatabaseAction", lambda: self.run_command("new_database")
        )
        self.switch_group_action = self._action(
            "switchGroupAction", self.group_switch_requested.emit
        )
        self.switch_group_action.setVisible(reads_several_groups(self.ledger))
        self.import_action = self._action("importLedgerAction", self.import_ledger)
        self.merge_action = self._action("mergeAction", self.merge_group_file)
        self.export_ledger_action = self._action("exportLedgerAction", self.export_ledger)
        self.quit_action = self._action("quitAction", self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self._action(
            "undoAction", self.operations.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            "redoAction", self.operations.redo, QKeySequence.StandardKey.Redo
        )
        self.edit_actions: dict[PageAction, QAction] = {
            PageAction.NEW: self._action(
                "newAction", lambda: self._forward(PageAction.NEW), QKeySequence.StandardKey.New
            ),
            PageAction.SAVE: self._action(
                "saveAction", lambda: self._forward(PageAction.SAVE), QKeySequence.StandardKey.Save
            ),
            PageAction.DELETE: self._action(
                "deleteAction",
                lambda: self._forward(PageAction.DELETE),
                QKeySequence.StandardKey.Delete,
            ),
            PageAction.FIND: self._action(
                "findAction", lambda: self._forward(PageAction.FIND), QKeySequence.StandardKey.Find
            ),
        }
        self.page_actions: dict[str, QAction] = {}
        for number, entry in enumerate(self.entries, start=1):
            shortcut = f"Ctrl+{number}" if number <= 9 else None
            self.page_actions[entry.key] = self._action(
                f"page_{entry.key}", lambda key=entry.key: self.show_page(key), shortcut
            )
        self.help_action = self._action(
            "helpAction", self.show_help, QKeySequence.StandardKey.HelpContents
        )
        self.welcome_action = self._action("welcomeAction", lambda: self.show_welcome())
        self.about_action = self._action("aboutAction", self._on_about_action_triggered)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._on_undo_state_changed()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.setObjectName("fileMenu")
        for action in (self.backup_action, self.restore_action, self.check_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.switch_group_action)
        self.file_menu.addAction(self.switch_action)
        self.file_menu.addAction(self.new_database_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_ledger_action)
        self.file_menu.addAction(self.merge_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = QMenu(self)
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        for key in (PageAction.NEW, PageAction.SAVE, PageAction.DELETE):
            self.edit_menu.addAction(self.edit_actions[key])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.edit_actions[PageAction.FIND])

        self.view_menu = QMenu(self)
        self.view_menu.setObjectName("viewMenu")
        for number, entry in enumerate(self.entries, start=1):
            if number == 10:
                self.view_menu.addSeparator()
            self.view_menu.addAction(self.page_actions[entry.key])

        self.help_menu = QMenu(self)
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addAction(self.welcome_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.help_menu):
            bar.addMenu(menu)

    def retranslate_ui(self) -> None:
        self._update_titles()
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.backup_action.setText(self.tr("备份数据库"))
        self.restore_action.setText(self.tr("恢复备份…"))
        self.check_action.setText(self.tr("检查数据库"))
        self.switch_group_action.setText(self.tr("切换工作组…"))
        self.switch_action.setText(self.tr("切换数据库…"))
        self.new_database_action.setText(self.tr("新建数据库…"))
        self.import_action.setText(self.tr("导入台账…"))
        self.merge_action.setText(self.tr("合并工作组文件…"))
        self.export_ledger_action.setText(self.tr("导出台账…"))
        self.quit_action.setText(self.tr("退出"))
        self.edit_menu.setTitle(self.tr("编辑(&E)"))
        self._on_undo_state_changed()
        self.edit_actions[PageAction.NEW].setText(self.tr("新建"))
        self.edit_actions[PageAction.SAVE].setText(self.tr("保存"))
        self.edit_actions[PageAction.DELETE].setText(self.tr("删除"))
        self.edit_actions[PageAction.FIND].setText(self.tr("查找"))
        self.view_menu.setTitle(self.tr("视图(&V)"))
        titles = {entry.key: entry.title() for entry in self.entries}
        for key, action in self.page_actions.items():
            action.setText(titles[key])
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            item.setText(titles[item.data(Qt.ItemDataRole.UserRole)])
        self._apply_read_only()
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        self.help_action.setText(self.tr("使用指南"))
        self.welcome_action.setText(self.tr("入门向导…"))
        self.about_action.setText(self.tr("关于"))
        if self.help_dialog is not None:
            self.help_dialog.retranslate_ui()

        if self.welcome is not None:
            self.welcome.retranslate_ui()
        for page in self.pages.values():
            page.retranslate_ui()

    def _apply_read_only(self) -> None:
        """A read-only window says so where a change would start: those actions are disabled,
        with the reason as their tooltip (the title says 只读 too)."""
        if not self.ledger.read_only:
            return
        self.file_menu.setToolTipsVisible(True)
        self.edit_menu.setToolTipsVisible(True)
        for action in (
            self.import_action,
            self.merge_action,
            self.restore_action,
            self.welcome_action,
        ):
            action.setEnabled(False)
        for action in (
            self.import_action,
            self.merge_action,
            self.restore_action,
            self.welcome_action,
            self.undo_action,
            self.redo_action,
            *(self.edit_actions[a] for a in (PageAction.NEW, PageAction.SAVE, PageAction.DELETE)),
        ):
            action.setToolTip(read_only_reason())

    def _fit_navigation(self) -> None:
        metrics = self.navigation.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(self.navigation.item(r).text())
                for r in range(self.navigation.count())
            ),
            default=80,
        )
        self.navigation.setMinimumWidth(widest + 40)

    # -- language ------------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch the interface language now (translators first, then every text again)."""
        if self._switch_language is not None:
            self._switch_language(lang)
        self.retranslate_ui()
        self._fit_navigation()

    # -- the mode: a new ledger has only the welcome flow ------------------------------------------------------
    def _enter_mode(self, start: str | None = None) -> None:
        has_group = self.ledger.group_id is not None
        self.navigation.setVisible(has_group)
        for action in self.page_actions.values():
            action.setEnabled(has_group)
        self.welcome_action.setEnabled(has_group and not self.ledger.read_only)
        if not has_group:
            self.show_welcome()
            return
        start = start or str(self.settings.value(PAGE_KEY, "home") or "home")
        if start not in self.page_actions:
            start = "home"
        self.show_page(start)

    def show_welcome(self, step: int = STEP_GROUP) -> WelcomePage | None:
        """The welcome flow (Help → 入门向导, the home page of a ledger without members): on a new
        ledger the only page; opened again, its first step edits the group's profile."""
        if self.ledger.read_only and self.ledger.group_id is not None:
            return None
        current = self.current_page()
        if current is not None and current is not self.welcome and not current.may_leave():
            return None
        if self.welcome is None:
            self.welcome = WelcomePage(self.context, step=step)
            self.welcome.setObjectName("page_welcome")
            self.welcome.group_ready.connect(self._on_welcome_group_ready)
            self.welcome.finished.connect(self._on_welcome_finished)
            self.welcome.actions_changed.connect(self._update_edit_actions)
            self.stack.addWidget(self.welcome)
        else:
            self.welcome.go_to(step)
        self.stack.setCurrentWidget(self.welcome)
        self.current_key = None
        self._select_navigation(None)
        self._update_edit_actions()
        return self.welcome

    @Slot()
    def _on_welcome_group_ready(self) -> None:
        """A group exists now: the window's pages open, the flow goes on (to its next steps)."""
        self._update_titles()
        self.navigation.setVisible(True)
        for action in self.page_actions.values():
            action.setEnabled(True)
        self.welcome_action.setEnabled(not self.ledger.read_only)

    @Slot()
    def _on_welcome_finished(self) -> None:
        self._close_welcome()
        self._enter_mode("home")

    def _close_welcome(self) -> None:
        welcome, self.welcome = self.welcome, None
        if welcome is not None:
            if self.stack.currentWidget() is welcome:
                self.current_key = None
            self.stack.removeWidget(welcome)
            welcome.deleteLater()

    # -- pages ----------------------------------------------------------------------------------------------
    def entry(self, key: str) -> PageEntry:
        return next(e for e in self.entries if e.key == key)

    def page(self, key: str) -> Page:
        """The page of ``key``, built on first use."""
        page = self.pages.get(key)
        if page is None:
            page = self.entry(key).factory(self.context)
            page.setObjectName(f"page_{key}")
            page.actions_changed.connect(self._update_edit_actions)
            open_group = getattr(page, "open_group_requested", None)  # the team view (全队概览)
            if open_group is not None:
                open_group.connect(self.open_group)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def show_page(self, key: str, target: Any = None) -> bool:
        """Go to a page (and to ``target`` on it). False if the current page keeps the user."""
        if self.ledger.group_id is None:
            return False
        current = self.current_page()
        if key != self.current_key and current is not None and not current.may_leave():
            self._select_navigation(self.current_key)
            return False
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.current_key = key
        self._select_navigation(key)
        if target is not None:
            page.show_target(target)
        self._update_edit_actions()
        return True

    def open_group(self, group_id: Any, key: str, target: Any = None) -> bool:
        """The team view leads to a group's records (page ``key`` at ``target``). This window's own
        group: the page at once. Another group: the program rebuilds the window on that group (as
        文件 → 切换工作组 does) and opens the page there (``group_page_requested``)."""
        if group_id == self.ledger.group_id:
            return self.show_page(key, target)
        self.group_page_requested.emit(group_id, key, target)
        return True

    def _select_navigation(self, key: str | None) -> None:
        self.navigation.blockSignals(True)
        try:
            for row in range(self.navigation.count()):
                if self.navigation.item(row).data(Qt.ItemDataRole.UserRole) == key:
                    self.navigation.setCurrentRow(row)
                    break
            else:
                self.navigation.setCurrentRow(-1)
        finally:
            self.navigation.blockSignals(False)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_navigation_current_item_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if current is not None:
            self.show_page(current.data(Qt.ItemDataRole.UserRole))

    # -- the Edit menu, forwarded to the page ----------------------------------------------------------------
    def _forward(self, action: PageAction) -> None:
        page = self.current_page()
        if page is not None and self._allowed(action):
            page.trigger(action)

    def _allowed(self, action: PageAction) -> bool:
        page = self.current_page()
        if page is None or not page.can_do(action):
            return False
        return not (
            self.ledger.read_only and action in (PageAction.NEW, PageAction.SAVE, PageAction.DELETE)
        )

    @Slot()
    def _update_edit_actions(self) -> None:
        for action_key, action in self.edit_actions.items():
            action.setEnabled(self._allowed(action_key))

    @Slot()
    def _on_undo_state_changed(self) -> None:
        stack = self.operations.undo_stack
        undo_text, redo_text = stack.undoText(), stack.redoText()
        self.undo_action.setText(
            self.tr("撤销：{action}").format(action=undo_text) if undo_text else self.tr("撤销")
        )
        self.redo_action.setText(
            self.tr("重做：{action}").format(action=redo_text) if redo_text else self.tr("重做")
        )
        self.undo_action.setEnabled(stack.canUndo() and not self.ledger.read_only)
        self.redo_action.setEnabled(stack.canRedo() and not self.ledger.read_only)

    # -- changes ----------------------------------------------------------------------------------------------
    @Slot()
    def _on_watcher_changed(self) -> None:
        """Another program wrote to the ledger: the pages redraw as after a change of one's own
        (the one on screen now, the others when next shown)."""
        self.operations.records_changed.emit(OTHERS)
        self.show_status(self.tr("已显示别处保存的修改"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.watcher.check()  # back to this window: a file's changes are looked for now

    @Slot(str)
    def _on_operations_records_changed(self, kind: str) -> None:
        if kind in (ALL_KINDS, OTHERS, "work_group"):
            self._update_titles()
        for page in list(self.pages.values()):
            page.on_records_changed(kind)
        if self.welcome is not None:
            self.welcome.on_records_changed(kind)
        self._update_edit_actions()

    @Slot(bool)
    def _on_operations_busy_changed(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("正在处理……"))
        elif self.statusBar().currentMessage() == self.tr("正在处理……"):
            self.statusBar().clearMessage()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    # -- the status bar ----------------------------------------------------------------------------------------
    def _group_name(self) -> str:
        if self.ledger.group_id is None:
            return ""
        try:
            return work_groups.current(self.ledger).name
        except errors.LedgerError:
            return ""

    def _update_titles(self) -> None:
        """The window title and the status bar, which name the group and the database."""
        title = self.tr("挂职工作组台账")
        group = self._group_name()
        if group:
            title = f"{group} — {title}"
        if self.ledger.read_only:
            title += self.tr("（只读）")
        self.setWindowTitle(title)
        self._update_status_labels()

    def _update_status_labels(self) -> None:
        database = self.tr("数据库：{name}").format(name=self.ledger.display_name)
        if self.ledger.read_only:
            database += self.tr("（只读）")
        self._database_label.setText(database)
        self._database_label.setToolTip(self.ledger.display_name)
        group = self._group_name()
        self._group_label.setText(
            self.tr("工作组：{name}").format(name=group) if group else self.tr("尚未建立工作组")
        )

    # -- window-level commands -----------------------------------------------------------------------------
    def run_command(self, name: str) -> None:
        """ "backup", "restore", "check", "switch_database", "new_database", "import", "welcome"
        (the welcome flow), "welcome_members" (its members step)."""
        commands: dict[str, Callable[[], None]] = {
            "backup": self.backup_now,
            "restore": self.restore_from_backup,
            "check": self.check_database,
            "switch_database": self.choose_database,
            "new_database": self.create_database,
            "import": self.import_ledger,
            "welcome": self.show_welcome,
            "welcome_members": lambda: self.show_welcome(STEP_MEMBERS),
        }
        commands[name]()

    def _backup_folder(self) -> Path:
        folder, _policy = settings.backup_preferences(self.ledger)
        assert self.ledger.path is not None
        return folder or backup.default_backup_dir(self.ledger.path)

    def _needs_file(self) -> bool:
        """Backups and restores are of local files; a server's are its administrator's."""
        if self.ledger.is_sqlite:
            return True
        self.operations.report(
            self.tr("服务器上的数据库由服务器管理员备份和恢复，本程序只备份本地文件。")
        )
        return False

    def _background(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], busy_text: str
    ) -> worker.Task:
        """Work that changes no records (backups, checks) off the GUI thread, problems reported."""
        self.statusBar().showMessage(busy_text)

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            if is_user_problem(exc):
                self.operations.report(describe_problem(exc))
            else:
                raise exc

        return worker.start(
            fn, ledger=self.ledger, owner=self, on_finished=on_done, on_failed=failed
        )

    def backup_now(self) -> worker.Task | None:
        if not self._needs_file():
            return None
        ledger = self.ledger

        def take() -> Path:
            folder, policy = settings.backup_preferences(ledger)
            return backup.take_backup(ledger, folder, reason="manual", policy=policy)

        return self._background(
            take,
            lambda path: self.show_status(self.tr("已备份到：{path}").format(path=path)),
            self.tr("正在备份……"),
        )

    def start_backup_timer(self) -> worker.Task | None:
        """A backup now if one is due, and a look every hour while the window is open."""
        self._backup_timer.start()
        return self._on_backup_timer_timeout()

    @Slot()
    def _on_backup_timer_timeout(self) -> worker.Task | None:
        if not self.ledger.is_sqlite or self.ledger.read_only or self.operations.busy:
            return None
        ledger = self.ledger

        def take_if_due() -> Path | None:
            folder, policy = settings.backup_preferences(ledger)
            return backup.backup_if_due(ledger, folder, policy=policy)

        def done(path: Path | None) -> None:
            if path is not None:
                self.show_status(self.tr("已自动备份到：{path}").format(path=path))

        def failed(exc: BaseException) -> None:
            text = describe_problem(exc) or str(exc)
            self.statusBar().showMessage(self.tr("自动备份失败：{problem}").format(problem=text))

        return worker.start(
            take_if_due, ledger=ledger, owner=self, on_finished=done, on_failed=failed
        )

    def restore_from_backup(self) -> None:
        if not self._needs_file():
            return
        assert self.ledger.path is not None
        folder = self._backup_folder()
        picker = BackupPickerDialog(
            backup.list_backups(folder, self.ledger.path.stem), folder, self
        )
        chosen = picker.pick()
        if chosen is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("恢复备份"),
            self.tr(
                "用备份 {backup} 替换现在的数据库？\n现在的内容会先另存为一个备份。恢复时窗口会重新打开。"
            ).format(backup=chosen.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._refuse_while_busy() or not self._may_close_pages():
            return
        self.restore_requested.emit(chosen)

    def check_database(self) -> worker.Task:
        from db.queries import check  # only when asked for: not part of the start-up

        ledger = self.ledger

        def back_up_and_check() -> tuple[list[check.Finding], Path | None]:
            taken = None
            if ledger.is_sqlite and not ledger.read_only:
                folder, policy = settings.backup_preferences(ledger)
                taken = backup.take_backup(ledger, folder, reason="manual", policy=policy)
            return check.run_check(ledger), taken

        def done(result: tuple[list[check.Finding], Path | None]) -> None:
            self.statusBar().clearMessage()
            findings, taken = result
            CheckReportDialog(findings, check.summary(findings), taken, self).exec()

        return self._background(back_up_and_check, done, self.tr("正在检查数据库……"))

    def _database_filter(self) -> str:
        return self.tr("台账数据库 ({patterns});;所有文件 (*)").format(
            patterns=DATABASE_FILTER_SUFFIXES
        )

    def _start_folder(self) -> str:
        return str(self.ledger.path.parent) if self.ledger.path is not None else ""

    def choose_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("切换数据库"), self._start_folder(), self._database_filter()
        )
        if path and not self._refuse_while_busy() and self._may_close_pages():
            self.switch_requested.emit(path)

    def create_database(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("新建数据库"),
            str(Path(self._start_folder()) / self.tr("新台账.sqlite3")),
            self._database_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path and not self._refuse_while_busy() and self._may_close_pages():
            self.switch_requested.emit(path)

    # -- import and export of ledgers -------------------------------------------------------------------
    def import_ledger(self) -> Any:
        """File → 导入台账…: the import wizard (gui/dialogs/import_wizard.py)."""
        from gui.dialogs.import_wizard import open_import_wizard

        if self.ledger.read_only:
            self.operations.report(self.tr("数据库以只读方式打开，不能导入。"))
            return None
        wizard = open_import_wizard(self, self.ledger, self.operations, self.settings)
        wizard.imported.connect(self._on_import_wizard_imported)
        return wizard

    @Slot(object)
    def _on_import_wizard_imported(self, _result: Any) -> None:
        # An import into a new database brings the group's profile (and what else the ledger
        # holds): leave the welcome flow for the home page. A member list imported from the
        # flow's members step keeps the flow open, to finish it there.
        welcome = self.welcome
        if welcome is not None and welcome.step == STEP_GROUP and self.ledger.group_id is not None:
            self._on_welcome_group_ready()
            self._on_welcome_finished()

    def merge_group_file(self) -> Any:
        """File → 合并工作组文件…: another file merged into this database (gui/dialogs/merge.py)."""
        from gui.dialogs.merge import open_merge_dialog

        if self.ledger.read_only:
            self.operations.report(self.tr("数据库以只读方式打开，不能合并。"))
            return None
        dialog = open_merge_dialog(self, self.ledger, self.operations, self.settings)
        dialog.merged.connect(self._on_import_wizard_imported)  # a new database gets its group
        return dialog

    def export_ledger(self) -> Any:
        """File → 导出台账…: every kind, or some, for a date range (gui/dialogs/export_ledger.py)."""
        from gui.dialogs.export_ledger import export_ledger_dialog

        if self.ledger.group_id is None:
            self.operations.report(self.tr("还没有工作组，没有可导出的台账。"))
            return None
        return export_ledger_dialog(self, self.context)

    # -- the operator's name -----------------------------------------------------------------------------
    def ask_operator_if_missing(self) -> bool:
        """On a ledger without an operator's name, ask for it (once per window); True if given. A
        ledger without a group is not asked: the welcome flow's first step has the name's field."""
        from gui.dialogs.operator import OperatorDialog, needs_operator

        if self.ledger.group_id is None or not needs_operator(self.ledger):
            return False
        return OperatorDialog(self.ledger, self).exec() == OperatorDialog.DialogCode.Accepted

    # -- help ---------------------------------------------------------------------------------------------
    def show_help(self) -> HelpDialog:
        """F1: the user guide in the interface's language (one window, raised when open)."""
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.retranslate_ui()
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()
        return self.help_dialog

    @Slot()
    def _on_about_action_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于挂职工作组台账"),
            self.tr(
                "<h3>挂职工作组台账</h3>"
                "<p>挂职工作组秘书的日常台账：成员、学习交流、请销假、在岗抽查、调研走访、"
                "月度亮点、调研报告、工作成果和信息动态。</p>"
                "<p>内置字体：思源黑体（Noto Sans CJK SC）子集，SIL 开源字体许可证 1.1。</p>"
            ),
        )

    # -- closing and the remembered layout ------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            if self.ledger.read_only:
                # Most often a second copy beside the first, which has the same remembered place:
                # offset, so that it does not hide the first exactly.
                self.setGeometry(self.geometry().translated(READ_ONLY_OFFSET, READ_ONLY_OFFSET))
        else:
            self.resize(1180, 760)
        state = self.settings.value(STATE_KEY)
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))
        splitter = self.settings.value(SPLITTER_KEY)
        if not (
            isinstance(splitter, QByteArray | bytes)
            and self.splitter.restoreState(QByteArray(splitter))
        ):
            self.splitter.setSizes([self.navigation.minimumWidth(), 1000])

    def save_layout(self) -> None:
        if self.ledger.read_only:
            return  # the place and layout remembered are those of the window that writes
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        if self.current_key is not None:
            self.settings.setValue(PAGE_KEY, self.current_key)
        self.settings.sync()

    def _may_close_pages(self) -> bool:
        """Ask every page (an unsaved form asks its user); once they agree, the window closes
        without asking again."""
        self._leave_confirmed = all(page.may_leave() for page in self.pages.values())
        return self._leave_confirmed

    def _refuse_while_busy(self) -> bool:
        if not self.operations.busy:
            return False
        QMessageBox.information(
            self, self.tr("请稍候"), self.tr("程序正在处理数据，完成后才能关闭或切换数据库。")
        )
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leave_confirmed:  # the program closes this window to switch or restore
            self._backup_timer.stop()
            self.watcher.stop()
            self.save_layout()
            event.accept()
            return
        if self.operations.busy:
            self._refuse_while_busy()
            event.ignore()
            return
        if not self._may_close_pages():
            event.ignore()
            return
        self._backup_timer.stop()
        self.watcher.stop()
        self.save_layout()
        event.accept()
