"""Merging a group's own file into another ledger — the team's server or a file — by identity (SPEC §5,
issue 12): a group works offline on its laptop and publishes to the team each month.

Every record has a UUID, so the two sides are matched by id. What the last merge saw of each record
on each side is kept in the target (MergeState: a fingerprint per side, per source), so that the
next merge tells a record changed on one side only — which takes the changed version — from one
changed on both, which is left for the user to choose (``resolutions``: record id -> SOURCE or
TARGET). New records are inserted with their children, deletions are carried into the target's
recycle bin, the source's history comes along (each entry once, by its id). All of it is one
transaction of the target; a second merge of the same file changes nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import decimal
import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from db.common import errors
from db.common.messages import Message, define
from db.services import (  # noqa: F401 - each registers its service (summaries, labels, snapshots)
    achievements,
    bulletins,
    groups,
    highlights,
    leave,
    members,
    plans,
    reports,
    sessions,
    spotchecks,
    surveys,
)
from db.services.base import dumps, now, service_for
from db.store.database import open_database
from db.store.ledger import Ledger, is_server_url, translate_errors
from db.store.models import (
    Achievement,
    AchievementMember,
    Attendance,
    BaseModel,
    BulletinIssue,
    ChangeLog,
    Highlight,
    LeaveRequest,
    Member,
    MergeState,
    PartyGroup,
    PartyGroupLeader,
    Plan,
    PlanMeasure,
    PlanTick,
    Record,
    RecycleBin,
    ReportAuthor,
    ResearchReport,
    SpotCheck,
    SpotCheckResult,
    StudySession,
    Survey,
    SurveyParticipant,
    WorkGroup,
)

SOURCE = "source"  # a conflict resolved by taking the source's version (采用来源)
TARGET = "target"  # … by keeping the target's (保留本库)

# Why a record is in conflict.
BOTH_CHANGED = "both_changed"
DELETED_HERE = "deleted_here"  # deleted in the target, changed in the source
DELETED_THERE = "deleted_there"  # changed in the target, deleted in the source
NO_BASE = "no_base"  # on both sides, different, and never merged before

_BIN = "recycle_bin"  # MergeState.kind of a recycle-bin entry already carried
_BATCH = 500

MSG_SOURCE_IS_TARGET = define(
    "merge.source_is_target",
    zh="要合并的文件就是当前数据库本身：{path}",
    en="The file to merge is the open database itself: {path}",
)
MSG_SOURCE_EMPTY = define(
    "merge.source_empty",
    zh="要合并的文件里没有工作组：{path}",
    en="The file to merge holds no work group: {path}",
)
MSG_SAME_NAME = define(
    "merge.same_name",
    zh="本库中已有名为“{name}”的工作组，但它不是文件中的这个组（两者编号不同，例如服务器上由管理员另行添加）。"
    "若要把文件并入这个组，请加 --group {name}；在窗口中，先切换到这个工作组再合并。",
    en="This database already has a work group named “{name}”, but not the file's (their ids "
    "differ, e.g. the administrator added it on the server). To merge the file into that group, "
    "add --group {name} (in the window: switch to that group, then merge).",
)
MSG_SOURCE_SEVERAL = define(
    "merge.source_several",
    zh="要合并的文件里有 {count} 个工作组；合并只接受一个工作组的文件：{path}",
    en="The file to merge holds {count} work groups; a merge takes the file of one group: {path}",
)
MSG_CLASH = define(
    "merge.clash",
    zh="未能合并，什么也没有写入：来源中的{kind}“{summary}”与本库中另一条记录重复（{detail}）。"
    "请在其中一方修改或删除后再合并。",
    en="Nothing was merged: the source's {kind} “{summary}” duplicates another record of this "
    "database ({detail}). Change or delete one of them, then merge again.",
)
MSG_STILL_USED = define(
    "merge.still_used",
    zh="未能合并，什么也没有写入：来源中已删除的{kind}“{summary}”在本库中仍被其他记录使用。"
    "请先在本库中处理那些记录。",
    en="Nothing was merged: the {kind} “{summary}”, deleted in the source, is still used by other "
    "records of this database. Deal with those records first.",
)
MSG_CHANGED_MEANWHILE = define(
    "merge.changed_meanwhile",
    zh="未能合并，什么也没有写入：本库中的{kind}“{summary}”在合并期间被修改了。请再合并一次。",
    en="Nothing was merged: the {kind} “{summary}” of this database was changed during the merge. "
    "Merge again.",
)
MSG_UNKNOWN_CHOICE = define(
    "merge.unknown_choice",
    zh="没有编号为 {record_id} 的冲突记录",
    en="There is no record in conflict with the id {record_id}",
)
MSG_SUMMARY = define(
    "merge.summary",
    zh="合并 {path}：新增 {added} 条，更新 {updated} 条，删除 {deleted} 条，冲突 {conflicts} 条；"
    "带入历史记录 {history} 条。",
    en="Merged {path}: {added} added, {updated} updated, {deleted} deleted, {conflicts} in conflict; "
    "{history} history entries brought in.",
)
MSG_SUMMARY_DRY = define(
    "merge.summary_dry",
    zh="试合并 {path}（未写入）：将新增 {added} 条，更新 {updated} 条，删除 {deleted} 条，"
    "冲突 {conflicts} 条；将带入历史记录 {history} 条。",
    en="Trial merge of {path} (nothing written): {added} to add, {updated} to update, {deleted} "
    "to delete, {conflicts} in conflict; {history} history entries to bring in.",
)
MSG_REASON = {
    BOTH_CHANGED: define(
        "merge.reason.both_changed",
        zh="上次合并后两边都修改过",
        en="changed on both sides since the last merge",
    ),
    DELETED_HERE: define(
        "merge.reason.deleted_here",
        zh="本库已删除，来源又修改过",
        en="deleted here, changed in the source",
    ),
    DELETED_THERE: define(
        "merge.reason.deleted_there",
        zh="来源已删除，本库又修改过",
        en="deleted in the source, changed here",
    ),
    NO_BASE: define(
        "merge.reason.no_base",
        zh="两边都有而内容不同，且从未合并过",
        en="on both sides with different content, never merged before",
    ),
}
MSG_CONFLICT_LINE = define(
    "merge.conflict_line",
    zh="冲突：{kind}“{summary}”（{reason}），编号 {record_id}",
    en="Conflict: {kind} “{summary}” ({reason}), id {record_id}",
)
MSG_CONFLICT_TITLE = define(
    "merge.conflict_title",
    zh="{kind}：{summary}（{reason}）",
    en="{kind}: {summary} ({reason})",
)
MSG_DIFFERENCE_LINE = define(
    "merge.difference_line",
    zh="    {label}：本库 {target} ｜ 来源 {source}",
    en="    {label}: here {target} | source {source}",
)
MSG_ABSENT = define("merge.absent", zh="（已删除）", en="(deleted)")
MSG_EMPTY_VALUE = define("merge.empty_value", zh="（空）", en="(empty)")
MSG_YES = define("merge.yes", zh="是", en="yes")
MSG_NO = define("merge.no", zh="否", en="no")


# -- what is merged -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Child:
    name: str  # its name in the record's content
    model: type[BaseModel]
    parent: str  # the field naming the parent record


@dataclass(frozen=True)
class _Kind:
    kind: str  # the service's kind
    model: type[Record]
    children: tuple[_Child, ...] = ()


# Parents before what refers to them: inserted in this order, deleted in the reverse one.
KINDS: tuple[_Kind, ...] = (
    _Kind("work_group", WorkGroup),
    _Kind("party_group", PartyGroup, (_Child("leader", PartyGroupLeader, "party_group"),)),
    _Kind("member", Member),
    _Kind("report", ResearchReport, (_Child("authors", ReportAuthor, "report"),)),
    _Kind("session", StudySession, (_Child("attendance", Attendance, "session"),)),
    _Kind("leave", LeaveRequest),
    _Kind("spotcheck", SpotCheck, (_Child("results", SpotCheckResult, "check"),)),
    _Kind("survey", Survey, (_Child("participants", SurveyParticipant, "survey"),)),
    _Kind("highlight", Highlight),
    _Kind("achievement", Achievement, (_Child("members", AchievementMember, "achievement"),)),
    _Kind("bulletin", BulletinIssue),
    _Kind("plan", Plan),
    _Kind("plan_measure", PlanMeasure),
    _Kind("plan_tick", PlanTick),
)
_BY_KIND = {k.kind: k for k in KINDS}
_BY_MODEL = {k.model: k for k in KINDS}
_META = ("id", "version", "created_at", "updated_at")


def _canon(value: Any) -> Any:
    """A value as the fingerprint sees it: the same on SQLite and PostgreSQL (1 and 1.0 alike)."""
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return value


@dataclass
class _Row:
    kind: _Kind
    fields: dict[str, Any]  # by field name, as the model reads them (foreign keys as ids)
    children: dict[str, list[dict[str, Any]]]
    content: dict[str, Any] = field(default_factory=dict)
    digest: str = ""

    def __post_init__(self) -> None:
        content = {k: _canon(v) for k, v in self.fields.items() if k not in _META}
        for child in self.kind.children:
            rows = [
                {k: _canon(v) for k, v in row.items() if k not in ("id", child.parent)}
                for row in self.children.get(child.name, [])
            ]
            content[child.name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
        self.content = content
        text = json.dumps(content, sort_keys=True, ensure_ascii=False)
        self.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> uuid.UUID:
        return self.fields["id"]

    @property
    def version(self) -> int:
        return self.fields["version"]


def _read_side(db: peewee.Database, group_id: uuid.UUID) -> dict[uuid.UUID, _Row]:
    """Every record of the group on one side, with its children, by id."""
    rows: dict[uuid.UUID, _Row] = {}
    for kind in KINDS:
        model = kind.model
        where = model.id == group_id if model is WorkGroup else model.group == group_id
        children: dict[str, dict[uuid.UUID, list[dict[str, Any]]]] = {}
        for child in kind.children:
            link = getattr(child.model, child.parent)
            query = (
                child.model.select(child.model)
                .join(model, on=(link == model.id))
                .where(where)
                .bind(db)
                .dicts()
            )
            by_parent: dict[uuid.UUID, list[dict[str, Any]]] = {}
            for row in query:
                by_parent.setdefault(row[child.parent], []).append(row)
            children[child.name] = by_parent
        for row in model.select().where(where).bind(db).dicts():
            rid = row["id"]
            kids = {name: by.get(rid, []) for name, by in children.items()}
            rows[rid] = _Row(kind, dict(row), kids)
    return rows


# -- what a merge found and did -------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    label: Message | str
    target: Message | str
    source: Message | str


@dataclass(frozen=True)
class Conflict:
    """A record the user must decide on: both versions, field by field."""

    kind: str
    record_id: uuid.UUID
    summary: str
    reason: str
    differences: tuple[Difference, ...]

    def noun(self) -> Message:
        return service_for(self.kind).noun()

    def title(self, lang: str | None = None) -> str:
        return MSG_CONFLICT_TITLE(
            kind=self.noun(), summary=self.summary, reason=MSG_REASON[self.reason]()
        ).text(lang)

    def lines(self, lang: str | None = None) -> list[str]:
        head = MSG_CONFLICT_LINE(
            kind=self.noun(),
            summary=self.summary,
            reason=MSG_REASON[self.reason](),
            record_id=str(self.record_id),
        ).text(lang)
        return [head] + [
            MSG_DIFFERENCE_LINE(label=d.label, target=d.target, source=d.source).text(lang)
            for d in self.differences
        ]


@dataclass(frozen=True)
class Change:
    kind: str
    record_id: uuid.UUID


@dataclass
class MergeResult:
    source: str  # the source file, as shown
    group_id: uuid.UUID
    applied: bool  # False for a trial (dry_run)
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    deleted: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    history: int = 0  # history entries brought in

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.history)

    def summary(self) -> Message:
        message = MSG_SUMMARY if self.applied else MSG_SUMMARY_DRY
        return message(
            path=self.source,
            added=len(self.added),
            updated=len(self.updated),
            deleted=len(self.deleted),
            conflicts=len(self.conflicts),
            history=self.history,
        )


# -- the merge ------------------------------------------------------------------------------------


def merge_file(
    target: Ledger,
    source: str | os.PathLike[str],
    *,
    resolutions: Mapping[Any, str] | None = None,
    dry_run: bool = False,
    into: uuid.UUID | None = None,
    into_current: bool = False,
) -> MergeResult:
    """Merge the group's file ``source`` (a SQLite file, or a server's URL) into ``target``.

    Conflicts not named in ``resolutions`` are left as they are and listed in the result; a trial
    (``dry_run``) writes nothing and says what a merge would do. ``into``: a group of the target
    the file's records go into although its identity is another (the administrator added the
    group on the server before the group's own file came); the target keeps its own profile of the
    group. Without it, a group of the same name but another identity in the target is refused,
    rather than a second group of that name made; ``into_current`` (the window) takes the target's
    current group as ``into`` when it bears the file's group's name."""
    where = str(source) if is_server_url(str(source)) else str(Path(source).expanduser().absolute())
    if target.path is not None and not is_server_url(where) and Path(where) == target.path:
        raise errors.ActionRefusedError(MSG_SOURCE_IS_TARGET(path=where))
    # Read-only: the group's file is never written, takes no lock, and may be open in its window;
    # unbound, so that the models stay on the target (the window's threads read it meanwhile).
    with open_database(source, read_only=True, backup=False, bind=False) as src:
        with translate_errors(src), src.db.atomic():  # one snapshot of the whole file
            group_id = _source_group(src)
            side = _read_side(src.db, group_id)
            history = list(ChangeLog.select().where(_history_of(group_id)).bind(src.db).dicts())
            binned = list(
                RecycleBin.select().where(RecycleBin.group == group_id).bind(src.db).dicts()
            )
        shown = src.display_name
    name = side[group_id].fields["name"]
    with translate_errors(target):  # the target's groups of that name but another identity
        namesakes = [
            other
            for (other,) in WorkGroup.select(WorkGroup.id)
            .where(WorkGroup.name == name)
            .bind(target.db)
            .tuples()
            if other != group_id
        ]
    if into is None and into_current and target.group_id in namesakes:
        into = target.group_id
    if into is None and namesakes:
        raise errors.ActionRefusedError(MSG_SAME_NAME(name=name))
    if into is not None and into != group_id:
        side, history, binned = _moved(group_id, into, side, history, binned)
        group_id = into
    choices: dict[uuid.UUID, str] = {}
    for key, side_chosen in (resolutions or {}).items():
        try:
            choices[key if isinstance(key, uuid.UUID) else uuid.UUID(str(key).strip())] = (
                side_chosen
            )
        except ValueError:
            raise errors.NotFoundError(MSG_UNKNOWN_CHOICE(record_id=str(key))) from None
    return _merge(target, shown, group_id, side, history, binned, choices, dry_run=dry_run)


def _moved(
    source: uuid.UUID,
    into: uuid.UUID,
    side: dict[uuid.UUID, _Row],
    history: list[dict[str, Any]],
    binned: list[dict[str, Any]],
) -> tuple[dict[uuid.UUID, _Row], list[dict[str, Any]], list[dict[str, Any]]]:
    """The file's records as records of the group ``into``: their group changed, the file's own
    profile of the group left out (the target's stays), its history and bin entries moved too."""

    def moved(row: dict[str, Any]) -> dict[str, Any]:
        row = dict(row)
        if row.get("group") == source:
            row["group"] = into
        if row.get("record_id") == source:
            row["record_id"] = into
        return row

    rows = {
        rid: dataclasses.replace(row, fields=moved(row.fields))
        for rid, row in side.items()
        if rid != source
    }
    return rows, [moved(r) for r in history], [moved(r) for r in binned]


def _history_of(group_id: uuid.UUID) -> peewee.Expression:
    # The group's own creation is written before the ledger works on it, without a group.
    return (ChangeLog.group == group_id) | (ChangeLog.record_id == group_id)


def _source_group(src: Ledger) -> uuid.UUID:
    ids = [row[0] for row in WorkGroup.select(WorkGroup.id).bind(src.db).tuples()]
    if not ids:
        raise errors.ActionRefusedError(MSG_SOURCE_EMPTY(path=src.display_name))
    if len(ids) > 1:
        raise errors.ActionRefusedError(MSG_SOURCE_SEVERAL(path=src.display_name, count=len(ids)))
    return ids[0]


# (kind, source fingerprint, target fingerprint, source version, target version) as the merge
# leaves a record; None: forget it (gone from both sides).
_State = tuple[str, str | None, str | None, int | None, int | None] | None


@dataclass
class _Plan:
    inserts: list[_Row] = field(default_factory=list)
    updates: list[tuple[_Row, _Row]] = field(default_factory=list)  # (source, target)
    deletes: list[_Row] = field(default_factory=list)  # the target's rows
    states: dict[uuid.UUID, _State] = field(default_factory=dict)

    def take_source(self, s: _Row | None, t: _Row | None) -> None:
        if s is not None and t is not None:
            self.updates.append((s, t))
            self.states[s.id] = (s.kind.kind, s.digest, s.digest, s.version, t.version + 1)
        elif s is not None:
            self.inserts.append(s)
            self.states[s.id] = (s.kind.kind, s.digest, s.digest, s.version, s.version)
        elif t is not None:
            self.deletes.append(t)
            self.states[t.id] = None

    def keep_target(self, s: _Row | None, t: _Row | None) -> None:
        row = s or t
        assert row is not None
        if s is None:  # deleted in the source: the target's record is its own from now on
            self.states[row.id] = None
        else:
            self.states[row.id] = (
                row.kind.kind,
                s.digest,
                t.digest if t is not None else None,
                s.version,
                t.version if t is not None else None,
            )


def _decide(s: _Row | None, t: _Row | None, b: MergeState | None, plan: _Plan) -> str | None:
    """What the merge does with one record (into ``plan``), or why it is in conflict."""
    if s is not None and t is not None:
        if s.digest == t.digest:
            if b is None or (b.source_hash, b.target_hash) != (s.digest, t.digest):
                plan.keep_target(s, t)
            return None
        if b is None:
            return NO_BASE
        source_changed = s.digest != b.source_hash
        target_changed = t.digest != b.target_hash
        if source_changed and not target_changed:
            plan.take_source(s, t)
            return None
        return BOTH_CHANGED if source_changed else None  # else: the target's change stands
    if s is not None:
        if b is None:
            plan.take_source(s, None)
            return None
        # In the target at the last merge (or kept out of it by choice), deleted there since.
        return DELETED_HERE if s.digest != b.source_hash else None
    if t is not None:
        if b is None or b.source_hash is None:
            return None  # the target's own record
        if t.digest == b.target_hash:
            plan.take_source(None, t)
            return None
        return DELETED_THERE
    if b is not None:
        plan.states[b.record_id] = None
    return None


@contextlib.contextmanager
def _writing(target: Ledger, dry_run: bool) -> Iterator[None]:
    if dry_run:
        with translate_errors(target), target.db.atomic():
            yield
    else:
        with target.transaction():
            yield


def _merge(
    target: Ledger,
    shown: str,
    group_id: uuid.UUID,
    side: dict[uuid.UUID, _Row],
    history: list[dict[str, Any]],
    binned: list[dict[str, Any]],
    choices: dict[uuid.UUID, str],
    *,
    dry_run: bool,
) -> MergeResult:
    source_key = str(group_id)
    result = MergeResult(source=shown, group_id=group_id, applied=not dry_run)
    with _writing(target, dry_run):
        here = _read_side(target.db, group_id)
        base = {
            s.record_id: s
            for s in MergeState.select().where(MergeState.source == source_key).bind(target.db)
        }
        plan = _Plan()
        conflicts: list[tuple[str, _Row | None, _Row | None]] = []
        seen: set[uuid.UUID] = set()
        for rid in [*side, *here, *base]:
            if rid in seen:
                continue
            seen.add(rid)
            s, t, b = side.get(rid), here.get(rid), base.get(rid)
            if b is not None and b.kind == _BIN:
                continue
            reason = _decide(s, t, b, plan)
            if reason is None:
                continue
            choice = choices.pop(rid, None)
            if choice == SOURCE:
                plan.take_source(s, t)
            elif choice == TARGET:
                plan.keep_target(s, t)
            else:
                conflicts.append((reason, s, t))
        if choices:
            raise errors.NotFoundError(MSG_UNKNOWN_CHOICE(record_id=str(next(iter(choices)))))
        names = {**side, **here}
        result.added = [Change(r.kind.kind, r.id) for r in plan.inserts]
        result.updated = [Change(s.kind.kind, s.id) for s, _t in plan.updates]
        result.deleted = [Change(t.kind.kind, t.id) for t in plan.deletes]
        result.conflicts = [_conflict(reason, s, t, names) for reason, s, t in conflicts]
        known = set(
            ChangeLog.select(ChangeLog.id).where(_history_of(group_id)).bind(target.db).tuples()
        )
        new_history = [row for row in history if (row["id"],) not in known]
        result.history = len(new_history)
        if not dry_run:
            _apply(target, source_key, group_id, plan, here, new_history, binned, base, names)
    if not dry_run and target.group_id is None:
        target.group_id = group_id  # a new database now holds the group it took in
    return result


# -- writing --------------------------------------------------------------------------------------

_ORDER = {k.kind: i for i, k in enumerate(KINDS)}


def _apply(
    target: Ledger,
    source_key: str,
    group_id: uuid.UUID,
    plan: _Plan,
    here: dict[uuid.UUID, _Row],
    history: list[dict[str, Any]],
    binned: list[dict[str, Any]],
    base: dict[uuid.UUID, MergeState],
    names: Mapping[uuid.UUID, _Row],
) -> None:
    stamp = now()
    written: list[_Row] = []
    for s in sorted(plan.inserts, key=lambda r: _ORDER[r.kind.kind]):
        with _clash(s, names):
            s.kind.model.insert(**s.fields).execute()
        written.append(s)
    for s, t in sorted(plan.updates, key=lambda p: _ORDER[p[0].kind.kind]):
        model = s.kind.model
        values = {k: v for k, v in s.fields.items() if k not in ("id", "version", "created_at")}
        with _clash(s, names):
            count = (
                model.update(version=t.version + 1, **values)
                .where((model.id == t.id) & (model.version == t.version))
                .execute()
            )
        if count != 1:  # the target's own lock rule: a record saved meanwhile is not overwritten
            raise errors.ConflictError(
                MSG_CHANGED_MEANWHILE(kind=_noun(t), summary=_describe(t, names))
            )
        written.append(s)
    # Children once every parent (and every member a child names) is in place.
    for s in written:
        for child in s.kind.children:
            link = getattr(child.model, child.parent)
            child.model.delete().where(link == s.id).execute()
            rows = s.children.get(child.name, [])
            with _clash(s, names):
                for chunk in _chunks(rows):
                    child.model.insert_many(chunk).execute()

    source_bins: dict[uuid.UUID, dict[str, Any]] = {}
    for entry in sorted(binned, key=lambda e: e["deleted_at"]):
        source_bins[entry["record_id"]] = entry  # the latest deletion of each record
    target_bins = {row[0] for row in RecycleBin.select(RecycleBin.id).tuples()}
    carried: list[uuid.UUID] = []
    for t in sorted(plan.deletes, key=lambda r: _ORDER[r.kind.kind], reverse=True):
        entry = source_bins.get(t.id)
        if entry is not None:
            if entry["id"] not in target_bins:
                RecycleBin.insert(**entry).execute()
                target_bins.add(entry["id"])
            carried.append(entry["id"])
        else:  # purged in the source: the target's record goes into its own bin
            service = service_for(t.kind.kind)
            record = t.kind.model.get_by_id(t.id)
            RecycleBin.create(
                group=group_id,
                kind=t.kind.kind,
                record_id=t.id,
                summary=service.summary(record)[:300],
                payload=dumps(service.snapshot(record)),
                deleted_at=stamp,
                deleted_by=target.operator or "?",
            )
        try:
            with target.db.atomic():
                t.kind.model.delete().where(t.kind.model.id == t.id).execute()
        except peewee.IntegrityError:
            raise errors.ActionRefusedError(
                MSG_STILL_USED(kind=_noun(t), summary=_describe(t, names))
            ) from None

    # The source's recycle bin comes along for records the target no longer holds, once each.
    live = (set(here) - {t.id for t in plan.deletes}) | {s.id for s in plan.inserts}
    done_bins = {rid for rid, state in base.items() if state.kind == _BIN}
    for entry in binned:
        if (
            entry["id"] in done_bins
            or entry["id"] in target_bins
            or entry["record_id"] in live
            or entry["id"] in carried
        ):
            continue
        RecycleBin.insert(**entry).execute()
        target_bins.add(entry["id"])
        carried.append(entry["id"])
    inserted = [s.id for s in plan.inserts]
    for chunk in _chunks(inserted):  # a record back in the target is no longer in its bin
        RecycleBin.delete().where(RecycleBin.record_id.in_(chunk)).execute()

    for chunk in _chunks(history):
        ChangeLog.insert_many(chunk).execute()

    states = dict(plan.states)
    for bin_id in carried:
        if bin_id not in done_bins:
            states[bin_id] = (_BIN, None, None, None, None)
    for chunk in _chunks(list(states)):
        MergeState.delete().where(
            (MergeState.source == source_key) & MergeState.record_id.in_(chunk)
        ).execute()
    rows = [
        {
            "group": group_id,
            "source": source_key,
            "record_id": rid,
            "kind": state[0],
            "source_hash": state[1],
            "target_hash": state[2],
            "source_version": state[3],
            "target_version": state[4],
            "merged_at": stamp,
            "id": uuid.uuid4(),
        }
        for rid, state in states.items()
        if state is not None
    ]
    for chunk in _chunks(rows):
        MergeState.insert_many(chunk).execute()


@contextlib.contextmanager
def _clash(row: _Row, names: Mapping[uuid.UUID, _Row]) -> Iterator[None]:
    """A unique rule of the target broken by a source's record: the user's message (the whole
    transaction is rolled back by the caller)."""
    try:
        yield
    except peewee.IntegrityError as exc:
        detail = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise errors.ActionRefusedError(
            MSG_CLASH(kind=_noun(row), summary=_describe(row, names), detail=detail)
        ) from None


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


# -- showing records ------------------------------------------------------------------------------

_NAME_FIELDS = ("name", "title", "topic", "wording", "visited", "kind")
_DATE_FIELDS = ("date", "month", "start_date", "year", "completion_date")


def _noun(row: _Row) -> Message:
    return service_for(row.kind.kind).noun()


def _name_of(value: Any, names: Mapping[uuid.UUID, _Row]) -> str:
    row = names.get(value) if isinstance(value, uuid.UUID) else None
    if row is None:
        return str(value)
    for name in _NAME_FIELDS:
        if row.fields.get(name):
            return str(row.fields[name])
    return str(value)


def _describe(row: _Row, names: Mapping[uuid.UUID, _Row]) -> str:
    """One line naming a record from its fields alone (no query: the transaction may have failed)."""
    parts: list[str] = []
    if row.fields.get("member") is not None:
        parts.append(_name_of(row.fields["member"], names))
    for name in _NAME_FIELDS:
        if row.fields.get(name):
            parts.append(str(row.fields[name]))
            break
    for name in _DATE_FIELDS:
        value = row.fields.get(name)
        if value is not None and name != "kind":
            parts.append(str(_canon(value)))
            break
    return " ".join(parts)[:300]


def _show(model: type[Record], key: str, value: Any, names: Mapping[uuid.UUID, _Row]) -> Any:
    if value is None or value == "" or value == []:
        return MSG_EMPTY_VALUE()
    if isinstance(value, bool):
        return MSG_YES() if value else MSG_NO()
    field_ = model._meta.fields.get(key)
    if isinstance(field_, peewee.ForeignKeyField):
        return _name_of(uuid.UUID(str(value)), names)
    if isinstance(value, list):
        return "、".join(_show_child(row, names) for row in value)
    return str(value)


def _show_child(row: Mapping[str, Any], names: Mapping[uuid.UUID, _Row]) -> str:
    head = _name_of(uuid.UUID(row["member"]), names) if row.get("member") else ""
    rest = [
        ("✗" if v is False else str(v))
        for k, v in row.items()
        if k not in ("member", "position") and v not in (None, "", True)
    ]
    return head + (f"（{' '.join(rest)}）" if rest else "")


def _conflict(
    reason: str, s: _Row | None, t: _Row | None, names: Mapping[uuid.UUID, _Row]
) -> Conflict:
    row = t or s
    assert row is not None
    labels = service_for(row.kind.kind).labels
    differences: list[Difference] = []
    if s is not None and t is not None:
        for key in s.content:
            if key in ("group",) or s.content.get(key) == t.content.get(key):
                continue
            label = labels[key]() if key in labels else key
            differences.append(
                Difference(
                    label,
                    _show(row.kind.model, key, t.content.get(key), names),
                    _show(row.kind.model, key, s.content.get(key), names),
                )
            )
    else:
        differences.append(
            Difference(
                _noun(row),
                _describe(t, names) if t is not None else MSG_ABSENT(),
                _describe(s, names) if s is not None else MSG_ABSENT(),
            )
        )
    return Conflict(row.kind.kind, row.id, _describe(row, names), reason, tuple(differences))
