"""The monthly bulletin (信息动态, 第N期): a month's records as a document and as a template's data.

Every figure comes from db.queries.statistics.month_stats; the issue number and the editor's own text (本月概述,
下月工作安排) from the month's BulletinIssue, which is created and numbered the first time a month's
bulletin is built (db.services.bulletins.issue_for_month). ``bulletin_data`` gathers all of it once;
``build_bulletin`` lays it out as a Document (SPEC §3: overview; study sessions with attendance;
surveys per member and the bodies visited; highlights, featured first; leave, returns, overdue returns
and spot checks; next month's plan) and ``template_context`` hands the same data to a user's own Word
template (db.documents.templates).

The wording follows the habits of a Chinese office's bulletin: full-width punctuation, headings
numbered 一、（一）, dates as 6月27日, figures in Arabic numerals, nothing in English.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from db.common import clock
from db.documents.document import (
    Column,
    Document,
    DocumentBuilder,
    chinese_date,
    decimal_text,
    join_list,
    short_date,
)
from db.queries.plan import MonthMeasure, month_measures, plan_progress
from db.queries.statistics import (
    AchievementSum,
    LeaveItem,
    MonthStats,
    SessionAttendance,
    month_stats,
)
from db.rules import vocab
from db.services import plans, settings
from db.services.bulletins import bulletins, default_issue_date
from db.services.groups import work_groups
from db.services.leave import TAKEN
from db.store.ledger import Ledger
from db.store.models import BulletinIssue, WorkGroup

# How each achievement kind is counted in a sentence: (verb phrase, measure word).
ACHIEVEMENT_PHRASES: dict[str, tuple[str, str]] = {
    "project_signed": ("促成项目签约", "个"),
    "delegation": ("接待考察交流团组", "批次"),
    "promotion_event": ("开展推介活动", "场"),
    "publicity": ("刊发宣传报道", "篇"),
    "other": ("取得其他工作成果", "项"),
}
WHOLE_BRANCH = "全体"
# A bulletin is a summary: a list longer than this (a provincial team's month, not a group's) shows
# its first rows and says how many there are; the sentences keep the full figures and the ledger
# export lists every record.
MAX_LISTED = 200


@dataclass(frozen=True)
class BulletinData:
    """Everything one month's bulletin says, gathered once."""

    group_name: str
    title: str  # the bulletin's own name, e.g. 挂职工作信息动态
    unit: str  # the issuing unit, e.g. 商洛市赴南京市挂职工作组
    issue_id: Any
    issue_version: int | None
    number: int
    year: int
    month: int
    date: datetime.date  # the issue date (印发日期), printed in the masthead
    overview_text: str
    plan_text: str
    stats: MonthStats
    author: str
    colophon: dict[str, str] = field(default_factory=dict)  # 版记: Settings' texts
    saved_date: datetime.date | None = None  # the issue's own date; None before it has one
    plan_title: str = ""  # the year plan's, when the year has one
    plan_month: tuple[MonthMeasure, ...] = ()  # its monthly measures in the month

    @property
    def issue(self) -> str:
        return f"第{self.number}期"

    @property
    def document_title(self) -> str:
        return f"{self.title}（{self.year}年第{self.number}期）"


def operator_name(ledger: Ledger) -> str:
    """Who produced the file, for its properties: the operator of Settings, else the ledger's."""
    return str(settings.get(ledger, "operator") or ledger.operator or "")


def _issue(ledger: Ledger, year: int, month: int) -> BulletinIssue | None:
    """The month's issue (created and numbered on first use); on a read-only ledger the issue as it
    is, or None when it has not been created yet."""
    if ledger.read_only:
        return bulletins.find(ledger, year, month)
    return bulletins.issue_for_month(ledger, year, month)


def bulletin_data(
    ledger: Ledger,
    year: int,
    month: int,
    today: datetime.date | None = None,
    *,
    issue_date: datetime.date | None = None,
    create: bool = True,
) -> BulletinData:
    """The month's bulletin as its issue states it: number, texts and issue date (印发日期) are the
    issue's, and the figures are as of that date (or of ``today``, the day the document is made,
    while that date has not come yet), so that exporting an issue again gives the same document.

    ``issue_date`` previews another date before it is saved; ``create=False`` (or a read-only
    ledger) leaves a month without an issue as it is and shows the number and date it would get.
    """
    today = today or clock.today()
    group: WorkGroup = work_groups.current(ledger)
    issue = _issue(ledger, year, month) if create else bulletins.find(ledger, year, month)
    if issue is None:
        number = bulletins.next_number(ledger, year)
        issue_id, version, overview, plan, kept = None, None, "", "", None
    else:
        issue_id, version, number = issue.id, issue.version, issue.number
        overview, plan, kept = issue.overview_text, issue.plan_text, issue.issue_date
    date = issue_date or kept or default_issue_date(ledger, year, month)
    # The plan's monthly measures only, and only a plan the group wrote (not the basic targets).
    stored = plans.plan_of_year(ledger, year) is not None
    progress = plan_progress(ledger, year, min(date, today), periods=("month",)) if stored else None
    return BulletinData(
        group_name=group.name,
        title=group.bulletin_title or "信息动态",
        unit=group.bulletin_unit or group.name,
        issue_id=issue_id,
        issue_version=version,
        number=number,
        year=year,
        month=month,
        date=date,
        overview_text=overview or "",
        plan_text=plan or "",
        stats=month_stats(ledger, year, month, today=min(date, today)),
        author=operator_name(ledger),
        colophon=settings.get(ledger, "colophon"),
        saved_date=kept,
        plan_title=progress.title if progress is not None else "",
        plan_month=month_measures(progress, month) if progress is not None else (),
    )


# -- words and figures ----------------------------------------------------------------------------


def _label(kind: str, code: str) -> str:
    return vocab.label(kind, code) if code else ""


def _sentence(parts: Sequence[str]) -> str:
    return "，".join(p for p in parts if p)


def session_parts(stats: MonthStats) -> list[str]:
    """The study sessions of the month in words; the collective meeting is always named, held or not."""
    c = stats.session_counts
    parts = [
        f"召开集体学习交流会{c.collective}次" if c.collective else "未召开集体学习交流会",
    ]
    if c.party_group:
        parts.append(f"各党小组开展集体学习{c.party_group}次")
    if c.training:
        hours = f"（共{decimal_text(c.training_hours)}学时）" if c.training_hours else ""
        parts.append(f"参加专题培训{c.training}次{hours}")
    if c.party_day:
        parts.append(f"开展主题党日活动{c.party_day}次")
    if c.other:
        parts.append(f"开展其他学习活动{c.other}次")
    return parts


def survey_parts(stats: MonthStats) -> list[str]:
    s = stats.surveys
    if not s.count:
        return ["未开展调研走访"]
    kinds = join_list(
        f"{vocab.label('survey_kind', code)}{n}次" for code, n in s.by_kind.items() if n
    )
    return [
        f"开展调研走访{s.count}次（其中{kinds}）",
        f"累计{s.participations}人次",
        f"走访企业和单位{len(s.bodies)}家",
    ]


def achievement_parts(achievements: dict[str, AchievementSum] | Any) -> list[str]:
    parts = []
    aid = achievements.get("consumption_aid")
    if aid is not None and aid.records:
        parts.append(f"实现消费帮扶金额{decimal_text(aid.amount)}万元")
    for code, (verb, measure) in ACHIEVEMENT_PHRASES.items():
        found = achievements.get(code)
        if found is not None and found.count:
            parts.append(f"{verb}{found.count}{measure}")
    return parts


def leave_parts(stats: MonthStats) -> list[str]:
    leave = stats.leave
    parts = []
    if leave.total.count:
        parts.append(f"批准请假{leave.total.count}人次、共{decimal_text(leave.total.days)}个工作日")
    else:
        parts.append("无人请假")
    if leave.business_trips:
        days = sum((i.days for i in leave.business_trips), Decimal(0))
        parts.append(f"因公外出{len(leave.business_trips)}人次、{decimal_text(days)}个工作日")
    if leave.returns:
        parts.append(f"销假{len(leave.returns)}人次")
    if leave.overdue:
        parts.append(f"逾期未销假{len(leave.overdue)}人次")
    return parts


def spot_check_parts(stats: MonthStats) -> list[str]:
    checks = stats.spot_checks
    if not checks.checks:
        return []
    parts = [f"开展在岗抽查{checks.checks}次、抽查{checks.members_checked}人次"]
    if checks.members_checked and checks.by_result.get("on_duty", 0) == checks.members_checked:
        parts.append("均在岗")
    else:
        results = join_list(
            f"{vocab.label('check_result', code)}{n}人次"
            for code, n in checks.by_result.items()
            if n
        )
        if results:
            parts.append(f"其中{results}")
    return parts


def overview_figures(stats: MonthStats) -> str:
    """The month in one sentence of figures, the way the bulletin's overview states them."""
    clauses = [
        _sentence(["本月，工作组" + session_parts(stats)[0], *session_parts(stats)[1:]]),
        _sentence(["成员" + survey_parts(stats)[0], *survey_parts(stats)[1:]]),
        f"报送月度亮点{stats.highlights.count}个",
    ]
    if stats.reports:
        clauses.append(f"完成调研报告{len(stats.reports)}篇")
    achieved = achievement_parts(stats.achievements)
    if achieved:
        clauses.append(_sentence(achieved))
    clauses.append(_sentence(leave_parts(stats)))
    checks = spot_check_parts(stats)
    if checks:
        clauses.append(_sentence(checks))
    return "；".join(clauses) + "。"


def half_day_span(start: datetime.date, start_half: str, end: datetime.date, end_half: str) -> str:
    """6月16日; 6月16日—6月18日; 6月16日下午—6月18日上午 (half days named only where they matter)."""
    first = short_date(start) + ("下午" if start_half == "pm" else "")
    last = short_date(end) + ("上午" if end_half == "am" else "")
    if start == end:
        if start_half == "pm":
            return short_date(start) + "下午"
        if end_half == "am":
            return short_date(start) + "上午"
        return short_date(start)
    return f"{first}—{last}"


def leave_state(item: LeaveItem, today: datetime.date) -> str:
    """The request's state as of ``today`` (the bulletin's issue date): a return after it is not
    known yet."""
    if item.return_date is not None and item.return_date <= today:
        # Back in the afternoon: the morning is counted as leave, so the reader is told.
        half = "下午" if item.return_half == "pm" else ""
        return f"{short_date(item.return_date)}{half}销假"
    if item.status in TAKEN and item.end_date < today:
        return "逾期未销假"
    if item.status in TAKEN:
        return "未到销假时间" if item.start_date > today else "假期中"
    return _label("leave_status", item.status)


def absentee_text(session: SessionAttendance) -> str:
    if not session.absentees:
        return "无"
    out = []
    for a in session.absentees:
        why = join_list([_label("absence_reason", a.reason), a.note], "，")
        out.append(f"{a.name}（{why}）" if why else a.name)
    return "；".join(out)


def scope_text(session: SessionAttendance) -> str:
    return session.scope_name or WHOLE_BRANCH


# -- rows shared by the document and the template -------------------------------------------------


def session_rows(stats: MonthStats) -> list[dict[str, Any]]:
    return [
        {
            "date": short_date(s.date),
            "time": s.start_time.strftime("%H:%M") if s.start_time else "",
            "kind": _label("session_kind", s.kind),
            "topic": s.topic,
            "form": _label("session_form", s.form),
            "place": s.place,
            "scope": scope_text(s),
            "host": s.host,
            "hours": decimal_text(s.training_hours),
            "present": s.present,
            "expected": s.expected,
            "absentees": absentee_text(s),
        }
        for s in stats.sessions
    ]


def leave_rows(items: Sequence[LeaveItem], today: datetime.date) -> list[dict[str, Any]]:
    return [
        {
            "name": i.member_name,
            "type": _label("leave_type", i.leave_type),
            "period": half_day_span(i.start_date, i.start_half, i.end_date, i.end_half),
            "days": decimal_text(i.days),
            "destination": i.destination,
            "approver": i.approver,
            "state": leave_state(i, today),
        }
        for i in items
    ]


def template_context(data: BulletinData) -> dict[str, Any]:
    """The data a user's Word template sees (the placeholders README lists)."""
    stats = data.stats
    c = stats.session_counts
    s = stats.surveys
    leave = stats.leave
    checks = stats.spot_checks
    taken = sorted(
        (*leave.requests, *leave.business_trips), key=lambda i: (i.start_date, i.start_half)
    )
    return {
        "title": data.title,
        "unit": data.unit,
        "group": data.group_name,
        "issue": data.issue,
        "issue_number": data.number,
        "year": data.year,
        "month": data.month,
        "date": chinese_date(data.date),
        "overview": data.overview_text,
        "overview_paragraphs": [p.strip() for p in data.overview_text.splitlines() if p.strip()],
        "overview_figures": overview_figures(stats),
        "plan": data.plan_text,
        "plan_paragraphs": [p.strip() for p in data.plan_text.splitlines() if p.strip()],
        "figures": {
            "collective_meetings": c.collective,
            "party_group_sessions": c.party_group,
            "trainings": c.training,
            "training_hours": decimal_text(c.training_hours),
            "party_days": c.party_day,
            "other_sessions": c.other,
            "sessions": c.total,
            "surveys": s.count,
            "surveys_by_kind": {
                vocab.label("survey_kind", code): n for code, n in s.by_kind.items()
            },
            "enterprise_surveys": s.by_kind.get("enterprise", 0),
            "survey_participations": s.participations,
            "bodies_visited": len(s.bodies),
            "highlights": stats.highlights.count,
            "reports": len(stats.reports),
            "leave_requests": leave.total.count,
            "leave_days": decimal_text(leave.total.days),
            "business_trips": len(leave.business_trips),
            "returns": len(leave.returns),
            "overdue": len(leave.overdue),
            "pending": len(leave.pending),
            "spot_checks": checks.checks,
            "members_checked": checks.members_checked,
            "not_at_post": len(checks.not_at_post),
            "consumption_aid": decimal_text(stats.achievements["consumption_aid"].amount),
            "projects_signed": stats.achievements["project_signed"].count,
            "delegations": stats.achievements["delegation"].count,
        },
        "sessions": session_rows(stats),
        "surveys_per_member": [{"name": m.name, "count": m.count} for m in s.per_member],
        "members_without_survey": [m.name for m in s.members_without],
        "bodies": list(s.bodies),
        "reports": [
            {
                "title": r.title,
                "authors": join_list(r.authors),
                "date": short_date(r.completion_date) if r.completion_date else "",
                "submitted_to": r.submitted_to,
            }
            for r in stats.reports
        ],
        "highlights": [
            {
                "name": h.member_name,
                "title": h.title,
                "text": h.text,
                "category": _label("highlight_category", h.category),
                "featured": h.featured,
            }
            for h in stats.highlights.items
        ],
        "members_without_highlight": [m.name for m in stats.highlights.members_without],
        "leave": leave_rows(taken, stats.today),
        "returns": leave_rows(leave.returns, stats.today),
        "overdue": leave_rows(leave.overdue, stats.today),
        "spot_checks_not_at_post": [
            {"date": short_date(n.date), "name": n.name, "note": n.note} for n in checks.not_at_post
        ],
    }


# -- the document ---------------------------------------------------------------------------------

# Widths in characters of 小四 (the page holds about 36 of them across).
SESSION_COLUMNS = (
    Column("日期", 6.2),
    Column("类别", 8.2),
    Column("学习内容", 8.4, "left"),
    Column("应到", 2.8),
    Column("实到", 2.8),
    Column("缺席人员及原因", 8.4, "left"),
)
LEAVE_COLUMNS = (
    Column("姓名", 4.0),
    Column("类别", 4.8),
    Column("请假时间", 8.0),
    Column("天数", 3.0),
    Column("去向", 6.0),
    Column("审批人", 6.0),
    Column("销假情况", 5.0),
)
OVERDUE_COLUMNS = (
    Column("姓名", 4.0),
    Column("类别", 4.8),
    Column("请假时间", 8.0),
    Column("去向", 6.5),
    Column("审批人", 6.5),
    Column("应销假日期", 7.0),
)


def per_member_pairs(counts: Sequence[tuple[str, str]], pairs: int = 3) -> list[tuple[str, ...]]:
    """A long list of (name, figure) laid out ``pairs`` to a row, down the columns."""
    rows = -(-len(counts) // pairs)
    out = []
    for r in range(rows):
        row: list[str] = []
        for p in range(pairs):
            index = p * rows + r
            row += list(counts[index]) if index < len(counts) else ["", ""]
        out.append(tuple(row))
    return out


def _due_back(item: LeaveItem) -> str:
    """The half-day a member should have reported back: the one after the leave's end."""
    if item.end_half == "am":
        return short_date(item.end_date) + "下午"
    return short_date(item.end_date + datetime.timedelta(days=1))


def build_bulletin(
    ledger: Ledger, year: int, month: int, today: datetime.date | None = None
) -> Document:
    """The month's bulletin as a Document (creating and numbering the month's issue on first use)."""
    return bulletin_document(bulletin_data(ledger, year, month, today))


def bulletin_document(data: BulletinData) -> Document:
    stats = data.stats
    b = DocumentBuilder()
    unit = data.unit if not data.unit or data.unit.endswith("编") else data.unit + "编"
    b.masthead(data.title, data.issue, unit, chinese_date(data.date))
    b.title(f"{data.year}年{data.month}月份挂职工作情况")

    b.h1("本月概述")
    b.paras(data.overview_text)
    b.para(overview_figures(stats))

    _sessions(b, stats)
    _surveys(b, stats)
    _highlights(b, stats)
    _leave_and_checks(b, stats)
    if data.plan_month:
        b.h1("年度计划落实情况")
        b.para(plan_month_sentence(data.plan_title, data.plan_month))

    if data.plan_text.strip():
        b.h1("下月工作安排")
        b.paras(data.plan_text)
    b.colophon(
        data.colophon.get("copy_to", ""), data.colophon.get("issuer", ""), chinese_date(data.date)
    )
    return b.build(
        data.document_title,
        author=data.author,
        subject=f"{data.group_name}{data.year}年{data.month}月工作情况",
        created=clock.now().replace(microsecond=0),
    )


def plan_month_sentence(title: str, measures: Sequence[MonthMeasure]) -> str:
    """对照《细化措施二十条》，本月按月落实的措施5项：每月开展一次学习交流会，已完成；每人每月总结一个亮点，
    18人已完成，2人未完成（张三、李四）。"""
    parts = []
    for m in measures:
        if m.measure.binds == "group":
            state = "已完成" if m.met else ("未完成" if m.missed else "尚在进行")
        else:
            bits = []
            if m.met:
                bits.append("均已完成" if not m.missed and not m.open else f"{len(m.met)}人已完成")
            if m.missed:
                bits.append(f"{len(m.missed)}人未完成（{'、'.join(m.missed)}）")
            if m.open:
                bits.append(f"{len(m.open)}人尚在进行")
            state = "，".join(bits)
        parts.append(f"{m.measure.wording}，{state}")
    return f"对照《{title}》，本月按月落实的措施{len(measures)}项：" + "；".join(parts) + "。"


def _listed_table(
    b: DocumentBuilder,
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    *,
    caption: str = "",
    noun: str = "条",
) -> None:
    """A table of at most MAX_LISTED rows, with a line saying how many there are when cut short."""
    every = list(rows)
    b.table(columns, every[:MAX_LISTED], caption=caption)
    if len(every) > MAX_LISTED:
        b.para(f"（上表列出前{MAX_LISTED}{noun}，共{len(every)}{noun}，其余见台账。）")


def _listed_paragraphs(
    b: DocumentBuilder, items: Sequence[Any], paragraph: Callable[[int, Any], None], noun: str
) -> None:
    """A paragraph for each of at most MAX_LISTED items (numbered from 1), with a line saying how
    many there are when cut short."""
    for index, item in enumerate(items[:MAX_LISTED], 1):
        paragraph(index, item)
    if len(items) > MAX_LISTED:
        b.para(f"（以上列出前{MAX_LISTED}{noun}，共{len(items)}{noun}，其余见台账。）")


def _sessions(b: DocumentBuilder, stats: MonthStats) -> None:
    b.h1("学习交流情况")
    c = stats.session_counts
    if not c.total:
        b.para("本月未组织学习交流活动。")
        return
    b.para(f"本月共组织学习交流活动{c.total}次：" + _sentence(session_parts(stats)) + "。")

    def collective(_index: int, s: Any) -> None:
        where = f"在{s.place}" if s.place else ""
        host = f"由{s.host}主持，" if s.host else ""
        b.para(
            f"{short_date(s.date)}，工作组{where}召开集体学习交流会，{host}"
            f"主题为“{s.topic}”，应到{s.expected}人，实到{s.present}人。"
        )

    _listed_paragraphs(b, [s for s in stats.sessions if s.kind == "collective"], collective, "次")
    _listed_table(
        b,
        SESSION_COLUMNS,
        (
            (
                r["date"],
                r["kind"] if r["scope"] == WHOLE_BRANCH else f"{r['kind']}\n（{r['scope']}）",
                r["topic"],
                str(r["expected"]),
                str(r["present"]),
                r["absentees"],
            )
            for r in session_rows(stats)
        ),
        caption="学习交流及出勤情况",
    )


def _surveys(b: DocumentBuilder, stats: MonthStats) -> None:
    s = stats.surveys
    b.h1("调研走访情况")
    if not s.count:
        b.para("本月未开展调研走访。")
    else:
        b.para("本月，成员" + _sentence(survey_parts(stats)) + "。")
        b.h2("成员调研情况")
        counts = [(m.name, f"{m.count}次") for m in s.per_member]
        b.table(
            [Column("姓名", 4.0), Column("调研次数", 4.0)] * 3,
            per_member_pairs(counts),
            caption="成员调研走访次数",
        )
        b.h2("走访企业和单位")
        named = join_list(s.bodies[:MAX_LISTED])
        more = "等" if len(s.bodies) > MAX_LISTED else ""
        b.para(f"本月共走访企业和单位{len(s.bodies)}家：{named}{more}。")
    if s.members_without:
        b.para(f"本月尚无调研记录的成员：{join_list(m.name for m in s.members_without)}。")
    if stats.reports:
        b.h2("调研报告")
        b.para(f"本月完成调研报告{len(stats.reports)}篇。")

        def report(index: int, r: Any) -> None:
            where = f"，报送{r.submitted_to}" if r.submitted_to else ""
            b.para(f"{index}.《{r.title}》（{join_list(r.authors)}）{where}。")

        _listed_paragraphs(b, stats.reports, report, "篇")


def _highlights(b: DocumentBuilder, stats: MonthStats) -> None:
    h = stats.highlights
    b.h1("工作亮点")
    if not h.count:
        b.para("本月未报送工作亮点。")
    else:
        featured = [i for i in h.items if i.featured]
        others = [i for i in h.items if not i.featured]
        b.para(f"本月成员共报送月度亮点{h.count}个，其中重点亮点{len(featured)}个。")
        if featured:
            b.h2("重点亮点")

            def highlight(index: int, item: Any) -> None:
                title = item.title.rstrip("。；;.")
                b.para(item.text, lead=f"{index}.{item.member_name}：{title}。")

            _listed_paragraphs(b, featured, highlight, "个")
        if others:
            if featured:
                b.h2("其他亮点")
            _listed_table(
                b,
                (Column("姓名", 4.0), Column("类别", 5.0), Column("亮点", 27.0, "left")),
                (
                    (i.member_name, _label("highlight_category", i.category), i.title)
                    for i in others
                ),
            )
    if h.members_without:
        b.para(f"本月尚未报送亮点的成员：{join_list(m.name for m in h.members_without)}。")


def _leave_and_checks(b: DocumentBuilder, stats: MonthStats) -> None:
    leave = stats.leave
    checks = stats.spot_checks
    b.h1("请销假及在岗情况")
    parts = leave_parts(stats)
    if leave.pending:
        parts.append(f"待审批请假{len(leave.pending)}件")
    b.para("本月" + _sentence(parts) + "。")
    taken = sorted(
        (*leave.requests, *leave.business_trips), key=lambda i: (i.start_date, i.start_half)
    )
    shown = {i.id for i in taken}
    earlier_returns = [i for i in leave.returns if i.id not in shown]
    if taken:
        b.h2("请假及因公外出" if leave.business_trips else "请假情况")
        _listed_table(b, LEAVE_COLUMNS, _leave_table_rows(taken, stats.today))
    if earlier_returns:
        b.h2("前期请假本月销假")
        _listed_table(b, LEAVE_COLUMNS, _leave_table_rows(earlier_returns, stats.today))
    if leave.overdue:
        b.h2("逾期未销假")
        b.para(f"截至{chinese_date(stats.today)}，请假期满未销假{len(leave.overdue)}人次。")
        _listed_table(
            b,
            OVERDUE_COLUMNS,
            (
                (
                    i.member_name,
                    _label("leave_type", i.leave_type),
                    half_day_span(i.start_date, i.start_half, i.end_date, i.end_half),
                    i.destination,
                    i.approver,
                    _due_back(i),
                )
                for i in leave.overdue
            ),
        )
    b.h2("在岗抽查")
    if not checks.checks:
        b.para("本月未开展在岗抽查。")
        return
    b.para("本月" + _sentence(spot_check_parts(stats)) + "。")
    _listed_table(
        b,
        (Column("抽查日期", 5.0), Column("姓名", 4.0), Column("情况说明", 27.0, "left")),
        ((short_date(n.date), n.name, n.note or "不在岗") for n in checks.not_at_post),
        caption="抽查不在岗情况",
    )


def _leave_table_rows(items: Sequence[LeaveItem], today: datetime.date) -> list[tuple[str, ...]]:
    return [
        (r["name"], r["type"], r["period"], r["days"], r["destination"], r["approver"], r["state"])
        for r in leave_rows(items, today)
    ]
