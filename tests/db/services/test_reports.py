"""Research reports: ordered authors, award rules, history, recycle bin, links from surveys."""

from __future__ import annotations

import json

import pytest

from db.common import errors
from db.services import base
from db.services.reports import reports
from db.services.surveys import surveys
from db.store.models import ChangeLog, RecycleBin, ReportAuthor, ResearchReport, Survey
from tests.conftest import add_member, d


def authors_in_order(report_id) -> list[tuple]:
    """(position, member id, row id) of a report's author rows, by position."""
    query = (
        ReportAuthor.select()
        .where(ReportAuthor.report == report_id)
        .order_by(ReportAuthor.position)
    )
    return [(row.position, row.member_id, row.id) for row in query]


def test_save_stores_fields_and_the_authors_in_order(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    wang = add_member(ledger, "王五")
    saved = reports.save(
        ledger,
        {
            "title": "关于商洛与南京共建飞地园区的调研报告",
            "authors": [wang, str(zhang), li],
            "completion_date": "2025年6月30日",
            "submitted_to": "省挂职工作队",
            "award_level": "省级",
            "award_rank": "一等奖",
            "award_date": "2025-09-10",
        },
    )
    stored = ResearchReport.get_by_id(saved.id)
    assert stored.title == "关于商洛与南京共建飞地园区的调研报告"
    assert stored.completion_date == d("2025-06-30")
    assert (stored.submitted_to, stored.award_level, stored.award_rank) == (
        "省挂职工作队",
        "provincial",
        "一等奖",
    )
    assert stored.award_date == d("2025-09-10")
    assert [(p, m) for p, m, _ in authors_in_order(saved.id)] == [(0, wang), (1, zhang), (2, li)]
    assert _author_ids(saved.id) == [wang, zhang, li]
    after = json.loads(ChangeLog.get(ChangeLog.record_id == saved.id).after)
    assert [a["member"] for a in after["authors"]] == [str(wang), str(zhang), str(li)]
    assert reports.summary(stored) == "关于商洛与南京共建飞地园区的调研报告"


def test_every_problem_is_named_by_field_and_nothing_is_saved(ledger) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        reports.save(
            ledger,
            {
                "title": "",
                "authors": None,
                "completion_date": "六月底",
                "award_level": "国家级",
                "award_rank": "二等奖",
                "submitted_to": "单" * 201,
            },
        )
    err = caught.value
    assert err.fields == {"title", "authors", "completion_date", "award_level", "submitted_to"}
    assert err.for_field("title")[0].text("zh") == "报告题目：必须填写"
    assert err.for_field("authors")[0].text("zh") == "作者：至少选择一名成员"
    assert err.for_field("authors")[0].text("en") == "Authors: choose at least one member"
    assert err.for_field("completion_date")[0].text("zh") == (
        "完成日期：“六月底”不是有效日期，请按 2025-03-01 的格式填写"
    )
    # A level that is not a choice is one problem; it is not also reported as missing.
    assert [m.text("zh") for m in err.for_field("award_level")] == [
        "获奖级别：“国家级”不是可选的值（可选：省级、市级、其他）"
    ]
    assert err.for_field("submitted_to")[0].text("en") == (
        "Submitted to: at most 200 characters, 201 given"
    )
    assert ResearchReport.select().count() == 0
    assert ReportAuthor.select().count() == 0
    assert ChangeLog.select().where(ChangeLog.kind == "report").count() == 0


def test_rank_or_award_date_without_a_level_is_refused(ledger) -> None:
    zhang = add_member(ledger, "张三")
    with pytest.raises(errors.ValidationError) as caught:
        reports.save(
            ledger,
            {
                "title": "报告",
                "authors": [zhang],
                "award_rank": "二等奖",
                "award_date": "2025-10-01",
            },
        )
    err = caught.value
    assert err.fields == {"award_level"}
    assert [m.text("zh") for m in err.for_field("award_level")] == [
        "获奖级别：填写了获奖等次时必须填写",
        "获奖级别：填写了获奖日期时必须填写",
    ]
    assert err.for_field("award_level")[0].text("en") == (
        "Award level: required when Award rank is filled in"
    )
    with pytest.raises(errors.ValidationError) as caught:
        reports.save(ledger, {"title": "报告", "authors": [zhang], "award_date": "2025-10-01"})
    assert [m.text("zh") for m in caught.value.for_field("award_level")] == [
        "获奖级别：填写了获奖日期时必须填写"
    ]
    assert ResearchReport.select().count() == 0


def test_award_date_before_completion_is_refused(ledger) -> None:
    zhang = add_member(ledger, "张三")
    with pytest.raises(errors.ValidationError) as caught:
        reports.save(
            ledger,
            {
                "title": "报告",
                "authors": [zhang],
                "completion_date": "2025-06-30",
                "award_level": "市级",
                "award_date": "2025-06-29",
            },
        )
    assert caught.value.fields == {"award_date"}
    assert caught.value.for_field("award_date")[0].text("zh") == "获奖日期：不能早于完成日期"
    assert caught.value.for_field("award_date")[0].text("en") == (
        "Award date: must not be before Completed on"
    )
    # The same day is fine, and so is a level alone.
    same_day = reports.save(
        ledger,
        {
            "title": "报告",
            "authors": [zhang],
            "completion_date": "2025-06-30",
            "award_level": "市级",
            "award_date": "2025-06-30",
        },
    )
    assert ResearchReport.get_by_id(same_day.id).award_level == "municipal"


def test_an_author_named_twice_is_refused(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    with pytest.raises(errors.ValidationError) as caught:
        reports.save(ledger, {"title": "报告", "authors": [zhang, li, zhang]})
    assert [m.text("zh") for m in caught.value.for_field("authors")] == ["作者：张三重复填写了"]


def test_reordering_authors_keeps_their_rows(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    wang = add_member(ledger, "王五")
    saved = reports.save(ledger, {"title": "报告", "authors": [zhang, li, wang]})
    rows = {m: r for _, m, r in authors_in_order(saved.id)}
    reports.save(
        ledger, {"title": "报告", "authors": [wang, zhang]}, record_id=saved.id, expected_version=1
    )
    assert authors_in_order(saved.id) == [(0, wang, rows[wang]), (1, zhang, rows[zhang])]
    log = ChangeLog.get((ChangeLog.record_id == saved.id) & (ChangeLog.action == "update"))
    assert [a["member"] for a in json.loads(log.before)["authors"]] == [
        str(zhang),
        str(li),
        str(wang),
    ]
    assert [a["member"] for a in json.loads(log.after)["authors"]] == [str(wang), str(zhang)]


def test_stale_version_is_a_conflict_and_overwrites_nothing(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = reports.save(ledger, {"title": "初稿", "authors": [zhang]})
    reports.save(
        ledger, {"title": "甲改的", "authors": [zhang]}, record_id=saved.id, expected_version=1
    )
    with pytest.raises(errors.ConflictError):
        reports.save(
            ledger, {"title": "乙改的", "authors": [li]}, record_id=saved.id, expected_version=1
        )
    assert ResearchReport.get_by_id(saved.id).title == "甲改的"
    assert _author_ids(saved.id) == [zhang]


def test_delete_and_restore_bring_back_the_same_author_rows_in_order(ledger) -> None:
    zhang = add_member(ledger, "张三")
    li = add_member(ledger, "李四")
    saved = reports.save(
        ledger,
        {
            "title": "消费帮扶调研",
            "authors": [li, zhang],
            "award_level": "市级",
            "award_rank": "二等奖",
        },
    )
    rows = authors_in_order(saved.id)
    entry = reports.delete(ledger, saved.id)
    assert ResearchReport.select().count() == 0
    assert ReportAuthor.select().count() == 0
    assert RecycleBin.get_by_id(entry.id).summary == "消费帮扶调研"
    base.restore(ledger, entry.id)
    back = ResearchReport.get_by_id(saved.id)
    assert (back.title, back.award_level, back.award_rank) == (
        "消费帮扶调研",
        "municipal",
        "二等奖",
    )
    assert authors_in_order(saved.id) == rows


def test_a_report_that_surveys_refer_to_cannot_be_deleted(ledger) -> None:
    zhang = add_member(ledger, "张三")
    report = reports.save(ledger, {"title": "园区调研", "authors": [zhang]})
    survey = surveys.save(
        ledger,
        {
            "date": "2025-03-05",
            "kind": "专题调研",
            "visited": "江宁园区",
            "participants": [zhang],
            "report": report.id,
        },
    )
    with pytest.raises(errors.ActionRefusedError) as caught:
        reports.delete(ledger, report.id)
    assert caught.value.text("zh") == (
        "有 1 条调研记录关联了调研报告“园区调研”，不能删除；请先在这些调研记录中取消关联。"
    )
    assert Survey.get_by_id(survey.id).report_id == report.id
    assert RecycleBin.select().count() == 0


def _author_ids(report_id) -> list:
    """The report's authors as stored, in their order."""
    rows = (
        ReportAuthor.select()
        .where(ReportAuthor.report == report_id)
        .order_by(ReportAuthor.position)
    )
    return [row.member_id for row in rows]
