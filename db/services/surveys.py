"""Surveys (调研走访): who went where, what was found, and the research report it fed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.common.errors import FieldError
from db.common.messages import define
from db.rules import vocab
from db.services.base import RecordService, require_group
from db.services.children import MSG_MEMBERS_REQUIRED, MemberRows
from db.services.sanity import future_warnings, term_warnings
from db.store.ledger import Ledger
from db.store.models import ResearchReport, Survey, SurveyParticipant

L = {
    "date": define("field.survey.date", zh="调研日期", en="Date"),
    "kind": define("field.survey.kind", zh="调研类型", en="Kind"),
    "visited": define("field.survey.visited", zh="调研对象", en="Enterprise or body visited"),
    "place": define("field.survey.place", zh="地点", en="Place"),
    "topic": define("field.survey.topic", zh="调研主题", en="Topic"),
    "findings": define("field.survey.findings", zh="调研发现", en="Findings"),
    "follow_up": define("field.survey.follow_up", zh="后续跟进", en="Follow-up"),
    "report": define("field.survey.report", zh="形成的调研报告", en="Research report"),
    "participants": define("field.survey.participants", zh="参加人员", en="Participants"),
}
MSG_REPORT_GONE = define(
    "survey.report_gone",
    zh="形成的调研报告：所选的调研报告已不存在（可能已被删除）",
    en="Research report: the chosen report no longer exists (it may have been deleted)",
)
PARTICIPANTS = MemberRows(
    "participants", SurveyParticipant, "survey", required=MSG_MEMBERS_REQUIRED
)


class SurveyService(RecordService[Survey]):
    kind = "survey"
    model = Survey
    noun = define("kind.survey", zh="调研记录", en="survey")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: Survey | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "date": c.date("date", required=True),
            "kind": c.choice("kind", "survey_kind", required=True),
            "visited": c.text("visited", required=True, max_length=200),
            "place": c.text("place", max_length=200),
            "topic": c.text("topic", max_length=300),
            "findings": c.text("findings", max_length=20000),
            "follow_up": c.text("follow_up", max_length=20000),
            "report": None,
        }
        report_id = c.uuid("report")
        if report_id is not None:
            found = (
                ResearchReport.select(ResearchReport.id)
                .where(
                    (ResearchReport.id == report_id)
                    & (ResearchReport.group == require_group(ledger))
                )
                .exists()
            )
            if found:
                out["report"] = report_id
            else:
                c.fail("report", MSG_REPORT_GONE())
        out["participants"] = PARTICIPANTS.clean(ledger, c, values.get("participants"), current)
        c.finish()
        return out

    def warnings(
        self, ledger: Ledger, cleaned: Mapping[str, Any], current: Survey | None
    ) -> list[FieldError]:
        rows = cleaned["participants"]
        if rows is None:
            members = [r["member"] for r in PARTICIPANTS.snapshot(current.id)] if current else []
        else:
            members = [r.member for r in rows]
        label = L["date"]()
        return [
            *future_warnings("date", label, cleaned["date"]),
            *term_warnings(ledger, "date", label, cleaned["date"], member_ids=members),
        ]

    def summary(self, record: Survey) -> str:
        return (
            f"{record.date.isoformat()} {vocab.label('survey_kind', record.kind)} {record.visited}"
        )

    def snapshot_children(self, record: Survey) -> dict[str, Any]:
        return {"participants": PARTICIPANTS.snapshot(record.id)}

    def write_children(self, ledger: Ledger, record: Survey, cleaned: Mapping[str, Any]) -> None:
        PARTICIPANTS.write(record.id, cleaned["participants"])


surveys = SurveyService()
