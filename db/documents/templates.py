"""The bulletin written into the user's own Word template (docxtpl: Jinja placeholders in a .docx).

An office with its own layout makes a .docx in Word or WPS, writes placeholders where the figures go
(``{{ issue }}``, ``{{ figures.surveys }}``, a table row ``{%tr for s in sessions %}`` …) and points the
program at it; the month's bulletin is then written into that file instead of the built-in layout.
``PLACEHOLDERS`` lists every name a template can use (README copies it); the data is
db.documents.bulletin.template_context, the same figures as the built-in bulletin.

A template that cannot be used — not a .docx, a placeholder written wrongly, a name the program does
not know — gives a LedgerError that says what is wrong and where, never a traceback.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from db.common import errors
from db.common.messages import define
from db.common.text import clean_values
from db.documents.bulletin import bulletin_data, template_context
from db.store.ledger import Ledger

MSG_TEMPLATE_MISSING = define(
    "template.missing",
    zh="找不到 Word 模板：{path}",
    en="The Word template was not found: {path}",
)
MSG_TEMPLATE_NOT_DOCX = define(
    "template.not_docx",
    zh="Word 模板不是有效的 .docx 文档：{path}。请在 Word 或 WPS 中另存为“Word 文档（*.docx）”后再选择。",
    en="The Word template is not a valid .docx document: {path}. Save it from Word or WPS as "
    "“Word Document (*.docx)” and choose it again.",
)
MSG_TEMPLATE_SYNTAX = define(
    "template.syntax",
    zh="Word 模板 {path} 中的占位符写法有误（{detail}），出错处附近的文字：“{near}”。"
    "占位符应写成 {{{{ 名称 }}}}，循环和条件写成 {{% … %}} 并成对出现。",
    en="A placeholder in the Word template {path} is written wrongly ({detail}); the text near it: "
    "“{near}”. Placeholders are written {{{{ name }}}}; loops and conditions {{% … %}}, in pairs.",
)
MSG_TEMPLATE_UNKNOWN = define(
    "template.unknown",
    zh="Word 模板 {path} 中有程序不认识的占位符：{names}。可用的占位符见使用说明（README）中的“自定义 Word 模板”。",
    en="The Word template {path} uses placeholders the program does not know: {names}. The ones "
    "it knows are listed in README under “Your own Word template”.",
)
MSG_TEMPLATE_FAILED = define(
    "template.failed",
    zh="无法用 Word 模板 {path} 生成信息动态：{detail}",
    en="The bulletin could not be written into the Word template {path}: {detail}",
)

# Every name a bulletin template can use, with what it holds (README's table).
PLACEHOLDERS: dict[str, str] = {
    "title": "信息动态名称（工作组设置中的“信息动态标题”），如“挂职工作信息动态”",
    "unit": "编发单位，如“商洛市赴南京市挂职工作组”",
    "group": "工作组名称",
    "issue": "期号文字，如“第6期”",
    "issue_number": "期号数字，如 6",
    "year": "年份，如 2025",
    "month": "月份，如 6",
    "date": "编发日期，如“2025年7月2日”",
    "overview": "本月概述（编辑填写的文字；换行保留）",
    "overview_paragraphs": "本月概述，按段落的列表：{%p for p in overview_paragraphs %}{{ p }}{%p endfor %}",
    "overview_figures": "本月数据概述（一句话，与内置版式相同）",
    "plan": "下月工作安排（编辑填写的文字）",
    "plan_paragraphs": "下月工作安排，按段落的列表",
    "figures.collective_meetings": "集体学习交流会次数",
    "figures.party_group_sessions": "党小组学习次数",
    "figures.trainings": "专题培训次数",
    "figures.training_hours": "专题培训学时",
    "figures.party_days": "主题党日次数",
    "figures.other_sessions": "其他学习活动次数",
    "figures.sessions": "学习交流活动合计次数",
    "figures.surveys": "调研走访次数",
    "figures.enterprise_surveys": "其中企业调研次数",
    "figures.surveys_by_kind": "按类别的调研次数，如 figures.surveys_by_kind['实践调研']",
    "figures.survey_participations": "调研走访人次",
    "figures.bodies_visited": "走访企业和单位数",
    "figures.highlights": "月度亮点个数",
    "figures.reports": "本月完成调研报告篇数",
    "figures.leave_requests": "批准请假人次",
    "figures.leave_days": "请假工作日天数",
    "figures.business_trips": "因公外出人次",
    "figures.returns": "本月销假人次",
    "figures.overdue": "逾期未销假人次",
    "figures.pending": "待审批请假件数",
    "figures.spot_checks": "在岗抽查次数",
    "figures.members_checked": "抽查人次",
    "figures.not_at_post": "抽查不在岗人次",
    "figures.consumption_aid": "本月消费帮扶金额（万元）",
    "figures.projects_signed": "本月项目签约个数",
    "figures.delegations": "本月接待考察交流团组批次",
    "sessions": "学习交流列表，每项有 date、time、kind、topic、form、place、scope、host、hours、"
    "expected（应到）、present（实到）、absentees（缺席人员及原因）",
    "surveys_per_member": "成员调研次数列表，每项有 name、count",
    "members_without_survey": "本月无调研记录的成员姓名列表",
    "bodies": "走访的企业和单位名称列表",
    "reports": "本月完成的调研报告列表，每项有 title、authors、date、submitted_to",
    "highlights": "月度亮点列表（重点亮点在前），每项有 name、title、text、category、featured",
    "members_without_highlight": "本月未报送亮点的成员姓名列表",
    "leave": "本月请假及因公外出列表，每项有 name、type、period、days、destination、approver、state",
    "returns": "本月销假列表（项同 leave）",
    "overdue": "逾期未销假列表（项同 leave）",
    "spot_checks_not_at_post": "抽查不在岗列表，每项有 date、name、note",
}

_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def _path_text(path: str | os.PathLike[str]) -> str:
    return str(Path(path))


def _load(template: str | os.PathLike[str]) -> Any:
    """The template, opened; a LedgerError if it is missing or not a .docx."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    path = Path(template)
    if not path.is_file():
        raise errors.NotFoundError(MSG_TEMPLATE_MISSING(path=_path_text(path)))
    try:
        doc = DocxTemplate(path)
        doc.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise errors.ActionRefusedError(MSG_TEMPLATE_NOT_DOCX(path=_path_text(path))) from exc
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a damaged document
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise errors.ActionRefusedError(MSG_TEMPLATE_NOT_DOCX(path=_path_text(path))) from exc
        raise
    return doc


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: a template is a file from elsewhere and must not reach into Python.
    # StrictUndefined: a misspelt name is an error, not an empty place in the bulletin.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def _syntax_error(path: Path, exc: Any) -> errors.LedgerError:
    near = " ".join(t.strip() for t in getattr(exc, "docx_context", []) or [] if t.strip())
    return errors.ActionRefusedError(
        MSG_TEMPLATE_SYNTAX(path=_path_text(path), detail=exc.message or str(exc), near=near[:80])
    )


def unknown_placeholders(
    template: str | os.PathLike[str], context: Mapping[str, Any] | None = None
) -> list[str]:
    """The top-level names a template uses that the bulletin does not provide (for Settings to say
    so when the user picks a template)."""
    from jinja2 import TemplateSyntaxError

    path = Path(template)
    doc = _load(path)
    known = set(context) if context is not None else {p.split(".")[0] for p in PLACEHOLDERS}
    try:
        used = doc.get_undeclared_template_variables(jinja_env=_environment())
    except TemplateSyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    return sorted(used - known)


def render_template(
    template: str | os.PathLike[str],
    context: Mapping[str, Any],
    out: str | os.PathLike[str],
) -> Path:
    """Fill ``template`` with ``context`` and write the result to ``out`` (in one go, so that a
    failure leaves no half-written file)."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

    path = Path(template)
    unknown = unknown_placeholders(path, context)
    if unknown:
        raise errors.ActionRefusedError(
            MSG_TEMPLATE_UNKNOWN(path=_path_text(path), names="、".join(unknown))
        )
    doc = _load(path)
    try:
        doc.render(clean_values(dict(context)), jinja_env=_environment(), autoescape=True)
    except TemplateSyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    except UndefinedError as exc:
        found = _UNDEFINED_NAME.search(exc.message or "")
        name = next((g for g in found.groups() if g), "") if found else str(exc)
        raise errors.ActionRefusedError(
            MSG_TEMPLATE_UNKNOWN(path=_path_text(path), names=name)
        ) from exc
    except TemplateError as exc:
        raise errors.ActionRefusedError(
            MSG_TEMPLATE_FAILED(path=_path_text(path), detail=exc.message or type(exc).__name__)
        ) from exc
    except (TypeError, ValueError, AttributeError, IndexError, KeyError) as exc:
        # A loop over a figure, an index past the end …: the template asks what the data is not.
        raise errors.ActionRefusedError(
            MSG_TEMPLATE_FAILED(path=_path_text(path), detail=str(exc) or type(exc).__name__)
        ) from exc
    buffer = io.BytesIO()
    doc.save(buffer)
    target = Path(out)
    target.write_bytes(buffer.getvalue())
    return target


def render_bulletin_template(
    ledger: Ledger,
    year: int,
    month: int,
    template: str | os.PathLike[str],
    out: str | os.PathLike[str],
    today: datetime.date | None = None,
) -> Path:
    """The month's bulletin written into the user's own template."""
    context = template_context(bulletin_data(ledger, year, month, today))
    return render_template(template, context, out)
