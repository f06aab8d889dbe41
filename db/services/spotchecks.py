"""On-duty spot checks (在岗抽查): who was checked, how, and each one's result; random picking."""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from db.common.errors import FieldError
from db.common.messages import current_language, define
from db.rules import vocab
from db.services.base import RecordService
from db.services.children import MemberRows
from db.services.fields import Cleaner
from db.services.leave import half_of, is_leave, leave_covering
from db.services.members import members
from db.services.sanity import term_warnings
from db.store.ledger import Ledger
from db.store.models import Member, SpotCheck, SpotCheckResult

L = {
    "date": define("field.spotcheck.date", zh="抽查日期", en="Date"),
    "time": define("field.spotcheck.time", zh="抽查时间", en="Time"),
    "method": define("field.spotcheck.method", zh="抽查方式", en="Method"),
    "checker": define("field.spotcheck.checker", zh="抽查人", en="Checked by"),
    "notes": define("field.spotcheck.notes", zh="备注", en="Notes"),
    "results": define("field.spotcheck.results", zh="抽查结果", en="Results"),
}
ROW_LABELS = {
    "member": define("field.spotcheck_result.member", zh="成员", en="Member"),
    "result": define("field.spotcheck_result.result", zh="结果", en="Result"),
    "note": define("field.spotcheck_result.note", zh="说明", en="Note"),
}
MSG_NO_ONE_CHECKED = define(
    "spotcheck.no_one_checked",
    zh="抽查结果：至少要有一名被抽查的成员",
    en="Results: at least one member must be checked",
)


def _result_row(rc: Cleaner) -> dict[str, Any]:
    return {
        "result": rc.choice("result", "check_result", required=True),
        "note": rc.text("note", max_length=200),
    }


RESULTS = MemberRows(
    "results",
    SpotCheckResult,
    "check",
    required=MSG_NO_ONE_CHECKED,
    row_labels=ROW_LABELS,
    clean_row=_result_row,
)


class SpotCheckService(RecordService[SpotCheck]):
    kind = "spotcheck"
    model = SpotCheck
    noun = define("kind.spotcheck", zh="在岗抽查", en="spot check")
    labels = L

    def clean(
        self, ledger: Ledger, values: Mapping[str, Any], current: SpotCheck | None
    ) -> dict[str, Any]:
        c = self.cleaner(values)
        out: dict[str, Any] = {
            "date": c.date("date", required=True),
            "time": c.time("time"),
            "method": c.choice("method", "check_method", required=True),
            "checker": c.text("checker", max_length=50),
            "notes": c.text("notes", max_length=2000),
        }
        out["results"] = RESULTS.clean(ledger, c, values.get("results"), current)
        c.finish()
        return out

    def snapshot_children(self, record: SpotCheck) -> dict[str, Any]:
        return {"results": RESULTS.snapshot(record.id)}

    def write_children(self, ledger: Ledger, record: SpotCheck, cleaned: Mapping[str, Any]) -> None:
        RESULTS.write(record.id, cleaned["results"])

    def warnings(
        self, ledger: Ledger, cleaned: Mapping[str, Any], current: SpotCheck | None
    ) -> list[FieldError]:
        return term_warnings(ledger, "date", L["date"](), cleaned["date"])

    def summary(self, record: SpotCheck) -> str:
        count = SpotCheckResult.select().where(SpotCheckResult.check == record.id).count()
        return self._summary(record, count)

    def queued_summary(self, record: SpotCheck, children: Sequence[Any]) -> str:
        return self._summary(record, len(children))

    def _summary(self, record: SpotCheck, count: int) -> str:
        lang = current_language()
        method = vocab.label("check_method", record.method, lang)
        people = f"{count} 人" if lang == "zh" else f"{count} member(s)"
        return f"{record.date.isoformat()} {method} {people}"


spot_checks = SpotCheckService()


def pick_random(
    ledger: Ledger, n: int, day: datetime.date, rng: random.Random | None = None
) -> list[Member]:
    """``n`` different members of the group (branch-only members left out) on its books on ``day``,
    chosen at random, in roster order; all of them when there are fewer than ``n``."""
    if n < 0:
        raise ValueError("n must not be negative")
    pool = members.active_on(ledger, day, include_branch_only=False)
    chosen = {m.id for m in (rng or random.SystemRandom()).sample(pool, min(n, len(pool)))}
    return [m for m in pool if m.id in chosen]


def prefill_results(
    ledger: Ledger,
    day: datetime.date,
    member_ids: Iterable[Any],
    *,
    at: datetime.time | None = None,
) -> list[dict[str, Any]]:
    """Result rows for these members: 请假 for approved leave on ``day`` (on that half of it, given the
    time ``at``), 公出 for a business trip, else 在岗 for the checker to confirm or change."""
    ids = [m if isinstance(m, uuid.UUID) else uuid.UUID(str(m)) for m in member_ids]
    away = leave_covering(ledger, day, ids, half=half_of(at))
    rows = []
    for member_id in ids:
        request = away.get(member_id)
        if request is None:
            result = "on_duty"
        else:
            result = "on_leave" if is_leave(request) else "on_business"
        rows.append({"member": member_id, "result": result, "note": ""})
    return rows
