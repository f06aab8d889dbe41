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

from db.documents import docx_writer, markdown_writer
from db.documents.document import Column, DocumentBuilder, chinese_number
from db.documents.docx_writer import THEME_FONT_ATTRIBUTES

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
    masthead_line = next(p for p in document.paragraphs if "商洛市" in p.text)
    assert masthead_line.text == "\t商洛市赴南京市挂职工作组编\t2025年7月2日"
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


# -- GB/T 9704 (issue 8, point 5) ------------------------------------------------------------------


def test_a_body_line_holds_28_characters_and_a_page_22_lines(written: Path) -> None:
    """GB/T 9704 §5.2.2: 28 characters of 3号 to the 156 mm line, 22 lines to the page. A 16 pt
    character is set 0.25 pt narrower (w:spacing), so that 28 fit and a 29th does not (without it,
    27 fit: the line is 442.2 pt); LibreOffice renders the bulletin so, 28 to a full line."""
    document = docx.Document(str(written))
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 12700  # points
    for name in ("Normal", "Heading 1", "Heading 2"):
        style = document.styles[name]
        size = (style.font.size or document.styles["Normal"].font.size).pt
        spacing = style.element.find(f"{W}rPr/{W}spacing")
        if spacing is None:  # inherited from Normal
            spacing = document.styles["Normal"].element.find(f"{W}rPr/{W}spacing")
        advance = size + int(spacing.get(qn("w:val"))) / 20
        assert size == 16, name
        assert 28 * advance <= width < 29 * advance, name
        assert 27 * 16 <= width < 28 * 16  # why: without it, a line holds 27
    for name in ("Title", "Table Text", "Table Caption", "Colophon"):
        spacing = document.styles[name].element.find(f"{W}rPr/{W}spacing")
        assert spacing is not None and spacing.get(qn("w:val")) == "0", name
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(qn("w:type")) == "lines"
    assert int(grid.get(qn("w:linePitch"))) == 579  # 28.95 pt in twips
    height = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    assert int(height // 28.95) == 22


def test_text_of_other_sizes_keeps_off_the_grid(written: Path) -> None:
    """The line grid is the body's: a title, a caption, a table, the 版记 and the page numbers
    keep their own line spacing."""
    document = docx.Document(str(written))
    for name in ("Title", "Masthead", "Table Caption", "Table Text", "Footer", "Colophon"):
        snap = document.styles[name].element.find(f"{W}pPr/{W}snapToGrid")
        assert snap is not None and snap.get(qn("w:val")) == "0", name
    for name in ("Normal", "Heading 1", "Heading 2"):
        assert document.styles[name].element.find(f"{W}pPr/{W}snapToGrid") is None, name


def test_widow_and_orphan_control_is_on(written: Path) -> None:
    document = docx.Document(str(written))
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "Table Text"):
        assert document.styles[name].paragraph_format.widow_control is True, name


def test_the_masthead_rule_spans_the_text_block(written: Path) -> None:
    """GB/T 9704 §7.2.5: the red rule is as wide as the type area (156 mm); a paragraph border runs
    between the paragraph's indents, so the issuing line has none and tab stops set its text in
    one character from either side."""
    document = docx.Document(str(written))
    line = next(p for p in document.paragraphs if "商洛市" in p.text)
    rule = line._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert rule.get(qn("w:color")) == "E60012" and rule.get(qn("w:val")) == "single"
    pf = line.paragraph_format
    assert not pf.left_indent and not pf.right_indent and not pf.first_line_indent
    ind = line._p.find(f"{W}pPr/{W}ind")
    assert ind is None or ind.get(qn("w:firstLineChars")) in (None, "0")
    stops = [(t.alignment, round(t.position.pt, 1)) for t in pf.tab_stops]
    text_width = round(Mm(156).pt - 16, 1)
    assert [round(position) for _align, position in stops] == [16, round(text_width)]
    assert line.text.startswith("\t")


def _colophon_document(copy_to: str, issuer: str):
    b = DocumentBuilder()
    b.title("6月份挂职工作情况")
    b.para("正文。")
    b.colophon(copy_to, issuer, "2025年7月2日")
    return b.build("版记")


def test_the_colophon_closes_the_document_between_rules(tmp_path: Path) -> None:
    target = docx_writer.render(
        _colophon_document("省挂职工作队，商洛市委组织部", "商洛市赴南京市挂职工作组"),
        tmp_path / "c.docx",
    )
    document = docx.Document(str(target))
    table = document.tables[-1]
    body = document.element.body
    assert body.index(table._tbl) > body.index(
        next(p for p in document.paragraphs if p.text == "正文。")._p
    )
    assert [row.cells[0].text for row in table.rows] == [
        "抄送：省挂职工作队，商洛市委组织部。",
        "商洛市赴南京市挂职工作组\t2025年7月2日印发",
    ]
    borders = {
        child.tag.removeprefix(W): (child.get(qn("w:val")), child.get(qn("w:sz")))
        for child in table._tbl.tblPr.find(f"{W}tblBorders")
    }
    assert borders["top"] == ("single", "8") and borders["bottom"] == ("single", "8")
    assert borders["insideH"] == ("single", "6")
    assert {borders[s][0] for s in ("left", "right", "insideV")} == {"nil"}
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert widths == [_twips(156)]
    # 仿宋 4号, one character in from each side, kept on one page.
    for row in table.rows:
        paragraph = row.cells[0].paragraphs[0]
        assert paragraph.style.name == "Colophon"
        assert {_east_asian(r._r) for r in paragraph.runs} == {"仿宋_GB2312"}
        assert {r.font.size for r in paragraph.runs} == {Pt(14)}
        assert round(paragraph.paragraph_format.left_indent.pt) in (14, 56)
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None
    assert table.rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next
    issue = table.rows[1].cells[0].paragraphs[0].paragraph_format
    assert round(issue.tab_stops[0].position.pt) == round(Mm(156).pt - 14)


def test_the_colophon_leaves_out_what_is_not_set(tmp_path: Path) -> None:
    only_issuer = docx.Document(
        str(docx_writer.render(_colophon_document("", "工作组"), tmp_path / "a.docx"))
    )
    assert [r.cells[0].text for r in only_issuer.tables[-1].rows] == ["工作组\t2025年7月2日印发"]
    none = docx.Document(str(docx_writer.render(_colophon_document(" ", ""), tmp_path / "b.docx")))
    assert none.tables == []
    assert "印发" not in "".join(p.text for p in none.paragraphs)


def _keep_next(table) -> list[bool]:
    return [row._tr.find(f"{W}tc/{W}p/{W}pPr/{W}keepNext") is not None for row in table.rows]


def test_tables_keep_together_as_the_pdf_keeps_them(tmp_path: Path) -> None:
    """A short table stays on one page; a long one, or one taller than half a page, keeps its header
    with its first two rows and its last two rows together (the PDF breaks by the same rule)."""
    columns = (Column("日期", 3.0), Column("说明", 4.0, "left"))
    b = DocumentBuilder()
    b.table(columns, [(f"{i}日", "无") for i in range(5)], caption="短表")
    b.table(columns, [(f"{i}日", "无") for i in range(20)], caption="长表")
    b.table(columns, [(f"{i}日", "说明文字" * 12) for i in range(6)], caption="高表")
    document = b.build("表")
    short, long, tall = document.tables()
    assert docx_writer.keeps_whole(short)
    assert not docx_writer.keeps_whole(long) and not docx_writer.keeps_whole(tall)
    assert docx_writer.table_height(tall) > 0.5 * Mm(225).pt
    written = docx.Document(str(docx_writer.render(document, tmp_path / "t.docx")))
    first, second, third = written.tables
    assert _keep_next(first) == [True] * 5 + [False]  # the header, then every row but the last
    assert _keep_next(second) == [True, True] + [False] * 17 + [True, False]
    assert _keep_next(third) == [True, True, False, False, False, True, False]
