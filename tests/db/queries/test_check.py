"""The check: each inconsistency, planted with raw peewee writes behind the services' back, is found;
a clean ledger gives nothing to report. Runs on SQLite and PostgreSQL (the ``ledger`` fixture)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from db.queries.check import Finding, is_problem, run_check, summary
from db.store.database import open_database
from db.store.models import (
    Attendance,
    BulletinIssue,
    CalendarDay,
    LeaveRequest,
    Member,
    PartyGroup,
    StudySession,
    Survey,
    WorkGroup,
)
from tests.conftest import add_member, d


@dataclass
class Records:
    """A small, consistent ledger written directly with peewee (the leave service is not needed)."""

    group: object
    other_group: object
    party_group: object
    other_party_group: object
    zhang: object  # 张三, of the party group
    li: object  # 李四
    outsider: object  # a member of the other work group
    leave: LeaveRequest  # 张三, 2025-03-03 am – 2025-03-05 pm, approved: Mon–Wed, 3 working days
    returned: LeaveRequest  # 张三, 2025-04-07 – 04-11, back on 04-09 am: 2 of 5 days taken
    session: StudySession
    bulletins: list[BulletinIssue]


def _leave(member: object, start: str, start_half: str, end: str, end_half: str, days: str, **more):
    return LeaveRequest.create(
        group=Member.get_by_id(member).group_id,
        member=member,
        leave_type="personal",
        start_date=d(start),
        start_half=start_half,
        end_date=d(end),
        end_half=end_half,
        days=Decimal(days),
        status=more.pop("status", "approved"),
        **more,
    )


@pytest.fixture
def records(ledger) -> Records:
    group = ledger.group_id
    other = WorkGroup.create(name="另一个工作组")
    party_group = PartyGroup.create(group=group, name="第一党小组")
    other_party_group = PartyGroup.create(group=other.id, name="外组党小组")
    zhang = add_member(ledger, "张三")
    Member.update(party_group=party_group.id).where(Member.id == zhang).execute()
    li = add_member(ledger, "李四")
    outsider = Member.create(group=other.id, name="王外").id
    leave = _leave(zhang, "2025-03-03", "am", "2025-03-05", "pm", "3")
    returned = _leave(
        zhang,
        "2025-04-07",
        "am",
        "2025-04-11",
        "pm",
        "5",
        status="returned",
        return_date=d("2025-04-09"),
        return_half="am",
        actual_days=Decimal("2"),
    )
    _leave(li, "2025-03-04", "pm", "2025-03-04", "pm", "0.5")
    session = StudySession.create(
        group=group,
        kind="party_group",
        date=d("2025-03-10"),
        topic="学习党章",
        scope=party_group.id,
    )
    Attendance.create(session=session, member=zhang, present=True)
    bulletins = [
        BulletinIssue.create(group=group, month=d(f"2025-{m:02d}-01"), year=2025, number=m)
        for m in (1, 2, 3)
    ]
    return Records(
        group,
        other.id,
        party_group.id,
        other_party_group.id,
        zhang,
        li,
        outsider,
        leave,
        returned,
        session,
        bulletins,
    )


def keys(findings: list[Finding]) -> list[str]:
    return [f.message.key for f in findings]


def only(findings: list[Finding], key: str) -> Finding:
    found = [f for f in findings if f.message.key == key]
    assert len(found) == 1, findings
    return found[0]


def test_a_clean_ledger_has_nothing_to_report(ledger, records) -> None:
    findings = run_check(ledger)
    assert findings == []
    assert summary(findings).text("zh") == "检查完毕：数据库完好，记录一致。"


def test_an_empty_ledger_has_nothing_to_report(empty_ledger) -> None:
    assert run_check(empty_ledger) == []


def test_stored_leave_days_that_disagree_with_the_calendar(ledger, records) -> None:
    LeaveRequest.update(days=Decimal("2")).where(LeaveRequest.id == records.leave.id).execute()
    finding = only(run_check(ledger), "check.leave_days")
    assert finding.severity == "warning"
    assert finding.message.params == {
        "member": "张三",
        "start": "2025-03-03",
        "end": "2025-03-05",
        "stored": "2",
        "expected": "3",
    }
    assert finding.text("zh") == (
        "警告：张三 的请假 2025-03-03—2025-03-05 记为 2 天，按工作日历应为 3 天"
    )


def test_leave_days_follow_the_secretarys_calendar_corrections(ledger, records) -> None:
    # Tuesday 2025-03-04 made a holiday after the leave was saved: the stored 3 days are now 2.5 too
    # many for 张三 (0.5) and 李四's afternoon counts nothing.
    CalendarDay.create(date=d("2025-03-04"), is_workday=False, name="假设的假日")
    findings = run_check(ledger)
    assert sorted(
        (f.message.params["member"], f.message.params["expected"])
        for f in findings
        if f.message.key == "check.leave_days"
    ) == [("张三", "2"), ("李四", "0")]


def test_a_corrected_count_is_respected(ledger, records) -> None:
    LeaveRequest.update(days_override=Decimal("2"), override_reason="单位核定").where(
        LeaveRequest.id == records.leave.id
    ).execute()
    CalendarDay.create(date=d("2025-03-04"), is_workday=False, name="假设的假日")
    assert [f.message.params["member"] for f in run_check(ledger)] == ["李四"]


def test_days_actually_taken_after_a_return(ledger, records) -> None:
    LeaveRequest.update(actual_days=Decimal("5")).where(
        LeaveRequest.id == records.returned.id
    ).execute()
    finding = only(run_check(ledger), "check.leave_actual_days")
    assert (finding.message.params["stored"], finding.message.params["expected"]) == ("5", "2")


def test_overlapping_leave_of_one_member(ledger, records) -> None:
    # Wednesday afternoon to Thursday morning: shares 2025-03-05 pm with the first request.
    _leave(records.zhang, "2025-03-05", "pm", "2025-03-06", "am", "1")
    finding = only(run_check(ledger), "check.leave_overlap")
    assert finding.severity == "error"
    assert finding.message.params == {
        "member": "张三",
        "start1": "2025-03-03",
        "end1": "2025-03-05",
        "start2": "2025-03-05",
        "end2": "2025-03-06",
    }


def test_leave_that_only_touches_another_or_was_refused_does_not_overlap(ledger, records) -> None:
    _leave(records.zhang, "2025-03-06", "am", "2025-03-06", "pm", "1")  # the next day
    _leave(records.zhang, "2025-03-04", "am", "2025-03-04", "pm", "1", status="rejected")
    _leave(records.li, "2025-03-03", "am", "2025-03-03", "pm", "1")  # another member
    # 张三 reported back on 04-09 am: the rest of the planned leave is free again.
    _leave(records.zhang, "2025-04-10", "am", "2025-04-10", "pm", "1")
    assert run_check(ledger) == []


def test_returned_without_a_return_date(ledger, records) -> None:
    LeaveRequest.update(status="returned").where(LeaveRequest.id == records.leave.id).execute()
    finding = only(run_check(ledger), "check.return_missing")
    assert finding.severity == "error"
    assert finding.message.params["start"] == "2025-03-03"


def test_attendance_of_a_member_of_another_group(ledger, records) -> None:
    Attendance.create(session=records.session.id, member=records.outsider, present=False)
    finding = only(run_check(ledger), "check.attendance_outside")
    assert finding.severity == "error"
    assert finding.message.params == {"date": "2025-03-10", "topic": "学习党章", "member": "王外"}


def test_session_scoped_to_a_party_group_of_another_group(ledger, records) -> None:
    StudySession.update(scope=records.other_party_group).where(
        StudySession.id == records.session.id
    ).execute()
    finding = only(run_check(ledger), "check.scope_outside")
    assert finding.severity == "error"
    assert finding.message.params["party_group"] == "外组党小组"


def test_bulletin_numbers_duplicated(ledger, records) -> None:
    # The unique index is on the stored year: filing March's issue under 2024 lets 2025 have two
    # issues no. 1 — the check reads the year from the month.
    BulletinIssue.update(year=2024, number=1).where(
        BulletinIssue.id == records.bulletins[2].id
    ).execute()
    findings = run_check(ledger)
    assert sorted(keys(findings)) == ["check.bulletin_duplicate", "check.bulletin_year"]
    duplicate = only(findings, "check.bulletin_duplicate")
    assert duplicate.severity == "error"
    assert duplicate.message.params == {
        "year": 2025,
        "number": 1,
        "count": 2,
        "months": "2025-01、2025-03",
    }


def test_bulletin_numbers_with_gaps(ledger, records) -> None:
    BulletinIssue.delete().where(BulletinIssue.id == records.bulletins[0].id).execute()
    BulletinIssue.create(group=records.group, month=d("2025-06-01"), year=2025, number=6)
    finding = only(run_check(ledger), "check.bulletin_gap")
    assert finding.severity == "warning"
    assert finding.text("zh") == "警告：2025 年的信息动态缺少第 1、4、5 期"


def test_bulletin_numbering_that_does_not_restart_each_year(ledger, records) -> None:
    from db.services import settings

    settings.put(ledger, "bulletin_numbering", {"restart_each_year": False, "first_number": 1})
    BulletinIssue.create(group=records.group, month=d("2026-01-01"), year=2026, number=4)
    assert run_check(ledger) == []
    BulletinIssue.create(group=records.group, month=d("2026-02-01"), year=2026, number=6)
    finding = only(run_check(ledger), "check.bulletin_gap")
    assert finding.message.params == {"year": 2026, "numbers": "5"}


def test_member_whose_term_ends_before_it_starts(ledger, records) -> None:
    Member.update(term_start=d("2025-06-01"), term_end=d("2025-05-31")).where(
        Member.id == records.li
    ).execute()
    finding = only(run_check(ledger), "check.member_term")
    assert finding.severity == "error"
    assert finding.message.params == {"member": "李四", "start": "2025-06-01", "end": "2025-05-31"}


def test_years_on_the_calendar_fallback_are_an_info_not_a_problem(ledger, records) -> None:
    Survey.create(group=records.group, date=d("2031-03-03"), kind="enterprise", visited="某企业")
    CalendarDay.create(date=d("2031-01-01"), is_workday=False, name="元旦")
    CalendarDay.create(date=d("2025-05-01"), is_workday=False, name="劳动节")  # a known year
    findings = run_check(ledger)
    # 2025 and 2031 are spanned; the built-in data ends with 2026.
    finding = only(findings, "check.fallback_years")
    assert finding.severity == "info"
    assert finding.message.params == {"years": "2027、2028、2029、2030、2031", "corrections": 1}
    assert not any(is_problem(f) for f in findings)
    assert summary(findings).text("en") == "Check finished: 0 error(s), 0 warning(s), 1 note(s)."


def test_records_entered_twice_are_likely_duplicates(ledger, records) -> None:
    """A session, an achievement and a survey entered twice (as two imports of one ledger without
    its 编号 used to write them) are listed as warnings, each once; a session of the same day and
    topic for another scope is not one of them."""
    from db.store.models import Achievement, Survey, SurveyParticipant

    for scope in (records.party_group, records.party_group, None):
        StudySession.create(
            group=records.group,
            kind="party_group",
            date=d("2025-05-06"),
            topic="读书会",
            scope=scope,
        )
    for note in ("", "又录了一次"):
        Achievement.create(
            group=records.group,
            date=d("2025-05-07"),
            kind="consumption_aid",
            title="农产品进南京",
            amount=Decimal("120.5"),
            notes=note,
        )
    for _ in range(3):
        survey = Survey.create(
            group=records.group, date=d("2025-05-08"), kind="enterprise", visited="甲公司"
        )
        SurveyParticipant.create(survey=survey, member=records.zhang)
        SurveyParticipant.create(survey=survey, member=records.li)
    findings = [f for f in run_check(ledger) if f.message.key == "check.likely_duplicate"]
    assert [f.severity for f in findings] == ["warning"] * 3
    assert [f.text("zh") for f in findings] == [
        "警告：学习记录“2025-05-06 党小组学习 读书会”录入了 2 次，可能重复（日期、类别、主题和范围相同）",
        "警告：调研记录“2025-05-08 企业调研 甲公司”录入了 3 次，可能重复（日期、地点、调研对象和参加人员相同）",
        "警告：工作成果“2025-05-07 消费帮扶金额 农产品进南京”录入了 2 次，可能重复（日期、类型、名称和金额相同）",
    ]
    assert findings[0].text("en").startswith("Warning: The study session “")


def test_a_measure_or_a_tick_entered_twice_is_a_likely_duplicate(ledger, records) -> None:
    from db.services import plans

    spec = plans.MeasureSpec("坚守一条工作红线", "group", "month", "manual")
    plan = plans.take_plan(ledger, 2025, (spec, spec, plans.BASIC_MEASURES[0]))
    measure = plans.measures_of(plan)[0]
    for note in ("无违规", "无违规", "另一次"):
        plans.ticks.save(ledger, {"measure": measure.id, "date": "2025-05-28", "note": note})
    findings = [f for f in run_check(ledger) if f.message.key == "check.likely_duplicate"]
    assert [f.text("zh") for f in findings] == [
        "警告：计划措施“坚守一条工作红线”录入了 2 次，可能重复（年度计划和措施内容相同）",
        "警告：计划勾选“2025-05-28 坚守一条工作红线 无违规”录入了 2 次，可能重复（措施、成员、日期和说明相同）",
    ]


def test_every_finding_reads_in_both_languages(ledger, records) -> None:
    LeaveRequest.update(status="returned", days=Decimal("9")).where(
        LeaveRequest.id == records.leave.id
    ).execute()
    findings = run_check(ledger)
    assert len(findings) == 2
    for finding in findings:
        assert finding.text("zh").startswith(("错误：", "警告："))
        assert finding.text("en").startswith(("Error: ", "Warning: "))
        assert "张三" in finding.text("en")


# -- SQLite's own checks --------------------------------------------------------------------------


def test_a_broken_reference_is_found_by_the_foreign_key_check(sqlite_ledger) -> None:
    db = sqlite_ledger.db
    db.execute_sql("PRAGMA foreign_keys=OFF")
    Attendance.insert(
        id="00000000-0000-7000-8000-000000000001",
        session="00000000-0000-7000-8000-0000000000aa",
        member="00000000-0000-7000-8000-0000000000bb",
    ).execute()
    db.execute_sql("PRAGMA foreign_keys=ON")
    findings = run_check(sqlite_ledger)
    assert [f.message.params["parent"] for f in findings] == ["member", "study_session"]
    assert all(f.severity == "error" and f.message.key == "check.foreign_key" for f in findings)


def test_a_damaged_index_fails_the_integrity_check_and_stops_the_check(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "测试员"
        from db.services.groups import work_groups

        work_groups.create_group(ledger, {"name": "测试工作组"})
        for name in ("甲", "乙", "丙"):
            add_member(ledger, name)
    # Rewrite an index's definition behind SQLite's back: its entries no longer match the table.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '\"group_id\"', '\"name\"') "
        "WHERE type = 'index' AND name = 'member_group_id'"
    )
    conn.commit()
    conn.close()
    with open_database(path, read_only=True) as ledger:
        findings = run_check(ledger)
    problems = [f for f in findings if f.severity == "error"]
    assert problems and all(f.message.key == "check.integrity" for f in problems)
    assert "member_group_id" in problems[0].text("zh")
    assert findings[-1].message.key == "check.skipped"
