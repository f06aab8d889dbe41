"""The user's own Word template (docxtpl): the example fills with the month's figures; a broken
template gives a clear message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from db.common import errors
from db.documents.bulletin import bulletin_data, template_context
from db.documents.templates import (
    PLACEHOLDERS,
    render_bulletin_template,
    render_template,
    unknown_placeholders,
)
from db.queries.statistics import month_stats
from db.services.bulletins import bulletins, save_texts
from db.store.ledger import Ledger
from tests.conftest import d
from tests.db.queries.test_statistics import build_year

EXAMPLE = Path(__file__).resolve().parents[3] / "resources" / "templates" / "bulletin-example.docx"
TODAY = d("2025-04-05")


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _template(tmp_path: Path, *paragraphs: str, name: str = "t.docx") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def test_the_example_template_knows_only_documented_names() -> None:
    assert EXAMPLE.is_file()
    assert unknown_placeholders(EXAMPLE) == []


def test_the_example_template_is_filled_with_the_month(ledger: Ledger, tmp_path: Path) -> None:
    build_year(ledger)
    issue = bulletins.issue_for_month(ledger, 2025, 3)
    save_texts(ledger, issue.id, "第一段概述。\n第二段 A&B <重点>。", "下月继续。", issue.version)
    stats = month_stats(ledger, 2025, 3, today=TODAY)
    out = render_bulletin_template(ledger, 2025, 3, EXAMPLE, tmp_path / "out.docx", today=TODAY)
    text = _text(out)
    assert "{{" not in text and "{%" not in text
    assert (
        "信息动态\n第1期\n\t商洛市赴南京市挂职工作组编\t2025年4月1日\n2025年3月份挂职工作情况"
        in text
    )
    assert f"本月，成员开展调研走访{stats.surveys.count}次" in text
    assert f"其中集体学习交流会{stats.session_counts.collective}次" in text
    assert "第一段概述。\n第二段 A&B <重点>。" in text  # one paragraph each, escaped right
    assert "下月继续。" in text
    for session in stats.sessions:
        assert f"\t{session.expected}\t{session.present}\t" in text
    assert "1.王五：H2标题。" in text
    assert docx.Document(str(out)).core_properties.title == "信息动态（2025年第1期）"


def test_a_line_break_in_the_editor_text_stays_a_line_break(ledger: Ledger, tmp_path: Path) -> None:
    build_year(ledger)
    context = template_context(bulletin_data(ledger, 2025, 3, today=TODAY))
    context["overview"] = "第一行\n第二行"
    out = render_template(_template(tmp_path, "概述：{{ overview }}"), context, tmp_path / "o.docx")
    paragraph = docx.Document(str(out)).paragraphs[0]
    assert paragraph.text == "概述：第一行\n第二行"


@pytest.fixture
def context(ledger: Ledger) -> dict:
    build_year(ledger)
    return template_context(bulletin_data(ledger, 2025, 3, today=TODAY))


def test_a_file_that_is_not_a_docx(tmp_path: Path, context: dict) -> None:
    fake = tmp_path / "模板.docx"
    fake.write_text("这不是 Word 文档", encoding="utf-8")
    with pytest.raises(errors.LedgerError) as refused:
        render_template(fake, context, tmp_path / "out.docx")
    assert str(refused.value) == (
        f"Word 模板不是有效的 .docx 文档：{fake}。请在 Word 或 WPS 中另存为“Word 文档（*.docx）”后再选择。"
    )
    assert not (tmp_path / "out.docx").exists()


def test_a_missing_template(tmp_path: Path, context: dict) -> None:
    with pytest.raises(errors.NotFoundError, match="找不到 Word 模板"):
        render_template(tmp_path / "无.docx", context, tmp_path / "out.docx")


@pytest.mark.parametrize(
    "placeholder",
    ["{{ title", "{% for s in sessions %}{{ s.topic }}", "{{ title }} }}{% endif %}"],
)
def test_a_placeholder_written_wrongly(tmp_path: Path, context: dict, placeholder: str) -> None:
    template = _template(tmp_path, "标题", placeholder)
    with pytest.raises(errors.LedgerError) as refused:
        render_template(template, context, tmp_path / "out.docx")
    message = str(refused.value)
    assert message.startswith(f"Word 模板 {template} 中的占位符写法有误（")
    assert "占位符应写成 {{ 名称 }}，循环和条件写成 {% … %} 并成对出现。" in message
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    ("placeholder", "name"),
    [
        ("{{ titel }}", "titel"),
        ("{{ figures.nothing }}", "nothing"),
        ("{{ sessions[0].where }}", "where"),
    ],
)
def test_an_unknown_name(tmp_path: Path, context: dict, placeholder: str, name: str) -> None:
    template = _template(tmp_path, placeholder)
    with pytest.raises(errors.LedgerError) as refused:
        render_template(template, context, tmp_path / "out.docx")
    assert str(refused.value).startswith(f"Word 模板 {template} 中有程序不认识的占位符：{name}。")


def test_a_template_that_asks_what_the_data_is_not(tmp_path: Path, context: dict) -> None:
    template = _template(tmp_path, "{% for x in figures.surveys %}{{ x }}{% endfor %}")
    with pytest.raises(errors.LedgerError, match="无法用 Word 模板 .* 生成信息动态"):
        render_template(template, context, tmp_path / "out.docx")


def test_the_sandbox_keeps_templates_out_of_python(tmp_path: Path, context: dict) -> None:
    template = _template(tmp_path, "{{ title.__class__.__mro__ }}")
    with pytest.raises(errors.LedgerError):
        render_template(template, context, tmp_path / "out.docx")


def test_every_documented_name_is_in_the_context(context: dict) -> None:
    for name in PLACEHOLDERS:
        value = context
        for part in name.split("."):
            assert part in value, name
            value = value[part]
