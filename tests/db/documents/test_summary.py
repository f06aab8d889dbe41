"""The year summary and the member file: every figure equal to year_totals / member_term, on the
hand-made fixture year and on a demo year."""

from __future__ import annotations

import re

from db.documents import markdown_writer
from db.documents.bulletin import build_bulletin
from db.documents.document import Heading1, Paragraph, Table, decimal_text
from db.documents.member_file import build_member_file
from db.documents.summary import build_year_summary, plan_sentence, totals_sentence
from db.exchange import demo
from db.queries.plan import DONE, plan_progress
from db.queries.statistics import member_term, month_stats, year_stats, year_totals
from db.store.ledger import Ledger
from db.store.models import (
    BulletinIssue,
    Highlight,
    LeaveRequest,
    Member,
    PartyGroupLeader,
    PlanTick,
    StudySession,
    Survey,
    WorkGroup,
)
from tests.conftest import d
from tests.db.queries.test_statistics import build_year

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
    assert "余" not in document.text()  # exact figures only (see db/documents/summary.py)
    assert [b.label for b in document.blocks if isinstance(b, Heading1)] == [
        "一、总体情况",
        "二、学习交流",
        "三、调查研究",
        "四、工作亮点",
        "五、调研报告及获奖情况",
        "六、工作成果",
        "七、请销假及在岗抽查情况",
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


CLAUSE = re.compile(r"[^，；。：]+")


def _paragraph_clauses(document) -> list[str]:
    """Every clause with a figure in the document's paragraphs (not its tables)."""
    return [
        clause
        for b in document.blocks
        if isinstance(b, Paragraph)
        for clause in CLAUSE.findall(b.full_text)
        if NUMBER.search(clause)
    ]


def test_the_summary_states_the_branch_groups_checks_and_leave_as_counted_by_hand(
    ledger: Ledger,
) -> None:
    """The issue's list (SPEC §3): the branch's members, the party small groups with their leaders
    and sessions, spot checks, leave, highlights in their own section, no clause said twice, and a
    落款. Every figure below is counted by hand from build_year."""
    y = build_year(ledger)
    # A, B, C party members (C 预备党员), D 群众; E (branch-only) a party member too.
    Member.update(political_status="cpc_member").where(
        Member.id.in_([y.m["A"], y.m["B"]])
    ).execute()
    Member.update(political_status="cpc_probationary").where(Member.id == y.m["C"]).execute()
    Member.update(political_status="masses").where(Member.id == y.m["D"]).execute()
    Member.update(political_status="cpc_member").where(Member.id == y.m["E"]).execute()
    WorkGroup.update(branch_name="测试临时党支部").execute()
    PartyGroupLeader.create(party_group=y.pg["1"], member=y.m["A"])
    Highlight.update(featured=True).where(Highlight.id == y.h["H4"]).execute()
    LeaveRequest.update(filed_date=d("2025-03-10")).where(
        LeaveRequest.id == y.leave["L1"]
    ).execute()

    document = build_year_summary(ledger, 2025, today=d("2026-01-10"))
    paragraphs = [b.full_text for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0] == (
        "工作组共有挂职干部4名。测试临时党支部共有党员4名，其中挂职干部3名、其他支部成员1名"
        "（另有非党员挂职干部1名）；下设党小组2个：第一党小组（组长张三）、第二党小组。"
    )
    # S2 (03-12) is 第一党小组's, S8 (02-20) 第二党小组's.
    assert "分党小组看，组织学习交流第一党小组1次、第二党小组1次。" in paragraphs
    groups = _table(document, "党小组学习交流情况")
    assert groups.rows == (("第一党小组", "张三", "2", "1"), ("第二党小组", "—", "2", "1"))
    # H1..H4: 4 highlights, all 招商引资; H2, H3 and now H4 featured.
    assert "月度亮点中，重点亮点3个；按类别分，招商引资4个。" in paragraphs
    assert [r[:2] for r in _table(document, "重点亮点").rows] == [
        ("3月", "王五"),
        ("3月", "赵六"),
        ("4月", "张三"),
    ]
    # Leave: L5 6 days (back late), L1 2, L2 1.5 (overdue), L6 5 -> 4 requests, 14.5 days; the trip
    # L3 3 days; back within 2025: L5, L1, L3, L6; filed: L1; L2 still out on 2026-01-10.
    assert (
        "全年批准请假4人次、共14.5个工作日；因公外出1人次、3个工作日（不计入请假）；销假4人次，"
        "报上级备案1人次；截至2026年1月10日，请假期满未销假1人次：张三（假期至3月18日）。"
    ) in paragraphs
    # K1 (A B on duty, C away: 未接电话), K2 (A D on duty, C on business), K3 (A on duty).
    assert (
        "全年开展在岗抽查3次、抽查7人次，其中在岗5人次、公出1人次、不在岗1人次。"
        "不在岗情况：3月11日王五（未接电话）。"
    ) in paragraphs
    assert paragraphs[-1] == "商洛市赴南京市挂职工作组\n2026年1月10日"  # 落款, kept together
    assert document.blocks[-1].align == "right"
    clauses = _paragraph_clauses(document)
    assert len(clauses) == len(set(clauses)), [c for c in clauses if clauses.count(c) > 1]
    # Highlights have their own section, not a clause under 调查研究.
    survey_part = document.text().split("三、调查研究")[1].split("四、工作亮点")[0]
    assert "亮点" not in survey_part


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


def test_member_file_states_the_members_part_of_the_year_plan(ledger: Ledger) -> None:
    """王五 (C, joined on 03-01) as of 2025-05-06, under the plan of tests/db/queries/test_plan.py:
    the figures counted by hand there (test_a_members_units_of_the_per_member_measures)."""
    from db.common import clock
    from db.services import plans
    from tests.db.queries.test_plan import SPECS

    y = build_year(ledger)
    clock.pin(d("2025-05-06"))
    document = build_member_file(ledger, y.m["C"])
    assert (
        "年度计划落实情况" not in [h.text for h in document.blocks if isinstance(h, Heading1)][:-1]
    )
    assert "2025年未制定年度计划，按基本考核目标每人应落实2项：" in document.text()
    plans.take_plan(ledger, 2025, SPECS, "细化措施")
    document = build_member_file(ledger, y.m["C"])
    assert [h.text for h in document.blocks if isinstance(h, Heading1)][-1] == "年度计划落实情况"
    assert (
        "2025年《细化措施》中每人应落实的措施4项：已完成1项，正在推进1项，滞后2项。"
        in document.text()
    )
    table = _table(document, "2025年年度计划落实情况")
    assert [c.title for c in table.columns] == [
        "措施",
        "要求",
        "已完成",
        "至今应完成",
        "全年应完成",
        "进展",
    ]
    assert list(table.rows) == [
        ("每人完成一篇调研报告", "全年1次", "1", "1", "1", "已完成"),
        ("每人每月总结一个亮点", "每月1次", "1", "2", "10", "滞后"),
        ("每人建立一本工作日志", "全年1次", "0", "0", "1", "正在推进"),
        ("每人每周一次实践调研", "每周1次", "1", "9", "43", "滞后"),
    ]
    # A file that ends earlier is counted as of its end: on 04-10 only March's highlight is due.
    early = build_member_file(ledger, y.m["C"], d("2025-03-01"), d("2025-04-10"))
    row = _table(early, "2025年年度计划落实情况").rows[1]
    assert row == ("每人每月总结一个亮点", "每月1次", "1", "1", "10", "正在推进")


def test_demo_year_documents_agree_with_the_records(empty_ledger: Ledger) -> None:
    """A demo year (20 cadres, 26 in the branch; a year of records): the summary's sentence, the bulletin's survey
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
    clauses = _paragraph_clauses(summary)
    assert len(clauses) == len(set(clauses)), [c for c in clauses if clauses.count(c) > 1]
    assert "临时党支部共有党员26名，其中挂职干部20名、其他支部成员6名" in summary.text()

    june = Survey.select().where(Survey.date.between(d("2025-06-01"), d("2025-06-30"))).count()
    assert june == month_stats(ledger, 2025, 6).surveys.count
    bulletin = build_bulletin(ledger, 2025, 6, today=d("2025-07-02"))
    assert bulletin.blocks[0].issue == "第6期"  # the demo numbered its issues month by month
    assert f"成员开展调研走访{june}次" in bulletin.text()
    assert f"成员开展调研走访{june}次" in markdown_writer.to_markdown(bulletin)


def test_demo_year_plan_paragraph_equals_a_hand_count(empty_ledger: Ledger) -> None:
    """The demo year comes with the starting plan: the summary's paragraph states db.queries.plan's
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
