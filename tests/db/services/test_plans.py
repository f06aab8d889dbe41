"""The year plan's records (db/services/plans.py): checks, the starting plan, manual ticks, the
recycle bin, and Settings' three targets as measures of the plan."""

from __future__ import annotations

import pytest

from db.common import errors
from db.common.errors import ValidationError
from db.services import base, plans
from db.store.ledger import Ledger
from db.store.models import ChangeLog, PlanMeasure, PlanTick
from tests.conftest import add_member


def problems(exc: pytest.ExceptionInfo) -> dict[str, str]:
    return {e.field: str(e.message) for e in exc.value.errors}


def test_the_starting_plan_has_twenty_measures_each_mapped(ledger: Ledger) -> None:
    plan = plans.take_starting_plan(ledger, 2025)
    stored = plans.measures_of(plan)
    assert (plan.title, plan.year, len(stored)) == ("细化措施二十条", 2025, 20)
    assert [m.position for m in stored] == list(range(20))
    by_wording = {m.wording: m for m in stored}
    assert (by_wording["组织一场推介活动"].source, by_wording["组织一场推介活动"].filter) == (
        "achievement",
        "promotion_event",
    )
    diary = by_wording["每人建立一本工作日志"]
    assert (diary.binds, diary.period, diary.source) == ("member", "month", "manual")
    assert by_wording["每月编发一期信息动态"].source == "bulletin"
    # Taken once: a second time is refused and adds nothing.
    with pytest.raises(errors.ActionRefusedError, match="2025年已经有年度计划"):
        plans.take_starting_plan(ledger, 2025)
    assert PlanMeasure.select().count() == 20
    # Each measure has its history entry.
    assert ChangeLog.select().where(ChangeLog.kind == "plan_measure").count() == 20


def test_measure_checks_name_each_field(ledger: Ledger) -> None:
    plan = plans.plans.save(ledger, {"year": 2025, "title": "年度计划"})
    with pytest.raises(ValidationError) as caught:
        plans.measures.save(
            ledger,
            {
                "plan": plan.id,
                "wording": "",
                "binds": "member",
                "period": "每季度",
                "source": "bulletin",
                "filter": "实践调研",
                "count": 5000,
            },
        )
    found = problems(caught)
    assert found["wording"] == "措施：必须填写"
    assert found["period"].startswith("周期：“每季度”不是可选的值")
    assert found["filter"] == "类型：“信息动态”不分类型，请留空"
    assert found["binds"] == "对象：信息动态由工作组编发，只能按工作组计"
    assert found["count"] == "次数：须为 0 到 1000 之间的整数"
    assert PlanMeasure.select().count() == 0
    # Labels in either language are taken, and stored as codes.
    saved = plans.measures.save(
        ledger,
        {
            "plan": plan.id,
            "wording": "每人每周一次实践调研",
            "binds": "每人",
            "period": "每周",
            "source": "调研走访",
            "filter": "实践调研",
        },
    )
    assert (saved.binds, saved.period, saved.source, saved.filter, saved.count) == (
        "member",
        "week",
        "survey",
        "practice",
        1,
    )
    with pytest.raises(ValidationError) as caught:
        plans.measures.save(
            ledger, {**plans.measures.snapshot(saved), "filter": "不存在"}, record_id=saved.id
        )
    assert problems(caught)["filter"].startswith("类型：“不存在”不是可选的值（可选：企业调研、")


def test_one_plan_per_year(ledger: Ledger) -> None:
    plans.plans.save(ledger, {"year": 2025, "title": "年度计划"})
    with pytest.raises(ValidationError) as caught:
        plans.plans.save(ledger, {"year": "2025", "title": "另一份"})
    assert problems(caught) == {"year": "年度：2025年已经有年度计划了（年度计划）"}
    with pytest.raises(ValidationError) as caught:
        plans.plans.save(ledger, {"year": 1999, "title": "x"})
    assert problems(caught) == {"year": "年度：须为 2000 到 2100 之间的年份"}


def test_ticks_only_for_manual_measures_and_for_a_member_where_it_binds_each(
    ledger: Ledger,
) -> None:
    member = add_member(ledger, "张三")
    plan = plans.take_starting_plan(ledger, 2025)
    by_wording = {m.wording: m for m in plans.measures_of(plan)}
    with pytest.raises(ValidationError) as caught:
        plans.ticks.save(
            ledger, {"measure": by_wording["每月编发一期信息动态"].id, "date": "2025-03-01"}
        )
    assert problems(caught) == {"measure": "措施：“每月编发一期信息动态”按记录计数，不能手动勾选"}
    with pytest.raises(ValidationError) as caught:
        plans.ticks.save(
            ledger, {"measure": by_wording["每人建立一本工作日志"].id, "date": "2025-03-01"}
        )
    assert problems(caught) == {"member": "成员：“每人建立一本工作日志”是每人的措施，请选择成员"}
    with pytest.raises(ValidationError) as caught:
        plans.ticks.save(
            ledger,
            {"measure": by_wording["坚守一条工作红线"].id, "member": member, "date": "2025-02-30"},
        )
    assert problems(caught) == {
        "member": "成员：“坚守一条工作红线”是工作组的措施，不按成员勾选",
        "date": "日期：“2025-02-30”不是有效日期，请按 2025-03-01 的格式填写",
    }
    assert PlanTick.select().count() == 0


def test_a_deleted_measure_comes_back_with_its_ticks(ledger: Ledger) -> None:
    member = add_member(ledger, "张三")
    plan = plans.take_starting_plan(ledger, 2025)
    diary = next(m for m in plans.measures_of(plan) if m.wording == "每人建立一本工作日志")
    tick = plans.ticks.save(
        ledger, {"measure": diary.id, "member": member, "date": "2025-03-31", "note": "已检查"}
    )
    # A plan with measures is not deleted.
    with pytest.raises(errors.ActionRefusedError, match="还有 20 项措施"):
        plans.plans.delete(ledger, plan.id)
    entry = plans.measures.delete(ledger, diary.id)
    assert PlanTick.select().count() == 0
    base.restore(ledger, entry.id)
    back = PlanTick.get_by_id(tick.id)
    assert (back.measure_id, back.member_id, back.note) == (diary.id, member, "已检查")
    # Saving the measure from its snapshot (ticks included) writes no tick twice.
    plans.measures.save(ledger, {**plans.measures.snapshot(diary), "count": 2}, record_id=diary.id)
    assert PlanTick.select().count() == 1


def test_settings_targets_are_the_plans_three_measures(ledger: Ledger) -> None:
    assert plans.targets_of_year(ledger, 2026) == {
        "surveys_per_week": 1,
        "highlights_per_month": 1,
        "collective_meetings_per_month": 1,
    }
    stored = plans.set_targets(ledger, 2026, {"surveys_per_week": 2})
    assert stored == {
        "surveys_per_week": 2,
        "highlights_per_month": 1,
        "collective_meetings_per_month": 1,
    }
    plan = plans.plan_of_year(ledger, 2026)
    assert [(m.wording, m.count) for m in plans.measures_of(plan)] == [
        ("每人每周一次实践调研", 2),
        ("每人每月总结一个亮点", 1),
        ("每月开展一次学习交流会", 1),
    ]
    # In a plan that lacks one of them, it is added.
    starting = plans.take_starting_plan(ledger, 2027)
    meetings = next(m for m in plans.measures_of(starting) if m.wording == "每月开展一次学习交流会")
    plans.measures.delete(ledger, meetings.id)
    assert plans.targets_of_year(ledger, 2027)["collective_meetings_per_month"] == 0
    plans.set_targets(ledger, 2027, {"collective_meetings_per_month": 2})
    assert plans.targets_of_year(ledger, 2027)["collective_meetings_per_month"] == 2
    assert len(plans.measures_of(starting)) == 20
