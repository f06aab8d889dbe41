"""The year summary and the member file: every figure equal to year_totals / member_term, on the
hand-made fixture year and on a demo year."""

from __future__ import annotations

import re

from db import demo, markdown_writer
from db.bulletin import build_bulletin
from db.database import Ledger
from db.document import Heading1, Paragraph, Table, decimal_text
from db.member_file import build_member_file
from db.models import BulletinIssue, PlanTick, StudySession, Survey
from db.plan import DONE, plan_progress
from db.statistics import member_term, month_stats, year_stats, year_totals
from db.summary import build_year_summary, plan_sentence, totals_sentence
from tests.conftest import d
from tests.db.test_statistics import build_year

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _sentence(document) -> str:
    return next(
        b.text
        for b in document.blocks
        if isinstance(b, Paragraph) and b.text.startswith("全年累计")
    )


def _table(document, caption: str) -> Table:
    return next(t for t in document.tables() if t.caption == caption)


def expected_sentence_figures(t) -> list[str]:
    """The figures the year sentence must state, in its order, straight from YearTotals."""
    figures = [t.collective_meetings, t.party_group_sessions, t.trainings]
    if t.training_hours:
        figures.append(decimal_text(t.training_hours))
    if t.party_days:
        figures.append(t.party_days)
    if t.other_sessions:
        figures.append(t.other_sessions)
    if t.surveys:
        figures.append(t.surveys)
        figures += [n for n in t.surveys_by_kind.values() if n]
        figures += [t.survey_participations, t.bodies_visited]
    figures += [t.highlights, t.research_reports]
    figures += [n for n in t.awards_by_level.values() if n]
    if t.achievements["consumption_aid"].records:
        figures.append(decimal_text(t.consumption_aid_amount))
    for code in ("project_signed", "delegation", "promotion_event", "publicity", "other"):
        if t.achievements[code].count:
            figures.append(t.achievements[code].count)
    return [str(f) for f in figures]


def test_fixture_year_summary(ledger: Ledger) -> None:
    build_year(ledger)
    t = year_totals(ledger, 2025)
    document = build_year_summary(ledger, 2025, today=d("2026-01-10"))
    sentence = _sentence(document)
    assert sentence == totals_sentence(t)
    assert sentence.startswith(
        f"全年累计组织召开集体学习交流会议{t.collective_meetings}次，"
        f"各党小组组织线上线下集体学习交流{t.party_group_sessions}次，"
        f"参加专题培训{t.trainings}次、累计5.5学时"
    )
    assert NUMBER.findall(sentence) == expected_sentence_figures(t)
    assert "余" not in document.text()  # exact figures only (see db/summary.py)
    assert [b.label for b in document.blocks if isinstance(b, Heading1)] == [
        "一、总体情况",
        "二、学习交流",
        "三、调查研究",
        "四、调研报告及获奖情况",
        "五、工作成果",
        "六、请销假情况",
    ]
    assert "（2025年1月1日至12月31日）" in document.text()

    months = _table(document, "分月统计")
    stats = year_stats(ledger, 2025)
    assert [int(r[1]) for r in months.rows[:12]] == list(stats.sessions_per_month)
    assert [int(r[2]) for r in months.rows[:12]] == list(stats.surveys_per_month)
    assert months.rows[12] == (
        "全年",
        str(sum(stats.sessions_per_month)),
        str(t.surveys),
        str(t.highlights),
    )
    reports = _table(document, "调研报告一览")
    assert len(reports.rows) == t.research_reports
    assert reports.rows[0] == ("1", "R1调研报告", "张三、王五", "3月28日", "省级一等奖")
    assert reports.rows[2][4] == "—"  # R3: no award
    kinds = _table(document, "工作成果分类统计")
    aid = t.achievements["consumption_aid"]
    assert ("消费帮扶金额", str(aid.records), f"{decimal_text(aid.amount)}万元") in kinds.rows
    leave = _table(document, "请假分类统计")
    assert leave.rows[-1] == (
        "请假合计",
        str(t.leave_total.count),
        decimal_text(t.leave_total.days),
    )


def test_summary_of_the_running_year_says_when_it_was_counted(ledger: Ledger) -> None:
    build_year(ledger)
    document = build_year_summary(ledger, 2025, today=d("2025-07-01"))
    assert "（统计截至2025年7月1日）" in document.text()


def test_member_file(ledger: Ledger) -> None:
    y = build_year(ledger)
    term = member_term(ledger, y.m["A"])
    document = build_member_file(ledger, y.m["A"])
    text = document.text()
    particulars = document.tables()[0]
    assert not particulars.header
    assert particulars.rows[0][:2] == ("姓名", "张三")
    assert "（一）" not in text  # one level of headings only
    assert f"参加学习交流{len(term.sessions_attended)}次" in text
    assert f"缺席{len(term.sessions_missed)}次" in text
    assert f"参加调研走访{len(term.surveys)}次" in text
    assert f"报送月度亮点{len(term.highlights)}个" in text
    assert f"被抽查{len(term.spot_checks)}次" in text
    assert (
        f"请假{term.leave_total.count}次，共{decimal_text(term.leave_total.days)}个工作日" in text
    )
    attended = _table(document, "参加学习交流情况")
    assert len(attended.rows) == len(term.sessions_attended)
    assert document.title == "张三个人档案"


def test_demo_year_documents_agree_with_the_records(empty_ledger: Ledger) -> None:
    """A demo year (20 members, a year of records): the summary's sentence, the bulletin's survey
    count and the Markdown all state what the records give."""
    ledger = empty_ledger
    demo.fill(ledger, 2025, today=d("2026-01-05"))
    t = year_totals(ledger, 2025)
    summary = build_year_summary(ledger, 2025, today=d("2026-01-05"))
    sentence = _sentence(summary)
    assert NUMBER.findall(sentence) == expected_sentence_figures(t)
    assert f"其中企业调研{t.surveys_by_kind['enterprise']}次" in sentence
    assert f"实现消费帮扶金额{decimal_text(t.consumption_aid_amount)}万元" in sentence
    assert sentence in markdown_writer.to_markdown(summary)

    june = Survey.select().where(Survey.date.between(d("2025-06-01"), d("2025-06-30"))).count()
    assert june == month_stats(ledger, 2025, 6).surveys.count
    bulletin = build_bulletin(ledger, 2025, 6, today=d("2025-07-02"))
    assert bulletin.blocks[0].issue == "第6期"  # the demo numbered its issues month by month
    assert f"成员开展调研走访{june}次" in bulletin.text()
    assert f"成员开展调研走访{june}次" in markdown_writer.to_markdown(bulletin)


def test_demo_year_plan_paragraph_equals_a_hand_count(empty_ledger: Ledger) -> None:
    """The demo year comes with the starting plan: the summary's paragraph states db.plan's
    progress, and the figures of measures counted by hand from the records agree with it."""
    ledger = empty_ledger
    demo.fill(ledger, 2025, today=d("2026-01-05"))
    progress = plan_progress(ledger, 2025, today=d("2026-01-05"))
    assert progress.title == "细化措施二十条" and len(progress.measures) == 20
    summary = build_year_summary(ledger, 2025, today=d("2026-01-05"))
    paragraph = next(
        b.text for b in summary.blocks if isinstance(b, Paragraph) and b.text.startswith("《")
    )
    assert paragraph == plan_sentence(progress)
    done = len(progress.with_status(DONE))
    assert paragraph.startswith(f"《细化措施二十条》20项措施中，{done}项已完成")

    def measure(wording: str):
        return next(m for m in progress.measures if m.measure.wording == wording)

    # By hand: the months with an issue of the bulletin, and with a collective meeting.
    months_issued = {i.month for i in BulletinIssue.select() if i.year == 2025}
    assert measure("每月编发一期信息动态").done == len(months_issued) == 12
    months_met = {s.date.month for s in StudySession.select() if s.kind == "collective"}
    assert measure("每月开展一次学习交流会").done == len(months_met)
    # Each member's diary: the months ticked, per member, summed.
    ticked = {(t.member_id, t.date.month) for t in PlanTick.select() if t.member_id}
    assert measure("每人建立一本工作日志").done == len(ticked)
    # The table beside it lists every measure with its figures.
    table = _table(summary, "《细化措施二十条》完成情况")
    assert len(table.rows) == 20
    assert table.rows[7][1:4] == ("12", "12", "12")
