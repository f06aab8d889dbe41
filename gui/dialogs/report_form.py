"""The form of a research report (调研报告): title, authors in order (first author first), where it was
submitted, and the award it won."""

from __future__ import annotations

from gui.dialogs.record_form import RecordForm


class ReportForm(RecordForm):
    kind = "report"
    keep_fields = ("completion_date", "submitted_to")
    initial_size = (720, 520)

    def build(self) -> None:
        self.line("title", wide=True, required=True)
        authors = self.members("authors", required=True)
        authors.setToolTip(self.tr("按署名顺序添加：第一位为第一作者"))
        self.date("completion_date")
        self.line("submitted_to")
        self.section(lambda: self.tr("获奖情况"))
        self.choice("award_level", "award_level", empty=lambda: self.tr("（未获奖）"))
        self.line("award_rank", placeholder=lambda: self.tr("如：一等奖"))
        self.date("award_date")
        self.end_row()
        self.text("notes", lines=3)


__all__ = ["ReportForm"]
