"""The fault suite's hostile text: formula prefixes, control characters, NUL, lone surrogates, RTL
marks, rare CJK, 1 MB strings — through every service and every export format, on SQLite and
PostgreSQL. Each text is either saved and exported, or refused with a clear message beside its field;
nothing else (no traceback, no half-written record, no formula in a spreadsheet)."""

from __future__ import annotations

import csv
import datetime
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import peewee
import pytest

from db.common import errors
from db.common.text import clean_text
from db.documents import export as documents
from db.documents.member_file import build_member_file
from db.exchange import demo, ledgers
from db.services import base
from db.services.reports import reports
from db.store.ledger import Ledger
from db.store.models import Member

# Records of January 2025 only: a small ledger with every kind of record.
YEAR, TODAY = 2025, datetime.date(2025, 2, 1)
KINDS = ("member", "session", "leave", "spotcheck", "survey", "highlight", "report", "achievement")
# The free-text fields the secretary types into (choices, phones and dates have their own checks).
TEXT_FIELDS = {
    "name",
    "notes",
    "title",
    "text",
    "topic",
    "content",
    "place",
    "visited",
    "findings",
    "follow_up",
    "reason",
    "destination",
    "approver",
    "submitted_to",
    "sending_unit_post",
    "host_unit_post",
    "host",
    "recorder",
}

FORMULAS = ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", '=HYPERLINK("http://x","点我")']
PLAIN_HOSTILE = [
    *FORMULAS,
    "\u202e右到左\u202c标记\u200f",  # RTL override and mark
    "罕见字𠀀𪚥𫝀",  # beyond the Basic Multilingual Plane
    "'; DROP TABLE member; --",
    "| 竖线 | *星号* `反引号` <b>标签</b> {{ 模板 }} {% raw %}",
    "组合字符 é 与 e\u0301",
    "很长" * 150_000 + "。",  # more than any field takes: refused beside the field
    "🇨🇳🎉 表情",
]
CONTROL = [
    "响铃\x07换页\x0c转义\x1b[31m",
    "\t=1+1",
    "\r=1+1",
    "垂直制表\x0b与\x1f单元分隔",
]
BROKEN_UNICODE = ["空字符\x00在中间", "孤立代理\ud800字"]


@pytest.fixture
def january(ledger: Ledger) -> Ledger:
    """The fixture's ledger with its group removed and a demo January in its place."""
    from db.store.models import WorkGroup

    WorkGroup.delete().execute()
    demo.fill(ledger, YEAR, today=TODAY)
    ledger.group_id = WorkGroup.select().first().id
    first = Member.select().order_by(Member.sort_order).first()
    reports.save(  # (the demo's reports come later in the year)
        ledger,
        {"title": "一月调研报告", "authors": [first.id], "completion_date": "2025-01-20"},
    )
    return ledger


def _text_fields(service: Any) -> list[str]:
    return [
        f.name
        for f in service.model._meta.sorted_fields
        if isinstance(f, peewee.CharField | peewee.TextField) and f.name in TEXT_FIELDS
    ]


def _put_everywhere(ledger: Ledger, texts: list[str]) -> dict[str, list[str]]:
    """The texts dealt in turn into the free-text fields of one record of each kind, so that every
    text goes through several services and every service meets several texts, in one pass; what
    became of each text: "saved kind.field" or "refused kind.field"."""
    fate: dict[str, list[str]] = {text: [] for text in texts}
    turn = 0
    slots = [(kind, field) for kind in KINDS for field in _text_fields(base.service_for(kind))]
    # Rounds until each text has met three fields (the last round is what the exports show).
    while turn < 3 * len(texts) or turn % len(slots):
        for kind, field in slots[turn % len(slots) :]:
            service = base.service_for(kind)
            record = service.query(ledger).first()
            assert record is not None, kind
            text = texts[turn % len(texts)]
            turn += 1
            values = service.snapshot(service.get(ledger, record.id))
            values[field] = text
            try:
                service.save(ledger, values, record_id=record.id)
            except errors.ValidationError as exc:
                assert exc.for_field(field), (kind, field, exc)  # beside the field
                fate[text].append(f"refused {kind}.{field}")
            else:
                stored = getattr(service.get(ledger, record.id), field)
                assert stored == clean_text(text).strip(), (
                    kind,
                    field,
                )  # the same on every backend
                fate[text].append(f"saved {kind}.{field}")
    return fate


def _export_everything(ledger: Ledger, folder: Path) -> None:
    ledgers.export_ledger(ledger, folder / "台账.xlsx")
    ledgers.export_ledger(ledger, folder / "台账.md")
    ledgers.export_ledger(ledger, folder / "成员.csv", kinds=["members"])
    for fmt in ("docx", "md"):
        documents.export_bulletin(ledger, YEAR, 1, fmt, folder / f"信息动态.{fmt}", template="")
        documents.export_summary(ledger, YEAR, fmt, folder / f"汇总.{fmt}")
        member = Member.select().order_by(Member.sort_order).first()
        documents.write(build_member_file(ledger, member.id), fmt, folder / f"档案.{fmt}")
    with zipfile.ZipFile(folder / "信息动态.docx") as docx:
        assert docx.testzip() is None


def _assert_formulas_stay_text(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def _run(ledger: Ledger, texts: list[str], tmp_path: Path) -> dict[str, list[str]]:
    fate = _put_everywhere(ledger, texts)
    _export_everything(ledger, tmp_path)
    _assert_formulas_stay_text(tmp_path / "台账.xlsx")
    with open(tmp_path / "成员.csv", encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh))  # readable back
    return fate


def test_hostile_text_is_saved_and_exported_or_refused_beside_its_field(
    january: Ledger, tmp_path: Path
) -> None:
    fate = _run(january, PLAIN_HOSTILE, tmp_path)
    for formula in FORMULAS:
        assert any(f.startswith("saved") for f in fate[formula]), fate[formula]
    assert all(f.startswith("refused") for f in fate[PLAIN_HOSTILE[-2]])  # 300,000 characters
    assert any(f.startswith("saved") for f in fate["罕见字𠀀𪚥𫝀"])


def test_control_characters_nul_and_lone_surrogates(january: Ledger, tmp_path: Path) -> None:
    _run(january, CONTROL + BROKEN_UNICODE, tmp_path)
