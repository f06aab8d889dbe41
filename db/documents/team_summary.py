"""The team's year summary (全队年度工作情况汇总): every work group the ledger reads, side by side, in the
house style of a group's year summary (db.documents.summary).

Its overview names the groups and states the team's year in one sentence of totals and one of target
compliance; the tables then give each group's figures with the team's totals (the figures of the team
view, db.queries.team); a section per group closes it with that group's own sentences, the very ones
its year summary states (the branch, the year's totals, leave and spot checks). Every figure is a
group's own statistics (year_stats) or targets matrix, counted once per group here and shared by the
tables and the sentences, so the team's document and each group's agree to the unit.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from db.common import clock, errors
from db.common.messages import define
from db.documents.bulletin import ACHIEVEMENT_PHRASES, operator_name
from db.documents.document import Column, Document, DocumentBuilder, chinese_date, decimal_text
from db.documents.summary import branch_sentence, leave_sentence, spot_check_sentence
from db.documents.summary import totals_sentence as group_totals_sentence
from db.queries.statistics import YearStats, year_range, year_stats
from db.queries.targets import targets_matrix
from db.queries.team import (
    Compliance,
    GroupFigures,
    TeamGroup,
    for_group,
    team_groups,
    total_of,
    year_group_figures,
)
from db.store.ledger import Ledger
from db.store.models import WorkGroup

MSG_NO_GROUPS = define(
    "team_summary.no_groups",
    zh="台账中还没有工作组，无法生成全队年度汇总。",
    en="The ledger holds no work group yet; there is no team summary to write.",
)

DEFAULT_TEAM = "挂职工作队"
NAME_WIDTH = 12.0
FIGURE_WIDTH = 5.0


def team_name(ledger: Ledger, groups: Sequence[TeamGroup]) -> str:
    """The higher team the groups name in their profiles (上级工作队), when they name one and the
    same; else 挂职工作队."""
    names = {
        (name or "").strip()
        for (name,) in WorkGroup.select(WorkGroup.team_name)
        .where(WorkGroup.id.in_([g.id for g in groups]))
        .tuples()
    }
    names.discard("")
    return names.pop() if len(names) == 1 else DEFAULT_TEAM


def rate_text(c: Compliance) -> str:
    """85% over 120/141 (met / due), on two lines of a table's cell; — when nothing was due."""
    return "—" if c.percent is None else f"{c.percent}%\n{c.met}/{c.expected}"


def team_sentence(totals: GroupFigures) -> str:
    """The team's year in one sentence, every figure a sum of the groups'."""
    clauses = [
        f"累计组织召开集体学习交流会议{totals.collective_meetings}次，"
        f"各党小组组织线上线下集体学习交流{totals.party_group_sessions}次，"
        f"参加专题培训{totals.trainings}次",
        f"开展各类调研走访{totals.surveys}次，其中企业调研{totals.enterprise_surveys}次",
        f"报送月度亮点{totals.highlights}个",
        f"完成调研报告{totals.reports}篇" + (f"，获奖{totals.awards}篇" if totals.awards else ""),
    ]
    achieved = []
    if totals.consumption_aid:
        achieved.append(f"实现消费帮扶金额{decimal_text(totals.consumption_aid)}万元")
    if totals.projects:
        verb, measure = ACHIEVEMENT_PHRASES["project_signed"]
        achieved.append(f"{verb}{totals.projects}{measure}")
    if achieved:
        clauses.append("，".join(achieved))
    return "全年各工作组" + "；".join(clauses) + "。"


def compliance_sentence(totals: GroupFigures) -> str:
    """The team's target compliance: the share of the due weeks and months that met the targets."""
    parts = [
        f"每人每周调研{_rate(totals.surveys_target)}",
        f"每人每月亮点{_rate(totals.highlights_target)}",
        f"集体学习交流会参加{_rate(totals.meetings_target)}",
    ]
    text = "对照考核目标，全队" + "，".join(parts)
    if totals.highlights_missing:
        text += f"；未报月度亮点{totals.highlights_missing}人次"
    return text + "。"


def _rate(c: Compliance) -> str:
    if c.percent is None:
        return "无应完成的周期"
    return f"达标{c.percent}%（应完成{c.expected}、已完成{c.met}）"


def _figure_table(
    b: DocumentBuilder,
    rows: Sequence[GroupFigures],
    totals: GroupFigures,
    columns: Sequence[tuple[str, str]],
    caption: str,
) -> None:
    def cell(f: GroupFigures, name: str) -> str:
        value = f.value(name)
        if isinstance(value, Compliance):
            return rate_text(value)
        return decimal_text(value)

    b.table(
        (
            Column("工作组", NAME_WIDTH, "left"),
            *(Column(title, FIGURE_WIDTH) for title, _name in columns),
        ),
        [(f.name, *(cell(f, name) for _title, name in columns)) for f in (*rows, totals)],
        caption=caption,
    )


def build_team_summary(ledger: Ledger, year: int, today: datetime.date | None = None) -> Document:
    """The team's year summary over every group the ledger reads, as of ``today``."""
    today = today or clock.today()
    groups = team_groups(ledger)
    if not groups:
        raise errors.ActionRefusedError(MSG_NO_GROUPS())
    start, end = year_range(year)
    stats: list[YearStats] = []
    figures: list[GroupFigures] = []
    for group in groups:
        view = for_group(ledger, group.id)
        group_stats = year_stats(view, year, today)
        stats.append(group_stats)
        figures.append(
            year_group_figures(group, group_stats.counts, targets_matrix(view, start, end, today))
        )
    totals = total_of(figures)
    team = team_name(ledger, groups)

    b = DocumentBuilder()
    b.title(f"{team}\n{year}年度工作情况汇总")
    if start <= today < end:
        b.subtitle(f"（统计截至{chinese_date(today)}）")
    else:
        b.subtitle(f"（{year}年1月1日至12月31日）")

    b.h1("总体情况")
    names = "、".join(g.name for g in groups)
    b.para(f"全队共有挂职工作组{len(groups)}个：{names}；挂职干部{totals.members}名。")
    b.para(team_sentence(totals))
    b.para(compliance_sentence(totals))

    b.h1("各工作组主要指标")
    b.h2("学习交流")
    _figure_table(
        b,
        figures,
        totals,
        (
            ("挂职干部", "members"),
            ("集体学习交流会", "collective_meetings"),
            ("党小组学习", "party_group_sessions"),
            ("专题培训", "trainings"),
        ),
        "学习交流情况",
    )
    b.h2("调查研究和月度亮点")
    _figure_table(
        b,
        figures,
        totals,
        (
            ("调研走访", "surveys"),
            ("其中企业调研", "enterprise_surveys"),
            ("月度亮点", "highlights"),
            ("未报亮点（人次）", "highlights_missing"),
        ),
        "调查研究和月度亮点情况",
    )
    b.h2("调研报告和工作成果")
    _figure_table(
        b,
        figures,
        totals,
        (
            ("调研报告", "reports"),
            ("获奖", "awards"),
            ("消费帮扶（万元）", "consumption_aid"),
            ("项目签约", "projects"),
        ),
        "调研报告和工作成果情况",
    )
    b.h2("请销假和在岗抽查")
    _figure_table(
        b,
        figures,
        totals,
        (
            ("请假人次", "leave_requests"),
            ("请假工作日", "leave_days"),
            ("逾期未销假", "overdue"),
            ("在岗抽查", "spot_checks"),
        ),
        "请销假和在岗抽查情况",
    )

    b.h1("目标完成情况")
    b.para(
        "达标率为已到期的周期（周或月）中达到目标的比例，请假、节假日、不在任期内等不计的周期除外；"
        "表中百分比下为已完成与应完成的周期数（人次）。"
    )
    b.table(
        (
            Column("工作组", NAME_WIDTH, "left"),
            Column("每人每周调研", 8.0),
            Column("每人每月亮点", 8.0),
            Column("集体学习参会", 8.0),
            Column("综合", 8.0),
        ),
        [
            (
                f.name,
                rate_text(f.surveys_target),
                rate_text(f.highlights_target),
                rate_text(f.meetings_target),
                rate_text(f.compliance),
            )
            for f in (*figures, totals)
        ],
        caption="各工作组目标完成情况",
    )

    b.h1("各工作组情况")
    for group, group_stats in zip(groups, stats, strict=True):
        b.h2(group.name)
        b.para(branch_sentence(group_stats))
        b.para(group_totals_sentence(group_stats.totals))
        b.para(leave_sentence(group_stats.totals, group_stats))
        b.para(spot_check_sentence(group_stats))

    b.para(f"{team}\n{chinese_date(today)}", align="right", indent=False)
    return b.build(
        f"{team}{year}年度工作情况汇总",
        author=operator_name(ledger),
        subject=f"{team}{year}年度工作情况汇总",
        created=clock.now().replace(microsecond=0),
    )
