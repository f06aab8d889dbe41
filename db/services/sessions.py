"""Study sessions (学习交流: collective meetings, party-group study, trainings, …) with their attendance."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from db.common.errors import FieldError
from db.common.messages import current_language, define
from db.rules import vocab
from db.services.base import RecordService
from db.services.children import MemberRows
from db.services.fields import Cleaner
from db.services.groups import party_group_id
from db.services.leave import half_of, is_leave, leave_covering
from db.services.members import members
from db.services.sanity import term_warnings
from db.store.ledger import Ledger
from db.store.models import Attendance, PartyGroup, StudySession

L = {
    "kind": define("field.session.kind", zh="类别", en="Kind"),
    "date": define("field.session.date", zh="日期", en="Date"),
    "start_time": define("field.session.start_time", zh="开始时间", en="Start time"),
    "end_time": define("field.session.end_time", zh="结束时间", en="End time"),
    "form": define("field.session.form", zh="形式", en="Form"),
    "place": define("field.session.place", zh="地点", en="Place"),
    "scope": define("field.session.scope", zh="范围", en="Scope"),
    "topic": define("field.session.topic", zh="主题", en="Topic"),
    "host": define("field.session.host", zh="主持人", en="Host"),
    "recorder": define("field.session.recorder", zh="记录人", en="Recorder"),
    "content": define("field.session.content", zh="内容纪要", en="Content and minutes"),
    "training_hours": define("field.session.training_hours", zh="培训学时", en="Training hours"),
    "attendance": define("field.session.attendance", zh="出席情况", en="Attendance"),
}
ROW_LABELS = {
    "member": define("field.attendance.member", zh="成员", en="Member"),
    "present": define("field.attendance.present", zh="是否出席", en="Present"),
    "absence_reason": define("field.attendance.absence_reason", zh="缺席原因", en="Reason"),
    "note": define("field.attendance.note", zh="说明", en="Note"),
}
MSG_END_NOT_AFTER_START = define(
    "session.end_not_after_start",
    zh="结束时间：须晚于开始时间 {start}",
    en="End time: must be later than the start time {start}",
)
MSG_UNKNOWN_SCOPE = define(
    "session.unknown_scope",
    zh="范围：找不到党小组“{value}”",
    en="Scope: no party small group “{value}”",
)
MSG_COLLECTIVE_SCOPE = define(
    "session.collective_scope",
    zh="范围：{kind}面向全支部，不能只选一个党小组",
    en="Scope: a {kind} is for the whole branch, not one party small group",
)
MSG_HOURS_NOT_TRAINING = define(
    "session.hours_not_training",
    zh="培训学时：只有“{training}”才填写学时",
    en="Training hours: only a “{training}” has training hours",
)
MSG_ABSENT_NEEDS_REASON = define(
    "session.absent_needs_reason",
    zh="缺席原因：缺席时必须选择",
    en="Reason: required for an absence",
)


def _attendance_row(rc: Cleaner) -> dict[str, Any]:
    present = rc.boolean("present", default=True)
    reason = rc.choice("absence_reason", "absence_reason")
    if present:
        reason = ""  # a reason left over from an earlier tick means nothing once present
    elif not reason and not rc.has_error("absence_reason"):
        rc.errors.append(FieldError("absence_reason", MSG_ABSENT_NEEDS_REASON()))
    return {
        "present": present,
        "absence_reason": reason,
        "note": rc.text("note", max_length=200),
    }


ATTENDANCE = MemberRows(
    "attendance", Attendance, "session", row_labels=ROW_LABELS, clean_row=_attendance_row
)


def expected_attendance(
    ledger: Ledger,
    day: datetime.date,
    scope: Any = None,
    *,
    at: datetime.time | None = None,
) -> list[dict[str, Any]]:
    """Who should attend a session on ``day``: the active members of the scope (a party small group's
    id, or None for the whole branch), present unless approved leave (请假) or a business trip (公务)
    covers the day — or, given the start time ``at``, that half of it."""
    scope_id = None
    if scope not in (None, ""):
        scope_id = scope.id if isinstance(scope, PartyGroup) else uuid.UUID(str(scope))
    people = members.active_on(ledger, day, party_group=scope_id)
    away = leave_covering(ledger, day, [m.id for m in people], half=half_of(at))
    rows = []
    for member in people:
        request = away.get(member.id)
        reason = "" if request is None else ("leave" if is_leave(request) else "official")
        rows.append(
            {"member": member.id, "present": not reason, "absence_reason": reason, "note": ""}
        )
    return rows


class StudySessionService(RecordService[StudySession]):
    kind = "session"
    model = StudySession
    noun = define("kind.session", zh="学习记录", en="study session")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: StudySession | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "kind": c.choice("kind", "session_kind", required=True),
            "date": c.date("date", required=True),
            "start_time": c.time("start_time"),
            "end_time": c.time("end_time"),
            "form": c.choice("form", "session_form", default="offline"),
            "place": c.text("place", max_length=200),
            "scope": self._scope(ledger, c, values.get("scope")),
            "topic": c.text("topic", required=True, max_length=300),
            "host": c.text("host", max_length=50),
            "recorder": c.text("recorder", max_length=50),
            "content": c.text("content", max_length=100_000),
            "training_hours": c.decimal("training_hours"),
        }
        if (
            out["start_time"] is not None
            and out["end_time"] is not None
            and out["end_time"] <= out["start_time"]
        ):
            c.fail("end_time", MSG_END_NOT_AFTER_START(start=out["start_time"].strftime("%H:%M")))
        if out["kind"] == "collective" and out["scope"] is not None:
            c.fail(
                "scope",
                MSG_COLLECTIVE_SCOPE(kind=vocab.label_message("session_kind", "collective")),
            )
        if (
            out["training_hours"] is not None
            and out["kind"]
            and out["kind"] != "training"
            and not c.has_error("kind")
        ):
            c.fail(
                "training_hours",
                MSG_HOURS_NOT_TRAINING(training=vocab.label_message("session_kind", "training")),
            )
        rows = values.get("attendance")
        if (
            rows is None
            and current is None
            and out["date"] is not None
            and not c.has_error("scope")
        ):
            # A new session saved without attendance gets those expected on the day.
            rows = expected_attendance(ledger, out["date"], out["scope"], at=out["start_time"])
        out["attendance"] = ATTENDANCE.clean(ledger, c, rows, current)
        c.finish()
        return out

    def _scope(self, ledger: Ledger, c: Cleaner, raw: Any) -> uuid.UUID | None:
        """A party small group of this group, by id or by name (as an imported ledger names it)."""
        if isinstance(raw, PartyGroup):
            raw = raw.id
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        found = party_group_id(ledger, raw)
        if found is None:
            c.fail("scope", MSG_UNKNOWN_SCOPE(value=str(raw)))
        return found

    def snapshot_children(self, record: StudySession) -> dict[str, Any]:
        return {"attendance": ATTENDANCE.snapshot(record.id)}

    def write_children(
        self, ledger: Ledger, record: StudySession, cleaned: Mapping[str, Any]
    ) -> None:
        ATTENDANCE.write(record.id, cleaned["attendance"])

    def warnings(
        self, ledger: Ledger, cleaned: Mapping[str, Any], current: StudySession | None
    ) -> list[FieldError]:
        return term_warnings(ledger, "date", L["date"](), cleaned["date"])

    def summary(self, record: StudySession) -> str:
        lang = current_language()
        return f"{record.date.isoformat()} {vocab.label('session_kind', record.kind, lang)} {record.topic}"


study_sessions = StudySessionService()
