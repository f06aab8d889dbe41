"""CSV as Excel reads and writes it: UTF-8 with a BOM on the way out; UTF-8 (with or without BOM) or
GBK/GB18030 (what older Excel writes on a Chinese Windows) on the way in.

A text cell that a spreadsheet would run as a formula is written with a leading apostrophe, the
spreadsheets' own mark for "this is text"; reading takes that apostrophe off again, so a value goes
round unchanged.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.common.text import clean_text
from db.exchange.xlsx_writer import looks_like_formula

TEXT_MARK = "'"


class UnknownEncoding(ValueError):
    """The bytes are neither UTF-8 nor GB18030."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8-sig", "utf-8" or "gb18030"


def protect(text: str) -> str:
    """The text as a CSV cell: formula-looking text gets the apostrophe that keeps it text."""
    return TEXT_MARK + text if looks_like_formula(text) else text


def unprotect(text: str) -> str:
    """A CSV cell's text as the user meant it (the apostrophe of ``protect`` taken off)."""
    if text.startswith(TEXT_MARK) and looks_like_formula(text[1:]):
        return text[1:]
    return text


def write_csv(
    path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """Write text cells as CSV in UTF-8 with a BOM (so that Excel shows the Chinese), CRLF lines."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([protect(clean_text(h)) for h in header])
        for row in rows:
            writer.writerow([protect(clean_text(cell)) for cell in row])


def decode(data: bytes) -> DecodedText:
    """Text of a CSV file: a BOM says UTF-8; else strict UTF-8; else GB18030 (a superset of GBK)."""
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(
            data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
        )
    try:
        return DecodedText(data.decode("utf-8", errors="strict"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode("gb18030", errors="strict"), "gb18030")
    except UnicodeDecodeError as exc:
        raise UnknownEncoding(str(exc)) from None


def read_csv(data: bytes) -> tuple[list[list[str]], str]:
    """The rows of a CSV file (cells as text, apostrophes of ``protect`` removed) and its encoding.

    The delimiter is a comma, or a semicolon or tab when the first line clearly uses one instead (as
    Excel does in some locales)."""
    decoded = decode(data)
    text = decoded.text
    first = text.split("\n", 1)[0]
    delimiter = ","
    for candidate in ("\t", ";"):
        if first.count(candidate) > first.count(","):
            delimiter = candidate
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [[unprotect(cell) for cell in row] for row in reader]
    return rows, decoded.encoding
