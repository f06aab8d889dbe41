"""Importing the year plan: its measures (the 年度计划 sheet, the plan of each year made or renamed
from the rows' 年度 and 计划名称) and their manual ticks (the 计划勾选 sheet)."""

from __future__ import annotations

import contextlib
import uuid
from collections import defaultdict
from typing import Any

from db.exchange import ledgers as L
from db.exchange.importing.messages import (
    MSG_AMBIGUOUS_MEASURE,
    MSG_BAD_ID,
    MSG_NO_MEASURE,
    MSG_NO_MEASURE_ID,
    MSG_PLAN_NOT_IMPORTED,
    MSG_PLAN_TITLES,
)
from db.exchange.importing.rows import CREATE, SAME, UPDATE, _header, _Row, _Table
from db.exchange.importing.run import ImportRun, _id_of, _settled, _text
from db.services import plans
from db.services.base import service_for
from db.store.models import Plan, PlanMeasure, PlanTick


def import_plans(run: ImportRun) -> None:
    """The measures first, then the ticks, which find their measure by 措施编号 or else by 年度 and
    措施 (the measures' own rows are in by then)."""
    saved_as = _import_measures(run)
    _import_ticks(run, saved_as)


def _year(raw: Any) -> int | None:
    value = L.plain_cell(raw)
    if isinstance(value, int):
        return value
    with contextlib.suppress(TypeError, ValueError):
        return int(str(value).strip())
    return None


class _Plans:
    """Each year's plan, made (or renamed) once, by the first clean row of that year."""

    def __init__(self, run: ImportRun) -> None:
        self.run = run
        self.stored = {p.year: p for p in Plan.select().where(Plan.group == run.ledger.group_id)}
        self.first: dict[Any, tuple[_Row, str]] = {}  # year cell -> (first row, its title)
        self.ids: dict[Any, uuid.UUID | None] = {}  # year cell -> the plan (None: it failed)

    def plan_for(self, table: _Table, row: _Row, values: dict[str, Any]) -> uuid.UUID | None:
        """The plan of the row's year, made or renamed by the year's first row; None (with a problem
        on the row) when the plan cannot be had."""
        run = self.run
        raw_year, title = values.pop("year", None), values.pop("title", None)
        title = str(title).strip() if title is not None else ""
        key = _text(raw_year)
        if key in self.first:
            first, first_title = self.first[key]
            if title and first_title and title != first_title:
                run.problem(
                    table, row, "title", MSG_PLAN_TITLES(first=first.number, other=first_title)
                )
                return None
            plan_id = self.ids.get(key)
            if plan_id is None:
                run.problem(table, row, "year", MSG_PLAN_NOT_IMPORTED(year=key, first=first.number))
            return plan_id
        self.first[key] = (row, title)
        service = service_for("plan")
        year = _year(raw_year)
        current = self.stored.get(year) if year is not None else None
        skip: set[str] = set()
        if current is None:
            wanted = {"year": raw_year, "title": title or plans.BASIC_TITLE}
            plan_id = run.save(table, row, service, wanted, CREATE, None, skip)
        elif title and title != current.title:
            wanted = {"year": year, "title": title, "notes": current.notes}
            plan_id = run.save(table, row, service, wanted, UPDATE, current.id, skip)
        else:
            plan_id = current.id
        self.ids[key] = plan_id
        return plan_id


def _import_measures(run: ImportRun) -> dict[uuid.UUID, uuid.UUID]:
    """The measures' rows; returns each 编号 of the file with the record it became."""
    service = service_for("plan_measure")
    mine, anywhere = run.identities("plan", PlanMeasure)
    year_plans = _Plans(run)
    saved_as: dict[uuid.UUID, uuid.UUID] = {}
    for table, row in run.rows("plan"):
        if _settled(row):
            continue
        action, record_id, given = run.identity(table, row, mine, anywhere)
        skip: set[str] = set()
        values = run.values(table, row, skip)
        if row.result.problems:
            continue
        plan_id = year_plans.plan_for(table, row, values)
        if plan_id is None:
            continue
        plan_action = row.result.action
        values["plan"] = plan_id
        position = values.get("position")
        with contextlib.suppress(TypeError, ValueError):
            values["position"] = int(str(position).strip()) - 1  # 序号 counts from 1
        if position is None and action == UPDATE:
            values.pop("position")  # an empty 序号 keeps the measure's place
        saved = run.save(table, row, service, values, action, record_id, skip)
        if saved is None:
            continue
        if plan_action in (CREATE, UPDATE) and row.result.action == SAME:
            row.result.action = UPDATE  # the plan's title was the row's change
        if given:
            raw = L.plain_cell(row.cells.get("id"))
            saved_as[_id_of(raw)] = saved
    return saved_as


def _import_ticks(run: ImportRun, saved_as: dict[uuid.UUID, uuid.UUID]) -> None:
    service = service_for("plan_tick")
    mine, anywhere = run.identities("plan_ticks", PlanTick)
    group = run.ledger.group_id
    by_wording: dict[tuple[int, str], list[uuid.UUID]] = defaultdict(list)
    query = (
        PlanMeasure.select(PlanMeasure.id, PlanMeasure.wording, Plan.year)
        .join(Plan)
        .where(PlanMeasure.group == group)
        .order_by(PlanMeasure.position, PlanMeasure.id)
        .tuples()
    )
    for measure_id, wording, year in query:
        by_wording[(year, wording)].append(measure_id)
    known = {m for ids in by_wording.values() for m in ids}
    bulk = run.bulk(service)
    for table, row in run.rows("plan_ticks"):
        if _settled(row):
            continue
        action, record_id, _ = run.identity(table, row, mine, anywhere)
        skip: set[str] = set()
        values = run.values(table, row, skip)
        raw_year, wording = values.pop("year", None), values.pop("wording", None)
        raw = L.plain_cell(row.cells.get("measure")) if "measure" in table.present else None
        measure: uuid.UUID | None = None
        if raw is not None:
            try:
                measure = _id_of(raw)
            except ValueError:
                run.problem(table, row, "measure", MSG_BAD_ID(value=str(raw)))
                continue
            measure = saved_as.get(measure, measure)
            if measure not in known:
                run.problem(table, row, "measure", MSG_NO_MEASURE_ID(id=str(measure)))
                continue
        elif wording is not None:
            year = _year(raw_year)
            found = by_wording.get((year, str(wording).strip()), []) if year is not None else []
            if len(found) != 1:
                message = (
                    MSG_AMBIGUOUS_MEASURE(
                        year=_text(raw_year),
                        wording=wording,
                        measure=_header(L.PLAN_TICKS, "measure"),
                    )
                    if found
                    else MSG_NO_MEASURE(year=_text(raw_year), wording=wording)
                )
                run.problem(table, row, "wording", message)
                continue
            measure = found[0]
        values["measure"] = measure
        run.save(table, row, service, values, action, record_id, skip, bulk=bulk)
    bulk.flush()
