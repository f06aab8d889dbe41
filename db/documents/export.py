"""Exporting the bulletin, the year summary, a member file and the team's year summary: which document,
which format, where.

The command line (main.py `export bulletin|summary|member|team-summary`) and the window's export buttons both call
these. Word and Markdown are written here; PDF needs Qt, which the core never imports, so the caller
passes the PDF writer in (gui.pdf.write_pdf).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from db.common import errors
from db.common.messages import define
from db.documents import docx_writer, markdown_writer
from db.documents.bulletin import bulletin_data, bulletin_document
from db.documents.document import Document
from db.documents.member_file import build_member_file
from db.documents.summary import build_year_summary
from db.documents.team_summary import build_team_summary
from db.services import settings
from db.services.bulletins import bulletins
from db.services.members import members
from db.store.ledger import Ledger
from db.store.models import Member

PdfWriter = Callable[[Document, Path], Any]

FORMATS = ("docx", "pdf", "md")

MSG_BAD_MONTH = define(
    "export.bad_month",
    zh="月份应写成 2025-06 这样的“年-月”，而不是“{value}”",
    en="a month written as 2025-06, not “{value}”",
)
MSG_NO_MEMBER = define(
    "export.no_member",
    zh="没有与“{name}”相符的成员。",
    en="No member matches “{name}”.",
)
MSG_MANY_MEMBERS = define(
    "export.many_members",
    zh="有 {count} 名成员与“{name}”相符：{candidates}。请写出能区分他们的全名。",
    en="{count} members match “{name}”: {candidates}. Give the full name that tells them apart.",
)
MSG_TEMPLATE_WORD_ONLY = define(
    "export.template_word_only",
    zh="Word 模板只用于导出 Word（docx）格式的信息动态。",
    en="A Word template is used only for a bulletin exported as Word (docx).",
)
MSG_NO_PDF = define(
    "export.no_pdf",
    zh="此处无法生成 PDF（需要程序的图形组件）。",
    en="PDF cannot be produced here (it needs the program's graphics components).",
)
MSG_EXPORTED = define("export.done", zh="已导出：{path}", en="Exported: {path}")


def parse_month(text: str) -> tuple[int, int]:
    """2025-06, 2025-6 or 2025年6月 → (2025, 6); a LedgerError otherwise."""
    found = re.fullmatch(r"\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?\s*", text or "")
    if found is not None:
        year, month = int(found.group(1)), int(found.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    raise errors.ActionRefusedError(MSG_BAD_MONTH(value=text))


def find_member(ledger: Ledger, name: str) -> Member:
    """The one member a name (or part of it, or its pinyin initials) designates; a LedgerError that
    lists the candidates when it designates several, or none."""
    text = (name or "").strip()
    everyone = members.ordered(ledger)
    exact = [m for m in everyone if m.name == text]
    found = exact or (members.search(ledger, text) if text else [])
    if len(found) == 1:
        return found[0]
    if not found:
        raise errors.NotFoundError(MSG_NO_MEMBER(name=text))
    candidates = "、".join(_describe(m, exact=bool(exact)) for m in found)
    raise errors.ActionRefusedError(
        MSG_MANY_MEMBERS(count=len(found), name=text, candidates=candidates)
    )


def _describe(member: Member, *, exact: bool) -> str:
    """A candidate's name, with the sending unit when the names themselves are the same."""
    if exact and member.sending_unit_post:
        return f"{member.name}（{member.sending_unit_post}）"
    return member.name


def write(
    document: Document,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    pdf_writer: PdfWriter | None = None,
) -> Path:
    """Write a document in one of FORMATS."""
    target = Path(out)
    if fmt == "docx":
        return docx_writer.render(document, target)
    if fmt == "md":
        return markdown_writer.render(document, target)
    if fmt == "pdf":
        if pdf_writer is None:
            raise errors.ActionRefusedError(MSG_NO_PDF())
        pdf_writer(document, target)
        return target
    raise ValueError(f"unknown format {fmt!r}")


def word_template(ledger: Ledger) -> str:
    """The Word template chosen in Settings, or "" for the built-in layout."""
    return str(settings.get(ledger, "word_template") or "")


def export_bulletin(
    ledger: Ledger,
    year: int,
    month: int,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    pdf_writer: PdfWriter | None = None,
    today: datetime.date | None = None,
) -> Path:
    """The month's bulletin in ``fmt``; Word goes through ``template`` when one is given (None: the
    one chosen in Settings, if any; "": the built-in layout). The issue is marked produced."""
    from db.documents.templates import render_template

    if template is None:
        template = word_template(ledger) if fmt == "docx" else ""
    elif template and fmt != "docx":
        raise errors.ActionRefusedError(MSG_TEMPLATE_WORD_ONLY())
    data = bulletin_data(ledger, year, month, today)
    if template:
        from db.documents.bulletin import template_context

        target = render_template(template, template_context(data), out)
    else:
        target = write(bulletin_document(data), fmt, out, pdf_writer=pdf_writer)
    if data.issue_id is not None and not ledger.read_only:
        bulletins.mark_produced(ledger, data.issue_id)
    return target


def export_summary(
    ledger: Ledger,
    year: int,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    pdf_writer: PdfWriter | None = None,
    today: datetime.date | None = None,
) -> Path:
    return write(build_year_summary(ledger, year, today), fmt, out, pdf_writer=pdf_writer)


def export_team_summary(
    ledger: Ledger,
    year: int,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    pdf_writer: PdfWriter | None = None,
    today: datetime.date | None = None,
) -> Path:
    """The team's year summary over every group the ledger reads (db.documents.team_summary)."""
    return write(build_team_summary(ledger, year, today), fmt, out, pdf_writer=pdf_writer)


def export_member(
    ledger: Ledger,
    name: str,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    pdf_writer: PdfWriter | None = None,
) -> Path:
    member = find_member(ledger, name)
    return write(build_member_file(ledger, member.id), fmt, out, pdf_writer=pdf_writer)


def run_cli(args: Any, pdf_writer: PdfWriter) -> Any:
    """main.py's `export bulletin|summary|member|team-summary`: open the ledger, write the file; returns the
    message to print. Only the bulletin writes to the ledger (its issue number and when it was
    produced); the others open it read-only, so they also run while the window has it open."""
    from db.store.database import open_database

    if args.document == "bulletin":
        year, month = parse_month(args.month)
        with open_database(args.db, create=False, group=getattr(args, "group", None)) as ledger:
            target = export_bulletin(
                ledger,
                year,
                month,
                args.format,
                args.out,
                template=args.template,
                pdf_writer=pdf_writer,
            )
    else:
        with open_database(args.db, read_only=True, group=getattr(args, "group", None)) as ledger:
            if args.document == "summary":
                target = export_summary(
                    ledger, args.year, args.format, args.out, pdf_writer=pdf_writer
                )
            elif args.document == "team-summary":
                out = args.out or f"{args.year}年度全队工作情况汇总.{args.format}"
                target = export_team_summary(
                    ledger, args.year, args.format, out, pdf_writer=pdf_writer
                )
            else:
                target = export_member(
                    ledger, args.member, args.format, args.out, pdf_writer=pdf_writer
                )
    return MSG_EXPORTED(path=str(target))
