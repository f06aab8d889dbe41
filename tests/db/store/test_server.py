"""The team server (db/server.py): roles, and row-level security proved table by table on the real
PostgreSQL server the tests start — a secretary reads and writes its own group's rows only, with
hand-written SQL too; the team office reads every group and writes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import peewee
import psycopg2
import pytest

from db.common import errors
from db.services import plans, settings
from db.services.achievements import achievements
from db.services.bulletins import bulletins
from db.services.calendar import calendar_days
from db.services.groups import add_server_group, party_groups, work_groups
from db.services.highlights import highlights
from db.services.leave import leave_requests
from db.services.members import members
from db.services.reports import reports
from db.services.sessions import study_sessions
from db.services.spotchecks import spot_checks
from db.services.surveys import surveys
from db.store import server
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import ALL_MODELS, BaseModel, MergeState, WorkGroup
from tests.pgserver import PostgresServer

pytestmark = pytest.mark.postgres

SHARED = {"calendar_day", "schema_migration"}


def fill_group(ledger: Ledger, group_id: uuid.UUID, tag: str) -> None:
    """One record of every kind (with its child rows, a setting, a bin entry and history) in a group.

    A new table of the ledger gets its rows here too, so that the isolation tests below reach it."""
    ledger.group_id = group_id
    pg = party_groups.save(ledger, {"name": f"第一党小组{tag}"})
    one = members.save(ledger, {"name": f"张三{tag}", "party_group": pg.id}).id
    two = members.save(ledger, {"name": f"李四{tag}"}).id
    party_groups.save(ledger, {"name": pg.name, "leader": one}, record_id=pg.id)
    study_sessions.save(
        ledger,
        {
            "kind": "collective",
            "date": "2025-03-12",
            "topic": f"集体学习{tag}",
            "attendance": [{"member": one, "present": True}, {"member": two, "present": True}],
        },
    )
    leave_requests.save(
        ledger,
        {
            "member": one,
            "leave_type": "personal",
            "start_date": "2025-03-17",
            "start_half": "am",
            "end_date": "2025-03-17",
            "end_half": "pm",
        },
    )
    spot_checks.save(
        ledger,
        {"date": "2025-03-18", "method": "电话", "results": [{"member": two, "result": "在岗"}]},
    )
    report = reports.save(ledger, {"title": f"调研报告{tag}", "authors": [one]})
    surveys.save(
        ledger,
        {
            "date": "2025-03-19",
            "kind": "enterprise",
            "visited": f"某企业{tag}",
            "participants": [one],
            "report": str(report.id),
        },
    )
    highlights.save(
        ledger, {"member": one, "month": "2025-03", "title": f"亮点{tag}", "category": "其他"}
    )
    achievements.save(
        ledger,
        {
            "date": "2025-03-20",
            "kind": "delegation",
            "title": f"接待{tag}",
            "count": 1,
            "members": [one],
        },
    )
    bulletins.issue_for_month(ledger, 2025, 3)
    settings.put(ledger, "operator", f"联络员{tag}")
    gone = members.save(ledger, {"name": f"王五{tag}"})
    members.delete(ledger, gone.id)
    plan = plans.take_starting_plan(ledger, 2025)
    diary = next(m for m in plans.measures_of(plan) if m.wording == "每人建立一本工作日志")
    plans.ticks.save(ledger, {"measure": diary.id, "member": one, "date": "2025-03-31"})
    # A row of what the last merge of a group's file saw (db.exchange.merge writes these).
    MergeState.create(group=group_id, source=f"laptop{tag}", kind="member", record_id=one)


def _owner(model: type[BaseModel], alias: str = "t") -> str:
    """SQL giving the group of the row ``alias`` of the model's table, from the models alone (the
    truth the policies are held to; db/store/server.py reads the catalogue instead)."""
    if model is WorkGroup:
        return f"{alias}.id"
    if "group" in model._meta.fields:
        return f"{alias}.group_id"
    for field in model._meta.sorted_fields:
        if isinstance(field, peewee.ForeignKeyField) and not field.null:
            parent = field.rel_model
            inner = alias + "p"
            return (
                f"(SELECT {_owner(parent, inner)} FROM {parent._meta.table_name} {inner} "
                f"WHERE {inner}.id = {alias}.{field.column_name})"
            )
    raise AssertionError(f"{model._meta.table_name}: no way to tell its group")


def _owner_sql(model: type[BaseModel]) -> str:
    return f"SELECT {_owner(model)} AS g FROM {model._meta.table_name} t"


@pytest.fixture
def team(pg_server: PostgresServer) -> Iterator[dict[str, Any]]:
    """A server set up by its administrator: groups A and B with a record of every kind, a secretary
    for each, and a team login."""
    url = pg_server.new_database()
    admin = open_database(url)
    admin.operator = "管理员"
    try:
        server.init_server(admin)
        a, _ = add_server_group(admin, "甲组")
        b, _ = add_server_group(admin, "乙组")
        suffix = url.rsplit("/", 1)[1]
        logins = {"a": f"sec_a_{suffix}", "b": f"sec_b_{suffix}", "team": f"team_{suffix}"}
        server.add_user(admin, logins["a"], group="甲组", password="pw-a")
        server.add_user(admin, logins["b"], group="乙组", password="pw-b")
        server.add_user(admin, logins["team"], team=True, password="pw-t")
        fill_group(admin, a.id, "甲")
        fill_group(admin, b.id, "乙")
        calendar_days.save(admin, {"date": "2027-10-08", "is_workday": False, "name": "国庆"})
        host = url.split("@", 1)[1]
        yield {
            "admin": admin,
            "url": url,
            "a": a.id,
            "b": b.id,
            "logins": logins,
            "as": {k: f"postgresql://{v}@{host}" for k, v in logins.items()},
        }
    finally:
        admin.close()


def connect(team: dict[str, Any], who: str) -> Any:
    """A hand-written SQL session (psycopg2, as psql would be) of one login."""
    return psycopg2.connect(team["as"][who])


def _rows(db: Any, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(db, Ledger):
        return db.db.execute_sql(query, params).fetchall()
    with db.cursor() as cur:
        cur.execute(query, params)
        return cur.fetchall()


def _counts(admin: Ledger, model: type[BaseModel]) -> dict[Any, int]:
    rows = _rows(admin, f"SELECT g::text, count(*) FROM ({_owner_sql(model)}) o GROUP BY g")
    return {(uuid.UUID(g) if g else None): n for g, n in rows}


SCOPED = [m for m in ALL_MODELS if m._meta.table_name not in SHARED]


def test_every_table_of_the_database_is_held_by_a_policy(team) -> None:
    scopes = server.table_scopes(team["admin"])
    tables = set(team["admin"].db.get_tables()) - {server.MAPPING_TABLE}
    assert set(scopes) == tables
    unheld = sorted(t for t, s in scopes.items() if s.kind == "closed")
    assert unheld == [], f"tables tied to no group and not shared: {unheld}"
    assert {t for t, s in scopes.items() if s.kind == "shared"} == SHARED
    enabled = dict(
        _rows(
            team["admin"],
            "SELECT relname, relrowsecurity FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND relkind = 'r'",
        )
    )
    assert all(enabled[t] for t in tables)
    assert {m._meta.table_name for m in ALL_MODELS} <= tables


@pytest.mark.parametrize("model", SCOPED, ids=lambda m: m._meta.table_name)
def test_a_secretary_reads_its_own_groups_rows_only(team, model) -> None:
    counts = _counts(team["admin"], model)
    table = model._meta.table_name
    assert counts.get(team["a"], 0) > 0 and counts.get(team["b"], 0) > 0, (
        f"{table}: fill_group must give both groups rows of this table"
    )
    shared_rows = counts.get(None, 0)  # history and bin entries of the calendar: every group's
    for who, group in (("a", team["a"]), ("b", team["b"])):
        conn = connect(team, who)
        try:
            seen = _rows(conn, f"SELECT g::text FROM ({_owner_sql(model)}) o")
        finally:
            conn.close()
        owners = {uuid.UUID(g) if g else None for (g,) in seen}
        assert owners <= {group, None}
        assert len(seen) == counts[group] + shared_rows


@pytest.mark.parametrize("model", SCOPED, ids=lambda m: m._meta.table_name)
def test_a_secretary_writes_its_own_groups_rows_only(team, model) -> None:
    admin = team["admin"]
    table = model._meta.table_name
    counts = _counts(admin, model)
    column = next(f.column_name for f in model._meta.sorted_fields if not f.primary_key)
    names = [c.name for c in admin.db.get_columns(table)]
    b_values = _rows(
        admin,
        f"SELECT {', '.join('t.' + n for n in names)} FROM {table} t WHERE {_owner(model)} = %s "
        "LIMIT 1",
        (team["b"],),
    )[0]
    b_row = dict(zip(names, b_values, strict=True))
    conn = connect(team, "a")
    try:
        with conn.cursor() as cur:
            # Every row it may change is its group's: an UPDATE of the whole table touches those.
            cur.execute(f"UPDATE {table} SET {column} = {column}")
            assert cur.rowcount == counts[team["a"]] + counts.get(None, 0)
            conn.rollback()
            if model is not WorkGroup:
                # B's row is not there to be deleted.
                key = model._meta.primary_key.column_name
                cur.execute(f"DELETE FROM {table} WHERE {key} = %s", (str(b_row[key]),))
                assert cur.rowcount == 0
                conn.rollback()
                # Another group's row cannot be written in: a copy of one of B's rows is refused.
                copy = dict(b_row)
                if "id" in copy and model._meta.primary_key.name == "id":
                    copy["id"] = uuid.uuid4()
                names = ", ".join(copy)
                marks = ", ".join(["%s"] * len(copy))
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cur.execute(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})",
                        [str(v) if isinstance(v, uuid.UUID) else v for v in copy.values()],
                    )
                conn.rollback()
        # Nothing of B's changed.
        assert _counts(admin, model) == counts
    finally:
        conn.close()


def test_a_secretary_cannot_move_a_row_to_another_group_or_point_at_its_records(team) -> None:
    conn = connect(team, "a")
    b_member = _rows(team["admin"], "SELECT id FROM member WHERE group_id = %s", (team["b"],))[0][0]
    try:
        with conn.cursor() as cur:
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute("UPDATE highlight SET group_id = %s", (str(team["b"]),))
            conn.rollback()
            # An attendance row of its own session, for B's member.
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute("UPDATE attendance SET member_id = %s", (b_member,))
            conn.rollback()
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute("UPDATE leave_request SET member_id = %s", (b_member,))
            conn.rollback()
            # B's records are not there to be read, even by id.
            cur.execute("SELECT count(*) FROM member WHERE id = %s", (b_member,))
            assert cur.fetchone() == (0,)
            # Work groups are the administrator's to add.
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute(
                    "INSERT INTO work_group (id, name) VALUES (%s, 'x')", (str(uuid.uuid4()),)
                )
            conn.rollback()
            # The calendar's corrections are the whole team's.
            cur.execute("SELECT name FROM calendar_day")
            assert cur.fetchall() == [("国庆",)]
    finally:
        conn.close()


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m._meta.table_name)
def test_the_team_reads_every_group_and_writes_nothing(team, model) -> None:
    table = model._meta.table_name
    total = _rows(team["admin"], f"SELECT count(*) FROM {table}")[0][0]
    assert total > 0
    conn = connect(team, "team")
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {table}")
            assert cur.fetchone() == (total,)
            for statement in (f"DELETE FROM {table}", f"UPDATE {table} SET id = id"):
                if model._meta.primary_key.name != "id":
                    statement = statement.replace("SET id = id", "SET member_id = member_id")
                with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                    cur.execute(statement)
                conn.rollback()
    finally:
        conn.close()
    assert _rows(team["admin"], f"SELECT count(*) FROM {table}")[0][0] == total


def _scanned(team: dict[str, Any], who: str, query: str) -> set[str]:
    """The tables whose scans ran (EXPLAIN ANALYZE) when ``who`` ran ``query``."""
    conn = connect(team, who)
    try:
        with conn.cursor() as cur:
            cur.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}")
            plan = cur.fetchone()[0][0]["Plan"]
    finally:
        conn.close()
    found: set[str] = set()
    nodes = [plan]
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("Plans", ()))
        if "Relation Name" in node and node.get("Actual Loops"):
            found.add(node["Relation Name"])
    return found


def test_the_team_reads_a_child_table_without_scanning_its_parent(team) -> None:
    """On a child table the team's policy is decided before the parent is asked: each group's
    query of the team view would else scan every group's parent rows (10 groups: 2.5× slower)."""
    query = "SELECT count(*) FROM attendance"
    assert _scanned(team, "team", query) == {"attendance"}
    assert _scanned(team, "a", query) == {"attendance", "study_session"}


def test_the_program_opens_on_the_logins_own_group(team) -> None:
    with open_database(team["as"]["b"]) as ledger:
        assert ledger.group_id == team["b"]
        assert not ledger.read_only
        names = sorted(m.name for m in members.query(ledger))
        assert names == ["张三乙", "李四乙"]
        members.save(ledger, {"name": "赵六乙"})
    assert _rows(team["admin"], "SELECT group_id FROM member WHERE name = '赵六乙'") == [
        (team["b"],)
    ]


def test_the_team_opens_read_only(team) -> None:
    with open_database(team["as"]["team"]) as ledger:
        assert ledger.read_only
        assert WorkGroup.select().count() == 2
        with pytest.raises(errors.DatabaseReadOnlyError):
            members.save(ledger, {"name": "赵六"})


def test_init_again_changes_nothing_and_covers_new_tables(team) -> None:
    admin = team["admin"]
    policies = _rows(
        admin, "SELECT tablename, policyname, qual, with_check FROM pg_policies ORDER BY 1, 2"
    )
    server.init_server(admin)
    assert (
        _rows(
            admin, "SELECT tablename, policyname, qual, with_check FROM pg_policies ORDER BY 1, 2"
        )
        == policies
    )
    # A migration adds a group's table, a child of it and a table tied to no group.
    with admin.transaction():
        admin.db.execute_sql(
            "CREATE TABLE plan_item (id uuid PRIMARY KEY, group_id uuid NOT NULL "
            "REFERENCES work_group (id), title text)"
        )
        admin.db.execute_sql(
            "CREATE TABLE plan_step (id uuid PRIMARY KEY, item_id uuid NOT NULL "
            "REFERENCES plan_item (id) ON DELETE CASCADE, done boolean)"
        )
        admin.db.execute_sql("CREATE TABLE loose_note (id uuid PRIMARY KEY, text text)")
        for group in (team["a"], team["b"]):
            item = uuid.uuid4()
            admin.db.execute_sql(
                "INSERT INTO plan_item VALUES (%s, %s, 'x')", (str(item), str(group))
            )
            admin.db.execute_sql(
                "INSERT INTO plan_step VALUES (%s, %s, false)", (str(uuid.uuid4()), str(item))
            )
        admin.db.execute_sql("INSERT INTO loose_note VALUES (%s, 'y')", (str(uuid.uuid4()),))
    conn = connect(team, "a")
    try:
        # Before init: no grant, nothing readable.
        with conn.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cur.execute("SELECT * FROM plan_item")
        conn.rollback()
        report = server.init_server(admin)
        assert report.scopes["plan_item"].kind == "direct"
        assert report.scopes["plan_step"].kind == "child"
        assert report.closed == ["loose_note"]
        with conn.cursor() as cur:
            cur.execute("SELECT group_id FROM plan_item")
            assert cur.fetchall() == [(team["a"],)]
            cur.execute("SELECT count(*) FROM plan_step")
            assert cur.fetchone() == (1,)
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute("SELECT * FROM loose_note")
    finally:
        conn.close()


def test_server_commands_on_a_file_or_before_init_are_refused(team, tmp_path) -> None:
    with open_database(tmp_path / "a.sqlite3") as ledger, pytest.raises(errors.ActionRefusedError):
        server.init_server(ledger)
    with open_database(team["admin"].target.rsplit("/", 1)[0] + "/postgres") as other:
        with pytest.raises(errors.ActionRefusedError) as caught:
            add_server_group(other, "丙组")
        assert "server init" in caught.value.text("zh")


def test_add_user_refuses_bad_logins_and_needs_a_password(team) -> None:
    admin = team["admin"]
    for login in ("", "pg_x", "有 空格", server.roles_of(admin).team):
        with pytest.raises(errors.ActionRefusedError):
            server.add_user(admin, login, group="甲组", password="x")
    with pytest.raises(errors.ActionRefusedError):
        server.add_user(admin, f"new_{uuid.uuid4().hex[:8]}", group="甲组", password=None)
    with pytest.raises(errors.NotFoundError) as caught:
        server.add_user(admin, "whoever", group="丁组", password="x")
    assert "甲组" in caught.value.text("zh")
    with pytest.raises(errors.ActionRefusedError):
        server.add_user(admin, "whoever", password="x")  # neither a group nor the team


def test_listing_names_groups_logins_and_team(team) -> None:
    listing = server.list_server(team["admin"])
    by_name = {g.name: g for g in listing.groups}
    assert set(by_name) == {"甲组", "乙组"}
    assert by_name["甲组"].logins == (team["logins"]["a"],)
    assert listing.team == (team["logins"]["team"],)
    assert listing.closed_tables == ()


def test_a_password_is_sent_hashed(team, pg_server) -> None:
    rows = _rows(
        team["admin"],
        "SELECT rolpassword FROM pg_authid WHERE rolname = %s",
        (team["logins"]["a"],),
    )
    assert rows[0][0].startswith("SCRAM-SHA-256$")


def test_a_refusal_of_the_server_is_a_clear_message(team) -> None:
    with open_database(team["as"]["a"]) as ledger:
        with pytest.raises(errors.ActionRefusedError) as caught:
            work_groups.save(ledger, {"name": "自己加的组"})
        assert "不允许此登录名" in caught.value.text("zh")
        members.save(ledger, {"name": "之后照常保存"})  # the connection is usable after it


def test_a_secretary_cannot_upgrade_and_is_told_who_can(team) -> None:
    admin = team["admin"]
    with admin.transaction():  # as if this program's newest migration had not run yet
        admin.db.execute_sql(
            "DELETE FROM schema_migration WHERE name = (SELECT max(name) FROM schema_migration)"
        )
    with pytest.raises(errors.DatabaseOpenError) as caught:
        open_database(team["as"]["a"])
    assert "server init" in caught.value.text("zh")
