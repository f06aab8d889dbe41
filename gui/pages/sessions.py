"""学习交流: collective meetings, party-group study, trainings and party days, with attendance
(present of expected) and the training hours of what is shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gui.dialogs.session_form import SessionForm
from gui.pages.list_page import ListPage, number_text


class SessionsPage(ListPage):
    list_kind = "session"
    kinds = frozenset({"session", "member", "party_group"})
    form_class = SessionForm
    kind_vocab = "session_kind"
    kind_field_name = "kind"

    def heading_text(self) -> str:
        return self.tr("学习交流")

    def kind_all_text(self) -> str:
        return self.tr("全部学习类别")

    def search_placeholder(self) -> str:
        return self.tr("查找：主题、地点、主持人、内容或参加成员（Ctrl+F）")

    def has_sums(self) -> bool:
        return True

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        text = self.tr("共 {count} 次").format(count=number_text(count))
        if sums is None or not sums.get("training_hours"):
            return text
        return self.tr("{count_text}，培训合计 {hours} 学时").format(
            count_text=text, hours=number_text(sums["training_hours"])
        )
