"""Seeing others' changes: whether another program (another window, another secretary) has written
to the ledger since this one last looked, asked without ever waiting.

On a PostgreSQL server every write transaction NOTIFYs the channel of the group it changed
(``Ledger.transaction``; the channel is ``change_channel(group)``), and a ``ChangeWatch`` LISTENs
on its group's channel and on the shared one (the calendar's corrections) — a login that reads
several groups (the team office's) on every group's (``ALL_CHANNEL``): ``changed()`` reads what
the server has sent, without blocking, and ``socket()`` is the connection's socket for a window to
wake on. On a SQLite file ``PRAGMA data_version`` is the answer: it moves when another connection
commits to the file (never for this connection's own writes), so ``changed()`` compares it with the
value seen last — a window asks when it regains focus.
"""

from __future__ import annotations

from typing import Any

from db.store.database import visible_groups
from db.store.ledger import ALL_CHANNEL, Ledger, change_channel, translate_errors


class ChangeWatch:
    """Whether others changed the ledger, for the connection of the thread that made the watch
    (a window's: the GUI thread's). ``start()`` first; ``stop()`` when done."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._connection: Any = None
        self._own_pid: int | None = None
        self._seen: int | None = None
        self._channels: list[str] = []

    @property
    def on_server(self) -> bool:
        return not self.ledger.is_sqlite

    def start(self) -> None:
        """LISTEN on the server; on a file, remember the data version seen now."""
        if not self.on_server:
            self._seen = self._data_version()
            return
        from psycopg2 import sql

        wanted = {change_channel(self.ledger.group_id), change_channel(None)}
        if len(visible_groups(self.ledger)) > 1:
            wanted.add(ALL_CHANNEL)
        channels = sorted(wanted)
        with translate_errors(self.ledger):
            connection = self.ledger.db.connection()
            with connection.cursor() as cursor:
                for channel in channels:
                    cursor.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        self._connection = connection
        self._own_pid = connection.get_backend_pid()
        self._channels = channels

    def stop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None or connection.closed:
            return
        try:
            with connection.cursor() as cursor:
                cursor.execute("UNLISTEN *")
        except Exception:  # noqa: BLE001 - a lost connection listens to nothing anyway
            return

    def socket(self) -> int | None:
        """The server connection's socket, readable when a notification may have come (None on a
        file, or when the watch is not started)."""
        if self._connection is None or self._connection.closed:
            return None
        return int(self._connection.fileno())

    def changed(self) -> bool:
        """True when another connection wrote since the last call (or since ``start()``); never
        waits. A connection that is lost answers False: the next action reports it."""
        if self.ledger.db.is_closed():
            return False  # (asking would open the ledger again)
        if not self.on_server:
            if self._seen is None:
                return False
            now = self._data_version()
            moved, self._seen = now != self._seen, now
            return moved
        connection = self._connection
        if connection is None or connection.closed:
            return False
        if connection is not self.ledger.db.connection():
            # peewee opened a new connection for this thread (the old one was closed): listen anew.
            self.start()
            return True
        try:
            connection.poll()  # reads what the socket holds, without waiting for more
        except Exception:  # noqa: BLE001 - psycopg2's OperationalError: the server is gone
            return False
        others = False
        while connection.notifies:
            notice = connection.notifies.pop(0)
            others = others or (notice.channel in self._channels and notice.pid != self._own_pid)
        return others

    def _data_version(self) -> int:
        with translate_errors(self.ledger):
            return int(self.ledger.db.execute_sql("PRAGMA data_version").fetchone()[0])
