"""Importing the bulletin issues, one per month."""

from __future__ import annotations

import contextlib

from db.exchange.importing.rows import CREATE, UPDATE
from db.exchange.importing.run import ImportRun, _settled
from db.services.base import service_for


def import_bulletins(run: ImportRun) -> None:
    """Bulletin issues, with their numbers and the editor's texts: one per month, so a row is the
    issue with its 编号, or else the issue of its month when the ledger has one."""
    from db.services.fields import parse_month
    from db.store.models import BulletinIssue

    service = service_for("bulletin")
    mine, anywhere = run.identities("bulletins", BulletinIssue)
    by_month = dict(
        BulletinIssue.select(BulletinIssue.month, BulletinIssue.id)
        .where(BulletinIssue.group == run.ledger.group_id)
        .tuples()
    )
    for table, row in run.rows("bulletins"):
        if _settled(row):
            continue
        action, record_id, _ = run.identity(table, row, mine, anywhere)
        skip: set[str] = set()
        values = run.values(table, row, skip)
        month = None
        with contextlib.suppress(ValueError, TypeError):
            month = parse_month(values.get("month")) if values.get("month") else None
        if action == CREATE and month in by_month:
            action, record_id = UPDATE, by_month[month]
        saved = run.save(table, row, service, values, action, record_id, skip)
        if saved is not None and month is not None:
            by_month[month] = saved
