"""Backups: taken with the online backup API, named by time, rotated, restored; and nothing lost when
the program is killed in the middle of saving (SPEC §7)."""

from __future__ import annotations

import datetime
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.common import errors
from db.services.members import members
from db.store.backup import (
    BackupPolicy,
    backup_if_due,
    backups_to_keep,
    last_good_backup,
    list_backups,
    restore_backup,
    rotate,
    take_backup,
    verify_backup,
)
from db.store.database import open_database
from db.store.locking import FileLock
from db.store.models import ALL_MODELS, Member
from tests.conftest import add_member

ROOT = Path(__file__).resolve().parents[3]


def dt(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def rows_of(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of the ledger at ``path``, in a stable order."""
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


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in conn.execute("SELECT name FROM member"))
    finally:
        conn.close()


# -- taking one -----------------------------------------------------------------------------------


def test_take_backup_writes_a_whole_time_named_copy(sqlite_ledger, tmp_path: Path) -> None:
    add_member(sqlite_ledger, "张三")
    add_member(sqlite_ledger, "李四")
    folder = tmp_path / "backups"
    path = take_backup(sqlite_ledger, folder, reason="manual", now=dt("2025-03-04 10:20:30"))
    assert path == folder / "ledger-20250304-102030-manual.sqlite3"
    assert integrity(path) == "ok"
    assert rows_of(path) == rows_of(sqlite_ledger.path)
    assert names(path) == ["张三", "李四"]
    # A single self-contained file: no write-ahead log beside it, nothing half-written left over.
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
    assert [b.taken_at for b in list_backups(folder, "ledger")] == [dt("2025-03-04 10:20:30")]


def test_backups_taken_in_the_same_second_keep_the_newest(sqlite_ledger) -> None:
    when = dt("2025-03-04 10:20:30")
    first = take_backup(sqlite_ledger, now=when)
    add_member(sqlite_ledger, "张三")
    second = take_backup(sqlite_ledger, reason="before-restore", now=when)
    assert second.exists(), "the backup just taken was rotated away"
    assert not first.exists()
    assert names(second) == ["张三"]


def test_a_backup_that_fails_leaves_no_file(sqlite_ledger, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "backups"

    class DiskFillsUp:
        def backup(self, dest: sqlite3.Connection) -> None:
            dest.execute("CREATE TABLE half_written (x)")
            dest.commit()
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_ledger.db, "connection", DiskFillsUp)
    with pytest.raises(errors.DiskFullError) as caught:
        take_backup(sqlite_ledger, folder)
    assert "磁盘已满" in caught.value.text("zh")
    assert list(folder.iterdir()) == []


def test_preferences_come_from_settings(sqlite_ledger, tmp_path: Path) -> None:
    from db.services import settings
    from db.services.settings import backup_preferences

    assert backup_preferences(sqlite_ledger) == (None, BackupPolicy())
    settings.put(sqlite_ledger, "backup_folder", str(tmp_path / "elsewhere"))
    settings.put(
        sqlite_ledger, "backup_policy", {"recent": 3, "daily": 2, "weekly": 1, "monthly": 0}
    )
    assert backup_preferences(sqlite_ledger) == (
        tmp_path / "elsewhere",
        BackupPolicy(recent=3, daily=2, weekly=1, monthly=0),
    )


# -- rotation -------------------------------------------------------------------------------------


def test_keep_the_recent_ones() -> None:
    stamps = [dt("2025-03-01 08:00"), dt("2025-03-01 09:00"), dt("2025-03-01 10:00")]
    policy = BackupPolicy(recent=2, daily=0, weekly=0, monthly=0)
    assert backups_to_keep(stamps, policy) == {dt("2025-03-01 09:00"), dt("2025-03-01 10:00")}


def test_keep_the_newest_of_each_recent_day() -> None:
    stamps = [
        dt("2025-03-10 09:00"),
        dt("2025-03-10 18:00"),
        dt("2025-03-09 12:00"),
        dt("2025-03-08 08:00"),
        dt("2025-03-08 20:00"),
        dt("2025-03-07 10:00"),
    ]
    policy = BackupPolicy(recent=1, daily=3, weekly=0, monthly=0)
    assert backups_to_keep(stamps, policy) == {
        dt("2025-03-10 18:00"),
        dt("2025-03-09 12:00"),
        dt("2025-03-08 20:00"),
    }


def test_keep_the_newest_of_each_recent_week_and_month() -> None:
    stamps = [
        dt("2025-01-15 12:00"),  # January
        dt("2025-02-03 12:00"),  # Monday of ISO week 6
        dt("2025-02-05 12:00"),  # Wednesday of ISO week 6
        dt("2025-02-12 12:00"),  # ISO week 7, the last of February
        dt("2025-03-01 12:00"),  # Saturday of ISO week 9, the newest
    ]
    assert backups_to_keep(stamps, BackupPolicy(recent=0, daily=0, weekly=3, monthly=0)) == {
        dt("2025-03-01 12:00"),
        dt("2025-02-12 12:00"),
        dt("2025-02-05 12:00"),
    }
    assert backups_to_keep(stamps, BackupPolicy(recent=0, daily=0, weekly=0, monthly=3)) == {
        dt("2025-03-01 12:00"),
        dt("2025-02-12 12:00"),
        dt("2025-01-15 12:00"),
    }


def test_the_newest_is_kept_even_when_every_count_is_zero() -> None:
    stamps = [dt("2025-03-01 08:00"), dt("2025-03-02 08:00")]
    assert backups_to_keep(stamps, BackupPolicy(0, 0, 0, 0)) == {dt("2025-03-02 08:00")}
    assert backups_to_keep([], BackupPolicy(0, 0, 0, 0)) == set()


def test_rotate_deletes_the_files_not_kept(tmp_path: Path) -> None:
    names_ = [
        "ledger-20250301-080000-auto.sqlite3",
        "ledger-20250302-080000-auto.sqlite3",
        "ledger-20250302-200000-manual.sqlite3",
        "ledger-20250303-080000-auto.sqlite3",
        "other-20250101-080000-auto.sqlite3",  # another database's backup
        "ledger-notes.txt",
    ]
    for name in names_:
        (tmp_path / name).write_bytes(b"")
    removed = rotate(tmp_path, "ledger", BackupPolicy(recent=1, daily=2, weekly=0, monthly=0))
    assert sorted(p.name for p in removed) == [
        "ledger-20250301-080000-auto.sqlite3",
        "ledger-20250302-080000-auto.sqlite3",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ledger-20250302-200000-manual.sqlite3",
        "ledger-20250303-080000-auto.sqlite3",
        "ledger-notes.txt",
        "other-20250101-080000-auto.sqlite3",
    ]


stamps_strategy = st.lists(
    st.datetimes(min_value=dt("2024-01-01 00:00"), max_value=dt("2026-12-31 23:59")).map(
        lambda t: t.replace(microsecond=0)
    ),
    max_size=60,
)
policies = st.builds(
    BackupPolicy,
    recent=st.integers(0, 6),
    daily=st.integers(0, 6),
    weekly=st.integers(0, 6),
    monthly=st.integers(0, 6),
)


@settings(max_examples=300)
@given(stamps=stamps_strategy, policy=policies)
def test_rotation_properties(stamps: list[datetime.datetime], policy: BackupPolicy) -> None:
    keep = backups_to_keep(stamps, policy)
    assert keep <= set(stamps)
    if stamps:
        assert max(stamps) in keep
    limit = max(policy.recent, 1) + policy.daily + policy.weekly + policy.monthly
    assert len(keep) <= limit
    # Rotating what was kept keeps all of it: a second rotation deletes nothing more.
    assert backups_to_keep(keep, policy) == keep


# -- when a backup is due -------------------------------------------------------------------------


def test_backup_if_due_only_when_the_newest_is_a_day_old(sqlite_ledger, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    first = backup_if_due(sqlite_ledger, folder, now=dt("2025-03-04 09:00"))
    assert first is not None and first.name == "ledger-20250304-090000-auto.sqlite3"
    assert backup_if_due(sqlite_ledger, folder, now=dt("2025-03-05 08:59:59")) is None
    second = backup_if_due(sqlite_ledger, folder, now=dt("2025-03-05 09:00"))
    assert second is not None and second.exists() and first.exists()
    assert len(list_backups(folder, "ledger")) == 2


def test_no_automatic_backup_of_a_read_only_ledger(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    open_database(path).close()
    with open_database(path, read_only=True) as ledger:
        assert backup_if_due(ledger) is None
    assert not (tmp_path / "backups").exists()


# -- restoring ------------------------------------------------------------------------------------


def test_restore_replaces_the_content_and_keeps_a_safety_backup(sqlite_ledger) -> None:
    zhang = add_member(sqlite_ledger, "张三")
    backup = take_backup(sqlite_ledger, now=dt("2025-03-04 09:00"))
    members.save(sqlite_ledger, {"name": "张三丰"}, record_id=zhang)
    add_member(sqlite_ledger, "李四")
    path = sqlite_ledger.path
    sqlite_ledger.close()

    safety = restore_backup(path, backup)

    assert safety is not None and "before-restore" in safety.name
    assert names(safety) == ["张三丰", "李四"]
    assert integrity(path) == "ok"
    with open_database(path):
        assert [(m.id, m.name) for m in Member.select()] == [(zhang, "张三")]


def test_restore_over_a_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "测试员"
        from db.services.groups import work_groups

        work_groups.create_group(ledger, {"name": "测试工作组"})
        add_member(ledger, "张三")
        backup = take_backup(ledger, now=dt("2025-03-04 09:00"))
    path.write_bytes(b"not a database any more\n" * 200)

    safety = restore_backup(path, backup)

    # What was there is kept as it was, bytes and all; the ledger is whole again.
    assert safety is not None and safety.read_bytes().startswith(b"not a database any more")
    with open_database(path):
        assert [m.name for m in Member.select()] == ["张三"]


def test_restore_into_a_new_file(sqlite_ledger, tmp_path: Path) -> None:
    add_member(sqlite_ledger, "张三")
    backup = take_backup(sqlite_ledger)
    target = tmp_path / "copy.sqlite3"
    assert restore_backup(target, backup) is None
    assert names(target) == ["张三"]


def test_restoring_a_damaged_backup_is_refused_and_changes_nothing(sqlite_ledger) -> None:
    add_member(sqlite_ledger, "张三")
    backup = take_backup(sqlite_ledger, now=dt("2025-03-04 09:00"))
    data = bytearray(backup.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[page : 3 * page] = b"\xa5" * (2 * page)  # two pages of tables or indexes overwritten
    backup.write_bytes(bytes(data))
    path = sqlite_ledger.path
    sqlite_ledger.close()
    before = digest(path)

    with pytest.raises(errors.ActionRefusedError) as caught:
        restore_backup(path, backup)

    assert "不能用于恢复" in caught.value.text("zh")
    assert digest(path) == before
    assert [b.path for b in list_backups(backup.parent, "ledger")] == [backup]  # no safety copy


def test_restoring_something_that_is_not_a_backup_is_refused(sqlite_ledger, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("会议记录\n", encoding="utf-8")
    other = tmp_path / "photos.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photo (id INTEGER)")
    conn.close()
    path = sqlite_ledger.path
    sqlite_ledger.close()
    before = digest(path)
    with pytest.raises(errors.ActionRefusedError) as caught:
        restore_backup(path, text)
    assert "不是 SQLite 数据库文件" in caught.value.text("zh")
    with pytest.raises(errors.ActionRefusedError) as caught:
        restore_backup(path, other)
    assert "not a ledger of this program" in caught.value.text("en")
    with pytest.raises(errors.NotFoundError):
        restore_backup(path, tmp_path / "missing.sqlite3")
    assert digest(path) == before


def test_restoring_a_backup_of_a_newer_version_is_refused(sqlite_ledger) -> None:
    backup = take_backup(sqlite_ledger)
    conn = sqlite3.connect(backup)
    conn.execute(
        "INSERT INTO schema_migration (name, applied) VALUES ('0999_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(errors.ActionRefusedError) as caught:
        verify_backup(backup)
    assert "更新版本" in caught.value.text("zh")


def test_restore_while_the_database_is_open_is_refused(sqlite_ledger) -> None:
    add_member(sqlite_ledger, "张三")
    backup = take_backup(sqlite_ledger, now=dt("2025-03-04 09:00"))
    add_member(sqlite_ledger, "李四")
    # sqlite_ledger holds the file's lock, as the window would.
    with pytest.raises(errors.DatabaseInUseError) as caught:
        restore_backup(sqlite_ledger.path, backup)
    assert str(os.getpid()) in caught.value.text("zh")
    assert sorted(m.name for m in Member.select()) == ["张三", "李四"]
    assert len(list_backups(backup.parent, "ledger")) == 1


def test_restore_into_a_missing_folder_is_refused(sqlite_ledger, tmp_path: Path) -> None:
    backup = take_backup(sqlite_ledger)
    with pytest.raises(errors.DatabaseFolderMissingError):
        restore_backup(tmp_path / "no" / "ledger.sqlite3", backup)
    assert not (tmp_path / "no").exists()


# -- nothing lost ---------------------------------------------------------------------------------

SAVER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[2])
    from db.store.database import open_database
    from db.services.groups import work_groups
    from db.services.members import members

    ledger = open_database(sys.argv[1])
    ledger.operator = "saver"
    work_groups.create_group(ledger, {"name": "测试工作组"})
    print("saving", flush=True)
    number = 0
    while True:
        members.save(ledger, {"name": f"成员{number}", "notes": "x" * 500})
        print(f"saved {number}", flush=True)
        number += 1
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_program_killed_while_saving_loses_nothing_it_reported_saved(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    saver = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(path), str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert saver.stdout.readline().strip() == "saving", saver.stderr.read()
        for _ in range(40):  # let it get going, then kill it wherever it is
            assert saver.stdout.readline().startswith("saved ")
        os.kill(saver.pid, signal.SIGKILL)
        assert saver.wait(timeout=60) == -signal.SIGKILL
    finally:
        if saver.poll() is None:
            saver.kill()
            saver.wait()
    # Everything it printed before it died, read back out of the pipe (the 40 read above included).
    reported = 40 + sum(1 for line in saver.stdout if line.startswith("saved "))
    saver.stdout.close()
    saver.stderr.close()

    assert integrity(path) == "ok"
    with open_database(path):  # the dead program's lock went with it
        stored = {m.name for m in Member.select()}
    assert {f"成员{n}" for n in range(reported)} <= stored
    # At most the one being saved when the kill came is there without having been reported.
    assert len(stored) - reported in (0, 1)


# -- leftovers of killed backups, damaged databases -------------------------------------------------


def damage(path: Path, table: str = "member") -> None:
    """Overwrite the first page of a table's b-tree with garbage, as a failing disk might."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    finally:
        conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root[0] - 1) * page_size)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))


def test_leftovers_of_killed_backups_are_cleaned_by_the_next_and_never_counted(
    sqlite_ledger, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    stem = sqlite_ledger.path.stem
    killed = [
        folder / f"{stem}-20250301-090000-auto.partial",
        folder / f"{stem}-20250301-090000-auto.partial-journal",
        folder / f"{stem}-20250302-090000-manual.partial",
        folder / f"{stem}-20250302-090000-manual.partial.lock",
        folder / f"{stem}-20250303-090000-before-restore.partial-wal",
    ]
    for path in killed:
        path.write_bytes(b"\0" * 4096)
    being_written = folder / f"{stem}-20250304-090000-manual.partial"
    being_written.write_bytes(b"\0" * 4096)
    other = FileLock(being_written)  # another program is writing this one now
    other.acquire()
    try:
        assert list_backups(folder, stem) == []
        taken = take_backup(sqlite_ledger, folder, now=dt("2025-03-05 09:00"))
    finally:
        other.release()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [taken.name, being_written.name, being_written.name + ".lock"]
    )
    assert [b.path for b in list_backups(folder, stem)] == [taken]


def test_a_damaged_database_is_never_backed_up_as_healthy(sqlite_ledger, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    add_member(sqlite_ledger, "张三")
    good = take_backup(sqlite_ledger, folder, now=dt("2025-03-01 09:00"))
    path = sqlite_ledger.path
    sqlite_ledger.close()
    damage(path)
    policy = BackupPolicy(recent=1, daily=0, weekly=0, monthly=0)

    ledger = open_database(path, read_only=True)
    try:
        for day in range(2, 10):  # a damaged file backed up every day for a week
            with pytest.raises(errors.DatabaseDamagedError) as caught:
                take_backup(ledger, folder, policy=policy, now=dt(f"2025-03-0{day} 09:00"))
    finally:
        ledger.close()
    text = str(caught.value)
    assert text.startswith("数据库文件已损坏（") and "这次备份不算作备份" in text
    assert f"最近一个完好的备份是 {good}" in text
    # The healthy backup is still the one rotation keeps; the damaged copies are apart, a few only.
    assert [b.path for b in list_backups(folder, path.stem)] == [good]
    assert last_good_backup(folder, path.stem) == good
    apart = sorted(p.name for p in (folder / "damaged").iterdir())
    assert apart == [f"{path.stem}-2025030{d}-090000-damaged.sqlite3" for d in range(5, 10)]
    assert sorted(p.name for p in folder.iterdir()) == ["damaged", good.name]


def test_restore_over_a_damaged_database_keeps_it_apart_as_before_restore_damaged(
    sqlite_ledger, tmp_path: Path
) -> None:
    add_member(sqlite_ledger, "张三")
    good = take_backup(sqlite_ledger, now=dt("2025-03-01 09:00"))
    path = sqlite_ledger.path
    sqlite_ledger.close()
    damage(path)
    damaged_bytes = path.read_bytes()

    safety = restore_backup(path, good)

    assert safety is not None and safety.parent == good.parent / "damaged"
    assert safety.name.endswith("-before-restore-damaged.sqlite3")
    assert safety.read_bytes() == damaged_bytes  # byte for byte
    assert [b.path for b in list_backups(good.parent, path.stem)] == [good]
    assert integrity(path) == "ok" and names(path) == ["张三"]
