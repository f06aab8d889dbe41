"""What is possible but unusual: a date outside the group's or a member's term, a date still to
come. The services give these as warnings (db.services.sanity); a save does not stop for them."""

from __future__ import annotations

import pytest

from db.common import clock
from db.services.highlights import highlights
from db.services.sessions import study_sessions
from db.services.surveys import surveys
from db.store.models import Highlight, StudySession, Survey
from tests.conftest import add_member, d


def texts(warnings: list) -> list[tuple[str, str]]:
    return [(w.field, w.message.text("zh")) for w in warnings]


def test_a_survey_in_the_future_or_outside_a_participants_term_is_a_warning(ledger) -> None:
    clock.pin(d("2025-06-18"))
    zhang = add_member(ledger, "张三")  # the group's term: 2025
    li = add_member(ledger, "李四", term_start="2025-01-01", term_end="2025-03-31")
    values = {
        "date": "2025-03-10",
        "kind": "enterprise",
        "visited": "苏宁",
        "participants": [zhang, li],
    }
    assert surveys.check(ledger, values) == []
    later = values | {"date": "2025-06-20"}
    assert texts(surveys.check(ledger, later)) == [
        ("date", "调研日期：2025-06-20还没有到（今天是 2025-06-18），请核对"),
        ("date", "调研日期：2025-06-20不在李四的挂职期（2025-01-01至2025-03-31）内，请核对"),
    ]
    english = [w.message.text("en") for w in surveys.check(ledger, later)]
    assert english[0] == "Date: 2025-06-20 is still to come (today is 2025-06-18); please check"
    a_year_after = values | {"date": "2026-05-01", "participants": [zhang]}
    assert (
        "不在张三的挂职期（2025-01-01至2025-12-31）内"
        in texts(surveys.check(ledger, a_year_after))[1][1]
    )
    saved = surveys.save(ledger, later)  # a warning does not stop the save
    assert Survey.get_by_id(saved.id).date == d("2025-06-20")


def test_a_highlight_of_a_month_to_come_or_wholly_outside_the_term_is_a_warning(ledger) -> None:
    clock.pin(d("2025-06-18"))
    wang = add_member(ledger, "王五", term_start="2025-02-15", term_end="2025-12-31")
    values = {"member": wang, "month": "2025-06", "title": "牵线一个项目"}
    assert highlights.check(ledger, values) == []
    # February: the term began in it, so it is the member's month all the same.
    assert highlights.check(ledger, values | {"month": "2025-02"}) == []
    assert texts(highlights.check(ledger, values | {"month": "2025-01"})) == [
        ("month", "月份：2025-01不在王五的挂职期（2025-02-15至2025-12-31）内，请核对"),
    ]
    assert texts(highlights.check(ledger, values | {"month": "2025-07"})) == [
        ("month", "月份：2025-07还没有到（今天是 2025-06-18），请核对"),
    ]
    highlights.save(ledger, values | {"month": "2025-07"})
    assert Highlight.select().count() == 1


@pytest.mark.parametrize(("day", "warned"), [("2025-01-01", False), ("2024-12-31", True)])
def test_a_session_outside_the_groups_term_is_a_warning(ledger, day: str, warned: bool) -> None:
    values = {"kind": "collective", "date": day, "topic": "学习", "attendance": []}
    found = texts(study_sessions.check(ledger, values))
    assert found == (
        [("date", f"日期：{day}不在工作组的挂职期（2025-01-01至2025-12-31）内，请核对")]
        if warned
        else []
    )
    study_sessions.save(ledger, values)
    assert StudySession.select().count() == 1
