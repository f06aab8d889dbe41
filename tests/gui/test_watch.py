"""Seeing others' changes in the window (gui/watch.py): another program's save shows in the list —
on a file when the window regains focus, on a server as the notification comes — and a save over a
newer version keeps what was typed, says why next to the form, and offers to load the newer one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from db.services.groups import work_groups
from db.services.members import members
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import ALL_MODELS, Member, database_proxy
from gui.main_window import MainWindow
from tests.conftest import add_member
from tests.gui.conftest import Boxes, WindowFactory
from tests.gui.test_forms import (
    WindowOf,
    editor,
    finish_background_work,
    retype,
    save,
    wait_active,
    without_home,
)
from tests.gui.test_lists import column_texts, open_page
from tests.gui.test_shell import click
from tests.pgserver import PostgresServer


@pytest.fixture
def window_of(make_window: WindowFactory) -> WindowOf:
    return without_home(make_window)


@contextmanager
def as_other_program(other: Ledger, qapp: Any) -> Iterator[None]:
    """The models on the other program's connection for a moment (one process holds one ledger
    for its models; here a test plays two programs). The window's background work is let end
    first, so that none of it runs on the other's connection."""
    finish_background_work(qapp)
    with other.db.bind_ctx(ALL_MODELS):
        yield


def back_to(qtbot: Any, window: MainWindow) -> None:
    """The user works in another window a moment, then comes back to this one."""
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    wait_active(qtbot, elsewhere)
    wait_active(qtbot, window)


def test_a_file_read_by_a_window_shows_the_writers_save_when_the_window_regains_focus(
    qtbot: Any, qapp: Any, window_of: WindowOf, tmp_path: Path
) -> None:
    writer = open_database(tmp_path / "ledger.sqlite3")
    writer.operator = "联络员"
    work_groups.create_group(writer, {"name": "测试工作组", "term_start": "2025-01-01"})
    add_member(writer, "张三")
    # A second window on the file: the first program holds it, so this one reads.
    reader = open_database(tmp_path / "ledger.sqlite3", read_only=True)
    try:
        window = window_of(reader)
        page = open_page(qtbot, window, "members")
        assert column_texts(page, "name") == ["张三"]

        with as_other_program(writer, qapp):
            members.save(writer, {"name": "李四"})
        qapp.processEvents()
        assert column_texts(page, "name") == ["张三"], "a file's change is looked for on focus"

        back_to(qtbot, window)
        qtbot.waitUntil(lambda: column_texts(page, "name") == ["张三", "李四"])
        assert window.statusBar().currentMessage() == "已显示别处保存的修改"
        finish_background_work(qapp)
    finally:
        window.close()
        reader.close()
        writer.close()
        database_proxy.initialize(None)


def test_a_server_window_shows_another_windows_save_as_it_comes(
    qtbot: Any, qapp: Any, window_of: WindowOf, pg_server: PostgresServer
) -> None:
    url = pg_server.new_database()
    other = open_database(url)
    other.operator = "另一位联络员"
    work_groups.create_group(other, {"name": "测试工作组", "term_start": "2025-01-01"})
    mine = open_database(url)
    mine.operator = "测试员"
    try:
        window = window_of(mine)
        page = open_page(qtbot, window, "members")
        assert column_texts(page, "name") == []

        with as_other_program(other, qapp):
            members.save(other, {"name": "李四"})
        # No focus change: the server's notification wakes the window.
        qtbot.waitUntil(lambda: column_texts(page, "name") == ["李四"], timeout=10_000)
        finish_background_work(qapp)
    finally:
        window.close()
        mine.close()
        other.close()
        database_proxy.initialize(None)


def test_a_save_over_a_newer_version_keeps_the_typed_text_and_offers_the_newer_one(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, boxes: Boxes
) -> None:
    someone = add_member(sqlite_ledger, "李四")
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "members")
    page.edit_record(someone)
    dialog = page.dialog
    assert dialog is not None
    wait_active(qtbot, dialog)
    retype(qtbot, editor(dialog, "phone"), "025-12345678")

    # Meanwhile another secretary saves the member.
    members.save(sqlite_ledger, {"name": "李四", "notes": "别处改过"}, record_id=someone)
    save(qtbot, dialog)

    assert dialog.isVisible() and editor(dialog, "phone").text() == "025-12345678"
    assert "已被" in dialog.general_error.text() and "未保存" in dialog.general_error.text()
    assert dialog.reload_button.isVisible()
    stored = Member.get_by_id(someone)
    assert (stored.notes, stored.phone) == ("别处改过", "")

    click(qtbot, dialog.reload_button)
    # The newer version, with what was typed put back on it; the message is gone.
    assert editor(dialog, "notes").toPlainText() == "别处改过"
    assert editor(dialog, "phone").text() == "025-12345678"
    assert not dialog.reload_button.isVisible() and not dialog.general_error.text()
    assert "仍在表单中" in dialog.saved_note.text()
    save(qtbot, dialog, keys="ctrl+enter")
    stored = Member.get_by_id(someone)
    assert (stored.notes, stored.phone) == ("别处改过", "025-12345678")
    assert not dialog.isVisible()
