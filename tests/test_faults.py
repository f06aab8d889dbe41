"""The fault suite: the program as a hostile world meets it — killed mid-work, a full disk, a damaged
file, hostile text — and what it must do then: lose nothing it said it saved, leave a whole file and
no leftovers, and say what happened in one clear line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from db import errors, importer
from db.database import Ledger
from db.models import Member
from db.services.members import MemberService
from tests.conftest import add_member

# -- an import meets the disk -------------------------------------------------------------------------


def test_a_storage_failure_in_one_row_stops_the_import_rather_than_refusing_the_row(
    sqlite_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_member(sqlite_ledger, "张三")
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名\n李四\n王五\n", encoding="utf-8")
    cleaned = MemberService.clean

    def clean(self: MemberService, ledger: Ledger, values: Any, current: Any) -> Any:
        if values.get("name") == "王五":
            raise errors.DiskFullError(errors.ERR_INVALID(count=1, first="磁盘已满"))
        return cleaned(self, ledger, values, current)

    monkeypatch.setattr(MemberService, "clean", clean)
    with pytest.raises(errors.DiskFullError):
        importer.commit(sqlite_ledger, roster, clean_only=True)
    assert {m.name for m in Member.select()} == {"张三"}
