"""Merging a group's file into another ledger (db/exchange/merge.py), from a SQLite file into a
SQLite file and into a PostgreSQL server: new records, one-sided changes, conflicts and their
choices, deletions into the recycle bin, history once, and a second merge that changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from db.common import errors
from db.exchange.merge import (
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    KINDS,
    NO_BASE,
    SOURCE,
    TARGET,
    merge_file,
)
from db.services.base import purge, restore, service_for
from db.services.bulletins import issue_for_month
from db.services.groups import work_groups
from db.services.highlights import highlights
from db.services.members import members
from db.services.sessions import study_sessions
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import (
    ALL_MODELS,
    Attendance,
    ChangeLog,
    Member,
    MergeState,
    RecycleBin,
    StudySession,
    WorkGroup,
    database_proxy,
)
from tests.db.exchange.test_ledgers import fill_small

# What a merge must leave equal on both sides (the merge's own memory aside).
COMPARED = [m for m in ALL_MODELS if m.__name__ not in ("MergeState", "Setting", "CalendarDay")]


def use(ledger: Ledger) -> Ledger:
    """Point the models at ``ledger`` (the test holds two ledgers open at once)."""
    database_proxy.initialize(ledger.db)
    return ledger


@pytest.fixture
def group_file(tmp_path: Path) -> Iterator[Ledger]:
    """The group's own file on its laptop: the group and a little of everything."""
    ledger = open_database(tmp_path / "组里.sqlite3")
    ledger.operator = "联络员"
    work_groups.create_group(
        ledger, {"name": "商洛市赴南京市挂职工作组", "term_start": "2025-01-01"}
    )
    ids = fill_small(ledger)
    ledger.ids = ids  # type: ignore[attr-defined]
    try:
        yield ledger
    finally:
        ledger.close()


@pytest.fixture
def team(empty_ledger: Ledger) -> Ledger:
    """The team's database (a file, or the server): empty at first."""
    empty_ledger.operator = "队办"
    return empty_ledger


def merge(team: Ledger, group_file: Ledger, **kwargs):
    return merge_file(use(team), group_file.path, **kwargs)


def shown(value: object) -> str:
    """A value as text, decimals as numbers (PostgreSQL keeps 2.0 where SQLite gives 2)."""
    return str(value.normalize()) if isinstance(value, Decimal) else str(value)


def content(ledger: Ledger) -> dict[str, set]:
    """Every row of every table of the ledger, as comparable values."""
    use(ledger)
    out = {}
    for model in COMPARED:
        rows = set()
        for row in model.select().dicts():
            rows.add(tuple(sorted((k, shown(v)) for k, v in row.items())))
        out[model.__name__] = rows
    return out


def test_first_merge_brings_everything_and_a_second_changes_nothing(team, group_file) -> None:
    result = merge(team, group_file)
    assert result.applied and not result.conflicts and not result.deleted
    use(group_file)
    assert len(result.added) == sum(kind.model.select().count() for kind in KINDS) > 20
    assert content(team) == content(group_file)  # records, children, history and bin alike
    assert team.group_id == group_file.group_id
    use(team)
    states = MergeState.select().count()
    assert states == len(result.added)
    history = ChangeLog.select().count()
    assert result.history == history > 0

    again = merge(team, group_file)
    assert (again.added, again.updated, again.deleted, again.conflicts, again.history) == (
        [],
        [],
        [],
        [],
        0,
    )
    assert content(team) == content(group_file)
    use(team)
    assert MergeState.select().count() == states


def test_a_change_on_one_side_takes_the_newer_version(team, group_file) -> None:
    merge(team, group_file)
    zhang = group_file.ids["zhang"]
    use(group_file)
    members.save(group_file, {"name": "张三", "phone": "13900000001"}, record_id=zhang)
    use(team)
    li = group_file.ids["li"]
    team.group_id = group_file.group_id
    old = Member.get_by_id(li)
    members.save(team, {"name": "李四", "notes": "队办补记"}, record_id=li)

    result = merge(team, group_file)
    assert [c.record_id for c in result.updated] == [zhang]
    assert not result.conflicts
    use(team)
    assert Member.get_by_id(zhang).phone == "13900000001"
    assert Member.get_by_id(zhang).version == 2  # the target's version moves on: open forms refuse
    assert Member.get_by_id(li).notes == "队办补记"  # the team's own change stands
    assert Member.get_by_id(li).version == old.version + 1
    # The group's edit is in the team's history, once.
    assert ChangeLog.select().where(ChangeLog.record_id == zhang).count() == 2
    again = merge(team, group_file)
    assert not again.changed and not again.conflicts


def test_a_change_on_both_sides_is_a_conflict_until_chosen(team, group_file) -> None:
    merge(team, group_file)
    session = group_file.ids["old_session"]
    use(group_file)
    values = {"kind": "集体学习交流会", "date": "2025-01-15", "attendance": []}
    study_sessions.save(group_file, {**values, "topic": "组里的题目"}, record_id=session)
    use(team)
    team.group_id = group_file.group_id
    study_sessions.save(team, {**values, "topic": "队办的题目"}, record_id=session)

    result = merge(team, group_file)
    (conflict,) = result.conflicts
    assert (conflict.record_id, conflict.reason) == (session, BOTH_CHANGED)
    lines = conflict.lines("zh")
    assert (
        lines[0].startswith("冲突：学习记录“队办的题目 2025-01-15”")
        and "上次合并后两边都修改过" in lines[0]
    )
    assert "    主题：本库 队办的题目 ｜ 来源 组里的题目" in lines
    use(team)
    assert StudySession.get_by_id(session).topic == "队办的题目"  # left as it was
    assert merge(team, group_file).conflicts  # and still there next time

    chosen = merge(team, group_file, resolutions={session: SOURCE})
    assert not chosen.conflicts and [c.record_id for c in chosen.updated] == [session]
    use(team)
    assert StudySession.get_by_id(session).topic == "组里的题目"
    assert Attendance.select().where(Attendance.session == session).count() == 0
    assert not merge(team, group_file).changed


def test_keeping_the_target_settles_the_conflict(team, group_file) -> None:
    merge(team, group_file)
    zhang = group_file.ids["zhang"]
    use(group_file)
    members.save(group_file, {"name": "张三", "phone": "13900000001"}, record_id=zhang)
    use(team)
    team.group_id = group_file.group_id
    members.save(team, {"name": "张三", "phone": "13900000002"}, record_id=zhang)
    result = merge(team, group_file, resolutions={str(zhang): TARGET})
    assert not result.conflicts and not result.updated
    use(team)
    assert Member.get_by_id(zhang).phone == "13900000002"
    assert not merge(team, group_file).conflicts
    # A later change in the group's file is one-sided again.
    use(group_file)
    members.save(group_file, {"name": "张三", "phone": "13900000003"}, record_id=zhang)
    result = merge(team, group_file)
    assert [c.record_id for c in result.updated] == [zhang] and not result.conflicts


def test_deletions_are_carried_into_the_recycle_bin(team, group_file) -> None:
    merge(team, group_file)
    highlight, survey = group_file.ids["highlight"], group_file.ids["survey"]
    use(group_file)
    service_for("highlight").delete(group_file, highlight)
    service_for("survey").delete(group_file, survey)
    (purged,) = RecycleBin.select().where(RecycleBin.record_id == survey)
    purge(group_file, purged.id)

    result = merge(team, group_file)
    assert {c.record_id for c in result.deleted} == {highlight, survey}
    use(team)
    team.group_id = group_file.group_id
    model = service_for("highlight").model
    assert model.get_or_none(model.id == highlight) is None
    entries = {e.record_id: e for e in RecycleBin.select()}
    assert set(entries) == {highlight, survey}  # restorable from the team's bin
    assert not merge(team, group_file).changed
    restore(team, entries[highlight].id)
    assert model.get_or_none(model.id == highlight) is not None


def test_deleted_on_one_side_changed_on_the_other(team, group_file) -> None:
    merge(team, group_file)
    zhang, leave = group_file.ids["zhang"], group_file.ids["leave"]
    use(group_file)
    service_for("leave").delete(group_file, leave)
    members.save(group_file, {"name": "张三", "phone": "13900000001"}, record_id=zhang)
    use(team)
    team.group_id = group_file.group_id
    service = service_for("leave")
    record = service.get(team, leave)
    values = service.snapshot(record)
    service.save(team, {**values, "reason": "队办改了"}, record_id=leave)
    highlight = group_file.ids["highlight"]
    service_for("highlight").delete(team, highlight)
    use(group_file)
    highlights.save(
        group_file,
        {"member": zhang, "month": "2025-03", "title": "促成项目签约（改）"},
        record_id=highlight,
    )

    result = merge(team, group_file)
    reasons = {c.record_id: c.reason for c in result.conflicts}
    assert reasons == {leave: DELETED_THERE, highlight: DELETED_HERE}
    result = merge(team, group_file, resolutions={leave: SOURCE, highlight: SOURCE})
    assert not result.conflicts
    use(team)
    assert service_for("leave").model.get_or_none(service_for("leave").model.id == leave) is None
    assert service_for("highlight").model.get_by_id(highlight).title == "促成项目签约（改）"
    assert RecycleBin.select().where(RecycleBin.record_id == highlight).count() == 0
    assert not merge(team, group_file).changed


def test_records_on_both_sides_never_merged_are_conflicts(team, group_file) -> None:
    # As if the team's database had been copied from the group's file, not merged: no memory of a
    # last merge. Equal records are simply recognised; a different one is the user's to choose.
    merge(team, group_file)
    use(team)
    MergeState.delete().execute()
    zhang = group_file.ids["zhang"]
    team.group_id = group_file.group_id
    members.save(team, {"name": "张三", "phone": "13900000002"}, record_id=zhang)
    use(group_file)
    members.save(group_file, {"name": "张三", "phone": "13900000001"}, record_id=zhang)
    result = merge(team, group_file)
    assert [(c.record_id, c.reason) for c in result.conflicts] == [(zhang, NO_BASE)]
    assert not result.updated and not result.added
    use(team)
    assert Member.get_by_id(zhang).phone == "13900000002"


def test_a_trial_writes_nothing(team, group_file) -> None:
    before = content(team)
    result = merge(team, group_file, dry_run=True)
    assert not result.applied and result.added and result.history
    assert content(team) == before
    use(team)
    assert MergeState.select().count() == 0
    assert "试合并" in result.summary().text("zh")


def test_all_or_nothing_when_a_record_clashes(team, group_file) -> None:
    # The team made its own bulletin issue for a month the group also made one for.
    use(group_file)
    issue_for_month(group_file, 2025, 3)
    use(team)
    use(group_file)
    group = WorkGroup.get_by_id(group_file.group_id)
    use(team)
    WorkGroup.insert(**group.__data__).execute()
    team.group_id = group.id
    issue_for_month(team, 2025, 3)
    before = content(team)
    with pytest.raises(errors.ActionRefusedError) as caught:
        merge(team, group_file)
    assert "重复" in caught.value.text("zh")
    assert content(team) == before


def test_refusals(team, group_file, tmp_path) -> None:
    with pytest.raises(errors.ActionRefusedError, match="就是当前数据库本身"):
        merge_file(use(group_file), group_file.path)
    empty = tmp_path / "空.sqlite3"
    open_database(empty).close()
    with pytest.raises(errors.ActionRefusedError, match="没有工作组"):
        merge_file(use(team), empty)
    with pytest.raises(errors.NotFoundError, match="没有编号为"):
        merge(team, group_file, resolutions={uuid.uuid4(): SOURCE})
    use(team)
    assert WorkGroup.select().count() == 0


def test_a_deletion_the_target_still_needs_stops_the_merge(team, group_file) -> None:
    use(group_file)
    wang = members.save(group_file, {"name": "王五"}).id
    merge(team, group_file)
    use(team)
    team.group_id = group_file.group_id
    highlights.save(team, {"member": wang, "month": "2025-04", "title": "队办记的亮点"})
    use(group_file)
    members.delete(group_file, wang)
    zhang = group_file.ids["zhang"]
    members.save(group_file, {"name": "张三", "phone": "13900000005"}, record_id=zhang)
    before = content(team)
    with pytest.raises(errors.ActionRefusedError) as caught:
        merge(team, group_file)
    assert caught.value.text("zh").startswith(
        "未能合并，什么也没有写入：来源中已删除的成员“王五”在本库中仍被其他记录使用。"
    )
    assert content(team) == before  # not even 张三's change


def test_the_windows_group_of_the_same_name_takes_the_file(team, group_file) -> None:
    """In the window (into_current): the group the window works on, of the file's group's name but
    another identity, takes the file's records; a group of another name never does."""
    use(team)
    other = work_groups.create_group(team, {"name": "别的工作组"})
    same = work_groups.create_group(team, {"name": "商洛市赴南京市挂职工作组"})
    team.group_id = other.id
    with pytest.raises(errors.ActionRefusedError, match="已有名为“商洛市赴南京市挂职工作组”"):
        merge(team, group_file, into_current=True)  # the window is on 别的工作组
    team.group_id = same.id
    result = merge(team, group_file, into_current=True)
    assert result.group_id == same.id and not result.conflicts
    use(team)
    assert (
        Member.select().where(Member.group == same.id).count()
        == len([c for c in result.added if c.kind == "member"])
        > 0
    )
    assert WorkGroup.select().count() == 2
    assert not merge(team, group_file, into_current=True).added
