"""How far the year plan has come (db/queries/plan.py), counted by hand over the fixture year of
tests/db/queries/test_statistics.py: per-member and group measures, weeks, months, the year and the term,
excused periods (leave, the term of a member who joined in March or left in October), manual ticks."""

from __future__ import annotations

import pytest

from db.queries.plan import BEHIND, DONE, ON_TRACK, member_plan, plan_progress
from db.queries.targets import EXCUSED, FUTURE, LEAVE, MET, MISSED, TERM, targets_matrix
from db.services import plans
from db.services.plans import MeasureSpec
from db.store.ledger import Ledger
from db.store.models import BulletinIssue, ReportAuthor
from tests.conftest import d
from tests.db.queries.test_statistics import Year, build_year


@pytest.fixture
def year(ledger: Ledger) -> Year:
    return build_year(ledger)


def by_wording(progress, wording: str):
    return next(m for m in progress.measures if m.measure.wording == wording)


def unit(measure, name: str):
    return next(u for u in measure.units if u.name == name)


def tally(cells) -> dict[str, int]:
    out: dict[str, int] = {}
    for cell in cells:
        out[cell.status] = out.get(cell.status, 0) + 1
    return out


def figures(measure) -> tuple[int, int, int, int]:
    return (measure.done, measure.expected, measure.due, measure.behind)


SPECS = (
    MeasureSpec("每人完成一篇调研报告", "member", "year", "report"),
    MeasureSpec("每人每月总结一个亮点", "member", "month", "highlight"),
    MeasureSpec("每月开展一次学习交流会", "group", "month", "session", "collective"),
    MeasureSpec("组织一场推介活动", "group", "term", "achievement", "promotion_event"),
    MeasureSpec("每月编发一期信息动态", "group", "month", "bulletin"),
    MeasureSpec("坚守一条工作红线", "group", "month", "manual"),
    MeasureSpec("每人建立一本工作日志", "member", "year", "manual"),
    MeasureSpec("每人每周一次实践调研", "member", "week", "survey", "practice"),
    MeasureSpec("争创一项优秀调研成果", "group", "term", "awarded_report", "provincial"),
)


@pytest.fixture
def plan(ledger: Ledger, year: Year):
    stored = plans.take_plan(ledger, 2025, SPECS, "细化措施")
    for month in ("2025-01-01", "2025-02-01", "2025-03-01"):
        BulletinIssue.create(group=year.group, month=d(month), year=2025, number=int(month[6]))
    measures = {m.wording: m for m in plans.measures_of(stored)}
    for day in ("2025-01-20", "2025-03-31"):
        plans.ticks.save(
            ledger, {"measure": measures["坚守一条工作红线"].id, "date": day, "note": "无违规"}
        )
    plans.ticks.save(
        ledger,
        {
            "measure": measures["每人建立一本工作日志"].id,
            "member": year.m["A"],
            "date": "2025-02-01",
            "note": "已建立",
        },
    )
    return stored


def test_per_member_year_measure_counts_reports_by_author(ledger, plan, year) -> None:
    progress = plan_progress(ledger, 2025, today=d("2025-05-06"))
    assert progress.title == "细化措施" and progress.stored
    reports = by_wording(progress, "每人完成一篇调研报告")
    # Branch-only 钱七 is not bound. A and C wrote R1 (03-28), B R2 (06-30), D R3 (09-30); a record
    # already entered counts in its running period, as in the targets matrix. A's R4 has no date.
    assert [u.name for u in reports.units] == ["张三", "李四", "王五", "赵六"]
    assert [u.cells[0].status for u in reports.units] == [MET, MET, MET, MET]
    assert unit(reports, "张三").cells[0].record_ids == (year.r["R1"],)
    assert figures(reports) == (4, 4, 4, 0)
    assert (reports.records, reports.status) == (4, DONE)
    # Without R2, B's report is still open in May, and missed once the year is over.
    ReportAuthor.delete().where(ReportAuthor.report == year.r["R2"]).execute()
    reports = by_wording(plan_progress(ledger, 2025, today=d("2025-05-06")), "每人完成一篇调研报告")
    assert figures(reports) == (3, 3, 4, 0) and reports.status == ON_TRACK
    after = by_wording(plan_progress(ledger, 2025, today=d("2026-01-05")), "每人完成一篇调研报告")
    assert figures(after) == (3, 4, 4, 1) and after.status == BEHIND
    assert after.behind_names() == ("李四",)


def test_per_member_month_measure_with_term_and_leave(ledger, plan) -> None:
    highlights = by_wording(
        plan_progress(ledger, 2025, today=d("2025-05-06")), "每人每月总结一个亮点"
    )
    # A: H1 March, H4 April; January and February missed; May (running) .. December open.
    assert tally(unit(highlights, "张三").cells) == {MISSED: 2, MET: 2, FUTURE: 8}
    # B: nothing; 探亲假 02-24..02-28 covers only part of February, which stays missed.
    assert tally(unit(highlights, "李四").cells) == {MISSED: 4, FUTURE: 8}
    # C joined on 03-01: January and February are outside the term. H2 in March.
    c = unit(highlights, "王五")
    assert tally(c.cells) == {EXCUSED: 2, MET: 1, MISSED: 1, FUTURE: 8}
    assert {cell.reason for cell in c.cells if cell.status == EXCUSED} == {TERM}
    # D left on 10-31: November and December are excused. H3 in March.
    assert tally(unit(highlights, "赵六").cells) == {MISSED: 3, MET: 1, FUTURE: 6, EXCUSED: 2}
    # done 4; expected 4 + 10 missed; due 12 + 12 + 10 + 10.
    assert figures(highlights) == (4, 14, 44, 10)
    assert highlights.status == BEHIND
    assert highlights.behind_names() == ("张三", "李四", "王五", "赵六")


def test_weekly_measure_of_one_survey_kind(ledger, plan, year) -> None:
    surveys = by_wording(plan_progress(ledger, 2025, today=d("2025-05-06")), "每人每周一次实践调研")
    # The ISO weeks of 2025: Monday 2024-12-30 (W01) .. Monday 2025-12-22 (W52).
    weeks = unit(surveys, "张三").cells
    assert (len(weeks), weeks[0].start, weeks[-1].start) == (52, d("2024-12-30"), d("2025-12-22"))
    # Only V2 (03-04, C) is a 实践调研. C's weeks before 03-03 are outside C's term (9), the week
    # of 03-03 is met, the 8 weeks from 03-10 to 04-28 are missed, the rest open.
    c = unit(surveys, "王五")
    assert tally(c.cells) == {EXCUSED: 9, MET: 1, MISSED: 8, FUTURE: 34}
    assert c.cells[9].record_ids == (year.v["V2"],)
    # B was on leave for every working day of the week of 02-24: excused.
    b = unit(surveys, "李四").cells
    assert (b[8].start, b[8].status, b[8].reason) == (d("2025-02-24"), EXCUSED, LEAVE)
    assert surveys.records == 1


def test_a_members_units_of_the_per_member_measures(ledger, plan, year) -> None:
    """王五 (C, joined on 03-01), as of 05-06, measure by measure as counted above: his report is in;
    two months of highlights expected (January and February are outside his term), March met; nine
    weeks of 实践调研 expected, one met; the diary not ticked yet (due once in the year)."""
    [year_2025] = member_plan(
        ledger, year.m["C"], d("2024-06-01"), d("2025-12-31"), d("2025-05-06")
    )
    assert year_2025.progress.year == 2025  # 2024 is outside the group's term: left out
    rows = [(m.measure.wording, u.done, u.expected, u.due, u.status) for m, u in year_2025.rows]
    assert rows == [
        ("每人完成一篇调研报告", 1, 1, 1, DONE),
        ("每人每月总结一个亮点", 1, 2, 10, BEHIND),
        ("每人建立一本工作日志", 0, 0, 1, ON_TRACK),
        ("每人每周一次实践调研", 1, 9, 43, BEHIND),
    ]
    assert [u.name for _m, u in year_2025.rows] == ["王五"] * 4
    assert (year_2025.with_status(DONE), year_2025.with_status(BEHIND)) == (1, 2)
    # Branch-only 钱七 is bound by none of them.
    assert member_plan(ledger, year.m["E"], d("2025-01-01"), d("2025-12-31"), d("2025-05-06")) == []


def test_group_measures_sessions_bulletins_achievements_ticks(ledger, plan, year) -> None:
    progress = plan_progress(ledger, 2025, today=d("2025-05-06"))
    meetings = by_wording(progress, "每月开展一次学习交流会")
    # S7 January, S1 March, S6 April; none in February.
    assert [c.status for c in meetings.units[0].cells[:5]] == [MET, MISSED, MET, MET, FUTURE]
    assert figures(meetings) == (3, 4, 12, 1) and meetings.records == 3
    assert meetings.behind_names() == ("商洛市赴南京市挂职工作组",)
    bulletins = by_wording(progress, "每月编发一期信息动态")
    assert figures(bulletins) == (3, 4, 12, 1)  # January .. March issued, April missing
    redline = by_wording(progress, "坚守一条工作红线")
    assert [c.status for c in redline.units[0].cells[:4]] == [MET, MISSED, MET, MISSED]
    event = by_wording(progress, "组织一场推介活动")
    # AC7 (08-01) is the one promotion event of the term.
    assert figures(event) == (1, 1, 1, 0) and event.status == DONE
    assert event.units[0].cells[0].record_ids == (year.a["AC7"],)
    # A term measure counts over the whole term, whatever the year.
    cell = event.units[0].cells[0]
    assert (cell.start, cell.end) == (d("2025-01-01"), d("2025-12-31"))
    # R1, awarded at provincial level, counts by its completion date (no award date given).
    award = by_wording(progress, "争创一项优秀调研成果")
    assert award.status == DONE and award.units[0].cells[0].record_ids == (year.r["R1"],)
    diary = by_wording(progress, "每人建立一本工作日志")
    assert [u.cells[0].status for u in diary.units] == [MET, FUTURE, FUTURE, FUTURE]


def test_a_year_without_a_plan_counts_the_basic_measures(ledger, year) -> None:
    progress = plan_progress(ledger, 2025, today=d("2025-05-06"))
    assert not progress.stored
    assert [m.measure.wording for m in progress.measures] == [
        s.wording for s in plans.BASIC_MEASURES
    ]


def test_the_matrix_shows_the_plans_cells(ledger, year) -> None:
    # One way to count: the matrix's survey and highlight cells are the plan's, for every period
    # that has begun (the plan also excuses ahead what it knows: a term that ends in October).
    today = d("2025-05-06")
    progress = plan_progress(ledger, 2025, today=today)
    matrix = targets_matrix(ledger, d("2025-01-01"), d("2025-12-31"), today=today)
    surveys, highlights, _meetings = progress.measures

    def begun(cells):
        return [c for c in cells if c.start <= today]

    for row in matrix.rows:
        assert begun(unit(highlights, row.name).cells) == begun(row.highlights)
        assert begun(unit(surveys, row.name).cells) == begun(row.surveys)
        # The matrix adds the last week of December (ISO 2026-W01), which is the next year's.
        assert len(unit(surveys, row.name).cells) == len(row.surveys) - 1
    assert matrix.weeks[-1].iso_year == 2026


def test_a_term_that_misses_the_year_has_no_measures(ledger, year) -> None:
    assert plan_progress(ledger, 2027, today=d("2027-05-06")).measures == ()
