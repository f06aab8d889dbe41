"""The record forms, typed into with real key presses and clicks, then checked in the database:
a member, a survey with two participants, a highlight, a collective meeting with absentees, a spot
check picked at random; the keyboard contract (save, save-and-new, Esc asks first); messages beside
the fields as the user types; nothing half-saved; a conflict reported, not overwritten."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from db.exchange.ledgers import HIGHLIGHTS
from db.services import leave
from db.services.members import members
from db.store.ledger import Ledger
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    Highlight,
    LeaveRequest,
    Member,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
)
from gui import worker
from gui.dialogs.record_form import RecordDialog
from gui.dialogs.session_form import SessionForm
from gui.dialogs.spotcheck_form import SpotCheckForm
from gui.main_window import MainWindow
from gui.pages import page_entries
from gui.pages.base import PlaceholderPage
from gui.pages.list_page import ListPage
from tests.conftest import add_member
from tests.gui.conftest import Boxes, WindowFactory
from tests.gui.test_shell import CTRL, click, type_text

SHIFT = Qt.KeyboardModifier.ShiftModifier


# -- helpers ---------------------------------------------------------------------------------------------


def open_page(qtbot: Any, window: MainWindow, key: str) -> ListPage:
    window.show_page(key)
    page = window.current_page()
    assert isinstance(page, ListPage)
    page.table.setFocus()
    return page


def wait_active(qtbot: Any, dialog: QWidget) -> None:
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def open_new(qtbot: Any, page: ListPage) -> RecordDialog:
    """Ctrl+N on the list page."""
    wait_active(qtbot, page.window())  # (after a dialog closed, the window is active again)
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    dialog = page.dialog
    assert dialog is not None and dialog.form.is_new()
    wait_active(qtbot, dialog)
    return dialog


def editor(dialog: RecordDialog, name: str) -> Any:
    return dialog.form.fields[name].editor


def retype(qtbot: Any, widget: Any, text: str) -> None:
    """Select what a line holds and type over it."""
    widget.setFocus()
    widget.selectAll()
    type_text(qtbot, widget, text)


def choose(qtbot: Any, combo: QComboBox, text: str) -> None:
    """Pick an entry of a combo with the keyboard, as a user tabbing through the form would."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def pick_members(qtbot: Any, picker: Any, *queries: str) -> None:
    """Type each query (name or pinyin initials) into a member picker and press Enter."""
    line = getattr(picker, "input", picker)
    for query in queries:
        line.setFocus()
        type_text(qtbot, line, query)
        qtbot.keyClick(line, Qt.Key.Key_Return)


def save(qtbot: Any, dialog: RecordDialog, *, keys: str = "ctrl+s") -> None:
    target = dialog.focusWidget() or dialog
    if keys == "ctrl+s":
        qtbot.keyClick(target, Qt.Key.Key_S, CTRL)
    elif keys == "ctrl+enter":
        qtbot.keyClick(target, Qt.Key.Key_Return, CTRL)
    else:
        qtbot.keyClick(target, Qt.Key.Key_S, CTRL | SHIFT)


WindowOf = Callable[[Ledger], MainWindow]


def finish_background_work(qapp: Any) -> None:
    """Let the work the pages started in the background (the lists' text indexes) end and report
    before the test's ledger is closed, not in the next test."""
    for _ in range(2):  # a report may start the work again (records changed meanwhile)
        assert worker.wait_for_all(10_000)
        qapp.processEvents()


def without_home(make_window: WindowFactory) -> WindowOf:
    """Windows with the home page left out: its statistics run in the background on a timer,
    which tests of the lists and forms have no use for."""

    def make(ledger: Ledger) -> MainWindow:
        entries = [
            dataclasses.replace(
                entry, factory=lambda context, title=entry.title: PlaceholderPage(context, title)
            )
            if entry.key == "home"
            else entry
            for entry in page_entries()
        ]
        return make_window(ledger, entries)

    return make


@pytest.fixture(autouse=True)
def _background_work_ends_with_the_test(sqlite_ledger: Ledger, qapp: Any) -> Iterator[None]:
    yield
    finish_background_work(qapp)


@pytest.fixture
def window_of(make_window: WindowFactory) -> WindowOf:
    return without_home(make_window)


@pytest.fixture
def people(sqlite_ledger: Ledger) -> dict[str, Any]:
    """Four members (the group's term is 2025) in roster order."""
    names = ["张三", "李四", "王五", "赵六"]
    return {
        name: add_member(sqlite_ledger, name, sort_order=i, host_unit_post=f"南京市某局{i}")
        for i, name in enumerate(names)
    }


# -- members -----------------------------------------------------------------------------------------------


def test_a_member_is_added_through_the_form(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger
) -> None:
    window = window_of(sqlite_ledger)
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    assert isinstance(page, ListPage) and page.list_kind == "member"
    dialog = open_new(qtbot, page)
    assert dialog.windowTitle() == "新建成员"
    name = editor(dialog, "name")
    assert name.hasFocus()  # the first field is ready to type into
    type_text(qtbot, name, "单田芳")
    qtbot.keyClick(name, Qt.Key.Key_Tab)  # Tab follows the form: name → gender
    assert editor(dialog, "gender").hasFocus()
    qtbot.keyClick(editor(dialog, "gender"), Qt.Key.Key_Down)
    choose(qtbot, editor(dialog, "political_status"), "中共党员")
    choose(qtbot, editor(dialog, "role"), "联络员")
    qtbot.keyClicks(editor(dialog, "phone"), "13800000000")
    retype(qtbot, editor(dialog, "sending_unit_post"), "商洛市发改委副主任")
    retype(qtbot, editor(dialog, "term_start"), "2025-01-01")
    # No party small group yet: the box says where they are made instead of being empty.
    assert "设置 → 党小组" in editor(dialog, "party_group").currentText()
    # The pinyin the pickers will find the member by is shown as the name is typed.
    qtbot.waitUntil(lambda: "stf" in dialog.form.pinyin_hint.text())
    save(qtbot, dialog, keys="ctrl+enter")

    member = Member.get(Member.name == "单田芳")
    assert (member.gender, member.political_status, member.role) == (
        "male",
        "cpc_member",
        "liaison",
    )
    assert member.phone == "13800000000"
    assert member.sending_unit_post == "商洛市发改委副主任"
    assert str(member.term_start) == "2025-01-01"
    assert {"stf", "dtf"} <= set(member.pinyin_index.split())  # 单 read shan and dan
    assert not dialog.isVisible()
    # The list shows the new member, selected.
    assert page.selected_ids() == [member.id]


def test_every_form_shows_its_keys_enter_moves_on_and_ctrl_enter_saves(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger
) -> None:
    window = window_of(sqlite_ledger)
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, CTRL)
    page = window.current_page()
    assert isinstance(page, ListPage)
    dialog = open_new(qtbot, page)
    assert dialog.key_hint.isVisible()
    assert dialog.key_hint.text() == "Ctrl+Enter 保存 · Enter 到下一项 · Esc 取消"
    name = editor(dialog, "name")
    type_text(qtbot, name, "李明辉")
    qtbot.keyClick(name, Qt.Key.Key_Return)  # Enter: on to the next field, nothing saved
    assert editor(dialog, "gender").hasFocus() and dialog.isVisible()
    assert Member.select().count() == 0
    notes = editor(dialog, "notes")
    notes.setFocus()
    type_text(qtbot, notes, "第一行")
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # in a text of several lines: a new line
    type_text(qtbot, notes, "第二行")
    assert notes.hasFocus() and Member.select().count() == 0
    qtbot.keyClick(notes, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves, wherever the cursor is
    member = Member.get()
    assert (member.name, member.notes) == ("李明辉", "第一行\n第二行")
    assert not dialog.isVisible()


def test_a_changed_member_is_saved_with_its_version_and_a_conflict_is_reported(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    people: dict[str, Any],
    boxes: Boxes,
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "members")
    page.select_record(people["李四"])
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter edits
    dialog = page.dialog
    assert dialog is not None and dialog.form.record_id == people["李四"]
    wait_active(qtbot, dialog)
    assert dialog.windowTitle() == "编辑成员"
    retype(qtbot, editor(dialog, "phone"), "025-12345678")

    # Meanwhile somebody else changes the member (another window, another secretary).
    members.save(sqlite_ledger, {"name": "李四", "notes": "别处改过"}, record_id=people["李四"])
    save(qtbot, dialog)
    assert any("已被" in text and "未保存" in text for text in boxes.texts("warning"))
    assert dialog.isVisible()  # what was typed is still there
    assert editor(dialog, "phone").text() == "025-12345678"
    assert "已被" in dialog.general_error.text()
    stored = Member.get_by_id(people["李四"])
    assert stored.notes == "别处改过" and stored.phone == ""  # nothing overwritten

    dialog.form.mark_clean()
    dialog.reject()


# -- surveys: participants, save and new, Esc, bad dates ---------------------------------------------------


def test_a_survey_with_two_participants_found_by_pinyin_initials(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    dialog = open_new(qtbot, page)
    retype(qtbot, editor(dialog, "date"), "2025-04-08")
    choose(qtbot, editor(dialog, "kind"), "企业调研")
    pick_members(qtbot, editor(dialog, "participants"), "ww", "zs")  # 王五 first, then 张三
    assert [c.name for c in editor(dialog, "participants")._chosen] == ["王五", "张三"]
    type_text(qtbot, editor(dialog, "visited"), "苏宁易购集团")
    type_text(qtbot, editor(dialog, "topic"), "用工与营商环境")
    type_text(qtbot, editor(dialog, "findings"), "企业反映用工难。")
    save(qtbot, dialog)

    survey = Survey.get()
    assert (str(survey.date), survey.kind, survey.visited) == (
        "2025-04-08",
        "enterprise",
        "苏宁易购集团",
    )
    assert survey.findings == "企业反映用工难。"
    participants = {p.member_id for p in SurveyParticipant.select()}
    assert participants == {people["王五"], people["张三"]}
    assert page.model.rowCount() == 1
    assert "王五、张三" in page.model.text(0, "participants") or "张三、王五" in page.model.text(
        0, "participants"
    )


def test_a_date_still_to_come_is_a_warning_beside_it_and_the_save_asks_first(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any], boxes: Boxes
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    dialog = open_new(qtbot, page)
    retype(qtbot, editor(dialog, "date"), "2027-04-08")  # today is 2026-11-18: a slip of the year
    pick_members(qtbot, editor(dialog, "participants"), "zs")
    type_text(qtbot, editor(dialog, "visited"), "苏宁易购集团")
    date_note = dialog.form.fields["date"].error
    qtbot.waitUntil(lambda: "还没有到" in date_note.text())
    assert date_note.isVisible() and date_note.is_warning  # a warning, not an error

    boxes.answer = QMessageBox.StandardButton.No  # 返回修改
    save(qtbot, dialog)
    assert Survey.select().count() == 0 and dialog.isVisible()
    assert "2027-04-08还没有到" in boxes.texts("question")[-1]
    assert dialog.focusWidget() is editor(dialog, "date")  # the cursor is where to look

    boxes.answer = QMessageBox.StandardButton.Yes  # 仍然保存
    save(qtbot, dialog)
    assert str(Survey.get().date) == "2027-04-08"

    dialog = open_new(qtbot, page)  # a usual date: nothing asked
    asked = len(boxes.texts("question"))
    retype(qtbot, editor(dialog, "date"), "2026-11-02")
    pick_members(qtbot, editor(dialog, "participants"), "ls")
    type_text(qtbot, editor(dialog, "visited"), "金陵饭店")
    save(qtbot, dialog)
    assert Survey.select().count() == 2 and len(boxes.texts("question")) == asked


def test_save_and_new_keeps_the_date_and_kind(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    dialog = open_new(qtbot, page)
    retype(qtbot, editor(dialog, "date"), "2025-05-06")
    choose(qtbot, editor(dialog, "kind"), "座谈走访")
    pick_members(qtbot, editor(dialog, "participants"), "ls")
    type_text(qtbot, editor(dialog, "visited"), "六合区竹镇镇")
    click(qtbot, dialog.save_new_button)

    assert Survey.select().count() == 1
    assert dialog.isVisible() and dialog.form.is_new()
    assert editor(dialog, "date").text() == "2025-05-06"
    assert editor(dialog, "kind").currentData() == "visit"
    assert editor(dialog, "visited").text() == ""
    assert editor(dialog, "participants").member_ids() == []
    assert "六合区竹镇镇" in dialog.saved_note.text()
    assert not dialog.form.is_dirty()  # what was kept is not "typed": Esc closes without asking

    pick_members(qtbot, editor(dialog, "participants"), "zl")
    type_text(qtbot, editor(dialog, "visited"), "浦口区桥林街道")
    save(qtbot, dialog, keys="ctrl+shift+s")  # the keyboard way to save and go on
    assert Survey.select().count() == 2
    second = Survey.get(Survey.visited == "浦口区桥林街道")
    assert (str(second.date), second.kind) == ("2025-05-06", "visit")
    assert SurveyParticipant.get(SurveyParticipant.survey == second.id).member_id == people["赵六"]
    qtbot.keyClick(editor(dialog, "visited"), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_esc_with_typed_text_asks_first_and_saves_nothing(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    people: dict[str, Any],
    boxes: Boxes,
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    dialog = open_new(qtbot, page)
    qtbot.keyClick(editor(dialog, "date"), Qt.Key.Key_Escape)  # nothing typed: closes, no question
    assert not dialog.isVisible() and boxes.texts("question") == []

    dialog = open_new(qtbot, page)
    type_text(qtbot, editor(dialog, "visited"), "江苏舜天股份有限公司")
    boxes.answer = boxes.answer.No
    qtbot.keyClick(editor(dialog, "visited"), Qt.Key.Key_Escape)
    assert len(boxes.texts("question")) == 1 and "没有保存" in boxes.texts("question")[0]
    assert dialog.isVisible()  # the user chose to keep typing
    assert editor(dialog, "visited").text() == "江苏舜天股份有限公司"

    boxes.answer = boxes.answer.Yes
    qtbot.keyClick(editor(dialog, "visited"), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert Survey.select().count() == 0


def test_a_bad_date_is_shown_beside_the_field_as_typed_and_ctrl_s_saves_nothing(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    dialog = open_new(qtbot, page)
    pick_members(qtbot, editor(dialog, "participants"), "zs")
    type_text(qtbot, editor(dialog, "visited"), "南京某企业")
    retype(qtbot, editor(dialog, "date"), "2025-13-45")
    error = dialog.form.fields["date"].error
    qtbot.waitUntil(error.isVisible)  # checked as typed (a moment after the last key)
    assert "不是有效日期" in error.text() and "2025-13-45" in error.text()
    assert not dialog.form.fields["visited"].error.isVisible()  # only the fields touched

    save(qtbot, dialog)
    assert Survey.select().count() == 0
    assert dialog.isVisible() and editor(dialog, "date").text() == "2025-13-45"
    assert editor(dialog, "date").hasFocus()  # the cursor goes to the problem
    assert "1 处填写有误" in dialog.general_error.text()

    retype(qtbot, editor(dialog, "date"), "2025-12-15")
    save(qtbot, dialog)
    assert str(Survey.get().date) == "2025-12-15"


def test_messages_beside_the_fields_are_in_the_chosen_language(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    people: dict[str, Any],
    translations: Any,
) -> None:
    translations.apply("en")
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    dialog = open_new(qtbot, page)
    assert dialog.windowTitle() == "New survey"
    assert dialog.save_button.text() == "Save"
    assert dialog.form.fields["visited"].caption.text() == "Enterprise or body visited *:"
    retype(qtbot, editor(dialog, "date"), "yesterday")
    error = dialog.form.fields["date"].error
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "Date: “yesterday” is not a valid date; write it as 2025-03-01"
    dialog.form.mark_clean()
    dialog.reject()


def test_short_dates_are_completed_and_arrow_keys_step_days(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "surveys")
    dialog = open_new(qtbot, page)
    date = editor(dialog, "date")
    date.default_year = 2025
    retype(qtbot, date, "3-5")
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert date.text() == "2025-03-05"
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_Up)
    assert date.text() == "2025-03-06"
    qtbot.keyClick(date, Qt.Key.Key_PageDown)
    assert date.text() == "2025-02-06"
    dialog.form.mark_clean()
    dialog.reject()


# -- highlights, reports, achievements --------------------------------------------------------------------


def test_a_highlight_of_a_member_and_month(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "highlights")
    dialog = open_new(qtbot, page)
    pick_members(qtbot, editor(dialog, "member"), "zl")
    assert editor(dialog, "member").text() == "赵六"
    retype(qtbot, editor(dialog, "month"), "2025-03")
    type_text(qtbot, editor(dialog, "title"), "促成商洛农产品进南京商超")
    choose(qtbot, editor(dialog, "category"), "消费帮扶")
    click(qtbot, editor(dialog, "featured"))
    type_text(qtbot, editor(dialog, "text"), "对接苏果超市，首批签约 30 万元。")
    save(qtbot, dialog)

    highlight = Highlight.get()
    assert highlight.member_id == people["赵六"]
    assert str(highlight.month) == "2025-03-01"
    assert (highlight.title, highlight.category, highlight.featured) == (
        "促成商洛农产品进南京商超",
        "consumption",
        True,
    )
    assert page.model.text(0, "featured") == "★"
    # One name for the thing in the form, the list, the ledger and the bulletin (issue 9, point 14).
    column = [c.key for c in page.model.spec.columns].index("featured")
    assert editor(dialog, "featured").text() == "重点亮点"
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == "重点亮点"
    assert [c.header for c in HIGHLIGHTS.columns if c.key == "featured"] == ["重点亮点"]


def test_a_report_keeps_its_authors_in_order_and_its_award(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "reports")
    dialog = open_new(qtbot, page)
    type_text(qtbot, editor(dialog, "title"), "关于商洛南京产业协作的调研报告")
    pick_members(qtbot, editor(dialog, "authors"), "zl", "zs", "ls")
    # Backspace in the empty line takes the last one back out.
    qtbot.keyClick(editor(dialog, "authors").input, Qt.Key.Key_Backspace)
    retype(qtbot, editor(dialog, "award_rank"), "一等奖")
    save(qtbot, dialog)
    assert ResearchReport.select().count() == 0  # a rank without a level counts nowhere
    assert "获奖级别" in dialog.form.fields["award_level"].error.text()
    choose(qtbot, editor(dialog, "award_level"), "省级")
    save(qtbot, dialog)

    report = ResearchReport.get()
    assert (report.award_level, report.award_rank) == ("provincial", "一等奖")
    authors = [a.member_id for a in ReportAuthor.select().order_by(ReportAuthor.position)]
    assert authors == [people["赵六"], people["张三"]]


def test_an_achievement_asks_for_what_its_kind_needs(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "achievements")
    dialog = open_new(qtbot, page)
    choose(qtbot, editor(dialog, "kind"), "消费帮扶金额")
    assert dialog.form.fields["amount"].caption.text() == "金额（万元） *："
    retype(qtbot, editor(dialog, "date"), "2025-06-30")
    type_text(qtbot, editor(dialog, "title"), "6月商洛农特产品消费帮扶")
    pick_members(qtbot, editor(dialog, "members"), "ww", "ls")
    save(qtbot, dialog)
    assert Achievement.select().count() == 0
    assert "必须填写金额" in dialog.form.fields["amount"].error.text()
    qtbot.keyClicks(editor(dialog, "amount"), "53.2")
    save(qtbot, dialog)
    achievement = Achievement.get()
    assert achievement.amount == Decimal("53.2")
    assert {m.member_id for m in AchievementMember.select()} == {people["王五"], people["李四"]}
    assert "53.2" in page.totals_label.text()


# -- a collective meeting: attendance ------------------------------------------------------------------------


def test_a_collective_meeting_with_two_absentees_one_premarked_from_leave(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    on_leave = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["李四"],
            "leave_type": "sick",
            "start_date": "2025-06-09",
            "end_date": "2025-06-11",
            "status": "approved",
            "approver": "组长",
            "approval_date": "2025-06-08",
        },
    )
    assert on_leave.status == "approved"
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "sessions")
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, SessionForm)
    assert editor(dialog, "kind").currentData() == "collective"
    retype(qtbot, editor(dialog, "date"), "2025-06-10")
    table = form.attendance
    # Everyone expected is listed, present by default; 李四 is on approved leave: marked 请假.
    assert table.member_ids() == [people[n] for n in ("张三", "李四", "王五", "赵六")]
    li = {r["member"]: r for r in table.rows()}[people["李四"]]
    assert (li["present"], li["absence_reason"]) == (False, "leave")

    # 王五 was away on duty: untick, and the reason is asked for.
    box = table.present_box(people["王五"])
    assert box is not None
    click(qtbot, box)
    reason = table.reason_combo(people["王五"])
    assert reason is not None and reason.isVisible() and reason.hasFocus()
    save(qtbot, dialog)
    assert StudySession.select().count() == 0  # an absence without a reason is refused
    assert "缺席原因" in form.fields["attendance"].error.text()
    choose(qtbot, reason, "公务")
    type_text(qtbot, table.note_line(people["王五"]), "赴省厅汇报")
    type_text(qtbot, editor(dialog, "topic"), "学习贯彻全会精神")
    assert "应到 4 人，出席 2 人，缺席 2 人" in form.attendance_summary.text()
    save(qtbot, dialog)

    session = StudySession.get()
    assert (session.kind, str(session.date), session.topic) == (
        "collective",
        "2025-06-10",
        "学习贯彻全会精神",
    )
    rows = {a.member_id: a for a in Attendance.select().where(Attendance.session == session.id)}
    assert set(rows) == set(people.values())
    assert (rows[people["李四"]].present, rows[people["李四"]].absence_reason) == (False, "leave")
    assert (rows[people["王五"]].present, rows[people["王五"]].absence_reason) == (
        False,
        "official",
    )
    assert rows[people["王五"]].note == "赴省厅汇报"
    assert rows[people["张三"]].present and rows[people["赵六"]].present
    assert page.model.text(0, "attendance") == "2/4"


def test_attendance_is_marked_with_the_keyboard_alone(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "sessions")
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, SessionForm)
    retype(qtbot, editor(dialog, "date"), "2025-06-10")
    type_text(qtbot, editor(dialog, "topic"), "学习交流")
    table = form.attendance
    form.add_picker.setFocus()
    qtbot.keyClick(form.add_picker, Qt.Key.Key_Tab)  # 添加出席人员 → the attendance table
    assert table.hasFocus() and table.currentRow() == 0
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == table.row_of(people["王五"])
    qtbot.keyClick(table, Qt.Key.Key_Space)  # Space: 王五 was absent; his reason is asked for
    reason = table.reason_combo(people["王五"])
    assert reason is not None and reason.hasFocus()
    qtbot.keyClicks(reason, "gw")  # 公务, by its pinyin initials
    assert reason.currentText() == "公务"
    qtbot.keyClick(reason, Qt.Key.Key_Tab)
    note = table.note_line(people["王五"])
    assert note is not None and note.hasFocus()
    type_text(qtbot, note, "赴省厅汇报")
    qtbot.keyClick(note, Qt.Key.Key_Tab)  # out of the table, to the minutes
    assert editor(dialog, "content").hasFocus()
    qtbot.keyClick(editor(dialog, "content"), Qt.Key.Key_Backtab)
    qtbot.keyClick(note, Qt.Key.Key_Backtab)
    qtbot.keyClick(reason, Qt.Key.Key_Backtab)  # back to the table, on 王五's row
    assert table.hasFocus() and table.currentRow() == table.row_of(people["王五"])
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # 李四 absent too…
    qtbot.keyClick(table.reason_combo(people["李四"]), Qt.Key.Key_Q)  # 请假
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # …and 赵六 toggled twice: present after all
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Space)
    save(qtbot, dialog)

    session = StudySession.get()
    rows = {a.member_id: a for a in Attendance.select().where(Attendance.session == session.id)}
    assert (rows[people["王五"]].present, rows[people["王五"]].absence_reason) == (
        False,
        "official",
    )
    assert rows[people["王五"]].note == "赴省厅汇报"
    assert (rows[people["李四"]].present, rows[people["李四"]].absence_reason) == (False, "leave")
    assert rows[people["张三"]].present and rows[people["赵六"]].present


def test_another_date_lists_those_expected_then_keeping_the_marks_made(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["李四"],
            "leave_type": "personal",
            "start_date": "2025-06-10",
            "end_date": "2025-06-10",
            "status": "approved",
            "approver": "组长",
            "approval_date": "2025-06-08",
        },
    )
    members.save(
        sqlite_ledger,
        {"name": "赵六", "term_start": "2025-01-01", "term_end": "2025-06-30"},
        record_id=people["赵六"],
    )
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "sessions")
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, SessionForm)
    retype(qtbot, editor(dialog, "date"), "2025-06-10")
    table = form.attendance
    click(qtbot, table.present_box(people["张三"]))
    choose(qtbot, table.reason_combo(people["张三"]), "其他")

    retype(qtbot, editor(dialog, "date"), "2025-07-15")  # 赵六's term has ended; 李四 is back
    assert table.member_ids() == [people[n] for n in ("张三", "李四", "王五")]
    rows = {r["member"]: r for r in table.rows()}
    assert rows[people["李四"]]["present"]  # the computed mark follows the date
    assert (rows[people["张三"]]["present"], rows[people["张三"]]["absence_reason"]) == (
        False,
        "other",
    )  # the secretary's own mark stays
    dialog.form.mark_clean()
    dialog.reject()


# -- a spot check picked at random ----------------------------------------------------------------------------


def test_a_spot_check_picks_at_random_with_results_prefilled_from_leave(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    for member, kind in ((people["李四"], "annual"), (people["王五"], "business_trip")):
        leave.leave_requests.save(
            sqlite_ledger,
            {
                "member": member,
                "leave_type": kind,
                "start_date": "2025-09-01",
                "end_date": "2025-09-03",
                "status": "approved",
                "approver": "组长",
                "approval_date": "2025-08-29",
            },
        )
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "spotchecks")
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, SpotCheckForm)
    retype(qtbot, editor(dialog, "date"), "2025-09-02")
    retype(qtbot, editor(dialog, "time"), "10:30")
    choose(qtbot, editor(dialog, "method"), "视频")
    form.count_spin.setFocus()
    form.count_spin.selectAll()
    qtbot.keyClicks(form.count_spin, "4")
    click(qtbot, form.pick_button)
    results = {r["member"]: r["result"] for r in form.results.rows()}
    assert results == {
        people["张三"]: "on_duty",
        people["李四"]: "on_leave",
        people["王五"]: "on_business",
        people["赵六"]: "on_duty",
    }
    assert "2 人" in form.pick_message.text()
    choose(qtbot, form.results.result_combo(people["赵六"]), "不在岗")
    click(qtbot, form.results.editors_of(people["张三"])[2])  # not checked after all
    save(qtbot, dialog)

    check = SpotCheck.get()
    assert (str(check.date), check.method) == ("2025-09-02", "video")
    stored = {r.member_id: r.result for r in SpotCheckResult.select()}
    assert stored == {
        people["李四"]: "on_leave",
        people["王五"]: "on_business",
        people["赵六"]: "absent",
    }
    assert page.model.text(0, "absent") == "赵六"  # who was not at post, by name


def test_a_leave_covering_only_the_morning_leaves_the_afternoon_check_alone(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["张三"],
            "leave_type": "personal",
            "start_date": "2025-09-02",
            "start_half": "am",
            "end_date": "2025-09-02",
            "end_half": "am",
            "status": "approved",
            "approver": "组长",
            "approval_date": "2025-08-29",
        },
    )
    window = window_of(sqlite_ledger)
    page = open_page(qtbot, window, "spotchecks")
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, SpotCheckForm)
    retype(qtbot, editor(dialog, "date"), "2025-09-02")
    retype(qtbot, editor(dialog, "time"), "15:00")
    pick_members(qtbot, form.add_picker, "zs")
    assert form.results.rows() == [{"member": people["张三"], "result": "on_duty", "note": ""}]
    click(qtbot, form.results.editors_of(people["张三"])[2])  # removed again
    retype(qtbot, editor(dialog, "time"), "09:00")  # in the morning he was on leave
    pick_members(qtbot, form.add_picker, "zs")
    assert form.results.rows() == [{"member": people["张三"], "result": "on_leave", "note": ""}]
    dialog.form.mark_clean()
    dialog.reject()
    assert LeaveRequest.select().count() == 1
