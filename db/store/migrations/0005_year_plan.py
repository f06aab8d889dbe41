"""The group's year plan (issue 13): plans, their measures and the manual ticks of measures that no
record shows. Every table carries the group's id, so that a team server's row-level security covers it.

The three targets that Settings kept ("targets": surveys per member per week, highlights per member
per month, collective meetings per month) become three measures of a plan: a group that changed
them gets, for each year of its term (or the year it was changed in, when no term is set), a plan
that holds them, so that the targets matrix shows what it showed before. A group that never changed
them needs nothing: a year without a plan counts by those three measures at their defaults.

Frozen: it carries the shape it needs and never imports db.store.models.
"""

import datetime
import json

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    UUIDField,
)
from uuid6 import uuid7

# (wording, binds, period, source, filter, key of the old setting)
_TARGET_MEASURES = (
    ("每人每周一次实践调研", "member", "week", "survey", "", "surveys_per_week"),
    ("每人每月总结一个亮点", "member", "month", "highlight", "", "highlights_per_month"),
    (
        "每月开展一次学习交流会",
        "group",
        "month",
        "session",
        "collective",
        "collective_meetings_per_month",
    ),
)


def up(migrator, db):
    class WorkGroup(Model):
        id = UUIDField(primary_key=True)
        term_start = DateField(null=True)
        term_end = DateField(null=True)

        class Meta:
            database = db
            table_name = "work_group"

    class Member(Model):
        id = UUIDField(primary_key=True)

        class Meta:
            database = db
            table_name = "member"

    class Setting(Model):
        id = UUIDField(primary_key=True)
        group = ForeignKeyField(WorkGroup, null=True)
        key = CharField(max_length=100)
        value = TextField()

        class Meta:
            database = db
            table_name = "setting"

    class ChangeLog(Model):
        id = UUIDField(primary_key=True)
        record_id = UUIDField()
        at = DateTimeField()

        class Meta:
            database = db
            table_name = "change_log"

    class Plan(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        year = IntegerField()
        title = CharField(max_length=100)
        notes = TextField(default="")

        class Meta:
            database = db
            table_name = "plan"
            indexes = ((("group", "year"), True),)

    class PlanMeasure(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        plan = ForeignKeyField(Plan, on_delete="CASCADE")
        position = IntegerField(default=0)
        wording = CharField(max_length=300)
        binds = CharField(max_length=20)
        period = CharField(max_length=20)
        count = IntegerField(default=1)
        source = CharField(max_length=20)
        filter = CharField(max_length=20, default="")
        notes = TextField(default="")

        class Meta:
            database = db
            table_name = "plan_measure"
            indexes = ((("plan", "position", "id"), False),)

    class PlanTick(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        measure = ForeignKeyField(PlanMeasure, on_delete="CASCADE")
        member = ForeignKeyField(Member, null=True, on_delete="CASCADE")
        date = DateField()
        note = CharField(max_length=300, default="")

        class Meta:
            database = db
            table_name = "plan_tick"
            indexes = ((("measure", "date"), False), (("member",), False))

    db.create_tables([Plan, PlanMeasure, PlanTick])

    for setting in Setting.select().where(
        (Setting.key == "targets") & Setting.group.is_null(False)
    ):
        targets = json.loads(setting.value)
        group = WorkGroup.get_or_none(WorkGroup.id == setting.group_id)
        if group is None:
            continue
        changed = (
            ChangeLog.select(ChangeLog.at)
            .where(ChangeLog.record_id == setting.id)
            .order_by(ChangeLog.at.desc())
            .first()
        )
        stamp = changed.at if changed is not None else datetime.datetime(2000, 1, 1)
        if not isinstance(stamp, datetime.datetime):
            stamp = datetime.datetime.fromisoformat(str(stamp)[:19])
        if group.term_start is not None and group.term_end is not None:
            years = range(group.term_start.year, group.term_end.year + 1)
        elif changed is not None:
            years = [stamp.year]
        else:
            continue
        for year in years:
            if Plan.select().where((Plan.group == group.id) & (Plan.year == year)).exists():
                continue
            plan = Plan.create(
                id=uuid7(),
                created_at=stamp,
                updated_at=stamp,
                group=group.id,
                year=year,
                title="年度计划",
            )
            for position, (wording, binds, period, source, kind, key) in enumerate(
                _TARGET_MEASURES
            ):
                PlanMeasure.create(
                    id=uuid7(),
                    created_at=stamp,
                    updated_at=stamp,
                    group=group.id,
                    plan=plan.id,
                    position=position,
                    wording=wording,
                    binds=binds,
                    period=period,
                    count=int(targets.get(key, 1)),
                    source=source,
                    filter=kind,
                )
        setting.delete_instance()


def down(migrator, db):
    db.execute_sql("DROP TABLE IF EXISTS plan_tick")
    db.execute_sql("DROP TABLE IF EXISTS plan_measure")
    db.execute_sql("DROP TABLE IF EXISTS plan")
