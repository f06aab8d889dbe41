"""Control characters: taken out of every text on save (the same on SQLite and PostgreSQL), and out of
what every writer puts into a file, however old the record that holds them (db/common/text.py)."""

from __future__ import annotations

import csv
import datetime
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from db.common.text import clean_text, clean_values
from db.documents.export import export_bulletin
from db.exchange import ledgers
from db.services.highlights import highlights
from db.store.ledger import Ledger
from db.store.models import Highlight, Member
from tests.conftest import add_member


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("招商\x0b推介会", "招商\n推介会"),  # Word's Shift+Enter on the clipboard: a line break
        ("第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
        ("分页\x0c之后", "分页\n之后"),
        ("a\u2028b\u2029c\x85d", "a\nb\nc\nd"),
        ("空\x00字符\x1b[0m与\x07响铃\x7f删除\x9b", "空字符[0m与响铃删除"),
        ("制表\t保留", "制表\t保留"),
        ("全角\u3000空格", "全角\u3000空格"),
        ("坏的\ud800代理\ufffe\uffff", "坏的代理"),
        ("普通文字 plain", "普通文字 plain"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_values_walks_a_template_context() -> None:
    context = {"title": "a\x0bb", "rows": [{"name": "张\x00三", "count": 3}], "pair": ("x\x1b", 1)}
    assert clean_values(context) == {
        "title": "a\nb",
        "rows": [{"name": "张三", "count": 3}],
        "pair": ("x", 1),
    }


def test_texts_are_cleaned_on_save(ledger: Ledger) -> None:
    """NUL made PostgreSQL refuse the save with a traceback; now both backends keep the same text."""
    member = add_member(
        ledger,
        "张\x00三",
        sending_unit_post="商洛市\x1b发改委\x0b副主任",
        notes="备\x00注\r\n第二行",
    )
    saved = Member.get_by_id(member)
    assert (saved.name, saved.sending_unit_post, saved.notes) == (
        "张三",
        "商洛市发改委\n副主任",
        "备注\n第二行",
    )
    highlight = highlights.save(
        ledger,
        {"member": member, "month": "2025-03", "title": "\x0b招商\x00推介会\x0b", "text": "a\x1bb"},
    )
    record = Highlight.get_by_id(highlight.id)
    assert (record.title, record.text) == ("招商推介会", "ab")


def test_every_writer_copes_with_control_characters_an_older_record_holds(
    ledger: Ledger, tmp_path: Path
) -> None:
    """Records saved before the cleaning (written here behind the services' back) still export: Word
    used to fail with "All strings must be XML compatible"."""
    member = add_member(ledger, "张三")
    Member.update(sending_unit_post="商洛市\x1b发改委\x0b副主任").where(
        Member.id == member
    ).execute()
    highlight = highlights.save(ledger, {"member": member, "month": "2025-03", "title": "标题"})
    Highlight.update(title="招商\x0b推介\x07会", featured=True).where(
        Highlight.id == highlight.id
    ).execute()
    today = datetime.date(2025, 4, 2)

    word = export_bulletin(ledger, 2025, 3, "docx", tmp_path / "b.docx", template="", today=today)
    xml = zipfile.ZipFile(word).read("word/document.xml").decode("utf-8")
    assert "\x07" not in xml and "\x0b" not in xml
    texts = [p.text for p in docx.Document(str(word)).paragraphs]
    assert any("招商\n推介会" in t for t in texts), texts  # the vertical tab became a line break

    markdown = export_bulletin(ledger, 2025, 3, "md", tmp_path / "b.md", template="", today=today)
    assert "招商<br>推介会" in markdown.read_text("utf-8") or "招商\n推介会" in markdown.read_text(
        "utf-8"
    )

    book = ledgers.export_ledger(ledger, tmp_path / "l.xlsx")
    sheet = openpyxl.load_workbook(book)["成员"]
    posts = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert posts == ["商洛市发改委\n副主任"]

    table = ledgers.export_ledger(ledger, tmp_path / "h.csv", kinds="highlights")
    with open(table, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][3] == "招商\n推介会"

    text = ledgers.export_ledger(ledger, tmp_path / "l.md").read_text("utf-8")
    assert "\x1b" not in text and "\x07" not in text and "招商<br>推介会" in text
