"""Monthly highlights (月度亮点): what each member names as the highlight of a month's work."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

import peewee

from db.common import errors
from db.common.errors import FieldError
from db.common.messages import Message, define
from db.services.base import RecordService, member_names, resolve_members
from db.services.fields import REQUIRED
from db.services.sanity import future_warnings, term_warnings
from db.store.ledger import Ledger
from db.store.models import Highlight

L = {
    "member": define("field.highlight.member", zh="成员", en="Member"),
    "month": define("field.highlight.month", zh="月份", en="Month"),
    "title": define("field.highlight.title", zh="亮点标题", en="Title"),
    "text": define("field.highlight.text", zh="亮点内容", en="Text"),
    "category": define("field.highlight.category", zh="类别", en="Category"),
    "featured": define("field.highlight.featured", zh="重点亮点", en="Featured highlight"),
}
MSG_DUPLICATE = define(
    "highlight.duplicate",
    zh="亮点标题：{name}在{year}年{month}月已有一个题为“{title}”的亮点",
    en="Title: {name} already has a highlight titled “{title}” for {year}-{month:02d}",
)


class HighlightService(RecordService[Highlight]):
    kind = "highlight"
    model = Highlight
    noun = define("kind.highlight", zh="月度亮点", en="monthly highlight")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: Highlight | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        raw_member = values.get("member")
        if raw_member is None or (isinstance(raw_member, str) and not raw_member.strip()):
            c.fail("member", REQUIRED(label=c.label("member")))
            member_ids = []
        else:
            member_ids = resolve_members(ledger, c, "member", [raw_member])
        out: dict[str, Any] = {
            "member": member_ids[0] if member_ids else None,
            "month": c.month("month", required=True),
            "title": c.text("title", required=True, max_length=300),
            "text": c.text("text", max_length=20000),
            "category": c.choice("category", "highlight_category", default="other"),
            "featured": c.boolean("featured"),
        }
        if out["member"] is not None and out["month"] is not None and out["title"]:
            titles = self.memo(ledger, out)
            mine = current.id if current is not None else None
            if any(t == out["title"] and i != mine for i, t in titles.items()):
                c.fail("title", self._duplicate(ledger, out))
        c.finish()
        return out

    def warnings(
        self, ledger: Ledger, cleaned: Mapping[str, Any], current: Highlight | None
    ) -> list[FieldError]:
        month, member = cleaned["month"], cleaned["member"]
        if month is None:
            return []
        following = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        label = L["month"]()
        return [
            *future_warnings("month", label, month, month=True),
            *term_warnings(
                ledger,
                "month",
                label,
                month,
                following - datetime.timedelta(days=1),
                [member] if member is not None else [],
                month=True,
            ),
        ]

    def memo(self, ledger: Ledger, values: Mapping[str, Any]) -> dict[uuid.UUID, str]:
        """The titles of the member's highlights of the month (id -> title)."""
        member, month = values["member"], values["month"]
        return ledger.cached(
            ("highlight-titles", member, month),
            lambda: dict(
                self.query(ledger)
                .select(Highlight.id, Highlight.title)
                .where((Highlight.member == member) & (Highlight.month == month))
                .tuples()
            ),
        )

    def _write(
        self,
        ledger: Ledger,
        cleaned: Mapping[str, Any],
        current: Highlight | None,
        *,
        restore_id: Any = None,
    ) -> Highlight:
        """The form's check reads what is committed; another program may save the same title at the
        same moment. The unique index (member, month, title) refuses the second, in a savepoint (on
        PostgreSQL a failed statement spoils its transaction), with the form's own message."""
        try:
            with ledger.db.atomic():
                return super()._write(ledger, cleaned, current, restore_id=restore_id)
        except peewee.IntegrityError as exc:
            if "title" not in str(exc):
                raise
            ledger.forget(("highlight-titles", cleaned["member"], cleaned["month"]))
            duplicate = FieldError("title", self._duplicate(ledger, cleaned))
            raise errors.ValidationError([duplicate]) from None

    def _duplicate(self, ledger: Ledger, values: Mapping[str, Any]) -> Message:
        name = member_names(ledger, [values["member"]])[values["member"]]
        month = values["month"]
        return MSG_DUPLICATE(name=name, year=month.year, month=month.month, title=values["title"])

    def memo_entry(self, values: Mapping[str, Any]) -> str:
        return values["title"]

    def summary(self, record: Highlight) -> str:
        return f"{record.month:%Y-%m} {record.member.name} {record.title}"


highlights = HighlightService()
