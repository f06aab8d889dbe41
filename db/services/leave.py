"""Leave requests (请销假) and business-trip reports (因公外出): working days, overlaps, approval, return.

A request occupies half-day slots (db.rules.workdays.slot) from its start to its end; once the member has
reported back (销假), it occupies the slots from its start up to the half-day before the return, so an
early return frees the rest and a late return extends it. That one range is what the overlap check,
the days actually taken, ``leave_covering`` and ``leave_periods`` all use.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from peewee import Case, ColumnBase, fn

from db.common import errors
from db.common.errors import FieldError
from db.common.messages import Message, MessageDef, define
from db.rules import vocab
from db.rules.workdays import AM, PM, WorkCalendar, slot
from db.services.base import MSG_UNKNOWN_MEMBER, RecordService, member_names
from db.services.fields import Cleaner
from db.services.sanity import term_warnings
from db.store.ledger import Ledger
from db.store.models import LeaveRequest, Member

# A secondment lasts about a year; a longer request is a mistyped year, not a real one.
MAX_CALENDAR_DAYS = 366
# Statuses in which a request has been approved, i.e. the member really is (or was) away.
TAKEN = ("approved", "returned")

L = {
    "member": define("field.leave.member", zh="请假人", en="Member"),
    "leave_type": define("field.leave.leave_type", zh="类型", en="Type"),
    "start_date": define("field.leave.start_date", zh="开始日期", en="Start date"),
    "start_half": define("field.leave.start_half", zh="开始时段", en="Start half-day"),
    "end_date": define("field.leave.end_date", zh="结束日期", en="End date"),
    "end_half": define("field.leave.end_half", zh="结束时段", en="End half-day"),
    "days": define("field.leave.days", zh="天数（工作日）", en="Working days"),
    "days_override": define("field.leave.days_override", zh="核定天数", en="Corrected days"),
    "override_reason": define(
        "field.leave.override_reason", zh="核定天数说明", en="Reason for the correction"
    ),
    "reason": define("field.leave.reason", zh="事由", en="Reason"),
    "destination": define("field.leave.destination", zh="去向", en="Destination"),
    "contact_phone": define("field.leave.contact_phone", zh="联系电话", en="Contact phone"),
    "approver": define("field.leave.approver", zh="审批人", en="Approver"),
    "approval_date": define("field.leave.approval_date", zh="审批日期", en="Approval date"),
    "status": define("field.leave.status", zh="状态", en="Status"),
    "return_date": define("field.leave.return_date", zh="销假日期", en="Return date"),
    "return_half": define("field.leave.return_half", zh="销假时段", en="Return half-day"),
    "actual_days": define("field.leave.actual_days", zh="实际天数", en="Days taken"),
    "filed_date": define("field.leave.filed_date", zh="备案日期", en="Filed on"),
    "notes": define("field.leave.notes", zh="备注", en="Notes"),
}

HALF_NAMES = {
    AM: define("leave.half.am", zh="上午", en="morning"),
    PM: define("leave.half.pm", zh="下午", en="afternoon"),
}
MSG_WHEN = define("leave.when", zh="{date}{half}", en="{date} {half}")
MSG_END_BEFORE_START = define(
    "leave.end_before_start",
    zh="结束日期：结束（{end}）早于开始（{start}）",
    en="End date: the end ({end}) is before the start ({start})",
)
MSG_TOO_LONG = define(
    "leave.too_long",
    zh="{label}：距开始日期 {days} 天，超过 {max} 天，请检查年份",
    en="{label}: {days} days after the start, more than {max}; check the year",
)
MSG_OVERRIDE_NEEDS_REASON = define(
    "leave.override_needs_reason",
    zh="核定天数说明：手工核定天数时必须说明理由",
    en="Reason for the correction: required when the days are corrected by hand",
)
MSG_HALF_DAYS = define(
    "leave.half_days",
    zh="{label}：须为 0.5 的整数倍，而不是 {value}",
    en="{label}: must be a multiple of 0.5, not {value}",
)
MSG_REQUIRED_FOR_STATUS = define(
    "leave.required_for_status",
    zh="{label}：状态为“{status}”时必须填写",
    en="{label}: required when the status is “{status}”",
)
MSG_RETURN_NOT_RETURNED = define(
    "leave.return_not_returned",
    zh="销假日期：状态为“{status}”的请假不能填写销假日期，销假后状态为“{returned}”",
    en="Return date: a request that is “{status}” has no return yet; after the return it is “{returned}”",
)
MSG_RETURN_BEFORE_START = define(
    "leave.return_before_start",
    zh="销假日期：返岗时间（{back}）不能早于请假开始（{start}）",
    en="Return date: back at post ({back}) cannot be before the leave starts ({start})",
)
MSG_OVERRIDE_BEYOND_SPAN = define(
    "leave.override_beyond_span",
    zh="{label}：{value} 天超过了{start}至{end}的 {days} 个日历日",
    en="{label}: {value} days is more than the {days} calendar day(s) from {start} to {end}",
)
MSG_NO_WORKING_DAY = define(
    "leave.no_working_day",
    zh="结束日期：{start}至{end}没有工作日（周末或法定节假日），不需要请假；"
    "周末因公外出请把类型选为“{trip}”",
    en="End date: there is no working day from {start} to {end} (a weekend or public holiday), "
    "so no leave is needed; for a business trip over a weekend choose the type “{trip}”",
)
MSG_OVERLAP = define(
    "leave.overlap",
    zh="开始日期：该成员{start}至{end}已有一条{type}（{status}），时间不能重叠",
    en="Start date: this member already has {type} from {start} to {end} ({status}); "
    "requests may not overlap",
)
MSG_NOT_PENDING = define(
    "leave.not_pending",
    zh="只有“待审批”的请假才能审批；这条请假现在是“{status}”。",
    en="Only a request awaiting approval can be decided; this one is “{status}”.",
)
MSG_NOT_APPROVED = define(
    "leave.not_approved",
    zh="只有“已批准”的请假才能销假；这条请假现在是“{status}”。",
    en="Only an approved request can be marked as returned; this one is “{status}”.",
)


def when(day: datetime.date, half: str) -> Message:
    """A half-day as the user reads it: 2025-03-03上午 / 2025-03-03 morning."""
    return MSG_WHEN(date=day.isoformat(), half=HALF_NAMES[half]())


def half_of(at: datetime.time | None) -> str | None:
    """The half-day a time of day falls in (None for no time)."""
    if at is None:
        return None
    return AM if at < datetime.time(12, 0) else PM


def is_leave(request: LeaveRequest) -> bool:
    """True for real leave; False for a business trip, which is reported the same way but never counted."""
    return request.leave_type not in vocab.NOT_COUNTED_AS_LEAVE


def taken_slots(
    start_date: datetime.date,
    start_half: str,
    end_date: datetime.date,
    end_half: str,
    return_date: datetime.date | None = None,
    return_half: str | None = None,
) -> tuple[int, int] | None:
    """The half-day slots a request occupies (first, last, both included), or None for none at all.

    Without a return it is start to end; with one, start up to the half-day before the member was back.
    """
    first = slot(start_date, start_half)
    if return_date is not None:
        last = slot(return_date, return_half or AM) - 1
    else:
        last = slot(end_date, end_half)
    return (first, last) if last >= first else None


def request_slots(request: LeaveRequest) -> tuple[int, int] | None:
    return taken_slots(
        request.start_date,
        request.start_half,
        request.end_date,
        request.end_half,
        request.return_date,
        request.return_half,
    )


def counted_days(
    request: LeaveRequest | Mapping[str, Any] | Any, as_of: datetime.date | None = None
) -> Decimal:
    """The days a request counts for: those actually taken once returned, else the corrected or
    computed days. Every figure of leave days (documents, lists, home page) is this one, or
    counted_days_sql() where the database sums or sorts; ``request`` may be a row (a mapping or
    a named tuple) with the fields read here. ``as_of``: a return after that day is not known yet
    (a bulletin counts as of its issue date)."""
    get = request.get if isinstance(request, Mapping) else lambda key: getattr(request, key)
    back = get("return_date")
    if get("actual_days") is not None and (as_of is None or back is None or back <= as_of):
        return Decimal(str(get("actual_days")))
    for key in ("days_override", "days"):
        if get(key) is not None:
            return Decimal(str(get(key)))
    return Decimal(0)


def counted_days_sql(as_of: datetime.date | None = None) -> ColumnBase:
    """counted_days as a SQL expression."""
    actual: ColumnBase = LeaveRequest.actual_days
    if as_of is not None:
        known = LeaveRequest.return_date.is_null(False) & (LeaveRequest.return_date <= as_of)
        actual = Case(None, [(known, LeaveRequest.actual_days)], None)
    return fn.COALESCE(actual, LeaveRequest.days_override, LeaveRequest.days)


class LeaveService(RecordService[LeaveRequest]):
    kind = "leave"
    model = LeaveRequest
    noun = define("kind.leave", zh="请假记录", en="leave request")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: LeaveRequest | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "member": self._member(ledger, c),
            "leave_type": c.choice("leave_type", "leave_type", required=True),
            "start_date": c.date("start_date", required=True),
            "start_half": c.choice("start_half", "half_day", default=AM),
            "end_date": c.date("end_date", required=True),
            "end_half": c.choice("end_half", "half_day", default=PM),
            "days_override": c.decimal("days_override"),
            "override_reason": c.text("override_reason", max_length=200),
            "reason": c.text("reason", max_length=2000),
            "destination": c.text("destination", max_length=200),
            "contact_phone": c.phone("contact_phone"),
            "approver": c.text("approver", max_length=50),
            "approval_date": c.date("approval_date"),
            "status": c.choice("status", "leave_status", default="pending"),
            "return_date": c.date("return_date"),
            "return_half": "",
            "filed_date": c.date("filed_date"),
            "notes": c.text("notes", max_length=2000),
            "actual_days": None,
        }
        if out["return_date"] is not None:
            out["return_half"] = c.choice("return_half", "half_day", default=AM)
        self._check_override(c, out)
        self._check_status(c, out)
        calendar = WorkCalendar.of(ledger)
        first = last = None
        if out["start_date"] is not None and out["end_date"] is not None:
            first = slot(out["start_date"], out["start_half"])
            last = slot(out["end_date"], out["end_half"])
            span = (out["end_date"] - out["start_date"]).days + 1
            if last < first:
                c.fail(
                    "end_date",
                    MSG_END_BEFORE_START(
                        end=when(out["end_date"], out["end_half"]),
                        start=when(out["start_date"], out["start_half"]),
                    ),
                )
            elif span > MAX_CALENDAR_DAYS:
                c.fail(
                    "end_date",
                    MSG_TOO_LONG(label=c.label("end_date"), days=span, max=MAX_CALENDAR_DAYS),
                )
            else:
                out["days"] = calendar.count_slots(first, last)
                self._check_days(c, out, first, last)
        if first is not None and out["return_date"] is not None:
            back = slot(out["return_date"], out["return_half"])
            if back < first:
                c.fail(
                    "return_date",
                    MSG_RETURN_BEFORE_START(
                        back=when(out["return_date"], out["return_half"]),
                        start=when(out["start_date"], out["start_half"]),
                    ),
                )
            elif (span := (out["return_date"] - out["start_date"]).days) > MAX_CALENDAR_DAYS:
                c.fail(
                    "return_date",
                    MSG_TOO_LONG(label=c.label("return_date"), days=span, max=MAX_CALENDAR_DAYS),
                )
            else:
                out["actual_days"] = calendar.count_slots(first, back - 1)
        if not c.errors:
            self._check_overlap(ledger, c, out, current)
        c.finish()
        return out

    def _check_days(self, c: Cleaner, out: Mapping[str, Any], first: int, last: int) -> None:
        """Refuse what cannot be: corrected days beyond the calendar days of the span, and leave
        over no working day at all (a business trip over a weekend is reported all the same)."""
        override = out["days_override"]
        span_days = Decimal(last - first + 1) / 2
        start, end = (
            when(out["start_date"], out["start_half"]),
            when(out["end_date"], out["end_half"]),
        )
        if override is not None and override > span_days and not c.has_error("days_override"):
            c.fail(
                "days_override",
                MSG_OVERRIDE_BEYOND_SPAN(
                    label=c.label("days_override"),
                    value=format(override.normalize(), "f"),
                    days=format(span_days.normalize(), "f"),
                    start=start,
                    end=end,
                ),
            )
        if (
            out["days"] == 0
            and (override is None or override == 0)
            and out["leave_type"]
            and out["leave_type"] not in vocab.NOT_COUNTED_AS_LEAVE
        ):
            c.fail(
                "end_date",
                MSG_NO_WORKING_DAY(
                    start=start,
                    end=end,
                    trip=vocab.label_message("leave_type", "business_trip"),
                ),
            )

    def warnings(
        self, ledger: Ledger, cleaned: Mapping[str, Any], current: LeaveRequest | None
    ) -> list[FieldError]:
        member = cleaned["member"]
        return term_warnings(
            ledger,
            "start_date",
            L["start_date"](),
            cleaned["start_date"],
            cleaned["end_date"],
            [member] if member is not None else [],
        )

    def _member(self, ledger: Ledger, c: Cleaner) -> uuid.UUID | None:
        member_id = c.uuid("member", required=True)
        if member_id is None:
            return None
        if not member_names(ledger, [member_id]):
            c.fail("member", MSG_UNKNOWN_MEMBER(label=c.label("member"), value=str(member_id)))
            return None
        return member_id

    def _check_override(self, c: Cleaner, out: dict[str, Any]) -> None:
        override = out["days_override"]
        if override is None:
            return
        if (override * 2) % 1 != 0:
            c.fail(
                "days_override",
                MSG_HALF_DAYS(label=c.label("days_override"), value=str(override)),
            )
        if not out["override_reason"]:
            c.fail("override_reason", MSG_OVERRIDE_NEEDS_REASON())

    def _check_status(self, c: Cleaner, out: dict[str, Any]) -> None:
        status = out["status"]
        if c.has_error("status"):
            return
        if status != "pending":
            for name in ("approver", "approval_date"):
                if not out[name] and not c.has_error(name):
                    c.fail(
                        name,
                        MSG_REQUIRED_FOR_STATUS(
                            label=c.label(name), status=vocab.label_message("leave_status", status)
                        ),
                    )
        if status == "returned" and out["return_date"] is None and not c.has_error("return_date"):
            c.fail(
                "return_date",
                MSG_REQUIRED_FOR_STATUS(
                    label=c.label("return_date"), status=vocab.label_message("leave_status", status)
                ),
            )
        if status != "returned" and out["return_date"] is not None:
            c.fail(
                "return_date",
                MSG_RETURN_NOT_RETURNED(
                    status=vocab.label_message("leave_status", status),
                    returned=vocab.label_message("leave_status", "returned"),
                ),
            )

    def _check_overlap(
        self, ledger: Ledger, c: Cleaner, out: Mapping[str, Any], current: LeaveRequest | None
    ) -> None:
        """Refuse a request that shares a half-day with another live request of the same member."""
        if out["status"] == "rejected":
            return
        mine = taken_slots(
            out["start_date"],
            out["start_half"],
            out["end_date"],
            out["end_half"],
            out["return_date"],
            out["return_half"],
        )
        if mine is None:
            return
        mine_id = current.id if current is not None else None
        others = sorted(
            (r for r in self.memo(ledger, out).values() if r.id != mine_id),
            key=lambda r: slot(r.start_date, r.start_half),
        )
        for other in others:
            theirs = request_slots(other)
            if theirs is not None and theirs[0] <= mine[1] and mine[0] <= theirs[1]:
                end_date, end_half = (
                    (other.end_date, other.end_half)
                    if other.return_date is None
                    else _slot_before(other.return_date, other.return_half)
                )
                c.fail(
                    "start_date",
                    MSG_OVERLAP(
                        start=when(other.start_date, other.start_half),
                        end=when(end_date, end_half),
                        type=vocab.label_message("leave_type", other.leave_type),
                        status=vocab.label_message("leave_status", other.status),
                    ),
                )
                return

    def memo(self, ledger: Ledger, values: Mapping[str, Any]) -> dict[uuid.UUID, LeaveRequest]:
        """The member's requests that are not rejected (id -> request)."""
        member = values["member"]

        def load() -> dict[uuid.UUID, LeaveRequest]:
            if not ledger.is_sqlite and ledger.db.in_transaction():
                # Two secretaries saving leave of one member at once on a server: the second waits
                # here and then sees the first one's request (SQLite's BEGIN IMMEDIATE serialises
                # writes anyway). The lock lasts as long as the transaction, and so does the memo.
                list(Member.select(Member.id).where(Member.id == member).for_update())
            query = self.query(ledger).where(
                (LeaveRequest.member == member) & (LeaveRequest.status != "rejected")
            )
            return {r.id: r for r in query}

        return ledger.cached(("leave", member), load)

    def memo_entry(self, values: Mapping[str, Any]) -> LeaveRequest | None:
        return LeaveRequest(**values) if values["status"] != "rejected" else None

    def summary(self, record: LeaveRequest) -> str:
        from db.common.messages import current_language

        lang = current_language()
        try:
            name = record.member.name
        except Member.DoesNotExist:
            name = "?"
        return " ".join(
            (
                name,
                vocab.label("leave_type", record.leave_type, lang),
                when(record.start_date, record.start_half).text(lang),
                "—",
                when(record.end_date, record.end_half).text(lang),
            )
        )


def _slot_before(day: datetime.date, half: str) -> tuple[datetime.date, str]:
    if half == PM:
        return day, AM
    return day - datetime.timedelta(days=1), PM


leave_requests = LeaveService()


# -- the status flow ------------------------------------------------------------------------------


def _change(
    ledger: Ledger,
    request_id: Any,
    allowed: Iterable[str] | None,
    refusal: MessageDef | None,
    changes: Mapping[str, Any],
    expected_version: int | None,
) -> LeaveRequest:
    with ledger.transaction():
        current = leave_requests.get(ledger, request_id)
        if allowed is not None and refusal is not None and current.status not in allowed:
            raise errors.ActionRefusedError(
                refusal(status=vocab.label_message("leave_status", current.status))
            )
        values = {**leave_requests.snapshot(current), **changes}
        return leave_requests.save(
            ledger,
            values,
            record_id=current.id,
            expected_version=expected_version if expected_version is not None else current.version,
        )


def approve(
    ledger: Ledger,
    request_id: Any,
    approver: str,
    approval_date: datetime.date | str,
    *,
    expected_version: int | None = None,
) -> LeaveRequest:
    """待审批 → 已批准, with who approved it and when."""
    return _change(
        ledger,
        request_id,
        ("pending",),
        MSG_NOT_PENDING,
        {"status": "approved", "approver": approver, "approval_date": approval_date},
        expected_version,
    )


def reject(
    ledger: Ledger,
    request_id: Any,
    approver: str,
    approval_date: datetime.date | str,
    *,
    expected_version: int | None = None,
) -> LeaveRequest:
    """待审批 → 未批准; a refused request blocks nothing."""
    return _change(
        ledger,
        request_id,
        ("pending",),
        MSG_NOT_PENDING,
        {"status": "rejected", "approver": approver, "approval_date": approval_date},
        expected_version,
    )


def record_return(
    ledger: Ledger,
    request_id: Any,
    return_date: datetime.date | str,
    return_half: str = AM,
    *,
    expected_version: int | None = None,
) -> LeaveRequest:
    """已批准 → 已销假: the member is back at post from ``return_half`` of ``return_date``.

    The days actually taken are the working days from the start up to the half-day before the
    return, so an early return counts fewer days and a late one more.
    """
    return _change(
        ledger,
        request_id,
        ("approved",),
        MSG_NOT_APPROVED,
        {"status": "returned", "return_date": return_date, "return_half": return_half or AM},
        expected_version,
    )


def file_request(
    ledger: Ledger,
    request_id: Any,
    filed_date: datetime.date | str | None,
    *,
    expected_version: int | None = None,
) -> LeaveRequest:
    """Record that the request was filed with the higher team (备案), whatever its status; None clears it."""
    return _change(
        ledger,
        request_id,
        None,
        None,
        {"filed_date": filed_date},
        expected_version,
    )


# -- rules and queries ----------------------------------------------------------------------------


def required_approver(ledger: Ledger, days: Decimal | float | str) -> str | None:
    """Who must approve a request of this many working days, by the rules in Settings."""
    from db.services import settings

    wanted = Decimal(str(days))
    for rule in settings.get(ledger, "approval_rules"):
        limit = rule.get("max_days")
        if limit in (None, "") or Decimal(str(limit)) >= wanted:
            return str(rule["approver"])
    return None


def is_overdue(request: LeaveRequest, today: datetime.date) -> bool:
    """Approved, its end has passed, and the member has not reported back."""
    return request.status == "approved" and request.return_date is None and request.end_date < today


def overdue_requests(ledger: Ledger, today: datetime.date) -> list[LeaveRequest]:
    """Every overdue request of the group (business trips included), the longest overdue first."""
    return list(
        leave_requests.query(ledger)
        .where(
            (LeaveRequest.status == "approved")
            & LeaveRequest.return_date.is_null()
            & (LeaveRequest.end_date < today)
        )
        .order_by(LeaveRequest.end_date, LeaveRequest.start_date, LeaveRequest.id)
    )


def _taken_between(ledger: Ledger, first_day: datetime.date, last_day: datetime.date) -> Any:
    """Approved or returned requests that may occupy a slot between these dates (checked in Python)."""
    return (
        leave_requests.query(ledger)
        .where(
            LeaveRequest.status.in_(TAKEN)
            & (LeaveRequest.start_date <= last_day)
            & ((LeaveRequest.end_date >= first_day) | (LeaveRequest.return_date >= first_day))
        )
        .order_by(LeaveRequest.start_date, LeaveRequest.start_half, LeaveRequest.id)
    )


def leave_covering(
    ledger: Ledger,
    day: datetime.date,
    member_ids: Iterable[Any] | None = None,
    *,
    half: str | None = None,
) -> dict[uuid.UUID, LeaveRequest]:
    """Who is away on ``day`` (or only on that ``half`` of it) by an approved request, and by which.

    Business trips are included; tell them apart with ``is_leave``. A returned request covers the day
    only up to the return. Should a member have two (say leave in the morning, a trip in the
    afternoon), real leave wins.
    """
    slots = (
        (slot(day, half), slot(day, half)) if half is not None else (slot(day, AM), slot(day, PM))
    )
    query = _taken_between(ledger, day, day)
    if member_ids is not None:
        ids = [m if isinstance(m, uuid.UUID) else uuid.UUID(str(m)) for m in member_ids]
        if not ids:
            return {}
        query = query.where(LeaveRequest.member.in_(ids))
    found: dict[uuid.UUID, LeaveRequest] = {}
    for request in query:
        taken = request_slots(request)
        if taken is None or taken[1] < slots[0] or slots[1] < taken[0]:
            continue
        held = found.get(request.member_id)
        if held is None or (is_leave(request) and not is_leave(held)):
            found[request.member_id] = request
    return found


def leave_periods(
    ledger: Ledger, start: datetime.date, end: datetime.date
) -> dict[uuid.UUID, list[tuple[int, int]]]:
    """Per member, the slot ranges of approved real leave (business trips left out) that meet
    [start, end]: (first, last) slots both included, as taken (up to the return, once returned),
    not cut to [start, end], sorted, with touching ranges merged."""
    window = (slot(start, AM), slot(end, PM))
    ranges: dict[uuid.UUID, list[tuple[int, int]]] = {}
    # A year holds thousands of requests: only the columns needed, as plain rows.
    query = _taken_between(ledger, start, end).select(
        LeaveRequest.member,
        LeaveRequest.leave_type,
        LeaveRequest.start_date,
        LeaveRequest.start_half,
        LeaveRequest.end_date,
        LeaveRequest.end_half,
        LeaveRequest.return_date,
        LeaveRequest.return_half,
    )
    for member_id, leave_type, *dates in query.tuples():
        if leave_type in vocab.NOT_COUNTED_AS_LEAVE:
            continue
        taken = taken_slots(*dates)
        if taken is None or taken[1] < window[0] or window[1] < taken[0]:
            continue
        ranges.setdefault(member_id, []).append(taken)
    return {member: _merge(spans) for member, spans in ranges.items()}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
