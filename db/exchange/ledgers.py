"""The ledger (台账) layout and its export: per kind of record a sheet with Chinese headers, how a record
becomes a row, how a cell becomes a value the services take, and writing .xlsx, CSV and Markdown.

The headers are the file format: an exported ledger imports back (db.exchange.importer), and ledgers kept by
hand in Excel import when their headers are these (or an alias). Every sheet but the attendance ends
with a narrow "编号" column carrying the record's identity, so that a round trip finds the same records.
Member columns hold names; a name shared by two members cannot be imported (the importer says so).

Rows are ordered by values that survive a round trip (dates, the members' order, the ids), so that a
ledger exported, imported into an empty database and exported again has identical cells.
"""

from __future__ import annotations

import datetime
import decimal
import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from db.common import errors
from db.common.messages import define
from db.common.text import clean_text
from db.documents.markdown_writer import escape_cell, escape_text
from db.exchange import xlsx_writer as xw
from db.exchange.csv_io import write_csv
from db.rules import vocab
from db.services.base import require_group
from db.services.plans import FILTER_KINDS
from db.store.ledger import Ledger
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    BulletinIssue,
    Highlight,
    LeaveRequest,
    Member,
    PartyGroup,
    PartyGroupLeader,
    Plan,
    PlanMeasure,
    PlanTick,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
    WorkGroup,
)

MSG_UNKNOWN_KIND = define(
    "ledger.unknown_kind",
    zh="没有名为“{kind}”的台账（可选：{choices}）",
    en="There is no ledger “{kind}” (choose from: {choices})",
)
MSG_UNKNOWN_FORMAT = define(
    "ledger.unknown_format",
    zh="不支持导出为“{format}”格式（可选：xlsx、csv、md）",
    en="Cannot export as “{format}” (choose xlsx, csv or md)",
)
MSG_CSV_ONE_KIND = define(
    "ledger.csv_one_kind",
    zh="CSV 文件只能放一类台账，请选择一类（命令行用 --kind，例如 --kind members）",
    en="A CSV file holds one kind of ledger; choose one (on the command line, --kind, e.g. --kind members)",
)
MSG_SELECTION_ONE_KIND = define(
    "ledger.selection_one_kind",
    zh="按筛选条件或所选记录导出时只能选择一类台账",
    en="Exporting by a filter or a selection works on one kind of ledger only",
)
MSG_DATE_ORDER = define(
    "ledger.date_order",
    zh="导出范围：结束日期 {to} 早于开始日期 {start}",
    en="Export range: the end {to} is before the start {start}",
)
MSG_ALL_DATES = define("ledger.all_dates", zh="全部日期", en="all dates")
MSG_RANGE = define("ledger.range", zh="{start} 至 {to}", en="{start} to {to}")
MSG_TITLE = define("ledger.title", zh="{group}台账", en="{group} — ledger")
MSG_MD_RANGE = define("ledger.md_range", zh="范围：{range}", en="Range: {range}")
MSG_MD_COUNT = define("ledger.md_count", zh="{title}（{count} 条）", en="{title} ({count} rows)")
MSG_MD_EMPTY = define("ledger.md_empty", zh="（无记录）", en="(no records)")

# -- column types ------------------------------------------------------------------------------------

TEXT = "text"
DATE = "date"
MONTH = "month"
TIME = "time"
DATETIME = "datetime"
DEC1 = "dec1"
AMOUNT = "amount"
INT = "int"
BOOL = "bool"  # 是 / 否
CHOICE = "choice"  # a vocabulary label
MEMBER = "member"  # a member's name
MEMBERS = "members"  # members' names joined with 、
PARTY_GROUP = "party_group"  # a party small group's name
SCOPE = "scope"  # a party small group's name, or 全支部
REPORT = "report"  # a research report's title
PRESENT = "present"  # 出席 / 缺席
ID = "id"  # a record's identity

WHOLE_BRANCH = "全支部"
PRESENT_TEXT = "出席"
ABSENT_TEXT = "缺席"
YES, NO = "是", "否"
ID_HEADER = "编号"
NAME_SEPARATORS = ("、", "，", ",", "；", ";", "\n")

_CELL_FORMAT = {
    DATE: xw.DATE,
    MONTH: xw.MONTH,
    TIME: xw.TIME,
    DATETIME: xw.DATETIME,
    DEC1: xw.DEC1,
    AMOUNT: xw.AMOUNT,
    INT: xw.INT,
    ID: xw.ID,
}


@dataclass(frozen=True)
class Col:
    """One column: the service's field it carries (``key``), its header, and its type."""

    key: str
    header: str
    type: str = TEXT
    vocab: str | None = None  # for CHOICE
    required: bool = False  # the column must be there for an import
    derived: bool = False  # computed by the program: exported for reading, ignored on import
    child: bool = False  # a field of the record's child row (one row per child)
    aliases: tuple[str, ...] = ()  # other headers accepted on import

    @property
    def cell_format(self) -> str:
        return _CELL_FORMAT.get(self.type, xw.TEXT)


@dataclass(frozen=True)
class Sheet:
    key: str  # "members", as the command line's --kind names it
    title: str  # the sheet's name in the workbook
    service_kind: str | None  # db.services' kind of the records; None for attendance rows
    model: type[peewee.Model]
    columns: tuple[Col, ...]
    list_kind: str | None = None  # db.queries.lists' kind of the page that shows these records
    rides_with: str | None = None  # the sheet whose records these rows belong to (attendance)

    def column(self, key: str) -> Col | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def _id() -> Col:
    return Col("id", ID_HEADER, ID)


GROUP = Sheet(
    "group",
    "工作组概况",
    "work_group",
    WorkGroup,
    (
        Col("name", "工作组名称", required=True),
        Col("batch", "批次"),
        Col("sending_place", "派出地"),
        Col("host_place", "挂职地"),
        Col("term_start", "挂职开始日期", DATE),
        Col("term_end", "挂职结束日期", DATE),
        Col("branch_name", "临时党支部名称"),
        Col("team_name", "上级工作队"),
        Col("bulletin_title", "简报名称"),
        Col("bulletin_unit", "编发单位"),
        _id(),
    ),
)
PARTY_GROUPS = Sheet(
    "party_groups",
    "党小组",
    "party_group",
    PartyGroup,
    (
        Col("sort_order", "排序", INT),
        Col("name", "党小组名称", required=True, aliases=("党小组", "名称")),
        Col("leader", "党小组组长", MEMBER, aliases=("组长",)),
        _id(),
    ),
)
MEMBERS = Sheet(
    "members",
    "成员",
    "member",
    Member,
    (
        Col("sort_order", "序号", INT, aliases=("排序",)),
        Col("name", "姓名", required=True),
        Col("gender", "性别", CHOICE, "gender"),
        Col("political_status", "政治面貌", CHOICE, "political_status"),
        Col("sending_unit_post", "派出单位及职务"),
        Col("host_unit_post", "挂职单位及职务"),
        Col("field_of_work", "工作领域"),
        Col("role", "组内职务", CHOICE, "role"),
        Col("party_group", "党小组", PARTY_GROUP),
        Col("phone", "联系电话", aliases=("电话", "手机")),
        Col("term_start", "挂职开始日期", DATE),
        Col("term_end", "挂职结束日期", DATE),
        Col("status", "状态", CHOICE, "member_status"),
        Col("branch_only", "仅为支部成员", BOOL, aliases=("仅为支部成员（不计入工作组考核）",)),
        Col("pinyin_override", "拼音更正"),
        Col("notes", "备注"),
        _id(),
    ),
    list_kind="member",
)
SESSIONS = Sheet(
    "sessions",
    "学习交流",
    "session",
    StudySession,
    (
        Col("date", "日期", DATE, required=True),
        Col("kind", "类别", CHOICE, "session_kind", required=True),
        Col("start_time", "开始时间", TIME),
        Col("end_time", "结束时间", TIME),
        Col("form", "形式", CHOICE, "session_form"),
        Col("place", "地点"),
        Col("scope", "范围", SCOPE),
        Col("topic", "主题", required=True),
        Col("host", "主持人"),
        Col("recorder", "记录人"),
        Col("content", "内容纪要"),
        Col("training_hours", "培训学时", DEC1),
        Col("expected", "应到人数", INT, derived=True),
        Col("present", "实到人数", INT, derived=True),
        _id(),
    ),
    list_kind="session",
)
ATTENDANCE = Sheet(
    "attendance",
    "出勤",
    None,
    Attendance,
    (
        Col("date", "日期", DATE),
        Col("topic", "主题"),
        Col("scope", "范围", SCOPE),  # with date and topic, finds the session without 学习编号
        Col("member", "成员", MEMBER, required=True, child=True),
        Col("present", "出席情况", PRESENT, required=True, child=True),
        Col("absence_reason", "缺席原因", CHOICE, "absence_reason", child=True),
        Col("note", "说明", child=True),
        Col("session", "学习编号", ID),
    ),
    rides_with="sessions",
)
LEAVE = Sheet(
    "leave",
    "请销假",
    "leave",
    LeaveRequest,
    (
        Col("member", "请假人", MEMBER, required=True, aliases=("姓名", "成员")),
        Col("leave_type", "类型", CHOICE, "leave_type", required=True, aliases=("请假类型",)),
        Col("start_date", "开始日期", DATE, required=True),
        Col("start_half", "开始时段", CHOICE, "half_day"),
        Col("end_date", "结束日期", DATE, required=True),
        Col("end_half", "结束时段", CHOICE, "half_day"),
        Col("days", "天数（工作日）", DEC1, derived=True),
        Col("days_override", "核定天数", DEC1),
        Col("override_reason", "核定天数说明"),
        Col("reason", "事由"),
        Col("destination", "去向"),
        Col("contact_phone", "联系电话"),
        Col("approver", "审批人"),
        Col("approval_date", "审批日期", DATE),
        Col("status", "状态", CHOICE, "leave_status"),
        Col("return_date", "销假日期", DATE),
        Col("return_half", "销假时段", CHOICE, "half_day"),
        Col("actual_days", "实际天数", DEC1, derived=True),
        Col("filed_date", "备案日期", DATE),
        Col("notes", "备注"),
        _id(),
    ),
    list_kind="leave",
)
SPOTCHECKS = Sheet(
    "spotchecks",
    "在岗抽查",
    "spotcheck",
    SpotCheck,
    (
        Col("date", "抽查日期", DATE, required=True),
        Col("time", "抽查时间", TIME),
        Col("method", "抽查方式", CHOICE, "check_method", required=True),
        Col("checker", "抽查人"),
        Col("member", "成员", MEMBER, required=True, child=True, aliases=("被抽查成员",)),
        Col("result", "结果", CHOICE, "check_result", required=True, child=True),
        Col("note", "说明", child=True),
        Col("notes", "备注"),
        _id(),
    ),
    list_kind="spotcheck",
)
SURVEYS = Sheet(
    "surveys",
    "调研走访",
    "survey",
    Survey,
    (
        Col("date", "调研日期", DATE, required=True),
        Col("kind", "调研类型", CHOICE, "survey_kind", required=True),
        Col("participants", "参加人员", MEMBERS, required=True),
        Col("visited", "调研对象", required=True),
        Col("place", "地点"),
        Col("topic", "调研主题"),
        Col("findings", "调研发现"),
        Col("follow_up", "后续跟进"),
        Col("report", "形成的调研报告", REPORT),
        _id(),
    ),
    list_kind="survey",
)
HIGHLIGHTS = Sheet(
    "highlights",
    "月度亮点",
    "highlight",
    Highlight,
    (
        Col("month", "月份", MONTH, required=True),
        Col("member", "成员", MEMBER, required=True),
        Col("category", "类别", CHOICE, "highlight_category"),
        Col("title", "亮点标题", required=True),
        Col("text", "亮点内容"),
        Col("featured", "重点亮点", BOOL, aliases=("简报重点展示", "推荐")),
        _id(),
    ),
    list_kind="highlight",
)
REPORTS = Sheet(
    "reports",
    "调研报告",
    "report",
    ResearchReport,
    (
        Col("completion_date", "完成日期", DATE),
        Col("title", "报告题目", required=True),
        Col("authors", "作者", MEMBERS, required=True),
        Col("submitted_to", "报送单位"),
        Col("award_level", "获奖级别", CHOICE, "award_level"),
        Col("award_rank", "获奖等次"),
        Col("award_date", "获奖日期", DATE),
        Col("notes", "备注"),
        _id(),
    ),
    list_kind="report",
)
ACHIEVEMENTS = Sheet(
    "achievements",
    "工作成果",
    "achievement",
    Achievement,
    (
        Col("date", "日期", DATE, required=True),
        Col("kind", "成果类型", CHOICE, "achievement_kind", required=True),
        Col("title", "成果名称", required=True),
        Col("amount", "金额（万元）", AMOUNT),
        Col("count", "数量", INT),
        Col("members", "参与成员", MEMBERS),
        Col("notes", "备注"),
        _id(),
    ),
    list_kind="achievement",
)

BULLETINS = Sheet(
    "bulletins",
    "信息动态",
    "bulletin",
    BulletinIssue,
    (
        Col("month", "月份", MONTH, required=True),
        Col("number", "期号", INT),
        Col("issue_date", "印发日期", DATE),
        Col("overview_text", "本月概述"),
        Col("plan_text", "下月工作安排"),
        Col("produced_at", "生成时间", DATETIME),
        _id(),
    ),
)

# The year plan (年度计划): a row per measure, the plan's year and title repeated on each; progress
# (as of the export's last day, or today) is exported for reading. The manual ticks ride with it.
PLAN = Sheet(
    "plan",
    "年度计划",
    "plan_measure",
    PlanMeasure,
    (
        Col("year", "年度", INT, required=True),
        Col("title", "计划名称"),
        Col("position", "序号", INT),
        Col("wording", "措施", required=True, aliases=("措施内容",)),
        Col("binds", "对象", CHOICE, "plan_binds", required=True),
        Col("period", "周期", CHOICE, "plan_period", required=True),
        Col("count", "次数", INT),
        Col("source", "计入", CHOICE, "plan_source", required=True),
        Col("filter", "类型"),  # a kind of what the source counts (实践调研, 推介活动 …)
        Col("notes", "备注"),
        Col("done", "已完成", INT, derived=True),
        Col("expected", "至今应完成", INT, derived=True),
        Col("due", "全年应完成", INT, derived=True),
        Col("status", "进展", derived=True),
        _id(),
    ),
)
PLAN_TICKS = Sheet(
    "plan_ticks",
    "计划勾选",
    "plan_tick",
    PlanTick,
    (
        Col("year", "年度", INT, required=True),
        Col("wording", "措施", required=True),  # with the year, finds the measure without 措施编号
        Col("member", "成员", MEMBER),
        Col("date", "日期", DATE, required=True),
        Col("note", "说明"),
        Col("measure", "措施编号", ID),
        _id(),
    ),
    rides_with="plan",
)
PLAN_STATUS = {"done": "已完成", "on_track": "推进中", "behind": "滞后"}

# In the workbook's order.
SHEETS: tuple[Sheet, ...] = (
    GROUP,
    PARTY_GROUPS,
    MEMBERS,
    SESSIONS,
    ATTENDANCE,
    LEAVE,
    SPOTCHECKS,
    SURVEYS,
    HIGHLIGHTS,
    REPORTS,
    ACHIEVEMENTS,
    BULLETINS,
    PLAN,
    PLAN_TICKS,
)
BY_KEY = {s.key: s for s in SHEETS}
BY_TITLE = {s.title: s for s in SHEETS}
# The kinds the command line offers; "sessions" brings its attendance sheet along in a workbook.
RECORD_KINDS = (
    "members",
    "sessions",
    "leave",
    "spotchecks",
    "surveys",
    "highlights",
    "reports",
    "achievements",
    "bulletins",
    "plan",
)
EXTRA_KINDS = ("group", "party_groups", "attendance", "plan_ticks")
_ALIASES = {
    "member": "members",
    "session": "sessions",
    "spotcheck": "spotchecks",
    "survey": "surveys",
    "highlight": "highlights",
    "report": "reports",
    "achievement": "achievements",
    "work_group": "group",
    "party_group": "party_groups",
    "bulletin": "bulletins",
    "plan_measure": "plan",
    "plan_tick": "plan_ticks",
}
FORMATS = ("xlsx", "csv", "md")


def sheet_for(kind: str) -> Sheet:
    """The sheet of a kind: "members", a service's "member", or a sheet's title "成员"."""
    key = _ALIASES.get(kind, kind)
    sheet = BY_KEY.get(key) or BY_TITLE.get(kind)
    if sheet is None:
        raise errors.ActionRefusedError(
            MSG_UNKNOWN_KIND(kind=kind, choices="、".join(RECORD_KINDS + EXTRA_KINDS))
        )
    return sheet


# -- cells as text (CSV, Markdown) and as values for the services -----------------------------------


def text_of(value: Any, column: Col) -> str:
    """A cell's value as the text a CSV or Markdown file shows (and the importer reads back)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if column.type == DATETIME:
            return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
        value = value.date() if column.type in (DATE, MONTH) else value
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m") if column.type == MONTH else value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, decimal.Decimal):
        if column.type == DEC1:
            return format(value.quantize(decimal.Decimal("0.1")), "f")
        return format(value.normalize(), "f")
    return str(value)


def split_names(text: str) -> list[str]:
    """Member names from a cell such as "张三、李四" (also commas, semicolons, line breaks)."""
    for sep in NAME_SEPARATORS[1:]:
        text = text.replace(sep, NAME_SEPARATORS[0])
    return [part.strip() for part in text.split(NAME_SEPARATORS[0]) if part.strip()]


def plain_cell(raw: Any) -> Any:
    """A cell as read from a file, normalised: None for empty, whole floats as ints, text stripped."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = clean_text(
            raw
        ).strip()  # control characters out, as the services do (db.common.text)
        return text or None
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return int(raw)
    return raw


def import_value(column: Col, raw: Any) -> Any:
    """A cell's value in the form the service's cleaner takes (references are resolved elsewhere).

    Text stays text, for the cleaner to read exactly as it reads a form; numbers from a spreadsheet
    become their shortest decimal text, so that 12.3 stays 12.3 and not 12.299999999999999."""
    value = plain_cell(raw)
    if value is None:
        return None
    kind = column.type
    if kind in (DATE, MONTH):
        return value
    if kind == DATETIME:
        if isinstance(value, datetime.datetime):  # a serial number read back: to the second
            return (value + datetime.timedelta(microseconds=500_000)).replace(microsecond=0)
        return value
    if kind == TIME:
        if isinstance(value, datetime.datetime):
            return value.time()
        if isinstance(value, float) and 0 <= value < 1:  # a time typed as a fraction of a day
            seconds = round(value * 86400)
            return datetime.time(seconds // 3600, seconds // 60 % 60)
        return value
    if kind in (DEC1, AMOUNT):
        if isinstance(value, float):
            return format(value, ".15g")
        return str(value)
    if kind == INT:
        return value if isinstance(value, int) else str(value)
    if kind == BOOL:
        if isinstance(value, bool):
            return value
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


# -- what an export selects -------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Which records: a date range (either end open), or the ids a list page shows."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    ids: tuple[uuid.UUID, ...] | None = None


@dataclass
class LedgerTable:
    sheet: Sheet
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    stamp: datetime.datetime | None = None  # the latest change among the records

    def as_table(self) -> xw.Table:
        return xw.Table(
            self.sheet.title,
            [xw.TableColumn(c.header, c.cell_format) for c in self.sheet.columns],
            self.rows,
        )


CHUNK = 500


def _chunks(ids: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _label(kind: str, code: str | None) -> str | None:
    return vocab.label(kind, code, "zh") if code else None


def _yes_no(value: Any) -> str:
    return YES if value else NO


class _Context:
    """What several sheets need, read once: member names and order, party group and report names."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.group = require_group(ledger)
        self.members: dict[uuid.UUID, tuple[int, str]] = {
            m.id: (m.sort_order, m.name)
            for m in Member.select(Member.id, Member.name, Member.sort_order).where(
                Member.group == self.group
            )
        }
        self.party_groups = dict(
            PartyGroup.select(PartyGroup.id, PartyGroup.name)
            .where(PartyGroup.group == self.group)
            .tuples()
        )
        self._reports: dict[uuid.UUID, str] | None = None

    @property
    def reports(self) -> dict[uuid.UUID, str]:
        if self._reports is None:
            self._reports = dict(
                ResearchReport.select(ResearchReport.id, ResearchReport.title)
                .where(ResearchReport.group == self.group)
                .tuples()
            )
        return self._reports

    def name(self, member_id: Any) -> str:
        return self.members[_uuid(member_id)][1] if member_id is not None else ""

    def member_key(self, member_id: Any) -> tuple[int, str, uuid.UUID]:
        key = _uuid(member_id)
        order, name = self.members.get(key, (0, ""))
        return (order, name, key)

    def names(self, member_ids: Iterable[Any]) -> str:
        return "、".join(self.name(m) for m in member_ids)


def _records(
    ctx: _Context,
    model: type[peewee.Model],
    sel: Selection,
    date_condition: Callable[[datetime.date | None, datetime.date | None], Any] | None,
) -> list[dict[str, Any]]:
    """The group's records of a model as dicts: the ids selected, or those in the date range."""
    base = model.select().where(model.group == ctx.group)
    if sel.ids is not None:
        rows: list[dict[str, Any]] = []
        for chunk in _chunks(sel.ids):
            rows.extend(base.where(model.id.in_(chunk)).dicts())
        return rows
    if date_condition is not None and (sel.date_from is not None or sel.date_to is not None):
        base = base.where(date_condition(sel.date_from, sel.date_to))
    return list(base.dicts())


def _between(column: Any) -> Callable[[datetime.date | None, datetime.date | None], Any]:
    def condition(start: datetime.date | None, end: datetime.date | None) -> Any:
        parts = []
        if start is not None:
            parts.append(column >= start)
        if end is not None:
            parts.append(column <= end)
        return parts[0] & parts[1] if len(parts) > 1 else parts[0]

    return condition


def _children(
    model: type[peewee.Model], parent: str, parent_ids: Sequence[uuid.UUID], *fields: str
) -> dict[uuid.UUID, list[tuple[Any, ...]]]:
    """Child rows by parent id, each the tuple of ``fields``."""
    parent_field = getattr(model, parent)
    columns = [getattr(model, f) for f in fields]
    out: dict[uuid.UUID, list[tuple[Any, ...]]] = defaultdict(list)
    for chunk in _chunks(list(parent_ids)):
        for row in model.select(parent_field, *columns).where(parent_field.in_(chunk)).tuples():
            out[_uuid(row[0])].append(row[1:])
    return out


def _stamp(records: Iterable[dict[str, Any]]) -> datetime.datetime | None:
    return max((r["updated_at"] for r in records if r.get("updated_at")), default=None)


# -- one function per sheet: records to rows ---------------------------------------------------------


def _field_value(column: Col, record: dict[str, Any], ctx: _Context) -> Any:
    value = record.get(column.key)
    kind = column.type
    if kind == CHOICE:
        assert column.vocab is not None
        return _label(column.vocab, value)
    if kind == BOOL:
        return _yes_no(value)
    if kind == ID:
        return str(value) if value is not None else None
    if kind == PARTY_GROUP:
        return ctx.party_groups.get(_uuid(value)) if value is not None else None
    if kind == SCOPE:
        return ctx.party_groups.get(_uuid(value)) if value is not None else WHOLE_BRANCH
    if kind == MEMBER:
        return ctx.name(value) if value is not None else None
    if kind == REPORT:
        return ctx.reports.get(_uuid(value)) if value is not None else None
    if isinstance(value, str) and value == "":
        return None
    return value


def _row(sheet: Sheet, record: dict[str, Any], ctx: _Context) -> tuple[Any, ...]:
    return tuple(_field_value(c, record, ctx) for c in sheet.columns)


def _group_table(ctx: _Context, sel: Selection) -> LedgerTable:
    record = WorkGroup.select().where(WorkGroup.id == ctx.group).dicts().get()
    return LedgerTable(GROUP, [_row(GROUP, record, ctx)], record["updated_at"])


def _party_group_table(ctx: _Context, sel: Selection) -> LedgerTable:
    records = _records(ctx, PartyGroup, Selection(ids=sel.ids), None)
    leaders = dict(
        PartyGroupLeader.select(PartyGroupLeader.party_group, PartyGroupLeader.member)
        .where(PartyGroupLeader.party_group.in_([r["id"] for r in records]))
        .tuples()
    )
    for r in records:
        r["leader"] = leaders.get(r["id"])
    records.sort(key=lambda r: (r["sort_order"], r["name"], r["id"]))
    return LedgerTable(PARTY_GROUPS, [_row(PARTY_GROUPS, r, ctx) for r in records], _stamp(records))


def _member_table(ctx: _Context, sel: Selection) -> LedgerTable:
    records = _records(ctx, Member, Selection(ids=sel.ids), None)
    records.sort(key=lambda r: (r["sort_order"], r["name"], r["id"]))
    return LedgerTable(MEMBERS, [_row(MEMBERS, r, ctx) for r in records], _stamp(records))


def _session_tables(ctx: _Context, sel: Selection) -> tuple[LedgerTable, LedgerTable]:
    records = _records(ctx, StudySession, sel, _between(StudySession.date))
    records.sort(key=lambda r: (r["date"], r["id"]))
    attendance = _children(
        Attendance,
        "session",
        [r["id"] for r in records],
        "member",
        "present",
        "absence_reason",
        "note",
    )
    rows, att_rows = [], []
    for r in records:
        people = sorted(attendance.get(r["id"], []), key=lambda a: ctx.member_key(a[0]))
        r["expected"] = len(people)
        r["present"] = sum(1 for a in people if a[1])
        rows.append(_row(SESSIONS, r, ctx))
        for member_id, present, reason, note in people:
            att_rows.append(
                (
                    r["date"],
                    r["topic"],
                    _field_value(ATTENDANCE.columns[2], r, ctx),  # 范围, as the session's
                    ctx.name(member_id),
                    PRESENT_TEXT if present else ABSENT_TEXT,
                    _label("absence_reason", reason),
                    note or None,
                    str(r["id"]),
                )
            )
    stamp = _stamp(records)
    return LedgerTable(SESSIONS, rows, stamp), LedgerTable(ATTENDANCE, att_rows, stamp)


def _leave_table(ctx: _Context, sel: Selection) -> LedgerTable:
    def overlapping(start: datetime.date | None, end: datetime.date | None) -> Any:
        # Leave that touches the range: a ledger of March shows who was away in March.
        parts = []
        if start is not None:
            parts.append(
                (LeaveRequest.end_date >= start)
                | (LeaveRequest.return_date.is_null(False) & (LeaveRequest.return_date > start))
            )
        if end is not None:
            parts.append(LeaveRequest.start_date <= end)
        return parts[0] if len(parts) == 1 else parts[0] & parts[1]

    records = _records(ctx, LeaveRequest, sel, overlapping)
    records.sort(key=lambda r: (r["start_date"], r["id"]))
    return LedgerTable(LEAVE, [_row(LEAVE, r, ctx) for r in records], _stamp(records))


def _spotcheck_table(ctx: _Context, sel: Selection) -> LedgerTable:
    records = _records(ctx, SpotCheck, sel, _between(SpotCheck.date))
    records.sort(key=lambda r: (r["date"], r["id"]))
    results = _children(
        SpotCheckResult, "check", [r["id"] for r in records], "member", "result", "note"
    )
    rows = []
    for r in records:
        for member_id, result, note in sorted(
            results.get(r["id"], []), key=lambda x: ctx.member_key(x[0])
        ):
            rows.append(
                _row(SPOTCHECKS, {**r, "member": member_id, "result": result, "note": note}, ctx)
            )
    return LedgerTable(SPOTCHECKS, rows, _stamp(records))


def _member_list(
    ctx: _Context,
    records: list[dict[str, Any]],
    key: str,
    model: type[peewee.Model],
    parent: str,
    *,
    ordered: bool = False,
) -> None:
    fields = ("member", "position") if ordered else ("member",)
    children = _children(model, parent, [r["id"] for r in records], *fields)
    for r in records:
        rows = children.get(r["id"], [])
        if ordered:
            rows = sorted(rows, key=lambda x: (x[1], ctx.member_key(x[0])))
        else:
            rows = sorted(rows, key=lambda x: ctx.member_key(x[0]))
        r[key] = ctx.names(x[0] for x in rows) or None


def _survey_table(ctx: _Context, sel: Selection) -> LedgerTable:
    records = _records(ctx, Survey, sel, _between(Survey.date))
    records.sort(key=lambda r: (r["date"], r["id"]))
    _member_list(ctx, records, "participants", SurveyParticipant, "survey")
    return LedgerTable(SURVEYS, [_row(SURVEYS, r, ctx) for r in records], _stamp(records))


def _highlight_table(ctx: _Context, sel: Selection) -> LedgerTable:
    def months(start: datetime.date | None, end: datetime.date | None) -> Any:
        return _between(Highlight.month)(start.replace(day=1) if start else None, end)

    records = _records(ctx, Highlight, sel, months)
    records.sort(key=lambda r: (r["month"], ctx.member_key(r["member"]), r["id"]))
    return LedgerTable(HIGHLIGHTS, [_row(HIGHLIGHTS, r, ctx) for r in records], _stamp(records))


def _report_table(ctx: _Context, sel: Selection) -> LedgerTable:
    records = _records(ctx, ResearchReport, sel, _between(ResearchReport.completion_date))
    records.sort(
        key=lambda r: (
            r["completion_date"] is None,
            r["completion_date"] or datetime.date.min,
            r["id"],
        )
    )
    _member_list(ctx, records, "authors", ReportAuthor, "report", ordered=True)
    return LedgerTable(REPORTS, [_row(REPORTS, r, ctx) for r in records], _stamp(records))


def _achievement_table(ctx: _Context, sel: Selection) -> LedgerTable:
    records = _records(ctx, Achievement, sel, _between(Achievement.date))
    records.sort(key=lambda r: (r["date"], r["id"]))
    _member_list(ctx, records, "members", AchievementMember, "achievement")
    return LedgerTable(ACHIEVEMENTS, [_row(ACHIEVEMENTS, r, ctx) for r in records], _stamp(records))


def _bulletin_table(ctx: _Context, sel: Selection) -> LedgerTable:
    def months(start: datetime.date | None, end: datetime.date | None) -> Any:
        return _between(BulletinIssue.month)(start.replace(day=1) if start else None, end)

    records = _records(ctx, BulletinIssue, sel, months)
    records.sort(key=lambda r: (r["month"], r["id"]))
    return LedgerTable(BULLETINS, [_row(BULLETINS, r, ctx) for r in records], _stamp(records))


def _plan_tables(ctx: _Context, sel: Selection) -> tuple[LedgerTable, LedgerTable]:
    """The measures of the plans whose year meets the range (or the measures selected), with their
    progress as of the range's last day (today when it runs on), and their ticks in the range."""
    from db.common import clock
    from db.queries.plan import plan_progress

    plans = list(Plan.select().where(Plan.group == ctx.group).order_by(Plan.year))
    if sel.ids is None:
        if sel.date_from is not None:
            plans = [p for p in plans if p.year >= sel.date_from.year]
        if sel.date_to is not None:
            plans = [p for p in plans if p.year <= sel.date_to.year]
    today = clock.today()
    as_of = min(today, sel.date_to) if sel.date_to is not None else today
    rows: list[tuple[Any, ...]] = []
    tick_rows: list[tuple[Any, ...]] = []
    stamps: list[dict[str, Any]] = []
    for plan in plans:
        records = list(
            PlanMeasure.select()
            .where(PlanMeasure.plan == plan.id)
            .order_by(PlanMeasure.position, PlanMeasure.id)
            .dicts()
        )
        if sel.ids is not None:
            records = [r for r in records if r["id"] in sel.ids]
        if not records:
            continue
        progress = {m.measure.id: m for m in plan_progress(ctx.ledger, plan.year, as_of).measures}
        wording = {r["id"]: r["wording"] for r in records}
        for r in records:
            kind = FILTER_KINDS.get(r["source"])
            found = progress.get(r["id"])
            r.update(
                year=plan.year,
                title=plan.title,
                position=r["position"] + 1,  # 序号 as people count, from 1
                filter=_label(kind, r["filter"]) if kind else None,
                done=found.done if found else None,
                expected=found.expected if found else None,
                due=found.due if found else None,
                status=PLAN_STATUS.get(found.status) if found else None,
            )
            rows.append(_row(PLAN, r, ctx))
        stamps.extend([*records, {"updated_at": plan.updated_at}])
        ticks = list(PlanTick.select().where(PlanTick.measure.in_(list(wording))).dicts())
        if sel.ids is None:
            ticks = [
                t
                for t in ticks
                if (sel.date_from is None or t["date"] >= sel.date_from)
                and (sel.date_to is None or t["date"] <= sel.date_to)
            ]
        order = {r["id"]: index for index, r in enumerate(records)}
        ticks.sort(
            key=lambda t: (
                order[t["measure"]],
                t["date"],
                t["member"] is not None,
                ctx.member_key(t["member"]) if t["member"] is not None else (0, "", t["id"]),
                t["id"],
            )
        )
        for t in ticks:
            t.update(year=plan.year, wording=wording[t["measure"]])
            tick_rows.append(_row(PLAN_TICKS, t, ctx))
        stamps.extend(ticks)
    stamp = _stamp(stamps)
    return LedgerTable(PLAN, rows, stamp), LedgerTable(PLAN_TICKS, tick_rows, stamp)


_SINGLE_BUILDERS: dict[str, Callable[[_Context, Selection], LedgerTable]] = {
    "group": _group_table,
    "party_groups": _party_group_table,
    "members": _member_table,
    "leave": _leave_table,
    "spotchecks": _spotcheck_table,
    "surveys": _survey_table,
    "highlights": _highlight_table,
    "reports": _report_table,
    "achievements": _achievement_table,
    "bulletins": _bulletin_table,
}
# The kinds whose records come with rows of another sheet (the sessions' attendance, the plan's
# ticks): both tables at once.
_PAIR_BUILDERS: dict[str, Callable[[_Context, Selection], tuple[LedgerTable, LedgerTable]]] = {
    "sessions": _session_tables,
    "plan": _plan_tables,
}


# -- building and writing ------------------------------------------------------------------------------


def resolve_kinds(kinds: Iterable[str] | str | None) -> list[Sheet]:
    """The sheets for the kinds asked (all when None), in the workbook's order; "sessions" brings the
    attendance sheet with it, "plan" its ticks."""
    if kinds is None:
        return list(SHEETS)
    if isinstance(kinds, str):
        kinds = [kinds]
    wanted = {sheet_for(k).key for k in kinds}
    wanted |= {s.key for s in SHEETS if s.rides_with in wanted}
    return [s for s in SHEETS if s.key in wanted]


def build_tables(
    ledger: Ledger,
    kinds: Iterable[str] | str | None = None,
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    filters: Any = None,
    ids: Sequence[Any] | None = None,
) -> list[LedgerTable]:
    """The ledger's tables (rows of typed values) for the kinds asked.

    ``date_from``/``date_to`` select records by their date (members, party groups and the group's
    profile are always whole). ``filters`` (a db.queries.lists.Filters) or ``ids`` select the records a list
    page shows instead; then exactly one kind may be asked.
    """
    if date_from is not None and date_to is not None and date_to < date_from:
        raise errors.ActionRefusedError(
            MSG_DATE_ORDER(start=date_from.isoformat(), to=date_to.isoformat())
        )
    sheets = resolve_kinds(kinds)
    if filters is not None or ids is not None:
        record_sheets = [s for s in sheets if s.rides_with is None]
        if len(record_sheets) != 1:
            raise errors.ActionRefusedError(MSG_SELECTION_ONE_KIND())
        sheet = record_sheets[0]
        if ids is None:
            from db.queries.lists import LISTS

            if sheet.list_kind is None:
                raise errors.ActionRefusedError(MSG_SELECTION_ONE_KIND())
            ids = LISTS[sheet.list_kind].ids(ledger, filters)
        selection = Selection(date_from, date_to, tuple(_uuid(i) for i in ids))
    else:
        selection = Selection(date_from, date_to)
    ctx = _Context(ledger)
    tables: list[LedgerTable] = []
    keys = {s.key for s in sheets}
    for sheet in sheets:
        if sheet.key in _PAIR_BUILDERS:
            own, riding = _PAIR_BUILDERS[sheet.key](ctx, selection)
            tables.append(own)
            if riding.sheet.key in keys:
                tables.append(riding)
        elif sheet.rides_with is not None:
            if sheet.rides_with not in keys:
                tables.append(_PAIR_BUILDERS[sheet.rides_with](ctx, selection)[1])
        else:
            tables.append(_SINGLE_BUILDERS[sheet.key](ctx, selection))
    return tables


def _range_text(date_from: datetime.date | None, date_to: datetime.date | None) -> str:
    if date_from is None and date_to is None:
        return MSG_ALL_DATES().text()
    return MSG_RANGE(
        start=date_from.isoformat() if date_from else "…",
        to=date_to.isoformat() if date_to else "…",
    ).text()


def export_ledger(
    ledger: Ledger,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    kinds: Iterable[str] | str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    filters: Any = None,
    ids: Sequence[Any] | None = None,
    written: list[LedgerTable] | None = None,
) -> Path:
    """Write the ledger to ``path`` as xlsx (one sheet per kind), csv (one kind) or md (one table per
    kind); the format defaults to the file's extension. Returns the path written.

    This is what the command line's ``export ledger`` and the window's "export ledger" call; a list
    page passes its ``filters`` (or the ``ids`` it shows) with its one kind. ``written``, when
    given, receives the tables written (for a count of what was exported).
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "xlsx").lower()
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise errors.ActionRefusedError(MSG_UNKNOWN_FORMAT(format=fmt))
    if fmt == "csv":
        sheets = resolve_kinds(kinds)
        only_riding = len(sheets) == 1 and sheets[0].rides_with is not None
        records = [s for s in sheets if s.rides_with is None]
        if kinds is None or (len(records) != 1 and not only_riding):
            raise errors.ActionRefusedError(MSG_CSV_ONE_KIND())
        if len(records) == 1 and all(s.rides_with == records[0].key for s in sheets[1:]):
            kinds = [records[0].key]
    tables = build_tables(
        ledger, kinds, date_from=date_from, date_to=date_to, filters=filters, ids=ids
    )
    if written is not None:
        written.extend(tables)
    if fmt == "csv":
        table = next(t for t in tables if t.sheet.rides_with is None or len(tables) == 1)
        if written is not None:
            written[:] = [table]
        write_csv(
            path,
            table.sheet.headers,
            (
                [text_of(v, c) for v, c in zip(row, table.sheet.columns, strict=True)]
                for row in table.rows
            ),
        )
        return path
    group = WorkGroup.get_by_id(require_group(ledger))
    title = MSG_TITLE(group=group.name).text()
    range_text = _range_text(date_from, date_to)
    if fmt == "md":
        path.write_text(markdown(title, range_text, tables), encoding="utf-8")
        return path
    stamps = [t.stamp for t in tables if t.stamp is not None] + [group.updated_at]
    xw.write_tables(
        path,
        [t.as_table() for t in tables],
        title=title,
        subject=range_text,
        creator=group.bulletin_unit or group.name,
        description=range_text,
        stamp=max(stamps),
    )
    return path


def markdown(title: str, range_text: str, tables: Sequence[LedgerTable]) -> str:
    """One table per kind, under a heading each; identities left out (they are for the import).
    Text is escaped as the documents' Markdown escapes it (db.documents.markdown_writer), so that a ``*`` or a
    ``<`` in a record stays what it is."""
    lines = [f"# {escape_text(title)}", "", escape_text(MSG_MD_RANGE(range=range_text).text()), ""]
    for table in tables:
        keep = [i for i, c in enumerate(table.sheet.columns) if c.type != ID]
        columns = [table.sheet.columns[i] for i in keep]
        heading = MSG_MD_COUNT(title=table.sheet.title, count=len(table.rows)).text()
        lines.append(f"## {escape_text(heading)}")
        lines.append("")
        if not table.rows:
            lines.extend([MSG_MD_EMPTY().text(), ""])
            continue
        lines.append("| " + " | ".join(escape_cell(c.header) for c in columns) + " |")
        lines.append(
            "| "
            + " | ".join("---:" if c.type in (INT, DEC1, AMOUNT) else "---" for c in columns)
            + " |"
        )
        for row in table.rows:
            cells = [escape_cell(text_of(row[i], table.sheet.columns[i])) for i in keep]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


# -- the command line ----------------------------------------------------------------------------------

MSG_CLI_BAD_DATE = define(
    "ledger.cli_bad_date",
    zh="{option}：“{value}”不是有效日期，请按 2025-03-01 的格式填写",
    en="{option}: “{value}” is not a valid date; write it as 2025-03-01",
)
MSG_CLI_DONE = define(
    "ledger.cli_done",
    zh="已导出台账：{path}（{sheets} 张表，{rows} 行）",
    en="Exported the ledger: {path} ({sheets} sheet(s), {rows} row(s))",
)


def _cli_date(option: str, value: str | None) -> datetime.date | None:
    from db.services.fields import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise errors.ActionRefusedError(MSG_CLI_BAD_DATE(option=option, value=value)) from None


def cli_export(args: Any) -> int:
    """`main.py export ledger [--from DATE --to DATE] [--kind K …] --format F --out FILE`."""
    from db.store.database import open_database

    date_from = _cli_date("--from", getattr(args, "date_from", None))
    date_to = _cli_date("--to", getattr(args, "date_to", None))
    kinds = getattr(args, "kinds", None) or None
    if kinds is not None:
        kinds = [k for item in kinds for k in item.split(",") if k.strip()]
        for kind in kinds:
            sheet_for(kind)  # an unknown kind is refused before the database is opened
    out = Path(args.out).expanduser()
    # Read-only: an export changes nothing and may run while the window has the file open.
    written: list[LedgerTable] = []
    with open_database(args.db, read_only=True, group=getattr(args, "group", None)) as ledger:
        path = export_ledger(
            ledger,
            out,
            args.format,
            kinds=kinds,
            date_from=date_from,
            date_to=date_to,
            written=written,
        )
    rows = sum(len(t.rows) for t in written)
    print(MSG_CLI_DONE(path=str(path), sheets=len(written), rows=rows).text(), flush=True)
    return 0
