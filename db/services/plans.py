"""The group's year plan (年度计划): a plan per group and year, its measures, and the manual ticks of
measures that no record shows — validation, history and recycle bin as for every record.

A measure says whom it binds (each member, or the group), its period (each week, each month, the
year, the whole term) and its count, and what counts toward it: records of a kind (surveys,
highlights, research reports, awarded reports, study sessions, bulletin issues, achievements),
narrowed by ``filter`` to one survey, session or achievement kind, or the secretary's own ticks.
Progress is counted in one place, db.queries.plan.

A year without a stored plan is counted by BASIC_MEASURES, the three rules the program always knew
(surveys per member per week, highlights per member per month, collective meetings per month); they
are also what Settings' 考核目标 edits (``set_targets``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from db.common import errors
from db.common.messages import define
from db.rules import vocab
from db.services.base import MSG_UNKNOWN_MEMBER, RecordService, require_group
from db.services.fields import BAD_CHOICE, BAD_REFERENCE, parse_date
from db.store.ledger import Ledger
from db.store.models import Member, Plan, PlanMeasure, PlanTick

PL = {
    "year": define("field.plan.year", zh="年度", en="Year"),
    "title": define("field.plan.title", zh="计划名称", en="Title"),
    "notes": define("field.plan.notes", zh="备注", en="Notes"),
}
ML = {
    "plan": define("field.measure.plan", zh="年度计划", en="Plan"),
    "position": define("field.measure.position", zh="序号", en="No."),
    "wording": define("field.measure.wording", zh="措施", en="Measure"),
    "binds": define("field.measure.binds", zh="对象", en="Binds"),
    "period": define("field.measure.period", zh="周期", en="Period"),
    "count": define("field.measure.count", zh="次数", en="Count"),
    "source": define("field.measure.source", zh="计入", en="Counted from"),
    "filter": define("field.measure.filter", zh="类型", en="Kind"),
    "notes": define("field.measure.notes", zh="备注", en="Notes"),
}
TL = {
    "measure": define("field.tick.measure", zh="措施", en="Measure"),
    "member": define("field.tick.member", zh="成员", en="Member"),
    "date": define("field.tick.date", zh="日期", en="Date"),
    "note": define("field.tick.note", zh="说明", en="Note"),
}

MSG_YEAR_RANGE = define(
    "plan.year_range",
    zh="年度：须为 {first} 到 {last} 之间的年份",
    en="Year: a year from {first} to {last}",
)
MSG_YEAR_TAKEN = define(
    "plan.year_taken",
    zh="年度：{year}年已经有年度计划了（{title}）",
    en="Year: there is already a plan for {year} ({title})",
)
MSG_PLAN_HAS_MEASURES = define(
    "plan.has_measures",
    zh="这份年度计划还有 {count} 项措施，请先删除这些措施。",
    en="This plan still has {count} measures; delete them first.",
)
MSG_COUNT_RANGE = define(
    "plan.count_range",
    zh="次数：须为 0 到 {max} 之间的整数",
    en="Count: a whole number from 0 to {max}",
)
MSG_NO_FILTER = define(
    "plan.no_filter",
    zh="类型：“{source}”不分类型，请留空",
    en="Kind: “{source}” has no kinds; leave it empty",
)
MSG_GROUP_ONLY = define(
    "plan.group_only",
    zh="对象：信息动态由工作组编发，只能按工作组计",
    en="Binds: bulletin issues are the group's, so the measure binds the group",
)
MSG_NOT_MANUAL = define(
    "plan.not_manual",
    zh="措施：“{wording}”按记录计数，不能手动勾选",
    en="Measure: “{wording}” is counted from the records and cannot be ticked by hand",
)
MSG_TICK_MEMBER = define(
    "plan.tick_member",
    zh="成员：“{wording}”是每人的措施，请选择成员",
    en="Member: “{wording}” binds each member; choose the member",
)
MSG_TICK_NO_MEMBER = define(
    "plan.tick_no_member",
    zh="成员：“{wording}”是工作组的措施，不按成员勾选",
    en="Member: “{wording}” binds the group; it is not ticked per member",
)
MSG_PLAN_EXISTS = define(
    "plan.exists",
    zh="{year}年已经有年度计划（{title}，{count} 项措施），未再建立。",
    en="{year} already has a plan ({title}, {count} measures); nothing was added.",
)

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_COUNT = 1000
# What narrows each source, as the vocabulary kind of its filter (None: the source has no kinds).
FILTER_KINDS: Mapping[str, str | None] = {
    "survey": "survey_kind",
    "highlight": "highlight_category",
    "report": None,
    "awarded_report": "award_level",
    "session": "session_kind",
    "bulletin": None,
    "achievement": "achievement_kind",
    "manual": None,
}


@dataclass(frozen=True)
class MeasureSpec:
    """A measure as data: a stored one (``id`` set) or one of a plan not yet stored."""

    wording: str
    binds: str
    period: str
    source: str
    filter: str = ""
    count: int = 1
    notes: str = ""
    id: uuid.UUID | None = None
    position: int = 0

    def values(self) -> dict[str, Any]:
        return {
            "wording": self.wording,
            "binds": self.binds,
            "period": self.period,
            "count": self.count,
            "source": self.source,
            "filter": self.filter,
            "notes": self.notes,
        }


# The targets matrix's three measures: which (binds, period, source, filter) each is.
SURVEYS_KEY = ("member", "week", "survey")
HIGHLIGHTS_KEY = ("member", "month", "highlight")
MEETINGS_KEY = ("group", "month", "session")

BASIC_MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec("每人每周一次实践调研", "member", "week", "survey"),
    MeasureSpec("每人每月总结一个亮点", "member", "month", "highlight"),
    MeasureSpec("每月开展一次学习交流会", "group", "month", "session", "collective"),
)
BASIC_TITLE = "年度计划"
STARTING_TITLE = "细化措施二十条"

_SURVEY_NOTE = "计入各类调研走访；只计实践调研的，把“类型”改为实践调研"
# The starting plan: the group's "细化措施二十条" of SPEC §1 (the first thirteen are the group's own
# words; the last seven are measures such groups commonly add), each mapped to what counts for it.
STARTING_PLAN: tuple[MeasureSpec, ...] = (
    MeasureSpec("明确一个工作思路", "group", "term", "manual", notes="工作思路印发后勾选"),
    MeasureSpec("建立一个工作台账", "group", "term", "manual", notes="台账建立后勾选"),
    MeasureSpec("组织一场推介活动", "group", "term", "achievement", "promotion_event"),
    MeasureSpec("落地一个合作项目", "group", "term", "achievement", "project_signed"),
    MeasureSpec("转化一个调研成果", "group", "term", "manual", notes="调研成果被采纳、转化时勾选"),
    MeasureSpec("用好商会平台", "group", "year", "manual", notes="借助商会平台开展活动时勾选"),
    MeasureSpec("每月开展一次学习交流会", "group", "month", "session", "collective"),
    MeasureSpec("每月编发一期信息动态", "group", "month", "bulletin"),
    MeasureSpec("每人完成一篇调研报告", "member", "year", "report"),
    MeasureSpec(
        "每人建立一本工作日志", "member", "month", "manual", notes="每月检查工作日志后勾选"
    ),
    MeasureSpec("每人每月总结一个亮点", "member", "month", "highlight"),
    MeasureSpec("每人每周一次实践调研", "member", "week", "survey", notes=_SURVEY_NOTE),
    MeasureSpec("坚守一条工作红线", "group", "month", "manual", notes="每月确认无违规后勾选"),
    MeasureSpec("每月开展一次党小组学习", "group", "month", "session", "party_group"),
    MeasureSpec("每月开展一次主题党日", "group", "month", "session", "party_day"),
    MeasureSpec("每人参加一次专题培训", "member", "year", "session", "training"),
    MeasureSpec("接待一批交流团组", "group", "term", "achievement", "delegation"),
    MeasureSpec("推出一批宣传报道", "group", "year", "achievement", "publicity", count=4),
    MeasureSpec("争创一项优秀调研成果", "group", "term", "awarded_report"),
    MeasureSpec("编印一本制度汇编", "group", "term", "manual", notes="制度汇编印发后勾选"),
)


def measure_key(spec: Any) -> tuple[str, str, str]:
    return (spec.binds, spec.period, spec.source)


def is_matrix_measure(spec: Any, key: tuple[str, str, str]) -> bool:
    """Whether a measure is the targets matrix's measure ``key`` (its meetings: collective ones)."""
    if measure_key(spec) != key:
        return False
    return key != MEETINGS_KEY or spec.filter == "collective"


# -- the plan -------------------------------------------------------------------------------------


class PlanService(RecordService[Plan]):
    kind = "plan"
    model = Plan
    noun = define("kind.plan", zh="年度计划", en="year plan")
    labels = PL

    def clean(self, ledger: Ledger, values: Mapping[str, Any], current: Plan | None) -> dict:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "year": c.integer("year", required=True),
            "title": c.text("title", required=True, max_length=100),
            "notes": c.text("notes", max_length=2000),
        }
        year = out["year"]
        if year is not None and not c.has_error("year"):
            if not FIRST_YEAR <= year <= LAST_YEAR:
                c.fail("year", MSG_YEAR_RANGE(first=FIRST_YEAR, last=LAST_YEAR))
            else:
                other = plan_of_year(ledger, year)
                if other is not None and (current is None or other.id != current.id):
                    c.fail("year", MSG_YEAR_TAKEN(year=year, title=other.title))
        c.finish()
        return out

    def summary(self, record: Plan) -> str:
        return f"{record.year}年 {record.title}"

    def check_delete(self, ledger: Ledger, record: Plan) -> None:
        count = PlanMeasure.select().where(PlanMeasure.plan == record.id).count()
        if count:
            raise errors.ActionRefusedError(MSG_PLAN_HAS_MEASURES(count=count))


# -- its measures ---------------------------------------------------------------------------------


class PlanMeasureService(RecordService[PlanMeasure]):
    kind = "plan_measure"
    model = PlanMeasure
    noun = define("kind.plan_measure", zh="计划措施", en="plan measure")
    labels = ML

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: PlanMeasure | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "plan": c.uuid("plan", required=True),
            "position": c.integer("position"),
            "wording": c.text("wording", required=True, max_length=300),
            "binds": c.choice("binds", "plan_binds", required=True),
            "period": c.choice("period", "plan_period", required=True),
            "count": c.integer("count"),
            "source": c.choice("source", "plan_source", required=True),
            "filter": "",
            "notes": c.text("notes", max_length=2000),
        }
        if out["plan"] is not None and not c.has_error("plan"):
            plan = Plan.get_or_none(
                (Plan.id == out["plan"]) & (Plan.group == require_group(ledger))
            )
            if plan is None:
                c.fail("plan", BAD_REFERENCE(label=c.label("plan"), value=str(out["plan"])))
        if out["count"] is None and not c.has_error("count"):
            out["count"] = 1
        elif out["count"] is not None and out["count"] > MAX_COUNT:
            c.fail("count", MSG_COUNT_RANGE(max=MAX_COUNT))
        if out["position"] is None:
            out["position"] = current.position if current is not None else self._next_position(out)
        source = out["source"]
        raw_filter = values.get("filter")
        raw_filter = str(raw_filter).strip() if raw_filter is not None else ""
        if source and raw_filter:
            kind = FILTER_KINDS.get(source)
            if kind is None:
                c.fail("filter", MSG_NO_FILTER(source=vocab.label_message("plan_source", source)))
            else:
                code = vocab.code_for(kind, raw_filter)
                if code is None:
                    choices = "、".join(vocab.label(kind, x) for x in vocab.codes(kind))
                    c.fail(
                        "filter",
                        BAD_CHOICE(label=c.label("filter"), value=raw_filter, choices=choices),
                    )
                else:
                    out["filter"] = code
        if source == "bulletin" and out["binds"] == "member":
            c.fail("binds", MSG_GROUP_ONLY())
        ticks = values.get("ticks")
        out["ticks"] = list(ticks) if isinstance(ticks, list | tuple) else None
        c.finish()
        return out

    def _next_position(self, out: Mapping[str, Any]) -> int:
        if out["plan"] is None:
            return 0
        last = (
            PlanMeasure.select(PlanMeasure.position)
            .where(PlanMeasure.plan == out["plan"])
            .order_by(PlanMeasure.position.desc())
            .first()
        )
        return last.position + 1 if last is not None else 0

    def summary(self, record: PlanMeasure) -> str:
        return record.wording

    def snapshot_children(self, record: PlanMeasure) -> dict[str, Any]:
        # The ticks go to the recycle bin with their measure, and come back with it.
        ticks = PlanTick.select().where(PlanTick.measure == record.id).order_by(PlanTick.date)
        return {
            "ticks": [
                {
                    "id": str(t.id),
                    "member": str(t.member_id) if t.member_id else None,
                    "date": t.date.isoformat(),
                    "note": t.note,
                }
                for t in ticks
            ]
        }

    def write_children(
        self, ledger: Ledger, record: PlanMeasure, cleaned: Mapping[str, Any]
    ) -> None:
        """A restore brings the measure's ticks back (those not there already, and only those of
        members still in the group); a save from a form leaves the ticks as they are."""
        wanted = cleaned.get("ticks")
        if not wanted:
            return
        have = {
            t for (t,) in PlanTick.select(PlanTick.id).where(PlanTick.measure == record.id).tuples()
        }
        known = {
            m for (m,) in Member.select(Member.id).where(Member.group == record.group_id).tuples()
        }
        for tick in wanted:
            tick_id = uuid.UUID(str(tick["id"]))
            member = uuid.UUID(str(tick["member"])) if tick.get("member") else None
            if tick_id in have or (member is not None and member not in known):
                continue
            PlanTick.create(
                id=tick_id,
                group=record.group_id,
                measure=record.id,
                member=member,
                date=parse_date(tick["date"]),
                note=str(tick.get("note") or "")[:300],
            )


# -- manual ticks -----------------------------------------------------------------------------------


class PlanTickService(RecordService[PlanTick]):
    kind = "plan_tick"
    model = PlanTick
    noun = define("kind.plan_tick", zh="计划勾选", en="plan tick")
    labels = TL

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: PlanTick | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "measure": c.uuid("measure", required=True),
            "member": c.uuid("member"),
            "date": c.date("date", required=True),
            "note": c.text("note", max_length=300),
        }
        group = require_group(ledger)
        measure = None
        if out["measure"] is not None and not c.has_error("measure"):
            measure = PlanMeasure.get_or_none(
                (PlanMeasure.id == out["measure"]) & (PlanMeasure.group == group)
            )
            if measure is None:
                c.fail(
                    "measure", BAD_REFERENCE(label=c.label("measure"), value=str(out["measure"]))
                )
            elif measure.source != "manual":
                c.fail("measure", MSG_NOT_MANUAL(wording=measure.wording))
        if (
            out["member"] is not None
            and not c.has_error("member")
            and (
                not Member.select()
                .where((Member.id == out["member"]) & (Member.group == group))
                .exists()
            )
        ):
            c.fail(
                "member",
                MSG_UNKNOWN_MEMBER(label=c.label("member"), value=str(out["member"])),
            )
        if measure is not None and measure.source == "manual":
            if measure.binds == "member" and out["member"] is None and not c.has_error("member"):
                c.fail("member", MSG_TICK_MEMBER(wording=measure.wording))
            if measure.binds == "group" and out["member"] is not None:
                c.fail("member", MSG_TICK_NO_MEMBER(wording=measure.wording))
        c.finish()
        return out

    def summary(self, record: PlanTick) -> str:
        measure = PlanMeasure.get_or_none(PlanMeasure.id == record.measure_id)
        who = ""
        if record.member_id is not None:
            member = Member.get_or_none(Member.id == record.member_id)
            who = f" {member.name}" if member is not None else ""
        wording = measure.wording if measure is not None else ""
        return f"{record.date.isoformat()} {wording}{who} {record.note}".strip()


plans = PlanService()
measures = PlanMeasureService()
ticks = PlanTickService()


# -- reading and taking plans -----------------------------------------------------------------------


def plan_of_year(ledger: Ledger, year: int) -> Plan | None:
    return Plan.get_or_none((Plan.group == require_group(ledger)) & (Plan.year == year))


def measures_of(plan: Plan | Any) -> list[PlanMeasure]:
    plan_id = plan.id if hasattr(plan, "id") else plan
    return list(
        PlanMeasure.select()
        .where(PlanMeasure.plan == plan_id)
        .order_by(PlanMeasure.position, PlanMeasure.id)
    )


def specs_of_year(ledger: Ledger, year: int) -> tuple[str, tuple[MeasureSpec, ...], bool]:
    """The title and measures that count for a year, and whether they are a stored plan (else the
    three basic measures)."""
    plan = plan_of_year(ledger, year)
    if plan is None:
        return BASIC_TITLE, BASIC_MEASURES, False
    return (
        plan.title,
        tuple(
            MeasureSpec(
                wording=m.wording,
                binds=m.binds,
                period=m.period,
                source=m.source,
                filter=m.filter,
                count=m.count,
                notes=m.notes,
                id=m.id,
                position=m.position,
            )
            for m in measures_of(plan)
        ),
        True,
    )


def take_plan(
    ledger: Ledger, year: int, specs: Sequence[MeasureSpec], title: str = STARTING_TITLE
) -> Plan:
    """Store a plan of ``specs`` for the year (the starting plan by default), all or nothing.

    A year whose plan has no measure yet gets them; a year whose plan has measures is refused."""
    with ledger.transaction():
        plan = plan_of_year(ledger, year)
        if plan is not None:
            count = PlanMeasure.select().where(PlanMeasure.plan == plan.id).count()
            if count:
                raise errors.ActionRefusedError(
                    MSG_PLAN_EXISTS(year=year, title=plan.title, count=count)
                )
        else:
            plan = plans.save(ledger, {"year": year, "title": title})
        for position, spec in enumerate(specs):
            measures.save(ledger, {**spec.values(), "plan": plan.id, "position": position})
        return plan


def take_starting_plan(ledger: Ledger, year: int) -> Plan:
    return take_plan(ledger, year, STARTING_PLAN)


TARGET_KEYS = {
    "surveys_per_week": SURVEYS_KEY,
    "highlights_per_month": HIGHLIGHTS_KEY,
    "collective_meetings_per_month": MEETINGS_KEY,
}


def targets_of_year(ledger: Ledger, year: int) -> dict[str, int]:
    """The counts of the targets matrix's three measures in a year's plan (0: the plan has none)."""
    _title, specs, _stored = specs_of_year(ledger, year)
    out = {}
    for name, key in TARGET_KEYS.items():
        found = next((s for s in specs if is_matrix_measure(s, key)), None)
        out[name] = found.count if found is not None else 0
    return out


def set_targets(ledger: Ledger, year: int, counts: Mapping[str, Any]) -> dict[str, int]:
    """Settings' 考核目标: the counts of the year plan's three matrix measures (the plan and the
    measures are made from BASIC_MEASURES where missing)."""
    with ledger.transaction():
        plan = plan_of_year(ledger, year)
        if plan is None:
            plan = take_plan(ledger, year, BASIC_MEASURES, BASIC_TITLE)
        stored = measures_of(plan)
        for (name, key), basic in zip(TARGET_KEYS.items(), BASIC_MEASURES, strict=True):
            if name not in counts:
                continue
            found = next((m for m in stored if is_matrix_measure(m, key)), None)
            values = {"count": counts[name]}
            if found is None:
                measures.save(ledger, {**basic.values(), **values, "plan": plan.id})
            else:
                measures.save(
                    ledger,
                    {**measures.snapshot(found), **values, "plan": plan.id},
                    record_id=found.id,
                )
        return targets_of_year(ledger, year)
