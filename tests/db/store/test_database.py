"""Opening the ledger: pragmas, migrations, the one-program lock, and each user-world error."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import peewee
import pytest
from playhouse.schema_diff import diff_models

from db.common import errors
from db.services.members import members
from db.store.database import latest_schema, open_database
from db.store.ledger import MIGRATIONS_DIR, Ledger, user_error
from db.store.models import ALL_MODELS, Member, WorkGroup

SHIPPED_MIGRATIONS = sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


def test_new_file_is_migrated_with_safe_pragmas(tmp_path: Path) -> None:
    ledger = open_database(tmp_path / "new.sqlite3")
    try:
        db = ledger.db
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
        applied = [r[0] for r in db.execute_sql("SELECT name FROM schema_migration")]
        assert applied == SHIPPED_MIGRATIONS and applied[-1] == latest_schema()
    finally:
        ledger.close()


def test_migrated_schema_matches_the_models(empty_ledger) -> None:
    # The frozen first migration and today's models describe the same tables, columns and indexes.
    diff = diff_models(empty_ledger.db, list(ALL_MODELS))
    assert not diff, diff


def test_writes_begin_immediate(tmp_path: Path) -> None:
    ledger = open_database(tmp_path / "x.sqlite3")
    try:
        other = sqlite3.connect(tmp_path / "x.sqlite3", timeout=0.1)
        with ledger.transaction():
            WorkGroup.create(name="组")
            # BEGIN IMMEDIATE took the write lock before the first write: a second writer must wait.
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.close()
    finally:
        ledger.close()


def test_second_program_on_the_same_file_is_refused_with_its_process(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    open_database(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(Path.cwd())!r})
            from db.store.database import open_database
            ledger = open_database({str(path)!r})
            print("open", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(errors.DatabaseInUseError) as caught:
            open_database(path)
        assert str(holder.pid) in caught.value.text("zh")
        assert "另一个程序" in caught.value.text("zh")
        assert str(holder.pid) in caught.value.text("en")
        # Since when, as the user reads a time: not "2026-12-05T12:19:40".
        assert re.search(r"自 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 起", caught.value.text("zh"))
        assert re.search(r"since \d{4}-\d\d-\d\d \d\d:\d\d\)", caught.value.text("en"))
    finally:
        holder.communicate("\n", timeout=30)
    open_database(path).close()  # released when the other program ended


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_the_lock_follows_the_file_not_the_spelling_of_its_path(tmp_path: Path) -> None:
    real = tmp_path / "real" / "ledger.sqlite3"
    real.parent.mkdir()
    (tmp_path / "other").mkdir()
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    (tmp_path / "folder-link").symlink_to(real.parent, target_is_directory=True)
    with open_database(real):
        for spelling in (
            link,
            tmp_path / "folder-link" / "ledger.sqlite3",
            tmp_path / "other" / ".." / "real" / "ledger.sqlite3",
        ):
            with pytest.raises(errors.DatabaseInUseError):
                open_database(spelling)
    with open_database(link), pytest.raises(errors.DatabaseInUseError):
        open_database(real)
    assert sorted(p.name for p in real.parent.iterdir() if p.suffix == ".lock") == [
        "ledger.sqlite3.lock"
    ]
    assert not (tmp_path / "link.sqlite3.lock").exists()


def test_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库\n" * 100, encoding="utf-8")
    with pytest.raises(errors.DatabaseDamagedError) as caught:
        open_database(path)
    assert "损坏" in str(caught.value)
    assert path.read_text(encoding="utf-8").startswith("这不是数据库")  # nothing written


def test_truncated_database_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "cut.sqlite3"
    open_database(path).close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\0" * 50)
    with pytest.raises(errors.DatabaseDamagedError):
        open_database(path)


def test_sqlite_file_of_another_program_is_not_a_ledger(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    with pytest.raises(errors.DatabaseDamagedError) as caught:
        open_database(path)
    assert "不是本程序的台账" in str(caught.value)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(errors.DatabaseFolderMissingError) as caught:
        open_database(tmp_path / "no" / "such" / "ledger.sqlite3")
    assert "文件夹不存在" in str(caught.value)
    assert not (tmp_path / "no").exists()


def test_read_only_file_is_refused_for_writing(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "ro.sqlite3"
    open_database(path).close()
    real_access = __import__("os").access
    # The tests may run as root, for whom chmod does not stop writes; ask as an ordinary user would.
    monkeypatch.setattr(
        "db.store.database.os.access",
        lambda p, mode: False if Path(p) == path else real_access(p, mode),
    )
    with pytest.raises(errors.DatabaseReadOnlyError) as caught:
        open_database(path)
    assert "只读" in str(caught.value)
    assert "open_read_only" in caught.value.way_out


def test_open_read_only_reads_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "甲"
        from db.services.groups import work_groups

        work_groups.create_group(ledger, {"name": "只读测试组"})
    with open_database(path, read_only=True) as ledger:
        assert WorkGroup.get().name == "只读测试组"
        with pytest.raises(errors.DatabaseReadOnlyError), ledger.transaction():
            WorkGroup.create(name="不应保存")
        # even bypassing our own check, the driver refuses and we say so in the user's words
        with pytest.raises(errors.DatabaseReadOnlyError):
            from db.store.ledger import translate_errors

            with translate_errors(ledger):
                WorkGroup.create(name="不应保存")
        assert WorkGroup.select().count() == 1


def test_locked_file_reports_busy(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "busy.sqlite3"
    open_database(path).close()
    monkeypatch.setattr("db.store.database.BUSY_TIMEOUT_SECONDS", 0.2)
    other = sqlite3.connect(path)
    other.execute("PRAGMA journal_mode=DELETE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(errors.DatabaseBusyError) as caught:
            open_database(path)
        assert "锁定" in str(caught.value)
    finally:
        other.rollback()
        other.close()


def test_newer_version_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO schema_migration (name, applied) VALUES ('0999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(errors.DatabaseNewerError) as caught:
        open_database(path)
    assert "更新版本" in str(caught.value)
    assert "newer version" in caught.value.text("en")


def test_pending_migration_runs_after_a_backup(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for src in MIGRATIONS_DIR.glob("[0-9]*.py"):
        (migrations / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (migrations / "0002_add_motto.py").write_text(
        textwrap.dedent("""
        from peewee import CharField

        def up(migrator, db):
            migrator.migrate(migrator.add_column("work_group", "motto", CharField(default="")))
    """),
        encoding="utf-8",
    )
    monkeypatch.setattr("db.store.database.MIGRATIONS_DIR", migrations)
    with open_database(path) as ledger:
        columns = [c.name for c in ledger.db.get_columns("work_group")]
    assert "motto" in columns
    backups = list((tmp_path / "backups").glob("old-*-before-upgrade.sqlite3"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert "motto" not in [r[1] for r in conn.execute("PRAGMA table_info(work_group)")]
    conn.close()


def test_failed_migration_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.sqlite3"
    open_database(path).close()
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for src in MIGRATIONS_DIR.glob("[0-9]*.py"):
        (migrations / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (migrations / "0002_broken.py").write_text(
        textwrap.dedent("""
        from peewee import CharField

        def up(migrator, db):
            migrator.migrate(migrator.add_column("work_group", "motto", CharField(default="")))
            raise RuntimeError("half way")
    """),
        encoding="utf-8",
    )
    monkeypatch.setattr("db.store.database.MIGRATIONS_DIR", migrations)
    with pytest.raises(RuntimeError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert "motto" not in [r[1] for r in conn.execute("PRAGMA table_info(work_group)")]
    applied = [r[0] for r in conn.execute("SELECT name FROM schema_migration")]
    assert applied == SHIPPED_MIGRATIONS  # and not the broken one
    conn.close()


@pytest.mark.postgres
def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(errors.DatabaseServerError) as caught:
        open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert "无法连接数据库服务器" in str(caught.value)


def test_the_core_never_imports_qt() -> None:
    code = textwrap.dedent("""
        import importlib, pkgutil, sys
        import db
        for info in pkgutil.walk_packages(db.__path__, "db."):
            importlib.import_module(info.name)
        bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "gui"))
        print(",".join(bad))
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
    assert "db.services.members" not in result.stderr


def test_a_memo_lasts_one_write_transaction(tmp_path: Path) -> None:
    ledger = open_database(tmp_path / "x.sqlite3")
    loads: list[int] = []

    def load() -> int:
        loads.append(len(loads) + 1)
        return loads[-1]

    try:
        assert (ledger.cached("k", load), ledger.cached("k", load)) == (1, 2)  # outside: each time
        with ledger.transaction():
            assert ledger.cached("k", load) == 3
            with ledger.transaction():
                assert ledger.cached("k", load) == 3
            assert ledger.cached("k", load) == 3
            ledger.forget("k", "never read")
            assert ledger.cached("k", load) == 4
            with pytest.raises(RuntimeError), ledger.transaction():
                assert ledger.cached("k", load) == 4
                raise RuntimeError  # the savepoint may have held writes the memo counts
            assert ledger.cached("k", load) == 5
        with ledger.transaction():
            assert ledger.cached("k", load) == 6
    finally:
        ledger.close()


# -- a full disk --------------------------------------------------------------------------------------


def limit_growth(ledger: Ledger, pages: int = 4) -> None:
    """The file may grow by a few pages only: SQLite then fails as on a full disk (SQLITE_FULL)."""
    count = ledger.db.execute_sql("PRAGMA page_count").fetchone()[0]
    ledger.db.execute_sql(f"PRAGMA max_page_count = {count + pages}")


def test_a_full_disk_at_commit_says_so_with_the_folder_and_saves_nothing(
    sqlite_ledger: Ledger,
) -> None:
    before = Member.select().count()
    limit_growth(sqlite_ledger)
    with pytest.raises(errors.DiskFullError) as caught, sqlite_ledger.transaction():
        for number in range(200):
            members.save(sqlite_ledger, {"name": f"成员{number}", "notes": "长" * 2000})
    assert str(caught.value) == (
        f"磁盘已满，未能保存。请在 {sqlite_ledger.path.parent} 所在的磁盘上腾出空间后重试。"
    )
    assert Member.select().count() == before
    # The ledger goes on working once there is room again.
    sqlite_ledger.db.execute_sql("PRAGMA max_page_count = 1073741823")
    members.save(sqlite_ledger, {"name": "腾出空间后"})
    assert Member.select().count() == before + 1
    assert sqlite_ledger.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_driver_error_hidden_behind_a_failed_rollback_is_found() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    try:
        try:
            raise full
        except sqlite3.OperationalError:
            raise peewee.OperationalError("cannot rollback - no transaction is active") from None
    except peewee.OperationalError as exc:
        hidden = exc
    hidden.__context__ = full  # `from None` hides the cause; the context stays, as in peewee
    found = user_error(hidden, "/data/ledger.sqlite3")
    assert isinstance(found, errors.DiskFullError) and "/data" in str(found)
    bug = peewee.OperationalError("no such column: x")
    assert user_error(bug, "/data/ledger.sqlite3") is bug


# -- the server's address and its password -----------------------------------------------------------

MALFORMED_URLS = [
    # a / in the password: libpq reads "ledger" as the host and "Secret99" as the port
    ("postgresql://ledger:Secret99/x@127.0.0.1:5432/db", "端口应是数字"),
    ("postgres://ledger:Secret99@127.0.0.1:abc/db", "端口应是数字"),
    ("postgresql://ledger:Secret99@127.0.0.1:5432/db?foo=bar", "不认识的参数“foo”"),
    (
        "postgresql://ledger:Secret99@127.0.0.1:5432/db?connect_timeout=x",
        "connect_timeout 应是秒数",
    ),
    ("postgresql://ledger:Secret99@127.0.0.1:5432/db?sslmode", "无法解析"),
    ("postgresql://ledger:Sec@ret99@127.0.0.1:5432/db", "无法解析"),  # libpq: host "ret99@127…"
]


@pytest.mark.parametrize(("url", "detail"), MALFORMED_URLS)
def test_a_malformed_server_url_is_one_clear_line_without_the_password(
    url: str, detail: str
) -> None:
    with pytest.raises(errors.DatabaseAddressError) as caught:
        open_database(url)
    text = str(caught.value)
    assert text.startswith("数据库服务器地址写法有误（") and detail in text
    assert "Secret" not in text and "99" not in text and "\n" not in text
    assert caught.value.way_out == ("choose_file",)


@pytest.mark.parametrize("password", ["Sec#ret99", "Sec?ret99", "Sec%40ret99"])
def test_a_password_with_url_characters_reaches_the_server_and_is_never_shown(
    password: str,
) -> None:
    # libpq reads the URL itself: # and ? belong to the password; the server is out of reach here.
    url = f"postgresql://ledger:{password}@127.0.0.1:1/db?connect_timeout=2"
    with pytest.raises(errors.DatabaseServerError) as caught:
        open_database(url)
    text = str(caught.value)
    assert text.startswith("无法连接数据库服务器 postgresql://ledger@127.0.0.1:1/db：")
    assert "ret99" not in text


@pytest.mark.postgres
def test_libpq_finds_the_password_in_pgpass_a_service_file_or_pgpassword(
    pg_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.password_login("secretary", "Pa:ss@w#rd")
    host, port = url.split("@", 1)[1].split("/", 1)[0].split(":")
    database = url.rsplit("/", 1)[1]
    for variable in ("PGPASSWORD", "PGPASSFILE", "PGSERVICEFILE", "PGSERVICE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))

    with pytest.raises(errors.DatabasePasswordError) as caught:
        open_database(url)
    assert str(caught.value) == f"数据库服务器要求输入密码：{url}"
    assert caught.value.way_out == ("enter_password", "choose_file")
    with pytest.raises(errors.DatabasePasswordError) as caught:
        open_database(url, password="wrong")
    assert "拒绝了用户名或密码" in str(caught.value) and "wrong" not in str(caught.value)

    open_database(url, password="Pa:ss@w#rd").close()  # typed in the window

    monkeypatch.setenv("PGPASSWORD", "Pa:ss@w#rd")  # for scripts
    open_database(url).close()
    monkeypatch.delenv("PGPASSWORD")

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{host}:{port}:{database}:secretary:Pa\\:ss@w#rd\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    open_database(url).close()

    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[ledger]\nhost={host}\nport={port}\ndbname={database}\nuser=secretary\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with open_database("postgresql:///?service=ledger") as ledger:
        assert ledger.display_name == "postgresql:// (service=ledger)"
        assert WorkGroup.select().count() == 0


def test_an_empty_file_opened_to_read_is_called_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(errors.DatabaseDamagedError) as caught:
        open_database(empty, read_only=True)
    assert str(caught.value) == f"数据库文件是空的（0 字节），里面没有台账：{empty}"
    assert empty.read_bytes() == b""  # nothing written


def test_a_file_without_read_permission_says_so_with_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.sqlite3"
    open_database(path).close()
    real_open = open

    def no_permission(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    # (The tests may run as root, whom chmod does not stop: the refusal is the system's answer.)
    monkeypatch.setattr("db.store.database.open", no_permission, raising=False)
    for read_only in (True, False):
        with pytest.raises(errors.DatabaseOpenError) as caught:
            open_database(path, read_only=read_only)
        assert str(caught.value) == f"没有读取此数据库文件的权限：{path}"
        assert not isinstance(caught.value, errors.DatabaseReadOnlyError)


def test_migration_0002_dates_the_issues_already_exported(tmp_path: Path) -> None:
    """A ledger from before issues kept their date: an exported issue keeps the day it was produced
    (what its masthead said), the others get the first working day after their month when used."""
    import datetime

    from db.documents.bulletin import bulletin_data
    from db.services.bulletins import bulletins
    from db.services.groups import work_groups
    from db.store.models import BulletinIssue

    path = tmp_path / "old.sqlite3"
    with open_database(path) as ledger:
        work_groups.create_group(ledger, {"name": "测试工作组", "term_start": "2025-01-01"})
        exported = bulletins.issue_for_month(ledger, 2025, 3)
        bulletins.mark_produced(ledger, exported.id, datetime.datetime(2025, 4, 7, 16, 30))
        bulletins.issue_for_month(ledger, 2025, 4)
    conn = sqlite3.connect(path)  # back to the schema of 0001
    conn.execute("ALTER TABLE bulletin_issue DROP COLUMN issue_date")
    conn.execute("DELETE FROM schema_migration WHERE name = '0002_bulletin_issue_date'")
    conn.commit()
    conn.close()
    with open_database(path) as ledger:
        dates = {i.month.month: i.issue_date for i in BulletinIssue.select()}
        assert dates == {3: datetime.date(2025, 4, 7), 4: None}
        assert bulletin_data(ledger, 2025, 4).date == datetime.date(2025, 5, 6)  # after 劳动节
        assert bulletins.find(ledger, 2025, 4).issue_date == datetime.date(2025, 5, 6)
