"""A leave request from submission to approval, return and filing, driven through the window (the
form, the list's buttons, the form's own buttons), checking the database after each step; the live
count of working days and the approver it needs; a change made meanwhile reported, not overwritten."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from db.services import leave
from db.services.calendar import calendar_days
from db.store.ledger import Ledger
from db.store.models import LeaveRequest
from gui.dialogs.leave_form import LeaveActionDialog, LeaveForm
from gui.pages.leave import LeavePage
from tests.conftest import add_member
from tests.gui.conftest import Boxes, WindowFactory
from tests.gui.test_forms import (
    WindowOf,
    choose,
    editor,
    finish_background_work,
    open_new,
    pick_members,
    retype,
    save,
    wait_active,
    without_home,
)
from tests.gui.test_shell import CTRL, click, click_row, type_text

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _background_work_ends_with_the_test(sqlite_ledger: Ledger, qapp: Any) -> Iterator[None]:
    yield
    finish_background_work(qapp)


@pytest.fixture
def window_of(make_window: WindowFactory) -> WindowOf:
    return without_home(make_window)


@pytest.fixture
def people(sqlite_ledger: Ledger) -> dict[str, Any]:
    return {
        name: add_member(sqlite_ledger, name, sort_order=i)
        for i, name in enumerate(["张三", "李四", "王五"])
    }


def leave_page(qtbot: Any, window_of: WindowOf, ledger: Ledger) -> LeavePage:
    window = window_of(ledger)
    qtbot.keyClick(window.navigation, Qt.Key.Key_4, CTRL)
    page = window.current_page()
    assert isinstance(page, LeavePage)
    page.table.setFocus()
    return page


def act(qtbot: Any, page: LeavePage, action: str) -> LeaveActionDialog:
    """Click the list's button of an action (批准… 销假… 备案…) for the selected request."""
    button = page.action_buttons[action]
    assert button.isEnabled()
    click(qtbot, button)
    dialog = page.action_dialog
    assert dialog is not None and dialog.action == action
    wait_active(qtbot, dialog)
    return dialog


def test_a_request_from_submission_to_approval_return_and_filing(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    page = leave_page(qtbot, window_of, sqlite_ledger)

    # Submitted: 张三, personal leave, Monday 2025-03-03 to Wednesday 2025-03-05.
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, LeaveForm)
    pick_members(qtbot, editor(dialog, "member"), "zs")
    choose(qtbot, editor(dialog, "leave_type"), "事假")
    retype(qtbot, editor(dialog, "start_date"), "2025-03-03")
    retype(qtbot, editor(dialog, "end_date"), "2025-03-05")
    assert "共 3 个工作日" in form.days_label.text()
    assert "工作队领队" in form.days_label.text()  # up to 3 days: the team leader approves
    type_text(qtbot, editor(dialog, "reason"), "家中有事")
    type_text(qtbot, editor(dialog, "destination"), "陕西商洛")
    save(qtbot, dialog)
    request = LeaveRequest.get()
    assert (request.member_id, request.leave_type, request.status) == (
        people["张三"],
        "personal",
        "pending",
    )
    assert request.days == Decimal("3") and request.approver == ""
    row = page.model.row_of(request.id)
    assert page.model.text(row, "status") == "待审批"
    assert not page.action_buttons["return"].isEnabled()

    # Approved: the approver the rules name is offered; the date is typed.
    click_row(qtbot, page.table, row)
    approve = act(qtbot, page, "approve")
    assert approve.value("approver") == "工作队领队"
    retype(qtbot, approve.editors["approval_date"], "2025-02-28")
    click(qtbot, approve.ok_button)
    request = LeaveRequest.get()
    assert (request.status, request.approver, str(request.approval_date)) == (
        "approved",
        "工作队领队",
        "2025-02-28",
    )
    # (An approved request whose end has passed without a return is shown as overdue.)
    assert page.model.text(page.model.row_of(request.id), "status") == "逾期未销假"

    # Returned early: back at post on the afternoon of Wednesday.
    return_dialog = act(qtbot, page, "return")
    retype(qtbot, return_dialog.editors["return_date"], "2025-03-05")
    choose(qtbot, return_dialog.editors["return_half"], "下午")
    qtbot.keyClick(return_dialog.editors["return_half"], Qt.Key.Key_Return, CTRL)
    request = LeaveRequest.get()
    assert (request.status, str(request.return_date), request.return_half) == (
        "returned",
        "2025-03-05",
        "pm",
    )
    assert request.actual_days == Decimal("2.5") and request.days == Decimal("3")

    # Filed with the higher team.
    file_dialog = act(qtbot, page, "file")
    retype(qtbot, file_dialog.editors["filed_date"], "2025-03-06")
    click(qtbot, file_dialog.ok_button)
    request = LeaveRequest.get()
    assert str(request.filed_date) == "2025-03-06" and request.status == "returned"
    row = page.model.row_of(request.id)
    assert page.model.text(row, "filed_date") == "2025-03-06"
    assert page.model.text(row, "return_date") == "2025-03-05"


def test_the_form_counts_working_days_live_and_names_the_approver(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    page = leave_page(qtbot, window_of, sqlite_ledger)
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, LeaveForm)
    # Friday 2025-09-26 to Thursday 2025-10-09: the National Day holiday (1 to 8 October) is
    # left out and the adjusted working Sunday 2025-09-28 counted in: 26, 28, 29, 30 and 9.
    retype(qtbot, editor(dialog, "start_date"), "2025-09-26")
    retype(qtbot, editor(dialog, "end_date"), "2025-10-09")
    assert "共 5 个工作日" in form.days_label.text()
    assert "派出单位组织部" in form.days_label.text()
    choose(qtbot, editor(dialog, "start_half"), "下午")
    assert "共 4.5 个工作日" in form.days_label.text()
    retype(qtbot, editor(dialog, "end_date"), "2025-09-26")
    assert "共 0.5 个工作日" in form.days_label.text()
    assert "工作组组长" in form.days_label.text()
    choose(qtbot, editor(dialog, "leave_type"), "因公外出")
    assert "不计入请假天数" in form.days_label.text()
    retype(qtbot, editor(dialog, "end_date"), "2025-09-25")
    assert "结束早于开始" in form.days_label.text()
    assert not form.calendar_note.isVisibleTo(form)
    dialog.form.mark_clean()
    dialog.reject()


def test_a_year_the_calendar_does_not_know_is_said_so_and_uses_the_secretarys_table(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    year = 2099
    calendar_days.save(
        sqlite_ledger, {"date": f"{year}-01-02", "is_workday": False, "name": "元旦"}
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    dialog = open_new(qtbot, page)
    form = dialog.form
    assert isinstance(form, LeaveForm)
    retype(qtbot, editor(dialog, "start_date"), f"{year}-01-01")  # Thursday
    retype(qtbot, editor(dialog, "end_date"), f"{year}-01-05")  # Monday
    assert "共 2 个工作日" in form.days_label.text()  # Thu, Mon: Fri 2 is the secretary's holiday
    assert form.calendar_note.isVisibleTo(form) and str(year) in form.calendar_note.text()
    dialog.form.mark_clean()
    dialog.reject()


def test_the_actions_are_on_the_form_of_a_stored_request_too(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    stored = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["李四"],
            "leave_type": "sick",
            "start_date": "2025-04-07",
            "end_date": "2025-04-07",
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    click_row(qtbot, page.table, page.model.row_of(stored.id))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None
    form = dialog.form
    assert isinstance(form, LeaveForm)
    buttons = form.action_buttons
    assert buttons["approve"].isEnabled() and not buttons["return"].isEnabled()
    type_text(qtbot, editor(dialog, "notes"), "补")  # typed but not saved: save first
    assert not buttons["approve"].isEnabled()
    qtbot.keyClick(editor(dialog, "notes"), Qt.Key.Key_Backspace)
    assert buttons["approve"].isEnabled()

    click(qtbot, buttons["reject"])
    reject = form._action_dialog
    assert reject is not None and reject.action == "reject"
    reject.editors["approver"].selectAll()
    type_text(qtbot, reject.editors["approver"], "王组长")
    click(qtbot, reject.ok_button)
    assert LeaveRequest.get_by_id(stored.id).status == "rejected"
    assert editor(dialog, "status").currentData() == "rejected"  # the form shows it at once
    assert form.version == LeaveRequest.get_by_id(stored.id).version
    assert not buttons["approve"].isEnabled() and buttons["file"].isEnabled()
    assert dialog.isVisible()
    dialog.reject()


def test_an_action_on_a_request_changed_meanwhile_is_refused_with_a_message(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    people: dict[str, Any],
    boxes: Boxes,
) -> None:
    stored = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["王五"],
            "leave_type": "annual",
            "start_date": "2025-05-12",
            "end_date": "2025-05-13",
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    click_row(qtbot, page.table, page.model.row_of(stored.id))
    approve = act(qtbot, page, "approve")
    # Somebody else corrects the request just now (another secretary on the shared database).
    values = {**leave.leave_requests.snapshot(stored), "destination": "上海"}
    leave.leave_requests.save(sqlite_ledger, values, record_id=stored.id)
    click(qtbot, approve.ok_button)
    assert approve.isVisible()
    assert "已被" in approve.general_error.text()
    assert any("已被" in text for text in boxes.texts("warning"))
    request = LeaveRequest.get_by_id(stored.id)
    assert (request.status, request.destination) == ("pending", "上海")  # not overwritten
    approve.reject()

    # Decided elsewhere meanwhile: the action says why it no longer applies.
    leave.reject(sqlite_ledger, stored.id, "别人", "2025-05-10")
    page.table.setFocus()
    approve = act(qtbot, page, "approve")
    click(qtbot, approve.ok_button)
    assert "只有“待审批”的请假才能审批" in approve.general_error.text()
    assert LeaveRequest.get_by_id(stored.id).status == "rejected"
    approve.reject()


def test_a_return_before_the_start_is_explained_beside_the_date(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    stored = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["张三"],
            "leave_type": "personal",
            "start_date": "2025-06-10",
            "end_date": "2025-06-11",
            "status": "approved",
            "approver": "组长",
            "approval_date": "2025-06-09",
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    click_row(qtbot, page.table, page.model.row_of(stored.id))
    dialog = act(qtbot, page, "return")
    retype(qtbot, dialog.editors["return_date"], "2025-06-01")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "不能早于请假开始" in dialog.errors["return_date"].text()
    assert LeaveRequest.get_by_id(stored.id).status == "approved"
    dialog.reject()


def test_overlapping_leave_is_refused_beside_the_start_date(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["张三"],
            "leave_type": "personal",
            "start_date": "2025-07-01",
            "end_date": "2025-07-03",
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    dialog = open_new(qtbot, page)
    pick_members(qtbot, editor(dialog, "member"), "zs")
    retype(qtbot, editor(dialog, "start_date"), "2025-07-03")
    retype(qtbot, editor(dialog, "end_date"), "2025-07-04")
    error = dialog.form.fields["start_date"].error
    qtbot.waitUntil(error.isVisible)
    assert "时间不能重叠" in error.text()
    save(qtbot, dialog)
    assert LeaveRequest.select().count() == 1
    dialog.form.mark_clean()
    dialog.reject()


def test_an_overdue_request_carries_the_warning_in_its_form(
    qtbot: Any,
    window_of: WindowOf,
    sqlite_ledger: Ledger,
    people: dict[str, Any],
    calendar_day: datetime.date,
) -> None:
    today = calendar_day
    stored = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["李四"],
            "leave_type": "personal",
            # (Two weeks: a working day in them whatever the day, holidays included.)
            "start_date": today - datetime.timedelta(days=20),
            "end_date": today - datetime.timedelta(days=5),
            "status": "approved",
            "approver": "组长",
            "approval_date": today - datetime.timedelta(days=21),
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    page.edit_record(stored.id)
    dialog = page.dialog
    assert dialog is not None
    assert dialog.banner.isVisibleTo(dialog) and "逾期未销假" in dialog.banner.text()
    dialog.reject()


def test_every_leave_action_is_taken_with_the_keyboard_alone(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    stored = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["张三"],
            "leave_type": "personal",
            "start_date": "2025-03-03",
            "end_date": "2025-03-04",
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    assert "Ctrl+Shift+A 批准" in page.hint_label.text()  # the keys are shown under the list
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected_ids() == [stored.id]

    def by_key(key: Qt.Key, action: str) -> LeaveActionDialog:
        wait_active(qtbot, page.window())  # (the dialog before has closed)
        qtbot.keyClick(page.table, key, CTRL | SHIFT)
        dialog = page.action_dialog
        assert dialog is not None and dialog.action == action
        wait_active(qtbot, dialog)
        assert dialog.key_hint.text().startswith("Ctrl+Enter")
        return dialog

    approve = by_key(Qt.Key.Key_A, "approve")
    qtbot.keyClick(approve.editors["approver"], Qt.Key.Key_Return)  # Enter: to the next field
    assert approve.editors["approval_date"].hasFocus() and approve.isVisible()
    retype(qtbot, approve.editors["approval_date"], "2025-02-28")
    qtbot.keyClick(approve.editors["approval_date"], Qt.Key.Key_Return, CTRL)
    assert LeaveRequest.get_by_id(stored.id).status == "approved"

    page.table.setFocus()
    returned = by_key(Qt.Key.Key_R, "return")
    retype(qtbot, returned.editors["return_date"], "2025-03-04")
    qtbot.keyClick(returned.editors["return_date"], Qt.Key.Key_Return, CTRL)
    request = LeaveRequest.get_by_id(stored.id)
    assert (request.status, str(request.return_date)) == ("returned", "2025-03-04")

    # Tab leaves the table for the page's buttons: 备案… is the one that applies now.
    wait_active(qtbot, page.window())
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert page.action_buttons["file"].hasFocus()
    qtbot.keyClick(page.action_buttons["file"], Qt.Key.Key_Space)
    filed = page.action_dialog
    assert filed is not None and filed.action == "file"
    wait_active(qtbot, filed)
    retype(qtbot, filed.editors["filed_date"], "2025-03-05")
    qtbot.keyClick(filed.editors["filed_date"], Qt.Key.Key_Return, CTRL)
    assert str(LeaveRequest.get_by_id(stored.id).filed_date) == "2025-03-05"


def test_the_forms_action_keys_work_where_the_cursor_is(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    stored = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["李四"],
            "leave_type": "sick",
            "start_date": "2025-04-07",
            "end_date": "2025-04-07",
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter: the form
    dialog = page.dialog
    assert dialog is not None
    wait_active(qtbot, dialog)
    form = dialog.form
    assert isinstance(form, LeaveForm)
    assert "Ctrl+Shift+A 批准" in dialog.key_hint.text()
    qtbot.keyClick(editor(dialog, "reason"), Qt.Key.Key_A, CTRL | SHIFT)
    approve = form._action_dialog
    assert approve is not None and approve.action == "approve"
    wait_active(qtbot, approve)
    qtbot.keyClick(approve.editors["approver"], Qt.Key.Key_Return, CTRL)
    assert LeaveRequest.get_by_id(stored.id).status == "approved"
    assert editor(dialog, "status").currentData() == "approved"
    dialog.reject()


def test_a_message_in_the_return_dialog_fits_and_goes_when_the_date_is_corrected(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    stored = leave.leave_requests.save(
        sqlite_ledger,
        {
            "member": people["王五"],
            "leave_type": "annual",
            "start_date": "2025-05-12",
            "end_date": "2025-05-13",
            "status": "approved",
            "approver": "组长",
            "approval_date": "2025-05-09",
        },
    )
    page = leave_page(qtbot, window_of, sqlite_ledger)
    click_row(qtbot, page.table, page.model.row_of(stored.id))
    dialog = act(qtbot, page, "return")
    date = dialog.editors["return_date"]
    retype(qtbot, date, "2025-05-09")  # before the leave began
    qtbot.keyClick(date, Qt.Key.Key_Return, CTRL)
    error = dialog.errors["return_date"]
    assert error.isVisible() and "不能早于请假开始" in error.text()
    assert LeaveRequest.get_by_id(stored.id).status == "approved"
    # The whole message shows: below the field, not under it, and as tall as its lines.
    top_of_message = error.mapTo(dialog, error.rect().topLeft()).y()
    bottom_of_field = date.mapTo(dialog, date.rect().bottomLeft()).y()
    assert top_of_message > bottom_of_field
    assert error.height() >= error.heightForWidth(error.width())
    assert error.mapTo(dialog, error.rect().bottomLeft()).y() <= dialog.height()

    retype(qtbot, date, "2025-05-14")  # corrected: the message goes at once
    assert not error.isVisible() and not dialog.general_error.isVisible()
    qtbot.keyClick(date, Qt.Key.Key_Return, CTRL)
    assert LeaveRequest.get_by_id(stored.id).status == "returned"


def test_typing_a_member_leaves_the_form_in_place_under_the_offers(
    qtbot: Any, window_of: WindowOf, sqlite_ledger: Ledger, people: dict[str, Any]
) -> None:
    page = leave_page(qtbot, window_of, sqlite_ledger)
    dialog = open_new(qtbot, page)
    form = dialog.form
    picker, below = editor(dialog, "member"), editor(dialog, "start_date")
    where = below.mapTo(dialog, below.rect().topLeft())
    picker.setFocus()
    type_text(qtbot, picker, "z")  # on its way to 张三: no "找不到" pushing the form down
    qtbot.waitUntil(picker.completer_.popup().isVisible)
    qtbot.waitUntil(lambda: "member" in form.touched and not form._timer.isActive())
    assert not form.fields["member"].error.isVisible()
    assert below.mapTo(dialog, below.rect().topLeft()) == where
    # A name that finds no one is said when the typing ends.
    type_text(qtbot, picker, "zz")
    qtbot.keyClick(picker, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.fields["member"].error.isVisible)
    assert "找不到" in form.fields["member"].error.text()
    dialog.form.mark_clean()
    dialog.reject()
