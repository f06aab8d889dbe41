"""The targets matrix: hand-computed cells on the fixture year, excused weeks and months, the home
page's helpers, and properties of the rules (hypothesis)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from db.queries.targets import (
    ABSENCE_EXCUSED,
    EXCUSED,
    FUTURE,
    HOLIDAY,
    LEAVE,
    MET,
    MISSED,
    TERM,
    TargetsMatrix,
    collective_meeting_held,
    members_without_highlight,
    members_without_survey,
    targets_matrix,
)
from db.rules.workdays import AM, PM, WorkCalendar, slot
from db.services import plans
from db.services.calendar import calendar_days
from db.services.leave import leave_requests
from db.store.ledger import Ledger
from db.store.models import LeaveRequest, Member, Survey, SurveyParticipant
from tests.conftest import add_member, d
from tests.db.queries.test_statistics import Year, build_year

DAY = datetime.timedelta(days=1)


@pytest.fixture
def year(ledger: Ledger) -> Year:
    return build_year(ledger)


def statuses(cells) -> list[str]:
    return [c.status for c in cells]


def row(matrix: TargetsMatrix, name: str):
    return next(r for r in matrix.rows if r.name == name)


def cell_of_month(matrix: TargetsMatrix, cells, month: str):
    return cells[matrix.months.index(d(month))]


def cell_of_week(matrix: TargetsMatrix, cells, monday: str):
    return cells[[w.start for w in matrix.weeks].index(d(monday))]


def approve_leave(ledger: Ledger, member: uuid.UUID, start: str, end: str, **extra) -> None:
    leave_requests.save(
        ledger,
        {
            "member": str(member),
            "leave_type": "personal",
            "start_date": start,
            "end_date": end,
            "status": "approved",
            "approver": "组长",
            "approval_date": start,
            **extra,
        },
    )


# -- the fixture year, by hand --------------------------------------------------------------------


def test_matrix_in_the_middle_of_april(ledger, year) -> None:
    matrix = targets_matrix(ledger, d("2025-03-01"), d("2025-04-30"), today=d("2025-04-16"))
    # ISO weeks meeting March and April: Mondays 02-24 .. 04-28 -> 10 weeks; months March, April.
    assert [w.start for w in matrix.weeks] == [
        d("2025-02-24") + datetime.timedelta(weeks=n) for n in range(10)
    ]
    assert matrix.months == (d("2025-03-01"), d("2025-04-01"))
    # Branch-only E (钱七) is not counted.
    assert [r.name for r in matrix.rows] == ["张三", "李四", "王五", "赵六"]
    # Weeks 04-21 and 04-28 start after 04-16: future. Week 04-14 runs through today: future
    # while short. Week 02-24 (Mon 02-24..Sun 03-02) is over.
    tail = [FUTURE, FUTURE, FUTURE]
    # A: V1 03-03, V3 03-10, V4 03-31; half a day of sick leave 03-17 pm..03-18 excuses nothing.
    assert statuses(row(matrix, "张三").surveys) == [
        MISSED, MET, MET, MISSED, MISSED, MET, MISSED, *tail
    ]  # fmt: skip
    # B: on 探亲假 all of Mon 02-24..Fri 02-28 (the week's only working days): excused.
    # V1 03-03 and V5 04-02.
    b = row(matrix, "李四")
    assert statuses(b.surveys) == [EXCUSED, MET, MISSED, MISSED, MISSED, MET, MISSED, *tail]
    assert b.surveys[0].reason == LEAVE
    # C: term from 03-01, so no working day of week 02-24 is in the term; the business trip
    # of 03-24..26 is not leave and excuses nothing.
    c = row(matrix, "王五")
    assert statuses(c.surveys) == [EXCUSED, MET, MET, MISSED, MISSED, MISSED, MISSED, *tail]
    assert c.surveys[0].reason == TERM
    # D: nothing; the pending and the refused leave excuse nothing.
    assert statuses(row(matrix, "赵六").surveys) == [MISSED] * 7 + tail
    a_week = cell_of_week(matrix, row(matrix, "张三").surveys, "2025-03-03")
    assert (a_week.count, a_week.target, a_week.record_ids) == (1, 1, (year.v["V1"],))
    assert (a_week.start, a_week.end) == (d("2025-03-03"), d("2025-03-09"))


def test_highlights_and_meetings_in_the_middle_of_april(ledger, year) -> None:
    matrix = targets_matrix(ledger, d("2025-03-01"), d("2025-04-30"), today=d("2025-04-16"))
    # March: A H1, C H2, D H3; B none. April (running): only A (H4).
    assert statuses(row(matrix, "张三").highlights) == [MET, MET]
    assert statuses(row(matrix, "李四").highlights) == [MISSED, FUTURE]
    assert statuses(row(matrix, "王五").highlights) == [MET, FUTURE]
    assert statuses(row(matrix, "赵六").highlights) == [MET, FUTURE]
    assert row(matrix, "张三").highlights[0].record_ids == (year.h["H1"],)
    # March meeting S1: A present, B absent on leave (excused), C present, D absent "other".
    # April meeting S6 (running month): A absent, B present, C absent, D present.
    assert statuses(row(matrix, "张三").meetings) == [MET, FUTURE]
    b = row(matrix, "李四")
    assert statuses(b.meetings) == [EXCUSED, MET]
    assert (b.meetings[0].reason, b.meetings[0].absent_ids) == (ABSENCE_EXCUSED, (year.s["S1"],))
    assert statuses(row(matrix, "王五").meetings) == [MET, FUTURE]
    d_row = row(matrix, "赵六")
    assert statuses(d_row.meetings) == [MISSED, MET]
    assert (d_row.meetings[0].count, d_row.meetings[0].absent_ids) == (0, (year.s["S1"],))
    assert d_row.meetings[1].record_ids == (year.s["S6"],)
    # The group held S1 in March and S6 in April: one each, target one.
    assert [(c.status, c.record_ids) for c in matrix.meetings_held] == [
        (MET, (year.s["S1"],)),
        (MET, (year.s["S6"],)),
    ]


def test_matrix_once_the_period_is_over(ledger, year) -> None:
    matrix = targets_matrix(ledger, d("2025-03-01"), d("2025-04-30"), today=d("2025-05-06"))
    a = row(matrix, "张三")
    # Weeks 04-14, 04-21, 04-28 (to 05-04) are now over and A has no survey in them.
    assert statuses(a.surveys)[-3:] == [MISSED, MISSED, MISSED]
    # missed: 02-24, 03-17, 03-24, 04-07 + the last three = 7
    assert a.surveys_missed == 7
    # A missed the April meeting S6 with reason "other"; C too.
    assert statuses(a.meetings) == [MET, MISSED]
    assert a.meetings_missed == 1
    assert statuses(row(matrix, "王五").meetings) == [MET, MISSED]
    # April highlights: A H4 only.
    assert [statuses(r.highlights)[1] for r in matrix.rows] == [MET, MISSED, MISSED, MISSED]
    assert row(matrix, "李四").highlights_missed == 2


def test_targets_come_from_the_year_plan(ledger, year) -> None:
    plans.set_targets(
        ledger,
        2025,
        {"surveys_per_week": 2, "highlights_per_month": 0, "collective_meetings_per_month": 2},
    )
    matrix = targets_matrix(ledger, d("2025-03-01"), d("2025-03-31"), today=d("2025-05-06"))
    a = row(matrix, "张三")
    # Two surveys a week: A's single survey in week 03-03 no longer meets it.
    week = cell_of_week(matrix, a.surveys, "2025-03-03")
    assert (week.status, week.count, week.target) == (MISSED, 1, 2)
    # No highlight is asked for: B's empty March is met.
    assert statuses(row(matrix, "李四").highlights) == [MET]
    # Two meetings a month, one held: the group missed it; A attended the only one, which is not
    # held against A (no further meeting to attend).
    assert statuses(matrix.meetings_held) == [MISSED]
    assert (a.meetings[0].status, a.meetings[0].count) == (EXCUSED, 1)
    # D skipped S1 without an excuse.
    assert statuses(row(matrix, "赵六").meetings) == [MISSED]


def test_months_excused_by_leave_and_by_term(ledger, year) -> None:
    # D on leave Tue 06-03 .. Mon 06-30: every working day of June (Mon 06-02 is 端午节).
    approve_leave(ledger, year.m["D"], "2025-06-03", "2025-06-30")
    matrix = targets_matrix(ledger, d("2025-02-01"), d("2025-11-30"), today=d("2025-12-31"))
    dr = row(matrix, "赵六")
    june_h = cell_of_month(matrix, dr.highlights, "2025-06-01")
    june_m = cell_of_month(matrix, dr.meetings, "2025-06-01")
    assert (june_h.status, june_h.reason) == (EXCUSED, LEAVE)
    assert (june_m.status, june_m.reason) == (EXCUSED, LEAVE)
    # D's term ended 10-31: November is outside it.
    november = cell_of_month(matrix, dr.highlights, "2025-11-01")
    assert (november.status, november.reason) == (EXCUSED, TERM)
    # C's term starts 03-01: February is outside it.
    february = cell_of_month(matrix, row(matrix, "王五").highlights, "2025-02-01")
    assert (february.status, february.reason) == (EXCUSED, TERM)
    # A's week of annual leave Mon 06-09..Fri 06-13 excuses that week, not the month.
    a = row(matrix, "张三")
    week = cell_of_week(matrix, a.surveys, "2025-06-09")
    assert (week.status, week.reason) == (EXCUSED, LEAVE)
    assert cell_of_week(matrix, a.surveys, "2025-06-16").status == MISSED
    assert cell_of_month(matrix, a.highlights, "2025-06-01").status == MISSED
    # No collective meeting at all in June: nobody is blamed, the group is.
    assert cell_of_month(matrix, a.meetings, "2025-06-01").reason == "no_meeting"
    assert matrix.meetings_held[matrix.months.index(d("2025-06-01"))].status == MISSED


def test_a_week_with_one_working_day(ledger, year) -> None:
    # Week Mon 01-27 .. Sun 02-02 2025: Spring Festival from 01-28, so Mon 01-27 is its only working
    # day. B away all of 01-27: excused. A away only the morning: still owes the survey.
    approve_leave(ledger, year.m["B"], "2025-01-27", "2025-01-27")
    approve_leave(ledger, year.m["A"], "2025-01-27", "2025-01-27", end_half="am")
    matrix = targets_matrix(ledger, d("2025-01-27"), d("2025-02-02"), today=d("2025-03-01"))
    assert matrix.weeks[0].workdays == 1
    assert [(r.name, r.surveys[0].status) for r in matrix.rows] == [
        ("张三", MISSED),
        ("李四", EXCUSED),
        ("赵六", MISSED),  # C (王五) starts 03-01: not in this period at all
    ]


def test_spring_festival_week_without_working_days(ledger) -> None:
    member = add_member(ledger, "孙八", term_start="2026-01-01", term_end="2026-12-31")
    matrix = targets_matrix(ledger, d("2026-02-09"), d("2026-02-22"), today=d("2026-03-01"))
    # 2026: Mon 02-09..Fri 02-13 and the adjusted Sat 02-14 are working days; 02-15..02-23 are not.
    assert [(w.start, w.workdays) for w in matrix.weeks] == [
        (d("2026-02-09"), 6),
        (d("2026-02-16"), 0),
    ]
    cells = matrix.rows[0].surveys
    assert matrix.rows[0].member_id == member
    assert [(c.status, c.reason) for c in cells] == [(MISSED, ""), (EXCUSED, HOLIDAY)]


def test_holidays_the_secretary_entered(ledger) -> None:
    # 2027 is past the built-in calendar: Mon–Fri plus the secretary's table.
    add_member(ledger, "周九", term_start="2027-01-01", term_end="2027-12-31")
    for day in range(4, 9):  # Mon 01-04 .. Fri 01-08
        calendar_days.save(
            ledger, {"date": f"2027-01-{day:02d}", "is_workday": False, "name": "假"}
        )
    matrix = targets_matrix(ledger, d("2027-01-04"), d("2027-01-17"), today=d("2027-02-01"))
    assert matrix.fallback_years == (2027,)
    assert [w.workdays for w in matrix.weeks] == [0, 5]
    assert [(c.status, c.reason) for c in matrix.rows[0].surveys] == [
        (EXCUSED, HOLIDAY),
        (MISSED, ""),
    ]


def test_home_page_helpers(ledger, year) -> None:
    names = lambda refs: [m.name for m in refs]  # noqa: E731
    today = d("2025-04-16")
    # Week of Wed 03-05 (Mon 03-03): A B C went, D did not.
    assert names(members_without_survey(ledger, d("2025-03-05"), today)) == ["赵六"]
    # Week 02-24: B on leave and C not yet in term are excused.
    assert names(members_without_survey(ledger, d("2025-02-24"), today)) == ["张三", "赵六"]
    # This week (04-14..04-20): nobody has a survey yet.
    assert names(members_without_survey(ledger, d("2025-04-14"), today)) == [
        "张三",
        "李四",
        "王五",
        "赵六",
    ]
    assert names(members_without_highlight(ledger, 2025, 3, today)) == ["李四"]
    assert names(members_without_highlight(ledger, 2025, 4, today)) == ["李四", "王五", "赵六"]
    assert collective_meeting_held(ledger, 2025, 3) == (year.s["S1"],)
    assert collective_meeting_held(ledger, 2025, 5) == ()


def test_the_queries_of_a_matrix_do_not_grow_with_its_months(ledger, year, monkeypatch) -> None:
    """The plan's measures and the meetings held are read once for the span, not once per month
    (the team view counts a year's matrix for every group of a server)."""
    statements: list[str] = []
    run = ledger.db.execute_sql

    def counted(sql, *args, **kwargs):
        statements.append(sql)
        return run(sql, *args, **kwargs)

    monkeypatch.setattr(ledger.db, "execute_sql", counted)
    targets_matrix(ledger, d("2025-04-01"), d("2025-04-30"), today=d("2025-12-31"))
    one_month = len(statements)
    statements.clear()
    eight_months = targets_matrix(ledger, d("2025-04-01"), d("2025-11-30"), today=d("2025-12-31"))
    assert len(statements) == one_month
    assert len(eight_months.meetings_held) == 8


def test_a_survey_of_several_members_is_one_id(ledger, year) -> None:
    """The records are read with their ids as text and each id converted once (not once per
    member who took part: the team view reads a year of every group's surveys)."""
    matrix = targets_matrix(ledger, d("2025-03-01"), d("2025-03-31"), today=d("2025-12-31"))
    week = [w.start for w in matrix.weeks].index(d("2025-03-03"))
    a, b = (row(matrix, name).surveys[week].record_ids for name in ("张三", "李四"))
    assert a == b == (year.v["V1"],)  # V1: A and B
    assert isinstance(a[0], uuid.UUID)
    assert a[0] is b[0]


def test_end_before_start_is_refused(ledger) -> None:
    with pytest.raises(ValueError):
        targets_matrix(ledger, d("2025-03-02"), d("2025-03-01"))


# -- properties -----------------------------------------------------------------------------------

FIRST = d("2025-01-01")
LAST = d("2026-12-31")  # the built-in calendar's last year, Spring Festival 2026 included
PROPERTY_SETTINGS = hsettings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def periods(draw) -> tuple[datetime.date, datetime.date, datetime.date]:
    start = FIRST + DAY * draw(st.integers(0, (LAST - FIRST).days - 120))
    end = start + DAY * draw(st.integers(0, 100))
    today = start + DAY * draw(st.integers(-10, 130))
    return start, end, today


@st.composite
def leaves(draw, start: datetime.date, end: datetime.date):
    """None, or one approved leave (first day, first half, last day, last half) near the period."""
    if not draw(st.booleans()):
        return None
    first = start - DAY * 7 + DAY * draw(st.integers(0, (end - start).days + 7))
    last = first + DAY * draw(st.integers(0, 40))
    first_half, last_half = draw(st.sampled_from([AM, PM])), draw(st.sampled_from([AM, PM]))
    if last == first and (first_half, last_half) == (PM, AM):
        last_half = PM
    return first, first_half, last, last_half


def _member(ledger: Ledger, name: str) -> uuid.UUID:
    return Member.create(
        group=ledger.group_id, name=name, term_start=FIRST, term_end=LAST, sort_order=1
    ).id


def _surveys(ledger: Ledger, member: uuid.UUID, days) -> None:
    for day in days:
        survey = Survey.create(group=ledger.group_id, date=day, kind="practice", visited="某企业")
        SurveyParticipant.create(survey=survey.id, member=member)


def _leave(ledger: Ledger, member: uuid.UUID, leave) -> None:
    if leave is None:
        return
    first, first_half, last, last_half = leave
    LeaveRequest.create(
        group=ledger.group_id,
        member=member,
        leave_type="annual",
        start_date=first,
        start_half=first_half,
        end_date=last,
        end_half=last_half,
        days=Decimal(0),
        status="approved",
        approver="组长",
        approval_date=first,
    )


def _covered_by(leave, calendar: WorkCalendar, start: datetime.date, end: datetime.date) -> bool:
    """The oracle: no working day in [start, end] (or none in the term), or every working half-day
    of the term inside the leave."""
    workdays = [w for w in calendar.workdays(start, end) if FIRST <= w <= LAST]
    if not workdays:
        return True
    if leave is None:
        return False
    low, high = slot(leave[0], leave[1]), slot(leave[2], leave[3])
    return all(low <= slot(w, AM) and slot(w, PM) <= high for w in workdays)


class Rollback(Exception):
    """Leaves the example's savepoint, so that each example starts from the same ledger."""


def _in_savepoint(ledger: Ledger, check) -> None:
    try:
        with ledger.db.atomic():
            check()
            raise Rollback
    except Rollback:
        pass


@PROPERTY_SETTINGS
@given(data=st.data())
def test_a_survey_every_week_never_misses(ledger, data) -> None:
    start, end, today = data.draw(periods())
    leave = data.draw(leaves(start, end))

    def check() -> None:
        member = _member(ledger, "每周都去")
        weeks = targets_matrix(ledger, start, end, today).weeks
        _surveys(ledger, member, [w.start + DAY * data.draw(st.integers(0, 6)) for w in weeks])
        _leave(ledger, member, leave)
        matrix = targets_matrix(ledger, start, end, today)
        cells = matrix.rows[0].surveys
        assert MISSED not in statuses(cells)
        assert matrix.rows[0].surveys_missed == 0
        assert all(c.status == MET for c in cells if c.start <= today)
        assert all(c.status == FUTURE for c in cells if c.start > today)

    _in_savepoint(ledger, check)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_adding_a_survey_never_turns_met_into_missed(ledger, data) -> None:
    start, end, today = data.draw(periods())
    leave = data.draw(leaves(start, end))
    span = (end - start).days + 14
    days = data.draw(st.lists(st.integers(0, span), max_size=8))
    extra = data.draw(st.integers(0, span))

    def check() -> None:
        member = _member(ledger, "多去一次")
        _leave(ledger, member, leave)
        origin = start - DAY * 7
        _surveys(ledger, member, [origin + DAY * n for n in days])
        before = targets_matrix(ledger, start, end, today).rows[0].surveys
        _surveys(ledger, member, [origin + DAY * extra])
        after = targets_matrix(ledger, start, end, today).rows[0].surveys
        for old, new in zip(before, after, strict=True):
            assert new.count >= old.count
            if old.status == MET:
                assert new.status == MET
            if old.status != MISSED:
                assert new.status != MISSED
        assert sum(s == MISSED for s in statuses(after)) <= sum(
            s == MISSED for s in statuses(before)
        )

    _in_savepoint(ledger, check)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_excused_weeks_and_months_never_count_as_missed(ledger, data) -> None:
    start, end, today = data.draw(periods())
    leave = data.draw(leaves(start, end))
    span = (end - start).days + 14
    days = data.draw(st.lists(st.integers(0, span), max_size=6))

    def check() -> None:
        member = _member(ledger, "请假的人")
        _leave(ledger, member, leave)
        _surveys(ledger, member, [start - DAY * 7 + DAY * n for n in days])
        calendar = WorkCalendar.load()
        matrix = targets_matrix(ledger, start, end, today)
        member_row = matrix.rows[0]
        for cells in (member_row.surveys, member_row.highlights):
            for c in cells:
                excused = _covered_by(leave, calendar, c.start, c.end)
                if excused:
                    assert c.status != MISSED
                if c.status == MISSED:
                    assert c.count < c.target and c.end < today and not excused
                if c.status == EXCUSED:
                    assert excused and c.count < c.target
                    assert c.reason in (HOLIDAY, LEAVE, TERM)
        assert member_row.surveys_missed == statuses(member_row.surveys).count(MISSED)
        assert member_row.highlights_missed == statuses(member_row.highlights).count(MISSED)

    _in_savepoint(ledger, check)
