"""Backups of a SQLite ledger with SQLite's online backup API: taken, rotated, listed and restored."""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import peewee

from db.common import clock, errors
from db.common.messages import Message, define
from db.store.ledger import (
    MIGRATIONS_DIR,
    MSG_FOLDER_MISSING,
    SQLITE_HEADER,
    Ledger,
    translate_errors,
)
from db.store.locking import FileLock, LockHeld

STAMP_FORMAT = "%Y%m%d-%H%M%S"
SUFFIX = ".sqlite3"
PARTIAL = ".partial"  # a backup being written; renamed to its name when whole and checked
DAMAGED_FOLDER = "damaged"  # copies of a damaged database, kept apart from the backups
DAMAGED_KEPT = 5  # the newest copies of a damaged database kept (they never push out a backup)
# What SQLite writes beside a file it opens.
SIDECARS = ("-journal", "-wal", "-shm")

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
MSG_DAMAGED_SOURCE = define(
    "backup.damaged_source",
    zh="数据库文件已损坏（{detail}），这次备份不算作备份，另存为 {copy}。{last_good}",
    en="The database file is damaged ({detail}); this copy does not count as a backup and is kept "
    "apart as {copy}. {last_good}",
)
MSG_LAST_GOOD = define(
    "backup.last_good",
    zh="最近一个完好的备份是 {path}，可以用它恢复。",
    en="The newest healthy backup is {path}; it can be restored.",
)
MSG_NO_GOOD_BACKUP = define(
    "backup.no_good",
    zh="没有找到完好的备份。",
    en="No healthy backup was found.",
)
MSG_DAMAGED_FILE = define(
    "backup.damaged_file",
    zh="数据库文件已损坏，未能备份：{path}。{last_good}",
    en="The database file is damaged and could not be backed up: {path}. {last_good}",
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
    """The backups of one database in a folder, newest first (never a backup being written, nor a
    copy of a damaged database: those are elsewhere)."""
    found = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{stem}-*{SUFFIX}"):
        stamp = path.name[len(stem) + 1 : -len(SUFFIX)]
        if stamp.endswith("-damaged"):
            continue
        stamp = stamp.split("-", 2)
        try:
            taken = datetime.datetime.strptime("-".join(stamp[:2]), STAMP_FORMAT)
        except ValueError:
            continue
        found.append(BackupFile(path, taken))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def damaged_folder(folder: Path) -> Path:
    return folder / DAMAGED_FOLDER


def clean_leftovers(folder: Path, stem: str) -> list[Path]:
    """Delete what backups killed half-way left behind (``*.partial`` and SQLite's files beside
    it); a backup still being written by another program holds its lock and is left alone."""
    removed: list[Path] = []
    partials = {
        path.with_name(path.name[: path.name.index(PARTIAL) + len(PARTIAL)])
        for place in (folder, damaged_folder(folder))
        if place.is_dir()
        for path in place.glob(f"{glob_escape(stem)}-*{PARTIAL}*")
    }
    for partial in sorted(partials):
        lock = FileLock(partial)
        try:
            lock.acquire()
        except (LockHeld, OSError):
            continue
        try:
            for path in (partial, *(partial.with_name(partial.name + s) for s in SIDECARS)):
                if path.exists():
                    path.unlink()
                    removed.append(path)
        finally:
            lock.release()
            lock.path.unlink(missing_ok=True)
    return removed


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


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


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None when SQLite's quick_check finds the database whole; else what it found, in one line."""
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == ["ok"]:
        return None
    return "; ".join(str(row) for row in rows)


def _copy_with_backup_api(source: sqlite3.Connection, target: Path, *, check: bool = True) -> None:
    """Write ``target`` from a live connection; the file appears whole or not at all. With
    ``check``, the copy must pass quick_check first: else it is moved into the damaged folder under
    a ``-damaged`` name and DamagedCopy is raised."""
    partial = target.with_suffix(PARTIAL)
    lock = FileLock(partial)  # tells clean_leftovers this one is being written
    lock.acquire()
    try:
        partial.unlink(missing_ok=True)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode=DELETE")
                problem = quick_check(dest) if check else None
            finally:
                dest.close()
            if problem is not None:
                apart = damaged_folder(target.parent)
                apart.mkdir(exist_ok=True)
                kept = apart / f"{target.stem}-damaged{SUFFIX}"
                os.replace(partial, kept)
                raise DamagedCopy(kept, problem)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    finally:
        lock.release()
        lock.path.unlink(missing_ok=True)


class DamagedCopy(Exception):
    """A copy of the database failed quick_check: the database itself is damaged."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem


def _rotate_damaged(folder: Path, stem: str) -> None:
    """The damaged folder keeps its newest few copies: a damaged file backed up every day must not
    fill the disk."""
    apart = damaged_folder(folder)
    if not apart.is_dir():
        return
    copies = sorted(apart.glob(f"{glob_escape(stem)}-*-damaged{SUFFIX}"), reverse=True)
    for old in copies[DAMAGED_KEPT:]:
        old.unlink(missing_ok=True)


def last_good_backup(folder: Path, stem: str) -> Path | None:
    """The newest backup that passes quick_check (None when there is none)."""
    for candidate in list_backups(folder, stem):
        try:
            conn = sqlite3.connect(_read_only_uri(candidate.path), uri=True)
        except sqlite3.Error:
            continue
        try:
            if quick_check(conn) is None:
                return candidate.path
        finally:
            conn.close()
    return None


MSG_DAMAGED_ON_OPEN = define(
    "backup.damaged_on_open",
    zh="数据库文件已损坏（{detail}）：{path}。{last_good}",
    en="The database file is damaged ({detail}): {path}. {last_good}",
)


@dataclass(frozen=True)
class Health:
    """What the quick check on opening found wrong, and the backup that may replace the file."""

    problem: str
    last_good: Path | None
    message: Message


def check_health(
    ledger: Ledger, backup_folder: Callable[[], Path | None] = lambda: None
) -> Health | None:
    """SQLite's quick_check on the open file (run in the background on opening): None when it is
    whole; else what is wrong and the newest healthy backup, looked for in ``backup_folder()`` (the
    folder set in Settings, asked only when the file is damaged) or beside the file. Nothing is
    written."""
    db_path = _require_file(ledger)
    problem = quick_check(ledger.db.connection())
    if problem is None:
        return None
    try:
        folder = backup_folder() or default_backup_dir(db_path)
    except (errors.LedgerError, sqlite3.DatabaseError, peewee.DatabaseError):
        folder = default_backup_dir(db_path)  # the settings themselves may be unreadable
    good = last_good_backup(folder, db_path.stem)
    message = MSG_DAMAGED_ON_OPEN(
        detail=problem, path=str(db_path), last_good=_last_good_text(good)
    )
    return Health(problem, good, message)


def take_backup(
    ledger: Ledger,
    folder: Path | None = None,
    *,
    reason: str = "",
    policy: BackupPolicy | None = None,
    now: datetime.datetime | None = None,
) -> Path:
    """Copy the live database with the online backup API into a new, time-named file, then rotate.

    The copy counts only when it passes quick_check: a copy of a damaged database is kept apart
    (``damaged/``), never rotated with the backups, and DatabaseDamagedError says so and names the
    newest healthy backup. What killed backups left behind is deleted first."""
    db_path = _require_file(ledger)
    folder = folder or default_backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    clean_leftovers(folder, db_path.stem)
    now = now or clock.now()
    target = _new_target(folder, db_path.stem, reason, now)
    try:
        with translate_errors(ledger, str(target)):
            _copy_with_backup_api(ledger.db.connection(), target)
    except DamagedCopy as damaged:
        _rotate_damaged(folder, db_path.stem)
        raise _damaged_error(folder, db_path.stem, damaged.path, damaged.problem) from None
    except errors.DatabaseDamagedError:
        # The source could not even be read through: no copy, the same advice.
        good = last_good_backup(folder, db_path.stem)
        raise errors.DatabaseDamagedError(
            MSG_DAMAGED_FILE(path=str(db_path), last_good=_last_good_text(good))
        ) from None
    rotate(folder, db_path.stem, policy or BackupPolicy(), now=now, taken=target)
    return target


def _damaged_error(
    folder: Path, stem: str, copy: Path, problem: str
) -> errors.DatabaseDamagedError:
    return errors.DatabaseDamagedError(
        MSG_DAMAGED_SOURCE(
            detail=problem,
            copy=str(copy),
            last_good=_last_good_text(last_good_backup(folder, stem)),
        )
    )


def _last_good_text(good: Path | None) -> Message:
    return MSG_NO_GOOD_BACKUP() if good is None else MSG_LAST_GOOD(path=str(good))


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
    unknown = applied - {p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py")}
    if unknown:
        raise errors.ActionRefusedError(
            MSG_BACKUP_NEWER(path=str(path), names=", ".join(sorted(unknown)))
        )


def _safety_backup(db_path: Path, folder: Path) -> Path:
    """Keep what the database holds now. It may be damaged (that is often why one restores): then
    its bytes are copied as they are, so that nothing the user had is lost, into the damaged folder
    as ``…-before-restore-damaged``, where it never counts as a backup."""
    clean_leftovers(folder, db_path.stem)
    target = _new_target(folder, db_path.stem, "before-restore", clock.now())
    source = sqlite3.connect(db_path)
    try:
        _copy_with_backup_api(source, target)
    except (sqlite3.DatabaseError, DamagedCopy) as exc:
        if isinstance(exc, DamagedCopy):
            exc.path.unlink(missing_ok=True)  # the page copy; the bytes as they are replace it
        apart = damaged_folder(folder)
        apart.mkdir(exist_ok=True)
        target = apart / target.name.replace("-before-restore", "-before-restore-damaged")
        partial = target.with_suffix(PARTIAL)
        shutil.copyfile(db_path, partial)
        os.replace(partial, target)
        _rotate_damaged(folder, db_path.stem)
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
        for leftover in (incoming, *(incoming.with_name(incoming.name + s) for s in SIDECARS)):
            leftover.unlink(missing_ok=True)  # of a restore killed half-way (we hold the lock)
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
