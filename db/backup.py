"""Backups of a SQLite ledger with SQLite's online backup API: taken, rotated, listed and restored."""

from __future__ import annotations

import datetime
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from db import errors
from db.database import SQLITE_HEADER, Ledger, translate_errors
from db.locking import FileLock, LockHeld
from db.messages import define

STAMP_FORMAT = "%Y%m%d-%H%M%S"
SUFFIX = ".sqlite3"

MSG_SERVER_BACKUP = define(
    "backup.server",
    zh="服务器上的数据库由服务器管理员用 pg_dump 备份，本程序只备份本地文件。",
    en="A database on a server is backed up by its administrator with pg_dump; "
    "this program backs up local files only.",
)
MSG_BAD_BACKUP = define(
    "backup.bad",
    zh="这个备份文件不能用于恢复（{detail}）：{path}",
    en="This backup cannot be restored ({detail}): {path}",
)
MSG_NO_BACKUP = define(
    "backup.missing", zh="备份文件不存在：{path}", en="The backup file does not exist: {path}"
)
MSG_RESTORE_IN_USE = define(
    "backup.restore_in_use",
    zh="数据库正在被程序使用（进程 {pid}），请先关闭它再恢复备份：{path}",
    en="The database is open in a program (process {pid}); close it before restoring: {path}",
)


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups rotation keeps; the user edits these in Settings."""

    recent: int = 10
    daily: int = 7
    weekly: int = 5
    monthly: int = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime.datetime


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _require_file(ledger: Ledger) -> Path:
    if ledger.path is None:
        raise errors.ActionRefusedError(MSG_SERVER_BACKUP())
    return ledger.path


def list_backups(folder: Path, stem: str) -> list[BackupFile]:
    """The backups of one database in a folder, newest first."""
    found = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{stem}-*{SUFFIX}"):
        stamp = path.name[len(stem) + 1 : -len(SUFFIX)]
        stamp = stamp.split("-", 2)
        try:
            taken = datetime.datetime.strptime("-".join(stamp[:2]), STAMP_FORMAT)
        except ValueError:
            continue
        found.append(BackupFile(path, taken))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def take_backup(
    ledger: Ledger,
    folder: Path | None = None,
    *,
    reason: str = "",
    policy: BackupPolicy | None = None,
    now: datetime.datetime | None = None,
) -> Path:
    """Copy the live database with the online backup API into a new, time-named file, then rotate."""
    db_path = _require_file(ledger)
    folder = folder or default_backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    now = now or datetime.datetime.now()
    name = f"{db_path.stem}-{now.strftime(STAMP_FORMAT)}"
    if reason:
        name += f"-{reason}"
    target = folder / f"{name}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{name}-{counter}{SUFFIX}"
    partial = target.with_suffix(".partial")
    with translate_errors(ledger, str(target)):
        dest = sqlite3.connect(partial)
        try:
            ledger.db.connection().backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    os.replace(partial, target)
    rotate(folder, db_path.stem, policy or BackupPolicy(), now=now)
    return target


def backup_if_due(
    ledger: Ledger,
    folder: Path | None = None,
    *,
    max_age: datetime.timedelta = datetime.timedelta(days=1),
    policy: BackupPolicy | None = None,
    now: datetime.datetime | None = None,
) -> Path | None:
    """A backup when the newest one is older than ``max_age`` (on opening, and by a timer while open)."""
    if ledger.path is None or ledger.read_only:
        return None
    folder = folder or default_backup_dir(ledger.path)
    now = now or datetime.datetime.now()
    existing = list_backups(folder, ledger.path.stem)
    if existing and now - existing[0].taken_at < max_age:
        return None
    return take_backup(ledger, folder, reason="auto", policy=policy, now=now)


def backups_to_keep(
    stamps: Iterable[datetime.datetime], policy: BackupPolicy
) -> set[datetime.datetime]:
    """Which backups rotation keeps: the newest ``recent``, and the newest of each of the latest
    ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months that have a backup."""
    ordered = sorted(set(stamps), reverse=True)
    keep = set(ordered[: policy.recent])
    buckets = (
        (policy.daily, lambda t: t.date()),
        (policy.weekly, lambda t: t.isocalendar()[:2]),
        (policy.monthly, lambda t: (t.year, t.month)),
    )
    for count, bucket in buckets:
        seen: list[object] = []
        for stamp in ordered:
            key = bucket(stamp)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            keep.add(stamp)
    return keep


def rotate(
    folder: Path, stem: str, policy: BackupPolicy, *, now: datetime.datetime | None = None
) -> list[Path]:
    """Delete the backups the policy does not keep; returns what was deleted."""
    backups = list_backups(folder, stem)
    keep = backups_to_keep((b.taken_at for b in backups), policy)
    kept_stamps: set[datetime.datetime] = set()
    removed = []
    for backup in backups:  # newest first: of two backups in the same second, keep the newer name
        if backup.taken_at in keep and backup.taken_at not in kept_stamps:
            kept_stamps.add(backup.taken_at)
            continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def verify_backup(path: Path) -> None:
    """Raise unless the file is a whole SQLite ledger that passes the integrity check."""
    if not path.is_file():
        raise errors.NotFoundError(MSG_NO_BACKUP(path=str(path)))
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise errors.ActionRefusedError(MSG_BAD_BACKUP(path=str(path), detail="not SQLite"))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        has_history = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migration'"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise errors.ActionRefusedError(MSG_BAD_BACKUP(path=str(path), detail=str(exc))) from exc
    finally:
        conn.close()
    if result != "ok":
        raise errors.ActionRefusedError(MSG_BAD_BACKUP(path=str(path), detail=result))
    if not has_history:
        raise errors.ActionRefusedError(MSG_BAD_BACKUP(path=str(path), detail="not a ledger"))


def restore_backup(db_path: Path, backup: Path, *, folder: Path | None = None) -> Path | None:
    """Replace the database's content with a backup's, after keeping a backup of what it holds now.

    The database must not be open in a program. Returns the safety backup taken (None when the
    database did not exist yet).
    """
    verify_backup(backup)
    db_path = db_path.expanduser().absolute()
    lock = FileLock(db_path)
    try:
        lock.acquire()
    except LockHeld as held:
        raise errors.DatabaseInUseError(
            MSG_RESTORE_IN_USE(pid=held.owner.get("pid", "?"), path=str(db_path))
        ) from None
    try:
        safety = None
        if db_path.exists():
            from db.database import open_database

            lock.release()
            current = open_database(db_path, backup=False)
            try:
                safety = take_backup(current, folder, reason="before-restore")
            finally:
                current.close()
            lock.acquire()
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        dst = sqlite3.connect(db_path)
        try:
            dst.execute("PRAGMA busy_timeout=5000")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            src.close()
            dst.close()
        return safety
    finally:
        lock.release()
