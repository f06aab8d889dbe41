"""open_database(): where the ledger lives — SQLite file or PostgreSQL server — with pragmas, lock,
migrations and the automatic backup; and the translation of driver errors into the user's world."""

from __future__ import annotations

import contextlib
import os
import re
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
from db.errors import LedgerError
from db.locking import FileLock, LockHeld
from db.messages import define
from db.models import Member, WorkGroup, database_proxy

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


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    backup: bool = True,
    create: bool = True,
    password: str | None = None,
    group: str | None = None,
) -> Ledger:
    """Open (creating and migrating as needed) the ledger at a file path or a postgresql:// URL.

    Raises a DatabaseOpenError subclass, with a message for the user, for every problem of the user's
    world: damaged, not a ledger, read-only, in use, locked, newer, missing folder, server unreachable.
    ``group`` names the work group to work on (a team server's login may reach several); without
    it, the first the login reaches.
    """
    if is_server_url(target):
        ledger = _open_postgres(str(target), read_only=read_only, password=password)
    else:
        ledger = _open_sqlite(target, read_only=read_only, create=create)
    try:
        _migrate(ledger, backup=backup)
        if not ledger.is_sqlite and not ledger.read_only and not _may_write(ledger):
            # The team office's login on a team server reads every group and writes none: the
            # program opens read-only rather than meet the server's refusal at the first save.
            ledger.read_only = True
            ledger.db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        ledger.group_id = choose_group(ledger, group)
    except BaseException:
        ledger.close()
        raise
    return ledger


def visible_groups(ledger: Ledger) -> list[tuple[Any, str]]:
    """The work groups this login reaches (id, name), oldest first: on a team server, the database
    shows each login its own (row-level security); a file holds one, or a few."""
    with translate_errors(ledger):
        query = WorkGroup.select(WorkGroup.id, WorkGroup.name).order_by(
            WorkGroup.created_at, WorkGroup.id
        )
        return list(query.tuples())


def choose_group(ledger: Ledger, name: str | None) -> Any:
    """The id of the group named ``name`` (None: the first this login reaches; None when none)."""
    groups = visible_groups(ledger)
    if name is None:
        return groups[0][0] if groups else None
    wanted = name.strip()
    for group_id, group_name in groups:
        if group_name == wanted or str(group_id) == wanted:
            return group_id
    names = "、".join(n for _i, n in groups) or "—"
    raise errors.NotFoundError(MSG_NO_SUCH_GROUP(name=wanted, names=names))


def _may_write(ledger: Ledger) -> bool:
    """Whether this login may write records (on a team server, a secretary may; the team may not)."""
    with translate_errors(ledger):
        row = ledger.db.execute_sql(
            "SELECT has_table_privilege(current_user, %s, 'INSERT')", (Member._meta.table_name,)
        ).fetchone()
    return bool(row[0])


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
        except PermissionError:
            raise errors.DatabaseOpenError(MSG_NO_READ_PERMISSION(path=str(path))) from None
        if header and header != SQLITE_HEADER:
            raise errors.DatabaseDamagedError(MSG_DAMAGED(path=str(path)))
        if not header and read_only:
            # Opened for writing, an empty file becomes a new ledger (as SQLite makes it one); read,
            # there is nothing in it — which is what the user must hear, not "needs an upgrade".
            raise errors.DatabaseDamagedError(MSG_EMPTY(path=str(path)))
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
                    since=owner.get("since", "?"),
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


def check_server_url(url: str) -> dict[str, str]:
    """libpq's own reading of the URL (the keywords it will use); a DatabaseAddressError, with no
    secret in its message, when it is malformed."""
    where = _redacted(url)
    try:
        params = _parse_dsn(url)
    except ValueError as exc:
        unknown = re.search(r'invalid URI query parameter: "([^"]*)"', str(exc))
        detail = MSG_URL_OPTION(name=unknown.group(1)) if unknown else MSG_URL_UNREADABLE()
        raise errors.DatabaseAddressError(MSG_BAD_URL(where=where, detail=detail)) from None
    if "@" in params.get("host", ""):  # an @ in the password, not written %40
        raise errors.DatabaseAddressError(MSG_BAD_URL(where=where, detail=MSG_URL_UNREADABLE()))
    if not params.get("port", "0").replace(",", "").isdigit():
        raise errors.DatabaseAddressError(MSG_BAD_URL(where=where, detail=MSG_URL_PORT()))
    if not params.get("connect_timeout", "0").strip().isdigit():
        raise errors.DatabaseAddressError(MSG_BAD_URL(where=where, detail=MSG_URL_TIMEOUT()))
    return params


def _open_postgres(url: str, *, read_only: bool, password: str | None = None) -> Ledger:
    # libpq reads the URL itself, so that its own ways of finding a password work: ~/.pgpass,
    # a service file (?service=…), PGPASSWORD, PGSSLMODE… A password typed in the window comes
    # as ``password`` and is kept in memory only.
    params = check_server_url(url)
    extra: dict[str, Any] = {}
    if "connect_timeout" not in params and "PGCONNECT_TIMEOUT" not in os.environ:
        extra["connect_timeout"] = 10
    if password is not None:
        extra["password"] = password
    db = PostgresqlDatabase(_normalised(url), **extra)
    ledger = Ledger(db=db, target=url, path=None, read_only=read_only)
    where = ledger.display_name
    try:
        db.connect()
        if read_only:
            db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    except (peewee.DatabaseError, peewee.InterfaceError) as exc:  # psycopg2's, as peewee wraps them
        db.close()
        raise _server_error(exc, where, params, password) from None
    database_proxy.initialize(db)
    return ledger


def _server_error(
    exc: BaseException, where: str, params: dict[str, str], password: str | None
) -> errors.LedgerError:
    text = str(exc).strip()
    if "no password supplied" in text:
        return errors.DatabasePasswordError(MSG_NEEDS_PASSWORD(where=where))
    if "password authentication failed" in text:
        return errors.DatabasePasswordError(MSG_WRONG_PASSWORD(where=where))
    detail = text.splitlines()[0] if text else type(exc).__name__
    for secret in (params.get("password"), password):
        if secret:
            detail = detail.replace(secret, "***")
    return errors.DatabaseServerError(MSG_SERVER(where=where, detail=detail))


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
            except peewee.DatabaseError as exc:
                # A secretary's login on a team server owns no table: the administrator upgrades.
                if any(getattr(link, "pgcode", None) == "42501" for link in _chain(exc)):
                    raise errors.DatabaseOpenError(
                        MSG_SERVER_NEEDS_UPGRADE(where=ledger.display_name)
                    ) from None
                raise
            finally:
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (_PG_MIGRATION_LOCK,))


_PG_MIGRATION_LOCK = 0x6C656467  # "ledg"


def latest_schema() -> str:
    return max(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
