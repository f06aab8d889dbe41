"""The Word writer, read back with python-docx: GB/T 9704 page, East Asian fonts on every run and
style, no theme fonts, page numbers; and the Markdown writer's escaping."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from db import docx_writer, markdown_writer
from db.document import Column, DocumentBuilder, chinese_number
from db.docx_writer import THEME_FONT_ATTRIBUTES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sample():
    b = DocumentBuilder()
    b.masthead("挂职工作信息动态", "第6期", "商洛市赴南京市挂职工作组编", "2025年7月2日")
    b.title("6月份挂职工作情况")
    b.h1("本月概述")
    b.para("本月，工作组召开集体学习交流会1次。")
    b.h2("成员调研情况")
    b.para("推动项目落地。", lead="1.张伟：招商引资。")
    b.table(
        (Column("姓名", 4.0), Column("调研次数", 4.0), Column("说明", 10.0, "left")),
        [("张伟", "4次", "第一行\n第二行"), ("王建国", "3次", "无")],
        caption="成员调研走访次数",
    )
    b.page_break()
    b.h1("下月工作安排")
    b.para("继续抓好集体学习。")
    return b.build(
        "挂职工作信息动态（2025年第6期）",
        author="测试员",
        subject="6月工作情况",
        created=datetime.datetime(2025, 7, 2, 9, 30),
    )


@pytest.fixture
def written(tmp_path: Path) -> Path:
    return docx_writer.render(sample(), tmp_path / "b.docx")


def _east_asian(element) -> str | None:
    fonts = element.find(f"{W}rPr/{W}rFonts")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def test_page_is_a4_with_the_standard_margins(written: Path) -> None:
    section = docx.Document(str(written)).sections[0]
    for name, mm in (
        ("page_width", 210),
        ("page_height", 297),
        ("top_margin", 37),
        ("bottom_margin", 35),
        ("left_margin", 28),
        ("right_margin", 26),
    ):
        value = getattr(section, name)
        assert value.twips == _twips(mm), name  # Word keeps whole twips: the nearest one
        assert abs(value - Mm(mm)) < 635


def test_every_run_names_its_east_asian_font(written: Path) -> None:
    document = docx.Document(str(written))
    expected = {
        "Masthead": ("方正小标宋简体", 36),
        "Title": ("方正小标宋简体", 22),
        "Subtitle": ("楷体_GB2312", 16),
        "Heading 1": ("黑体", 16),
        "Heading 2": ("楷体_GB2312", 16),
        "Normal": ("仿宋_GB2312", 16),
        "Table Caption": ("黑体", 14),
    }
    seen = set()
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if not paragraph.runs:
            continue
        font, size = expected[style]
        seen.add(style)
        for run in paragraph.runs:
            assert _east_asian(run._element) == font, (style, run.text)
            assert run.font.size == Pt(size), (style, run.text)
    assert seen == set(expected)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    assert paragraph.style.name == "Table Text"
                    for run in paragraph.runs:
                        assert _east_asian(run._element) == "仿宋_GB2312"
                        assert run.font.size == Pt(12)


def test_styles_name_the_fonts_and_no_theme_font_is_left(written: Path) -> None:
    document = docx.Document(str(written))
    for name, font, size in (
        ("Normal", "仿宋_GB2312", 16),
        ("Title", "方正小标宋简体", 22),
        ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16),
        ("Table Text", "仿宋_GB2312", 12),
        ("Footer", "宋体", 14),
    ):
        style = document.styles[name]
        assert _east_asian(style.element) == font, name
        assert style.font.size == Pt(size), name
        fonts = style.element.find(f"{W}rPr/{W}rFonts")
        assert fonts.get(qn("w:ascii")) == font and fonts.get(qn("w:hAnsi")) == font
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312"
    with zipfile.ZipFile(written) as package:
        names = package.namelist()
        for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
            xml = package.read(part).decode("utf-8")
            for attribute in THEME_FONT_ATTRIBUTES:
                assert attribute.split(":")[1] + "=" not in xml, (part, attribute)
        assert "word/stylesWithEffects.xml" not in names  # the template's copy with theme fonts
        assert "docProps/thumbnail.jpeg" not in names
        fonts = package.read("word/fontTable.xml").decode("utf-8")
        assert (
            '<w:font w:name="仿宋_GB2312"><w:altName w:val="FangSong_GB2312"/><w:charset w:val="86"/>'
            in fonts
        )


def test_body_spacing_and_indent(written: Path) -> None:
    document = docx.Document(str(written))
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.line_spacing == Pt(28.95)
    assert normal.first_line_indent == Pt(32)
    ind = document.styles["Normal"].element.find(f"{W}pPr/{W}ind")
    assert ind.get(qn("w:firstLineChars")) == "200"
    title = document.styles["Title"].paragraph_format
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (
        document.styles["Heading 1"].element.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == "0"
    )
    assert (
        document.styles["Heading 2"].element.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == "1"
    )
    texts = [p.text for p in document.paragraphs]
    assert "一、本月概述" in texts and "（一）成员调研情况" in texts and "二、下月工作安排" in texts
    masthead_line = next(p for p in document.paragraphs if p.text.startswith("商洛市"))
    assert masthead_line.text == "商洛市赴南京市挂职工作组编\t2025年7月2日"
    rule = masthead_line._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert rule.get(qn("w:color")) == "E60012"
    lead = next(p for p in document.paragraphs if p.text.startswith("1.张伟"))
    assert [r.bold for r in lead.runs] == [True, None]
    assert any(p.paragraph_format.page_break_before for p in document.paragraphs)


def test_tables_have_borders_a_bold_repeated_header_and_full_width(written: Path) -> None:
    document = docx.Document(str(written))
    table = document.tables[0]
    header = table.rows[0]
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert [c.text for c in header.cells] == ["姓名", "调研次数", "说明"]
    assert table.rows[1].cells[2].text == "第一行\n第二行"
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    assert {child.tag.removeprefix(W) for child in borders} == {
        "top",
        "left",
        "bottom",
        "right",
        "insideH",
        "insideV",
    }
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == _twips(156)
    assert widths[2] > widths[0] * 2


def test_page_numbers_odd_right_even_left(written: Path) -> None:
    document = docx.Document(str(written))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        xml = paragraph._p.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph._p.find(f".//{W}instrText").text.strip() == "PAGE"
        assert paragraph.text == "— 1 —"
        for run in paragraph.runs:
            assert _east_asian(run._element) == "宋体"
            assert run.font.size == Pt(14)


def test_core_properties(written: Path) -> None:
    props = docx.Document(str(written)).core_properties
    assert props.title == "挂职工作信息动态（2025年第6期）"
    assert props.author == "测试员" and props.last_modified_by == "测试员"
    # The document's local time, stored as UTC the way Word stores it.
    local = datetime.datetime(2025, 7, 2, 9, 30).astimezone()
    assert props.created == local.astimezone(datetime.UTC)
    assert props.comments == "" and props.language == "zh-CN"


def test_markdown_escapes_cells(tmp_path: Path) -> None:
    b = DocumentBuilder()
    b.h1("测试")
    b.table((Column("名称"), Column("说明")), [("甲|乙", "第一行\n第二行"), ("*星号*", "")])
    text = markdown_writer.render(b.build("测试"), tmp_path / "t.md").read_text(encoding="utf-8")
    assert "## 一、测试" in text
    assert "| 甲\\|乙 | 第一行<br>第二行 |" in text
    assert "| \\*星号\\* |   |" in text
    assert text.count("\n| ") == 4  # header, rule, two rows: no row broken apart
    assert text.endswith("|\n")


def test_markdown_of_the_sample(tmp_path: Path) -> None:
    text = markdown_writer.to_markdown(sample())
    assert text.startswith(
        "# 挂职工作信息动态\n\n第6期\n\n商洛市赴南京市挂职工作组编　　2025年7月2日\n\n---"
    )
    assert "**1.张伟：招商引资。**推动项目落地。" in text
    assert "| 姓名 | 调研次数 | 说明 |\n| :---: | :---: | :--- |" in text


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")],
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text
