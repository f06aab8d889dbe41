"""The Settings page (gui/pages/settings.py): what is typed there reaches the core's settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from db.services import settings
from db.store.ledger import Ledger
from tests.gui.conftest import WindowFactory
from tests.gui.test_shell import click, open_settings, type_text


def test_the_colophon_is_set_on_the_rules_tab(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    window = make_window(sqlite_ledger)
    page = open_settings(qtbot, window, 2)
    assert page.colophon_copy_to.text() == "" and page.colophon_issuer.text() == ""

    type_text(qtbot, page.colophon_copy_to, "省挂职工作队，商洛市委组织部")
    type_text(qtbot, page.colophon_issuer, "  商洛市赴南京市挂职工作组")
    click(qtbot, page.colophon_save)
    assert settings.get(sqlite_ledger, "colophon") == {
        "copy_to": "省挂职工作队，商洛市委组织部",
        "issuer": "商洛市赴南京市挂职工作组",
    }
    assert page.colophon_issuer.text() == "商洛市赴南京市挂职工作组"  # as stored

    page.colophon_issuer.selectAll()
    type_text(qtbot, page.colophon_issuer, "组" * 61)
    click(qtbot, page.colophon_save)  # refused beside the fields, the stored value kept
    assert page.colophon_error.isVisible() and "印发机关" in page.colophon_error.text()
    assert settings.get(sqlite_ledger, "colophon")["issuer"] == "商洛市赴南京市挂职工作组"

    page.colophon_copy_to.selectAll()
    qtbot.keyClick(page.colophon_copy_to, Qt.Key.Key_Delete)
    page.colophon_issuer.selectAll()
    qtbot.keyClick(page.colophon_issuer, Qt.Key.Key_Delete)
    click(qtbot, page.colophon_save)
    assert settings.get(sqlite_ledger, "colophon") == {"copy_to": "", "issuer": ""}
    assert not page.colophon_error.isVisible()
