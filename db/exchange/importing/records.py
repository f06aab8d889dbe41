"""Importing the kinds whose rows are records as they stand: leave, reports, surveys, highlights
and achievements."""

from __future__ import annotations

from db.exchange import ledgers as L
from db.exchange.importing.run import ImportRun, _settled
from db.services.base import service_for


def import_records(run: ImportRun, key: str) -> None:
    sheet = L.BY_KEY[key]
    assert sheet.service_kind is not None
    service = service_for(sheet.service_kind)
    mine, anywhere = run.identities(key, sheet.model)
    bulk = run.bulk(service)
    for table, row in run.rows(key):
        if _settled(row):
            continue
        action, record_id, _ = run.identity(table, row, mine, anywhere)
        skip: set[str] = set()
        values = run.values(table, row, skip)
        run.save(table, row, service, values, action, record_id, skip, bulk=bulk)
    bulk.flush()
