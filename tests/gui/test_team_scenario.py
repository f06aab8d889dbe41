"""The team's own day on one server (issue #12, "Done when"): the administrator sets the server up from
the command line; the secretaries of 甲组 and 乙组, each in their own window, enter a member and a
survey through the forms and see their own group only; the team office's window opens read-only, shows
全队概览 with both groups, and a figure of 甲组 leads to 甲组's list, read-only; a third group's own file
is merged into the server (`main.py merge`), and the team window, hearing of it, shows it beside the
others with the figures of the file's own month statistics.

One process holds one ledger for its models (database_proxy): the windows here are opened one after
another, each on its own login, as three machines would; the merge runs as its own program.
(A window seeing a second window's save on the server is tests/gui/test_watch.py's.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog

import main
from db.queries import team
from db.queries.statistics import month_stats
from db.services.achievements import achievements
from db.services.groups import work_groups
from db.services.highlights import highlights
from db.services.members import members
from db.services.surveys import surveys
from db.store.database import open_database
from db.store.models import Member, Survey
from gui import app as gui_app
from gui.pages.list_page import ListPage
from gui.pages.team import TeamPage, cell_text
from tests.gui.test_forms import choose, editor, open_new, pick_members, retype, save
from tests.gui.test_lists import column_texts
from tests.gui.test_shell import type_text
from tests.pgserver import PostgresServer
from tests.test_cli import run_main

pytestmark = pytest.mark.postgres

YEAR, MONTH = 2026, 11  # the tests' today is 2026-11-18


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the administrator types at getpass's prompts, in turn."""
    answers: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        assert prompt
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    return answers


@pytest.fixture
def picks(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The group dialog on opening: answered 乙组; each list offered is recorded."""
    offered: list[list[str]] = []

    def get_item(_parent, _title, _label, items, _current=0, _editable=True, *a, **k):
        offered.append(list(items))
        return ("乙组", True)

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    return offered


def third_groups_file(path: Path) -> dict[str, Any]:
    """丙组's own file, kept on its laptop with the services: two members, two surveys (one of them
    an enterprise survey), a highlight and a consumption aid; its month statistics."""
    with open_database(path) as ledger:
        ledger.operator = "丙组联络员"
        work_groups.create_group(ledger, {"name": "丙组", "term_start": "2026-01-01"})
        wang = members.save(ledger, {"name": "王丙", "term_start": "2026-01-01"}).id
        zhao = members.save(ledger, {"name": "赵丙", "term_start": "2026-01-01"}).id
        surveys.save(
            ledger,
            {"date": "2026-11-09", "kind": "企业调研", "visited": "某公司", "participants": [wang]},
        )
        surveys.save(
            ledger,
            {"date": "2026-11-10", "kind": "座谈走访", "visited": "某街道", "participants": [zhao]},
        )
        highlights.save(
            ledger,
            {"member": wang, "month": "2026-11", "category": "招商引资", "title": "引进一个项目"},
        )
        achievements.save(
            ledger,
            {
                "kind": "消费帮扶金额",
                "date": "2026-11-12",
                "title": "农产品进机关",
                "amount": "3.5",
                "members": [zhao],
            },
        )
        stats = month_stats(ledger, YEAR, MONTH)
        return {
            "surveys": stats.surveys.count,
            "enterprise_surveys": stats.surveys.by_kind["enterprise"],
            "highlights": stats.highlights.count,
            "collective_meetings": stats.session_counts.collective,
            "consumption_aid": stats.achievements["consumption_aid"].amount,
            "leave_requests": stats.leave.total.count,
            "spot_checks": stats.spot_checks.checks,
        }


def open_window(app: Any, settings: QSettings, translations: Any, url: str) -> gui_app.Program:
    program = gui_app.Program(app, settings, translations)
    assert program.start(url)
    assert program.window is not None
    return program


def list_page(qtbot: Any, program: gui_app.Program, key: str) -> ListPage:
    window = program.window
    assert window is not None
    window.show_page(key)
    page = window.current_page()
    assert isinstance(page, ListPage)
    page.table.setFocus()
    return page


def enter_member_and_survey(
    qtbot: Any, program: gui_app.Program, name: str, kind: str, visited: str
) -> None:
    """As a secretary does it: 成员 → 新建…, then 调研 → 新建… with the member taking part."""
    page = list_page(qtbot, program, "members")
    dialog = open_new(qtbot, page)
    type_text(qtbot, editor(dialog, "name"), name)
    retype(qtbot, editor(dialog, "term_start"), "2026-01-01")
    save(qtbot, dialog, keys="ctrl+enter")
    assert not dialog.isVisible(), dialog.general_error.text()

    page = list_page(qtbot, program, "surveys")
    dialog = open_new(qtbot, page)
    retype(qtbot, editor(dialog, "date"), "2026-11-16")
    choose(qtbot, editor(dialog, "kind"), kind)
    pick_members(qtbot, editor(dialog, "participants"), name)
    type_text(qtbot, editor(dialog, "visited"), visited)
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.general_error.text()


def team_page(qtbot: Any, program: gui_app.Program) -> TeamPage:
    window = program.window
    assert window is not None
    window.show_page("team")
    page = window.pages["team"]
    assert isinstance(page, TeamPage)
    qtbot.waitUntil(
        lambda: not page.load.loading and page.model.figures is not None, timeout=20_000
    )
    if page.period() != (YEAR, MONTH):
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            page.choose(YEAR, MONTH)
    return page


def row(page: TeamPage, figure: str) -> list[str]:
    r = team.FIGURES.index(figure)
    return [page.model.index(r, c).data() for c in range(page.model.columnCount())]


def headers(page: TeamPage) -> list[str]:
    model = page.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_two_secretaries_the_team_office_and_a_merged_groups_file(
    qtbot: Any,
    app: Any,
    pg_server: PostgresServer,
    tmp_path: Path,
    ui_settings: QSettings,
    translations: Any,
    typed: list[str],
    picks: list[list[str]],
    capsys: Any,
) -> None:
    third_file = tmp_path / "丙组.sqlite3"
    third = third_groups_file(third_file)

    # -- the administrator ---------------------------------------------------------------------------
    admin_url = pg_server.new_database()
    suffix = admin_url.rsplit("/", 1)[1]
    host = admin_url.split("@", 1)[1]  # host:port/database
    jia, yi, office = f"jia_{suffix}", f"yi_{suffix}", f"office_{suffix}"
    assert main.main(["server", "init", "--db", admin_url]) == 0
    assert main.main(["server", "add-group", "甲组", "--db", admin_url]) == 0
    assert main.main(["server", "add-group", "乙组", "--db", admin_url]) == 0
    typed.extend(["甲 pw", "甲 pw", "乙 pw", "乙 pw", "队 pw", "队 pw"])
    assert main.main(["server", "add-user", jia, "--group", "甲组", "--db", admin_url]) == 0
    assert main.main(["server", "add-user", yi, "--group", "乙组", "--db", admin_url]) == 0
    assert main.main(["server", "add-user", office, "--team", "--db", admin_url]) == 0
    assert typed == []
    capsys.readouterr()

    # -- 甲组's secretary --------------------------------------------------------------------------------
    program = open_window(app, ui_settings, translations, f"postgresql://{jia}@{host}")
    try:
        assert not program.ledger.read_only
        assert "甲组" in program.window.windowTitle()
        enter_member_and_survey(qtbot, program, "张甲", "企业调研", "甲公司")
        assert [m.name for m in Member.select()] == ["张甲"]
        assert [(str(s.date), s.kind, s.visited) for s in Survey.select()] == [
            ("2026-11-16", "enterprise", "甲公司")
        ]
    finally:
        program._close_current()

    # -- 乙组's secretary, in another window: its own group only ----------------------------------------
    program = open_window(app, ui_settings, translations, f"postgresql://{yi}@{host}")
    try:
        assert "乙组" in program.window.windowTitle()
        page = list_page(qtbot, program, "members")
        assert column_texts(page, "name") == []  # 甲组's 张甲 is not there
        enter_member_and_survey(qtbot, program, "李乙", "座谈走访", "乙街道")
        assert column_texts(list_page(qtbot, program, "surveys"), "visited") == ["乙街道"]
        assert column_texts(list_page(qtbot, program, "members"), "name") == ["李乙"]
        # Even asked by hand, the database answers with 乙组's rows only.
        db = program.ledger.db
        assert db.execute_sql("SELECT name FROM member").fetchall() == [("李乙",)]
        assert db.execute_sql("SELECT visited FROM survey").fetchall() == [("乙街道",)]
        assert picks == []  # a secretary's login reaches one group: nothing to choose
    finally:
        program._close_current()

    # -- the team office: read-only, 全队概览 ------------------------------------------------------------
    program = open_window(app, ui_settings, translations, f"postgresql://{office}@{host}")
    try:
        assert picks == [["甲组", "乙组"]]  # it reaches both; it chose 乙组
        assert program.ledger.read_only
        page = team_page(qtbot, program)
        assert headers(page) == ["甲组", "乙组", "全队合计"]
        assert row(page, "members") == ["1", "1", "2"]
        assert row(page, "surveys") == ["1", "1", "2"]
        assert row(page, "enterprise_surveys") == ["1", "0", "1"]

        # -- meanwhile the administrator merges 丙组's file into the server (its own program) ------------
        merged = run_main("merge", "--from", str(third_file), "--db", admin_url)
        assert merged.returncode == 0, merged.stdout + merged.stderr
        assert "冲突 0 条" in merged.stdout
        # The team's window hears it and counts again, with no restart: three groups, oldest first
        # (丙组 was made on its laptop before the server's groups; the merge keeps that).
        qtbot.waitUntil(lambda: len(headers(page)) == 4 and not page.load.loading, timeout=20_000)
        assert headers(page) == ["丙组", "甲组", "乙组", "全队合计"]
        figures = page.model.figures
        assert figures is not None
        own = figures.groups[0]
        assert own.name == "丙组"
        for name, value in third.items():  # as its own file counts them
            assert own.value(name) == value, name
        assert (own.members, own.surveys, own.enterprise_surveys, own.highlights) == (2, 2, 1, 1)
        assert own.consumption_aid == Decimal("3.5")
        assert row(page, "surveys") == ["2", "1", "1", "4"]
        assert row(page, "consumption_aid")[0] == cell_text(third["consumption_aid"])

        # -- a figure of 甲组 leads to 甲组's list, read-only ----------------------------------------------
        window = program.window
        with qtbot.waitSignal(window.destroyed, timeout=10_000):
            page.open_cell(team.FIGURES.index("surveys"), 1)  # 甲组's surveys
        window = program.window
        assert "甲组" in window.windowTitle()
        assert window.current_key == "surveys"
        listed = window.current_page()
        assert isinstance(listed, ListPage)
        assert column_texts(listed, "visited") == ["甲公司"]
        assert not listed.new_button.isEnabled()  # the team reads, it does not write
    finally:
        program._close_current()
