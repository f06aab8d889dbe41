"""What the last merge of a group's file into this ledger saw (issue 12, point 5): per source and
record, a fingerprint of the record on each side as the merge left it, so that the next merge can
tell a record changed on one side only from one changed on both. Carries the group's id, so that a
team server's row-level security covers it.

Frozen: it carries the shape it needs and never imports db.store.models.
"""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, UUIDField


def up(migrator, db):
    class WorkGroup(Model):
        id = UUIDField(primary_key=True)

        class Meta:
            database = db
            table_name = "work_group"

    class MergeState(Model):
        id = UUIDField(primary_key=True)
        group = ForeignKeyField(WorkGroup, on_delete="CASCADE")
        source = CharField(max_length=100)
        kind = CharField(max_length=30)
        record_id = UUIDField()
        source_hash = CharField(max_length=64, null=True)
        target_hash = CharField(max_length=64, null=True)
        source_version = IntegerField(null=True)
        target_version = IntegerField(null=True)
        merged_at = DateTimeField()

        class Meta:
            database = db
            table_name = "merge_state"
            indexes = ((("source", "record_id"), True),)

    db.create_tables([MergeState])


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS merge_state")
