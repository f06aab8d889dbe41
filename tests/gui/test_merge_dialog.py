"""文件 → 合并工作组文件…: a group's file merged into the open database from the window — the trial's
summary, a conflict decided in its box, and the database after the merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from db.services.groups import work_groups
from db.services.members import members
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import Member, WorkGroup, database_proxy
from gui.dialogs.merge import KEEP, TAKE, MergeDialog
from tests.conftest import add_member


@pytest.fixture
def group_file(tmp_path: Path) -> Path:
    """The group's own file: its group and two members (made before the window's ledger opens)."""
    path = tmp_path / "组里.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "联络员"
        work_groups.create_group(ledger, {"name": "商洛市赴南京市挂职工作组"})
        add_member(ledger, "张三")
        add_member(ledger, "李四")
    return path


def set_phone(path: Path, name: str, phone: str, back_to: Ledger) -> None:
    with open_database(path) as ledger:
        ledger.operator = "联络员"
        member = Member.get(Member.name == name)
        members.save(ledger, {"name": name, "phone": phone}, record_id=member.id)
    database_proxy.initialize(back_to.db)  # the models back on the window's database


def open_dialog(window, file_dialogs, qtbot, path: Path) -> MergeDialog:
    file_dialogs.paths.append(str(path))
    assert window.merge_action in window.file_menu.actions()
    window.merge_action.trigger()
    (dialog,) = [d for d in window.findChildren(MergeDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: dialog.trial is not None or dialog.error.isVisible())
    return dialog


def test_merge_a_group_file_into_a_new_database(
    group_file, new_ledger, make_window, file_dialogs, qtbot
) -> None:
    window = make_window(new_ledger)
    dialog = open_dialog(window, file_dialogs, qtbot, group_file)
    assert dialog.summary.text() == (
        f"试合并 {group_file}（未写入）：将新增 3 条，更新 0 条，删除 0 条，冲突 0 条；"
        "将带入历史记录 3 条。"
    )
    assert Member.select().count() == 0  # the trial wrote nothing
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert sorted(m.name for m in Member.select()) == ["张三", "李四"]
    assert WorkGroup.get().name == "商洛市赴南京市挂职工作组"
    assert new_ledger.group_id == WorkGroup.get().id
    assert dialog.summary.text().startswith(f"合并 {group_file}：新增 3 条")
    assert not dialog.merge_button.isEnabled()  # nothing left to do
    qtbot.waitUntil(lambda: window.welcome is None)  # the window shows the group's pages


def test_a_conflict_is_decided_in_the_dialog(
    group_file, new_ledger, make_window, file_dialogs, qtbot
) -> None:
    window = make_window(new_ledger)
    dialog = open_dialog(window, file_dialogs, qtbot, group_file)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None)
    dialog.close()

    set_phone(group_file, "张三", "13900000001", new_ledger)
    set_phone(group_file, "李四", "13900000003", new_ledger)
    zhang = Member.get(Member.name == "张三")
    li = Member.get(Member.name == "李四")
    members.save(new_ledger, {"name": "张三", "phone": "13900000002"}, record_id=zhang.id)
    members.save(new_ledger, {"name": "李四", "phone": "13900000004"}, record_id=li.id)

    dialog = open_dialog(window, file_dialogs, qtbot, group_file)
    assert dialog.table.rowCount() == 2 and dialog.table.isVisibleTo(dialog)
    assert dialog.table.item(0, 0).text() in {
        "成员：张三（上次合并后两边都修改过）",
        "成员：李四（上次合并后两边都修改过）",
    }
    texts = {dialog.table.item(r, 1).text() for r in range(2)}
    assert "联系电话：本库 13900000002 ｜ 来源 13900000001" in texts
    dialog.choose(zhang.id, TAKE)
    dialog.choose(li.id, KEEP)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert Member.get_by_id(zhang.id).phone == "13900000001"  # 采用来源
    assert Member.get_by_id(li.id).phone == "13900000004"  # 保留本库
    assert dialog.table.rowCount() == 0
    assert "更新 1 条" in dialog.summary.text() and "冲突 0 条" in dialog.summary.text()


def test_the_open_database_itself_is_refused_beside_the_button(
    sqlite_ledger, make_window, file_dialogs, qtbot
) -> None:
    window = make_window(sqlite_ledger)
    dialog = open_dialog(window, file_dialogs, qtbot, sqlite_ledger.path)
    assert dialog.error.text() == f"要合并的文件就是当前数据库本身：{sqlite_ledger.path}"
    assert not dialog.merge_button.isEnabled()
