"""A Document as a Word file laid out as Chinese official documents are (GB/T 9704-2012).

A4 with margins of 37 mm (top), 35 mm (bottom), 28 mm (left) and 26 mm (right); the title in
方正小标宋简体 2号 (22 pt), centred; body text in 仿宋_GB2312 3号 (16 pt) at a fixed line spacing of
28.95 pt (22 lines to the page) with a first-line indent of two characters; first-level headings
"一、" in 黑体 and second-level "（一）" in 楷体_GB2312, both 3号; tables in 仿宋_GB2312 小四 (12 pt)
with borders and a bold header row that repeats on every page; page numbers "— 1 —" in 宋体 4号
(14 pt), odd pages on the right and even pages on the left, one character in from the edge.

python-docx's ``Font.name`` sets only the Latin fonts (w:ascii, w:hAnsi), and python-docx's default
template points every style at theme fonts (w:asciiTheme, w:eastAsiaTheme, …), which take precedence
over named fonts. So the East Asian font (w:eastAsia) is written on every run and in every style used,
and every theme font attribute in the styles is removed: otherwise Word and WPS show the Chinese in
the default font. The font table names each font with its GB2312 character set and its other name, so
that Word substitutes a Chinese font of the same kind where one is missing.
"""

from __future__ import annotations

import copy
import datetime
import io
import math
import os
import unicodedata
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from lxml import etree

from db.common import clock
from db.common.text import clean_text
from db.documents.document import (
    Align,
    Colophon,
    Document,
    Heading1,
    Heading2,
    Masthead,
    PageBreak,
    Paragraph,
    Subtitle,
    Table,
    Title,
)

# -- the layout (GB/T 9704-2012) ------------------------------------------------------------------

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156 mm: 28 characters of 3号
FOOTER_DISTANCE_MM = 25  # the page number sits about 7 mm below the text block
HEADER_DISTANCE_MM = 15

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING1 = "黑体"
FONT_HEADING2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"

SIZE_MASTHEAD = 36.0  # 小初: the bulletin's name in its masthead
SIZE_TITLE = 22.0  # 2号
SIZE_BODY = 16.0  # 3号
SIZE_CAPTION = 14.0  # 4号
SIZE_TABLE = 12.0  # 小四
SIZE_PAGE_NUMBER = 14.0  # 4号

LINE_BODY = 28.95  # exactly: 22 lines in the 225 mm text block
CHARS_PER_LINE = 28  # of 3号 in the 156 mm text block
# 28 characters of 3号 to the 156 mm line (442.2 pt): each body character is set 0.25 pt narrower
# than its 16 pt (w:spacing -5 twentieths in the body's styles), so 28 take 441 pt. Word's own way,
# a "lines and characters" document grid with a negative w:charSpace, is not used: LibreOffice
# (7.4) gives each 16 pt character two cells of such a grid (14 to a line), and 27 with charSpace 0.
BODY_CHAR_SPACING = -0.25  # points
# The line grid (w:docGrid type "lines"): 22 lines to the page, the body's exact 28.95 pt.
GRID_LINE_PITCH = round(LINE_BODY * 20)  # 579 twips
LINE_TITLE = 36.0
LINE_MASTHEAD = 48.0
LINE_TABLE = 18.0
KEEP_TOGETHER_ROWS = 15  # tables up to this many rows, and
KEEP_TOGETHER_HEIGHT = 0.5  # up to this share of a page high, are kept on one page
TABLE_ROWS_TOGETHER = 2  # a longer one leaves at least this many rows at a page's foot and head
TABLE_CELL_PADDING = 3.0  # points above and below a cell's text (w:tblCellMar; the PDF's too)
TABLE_CELL_SIDE = 4.25  # points left and right of it (85 twips)
RED = RGBColor(0xE6, 0x00, 0x12)  # the red of a masthead and its rule

# Each font the documents name: (other name, family) for the font table.
FONT_TABLE = {
    FONT_TITLE: ("FZXiaoBiaoSong-B05S", "roman"),
    FONT_BODY: ("FangSong_GB2312", "modern"),
    FONT_HEADING1: ("SimHei", "modern"),
    FONT_HEADING2: ("KaiTi_GB2312", "modern"),
    FONT_PAGE_NUMBER: ("SimSun", "auto"),
}
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Styles: python-docx's built-in names where Word has one (so the navigation pane and outline work).
STYLE_BODY = "Normal"
STYLE_TITLE = "Title"
STYLE_SUBTITLE = "Subtitle"
STYLE_HEADING1 = "Heading 1"
STYLE_HEADING2 = "Heading 2"
STYLE_FOOTER = "Footer"
STYLE_MASTHEAD = "Masthead"
STYLE_CAPTION = "Table Caption"
STYLE_TABLE = "Table Text"
STYLE_COLOPHON = "Colophon"
RULE_COLOPHON_OUTER = 8  # eighths of a point: the 版记's first and last rules (0.35 mm)
RULE_COLOPHON_INNER = 6  # the rule between its lines (0.25 mm)

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


# -- fonts ----------------------------------------------------------------------------------------


def set_east_asian_font(rpr: Any, font: str) -> None:
    """Name ``font`` for every script of a run or style (w:rFonts), theme fonts removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.get_or_add_rFonts() if hasattr(rpr, "get_or_add_rFonts") else None
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    fonts.set(qn("w:hint"), "eastAsia")


def _clear_theme_fonts(styles_element: Any, fallback: str) -> None:
    """Remove every theme font attribute from the styles part; an rFonts left without a named East
    Asian font gets ``fallback``."""
    for fonts in styles_element.iter(qn("w:rFonts")):
        had_theme = any(fonts.get(qn(a)) is not None for a in THEME_FONT_ATTRIBUTES)
        for attribute in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        if had_theme or fonts.get(qn("w:eastAsia")) is None:
            for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                if fonts.get(qn(slot)) is None:
                    fonts.set(qn(slot), fallback)


def _add_font_table_entries(docx: Any) -> None:
    """Name each font with its GB2312 charset, so that a machine without it substitutes a Chinese
    font of the same kind rather than a Latin one. (python-docx keeps the font table as raw XML.)"""
    font_part = docx.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(font_part.blob)
    existing = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (other, family) in FONT_TABLE.items():
        if name in existing:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (
            ("w:altName", other),
            ("w:charset", "86"),
            ("w:family", family),
            ("w:pitch", "variable"),
        ):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- styles ---------------------------------------------------------------------------------------


def _reset(style_element: Any) -> None:
    """Drop a style's own paragraph and run properties (the template's colours, borders, spacing)."""
    for tag in ("w:pPr", "w:rPr"):
        for child in style_element.findall(qn(tag)):
            style_element.remove(child)


def _outline_level(style: Any, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.append(outline)


def _first_line_chars(paragraph_format_element: Any, chars: int) -> None:
    """A first-line indent in characters (w:firstLineChars, hundredths of a character), which Word and
    WPS prefer to the absolute one; the absolute one stays for other readers."""
    ind = paragraph_format_element.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        paragraph_format_element.append(ind)
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _define(
    docx: Any,
    name: str,
    *,
    font: str,
    size: float,
    line: float | None,
    align: Align = "justify",
    bold: bool = False,
    color: RGBColor | None = None,
    indent_chars: int = 0,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
    outline: int | None = None,
    grid: bool = True,
) -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    try:
        style = docx.styles[name]
    except KeyError:
        style = docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = docx.styles[STYLE_BODY]
        style.quick_style = True
    _reset(style.element)
    font_format = style.font
    font_format.size = Pt(size)
    font_format.bold = bold
    font_format.italic = False
    if color is not None:
        font_format.color.rgb = color
    set_east_asian_font(style.element.get_or_add_rPr(), font)
    pf = style.paragraph_format
    pf.alignment = _ALIGN[align]
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.first_line_indent = Pt(size * indent_chars)
    pf.left_indent = Pt(0)
    pf.right_indent = Pt(0)
    pf.keep_with_next = keep_next
    pf.widow_control = True  # no single line of a paragraph at the foot or the head of a page
    _first_line_chars(style.element.get_or_add_pPr(), indent_chars)
    # Body-sized text on the grid is set a little narrower, so that 28 characters fill a line;
    # the rest keeps its own width (w:spacing in w:rPr, after the fonts, bold and colour).
    spacing = BODY_CHAR_SPACING if grid and size == SIZE_BODY else 0
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    rpr.insert_element_before(
        _element("w:spacing", val=str(round(spacing * 20))),
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    )
    if not grid:
        _off_grid(style.element.get_or_add_pPr())
    if outline is not None:
        _outline_level(style, outline)
    return style


# w:pPr's children that come after w:snapToGrid in the schema's sequence.
_AFTER_SNAP_TO_GRID = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _off_grid(ppr: Any) -> None:
    """Text that does not sit on the document's line grid (w:snapToGrid off): titles, captions,
    tables, the 版记 and page numbers keep their own line spacing, not the body's 28.95 pt."""
    ppr.insert_element_before(_element("w:snapToGrid", val="0"), *_AFTER_SNAP_TO_GRID)


def _setup_styles(docx: Any) -> None:
    styles_element = docx.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_east_asian_font(rpr, FONT_BODY)
            for lang in rpr.findall(qn("w:lang")):
                lang.set(qn("w:val"), "en-US")
                lang.set(qn("w:eastAsia"), "zh-CN")
        ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        if ppr is not None:
            for spacing in ppr.findall(qn("w:spacing")):
                ppr.remove(spacing)
    _clear_theme_fonts(styles_element, FONT_BODY)

    body = _define(docx, STYLE_BODY, font=FONT_BODY, size=SIZE_BODY, line=LINE_BODY, indent_chars=2)
    # No extra space between Chinese and digits: each line holds its 28 characters, as the
    # standard's grid counts them (Word adds a quarter em there by default).
    spacing = body.element.get_or_add_pPr().find(qn("w:spacing"))
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        spacing.addprevious(_element(tag, val="0"))
    _define(
        docx,
        STYLE_TITLE,
        font=FONT_TITLE,
        size=SIZE_TITLE,
        line=LINE_TITLE,
        align="center",
        after=LINE_BODY,
        keep_next=True,
        grid=False,
    )
    _define(
        docx,
        STYLE_SUBTITLE,
        font=FONT_HEADING2,
        size=SIZE_BODY,
        line=LINE_BODY,
        align="center",
        after=LINE_BODY / 2,
        keep_next=True,
    )
    _define(
        docx,
        STYLE_HEADING1,
        font=FONT_HEADING1,
        size=SIZE_BODY,
        line=LINE_BODY,
        indent_chars=2,
        keep_next=True,
        outline=0,
    )
    _define(
        docx,
        STYLE_HEADING2,
        font=FONT_HEADING2,
        size=SIZE_BODY,
        line=LINE_BODY,
        indent_chars=2,
        keep_next=True,
        outline=1,
    )
    _define(
        docx,
        STYLE_MASTHEAD,
        font=FONT_TITLE,
        size=SIZE_MASTHEAD,
        line=LINE_MASTHEAD,
        align="center",
        color=RED,
        keep_next=True,
        grid=False,
    )
    _define(
        docx,
        STYLE_CAPTION,
        font=FONT_HEADING1,
        size=SIZE_CAPTION,
        line=LINE_BODY,
        align="center",
        before=4,
        keep_next=True,
        grid=False,
    )
    _define(
        docx,
        STYLE_TABLE,
        font=FONT_BODY,
        size=SIZE_TABLE,
        line=LINE_TABLE,
        align="center",
        grid=False,
    )
    _define(
        docx,
        STYLE_COLOPHON,
        font=FONT_BODY,
        size=SIZE_CAPTION,
        line=LINE_BODY,
        align="left",
        grid=False,
    )
    _define(
        docx,
        STYLE_FOOTER,
        font=FONT_PAGE_NUMBER,
        size=SIZE_PAGE_NUMBER,
        line=None,
        align="right",
        grid=False,
    )


# -- paragraphs and runs --------------------------------------------------------------------------


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RPR_CACHE: dict[tuple[str, float, bool | None, str], Any] = {}


def _rpr(font: str, size: float, bold: bool | None = None, color: str = "") -> Any:
    """A run's properties: the font for every script (East Asian included), size, bold, colour."""
    key = (font, size, bold, color)
    if key not in _RPR_CACHE:
        rpr = OxmlElement("w:rPr")
        fonts = _child(rpr, "w:rFonts")
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(slot), font)
        fonts.set(qn("w:hint"), "eastAsia")
        if bold is not None:
            _child(rpr, "w:b", val="1" if bold else "0")
            _child(rpr, "w:bCs", val="1" if bold else "0")
        if color:
            _child(rpr, "w:color", val=color)
        _child(rpr, "w:sz", val=str(round(size * 2)))
        _child(rpr, "w:szCs", val=str(round(size * 2)))
        _RPR_CACHE[key] = rpr
    return copy.deepcopy(_RPR_CACHE[key])


def _append_text(r: Any, text: str) -> None:
    """Text into a run, line breaks as w:br and tabs as w:tab (control characters, which Word's XML
    cannot hold, taken out: db.common.text)."""
    for index, line in enumerate(clean_text(text).split("\n")):
        if index:
            etree.SubElement(r, f"{_W}br")
        for position, piece in enumerate(line.split("\t")):
            if position:
                etree.SubElement(r, f"{_W}tab")
            if piece:
                t = etree.SubElement(r, f"{_W}t")
                t.text = piece
                if piece != piece.strip():
                    t.set(_XML_SPACE, "preserve")


def _run(
    paragraph: Any,
    text: str,
    font: str,
    size: float,
    *,
    bold: bool | None = None,
    color: str = "",
) -> Any:
    """A run with its fonts and size written on it, East Asian font included; line breaks kept."""
    r = etree.SubElement(paragraph._p, f"{_W}r")
    r.append(_rpr(font, size, bold, color))
    _append_text(r, text)
    return DocxRun(r, paragraph)


def _paragraph(docx: Any, style: str, *, align: Align | None = None) -> Any:
    """A new paragraph at the end of the body. Written as XML with the style's id: python-docx's
    lookup of a style by name reads the whole styles part each time."""
    p = OxmlElement("w:p")
    if style != STYLE_BODY or align is not None:
        ppr = _child(p, "w:pPr")
        if style != STYLE_BODY:
            _child(ppr, "w:pStyle", val=style.replace(" ", ""))
        if align is not None:
            _child(ppr, "w:jc", val=_JC[align])
    docx.element.body.sectPr.addprevious(p)
    return DocxParagraph(p, docx._body)


def _no_indent(paragraph: Any) -> None:
    pf = paragraph.paragraph_format
    pf.first_line_indent = Pt(0)
    _first_line_chars(paragraph._p.get_or_add_pPr(), 0)


def _bottom_rule(paragraph: Any, color: RGBColor, eighths: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(eighths))
    bottom.set(qn("w:space"), "4")
    bottom.set(qn("w:color"), str(color))
    borders.append(bottom)
    # w:pBdr comes before w:shd, w:tabs, w:spacing, w:ind and w:jc in pPr's sequence.
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)


def _masthead(docx: Any, block: Masthead) -> None:
    title = _paragraph(docx, STYLE_MASTHEAD)
    _run(title, block.title, FONT_TITLE, SIZE_MASTHEAD, color=str(RED))
    issue = _paragraph(docx, STYLE_SUBTITLE)
    issue.paragraph_format.space_after = Pt(6)
    _run(issue, block.issue, FONT_HEADING2, SIZE_BODY)
    # GB/T 9704 §7.2.4 sets the issuing line in one character from either side, over a red rule
    # as wide as the text block: the paragraph keeps no indent (its border spans its indents) and
    # tab stops set the text in.
    line = _paragraph(docx, STYLE_BODY, align="left")
    _no_indent(line)
    one_char = Pt(SIZE_BODY)
    line.paragraph_format.space_after = Pt(LINE_BODY)
    tabs = line.paragraph_format.tab_stops
    tabs.add_tab_stop(one_char, WD_TAB_ALIGNMENT.LEFT)
    tabs.add_tab_stop(Mm(TEXT_WIDTH_MM) - one_char, WD_TAB_ALIGNMENT.RIGHT)
    _run(line, f"\t{block.unit}\t{block.date}", FONT_BODY, SIZE_BODY)
    _bottom_rule(line, RED, 12)


def _body_paragraph(docx: Any, block: Paragraph) -> None:
    paragraph = _paragraph(docx, STYLE_BODY, align=block.align)
    if not block.indent or block.align in ("center", "right"):
        _no_indent(paragraph)
    if block.lead:
        _run(paragraph, block.lead, FONT_BODY, SIZE_BODY, bold=True)
    if block.text:
        _run(paragraph, block.text, FONT_BODY, SIZE_BODY)


# -- tables ---------------------------------------------------------------------------------------


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _child(parent: Any, tag: str, **attributes: str) -> Any:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _table_properties(widths: list[int]) -> Any:
    """w:tblPr: full width, centred, single borders all round and inside, fixed layout, narrow cell
    margins (children in the schema's order)."""
    tbl_pr = OxmlElement("w:tblPr")
    _child(tbl_pr, "w:tblW", w=str(sum(widths)), type="dxa")
    _child(tbl_pr, "w:jc", val="center")
    borders = _child(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
    _child(tbl_pr, "w:tblLayout", type="fixed")
    margins = _child(tbl_pr, "w:tblCellMar")
    vertical, side_margin = str(round(TABLE_CELL_PADDING * 20)), str(round(TABLE_CELL_SIDE * 20))
    for side, value in (
        ("top", vertical),
        ("left", side_margin),
        ("bottom", vertical),
        ("right", side_margin),
    ):
        _child(margins, f"w:{side}", w=value, type="dxa")
    _child(
        tbl_pr,
        "w:tblLook",
        val="0000",
        firstRow="0",
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand="1",
        noVBand="1",
    )
    return tbl_pr


class _CellWriter:
    """Table cells written straight as XML, each a copy of a prepared cell of its kind: python-docx's
    cell objects take time that grows with the table (a provincial team's month makes tables of
    hundreds of rows)."""

    def __init__(self) -> None:
        self.kinds: dict[tuple[int, str, bool, bool], Any] = {}

    def row(self, tbl: Any, *, header: bool) -> Any:
        tr = _child(tbl, "w:tr")
        tr_pr = _child(tr, "w:trPr")
        _child(tr_pr, "w:cantSplit")
        if header:
            _child(tr_pr, "w:tblHeader")
        return tr

    def _prototype(self, width: int, align: Align, bold: bool, keep_next: bool) -> Any:
        key = (width, align, bold, keep_next)
        if key not in self.kinds:
            tc = OxmlElement("w:tc")
            tc_pr = _child(tc, "w:tcPr")
            _child(tc_pr, "w:tcW", w=str(width), type="dxa")
            _child(tc_pr, "w:vAlign", val="center")
            p = _child(tc, "w:p")
            p_pr = _child(p, "w:pPr")
            _child(p_pr, "w:pStyle", val=STYLE_TABLE.replace(" ", ""))
            if keep_next:
                _child(p_pr, "w:keepNext")
            _child(p_pr, "w:jc", val=_JC[align])
            r = _child(p, "w:r")
            r.append(_rpr(FONT_BODY, SIZE_TABLE, True if bold else None))
            self.kinds[key] = tc
        return self.kinds[key]

    def cell(
        self, tr: Any, text: str, width: int, align: Align, *, bold: bool, keep_next: bool
    ) -> None:
        tc = self._prototype(width, align, bold, keep_next).__deepcopy__(None)
        r = tc[1][1]  # w:p, then its w:r after w:pPr
        if text:
            _append_text(r, text)
        else:
            r.getparent().remove(r)
        tr.append(tc)


_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _cell_lines(text: str, width: float) -> int:
    """How many lines a cell's text takes in 小四 in a column ``width`` points wide (a full-width
    character one em, any other half of one)."""
    lines = 0
    for line in text.split("\n"):
        ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line)
        lines += max(1, math.ceil(ems * SIZE_TABLE / width - 1e-9))
    return lines


def table_height(block: Table) -> float:
    """A table's height in points, estimated from its cells' characters (Word lays it out itself;
    the PDF measures it): each row as tall as its cell of most lines."""
    inner = [TEXT_WIDTH_MM / 25.4 * 72 * share - 2 * TABLE_CELL_SIDE for share in block.widths]
    rows = ([tuple(c.title for c in block.columns)] if block.header else []) + list(block.rows)
    return sum(
        max(_cell_lines(text, width) for text, width in zip(row, inner, strict=True)) * LINE_TABLE
        + 2 * TABLE_CELL_PADDING
        for row in rows
    )


def keeps_whole(block: Table) -> bool:
    """Whether a table stays on one page (moving whole to the next when it does not fit): one of up
    to 15 rows and up to half a page high. A longer one breaks between rows, with its header
    repeated, and at least two rows at the foot of one page and at the head of the next. The PDF
    (gui/pdf.py) follows the same rule."""
    page = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) / 25.4 * 72
    return len(block.rows) <= KEEP_TOGETHER_ROWS and table_height(block) <= (
        KEEP_TOGETHER_HEIGHT * page
    )


def _table(docx: Any, block: Table, cells: _CellWriter) -> None:
    if block.caption:
        caption = _paragraph(docx, STYLE_CAPTION)
        _run(caption, block.caption, FONT_HEADING1, SIZE_CAPTION)
    total = _twips(TEXT_WIDTH_MM)
    widths = [round(total * share) for share in block.widths]
    widths[-1] += total - sum(widths)
    tbl = OxmlElement("w:tbl")
    tbl.append(_table_properties(widths))
    grid = _child(tbl, "w:tblGrid")
    for width in widths:
        _child(grid, "w:gridCol", w=str(width))
    # A short table stays on one page (Word keeps rows whose paragraphs "keep with next" together);
    # a long one keeps its caption and header with its first two rows, and its last two rows
    # together.
    rows = len(block.rows)
    if keeps_whole(block):
        kept = set(range(rows - 1))
    else:
        kept = {*range(TABLE_ROWS_TOGETHER - 1), *range(rows - TABLE_ROWS_TOGETHER, rows - 1)}
    if block.header:
        tr = cells.row(tbl, header=True)
        for column, width in zip(block.columns, widths, strict=True):
            cells.cell(tr, column.title, width, "center", bold=True, keep_next=True)
    for index, values in enumerate(block.rows):
        tr = cells.row(tbl, header=False)
        for column, value, width in zip(block.columns, values, widths, strict=True):
            cells.cell(tr, value, width, column.align, bold=column.bold, keep_next=index in kept)
    docx.element.body.sectPr.addprevious(tbl)
    # A short gap after the table before the text goes on.
    spacer = _paragraph(docx, STYLE_TABLE)
    spacer.paragraph_format.line_spacing = Pt(LINE_BODY / 2)


# -- the 版记 -------------------------------------------------------------------------------------


def _colophon(docx: Any, block: Colophon) -> None:
    """GB/T 9704 §7.4: the 版记's lines in 仿宋 4号 between rules as wide as the text block (thick
    first and last, thin between): 抄送 one character in, its further lines under the first name;
    the 印发机关 one character in from the left and "…印发" one character in from the right. Set as
    a table without side borders, kept on one page; a line of space before it."""
    gap = _paragraph(docx, STYLE_BODY)
    _no_indent(gap)
    gap.paragraph_format.keep_with_next = True
    total = _twips(TEXT_WIDTH_MM)
    one_char = _twips(SIZE_CAPTION / 72 * 25.4)
    tbl = OxmlElement("w:tbl")
    tbl_pr = _child(tbl, "w:tblPr")
    _child(tbl_pr, "w:tblW", w=str(total), type="dxa")
    _child(tbl_pr, "w:jc", val="center")
    borders = _child(tbl_pr, "w:tblBorders")
    for side, size in (
        ("top", RULE_COLOPHON_OUTER),
        ("left", 0),
        ("bottom", RULE_COLOPHON_OUTER),
        ("right", 0),
        ("insideH", RULE_COLOPHON_INNER),
        ("insideV", 0),
    ):
        if size:
            _child(borders, f"w:{side}", val="single", sz=str(size), space="0", color="000000")
        else:
            _child(borders, f"w:{side}", val="nil")
    _child(tbl_pr, "w:tblLayout", type="fixed")
    margins = _child(tbl_pr, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        _child(margins, f"w:{side}", w="0", type="dxa")
    _child(_child(tbl, "w:tblGrid"), "w:gridCol", w=str(total))
    lines: list[tuple[str, dict[str, str], list[tuple[str, int]]]] = []
    if block.copy_line:
        # "抄送：" hangs: a second line starts under the first name (three characters in).
        indent = {
            "left": str(one_char * 4),
            "right": str(one_char),
            "hanging": str(one_char * 3),
            "hangingChars": "300",
        }
        lines.append((block.copy_line, indent, []))
    issuer, date = block.issuer.strip(), block.issue_date
    if issuer or date:
        tabs = [("right", total - one_char)]
        indent = {"left": str(one_char), "firstLine": "0", "firstLineChars": "0"}
        lines.append((f"{issuer}\t{date}", indent, tabs))
    for index, (text, indent, tabs) in enumerate(lines):
        tr = _child(tbl, "w:tr")
        _child(_child(tr, "w:trPr"), "w:cantSplit")
        tc = _child(tr, "w:tc")
        tc_pr = _child(tc, "w:tcPr")
        _child(tc_pr, "w:tcW", w=str(total), type="dxa")
        _child(tc_pr, "w:vAlign", val="center")
        p = _child(tc, "w:p")
        p_pr = _child(p, "w:pPr")
        _child(p_pr, "w:pStyle", val=STYLE_COLOPHON)
        if index < len(lines) - 1:
            _child(p_pr, "w:keepNext")
        if tabs:
            tabs_element = _child(p_pr, "w:tabs")
            for align, position in tabs:
                _child(tabs_element, "w:tab", val=align, pos=str(position))
        _child(p_pr, "w:ind", **indent)
        r = _child(p, "w:r")
        r.append(_rpr(FONT_BODY, SIZE_CAPTION))
        _append_text(r, text)
    docx.element.body.sectPr.addprevious(tbl)


# -- page numbers ---------------------------------------------------------------------------------


def _field_run(paragraph: Any, kind: str) -> Any:
    run = _run(paragraph, "", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)
    run._element.append(_element("w:fldChar", fldCharType=kind))
    return run


def _page_number(footer: Any, align: Align) -> None:
    """ "— N —" in 宋体 4号, a PAGE field between two em dashes, one character in from the edge."""
    paragraph = footer.paragraphs[0]
    paragraph.style = STYLE_FOOTER
    paragraph.paragraph_format.alignment = _ALIGN[align]
    _no_indent(paragraph)
    one_char = Pt(SIZE_PAGE_NUMBER)
    if align == "right":
        paragraph.paragraph_format.right_indent = one_char
    else:
        paragraph.paragraph_format.left_indent = one_char
    _run(paragraph, "— ", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)
    _field_run(paragraph, "begin")
    instruction = _run(paragraph, "", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)
    text = _element("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._element.append(text)
    _field_run(paragraph, "separate")
    _run(paragraph, "1", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)
    _field_run(paragraph, "end")
    _run(paragraph, " —", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER)


# -- the file -------------------------------------------------------------------------------------


def _page_setup(docx: Any) -> None:
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.gutter = Mm(0)
    # 22 lines to the page: Word's and WPS's page setup show the body's line grid.
    sect_pr = section._sectPr
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    sect_pr.append(
        _element(
            "w:docGrid",
            type="lines",
            linePitch=str(GRID_LINE_PITCH),
        )
    )
    docx.settings.odd_and_even_pages_header_footer = True
    section.different_first_page_header_footer = False
    _page_number(section.footer, "right")  # odd pages
    _page_number(section.even_page_footer, "left")


def _clean_package(docx: Any) -> None:
    """Leave out what python-docx's template carries but a new document should not: the template's
    thumbnail, its Word 2010 style copy (stylesWithEffects, with theme fonts), and its preview flag."""
    package = docx.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for rel_id, rel in list(docx.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            docx.part.rels.pop(rel_id)
    settings = docx.settings.element
    for flag in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(flag)
    for lang in settings.findall(qn("w:themeFontLang")):
        settings.remove(lang)
    theme_lang = _element("w:themeFontLang", val="en-US", eastAsia="zh-CN")
    anchor = settings.find(qn("w:clrSchemeMapping"))
    if anchor is not None:
        anchor.addprevious(theme_lang)


def _properties(docx: Any, document: Document) -> None:
    created = document.created or clock.now().replace(microsecond=0)
    # The file keeps UTC (W3CDTF with Z); a naive time is the local time of the machine.
    created = created.astimezone(datetime.UTC)
    props = docx.core_properties
    props.title = clean_text(document.title)
    props.subject = clean_text(document.subject)
    props.author = clean_text(document.author)
    props.last_modified_by = clean_text(document.author)
    props.created = created
    props.modified = created
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = "zh-CN"


def build(document: Document) -> Any:
    """The python-docx Document for ``document`` (not yet saved)."""
    docx = new_docx()
    _clean_package(docx)
    _setup_styles(docx)
    _add_font_table_entries(docx)
    _page_setup(docx)
    cells = _CellWriter()
    body = docx.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)  # the template's empty first paragraph
    for block in document.blocks:
        if isinstance(block, Masthead):
            _masthead(docx, block)
        elif isinstance(block, Title):
            paragraph = _paragraph(docx, STYLE_TITLE)
            _run(paragraph, "\n".join(block.lines), FONT_TITLE, SIZE_TITLE)
        elif isinstance(block, Subtitle):
            _run(_paragraph(docx, STYLE_SUBTITLE), block.text, FONT_HEADING2, SIZE_BODY)
        elif isinstance(block, Heading1):
            _run(_paragraph(docx, STYLE_HEADING1), block.label, FONT_HEADING1, SIZE_BODY)
        elif isinstance(block, Heading2):
            _run(_paragraph(docx, STYLE_HEADING2), block.label, FONT_HEADING2, SIZE_BODY)
        elif isinstance(block, Paragraph):
            _body_paragraph(docx, block)
        elif isinstance(block, Table):
            _table(docx, block, cells)
        elif isinstance(block, PageBreak):
            paragraph = _paragraph(docx, STYLE_BODY)
            paragraph.paragraph_format.page_break_before = True
        elif isinstance(block, Colophon):
            _colophon(docx, block)
    if document.blocks and isinstance(document.blocks[-1], Colophon):
        _paragraph(docx, STYLE_TABLE)  # Word ends a document with a paragraph
    if document.blocks and isinstance(document.blocks[-1], Table | Colophon):
        # Word ends a document with a paragraph; after a closing table it is the spacer, which
        # must not spill onto a page of its own.
        last = docx.paragraphs[-1]
        last.paragraph_format.line_spacing = Pt(1)
    _properties(docx, document)
    return docx


def render(document: Document, path: str | os.PathLike[str]) -> Path:
    """Write ``document`` as a .docx file. The file is written in one go, so a failure (a full disk, a
    file held open by Word) leaves no half-written document behind."""
    buffer = io.BytesIO()
    build(document).save(buffer)
    target = Path(path)
    target.write_bytes(buffer.getvalue())
    return target
