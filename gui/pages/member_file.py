"""个人档案: one member's whole term on one page — the profile, the figures, and every record: study
sessions attended and missed (with the reasons), surveys, highlights, research reports, leave and
business trips, spot checks, achievements — and the member's part of the year plan (each per-person
measure with the member's done / expected so far / due, db.queries.plan.member_plan). Built from
db.queries.statistics.member_term in a background task.

A row leads to its record in the list; the file prints and exports as the command line's
``export member`` does (db.documents.member_file through gui.pdf), when those modules are present.
"""

from __future__ import annotations

import datetime
import importlib.util
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.common import clock, errors
from db.queries.lists import Filters
from db.queries.plan import BEHIND, DONE, MemberPlanYear, member_plan
from db.queries.statistics import MemberTerm, member_term
from db.rules import vocab
from db.services.members import members
from db.store.ledger import Ledger
from db.store.models import Member
from gui.dialogs import files
from gui.operations import describe_problem
from gui.pages.base import Page, PageContext, PageLoad
from gui.widgets import BusyIndicator, error_color
from gui.widgets.member_picker import MemberModel, MemberPicker, load_choices

Date = datetime.date
VISIBLE_ROWS = 10  # a section's table shows this many rows and scrolls beyond
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


def printing_available() -> bool:
    """Whether the member file can be printed and exported here (the Word/PDF writers exist)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("db.documents.member_file", "db.documents.export", "gui.pdf")
    )


@dataclass(frozen=True)
class MemberFile:
    """What the page shows: the member's record and the term's records."""

    member: Member
    term: MemberTerm
    plan: tuple[MemberPlanYear, ...] = ()  # the years of the term so far, as of today


def load_member_file(ledger: Ledger, member_id: uuid.UUID) -> MemberFile:
    term = member_term(ledger, member_id)
    plan = member_plan(ledger, term.member_id, term.start, term.end, clock.today())
    return MemberFile(members.get(ledger, member_id), term, tuple(plan))


def day_text(day: Date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(
        QDate(day.year, day.month, day.day),
        QCoreApplication.translate("MemberFilePage", "yyyy年M月d日"),
    )


def month_text(day: Date) -> str:
    return QLocale().toString(
        QDate(day.year, day.month, 1), QCoreApplication.translate("MemberFilePage", "yyyy年M月")
    )


def number_text(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


# -- a section: a title and a small table -------------------------------------------------------------


class Section(QWidget):
    """One kind of record in the file: a title with its figures, and a table of the records (a
    double-click or Enter on a row leads to the record in its list)."""

    followed = Signal(str, object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"section_{name}")
        self.title = QLabel()
        self.title.setObjectName(f"{name}Title")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName(f"{name}Table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.activated.connect(self._on_table_activated)
        self.empty = QLabel()
        self.empty.setObjectName(f"{name}Empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)

    def set_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[tuple[Sequence[str], tuple[str, Any] | None, bool]],
        empty_text: str,
        stretch: int,
    ) -> None:
        """``rows``: (cells, where the row leads, whether to mark it) each."""
        table = self.table
        table.clear()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setRowCount(len(rows))
        marked = QBrush(mark_color(self.palette()))
        for row, (cells, target, mark) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setData(TARGET_ROLE, target)
                if mark:
                    item.setForeground(marked)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        shown = min(len(rows), VISIBLE_ROWS)
        height = (
            header.sizeHint().height()
            + shown * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
        )
        table.setFixedHeight(height)
        table.setVisible(bool(rows))
        self.empty.setText(empty_text)
        self.empty.setVisible(not rows)

    @Slot()
    def _on_table_activated(self, index: Any) -> None:
        item = self.table.item(index.row(), 0)
        target = item.data(TARGET_ROLE) if item is not None else None
        if target:
            self.followed.emit(*target)


def mark_color(palette: QPalette) -> QColor:
    return error_color(palette)


class Figure(QFrame):
    """A figure of the term: a number over its caption."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("–")
        self.number.setObjectName(f"{name}Number")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)


# -- the page ---------------------------------------------------------------------------------------


FIGURES = (
    "attended",
    "missed",
    "surveys",
    "highlights",
    "reports",
    "leave",
    "spot_checks",
    "achievements",
)
SECTIONS = (
    "sessions",
    "surveys",
    "highlights",
    "reports",
    "leave",
    "spot_checks",
    "achievements",
    "plan",
)
PROFILE = (
    "name",
    "gender",
    "political_status",
    "role",
    "party_group",
    "field_of_work",
    "sending_unit_post",
    "host_unit_post",
    "term",
    "status",
    "phone",
    "notes",
)


class MemberFilePage(Page):
    kinds: ClassVar[frozenset[str] | None] = None  # a member file shows every kind of record

    loaded = Signal()  # a member's file was shown (or could not be)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.data: MemberFile | None = None
        self._wanted: uuid.UUID | None = None  # the member asked for before the page was shown

        self.heading = self.make_heading()
        self.member_model = MemberModel(parent=self)
        self.picker = MemberPicker(self.member_model)
        self.picker.setObjectName("memberFilePicker")
        self.picker.setMinimumWidth(200)
        self.picker.setMaximumWidth(320)
        self.picker.member_changed.connect(self._on_picker_member_changed)
        self.picker_label = QLabel()
        self.picker_label.setBuddy(self.picker)
        self.previous_button = QToolButton()
        self.previous_button.setObjectName("previousMember")
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QToolButton()
        self.next_button.setObjectName("nextMember")
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.clicked.connect(lambda: self._step(+1))
        self.print_button = QPushButton()
        self.print_button.setObjectName("printMemberFile")
        self.print_menu = QMenu(self.print_button)
        self.preview_action = QAction(self)
        self.preview_action.triggered.connect(self.print_preview)
        self.export_action = QAction(self)
        self.export_action.triggered.connect(lambda: self.export())
        self.print_menu.addAction(self.preview_action)
        self.print_menu.addAction(self.export_action)
        self.print_button.setMenu(self.print_menu)
        self.busy = BusyIndicator()
        self.load = PageLoad(
            self, self.busy, on_result=self._show_file, on_problem=self._show_problem
        )
        self.problem_label = QLabel()
        self.problem_label.setObjectName("memberFileProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(False)

        # profile
        self.profile_labels: dict[str, QLabel] = {}
        self.profile_values: dict[str, QLabel] = {}
        profile = QGridLayout()
        profile.setHorizontalSpacing(16)
        profile.setVerticalSpacing(4)
        for index, name in enumerate(PROFILE):
            label = QLabel()
            value = QLabel()
            value.setObjectName(f"profile_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.profile_labels[name] = label
            self.profile_values[name] = value
            row, column = divmod(index, 2)
            profile.addWidget(label, row, column * 2, Qt.AlignmentFlag.AlignTop)
            profile.addWidget(value, row, column * 2 + 1)
        profile.setColumnStretch(1, 1)
        profile.setColumnStretch(3, 1)

        # figures
        self.figures = {name: Figure(f"figure_{name}") for name in FIGURES}
        figures = QHBoxLayout()
        figures.setSpacing(8)
        for figure in self.figures.values():
            figures.addWidget(figure)

        self.sections = {name: Section(name) for name in SECTIONS}
        for section in self.sections.values():
            section.followed.connect(self._on_followed)

        body = QWidget()
        body.setObjectName("memberFileBody")
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 8, 0)
        content.setSpacing(8)
        content.addLayout(profile)
        content.addLayout(figures)
        for section in self.sections.values():
            content.addWidget(section)
        content.addStretch()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("memberFileScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        self.body = body

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(24)
        top.addWidget(self.picker_label)
        top.addWidget(self.previous_button)
        top.addWidget(self.picker)
        top.addWidget(self.next_button)
        top.addStretch()
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.scroll, 1)
        self._apply_colors()
        self.retranslate_ui()

    # -- texts ----------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("个人档案"))
        self.picker_label.setText(self.tr("成员："))
        self.picker.setPlaceholderText(self.tr("输入姓名或拼音首字母"))
        self.previous_button.setToolTip(self.tr("上一位成员"))
        self.next_button.setToolTip(self.tr("下一位成员"))
        self.print_button.setText(self.tr("打印/导出"))
        self.preview_action.setText(self.tr("打印预览…"))
        self.export_action.setText(self.tr("导出为 Word、PDF 或 Markdown……"))
        available = printing_available()
        self.print_button.setEnabled(available)
        self.print_button.setToolTip(
            self.tr("打印本档案，或导出为文件")
            if available
            else self.tr("打印和导出还未就绪（缺少导出组件）")
        )
        captions = {
            "name": self.tr("姓名"),
            "gender": self.tr("性别"),
            "political_status": self.tr("政治面貌"),
            "role": self.tr("组内职务"),
            "party_group": self.tr("党小组"),
            "field_of_work": self.tr("工作领域"),
            "sending_unit_post": self.tr("派出单位及职务"),
            "host_unit_post": self.tr("挂职单位及职务"),
            "term": self.tr("挂职期间"),
            "status": self.tr("状态"),
            "phone": self.tr("联系电话"),
            "notes": self.tr("备注"),
        }
        for name, label in self.profile_labels.items():
            label.setText(self.tr("{label}：").format(label=captions[name]))
        figure_captions = {
            "attended": self.tr("参加学习（次）"),
            "missed": self.tr("缺席学习（次）"),
            "surveys": self.tr("调研走访（次）"),
            "highlights": self.tr("月度亮点（条）"),
            "reports": self.tr("调研报告（篇）"),
            "leave": self.tr("请假（天）"),
            "spot_checks": self.tr("在岗抽查（次）"),
            "achievements": self.tr("工作成果（项）"),
        }
        for name, figure in self.figures.items():
            figure.caption.setText(figure_captions[name])
        self._render()

    # -- choosing a member --------------------------------------------------------------------------------
    def member_id(self) -> uuid.UUID | None:
        return self.picker.member_id()

    def show_member(self, member_id: uuid.UUID) -> None:
        """Show a member's file (as picking the member would)."""
        self._wanted = member_id
        self._load_choices()
        self.picker.set_member_id(member_id)
        if self.isVisible():
            self._load()
        else:
            self.mark_stale()

    def show_target(self, target: Any) -> None:
        if isinstance(target, dict) and target.get("member_id") is not None:
            member_id = target["member_id"]
            self.show_member(
                member_id if isinstance(member_id, uuid.UUID) else uuid.UUID(str(member_id))
            )

    def _load_choices(self) -> None:
        choices = load_choices(self.ledger)
        if [c.id for c in choices] != [c.id for c in self.member_model.choices] or choices != list(
            self.member_model.choices
        ):
            current = self.picker.member_id()
            self.member_model.set_choices(choices)
            if current is not None:
                self.picker.set_member_id(current)

    def _step(self, step: int) -> None:
        ids = [c.id for c in self.member_model.choices]
        if not ids:
            return
        current = self.picker.member_id()
        index = ids.index(current) + step if current in ids else 0
        self.show_member(ids[index % len(ids)])

    @Slot(object)
    def _on_picker_member_changed(self, member_id: uuid.UUID | None) -> None:
        if member_id is not None:
            self._wanted = member_id
            self._load()

    # -- loading ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._load_choices()
        if self.picker.member_id() is None:
            member_id = self._wanted
            if member_id is None and self.member_model.choices:
                member_id = self.member_model.choices[0].id
            if member_id is not None:
                self.picker.set_member_id(member_id)
        self._load()

    def _load(self) -> None:
        member_id = self.picker.member_id()
        if member_id is None:
            self.load.cancel()
            self.data = None
            self._render()
            return
        self.problem_label.setVisible(False)
        self.load.begin(self.tr("正在整理个人档案……"))
        self.load.run(load_member_file, self.ledger, member_id)

    def _show_file(self, data: MemberFile) -> None:
        self.data = data
        self._render()

    def _show_problem(self, problem: str) -> None:
        self.problem_label.setText(self.tr("未能整理个人档案：{problem}").format(problem=problem))
        self.problem_label.setVisible(True)

    # -- drawing ----------------------------------------------------------------------------------------
    def _render(self) -> None:
        data = self.data
        self.body.setVisible(data is not None)
        if data is None:
            return
        lang = self.language()
        member, term = data.member, data.term
        if term.term_start or term.term_end:
            period = self.tr("{start}—{end}").format(
                start=day_text(term.term_start) or self.tr("（未填）"),
                end=day_text(term.term_end) or self.tr("（未填）"),
            )
        else:
            period = self.tr("与工作组相同")
        if (term.start, term.end) != (term.term_start, term.term_end) and (term.start or term.end):
            period = self.tr("{own}（本档案：{start}—{end}）").format(
                own=period, start=day_text(term.start), end=day_text(term.end)
            )
        values = {
            "name": term.name
            + (self.tr("（支部成员，不计入工作组目标）") if term.branch_only else ""),
            "gender": vocab.label("gender", member.gender, lang)
            if member.gender in vocab.codes("gender")
            else member.gender,
            "political_status": vocab.label("political_status", member.political_status, lang)
            if member.political_status in vocab.codes("political_status")
            else member.political_status,
            "role": vocab.label("role", term.role, lang)
            if term.role in vocab.codes("role")
            else term.role,
            "party_group": term.party_group,
            "field_of_work": member.field_of_work,
            "sending_unit_post": member.sending_unit_post,
            "host_unit_post": member.host_unit_post,
            "term": period,
            "status": vocab.label("member_status", term.status, lang)
            if term.status in vocab.codes("member_status")
            else term.status,
            "phone": member.phone,
            "notes": member.notes,
        }
        for name, value in self.profile_values.items():
            value.setText(values[name] or "—")

        numbers = {
            "attended": len(term.sessions_attended),
            "missed": len(term.sessions_missed),
            "surveys": len(term.surveys),
            "highlights": len(term.highlights),
            "reports": len(term.reports),
            "leave": number_text(term.leave_total.days),
            "spot_checks": len(term.spot_checks),
            "achievements": len(term.achievements),
        }
        for name, figure in self.figures.items():
            figure.number.setText(str(numbers[name]))
        self.figures["leave"].setToolTip(
            self.tr(
                "请假 {count} 次，共 {days} 个工作日；因公外出 {trips} 次（不计为请假）"
            ).format(
                count=term.leave_total.count,
                days=number_text(term.leave_total.days),
                trips=len(term.business_trips),
            )
        )
        self._render_sessions(term, lang)
        self._render_surveys(term, lang)
        self._render_highlights(term, lang)
        self._render_reports(term, lang)
        self._render_leave(term, lang)
        self._render_spot_checks(term, lang)
        self._render_achievements(term, lang)
        self._render_plan(data.plan, lang)

    def _member_filters(self, term: MemberTerm, **extra: Any) -> Filters:
        return Filters(member_id=term.member_id, **extra)

    def _render_sessions(self, term: MemberTerm, lang: str) -> None:
        section = self.sections["sessions"]
        by_kind = self.tr("，").join(
            self.tr("{kind} {count} 次").format(kind=vocab.label("session_kind", k, lang), count=n)
            for k, n in term.attended_by_kind.items()
            if n
        )
        section.title.setText(
            self.tr("学习交流：出席 {attended} 次，缺席 {missed} 次").format(
                attended=len(term.sessions_attended), missed=len(term.sessions_missed)
            )
            + (self.tr("（{detail}）").format(detail=by_kind) if by_kind else "")
        )
        filters = self._member_filters(term)
        rows: list[tuple[Sequence[str], tuple[str, Any] | None, bool]] = []
        entries: list[tuple[Date, int, Any]] = [(s.date, 0, s) for s in term.sessions_attended] + [
            (s.date, 1, s) for s in term.sessions_missed
        ]
        entries.sort(key=lambda e: (e[0], e[1]))
        for _day, missed, s in entries:
            if missed:
                reason = vocab.label("absence_reason", s.reason, lang) if s.reason else ""
                note = f"{reason}：{s.note}" if reason and s.note else (reason or s.note)
                presence = (
                    self.tr("缺席（{reason}）").format(reason=note) if note else self.tr("缺席")
                )
            else:
                presence = self.tr("出席")
            rows.append(
                (
                    (
                        day_text(s.date),
                        vocab.label("session_kind", s.kind, lang),
                        s.topic,
                        presence,
                    ),
                    ("sessions", {"filters": filters, "record_id": s.id}),
                    bool(missed),
                )
            )
        section.set_rows(
            (self.tr("日期"), self.tr("类别"), self.tr("主题"), self.tr("出席情况")),
            rows,
            self.tr("没有学习交流的出席记录。"),
            stretch=2,
        )

    def _render_surveys(self, term: MemberTerm, lang: str) -> None:
        section = self.sections["surveys"]
        by_kind = self.tr("，").join(
            self.tr("{kind} {count} 次").format(kind=vocab.label("survey_kind", k, lang), count=n)
            for k, n in term.surveys_by_kind.items()
            if n
        )
        section.title.setText(
            self.tr("调研走访：{count} 次").format(count=len(term.surveys))
            + (self.tr("（{detail}）").format(detail=by_kind) if by_kind else "")
        )
        filters = self._member_filters(term)
        section.set_rows(
            (self.tr("日期"), self.tr("类型"), self.tr("调研对象"), self.tr("主题")),
            [
                (
                    (
                        day_text(s.date),
                        vocab.label("survey_kind", s.kind, lang),
                        s.visited,
                        s.topic,
                    ),
                    ("surveys", {"filters": filters, "record_id": s.id}),
                    False,
                )
                for s in term.surveys
            ],
            self.tr("没有调研走访记录。"),
            stretch=3,
        )

    def _render_highlights(self, term: MemberTerm, lang: str) -> None:
        section = self.sections["highlights"]
        section.title.setText(self.tr("月度亮点：{count} 条").format(count=len(term.highlights)))
        filters = self._member_filters(term)
        section.set_rows(
            (self.tr("月份"), self.tr("类别"), self.tr("标题"), self.tr("重点亮点")),
            [
                (
                    (
                        month_text(h.month),
                        vocab.label("highlight_category", h.category, lang)
                        if h.category in vocab.codes("highlight_category")
                        else h.category,
                        h.title,
                        self.tr("是") if h.featured else "",
                    ),
                    ("highlights", {"filters": filters, "record_id": h.id}),
                    False,
                )
                for h in term.highlights
            ],
            self.tr("没有月度亮点。"),
            stretch=2,
        )

    def _render_reports(self, term: MemberTerm, lang: str) -> None:
        section = self.sections["reports"]
        section.title.setText(self.tr("调研报告：{count} 篇").format(count=len(term.reports)))
        filters = self._member_filters(term)
        rows = []
        for r in term.reports:
            award = " ".join(
                part
                for part in (
                    vocab.label("award_level", r.award_level, lang)
                    if r.award_level in vocab.codes("award_level")
                    else r.award_level,
                    r.award_rank,
                )
                if part
            )
            rows.append(
                (
                    (
                        r.title,
                        day_text(r.completion_date) or self.tr("撰写中"),
                        "、".join(r.authors),
                        r.submitted_to,
                        award,
                    ),
                    ("reports", {"filters": filters, "record_id": r.id}),
                    False,
                )
            )
        section.set_rows(
            (
                self.tr("标题"),
                self.tr("完成日期"),
                self.tr("作者"),
                self.tr("报送"),
                self.tr("获奖"),
            ),
            rows,
            self.tr("没有调研报告。"),
            stretch=0,
        )

    def _render_leave(self, term: MemberTerm, lang: str) -> None:
        section = self.sections["leave"]
        section.title.setText(
            self.tr("请假：{count} 次，共 {days} 个工作日；因公外出 {trips} 次").format(
                count=term.leave_total.count,
                days=number_text(term.leave_total.days),
                trips=len(term.business_trips),
            )
        )
        filters = self._member_filters(term)
        items = sorted(
            (*term.leave, *term.business_trips), key=lambda i: (i.start_date, i.start_half)
        )
        rows = []
        for item in items:
            start = f"{day_text(item.start_date)}{vocab.label('half_day', item.start_half, lang)}"
            end = f"{day_text(item.end_date)}{vocab.label('half_day', item.end_half, lang)}"
            back = (
                f"{day_text(item.return_date)}{vocab.label('half_day', item.return_half, lang)}"
                if item.return_date is not None
                else ""
            )
            rows.append(
                (
                    (
                        vocab.label("leave_type", item.leave_type, lang),
                        start,
                        end,
                        number_text(item.days),
                        vocab.label("leave_status", item.status, lang),
                        back,
                        item.destination,
                    ),
                    ("leave", {"filters": filters, "record_id": item.id}),
                    False,
                )
            )
        section.set_rows(
            (
                self.tr("类型"),
                self.tr("开始"),
                self.tr("结束"),
                self.tr("天数"),
                self.tr("状态"),
                self.tr("销假"),
                self.tr("去向"),
            ),
            rows,
            self.tr("没有请假或因公外出。"),
            stretch=6,
        )

    def _render_spot_checks(self, term: MemberTerm, lang: str) -> None:
        section = self.sections["spot_checks"]
        results = self.tr("，").join(
            self.tr("{result} {count} 次").format(
                result=vocab.label("check_result", code, lang), count=n
            )
            for code, n in term.spot_check_results.items()
            if n
        )
        section.title.setText(
            self.tr("在岗抽查：{count} 次").format(count=len(term.spot_checks))
            + (self.tr("（{detail}）").format(detail=results) if results else "")
        )
        filters = self._member_filters(term)
        section.set_rows(
            (self.tr("日期"), self.tr("方式"), self.tr("结果"), self.tr("说明")),
            [
                (
                    (
                        day_text(c.date),
                        vocab.label("check_method", c.method, lang)
                        if c.method in vocab.codes("check_method")
                        else c.method,
                        vocab.label("check_result", c.result, lang),
                        c.note,
                    ),
                    ("spotchecks", {"filters": filters, "record_id": c.check_id}),
                    c.result == "absent",
                )
                for c in term.spot_checks
            ],
            self.tr("没有被抽查的记录。"),
            stretch=3,
        )

    def _render_achievements(self, term: MemberTerm, lang: str) -> None:
        section = self.sections["achievements"]
        section.title.setText(self.tr("工作成果：{count} 项").format(count=len(term.achievements)))
        filters = self._member_filters(term)
        rows = []
        for a in term.achievements:
            if a.amount is not None:
                size = self.tr("{amount} 万元").format(amount=number_text(a.amount))
            elif a.count is not None:
                size = str(a.count)
            else:
                size = ""
            rows.append(
                (
                    (
                        day_text(a.date),
                        vocab.label("achievement_kind", a.kind, lang)
                        if a.kind in vocab.codes("achievement_kind")
                        else a.kind,
                        a.title,
                        size,
                    ),
                    ("achievements", {"filters": filters, "record_id": a.id}),
                    False,
                )
            )
        section.set_rows(
            (self.tr("日期"), self.tr("类别"), self.tr("标题"), self.tr("金额或数量")),
            rows,
            self.tr("没有工作成果记录。"),
            stretch=2,
        )

    def _render_plan(self, years: Sequence[MemberPlanYear], lang: str) -> None:
        """The per-person measures of each year's plan, with this member's figures; a row leads to
        the measure on the 年度计划 page."""
        section = self.sections["plan"]
        rows_of = [(year, measure, unit) for year in years for measure, unit in year.rows]
        done = sum(1 for _y, _m, unit in rows_of if unit.status == DONE)
        behind = sum(1 for _y, _m, unit in rows_of if unit.status == BEHIND)
        section.title.setText(
            self.tr("年度计划：每人的措施 {count} 项，已完成 {done} 项，滞后 {behind} 项").format(
                count=len(rows_of), done=done, behind=behind
            )
        )
        status = {DONE: self.tr("已完成"), BEHIND: self.tr("滞后")}
        rows = []
        for year, measure, unit in rows_of:
            spec = measure.measure
            title = year.progress.title if year.progress.stored else self.tr("基本考核目标")
            rows.append(
                (
                    (
                        self.tr("{year} 年").format(year=year.progress.year),
                        spec.wording,
                        self.tr("{period} {count} 次").format(
                            period=vocab.label("plan_period", spec.period, lang), count=spec.count
                        ),
                        str(unit.done),
                        str(unit.expected),
                        str(unit.due),
                        status.get(unit.status, self.tr("推进中")),
                        title,
                    ),
                    ("plan", {"year": year.progress.year, "measure_id": spec.id})
                    if year.progress.stored
                    else ("plan", {"year": year.progress.year}),
                    unit.status == BEHIND,
                )
            )
        section.set_rows(
            (
                self.tr("年度"),
                self.tr("措施"),
                self.tr("要求"),
                self.tr("已完成"),
                self.tr("至今应完成"),
                self.tr("全年应完成"),
                self.tr("进展"),
                self.tr("计划"),
            ),
            rows,
            self.tr("年度计划中没有这位成员要落实的措施。"),
            stretch=1,
        )

    # -- leading to the records ---------------------------------------------------------------------------
    @Slot(str, object)
    def _on_followed(self, key: str, target: Any) -> None:
        self.context.navigate(key, target)

    # -- printing and exporting ---------------------------------------------------------------------------
    def _document(self) -> Any:
        from db.documents.member_file import build_member_file

        member_id = self.picker.member_id()
        assert member_id is not None
        return build_member_file(self.ledger, member_id)

    @Slot()
    def print_preview(self) -> None:
        if self.picker.member_id() is None:
            return
        from gui.pdf import print_preview_dialog

        dialog = print_preview_dialog(
            self._document, self, lambda exc: self.operations.report(describe_problem(exc))
        )
        dialog.exec()  # type: ignore[attr-defined]

    def export(self, path: str | None = None) -> Path | None:
        """Write the file as Word, PDF or Markdown (by the name's ending); asks where if not given."""
        if self.picker.member_id() is None or self.data is None:
            return None
        if path is None:
            name = self.tr("{name}个人档案").format(name=self.data.term.name)
            chosen = files.ask_save_path(
                self,
                self.context.settings,
                self.tr("导出个人档案"),
                name,
                [
                    ("docx", self.tr("Word 文档 (*.docx)")),
                    ("pdf", self.tr("PDF 文件 (*.pdf)")),
                    ("md", self.tr("Markdown 文件 (*.md)")),
                ],
            )
            if chosen is None:
                return None
            path = str(chosen)
            asked = True
        else:
            asked = False
        from db.documents.export import write
        from gui.pdf import write_pdf

        target = Path(path)
        fmt = target.suffix.lower().lstrip(".")
        if fmt not in ("docx", "pdf", "md"):
            target = target.with_suffix(".docx")
            fmt = "docx"
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write(self._document(), fmt, target, pdf_writer=write_pdf)
        except (errors.LedgerError, OSError) as exc:
            self.operations.report(describe_problem(exc))
            return None
        finally:
            self.unsetCursor()
        self.context.show_status(self.tr("已导出：{path}").format(path=str(written)))
        if asked:
            files.show_exported(self, written)
        return written

    # -- colours ----------------------------------------------------------------------------------------
    def _apply_colors(self) -> None:
        palette = self.problem_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color(palette))
        self.problem_label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colors()
            self._render()


__all__ = ["MemberFilePage", "load_member_file", "printing_available"]
