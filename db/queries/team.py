"""The team view (全队概览): every work group the open ledger reads, side by side for a month or a year,
with the team's totals and each group's target compliance.

Nothing here counts records itself. Each group's figures are that group's own statistics
(db.queries.statistics: ``month_stats`` for a month, ``year_stats`` for a year — of which the view
counts only what it shows, ``year_counts``) and its targets matrix
(db.queries.targets.targets_matrix over the same period), read through a view of the ledger that works
on that group (``for_group``: the same connection, another ``group_id``). So a group's column always
equals its bulletin, its year summary and its targets page.

Which groups: those the connection reads — on a team server the database's row-level security shows
a group's login its own group and the team's login every group; a file may hold several.

Definitions, beyond statistics.py's:
- ``members``: group members (not branch-only) whose term meets the period, as the targets matrix
  counts them;
- ``highlights_missing``: member-months short of the highlight target and not excused (a month not
  over yet counts when it has begun), so for a month the members the home page names, for a year
  the member-months;
- ``awards``: research reports completed in the period that carry an award;
- compliance: the targets matrix's cells that are due and judged — met against met plus missed
  (weekly surveys per member, monthly highlights per member, monthly collective meetings attended
  per member); excused cells and those not over yet are left out.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from db.common import clock
from db.queries.statistics import (
    AMOUNT_PLACES,
    DAYS_PLACES,
    YearCounts,
    month_range,
    month_stats,
    year_counts,
    year_range,
)
from db.queries.targets import FUTURE, MET, MISSED, TargetCell, TargetsMatrix, targets_matrix
from db.store.database import visible_groups
from db.store.ledger import Ledger

Date = datetime.date

# The figures of a group, in the order the window and the team summary show them.
COUNT_FIGURES = (
    "members",
    "collective_meetings",
    "party_group_sessions",
    "trainings",
    "surveys",
    "enterprise_surveys",
    "highlights",
    "highlights_missing",
    "reports",
    "awards",
    "consumption_aid",
    "projects",
    "leave_requests",
    "leave_days",
    "overdue",
    "spot_checks",
)
COMPLIANCE_FIGURES = ("surveys_target", "highlights_target", "meetings_target", "compliance")
FIGURES = COUNT_FIGURES + COMPLIANCE_FIGURES


@dataclass(frozen=True)
class TeamGroup:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class Compliance:
    """Cells of the targets matrix that are due and judged: ``met`` of ``met + missed``."""

    met: int
    missed: int

    @property
    def expected(self) -> int:
        return self.met + self.missed

    @property
    def percent(self) -> int | None:
        """The share met in whole percent (half up); None when nothing was due."""
        if not self.expected:
            return None
        return int((Decimal(100 * self.met) / self.expected).quantize(Decimal(1), "ROUND_HALF_UP"))

    def __add__(self, other: Compliance) -> Compliance:
        return Compliance(self.met + other.met, self.missed + other.missed)


@dataclass(frozen=True)
class GroupFigures:
    group_id: uuid.UUID | None  # None: the team's totals
    name: str
    members: int
    collective_meetings: int
    party_group_sessions: int
    trainings: int
    surveys: int
    enterprise_surveys: int
    highlights: int
    highlights_missing: int
    reports: int
    awards: int
    consumption_aid: Decimal  # 万元
    projects: int
    leave_requests: int  # approved or returned real leave starting in the period (人次)
    leave_days: Decimal  # their working days
    overdue: int  # started by the period's end, ended before ``today``, not reported back
    spot_checks: int
    surveys_target: Compliance
    highlights_target: Compliance
    meetings_target: Compliance

    @property
    def compliance(self) -> Compliance:
        """The three targets together."""
        return self.surveys_target + self.highlights_target + self.meetings_target

    def value(self, figure: str) -> int | Decimal | Compliance:
        """A figure by its name in FIGURES."""
        return getattr(self, figure)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class TeamFigures:
    year: int
    month: int | None  # None: the whole year
    start: Date
    end: Date
    today: Date
    groups: tuple[GroupFigures, ...]  # in the order the groups were made
    totals: GroupFigures


def team_groups(ledger: Ledger) -> tuple[TeamGroup, ...]:
    """The work groups this connection reads, oldest first (db.store.database.visible_groups)."""
    return tuple(TeamGroup(group_id, name) for group_id, name in visible_groups(ledger))


def for_group(ledger: Ledger, group_id: uuid.UUID) -> Ledger:
    """The same open ledger working on another group, for reading (the statistics and the documents
    read ``ledger.group_id``); the original is left as it is, so a window's own group never moves
    under it while a background task counts another."""
    return dataclasses.replace(ledger, group_id=group_id, lock=None, _memos={}, _depth=0)


def _compliance(cells: Iterable[TargetCell]) -> Compliance:
    met = missed = 0
    for cell in cells:
        met += cell.status == MET
        missed += cell.status == MISSED
    return Compliance(met, missed)


def _missing(cells: Iterable[TargetCell], today: Date) -> int:
    return sum(
        c.status == MISSED or (c.status == FUTURE and c.start <= today and c.count < c.target)
        for c in cells
    )


def _targets(matrix: TargetsMatrix) -> dict[str, object]:
    rows = matrix.rows
    return {
        "members": len(rows),
        "highlights_missing": sum(_missing(r.highlights, matrix.today) for r in rows),
        "surveys_target": _compliance(c for r in rows for c in r.surveys),
        "highlights_target": _compliance(c for r in rows for c in r.highlights),
        "meetings_target": _compliance(c for r in rows for c in r.meetings),
    }


def month_figures(
    ledger: Ledger, group: TeamGroup, year: int, month: int, today: Date
) -> GroupFigures:
    """One group's figures of a month: its bulletin's statistics and its targets matrix."""
    view = for_group(ledger, group.id)
    stats = month_stats(view, year, month, today)
    start, end = month_range(year, month)
    return GroupFigures(
        group_id=group.id,
        name=group.name,
        collective_meetings=stats.session_counts.collective,
        party_group_sessions=stats.session_counts.party_group,
        trainings=stats.session_counts.training,
        surveys=stats.surveys.count,
        enterprise_surveys=stats.surveys.by_kind["enterprise"],
        highlights=stats.highlights.count,
        reports=len(stats.reports),
        awards=sum(1 for r in stats.reports if r.award_level),
        consumption_aid=stats.achievements["consumption_aid"].amount,
        projects=stats.achievements["project_signed"].count,
        leave_requests=stats.leave.total.count,
        leave_days=stats.leave.total.days,
        overdue=len(stats.leave.overdue),
        spot_checks=stats.spot_checks.checks,
        **_targets(targets_matrix(view, start, end, today)),  # type: ignore[arg-type]
    )


def year_figures(ledger: Ledger, group: TeamGroup, year: int, today: Date) -> GroupFigures:
    """One group's figures of a year: its year summary's statistics (the counts of them the view
    shows: ``year_counts``) and its targets matrix."""
    view = for_group(ledger, group.id)
    start, end = year_range(year)
    return year_group_figures(
        group, year_counts(view, year, today), targets_matrix(view, start, end, today)
    )


def year_group_figures(group: TeamGroup, counts: YearCounts, matrix: TargetsMatrix) -> GroupFigures:
    """A group's figures of a year from its year statistics' counts (``YearStats.counts`` for a
    caller that has the statistics already, such as the team's year summary) and its targets
    matrix of that year."""
    t = counts.totals
    return GroupFigures(
        group_id=group.id,
        name=group.name,
        collective_meetings=t.collective_meetings,
        party_group_sessions=t.party_group_sessions,
        trainings=t.trainings,
        surveys=t.surveys,
        enterprise_surveys=t.surveys_by_kind["enterprise"],
        highlights=t.highlights,
        reports=t.research_reports,
        awards=t.awards,
        consumption_aid=t.consumption_aid_amount,
        projects=t.projects_signed,
        leave_requests=t.leave_total.count,
        leave_days=t.leave_total.days,
        overdue=counts.overdue,
        spot_checks=counts.spot_checks,
        **_targets(matrix),  # type: ignore[arg-type]
    )


def total_of(groups: Iterable[GroupFigures], name: str = "全队合计") -> GroupFigures:
    """The team's totals: every figure summed (compliance as cells met of cells due)."""
    groups = tuple(groups)
    values: dict[str, object] = {}
    for field in dataclasses.fields(GroupFigures):
        if field.name in ("group_id", "name"):
            continue
        found = [getattr(g, field.name) for g in groups]
        if field.name in ("consumption_aid", "leave_days"):
            places = AMOUNT_PLACES if field.name == "consumption_aid" else DAYS_PLACES
            zero = Decimal(0).scaleb(-places)
            values[field.name] = sum(found, zero)
        elif field.name.endswith("_target"):
            values[field.name] = sum(found, Compliance(0, 0))
        else:
            values[field.name] = sum(found)
    return GroupFigures(group_id=None, name=name, **values)  # type: ignore[arg-type]


def team_figures(
    ledger: Ledger, year: int, month: int | None = None, today: Date | None = None
) -> TeamFigures:
    """Every group's figures of a month (``month`` given) or of a year, as of ``today`` (overdue
    returns, the targets' running periods; default the program's clock), with the team's totals."""
    today = today or clock.today()
    groups = team_groups(ledger)
    if month is None:
        start, end = year_range(year)
        figures = tuple(year_figures(ledger, g, year, today) for g in groups)
    else:
        start, end = month_range(year, month)
        figures = tuple(month_figures(ledger, g, year, month, today) for g in groups)
    return TeamFigures(year, month, start, end, today, figures, total_of(figures))
