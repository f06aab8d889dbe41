"""The pages of the main window, in navigation order: one list, ``page_entries()``.

A page is found by convention: the entry ("members", 成员) is built by ``gui/pages/members.py``'s class
``MembersPage(context)``. Until that module exists the window shows a placeholder, so a page is added
by writing its module; its place, title and shortcut (Ctrl+1 … Ctrl+9 for the first nine) are here.
A page shown only for some ledgers (全队概览: a ledger that reads several work groups) names its test
in ``shown_for``; the window leaves the others out.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from db.store.database import visible_groups
from db.store.ledger import Ledger
from gui.pages.base import Page, PageContext, PlaceholderPage

Factory = Callable[[PageContext], Page]


def _always(_ledger: Ledger) -> bool:
    return True


def reads_several_groups(ledger: Ledger) -> bool:
    """The team view's test: the ledger reads more than one work group (a team server's team login,
    or a file holding several groups)."""
    return len(visible_groups(ledger)) > 1


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: Callable[[], str]  # the title in the current language (called again on a change)
    factory: Factory
    in_navigation: bool = True  # False: reached from the menu only
    shown_for: Callable[[Ledger], bool] = _always  # False: the window leaves the page out


def _title(text: str) -> Callable[[], str]:
    # The texts are marked for lupdate where they are written (QT_TRANSLATE_NOOP below).
    return lambda: QCoreApplication.translate("Pages", text)


def by_convention(module: str, class_name: str, title: Callable[[], str]) -> Factory:
    """The page class of ``module``, or a placeholder while that module is not written yet."""

    def make(context: PageContext) -> Page:
        try:
            found = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise  # the page exists but something it imports does not: a bug to see
            return PlaceholderPage(context, title)
        page_class: type[Page] = getattr(found, class_name)
        return page_class(context)

    return make


# key, module, class, title — the first nine get Ctrl+1 … Ctrl+9.
_PAGES: tuple[tuple[str, str, str, str, bool], ...] = (
    ("home", "gui.pages.home", "HomePage", QT_TRANSLATE_NOOP("Pages", "首页"), True),
    ("members", "gui.pages.members", "MembersPage", QT_TRANSLATE_NOOP("Pages", "成员"), True),
    (
        "sessions",
        "gui.pages.sessions",
        "SessionsPage",
        QT_TRANSLATE_NOOP("Pages", "学习交流"),
        True,
    ),
    ("leave", "gui.pages.leave", "LeavePage", QT_TRANSLATE_NOOP("Pages", "请销假"), True),
    (
        "spotchecks",
        "gui.pages.spotchecks",
        "SpotChecksPage",
        QT_TRANSLATE_NOOP("Pages", "在岗抽查"),
        True,
    ),
    ("surveys", "gui.pages.surveys", "SurveysPage", QT_TRANSLATE_NOOP("Pages", "调研走访"), True),
    (
        "highlights",
        "gui.pages.highlights",
        "HighlightsPage",
        QT_TRANSLATE_NOOP("Pages", "月度亮点"),
        True,
    ),
    ("reports", "gui.pages.reports", "ReportsPage", QT_TRANSLATE_NOOP("Pages", "调研报告"), True),
    (
        "achievements",
        "gui.pages.achievements",
        "AchievementsPage",
        QT_TRANSLATE_NOOP("Pages", "工作成果"),
        True,
    ),
    (
        "bulletins",
        "gui.pages.bulletins",
        "BulletinsPage",
        QT_TRANSLATE_NOOP("Pages", "信息动态与报表"),
        True,
    ),
    (
        "targets",
        "gui.pages.targets",
        "TargetsPage",
        QT_TRANSLATE_NOOP("Pages", "目标完成情况"),
        True,
    ),
    ("plan", "gui.pages.plan", "PlanPage", QT_TRANSLATE_NOOP("Pages", "年度计划"), True),
    ("team", "gui.pages.team", "TeamPage", QT_TRANSLATE_NOOP("Pages", "全队概览"), True),
    (
        "member_file",
        "gui.pages.member_file",
        "MemberFilePage",
        QT_TRANSLATE_NOOP("Pages", "个人档案"),
        True,
    ),
    (
        "recycle_bin",
        "gui.pages.recycle_bin",
        "RecycleBinPage",
        QT_TRANSLATE_NOOP("Pages", "回收站"),
        True,
    ),
    ("history", "gui.pages.history", "HistoryPage", QT_TRANSLATE_NOOP("Pages", "操作记录"), True),
    ("settings", "gui.pages.settings", "SettingsPage", QT_TRANSLATE_NOOP("Pages", "设置"), True),
)


def page_entries() -> list[PageEntry]:
    """Every page of the window, in navigation order."""
    entries = []
    for key, module, class_name, text, in_navigation in _PAGES:
        title = _title(text)
        shown_for = reads_several_groups if key == "team" else _always
        entries.append(
            PageEntry(
                key, title, by_convention(module, class_name, title), in_navigation, shown_for
            )
        )
    return entries


__all__ = [
    "Factory",
    "Page",
    "PageContext",
    "PageEntry",
    "by_convention",
    "page_entries",
    "reads_several_groups",
]
