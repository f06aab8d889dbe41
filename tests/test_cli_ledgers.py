"""`main.py export ledger` and `main.py import` as the secretary runs them: files written, problems one
per line, exit status, and one clear error line for a command that cannot run."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from db.services.groups import work_groups
from db.services.highlights import highlights
from db.store.database import open_database
from db.store.models import Member
from tests.conftest import add_member
from tests.test_cli import one_error_line, run_main


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    """A closed ledger with its group, two members and a highlight in March and one in May."""
    path = tmp_path / "ledger.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "测试员"
        work_groups.create_group(ledger, {"name": "测试工作组", "term_start": "2025-01-01"})
        zhang = add_member(ledger, "张三", sort_order=1)
        add_member(ledger, "=1+1", sort_order=2)
        highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "三月亮点"})
        highlights.save(ledger, {"member": zhang, "month": "2025-05", "title": "五月亮点"})
    return path


def test_export_ledger_as_xlsx_for_a_range(ledger_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "三月台账.xlsx"
    result = run_main(
        "export", "ledger", "--db", str(ledger_file), "--from", "2025-03-01", "--to",
        "2025-03-31", "--format", "xlsx", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"已导出台账：{out}（14 张表，4 行）"]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["工作组概况", "党小组", "成员"]
    titles = [row[3].value for row in wb["月度亮点"].iter_rows(min_row=2)]
    assert titles == ["三月亮点"]
    names = [row[1] for row in wb["成员"].iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in names] == [("张三", "s"), ("=1+1", "s")]


def test_export_ledger_of_some_kinds(ledger_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = run_main(
        "export", "ledger", "--db", str(ledger_file), "--kind", "members", "--kind",
        "highlights", "--format", "xlsx", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(out).sheetnames == ["成员", "月度亮点"]


def test_export_ledger_as_csv_needs_one_kind(ledger_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = run_main(
        "export", "ledger", "--db", str(ledger_file), "--format", "csv", "--out", str(out)
    )
    assert result.returncode == 2
    line = one_error_line(result)
    assert (
        line == "错误：CSV 文件只能放一类台账，请选择一类（命令行用 --kind，例如 --kind members）"
    )
    assert not out.exists()
    result = run_main(
        "export", "ledger", "--db", str(ledger_file), "--kind", "members", "--format", "csv",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf\xe5\xba\x8f\xe5\x8f\xb7")  # BOM, 序号


def test_export_ledger_as_markdown(ledger_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    result = run_main(
        "export", "ledger", "--db", str(ledger_file), "--format", "md", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "## 月度亮点（2 条）" in out.read_text(encoding="utf-8")


def test_export_ledger_refuses_a_bad_date_or_kind(ledger_file: Path, tmp_path: Path) -> None:
    base = ("export", "ledger", "--db", str(ledger_file), "--format", "xlsx")
    result = run_main(*base, "--out", str(tmp_path / "x.xlsx"), "--from", "2025-02-30")
    assert result.returncode == 2
    assert one_error_line(result) == (
        "错误：--from：“2025-02-30”不是有效日期，请按 2025-03-01 的格式填写"
    )
    result = run_main(*base, "--out", str(tmp_path / "x.xlsx"), "--kind", "meetings")
    assert result.returncode == 2
    assert one_error_line(result).startswith("错误：没有名为“meetings”的台账")


def test_import_into_a_new_database_and_back(ledger_file: Path, tmp_path: Path) -> None:
    exported = tmp_path / "all.xlsx"
    assert (
        run_main(
            "export", "ledger", "--db", str(ledger_file), "--format", "xlsx", "--out", str(exported)
        ).returncode
        == 0
    )
    fresh = tmp_path / "new" / "fresh.sqlite3"
    fresh.parent.mkdir()
    result = run_main("import", "--db", str(fresh), str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"已导入 {exported}：新增 5 行，更新 0 行"]
    assert fresh.exists()
    with open_database(fresh):
        assert {m.name for m in Member.select()} == {"张三", "=1+1"}


def test_import_refuses_a_file_with_problems(ledger_file: Path, tmp_path: Path) -> None:
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名,挂职开始日期\n王五,2025-13-01\n赵六,\n", encoding="gbk")
    result = run_main("import", "--db", str(ledger_file), str(roster))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "花名册 第 2 行「挂职开始日期」：“2025-13-01”不是有效日期，请按 2025-03-01 的格式填写",
        "未导入：发现 1 个问题，没有写入任何内容。改正后重新导入，或加 --clean-only 只导入没有问题的行。",
    ]
    assert result.stderr == ""
    with open_database(ledger_file):
        assert Member.select().count() == 2

    result = run_main("import", "--db", str(ledger_file), str(roster), "--clean-only")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"已导入 {roster} 中没有问题的行：新增 1 行，更新 0 行；跳过 1 行（问题见上）"
    )
    with open_database(ledger_file):
        assert {m.name for m in Member.select()} == {"张三", "=1+1", "赵六"}


def test_import_in_english_and_a_file_that_is_not_there(ledger_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nothing.xlsx"
    result = run_main("--lang", "en", "import", "--db", str(ledger_file), str(missing))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"File not found: {missing}",
        "Nothing imported: 1 problem(s) found and nothing written. Correct them and import again, "
        "or add --clean-only to import the rows without problems.",
    ]
