"""The settings the secretary edits (db/services/settings.py): defaults, checks and history; an edit made from a
stale view is refused, not lost."""

from __future__ import annotations

import pytest

from db.common import errors
from db.common.errors import ValidationError
from db.services import settings
from db.store.ledger import Ledger
from db.store.models import ChangeLog, Setting


def test_an_edit_from_a_stale_view_is_a_conflict_and_overwrites_nothing(ledger: Ledger) -> None:
    shown = settings.get(ledger, "backup_policy")  # the Settings page of one window
    ledger.operator = "王秘书"
    settings.put(ledger, "backup_policy", {**shown, "recent": 2}, expected=shown)  # another

    ledger.operator = "测试员"
    with pytest.raises(errors.ConflictError) as caught:
        settings.put(ledger, "backup_policy", {**shown, "daily": 3}, expected=shown)
    assert str(caught.value).startswith("这项设置已被 王秘书 在 2026-11-18 ")
    assert settings.get(ledger, "backup_policy")["recent"] == 2
    assert settings.get(ledger, "backup_policy")["daily"] == 7

    fresh = settings.get(ledger, "backup_policy")
    stored = settings.put(ledger, "backup_policy", {**fresh, "daily": 3}, expected=fresh)
    assert settings.get(ledger, "backup_policy") == stored
    assert stored == {"recent": 2, "daily": 3, "weekly": 5, "monthly": 12}
    settings.put(ledger, "operator", "李四")  # without ``expected``: whatever it holds now
    assert settings.get(ledger, "operator") == "李四"


def test_two_programs_writing_at_the_same_moment_cannot_both_win(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.put(ledger, "backup_folder", "/备份/甲")
    stale = Setting.get(Setting.key == "backup_folder")
    # The other program's write lands between this one's read and its write.
    Setting.update(value='"/备份/乙"').where(Setting.id == stale.id).execute()
    monkeypatch.setattr(settings, "_row", lambda ledger, key: stale)
    with pytest.raises(errors.ConflictError):
        settings.put(ledger, "backup_folder", "/备份/丙", expected="/备份/甲")
    monkeypatch.undo()
    assert settings.get(ledger, "backup_folder") == "/备份/乙"


def test_the_colophon_is_empty_by_default_and_keeps_its_texts_on_one_line(
    ledger: Ledger,
) -> None:
    assert settings.get(ledger, "colophon") == {"copy_to": "", "issuer": ""}
    stored = settings.put(
        ledger, "colophon", {"copy_to": "省挂职工作队，\n 商洛市委组织部\t", "issuer": "  工作组 "}
    )
    assert stored == {"copy_to": "省挂职工作队， 商洛市委组织部", "issuer": "工作组"}
    assert settings.get(ledger, "colophon") == stored
    assert ChangeLog.select().where(ChangeLog.kind == "setting").count() == 1


def test_a_colophon_text_too_long_is_refused_by_name(ledger: Ledger) -> None:
    with pytest.raises(ValidationError) as caught:
        settings.put(ledger, "colophon", {"copy_to": "", "issuer": "组" * 61})
    assert [e.field for e in caught.value.errors] == ["colophon"]
    assert "印发机关" in str(caught.value.errors[0].message) and "60" in str(
        caught.value.errors[0].message
    )
    assert settings.get(ledger, "colophon") == {"copy_to": "", "issuer": ""}
