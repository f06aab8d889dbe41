"""The fault suite, window side: a problem of the machine's world met while the window is open is
said in one clear message, and nothing the user typed is lost."""

from __future__ import annotations

from typing import Any

from db.database import Ledger
from db.models import Member
from tests.gui.conftest import Boxes, WindowFactory
from tests.gui.test_forms import editor, open_new, open_page, retype, save


def test_a_full_disk_at_save_keeps_the_form_open_with_what_was_typed(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, boxes: Boxes
) -> None:
    window = make_window(sqlite_ledger)
    page = open_page(qtbot, window, "members")
    dialog = open_new(qtbot, page)
    retype(qtbot, editor(dialog, "name"), "张三")
    editor(dialog, "notes").setPlainText("长" * 2000)
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
