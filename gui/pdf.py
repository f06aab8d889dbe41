"""PDF, print and print preview of a Document, through Qt: the same page as the Word file.

The Document (db.document) is laid out in a QTextDocument with the Word file's fonts, sizes and
spacing (db.docx_writer's constants: A4, margins 37/35/28/26 mm, 仿宋_GB2312 3号 at 28.95 pt, …), and
painted page by page onto a QPdfWriter or a QPrinter, with the page numbers "— N —" in 宋体 4号 under
the text block, odd pages on the right and even pages on the left. QTextDocument's own print() would
number pages plainly at the bottom centre, so the pages are painted here.

The formats are set through Qt's format classes rather than HTML: Qt's HTML subset has no fixed line
height in points, no per-cell borders and no first-line indent in characters, and the PDF must match
the Word file line for line.

Fonts: each font the document names comes with its usual other names and the system fonts that look
like it (仿宋 → FangSong, STFangsong, Noto Serif CJK SC …), and last the Chinese font the program
carries (resources/fonts/NotoSansSC-Subset.otf), so a machine without any Chinese font still shows and
embeds the text. QPdfWriter embeds a subset of every font it draws with.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from db import docx_writer as layout
from db.document import (
    Align,
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

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
CARRIED_FONT = RESOURCES / "fonts" / "NotoSansSC-Subset.otf"
PDF_RESOLUTION = 1200  # dots per inch of the layout; QPdfWriter's own default
PRODUCER = "挂职工作组台账"

# The families tried for each font the documents name, best match first: the font itself, its other
# names, and the fonts of the same kind that Windows and macOS carry. Noto and Source Han are left
# out on purpose: they share one glyph between a character and its Kangxi radical (月 and ⽉), and
# Qt's PDF writer then maps the glyph back to the radical, so the text copied out of the PDF would
# read "本⽉" instead of "本月". The carried font (GB2312 only, no radicals) comes after these.
_SONG = ["宋体", "SimSun", "NSimSun", "华文宋体", "STSong", "Songti SC"]
SUBSTITUTES: dict[str, list[str]] = {
    layout.FONT_TITLE: [
        "方正小标宋简体",
        "方正小标宋_GBK",
        "FZXiaoBiaoSong-B05S",
        "华文中宋",
        "STZhongsong",
        *_SONG,
    ],
    layout.FONT_BODY: [
        "仿宋_GB2312",
        "仿宋",
        "FangSong",
        "FangSong_GB2312",
        "华文仿宋",
        "STFangsong",
        *_SONG,
    ],
    layout.FONT_HEADING1: [
        "黑体",
        "SimHei",
        "华文黑体",
        "STHeiti",
        "Heiti SC",
        "微软雅黑",
        "Microsoft YaHei",
    ],
    layout.FONT_HEADING2: [
        "楷体_GB2312",
        "楷体",
        "KaiTi",
        "KaiTi_GB2312",
        "华文楷体",
        "STKaiti",
        "Kaiti SC",
    ],
    layout.FONT_PAGE_NUMBER: _SONG,
}
# Only where the carried font cannot be loaded: any Chinese font beats boxes.
LAST_RESORT = [
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
    "WenQuanYi Micro Hei",
]

_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
    "justify": Qt.AlignmentFlag.AlignJustify,
}
_carried_family: str | None = None


# -- fonts ----------------------------------------------------------------------------------------


def ensure_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (the command line has none; set
    QT_QPA_PLATFORM=offscreen where there is no display)."""
    app = QGuiApplication.instance()
    if app is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and headless:
            # No screen to show anything on, and none is needed to write a PDF.
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app  # type: ignore[return-value]


def carried_family() -> str | None:
    """Register the program's own Chinese font once; its family name, or None if it cannot load."""
    global _carried_family
    if _carried_family is None and CARRIED_FONT.is_file():
        font_id = QFontDatabase.addApplicationFont(str(CARRIED_FONT))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _carried_family = families[0] if families else ""
    return _carried_family or None


def families(font: str) -> list[str]:
    """The families to try for a font a document names: those of its kind on this machine first,
    then the carried font."""
    key = (font, _carried_family)
    if key not in _FAMILIES:
        _FAMILIES[key] = _families(font)
    return list(_FAMILIES[key])


_FAMILIES: dict[tuple[str, str | None], list[str]] = {}


def _families(font: str) -> list[str]:
    installed = set(QFontDatabase.families())
    wanted = SUBSTITUTES.get(font, [font])
    found = [f for f in dict.fromkeys(wanted) if f in installed]
    carried = carried_family()
    if carried:
        if carried not in found:
            found.append(carried)
    else:
        found += [f for f in LAST_RESORT if f in installed and f not in found]
    return found or [font]


# -- the layout -----------------------------------------------------------------------------------


class _Units:
    """Lengths in the units Qt's text layout wants for a paint device.

    Qt takes font sizes in points, text indents and page sizes in the device's pixels, but line
    heights, block margins and every table length in pixels of its default resolution (96 dpi on
    most systems, 72 on macOS), which it scales to the device itself. ``scale`` is that factor,
    measured once on the device rather than assumed."""

    def __init__(self, device: QPaintDevice) -> None:
        self.dpi = float(device.logicalDpiY())
        self.scale = _measure_scale(device)

    def pt(self, points: float) -> float:
        """Points in device pixels (text indents, page sizes, painting)."""
        return points * self.dpi / 72.0

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4

    def lpt(self, points: float) -> float:
        """Points in the lengths Qt scales itself (line heights, margins, tables)."""
        return self.pt(points) / self.scale

    def lmm(self, millimetres: float) -> float:
        return self.mm(millimetres) / self.scale


def _measure_scale(device: QPaintDevice) -> float:
    """How Qt's layout scales a fixed line height on ``device``: lay out two lines 1000 apart."""
    probe = QTextDocument()
    probe.documentLayout().setPaintDevice(device)
    probe.setDocumentMargin(0)
    fmt = QTextBlockFormat()
    fmt.setLineHeight(1000, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    cursor = QTextCursor(probe)
    cursor.setBlockFormat(fmt)
    cursor.insertText("一\u2028二")
    probe.documentLayout().documentSize()
    lines = probe.firstBlock().layout()
    if lines.lineCount() < 2:
        return 1.0
    return (lines.lineAt(1).y() - lines.lineAt(0).y()) / 1000.0


_CHAR_FORMATS: dict[tuple[object, ...], QTextCharFormat] = {}


def _char_format(
    font: str, size: float, *, bold: bool = False, color: QColor | None = None
) -> QTextCharFormat:
    """The character format of a font the document names (shared: Qt copies it where it is used)."""
    key = (font, size, bold, color.name() if color is not None else "", _carried_family)
    if key not in _CHAR_FORMATS:
        _CHAR_FORMATS[key] = _new_char_format(font, size, bold=bold, color=color)
    return _CHAR_FORMATS[key]


def _new_char_format(
    font: str, size: float, *, bold: bool = False, color: QColor | None = None
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontFamilies(families(font))
    fmt.setFontPointSize(size)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setForeground(QBrush(color if color is not None else QColor(Qt.GlobalColor.black)))
    return fmt


def _block_format(
    u: _Units,
    *,
    line: float | None,
    align: Align = "justify",
    indent_chars: float = 0,
    size: float = layout.SIZE_BODY,
    before: float = 0,
    after: float = 0,
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(_ALIGN[align])
    if line is not None:
        fmt.setLineHeight(u.lpt(line), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    fmt.setTextIndent(u.pt(size * indent_chars))
    fmt.setTopMargin(u.lpt(before))
    fmt.setBottomMargin(u.lpt(after))
    return fmt


class _Builder:
    def __init__(self, document: Document, device: QPaintDevice) -> None:
        self.document = document
        self.u = _Units(device)
        self.doc = QTextDocument()
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setUseDesignMetrics(True)
        self.doc.setDocumentMargin(0)
        option = self.doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.doc.setPageSize(QSizeF(self.text_width, self.text_height))
        self.cursor = QTextCursor(self.doc)
        self.first = True
        self.break_before = False
        # Word's "keep with next", which Qt's layout lacks: (start, end) positions that should
        # share a page; ``keep_together`` moves a start to a new page where they do not.
        self.keep: list[tuple[int | QTextTable, int]] = []
        self.pending_keep: int | None = None

    @property
    def text_width(self) -> float:
        return self.u.mm(layout.TEXT_WIDTH_MM)

    @property
    def text_height(self) -> float:
        return self.u.mm(layout.PAGE_HEIGHT_MM - layout.MARGIN_TOP_MM - layout.MARGIN_BOTTOM_MM)

    def block(self, fmt: QTextBlockFormat) -> None:
        if self.break_before:
            fmt = QTextBlockFormat(fmt)
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            self.break_before = False
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.first = False
        else:
            self.cursor.insertBlock(fmt)
        if self.pending_keep is not None:
            self.keep.append((self.pending_keep, self.cursor.block().position()))
            self.pending_keep = None

    def keep_with_next(self) -> None:
        """The block just made stays on the page of what follows it."""
        self.pending_keep = self.cursor.block().position()

    def text(self, text: str, fmt: QTextCharFormat) -> None:
        self.cursor.insertText(text.replace("\n", "\u2028"), fmt)

    def run(self) -> QTextDocument:
        # One edit block: Qt lays the document out once at the end, not after every cell.
        self.cursor.beginEditBlock()
        try:
            self.blocks()
        finally:
            self.cursor.endEditBlock()
        return self.doc

    def blocks(self) -> None:
        u = self.u
        for block in self.document.blocks:
            if isinstance(block, Masthead):
                self.masthead(block)
            elif isinstance(block, Title):
                self.block(
                    _block_format(u, line=layout.LINE_TITLE, align="center", after=layout.LINE_BODY)
                )
                self.text(
                    "\n".join(block.lines), _char_format(layout.FONT_TITLE, layout.SIZE_TITLE)
                )
                self.keep_with_next()
            elif isinstance(block, Subtitle):
                self.block(
                    _block_format(
                        u, line=layout.LINE_BODY, align="center", after=layout.LINE_BODY / 2
                    )
                )
                self.text(block.text, _char_format(layout.FONT_HEADING2, layout.SIZE_BODY))
                self.keep_with_next()
            elif isinstance(block, Heading1 | Heading2):
                font = layout.FONT_HEADING1 if isinstance(block, Heading1) else layout.FONT_HEADING2
                self.block(_block_format(u, line=layout.LINE_BODY, indent_chars=2))
                self.text(block.label, _char_format(font, layout.SIZE_BODY))
                self.keep_with_next()
            elif isinstance(block, Paragraph):
                indent = 2 if block.indent and block.align not in ("center", "right") else 0
                self.block(
                    _block_format(u, line=layout.LINE_BODY, align=block.align, indent_chars=indent)
                )
                if block.lead:
                    self.text(
                        block.lead, _char_format(layout.FONT_BODY, layout.SIZE_BODY, bold=True)
                    )
                self.text(block.text, _char_format(layout.FONT_BODY, layout.SIZE_BODY))
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, PageBreak):
                self.break_before = True

    def masthead(self, block: Masthead) -> None:
        u = self.u
        red = QColor(f"#{layout.RED}")
        self.block(_block_format(u, line=layout.LINE_MASTHEAD, align="center"))
        self.text(block.title, _char_format(layout.FONT_TITLE, layout.SIZE_MASTHEAD, color=red))
        self.block(_block_format(u, line=layout.LINE_BODY, align="center", after=6))
        self.text(block.issue, _char_format(layout.FONT_HEADING2, layout.SIZE_BODY))
        # The issuing line: unit on the left, date on the right, over a red rule of 1.5 pt.
        fmt = QTextTableFormat()
        fmt.setBorderCollapse(True)
        fmt.setBorder(0)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(0)
        fmt.setWidth(QTextLength(QTextLength.Type.FixedLength, self.u.lmm(layout.TEXT_WIDTH_MM)))
        fmt.setBottomMargin(u.lpt(layout.LINE_BODY))
        table = self.cursor.insertTable(1, 2, fmt)
        for column, (text, align) in enumerate(((block.unit, "left"), (block.date, "right"))):
            cell = table.cellAt(0, column)
            cell_format = QTextTableCellFormat()
            cell_format.setBottomBorder(u.lpt(1.5))
            cell_format.setBottomBorderBrush(QBrush(red))
            cell_format.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            for side in ("Top", "Left", "Right"):
                getattr(cell_format, f"set{side}Border")(0)
            cell_format.setLeftPadding(u.lpt(layout.SIZE_BODY) if align == "left" else 0)
            cell_format.setRightPadding(u.lpt(layout.SIZE_BODY) if align == "right" else 0)
            cell_format.setBottomPadding(u.lpt(4))
            cell.setFormat(cell_format)
            cursor = cell.firstCursorPosition()
            cursor.setBlockFormat(_block_format(u, line=layout.LINE_BODY, align=align))
            cursor.insertText(text, _char_format(layout.FONT_BODY, layout.SIZE_BODY))
        self.after_table()

    def table(self, block: Table) -> None:
        u = self.u
        if block.caption:
            self.block(_block_format(u, line=layout.LINE_BODY, align="center", before=4))
            self.text(block.caption, _char_format(layout.FONT_HEADING1, layout.SIZE_CAPTION))
            self.keep_with_next()
        fmt = QTextTableFormat()
        fmt.setBorderCollapse(True)
        fmt.setBorder(u.lpt(0.5))
        fmt.setBorderBrush(QBrush(QColor(Qt.GlobalColor.black)))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(u.lpt(3))
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setWidth(QTextLength(QTextLength.Type.FixedLength, self.u.lmm(layout.TEXT_WIDTH_MM)))
        fmt.setColumnWidthConstraints(
            [
                QTextLength(QTextLength.Type.FixedLength, self.u.lmm(layout.TEXT_WIDTH_MM) * w)
                for w in block.widths
            ]
        )
        fmt.setBottomMargin(u.lpt(layout.LINE_BODY / 2))
        header = 1 if block.header else 0
        fmt.setHeaderRowCount(header)
        rows = [tuple(c.title for c in block.columns)] if block.header else []
        rows += list(block.rows)
        table = self.cursor.insertTable(len(rows), len(block.columns), fmt)
        # Every cell: its own borders (Qt draws collapsed borders per cell), centred vertically.
        cell_format = QTextTableCellFormat()
        cell_format.setBorder(u.lpt(0.5))
        cell_format.setBorderBrush(QBrush(QColor(Qt.GlobalColor.black)))
        cell_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        cell_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        cell_format.setPadding(u.lpt(3))
        blocks = {
            align: _block_format(u, line=layout.LINE_TABLE, align=align, size=layout.SIZE_TABLE)
            for align in {"center", *(c.align for c in block.columns)}
        }
        chars = {
            bold: _char_format(layout.FONT_BODY, layout.SIZE_TABLE, bold=bold)
            for bold in (False, True)
        }
        for r, values in enumerate(rows):
            for c, (column, value) in enumerate(zip(block.columns, values, strict=True)):
                cell = table.cellAt(r, c)
                cell.setFormat(cell_format)
                cursor = cell.firstCursorPosition()
                cursor.setBlockFormat(blocks["center" if r < header else column.align])
                if value:
                    cursor.insertText(
                        value.replace("\n", "\u2028"), chars[r < header or column.bold]
                    )
        # A short table stays on one page; a long one keeps its caption, header and first rows.
        last = (
            len(rows) - 1 if len(block.rows) <= layout.KEEP_TOGETHER_ROWS else min(2, len(rows) - 1)
        )
        start = self.pending_keep if self.pending_keep is not None else table
        self.keep.append((start, table.cellAt(last, 0).firstPosition()))
        self.pending_keep = None
        self.after_table()

    def after_table(self) -> None:
        """Qt leaves an empty block after a table: the next block takes it over."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self.first = True


def _page_of(doc: QTextDocument, position: int) -> int:
    block = doc.findBlock(position)
    lines = block.layout()
    line = lines.lineForTextPosition(position - block.position())
    top = doc.documentLayout().blockBoundingRect(block).top()
    y = top + (line.y() + line.height() if line.isValid() else 0)
    return int(y // doc.pageSize().height())


def keep_together(doc: QTextDocument, groups: list[tuple[int | QTextTable, int]]) -> None:
    """Start a new page before a group (a heading and what follows it, a caption and its table, a
    short table) that would otherwise be split across two pages, as Word does for "keep with next".
    Groups chain (a heading, its caption, its table): the whole chain moves, from its first block.
    One move at a time, from the top: each move shifts everything after it."""
    chained = {end: start for start, end in groups if isinstance(start, int)}
    moved: set[int] = set()
    for _round in range(len(groups)):
        doc.documentLayout().documentSize()  # lays the document out
        for start, end in groups:
            first = start.firstPosition() if isinstance(start, QTextTable) else start
            if _page_of(doc, end) == _page_of(doc, first):
                continue
            head: int | QTextTable = start
            while isinstance(head, int) and head in chained and chained[head] not in moved:
                head = chained[head]
            key = head.firstPosition() if isinstance(head, QTextTable) else head
            if key in moved:
                continue  # moved once already: the chain is longer than a page
            moved.add(key)
            if isinstance(head, QTextTable):
                fmt = head.format()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                head.setFormat(fmt)
            else:
                cursor = QTextCursor(doc.findBlock(head))
                fmt = cursor.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(fmt)
            break
        else:
            return


def build_text_document(document: Document, device: QPaintDevice) -> QTextDocument:
    """The document laid out for ``device`` (its resolution), paginated to the text block of A4."""
    ensure_application()
    builder = _Builder(document, device)
    doc = builder.run()
    keep_together(doc, builder.keep)
    return doc


# -- painting pages -------------------------------------------------------------------------------


def _page_layout() -> QPageLayout:
    """A4 with no margins: the painter's origin is the paper's corner and the margins are ours."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def paint_document(document: Document, device: QPagedPaintDevice) -> int:
    """Paint every page of ``document`` onto a QPdfWriter or QPrinter set up by ``prepare``;
    returns the number of pages."""
    text = build_text_document(document, device)
    u = _Units(device)
    width, height = u.mm(layout.TEXT_WIDTH_MM), text.pageSize().height()
    left, top = u.mm(layout.MARGIN_LEFT_MM), u.mm(layout.MARGIN_TOP_MM)
    pages = max(1, text.pageCount())
    number_format = _char_format(layout.FONT_PAGE_NUMBER, layout.SIZE_PAGE_NUMBER)
    number_font = number_format.font()
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(left, top - page * height)
            # A hard clip as well: the layout draws whole lines that touch the clip rectangle, and
            # a line pushed to the next page would otherwise show at the foot of this one too.
            clip = QRectF(-width, page * height, 3 * width, height)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            context.palette.setColor(context.palette.ColorRole.Text, QColor(Qt.GlobalColor.black))
            text.documentLayout().draw(painter, context)
            painter.restore()
            _page_number(painter, device, number_font, page + 1, u)
    finally:
        painter.end()
    return pages


def _page_number(
    painter: QPainter, device: QPaintDevice, font: QFont, number: int, u: _Units
) -> None:
    """ "— N —" 7 mm under the text block, one character in from its right (odd) or left (even) edge."""
    font = QFont(font)
    painter.setFont(font)
    painter.setPen(QColor(Qt.GlobalColor.black))
    label = f"— {number} —"
    metrics = QFontMetricsF(font, device)
    one_char = u.pt(layout.SIZE_PAGE_NUMBER)
    text_left = u.mm(layout.MARGIN_LEFT_MM)
    text_right = text_left + u.mm(layout.TEXT_WIDTH_MM)
    y = u.mm(layout.PAGE_HEIGHT_MM - layout.MARGIN_BOTTOM_MM + 7) + metrics.ascent()
    if number % 2:
        x = text_right - one_char - metrics.horizontalAdvance(label)
    else:
        x = text_left + one_char
    painter.drawText(
        QRectF(x, y - metrics.ascent(), metrics.horizontalAdvance(label) + 1, metrics.height()),
        label,
    )


def _prepare(device: QPagedPaintDevice, document: Document) -> None:
    device.setPageLayout(_page_layout())


# CJK radicals (U+2E80–U+2FDF) and the ideograph each shares its glyph with in Simplified Chinese
# fonts, in pairs (⺅亻 ⼀一 ⽉月 …); made from Noto Sans CJK SC's cmap with fontTools. NFKC would give
# traditional forms for a few (⼾ → 戶 where the text said 户), so the fonts' own pairing is used.
_RADICALS = (
    "⺂乛⺃乚⺅亻⺉刂⺋㔾⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬"
    "⺤爫⺦丬⺨犭⺭礻⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺾艹⻂衤⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長"
    "⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄"
    "⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入"
    "⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗"
    "⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干"
    "⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼺彡⼻彳⼼心⼽戈⼾户⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日"
    "⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙"
    "⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石"
    "⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽿耳⾀聿⾁肉⾂臣⾃自⾄至"
    "⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾔言⾕谷⾖豆⾗豕⾘豸⾙貝"
    "⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑"
    "⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚"
    "⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿑齊⿒齒⿓龍⿕龠"
)
_UNIFIED = {ord(_RADICALS[i]): ord(_RADICALS[i + 1]) for i in range(0, len(_RADICALS), 2)}
_RADICAL_CODE = re.compile(rb"<(2E[89A-F][0-9A-F]|2F[0-9A-D][0-9A-F])>")
_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)


def _unified(match: re.Match[bytes]) -> bytes:
    radical = int(match.group(1), 16)
    unified = _UNIFIED.get(radical)
    return b"<%04X>" % unified if unified is not None and unified <= 0xFFFF else match.group(0)


def fix_to_unicode(data: bytes) -> bytes:
    """Map CJK radicals in the PDF's ToUnicode maps back to the ideographs they stand for
    (⽉ → 月): a font that shares one glyph between the two (Noto and Source Han do) makes Qt
    name the radical, and text copied or searched in the PDF would be wrong. The maps are plain
    text and each code keeps its four digits, so no offset in the file moves."""
    return _CMAP.sub(lambda m: _RADICAL_CODE.sub(_unified, m.group(0)), data)


def pdf_bytes(document: Document) -> bytes:
    """The document as the bytes of a PDF file."""
    ensure_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator(PRODUCER)
    _prepare(writer, document)
    paint_document(document, writer)
    del writer  # finishes the file
    buffer.close()
    return fix_to_unicode(bytes(data.data()))


def write_pdf(document: Document, path: str | os.PathLike[str]) -> Path:
    """Write the document as a PDF file (in one go: a failure leaves no half-written file)."""
    content = pdf_bytes(document)
    target = Path(path)
    target.write_bytes(content)
    return target


# -- printing -------------------------------------------------------------------------------------


def print_document(document: Document, printer: object) -> int:
    """Print on a QPrinter (A4, the paper's full page: the margins are the document's own)."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    printer.setFullPage(True)
    printer.setDocName(document.title)
    _prepare(printer, document)
    return paint_document(document, printer)


def print_preview_dialog(
    document: Document | Callable[[], Document], parent: object = None
) -> object:
    """A QPrintPreviewDialog over the same pages as the PDF. ``document`` may be a callable, so
    that a preview shows the records as they are when it repaints. The caller runs ``exec()``."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_page_layout())
    dialog = QPrintPreviewDialog(printer, parent)  # type: ignore[arg-type]

    def paint(target: QPrinter) -> None:
        print_document(document() if callable(document) else document, target)

    dialog.paintRequested.connect(paint)
    # The dialog does not own its printer: keep it alive as long as the dialog, or showing the
    # dialog reads a freed printer and crashes.
    dialog._printer = printer  # type: ignore[attr-defined]
    return dialog
