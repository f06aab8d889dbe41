"""月度亮点: each member's highlight of each month; featured ones are marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt

from gui.dialogs.highlight_form import HighlightForm
from gui.models.record_table import Formatter
from gui.pages.list_page import ListPage, number_text


class HighlightsPage(ListPage):
    list_kind = "highlight"
    kinds = frozenset({"highlight", "member"})
    form_class = HighlightForm
    kind_vocab = "highlight_category"
    member_fields = ("member",)
    kind_field_name = "category"

    def heading_text(self) -> str:
        return self.tr("月度亮点")

    def kind_all_text(self) -> str:
        return self.tr("全部亮点类别")

    def search_placeholder(self) -> str:
        return self.tr("查找：标题、内容或成员（可用拼音首字母，Ctrl+F）")

    def formatters(self) -> Mapping[str, Formatter]:
        return {"featured": lambda row, _key, _lang: "★" if row.get("featured") else ""}

    def decorated_roles(self) -> frozenset[int]:
        return frozenset({Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole})

    def decorate(self, values: Mapping[str, Any], key: str, role: int) -> Any:
        if key == "featured" and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if key == "featured" and role == Qt.ItemDataRole.ToolTipRole and values.get("featured"):
            return self.tr("重点亮点：在信息动态中排在前面")
        return None

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        return self.tr("共 {count} 个亮点").format(count=number_text(count))
