"""The form of an achievement (工作成果): date, kind, title, an amount in 万元 or a count, and the
members involved. Which of amount and count the kind needs is marked as the kind changes."""

from __future__ import annotations

from typing import Any

from db.common import clock
from db.services.achievements import NEEDS_AMOUNT, NEEDS_COUNT
from gui.dialogs.record_form import RecordForm


class AchievementForm(RecordForm):
    kind = "achievement"
    keep_fields = ("date", "kind")
    initial_size = (720, 480)

    def build(self) -> None:
        self.date("date", required=True)
        self.choice("kind", "achievement_kind", required=True)
        self.line("title", wide=True, required=True)
        self.amount = self.number("amount")
        self.count = self.number("count")
        self.members("members")
        self.text("notes", lines=3)

    def defaults(self) -> dict[str, Any]:
        return {"date": clock.today().isoformat()}

    def on_field_changed(self, name: str) -> None:
        if name in ("", "kind"):
            kind = self.fields["kind"].get()
            self.fields["amount"].required = kind in NEEDS_AMOUNT
            self.fields["count"].required = kind in NEEDS_COUNT
            self.refresh_caption("amount")
            self.refresh_caption("count")


__all__ = ["AchievementForm"]
