"""The window's shell: first run, navigation, the one path for changes with undo, language, errors."""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontDatabase, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QVBoxLayout, QWidget

from db.queries.lists import LISTS
from db.services import settings
from db.services.groups import party_groups, work_groups
from db.store import backup
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import Member, PartyGroup, PartyGroupLeader, RecycleBin, WorkGroup
from gui import app as gui_app
from gui.dialogs.errors import CrashDialog, OpenErrorDialog
from gui.main_window import MainWindow
from gui.models.record_table import RecordTableModel
from gui.pages import PageEntry, by_convention, page_entries
from gui.pages.base import Page, PageAction, PageContext, PlaceholderPage
from gui.pages.settings import SettingsPage
from gui.pages.welcome import WelcomePage
from tests.conftest import add_member
from tests.gui.conftest import Boxes, FileDialogs, WindowFactory

CTRL = Qt.KeyboardModifier.ControlModifier


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type into a widget as a person would: ASCII as key presses, Chinese as an input method
    commits it (QTest cannot press keys for characters outside ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot: Any, table: QTableView, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- first run ------------------------------------------------------------------------------------


def test_first_run_shows_the_welcome_page_and_its_form_creates_the_group(
    qtbot: Any, make_window: WindowFactory, new_ledger: Ledger
) -> None:
    window = make_window(new_ledger)
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomePage)
    assert not window.navigation.isVisible()

    form = welcome.form
    type_text(qtbot, form.editor("name"), "商洛市赴南京市挂职工作组")
    qtbot.keyClicks(form.editor("term_start"), "2025-01-01")
    qtbot.keyClicks(form.editor("term_end"), "2024-12-31")
    # Checked as typed: the core's message appears beside the field before any save.
    end_error = form._errors["term_end"]
    qtbot.waitUntil(end_error.isVisible)
    assert "不能早于" in end_error.text()

    click(qtbot, welcome.create_button)
    assert WorkGroup.select().count() == 0  # nothing half-saved
    assert form.editor("name").text() == "商洛市赴南京市挂职工作组"  # nothing lost either

    form.editor("term_end").selectAll()
    qtbot.keyClicks(form.editor("term_end"), "2025-12-31")
    click(qtbot, welcome.create_button)

    group = WorkGroup.get()
    assert group.name == "商洛市赴南京市挂职工作组"
    assert str(group.term_end) == "2025-12-31"
    assert new_ledger.group_id == group.id
    assert window.current_key == "home"
    assert window.navigation.isVisible()
    assert "商洛市赴南京市挂职工作组" in window.windowTitle()
    assert "商洛市赴南京市挂职工作组" in window._group_label.text()


def test_a_required_field_left_empty_is_shown_beside_it(
    qtbot: Any, make_window: WindowFactory, new_ledger: Ledger
) -> None:
    window = make_window(new_ledger)
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomePage)
    qtbot.keyClick(welcome.form.editor("batch"), Qt.Key.Key_S, CTRL)  # Ctrl+S saves the form
    assert WorkGroup.select().count() == 0
    name_error = welcome.form._errors["name"]
    assert name_error.isVisible() and "必须填写" in name_error.text()


def test_the_welcome_form_keeps_the_rule_of_every_form_enter_moves_ctrl_enter_saves(
    qtbot: Any, make_window: WindowFactory, new_ledger: Ledger
) -> None:
    window = make_window(new_ledger)
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomePage)
    form = welcome.form
    assert form.key_hint.isVisible() and form.key_hint.text().startswith("Ctrl+Enter 保存")
    name = form.editor("name")
    name.setFocus()
    type_text(qtbot, name, "商洛市赴南京市挂职工作组")
    qtbot.keyClick(name, Qt.Key.Key_Return)  # Enter: the next field, nothing saved yet
    assert form.editor("batch").hasFocus()
    assert WorkGroup.select().count() == 0
    type_text(qtbot, form.editor("batch"), "第七批")
    qtbot.keyClick(form.editor("batch"), Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: saved
    group = WorkGroup.get()
    assert (group.name, group.batch) == ("商洛市赴南京市挂职工作组", "第七批")


# -- navigation -------------------------------------------------------------------------------------


def test_ctrl_number_goes_to_the_page_and_the_status_bar_names_database_and_group(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    window = make_window(sqlite_ledger)
    assert window.current_key == "home"
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, CTRL)
    assert window.current_key == "members"
    assert window.navigation.currentItem().text() == "成员"
    assert window.stack.currentWidget() is window.pages["members"]
    qtbot.keyClick(window.navigation, Qt.Key.Key_9, CTRL)
    assert window.current_key == "achievements"
    assert str(sqlite_ledger.path) in window._database_label.text()
    assert "测试工作组" in window._group_label.text()


def test_pages_not_written_yet_show_a_placeholder(
    make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    title = lambda: "未来的页面"  # noqa: E731
    entries = [
        *page_entries(),
        PageEntry("future", title, by_convention("gui.pages.not_written_yet", "FuturePage", title)),
    ]
    window = make_window(sqlite_ledger, entries)
    window.show_page("future")
    page = window.current_page()
    assert isinstance(page, PlaceholderPage)
    assert window.navigation.currentItem().text() == "未来的页面"


def test_window_size_and_page_are_remembered(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, ui_settings: QSettings
) -> None:
    window = make_window(sqlite_ledger)
    window.resize(700, 500)
    window.show_page("history")
    window.close()
    again = make_window(sqlite_ledger)
    assert (again.width(), again.height()) == (700, 500)
    assert again.current_key == "history"


# -- the one path for changes: delete and Ctrl+Z ---------------------------------------------------------


class MembersTestPage(Page):
    """A minimal list page, as the list pages will be: RecordTableModel, Delete through Operations."""

    kinds = frozenset({"member"})
    supported_actions = frozenset({PageAction.DELETE})

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        self.model = RecordTableModel(self.ledger, LISTS["member"], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        QVBoxLayout(self).addWidget(self.table)

    def refresh(self) -> None:
        self.model.reload()

    def delete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.operations.delete("member", [self.model.id_at(index.row()) for index in rows])


def test_delete_moves_to_the_recycle_bin_and_ctrl_z_brings_it_back(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    zhang = add_member(sqlite_ledger, "张三")
    add_member(sqlite_ledger, "李四")
    entries = [
        dataclasses.replace(e, factory=MembersTestPage) if e.key == "members" else e
        for e in page_entries()
    ]
    window = make_window(sqlite_ledger, entries)
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    assert isinstance(page, MembersTestPage)
    assert page.model.rowCount() == 2

    row = page.model.row_of(zhang)
    click_row(qtbot, page.table, row)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert Member.get_or_none(Member.id == zhang) is None
    assert RecycleBin.select().where(RecycleBin.record_id == zhang).count() == 1
    assert page.model.rowCount() == 1  # redrawn from records_changed, not by hand
    assert window.undo_action.isEnabled()

    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    restored = Member.get_or_none(Member.id == zhang)
    assert restored is not None and restored.name == "张三"
    assert RecycleBin.select().count() == 0
    assert page.model.rowCount() == 2

    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo
    assert Member.get_or_none(Member.id == zhang) is None
    window.undo_action.trigger()
    assert Member.get_or_none(Member.id == zhang) is not None


def test_the_recycle_bin_restores_and_purges_after_confirmation(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, boxes: Boxes
) -> None:
    zhang = add_member(sqlite_ledger, "张三")
    li = add_member(sqlite_ledger, "李四")
    window = make_window(sqlite_ledger)
    assert window.operations.delete("member", [zhang])
    assert window.operations.delete("member", [li])
    window.show_page("recycle_bin")
    page = window.current_page()
    assert page.model.rowCount() == 2
    li_row = next(r for r in range(2) if page.model.row_values(r)["record_id"] == li)

    click_row(qtbot, page.table, li_row)
    boxes.answer = boxes.answer.No
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # 彻底删除 asks first
    assert RecycleBin.select().count() == 2

    click(qtbot, page.restore_button)
    assert Member.get_or_none(Member.id == li) is not None
    assert page.model.rowCount() == 1

    click_row(qtbot, page.table, 0)
    boxes.answer = boxes.answer.Yes
    click(qtbot, page.purge_button)
    assert RecycleBin.select().count() == 0
    assert Member.get_or_none(Member.id == zhang) is None
    assert any("不能恢复" in text for text in boxes.texts("question"))


# -- settings -------------------------------------------------------------------------------------------------


def open_settings(qtbot: Any, window: MainWindow, tab: int) -> SettingsPage:
    item = next(
        window.navigation.item(r)
        for r in range(window.navigation.count())
        if window.navigation.item(r).data(Qt.ItemDataRole.UserRole) == "settings"
    )
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.current_page()
    assert isinstance(page, SettingsPage)
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(tab).center())
    assert page.tabs.currentIndex() == tab
    return page


def test_switching_the_language_to_english_changes_the_menus_at_once(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    window = make_window(sqlite_ledger)
    assert window.file_menu.title() == "文件(&F)"
    page = open_settings(qtbot, window, 4)
    page.language_combo.setFocus()
    qtbot.keyClick(page.language_combo, Qt.Key.Key_Down)

    assert settings.get(sqlite_ledger, "language") == "en"
    assert window.file_menu.title() == "&File"
    assert window.edit_menu.title() == "&Edit"
    assert window.quit_action.text() == "Quit"
    assert window.navigation.item(1).text() == "Members"
    assert page.tabs.tabText(4) == "General"
    assert window.undo_action.text() == "Undo"

    qtbot.keyClick(page.language_combo, Qt.Key.Key_Up)
    assert settings.get(sqlite_ledger, "language") == "zh"
    assert window.file_menu.title() == "文件(&F)"


def test_f1_opens_the_user_guide_in_the_language_of_the_interface(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    window = make_window(sqlite_ledger)
    qtbot.keyClick(window.navigation, Qt.Key.Key_F1)
    guide = window.help_dialog
    assert guide is not None
    qtbot.waitUntil(guide.isVisible)
    assert guide.windowTitle() == "使用指南"
    text = guide.browser.toPlainText()
    for part in ("日常录入", "月末与信息动态", "年末", "键盘", "备份", "数据在哪里", "Ctrl+N"):
        assert part in text
    assert window.help_action in window.help_menu.actions()

    window.set_language("en")
    assert guide.windowTitle() == "User guide"
    assert "Daily entry" in guide.browser.toPlainText()
    guide.close()
    qtbot.keyClick(window.navigation, Qt.Key.Key_F1)
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    for part in ("The month's end and the bulletin", "Backups", "Where the data is", "Ctrl+N"):
        assert part in text
    assert "日常录入" not in text
    window.set_language("zh")


def test_party_groups_are_added_renamed_and_a_refused_delete_is_explained(
    qtbot: Any,
    make_window: WindowFactory,
    sqlite_ledger: Ledger,
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(sqlite_ledger)
    page = open_settings(qtbot, window, 1)
    answers = iter([("第一党小组", True), ("第一党小组", True)])
    monkeypatch.setattr("gui.pages.settings.QInputDialog.getText", lambda *a, **k: next(answers))
    click(qtbot, page.party_add)
    first = PartyGroup.get(PartyGroup.name == "第一党小组")
    click(qtbot, page.party_add)  # the same name again: the core refuses, beside the list
    assert PartyGroup.select().count() == 1
    assert page.party_error.isVisible() and "第一党小组" in page.party_error.text()

    add_member(sqlite_ledger, "张三", party_group=str(first.id))
    window.operations.records_changed.emit("member")
    page.party_list.setCurrentRow(0)
    click(qtbot, page.party_delete)
    assert PartyGroup.get_or_none(PartyGroup.id == first.id) is not None
    assert any("不能删除" in text for text in boxes.texts("warning"))
    assert party_groups.ordered(sqlite_ledger)[0].name == "第一党小组"


def test_a_party_groups_leader_is_chosen_among_its_members(
    qtbot: Any,
    make_window: WindowFactory,
    sqlite_ledger: Ledger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = party_groups.save(sqlite_ledger, {"name": "第一党小组"})
    window = make_window(sqlite_ledger)
    page = open_settings(qtbot, window, 1)
    page.party_list.setCurrentRow(0)
    click(qtbot, page.party_leader)  # no member in the group yet: said beside the list
    assert page.party_error.isVisible() and "还没有成员" in page.party_error.text()

    add_member(sqlite_ledger, "张三", party_group=str(first.id))
    lisi = add_member(sqlite_ledger, "李四", party_group=str(first.id))
    add_member(sqlite_ledger, "王五")  # of no party small group: not offered
    window.operations.records_changed.emit("member")
    offered: list[list[str]] = []

    def choose(*args: Any, **kwargs: Any) -> tuple[str, bool]:
        offered.append(list(args[3]))
        return "李四", True

    monkeypatch.setattr("gui.pages.settings.QInputDialog.getItem", choose)
    page.party_list.setCurrentRow(0)
    click(qtbot, page.party_leader)
    assert offered == [["（不设组长）", "张三", "李四"]]
    assert PartyGroupLeader.get(PartyGroupLeader.party_group == first.id).member_id == lisi
    qtbot.waitUntil(lambda: "组长：李四" in page.party_list.item(0).text())


def test_backup_now_writes_a_backup_off_the_gui_thread(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    window = make_window(sqlite_ledger)
    page = open_settings(qtbot, window, 5)
    assert sqlite_ledger.path is not None
    folder = backup.default_backup_dir(sqlite_ledger.path)
    before = backup.list_backups(folder, sqlite_ledger.path.stem)
    click(qtbot, page.backup_now)
    qtbot.waitUntil(lambda: len(backup.list_backups(folder, sqlite_ledger.path.stem)) > len(before))
    qtbot.waitUntil(lambda: "已备份到" in window.statusBar().currentMessage())


# -- errors ---------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class OpenErrors:
    """Each OpenErrorDialog shown, with its texts; it then picks the next of ``choices``
    (None or none left: the user quits)."""

    shown: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    choices: list[str | None] = dataclasses.field(default_factory=list)


@pytest.fixture
def open_errors(monkeypatch: pytest.MonkeyPatch) -> OpenErrors:
    record = OpenErrors()

    def exec_(dialog: OpenErrorDialog) -> int:
        record.shown.append(
            {
                "title": dialog.windowTitle(),
                "message": dialog.message.text(),
                "hints": dialog.hints.text(),
                "buttons": dialog.button_texts(),
                "ways": dialog.ways,
            }
        )
        choice = record.choices.pop(0) if record.choices else None
        if choice is None:
            dialog.quit_button.click()
            return QDialog.DialogCode.Rejected
        dialog.button_for(choice).click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OpenErrorDialog, "exec", exec_)
    return record


def test_a_damaged_file_shows_the_dialog_with_its_ways_out_not_a_traceback(
    qtbot: Any, tmp_path: Path, translations: Any, open_errors: OpenErrors
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_text("这不是数据库，是一个文本文件。\n", encoding="utf-8")

    assert gui_app.open_ledger(str(damaged)) is None

    [shown] = open_errors.shown
    assert "已损坏" in shown["message"] and str(damaged) in shown["message"]
    assert shown["buttons"] == ["恢复备份…", "选择其他文件…", "退出"]
    assert "Traceback" not in shown["message"] + shown["hints"]


def test_choosing_another_file_opens_it(
    tmp_path: Path,
    translations: Any,
    open_errors: OpenErrors,
    file_dialogs: FileDialogs,
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    open_database(other).close()
    open_errors.choices.append("choose_file")
    file_dialogs.paths.append(str(other))

    ledger = gui_app.open_ledger(str(damaged))
    try:
        assert ledger is not None and ledger.path == other and not ledger.read_only
    finally:
        if ledger is not None:
            ledger.close()


def test_a_file_in_use_can_be_opened_read_only(
    sqlite_ledger: Ledger, translations: Any, open_errors: OpenErrors
) -> None:
    open_errors.choices.append("open_read_only")
    ledger = gui_app.open_ledger(str(sqlite_ledger.path))
    try:
        assert ledger is not None and ledger.read_only
        assert open_errors.shown[0]["ways"] == ("open_read_only", "choose_file")
        assert "正被另一个程序使用" in open_errors.shown[0]["message"]
    finally:
        if ledger is not None:
            ledger.close()


def test_a_second_copy_speaks_the_language_last_used_and_gives_the_time_readably(
    app: Any,
    sqlite_ledger: Ledger,
    translations: Any,
    open_errors: OpenErrors,
    ui_settings: QSettings,
) -> None:
    program = gui_app.Program(app, ui_settings, translations)
    assert gui_app.startup_language(ui_settings) == "zh"
    program.apply_language("en")  # as Settings does when the user switches
    assert gui_app.startup_language(ui_settings) == "en"
    assert gui_app.startup_language(ui_settings, "zh") == "zh"  # --lang wins

    translations.apply(gui_app.startup_language(ui_settings))
    assert gui_app.open_ledger(str(sqlite_ledger.path)) is None  # the user quits
    [shown] = open_errors.shown
    assert "in use by another program" in shown["message"]
    assert shown["buttons"][0] == "Open read-only"
    assert "T" not in shown["message"].split("since ")[1].split(")")[0]


def test_a_read_only_window_opens_beside_the_first_and_disables_what_it_cannot_do(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, ui_settings: QSettings
) -> None:
    make_window(sqlite_ledger).close()  # its place is remembered
    first = make_window(sqlite_ledger)  # and taken again by the window that writes
    where = first.geometry().topLeft()
    first.close()
    remembered = ui_settings.value("main_window/geometry")
    read_only = open_database(sqlite_ledger.path, read_only=True)
    try:
        second = make_window(read_only)
        # Offset from the first (the offscreen platform's frames move a restored window by a
        # pixel or two, so not to the pixel).
        moved = second.geometry().topLeft() - where
        assert moved.x() >= 30 and moved.y() >= 30
        assert "（只读）" in second.windowTitle()
        second.show_page("members")
        page = second.current_page()
        assert not page.new_button.isEnabled()
        assert "只读" in page.new_button.toolTip()
        for action in (second.import_action, second.edit_actions[PageAction.NEW]):
            assert not action.isEnabled()
            assert "只读" in action.toolTip()
        qtbot.keyClick(page, Qt.Key.Key_N, CTRL)
        assert page.dialog is None
        second.close()
        assert ui_settings.value("main_window/geometry") == remembered
    finally:
        read_only.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_the_window_stays_open_with_the_form(
    qtbot: Any,
    make_window: WindowFactory,
    new_ledger: Ledger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crashes: list[str] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda dialog: crashes.append(dialog.message.text()))
    log_path = tmp_path / "logs" / "ledger.log"
    hook = gui_app.ErrorHook(log_path)
    hook.install()
    try:
        window = make_window(new_ledger)
        welcome = window.stack.currentWidget()
        assert isinstance(welcome, WelcomePage)

        def broken(*_args: Any, **_kwargs: Any) -> None:
            raise RuntimeError("a bug in the core " + uuid.uuid4().hex)

        monkeypatch.setattr("gui.pages.welcome.work_groups.create_group", broken)
        type_text(qtbot, welcome.form.editor("name"), "测试工作组")
        click(qtbot, welcome.create_button)
        qtbot.waitUntil(lambda: bool(crashes))
    finally:
        hook.uninstall()

    logged = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: a bug in the core" in logged and "Traceback" in logged
    assert str(log_path) in crashes[0]
    assert window.isVisible()
    assert welcome.form.editor("name").text() == "测试工作组"
    assert WorkGroup.select().count() == 0


# -- resources ------------------------------------------------------------------------------------------------


def test_the_carried_font_is_small_and_covers_simplified_chinese(app: Any) -> None:
    assert gui_app.CARRIED_FONT.stat().st_size < 4_000_000
    assert (gui_app.CARRIED_FONT.parent / "OFL.txt").read_text(encoding="utf-8").count(
        "SIL OPEN FONT LICENSE Version 1.1"
    ) == 1
    family = gui_app.load_carried_font()
    assert family is not None
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def test_the_table_model_fetches_only_the_rows_shown(sqlite_ledger: Ledger) -> None:
    names = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"]
    ids = {name: add_member(sqlite_ledger, name, sort_order=i) for i, name in enumerate(names)}
    model = RecordTableModel(sqlite_ledger, LISTS["member"], block=3)
    model.reload()
    assert model.rowCount() == 8 and model.fetches == 0
    name_column = model.column_of("name")
    assert model.data(model.index(0, name_column)) == "张三"
    assert model.fetches == 1
    model.data(model.index(1, name_column))
    assert model.fetches == 1  # same block
    assert model.data(model.index(7, name_column)) == "吴十"
    assert model.fetches == 2
    model.sort(name_column, Qt.SortOrder.DescendingOrder)  # by pinyin, in SQL
    shown = [model.data(model.index(r, name_column)) for r in range(8)]
    assert shown[0] == "周九" and shown[-1] == "李四"
    assert model.id_at(model.row_of(ids["王五"])) == ids["王五"]


def test_a_dark_system_scheme_gets_a_dark_palette_and_a_light_one_brings_it_back(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Hints:
        scheme = Qt.ColorScheme.Dark

        def colorScheme(self) -> Qt.ColorScheme:  # noqa: N802 - Qt's name
            return self.scheme

    hints = Hints()
    monkeypatch.setattr(gui_app.QGuiApplication, "styleHints", staticmethod(lambda: hints))
    light = app.palette().window().color().lightness()
    assert light > 128
    try:
        assert gui_app.apply_color_scheme(app)
        assert app.palette().window().color().lightness() < 128
        assert app.palette().text().color().lightness() > 128
    finally:
        hints.scheme = Qt.ColorScheme.Light
        assert not gui_app.apply_color_scheme(app)
    assert app.palette().window().color().lightness() == light


def test_the_program_opens_in_the_language_of_the_settings_and_switches_database(
    qtbot: Any,
    app: Any,
    tmp_path: Path,
    ui_settings: QSettings,
    translations: Any,
    operator_dialogs: list[Any],
) -> None:
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    with open_database(first) as ledger:
        work_groups.create_group(ledger, {"name": "第一组"})
        settings.put(ledger, "language", "en")
    open_database(second).close()

    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(first))
        window = program.window
        assert window is not None and window.file_menu.title() == "&File"
        assert "第一组" in window.windowTitle()
        assert len(operator_dialogs) == 1  # no operator's name yet: asked on opening

        window.switch_requested.emit(str(second))
        assert program.window is not None and program.window is not window
        assert program.ledger is not None and program.ledger.path == second
        # A new ledger: the welcome page, in the language of its own settings (the default).
        assert isinstance(program.window.stack.currentWidget(), WelcomePage)
        assert program.window.file_menu.title() == "文件(&F)"
    finally:
        program._close_current()
