"""Importing ledgers and rosters from spreadsheets (.xlsx, .xls, .ods…) and CSV: read the sheets by their Chinese headers, check
every row with the services' own clean() — the validation the forms use — and write all or nothing.

How it checks: the whole import is tried inside one transaction, row by row through the services, in
the order the records depend on each other (the group's profile, party groups, members, then records);
each row's save is its own savepoint, so a bad row leaves nothing behind and the rows after it still
get checked against what the rows before it wrote. A preview rolls the transaction back at the end; a
commit keeps it when the whole file is clean, or — when the user chose ``clean_only`` — keeps the clean
rows. So the preview and the commit find exactly the same problems.

For the window's import wizard and the command line:

    result = importer.preview(ledger, path)         # nothing written
    result.problems                                 # Problem(sheet, row, column, message), .text(lang)
    result.sheets                                   # per sheet: the rows understood and what each would do
    result = importer.commit(ledger, path, clean_only=False)
    result.committed                                # True when something was written

A file that cannot be read at all (empty, a text file named .xlsx, a damaged workbook, an unknown
encoding) gives one problem and nothing else; db/sheets.py reads the files.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib
import json
import os
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db import duplicates, errors
from db import ledgers as L
from db.database import Ledger
from db.messages import Message, current_language, define
from db.models import ChangeLog, Member, PartyGroup, ResearchReport, StudySession, WorkGroup
from db.services.base import MSG_NO_GROUP, RecordService, service_for, to_json_value
from db.services.children import MemberRows
from db.sheets import RawSheet, Unreadable, read_file

# The services register themselves when imported; an import needs every kind of the ledger.
for _module in (
    "bulletins",
    "groups",
    "members",
    "leave",
    "sessions",
    "spotchecks",
    "surveys",
    "highlights",
    "reports",
    "achievements",
):
    importlib.import_module(f"db.services.{_module}")

# -- messages ------------------------------------------------------------------------------------------

MSG_AT_CELL = define(
    "import.at_cell",
    zh="{sheet} 第 {row} 行「{column}」：{text}",
    en="{sheet}, row {row}, “{column}”: {text}",
)
MSG_AT_ROW = define(
    "import.at_row", zh="{sheet} 第 {row} 行：{text}", en="{sheet}, row {row}: {text}"
)
MSG_AT_COLUMN = define(
    "import.at_column", zh="{sheet}「{column}」列：{text}", en="{sheet}, column “{column}”: {text}"
)
MSG_AT_SHEET = define("import.at_sheet", zh="{sheet}：{text}", en="{sheet}: {text}")

MSG_NO_ROWS = define(
    "import.no_rows",
    zh="文件中没有可导入的数据行：{path}",
    en="The file holds no rows to import: {path}",
)
MSG_UNKNOWN_SHEET = define(
    "import.unknown_sheet",
    zh="无法识别这张表：表头应与导出的台账一致（例如成员表须有“{name}”列）",
    en="This sheet is not recognised: its headers should be those of an exported ledger "
    "(a member sheet needs a “{name}” column, for example)",
)
MSG_UNKNOWN_COLUMN = define(
    "import.unknown_column",
    zh="无法识别的列（这张表可用的列：{known}）",
    en="Unknown column (this sheet's columns are: {known})",
)
MSG_MISSING_COLUMN = define(
    "import.missing_column",
    zh="缺少必需的列「{column}」",
    en="The required column “{column}” is missing",
)
MSG_DUPLICATE_COLUMN = define(
    "import.duplicate_column", zh="这一列出现了两次", en="This column appears twice"
)
MSG_NAMELESS_COLUMN = define(
    "import.nameless_column",
    zh="第 {index} 列有数据但没有表头",
    en="Column {index} holds data but has no header",
)
MSG_ATTENDANCE_LINK = define(
    "import.attendance_link",
    zh="出勤表须有「{session}」列，或者「{date}」和「{topic}」两列，才能对应到学习记录",
    en="The attendance sheet needs a “{session}” column, or both “{date}” and “{topic}”, "
    "to find its sessions",
)
MSG_DUPLICATE_ID = define(
    "import.duplicate_id",
    zh="编号与第 {first} 行相同，同一条记录出现了两次",
    en="Same identity as row {first}: one record appears twice",
)
MSG_BAD_ID = define(
    "import.bad_id",
    zh="“{value}”不是本程序导出的编号；新记录请留空",
    en="“{value}” is not an identity this program exported; leave it empty for a new record",
)
MSG_UNKNOWN_MEMBER_NAME = define(
    "import.unknown_member",
    zh="找不到名为“{name}”的成员（请先在成员表中加上这位成员）",
    en="No member is named “{name}” (add the member to the member sheet first)",
)
MSG_AMBIGUOUS_MEMBER = define(
    "import.ambiguous_member",
    zh="有 {count} 位成员都叫“{name}”（{who}），无法确定是哪一位；请先在成员表中改名加以区分",
    en="{count} members are named “{name}” ({who}); it is not clear which one is meant. "
    "Rename them in the member sheet to tell them apart",
)
MSG_WHO = define("import.who", zh="{detail}，编号 {id}", en="{detail}, id {id}")
MSG_UNKNOWN_REPORT = define(
    "import.unknown_report",
    zh="找不到题为“{title}”的调研报告",
    en="No research report is titled “{title}”",
)
MSG_AMBIGUOUS_REPORT = define(
    "import.ambiguous_report",
    zh="有 {count} 篇调研报告都题为“{title}”，无法确定是哪一篇",
    en="{count} research reports are titled “{title}”; it is not clear which one is meant",
)
MSG_BAD_PRESENT = define(
    "import.bad_present",
    zh="请填“{present}”或“{absent}”，而不是“{value}”",
    en="Write {present} (present) or {absent} (absent), not “{value}”",
)
MSG_NO_SESSION = define(
    "import.no_session",
    zh="找不到 {date}“{topic}”这次学习记录（请在学习交流表中加上它）",
    en="No study session “{topic}” on {date} (add it to the study session sheet)",
)
MSG_NO_SESSION_ID = define(
    "import.no_session_id",
    zh="找不到编号为 {id} 的学习记录",
    en="No study session has the identity {id}",
)
MSG_AMBIGUOUS_SESSION = define(
    "import.ambiguous_session",
    zh="{date}有不止一次题为“{topic}”的学习，无法确定是哪一次；请填写「{session}」",
    en="There is more than one session “{topic}” on {date}; fill in “{session}” to say which",
)
MSG_SESSION_SKIPPED = define(
    "import.session_skipped",
    zh="这次学习的出勤有问题，未能导入（见出勤表）",
    en="This session's attendance has problems, so it was not imported (see the attendance sheet)",
)
MSG_INCONSISTENT = define(
    "import.inconsistent",
    zh="同一次抽查的各行应相同，而第 {first} 行是“{other}”",
    en="The rows of one check should agree, but row {first} has “{other}”",
)
MSG_GROUP_ONE_ROW = define(
    "import.group_one_row",
    zh="工作组概况只能有一行",
    en="The group's profile has one row only",
)
MSG_OTHER_GROUP = define(
    "import.other_group",
    zh="这份台账属于另一个工作组（“{name}”），而这个数据库是“{current}”的；请在另一个数据库中导入",
    en="This ledger belongs to another work group (“{name}”), while this database is “{current}”'s; "
    "import it into another database",
)
MSG_EMPTY_VALUE = define("import.empty_value", zh="（空）", en="(empty)")
MSG_SAME = define(
    "import.same",
    zh="{count} 行与台账中已有记录相同，已跳过：",
    en="{count} row(s) are the same as records already in the ledger and were skipped:",
)
MSG_SAME_ROWS = define(
    "import.same_rows", zh="  {sheet} 第 {rows} 行", en="  {sheet}, row(s) {rows}"
)


# -- results -------------------------------------------------------------------------------------------


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
# person (db.duplicates), or by its 编号 with nothing changed: skipped, never written twice.
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


# -- matching sheets to the ledger's layout -----------------------------------------------------------


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


# -- the import ----------------------------------------------------------------------------------------


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


class _Rollback(Exception):
    pass


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


def preview(
    ledger: Ledger, path: str | os.PathLike[str], *, clean_only: bool = False
) -> ImportResult:
    """Everything an import would do and every problem it would meet, with nothing written."""
    return _run(ledger, Path(path), write=False, clean_only=clean_only)


def commit(
    ledger: Ledger, path: str | os.PathLike[str], *, clean_only: bool = False
) -> ImportResult:
    """Import the file in one transaction: all of it when it is clean; with ``clean_only``, the clean
    rows (a row whose record depends on a bad row fails too); otherwise nothing."""
    return _run(ledger, Path(path), write=True, clean_only=clean_only)


def _run(ledger: Ledger, path: Path, *, write: bool, clean_only: bool) -> ImportResult:
    tables, sheets, problems, fmt, encoding = read(path)
    result = ImportResult(path, sheets, [], clean_only=clean_only, format=fmt, encoding=encoding)
    if not tables:
        result.problems = problems
        return result
    group_before = ledger.group_id
    try:
        with ledger.transaction():
            run = _Import(ledger, tables, clean_only)
            run.run()
            result.problems = _ordered_problems(sheets, problems)
            wrote = run.wrote
            if not write or not wrote or (result.problems and not clean_only):
                raise _Rollback
            run.finish()
            result.committed = True
    except _Rollback:
        ledger.group_id = group_before
    except BaseException:
        ledger.group_id = group_before
        raise
    return result


def _ordered_problems(
    sheets: Sequence[SheetResult], file_problems: Sequence[Problem]
) -> list[Problem]:
    out = [p for p in file_problems if p.sheet is None]
    for sheet in sheets:
        out.extend(sheet.problems)
        for row in sheet.rows:
            out.extend(row.problems)
    return out


# -- resolving names ---------------------------------------------------------------------------------


class _Names:
    """Member names and report titles of the group, read once and kept up to date as rows are saved."""

    def __init__(self) -> None:
        self.members: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.member_detail: dict[uuid.UUID, str] = {}
        self.reports: dict[str, list[uuid.UUID]] | None = None

    def load_members(self, group: Any) -> None:
        self.members.clear()
        self.member_detail.clear()
        query = Member.select(Member.id, Member.name, Member.sending_unit_post).where(
            Member.group == group
        )
        for m in query:
            self.members[m.name].append(m.id)
            self.member_detail[m.id] = m.sending_unit_post

    def set_member(self, member_id: uuid.UUID, name: str, detail: str) -> None:
        for ids in self.members.values():
            if member_id in ids:
                ids.remove(member_id)
        self.members[name].append(member_id)
        self.member_detail[member_id] = detail

    def member(self, name: str) -> tuple[uuid.UUID | None, Message | None]:
        ids = self.members.get(name) or []
        if not ids:
            return None, MSG_UNKNOWN_MEMBER_NAME(name=name)
        if len(ids) > 1:
            who = "；".join(
                MSG_WHO(detail=self.member_detail.get(i) or name, id=str(i)).text() for i in ids
            )
            return None, MSG_AMBIGUOUS_MEMBER(count=len(ids), name=name, who=who)
        return ids[0], None

    def load_reports(self, group: Any) -> None:
        self.reports = defaultdict(list)
        for rid, title in (
            ResearchReport.select(ResearchReport.id, ResearchReport.title)
            .where(ResearchReport.group == group)
            .tuples()
        ):
            self.reports[title].append(rid)

    def report(self, title: str) -> tuple[uuid.UUID | None, Message | None]:
        assert self.reports is not None
        ids = self.reports.get(title) or []
        if not ids:
            return None, MSG_UNKNOWN_REPORT(title=title)
        if len(ids) > 1:
            return None, MSG_AMBIGUOUS_REPORT(count=len(ids), title=title)
        return ids[0], None


PRESENT_WORDS = {"出席", "是", "√", "✓", "到", "出勤", "1", "true", "yes", "y", "present"}
ABSENT_WORDS = {"缺席", "否", "×", "✗", "未到", "缺勤", "0", "false", "no", "n", "absent"}

# Records that reference others come after them.
ORDER = (
    "group",
    "party_groups",
    "members",
    "leave",
    "reports",
    "sessions",
    "spotchecks",
    "surveys",
    "highlights",
    "achievements",
    "bulletins",
)


def _id_of(value: Any) -> uuid.UUID | None:
    text = str(value).strip()
    return uuid.UUID(text)


class _Import:
    def __init__(self, ledger: Ledger, tables: list[_Table], clean_only: bool) -> None:
        self.ledger = ledger
        self.clean_only = clean_only
        self.by_key: dict[str, list[_Table]] = defaultdict(list)
        for table in tables:
            self.by_key[table.sheet.key].append(table)
        self.names = _Names()
        self.created_with_id: list[uuid.UUID] = []
        self.member_order: dict[uuid.UUID, tuple[int, str]] | None = None  # once members are in
        self.known = _Known(ledger)
        self.wrote = False

    # -- helpers ----------------------------------------------------------------------------------
    def tables(self, key: str) -> list[_Table]:
        return [t for t in self.by_key.get(key, []) if t.usable]

    def rows(self, key: str) -> Iterator[tuple[_Table, _Row]]:
        for table in self.tables(key):
            for row in table.rows:
                yield table, row

    def problem(
        self,
        table: _Table,
        row: _Row,
        column: str | None,
        message: Message,
        strip: Iterable[str] = (),
    ) -> None:
        header = None
        if column is not None:
            col = table.sheet.column(column)
            header = col.header if col is not None else None
        row.result.problems.append(
            Problem(table.result.title, row.number, header, message, tuple(strip))
        )
        row.result.action = SKIP

    def field_problems(
        self,
        table: _Table,
        row: _Row,
        exc: errors.ValidationError,
        service: RecordService[Any],
        skip: set[str],
    ) -> None:
        lang = current_language()
        for error in exc.errors:
            if error.field in skip:
                continue
            label = service.labels.get(error.field)
            strip = [label().text(lang)] if label is not None else []
            col = table.sheet.column(error.field)
            if col is not None:
                strip.append(col.header)
            self.problem(table, row, error.field if col is not None else None, error.message, strip)

    def mark(self, table: _Table, row: _Row, action: str, record_id: Any) -> None:
        row.result.action = action
        row.result.record_id = record_id
        if action in (CREATE, UPDATE):
            self.wrote = True

    def bulk(self, service: RecordService[Any]) -> _Bulk:
        if self.member_order is None:
            self.member_order = {
                m.id: (m.sort_order, m.name)
                for m in Member.select(Member.id, Member.sort_order, Member.name).where(
                    Member.group == self.ledger.group_id
                )
            }
        return _Bulk(self.ledger, service, self.member_order)

    def identities(
        self, key: str, model: type[Any], group_scoped: bool = True
    ) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
        """Of the 编号s in the sheets of ``key``: those of this group's records, and all that exist."""
        wanted: set[uuid.UUID] = set()
        for _, row in self.rows(key):
            raw = L.plain_cell(row.cells.get("id"))
            if raw is None:
                continue
            try:
                wanted.add(_id_of(raw))
            except ValueError:
                continue
        mine: set[uuid.UUID] = set()
        anywhere: set[uuid.UUID] = set()
        ids = list(wanted)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = model.select(model.id, *([model.group] if group_scoped else [])).where(
                model.id.in_(chunk)
            )
            for record in query:
                anywhere.add(record.id)
                if not group_scoped or record.group_id == self.ledger.group_id:
                    mine.add(record.id)
        return mine, anywhere

    def check_duplicates(self, key: str, *, one_row_per_record: bool = True) -> None:
        for table in self.tables(key):
            seen: dict[tuple[Any, ...], int] = {}
            ids: dict[str, int] = {}
            keys = [c.key for c in table.sheet.columns if c.key in table.present and not c.derived]
            for row in table.rows:
                signature = tuple(_signature(row.cells.get(k)) for k in keys)
                first = seen.setdefault(signature, row.number)
                if first != row.number:
                    # The same row again: its record is the first one's, written once.
                    row.result.action = SAME
                    row.result.same_row = first
                    continue
                raw = L.plain_cell(row.cells.get("id"))
                if one_row_per_record and raw is not None:
                    first_id = ids.setdefault(str(raw).strip().lower(), row.number)
                    if first_id != row.number:
                        self.problem(table, row, "id", MSG_DUPLICATE_ID(first=first_id))

    def values(self, table: _Table, row: _Row, skip_fields: set[str]) -> dict[str, Any]:
        """The row's record-level values for the service; problems of names go on the row and their
        fields into ``skip_fields`` (the service's own complaint about them would only repeat it)."""
        values: dict[str, Any] = {}
        for col in table.sheet.columns:
            if col.derived or col.child or col.type == L.ID or col.key not in table.present:
                continue
            raw = L.plain_cell(row.cells.get(col.key))
            if col.type == L.MEMBER:
                values[col.key] = None
                if raw is not None:
                    member_id, message = self.names.member(str(raw))
                    if message is not None:
                        self.problem(table, row, col.key, message)
                        skip_fields.add(col.key)
                    values[col.key] = member_id
            elif col.type == L.MEMBERS:
                ids = []
                for name in L.split_names(str(raw)) if raw is not None else []:
                    member_id, message = self.names.member(name)
                    if message is not None:
                        self.problem(table, row, col.key, message)
                        skip_fields.add(col.key)
                    else:
                        ids.append(member_id)
                values[col.key] = ids
            elif col.type == L.SCOPE:
                values[col.key] = None if raw is None or str(raw) == L.WHOLE_BRANCH else str(raw)
            elif col.type == L.PARTY_GROUP:
                values[col.key] = None if raw is None else str(raw)
            elif col.type == L.REPORT:
                values[col.key] = None
                if raw is not None:
                    if self.names.reports is None:
                        self.names.load_reports(self.ledger.group_id)
                    report_id, message = self.names.report(str(raw))
                    if message is not None:
                        self.problem(table, row, col.key, message)
                        skip_fields.add(col.key)
                    values[col.key] = report_id
            else:
                values[col.key] = L.import_value(col, raw)
        return values

    def identity(
        self, table: _Table, row: _Row, mine: set[uuid.UUID], anywhere: set[uuid.UUID]
    ) -> tuple[str, uuid.UUID | None, bool]:
        """(action, record id, id given): update an own record, create with the file's id when it is
        free, or create with a new one (no id, or one of another group's records)."""
        raw = L.plain_cell(row.cells.get("id")) if "id" in table.present else None
        if raw is None:
            return CREATE, None, False
        try:
            record_id = _id_of(raw)
        except ValueError:
            self.problem(table, row, "id", MSG_BAD_ID(value=str(raw)))
            return SKIP, None, False
        if record_id in mine:
            return UPDATE, record_id, True
        if record_id in anywhere:
            return CREATE, None, True
        return CREATE, record_id, True

    def save(
        self,
        table: _Table,
        row: _Row,
        service: RecordService[Any],
        values: dict[str, Any],
        action: str,
        record_id: uuid.UUID | None,
        skip_fields: set[str],
        *,
        extra_rows: Sequence[tuple[_Table, _Row]] = (),
        bulk: _Bulk | None = None,
    ) -> uuid.UUID | None:
        """Save one record through its service (each save its own savepoint), or — a new record of a
        kind with a ``bulk`` writer — check it with the service's clean() and queue it; problems go on
        the row. Returns the record's id (None when it was not saved)."""
        if action == SKIP:
            return None
        if bulk is not None and (action == UPDATE or record_id in bulk.ids):
            # A save runs in its own transaction, and one that fails drops the memos that count the
            # queued records: let them be in the database first (and the record it may update).
            bulk.flush()
        if action == UPDATE and record_id is not None:
            values = self._merged(table, service, values, record_id)
        key = None
        try:
            if row.result.problems or any(r.result.problems for _, r in extra_rows):
                # Own problems already: still run the service's checks to list the other fields'.
                current = service.get(self.ledger, record_id) if action == UPDATE else None
                service.clean(self.ledger, values, current)
                row.result.action = SKIP
                return None
            key = self.known.key(service, values)
            if action == CREATE and key is not None:
                same = self.known.find(service.kind, key)
                if same is not None:
                    for t, r in ((table, row), *extra_rows):
                        self.mark(t, r, SAME, same)
                    return same
            if action == UPDATE:
                model = service.model
                version = model.select(model.version).where(model.id == record_id).scalar()
                record = service.save(self.ledger, values, record_id=record_id)
                saved = record.id
                if record.version == version:  # nothing changed, nothing written
                    action = SAME
            elif bulk is not None:
                saved = bulk.add(service.clean(self.ledger, values, None), record_id)
            elif record_id is not None:
                with self.ledger.transaction():
                    saved = service.restore_values(self.ledger, {**values, "id": str(record_id)}).id
                self.created_with_id.append(record_id)
            else:
                saved = service.save(self.ledger, values).id
        except errors.ValidationError as exc:
            self.field_problems(table, row, exc, service, skip_fields)
            row.result.action = SKIP
            return None
        except errors.StorageError:
            raise  # the disk or the file failed, not this row: the whole import stops
        except errors.LedgerError as exc:
            self.problem(table, row, None, exc.message)
            return None
        if service.kind in duplicates.FIELDS:
            self.known.put(service.kind, saved, key)
        self.mark(table, row, action, saved)
        return saved

    def _merged(
        self, table: _Table, service: RecordService[Any], values: dict[str, Any], record_id: Any
    ) -> dict[str, Any]:
        """An update from a sheet that lacks some columns keeps those fields as they are."""
        missing = [
            c.key
            for c in table.sheet.columns
            if not c.derived and not c.child and c.type != L.ID and c.key not in table.present
        ]
        if not missing:
            return values
        snapshot = service.snapshot(service.get(self.ledger, record_id))
        return {**{k: snapshot[k] for k in missing if k in snapshot}, **values}

    # -- the phases -----------------------------------------------------------------------------------
    def run(self) -> None:
        for key in (
            "group",
            "party_groups",
            "members",
            "leave",
            "reports",
            "surveys",
            "highlights",
            "achievements",
            "bulletins",
        ):
            self.check_duplicates(key)
        self.check_duplicates("sessions")
        self.check_duplicates("attendance", one_row_per_record=False)
        self.check_duplicates("spotchecks", one_row_per_record=False)
        self.group()
        if self.ledger.group_id is None:
            if not any(t.rows for t in self.tables("group")):
                first = next(
                    (t for tables in self.by_key.values() for t in tables if t.usable and t.rows),
                    None,
                )
                if first is not None:
                    first.result.problems.append(
                        Problem(first.result.title, None, None, MSG_NO_GROUP())
                    )
            for tables in self.by_key.values():
                for table in tables:
                    for row in table.rows:
                        row.result.action = SKIP
            return
        self.names.load_members(self.ledger.group_id)
        pending_leaders = self.party_groups()
        self.members()
        self.party_group_leaders(pending_leaders)
        self.simple("leave")
        self.simple("reports")
        self.names.load_reports(self.ledger.group_id)
        self.sessions()
        self.spotchecks()
        for key in ("surveys", "highlights", "achievements"):
            self.simple(key)
        self.bulletins()

    def finish(self) -> None:
        """History entries of records created with the file's identity say "create", not "restore"
        (restore_values is how a service creates a record with a given id)."""
        ids = self.created_with_id
        for start in range(0, len(ids), 500):
            ChangeLog.update(action="create").where(
                ChangeLog.record_id.in_(ids[start : start + 500]) & (ChangeLog.action == "restore")
            ).execute()

    def group(self) -> None:
        service = service_for("work_group")
        current = self.ledger.group_id
        for table in self.tables("group"):
            for index, row in enumerate(table.rows):
                if _settled(row):
                    continue
                if index > 0:
                    self.problem(table, row, None, MSG_GROUP_ONE_ROW())
                    continue
                skip: set[str] = set()
                values = self.values(table, row, skip)
                raw_id = L.plain_cell(row.cells.get("id"))
                record_id = None
                if raw_id is not None:
                    try:
                        record_id = _id_of(raw_id)
                    except ValueError:
                        self.problem(table, row, "id", MSG_BAD_ID(value=str(raw_id)))
                        continue
                if current is not None:
                    if record_id is not None and record_id != current:
                        name = values.get("name") or ""
                        group_name = WorkGroup.get_by_id(current).name
                        if name != group_name:
                            self.problem(
                                table, row, None, MSG_OTHER_GROUP(name=name, current=group_name)
                            )
                            continue
                    self.save(table, row, service, values, UPDATE, current, skip)
                    continue
                taken = (
                    record_id is not None
                    and WorkGroup.select().where(WorkGroup.id == record_id).exists()
                )
                saved = self.save(
                    table, row, service, values, CREATE, None if taken else record_id, skip
                )
                if saved is not None:
                    self.ledger.group_id = saved
                    current = saved

    def party_groups(self) -> list[tuple[_Table, _Row, uuid.UUID, Any]]:
        """Party groups first without a leader whose member is not in the database yet; those leaders
        are set once the members are in (returned here)."""
        from db.models import PartyGroup

        service = service_for("party_group")
        mine, anywhere = self.identities("party_groups", PartyGroup)
        by_name = {
            pg.name: pg.id
            for pg in PartyGroup.select(PartyGroup.id, PartyGroup.name).where(
                PartyGroup.group == self.ledger.group_id
            )
        }
        pending = []
        for table, row in self.rows("party_groups"):
            if _settled(row):
                continue
            action, record_id, given = self.identity(table, row, mine, anywhere)
            name = L.plain_cell(row.cells.get("name"))
            if action == CREATE and not given and name is not None and str(name) in by_name:
                action, record_id = UPDATE, by_name[str(name)]
            leader_name = L.plain_cell(row.cells.get("leader"))
            skip: set[str] = set()
            known = leader_name is None or bool(self.names.members.get(str(leader_name)))
            values = self.values(table, row, skip) if known else None
            if values is None:
                # The leader is a member this file brings: leave it for after the members.
                values = self.values(_without(table, "leader"), row, skip)
                values["leader"] = None
                if action == UPDATE and record_id is not None:
                    current = service.snapshot(service.get(self.ledger, record_id))
                    values["leader"] = current.get("leader")
            saved = self.save(table, row, service, values, action, record_id, skip)
            if saved is not None:
                by_name[str(values.get("name") or "").strip()] = saved
                if not known:
                    pending.append((table, row, saved, leader_name))
        return pending

    def party_group_leaders(self, pending: list[tuple[_Table, _Row, uuid.UUID, Any]]) -> None:
        service = service_for("party_group")
        for table, row, record_id, _leader in pending:
            skip: set[str] = set()
            values = self.values(table, row, skip)
            if _settled(row):
                continue
            action = row.result.action
            self.save(table, row, service, values, UPDATE, record_id, skip)
            if row.result.action in (UPDATE, SAME) and action == CREATE:
                row.result.action = CREATE

    def members(self) -> None:
        service = service_for("member")
        mine, anywhere = self.identities("members", Member)
        bulk = _Bulk(self.ledger, service, {})  # members have no child rows to order
        for table, row in self.rows("members"):
            if _settled(row):
                continue
            action, record_id, given = self.identity(table, row, mine, anywhere)
            name = L.plain_cell(row.cells.get("name"))
            if action == CREATE and not given and name is not None:
                ids = self.names.members.get(str(name)) or []
                if len(ids) == 1:
                    action, record_id = UPDATE, ids[0]
                elif len(ids) > 1:
                    _, message = self.names.member(str(name))
                    assert message is not None
                    self.problem(table, row, "name", message)
                    continue
            skip: set[str] = set()
            values = self.values(table, row, skip)
            saved = self.save(table, row, service, values, action, record_id, skip, bulk=bulk)
            if saved is not None:
                self.names.set_member(
                    saved,
                    str(values.get("name") or "").strip(),
                    str(values.get("sending_unit_post") or ""),
                )
        bulk.flush()
        self.member_order = None  # read again, with the new members, by the next kind

    def simple(self, key: str) -> None:
        sheet = L.BY_KEY[key]
        assert sheet.service_kind is not None
        service = service_for(sheet.service_kind)
        mine, anywhere = self.identities(key, sheet.model)
        bulk = self.bulk(service)
        for table, row in self.rows(key):
            if _settled(row):
                continue
            action, record_id, _ = self.identity(table, row, mine, anywhere)
            skip: set[str] = set()
            values = self.values(table, row, skip)
            self.save(table, row, service, values, action, record_id, skip, bulk=bulk)
        bulk.flush()

    def bulletins(self) -> None:
        """Bulletin issues, with their numbers and the editor's texts: one per month, so a row is the
        issue with its 编号, or else the issue of its month when the ledger has one."""
        from db.models import BulletinIssue
        from db.services.fields import parse_month

        service = service_for("bulletin")
        mine, anywhere = self.identities("bulletins", BulletinIssue)
        by_month = dict(
            BulletinIssue.select(BulletinIssue.month, BulletinIssue.id)
            .where(BulletinIssue.group == self.ledger.group_id)
            .tuples()
        )
        for table, row in self.rows("bulletins"):
            if _settled(row):
                continue
            action, record_id, _ = self.identity(table, row, mine, anywhere)
            skip: set[str] = set()
            values = self.values(table, row, skip)
            month = None
            with contextlib.suppress(ValueError, TypeError):
                month = parse_month(values.get("month")) if values.get("month") else None
            if action == CREATE and month in by_month:
                action, record_id = UPDATE, by_month[month]
            saved = self.save(table, row, service, values, action, record_id, skip)
            if saved is not None and month is not None:
                by_month[month] = saved

    def sessions(self) -> None:
        service = service_for("session")
        mine, anywhere = self.identities("sessions", StudySession)
        attendance_tables = self.tables("attendance")
        has_attendance = bool(attendance_tables)
        session_rows = list(self.rows("sessions"))
        # Which file row each session is, by its identity and by its date and topic.
        by_id: dict[uuid.UUID, tuple[_Table, _Row]] = {}
        by_date_topic: dict[tuple[Any, str], list[tuple[_Table, _Row]]] = defaultdict(list)
        for table, row in session_rows:
            raw = L.plain_cell(row.cells.get("id"))
            if raw is not None:
                with contextlib.suppress(ValueError):
                    by_id[_id_of(raw)] = (table, row)
            key = _date_topic(row.cells.get("date"), row.cells.get("topic"))
            if key is not None:
                by_date_topic[key].append((table, row))
        # Attendance rows, grouped by the session they belong to (a file row, or one in the database).
        groups: dict[Any, list[tuple[_Table, _Row]]] = defaultdict(list)
        for table in attendance_tables:
            for row in table.rows:
                if _settled(row):
                    continue
                target = self._attendance_target(table, row, by_id, by_date_topic)
                if target is not None:
                    groups[target].append((table, row))
        self.bulk_sessions = self.bulk(service)
        for table, row in session_rows:
            if _settled(row):
                continue
            action, record_id, _ = self.identity(table, row, mine, anywhere)
            skip: set[str] = set()
            values = self.values(table, row, skip)
            members = groups.pop(("row", id(row)), [])
            if has_attendance:
                values["attendance"] = self._attendance_values(members)
            self.save_session(table, row, service, values, action, record_id, skip, members)
        self.bulk_sessions.flush()
        # Attendance of sessions that are in the database but not in the file.
        for target, members in groups.items():
            kind, session_id = target
            if kind != "db":
                continue
            first_table, first_row = members[0]
            values = service.snapshot(service.get(self.ledger, session_id))
            values["attendance"] = self._attendance_values(members)
            self.save_session(
                first_table,
                first_row,
                service,
                values,
                UPDATE,
                session_id,
                set(),
                members,
                own=False,
            )

    def save_session(
        self,
        table: _Table,
        row: _Row,
        service: RecordService[Any],
        values: dict[str, Any],
        action: str,
        record_id: uuid.UUID | None,
        skip: set[str],
        members: list[tuple[_Table, _Row]],
        *,
        own: bool = True,
    ) -> None:
        before = len(row.result.problems)
        if own:
            saved = self.save(
                table,
                row,
                service,
                values,
                action,
                record_id,
                skip,
                extra_rows=members,
                bulk=self.bulk_sessions,
            )
        else:
            record = None
            if not any(r.result.problems for _, r in members):
                try:
                    record = service.save(self.ledger, values, record_id=record_id)
                except errors.ValidationError as exc:
                    self._attendance_messages([e.message for e in exc.errors], members, table, row)
                except errors.StorageError:
                    raise
                except errors.LedgerError as exc:
                    self.problem(table, row, None, exc.message)
            for t, r in members:
                if record is not None:
                    self.mark(t, r, UPDATE, record.id)
                elif not r.result.problems:
                    r.result.action = SKIP
            return
        # Problems the service found in the attendance go to the attendance rows.
        moved = [p for p in row.result.problems[before:] if p.column is None and _is_attendance(p)]
        if moved:
            row.result.problems = [p for p in row.result.problems if p not in moved]
            self._attendance_messages([p.message for p in moved], members, table, row)
        if saved is None and any(r.result.problems for _, r in members) and not row.result.problems:
            self.problem(table, row, None, MSG_SESSION_SKIPPED())
        for t, r in members:
            if saved is not None:
                action = row.result.action if row.result.action in (CREATE, SAME) else UPDATE
                self.mark(t, r, action, saved)
            else:
                r.result.action = SKIP

    def _attendance_messages(
        self, messages: list[Message], members: list[tuple[_Table, _Row]], table: _Table, row: _Row
    ) -> None:
        lang = current_language()
        for message in messages:
            name = message.params.get("name")
            target = next(
                (
                    (t, r)
                    for t, r in members
                    if name is not None and str(L.plain_cell(r.cells.get("member"))) == str(name)
                ),
                None,
            )
            if target is None:
                self.problem(table, row, None, message)
                continue
            t, r = target
            inner = message.params.get("problem")
            if isinstance(inner, Message):
                text = inner.text(lang)
                col = next(
                    (c for c in t.sheet.columns if c.child and text.startswith(c.header)), None
                )
                strip = [c.header for c in t.sheet.columns]
                self.problem(t, r, col.key if col else None, inner, strip)
            else:
                label = message.params.get("label")
                strip = [label.text(lang) if isinstance(label, Message) else str(label or "")]
                self.problem(t, r, "member", message, strip)

    def _attendance_target(
        self,
        table: _Table,
        row: _Row,
        by_id: Mapping[uuid.UUID, tuple[_Table, _Row]],
        by_date_topic: Mapping[tuple[Any, str], list[tuple[_Table, _Row]]],
    ) -> Any:
        raw = L.plain_cell(row.cells.get("session")) if "session" in table.present else None
        if raw is not None:
            try:
                session_id = _id_of(raw)
            except ValueError:
                self.problem(table, row, "session", MSG_BAD_ID(value=str(raw)))
                return None
            if session_id in by_id:
                return ("row", id(by_id[session_id][1]))
            exists = (
                StudySession.select()
                .where(
                    (StudySession.id == session_id) & (StudySession.group == self.ledger.group_id)
                )
                .exists()
            )
            if exists:
                return ("db", session_id)
            self.problem(table, row, "session", MSG_NO_SESSION_ID(id=str(session_id)))
            return None
        key = _date_topic(row.cells.get("date"), row.cells.get("topic"))
        if key is None:
            self.problem(
                table,
                row,
                "date",
                MSG_NO_SESSION(
                    date=_text(row.cells.get("date")), topic=_text(row.cells.get("topic"))
                ),
            )
            return None
        in_file = by_date_topic.get(key, [])
        # The scope tells apart the party groups' sessions of one day and topic.
        scope = _scope_text(row.cells) if "scope" in table.present else None
        if scope is not None:
            in_file = [(t, r) for t, r in in_file if _scope_text(r.cells) == scope]
        if len(in_file) == 1:
            return ("row", id(in_file[0][1]))
        date, topic = key
        if len(in_file) > 1:
            self.problem(
                table,
                row,
                "topic",
                MSG_AMBIGUOUS_SESSION(
                    date=date.isoformat(), topic=topic, session=_header(L.ATTENDANCE, "session")
                ),
            )
            return None
        query = StudySession.select(StudySession.id).where(
            (StudySession.group == self.ledger.group_id)
            & (StudySession.date == date)
            & (StudySession.topic == topic)
        )
        if scope == L.WHOLE_BRANCH:
            query = query.where(StudySession.scope.is_null())
        elif scope is not None:
            query = query.join(PartyGroup, on=(StudySession.scope == PartyGroup.id)).where(
                PartyGroup.name == scope
            )
        found = list(query)
        if len(found) == 1:
            return ("db", found[0].id)
        if len(found) > 1:
            self.problem(
                table,
                row,
                "topic",
                MSG_AMBIGUOUS_SESSION(
                    date=date.isoformat(), topic=topic, session=_header(L.ATTENDANCE, "session")
                ),
            )
        else:
            self.problem(table, row, "topic", MSG_NO_SESSION(date=date.isoformat(), topic=topic))
        return None

    def _attendance_values(self, members: list[tuple[_Table, _Row]]) -> list[dict[str, Any]]:
        rows = []
        for table, row in members:
            cells = row.cells
            name = L.plain_cell(cells.get("member"))
            member_id = None
            if name is not None:
                member_id, message = self.names.member(str(name))
                if message is not None:
                    self.problem(table, row, "member", message)
            raw_present = L.plain_cell(cells.get("present"))
            present: bool | None = None
            if raw_present is None:
                self.problem(table, row, "present", _required(table.sheet.column("present")))
            elif str(raw_present).strip().lower() in PRESENT_WORDS:
                present = True
            elif str(raw_present).strip().lower() in ABSENT_WORDS:
                present = False
            else:
                self.problem(
                    table,
                    row,
                    "present",
                    MSG_BAD_PRESENT(
                        value=str(raw_present), present=L.PRESENT_TEXT, absent=L.ABSENT_TEXT
                    ),
                )
            if member_id is None:
                if name is None:
                    self.problem(table, row, "member", _required(table.sheet.column("member")))
                continue
            rows.append(
                {
                    "member": member_id,
                    "present": present if present is not None else True,
                    "absence_reason": L.import_value(
                        table.sheet.column("absence_reason"), cells.get("absence_reason")
                    ),
                    "note": L.import_value(table.sheet.column("note"), cells.get("note")),
                }
            )
        return rows

    def spotchecks(self) -> None:
        service = service_for("spotcheck")
        mine, anywhere = self.identities("spotchecks", service.model)
        check_keys = [c.key for c in L.SPOTCHECKS.columns if not c.child and c.type != L.ID]
        bulk = self.bulk(service)
        for table in self.tables("spotchecks"):
            # One check per 编号, or per date, time, method, checker and notes when there is none.
            checks: dict[Any, list[_Row]] = {}
            for row in table.rows:
                if _settled(row):
                    continue
                raw = L.plain_cell(row.cells.get("id"))
                key = (
                    ("id", str(raw).strip().lower())
                    if raw is not None
                    else ("cells", tuple(_signature(row.cells.get(k)) for k in check_keys))
                )
                checks.setdefault(key, []).append(row)
            for rows in checks.values():
                first = rows[0]
                for other in rows[1:]:
                    for k in check_keys:
                        if k in table.present and _signature(other.cells.get(k)) != _signature(
                            first.cells.get(k)
                        ):
                            self.problem(
                                table,
                                other,
                                k,
                                MSG_INCONSISTENT(
                                    first=first.number,
                                    other=_text(first.cells.get(k)) or MSG_EMPTY_VALUE().text(),
                                ),
                            )
                action, record_id, _ = self.identity(table, first, mine, anywhere)
                skip: set[str] = set()
                values = self.values(table, first, skip)
                results = []
                for row in rows:
                    name = L.plain_cell(row.cells.get("member"))
                    member_id, message = (
                        self.names.member(str(name)) if name is not None else (None, None)
                    )
                    if message is not None:
                        self.problem(table, row, "member", message)
                        continue
                    results.append(
                        {
                            "member": member_id,
                            "result": L.import_value(
                                table.sheet.column("result"), row.cells.get("result")
                            ),
                            "note": L.import_value(
                                table.sheet.column("note"), row.cells.get("note")
                            ),
                        }
                    )
                values["results"] = results
                members = [(table, r) for r in rows[1:]]
                before = len(first.result.problems)
                saved = self.save(
                    table,
                    first,
                    service,
                    values,
                    action,
                    record_id,
                    skip,
                    extra_rows=members,
                    bulk=bulk,
                )
                moved = [
                    p for p in first.result.problems[before:] if p.column is None and _is_results(p)
                ]
                if moved:
                    first.result.problems = [p for p in first.result.problems if p not in moved]
                    self._attendance_messages(
                        [p.message for p in moved], [(table, r) for r in rows], table, first
                    )
                for row in rows[1:]:
                    if saved is not None:
                        self.mark(table, row, first.result.action, saved)
                    else:
                        row.result.action = SKIP
        bulk.flush()


def _child_rows(service: RecordService[Any]) -> MemberRows | None:
    """The service's member child rows (attendance, participants, …), if it has any."""
    from db.services import achievements, reports, sessions, spotchecks, surveys

    return {
        "session": sessions.ATTENDANCE,
        "spotcheck": spotchecks.RESULTS,
        "survey": surveys.PARTICIPANTS,
        "report": reports.AUTHORS,
        "achievement": achievements.MEMBERS,
    }.get(service.kind)


class _Known:
    """The keys (db.duplicates) of the group's records of each kind, read when the kind's first row
    is checked and kept true as the import saves rows, so that a record already in the ledger — or
    saved from an earlier row of the file — is recognised and not written twice."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.by_key: dict[str, dict[duplicates.Key, uuid.UUID]] = {}
        self.by_id: dict[str, dict[uuid.UUID, duplicates.Key]] = {}
        self._party_groups: dict[str, uuid.UUID] | None = None

    def party_groups(self) -> Mapping[str, uuid.UUID]:
        if self._party_groups is None:  # asked first by the sessions, after the party groups are in
            self._party_groups = dict(
                PartyGroup.select(PartyGroup.name, PartyGroup.id)
                .where(PartyGroup.group == self.ledger.group_id)
                .tuples()
            )
        return self._party_groups

    def key(self, service: RecordService[Any], values: Mapping[str, Any]) -> Any:
        if service.kind not in duplicates.FIELDS:
            return None
        return duplicates.values_key(service.kind, values, service.labels, self.party_groups)

    def _load(self, kind: str) -> None:
        if kind in self.by_id:
            return
        ids = duplicates.record_keys(kind, self.ledger.group_id)
        by_key: dict[duplicates.Key, uuid.UUID] = {}
        for record_id, key in ids.items():
            by_key.setdefault(key, record_id)
        self.by_id[kind], self.by_key[kind] = ids, by_key

    def find(self, kind: str, key: duplicates.Key) -> uuid.UUID | None:
        self._load(kind)
        return self.by_key[kind].get(key)

    def put(self, kind: str, record_id: uuid.UUID, key: duplicates.Key | None) -> None:
        """A record was saved with this key (None: unknown)."""
        self._load(kind)
        old = self.by_id[kind].pop(record_id, None)
        if old is not None and self.by_key[kind].get(old) == record_id:
            del self.by_key[kind][old]
        if key is not None:
            self.by_id[kind][record_id] = key
            self.by_key[kind].setdefault(key, record_id)


class _Bulk:
    """New records of one kind, checked by the service's clean() one by one and written many at a
    time: the record, its member child rows and its history entry, exactly as the service's save()
    writes them (tests/db/test_import.py compares the two), in a few statements instead of several
    per record — what makes 10,000 rows import in seconds.

    A queued record is announced to its service (RecordService.written), whose memos then count it:
    clean() finds a clash with a queued record (leave of the same member, a highlight of the same
    member, month and title) as with one in the database. A failed transaction drops the memos, so
    nothing may be queued when a save runs in its own (_Import.save flushes first).
    """

    def __init__(
        self,
        ledger: Ledger,
        service: RecordService[Any],
        member_order: Mapping[uuid.UUID, tuple[int, str]],
    ) -> None:
        self.ledger = ledger
        self.service = service
        self.model = service.model
        self.children = _child_rows(service)
        self.member_order = member_order
        self.records: list[dict[str, Any]] = []
        self.ids: set[uuid.UUID] = set()  # of the queued records
        self.child_rows: list[dict[str, Any]] = []
        self.logs: list[dict[str, Any]] = []

    def add(self, cleaned: Mapping[str, Any], record_id: uuid.UUID | None) -> uuid.UUID:
        from db.ids import new_id
        from db.services.base import now

        model = self.model
        record_id = record_id or new_id()
        self.ids.add(record_id)
        stamp = now()
        fields = {k: v for k, v in cleaned.items() if k in model._meta.fields}
        fields.update(id=record_id, created_at=stamp, updated_at=stamp)
        if self.service.group_scoped:
            fields["group"] = self.ledger.group_id
        row = {
            f.name: fields[f.name] if f.name in fields else _default(f)
            for f in model._meta.sorted_fields
        }
        self.records.append(row)
        snapshot = {k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
        spec = self.children
        if spec is not None and cleaned.get(spec.name) is not None:
            snapshot[spec.name] = self._children(spec, record_id, cleaned[spec.name])
        self.logs.append(
            {
                "id": new_id(),
                "group": self.ledger.group_id if self.service.group_scoped else None,
                "kind": self.service.kind,
                "record_id": record_id,
                "action": "create",
                "operator": self.ledger.operator or "?",
                "at": stamp,
                "before": None,
                "after": json.dumps(_json(snapshot), ensure_ascii=False, sort_keys=True),
            }
        )
        self.service.written(self.ledger, None, row)
        return record_id

    def _children(
        self, spec: MemberRows, record_id: uuid.UUID, wanted: Sequence[Any]
    ) -> list[dict[str, Any]]:
        from db.ids import new_id

        model = spec.model
        rows = []
        for position, child in enumerate(wanted):
            values = {
                f: child.fields.get(f, model._meta.fields[f].default) for f in spec.field_names
            }
            row = {"id": new_id(), spec.parent: record_id, "member": child.member, **values}
            if spec.ordered:
                row["position"] = position
            rows.append(row)
        self.child_rows.extend(rows)
        if not spec.ordered:
            order = self.member_order
            rows = sorted(
                rows,
                key=lambda r: (*order.get(r["member"], (0, "")), r["member"], r["id"]),
            )
        return [
            {"id": r["id"], "member": r["member"], **{n: r[n] for n in spec.field_names}}
            for r in rows
        ]

    def flush(self) -> None:
        _insert(self.ledger, self.model, self.records)
        if self.children is not None:
            _insert(self.ledger, self.children.model, self.child_rows)
        _insert(self.ledger, ChangeLog, self.logs)
        self.records, self.child_rows, self.logs = [], [], []
        self.ids.clear()


def _json(value: Any) -> Any:
    """base.to_json_value() for the flat records and child rows of a snapshot, in one quick pass (it
    runs for every record of an import); tests/db/test_import.py checks the two agree."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is dict:
        return {k: _json(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [_json(v) for v in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    return to_json_value(value)


def _default(field: Any) -> Any:
    """A field's default as Model.create() fills it in."""
    default = field.default
    return default() if callable(default) else default


def _insert(ledger: Ledger, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) with one prepared statement: peewee writes the SQL of
    one row and converts each value with its field's db_value(), as insert_many() would, but without
    building a statement of thousands of parameters in Python."""
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    sql, _ = model.insert_many([tuple(rows[0].values())], fields=fields).sql()
    params = [
        tuple(f.db_value(v) for f, v in zip(fields, row.values(), strict=True)) for row in rows
    ]
    ledger.db.cursor().executemany(sql, params)


def _settled(row: _Row) -> bool:
    """True for a row already decided: it has a problem, or it is SAME as a record or an earlier row."""
    return bool(row.result.problems) or row.result.action == SAME


def _header(sheet: L.Sheet, key: str) -> str:
    col = sheet.column(key)
    return col.header if col is not None else key


def _without(table: _Table, key: str) -> _Table:
    return _Table(table.result, table.sheet, table.present - {key}, table.rows, table.usable)


def _required(col: L.Col | None) -> Message:
    from db.services.fields import REQUIRED

    return REQUIRED(label=col.header if col is not None else "")


def _is_attendance(problem: Problem) -> bool:
    return problem.message.params.get("label") is not None and "name" in problem.message.params


def _is_results(problem: Problem) -> bool:
    return _is_attendance(problem)  # the same shape: a member row's problem names the member


def _signature(value: Any) -> Any:
    value = L.plain_cell(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return "" if value is None else str(value)


def _text(value: Any) -> str:
    value = L.plain_cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _scope_text(cells: Mapping[str, Any]) -> str:
    """A session's scope as a sheet names it: a party group's name, or 全支部 (also when empty)."""
    value = L.plain_cell(cells.get("scope"))
    return L.WHOLE_BRANCH if value is None else str(value)


def _date_topic(date: Any, topic: Any) -> tuple[datetime.date, str] | None:
    from db.services.fields import parse_date

    date, topic = L.plain_cell(date), L.plain_cell(topic)
    if date is None or topic is None:
        return None
    try:
        return parse_date(date), str(topic)
    except ValueError:
        return None


# -- the command line ----------------------------------------------------------------------------------

MSG_CLI_DONE = define(
    "import.cli_done",
    zh="已导入 {path}：新增 {created} 行，更新 {updated} 行",
    en="Imported {path}: {created} row(s) added, {updated} updated",
)
MSG_CLI_SKIPPED = define(
    "import.cli_skipped",
    zh="已导入 {path} 中没有问题的行：新增 {created} 行，更新 {updated} 行；跳过 {skipped} 行（问题见上）",
    en="Imported the clean rows of {path}: {created} row(s) added, {updated} updated; "
    "{skipped} skipped (problems above)",
)
MSG_CLI_REFUSED = define(
    "import.cli_refused",
    zh="未导入：发现 {count} 个问题，没有写入任何内容。改正后重新导入，或加 --clean-only 只导入没有问题的行。",
    en="Nothing imported: {count} problem(s) found and nothing written. Correct them and import "
    "again, or add --clean-only to import the rows without problems.",
)
MSG_CLI_ALL_SAME = define(
    "import.cli_all_same",
    zh="未写入任何内容：文件中的记录都已在台账中。",
    en="Nothing written: every record in the file is already in the ledger.",
)
MSG_CLI_NOTHING = define(
    "import.cli_nothing",
    zh="未导入：文件中没有可以导入的行。",
    en="Nothing imported: the file has no row that could be imported.",
)


def cli_import(args: Any) -> int:
    """`main.py import FILE [--clean-only]`: problems one per line, then what was done; exit status 1
    when the file was refused (nothing written), 0 otherwise. The database is created if need be."""
    from db.database import open_database

    path = Path(args.file).expanduser()
    clean_only = bool(getattr(args, "clean_only", False))
    with open_database(args.db, group=getattr(args, "group", None)) as ledger:
        result = commit(ledger, path, clean_only=clean_only)
    for line in [*result.problem_lines(), *result.same_lines()]:
        print(line, flush=True)
    created, updated = result.count(CREATE), result.count(UPDATE)
    if not result.committed and not result.refused and result.count(SAME):
        # A second import of the same rows: nothing to do, and nothing wrong.
        print(MSG_CLI_ALL_SAME().text(), flush=True)
        return 0
    if result.committed and not result.problems:
        message = MSG_CLI_DONE(path=str(path), created=created, updated=updated)
    elif result.committed:
        skipped = sum(s.count(SKIP) for s in result.sheets)
        message = MSG_CLI_SKIPPED(path=str(path), created=created, updated=updated, skipped=skipped)
    elif result.problems and not clean_only:
        message = MSG_CLI_REFUSED(count=len(result.problems))
    else:
        message = MSG_CLI_NOTHING()
    print(message.text(), flush=True)
    return 0 if result.committed else 1
