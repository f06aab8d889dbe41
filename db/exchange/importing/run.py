"""One import's shared path, used by every kind of record: problems, identities, the services'
saving row by row or in bulk, and the names resolved so far."""

from __future__ import annotations

import datetime
import importlib
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import peewee

from db.common import errors
from db.common.messages import Message, current_language
from db.exchange import ledgers as L
from db.exchange.importing.messages import (
    MSG_AMBIGUOUS_MEMBER,
    MSG_AMBIGUOUS_REPORT,
    MSG_BAD_ID,
    MSG_DUPLICATE_ID,
    MSG_UNKNOWN_MEMBER_NAME,
    MSG_UNKNOWN_REPORT,
    MSG_WHO,
)
from db.exchange.importing.rows import CREATE, SAME, SKIP, UPDATE, Problem, _Row, _Table
from db.queries import duplicates
from db.services.base import RecordService, group_members, to_json_value
from db.services.children import MemberRows
from db.store.ledger import Ledger
from db.store.models import ChangeLog, Member, PartyGroup, ResearchReport

# The services register themselves when imported; an import needs every kind of the ledger.
for _module in (
    "bulletins",
    "groups",
    "members",
    "leave",
    "sessions",
    "spotchecks",
    "surveys",
    "highlights",
    "reports",
    "achievements",
    "plans",
):
    importlib.import_module(f"db.services.{_module}")


class _Rollback(Exception):
    pass


class _Names:
    """Member names and report titles of the group, read once and kept up to date as rows are saved."""

    def __init__(self) -> None:
        self.members: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.member_detail: dict[uuid.UUID, str] = {}
        self.reports: dict[str, list[uuid.UUID]] | None = None

    def load_members(self, group: Any) -> None:
        self.members.clear()
        self.member_detail.clear()
        query = Member.select(Member.id, Member.name, Member.sending_unit_post).where(
            Member.group == group
        )
        for m in query:
            self.members[m.name].append(m.id)
            self.member_detail[m.id] = m.sending_unit_post

    def set_member(self, member_id: uuid.UUID, name: str, detail: str) -> None:
        for ids in self.members.values():
            if member_id in ids:
                ids.remove(member_id)
        self.members[name].append(member_id)
        self.member_detail[member_id] = detail

    def member(self, name: str) -> tuple[uuid.UUID | None, Message | None]:
        ids = self.members.get(name) or []
        if not ids:
            return None, MSG_UNKNOWN_MEMBER_NAME(name=name)
        if len(ids) > 1:
            who = "；".join(
                MSG_WHO(detail=self.member_detail.get(i) or name, id=str(i)).text() for i in ids
            )
            return None, MSG_AMBIGUOUS_MEMBER(count=len(ids), name=name, who=who)
        return ids[0], None

    def load_reports(self, group: Any) -> None:
        self.reports = defaultdict(list)
        for rid, title in (
            ResearchReport.select(ResearchReport.id, ResearchReport.title)
            .where(ResearchReport.group == group)
            .tuples()
        ):
            self.reports[title].append(rid)

    def report(self, title: str) -> tuple[uuid.UUID | None, Message | None]:
        assert self.reports is not None
        ids = self.reports.get(title) or []
        if not ids:
            return None, MSG_UNKNOWN_REPORT(title=title)
        if len(ids) > 1:
            return None, MSG_AMBIGUOUS_REPORT(count=len(ids), title=title)
        return ids[0], None


def _id_of(value: Any) -> uuid.UUID | None:
    text = str(value).strip()
    return uuid.UUID(text)


class ImportRun:
    """One import's shared path: the file's tables by kind, the problems found, each row's
    identity and outcome, saving through the services (a savepoint a row, or a bulk queue), and the
    names resolved so far. Each kind's rows are read by a module of its own (db/exchange/importing/)."""

    def __init__(self, ledger: Ledger, tables: list[_Table], clean_only: bool) -> None:
        self.ledger = ledger
        self.clean_only = clean_only
        self.by_key: dict[str, list[_Table]] = defaultdict(list)
        for table in tables:
            self.by_key[table.sheet.key].append(table)
        self.names = _Names()
        self.created_with_id: list[uuid.UUID] = []
        self.member_order: dict[uuid.UUID, tuple[int, str]] | None = None  # once members are in
        self.known = _Known(ledger)
        self.wrote = False

    # -- helpers ----------------------------------------------------------------------------------
    def tables(self, key: str) -> list[_Table]:
        return [t for t in self.by_key.get(key, []) if t.usable]

    def rows(self, key: str) -> Iterator[tuple[_Table, _Row]]:
        for table in self.tables(key):
            for row in table.rows:
                yield table, row

    def problem(
        self,
        table: _Table,
        row: _Row,
        column: str | None,
        message: Message,
        strip: Iterable[str] = (),
    ) -> None:
        header = None
        if column is not None:
            col = table.sheet.column(column)
            header = col.header if col is not None else None
        row.result.problems.append(
            Problem(table.result.title, row.number, header, message, tuple(strip))
        )
        row.result.action = SKIP

    def field_problems(
        self,
        table: _Table,
        row: _Row,
        exc: errors.ValidationError,
        service: RecordService[Any],
        skip: set[str],
    ) -> None:
        lang = current_language()
        for error in exc.errors:
            if error.field in skip:
                continue
            label = service.labels.get(error.field)
            strip = [label().text(lang)] if label is not None else []
            col = table.sheet.column(error.field)
            if col is not None:
                strip.append(col.header)
            self.problem(table, row, error.field if col is not None else None, error.message, strip)

    def mark(self, table: _Table, row: _Row, action: str, record_id: Any) -> None:
        row.result.action = action
        row.result.record_id = record_id
        if action in (CREATE, UPDATE):
            self.wrote = True

    def bulk(self, service: RecordService[Any]) -> _Bulk:
        if self.member_order is None:
            self.member_order = {
                m.id: (m.sort_order, m.name)
                for m in Member.select(Member.id, Member.sort_order, Member.name).where(
                    Member.group == self.ledger.group_id
                )
            }
        return _Bulk(self.ledger, service, self.member_order)

    def identities(
        self, key: str, model: type[Any], group_scoped: bool = True
    ) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
        """Of the 编号s in the sheets of ``key``: those of this group's records, and all that exist."""
        wanted: set[uuid.UUID] = set()
        for _, row in self.rows(key):
            raw = L.plain_cell(row.cells.get("id"))
            if raw is None:
                continue
            try:
                wanted.add(_id_of(raw))
            except ValueError:
                continue
        mine: set[uuid.UUID] = set()
        anywhere: set[uuid.UUID] = set()
        ids = list(wanted)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            query = model.select(model.id, *([model.group] if group_scoped else [])).where(
                model.id.in_(chunk)
            )
            for record in query:
                anywhere.add(record.id)
                if not group_scoped or record.group_id == self.ledger.group_id:
                    mine.add(record.id)
        return mine, anywhere

    def check_duplicates(self, key: str, *, one_row_per_record: bool = True) -> None:
        for table in self.tables(key):
            seen: dict[tuple[Any, ...], int] = {}
            ids: dict[str, int] = {}
            keys = [c.key for c in table.sheet.columns if c.key in table.present and not c.derived]
            for row in table.rows:
                signature = tuple(_signature(row.cells.get(k)) for k in keys)
                first = seen.setdefault(signature, row.number)
                if first != row.number:
                    # The same row again: its record is the first one's, written once.
                    row.result.action = SAME
                    row.result.same_row = first
                    continue
                raw = L.plain_cell(row.cells.get("id"))
                if one_row_per_record and raw is not None:
                    first_id = ids.setdefault(str(raw).strip().lower(), row.number)
                    if first_id != row.number:
                        self.problem(table, row, "id", MSG_DUPLICATE_ID(first=first_id))

    def values(self, table: _Table, row: _Row, skip_fields: set[str]) -> dict[str, Any]:
        """The row's record-level values for the service; problems of names go on the row and their
        fields into ``skip_fields`` (the service's own complaint about them would only repeat it)."""
        values: dict[str, Any] = {}
        for col in table.sheet.columns:
            if col.derived or col.child or col.type == L.ID or col.key not in table.present:
                continue
            raw = L.plain_cell(row.cells.get(col.key))
            if col.type == L.MEMBER:
                values[col.key] = None
                if raw is not None:
                    member_id, message = self.names.member(str(raw))
                    if message is not None:
                        self.problem(table, row, col.key, message)
                        skip_fields.add(col.key)
                    values[col.key] = member_id
            elif col.type == L.MEMBERS:
                ids = []
                for name in L.split_names(str(raw)) if raw is not None else []:
                    member_id, message = self.names.member(name)
                    if message is not None:
                        self.problem(table, row, col.key, message)
                        skip_fields.add(col.key)
                    else:
                        ids.append(member_id)
                values[col.key] = ids
            elif col.type == L.SCOPE:
                values[col.key] = None if raw is None or str(raw) == L.WHOLE_BRANCH else str(raw)
            elif col.type == L.PARTY_GROUP:
                values[col.key] = None if raw is None else str(raw)
            elif col.type == L.REPORT:
                values[col.key] = None
                if raw is not None:
                    if self.names.reports is None:
                        self.names.load_reports(self.ledger.group_id)
                    report_id, message = self.names.report(str(raw))
                    if message is not None:
                        self.problem(table, row, col.key, message)
                        skip_fields.add(col.key)
                    values[col.key] = report_id
            else:
                values[col.key] = L.import_value(col, raw)
        return values

    def identity(
        self, table: _Table, row: _Row, mine: set[uuid.UUID], anywhere: set[uuid.UUID]
    ) -> tuple[str, uuid.UUID | None, bool]:
        """(action, record id, id given): update an own record, create with the file's id when it is
        free, or create with a new one (no id, or one of another group's records)."""
        raw = L.plain_cell(row.cells.get("id")) if "id" in table.present else None
        if raw is None:
            return CREATE, None, False
        try:
            record_id = _id_of(raw)
        except ValueError:
            self.problem(table, row, "id", MSG_BAD_ID(value=str(raw)))
            return SKIP, None, False
        if record_id in mine:
            return UPDATE, record_id, True
        if record_id in anywhere:
            return CREATE, None, True
        return CREATE, record_id, True

    def save(
        self,
        table: _Table,
        row: _Row,
        service: RecordService[Any],
        values: dict[str, Any],
        action: str,
        record_id: uuid.UUID | None,
        skip_fields: set[str],
        *,
        extra_rows: Sequence[tuple[_Table, _Row]] = (),
        bulk: _Bulk | None = None,
    ) -> uuid.UUID | None:
        """Save one record through its service (each save its own savepoint), or — a new record of a
        kind with a ``bulk`` writer — check it with the service's clean() and queue it; problems go on
        the row. Returns the record's id (None when it was not saved)."""
        if action == SKIP:
            return None
        if bulk is not None and (action == UPDATE or record_id in bulk.ids):
            # A save runs in its own transaction, and one that fails drops the memos that count the
            # queued records: let them be in the database first (and the record it may update).
            bulk.flush()
        if action == UPDATE and record_id is not None:
            values = self._merged(table, service, values, record_id)
        key = None
        try:
            if row.result.problems or any(r.result.problems for _, r in extra_rows):
                # Own problems already: still run the service's checks to list the other fields'.
                current = service.get(self.ledger, record_id) if action == UPDATE else None
                service.clean(self.ledger, values, current)
                row.result.action = SKIP
                return None
            key = self.known.key(service, values)
            if action == CREATE and key is not None:
                same = self.known.find(service.kind, key)
                if same is not None:
                    for t, r in ((table, row), *extra_rows):
                        self.mark(t, r, SAME, same)
                    return same
            if action == UPDATE:
                model = service.model
                version = model.select(model.version).where(model.id == record_id).scalar()
                record = service.save(self.ledger, values, record_id=record_id)
                saved = record.id
                if record.version == version:  # nothing changed, nothing written
                    action = SAME
            elif bulk is not None:
                saved = bulk.add(service.clean(self.ledger, values, None), record_id)
            elif record_id is not None:
                with self.ledger.transaction():
                    saved = service.restore_values(self.ledger, {**values, "id": str(record_id)}).id
                self.created_with_id.append(record_id)
            else:
                saved = service.save(self.ledger, values).id
        except errors.ValidationError as exc:
            self.field_problems(table, row, exc, service, skip_fields)
            row.result.action = SKIP
            return None
        except errors.StorageError:
            raise  # the disk or the file failed, not this row: the whole import stops
        except errors.LedgerError as exc:
            self.problem(table, row, None, exc.message)
            return None
        if service.kind in duplicates.FIELDS:
            self.known.put(service.kind, saved, key)
        self.mark(table, row, action, saved)
        return saved

    def _merged(
        self, table: _Table, service: RecordService[Any], values: dict[str, Any], record_id: Any
    ) -> dict[str, Any]:
        """An update from a sheet that lacks some columns keeps those fields as they are."""
        missing = [
            c.key
            for c in table.sheet.columns
            if not c.derived and not c.child and c.type != L.ID and c.key not in table.present
        ]
        if not missing:
            return values
        snapshot = service.snapshot(service.get(self.ledger, record_id))
        return {**{k: snapshot[k] for k in missing if k in snapshot}, **values}

    def finish(self) -> None:
        """History entries of records created with the file's identity say "create", not "restore"
        (restore_values is how a service creates a record with a given id)."""
        ids = self.created_with_id
        for start in range(0, len(ids), 500):
            ChangeLog.update(action="create").where(
                ChangeLog.record_id.in_(ids[start : start + 500]) & (ChangeLog.action == "restore")
            ).execute()


def _child_rows(service: RecordService[Any]) -> MemberRows | None:
    """The service's member child rows (attendance, participants, …), if it has any."""
    from db.services import achievements, reports, sessions, spotchecks, surveys

    return {
        "session": sessions.ATTENDANCE,
        "spotcheck": spotchecks.RESULTS,
        "survey": surveys.PARTICIPANTS,
        "report": reports.AUTHORS,
        "achievement": achievements.MEMBERS,
    }.get(service.kind)


class _Known:
    """The keys (db.queries.duplicates) of the group's records of each kind, read when the kind's first row
    is checked and kept true as the import saves rows, so that a record already in the ledger — or
    saved from an earlier row of the file — is recognised and not written twice."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.by_key: dict[str, dict[duplicates.Key, uuid.UUID]] = {}
        self.by_id: dict[str, dict[uuid.UUID, duplicates.Key]] = {}
        self._party_groups: dict[str, uuid.UUID] | None = None

    def party_groups(self) -> Mapping[str, uuid.UUID]:
        if self._party_groups is None:  # asked first by the sessions, after the party groups are in
            self._party_groups = dict(
                PartyGroup.select(PartyGroup.name, PartyGroup.id)
                .where(PartyGroup.group == self.ledger.group_id)
                .tuples()
            )
        return self._party_groups

    def key(self, service: RecordService[Any], values: Mapping[str, Any]) -> Any:
        if service.kind not in duplicates.FIELDS:
            return None
        return duplicates.values_key(service.kind, values, service.labels, self.party_groups)

    def _load(self, kind: str) -> None:
        if kind in self.by_id:
            return
        ids = duplicates.record_keys(kind, self.ledger.group_id)
        by_key: dict[duplicates.Key, uuid.UUID] = {}
        for record_id, key in ids.items():
            by_key.setdefault(key, record_id)
        self.by_id[kind], self.by_key[kind] = ids, by_key

    def find(self, kind: str, key: duplicates.Key) -> uuid.UUID | None:
        self._load(kind)
        return self.by_key[kind].get(key)

    def put(self, kind: str, record_id: uuid.UUID, key: duplicates.Key | None) -> None:
        """A record was saved with this key (None: unknown)."""
        self._load(kind)
        old = self.by_id[kind].pop(record_id, None)
        if old is not None and self.by_key[kind].get(old) == record_id:
            del self.by_key[kind][old]
        if key is not None:
            self.by_id[kind][record_id] = key
            self.by_key[kind].setdefault(key, record_id)


class _Bulk:
    """New records of one kind, checked by the service's clean() one by one and written many at a
    time: the record, its member child rows and its history entry, exactly as the service's save()
    writes them (tests/db/exchange/test_import.py compares the two), in a few statements instead of several
    per record — what makes 10,000 rows import in seconds.

    A queued record is announced to its service (RecordService.written), whose memos then count it:
    clean() finds a clash with a queued record (leave of the same member, a highlight of the same
    member, month and title) as with one in the database. A failed transaction drops the memos, so
    nothing may be queued when a save runs in its own (_Import.save flushes first).
    """

    def __init__(
        self,
        ledger: Ledger,
        service: RecordService[Any],
        member_order: Mapping[uuid.UUID, tuple[int, str]],
    ) -> None:
        self.ledger = ledger
        self.service = service
        self.model = service.model
        self.children = _child_rows(service)
        self.member_order = member_order
        self.member_fields = [
            f
            for f in self.model._meta.sorted_fields
            if isinstance(f, peewee.ForeignKeyField) and f.rel_model is Member
        ]
        self.records: list[dict[str, Any]] = []
        self.ids: set[uuid.UUID] = set()  # of the queued records
        self.child_rows: list[dict[str, Any]] = []
        self.logs: list[dict[str, Any]] = []

    def _summary(self, row: Mapping[str, Any], children: Sequence[Any]) -> str:
        """The history's name of the record (as the services log it); empty when it names a
        member queued in this same import, not written yet."""
        record = self.model(__no_default__=1, **row)  # its values are all given
        # The member a summary names, from the transaction's memo of the group's names rather than
        # a query per record (a record's member relation is read lazily); a member not in the memo
        # is still looked up as the service would.
        names = group_members(self.ledger, self.ledger.group_id) if self.member_fields else {}
        for field in self.member_fields:
            member_id = row.get(field.name)
            if member_id in names:
                setattr(
                    record,
                    field.name,
                    Member(__no_default__=1, id=member_id, name=names[member_id]),
                )
        try:
            return self.service.queued_summary(record, children)[:300]
        except (peewee.DoesNotExist, AttributeError):
            return ""

    def add(self, cleaned: Mapping[str, Any], record_id: uuid.UUID | None) -> uuid.UUID:
        from db.common.ids import new_id
        from db.services.base import now

        model = self.model
        record_id = record_id or new_id()
        self.ids.add(record_id)
        stamp = now()
        fields = {k: v for k, v in cleaned.items() if k in model._meta.fields}
        fields.update(id=record_id, created_at=stamp, updated_at=stamp)
        if self.service.group_scoped:
            fields["group"] = self.ledger.group_id
        row = {
            f.name: fields[f.name] if f.name in fields else _default(f)
            for f in model._meta.sorted_fields
        }
        self.records.append(row)
        snapshot = {k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
        spec = self.children
        children = (cleaned.get(spec.name) or ()) if spec is not None else ()
        if spec is not None and cleaned.get(spec.name) is not None:
            snapshot[spec.name] = self._children(spec, record_id, cleaned[spec.name])
        self.logs.append(
            {
                "id": new_id(),
                "group": self.ledger.group_id if self.service.group_scoped else None,
                "kind": self.service.kind,
                "record_id": record_id,
                "action": "create",
                "operator": self.ledger.operator or "?",
                "summary": self._summary(row, children),
                "at": stamp,
                "before": None,
                "after": json.dumps(_json(snapshot), ensure_ascii=False, sort_keys=True),
            }
        )
        self.service.written(self.ledger, None, row)
        return record_id

    def _children(
        self, spec: MemberRows, record_id: uuid.UUID, wanted: Sequence[Any]
    ) -> list[dict[str, Any]]:
        from db.common.ids import new_id

        model = spec.model
        rows = []
        for position, child in enumerate(wanted):
            values = {
                f: child.fields.get(f, model._meta.fields[f].default) for f in spec.field_names
            }
            row = {"id": new_id(), spec.parent: record_id, "member": child.member, **values}
            if spec.ordered:
                row["position"] = position
            rows.append(row)
        self.child_rows.extend(rows)
        if not spec.ordered:
            order = self.member_order
            rows = sorted(
                rows,
                key=lambda r: (*order.get(r["member"], (0, "")), r["member"], r["id"]),
            )
        return [
            {"id": r["id"], "member": r["member"], **{n: r[n] for n in spec.field_names}}
            for r in rows
        ]

    def flush(self) -> None:
        _insert(self.ledger, self.model, self.records)
        if self.children is not None:
            _insert(self.ledger, self.children.model, self.child_rows)
        _insert(self.ledger, ChangeLog, self.logs)
        self.records, self.child_rows, self.logs = [], [], []
        self.ids.clear()


def _json(value: Any) -> Any:
    """base.to_json_value() for the flat records and child rows of a snapshot, in one quick pass (it
    runs for every record of an import); tests/db/exchange/test_import.py checks the two agree."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is dict:
        return {k: _json(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [_json(v) for v in value]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    return to_json_value(value)


def _default(field: Any) -> Any:
    """A field's default as Model.create() fills it in."""
    default = field.default
    return default() if callable(default) else default


def _insert(ledger: Ledger, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys) with one prepared statement: peewee writes the SQL of
    one row and converts each value with its field's db_value(), as insert_many() would, but without
    building a statement of thousands of parameters in Python."""
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    sql, _ = model.insert_many([tuple(rows[0].values())], fields=fields).sql()
    params = [
        tuple(f.db_value(v) for f, v in zip(fields, row.values(), strict=True)) for row in rows
    ]
    ledger.db.cursor().executemany(sql, params)


def _settled(row: _Row) -> bool:
    """True for a row already decided: it has a problem, or it is SAME as a record or an earlier row."""
    return bool(row.result.problems) or row.result.action == SAME


def _without(table: _Table, key: str) -> _Table:
    return _Table(table.result, table.sheet, table.present - {key}, table.rows, table.usable)


def _attendance_messages(
    run: ImportRun,
    messages: list[Message],
    members: list[tuple[_Table, _Row]],
    table: _Table,
    row: _Row,
) -> None:
    lang = current_language()
    for message in messages:
        name = message.params.get("name")
        target = next(
            (
                (t, r)
                for t, r in members
                if name is not None and str(L.plain_cell(r.cells.get("member"))) == str(name)
            ),
            None,
        )
        if target is None:
            run.problem(table, row, None, message)
            continue
        t, r = target
        inner = message.params.get("problem")
        if isinstance(inner, Message):
            text = inner.text(lang)
            col = next((c for c in t.sheet.columns if c.child and text.startswith(c.header)), None)
            strip = [c.header for c in t.sheet.columns]
            run.problem(t, r, col.key if col else None, inner, strip)
        else:
            label = message.params.get("label")
            strip = [label.text(lang) if isinstance(label, Message) else str(label or "")]
            run.problem(t, r, "member", message, strip)


def _is_attendance(problem: Problem) -> bool:
    return problem.message.params.get("label") is not None and "name" in problem.message.params


def _signature(value: Any) -> Any:
    value = L.plain_cell(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return "" if value is None else str(value)


def _text(value: Any) -> str:
    value = L.plain_cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _is_results(problem: Problem) -> bool:
    return _is_attendance(problem)  # the same shape: a member row's problem names the member
