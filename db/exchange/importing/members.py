"""Importing the members (a roster)."""

from __future__ import annotations

from db.exchange import ledgers as L
from db.exchange.importing.rows import CREATE, UPDATE
from db.exchange.importing.run import ImportRun, _Bulk, _settled
from db.services.base import service_for
from db.store.models import Member


def import_members(run: ImportRun) -> None:
    service = service_for("member")
    mine, anywhere = run.identities("members", Member)
    bulk = _Bulk(run.ledger, service, {})  # members have no child rows to order
    for table, row in run.rows("members"):
        if _settled(row):
            continue
        action, record_id, given = run.identity(table, row, mine, anywhere)
        name = L.plain_cell(row.cells.get("name"))
        if action == CREATE and not given and name is not None:
            ids = run.names.members.get(str(name)) or []
            if len(ids) == 1:
                action, record_id = UPDATE, ids[0]
            elif len(ids) > 1:
                _, message = run.names.member(str(name))
                assert message is not None
                run.problem(table, row, "name", message)
                continue
        skip: set[str] = set()
        values = run.values(table, row, skip)
        saved = run.save(table, row, service, values, action, record_id, skip, bulk=bulk)
        if saved is not None:
            run.names.set_member(
                saved,
                str(values.get("name") or "").strip(),
                str(values.get("sending_unit_post") or ""),
            )
    bulk.flush()
    run.member_order = None  # read again, with the new members, by the next kind
