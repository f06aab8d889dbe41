"""Leave requests: working days, overlaps, the status flow, returns, overdue, approvers, queries."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from db.common import errors
from db.rules.workdays import AM, PM, WorkCalendar, from_slot, slot
from db.services import base
from db.services import settings as ledger_settings
from db.services.calendar import calendar_days
from db.services.groups import work_groups
from db.services.leave import (
    approve,
    counted_days,
    file_request,
    is_overdue,
    leave_covering,
    leave_periods,
    leave_requests,
    overdue_requests,
    record_return,
    reject,
    required_approver,
)
from db.store.models import ChangeLog, LeaveRequest, Member, RecycleBin
from tests.conftest import add_member, d

NATIONAL_DAY = ("2025-09-26", "2025-10-11")  # Fri to Sat: 7 working days around Oct 1–8


def request(
    ledger: Any,
    member: Any,
    start: str | datetime.date,
    end: str | datetime.date,
    **extra: Any,
) -> LeaveRequest:
    values = {
        "member": member,
        "leave_type": "personal",
        "start_date": start,
        "end_date": end,
        **extra,
    }
    return leave_requests.save(ledger, values)


def approved(ledger: Any, member: Any, start: str, end: str, **extra: Any) -> LeaveRequest:
    saved = request(ledger, member, start, end, **extra)
    return approve(ledger, saved.id, "王组长", d(start) - datetime.timedelta(days=1))


def actions(record_id: Any) -> list[str]:
    query = ChangeLog.select().where(ChangeLog.record_id == record_id)
    return [c.action for c in query.order_by(ChangeLog.at, ChangeLog.id)]


def last_change(record_id: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    query = ChangeLog.select().where(ChangeLog.record_id == record_id)
    log = query.order_by(ChangeLog.at.desc(), ChangeLog.id.desc()).first()
    return json.loads(log.before or "null"), json.loads(log.after or "null")


def fresh(record: LeaveRequest) -> LeaveRequest:
    return LeaveRequest.get_by_id(record.id)


# -- saving and counting --------------------------------------------------------------------------


def test_a_new_request_counts_working_days_and_writes_its_history(ledger) -> None:
    zhang = add_member(ledger, "张三")
    saved = request(
        ledger,
        zhang,
        *NATIONAL_DAY,
        leave_type="事假",
        reason="家中有事",
        destination="陕西商洛",
        contact_phone="13800000000",
    )
    stored = fresh(saved)
    assert (stored.leave_type, stored.status, stored.version) == ("personal", "pending", 1)
    assert (stored.start_half, stored.end_half) == (AM, PM)
    assert stored.days == Decimal(7)
    assert (stored.actual_days, stored.return_date, stored.return_half) == (None, None, "")
    assert actions(saved.id) == ["create"]
    before, after = last_change(saved.id)
    assert before is None
    assert (Decimal(after["days"]), after["member"], after["status"]) == (
        Decimal(7),
        str(zhang),
        "pending",
    )
    assert leave_requests.summary(stored) == "张三 事假 2025-09-26上午 — 2025-10-11下午"


@pytest.mark.parametrize(
    ("start", "start_half", "end", "end_half", "days"),
    [
        ("2025-09-30", "下午", "2025-10-09", "上午", "1"),
        ("2025-10-01", AM, "2025-10-08", PM, "0"),  # all inside the holiday (a business trip)
        ("2025-09-27", AM, "2025-09-28", PM, "1"),  # Sat off, Sun an adjusted working day
        ("2026-02-09", AM, "2026-02-28", PM, "11"),  # around the 2026 Spring Festival
        ("2027-01-04", "pm", "2027-01-05", "am", "1"),  # a year on the Mon–Fri fallback
    ],
)
def test_days_by_hand(ledger, start, start_half, end, end_half, days) -> None:
    member = add_member(ledger, "李四")
    kind = "business_trip" if days == "0" else "personal"  # (leave of no working day is refused)
    saved = request(
        ledger, member, start, end, start_half=start_half, end_half=end_half, leave_type=kind
    )
    assert fresh(saved).days == Decimal(days)


def test_corrected_days_beyond_the_calendar_days_of_the_span_are_refused(ledger) -> None:
    member = add_member(ledger, "周九")
    # Monday to Wednesday: 3 working days, 3 calendar days; 9999 is a slip of the keyboard.
    with pytest.raises(errors.ValidationError) as caught:
        request(
            ledger, member, "2025-03-03", "2025-03-05", days_override="9999", override_reason="x"
        )
    assert caught.value.fields == {"days_override"}
    assert caught.value.for_field("days_override")[0].text("zh") == (
        "核定天数：9999 天超过了2025-03-03上午至2025-03-05下午的 3 个日历日"
    )
    assert "more than the 3 calendar day(s)" in caught.value.for_field("days_override")[0].text(
        "en"
    )
    # From Friday afternoon to Monday morning: 6 half-days, 3 days with the weekend.
    with pytest.raises(errors.ValidationError):
        request(
            ledger,
            member,
            "2025-03-07",
            "2025-03-10",
            start_half=PM,
            end_half=AM,
            days_override="3.5",
            override_reason="x",
        )
    saved = request(
        ledger,
        member,
        "2025-03-07",
        "2025-03-10",
        start_half=PM,
        end_half=AM,
        days_override="3",
        override_reason="周末也在外",
    )
    assert fresh(saved).days_override == Decimal(3)
    assert LeaveRequest.select().count() == 1


def test_leave_of_no_working_day_is_refused_but_a_weekend_business_trip_is_not(ledger) -> None:
    member = add_member(ledger, "吴十")
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-08", "2025-03-08")  # a Saturday
    assert caught.value.fields == {"end_date"}
    message = caught.value.for_field("end_date")[0]
    assert "没有工作日" in message.text("zh") and "因公外出" in message.text("zh")
    assert "no working day" in message.text("en") and "Business trip" in message.text("en")
    assert LeaveRequest.select().count() == 0
    trip = request(ledger, member, "2025-03-08", "2025-03-09", leave_type="business_trip")
    assert fresh(trip).days == 0
    # A count the calendar gets wrong can still be corrected by hand, with its reason.
    corrected = request(
        ledger, member, "2025-03-15", "2025-03-15", days_override="1", override_reason="单位加班日"
    )
    assert fresh(corrected).days_override == 1


def test_a_request_outside_the_members_term_is_a_warning_not_a_refusal(ledger) -> None:
    member = add_member(ledger, "郑十一", term_start="2025-03-01", term_end="2025-08-31")
    inside = {"member": member, "leave_type": "personal"}
    inside |= {"start_date": "2025-03-03", "end_date": "2025-03-04"}
    assert leave_requests.check(ledger, inside) == []
    outside = inside | {"start_date": "2025-09-01", "end_date": "2025-09-02"}
    (warning,) = leave_requests.check(ledger, outside)
    assert warning.field == "start_date"
    assert warning.message.text("zh") == (
        "开始日期：2025-09-01—2025-09-02不在郑十一的挂职期（2025-03-01至2025-08-31）内，请核对"
    )
    assert "outside 郑十一's term" in warning.message.text("en")
    assert fresh(leave_requests.save(ledger, outside)).days == 2  # saved all the same


def test_holiday_corrections_are_used_for_a_year_on_the_fallback(ledger) -> None:
    member = add_member(ledger, "李四")
    calendar_days.save(ledger, {"date": "2027-01-01", "is_workday": False, "name": "元旦"})
    # Fri Jan 1 (now a holiday) to Fri Jan 8: Mon 4 – Fri 8.
    assert fresh(request(ledger, member, "2027-01-01", "2027-01-08")).days == 5


def test_a_correction_saved_in_the_same_transaction_counts_at_once(ledger) -> None:
    member = add_member(ledger, "李四")
    values = {"member": member, "leave_type": "personal"}
    values |= {"start_date": "2027-01-01", "end_date": "2027-01-08"}
    with ledger.transaction():
        assert leave_requests.validate(ledger, values)["days"] == 6  # the calendar is read now
        day = calendar_days.save(
            ledger, {"date": "2027-01-01", "is_workday": False, "name": "元旦"}
        )
        assert leave_requests.validate(ledger, values)["days"] == 5
        calendar_days.delete(ledger, day.id)
        assert leave_requests.validate(ledger, values)["days"] == 6


def test_days_are_recomputed_when_the_dates_change(ledger) -> None:
    member = add_member(ledger, "王五")
    saved = request(ledger, member, "2025-03-03", "2025-03-05")
    assert fresh(saved).days == 3
    values = {**leave_requests.snapshot(saved), "end_date": "2025-03-10", "end_half": "am"}
    leave_requests.save(ledger, values, record_id=saved.id, expected_version=1)
    # Mon 3 – Fri 7, and Mon 10 morning.
    assert fresh(saved).days == Decimal("5.5")
    before, after = last_change(saved.id)
    assert (before["end_date"], after["end_date"]) == ("2025-03-05", "2025-03-10")


def test_end_before_start_is_an_error_on_the_end_and_nothing_is_saved(ledger) -> None:
    member = add_member(ledger, "赵六")
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-05", "2025-03-05", start_half=PM, end_half=AM)
    assert caught.value.fields == {"end_date"}
    message = caught.value.for_field("end_date")[0]
    assert message.text("zh") == "结束日期：结束（2025-03-05上午）早于开始（2025-03-05下午）"
    assert message.text("en") == (
        "End date: the end (2025-03-05 morning) is before the start (2025-03-05 afternoon)"
    )
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-05", "2025-03-04")
    assert caught.value.fields == {"end_date"}
    assert LeaveRequest.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "leave").count() == 0


def test_every_problem_is_named_by_its_field(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        leave_requests.save(
            ledger,
            {
                "member": str(uuid.uuid4()),
                "leave_type": "旅游假",
                "start_date": "2025-02-30",
                "start_half": "晚上",
                "contact_phone": "请打电话",
            },
        )
    err = caught.value
    assert err.fields == {
        "member",
        "leave_type",
        "start_date",
        "start_half",
        "end_date",
        "contact_phone",
    }
    assert err.for_field("end_date")[0].text("zh") == "结束日期：必须填写"
    assert err.for_field("end_date")[0].text("en") == "End date: required"
    assert "旅游假" in err.for_field("leave_type")[0].text("zh")
    assert "因公外出" in err.for_field("leave_type")[0].text("zh")  # the choices are listed
    assert LeaveRequest.select().count() == 0


def test_a_member_of_another_group_is_refused(ledger) -> None:
    mine = ledger.group_id
    other = work_groups.save(ledger, {"name": "另一个工作组"})
    ledger.group_id = other.id
    stranger = add_member(ledger, "外组成员")
    ledger.group_id = mine
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, stranger, "2025-03-03", "2025-03-03")
    assert caught.value.fields == {"member"}
    assert "找不到这位成员" in caught.value.for_field("member")[0].text("zh")


def test_a_request_longer_than_a_year_is_a_mistyped_year(ledger) -> None:
    member = add_member(ledger, "孙八")
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-03", "2052-03-03")
    assert caught.value.fields == {"end_date"}
    assert "请检查年份" in caught.value.for_field("end_date")[0].text("zh")


def test_an_override_needs_a_reason_and_whole_half_days(ledger) -> None:
    member = add_member(ledger, "周九")
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-03", "2025-03-05", days_override="1.3")
    assert caught.value.fields == {"days_override", "override_reason"}
    assert caught.value.for_field("override_reason")[0].text("zh") == (
        "核定天数说明：手工核定天数时必须说明理由"
    )
    assert caught.value.for_field("override_reason")[0].text("en") == (
        "Reason for the correction: required when the days are corrected by hand"
    )
    assert LeaveRequest.select().count() == 0
    saved = request(
        ledger,
        member,
        "2025-03-03",
        "2025-03-05",
        days_override="2.5",
        override_reason="周三下午返岗",
    )
    stored = fresh(saved)
    assert (stored.days, stored.days_override) == (Decimal(3), Decimal("2.5"))
    assert counted_days(stored) == Decimal("2.5")


# -- overlaps -------------------------------------------------------------------------------------


def test_overlapping_leave_is_refused_with_the_other_requests_dates_and_type(ledger) -> None:
    member = add_member(ledger, "张三")
    first = request(ledger, member, *NATIONAL_DAY)
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-10-11", "2025-10-13", leave_type="sick", start_half=PM)
    assert caught.value.fields == {"start_date"}
    message = caught.value.for_field("start_date")[0]
    assert message.text("zh") == (
        "开始日期：该成员2025-09-26上午至2025-10-11下午已有一条事假（待审批），时间不能重叠"
    )
    assert message.text("en") == (
        "Start date: this member already has Personal leave from 2025-09-26 morning to "
        "2025-10-11 afternoon (Awaiting approval); requests may not overlap"
    )
    assert [r.id for r in LeaveRequest.select()] == [first.id]
    assert ChangeLog.select().where(ChangeLog.kind == "leave").count() == 1


def test_business_trips_may_not_overlap_either(ledger) -> None:
    member = add_member(ledger, "张三")
    approved(ledger, member, "2025-03-03", "2025-03-04", leave_type="business_trip")
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-04", "2025-03-04")
    text = caught.value.for_field("start_date")[0].text("zh")
    assert "因公外出（已批准）" in text and "2025-03-03上午至2025-03-04下午" in text


def test_what_does_not_overlap(ledger) -> None:
    zhang, li = add_member(ledger, "张三"), add_member(ledger, "李四")
    morning = request(ledger, zhang, "2025-03-03", "2025-03-03", end_half=AM)
    # The afternoon of the same day, another member, and a refused request are no clash.
    request(ledger, zhang, "2025-03-03", "2025-03-04", start_half=PM, leave_type="business_trip")
    request(ledger, li, "2025-03-03", "2025-03-03")
    refused = request(ledger, zhang, "2025-03-10", "2025-03-12")
    reject(ledger, refused.id, "王组长", "2025-03-07")
    request(ledger, zhang, "2025-03-11", "2025-03-11")
    # Saving a request again does not clash with itself.
    leave_requests.save(
        ledger, {**leave_requests.snapshot(morning), "reason": "看病"}, record_id=morning.id
    )
    assert LeaveRequest.select().count() == 5


def test_an_early_return_frees_the_rest_of_the_leave(ledger) -> None:
    member = add_member(ledger, "张三")
    first = approved(ledger, member, "2025-03-03", "2025-03-07")
    with pytest.raises(errors.ValidationError):
        request(ledger, member, "2025-03-06", "2025-03-06")
    record_return(ledger, first.id, "2025-03-05", AM)
    later = request(ledger, member, "2025-03-06", "2025-03-06", leave_type="business_trip")
    assert fresh(later).days == 1
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-04", "2025-03-04", start_half=PM)
    # The message names what the request really held: up to the morning before the return.
    assert "2025-03-03上午至2025-03-04下午已有一条事假（已销假）" in str(caught.value)


BASE = slot(d("2025-09-22"), AM)  # a Monday before the National Day holiday
spans = st.tuples(st.integers(0, 40), st.integers(0, 14))


def _values(member: Any, span: tuple[int, int], leave_type: str) -> dict[str, Any]:
    (start, start_half), (end, end_half) = from_slot(BASE + span[0]), from_slot(BASE + sum(span))
    if WorkCalendar().count_slots(BASE + span[0], BASE + sum(span)) == 0:
        leave_type = "business_trip"  # the only request that may hold no working day
    return {
        "member": member,
        "leave_type": leave_type,
        "start_date": start,
        "start_half": start_half,
        "end_date": end,
        "end_half": end_half,
    }


def _member(ledger: Any, name: str) -> uuid.UUID:
    found = Member.get_or_none(Member.name == name)
    return found.id if found is not None else add_member(ledger, name)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25, deadline=None
)
@example(a=(4, 4), b=(0, 10), a_status="returned", back=0, b_type="sick")  # returned at once
@example(a=(0, 4), b=(5, 0), a_status="returned", back=6, b_type="sick")  # a late return holds on
@given(
    a=spans,
    b=spans,
    a_status=st.sampled_from(["pending", "approved", "rejected", "returned"]),
    back=st.integers(0, 20),
    b_type=st.sampled_from(["personal", "sick", "business_trip"]),
)
def test_overlap_refusal_matches_a_brute_force_check_and_is_symmetric(
    ledger, a, b, a_status, back, b_type
) -> None:
    member = _member(ledger, "甲")
    first_a = BASE + a[0]
    a_values = _values(member, a, "annual")
    held = set(range(first_a, first_a + a[1] + 1))
    if a_status != "pending":
        a_values.update(status=a_status, approver="王组长", approval_date="2025-09-01")
    if a_status == "returned":
        return_date, return_half = from_slot(first_a + back)
        a_values.update(return_date=return_date, return_half=return_half)
        held = set(range(first_a, first_a + back))  # early, on time or late
    if a_status == "rejected":
        held = set()
    wanted = set(range(BASE + b[0], BASE + sum(b) + 1))
    clash = bool(held & wanted)
    b_values = _values(member, b, b_type)
    for one, other in ((a_values, b_values), (b_values, a_values)):
        LeaveRequest.delete().execute()
        leave_requests.save(ledger, one)
        try:
            leave_requests.save(ledger, other)
            refused = False
        except errors.ValidationError as caught:
            assert caught.fields == {"start_date"}
            refused = True
        assert refused is clash
        assert LeaveRequest.select().count() == (1 if clash else 2)


# -- the status flow ------------------------------------------------------------------------------


def test_approve_then_return_early(ledger) -> None:
    member = add_member(ledger, "张三")
    saved = request(ledger, member, *NATIONAL_DAY)
    approve(ledger, saved.id, "王组长", "2025-09-25")
    stored = fresh(saved)
    assert (stored.status, stored.approver, stored.approval_date, stored.version) == (
        "approved",
        "王组长",
        d("2025-09-25"),
        2,
    )
    before, after = last_change(saved.id)
    assert (before["status"], after["status"], after["approver"]) == (
        "pending",
        "approved",
        "王组长",
    )
    record_return(ledger, saved.id, "2025-10-09", PM)
    stored = fresh(saved)
    # Back on Thu Oct 9 after lunch: Sep 26, 28, 29, 30 and the morning of Oct 9.
    assert (stored.status, stored.return_date, stored.return_half) == (
        "returned",
        d("2025-10-09"),
        PM,
    )
    assert (stored.days, stored.actual_days, stored.version) == (7, Decimal("4.5"), 3)
    assert counted_days(stored) == Decimal("4.5")
    assert actions(saved.id) == ["create", "update", "update"]
    before, after = last_change(saved.id)
    assert (before["status"], before["actual_days"], after["status"]) == (
        "approved",
        None,
        "returned",
    )
    assert Decimal(after["actual_days"]) == Decimal("4.5")


@pytest.mark.parametrize(
    ("back", "half", "actual"),
    [
        ("2025-09-26", AM, "0"),  # never left
        ("2025-09-29", AM, "2"),  # Fri 26 and the adjusted Sun 28
        ("2025-10-12", AM, "7"),  # Sunday: on time
        ("2025-10-13", AM, "7"),  # Monday: on time too, Sunday is not a working day
        ("2025-10-14", AM, "8"),  # late: Mon Oct 13 counts as well
        ("2025-10-14", PM, "8.5"),
    ],
)
def test_returns_recompute_the_days_taken(ledger, back: str, half: str, actual: str) -> None:
    member = add_member(ledger, "张三")
    saved = approved(ledger, member, *NATIONAL_DAY)
    record_return(ledger, saved.id, back, half)
    assert fresh(saved).actual_days == Decimal(actual)
    assert fresh(saved).days == 7


def test_a_return_before_the_start_is_a_field_error_and_changes_nothing(ledger) -> None:
    member = add_member(ledger, "张三")
    saved = approved(ledger, member, *NATIONAL_DAY)
    with pytest.raises(errors.ValidationError) as caught:
        record_return(ledger, saved.id, "2025-09-25", PM)
    assert caught.value.fields == {"return_date"}
    assert caught.value.for_field("return_date")[0].text("zh") == (
        "销假日期：返岗时间（2025-09-25下午）不能早于请假开始（2025-09-26上午）"
    )
    assert caught.value.for_field("return_date")[0].text("en") == (
        "Return date: back at post (2025-09-25 afternoon) cannot be before the leave starts "
        "(2025-09-26 morning)"
    )
    stored = fresh(saved)
    assert (stored.status, stored.return_date, stored.actual_days, stored.version) == (
        "approved",
        None,
        None,
        2,
    )
    assert actions(saved.id) == ["create", "update"]


def test_only_approved_requests_can_be_returned(ledger) -> None:
    member = add_member(ledger, "张三")
    pending = request(ledger, member, "2025-03-03", "2025-03-04")
    with pytest.raises(errors.ActionRefusedError) as caught:
        record_return(ledger, pending.id, "2025-03-05")
    assert caught.value.text("zh") == "只有“已批准”的请假才能销假；这条请假现在是“待审批”。"
    assert caught.value.text("en") == (
        "Only an approved request can be marked as returned; this one is “Awaiting approval”."
    )
    reject(ledger, pending.id, "王组长", "2025-03-01")
    with pytest.raises(errors.ActionRefusedError) as caught:
        record_return(ledger, pending.id, "2025-03-05")
    assert "未批准" in caught.value.text("zh")
    stored = fresh(pending)
    assert (stored.status, stored.return_date, stored.version) == ("rejected", None, 2)


def test_only_pending_requests_can_be_decided(ledger) -> None:
    member = add_member(ledger, "张三")
    saved = approved(ledger, member, "2025-03-03", "2025-03-04")
    with pytest.raises(errors.ActionRefusedError) as caught:
        reject(ledger, saved.id, "王组长", "2025-03-02")
    assert caught.value.text("zh") == "只有“待审批”的请假才能审批；这条请假现在是“已批准”。"
    assert caught.value.text("en") == (
        "Only a request awaiting approval can be decided; this one is “Approved”."
    )
    with pytest.raises(errors.ActionRefusedError):
        approve(ledger, saved.id, "王组长", "2025-03-02")
    assert (fresh(saved).status, fresh(saved).version) == ("approved", 2)


def test_reject_records_who_and_when(ledger) -> None:
    member = add_member(ledger, "张三")
    saved = request(ledger, member, "2025-03-03", "2025-03-04")
    reject(ledger, saved.id, "工作队领队", d("2025-03-01"))
    stored = fresh(saved)
    assert (stored.status, stored.approver, stored.approval_date) == (
        "rejected",
        "工作队领队",
        d("2025-03-01"),
    )
    assert actions(saved.id) == ["create", "update"]


def test_approving_needs_an_approver_and_a_date(ledger) -> None:
    member = add_member(ledger, "张三")
    saved = request(ledger, member, "2025-03-03", "2025-03-04")
    with pytest.raises(errors.ValidationError) as caught:
        approve(ledger, saved.id, " ", None)
    assert caught.value.fields == {"approver", "approval_date"}
    assert caught.value.for_field("approver")[0].text("zh") == "审批人：状态为“已批准”时必须填写"
    assert caught.value.for_field("approver")[0].text("en") == (
        "Approver: required when the status is “Approved”"
    )
    assert (fresh(saved).status, fresh(saved).version) == ("pending", 1)
    assert actions(saved.id) == ["create"]


def test_status_and_return_must_agree(ledger) -> None:
    member = add_member(ledger, "张三")
    decided = {"approver": "王组长", "approval_date": "2025-03-01"}
    with pytest.raises(errors.ValidationError) as caught:
        request(ledger, member, "2025-03-03", "2025-03-04", status="已销假", **decided)
    assert caught.value.fields == {"return_date"}
    assert caught.value.for_field("return_date")[0].text("zh") == (
        "销假日期：状态为“已销假”时必须填写"
    )
    with pytest.raises(errors.ValidationError) as caught:
        request(
            ledger, member, "2025-03-03", "2025-03-04", status="approved", return_date="2025-03-05"
        )
    assert caught.value.fields == {"return_date", "approver", "approval_date"}
    assert LeaveRequest.select().count() == 0
    # An imported ledger row that is complete is taken as it is.
    saved = request(
        ledger,
        member,
        "2025-03-03",
        "2025-03-04",
        status="已销假",
        return_date="2025-03-05",
        return_half="上午",
        **decided,
    )
    assert (fresh(saved).status, fresh(saved).actual_days) == ("returned", 2)


def test_filing_is_independent_of_the_status(ledger) -> None:
    member = add_member(ledger, "张三")
    pending = request(ledger, member, "2025-03-03", "2025-03-04")
    file_request(ledger, pending.id, "2025-03-02")
    assert (fresh(pending).filed_date, fresh(pending).status) == (d("2025-03-02"), "pending")
    reject(ledger, pending.id, "王组长", "2025-03-02")
    file_request(ledger, pending.id, d("2025-03-06"))
    assert (fresh(pending).filed_date, fresh(pending).status) == (d("2025-03-06"), "rejected")
    before, after = last_change(pending.id)
    assert (before["filed_date"], after["filed_date"]) == ("2025-03-02", "2025-03-06")
    assert actions(pending.id) == ["create", "update", "update", "update"]


def test_a_stale_version_is_a_conflict(ledger) -> None:
    member = add_member(ledger, "张三")
    saved = request(ledger, member, "2025-03-03", "2025-03-04")
    file_request(ledger, saved.id, "2025-03-02")
    with pytest.raises(errors.ConflictError):
        approve(ledger, saved.id, "王组长", "2025-03-01", expected_version=1)
    assert (fresh(saved).status, fresh(saved).version) == ("pending", 2)


def test_delete_and_restore_and_a_restore_that_would_overlap(ledger) -> None:
    member = add_member(ledger, "张三")
    saved = approved(ledger, member, "2025-03-03", "2025-03-05")
    entry = leave_requests.delete(ledger, saved.id)
    assert RecycleBin.get_by_id(entry.id).summary == "张三 事假 2025-03-03上午 — 2025-03-05下午"
    base.restore(ledger, entry.id)
    back = fresh(saved)
    assert (back.status, back.approver, back.days) == ("approved", "王组长", 3)
    assert actions(saved.id) == ["create", "update", "delete", "restore"]
    entry = leave_requests.delete(ledger, saved.id)
    request(ledger, member, "2025-03-05", "2025-03-06")
    with pytest.raises(errors.ValidationError) as caught:
        base.restore(ledger, entry.id)
    assert caught.value.fields == {"start_date"}
    assert RecycleBin.get_or_none(RecycleBin.id == entry.id) is not None
    assert LeaveRequest.get_or_none(LeaveRequest.id == saved.id) is None


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=15, deadline=None
)
@given(span=spans, back=st.integers(0, 30))
def test_an_early_return_takes_fewer_days_and_a_late_one_more(ledger, span, back) -> None:
    LeaveRequest.delete().execute()
    member = _member(ledger, "乙")
    values = {**_values(member, span, "personal"), "approver": "王组长"}
    saved = leave_requests.save(
        ledger, {**values, "status": "approved", "approval_date": "2025-09-01"}
    )
    first, last = BASE + span[0], BASE + sum(span)
    return_date, return_half = from_slot(first + back)
    record_return(ledger, saved.id, return_date, return_half)
    stored = fresh(saved)
    calendar = WorkCalendar()
    back_slot = first + back
    if back_slot <= last:
        assert stored.actual_days <= stored.days
        assert stored.actual_days + calendar.count_slots(back_slot, last) == stored.days
    else:
        assert stored.actual_days >= stored.days
        assert stored.actual_days == stored.days + calendar.count_slots(last + 1, back_slot - 1)
    assert stored.status == "returned"


# -- approvers, overdue, and who is away ----------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "approver"),
    [
        ("0.5", "工作组组长"),
        ("1", "工作组组长"),
        ("1.5", "工作队领队"),
        ("3", "工作队领队"),
        ("3.5", "派出单位组织部"),
        ("30", "派出单位组织部"),
    ],
)
def test_required_approver_by_the_default_rules(ledger, days: str, approver: str) -> None:
    assert required_approver(ledger, Decimal(days)) == approver


def test_required_approver_follows_the_edited_rules(ledger) -> None:
    ledger_settings.put(
        ledger,
        "approval_rules",
        [{"max_days": "2", "approver": "组长"}, {"max_days": None, "approver": "领队"}],
    )
    assert [required_approver(ledger, days) for days in ("1", "2", "2.5")] == [
        "组长",
        "组长",
        "领队",
    ]


def test_overdue_is_end_passed_approved_and_not_returned(ledger) -> None:
    zhang, li, wang = (add_member(ledger, n) for n in ("张三", "李四", "王五"))
    late = approved(ledger, zhang, "2025-03-03", "2025-03-05")
    trip = approved(ledger, li, "2025-03-02", "2025-03-04", leave_type="business_trip")
    request(ledger, wang, "2025-03-03", "2025-03-04")  # never approved
    back = approved(ledger, wang, "2025-03-10", "2025-03-11")
    record_return(ledger, back.id, "2025-03-12")
    assert not is_overdue(fresh(late), d("2025-03-05"))  # the last day itself is not overdue
    assert is_overdue(fresh(late), d("2025-03-06"))
    assert not is_overdue(fresh(back), d("2025-04-01"))
    assert [r.id for r in overdue_requests(ledger, d("2025-03-05"))] == [trip.id]
    assert [r.id for r in overdue_requests(ledger, d("2025-04-01"))] == [trip.id, late.id]
    record_return(ledger, late.id, "2025-03-07")
    assert [r.id for r in overdue_requests(ledger, d("2025-04-01"))] == [trip.id]


@pytest.fixture
def away(ledger) -> dict[str, Any]:
    """A week in March 2025 (Mon 3 – Fri 7) with four kinds of absence."""
    people = {n: add_member(ledger, n) for n in ("甲", "乙", "丙", "丁", "戊")}
    # 甲: leave Mon morning to Wed noon. 乙: business trip Tue afternoon to Thu.
    approved(ledger, people["甲"], "2025-03-03", "2025-03-05", end_half=AM)
    approved(
        ledger, people["乙"], "2025-03-04", "2025-03-06", start_half=PM, leave_type="business_trip"
    )
    # 丙: only asked. 丁: the whole week, but back on Wednesday morning.
    request(ledger, people["丙"], "2025-03-03", "2025-03-07")
    ding = approved(ledger, people["丁"], "2025-03-03", "2025-03-07", leave_type="sick")
    record_return(ledger, ding.id, "2025-03-05", AM)
    return people


def test_leave_covering_a_day(ledger, away) -> None:
    p = away
    on_wed = leave_covering(ledger, d("2025-03-05"))
    assert set(on_wed) == {p["甲"], p["乙"]}
    assert on_wed[p["乙"]].leave_type == "business_trip"
    assert set(leave_covering(ledger, d("2025-03-05"), half=PM)) == {p["乙"]}
    assert set(leave_covering(ledger, d("2025-03-04"), half=AM)) == {p["甲"], p["丁"]}
    assert set(leave_covering(ledger, d("2025-03-04"))) == {p["甲"], p["乙"], p["丁"]}
    assert set(leave_covering(ledger, d("2025-03-04"), [p["乙"], str(p["丙"])])) == {p["乙"]}
    assert leave_covering(ledger, d("2025-03-04"), []) == {}
    assert leave_covering(ledger, d("2025-03-08")) == {}


def test_leave_periods_are_real_leave_as_taken(ledger, away) -> None:
    p = away
    periods = leave_periods(ledger, d("2025-03-01"), d("2025-03-31"))
    assert periods == {
        p["甲"]: [(slot(d("2025-03-03"), AM), slot(d("2025-03-05"), AM))],
        p["丁"]: [(slot(d("2025-03-03"), AM), slot(d("2025-03-04"), PM))],
    }
    assert leave_periods(ledger, d("2025-03-05"), d("2025-03-31")) == {
        p["甲"]: [(slot(d("2025-03-03"), AM), slot(d("2025-03-05"), AM))]
    }
    assert leave_periods(ledger, d("2025-03-06"), d("2025-03-31")) == {}


def test_touching_leave_is_one_period(ledger) -> None:
    member = add_member(ledger, "己")
    approved(ledger, member, "2025-03-10", "2025-03-11")
    approved(ledger, member, "2025-03-12", "2025-03-12", leave_type="sick")
    approved(ledger, member, "2025-03-14", "2025-03-14", start_half=PM)
    # Whole ranges, not cut to the window; touching ones merged when both meet it.
    assert leave_periods(ledger, d("2025-03-11"), d("2025-03-11")) == {
        member: [(slot(d("2025-03-10"), AM), slot(d("2025-03-11"), PM))]
    }
    assert leave_periods(ledger, d("2025-03-11"), d("2025-03-12")) == {
        member: [(slot(d("2025-03-10"), AM), slot(d("2025-03-12"), PM))]
    }
    assert leave_periods(ledger, d("2025-03-01"), d("2025-03-31"))[member] == [
        (slot(d("2025-03-10"), AM), slot(d("2025-03-12"), PM)),
        (slot(d("2025-03-14"), PM), slot(d("2025-03-14"), PM)),
    ]


def test_requests_read_once_in_a_transaction_follow_its_writes(ledger) -> None:
    member = add_member(ledger, "张三")

    def overlaps(start: str, end: str) -> bool:
        values = {"member": member, "leave_type": "personal", "start_date": start, "end_date": end}
        try:  # validate() writes nothing and, unlike a failed save, keeps the memos
            leave_requests.validate(ledger, values)
        except errors.ValidationError as exc:
            assert exc.fields == {"start_date"}
            return True
        return False

    with ledger.transaction():
        assert not overlaps("2025-03-03", "2025-03-04")  # the member's requests are read now
        saved = request(ledger, member, "2025-03-03", "2025-03-04")
        assert overlaps("2025-03-04", "2025-03-05")
        moved = leave_requests.snapshot(fresh(saved)) | {"start_date": "2025-03-10"}
        leave_requests.save(ledger, moved | {"end_date": "2025-03-11"}, record_id=saved.id)
        assert (overlaps("2025-03-04", "2025-03-05"), overlaps("2025-03-11", "2025-03-12")) == (
            False,
            True,
        )
        reject(ledger, saved.id, "王组长", "2025-03-01")
        assert not overlaps("2025-03-11", "2025-03-12")
        other = approved(ledger, member, "2025-04-01", "2025-04-03")
        record_return(ledger, other.id, "2025-04-02", "am")  # back early: the 2nd is free again
        assert (overlaps("2025-04-01", "2025-04-01"), overlaps("2025-04-02", "2025-04-03")) == (
            True,
            False,
        )
        entry = leave_requests.delete(ledger, other.id)
        assert not overlaps("2025-04-01", "2025-04-01")
        base.restore(ledger, entry.id)
        assert overlaps("2025-04-01", "2025-04-01")
