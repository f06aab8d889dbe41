"""List pages' queries: ordered ids in SQL, one page of rows, filters (pinyin too) and totals."""

from __future__ import annotations

import datetime
from decimal import Decimal

from db.queries.lists import LISTS, Filters, to_uuid
from db.services.spotchecks import spot_checks
from db.store.models import Achievement, ChangeLog, LeaveRequest, Survey, SurveyParticipant
from tests.conftest import add_member, d


def _ids(spec, ledger, *args, **kwargs) -> list:
    return [to_uuid(k) for k in spec.ids(ledger, *args, **kwargs)]


def _survey(ledger, day: str, visited: str, kind: str, *members) -> Survey:
    survey = Survey.create(
        group=ledger.group_id, date=d(day), kind=kind, visited=visited, topic="产业调研"
    )
    for member in members:
        SurveyParticipant.create(survey=survey, member=member)
    return survey


def test_surveys_sorted_filtered_and_paged(ledger) -> None:
    zhang = add_member(ledger, "张三", sort_order=1)
    shan = add_member(ledger, "单雄信", sort_order=2)
    a = _survey(ledger, "2025-03-03", "南京汽车集团", "enterprise", zhang)
    b = _survey(ledger, "2025-03-10", "江宁开发区", "practice", zhang, shan)
    c = _survey(ledger, "2025-04-01", "雨花台软件园", "enterprise", shan)
    spec = LISTS["survey"]

    assert _ids(spec, ledger) == [c.id, b.id, a.id]  # newest first by default
    assert _ids(spec, ledger, sort="visited", descending=False) == [
        a.id,
        b.id,
        c.id,
    ]  # 南 < 江 < 雨 (code points)
    assert _ids(spec, ledger, Filters(date_from=d("2025-03-05"), date_to=d("2025-03-31"))) == [b.id]
    assert _ids(spec, ledger, Filters(kind="enterprise")) == [c.id, a.id]
    assert _ids(spec, ledger, Filters(member_id=zhang)) == [b.id, a.id]
    # free text: a word of a field, or a member's pinyin initials under any reading of 单
    assert _ids(spec, ledger, Filters(text="汽车")) == [a.id]
    assert _ids(spec, ledger, Filters(text="dxx")) == [c.id, b.id]
    assert _ids(spec, ledger, Filters(text="sxx")) == [c.id, b.id]
    assert _ids(spec, ledger, Filters(text="100%")) == []  # wildcards are literal

    key = spec.ids(ledger, Filters(kind="practice"))[0]
    page = spec.rows(ledger, [key])
    assert page[key]["id"] == b.id
    assert page[key]["participants"] == ["张三", "单雄信"]
    assert spec.display("kind", page[key]["kind"]) == "实践调研"
    assert spec.display("kind", page[key]["kind"], "en") == "Field survey"
    assert spec.totals(ledger, Filters(kind="enterprise")) == {"count": 2}


def test_leave_totals_leave_out_business_trips_and_overdue_filter(ledger) -> None:
    zhang = add_member(ledger, "张三")
    common = {"group": ledger.group_id, "member": zhang, "start_half": "am", "end_half": "pm"}
    sick = LeaveRequest.create(
        **common,
        leave_type="sick",
        start_date=d("2025-03-03"),
        end_date=d("2025-03-04"),
        days=Decimal(2),
        status="approved",
    )
    LeaveRequest.create(
        **common,
        leave_type="business_trip",
        start_date=d("2025-03-10"),
        end_date=d("2025-03-12"),
        days=Decimal(3),
        status="approved",
        return_date=d("2025-03-13"),
        return_half="am",
    )
    LeaveRequest.create(
        **common,
        leave_type="personal",
        start_date=d("2025-04-01"),
        end_date=d("2025-04-01"),
        days=Decimal(1),
        days_override=Decimal("0.5"),
        override_reason="只请了半天",
        status="returned",
        return_date=d("2025-04-01"),
        return_half="pm",
    )
    spec = LISTS["leave"]
    assert spec.totals(ledger) == {
        "count": 3,
        "days": Decimal("2.5"),
    }  # 2 (sick) + 0.5 (override); trip not leave
    overdue = Filters(status="overdue", today=datetime.date(2025, 3, 20))
    assert _ids(spec, ledger, overdue) == [sick.id]
    assert _ids(spec, ledger, Filters(text="zs", kind="sick")) == [sick.id]


def test_achievement_totals(ledger) -> None:
    Achievement.create(
        group=ledger.group_id,
        date=d("2025-05-01"),
        kind="consumption_aid",
        title="农产品",
        amount=Decimal("12.5"),
    )
    Achievement.create(
        group=ledger.group_id, date=d("2025-06-01"), kind="project_signed", title="签约", count=3
    )
    assert LISTS["achievement"].totals(ledger) == {
        "count": 2,
        "amount": Decimal("12.5"),
        "items": 3,
    }


def test_every_list_answers_on_an_empty_group(ledger) -> None:
    for spec in LISTS.values():
        assert _ids(spec, ledger, Filters(text="x")) == []
        assert spec.rows(ledger, []) == {}
        # The group's history holds its own creation (a profile's changes are the group's history).
        assert spec.totals(ledger)["count"] == (1 if spec.model is ChangeLog else 0)
        for column in spec.columns:
            if column.sort is not None:
                spec.ids(ledger, sort=column.key, descending=False)


def test_member_names_sort_by_pinyin(ledger) -> None:
    for name in ("赵六", "单雄信", "阿明", "张三"):
        add_member(ledger, name)
    spec = LISTS["member"]
    keys = spec.ids(ledger, sort="name", descending=False)
    rows = spec.rows(ledger, keys)
    names = [rows[k]["name"] for k in keys]
    assert names == ["阿明", "单雄信", "张三", "赵六"]  # a, shan, zhang san, zhao liu


def test_text_index_answers_like_the_sql_filter(ledger) -> None:
    zhang = add_member(ledger, "张三", host_unit_post="江宁区商务局")
    shan = add_member(ledger, "单雄信")
    _survey(ledger, "2025-03-03", "南京汽车集团", "enterprise", zhang)
    _survey(ledger, "2025-03-10", "江宁开发区", "practice", zhang, shan)
    _survey(ledger, "2025-04-01", "雨花台软件园", "enterprise", shan)
    LeaveRequest.create(
        group=ledger.group_id,
        member=shan,
        leave_type="sick",
        start_date=d("2025-03-03"),
        end_date=d("2025-03-03"),
        days=Decimal(1),
        status="approved",
        reason="Fever 发烧",
    )
    for spec in (LISTS["survey"], LISTS["leave"], LISTS["member"]):
        index = spec.text_index(ledger)
        for text in ("汽车", "江宁", "dxx", "sxx", "zs", "FEVER", "张", "无此内容", "100%"):
            for sort in ("date", None):
                if sort is not None and sort not in {c.key for c in spec.columns}:
                    continue
                filters = Filters(text=text)
                expected = spec.ids(ledger, filters, sort=sort)
                assert spec.ids(ledger, filters, sort=sort, text_index=index) == expected, (
                    spec.kind,
                    text,
                )


def test_joined_names_are_shown_not_their_ids(ledger) -> None:
    from db.store.models import PartyGroup, StudySession

    pg = PartyGroup.create(group=ledger.group_id, name="第一党小组")
    zhang = add_member(ledger, "张三")
    StudySession.create(
        group=ledger.group_id, kind="party_group", date=d("2025-03-03"), topic="学习", scope=pg
    )
    LeaveRequest.create(
        group=ledger.group_id,
        member=zhang,
        leave_type="sick",
        start_date=d("2025-03-03"),
        end_date=d("2025-03-03"),
        days=Decimal(1),
    )
    for kind, column, expected in (("session", "scope", "第一党小组"), ("leave", "member", "张三")):
        spec = LISTS[kind]
        keys = spec.ids(ledger)
        assert [row[column] for row in spec.rows(ledger, keys).values()] == [expected]


def test_a_whole_branch_session_says_so_in_the_chosen_language(ledger) -> None:
    from db.store.models import StudySession

    StudySession.create(
        group=ledger.group_id, kind="collective", date=d("2025-03-03"), topic="学习"
    )
    spec = LISTS["session"]
    row = next(iter(spec.rows(ledger, spec.ids(ledger)).values()))
    assert spec.display("scope", row["scope"], "zh") == "全支部"
    assert spec.display("scope", row["scope"], "en") == "Whole branch"


def test_leave_days_are_the_days_a_request_counts_for(ledger) -> None:
    """The list's 天数 and its footer say what the bulletin says: the days taken once returned."""
    from db.services.leave import leave_requests, record_return

    zhang = add_member(ledger, "张三")
    values = {
        "member": zhang,
        "leave_type": "personal",
        "status": "approved",
        "approver": "组长",
        "approval_date": "2025-12-01",
    }
    half = leave_requests.save(
        ledger,
        {**values, "start_date": "2025-12-15", "end_date": "2025-12-15", "end_half": "am"},
    )
    record_return(ledger, half.id, "2025-12-16", "am")  # back the next morning: one day taken
    whole = leave_requests.save(
        ledger,
        {**values, "start_date": "2025-12-17", "end_date": "2025-12-17", "end_half": "pm"},
    )
    record_return(ledger, whole.id, "2025-12-17", "pm")  # back after lunch: half a day taken
    spec = LISTS["leave"]
    keys = spec.ids(ledger)
    rows = spec.rows(ledger, keys)
    assert {rows[k]["id"]: rows[k]["days"] for k in keys} == {
        half.id: Decimal("1"),
        whole.id: Decimal("0.5"),
    }
    assert spec.totals(ledger) == {"count": 2, "days": Decimal("1.5")}
    assert _ids(spec, ledger, sort="days", descending=False) == [whole.id, half.id]


def test_the_spot_check_list_names_who_was_not_at_post(ledger) -> None:
    zhang, li, wang = (add_member(ledger, n, sort_order=i) for i, n in enumerate("张李王"))
    saved = spot_checks.save(
        ledger,
        {
            "date": "2025-03-05",
            "method": "phone",
            "results": [
                {"member": zhang, "result": "absent", "note": "未接电话"},
                {"member": li, "result": "on_duty"},
                {"member": wang, "result": "absent"},
            ],
        },
    )
    spec = LISTS["spotcheck"]
    row = spec.fetch(ledger, [saved.id])[saved.id]
    assert row["absent"] == ["张", "王"]
    assert spec.display("absent", row["absent"]) == "张、王"
