"""The work group's profile and its party small groups."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from db.common import errors
from db.common.messages import define
from db.services.base import RecordService, require_group, resolve_members
from db.store.ledger import Ledger
from db.store.models import Member, PartyGroup, PartyGroupLeader, StudySession, WorkGroup

L = {
    "name": define("field.group.name", zh="工作组名称", en="Group name"),
    "batch": define("field.group.batch", zh="批次", en="Batch"),
    "sending_place": define("field.group.sending_place", zh="派出地", en="Sending place"),
    "host_place": define("field.group.host_place", zh="挂职地", en="Host place"),
    "term_start": define("field.group.term_start", zh="挂职开始日期", en="Term start"),
    "term_end": define("field.group.term_end", zh="挂职结束日期", en="Term end"),
    "branch_name": define("field.group.branch_name", zh="临时党支部名称", en="Party branch"),
    "team_name": define("field.group.team_name", zh="上级工作队", en="Higher team"),
    "bulletin_title": define("field.group.bulletin_title", zh="简报名称", en="Bulletin title"),
    "bulletin_unit": define("field.group.bulletin_unit", zh="编发单位", en="Issuing unit"),
}
PL = {
    "name": define("field.party_group.name", zh="党小组名称", en="Party small group"),
    "leader": define("field.party_group.leader", zh="党小组组长", en="Leader"),
}
MSG_DUP_PARTY_GROUP = define(
    "party_group.duplicate",
    zh="党小组名称：已有名为“{name}”的党小组",
    en="Party small group: one named “{name}” exists already",
)
MSG_PARTY_GROUP_USED = define(
    "party_group.in_use",
    zh="“{name}”还有 {members} 名成员、{sessions} 次学习记录，不能删除",
    en="“{name}” still has {members} member(s) and {sessions} session(s); it cannot be deleted",
)


def group_party_groups(ledger: Ledger, group: Any) -> dict[uuid.UUID, str]:
    """A group's party small groups (id -> name), read once per write transaction
    (PartyGroupService.written keeps them true)."""
    return ledger.cached(
        ("party-groups", group),
        lambda: dict(
            PartyGroup.select(PartyGroup.id, PartyGroup.name)
            .where(PartyGroup.group == group)
            .tuples()
        ),
    )


def party_group_id(ledger: Ledger, raw: Any) -> uuid.UUID | None:
    """The party small group of this group with the id ``raw``, else with the name ``raw`` (as an
    imported sheet names it); None when there is none."""
    names = group_party_groups(ledger, require_group(ledger))
    try:
        key = raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw).strip())
    except ValueError:
        key = None
    if key in names:
        return key
    text = str(raw).strip()
    return next((pid for pid, name in names.items() if name == text), None)


class WorkGroupService(RecordService[WorkGroup]):
    kind = "work_group"
    model = WorkGroup
    noun = define("kind.work_group", zh="工作组", en="work group")
    labels = L
    group_scoped = False

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: WorkGroup | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out = {
            "name": c.text("name", required=True, max_length=100),
            "batch": c.text("batch", max_length=50),
            "sending_place": c.text("sending_place", max_length=100),
            "host_place": c.text("host_place", max_length=100),
            "term_start": c.date("term_start"),
            "term_end": c.date("term_end"),
            "branch_name": c.text("branch_name", max_length=100),
            "team_name": c.text("team_name", max_length=100),
            "bulletin_title": c.text("bulletin_title", max_length=100) or "信息动态",
            "bulletin_unit": c.text("bulletin_unit", max_length=100),
        }
        c.not_before("term_end", out["term_end"], "term_start", out["term_start"])
        c.finish()
        return out

    def summary(self, record: WorkGroup) -> str:
        return record.name

    def history_group(self, ledger: Ledger, record_id: Any) -> Any:
        # A group's profile changes are its own history (on a team server, its logins' alone).
        return record_id

    def create_group(self, ledger: Ledger, values: Mapping[str, Any]) -> WorkGroup:
        """Create a work group and make it the one this ledger works on."""
        group = self.save(ledger, values)
        ledger.group_id = group.id
        return group

    def current(self, ledger: Ledger) -> WorkGroup:
        return self.get(ledger, require_group(ledger))


class PartyGroupService(RecordService[PartyGroup]):
    kind = "party_group"
    model = PartyGroup
    noun = define("kind.party_group", zh="党小组", en="party small group")
    labels = PL

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: PartyGroup | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        name = c.text("name", required=True, max_length=50)
        leader = values.get("leader")
        leaders = resolve_members(ledger, c, "leader", [leader] if leader else [])
        if name:
            clash = PartyGroup.select().where(
                (PartyGroup.group == require_group(ledger)) & (PartyGroup.name == name)
            )
            if current is not None:
                clash = clash.where(PartyGroup.id != current.id)
            if clash.exists():
                c.fail("name", MSG_DUP_PARTY_GROUP(name=name))
        c.finish()
        return {
            "name": name,
            "sort_order": int(values.get("sort_order") or 0),
            "leader": leaders[0] if leaders else None,
        }

    def snapshot_children(self, record: PartyGroup) -> dict[str, Any]:
        row = PartyGroupLeader.get_or_none(PartyGroupLeader.party_group == record.id)
        return {"leader": row.member_id if row else None}

    def write_children(
        self, ledger: Ledger, record: PartyGroup, cleaned: Mapping[str, Any]
    ) -> None:
        PartyGroupLeader.delete().where(PartyGroupLeader.party_group == record.id).execute()
        if cleaned.get("leader") is not None:
            PartyGroupLeader.create(party_group=record.id, member=cleaned["leader"])

    def memo(self, ledger: Ledger, values: Mapping[str, Any]) -> dict[Any, Any]:
        return group_party_groups(ledger, values["group"])

    def memo_entry(self, values: Mapping[str, Any]) -> str:
        return values["name"]

    def check_delete(self, ledger: Ledger, record: PartyGroup) -> None:
        members = Member.select().where(Member.party_group == record.id).count()
        sessions = StudySession.select().where(StudySession.scope == record.id).count()
        if members or sessions:
            raise errors.ActionRefusedError(
                MSG_PARTY_GROUP_USED(name=record.name, members=members, sessions=sessions)
            )

    def summary(self, record: PartyGroup) -> str:
        return record.name

    def ordered(self, ledger: Ledger) -> list[PartyGroup]:
        return list(self.query(ledger).order_by(PartyGroup.sort_order, PartyGroup.name))


work_groups = WorkGroupService()
party_groups = PartyGroupService()


def add_server_group(ledger: Ledger, name: str) -> tuple[WorkGroup, str]:
    """On a team server: the work group of that name (saved, with its history, when there is none)
    and the database role its secretaries' logins join (`server add-group`)."""
    from db.store import server

    return server.add_group(ledger, name, lambda clean: work_groups.save(ledger, {"name": clean}))
