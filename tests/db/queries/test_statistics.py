"""Statistics: a month, a year and one member's term over a small fixture year, every figure by hand."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from db.queries import statistics
from db.services.groups import party_groups
from db.services.leave import leave_requests
from db.store.ledger import Ledger
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    Highlight,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
)
from tests.conftest import add_member, d


@dataclass
class Year:
    """The ids of the fixture year's records, by the names the tests use."""

    group: uuid.UUID
    m: dict[str, uuid.UUID] = field(default_factory=dict)  # members A B C D E
    pg: dict[str, uuid.UUID] = field(default_factory=dict)
    s: dict[str, uuid.UUID] = field(default_factory=dict)  # sessions
    v: dict[str, uuid.UUID] = field(default_factory=dict)  # surveys
    h: dict[str, uuid.UUID] = field(default_factory=dict)  # highlights
    leave: dict[str, uuid.UUID] = field(default_factory=dict)
    k: dict[str, uuid.UUID] = field(default_factory=dict)  # spot checks
    r: dict[str, uuid.UUID] = field(default_factory=dict)  # reports
    a: dict[str, uuid.UUID] = field(default_factory=dict)  # achievements


def _session(y: Year, name: str, kind: str, day: str, rows: dict[str, tuple], **extra) -> None:
    """A session with attendance rows: member letter -> (present,) or (False, reason, note)."""
    session = StudySession.create(
        group=y.group, kind=kind, date=d(day), topic=f"{name}的主题", **extra
    )
    y.s[name] = session.id
    for letter, row in rows.items():
        present = row[0]
        Attendance.create(
            session=session.id,
            member=y.m[letter],
            present=present,
            absence_reason="" if present else row[1],
            note="" if present else row[2],
        )


def _survey(y: Year, name: str, day: str, kind: str, visited: str, letters: str) -> None:
    survey = Survey.create(group=y.group, date=d(day), kind=kind, visited=visited, topic=name)
    y.v[name] = survey.id
    for letter in letters:
        SurveyParticipant.create(survey=survey.id, member=y.m[letter])


def _leave(
    ledger: Ledger, y: Year, name: str, letter: str, leave_type: str, start: str, end: str, **extra
) -> None:
    values = {
        "member": str(y.m[letter]),
        "leave_type": leave_type,
        "start_date": start.split()[0],
        "start_half": start.split()[1] if " " in start else "am",
        "end_date": end.split()[0],
        "end_half": end.split()[1] if " " in end else "pm",
        "status": "approved",
        "approver": "组长",
        "approval_date": start.split()[0],
        **extra,
    }
    if values["status"] == "pending":
        values.pop("approver")
        values.pop("approval_date")
    y.leave[name] = leave_requests.save(ledger, values).id


def build_year(ledger: Ledger) -> Year:
    """The fixture year 2025 (group term 2025-01-01..2025-12-31, from the ledger fixture).

    Members, in this order: A 张三 and B 李四 (第一党小组); C 王五 (第二党小组, own term from 2025-03-01);
    D 赵六 (第二党小组, term ended 2025-10-31); E 钱七 (branch-only, not counted in targets).
    """
    y = Year(group=ledger.group_id)
    y.pg["1"] = party_groups.save(ledger, {"name": "第一党小组"}).id
    y.pg["2"] = party_groups.save(ledger, {"name": "第二党小组"}).id
    y.m["A"] = add_member(ledger, "张三", party_group=str(y.pg["1"]), sort_order=1)
    y.m["B"] = add_member(ledger, "李四", party_group=str(y.pg["1"]), sort_order=2)
    y.m["C"] = add_member(
        ledger, "王五", party_group=str(y.pg["2"]), sort_order=3, term_start="2025-03-01"
    )
    y.m["D"] = add_member(
        ledger,
        "赵六",
        party_group=str(y.pg["2"]),
        sort_order=4,
        term_end="2025-10-31",
        status="term_ended",
    )
    y.m["E"] = add_member(ledger, "钱七", branch_only=True, sort_order=5)

    P = (True,)
    _session(y, "S0", "collective", "2024-12-20", {"A": P})  # last year: never counted
    _session(y, "S7", "collective", "2025-01-15", {"A": P, "B": P, "D": P})
    _session(y, "S8", "party_group", "2025-02-20", {"D": P}, scope=y.pg["2"])
    _session(
        y,
        "S1",
        "collective",
        "2025-03-05",
        {"A": P, "B": (False, "leave", ""), "C": P, "D": (False, "other", "未请假"), "E": P},
    )
    _session(
        y,
        "S2",
        "party_group",
        "2025-03-12",
        {"A": P, "B": (False, "official", "市里开会")},
        scope=y.pg["1"],
    )
    _session(
        y,
        "S3",
        "training",
        "2025-03-20",
        {"A": P, "C": P, "D": (False, "other", "未说明")},
        training_hours=Decimal("3.5"),
    )
    _session(y, "S5", "party_day", "2025-03-28", {})
    _session(
        y,
        "S6",
        "collective",
        "2025-04-09",
        {"A": (False, "other", "迟到未参加"), "B": P, "C": (False, "other", ""), "D": P},
    )
    _session(y, "S4", "training", "2025-04-10", {"A": P}, training_hours=Decimal("2.0"))

    _survey(y, "V6", "2024-12-30", "enterprise", "去年的企业", "A")  # last year
    _survey(y, "V1", "2025-03-03", "enterprise", "南京某科技公司", "AB")
    _survey(y, "V2", "2025-03-04", "practice", "江宁区某街道", "C")
    _survey(y, "V3", "2025-03-10", "enterprise", "南京某科技公司", "AC")
    _survey(y, "V4", "2025-03-31", "visit", "市商务局", "A")
    _survey(y, "V5", "2025-04-02", "topical", "市发改委", "B")

    for name, letter, month, featured in (
        ("H1", "A", "2025-03-01", False),
        ("H2", "C", "2025-03-01", True),
        ("H3", "D", "2025-03-01", True),
        ("H4", "A", "2025-04-01", False),
    ):
        y.h[name] = Highlight.create(
            group=y.group,
            member=y.m[letter],
            month=d(month),
            title=f"{name}标题",
            category="investment",
            featured=featured,
        ).id

    # L5: 探亲假 Mon 02-24 .. Fri 02-28, back late on Tue 03-04 morning.
    _leave(
        ledger,
        y,
        "L5",
        "B",
        "family_visit",
        "2025-02-24",
        "2025-02-28",
        status="returned",
        return_date="2025-03-04",
        return_half="am",
    )
    # L1: 事假 Wed 03-05 .. Thu 03-06, back on time Fri 03-07.
    _leave(
        ledger,
        y,
        "L1",
        "B",
        "personal",
        "2025-03-05",
        "2025-03-06",
        status="returned",
        return_date="2025-03-07",
        return_half="am",
    )
    # L2: 病假 Mon 03-17 afternoon .. Tue 03-18, approved, never reported back.
    _leave(ledger, y, "L2", "A", "sick", "2025-03-17 pm", "2025-03-18 pm")
    # L3: 因公外出 Mon 03-24 .. Wed 03-26, back Thu 03-27: reported, never counted as leave.
    _leave(
        ledger,
        y,
        "L3",
        "C",
        "business_trip",
        "2025-03-24",
        "2025-03-26",
        status="returned",
        return_date="2025-03-27",
        return_half="am",
    )
    # L4: 年休假 awaiting approval; L7: 事假 refused. Neither counts.
    _leave(ledger, y, "L4", "D", "annual", "2025-03-27", "2025-04-02", status="pending")
    _leave(ledger, y, "L7", "D", "personal", "2025-03-10", "2025-03-10", status="rejected")
    # L6: 年休假 a whole week Mon 06-09 .. Fri 06-13, back Mon 06-16.
    _leave(
        ledger,
        y,
        "L6",
        "A",
        "annual",
        "2025-06-09",
        "2025-06-13",
        status="returned",
        return_date="2025-06-16",
        return_half="am",
    )

    for name, day, method, results in (
        (
            "K1",
            "2025-03-11",
            "phone",
            {"A": ("on_duty", ""), "B": ("on_duty", ""), "C": ("absent", "未接电话")},
        ),
        (
            "K2",
            "2025-03-25",
            "video",
            {"A": ("on_duty", ""), "C": ("on_business", "出差"), "D": ("on_duty", "")},
        ),
        ("K3", "2025-05-06", "onsite", {"A": ("on_duty", "")}),
    ):
        check = SpotCheck.create(group=y.group, date=d(day), method=method)
        y.k[name] = check.id
        for letter, (result, note) in results.items():
            SpotCheckResult.create(check=check.id, member=y.m[letter], result=result, note=note)

    for name, completed, letters, level, rank in (
        ("R1", "2025-03-28", "AC", "provincial", "一等奖"),
        ("R2", "2025-06-30", "B", "municipal", "二等奖"),
        ("R3", "2025-09-30", "D", "", ""),
        ("R4", None, "A", "", ""),  # still being written
    ):
        report = ResearchReport.create(
            group=y.group,
            title=f"{name}调研报告",
            completion_date=d(completed) if completed else None,
            award_level=level,
            award_rank=rank,
        )
        y.r[name] = report.id
        for position, letter in enumerate(letters):
            ReportAuthor.create(report=report.id, member=y.m[letter], position=position)

    for name, day, kind, amount, count, letters in (
        ("AC8", "2024-11-01", "consumption_aid", "100", None, "A"),  # last year
        ("AC1", "2025-03-15", "consumption_aid", "12.5", None, "A"),
        ("AC2", "2025-03-20", "consumption_aid", "0.3456", None, "B"),
        ("AC3", "2025-03-22", "project_signed", None, 2, "AC"),
        ("AC4", "2025-05-10", "project_signed", None, None, "B"),
        ("AC5", "2025-06-01", "delegation", None, 3, ""),
        ("AC6", "2025-07-01", "publicity", None, None, "D"),
        ("AC7", "2025-08-01", "promotion_event", None, 2, ""),
    ):
        achievement = Achievement.create(
            group=y.group,
            date=d(day),
            kind=kind,
            title=name,
            amount=Decimal(amount) if amount else None,
            count=count,
        )
        y.a[name] = achievement.id
        for letter in letters:
            AchievementMember.create(achievement=achievement.id, member=y.m[letter])
    return y


@pytest.fixture
def year(ledger: Ledger) -> Year:
    return build_year(ledger)


# -- month ----------------------------------------------------------------------------------------


def test_month_sessions_with_attendance(ledger, year) -> None:
    stats = statistics.month_stats(ledger, 2025, 3, today=d("2025-04-01"))
    assert (stats.start, stats.end) == (d("2025-03-01"), d("2025-03-31"))
    # March: S1 03-05, S2 03-12, S3 03-20, S5 03-28, by date.
    assert [s.id for s in stats.sessions] == [year.s[n] for n in ("S1", "S2", "S3", "S5")]
    s1, s2, s3, s5 = stats.sessions
    # S1: 5 rows (A B C D E, branch-only E included: expected is the scope's members); A C E present.
    assert (s1.present, s1.expected) == (3, 5)
    assert [(a.name, a.reason, a.note) for a in s1.absentees] == [
        ("李四", "leave", ""),
        ("赵六", "other", "未请假"),
    ]
    # S2, 第一党小组: A present, B away on official duty -> 1 of 2.
    assert (s2.present, s2.expected, s2.scope_name) == (1, 2, "第一党小组")
    assert [(a.name, a.reason, a.note) for a in s2.absentees] == [("李四", "official", "市里开会")]
    # S3 training: A C present, D absent -> 2 of 3, 3.5 hours.
    assert (s3.present, s3.expected, s3.training_hours) == (2, 3, Decimal("3.5"))
    assert s3.scope_name == ""
    # S5 party day with no attendance taken.
    assert (s5.present, s5.expected, s5.absentees) == (0, 0, ())
    counts = stats.session_counts
    # one of each kind in March; hours = S3's 3.5 only.
    assert (
        counts.collective,
        counts.party_group,
        counts.training,
        counts.party_day,
        counts.other,
    ) == (1, 1, 1, 1, 0)
    assert counts.training_hours == Decimal("3.5")
    assert counts.total == 4


def test_month_surveys(ledger, year) -> None:
    surveys = statistics.month_stats(ledger, 2025, 3, today=d("2025-04-01")).surveys
    # V1 V2 V3 V4 in March (V5 is April, V6 last December).
    assert surveys.count == 4
    assert surveys.by_kind == {"enterprise": 2, "practice": 1, "topical": 0, "visit": 1}
    # participants: V1 A B, V2 C, V3 A C, V4 A -> 2 + 1 + 2 + 1 = 6
    assert surveys.participations == 6
    # 南京某科技公司 visited twice (03-03, 03-10) is one body; order of first visit.
    assert surveys.bodies == ("南京某科技公司", "江宁区某街道", "市商务局")
    # A: V1 V3 V4 = 3; B: V1 = 1; C: V2 V3 = 2; D: 0. E is branch-only and went nowhere: not listed.
    assert [(c.name, c.count) for c in surveys.per_member] == [
        ("张三", 3),
        ("李四", 1),
        ("王五", 2),
        ("赵六", 0),
    ]
    assert [m.name for m in surveys.members_without] == ["赵六"]


def test_month_highlights_featured_first(ledger, year) -> None:
    highlights = statistics.month_stats(ledger, 2025, 3, today=d("2025-04-01")).highlights
    # H1 A, H2 C featured, H3 D featured: featured first in member order (C, D), then A.
    assert highlights.count == 3
    assert [h.id for h in highlights.items] == [year.h["H2"], year.h["H3"], year.h["H1"]]
    assert [h.featured for h in highlights.items] == [True, True, False]
    assert [m.name for m in highlights.members_without] == ["李四"]


def test_month_leave(ledger, year) -> None:
    leave = statistics.month_stats(ledger, 2025, 3, today=d("2025-04-01")).leave
    # Started in March and approved/returned: L1 事假 (Wed 03-05..Thu 03-06, back 03-07: 2 days),
    # L2 病假 (Mon 03-17 pm..Tue 03-18: 0.5 + 1 = 1.5 days), and the trip L3 listed apart.
    assert [i.id for i in leave.requests] == [year.leave["L1"], year.leave["L2"]]
    assert [i.days for i in leave.requests] == [Decimal("2"), Decimal("1.5")]
    assert leave.by_type["personal"] == statistics.LeaveSum(1, Decimal("2.0"))
    assert leave.by_type["sick"] == statistics.LeaveSum(1, Decimal("1.5"))
    assert leave.by_type["annual"] == statistics.LeaveSum(0, Decimal("0"))  # L4 pending
    assert "business_trip" not in leave.by_type
    # total: 2 requests, 2 + 1.5 = 3.5 days (the trip's 3 days are not leave)
    assert leave.total == statistics.LeaveSum(2, Decimal("3.5"))
    assert [(i.id, i.days, i.counted_as_leave) for i in leave.business_trips] == [
        (year.leave["L3"], Decimal("3"), False)
    ]
    # Back in March: L5 on 03-04 (late, started in February), L1 on 03-07, the trip L3 on 03-27.
    assert [i.id for i in leave.returns] == [year.leave[n] for n in ("L5", "L1", "L3")]
    # L5 ran Mon 02-24..Fri 02-28 and the member came back Tue 03-04: Mon 03-03 also taken -> 6.
    assert leave.returns[0].days == Decimal("6")
    # As of 04-01: L2 ended 03-18, approved, no return -> overdue.
    assert [i.id for i in leave.overdue] == [year.leave["L2"]]
    assert [i.id for i in leave.pending] == [year.leave["L4"]]


def test_month_leave_overdue_depends_on_today(ledger, year) -> None:
    # On 03-18 itself L2 has not ended yet; on 03-19 it has.
    assert statistics.month_stats(ledger, 2025, 3, today=d("2025-03-18")).leave.overdue == ()
    late = statistics.month_stats(ledger, 2025, 3, today=d("2025-03-19")).leave.overdue
    assert [i.member_name for i in late] == ["张三"]


def test_month_spot_checks_achievements_reports(ledger, year) -> None:
    stats = statistics.month_stats(ledger, 2025, 3, today=d("2025-04-01"))
    checks = stats.spot_checks
    # K1 (A B C) and K2 (A C D) in March: 2 checks, 6 results.
    assert (checks.checks, checks.members_checked) == (2, 6)
    # on duty: K1 A B + K2 A D = 4; C absent in K1, on business in K2.
    assert checks.by_result == {"on_duty": 4, "on_leave": 0, "on_business": 1, "absent": 1}
    assert [(n.date, n.name, n.note) for n in checks.not_at_post] == [
        (d("2025-03-11"), "王五", "未接电话")
    ]
    aid = stats.achievements["consumption_aid"]
    # AC1 12.5 + AC2 0.3456 = 12.8456 万元 in 2 records (no counts: one each)
    assert (aid.records, aid.amount, aid.count) == (2, Decimal("12.8456"), 2)
    projects = stats.achievements["project_signed"]
    assert (projects.records, projects.count) == (1, 2)  # AC3 signed 2 projects
    assert stats.achievements["delegation"].records == 0
    # R1 completed 03-28, by A then C, with a provincial award.
    assert [(r.id, r.authors, r.award_level) for r in stats.reports] == [
        (year.r["R1"], ("张三", "王五"), "provincial")
    ]


def test_an_empty_month_is_all_zero(ledger, year) -> None:
    stats = statistics.month_stats(ledger, 2025, 11, today=d("2025-12-01"))
    assert stats.sessions == ()
    assert stats.session_counts.total == 0
    assert stats.surveys.count == 0
    # In November D's term (to 10-31) is over; A B C have no survey and no highlight.
    assert [m.name for m in stats.surveys.members_without] == ["张三", "李四", "王五"]
    assert [m.name for m in stats.highlights.members_without] == ["张三", "李四", "王五"]
    assert stats.leave.total == statistics.LeaveSum(0, Decimal(0))
    assert stats.spot_checks.by_result["on_duty"] == 0


# -- year -----------------------------------------------------------------------------------------


def test_year_totals(ledger, year) -> None:
    totals = statistics.year_stats(ledger, 2025).totals
    # collective S7 S1 S6 = 3 (S0 was in 2024); party group S8 S2 = 2; trainings S3 S4 = 2,
    # 3.5 + 2.0 = 5.5 hours; party day S5 = 1.
    assert (totals.collective_meetings, totals.party_group_sessions) == (3, 2)
    assert (totals.trainings, totals.training_hours) == (2, Decimal("5.5"))
    assert (totals.party_days, totals.other_sessions) == (1, 0)
    # surveys V1..V5 (V6 was 2024): enterprise V1 V3, practice V2, topical V5, visit V4
    assert totals.surveys == 5
    assert totals.surveys_by_kind == {"enterprise": 2, "practice": 1, "topical": 1, "visit": 1}
    assert totals.survey_participations == 7  # 6 in March + B in V5
    assert totals.bodies_visited == 4  # 科技公司, 街道, 商务局, 发改委
    assert totals.highlights == 4
    # reports completed in 2025: R1 R2 R3 (R4 not completed); awards: R1 provincial, R2 municipal
    assert totals.research_reports == 3
    assert totals.awards_by_level == {"provincial": 1, "municipal": 1, "other": 0}
    assert totals.awards == 2
    # achievements (AC8 was 2024): aid 12.5 + 0.3456; projects AC3 2 + AC4 (no count) 1 = 3;
    # delegations AC5 3; publicity AC6 1; promotion events AC7 2.
    assert totals.consumption_aid_amount == Decimal("12.8456")
    assert totals.projects_signed == 3
    assert totals.achievements["project_signed"].records == 2
    assert totals.delegations_received == 3
    assert totals.publicity_pieces == 1
    assert totals.promotion_events == 2
    # leave started in 2025, approved or returned, not trips: L5 6 + L1 2 + L2 1.5 + L6 5 = 14.5
    assert totals.leave_by_type["family_visit"] == statistics.LeaveSum(1, Decimal("6"))
    assert totals.leave_by_type["annual"] == statistics.LeaveSum(1, Decimal("5"))  # L4 pending
    assert totals.leave_by_type["personal"] == statistics.LeaveSum(1, Decimal("2"))  # L7 refused
    assert totals.leave_total == statistics.LeaveSum(4, Decimal("14.5"))
    assert totals.business_trips == statistics.LeaveSum(1, Decimal("3"))


def test_year_series_and_surveys_per_member(ledger, year) -> None:
    stats = statistics.year_stats(ledger, 2025)
    # sessions: Jan S7, Feb S8, Mar S1 S2 S3 S5, Apr S6 S4
    assert stats.sessions_per_month == (1, 1, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0)
    # surveys: Mar V1..V4, Apr V5
    assert stats.surveys_per_month == (0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0)
    # highlights: Mar H1 H2 H3, Apr H4
    assert stats.highlights_per_month == (0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0)
    # A V1 V3 V4 = 3; B V1 V5 = 2; C V2 V3 = 2; D none
    assert [(c.name, c.count) for c in stats.surveys_per_member] == [
        ("张三", 3),
        ("李四", 2),
        ("王五", 2),
        ("赵六", 0),
    ]


def test_year_counts_are_the_year_stats_counts(ledger, year) -> None:
    for today in (d("2025-03-18"), d("2025-04-01"), d("2025-12-31")):
        counts = statistics.year_counts(ledger, 2025, today)
        stats = statistics.year_stats(ledger, 2025, today)
        assert counts == stats.counts
        assert counts.overdue == len(stats.leave.overdue)
        assert counts.spot_checks == stats.spot_checks.checks
    assert statistics.year_counts(ledger, 2025, d("2025-04-01")).overdue == 1
    assert statistics.year_counts(ledger, 2025, d("2025-04-01")).spot_checks > 0


def test_year_stats_sql_gives_the_same_totals(ledger, year) -> None:
    assert statistics.year_stats_sql(ledger, 2025) == statistics.year_stats(ledger, 2025).totals
    assert statistics.year_stats_sql(ledger, 2024) == statistics.year_totals(ledger, 2024)
    last = statistics.year_stats_sql(ledger, 2024)
    # 2024: S0, V6 and AC8 only.
    assert (last.collective_meetings, last.surveys, last.consumption_aid_amount) == (
        1,
        1,
        Decimal("100"),
    )


def test_sums_are_exact_decimals(ledger, year) -> None:
    # 0.1 + 0.2 is not 0.3 in binary floats (SQLite's REAL); the sums are taken over integers.
    Achievement.create(
        group=year.group, date=d("2025-09-01"), kind="other", title="x", amount=Decimal("0.1")
    )
    Achievement.create(
        group=year.group, date=d("2025-09-02"), kind="other", title="y", amount=Decimal("0.2")
    )
    totals = statistics.year_stats(ledger, 2025).totals
    assert totals.achievements["other"].amount == Decimal("0.3")
    assert str(totals.achievements["other"].amount) == "0.3000"
    assert statistics.year_stats_sql(ledger, 2025) == totals


# -- one member's term ----------------------------------------------------------------------------


def test_member_term(ledger, year) -> None:
    term = statistics.member_term(ledger, year.m["A"])
    # A has no own term: the group's, 2025-01-01..2025-12-31 (so S0, V6 and AC8 of 2024 are out).
    assert (term.start, term.end) == (d("2025-01-01"), d("2025-12-31"))
    assert term.party_group == "第一党小组"
    # attended S7 01-15, S1 03-05, S2 03-12, S3 03-20, S4 04-10; missed S6 04-09 (other).
    assert [s.id for s in term.sessions_attended] == [
        year.s[n] for n in ("S7", "S1", "S2", "S3", "S4")
    ]
    assert [(s.id, s.reason, s.note) for s in term.sessions_missed] == [
        (year.s["S6"], "other", "迟到未参加")
    ]
    assert term.attended_by_kind == {
        "collective": 2,
        "party_group": 1,
        "training": 2,
        "party_day": 0,
        "other": 0,
    }
    assert [s.id for s in term.surveys] == [year.v[n] for n in ("V1", "V3", "V4")]
    assert term.surveys_by_kind == {"enterprise": 2, "practice": 0, "topical": 0, "visit": 1}
    assert [h.id for h in term.highlights] == [year.h["H1"], year.h["H4"]]
    # R1 (with C) and R4, which is not completed yet.
    assert [r.id for r in term.reports] == [year.r["R1"], year.r["R4"]]
    # L2 病假 1.5 and L6 年休假 Mon..Fri 06-09..13 = 5 -> 2 requests, 6.5 days
    assert [i.id for i in term.leave] == [year.leave["L2"], year.leave["L6"]]
    assert term.leave_by_type["sick"].days == Decimal("1.5")
    assert term.leave_total == statistics.LeaveSum(2, Decimal("6.5"))
    assert term.business_trips == ()
    assert [c.check_id for c in term.spot_checks] == [year.k["K1"], year.k["K2"], year.k["K3"]]
    assert term.spot_check_results == {"on_duty": 3, "on_leave": 0, "on_business": 0, "absent": 0}
    assert [a.id for a in term.achievements] == [year.a["AC1"], year.a["AC3"]]


def test_member_term_of_a_part_of_the_term(ledger, year) -> None:
    # C from 03-01 (own term start) to an explicit end 03-31.
    term = statistics.member_term(ledger, year.m["C"], end=d("2025-03-31"))
    assert (term.start, term.end) == (d("2025-03-01"), d("2025-03-31"))
    # S1 03-05 and S3 03-20 attended; S6 (April) outside.
    assert [s.id for s in term.sessions_attended] == [year.s["S1"], year.s["S3"]]
    assert term.sessions_missed == ()
    # The trip L3 (3 days) is listed apart and never counted.
    assert [i.id for i in term.business_trips] == [year.leave["L3"]]
    assert term.leave_total == statistics.LeaveSum(0, Decimal(0))
    # K1 absent, K2 on business
    assert term.spot_check_results == {"on_duty": 0, "on_leave": 0, "on_business": 1, "absent": 1}
    assert [h.id for h in term.highlights] == [year.h["H2"]]
    assert [r.id for r in term.reports] == [year.r["R1"]]


def test_member_term_of_an_unknown_member(ledger, year) -> None:
    from db.common import errors

    with pytest.raises(errors.NotFoundError):
        statistics.member_term(ledger, uuid.uuid4())
