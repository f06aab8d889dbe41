"""The rules and preferences the secretary edits in Settings, stored per group as JSON with history.

Every user-facing number or rule (approval limits, backup counts) lives here, never as a constant
in a widget; the targets are measures of the year plan (db.services.plans). ``get`` returns the stored value or the default; ``put`` checks and saves.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import peewee

from db.common.errors import ConflictError, FieldError, ValidationError
from db.common.messages import define
from db.services.base import dumps, now
from db.store.backup import BackupPolicy
from db.store.ledger import Ledger
from db.store.models import ChangeLog, Setting

DEFAULTS: dict[str, Any] = {
    # Which approver a leave request needs, by its working days: the first rule whose max_days is not
    # exceeded applies; max_days None means "any longer request".
    "approval_rules": [
        {"max_days": "1", "approver": "工作组组长"},
        {"max_days": "3", "approver": "工作队领队"},
        {"max_days": None, "approver": "派出单位组织部"},
    ],
    "backup_policy": {"recent": 10, "daily": 7, "weekly": 5, "monthly": 12},
    "backup_folder": "",
    "operator": "",
    "language": "zh",
    "bulletin_numbering": {"restart_each_year": True, "first_number": 1},
    "word_template": "",
    # The bulletin's 版记 (GB/T 9704 §7.4): who else receives it (抄送) and who prints it (印发机关);
    # its date is the bulletin's. Left out of the document while both are empty.
    "colophon": {"copy_to": "", "issuer": ""},
}

MSG_UNKNOWN = define("settings.unknown", zh="没有这项设置：{key}", en="There is no setting {key}")
MSG_RULE_ORDER = define(
    "settings.rule_order",
    zh="审批规则：天数上限必须从小到大排列，最后一条可以不设上限",
    en="Approval rules: day limits must increase, and only the last rule may have no limit",
)
MSG_RULE_DAYS = define(
    "settings.rule_days",
    zh="审批规则：“{value}”不是有效的天数（须为 0.5 的倍数且大于 0）",
    en="Approval rules: “{value}” is not a valid number of days (a positive multiple of 0.5)",
)
MSG_RULE_APPROVER = define(
    "settings.rule_approver",
    zh="审批规则：每条都要填写审批人",
    en="Approval rules: each rule needs an approver",
)
MSG_RULE_EMPTY = define(
    "settings.rule_empty",
    zh="审批规则：至少要有一条不设上限的规则",
    en="Approval rules: there must be a rule with no day limit",
)
MSG_COUNT = define(
    "settings.count",
    zh="{name}：须为 0 到 {max} 之间的整数，而不是“{value}”",
    en="{name}: a whole number from 0 to {max}, not “{value}”",
)
MSG_COLOPHON_LONG = define(
    "settings.colophon_long",
    zh="版记：“{name}”最多 {max} 个字",
    en="Colophon: “{name}” takes at most {max} characters",
)
MSG_LANGUAGE = define("settings.language", zh="语言：只能是 zh 或 en", en="Language: zh or en only")


def _fail(key: str, message: Any) -> ValidationError:
    return ValidationError([FieldError(key, message)])


def _check_approval_rules(rules: Any) -> list[dict[str, Any]]:
    if not isinstance(rules, list) or not rules:
        raise _fail("approval_rules", MSG_RULE_EMPTY())
    cleaned = []
    previous = Decimal(0)
    for index, rule in enumerate(rules):
        approver = str(rule.get("approver", "")).strip()
        if not approver:
            raise _fail("approval_rules", MSG_RULE_APPROVER())
        limit = rule.get("max_days")
        if limit in (None, ""):
            if index != len(rules) - 1:
                raise _fail("approval_rules", MSG_RULE_ORDER())
            cleaned.append({"max_days": None, "approver": approver})
            continue
        try:
            days = Decimal(str(limit))
        except InvalidOperation:
            raise _fail("approval_rules", MSG_RULE_DAYS(value=str(limit))) from None
        if days <= 0 or (days * 2) % 1 != 0:
            raise _fail("approval_rules", MSG_RULE_DAYS(value=str(limit)))
        if days <= previous:
            raise _fail("approval_rules", MSG_RULE_ORDER())
        previous = days
        cleaned.append({"max_days": str(days.normalize()), "approver": approver})
    if cleaned[-1]["max_days"] is not None:
        raise _fail("approval_rules", MSG_RULE_EMPTY())
    return cleaned


def _counts(key: str, names: dict[str, Any], maximum: int) -> Callable[[Any], dict[str, int]]:
    def check(value: Any) -> dict[str, int]:
        out = {}
        for name, label in names.items():
            raw = value.get(name, DEFAULTS[key][name])
            if isinstance(raw, bool) or not str(raw).strip().isdigit() or int(raw) > maximum:
                raise _fail(key, MSG_COUNT(name=label(), max=maximum, value=str(raw)))
            out[name] = int(raw)
        return out

    return check


_L_COPY_TO = define("settings.colophon.copy_to", zh="抄送", en="Copy to")
_L_ISSUER = define("settings.colophon.issuer", zh="印发机关", en="Issued by")
COLOPHON_LIMITS = {"copy_to": 200, "issuer": 60}


def _colophon(value: Any) -> dict[str, str]:
    """The 版记's texts, each on one line (a line break would break the rule-bound layout)."""
    if not isinstance(value, dict):
        value = {}
    out = {}
    for name, label in (("copy_to", _L_COPY_TO), ("issuer", _L_ISSUER)):
        text = " ".join(str(value.get(name) or "").split())
        if len(text) > COLOPHON_LIMITS[name]:
            raise _fail("colophon", MSG_COLOPHON_LONG(name=label(), max=COLOPHON_LIMITS[name]))
        out[name] = text
    return out


def _language(value: Any) -> str:
    if value not in ("zh", "en"):
        raise _fail("language", MSG_LANGUAGE())
    return value


_L_RECENT = define("settings.backup.recent", zh="保留最近备份数", en="Recent backups kept")
_L_DAILY = define("settings.backup.daily", zh="保留每日备份天数", en="Daily backups kept")
_L_WEEKLY = define("settings.backup.weekly", zh="保留每周备份周数", en="Weekly backups kept")
_L_MONTHLY = define("settings.backup.monthly", zh="保留每月备份月数", en="Monthly backups kept")

_CHECKS: dict[str, Callable[[Any], Any]] = {
    "approval_rules": _check_approval_rules,
    "backup_policy": _counts(
        "backup_policy",
        {"recent": _L_RECENT, "daily": _L_DAILY, "weekly": _L_WEEKLY, "monthly": _L_MONTHLY},
        1000,
    ),
    "backup_folder": lambda v: str(v or "").strip(),
    "operator": lambda v: str(v or "").strip()[:50],
    "language": _language,
    "bulletin_numbering": lambda v: {
        "restart_each_year": bool(v.get("restart_each_year", True)),
        "first_number": max(1, int(v.get("first_number", 1))),
    },
    "word_template": lambda v: str(v or "").strip(),
    "colophon": _colophon,
}


def _row(ledger: Ledger, key: str) -> Setting | None:
    return Setting.get_or_none((Setting.group == ledger.group_id) & (Setting.key == key))


def get(ledger: Ledger, key: str) -> Any:
    if key not in DEFAULTS:
        raise _fail(key, MSG_UNKNOWN(key=key))
    row = _row(ledger, key)
    return json.loads(row.value) if row is not None else copy.deepcopy(DEFAULTS[key])


# ``put(expected=ANY)``: store whatever the setting holds now (a script, the welcome page).
ANY: Any = object()

MSG_CONFLICT = define(
    "settings.conflict",
    zh="这项设置已被 {operator} 在 {at} 修改过，您的修改未保存。请重新打开设置页后再改。",
    en="This setting was changed by {operator} at {at}; your change was not saved. "
    "Open Settings again and redo it.",
)


def put(ledger: Ledger, key: str, value: Any, *, expected: Any = ANY) -> Any:
    """Check and store a setting, with a history entry; returns the stored value.

    ``expected`` is the value the editor showed (as ``get`` returned it): when another program (or
    another window) has changed the setting since, nothing is stored and ConflictError says who —
    the last writer does not silently win. The write itself compares and swaps, so two programs
    saving at the same moment on a server cannot both pass."""
    if key not in DEFAULTS:
        raise _fail(key, MSG_UNKNOWN(key=key))
    cleaned = _CHECKS[key](value)
    text = json.dumps(cleaned, ensure_ascii=False, sort_keys=True)
    with ledger.transaction():
        row = _row(ledger, key)
        before = json.loads(row.value) if row is not None else None
        if expected is not ANY:
            now_value = before if row is not None else copy.deepcopy(DEFAULTS[key])
            if now_value != expected:
                raise _conflict(ledger, row)
        if row is None:
            try:
                with ledger.db.atomic():  # a savepoint: another program may create it first
                    row = Setting.create(group=ledger.group_id, key=key, value=text)
            except peewee.IntegrityError:
                raise _conflict(ledger, _row(ledger, key)) from None
        else:
            swapped = (
                Setting.update(value=text)
                .where((Setting.id == row.id) & (Setting.value == row.value))
                .execute()
            )
            if swapped != 1:
                raise _conflict(ledger, row)
        ChangeLog.create(
            group=ledger.group_id,
            kind="setting",
            record_id=row.id,
            action="update" if before is not None else "create",
            operator=ledger.operator or "?",
            at=now(),
            before=dumps({key: before}) if before is not None else None,
            after=dumps({key: cleaned}),
        )
    return cleaned


def _conflict(ledger: Ledger, row: Setting | None) -> ConflictError:
    last = (
        ChangeLog.select()
        .where((ChangeLog.kind == "setting") & (ChangeLog.record_id == row.id))
        .order_by(ChangeLog.at.desc())
        .first()
        if row is not None
        else None
    )
    return ConflictError(
        MSG_CONFLICT(
            operator=last.operator if last else "?",
            at=last.at.isoformat(sep=" ", timespec="seconds") if last else "?",
        )
    )


def backup_preferences(ledger: Ledger) -> tuple[Path | None, BackupPolicy]:
    """The backup folder (None: beside the database) and rotation counts set in Settings."""
    folder = get(ledger, "backup_folder")
    policy = BackupPolicy(**get(ledger, "backup_policy"))
    return (Path(folder).expanduser() if folder else None), policy
