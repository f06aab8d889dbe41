"""The one path every change takes (Anki's aqt/operations): call the core, report a problem of the
user's world in the user's words, keep undo, then announce what changed.

Pages never refresh each other: they listen to ``records_changed(kind)`` and redraw if the kind
concerns them. Validation errors are not reported here; they go back to the form, which shows each
beside its field.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from db.common import errors
from db.common.messages import current_language
from db.services import (
    achievements,
    base,
    bulletins,
    calendar,
    groups,
    highlights,
    leave,
    members,
    reports,
    sessions,
    spotchecks,
    surveys,
)
from db.store.ledger import Ledger
from gui import worker

# Every kind of record registers its service on import; undo, the history and the recycle bin need
# them all, whichever pages have been opened.
SERVICE_MODULES = (
    achievements,
    bulletins,
    calendar,
    groups,
    highlights,
    leave,
    members,
    reports,
    sessions,
    spotchecks,
    surveys,
)

T = TypeVar("T")

ALL_KINDS = "*"  # records_changed(ALL_KINDS): anything may have changed (demo data, a restore)
# records_changed(OTHERS): another program (another window, another secretary) wrote to the ledger
# (gui.watch); like ALL_KINDS, but a page with a form of its own keeps what is being typed.
OTHERS = "others"
RECYCLE_BIN = "recycle_bin"  # the bin's own entries changed (restore, purge)


def describe_problem(exc: BaseException) -> str:
    """A problem of the user's world in the chosen language; "" when it is not one (a bug)."""
    if isinstance(exc, errors.LedgerError):
        return exc.text(current_language())
    if isinstance(exc, OSError):
        detail = exc.strerror or type(exc).__name__
        where = exc.filename or ""
        text = QCoreApplication.translate("Operations", "无法读写 {path}：{detail}")
        return text.format(path=where, detail=detail) if where else detail
    return ""


def is_user_problem(exc: BaseException) -> bool:
    return isinstance(exc, errors.LedgerError | OSError)


def show_problem_box(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


class DeleteCommand(QUndoCommand):
    """Records moved to the recycle bin; undo brings them back (same identity), redo deletes again."""

    def __init__(
        self,
        operations: Operations,
        kind: str,
        record_ids: Sequence[Any],
        bin_ids: Sequence[Any],
        description: str,
    ) -> None:
        super().__init__(description)
        self._operations = operations
        self._kind = kind
        self._record_ids = list(record_ids)
        self._bin_ids = list(bin_ids)
        self._first = True  # the delete itself already happened when the command was pushed

    def undo(self) -> None:
        ledger = self._operations.ledger
        restored = self._operations.run(
            lambda: base.restore_many(ledger, self._bin_ids),
            kind=self._kind,
            description=QCoreApplication.translate("Operations", "已撤销：{action}").format(
                action=self.text()
            ),
        )
        if restored is None:  # refused (say, a member it names is gone): drop it from the stack
            self.setObsolete(True)
            return
        self._operations.records_changed.emit(RECYCLE_BIN)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        ledger = self._operations.ledger
        service = base.service_for(self._kind)
        entries = self._operations.run(
            lambda: service.delete_many(ledger, self._record_ids),
            kind=self._kind,
            description=QCoreApplication.translate("Operations", "已重做：{action}").format(
                action=self.text()
            ),
        )
        if entries is None:
            self.setObsolete(True)
            return
        self._bin_ids = [entry.id for entry in entries]
        self._operations.records_changed.emit(RECYCLE_BIN)


class Operations(QObject):
    """Every change to the ledger goes through ``run`` (or the helpers built on it)."""

    records_changed = Signal(str)
    done = Signal(str)  # the description of a change that was made, for the status bar
    problem = Signal(str)  # a problem of the user's world was reported (after it was shown)
    busy_changed = Signal(bool)  # background work started or ended

    def __init__(
        self,
        ledger: Ledger,
        parent: QObject | None = None,
        *,
        show_problem: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.undo_stack = QUndoStack(self)
        self._show_problem = show_problem
        self.window: QWidget | None = None  # parent of message boxes; set by the main window
        self._busy = 0

    # -- reporting -----------------------------------------------------------------------------------
    def report(self, text: str) -> None:
        """Show a problem of the user's world (never a traceback)."""
        if self._show_problem is not None:
            self._show_problem(text)
        else:
            show_problem_box(self.window, self.tr("未能完成"), text)
        self.problem.emit(text)

    # -- the one path ---------------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[], T],
        *,
        kind: str,
        description: str = "",
    ) -> T | None:
        """Call the core. A ValidationError goes back to the caller (the form shows it); any other
        problem of the user's world is reported and None returned; a bug propagates to the crash
        dialog. After a change, ``records_changed(kind)`` is emitted (and ``done(description)``).

        ``fn`` should return something other than None when it succeeds, so that the caller can
        tell success from a reported problem."""
        try:
            result = fn()
        except errors.ValidationError:
            raise
        except (errors.LedgerError, OSError) as exc:
            self.report(describe_problem(exc))
            return None
        self.records_changed.emit(kind)
        if description:
            self.done.emit(description)
        return result

    def run_in_background(
        self,
        fn: Callable[[], T],
        *,
        kind: str,
        description: str = "",
        on_done: Callable[[T], None] | None = None,
        on_problem: Callable[[BaseException], None] | None = None,
    ) -> worker.Task:
        """``run`` for work that takes long: ``fn`` runs in a pool thread (with its own connection);
        the report, the signal and ``on_done`` come back to the GUI thread."""
        self._set_busy(+1)

        def finished(result: Any) -> None:
            self._set_busy(-1)
            self.records_changed.emit(kind)
            if description:
                self.done.emit(description)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(-1)
            if on_problem is not None:
                on_problem(exc)
            if is_user_problem(exc):
                self.report(describe_problem(exc))
            else:
                raise exc  # to the error hook: logged, and the crash dialog

        return worker.start(
            fn, ledger=self.ledger, owner=self, on_finished=finished, on_failed=failed
        )

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def _set_busy(self, step: int) -> None:
        was = self.busy
        self._busy += step
        if was != self.busy:
            self.busy_changed.emit(self.busy)

    # -- helpers for the usual changes ---------------------------------------------------------------
    def save(
        self,
        kind: str,
        values: dict[str, Any],
        *,
        record_id: Any = None,
        expected_version: int | None = None,
        description: str = "",
    ) -> Any:
        """Save a record through its service; the saved record, or None if it was refused.
        Raises ValidationError for the form."""
        service = base.service_for(kind)
        return self.run(
            lambda: service.save(
                self.ledger, values, record_id=record_id, expected_version=expected_version
            ),
            kind=kind,
            description=description,
        )

    def delete(self, kind: str, record_ids: Iterable[Any], *, description: str = "") -> bool:
        """Move records into the recycle bin as one change that Ctrl+Z brings back."""
        ids = list(record_ids)
        if not ids:
            return False
        service = base.service_for(kind)
        text = description or self.tr("删除 {count} 条{noun}").format(
            count=len(ids), noun=service.noun().text(current_language())
        )
        entries = self.run(
            lambda: service.delete_many(self.ledger, ids), kind=kind, description=text
        )
        if entries is None:
            return False
        self.undo_stack.push(DeleteCommand(self, kind, ids, [e.id for e in entries], text))
        self.records_changed.emit(RECYCLE_BIN)
        return True

    def restore_from_bin(self, bin_ids: Iterable[Any], kinds: Iterable[str]) -> bool:
        """Bring entries of the recycle bin back; ``kinds`` are their record kinds, each announced."""
        ids = list(bin_ids)
        restored = self.run(lambda: base.restore_many(self.ledger, ids), kind=RECYCLE_BIN)
        if restored is None:
            return False
        for kind in sorted(set(kinds)):
            self.records_changed.emit(kind)
        return True

    def purge(self, bin_ids: Iterable[Any]) -> bool:
        """Delete recycle-bin entries for good (their history stays)."""
        ids = [uuid.UUID(str(b)) for b in bin_ids]

        def purge_all() -> bool:
            with self.ledger.transaction():
                for bin_id in ids:
                    base.purge(self.ledger, bin_id)
            return True

        return bool(ids) and self.run(purge_all, kind=RECYCLE_BIN) is not None

    # -- undo ------------------------------------------------------------------------------------------
    @Slot()
    def undo(self) -> None:
        self.undo_stack.undo()

    @Slot()
    def redo(self) -> None:
        self.undo_stack.redo()
