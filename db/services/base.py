"""The one path every change takes: clean, save in one transaction, write history; delete into the
recycle bin and restore from it. Each kind of record subclasses RecordService in its own module."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import peewee

from db.common import clock, errors
from db.common.messages import MessageDef, define
from db.services.fields import Cleaner
from db.store.ledger import Ledger
from db.store.models import ChangeLog, Member, Record, RecycleBin

R = TypeVar("R", bound=Record)

MSG_NOT_FOUND = define(
    "record.not_found",
    zh="找不到这条{kind}，它可能已被删除。",
    en="This {kind} was not found; it may have been deleted.",
)
MSG_CONFLICT = define(
    "record.conflict",
    zh="这条{kind}已被 {operator} 在 {at} 修改过，您的修改未保存。请载入最新内容，核对后再保存。",
    en="This {kind} was changed by {operator} at {at}; your changes were not saved. "
    "Load the newer version, check your changes against it and save again.",
)
MSG_NO_GROUP = define(
    "record.no_group",
    zh="还没有建立工作组，请先填写工作组信息。",
    en="No work group exists yet; fill in the group's profile first.",
)
MSG_UNKNOWN_MEMBER = define(
    "record.unknown_member",
    zh="{label}：找不到这位成员（{value}）",
    en="{label}: no such member ({value})",
)
MSG_BIN_NOT_FOUND = define(
    "recycle.not_found",
    zh="回收站里没有这条记录。",
    en="This record is not in the recycle bin.",
)


# -- JSON form of records, for history and the recycle bin ----------------------------------------


def to_json_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Record):
        return str(value.id)
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    return value


def dumps(data: Mapping[str, Any] | None) -> str | None:
    if data is None:
        return None
    return json.dumps(to_json_value(dict(data)), ensure_ascii=False, sort_keys=True)


def now() -> datetime.datetime:
    return clock.now().replace(microsecond=0)


# -- the service ----------------------------------------------------------------------------------

_REGISTRY: dict[str, type[RecordService[Any]]] = {}


def service_for(kind: str) -> RecordService[Any]:
    """The service of a kind of record (services hold no state, so a new one is as good as any)."""
    return _REGISTRY[kind]()


def registered_kinds() -> tuple[str, ...]:
    return tuple(_REGISTRY)


@dataclass(frozen=True)
class Saved(Generic[R]):
    record: R
    created: bool


class RecordService(Generic[R]):
    """Subclasses set ``kind``, ``model``, ``noun`` and ``labels`` and implement ``clean``.

    ``values`` — what save() takes, and what snapshot() gives back — use the model's field names;
    foreign keys are ids; children are lists under their own names (see ``snapshot_children``).
    """

    kind: ClassVar[str]
    model: ClassVar[type[Record]]
    noun: ClassVar[MessageDef]  # the user's name of one such record, e.g. 请假记录
    labels: ClassVar[Mapping[str, MessageDef]]
    group_scoped: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            _REGISTRY[cls.kind] = cls

    # -- to implement ------------------------------------------------------------------------------
    def clean(self, ledger: Ledger, values: Mapping[str, Any], current: R | None) -> dict[str, Any]:
        """Typed field values (and children) from ``values``, or ValidationError naming each field."""
        raise NotImplementedError

    def summary(self, record: R) -> str:
        """One line naming the record, for the recycle bin and the history list."""
        raise NotImplementedError

    def queued_summary(self, record: R, children: Sequence[Any]) -> str:
        """summary() of a record whose member child rows (``children``, as cleaned) are not written
        yet: the importer's batch writer logs each record before it inserts them."""
        return self.summary(record)

    def snapshot_children(self, record: R) -> dict[str, Any]:
        return {}

    def write_children(self, ledger: Ledger, record: R, cleaned: Mapping[str, Any]) -> None:
        """Replace the record's child rows with those in ``cleaned`` (called inside the transaction)."""

    def warnings(
        self, ledger: Ledger, cleaned: Mapping[str, Any], current: R | None
    ) -> list[errors.FieldError]:
        """What is possible but unusual in these (clean) values — a date outside the group's or
        the member's term, a date still to come — each naming its field (db.services.sanity).
        The form shows them and asks before saving; ``save()`` and the import do not stop."""
        return []

    def check_delete(self, ledger: Ledger, record: R) -> None:
        """Raise ActionRefusedError when the record may not be deleted."""

    def after_restore_check(self, ledger: Ledger, values: Mapping[str, Any]) -> None:
        """Hook for kinds that need more than clean() before a restore."""

    def memo(self, ledger: Ledger, values: Mapping[str, Any]) -> dict[Any, Any] | None:
        """The memo of this transaction (Ledger.cached) that a record with these field values belongs
        in — record id -> memo_entry() — read when first asked for; None for kinds that keep none."""
        return None

    def memo_entry(self, values: Mapping[str, Any]) -> Any:
        """What memo() keeps of a record (None: it is left out)."""
        return None

    def written(
        self, ledger: Ledger, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
    ) -> None:
        """A record of this kind was created (``before`` None), changed, restored or deleted (``after``
        None), each given as its fields by name (Model.__data__): move it within memo().

        The importer's batch writer calls this too, for a record it has queued but not yet inserted
        (db.exchange.importer._Bulk): a memo is updated in place, and read first when need be, so that it
        counts the queued record; forgetting it would lose that (only a kind the importer never
        batch-writes may override this to forget)."""
        if not ledger.in_transaction:
            return
        if before is not None and (old := self.memo(ledger, before)) is not None:
            old.pop(before["id"], None)
        if after is not None and (new := self.memo(ledger, after)) is not None:
            entry = self.memo_entry(after)
            if entry is None:
                new.pop(after["id"], None)
            else:
                new[after["id"]] = entry

    # -- provided ----------------------------------------------------------------------------------
    def cleaner(self, values: Mapping[str, Any]) -> Cleaner:
        return Cleaner(values, self.labels)

    def field_names(self) -> list[str]:
        skip = {"id", "version", "created_at", "updated_at", "group"}
        return [f.name for f in self.model._meta.sorted_fields if f.name not in skip]

    def snapshot(self, record: R) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in self.model._meta.sorted_fields:
            if field.name in ("created_at", "updated_at"):
                continue
            value = record.__data__.get(field.name)
            data[field.name] = value
        data.update(self.snapshot_children(record))
        return to_json_value(data)

    def query(self, ledger: Ledger) -> peewee.ModelSelect:
        query = self.model.select()
        if self.group_scoped:
            query = query.where(self.model.group == require_group(ledger))
        return query

    def get(self, ledger: Ledger, record_id: Any) -> R:
        try:
            key = record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(str(record_id))
        except ValueError:
            raise errors.NotFoundError(MSG_NOT_FOUND(kind=self.noun())) from None
        record = self.query(ledger).where(self.model.id == key).first()
        if record is None:
            raise errors.NotFoundError(MSG_NOT_FOUND(kind=self.noun()))
        return record

    def validate(
        self, ledger: Ledger, values: Mapping[str, Any], record_id: Any = None
    ) -> dict[str, Any]:
        """Check without saving (a form calls this as the user types)."""
        current = self.get(ledger, record_id) if record_id is not None else None
        return self.clean(ledger, values, current)

    def check(
        self, ledger: Ledger, values: Mapping[str, Any], record_id: Any = None
    ) -> list[errors.FieldError]:
        """The warnings of values that can be saved (ValidationError when they cannot)."""
        current = self.get(ledger, record_id) if record_id is not None else None
        return self.warnings(ledger, self.clean(ledger, values, current), current)

    def save(
        self,
        ledger: Ledger,
        values: Mapping[str, Any],
        *,
        record_id: Any = None,
        expected_version: int | None = None,
    ) -> R:
        """Create (record_id None) or update a record; all or nothing, with its history entry."""
        with ledger.transaction():
            current = self.get(ledger, record_id) if record_id is not None else None
            if (
                current is not None
                and expected_version is not None
                and current.version != expected_version
            ):
                raise self._conflict(current)
            cleaned = self.clean(ledger, values, current)
            return self._write(ledger, cleaned, current)

    def _write(
        self,
        ledger: Ledger,
        cleaned: Mapping[str, Any],
        current: R | None,
        *,
        restore_id: Any = None,
    ) -> R:
        fields = {k: v for k, v in cleaned.items() if k in self.model._meta.fields}
        stamp = now()
        old = dict(current.__data__) if current is not None else None
        if current is None:
            if self.group_scoped:
                fields["group"] = require_group(ledger)
            if restore_id is not None:
                fields["id"] = restore_id
            record = self.model.create(created_at=stamp, updated_at=stamp, **fields)
            before = None
            action = "restore" if restore_id is not None else "create"
        else:
            before = self.snapshot(current)
            updated = (
                self.model.update(version=self.model.version + 1, updated_at=stamp, **fields)
                .where((self.model.id == current.id) & (self.model.version == current.version))
                .execute()
            )
            if updated != 1:
                raise self._conflict(current)
            record = self.model.get_by_id(current.id)
            action = "update"
        self.write_children(ledger, record, cleaned)
        self.written(ledger, old, record.__data__)
        after = self.snapshot(record)
        if before is not None and current is not None and before_equal(before, after):
            # Nothing changed: the record keeps its version and time, and no history is written,
            # as if it had not been saved (a ledger imported a second time writes nothing).
            self.model.update(version=current.version, updated_at=current.updated_at).where(
                self.model.id == current.id
            ).execute()
            return current
        self._log(ledger, record, action, before, after)
        return record

    def _conflict(self, current: R) -> errors.ConflictError:
        last = (
            ChangeLog.select()
            .where(ChangeLog.record_id == current.id)
            .order_by(ChangeLog.at.desc())
            .first()
        )
        return errors.ConflictError(
            MSG_CONFLICT(
                kind=self.noun(),
                operator=last.operator if last else "?",
                at=last.at.isoformat(sep=" ") if last else "?",
            )
        )

    def history_group(self, ledger: Ledger, record_id: Any) -> Any:
        """The group whose history holds a change to this record (None: the history every group
        shares, as for the calendar's corrections)."""
        return ledger.group_id if self.group_scoped else None

    def _log(self, ledger: Ledger, record: R, action: str, before: Any, after: Any) -> None:
        group = self.history_group(ledger, record.id)
        ledger.touched(group)  # the windows working on that group hear of the change
        ChangeLog.create(
            group=group,
            kind=self.kind,
            record_id=record.id,
            summary=self.summary(record)[:300],
            action=action,
            operator=ledger.operator or "?",
            at=now(),
            before=dumps(before),
            after=dumps(after),
        )

    def delete(self, ledger: Ledger, record_id: Any) -> RecycleBin:
        """Move a record (with its child rows) into the recycle bin; returns the bin entry."""
        with ledger.transaction():
            record = self.get(ledger, record_id)
            self.check_delete(ledger, record)
            payload = self.snapshot(record)
            entry = RecycleBin.create(
                group=ledger.group_id if self.group_scoped else None,
                kind=self.kind,
                record_id=record.id,
                summary=self.summary(record)[:300],
                payload=dumps(payload),
                deleted_at=now(),
                deleted_by=ledger.operator or "?",
            )
            self._log(ledger, record, "delete", payload, None)
            record.delete_instance()
            self.written(ledger, record.__data__, None)
            return entry

    def delete_many(self, ledger: Ledger, record_ids: Iterable[Any]) -> list[RecycleBin]:
        """Delete several records as one change (one Ctrl+Z brings them all back)."""
        with ledger.transaction():
            return [self.delete(ledger, rid) for rid in record_ids]

    def restore_values(self, ledger: Ledger, payload: Mapping[str, Any]) -> R:
        """Insert a record from its snapshot, keeping its identity; runs the same checks as a save."""
        cleaned = self.clean(ledger, payload, None)
        self.after_restore_check(ledger, payload)
        return self._write(ledger, cleaned, None, restore_id=uuid.UUID(str(payload["id"])))


def before_equal(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    ignore = {"version"}
    return {k: v for k, v in before.items() if k not in ignore} == {
        k: v for k, v in after.items() if k not in ignore
    }


def require_group(ledger: Ledger) -> Any:
    if ledger.group_id is None:
        raise errors.ActionRefusedError(MSG_NO_GROUP())
    return ledger.group_id


def resolve_members(
    ledger: Ledger, cleaner: Cleaner, name: str, raw_ids: Iterable[Any]
) -> list[uuid.UUID]:
    """Member ids of this group, in the given order and without repeats; unknown ones are field errors."""
    ids: list[uuid.UUID] = []
    for raw in raw_ids:
        member_id = cleaner.as_uuid(name, raw)
        if member_id is not None and member_id not in ids:
            ids.append(member_id)
    if not ids:
        return ids
    known = member_names(ledger, ids)
    for member_id in ids:
        if member_id not in known:
            cleaner.fail(name, MSG_UNKNOWN_MEMBER(label=cleaner.label(name), value=str(member_id)))
    return [i for i in ids if i in known]


def group_members(ledger: Ledger, group: Any) -> dict[uuid.UUID, str]:
    """A group's members (id -> name), read once per write transaction (MemberService.written keeps
    them true)."""
    return ledger.cached(
        ("members", group),
        lambda: dict(Member.select(Member.id, Member.name).where(Member.group == group).tuples()),
    )


def member_names(ledger: Ledger, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The names of those of ``ids`` that are members of this group."""
    wanted = list(ids)
    if not wanted:
        return {}
    group = require_group(ledger)
    if not ledger.in_transaction:
        query = Member.select(Member.id, Member.name)
        return dict(query.where((Member.group == group) & Member.id.in_(wanted)).tuples())
    names = group_members(ledger, group)
    return {m: names[m] for m in wanted if m in names}


def restore(ledger: Ledger, bin_id: Any) -> Record:
    """Bring a record back from the recycle bin with its original identity."""
    with ledger.transaction():
        entry = RecycleBin.get_or_none(RecycleBin.id == uuid.UUID(str(bin_id)))
        if entry is None or (entry.group_id is not None and entry.group_id != ledger.group_id):
            raise errors.NotFoundError(MSG_BIN_NOT_FOUND())
        service = service_for(entry.kind)
        record = service.restore_values(ledger, json.loads(entry.payload))
        entry.delete_instance()
        return record


def restore_many(ledger: Ledger, bin_ids: Iterable[Any]) -> list[Record]:
    with ledger.transaction():
        return [restore(ledger, b) for b in bin_ids]


def purge(ledger: Ledger, bin_id: Any) -> None:
    """Delete a recycle-bin entry for good (the history keeps what it was)."""
    with ledger.transaction():
        entry = RecycleBin.get_or_none(RecycleBin.id == uuid.UUID(str(bin_id)))
        if entry is None or (entry.group_id is not None and entry.group_id != ledger.group_id):
            raise errors.NotFoundError(MSG_BIN_NOT_FOUND())
        ChangeLog.create(
            group=entry.group_id,
            kind=entry.kind,
            record_id=entry.record_id,
            action="purge",
            summary=entry.summary,
            operator=ledger.operator or "?",
            at=now(),
            before=entry.payload,
            after=None,
        )
        entry.delete_instance()
