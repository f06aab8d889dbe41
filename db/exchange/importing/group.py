"""Importing the work group's profile, its party small groups and their leaders."""

from __future__ import annotations

import uuid
from typing import Any

from db.exchange import ledgers as L
from db.exchange.importing.messages import MSG_BAD_ID, MSG_GROUP_ONE_ROW, MSG_OTHER_GROUP
from db.exchange.importing.rows import CREATE, SAME, UPDATE, _Row, _Table
from db.exchange.importing.run import ImportRun, _id_of, _settled, _without
from db.services.base import service_for
from db.store.models import PartyGroup, WorkGroup


def import_group(run: ImportRun) -> None:
    service = service_for("work_group")
    current = run.ledger.group_id
    for table in run.tables("group"):
        for index, row in enumerate(table.rows):
            if _settled(row):
                continue
            if index > 0:
                run.problem(table, row, None, MSG_GROUP_ONE_ROW())
                continue
            skip: set[str] = set()
            values = run.values(table, row, skip)
            raw_id = L.plain_cell(row.cells.get("id"))
            record_id = None
            if raw_id is not None:
                try:
                    record_id = _id_of(raw_id)
                except ValueError:
                    run.problem(table, row, "id", MSG_BAD_ID(value=str(raw_id)))
                    continue
            if current is not None:
                if record_id is not None and record_id != current:
                    name = values.get("name") or ""
                    group_name = WorkGroup.get_by_id(current).name
                    if name != group_name:
                        run.problem(
                            table, row, None, MSG_OTHER_GROUP(name=name, current=group_name)
                        )
                        continue
                run.save(table, row, service, values, UPDATE, current, skip)
                continue
            taken = (
                record_id is not None
                and WorkGroup.select().where(WorkGroup.id == record_id).exists()
            )
            saved = run.save(
                table, row, service, values, CREATE, None if taken else record_id, skip
            )
            if saved is not None:
                run.ledger.group_id = saved
                current = saved


def import_party_groups(run: ImportRun) -> list[tuple[_Table, _Row, uuid.UUID, Any]]:
    """Party groups first without a leader whose member is not in the database yet; those leaders
    are set once the members are in (returned here)."""

    service = service_for("party_group")
    mine, anywhere = run.identities("party_groups", PartyGroup)
    by_name = {
        pg.name: pg.id
        for pg in PartyGroup.select(PartyGroup.id, PartyGroup.name).where(
            PartyGroup.group == run.ledger.group_id
        )
    }
    pending = []
    for table, row in run.rows("party_groups"):
        if _settled(row):
            continue
        action, record_id, given = run.identity(table, row, mine, anywhere)
        name = L.plain_cell(row.cells.get("name"))
        if action == CREATE and not given and name is not None and str(name) in by_name:
            action, record_id = UPDATE, by_name[str(name)]
        leader_name = L.plain_cell(row.cells.get("leader"))
        skip: set[str] = set()
        known = leader_name is None or bool(run.names.members.get(str(leader_name)))
        values = run.values(table, row, skip) if known else None
        if values is None:
            # The leader is a member this file brings: leave it for after the members.
            values = run.values(_without(table, "leader"), row, skip)
            values["leader"] = None
            if action == UPDATE and record_id is not None:
                current = service.snapshot(service.get(run.ledger, record_id))
                values["leader"] = current.get("leader")
        saved = run.save(table, row, service, values, action, record_id, skip)
        if saved is not None:
            by_name[str(values.get("name") or "").strip()] = saved
            if not known:
                pending.append((table, row, saved, leader_name))
    return pending


def import_party_group_leaders(
    run: ImportRun, pending: list[tuple[_Table, _Row, uuid.UUID, Any]]
) -> None:
    service = service_for("party_group")
    for table, row, record_id, _leader in pending:
        skip: set[str] = set()
        values = run.values(table, row, skip)
        if _settled(row):
            continue
        action = row.result.action
        run.save(table, row, service, values, UPDATE, record_id, skip)
        if row.result.action in (UPDATE, SAME) and action == CREATE:
            row.result.action = CREATE
