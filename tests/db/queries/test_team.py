"""The team view: three groups in one database (made through the services), every figure by hand and
against each group's own statistics and targets matrix."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from db.queries import team
from db.queries.statistics import month_stats, year_stats
from db.queries.targets import MET, MISSED, targets_matrix
from db.services.achievements import achievements
from db.services.groups import work_groups
from db.services.highlights import highlights
from db.services.leave import leave_requests
from db.services.reports import reports
from db.services.sessions import study_sessions
from db.services.spotchecks import prefill_results, spot_checks
from db.services.surveys import surveys
from db.store.ledger import Ledger
from tests.conftest import add_member, d


@dataclass
class Team:
    groups: dict[str, uuid.UUID] = field(default_factory=dict)  # 甲 乙 丙
    m: dict[str, uuid.UUID] = field(default_factory=dict)  # members by name


def _group(ledger: Ledger, t: Team, key: str, name: str) -> None:
    work_groups.create_group(
        ledger, {"name": name, "term_start": "2025-01-01", "term_end": "2025-12-31"}
    )
    t.groups[key] = ledger.group_id


def _leave(ledger: Ledger, who: uuid.UUID, start: str, end: str, **extra: object) -> None:
    leave_requests.save(
        ledger,
        {
            "member": str(who),
            "leave_type": "personal",
            "start_date": start,
            "end_date": end,
            "status": "approved",
            "approver": "组长",
            "approval_date": start,
            **extra,
        },
    )


def build_team(ledger: Ledger) -> Team:
    """Three groups of 2025 in one database, each made and filled through the services.

    甲组: 张三, 李四 (and 王五, branch-only); 乙组: 赵六; 丙组: 孙七. March 2025 is the month the
    tests count; a few records fall in other months, so that the year differs from the month."""
    t = Team()
    _group(ledger, t, "甲", "甲市赴南京市挂职工作组")
    t.m["张三"] = add_member(ledger, "张三", sort_order=1)
    t.m["李四"] = add_member(ledger, "李四", sort_order=2)
    t.m["王五"] = add_member(ledger, "王五", sort_order=3, branch_only=True)
    study_sessions.save(
        ledger, {"kind": "collective", "date": "2025-03-20", "topic": "三月集体学习"}
    )
    study_sessions.save(
        ledger, {"kind": "collective", "date": "2025-05-20", "topic": "五月集体学习"}
    )
    study_sessions.save(
        ledger, {"kind": "party_group", "date": "2025-03-10", "topic": "党小组学习"}
    )
    study_sessions.save(
        ledger,
        {"kind": "training", "date": "2025-03-12", "topic": "专题培训", "training_hours": "3"},
    )
    for day, kind, who in (
        ("2025-03-05", "enterprise", ["张三"]),
        ("2025-03-06", "practice", ["张三", "李四"]),
        ("2025-06-10", "enterprise", ["李四"]),
    ):
        surveys.save(
            ledger,
            {
                "date": day,
                "kind": kind,
                "visited": f"{day}走访单位",
                "participants": [t.m[n] for n in who],
            },
        )
    highlights.save(ledger, {"member": t.m["张三"], "month": "2025-03", "title": "招商亮点"})
    highlights.save(ledger, {"member": t.m["李四"], "month": "2025-04", "title": "宣传亮点"})
    reports.save(
        ledger,
        {
            "title": "三月调研报告",
            "authors": [t.m["张三"]],
            "completion_date": "2025-03-15",
            "award_level": "provincial",
            "award_rank": "一等奖",
            "award_date": "2025-03-30",
        },
    )
    reports.save(
        ledger, {"title": "七月调研报告", "authors": [t.m["李四"]], "completion_date": "2025-07-01"}
    )
    achievements.save(
        ledger,
        {"date": "2025-03-08", "kind": "consumption_aid", "title": "农产品", "amount": "12.5"},
    )
    achievements.save(
        ledger, {"date": "2025-03-09", "kind": "project_signed", "title": "签约", "count": 2}
    )
    achievements.save(
        ledger, {"date": "2025-08-01", "kind": "project_signed", "title": "签约二", "count": 1}
    )
    _leave(  # Monday, Tuesday: 2 days
        ledger,
        t.m["张三"],
        "2025-03-03",
        "2025-03-04",
        status="returned",
        return_date="2025-03-05",
    )
    _leave(ledger, t.m["李四"], "2025-03-24", "2025-03-25")  # never reported back: overdue
    spot_checks.save(
        ledger,
        {
            "date": "2025-03-11",
            "method": "phone",
            "results": prefill_results(ledger, d("2025-03-11"), [t.m["张三"]]),
        },
    )

    _group(ledger, t, "乙", "乙县赴扬州市挂职工作组")
    t.m["赵六"] = add_member(ledger, "赵六", sort_order=1)
    study_sessions.save(ledger, {"kind": "collective", "date": "2025-03-21", "topic": "集体学习"})
    surveys.save(
        ledger,
        {
            "date": "2025-03-07",
            "kind": "enterprise",
            "visited": "扬州某企业",
            "participants": [t.m["赵六"]],
        },
    )
    highlights.save(ledger, {"member": t.m["赵六"], "month": "2025-03", "title": "乙组亮点"})
    achievements.save(
        ledger,
        {"date": "2025-03-15", "kind": "consumption_aid", "title": "消费帮扶", "amount": "7.25"},
    )
    _leave(
        ledger,
        t.m["赵六"],
        "2025-03-17",
        "2025-03-17",
        status="returned",
        return_date="2025-03-18",
    )
    for day in ("2025-03-12", "2025-03-26"):
        spot_checks.save(
            ledger,
            {
                "date": day,
                "method": "video",
                "results": prefill_results(ledger, d(day), [t.m["赵六"]]),
            },
        )

    _group(ledger, t, "丙", "丙区赴苏州市挂职工作组")
    t.m["孙七"] = add_member(ledger, "孙七", sort_order=1)
    surveys.save(
        ledger,
        {
            "date": "2025-04-01",
            "kind": "practice",
            "visited": "苏州某园区",
            "participants": [t.m["孙七"]],
        },
    )
    return t


@pytest.fixture
def team_ledger(empty_ledger: Ledger) -> tuple[Ledger, Team]:
    t = build_team(empty_ledger)
    empty_ledger.group_id = t.groups["甲"]  # the window works on one group
    return empty_ledger, t


def _counts(f: team.GroupFigures) -> dict[str, object]:
    return {name: f.value(name) for name in team.COUNT_FIGURES}


def test_the_groups_are_every_group_the_ledger_reads_oldest_first(team_ledger):
    ledger, t = team_ledger
    assert [(g.id, g.name) for g in team.team_groups(ledger)] == [
        (t.groups["甲"], "甲市赴南京市挂职工作组"),
        (t.groups["乙"], "乙县赴扬州市挂职工作组"),
        (t.groups["丙"], "丙区赴苏州市挂职工作组"),
    ]


def test_a_month_side_by_side_by_hand(team_ledger):
    ledger, t = team_ledger
    figures = team.team_figures(ledger, 2025, 3)
    assert (figures.start, figures.end) == (d("2025-03-01"), d("2025-03-31"))
    a, b, c = figures.groups
    assert [g.group_id for g in figures.groups] == [t.groups[k] for k in "甲乙丙"]
    assert _counts(a) == {
        "members": 2,  # 王五 is branch-only
        "collective_meetings": 1,
        "party_group_sessions": 1,
        "trainings": 1,
        "surveys": 2,
        "enterprise_surveys": 1,
        "highlights": 1,
        "highlights_missing": 1,  # 李四's is April's
        "reports": 1,
        "awards": 1,
        "consumption_aid": Decimal("12.5"),
        "projects": 2,
        "leave_requests": 2,
        "leave_days": Decimal("4"),
        "overdue": 1,
        "spot_checks": 1,
    }
    assert _counts(b) == {
        "members": 1,
        "collective_meetings": 1,
        "party_group_sessions": 0,
        "trainings": 0,
        "surveys": 1,
        "enterprise_surveys": 1,
        "highlights": 1,
        "highlights_missing": 0,
        "reports": 0,
        "awards": 0,
        "consumption_aid": Decimal("7.25"),
        "projects": 0,
        "leave_requests": 1,
        "leave_days": Decimal("1"),
        "overdue": 0,
        "spot_checks": 2,
    }
    assert _counts(c) == dict.fromkeys(team.COUNT_FIGURES, 0) | {
        "members": 1,
        "highlights_missing": 1,
    }
    assert _counts(figures.totals) == {
        "members": 4,
        "collective_meetings": 2,
        "party_group_sessions": 1,
        "trainings": 1,
        "surveys": 3,
        "enterprise_surveys": 2,
        "highlights": 2,
        "highlights_missing": 2,
        "reports": 1,
        "awards": 1,
        "consumption_aid": Decimal("19.75"),
        "projects": 2,
        "leave_requests": 3,
        "leave_days": Decimal("5"),
        "overdue": 1,
        "spot_checks": 3,
    }
    # Highlights: 张三 met, 李四 missed; 赵六 met; 孙七 missed. Meetings: all attended in 甲 and 乙;
    # 丙 held none (its members' months are excused: no meeting took place).
    assert a.highlights_target == team.Compliance(1, 1)
    assert b.highlights_target == team.Compliance(1, 0)
    assert c.highlights_target == team.Compliance(0, 1)
    assert a.meetings_target == team.Compliance(2, 0)
    assert c.meetings_target == team.Compliance(0, 0)
    assert figures.totals.highlights_target == team.Compliance(2, 2)
    assert figures.totals.highlights_target.percent == 50
    assert c.meetings_target.percent is None


def test_a_year_side_by_side_by_hand(team_ledger):
    ledger, _t = team_ledger
    figures = team.team_figures(ledger, 2025)
    assert figures.month is None
    assert (figures.start, figures.end) == (d("2025-01-01"), d("2025-12-31"))
    a, b, c = figures.groups
    assert (a.collective_meetings, a.surveys, a.enterprise_surveys) == (2, 3, 2)
    assert (a.highlights, a.reports, a.awards, a.projects) == (2, 2, 1, 3)
    assert (b.surveys, c.surveys, c.enterprise_surveys) == (1, 1, 0)
    # 张三 11 months, 李四 11, 赵六 11, 孙七 12 months without a highlight.
    assert (a.highlights_missing, b.highlights_missing, c.highlights_missing) == (22, 11, 12)
    assert figures.totals.surveys == 5
    assert figures.totals.projects == 3
    assert figures.totals.consumption_aid == Decimal("19.75")


@pytest.mark.parametrize("month", [3, None])
def test_each_group_equals_its_own_statistics_and_targets(team_ledger, month):
    """Each column is what the group's own pages count when the ledger works on that group."""
    ledger, t = team_ledger
    figures = team.team_figures(ledger, 2025, month)
    for figure in figures.groups:
        own = dataclasses.replace(ledger, group_id=figure.group_id, lock=None)
        if month is None:
            totals = year_stats(own, 2025).totals
            assert (figure.surveys, figure.highlights, figure.reports) == (
                totals.surveys,
                totals.highlights,
                totals.research_reports,
            )
            assert figure.leave_days == totals.leave_total.days
            matrix = targets_matrix(own, d("2025-01-01"), d("2025-12-31"))
        else:
            stats = month_stats(own, 2025, month)
            assert (figure.surveys, figure.highlights, figure.spot_checks) == (
                stats.surveys.count,
                stats.highlights.count,
                stats.spot_checks.checks,
            )
            assert figure.overdue == len(stats.leave.overdue)
            matrix = targets_matrix(own, d("2025-03-01"), d("2025-03-31"))
        cells = [c for row in matrix.rows for c in row.surveys]
        assert figure.surveys_target == team.Compliance(
            sum(c.status == MET for c in cells), sum(c.status == MISSED for c in cells)
        )
        assert figure.members == len(matrix.rows)
    assert ledger.group_id == t.groups["甲"]  # counting the others never moved the window's group


def test_the_totals_are_the_sums_of_the_groups(team_ledger):
    ledger, _t = team_ledger
    figures = team.team_figures(ledger, 2025)
    for name in team.FIGURES:
        values = [g.value(name) for g in figures.groups]
        if name == "compliance":
            values = [g.compliance for g in figures.groups]
        start = team.Compliance(0, 0) if isinstance(values[0], team.Compliance) else 0
        assert figures.totals.value(name) == sum(values, start), name


def test_a_ledger_with_one_group_or_none(empty_ledger):
    assert team.team_figures(empty_ledger, 2025).groups == ()
    assert team.team_figures(empty_ledger, 2025).totals.surveys == 0
    work_groups.create_group(empty_ledger, {"name": "独组"})
    assert [g.name for g in team.team_groups(empty_ledger)] == ["独组"]
