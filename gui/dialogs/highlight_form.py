"""The form of a monthly highlight (月度亮点): one member, one month, a title and its text."""

from __future__ import annotations

from typing import Any

from db.common import clock
from gui.dialogs.record_form import RecordForm


class HighlightForm(RecordForm):
    kind = "highlight"
    keep_fields = ("month", "category")
    initial_size = (720, 520)

    def build(self) -> None:
        self.member("member", required=True)
        self.date("month", required=True, month=True)
        self.line("title", wide=True, required=True)
        self.choice("category", "highlight_category")
        self.check("featured")
        self.text("text", lines=7)

    def defaults(self) -> dict[str, Any]:
        return {"month": clock.today().strftime("%Y-%m"), "category": "other"}


__all__ = ["HighlightForm"]
