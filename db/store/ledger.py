"""An open ledger: its connection, where it is and who works on it, and what the driver's errors
mean in the user's world (the messages of files and servers)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import peewee
from platformdirs import user_data_path

from db.common import errors
from db.common.errors import LedgerError
from db.common.messages import define
from db.store.locking import FileLock

APP_NAME = "guazhi-ledger"
BUSY_TIMEOUT_SECONDS = 5.0
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
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


MSG_NO_READ_PERMISSION = define(
    "db.no_read_permission",
    zh="没有读取此数据库文件的权限：{path}",
    en="You have no permission to read this database file: {path}",
)


MSG_EMPTY = define(
    "db.empty",
    zh="数据库文件是空的（0 字节），里面没有台账：{path}",
    en="The database file is empty (0 bytes); there is no ledger in it: {path}",
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
    zh="磁盘已满，未能保存。请在 {folder} 所在的磁盘上腾出空间后重试。",
    en="The disk is full; nothing was saved. Free some space on the disk that holds {folder} "
    "and try again.",
)


MSG_SERVER_DISK_FULL = define(
    "db.server_disk_full",
    zh="数据库服务器的磁盘已满，未能保存。请告知服务器管理员：{where}",
    en="The database server's disk is full; nothing was saved. Tell the server's administrator: "
    "{where}",
)


MSG_IO = define(
    "db.io_error",
    zh="读写数据库时出错：{detail}",
    en="Error reading or writing the database: {detail}",
)


MSG_BAD_URL = define(
    "db.bad_url",
    zh="数据库服务器地址写法有误（{detail}）：{where}。地址的格式为 postgresql://用户@主机:端口/数据库；"
    "密码最好不写在地址里（见说明中的“共享服务器”）",
    en="The database server's address is malformed ({detail}): {where}. The form is "
    "postgresql://user@host:port/database; better keep the password out of it (see “A shared "
    "server” in the README)",
)


MSG_URL_UNREADABLE = define(
    "db.bad_url.unreadable",
    zh="无法解析；密码中的 @ / : ? # 须写成 %40 %2F %3A %3F %23",
    en="it cannot be read; @ / : ? # in a password must be written %40 %2F %3A %3F %23",
)


MSG_URL_PORT = define(
    "db.bad_url.port",
    zh="端口应是数字；密码中的 / 须写成 %2F",
    en="the port must be a number; a / in a password must be written %2F",
)


MSG_URL_OPTION = define(
    "db.bad_url.option",
    zh="不认识的参数“{name}”",
    en="unknown parameter “{name}”",
)


MSG_URL_TIMEOUT = define(
    "db.bad_url.timeout",
    zh="connect_timeout 应是秒数",
    en="connect_timeout must be a number of seconds",
)


MSG_NEEDS_PASSWORD = define(
    "db.needs_password",
    zh="数据库服务器要求输入密码：{where}",
    en="The database server asks for a password: {where}",
)


MSG_WRONG_PASSWORD = define(
    "db.wrong_password",
    zh="数据库服务器拒绝了用户名或密码：{where}",
    en="The database server refused the user name or password: {where}",
)


MSG_NO_PERMISSION = define(
    "db.no_permission",
    zh="数据库服务器不允许此登录名做这项修改（每个登录名只能修改自己工作组的记录，工作队的登录名只能查看）：{where}",
    en="The database server does not let this login make this change (a login changes its own "
    "group's records only; the team's login only reads): {where}",
)


MSG_NO_SUCH_GROUP = define(
    "db.no_such_group",
    zh="没有名为“{name}”的工作组（或此登录名看不到它）。可选：{names}",
    en="There is no work group named “{name}” (or this login cannot see it). There are: {names}",
)


MSG_SERVER_NEEDS_UPGRADE = define(
    "db.server_needs_upgrade",
    zh="服务器上的数据库需要升级后才能使用，此登录名无权升级。请服务器管理员运行：main.py server init --db postgresql://管理员@…（{where}）",
    en="The database on the server must be upgraded before use, and this login may not do it. Ask "
    "the server's administrator to run: main.py server init --db postgresql://ADMIN@… ({where})",
)


MSG_SERVER = define(
    "db.server",
    zh="无法连接数据库服务器 {where}：{detail}",
    en="Cannot connect to the database server {where}: {detail}",
)


def default_database_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "ledger.sqlite3"


def is_server_url(target: str | os.PathLike[str] | None) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


SHARED_CHANNEL = "ledger_shared"
# Every write transaction is announced here too, without the operator's name: a login that reads
# several groups (the team office's 全队概览) hears each group's saves, and those of a group that
# came after it started listening (a group's file merged in).
ALL_CHANNEL = "ledger_all"


def change_channel(group_id: object | None) -> str:
    """The PostgreSQL NOTIFY channel on which a write to this group's records is announced (None:
    the records every group shares, the calendar's corrections): other windows on the same group
    LISTEN on it (db.store.changes)."""
    if group_id is None:
        return SHARED_CHANNEL
    return "ledger_" + "".join(c for c in str(group_id) if c.isalnum())[:48]


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
    # Groups (None: the shared records) whose other windows hear of this write transaction.
    _touched: set[object | None] = field(default_factory=set, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return str(self.path)
        return server_display_name(self.target)

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
                if self._depth == 1:
                    self._announce()
        except BaseException:
            self._memos.clear()  # a rolled-back savepoint may have held writes they count
            raise
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._memos.clear()
                self._touched.clear()

    def touched(self, group_id: object | None) -> None:
        """Say that this write transaction changes records of ``group_id`` (None: the shared
        ones), so that the windows working on them hear of it; the ledger's own group always
        does."""
        self._touched.add(group_id)

    def _announce(self) -> None:
        # On a server, NOTIFY inside the transaction: PostgreSQL delivers it at COMMIT, and not at
        # all on a rollback. A file needs none: other connections see PRAGMA data_version move.
        if self.path is not None:
            return
        # One round trip for every channel, on the path of every save.
        channels = sorted({change_channel(g) for g in self._touched | {self.group_id}})
        calls = ", ".join(["pg_notify(%s, %s)"] * (len(channels) + 1))
        params: list[str] = []
        for channel in channels:
            params += [channel, self.operator or ""]
        params += [ALL_CHANNEL, ""]
        self.db.execute_sql(f"SELECT {calls}", params)

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
    server = ledger is not None and not ledger.is_sqlite and not path
    try:
        yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        raise user_error(exc, where, server=server) from exc


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def user_error(exc: BaseException, where: str, *, server: bool = False) -> BaseException:
    """The user-world error behind a driver error, or ``exc`` itself when it is none (a bug).

    The whole chain is read: when SQLite has rolled a transaction back by itself (a full disk at
    COMMIT), peewee's own ROLLBACK then fails with "cannot rollback - no transaction is active",
    and the real cause is that failure's context."""
    for link in _chain(exc):
        found = _classify(link, where, server=server)
        if found is not None:
            return found
    return exc


def _classify(exc: BaseException, where: str, *, server: bool) -> LedgerError | None:
    if isinstance(exc, errors.LedgerError):
        return exc
    if getattr(exc, "pgcode", None) == "42501":  # insufficient_privilege: the server's own rules
        return errors.ActionRefusedError(MSG_NO_PERMISSION(where=where))
    text = str(exc).lower()
    if "database or disk is full" in text or "no space left" in text or "disk full" in text:
        if server:
            return errors.DiskFullError(MSG_SERVER_DISK_FULL(where=where))
        return errors.DiskFullError(MSG_DISK_FULL(folder=_folder_of(where)))
    if "readonly database" in text or "read-only" in text:
        return errors.DatabaseReadOnlyError(MSG_READ_ONLY(path=where))
    if "database is locked" in text or "database is busy" in text:
        return errors.DatabaseBusyError(MSG_BUSY(path=where, seconds=int(BUSY_TIMEOUT_SECONDS)))
    if "file is not a database" in text or "malformed" in text or "file is encrypted" in text:
        return errors.DatabaseDamagedError(MSG_DAMAGED(path=where))
    if "disk i/o error" in text:
        return errors.DatabaseDamagedError(MSG_IO(detail=str(exc)))
    return None


def _folder_of(where: str) -> str:
    return str(Path(where).parent) if where else ""


def server_display_name(url: str) -> str:
    """The server's address as shown to the user: user, host, port and database, never a password
    (nor a query, which may carry one); readable even when the URL itself is malformed."""
    try:
        params = _parse_dsn(url)
    except ValueError:
        return _redacted(url)
    host = params.get("host", "")
    port = params.get("port", "")
    if (port and not port.replace(",", "").isdigit()) or "@" in host:
        return _redacted(url)
    user = params.get("user", "")
    service = params.get("service", "")
    shown = f"postgresql://{user + '@' if user else ''}{host}{':' + port if port else ''}"
    shown += f"/{params.get('dbname', '')}" if "dbname" in params else ""
    return shown + (f" (service={service})" if service else "")


def _redacted(url: str) -> str:
    """What follows the last @ (the host and database), so that nothing before it — where the
    password is — is shown."""
    scheme, _sep, rest = url.partition("://")
    if "@" in rest:
        rest = "…@" + rest.rsplit("@", 1)[1]
    rest = rest.split("?", 1)[0].split("#", 1)[0]
    return f"{scheme}://{rest}"


def _normalised(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1] if url.startswith("postgres://") else url


def _parse_dsn(url: str) -> dict[str, str]:
    from psycopg2 import Error  # loaded for a server only
    from psycopg2.extensions import parse_dsn

    try:
        return parse_dsn(_normalised(url))
    except Error as exc:
        raise ValueError(str(exc)) from None
