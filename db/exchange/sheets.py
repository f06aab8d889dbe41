"""Reading a file of rows for the import: a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) through
python-calamine, or CSV (UTF-8 or GBK), into each sheet's non-empty rows of typed cells.

Cells come out as the import reads them: text (str), numbers (int when whole, else float), dates
(datetime.date), date-times (datetime.datetime), times of day (datetime.time), durations
(datetime.timedelta) and booleans. Empty and blank cells are None; rows with nothing in them are left
out, and every row keeps its number in the sheet, so that problems name the row the user sees.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from db.common.messages import Message, define
from db.exchange.csv_io import UnknownEncoding, read_csv

MSG_EMPTY_FILE = define(
    "import.empty_file", zh="文件是空的：{path}", en="The file is empty: {path}"
)
MSG_NOT_FOUND = define("import.not_found", zh="找不到文件：{path}", en="File not found: {path}")
MSG_BAD_WORKBOOK = define(
    "import.bad_workbook",
    zh="文件不是有效的电子表格（.xlsx、.xls、.ods 等），可能是改了扩展名的其他文件或已损坏：{path}",
    en="The file is not a valid spreadsheet (.xlsx, .xls, .ods…); it may be another kind of file "
    "renamed, or damaged: {path}",
)
MSG_BAD_ENCODING = define(
    "import.bad_encoding",
    zh="无法识别文件的文字编码（应为 UTF-8 或 GBK）：{path}",
    en="The file's text encoding is not recognised (expected UTF-8 or GBK): {path}",
)

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .xlsm, .xlsb, .ods
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and an .xlsb saved by old Excel)


@dataclass
class RawSheet:
    title: str
    rows: list[tuple[int, list[Any]]]  # (row number, cells), empty rows left out


class Unreadable(Exception):
    """The file cannot be read at all; ``message`` says why, for the user."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def read_file(path: Path) -> tuple[list[RawSheet], str, str]:
    """The non-empty rows of each sheet; the format ("workbook"/"csv") and a CSV's encoding."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable(MSG_NOT_FOUND(path=str(path))) from None
    if not data.strip():
        raise Unreadable(MSG_EMPTY_FILE(path=str(path)))
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return read_workbook(data, path), "workbook", ""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise Unreadable(MSG_BAD_WORKBOOK(path=str(path)))
    try:
        rows, encoding = read_csv(data)
    except UnknownEncoding:
        raise Unreadable(MSG_BAD_ENCODING(path=str(path))) from None
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    return [RawSheet(path.stem, numbered)], "csv", encoding


def read_workbook(data: bytes, path: Path) -> list[RawSheet]:
    """Every worksheet of a workbook, whichever of calamine's formats it is in."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            return [
                RawSheet(
                    name, _rows(workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                )
                for name in workbook.sheet_names
            ]
        finally:
            workbook.close()
    except (CalamineError, ValueError, OverflowError):
        raise Unreadable(MSG_BAD_WORKBOOK(path=str(path))) from None


def _rows(grid: list[list[Any]]) -> list[tuple[int, list[Any]]]:
    # One tight loop: this runs once per cell of the file. calamine gives "" for an empty cell and a
    # float for every number (a spreadsheet has no integers; a whole number is read as one).
    rows: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(grid, start=1):
        cells: list[Any] = []
        last = -1
        for index, value in enumerate(row):
            kind = value.__class__
            if kind is str:
                if not value.strip():
                    value = None
            elif kind is float and value.is_integer():
                value = int(value)
            cells.append(value)
            if value is not None:
                last = index
        if last >= 0:
            del cells[last + 1 :]
            rows.append((number, cells))
    return rows
