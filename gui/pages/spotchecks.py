"""在岗抽查: the spot checks of members at their posts, whom they checked, and who was absent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt

from gui.dialogs.spotcheck_form import SpotCheckForm
from gui.pages.list_page import ListPage, number_text
from gui.widgets import error_color


class SpotChecksPage(ListPage):
    list_kind = "spotcheck"
    kinds = frozenset({"spotcheck", "member"})
    form_class = SpotCheckForm
    kind_vocab = "check_method"
    kind_field_name = "method"

    def heading_text(self) -> str:
        return self.tr("在岗抽查")

    def kind_all_text(self) -> str:
        return self.tr("全部抽查方式")

    def search_placeholder(self) -> str:
        return self.tr("查找：抽查人、备注或被抽查成员（Ctrl+F）")

    def decorated_roles(self) -> frozenset[int]:
        return frozenset({Qt.ItemDataRole.ForegroundRole})

    def decorate(self, values: Mapping[str, Any], key: str, role: int) -> Any:
        if key == "absent" and values.get("absent") and role == Qt.ItemDataRole.ForegroundRole:
            return error_color(self.palette())
        return None

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        return self.tr("共 {count} 次抽查").format(count=number_text(count))
