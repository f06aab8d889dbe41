"""Members: validation, history, recycle bin, optimistic locking and pinyin search."""

from __future__ import annotations

import json

import pytest

from db.common import errors
from db.services import base
from db.services.groups import party_groups
from db.services.members import members
from db.store.models import ChangeLog, Member, RecycleBin
from tests.conftest import add_member


def test_save_writes_the_record_and_its_history(ledger) -> None:
    member = members.save(
        ledger,
        {"name": "张三", "gender": "男", "political_status": "中共党员", "phone": "13800000000"},
    )
    stored = Member.get_by_id(member.id)
    assert (stored.name, stored.gender, stored.political_status) == ("张三", "male", "cpc_member")
    assert stored.version == 1
    log = ChangeLog.get(ChangeLog.record_id == member.id)
    assert (log.action, log.operator, log.before) == ("create", "测试员", None)
    assert json.loads(log.after)["name"] == "张三"
    assert log.summary == "张三"  # the history names the record, not only 新建


def test_every_problem_is_named_by_field_and_nothing_is_saved(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        members.save(
            ledger,
            {
                "name": " ",
                "gender": "不详",
                "phone": "电话号码",
                "term_start": "2025-13-01",
                "status": "提前结束",
            },
        )
    err = caught.value
    assert err.fields == {"name", "gender", "phone", "term_start", "term_end"}
    assert err.for_field("name")[0].text("zh") == "姓名：必须填写"
    assert err.for_field("name")[0].text("en") == "Name: required"
    assert "2025-13-01" in err.for_field("term_start")[0].text("zh")
    assert Member.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "member").count() == 0


def test_update_records_before_and_after(ledger) -> None:
    member_id = add_member(ledger, "李四")
    members.save(
        ledger, {"name": "李四", "phone": "025-12345678"}, record_id=member_id, expected_version=1
    )
    log = (
        ChangeLog.select()
        .where((ChangeLog.record_id == member_id) & (ChangeLog.action == "update"))
        .get()
    )
    assert json.loads(log.before)["phone"] == ""
    assert json.loads(log.after)["phone"] == "025-12345678"
    assert Member.get_by_id(member_id).version == 2


def test_stale_version_is_a_conflict_and_overwrites_nothing(ledger) -> None:
    member_id = add_member(ledger, "王五")
    members.save(
        ledger, {"name": "王五", "notes": "甲改的"}, record_id=member_id, expected_version=1
    )
    with pytest.raises(errors.ConflictError) as caught:
        members.save(
            ledger, {"name": "王五", "notes": "乙改的"}, record_id=member_id, expected_version=1
        )
    assert "测试员" in str(caught.value)
    assert Member.get_by_id(member_id).notes == "甲改的"


def test_delete_to_recycle_bin_and_restore_keeps_identity(ledger) -> None:
    pg = party_groups.save(ledger, {"name": "第一党小组"})
    member_id = add_member(ledger, "赵六", party_group=str(pg.id), phone="13900000000")
    entry = members.delete(ledger, member_id)
    assert Member.get_or_none(Member.id == member_id) is None
    assert RecycleBin.get_by_id(entry.id).summary == "赵六"
    base.restore(ledger, entry.id)
    back = Member.get_by_id(member_id)
    assert (back.name, back.phone, back.party_group_id) == ("赵六", "13900000000", pg.id)
    assert RecycleBin.select().count() == 0
    actions = [
        c.action
        for c in ChangeLog.select().where(ChangeLog.record_id == member_id).order_by(ChangeLog.at)
    ]
    assert actions == ["create", "delete", "restore"]
    labels = {c.summary for c in ChangeLog.select().where(ChangeLog.record_id == member_id)}
    assert labels == {"赵六"}


def test_party_group_by_name_and_unknown_name(ledger) -> None:
    pg = party_groups.save(ledger, {"name": "第二党小组"})
    member_id = add_member(ledger, "钱七", party_group="第二党小组")
    assert Member.get_by_id(member_id).party_group_id == pg.id
    with pytest.raises(errors.ValidationError) as caught:
        members.save(ledger, {"name": "孙八", "party_group": "第九党小组"})
    assert "第九党小组" in caught.value.for_field("party_group")[0].text()


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("张三", ["zs", "zhangs", "张", "三"]),
        ("单雄信", ["sxx", "dxx", "cxx", "shanx", "danxiong"]),
        ("曾国藩", ["zgf", "cgf"]),
        ("解缙", ["xj", "jj"]),
        ("仇英", ["qy", "cy"]),
        ("区小平", ["oxp", "qxp"]),
        ("朴明", ["pm", "piaom"]),
        ("翟东", ["zd", "dd"]),
    ],
)
def test_member_search_by_every_reading(ledger, name: str, queries: list[str]) -> None:
    add_member(ledger, name)
    add_member(ledger, "欧阳修")
    for query in queries:
        assert [m.name for m in members.search(ledger, query)] == [name], query


def test_manual_pinyin_correction_is_searchable(ledger) -> None:
    member_id = add_member(ledger, "万俟卨", pinyin_override="mo qi xie")
    assert [m.id for m in members.search(ledger, "mqx")] == [member_id]
    assert [m.id for m in members.search(ledger, "moqi")] == [member_id]


def test_members_read_once_in_a_transaction_follow_its_writes(ledger) -> None:
    from db.services.highlights import highlights

    zhang = add_member(ledger, "张三")

    def known(member_id: object) -> bool:
        try:
            highlights.validate(ledger, {"member": member_id, "month": "2025-03", "title": "甲"})
        except errors.ValidationError as exc:
            assert exc.fields == {"member"}
            return False
        return True

    with ledger.transaction():
        assert known(zhang)  # the group's members are read now and kept
        li = members.save(ledger, {"name": "李四"}).id
        assert known(li)
        members.delete(ledger, zhang)
        assert not known(zhang)
        base.restore(ledger, RecycleBin.get().id)
        assert known(zhang)


def test_party_groups_read_once_in_a_transaction_follow_its_writes(ledger) -> None:
    with ledger.transaction():
        first = party_groups.save(ledger, {"name": "第一党小组"})
        assert members.validate(ledger, {"name": "张三", "party_group": "第一党小组"})[
            "party_group"
        ] == (first.id)
        party_groups.save(ledger, {"name": "第二党小组"}, record_id=first.id)
        assert members.validate(ledger, {"name": "张三", "party_group": "第二党小组"})[
            "party_group"
        ] == (first.id)
        with pytest.raises(errors.ValidationError) as caught:
            members.validate(ledger, {"name": "张三", "party_group": "第一党小组"})
        assert caught.value.for_field("party_group")[0].text() == "党小组：找不到“第一党小组”"
        party_groups.delete(ledger, first.id)
        with pytest.raises(errors.ValidationError):
            members.validate(ledger, {"name": "张三", "party_group": str(first.id)})
