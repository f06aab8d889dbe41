"""Seeing others' changes (db/store/changes.py): a watch on one connection hears another
connection's writes — PRAGMA data_version on a file, LISTEN/NOTIFY on a server, on its group's
channel — and never its own."""

from __future__ import annotations

import select
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
import pytest

from db.services.calendar import calendar_days
from db.services.groups import work_groups
from db.services.members import members
from db.store.changes import ChangeWatch
from db.store.database import open_database
from db.store.ledger import Ledger, change_channel
from db.store.models import ALL_MODELS, Member, database_proxy

WAIT_SECONDS = 10.0


@contextmanager
def working_on(ledger: Ledger) -> Iterator[None]:
    """The models on this ledger's connection for a while (one process holds one ledger for its
    models; here a test plays two programs)."""
    with ledger.db.bind_ctx(ALL_MODELS):
        yield


@pytest.fixture
def other(ledger: Ledger, db_target: str) -> Iterator[Ledger]:
    """A second program on the same ledger, reading: on a file, the first holds the writer's lock;
    on a server, a second connection of the same login (read-only, as the team office's is)."""
    second = open_database(db_target, read_only=True)
    second.operator = "另一位"
    second.group_id = ledger.group_id
    database_proxy.initialize(ledger.db)
    try:
        yield second
    finally:
        second.close()
        database_proxy.initialize(ledger.db)


def wait_changed(watch: ChangeWatch) -> bool:
    """changed(), after waiting on the server connection's socket for the notification to arrive
    (a file's answer needs no wait)."""
    if watch.changed():
        return True
    socket = watch.socket()
    if socket is None:
        return False
    ready, _w, _x = select.select([socket], [], [], WAIT_SECONDS)
    return bool(ready) and watch.changed()


def test_another_programs_save_is_seen_once_and_ones_own_never(
    ledger: Ledger, other: Ledger
) -> None:
    with working_on(other):
        watch = ChangeWatch(other)
        watch.start()
        assert not watch.changed()
    mine = ChangeWatch(ledger)
    mine.start()

    members.save(ledger, {"name": "张三"})  # the writer's own save

    with working_on(other):
        assert wait_changed(watch), "the other program's save is seen"
        assert not watch.changed(), "and only once"
        assert [m.name for m in Member.select()] == ["张三"]  # what it then reads is the new state
    assert not mine.changed(), "a program is not told of its own saves"
    watch.stop()
    mine.stop()


def test_a_rolled_back_write_is_not_announced(ledger: Ledger, other: Ledger) -> None:
    with working_on(other):
        watch = ChangeWatch(other)
        watch.start()
    with pytest.raises(RuntimeError), ledger.transaction():
        members.save(ledger, {"name": "张三"})
        raise RuntimeError("the user's world went wrong half way")
    with working_on(other):
        assert not watch.changed()
    members.save(ledger, {"name": "李四"})
    with working_on(other):
        assert wait_changed(watch)
        assert [m.name for m in Member.select()] == ["李四"]
    watch.stop()


def test_a_save_is_announced_on_its_groups_channel_and_a_shared_one_on_all(
    ledger: Ledger, pg_server: object
) -> None:
    if ledger.is_sqlite:
        pytest.skip("channels are the server's; a file's readers see every write")
    first = ledger.group_id
    second = work_groups.save(ledger, {"name": "第二工作组"}).id
    ledger.group_id = first
    listener = psycopg2.connect(ledger.db.database, **ledger.db.connect_params)
    listener.autocommit = True
    with listener.cursor() as cursor:
        for group in (first, second, None):
            cursor.execute(f'LISTEN "{change_channel(group)}"')
    try:
        members.save(ledger, {"name": "张三"})  # group one's record
        with pytest.raises(RuntimeError), ledger.transaction():
            members.save(ledger, {"name": "王五"})
            raise RuntimeError("rolled back: never announced")
        ledger.group_id = second
        members.save(ledger, {"name": "李四"})  # group two's
        calendar_days.save(ledger, {"date": "2027-10-08", "is_workday": False, "name": "国庆"})
        heard: list[str] = []
        while len(heard) < 4:
            ready, _w, _x = select.select([listener], [], [], WAIT_SECONDS)
            assert ready, f"only {heard} arrived"
            listener.poll()
            heard += [n.channel for n in listener.notifies]
            listener.notifies.clear()
    finally:
        listener.close()
        ledger.group_id = first
    assert heard == [
        change_channel(first),
        change_channel(second),
        # The calendar's corrections count for every group: announced to all, and to the writer's.
        *sorted([change_channel(None), change_channel(second)]),
    ]
    assert change_channel(first) != change_channel(second)


@pytest.mark.postgres
def test_a_login_that_reads_several_groups_hears_every_groups_saves(pg_server: object) -> None:
    """The team office's window (全队概览) shows every group: it hears a save of any of them, also
    of a group that came after it started listening (a group's file merged in)."""
    url = pg_server.new_database()  # type: ignore[attr-defined]
    writer = open_database(url)
    writer.operator = "联络员"
    first = work_groups.create_group(writer, {"name": "甲组"}).id
    second = work_groups.create_group(writer, {"name": "乙组"}).id
    reader = open_database(url, read_only=True)
    database_proxy.initialize(writer.db)
    try:
        reader.group_id = first
        with working_on(reader):
            watch = ChangeWatch(reader)
            watch.start()
        writer.group_id = second
        members.save(writer, {"name": "李四"})
        with working_on(reader):
            assert wait_changed(watch), "乙组's save is heard by a window on 甲组 that reads both"
        third = work_groups.create_group(writer, {"name": "丙组"}).id
        writer.group_id = third
        members.save(writer, {"name": "王五"})
        with working_on(reader):
            assert wait_changed(watch), "a group that came later is heard too"
            assert not watch.changed()
        watch.stop()
    finally:
        reader.close()
        writer.close()
        database_proxy.initialize(None)
