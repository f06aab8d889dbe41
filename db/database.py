"""open_database(): where the ledger lives — SQLite file or PostgreSQL server — with pragmas, lock,
migrations and the automatic backup; and the translation of driver errors into the user's world."""

from __future__ import annotations

import contextlib
import datetime
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import peewee
from peewee import PostgresqlDatabase, SqliteDatabase
from platformdirs import user_data_path
from playhouse.migrations import Runner

from db import errors
from db.locking import FileLock, LockHeld
from db.messages import Message, define
from db.models import WorkGroup, database_proxy

APP_NAME = "guazhi-ledger"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_SECONDS = 5.0
SQLITE_HEADER = b"SQLite format 3\x00"
T = TypeVar("T")

MSG_DAMAGED = define(
    "db.damaged",
    zh="数据库文件已损坏或不是数据库文件：{path}",
    en="The database file is damaged or is not a database: {path}",
)
MSG_NOT_LEDGER = define(
    "db.not_ledger",
    zh="此文件是数据库，但不是本程序的台账：{path}",
    en="This file is a database but not a ledger of this program: {path}",
)
MSG_READ_ONLY = define(
    "db.read_only",
    zh="数据库文件或其所在文件夹是只读的，无法保存：{path}",
    en="The database file or its folder is read-only, so nothing can be saved: {path}",
)
MSG_WRITE_READ_ONLY = define(
    "db.write_read_only",
    zh="数据库以只读方式打开，不能保存修改。",
    en="The database is open read-only; changes cannot be saved.",
)
MSG_IN_USE = define(
    "db.in_use",
    zh="数据库正被另一个程序使用（进程 {pid}，{program}，计算机 {host}，自 {since} 起）：{path}",
    en="The database is in use by another program (process {pid}, {program}, host {host}, since {since}): {path}",
)
MSG_MOMENT = define(
    "db.moment", zh="{year}年{month}月{day}日 {time}", en="{year}-{month:0>2}-{day:0>2} {time}"
)
MSG_BUSY = define(
    "db.busy",
    zh="数据库被其他连接锁定，等待 {seconds} 秒后仍未释放：{path}",
    en="The database is locked by another connection and was not released within {seconds} s: {path}",
)
MSG_NEWER = define(
    "db.newer",
    zh="此数据库由更新版本的程序写入（含未知的升级步骤 {names}），请使用新版程序打开：{path}",
    en="This database was written by a newer version of the program (unknown steps {names}); "
    "open it with the newer version: {path}",
)
MSG_NEEDS_UPGRADE_RO = define(
    "db.needs_upgrade_read_only",
    zh="此数据库需要升级后才能使用，但它以只读方式打开：{path}",
    en="This database must be upgraded before use, but it is open read-only: {path}",
)
MSG_FOLDER_MISSING = define(
    "db.folder_missing",
    zh="数据库所在的文件夹不存在：{folder}",
    en="The folder for the database does not exist: {folder}",
)
MSG_FILE_MISSING = define(
    "db.file_missing",
    zh="数据库文件不存在：{path}",
    en="The database file does not exist: {path}",
)
MSG_NOT_A_FILE = define(
    "db.not_a_file",
    zh="这不是一个文件：{path}",
    en="This is not a file: {path}",
)
MSG_DISK_FULL = define(
    "db.disk_full",
    zh="磁盘已满，未能保存。请腾出空间后重试：{path}",
    en="The disk is full; nothing was saved. Free some space and try again: {path}",
)
MSG_IO = define(
    "db.io_error",
    zh="读写数据库时出错：{detail}",
    en="Error reading or writing the database: {detail}",
)
MSG_SERVER = define(
    "db.server",
    zh="无法连接数据库服务器 {where}：{detail}",
    en="Cannot connect to the database server {where}: {detail}",
)


def moment_text(stamp: str) -> Message | str:
    """An ISO time ("2026-12-05T12:19:40") as the user reads one: 2026年12月5日 12:19."""
    try:
        when = datetime.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return MSG_MOMENT(year=when.year, month=when.month, day=when.day, time=when.strftime("%H:%M"))


def default_database_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "ledger.sqlite3"


def is_server_url(target: str | os.PathLike[str] | None) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


@dataclass
class Ledger:
    """An open ledger database: the connection, where it is, and who is working on it."""

    db: peewee.Database
    target: str
    path: Path | None  # the SQLite file; None for a server
    read_only: bool = False
    operator: str = field(
        default_factory=lambda: os.environ.get("USER") or os.environ.get("USERNAME") or ""
    )
    group_id: object | None = None
    lock: FileLock | None = None
    # What the services read once per write transaction (cached()): an import checks thousands of rows
    # against the group's members, its party groups and the calendar's corrections. Dropped when the
    # outermost transaction ends and when one fails; whoever writes what a memo holds forgets it (or
    # updates it), so a memo is never older than the transaction.
    _memos: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _depth: int = field(default=0, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return str(self.path)
        parts = urllib.parse.urlsplit(self.target)
        return f"{parts.scheme}://{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}{parts.path}"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write: BEGIN IMMEDIATE on SQLite (set on the connection), all or nothing, driver errors
        turned into the user's world."""
        if self.read_only:
            raise errors.DatabaseReadOnlyError(MSG_WRITE_READ_ONLY())
        self._depth += 1
        try:
            with translate_errors(self), self.db.atomic():
                yield
        except BaseException:
            self._memos.clear()  # a rolled-back savepoint may have held writes they count
            raise
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._memos.clear()

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def cached(self, key: Hashable, load: Callable[[], T]) -> T:
        """``load()``, read once and kept under ``key`` until the write transaction ends (outside one,
        read every time: nothing tells a reader what other programs write)."""
        if not self.in_transaction:
            return load()
        try:
            return self._memos[key]
        except KeyError:
            value = self._memos[key] = load()
            return value

    def forget(self, *keys: Hashable) -> None:
        """Drop memos whose source was written; they are read again when next needed."""
        for key in keys:
            self._memos.pop(key, None)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def translate_errors(ledger: Ledger | None, path: str = "") -> Iterator[None]:
    """Turn what the driver raises about the file or the server into the errors the user can act on."""
    where = path or (ledger.display_name if ledger is not None else "")
    try:
        yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        raise _user_error(exc, where) from exc


def _user_error(exc: Exception, where: str) -> Exception:
    text = str(exc).lower()
    if "database or disk is full" in text or "no space left" in text:
        return errors.DiskFullError(MSG_DISK_FULL(path=where))
    if "readonly database" in text or "read-only" in text:
        return errors.DatabaseReadOnlyError(MSG_READ_ONLY(path=where))
    if "database is locked" in text or "database is busy" in text:
        return errors.DatabaseBusyError(MSG_BUSY(path=where, seconds=int(BUSY_TIMEOUT_SECONDS)))
    if "file is not a database" in text or "malformed" in text or "file is encrypted" in text:
        return errors.DatabaseDamagedError(MSG_DAMAGED(path=where))
    if "disk i/o error" in text:
        return errors.DatabaseDamagedError(MSG_IO(detail=str(exc)))
    if isinstance(exc, peewee.IntegrityError | sqlite3.IntegrityError):
        return exc  # integrity problems are bugs of validation: keep them loud
    return exc


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    backup: bool = True,
    create: bool = True,
) -> Ledger:
    """Open (creating and migrating as needed) the ledger at a file path or a postgresql:// URL.

    Raises a DatabaseOpenError subclass, with a message for the user, for every problem of the user's
    world: damaged, not a ledger, read-only, in use, locked, newer, missing folder, server unreachable.
    """
    if is_server_url(target):
        ledger = _open_postgres(str(target), read_only=read_only)
    else:
        ledger = _open_sqlite(target, read_only=read_only, create=create)
    try:
        _migrate(ledger, backup=backup)
        first = WorkGroup.select(WorkGroup.id).order_by(WorkGroup.created_at, WorkGroup.id).first()
        ledger.group_id = first.id if first is not None else None
    except BaseException:
        ledger.close()
        raise
    return ledger


def _open_sqlite(target: str | os.PathLike[str] | None, *, read_only: bool, create: bool) -> Ledger:
    if target is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        path = Path(target).expanduser().absolute()
    if not path.parent.is_dir():
        raise errors.DatabaseFolderMissingError(MSG_FOLDER_MISSING(folder=str(path.parent)))
    exists = path.exists()
    if exists and not path.is_file():
        raise errors.DatabaseOpenError(MSG_NOT_A_FILE(path=str(path)))
    if not exists and (read_only or not create):
        raise errors.DatabaseOpenError(MSG_FILE_MISSING(path=str(path)))
    if exists:
        try:
            with open(path, "rb") as fh:
                header = fh.read(len(SQLITE_HEADER))
        except PermissionError as exc:
            raise errors.DatabaseReadOnlyError(MSG_READ_ONLY(path=str(path))) from exc
        if header and header != SQLITE_HEADER:
            raise errors.DatabaseDamagedError(MSG_DAMAGED(path=str(path)))
    if not read_only and (
        (exists and not os.access(path, os.W_OK)) or not os.access(path.parent, os.W_OK)
    ):
        raise errors.DatabaseReadOnlyError(MSG_READ_ONLY(path=str(path)))

    lock = None
    if not read_only:
        lock = FileLock(path)
        try:
            lock.acquire()
        except LockHeld as held:
            owner = held.owner
            raise errors.DatabaseInUseError(
                MSG_IN_USE(
                    path=str(path),
                    pid=owner.get("pid", "?"),
                    program=owner.get("program", "?"),
                    host=owner.get("host", "?"),
                    since=moment_text(owner.get("since", "?")),
                )
            ) from None

    if read_only:
        # mode=ro refuses every write at the driver; WAL readers still need the -shm file, which a
        # read-only folder cannot hold, so fall back to immutable there.
        flags = "mode=ro" if os.access(path.parent, os.W_OK) else "immutable=1"
        db = SqliteDatabase(
            f"file:{urllib.parse.quote(str(path))}?{flags}",
            uri=True,
            pragmas=[("foreign_keys", 1), ("busy_timeout", int(BUSY_TIMEOUT_SECONDS * 1000))],
            timeout=BUSY_TIMEOUT_SECONDS,
        )
    else:
        db = SqliteDatabase(
            str(path),
            pragmas=[
                ("busy_timeout", int(BUSY_TIMEOUT_SECONDS * 1000)),
                ("journal_mode", "wal"),
                # FULL: a save is on disk when it returns. (Never synchronous=0: it risks corruption.)
                ("synchronous", "full"),
                ("foreign_keys", 1),
            ],
            timeout=BUSY_TIMEOUT_SECONDS,
            lock_type="IMMEDIATE",
        )
    ledger = Ledger(db=db, target=str(path), path=path, read_only=read_only, lock=lock)
    try:
        with translate_errors(ledger):
            db.connect()
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        ledger.close()
        raise
    database_proxy.initialize(db)
    return ledger


def _open_postgres(url: str, *, read_only: bool) -> Ledger:
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    db = PostgresqlDatabase(
        urllib.parse.unquote(parts.path.lstrip("/")) or None,
        user=urllib.parse.unquote(parts.username) if parts.username else None,
        password=urllib.parse.unquote(parts.password) if parts.password else None,
        host=query.pop("host", None) or parts.hostname,
        port=query.pop("port", None) or parts.port,
        connect_timeout=int(query.pop("connect_timeout", "10")),
        **query,
    )
    ledger = Ledger(db=db, target=url, path=None, read_only=read_only)
    try:
        db.connect()
        if read_only:
            db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    except peewee.OperationalError as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise errors.DatabaseServerError(
            MSG_SERVER(where=ledger.display_name, detail=detail)
        ) from None
    database_proxy.initialize(db)
    return ledger


def _migrate(ledger: Ledger, *, backup: bool) -> None:
    db = ledger.db
    with translate_errors(ledger):
        runner = Runner(db, str(MIGRATIONS_DIR))
        tables = set(db.get_tables())
        if tables and runner.History._meta.table_name not in tables:
            raise errors.DatabaseDamagedError(MSG_NOT_LEDGER(path=ledger.display_name))
        status = runner.status()
        unknown = [m.name for m in status if m.path is None]
        if unknown:
            raise errors.DatabaseNewerError(
                MSG_NEWER(path=ledger.display_name, names=", ".join(sorted(unknown)))
            )
        pending = [m for m in status if not m.applied]
        if not pending:
            return
        if ledger.read_only:
            raise errors.DatabaseReadOnlyError(MSG_NEEDS_UPGRADE_RO(path=ledger.display_name))
        if tables and backup and ledger.is_sqlite:
            from db.backup import take_backup  # backup imports this module

            take_backup(ledger, reason="before-upgrade")
        if ledger.is_sqlite:
            runner.up()
        else:
            # Several programs may connect to one server at once: let one of them migrate.
            db.execute_sql("SELECT pg_advisory_lock(%s)", (_PG_MIGRATION_LOCK,))
            try:
                runner.up()
            finally:
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (_PG_MIGRATION_LOCK,))


_PG_MIGRATION_LOCK = 0x6C656467  # "ledg"


def latest_schema() -> str:
    return max(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
