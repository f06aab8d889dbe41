"""How far the group's year plan has come: every measure counted from the records (or its ticks) by
the targets' rules (db.queries.targets: periods, excused weeks and months, excused absences), as of the
program's clock.

A measure's **units** are its periods times those it binds (each member whose term meets the plan's
span, or the group). Per unit the cell is met, missed, excused or still open (db.queries.targets). Then

- ``due``: the units of the whole span that are not excused (what the plan asks for in all);
- ``expected``: those whose time has come — the period is over, or already met;
- ``done``: those met;
- ``behind``: those missed (expected but not done).

A measure is 完成 (``DONE``) when nothing is left open or missed, 滞后 (``BEHIND``) when a unit is
missed, else 推进中 (``ON_TRACK``). The plan's span is its calendar year inside the group's term;
weeks are the ISO weeks of that year, a measure of the whole term counts over the group's term.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from db.common import clock
from db.queries.statistics import Roster, month_range
from db.queries.targets import (
    EXCUSED,
    FUTURE,
    HOLIDAY,
    MET,
    MISSED,
    TargetCell,
    _Excuses,
    group_cells,
    member_cells,
    months_between,
    read_records,
    weeks_between,
)
from db.rules.workdays import WorkCalendar
from db.services import plans
from db.services.base import require_group
from db.services.leave import leave_periods
from db.services.plans import MeasureSpec
from db.store.ledger import Ledger
from db.store.models import WorkGroup

Date = datetime.date

DONE, ON_TRACK, BEHIND = "done", "on_track", "behind"


@dataclass(frozen=True)
class Unit:
    """One member's (or the group's) cells of a measure."""

    member_id: uuid.UUID | None  # None: the group
    name: str
    cells: tuple[TargetCell, ...]

    @property
    def done(self) -> int:
        return sum(c.status == MET for c in self.cells)

    @property
    def behind(self) -> int:
        return sum(c.status == MISSED for c in self.cells)

    @property
    def expected(self) -> int:
        return sum(c.status in (MET, MISSED) for c in self.cells)

    @property
    def due(self) -> int:
        return sum(c.status in (MET, MISSED, FUTURE) for c in self.cells)

    @property
    def status(self) -> str:
        """As a measure's: 滞后 when a period is missed, 完成 when every period due is met."""
        if self.behind:
            return BEHIND
        return DONE if self.done == self.due else ON_TRACK


@dataclass(frozen=True)
class MeasureProgress:
    measure: MeasureSpec
    units: tuple[Unit, ...]
    records: int  # the records (or ticks) counted toward it over the span

    def _count(self, *statuses: str) -> int:
        return sum(c.status in statuses for u in self.units for c in u.cells)

    @property
    def done(self) -> int:
        return self._count(MET)

    @property
    def behind(self) -> int:
        return self._count(MISSED)

    @property
    def expected(self) -> int:
        return self._count(MET, MISSED)

    @property
    def due(self) -> int:
        return self._count(MET, MISSED, FUTURE)

    @property
    def excused(self) -> int:
        return self._count(EXCUSED)

    @property
    def status(self) -> str:
        if self.behind:
            return BEHIND
        if self.done == self.due:
            return DONE
        return ON_TRACK

    def behind_names(self) -> tuple[str, ...]:
        """Who has missed a unit (members in roster order; the group by its own row)."""
        return tuple(u.name for u in self.units if u.behind)


@dataclass(frozen=True)
class PlanProgress:
    year: int
    title: str
    stored: bool  # False: the year has no plan, the basic measures count
    start: Date
    end: Date
    today: Date
    measures: tuple[MeasureProgress, ...]
    # False: the group's term (挂职起止日期) is not filled in, so the whole calendar year counts.
    term_set: bool = True

    def with_status(self, status: str) -> tuple[MeasureProgress, ...]:
        return tuple(m for m in self.measures if m.status == status)


def plan_span(group: WorkGroup, year: int) -> tuple[Date, Date]:
    """The plan's year inside the group's term (the whole year where the term is not set); an
    empty span (end before start) when the term does not meet the year."""
    start, end = Date(year, 1, 1), Date(year, 12, 31)
    if group.term_start is not None and group.term_start > start:
        start = group.term_start
    if group.term_end is not None and group.term_end < end:
        end = group.term_end
    return start, end


def _periods(
    spec: MeasureSpec,
    year: int,
    span: tuple[Date, Date],
    term: tuple[Date, Date],
    calendar: WorkCalendar,
) -> list[tuple[Date, Date, int]]:
    start, end = span
    if spec.period == "week":
        return [
            (w.start, w.end, spec.count)
            for w in weeks_between(start, end, calendar)
            if w.iso_year == year
        ]
    if spec.period == "month":
        return [
            (m, month_range(m.year, m.month)[1], spec.count) for m in months_between(start, end)
        ]
    if spec.period == "term":
        return [(term[0], term[1], spec.count)]
    return [(start, end, spec.count)]


def _holiday(calendar: WorkCalendar, start: Date, end: Date) -> str:
    short = end - start < datetime.timedelta(days=40)
    return HOLIDAY if short and not calendar.workdays(start, end) else ""


def _ahead(
    cells: tuple[TargetCell, ...], reason: Callable[[Date, Date], str]
) -> tuple[TargetCell, ...]:
    """What is known ahead excuses a period that has not begun (a term that ends in October, a
    Spring Festival week, leave approved for next month), so that it is not counted as due; the
    targets matrix shows such a period as still to come."""
    out = []
    for cell in cells:
        if cell.status == FUTURE and cell.count < cell.target:
            why = reason(cell.start, cell.end)
            if why:
                cell = dataclasses.replace(cell, status=EXCUSED, reason=why)
        out.append(cell)
    return tuple(out)


def plan_progress(
    ledger: Ledger,
    year: int,
    today: Date | None = None,
    *,
    periods: Collection[str] | None = None,
) -> PlanProgress:
    """Every measure of the year's plan (or the basic measures) with its units, as of ``today``;
    only those of ``periods`` ("month" …) when given."""
    today = today or clock.today()
    group_id = require_group(ledger)
    group = WorkGroup.get_by_id(group_id)
    title, specs, stored = plans.specs_of_year(ledger, year)
    if periods is not None:
        specs = tuple(s for s in specs if s.period in periods)
    span = plan_span(group, year)
    term = (group.term_start or span[0], group.term_end or span[1])
    term_set = group.term_start is not None and group.term_end is not None
    if span[1] < span[0]:
        return PlanProgress(year, title, stored, span[0], span[1], today, (), term_set)
    calendar = WorkCalendar.load()
    roster = Roster(ledger)
    widest = (min(span[0], term[0]), max(span[1], term[1]))
    wide = (widest[0] - datetime.timedelta(days=7), widest[1] + datetime.timedelta(days=7))
    excuses = _Excuses(calendar, roster, leave_periods(ledger, *wide))
    out = []
    for spec in specs:
        periods = _periods(spec, year, span, term, calendar)
        if not periods:
            out.append(MeasureProgress(spec, (), 0))
            continue
        first, last = periods[0][0], periods[-1][1]
        if spec.binds == "member":
            members = roster.group_members(first, last)
            records = read_records(ledger, group_id, spec, [m.id for m in members], first, last)
            units = tuple(
                Unit(
                    m.id,
                    m.name,
                    _ahead(
                        member_cells(records, m, periods, excuses, today),
                        lambda start, end, m=m: excuses.reason(m, start, end),
                    ),
                )
                for m in members
            )
        else:
            records = read_records(ledger, group_id, spec, (), first, last)
            cells = group_cells(records, periods, calendar, today)
            units = (
                Unit(None, group.name, _ahead(cells, lambda s, e, c=calendar: _holiday(c, s, e))),
            )
        counted = sum(c.count for u in units for c in u.cells)
        out.append(MeasureProgress(spec, units, counted))
    return PlanProgress(year, title, stored, span[0], span[1], today, tuple(out), term_set)


def member_progress(
    progress: PlanProgress, member_id: uuid.UUID
) -> list[tuple[MeasureProgress, Unit]]:
    """One member's units of the per-member measures (the member file)."""
    found = []
    for measure in progress.measures:
        for unit in measure.units:
            if unit.member_id == member_id:
                found.append((measure, unit))
    return found


@dataclass(frozen=True)
class MemberPlanYear:
    """One year of a member's per-person measures (the member file)."""

    progress: PlanProgress
    rows: tuple[tuple[MeasureProgress, Unit], ...]

    def with_status(self, status: str) -> int:
        return sum(1 for _measure, unit in self.rows if unit.status == status)


def member_plan(
    ledger: Ledger,
    member_id: uuid.UUID,
    start: Date | None,
    end: Date | None,
    as_of: Date | None = None,
) -> list[MemberPlanYear]:
    """The member's units of each year's per-member measures, for the years that [start, end] (the
    member's term, by default today's year) meets up to ``as_of`` (default today), counted as of
    then; years in which the member has none are left out."""
    as_of = as_of or clock.today()
    first = (start or as_of).year
    last = min((end or as_of).year, as_of.year)
    out = []
    for year in range(first, last + 1):
        progress = plan_progress(ledger, year, as_of)
        rows = member_progress(progress, member_id)
        if rows:
            out.append(MemberPlanYear(progress, tuple(rows)))
    return out


@dataclass(frozen=True)
class MonthMeasure:
    """A monthly measure in one month (the bulletin): who met it, missed it, or may still; the
    group's measure names the group."""

    measure: MeasureSpec
    met: tuple[str, ...]
    missed: tuple[str, ...]
    open: tuple[str, ...]  # the month is not over and the count not reached yet


def month_measures(progress: PlanProgress, month: int) -> tuple[MonthMeasure, ...]:
    """The plan's monthly measures in a month of its year, as of the progress's day (excused
    members left out)."""
    first = Date(progress.year, month, 1)
    out = []
    for measure in progress.measures:
        if measure.measure.period != "month":
            continue
        by_status: dict[str, list[str]] = {MET: [], MISSED: [], FUTURE: []}
        for unit in measure.units:
            cell = next((c for c in unit.cells if c.start == first), None)
            if cell is not None and cell.status in by_status:
                by_status[cell.status].append(unit.name)
        if any(by_status.values()):
            out.append(
                MonthMeasure(
                    measure.measure,
                    tuple(by_status[MET]),
                    tuple(by_status[MISSED]),
                    tuple(by_status[FUTURE]),
                )
            )
    return tuple(out)


def behind_measures(progress: PlanProgress) -> Sequence[MeasureProgress]:
    """The measures behind (the home page's card), in plan order."""
    return progress.with_status(BEHIND)
