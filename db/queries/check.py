"""The ledger's check-up: the file's integrity (SQLite) and the consistency of its records (any backend).

``run_check`` returns findings, each an error, a warning or an info with a message for the user.
Errors and warnings are problems; an info only tells (for example, which years are counted on the
calendar fallback). The consistency checks are peewee queries, so they run on SQLite and PostgreSQL
alike; they read the rows as stored, to find what a bug, a crash or a hand edit may have left behind
the services' back.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import json
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from peewee import fn

from db.common.messages import Message, define
from db.queries import duplicates
from db.rules.workdays import WorkCalendar, slot
from db.services import settings
from db.services.leave import request_slots
from db.store.ledger import Ledger, translate_errors
from db.store.models import (
    Achievement,
    Attendance,
    BulletinIssue,
    CalendarDay,
    Highlight,
    LeaveRequest,
    Member,
    PartyGroup,
    ResearchReport,
    Setting,
    SpotCheck,
    StudySession,
    Survey,
    WorkGroup,
)

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# Beyond this many lines of one kind from SQLite's own checks, the rest are counted, not listed.
MAX_LISTED = 20

MSG_LINE = {
    "error": define("check.line.error", zh="错误：{text}", en="Error: {text}"),
    "warning": define("check.line.warning", zh="警告：{text}", en="Warning: {text}"),
    "info": define("check.line.info", zh="提示：{text}", en="Note: {text}"),
}
MSG_SUMMARY = define(
    "check.summary",
    zh="检查完毕：{errors} 个错误，{warnings} 个警告，{infos} 条提示。",
    en="Check finished: {errors} error(s), {warnings} warning(s), {infos} note(s).",
)
MSG_ALL_WELL = define(
    "check.all_well",
    zh="检查完毕：数据库完好，记录一致。",
    en="Check finished: the database is sound and its records are consistent.",
)
MSG_INTEGRITY = define(
    "check.integrity",
    zh="数据库文件完整性检查未通过：{detail}",
    en="The database file failed the integrity check: {detail}",
)
MSG_FOREIGN_KEY = define(
    "check.foreign_key",
    zh="表 {table} 的第 {rowid} 行引用了表 {parent} 中不存在的记录",
    en="Row {rowid} of table {table} refers to a record missing from table {parent}",
)
MSG_MORE = define(
    "check.more",
    zh="另有 {count} 处同类问题未列出",
    en="{count} more problem(s) of the same kind not listed",
)
MSG_SKIPPED = define(
    "check.skipped",
    zh="文件已损坏，未再检查记录的一致性；请从备份恢复",
    en="The file is damaged, so the records' consistency was not checked; restore a backup",
)
MSG_GROUP_TERM = define(
    "check.group_term",
    zh="工作组“{group}”的挂职结束日期 {end} 早于开始日期 {start}",
    en="Work group “{group}” ends its term on {end}, before its start on {start}",
)
MSG_MEMBER_TERM = define(
    "check.member_term",
    zh="成员 {member} 的挂职结束日期 {end} 早于开始日期 {start}",
    en="Member {member}: the term ends on {end}, before it starts on {start}",
)
MSG_LEAVE_BACKWARDS = define(
    "check.leave_backwards",
    zh="{member} 的请假 {start}—{end}：结束早于开始",
    en="Leave of {member} {start}–{end}: it ends before it starts",
)
MSG_LEAVE_DAYS = define(
    "check.leave_days",
    zh="{member} 的请假 {start}—{end} 记为 {stored} 天，按工作日历应为 {expected} 天",
    en="Leave of {member} {start}–{end} is recorded as {stored} day(s); "
    "the working-day calendar gives {expected}",
)
MSG_LEAVE_ACTUAL_DAYS = define(
    "check.leave_actual_days",
    zh="{member} 的请假 {start}—{end} 销假后记为实际 {stored} 天，按工作日历应为 {expected} 天",
    en="Leave of {member} {start}–{end} is recorded as {stored} day(s) actually taken; "
    "the working-day calendar gives {expected}",
)
MSG_LEAVE_OVERLAP = define(
    "check.leave_overlap",
    zh="{member} 的请假 {start1}—{end1} 与 {start2}—{end2} 时间重叠",
    en="Leave of {member} {start1}–{end1} overlaps {start2}–{end2}",
)
MSG_RETURN_MISSING = define(
    "check.return_missing",
    zh="{member} 的请假 {start}—{end} 标为已销假，但没有销假日期",
    en="Leave of {member} {start}–{end} is marked returned but has no return date",
)
MSG_ATTENDANCE_OUTSIDE = define(
    "check.attendance_outside",
    zh="{date}“{topic}”的出勤名单中有不属于本工作组的人员：{member}",
    en="The attendance of “{topic}” on {date} lists {member}, who is not of this work group",
)
MSG_SCOPE_OUTSIDE = define(
    "check.scope_outside",
    zh="{date}“{topic}”的范围是另一个工作组的党小组“{party_group}”",
    en="“{topic}” on {date} is scoped to “{party_group}”, a party small group of another work group",
)
MSG_BULLETIN_YEAR = define(
    "check.bulletin_year",
    zh="信息动态第 {number} 期（{month}）记在 {year} 年名下，与所属月份不符",
    en="Bulletin no. {number} ({month}) is filed under the year {year}, not its month's",
)
MSG_BULLETIN_DUPLICATE = define(
    "check.bulletin_duplicate",
    zh="{year} 年的信息动态第 {number} 期出现了 {count} 次（{months}）",
    en="Bulletin no. {number} of {year} appears {count} times ({months})",
)
MSG_BULLETIN_GAP = define(
    "check.bulletin_gap",
    zh="{year} 年的信息动态缺少第 {numbers} 期",
    en="Bulletins of {year}: no. {numbers} missing",
)
MSG_LIKELY_DUPLICATE = define(
    "check.likely_duplicate",
    zh="{kind}“{summary}”录入了 {count} 次，可能重复（{key}相同）",
    en="The {kind} “{summary}” is entered {count} times, likely a duplicate (same {key})",
)
MSG_DUPLICATE_KEYS = {
    "session": define(
        "check.key.session", zh="日期、类别、主题和范围", en="date, kind, topic and scope"
    ),
    "survey": define(
        "check.key.survey",
        zh="日期、地点、调研对象和参加人员",
        en="date, place, body visited and participants",
    ),
    "leave": define("check.key.leave", zh="请假人和起止时间", en="member and period"),
    "highlight": define("check.key.highlight", zh="成员、月份和标题", en="member, month and title"),
    "achievement": define(
        "check.key.achievement", zh="日期、类型、名称和金额", en="date, kind, title and amount"
    ),
    "report": define("check.key.report", zh="题目和作者", en="title and authors"),
    "spotcheck": define(
        "check.key.spotcheck", zh="日期和被抽查成员", en="date and members checked"
    ),
    "plan_measure": define(
        "check.key.plan_measure", zh="年度计划和措施内容", en="plan and wording"
    ),
    "plan_tick": define(
        "check.key.plan_tick", zh="措施、成员、日期和说明", en="measure, member, date and note"
    ),
}
MSG_FALLBACK_YEARS = define(
    "check.fallback_years",
    zh="内置节假日数据不含 {years} 年：这些年份按周一至周五计算工作日，并采用已录入的 {corrections} 条节假日更正；请在设置中核对当年的节假日和调休安排",
    en="The built-in holiday data does not cover {years}: working days there are Monday to Friday, "
    "with the {corrections} holiday correction(s) entered; check those years' holidays and "
    "adjusted working days in Settings",
)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: Message

    def text(self, lang: str | None = None) -> str:
        """The finding on one line, its severity first (错误：…)."""
        return MSG_LINE[self.severity](text=self.message).text(lang)


def is_problem(finding: Finding) -> bool:
    return finding.severity in ("error", "warning")


def summary(findings: Iterable[Finding]) -> Message:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    if not any(counts.values()):
        return MSG_ALL_WELL()
    return MSG_SUMMARY(errors=counts["error"], warnings=counts["warning"], infos=counts["info"])


def run_check(ledger: Ledger) -> list[Finding]:
    """Every finding about the ledger, in the order the checks run; an empty list: all is well."""
    findings: list[Finding] = []
    with translate_errors(ledger):
        if ledger.is_sqlite:
            damage = sqlite_integrity(ledger)
            if damage:
                # Reading records of a damaged file could fail anywhere or mislead: stop here.
                return [*damage, Finding("info", MSG_SKIPPED())]
            findings += sqlite_foreign_keys(ledger)
        for check in CONSISTENCY_CHECKS:
            findings += check(ledger)
    return findings


# -- the file -------------------------------------------------------------------------------------


def sqlite_integrity(ledger: Ledger) -> list[Finding]:
    """SQLite's own check of the file: pages, b-trees, indexes."""
    rows = [row[0] for row in ledger.db.execute_sql("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return []
    return _listed(MSG_INTEGRITY(detail=row) for row in rows)


def sqlite_foreign_keys(ledger: Ledger) -> list[Finding]:
    """Rows that refer to a record that is not there (written while foreign keys were off)."""
    orphans = ledger.db.execute_sql("PRAGMA foreign_key_check").fetchall()
    return _listed(
        MSG_FOREIGN_KEY(table=table, rowid=rowid, parent=parent)
        for table, rowid, parent, _fkid in orphans
    )


def _listed(messages: Iterable[Message]) -> list[Finding]:
    messages = list(messages)
    findings = [Finding("error", m) for m in messages[:MAX_LISTED]]
    if len(messages) > MAX_LISTED:
        findings.append(Finding("error", MSG_MORE(count=len(messages) - MAX_LISTED)))
    return findings


# -- the records ----------------------------------------------------------------------------------


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day is not None else "?"


def _days_text(days: Decimal | None) -> str:
    if days is None:
        return "?"
    return f"{Decimal(days).normalize():f}"


def check_terms(ledger: Ledger) -> list[Finding]:
    findings = []
    groups = WorkGroup.select().where(
        WorkGroup.term_start.is_null(False)
        & WorkGroup.term_end.is_null(False)
        & (WorkGroup.term_end < WorkGroup.term_start)
    )
    for group in groups:
        findings.append(
            Finding(
                "error",
                MSG_GROUP_TERM(
                    group=group.name, start=_iso(group.term_start), end=_iso(group.term_end)
                ),
            )
        )
    members = (
        Member.select()
        .where(
            Member.term_start.is_null(False)
            & Member.term_end.is_null(False)
            & (Member.term_end < Member.term_start)
        )
        .order_by(Member.sort_order, Member.name)
    )
    for member in members:
        findings.append(
            Finding(
                "error",
                MSG_MEMBER_TERM(
                    member=member.name, start=_iso(member.term_start), end=_iso(member.term_end)
                ),
            )
        )
    return findings


def _leave_rows() -> Iterable[LeaveRequest]:
    return (
        LeaveRequest.select(LeaveRequest, Member.id, Member.name)
        .join(Member)
        .order_by(LeaveRequest.member, LeaveRequest.start_date, LeaveRequest.id)
    )


def check_leave_days(ledger: Ledger) -> list[Finding]:
    """Stored working days against the calendar as it stands (built-in data plus corrections): the
    days of the request as asked, and the days actually taken once the member reported back.

    Where the secretary corrected the count (days_override), the correction is what counts, so the
    computed figure is not held against the record. A mismatch is a warning: a holiday correction
    entered after the leave was saved causes one too.
    """
    calendar = WorkCalendar.load()
    findings = []
    for leave in _leave_rows():
        period = {
            "member": leave.member.name,
            "start": _iso(leave.start_date),
            "end": _iso(leave.end_date),
        }
        first = slot(leave.start_date, leave.start_half)
        last = slot(leave.end_date, leave.end_half)
        if last < first:
            findings.append(Finding("error", MSG_LEAVE_BACKWARDS(**period)))
            continue
        if leave.days_override is None:
            expected = calendar.count_slots(first, last)
            if leave.days is None or Decimal(leave.days) != expected:
                findings.append(
                    Finding(
                        "warning",
                        MSG_LEAVE_DAYS(
                            **period, stored=_days_text(leave.days), expected=_days_text(expected)
                        ),
                    )
                )
        taken = request_slots(leave)
        if leave.actual_days is not None and leave.return_date is not None:
            expected = calendar.count_slots(*taken) if taken is not None else Decimal(0)
            if Decimal(leave.actual_days) != expected:
                findings.append(
                    Finding(
                        "warning",
                        MSG_LEAVE_ACTUAL_DAYS(
                            **period,
                            stored=_days_text(leave.actual_days),
                            expected=_days_text(expected),
                        ),
                    )
                )
    return findings


def check_leave_overlaps(ledger: Ledger) -> list[Finding]:
    """Two requests of one member that are not refused must not share a half-day (the half-days a
    request holds are the leave service's: up to the return once the member reported back)."""
    findings = []
    rows = _leave_rows().where(LeaveRequest.status != "rejected")
    for _member, leaves in itertools.groupby(rows, key=lambda lr: lr.member_id):
        spans = sorted(
            ((*taken, leave) for leave in leaves if (taken := request_slots(leave)) is not None),
            key=lambda span: (span[0], span[1]),
        )
        reach: tuple[int, int, LeaveRequest] | None = None  # the span reaching furthest so far
        for span in spans:
            if reach is not None and span[0] <= reach[1]:
                earlier, later = reach[2], span[2]
                findings.append(
                    Finding(
                        "error",
                        MSG_LEAVE_OVERLAP(
                            member=later.member.name,
                            start1=_iso(earlier.start_date),
                            end1=_iso(earlier.end_date),
                            start2=_iso(later.start_date),
                            end2=_iso(later.end_date),
                        ),
                    )
                )
            if reach is None or span[1] > reach[1]:
                reach = span
    return findings


def check_returns(ledger: Ledger) -> list[Finding]:
    rows = _leave_rows().where(
        (LeaveRequest.status == "returned") & LeaveRequest.return_date.is_null()
    )
    return [
        Finding(
            "error",
            MSG_RETURN_MISSING(
                member=lr.member.name, start=_iso(lr.start_date), end=_iso(lr.end_date)
            ),
        )
        for lr in rows
    ]


def check_attendance(ledger: Ledger) -> list[Finding]:
    """Attendance lists only members of the session's own work group."""
    rows = (
        Attendance.select(Attendance, StudySession.date, StudySession.topic, Member.name)
        .join(StudySession)
        .switch(Attendance)
        .join(Member)
        .where(Member.group != StudySession.group)
        .order_by(StudySession.date, Member.name)
    )
    return [
        Finding(
            "error",
            MSG_ATTENDANCE_OUTSIDE(
                date=_iso(row.session.date), topic=row.session.topic, member=row.member.name
            ),
        )
        for row in rows
    ]


def check_session_scopes(ledger: Ledger) -> list[Finding]:
    rows = (
        StudySession.select(StudySession.date, StudySession.topic, PartyGroup.name)
        .join(PartyGroup, on=(StudySession.scope == PartyGroup.id))
        .where(PartyGroup.group != StudySession.group)
        .order_by(StudySession.date)
    )
    return [
        Finding(
            "error",
            MSG_SCOPE_OUTSIDE(date=_iso(row.date), topic=row.topic, party_group=row.scope.name),
        )
        for row in rows
    ]


def _numbering(group_id: object) -> dict[str, object]:
    row = Setting.get_or_none((Setting.group == group_id) & (Setting.key == "bulletin_numbering"))
    value = dict(settings.DEFAULTS["bulletin_numbering"])
    if row is not None:
        value.update(json.loads(row.value))
    return value


def check_bulletin_numbers(ledger: Ledger) -> list[Finding]:
    """Issue numbers of each year run without repeats or gaps: from the first number each year when
    numbering restarts yearly (Settings), else on from the year before."""
    findings = []
    issues = BulletinIssue.select().order_by(
        BulletinIssue.group, BulletinIssue.month, BulletinIssue.number
    )
    for group_id, group_issues in itertools.groupby(issues, key=lambda b: b.group_id):
        numbering = _numbering(group_id)
        first_number = int(numbering.get("first_number") or 1)
        by_year: dict[int, list[BulletinIssue]] = defaultdict(list)
        for issue in group_issues:
            by_year[issue.month.year].append(issue)
            if issue.year != issue.month.year:
                findings.append(
                    Finding(
                        "error",
                        MSG_BULLETIN_YEAR(
                            number=issue.number,
                            month=issue.month.strftime("%Y-%m"),
                            year=issue.year,
                        ),
                    )
                )
        next_expected = first_number
        for year in sorted(by_year):
            numbers: dict[int, list[str]] = defaultdict(list)
            for issue in by_year[year]:
                numbers[issue.number].append(issue.month.strftime("%Y-%m"))
            for number, months in sorted(numbers.items()):
                if len(months) > 1:
                    findings.append(
                        Finding(
                            "error",
                            MSG_BULLETIN_DUPLICATE(
                                year=year,
                                number=number,
                                count=len(months),
                                months="、".join(months),
                            ),
                        )
                    )
            start = first_number if numbering.get("restart_each_year", True) else next_expected
            missing = [n for n in range(start, max(numbers) + 1) if n not in numbers]
            if missing:
                findings.append(
                    Finding(
                        "warning",
                        MSG_BULLETIN_GAP(year=year, numbers="、".join(str(n) for n in missing)),
                    )
                )
            next_expected = max(numbers) + 1
    return findings


# Dated records, by the columns that place them in time.
_DATED: tuple[tuple[type, tuple[str, ...]], ...] = (
    (WorkGroup, ("term_start", "term_end")),
    (LeaveRequest, ("start_date", "end_date")),
    (StudySession, ("date",)),
    (Survey, ("date",)),
    (SpotCheck, ("date",)),
    (Highlight, ("month",)),
    (Achievement, ("date",)),
    (ResearchReport, ("completion_date",)),
    (BulletinIssue, ("month",)),
)


def record_years(ledger: Ledger) -> set[int]:
    """The years the records span, from the earliest to the latest date in them."""
    dates: list[datetime.date] = []
    for model, columns in _DATED:
        for name in columns:
            column = getattr(model, name)
            low, high = model.select(fn.MIN(column), fn.MAX(column)).scalar(as_tuple=True)
            dates += [_as_date(v) for v in (low, high) if v is not None]
    if not dates:
        return set()
    return set(range(min(dates).year, max(dates).year + 1))


def _as_date(value: object) -> datetime.date:
    # MIN()/MAX() of a date column come back as text from SQLite.
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def check_calendar_fallback(ledger: Ledger) -> list[Finding]:
    years = WorkCalendar().fallback_years(record_years(ledger))
    if not years:
        return []
    in_years = functools.reduce(
        operator.or_,
        (CalendarDay.date.between(datetime.date(y, 1, 1), datetime.date(y, 12, 31)) for y in years),
    )
    corrections = CalendarDay.select().where(in_years).count()
    return [
        Finding(
            "info",
            MSG_FALLBACK_YEARS(years="、".join(str(y) for y in years), corrections=corrections),
        )
    ]


def check_duplicates(ledger: Ledger) -> list[Finding]:
    """Records entered twice: two of one kind that share what identifies them to a person
    (db.queries.duplicates), for example a ledger imported twice before the importer recognised its rows."""
    import importlib

    from db.services.base import service_for

    findings = []
    for group in WorkGroup.select(WorkGroup.id).order_by(WorkGroup.name):
        for kind in duplicates.KINDS:
            importlib.import_module(f"db.services.{_SERVICE_MODULES[kind]}")
            service = service_for(kind)
            for ids in duplicates.same_records(kind, group.id):
                record = service.model.get_by_id(ids[0])
                findings.append(
                    Finding(
                        "warning",
                        MSG_LIKELY_DUPLICATE(
                            kind=service.noun(),
                            summary=service.summary(record),
                            count=len(ids),
                            key=MSG_DUPLICATE_KEYS[kind](),
                        ),
                    )
                )
    return findings


_SERVICE_MODULES = {
    "session": "sessions",
    "survey": "surveys",
    "leave": "leave",
    "highlight": "highlights",
    "achievement": "achievements",
    "report": "reports",
    "spotcheck": "spotchecks",
    "plan_measure": "plans",
    "plan_tick": "plans",
}


CONSISTENCY_CHECKS: tuple[Callable[[Ledger], list[Finding]], ...] = (
    check_terms,
    check_leave_days,
    check_leave_overlaps,
    check_returns,
    check_attendance,
    check_session_scopes,
    check_bulletin_numbers,
    check_duplicates,
    check_calendar_fallback,
)
