"""Achievements (工作成果): consumption aid in 万元, projects signed, delegations, events, coverage."""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Any

from db.common.messages import define
from db.rules import vocab
from db.services.base import RecordService
from db.services.children import MemberRows
from db.store.ledger import Ledger
from db.store.models import Achievement, AchievementMember

L = {
    "date": define("field.achievement.date", zh="日期", en="Date"),
    "kind": define("field.achievement.kind", zh="成果类型", en="Kind"),
    "title": define("field.achievement.title", zh="成果名称", en="Title"),
    "amount": define("field.achievement.amount", zh="金额（万元）", en="Amount (10,000 yuan)"),
    "count": define("field.achievement.count", zh="数量", en="Count"),
    "members": define("field.achievement.members", zh="参与成员", en="Members involved"),
    "notes": define("field.achievement.notes", zh="备注", en="Notes"),
}
MSG_NEEDS_AMOUNT = define(
    "achievement.needs_amount",
    zh="{label}：“{kind}”类成果必须填写金额",
    en="{label}: an achievement of the kind “{kind}” needs an amount",
)
MSG_NEEDS_COUNT = define(
    "achievement.needs_count",
    zh="{label}：“{kind}”类成果必须填写数量",
    en="{label}: an achievement of the kind “{kind}” needs a count",
)
MSG_NEEDS_EITHER = define(
    "achievement.needs_either",
    zh="{label}：请填写金额或数量（至少一项）",
    en="{label}: fill in an amount or a count (at least one)",
)
MSG_PLACES = define(
    "achievement.amount_places",
    zh="{label}：最多保留 {places} 位小数",
    en="{label}: at most {places} decimal places",
)
MSG_TOO_LARGE = define(
    "achievement.too_large",
    zh="{label}：不能大于 {max}",
    en="{label}: must not be more than {max}",
)

AMOUNT_PLACES = 4
MAX_AMOUNT = decimal.Decimal("9999999999.9999")  # what the column holds: 14 digits, 4 decimal
MAX_COUNT = 1_000_000
_PLACES = decimal.Decimal(1).scaleb(-AMOUNT_PLACES)
NEEDS_AMOUNT = frozenset({"consumption_aid"})
NEEDS_COUNT = frozenset({"project_signed", "delegation", "promotion_event", "publicity"})
MEMBERS = MemberRows("members", AchievementMember, "achievement")


class AchievementService(RecordService[Achievement]):
    kind = "achievement"
    model = Achievement
    noun = define("kind.achievement", zh="工作成果", en="achievement")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: Achievement | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "date": c.date("date", required=True),
            "kind": c.choice("kind", "achievement_kind", required=True),
            "title": c.text("title", required=True, max_length=300),
            "amount": c.decimal("amount", places=AMOUNT_PLACES),
            "count": c.integer("count"),
            "notes": c.text("notes", max_length=2000),
        }
        amount, count, kind = out["amount"], out["count"], out["kind"]
        if amount is not None and not c.has_error("amount"):
            raw = decimal.Decimal(str(values["amount"]).strip().replace(",", "").replace("，", ""))
            if raw != amount:  # quantize would round: 1.23456 万元 is not what was typed
                c.fail("amount", MSG_PLACES(label=c.label("amount"), places=AMOUNT_PLACES))
            elif amount > MAX_AMOUNT:
                c.fail("amount", MSG_TOO_LARGE(label=c.label("amount"), max=str(MAX_AMOUNT)))
        if count is not None and count > MAX_COUNT and not c.has_error("count"):
            c.fail("count", MSG_TOO_LARGE(label=c.label("count"), max=MAX_COUNT))
        kind_label = vocab.label_message("achievement_kind", kind) if kind else ""
        if kind in NEEDS_AMOUNT and amount is None and not c.has_error("amount"):
            c.fail("amount", MSG_NEEDS_AMOUNT(label=c.label("amount"), kind=kind_label))
        if kind in NEEDS_COUNT and count is None and not c.has_error("count"):
            c.fail("count", MSG_NEEDS_COUNT(label=c.label("count"), kind=kind_label))
        if (
            kind == "other"
            and amount is None
            and count is None
            and not (c.has_error("amount") or c.has_error("count"))
        ):
            for name in ("amount", "count"):
                c.fail(name, MSG_NEEDS_EITHER(label=c.label(name)))
        out["members"] = MEMBERS.clean(ledger, c, values.get("members"), current)
        c.finish()
        return out

    def summary(self, record: Achievement) -> str:
        kind = vocab.label("achievement_kind", record.kind)
        return f"{record.date.isoformat()} {kind} {record.title}"

    def snapshot_children(self, record: Achievement) -> dict[str, Any]:
        return {"members": MEMBERS.snapshot(record.id)}

    def write_children(
        self, ledger: Ledger, record: Achievement, cleaned: Mapping[str, Any]
    ) -> None:
        MEMBERS.write(record.id, cleaned["members"])


achievements = AchievementService()
