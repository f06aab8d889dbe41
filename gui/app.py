"""The program's start: QApplication, translators, the Chinese font, the colour scheme, the error hook;
opening the ledger (off the GUI thread, with a way out of every problem) and the main window.

``run(target, lang)`` is what main.py calls. ``Program`` owns the open ledger and its window, and
builds a new window when the user switches to another database or restores a backup.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from platformdirs import user_log_path
from PySide6.QtCore import (
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from db.common import clock, errors
from db.common.messages import DEFAULT_LANGUAGE, LANGUAGES, set_language
from db.services import settings
from db.store import backup
from db.store.database import choose_group, open_database, visible_groups
from db.store.ledger import APP_NAME as DATA_FOLDER_NAME
from db.store.ledger import Ledger, default_database_path, is_server_url
from gui import worker
from gui.dialogs.errors import CrashDialog, OpenErrorDialog, problem_text
from gui.dialogs.files import QtGaps
from gui.dialogs.maintenance import BackupPickerDialog
from gui.main_window import DATABASE_FILTER_SUFFIXES, MainWindow
from gui.operations import Operations

ORGANIZATION = "guazhi-ledger"
APPLICATION = "guazhi-ledger"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
CARRIED_FONT = RESOURCES / "fonts" / "NotoSansSC-Subset.otf"
LOG_NAME = "ledger.log"
# The interface language last used, kept outside the ledger: what opening says before the ledger
# (whose Settings hold the language) is open — a file in use, a damaged file — is in that language.
LANGUAGE_KEY = "language"
# Opening shows a "please wait" dialog only if it takes longer than this.
OPENING_DIALOG_MS = 400

log = logging.getLogger(__name__)


# -- translations -----------------------------------------------------------------------------------


class Translations:
    """Installs the translators of one language; switching removes the old ones first. Chinese is
    the source language: it needs Qt's own Chinese strings (standard buttons) only."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.language = DEFAULT_LANGUAGE
        self._installed: list[QTranslator] = []

    def apply(self, lang: str) -> None:
        if lang not in LANGUAGES:
            lang = DEFAULT_LANGUAGE
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        set_language(lang)  # the core's messages and labels
        self.language = lang
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if lang == "en":
            QLocale.setDefault(QLocale("en_US"))
            self._install("ledger_en", str(TRANSLATIONS))
        else:
            QLocale.setDefault(QLocale("zh_CN"))
            self._install("qtbase_zh_CN", qt_folder)
            gaps = QtGaps(
                self.app
            )  # what qtbase_zh_CN leaves in English (the file dialog's labels)
            self.app.installTranslator(gaps)
            self._installed.append(gaps)

    def _install(self, name: str, folder: str) -> None:
        translator = QTranslator(self.app)
        if translator.load(name, folder):
            self.app.installTranslator(translator)
            self._installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)


# -- fonts and colours ------------------------------------------------------------------------------


def load_carried_font() -> str | None:
    """Register the Chinese font the program carries; its family name, or None if it cannot load."""
    font_id = QFontDatabase.addApplicationFont(str(CARRIED_FONT))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def ensure_chinese_font(app: QApplication) -> str | None:
    """On a machine without any Simplified Chinese font, use the carried one for Chinese text (the
    system's font stays first, for Latin text). Returns the family added, or None."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    family = load_carried_font()
    if family is None:
        return None
    font = QFont(app.font())
    font.setFamilies([*font.families(), family] if font.families() else [font.family(), family])
    app.setFont(font)
    return family


def dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    disabled = QColor(130, 130, 130)
    role = QPalette.ColorRole
    for r, color in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor(40, 40, 43)),
        (role.ToolTipBase, window),
        (role.ToolTipText, text),
        (role.PlaceholderText, disabled),
        (role.Text, text),
        (role.Button, window),
        (role.ButtonText, text),
        (role.BrightText, QColor(255, 90, 90)),
        (role.Link, QColor(110, 170, 255)),
        (role.Highlight, QColor(42, 110, 200)),
        (role.HighlightedText, QColor(255, 255, 255)),
        (role.Light, QColor(70, 70, 74)),
        (role.Midlight, QColor(58, 58, 62)),
        (role.Mid, QColor(38, 38, 40)),
        (role.Dark, QColor(20, 20, 22)),
        (role.Shadow, QColor(0, 0, 0)),
    ):
        palette.setColor(r, color)
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return palette


_OWN_DARK = "ledgerDarkPalette"  # an application property: the dark palette is ours


def apply_color_scheme(app: QApplication) -> bool:
    """Follow the system's colour scheme. Native styles that draw dark themselves are left alone;
    one that stays light (the classic Windows styles) gives way to Fusion with a dark palette, and
    the platform's own palette comes back when the system turns light again. Returns whether our
    dark palette is in use."""
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    ours = bool(app.property(_OWN_DARK))
    if not dark:
        if ours:
            app.setPalette(app.style().standardPalette())
            app.setProperty(_OWN_DARK, False)
        return False
    if ours:
        return True
    if app.palette().color(QPalette.ColorRole.Window).lightness() < 128:
        return False  # the platform and its style are dark already
    if app.style().name().lower() in ("windowsvista", "windows"):
        app.setStyle("Fusion")
    app.setPalette(dark_palette())
    app.setProperty(_OWN_DARK, True)
    return True


# -- the error hook ---------------------------------------------------------------------------------


def default_log_path() -> Path:
    return user_log_path(DATA_FOLDER_NAME, appauthor=False) / LOG_NAME


class _CrashSignal(QObject):
    crashed = Signal(str)


class ErrorHook:
    """sys.excepthook for bugs: the traceback goes to the log file, the user sees the crash dialog,
    and the program goes on (what was typed in a form is still there)."""

    def __init__(
        self,
        log_path: Path | None = None,
        *,
        parent: Callable[[], QWidget | None] = QApplication.activeWindow,
    ) -> None:
        self.log_path = log_path or default_log_path()
        self._parent = parent
        self._previous: Any = None
        self._showing = False
        self._signal = _CrashSignal()
        # Queued: the dialog opens from the event loop, not inside whatever raised.
        self._signal.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self.write_log(details)
        self._signal.crashed.emit(details)

    def write_log(self, details: str) -> None:
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            stamp = clock.now().isoformat(sep=" ", timespec="seconds")
            with open(self.log_path, "a", encoding="utf-8") as fh:
                fh.write(f"--- {stamp}\n{details}\n")
        except OSError:
            sys.stderr.write(details)  # the log cannot be written: at least the console has it

    @Slot(str)
    def _show(self, details: str) -> None:
        if self._showing:  # one dialog at a time; the log has every traceback
            return
        self._showing = True
        try:
            CrashDialog(details, self.log_path, self._parent()).exec()
        finally:
            self._showing = False


# -- opening the ledger -----------------------------------------------------------------------------


def _open_off_thread(target: str | None, read_only: bool, password: str | None) -> Ledger:
    ledger = open_database(target, read_only=read_only, password=password)
    # This pool thread's connection ends here; the GUI thread opens its own on its first query.
    ledger.db.close()
    return ledger


def open_in_background(
    target: str | None,
    *,
    read_only: bool = False,
    parent: QWidget | None = None,
    password: str | None = None,
) -> Ledger | BaseException:
    """open_database in a pool thread while the event loop runs (a migration or a locked file can
    take seconds); a "please wait" dialog appears if it takes long. The ledger, or the exception."""
    task = worker.Task(_open_off_thread, (target, read_only, password))
    loop = QEventLoop()
    task.done.connect(loop.quit)
    worker.submit(task)
    waiting = QProgressDialog(parent)
    waiting.setWindowTitle(QApplication.translate("Program", "挂职工作组台账"))
    waiting.setLabelText(QApplication.translate("Program", "正在打开数据库……"))
    waiting.setRange(0, 0)
    waiting.setCancelButton(None)
    waiting.setWindowModality(Qt.WindowModality.ApplicationModal)
    waiting.reset()  # a QProgressDialog shows itself after a while unless reset
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(waiting.show)
    timer.start(OPENING_DIALOG_MS)
    if not task.is_done:
        loop.exec()
    timer.stop()
    waiting.close()
    waiting.deleteLater()
    if task.error is not None:
        return task.error
    return task.result


def choose_database_file(parent: QWidget | None, start: str = "") -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QApplication.translate("Program", "选择数据库文件"),
        start,
        QApplication.translate("Program", "台账数据库 ({patterns});;所有文件 (*)").format(
            patterns=DATABASE_FILTER_SUFFIXES
        ),
    )
    return path or None


def _database_path(target: str | None) -> Path:
    return Path(target).expanduser().absolute() if target else default_database_path()


def restore_way_out(target: str | None, parent: QWidget | None) -> bool:
    """The "restore a backup" way out of a damaged file: pick one and restore it. True if done."""
    db_path = _database_path(target)
    folder = backup.default_backup_dir(db_path)
    picker = BackupPickerDialog(backup.list_backups(folder, db_path.stem), folder, parent)
    chosen = picker.pick()
    if chosen is None:
        return False
    try:
        safety = backup.restore_backup(db_path, chosen)
    except (errors.LedgerError, OSError) as exc:
        QMessageBox.warning(
            parent, QApplication.translate("Program", "未能恢复备份"), problem_text(exc)
        )
        return False
    if safety is not None:
        QMessageBox.information(
            parent,
            QApplication.translate("Program", "已恢复备份"),
            QApplication.translate(
                "Program", "已恢复备份 {backup}。原来的文件已另存为 {safety}。"
            ).format(backup=chosen.name, safety=safety),
        )
    return True


def open_ledger(
    target: str | None, *, read_only: bool = False, parent: QWidget | None = None
) -> Ledger | None:
    """Open the ledger at ``target``; on a problem, say why and offer its ways out until it opens
    or the user gives up (None). A password the server asks for is typed here and kept in memory
    only (in the open connection's parameters), never written anywhere."""
    password: str | None = None
    while True:
        opened = open_in_background(target, read_only=read_only, parent=parent, password=password)
        if isinstance(opened, Ledger):
            return opened
        if not isinstance(opened, errors.LedgerError | OSError):
            raise opened  # a bug: to the error hook
        way = OpenErrorDialog(opened, parent).choose()
        if way is None:
            return None
        if way == "enter_password":
            typed = ask_password(parent, opened)
            if typed is not None:
                password = typed
        elif way == "open_read_only":
            read_only = True
        elif way == "choose_file":
            start = "" if is_server_url(target) else str(_database_path(target).parent)
            chosen = choose_database_file(parent, start)
            if chosen is not None:
                target, read_only, password = chosen, False, None
        elif way == "restore_backup" and restore_way_out(target, parent):
            read_only = False
        # "retry": the same again


def ask_password(parent: QWidget | None, problem: BaseException) -> str | None:
    """The server's password, typed (hidden); None when the user cancels."""
    text, ok = QInputDialog.getText(
        parent,
        QApplication.translate("Program", "数据库服务器的密码"),
        problem_text(problem) + "\n\n" + QApplication.translate("Program", "密码："),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def startup_language(settings_store: QSettings, forced: str | None = None) -> str:
    """The language to speak before a ledger is open: the one forced, else the last one used."""
    if forced in LANGUAGES:
        return forced
    remembered = str(settings_store.value(LANGUAGE_KEY, "") or "")
    return remembered if remembered in LANGUAGES else DEFAULT_LANGUAGE


def prepare_ledger(ledger: Ledger) -> str:
    """The operator's name and the interface language as set in Settings; returns the language."""
    operator = settings.get(ledger, "operator")
    if operator:
        ledger.operator = operator
    return settings.get(ledger, "language")


# -- the program ------------------------------------------------------------------------------------


class Program(QObject):
    """The open ledger and its window; a switch of database or a restore builds them anew."""

    def __init__(
        self,
        app: QApplication,
        settings_store: QSettings,
        translations: Translations,
        *,
        language: str | None = None,
        group: str | None = None,
    ) -> None:
        super().__init__()
        self.group = group  # --group: the work group to open on
        self.app = app
        self.settings_store = settings_store
        self.translations = translations
        self.forced_language = language
        self.ledger: Ledger | None = None
        self.operations: Operations | None = None
        self.window: MainWindow | None = None
        self.target: str | None = None
        self.health_check: worker.Task | None = None

    def start(self, target: str | None) -> bool:
        ledger = open_ledger(target)
        if ledger is None:
            return False
        self.target = target if ledger.path is None else str(ledger.path)
        if not self._choose_group(ledger):
            ledger.close()
            return False
        self._show(ledger)
        return True

    def _group_key(self, ledger: Ledger) -> str:
        # Qt reads / and \ in a key as sub-keys: the path or address is kept as one key.
        return "groups/" + ledger.display_name.replace("/", "|").replace("\\", "|")

    def _choose_group(self, ledger: Ledger, *, ask: bool = False) -> bool:
        """The work group to work on, when the file or the login reaches several: the one named
        with --group, else the one chosen last time for this database, else the user picks
        (remembered). False when the user gives up."""
        groups = visible_groups(ledger)
        if len(groups) < 2:
            return True
        if self.group is not None and not ask:
            try:
                ledger.group_id = choose_group(ledger, self.group)
                return True
            except errors.NotFoundError as exc:
                QMessageBox.warning(
                    None, QApplication.translate("Program", "工作组"), problem_text(exc)
                )
        remembered = str(self.settings_store.value(self._group_key(ledger), "") or "")
        ids = [str(group_id) for group_id, _name in groups]
        if remembered in ids and not ask:
            ledger.group_id = groups[ids.index(remembered)][0]
            return True
        names = [name for _id, name in groups]
        current = ids.index(str(ledger.group_id)) if str(ledger.group_id) in ids else 0
        name, ok = QInputDialog.getItem(
            self.window,
            QApplication.translate("Program", "选择工作组"),
            QApplication.translate("Program", "此数据库中有多个工作组，请选择要处理的一个："),
            names,
            current,
            False,
        )
        if not ok:
            return False
        chosen = groups[names.index(name)][0]
        ledger.group_id = chosen
        self.settings_store.setValue(self._group_key(ledger), str(chosen))
        return True

    def _show(self, ledger: Ledger) -> None:
        stored_language = prepare_ledger(ledger)
        if self.forced_language:
            self.translations.apply(self.forced_language)
        else:
            self.apply_language(stored_language)
        self.ledger = ledger
        self.operations = Operations(ledger)
        self.window = MainWindow(
            ledger, self.operations, self.settings_store, set_language=self.apply_language
        )
        self.window.switch_requested.connect(self._on_window_switch_requested)
        self.window.group_switch_requested.connect(self._on_window_group_switch_requested)
        self.window.group_page_requested.connect(self._on_window_group_page_requested)
        self.window.restore_requested.connect(self._on_window_restore_requested)
        self.window.show()
        self.window.ask_operator_if_missing()
        self.window.start_backup_timer()
        self.health_check = self._check_health(ledger)

    def _check_health(self, ledger: Ledger) -> worker.Task | None:
        """SQLite's quick check in the background, so that damage is noticed on opening and the
        newest healthy backup offered, not found a month later."""
        if not ledger.is_sqlite:
            return None
        return worker.start(
            backup.check_health,
            ledger,
            lambda: settings.backup_preferences(ledger)[0],
            ledger=ledger,
            owner=self.window,
            on_finished=self._on_health_checked,
            on_failed=self._on_health_check_failed,
        )

    def _on_health_checked(self, health: backup.Health | None) -> None:
        if health is None or self.window is None:
            return
        text = health.message.text(self.translations.language)
        title = QApplication.translate("Program", "数据库文件已损坏")
        if health.last_good is None or self.ledger is None or self.ledger.read_only:
            QMessageBox.warning(self.window, title, text)
            return
        question = QApplication.translate(
            "Program", "现在用这个备份恢复吗？恢复前会先把现在的文件另存一份。"
        )
        answer = QMessageBox.question(
            self.window,
            title,
            f"{text}\n\n{question}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            chosen = health.last_good
            # From the event loop, not inside the finished task's callback.
            QTimer.singleShot(0, lambda: self._on_window_restore_requested(chosen))

    def _on_health_check_failed(self, exc: BaseException) -> None:
        if self.window is None:
            return
        if not isinstance(exc, errors.LedgerError | OSError):
            raise exc  # a bug: to the error hook
        QMessageBox.warning(
            self.window,
            QApplication.translate("Program", "数据库文件已损坏"),
            problem_text(exc),
        )

    def apply_language(self, lang: str) -> None:
        """Switch the interface language and remember it for the next start."""
        self.translations.apply(lang)
        self.settings_store.setValue(LANGUAGE_KEY, self.translations.language)

    def _close_current(self) -> str | None:
        """Close the window and the ledger (after background work ends); the target it had."""
        previous = self.target
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        worker.wait_for_all()
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
        return previous

    def _reopen(self, target: str | None, fallback: str | None) -> None:
        """Open ``target``, or go back to ``fallback`` if the user gives up; quit if neither opens."""
        self.app.setQuitOnLastWindowClosed(False)
        try:
            if self.start(target):
                return
            if fallback is not None and fallback != target and self.start(fallback):
                return
            self.app.quit()
        finally:
            self.app.setQuitOnLastWindowClosed(True)

    @Slot(str)
    def _on_window_switch_requested(self, path: str) -> None:
        self.app.setQuitOnLastWindowClosed(False)
        previous = self._close_current()
        self._reopen(path, previous)

    @Slot()
    def _on_window_group_switch_requested(self) -> None:
        """文件 → 切换工作组: the same connection, another group; the window is built anew."""
        ledger = self.ledger
        if ledger is None or self.window is None:
            return
        before = ledger.group_id
        if not self._choose_group(ledger, ask=True) or ledger.group_id == before:
            return
        self._rebuild_window(ledger)

    @Slot(object, str, object)
    def _on_window_group_page_requested(self, group_id: Any, key: str, target: Any) -> None:
        """The team view (全队概览) leads to another group's records: the window is built anew on
        that group (remembered, as a switch is) and opens the page asked for."""
        ledger = self.ledger
        if ledger is None or self.window is None:
            return
        if str(group_id) not in {str(i) for i, _name in visible_groups(ledger)}:
            return
        ledger.group_id = group_id
        self.settings_store.setValue(self._group_key(ledger), str(group_id))
        self._rebuild_window(ledger)
        if self.window is not None:
            self.window.show_page(key, target)

    def _rebuild_window(self, ledger: Ledger) -> None:
        """The same connection on another group: the window is built anew."""
        assert self.window is not None
        self.app.setQuitOnLastWindowClosed(False)
        try:
            self.window.close()
            self.window.deleteLater()
            self.window = None
            worker.wait_for_all()
            self._show(ledger)
        finally:
            self.app.setQuitOnLastWindowClosed(True)

    @Slot(object)
    def _on_window_restore_requested(self, chosen: Path) -> None:
        self.app.setQuitOnLastWindowClosed(False)
        previous = self._close_current()
        db_path = _database_path(previous)
        message = None
        try:
            safety = backup.restore_backup(db_path, chosen)
        except (errors.LedgerError, OSError) as exc:
            QMessageBox.warning(
                None, QApplication.translate("Program", "未能恢复备份"), problem_text(exc)
            )
        else:
            message = QApplication.translate(
                "Program", "已恢复备份 {backup}。原来的文件已另存为 {safety}。"
            ).format(backup=chosen.name, safety=safety)
        self._reopen(previous, None)
        if message is not None and self.window is not None:
            self.window.show_status(message)


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    return app


def run(target: str | None, lang: str | None = None, group: str | None = None) -> int:
    """Open the window on the ledger at ``target`` (None: the default file); the exit status.
    ``lang`` forces the interface language; None uses the one set in Settings."""
    app = make_application()
    translations = Translations(app)
    settings_store = QSettings()
    translations.apply(startup_language(settings_store, lang))
    ensure_chinese_font(app)
    apply_color_scheme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_color_scheme(app))
    hook = ErrorHook()
    hook.install()
    program = Program(app, settings_store, translations, language=lang, group=group)
    try:
        if not program.start(target):
            return 2
        return app.exec()
    finally:
        worker.wait_for_all()
        if program.ledger is not None:
            program.ledger.close()
        hook.uninstall()
