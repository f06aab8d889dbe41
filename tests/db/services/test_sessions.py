"""Study sessions: expected attendance on a date, validation, attendance rows, history, recycle bin."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.common import errors
from db.rules.workdays import AM, PM, WorkCalendar, from_slot, slot
from db.services import base
from db.services.groups import party_groups, work_groups
from db.services.leave import approve, leave_requests, record_return
from db.services.sessions import expected_attendance, study_sessions
from db.store.models import Attendance, ChangeLog, LeaveRequest, Member, RecycleBin, StudySession
from tests.conftest import add_member, d

DAY = d("2025-03-05")  # a Wednesday


@pytest.fixture
def branch(ledger) -> dict[str, Any]:
    """Two party small groups, six people, and the leave around Wed 2025-03-05."""
    one = party_groups.save(ledger, {"name": "第一党小组"}).id
    two = party_groups.save(ledger, {"name": "第二党小组"}).id
    people = {
        "甲": add_member(ledger, "甲", party_group=one, sort_order=1),
        "乙": add_member(ledger, "乙", party_group=one, sort_order=2),
        "丙": add_member(ledger, "丙", party_group=two, sort_order=3),
        # Left at the end of February; joins in April; a branch member from the higher team.
        "丁": add_member(
            ledger,
            "丁",
            party_group=one,
            sort_order=4,
            term_end="2025-02-28",
            status="term_ended",
        ),
        "己": add_member(ledger, "己", party_group=two, sort_order=6, term_start="2025-04-01"),
        "戊": add_member(ledger, "戊", branch_only=True, sort_order=5),
    }
    leave(ledger, people["乙"], "2025-03-04", "2025-03-05", end_half=AM)  # back Wed afternoon
    leave(ledger, people["丙"], "2025-03-05", "2025-03-06", leave_type="business_trip")
    leave_requests.save(  # only asked for, not approved
        ledger,
        {"member": people["甲"], "leave_type": "sick", "start_date": DAY, "end_date": DAY},
    )
    return {"one": one, "two": two, **people}


def leave(ledger, member, start, end, **extra) -> LeaveRequest:
    values = {"member": member, "leave_type": "personal", "start_date": start, "end_date": end}
    saved = leave_requests.save(ledger, {**values, **extra})
    return approve(ledger, saved.id, "王组长", "2025-03-01")


def row(member, present=True, reason="", note="") -> dict[str, Any]:
    return {"member": member, "present": present, "absence_reason": reason, "note": note}


def session(**values: Any) -> dict[str, Any]:
    return {"kind": "party_group", "date": DAY, "topic": "学习贯彻党的二十届三中全会精神", **values}


def attendance_ids(session_id: Any) -> dict[uuid.UUID, uuid.UUID]:
    """member id -> row id of a session's attendance rows."""
    return {r.member_id: r.id for r in Attendance.select().where(Attendance.session == session_id)}


def stored_attendance(session_id: Any) -> list[tuple[uuid.UUID, bool, str, str]]:
    rows = (
        Attendance.select(Attendance, Member)
        .join(Member)
        .where(Attendance.session == session_id)
        .order_by(Member.sort_order)
    )
    return [(r.member_id, r.present, r.absence_reason, r.note) for r in rows]


# -- expected attendance --------------------------------------------------------------------------


def test_expected_attendance_of_the_whole_branch(ledger, branch) -> None:
    p = branch
    assert expected_attendance(ledger, DAY, None) == [
        row(p["甲"]),  # pending leave does not count
        row(p["乙"], False, "leave"),
        row(p["丙"], False, "official"),
        row(p["戊"]),  # branch members attend too
    ]


def test_expected_attendance_of_one_party_group(ledger, branch) -> None:
    p = branch
    assert expected_attendance(ledger, DAY, p["one"]) == [
        row(p["甲"]),
        row(p["乙"], False, "leave"),
    ]
    assert expected_attendance(ledger, d("2025-04-01"), str(p["two"])) == [
        row(p["丙"]),
        row(p["己"]),
    ]


def test_expected_attendance_at_a_time_of_day(ledger, branch) -> None:
    p = branch
    afternoon = expected_attendance(ledger, DAY, p["one"], at=datetime.time(14, 30))
    assert afternoon == [row(p["甲"]), row(p["乙"])]  # 乙 is back after lunch
    morning = expected_attendance(ledger, DAY, p["one"], at=datetime.time(9, 0))
    assert morning == [row(p["甲"]), row(p["乙"], False, "leave")]


def test_a_returned_leave_covers_only_the_days_before_the_return(ledger, branch) -> None:
    p = branch
    trip = LeaveRequest.get(LeaveRequest.member == p["丙"])
    record_return(ledger, trip.id, DAY, AM)  # came back before the day started
    assert expected_attendance(ledger, DAY, p["two"]) == [row(p["丙"])]


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20, deadline=None
)
@given(
    plans=st.lists(
        st.tuples(
            st.integers(0, 20),  # first half-day, from Mon 2025-03-03
            st.integers(0, 8),  # length in half-days
            st.sampled_from(["pending", "approved", "rejected"]),
            st.sampled_from(["personal", "business_trip"]),
        ),
        min_size=3,
        max_size=3,
    ),
    offset=st.integers(0, 12),
    at=st.sampled_from([None, datetime.time(9, 0), datetime.time(15, 0)]),
)
def test_expected_attendance_matches_a_brute_force_check(ledger, plans, offset, at) -> None:
    LeaveRequest.delete().execute()
    people = [m.id for m in Member.select().order_by(Member.sort_order)]
    while len(people) < 3:
        people.append(add_member(ledger, f"成员{len(people)}", sort_order=len(people)))
    base_slot = slot(d("2025-03-03"), AM)
    day = d("2025-03-03") + datetime.timedelta(days=offset)
    wanted = {slot(day, AM), slot(day, PM)}
    if at is not None:
        wanted = {slot(day, AM if at.hour < 12 else PM)}
    expected = []
    for member, (first, length, status, kind) in zip(people, plans, strict=True):
        (start, start_half), (end, end_half) = (
            from_slot(base_slot + first),
            from_slot(base_slot + first + length),
        )
        if WorkCalendar().count_slots(base_slot + first, base_slot + first + length) == 0:
            kind = "business_trip"  # the only request that may hold no working day
        values = {
            "member": member,
            "leave_type": kind,
            "start_date": start,
            "start_half": start_half,
            "end_date": end,
            "end_half": end_half,
        }
        if status != "pending":
            values.update(status=status, approver="王组长", approval_date="2025-03-01")
        leave_requests.save(ledger, values)
        held = set(range(base_slot + first, base_slot + first + length + 1))
        if status == "approved" and held & wanted:
            reason = "leave" if kind == "personal" else "official"
            expected.append(row(member, False, reason))
        else:
            expected.append(row(member))
    assert expected_attendance(ledger, day, None, at=at) == expected


# -- saving ---------------------------------------------------------------------------------------


def test_a_new_session_without_attendance_gets_the_expected_one(ledger, branch) -> None:
    p = branch
    saved = study_sessions.save(
        ledger,
        session(kind="集体学习交流会", start_time="09:00", end_time="11:30", form="线上"),
    )
    stored = StudySession.get_by_id(saved.id)
    assert (stored.kind, stored.form, stored.scope_id, stored.version) == (
        "collective",
        "online",
        None,
        1,
    )
    assert (stored.start_time, stored.end_time) == (datetime.time(9, 0), datetime.time(11, 30))
    assert stored_attendance(saved.id) == [
        (p["甲"], True, "", ""),
        (p["乙"], False, "leave", ""),
        (p["丙"], False, "official", ""),
        (p["戊"], True, "", ""),
    ]
    log = ChangeLog.get(ChangeLog.record_id == saved.id)
    assert (log.kind, log.action, log.operator) == ("session", "create", "测试员")
    after = json.loads(log.after)
    assert [(r["member"], r["present"]) for r in after["attendance"]] == [
        (str(p["甲"]), True),
        (str(p["乙"]), False),
        (str(p["丙"]), False),
        (str(p["戊"]), True),
    ]
    assert (
        study_sessions.summary(stored) == "2025-03-05 集体学习交流会 学习贯彻党的二十届三中全会精神"
    )


def test_attendance_as_given_and_a_scope_by_name(ledger, branch) -> None:
    p = branch
    saved = study_sessions.save(
        ledger,
        session(
            scope="第一党小组",
            attendance=[
                row(p["甲"], "否", "其他", "身体不适"),
                row(str(p["乙"]), True, "leave"),  # a stale reason of a present member is dropped
                row(p["丙"]),  # a guest from another party small group
            ],
        ),
    )
    assert StudySession.get_by_id(saved.id).scope_id == p["one"]
    assert stored_attendance(saved.id) == [
        (p["甲"], False, "other", "身体不适"),
        (p["乙"], True, "", ""),
        (p["丙"], True, "", ""),
    ]


def test_a_training_has_hours(ledger) -> None:
    saved = study_sessions.save(ledger, session(kind="training", training_hours="2.5"))
    assert StudySession.get_by_id(saved.id).training_hours == Decimal("2.5")


def test_every_problem_is_named_and_nothing_is_saved(ledger, branch) -> None:
    p = branch
    with pytest.raises(errors.ValidationError) as caught:
        study_sessions.save(
            ledger,
            {
                "kind": "座谈会",
                "date": "2025-3-32",
                "topic": "",
                "start_time": "25:00",
                "form": "电话",
                "scope": "第九党小组",
                "attendance": [row(p["甲"])],
            },
        )
    err = caught.value
    assert err.fields == {"kind", "date", "topic", "start_time", "form", "scope"}
    assert err.for_field("topic")[0].text("zh") == "主题：必须填写"
    assert err.for_field("topic")[0].text("en") == "Topic: required"
    assert err.for_field("scope")[0].text("zh") == "范围：找不到党小组“第九党小组”"
    assert err.for_field("scope")[0].text("en") == "Scope: no party small group “第九党小组”"
    assert StudySession.select().count() == 0
    assert Attendance.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "session").count() == 0


def test_times_must_run_forwards(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        study_sessions.save(ledger, session(start_time="15:00", end_time="15:00"))
    assert caught.value.fields == {"end_time"}
    assert caught.value.for_field("end_time")[0].text("zh") == "结束时间：须晚于开始时间 15:00"
    assert caught.value.for_field("end_time")[0].text("en") == (
        "End time: must be later than the start time 15:00"
    )


def test_a_collective_meeting_is_for_the_whole_branch(ledger, branch) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        study_sessions.save(ledger, session(kind="collective", scope=branch["one"]))
    assert caught.value.fields == {"scope"}
    assert caught.value.for_field("scope")[0].text("zh") == (
        "范围：集体学习交流会面向全支部，不能只选一个党小组"
    )
    assert caught.value.for_field("scope")[0].text("en") == (
        "Scope: a Collective study meeting is for the whole branch, not one party small group"
    )


def test_training_hours_only_for_a_training(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        study_sessions.save(ledger, session(kind="party_group", training_hours=2))
    assert caught.value.fields == {"training_hours"}
    assert caught.value.for_field("training_hours")[0].text("zh") == (
        "培训学时：只有“专题培训”才填写学时"
    )
    assert caught.value.for_field("training_hours")[0].text("en") == (
        "Training hours: only a “Topic training” has training hours"
    )


def test_attendance_rows_are_checked(ledger, branch) -> None:
    p = branch
    mine = ledger.group_id
    ledger.group_id = work_groups.save(ledger, {"name": "另一个工作组"}).id
    stranger = add_member(ledger, "外组成员")
    ledger.group_id = mine
    with pytest.raises(errors.ValidationError) as caught:
        study_sessions.save(
            ledger,
            session(
                attendance=[
                    row(p["甲"], False),
                    row(p["乙"], False, "出差"),
                    row(p["甲"]),
                    row(stranger),
                    row("not-an-id"),
                ]
            ),
        )
    texts = [m.text("zh") for m in caught.value.for_field("attendance")]
    assert caught.value.fields == {"attendance"}
    assert texts[0] == "出席情况：找不到“not-an-id”"
    assert texts[1] == "出席情况（甲）缺席原因：缺席时必须选择"
    assert texts[2].startswith("出席情况（乙）缺席原因：“出差”不是可选的值")
    assert texts[3] == "出席情况：甲重复填写了"
    assert texts[4] == f"出席情况：找不到这位成员（{stranger}）"
    en = [m.text("en") for m in caught.value.for_field("attendance")]
    assert en[1] == "Attendance (甲) — Reason: required for an absence"
    assert en[3] == "Attendance: 甲 is listed more than once"
    assert StudySession.select().count() == 0 and Attendance.select().count() == 0


def test_an_edit_keeps_or_replaces_the_attendance(ledger, branch) -> None:
    p = branch
    saved = study_sessions.save(ledger, session(scope=p["one"]))
    assert len(stored_attendance(saved.id)) == 2
    ids = attendance_ids(saved.id)
    values = {k: v for k, v in study_sessions.snapshot(saved).items() if k != "attendance"}
    study_sessions.save(
        ledger, {**values, "topic": "新主题"}, record_id=saved.id, expected_version=1
    )
    assert stored_attendance(saved.id) == [(p["甲"], True, "", ""), (p["乙"], False, "leave", "")]
    assert attendance_ids(saved.id) == ids
    study_sessions.save(
        ledger,
        {**values, "attendance": [row(p["甲"], False, "official", "市里开会")]},
        record_id=saved.id,
        expected_version=2,
    )
    assert stored_attendance(saved.id) == [(p["甲"], False, "official", "市里开会")]
    assert attendance_ids(saved.id) == {p["甲"]: ids[p["甲"]]}  # 甲's row, with new values
    log = (
        ChangeLog.select()
        .where(ChangeLog.record_id == saved.id)
        .order_by(ChangeLog.at.desc(), ChangeLog.id.desc())
        .first()
    )
    assert len(json.loads(log.before)["attendance"]) == 2
    assert json.loads(log.after)["attendance"] == [
        {
            "id": str(ids[p["甲"]]),
            "member": str(p["甲"]),
            "present": False,
            "absence_reason": "official",
            "note": "市里开会",
        }
    ]
    assert StudySession.get_by_id(saved.id).version == 3


def test_delete_and_restore_bring_the_attendance_back(ledger, branch) -> None:
    p = branch
    saved = study_sessions.save(ledger, session(scope=p["one"]))
    entry = study_sessions.delete(ledger, saved.id)
    assert StudySession.select().count() == 0 and Attendance.select().count() == 0
    base.restore(ledger, entry.id)
    assert stored_attendance(saved.id) == [(p["甲"], True, "", ""), (p["乙"], False, "leave", "")]
    actions = [
        c.action
        for c in ChangeLog.select()
        .where(ChangeLog.record_id == saved.id)
        .order_by(ChangeLog.at, ChangeLog.id)
    ]
    assert actions == ["create", "delete", "restore"]


def test_attendance_rows_keep_their_ids_while_their_members_stay(ledger, branch) -> None:
    p = branch
    saved = study_sessions.save(ledger, session(attendance=[row(p["甲"]), row(p["乙"])]))
    ids = attendance_ids(saved.id)
    values = study_sessions.snapshot(saved)
    # The form hands back the snapshot with one row changed, one dropped and one added.
    study_sessions.save(
        ledger,
        {**values, "attendance": [row(p["乙"], False, "leave", "病了"), row(p["丙"])]},
        record_id=saved.id,
        expected_version=1,
    )
    after = attendance_ids(saved.id)
    assert set(after) == {p["乙"], p["丙"]}
    assert after[p["乙"]] == ids[p["乙"]]
    assert after[p["丙"]] not in ids.values()
    assert stored_attendance(saved.id) == [
        (p["乙"], False, "leave", "病了"),
        (p["丙"], True, "", ""),
    ]
    # Saving the same rows again, ids and all, changes nothing and writes no history.
    again = study_sessions.snapshot(StudySession.get_by_id(saved.id))
    study_sessions.save(ledger, again, record_id=saved.id, expected_version=2)
    assert attendance_ids(saved.id) == after
    assert ChangeLog.select().where(ChangeLog.record_id == saved.id).count() == 2


def test_a_restore_brings_back_the_same_attendance_rows(ledger, branch) -> None:
    p = branch
    saved = study_sessions.save(ledger, session(scope=p["one"]))
    study_sessions.save(
        ledger,
        {
            **study_sessions.snapshot(saved),
            "attendance": [row(p["甲"], False, "other", "家中有事"), row(p["乙"])],
        },
        record_id=saved.id,
        expected_version=1,
    )
    ids = attendance_ids(saved.id)
    entry = study_sessions.delete(ledger, saved.id)
    assert Attendance.select().count() == 0
    base.restore(ledger, entry.id)
    assert attendance_ids(saved.id) == ids  # same members, same row ids
    assert stored_attendance(saved.id) == [
        (p["甲"], False, "other", "家中有事"),
        (p["乙"], True, "", ""),
    ]
    # Values copied from this session (row ids and all) make a new session with rows of its own.
    copied = {**study_sessions.snapshot(saved), "id": None, "version": None, "date": "2025-03-12"}
    second = study_sessions.save(ledger, copied)
    assert set(attendance_ids(second.id)) == set(ids)
    assert set(attendance_ids(second.id).values()).isdisjoint(ids.values())


def test_a_bin_entry_from_before_row_ids_were_kept_still_restores(ledger, branch) -> None:
    p = branch
    saved = study_sessions.save(ledger, session(scope=p["one"]))
    entry = study_sessions.delete(ledger, saved.id)
    payload = json.loads(entry.payload)
    for r in payload["attendance"]:
        del r["id"]  # what a snapshot of attendance looked like before
    RecycleBin.update(payload=json.dumps(payload)).where(RecycleBin.id == entry.id).execute()
    base.restore(ledger, entry.id)
    assert stored_attendance(saved.id) == [(p["甲"], True, "", ""), (p["乙"], False, "leave", "")]
