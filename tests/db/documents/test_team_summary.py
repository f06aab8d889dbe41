"""The team's year summary: its headings, tables and sentences against the team view's figures and
each group's own year summary, and the real .docx and .md it writes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from db.common import errors
from db.documents import docx_writer, markdown_writer
from db.documents.document import Heading1, Heading2, Paragraph, Table, Title
from db.documents.summary import build_year_summary, totals_sentence
from db.documents.team_summary import build_team_summary
from db.queries import team
from db.queries.statistics import year_totals
from db.services.groups import work_groups
from db.store.ledger import Ledger
from tests.conftest import d
from tests.db.queries.test_team import Team, build_team

TODAY = d("2026-01-10")


@pytest.fixture
def team_ledger(empty_ledger: Ledger) -> tuple[Ledger, Team]:
    t = build_team(empty_ledger)
    empty_ledger.group_id = t.groups["乙"]
    return empty_ledger, t


def _table(document, caption: str) -> Table:
    return next(t for t in document.tables() if t.caption == caption)


def test_headings_tables_and_sentences(team_ledger):
    ledger, t = team_ledger
    document = build_team_summary(ledger, 2025, today=TODAY)
    blocks = document.blocks
    assert isinstance(blocks[0], Title)
    assert blocks[0].lines == ("挂职工作队", "2025年度工作情况汇总")
    assert [b.label for b in blocks if isinstance(b, Heading1)] == [
        "一、总体情况",
        "二、各工作组主要指标",
        "三、目标完成情况",
        "四、各工作组情况",
    ]
    assert [b.label for b in blocks if isinstance(b, Heading2)][-3:] == [
        "（一）甲市赴南京市挂职工作组",
        "（二）乙县赴扬州市挂职工作组",
        "（三）丙区赴苏州市挂职工作组",
    ]
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[0] == (
        "全队共有挂职工作组3个：甲市赴南京市挂职工作组、乙县赴扬州市挂职工作组、"
        "丙区赴苏州市挂职工作组；挂职干部4名。"
    )
    assert texts[1] == (
        "全年各工作组累计组织召开集体学习交流会议3次，各党小组组织线上线下集体学习交流1次，"
        "参加专题培训1次；开展各类调研走访5次，其中企业调研3次；报送月度亮点3个；"
        "完成调研报告2篇，获奖1篇；实现消费帮扶金额19.75万元，促成项目签约3个。"
    )
    figures = team.team_figures(ledger, 2025, today=TODAY)
    sessions = _table(document, "学习交流情况")
    assert [c.title for c in sessions.columns] == [
        "工作组",
        "挂职干部",
        "集体学习交流会",
        "党小组学习",
        "专题培训",
    ]
    assert sessions.rows == (
        ("甲市赴南京市挂职工作组", "2", "2", "1", "1"),
        ("乙县赴扬州市挂职工作组", "1", "1", "0", "0"),
        ("丙区赴苏州市挂职工作组", "1", "0", "0", "0"),
        ("全队合计", "4", "3", "1", "1"),
    )
    results = _table(document, "调研报告和工作成果情况")
    assert results.rows[-1] == ("全队合计", "2", "1", "19.75", "3")
    leave = _table(document, "请销假和在岗抽查情况")
    assert leave.rows[0] == ("甲市赴南京市挂职工作组", "2", "4", "1", "1")
    targets = _table(document, "各工作组目标完成情况")
    total = figures.totals.compliance
    assert targets.rows[-1][-1] == f"{total.percent}%\n{total.met}/{total.expected}"
    assert targets.rows[1][2] == "8%\n1/12"  # 赵六: a highlight in one of his 12 months
    # Each group's section says what its own year summary says.
    for key in "甲乙丙":
        own = team.for_group(ledger, t.groups[key])
        sentence = totals_sentence(year_totals(own, 2025))
        assert sentence in texts
        assert sentence in [
            b.text for b in build_year_summary(own, 2025, TODAY).blocks if isinstance(b, Paragraph)
        ]
    assert texts[-1] == "挂职工作队\n2026年1月10日"
    assert ledger.group_id == t.groups["乙"]


def test_the_team_is_named_by_the_groups_profiles(team_ledger):
    ledger, t = team_ledger
    for key in "甲乙丙":
        group = work_groups.get(ledger, t.groups[key])
        work_groups.save(
            ledger,
            {"name": group.name, "team_name": "陕西省赴江苏省挂职工作队"},
            record_id=group.id,
        )
    document = build_team_summary(ledger, 2025, today=TODAY)
    assert document.blocks[0].lines[0] == "陕西省赴江苏省挂职工作队"
    assert document.title == "陕西省赴江苏省挂职工作队2025年度工作情况汇总"


def test_no_group_no_summary(empty_ledger):
    with pytest.raises(errors.ActionRefusedError, match="还没有工作组"):
        build_team_summary(empty_ledger, 2025)


def _east_asian(run) -> str | None:
    fonts = run._element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_the_word_file_has_the_group_summarys_house_style(team_ledger, tmp_path: Path):
    ledger, _t = team_ledger
    path = docx_writer.render(build_team_summary(ledger, 2025, TODAY), tmp_path / "team.docx")
    group_path = docx_writer.render(build_year_summary(ledger, 2025, TODAY), tmp_path / "g.docx")
    written, group = docx.Document(str(path)), docx.Document(str(group_path))

    def style_fonts(document) -> dict[str, set[tuple[str | None, object]]]:
        found: dict[str, set[tuple[str | None, object]]] = {}
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                found.setdefault(paragraph.style.name, set()).add((_east_asian(run), run.font.size))
        return found

    fonts = style_fonts(written)
    assert fonts["Title"] == {("方正小标宋简体", Pt(22))}
    assert fonts["Heading 1"] == {("黑体", Pt(16))}
    assert fonts["Heading 2"] == {("楷体_GB2312", Pt(16))}
    assert fonts["Normal"] == {("仿宋_GB2312", Pt(16))}
    group_fonts = style_fonts(group)
    for style in ("Title", "Subtitle", "Heading 1", "Normal", "Table Caption"):
        assert fonts[style] == group_fonts[style], style
    headings = [p.text for p in written.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、总体情况",
        "二、各工作组主要指标",
        "三、目标完成情况",
        "四、各工作组情况",
    ]
    table = written.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "工作组",
        "挂职干部",
        "集体学习交流会",
        "党小组学习",
        "专题培训",
    ]
    assert [c.text for c in table.rows[-1].cells] == ["全队合计", "4", "3", "1", "1"]
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    assert _east_asian(run) == "仿宋_GB2312"
                    assert run.font.size == Pt(12)
    section = written.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)


def test_the_markdown_text(team_ledger, tmp_path: Path):
    ledger, _t = team_ledger
    path = markdown_writer.render(build_team_summary(ledger, 2025, TODAY), tmp_path / "team.md")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 挂职工作队2025年度工作情况汇总\n")
    assert "## 二、各工作组主要指标" in text
    assert "### （一）学习交流" in text
    assert "| 工作组 | 挂职干部 | 集体学习交流会 | 党小组学习 | 专题培训 |" in text
    assert "| 全队合计 | 4 | 3 | 1 | 1 |" in text
    assert "| 乙县赴扬州市挂职工作组 | 0 | 0 | 7.25 | 0 |" in text
    assert "### （三）丙区赴苏州市挂职工作组" in text
