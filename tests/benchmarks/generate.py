"""Build the benchmark database: 100,000 records of one group in one year (the worst case for a year's
statistics and for list pages), with their child rows and a history entry for each record.

``fill_group`` fills any group of an open ledger the same way with fewer records (the team server of
tests/benchmarks/team.py: 10 groups of 10,000).

Bulk inserts through the models in one transaction: the point is a large, realistic file, quickly.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from db.common.ids import new_id
from db.rules import pinyin
from db.rules.workdays import WorkCalendar
from db.services import settings
from db.services.groups import work_groups
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    BulletinIssue,
    ChangeLog,
    Highlight,
    LeaveRequest,
    Member,
    PartyGroup,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
    WorkGroup,
)

YEAR = 2025
COUNTS = {  # top-level records; they add up to 100,000
    "member": 200,
    "session": 6_000,
    "leave": 8_000,
    "spotcheck": 6_000,
    "survey": 45_788,
    "highlight": 20_000,
    "report": 4_000,
    "achievement": 10_000,
    "bulletin": 12,
}
assert sum(COUNTS.values()) == 100_000


def scaled_counts(records: int) -> dict[str, int]:
    """COUNTS in proportion for ``records`` top-level records (still a bulletin a month; the surveys
    take what rounding leaves)."""
    counts = {
        kind: n if kind == "bulletin" else max(1, round(n * records / 100_000))
        for kind, n in COUNTS.items()
    }
    counts["survey"] += records - sum(counts.values())
    return counts


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文单解仇区"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红海波辉玉兰斌浩凯晓东宇鹏"
CHUNK = 500


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model: Any, rows: Iterable[dict[str, Any]]) -> None:
    for batch in _chunks(rows):
        model.insert_many(batch).execute()


def _day(rng: random.Random) -> datetime.date:
    return datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def build(path: Path) -> None:
    """Create the benchmark file at ``path`` (which must not exist)."""
    ledger = open_database(path, backup=False)
    ledger.operator = "基准测试"
    try:
        group = work_groups.create_group(
            ledger,
            {"name": "基准测试工作组", "term_start": f"{YEAR}-01-01", "term_end": f"{YEAR}-12-31"},
        )
        fill_group(ledger, group, 100_000, seed=100_000)
        # A secretary's ledger names its operator (else the window asks for the name as it opens).
        settings.put(ledger, "operator", "基准测试")
    finally:
        ledger.close()


def fill_group(ledger: Ledger, group: WorkGroup, records: int, *, seed: int) -> None:
    """Fill ``group`` (empty) with ``records`` top-level records of the year YEAR in the proportions
    of COUNTS, in one transaction; ``seed`` makes it repeatable (another seed, other records)."""
    with ledger.transaction():
        _fill(ledger, group, random.Random(seed), scaled_counts(records))


def _fill(ledger: Ledger, group: WorkGroup, rng: random.Random, counts: dict[str, int]) -> None:
    now = datetime.datetime(YEAR, 12, 31, 18, 0)
    history: list[tuple[str, Any]] = []
    pgs = [
        {"id": new_id(), "group": group.id, "name": f"第{i + 1}党小组", "sort_order": i}
        for i in range(10)
    ]
    _insert(PartyGroup, pgs)
    members = []
    used_names: set[str] = set()
    for i in range(counts["member"]):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name in used_names:  # a member is never told apart by a shared name alone
            name += str(i)
        used_names.add(name)
        members.append(
            {
                "id": new_id(),
                "group": group.id,
                "name": name,
                "gender": rng.choice(("male", "female")),
                "political_status": "cpc_member",
                "role": "member",
                "party_group": pgs[i % 10]["id"],
                "status": "active",
                "branch_only": i >= 180,
                "pinyin_index": pinyin.index_text(name),
                "sort_order": i,
                "sending_unit_post": f"派出单位{i}",
                "host_unit_post": f"挂职单位{i}",
            }
        )
    _insert(Member, members)
    member_ids = [m["id"] for m in members]
    history += [("member", m["id"]) for m in members]

    sessions, attendance = [], []
    kinds = ("collective", "party_group", "party_group", "party_group", "training", "party_day")
    for _ in range(counts["session"]):
        sid, kind = new_id(), rng.choice(kinds)
        scope = rng.choice(pgs)["id"] if kind == "party_group" else None
        sessions.append(
            {
                "id": sid,
                "group": group.id,
                "kind": kind,
                "date": _day(rng),
                "form": "offline",
                "topic": f"学习交流{rng.randrange(1000)}",
                "scope": scope,
                "host": "组长",
                "training_hours": Decimal("3") if kind == "training" else None,
            }
        )
        for member_id in rng.sample(member_ids, 10):
            present = rng.random() > 0.1
            attendance.append(
                {
                    "id": new_id(),
                    "session": sid,
                    "member": member_id,
                    "present": present,
                    "absence_reason": "" if present else "official",
                }
            )
    _insert(StudySession, sessions)
    _insert(Attendance, attendance)
    history += [("session", s["id"]) for s in sessions]

    leave = []
    per_member = counts["leave"] // len(member_ids)
    calendar = WorkCalendar()
    year_days = [datetime.date(YEAR, 1, 1) + datetime.timedelta(days=n) for n in range(365)]
    workdays = [d for d in year_days if calendar.is_workday(d)][:-5]

    def workdays_after(day: datetime.date) -> Iterator[datetime.date]:
        while True:
            day += datetime.timedelta(days=1)
            if calendar.is_workday(day):
                yield day

    for member_id in member_ids:
        # one-day requests on distinct days, so that no two overlap
        # one-day requests on distinct working days, so that no two overlap; valid as the service
        # would save them (approver for a decided request, a return for a returned one)
        for day in sorted(rng.sample(workdays, per_member)):
            status = rng.choice(("approved", "returned", "returned", "pending"))
            row = {
                "id": new_id(),
                "group": group.id,
                "member": member_id,
                "leave_type": rng.choice(("personal", "sick", "annual", "business_trip")),
                "start_date": day,
                "start_half": "am",
                "end_date": day,
                "end_half": "pm",
                "days": Decimal(1),
                "status": status,
                "reason": "事由",
                # every row names every column: insert_many takes the columns from the first row
                "approver": "",
                "approval_date": None,
                "return_date": None,
                "return_half": "",
                "actual_days": None,
            }
            if status != "pending":
                row.update(approver="工作组组长", approval_date=day - datetime.timedelta(days=1))
            if status == "returned":
                back = next(d for d in workdays_after(day))
                row.update(return_date=back, return_half="am", actual_days=Decimal(1))
            leave.append(row)
    _insert(LeaveRequest, leave)
    history += [("leave", r["id"]) for r in leave]

    checks, results = [], []
    for _ in range(counts["spotcheck"]):
        cid = new_id()
        checks.append(
            {
                "id": cid,
                "group": group.id,
                "date": _day(rng),
                "method": "phone",
                "checker": "联络员",
            }
        )
        for member_id in rng.sample(member_ids, 3):
            results.append(
                {
                    "id": new_id(),
                    "check": cid,
                    "member": member_id,
                    "result": rng.choice(("on_duty", "on_duty", "on_leave", "absent")),
                }
            )
    _insert(SpotCheck, checks)
    _insert(SpotCheckResult, results)
    history += [("spotcheck", c["id"]) for c in checks]

    surveys, participants = [], []
    for _ in range(counts["survey"]):
        sid = new_id()
        surveys.append(
            {
                "id": sid,
                "group": group.id,
                "date": _day(rng),
                "kind": rng.choice(("enterprise", "practice", "topical", "visit")),
                "visited": f"企业{rng.randrange(3000)}",
                "place": "南京",
                "topic": f"调研主题{rng.randrange(500)}",
                "findings": "调研发现",
                "follow_up": "",
            }
        )
        for member_id in rng.sample(member_ids, rng.choice((1, 1, 2, 3))):
            participants.append({"id": new_id(), "survey": sid, "member": member_id})
    _insert(Survey, surveys)
    _insert(SurveyParticipant, participants)
    history += [("survey", s["id"]) for s in surveys]

    highlights = [
        {
            "id": new_id(),
            "group": group.id,
            "member": rng.choice(member_ids),
            "month": datetime.date(YEAR, rng.randint(1, 12), 1),
            "title": f"亮点{i}",
            "text": "亮点内容",
            "category": "other",
            "featured": rng.random() < 0.1,
        }
        for i in range(counts["highlight"])
    ]
    _insert(Highlight, highlights)
    history += [("highlight", h["id"]) for h in highlights]

    reports, authors = [], []
    for i in range(counts["report"]):
        rid = new_id()
        level = rng.choice(("", "", "", "provincial", "municipal"))
        reports.append(
            {
                "id": rid,
                "group": group.id,
                "title": f"调研报告{i}",
                "completion_date": _day(rng),
                "award_level": level,
                "award_rank": "二等奖" if level else "",
            }
        )
        authors.append(
            {"id": new_id(), "report": rid, "member": rng.choice(member_ids), "position": 0}
        )
    _insert(ResearchReport, reports)
    _insert(ReportAuthor, authors)
    history += [("report", r["id"]) for r in reports]

    achievements, achievers = [], []
    for i in range(counts["achievement"]):
        aid, kind = (
            new_id(),
            rng.choice(("consumption_aid", "project_signed", "delegation", "publicity")),
        )
        achievements.append(
            {
                "id": aid,
                "group": group.id,
                "date": _day(rng),
                "kind": kind,
                "title": f"成果{i}",
                "amount": Decimal(rng.randint(1, 500)) if kind == "consumption_aid" else None,
                "count": None if kind == "consumption_aid" else rng.randint(1, 3),
            }
        )
        achievers.append({"id": new_id(), "achievement": aid, "member": rng.choice(member_ids)})
    _insert(Achievement, achievements)
    _insert(AchievementMember, achievers)
    history += [("achievement", a["id"]) for a in achievements]

    bulletins = [
        {
            "id": new_id(),
            "group": group.id,
            "month": datetime.date(YEAR, m, 1),
            "year": YEAR,
            "number": m,
        }
        for m in range(1, counts["bulletin"] + 1)
    ]
    _insert(BulletinIssue, bulletins)
    history += [("bulletin", b["id"]) for b in bulletins]

    _insert(
        ChangeLog,
        (
            {
                "id": new_id(),
                "group": group.id,
                "kind": kind,
                "record_id": rid,
                "action": "create",
                "operator": "基准测试",
                "at": now,
                "before": None,
                "after": json.dumps({"id": str(rid)}),
            }
            for kind, rid in history
        ),
    )
