"""A file's rows understood as the ledger's sheets: which sheet each is, its header and columns,
and what became of each row (the results the wizard and the command line show)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.common.messages import Message, current_language
from db.exchange import ledgers as L
from db.exchange.importing.messages import (
    MSG_AT_CELL,
    MSG_AT_COLUMN,
    MSG_AT_ROW,
    MSG_AT_SHEET,
    MSG_ATTENDANCE_LINK,
    MSG_DUPLICATE_COLUMN,
    MSG_MISSING_COLUMN,
    MSG_NAMELESS_COLUMN,
    MSG_NO_ROWS,
    MSG_SAME,
    MSG_SAME_ROWS,
    MSG_UNKNOWN_COLUMN,
    MSG_UNKNOWN_SHEET,
)
from db.exchange.sheets import RawSheet, Unreadable, read_file


@dataclass(frozen=True)
class Problem:
    """One problem, where it is: the sheet (as named in the file), the row (as the spreadsheet numbers
    it) and the column header; any of them None when the problem is about more than one cell."""

    sheet: str | None
    row: int | None
    column: str | None
    message: Message
    strip: tuple[
        str, ...
    ] = ()  # label prefixes the message starts with (the column says it already)

    def detail(self, lang: str | None = None) -> str:
        text = self.message.text(lang)
        for prefix in self.strip:
            for sep in ("：", ": "):
                if prefix and text.startswith(prefix + sep):
                    return text[len(prefix) + len(sep) :]
        return text

    def text(self, lang: str | None = None) -> str:
        detail = self.detail(lang)
        if self.sheet is None:
            return detail
        if self.row is None:
            if self.column is None:
                return MSG_AT_SHEET(sheet=self.sheet, text=detail).text(lang)
            return MSG_AT_COLUMN(sheet=self.sheet, column=self.column, text=detail).text(lang)
        if self.column is None:
            return MSG_AT_ROW(sheet=self.sheet, row=self.row, text=detail).text(lang)
        return MSG_AT_CELL(sheet=self.sheet, row=self.row, column=self.column, text=detail).text(
            lang
        )

    def __str__(self) -> str:
        return self.text()


CREATE = "create"


UPDATE = "update"


SKIP = "skip"  # a row with a problem (or one that belongs to a record with a problem)


# A row whose record is already in the ledger, or earlier in the file, by what identifies it to a
# person (db.queries.duplicates), or by its 编号 with nothing changed: skipped, never written twice.
SAME = "same"


@dataclass
class RowResult:
    row: int  # as the spreadsheet numbers it
    cells: dict[str, Any]  # header -> the cell as read
    action: str = SKIP
    record_id: uuid.UUID | None = None
    problems: list[Problem] = field(default_factory=list)
    same_row: int | None = None  # SAME as this earlier row of the sheet (an identical row)


@dataclass
class SheetResult:
    title: str  # as named in the file
    sheet: L.Sheet | None  # the layout it was read as (None: not recognised)
    headers: list[str]
    rows: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # about the sheet or its columns

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


@dataclass
class ImportResult:
    path: Path
    sheets: list[SheetResult]
    problems: list[Problem]  # every problem, in the order of the file
    committed: bool = False
    clean_only: bool = False
    format: str = ""  # "workbook" or "csv"
    encoding: str = ""  # of a CSV file

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def refused(self) -> bool:
        """True when nothing was (or would be) written because of the problems."""
        return bool(self.problems) and not self.clean_only

    def count(self, action: str) -> int:
        return sum(s.count(action) for s in self.sheets)

    def problem_lines(self, lang: str | None = None) -> list[str]:
        return [p.text(lang) for p in self.problems]

    def same_rows(self) -> list[tuple[str, list[int]]]:
        """Per sheet (as named in the file), the rows skipped as SAME."""
        out = []
        for sheet in self.sheets:
            rows = [r.row for r in sheet.rows if r.action == SAME]
            if rows:
                out.append((sheet.title, rows))
        return out

    def same_lines(self, lang: str | None = None) -> list[str]:
        """ "N 行与台账中已有记录相同，已跳过：" and the rows, a line per sheet; empty when none."""
        sheets = self.same_rows()
        if not sheets:
            return []
        lines = [MSG_SAME(count=sum(len(rows) for _, rows in sheets)).text(lang)]
        for title, rows in sheets:
            lines.append(MSG_SAME_ROWS(sheet=title, rows=_ranges(rows, lang)).text(lang))
        return lines


def _ranges(numbers: Sequence[int], lang: str | None) -> str:
    """Row numbers as runs: 2–13、15 (2–13, 15 in English)."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    sep = ", " if (lang or current_language()) == "en" else "、"
    return sep.join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


HEADER_SEARCH_ROWS = 10  # a hand-kept ledger may have a title or notes above its header


def _header_text(value: Any) -> str:
    return "".join(str(value).split()) if value is not None else ""


def _known(sheet: L.Sheet) -> dict[str, L.Col]:
    out: dict[str, L.Col] = {}
    for col in sheet.columns:
        for name in (col.header, *col.aliases):
            out.setdefault(name, col)
    return out


def _match(raw: RawSheet) -> tuple[L.Sheet | None, int]:
    """The layout a sheet follows and the index (into raw.rows) of its header row."""
    named = L.BY_TITLE.get(raw.title.strip())
    candidates = [named] if named is not None else list(L.SHEETS)
    best: tuple[int, int, L.Sheet | None, int] = (0, 0, None, 0)
    for index, (_, cells) in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        texts = [_header_text(c) for c in cells]
        for sheet in candidates:
            known = _known(sheet)
            found = {known[t].key for t in texts if t in known}
            if named is None and not all(c.key in found for c in sheet.columns if c.required):
                continue
            unknown = sum(1 for t in texts if t and t not in known)
            score = (len(found), -unknown)
            if score > best[:2]:
                best = (score[0], score[1], sheet, index)
    return best[2], best[3]


@dataclass
class _Row:
    """A data row: its number, its cells by column key, and its result."""

    number: int
    cells: dict[str, Any]
    result: RowResult


@dataclass
class _Table:
    """A recognised sheet ready to import."""

    result: SheetResult
    sheet: L.Sheet
    present: set[str]  # keys of the columns the file has
    rows: list[_Row]
    usable: bool  # False when the sheet's columns have problems


def read(
    path: str | os.PathLike[str],
) -> tuple[list[_Table], list[SheetResult], list[Problem], str, str]:
    """Read a file into tables by the ledger layout; problems of files, sheets and columns."""
    path = Path(path)
    problems: list[Problem] = []
    try:
        raws, fmt, encoding = read_file(path)
    except Unreadable as exc:
        return [], [], [Problem(None, None, None, exc.message)], "", ""
    tables: list[_Table] = []
    results: list[SheetResult] = []
    for raw in raws:
        if not raw.rows:
            continue
        sheet, header_index = _match(raw)
        if sheet is None:
            result = SheetResult(raw.title, None, [])
            result.problems.append(
                Problem(raw.title, None, None, MSG_UNKNOWN_SHEET(name=_header(L.MEMBERS, "name")))
            )
            results.append(result)
            problems.extend(result.problems)
            continue
        header_number, header_cells = raw.rows[header_index]
        headers = [_header_text(c) for c in header_cells]
        result = SheetResult(raw.title, sheet, headers)
        results.append(result)
        known = _known(sheet)
        positions: dict[str, int] = {}
        usable = True
        data_rows = raw.rows[header_index + 1 :]
        for index, header in enumerate(headers):
            if not header:
                if any(index < len(c) and L.plain_cell(c[index]) is not None for _, c in data_rows):
                    result.problems.append(
                        Problem(raw.title, None, None, MSG_NAMELESS_COLUMN(index=index + 1))
                    )
                    usable = False
                continue
            col = known.get(header)
            if col is None:
                result.problems.append(
                    Problem(
                        raw.title,
                        None,
                        header,
                        MSG_UNKNOWN_COLUMN(known="、".join(sheet.headers)),
                    )
                )
                usable = False
            elif col.key in positions:
                result.problems.append(Problem(raw.title, None, header, MSG_DUPLICATE_COLUMN()))
                usable = False
            else:
                positions[col.key] = index
        for col in sheet.columns:
            if col.required and col.key not in positions:
                result.problems.append(
                    Problem(raw.title, None, None, MSG_MISSING_COLUMN(column=col.header))
                )
                usable = False
        if (
            sheet.key == "attendance"
            and "session" not in positions
            and not ("date" in positions and "topic" in positions)
        ):
            result.problems.append(
                Problem(
                    raw.title,
                    None,
                    None,
                    MSG_ATTENDANCE_LINK(
                        session=_header(L.ATTENDANCE, "session"),
                        date=_header(L.ATTENDANCE, "date"),
                        topic=_header(L.ATTENDANCE, "topic"),
                    ),
                )
            )
            usable = False
        rows = []
        for number, cells in data_rows:
            by_key = {key: (cells[i] if i < len(cells) else None) for key, i in positions.items()}
            shown = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers) if h}
            row_result = RowResult(number, shown)
            result.rows.append(row_result)
            rows.append(_Row(number, by_key, row_result))
        problems.extend(result.problems)
        tables.append(_Table(result, sheet, set(positions), rows, usable))
    if not any(t.rows for t in tables) and not problems:
        problems.append(Problem(None, None, None, MSG_NO_ROWS(path=str(path))))
    return tables, results, problems, fmt, encoding


def _header(sheet: L.Sheet, key: str) -> str:
    col = sheet.column(key)
    return col.header if col is not None else key


def _required(col: L.Col | None) -> Message:
    from db.services.fields import REQUIRED

    return REQUIRED(label=col.header if col is not None else "")
