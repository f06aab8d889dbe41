"""PDF, print and print preview of a Document, through Qt: the same page as the Word file.

The Document (db.documents.document) is laid out here, block by block, with QTextLayout in the Word file's
fonts, sizes and spacing (db.documents.docx_writer's constants: A4, margins 37/35/28/26 mm, 仿宋_GB2312 3号 on
an exact 28.95 pt pitch, …) and painted page by page onto a QPdfWriter or a QPrinter, with the page
numbers "— N —" in 宋体 4号 under the text block, odd pages on the right and even pages on the left.
The pages break by Word's rules (see ``Pages``), which QTextDocument's own pagination lacks; laying
the lines out directly is also what lets a month of thousands of records print in well under a
second.

Fonts: each font the document names comes with its usual other names and the system fonts that look
like it (仿宋 → FangSong, STFangsong …), and last the Chinese fonts the program carries, the one of
the same style first (resources/fonts/: FandolFang for 仿宋, LXGW WenKai for 楷体, Noto Sans SC for
黑体 and the title), so a machine without any Chinese font still shows and embeds the text in the
styles the Word file names. QPdfWriter embeds a subset of every font it draws with.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLineF, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
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
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from db.common.text import clean_text
from db.documents import docx_writer as layout
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

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
CARRIED_FONT = RESOURCES / "fonts" / "NotoSansSC-Subset.otf"  # 黑体-style; also the window's
# The Chinese faces the program carries (GB2312 subsets; resources/fonts/make_subset.py), by style.
CARRIED_FONTS = {
    "sans": CARRIED_FONT,
    "fang": RESOURCES / "fonts" / "FandolFang-Subset.ttf",
    "kai": RESOURCES / "fonts" / "LXGWWenKai-Subset.ttf",
}
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
# The carried face that stands in for each font the documents name: 仿宋 for the body (and the page
# numbers' digits), 楷体 for second-level headings, 黑体 (a sans) for first-level headings and
# captions and, heaviest of the three, for the 小标宋 title.
CARRIED_STYLE = {
    layout.FONT_TITLE: "sans",
    layout.FONT_BODY: "fang",
    layout.FONT_HEADING1: "sans",
    layout.FONT_HEADING2: "kai",
    layout.FONT_PAGE_NUMBER: "fang",
}
# Only where no carried font can be loaded: any Chinese font beats boxes.
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
_carried: dict[str, str] | None = None  # style → family, of the carried fonts that loaded


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


def carried_families() -> dict[str, str]:
    """Register the program's own Chinese fonts once; the family of each style that loaded."""
    global _carried
    if _carried is None:
        _carried = {}
        for style, path in CARRIED_FONTS.items():
            font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
            loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if loaded:
                _carried[style] = loaded[0]
    return dict(_carried)


def carried_family() -> str | None:
    """The family of the carried 黑体-style font (Noto Sans SC), or None if it cannot load."""
    return carried_families().get("sans")


def families(font: str) -> list[str]:
    """The families to try for a font a document names: those of its kind on this machine first,
    then the carried font of its style, then the other carried fonts (for a character it lacks)."""
    if font not in _FAMILIES:
        _FAMILIES[font] = _families(font)
    return list(_FAMILIES[font])


_FAMILIES: dict[str, list[str]] = {}


def _families(font: str) -> list[str]:
    installed = set(QFontDatabase.families())
    wanted = SUBSTITUTES.get(font, [font])
    found = [f for f in dict.fromkeys(wanted) if f in installed]
    carried = carried_families()
    if carried:
        own = carried.get(CARRIED_STYLE.get(font, "sans"))
        for family in (own, *carried.values()):
            if family and family not in found:
                found.append(family)
    else:
        found += [f for f in LAST_RESORT if f in installed and f not in found]
    return found or [font]


# -- the layout -----------------------------------------------------------------------------------
#
# Each block is measured with QTextLayout at the paint device's resolution, as a list of units that
# a page break may fall between (a paragraph's lines, a table's rows), and the units are placed on
# pages of the text block's height. Lines sit on the fixed pitch of the Word file's "exact" line
# spacing, so the pages break where Word's do. Word's rules for where not to break are kept: a
# heading, a caption or a title stays with what follows it, a short table stays on one page, a long
# one repeats its header row on each page, and a paragraph leaves no single line at the foot or the
# head of a page.


class _Units:
    """Lengths in the paint device's pixels."""

    def __init__(self, device: QPaintDevice) -> None:
        self.dpi = float(device.logicalDpiY())

    def pt(self, points: float) -> float:
        return points * self.dpi / 72.0

    def mm(self, millimetres: float) -> float:
        return millimetres * self.dpi / 25.4


_FONTS: dict[tuple[object, ...], QFont] = {}


def _font(name: str, size: float, *, bold: bool = False, spacing: float = 0.0) -> QFont:
    """The font a document names, with the families that stand in for it on this machine;
    ``spacing`` points are added to the advance of each character of a full em (a share of that
    to narrower ones: Qt's absolute spacing is in the screen's pixels, not the page's)."""
    key = (name, size, bold, spacing)
    if key not in _FONTS:
        font = QFont()
        font.setFamilies(families(name))
        font.setPointSizeF(size)
        font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        if spacing:
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100 + 100 * spacing / size)
        _FONTS[key] = font
    return _FONTS[key]  # QTextLayout and QPainter copy it


_METRICS: dict[tuple[str, float], QFontMetricsF] = {}


def _metrics(font: QFont, device: QPaintDevice) -> QFontMetricsF:
    key = (font.key(), float(device.logicalDpiY()))
    if key not in _METRICS:
        _METRICS[key] = QFontMetricsF(font, device)
    return _METRICS[key]


_OPTIONS: dict[Align, QTextOption] = {}


def _option(align: Align) -> QTextOption:
    if align not in _OPTIONS:
        option = QTextOption(_ALIGN[align])
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setUseDesignMetrics(True)
        _OPTIONS[align] = option
    return _OPTIONS[align]


@dataclass(frozen=True)
class _Style:
    """How one kind of text is set: font, size, line pitch (points), alignment, first-line indent
    (characters), space before and after (points)."""

    font: str
    size: float
    pitch: float
    align: Align = "justify"
    indent: float = 0
    before: float = 0
    after: float = 0
    bold: bool = False
    color: str = ""
    spacing: float = 0.0  # points added to each character's advance


# Body-sized text is set as the Word file sets it: 0.25 pt narrower, 28 characters to the line.
_CONDENSED = layout.BODY_CHAR_SPACING
BODY = _Style(layout.FONT_BODY, layout.SIZE_BODY, layout.LINE_BODY, indent=2, spacing=_CONDENSED)
TITLE = _Style(
    layout.FONT_TITLE, layout.SIZE_TITLE, layout.LINE_TITLE, "center", after=layout.LINE_BODY
)
SUBTITLE = _Style(
    layout.FONT_HEADING2,
    layout.SIZE_BODY,
    layout.LINE_BODY,
    "center",
    after=layout.LINE_BODY / 2,
    spacing=_CONDENSED,
)
HEADING1 = _Style(
    layout.FONT_HEADING1, layout.SIZE_BODY, layout.LINE_BODY, indent=2, spacing=_CONDENSED
)
HEADING2 = _Style(
    layout.FONT_HEADING2, layout.SIZE_BODY, layout.LINE_BODY, indent=2, spacing=_CONDENSED
)
CAPTION = _Style(layout.FONT_HEADING1, layout.SIZE_CAPTION, layout.LINE_BODY, "center", before=4)
MASTHEAD = _Style(
    layout.FONT_TITLE,
    layout.SIZE_MASTHEAD,
    layout.LINE_MASTHEAD,
    "center",
    color=f"#{layout.RED}",
)
ISSUE = _Style(
    layout.FONT_HEADING2, layout.SIZE_BODY, layout.LINE_BODY, "center", after=6, spacing=_CONDENSED
)
CELL = _Style(layout.FONT_BODY, layout.SIZE_TABLE, layout.LINE_TABLE)
COLOPHON = _Style(layout.FONT_BODY, layout.SIZE_CAPTION, layout.LINE_BODY, "left")
CELL_PADDING = layout.TABLE_CELL_PADDING  # points above and below a table cell's text
RULE_WIDTH = 0.5  # points: a table's lines
MASTHEAD_RULE = 1.5  # points: the red rule under the issuing line
COLOPHON_RULES = (layout.RULE_COLOPHON_OUTER / 8, layout.RULE_COLOPHON_INNER / 8)  # points


class _Text:
    """A piece of text laid out in lines on a fixed pitch; line i's top is at i * pitch."""

    def __init__(
        self,
        text: str,
        style: _Style,
        width: float,
        u: _Units,
        device: QPaintDevice,
        *,
        lead: str = "",
    ) -> None:
        text, lead = (
            clean_text(text),
            clean_text(lead),
        )  # what an older record may hold: db.common.text
        self.text = lead + text
        self.pitch = u.pt(style.pitch)
        font = _font(style.font, style.size, bold=style.bold, spacing=style.spacing)
        indent = u.pt(style.size * style.indent)
        if not lead and not style.color and "\n" not in text:
            # Most table cells: one short line, drawn as it is (a QTextLayout each would cost most
            # of a big month's PDF). The same glyphs and place as the line a layout would make.
            metrics = _metrics(font, device)
            advance = metrics.horizontalAdvance(text)
            if advance <= width - indent:
                self.layout, self.lines, self.font = None, 1, font
                free = width - indent - advance
                shift = {"center": free / 2, "right": free}.get(style.align, 0.0)
                box = metrics.ascent() + metrics.descent()
                self.origin = QPointF(indent + shift, (self.pitch - box) / 2 + metrics.ascent())
                return
        self.layout = QTextLayout(self.text.replace("\n", "\u2028"), font, device)
        self.layout.setTextOption(_option(style.align))
        formats = []
        if lead:
            bold = QTextLayout.FormatRange()
            bold.start, bold.length = 0, len(lead)
            bold.format = QTextCharFormat()
            bold.format.setFontWeight(QFont.Weight.Bold)
            formats.append(bold)
        if style.color:
            colored = QTextLayout.FormatRange()
            colored.start, colored.length = 0, len(self.text)
            colored.format = QTextCharFormat()
            colored.format.setForeground(QBrush(QColor(style.color)))
            formats.append(colored)
        if formats:
            self.layout.setFormats(formats)
        x = indent  # the first line's
        layout_ = self.layout
        layout_.beginLayout()
        y = 0.0
        while (line := layout_.createLine()).isValid():
            line.setLineWidth(max(1.0, width - x))
            # The glyphs centred in the pitch, as Word sets "exact" spacing.
            line.setPosition(QPointF(x, y + (self.pitch - line.ascent() - line.descent()) / 2))
            x, y = 0.0, y + self.pitch
        layout_.endLayout()
        self.lines = self.layout.lineCount()

    def lines_text(self, lines: range) -> str:
        """The text of some of the lines."""
        if not lines:
            return ""
        if self.layout is None:
            return self.text
        start = self.layout.lineAt(lines.start).textStart()
        last = self.layout.lineAt(lines.stop - 1)
        return self.text[start : last.textStart() + last.textLength()]

    def height(self, lines: int | None = None) -> float:
        return self.pitch * (self.lines if lines is None else lines)

    def draw(self, painter: QPainter, at: QPointF, first: int = 0, end: int | None = None) -> None:
        """Lines ``first`` to ``end`` with line ``first``'s top at ``at``."""
        if self.layout is None:
            painter.setFont(self.font)
            painter.drawText(at + self.origin, self.text)
            return
        offset = at - QPointF(0, first * self.pitch)
        for index in range(first, self.lines if end is None else end):
            self.layout.lineAt(index).draw(painter, offset)


# What a page holds: things to paint, each at its place on the page (the text block's corner is 0, 0).
_Painting = Callable[[QPainter], None]


class _Flow:
    """A block measured for the text width: units a page may break between, and Word's keep rules."""

    before = 0.0
    after = 0.0
    keep_with_next = False
    keep_together = False
    # Units that must end a page where the block starts, and begin the page where it goes on (2: no
    # lone first or last line of a paragraph, no lone row of a table).
    orphans = 1

    def units(self) -> list[float]:
        raise NotImplementedError

    def least(self) -> float:
        """The height of the smallest piece the block can begin with at the foot of a page: all of
        it when it is kept together or too short to leave ``orphans`` units on either page."""
        units = self.units()
        whole = self.keep_together or len(units) < 2 * self.orphans
        return self.before + self.head() + sum(units if whole else units[: self.orphans])

    def head(self) -> float:
        """Height repeated at the top of every piece (a table's header row)."""
        return 0.0

    def place(self, y: float, first: int, end: int) -> list[_Painting]:
        raise NotImplementedError

    def texts(self, first: int, end: int) -> list[str]:
        """The text of units ``first`` to ``end``, as placed on one page."""
        raise NotImplementedError


class _Lines(_Flow):
    """A paragraph, heading, title or caption: its lines are the units."""

    orphans = 2

    def __init__(self, text: _Text, style: _Style, u: _Units, *, keep_with_next: bool) -> None:
        self.text = text
        self.before, self.after = u.pt(style.before), u.pt(style.after)
        self.keep_with_next = keep_with_next

    def units(self) -> list[float]:
        return [self.text.pitch] * self.text.lines

    def place(self, y: float, first: int, end: int) -> list[_Painting]:
        text = self.text
        return [lambda painter: text.draw(painter, QPointF(0, y), first, end)]

    def texts(self, first: int, end: int) -> list[str]:
        return [self.text.lines_text(range(first, end))]


class _Row:
    """One table row (or the piece of a row taller than a page): each cell's text and which of its
    lines the row shows."""

    def __init__(self, cells: list[_Text], ranges: list[range], padding: float) -> None:
        self.cells, self.ranges, self.padding = cells, ranges, padding
        pitch = cells[0].pitch if cells else 0.0
        self.height = max(1, *(len(r) for r in ranges)) * pitch + 2 * padding

    def split(self, most: int) -> list[_Row]:
        """Pieces of at most ``most`` lines each."""
        longest = max(len(r) for r in self.ranges)
        if longest <= most:
            return [self]
        pieces = []
        for start in range(0, longest, most):
            ranges = [
                range(r.start + start, min(r.stop, r.start + start + most)) for r in self.ranges
            ]
            pieces.append(_Row(self.cells, ranges, self.padding))
        return pieces


class _TableFlow(_Flow):
    orphans = layout.TABLE_ROWS_TOGETHER

    def __init__(self, block: Table, width: float, u: _Units, device: QPaintDevice) -> None:
        self.widths = [width * w for w in block.widths]
        self.padding = u.pt(CELL_PADDING)
        self.side = u.pt(layout.TABLE_CELL_SIDE)
        self.after = u.pt(layout.LINE_BODY / 2)
        self.keep_together = layout.keeps_whole(block)  # the Word file's rule
        self.pen = QPen(QColor(Qt.GlobalColor.black), u.pt(RULE_WIDTH))
        self.pen.setCapStyle(Qt.PenCapStyle.SquareCap)

        header_style = dataclasses.replace(CELL, align="center", bold=True)
        styles = [dataclasses.replace(CELL, align=c.align, bold=c.bold) for c in block.columns]
        inner = [w - 2 * self.side for w in self.widths]

        def row(values: Sequence[str], header: bool) -> _Row:
            cells = [
                _Text(value, header_style if header else style, w, u, device)
                for value, style, w in zip(values, styles, inner, strict=True)
            ]
            return _Row(cells, [range(c.lines) for c in cells], self.padding)

        self.header = row([c.title for c in block.columns], True) if block.header else None
        self.rows: list[_Row] = []
        most = max(1, int((_text_height(u) / 2 - 2 * self.padding) // u.pt(CELL.pitch)))
        for values in block.rows:
            self.rows += row(values, False).split(most)

    def units(self) -> list[float]:
        return [r.height for r in self.rows]

    def head(self) -> float:
        return self.header.height if self.header is not None else 0.0

    def place(self, y: float, first: int, end: int) -> list[_Painting]:
        rows = ([self.header] if self.header is not None else []) + self.rows[first:end]
        tops = list(itertools.accumulate((r.height for r in rows), initial=y))
        out = [self._row_painting(r, top) for r, top in zip(rows, tops, strict=False)]
        edges = list(itertools.accumulate(self.widths, initial=0.0))
        bottom, pen = tops[-1], self.pen

        def grid(painter: QPainter) -> None:
            painter.save()
            painter.setPen(pen)
            for t in tops:
                painter.drawLine(QLineF(edges[0], t, edges[-1], t))
            for x in edges:
                painter.drawLine(QLineF(x, y, x, bottom))
            painter.restore()

        out.append(grid)
        return out

    def _row_painting(self, r: _Row, top: float) -> _Painting:
        x = 0.0
        cells = []
        for cell, lines, w in zip(r.cells, r.ranges, self.widths, strict=True):
            # Each cell's lines centred vertically in the row.
            content = len(lines) * cell.pitch
            cells.append((cell, lines, QPointF(x + self.side, top + (r.height - content) / 2)))
            x += w

        def paint(painter: QPainter) -> None:
            for cell, lines, at in cells:
                cell.draw(painter, at, lines.start, lines.stop)

        return paint

    def texts(self, first: int, end: int) -> list[str]:
        rows = ([self.header] if self.header is not None else []) + self.rows[first:end]
        return [
            "\t".join(c.lines_text(r) for c, r in zip(row.cells, row.ranges, strict=True))
            for row in rows
        ]


class _MastheadFlow(_Flow):
    """The bulletin's 版头: its name in red, the issue, and the issuing line over a red rule."""

    keep_with_next = True

    def __init__(self, block: Masthead, width: float, u: _Units, device: QPaintDevice) -> None:
        self.width = width
        self.name = _Text(block.title, MASTHEAD, width, u, device)
        self.issue = _Text(block.issue, ISSUE, width, u, device)
        side = dataclasses.replace(BODY, indent=0)
        self.unit = _Text(block.unit, dataclasses.replace(side, align="left"), width, u, device)
        self.date = _Text(block.date, dataclasses.replace(side, align="right"), width, u, device)
        self.inset = u.pt(layout.SIZE_BODY)  # one character in from each side
        self.gap = u.pt(ISSUE.after)
        self.rule_at = self.gap + max(self.unit.height(), self.date.height()) + u.pt(4)
        self.pen = QPen(QColor(f"#{layout.RED}"), u.pt(MASTHEAD_RULE))
        self.after = u.pt(layout.LINE_BODY)

    def units(self) -> list[float]:
        return [self.name.height() + self.issue.height() + self.rule_at + self.pen.widthF() / 2]

    def place(self, y: float, first: int, end: int) -> list[_Painting]:
        issue_at = y + self.name.height()
        line_at = issue_at + self.issue.height() + self.gap
        rule_y = line_at - self.gap + self.rule_at
        rule = QLineF(0, rule_y, self.width, rule_y)
        inset, pen = self.inset, self.pen

        def paint(painter: QPainter) -> None:
            self.name.draw(painter, QPointF(0, y))
            self.issue.draw(painter, QPointF(0, issue_at))
            self.unit.draw(painter, QPointF(inset, line_at))
            self.date.draw(painter, QPointF(-inset, line_at))
            painter.save()
            painter.setPen(pen)
            painter.drawLine(rule)
            painter.restore()

        return [paint]

    def texts(self, first: int, end: int) -> list[str]:
        return [self.name.text, self.issue.text, f"{self.unit.text}　{self.date.text}".strip("　")]


class _ColophonFlow(_Flow):
    """The 版记: its lines in 仿宋 4号 between rules across the text block (thick first and last,
    thin between), after a line of space, kept on one page."""

    keep_together = True

    def __init__(self, block: Colophon, width: float, u: _Units, device: QPaintDevice) -> None:
        self.width = width
        char = u.pt(layout.SIZE_CAPTION)
        self.inset = char
        self.before = u.pt(layout.LINE_BODY)
        self.outer, self.inner = (u.pt(w) for w in COLOPHON_RULES)
        # 抄送 hangs: its further lines start under the first name, four characters in.
        hanging = dataclasses.replace(COLOPHON, indent=-3)
        self.copy = (
            _Text(block.copy_line, hanging, width - 5 * char, u, device)
            if block.copy_line
            else None
        )
        issuer, date = block.issuer.strip(), block.issue_date
        self.issuer = _Text(issuer, COLOPHON, width - 2 * char, u, device) if issuer else None
        right = dataclasses.replace(COLOPHON, align="right")
        self.date = _Text(date, right, width - 2 * char, u, device) if date else None
        self.rows: list[float] = []
        if self.copy is not None:
            self.rows.append(self.copy.height())
        if self.issuer is not None or self.date is not None:
            self.rows.append(u.pt(layout.LINE_BODY))

    def units(self) -> list[float]:
        return [sum(self.rows)]

    def place(self, y: float, first: int, end: int) -> list[_Painting]:
        tops = list(itertools.accumulate(self.rows, initial=y))
        width, inset = self.width, self.inset
        rules = [(t, self.outer if t in (tops[0], tops[-1]) else self.inner) for t in tops]
        copy, issuer, date = self.copy, self.issuer, self.date

        def paint(painter: QPainter) -> None:
            row = 0
            if copy is not None:
                copy.draw(painter, QPointF(4 * inset, tops[row]))
                row += 1
            if issuer is not None:
                issuer.draw(painter, QPointF(inset, tops[row]))
            if date is not None:
                date.draw(painter, QPointF(inset, tops[row]))
            painter.save()
            for top, thickness in rules:
                painter.setPen(QPen(QColor(Qt.GlobalColor.black), thickness))
                painter.drawLine(QLineF(0, top, width, top))
            painter.restore()

        return [paint]

    def texts(self, first: int, end: int) -> list[str]:
        out = [self.copy.text] if self.copy is not None else []
        issue = [t.text for t in (self.issuer, self.date) if t is not None]
        return out + (["　".join(issue)] if issue else [])


def _text_height(u: _Units) -> float:
    return u.mm(layout.PAGE_HEIGHT_MM - layout.MARGIN_TOP_MM - layout.MARGIN_BOTTOM_MM)


def _flows(document: Document, u: _Units, device: QPaintDevice) -> list[_Flow | PageBreak]:
    width = u.mm(layout.TEXT_WIDTH_MM)
    out: list[_Flow | PageBreak] = []

    def lines(text: str, style: _Style, keep: bool = False, **kw: Any) -> None:
        out.append(
            _Lines(_Text(text, style, width, u, device, **kw), style, u, keep_with_next=keep)
        )

    for block in document.blocks:
        if isinstance(block, Masthead):
            out.append(_MastheadFlow(block, width, u, device))
        elif isinstance(block, Title):
            lines(block.text, TITLE, True)
        elif isinstance(block, Subtitle):
            lines(block.text, SUBTITLE, True)
        elif isinstance(block, Heading1):
            lines(block.label, HEADING1, True)
        elif isinstance(block, Heading2):
            lines(block.label, HEADING2, True)
        elif isinstance(block, Paragraph):
            indented = block.indent and block.align not in ("center", "right")
            style = dataclasses.replace(BODY, align=block.align, indent=2 if indented else 0)
            lines(block.text, style, lead=block.lead)
        elif isinstance(block, Table):
            if block.caption:
                lines(block.caption, CAPTION, True)
            out.append(_TableFlow(block, width, u, device))
        elif isinstance(block, PageBreak):
            out.append(block)
        elif isinstance(block, Colophon):
            out.append(_ColophonFlow(block, width, u, device))
    return out


class Pages:
    """A document laid out on A4 pages for one paint device."""

    def __init__(self, document: Document, device: QPaintDevice) -> None:
        ensure_application()
        self.u = _Units(device)
        self.height = _text_height(self.u)
        self.pages: list[list[_Painting]] = [[]]
        self._placed: list[list[tuple[_Flow, int, int]]] = [[]]  # for text()
        self.filled: list[float] = []  # how far down each page but the last the text reaches
        self._broken: set[int] = set()  # pages that begin at a page break of the document
        self.y = 0.0
        self._flows = flows = _flows(document, self.u, device)
        for index, flow in enumerate(flows):
            if isinstance(flow, PageBreak):
                if self.y > 0:
                    self._new_page()
                    self._broken.add(len(self.pages) - 1)
                continue
            self._keep_chain(flows, index)
            self._place(flow)

    def __len__(self) -> int:
        return len(self.pages)

    def text(self, page: int | None = None) -> str:
        """The text laid out on one page or on all, a block or a table row a line (for tests)."""
        chosen = self._placed if page is None else [self._placed[page]]
        return "\n".join(t for placed in chosen for f, a, b in placed for t in f.texts(a, b))

    def paint(self, painter: QPainter, page: int) -> None:
        for painting in self.pages[page]:
            painting(painter)

    def room(self, page: int) -> tuple[float, float] | None:
        """Why a page ends where it does: the room left at its foot, and the least height the
        next page's first block needed there by the keep rules (points); None for the last page
        and for a page the document itself breaks."""
        if page + 1 >= len(self.pages) or page + 1 in self._broken:
            return None
        flow, first, _end = self._placed[page + 1][0]
        if first == 0:
            needed = self._needed(self._flows.index(flow))
        else:  # a block going on from this page: the lines or rows it had to bring over
            units = flow.units()
            needed = flow.head() + sum(units[first : first + flow.orphans])
        return (self.height - self.filled[page]) / self.u.pt(1), needed / self.u.pt(1)

    def ends_with(self, page: int) -> _Flow:
        """The last block placed on a page."""
        return self._placed[page][-1][0]

    # -- placing ----------------------------------------------------------------------------------

    def _new_page(self) -> None:
        self.filled.append(self.y)
        self.pages.append([])
        self._placed.append([])
        self.y = 0.0

    def _keep_chain(self, flows: Sequence[_Flow | PageBreak], index: int) -> None:
        """Before the first block of a chain kept with what follows (title, heading, caption): a new
        page when the chain and the start of the block after it do not fit on this one."""
        if self.y == 0 or (index and _keeps(flows[index - 1])):
            return
        if not isinstance(flows[index], _Flow):
            return
        needed = self._needed(index)
        if needed <= self.height and self.y + needed > self.height:
            self._new_page()

    def _needed(self, index: int) -> float:
        """The least height that block ``index`` needs at the foot of a page: with the blocks it
        keeps with (a heading, a caption), the smallest piece the block after them can start with
        (two lines of a paragraph, a short table whole, a long one's header and two rows)."""
        needed = 0.0
        for item in self._flows[index:]:
            if not isinstance(item, _Flow):
                break
            if item.keep_with_next:
                needed += item.before + sum(item.units()) + item.after
                continue
            needed += item.least()
            break
        return needed

    def _place(self, flow: _Flow) -> None:
        units = flow.units()
        if self.y > 0:
            self.y += flow.before
        whole = flow.head() + sum(units)
        if flow.keep_together and self.y > 0 and self.y + whole > self.height >= whole:
            self._new_page()
        first = 0
        while first < len(units):
            room = self.height - self.y - flow.head()
            end, used = first, 0.0
            while end < len(units) and used + units[end] <= room + 0.01:
                used += units[end]
                end += 1
            if end < len(units):
                # No lone last line or row at the head of a page, no lone first one at the foot.
                if len(units) - end < flow.orphans and end - first > flow.orphans:
                    end = len(units) - flow.orphans
                if first == 0 and end < flow.orphans:
                    end = first
            if end == first:
                if self.y == 0:
                    end = first + 1  # taller than a page: it is cut at the foot
                else:
                    self._new_page()
                    continue
            self.pages[-1] += flow.place(self.y, first, end)
            self.y += flow.head() + sum(units[first:end])
            self._placed[-1].append((flow, first, end))
            first = end
            if first < len(units):
                self._new_page()
        self.y += flow.after


def _keeps(flow: _Flow | PageBreak) -> bool:
    return isinstance(flow, _Flow) and flow.keep_with_next


# -- painting pages -------------------------------------------------------------------------------


def page_layout() -> QPageLayout:
    """A4 with no margins: the painter's origin is the paper's corner and the margins are ours."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def paint_document(document: Document, device: QPagedPaintDevice) -> Pages:
    """Lay out ``document`` for a QPdfWriter or QPrinter set up by ``_prepare`` and paint every page
    onto it; returns the pages."""
    pages = Pages(document, device)
    u = pages.u
    left, top = u.mm(layout.MARGIN_LEFT_MM), u.mm(layout.MARGIN_TOP_MM)
    # Anything taller than a page is cut at the foot of the text block, not drawn over the number.
    clip = QRectF(-left, -top, u.mm(layout.PAGE_WIDTH_MM), top + pages.height + u.pt(1))
    number_font = _font(layout.FONT_PAGE_NUMBER, layout.SIZE_PAGE_NUMBER)
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for page in range(len(pages)):
            if page:
                device.newPage()
            painter.save()
            painter.translate(left, top)
            painter.setClipRect(clip)
            painter.setPen(QColor(Qt.GlobalColor.black))
            pages.paint(painter, page)
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
    device.setPageLayout(page_layout())


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


def print_document(document: Document, printer: object) -> Pages:
    """Print on a QPrinter (A4, the paper's full page: the margins are the document's own)."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    printer.setFullPage(True)
    printer.setDocName(document.title)
    _prepare(printer, document)
    return paint_document(document, printer)


def print_preview_dialog(
    document: Document | Callable[[], Document],
    parent: object = None,
    on_error: Callable[[Exception], None] | None = None,
) -> object:
    """A QPrintPreviewDialog over the same pages as the PDF. ``document`` may be a callable, so
    that a preview shows the records as they are when it repaints; a problem in making it (the
    record gone, say) goes to ``on_error``. The caller runs ``exec()`` or ``open()``."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from db.common import errors

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    dialog = QPrintPreviewDialog(printer, parent)  # type: ignore[arg-type]

    def paint(target: QPrinter) -> None:
        try:
            print_document(document() if callable(document) else document, target)
        except (errors.LedgerError, OSError) as exc:
            if on_error is None:
                raise
            on_error(exc)

    dialog.paintRequested.connect(paint)
    # The dialog does not own its printer: keep it alive as long as the dialog, or showing the
    # dialog reads a freed printer and crashes.
    dialog._printer = printer  # type: ignore[attr-defined]
    return dialog
