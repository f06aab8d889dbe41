"""One small document model for the bulletin, the year summary and the member file; every writer renders it.

The builders (db.documents.bulletin, db.documents.summary, db.documents.member_file) say *what* a document contains — a masthead, a
title, numbered headings, paragraphs and tables — and the writers (db.documents.docx_writer, db.documents.markdown_writer,
gui.pdf) say *how* it looks. Word, Markdown and PDF therefore always carry the same text and figures.

Headings carry their number and render it the way Chinese official documents number them: "一、" at
the first level, "（一）" at the second (GB/T 9704 §7.3.3). ``DocumentBuilder`` gives the numbers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Align = Literal["left", "center", "right", "justify"]

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (the numbers of headings)."""
    if not 0 < n < 100:
        raise ValueError(f"heading numbers run from 1 to 99, not {n}")
    tens, units = divmod(n, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return text + (_DIGITS[units] if units else "")


def chinese_date(day: datetime.date) -> str:
    """2025-07-01 → 2025年7月1日 (Arabic numerals without leading zeros, as GB/T 9704 writes dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(day: datetime.date) -> str:
    """2025-07-01 → 7月1日, for tables inside one month or one year."""
    return f"{day.month}月{day.day}日"


def decimal_text(value: Decimal | int | float | None) -> str:
    """A figure as an office writes it: 661.9000 → 661.9, 12.0 → 12, never an exponent."""
    if value is None:
        return ""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# -- blocks ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Masthead:
    """A bulletin's 版头: its name in large red type, the issue number, and the line with the issuing
    unit on the left and the date on the right, above a red rule."""

    title: str
    issue: str  # 第6期
    unit: str  # 商洛市赴南京市挂职工作组编 (with its 编, or empty)
    date: str  # 2025年7月1日


@dataclass(frozen=True)
class Title:
    """The document's title (方正小标宋简体 2号); "\\n" separates its lines."""

    text: str

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


@dataclass(frozen=True)
class Subtitle:
    """A centred line under the title, such as the period a document covers."""

    text: str


@dataclass(frozen=True)
class Heading1:
    number: int
    text: str

    @property
    def label(self) -> str:
        return f"{chinese_number(self.number)}、{self.text}"


@dataclass(frozen=True)
class Heading2:
    number: int
    text: str

    @property
    def label(self) -> str:
        return f"（{chinese_number(self.number)}）{self.text}"


@dataclass(frozen=True)
class Paragraph:
    """Body text. ``lead`` is set in bold before the text (a numbered item's own title); ``indent``
    gives the first line its two characters of indent."""

    text: str
    lead: str = ""
    align: Align = "justify"
    indent: bool = True

    @property
    def full_text(self) -> str:
        return self.lead + self.text


@dataclass(frozen=True)
class Column:
    """A table column: its heading, its width in characters of the table's text (a hint: the
    writers scale the columns to fill the width of the page), and how its cells align."""

    title: str
    width: float = 4.0
    align: Align = "center"
    bold: bool = False  # the labels of a table without a header row


@dataclass(frozen=True)
class Table:
    """A table with a header row (repeated on every page) and body rows of text.

    ``caption`` is a centred line above it; ``header`` False draws a table without a header row (the
    member file's particulars)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    header: bool = True

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"a row of {len(row)} cells in a table of {len(self.columns)}")

    @property
    def widths(self) -> tuple[float, ...]:
        """Each column's share of the full width, summing to 1."""
        total = sum(c.width for c in self.columns) or 1.0
        return tuple(c.width / total for c in self.columns)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Colophon:
    """A document's 版记 (GB/T 9704 §7.4) at its end, between rules: the 抄送 line (who else
    receives it) and the line with the 印发机关 on the left and "2025年4月1日印发" on the right.
    Either line is left out when its text is empty."""

    copy_to: str  # 省挂职工作队，派出单位组织部
    issuer: str  # 商洛市赴南京市挂职工作组
    date: str  # 2025年4月1日

    @property
    def copy_line(self) -> str:
        """ "抄送：…。", ending in a full stop as the standard writes it; "" when nobody is named."""
        text = self.copy_to.strip().rstrip("。；;，,")
        return f"抄送：{text}。" if text else ""

    @property
    def issue_date(self) -> str:
        return f"{self.date}印发" if self.date else ""

    @property
    def lines(self) -> tuple[str, ...]:
        """Its lines as text: the 抄送 line, then the 印发 line (issuer and date a space apart)."""
        issue = "　".join(part for part in (self.issuer.strip(), self.issue_date) if part)
        return tuple(line for line in (self.copy_line, issue) if line)


Block = Masthead | Title | Subtitle | Heading1 | Heading2 | Paragraph | Table | PageBreak | Colophon


@dataclass(frozen=True)
class Document:
    """A finished document. ``title``, ``author``, ``subject`` and ``created`` go into the file's
    properties (never into the body)."""

    title: str
    blocks: tuple[Block, ...]
    author: str = ""
    subject: str = ""
    created: datetime.datetime | None = None

    def text(self) -> str:
        """Every visible text of the document, one block or table row a line (for tests and search)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Masthead):
                lines += [block.title, block.issue, f"{block.unit}　{block.date}".strip("　")]
            elif isinstance(block, Title):
                lines.append("".join(block.lines))
            elif isinstance(block, Subtitle):
                lines.append(block.text)
            elif isinstance(block, Heading1 | Heading2):
                lines.append(block.label)
            elif isinstance(block, Paragraph):
                lines.append(block.full_text)
            elif isinstance(block, Table):
                if block.caption:
                    lines.append(block.caption)
                if block.header:
                    lines.append("\t".join(c.title for c in block.columns))
                lines += ["\t".join(row) for row in block.rows]
            elif isinstance(block, Colophon):
                lines += block.lines
        return "\n".join(lines)

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


# -- building -------------------------------------------------------------------------------------


@dataclass
class DocumentBuilder:
    """Collects blocks and numbers the headings: each first-level heading restarts the second level."""

    blocks: list[Block] = field(default_factory=list)
    _h1: int = 0
    _h2: int = 0

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def masthead(self, title: str, issue: str, unit: str, date: str) -> None:
        self.add(Masthead(title, issue, unit, date))

    def title(self, text: str) -> None:
        self.add(Title(text))

    def subtitle(self, text: str) -> None:
        self.add(Subtitle(text))

    def h1(self, text: str) -> None:
        self._h1 += 1
        self._h2 = 0
        self.add(Heading1(self._h1, text))

    def h2(self, text: str) -> None:
        self._h2 += 1
        self.add(Heading2(self._h2, text))

    def para(
        self, text: str, *, lead: str = "", align: Align = "justify", indent: bool = True
    ) -> None:
        if text or lead:
            self.add(Paragraph(text, lead=lead, align=align, indent=indent))

    def paras(self, text: str) -> None:
        """The user's own text: one paragraph per non-empty line."""
        for line in text.splitlines():
            line = line.strip()
            if line:
                self.add(Paragraph(line))

    def table(
        self,
        columns: Sequence[Column],
        rows: Iterable[Sequence[str]],
        *,
        caption: str = "",
        header: bool = True,
    ) -> None:
        body = tuple(tuple(row) for row in rows)
        if body:
            self.add(Table(tuple(columns), body, caption=caption, header=header))

    def page_break(self) -> None:
        self.add(PageBreak())

    def colophon(self, copy_to: str, issuer: str, date: str) -> None:
        """The 版记, left out when neither 抄送 nor 印发机关 is set (GB/T 9704 makes it optional)."""
        if copy_to.strip() or issuer.strip():
            self.add(Colophon(copy_to, issuer, date))

    def build(
        self,
        title: str,
        *,
        author: str = "",
        subject: str = "",
        created: datetime.datetime | None = None,
    ) -> Document:
        return Document(
            title=title, blocks=tuple(self.blocks), author=author, subject=subject, created=created
        )


def join_list(items: Iterable[str], sep: str = "、") -> str:
    return sep.join(i for i in items if i)
