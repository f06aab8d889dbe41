"""The settings the secretary edits (db/settings.py): defaults, checks and history."""

from __future__ import annotations

import pytest

from db import settings
from db.database import Ledger
from db.errors import ValidationError
from db.models import ChangeLog


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
