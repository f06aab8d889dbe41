"""The targets matrix: each group member against the group's rules, week by week and month by month.

Rules (targets in Settings "targets"): surveys per member per ISO week, highlights per member per
month, collective meetings held by the group per month and attended by each member. Each cell is

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

from db import clock, settings
from db.ledger import Ledger
from db.models import Attendance, Highlight, Member, StudySession, Survey, SurveyParticipant
from db.services.base import require_group
from db.services.leave import leave_periods
from db.statistics import MemberRef, Roster, month_range
from db.workdays import AM, PM, WorkCalendar, slot

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


def _as_uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _as_date(value: object) -> Date:
    return value if isinstance(value, Date) else Date.fromisoformat(str(value)[:10])


def _weekly_surveys(
    ledger: Ledger, group: object, member_ids: Iterable[uuid.UUID], start: Date, end: Date
) -> dict[tuple[uuid.UUID, Date], list[uuid.UUID]]:
    """Survey ids per (member, Monday of the week), by date.

    A busy year holds tens of thousands of participations: the rows are read straight from the
    cursor, with member ids and dates converted once per distinct value rather than per row.
    """
    ids = list(member_ids)
    found: dict[tuple[uuid.UUID, Date], list[tuple[Date, uuid.UUID]]] = {}
    if not ids:
        return {}
    # The members are picked in Python: with "member IN (…)" SQLite looks every member up for
    # every survey (0.75 s for one month of the benchmark database against 0.02 s without).
    wanted = set(ids)
    query = (
        SurveyParticipant.select(SurveyParticipant.member, Survey.date, Survey.id)
        .join(Survey)
        .where((Survey.group == group) & Survey.date.between(start, end))
    )
    members: dict[object, uuid.UUID | None] = {}
    mondays: dict[object, tuple[Date, Date]] = {}
    for raw_member, raw_day, raw_survey in ledger.db.execute(query).fetchall():
        if raw_member in members:
            member = members[raw_member]
        else:
            member = _as_uuid(raw_member)
            member = members[raw_member] = member if member in wanted else None
        if member is None:
            continue
        when = mondays.get(raw_day)
        if when is None:
            day = _as_date(raw_day)
            when = mondays[raw_day] = (day, week_of(day))
        found.setdefault((member, when[1]), []).append((when[0], _as_uuid(raw_survey)))
    return {key: [i for _d, i in sorted(rows)] for key, rows in found.items()}


def _member_highlights(
    group: object, member_ids: Iterable[uuid.UUID], months: Sequence[Date]
) -> dict[tuple[uuid.UUID, Date], list[uuid.UUID]]:
    ids = list(member_ids)
    found: dict[tuple[uuid.UUID, Date], list[uuid.UUID]] = {}
    if not ids or not months:
        return found
    for member_id, highlight_id, month in (
        Highlight.select(Highlight.member, Highlight.id, Highlight.month)
        .where(
            (Highlight.group == group)
            & Highlight.month.in_(list(months))
            & Highlight.member.in_(ids)
        )
        .order_by(Highlight.id)
        .tuples()
    ):
        found.setdefault((member_id, month), []).append(highlight_id)
    return found


def _collective_meetings(group: object, start: Date, end: Date) -> list[tuple[uuid.UUID, Date]]:
    return sorted(
        (day, session_id)
        for session_id, day in StudySession.select(StudySession.id, StudySession.date)
        .where(
            (StudySession.group == group)
            & (StudySession.kind == "collective")
            & StudySession.date.between(start, end)
        )
        .tuples()
    )


def _meeting_attendance(
    group: object, start: Date, end: Date
) -> dict[uuid.UUID, list[tuple[Date, uuid.UUID, bool, str]]]:
    found: dict[uuid.UUID, list[tuple[Date, uuid.UUID, bool, str]]] = {}
    for member_id, session_id, day, present, reason in (
        Attendance.select(
            Attendance.member,
            StudySession.id,
            StudySession.date,
            Attendance.present,
            Attendance.absence_reason,
        )
        .join(StudySession)
        .where(
            (StudySession.group == group)
            & (StudySession.kind == "collective")
            & StudySession.date.between(start, end)
        )
        .tuples()
    ):
        found.setdefault(member_id, []).append((day, session_id, bool(present), reason))
    for rows in found.values():
        rows.sort()
    return found


def _in(rows: Iterable[tuple[Date, uuid.UUID]], start: Date, end: Date) -> list[uuid.UUID]:
    return [record_id for day, record_id in rows if start <= day <= end]


# -- the matrix -----------------------------------------------------------------------------------


def targets_matrix(
    ledger: Ledger, start: Date, end: Date, today: Date | None = None
) -> TargetsMatrix:
    """The targets matrix of every group member (not branch-only) whose term meets [start, end]."""
    if end < start:
        raise ValueError("end before start")
    today = today or clock.today()
    group = require_group(ledger)
    targets = settings.get(ledger, "targets")
    calendar = WorkCalendar.load()
    roster = Roster(ledger)
    members = roster.group_members(start, end)
    weeks = weeks_between(start, end, calendar)
    months = months_between(start, end)
    first_day = min(weeks[0].start, months[0])
    last_day = max(weeks[-1].end, month_range(months[-1].year, months[-1].month)[1])
    excuses = _Excuses(calendar, roster, leave_periods(ledger, first_day, last_day))

    survey_target = int(targets["surveys_per_week"])
    highlight_target = int(targets["highlights_per_month"])
    meeting_target = int(targets["collective_meetings_per_month"])
    member_ids = [m.id for m in members]
    surveys = _weekly_surveys(ledger, group, member_ids, weeks[0].start, weeks[-1].end)
    highlights = _member_highlights(group, member_ids, months)
    month_ends = {m: month_range(m.year, m.month)[1] for m in months}
    meetings = _collective_meetings(group, months[0], last_day)
    attendance = _meeting_attendance(group, months[0], last_day)

    rows = []
    for member in members:
        survey_cells = tuple(
            _cell(
                surveys.get((member.id, w.start), []),
                survey_target,
                w.start,
                w.end,
                excuses.reason(member, w.start, w.end),
                today,
            )
            for w in weeks
        )
        highlight_cells = []
        meeting_cells = []
        for month in months:
            month_end = month_ends[month]
            excuse = excuses.reason(member, month, month_end)
            highlight_cells.append(
                _cell(
                    highlights.get((member.id, month), []),
                    highlight_target,
                    month,
                    month_end,
                    excuse,
                    today,
                )
            )
            rows_of_month = [r for r in attendance.get(member.id, ()) if month <= r[0] <= month_end]
            meeting_cells.append(
                _meeting_cell(
                    [session_id for _d, session_id, present, _r in rows_of_month if present],
                    [
                        (session_id, reason)
                        for _d, session_id, present, reason in rows_of_month
                        if not present
                    ],
                    meeting_target,
                    month,
                    month_end,
                    excuse,
                    today,
                )
            )
        rows.append(
            MemberTargets(
                member_id=member.id,
                name=member.name,
                party_group_id=member.party_group_id,
                surveys=survey_cells,
                highlights=tuple(highlight_cells),
                meetings=tuple(meeting_cells),
            )
        )

    held = tuple(
        _cell(
            _in(meetings, month, month_ends[month]),
            meeting_target,
            month,
            month_ends[month],
            "",
            today,
        )
        for month in months
    )
    return TargetsMatrix(
        start=start,
        end=end,
        today=today,
        targets=dict(targets),
        weeks=tuple(weeks),
        months=tuple(months),
        rows=tuple(rows),
        meetings_held=held,
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
