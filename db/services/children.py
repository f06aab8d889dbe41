"""Child rows that name a member — survey participants, report authors, achievement members, attendance,
spot-check results — read, written and snapshotted one way for every kind of record.

A row keeps its id while its member stays, so a history entry, a restore and anything that refers to a
row see the same row after an edit; a snapshot carries the row ids, so a restore from the recycle bin
brings back the very rows that were deleted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from db.common.messages import MessageDef, define
from db.services.base import MSG_UNKNOWN_MEMBER, member_names
from db.services.fields import Cleaner
from db.store.ledger import Ledger
from db.store.models import BaseModel, Member, Record

MSG_MEMBERS_REQUIRED = define(
    "record.members_required",
    zh="{label}：至少选择一名成员",
    en="{label}: choose at least one member",
)
MSG_MEMBER_TWICE = define(
    "record.member_twice",
    zh="{label}：{name}重复填写了",
    en="{label}: {name} is listed more than once",
)
MSG_ROW = define("rows.problem", zh="{label}（{name}）{problem}", en="{label} ({name}) — {problem}")

RowCleaner = Callable[[Cleaner], dict[str, Any]]


@dataclass(frozen=True)
class MemberRow:
    """One wanted child row: its member, its own fields, and the id a snapshot offered for it."""

    member: uuid.UUID
    fields: Mapping[str, Any] = field(default_factory=dict)
    row_id: uuid.UUID | None = None


@dataclass(frozen=True)
class MemberRows:
    """How one kind of record keeps its member child rows.

    ``name`` is the key of the list in a record's values and snapshot; ``model`` the child table and
    ``parent`` its foreign key to the record. ``ordered`` keeps the list's order in the ``position``
    column (authors: first author first). ``required`` is the message for an empty list, or None when a
    record may have no rows. ``clean_row`` reads a row's own fields (labelled by ``row_labels``) from
    the row's mapping; without it a row is its member and nothing else.
    """

    name: str
    model: type[BaseModel]
    parent: str
    ordered: bool = False
    required: MessageDef | None = None
    row_labels: Mapping[str, MessageDef] = field(default_factory=dict)
    clean_row: RowCleaner | None = None

    @property
    def field_names(self) -> tuple[str, ...]:
        """The row's own fields: everything but its id, its parent, its member and its position."""
        skip = {"id", self.parent, "member", "position"}
        return tuple(n for n in self.model._meta.sorted_field_names if n not in skip)

    # -- reading ----------------------------------------------------------------------------------
    def clean(
        self, ledger: Ledger, c: Cleaner, raw: Any, current: Record | None
    ) -> list[MemberRow] | None:
        """The wanted rows from ``raw`` (the list as a form, an import or a snapshot gives it).

        None when an update leaves the list out: the record keeps the rows it has. Otherwise every
        problem is an error of the field ``name``: see ``clean_member_rows``.
        """
        if raw is None and current is not None:
            return None
        return clean_member_rows(
            ledger,
            c,
            self.name,
            raw,
            required=self.required,
            row_labels=self.row_labels,
            clean_row=self.clean_row,
        )

    # -- writing ----------------------------------------------------------------------------------
    def write(self, record_id: uuid.UUID, wanted: Iterable[MemberRow] | None) -> None:
        """Make the record's rows those ``wanted`` (None: leave them as they are).

        A row whose member stays keeps its id and gets the new fields; a row of a member no longer
        listed is deleted; a new row takes the id a snapshot offered when that id is free (a restore),
        a fresh one otherwise (values copied from another record).
        """
        if wanted is None:
            return
        wanted = list(wanted)
        model = self.model
        existing = {
            row.member_id: row
            for row in model.select().where(model._meta.fields[self.parent] == record_id)
        }
        keep = {w.member for w in wanted}
        stale = [row.id for member_id, row in existing.items() if member_id not in keep]
        if stale:
            model.delete().where(model.id.in_(stale)).execute()
        offered = [w.row_id for w in wanted if w.row_id is not None and w.member not in existing]
        taken = (
            {row.id for row in model.select(model.id).where(model.id.in_(offered))}
            if offered
            else set()
        )
        for position, row in enumerate(wanted):
            values = {k: row.fields[k] for k in self.field_names if k in row.fields}
            if self.ordered:
                values["position"] = position
            current = existing.get(row.member)
            if current is None:
                values.update({self.parent: record_id, "member": row.member})
                if row.row_id is not None and row.row_id not in taken:
                    values["id"] = row.row_id
                    taken.add(row.row_id)
                model.create(**values)
                continue
            changed = {k: v for k, v in values.items() if getattr(current, k) != v}
            if changed:
                model.update(**changed).where(model.id == current.id).execute()

    # -- snapshot ---------------------------------------------------------------------------------
    def snapshot(self, record_id: uuid.UUID) -> list[dict[str, Any]]:
        """The rows as history and the recycle bin keep them: ``[{"id", "member", fields…}, …]``,
        in list order when ordered, else in the group's member order."""
        model = self.model
        query = (
            model.select(model)
            .join(Member, on=(model._meta.fields["member"] == Member.id))
            .where(model._meta.fields[self.parent] == record_id)
        )
        if self.ordered:
            query = query.order_by(model._meta.fields["position"], model.id)
        else:
            query = query.order_by(Member.sort_order, Member.name, Member.id, model.id)
        names = self.field_names
        return [
            {"id": row.id, "member": row.member_id, **{n: getattr(row, n) for n in names}}
            for row in query
        ]


def clean_member_rows(
    ledger: Ledger,
    c: Cleaner,
    name: str,
    raw: Any,
    *,
    required: MessageDef | None = None,
    row_labels: Mapping[str, MessageDef] | None = None,
    clean_row: RowCleaner | None = None,
) -> list[MemberRow]:
    """The member rows under ``name``, in the given order.

    Items are member ids or Member objects (a member picker), or mappings with ``"member"`` and the
    row's fields (a table of rows; a snapshot adds the row's ``"id"``). A blank or unknown member, a
    member not of this group, a member listed twice, each row's own problems (named by the member they
    are about) and, when ``required`` is given, an empty list are errors of the field ``name``.
    """
    if raw is None or raw == "":
        items: list[Any] = []
    elif isinstance(raw, str | uuid.UUID | Member | Mapping):
        items = [raw]
    else:
        items = list(raw)

    member_ids: list[uuid.UUID | None] = []
    for item in items:
        value = item.get("member") if isinstance(item, Mapping) else item
        if value is None or (isinstance(value, str) and not value.strip()):
            c.fail(name, MSG_UNKNOWN_MEMBER(label=c.label(name), value=""))
            member_ids.append(None)
        else:
            member_ids.append(c.as_uuid(name, value.strip() if isinstance(value, str) else value))
    wanted = {m for m in member_ids if m is not None}
    names = member_names(ledger, wanted)

    twice = MSG_MEMBER_TWICE
    rows: list[MemberRow] = []
    seen: set[uuid.UUID] = set()
    reported: set[uuid.UUID] = set()
    for item, member_id in zip(items, member_ids, strict=True):
        if member_id is None:
            continue
        if member_id in seen:
            if member_id not in reported:
                reported.add(member_id)
                who = names.get(member_id, str(member_id))
                c.fail(name, twice(label=c.label(name), name=who))
            continue
        seen.add(member_id)
        if member_id not in names:
            c.fail(name, MSG_UNKNOWN_MEMBER(label=c.label(name), value=str(member_id)))
            continue
        mapping = item if isinstance(item, Mapping) else {}
        fields: dict[str, Any] = {}
        if clean_row is not None:
            rc = Cleaner(mapping, row_labels or {})
            fields = clean_row(rc)
            for problem in rc.errors:
                c.fail(
                    name,
                    MSG_ROW(label=c.label(name), name=names[member_id], problem=problem.message),
                )
        rows.append(MemberRow(member_id, fields, _quiet_uuid(mapping.get("id"))))
    if required is not None and not rows and not c.has_error(name):
        c.fail(name, required(label=c.label(name)))
    return rows


def _quiet_uuid(raw: Any) -> uuid.UUID | None:
    if raw is None or isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None
