"""The welcome flow of a fresh ledger (gui/pages/welcome.py): the group, its party small groups and
its members, typed or imported, with the keyboard; skipping steps; opening it again; the home
page's card of a ledger without members."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.services.groups import party_groups, work_groups
from db.store.ledger import Ledger
from db.store.models import Member, PartyGroup, WorkGroup
from gui.dialogs.import_wizard import ImportWizard
from gui.main_window import MainWindow
from gui.pages.home import HomePage
from gui.pages.welcome import STEP_GROUP, STEP_MEMBERS, STEP_PARTY, WelcomePage
from tests.gui.conftest import FileDialogs, WindowFactory
from tests.gui.test_forms import choose, editor, wait_active
from tests.gui.test_shell import CTRL, click, type_text

ENTER = Qt.Key.Key_Return


def welcome_of(window: MainWindow) -> WelcomePage:
    welcome = window.welcome
    assert welcome is not None and window.stack.currentWidget() is welcome
    return welcome


def enter_field(qtbot: Any, widget: Any, text: str) -> None:
    """Type into the field that has the focus, then Enter to the next one."""
    assert widget.hasFocus()
    type_text(qtbot, widget, text)
    qtbot.keyClick(widget, ENTER)


def focused() -> Any:
    return QApplication.focusWidget()


def test_a_fresh_ledger_is_set_up_with_the_keyboard_group_party_groups_and_a_member(
    qtbot: Any, make_window: WindowFactory, new_ledger: Ledger
) -> None:
    window = make_window(new_ledger)
    welcome = welcome_of(window)
    assert welcome.step == STEP_GROUP
    assert "1 工作组" in welcome.steps_label.text()

    # 1. The group: Enter goes from field to field, Ctrl+Enter saves and goes on.
    form = welcome.form
    enter_field(qtbot, form.editor("name"), "商洛市赴南京市挂职工作组")
    enter_field(qtbot, form.editor("batch"), "第七批")
    enter_field(qtbot, form.editor("sending_place"), "商洛市")
    enter_field(qtbot, form.editor("host_place"), "南京市")
    enter_field(qtbot, form.editor("term_start"), "2025-01-01")
    type_text(qtbot, form.editor("term_end"), "2025-12-31")
    assert WorkGroup.select().count() == 0  # Enter never saved
    qtbot.keyClick(form.editor("term_end"), ENTER, CTRL)
    group = WorkGroup.get()
    assert (group.name, group.batch, group.sending_place, group.host_place) == (
        "商洛市赴南京市挂职工作组",
        "第七批",
        "商洛市",
        "南京市",
    )
    assert (str(group.term_start), str(group.term_end)) == ("2025-01-01", "2025-12-31")

    # 2. The party small groups: a name and Enter adds it; Ctrl+Enter goes on.
    assert welcome.step == STEP_PARTY
    line = welcome.party_editor.name_edit
    assert line.hasFocus()
    assert welcome.party_next.text() == "跳过这一步"
    for name in ("第一党小组", "第二党小组"):
        type_text(qtbot, line, name)
        qtbot.keyClick(line, ENTER)
    assert [pg.name for pg in party_groups.ordered(new_ledger)] == ["第一党小组", "第二党小组"]
    assert welcome.party_editor.list.count() == 2
    assert welcome.party_next.text() == "下一步"
    qtbot.keyClick(line, ENTER, CTRL)

    # 3. The members: Enter on 逐个录入成员… opens the member form, ready to type.
    assert welcome.step == STEP_MEMBERS
    assert welcome.type_button.hasFocus()
    assert welcome.finish_button.text() == "跳过，以后再录入"
    qtbot.keyClick(welcome.type_button, ENTER)
    dialog = welcome.member_dialog
    assert dialog is not None
    wait_active(qtbot, dialog)
    assert editor(dialog, "name").hasFocus()
    type_text(qtbot, editor(dialog, "name"), "张三")
    party = dialog.form.party_group
    assert [party.itemText(i) for i in range(party.count())] == ["", "第一党小组", "第二党小组"]
    choose(qtbot, party, "第二党小组")
    qtbot.keyClick(party, ENTER, CTRL)
    member = Member.get()
    assert member.name == "张三"
    assert member.party_group_id == PartyGroup.get(PartyGroup.name == "第二党小组").id
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "已有 1 名成员：张三" in welcome.members_label.text()
    assert welcome.finish_button.text() == "完成"

    # Done: the home page, without the card of a ledger without members.
    qtbot.keyClick(welcome.finish_button, ENTER, CTRL)
    assert window.welcome is None
    assert window.current_key == "home"
    home = window.current_page()
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: not home.loading)
    assert not home.start_card.isVisible()


def test_the_steps_can_be_skipped_and_the_home_page_then_points_to_the_members(
    qtbot: Any, make_window: WindowFactory, new_ledger: Ledger
) -> None:
    window = make_window(new_ledger)
    welcome = welcome_of(window)
    type_text(qtbot, welcome.form.editor("name"), "测试工作组")
    click(qtbot, welcome.create_button)
    assert welcome.step == STEP_PARTY
    click(qtbot, welcome.party_next)  # 跳过这一步
    assert welcome.step == STEP_MEMBERS
    click(qtbot, welcome.finish_button)  # 跳过，以后再录入
    assert WorkGroup.select().count() == 1
    assert PartyGroup.select().count() == 0 and Member.select().count() == 0
    assert window.welcome is None and window.current_key == "home"

    home = window.current_page()
    assert isinstance(home, HomePage)
    qtbot.waitUntil(home.start_card.isVisible)
    assert home.start_title.text() == "下一步：录入成员"
    # The card leads back into the flow, at its members step.
    click(qtbot, home.start_members)
    welcome = welcome_of(window)
    assert welcome.step == STEP_MEMBERS
    # Back through the steps: the first one now edits the group (no demo year on a used ledger).
    click(qtbot, welcome.member_back)
    assert welcome.step == STEP_PARTY
    click(qtbot, welcome.party_back)
    assert welcome.step == STEP_GROUP
    assert welcome.form.editor("name").text() == "测试工作组"
    assert welcome.create_button.text() == "保存并继续"
    assert not welcome._demo_box.isVisible()


def write_roster(path: Path) -> Path:
    path.write_text(
        "姓名,性别,政治面貌,派出单位及职务,组内职务\n"
        "王建国,男,中共党员,商洛市发改委副主任,组长\n"
        "单立新,男,中共党员,商洛市商务局科长,联络员\n",
        encoding="utf-8-sig",
    )
    return path


def test_a_member_list_is_imported_from_the_members_step_through_the_import_wizard(
    qtbot: Any,
    make_window: WindowFactory,
    new_ledger: Ledger,
    file_dialogs: FileDialogs,
    tmp_path: Path,
) -> None:
    window = make_window(new_ledger)
    welcome = welcome_of(window)
    type_text(qtbot, welcome.form.editor("name"), "测试工作组")
    qtbot.keyClick(welcome.form.editor("name"), ENTER, CTRL)
    qtbot.keyClick(welcome.party_editor.name_edit, ENTER, CTRL)  # no party small groups
    assert welcome.step == STEP_MEMBERS
    welcome.import_button.setFocus()
    qtbot.keyClick(welcome.import_button, ENTER)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)

    file_dialogs.paths = [str(write_roster(tmp_path / "成员名单.csv"))]
    with qtbot.waitSignal(wizard.previewed, timeout=60_000):
        click(qtbot, wizard.choose_button)
    assert wizard.problems.rowCount() == 0, wizard.verdict.text()
    with qtbot.waitSignal(wizard.imported, timeout=60_000):
        click(qtbot, wizard.import_all_button)
    assert {m.name for m in Member.select()} == {"王建国", "单立新"}
    # The flow stays on its members step, which lists them, to be finished there.
    assert window.welcome is welcome and welcome.step == STEP_MEMBERS
    qtbot.waitUntil(lambda: "已有 2 名成员：" in welcome.members_label.text())
    assert {"王建国", "单立新"} <= set(welcome.members_label.text().split("：")[1].split("、"))
    wizard.close()
    click(qtbot, welcome.finish_button)
    assert window.current_key == "home"


def test_the_home_card_opens_the_import_wizard(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    window = make_window(sqlite_ledger)
    home = window.current_page()
    assert isinstance(home, HomePage)
    qtbot.waitUntil(home.start_card.isVisible)
    click(qtbot, home.start_import)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)
    wizard.close()


def test_the_flow_opens_again_from_help_and_its_first_step_edits_the_group(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    group = work_groups.current(sqlite_ledger)
    work_groups.save(
        sqlite_ledger,
        {**work_groups.snapshot(group), "bulletin_title": "挂职工作简报"},
        record_id=group.id,
        expected_version=group.version,
    )
    window = make_window(sqlite_ledger)
    assert window.current_key == "home"
    assert window.welcome_action.isEnabled()
    window.welcome_action.trigger()
    welcome = welcome_of(window)
    assert welcome.step == STEP_GROUP and window.current_key is None
    form = welcome.form
    assert form.editor("name").text() == "测试工作组"
    assert form.key_hint.text().startswith("Ctrl+Enter 保存并继续")
    batch = form.editor("batch")
    batch.setFocus()
    type_text(qtbot, batch, "第八批")
    qtbot.keyClick(batch, ENTER, CTRL)
    group = WorkGroup.get()
    assert (group.name, group.batch) == ("测试工作组", "第八批")
    assert group.bulletin_title == "挂职工作简报"  # what the flow does not show is kept
    assert welcome.step == STEP_PARTY
    # The window's pages stay a click away.
    assert window.show_page("members") and window.current_key == "members"


def test_the_flow_reads_in_english(
    qtbot: Any, make_window: WindowFactory, new_ledger: Ledger
) -> None:
    window = make_window(new_ledger)
    window.set_language("en")
    welcome = welcome_of(window)
    assert "1 Work group" in welcome.steps_label.text()
    assert welcome.create_button.text() == "Create the group and continue"
    type_text(qtbot, welcome.form.editor("name"), "测试工作组")
    qtbot.keyClick(welcome.form.editor("name"), ENTER, CTRL)
    assert welcome.party_next.text() == "Skip this step"
    assert welcome.party_editor.name_edit.placeholderText().startswith("e.g.")
    window.set_language("zh")


def test_a_demo_year_leaves_the_flow_for_the_home_page(
    qtbot: Any, make_window: WindowFactory, new_ledger: Ledger
) -> None:
    window = make_window(new_ledger)
    welcome = welcome_of(window)
    welcome.year_spin.setValue(2025)
    click(qtbot, welcome.demo_button)  # the question is answered Yes
    qtbot.waitUntil(lambda: window.welcome is None, timeout=120_000)
    assert window.current_key == "home"
    assert Member.select().count() > 0 and PartyGroup.select().count() > 0
    home = window.current_page()
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: not home.loading)
    assert not home.start_card.isVisible()
