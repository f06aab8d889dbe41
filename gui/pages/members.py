"""成员: the group's roster, in its own order; members who have left are shown greyed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from db.rules import vocab
from db.services.groups import party_groups
from gui.dialogs.member_form import MemberForm
from gui.models.record_table import Formatter
from gui.pages.list_page import ListPage, number_text


class MembersPage(ListPage):
    list_kind = "member"
    kinds = frozenset({"member", "party_group"})
    form_class = MemberForm

    def formatters(self) -> Mapping[str, Formatter]:
        return {"party_group": self._party_group_name}

    def _party_group_name(self, values: Mapping[str, Any], key: str, lang: str) -> str:
        # The list's row may carry the party group's id rather than its name.
        value = values.get(key)
        if value is None:
            return ""
        names = getattr(self, "_party_names", None)
        if names is None:
            names = self._party_names = {
                str(g.id).replace("-", ""): g.name for g in party_groups.ordered(self.ledger)
            }
        return names.get(str(value).replace("-", ""), str(value))

    def refresh(self) -> None:
        self._party_names = None
        super().refresh()

    def heading_text(self) -> str:
        return self.tr("成员")

    def search_placeholder(self) -> str:
        return self.tr("查找：姓名、拼音首字母、单位或电话（Ctrl+F）")

    def status_choices(self) -> list[tuple[str, str]]:
        lang = self.language()
        return [
            (code, vocab.label("member_status", code, lang))
            for code in vocab.codes("member_status")
        ]

    def status_all_text(self) -> str:
        return self.tr("全部成员")

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        return self.tr("共 {count} 人").format(count=number_text(count))

    def decorated_roles(self) -> frozenset[int]:
        return frozenset({Qt.ItemDataRole.ForegroundRole})

    def decorate(self, values: Mapping[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and values.get("status") not in (None, "active"):
            return self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None
