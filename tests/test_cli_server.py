"""`main.py server …`: a team server set up from the command line, the passwords asked for."""

from __future__ import annotations

import psycopg2
import pytest

import main
from db.services.members import members
from db.store.database import open_database
from db.store.models import Member
from tests.pgserver import PostgresServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the administrator types at getpass's prompts (and the prompts shown)."""
    answers: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        assert prompt  # never a silent prompt
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    return answers


def test_a_team_server_from_the_command_line(pg_server: PostgresServer, typed, capsys) -> None:
    url = pg_server.new_database()
    suffix = url.rsplit("/", 1)[1]
    alice, boss = f"alice_{suffix}", f"boss_{suffix}"
    assert main.main(["server", "init", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "团队服务器已设置好" in out and "calendar_day" in out
    assert main.main(["server", "init", "--db", url]) == 0  # again: nothing changes, no error
    assert main.main(["server", "add-group", "甲组", "--db", url]) == 0
    assert main.main(["server", "add-group", "乙组", "--db", url]) == 0
    typed.extend(["秘密 pw", "秘密 pw"])
    assert main.main(["server", "add-user", alice, "--group", "甲组", "--db", url]) == 0
    typed.extend(["team-pw", "team-pw"])
    assert main.main(["server", "add-user", boss, "--team", "--db", url]) == 0
    assert typed == []
    capsys.readouterr()
    assert main.main(["server", "list", "--db", url]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert f"工作组 甲组：{alice}" in listing
    assert "工作组 乙组：（无）" in listing
    assert f"工作队：{boss}" in listing

    # The secretary's program works on its own group.
    host = url.split("@", 1)[1]
    with open_database(f"postgresql://{alice}@{host}") as ledger:
        ledger.operator = "alice"
        members.save(ledger, {"name": "张三"})
    with open_database(url) as admin:
        assert [(m.name, m.group.name) for m in Member.select()] == [("张三", "甲组")]
    conn = psycopg2.connect(f"postgresql://{boss}@{host}")
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM member")
            assert cur.fetchone() == (1,)
    finally:
        conn.close()
    del admin


def test_passwords_that_differ_change_nothing(pg_server: PostgresServer, typed, capsys) -> None:
    url = pg_server.new_database()
    login = f"carol_{url.rsplit('/', 1)[1]}"
    assert main.main(["server", "init", "--db", url]) == 0
    assert main.main(["server", "add-group", "甲组", "--db", url]) == 0
    typed.extend(["one", "two"])
    assert main.main(["server", "add-user", login, "--group", "甲组", "--db", url]) == 2
    assert "两次输入的密码不一致" in capsys.readouterr().err
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
            assert cur.fetchone() is None
    finally:
        conn.close()


def test_server_commands_refuse_a_file_and_a_missing_group(
    pg_server: PostgresServer, typed, tmp_path, capsys
) -> None:
    path = tmp_path / "a.sqlite3"
    assert main.main(["server", "init", "--db", str(path)]) == 2
    assert "只用于 PostgreSQL 服务器" in capsys.readouterr().err
    assert not path.exists()
    url = pg_server.new_database()
    assert main.main(["server", "add-group", "甲组", "--db", url]) == 2
    assert "server init" in capsys.readouterr().err
    assert main.main(["server", "init", "--db", url]) == 0
    assert main.main(["server", "add-user", "dave", "--group", "丙组", "--db", url]) == 2
    assert "没有名为“丙组”的工作组" in capsys.readouterr().err
    assert typed == []  # the group is looked for before a password is asked


def test_group_chooses_the_group_a_command_works_on(tmp_path, capsys) -> None:
    from db.services.groups import work_groups

    path = tmp_path / "two.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "测试"
        first = work_groups.create_group(ledger, {"name": "甲组"}).id
        members.save(ledger, {"name": "张三"})
        work_groups.create_group(ledger, {"name": "乙组"})
        members.save(ledger, {"name": "李四"})
    with open_database(path) as ledger:
        assert ledger.group_id == first  # without --group: the first
    with open_database(path, group="乙组") as ledger:
        assert [m.name for m in members.query(ledger)] == ["李四"]
    out = tmp_path / "乙.csv"
    args = ["export", "ledger", "--db", str(path), "--group", "乙组", "--kind", "members"]
    assert main.main([*args, "--format", "csv", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "李四" in text and "张三" not in text
    assert main.main(["--group", "丙组", "check", "--db", str(path)]) == 2
    assert "没有名为“丙组”的工作组" in capsys.readouterr().err


def test_an_administrator_who_is_no_superuser_sets_the_server_up(
    pg_server: PostgresServer, typed, capsys
) -> None:
    """As README's steps make it: createuser --createrole, createdb --owner."""
    empty = pg_server.new_database()
    name = empty.rsplit("/", 1)[1] + "_own"
    admin = f"adm_{name}"
    conn = psycopg2.connect(pg_server.base_url + "/postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(f'CREATE ROLE "{admin}" LOGIN CREATEROLE')
            cur.execute(f'CREATE DATABASE "{name}" OWNER "{admin}"')
    finally:
        conn.close()
    host = pg_server.base_url.split("@", 1)[1]
    url = f"postgresql://{admin}@{host}/{name}"
    assert main.main(["server", "init", "--db", url]) == 0
    assert main.main(["server", "add-group", "甲组", "--db", url]) == 0
    typed.extend(["pw", "pw"])
    assert main.main(["server", "add-user", f"sec_{name}", "--group", "甲组", "--db", url]) == 0
    with open_database(f"postgresql://sec_{name}@{host}/{name}") as ledger:
        members.save(ledger, {"name": "张三"})
        assert [m.name for m in Member.select()] == ["张三"]


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone sits at the terminal (stdin is one); PGPASSWORD starts unset and is put back."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.delenv("PGPASSWORD", raising=False)


def _a_login_with_a_member(pg_server: PostgresServer, role: str, password: str) -> str:
    url = pg_server.password_login(role, password)
    with open_database(url, password=password) as ledger:
        ledger.operator = "联络员"
        from db.services.groups import work_groups

        work_groups.create_group(ledger, {"name": "甲组"})
        members.save(ledger, {"name": "张三"})
    return url


def test_the_servers_password_is_asked_for_at_a_terminal(
    pg_server: PostgresServer, at_a_terminal: None, tmp_path, capsys, monkeypatch
) -> None:
    """As README's steps say: the command line asks for a server's password (hidden), as the
    window does, when libpq finds none (~/.pgpass, PGPASSWORD); nothing is written anywhere."""
    url = _a_login_with_a_member(pg_server, "clerk", "Geheim:2026")
    prompts: list[str] = []
    answers = ["Geheim:2026"]

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    out = tmp_path / "members.csv"
    args = ["export", "ledger", "--db", url, "--kind", "members", "--format", "csv"]
    assert main.main([*args, "--out", str(out)]) == 0, capsys.readouterr().err
    assert prompts == [f"数据库服务器要求输入密码：{url}\n密码："]
    assert "张三" in out.read_text(encoding="utf-8-sig")
    assert "Geheim" not in capsys.readouterr().out


def test_a_wrong_password_typed_at_the_terminal_is_refused_in_one_line(
    pg_server: PostgresServer, at_a_terminal: None, capsys, monkeypatch
) -> None:
    url = _a_login_with_a_member(pg_server, "clerk2", "right-one")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "wrong-one")
    assert main.main(["check", "--db", url]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"错误：数据库服务器拒绝了用户名或密码：{url}"]


def test_without_a_terminal_the_password_is_not_asked_for(
    pg_server: PostgresServer, capsys, monkeypatch
) -> None:
    url = _a_login_with_a_member(pg_server, "clerk3", "secret")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked"))
    assert main.main(["check", "--db", url]) == 2
    assert capsys.readouterr().err.splitlines() == [f"错误：数据库服务器要求输入密码：{url}"]
