"""工作成果: consumption aid, projects, delegations, events and coverage, with their sums."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gui.dialogs.achievement_form import AchievementForm
from gui.pages.list_page import ListPage, number_text


class AchievementsPage(ListPage):
    list_kind = "achievement"
    kinds = frozenset({"achievement", "member"})
    form_class = AchievementForm
    kind_vocab = "achievement_kind"
    kind_field_name = "kind"

    def heading_text(self) -> str:
        return self.tr("工作成果")

    def kind_all_text(self) -> str:
        return self.tr("全部成果类型")

    def search_placeholder(self) -> str:
        return self.tr("查找：成果名称、备注或成员（Ctrl+F）")

    def has_sums(self) -> bool:
        return True

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        text = self.tr("共 {count} 项").format(count=number_text(count))
        if sums is None:
            return text
        return self.tr("{count_text}，金额合计 {amount} 万元，数量合计 {items}").format(
            count_text=text, amount=number_text(sums["amount"]), items=number_text(sums["items"])
        )
