"""The home page (首页) on a ledger whose records are in the current month: what it lists is what the
core says, each item leads to the records behind it, another month can be looked at, and it redraws
when records change."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QListWidget, QWidget

from db.common import clock
from db.queries.lists import Filters
from db.queries.statistics import month_range, year_range, year_stats
from db.queries.targets import (
    collective_meeting_held,
    members_without_highlight,
    members_without_survey,
    targets_matrix,
    week_of,
)
from db.rules.workdays import WorkCalendar
from db.services.highlights import highlights
from db.services.leave import leave_covering, leave_requests, overdue_requests
from db.services.sessions import study_sessions
from db.services.surveys import surveys
from db.store.ledger import Ledger
from gui.operations import Operations
from gui.pages.base import PageContext
from gui.pages.home import MAX_ITEMS, HomePage
from gui.pages.list_page import ListPage
from gui.pages.member_file import MemberFilePage
from tests.conftest import add_member, d, with_a_working_day
from tests.gui.conftest import WindowFactory

DAY = datetime.timedelta(days=1)


# -- a small known month, built with the services -------------------------------------------------


@dataclass
class Month:
    """The records of the current month (and a little before), by the names the tests use."""

    today: datetime.date
    m: dict[str, uuid.UUID] = field(default_factory=dict)  # members A B C D, E branch-only
    meeting: uuid.UUID | None = None
    survey: uuid.UUID | None = None  # A and B, this week's Monday
    earlier_survey: uuid.UUID | None = None  # A, two weeks before
    highlights: dict[str, uuid.UUID] = field(default_factory=dict)  # A and C, this month
    away: uuid.UUID | None = None  # B's annual leave from today
    excused: uuid.UUID | None = None  # B's leave, the whole week two weeks before (returned)
    overdue: uuid.UUID | None = None  # D's leave that ended three days ago, not reported back
    pending: uuid.UUID | None = None  # C's request for later, awaiting approval

    @property
    def monday(self) -> datetime.date:
        return week_of(self.today)


def build_month(ledger: Ledger, today: datetime.date | None = None) -> Month:
    """Members A 张三, B 李四, C 王五, D 赵六 and branch-only E 钱七 (group term from 2025-01-01):

    - the month's collective meeting on its first day: A B C present, D absent (其他, 未请假);
    - this week's Monday a survey by A and B; two weeks earlier one by A alone;
    - highlights of this month by A and C;
    - B on annual leave from today for three days (approved); B on leave the whole week two weeks
      earlier (returned); D's leave ended three days ago without a return (overdue); C's request
      for ten days from now awaits approval.
    """
    today = today or clock.today()
    month = Month(today=today)
    for letter, name in zip("ABCD", ("张三", "李四", "王五", "赵六"), strict=True):
        month.m[letter] = add_member(ledger, name, sort_order="ABCD".index(letter) + 1)
    month.m["E"] = add_member(ledger, "钱七", branch_only=True, sort_order=5)
    m = month.m
    first = today.replace(day=1)
    month.meeting = study_sessions.save(
        ledger,
        {
            "kind": "collective",
            "date": first,
            "topic": "学习交流会主题",
            "attendance": [
                {"member": m["A"], "present": True},
                {"member": m["B"], "present": True},
                {"member": m["C"], "present": True},
                {"member": m["D"], "present": False, "absence_reason": "other", "note": "未请假"},
            ],
        },
    ).id
    monday = week_of(today)
    month.survey = surveys.save(
        ledger,
        {
            "date": monday,
            "kind": "enterprise",
            "visited": "南京某科技公司",
            "topic": "本周调研",
            "participants": [m["A"], m["B"]],
        },
    ).id
    month.earlier_survey = surveys.save(
        ledger,
        {
            "date": monday - 14 * DAY,
            "kind": "practice",
            "visited": "江宁区某街道",
            "topic": "两周前的调研",
            "participants": [m["A"]],
        },
    ).id
    for letter in "AC":
        month.highlights[letter] = highlights.save(
            ledger,
            {"member": m[letter], "month": first, "title": f"{letter}的本月亮点"},
        ).id

    def leave(letter: str, start: datetime.date, end: datetime.date, **extra: Any) -> uuid.UUID:
        values = {
            "member": m[letter],
            "leave_type": "personal",
            "start_date": start,
            "end_date": with_a_working_day(start, end),
            "status": "approved",
            "approver": "组长",
            "approval_date": start - DAY,
            **extra,
        }
        return leave_requests.save(ledger, values).id

    month.away = leave("B", today, today + 2 * DAY, leave_type="annual")
    month.excused = leave(
        "B",
        monday - 14 * DAY,
        monday - 10 * DAY,
        status="returned",
        return_date=monday - 7 * DAY,
    )
    month.overdue = leave("D", today - 5 * DAY, today - 3 * DAY)
    month.pending = leave_requests.save(
        ledger,
        {
            "member": m["C"],
            "leave_type": "personal",
            "start_date": today + 10 * DAY,
            "end_date": with_a_working_day(today + 10 * DAY, today + 11 * DAY),
        },
    ).id
    return month


# -- helpers ----------------------------------------------------------------------------------------


@dataclass
class Navigation:
    calls: list[tuple[str, Any]] = field(default_factory=list)

    def __call__(self, key: str, target: Any = None) -> None:
        self.calls.append((key, target))


def make_page(
    page_class: type,
    qtbot: Any,
    ledger: Ledger,
    settings: QSettings,
    navigation: Navigation,
    today: datetime.date | None = None,
    size: tuple[int, int] = (1300, 1000),
) -> Any:
    """A page on its own, shown (which starts its first load), with navigation recorded."""
    context = PageContext(
        ledger=ledger,
        operations=Operations(ledger),
        settings=settings,
        navigate=navigation,
    )
    page = page_class(context)
    qtbot.addWidget(page)
    page.resize(*size)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    qtbot.waitExposed(page)
    return page


def click_item(qtbot: Any, widget: QListWidget, row: int) -> None:
    widget.scrollToItem(widget.item(row))
    rect = widget.visualItemRect(widget.item(row))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def texts(widget: QListWidget) -> list[str]:
    return [widget.item(row).text() for row in range(widget.count())]


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def month(sqlite_ledger: Ledger, calendar_day: datetime.date) -> Month:
    """The known month as of each of the calendar's edge days in turn."""
    return build_month(sqlite_ledger, calendar_day)


@pytest.fixture
def navigation() -> Navigation:
    return Navigation()


@pytest.fixture
def home(
    qtbot: Any,
    sqlite_ledger: Ledger,
    month: Month,
    ui_settings: QSettings,
    navigation: Navigation,
    translations: Any,
) -> HomePage:
    return make_page(HomePage, qtbot, sqlite_ledger, ui_settings, navigation)


# -- what it lists ------------------------------------------------------------------------------------


def test_the_home_page_lists_what_the_core_says_of_this_month(
    home: HomePage, sqlite_ledger: Ledger, month: Month
) -> None:
    today, m = month.today, month.m
    assert not home.busy.isVisible()
    summary = home.summary
    assert summary is not None and summary.is_current

    # The collective meeting was held, on the first day of the month.
    assert collective_meeting_held(sqlite_ledger, today.year, today.month) == (month.meeting,)
    assert "已召开" in home.meeting_card.value.text()
    assert texts(home.meeting_card.list) == [f"{today.month}月1日 · 学习交流会主题 · 出席 3/4"]

    # No survey this week: exactly the core's list; A and B went on Monday.
    core = members_without_survey(sqlite_ledger, month.monday, today)
    shown = texts(home.survey_card.list)
    assert shown == [ref.name for ref in core]
    assert "张三" not in shown and "李四" not in shown
    workdays = WorkCalendar.load().workdays(month.monday, month.monday + 6 * DAY)
    if workdays:  # a week without a working day excuses everyone
        assert "王五" in shown
    assert home.survey_card.value.text() == (f"{len(core)} 人" if core else "√")

    # No highlight this month: B and D (A and C have one).
    core_highlights = members_without_highlight(sqlite_ledger, today.year, today.month, today)
    assert [ref.id for ref in core_highlights] == [m["B"], m["D"]]
    assert texts(home.highlight_card.list) == ["李四", "赵六"]

    # Away today: B, on annual leave.
    assert set(leave_covering(sqlite_ledger, today)) == {m["B"]}
    away = texts(home.away_card.list)
    assert len(away) == 1 and away[0].startswith("李四 · 年休假")

    # The overdue return stands out; the pending request is listed.
    assert [r.id for r in overdue_requests(sqlite_ledger, today)] == [month.overdue]
    overdue = texts(home.overdue_card.list)
    assert len(overdue) == 1 and overdue[0].startswith("赵六 · 事假")
    assert overdue[0].endswith("逾期 3 天")
    assert home.overdue_card.property("alert") is True
    assert home.overdue_card.value.text() == "1 人"
    pending = texts(home.pending_card.list)
    assert len(pending) == 1 and pending[0].startswith("王五 · 事假")
    assert home.pending_card.property("alert") is False

    # The month's figures: one session, this month's surveys, two highlights.
    stats = summary.stats
    assert home.figures["sessions"].number.text() == "1"
    assert home.figures["surveys"].number.text() == str(stats.surveys.count)
    assert home.figures["highlights"].number.text() == "2"


def test_the_charts_show_the_year_so_far_as_the_core_counts_it(
    home: HomePage, sqlite_ledger: Ledger, month: Month
) -> None:
    today = month.today
    data = year_stats(sqlite_ledger, today.year)
    chart = home.month_chart
    assert chart.categories == [f"{n}月" for n in range(1, today.month + 1)]
    series = [[int(s.at(i)) for i in range(s.count())] for s in chart.sets]
    assert series == [
        list(data.sessions_per_month[: today.month]),
        list(data.surveys_per_month[: today.month]),
        list(data.highlights_per_month[: today.month]),
    ]
    assert [s.label() for s in chart.sets] == ["学习交流", "调研走访", "月度亮点"]
    # Surveys per member, the largest on top: the axis runs upwards.
    ranked = home.member_chart
    counts = {c.name: c.count for c in data.surveys_per_member}
    assert ranked.labels[-1] == "张三"
    assert [counts[name] for name in ranked.labels] == sorted(counts.values())


# -- where the items lead -------------------------------------------------------------------------------


def test_each_item_leads_to_the_records_behind_it(
    qtbot: Any, home: HomePage, month: Month, navigation: Navigation
) -> None:
    today, m = month.today, month.m
    first, last = month_range(today.year, today.month)

    click_item(qtbot, home.meeting_card.list, 0)
    assert navigation.calls[-1] == (
        "sessions",
        {
            "filters": Filters(date_from=first, date_to=last, kind="collective"),
            "record_id": month.meeting,
        },
    )
    names = texts(home.highlight_card.list)
    click_item(qtbot, home.highlight_card.list, names.index("赵六"))
    assert navigation.calls[-1] == ("member_file", {"member_id": m["D"]})

    click_item(qtbot, home.overdue_card.list, 0)
    assert navigation.calls[-1] == (
        "leave",
        {"filters": Filters(status="overdue", today=today), "record_id": month.overdue},
    )
    click(qtbot, home.overdue_card.link)
    assert navigation.calls[-1] == ("leave", {"filters": Filters(status="overdue", today=today)})

    click_item(qtbot, home.pending_card.list, 0)
    assert navigation.calls[-1] == (
        "leave",
        {"filters": Filters(status="pending"), "record_id": month.pending},
    )
    click_item(qtbot, home.away_card.list, 0)
    assert navigation.calls[-1] == (
        "leave",
        {"filters": Filters(member_id=m["B"]), "record_id": month.away},
    )
    click(qtbot, home.survey_card.link)
    assert navigation.calls[-1] == (
        "surveys",
        {"filters": Filters(date_from=month.monday, date_to=month.monday + 6 * DAY)},
    )
    click(qtbot, home.figures["highlights"])
    assert navigation.calls[-1] == (
        "highlights",
        {"filters": Filters(date_from=first, date_to=last)},
    )


def test_a_bar_of_a_chart_leads_to_its_records(
    qtbot: Any, home: HomePage, month: Month, navigation: Navigation
) -> None:
    today = month.today
    home.scroll.ensureWidgetVisible(home.month_chart)
    chart = home.month_chart

    def click_bar(series: int, day: datetime.date) -> None:
        column = day.month - 1 if day.year == today.year else None
        assert column is not None and chart.sets[series].at(column) > 0  # a bar to click
        point = chart.bar_center(series, column).toPoint()
        assert chart.viewport().rect().contains(point)
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)

    # This month's sessions (the meeting on its first day), then the surveys of the month that
    # holds this week's Monday (the month before, on a Saturday early in a month).
    click_bar(0, today)
    first, last = month_range(today.year, today.month)
    assert navigation.calls[-1] == ("sessions", {"filters": Filters(date_from=first, date_to=last)})
    if month.monday.year == today.year:
        click_bar(1, month.monday)
        first, last = month_range(today.year, month.monday.month)
        assert navigation.calls[-1] == (
            "surveys",
            {"filters": Filters(date_from=first, date_to=last)},
        )
    if month.monday.year != today.year:  # on New Year's Day A's surveys are all of last year
        return
    ranked = home.member_chart
    data = home.year_data
    assert data is not None
    index = [c.name for c in home.ranked_members].index("张三")
    qtbot.mouseClick(
        ranked.viewport(), Qt.MouseButton.LeftButton, pos=ranked.bar_center(index).toPoint()
    )
    start, end = year_range(today.year)
    assert navigation.calls[-1] == (
        "surveys",
        {"filters": Filters(member_id=month.m["A"], date_from=start, date_to=end)},
    )


def test_in_december_every_month_s_bar_can_be_clicked_at_the_window_s_default_size(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger
) -> None:
    # A year with records in every month, seen on its last day in a window of the size it first
    # opens at: December's bars are inside the chart, and a click on each leads to its month.
    december = datetime.date(2026, 12, 31)
    clock.pin(december)
    member = add_member(sqlite_ledger, "张三")
    for number in range(1, 13):
        surveys.save(
            sqlite_ledger,
            {
                "date": datetime.date(2026, number, 10),
                "kind": "practice",
                "visited": f"{number}月调研单位",
                "topic": "调研",
                "participants": [member],
            },
        )
    window = make_window(sqlite_ledger)
    assert (window.width(), window.height()) == (1180, 760)  # the first-run size
    home = window.page("home")
    qtbot.waitUntil(lambda: home.year_data is not None, timeout=10_000)
    chart = home.month_chart
    home.scroll.ensureWidgetVisible(chart)
    assert len(chart.categories) == 12
    calls: list[tuple[int, int]] = []
    chart.bar_clicked.connect(lambda series, column: calls.append((series, column)))
    for column in range(12):
        point = chart.bar_center(1, column).toPoint()
        assert chart.viewport().rect().contains(point), column
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert calls == [(1, column) for column in range(12)]


# -- another month ------------------------------------------------------------------------------------


def test_the_previous_month_shows_its_own_figures_and_the_overdue_return_still(
    qtbot: Any, home: HomePage, sqlite_ledger: Ledger, month: Month
) -> None:
    today = month.today
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        click(qtbot, home.picker.previous)
    assert home.busy.isHidden()
    summary = home.summary
    assert summary is not None and not summary.is_current
    previous = (today.replace(day=1) - DAY).replace(day=1)
    assert (summary.year, summary.month) == (previous.year, previous.month)
    assert home.picker.current.isEnabled()
    title = f"{previous.year}年{previous.month}月"
    assert home.meeting_card.title.text() == f"{title}集体学习交流会"
    assert home.survey_card.title.text() == f"{title}调研未达标"
    # No meeting recorded that month: marked as missed.
    assert "未召开" in home.meeting_card.value.text()
    assert home.meeting_card.property("alert") is True
    # Weeks missed per member, as the core's matrix of that month counts them.
    first, last = month_range(previous.year, previous.month)
    matrix = targets_matrix(sqlite_ledger, first, last, today)
    expected = [f"{r.name} · {r.surveys_missed} 周" for r in matrix.rows if r.surveys_missed]
    assert texts(home.survey_card.list) == expected
    # Overdue returns are as of today, whatever the month shown.
    assert len(texts(home.overdue_card.list)) == 1
    # Back to this month.
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        click(qtbot, home.picker.current)
    assert home.summary is not None and home.summary.is_current
    assert not home.picker.current.isEnabled()


def test_a_month_picked_while_hidden_is_loaded_when_shown(
    qtbot: Any, home: HomePage, month: Month
) -> None:
    home.hide()
    home.show_target({"month": datetime.date(2025, 3, 1)})
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        home.show()
    assert home.summary is not None and (home.summary.year, home.summary.month) == (2025, 3)


# -- in the window -------------------------------------------------------------------------------------


def test_in_the_window_items_lead_to_the_list_page_and_the_member_file(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, month: Month
) -> None:
    window = make_window(sqlite_ledger)
    home = window.page("home")

    qtbot.waitUntil(lambda: home.summary is not None and not home.loading, timeout=10_000)
    click_item(qtbot, home.overdue_card.list, 0)
    assert window.current_key == "leave"
    # The leave list shows the overdue requests, with the one clicked selected.
    leave_page = window.pages["leave"]
    assert isinstance(leave_page, ListPage)
    qtbot.waitUntil(lambda: leave_page.selected_ids() == [month.overdue], timeout=10_000)
    assert leave_page.model.rowCount() == 1

    # A name leads to the member's file.
    window.show_page("home")
    names = texts(home.highlight_card.list)
    member_file = window.page("member_file")
    assert isinstance(member_file, MemberFilePage)
    with qtbot.waitSignal(member_file.loaded, timeout=10_000):
        click_item(qtbot, home.highlight_card.list, names.index("赵六"))
    assert window.current_key == "member_file"
    assert member_file.member_id() == month.m["D"]
    assert member_file.profile_values["name"].text() == "赵六"


def test_the_page_redraws_when_records_change(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, month: Month
) -> None:
    window = make_window(sqlite_ledger)
    home = window.page("home")

    qtbot.waitUntil(lambda: home.summary is not None and not home.loading, timeout=10_000)
    assert "李四" in texts(home.highlight_card.list)
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        window.operations.save(
            "highlight",
            {"member": month.m["B"], "month": month.today.replace(day=1), "title": "李四的亮点"},
        )
        assert home.busy.isVisible()  # the statistics run in the background
    assert texts(home.highlight_card.list) == ["赵六"]
    assert home.figures["highlights"].number.text() == "3"


def test_english(qtbot: Any, home: HomePage, month: Month, translations: Any) -> None:
    translations.apply("en")
    home.retranslate_ui()
    assert home.heading.text() == "Home"
    assert home.survey_card.title.text() == "No survey this week"
    assert home.overdue_card.list.item(0).text().startswith("赵六 · Personal leave")
    assert home.month_chart.sets[0].label() == "Study sessions"


def test_a_ledger_without_records_shows_calm_empty_cards(
    qtbot: Any, sqlite_ledger: Ledger, ui_settings: QSettings, navigation: Navigation
) -> None:
    home = make_page(HomePage, qtbot, sqlite_ledger, ui_settings, navigation)
    assert home.meeting_card.empty.isVisible()
    assert home.survey_card.empty.text() == "这段时间没有在任的成员。"
    assert home.overdue_card.empty.text() == "没有逾期未销假的请假。"
    assert home.overdue_card.property("alert") is False
    assert not home.overdue_card.link.isVisible()


def test_a_long_list_shows_the_first_records_and_leads_to_all(
    qtbot: Any, sqlite_ledger: Ledger, month: Month, ui_settings: QSettings, navigation: Navigation
) -> None:
    day = month.today + 20 * DAY
    for _ in range(MAX_ITEMS):  # 30 more requests of C awaiting approval: 31 in all
        day = with_a_working_day(day, day)  # (one working day each)
        leave_requests.save(
            sqlite_ledger,
            {"member": month.m["C"], "leave_type": "personal", "start_date": day, "end_date": day},
        )
        day += DAY
    home = make_page(HomePage, qtbot, sqlite_ledger, ui_settings, navigation)
    assert home.pending_card.value.text() == "31 件"
    lines = texts(home.pending_card.list)
    assert len(lines) == MAX_ITEMS + 1 and lines[-1] == "…… 另有 1 条"
    click_item(qtbot, home.pending_card.list, MAX_ITEMS)
    assert navigation.calls[-1] == ("leave", {"filters": Filters(status="pending")})


# -- the year plan's card ---------------------------------------------------------------------------


def take_plan(ledger: Ledger, year: int) -> dict[str, uuid.UUID]:
    """A plan of two measures for the year: the red line (a group's monthly tick) and a highlight
    per member per month; their ids by wording."""
    from db.services import plans

    specs = (
        plans.MeasureSpec("坚守一条工作红线", "group", "month", "manual"),
        plans.MeasureSpec("每人每月总结一个亮点", "member", "month", "highlight"),
    )
    plan = plans.take_plan(ledger, year, specs, "细化措施")
    return {m.wording: m.id for m in plans.measures_of(plan)}


def test_the_plan_card_lists_the_measures_behind_and_leads_to_them(
    qtbot: Any,
    sqlite_ledger: Ledger,
    month: Month,
    ui_settings: QSettings,
    navigation: Navigation,
) -> None:
    """Counted by hand: of this year's months, those before this one are over (``over``); nothing
    ticks the red line, and the four members (钱七 is a branch member only) reported highlights
    this month only, A and C."""
    from db.queries.plan import behind_measures, plan_progress

    today = month.today
    ids = take_plan(sqlite_ledger, today.year)
    home = make_page(HomePage, qtbot, sqlite_ledger, ui_settings, navigation)
    card = home.plan_card
    over = today.month - 1
    core = behind_measures(plan_progress(sqlite_ledger, today.year, today))
    shown = texts(card.list) if card.list.isVisible() else []
    assert [line.split(" · ")[0] for line in shown] == [m.measure.wording for m in core]
    assert card.title.text() == f"{today.year} 年年度计划中滞后的措施"
    click(qtbot, card.link)
    assert navigation.calls[-1] == ("plan", {"year": today.year})
    if not over:  # 1 January: no month is over, and this month's highlights are in
        assert shown == []
        assert card.value.text() == "√" and card.property("alert") is False
        assert card.empty.text() == "没有滞后的措施。"
        return
    assert shown == [
        f"坚守一条工作红线 · 已完成 0/{over}",
        f"每人每月总结一个亮点 · 已完成 2/{4 * over + 2} · 未完成：张三、李四、王五等 4 人",
    ]
    assert card.value.text() == "2 项" and card.property("alert") is True
    assert card.detail.text() == (
        "《细化措施》共 2 项：已完成 0 项，推进中 0 项，滞后 2 项"
        "（工作组未填写挂职起止日期，按全年计算；请在“设置 → 工作组”中填写）"  # no term here
    )
    click_item(qtbot, card.list, 0)
    assert navigation.calls[-1] == (
        "plan",
        {"year": today.year, "measure_id": ids["坚守一条工作红线"]},
    )


def test_a_year_without_a_plan_counts_the_three_basic_measures(
    home: HomePage, sqlite_ledger: Ledger, month: Month
) -> None:
    from db.queries.plan import behind_measures, plan_progress

    core = behind_measures(plan_progress(sqlite_ledger, month.today.year, month.today))
    assert home.plan_card.detail.text().startswith(
        "本年度还没有年度计划，按三项基本考核目标计算：《年度计划》共 3 项"
    )
    shown = texts(home.plan_card.list) if core else []
    assert [line.split(" · ")[0] for line in shown] == [m.measure.wording for m in core]


def test_in_the_window_the_plan_card_leads_to_the_measure_and_redraws_when_it_is_ticked(
    qtbot: Any, make_window: WindowFactory, sqlite_ledger: Ledger, month: Month
) -> None:
    from gui.pages.plan import PlanPage

    today = month.today
    ids = take_plan(sqlite_ledger, today.year)
    window = make_window(sqlite_ledger)
    home = window.page("home")
    qtbot.waitUntil(lambda: home.plan is not None and not home.loading, timeout=10_000)
    if today.month == 1:  # nothing is behind yet; the card's link leads to the plan
        assert texts(home.plan_card.list) == []
        click(qtbot, home.plan_card.link)
        assert window.current_key == "plan"
        return
    click_item(qtbot, home.plan_card.list, 0)
    assert window.current_key == "plan"
    page = window.pages["plan"]
    assert isinstance(page, PlanPage)
    selected = page.selected_measure()
    assert selected is not None and selected.measure.id == ids["坚守一条工作红线"]

    window.show_page("home")
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        for month_number in range(1, today.month):
            window.operations.save(
                "plan_tick",
                {
                    "measure": ids["坚守一条工作红线"],
                    "date": datetime.date(today.year, month_number, 28),
                    "note": "本月无违规",
                },
            )
    assert [line.split(" · ")[0] for line in texts(home.plan_card.list)] == ["每人每月总结一个亮点"]
    assert home.plan_card.value.text() == "1 项"


def test_the_plan_card_shows_six_measures_behind_without_scrolling(
    qtbot: Any,
    sqlite_ledger: Ledger,
    ui_settings: QSettings,
    navigation: Navigation,
) -> None:
    """Five unticked monthly measures of the group, all behind in November: every line is seen
    whole on the card (it showed three and a half, then scrolled)."""
    from db.services import plans

    clock.pin(d("2026-11-18"))
    specs = tuple(
        plans.MeasureSpec(f"第{n}项工作制度每月落实", "group", "month", "manual")
        for n in range(1, 6)
    )
    plans.take_plan(sqlite_ledger, 2026, specs, "细化措施")
    home = make_page(HomePage, qtbot, sqlite_ledger, ui_settings, navigation)
    home.resize(1400, 900)
    card = home.plan_card
    assert len(texts(card.list)) == 5
    viewport = card.list.viewport().rect()
    for row in range(card.list.count()):
        assert viewport.contains(card.list.visualItemRect(card.list.item(row))), row


def test_the_plan_card_says_when_the_groups_term_is_not_filled_in(
    qtbot: Any,
    new_ledger: Ledger,
    ui_settings: QSettings,
    navigation: Navigation,
) -> None:
    """Seen under X: a group made today without its term showed 48 weeks behind; the card says
    the whole year counts because the term is not filled in, and where to fill it in."""
    from db.services.groups import work_groups

    work_groups.create_group(new_ledger, {"name": "宝鸡市赴苏州市挂职工作组"})
    add_member(new_ledger, "张伟")
    home = make_page(HomePage, qtbot, new_ledger, ui_settings, navigation)
    assert home.plan_card.detail.text().endswith(
        "（工作组未填写挂职起止日期，按全年计算；请在“设置 → 工作组”中填写）"
    )
    group = work_groups.current(new_ledger)
    work_groups.save(
        new_ledger,
        {"name": group.name, "term_start": "2026-03-01", "term_end": "2027-02-28"},
        record_id=group.id,
    )
    home.refresh()
    qtbot.waitUntil(lambda: home.plan is not None and not home.loading, timeout=10_000)
    qtbot.waitUntil(lambda: "未填写挂职起止日期" not in home.plan_card.detail.text())
