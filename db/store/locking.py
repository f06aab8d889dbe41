"""One program per database file: an OS lock on a sidecar file that also names the process holding it."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import IO

from db.common import clock

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

# Windows locks are mandatory byte ranges: lock one byte far past the owner text so it stays readable.
_WIN_LOCK_OFFSET = 1 << 20


class LockHeld(Exception):
    def __init__(self, owner: dict[str, str]) -> None:
        super().__init__(owner)
        self.owner = owner


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover
            handle.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _read_owner(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


class FileLock:
    """Held for as long as the database is open; released by close() or by the process ending."""

    def __init__(self, db_path: Path) -> None:
        # The file itself, not the spelling of its path: a symbolic link (or "..") to a file that is
        # open must meet the same lock.
        self.path = lock_path_for(Path(db_path).resolve())
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while locked
        if not _try_lock(handle):
            handle.close()
            raise LockHeld(_read_owner(self.path))
        owner = {
            "pid": str(os.getpid()),
            "host": socket.gethostname(),
            "program": Path(sys.argv[0]).name or "python",
            "since": clock.now().isoformat(timespec="seconds"),
        }
        try:
            handle.seek(0)
            handle.truncate()
            # Unbuffered: on a full disk the write fails here, not again when the handle closes.
            os.write(handle.fileno(), json.dumps(owner, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a full disk: the lock holds all the same, only its owner goes unnamed ("?")
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        try:
            handle.seek(0)
            handle.truncate()
        except OSError:
            pass
        finally:
            handle.close()  # closing the handle drops the lock
