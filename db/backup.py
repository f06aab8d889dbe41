"""Backups of a SQLite ledger with SQLite's online backup API: taken, rotated, listed and restored."""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from db import clock, database, errors, settings
from db.database import MSG_FOLDER_MISSING, SQLITE_HEADER, Ledger, translate_errors
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
MSG_BACKUP_NEWER = define(
    "backup.newer",
    zh="这个备份由更新版本的程序写入（含未知的升级步骤 {names}），本版本不能恢复它：{path}",
    en="This backup was written by a newer version of the program (unknown steps {names}); "
    "this version cannot restore it: {path}",
)
MSG_DETAIL_NOT_SQLITE = define(
    "backup.detail.not_sqlite", zh="不是 SQLite 数据库文件", en="not an SQLite database file"
)
MSG_DETAIL_NOT_LEDGER = define(
    "backup.detail.not_ledger", zh="不是本程序的台账", en="not a ledger of this program"
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


def preferences(ledger: Ledger) -> tuple[Path | None, BackupPolicy]:
    """The backup folder (None: beside the database) and rotation counts set in Settings."""
    folder = settings.get(ledger, "backup_folder")
    policy = BackupPolicy(**settings.get(ledger, "backup_policy"))
    return (Path(folder).expanduser() if folder else None), policy


def _new_target(folder: Path, stem: str, reason: str, now: datetime.datetime) -> Path:
    name = f"{stem}-{now.strftime(STAMP_FORMAT)}"
    if reason:
        name += f"-{reason}"
    target = folder / f"{name}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{name}-{counter}{SUFFIX}"
    return target


def _copy_with_backup_api(source: sqlite3.Connection, target: Path) -> None:
    """Write ``target`` from a live connection; the file appears whole or not at all."""
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


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
    now = now or clock.now()
    target = _new_target(folder, db_path.stem, reason, now)
    with translate_errors(ledger, str(target)):
        _copy_with_backup_api(ledger.db.connection(), target)
    rotate(folder, db_path.stem, policy or BackupPolicy(), now=now, taken=target)
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
    now = now or clock.now()
    existing = list_backups(folder, ledger.path.stem)
    if existing and now - existing[0].taken_at < max_age:
        return None
    return take_backup(ledger, folder, reason="auto", policy=policy, now=now)


def backups_to_keep(
    stamps: Iterable[datetime.datetime], policy: BackupPolicy
) -> set[datetime.datetime]:
    """Which backups rotation keeps: the newest ``recent``, and the newest of each of the latest
    ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months that have a backup. The newest backup
    is kept whatever the counts say (all of them may be set to 0 in Settings)."""
    ordered = sorted(set(stamps), reverse=True)
    keep = set(ordered[: max(policy.recent, 1)])
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
    folder: Path,
    stem: str,
    policy: BackupPolicy,
    *,
    now: datetime.datetime | None = None,
    taken: Path | None = None,
) -> list[Path]:
    """Delete the backups the policy does not keep; returns what was deleted.

    Backups are told apart by their time to the second; of several taken in the same second one is
    kept: ``taken`` (the backup just written) if it is among them, else the one whose name sorts last.
    """
    backups = list_backups(folder, stem)
    backups.sort(key=lambda b: b.path != taken)  # stable: the rest stay newest first
    keep = backups_to_keep((b.taken_at for b in backups), policy)
    kept_stamps: set[datetime.datetime] = set()
    removed = []
    for backup in backups:
        if backup.taken_at in keep and backup.taken_at not in kept_stamps:
            kept_stamps.add(backup.taken_at)
            continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def _read_only_uri(path: Path) -> str:
    return f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro"


def verify_backup(path: Path) -> None:
    """Raise unless the file is a whole SQLite ledger, of this version or older, that passes the
    integrity check."""
    if not path.is_file():
        raise errors.NotFoundError(MSG_NO_BACKUP(path=str(path)))
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise errors.ActionRefusedError(
                MSG_BAD_BACKUP(path=str(path), detail=MSG_DETAIL_NOT_SQLITE())
            )
    conn = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        has_history = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migration'"
        ).fetchone()[0]
        applied = (
            {row[0] for row in conn.execute("SELECT name FROM schema_migration")}
            if has_history
            else set()
        )
    except sqlite3.DatabaseError as exc:
        raise errors.ActionRefusedError(MSG_BAD_BACKUP(path=str(path), detail=str(exc))) from exc
    finally:
        conn.close()
    if result != "ok":
        raise errors.ActionRefusedError(MSG_BAD_BACKUP(path=str(path), detail=result))
    if not has_history:
        raise errors.ActionRefusedError(
            MSG_BAD_BACKUP(path=str(path), detail=MSG_DETAIL_NOT_LEDGER())
        )
    unknown = applied - {p.stem for p in database.MIGRATIONS_DIR.glob("[0-9]*.py")}
    if unknown:
        raise errors.ActionRefusedError(
            MSG_BACKUP_NEWER(path=str(path), names=", ".join(sorted(unknown)))
        )


def _safety_backup(db_path: Path, folder: Path) -> Path:
    """Keep what the database holds now. It may be damaged (that is often why one restores): then
    its bytes are copied as they are, so that nothing the user had is lost."""
    target = _new_target(folder, db_path.stem, "before-restore", clock.now())
    source = sqlite3.connect(db_path)
    try:
        _copy_with_backup_api(source, target)
    except sqlite3.DatabaseError:
        target = target.with_name(target.name.replace("-before-restore", "-before-restore-damaged"))
        shutil.copyfile(db_path, target)
    finally:
        source.close()
    return target


def _fsync(path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - folders cannot be opened for fsync on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore_backup(db_path: Path, backup: Path, *, folder: Path | None = None) -> Path | None:
    """Replace the database's content with a backup's, after keeping a backup of what it holds now.

    The database must not be open in a program. The restored content is written beside the database
    and moved over it in one step, so an interruption leaves either the old file or the new one.
    Returns the safety backup taken (None when the database did not exist yet).
    """
    verify_backup(backup)
    db_path = db_path.expanduser().absolute()
    if not db_path.parent.is_dir():
        raise errors.DatabaseFolderMissingError(MSG_FOLDER_MISSING(folder=str(db_path.parent)))
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
            folder = folder or default_backup_dir(db_path)
            folder.mkdir(parents=True, exist_ok=True)
            safety = _safety_backup(db_path, folder)
        incoming = db_path.with_name(db_path.name + ".restoring")
        incoming.unlink(missing_ok=True)
        try:
            src = sqlite3.connect(_read_only_uri(backup), uri=True)
            dst = sqlite3.connect(incoming)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=WAL")
            finally:
                src.close()
                dst.close()
            _fsync(incoming)
            # A write-ahead log left by the old file would be replayed into the new one.
            for suffix in ("-wal", "-shm"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            os.replace(incoming, db_path)
            _fsync(db_path.parent)
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        return safety
    finally:
        lock.release()
