"""调研报告: the research reports, their authors in order and their awards."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gui.dialogs.report_form import ReportForm
from gui.pages.list_page import ListPage, number_text


class ReportsPage(ListPage):
    list_kind = "report"
    kinds = frozenset({"report", "member"})
    form_class = ReportForm
    kind_vocab = "award_level"  # (a new report does not take the filter's award: it has none yet)

    def heading_text(self) -> str:
        return self.tr("调研报告")

    def kind_all_text(self) -> str:
        return self.tr("全部获奖级别")

    def search_placeholder(self) -> str:
        return self.tr("查找：题目、报送单位、获奖等次或作者（Ctrl+F）")

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        return self.tr("共 {count} 篇报告").format(count=number_text(count))
