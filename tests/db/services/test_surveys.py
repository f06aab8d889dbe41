"""Surveys: fields and participants, every field problem, atomic saves, history, recycle bin."""

from __future__ import annotations

import json
import uuid

import pytest

from db.common import errors
from db.services import base
from db.services.groups import work_groups
from db.services.members import members
from db.services.reports import reports
from db.services.surveys import surveys
from db.store.models import ChangeLog, Member, RecycleBin, Survey, SurveyParticipant
from tests.conftest import add_member, d


def participant_rows(survey_id) -> dict:
    """member id -> row id of a survey's participant rows."""
    return {
        row.member_id: row.id
        for row in SurveyParticipant.select().where(SurveyParticipant.survey == survey_id)
    }


def survey_values(**overrides) -> dict:
    values = {
        "date": "2025-03-05",
        "kind": "企业调研",
        "visited": "南京某新材料科技有限公司",
        "place": "江宁开发区",
        "topic": "新材料产业链配套",
        "findings": "企业有意在商洛设立原料基地",
        "follow_up": "4月组织对接",
    }
    values.update(overrides)
    return values


def test_save_stores_fields_codes_and_participants(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    report = reports.save(ledger, {"title": "新材料产业调研报告", "authors": [zhang]})
    saved = surveys.save(
        ledger, survey_values(participants=[str(li), zhang], report=str(report.id))
    )
    stored = Survey.get_by_id(saved.id)
    assert stored.date == d("2025-03-05")
    assert stored.kind == "enterprise"  # the label was typed, the code is stored
    assert (stored.visited, stored.place, stored.topic) == (
        "南京某新材料科技有限公司",
        "江宁开发区",
        "新材料产业链配套",
    )
    assert (stored.findings, stored.follow_up) == ("企业有意在商洛设立原料基地", "4月组织对接")
    assert stored.report_id == report.id
    assert stored.group_id == ledger.group_id
    assert set(participant_rows(saved.id)) == {zhang, li}
    log = ChangeLog.get((ChangeLog.record_id == saved.id) & (ChangeLog.kind == "survey"))
    assert (log.action, log.operator, log.before) == ("create", "测试员", None)
    after = json.loads(log.after)
    assert after["kind"] == "enterprise"
    assert {row["member"] for row in after["participants"]} == {str(zhang), str(li)}
    assert surveys.summary(stored) == "2025-03-05 企业调研 南京某新材料科技有限公司"


def test_kind_accepts_english_label_and_code(ledger) -> None:
    zhang = add_member(ledger, "张三")
    a = surveys.save(ledger, survey_values(kind="Field survey", participants=[zhang]))
    b = surveys.save(ledger, survey_values(kind="visit", participants=[zhang]))
    assert (Survey.get_by_id(a.id).kind, Survey.get_by_id(b.id).kind) == ("practice", "visit")


def test_every_problem_is_named_by_field_and_nothing_is_saved(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        surveys.save(
            ledger,
            {
                "date": "2025-02-30",
                "kind": "随便看看",
                "visited": "  ",
                "topic": "题" * 301,
                "report": "not-an-id",
                "participants": [],
            },
        )
    err = caught.value
    assert err.fields == {"date", "kind", "visited", "topic", "report", "participants"}
    assert err.for_field("date")[0].text("zh") == (
        "调研日期：“2025-02-30”不是有效日期，请按 2025-03-01 的格式填写"
    )
    assert err.for_field("kind")[0].text("zh") == (
        "调研类型：“随便看看”不是可选的值（可选：企业调研、实践调研、专题调研、座谈走访）"
    )
    assert err.for_field("visited")[0].text("zh") == "调研对象：必须填写"
    assert err.for_field("visited")[0].text("en") == "Enterprise or body visited: required"
    assert err.for_field("topic")[0].text("zh") == "调研主题：最多 300 个字，现有 301 个"
    assert err.for_field("report")[0].text("zh") == "形成的调研报告：找不到“not-an-id”"
    assert err.for_field("participants")[0].text("zh") == "参加人员：至少选择一名成员"
    assert err.for_field("participants")[0].text("en") == "Participants: choose at least one member"
    assert Survey.select().count() == 0
    assert SurveyParticipant.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "survey").count() == 0


def test_missing_date_and_kind_are_required(ledger) -> None:
    zhang = add_member(ledger, "张三")
    with pytest.raises(errors.ValidationError) as caught:
        surveys.save(ledger, survey_values(date="", kind=None, participants=[zhang]))
    err = caught.value
    assert err.fields == {"date", "kind"}
    assert err.for_field("date")[0].text("zh") == "调研日期：必须填写"
    assert err.for_field("kind")[0].text("en") == "Kind: required"


def test_participant_named_twice_is_refused_by_name(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    with pytest.raises(errors.ValidationError) as caught:
        surveys.save(ledger, survey_values(participants=[zhang, li, str(zhang)]))
    messages = caught.value.for_field("participants")
    assert [m.text("zh") for m in messages] == ["参加人员：张三重复填写了"]
    assert messages[0].text("en") == "Participants: 张三 is listed more than once"
    assert Survey.select().count() == 0


def test_participant_must_be_a_member_of_this_group(ledger) -> None:
    ours = add_member(ledger, "张三")
    home = ledger.group_id
    other_group = work_groups.save(ledger, {"name": "另一工作组"})
    ledger.group_id = other_group.id
    theirs = add_member(ledger, "外组成员")
    ledger.group_id = home
    unknown = uuid.uuid4()
    with pytest.raises(errors.ValidationError) as caught:
        surveys.save(ledger, survey_values(participants=[ours, theirs, unknown]))
    texts = [m.text("zh") for m in caught.value.for_field("participants")]
    assert texts == [
        f"参加人员：找不到这位成员（{theirs}）",
        f"参加人员：找不到这位成员（{unknown}）",
    ]
    assert Survey.select().count() == 0


def test_report_of_another_group_is_refused(ledger) -> None:
    zhang = add_member(ledger, "张三")
    home = ledger.group_id
    other_group = work_groups.save(ledger, {"name": "另一工作组"})
    ledger.group_id = other_group.id
    their_author = add_member(ledger, "外组成员")
    theirs = reports.save(ledger, {"title": "外组的报告", "authors": [their_author]})
    ledger.group_id = home
    with pytest.raises(errors.ValidationError) as caught:
        surveys.save(ledger, survey_values(participants=[zhang], report=theirs.id))
    assert caught.value.for_field("report")[0].text("zh") == (
        "形成的调研报告：所选的调研报告已不存在（可能已被删除）"
    )


def test_a_failure_while_writing_participants_leaves_nothing(ledger, monkeypatch) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    real_create = SurveyParticipant.create.__func__
    calls = []

    def failing_create(cls, **fields):
        calls.append(fields)
        if len(calls) == 2:
            raise RuntimeError("the disk went away")
        return real_create(cls, **fields)

    monkeypatch.setattr(SurveyParticipant, "create", classmethod(failing_create))
    with pytest.raises(RuntimeError):
        surveys.save(ledger, survey_values(participants=[zhang, li]))
    assert len(calls) == 2  # the first participant row had been written
    assert Survey.select().count() == 0
    assert SurveyParticipant.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "survey").count() == 0


def test_update_keeps_rows_of_staying_participants_and_logs_before_and_after(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    wang = add_member(ledger, "王五")
    saved = surveys.save(ledger, survey_values(participants=[zhang, li]))
    before_rows = participant_rows(saved.id)
    updated = surveys.save(
        ledger,
        survey_values(visited="南京某食品公司", participants=[li, wang]),
        record_id=saved.id,
        expected_version=1,
    )
    assert updated.version == 2
    after_rows = participant_rows(saved.id)
    assert set(after_rows) == {li, wang}
    assert after_rows[li] == before_rows[li]  # 李四's row kept its identity
    log = ChangeLog.get((ChangeLog.record_id == saved.id) & (ChangeLog.action == "update"))
    before, after = json.loads(log.before), json.loads(log.after)
    assert (before["visited"], after["visited"]) == ("南京某新材料科技有限公司", "南京某食品公司")
    assert {r["member"] for r in before["participants"]} == {str(zhang), str(li)}
    assert {r["member"] for r in after["participants"]} == {str(li), str(wang)}


def test_saving_the_same_values_again_writes_no_history(ledger) -> None:
    zhang = add_member(ledger, "张三")
    saved = surveys.save(ledger, survey_values(participants=[zhang]))
    surveys.save(
        ledger, survey_values(participants=[zhang]), record_id=saved.id, expected_version=1
    )
    assert ChangeLog.select().where(ChangeLog.record_id == saved.id).count() == 1


def test_stale_version_is_a_conflict_and_overwrites_nothing(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = surveys.save(ledger, survey_values(participants=[zhang]))
    surveys.save(
        ledger,
        survey_values(findings="甲改的", participants=[zhang]),
        record_id=saved.id,
        expected_version=1,
    )
    with pytest.raises(errors.ConflictError) as caught:
        surveys.save(
            ledger,
            survey_values(findings="乙改的", participants=[li]),
            record_id=saved.id,
            expected_version=1,
        )
    assert "调研记录" in caught.value.text("zh") and "测试员" in caught.value.text("zh")
    assert Survey.get_by_id(saved.id).findings == "甲改的"
    assert set(participant_rows(saved.id)) == {zhang}


def test_delete_and_restore_bring_back_the_same_participant_rows(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = surveys.save(ledger, survey_values(participants=[zhang, li]))
    rows = participant_rows(saved.id)
    entry = surveys.delete(ledger, saved.id)
    assert Survey.get_or_none(Survey.id == saved.id) is None
    assert SurveyParticipant.select().count() == 0
    assert RecycleBin.get_by_id(entry.id).summary == "2025-03-05 企业调研 南京某新材料科技有限公司"
    base.restore(ledger, entry.id)
    back = Survey.get_by_id(saved.id)
    assert (back.visited, back.kind, back.date) == (
        "南京某新材料科技有限公司",
        "enterprise",
        d("2025-03-05"),
    )
    assert participant_rows(saved.id) == rows  # same members, same row ids
    assert RecycleBin.select().count() == 0
    actions = [
        c.action
        for c in ChangeLog.select().where(ChangeLog.record_id == saved.id).order_by(ChangeLog.at)
    ]
    assert sorted(actions) == ["create", "delete", "restore"]


def test_restore_is_refused_when_a_participant_was_deleted_meanwhile(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = surveys.save(ledger, survey_values(participants=[zhang, li]))
    entry = surveys.delete(ledger, saved.id)
    members.delete(ledger, li)
    with pytest.raises(errors.ValidationError) as caught:
        base.restore(ledger, entry.id)
    assert caught.value.fields == {"participants"}
    assert Survey.select().count() == 0
    assert RecycleBin.select().where(RecycleBin.kind == "survey").count() == 1


def test_a_member_with_surveys_cannot_be_deleted(ledger) -> None:
    zhang = add_member(ledger, "张三")
    surveys.save(ledger, survey_values(participants=[zhang]))
    with pytest.raises(errors.ActionRefusedError):
        members.delete(ledger, zhang)
    assert Member.get_or_none(Member.id == zhang) is not None


def test_values_copied_from_another_survey_make_new_rows(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    first = surveys.save(ledger, survey_values(participants=[zhang, li]))
    # "Save and new" may hand the previous record's snapshot back, row ids and all.
    copied = {**surveys.snapshot(first), "date": "2025-03-12", "id": None, "version": None}
    second = surveys.save(ledger, copied)
    first_rows, second_rows = participant_rows(first.id), participant_rows(second.id)
    assert set(first_rows) == set(second_rows) == {zhang, li}
    assert set(first_rows.values()).isdisjoint(second_rows.values())
    assert Survey.get_by_id(second.id).date == d("2025-03-12")


def test_an_update_without_the_participants_keeps_them(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = surveys.save(ledger, survey_values(participants=[zhang, li]))
    rows = participant_rows(saved.id)
    surveys.save(
        ledger, survey_values(findings="补充了发现"), record_id=saved.id, expected_version=1
    )
    assert Survey.get_by_id(saved.id).findings == "补充了发现"
    assert participant_rows(saved.id) == rows
    # An empty list is not a list left out: a survey still needs someone who went.
    with pytest.raises(errors.ValidationError) as caught:
        surveys.save(ledger, survey_values(participants=[]), record_id=saved.id, expected_version=2)
    assert caught.value.for_field("participants")[0].text("zh") == "参加人员：至少选择一名成员"
