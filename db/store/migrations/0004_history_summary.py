"""The history names the record each change was made to (学习交流 · 2025-03-04 集体学习交流会 …): a
short label kept with the entry, as the record read at the time of the change.

Frozen: it names the table and column it adds and never imports db.store.models. Entries written before
this step get the label the recycle bin holds for their record, where it has one; the others stay
without a label (the history then names only the kind of record).
"""

from peewee import CharField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("change_log", "summary", CharField(max_length=300, default=""))
    )
    db.execute_sql(
        "UPDATE change_log SET summary = (SELECT MAX(recycle_bin.summary) FROM recycle_bin"
        " WHERE recycle_bin.record_id = change_log.record_id)"
        " WHERE EXISTS (SELECT 1 FROM recycle_bin WHERE recycle_bin.record_id = change_log.record_id)"
    )
