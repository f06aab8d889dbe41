"""Research reports (调研报告): title, ordered authors, where they went, and the award they won."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.common import errors
from db.common.messages import define
from db.services.base import RecordService
from db.services.children import MSG_MEMBERS_REQUIRED, MemberRows
from db.store.ledger import Ledger
from db.store.models import ReportAuthor, ResearchReport, Survey

L = {
    "title": define("field.report.title", zh="报告题目", en="Title"),
    "authors": define("field.report.authors", zh="作者", en="Authors"),
    "completion_date": define("field.report.completion_date", zh="完成日期", en="Completed on"),
    "submitted_to": define("field.report.submitted_to", zh="报送单位", en="Submitted to"),
    "award_level": define("field.report.award_level", zh="获奖级别", en="Award level"),
    "award_rank": define("field.report.award_rank", zh="获奖等次", en="Award rank"),
    "award_date": define("field.report.award_date", zh="获奖日期", en="Award date"),
    "notes": define("field.report.notes", zh="备注", en="Notes"),
}
MSG_LEVEL_NEEDED = define(
    "report.level_needed",
    zh="{label}：填写了{other}时必须填写",
    en="{label}: required when {other} is filled in",
)
MSG_HAS_SURVEYS = define(
    "report.has_surveys",
    zh="有 {count} 条调研记录关联了调研报告“{title}”，不能删除；请先在这些调研记录中取消关联。",
    en="{count} survey(s) refer to the research report “{title}”, so it cannot be deleted; "
    "remove the reference from those surveys first.",
)
AUTHORS = MemberRows("authors", ReportAuthor, "report", ordered=True, required=MSG_MEMBERS_REQUIRED)


class ResearchReportService(RecordService[ResearchReport]):
    kind = "report"
    model = ResearchReport
    noun = define("kind.report", zh="调研报告", en="research report")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: ResearchReport | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "title": c.text("title", required=True, max_length=300),
            "completion_date": c.date("completion_date"),
            "submitted_to": c.text("submitted_to", max_length=200),
            "award_level": c.choice("award_level", "award_level"),
            "award_rank": c.text("award_rank", max_length=50),
            "award_date": c.date("award_date"),
            "notes": c.text("notes", max_length=2000),
        }
        if not out["award_level"] and not c.has_error("award_level"):
            # The level is what the award is counted by; a rank or a date alone counts nowhere.
            for other in ("award_rank", "award_date"):
                if out[other]:
                    c.fail(
                        "award_level",
                        MSG_LEVEL_NEEDED(label=c.label("award_level"), other=c.label(other)),
                    )
        c.not_before("award_date", out["award_date"], "completion_date", out["completion_date"])
        out["authors"] = AUTHORS.clean(ledger, c, values.get("authors"), current)
        c.finish()
        return out

    def summary(self, record: ResearchReport) -> str:
        return record.title

    def snapshot_children(self, record: ResearchReport) -> dict[str, Any]:
        return {"authors": AUTHORS.snapshot(record.id)}

    def write_children(
        self, ledger: Ledger, record: ResearchReport, cleaned: Mapping[str, Any]
    ) -> None:
        AUTHORS.write(record.id, cleaned["authors"])

    def check_delete(self, ledger: Ledger, record: ResearchReport) -> None:
        # The database would quietly unlink the surveys, and a restore could not link them again.
        count = Survey.select().where(Survey.report == record.id).count()
        if count:
            raise errors.ActionRefusedError(MSG_HAS_SURVEYS(count=count, title=record.title))


reports = ResearchReportService()
