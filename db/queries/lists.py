"""What each list page shows: ordered ids for a filter and a sort (run in SQL), then the rows of one
page only, and the totals of what is shown.

This is the core of the large-table pattern (Anki's browser table): the view asks ``ids()`` once per
filter or sort change, sets its row count from it, and asks ``rows()`` for the few ids on screen.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

import peewee
from peewee import JOIN, fn

from db.common import clock
from db.common.messages import MessageDef, define
from db.rules import vocab
from db.rules.pinyin import matches
from db.services.base import require_group
from db.services.leave import counted_days, counted_days_sql
from db.store.ledger import Ledger
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    ChangeLog,
    Highlight,
    LeaveRequest,
    Member,
    PartyGroup,
    RecycleBin,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
)

Key = Any  # a record's id as the database driver returns it (a hex string on SQLite)


def to_uuid(key: Key) -> uuid.UUID:
    return key if isinstance(key, uuid.UUID) else uuid.UUID(str(key))


@dataclass(frozen=True)
class Column:
    key: str
    label: MessageDef
    sort: Callable[[], Any] | None = None  # the ORDER BY expression; None: not sortable
    vocab_kind: str | None = None  # codes shown through their labels
    empty: MessageDef | None = None  # what an empty cell means, if it means something


@dataclass(frozen=True)
class Filters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    member_id: uuid.UUID | None = None
    kind: str | None = None  # a code of the list's own kind field
    text: str = ""  # free text; also finds members by pinyin
    status: str | None = None  # list-specific (leave: pending, approved, overdue, …)
    today: datetime.date = field(default_factory=clock.today)


def _label(key: str, zh: str, en: str) -> MessageDef:
    return define(f"list.{key}", zh=zh, en=en)


C_DATE = _label("date", "日期", "Date")
C_KIND = _label("kind", "类别", "Kind")
C_MEMBER = _label("member", "成员", "Member")
C_TITLE = _label("title", "标题", "Title")
C_MEMBERS = _label("members", "参与成员", "Members")


class ListSpec:
    """One list page. Subclasses name the model, the columns, and how filters apply."""

    kind: ClassVar[str]
    model: ClassVar[type[peewee.Model]]
    columns: ClassVar[tuple[Column, ...]]
    default_sort: ClassVar[str]
    default_descending: ClassVar[bool] = True
    date_field: ClassVar[str | None] = "date"
    kind_field: ClassVar[str | None] = None
    text_fields: ClassVar[tuple[str, ...]] = ()
    member_field: ClassVar[str | None] = None  # a direct foreign key to Member
    member_link: ClassVar[tuple[type[peewee.Model], str] | None] = None  # (child model, parent fk)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    # -- the query -------------------------------------------------------------------------------
    def base(self, ledger: Ledger) -> peewee.ModelSelect:
        return self.model.select(self.model.id).where(self.model.group == require_group(ledger))

    def joined(self, query: peewee.ModelSelect) -> peewee.ModelSelect:
        """Joins that sort columns need."""
        return query

    def where(self, ledger: Ledger, query: peewee.ModelSelect, f: Filters) -> peewee.ModelSelect:
        model = self.model
        if self.date_field is not None:
            column = getattr(model, self.date_field)
            if f.date_from is not None:
                query = query.where(column >= f.date_from)
            if f.date_to is not None:
                query = query.where(column <= f.date_to)
        if f.kind and self.kind_field is not None:
            query = query.where(getattr(model, self.kind_field) == f.kind)
        if f.member_id is not None:
            query = query.where(self.member_condition([f.member_id]))
        text = f.text.strip()
        if text:
            condition = None
            for name in self.text_fields:
                part = getattr(model, name).contains(text)
                condition = part if condition is None else condition | part
            found = _matching_members(ledger, text)
            if found and (self.member_field or self.member_link):
                part = self.member_condition(found)
                condition = part if condition is None else condition | part
            if condition is None:
                return query.where(peewee.SQL("1 = 0"))
            query = query.where(condition)
        return query

    def member_condition(self, member_ids: Sequence[uuid.UUID]) -> Any:
        if self.member_field is not None:
            return getattr(self.model, self.member_field).in_(list(member_ids))
        assert self.member_link is not None
        child, parent = self.member_link
        return self.model.id.in_(
            child.select(getattr(child, parent)).where(child.member.in_(list(member_ids)))
        )

    def text_index(self, ledger: Ledger) -> TextIndex:
        """The text the free-text filter looks at, for every record of the list, held in memory.

        Built once when a list page is opened (off the GUI thread) and dropped when its records change;
        with it, each keystroke filters the ordered keys in Python instead of scanning the table with
        LIKE again. Members found by name or pinyin are looked up through their (indexed) links."""
        if not self.text_fields:
            return TextIndex({})
        parts = [fn.COALESCE(getattr(self.model, name), "") for name in self.text_fields]
        text = parts[0]
        for part in parts[1:]:
            text = text.concat("\n").concat(part)
        query = self.base(ledger).select(self.model.id, fn.LOWER(text))
        return TextIndex(dict(ledger.db.execute(query).fetchall()))

    def narrow(self, ledger: Ledger, keys: Sequence[Key], text: str, index: TextIndex) -> list[Key]:
        """The keys (in their order) that the free text matches: what a list page does on a
        keystroke, given the keys it holds for the other filters."""
        naming = self.keys_naming(ledger, _matching_members(ledger, text, raw=True))
        return index.filter(keys, text, naming)

    def keys_naming(self, ledger: Ledger, member_keys: Sequence[Key]) -> set[Key]:
        """The keys of the records that name any of these members."""
        if not member_keys or not (self.member_field or self.member_link):
            return set()
        if self.member_link is not None:
            # Straight from the links' member index: a member belongs to one group, so its links
            # are its group's records ("id IN (subquery)" cost ~30 ms a keystroke here).
            child, parent = self.member_link
            query = child.select(getattr(child, parent)).where(child.member.in_(list(member_keys)))
        else:
            query = self.base(ledger).where(self.member_condition(list(member_keys)))
        return {row[0] for row in ledger.db.execute(query).fetchall()}

    def ids(
        self,
        ledger: Ledger,
        filters: Filters | None = None,
        sort: str | None = None,
        descending: bool | None = None,
        *,
        text_index: TextIndex | None = None,
    ) -> list[Key]:
        """The keys of all records that match, in display order (sorted in SQL, ties broken by id).

        Keys are opaque (the database's own form of the id); ``rows()`` takes them back."""
        f = filters or Filters()
        if text_index is not None and f.text.strip():
            keys = self.ids(ledger, dataclasses.replace(f, text=""), sort, descending)
            return self.narrow(ledger, keys, f.text, text_index)
        key = sort or self.default_sort
        desc = self.default_descending if descending is None else descending
        expression = self.column(key).sort
        if expression is None:
            expression = self.column(self.default_sort).sort
        assert expression is not None
        order = expression()
        query = self.where(ledger, self.joined(self.base(ledger)), f)
        query = query.order_by(
            order.desc() if desc else order.asc(), self.model.id.desc() if desc else self.model.id
        )
        # Raw keys, as the driver gives them: making 100,000 UUID objects would cost more than the query.
        return [row[0] for row in ledger.db.execute(query).fetchall()]

    def rows(self, ledger: Ledger, keys: Sequence[Key]) -> dict[Key, dict[str, Any]]:
        """The column values of these records (one page), keyed as given; each row's "id" is a UUID."""
        by_id = {to_uuid(k): k for k in keys}
        fetched = self.fetch(ledger, list(by_id))
        return {by_id[record_id]: row for record_id, row in fetched.items()}

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        """The column values of these ids, keyed by id."""
        raise NotImplementedError

    def totals(self, ledger: Ledger, filters: Filters | None = None) -> dict[str, Any]:
        query = self.where(ledger, self.base(ledger), filters or Filters())
        return {"count": query.count()}

    def display(self, key: str, value: Any, lang: str = "zh") -> str:
        """The text a cell shows."""
        column = self.column(key)
        if value is None:
            return column.empty().text(lang) if column.empty is not None else ""
        if column.vocab_kind is not None:
            return vocab.label(column.vocab_kind, value, lang)
        if isinstance(value, bool):
            return ("是" if value else "") if lang == "zh" else ("yes" if value else "")
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        if isinstance(value, datetime.datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        if isinstance(value, list | tuple):
            return "、".join(str(v) for v in value)
        return str(value)


def _matching_members(ledger: Ledger, text: str, *, raw: bool = False) -> list[Any]:
    """Members whose name contains the text or whose pinyin starts with it (raw: driver keys)."""
    query = Member.select(Member.id, Member.name, Member.pinyin_index).where(
        Member.group == require_group(ledger)
    )
    rows = ledger.db.execute(query).fetchall() if raw else query.tuples()
    return [key for key, name, index in rows if matches(text, name, index)]


class TextIndex:
    """Per record key: its text fields, lower-cased and joined."""

    def __init__(self, haystacks: dict[Key, str]) -> None:
        self.haystacks = haystacks

    def filter(self, keys: Sequence[Key], text: str, also: set[Key] | None = None) -> list[Key]:
        """The keys, in their order, whose text contains ``text`` or that are in ``also``."""
        needle = text.strip().lower()
        haystacks = self.haystacks
        also = also or set()
        return [k for k in keys if needle in haystacks.get(k, "") or k in also]


def _names_by_parent(
    child: type[peewee.Model],
    parent: str,
    ids: Iterable[uuid.UUID],
    order: Any = None,
    where: Any = None,
) -> dict[uuid.UUID, list[str]]:
    parent_field = getattr(child, parent)
    wanted = parent_field.in_(list(ids))
    query = (
        child.select(parent_field, Member.name)
        .join(Member, on=(child.member == Member.id))
        .where(wanted if where is None else wanted & where)
        .order_by(order if order is not None else Member.sort_order, Member.name)
    )
    out: dict[uuid.UUID, list[str]] = defaultdict(list)
    for parent_id, name in query.tuples():
        out[parent_id].append(name)
    return out


def _select_rows(
    query: peewee.ModelSelect, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    """Rows by id. A joined name is selected as "<column>_name" (the model's own foreign key of the
    same name would otherwise shadow it) and shown under the column's key."""
    rows = {}
    for row in query.where(query.model.id.in_(list(ids))).dicts():
        for key in [k for k in row if k.endswith("_name") and k[:-5] in row]:
            row[key[:-5]] = row.pop(key)
        rows[row["id"]] = row
    return rows


# -- the lists ----------------------------------------------------------------------------------------


class MemberList(ListSpec):
    kind = "member"
    model = Member
    date_field = None
    default_sort = "sort_order"
    default_descending = False
    text_fields = ("name", "sending_unit_post", "host_unit_post", "field_of_work", "phone", "notes")
    member_field = "id"
    PartyGroupAlias = PartyGroup.alias()
    columns = (
        Column("sort_order", _label("member.order", "序号", "No."), lambda: Member.sort_order),
        Column("name", _label("member.name", "姓名", "Name"), lambda: Member.pinyin_index),
        Column(
            "gender", _label("member.gender", "性别", "Gender"), lambda: Member.gender, "gender"
        ),
        Column(
            "political_status",
            _label("member.political", "政治面貌", "Political status"),
            lambda: Member.political_status,
            "political_status",
        ),
        Column("role", _label("member.role", "组内职务", "Role"), lambda: Member.role, "role"),
        Column(
            "party_group",
            _label("member.party_group", "党小组", "Party group"),
            lambda: PartyGroup.name,
        ),
        Column(
            "sending_unit_post",
            _label("member.sending", "派出单位及职务", "Sending unit and post"),
            lambda: Member.sending_unit_post,
        ),
        Column(
            "host_unit_post",
            _label("member.host", "挂职单位及职务", "Host unit and post"),
            lambda: Member.host_unit_post,
        ),
        Column("phone", _label("member.phone", "联系电话", "Phone")),
        Column(
            "status",
            _label("member.status", "状态", "Status"),
            lambda: Member.status,
            "member_status",
        ),
    )

    def where(self, ledger: Ledger, query: peewee.ModelSelect, f: Filters) -> peewee.ModelSelect:
        query = super().where(ledger, query, f)
        if f.status:
            query = query.where(Member.status == f.status)
        return query

    def joined(self, query: peewee.ModelSelect) -> peewee.ModelSelect:
        return query.join(PartyGroup, JOIN.LEFT_OUTER, on=(Member.party_group == PartyGroup.id))

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        query = Member.select(Member, PartyGroup.name.alias("party_group_name")).join(
            PartyGroup, JOIN.LEFT_OUTER, on=(Member.party_group == PartyGroup.id)
        )
        return _select_rows(query, ids)


class SessionList(ListSpec):
    kind = "session"
    model = StudySession
    default_sort = "date"
    kind_field = "kind"
    text_fields = ("topic", "place", "host", "content")
    member_link = (Attendance, "session")
    columns = (
        Column("date", C_DATE, lambda: StudySession.date),
        Column("kind", C_KIND, lambda: StudySession.kind, "session_kind"),
        Column("topic", _label("session.topic", "主题", "Topic"), lambda: StudySession.topic),
        Column(
            "scope",
            _label("session.scope", "范围", "Scope"),
            lambda: PartyGroup.name,
            empty=_label("session.whole_branch", "全支部", "Whole branch"),
        ),
        Column(
            "form",
            _label("session.form", "形式", "Form"),
            lambda: StudySession.form,
            "session_form",
        ),
        Column("host", _label("session.host", "主持人", "Host"), lambda: StudySession.host),
        Column("attendance", _label("session.attendance", "出席/应到", "Present/expected")),
    )

    def joined(self, query: peewee.ModelSelect) -> peewee.ModelSelect:
        return query.join(PartyGroup, JOIN.LEFT_OUTER, on=(StudySession.scope == PartyGroup.id))

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        query = StudySession.select(StudySession, PartyGroup.name.alias("scope_name")).join(
            PartyGroup, JOIN.LEFT_OUTER, on=(StudySession.scope == PartyGroup.id)
        )
        rows = _select_rows(query, ids)
        counts = (
            Attendance.select(
                Attendance.session,
                fn.COUNT(Attendance.id),
                fn.SUM(peewee.Case(None, [(Attendance.present == True, 1)], 0)),  # noqa: E712
            )
            .where(Attendance.session.in_(list(ids)))
            .group_by(Attendance.session)
            .tuples()
        )
        for session_id, expected, present in counts:
            rows[session_id]["attendance"] = f"{int(present or 0)}/{expected}"
        for row in rows.values():
            row.setdefault("attendance", "")
        return rows

    def totals(self, ledger: Ledger, filters: Filters | None = None) -> dict[str, Any]:
        query = self.where(ledger, self.base(ledger), filters or Filters())
        hours = (
            StudySession.select(fn.SUM(StudySession.training_hours))
            .where(StudySession.id.in_(query))
            .scalar()
        )
        return {"count": query.count(), "training_hours": Decimal(str(hours or 0))}


class LeaveList(ListSpec):
    kind = "leave"
    model = LeaveRequest
    default_sort = "start_date"
    date_field = "start_date"
    kind_field = "leave_type"
    text_fields = ("reason", "destination", "approver", "notes")
    member_field = "member"
    columns = (
        Column("member", C_MEMBER, lambda: Member.pinyin_index),
        Column(
            "leave_type",
            _label("leave.type", "类型", "Type"),
            lambda: LeaveRequest.leave_type,
            "leave_type",
        ),
        Column(
            "start_date", _label("leave.start", "开始", "Start"), lambda: LeaveRequest.start_date
        ),
        Column("end_date", _label("leave.end", "结束", "End"), lambda: LeaveRequest.end_date),
        Column("days", _label("leave.days", "天数", "Days"), counted_days_sql),
        Column(
            "status",
            _label("leave.status", "状态", "Status"),
            lambda: LeaveRequest.status,
            "leave_status",
        ),
        Column(
            "approver",
            _label("leave.approver", "审批人", "Approver"),
            lambda: LeaveRequest.approver,
        ),
        Column(
            "return_date",
            _label("leave.return", "销假日期", "Returned"),
            lambda: LeaveRequest.return_date,
        ),
        Column(
            "filed_date",
            _label("leave.filed", "备案日期", "Filed"),
            lambda: LeaveRequest.filed_date,
        ),
    )

    def joined(self, query: peewee.ModelSelect) -> peewee.ModelSelect:
        return query.join(Member, on=(LeaveRequest.member == Member.id))

    def where(self, ledger: Ledger, query: peewee.ModelSelect, f: Filters) -> peewee.ModelSelect:
        query = super().where(ledger, query, f)
        if f.status == "overdue":
            query = query.where(
                (LeaveRequest.status == "approved")
                & LeaveRequest.return_date.is_null()
                & (LeaveRequest.end_date < f.today)
            )
        elif f.status:
            query = query.where(LeaveRequest.status == f.status)
        return query

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        query = LeaveRequest.select(LeaveRequest, Member.name.alias("member_name")).join(
            Member, on=(LeaveRequest.member == Member.id)
        )
        rows = _select_rows(query, ids)
        today = clock.today()
        for row in rows.values():
            row["overdue"] = (
                row["status"] == "approved"
                and row["return_date"] is None
                and row["end_date"] < today
            )
            row["days"] = counted_days(row)
        return rows

    def totals(self, ledger: Ledger, filters: Filters | None = None) -> dict[str, Any]:
        query = self.where(ledger, self.base(ledger), filters or Filters())
        counted = LeaveRequest.select(fn.SUM(counted_days_sql())).where(
            LeaveRequest.id.in_(query)
            & (LeaveRequest.leave_type.not_in(list(vocab.NOT_COUNTED_AS_LEAVE)))
        )
        return {"count": query.count(), "days": Decimal(str(counted.scalar() or 0))}


class SpotCheckList(ListSpec):
    kind = "spotcheck"
    model = SpotCheck
    default_sort = "date"
    kind_field = "method"
    text_fields = ("checker", "notes")
    member_link = (SpotCheckResult, "check")
    columns = (
        Column("date", C_DATE, lambda: SpotCheck.date),
        Column("time", _label("spot.time", "时间", "Time"), lambda: SpotCheck.time),
        Column(
            "method",
            _label("spot.method", "方式", "Method"),
            lambda: SpotCheck.method,
            "check_method",
        ),
        Column("checker", _label("spot.checker", "检查人", "Checker"), lambda: SpotCheck.checker),
        Column("members", _label("spot.members", "抽查成员", "Members checked")),
        Column("absent", _label("spot.absent", "不在岗", "Absent")),
    )

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        rows = _select_rows(SpotCheck.select(), ids)
        names = _names_by_parent(SpotCheckResult, "check", ids)
        # Who was not at post, by name (a count alone says nothing to act on).
        absent = _names_by_parent(
            SpotCheckResult, "check", ids, where=SpotCheckResult.result == "absent"
        )
        for key, row in rows.items():
            row["members"] = names.get(key, [])
            row["absent"] = absent.get(key, [])
        return rows


class SurveyList(ListSpec):
    kind = "survey"
    model = Survey
    default_sort = "date"
    kind_field = "kind"
    text_fields = ("visited", "place", "topic", "findings")
    member_link = (SurveyParticipant, "survey")
    columns = (
        Column("date", C_DATE, lambda: Survey.date),
        Column("kind", C_KIND, lambda: Survey.kind, "survey_kind"),
        Column("visited", _label("survey.visited", "调研对象", "Visited"), lambda: Survey.visited),
        Column("topic", _label("survey.topic", "主题", "Topic"), lambda: Survey.topic),
        Column("place", _label("survey.place", "地点", "Place"), lambda: Survey.place),
        Column("participants", C_MEMBERS),
    )

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        rows = _select_rows(Survey.select(), ids)
        names = _names_by_parent(SurveyParticipant, "survey", ids)
        for key, row in rows.items():
            row["participants"] = names.get(key, [])
        return rows


class HighlightList(ListSpec):
    kind = "highlight"
    model = Highlight
    default_sort = "month"
    date_field = "month"
    kind_field = "category"
    text_fields = ("title", "text")
    member_field = "member"
    columns = (
        Column("month", _label("highlight.month", "月份", "Month"), lambda: Highlight.month),
        Column("member", C_MEMBER, lambda: Member.pinyin_index),
        Column(
            "category",
            _label("highlight.category", "类别", "Category"),
            lambda: Highlight.category,
            "highlight_category",
        ),
        Column("title", C_TITLE, lambda: Highlight.title),
        Column(
            "featured",
            _label("highlight.featured", "重点亮点", "Featured highlight"),
            lambda: Highlight.featured,
        ),
    )

    def joined(self, query: peewee.ModelSelect) -> peewee.ModelSelect:
        return query.join(Member, on=(Highlight.member == Member.id))

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        query = Highlight.select(Highlight, Member.name.alias("member_name")).join(
            Member, on=(Highlight.member == Member.id)
        )
        rows = _select_rows(query, ids)
        for row in rows.values():
            row["month"] = row["month"].strftime("%Y-%m")
        return rows


class ReportList(ListSpec):
    kind = "report"
    model = ResearchReport
    default_sort = "completion_date"
    date_field = "completion_date"
    kind_field = "award_level"
    text_fields = ("title", "submitted_to", "award_rank", "notes")
    member_link = (ReportAuthor, "report")
    columns = (
        Column(
            "completion_date",
            _label("report.completed", "完成日期", "Completed"),
            lambda: ResearchReport.completion_date,
        ),
        Column("title", C_TITLE, lambda: ResearchReport.title),
        Column("authors", _label("report.authors", "作者", "Authors")),
        Column(
            "submitted_to",
            _label("report.submitted", "报送单位", "Submitted to"),
            lambda: ResearchReport.submitted_to,
        ),
        Column(
            "award_level",
            _label("report.award_level", "获奖级别", "Award level"),
            lambda: ResearchReport.award_level,
            "award_level",
        ),
        Column(
            "award_rank",
            _label("report.award_rank", "获奖等次", "Award"),
            lambda: ResearchReport.award_rank,
        ),
    )

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        rows = _select_rows(ResearchReport.select(), ids)
        names = _names_by_parent(ReportAuthor, "report", ids, order=ReportAuthor.position)
        for key, row in rows.items():
            row["authors"] = names.get(key, [])
        return rows


class AchievementList(ListSpec):
    kind = "achievement"
    model = Achievement
    default_sort = "date"
    kind_field = "kind"
    text_fields = ("title", "notes")
    member_link = (AchievementMember, "achievement")
    columns = (
        Column("date", C_DATE, lambda: Achievement.date),
        Column("kind", C_KIND, lambda: Achievement.kind, "achievement_kind"),
        Column("title", C_TITLE, lambda: Achievement.title),
        Column(
            "amount",
            _label("achievement.amount", "金额（万元）", "Amount (10k yuan)"),
            lambda: Achievement.amount,
        ),
        Column("count", _label("achievement.count", "数量", "Count"), lambda: Achievement.count),
        Column("members", C_MEMBERS),
    )

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        rows = _select_rows(Achievement.select(), ids)
        names = _names_by_parent(AchievementMember, "achievement", ids)
        for key, row in rows.items():
            row["members"] = names.get(key, [])
        return rows

    def totals(self, ledger: Ledger, filters: Filters | None = None) -> dict[str, Any]:
        query = self.where(ledger, self.base(ledger), filters or Filters())
        amount, count = (
            Achievement.select(fn.SUM(Achievement.amount), fn.SUM(Achievement.count))
            .where(Achievement.id.in_(query))
            .tuples()
            .get()
        )
        return {
            "count": query.count(),
            "amount": Decimal(str(amount or 0)),
            "items": int(count or 0),
        }


class HistoryList(ListSpec):
    kind = "history"
    model = ChangeLog
    default_sort = "at"
    date_field = None
    kind_field = "kind"
    text_fields = ("operator", "summary", "before", "after")
    columns = (
        Column("at", _label("history.at", "时间", "Time"), lambda: ChangeLog.at),
        Column("operator", _label("history.operator", "操作人", "By"), lambda: ChangeLog.operator),
        Column("kind", _label("history.kind", "记录类别", "Record kind"), lambda: ChangeLog.kind),
        Column("action", _label("history.action", "操作", "Action"), lambda: ChangeLog.action),
        Column("summary", _label("history.summary", "记录", "Record"), lambda: ChangeLog.summary),
    )

    def base(self, ledger: Ledger) -> peewee.ModelSelect:
        return ChangeLog.select(ChangeLog.id).where(ChangeLog.group == require_group(ledger))

    def where(self, ledger: Ledger, query: peewee.ModelSelect, f: Filters) -> peewee.ModelSelect:
        query = super().where(ledger, query, f)
        if f.date_from is not None:
            query = query.where(
                ChangeLog.at >= datetime.datetime.combine(f.date_from, datetime.time())
            )
        if f.date_to is not None:
            query = query.where(
                ChangeLog.at
                < datetime.datetime.combine(f.date_to + datetime.timedelta(days=1), datetime.time())
            )
        return query

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        return _select_rows(ChangeLog.select(), ids)


class RecycleBinList(ListSpec):
    kind = "recycle_bin"
    model = RecycleBin
    default_sort = "deleted_at"
    date_field = None
    kind_field = "kind"
    text_fields = ("summary", "deleted_by")
    columns = (
        Column(
            "deleted_at",
            _label("bin.deleted_at", "删除时间", "Deleted at"),
            lambda: RecycleBin.deleted_at,
        ),
        Column("kind", _label("bin.kind", "记录类别", "Record kind"), lambda: RecycleBin.kind),
        Column("summary", _label("bin.summary", "内容", "Record"), lambda: RecycleBin.summary),
        Column(
            "deleted_by",
            _label("bin.deleted_by", "删除人", "Deleted by"),
            lambda: RecycleBin.deleted_by,
        ),
    )

    def fetch(self, ledger: Ledger, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        return _select_rows(RecycleBin.select(), ids)


LISTS: dict[str, ListSpec] = {
    spec.kind: spec
    for spec in (
        MemberList(),
        SessionList(),
        LeaveList(),
        SpotCheckList(),
        SurveyList(),
        HighlightList(),
        ReportList(),
        AchievementList(),
        HistoryList(),
        RecycleBinList(),
    )
}
