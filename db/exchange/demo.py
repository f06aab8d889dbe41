"""A realistic, deterministic year of a secondment group (SPEC §1), for trying the program out.

Everything goes through the services, so the demo obeys the same rules as typed records; all of it is
one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from db.common import clock, errors
from db.common.messages import define
from db.rules.workdays import AM, PM, WorkCalendar
from db.store.ledger import Ledger
from db.store.models import Member, WorkGroup

MSG_NOT_EMPTY = define(
    "demo.not_empty",
    zh="数据库中已有工作组记录，示例数据只能填入空数据库。",
    en="The database already holds a work group; demo data only goes into an empty database.",
)

PARTY_GROUPS = ("第一党小组", "第二党小组", "第三党小组", "第四党小组", "第五党小组")

# name, gender, sending unit and post, host unit and post, field
MEMBERS = (
    ("王建国", "男", "商洛市发展和改革委员会副主任", "南京市发展和改革委员会主任助理", "产业发展"),
    ("单立新", "男", "商洛市商务局副局长", "南京市商务局局长助理", "招商引资"),
    ("曾晓燕", "女", "商洛市农业农村局副局长", "南京市农业农村局局长助理", "乡村振兴"),
    (
        "李明辉",
        "男",
        "商洛市住房和城乡建设局副局长",
        "南京市建邺区住房和城乡建设局副局长",
        "城市建设",
    ),
    ("解红梅", "女", "商洛市文化和旅游局副局长", "南京市秦淮区文化和旅游局副局长", "文化旅游"),
    ("张伟", "男", "商州区副区长", "南京市江宁区发展和改革委员会副主任", "产业发展"),
    ("刘芳", "女", "洛南县副县长", "南京市浦口区农业农村局副局长", "乡村振兴"),
    ("陈志强", "男", "丹凤县副县长", "南京市六合区商务局副局长", "招商引资"),
    ("杨帆", "男", "商南县副县长", "南京市溧水区工业和信息化局副局长", "产业发展"),
    ("赵丽华", "女", "山阳县副县长", "南京市高淳区文化和旅游局副局长", "文化旅游"),
    ("仇海波", "男", "镇安县副县长", "南京市栖霞区科学技术局副局长", "科技创新"),
    ("周静", "女", "柞水县副县长", "南京市玄武区商务局副局长", "消费帮扶"),
    ("吴俊", "男", "商洛市教育局副局长", "南京市教育局基础教育处副处长", "教育"),
    ("郑国庆", "男", "商洛市卫生健康委员会副主任", "南京市卫生健康委员会医政处副处长", "卫生健康"),
    ("孙丽", "女", "商洛市工业和信息化局副局长", "南京市工业和信息化局产业处副处长", "产业发展"),
    ("马骏", "男", "商洛市自然资源局副局长", "南京市规划和自然资源局副处长", "城市建设"),
    ("朱文博", "男", "商洛高新区管委会副主任", "南京经济技术开发区管委会主任助理", "园区建设"),
    ("胡晓东", "男", "商洛市科学技术局副局长", "南京市科学技术局成果处副处长", "科技创新"),
    (
        "林静怡",
        "女",
        "商洛市人力资源和社会保障局副局长",
        "南京市人力资源和社会保障局就业处副处长",
        "民生保障",
    ),
    ("区永强", "男", "商洛市交通运输局副局长", "南京市交通运输局规划处副处长", "城市建设"),
)
ROLES = {0: "组长", 1: "副组长", 2: "副组长", 3: "联络员"}
BRANCH_ONLY = (
    ("何建军", "男", "陕西省赴江苏省挂职工作队领队"),
    ("冯雪", "女", "陕西省赴江苏省挂职工作队联络员"),
    ("高志远", "男", "陕西省赴江苏省挂职工作队队员"),
    ("罗海燕", "女", "陕西省赴江苏省挂职工作队队员"),
    ("梁斌", "男", "陕西省赴江苏省挂职工作队队员"),
    ("宋佳", "女", "陕西省赴江苏省挂职工作队队员"),
)
ENTERPRISES = (
    "南京汽车集团有限公司",
    "南京钢铁股份有限公司",
    "苏宁易购集团",
    "南瑞集团有限公司",
    "熊猫电子集团",
    "江苏银行南京分行",
    "南京新百药业",
    "金陵饭店股份有限公司",
    "南京云创大数据科技",
    "江苏舜天股份有限公司",
    "南京地铁集团",
    "南京港集团",
    "中电科第十四研究所",
    "南京扬子石化",
    "华润苏果超市",
    "南京高速齿轮制造有限公司",
    "南京埃斯顿自动化股份有限公司",
    "南京卫岗乳业有限公司",
)
PLACES = (
    "江宁开发区",
    "建邺区河西新城",
    "浦口区桥林街道",
    "六合区竹镇镇",
    "溧水区白马镇",
    "高淳区桠溪镇",
    "秦淮区夫子庙街道",
)
PRACTICE = (
    "社区网格化治理",
    "老旧小区改造",
    "数字乡村建设",
    "农产品冷链物流",
    "营商环境一网通办",
    "园区亩均效益评价",
    "夜间经济",
    "养老服务综合体",
    "城市更新片区",
    "科技成果转化平台",
)
SESSION_TOPICS = (
    "学习贯彻党的二十届三中全会精神",
    "深入学习习近平总书记关于东西部协作的重要论述",
    "学习《中国共产党纪律处分条例》",
    "交流挂职岗位工作体会",
    "学习南京市营商环境优化经验",
    "学习新质生产力相关论述",
    "交流招商引资工作方法",
    "学习党的群众路线教育",
    "交流乡村振兴典型经验",
    "学习基层治理创新做法",
    "交流半年工作情况",
    "总结全年挂职工作",
)
TRAINING_TOPICS = (
    "数字经济发展专题培训",
    "招商引资实务专题培训",
    "城市更新专题培训",
    "乡村振兴专题培训",
    "营商环境建设专题讲座",
    "科技创新与成果转化专题培训",
    "安全生产专题培训",
    "应急管理专题培训",
    "现代产业体系建设专题培训",
    "作风建设专题培训",
)
HIGHLIGHTS = (
    ("investment", "促成{firm}赴商洛考察洽谈"),
    ("consumption", "推动商洛农特产品进入{firm}采购目录"),
    ("promotion", "在南京举办商洛特色产品推介会"),
    ("exchange", "协调商洛干部赴{place}跟岗学习"),
    ("research", "完成{topic}专题调研"),
    ("other", "牵头完成挂职单位{topic}重点工作"),
)
LEAVE_PLAN = (  # type, working days wanted, reason, destination
    ("personal", 2, "家中有事需处理", "陕西商洛"),
    ("sick", 3, "急性肠胃炎住院治疗", "南京鼓楼医院"),
    ("annual", 5, "休年休假", "陕西商洛"),
    ("family_visit", 4, "探望父母", "陕西西安"),
    ("marriage_funeral", 3, "直系亲属丧事", "陕西商洛"),
    ("other", 1, "子女入学报到", "陕西商洛"),
    ("business_trip", 2, "随挂职单位赴上海招商", "上海"),
    ("personal", 1, "办理个人证件", "陕西商洛"),
    ("business_trip", 3, "回派出单位汇报工作", "陕西商洛"),
    ("sick", 1, "门诊复查", "南京"),
    ("annual", 3, "休年休假", "海南三亚"),
    ("personal", 0.5, "家中有事", "南京"),
)


def _workday_on_or_after(calendar: WorkCalendar, day: datetime.date) -> datetime.date:
    while not calendar.is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def _half_day_after(
    calendar: WorkCalendar, day: datetime.date, half: str
) -> tuple[datetime.date, str]:
    """The first working half-day after ``half`` of ``day``."""
    if half == AM and calendar.is_workday(day):
        return day, PM
    return _workday_on_or_after(calendar, day + datetime.timedelta(days=1)), AM


def _add_workdays(calendar: WorkCalendar, start: datetime.date, count: int) -> datetime.date:
    """The date on which a span of ``count`` working days that begins on ``start`` ends."""
    day, left = start, count - 1
    while left > 0:
        day += datetime.timedelta(days=1)
        if calendar.is_workday(day):
            left -= 1
    return day


def fill(
    ledger: Ledger, year: int | None = None, *, today: datetime.date | None = None
) -> WorkGroup:
    """Fill an empty ledger with a year of a group of 20 cadres (26 in its temporary party branch); the
    same year gives the same records."""
    from db.services.achievements import AchievementService
    from db.services.bulletins import BulletinService
    from db.services.groups import party_groups, work_groups
    from db.services.highlights import HighlightService
    from db.services.leave import LeaveService
    from db.services.members import members
    from db.services.reports import ResearchReportService
    from db.services.sessions import StudySessionService
    from db.services.spotchecks import SpotCheckService
    from db.services.surveys import SurveyService

    today = today or clock.today()
    year = year or today.year
    if WorkGroup.select().exists():
        raise errors.ActionRefusedError(MSG_NOT_EMPTY())
    rng = random.Random(year)
    calendar = WorkCalendar.load()
    ledger.operator = ledger.operator or "演示数据"  # the history says who wrote these records
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    last = min(end, today - datetime.timedelta(days=1)) if today.year == year else end

    with ledger.transaction():
        group = work_groups.create_group(
            ledger,
            {
                "name": "商洛市赴南京市挂职工作组",
                "batch": "第七批",
                "sending_place": "陕西省商洛市",
                "host_place": "江苏省南京市",
                "term_start": start,
                "term_end": end,
                "branch_name": "商洛市赴南京市挂职干部临时党支部",
                "team_name": "陕西省赴江苏省挂职工作队",
                "bulletin_title": "挂职工作信息动态",
                "bulletin_unit": "商洛市赴南京市挂职工作组",
            },
        )
        pgs = [
            party_groups.save(ledger, {"name": name, "sort_order": i})
            for i, name in enumerate(PARTY_GROUPS)
        ]
        people: list[Member] = []
        for index, (name, gender, sending, host, field) in enumerate(MEMBERS):
            people.append(
                members.save(
                    ledger,
                    {
                        "name": name,
                        "gender": gender,
                        "political_status": "中共党员",
                        "sending_unit_post": sending,
                        "host_unit_post": host,
                        "field_of_work": field,
                        "role": ROLES.get(index, "成员"),
                        "party_group": pgs[index % 5].id,
                        "phone": f"139{rng.randrange(10**8):08d}",
                        "term_start": start,
                        "term_end": end,
                        "sort_order": index + 1,
                    },
                )
            )
        for pg_index, pg in enumerate(pgs):
            party_groups.save(
                ledger,
                {"name": pg.name, "sort_order": pg_index, "leader": people[pg_index].id},
                record_id=pg.id,
            )
        for index, (name, gender, post) in enumerate(BRANCH_ONLY):
            members.save(
                ledger,
                {
                    "name": name,
                    "gender": gender,
                    "political_status": "中共党员",
                    "sending_unit_post": post,
                    "branch_only": True,
                    "sort_order": 100 + index,
                    "term_start": start,
                    "term_end": end,
                },
            )
        leader, secretary = people[0], people[3]

        _leave(ledger, LeaveService(), rng, calendar, people, year, last, leader)
        _sessions(
            ledger, StudySessionService(), rng, calendar, pgs, people, leader, secretary, year, last
        )
        _surveys(ledger, SurveyService(), rng, calendar, people, start, last)
        _highlights(ledger, HighlightService(), rng, people, year, last)
        _spot_checks(ledger, SpotCheckService(), rng, calendar, people, year, last, secretary)
        _reports(ledger, ResearchReportService(), rng, people, year, last)
        _achievements(ledger, AchievementService(), rng, people, year, last)
        _bulletins(ledger, BulletinService(), year, last)
        _plan(ledger, year, last, people)
    return group


def _leave(ledger, service, rng, calendar, people, year, last, leader) -> None:
    from db.services import leave as leave_module

    months = list(range(1, 13))
    for index, (kind, days, reason, destination) in enumerate(LEAVE_PLAN):
        member = people[(index * 7 + 2) % len(people)]
        month = months[index % 12]
        begin = _workday_on_or_after(calendar, datetime.date(year, month, 8 + rng.randrange(10)))
        if begin > last:
            continue
        whole = max(1, int(days))
        finish = _add_workdays(calendar, begin, whole)
        values = {
            "member": member.id,
            "leave_type": kind,
            "start_date": begin,
            "start_half": "am",
            "end_date": finish,
            "end_half": "am" if days == 0.5 else "pm",
            "reason": reason,
            "destination": destination,
            "contact_phone": member.phone,
        }
        request = service.save(ledger, values)
        approver = leave_module.required_approver(ledger, request.days)
        approve_on = begin - datetime.timedelta(days=2)
        leave_module.approve(ledger, request.id, approver, approve_on)
        if finish >= last:
            continue  # still on leave, or its return is not due yet
        # Back at post in the half-day after the leave's end: a morning's leave ends at noon.
        back, back_half = _half_day_after(calendar, finish, values["end_half"])
        if index == 4:
            back = _workday_on_or_after(
                calendar, back + datetime.timedelta(days=1)
            )  # one late return
        if back <= last:
            leave_module.record_return(ledger, request.id, back, back_half)
            leave_module.file_request(ledger, request.id, back + datetime.timedelta(days=1))
    # One overdue return: approved, ended, nobody reported back.
    overdue_end = last - datetime.timedelta(days=3)
    overdue_start = overdue_end - datetime.timedelta(days=2)
    if overdue_start.year == year:
        member = people[9]
        request = service.save(
            ledger,
            {
                "member": member.id,
                "leave_type": "personal",
                "start_date": overdue_start,
                "start_half": "am",
                "end_date": overdue_end,
                "end_half": "pm",
                "reason": "家中老人生病",
                "destination": "陕西山阳",
                "contact_phone": member.phone,
            },
        )
        leave_module.approve(
            ledger, request.id, leave_module.required_approver(ledger, request.days), overdue_start
        )
    # One request waiting for approval.
    member = people[15]
    wait_start = _workday_on_or_after(calendar, last + datetime.timedelta(days=1))
    if wait_start.year == year:
        service.save(
            ledger,
            {
                "member": member.id,
                "leave_type": "annual",
                "start_date": wait_start,
                "start_half": "am",
                "end_date": _add_workdays(calendar, wait_start, 2),
                "end_half": "pm",
                "reason": "休年休假",
                "destination": "陕西商洛",
                "contact_phone": member.phone,
            },
        )


def _session_day(calendar, rng, year, month, low, high) -> datetime.date:
    return _workday_on_or_after(calendar, datetime.date(year, month, rng.randint(low, high)))


def _sessions(ledger, service, rng, calendar, pgs, people, leader, secretary, year, last) -> None:
    from db.services.sessions import expected_attendance

    def add(values: dict, scope) -> None:
        attendance = expected_attendance(ledger, values["date"], scope)
        present = [row for row in attendance if row["present"]]
        if present and rng.random() < 0.35:
            row = rng.choice(present)
            row.update(present=False, absence_reason="official", note="参加挂职单位会议")
        service.save(ledger, {**values, "scope": scope, "attendance": attendance})

    for month in range(1, 13):
        day = _session_day(calendar, rng, year, month, 20, 27)
        if day <= last:
            add(
                {
                    "kind": "collective",
                    "date": day,
                    "start_time": "15:00",
                    "end_time": "17:30",
                    "form": "offline",
                    "place": "南京市发展和改革委员会三楼会议室",
                    "topic": SESSION_TOPICS[month - 1],
                    "host": leader.name,
                    "recorder": secretary.name,
                    "content": f"{leader.name}传达学习有关精神，各成员结合挂职岗位交流工作体会和下一步打算。",
                },
                None,
            )
    for pg_index, pg in enumerate(pgs):
        for month in range(1, 13):
            if month in (2, 8) and pg_index % 2:
                continue  # the Spring Festival and summer months are quieter for some groups
            day = _session_day(calendar, rng, year, month, 5, 15)
            if day <= last and (month + pg_index) % 6 != 0:
                add(
                    {
                        "kind": "party_group",
                        "date": day,
                        "start_time": "19:00",
                        "end_time": "20:30",
                        "form": rng.choice(("online", "offline", "hybrid")),
                        "place": "线上会议" if pg_index % 2 else "驻地会议室",
                        "topic": rng.choice(SESSION_TOPICS),
                        "host": people[pg_index].name,
                        "recorder": people[pg_index + 5].name,
                        "content": "集体学习有关文件，交流本月工作进展。",
                    },
                    pg.id,
                )
    for index, month in enumerate(
        (1, 2, 3, 3, 4, 5, 5, 6, 6, 7, 8, 9, 9, 10, 10, 11, 11, 12, 12, 4, 7)
    ):
        day = _session_day(calendar, rng, year, month, 1, 28)
        if day <= last:
            add(
                {
                    "kind": "training",
                    "date": day,
                    "start_time": "09:00",
                    "end_time": "12:00",
                    "form": "offline",
                    "place": "南京市委党校",
                    "topic": TRAINING_TOPICS[index % len(TRAINING_TOPICS)],
                    "host": "南京市委组织部",
                    "training_hours": rng.choice(("3", "3", "6", "2.5")),
                    "content": "邀请专家授课，结合挂职工作开展研讨。",
                },
                None,
            )
    for month in (3, 7, 10, 12):
        day = _session_day(calendar, rng, year, month, 1, 10)
        if day <= last:
            add(
                {
                    "kind": "party_day",
                    "date": day,
                    "form": "offline",
                    "place": "雨花台烈士陵园",
                    "topic": "缅怀革命先烈 坚定理想信念主题党日",
                    "host": leader.name,
                    "recorder": secretary.name,
                },
                None,
            )


def _surveys(ledger, service, rng, calendar, people, start, last) -> None:
    from db.services.leave import leave_covering

    monday = start - datetime.timedelta(days=start.weekday())
    week = 0
    while monday <= last:
        workdays = [
            d
            for d in (monday + datetime.timedelta(days=i) for i in range(5))
            if calendar.is_workday(d)
        ]
        workdays = [d for d in workdays if start <= d <= last]
        week += 1
        if workdays:
            pending = [p for p in people if rng.random() > 0.07]  # some weeks some members miss
            rng.shuffle(pending)
            while pending:
                size = 1 if rng.random() < 0.7 else min(len(pending), rng.randint(2, 4))
                party, pending = pending[:size], pending[size:]
                day = rng.choice(workdays)
                away = leave_covering(ledger, day)
                party = [p for p in party if p.id not in away]
                if not party:
                    continue
                kind = rng.choices(("enterprise", "practice", "topical", "visit"), (2, 5, 1, 1))[0]
                if kind == "enterprise":
                    visited = rng.choice(ENTERPRISES)
                    topic = rng.choice(
                        (
                            "企业发展情况及合作需求",
                            "产业链协作",
                            "用工与营商环境",
                            "东西部协作项目对接",
                        )
                    )
                else:
                    visited = rng.choice(PLACES)
                    topic = rng.choice(PRACTICE)
                service.save(
                    ledger,
                    {
                        "date": day,
                        "kind": kind,
                        "visited": visited,
                        "place": rng.choice(PLACES),
                        "topic": topic,
                        "findings": f"了解{visited}在{topic}方面的做法和经验。",
                        "follow_up": "整理经验做法，提出在商洛复制推广的建议。",
                        "participants": [p.id for p in party],
                    },
                )
        monday += datetime.timedelta(days=7)


def _highlights(ledger, service, rng, people, year, last) -> None:
    for month in range(1, 13):
        if datetime.date(year, month, 1) > last:
            break
        featured = set(rng.sample(range(len(people)), 3))
        for index, person in enumerate(people):
            if rng.random() < 0.08:
                continue
            category, template = rng.choice(HIGHLIGHTS)
            title = template.format(
                firm=rng.choice(ENTERPRISES), place=rng.choice(PLACES), topic=rng.choice(PRACTICE)
            )
            service.save(
                ledger,
                {
                    "member": person.id,
                    "month": datetime.date(year, month, 1),
                    "title": title,
                    "text": f"{person.name}{title}，取得了良好效果。",
                    "category": category,
                    "featured": index in featured,
                },
            )


def _spot_checks(ledger, service, rng, calendar, people, year, last, secretary) -> None:
    from db.services.spotchecks import pick_random, prefill_results

    for month in range(1, 13):
        for low, high in ((3, 12), (15, 26)):
            day = _session_day(calendar, rng, year, month, low, high)
            if day > last:
                continue
            chosen = pick_random(ledger, rng.randint(3, 5), day, rng=rng)
            results = prefill_results(ledger, day, [m.id for m in chosen])
            service.save(
                ledger,
                {
                    "date": day,
                    "time": f"{rng.randint(9, 16)}:{rng.choice(('00', '15', '30', '45'))}",
                    "method": rng.choice(("phone", "video", "video", "onsite")),
                    "checker": secretary.name,
                    "results": results,
                },
            )


def _reports(ledger, service, rng, people, year, last) -> None:
    titles = (
        "关于借鉴南京经验推动商洛{x}的调研报告",
        "南京市{x}的做法与启示",
        "关于深化宁商{x}合作的思考",
    )
    awards = {
        0: ("provincial", "一等奖"),
        3: ("provincial", "二等奖"),
        7: ("provincial", "三等奖"),
        1: ("municipal", "一等奖"),
        5: ("municipal", "二等奖"),
        9: ("municipal", "二等奖"),
        12: ("municipal", "三等奖"),
        15: ("municipal", "三等奖"),
    }
    index = 0
    position = 0
    while position < len(people):
        authors = people[position : position + (2 if index % 5 == 4 else 1)]
        position += len(authors)
        completed = datetime.date(year, rng.randint(6, 11), rng.randint(1, 28))
        if completed > last:
            index += 1
            continue
        values = {
            "title": rng.choice(titles).format(x=PRACTICE[index % len(PRACTICE)]),
            "authors": [a.id for a in authors],
            "completion_date": completed,
            "submitted_to": "陕西省赴江苏省挂职工作队",
        }
        award = awards.get(index)
        award_date = datetime.date(year, 12, 10)
        if award and award_date <= last:
            values.update(award_level=award[0], award_rank=award[1], award_date=award_date)
        service.save(ledger, values)
        index += 1


def _achievements(ledger, service, rng, people, year, last) -> None:
    plan = (
        [("consumption_aid", f"{m}月商洛农特产品消费帮扶", None) for m in range(1, 13)]
        + [("project_signed", "商洛—南京产业合作项目签约", None) for _ in range(6)]
        + [("delegation", "接待商洛市党政考察团", None) for _ in range(8)]
        + [("promotion_event", "商洛特色产品南京推介会", None) for _ in range(4)]
        + [("publicity", "挂职工作经验被《新华日报》报道", None) for _ in range(10)]
    )
    for index, (kind, title, _) in enumerate(plan):
        month = index % 12 + 1 if kind != "consumption_aid" else int(title.split("月")[0])
        day = datetime.date(year, month, rng.randint(1, 28))
        if day > last:
            continue
        values = {
            "date": day,
            "kind": kind,
            "title": title,
            "members": [p.id for p in rng.sample(people, rng.randint(1, 3))],
        }
        if kind == "consumption_aid":
            values["amount"] = str(Decimal(rng.randint(150, 900)) / 10)
        else:
            values["count"] = rng.randint(1, 3) if kind == "project_signed" else 1
        service.save(ledger, values)


def _bulletins(ledger, service, year, last) -> None:
    from db.services import bulletins as bulletin_module

    for month in range(1, 13):
        if datetime.date(year, month, 28) > last:
            break
        issue = bulletin_module.issue_for_month(ledger, year, month)
        bulletin_module.save_texts(
            ledger,
            issue.id,
            f"{month}月，工作组认真落实各项制度，扎实开展学习交流、调查研究和消费帮扶工作。",
            "下月将继续抓好集体学习和调研走访，做好信息报送工作。",
            issue.version,
        )


def _plan(ledger, year, last, people) -> None:
    """The starting plan (《细化措施二十条》) for the year, with the ticks a secretary would have made
    for what no record shows: the group's one-off measures when done, the red line kept each month,
    and each member's work diary checked at the end of each month (a few months missed)."""
    from db.services import plans

    rng = random.Random(f"plan{year}")  # its own: the records above stay as they were
    plan = plans.take_starting_plan(ledger, year)
    by_wording = {m.wording: m for m in plans.measures_of(plan)}

    def tick(wording: str, day: datetime.date, note: str, member: Member | None = None) -> None:
        if day <= last:
            values = {"measure": by_wording[wording].id, "date": day, "note": note}
            if member is not None:
                values["member"] = member.id
            plans.ticks.save(ledger, values)

    tick("明确一个工作思路", datetime.date(year, 1, 15), "印发《挂职工作思路》")
    tick("建立一个工作台账", datetime.date(year, 1, 20), "台账建立并启用")
    tick("编印一本制度汇编", datetime.date(year, 3, 31), "《工作组制度汇编》印发")
    tick("用好商会平台", datetime.date(year, 5, 20), "借助商会平台举办对接会")
    tick("转化一个调研成果", datetime.date(year, 9, 30), "调研成果被市政府采纳")
    for month in range(1, 13):
        day = datetime.date(year, month, 28)
        tick("坚守一条工作红线", day, "本月无违规违纪情况")
        for member in people:
            if rng.random() < 0.95:
                tick("每人建立一本工作日志", day, "工作日志已检查", member)
