"""Importing spot checks, one row per member checked."""

from __future__ import annotations

from typing import Any

from db.exchange import ledgers as L
from db.exchange.importing.messages import MSG_EMPTY_VALUE, MSG_INCONSISTENT
from db.exchange.importing.rows import SKIP, _Row
from db.exchange.importing.run import (
    ImportRun,
    _attendance_messages,
    _is_results,
    _settled,
    _signature,
    _text,
)
from db.services.base import service_for


def import_spotchecks(run: ImportRun) -> None:
    service = service_for("spotcheck")
    mine, anywhere = run.identities("spotchecks", service.model)
    check_keys = [c.key for c in L.SPOTCHECKS.columns if not c.child and c.type != L.ID]
    bulk = run.bulk(service)
    for table in run.tables("spotchecks"):
        # One check per 编号, or per date, time, method, checker and notes when there is none.
        checks: dict[Any, list[_Row]] = {}
        for row in table.rows:
            if _settled(row):
                continue
            raw = L.plain_cell(row.cells.get("id"))
            key = (
                ("id", str(raw).strip().lower())
                if raw is not None
                else ("cells", tuple(_signature(row.cells.get(k)) for k in check_keys))
            )
            checks.setdefault(key, []).append(row)
        for rows in checks.values():
            first = rows[0]
            for other in rows[1:]:
                for k in check_keys:
                    if k in table.present and _signature(other.cells.get(k)) != _signature(
                        first.cells.get(k)
                    ):
                        run.problem(
                            table,
                            other,
                            k,
                            MSG_INCONSISTENT(
                                first=first.number,
                                other=_text(first.cells.get(k)) or MSG_EMPTY_VALUE().text(),
                            ),
                        )
            action, record_id, _ = run.identity(table, first, mine, anywhere)
            skip: set[str] = set()
            values = run.values(table, first, skip)
            results = []
            for row in rows:
                name = L.plain_cell(row.cells.get("member"))
                member_id, message = (
                    run.names.member(str(name)) if name is not None else (None, None)
                )
                if message is not None:
                    run.problem(table, row, "member", message)
                    continue
                results.append(
                    {
                        "member": member_id,
                        "result": L.import_value(
                            table.sheet.column("result"), row.cells.get("result")
                        ),
                        "note": L.import_value(table.sheet.column("note"), row.cells.get("note")),
                    }
                )
            values["results"] = results
            members = [(table, r) for r in rows[1:]]
            before = len(first.result.problems)
            saved = run.save(
                table,
                first,
                service,
                values,
                action,
                record_id,
                skip,
                extra_rows=members,
                bulk=bulk,
            )
            moved = [
                p for p in first.result.problems[before:] if p.column is None and _is_results(p)
            ]
            if moved:
                first.result.problems = [p for p in first.result.problems if p not in moved]
                _attendance_messages(
                    run, [p.message for p in moved], [(table, r) for r in rows], table, first
                )
            for row in rows[1:]:
                if saved is not None:
                    run.mark(table, row, first.result.action, saved)
                else:
                    row.result.action = SKIP
    bulk.flush()
