"""`main.py export team-summary` as the team office runs it: the files written (Word, Markdown, PDF),
the default name, and one clear line for a database without groups."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from db.store.database import open_database
from tests.db.queries.test_team import build_team
from tests.test_cli import ROOT, one_error_line, run_main


@pytest.fixture
def team_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "测试员"
        build_team(ledger)
    return path


def test_word_and_markdown(team_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "全队汇总.docx"
    result = run_main(
        "export", "team-summary", "--db", str(team_file), "--year", "2025", "--format", "docx",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已导出：{out}"
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "挂职工作队\n2025年度工作情况汇总"
    assert [c.text for c in document.tables[0].rows[-1].cells] == ["全队合计", "4", "3", "1", "1"]

    md = tmp_path / "全队汇总.md"
    result = run_main(
        "export", "team-summary", "--db", str(team_file), "--year", "2025", "--format", "md",
        "--out", str(md),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "| 全队合计 | 4 | 3 | 1 | 1 |" in md.read_text(encoding="utf-8")


def test_pdf_and_the_default_name(team_file: Path, tmp_path: Path) -> None:
    """Without --out the file goes to the current folder, named for the year."""
    folder = tmp_path / "out"
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", "team-summary", "--db", str(team_file),
         "--year", "2025", "--format", "pdf"],
        cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = folder / "2025年度全队工作情况汇总.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "全队合计" in text
    assert "乙县赴扬州市挂职工作组" in text


def test_a_database_without_groups(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    open_database(path).close()
    result = run_main(
        "export", "team-summary", "--db", str(path), "--year", "2025", "--format", "md",
        "--out", str(tmp_path / "x.md"),
    )  # fmt: skip
    assert result.returncode == 2
    assert one_error_line(result) == "错误：台账中还没有工作组，无法生成全队年度汇总。"
    assert not (tmp_path / "x.md").exists()
