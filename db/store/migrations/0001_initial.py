"""The first schema of the ledger: every record of SPEC §2.

Frozen: it carries the shape it creates and never imports db.store.models, so later model changes cannot change
what this step did. Generated once with playhouse.migrations.template from the models of that day.
"""

from peewee import (
    BooleanField,
    CharField,
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


def up(migrator, db):
    class WorkGroup(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
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

        class Meta:
            database = db
            table_name = "work_group"

    db.create_tables([WorkGroup])

    class Achievement(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        date = DateField()
        kind = CharField(max_length=20)
        title = CharField(max_length=300)
        amount = DecimalField(null=True, max_digits=14, decimal_places=4)
        count = IntegerField(null=True)
        notes = TextField(default="")

        class Meta:
            database = db
            table_name = "achievement"
            indexes = ((("group", "date", "id"), False),)

    db.create_tables([Achievement])

    class PartyGroup(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        name = CharField(max_length=50)
        sort_order = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "party_group"
            indexes = ((("group", "name"), True),)

    db.create_tables([PartyGroup])

    class Member(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        name = CharField(max_length=50)
        gender = CharField(max_length=10, default="")
        political_status = CharField(max_length=20, default="")
        sending_unit_post = CharField(max_length=200, default="")
        host_unit_post = CharField(max_length=200, default="")
        field_of_work = CharField(max_length=50, default="")
        role = CharField(max_length=20, default="member")
        party_group = ForeignKeyField(PartyGroup, null=True, on_delete="SET NULL")
        phone = CharField(max_length=30, default="")
        term_start = DateField(null=True)
        term_end = DateField(null=True)
        status = CharField(max_length=20, default="active")
        branch_only = BooleanField(default=False)
        pinyin_override = CharField(max_length=200, default="")
        pinyin_index = CharField(max_length=1000, default="")
        notes = TextField(default="")
        sort_order = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "member"
            indexes = ((("group", "sort_order", "id"), False),)

    db.create_tables([Member])

    class AchievementMember(Model):
        id = UUIDField(primary_key=True)
        achievement = ForeignKeyField(Achievement, on_delete="CASCADE")
        member = ForeignKeyField(Member)

        class Meta:
            database = db
            table_name = "achievement_member"
            indexes = ((("achievement", "member"), True), (("member",), False))

    db.create_tables([AchievementMember])

    class StudySession(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        kind = CharField(max_length=20)
        date = DateField()
        start_time = TimeField(null=True)
        end_time = TimeField(null=True)
        form = CharField(max_length=20, default="offline")
        place = CharField(max_length=200, default="")
        scope = ForeignKeyField(PartyGroup, null=True, on_delete="RESTRICT")
        topic = CharField(max_length=300)
        host = CharField(max_length=50, default="")
        recorder = CharField(max_length=50, default="")
        content = TextField(default="")
        training_hours = DecimalField(null=True, max_digits=6, decimal_places=1)

        class Meta:
            database = db
            table_name = "study_session"
            indexes = ((("group", "date", "id"), False), (("group", "kind", "date"), False))

    db.create_tables([StudySession])

    class Attendance(Model):
        id = UUIDField(primary_key=True)
        session = ForeignKeyField(StudySession, on_delete="CASCADE")
        member = ForeignKeyField(Member)
        present = BooleanField(default=True)
        absence_reason = CharField(max_length=20, default="")
        note = CharField(max_length=200, default="")

        class Meta:
            database = db
            table_name = "attendance"
            indexes = ((("session", "member"), True), (("member",), False))

    db.create_tables([Attendance])

    class BulletinIssue(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        month = DateField()
        year = IntegerField()
        number = IntegerField()
        overview_text = TextField(default="")
        plan_text = TextField(default="")
        produced_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "bulletin_issue"
            indexes = ((("group", "month"), True), (("group", "year", "number"), True))

    db.create_tables([BulletinIssue])

    class CalendarDay(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        date = DateField(unique=True)
        is_workday = BooleanField()
        name = CharField(max_length=50, default="")

        class Meta:
            database = db
            table_name = "calendar_day"

    db.create_tables([CalendarDay])

    class ChangeLog(Model):
        id = UUIDField(primary_key=True)
        group = ForeignKeyField(WorkGroup, null=True, on_delete="SET NULL")
        kind = CharField(max_length=30)
        record_id = UUIDField()
        action = CharField(max_length=20)
        operator = CharField(max_length=50)
        at = DateTimeField()
        before = TextField(null=True)
        after = TextField(null=True)

        class Meta:
            database = db
            table_name = "change_log"
            indexes = ((("record_id", "at"), False), (("group", "at", "id"), False))

    db.create_tables([ChangeLog])

    class Highlight(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        member = ForeignKeyField(Member)
        month = DateField()
        title = CharField(max_length=300)
        text = TextField(default="")
        category = CharField(max_length=20, default="other")
        featured = BooleanField(default=False)

        class Meta:
            database = db
            table_name = "highlight"
            indexes = ((("group", "month", "id"), False), (("member", "month"), False))

    db.create_tables([Highlight])

    class LeaveRequest(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        member = ForeignKeyField(Member)
        leave_type = CharField(max_length=20)
        start_date = DateField()
        start_half = CharField(max_length=2, default="am")
        end_date = DateField()
        end_half = CharField(max_length=2, default="pm")
        days = DecimalField(max_digits=6, decimal_places=1)
        days_override = DecimalField(null=True, max_digits=6, decimal_places=1)
        override_reason = CharField(max_length=200, default="")
        reason = TextField(default="")
        destination = CharField(max_length=200, default="")
        contact_phone = CharField(max_length=30, default="")
        approver = CharField(max_length=50, default="")
        approval_date = DateField(null=True)
        status = CharField(max_length=20, default="pending")
        return_date = DateField(null=True)
        return_half = CharField(max_length=2, default="")
        actual_days = DecimalField(null=True, max_digits=6, decimal_places=1)
        filed_date = DateField(null=True)
        notes = TextField(default="")

        class Meta:
            database = db
            table_name = "leave_request"
            indexes = (
                (("group", "start_date", "id"), False),
                (("member", "start_date"), False),
                (("group", "status"), False),
            )

    db.create_tables([LeaveRequest])

    class PartyGroupLeader(Model):
        party_group = ForeignKeyField(PartyGroup, primary_key=True, on_delete="CASCADE")
        member = ForeignKeyField(Member, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "party_group_leader"

    db.create_tables([PartyGroupLeader])

    class RecycleBin(Model):
        id = UUIDField(primary_key=True)
        group = ForeignKeyField(WorkGroup, null=True, on_delete="CASCADE")
        kind = CharField(max_length=30)
        record_id = UUIDField()
        summary = CharField(max_length=300)
        payload = TextField()
        deleted_at = DateTimeField()
        deleted_by = CharField(max_length=50)

        class Meta:
            database = db
            table_name = "recycle_bin"
            indexes = ((("group", "deleted_at", "id"), False), (("record_id",), False))

    db.create_tables([RecycleBin])

    class ResearchReport(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        title = CharField(max_length=300)
        completion_date = DateField(null=True)
        submitted_to = CharField(max_length=200, default="")
        award_level = CharField(max_length=20, default="")
        award_rank = CharField(max_length=50, default="")
        award_date = DateField(null=True)
        notes = TextField(default="")

        class Meta:
            database = db
            table_name = "research_report"
            indexes = ((("group", "completion_date", "id"), False),)

    db.create_tables([ResearchReport])

    class ReportAuthor(Model):
        id = UUIDField(primary_key=True)
        report = ForeignKeyField(ResearchReport, on_delete="CASCADE")
        member = ForeignKeyField(Member)
        position = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "report_author"
            indexes = ((("report", "member"), True), (("member",), False))

    db.create_tables([ReportAuthor])

    class Setting(Model):
        id = UUIDField(primary_key=True)
        group = ForeignKeyField(WorkGroup, null=True)
        key = CharField(max_length=100)
        value = TextField()

        class Meta:
            database = db
            table_name = "setting"
            indexes = ((("group", "key"), True),)

    db.create_tables([Setting])

    class SpotCheck(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        date = DateField()
        time = TimeField(null=True)
        method = CharField(max_length=20)
        checker = CharField(max_length=50, default="")
        notes = TextField(default="")

        class Meta:
            database = db
            table_name = "spot_check"
            indexes = ((("group", "date", "id"), False),)

    db.create_tables([SpotCheck])

    class SpotCheckResult(Model):
        id = UUIDField(primary_key=True)
        check = ForeignKeyField(SpotCheck, on_delete="CASCADE")
        member = ForeignKeyField(Member)
        result = CharField(max_length=20)
        note = CharField(max_length=200, default="")

        class Meta:
            database = db
            table_name = "spot_check_result"
            indexes = ((("check", "member"), True), (("member",), False))

    db.create_tables([SpotCheckResult])

    class Survey(Model):
        id = UUIDField(primary_key=True)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        group = ForeignKeyField(WorkGroup)
        date = DateField()
        kind = CharField(max_length=20)
        visited = CharField(max_length=200)
        place = CharField(max_length=200, default="")
        topic = CharField(max_length=300, default="")
        findings = TextField(default="")
        follow_up = TextField(default="")
        report = ForeignKeyField(ResearchReport, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "survey"
            indexes = ((("group", "date", "id"), False),)

    db.create_tables([Survey])

    class SurveyParticipant(Model):
        id = UUIDField(primary_key=True)
        survey = ForeignKeyField(Survey, on_delete="CASCADE")
        member = ForeignKeyField(Member)

        class Meta:
            database = db
            table_name = "survey_participant"
            indexes = ((("survey", "member"), True), (("member",), False))

    db.create_tables([SurveyParticipant])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("survey_participant"))
    migrator.migrate(migrator.drop_table("survey"))
    migrator.migrate(migrator.drop_table("spot_check_result"))
    migrator.migrate(migrator.drop_table("spot_check"))
    migrator.migrate(migrator.drop_table("setting"))
    migrator.migrate(migrator.drop_table("report_author"))
    migrator.migrate(migrator.drop_table("research_report"))
    migrator.migrate(migrator.drop_table("recycle_bin"))
    migrator.migrate(migrator.drop_table("party_group_leader"))
    migrator.migrate(migrator.drop_table("leave_request"))
    migrator.migrate(migrator.drop_table("highlight"))
    migrator.migrate(migrator.drop_table("change_log"))
    migrator.migrate(migrator.drop_table("calendar_day"))
    migrator.migrate(migrator.drop_table("bulletin_issue"))
    migrator.migrate(migrator.drop_table("attendance"))
    migrator.migrate(migrator.drop_table("study_session"))
    migrator.migrate(migrator.drop_table("achievement_member"))
    migrator.migrate(migrator.drop_table("member"))
    migrator.migrate(migrator.drop_table("party_group"))
    migrator.migrate(migrator.drop_table("achievement"))
    migrator.migrate(migrator.drop_table("work_group"))
