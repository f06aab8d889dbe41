"""Import of ledgers and rosters: the round trip of a demo year, every kind of bad file refused with its
message and nothing written, problems by sheet, row and column, clean rows only, updates by 编号."""

from __future__ import annotations

import datetime
import gc
import json
import uuid
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from db.common.messages import set_language
from db.exchange import demo, importer, ledgers, sheets
from db.services.base import service_for, to_json_value
from db.services.members import members
from db.services.sessions import study_sessions
from db.store.database import open_database
from db.store.ledger import Ledger
from db.store.models import (
    Attendance,
    ChangeLog,
    Highlight,
    LeaveRequest,
    Member,
    Plan,
    PlanMeasure,
    PlanTick,
    StudySession,
    Survey,
    WorkGroup,
)
from tests.conftest import add_member
from tests.db.exchange.test_ledgers import fill_small

COUNTED = (Member, StudySession, Attendance, LeaveRequest, Survey, Highlight, ChangeLog)


def counts() -> dict[str, int]:
    return {model.__name__: model.select().count() for model in COUNTED}


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def cells(path: Path) -> dict[str, list[list[tuple]]]:
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: [[(c.value, c.data_type) for c in row] for row in ws.iter_rows()]
        for ws in wb.worksheets
    }


def numbers(snapshot: dict) -> dict:
    """Decimals compared as numbers: the database gives 1 back for the 1.0 that was saved."""
    decimals = {"days", "actual_days", "days_override", "training_hours", "amount"}
    return {k: (Decimal(v) if k in decimals and v is not None else v) for k, v in snapshot.items()}


def lines(result: importer.ImportResult, lang: str = "zh") -> list[str]:
    return result.problem_lines(lang)


ROSTER = [
    ["序号", "姓名", "性别", "政治面貌", "派出单位及职务", "联系电话", "挂职开始日期"],
    ["1", "张三", "男", "中共党员", "商洛市发改委副主任", "13900000001", "2025-01-01"],
    ["2", "李四", "女", "群众", "商洛市商务局副局长", "13900000002", "2025/1/1"],
]


# -- the round trip ------------------------------------------------------------------------------------


def test_a_demo_year_goes_round_unchanged(tmp_path: Path) -> None:
    """The ledger of a demo year, imported into a new, empty database, exports again with identical
    cells — values and types, every sheet — and the history of each imported record is what the
    record's service would have written."""
    source = open_database(tmp_path / "source.sqlite3", backup=False)
    source.operator = "测试员"
    demo.fill(source, 2025, today=datetime.date(2026, 1, 10))
    first = ledgers.export_ledger(source, tmp_path / "first.xlsx")
    source.close()

    target = open_database(tmp_path / "new.sqlite3", backup=False)
    target.operator = "测试员"
    preview = importer.preview(target, first)
    assert preview.ok, preview.problem_lines()[:5]
    assert not preview.committed
    assert WorkGroup.select().count() == 0 and target.group_id is None
    result = importer.commit(target, first)
    assert result.ok and result.committed
    assert result.count(importer.CREATE) == sum(len(s.rows) for s in result.sheets)
    second = ledgers.export_ledger(target, tmp_path / "second.xlsx")

    before, after = cells(first), cells(second)
    assert list(before) == list(after)
    for title in before:
        assert before[title] == after[title], title
    assert sum(len(rows) for rows in before.values()) > 2000

    # Each record's "create" entry holds the snapshot its service takes of it.
    kinds = ("member", "session", "leave", "spotcheck", "survey", "highlight", "report")
    for kind in (*kinds, "plan", "plan_measure", "plan_tick"):
        service = service_for(kind)
        for record in service.query(target).limit(5):
            entry = ChangeLog.get(
                (ChangeLog.record_id == record.id) & (ChangeLog.action == "create")
            )
            expected = to_json_value(service.snapshot(record))
            if kind == "plan_measure":  # its ticks came after it, each with its own history
                expected["ticks"] = []
            assert numbers(json.loads(entry.after)) == numbers(expected), kind
            # and the name its service gives it (a spot check counts its results, not yet
            # written when the batch writer logs it; a highlight and leave name their member)
            assert entry.summary == service.summary(record)[:300], kind
            assert entry.operator == "测试员"
    assert not ChangeLog.select().where(ChangeLog.action == "restore").exists()
    target.close()


def test_a_demo_year_without_identities_imported_twice_gives_the_demos_figures(
    tmp_path: Path,
) -> None:
    """The acceptance run: a demo year's ledger with its 编号 columns deleted, imported twice into an
    empty database, gives the demo's year summary word for word, and the second import writes
    nothing. (The party groups' sessions of one day may share a topic: the attendance sheet's 范围
    tells them apart.)"""
    from db.documents.summary import build_year_summary

    today = datetime.date(2026, 1, 10)
    source = open_database(tmp_path / "source.sqlite3", backup=False)
    demo.fill(source, 2025, today=today)
    expected = build_year_summary(source, 2025, today).text()
    assert "《细化措施二十条》20项措施中" in expected  # the plan's paragraph is compared too
    path = without_identities(ledgers.export_ledger(source, tmp_path / "x.xlsx"))
    source.close()

    target = open_database(tmp_path / "new.sqlite3", backup=False)
    try:
        first = importer.commit(target, path)
        assert first.ok and first.committed, lines(first)[:5]
        assert build_year_summary(target, 2025, today).text() == expected
        history = ChangeLog.select().count()
        second = importer.commit(target, path)
        assert second.ok and not second.committed
        assert second.count(importer.SAME) == sum(len(s.rows) for s in second.sheets)
        assert ChangeLog.select().count() == history
        assert build_year_summary(target, 2025, today).text() == expected
    finally:
        target.close()


def test_importing_the_same_ledger_again_changes_nothing(ledger, tmp_path) -> None:
    ids = fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx")
    before = counts()
    versions = {m.id: (m.version, m.updated_at) for m in Member.select()}
    result = importer.commit(ledger, path)
    assert result.ok, lines(result)
    assert result.count(importer.CREATE) == result.count(importer.UPDATE) == 0
    assert result.count(importer.SAME) == sum(len(s.rows) for s in result.sheets)
    assert not result.committed  # nothing to write
    assert (
        result.same_lines()[0] == f"{result.count(importer.SAME)} 行与台账中已有记录相同，已跳过："
    )
    assert "  成员 第 2–4 行" in result.same_lines()
    assert {m.id: (m.version, m.updated_at) for m in Member.select()} == versions
    after = counts()
    assert {k: v for k, v in after.items() if k != "ChangeLog"} == {
        k: v for k, v in before.items() if k != "ChangeLog"
    }
    # nothing changed, so no history either
    assert after["ChangeLog"] == before["ChangeLog"]
    assert cells(ledgers.export_ledger(ledger, tmp_path / "y.xlsx")) == cells(path)
    assert Member.get_by_id(ids["formula"]).name == "=1+1"


def test_an_import_pauses_the_cycle_collector_and_gives_it_back_even_when_it_fails(
    ledger, tmp_path, monkeypatch
) -> None:
    fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx")
    during: list[bool] = []

    def failing(run: object) -> None:
        during.append(gc.isenabled())
        raise RuntimeError("a bug in the middle of an import")

    monkeypatch.setattr(importer, "import_all", failing)
    with pytest.raises(RuntimeError):
        importer.commit(ledger, path)
    assert during == [False] and gc.isenabled()
    gc.disable()  # a caller that paused it itself keeps it paused
    try:
        with pytest.raises(RuntimeError):
            importer.preview(ledger, path)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_edited_cell_updates_the_record_with_history(ledger, tmp_path) -> None:
    ids = fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx", kinds="leave")
    wb = openpyxl.load_workbook(path)
    ws = wb["请销假"]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("事由") + 1).value = "家中老人生病"
    wb.save(path)
    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    assert result.sheets[0].rows[0].action == importer.UPDATE
    assert LeaveRequest.get_by_id(ids["leave"]).reason == "家中老人生病"
    entry = (
        ChangeLog.select()
        .where((ChangeLog.record_id == ids["leave"]) & (ChangeLog.action == "update"))
        .get()
    )
    assert json.loads(entry.before)["reason"] == "家中有事"
    assert json.loads(entry.after)["reason"] == "家中老人生病"


def test_the_services_refusals_apply_to_an_import_and_their_warnings_do_not_block_it(
    ledger, tmp_path
) -> None:
    ids = fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx", kinds=["leave", "surveys"])
    wb = openpyxl.load_workbook(path)
    leave_sheet = wb["请销假"]
    headers = [c.value for c in leave_sheet[1]]
    leave_sheet.cell(2, headers.index("核定天数") + 1).value = 9999
    leave_sheet.cell(2, headers.index("核定天数说明") + 1).value = "按实际"
    wb.save(path)
    result = importer.commit(ledger, path)
    assert not result.committed
    assert any("核定天数" in line and "日历日" in line for line in lines(result)), lines(result)
    assert LeaveRequest.get_by_id(ids["leave"]).days_override is None

    # A survey dated after today and after the group's term: unusual, imported all the same.
    path = ledgers.export_ledger(ledger, tmp_path / "y.xlsx", kinds="surveys")
    wb = openpyxl.load_workbook(path)
    sheet = wb["调研走访"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(2, headers.index("调研日期") + 1).value = datetime.date(2027, 6, 1)
    wb.save(path)
    survey_id = uuid.UUID(str(sheet.cell(2, headers.index("编号") + 1).value))
    assert service_for("survey").check(
        ledger,
        {**service_for("survey").snapshot(Survey.get_by_id(survey_id)), "date": "2027-06-01"},
    )  # (the form would warn)
    result = importer.commit(ledger, path)
    assert result.committed, lines(result)
    assert Survey.get_by_id(survey_id).date == datetime.date(2027, 6, 1)


def test_formula_looking_text_imports_back_unchanged(ledger, tmp_path, db_target) -> None:
    fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx")
    csv_path = ledgers.export_ledger(ledger, tmp_path / "m.csv", kinds="members")
    fresh = open_database(tmp_path / "fresh.sqlite3", backup=False)
    try:
        assert importer.commit(fresh, path).committed
        names = {m.name for m in Member.select()}
        assert {"=1+1", "张三", "李四"} <= names
        assert StudySession.get(StudySession.topic == "@SUM(A1)")
        assert Survey.get(Survey.topic == "-产业链配套")
        assert Member.get(Member.name == "张三").phone == "+86 139 0000 0000"
        # The CSV carries an apostrophe before "=1+1"; it does not come back.
        result = importer.commit(fresh, csv_path)
        assert result.ok and result.count(importer.SAME) == 3  # the same members, unchanged
        assert Member.select().where(Member.name == "'=1+1").count() == 0
        assert Member.get(Member.name == "=1+1")
    finally:
        fresh.close()


# -- rosters and CSV -----------------------------------------------------------------------------------


def test_a_roster_csv_creates_members_and_then_updates_them_by_name(ledger, tmp_path) -> None:
    path = write_csv(tmp_path / "花名册.csv", ROSTER)
    preview = importer.preview(ledger, path)
    assert preview.ok and preview.format == "csv" and preview.encoding == "utf-8-sig"
    assert [r.action for r in preview.sheets[0].rows] == [importer.CREATE] * 2
    assert preview.sheets[0].sheet is ledgers.MEMBERS
    assert Member.select().count() == 0
    assert importer.commit(ledger, path).committed
    li = Member.get(Member.name == "李四")
    assert (li.gender, li.political_status, li.term_start) == (
        "female",
        "masses",
        datetime.date(2025, 1, 1),
    )
    changed = [row[:] for row in ROSTER]
    changed[2][5] = "13900000099"
    result = importer.commit(ledger, write_csv(tmp_path / "again.csv", changed))
    # 张三 is as he was (skipped, nothing written), 李四's phone changed
    assert [r.action for r in result.sheets[0].rows] == [importer.SAME, importer.UPDATE]
    assert Member.select().count() == 2
    li = Member.get_by_id(li.id)
    assert li.phone == "13900000099"
    assert li.sending_unit_post == "商洛市商务局副局长"


def test_a_roster_that_lacks_columns_keeps_the_other_fields(ledger, tmp_path) -> None:
    zhang = add_member(ledger, "张三", phone="13900000001", notes="老同志")
    path = write_csv(tmp_path / "r.csv", [["姓名", "性别"], ["张三", "男"]], encoding="utf-8")
    result = importer.commit(ledger, path)
    assert result.ok and result.encoding == "utf-8"
    member = Member.get_by_id(zhang)
    assert (member.gender, member.phone, member.notes) == ("male", "13900000001", "老同志")


def test_a_gbk_csv_as_older_excel_writes_it_imports(ledger, tmp_path) -> None:
    path = write_csv(tmp_path / "gbk.csv", ROSTER, encoding="gbk")
    result = importer.commit(ledger, path)
    assert result.ok and result.committed and result.encoding == "gb18030"
    assert {m.name for m in Member.select()} == {"张三", "李四"}
    assert Member.get(Member.name == "张三").sending_unit_post == "商洛市发改委副主任"


def test_a_gbk_csv_with_a_bad_date_names_it_in_chinese(ledger, tmp_path) -> None:
    rows = [row[:] for row in ROSTER]
    rows[2][6] = "二〇二五年"
    result = importer.commit(ledger, write_csv(tmp_path / "gbk.csv", rows, encoding="gbk"))
    assert lines(result) == [
        "gbk 第 3 行「挂职开始日期」：“二〇二五年”不是有效日期，请按 2025-03-01 的格式填写"
    ]
    assert not result.committed and Member.select().count() == 0


def test_problems_in_english(ledger, tmp_path) -> None:
    rows = [row[:] for row in ROSTER]
    rows[2][6] = "2025-13-01"
    path = write_csv(tmp_path / "roster.csv", rows)
    set_language("en")
    result = importer.preview(ledger, path)
    assert lines(result, "en") == [
        "roster, row 3, “挂职开始日期”: “2025-13-01” is not a valid date; write it as 2025-03-01"
    ]


# -- bad files: each refused with its message, nothing written -----------------------------------------


def test_wrong_columns_are_refused(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "请销假": [
                ["请假人", "请假天数", "开始日期", "结束日期"],
                ["张三", 2, "2025-03-03", "2025-03-04"],
            ]
        },
    )
    before = counts()
    result = importer.commit(ledger, path)
    assert lines(result) == [
        f"请销假「请假天数」列：无法识别的列（这张表可用的列：{'、'.join(ledgers.LEAVE.headers)}）",
        "请销假：缺少必需的列「类型」",
    ]
    assert result.refused and not result.committed
    assert counts() == before


def test_an_unrecognised_sheet_is_refused(ledger, tmp_path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", {"Sheet1": [["甲", "乙"], [1, 2]]})
    result = importer.commit(ledger, path)
    assert lines(result) == [
        "Sheet1：无法识别这张表：表头应与导出的台账一致（例如成员表须有“姓名”列）"
    ]
    assert not result.committed


def test_a_header_below_a_title_row_is_found(ledger, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {"Sheet1": [["2025年挂职干部花名册"], [], ["姓名", "联系电话"], ["张三", 13900000001]]},
    )
    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    assert result.sheets[0].rows[0].row == 4
    assert Member.get(Member.name == "张三").phone == "13900000001"


def test_bad_dates_are_refused_by_row_and_column(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "请销假": [
                ["请假人", "类型", "开始日期", "结束日期"],
                ["张三", "事假", "2025-03-03", "2025-03-04"],
                ["张三", "病假", "2025-02-30", "2025-03-04"],
                ["张三", "年休假", "2025-05-06", "明天"],
            ]
        },
    )
    result = importer.commit(ledger, path)
    assert lines(result) == [
        "请销假 第 3 行「开始日期」：“2025-02-30”不是有效日期，请按 2025-03-01 的格式填写",
        "请销假 第 4 行「结束日期」：“明天”不是有效日期，请按 2025-03-01 的格式填写",
    ]
    assert [r.action for r in result.sheets[0].rows] == [
        importer.CREATE,
        importer.SKIP,
        importer.SKIP,
    ]
    assert not result.committed and LeaveRequest.select().count() == 0


def test_an_unknown_member_is_refused(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "调研走访": [
                ["调研日期", "调研类型", "参加人员", "调研对象"],
                ["2025-03-05", "企业调研", "张三、王五", "南京某公司"],
            ],
            "月度亮点": [["月份", "成员", "亮点标题"], ["2025-03", "赵六", "亮点"]],
        },
    )
    result = importer.commit(ledger, path)
    assert lines(result) == [
        "调研走访 第 2 行「参加人员」：找不到名为“王五”的成员（请先在成员表中加上这位成员）",
        "月度亮点 第 2 行「成员」：找不到名为“赵六”的成员（请先在成员表中加上这位成员）",
    ]
    assert not result.committed
    assert Survey.select().count() == 0 and Highlight.select().count() == 0


def test_a_name_shared_by_two_members_is_a_problem_naming_both(ledger, tmp_path) -> None:
    first = add_member(ledger, "张伟", sending_unit_post="商州区副区长")
    second = add_member(ledger, "张伟", sending_unit_post="洛南县副县长")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {"月度亮点": [["月份", "成员", "亮点标题"], ["2025-03", "张伟", "亮点"]]},
    )
    result = importer.commit(ledger, path)
    assert lines(result) == [
        "月度亮点 第 2 行「成员」：有 2 位成员都叫“张伟”"
        f"（商州区副区长，编号 {first}；洛南县副县长，编号 {second}），无法确定是哪一位；"
        "请先在成员表中改名加以区分"
    ]
    # and a roster row without 编号 cannot say which of them it updates
    roster = write_csv(tmp_path / "r.csv", [["姓名", "备注"], ["张伟", "新备注"]])
    result = importer.commit(ledger, roster)
    assert len(lines(result)) == 1 and "有 2 位成员都叫“张伟”" in lines(result)[0]
    assert {m.notes for m in Member.select()} == {""}


def test_a_row_repeated_in_the_file_is_written_once(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    row = ["2025-03", "张三", "其他", "同一个亮点"]
    path = write_xlsx(
        tmp_path / "x.xlsx", {"月度亮点": [["月份", "成员", "类别", "亮点标题"], row, row]}
    )
    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    assert [r.action for r in result.sheets[0].rows] == [importer.CREATE, importer.SAME]
    assert result.same_lines() == ["1 行与台账中已有记录相同，已跳过：", "  月度亮点 第 3 行"]
    assert result.same_lines("en") == [
        "1 row(s) are the same as records already in the ledger and were skipped:",
        "  月度亮点, row(s) 3",
    ]
    assert Highlight.select().count() == 1


def test_the_same_record_twice_is_refused(ledger, tmp_path) -> None:
    ids = fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx", kinds="highlights")
    wb = openpyxl.load_workbook(path)
    ws = wb["月度亮点"]
    ws.append([c.value for c in ws[2]][:3] + ["另一个标题"] + [c.value for c in ws[2]][4:])
    wb.save(path)
    result = importer.commit(ledger, path)
    assert lines(result) == ["月度亮点 第 3 行「编号」：编号与第 2 行相同，同一条记录出现了两次"]
    assert Highlight.get_by_id(ids["highlight"]).title == "促成项目签约"


def without_identities(path: Path) -> Path:
    """The workbook with its 编号, 学习编号 and 措施编号 columns deleted, as a hand-kept ledger would be."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for index in sorted(
            (c.column for c in ws[1] if c.value in ("编号", "学习编号", "措施编号")), reverse=True
        ):
            ws.delete_cols(index)
    wb.save(path)
    return path


RECORDS = (StudySession, Attendance, LeaveRequest, Survey, Highlight, Member)
PLAN_MODELS = (Plan, PlanMeasure, PlanTick)


def test_rows_already_in_the_ledger_are_skipped_and_listed(ledger, tmp_path) -> None:
    """Without 编号 a row is recognised by what identifies it to a person: importing a ledger's own
    rows back writes nothing, with --clean-only too, and says which rows it skipped."""
    from db.store.models import Achievement, ResearchReport, SpotCheck

    fill_small(ledger)
    path = without_identities(ledgers.export_ledger(ledger, tmp_path / "x.xlsx"))
    models = (*RECORDS, Achievement, ResearchReport, SpotCheck, *PLAN_MODELS, ChangeLog)
    before = {m.__name__: m.select().count() for m in models}
    for clean_only in (False, True):
        result = importer.commit(ledger, path, clean_only=clean_only)
        assert result.ok, lines(result)
        assert not result.committed
        assert result.count(importer.CREATE) == result.count(importer.UPDATE) == 0
        assert result.count(importer.SAME) == sum(len(s.rows) for s in result.sheets)
        same = result.same_lines()
        assert same[0] == f"{result.count(importer.SAME)} 行与台账中已有记录相同，已跳过："
        assert "  学习交流 第 2–3 行" in same and "  出勤 第 2–5 行" in same
        assert {m.__name__: m.select().count() for m in models} == before


def test_a_ledger_without_identities_imported_twice_is_written_once(
    ledger, tmp_path, capsys
) -> None:
    from types import SimpleNamespace

    from db.store.models import Achievement, ResearchReport, SpotCheck, SpotCheckResult

    fill_small(ledger)
    path = without_identities(ledgers.export_ledger(ledger, tmp_path / "x.xlsx"))
    models = (*RECORDS, Achievement, ResearchReport, SpotCheck, SpotCheckResult, *PLAN_MODELS)
    expected = {m.__name__: m.select().count() for m in models}
    target = tmp_path / "fresh.sqlite3"
    args = SimpleNamespace(db=str(target), file=str(path), clean_only=False)
    assert importer.cli_import(args) == 0
    with open_database(target, backup=False):
        first = {m.__name__: m.select().count() for m in models}
        history = ChangeLog.select().count()
    assert first == expected
    capsys.readouterr()
    for clean_only in (False, True):
        args.clean_only = clean_only
        assert importer.cli_import(args) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].endswith(" 行与台账中已有记录相同，已跳过：")
        assert out[-1] == "未写入任何内容：文件中的记录都已在台账中。"
    with open_database(target, backup=False):
        assert {m.__name__: m.select().count() for m in models} == expected
        assert ChangeLog.select().count() == history


def test_a_record_repeated_with_other_details_is_skipped_once_known(ledger, tmp_path) -> None:
    """Two rows of one achievement (date, kind, title and amount) are one record, even when a note
    differs; two surveys of one day, place and people that visited two bodies are two."""
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "工作成果": [
                ["日期", "成果类型", "成果名称", "金额（万元）", "备注"],
                ["2025-03-03", "消费帮扶金额", "商洛农产品进南京", 120.5, "第一次录入"],
                ["2025-03-03", "消费帮扶金额", "商洛农产品进南京", "120.50", "又录了一次"],
                ["2025-03-03", "消费帮扶金额", "商洛农产品进南京", 80, "另一笔"],
            ],
            "调研走访": [
                ["调研日期", "调研类型", "参加人员", "调研对象", "地点"],
                ["2025-03-04", "企业调研", "张三", "甲公司", "江宁区"],
                ["2025-03-04", "企业调研", "张三", "乙公司", "江宁区"],
                ["2025-03-04", "企业调研", "张三", "甲公司", "江宁区"],
            ],
        },
    )
    from db.store.models import Achievement

    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    assert result.same_lines() == [
        "2 行与台账中已有记录相同，已跳过：",
        "  工作成果 第 3 行",
        "  调研走访 第 4 行",
    ]
    assert sorted(a.amount for a in Achievement.select()) == [Decimal("80"), Decimal("120.5")]
    assert Survey.select().count() == 2


def test_leave_of_the_same_member_and_period_is_the_same_request(ledger, tmp_path) -> None:
    """A second import of a leave row is skipped, not refused as an overlap with itself."""
    zhang = add_member(ledger, "张三")
    service_for("leave").save(
        ledger,
        {
            "member": zhang,
            "leave_type": "事假",
            "start_date": "2025-03-03",
            "end_date": "2025-03-05",
        },
    )
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "请销假": [
                ["请假人", "类型", "开始日期", "开始时段", "结束日期", "结束时段"],
                ["张三", "事假", "2025-03-03", "上午", "2025-03-05", "下午"],
                ["张三", "事假", "2025-03-05", "下午", "2025-03-06", "下午"],
            ]
        },
    )
    result = importer.commit(ledger, path, clean_only=True)
    assert [r.action for r in result.sheets[0].rows] == [importer.SAME, importer.SKIP]
    assert "时间不能重叠" in lines(result)[0] and result.problems[0].row == 3
    assert LeaveRequest.select().count() == 1


def test_the_ledger_carries_the_bulletin_issues(ledger, tmp_path) -> None:
    """第3期 keeps its number, its issue date, 本月概述, 下月工作安排 and the time it was produced in an empty
    ledger; a second import (and the CSV of the issues) changes nothing."""
    from db.services import bulletins
    from db.store.models import BulletinIssue

    fill_small(ledger)
    for month in (1, 2, 3):
        issue = bulletins.issue_for_month(ledger, 2025, month)
    bulletins.save_texts(
        ledger, issue.id, "三月*概述*\n第二段", "四月安排", issue.version, "2025-04-03"
    )
    produced = datetime.datetime(2025, 4, 2, 9, 30, 15)
    bulletins.mark_produced(ledger, issue.id, produced)
    book = ledgers.export_ledger(
        ledger,
        tmp_path / "x.xlsx",
        date_from=datetime.date(2025, 3, 1),
        date_to=datetime.date(2025, 3, 31),
    )
    table = ledgers.export_ledger(
        ledger,
        tmp_path / "b.csv",
        kinds="bulletins",
        date_from=datetime.date(2025, 3, 1),
        date_to=datetime.date(2025, 3, 31),
    )
    issue_date = BulletinIssue.get_by_id(issue.id).issue_date
    assert issue_date == datetime.date(2025, 4, 3)  # not the default, the first working day after
    assert cells(book)["信息动态"][1][:6] == [
        (datetime.datetime(2025, 3, 1), "d"),
        (3, "n"),
        (datetime.datetime(2025, 4, 3), "d"),
        ("三月*概述*\n第二段", "s"),
        ("四月安排", "s"),
        (produced, "d"),
    ]
    fresh = open_database(tmp_path / "fresh.sqlite3", backup=False)
    try:
        result = importer.commit(fresh, book)
        assert result.ok and result.committed, lines(result)
        [issue] = BulletinIssue.select()
        assert (issue.month, issue.year, issue.number) == (datetime.date(2025, 3, 1), 2025, 3)
        assert (issue.overview_text, issue.plan_text) == ("三月*概述*\n第二段", "四月安排")
        assert issue.issue_date == issue_date
        assert issue.produced_at == produced
        assert bulletins.bulletins.find(fresh, 2025, 3).number == 3
        history = ChangeLog.select().count()
        for again in (book, table):
            result = importer.commit(fresh, again)
            assert result.ok and not result.committed, lines(result)
            sheet = next(s for s in result.sheets if s.sheet is ledgers.BULLETINS)
            assert [r.action for r in sheet.rows][-1] == importer.SAME
        assert ChangeLog.select().count() == history
        assert BulletinIssue.get_by_id(issue.id).version == issue.version
        # A new issue for April continues the numbering from the imported 第3期.
        assert bulletins.issue_for_month(fresh, 2025, 4).number == 4
    finally:
        fresh.close()


def plan_contents() -> dict:
    """Every plan as people read it: year, title, each measure and each tick (members by name)."""
    out = {}
    for plan in Plan.select().order_by(Plan.year):
        measures = []
        for m in (
            PlanMeasure.select().where(PlanMeasure.plan == plan.id).order_by(PlanMeasure.position)
        ):
            ticks = sorted(
                (t.member.name if t.member_id else None, t.date, t.note)
                for t in PlanTick.select().where(PlanTick.measure == m.id)
            )
            measures.append(
                (m.id, m.position, m.wording, m.binds, m.period, m.count, m.source, m.filter)
                + (m.notes, tuple(ticks))
            )
        out[plan.year] = (plan.title, measures)
    return out


def test_the_ledger_carries_the_year_plan(ledger, tmp_path) -> None:
    """Exported and imported into an empty ledger, the plans come back the same — their titles,
    measures (with their identities) and ticks — and so does their progress; a second import of the
    workbook, or of the plan's CSV files, changes nothing."""
    from db.queries.plan import plan_progress

    fill_small(ledger)
    expected = plan_contents()
    assert len(expected[2025][1]) == 4 and len(expected[2025][1][2][-1]) == 2
    figures = [(m.done, m.expected, m.due) for m in plan_progress(ledger, 2025).measures]
    book = ledgers.export_ledger(ledger, tmp_path / "x.xlsx")
    csvs = [
        ledgers.export_ledger(ledger, tmp_path / f"{kind}.csv", kinds=kind)
        for kind in ("plan", "plan_ticks")
    ]
    fresh = open_database(tmp_path / "fresh.sqlite3", backup=False)
    try:
        result = importer.commit(fresh, book)
        assert result.ok and result.committed, lines(result)
        assert plan_contents() == expected
        assert [(m.done, m.expected, m.due) for m in plan_progress(fresh, 2025).measures] == (
            figures
        )
        history = ChangeLog.select().count()
        versions = {m.id: m.version for m in PlanMeasure.select()}
        for again in (book, *csvs):
            result = importer.commit(fresh, again)
            assert result.ok and not result.committed, lines(result)
            assert result.count(importer.SAME) == sum(len(s.rows) for s in result.sheets)
        assert ChangeLog.select().count() == history
        assert {m.id: m.version for m in PlanMeasure.select()} == versions
        assert plan_contents() == expected
    finally:
        fresh.close()


PLAN_HEADERS = ["年度", "计划名称", "措施", "对象", "周期", "计入", "类型", "次数"]
TICK_HEADERS = ["年度", "措施", "成员", "日期", "说明"]


def test_a_hand_kept_plan_finds_its_measures_by_year_and_wording(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    plan_rows = [
        PLAN_HEADERS,
        [2025, "细化措施", "每人每周一次实践调研", "每人", "每周", "调研走访", "实践调研", 1],
        [2025, "细化措施", "每人建立一本工作日志", "每人", "每月", "手动勾选", None, None],
        [2025, None, "坚守一条工作红线", "工作组", "每月", "手动勾选", None, None],
    ]
    tick_rows = [
        TICK_HEADERS,
        [2025, "每人建立一本工作日志", "张三", "2025-01-31", "已检查"],
        [2025, "坚守一条工作红线", None, "2025-01-28", "无违规"],
    ]
    path = write_xlsx(tmp_path / "x.xlsx", {"年度计划": plan_rows, "计划勾选": tick_rows})
    result = importer.commit(ledger, path)
    assert result.ok and result.committed, lines(result)
    [plan] = Plan.select()
    assert (plan.year, plan.title) == (2025, "细化措施")
    measures = list(PlanMeasure.select().order_by(PlanMeasure.position))
    assert [(m.position, m.wording, m.binds, m.period, m.source, m.filter) for m in measures] == [
        (0, "每人每周一次实践调研", "member", "week", "survey", "practice"),
        (1, "每人建立一本工作日志", "member", "month", "manual", ""),
        (2, "坚守一条工作红线", "group", "month", "manual", ""),
    ]
    ticks = {(t.measure.wording, t.member.name if t.member_id else None) for t in PlanTick.select()}
    assert ticks == {("每人建立一本工作日志", "张三"), ("坚守一条工作红线", None)}
    # Again, with a new title: the plan is renamed, nothing else is written.
    plan_rows[1][1] = plan_rows[2][1] = "细化措施二十条"
    path = write_xlsx(tmp_path / "y.xlsx", {"年度计划": plan_rows, "计划勾选": tick_rows})
    result = importer.commit(ledger, path)
    assert result.ok and result.committed, lines(result)
    assert [r.action for r in result.sheets[0].rows] == [importer.UPDATE, *[importer.SAME] * 2]
    assert Plan.get().title == "细化措施二十条"
    assert (PlanMeasure.select().count(), PlanTick.select().count()) == (3, 2)


def test_plan_rows_with_problems_are_refused_by_row_and_column(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    plan_rows = [
        PLAN_HEADERS,
        [2025, "细化措施", "每人每周一次实践调研", "每人", "每周", "调研走访", "座谈", 1],
        [2025, "另一个计划", "坚守一条工作红线", "工作组", "每月", "手动勾选", None, None],
        [2025, "细化措施", "每月编发一期信息动态", "每人", "每月", "信息动态", None, None],
        [1999, "旧计划", "坚守一条工作红线", "工作组", "每月", "手动勾选", None, None],
        [1999, "旧计划", "每人建立一本工作日志", "每人", "每月", "手动勾选", None, None],
    ]
    tick_rows = [
        TICK_HEADERS,
        [2025, "没有这项措施", None, "2025-01-28", "无违规"],
        [2025, "每人每周一次实践调研", "张三", "2025-01-28", ""],
    ]
    path = write_xlsx(tmp_path / "x.xlsx", {"年度计划": plan_rows, "计划勾选": tick_rows})
    result = importer.commit(ledger, path)
    assert not result.committed
    assert lines(result) == [
        "年度计划 第 2 行「类型」：“座谈”不是可选的值（可选：企业调研、实践调研、专题调研、座谈走访）",
        "年度计划 第 3 行「计划名称」：同一年度的各行计划名称应相同，而第 2 行是“细化措施”",
        "年度计划 第 4 行「对象」：信息动态由工作组编发，只能按工作组计",
        "年度计划 第 5 行「年度」：须为 2000 到 2100 之间的年份",
        "年度计划 第 6 行「年度」：1999年的年度计划未能导入（见第 5 行）",
        "计划勾选 第 2 行「措施」：找不到2025年年度计划中的措施“没有这项措施”（请在年度计划表中加上它）",
        "计划勾选 第 3 行「措施」：找不到2025年年度计划中的措施“每人每周一次实践调研”（请在年度计划表中加上它）",
    ]
    assert not Plan.select().exists() and not PlanMeasure.select().exists()
    result = importer.commit(ledger, path, clean_only=True)
    assert result.committed
    assert [m.wording for m in PlanMeasure.select()] == []  # the first row's plan, no measure
    assert Plan.get().title == "细化措施"


def test_a_clash_between_two_rows_is_found_by_the_service(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "请销假": [
                ["请假人", "类型", "开始日期", "结束日期"],
                ["张三", "事假", "2025-03-03", "2025-03-05"],
                ["张三", "病假", "2025-03-05", "2025-03-06"],
            ]
        },
    )
    result = importer.commit(ledger, path)
    assert len(result.problems) == 1
    assert result.problems[0].row == 3 and result.problems[0].column == "开始日期"
    assert "时间不能重叠" in lines(result)[0]
    assert LeaveRequest.select().count() == 0


def test_leave_overlapping_a_queued_row_of_the_same_file_is_refused(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    add_member(ledger, "李四")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "请销假": [
                ["请假人", "类型", "开始日期", "结束日期"],
                ["张三", "事假", "2025-03-03", "2025-03-05"],
                ["李四", "事假", "2025-03-03", "2025-03-05"],
                ["张三", "病假", "2025-03-10", "2025-03-11"],
                ["张三", "病假", "2025-03-05", "2025-03-06"],
            ]
        },
    )
    result = importer.commit(ledger, path, clean_only=True)
    assert lines(result) == [
        "请销假 第 5 行「开始日期」：该成员2025-03-03上午至2025-03-05下午已有一条事假（待审批），"
        "时间不能重叠"
    ]
    assert LeaveRequest.select().count() == 3


def test_a_highlight_title_twice_in_one_file_is_the_same_highlight(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    add_member(ledger, "李四")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "月度亮点": [
                ["月份", "成员", "亮点标题", "亮点内容"],
                ["2025-03", "张三", "招商推介会", "第一场"],
                ["2025-03", "李四", "招商推介会", ""],
                ["2025-04", "张三", "招商推介会", ""],
                ["2025-03", "张三", "招商推介会", "第二场"],
            ]
        },
    )
    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    assert result.same_lines() == ["1 行与台账中已有记录相同，已跳过：", "  月度亮点 第 5 行"]
    assert Highlight.select().count() == 3
    assert Highlight.get(Highlight.text == "第一场").title == "招商推介会"


def test_a_failed_update_does_not_hide_the_queued_rows_from_the_next(ledger, tmp_path) -> None:
    zhang = add_member(ledger, "张三")
    old = service_for("highlight").save(
        ledger, {"member": zhang, "month": "2025-01", "title": "旧"}
    )
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "月度亮点": [
                ["月份", "成员", "亮点标题", "亮点内容", "编号"],
                ["2025-03", "张三", "甲", "", None],
                ["2025-01", "张三", "旧" * 301, "", str(old.id)],  # too long: the service refuses
                ["2025-03", "张三", "甲", "又一次", None],
            ]
        },
    )
    result = importer.commit(ledger, path, clean_only=True)
    assert [p.row for p in result.problems] == [3]
    assert [r.action for r in result.sheets[0].rows] == [
        importer.CREATE,
        importer.SKIP,
        importer.SAME,
    ]
    assert sorted(h.title for h in Highlight.select()) == ["旧", "甲"]


def test_a_text_file_named_xlsx_is_refused(ledger, tmp_path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_text("姓名,性别\n张三,男\n", encoding="utf-8")
    result = importer.commit(ledger, path)
    assert lines(result) == [
        f"文件不是有效的电子表格（.xlsx、.xls、.ods 等），可能是改了扩展名的其他文件或已损坏：{path}"
    ]
    assert not result.committed and Member.select().count() == 0


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("坏.xlsx", b"PK\x03\x04"),
        ("坏.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("坏.ods", b"PK\x03\x04"),
    ],
)
def test_a_damaged_workbook_is_refused(ledger, tmp_path, name: str, start: bytes) -> None:
    damaged = tmp_path / name
    damaged.write_bytes(start + b"\x00" * 100)
    assert lines(importer.commit(ledger, damaged)) == [
        f"文件不是有效的电子表格（.xlsx、.xls、.ods 等），可能是改了扩展名的其他文件或已损坏：{damaged}"
    ]
    assert Member.select().count() == 0


def test_empty_files_are_refused(ledger, tmp_path) -> None:
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    assert lines(importer.commit(ledger, empty)) == [f"文件是空的：{empty}"]
    header_only = write_csv(tmp_path / "表头.csv", [ROSTER[0]])
    assert lines(importer.commit(ledger, header_only)) == [
        f"文件中没有可导入的数据行：{header_only}"
    ]
    blank = write_xlsx(tmp_path / "空.xlsx", {"成员": []})
    assert lines(importer.commit(ledger, blank)) == [f"文件中没有可导入的数据行：{blank}"]
    assert Member.select().count() == 0


def test_a_missing_file_is_a_problem(ledger, tmp_path) -> None:
    path = tmp_path / "没有.xlsx"
    assert lines(importer.preview(ledger, path)) == [f"找不到文件：{path}"]


def test_records_need_a_group_first(empty_ledger, tmp_path) -> None:
    path = write_csv(tmp_path / "花名册.csv", ROSTER)
    result = importer.commit(empty_ledger, path)
    assert lines(result) == ["花名册：还没有建立工作组，请先填写工作组信息。"]
    assert not result.committed and empty_ledger.group_id is None


def test_a_ledger_of_another_group_is_refused(ledger, tmp_path) -> None:
    other = write_xlsx(
        tmp_path / "x.xlsx",
        {"工作组概况": [["工作组名称", "编号"], ["安康市赴苏州市挂职工作组", str(uuid.uuid4())]]},
    )
    result = importer.commit(ledger, other)
    assert lines(result) == [
        "工作组概况 第 2 行：这份台账属于另一个工作组（“安康市赴苏州市挂职工作组”），"
        "而这个数据库是“商洛市赴南京市挂职工作组”的；请在另一个数据库中导入"
    ]


# -- sessions and attendance, spot checks ---------------------------------------------------------------


def test_attendance_rows_become_the_sessions_attendance(ledger, tmp_path) -> None:
    add_member(ledger, "张三", sort_order=1)
    add_member(ledger, "李四", sort_order=2)
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "学习交流": [["日期", "类别", "主题"], ["2025-03-20", "集体学习交流会", "学习会"]],
            "出勤": [
                ["日期", "主题", "成员", "出席情况", "缺席原因", "说明"],
                ["2025-03-20", "学习会", "张三", "出席", None, None],
                ["2025-03-20", "学习会", "李四", "缺席", "请假", "回商洛"],
            ],
        },
    )
    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    session = StudySession.get()
    rows = {
        a.member.name: (a.present, a.absence_reason, a.note)
        for a in Attendance.select().where(Attendance.session == session.id)
    }
    assert rows == {"张三": (True, "", ""), "李四": (False, "leave", "回商洛")}
    assert [r.action for r in result.sheets[1].rows] == [importer.CREATE] * 2


def test_attendance_problems_go_to_the_attendance_rows(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    add_member(ledger, "李四")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "学习交流": [["日期", "类别", "主题"], ["2025-03-20", "集体学习交流会", "学习会"]],
            "出勤": [
                ["日期", "主题", "成员", "出席情况", "缺席原因"],
                ["2025-03-20", "学习会", "张三", "缺席", None],
                ["2025-03-20", "学习会", "李四", "迟到", None],
                ["2025-03-21", "别的会", "李四", "出席", None],
            ],
        },
    )
    result = importer.commit(ledger, path)
    assert lines(result) == [
        "学习交流 第 2 行：这次学习的出勤有问题，未能导入（见出勤表）",
        "出勤 第 2 行「缺席原因」：缺席时必须选择",
        "出勤 第 3 行「出席情况」：请填“出席”或“缺席”，而不是“迟到”",
        "出勤 第 4 行「主题」：找不到 2025-03-21“别的会”这次学习记录（请在学习交流表中加上它）",
    ]
    assert StudySession.select().count() == 0


def test_an_absence_without_reason_is_the_services_problem(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "学习交流": [["日期", "类别", "主题"], ["2025-03-20", "集体学习交流会", "学习会"]],
            "出勤": [
                ["日期", "主题", "成员", "出席情况"],
                ["2025-03-20", "学习会", "张三", "缺席"],
            ],
        },
    )
    result = importer.commit(ledger, path)
    assert lines(result) == [
        "学习交流 第 2 行：这次学习的出勤有问题，未能导入（见出勤表）",
        "出勤 第 2 行「缺席原因」：缺席时必须选择",
    ]


def test_a_session_without_an_attendance_sheet_gets_the_expected_attendance(
    ledger, tmp_path
) -> None:
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {"学习交流": [["日期", "类别", "主题"], ["2025-03-20", "集体学习交流会", "学习会"]]},
    )
    assert importer.commit(ledger, path).committed
    assert [a.member.name for a in Attendance.select()] == ["张三"]


def test_an_attendance_sheet_alone_updates_a_session_in_the_database(ledger, tmp_path) -> None:
    zhang = add_member(ledger, "张三")
    session = study_sessions.save(
        ledger,
        {
            "kind": "其他",
            "date": "2025-03-20",
            "topic": "学习会",
            "attendance": [{"member": zhang}],
        },
    )
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "出勤": [
                ["学习编号", "成员", "出席情况", "缺席原因"],
                [str(session.id), "张三", "缺席", "公务"],
            ]
        },
    )
    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    row = Attendance.get(Attendance.session == session.id)
    assert (row.present, row.absence_reason) == (False, "official")


def test_spot_check_rows_of_one_check_must_agree(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    add_member(ledger, "李四")
    header = ["抽查日期", "抽查时间", "抽查方式", "抽查人", "成员", "结果", "编号"]
    check_id = str(uuid.uuid4())
    good = write_xlsx(
        tmp_path / "good.xlsx",
        {
            "在岗抽查": [
                header,
                ["2025-03-05", "10:00", "电话", "王五", "张三", "在岗", check_id],
                ["2025-03-05", "10:00", "电话", "王五", "李四", "不在岗", check_id],
            ]
        },
    )
    result = importer.commit(ledger, good)
    assert result.ok and result.committed
    from db.store.models import SpotCheck, SpotCheckResult

    assert SpotCheck.select().count() == 1 and SpotCheckResult.select().count() == 2
    assert str(SpotCheck.get().id) == check_id
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        {
            "在岗抽查": [
                header[:-1],
                ["2025-03-06", "10:00", "电话", "王五", "张三", "在岗"],
                ["2025-03-06", "10:00", "视频", "王五", "李四", "在岗"],
            ]
        },
    )
    # Without 编号 the rows group by their check's cells: two checks here, both fine.
    assert importer.commit(ledger, bad).ok
    assert SpotCheck.select().count() == 3
    inconsistent = write_xlsx(
        tmp_path / "inconsistent.xlsx",
        {
            "在岗抽查": [
                header,
                ["2025-03-07", "10:00", "电话", "王五", "张三", "在岗", check_id.upper()],
                ["2025-03-07", "11:00", "电话", "王五", "李四", "在岗", check_id],
            ]
        },
    )
    result = importer.commit(ledger, inconsistent)
    assert lines(result) == [
        "在岗抽查 第 3 行「抽查时间」：同一次抽查的各行应相同，而第 2 行是“10:00”"
    ]


# -- clean rows only, identities ------------------------------------------------------------------------


def test_clean_only_imports_the_clean_rows_in_one_go(ledger, tmp_path) -> None:
    rows = [row[:] for row in ROSTER] + [["3", "", "男", "", "", "", ""]]
    rows[1][6] = "2025-13-01"
    path = write_csv(tmp_path / "r.csv", rows)
    refused = importer.commit(ledger, path)
    assert refused.refused and Member.select().count() == 0
    result = importer.commit(ledger, path, clean_only=True)
    assert result.committed and not result.refused
    assert len(result.problems) == 2
    assert [m.name for m in Member.select()] == ["李四"]
    assert [r.action for r in result.sheets[0].rows] == [
        importer.SKIP,
        importer.CREATE,
        importer.SKIP,
    ]
    assert lines(result)[1] == "r 第 4 行「姓名」：必须填写"


def test_a_record_depending_on_a_bad_row_fails_too_with_clean_only(ledger, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "成员": [["姓名", "挂职开始日期"], ["张三", "不是日期"], ["李四", "2025-01-01"]],
            "月度亮点": [
                ["月份", "成员", "亮点标题"],
                ["2025-03", "张三", "甲"],
                ["2025-03", "李四", "乙"],
            ],
        },
    )
    result = importer.commit(ledger, path, clean_only=True)
    assert result.committed
    assert [h.title for h in Highlight.select()] == ["乙"]
    assert any("月度亮点 第 2 行「成员」：找不到名为“张三”的成员" in line for line in lines(result))


def test_an_identity_that_is_not_ours_is_refused(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {"月度亮点": [["月份", "成员", "亮点标题", "编号"], ["2025-03", "张三", "甲", "12345"]]},
    )
    assert lines(importer.commit(ledger, path)) == [
        "月度亮点 第 2 行「编号」：“12345”不是本程序导出的编号；新记录请留空"
    ]


def test_a_new_record_keeps_the_identity_in_the_file(ledger, tmp_path) -> None:
    add_member(ledger, "张三")
    wanted = uuid.uuid4()
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "月度亮点": [
                ["月份", "成员", "亮点标题", "编号"],
                ["2025-03", "张三", "甲", str(wanted)],
            ]
        },
    )
    assert importer.commit(ledger, path).committed
    assert Highlight.get().id == wanted
    assert ChangeLog.get(ChangeLog.record_id == wanted).action == "create"


def test_preview_writes_nothing_and_finds_what_commit_finds(ledger, tmp_path) -> None:
    fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx")
    fresh_path = tmp_path / "fresh.sqlite3"
    fresh = open_database(fresh_path, backup=False)
    try:
        before = counts()
        preview = importer.preview(fresh, path)
        assert counts() == before and fresh.group_id is None
        result = importer.commit(fresh, path)
        assert [(s.title, [(r.row, r.action) for r in s.rows]) for s in preview.sheets] == [
            (s.title, [(r.row, r.action) for r in s.rows]) for s in result.sheets
        ]
        assert fresh.group_id is not None
        assert members.ordered(fresh)[0].name == "张三"
    finally:
        fresh.close()


def test_an_imported_member_sheet_creates_party_groups_and_leaders(ledger, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "x.xlsx",
        {
            "党小组": [["党小组名称", "党小组组长"], ["第一党小组", "张三"]],
            "成员": [["姓名", "党小组"], ["张三", "第一党小组"], ["李四", "第一党小组"]],
        },
    )
    result = importer.commit(ledger, path)
    assert result.ok and result.committed
    from db.store.models import PartyGroup, PartyGroupLeader

    group = PartyGroup.get()
    assert PartyGroupLeader.get().member.name == "张三"
    assert {m.name for m in Member.select().where(Member.party_group == group.id)} == {
        "张三",
        "李四",
    }
    assert result.sheets[0].rows[0].action == importer.CREATE


def test_a_csv_written_by_excel_with_semicolons_and_blank_lines(ledger, tmp_path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("姓名;性别\r\n\r\n张三;男\r\n".encode("utf-8-sig"))
    result = importer.commit(ledger, path)
    assert result.ok and result.sheets[0].rows[0].row == 3
    assert Member.get().gender == "male"


def test_a_problem_renders_alone_when_it_has_no_place() -> None:
    from db.services.fields import REQUIRED

    problem = importer.Problem("成员", 5, "姓名", REQUIRED(label="姓名"), ("姓名",))
    assert problem.text() == "成员 第 5 行「姓名」：必须填写"
    assert problem.text("en") == "成员, row 5, “姓名”: required"
    assert importer.Problem(None, None, None, REQUIRED(label="x")).text() == "x：必须填写"


@pytest.mark.parametrize("value", ["2025-03-01", "2025/3/1", "2025年3月1日", "20250301"])
def test_dates_as_people_type_them(ledger, tmp_path, value) -> None:
    path = write_csv(tmp_path / "r.csv", [["姓名", "挂职开始日期"], ["张三", value]])
    assert importer.commit(ledger, path).committed
    assert Member.get().term_start == datetime.date(2025, 3, 1)


def test_nothing_half_written_after_a_refusal(ledger: Ledger, tmp_path) -> None:
    fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["工作成果"]
    ws.append(["2025-04-01", "消费帮扶金额", "缺金额"])
    ws2 = wb["成员"]
    ws2.append([9, "新成员"])
    wb.save(path)
    before = counts()
    result = importer.commit(ledger, path)
    assert lines(result) == ["工作成果 第 4 行「金额（万元）」：“消费帮扶金额”类成果必须填写金额"]
    assert counts() == before
    assert not Member.select().where(Member.name == "新成员").exists()


def test_cells_typed_by_excel_are_read_as_values(ledger, tmp_path) -> None:
    """Dates, times and numbers as Excel stores them (serial numbers with a date format, shared
    strings, a formula's cached result) read as the values they show."""
    add_member(ledger, "张三")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学习交流"
    ws.append(["日期", "类别", "开始时间", "结束时间", "主题", "培训学时"])
    ws.append(
        [datetime.datetime(2025, 3, 20), "专题培训", datetime.time(9, 0), "11:30", "培训", 2.5]
    )
    wb.save(tmp_path / "x.xlsx")
    result = importer.commit(ledger, tmp_path / "x.xlsx")
    assert result.ok, lines(result)
    session = StudySession.get()
    assert (session.date, session.start_time, session.end_time) == (
        datetime.date(2025, 3, 20),
        datetime.time(9, 0),
        datetime.time(11, 30),
    )
    assert session.training_hours == Decimal("2.5")


def test_the_reader_agrees_with_openpyxl(ledger, tmp_path) -> None:
    fill_small(ledger)
    path = ledgers.export_ledger(ledger, tmp_path / "x.xlsx")
    ours = {raw.title: raw.rows for raw in sheets.read_file(path)[0]}
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        theirs = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            # (openpyxl gives a date cell as a datetime at midnight; calamine as the date it is.)
            values = [
                v.date() if isinstance(v, datetime.datetime) and v.time() == datetime.time() else v
                for v in values
            ]
            while values and values[-1] is None:
                values.pop()
            if values:
                theirs.append((number, values))
        assert ours[ws.title] == theirs, ws.title
    wb.close()


# -- other spreadsheet formats -----------------------------------------------------------------------
# tests/db/files/台账.xlsx is fill_small's ledger as the program exports it; 台账.xls and 台账.ods are
# that file saved by LibreOffice Calc 7.4 as Excel 97-2003 and as OpenDocument.

FILES = Path(__file__).parent / "files"


def imported(folder: Path, path: Path) -> dict[str, list[str]]:
    """The records a fresh ledger holds after importing ``path`` (times of writing left out)."""
    ledger = open_database(folder / f"from-{path.suffix[1:]}.sqlite3")
    try:
        result = importer.commit(ledger, path)
        assert result.ok and result.committed, lines(result)
        return {
            model.__name__: sorted(
                json.dumps(
                    {
                        k: to_json_value(v)
                        for k, v in row.items()
                        # (an attendance row's own id is made anew: the ledger names its session)
                        if not k.endswith("_at") and (model, k) != (Attendance, "id")
                    },
                    sort_keys=True,
                    ensure_ascii=False,
                )
                for row in model.select().dicts()
            )
            for model in (Member, StudySession, Attendance, LeaveRequest, Survey, WorkGroup)
        }
    finally:
        ledger.close()


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_old_excel_and_opendocument_files_import_as_the_xlsx_does(
    tmp_path: Path, suffix: str
) -> None:
    expected = imported(tmp_path, FILES / "台账.xlsx")
    assert sum(len(rows) for rows in expected.values()) > 10
    assert imported(tmp_path, FILES / f"台账{suffix}") == expected
