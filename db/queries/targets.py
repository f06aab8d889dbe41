"""The targets matrix: each group member against the group's rules, week by week and month by month.

The rules are the year plan's (db.services.plans; Settings' 考核目标 edits the same three measures):
surveys per member per ISO week, highlights per member per month, collective meetings held by the
group per month and attended by each member. The same cells count every measure of the plan
(db.queries.plan): ``read_records`` reads what counts toward a measure, ``member_cells`` and ``group_cells``
judge its periods. Each cell is

- ``future``: the period has not started yet, or it is running and its target is not met yet;
- ``met``: the count reaches the target (a zero target is always met);
- ``excused``: not held against the member — the period has no working day at all (Spring Festival),
  or none inside the member's term, or the member was on approved leave for every working half-day of
  it inside the term; for meetings also when every meeting the member missed was missed on leave
  (请假) or on official duty (公务), or no meeting the member was expected at took place;
- ``missed``: the period is over and none of the above holds.

Branch-only members are not in the matrix (they are not counted in per-person targets). A member's term
is his or her own where set, else the group's. Periods are whole ISO weeks and whole calendar months:
those that meet [start, end].
"""

from __future__ import annotations

import bisect
import datetime
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import fn

from db.common import clock
from db.queries.statistics import MemberRef, Roster, month_range
from db.rules.workdays import AM, PM, WorkCalendar, slot
from db.services import plans
from db.services.base import require_group
from db.services.leave import leave_periods
from db.services.plans import MeasureSpec
from db.store.ledger import Ledger
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    BulletinIssue,
    Highlight,
    Member,
    PlanTick,
    ReportAuthor,
    ResearchReport,
    StudySession,
    Survey,
    SurveyParticipant,
)

Date = datetime.date
DAY = datetime.timedelta(days=1)

MET, MISSED, EXCUSED, FUTURE = "met", "missed", "excused", "future"
# Why a cell is excused.
HOLIDAY = "holiday"  # no working day in the period
TERM = "term"  # no working day of the period inside the member's term
LEAVE = "leave"  # on approved leave for every working half-day of the period (inside the term)
ABSENCE_EXCUSED = "absence_excused"  # every meeting missed was missed on leave or official duty
NO_MEETING = "no_meeting"  # no meeting the member was expected at took place

EXCUSED_ABSENCES = frozenset({"leave", "official"})


@dataclass(frozen=True)
class Week:
    start: Date  # Monday
    end: Date  # Sunday
    iso_year: int
    iso_week: int
    workdays: int  # working days of the official calendar in the week

    @property
    def label(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"


@dataclass(frozen=True)
class TargetCell:
    start: Date
    end: Date
    status: str  # MET, MISSED, EXCUSED or FUTURE
    count: int
    target: int
    record_ids: tuple[uuid.UUID, ...]  # the surveys, highlights or meetings attended that count
    reason: str = ""  # why excused (HOLIDAY, TERM, LEAVE, ABSENCE_EXCUSED, NO_MEETING)
    absent_ids: tuple[uuid.UUID, ...] = ()  # meetings only: those the member was absent from


@dataclass(frozen=True)
class MemberTargets:
    member_id: uuid.UUID
    name: str
    party_group_id: uuid.UUID | None
    surveys: tuple[TargetCell, ...]  # one per week of TargetsMatrix.weeks
    highlights: tuple[TargetCell, ...]  # one per month of TargetsMatrix.months
    meetings: tuple[TargetCell, ...]  # one per month

    @property
    def surveys_missed(self) -> int:
        return sum(c.status == MISSED for c in self.surveys)

    @property
    def highlights_missed(self) -> int:
        return sum(c.status == MISSED for c in self.highlights)

    @property
    def meetings_missed(self) -> int:
        return sum(c.status == MISSED for c in self.meetings)


@dataclass(frozen=True)
class TargetsMatrix:
    start: Date
    end: Date
    today: Date
    targets: Mapping[str, int]  # the "targets" setting
    weeks: tuple[Week, ...]
    months: tuple[Date, ...]  # first days
    rows: tuple[MemberTargets, ...]  # group members in roster order
    meetings_held: tuple[TargetCell, ...]  # the group's collective meetings, one per month
    fallback_years: tuple[int, ...] = field(default=())  # years counted Mon–Fri plus corrections


# -- periods --------------------------------------------------------------------------------------


def week_of(day: Date) -> Date:
    """The Monday of the ISO week of a date."""
    return day - datetime.timedelta(days=day.weekday())


def weeks_between(start: Date, end: Date, calendar: WorkCalendar) -> list[Week]:
    weeks = []
    monday = week_of(start)
    while monday <= end:
        sunday = monday + datetime.timedelta(days=6)
        iso = monday.isocalendar()
        weeks.append(
            Week(
                start=monday,
                end=sunday,
                iso_year=iso[0],
                iso_week=iso[1],
                workdays=len(calendar.workdays(monday, sunday)),
            )
        )
        monday += datetime.timedelta(days=7)
    return weeks


def months_between(start: Date, end: Date) -> list[Date]:
    months = []
    first = start.replace(day=1)
    while first <= end:
        months.append(first)
        first = month_range(first.year, first.month)[1] + DAY
    return months


# -- the rules --------------------------------------------------------------------------------------


def _merged(ranges: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Ranges of slots, sorted and merged, as (firsts, lasts) for bisecting."""
    firsts: list[int] = []
    lasts: list[int] = []
    for first, last in sorted(ranges):
        if lasts and first <= lasts[-1] + 1:
            lasts[-1] = max(lasts[-1], last)
        else:
            firsts.append(first)
            lasts.append(last)
    return firsts, lasts


def _covered(ranges: tuple[list[int], list[int]], first: int, last: int) -> bool:
    """Whether the slots first..last all lie inside the (merged) ranges."""
    firsts, lasts = ranges
    index = bisect.bisect_right(firsts, first) - 1
    return index >= 0 and lasts[index] >= last


class _Excuses:
    """Whether a period is not held against a member: no working day, outside the term, on leave."""

    def __init__(
        self,
        calendar: WorkCalendar,
        roster: Roster,
        leave: Mapping[uuid.UUID, list[tuple[int, int]]],
    ) -> None:
        self.calendar = calendar
        self.roster = roster
        self.leave = {member: _merged(spans) for member, spans in leave.items()}
        self._workdays: dict[tuple[Date, Date], list[Date]] = {}

    def reason(self, member: Member, start: Date, end: Date) -> str:
        """HOLIDAY, TERM or LEAVE when the period is excused for the member, else ""."""
        workdays = self._workdays.get((start, end))
        if workdays is None:
            workdays = self._workdays[start, end] = self.calendar.workdays(start, end)
        if not workdays:
            return HOLIDAY
        first, last = self.roster.term(member)
        inside = [
            d for d in workdays if (first is None or d >= first) and (last is None or d <= last)
        ]
        if not inside:
            return TERM
        ranges = self.leave.get(member.id)
        if ranges and all(_covered(ranges, slot(d, AM), slot(d, PM)) for d in inside):
            return LEAVE
        return ""


def _status(count: int, target: int, start: Date, end: Date, excuse: str, today: Date) -> str:
    if start > today:
        return FUTURE
    if count >= target:
        return MET
    if excuse:
        return EXCUSED
    if end >= today:
        return FUTURE  # running: not missed yet
    return MISSED


def _cell(
    ids: Sequence[uuid.UUID], target: int, start: Date, end: Date, excuse: str, today: Date
) -> TargetCell:
    status = _status(len(ids), target, start, end, excuse, today)
    return TargetCell(
        start=start,
        end=end,
        status=status,
        count=len(ids),
        target=target,
        record_ids=tuple(ids),
        reason=excuse if status == EXCUSED else "",
    )


def _meeting_cell(
    attended: Sequence[uuid.UUID],
    absences: Sequence[tuple[uuid.UUID, str]],
    target: int,
    start: Date,
    end: Date,
    excuse: str,
    today: Date,
) -> TargetCell:
    status = _status(len(attended), target, start, end, excuse, today)
    reason = excuse if status == EXCUSED else ""
    if status == MISSED and all(r in EXCUSED_ABSENCES for _s, r in absences):
        status = EXCUSED
        reason = ABSENCE_EXCUSED if absences else NO_MEETING
    return TargetCell(
        start=start,
        end=end,
        status=status,
        count=len(attended),
        target=target,
        record_ids=tuple(attended),
        reason=reason,
        absent_ids=tuple(s for s, _r in absences),
    )


# -- the records behind the cells -----------------------------------------------------------------
#
# What counts toward a measure of the year plan (db.services.plans): records of its source, narrowed
# by its filter, dated as the measure's periods are (a survey, session, achievement or tick by its
# date, a highlight or bulletin issue by its month, a report by its completion, an award by its date).
# Each reader gives, per member or for the group, the (date, id) pairs in date order.

Rows = list[tuple[Date, uuid.UUID]]
# A member's study sessions: (date, session id, present, absence reason).
AttendanceRows = list[tuple[Date, uuid.UUID, bool, str]]


def _as_uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _as_date(value: object) -> Date:
    return value if isinstance(value, Date) else Date.fromisoformat(str(value)[:10])


def _member_surveys(
    ledger: Ledger,
    group: object,
    member_ids: Iterable[uuid.UUID],
    start: Date,
    end: Date,
    kind: str = "",
) -> dict[uuid.UUID, Rows]:
    """Survey (date, id) per member, by date."""
    # The members are picked in Python: with "member IN (…)" SQLite looks every member up for
    # every survey (0.75 s for one month of the benchmark database against 0.02 s without).
    where = (Survey.group == group) & Survey.date.between(start, end)
    if kind:
        where &= Survey.kind == kind
    query = SurveyParticipant.select(
        _text(SurveyParticipant.member), Survey.date, _text(Survey.id)
    ).join(Survey)
    return _by_member(ledger, query.where(where), member_ids)


def _text(column: Any) -> Any:
    """An id column read as text, for _by_member."""
    return column.cast("TEXT")


def _by_member(ledger: Ledger, query: Any, member_ids: Iterable[uuid.UUID]) -> dict:
    """The (member, day, record id) rows of ``query`` as (date, id) per wanted member, by date.

    A busy year holds tens of thousands of rows: they are read straight from the cursor (not
    through the model's field conversions), member ids, dates and record ids converted once per
    distinct value rather than per row (a survey of three members is one id), and the rows of
    members not wanted never converted at all. The query reads its ids as text (``_text``):
    PostgreSQL's driver would else turn every row's into a UUID before they reach this loop.
    """
    wanted = set(member_ids)
    found: dict[uuid.UUID, Rows] = {}
    if not wanted:
        return found
    members: dict[object, uuid.UUID | None] = {}
    days: dict[object, Date] = {}
    records: dict[object, uuid.UUID] = {}
    for raw_member, raw_day, raw_id in ledger.db.execute(query).fetchall():
        if raw_day is None:
            continue
        if raw_member in members:
            member = members[raw_member]
        else:
            member = _as_uuid(raw_member)
            member = members[raw_member] = member if member in wanted else None
        if member is None:
            continue
        day = days.get(raw_day)
        if day is None:
            day = days[raw_day] = _as_date(raw_day)
        record = records.get(raw_id)
        if record is None:
            record = records[raw_id] = _as_uuid(raw_id)
        found.setdefault(member, []).append((day, record))
    for rows in found.values():
        rows.sort()
    return found


def _member_records(
    ledger: Ledger,
    group: object,
    spec: MeasureSpec,
    member_ids: Iterable[uuid.UUID],
    start: Date,
    end: Date,
) -> dict[uuid.UUID, Rows]:
    """What counts toward a per-member measure, per member (sessions: see _session_attendance)."""
    wanted = set(member_ids)
    source, kind = spec.source, spec.filter
    if not wanted:
        return {}
    if source == "survey":
        return _member_surveys(ledger, group, wanted, start, end, kind)
    if source == "highlight":
        where = (Highlight.group == group) & Highlight.month.between(start.replace(day=1), end)
        if kind:
            where &= Highlight.category == kind
        query = Highlight.select(
            _text(Highlight.member), Highlight.month, _text(Highlight.id)
        ).where(where)
        return _by_member(ledger, query, wanted)
    if source in ("report", "awarded_report"):
        day = _report_day(source)
        query = (
            ReportAuthor.select(_text(ReportAuthor.member), day, _text(ResearchReport.id))
            .join(ResearchReport)
            .where(_report_where(group, source, kind, start, end))
        )
        return _by_member(ledger, query, wanted)
    if source == "achievement":
        where = (Achievement.group == group) & Achievement.date.between(start, end)
        if kind:
            where &= Achievement.kind == kind
        query = (
            AchievementMember.select(
                _text(AchievementMember.member), Achievement.date, _text(Achievement.id)
            )
            .join(Achievement)
            .where(where)
        )
        return _by_member(ledger, query, wanted)
    if source == "manual":
        query = PlanTick.select(_text(PlanTick.member), PlanTick.date, _text(PlanTick.id)).where(
            (PlanTick.measure == spec.id) & PlanTick.date.between(start, end)
        )
        return _by_member(ledger, query, wanted)
    return {}  # bulletin issues are the group's


def _report_day(source: str) -> Any:
    if source == "awarded_report":
        return fn.COALESCE(ResearchReport.award_date, ResearchReport.completion_date)
    return ResearchReport.completion_date


def _report_where(group: object, source: str, kind: str, start: Date, end: Date) -> Any:
    where = (ResearchReport.group == group) & _report_day(source).between(start, end)
    if source == "awarded_report":
        where &= ResearchReport.award_level != ""
        if kind:
            where &= ResearchReport.award_level == kind
    return where


def _group_records(group: object, spec: MeasureSpec, start: Date, end: Date) -> Rows:
    """What counts toward a measure that binds the group: the group's records, by date."""
    source, kind = spec.source, spec.filter
    if source == "survey":
        where = (Survey.group == group) & Survey.date.between(start, end)
        query = Survey.select(Survey.date, Survey.id)
        if kind:
            where &= Survey.kind == kind
    elif source == "highlight":
        where = (Highlight.group == group) & Highlight.month.between(start.replace(day=1), end)
        query = Highlight.select(Highlight.month, Highlight.id)
        if kind:
            where &= Highlight.category == kind
    elif source in ("report", "awarded_report"):
        where = _report_where(group, source, kind, start, end)
        query = ResearchReport.select(_report_day(source), ResearchReport.id)
    elif source == "session":
        where = (StudySession.group == group) & StudySession.date.between(start, end)
        query = StudySession.select(StudySession.date, StudySession.id)
        if kind:
            where &= StudySession.kind == kind
    elif source == "bulletin":
        where = (BulletinIssue.group == group) & BulletinIssue.month.between(
            start.replace(day=1), end
        )
        query = BulletinIssue.select(BulletinIssue.month, BulletinIssue.id)
    elif source == "achievement":
        where = (Achievement.group == group) & Achievement.date.between(start, end)
        query = Achievement.select(Achievement.date, Achievement.id)
        if kind:
            where &= Achievement.kind == kind
    elif source == "manual":
        where = (PlanTick.measure == spec.id) & PlanTick.date.between(start, end)
        query = PlanTick.select(PlanTick.date, PlanTick.id)
    else:
        return []
    return sorted(
        (_as_date(day), _as_uuid(record_id))
        for day, record_id in query.where(where).tuples()
        if day is not None
    )


def _session_attendance(
    group: object, start: Date, end: Date, kind: str = ""
) -> dict[uuid.UUID, AttendanceRows]:
    where = (StudySession.group == group) & StudySession.date.between(start, end)
    if kind:
        where &= StudySession.kind == kind
    found: dict[uuid.UUID, AttendanceRows] = {}
    for member_id, session_id, day, present, reason in (
        Attendance.select(
            Attendance.member,
            StudySession.id,
            StudySession.date,
            Attendance.present,
            Attendance.absence_reason,
        )
        .join(StudySession)
        .where(where)
        .tuples()
    ):
        found.setdefault(member_id, []).append((day, session_id, bool(present), reason))
    for rows in found.values():
        rows.sort()
    return found


def _collective_meetings(group: object, start: Date, end: Date) -> Rows:
    spec = MeasureSpec("", "group", "month", "session", "collective")
    return _group_records(group, spec, start, end)


def _in(
    rows: Sequence[tuple], start: Date, end: Date, days: Sequence[Date] | None = None
) -> Sequence[tuple]:
    """The rows (sorted by date) dated within [start, end]; ``days``: the rows' dates, when the
    caller asks for several periods of the same rows."""
    if days is None:
        days = [r[0] for r in rows]
    return rows[bisect.bisect_left(days, start) : bisect.bisect_right(days, end)]


# -- cells of a measure -------------------------------------------------------------------------
#
# The one way a measure is counted: per period (start, end, count asked for), a member's or the
# group's records in it, and the rules above (_status, excuses, excused absences).

Period = tuple[Date, Date, int]


@dataclass(frozen=True)
class Records:
    """The records behind a measure over a span, read once: per member, and the group's own."""

    spec: MeasureSpec
    by_member: Mapping[uuid.UUID, Rows] = field(default_factory=dict)
    attendance: Mapping[uuid.UUID, AttendanceRows] = field(default_factory=dict)
    group_rows: Rows = field(default_factory=list)


def read_records(
    ledger: Ledger,
    group: object,
    spec: MeasureSpec,
    member_ids: Iterable[uuid.UUID],
    start: Date,
    end: Date,
) -> Records:
    if spec.binds == "member":
        if spec.source == "session":
            return Records(spec, attendance=_session_attendance(group, start, end, spec.filter))
        return Records(spec, by_member=_member_records(ledger, group, spec, member_ids, start, end))
    return Records(spec, group_rows=_group_records(group, spec, start, end))


def member_cells(
    records: Records,
    member: Member,
    periods: Sequence[Period],
    excuses: _Excuses,
    today: Date,
) -> tuple[TargetCell, ...]:
    """A member's cells of a per-member measure, one per period."""
    cells = []
    if records.spec.source == "session":
        rows = records.attendance.get(member.id, [])
        days = [r[0] for r in rows]
        for start, end, target in periods:
            inside = _in(rows, start, end, days)
            cells.append(
                _meeting_cell(
                    [session for _d, session, present, _r in inside if present],
                    [(session, reason) for _d, session, present, reason in inside if not present],
                    target,
                    start,
                    end,
                    excuses.reason(member, start, end),
                    today,
                )
            )
        return tuple(cells)
    rows = records.by_member.get(member.id, [])
    days = [r[0] for r in rows]
    return tuple(
        _cell(
            [i for _d, i in _in(rows, start, end, days)],
            target,
            start,
            end,
            excuses.reason(member, start, end),
            today,
        )
        for start, end, target in periods
    )


def group_cells(
    records: Records, periods: Sequence[Period], calendar: WorkCalendar, today: Date
) -> tuple[TargetCell, ...]:
    """The group's cells of a measure that binds the group: a week or month without any working
    day is excused (HOLIDAY); nothing else excuses the group."""
    cells = []
    days = [r[0] for r in records.group_rows]
    for start, end, target in periods:
        short = end - start < datetime.timedelta(days=40)
        excuse = HOLIDAY if short and not calendar.workdays(start, end) else ""
        ids = [i for _d, i in _in(records.group_rows, start, end, days)]
        cells.append(_cell(ids, target, start, end, excuse, today))
    return tuple(cells)


# -- the matrix -----------------------------------------------------------------------------------


def _matrix_specs(
    ledger: Ledger, years: Iterable[int], keys: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str, str], dict[int, MeasureSpec | None]]:
    """The plan's measure behind each of the matrix's three, per key and year (None: the plan has
    none); each year's plan read once."""
    out: dict[tuple[str, str, str], dict[int, MeasureSpec | None]] = {key: {} for key in keys}
    for year in years:
        _title, specs, _stored = plans.specs_of_year(ledger, year)
        for key, found in out.items():
            found[year] = next((s for s in specs if plans.is_matrix_measure(s, key)), None)
    return out


def _kind_of(specs: Mapping[int, MeasureSpec | None], year: int, default: str) -> str:
    spec = specs.get(year)
    return spec.filter if spec is not None else default


def targets_matrix(
    ledger: Ledger, start: Date, end: Date, today: Date | None = None
) -> TargetsMatrix:
    """The targets matrix of every group member (not branch-only) whose term meets [start, end]:
    the view of the year plan's per-person weekly survey and monthly highlight measures and of its
    monthly collective meeting, each period asking what the plan of its year asks (a week belongs
    to its ISO year; a year without a plan asks what db.services.plans.BASIC_MEASURES ask)."""
    if end < start:
        raise ValueError("end before start")
    today = today or clock.today()
    group = require_group(ledger)
    calendar = WorkCalendar.load()
    roster = Roster(ledger)
    members = roster.group_members(start, end)
    member_ids = [m.id for m in members]
    weeks = weeks_between(start, end, calendar)
    months = months_between(start, end)
    first_day = min(weeks[0].start, months[0])
    last_day = max(weeks[-1].end, month_range(months[-1].year, months[-1].month)[1])
    excuses = _Excuses(calendar, roster, leave_periods(ledger, first_day, last_day))
    years = range(first_day.year, last_day.year + 1)
    specs = _matrix_specs(
        ledger, years, (plans.SURVEYS_KEY, plans.HIGHLIGHTS_KEY, plans.MEETINGS_KEY)
    )

    def count(key: tuple[str, str, str], year: int) -> int:
        spec = specs[key].get(year)
        return spec.count if spec is not None else 0

    month_periods = [(m, month_range(m.year, m.month)[1], m.year) for m in months]
    week_periods = [(w.start, w.end, w.iso_year) for w in weeks]

    def cells(
        key: tuple[str, str, str], default: str, periods: Sequence[tuple[Date, Date, int]]
    ) -> dict[uuid.UUID, list[TargetCell]]:
        """Each member's cells of one of the three measures; read once per kind the plans count."""
        out: dict[uuid.UUID, list[Any]] = {m.id: [None] * len(periods) for m in members}
        kinds = sorted({_kind_of(specs[key], year, default) for _s, _e, year in periods})
        for kind in kinds:
            spec = MeasureSpec("", "member", key[1], key[2], kind)
            chosen = [
                i for i, p in enumerate(periods) if _kind_of(specs[key], p[2], default) == kind
            ]
            asked = [(periods[i][0], periods[i][1], count(key, periods[i][2])) for i in chosen]
            records = read_records(ledger, group, spec, member_ids, asked[0][0], asked[-1][1])
            for member in members:
                found = member_cells(records, member, asked, excuses, today)
                for i, cell in zip(chosen, found, strict=True):
                    out[member.id][i] = cell
        return out

    surveys = cells(plans.SURVEYS_KEY, "", week_periods)
    highlights = cells(plans.HIGHLIGHTS_KEY, "", month_periods)
    meetings = cells(plans.MEETINGS_KEY, "collective", month_periods)
    rows = tuple(
        MemberTargets(
            member_id=member.id,
            name=member.name,
            party_group_id=member.party_group_id,
            surveys=tuple(surveys[member.id]),
            highlights=tuple(highlights[member.id]),
            meetings=tuple(meetings[member.id]),
        )
        for member in members
    )
    held = []
    meetings_of: dict[str, tuple[Rows, list[Date]]] = {}  # per kind: the span's sessions, days
    for month, month_end, year in month_periods:
        kind = _kind_of(specs[plans.MEETINGS_KEY], year, "collective")
        if kind not in meetings_of:
            spec = MeasureSpec("", "group", "month", "session", kind)
            found = _group_records(group, spec, month_periods[0][0], month_periods[-1][1])
            meetings_of[kind] = (found, [d for d, _i in found])
        found, days = meetings_of[kind]
        # The group's row is not excused by a month without working days (it never was).
        ids = [i for _d, i in _in(found, month, month_end, days)]
        held.append(_cell(ids, count(plans.MEETINGS_KEY, year), month, month_end, "", today))
    return TargetsMatrix(
        start=start,
        end=end,
        today=today,
        targets={name: count(key, start.year) for name, key in plans.TARGET_KEYS.items()},
        weeks=tuple(weeks),
        months=tuple(months),
        rows=rows,
        meetings_held=tuple(held),
        fallback_years=tuple(calendar.fallback_years(range(first_day.year, last_day.year + 1))),
    )


# -- for the home page ----------------------------------------------------------------------------


def members_without_survey(
    ledger: Ledger, week_start: Date, today: Date | None = None
) -> tuple[MemberRef, ...]:
    """Group members short of the week's survey target and not excused (the week of ``week_start``)."""
    monday = week_of(week_start)
    matrix = targets_matrix(ledger, monday, monday + datetime.timedelta(days=6), today)
    return tuple(
        MemberRef(row.member_id, row.name)
        for row in matrix.rows
        if row.surveys[0].status in (MISSED, FUTURE)
        and row.surveys[0].count < row.surveys[0].target
    )


def members_without_highlight(
    ledger: Ledger, year: int, month: int, today: Date | None = None
) -> tuple[MemberRef, ...]:
    """Group members short of the month's highlight target and not excused."""
    first, last = month_range(year, month)
    matrix = targets_matrix(ledger, first, last, today)
    index = matrix.months.index(first)
    return tuple(
        MemberRef(row.member_id, row.name)
        for row in matrix.rows
        if row.highlights[index].status in (MISSED, FUTURE)
        and row.highlights[index].count < row.highlights[index].target
    )


def collective_meeting_held(ledger: Ledger, year: int, month: int) -> tuple[uuid.UUID, ...]:
    """The collective meetings of a month (the home page's "was this month's meeting held")."""
    first, last = month_range(year, month)
    return tuple(s for _d, s in _collective_meetings(require_group(ledger), first, last))
