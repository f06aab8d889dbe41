"""A team's PostgreSQL server (SPEC §5): roles for its groups, their secretaries and the team office, and
the row-level security policies with which PostgreSQL itself keeps each group's records to its logins.

Store layer (it will live in db/store/). The policies are derived from the database's own catalogue,
not from a list here: every table with a ``group_id`` column is kept to the groups of the login, and
every table that hangs from such a table by a NOT NULL foreign key (attendance from its session…)
follows its parent. ``init_server`` can therefore be run again after any migration and covers the new
tables; a table that can be tied to no group and is not named shared below is closed to every login
but the administrator's (and reported), so that nothing is ever open by default.

Roles (names begin with the database's name, as roles belong to the whole server):
  <db>_secretary   may write; what it may write is decided per row by the group roles it is in
  <db>_team        reads every group, writes nothing
  <db>_g_<id>      one per work group; a secretary's login is a member of its group's role
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from db.common import errors
from db.common.messages import define
from db.store.ledger import Ledger, translate_errors
from db.store.models import WorkGroup

GROUP_TABLE = "work_group"
GROUP_COLUMN = "group_id"
MAPPING_TABLE = "server_group_role"
# Tables that belong to no group. Read by every login; written by the secretaries where "write".
SHARED_TABLES = {
    "calendar_day": "write",  # the official calendar's corrections: the same holidays for every group
    "schema_migration": "read",  # which migrations ran (peewee's Runner)
}
POLICY_READ = "ledger_read"
POLICY_WRITE = "ledger_write"
MAX_ROLE_BYTES = 63

MSG_NOT_SERVER = define(
    "server.not_server",
    zh="“server”命令只用于 PostgreSQL 服务器（--db postgresql://管理员@主机/数据库），而不是文件：{where}",
    en="The “server” commands are for a PostgreSQL server (--db postgresql://ADMIN@HOST/DB), not a "
    "file: {where}",
)
MSG_NOT_INITIALISED = define(
    "server.not_initialised",
    zh="此数据库还没有设置为团队服务器，请先运行：main.py server init --db {where}",
    en="This database is not set up as a team server yet; run first: main.py server init --db {where}",
)
MSG_NO_PRIVILEGE = define(
    "server.no_privilege",
    zh="登录名“{user}”没有管理服务器的权限（需要能建立角色 CREATEROLE 并拥有数据库的表）：{detail}",
    en="The login “{user}” may not manage the server (it needs CREATEROLE and to own the database's "
    "tables): {detail}",
)
MSG_NO_GROUP = define(
    "server.no_group",
    zh="服务器上没有名为“{name}”的工作组。已有：{names}",
    en="There is no work group named “{name}” on the server. There are: {names}",
)
MSG_GROUP_NAME = define(
    "server.group_name",
    zh="工作组名称不能为空，最多 100 个字",
    en="A work group's name must not be empty and takes at most 100 characters",
)
MSG_BAD_LOGIN = define(
    "server.bad_login",
    zh="登录名“{login}”不可用：须为 1 到 63 字节，不含空白和控制字符，不以 pg_ 开头，且不是本程序的角色名",
    en="The login “{login}” cannot be used: 1 to 63 bytes, no spaces or control characters, not "
    "beginning with pg_, and not one of the program's own roles",
)
MSG_NEEDS_PASSWORD = define(
    "server.needs_password",
    zh="新登录名“{login}”需要一个密码",
    en="The new login “{login}” needs a password",
)
MSG_GROUP_OR_TEAM = define(
    "server.group_or_team",
    zh="请用 --group 工作组名称 或 --team 说明此登录名属于哪个工作组或是工作队",
    en="Say with --group NAME or --team which group this login belongs to, or that it is the team's",
)
MSG_NONE = define("server.none", zh="（无）", en="(none)")


@dataclass(frozen=True)
class Roles:
    """The role names of one ledger database."""

    prefix: str

    @property
    def secretary(self) -> str:
        return f"{self.prefix}_secretary"

    @property
    def team(self) -> str:
        return f"{self.prefix}_team"

    def group(self, group_id: uuid.UUID) -> str:
        # uuid7's last 12 hex digits are random: groups made in one second still differ.
        return f"{self.prefix}_g_{group_id.hex[-12:]}"

    @property
    def own(self) -> tuple[str, str]:
        return (self.secretary, self.team)


def roles_of(ledger: Ledger) -> Roles:
    name = ledger.db.execute_sql("SELECT current_database()").fetchone()[0]
    prefix = name.encode()[: MAX_ROLE_BYTES - 20].decode(errors="ignore")
    return Roles(prefix)


@dataclass(frozen=True)
class ForeignKey:
    column: str
    not_null: bool
    target: str
    target_column: str
    cascade: bool


@dataclass
class TableScope:
    """How the rows of one table belong to groups.

    kind: "group" (the work groups themselves, by id), "direct" (a group column), "child" (through a
    NOT NULL foreign key to a scoped table), "shared" (belongs to no group: SHARED_TABLES) or "closed"
    (none of these: only the administrator reaches it)."""

    table: str
    kind: str
    column: str | None = None  # the group column, or the foreign key to the parent
    nullable: bool = False  # a direct table whose rows without a group are shared (program-wide)
    parent: ForeignKey | None = None
    references: list[ForeignKey] = field(default_factory=list)  # other keys into scoped tables
    shared_write: bool = False


def _catalogue(
    db: peewee.Database,
) -> tuple[dict[str, dict[str, bool]], dict[str, list[ForeignKey]]]:
    """The schema's tables (column -> NOT NULL) and their single-column foreign keys."""
    columns: dict[str, dict[str, bool]] = {}
    rows = db.execute_sql(
        "SELECT c.relname, a.attname, a.attnotnull FROM pg_catalog.pg_class c "
        "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum"
    ).fetchall()
    for table, column, not_null in rows:
        columns.setdefault(table, {})[column] = not_null
    keys: dict[str, list[ForeignKey]] = {}
    rows = db.execute_sql(
        "SELECT cl.relname, a.attname, a.attnotnull, rf.relname, af.attname, con.confdeltype "
        "FROM pg_catalog.pg_constraint con "
        "JOIN pg_catalog.pg_class cl ON cl.oid = con.conrelid "
        "JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace "
        "JOIN pg_catalog.pg_class rf ON rf.oid = con.confrelid "
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1] "
        "JOIN pg_catalog.pg_attribute af ON af.attrelid = con.confrelid AND af.attnum = con.confkey[1] "
        "WHERE con.contype = 'f' AND n.nspname = current_schema() "
        "AND array_length(con.conkey, 1) = 1 ORDER BY cl.relname, con.conname"
    ).fetchall()
    for table, column, not_null, target, target_column, on_delete in rows:
        keys.setdefault(table, []).append(
            ForeignKey(column, not_null, target, target_column, on_delete == "c")
        )
    return columns, keys


def table_scopes(ledger: Ledger) -> dict[str, TableScope]:
    """Every table of the schema and how its rows belong to groups, read from the catalogue."""
    columns, keys = _catalogue(ledger.db)
    scopes: dict[str, TableScope] = {}
    for table, cols in columns.items():
        if table == MAPPING_TABLE:
            continue
        if table == GROUP_TABLE:
            scopes[table] = TableScope(table, "group", column="id")
        elif GROUP_COLUMN in cols:
            scopes[table] = TableScope(
                table, "direct", column=GROUP_COLUMN, nullable=not cols[GROUP_COLUMN]
            )
    # Children hang from a scoped table by a NOT NULL key (a cascading one first): repeat until
    # grandchildren are placed too.
    changed = True
    while changed:
        changed = False
        for table in columns:
            if table in scopes or table == MAPPING_TABLE:
                continue
            candidates = [
                k
                for k in keys.get(table, [])
                if k.not_null and k.target in scopes and scopes[k.target].kind != "shared"
            ]
            if candidates:
                parent = sorted(candidates, key=lambda k: (not k.cascade, k.column))[0]
                scopes[table] = TableScope(table, "child", column=parent.column, parent=parent)
                changed = True
    for table in columns:
        if table in scopes or table == MAPPING_TABLE:
            continue
        if table in SHARED_TABLES:
            scopes[table] = TableScope(
                table, "shared", shared_write=SHARED_TABLES[table] == "write"
            )
        else:
            scopes[table] = TableScope(table, "closed")
    for scope in scopes.values():
        if scope.kind in ("group", "direct", "child"):
            scope.references = [
                k
                for k in keys.get(scope.table, [])
                if k.column != scope.column
                and k.target in scopes
                and scopes[k.target].kind in ("group", "direct", "child")
            ]
    return dict(sorted(scopes.items()))


# -- policy expressions ---------------------------------------------------------------------------


class _Expressions:
    """The SQL of the policies, built from identifiers (psycopg2.sql) and fixed text only."""

    def __init__(self, schema: str, scopes: dict[str, TableScope]) -> None:
        from psycopg2 import sql

        self.sql = sql
        self.scopes = scopes
        self.groups = sql.SQL("(SELECT {}.ledger_groups())::uuid[]").format(sql.Identifier(schema))
        self.team = sql.SQL("(SELECT {}.ledger_is_team())").format(sql.Identifier(schema))
        self._aliases: Iterator[int] = iter(range(1, 1_000_000))

    def _column(self, alias: str, column: str) -> Any:
        return self.sql.SQL("{}.{}").format(self.sql.Identifier(alias), self.sql.Identifier(column))

    def read(self, scope: TableScope) -> Any:
        sql = self.sql
        me = scope.table
        if scope.kind == "shared":
            return sql.SQL("true")
        if scope.kind == "child":
            assert scope.parent is not None
            alias = f"p{next(self._aliases)}"
            # The parent's own policies decide which parents this login sees. The team reads every
            # parent: asked first, it spares the team's every query on a child table a scan of the
            # parent table over all the groups (PostgreSQL stops at the first true arm of an OR).
            return sql.SQL("{} OR {} IN (SELECT {} FROM {} {})").format(
                self.team,
                self._column(me, scope.column or ""),
                self._column(alias, scope.parent.target_column),
                sql.Identifier(scope.parent.target),
                sql.Identifier(alias),
            )
        own = sql.SQL("{} = ANY ({}) OR {}").format(
            self._column(me, scope.column or ""), self.groups, self.team
        )
        if scope.nullable:
            own = sql.SQL("{} OR {} IS NULL").format(own, self._column(me, scope.column or ""))
        return own

    def write(self, scope: TableScope, alias: str | None = None) -> Any:
        """Rows of the table (named ``alias``) that the login's own groups hold."""
        sql = self.sql
        me = alias or scope.table
        if scope.kind == "shared":
            return sql.SQL("true")
        if scope.kind == "child":
            assert scope.parent is not None
            inner = f"p{next(self._aliases)}"
            return sql.SQL("{} IN (SELECT {} FROM {} {} WHERE {})").format(
                self._column(me, scope.column or ""),
                self._column(inner, scope.parent.target_column),
                sql.Identifier(scope.parent.target),
                sql.Identifier(inner),
                self.write(self.scopes[scope.parent.target], inner),
            )
        own = sql.SQL("{} = ANY ({})").format(self._column(me, scope.column or ""), self.groups)
        if scope.nullable:
            own = sql.SQL("({} OR {} IS NULL)").format(own, self._column(me, scope.column or ""))
        return own

    def check(self, scope: TableScope) -> Any:
        """What a written row must satisfy: its group is the login's, and so is every record it
        points to (no attendance of another group's member)."""
        sql = self.sql
        parts = [self.write(scope)]
        for key in scope.references:
            inner = f"r{next(self._aliases)}"
            parts.append(
                sql.SQL("({} IS NULL OR {} IN (SELECT {} FROM {} {} WHERE {}))").format(
                    self._column(scope.table, key.column),
                    self._column(scope.table, key.column),
                    self._column(inner, key.target_column),
                    sql.Identifier(key.target),
                    sql.Identifier(inner),
                    self.write(self.scopes[key.target], inner),
                )
            )
        return sql.SQL(" AND ").join(sql.SQL("({})").format(p) for p in parts)


# -- the administrator's commands -----------------------------------------------------------------


@dataclass
class InitReport:
    scopes: dict[str, TableScope]
    roles: Roles

    @property
    def closed(self) -> list[str]:
        return [t for t, s in self.scopes.items() if s.kind == "closed"]


def require_server(ledger: Ledger) -> None:
    if ledger.is_sqlite:
        raise errors.ActionRefusedError(MSG_NOT_SERVER(where=ledger.display_name))


def _run(ledger: Ledger, statement: Any, params: Sequence[Any] | None = None) -> Any:
    """One statement composed with psycopg2.sql (identifiers quoted by it), values as parameters."""
    text = statement.as_string(ledger.db.connection())
    return ledger.db.execute_sql(text, params)


def _pgcode(exc: BaseException) -> str | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        code = getattr(current, "pgcode", None)
        if code:
            return code
        current = current.__cause__ or current.__context__
    return None


@contextlib.contextmanager
def _as_admin(ledger: Ledger) -> Iterator[None]:
    """One transaction of the administrator's; a login without the rights gets one clear line."""
    try:
        with ledger.transaction():
            yield
    except peewee.DatabaseError as exc:
        if _pgcode(exc) != "42501":  # insufficient_privilege
            raise
        user = ledger.db.execute_sql("SELECT current_user").fetchone()[0]
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise errors.ActionRefusedError(MSG_NO_PRIVILEGE(user=user, detail=detail)) from None


def _role_exists(ledger: Ledger, role: str) -> bool:
    found = ledger.db.execute_sql("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (role,))
    return found.fetchone() is not None


def _ensure_role(ledger: Ledger, role: str) -> None:
    from psycopg2 import sql

    if not _role_exists(ledger, role):
        _run(ledger, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))


def _schema(ledger: Ledger) -> str:
    return ledger.db.execute_sql("SELECT current_schema()").fetchone()[0]


def init_server(ledger: Ledger) -> InitReport:
    """Set up (or bring up to date) the roles, the group-role table, the policies and the grants.

    ``ledger`` is open as the administrator (who owns the tables: the migrations have run). Run
    again after a migration, it covers the new tables; it changes nothing else."""
    from psycopg2 import sql

    require_server(ledger)
    roles = roles_of(ledger)
    schema = _schema(ledger)
    S = sql.Identifier(schema)
    with _as_admin(ledger):
        # One administrator at a time (two inits at once would drop each other's policies).
        ledger.db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_SERVER_LOCK,))
        for role in roles.own:
            _ensure_role(ledger, role)
        _run(
            ledger,
            sql.SQL(
                "CREATE TABLE IF NOT EXISTS {}.{} (role text PRIMARY KEY, group_id uuid NOT NULL "
                "UNIQUE REFERENCES {}.{} (id) ON DELETE CASCADE)"
            ).format(S, sql.Identifier(MAPPING_TABLE), S, sql.Identifier(GROUP_TABLE)),
        )
        # Which groups this login's roles reach; read as the login itself (not SECURITY DEFINER),
        # through the mapping table's own policy.
        _run(
            ledger,
            sql.SQL(
                "CREATE OR REPLACE FUNCTION {}.ledger_groups() RETURNS uuid[] LANGUAGE sql STABLE "
                "AS $$ SELECT coalesce(array_agg(m.group_id), '{{}}'::uuid[]) FROM {}.{} m "
                "JOIN pg_catalog.pg_roles r ON r.rolname = m.role "
                "WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER') $$"
            ).format(S, S, sql.Identifier(MAPPING_TABLE)),
        )
        _run(
            ledger,
            sql.SQL(
                "CREATE OR REPLACE FUNCTION {}.ledger_is_team() RETURNS boolean LANGUAGE sql STABLE "
                "AS $$ SELECT coalesce((SELECT pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER') "
                "FROM pg_catalog.pg_roles r WHERE r.rolname = {}), false) $$"
            ).format(S, sql.Literal(roles.team)),
        )
        mapping = sql.Identifier(MAPPING_TABLE)
        _run(ledger, sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(mapping))
        _run(
            ledger,
            sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(POLICY_READ), mapping),
        )
        _run(
            ledger,
            sql.SQL(
                "CREATE POLICY {} ON {} FOR SELECT USING ({}.ledger_is_team() OR EXISTS (SELECT 1 "
                "FROM pg_catalog.pg_roles r WHERE r.rolname = {}.role "
                "AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')))"
            ).format(sql.Identifier(POLICY_READ), mapping, S, mapping),
        )
        _grant(ledger, MAPPING_TABLE, {roles.secretary: "SELECT", roles.team: "SELECT"})
        _run(
            ledger,
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}, {}").format(
                S, sql.Identifier(roles.secretary), sql.Identifier(roles.team)
            ),
        )

        scopes = table_scopes(ledger)
        build = _Expressions(schema, scopes)
        for scope in scopes.values():
            _apply(ledger, roles, build, scope)
        # Work groups made before (or by a merge since) get their role now.
        for (group_id,) in WorkGroup.select(WorkGroup.id).tuples():
            _ensure_group_role(ledger, roles, group_id)
    return InitReport(scopes, roles)


_SERVER_LOCK = 0x6C656468  # "ledh"


def _grant(ledger: Ledger, table: str, privileges: dict[str, str]) -> None:
    from psycopg2 import sql

    name = sql.Identifier(table)
    for role, what in privileges.items():
        _run(ledger, sql.SQL("REVOKE ALL ON {} FROM {}").format(name, sql.Identifier(role)))
        if what:
            _run(
                ledger, sql.SQL("GRANT " + what + " ON {} TO {}").format(name, sql.Identifier(role))
            )


def _apply(ledger: Ledger, roles: Roles, build: _Expressions, scope: TableScope) -> None:
    from psycopg2 import sql

    table = sql.Identifier(scope.table)
    _run(ledger, sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(table))
    for policy in (POLICY_READ, POLICY_WRITE):
        _run(
            ledger, sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(policy), table)
        )
    if scope.kind == "closed":
        _grant(ledger, scope.table, {roles.secretary: "", roles.team: ""})
        return
    _run(
        ledger,
        sql.SQL("CREATE POLICY {} ON {} FOR SELECT USING ({})").format(
            sql.Identifier(POLICY_READ), table, build.read(scope)
        ),
    )
    if scope.kind == "shared":
        written = "SELECT, INSERT, UPDATE, DELETE" if scope.shared_write else "SELECT"
    elif scope.kind == "group":
        written = (
            "SELECT, UPDATE"  # a secretary edits the group's profile; the administrator adds groups
        )
    else:
        written = "SELECT, INSERT, UPDATE, DELETE"
    if written != "SELECT":
        _run(
            ledger,
            sql.SQL("CREATE POLICY {} ON {} FOR ALL TO {} USING ({}) WITH CHECK ({})").format(
                sql.Identifier(POLICY_WRITE),
                table,
                sql.Identifier(roles.secretary),
                build.write(scope),
                build.check(scope) if scope.kind != "shared" else sql.SQL("true"),
            ),
        )
    _grant(ledger, scope.table, {roles.secretary: written, roles.team: "SELECT"})


def _mapping_exists(ledger: Ledger) -> bool:
    found = ledger.db.execute_sql("SELECT to_regclass(%s)", (MAPPING_TABLE,)).fetchone()[0]
    return found is not None


def _require_init(ledger: Ledger) -> None:
    require_server(ledger)
    if not _mapping_exists(ledger):
        raise errors.ActionRefusedError(MSG_NOT_INITIALISED(where=ledger.display_name))


def _ensure_group_role(ledger: Ledger, roles: Roles, group_id: uuid.UUID) -> str:
    from psycopg2 import sql

    found = ledger.db.execute_sql(
        sql.SQL("SELECT role FROM {} WHERE group_id = %s")
        .format(sql.Identifier(MAPPING_TABLE))
        .as_string(ledger.db.connection()),
        (group_id,),
    ).fetchone()
    if found is not None:
        _ensure_role(ledger, found[0])
        return found[0]
    role = roles.group(group_id)
    _ensure_role(ledger, role)
    _run(
        ledger,
        sql.SQL("INSERT INTO {} (role, group_id) VALUES (%s, %s)").format(
            sql.Identifier(MAPPING_TABLE)
        ),
        (role, group_id),
    )
    return role


def group_by_name(ledger: Ledger, name: str) -> WorkGroup:
    found = WorkGroup.select().where(WorkGroup.name == name).order_by(WorkGroup.created_at).first()
    if found is None:
        names = "、".join(g.name for g in WorkGroup.select().order_by(WorkGroup.name)) or MSG_NONE()
        raise errors.NotFoundError(MSG_NO_GROUP(name=name, names=names))
    return found


def add_group(
    ledger: Ledger, name: str, create: Callable[[str], WorkGroup]
) -> tuple[WorkGroup, str]:
    """The work group of that name (made by ``create`` when there is none: the service that saves
    a group, with its history) and its role. db.services.groups.add_server_group is the caller."""
    _require_init(ledger)
    name = name.strip()
    if not name or len(name) > 100:
        raise errors.ActionRefusedError(MSG_GROUP_NAME())
    roles = roles_of(ledger)
    with _as_admin(ledger):
        group = WorkGroup.select().where(WorkGroup.name == name).first()
        if group is None:
            group = create(name)
        role = _ensure_group_role(ledger, roles, group.id)
    return group, role


_LOGIN = re.compile(r"^[^\s\x00-\x1f\x7f]+$")


def check_login(ledger: Ledger, login: str) -> str:
    roles = roles_of(ledger)
    if (
        not _LOGIN.match(login)
        or len(login.encode()) > MAX_ROLE_BYTES
        or login.lower().startswith("pg_")
        or login in roles.own
        or login.startswith(f"{roles.prefix}_g_")
    ):
        raise errors.ActionRefusedError(MSG_BAD_LOGIN(login=login))
    return login


def login_exists(ledger: Ledger, login: str) -> bool:
    return _role_exists(ledger, login)


def add_user(
    ledger: Ledger,
    login: str,
    *,
    group: str | None = None,
    team: bool = False,
    password: str | None = None,
) -> None:
    """A login for a group's secretary (``group``) or the team office (``team``): made (with its
    password) when new, else given the new membership (and the new password, when one is given).

    The password goes to the server already hashed (SCRAM, by libpq), never as text."""
    from psycopg2 import sql
    from psycopg2.extensions import encrypt_password

    _require_init(ledger)
    if (group is None) == (not team):
        raise errors.ActionRefusedError(MSG_GROUP_OR_TEAM())
    check_login(ledger, login)
    roles = roles_of(ledger)
    with _as_admin(ledger):
        if group is not None:
            target = group_by_name(ledger, group)
            memberships = [_ensure_group_role(ledger, roles, target.id), roles.secretary]
        else:
            memberships = [roles.team]
        hashed = None
        if password:
            hashed = encrypt_password(password, login, ledger.db.connection())
        if not _role_exists(ledger, login):
            if hashed is None:
                raise errors.ActionRefusedError(MSG_NEEDS_PASSWORD(login=login))
            _run(
                ledger,
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(login), sql.Literal(hashed)
                ),
            )
        elif hashed is not None:
            _run(
                ledger,
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(login), sql.Literal(hashed)
                ),
            )
        for role in memberships:
            _run(
                ledger,
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(role), sql.Identifier(login)),
            )


@dataclass(frozen=True)
class GroupListing:
    name: str
    group_id: uuid.UUID
    role: str | None
    logins: tuple[str, ...]


@dataclass(frozen=True)
class ServerListing:
    groups: tuple[GroupListing, ...]
    team: tuple[str, ...]
    closed_tables: tuple[str, ...]


def _members_of(ledger: Ledger, role: str) -> tuple[str, ...]:
    rows = ledger.db.execute_sql(
        "SELECT m.rolname FROM pg_catalog.pg_auth_members am "
        "JOIN pg_catalog.pg_roles r ON r.oid = am.roleid "
        "JOIN pg_catalog.pg_roles m ON m.oid = am.member "
        "WHERE r.rolname = %s ORDER BY m.rolname",
        (role,),
    ).fetchall()
    return tuple(name for (name,) in rows)


def list_server(ledger: Ledger) -> ServerListing:
    """The server's groups with their secretaries' logins, the team's logins, and the tables that no
    login but the administrator's reaches."""
    from psycopg2 import sql

    _require_init(ledger)
    roles = roles_of(ledger)
    with translate_errors(ledger):
        mapping = dict(
            ledger.db.execute_sql(
                sql.SQL("SELECT group_id, role FROM {}")
                .format(sql.Identifier(MAPPING_TABLE))
                .as_string(ledger.db.connection())
            ).fetchall()
        )
        groups = []
        for group in WorkGroup.select().order_by(WorkGroup.name):
            role = mapping.get(group.id) or mapping.get(str(group.id))
            groups.append(
                GroupListing(group.name, group.id, role, _members_of(ledger, role) if role else ())
            )
        closed = tuple(t for t, s in table_scopes(ledger).items() if s.kind == "closed")
        return ServerListing(tuple(groups), _members_of(ledger, roles.team), closed)
