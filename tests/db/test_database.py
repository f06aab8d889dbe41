"""Opening the ledger: pragmas, migrations, the one-program lock, and each user-world error."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from playhouse.schema_diff import diff_models

from db import errors
from db.database import MIGRATIONS_DIR, latest_schema, open_database
from db.models import ALL_MODELS, WorkGroup


def test_new_file_is_migrated_with_safe_pragmas(tmp_path: Path) -> None:
    ledger = open_database(tmp_path / "new.sqlite3")
    try:
        db = ledger.db
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
        applied = [r[0] for r in db.execute_sql("SELECT name FROM schema_migration")]
        assert applied == sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
        assert applied[-1] == latest_schema()
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
            from db.database import open_database
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
        "db.database.os.access", lambda p, mode: False if Path(p) == path else real_access(p, mode)
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
            from db.database import translate_errors

            with translate_errors(ledger):
                WorkGroup.create(name="不应保存")
        assert WorkGroup.select().count() == 1


def test_locked_file_reports_busy(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "busy.sqlite3"
    open_database(path).close()
    monkeypatch.setattr("db.database.BUSY_TIMEOUT_SECONDS", 0.2)
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
    for src in Path("db/migrations").glob("[0-9]*.py"):
        (migrations / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (migrations / "0002_add_motto.py").write_text(
        textwrap.dedent("""
        from peewee import CharField

        def up(migrator, db):
            migrator.migrate(migrator.add_column("work_group", "motto", CharField(default="")))
    """),
        encoding="utf-8",
    )
    monkeypatch.setattr("db.database.MIGRATIONS_DIR", migrations)
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
    for src in Path("db/migrations").glob("[0-9]*.py"):
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
    monkeypatch.setattr("db.database.MIGRATIONS_DIR", migrations)
    with pytest.raises(RuntimeError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert "motto" not in [r[1] for r in conn.execute("PRAGMA table_info(work_group)")]
    assert [r[0] for r in conn.execute("SELECT name FROM schema_migration")] == sorted(
        p.stem for p in Path("db/migrations").glob("[0-9]*.py")
    )
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
