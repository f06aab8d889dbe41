"""peewee models of every record the ledger keeps (SPEC §2); bound to a database at run time."""

from __future__ import annotations

import datetime

from peewee import (
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    TimeField,
    UUIDField,
)

from db.common import clock
from db.common.ids import new_id

database_proxy = DatabaseProxy()


def _now() -> datetime.datetime:
    return clock.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class Record(BaseModel):
    """A record the user edits: a mergeable identity and a version for optimistic locking."""

    id = UUIDField(primary_key=True, default=new_id)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)


class WorkGroup(Record):
    name = CharField(max_length=100)
    batch = CharField(max_length=50, default="")
    sending_place = CharField(max_length=100, default="")
    host_place = CharField(max_length=100, default="")
    term_start = DateField(null=True)
    term_end = DateField(null=True)
    branch_name = CharField(max_length=100, default="")
    team_name = CharField(max_length=100, default="")
    bulletin_title = CharField(max_length=100, default="信息动态")
    bulletin_unit = CharField(max_length=100, default="")


class PartyGroup(Record):
    """A party small group (党小组); its leader is in PartyGroupLeader, which keeps the tables acyclic."""

    group = ForeignKeyField(WorkGroup, backref="party_groups")
    name = CharField(max_length=50)
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("group", "name"), True),)


class Member(Record):
    group = ForeignKeyField(WorkGroup, backref="members")
    name = CharField(max_length=50)
    gender = CharField(max_length=10, default="")
    political_status = CharField(max_length=20, default="")
    sending_unit_post = CharField(max_length=200, default="")
    host_unit_post = CharField(max_length=200, default="")
    field_of_work = CharField(max_length=50, default="")
    role = CharField(max_length=20, default="member")
    party_group = ForeignKeyField(PartyGroup, null=True, backref="members", on_delete="SET NULL")
    phone = CharField(max_length=30, default="")
    term_start = DateField(null=True)
    term_end = DateField(null=True)
    status = CharField(max_length=20, default="active")
    branch_only = BooleanField(
        default=False
    )  # branch member from the higher team, not a group member
    pinyin_override = CharField(max_length=200, default="")
    pinyin_index = CharField(max_length=1000, default="")
    notes = TextField(default="")
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("group", "sort_order", "id"), False),)


class PartyGroupLeader(BaseModel):
    """The leader of a party small group (one row per group at most)."""

    party_group = ForeignKeyField(PartyGroup, primary_key=True, on_delete="CASCADE")
    member = ForeignKeyField(Member, on_delete="CASCADE")


class StudySession(Record):
    group = ForeignKeyField(WorkGroup, backref="study_sessions")
    kind = CharField(max_length=20)
    date = DateField()
    start_time = TimeField(null=True)
    end_time = TimeField(null=True)
    form = CharField(max_length=20, default="offline")
    place = CharField(max_length=200, default="")
    scope = ForeignKeyField(PartyGroup, null=True, on_delete="RESTRICT")  # None: the whole branch
    topic = CharField(max_length=300)
    host = CharField(max_length=50, default="")
    recorder = CharField(max_length=50, default="")
    content = TextField(default="")
    training_hours = DecimalField(max_digits=6, decimal_places=1, null=True, auto_round=True)

    class Meta:
        indexes = ((("group", "date", "id"), False), (("group", "kind", "date"), False))


class Attendance(BaseModel):
    id = UUIDField(primary_key=True, default=new_id)
    session = ForeignKeyField(StudySession, backref="attendance", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="attendance")
    present = BooleanField(default=True)
    absence_reason = CharField(max_length=20, default="")
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("session", "member"), True), (("member",), False))


class LeaveRequest(Record):
    group = ForeignKeyField(WorkGroup, backref="leave_requests")
    member = ForeignKeyField(Member, backref="leave_requests")
    leave_type = CharField(max_length=20)
    start_date = DateField()
    start_half = CharField(max_length=2, default="am")
    end_date = DateField()
    end_half = CharField(max_length=2, default="pm")
    days = DecimalField(max_digits=6, decimal_places=1, auto_round=True)  # working days, computed
    days_override = DecimalField(max_digits=6, decimal_places=1, null=True, auto_round=True)
    override_reason = CharField(max_length=200, default="")
    reason = TextField(default="")
    destination = CharField(max_length=200, default="")
    contact_phone = CharField(max_length=30, default="")
    approver = CharField(max_length=50, default="")
    approval_date = DateField(null=True)
    status = CharField(max_length=20, default="pending")
    return_date = DateField(null=True)
    return_half = CharField(max_length=2, default="")
    actual_days = DecimalField(max_digits=6, decimal_places=1, null=True, auto_round=True)
    filed_date = DateField(null=True)
    notes = TextField(default="")

    class Meta:
        indexes = (
            (("group", "start_date", "id"), False),
            (("member", "start_date"), False),
            (("group", "status"), False),
        )


class SpotCheck(Record):
    group = ForeignKeyField(WorkGroup, backref="spot_checks")
    date = DateField()
    time = TimeField(null=True)
    method = CharField(max_length=20)
    checker = CharField(max_length=50, default="")
    notes = TextField(default="")

    class Meta:
        indexes = ((("group", "date", "id"), False),)


class SpotCheckResult(BaseModel):
    id = UUIDField(primary_key=True, default=new_id)
    check = ForeignKeyField(SpotCheck, backref="results", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="spot_check_results")
    result = CharField(max_length=20)
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("check", "member"), True), (("member",), False))


class ResearchReport(Record):
    group = ForeignKeyField(WorkGroup, backref="research_reports")
    title = CharField(max_length=300)
    completion_date = DateField(null=True)
    submitted_to = CharField(max_length=200, default="")
    award_level = CharField(max_length=20, default="")
    award_rank = CharField(max_length=50, default="")
    award_date = DateField(null=True)
    notes = TextField(default="")

    class Meta:
        indexes = ((("group", "completion_date", "id"), False),)


class ReportAuthor(BaseModel):
    id = UUIDField(primary_key=True, default=new_id)
    report = ForeignKeyField(ResearchReport, backref="authors", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="reports")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("report", "member"), True), (("member",), False))


class Survey(Record):
    group = ForeignKeyField(WorkGroup, backref="surveys")
    date = DateField()
    kind = CharField(max_length=20)
    visited = CharField(max_length=200)  # the enterprise or body visited
    place = CharField(max_length=200, default="")
    topic = CharField(max_length=300, default="")
    findings = TextField(default="")
    follow_up = TextField(default="")
    report = ForeignKeyField(ResearchReport, null=True, backref="surveys", on_delete="SET NULL")

    class Meta:
        indexes = ((("group", "date", "id"), False),)


class SurveyParticipant(BaseModel):
    id = UUIDField(primary_key=True, default=new_id)
    survey = ForeignKeyField(Survey, backref="participants", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="surveys")

    class Meta:
        indexes = ((("survey", "member"), True), (("member",), False))


class Highlight(Record):
    group = ForeignKeyField(WorkGroup, backref="highlights")
    member = ForeignKeyField(Member, backref="highlights")
    month = DateField()  # the first day of the month it belongs to
    title = CharField(max_length=300)
    text = TextField(default="")
    category = CharField(max_length=20, default="other")
    featured = BooleanField(default=False)

    class Meta:
        # A member's titles of a month are unique: the rule the form checks, held by the database
        # when two programs save at once (migration 0003).
        indexes = (
            (("group", "month", "id"), False),
            (("member", "month"), False),
            (("member", "month", "title"), True),
        )


class Achievement(Record):
    group = ForeignKeyField(WorkGroup, backref="achievements")
    date = DateField()
    kind = CharField(max_length=20)
    title = CharField(max_length=300)
    amount = DecimalField(max_digits=14, decimal_places=4, null=True, auto_round=True)  # 万元
    count = IntegerField(null=True)
    notes = TextField(default="")

    class Meta:
        indexes = ((("group", "date", "id"), False),)


class AchievementMember(BaseModel):
    id = UUIDField(primary_key=True, default=new_id)
    achievement = ForeignKeyField(Achievement, backref="members", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="achievements")

    class Meta:
        indexes = ((("achievement", "member"), True), (("member",), False))


class BulletinIssue(Record):
    group = ForeignKeyField(WorkGroup, backref="bulletin_issues")
    month = DateField()  # the first day of the month it covers
    year = IntegerField()
    number = IntegerField()  # 第N期 of the year
    overview_text = TextField(default="")
    plan_text = TextField(default="")
    produced_at = DateTimeField(null=True)
    # 印发日期: printed in the masthead, and the day the issue's figures are "as of"; given when the
    # issue is first numbered (migration 0002 added it; an issue from before gets it on first use).
    issue_date = DateField(null=True)

    class Meta:
        indexes = ((("group", "month"), True), (("group", "year", "number"), True))


class Plan(Record):
    """The group's own plan of a year (年度计划, e.g. 《细化措施二十条》): a title and its measures."""

    group = ForeignKeyField(WorkGroup, backref="plans")
    year = IntegerField()
    title = CharField(max_length=100)
    notes = TextField(default="")

    class Meta:
        indexes = ((("group", "year"), True),)


class PlanMeasure(Record):
    """One measure of a plan: its wording, whom it binds, its period and count, and what counts for
    it (records of a kind, filtered by ``filter`` — a survey, session or achievement kind — or the
    secretary's manual ticks)."""

    group = ForeignKeyField(WorkGroup, backref="plan_measures")
    plan = ForeignKeyField(Plan, backref="measures", on_delete="CASCADE")
    position = IntegerField(default=0)
    wording = CharField(max_length=300)
    binds = CharField(max_length=20)  # vocab plan_binds
    period = CharField(max_length=20)  # vocab plan_period
    count = IntegerField(default=1)
    source = CharField(max_length=20)  # vocab plan_source
    filter = CharField(max_length=20, default="")
    notes = TextField(default="")

    class Meta:
        indexes = ((("plan", "position", "id"), False),)


class PlanTick(Record):
    """A manual tick of a measure that no record shows (工作日志 checked, 制度汇编 printed): its date
    puts it in a period; a measure that binds each member is ticked for one member."""

    group = ForeignKeyField(WorkGroup, backref="plan_ticks")
    measure = ForeignKeyField(PlanMeasure, backref="ticks", on_delete="CASCADE")
    member = ForeignKeyField(Member, null=True, backref="plan_ticks", on_delete="CASCADE")
    date = DateField()
    note = CharField(max_length=300, default="")

    class Meta:
        indexes = ((("measure", "date"), False), (("member",), False))


class Setting(BaseModel):
    """A user-editable rule or preference, JSON-encoded; ``group`` None holds program-wide settings."""

    id = UUIDField(primary_key=True, default=new_id)
    group = ForeignKeyField(WorkGroup, null=True, backref="settings")
    key = CharField(max_length=100)
    value = TextField()

    class Meta:
        indexes = ((("group", "key"), True),)


class CalendarDay(Record):
    """The secretary's own correction of the official calendar: a holiday, or an adjusted working day."""

    date = DateField(unique=True)
    is_workday = BooleanField()
    name = CharField(max_length=50, default="")


class ChangeLog(BaseModel):
    """One change to one record: who, when, and what it was before and after (JSON)."""

    id = UUIDField(primary_key=True, default=new_id)
    group = ForeignKeyField(WorkGroup, null=True, on_delete="SET NULL")
    kind = CharField(max_length=30)
    record_id = UUIDField()
    action = CharField(max_length=20)  # create, update, delete, restore, purge
    operator = CharField(max_length=50)
    summary = CharField(max_length=300, default="")  # the record, named as it was then
    at = DateTimeField(default=_now)
    before = TextField(null=True)
    after = TextField(null=True)

    class Meta:
        indexes = ((("record_id", "at"), False), (("group", "at", "id"), False))


class RecycleBin(BaseModel):
    """A deleted record with its children, as JSON, until it is restored or purged."""

    id = UUIDField(primary_key=True, default=new_id)
    group = ForeignKeyField(WorkGroup, null=True, on_delete="CASCADE")
    kind = CharField(max_length=30)
    record_id = UUIDField()
    summary = CharField(max_length=300)
    payload = TextField()
    deleted_at = DateTimeField(default=_now)
    deleted_by = CharField(max_length=50)

    class Meta:
        indexes = ((("group", "deleted_at", "id"), False), (("record_id",), False))


ALL_MODELS: tuple[type[BaseModel], ...] = (
    WorkGroup,
    PartyGroup,
    Member,
    PartyGroupLeader,
    StudySession,
    Attendance,
    LeaveRequest,
    SpotCheck,
    SpotCheckResult,
    ResearchReport,
    ReportAuthor,
    Survey,
    SurveyParticipant,
    Highlight,
    Achievement,
    AchievementMember,
    BulletinIssue,
    Plan,
    PlanMeasure,
    PlanTick,
    Setting,
    CalendarDay,
    ChangeLog,
    RecycleBin,
)
