"""Members of the group (and branch members from the higher team): profile, status, pinyin search."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from db.common import errors
from db.common.messages import define
from db.rules import pinyin
from db.services.base import RecordService, group_members
from db.services.groups import party_group_id
from db.store.ledger import Ledger
from db.store.models import (
    AchievementMember,
    Attendance,
    LeaveRequest,
    Member,
    PartyGroup,
    ReportAuthor,
    SpotCheckResult,
    SurveyParticipant,
)

L = {
    "name": define("field.member.name", zh="姓名", en="Name"),
    "gender": define("field.member.gender", zh="性别", en="Gender"),
    "political_status": define(
        "field.member.political_status", zh="政治面貌", en="Political status"
    ),
    "sending_unit_post": define(
        "field.member.sending_unit_post", zh="派出单位及职务", en="Sending unit and post"
    ),
    "host_unit_post": define(
        "field.member.host_unit_post", zh="挂职单位及职务", en="Host unit and post"
    ),
    "field_of_work": define("field.member.field_of_work", zh="工作领域", en="Field of work"),
    "role": define("field.member.role", zh="组内职务", en="Role in the group"),
    "party_group": define("field.member.party_group", zh="党小组", en="Party small group"),
    "phone": define("field.member.phone", zh="联系电话", en="Phone"),
    "term_start": define("field.member.term_start", zh="挂职开始日期", en="Term start"),
    "term_end": define("field.member.term_end", zh="挂职结束日期", en="Term end"),
    "status": define("field.member.status", zh="状态", en="Status"),
    "branch_only": define(
        "field.member.branch_only", zh="仅为支部成员（不计入工作组考核）", en="Branch member only"
    ),
    "pinyin_override": define(
        "field.member.pinyin_override", zh="拼音更正", en="Pinyin correction"
    ),
    "notes": define("field.member.notes", zh="备注", en="Notes"),
    "sort_order": define("field.member.sort_order", zh="排序", en="Order"),
}
MSG_END_NEEDS_DATE = define(
    "member.end_needs_date",
    zh="挂职结束日期：状态为“{status}”时必须填写",
    en="Term end: required when the status is “{status}”",
)
MSG_UNKNOWN_PARTY_GROUP = define(
    "member.unknown_party_group",
    zh="党小组：找不到“{value}”",
    en="Party small group: “{value}” was not found",
)
MSG_HAS_RECORDS = define(
    "member.has_records",
    zh="{name}已有 {count} 条相关记录，不能删除；如已离岗，请把状态改为“期满离岗”或“提前结束”。",
    en="{name} has {count} related record(s) and cannot be deleted; if the member has left, "
    "set the status to “Term ended” or “Ended early”.",
)
MSG_BAD_PINYIN = define(
    "member.bad_pinyin",
    zh="拼音更正：只能用字母和空格，例如 shan tian fang",
    en="Pinyin correction: letters and spaces only, e.g. shan tian fang",
)


class MemberService(RecordService[Member]):
    kind = "member"
    model = Member
    noun = define("kind.member", zh="成员", en="member")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: Member | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "name": c.text("name", required=True, max_length=50),
            "gender": c.choice("gender", "gender"),
            "political_status": c.choice("political_status", "political_status"),
            "sending_unit_post": c.text("sending_unit_post", max_length=200),
            "host_unit_post": c.text("host_unit_post", max_length=200),
            "field_of_work": c.text("field_of_work", max_length=50),
            "role": c.choice("role", "role", default="member"),
            "phone": c.phone("phone"),
            "term_start": c.date("term_start"),
            "term_end": c.date("term_end"),
            "status": c.choice("status", "member_status", default="active"),
            "branch_only": c.boolean("branch_only"),
            "pinyin_override": c.text("pinyin_override", max_length=200),
            "notes": c.text("notes", max_length=2000),
            "sort_order": c.integer("sort_order") or 0,
            "party_group": None,
        }
        c.not_before("term_end", out["term_end"], "term_start", out["term_start"])
        if out["status"] in ("term_ended", "ended_early") and out["term_end"] is None:
            from db.common.messages import current_language
            from db.rules import vocab

            status = vocab.label("member_status", out["status"], current_language())
            c.fail("term_end", MSG_END_NEEDS_DATE(status=status))
        if out["pinyin_override"] and not all(
            ch.isascii() and (ch.isalpha() or ch == " ") for ch in out["pinyin_override"]
        ):
            c.fail("pinyin_override", MSG_BAD_PINYIN())
        raw_pg = values.get("party_group")
        if isinstance(raw_pg, PartyGroup):
            raw_pg = raw_pg.id
        if raw_pg not in (None, ""):
            out["party_group"] = party_group_id(ledger, raw_pg)
            if out["party_group"] is None:
                c.fail("party_group", MSG_UNKNOWN_PARTY_GROUP(value=str(raw_pg)))
        c.finish()
        out["pinyin_index"] = pinyin.index_text(out["name"], out["pinyin_override"])
        return out

    def summary(self, record: Member) -> str:
        return record.name

    def memo(self, ledger: Ledger, values: Mapping[str, Any]) -> dict[Any, Any]:
        return group_members(ledger, values["group"])

    def memo_entry(self, values: Mapping[str, Any]) -> str:
        return values["name"]

    def check_delete(self, ledger: Ledger, record: Member) -> None:
        count = sum(
            model.select().where(model.member == record.id).count()
            for model in (
                Attendance,
                LeaveRequest,
                SpotCheckResult,
                SurveyParticipant,
                ReportAuthor,
                AchievementMember,
            )
        )
        from db.store.models import Highlight

        count += Highlight.select().where(Highlight.member == record.id).count()
        if count:
            raise errors.ActionRefusedError(MSG_HAS_RECORDS(name=record.name, count=count))

    # -- queries -----------------------------------------------------------------------------------
    def ordered(self, ledger: Ledger, *, include_branch_only: bool = True) -> list[Member]:
        query = self.query(ledger)
        if not include_branch_only:
            query = query.where(Member.branch_only == False)  # noqa: E712 - peewee expression
        return list(query.order_by(Member.sort_order, Member.name))

    def search(
        self, ledger: Ledger, text: str, *, include_branch_only: bool = True
    ) -> list[Member]:
        """Members whose name contains the text or whose pinyin (any reading, or initials) starts with it."""
        return [
            m
            for m in self.ordered(ledger, include_branch_only=include_branch_only)
            if pinyin.matches(text, m.name, m.pinyin_index)
        ]

    def active_on(
        self,
        ledger: Ledger,
        day: datetime.date,
        *,
        party_group: Any = None,
        include_branch_only: bool = True,
    ) -> list[Member]:
        """Members on the group's books on a date: inside their own term (when one is set)."""
        query = self.query(ledger).where(
            (Member.term_start.is_null() | (Member.term_start <= day))
            & (Member.term_end.is_null() | (Member.term_end >= day))
        )
        if party_group is not None:
            query = query.where(Member.party_group == party_group)
        if not include_branch_only:
            query = query.where(Member.branch_only == False)  # noqa: E712
        return list(query.order_by(Member.sort_order, Member.name))


members = MemberService()
