"""The form of a survey (调研走访): when, what kind, who went (one or more members), where, and what
was found; optionally the research report it fed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from db.common import clock
from db.store.models import ResearchReport
from gui.dialogs.record_form import RecordForm


class SurveyForm(RecordForm):
    kind = "survey"
    keep_fields = ("date", "kind")
    initial_size = (760, 620)

    def build(self) -> None:
        self.date("date", required=True)
        self.choice("kind", "survey_kind", required=True)
        self.members("participants", required=True)
        self.line("visited", wide=True, required=True)
        self.line("place")
        self.line("topic")
        self.text("findings", lines=4)
        self.text("follow_up", lines=2)
        self.report = QComboBox()
        self.report.setMaxVisibleItems(20)
        self.add_field(
            "report",
            self.report,
            get=lambda: self.report.currentData() or "",
            set=self._set_report,
            signal=self.report.currentIndexChanged,
            wide=True,
        )
        self._fill_reports()

    def _fill_reports(self) -> None:
        self.report.clear()
        self.report.addItem(self.tr("（无）"), "")
        query = (
            ResearchReport.select(ResearchReport.id, ResearchReport.title)
            .where(ResearchReport.group == self.ledger.group_id)
            .order_by(ResearchReport.completion_date.desc(nulls="first"), ResearchReport.title)
        )
        for report in query:
            self.report.addItem(report.title, str(report.id))

    def _set_report(self, value: Any) -> None:
        index = self.report.findData("" if value is None else str(value))
        self.report.setCurrentIndex(max(index, 0))

    def defaults(self) -> dict[str, Any]:
        return {"date": clock.today().isoformat()}

    def retranslate_extra(self) -> None:
        if self.report.count():
            self.report.setItemText(0, self.tr("（无）"))


__all__ = ["SurveyForm"]
