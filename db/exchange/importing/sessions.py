"""Importing study sessions with their attendance (the 出勤 sheet, or the session's own columns)."""

from __future__ import annotations

import contextlib
import datetime
import uuid
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from db.common import errors
from db.exchange import ledgers as L
from db.exchange.importing.messages import (
    MSG_AMBIGUOUS_SESSION,
    MSG_BAD_ID,
    MSG_BAD_PRESENT,
    MSG_NO_SESSION,
    MSG_NO_SESSION_ID,
    MSG_SESSION_SKIPPED,
)
from db.exchange.importing.rows import (
    CREATE,
    SAME,
    SKIP,
    UPDATE,
    _header,
    _required,
    _Row,
    _Table,
)
from db.exchange.importing.run import (
    ImportRun,
    _attendance_messages,
    _id_of,
    _is_attendance,
    _settled,
    _text,
)
from db.services.base import RecordService, service_for
from db.store.models import PartyGroup, StudySession

PRESENT_WORDS = {"出席", "是", "√", "✓", "到", "出勤", "1", "true", "yes", "y", "present"}


ABSENT_WORDS = {"缺席", "否", "×", "✗", "未到", "缺勤", "0", "false", "no", "n", "absent"}


def import_sessions(run: ImportRun) -> None:
    service = service_for("session")
    mine, anywhere = run.identities("sessions", StudySession)
    attendance_tables = run.tables("attendance")
    has_attendance = bool(attendance_tables)
    session_rows = list(run.rows("sessions"))
    # Which file row each session is, by its identity and by its date and topic.
    by_id: dict[uuid.UUID, tuple[_Table, _Row]] = {}
    by_date_topic: dict[tuple[Any, str], list[tuple[_Table, _Row]]] = defaultdict(list)
    for table, row in session_rows:
        raw = L.plain_cell(row.cells.get("id"))
        if raw is not None:
            with contextlib.suppress(ValueError):
                by_id[_id_of(raw)] = (table, row)
        key = _date_topic(row.cells.get("date"), row.cells.get("topic"))
        if key is not None:
            by_date_topic[key].append((table, row))
    # Attendance rows, grouped by the session they belong to (a file row, or one in the database).
    groups: dict[Any, list[tuple[_Table, _Row]]] = defaultdict(list)
    for table in attendance_tables:
        for row in table.rows:
            if _settled(row):
                continue
            target = _attendance_target(run, table, row, by_id, by_date_topic)
            if target is not None:
                groups[target].append((table, row))
    run.bulk_sessions = run.bulk(service)
    for table, row in session_rows:
        if _settled(row):
            continue
        action, record_id, _ = run.identity(table, row, mine, anywhere)
        skip: set[str] = set()
        values = run.values(table, row, skip)
        members = groups.pop(("row", id(row)), [])
        if has_attendance:
            values["attendance"] = _attendance_values(run, members)
        _save_session(run, table, row, service, values, action, record_id, skip, members)
    run.bulk_sessions.flush()
    # Attendance of sessions that are in the database but not in the file.
    for target, members in groups.items():
        kind, session_id = target
        if kind != "db":
            continue
        first_table, first_row = members[0]
        values = service.snapshot(service.get(run.ledger, session_id))
        values["attendance"] = _attendance_values(run, members)
        _save_session(
            run,
            first_table,
            first_row,
            service,
            values,
            UPDATE,
            session_id,
            set(),
            members,
            own=False,
        )


def _save_session(
    run: ImportRun,
    table: _Table,
    row: _Row,
    service: RecordService[Any],
    values: dict[str, Any],
    action: str,
    record_id: uuid.UUID | None,
    skip: set[str],
    members: list[tuple[_Table, _Row]],
    *,
    own: bool = True,
) -> None:
    before = len(row.result.problems)
    if own:
        saved = run.save(
            table,
            row,
            service,
            values,
            action,
            record_id,
            skip,
            extra_rows=members,
            bulk=run.bulk_sessions,
        )
    else:
        record = None
        if not any(r.result.problems for _, r in members):
            try:
                record = service.save(run.ledger, values, record_id=record_id)
            except errors.ValidationError as exc:
                _attendance_messages(run, [e.message for e in exc.errors], members, table, row)
            except errors.StorageError:
                raise
            except errors.LedgerError as exc:
                run.problem(table, row, None, exc.message)
        for t, r in members:
            if record is not None:
                run.mark(t, r, UPDATE, record.id)
            elif not r.result.problems:
                r.result.action = SKIP
        return
    # Problems the service found in the attendance go to the attendance rows.
    moved = [p for p in row.result.problems[before:] if p.column is None and _is_attendance(p)]
    if moved:
        row.result.problems = [p for p in row.result.problems if p not in moved]
        _attendance_messages(run, [p.message for p in moved], members, table, row)
    if saved is None and any(r.result.problems for _, r in members) and not row.result.problems:
        run.problem(table, row, None, MSG_SESSION_SKIPPED())
    for t, r in members:
        if saved is not None:
            action = row.result.action if row.result.action in (CREATE, SAME) else UPDATE
            run.mark(t, r, action, saved)
        else:
            r.result.action = SKIP


def _attendance_target(
    run: ImportRun,
    table: _Table,
    row: _Row,
    by_id: Mapping[uuid.UUID, tuple[_Table, _Row]],
    by_date_topic: Mapping[tuple[Any, str], list[tuple[_Table, _Row]]],
) -> Any:
    raw = L.plain_cell(row.cells.get("session")) if "session" in table.present else None
    if raw is not None:
        try:
            session_id = _id_of(raw)
        except ValueError:
            run.problem(table, row, "session", MSG_BAD_ID(value=str(raw)))
            return None
        if session_id in by_id:
            return ("row", id(by_id[session_id][1]))
        exists = (
            StudySession.select()
            .where((StudySession.id == session_id) & (StudySession.group == run.ledger.group_id))
            .exists()
        )
        if exists:
            return ("db", session_id)
        run.problem(table, row, "session", MSG_NO_SESSION_ID(id=str(session_id)))
        return None
    key = _date_topic(row.cells.get("date"), row.cells.get("topic"))
    if key is None:
        run.problem(
            table,
            row,
            "date",
            MSG_NO_SESSION(date=_text(row.cells.get("date")), topic=_text(row.cells.get("topic"))),
        )
        return None
    in_file = by_date_topic.get(key, [])
    # The scope tells apart the party groups' sessions of one day and topic.
    scope = _scope_text(row.cells) if "scope" in table.present else None
    if scope is not None:
        in_file = [(t, r) for t, r in in_file if _scope_text(r.cells) == scope]
    if len(in_file) == 1:
        return ("row", id(in_file[0][1]))
    date, topic = key
    if len(in_file) > 1:
        run.problem(
            table,
            row,
            "topic",
            MSG_AMBIGUOUS_SESSION(
                date=date.isoformat(), topic=topic, session=_header(L.ATTENDANCE, "session")
            ),
        )
        return None
    query = StudySession.select(StudySession.id).where(
        (StudySession.group == run.ledger.group_id)
        & (StudySession.date == date)
        & (StudySession.topic == topic)
    )
    if scope == L.WHOLE_BRANCH:
        query = query.where(StudySession.scope.is_null())
    elif scope is not None:
        query = query.join(PartyGroup, on=(StudySession.scope == PartyGroup.id)).where(
            PartyGroup.name == scope
        )
    found = list(query)
    if len(found) == 1:
        return ("db", found[0].id)
    if len(found) > 1:
        run.problem(
            table,
            row,
            "topic",
            MSG_AMBIGUOUS_SESSION(
                date=date.isoformat(), topic=topic, session=_header(L.ATTENDANCE, "session")
            ),
        )
    else:
        run.problem(table, row, "topic", MSG_NO_SESSION(date=date.isoformat(), topic=topic))
    return None


def _attendance_values(run: ImportRun, members: list[tuple[_Table, _Row]]) -> list[dict[str, Any]]:
    rows = []
    for table, row in members:
        cells = row.cells
        name = L.plain_cell(cells.get("member"))
        member_id = None
        if name is not None:
            member_id, message = run.names.member(str(name))
            if message is not None:
                run.problem(table, row, "member", message)
        raw_present = L.plain_cell(cells.get("present"))
        present: bool | None = None
        if raw_present is None:
            run.problem(table, row, "present", _required(table.sheet.column("present")))
        elif str(raw_present).strip().lower() in PRESENT_WORDS:
            present = True
        elif str(raw_present).strip().lower() in ABSENT_WORDS:
            present = False
        else:
            run.problem(
                table,
                row,
                "present",
                MSG_BAD_PRESENT(
                    value=str(raw_present), present=L.PRESENT_TEXT, absent=L.ABSENT_TEXT
                ),
            )
        if member_id is None:
            if name is None:
                run.problem(table, row, "member", _required(table.sheet.column("member")))
            continue
        rows.append(
            {
                "member": member_id,
                "present": present if present is not None else True,
                "absence_reason": L.import_value(
                    table.sheet.column("absence_reason"), cells.get("absence_reason")
                ),
                "note": L.import_value(table.sheet.column("note"), cells.get("note")),
            }
        )
    return rows


def _scope_text(cells: Mapping[str, Any]) -> str:
    """A session's scope as a sheet names it: a party group's name, or 全支部 (also when empty)."""
    value = L.plain_cell(cells.get("scope"))
    return L.WHOLE_BRANCH if value is None else str(value)


def _date_topic(date: Any, topic: Any) -> tuple[datetime.date, str] | None:
    from db.services.fields import parse_date

    date, topic = L.plain_cell(date), L.plain_cell(topic)
    if date is None or topic is None:
        return None
    try:
        return parse_date(date), str(topic)
    except ValueError:
        return None
