"""调研走访: every survey, with its participants; found by enterprise, topic, findings or member."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gui.dialogs.survey_form import SurveyForm
from gui.pages.list_page import ListPage, number_text


class SurveysPage(ListPage):
    list_kind = "survey"
    kinds = frozenset({"survey", "member", "report"})
    form_class = SurveyForm
    kind_vocab = "survey_kind"
    kind_field_name = "kind"

    def heading_text(self) -> str:
        return self.tr("调研走访")

    def kind_all_text(self) -> str:
        return self.tr("全部调研类型")

    def search_placeholder(self) -> str:
        return self.tr("查找：调研对象、主题、发现或成员（可用拼音首字母，Ctrl+F）")

    def totals_text(self, count: int, sums: Mapping[str, Any] | None) -> str:
        return self.tr("共 {count} 次调研").format(count=number_text(count))
