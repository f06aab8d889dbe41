"""main.py as the secretary runs it: exit status, the one line on stderr, and never a traceback for a
problem of the user's world."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db.services.groups import work_groups
from db.services.members import members
from db.store.database import open_database
from db.store.models import Member
from tests.conftest import add_member

ROOT = Path(__file__).resolve().parents[1]


def run_main(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run main.py (or a snippet that imports it) from the project folder, as `uv run main.py` does."""
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "main.py", *args]
    return subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    """A closed ledger file with its work group and one member, 张三."""
    path = tmp_path / "ledger.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "测试员"
        work_groups.create_group(ledger, {"name": "测试工作组", "term_start": "2025-01-01"})
        add_member(ledger, "张三")
    return path


# -- check ----------------------------------------------------------------------------------------


def test_check_on_a_fresh_ledger_passes(ledger_file: Path) -> None:
    result = run_main("check", "--db", str(ledger_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["检查完毕：数据库完好，记录一致。"]
    assert result.stderr == ""


def test_check_reports_each_problem_and_exits_1(ledger_file: Path) -> None:
    with open_database(ledger_file):
        Member.update(term_start="2025-06-01", term_end="2025-05-01").execute()
    result = run_main("check", "--db", str(ledger_file))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "错误：成员 张三 的挂职结束日期 2025-05-01 早于开始日期 2025-06-01",
        "检查完毕：1 个错误，0 个警告，0 条提示。",
    ]


def test_check_changes_nothing_and_runs_beside_the_open_window(ledger_file: Path) -> None:
    before = ledger_file.read_bytes()
    with open_database(ledger_file):  # holds the one-program lock, as the window does
        result = run_main("check", "--db", str(ledger_file))
    assert result.returncode == 0, result.stderr
    assert ledger_file.read_bytes() == before


def test_check_on_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("会议记录\n" * 50, encoding="utf-8")
    result = run_main("check", "--db", str(path))
    assert result.returncode == 2
    assert one_error_line(result) == f"错误：数据库文件已损坏或不是数据库文件：{path}"
    assert path.read_text(encoding="utf-8").startswith("会议记录")


def test_check_with_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "ledger.sqlite3"
    result = run_main("check", "--db", str(path))
    assert result.returncode == 2
    assert one_error_line(result) == f"错误：数据库所在的文件夹不存在：{path.parent}"
    assert not path.parent.exists()


def test_check_of_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    result = run_main("check", "--db", str(path))
    assert result.returncode == 2
    assert one_error_line(result) == f"错误：数据库文件不存在：{path}"
    assert not path.exists()


def test_check_of_a_file_from_a_newer_version(ledger_file: Path) -> None:
    conn = sqlite3.connect(ledger_file)
    conn.execute(
        "INSERT INTO schema_migration (name, applied) VALUES ('0999_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    result = run_main("check", "--db", str(ledger_file))
    assert result.returncode == 2
    assert "更新版本" in one_error_line(result)


def test_unreachable_server() -> None:
    result = run_main("check", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert result.returncode == 2
    assert one_error_line(result).startswith(
        "错误：无法连接数据库服务器 postgresql://nobody@127.0.0.1:1/none："
    )


def test_english_messages(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 50, encoding="utf-8")
    expected = f"Error: The database file is damaged or is not a database: {path}"
    for args in (
        ("--lang", "en", "check", "--db", str(path)),
        ("check", "--db", str(path), "--lang", "en"),
        ("--lang=en", "check", "--db", str(path)),
    ):
        result = run_main(*args)
        assert result.returncode == 2
        assert one_error_line(result) == expected


def test_subcommands_leave_qt_unloaded(ledger_file: Path) -> None:
    code = textwrap.dedent("""
        import sys
        import main
        status = main.main(sys.argv[1:])
        print(status, sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "gui")))
    """)
    result = run_main("check", "--db", str(ledger_file), code=code)
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr


@pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")
def test_uv_run_prints_only_the_programs_own_output() -> None:
    # `uv run main.py` is how the README starts the program: uv itself must say nothing (with
    # [tool.uv] compile-bytecode it printed "Bytecode compiled 1443 files" at every command).
    uv = shutil.which("uv")
    assert uv is not None
    result = subprocess.run(
        [uv, "run", "--frozen", "--offline", "main.py", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "usage: main.py" in result.stdout


# -- backup and restore ---------------------------------------------------------------------------


def test_backup_then_restore(ledger_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "my backups"
    result = run_main("backup", "--db", str(ledger_file), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    (backup,) = folder.glob("ledger-*-manual.sqlite3")
    assert result.stdout.splitlines() == [f"已备份到：{backup}"]

    with open_database(ledger_file) as ledger:
        ledger.operator = "测试员"
        zhang = Member.get(Member.name == "张三")
        members.save(ledger, {"name": "张三丰"}, record_id=zhang.id)
        add_member(ledger, "李四")

    result = run_main("restore", "--db", str(ledger_file), str(backup))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    (safety,) = (ledger_file.parent / "backups").glob("ledger-*-before-restore.sqlite3")
    assert result.stdout.splitlines() == [
        f"已用备份 {backup} 恢复数据库 {ledger_file}；恢复前的数据已另存为 {safety}"
    ]
    with open_database(ledger_file):
        assert [(m.id, m.name) for m in Member.select()] == [(zhang.id, "张三")]


def test_backup_follows_the_folder_of_the_settings(ledger_file: Path, tmp_path: Path) -> None:
    from db.services import settings

    with open_database(ledger_file) as ledger:
        ledger.operator = "测试员"
        settings.put(ledger, "backup_folder", str(tmp_path / "set in settings"))
    result = run_main("backup", "--db", str(ledger_file))
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "set in settings").glob("ledger-*.sqlite3"))) == 1


def test_backup_into_a_folder_that_cannot_be_made(ledger_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    result = run_main("backup", "--db", str(ledger_file), "--to", str(blocker / "backups"))
    assert result.returncode == 2
    assert one_error_line(result).startswith(f"错误：无法读写 {blocker / 'backups'}")


def test_restore_of_a_missing_file(ledger_file: Path, tmp_path: Path) -> None:
    before = ledger_file.read_bytes()
    missing = tmp_path / "missing.sqlite3"
    result = run_main("restore", "--db", str(ledger_file), str(missing))
    assert result.returncode == 2
    assert one_error_line(result) == f"错误：备份文件不存在：{missing}"
    assert ledger_file.read_bytes() == before


def test_restore_while_the_window_has_the_file(ledger_file: Path, tmp_path: Path) -> None:
    result = run_main("backup", "--db", str(ledger_file), "--to", str(tmp_path / "b"))
    (backup,) = (tmp_path / "b").glob("*.sqlite3")
    with open_database(ledger_file):
        result = run_main("restore", "--db", str(ledger_file), str(backup))
    assert result.returncode == 2
    assert f"进程 {os.getpid()}" in one_error_line(result)


def test_restore_on_a_server_is_refused() -> None:
    result = run_main("restore", "--db", "postgresql://h/db", "x.sqlite3", "--lang", "en")
    assert result.returncode == 2
    assert "restores local files only" in one_error_line(result)


# -- demo -----------------------------------------------------------------------------------------


def test_demo_before_db_demo_exists_says_so_in_one_line(tmp_path: Path) -> None:
    code = textwrap.dedent("""
        import sys
        sys.modules["db.exchange.demo"] = None  # as if db/exchange/demo.py were not there
        import main
        sys.exit(main.main(sys.argv[1:]))
    """)
    path = tmp_path / "demo.sqlite3"
    result = run_main("demo", "--db", str(path), code=code)
    assert result.returncode == 2
    assert "db/exchange/demo.py" in one_error_line(result)
    assert not path.exists()


def test_demo_year_must_be_a_year(tmp_path: Path) -> None:
    result = run_main("demo", "--db", str(tmp_path / "d.sqlite3"), "--year", "25")
    assert result.returncode == 2
    assert "年份应为 2000 到 2100 之间的四位数" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    importlib.util.find_spec("db.exchange.demo") is None,
    reason="db/exchange/demo.py is not written yet",
)
def test_demo_then_check_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    result = run_main("demo", "--db", str(path), "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"已在 {path} 中生成 2025 年的演示数据。"]
    result = run_main("check", "--db", str(path))
    assert (result.returncode, result.stdout.splitlines()) == (
        0,
        ["检查完毕：数据库完好，记录一致。"],
    )


# -- a full disk --------------------------------------------------------------------------------------

# main.py with every ledger it opens allowed to grow by a few pages only: SQLite then fails as it does
# on a full disk (SQLITE_FULL), at a statement or at COMMIT.
ON_A_FULL_DISK = textwrap.dedent("""
    import sys
    import db.store.database
    import main

    opened = db.store.database.open_database

    def open_nearly_full(*args, **kwargs):
        ledger = opened(*args, **kwargs)
        pages = ledger.db.execute_sql("PRAGMA page_count").fetchone()[0]
        ledger.db.execute_sql(f"PRAGMA max_page_count = {pages + 4}")
        return ledger

    db.store.database.open_database = open_nearly_full
    sys.exit(main.main(sys.argv[1:]))
""")


def test_demo_on_a_full_disk_exits_2_with_one_line_naming_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "demo.sqlite3"
    result = run_main("demo", "--db", str(target), code=ON_A_FULL_DISK)
    assert result.returncode == 2
    assert one_error_line(result) == (
        f"错误：磁盘已满，未能保存。请在 {tmp_path} 所在的磁盘上腾出空间后重试。"
    )
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 0
    conn.close()


def test_an_import_that_fails_on_the_disk_exits_2_not_1(ledger_file: Path, tmp_path: Path) -> None:
    roster = tmp_path / "花名册.csv"
    rows = "".join(f"成员{n},2025-03-01,{'备注' * 900}\n" for n in range(60))
    roster.write_text("姓名,挂职开始日期,备注\n" + rows, encoding="utf-8")
    result = run_main("import", "--db", str(ledger_file), str(roster), code=ON_A_FULL_DISK)
    assert result.returncode == 2, result.stdout
    assert one_error_line(result).startswith("错误：磁盘已满，未能保存。")
    with open_database(ledger_file):
        assert Member.select().count() == 1  # all or nothing


# -- the server's address ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://ledger:Secret99/x@127.0.0.1:5432/db",
        "postgresql://ledger:Secret99@127.0.0.1:5432/db?foo=bar",
        "postgresql://ledger:Secret99@127.0.0.1:5432/db?connect_timeout=x",
    ],
)
def test_a_malformed_server_url_is_one_line_without_the_password(url: str) -> None:
    result = run_main("check", "--db", url)
    assert result.returncode == 2
    line = one_error_line(result)
    assert line.startswith("错误：数据库服务器地址写法有误（")
    assert "Secret" not in line and "99" not in line


def test_backup_of_a_damaged_file_says_so_and_exits_2(ledger_file: Path, tmp_path: Path) -> None:
    from tests.db.store.test_backup import damage

    folder = tmp_path / "备份"
    assert run_main("backup", "--db", str(ledger_file), "--to", str(folder)).returncode == 0
    [good] = folder.iterdir()
    damage(ledger_file)
    result = run_main("backup", "--db", str(ledger_file), "--to", str(folder))
    assert result.returncode == 2 and "已备份到" not in result.stdout
    line = one_error_line(result)
    assert line.startswith("错误：数据库文件已损坏（") and f"最近一个完好的备份是 {good}" in line
    assert sorted(p.name for p in folder.iterdir()) == sorted([good.name, "damaged"])
