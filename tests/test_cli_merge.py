"""main.py merge as the team office runs it: a group's file into a file or the server, the summary,
conflicts listed with exit status 3 and settled by --take-source / --keep-target, a second run that
changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.services.groups import work_groups
from db.services.members import members
from db.store.database import open_database
from db.store.models import Member, WorkGroup
from tests.conftest import add_member
from tests.test_cli import one_error_line, run_main


@pytest.fixture
def group_file(tmp_path: Path) -> Path:
    """A closed group's file: its group and two members."""
    path = tmp_path / "组里.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "联络员"
        work_groups.create_group(ledger, {"name": "测试工作组", "term_start": "2025-01-01"})
        add_member(ledger, "张三")
        add_member(ledger, "李四")
    return path


def set_phone(target: str | Path, phone: str) -> None:
    with open_database(target) as ledger:
        ledger.operator = "某人"
        zhang = Member.get(Member.name == "张三")
        members.save(ledger, {"name": "张三", "phone": phone}, record_id=zhang.id)


def phone_in(target: str | Path) -> str:
    with open_database(target):
        return Member.get(Member.name == "张三").phone


def test_merge_then_again_then_a_conflict(group_file: Path, db_target: str) -> None:
    result = run_main("merge", "--from", str(group_file), "--db", db_target)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        f"合并 {group_file}：新增 3 条，更新 0 条，删除 0 条，冲突 0 条；带入历史记录 3 条。"
    ]
    with open_database(db_target):
        assert sorted(m.name for m in Member.select()) == ["张三", "李四"]

    again = run_main("merge", "--from", str(group_file), "--db", db_target)
    assert again.returncode == 0, again.stderr
    assert "新增 0 条，更新 0 条，删除 0 条，冲突 0 条；带入历史记录 0 条" in again.stdout

    set_phone(group_file, "13900000001")
    set_phone(db_target, "13900000002")
    conflict = run_main("merge", "--from", str(group_file), "--db", db_target)
    assert conflict.returncode == 3, conflict.stderr
    out = conflict.stdout.splitlines()
    assert out[0].endswith("冲突 1 条；带入历史记录 1 条。")
    assert out[1].startswith("冲突：成员“张三”（上次合并后两边都修改过），编号 ")
    assert out[2] == "    联系电话：本库 13900000002 ｜ 来源 13900000001"
    assert out[-1].startswith("有 1 条记录两边都改过，未合并。")
    assert phone_in(db_target) == "13900000002"

    record_id = out[1].rsplit(" ", 1)[1]
    chosen = run_main(
        "merge", "--from", str(group_file), "--db", db_target, "--take-source", record_id
    )
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert "更新 1 条" in chosen.stdout
    assert phone_in(db_target) == "13900000001"


def test_keep_target_all_and_dry_run(group_file: Path, tmp_path: Path) -> None:
    team = tmp_path / "队里.sqlite3"
    assert run_main("merge", "--from", str(group_file), "--db", str(team)).returncode == 0
    set_phone(group_file, "13900000001")
    set_phone(team, "13900000002")
    trial = run_main("merge", "--from", str(group_file), "--db", str(team), "--dry-run")
    assert trial.returncode == 3
    assert trial.stdout.startswith(f"试合并 {group_file}（未写入）")
    kept = run_main("merge", "--from", str(group_file), "--db", str(team), "--keep-target", "all")
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert phone_in(team) == "13900000002"
    settled = run_main("merge", "--from", str(group_file), "--db", str(team))
    assert settled.returncode == 0 and "冲突 0 条" in settled.stdout


def test_merge_errors_are_one_line(group_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "没有.sqlite3"
    result = run_main("merge", "--from", str(missing), "--db", str(tmp_path / "队里.sqlite3"))
    assert result.returncode == 2
    assert one_error_line(result) == f"错误：数据库文件不存在：{missing}"
    result = run_main("merge", "--from", str(group_file), "--db", str(group_file))
    assert result.returncode == 2
    assert one_error_line(result) == f"错误：要合并的文件就是当前数据库本身：{group_file}"
    result = run_main(
        "merge",
        "--from",
        str(group_file),
        "--db",
        str(tmp_path / "t.sqlite3"),
        "--take-source",
        "xyz",
        "--lang",
        "en",
    )
    assert result.returncode == 2
    assert one_error_line(result) == "Error: There is no record in conflict with the id xyz"


def test_a_group_added_on_the_team_side_takes_the_file_with_group(
    group_file: Path, db_target: str
) -> None:
    """The administrator added 测试工作组 (another identity) before the group's own file came: a
    plain merge refuses to make a second group of that name and says how; --group merges the
    file's records into it, and again changes nothing."""
    with open_database(db_target) as ledger:
        ledger.operator = "队办"
        work_groups.create_group(ledger, {"name": "测试工作组"})
        add_member(ledger, "王五")

    refused = run_main("merge", "--from", str(group_file), "--db", db_target)
    assert refused.returncode == 2
    assert one_error_line(refused).startswith("错误：本库中已有名为“测试工作组”的工作组")
    assert "--group 测试工作组" in one_error_line(refused)

    merged = run_main(
        "merge", "--from", str(group_file), "--db", db_target, "--group", "测试工作组"
    )
    assert merged.returncode == 0, merged.stderr
    assert "新增 2 条" in merged.stdout  # the two members; the team keeps its own profile
    with open_database(db_target) as ledger:
        assert [g.name for g in WorkGroup.select()] == ["测试工作组"]
        assert sorted(m.name for m in Member.select()) == ["张三", "李四", "王五"]
        assert {m.group_id for m in Member.select()} == {ledger.group_id}

    set_phone(group_file, "13900000001")
    again = run_main("merge", "--from", str(group_file), "--db", db_target, "--group", "测试工作组")
    assert again.returncode == 0, again.stderr
    assert "新增 0 条，更新 1 条，删除 0 条，冲突 0 条" in again.stdout
    assert phone_in(db_target) == "13900000001"
