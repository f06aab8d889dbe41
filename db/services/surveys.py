"""Surveys (调研走访): who went where, what was found, and the research report it fed.

Also the helpers every kind with member child rows uses (survey participants, report authors,
members of an achievement): reading the list from a form or a snapshot, writing the rows so that a row
keeps its identity while its member stays, and the snapshot that lets a restore bring the same rows back.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from db import vocab
from db.database import Ledger
from db.messages import define
from db.models import BaseModel, Member, ResearchReport, Survey, SurveyParticipant
from db.services.base import RecordService, require_group, resolve_members
from db.services.fields import Cleaner

MSG_MEMBERS_REQUIRED = define(
    "record.members_required",
    zh="{label}：至少选择一名成员",
    en="{label}: choose at least one member",
)
MSG_MEMBER_TWICE = define(
    "record.member_twice",
    zh="{label}：{name}重复填写了",
    en="{label}: {name} is listed twice",
)


# -- member child rows, shared by surveys, research reports and achievements -----------------------


@dataclass(frozen=True)
class MemberRow:
    """One wanted child row: the member, and the row's own id when a snapshot is being restored."""

    member: uuid.UUID
    row_id: uuid.UUID | None = None


def clean_member_rows(
    ledger: Ledger, c: Cleaner, name: str, raw: Any, *, required: bool
) -> list[MemberRow]:
    """The member rows under ``name``, in the given order.

    Items are member ids (or Member objects) as a form gives them, or ``{"id": row id, "member": member
    id}`` as a snapshot gives them. A member named twice, a member not of this group, and (when
    required) an empty list are field errors.
    """
    if raw is None or raw == "":
        items: list[Any] = []
    elif isinstance(raw, str | uuid.UUID | Member | Mapping):
        items = [raw]
    else:
        items = list(raw)
    row_ids: dict[uuid.UUID, uuid.UUID] = {}
    member_ids: list[Any] = []
    for item in items:
        if isinstance(item, Mapping):
            member = item.get("member")
            row_id = _quiet_uuid(item.get("id"))
            parsed = _quiet_uuid(member)
            if parsed is not None and row_id is not None:
                row_ids.setdefault(parsed, row_id)
            member_ids.append(member)
        else:
            member_ids.append(item)
    seen: set[uuid.UUID] = set()
    twice: list[uuid.UUID] = []
    for raw_id in member_ids:
        parsed = _quiet_uuid(raw_id.id if isinstance(raw_id, Member) else raw_id)
        if parsed is None:
            continue
        if parsed in seen and parsed not in twice:
            twice.append(parsed)
        seen.add(parsed)
    resolved = resolve_members(ledger, c, name, member_ids)
    if twice:
        names = dict(
            Member.select(Member.id, Member.name)
            .where((Member.id.in_(twice)) & (Member.group == require_group(ledger)))
            .tuples()
        )
        for member_id in twice:
            c.fail(
                name,
                MSG_MEMBER_TWICE(label=c.label(name), name=names.get(member_id, str(member_id))),
            )
    if required and not resolved and not c.has_error(name):
        c.fail(name, MSG_MEMBERS_REQUIRED(label=c.label(name)))
    return [MemberRow(m, row_ids.get(m)) for m in resolved]


def _quiet_uuid(raw: Any) -> uuid.UUID | None:
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


def write_member_rows(
    model: type[BaseModel],
    parent: str,
    parent_id: uuid.UUID,
    wanted: Iterable[MemberRow],
    *,
    ordered: bool = False,
) -> None:
    """Make the parent's child rows those ``wanted``: a row whose member stays keeps its id; a new row
    takes the id a snapshot gave it when that id is free (a restore), a fresh one otherwise."""
    wanted = list(wanted)
    parent_field = model._meta.fields[parent]
    existing = {row.member_id: row for row in model.select().where(parent_field == parent_id)}
    keep = {w.member for w in wanted}
    stale = [row.id for member_id, row in existing.items() if member_id not in keep]
    if stale:
        model.delete().where(model.id.in_(stale)).execute()
    offered = [w.row_id for w in wanted if w.row_id is not None and w.member not in existing]
    taken = (
        {row.id for row in model.select(model.id).where(model.id.in_(offered))}
        if offered
        else set()
    )
    for position, row in enumerate(wanted):
        current = existing.get(row.member)
        if current is None:
            fields: dict[str, Any] = {parent: parent_id, "member": row.member}
            if row.row_id is not None and row.row_id not in taken:
                fields["id"] = row.row_id
            if ordered:
                fields["position"] = position
            model.create(**fields)
        elif ordered and current.position != position:
            model.update(position=position).where(model.id == current.id).execute()


def snapshot_member_rows(
    model: type[BaseModel], parent: str, parent_id: uuid.UUID, *, ordered: bool = False
) -> list[dict[str, str]]:
    """The child rows as a snapshot keeps them: ``[{"id": row id, "member": member id}, …]``."""
    query = model.select().where(model._meta.fields[parent] == parent_id)
    query = query.order_by(model.position, model.id) if ordered else query.order_by(model.id)
    return [{"id": str(row.id), "member": str(row.member_id)} for row in query]


def member_ids_of(rows: Iterable[Mapping[str, Any]]) -> list[uuid.UUID]:
    """The member ids of snapshot rows, in order."""
    return [uuid.UUID(str(row["member"])) for row in rows]


# -- surveys --------------------------------------------------------------------------------------

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
        out["participants"] = clean_member_rows(
            ledger, c, "participants", values.get("participants"), required=True
        )
        c.finish()
        return out

    def summary(self, record: Survey) -> str:
        return (
            f"{record.date.isoformat()} {vocab.label('survey_kind', record.kind)} {record.visited}"
        )

    def snapshot_children(self, record: Survey) -> dict[str, Any]:
        return {"participants": snapshot_member_rows(SurveyParticipant, "survey", record.id)}

    def write_children(self, ledger: Ledger, record: Survey, cleaned: Mapping[str, Any]) -> None:
        write_member_rows(SurveyParticipant, "survey", record.id, cleaned["participants"])

    # -- queries -----------------------------------------------------------------------------------
    def between(
        self,
        ledger: Ledger,
        start: datetime.date,
        end: datetime.date,
        *,
        kind: str | None = None,
    ) -> list[Survey]:
        """The group's surveys dated from ``start`` to ``end`` (both included), oldest first."""
        query = self.query(ledger).where((Survey.date >= start) & (Survey.date <= end))
        if kind is not None:
            query = query.where(Survey.kind == kind)
        return list(query.order_by(Survey.date, Survey.id))

    def of_member(
        self, ledger: Ledger, member_id: Any, start: datetime.date, end: datetime.date
    ) -> list[Survey]:
        """The surveys a member took part in from ``start`` to ``end`` (both included), oldest first."""
        query = (
            self.query(ledger)
            .join(SurveyParticipant)
            .where(
                (SurveyParticipant.member == member_id)
                & (Survey.date >= start)
                & (Survey.date <= end)
            )
        )
        return list(query.order_by(Survey.date, Survey.id))

    def participant_ids(self, survey_id: Any) -> list[uuid.UUID]:
        """The members who took part in a survey, in the group's member order."""
        query = (
            SurveyParticipant.select(SurveyParticipant.member)
            .join(Member)
            .where(SurveyParticipant.survey == survey_id)
            .order_by(Member.sort_order, Member.name, Member.id)
        )
        return [row.member_id for row in query]


surveys = SurveyService()
