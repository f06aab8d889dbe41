"""A Document as Markdown, for pasting into a chat, a mail or a wiki: the same text as the Word file.

Headings keep their Chinese numbers in the text ("## 一、本月概述"), tables become pipe tables, and
every cell is kept on one line with its pipes escaped, so no table can break apart.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from db.common.text import clean_text
from db.documents.document import (
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

_MARKUP = re.compile(r"([\\`*_\[\]<>#])")


def escape_text(text: str) -> str:
    """Text that Markdown would otherwise read as markup (``*``, ``_``, ``#``, …) kept literal, without
    control characters (db.common.text)."""
    return _MARKUP.sub(r"\\\1", clean_text(text))


def escape_cell(text: str) -> str:
    """A table cell on one line: pipes escaped, line breaks turned into <br>."""
    text = escape_text(text).replace("|", r"\|")
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "<br>".join(line for line in lines if line) or " "


def _table(table: Table) -> list[str]:
    out: list[str] = []
    if table.caption:
        out += [f"**{escape_text(table.caption)}**", ""]
    aligns = {"left": ":---", "center": ":---:", "right": "---:", "justify": ":---"}
    if table.header:
        head = [escape_cell(c.title) for c in table.columns]
    else:
        head = [" "] * len(table.columns)
    out.append("| " + " | ".join(head) + " |")
    out.append("| " + " | ".join(aligns[c.align] for c in table.columns) + " |")
    for row in table.rows:
        out.append("| " + " | ".join(escape_cell(cell) for cell in row) + " |")
    return out


def to_markdown(document: Document) -> str:
    chunks: list[list[str]] = []
    for block in document.blocks:
        if isinstance(block, Masthead):
            line = "　　".join(part for part in (block.unit, block.date) if part)
            chunks.append([f"# {escape_text(block.title)}"])
            chunks.append([escape_text(block.issue)])
            chunks.append([escape_text(line)] if line else [])
            chunks.append(["---"])
        elif isinstance(block, Title):
            chunks.append([f"# {escape_text(''.join(block.lines))}"])
        elif isinstance(block, Subtitle):
            chunks.append([escape_text(block.text)])
        elif isinstance(block, Heading1):
            chunks.append([f"## {escape_text(block.label)}"])
        elif isinstance(block, Heading2):
            chunks.append([f"### {escape_text(block.label)}"])
        elif isinstance(block, Paragraph):
            lead = f"**{escape_text(block.lead)}**" if block.lead else ""
            chunks.append([lead + escape_text(block.text)])
        elif isinstance(block, Table):
            chunks.append(_table(block))
        elif isinstance(block, PageBreak):
            chunks.append(["---"])
        elif isinstance(block, Colophon):
            chunks.append(["---"])
            chunks += [[escape_text(line)] for line in block.lines]
    return "\n\n".join("\n".join(c) for c in chunks if c) + "\n"


def render(document: Document, path: str | os.PathLike[str]) -> Path:
    """Write the document as UTF-8 Markdown (no BOM: Markdown tools read plain UTF-8)."""
    target = Path(path)
    target.write_text(to_markdown(document), encoding="utf-8", newline="\n")
    return target
