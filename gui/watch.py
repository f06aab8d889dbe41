"""The window's ears for others' changes (db.store.changes): on a server, a notification wakes the
window as it comes (a QSocketNotifier on the connection's socket, and a look every few seconds for
the ones read by a query meanwhile); on a file, the window looks when it regains focus. Nothing
here ever waits on the database."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from db.common import errors
from db.store.changes import ChangeWatch
from db.store.ledger import Ledger

# psycopg2 reads a notification that arrives during one of the window's own queries into its list
# with that query's answer, and the socket then has nothing to wake the notifier: a look this often
# finds those (a poll of what is already there, no round trip).
SERVER_LOOK_MS = 3000


class ChangeWatcher(QObject):
    """``changed()`` when another program (another window, another secretary) wrote to the ledger."""

    changed = Signal()

    def __init__(self, ledger: Ledger, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watch: ChangeWatch | None = ChangeWatch(ledger)
        self._notifier: QSocketNotifier | None = None
        self._timer: QTimer | None = None
        try:
            self.watch.start()
        except errors.LedgerError:
            self.watch = None  # the window works on; the next action reports the problem
            return
        socket = self.watch.socket()
        if socket is not None:
            self._notifier = QSocketNotifier(socket, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_notifier_activated)
            self._timer = QTimer(self)
            self._timer.setInterval(SERVER_LOOK_MS)
            self._timer.timeout.connect(self.check)
            self._timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._on_app_application_state_changed)

    @Slot()
    def check(self) -> bool:
        """Look now (never waits); ``changed`` is emitted when others wrote. True if they did."""
        if self.watch is None:
            return False
        try:
            moved = self.watch.changed()
        except errors.LedgerError:
            return False  # a file gone or a server lost: the next action says so
        if moved:
            self.changed.emit()
        return moved

    @Slot()
    def _on_notifier_activated(self) -> None:
        self.check()

    @Slot(Qt.ApplicationState)
    def _on_app_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def stop(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._timer is not None:
            self._timer.stop()
        if self.watch is not None:
            self.watch.stop()
            self.watch = None
