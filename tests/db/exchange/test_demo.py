"""The demo year: its records are what a careful secretary would have entered, so the documents built
from it show the figures a new user expects."""

from __future__ import annotations

from decimal import Decimal

from db.documents.bulletin import build_bulletin
from db.exchange import demo
from db.rules.workdays import PM
from db.services.leave import counted_days
from db.store.ledger import Ledger
from db.store.models import LeaveRequest, Member
from tests.conftest import d


def test_returns_are_on_time_but_one_and_a_half_day_counts_half(empty_ledger: Ledger) -> None:
    ledger = empty_ledger
    demo.fill(ledger, 2025, today=d("2026-01-05"))
    returned = list(LeaveRequest.select().where(LeaveRequest.status == "returned"))
    late = [r for r in returned if counted_days(r) != r.days]
    assert len(late) == 1  # the demo's one late return
    half = LeaveRequest.get(LeaveRequest.start_date == d("2025-12-15"))
    assert Member.get_by_id(half.member_id).name == "区永强"
    # A morning's leave: back at post that afternoon, half a day taken.
    assert (half.days, half.return_date, half.return_half) == (Decimal("0.5"), half.end_date, PM)
    assert counted_days(half) == Decimal("0.5")

    december = build_bulletin(ledger, 2025, 12, today=d("2026-01-05"))
    rows = [r for t in december.tables() for r in t.rows if r[0] == "区永强" and r[1] == "事假"]
    assert rows == [
        ("区永强", "事假", "12月15日上午", "0.5", "南京", "工作组组长", "12月15日下午销假")
    ]
    assert "批准请假2人次、共1.5个工作日" in december.text()


def test_the_demo_command_says_how_many_members_the_demo_has(empty_ledger: Ledger) -> None:
    from main import H_DEMO

    demo.fill(empty_ledger, 2025, today=d("2026-01-05"))
    cadres = Member.select().where(~Member.branch_only).count()
    branch = Member.select().count()
    assert f"{cadres} 名挂职干部的工作组，临时党支部共 {branch} 人" in H_DEMO().text("zh")
    assert f"a group of {cadres} cadres ({branch} in its party branch)" in H_DEMO().text("en")
