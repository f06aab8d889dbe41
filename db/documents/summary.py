"""The year-end summary (年度工作情况汇总): the year's totals in one sentence, with the tables behind it.

Its overview states the group and its temporary party branch (members, 挂职干部 and the others, the
party small groups and their leaders) and the year in one sentence of totals; each section then gives
what the overview does not (the breakdowns and the records behind them), so no sentence is said
twice; the summary ends with its 落款 (the issuing unit and the date).

Every figure comes from db.queries.statistics (year_totals through year_stats, which adds the per-month series
and the surveys per member); the research reports and the achievements are listed through db.queries.lists,
the same queries as their list pages, so each figure can be traced to its records.

The figures are stated exactly ("各党小组组织线上线下集体学习交流46次"), never as "50余次": "余" means
"more than", so "50余次" for 46 sessions would be wrong, and even a correct "40余次" hides a figure the
provincial team may check against the ledgers. A secretary who wants the rounder wording edits the
sentence in Word; the program only writes figures it can prove.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from db.common import clock
from db.documents.bulletin import ACHIEVEMENT_PHRASES, operator_name, per_member_pairs
from db.documents.document import (
    Column,
    Document,
    DocumentBuilder,
    chinese_date,
    decimal_text,
    join_list,
    short_date,
)
from db.queries.lists import AchievementList, Filters, ReportList
from db.queries.plan import BEHIND, DONE, ON_TRACK, PlanProgress, plan_progress
from db.queries.statistics import YearStats, YearTotals, year_range, year_stats
from db.rules import vocab
from db.services.groups import work_groups
from db.store.ledger import Ledger

# A year's records listed one by one in the summary's tables up to this many; beyond it (a provincial
# team's database) the summary gives the totals and points to the ledger, which lists every record.
MAX_LISTED = 200


def session_sentence(t: YearTotals) -> str:
    parts = [f"累计组织召开集体学习交流会议{t.collective_meetings}次"]
    parts.append(f"各党小组组织线上线下集体学习交流{t.party_group_sessions}次")
    hours = f"、累计{decimal_text(t.training_hours)}学时" if t.training_hours else ""
    parts.append(f"参加专题培训{t.trainings}次{hours}")
    if t.party_days:
        parts.append(f"开展主题党日活动{t.party_days}次")
    if t.other_sessions:
        parts.append(f"开展其他学习活动{t.other_sessions}次")
    return "，".join(parts)


def survey_sentence(t: YearTotals) -> str:
    if not t.surveys:
        return "未开展调研走访"
    kinds = join_list(
        f"{vocab.label('survey_kind', code)}{n}次" for code, n in t.surveys_by_kind.items() if n
    )
    return (
        f"开展各类调研走访{t.surveys}次，其中{kinds}，累计{t.survey_participations}人次，"
        f"走访企业和单位{t.bodies_visited}家"
    )


def report_sentence(t: YearTotals) -> str:
    text = f"完成调研报告{t.research_reports}篇"
    awards = [
        f"{vocab.label('award_level', level)}优秀调研成果{n}篇"
        if level != "other"
        else f"其他奖项{n}篇"
        for level, n in t.awards_by_level.items()
        if n
    ]
    if awards:
        text += "，获" + "、".join(awards)
    return text


def achievement_sentence(t: YearTotals) -> str:
    parts = []
    if t.achievements["consumption_aid"].records:
        parts.append(f"实现消费帮扶金额{decimal_text(t.consumption_aid_amount)}万元")
    for code, (verb, measure) in ACHIEVEMENT_PHRASES.items():
        found = t.achievements[code]
        if found.count:
            parts.append(f"{verb}{found.count}{measure}")
    return "，".join(parts)


def totals_sentence(t: YearTotals) -> str:
    """The year in one sentence, every figure from ``t``."""
    clauses = [
        session_sentence(t),
        survey_sentence(t),
        f"报送月度亮点{t.highlights}个",
        report_sentence(t),
    ]
    achieved = achievement_sentence(t)
    if achieved:
        clauses.append(achieved)
    return "全年" + "；".join(clauses) + "。"


def leave_sentence(t: YearTotals, stats: YearStats | None = None) -> str:
    """Leave in one sentence: requests and days, business trips, returns (销假), filings (备案) and
    the returns overdue as of ``stats.today``."""
    text = (
        f"全年批准请假{t.leave_total.count}人次、共{decimal_text(t.leave_total.days)}个工作日"
        if t.leave_total.count
        else "全年无人请假"
    )
    if t.business_trips.count:
        text += (
            f"；因公外出{t.business_trips.count}人次、{decimal_text(t.business_trips.days)}个工作日"
            "（不计入请假）"
        )
    if stats is not None:
        leave = stats.leave
        if leave.returns:
            text += f"；销假{leave.returns}人次"
        if t.leave_total.count or t.business_trips.count:
            text += f"，报上级备案{leave.filed}人次"
        if leave.overdue:
            names = join_list(
                f"{i.member_name}（假期至{short_date(i.end_date)}）" for i in leave.overdue
            )
            text += f"；截至{chinese_date(stats.today)}，请假期满未销假{len(leave.overdue)}人次：{names}"
        elif t.leave_total.count or t.business_trips.count:
            text += "，无逾期未销假"
    return text + "。"


def branch_sentence(stats: YearStats) -> str:
    """The group, its temporary party branch and the party small groups with their leaders."""
    b = stats.branch
    text = f"工作组共有挂职干部{b.cadres}名"
    if b.party_members:
        branch = b.name or "临时党支部"
        text += f"。{branch}共有党员{b.party_members}名，其中挂职干部{b.party_cadres}名"
        if b.party_others:
            text += f"、其他支部成员{b.party_others}名"
        if b.cadres > b.party_cadres:
            text += f"（另有非党员挂职干部{b.cadres - b.party_cadres}名）"
    if stats.party_groups:
        groups = join_list(
            f"{g.name}（组长{g.leader}）" if g.leader else g.name for g in stats.party_groups
        )
        text += f"；下设党小组{len(stats.party_groups)}个：{groups}"
    return text + "。"


def party_group_sentence(stats: YearStats) -> str:
    """Each party small group's own sessions in the year."""
    if not stats.party_groups:
        return ""
    each = "、".join(f"{g.name}{g.sessions}次" for g in stats.party_groups)
    text = f"分党小组看，组织学习交流{each}"
    if stats.unscoped_party_group_sessions:
        text += f"；另有{stats.unscoped_party_group_sessions}次党小组学习未登记所属党小组"
    return text + "。"


def highlight_sentence(stats: YearStats) -> str:
    t = stats.totals
    if not t.highlights:
        return "全年未报送月度亮点。"
    kinds = join_list(
        f"{vocab.label('highlight_category', code)}{n}个"
        for code, n in stats.highlights_by_category.items()
        if n
    )
    return f"月度亮点中，重点亮点{len(stats.highlights_featured)}个；按类别分，{kinds}。"


def spot_check_sentence(stats: YearStats) -> str:
    checks = stats.spot_checks
    if not checks.checks:
        return "全年未开展在岗抽查。"
    text = f"全年开展在岗抽查{checks.checks}次、抽查{checks.members_checked}人次"
    if checks.members_checked and checks.by_result.get("on_duty", 0) == checks.members_checked:
        return text + "，均在岗。"
    results = join_list(
        f"{vocab.label('check_result', code)}{n}人次" for code, n in checks.by_result.items() if n
    )
    text += f"，其中{results}"
    if checks.not_at_post:
        why = "；".join(
            f"{short_date(n.date)}{n.name}（{n.note or '未说明原因'}）" for n in checks.not_at_post
        )
        text += f"。不在岗情况：{why}"
    return text + "。"


def build_year_summary(ledger: Ledger, year: int, today: datetime.date | None = None) -> Document:
    today = today or clock.today()
    group = work_groups.current(ledger)
    stats = year_stats(ledger, year, today=today)
    t = stats.totals
    start, end = year_range(year)
    b = DocumentBuilder()
    b.title(f"{group.name}\n{year}年度工作情况汇总")
    if start <= today < end:
        b.subtitle(f"（统计截至{chinese_date(today)}）")
    else:
        b.subtitle(f"（{year}年1月1日至12月31日）")

    b.h1("总体情况")
    b.para(branch_sentence(stats))
    b.para(totals_sentence(t))
    _plan(b, ledger, year, today)

    _sessions(b, stats)
    _surveys(b, stats)
    _highlights(b, stats)
    _reports(b, ledger, t, start, end)
    _achievements(b, ledger, t, start, end)

    b.h1("请销假及在岗抽查情况")
    b.para(leave_sentence(t, stats))
    rows = [
        (vocab.label("leave_type", code), str(s.count), decimal_text(s.days))
        for code, s in t.leave_by_type.items()
        if s.count
    ]
    if t.business_trips.count:
        rows.append(
            (
                "因公外出（不计入请假）",
                str(t.business_trips.count),
                decimal_text(t.business_trips.days),
            )
        )
    rows.append(("请假合计", str(t.leave_total.count), decimal_text(t.leave_total.days)))
    b.table(
        (Column("类别", 14.0), Column("人次", 8.0), Column("工作日天数", 14.0)),
        rows,
        caption="请假分类统计",
    )
    b.para(spot_check_sentence(stats))

    # 落款: the issuing unit over the date, on the right (GB/T 9704); one paragraph of two lines,
    # so that a page break never parts them.
    b.para(
        f"{group.bulletin_unit or group.name}\n{chinese_date(today)}", align="right", indent=False
    )

    return b.build(
        f"{group.name}{year}年度工作情况汇总",
        author=operator_name(ledger),
        subject=f"{group.name}{year}年度工作情况汇总",
        created=clock.now().replace(microsecond=0),
    )


def plan_sentence(progress: PlanProgress) -> str:
    """How far the year plan has come, in one sentence: "《细化措施二十条》20项措施中，12项已完成，
    5项正在推进，3项滞后（…）。" (issue 13; the figures are db.queries.plan's)."""
    total = len(progress.measures)
    done = len(progress.with_status(DONE))
    behind = progress.with_status(BEHIND)
    going = total - done - len(behind)
    parts = [f"{done}项已完成"]
    if going:
        parts.append(f"{going}项正在推进")
    if behind:
        names = "、".join(m.measure.wording for m in behind)
        parts.append(f"{len(behind)}项滞后（{names}）")
    return f"《{progress.title}》{total}项措施中，" + "，".join(parts) + "。"


def _plan(b: DocumentBuilder, ledger: Ledger, year: int, today: datetime.date) -> None:
    """The year plan's paragraph and table, when the year has a plan of its own."""
    progress = plan_progress(ledger, year, today)
    if not progress.stored or not progress.measures:
        return
    b.para(plan_sentence(progress))
    status = {DONE: "已完成", ON_TRACK: "正在推进", BEHIND: "滞后"}
    b.table(
        (
            Column("措施", 20.0),
            Column("已完成", 7.0),
            Column("至今应完成", 9.0),
            Column("全年应完成", 9.0),
            Column("状态", 8.0),
        ),
        [
            (m.measure.wording, str(m.done), str(m.expected), str(m.due), status[m.status])
            for m in progress.measures
        ],
        caption=f"《{progress.title}》完成情况",
    )


def _sessions(b: DocumentBuilder, stats: YearStats) -> None:
    t = stats.totals
    b.h1("学习交流")
    sentence = party_group_sentence(stats)
    if sentence:
        b.para(sentence)
    kinds = [
        ("集体学习交流会", t.collective_meetings, ""),
        ("党小组学习", t.party_group_sessions, ""),
        ("专题培训", t.trainings, decimal_text(t.training_hours) if t.trainings else ""),
        ("主题党日", t.party_days, ""),
        ("其他", t.other_sessions, ""),
    ]
    total = sum(n for _k, n, _h in kinds)
    b.table(
        (Column("类别", 14.0), Column("次数", 10.0), Column("学时", 12.0)),
        [*((k, str(n), h) for k, n, h in kinds), ("合计", str(total), "")],
        caption="学习交流分类统计",
    )
    if stats.party_groups:
        b.table(
            (
                Column("党小组", 12.0),
                Column("组长", 8.0),
                Column("成员人数", 8.0),
                Column("学习交流次数", 8.0),
            ),
            [
                (g.name, g.leader or "—", str(g.members), str(g.sessions))
                for g in stats.party_groups
            ],
            caption="党小组学习交流情况",
        )
    months = [
        (
            f"{m + 1}月",
            str(stats.sessions_per_month[m]),
            str(stats.surveys_per_month[m]),
            str(stats.highlights_per_month[m]),
        )
        for m in range(12)
    ]
    months.append(
        (
            "全年",
            str(sum(stats.sessions_per_month)),
            str(sum(stats.surveys_per_month)),
            str(sum(stats.highlights_per_month)),
        )
    )
    b.table(
        (
            Column("月份", 6.0),
            Column("学习交流", 10.0),
            Column("调研走访", 10.0),
            Column("月度亮点", 10.0),
        ),
        months,
        caption="分月统计",
    )


def _surveys(b: DocumentBuilder, stats: YearStats) -> None:
    t = stats.totals
    b.h1("调查研究")
    without = [m.name for m in stats.surveys_per_member if not m.count]
    if not t.surveys:
        pass  # the overview says so
    elif without:
        b.para(f"全年未参加调研走访的成员：{join_list(without)}。")
    else:
        b.para("全年每名成员都参加了调研走访，各类别和各成员的次数如下。")
    b.table(
        [Column("调研类别", 18.0), Column("次数", 18.0)],
        [
            *((vocab.label("survey_kind", code), str(n)) for code, n in t.surveys_by_kind.items()),
            ("合计", str(t.surveys)),
        ],
        caption="调研走访分类统计",
    )
    counts = [(m.name, f"{m.count}次") for m in stats.surveys_per_member]
    b.table(
        [Column("姓名", 6.0), Column("调研次数", 6.0)] * 3,
        per_member_pairs(counts),
        caption="成员参加调研走访次数",
    )


def _highlights(b: DocumentBuilder, stats: YearStats) -> None:
    b.h1("工作亮点")
    b.para(highlight_sentence(stats))
    featured = stats.highlights_featured
    if not featured:
        return
    if len(featured) > MAX_LISTED:
        b.para("重点亮点逐条明细见月度亮点台账。")
        return
    b.table(
        (Column("月份", 5.0), Column("姓名", 5.0), Column("亮点", 26.0, "left")),
        [(f"{h.month.month}月", h.member_name, h.title) for h in featured],
        caption="重点亮点",
    )


def _listed(
    spec: ReportList | AchievementList,
    ledger: Ledger,
    start: datetime.date,
    end: datetime.date,
    sort: str,
) -> list[dict[str, Any]] | None:
    """The year's records of a list, in date order; None when there are too many to list."""
    keys = spec.ids(ledger, Filters(date_from=start, date_to=end), sort=sort, descending=False)
    if len(keys) > MAX_LISTED:
        return None
    rows = spec.rows(ledger, keys)
    return [rows[k] for k in keys]


def _reports(
    b: DocumentBuilder, ledger: Ledger, t: YearTotals, start: datetime.date, end: datetime.date
) -> None:
    b.h1("调研报告及获奖情况")
    if not t.research_reports:
        return  # the overview says 完成调研报告0篇
    b.para("调研报告的作者、完成日期和获奖情况如下。")
    rows = _listed(ReportList(), ledger, start, end, "completion_date")
    if rows is None:
        b.para(f"调研报告共{t.research_reports}篇，明细见调研报告台账。")
        return
    b.table(
        (
            Column("序号", 3.2),
            Column("报告题目", 13.6, "left"),
            Column("作者", 5.6),
            Column("完成日期", 6.0),
            Column("获奖情况", 7.6),
        ),
        [
            (
                str(index),
                r["title"],
                join_list(r["authors"]),
                short_date(r["completion_date"]) if r["completion_date"] else "",
                join_list([vocab.label("award_level", r["award_level"]), r["award_rank"]], "")
                or "—",
            )
            for index, r in enumerate(rows, 1)
        ],
        caption="调研报告一览",
    )


def _amount_or_count(amount: Decimal | None, count: int | None, kind: str) -> str:
    if kind == "consumption_aid" or (amount is not None and amount):
        return f"{decimal_text(amount)}万元" if amount is not None else ""
    measure = ACHIEVEMENT_PHRASES.get(kind, ("", "项"))[1]
    return f"{count if count is not None else 1}{measure}"


def _achievements(
    b: DocumentBuilder, ledger: Ledger, t: YearTotals, start: datetime.date, end: datetime.date
) -> None:
    b.h1("工作成果")
    if not achievement_sentence(t):
        b.para("全年未登记工作成果。")
        return
    b.para("工作成果分类统计和逐项明细如下。")
    rows = []
    for code, s in t.achievements.items():
        if not s.records:
            continue
        measure = ACHIEVEMENT_PHRASES.get(code, ("", "项"))[1]
        figure = (
            f"{decimal_text(s.amount)}万元" if code == "consumption_aid" else f"{s.count}{measure}"
        )
        rows.append((vocab.label("achievement_kind", code), str(s.records), figure))
    b.table(
        (Column("成果类别", 14.0), Column("记录条数", 8.0), Column("合计", 14.0)),
        rows,
        caption="工作成果分类统计",
    )
    listed = _listed(AchievementList(), ledger, start, end, "date")
    if listed is None:
        b.para("工作成果逐项明细见工作成果台账。")
        return
    b.table(
        (
            Column("日期", 6.0),
            Column("类别", 7.0),
            Column("事项", 15.0, "left"),
            Column("金额或数量", 8.0),
        ),
        [
            (
                short_date(r["date"]),
                vocab.label("achievement_kind", r["kind"]),
                r["title"],
                _amount_or_count(r["amount"], r["count"], r["kind"]),
            )
            for r in listed
        ],
        caption="工作成果明细",
    )
