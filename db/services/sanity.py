"""What is possible but unusual in a record: a date outside the group's or a member's term, a date
still to come. The services' ``warnings()`` use these; nothing here refuses a record (the form shows
each warning beside its field and asks before saving; the core's save and the import do not stop)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from db.common import clock
from db.common.errors import FieldError
from db.common.messages import Message, define
from db.store.ledger import Ledger
from db.store.models import Member, WorkGroup

MSG_OUTSIDE_GROUP_TERM = define(
    "warning.outside_group_term",
    zh="{label}：{when}不在工作组的挂职期（{start}至{end}）内，请核对",
    en="{label}: {when} is outside the group's term ({start} to {end}); please check",
)
MSG_OUTSIDE_MEMBER_TERM = define(
    "warning.outside_member_term",
    zh="{label}：{when}不在{name}的挂职期（{start}至{end}）内，请核对",
    en="{label}: {when} is outside {name}'s term ({start} to {end}); please check",
)
MSG_FUTURE = define(
    "warning.future",
    zh="{label}：{when}还没有到（今天是 {today}），请核对",
    en="{label}: {when} is still to come (today is {today}); please check",
)
MSG_OPEN_END = define("warning.open_end", zh="不限", en="open")


def _bound(day: datetime.date | None) -> str | Message:
    return day.isoformat() if day is not None else MSG_OPEN_END()


def _outside(
    first: datetime.date,
    last: datetime.date,
    start: datetime.date | None,
    end: datetime.date | None,
    *,
    entirely: bool = False,
) -> bool:
    """Whether first…last reaches outside start…end (``entirely``: lies wholly outside it)."""
    if entirely:
        return (start is not None and last < start) or (end is not None and first > end)
    return (start is not None and first < start) or (end is not None and last > end)


def _when(first: datetime.date, last: datetime.date, month: bool) -> str:
    if month:
        return f"{first:%Y-%m}"
    return first.isoformat() if first == last else f"{first.isoformat()}—{last.isoformat()}"


def term_warnings(
    ledger: Ledger,
    field: str,
    label: Message,
    first: datetime.date | None,
    last: datetime.date | None = None,
    member_ids: Iterable[uuid.UUID] = (),
    *,
    month: bool = False,
) -> list[FieldError]:
    """A warning when ``first``…``last`` (a day or a span) reaches outside the term of each member
    named (a member's own term where set, else the group's), or of the group when no member is
    named; a month (``month``) only when it lies wholly outside."""
    if first is None:
        return []
    last = last or first
    group = WorkGroup.get_or_none(WorkGroup.id == ledger.group_id)
    group_start = group.term_start if group is not None else None
    group_end = group.term_end if group is not None else None
    when = _when(first, last, month)
    ids = list(member_ids)
    out: list[FieldError] = []
    if ids:
        query = Member.select(Member.name, Member.term_start, Member.term_end).where(
            Member.id.in_(ids)
        )
        for name, start, end in query.tuples():
            if start is None and end is None:
                start, end = group_start, group_end
            if _outside(first, last, start, end, entirely=month):
                out.append(
                    FieldError(
                        field,
                        MSG_OUTSIDE_MEMBER_TERM(
                            label=label, when=when, name=name, start=_bound(start), end=_bound(end)
                        ),
                    )
                )
        return out
    if _outside(first, last, group_start, group_end, entirely=month):
        out.append(
            FieldError(
                field,
                MSG_OUTSIDE_GROUP_TERM(
                    label=label, when=when, start=_bound(group_start), end=_bound(group_end)
                ),
            )
        )
    return out


def future_warnings(
    field: str, label: Message, day: datetime.date | None, *, month: bool = False
) -> list[FieldError]:
    """A warning when ``day`` (or its month) is after today (or this month)."""
    if day is None:
        return []
    today = clock.today()
    later = (day.year, day.month) > (today.year, today.month) if month else day > today
    if not later:
        return []
    return [
        FieldError(
            field,
            MSG_FUTURE(label=label, when=_when(day, day, month), today=today.isoformat()),
        )
    ]


__all__ = ["future_warnings", "term_warnings"]
