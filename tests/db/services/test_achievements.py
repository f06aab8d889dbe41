"""Achievements: amounts in 万元 and counts by kind, members involved, history, recycle bin, totals."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from db.common import errors
from db.services import base
from db.services.achievements import achievements
from db.store.models import Achievement, AchievementMember, ChangeLog, RecycleBin
from tests.conftest import add_member, d


def member_rows(achievement_id) -> dict:
    return {
        row.member_id: row.id
        for row in AchievementMember.select().where(AchievementMember.achievement == achievement_id)
    }


def test_save_stores_fields_and_members(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = achievements.save(
        ledger,
        {
            "date": "2025-04-18",
            "kind": "消费帮扶金额",
            "title": "商洛农产品进南京机关食堂",
            "amount": "1,234.5678",
            "members": [zhang, str(li)],
            "notes": "第二批",
        },
    )
    stored = Achievement.get_by_id(saved.id)
    assert (stored.date, stored.kind, stored.title) == (
        d("2025-04-18"),
        "consumption_aid",
        "商洛农产品进南京机关食堂",
    )
    assert stored.amount == Decimal("1234.5678")
    assert stored.count is None
    assert stored.notes == "第二批"
    assert set(member_rows(saved.id)) == {zhang, li}
    after = json.loads(ChangeLog.get(ChangeLog.record_id == saved.id).after)
    assert after["amount"] == "1234.5678"
    assert achievements.summary(stored) == "2025-04-18 消费帮扶金额 商洛农产品进南京机关食堂"


def test_a_count_kind_with_a_count_and_no_members(ledger) -> None:
    saved = achievements.save(
        ledger, {"date": "2025-05-09", "kind": "项目签约", "title": "新材料项目签约", "count": "2"}
    )
    stored = Achievement.get_by_id(saved.id)
    assert (stored.kind, stored.count, stored.amount) == ("project_signed", 2, None)
    assert member_rows(saved.id) == {}


def test_amount_keeps_four_places_exactly(ledger) -> None:
    saved = achievements.save(
        ledger, {"date": "2025-05-09", "kind": "consumption_aid", "title": "帮扶", "amount": 0.0001}
    )
    assert Achievement.get_by_id(saved.id).amount == Decimal("0.0001")


def test_every_problem_is_named_by_field_and_nothing_is_saved(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        achievements.save(
            ledger,
            {
                "date": "",
                "kind": "捐款",
                "title": "",
                "amount": "-3",
                "count": "两个",
                "members": ["nobody"],
            },
        )
    err = caught.value
    assert err.fields == {"date", "kind", "title", "amount", "count", "members"}
    assert err.for_field("date")[0].text("zh") == "日期：必须填写"
    assert err.for_field("kind")[0].text("zh").startswith("成果类型：“捐款”不是可选的值")
    assert err.for_field("title")[0].text("en") == "Title: required"
    assert [m.text("zh") for m in err.for_field("amount")] == ["金额（万元）：不能小于 0"]
    assert [m.text("zh") for m in err.for_field("count")] == ["数量：“两个”不是有效数字"]
    assert err.for_field("members")[0].text("zh") == "参与成员：找不到“nobody”"
    assert Achievement.select().count() == 0
    assert AchievementMember.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "achievement").count() == 0


@pytest.mark.parametrize(
    ("amount", "zh"),
    [
        ("1.23456", "金额（万元）：最多保留 4 位小数"),
        ("10000000000", "金额（万元）：不能大于 9999999999.9999"),
        ("很多", "金额（万元）：“很多”不是有效数字"),
    ],
)
def test_amount_problems(ledger, amount, zh) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        achievements.save(
            ledger,
            {"date": "2025-04-18", "kind": "消费帮扶金额", "title": "帮扶", "amount": amount},
        )
    assert [m.text("zh") for m in caught.value.for_field("amount")] == [zh]
    assert caught.value.fields == {"amount"}
    assert Achievement.select().count() == 0


def test_count_must_be_a_whole_number_within_reason(ledger) -> None:
    for count, zh in (("1.5", "数量：“1.5”不是有效数字"), (1_000_001, "数量：不能大于 1000000")):
        with pytest.raises(errors.ValidationError) as caught:
            achievements.save(
                ledger, {"date": "2025-04-18", "kind": "推介活动", "title": "推介", "count": count}
            )
        assert [m.text("zh") for m in caught.value.for_field("count")] == [zh]


@pytest.mark.parametrize(
    ("kind", "given", "field", "zh", "en"),
    [
        (
            "消费帮扶金额",
            {"count": 3},
            "amount",
            "金额（万元）：“消费帮扶金额”类成果必须填写金额",
            "Amount (10,000 yuan): an achievement of the kind “Consumption aid” needs an amount",
        ),
        (
            "项目签约",
            {"amount": "500"},
            "count",
            "数量：“项目签约”类成果必须填写数量",
            "Count: an achievement of the kind “Projects signed” needs a count",
        ),
        ("delegation", {}, "count", "数量：“接待交流团组”类成果必须填写数量", None),
        ("promotion_event", {}, "count", "数量：“推介活动”类成果必须填写数量", None),
        ("宣传报道", {}, "count", "数量：“宣传报道”类成果必须填写数量", None),
    ],
)
def test_each_kind_says_what_is_missing(ledger, kind, given, field, zh, en) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        achievements.save(ledger, {"date": "2025-04-18", "kind": kind, "title": "成果", **given})
    assert caught.value.fields == {field}
    message = caught.value.for_field(field)[0]
    assert message.text("zh") == zh
    if en is not None:
        assert message.text("en") == en
    assert Achievement.select().count() == 0


def test_other_kind_needs_an_amount_or_a_count(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        achievements.save(ledger, {"date": "2025-04-18", "kind": "其他", "title": "成果"})
    err = caught.value
    assert err.fields == {"amount", "count"}
    assert err.for_field("amount")[0].text("zh") == "金额（万元）：请填写金额或数量（至少一项）"
    assert (
        err.for_field("count")[0].text("en") == "Count: fill in an amount or a count (at least one)"
    )
    by_count = achievements.save(
        ledger, {"date": "2025-04-18", "kind": "其他", "title": "成果", "count": 0}
    )
    assert Achievement.get_by_id(by_count.id).count == 0


def test_a_member_named_twice_is_refused(ledger) -> None:
    zhang = add_member(ledger, "张三")
    with pytest.raises(errors.ValidationError) as caught:
        achievements.save(
            ledger,
            {
                "date": "2025-04-18",
                "kind": "推介活动",
                "title": "推介",
                "count": 1,
                "members": [zhang, zhang],
            },
        )
    assert [m.text("zh") for m in caught.value.for_field("members")] == ["参与成员：张三重复填写了"]


def test_update_history_and_stale_version(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    values = {
        "date": "2025-04-18",
        "kind": "推介活动",
        "title": "推介会",
        "count": 1,
        "members": [zhang],
    }
    saved = achievements.save(ledger, values)
    row_before = member_rows(saved.id)[zhang]
    achievements.save(
        ledger,
        {**values, "count": 2, "members": [zhang, li]},
        record_id=saved.id,
        expected_version=1,
    )
    rows = member_rows(saved.id)
    assert set(rows) == {zhang, li} and rows[zhang] == row_before
    log = ChangeLog.get((ChangeLog.record_id == saved.id) & (ChangeLog.action == "update"))
    assert (json.loads(log.before)["count"], json.loads(log.after)["count"]) == (1, 2)
    with pytest.raises(errors.ConflictError):
        achievements.save(
            ledger, {**values, "count": 9, "members": []}, record_id=saved.id, expected_version=1
        )
    stored = Achievement.get_by_id(saved.id)
    assert (stored.count, stored.version) == (2, 2)
    assert set(member_rows(saved.id)) == {zhang, li}


def test_an_update_without_the_members_keeps_them(ledger) -> None:
    zhang = add_member(ledger, "张三")
    values = {"date": "2025-04-18", "kind": "推介活动", "title": "推介会", "count": 1}
    saved = achievements.save(ledger, {**values, "members": [zhang]})
    rows = member_rows(saved.id)
    achievements.save(ledger, {**values, "count": 3}, record_id=saved.id, expected_version=1)
    assert member_rows(saved.id) == rows
    achievements.save(
        ledger, {**values, "count": 3, "members": []}, record_id=saved.id, expected_version=2
    )
    assert member_rows(saved.id) == {}  # an empty list clears them


def test_delete_and_restore_bring_back_the_same_member_rows(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = achievements.save(
        ledger,
        {
            "date": "2025-07-01",
            "kind": "消费帮扶金额",
            "title": "七月帮扶",
            "amount": "88.8",
            "members": [zhang, li],
        },
    )
    rows = member_rows(saved.id)
    entry = achievements.delete(ledger, saved.id)
    assert Achievement.select().count() == 0 and AchievementMember.select().count() == 0
    assert RecycleBin.get_by_id(entry.id).summary == "2025-07-01 消费帮扶金额 七月帮扶"
    base.restore(ledger, entry.id)
    back = Achievement.get_by_id(saved.id)
    assert (back.title, back.amount) == ("七月帮扶", Decimal("88.8000"))
    assert member_rows(saved.id) == rows
