"""Choosing the work group when the database (or a team server's login) reaches several: picked when
the window opens, remembered, switched with 文件 → 切换工作组; --group names it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog

from db.services.groups import work_groups
from db.services.members import members
from db.store.database import open_database
from gui import app as gui_app


@pytest.fixture
def two_groups(tmp_path: Path) -> Path:
    path = tmp_path / "two.sqlite3"
    with open_database(path) as ledger:
        work_groups.create_group(ledger, {"name": "甲组"})
        members.save(ledger, {"name": "张三"})
        work_groups.create_group(ledger, {"name": "乙组"})
        members.save(ledger, {"name": "李四"})
    return path


class _Picks(list):
    def __init__(self, answers: list[Any], calls: list[list[str]]) -> None:
        super().__init__()
        self.answers = answers
        self.calls = calls

    def append(self, answer: Any) -> None:
        self.answers.append(answer)


@pytest.fixture
def picks(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The names the user picks in the group dialog, in turn; each call is recorded."""
    answers: list[Any] = []
    calls: list[list[str]] = []

    def get_item(_parent, _title, _label, items, _current=0, _editable=True, *a, **k):
        calls.append(list(items))
        answer = answers.pop(0)
        return (answer, answer is not None)

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    return _Picks(answers, calls)


def _names(program: Any) -> list[str]:
    return [m.name for m in members.query(program.ledger)]


def test_the_group_is_picked_remembered_and_switched(
    qtbot: Any, app: Any, two_groups: Path, ui_settings: QSettings, translations: Any, picks
) -> None:
    picks.append("乙组")
    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(two_groups))
        assert picks.calls == [["甲组", "乙组"]]
        assert _names(program) == ["李四"]
        assert "乙组" in program.window.windowTitle()
        assert program.window.switch_group_action in program.window.file_menu.actions()
    finally:
        program._close_current()

    # Opened again: the group chosen last time, without asking.
    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(two_groups))
        assert len(picks.calls) == 1
        assert _names(program) == ["李四"]
        # 文件 → 切换工作组
        window = program.window
        picks.append("甲组")
        window.switch_group_action.trigger()
        assert program.window is not window
        assert _names(program) == ["张三"]
        assert "甲组" in program.window.windowTitle()
    finally:
        program._close_current()
    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(two_groups))
        assert _names(program) == ["张三"]  # the switch is remembered too
    finally:
        program._close_current()


def test_group_on_the_command_line_and_one_group_asks_nothing(
    qtbot: Any, app: Any, two_groups: Path, ui_settings: QSettings, translations: Any, picks
) -> None:
    program = gui_app.Program(app, ui_settings, translations, group="乙组")
    try:
        assert program.start(str(two_groups))
        assert _names(program) == ["李四"]
    finally:
        program._close_current()
    one = two_groups.with_name("one.sqlite3")
    with open_database(one) as ledger:
        work_groups.create_group(ledger, {"name": "丙组"})
    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(one))
        assert not program.window.switch_group_action.isVisible()
    finally:
        program._close_current()
    assert picks.calls == []


def test_giving_up_the_choice_opens_nothing(
    qtbot: Any, app: Any, two_groups: Path, ui_settings: QSettings, translations: Any, picks
) -> None:
    picks.append(None)
    program = gui_app.Program(app, ui_settings, translations)
    assert not program.start(str(two_groups))
    assert program.window is None


def test_the_team_view_leads_to_another_groups_records_in_a_window_on_that_group(
    qtbot: Any, app: Any, two_groups: Path, ui_settings: QSettings, translations: Any, picks
) -> None:
    """全队概览 → a figure of 乙组: the window is built anew on 乙组 (remembered) at its list."""
    from db.queries import team

    picks.append("甲组")
    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(two_groups))
        window = program.window
        window.show_page("team")
        page = window.pages["team"]
        qtbot.waitUntil(lambda: page.model.figures is not None, timeout=10_000)
        with qtbot.waitSignal(window.destroyed, timeout=10_000):
            page.open_cell(team.FIGURES.index("members"), 1)
        assert program.window is not window
        assert _names(program) == ["李四"]
        assert program.window.current_key == "members"
        assert "乙组" in program.window.windowTitle()
    finally:
        program._close_current()

    program = gui_app.Program(app, ui_settings, translations)
    try:
        assert program.start(str(two_groups))  # opened again: on 乙组, without asking
        assert _names(program) == ["李四"]
        assert len(picks.calls) == 1
    finally:
        program._close_current()
