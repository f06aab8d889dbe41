"""The secretary's corrections of the official calendar: holidays and adjusted working days (调休)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.common.messages import define
from db.rules.workdays import WorkCalendar
from db.services.base import RecordService
from db.store.ledger import Ledger
from db.store.models import CalendarDay

L = {
    "date": define("field.calendar.date", zh="日期", en="Date"),
    "is_workday": define("field.calendar.is_workday", zh="是否上班", en="Working day"),
    "name": define("field.calendar.name", zh="说明", en="Name"),
}
MSG_DUPLICATE = define(
    "calendar.duplicate", zh="日期：{date} 已有一条更正", en="Date: {date} has a correction already"
)


class CalendarDayService(RecordService[CalendarDay]):
    kind = "calendar_day"
    model = CalendarDay
    noun = define("kind.calendar_day", zh="节假日更正", en="calendar correction")
    labels = L
    group_scoped = False

    def clean(self, ledger: Ledger, values: Mapping[str, Any], current: Any) -> dict[str, Any]:
        c = self.cleaner(values)
        day = c.date("date", required=True)
        out = {
            "date": day,
            "is_workday": c.boolean("is_workday"),
            "name": c.text("name", max_length=50),
        }
        if day is not None:
            clash = CalendarDay.select().where(CalendarDay.date == day)
            if current is not None:
                clash = clash.where(CalendarDay.id != current.id)
            if clash.exists():
                c.fail("date", MSG_DUPLICATE(date=day.isoformat()))
        c.finish()
        return out

    def written(
        self, ledger: Ledger, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
    ) -> None:
        ledger.forget(WorkCalendar.MEMO)

    def summary(self, record: CalendarDay) -> str:
        return f"{record.date.isoformat()} {record.name}"


calendar_days = CalendarDayService()
