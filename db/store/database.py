"""open_database(): where the ledger lives — SQLite file or PostgreSQL server — with pragmas, lock,
migrations and the backup before a migration."""

from __future__ import annotations

import datetime
import os
import re
import urllib.parse
from pathlib import Path
from typing import Any

import peewee
from peewee import PostgresqlDatabase, SqliteDatabase
from playhouse.migrations import Runner

from db.common import errors
from db.common.messages import Message
from db.store.backup import take_backup
from db.store.ledger import (
    BUSY_TIMEOUT_SECONDS,
    MIGRATIONS_DIR,
    MSG_BAD_URL,
    MSG_DAMAGED,
    MSG_EMPTY,
    MSG_FILE_MISSING,
    MSG_FOLDER_MISSING,
    MSG_IN_USE,
    MSG_MOMENT,
    MSG_NEEDS_PASSWORD,
    MSG_NEEDS_UPGRADE_RO,
    MSG_NEWER,
    MSG_NO_READ_PERMISSION,
    MSG_NO_SUCH_GROUP,
    MSG_NOT_A_FILE,
    MSG_NOT_LEDGER,
    MSG_READ_ONLY,
    MSG_SERVER,
    MSG_SERVER_NEEDS_UPGRADE,
    MSG_URL_OPTION,
    MSG_URL_PORT,
    MSG_URL_TIMEOUT,
    MSG_URL_UNREADABLE,
    MSG_WRONG_PASSWORD,
    SQLITE_HEADER,
    Ledger,
    _chain,
    _normalised,
    _parse_dsn,
    _redacted,
    default_database_path,
    is_server_url,
    translate_errors,
)
from db.store.locking import FileLock, LockHeld
from db.store.models import Member, WorkGroup, database_proxy


def moment_text(stamp: str) -> Message | str:
    """An ISO time ("2026-12-05T12:19:40") as the user reads one: 2026年12月5日 12:19."""
    try:
        when = datetime.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return MSG_MOMENT(year=when.year, month=when.month, day=when.day, time=when.strftime("%H:%M"))


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    backup: bool = True,
    create: bool = True,
    password: str | None = None,
    bind: bool = True,
    group: str | None = None,
) -> Ledger:
    """Open (creating and migrating as needed) the ledger at a file path or a postgresql:// URL.

    ``bind=False`` leaves the models bound where they are: a second ledger read beside the open one
    (a group's file being merged) is queried with ``query.bind(ledger.db)``.

    Raises a DatabaseOpenError subclass, with a message for the user, for every problem of the user's
    world: damaged, not a ledger, read-only, in use, locked, newer, missing folder, server unreachable.
    ``group`` names the work group to work on (a team server's login may reach several); without
    it, the first the login reaches.
    """
    if is_server_url(target):
        ledger = _open_postgres(str(target), read_only=read_only, password=password, bind=bind)
    else:
        ledger = _open_sqlite(target, read_only=read_only, create=create, bind=bind)
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
        return list(query.bind(ledger.db).tuples())


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


def _open_sqlite(
    target: str | os.PathLike[str] | None, *, read_only: bool, create: bool, bind: bool = True
) -> Ledger:
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
    if bind:
        database_proxy.initialize(db)
    return ledger


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


def _open_postgres(
    url: str, *, read_only: bool, password: str | None = None, bind: bool = True
) -> Ledger:
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
    if bind:
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
