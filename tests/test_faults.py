"""The fault suite: the program as a hostile world meets it — killed mid-work, a full disk, a damaged
file, hostile text — and what it must do then: lose nothing it said it saved, leave a whole file and
no leftovers, and say what happened in one clear line."""

from __future__ import annotations

import datetime
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from db.common import errors
from db.exchange import importer
from db.services.groups import work_groups
from db.services.members import MemberService, members
from db.store import backup
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import ALL_MODELS, Member
from tests.conftest import add_member

ROOT = Path(__file__).resolve().parents[1]
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# -- an import meets the disk -------------------------------------------------------------------------


def test_a_storage_failure_in_one_row_stops_the_import_rather_than_refusing_the_row(
    sqlite_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_member(sqlite_ledger, "张三")
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名\n李四\n王五\n", encoding="utf-8")
    cleaned = MemberService.clean

    def clean(self: MemberService, ledger: Ledger, values: Any, current: Any) -> Any:
        if values.get("name") == "王五":
            raise errors.DiskFullError(errors.ERR_INVALID(count=1, first="磁盘已满"))
        return cleaned(self, ledger, values, current)

    monkeypatch.setattr(MemberService, "clean", clean)
    with pytest.raises(errors.DiskFullError):
        importer.commit(sqlite_ledger, roster, clean_only=True)
    assert {m.name for m in Member.select()} == {"张三"}


# -- a child process killed at random points ------------------------------------------------------------

# Runs one operation in a child that SIGKILLs itself at its N-th step: an SQL statement (SQLite's trace
# callback), a page copied by the online backup API, or a file renamed. With N past the last step it
# runs to the end and prints the number of steps it took. No timing is involved: every kill point is
# reproducible from the seed.
KILLED_CHILD = textwrap.dedent("""
    import os, signal, sqlite3, sys
    operation, kill_at, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    args = sys.argv[4:]
    sys.path.insert(0, root)
    steps = 0

    def step(*_ignored):
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return 0

    class Killable(sqlite3.Connection):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self.set_trace_callback(step)

        def backup(self, target, **kwargs):
            super().backup(target, pages=4, progress=lambda *p: step())

    connect = sqlite3.connect
    sqlite3.connect = lambda *a, **k: connect(*a, factory=Killable, **k)
    replace = os.replace
    os.replace = lambda *a, **k: (step(), replace(*a, **k), step())[1]

    from db.store import backup
    from db.exchange import importer
    from db.store.database import open_database
    from db.services.members import members

    if operation == "saves":
        with open_database(args[0]) as ledger:
            for number in range(int(args[1])):
                members.save(ledger, {"name": f"新成员{number}", "notes": "备注" * 200})
                print(f"saved {number}", flush=True)
    elif operation == "import":
        with open_database(args[0]) as ledger:
            importer.commit(ledger, args[1])
    elif operation == "backup":
        with open_database(args[0], read_only=True) as ledger:
            backup.take_backup(ledger, backup.Path(args[1]), reason="manual")
    elif operation == "restore":
        backup.restore_backup(backup.Path(args[0]), backup.Path(args[1]))
    print(f"steps {steps}", flush=True)
""")

KILLS_PER_OPERATION = 4


def run_killed(operation: str, kill_at: int, *args: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, operation, str(kill_at), str(ROOT), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def steps_of(operation: str, *args: Path | str) -> int:
    result = run_killed(operation, 10**9, *args)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.splitlines()[-1].split()[1])


def kill_points(operation: str, steps: int) -> list[int]:
    rng = random.Random(f"{operation}-{steps}")
    return sorted(rng.sample(range(1, steps + 1), min(KILLS_PER_OPERATION, steps)))


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def rows_of(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            model._meta.table_name: sorted(
                conn.execute(f'SELECT * FROM "{model._meta.table_name}"').fetchall(), key=repr
            )
            for model in ALL_MODELS
        }
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.rglob("*") if ".partial" in p.name or ".restoring" in p.name
    )


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "花名册.csv"
    rows = "".join(f"导入成员{n},2025-03-01,{'备注' * 50}\n" for n in range(40))
    path.write_text("姓名,挂职开始日期,备注\n" + rows, encoding="utf-8")
    return path


def a_ledger(path: Path, names: int = 3) -> Path:
    with open_database(path) as ledger:
        ledger.operator = "测试员"
        work_groups.create_group(ledger, {"name": "测试工作组", "term_start": "2025-01-01"})
        for number in range(names):
            add_member(ledger, f"成员{number}")
    return path


@posix_only
def test_killed_while_saving_loses_only_the_record_being_saved(tmp_path: Path) -> None:
    base = a_ledger(tmp_path / "base.sqlite3")
    steps = steps_of("saves", shutil.copy(base, tmp_path / "dry.sqlite3"), 10)
    for kill_at in kill_points("saves", steps):
        path = Path(shutil.copy(base, tmp_path / f"killed-{kill_at}.sqlite3"))
        result = run_killed("saves", kill_at, path, 10)
        assert result.returncode == -signal.SIGKILL, result.stderr
        reported = sum(1 for line in result.stdout.splitlines() if line.startswith("saved "))
        assert integrity(path) == "ok"
        with open_database(path):  # the dead program's lock went with it
            stored = {m.name for m in Member.select()} - {"成员0", "成员1", "成员2"}
        assert {f"新成员{n}" for n in range(reported)} <= stored
        assert len(stored) - reported in (0, 1)


@posix_only
def test_killed_while_importing_writes_all_or_nothing(tmp_path: Path, roster: Path) -> None:
    base = a_ledger(tmp_path / "base.sqlite3")
    steps = steps_of("import", shutil.copy(base, tmp_path / "dry.sqlite3"), roster)
    before = {"成员0", "成员1", "成员2"}
    after = before | {f"导入成员{n}" for n in range(40)}
    assert member_names(tmp_path / "dry.sqlite3") == after
    for kill_at in kill_points("import", steps):
        path = Path(shutil.copy(base, tmp_path / f"killed-{kill_at}.sqlite3"))
        result = run_killed("import", kill_at, path, roster)
        assert result.returncode == -signal.SIGKILL, result.stderr
        assert integrity(path) == "ok"
        with open_database(path):  # opens (the lock went with the dead program)
            pass
        assert member_names(path) in (before, after)


def member_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM member")}
    finally:
        conn.close()


@posix_only
def test_killed_while_backing_up_leaves_the_database_and_the_backups_whole(
    tmp_path: Path,
) -> None:
    path = a_ledger(tmp_path / "ledger.sqlite3", names=30)
    content = rows_of(path)
    folder = tmp_path / "backups"
    steps = steps_of("backup", path, tmp_path / "dry")
    for kill_at in kill_points("backup", steps):
        result = run_killed("backup", kill_at, path, folder)
        assert result.returncode == -signal.SIGKILL, result.stderr
        assert integrity(path) == "ok" and rows_of(path) == content
        for taken in backup.list_backups(folder, path.stem):  # every one that counts is whole
            assert integrity(taken.path) == "ok" and rows_of(taken.path) == content
    with open_database(path, read_only=True) as ledger:
        taken = backup.take_backup(ledger, folder)
    assert leftovers(folder) == []  # the next backup cleaned what the killed ones left
    assert rows_of(taken) == content


@posix_only
def test_killed_while_restoring_leaves_the_old_content_or_the_new(tmp_path: Path) -> None:
    path = a_ledger(tmp_path / "ledger.sqlite3", names=30)
    with open_database(path) as ledger:
        good = backup.take_backup(ledger)
        add_member(ledger, "备份之后")
    old, new = rows_of(path), rows_of(good)
    dry = Path(shutil.copy(path, tmp_path / "dry.sqlite3"))
    steps = steps_of("restore", dry, good)
    for kill_at in kill_points("restore", steps):
        target = Path(shutil.copy(path, tmp_path / f"killed-{kill_at}.sqlite3"))
        result = run_killed("restore", kill_at, target, good)
        assert result.returncode == -signal.SIGKILL, result.stderr
        assert integrity(target) == "ok"
        assert rows_of(target) in (old, new)
        backup.restore_backup(target, good)  # the next restore cleans up and succeeds
        assert rows_of(target) == new
        assert leftovers(tmp_path) == []


# -- a full disk --------------------------------------------------------------------------------------


@dataclass
class SmallDisk:
    """A folder on a small filesystem of its own (a tmpfs, where the machine lets the tests mount
    one), or None: then SQLite's max_page_count stands in for the full disk."""

    folder: Path | None

    def fill(self, leave: int = 0) -> None:
        """Leave about ``leave`` bytes of room: write a filler until the filesystem refuses."""
        assert self.folder is not None
        filler = self.folder / "filler"
        with open(filler, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(bytes(4096))
            except OSError:
                pass
        if leave:
            os.truncate(filler, max(filler.stat().st_size - leave, 0))

    def free(self) -> None:
        assert self.folder is not None
        (self.folder / "filler").unlink()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = (
        sys.platform.startswith("linux")
        and shutil.which("mount") is not None
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        yield SmallDisk(folder if mounted else None)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def limit_growth(ledger: Ledger, pages: int = 4) -> None:
    count = ledger.db.execute_sql("PRAGMA page_count").fetchone()[0]
    ledger.db.execute_sql(f"PRAGMA max_page_count = {count + pages}")


def test_saves_on_a_full_disk_keep_what_was_saved_and_say_so(
    small_disk: SmallDisk, tmp_path: Path
) -> None:
    folder = small_disk.folder or tmp_path
    path = a_ledger(folder / "ledger.sqlite3")
    saved: list[str] = []
    with open_database(path) as ledger:
        if small_disk.folder is not None:
            small_disk.fill()
        else:
            limit_growth(ledger)
        with pytest.raises(errors.DiskFullError) as caught:
            for number in range(5000):
                members.save(ledger, {"name": f"新成员{number}", "notes": "备注" * 500})
                saved.append(f"新成员{number}")
        assert (
            str(caught.value) == f"磁盘已满，未能保存。请在 {folder} 所在的磁盘上腾出空间后重试。"
        )
        assert {m.name for m in Member.select()} >= set(saved)
        if small_disk.folder is not None:
            small_disk.free()
        else:
            ledger.db.execute_sql("PRAGMA max_page_count = 1073741823")
        members.save(ledger, {"name": "腾出空间后"})  # the same ledger goes on working
    assert integrity(path) == "ok"
    assert member_names(path) >= {*saved, "腾出空间后"}


def test_an_import_on_a_full_disk_exits_2_and_writes_nothing(
    small_disk: SmallDisk, tmp_path: Path, roster: Path
) -> None:
    if small_disk.folder is None:
        pytest.skip("no tmpfs here: tests/test_cli.py runs the import with max_page_count")
    path = a_ledger(small_disk.folder / "ledger.sqlite3")
    big = tmp_path / "大花名册.csv"
    rows = "".join(f"导入成员{n},2025-03-01,{'备注' * 900}\n" for n in range(300))
    big.write_text("姓名,挂职开始日期,备注\n" + rows, encoding="utf-8")
    small_disk.fill(leave=256 * 1024)  # room to open the ledger, not for 300 long rows
    result = subprocess.run(
        [sys.executable, "main.py", "import", "--db", str(path), str(big)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"错误：磁盘已满，未能保存。请在 {small_disk.folder} 所在的磁盘上腾出空间后重试。"
    ]
    assert integrity(path) == "ok"
    assert member_names(path) == {"成员0", "成员1", "成员2"}


def test_a_backup_onto_a_full_disk_leaves_no_file_and_the_backups_as_they_were(
    small_disk: SmallDisk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = a_ledger(tmp_path / "ledger.sqlite3", names=200)
    folder = (small_disk.folder or tmp_path) / "backups"
    with open_database(path) as ledger:
        first = backup.take_backup(ledger, folder, now=datetime.datetime(2025, 3, 1, 9))
        if small_disk.folder is not None:
            small_disk.fill()
        else:
            connect = sqlite3.connect

            def nearly_full(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
                conn = connect(target, *args, **kwargs)
                if str(target).endswith(".partial"):
                    conn.execute("PRAGMA max_page_count = 8")
                return conn

            monkeypatch.setattr(backup.sqlite3, "connect", nearly_full)
        with pytest.raises(errors.DiskFullError) as caught:
            backup.take_backup(ledger, folder, now=datetime.datetime(2025, 3, 2, 9))
    assert str(caught.value).startswith("磁盘已满，未能保存。请在 ")
    assert f"{folder}" in str(caught.value)
    assert [b.path for b in backup.list_backups(folder, path.stem)] == [first]
    assert leftovers(folder) == [] and integrity(first) == "ok"
