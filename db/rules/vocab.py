"""The domain's fixed choices: stable codes stored in the database, with their Chinese and English labels."""

from __future__ import annotations

from types import MappingProxyType

from db.common.messages import Message, MessageDef, define

# kind -> code -> (Chinese label, English label). Codes never change; labels may.
_CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "gender": {"male": ("男", "Male"), "female": ("女", "Female")},
    "political_status": {
        "cpc_member": ("中共党员", "CPC member"),
        "cpc_probationary": ("预备党员", "Probationary CPC member"),
        "league": ("共青团员", "CYL member"),
        "other_party": ("民主党派", "Democratic party member"),
        "masses": ("群众", "Non-party"),
    },
    "role": {
        "leader": ("组长", "Group leader"),
        "deputy": ("副组长", "Deputy leader"),
        "liaison": ("联络员", "Liaison / secretary"),
        "member": ("成员", "Member"),
    },
    "member_status": {
        "active": ("在岗", "On post"),
        "term_ended": ("期满离岗", "Term ended"),
        "ended_early": ("提前结束", "Ended early"),
    },
    "session_kind": {
        "collective": ("集体学习交流会", "Collective study meeting"),
        "party_group": ("党小组学习", "Party small group study"),
        "training": ("专题培训", "Topic training"),
        "party_day": ("主题党日", "Party day"),
        "other": ("其他", "Other"),
    },
    "session_form": {
        "offline": ("线下", "In person"),
        "online": ("线上", "Online"),
        "hybrid": ("线上线下结合", "Online and in person"),
    },
    "absence_reason": {
        "leave": ("请假", "On leave"),
        "official": ("公务", "Official duty"),
        "other": ("其他", "Other"),
    },
    "leave_type": {
        "personal": ("事假", "Personal leave"),
        "sick": ("病假", "Sick leave"),
        "annual": ("年休假", "Annual leave"),
        "family_visit": ("探亲假", "Family visit leave"),
        "marriage_funeral": ("婚丧假", "Marriage or bereavement leave"),
        "other": ("其他", "Other leave"),
        "business_trip": ("因公外出", "Business trip"),
    },
    "half_day": {"am": ("上午", "Morning"), "pm": ("下午", "Afternoon")},
    "leave_status": {
        "pending": ("待审批", "Awaiting approval"),
        "approved": ("已批准", "Approved"),
        "rejected": ("未批准", "Not approved"),
        "returned": ("已销假", "Returned"),
    },
    "check_method": {
        "phone": ("电话", "Phone"),
        "video": ("视频", "Video"),
        "onsite": ("实地", "On site"),
    },
    "check_result": {
        "on_duty": ("在岗", "At post"),
        "on_leave": ("请假", "On leave"),
        "on_business": ("公出", "On business"),
        "absent": ("不在岗", "Absent"),
    },
    "survey_kind": {
        "enterprise": ("企业调研", "Enterprise survey"),
        "practice": ("实践调研", "Field survey"),
        "topical": ("专题调研", "Topic survey"),
        "visit": ("座谈走访", "Visit and talks"),
    },
    "highlight_category": {
        "investment": ("招商引资", "Investment promotion"),
        "consumption": ("消费帮扶", "Consumption aid"),
        "promotion": ("宣传推介", "Publicity and promotion"),
        "exchange": ("交流互访", "Exchange visits"),
        "research": ("调查研究", "Research"),
        "other": ("其他", "Other"),
    },
    "award_level": {
        "provincial": ("省级", "Provincial"),
        "municipal": ("市级", "Municipal"),
        "other": ("其他", "Other"),
    },
    "achievement_kind": {
        "consumption_aid": ("消费帮扶金额", "Consumption aid"),
        "project_signed": ("项目签约", "Projects signed"),
        "delegation": ("接待交流团组", "Delegations received"),
        "promotion_event": ("推介活动", "Promotion events"),
        "publicity": ("宣传报道", "Media coverage"),
        "other": ("其他", "Other"),
    },
    # The group's year plan (年度计划): who a measure binds, over which period, what counts for it.
    "plan_binds": {"member": ("每人", "Each member"), "group": ("工作组", "The group")},
    "plan_period": {
        "week": ("每周", "Each week"),
        "month": ("每月", "Each month"),
        "year": ("全年", "The year"),
        "term": ("挂职期内", "The term"),
    },
    "plan_source": {
        "survey": ("调研走访", "Surveys"),
        "highlight": ("月度亮点", "Highlights"),
        "report": ("调研报告", "Research reports"),
        "awarded_report": ("获奖调研报告", "Awarded reports"),
        "session": ("学习交流", "Study sessions"),
        "bulletin": ("信息动态", "Bulletin issues"),
        "achievement": ("工作成果", "Achievements"),
        "manual": ("手动勾选", "Manual tick"),
    },
}

CHOICES = MappingProxyType({k: MappingProxyType(v) for k, v in _CHOICES.items()})

# Leave types that are reported like leave but never counted as leave.
NOT_COUNTED_AS_LEAVE = frozenset({"business_trip"})


def codes(kind: str) -> tuple[str, ...]:
    return tuple(_CHOICES[kind])


def label(kind: str, code: str | None, lang: str = "zh") -> str:
    if code is None or code == "":
        return ""
    zh, en = _CHOICES[kind][code]
    return zh if lang == "zh" else en


def code_for(kind: str, text: str) -> str | None:
    """The code for a code or a label in either language (as typed in a form or an imported sheet)."""
    text = text.strip()
    choices = _CHOICES[kind]
    if text in choices:
        return text
    for code, labels in choices.items():
        if text in labels or text.lower() == labels[1].lower():
            return code
    return None


# Every label also as a message, so that a message naming a choice (a leave's status, a kind of
# achievement) reads right in whichever language it is shown in.
_MESSAGES: dict[str, dict[str, MessageDef]] = {
    kind: {code: define(f"vocab.{kind}.{code}", zh=zh, en=en) for code, (zh, en) in choices.items()}
    for kind, choices in _CHOICES.items()
}


def label_message(kind: str, code: str) -> Message:
    """One choice's label as a Message, for a message that names it (KeyError for an unknown code)."""
    return _MESSAGES[kind][code]()
