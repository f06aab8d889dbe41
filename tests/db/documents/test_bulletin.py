"""The monthly bulletin: its numbering, its sections, and every figure equal to month_stats'."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from db.common import errors
from db.documents import markdown_writer
from db.documents.bulletin import (
    build_bulletin,
    bulletin_data,
    half_day_span,
    overview_figures,
    template_context,
)
from db.documents.document import (
    Heading1,
    Heading2,
    Masthead,
    Paragraph,
    Table,
    Title,
    decimal_text,
)
from db.documents.export import export_bulletin, find_member, parse_month
from db.queries.statistics import month_stats
from db.services.bulletins import bulletins, save_texts
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import BulletinIssue
from tests.conftest import add_member, d
from tests.db.queries.test_statistics import build_year

TODAY = d("2025-04-05")
ISSUED = d("2025-04-01")  # March's issue date by default: the first working day after it


def _labels(document, kind) -> list[str]:
    return [b.label for b in document.blocks if isinstance(b, kind)]


def _paragraphs(document) -> list[str]:
    return [b.full_text for b in document.blocks if isinstance(b, Paragraph)]


def _table(document, first_column: str) -> Table:
    return next(t for t in document.tables() if t.columns[0].title == first_column)


def test_march_bulletin_states_the_month_stats(ledger: Ledger) -> None:
    year = build_year(ledger)
    stats = month_stats(ledger, 2025, 3, today=ISSUED)
    document = build_bulletin(ledger, 2025, 3, today=TODAY)
    text = document.text()

    masthead = document.blocks[0]
    assert isinstance(masthead, Masthead)
    assert masthead.title == "信息动态"  # the group's default bulletin title
    assert masthead.issue == "第1期"
    assert masthead.unit == "商洛市赴南京市挂职工作组编"
    assert masthead.date == "2025年4月1日"  # the issue date: the first working day after March
    assert isinstance(document.blocks[1], Title)

    assert _labels(document, Heading1) == [
        "一、本月概述",
        "二、学习交流情况",
        "三、调研走访情况",
        "四、工作亮点",
        "五、请销假及在岗情况",
    ]

    # The overview's figures are month_stats', in words.
    overview = overview_figures(stats)
    assert overview in _paragraphs(document)
    c = stats.session_counts
    assert f"召开集体学习交流会{c.collective}次" in overview
    assert f"各党小组开展集体学习{c.party_group}次" in overview
    assert f"参加专题培训{c.training}次（共3.5学时）" in overview
    assert f"开展调研走访{stats.surveys.count}次" in overview
    assert stats.surveys.count == 4
    assert f"累计{stats.surveys.participations}人次" in overview
    assert f"走访企业和单位{len(stats.surveys.bodies)}家" in overview
    assert f"报送月度亮点{stats.highlights.count}个" in overview
    leave = stats.leave.total
    assert f"批准请假{leave.count}人次、共{decimal_text(leave.days)}个工作日" in overview
    assert (
        f"开展在岗抽查{stats.spot_checks.checks}次、抽查{stats.spot_checks.members_checked}人次"
        in overview
    )

    # Every session in the attendance table, with present/expected and the absentees' reasons.
    sessions = _table(document, "日期")
    assert len(sessions.rows) == len(stats.sessions)
    for row, session in zip(sessions.rows, stats.sessions, strict=True):
        assert row[3:5] == (str(session.expected), str(session.present))
    s1 = next(r for r in sessions.rows if r[0] == "3月5日")
    assert s1[5] == "李四（请假）；赵六（其他，未请假）"

    # Surveys per member (all group members, zero included) and the bodies visited.
    per_member = _table(document, "姓名")
    cells = [cell for row in per_member.rows for cell in row]
    for m in stats.surveys.per_member:
        assert m.name in cells
        assert cells[cells.index(m.name) + 1] == f"{m.count}次"
    assert f"本月共走访企业和单位{len(stats.surveys.bodies)}家：" in text
    assert "、".join(stats.surveys.bodies) in text

    # Highlights: the featured ones first, as numbered paragraphs; the others in a table.
    featured = [p for p in document.blocks if isinstance(p, Paragraph) and p.lead]
    assert [p.lead for p in featured] == ["1.王五：H2标题。", "2.赵六：H3标题。"]
    assert "（二）其他亮点" in _labels(document, Heading2)
    assert text.index("H2标题") < text.index("H3标题") < text.index("H1标题")

    # Leave: the month's requests and trips, the earlier request reported back this month, the
    # overdue return (as of the issue date), the spot check that found a member away.
    assert "（一）请假及因公外出" in text
    assert "（二）前期请假本月销假" in text
    assert "（三）逾期未销假" in text
    assert f"截至2025年4月1日，请假期满未销假{len(stats.leave.overdue)}人次。" in text
    assert "3月17日下午—3月18日" in text
    assert "3月11日\t王五\t未接电话" in text

    # Careful Chinese: no English word (the fixture's own names, such as "S1的主题", aside) and
    # full-width punctuation in the sentences.
    assert not re.search(r"[A-Za-z]", re.sub(r"[A-Z]\d", "", text))
    assert "," not in overview and ";" not in overview and "(" not in overview
    assert year.group == ledger.group_id


def test_issue_numbers_are_given_once_and_kept(ledger: Ledger) -> None:
    build_year(ledger)
    march = build_bulletin(ledger, 2025, 3, today=TODAY)
    april = build_bulletin(ledger, 2025, 4, today=TODAY)
    again = build_bulletin(ledger, 2025, 3, today=TODAY)
    assert [doc.blocks[0].issue for doc in (march, april, again)] == ["第1期", "第2期", "第1期"]
    assert march.title == "信息动态（2025年第1期）"
    assert march.author == "测试员"
    issues = BulletinIssue.select().where(BulletinIssue.year == 2025).order_by(BulletinIssue.number)
    assert [(i.number, i.month.month) for i in issues] == [(1, 3), (2, 4)]


def test_editor_text_opens_the_overview_and_the_plan_closes(ledger: Ledger) -> None:
    build_year(ledger)
    issue = bulletins.issue_for_month(ledger, 2025, 3)
    save_texts(
        ledger,
        issue.id,
        "本月工作组扎实推进各项工作。\n\n各成员积极开展调研。",
        "一是继续开展集体学习；\n二是做好年中总结。",
        issue.version,
    )
    document = build_bulletin(ledger, 2025, 3, today=TODAY)
    paragraphs = _paragraphs(document)
    first = paragraphs.index("本月工作组扎实推进各项工作。")
    assert paragraphs[first + 1] == "各成员积极开展调研。"
    assert paragraphs[first + 2].startswith("本月，工作组")
    assert _labels(document, Heading1)[-1] == "六、下月工作安排"
    assert paragraphs[-2:] == ["一是继续开展集体学习；", "二是做好年中总结。"]


def test_an_empty_month_says_so(ledger: Ledger) -> None:
    add_member(ledger, "张三")
    document = build_bulletin(ledger, 2025, 8, today=d("2025-09-01"))
    text = document.text()
    assert (
        "本月，工作组未召开集体学习交流会；成员未开展调研走访；报送月度亮点0个；无人请假。" in text
    )
    assert "本月未组织学习交流活动。" in text
    assert "本月尚无调研记录的成员：张三。" in text
    assert "本月未开展在岗抽查。" in text
    assert not document.tables()


def test_markdown_carries_the_same_figures(ledger: Ledger, tmp_path: Path) -> None:
    build_year(ledger)
    stats = month_stats(ledger, 2025, 3, today=ISSUED)
    target = markdown_writer.render(build_bulletin(ledger, 2025, 3, today=TODAY), tmp_path / "b.md")
    text = target.read_text(encoding="utf-8")
    assert text.startswith(
        "# 信息动态\n\n第1期\n\n商洛市赴南京市挂职工作组编　　2025年4月1日\n\n---"
    )
    assert "## 一、本月概述" in text and "### （一）成员调研情况" in text
    assert overview_figures(stats) in text
    assert "| 日期 | 类别 | 学习内容 | 应到 | 实到 | 缺席人员及原因 |" in text
    assert (
        "| 3月5日 | 集体学习交流会 | S1的主题 | 5 | 3 | 李四（请假）；赵六（其他，未请假） |"
        in text
    )
    assert "**1.王五：H2标题。**" in text


def test_template_context_figures(ledger: Ledger) -> None:
    build_year(ledger)
    stats = month_stats(ledger, 2025, 3, today=TODAY)
    context = template_context(bulletin_data(ledger, 2025, 3, today=TODAY))
    figures = context["figures"]
    assert figures["surveys"] == stats.surveys.count
    assert figures["collective_meetings"] == stats.session_counts.collective
    assert figures["highlights"] == stats.highlights.count
    assert figures["leave_days"] == decimal_text(stats.leave.total.days)
    assert context["issue"] == "第1期" and context["issue_number"] == 1
    assert [s["expected"] for s in context["sessions"]] == [s.expected for s in stats.sessions]
    assert [h["featured"] for h in context["highlights"]] == [True, True, False]


def test_half_day_spans() -> None:
    assert half_day_span(d("2025-03-05"), "am", d("2025-03-05"), "pm") == "3月5日"
    assert half_day_span(d("2025-03-05"), "pm", d("2025-03-05"), "pm") == "3月5日下午"
    assert half_day_span(d("2025-03-05"), "am", d("2025-03-05"), "am") == "3月5日上午"
    assert half_day_span(d("2025-03-05"), "pm", d("2025-03-07"), "am") == "3月5日下午—3月7日上午"


def test_export_marks_the_issue_produced(ledger: Ledger, tmp_path: Path) -> None:
    build_year(ledger)
    target = export_bulletin(ledger, 2025, 3, "md", tmp_path / "b.md", template="", today=TODAY)
    assert target.is_file()
    issue = bulletins.find(ledger, 2025, 3)
    assert issue is not None and issue.produced_at is not None


def test_a_read_only_ledger_previews_the_next_number(tmp_path: Path) -> None:
    from db.services.groups import work_groups

    path = tmp_path / "l.sqlite3"
    with open_database(path) as writable:
        work_groups.create_group(writable, {"name": "测试工作组", "term_start": "2025-01-01"})
        bulletins.issue_for_month(writable, 2025, 1)
    with open_database(path, read_only=True) as ledger:
        document = build_bulletin(ledger, 2025, 2, today=d("2025-03-01"))
        assert document.blocks[0].issue == "第2期"
        assert bulletins.find(ledger, 2025, 2) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06", (2025, 6)),
        ("2025-6", (2025, 6)),
        ("2025年6月", (2025, 6)),
        ("2025/12", (2025, 12)),
    ],
)
def test_months_are_read(text: str, expected: tuple[int, int]) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["2025-13", "202506", "六月", "", "1999-01"])
def test_bad_months_are_refused(text: str) -> None:
    with pytest.raises(errors.LedgerError, match="2025-06"):
        parse_month(text)


def test_members_are_found_by_a_name_that_designates_one(ledger: Ledger) -> None:
    add_member(ledger, "张伟", sending_unit_post="商州区副区长")
    add_member(ledger, "张伟", sending_unit_post="洛南县副县长")
    add_member(ledger, "朱文博")
    assert find_member(ledger, "朱文博").name == "朱文博"
    assert find_member(ledger, "zwb").name == "朱文博"
    with pytest.raises(errors.LedgerError) as several:
        find_member(ledger, "张伟")
    assert str(several.value) == (
        "有 2 名成员与“张伟”相符：张伟（商州区副区长）、张伟（洛南县副县长）。请写出能区分他们的全名。"
    )
    with pytest.raises(errors.LedgerError) as pinyin:
        find_member(ledger, "zw")
    assert "张伟、张伟、朱文博" in str(pinyin.value)
    with pytest.raises(errors.NotFoundError, match="没有与“李四”相符的成员"):
        find_member(ledger, "李四")


# -- the command line ------------------------------------------------------------------------------


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    """A closed SQLite ledger with the fixture year, for the command line to open."""
    from db.services.groups import work_groups

    path = tmp_path / "台账.sqlite3"
    with open_database(path) as ledger:
        ledger.operator = "测试员"
        work_groups.create_group(
            ledger,
            {
                "name": "商洛市赴南京市挂职工作组",
                "term_start": "2025-01-01",
                "term_end": "2025-12-31",
            },
        )
        build_year(ledger)
    return path


def _run(*argv: str) -> int:
    from main import main

    return main(list(argv))


def test_cli_exports_the_bulletin_summary_and_member(
    ledger_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(ledger_file)
    out = tmp_path / "信息动态.md"
    assert (
        _run(
            "export",
            "bulletin",
            "--db",
            db,
            "--month",
            "2025-03",
            "--format",
            "md",
            "--out",
            str(out),
        )
        == 0
    )
    assert capsys.readouterr().out == f"已导出：{out}\n"
    assert out.read_text(encoding="utf-8").startswith("# 信息动态\n\n第1期")
    summary = tmp_path / "汇总.docx"
    assert (
        _run(
            "export",
            "summary",
            "--db",
            db,
            "--year",
            "2025",
            "--format",
            "docx",
            "--out",
            str(summary),
        )
        == 0
    )
    assert summary.read_bytes().startswith(b"PK")
    member = tmp_path / "张三.docx"
    assert (
        _run(
            "export",
            "member",
            "--db",
            db,
            "--member",
            "张三",
            "--format",
            "docx",
            "--out",
            str(member),
        )
        == 0
    )
    with open_database(ledger_file, read_only=True) as ledger:
        issue = bulletins.find(ledger, 2025, 3)
        assert issue is not None and issue.number == 1 and issue.produced_at is not None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("member", "--member", "z", "--format", "md"),
            "错误：有 2 名成员与“z”相符：张三、赵六。请写出能区分他们的全名。",
        ),
        (("member", "--member", "无名", "--format", "md"), "错误：没有与“无名”相符的成员。"),
        (
            ("bulletin", "--month", "2025-13", "--format", "md"),
            "错误：月份应写成 2025-06 这样的“年-月”，而不是“2025-13”",
        ),
        (
            ("bulletin", "--month", "2025-03", "--format", "md", "--template", "x.docx"),
            "错误：Word 模板只用于导出 Word（docx）格式的信息动态。",
        ),
    ],
)
def test_cli_errors_are_one_line(
    ledger_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    message: str,
) -> None:
    out = tmp_path / "out.md"
    assert _run("export", argv[0], "--db", str(ledger_file), *argv[1:], "--out", str(out)) == 2
    assert capsys.readouterr().err == message + "\n"
    assert not out.exists()


def test_cli_does_not_create_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "无.sqlite3"
    code = _run(
        "export",
        "bulletin",
        "--db",
        str(missing),
        "--month",
        "2025-03",
        "--format",
        "md",
        "--out",
        str(tmp_path / "b.md"),
    )
    assert code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not missing.exists()


def test_long_lists_show_their_first_items_and_say_how_many(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_year(ledger)
    full = build_bulletin(ledger, 2025, 3, today=TODAY).text()
    assert "主题为“S1的主题”" in full and "1.《R1调研报告》" in full and "2.赵六：" in full
    monkeypatch.setattr("db.documents.bulletin.MAX_LISTED", 1)
    text = build_bulletin(ledger, 2025, 3, today=TODAY).text()
    assert "1.王五：H2标题。" in text and "2.赵六：" not in text
    assert "（以上列出前1个，共2个，其余见台账。）" in text  # featured highlights
    assert "（上表列出前1条，共4条，其余见台账。）" in text  # the attendance table
    monkeypatch.setattr("db.documents.bulletin.MAX_LISTED", 0)
    text = build_bulletin(ledger, 2025, 3, today=TODAY).text()
    assert "主题为“S1的主题”" not in text and "（以上列出前0次，共1次，其余见台账。）" in text
    assert "R1调研报告" not in text and "（以上列出前0篇，共1篇，其余见台账。）" in text


def test_the_colophon_comes_from_settings_and_is_left_out_while_empty(
    ledger: Ledger, tmp_path: Path
) -> None:
    """GB/T 9704 §7.4: the 版记 (抄送, 印发机关 and 印发日期) closes the bulletin; its lines are set in
    Settings and its date is the bulletin's."""
    from db.documents.document import Colophon
    from db.services import settings

    build_year(ledger)
    plain = build_bulletin(ledger, 2025, 3, today=TODAY)
    assert not any(isinstance(b, Colophon) for b in plain.blocks)
    assert "印发" not in plain.text()

    settings.put(
        ledger, "colophon", {"copy_to": " 省挂职工作队，\n商洛市委组织部 ", "issuer": "工作组"}
    )
    document = build_bulletin(ledger, 2025, 3, today=TODAY)
    assert document.blocks[-1] == Colophon(
        "省挂职工作队， 商洛市委组织部",
        "工作组",
        "2025年4月1日",  # the issue's date
    )
    assert document.text().endswith(
        "抄送：省挂职工作队， 商洛市委组织部。\n工作组　2025年4月1日印发"
    )
    markdown = markdown_writer.to_markdown(document)
    assert markdown.endswith(
        "---\n\n抄送：省挂职工作队， 商洛市委组织部。\n\n工作组　2025年4月1日印发\n"
    )


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_half_days_are_exact_in_every_document(ledger: Ledger, tmp_path: Path) -> None:
    """The issue's case: a morning's leave (back that afternoon) and a day's leave over a weekend."""
    from db.documents.export import export_member, export_summary
    from db.services.leave import leave_requests, record_return

    qu = add_member(ledger, "区永强", sort_order=1)
    zhao = add_member(ledger, "赵丽华", sort_order=2)
    approved = {"leave_type": "personal", "status": "approved", "approver": "工作组组长"}
    half = leave_requests.save(
        ledger,
        {
            **approved,
            "member": qu,
            "approval_date": "2025-12-12",
            "start_date": "2025-12-15",
            "end_date": "2025-12-15",
            "end_half": "am",
        },
    )
    record_return(ledger, half.id, "2025-12-15", "pm")
    leave_requests.save(  # Friday to Sunday: one working day
        ledger,
        {
            **approved,
            "member": zhao,
            "approval_date": "2025-12-24",
            "start_date": "2025-12-26",
            "end_date": "2025-12-28",
        },
    )
    today = d("2026-01-05")
    document = build_bulletin(ledger, 2025, 12, today=today)
    row = ("区永强", "事假", "12月15日上午", "0.5", "", "工作组组长", "12月15日下午销假")
    assert row in _table(document, "姓名").rows
    assert "批准请假2人次、共1.5个工作日" in document.text()
    for fmt in ("md", "docx"):
        out = export_bulletin(ledger, 2025, 12, fmt, tmp_path / f"b.{fmt}", today=today)
        text = out.read_text(encoding="utf-8") if fmt == "md" else _docx_text(out)
        assert "共1.5个工作日" in text and "0.5" in text, fmt
        summary = export_summary(ledger, 2025, fmt, tmp_path / f"s.{fmt}", today=today)
        text = summary.read_text(encoding="utf-8") if fmt == "md" else _docx_text(summary)
        assert "全年批准请假2人次、共1.5个工作日" in text, fmt
        member = export_member(ledger, "区永强", fmt, tmp_path / f"m.{fmt}")
        text = member.read_text(encoding="utf-8") if fmt == "md" else _docx_text(member)
        assert "请假1次，共0.5个工作日" in text, fmt


def _december(ledger: Ledger) -> dict[str, object]:
    """December 2025 as the issue's case has it: a leave that ends on Sunday 12-28 with nobody back,
    a request entered in December and decided in January."""
    from db.common import clock
    from db.services.leave import leave_requests

    clock.pin(d("2025-12-20"))  # entered in December
    zhao = add_member(ledger, "赵丽华", sort_order=1)
    zhang = add_member(ledger, "张伟", sort_order=2)
    away = leave_requests.save(
        ledger,
        {
            "member": zhao,
            "leave_type": "personal",
            "start_date": "2025-12-26",
            "end_date": "2025-12-28",
            "status": "approved",
            "approver": "工作组组长",
            "approval_date": "2025-12-24",
        },
    )
    waiting = leave_requests.save(
        ledger,
        {
            "member": zhang,
            "leave_type": "annual",
            "start_date": "2026-01-12",
            "end_date": "2026-01-13",
        },
    )
    return {"away": away, "waiting": waiting}


def test_an_issue_keeps_its_date_number_and_figures_whenever_it_is_exported(
    ledger: Ledger, tmp_path: Path
) -> None:
    """The issue's case: the December 2025 bulletin exported on 5 December 2026 said "截至2026年12月5日"."""
    from db.common import clock
    from db.services.leave import approve, record_return

    records = _december(ledger)
    clock.pin(d("2026-01-06"))
    first = export_bulletin(ledger, 2025, 12, "md", tmp_path / "first.md").read_text("utf-8")
    issue = bulletins.find(ledger, 2025, 12)
    assert issue is not None and issue.issue_date == d("2026-01-04")  # 调休: a working Sunday
    assert "商洛市赴南京市挂职工作组编　　2026年1月4日" in first
    assert "# 2025年12月份挂职工作情况" in first  # the month's year is in the document
    assert "截至2026年1月4日，请假期满未销假1人次。" in first
    assert "待审批请假1件" in first

    # A year on, the member is back (late) and the waiting request was approved in January.
    record_return(ledger, records["away"].id, "2026-01-07", "am")
    approve(ledger, records["waiting"].id, "工作组组长", "2026-01-08")
    clock.pin(d("2027-01-06"))
    again = export_bulletin(ledger, 2025, 12, "md", tmp_path / "again.md").read_text("utf-8")
    assert again == first


def test_the_issue_date_is_edited_and_checked(ledger: Ledger, tmp_path: Path) -> None:
    from db.common import errors as ledger_errors

    _december(ledger)
    issue = bulletins.issue_for_month(ledger, 2025, 12)
    issue = save_texts(ledger, issue.id, "", "", issue.version, "2026-01-09")
    assert issue.issue_date == d("2026-01-09")
    text = build_bulletin(ledger, 2025, 12, today=d("2026-02-01")).text()
    assert "2026年1月9日" in text and "截至2026年1月9日" in text
    # Saving the texts alone keeps the date.
    issue = save_texts(ledger, issue.id, "概述", "", issue.version)
    assert issue.issue_date == d("2026-01-09")
    for bad, message in (
        ("2025-11-30", "印发日期：2025-11-30早于本期所报道的2025年12月"),
        ("2027-12-01", "印发日期：2027-12-01距本期所报道的2025年12月已超过一年，请检查年份"),
        ("2026-02-30", "印发日期："),
    ):
        with pytest.raises(ledger_errors.ValidationError) as refused:
            save_texts(ledger, issue.id, "概述", "", issue.version, bad)
        assert message in refused.value.text("zh")
    assert bulletins.find(ledger, 2025, 12).issue_date == d("2026-01-09")


def test_a_preview_of_a_month_without_an_issue_shows_the_date_it_would_get(ledger: Ledger) -> None:
    _december(ledger)
    data = bulletin_data(ledger, 2025, 12, today=d("2026-03-01"), create=False)
    assert (data.issue_id, data.number, data.date) == (None, 1, d("2026-01-04"))
    assert bulletins.find(ledger, 2025, 12) is None
    # Before the issue date the figures are as of the day the document is made.
    early = bulletin_data(ledger, 2025, 12, today=d("2025-12-30"), create=False)
    assert early.date == d("2026-01-04") and early.stats.today == d("2025-12-30")
    moved = bulletin_data(ledger, 2025, 12, today=d("2026-03-01"), issue_date=d("2026-01-05"))
    assert moved.date == d("2026-01-05") and moved.stats.today == d("2026-01-05")


def test_the_month_view_of_the_year_plan(ledger: Ledger) -> None:
    """The plan's monthly measures in March 2025, as of the issue date (2025-04-01), counted by
    hand over the fixture year (tests/db/queries/test_plan.py): a collective meeting (S1) and an
    issue of the bulletin (this one) were held; the red line was ticked on 03-31; A (H1) and C (H2)
    and D (H3) reported a highlight, B did not (B's leave covers part of February only)."""
    from db.services import plans
    from tests.db.queries.test_plan import SPECS

    y = build_year(ledger)
    without = build_bulletin(ledger, 2025, 3, today=d("2025-04-02"))
    assert "年度计划落实情况" not in without.text()  # a year without a plan of its own: nothing
    stored = plans.take_plan(ledger, 2025, SPECS, "细化措施")
    measure = {m.wording: m.id for m in plans.measures_of(stored)}["坚守一条工作红线"]
    plans.ticks.save(ledger, {"measure": measure, "date": "2025-03-31", "note": "无违规"})
    document = build_bulletin(ledger, 2025, 3, today=d("2025-04-02"))
    headings = [b.text for b in document.blocks if isinstance(b, Heading1)]
    assert "年度计划落实情况" in headings
    assert (
        "对照《细化措施》，本月按月落实的措施4项：每人每月总结一个亮点，3人已完成，1人未完成（李四）；"
        "每月开展一次学习交流会，已完成；每月编发一期信息动态，已完成；坚守一条工作红线，已完成。"
        in document.text()
    )
    assert len(y.m) == 5  # 钱七, a branch member only, is bound by no measure
