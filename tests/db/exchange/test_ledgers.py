"""Ledger exports read back with openpyxl and as text: sheets, headers, styles, typed cells, formula-
looking text kept as text, widths, date ranges and list selections, CSV with BOM, Markdown."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from db.common import errors
from db.exchange import ledgers
from db.exchange.xlsx_writer import display_width
from db.queries.lists import Filters
from db.services import plans
from db.services.achievements import achievements
from db.services.groups import party_groups
from db.services.highlights import highlights
from db.services.leave import leave_requests
from db.services.reports import reports
from db.services.sessions import study_sessions
from db.services.spotchecks import spot_checks
from db.services.surveys import surveys
from db.store.ledger import Ledger
from tests.conftest import add_member

TITLES = [
    "工作组概况",
    "党小组",
    "成员",
    "学习交流",
    "出勤",
    "请销假",
    "在岗抽查",
    "调研走访",
    "月度亮点",
    "调研报告",
    "工作成果",
    "信息动态",
    "年度计划",
    "计划勾选",
]


def fill_small(ledger: Ledger) -> dict[str, uuid.UUID]:
    """A little of everything, with a member named "=1+1", a topic "@SUM(A1)" and a survey topic
    starting with "-"; returns the ids that tests look for."""
    pg = party_groups.save(ledger, {"name": "第一党小组", "sort_order": 1})
    zhang = add_member(ledger, "张三", party_group=pg.id, sort_order=1, phone="+86 139 0000 0000")
    formula = add_member(ledger, "=1+1", party_group=pg.id, sort_order=2)
    li = add_member(ledger, "李四", sort_order=3, role="联络员", gender="女")
    party_groups.save(
        ledger, {"name": "第一党小组", "sort_order": 1, "leader": zhang}, record_id=pg.id
    )
    session = study_sessions.save(
        ledger,
        {
            "kind": "专题培训",
            "date": "2025-03-20",
            "start_time": "09:00",
            "end_time": "11:30",
            "topic": "@SUM(A1)",
            "training_hours": "2.5",
            "attendance": [
                {"member": zhang, "present": True},
                {"member": formula, "present": False, "absence_reason": "公务", "note": "开会"},
                {"member": li, "present": True},
            ],
        },
    )
    old_session = study_sessions.save(
        ledger,
        {
            "kind": "集体学习交流会",
            "date": "2025-01-15",
            "topic": "学习交流",
            "attendance": [{"member": zhang, "present": True}],
        },
    )
    leave = leave_requests.save(
        ledger,
        {
            "member": li,
            "leave_type": "事假",
            "start_date": "2025-03-03",
            "end_date": "2025-03-04",
            "reason": "家中有事",
        },
    )
    check = spot_checks.save(
        ledger,
        {
            "date": "2025-03-05",
            "time": "10:15",
            "method": "电话",
            "checker": "李四",
            "results": [
                {"member": zhang, "result": "在岗"},
                {"member": formula, "result": "不在岗", "note": "未接电话"},
            ],
        },
    )
    report = reports.save(
        ledger,
        {
            "title": "关于产业协作的调研报告",
            "authors": [li, zhang],
            "completion_date": "2025-03-25",
            "award_level": "省级",
            "award_rank": "一等奖",
        },
    )
    survey = surveys.save(
        ledger,
        {
            "date": "2025-03-06",
            "kind": "企业调研",
            "visited": "南京某科技有限公司",
            "topic": "-产业链配套",
            "participants": [formula, zhang],
            "report": report.id,
        },
    )
    highlight = highlights.save(
        ledger,
        {"member": zhang, "month": "2025-03", "title": "促成项目签约", "featured": True},
    )
    aid = achievements.save(
        ledger,
        {
            "date": "2025-03-28",
            "kind": "消费帮扶金额",
            "title": "农特产品消费帮扶",
            "amount": "12.3456",
            "members": [zhang],
        },
    )
    signed = achievements.save(
        ledger, {"date": "2025-02-10", "kind": "项目签约", "title": "项目签约", "count": 2}
    )
    plan = fill_plan(ledger, zhang, li)
    return {
        "plan": plan,
        "zhang": zhang,
        "formula": formula,
        "li": li,
        "session": session.id,
        "old_session": old_session.id,
        "leave": leave.id,
        "check": check.id,
        "report": report.id,
        "survey": survey.id,
        "highlight": highlight.id,
        "aid": aid.id,
        "signed": signed.id,
    }


PLAN_SPECS = (
    plans.MeasureSpec("每人每周一次实践调研", "member", "week", "survey", "practice"),
    plans.MeasureSpec("坚守一条工作红线", "group", "month", "manual", notes="=每月确认"),
    plans.MeasureSpec("每人建立一本工作日志", "member", "month", "manual"),
    plans.MeasureSpec("推出一批宣传报道", "group", "year", "achievement", "publicity", count=4),
)


def fill_plan(ledger: Ledger, zhang: uuid.UUID, li: uuid.UUID) -> uuid.UUID:
    """The 2025 plan 《细化措施》 of four measures, with ticks of the group (red line kept in January
    and February) and of members (张三's and 李四's work diaries checked in January); a 2026 plan
    outside the group's term. Returns the 2025 plan's id."""
    plan = plans.take_plan(ledger, 2025, PLAN_SPECS, "细化措施")
    measures = {m.wording: m.id for m in plans.measures_of(plan)}
    for day in ("2025-01-28", "2025-02-28"):
        plans.ticks.save(
            ledger, {"measure": measures["坚守一条工作红线"], "date": day, "note": "无违规"}
        )
    for member in (li, zhang):
        plans.ticks.save(
            ledger,
            {
                "measure": measures["每人建立一本工作日志"],
                "member": member,
                "date": "2025-01-31",
                "note": "已检查",
            },
        )
    plans.take_plan(ledger, 2026, PLAN_SPECS[1:2], "二〇二六年计划")
    return plan.id


def rows_of(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def by_header(ws) -> list[dict]:
    rows = rows_of(ws)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def filled(ledger: Ledger) -> dict[str, uuid.UUID]:
    return fill_small(ledger)


def export(ledger: Ledger, path: Path, **kwargs) -> openpyxl.Workbook:
    ledgers.export_ledger(ledger, path, **kwargs)
    return openpyxl.load_workbook(path)


# -- the workbook -------------------------------------------------------------------------------------


def test_one_sheet_per_kind_with_the_layout_headers(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "台账.xlsx")
    assert wb.sheetnames == TITLES
    for sheet in ledgers.SHEETS:
        assert [c.value for c in wb[sheet.title][1]] == sheet.headers
    assert by_header(wb["成员"])[0]["编号"] == str(filled["zhang"])
    assert wb["成员"].cell(1, wb["成员"].max_column).value == "编号"


def test_header_is_styled_frozen_and_filtered(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "台账.xlsx")
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(ws.max_column)
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}"
        for cell in ws[1]:
            assert cell.font.b is True
            assert cell.fill.fill_type == "solid"
            assert cell.fill.fgColor.rgb.endswith("D9E1F2")
            assert cell.border.bottom.style == "thin"
            assert cell.data_type == "s"
        # data cells have borders too (a printed ledger reads as a table)
        if ws.max_row > 1:
            assert ws.cell(2, 1).border.left.style == "thin"
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape"


def test_cells_are_typed(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "台账.xlsx")
    session_ws = wb["学习交流"]
    headers = [c.value for c in session_ws[1]]
    row = next(
        r for r in session_ws.iter_rows(min_row=2) if r[headers.index("主题")].value == "@SUM(A1)"
    )
    date_cell = row[headers.index("日期")]
    assert date_cell.value == datetime.datetime(2025, 3, 20)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
    start = row[headers.index("开始时间")]
    assert start.value == datetime.time(9, 0) and start.number_format == "hh:mm"
    hours = row[headers.index("培训学时")]
    assert hours.data_type == "n" and hours.value == 2.5 and hours.number_format == "0.0"
    assert row[headers.index("应到人数")].value == 3
    assert row[headers.index("实到人数")].value == 2

    ach = wb["工作成果"]
    headers = [c.value for c in ach[1]]
    amounts = {r[headers.index("成果名称")].value: r for r in ach.iter_rows(min_row=2)}
    amount = amounts["农特产品消费帮扶"][headers.index("金额（万元）")]
    assert amount.data_type == "n" and amount.value == pytest.approx(12.3456)
    assert amount.number_format == "#,##0.00##"
    count = amounts["项目签约"][headers.index("数量")]
    assert count.value == 2 and count.data_type == "n"
    assert amounts["项目签约"][headers.index("金额（万元）")].value is None

    month = by_header(wb["月度亮点"])[0]["月份"]
    assert month == datetime.datetime(2025, 3, 1)
    assert wb["月度亮点"]["A2"].number_format == "yyyy-mm"
    assert by_header(wb["月度亮点"])[0]["重点亮点"] == "是"


def test_formula_looking_text_stays_text(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "台账.xlsx")
    cells = [
        cell
        for ws in wb.worksheets
        for row in ws.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str) and cell.value[:1] in ("=", "@", "-", "+")
    ]
    values = {c.value for c in cells}
    assert {"=1+1", "@SUM(A1)", "-产业链配套", "+86 139 0000 0000"} <= values
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)  # Excel keeps it text when the cell is edited
    member = next(r for r in by_header(wb["成员"]) if r["编号"] == str(filled["formula"]))
    assert member["姓名"] == "=1+1"


def test_same_data_gives_same_cells_and_properties(ledger, filled, tmp_path) -> None:
    first = export(ledger, tmp_path / "a.xlsx")
    second = export(ledger, tmp_path / "b.xlsx")
    for ws in first.worksheets:
        assert [[(c.value, c.data_type) for c in r] for r in ws.iter_rows()] == [
            [(c.value, c.data_type) for c in r] for r in second[ws.title].iter_rows()
        ]
    assert first.properties.created == second.properties.created
    assert first.properties.modified == second.properties.modified
    assert first.properties.title == "商洛市赴南京市挂职工作组台账"
    # no time of export anywhere: the files are the same, byte for byte
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_widths_follow_the_content_with_cjk_counted_double(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "台账.xlsx")
    ws = wb["成员"]
    headers = [c.value for c in ws[1]]
    width = {
        h: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
        for i, h in enumerate(headers)
    }
    assert width["姓名"] == display_width("姓名") + 3  # names are short: the header decides
    assert width["编号"] == 10  # narrow: it is for the import
    assert display_width("张三") == 4 and display_width("ab") == 2
    sessions = wb["学习交流"]
    assert sessions.column_dimensions["A"].width == 12  # dates


def test_long_text_wraps_at_the_cap(ledger, tmp_path) -> None:
    zhang = add_member(ledger, "张三")
    study_sessions.save(
        ledger,
        {
            "kind": "其他",
            "date": "2025-03-01",
            "topic": "长纪要",
            "content": "学习" * 200,
            "attendance": [{"member": zhang}],
        },
    )
    wb = export(ledger, tmp_path / "台账.xlsx", kinds=["sessions"])
    ws = wb["学习交流"]
    headers = [c.value for c in ws[1]]
    column = openpyxl.utils.get_column_letter(headers.index("内容纪要") + 1)
    assert ws.column_dimensions[column].width == 50
    assert ws[f"{column}2"].alignment.wrap_text is True


def test_date_range_selects_records_but_keeps_members_whole(ledger, filled, tmp_path) -> None:
    wb = export(
        ledger,
        tmp_path / "三月.xlsx",
        date_from=datetime.date(2025, 3, 1),
        date_to=datetime.date(2025, 3, 31),
    )
    assert [r["主题"] for r in by_header(wb["学习交流"])] == ["@SUM(A1)"]
    assert {r["主题"] for r in by_header(wb["出勤"])} == {"@SUM(A1)"}
    assert [r["成果名称"] for r in by_header(wb["工作成果"])] == ["农特产品消费帮扶"]
    assert len(by_header(wb["成员"])) == 3
    assert len(by_header(wb["月度亮点"])) == 1
    january = export(
        ledger,
        tmp_path / "一月.xlsx",
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 1, 31),
    )
    assert [r["主题"] for r in by_header(january["学习交流"])] == ["学习交流"]
    assert by_header(january["月度亮点"]) == []
    assert rows_of(january["月度亮点"])[0] == ledgers.HIGHLIGHTS.headers


def test_leave_that_touches_the_range_is_in_it(ledger, filled, tmp_path) -> None:
    wb = export(
        ledger,
        tmp_path / "x.xlsx",
        kinds="leave",
        date_from=datetime.date(2025, 3, 4),
        date_to=datetime.date(2025, 3, 10),
    )
    assert [r["请假人"] for r in by_header(wb["请销假"])] == ["李四"]


def test_rows_are_in_date_order_and_attendance_in_member_order(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "x.xlsx", kinds=["sessions"])
    assert wb.sheetnames == ["学习交流", "出勤"]
    dates = [r["日期"] for r in by_header(wb["学习交流"])]
    assert dates == sorted(dates)
    march = [r for r in by_header(wb["出勤"]) if r["主题"] == "@SUM(A1)"]
    assert [(r["成员"], r["出席情况"], r["缺席原因"], r["说明"]) for r in march] == [
        ("张三", "出席", None, None),
        ("=1+1", "缺席", "公务", "开会"),
        ("李四", "出席", None, None),
    ]
    assert {r["学习编号"] for r in march} == {str(filled["session"])}


def test_one_row_per_spot_check_result_and_joined_names(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "x.xlsx")
    checks = by_header(wb["在岗抽查"])
    assert [(r["成员"], r["结果"], r["说明"]) for r in checks] == [
        ("张三", "在岗", None),
        ("=1+1", "不在岗", "未接电话"),
    ]
    assert {r["编号"] for r in checks} == {str(filled["check"])}
    survey = by_header(wb["调研走访"])[0]
    assert survey["参加人员"] == "张三、=1+1"
    assert survey["形成的调研报告"] == "关于产业协作的调研报告"
    report = by_header(wb["调研报告"])[0]
    assert report["作者"] == "李四、张三"  # first author first
    group = by_header(wb["党小组"])[0]
    assert (group["党小组名称"], group["党小组组长"]) == ("第一党小组", "张三")
    members = by_header(wb["成员"])
    assert [m["党小组"] for m in members] == ["第一党小组", "第一党小组", None]
    assert members[2]["组内职务"] == "联络员" and members[2]["性别"] == "女"
    assert members[0]["仅为支部成员"] == "否"


def test_a_list_filter_or_ids_select_what_the_page_shows(ledger, filled, tmp_path) -> None:
    wb = export(
        ledger, tmp_path / "x.xlsx", kinds="achievement", filters=Filters(kind="project_signed")
    )
    assert wb.sheetnames == ["工作成果"]
    assert [r["成果名称"] for r in by_header(wb["工作成果"])] == ["项目签约"]
    wb = export(ledger, tmp_path / "y.xlsx", kinds="sessions", ids=[filled["old_session"]])
    assert wb.sheetnames == ["学习交流", "出勤"]
    assert [r["主题"] for r in by_header(wb["学习交流"])] == ["学习交流"]
    assert [r["成员"] for r in by_header(wb["出勤"])] == ["张三"]
    with pytest.raises(errors.ActionRefusedError) as refused:
        ledgers.export_ledger(ledger, tmp_path / "z.xlsx", ids=[filled["old_session"]])
    assert "只能选择一类" in refused.value.text()


def test_an_empty_ledger_exports_headers_only(ledger, tmp_path) -> None:
    wb = export(ledger, tmp_path / "x.xlsx")
    assert wb.sheetnames == TITLES
    assert rows_of(wb["成员"]) == [ledgers.MEMBERS.headers]
    assert len(rows_of(wb["工作组概况"])) == 2


def test_bad_range_and_unknown_kind_are_refused(ledger, tmp_path) -> None:
    with pytest.raises(errors.ActionRefusedError) as refused:
        ledgers.export_ledger(
            ledger,
            tmp_path / "x.xlsx",
            date_from=datetime.date(2025, 3, 2),
            date_to=datetime.date(2025, 3, 1),
        )
    assert refused.value.text() == "导出范围：结束日期 2025-03-01 早于开始日期 2025-03-02"
    with pytest.raises(errors.ActionRefusedError) as refused:
        ledgers.export_ledger(ledger, tmp_path / "x.xlsx", kinds=["meetings"])
    assert "没有名为“meetings”的台账" in refused.value.text()
    with pytest.raises(errors.ActionRefusedError):
        ledgers.export_ledger(ledger, tmp_path / "x.pdf")
    assert not (tmp_path / "x.xlsx").exists()


# -- CSV and Markdown --------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_with_the_same_columns(ledger, filled, tmp_path) -> None:
    path = ledgers.export_ledger(ledger, tmp_path / "成员.csv", kinds="members")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ",".join(ledgers.MEMBERS.headers)
    assert lines[1].startswith("1,张三,")
    assert "'+86 139 0000 0000" in lines[1]  # a phone starting with + would be a formula
    assert lines[2].startswith("2,'=1+1,")


def test_csv_of_sessions_is_the_sessions_sheet(ledger, filled, tmp_path) -> None:
    text = ledgers.export_ledger(ledger, tmp_path / "s.csv", kinds="sessions").read_bytes()
    text = text.decode("utf-8-sig")
    header, first, second = text.split("\r\n")[:3]
    assert header.split(",") == ledgers.SESSIONS.headers
    assert first.startswith("2025-01-15,集体学习交流会,")
    assert second.startswith("2025-03-20,专题培训,09:00,11:30,")
    assert ",2.5,3,2," in second
    attendance = ledgers.export_ledger(ledger, tmp_path / "a.csv", kinds="attendance")
    assert attendance.read_text(encoding="utf-8-sig").startswith("日期,主题,范围,成员,出席情况")


def test_csv_needs_exactly_one_kind(ledger, tmp_path) -> None:
    for kinds in (None, ["members", "leave"]):
        with pytest.raises(errors.ActionRefusedError) as refused:
            ledgers.export_ledger(ledger, tmp_path / "x.csv", kinds=kinds)
        assert "CSV 文件只能放一类台账" in refused.value.text()
    assert not (tmp_path / "x.csv").exists()


def test_markdown_has_one_table_per_kind(ledger, filled, tmp_path) -> None:
    text = ledgers.export_ledger(ledger, tmp_path / "台账.md").read_text(encoding="utf-8")
    assert text.startswith("# 商洛市赴南京市挂职工作组台账\n\n范围：全部日期\n")
    for title in TITLES:
        assert f"\n## {title}（" in text
    assert "## 成员（3 条）" in text
    member_table = text.split("## 成员（3 条）")[1].split("##")[0]
    assert "| 序号 | 姓名 |" in member_table
    assert "编号" not in member_table
    assert "| 2 | =1+1 |" in member_table
    assert str(filled["zhang"]) not in text


def test_markdown_escapes_pipes_and_line_breaks(ledger, tmp_path) -> None:
    zhang = add_member(ledger, "张三", notes="甲|乙\n丙")
    assert zhang
    text = ledgers.export_ledger(ledger, tmp_path / "m.md", kinds="members").read_text(
        encoding="utf-8"
    )
    assert "甲\\|乙<br>丙" in text


def test_markdown_escapes_markup_as_the_bulletins_markdown_does(ledger, tmp_path) -> None:
    """`* _ # [ ] < >` and backticks in a record stay literal, escaped by the same function as the
    documents' Markdown (db.documents.markdown_writer.escape_cell)."""
    from db.documents.markdown_writer import escape_cell

    notes = "*重点* _下划线_ #3 [链接](x) <b>粗</b> `代码`"
    add_member(ledger, "张三", notes=notes)
    text = ledgers.export_ledger(ledger, tmp_path / "m.md", kinds="members").read_text(
        encoding="utf-8"
    )
    escaped = r"\*重点\* \_下划线\_ \#3 \[链接\](x) \<b\>粗\</b\> \`代码\`"
    assert escape_cell(notes) == escaped
    assert f"| {escaped} |" in text
    assert notes not in text


def test_text_of_cells() -> None:
    col = ledgers.SESSIONS.column("training_hours")
    assert col is not None
    assert ledgers.text_of(Decimal("3"), col) == "3.0"
    amount = ledgers.ACHIEVEMENTS.column("amount")
    assert amount is not None
    assert ledgers.text_of(Decimal("12.5000"), amount) == "12.5"
    assert ledgers.text_of(Decimal("100.0000"), amount) == "100"
    month = ledgers.HIGHLIGHTS.column("month")
    assert month is not None
    assert ledgers.text_of(datetime.date(2025, 3, 1), month) == "2025-03"
    assert ledgers.split_names("张三、李四, 王五；赵六") == ["张三", "李四", "王五", "赵六"]


# -- the year plan ---------------------------------------------------------------------------------


def test_the_plan_sheet_holds_the_measures_with_their_progress(ledger, filled, tmp_path) -> None:
    """A row per measure in the plan's order, 序号 from 1, kinds by their labels; progress as of
    today (2026-11-18: the whole of 2025 is over), counted by hand: the red line ticked in two
    months of twelve; a plan outside the group's term has no progress."""
    wb = export(ledger, tmp_path / "台账.xlsx")
    rows = by_header(wb["年度计划"])
    assert [(r["年度"], r["计划名称"], r["序号"], r["措施"]) for r in rows] == [
        (2025, "细化措施", 1, "每人每周一次实践调研"),
        (2025, "细化措施", 2, "坚守一条工作红线"),
        (2025, "细化措施", 3, "每人建立一本工作日志"),
        (2025, "细化措施", 4, "推出一批宣传报道"),
        (2026, "二〇二六年计划", 1, "坚守一条工作红线"),
    ]
    survey, red_line, diary, publicity, later = rows
    assert (survey["对象"], survey["周期"], survey["计入"], survey["类型"]) == (
        "每人",
        "每周",
        "调研走访",
        "实践调研",
    )
    assert (publicity["周期"], publicity["次数"], publicity["类型"]) == ("全年", 4, "宣传报道")
    assert (diary["计入"], diary["类型"]) == ("手动勾选", None)
    assert red_line["备注"] == "=每月确认"
    assert wb["年度计划"].cell(3, 10).data_type == "s"  # formula-looking text stays text
    assert (red_line["已完成"], red_line["至今应完成"], red_line["全年应完成"]) == (2, 12, 12)
    assert red_line["进展"] == "滞后"
    # Three members, twelve months each; two diaries checked in January.
    assert (diary["已完成"], diary["至今应完成"], diary["全年应完成"]) == (2, 36, 36)
    assert (publicity["已完成"], publicity["至今应完成"], publicity["全年应完成"]) == (0, 1, 1)
    assert (later["已完成"], later["至今应完成"], later["进展"]) == (None, None, None)
    assert rows[0]["编号"] == str(plans.measures_of(filled["plan"])[0].id)


def test_the_plan_ticks_sheet_names_each_ticks_measure_and_member(ledger, filled, tmp_path) -> None:
    wb = export(ledger, tmp_path / "台账.xlsx")
    ids = {m.wording: str(m.id) for m in plans.measures_of(filled["plan"])}
    rows = by_header(wb["计划勾选"])
    assert [
        (r["年度"], r["措施"], r["成员"], r["日期"], r["说明"], r["措施编号"]) for r in rows
    ] == [
        (
            2025,
            "坚守一条工作红线",
            None,
            datetime.datetime(2025, 1, 28),
            "无违规",
            ids["坚守一条工作红线"],
        ),
        (
            2025,
            "坚守一条工作红线",
            None,
            datetime.datetime(2025, 2, 28),
            "无违规",
            ids["坚守一条工作红线"],
        ),
        # members in the roster's order
        (
            2025,
            "每人建立一本工作日志",
            "张三",
            datetime.datetime(2025, 1, 31),
            "已检查",
            ids["每人建立一本工作日志"],
        ),
        (
            2025,
            "每人建立一本工作日志",
            "李四",
            datetime.datetime(2025, 1, 31),
            "已检查",
            ids["每人建立一本工作日志"],
        ),
    ]
    assert all(r["编号"] for r in rows)


def test_a_date_range_takes_the_plans_of_its_years_as_of_its_last_day(
    ledger, filled, tmp_path
) -> None:
    wb = export(
        ledger,
        tmp_path / "二月.xlsx",
        date_from=datetime.date(2025, 2, 1),
        date_to=datetime.date(2025, 2, 28),
    )
    rows = by_header(wb["年度计划"])
    assert {r["年度"] for r in rows} == {2025}
    red_line = next(r for r in rows if r["措施"] == "坚守一条工作红线")
    # As of 28 February: January met, February met (ticked that day), ten months to come.
    assert (red_line["已完成"], red_line["至今应完成"], red_line["全年应完成"]) == (2, 2, 12)
    assert red_line["进展"] == "推进中"
    assert [r["日期"] for r in by_header(wb["计划勾选"])] == [datetime.datetime(2025, 2, 28)]


def test_csv_of_the_plan_and_of_its_ticks(ledger, filled, tmp_path) -> None:
    text = ledgers.export_ledger(ledger, tmp_path / "p.csv", kinds="plan").read_text(
        encoding="utf-8-sig"
    )
    lines = text.splitlines()
    assert lines[0].split(",") == ledgers.PLAN.headers
    assert lines[1].startswith(
        "2025,细化措施,1,每人每周一次实践调研,每人,每周,1,调研走访,实践调研,"
    )
    ticks = ledgers.export_ledger(ledger, tmp_path / "t.csv", kinds="plan_ticks")
    lines = ticks.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",") == ledgers.PLAN_TICKS.headers
    assert lines[1].startswith("2025,坚守一条工作红线,,2025-01-28,无违规,")
    assert [s.key for s in ledgers.resolve_kinds("plan")] == ["plan", "plan_ticks"]
