"""Spot checks: random picking, results pre-filled from leave, validation, history, recycle bin."""

from __future__ import annotations

import datetime
import json
import random
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.common import errors
from db.services import base
from db.services.leave import approve, leave_requests
from db.services.spotchecks import pick_random, prefill_results, spot_checks
from db.store.models import ChangeLog, Member, SpotCheck, SpotCheckResult
from tests.conftest import add_member, d

DAY = d("2025-06-11")  # a Wednesday


@pytest.fixture
def roster(ledger) -> dict[str, uuid.UUID]:
    """Five group members on their posts, one who has left, one branch-only member."""
    people = {name: add_member(ledger, name, sort_order=i) for i, name in enumerate("甲乙丙丁戊")}
    people["己"] = add_member(ledger, "己", term_end="2025-05-31", status="期满离岗", sort_order=8)
    people["庚"] = add_member(ledger, "庚", branch_only=True, sort_order=9)
    return people


def approved(ledger, member, start, end, **extra) -> None:
    values = {"member": member, "leave_type": "personal", "start_date": start, "end_date": end}
    saved = leave_requests.save(ledger, {**values, **extra})
    approve(ledger, saved.id, "王组长", "2025-06-01")


def result(member, outcome="on_duty", note="") -> dict[str, Any]:
    return {"member": member, "result": outcome, "note": note}


def result_ids(check_id: Any) -> dict[uuid.UUID, uuid.UUID]:
    """member id -> row id of a spot check's result rows."""
    query = SpotCheckResult.select().where(SpotCheckResult.check == check_id)
    return {r.member_id: r.id for r in query}


def stored_results(check_id: Any) -> list[tuple[uuid.UUID, str, str]]:
    rows = (
        SpotCheckResult.select(SpotCheckResult, Member)
        .join(Member)
        .where(SpotCheckResult.check == check_id)
        .order_by(Member.sort_order)
    )
    return [(r.member_id, r.result, r.note) for r in rows]


# -- picking and pre-filling ----------------------------------------------------------------------


def test_pick_random_takes_distinct_group_members_on_their_posts(ledger, roster) -> None:
    on_post = [roster[n] for n in "甲乙丙丁戊"]
    picked = pick_random(ledger, 3, DAY, rng=random.Random(7))
    ids = [m.id for m in picked]
    assert len(set(ids)) == 3 and set(ids) <= set(on_post)
    assert ids == [i for i in on_post if i in ids]  # in roster order
    assert [m.id for m in pick_random(ledger, 3, DAY, rng=random.Random(7))] == ids
    assert [m.id for m in pick_random(ledger, 10, DAY)] == on_post  # all there are
    assert pick_random(ledger, 0, DAY) == []
    # 己 was still on post in May.
    assert roster["己"] in {m.id for m in pick_random(ledger, 10, d("2025-05-30"))}
    with pytest.raises(ValueError):
        pick_random(ledger, -1, DAY)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20, deadline=None
)
@given(n=st.integers(0, 8), seed=st.integers(0, 2**32 - 1))
def test_pick_random_is_a_sample_of_the_pool(ledger, roster, n: int, seed: int) -> None:
    pool = {roster[name] for name in "甲乙丙丁戊"}
    picked = [m.id for m in pick_random(ledger, n, DAY, rng=random.Random(seed))]
    assert len(picked) == len(set(picked)) == min(n, len(pool))
    assert set(picked) <= pool


def test_prefill_marks_leave_and_business_trips(ledger, roster) -> None:
    p = roster
    approved(ledger, p["甲"], "2025-06-10", "2025-06-11", end_half="am")
    approved(ledger, p["乙"], "2025-06-11", "2025-06-12", leave_type="business_trip")
    leave_requests.save(  # asked for, not approved
        ledger, {"member": p["丙"], "leave_type": "sick", "start_date": DAY, "end_date": DAY}
    )
    ids = [p[n] for n in "甲乙丙丁"]
    assert prefill_results(ledger, DAY, ids) == [
        result(p["甲"], "on_leave"),
        result(p["乙"], "on_business"),
        result(p["丙"]),
        result(p["丁"]),
    ]
    # At three in the afternoon 甲 is back.
    assert prefill_results(ledger, DAY, [str(p["甲"])], at=datetime.time(15, 0)) == [
        result(p["甲"])
    ]
    assert prefill_results(ledger, DAY, []) == []


# -- saving ---------------------------------------------------------------------------------------


def test_a_check_with_its_results_and_history(ledger, roster) -> None:
    p = roster
    saved = spot_checks.save(
        ledger,
        {
            "date": DAY,
            "time": "10:30",
            "method": "视频",
            "checker": "联络员",
            "results": [
                result(p["甲"], "在岗"),
                result(str(p["乙"]), "absent", "未接视频，已提醒"),
            ],
        },
    )
    stored = SpotCheck.get_by_id(saved.id)
    assert (stored.date, stored.time, stored.method, stored.checker) == (
        DAY,
        datetime.time(10, 30),
        "video",
        "联络员",
    )
    assert stored_results(saved.id) == [
        (p["甲"], "on_duty", ""),
        (p["乙"], "absent", "未接视频，已提醒"),
    ]
    log = ChangeLog.get(ChangeLog.record_id == saved.id)
    assert (log.kind, log.action) == ("spotcheck", "create")
    assert json.loads(log.after)["results"][1] == {
        "id": str(result_ids(saved.id)[p["乙"]]),
        "member": str(p["乙"]),
        "result": "absent",
        "note": "未接视频，已提醒",
    }
    assert spot_checks.summary(stored) == "2025-06-11 视频 2 人"


def test_every_problem_is_named_and_nothing_is_saved(ledger, roster) -> None:
    p = roster
    with pytest.raises(errors.ValidationError) as caught:
        spot_checks.save(
            ledger,
            {
                "date": "",
                "time": "10点",
                "method": "",
                "results": [result(p["甲"], ""), result(p["乙"], "睡觉"), result(p["甲"])],
            },
        )
    err = caught.value
    assert err.fields == {"date", "time", "method", "results"}
    assert err.for_field("method")[0].text("zh") == "抽查方式：必须填写"
    assert err.for_field("method")[0].text("en") == "Method: required"
    texts = [m.text("zh") for m in err.for_field("results")]
    assert texts[0] == "抽查结果（甲）结果：必须填写"
    assert texts[1].startswith("抽查结果（乙）结果：“睡觉”不是可选的值")
    assert texts[2] == "抽查结果：甲重复填写了"
    assert [m.text("en") for m in err.for_field("results")][0] == "Results (甲) — Result: required"
    assert SpotCheck.select().count() == 0 and SpotCheckResult.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "spotcheck").count() == 0


def test_someone_must_be_checked(ledger) -> None:
    for results in (None, []):
        values = {"date": DAY, "method": "phone", "results": results}
        with pytest.raises(errors.ValidationError) as caught:
            spot_checks.save(ledger, values)
        assert caught.value.fields == {"results"}
        assert caught.value.for_field("results")[0].text("zh") == (
            "抽查结果：至少要有一名被抽查的成员"
        )
        assert caught.value.for_field("results")[0].text("en") == (
            "Results: at least one member must be checked"
        )


def test_an_edit_keeps_or_replaces_the_results(ledger, roster) -> None:
    p = roster
    saved = spot_checks.save(
        ledger, {"date": DAY, "method": "phone", "results": prefill_results(ledger, DAY, [p["甲"]])}
    )
    values = {k: v for k, v in spot_checks.snapshot(saved).items() if k != "results"}
    spot_checks.save(ledger, {**values, "checker": "组长"}, record_id=saved.id, expected_version=1)
    assert stored_results(saved.id) == [(p["甲"], "on_duty", "")]
    spot_checks.save(
        ledger,
        {**values, "results": [result(p["丙"], "on_business", "去市里开会")]},
        record_id=saved.id,
        expected_version=2,
    )
    assert stored_results(saved.id) == [(p["丙"], "on_business", "去市里开会")]
    assert SpotCheck.get_by_id(saved.id).version == 3
    with pytest.raises(errors.ConflictError):
        spot_checks.save(
            ledger, {**values, "notes": "迟到的修改"}, record_id=saved.id, expected_version=2
        )
    assert SpotCheck.get_by_id(saved.id).notes == ""


def test_delete_and_restore_bring_the_results_back(ledger, roster) -> None:
    p = roster
    saved = spot_checks.save(
        ledger,
        {"date": DAY, "method": "onsite", "results": [result(p["甲"]), result(p["乙"])]},
    )
    entry = spot_checks.delete(ledger, saved.id)
    assert SpotCheck.select().count() == 0 and SpotCheckResult.select().count() == 0
    base.restore(ledger, entry.id)
    assert stored_results(saved.id) == [(p["甲"], "on_duty", ""), (p["乙"], "on_duty", "")]


def test_result_rows_keep_their_ids_while_their_members_stay(ledger, roster) -> None:
    p = roster
    saved = spot_checks.save(
        ledger,
        {"date": DAY, "method": "phone", "results": [result(p["甲"]), result(p["乙"])]},
    )
    ids = result_ids(saved.id)
    values = spot_checks.snapshot(saved)
    spot_checks.save(
        ledger,
        {**values, "results": [result(p["乙"], "absent", "电话未接"), result(p["丙"])]},
        record_id=saved.id,
        expected_version=1,
    )
    after = result_ids(saved.id)
    assert set(after) == {p["乙"], p["丙"]}
    assert after[p["乙"]] == ids[p["乙"]]
    assert after[p["丙"]] not in ids.values()
    assert stored_results(saved.id) == [(p["乙"], "absent", "电话未接"), (p["丙"], "on_duty", "")]
    log = (
        ChangeLog.select()
        .where((ChangeLog.record_id == saved.id) & (ChangeLog.action == "update"))
        .first()
    )
    assert [r["id"] for r in json.loads(log.before)["results"]] == [
        str(ids[p["甲"]]),
        str(ids[p["乙"]]),
    ]
    assert [r["id"] for r in json.loads(log.after)["results"]] == [
        str(after[p["乙"]]),
        str(after[p["丙"]]),
    ]


def test_a_restore_brings_back_the_same_result_rows(ledger, roster) -> None:
    p = roster
    saved = spot_checks.save(
        ledger,
        {
            "date": DAY,
            "method": "video",
            "results": [result(p["甲"], "on_leave"), result(p["乙"], "absent", "未接")],
        },
    )
    ids = result_ids(saved.id)
    entry = spot_checks.delete(ledger, saved.id)
    assert SpotCheckResult.select().count() == 0
    base.restore(ledger, entry.id)
    assert result_ids(saved.id) == ids  # same members, same row ids
    assert stored_results(saved.id) == [(p["甲"], "on_leave", ""), (p["乙"], "absent", "未接")]
