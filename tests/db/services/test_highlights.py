"""Monthly highlights: month forms, categories, the duplicate rule, history, recycle bin, queries."""

from __future__ import annotations

import datetime
import json
import sqlite3
import uuid

import pytest

from db.common import errors
from db.services import base
from db.services.highlights import HighlightService, highlights
from db.store.models import ChangeLog, Highlight, RecycleBin
from tests.conftest import add_member, d


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2025-03", d("2025-03-01")),
        ("2025年3月", d("2025-03-01")),
        ("2025/11", d("2025-11-01")),
        ("2025-03-17", d("2025-03-01")),
        (datetime.date(2025, 12, 31), d("2025-12-01")),
    ],
)
def test_month_is_stored_as_its_first_day(ledger, typed, stored) -> None:
    zhang = add_member(ledger, "张三")
    saved = highlights.save(ledger, {"member": zhang, "month": typed, "title": "牵线一个项目"})
    assert Highlight.get_by_id(saved.id).month == stored


def test_save_stores_fields_and_history(ledger) -> None:
    zhang = add_member(ledger, "张三")
    saved = highlights.save(
        ledger,
        {
            "member": str(zhang),
            "month": "2025年4月",
            "title": "促成商洛香菇进南京社区团购",
            "text": "对接三家平台，首批销售 12 万元。",
            "category": "消费帮扶",
            "featured": "是",
        },
    )
    stored = Highlight.get_by_id(saved.id)
    assert stored.member_id == zhang
    assert stored.month == d("2025-04-01")
    assert (stored.title, stored.text) == (
        "促成商洛香菇进南京社区团购",
        "对接三家平台，首批销售 12 万元。",
    )
    assert (stored.category, stored.featured) == ("consumption", True)
    log = ChangeLog.get(ChangeLog.record_id == saved.id)
    assert log.action == "create"
    assert json.loads(log.after)["month"] == "2025-04-01"
    assert highlights.summary(stored) == "2025-04 张三 促成商洛香菇进南京社区团购"


def test_category_defaults_to_other_and_featured_to_no(ledger) -> None:
    zhang = add_member(ledger, "张三")
    saved = highlights.save(ledger, {"member": zhang, "month": "2025-05", "title": "写好一篇信息"})
    stored = Highlight.get_by_id(saved.id)
    assert (stored.category, stored.featured) == ("other", False)


def test_every_problem_is_named_by_field_and_nothing_is_saved(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        highlights.save(
            ledger,
            {
                "member": "",
                "month": "2025年13月",
                "title": "",
                "category": "招商",
                "featured": "也许",
            },
        )
    err = caught.value
    assert err.fields == {"member", "month", "title", "category", "featured"}
    assert err.for_field("member")[0].text("zh") == "成员：必须填写"
    assert err.for_field("member")[0].text("en") == "Member: required"
    assert err.for_field("month")[0].text("zh") == (
        "月份：“2025年13月”不是有效月份，请按 2025-03 的格式填写"
    )
    assert err.for_field("title")[0].text("zh") == "亮点标题：必须填写"
    assert err.for_field("category")[0].text("zh") == (
        "类别：“招商”不是可选的值（可选：招商引资、消费帮扶、宣传推介、交流互访、调查研究、其他）"
    )
    assert err.for_field("featured")[0].text("zh") == "重点亮点：请填“是”或“否”，而不是“也许”"
    assert Highlight.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "highlight").count() == 0


def test_missing_month_and_unknown_member(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        highlights.save(ledger, {"member": "0190a0d2-0000-7000-8000-000000000000", "title": "标题"})
    err = caught.value
    assert err.fields == {"member", "month"}
    assert err.for_field("member")[0].text("zh") == (
        "成员：找不到这位成员（0190a0d2-0000-7000-8000-000000000000）"
    )
    assert err.for_field("month")[0].text("en") == "Month: required"


def test_several_highlights_a_month_but_not_the_same_title_twice(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    first = highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "招商推介会"})
    highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "走访园区"})
    highlights.save(ledger, {"member": li, "month": "2025-03", "title": "招商推介会"})
    highlights.save(ledger, {"member": zhang, "month": "2025-04", "title": "招商推介会"})
    with pytest.raises(errors.ValidationError) as caught:
        highlights.save(ledger, {"member": zhang, "month": "2025-03-20", "title": " 招商推介会 "})
    message = caught.value.for_field("title")[0]
    assert caught.value.fields == {"title"}
    assert message.text("zh") == "亮点标题：张三在2025年3月已有一个题为“招商推介会”的亮点"
    assert message.text("en") == (
        "Title: 张三 already has a highlight titled “招商推介会” for 2025-03"
    )
    assert Highlight.select().count() == 4
    # Editing the highlight itself is not a clash with itself.
    highlights.save(
        ledger,
        {"member": zhang, "month": "2025-03", "title": "招商推介会", "featured": True},
        record_id=first.id,
        expected_version=1,
    )
    assert Highlight.get_by_id(first.id).featured is True


def test_moving_a_highlight_onto_a_taken_title_is_refused(ledger) -> None:
    zhang = add_member(ledger, "张三")
    highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "招商推介会"})
    april = highlights.save(ledger, {"member": zhang, "month": "2025-04", "title": "招商推介会"})
    with pytest.raises(errors.ValidationError):
        highlights.save(
            ledger,
            {"member": zhang, "month": "2025-03", "title": "招商推介会"},
            record_id=april.id,
            expected_version=1,
        )
    assert Highlight.get_by_id(april.id).month == d("2025-04-01")


def test_stale_version_is_a_conflict_and_overwrites_nothing(ledger) -> None:
    zhang = add_member(ledger, "张三")
    saved = highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "初稿"})
    highlights.save(
        ledger,
        {"member": zhang, "month": "2025-03", "title": "甲改的"},
        record_id=saved.id,
        expected_version=1,
    )
    with pytest.raises(errors.ConflictError):
        highlights.save(
            ledger,
            {"member": zhang, "month": "2025-03", "title": "乙改的"},
            record_id=saved.id,
            expected_version=1,
        )
    stored = Highlight.get_by_id(saved.id)
    assert (stored.title, stored.version) == ("甲改的", 2)


def test_delete_and_restore_keep_identity_and_fields(ledger) -> None:
    zhang = add_member(ledger, "张三")
    saved = highlights.save(
        ledger,
        {
            "member": zhang,
            "month": "2025-06",
            "title": "组织招商活动",
            "category": "investment",
            "featured": True,
            "text": "签约两个项目",
        },
    )
    entry = highlights.delete(ledger, saved.id)
    assert Highlight.select().count() == 0
    assert RecycleBin.get_by_id(entry.id).summary == "2025-06 张三 组织招商活动"
    base.restore(ledger, entry.id)
    back = Highlight.get_by_id(saved.id)
    assert (back.member_id, back.month, back.title, back.text, back.category, back.featured) == (
        zhang,
        d("2025-06-01"),
        "组织招商活动",
        "签约两个项目",
        "investment",
        True,
    )
    assert RecycleBin.select().count() == 0


def test_restore_is_refused_when_the_title_was_taken_meanwhile(ledger) -> None:
    zhang = add_member(ledger, "张三")
    saved = highlights.save(ledger, {"member": zhang, "month": "2025-06", "title": "组织招商活动"})
    entry = highlights.delete(ledger, saved.id)
    highlights.save(ledger, {"member": zhang, "month": "2025-06", "title": "组织招商活动"})
    with pytest.raises(errors.ValidationError) as caught:
        base.restore(ledger, entry.id)
    assert caught.value.fields == {"title"}
    assert RecycleBin.select().count() == 1
    assert Highlight.select().count() == 1


def test_titles_read_once_in_a_transaction_follow_its_writes(ledger) -> None:
    zhang = add_member(ledger, "张三")

    def save(title: str, month: str = "2025-03", record_id: object = None) -> Highlight:
        values = {"member": zhang, "month": month, "title": title}
        return highlights.save(ledger, values, record_id=record_id)

    def taken(title: str, month: str = "2025-03") -> bool:
        try:  # validate() writes nothing and, unlike a failed save, keeps the memos
            highlights.validate(ledger, {"member": zhang, "month": month, "title": title})
        except errors.ValidationError as exc:
            assert exc.fields == {"title"}
            return True
        return False

    with ledger.transaction():
        assert not taken("甲")  # March's titles are read now and kept
        first = save("甲")
        assert taken("甲")
        save("乙", record_id=first.id)
        assert (taken("甲"), taken("乙")) == (False, True)
        assert not taken("乙", month="2025-04")
        save("乙", month="2025-04", record_id=first.id)
        assert (taken("乙"), taken("乙", month="2025-04")) == (False, True)
        entry = highlights.delete(ledger, first.id)
        assert not taken("乙", month="2025-04")
        base.restore(ledger, entry.id)
        assert taken("乙", month="2025-04")


def test_a_save_after_an_update_in_one_transaction_sees_the_new_title(ledger) -> None:
    zhang = add_member(ledger, "张三")
    with ledger.transaction():
        first = highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "甲"})
        highlights.save(
            ledger, {"member": zhang, "month": "2025-03", "title": "乙"}, record_id=first.id
        )
        with pytest.raises(errors.ValidationError) as caught:
            highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "乙"})
        assert caught.value.for_field("title")[0].text("zh") == (
            "亮点标题：张三在2025年3月已有一个题为“乙”的亮点"
        )
        highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "甲"})
    assert sorted(h.title for h in Highlight.select()) == ["乙", "甲"]


def test_two_programs_saving_the_same_title_at_once_meet_the_forms_message(
    ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    zhang = add_member(ledger, "张三")
    highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "招商推介会"})
    # The other program's check ran before this one's row was committed: it saw no such title.
    monkeypatch.setattr(HighlightService, "memo", lambda self, ledger, values: {})
    with ledger.transaction():
        with pytest.raises(errors.ValidationError) as caught:
            highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "招商推介会"})
        # Only the refused save is undone (a savepoint): the transaction goes on, on PostgreSQL too.
        highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "走访园区"})
    assert caught.value.fields == {"title"}
    assert caught.value.for_field("title")[0].text("zh") == (
        "亮点标题：张三在2025年3月已有一个题为“招商推介会”的亮点"
    )
    assert sorted(h.title for h in Highlight.select()) == ["招商推介会", "走访园区"]


def test_the_migration_keeps_duplicates_saved_before_it_under_new_titles(tmp_path) -> None:
    from db.services.groups import work_groups
    from db.store.database import open_database

    path = tmp_path / "ledger.sqlite3"
    with open_database(path) as ledger:
        work_groups.create_group(ledger, {"name": "测试工作组"})
        zhang = add_member(ledger, "张三")
        first = highlights.save(ledger, {"member": zhang, "month": "2025-03", "title": "招商"})
    # As a file written before migration 0003 could hold them: three of one title, one "招商（2）".
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX highlight_member_id_month_title")
    conn.execute("DELETE FROM schema_migration WHERE name = '0003_unique_rules'")
    cursor = conn.execute("SELECT * FROM highlight WHERE id = ?", (first.id.hex,))
    columns = [c[0] for c in cursor.description]
    row = dict(zip(columns, cursor.fetchone(), strict=True))
    for number, title in enumerate(["招商", "招商", "招商（2）"], start=1):
        copy = {**row, "id": uuid.uuid4().hex, "title": title}
        copy["created_at"] = f"2026-12-0{number} 00:00:00"  # saved after the first
        conn.execute(
            f"INSERT INTO highlight ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [copy[c] for c in columns],
        )
    conn.commit()
    conn.close()

    with open_database(path):
        titles = sorted(h.title for h in Highlight.select())
    assert titles == ["招商", "招商（2）", "招商（3）", "招商（4）"]
