"""Bulletin issues (信息动态): one per month, numbered in the year (第N期), with the editor's own text.

The number and the issue date (印发日期, by default the first working day after the month) are given
when the month's issue is first created; both then stay with the issue, so that exporting it again,
now or in a year, gives the same document. The number is one more than the highest of its year (or
of all years, when the numbering does not restart), or the first number of the Settings. Two programs on
one server may number at the same moment; the unique indexes catch that, and the loser takes the next
number once more inside the same call.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import peewee
from peewee import fn

from db.common import errors
from db.common.messages import define
from db.rules.workdays import WorkCalendar
from db.services import settings
from db.services.base import RecordService, now, require_group
from db.services.fields import Cleaner
from db.store.ledger import Ledger
from db.store.models import BulletinIssue

L = {
    "month": define("field.bulletin.month", zh="月份", en="Month"),
    "number": define("field.bulletin.number", zh="期号", en="Issue number"),
    "overview_text": define("field.bulletin.overview_text", zh="本月概述", en="This month"),
    "plan_text": define("field.bulletin.plan_text", zh="下月工作安排", en="Next month's plan"),
    "produced_at": define("field.bulletin.produced_at", zh="生成时间", en="Produced at"),
    "issue_date": define("field.bulletin.issue_date", zh="印发日期", en="Issue date"),
}
MSG_MONTH_TAKEN = define(
    "bulletin.month_taken",
    zh="月份：{year}年{month}月的信息动态已经有了（第{number}期）",
    en="Month: there is already an issue for {year}-{month:02d} (No. {number})",
)
MSG_NUMBER_TAKEN = define(
    "bulletin.number_taken",
    zh="期号：{year}年第{number}期已用于{other_year}年{other_month}月的信息动态",
    en="Issue number: No. {number} of {year} is already the issue for {other_year}-{other_month:02d}",
)
MSG_NUMBER_RANGE = define(
    "bulletin.number_range",
    zh="期号：须为 1 到 {max} 之间的整数",
    en="Issue number: a whole number from 1 to {max}",
)
MSG_BAD_DATETIME = define(
    "bulletin.bad_datetime",
    zh="{label}：“{value}”不是有效的日期时间，请按 2025-03-01 14:30 的格式填写",
    en="{label}: “{value}” is not a valid date and time; write it as 2025-03-01 14:30",
)
MSG_NUMBERING_BUSY = define(
    "bulletin.numbering_busy",
    zh="另一台电脑正在同时为信息动态编号，本期未能建立。请再试一次。",
    en="Another computer was numbering bulletin issues at the same moment; this issue was not "
    "created. Please try again.",
)

MSG_DATE_BEFORE_MONTH = define(
    "bulletin.date_before_month",
    zh="印发日期：{date}早于本期所报道的{year}年{month}月",
    en="Issue date: {date} is before {year}-{month:02d}, the month the issue reports on",
)

MSG_DATE_TOO_LATE = define(
    "bulletin.date_too_late",
    zh="印发日期：{date}距本期所报道的{year}年{month}月已超过一年，请检查年份",
    en="Issue date: {date} is more than a year after {year}-{month:02d}; check the year",
)

MAX_NUMBER = 9999
# How far after its month an issue may be dated: a late issue is possible, a typo of the year is not.
MAX_DAYS_AFTER = 400


def default_issue_date(ledger: Ledger, year: int, month: int) -> datetime.date:
    """The first working day after the month (official calendar and the secretary's corrections)."""
    calendar = WorkCalendar.of(ledger)
    day = datetime.date(year + month // 12, month % 12 + 1, 1)
    while not calendar.is_workday(day):
        day += datetime.timedelta(days=1)
    return day


class BulletinService(RecordService[BulletinIssue]):
    kind = "bulletin"
    model = BulletinIssue
    noun = define("kind.bulletin", zh="信息动态", en="bulletin issue")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: BulletinIssue | None
    ) -> dict[str, Any]:
        """``number`` may be left out: an update keeps its number within the year, and a new issue
        (or one moved to another year) is numbered when it is written."""
        c = self.cleaner(values)
        month = c.month("month", required=True)
        number = c.integer("number")
        if number is not None and not c.has_error("number") and not 1 <= number <= MAX_NUMBER:
            c.fail("number", MSG_NUMBER_RANGE(max=MAX_NUMBER))
        out: dict[str, Any] = {
            "month": month,
            "year": month.year if month is not None else None,
            "number": number,
            "overview_text": c.text("overview_text", max_length=20000),
            "plan_text": c.text("plan_text", max_length=20000),
            "produced_at": _datetime(c, "produced_at"),
            "issue_date": c.date("issue_date"),
        }
        if month is not None:
            self._check_issue_date(ledger, c, out, current)
            clash = self.query(ledger).where(BulletinIssue.month == month)
            if current is not None:
                clash = clash.where(BulletinIssue.id != current.id)
            other = clash.first()
            if other is not None:
                c.fail(
                    "month",
                    MSG_MONTH_TAKEN(year=month.year, month=month.month, number=other.number),
                )
            if number is None and current is not None and current.year == month.year:
                out["number"] = number = current.number
            if number is not None and not c.has_error("number"):
                taken = self.query(ledger).where(
                    (BulletinIssue.year == month.year) & (BulletinIssue.number == number)
                )
                if current is not None:
                    taken = taken.where(BulletinIssue.id != current.id)
                holder = taken.first()
                if holder is not None:
                    c.fail(
                        "number",
                        MSG_NUMBER_TAKEN(
                            year=month.year,
                            number=number,
                            other_year=holder.month.year,
                            other_month=holder.month.month,
                        ),
                    )
        c.finish()
        return out

    def _check_issue_date(
        self, ledger: Ledger, c: Cleaner, out: dict[str, Any], current: BulletinIssue | None
    ) -> None:
        """Left out, the date is the issue's own (or, new, the month's default); it may not come
        before the month the issue reports on, nor more than MAX_DAYS_AFTER days after it."""
        month: datetime.date = out["month"]
        if c.has_error("issue_date"):
            return
        if out["issue_date"] is None:
            kept = current.issue_date if current is not None else None
            same_month = current is not None and current.month == month
            out["issue_date"] = (
                kept
                if kept is not None and same_month
                else default_issue_date(ledger, month.year, month.month)
            )
            return
        day: datetime.date = out["issue_date"]
        if current is not None and day == current.issue_date:
            return  # unchanged: what was accepted once stays acceptable
        if day < month:
            c.fail(
                "issue_date",
                MSG_DATE_BEFORE_MONTH(date=day.isoformat(), year=month.year, month=month.month),
            )
        elif (day - month).days > MAX_DAYS_AFTER:
            c.fail(
                "issue_date",
                MSG_DATE_TOO_LATE(date=day.isoformat(), year=month.year, month=month.month),
            )

    def summary(self, record: BulletinIssue) -> str:
        return f"{record.year}年第{record.number}期（{record.month:%Y-%m}）"

    # -- numbering ---------------------------------------------------------------------------------
    def next_number(self, ledger: Ledger, year: int) -> int:
        """The number a new issue of ``year`` gets under the group's numbering settings."""
        numbering = settings.get(ledger, "bulletin_numbering")
        query = BulletinIssue.select(fn.MAX(BulletinIssue.number)).where(
            BulletinIssue.group == require_group(ledger)
        )
        if numbering.get("restart_each_year", True):
            query = query.where(BulletinIssue.year == year)
        highest = query.scalar()
        return int(numbering.get("first_number", 1)) if highest is None else highest + 1

    def _write(
        self,
        ledger: Ledger,
        cleaned: Mapping[str, Any],
        current: BulletinIssue | None,
        *,
        restore_id: Any = None,
    ) -> BulletinIssue:
        if cleaned.get("number") is not None:
            return super()._write(ledger, cleaned, current, restore_id=restore_id)
        for _attempt in range(2):
            record = self._write_numbered(ledger, cleaned, current, restore_id)
            if record is not None:
                return record
        raise errors.ConflictError(MSG_NUMBERING_BUSY())

    def _write_numbered(
        self,
        ledger: Ledger,
        cleaned: Mapping[str, Any],
        current: BulletinIssue | None,
        restore_id: Any,
    ) -> BulletinIssue | None:
        """Write with the next free number, in a savepoint; None if another program took the number
        (or the month) first. The savepoint matters on PostgreSQL, where a failed statement would
        otherwise spoil the whole transaction."""
        number = self.next_number(ledger, cleaned["year"])
        try:
            with ledger.db.atomic():
                return super()._write(
                    ledger, {**cleaned, "number": number}, current, restore_id=restore_id
                )
        except peewee.IntegrityError:
            return None

    # -- what the bulletin page does ---------------------------------------------------------------
    def find(self, ledger: Ledger, year: int, month: int) -> BulletinIssue | None:
        """The issue of a month, if it has been created."""
        first = _month(self, year, month)
        return self.query(ledger).where(BulletinIssue.month == first).first()

    def issue_for_month(self, ledger: Ledger, year: int, month: int) -> BulletinIssue:
        """The issue of a month, created (and numbered) the first time it is asked for."""
        first = _month(self, year, month)
        with ledger.transaction():
            for _attempt in range(2):
                found = self.query(ledger).where(BulletinIssue.month == first).first()
                if found is not None and found.issue_date is None:
                    # From before issues kept their date (migration 0002): given it now, once.
                    values = {**self.snapshot(found), "issue_date": None}
                    found = self.save(
                        ledger, values, record_id=found.id, expected_version=found.version
                    )
                if found is not None:
                    return found
                cleaned = self.clean(ledger, {"month": first}, None)
                record = self._write_numbered(ledger, cleaned, None, None)
                if record is not None:
                    return record
            raise errors.ConflictError(MSG_NUMBERING_BUSY())

    def save_texts(
        self,
        ledger: Ledger,
        issue_id: Any,
        overview_text: str,
        plan_text: str,
        expected_version: int | None,
        issue_date: datetime.date | str | None = None,
    ) -> BulletinIssue:
        """Save the editor's text (本月概述, 下月工作安排) and, when given, the issue date (印发日期);
        ConflictError if the issue changed since ``expected_version`` was read."""
        with ledger.transaction():
            current = self.get(ledger, issue_id)
            values = {
                **self.snapshot(current),
                "overview_text": overview_text,
                "plan_text": plan_text,
            }
            if issue_date is not None:
                values["issue_date"] = issue_date
            return self.save(
                ledger, values, record_id=current.id, expected_version=expected_version
            )

    def mark_produced(
        self, ledger: Ledger, issue_id: Any, when: datetime.datetime | None = None
    ) -> BulletinIssue:
        """Record when the issue was produced (exported); returns it with its new version."""
        with ledger.transaction():
            current = self.get(ledger, issue_id)
            values = {**self.snapshot(current), "produced_at": when or now()}
            return self.save(ledger, values, record_id=current.id, expected_version=current.version)


def _month(service: BulletinService, year: int, month: int) -> datetime.date:
    c = service.cleaner({"month": f"{year}-{month}"})
    first = c.month("month", required=True)
    c.finish()
    assert first is not None
    return first


def _datetime(c: Cleaner, name: str) -> datetime.datetime | None:
    raw = c.values.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.replace(microsecond=0)
    if isinstance(raw, datetime.date):
        return datetime.datetime.combine(raw, datetime.time())
    try:
        value = datetime.datetime.fromisoformat(str(raw).strip())
    except ValueError:
        c.fail(name, MSG_BAD_DATETIME(label=c.label(name), value=str(raw)))
        return None
    if value.tzinfo is not None:  # the ledger keeps local time, as the secretary reads it
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


bulletins = BulletinService()


# The bulletin page's calls, also as plain functions of the module.
def issue_for_month(ledger: Ledger, year: int, month: int) -> BulletinIssue:
    return bulletins.issue_for_month(ledger, year, month)


def save_texts(
    ledger: Ledger,
    issue_id: Any,
    overview_text: str,
    plan_text: str,
    expected_version: int | None,
    issue_date: datetime.date | str | None = None,
) -> BulletinIssue:
    return bulletins.save_texts(
        ledger, issue_id, overview_text, plan_text, expected_version, issue_date
    )


def mark_produced(
    ledger: Ledger, issue_id: Any, when: datetime.datetime | None = None
) -> BulletinIssue:
    return bulletins.mark_produced(ledger, issue_id, when)
