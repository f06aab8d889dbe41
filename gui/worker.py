"""Running a core function off the GUI thread, with a signal when it finished or failed.

peewee keeps one connection per thread: the worker's thread opens its own connection to the same
database on its first query, and the task closes that connection when the work ends, so that a pool
thread never holds a connection (or a SQLite read snapshot) between tasks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from db.store.ledger import Ledger

# Tasks are kept here until they have reported: the QRunnable is owned by the pool, but the Python
# objects carrying the signals must outlive the work.
_running: set[Task] = set()


class Task(QObject):
    """One call of ``fn`` in the pool. ``finished`` carries the result, ``failed`` the exception."""

    finished = Signal(object)
    failed = Signal(object)
    done = Signal()  # after either of the two

    def __init__(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...] = (),
        kwargs: dict[str, Any] | None = None,
        *,
        ledger: Ledger | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs or {}
        self._ledger = ledger
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_done = False
        self.done.connect(self._on_done)

    def run(self) -> None:
        """The work itself; runs in a pool thread."""
        try:
            result = self._fn(*self._args, **self._kwargs)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI thread, which decides
            self.error = exc
            self._close_connection()
            self.failed.emit(exc)
        else:
            self.result = result
            self._close_connection()
            self.finished.emit(result)
        self.done.emit()

    def _close_connection(self) -> None:
        # Database state is thread-local in peewee: this closes this thread's connection only.
        db = self._ledger.db if self._ledger is not None else None
        if db is not None and not db.is_closed():
            db.close()

    def _on_done(self) -> None:
        self.is_done = True
        _running.discard(self)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task.run()


def pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def _guarded(callback: Callable[[Any], None], owner: QObject | None) -> Callable[[Any], None]:
    def call(value: Any) -> None:
        if owner is not None and not shiboken6.isValid(owner):
            return  # the window that asked is gone (a switch of database): nobody to tell
        callback(value)

    return call


def start(
    fn: Callable[..., Any],
    *args: Any,
    ledger: Ledger | None = None,
    owner: QObject | None = None,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    **kwargs: Any,
) -> Task:
    """Run ``fn(*args, **kwargs)`` in the thread pool; the callbacks run in the GUI thread.

    Pass ``ledger`` when ``fn`` touches the database, so that the thread's connection is closed,
    and ``owner`` when the callbacks use a widget: they are skipped if it was deleted meanwhile.
    """
    task = Task(fn, args, kwargs, ledger=ledger)
    if on_finished is not None:
        task.finished.connect(_guarded(on_finished, owner))
    if on_failed is not None:
        task.failed.connect(_guarded(on_failed, owner))
    return submit(task)


def submit(task: Task) -> Task:
    """Start a task built by hand (connect to its signals first: it may end at once)."""
    _running.add(task)
    pool().start(_Runnable(task))
    return task


def wait_for_all(msecs: int = -1) -> bool:
    """Let running tasks end (before the database is closed); True when none is left."""
    return pool().waitForDone(msecs)
