"""Bulletin issues: one per month, numbered in the year, the editor's text, and two programs numbering
at the same moment."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peewee import PostgresqlDatabase

from db.common import errors
from db.services import base
from db.services import bulletins as bulletin_module
from db.services import settings as ledger_settings
from db.services.bulletins import BulletinService, bulletins
from db.store.models import BulletinIssue, ChangeLog, RecycleBin
from tests.conftest import d


def numbers(ledger) -> dict[str, int]:
    """'YYYY-MM' -> number of every issue."""
    return {f"{i.month:%Y-%m}": i.number for i in BulletinIssue.select()}


def test_first_issue_of_a_month_is_created_numbered_and_logged(ledger) -> None:
    issue = bulletins.issue_for_month(ledger, 2025, 3)
    stored = BulletinIssue.get_by_id(issue.id)
    assert (stored.month, stored.year, stored.number) == (d("2025-03-01"), 2025, 1)
    assert (stored.overview_text, stored.plan_text, stored.produced_at) == ("", "", None)
    assert stored.group_id == ledger.group_id
    log = ChangeLog.get(ChangeLog.record_id == issue.id)
    assert (log.kind, log.action, log.operator) == ("bulletin", "create", "测试员")
    assert bulletins.summary(stored) == "2025年第1期（2025-03）"
    # Asking again gives the same issue, and changes nothing.
    again = bulletins.issue_for_month(ledger, 2025, 3)
    assert (again.id, again.number, again.version) == (issue.id, 1, 1)
    assert BulletinIssue.select().count() == 1
    assert ChangeLog.select().where(ChangeLog.kind == "bulletin").count() == 1
    assert bulletins.find(ledger, 2025, 3).id == issue.id
    assert bulletins.find(ledger, 2025, 4) is None


def test_numbers_follow_the_order_of_creation_and_restart_each_year(ledger) -> None:
    for year, month in [(2025, 3), (2025, 1), (2025, 2), (2025, 12), (2026, 1), (2026, 2)]:
        bulletins.issue_for_month(ledger, year, month)
    assert numbers(ledger) == {
        "2025-03": 1,
        "2025-01": 2,
        "2025-02": 3,
        "2025-12": 4,
        "2026-01": 1,
        "2026-02": 2,
    }
    assert [i.number for i in _of_year(ledger, 2025)] == [1, 2, 3, 4]
    assert [f"{i.month:%m}" for i in _of_year(ledger, 2025)] == ["03", "01", "02", "12"]


def test_numbering_that_runs_on_across_years_and_a_first_number(ledger) -> None:
    ledger_settings.put(
        ledger, "bulletin_numbering", {"restart_each_year": False, "first_number": 5}
    )
    for year, month in [(2025, 11), (2025, 12), (2026, 1)]:
        bulletins.issue_for_month(ledger, year, month)
    assert numbers(ledger) == {"2025-11": 5, "2025-12": 6, "2026-01": 7}


def test_first_number_of_each_year(ledger) -> None:
    ledger_settings.put(
        ledger, "bulletin_numbering", {"restart_each_year": True, "first_number": 3}
    )
    for year, month in [(2025, 11), (2025, 12), (2026, 1)]:
        bulletins.issue_for_month(ledger, year, month)
    assert numbers(ledger) == {"2025-11": 3, "2025-12": 4, "2026-01": 3}


def test_numbering_after_deleted_issues_and_restoring_them(ledger) -> None:
    jan, feb, mar = (bulletins.issue_for_month(ledger, 2025, m) for m in (1, 2, 3))
    mar_entry = bulletins.delete(ledger, mar.id)
    assert RecycleBin.get_by_id(mar_entry.id).summary == "2025年第3期（2025-03）"
    # The last number is free again once its issue is deleted …
    assert bulletins.issue_for_month(ledger, 2025, 4).number == 3
    # … but a gap in the middle stays a gap.
    feb_entry = bulletins.delete(ledger, feb.id)
    assert bulletins.issue_for_month(ledger, 2025, 5).number == 4
    assert numbers(ledger) == {"2025-01": 1, "2025-04": 3, "2025-05": 4}
    # February comes back with its own number and identity.
    base.restore(ledger, feb_entry.id)
    back = BulletinIssue.get_by_id(feb.id)
    assert (back.month, back.number) == (d("2025-02-01"), 2)
    # March's number went to April: restoring it names the clash and changes nothing.
    with pytest.raises(errors.ValidationError) as caught:
        base.restore(ledger, mar_entry.id)
    assert caught.value.fields == {"number"}
    assert (
        caught.value.for_field("number")[0].text("zh")
        == "期号：2025年第3期已用于2025年4月的信息动态"
    )
    assert BulletinIssue.get_or_none(BulletinIssue.id == mar.id) is None
    assert RecycleBin.get_or_none(RecycleBin.id == mar_entry.id) is not None
    # Renumber April by hand, and March can come back.
    april = bulletins.find(ledger, 2025, 4)
    bulletins.save(
        ledger, {"month": "2025-04", "number": 6}, record_id=april.id, expected_version=1
    )
    base.restore(ledger, mar_entry.id)
    assert numbers(ledger) == {"2025-01": 1, "2025-02": 2, "2025-03": 3, "2025-04": 6, "2025-05": 4}
    assert jan.number == 1


def test_restoring_a_month_that_was_created_again_is_refused(ledger) -> None:
    jan = bulletins.issue_for_month(ledger, 2025, 1)
    entry = bulletins.delete(ledger, jan.id)
    again = bulletins.issue_for_month(ledger, 2025, 1)
    assert again.number == 1 and again.id != jan.id
    with pytest.raises(errors.ValidationError) as caught:
        base.restore(ledger, entry.id)
    assert caught.value.fields == {"month", "number"}
    assert (
        caught.value.for_field("month")[0].text("zh")
        == "月份：2025年1月的信息动态已经有了（第1期）"
    )
    assert caught.value.for_field("month")[0].text("en") == (
        "Month: there is already an issue for 2025-01 (No. 1)"
    )


def test_number_changed_by_hand_must_stay_unique_in_its_year(ledger) -> None:
    jan = bulletins.issue_for_month(ledger, 2025, 1)
    feb = bulletins.issue_for_month(ledger, 2025, 2)
    bulletins.issue_for_month(ledger, 2026, 1)
    with pytest.raises(errors.ValidationError) as caught:
        bulletins.save(
            ledger, {"month": "2025-02", "number": "1"}, record_id=feb.id, expected_version=1
        )
    message = caught.value.for_field("number")[0]
    assert caught.value.fields == {"number"}
    assert message.text("zh") == "期号：2025年第1期已用于2025年1月的信息动态"
    assert message.text("en") == "Issue number: No. 1 of 2025 is already the issue for 2025-01"
    assert BulletinIssue.get_by_id(feb.id).number == 2
    # Another year's number 1 is no clash; nor is the issue's own number.
    bulletins.save(ledger, {"month": "2025-02", "number": 10}, record_id=feb.id, expected_version=1)
    bulletins.save(ledger, {"month": "2025-01", "number": 1}, record_id=jan.id, expected_version=1)
    assert numbers(ledger) == {"2025-01": 1, "2025-02": 10, "2026-01": 1}
    # The next new issue follows the highest number of the year.
    assert bulletins.issue_for_month(ledger, 2025, 3).number == 11
    log = ChangeLog.get((ChangeLog.record_id == feb.id) & (ChangeLog.action == "update"))
    assert (json.loads(log.before)["number"], json.loads(log.after)["number"]) == (2, 10)


def test_an_update_without_a_number_keeps_it_and_a_move_to_another_year_renumbers(ledger) -> None:
    bulletins.issue_for_month(ledger, 2026, 1)
    dec = bulletins.issue_for_month(ledger, 2025, 12)
    nov = bulletins.issue_for_month(ledger, 2025, 11)
    kept = bulletins.save(
        ledger, {"month": "2025-11", "overview_text": "概述"}, record_id=nov.id, expected_version=1
    )
    assert (kept.number, kept.overview_text) == (2, "概述")
    moved = bulletins.save(ledger, {"month": "2026-02"}, record_id=dec.id, expected_version=1)
    assert (moved.year, moved.number) == (2026, 2)


def test_every_problem_is_named_by_field_and_nothing_is_saved(ledger) -> None:
    bulletins.issue_for_month(ledger, 2025, 1)
    with pytest.raises(errors.ValidationError) as caught:
        bulletins.save(ledger, {"month": "2025-01", "number": 0, "produced_at": "昨天下午"})
    err = caught.value
    assert err.fields == {"month", "number", "produced_at"}
    assert err.for_field("number")[0].text("zh") == "期号：须为 1 到 9999 之间的整数"
    assert err.for_field("number")[0].text("en") == "Issue number: a whole number from 1 to 9999"
    assert err.for_field("produced_at")[0].text("zh") == (
        "生成时间：“昨天下午”不是有效的日期时间，请按 2025-03-01 14:30 的格式填写"
    )
    with pytest.raises(errors.ValidationError) as caught:
        bulletins.save(ledger, {"number": "第二期", "overview_text": "字" * 20001})
    err = caught.value
    assert err.fields == {"month", "number", "overview_text"}
    assert err.for_field("month")[0].text("zh") == "月份：必须填写"
    assert err.for_field("number")[0].text("zh") == "期号：“第二期”不是有效数字"
    assert BulletinIssue.select().count() == 1
    assert ChangeLog.select().where(ChangeLog.kind == "bulletin").count() == 1


@pytest.mark.parametrize(("year", "month"), [(2025, 13), (2025, 0), (99999, 1)])
def test_issue_for_an_impossible_month_is_refused(ledger, year, month) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        bulletins.issue_for_month(ledger, year, month)
    assert caught.value.fields == {"month"}
    assert caught.value.for_field("month")[0].text("zh").startswith("月份：")
    assert BulletinIssue.select().count() == 0


def test_save_texts_through_the_save_path(ledger) -> None:
    issue = bulletins.issue_for_month(ledger, 2025, 4)
    saved = bulletins.save_texts(ledger, issue.id, "四月开展调研 18 次。", "五月举办推介会。", 1)
    stored = BulletinIssue.get_by_id(issue.id)
    assert (stored.overview_text, stored.plan_text, stored.version) == (
        "四月开展调研 18 次。",
        "五月举办推介会。",
        2,
    )
    assert (stored.number, stored.month) == (1, d("2025-04-01"))
    assert saved.version == 2
    log = ChangeLog.get((ChangeLog.record_id == issue.id) & (ChangeLog.action == "update"))
    assert json.loads(log.before)["overview_text"] == ""
    assert json.loads(log.after)["plan_text"] == "五月举办推介会。"


def test_save_texts_with_a_stale_version_is_a_conflict(ledger) -> None:
    issue = bulletins.issue_for_month(ledger, 2025, 4)
    bulletins.save_texts(ledger, issue.id, "甲写的", "", expected_version=1)
    with pytest.raises(errors.ConflictError) as caught:
        bulletins.save_texts(ledger, issue.id, "乙写的", "", expected_version=1)
    assert "信息动态" in caught.value.text("zh")
    assert "bulletin issue" in caught.value.text("en")
    assert BulletinIssue.get_by_id(issue.id).overview_text == "甲写的"


def test_mark_produced_records_the_time_with_history(ledger) -> None:
    issue = bulletins.issue_for_month(ledger, 2025, 4)
    bulletins.save_texts(ledger, issue.id, "概述", "安排", expected_version=1)
    when = datetime.datetime(2025, 5, 3, 16, 30, 12, 999)
    produced = bulletins.mark_produced(ledger, issue.id, when)
    stored = BulletinIssue.get_by_id(issue.id)
    assert stored.produced_at == datetime.datetime(2025, 5, 3, 16, 30, 12)
    assert (stored.overview_text, stored.plan_text, stored.number) == ("概述", "安排", 1)
    assert produced.version == stored.version == 3
    log = (
        ChangeLog.select()
        .where((ChangeLog.record_id == issue.id) & (ChangeLog.action == "update"))
        .order_by(ChangeLog.at.desc(), ChangeLog.id.desc())
        .first()
    )
    assert json.loads(log.before)["produced_at"] is None
    assert json.loads(log.after)["produced_at"] == "2025-05-03T16:30:12"


def test_produced_at_accepts_typed_forms(ledger) -> None:
    issue = bulletins.issue_for_month(ledger, 2025, 4)
    saved = bulletins.save(
        ledger,
        {"month": "2025-04", "produced_at": "2025-05-03 09:05"},
        record_id=issue.id,
        expected_version=1,
    )
    assert BulletinIssue.get_by_id(saved.id).produced_at == datetime.datetime(2025, 5, 3, 9, 5)


def test_save_creates_a_numbered_issue_when_no_number_is_given(ledger) -> None:
    bulletins.issue_for_month(ledger, 2025, 1)
    created = bulletins.save(ledger, {"month": "2025年2月", "overview_text": "二月"})
    assert (created.number, created.year, created.overview_text) == (2, 2025, "二月")
    chosen = bulletins.save(ledger, {"month": "2025-03", "number": 9})
    assert chosen.number == 9


# -- two programs numbering at the same moment ----------------------------------------------------


class OtherProgram:
    """Another program creating an issue while this one is between choosing a number and writing it:
    on PostgreSQL a second connection that commits at once; on SQLite, where the file lock keeps other
    programs out, the same connection (the row then sits outside this call's savepoint)."""

    def __init__(self, ledger) -> None:
        self.ledger = ledger
        self.db = (
            None
            if ledger.is_sqlite
            else PostgresqlDatabase(ledger.db.database, **ledger.db.connect_params)
        )

    def create(self, month: datetime.date, number: int) -> None:
        fields = {
            "group": self.ledger.group_id,
            "month": month,
            "year": month.year,
            "number": number,
            "issue_date": month.replace(day=28),
        }
        if self.db is None:
            BulletinIssue.create(**fields)
            return
        with self.db.bind_ctx([BulletinIssue], bind_refs=False, bind_backrefs=False):
            BulletinIssue.create(**fields)  # autocommit: committed when this returns

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


@pytest.fixture
def other_program(ledger):
    other = OtherProgram(ledger)
    yield other
    other.close()


def racing_next_number(monkeypatch, take) -> list[int]:
    """Make the other program act right after each number is chosen; ``take(call, number)`` acts."""
    real = BulletinService.next_number
    chosen: list[int] = []

    def next_number(self, ledger, year):
        number = real(self, ledger, year)
        chosen.append(number)
        take(len(chosen), number)
        return number

    monkeypatch.setattr(BulletinService, "next_number", next_number)
    return chosen


def test_a_number_taken_meanwhile_is_retried_once(ledger, other_program, monkeypatch) -> None:
    def take(call: int, number: int) -> None:
        if call == 1:
            other_program.create(d("2025-02-01"), number)

    chosen = racing_next_number(monkeypatch, take)
    issue = bulletins.issue_for_month(ledger, 2025, 1)
    assert chosen == [1, 2]
    assert issue.number == 2
    assert numbers(ledger) == {"2025-01": 2, "2025-02": 1}
    assert ChangeLog.select().where(ChangeLog.record_id == issue.id).count() == 1


def test_a_month_created_meanwhile_is_returned(ledger, other_program, monkeypatch) -> None:
    def take(call: int, number: int) -> None:
        other_program.create(d("2025-01-01"), number)

    chosen = racing_next_number(monkeypatch, take)
    issue = bulletins.issue_for_month(ledger, 2025, 1)
    assert chosen == [1]  # the retry found the other program's issue and took no number
    assert issue.number == 1
    assert BulletinIssue.select().count() == 1
    assert ChangeLog.select().where(ChangeLog.kind == "bulletin").count() == 0


def test_losing_the_race_twice_is_a_conflict_and_saves_nothing(
    ledger, other_program, monkeypatch
) -> None:
    def take(call: int, number: int) -> None:
        other_program.create(datetime.date(2025, 1 + call, 1), number)

    chosen = racing_next_number(monkeypatch, take)
    with pytest.raises(errors.ConflictError) as caught:
        bulletins.issue_for_month(ledger, 2025, 1)
    assert chosen == [1, 2]
    assert caught.value.text("zh") == "另一台电脑正在同时为信息动态编号，本期未能建立。请再试一次。"
    assert bulletins.find(ledger, 2025, 1) is None
    assert ChangeLog.select().where(ChangeLog.kind == "bulletin").count() == 0


def test_a_plain_save_also_retries_a_taken_number(ledger, other_program, monkeypatch) -> None:
    def take(call: int, number: int) -> None:
        if call == 1:
            other_program.create(d("2025-02-01"), number)

    racing_next_number(monkeypatch, take)
    created = bulletins.save(ledger, {"month": "2025-01", "plan_text": "二月计划"})
    assert (created.number, created.plan_text) == (2, "二月计划")


# -- any order of months ---------------------------------------------------------------------------

MONTHS = st.lists(
    st.tuples(st.integers(2025, 2027), st.integers(1, 12)), min_size=1, max_size=12, unique=True
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(order=MONTHS)
def test_any_order_of_months_gives_numbers_one_to_n_in_each_year(ledger, order) -> None:
    BulletinIssue.delete().execute()
    for year, month in order:
        bulletins.issue_for_month(ledger, year, month)
    for year in {y for y, _ in order}:
        created = [(y, m) for y, m in order if y == year]
        issues = {i.month.month: i.number for i in _of_year(ledger, year)}
        # Numbers 1..n, unique, given in the order the months were first asked for.
        assert [issues[m] for _, m in created] == list(range(1, len(created) + 1))
    # Asking again for every month changes nothing.
    before = numbers(ledger)
    for year, month in reversed(order):
        bulletins.issue_for_month(ledger, year, month)
    assert numbers(ledger) == before


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(order=MONTHS, first=st.integers(1, 50))
def test_running_numbers_across_years_in_any_order(ledger, order, first) -> None:
    BulletinIssue.delete().execute()
    ledger_settings.put(
        ledger, "bulletin_numbering", {"restart_each_year": False, "first_number": first}
    )
    for year, month in order:
        bulletins.issue_for_month(ledger, year, month)
    got = [numbers(ledger)[f"{y}-{m:02d}"] for y, m in order]
    assert got == list(range(first, first + len(order)))


def test_the_module_level_calls_are_the_services(ledger) -> None:
    issue = bulletin_module.issue_for_month(ledger, 2025, 7)
    assert bulletin_module.issue_for_month(ledger, 2025, 7).id == issue.id
    saved = bulletin_module.save_texts(ledger, issue.id, "七月概述", "八月安排", issue.version)
    produced = bulletin_module.mark_produced(ledger, issue.id, datetime.datetime(2025, 8, 1, 9, 0))
    stored = BulletinIssue.get_by_id(issue.id)
    assert (stored.overview_text, stored.plan_text) == ("七月概述", "八月安排")
    assert stored.produced_at == datetime.datetime(2025, 8, 1, 9, 0)
    assert (saved.version, produced.version) == (2, 3)


def _of_year(ledger, year: int) -> list[BulletinIssue]:
    """The group's issues of a year as stored, in number order."""
    query = BulletinIssue.select().where(
        (BulletinIssue.group == ledger.group_id) & (BulletinIssue.year == year)
    )
    return list(query.order_by(BulletinIssue.number))
