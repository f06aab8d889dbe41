"""The ledger's figures as plain data: a month for the bulletin, a year for the summary, one member's term.

Everything is counted by the database (COUNT / SUM with GROUP BY through peewee expressions) over date
ranges computed here in Python, so the same code runs on SQLite and PostgreSQL and a year of 100,000
records is summed in a few queries. Sums of decimal columns are taken over integers (the value times
10^places, rounded), which is exact on both databases: SQLite would otherwise add binary floats.

Conventions, so that every figure can be traced to its records:
- a session, survey, spot check or achievement belongs to the month of its date; a highlight to its
  month; a research report to the month it was completed; a leave request to the month it starts,
  with all its days;
- leave counts only approved or returned requests of real leave, with the days a request counts for
  (db.services.leave.counted_days: the days actually taken once returned, else the corrected days,
  else the computed ones); business trips (因公外出) are listed apart and never counted as leave;
- "group members" are members who are not branch-only and whose term meets the period; they are the
  ones a "who has none" list names;
- an achievement without a count counts as one (one project, one delegation, one article).
"""

from __future__ import annotations

import datetime
import uuid
from collections import namedtuple
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import SQL, Case, ColumnBase, Field, fn

from db.common import clock
from db.rules import vocab
from db.services.base import require_group
from db.services.leave import TAKEN, counted_days, counted_days_sql
from db.services.members import members
from db.store.ledger import Ledger
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    Highlight,
    LeaveRequest,
    Member,
    PartyGroup,
    PartyGroupLeader,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
    WorkGroup,
)

Date = datetime.date
COUNTED_LEAVE_TYPES = tuple(
    code for code in vocab.codes("leave_type") if code not in vocab.NOT_COUNTED_AS_LEAVE
)
AMOUNT_PLACES = 4  # 万元, as Achievement.amount keeps it
DAYS_PLACES = 1  # working days and training hours


# -- plain data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRef:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class MemberCount:
    member_id: uuid.UUID
    name: str
    count: int


@dataclass(frozen=True)
class Absentee:
    member_id: uuid.UUID
    name: str
    reason: str  # absence_reason code ("leave", "official", "other") or ""
    note: str


@dataclass(frozen=True)
class SessionAttendance:
    """One study session with its attendance: present of expected, and who was absent and why."""

    id: uuid.UUID
    date: Date
    start_time: datetime.time | None
    kind: str
    topic: str
    form: str
    place: str
    scope_id: uuid.UUID | None  # None: the whole branch
    scope_name: str
    host: str
    training_hours: Decimal | None
    present: int
    expected: int
    absentees: tuple[Absentee, ...]


@dataclass(frozen=True)
class SessionCounts:
    collective: int
    party_group: int
    training: int
    party_day: int
    other: int
    training_hours: Decimal  # of the trainings

    @property
    def total(self) -> int:
        return self.collective + self.party_group + self.training + self.party_day + self.other


@dataclass(frozen=True)
class SurveyMonth:
    count: int
    participations: int  # 人次: one per participant of each survey
    by_kind: Mapping[str, int]  # every survey_kind code, zero-filled
    bodies: tuple[str, ...]  # distinct bodies visited, in order of the first visit
    per_member: tuple[MemberCount, ...]  # group members (zero included), then others who went
    members_without: tuple[MemberRef, ...]


@dataclass(frozen=True)
class HighlightItem:
    id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    month: Date
    title: str
    text: str
    category: str
    featured: bool


@dataclass(frozen=True)
class HighlightMonth:
    count: int
    items: tuple[HighlightItem, ...]  # featured first, then in member order
    members_without: tuple[MemberRef, ...]


@dataclass(frozen=True)
class LeaveItem:
    id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    leave_type: str
    start_date: Date
    start_half: str
    end_date: Date
    end_half: str
    days: Decimal  # the days it counts for (taken once returned, else corrected, else computed)
    status: str
    return_date: Date | None
    return_half: str
    approver: str
    destination: str

    @property
    def counted_as_leave(self) -> bool:
        return self.leave_type not in vocab.NOT_COUNTED_AS_LEAVE


@dataclass(frozen=True)
class LeaveSum:
    count: int
    days: Decimal


@dataclass(frozen=True)
class LeaveMonth:
    requests: tuple[LeaveItem, ...]  # approved/returned real leave starting in the month
    by_type: Mapping[str, LeaveSum]  # every counted leave type, zero-filled
    total: LeaveSum
    business_trips: tuple[LeaveItem, ...]  # approved/returned trips starting in the month
    returns: tuple[LeaveItem, ...]  # reported back within the month (trips included)
    overdue: tuple[LeaveItem, ...]  # as of ``today``, started by the month's end (trips included)
    pending: tuple[LeaveItem, ...]  # awaiting approval as of ``today``, started or entered by the
    # month's end


@dataclass(frozen=True)
class NotAtPost:
    check_id: uuid.UUID
    date: Date
    member_id: uuid.UUID
    name: str
    note: str


@dataclass(frozen=True)
class SpotCheckMonth:
    checks: int
    members_checked: int  # result rows: one per member checked in each check
    by_result: Mapping[str, int]  # every check_result code, zero-filled
    not_at_post: tuple[NotAtPost, ...]


@dataclass(frozen=True)
class AchievementSum:
    kind: str
    records: int
    amount: Decimal  # 万元
    count: int  # a record without a count counts as one


@dataclass(frozen=True)
class ReportItem:
    id: uuid.UUID
    title: str
    completion_date: Date | None
    authors: tuple[str, ...]
    submitted_to: str
    award_level: str
    award_rank: str
    award_date: Date | None


@dataclass(frozen=True)
class MonthStats:
    year: int
    month: int
    start: Date
    end: Date
    today: Date
    sessions: tuple[SessionAttendance, ...]  # by date and time
    session_counts: SessionCounts
    surveys: SurveyMonth
    highlights: HighlightMonth
    leave: LeaveMonth
    spot_checks: SpotCheckMonth
    achievements: Mapping[str, AchievementSum]  # every achievement_kind code, zero-filled
    reports: tuple[ReportItem, ...]  # completed in the month


@dataclass(frozen=True)
class YearTotals:
    """The year summary's figures (SPEC §1); year_stats and year_stats_sql both produce these."""

    year: int
    collective_meetings: int
    party_group_sessions: int
    trainings: int
    training_hours: Decimal
    party_days: int
    other_sessions: int
    surveys: int
    surveys_by_kind: Mapping[str, int]
    survey_participations: int
    bodies_visited: int
    highlights: int
    research_reports: int  # completed in the year
    awards_by_level: Mapping[str, int]  # reports completed in the year with an award, per level
    achievements: Mapping[str, AchievementSum]
    leave_by_type: Mapping[str, LeaveSum]  # approved/returned real leave starting in the year
    leave_total: LeaveSum
    business_trips: LeaveSum

    @property
    def consumption_aid_amount(self) -> Decimal:
        return self.achievements["consumption_aid"].amount

    @property
    def projects_signed(self) -> int:
        return self.achievements["project_signed"].count

    @property
    def delegations_received(self) -> int:
        return self.achievements["delegation"].count

    @property
    def promotion_events(self) -> int:
        return self.achievements["promotion_event"].count

    @property
    def publicity_pieces(self) -> int:
        return self.achievements["publicity"].count

    @property
    def awards(self) -> int:
        return sum(self.awards_by_level.values())


@dataclass(frozen=True)
class Branch:
    """The temporary party branch in a period: who belongs to it (members whose term meets it)."""

    name: str
    cadres: int  # group members (挂职干部), party members or not
    party_members: int  # 党员 (中共党员 and 预备党员) among the cadres and the branch-only members
    party_cadres: int  # of them 挂职干部
    party_others: int  # of them branch-only members (e.g. from the higher team)


@dataclass(frozen=True)
class PartyGroupYear:
    id: uuid.UUID
    name: str
    leader: str  # the leader's name, or ""
    members: int  # group members in it whose term meets the period
    sessions: int  # its own sessions (scoped to it) in the period


@dataclass(frozen=True)
class LeaveYear:
    """The year's leave beyond YearTotals: returns, filings and overdue returns (trips included)."""

    returns: int  # requests reported back (销假) within the year
    filed: int  # approved or returned requests starting in the year that were filed (备案)
    overdue: tuple[LeaveItem, ...]  # as of ``today``: started in the year, ended, not reported back


@dataclass(frozen=True)
class YearStats:
    totals: YearTotals
    sessions_per_month: tuple[int, ...]  # 12 values, January first
    surveys_per_month: tuple[int, ...]
    highlights_per_month: tuple[int, ...]
    surveys_per_member: tuple[MemberCount, ...]  # group members (zero included), then others
    branch: Branch
    party_groups: tuple[PartyGroupYear, ...]  # in their order
    unscoped_party_group_sessions: int  # 党小组学习 recorded for no one party small group
    spot_checks: SpotCheckMonth  # the year's, counted as a month's are
    leave: LeaveYear
    highlights_featured: tuple[HighlightItem, ...]  # by month, then in member order
    highlights_by_category: Mapping[str, int]  # every highlight_category code, zero-filled
    today: Date  # the day overdue returns are judged on

    @property
    def counts(self) -> YearCounts:
        return YearCounts(self.totals, len(self.leave.overdue), self.spot_checks.checks)


@dataclass(frozen=True)
class YearCounts:
    """A year's totals with its overdue returns and spot checks counted: the figures of year_stats
    that the team view shows of a group, without the year summary's lists and series."""

    totals: YearTotals
    overdue: int  # approved leave starting in the year, ended before today, not reported back
    spot_checks: int


@dataclass(frozen=True)
class SessionRef:
    id: uuid.UUID
    date: Date
    kind: str
    topic: str


@dataclass(frozen=True)
class MissedSession:
    id: uuid.UUID
    date: Date
    kind: str
    topic: str
    reason: str
    note: str


@dataclass(frozen=True)
class SurveyRef:
    id: uuid.UUID
    date: Date
    kind: str
    visited: str
    topic: str


@dataclass(frozen=True)
class SpotCheckEntry:
    check_id: uuid.UUID
    date: Date
    method: str
    result: str
    note: str


@dataclass(frozen=True)
class AchievementRef:
    id: uuid.UUID
    date: Date
    kind: str
    title: str
    amount: Decimal | None
    count: int | None


@dataclass(frozen=True)
class MemberTerm:
    """Everything one member did between ``start`` and ``end`` (None: no limit), for the member file."""

    member_id: uuid.UUID
    name: str
    party_group: str
    role: str
    status: str
    branch_only: bool
    term_start: Date | None
    term_end: Date | None
    start: Date | None
    end: Date | None
    sessions_attended: tuple[SessionRef, ...]
    sessions_missed: tuple[MissedSession, ...]
    attended_by_kind: Mapping[str, int]
    surveys: tuple[SurveyRef, ...]
    surveys_by_kind: Mapping[str, int]
    highlights: tuple[HighlightItem, ...]
    reports: tuple[ReportItem, ...]  # completed in the period, or not completed yet
    leave: tuple[LeaveItem, ...]  # approved/returned real leave starting in the period
    leave_by_type: Mapping[str, LeaveSum]
    leave_total: LeaveSum
    business_trips: tuple[LeaveItem, ...]
    spot_checks: tuple[SpotCheckEntry, ...]
    spot_check_results: Mapping[str, int]
    achievements: tuple[AchievementRef, ...]


# -- dates and SQL pieces -------------------------------------------------------------------------


def month_range(year: int, month: int) -> tuple[Date, Date]:
    """The first and last day of a month."""
    start = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)


def year_range(year: int) -> tuple[Date, Date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def scaled_sum(expr: ColumnBase, places: int) -> ColumnBase:
    """SUM of a decimal column as an integer of 10^-places units: exact on SQLite (which keeps the
    column as a float) as on PostgreSQL."""
    return fn.SUM(fn.ROUND(expr * (10**places)).cast("BIGINT")).coerce(False)


def unscale(value: Any, places: int) -> Decimal:
    return Decimal(int(value or 0)).scaleb(-places)


def _present() -> ColumnBase:
    return Case(None, [(Attendance.present == True, 1)], 0)  # noqa: E712 - peewee expression


def _zero_filled(kind: str, counts: Mapping[str, int]) -> dict[str, int]:
    out = {code: 0 for code in vocab.codes(kind)}
    for code, count in counts.items():
        out[code] = out.get(code, 0) + int(count or 0)
    return out


def _series(per_day: Iterable[tuple[Date, int]]) -> tuple[int, ...]:
    months = [0] * 12
    for day, count in per_day:
        months[day.month - 1] += int(count)
    return tuple(months)


def _read(ledger: Ledger, query: Any) -> list[Any]:
    """The rows of a select as named tuples, like peewee's ``.namedtuples()``, read straight from the
    cursor with each column's values converted once per distinct value: a year's lists hold
    thousands of rows that name the same 200 members and 365 days, and converting every cell
    (a UUID object, a parsed date) cost more than the query."""
    cursor = ledger.db.execute(query)
    names = [column[0] for column in cursor.description]
    row_type = namedtuple("Row", names, rename=True)  # type: ignore[misc]
    converters = []
    for node in query.selected_columns:
        field = node.unwrap()
        converters.append(field.python_value if isinstance(field, Field) else None)
    memos: list[dict[Any, Any]] = [{} for _ in converters]
    columns = list(zip(converters, memos, strict=True))
    rows = []
    for raw in cursor.fetchall():
        values = []
        for value, (convert, memo) in zip(raw, columns, strict=True):
            if convert is not None and value is not None:
                converted = memo.get(value, memo)
                if converted is memo:
                    converted = memo[value] = convert(value)
                value = converted
            values.append(value)
        rows.append(row_type._make(values))
    return rows


class Roster:
    """The group's members, loaded once: names for ids, the order of lists, who counts when.

    A member's term is his or her own where set, else the group's (SPEC §2: it may differ from it).
    """

    def __init__(self, ledger: Ledger) -> None:
        group = require_group(ledger)
        self.group_term: tuple[Date | None, Date | None] = (
            WorkGroup.select(WorkGroup.term_start, WorkGroup.term_end)
            .where(WorkGroup.id == group)
            .tuples()
            .get()
        )
        query = Member.select(
            Member.id,
            Member.name,
            Member.sort_order,
            Member.branch_only,
            Member.term_start,
            Member.term_end,
            Member.party_group,
            Member.political_status,
        ).where(Member.group == group)
        # Sorted here: SQLite and PostgreSQL collate Chinese names differently.
        self.members: list[Member] = sorted(query, key=lambda m: (m.sort_order, m.name, m.id))
        self.by_id = {m.id: m for m in self.members}
        self.rank = {m.id: index for index, m in enumerate(self.members)}

    def name(self, member_id: uuid.UUID) -> str:
        member = self.by_id.get(member_id)
        return member.name if member is not None else "?"

    def ref(self, member_id: uuid.UUID) -> MemberRef:
        return MemberRef(member_id, self.name(member_id))

    def order(self, member_id: uuid.UUID) -> int:
        return self.rank.get(member_id, len(self.rank))

    def term(self, member: Member) -> tuple[Date | None, Date | None]:
        """The member's term: own dates where set, else the group's; None where open."""
        return (
            member.term_start if member.term_start is not None else self.group_term[0],
            member.term_end if member.term_end is not None else self.group_term[1],
        )

    def group_members(self, start: Date | None, end: Date | None) -> list[Member]:
        """Members counted in per-person targets whose term meets [start, end] (None: open)."""
        out = []
        for m in self.members:
            first, last = self.term(m)
            if (
                not m.branch_only
                and (start is None or last is None or last >= start)
                and (end is None or first is None or first <= end)
            ):
                out.append(m)
        return out

    def meets(self, member: Member, start: Date | None, end: Date | None) -> bool:
        """The member's term meets [start, end] (None: open)."""
        first, last = self.term(member)
        return (start is None or last is None or last >= start) and (
            end is None or first is None or first <= end
        )

    def counts(self, counts: Mapping[uuid.UUID, int], start: Date, end: Date) -> list[MemberCount]:
        """Group members with their counts (zero included), then anyone else who has one."""
        listed = [
            MemberCount(m.id, m.name, int(counts.get(m.id, 0)))
            for m in self.group_members(start, end)
        ]
        seen = {c.member_id for c in listed}
        others = sorted((mid for mid in counts if mid not in seen and counts[mid]), key=self.order)
        listed.extend(MemberCount(mid, self.name(mid), int(counts[mid])) for mid in others)
        return listed


# -- month ----------------------------------------------------------------------------------------


def month_stats(ledger: Ledger, year: int, month: int, today: Date | None = None) -> MonthStats:
    """What the monthly bulletin needs for one month; leave is judged as of ``today`` (the issue
    date): a return or a decision dated after it is not known yet, so the same day gives the same
    figures whenever they are counted."""
    today = today or clock.today()
    group = require_group(ledger)
    start, end = month_range(year, month)
    roster = Roster(ledger)
    sessions = _month_sessions(group, roster, start, end)
    return MonthStats(
        year=year,
        month=month,
        start=start,
        end=end,
        today=today,
        sessions=sessions,
        session_counts=_session_counts(group, start, end),
        surveys=_month_surveys(group, roster, start, end),
        highlights=_month_highlights(ledger, group, roster, start, end),
        leave=_month_leave(ledger, group, roster, start, end, today),
        spot_checks=_month_spot_checks(ledger, group, roster, start, end),
        achievements=_achievement_sums(group, start, end),
        reports=_reports(
            ResearchReport.group == group,
            ResearchReport.completion_date.between(start, end),
            roster=roster,
        ),
    )


def _month_sessions(
    group: Any, roster: Roster, start: Date, end: Date
) -> tuple[SessionAttendance, ...]:
    in_month = (StudySession.group == group) & StudySession.date.between(start, end)
    rows = list(StudySession.select().where(in_month))
    scope_names = dict(
        PartyGroup.select(PartyGroup.id, PartyGroup.name).where(PartyGroup.group == group).tuples()
    )
    tallies = {
        session_id: (int(expected), int(present or 0))
        for session_id, expected, present in (
            Attendance.select(Attendance.session, fn.COUNT(Attendance.id), fn.SUM(_present()))
            .join(StudySession)
            .where(in_month)
            .group_by(Attendance.session)
            .tuples()
        )
    }
    absent: dict[uuid.UUID, list[Absentee]] = {}
    for session_id, member_id, reason, note in (
        Attendance.select(
            Attendance.session, Attendance.member, Attendance.absence_reason, Attendance.note
        )
        .join(StudySession)
        .where(in_month & (Attendance.present == False))  # noqa: E712
        .tuples()
    ):
        absent.setdefault(session_id, []).append(
            Absentee(member_id, roster.name(member_id), reason, note)
        )
    out = []
    for s in rows:
        expected, present = tallies.get(s.id, (0, 0))
        out.append(
            SessionAttendance(
                id=s.id,
                date=s.date,
                start_time=s.start_time,
                kind=s.kind,
                topic=s.topic,
                form=s.form,
                place=s.place,
                scope_id=s.scope_id,
                scope_name=scope_names.get(s.scope_id, "") if s.scope_id else "",
                host=s.host,
                training_hours=s.training_hours,
                present=present,
                expected=expected,
                absentees=tuple(
                    sorted(absent.get(s.id, ()), key=lambda a: roster.order(a.member_id))
                ),
            )
        )
    out.sort(key=lambda s: (s.date, s.start_time or datetime.time.min, s.id))
    return tuple(out)


def _session_counts(group: Any, start: Date, end: Date) -> SessionCounts:
    counts: dict[str, int] = {}
    hours = Decimal(0).scaleb(-DAYS_PLACES)
    for kind, count, scaled_hours in (
        StudySession.select(
            StudySession.kind,
            fn.COUNT(StudySession.id),
            scaled_sum(StudySession.training_hours, DAYS_PLACES),
        )
        .where((StudySession.group == group) & StudySession.date.between(start, end))
        .group_by(StudySession.kind)
        .tuples()
    ):
        counts[kind] = int(count)
        if kind == "training":
            hours = unscale(scaled_hours, DAYS_PLACES)
    known = {"collective", "party_group", "training", "party_day"}
    return SessionCounts(
        collective=counts.get("collective", 0),
        party_group=counts.get("party_group", 0),
        training=counts.get("training", 0),
        party_day=counts.get("party_day", 0),
        other=sum(v for k, v in counts.items() if k not in known),
        training_hours=hours,
    )


def _survey_member_counts(group: Any, start: Date, end: Date) -> dict[uuid.UUID, int]:
    """Participations per member. The surveys are picked in a subquery and the participants counted
    by COUNT(*): both read indexes only (a join counting ids read each participant's row, and took
    three times as long on a year of 80,000 participations)."""
    surveys = Survey.select(Survey.id).where(
        (Survey.group == group) & Survey.date.between(start, end)
    )
    return {
        member_id: int(count)
        for member_id, count in (
            SurveyParticipant.select(SurveyParticipant.member, fn.COUNT(SQL("*")))
            .where(SurveyParticipant.survey.in_(surveys))
            .group_by(SurveyParticipant.member)
            .tuples()
        )
    }


@dataclass(frozen=True)
class _SurveyYear:
    """A period's survey figures from two queries: the surveys per kind, the distinct bodies
    visited, and the participations per member (whose sum is the participations: a participant
    always names a member)."""

    by_kind: dict[str, int]
    bodies: int
    per_member: dict[uuid.UUID, int]

    @property
    def participations(self) -> int:
        return sum(self.per_member.values())


def _survey_year(ledger: Ledger, group: Any, start: Date, end: Date) -> _SurveyYear:
    # One pass over the surveys' rows for both the kinds and the bodies: each (body, kind) once,
    # read straight from the cursor (a busy year visits some ten thousand bodies; all are text).
    counts: dict[str, int] = {}
    bodies = set()
    query = (
        Survey.select(Survey.visited, Survey.kind, fn.COUNT(SQL("*")))
        .where((Survey.group == group) & Survey.date.between(start, end))
        .group_by(Survey.visited, Survey.kind)
    )
    for visited, kind, count in ledger.db.execute(query).fetchall():
        bodies.add(visited)
        counts[kind] = counts.get(kind, 0) + int(count)
    return _SurveyYear(
        by_kind=_zero_filled("survey_kind", counts),
        bodies=len(bodies),
        per_member=_survey_member_counts(group, start, end),
    )


def _survey_kinds(group: Any, start: Date, end: Date) -> dict[str, int]:
    return _zero_filled(
        "survey_kind",
        dict(
            Survey.select(Survey.kind, fn.COUNT(Survey.id))
            .where((Survey.group == group) & Survey.date.between(start, end))
            .group_by(Survey.kind)
            .tuples()
        ),
    )


def _month_surveys(group: Any, roster: Roster, start: Date, end: Date) -> SurveyMonth:
    in_month = (Survey.group == group) & Survey.date.between(start, end)
    by_kind = _survey_kinds(group, start, end)
    # Sorted here rather than by the database, whose collations of Chinese text differ.
    bodies = [
        visited
        for _first, visited in sorted(
            (first, visited)
            for visited, first in Survey.select(Survey.visited, fn.MIN(Survey.date))
            .where(in_month)
            .group_by(Survey.visited)
            .tuples()
        )
    ]
    per_member = _survey_member_counts(group, start, end)
    return SurveyMonth(
        count=sum(by_kind.values()),
        participations=sum(per_member.values()),
        by_kind=by_kind,
        bodies=tuple(bodies),
        per_member=tuple(roster.counts(per_member, start, end)),
        members_without=tuple(
            MemberRef(m.id, m.name)
            for m in roster.group_members(start, end)
            if not per_member.get(m.id)
        ),
    )


def _highlight_rows() -> Any:
    """Highlights with the fields _highlight_item reads, as plain rows: not the time stamps, which cost
    the most to read back, nor a model object each (a month of the generated year has thousands)."""
    return Highlight.select(
        Highlight.id,
        Highlight.member.alias("member_id"),
        Highlight.month,
        Highlight.title,
        Highlight.text,
        Highlight.category,
        Highlight.featured,
    ).namedtuples()


def _highlight_item(h: Any, roster: Roster) -> HighlightItem:
    return HighlightItem(
        id=h.id,
        member_id=h.member_id,
        member_name=roster.name(h.member_id),
        month=h.month,
        title=h.title,
        text=h.text,
        category=h.category,
        featured=bool(h.featured),
    )


def _month_highlights(
    ledger: Ledger, group: Any, roster: Roster, start: Date, end: Date
) -> HighlightMonth:
    rows = _read(
        ledger, _highlight_rows().where((Highlight.group == group) & (Highlight.month == start))
    )
    items = sorted(
        (_highlight_item(h, roster) for h in rows),
        key=lambda h: (not h.featured, roster.order(h.member_id), h.id),
    )
    having = {h.member_id for h in items}
    return HighlightMonth(
        count=len(items),
        items=tuple(items),
        members_without=tuple(
            MemberRef(m.id, m.name) for m in roster.group_members(start, end) if m.id not in having
        ),
    )


def _leave_rows() -> Any:
    """Leave requests with the fields _leave_item reads, as plain rows (see _highlight_rows)."""
    return LeaveRequest.select(
        LeaveRequest.id,
        LeaveRequest.member.alias("member_id"),
        LeaveRequest.leave_type,
        LeaveRequest.start_date,
        LeaveRequest.start_half,
        LeaveRequest.end_date,
        LeaveRequest.end_half,
        LeaveRequest.days,
        LeaveRequest.days_override,
        LeaveRequest.actual_days,
        LeaveRequest.status,
        LeaveRequest.return_date,
        LeaveRequest.return_half,
        LeaveRequest.approver,
        LeaveRequest.destination,
    ).namedtuples()


def _leave_item(r: Any, roster: Roster, as_of: Date | None = None) -> LeaveItem:
    return LeaveItem(
        id=r.id,
        member_id=r.member_id,
        member_name=roster.name(r.member_id),
        leave_type=r.leave_type,
        start_date=r.start_date,
        start_half=r.start_half,
        end_date=r.end_date,
        end_half=r.end_half,
        days=counted_days(r, as_of),
        status=r.status,
        return_date=r.return_date,
        return_half=r.return_half,
        approver=r.approver,
        destination=r.destination,
    )


def _leave_sums(
    *where: Any, as_of: Date | None = None
) -> tuple[dict[str, LeaveSum], LeaveSum, LeaveSum]:
    """Approved or returned requests matching ``where``, per counted leave type, their total, and
    the business trips apart; ``as_of``: only those decided by then, with the days known then."""
    by_type = {code: LeaveSum(0, Decimal(0).scaleb(-DAYS_PLACES)) for code in COUNTED_LEAVE_TYPES}
    trips = LeaveSum(0, Decimal(0).scaleb(-DAYS_PLACES))
    query = (
        LeaveRequest.select(
            LeaveRequest.leave_type,
            fn.COUNT(LeaveRequest.id),
            scaled_sum(counted_days_sql(as_of), DAYS_PLACES),
        )
        .where(
            LeaveRequest.status.in_(TAKEN),
            *where,
            *([] if as_of is None else [~_decided_after(as_of)]),
        )
        .group_by(LeaveRequest.leave_type)
        .tuples()
    )
    for leave_type, count, scaled_days in query:
        found = LeaveSum(int(count), unscale(scaled_days, DAYS_PLACES))
        if leave_type in vocab.NOT_COUNTED_AS_LEAVE:
            trips = LeaveSum(trips.count + found.count, trips.days + found.days)
        else:
            by_type[leave_type] = found
    total = LeaveSum(
        sum(s.count for s in by_type.values()),
        sum((s.days for s in by_type.values()), Decimal(0).scaleb(-DAYS_PLACES)),
    )
    return by_type, total, trips


def _decided_after(day: Date) -> Any:
    """Approved or refused after ``day``: still waiting as of that day."""
    return LeaveRequest.approval_date.is_null(False) & (LeaveRequest.approval_date > day)


def _leave_order(item: LeaveItem, roster: Roster) -> tuple[Any, ...]:
    return (item.start_date, item.start_half, roster.order(item.member_id), item.id)


def _month_leave(
    ledger: Ledger, group: Any, roster: Roster, start: Date, end: Date, today: Date
) -> LeaveMonth:
    in_group = LeaveRequest.group == group
    starts_in_month = LeaveRequest.start_date.between(start, end)
    by_type, total, _trips = _leave_sums(in_group, starts_in_month, as_of=today)
    entered_by = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    back_by_then = LeaveRequest.return_date.is_null(False) & (LeaveRequest.return_date <= today)
    decided_later = _decided_after(today)
    waiting = ((LeaveRequest.status == "pending") | decided_later) & (
        (LeaveRequest.start_date <= end) | (LeaveRequest.created_at < entered_by)
    )
    relevant = (
        (starts_in_month & LeaveRequest.status.in_(TAKEN))
        | LeaveRequest.return_date.between(start, min(end, today))
        | (
            LeaveRequest.status.in_(TAKEN)
            & ~back_by_then
            & (LeaveRequest.end_date < today)
            & (LeaveRequest.start_date <= end)
        )
        | waiting
    )
    pending = {
        request_id
        for (request_id,) in LeaveRequest.select(LeaveRequest.id).where(in_group & waiting).tuples()
    }
    items = sorted(
        (
            _leave_item(r, roster, today)
            for r in _read(ledger, _leave_rows().where(in_group & relevant))
        ),
        key=lambda i: _leave_order(i, roster),
    )
    started = [
        i
        for i in items
        if start <= i.start_date <= end and i.status in TAKEN and i.id not in pending
    ]
    return LeaveMonth(
        requests=tuple(i for i in started if i.counted_as_leave),
        by_type=by_type,
        total=total,
        business_trips=tuple(i for i in started if not i.counted_as_leave),
        returns=tuple(
            sorted(
                (
                    i
                    for i in items
                    if i.return_date is not None and start <= i.return_date <= min(end, today)
                ),
                key=lambda i: (i.return_date, i.return_half, roster.order(i.member_id), i.id),
            )
        ),
        overdue=tuple(
            sorted(
                (
                    i
                    for i in items
                    if i.status in TAKEN
                    and (i.return_date is None or i.return_date > today)
                    and i.end_date < today
                    and i.start_date <= end
                ),
                key=lambda i: (i.end_date, roster.order(i.member_id), i.id),
            )
        ),
        pending=tuple(i for i in items if i.id in pending),
    )


def _month_spot_checks(
    ledger: Ledger, group: Any, roster: Roster, start: Date, end: Date
) -> SpotCheckMonth:
    in_month = _spot_checks_in(group, start, end)
    checks = SpotCheck.select().where(in_month).count()
    by_result = _zero_filled(
        "check_result",
        dict(
            SpotCheckResult.select(SpotCheckResult.result, fn.COUNT(SpotCheckResult.id))
            .join(SpotCheck)
            .where(in_month)
            .group_by(SpotCheckResult.result)
            .tuples()
        ),
    )
    absent = [
        NotAtPost(check_id, day, member_id, roster.name(member_id), note)
        for check_id, day, member_id, note in _read(
            ledger,
            SpotCheckResult.select(
                SpotCheckResult.check, SpotCheck.date, SpotCheckResult.member, SpotCheckResult.note
            )
            .join(SpotCheck)
            .where(in_month & (SpotCheckResult.result == "absent")),
        )
    ]
    absent.sort(key=lambda a: (a.date, roster.order(a.member_id), a.check_id))
    return SpotCheckMonth(
        checks=checks,
        members_checked=sum(by_result.values()),
        by_result=by_result,
        not_at_post=tuple(absent),
    )


def _achievement_sums(group: Any, start: Date, end: Date) -> dict[str, AchievementSum]:
    out = {
        code: AchievementSum(code, 0, Decimal(0).scaleb(-AMOUNT_PLACES), 0)
        for code in vocab.codes("achievement_kind")
    }
    for kind, records, scaled_amount, count in (
        Achievement.select(
            Achievement.kind,
            fn.COUNT(Achievement.id),
            scaled_sum(Achievement.amount, AMOUNT_PLACES),
            fn.SUM(fn.COALESCE(Achievement.count, 1)).coerce(False),
        )
        .where((Achievement.group == group) & Achievement.date.between(start, end))
        .group_by(Achievement.kind)
        .tuples()
    ):
        out[kind] = AchievementSum(
            kind, int(records), unscale(scaled_amount, AMOUNT_PLACES), int(count or 0)
        )
    return out


def _reports(*where: Any, roster: Roster) -> tuple[ReportItem, ...]:
    rows = list(ResearchReport.select().where(*where))
    if not rows:
        return ()
    authors: dict[uuid.UUID, list[str]] = {}
    for report_id, member_id in (
        ReportAuthor.select(ReportAuthor.report, ReportAuthor.member)
        .where(ReportAuthor.report.in_([r.id for r in rows]))
        .order_by(ReportAuthor.position, ReportAuthor.id)
        .tuples()
    ):
        authors.setdefault(report_id, []).append(roster.name(member_id))
    items = [
        ReportItem(
            id=r.id,
            title=r.title,
            completion_date=r.completion_date,
            authors=tuple(authors.get(r.id, ())),
            submitted_to=r.submitted_to,
            award_level=r.award_level,
            award_rank=r.award_rank,
            award_date=r.award_date,
        )
        for r in rows
    ]
    items.sort(key=lambda r: (r.completion_date or datetime.date.max, r.title, r.id))
    return tuple(items)


# -- year -----------------------------------------------------------------------------------------


def year_totals(ledger: Ledger, year: int) -> YearTotals:
    """The year summary's totals, through peewee's expressions."""
    group = require_group(ledger)
    start, end = year_range(year)
    return _year_totals(group, year, _survey_year(ledger, group, start, end))


def _year_totals(group: Any, year: int, surveys: _SurveyYear) -> YearTotals:
    start, end = year_range(year)
    sessions = _session_counts(group, start, end)
    by_kind = surveys.by_kind
    highlights = (
        Highlight.select()
        .where((Highlight.group == group) & Highlight.month.between(start, end))
        .count()
    )
    reported = (ResearchReport.group == group) & ResearchReport.completion_date.between(start, end)
    reports = ResearchReport.select().where(reported).count()
    awards = _zero_filled(
        "award_level",
        dict(
            ResearchReport.select(ResearchReport.award_level, fn.COUNT(ResearchReport.id))
            .where(reported & (ResearchReport.award_level != ""))
            .group_by(ResearchReport.award_level)
            .tuples()
        ),
    )
    leave_by_type, leave_total, trips = _leave_sums(
        LeaveRequest.group == group, LeaveRequest.start_date.between(start, end)
    )
    return YearTotals(
        year=year,
        collective_meetings=sessions.collective,
        party_group_sessions=sessions.party_group,
        trainings=sessions.training,
        training_hours=sessions.training_hours,
        party_days=sessions.party_day,
        other_sessions=sessions.other,
        surveys=sum(by_kind.values()),
        surveys_by_kind=by_kind,
        survey_participations=surveys.participations,
        bodies_visited=surveys.bodies,
        highlights=highlights,
        research_reports=reports,
        awards_by_level=awards,
        achievements=_achievement_sums(group, start, end),
        leave_by_type=leave_by_type,
        leave_total=leave_total,
        business_trips=trips,
    )


PARTY_STATUSES = ("cpc_member", "cpc_probationary")


def _branch(group: Any, roster: Roster, start: Date, end: Date) -> Branch:
    name = WorkGroup.select(WorkGroup.branch_name).where(WorkGroup.id == group).scalar() or ""
    in_period = [m for m in roster.members if roster.meets(m, start, end)]
    party = [m for m in in_period if m.political_status in PARTY_STATUSES]
    return Branch(
        name=name,
        cadres=sum(1 for m in in_period if not m.branch_only),
        party_members=len(party),
        party_cadres=sum(1 for m in party if not m.branch_only),
        party_others=sum(1 for m in party if m.branch_only),
    )


def _party_groups(
    group: Any, roster: Roster, start: Date, end: Date
) -> tuple[tuple[PartyGroupYear, ...], int]:
    """Each party small group with its leader, members and own sessions; and the 党小组学习
    sessions recorded for none of them."""
    rows = sorted(
        PartyGroup.select(PartyGroup.id, PartyGroup.name, PartyGroup.sort_order)
        .where(PartyGroup.group == group)
        .tuples(),
        key=lambda r: (r[2], r[1], r[0]),
    )
    leaders = dict(
        PartyGroupLeader.select(PartyGroupLeader.party_group, PartyGroupLeader.member)
        .join(PartyGroup)
        .where(PartyGroup.group == group)
        .tuples()
    )
    in_year = (StudySession.group == group) & StudySession.date.between(start, end)
    sessions = dict(
        StudySession.select(StudySession.scope, fn.COUNT(StudySession.id))
        .where(in_year & StudySession.scope.is_null(False))
        .group_by(StudySession.scope)
        .tuples()
    )
    unscoped = (
        StudySession.select()
        .where(in_year & StudySession.scope.is_null() & (StudySession.kind == "party_group"))
        .count()
    )
    counted = roster.group_members(start, end)
    groups = tuple(
        PartyGroupYear(
            id=pg_id,
            name=name,
            leader=roster.name(leaders[pg_id]) if pg_id in leaders else "",
            members=sum(1 for m in counted if m.party_group_id == pg_id),
            sessions=int(sessions.get(pg_id, 0)),
        )
        for pg_id, name, _order in rows
    )
    return groups, unscoped


def _leave_year(
    ledger: Ledger, group: Any, roster: Roster, start: Date, end: Date, today: Date
) -> LeaveYear:
    in_group = LeaveRequest.group == group
    returns = LeaveRequest.select().where(in_group & LeaveRequest.return_date.between(start, end))
    filed = LeaveRequest.select().where(
        in_group
        & LeaveRequest.start_date.between(start, end)
        & LeaveRequest.status.in_(TAKEN)
        & LeaveRequest.filed_date.is_null(False)
    )
    overdue = sorted(
        (
            _leave_item(r, roster)
            for r in _read(ledger, _leave_rows().where(_overdue_in_year(group, start, end, today)))
        ),
        key=lambda i: (i.end_date, roster.order(i.member_id), i.id),
    )
    return LeaveYear(returns=returns.count(), filed=filed.count(), overdue=tuple(overdue))


def _overdue_in_year(group: Any, start: Date, end: Date, today: Date) -> Any:
    """Approved leave starting in [start, end], ended before ``today`` and not reported back."""
    return (
        (LeaveRequest.group == group)
        & LeaveRequest.start_date.between(start, end)
        & (LeaveRequest.status == "approved")
        & LeaveRequest.return_date.is_null()
        & (LeaveRequest.end_date < today)
    )


def _spot_checks_in(group: Any, start: Date, end: Date) -> Any:
    return (SpotCheck.group == group) & SpotCheck.date.between(start, end)


def year_counts(ledger: Ledger, year: int, today: Date | None = None) -> YearCounts:
    """year_stats(...).counts, counted without reading the year's lists and series (the team view
    asks it of every group on a server)."""
    today = today or clock.today()
    group = require_group(ledger)
    start, end = year_range(year)
    return YearCounts(
        totals=year_totals(ledger, year),
        overdue=LeaveRequest.select().where(_overdue_in_year(group, start, end, today)).count(),
        spot_checks=SpotCheck.select().where(_spot_checks_in(group, start, end)).count(),
    )


def year_stats(ledger: Ledger, year: int, today: Date | None = None) -> YearStats:
    """The year's totals, with the per-month series and the surveys per member for the charts, the
    branch and its party small groups, spot checks, and leave beyond the totals (overdue returns
    as of ``today``)."""
    today = today or clock.today()
    group = require_group(ledger)
    start, end = year_range(year)
    roster = Roster(ledger)
    sessions = (
        StudySession.select(StudySession.date, fn.COUNT(StudySession.id))
        .where((StudySession.group == group) & StudySession.date.between(start, end))
        .group_by(StudySession.date)
        .tuples()
    )
    surveys = (
        Survey.select(Survey.date, fn.COUNT(Survey.id))
        .where((Survey.group == group) & Survey.date.between(start, end))
        .group_by(Survey.date)
        .tuples()
    )
    highlights = (
        Highlight.select(Highlight.month, fn.COUNT(Highlight.id))
        .where((Highlight.group == group) & Highlight.month.between(start, end))
        .group_by(Highlight.month)
        .tuples()
    )
    in_year = (Highlight.group == group) & Highlight.month.between(start, end)
    categories = _zero_filled(
        "highlight_category",
        dict(
            Highlight.select(Highlight.category, fn.COUNT(Highlight.id))
            .where(in_year)
            .group_by(Highlight.category)
            .tuples()
        ),
    )
    featured = sorted(
        (
            _highlight_item(h, roster)
            for h in _read(
                ledger,
                _highlight_rows().where(in_year & (Highlight.featured == True)),  # noqa: E712
            )
        ),
        key=lambda h: (h.month, roster.order(h.member_id), h.id),
    )
    party_groups, unscoped = _party_groups(group, roster, start, end)
    survey_year = _survey_year(ledger, group, start, end)
    return YearStats(
        totals=_year_totals(group, year, survey_year),
        sessions_per_month=_series(sessions),
        surveys_per_month=_series(surveys),
        highlights_per_month=_series(highlights),
        surveys_per_member=tuple(roster.counts(survey_year.per_member, start, end)),
        branch=_branch(group, roster, start, end),
        party_groups=party_groups,
        unscoped_party_group_sessions=unscoped,
        spot_checks=_month_spot_checks(ledger, group, roster, start, end),
        leave=_leave_year(ledger, group, roster, start, end, today),
        highlights_featured=tuple(featured),
        highlights_by_category=categories,
        today=today,
    )


# The same totals in hand-written SQL, for the benchmark's comparison. Table and column names are
# those of migration 0001; "count" is quoted because it is also a function's name.
_SQL_SESSIONS = """
SELECT kind, COUNT(*), SUM(CAST(ROUND(training_hours * 10) AS BIGINT))
FROM study_session WHERE group_id = {p} AND "date" >= {p} AND "date" <= {p} GROUP BY kind"""
_SQL_SURVEYS = """
SELECT kind, COUNT(*) FROM survey
WHERE group_id = {p} AND "date" >= {p} AND "date" <= {p} GROUP BY kind"""
_SQL_PARTICIPATIONS = """
SELECT COUNT(*) FROM survey_participant sp JOIN survey s ON s.id = sp.survey_id
WHERE s.group_id = {p} AND s."date" >= {p} AND s."date" <= {p}"""
_SQL_BODIES = """
SELECT COUNT(DISTINCT visited) FROM survey WHERE group_id = {p} AND "date" >= {p} AND "date" <= {p}"""
_SQL_HIGHLIGHTS = """
SELECT COUNT(*) FROM highlight WHERE group_id = {p} AND "month" >= {p} AND "month" <= {p}"""
_SQL_REPORTS = """
SELECT award_level, COUNT(*) FROM research_report
WHERE group_id = {p} AND completion_date >= {p} AND completion_date <= {p} GROUP BY award_level"""
_SQL_ACHIEVEMENTS = """
SELECT kind, COUNT(*), SUM(CAST(ROUND(amount * 10000) AS BIGINT)), SUM(COALESCE("count", 1))
FROM achievement WHERE group_id = {p} AND "date" >= {p} AND "date" <= {p} GROUP BY kind"""
_SQL_LEAVE = """
SELECT leave_type, COUNT(*),
       SUM(CAST(ROUND(COALESCE(actual_days, days_override, days) * 10) AS BIGINT))
FROM leave_request
WHERE group_id = {p} AND start_date >= {p} AND start_date <= {p} AND status IN ({p}, {p})
GROUP BY leave_type"""


def year_stats_sql(ledger: Ledger, year: int) -> YearTotals:
    """year_totals computed with hand-written, parameterised, portable SQL (for the benchmark)."""
    group = LeaveRequest.group.db_value(require_group(ledger))
    start, end = (d.isoformat() for d in year_range(year))
    window = (group, start, end)

    def rows(sql: str, *params: Any) -> list[tuple[Any, ...]]:
        text = sql.format(p=ledger.db.param)
        return list(ledger.db.execute_sql(text, params).fetchall())

    sessions: dict[str, int] = {}
    hours = Decimal(0).scaleb(-DAYS_PLACES)
    for kind, count, scaled_hours in rows(_SQL_SESSIONS, *window):
        sessions[kind] = int(count)
        if kind == "training":
            hours = unscale(scaled_hours, DAYS_PLACES)
    known = {"collective", "party_group", "training", "party_day"}
    by_kind = _zero_filled("survey_kind", {k: int(c) for k, c in rows(_SQL_SURVEYS, *window)})
    reports = rows(_SQL_REPORTS, *window)
    achievements = {
        code: AchievementSum(code, 0, Decimal(0).scaleb(-AMOUNT_PLACES), 0)
        for code in vocab.codes("achievement_kind")
    }
    for kind, records, scaled_amount, count in rows(_SQL_ACHIEVEMENTS, *window):
        achievements[kind] = AchievementSum(
            kind, int(records), unscale(scaled_amount, AMOUNT_PLACES), int(count or 0)
        )
    zero_days = Decimal(0).scaleb(-DAYS_PLACES)
    leave_by_type = {code: LeaveSum(0, zero_days) for code in COUNTED_LEAVE_TYPES}
    trips = LeaveSum(0, zero_days)
    for leave_type, count, scaled_days in rows(_SQL_LEAVE, *window, *TAKEN):
        found = LeaveSum(int(count), unscale(scaled_days, DAYS_PLACES))
        if leave_type in vocab.NOT_COUNTED_AS_LEAVE:
            trips = LeaveSum(trips.count + found.count, trips.days + found.days)
        else:
            leave_by_type[leave_type] = found
    return YearTotals(
        year=year,
        collective_meetings=sessions.get("collective", 0),
        party_group_sessions=sessions.get("party_group", 0),
        trainings=sessions.get("training", 0),
        training_hours=hours,
        party_days=sessions.get("party_day", 0),
        other_sessions=sum(v for k, v in sessions.items() if k not in known),
        surveys=sum(by_kind.values()),
        surveys_by_kind=by_kind,
        survey_participations=int(rows(_SQL_PARTICIPATIONS, *window)[0][0]),
        bodies_visited=int(rows(_SQL_BODIES, *window)[0][0]),
        highlights=int(rows(_SQL_HIGHLIGHTS, *window)[0][0]),
        research_reports=sum(int(c) for _level, c in reports),
        awards_by_level=_zero_filled(
            "award_level", {level: int(c) for level, c in reports if level}
        ),
        achievements=achievements,
        leave_by_type=leave_by_type,
        leave_total=LeaveSum(
            sum(s.count for s in leave_by_type.values()),
            sum((s.days for s in leave_by_type.values()), zero_days),
        ),
        business_trips=trips,
    )


# -- one member's term ----------------------------------------------------------------------------


def _between(field: Any, start: Date | None, end: Date | None) -> Any:
    """``field`` within [start, end], either end open when None (and then any non-null value)."""
    if start is not None and end is not None:
        return field.between(start, end)
    if start is not None:
        return field >= start
    if end is not None:
        return field <= end
    return field.is_null(False)


def member_term(
    ledger: Ledger, member_id: Any, start: Date | None = None, end: Date | None = None
) -> MemberTerm:
    """One member's record over [start, end]; by default the member's term (own dates, else the
    group's; open where neither is set)."""
    group = require_group(ledger)
    key = member_id if isinstance(member_id, uuid.UUID) else uuid.UUID(str(member_id))
    member = members.get(ledger, key)
    roster = Roster(ledger)
    term_start, term_end = roster.term(member)
    start = start if start is not None else term_start
    end = end if end is not None else term_end

    attended: list[SessionRef] = []
    missed: list[MissedSession] = []
    for session_id, day, kind, topic, present, reason, note in (
        Attendance.select(
            StudySession.id,
            StudySession.date,
            StudySession.kind,
            StudySession.topic,
            Attendance.present,
            Attendance.absence_reason,
            Attendance.note,
        )
        .join(StudySession)
        .where(
            (Attendance.member == key)
            & (StudySession.group == group)
            & _between(StudySession.date, start, end)
        )
        .order_by(StudySession.date, StudySession.id)
        .tuples()
    ):
        if present:
            attended.append(SessionRef(session_id, day, kind, topic))
        else:
            missed.append(MissedSession(session_id, day, kind, topic, reason, note))
    attended_by_kind = _zero_filled(
        "session_kind",
        {
            kind: count
            for kind, count in (
                Attendance.select(StudySession.kind, fn.COUNT(Attendance.id))
                .join(StudySession)
                .where(
                    (Attendance.member == key)
                    & (Attendance.present == True)  # noqa: E712
                    & (StudySession.group == group)
                    & _between(StudySession.date, start, end)
                )
                .group_by(StudySession.kind)
                .tuples()
            )
        },
    )

    surveys = [
        SurveyRef(*row)
        for row in Survey.select(Survey.id, Survey.date, Survey.kind, Survey.visited, Survey.topic)
        .join(SurveyParticipant)
        .where(
            (SurveyParticipant.member == key)
            & (Survey.group == group)
            & _between(Survey.date, start, end)
        )
        .order_by(Survey.date, Survey.id)
        .tuples()
    ]
    surveys_by_kind = _zero_filled(
        "survey_kind",
        dict(
            Survey.select(Survey.kind, fn.COUNT(Survey.id))
            .join(SurveyParticipant)
            .where(
                (SurveyParticipant.member == key)
                & (Survey.group == group)
                & _between(Survey.date, start, end)
            )
            .group_by(Survey.kind)
            .tuples()
        ),
    )

    highlight_from = start.replace(day=1) if start is not None else None
    highlights = [
        _highlight_item(h, roster)
        for h in _highlight_rows()
        .where(
            (Highlight.member == key)
            & (Highlight.group == group)
            & _between(Highlight.month, highlight_from, end)
        )
        .order_by(Highlight.month, Highlight.id)
    ]

    authored = ReportAuthor.select(ReportAuthor.report).where(ReportAuthor.member == key)
    reports = _reports(
        ResearchReport.group == group,
        ResearchReport.id.in_(authored),
        ResearchReport.completion_date.is_null()
        | _between(ResearchReport.completion_date, start, end),
        roster=roster,
    )

    in_period = (
        (LeaveRequest.member == key)
        & (LeaveRequest.group == group)
        & _between(LeaveRequest.start_date, start, end)
    )
    leave_by_type, leave_total, _trips = _leave_sums(in_period)
    taken = sorted(
        (
            _leave_item(r, roster)
            for r in _leave_rows().where(in_period & LeaveRequest.status.in_(TAKEN))
        ),
        key=lambda i: _leave_order(i, roster),
    )

    checks = [
        SpotCheckEntry(*row)
        for row in SpotCheckResult.select(
            SpotCheck.id,
            SpotCheck.date,
            SpotCheck.method,
            SpotCheckResult.result,
            SpotCheckResult.note,
        )
        .join(SpotCheck)
        .where(
            (SpotCheckResult.member == key)
            & (SpotCheck.group == group)
            & _between(SpotCheck.date, start, end)
        )
        .order_by(SpotCheck.date, SpotCheck.id)
        .tuples()
    ]
    check_results = _zero_filled("check_result", {})
    for entry in checks:
        check_results[entry.result] = check_results.get(entry.result, 0) + 1

    achievements = [
        AchievementRef(*row)
        for row in Achievement.select(
            Achievement.id,
            Achievement.date,
            Achievement.kind,
            Achievement.title,
            Achievement.amount,
            Achievement.count,
        )
        .join(AchievementMember)
        .where(
            (AchievementMember.member == key)
            & (Achievement.group == group)
            & _between(Achievement.date, start, end)
        )
        .order_by(Achievement.date, Achievement.id)
        .tuples()
    ]

    party_group = (
        PartyGroup.get_or_none(PartyGroup.id == member.party_group_id)
        if member.party_group_id
        else None
    )
    return MemberTerm(
        member_id=member.id,
        name=member.name,
        party_group=party_group.name if party_group is not None else "",
        role=member.role,
        status=member.status,
        branch_only=bool(member.branch_only),
        term_start=member.term_start,
        term_end=member.term_end,
        start=start,
        end=end,
        sessions_attended=tuple(attended),
        sessions_missed=tuple(missed),
        attended_by_kind=attended_by_kind,
        surveys=tuple(surveys),
        surveys_by_kind=surveys_by_kind,
        highlights=tuple(highlights),
        reports=reports,
        leave=tuple(i for i in taken if i.counted_as_leave),
        leave_by_type=leave_by_type,
        leave_total=leave_total,
        business_trips=tuple(i for i in taken if not i.counted_as_leave),
        spot_checks=tuple(checks),
        spot_check_results=check_results,
        achievements=tuple(achievements),
    )
