"""信息动态与报表: the month's bulletin (第N期) with a live preview and the editor's own text, the year
summary and a member file, each exported as Word, PDF or Markdown, or printed.

The documents are the core's (db.documents.bulletin, db.documents.summary, db.documents.member_file) and are written by
db.documents.export, which the command line calls too; this page gathers the records off the GUI thread,
shows the Document's pages as the PDF and the printer get them (gui.widgets.page_preview) and asks
where to write.

Looking at a month does not create its issue: the number and issue date (印发日期) shown are the ones
it will get, and the issue is created (and numbered) when its text or date is first saved or the
bulletin first exported — so browsing months does not hand out numbers out of order. The issue date
is edited beside the number and saved with the editor's text; the preview follows it, since the
bulletin's figures are as of that date.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.common import clock, errors
from db.documents import export as documents
from db.documents.bulletin import BulletinData, bulletin_data, bulletin_document
from db.documents.document import Document
from db.documents.member_file import build_member_file
from db.documents.summary import build_year_summary
from db.queries.lists import LISTS, Filters
from db.services.bulletins import MAX_DAYS_AFTER, bulletins
from db.store.ledger import Ledger
from gui import worker
from gui.dialogs import files
from gui.operations import describe_problem, is_user_problem
from gui.pages.base import Page, PageContext
from gui.widgets.member_picker import MemberModel, MemberPicker, load_choices
from gui.widgets.page_preview import PagePreview

TEXT_DELAY_MS = 300  # the preview follows the editor's typing after this pause
# The kinds whose latest date decides the month the page opens at.
DATED_KINDS = ("session", "survey", "spotcheck", "achievement", "highlight")


# -- the core calls, run in a pool thread ------------------------------------------------------------


def latest_month(ledger: Ledger, today: datetime.date) -> tuple[int, int]:
    """The last month up to today that has records, or today's month."""
    found: list[datetime.date] = []
    for kind in DATED_KINDS:
        spec = LISTS[kind]
        keys = spec.ids(ledger, Filters(date_to=today, today=today), spec.default_sort, True)
        if not keys:
            continue
        row = spec.rows(ledger, keys[:1]).get(keys[0]) or {}
        value = row.get(spec.default_sort)
        if isinstance(value, datetime.date):
            found.append(value)
    day = max(found) if found else today
    return day.year, day.month


def preview_data(
    ledger: Ledger,
    year: int,
    month: int,
    today: datetime.date,
    issue_date: datetime.date | None = None,
) -> BulletinData:
    """What the month's bulletin says, without creating its issue: an issue not created yet shows
    the number and date it will get (an export or a save creates it); ``issue_date`` previews a
    date typed but not saved yet."""
    return bulletin_data(ledger, year, month, today, issue_date=issue_date, create=False)


class ExportButtons(QWidget):
    """导出 Word / PDF / Markdown and 打印预览, each calling ``on_export(fmt)`` or ``on_print()``."""

    def __init__(
        self,
        name: str,
        on_export: Callable[[str], None],
        on_print: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.word = QPushButton()
        self.pdf = QPushButton()
        self.markdown = QPushButton()
        self.print_preview = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, button in (
            ("Word", self.word),
            ("Pdf", self.pdf),
            ("Markdown", self.markdown),
            ("Print", self.print_preview),
        ):
            button.setObjectName(f"{name}{key}Button")
            layout.addWidget(button)
        layout.addStretch()
        self.word.clicked.connect(lambda: on_export("docx"))
        self.pdf.clicked.connect(lambda: on_export("pdf"))
        self.markdown.clicked.connect(lambda: on_export("md"))
        self.print_preview.clicked.connect(lambda: on_print())

    def retranslate_ui(self) -> None:
        self.word.setText(self.tr("导出 Word"))
        self.pdf.setText(self.tr("导出 PDF"))
        self.markdown.setText(self.tr("导出 Markdown"))
        self.print_preview.setText(self.tr("打印预览…"))

    def set_enabled(self, enabled: bool) -> None:
        for button in (self.word, self.pdf, self.markdown, self.print_preview):
            button.setEnabled(enabled)


class BulletinsPage(Page):
    """See the module docstring. ``preview_ready`` is emitted when a preview has been drawn (the
    tab's name: "bulletin", "summary" or "member")."""

    kinds = None  # a bulletin speaks of every kind of record
    preview_ready = Signal(str)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._data: BulletinData | None = None
        self._loaded_texts: tuple[str, str] = ("", "")
        self._loaded_date: datetime.date | None = None
        self._expected_version: int | None = None
        self._shown_month: tuple[int, int] | None = None
        self._month_chosen = False
        self._year_chosen = False  # the summary's year: set by the user, or the latest with records
        self._generation = {"bulletin": 0, "summary": 0, "member": 0}
        self._loading: set[str] = set()
        self._stale_tabs = {"summary", "member"}
        self._summary: Document | None = None
        self._member_file: Document | None = None
        self._dialogs: list[QWidget] = []

        self.heading = self.make_heading()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("bulletinTabs")
        self.tabs.addTab(self._build_bulletin_tab(), "")
        self.tabs.addTab(self._build_summary_tab(), "")
        self.tabs.addTab(self._build_member_tab(), "")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self._render_bulletin)
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(TEXT_DELAY_MS)
        self._date_timer.timeout.connect(self._load_bulletin)
        self.retranslate_ui()

    # -- building ------------------------------------------------------------------------------------
    def _build_bulletin_tab(self) -> QWidget:
        tab = QWidget()
        self.month_label = QLabel()
        self.month_edit = QDateEdit()
        self.month_edit.setObjectName("bulletinMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setCurrentSection(QDateEdit.Section.MonthSection)
        self.month_edit.setMinimumDate(QDate(2000, 1, 1))
        self.month_edit.setMaximumDate(QDate(2100, 12, 31))
        today = self._today()
        self.month_edit.setDate(QDate(today.year, today.month, 1))
        self.month_edit.dateChanged.connect(self._on_month_edit_date_changed)
        self.previous_button = QPushButton()
        self.previous_button.setObjectName("bulletinPreviousMonth")
        self.previous_button.clicked.connect(lambda: self._step_month(-1))
        self.next_button = QPushButton()
        self.next_button.setObjectName("bulletinNextMonth")
        self.next_button.clicked.connect(lambda: self._step_month(+1))
        self.issue_label = QLabel()
        self.issue_label.setObjectName("bulletinIssue")
        font = self.issue_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.issue_label.setFont(font)
        self.state_label = QLabel()
        self.state_label.setObjectName("bulletinState")
        self.date_label = QLabel()
        self.issue_date_edit = QDateEdit()
        self.issue_date_edit.setObjectName("bulletinIssueDate")
        self.issue_date_edit.setCalendarPopup(True)
        self.issue_date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.issue_date_edit.setMaximumDate(QDate(2101, 12, 31))
        self.issue_date_edit.setEnabled(False)  # until a month is loaded
        self.issue_date_edit.dateChanged.connect(self._on_issue_date_edit_date_changed)
        self.date_label.setBuddy(self.issue_date_edit)

        bar = QHBoxLayout()
        bar.addWidget(self.month_label)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.month_edit)
        bar.addWidget(self.next_button)
        bar.addSpacing(16)
        bar.addWidget(self.issue_label)
        bar.addSpacing(16)
        bar.addWidget(self.date_label)
        bar.addWidget(self.issue_date_edit)
        bar.addSpacing(16)
        bar.addWidget(self.state_label, 1)

        self.texts_box = QGroupBox()
        self.overview_label = QLabel()
        self.overview_edit = QPlainTextEdit()
        self.overview_edit.setObjectName("bulletinOverview")
        self.plan_label = QLabel()
        self.plan_edit = QPlainTextEdit()
        self.plan_edit.setObjectName("bulletinPlan")
        for edit in (self.overview_edit, self.plan_edit):
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._on_text_edited)
        self.save_button = QPushButton()
        self.save_button.setObjectName("bulletinSaveTexts")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.texts_hint = QLabel()
        self.texts_hint.setWordWrap(True)
        self.texts_hint.setObjectName("bulletinTextsHint")
        box_layout = QVBoxLayout(self.texts_box)
        box_layout.addWidget(self.overview_label)
        box_layout.addWidget(self.overview_edit, 3)
        box_layout.addWidget(self.plan_label)
        box_layout.addWidget(self.plan_edit, 2)
        save_row = QHBoxLayout()
        save_row.addWidget(self.texts_hint, 1)
        save_row.addWidget(self.save_button)
        box_layout.addLayout(save_row)

        self.bulletin_preview = PagePreview("bulletinPreview")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.texts_box)
        splitter.addWidget(self.bulletin_preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])

        self.bulletin_buttons = ExportButtons("bulletin", self.export_bulletin, self.print_bulletin)
        self.template_label = QLabel()
        self.template_label.setObjectName("bulletinTemplate")
        buttons = QHBoxLayout()
        buttons.addWidget(self.bulletin_buttons)
        buttons.addWidget(self.template_label, 1)

        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        return tab

    def _build_summary_tab(self) -> QWidget:
        tab = QWidget()
        self.year_label = QLabel()
        self.year_edit = QSpinBox()
        self.year_edit.setObjectName("summaryYear")
        self.year_edit.setRange(2000, 2100)
        self.year_edit.setValue(self._today().year)
        self.year_edit.valueChanged.connect(self._on_year_edit_value_changed)
        self.summary_state = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.year_label)
        bar.addWidget(self.year_edit)
        bar.addSpacing(16)
        bar.addWidget(self.summary_state, 1)
        self.summary_preview = PagePreview("summaryPreview")
        self.summary_buttons = ExportButtons("summary", self.export_summary, self.print_summary)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.summary_preview, 1)
        layout.addWidget(self.summary_buttons)
        return tab

    def _build_member_tab(self) -> QWidget:
        tab = QWidget()
        self.member_label = QLabel()
        self.member_model = MemberModel(parent=self)
        self.member_picker = MemberPicker(self.member_model)
        self.member_picker.setObjectName("memberFilePicker")
        self.member_picker.setMinimumWidth(220)
        self.member_picker.member_changed.connect(self._on_member_picker_member_changed)
        self.member_state = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.member_label)
        bar.addWidget(self.member_picker)
        bar.addSpacing(16)
        bar.addWidget(self.member_state, 1)
        self.member_preview = PagePreview("memberPreview")
        self.member_buttons = ExportButtons("member", self.export_member, self.print_member)
        self.member_buttons.set_enabled(False)
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.member_preview, 1)
        layout.addWidget(self.member_buttons)
        return tab

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("信息动态与报表"))
        self.tabs.setTabText(0, self.tr("信息动态"))
        self.tabs.setTabText(1, self.tr("年度汇总"))
        self.tabs.setTabText(2, self.tr("个人档案"))
        self.month_label.setText(self.tr("月份："))
        self.month_edit.setDisplayFormat(self.tr("yyyy年M月"))
        self.previous_button.setText(self.tr("上月"))
        self.next_button.setText(self.tr("下月"))
        self.date_label.setText(self.tr("印发日期："))
        self.issue_date_edit.setDisplayFormat(self.tr("yyyy年M月d日"))
        self.issue_date_edit.setToolTip(
            self.tr("印在报头上；本期的各项数字（如逾期未销假）截至这一天。随本期文字保存。")
        )
        self.texts_box.setTitle(self.tr("编者的文字（随本期保存）"))
        self.overview_label.setText(self.tr("本月概述："))
        self.plan_label.setText(self.tr("下月工作安排："))
        self.overview_edit.setPlaceholderText(
            self.tr("写在本月各项数字之前的一段话，例如本月的重点工作。")
        )
        self.plan_edit.setPlaceholderText(self.tr("下月的工作安排；不写则信息动态中没有这一节。"))
        self.save_button.setText(self.tr("保存文字"))
        self.year_label.setText(self.tr("年份："))
        self.member_label.setText(self.tr("成员："))
        self.member_picker.setPlaceholderText(self.tr("输入姓名或拼音首字母"))
        for buttons in (self.bulletin_buttons, self.summary_buttons, self.member_buttons):
            buttons.retranslate_ui()
        self._update_issue_label()
        self._update_texts_hint()
        self._update_template_label()

    # -- helpers -------------------------------------------------------------------------------------
    def _today(self) -> datetime.date:
        return clock.today()

    def month(self) -> tuple[int, int]:
        date = self.month_edit.date()
        return date.year(), date.month()

    def set_month(self, year: int, month: int) -> None:
        self._month_chosen = True
        self.month_edit.setDate(QDate(year, month, 1))

    def _step_month(self, step: int) -> None:
        self.month_edit.setDate(self.month_edit.date().addMonths(step))

    def texts(self) -> tuple[str, str]:
        return self.overview_edit.toPlainText(), self.plan_edit.toPlainText()

    def issue_date(self) -> datetime.date:
        return self.issue_date_edit.date().toPython()

    def texts_dirty(self) -> bool:
        """The editor's text or the issue date differs from the issue's."""
        return self._data is not None and (
            self.texts() != self._loaded_texts or self.issue_date() != self._loaded_date
        )

    def _problem(self, exc: BaseException) -> None:
        if not is_user_problem(exc):
            raise exc
        self.operations.report(describe_problem(exc))

    def _start(
        self,
        tab: str,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        state: QLabel,
    ) -> None:
        """Run ``fn`` in the pool; only the newest request of a tab is drawn."""
        self._generation[tab] += 1
        generation = self._generation[tab]
        self._loading.add(tab)
        state.setText(self.tr("正在生成预览……"))

        def finished(result: Any) -> None:
            if generation != self._generation[tab]:
                return
            self._loading.discard(tab)
            state.setText("")
            done(result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation[tab]:
                return
            self._loading.discard(tab)
            if not is_user_problem(exc):
                raise exc
            state.setText(describe_problem(exc))

        worker.start(fn, ledger=self.ledger, owner=self, on_finished=finished, on_failed=failed)

    def is_loading(self, tab: str | None = None) -> bool:
        return bool(self._loading) if tab is None else tab in self._loading

    def _ask_path(self, title: str, name: str, fmt: str) -> Path | None:
        filters = {
            "docx": self.tr("Word 文档 (*.docx)"),
            "pdf": self.tr("PDF 文件 (*.pdf)"),
            "md": self.tr("Markdown 文件 (*.md)"),
        }
        return files.ask_save_path(self, self.context.settings, title, name, [(fmt, filters[fmt])])

    def _open_preview_dialog(self, document: Callable[[], Document]) -> QWidget | None:
        """A print preview over the same pages as the PDF (gui.pdf.print_preview_dialog), opened
        without blocking."""
        from gui.pdf import print_preview_dialog

        dialog = print_preview_dialog(
            document, self, lambda exc: self.operations.report(describe_problem(exc))
        )
        assert isinstance(dialog, QWidget)
        dialog.setObjectName("printPreview")
        dialog.setWindowTitle(self.tr("打印预览"))
        dialog.resize(900, 860)
        # Opened without blocking: kept here while it shows.
        self._dialogs = [d for d in self._dialogs if shiboken6.isValid(d) and d.isVisible()]
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def _write(self, document: Document, fmt: str, path: Path) -> Path | None:
        from gui.pdf import write_pdf

        try:
            written = documents.write(document, fmt, path, pdf_writer=write_pdf)
        except (errors.LedgerError, OSError) as exc:
            self.operations.report(describe_problem(exc))
            return None
        self.context.show_status(self.tr("已导出：{path}").format(path=written))
        files.show_exported(self, written)
        return written

    # -- loading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._update_template_label()
        if not self._month_chosen:
            self._choose_first_month()
        else:
            self._load_bulletin()
        self._stale_tabs = {"summary", "member"}
        self.member_model.set_choices(load_choices(self.ledger))
        self._load_current_tab()

    def _choose_first_month(self) -> None:
        ledger, today = self.ledger, self._today()

        def chosen(month: tuple[int, int]) -> None:
            self._follow_latest_year(month[0])
            if not self._month_chosen and self.month() != month:
                self.set_month(*month)  # which loads the month
                return
            self._month_chosen = True
            self._load_bulletin()

        self._start("bulletin", lambda: latest_month(ledger, today), chosen, self.state_label)

    def _follow_latest_year(self, year: int) -> None:
        """The year summary opens on the latest year that has records (a group whose term was 2025
        would otherwise see 2026 and zeros), until the user picks a year."""
        if self._year_chosen or self.year_edit.value() == year:
            return
        with QSignalBlocker(self.year_edit):
            self.year_edit.setValue(year)
        self._stale_tabs.add("summary")
        self._load_current_tab()

    @Slot()
    def _load_bulletin(self) -> None:
        ledger, today = self.ledger, self._today()
        year, month = self.month()
        typed = self._typed_date()
        self._start(
            "bulletin",
            lambda: preview_data(ledger, year, month, today, typed),
            self._on_bulletin_loaded,
            self.state_label,
        )

    def _typed_date(self) -> datetime.date | None:
        """The issue date typed for the month shown and not saved yet, else None."""
        same_month = self._data is not None and self._shown_month == self.month()
        if same_month and self.issue_date() != self._loaded_date:
            return self.issue_date()
        return None

    def _on_bulletin_loaded(self, data: BulletinData) -> None:
        same_month = self._shown_month == (data.year, data.month)
        keep_typed = same_month and self.texts_dirty()
        typed_date = self.issue_date() if keep_typed else None
        self._data = data
        self._shown_month = (data.year, data.month)
        self._loaded_texts = (data.overview_text, data.plan_text)
        # The issue's own date, or the one it will get (a typed date is previewed in ``data.date``).
        self._loaded_date = data.saved_date if data.saved_date is not None else data.date
        if typed_date is None:
            typed_date = data.date
        first = QDate(data.year, data.month, 1)
        with QSignalBlocker(self.issue_date_edit):
            # Not before the month it reports on, nor more than the core allows after it.
            self.issue_date_edit.setDateRange(first, first.addDays(MAX_DAYS_AFTER))
            self.issue_date_edit.setDate(QDate(typed_date.year, typed_date.month, typed_date.day))
        self.issue_date_edit.setEnabled(not self.ledger.read_only)
        if not keep_typed:
            self._expected_version = data.issue_version
            with QSignalBlocker(self.overview_edit), QSignalBlocker(self.plan_edit):
                self.overview_edit.setPlainText(data.overview_text)
                self.plan_edit.setPlainText(data.plan_text)
        elif self._expected_version is None:
            # Typed before the issue existed and someone created it meanwhile: saving must not
            # overwrite their text unseen.
            self._expected_version = data.issue_version
        self._update_issue_label()
        self._update_texts_hint()
        self._render_bulletin()
        self.preview_ready.emit("bulletin")

    def _current_bulletin(self) -> BulletinData | None:
        if self._data is None:
            return None
        overview, plan = self.texts()
        return dataclasses.replace(
            self._data, overview_text=overview, plan_text=plan, date=self.issue_date()
        )

    def _current_bulletin_document(self) -> Document:
        data = self._current_bulletin()
        assert data is not None
        return bulletin_document(data)

    @Slot()
    def _render_bulletin(self) -> None:
        if self._data is None:
            return
        self.bulletin_preview.show_document(self._current_bulletin_document())

    def _load_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index == 1 and "summary" in self._stale_tabs:
            self._stale_tabs.discard("summary")
            self._load_summary()
        elif index == 2 and "member" in self._stale_tabs:
            self._stale_tabs.discard("member")
            self._load_member_file()

    def _load_summary(self) -> None:
        ledger, today, year = self.ledger, self._today(), self.year_edit.value()

        def done(document: Document) -> None:
            self._summary = document
            self.summary_preview.show_document(document)
            self.preview_ready.emit("summary")

        self._start(
            "summary", lambda: build_year_summary(ledger, year, today), done, self.summary_state
        )

    def _load_member_file(self) -> None:
        member_id = self.member_picker.member_id()
        if member_id is None:
            self._member_file = None
            self.member_buttons.set_enabled(False)
            self.member_preview.show_message(self.tr("选择一名成员，查看并导出其个人档案。"))
            return
        ledger = self.ledger

        def done(document: Document) -> None:
            self._member_file = document
            self.member_buttons.set_enabled(True)
            self.member_preview.show_document(document)
            self.preview_ready.emit("member")

        self._start("member", lambda: build_member_file(ledger, member_id), done, self.member_state)

    # -- labels --------------------------------------------------------------------------------------
    def _update_issue_label(self) -> None:
        data = self._data
        if data is None:
            self.issue_label.setText("")
            return
        if data.issue_id is None:
            text = self.tr("第{number}期（保存或导出时编号）").format(number=data.number)
        else:
            text = self.tr("第{number}期").format(number=data.number)
        self.issue_label.setText(text)

    def _update_texts_hint(self) -> None:
        if self.ledger.read_only:
            self.texts_hint.setText(self.tr("数据库以只读方式打开，文字不能保存。"))
        elif self.texts_dirty():
            self.texts_hint.setText(self.tr("文字或印发日期尚未保存；导出时会先保存。"))
        else:
            self.texts_hint.setText("")
        self.save_button.setEnabled(not self.ledger.read_only and self.texts_dirty())

    def _update_template_label(self) -> None:
        try:
            template = documents.word_template(self.ledger)
        except errors.LedgerError:
            template = ""
        if template:
            self.template_label.setText(
                self.tr("Word 按设置中的模板生成：{name}").format(name=Path(template).name)
            )
            self.template_label.setToolTip(template)
        else:
            self.template_label.setText("")
            self.template_label.setToolTip("")

    # -- slots ---------------------------------------------------------------------------------------
    @Slot(QDate)
    def _on_month_edit_date_changed(self, _date: QDate) -> None:
        self._month_chosen = True
        leaving = self._shown_month is not None and self._shown_month != self.month()
        if leaving and self.texts_dirty() and not self.save_texts(self._shown_month):
            assert self._shown_month is not None
            with QSignalBlocker(self.month_edit):  # stay on the month whose text is kept
                self.month_edit.setDate(QDate(*self._shown_month, 1))
            return
        self._data = None
        self._update_issue_label()
        self._load_bulletin()

    @Slot(QDate)
    def _on_issue_date_edit_date_changed(self, _date: QDate) -> None:
        self._update_texts_hint()
        self._text_timer.start()  # the masthead at once
        self._date_timer.start()  # the figures as of the new date, once typing pauses

    @Slot()
    def _on_text_edited(self) -> None:
        self._update_texts_hint()
        self._text_timer.start()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save_texts()

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self._load_current_tab()

    @Slot(int)
    def _on_year_edit_value_changed(self, _year: int) -> None:
        self._year_chosen = True
        self._load_summary()

    @Slot(object)
    def _on_member_picker_member_changed(self, _member_id: Any) -> None:
        self._load_member_file()

    # -- saving the editor's text --------------------------------------------------------------------
    def save_texts(self, month: tuple[int, int] | None = None) -> bool:
        """Save 本月概述 and 下月工作安排 with the month's issue (creating it if needed). On a conflict
        the typed text stays and the next save overwrites; False when nothing was saved."""
        if self._data is None:
            return False
        year, number_month = month or (self._data.year, self._data.month)
        overview, plan = self.texts()
        date = self.issue_date()
        expected = self._expected_version
        ledger = self.ledger

        def save() -> Any:
            issue = bulletins.issue_for_month(ledger, year, number_month)
            version = expected if expected is not None else issue.version
            return bulletins.save_texts(ledger, issue.id, overview, plan, version, date)

        try:
            saved = self.operations.run(
                save,
                kind="bulletin",
                description=self.tr("已保存{year}年{month}月信息动态的文字").format(
                    year=year, month=number_month
                ),
            )
        except errors.ValidationError as exc:
            self.operations.report(exc.text(self.language()))
            return False
        if saved is None:
            self._after_refused_save(year, number_month)
            return False
        self._expected_version = saved.version
        self._loaded_texts = (overview, plan)
        self._loaded_date = saved.issue_date
        if self._data is not None and (self._data.year, self._data.month) == (year, number_month):
            self._data = dataclasses.replace(
                self._data,
                issue_id=saved.id,
                issue_version=saved.version,
                number=saved.number,
                overview_text=overview,
                plan_text=plan,
                date=saved.issue_date,
                saved_date=saved.issue_date,
            )
        self._update_issue_label()
        self._update_texts_hint()
        return True

    def _after_refused_save(self, year: int, month: int) -> None:
        """The issue changed elsewhere: keep the typed text, take the issue's new version so that
        saving again overwrites it, and say so."""
        try:
            issue = bulletins.find(self.ledger, year, month)
        except errors.LedgerError:
            return
        if issue is not None:
            self._expected_version = issue.version
        self.texts_hint.setText(
            self.tr("本期文字已在别处修改。您输入的文字仍在这里，再次保存将以它为准。")
        )

    def may_leave(self) -> bool:
        if self.texts_dirty() and not self.ledger.read_only:
            return self.save_texts()
        return True

    # -- exporting -----------------------------------------------------------------------------------
    def export_bulletin(self, fmt: str) -> Path | None:
        """Save the typed text, ask where, write the bulletin (the Settings' Word template for
        Word, when one is chosen) and mark the issue produced."""
        if self._data is None:
            return None
        if self.texts_dirty() and not self.save_texts():
            return None
        data = self._data
        name = self.tr("{year}年第{number}期{title}").format(
            title=data.title, year=data.year, number=data.number
        )
        path = self._ask_path(self.tr("导出信息动态"), name, fmt)
        if path is None:
            return None
        from gui.pdf import write_pdf

        ledger, today = self.ledger, self._today()
        written = self.operations.run(
            lambda: documents.export_bulletin(
                ledger, data.year, data.month, fmt, path, pdf_writer=write_pdf, today=today
            ),
            kind="bulletin",
            description=self.tr("已导出：{path}").format(path=path),
        )
        if isinstance(written, Path):
            files.show_exported(self, written)
        # The export numbered the issue (if new) and raised its version: read it again.
        issue = bulletins.find(ledger, data.year, data.month)
        if issue is not None and self._data is not None and self._data.month == data.month:
            if not self.texts_dirty():
                self._expected_version = issue.version
                self._loaded_date = issue.issue_date
            self._data = dataclasses.replace(
                self._data,
                issue_id=issue.id,
                issue_version=issue.version,
                number=issue.number,
                saved_date=issue.issue_date,
            )
            self._update_issue_label()
        return written

    def print_bulletin(self) -> QWidget | None:
        if self._data is None:
            return None
        return self._open_preview_dialog(self._current_bulletin_document)

    def _summary_document(self) -> Document:
        if self._summary is None or self.is_loading("summary"):
            self._summary = build_year_summary(self.ledger, self.year_edit.value(), self._today())
        return self._summary

    def export_summary(self, fmt: str) -> Path | None:
        year = self.year_edit.value()
        path = self._ask_path(
            self.tr("导出年度汇总"), self.tr("{year}年度工作情况汇总").format(year=year), fmt
        )
        if path is None:
            return None
        try:
            document = self._summary_document()
        except (errors.LedgerError, OSError) as exc:
            self._problem(exc)
            return None
        return self._write(document, fmt, path)

    def print_summary(self) -> QWidget | None:
        return self._open_preview_dialog(self._summary_document)

    def _member_document(self) -> Document:
        member_id = self.member_picker.member_id()
        if self._member_file is None or self.is_loading("member"):
            self._member_file = build_member_file(self.ledger, member_id)
        return self._member_file

    def export_member(self, fmt: str) -> Path | None:
        if self.member_picker.member_id() is None:
            return None
        name = self.tr("{name}个人档案").format(name=self.member_picker.text().strip())
        path = self._ask_path(self.tr("导出个人档案"), name, fmt)
        if path is None:
            return None
        try:
            document = self._member_document()
        except (errors.LedgerError, OSError) as exc:
            self._problem(exc)
            return None
        return self._write(document, fmt, path)

    def print_member(self) -> QWidget | None:
        if self.member_picker.member_id() is None:
            return None
        return self._open_preview_dialog(self._member_document)


__all__ = ["BulletinsPage", "latest_month", "preview_data"]
