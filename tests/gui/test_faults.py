"""The fault suite, window side: a problem of the machine's world met while the window is open is
said in one clear message, and nothing the user typed is lost."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QLineEdit

from db.services.groups import work_groups
from db.store import backup
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import Member
from gui import app as gui_app
from tests.conftest import add_member
from tests.db.store.test_backup import damage
from tests.gui.conftest import Boxes, WindowFactory
from tests.gui.test_forms import editor, open_new, open_page, retype, save
from tests.gui.test_shell import OpenErrors, open_errors  # noqa: F401 - a fixture


def test_a_full_disk_at_save_keeps_the_form_open_with_what_was_typed(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, boxes: Boxes
) -> None:
    window = make_window(sqlite_ledger)
    page = open_page(qtbot, window, "members")
    dialog = open_new(qtbot, page)
    retype(qtbot, editor(dialog, "name"), "张三")
    editor(dialog, "notes").setPlainText("长" * 2000)
    # The file may not grow, and has no free pages left inside it (which the save could use).
    sqlite_ledger.db.execute_sql("VACUUM")
    pages = sqlite_ledger.db.execute_sql("PRAGMA page_count").fetchone()[0]
    sqlite_ledger.db.execute_sql(f"PRAGMA max_page_count = {pages + 1}")

    save(qtbot, dialog)

    expected = f"磁盘已满，未能保存。请在 {sqlite_ledger.path.parent} 所在的磁盘上腾出空间后重试。"
    assert boxes.texts("warning") == [expected]
    assert dialog.isVisible()
    assert editor(dialog, "name").text() == "张三"
    assert expected in dialog.general_error.text()
    assert Member.select().count() == 0

    # With room again, the same form saves what was typed.
    sqlite_ledger.db.execute_sql("PRAGMA max_page_count = 1073741823")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [m.name for m in Member.select()] == ["张三"]


# -- the server: a malformed address, a password --------------------------------------------------------


def test_a_malformed_server_url_opens_the_dialog_with_one_line_and_no_secret(
    translations: Any,
    open_errors: OpenErrors,  # noqa: F811 - the fixture of test_shell
) -> None:
    assert gui_app.open_ledger("postgresql://ledger:Secret99/x@127.0.0.1:5432/db") is None
    [shown] = open_errors.shown
    assert shown["message"].startswith("数据库服务器地址写法有误（端口应是数字")
    assert "Secret99" not in shown["message"] + shown["hints"]
    assert shown["buttons"] == ["选择其他文件…", "退出"]


@pytest.mark.postgres
def test_the_window_asks_for_the_servers_password_and_keeps_it_in_memory(
    pg_server: Any,
    translations: Any,
    open_errors: OpenErrors,  # noqa: F811 - the fixture of test_shell
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
) -> None:
    url = pg_server.password_login("secretary", "Geheim-2026")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    asked: list[tuple[str, QLineEdit.EchoMode]] = []
    answers = ["wrong", "Geheim-2026"]

    def get_text(_parent: Any, _title: str, label: str, echo: QLineEdit.EchoMode) -> Any:
        asked.append((label, echo))
        return answers.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    open_errors.choices.extend(["enter_password", "enter_password"])

    ledger = gui_app.open_ledger(url)
    try:
        assert ledger is not None and ledger.display_name == url
        assert [s["message"] for s in open_errors.shown] == [
            f"数据库服务器要求输入密码：{url}",
            f"数据库服务器拒绝了用户名或密码：{url}",
        ]
        assert open_errors.shown[0]["buttons"] == ["输入密码…", "选择其他文件…", "退出"]
        assert [echo for _label, echo in asked] == [QLineEdit.EchoMode.Password] * 2
        assert ledger.db.execute_sql("SELECT current_user").fetchone()[0] == "secretary"
    finally:
        if ledger is not None:
            ledger.close()


# -- a damaged file, noticed on opening -------------------------------------------------------------


def test_opening_a_damaged_file_offers_the_newest_healthy_backup_and_restores_it(
    qtbot: Any, app: Any, tmp_path: Path, ui_settings: Any, translations: Any, boxes: Boxes
) -> None:
    path = tmp_path / "ledger.sqlite3"
    with open_database(path) as ledger:
        work_groups.create_group(ledger, {"name": "测试工作组"})
        add_member(ledger, "张三")
        good = backup.take_backup(ledger, now=datetime.datetime(2025, 3, 1, 9))
        add_member(ledger, "李四")  # after the backup: lost with the damaged page
    damage(path)

    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(path))
        first_window = program.window
        qtbot.waitUntil(lambda: program.window is not first_window, timeout=20000)
        [question] = boxes.texts("question")
        assert question.startswith("数据库文件已损坏（") and f"：{path}。" in question
        assert f"最近一个完好的备份是 {good}，可以用它恢复。" in question
        assert program.ledger is not None and program.ledger.path == path
        assert [m.name for m in Member.select()] == ["张三"]
        # Kept apart: the damaged file as it was, and the automatic backup's copy of it on opening.
        apart = sorted(p.name for p in (good.parent / "damaged").iterdir())
        assert apart == [
            "ledger-20261118-100000-auto-damaged.sqlite3",
            "ledger-20261118-100000-before-restore-damaged.sqlite3",
        ]
        assert good in [b.path for b in backup.list_backups(good.parent, "ledger")]
        qtbot.waitUntil(lambda: program.health_check is not None and program.health_check.is_done)
        assert len(boxes.texts("question")) == 1  # the restored file is whole: no second question
    finally:
        program._close_current()


def test_a_healthy_file_opens_without_a_word(
    qtbot: Any, app: Any, tmp_path: Path, ui_settings: Any, translations: Any, boxes: Boxes
) -> None:
    path = tmp_path / "ledger.sqlite3"
    with open_database(path) as ledger:
        work_groups.create_group(ledger, {"name": "测试工作组"})
    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(path))
        qtbot.waitUntil(lambda: program.health_check is not None and program.health_check.is_done)
        assert boxes.shown == []
    finally:
        program._close_current()
