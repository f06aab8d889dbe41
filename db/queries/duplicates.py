"""What identifies a record to a person, and finding records that are the same by it.

A secretary knows a study session by its date, kind, topic and scope; a survey by its date, place, the
body visited and its participants; leave by the member and the period; a highlight by member, month
and title; an achievement by date, kind, title and amount; a research report by its title and
authors; a spot check by its date and the members checked; a measure of the year plan by its plan and wording;
a manual tick by its measure, member, date and note. Two records with the same key are the same
record entered twice. The importer (db.exchange.importer) skips a row whose key is already in the ledger — or
came earlier in the same file — so that a second import of the same rows writes nothing; ``check``
(db.queries.check) lists the records of a ledger that share a key, as likely duplicates.

A key is a tuple of typed values: dates, vocabulary codes, texts as the services save them (stripped,
control characters out), ids, and the members of a record as a frozenset (the order of names in a cell
does not make another survey). The survey's key has the body visited beside its place: two bodies
visited in one district on one day by the same people are two surveys.
"""

from __future__ import annotations

import decimal
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

import peewee

from db.common.messages import MessageDef
from db.rules.workdays import AM, PM
from db.services.fields import Cleaner
from db.store.models import (
    Achievement,
    Highlight,
    LeaveRequest,
    PlanMeasure,
    PlanTick,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
)

Key = tuple[Any, ...]

# Per kind: the model, the fields of its key (in the key's order), and the child rows whose members
# are part of it (model, foreign key to the record) with the name of that list in a record's values.
_MODELS: dict[str, type[peewee.Model]] = {
    "session": StudySession,
    "survey": Survey,
    "leave": LeaveRequest,
    "highlight": Highlight,
    "achievement": Achievement,
    "report": ResearchReport,
    "spotcheck": SpotCheck,
    "plan_measure": PlanMeasure,
    "plan_tick": PlanTick,
}
FIELDS: dict[str, tuple[str, ...]] = {
    "session": ("date", "kind", "topic", "scope"),
    "survey": ("date", "place", "visited", "participants"),
    "leave": ("member", "start_date", "start_half", "end_date", "end_half"),
    "highlight": ("member", "month", "title"),
    "achievement": ("date", "kind", "title", "amount"),
    "report": ("title", "authors"),
    "spotcheck": ("date", "results"),
    "plan_measure": ("plan", "wording"),
    "plan_tick": ("measure", "member", "date", "note"),
}
_MEMBERS: dict[str, tuple[str, type[peewee.Model], str]] = {
    "survey": ("participants", SurveyParticipant, "survey"),
    "report": ("authors", ReportAuthor, "report"),
    "spotcheck": ("results", SpotCheckResult, "check"),
}
KINDS = tuple(FIELDS)


def _amount(value: Any) -> decimal.Decimal | None:
    # 12.5 and 12.5000 are one amount (Decimal compares and hashes them as equal numbers).
    return None if value is None else decimal.Decimal(value)


def _key(kind: str, values: Mapping[str, Any]) -> Key:
    out = []
    for name in FIELDS[kind]:
        value = values.get(name)
        if name == "amount":
            value = _amount(value)
        out.append(value)
    return tuple(out)


# -- the keys of the records in a ledger --------------------------------------------------------------


def record_keys(kind: str, group: Any) -> dict[uuid.UUID, Key]:
    """The key of each of the group's records of ``kind`` (record id -> key), in two queries."""
    model = _MODELS[kind]
    names = [n for n in FIELDS[kind] if kind not in _MEMBERS or n != _MEMBERS[kind][0]]
    columns = [model._meta.fields[n] for n in names]
    rows = {
        row[0]: dict(zip(names, row[1:], strict=True))
        for row in model.select(model.id, *columns).where(model.group == group).tuples()
    }
    if kind in _MEMBERS:
        list_name, child, parent = _MEMBERS[kind]
        parent_field = child._meta.fields[parent]
        members: dict[Any, set[Any]] = defaultdict(set)
        query = (
            child.select(parent_field, child._meta.fields["member"])
            .join(model, on=(parent_field == model.id))
            .where(model.group == group)
            .tuples()
        )
        for record_id, member in query:
            members[record_id].add(member)
        for record_id, values in rows.items():
            values[list_name] = frozenset(members.get(record_id, ()))
    return {record_id: _key(kind, values) for record_id, values in rows.items()}


def same_records(kind: str, group: Any) -> list[list[uuid.UUID]]:
    """The group's records of ``kind`` that share a key, in groups of two or more."""
    by_key: dict[Key, list[uuid.UUID]] = defaultdict(list)
    for record_id, key in record_keys(kind, group).items():
        by_key[key].append(record_id)
    return [ids for ids in by_key.values() if len(ids) > 1]


# -- the key of a row that is about to be saved -------------------------------------------------------


def _members(raw: Any) -> frozenset[Any] | None:
    """Member ids of a list as the services take it: ids, or mappings with a "member"."""
    if raw is None:
        return None
    items = raw if isinstance(raw, list | tuple) else [raw]
    ids = set()
    for item in items:
        member = item.get("member") if isinstance(item, Mapping) else item
        if not isinstance(member, uuid.UUID):
            return None  # a name the importer could not resolve: the row has a problem anyway
        ids.add(member)
    return frozenset(ids) or None


def _member(raw: Any) -> uuid.UUID | None:
    return raw if isinstance(raw, uuid.UUID) else None


class _NoKey(Exception):
    pass


def values_key(
    kind: str,
    values: Mapping[str, Any],
    labels: Mapping[str, MessageDef],
    party_groups: Callable[[], Mapping[str, uuid.UUID]],
) -> Key | None:
    """The key of a record given as a service takes its values (text from a form or an imported row,
    members as ids), read as the service's clean() reads them; None when a part of the key cannot be
    read (the service then says what is wrong). ``party_groups`` gives the group's party groups by
    name, for a session's scope."""
    c = Cleaner(values, labels)
    try:
        read = {name: _READERS[(kind, name)](c, values, party_groups) for name in FIELDS[kind]}
    except _NoKey:
        return None
    if c.errors:
        return None
    return _key(kind, read)


Reader = Callable[[Cleaner, Mapping[str, Any], Callable[[], Mapping[str, uuid.UUID]]], Any]


def _needed(value: Any) -> Any:
    if value is None or value == "":
        raise _NoKey
    return value


def _scope(
    c: Cleaner, values: Mapping[str, Any], party_groups: Callable[[], Mapping[str, uuid.UUID]]
) -> uuid.UUID | None:
    raw = values.get("scope")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None  # the whole branch
    if isinstance(raw, uuid.UUID):
        return raw
    return _needed(party_groups().get(str(raw).strip()))


def _date(name: str) -> Reader:
    return lambda c, v, p: _needed(c.date(name))


def _text(name: str, *, optional: bool = False) -> Reader:
    return lambda c, v, p: c.text(name) if optional else _needed(c.text(name))


def _choice(name: str, vocab_kind: str, default: str = "") -> Reader:
    return lambda c, v, p: _needed(c.choice(name, vocab_kind, default=default))


def _members_of(name: str) -> Reader:
    return lambda c, v, p: _needed(_members(v.get(name)))


def _member_of(name: str) -> Reader:
    return lambda c, v, p: _needed(_member(v.get(name)))


_READERS: dict[tuple[str, str], Reader] = {
    ("session", "date"): _date("date"),
    ("session", "kind"): _choice("kind", "session_kind"),
    ("session", "topic"): _text("topic"),
    ("session", "scope"): _scope,
    ("survey", "date"): _date("date"),
    ("survey", "place"): _text("place", optional=True),
    ("survey", "visited"): _text("visited"),
    ("survey", "participants"): _members_of("participants"),
    ("leave", "member"): _member_of("member"),
    ("leave", "start_date"): _date("start_date"),
    ("leave", "start_half"): _choice("start_half", "half_day", AM),
    ("leave", "end_date"): _date("end_date"),
    ("leave", "end_half"): _choice("end_half", "half_day", PM),
    ("highlight", "member"): _member_of("member"),
    ("highlight", "month"): lambda c, v, p: _needed(c.month("month")),
    ("highlight", "title"): _text("title"),
    ("achievement", "date"): _date("date"),
    ("achievement", "kind"): _choice("kind", "achievement_kind"),
    ("achievement", "title"): _text("title"),
    ("achievement", "amount"): lambda c, v, p: c.decimal("amount", places=4, minimum=None),
    ("report", "title"): _text("title"),
    ("report", "authors"): _members_of("authors"),
    ("spotcheck", "date"): _date("date"),
    ("spotcheck", "results"): _members_of("results"),
    ("plan_measure", "plan"): _member_of("plan"),  # an id, as a member's is
    ("plan_measure", "wording"): _text("wording"),
    ("plan_tick", "measure"): _member_of("measure"),
    ("plan_tick", "member"): lambda c, v, p: _member(v.get("member")),  # None: a group's tick
    ("plan_tick", "date"): _date("date"),
    ("plan_tick", "note"): _text("note", optional=True),
}
