"""PDF through Qt: A4 pages, page numbers, embedded fonts and extractable Chinese text."""

from __future__ import annotations

import datetime
import gc
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication

from db.common import errors
from db.documents.document import Column, Document, DocumentBuilder
from db.services.base import MSG_BIN_NOT_FOUND
from gui import pdf


def sample(pages_of_text: int = 1):
    b = DocumentBuilder()
    b.masthead("挂职工作信息动态", "第6期", "商洛市赴南京市挂职工作组编", "2025年7月2日")
    b.title("6月份挂职工作情况")
    b.h1("本月概述")
    b.para("本月，工作组召开集体学习交流会1次，开展调研走访47次。")
    b.h2("成员调研情况")
    b.table(
        (Column("姓名", 4.0), Column("调研次数", 4.0), Column("说明", 10.0, "left")),
        [(f"成员{i}", f"{i}次", "走访企业") for i in range(1, 30)],
        caption="成员调研走访次数",
    )
    for _ in range(pages_of_text * 20):
        b.para("各成员结合挂职岗位交流工作体会和下一步打算，推动各项工作落地见效。")
    return b.build("挂职工作信息动态（2025年第6期）", author="测试员")


def _page_texts(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return out.split("\f")[:-1]


def test_pdf_has_a4_pages_embedded_fonts_and_chinese_text(
    qapp: QApplication, tmp_path: Path
) -> None:
    target = pdf.write_pdf(sample(), tmp_path / "b.pdf")
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data or b"/FontFile3" in data  # the fonts are embedded
    assert b"/MediaBox [0 0 595" in data  # A4: 595 x 842 pt

    if shutil.which("pdffonts"):
        listing = subprocess.run(
            ["pdffonts", str(target)], capture_output=True, check=True, text=True
        ).stdout.splitlines()[2:]
        assert listing, "no fonts in the PDF"
        for line in listing:
            assert re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line), line

    if shutil.which("pdftotext"):
        pages = _page_texts(target)
        assert len(pages) >= 2
        first = re.sub(r"\s", "", pages[0])
        for words in (
            "挂职工作信息动态",
            "第6期",
            "一、本月概述",
            "（一）成员调研情况",
            "开展调研走访47次",
        ):
            assert words in first, words  # the real characters, not look-alike radicals
        # Page numbers: "— 1 —" on the right of odd pages, "— 2 —" on the left of even ones.
        last_of_first = pages[0].rstrip().splitlines()[-1]
        last_of_second = pages[1].rstrip().splitlines()[-1]
        assert re.sub(r"\s", "", last_of_first) == "—1—"
        assert re.sub(r"\s", "", last_of_second) == "—2—"
        indent = lambda line: len(line) - len(line.lstrip())  # noqa: E731
        assert indent(last_of_first) > 30 > indent(last_of_second)
        # The table's header row is repeated on the page it runs onto.
        continued = next(p for p in pages[1:] if "成员29" in p)
        assert "调研次数" in continued
    else:
        # Without poppler, the text is still in the page streams as CID glyphs: check there is some.
        # (Qt compresses the page streams; other streams, such as images, may be stored as they are.)
        streams = re.findall(rb"stream\r?\n(.*?)endstream", data, re.S)
        assert any(b"Tj" in text or b"TJ" in text for text in map(_inflated, streams))


def _inflated(stream: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(stream)
    except zlib.error:
        return stream


def test_pdf_paginates_like_the_text_needs(qapp: QApplication, tmp_path: Path) -> None:
    short = pdf.write_pdf(sample(0), tmp_path / "short.pdf").read_bytes()
    long = pdf.write_pdf(sample(3), tmp_path / "long.pdf").read_bytes()
    count = lambda data: len(re.findall(rb"/Type\s*/Page\b", data))  # noqa: E731
    assert count(long) > count(short) >= 1


def test_families_end_with_the_carried_font(qapp: QApplication) -> None:
    for font in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"):
        found = pdf.families(font)
        assert found
        if pdf.CARRIED_FONT.is_file():
            assert pdf.carried_family() in found


def test_print_preview_paints_the_same_pages(qapp: QApplication, qtbot, tmp_path: Path) -> None:
    document = sample(1)
    dialog = pdf.print_preview_dialog(document)
    assert isinstance(dialog, QPrintPreviewDialog)
    gc.collect()  # the dialog's printer must outlive the function that made it
    dialog.show()  # paints the preview on the printer: a freed printer crashes here
    qtbot.waitExposed(dialog)
    dialog.close()
    dialog.deleteLater()
    # What the preview paints: the same routine on a QPrinter, here one that prints to a file.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printed = pdf.print_document(document, printer)
    written = pdf.write_pdf(document, tmp_path / "written.pdf").read_bytes()
    assert len(printed) == len(re.findall(rb"/Type\s*/Page\b", written)) >= 2


def test_a_preview_whose_document_cannot_be_made_says_so(qapp: QApplication, qtbot) -> None:
    def gone() -> Document:
        raise errors.NotFoundError(MSG_BIN_NOT_FOUND())

    problems: list[Exception] = []
    dialog = pdf.print_preview_dialog(gone, None, problems.append)
    dialog.show()  # paints: the document is asked for here
    qtbot.waitUntil(lambda: bool(problems))
    dialog.close()
    dialog.deleteLater()
    assert isinstance(problems[0], errors.NotFoundError)


def test_radicals_in_the_text_map_become_the_ideographs() -> None:
    cmap = (
        b"/Length 99 >>\nstream\nbegincmap\n<0001> <0003> [<2F49> <6708> <2EE2>]\n"
        b"<0004> <0004> <2F3E>\nendcmap\nendstream\n<2F49> outside a cmap stays"
    )
    fixed = pdf.fix_to_unicode(cmap)
    assert len(fixed) == len(cmap)  # nothing in the file moves
    assert b"[<6708> <6708> <9A6C>]" in fixed  # 月 月 马
    assert b"<0004> <0004> <6237>" in fixed  # 户, as Simplified Chinese fonts draw it
    assert fixed.endswith(b"<2F49> outside a cmap stays")


# -- where the pages break: the text block holds 22 body lines (db.documents.docx_writer.LINE_BODY) ----------


def laid_out(document: Document) -> pdf.Pages:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(pdf.PDF_RESOLUTION)
    pdf._prepare(writer, document)
    return pdf.Pages(document, writer)


def one_line_paragraphs(b: DocumentBuilder, count: int) -> None:
    for i in range(count):
        b.para(f"第{i + 1}段。")


def test_a_heading_never_ends_a_page(qapp: QApplication) -> None:
    b = DocumentBuilder()
    one_line_paragraphs(b, 21)
    b.h1("下一部分")
    b.para("下一部分的正文。")
    pages = laid_out(b.build("标题"))
    assert len(pages) == 2
    assert "第21段" in pages.text(0) and "下一部分" not in pages.text(0)
    assert pages.text(1).startswith("一、下一部分\n下一部分的正文")


def test_a_paragraph_leaves_no_single_line_at_the_foot_or_the_head_of_a_page(
    qapp: QApplication,
) -> None:
    b = DocumentBuilder()
    one_line_paragraphs(b, 20)  # two lines left: the three-line paragraph would leave one over
    b.para("甲行\n乙行\n丙行")
    one_line_paragraphs(b, 18)  # page 2: 3 + 18, one line left for a four-line paragraph
    b.para("子行\n丑行\n寅行\n卯行")
    pages = laid_out(b.build("标题"))
    assert "甲行" not in pages.text(0)  # two on this page and one on the next is not allowed …
    assert "甲行" in pages.text(1)  # … nor one and two: the whole paragraph moves
    assert "子行" not in pages.text(1) and "卯行" in pages.text(2)
    # A paragraph split over two pages gives the next page two lines, never one.
    b = DocumentBuilder()
    one_line_paragraphs(b, 19)
    b.para("子行\n丑行\n寅行\n卯行")
    pages = laid_out(b.build("标题"))
    assert "丑行" in pages.text(0) and "寅行" not in pages.text(0)
    assert pages.text(1).startswith("寅行")


def test_a_short_table_moves_whole_with_its_caption_and_a_long_one_repeats_its_header(
    qapp: QApplication,
) -> None:
    columns = (Column("姓名", 4.0), Column("次数", 4.0))
    b = DocumentBuilder()
    one_line_paragraphs(b, 19)
    b.table(columns, [(f"成员{i}", f"{i}次") for i in range(1, 6)], caption="短表")
    pages = laid_out(b.build("标题"))
    assert "短表" not in pages.text(0)
    assert pages.text(1).startswith("短表\n姓名\t次数\n成员1\t1次")

    b = DocumentBuilder()
    b.table(columns, [(f"成员{i}", f"{i}次") for i in range(1, 101)], caption="长表")
    pages = laid_out(b.build("标题"))
    assert len(pages) >= 3
    for page in range(len(pages)):
        assert "姓名\t次数" in pages.text(page)
    rows = [line for line in pages.text().splitlines() if line.startswith("成员")]
    assert rows == [f"成员{i}\t{i}次" for i in range(1, 101)]  # every row once, in order


def test_a_cell_taller_than_a_page_runs_on_and_loses_nothing(qapp: QApplication) -> None:
    text = "".join(f"第{i}句。" for i in range(1, 600))
    b = DocumentBuilder()
    b.table((Column("事项", 2.0), Column("内容", 10.0, "left")), [("说明", text)])
    pages = laid_out(b.build("标题"))
    assert len(pages) >= 3
    pieces = [
        line.split("\t")[1]
        for page in range(len(pages))
        for line in pages.text(page).splitlines()
        if not line.startswith("事项")
    ]
    assert "".join(pieces) == text


# -- breaking pages as Word does (issue 8, point 6) -------------------------------------------------


def test_a_heading_goes_over_with_a_paragraph_that_cannot_be_split(qapp: QApplication) -> None:
    """The demo March bulletin: room for a heading and two lines, then a heading and a paragraph of
    three lines, which may not leave one line alone on either page. The heading goes to the next
    page with the paragraph, not left alone at the foot of this one."""
    b = DocumentBuilder()
    one_line_paragraphs(b, 19)  # three lines left
    b.h1("学习交流情况")
    b.para("甲行\n乙行\n丙行")
    pages = laid_out(b.build("标题"))
    assert "学习交流情况" not in pages.text(0)
    assert pages.text(1).startswith("一、学习交流情况\n甲行")


def test_a_long_table_starts_after_its_heading_with_two_rows_or_goes_over_with_it(
    qapp: QApplication,
) -> None:
    columns = (Column("姓名", 4.0), Column("次数", 4.0))
    rows = [(f"成员{i}", f"{i}次") for i in range(1, 41)]

    def document(lines_before: int) -> Document:
        b = DocumentBuilder()
        one_line_paragraphs(b, lines_before)
        b.h2("成员调研情况")
        b.table(columns, rows, caption="长表")
        return b.build("标题")

    # Room for the heading, the caption, the header and a few rows: the table starts here.
    pages = laid_out(document(15))
    first = pages.text(0).splitlines()
    assert first[15:18] == ["（一）成员调研情况", "长表", "姓名\t次数"]
    assert len(first) - 18 >= 2
    assert pages.text(1).startswith("姓名\t次数\n成员")
    # Room for the header and one row only: heading, caption and table go over together.
    pages = laid_out(document(19))
    assert "成员调研情况" not in pages.text(0)
    assert pages.text(1).startswith("（一）成员调研情况\n长表\n姓名\t次数\n成员1\t1次")
    # Nor does the table leave one row alone at the head of a page.
    for page in range(1, len(pages)):
        assert len([line for line in pages.text(page).splitlines() if line.startswith("成员")]) >= 2


def test_a_table_taller_than_half_a_page_may_break_like_the_word_file(qapp: QApplication) -> None:
    """Word keeps a short table on one page; one of few but tall rows (the attendance table) breaks
    between its rows, header repeated, rather than leaving most of a page empty."""
    from db.documents import docx_writer

    tall = "说明文字" * 12  # several lines in a narrow column
    b = DocumentBuilder()
    one_line_paragraphs(b, 8)
    b.table(
        (Column("日期", 3.0), Column("说明", 4.0, "left")), [(f"{i}日", tall) for i in range(8)]
    )
    document = b.build("标题")
    table = document.tables()[0]
    assert len(table.rows) <= docx_writer.KEEP_TOGETHER_ROWS
    assert not docx_writer.keeps_whole(table)
    pages = laid_out(document)
    assert "0日" in pages.text(0) and "第8段" in pages.text(0)
    free, _needed = pages.room(0)
    assert free < 0.25 * pages.height / pages.u.pt(1)


@pytest.fixture(scope="module")
def demo_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from db.exchange import demo
    from db.store.database import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with open_database(str(path)) as ledger:
        demo.fill(ledger, 2025, today=datetime.date(2026, 1, 5))
    return path


@pytest.mark.parametrize("month", [1, 3, 6, 9, 12])
def test_the_demo_years_bulletins_break_pages_by_the_rules(
    qapp: QApplication, demo_year: Path, month: int
) -> None:
    """Generated months: no page ends with a heading or a caption, and no page is more than a
    quarter empty unless what follows could not start on it (a table kept whole, a heading with
    the lines that must go with it)."""
    from db.documents.bulletin import build_bulletin
    from db.store.database import open_database

    with open_database(str(demo_year), read_only=True) as ledger:
        document = build_bulletin(ledger, 2025, month, today=datetime.date(2026, 1, 5))
    pages = laid_out(document)
    assert len(pages) >= 3
    height = pages.height / pages.u.pt(1)
    for page in range(len(pages)):
        assert not pages.ends_with(page).keep_with_next, (month, page, pages.text(page)[-30:])
        room = pages.room(page)
        if room is None:
            continue
        free, needed = room
        assert free < needed, (month, page, free, needed)  # what follows could not start here
        assert free <= 0.25 * height or needed > 0.25 * height, (month, page, free, needed)


# -- the carried fonts ------------------------------------------------------------------------------


def test_each_style_falls_back_on_a_carried_face_of_its_kind(qapp: QApplication) -> None:
    """仿宋 on FandolFang, 楷体 on LXGW WenKai, 黑体 on Noto Sans SC: where the machine has none of
    a style, the PDF still sets the body in 仿宋 and the headings in 黑体 and 楷体."""
    carried = pdf.carried_families()
    assert carried == {"sans": "Noto Sans CJK SC", "fang": "FandolFang", "kai": "LXGW WenKai"}
    own = {"仿宋_GB2312": "fang", "黑体": "sans", "楷体_GB2312": "kai", "方正小标宋简体": "sans"}
    for font, style in own.items():
        found = pdf.families(font)
        first_carried = next(f for f in found if f in carried.values())
        assert first_carried == carried[style], font
        assert set(carried.values()) <= set(found)  # the others, for a character it lacks


def test_the_carried_faces_are_small_gb2312_subsets_with_their_licences() -> None:
    from fontTools.ttLib import TTFont

    gb2312 = {
        ord(bytes((row, cell)).decode("gb2312"))
        for row in range(0xB0, 0xF8)
        for cell in range(0xA1, 0xFF)
        if (row, cell) not in {(0xD7, c) for c in range(0xFA, 0xFF)}
    }  # the 6,763 hanzi
    licences = {"fang": "FandolFang-COPYING.txt", "kai": "LXGWWenKai-OFL.txt", "sans": "OFL.txt"}
    for style, path in pdf.CARRIED_FONTS.items():
        assert path.stat().st_size < 6_000_000, path.name
        with TTFont(str(path), lazy=True) as font:
            cmap = font.getBestCmap()
        assert gb2312 <= set(cmap), path.name
        assert max(cmap) < 0x10000 and len(cmap) < 8_000, path.name  # a subset
        licence = (path.parent / licences[style]).read_text(encoding="utf-8")
        assert path.name in licence
    fandol = (pdf.RESOURCES / "fonts" / "FandolFang-COPYING.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in fandol and "As a special exception" in fandol
    lxgw = (pdf.RESOURCES / "fonts" / "LXGWWenKai-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in lxgw


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs poppler's pdffonts")
def test_a_machine_without_chinese_fonts_gets_the_styles_from_the_carried_faces(
    qapp: QApplication, tmp_path: Path
) -> None:
    from PySide6.QtGui import QFontDatabase

    installed = set(QFontDatabase.families())
    for font in ("仿宋_GB2312", "黑体", "楷体_GB2312"):
        if set(pdf.SUBSTITUTES[font]) & installed:
            pytest.skip(f"this machine has a font for {font}")
    target = pdf.write_pdf(sample(), tmp_path / "b.pdf")
    listing = subprocess.run(
        ["pdffonts", str(target)], capture_output=True, check=True, text=True
    ).stdout
    for name in ("FandolFang", "LXGWWenKai", "NotoSansCJKsc"):
        assert name in listing, listing


def test_a_body_line_holds_28_characters(qapp: QApplication) -> None:
    """As in the Word file: 28 characters of 3号 to the line, 26 after a first-line indent."""
    b = DocumentBuilder()
    b.para("一二三四五六七八九十" * 6, indent=False)
    b.para("一二三四五六七八九十" * 6)
    pages = laid_out(b.build("标题"))
    flows = [flow for flow, _a, _b in pages._placed[0]]
    lines = [
        [len(flow.text.lines_text(range(i, i + 1))) for i in range(flow.text.lines)]
        for flow in flows
    ]
    assert lines == [[28, 28, 4], [26, 28, 6]]
