"""One member's file (个人档案): everything the member did over the term, for the end-of-term assessment.

The figures and lists come from db.queries.statistics.member_term (sessions attended and missed, surveys,
highlights, reports, leave, spot checks, achievements); the particulars from the member's record; the
year plan's measures of each member with the member's done / expected from db.queries.plan.member_plan.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from db.common import clock
from db.documents.bulletin import ACHIEVEMENT_PHRASES, half_day_span, operator_name
from db.documents.document import (
    Column,
    Document,
    DocumentBuilder,
    chinese_date,
    decimal_text,
    join_list,
    short_date,
)
from db.queries.plan import BEHIND, DONE, ON_TRACK, MemberPlanYear, member_plan
from db.queries.statistics import MemberTerm, member_term
from db.rules import vocab
from db.services.groups import work_groups
from db.services.members import members
from db.store.ledger import Ledger


def _text(kind: str, code: str | None) -> str:
    """A code's label, or the text as it is if it is not one of the kind's codes."""
    if not code:
        return ""
    return vocab.label(kind, code) if code in vocab.codes(kind) else code


def _date(day: datetime.date | None) -> str:
    return chinese_date(day) if day is not None else ""


def _one_year(term: MemberTerm) -> bool:
    """Whether the whole period lies in one year: then the tables leave the year out (the title
    says it) and their date columns are narrower."""
    return term.start is not None and term.end is not None and term.start.year == term.end.year


def _day(term: MemberTerm, day: datetime.date | None) -> str:
    if day is None:
        return ""
    return short_date(day) if _one_year(term) else chinese_date(day)


def _date_width(term: MemberTerm) -> float:
    return 5.6 if _one_year(term) else 10.0


def _month(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月"


def _period(term: MemberTerm) -> str:
    if term.start is None and term.end is None:
        return "全部记录"
    if term.end is None:
        return f"{_date(term.start)}起"
    if term.start is None:
        return f"截至{_date(term.end)}"
    return f"{_date(term.start)}至{_date(term.end)}"


def build_member_file(
    ledger: Ledger,
    member_id: object,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> Document:
    """The member file of one member over [start, end] (by default the member's term)."""
    term = member_term(ledger, member_id, start, end)
    member = members.get(ledger, term.member_id)
    group = work_groups.current(ledger)
    b = DocumentBuilder()
    b.title(f"{group.name}\n挂职干部个人档案")
    b.subtitle(f"（{_period(term)}）")

    columns = (
        Column("", 8.2, bold=True),
        Column("", 9.8, "left"),
        Column("", 8.2, bold=True),
        Column("", 9.8, "left"),
    )
    term_text = (
        f"{_date(term.term_start)}至{_date(term.term_end)}"
        if term.term_start or term.term_end
        else "与工作组相同"
    )
    b.table(
        columns,
        [
            ("姓名", term.name, "性别", _text("gender", member.gender)),
            (
                "政治面貌",
                _text("political_status", member.political_status),
                "组内职务",
                _text("role", term.role),
            ),
            ("党小组", term.party_group, "工作领域", member.field_of_work),
            ("派出单位及职务", member.sending_unit_post, "挂职单位及职务", member.host_unit_post),
            ("挂职期间", term_text, "目前状态", _text("member_status", term.status)),
        ],
        header=False,
    )

    _sessions(b, term)
    _surveys(b, term)
    _highlights(b, term)
    _reports_and_achievements(b, term)
    _leave(b, term)
    _spot_checks(b, term)
    today = clock.today()
    as_of = min(today, end) if end is not None else today
    _plan(b, term, member_plan(ledger, term.member_id, term.start, term.end, as_of))
    return b.build(
        f"{term.name}个人档案",
        author=operator_name(ledger),
        subject=f"{group.name}挂职干部个人档案",
        created=clock.now().replace(microsecond=0),
    )


def _sessions(b: DocumentBuilder, term: MemberTerm) -> None:
    b.h1("学习交流")
    attended = join_list(
        f"{vocab.label('session_kind', code)}{n}次"
        for code, n in term.attended_by_kind.items()
        if n
    )
    text = f"参加学习交流{len(term.sessions_attended)}次"
    if attended:
        text += f"，其中{attended}"
    if term.sessions_missed:
        reasons: dict[str, int] = {}
        for m in term.sessions_missed:
            key = _text("absence_reason", m.reason) or "未说明原因"
            reasons[key] = reasons.get(key, 0) + 1
        text += (
            f"；缺席{len(term.sessions_missed)}次（"
            + "、".join(f"{k}{n}次" for k, n in reasons.items())
            + "）"
        )
    else:
        text += "，无缺席"
    b.para(f"{_period_prefix(term)}{text}。")
    b.table(
        (Column("日期", _date_width(term)), Column("类别", 8.0), Column("学习内容", 19.0, "left")),
        (
            (_day(term, s.date), vocab.label("session_kind", s.kind), s.topic)
            for s in term.sessions_attended
        ),
        caption="参加学习交流情况",
    )
    b.table(
        (
            Column("日期", _date_width(term)),
            Column("类别", 7.0),
            Column("学习内容", 12.0, "left"),
            Column("缺席原因", 8.0, "left"),
        ),
        (
            (
                _day(term, m.date),
                vocab.label("session_kind", m.kind),
                m.topic,
                join_list([_text("absence_reason", m.reason), m.note], "，"),
            )
            for m in term.sessions_missed
        ),
        caption="缺席学习交流情况",
    )


def _period_prefix(term: MemberTerm) -> str:
    return "挂职期间，" if term.start == term.term_start or term.start is None else "统计期间，"


def _surveys(b: DocumentBuilder, term: MemberTerm) -> None:
    b.h1("调研走访")
    if not term.surveys:
        b.para(f"{_period_prefix(term)}未参加调研走访。")
        return
    kinds = join_list(
        f"{vocab.label('survey_kind', code)}{n}次" for code, n in term.surveys_by_kind.items() if n
    )
    bodies = len({s.visited for s in term.surveys})
    b.para(
        f"{_period_prefix(term)}参加调研走访{len(term.surveys)}次，其中{kinds}，"
        f"走访企业和单位{bodies}家。"
    )
    b.table(
        (
            Column("日期", _date_width(term)),
            Column("类别", 5.6),
            Column("走访企业或单位", 11.0, "left"),
            Column("调研主题", 10.4, "left"),
        ),
        (
            (_day(term, s.date), vocab.label("survey_kind", s.kind), s.visited, s.topic)
            for s in term.surveys
        ),
        caption="调研走访明细",
    )


def _highlights(b: DocumentBuilder, term: MemberTerm) -> None:
    b.h1("月度亮点")
    featured = sum(1 for h in term.highlights if h.featured)
    text = f"{_period_prefix(term)}报送月度亮点{len(term.highlights)}个"
    if featured:
        text += f"，其中{featured}个作为重点亮点刊发于信息动态"
    b.para(text + "。")
    b.table(
        (Column("月份", 8.0), Column("类别", 6.0), Column("亮点", 22.0, "left")),
        (
            (
                _month(h.month),
                vocab.label("highlight_category", h.category),
                h.title + ("（重点亮点）" if h.featured else ""),
            )
            for h in term.highlights
        ),
    )


def _reports_and_achievements(b: DocumentBuilder, term: MemberTerm) -> None:
    b.h1("调研报告和工作成果")
    if term.reports:
        awarded = sum(1 for r in term.reports if r.award_level)
        text = f"撰写调研报告{len(term.reports)}篇"
        if awarded:
            text += f"，其中获奖{awarded}篇"
        b.para(text + "。")
        b.table(
            (
                Column("报告题目", 15.0, "left"),
                Column("合作者", 6.0),
                Column("完成日期", _date_width(term)),
                Column("获奖情况", 7.0),
            ),
            (
                (
                    r.title,
                    join_list(a for a in r.authors if a != term.name) or "—",
                    _day(term, r.completion_date) or "尚未完成",
                    join_list([_text("award_level", r.award_level), r.award_rank], "") or "—",
                )
                for r in term.reports
            ),
        )
    else:
        b.para("尚无调研报告记录。")
    if not term.achievements:
        b.para("尚无工作成果记录。")
        return
    aid = sum(
        (a.amount or Decimal(0) for a in term.achievements if a.kind == "consumption_aid"),
        Decimal(0),
    )
    text = f"参与工作成果{len(term.achievements)}项"
    if aid:
        text += f"，其中消费帮扶金额{decimal_text(aid)}万元"
    b.para(text + "。")
    b.table(
        (
            Column("日期", _date_width(term)),
            Column("类别", 7.0),
            Column("事项", 13.0, "left"),
            Column("金额或数量", 7.0),
        ),
        (
            (
                _day(term, a.date),
                vocab.label("achievement_kind", a.kind),
                a.title,
                f"{decimal_text(a.amount)}万元"
                if a.kind == "consumption_aid" and a.amount is not None
                else f"{a.count or 1}{ACHIEVEMENT_PHRASES.get(a.kind, ('', '项'))[1]}",
            )
            for a in term.achievements
        ),
    )


def _leave(b: DocumentBuilder, term: MemberTerm) -> None:
    b.h1("请销假")
    if term.leave_total.count:
        kinds = join_list(
            f"{vocab.label('leave_type', code)}{decimal_text(s.days)}天"
            for code, s in term.leave_by_type.items()
            if s.count
        )
        text = (
            f"请假{term.leave_total.count}次，共{decimal_text(term.leave_total.days)}个工作日"
            f"（{kinds}）"
        )
    else:
        text = "未请假"
    if term.business_trips:
        days = sum((i.days for i in term.business_trips), Decimal(0))
        text += f"；因公外出{len(term.business_trips)}次、{decimal_text(days)}个工作日"
    b.para(f"{_period_prefix(term)}{text}。")
    items = sorted((*term.leave, *term.business_trips), key=lambda i: (i.start_date, i.start_half))
    b.table(
        (
            Column("类别", 5.0),
            Column("请假时间", 10.0),
            Column("天数", 3.4),
            Column("去向", 6.6),
            Column("销假日期", 11.0),
        ),
        (
            (
                vocab.label("leave_type", i.leave_type),
                ("" if _one_year(term) else f"{i.start_date.year}年")
                + half_day_span(i.start_date, i.start_half, i.end_date, i.end_half),
                decimal_text(i.days),
                i.destination,
                _day(term, i.return_date) or "未销假",
            )
            for i in items
        ),
    )


def _spot_checks(b: DocumentBuilder, term: MemberTerm) -> None:
    b.h1("在岗抽查")
    if not term.spot_checks:
        b.para(f"{_period_prefix(term)}未被抽查在岗情况。")
        return
    results = join_list(
        f"{vocab.label('check_result', code)}{n}次"
        for code, n in term.spot_check_results.items()
        if n
    )
    b.para(f"{_period_prefix(term)}被抽查{len(term.spot_checks)}次，其中{results}。")
    b.table(
        (
            Column("日期", _date_width(term)),
            Column("方式", 5.0),
            Column("结果", 6.0),
            Column("备注", 16.0, "left"),
        ),
        (
            (
                _day(term, c.date),
                vocab.label("check_method", c.method),
                vocab.label("check_result", c.result),
                c.note,
            )
            for c in term.spot_checks
        ),
    )


PLAN_STATUS = {DONE: "已完成", ON_TRACK: "正在推进", BEHIND: "滞后"}


def plan_requirement(period: str, count: int) -> str:
    """每周1次, 全年1次, 挂职期内1次 (the vocabulary's 每人 is left out: the file is one person's)."""
    return f"{vocab.label('plan_period', period)}{count}次"


def _plan(b: DocumentBuilder, term: MemberTerm, years: list[MemberPlanYear]) -> None:
    """The year plan's measures of each member, with this member's done / expected so far / due."""
    b.h1("年度计划落实情况")
    if not years:
        b.para("年度计划中没有需要每人落实的措施。")
        return
    for year in years:
        progress = year.progress
        done, behind = year.with_status(DONE), year.with_status(BEHIND)
        going = len(year.rows) - done - behind
        if progress.stored:
            text = f"{progress.year}年《{progress.title}》中每人应落实的措施{len(year.rows)}项"
        else:
            text = f"{progress.year}年未制定年度计划，按基本考核目标每人应落实{len(year.rows)}项"
        text += f"：已完成{done}项"
        if going:
            text += f"，正在推进{going}项"
        if behind:
            text += f"，滞后{behind}项"
        b.para(text + "。")
        b.table(
            (
                Column("措施", 12.0, "left"),
                Column("要求", 5.6),
                Column("已完成", 4.0),
                Column("至今应完成", 5.2),
                Column("全年应完成", 5.2),
                Column("进展", 4.0),
            ),
            [
                (
                    measure.measure.wording,
                    plan_requirement(measure.measure.period, measure.measure.count),
                    str(unit.done),
                    str(unit.expected),
                    str(unit.due),
                    PLAN_STATUS[unit.status],
                )
                for measure, unit in year.rows
            ],
            caption=f"{progress.year}年年度计划落实情况",
        )
