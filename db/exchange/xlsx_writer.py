"""Writing tables into an .xlsx workbook: typed cells, a styled and frozen header, filters, widths.

Generic on purpose: it knows cell formats ("date", "amount", …), not records. db.exchange.ledgers decides what
the columns are. openpyxl writes the package — styles, sheets with their header rows, names, page
setup, properties — and the data rows are written here straight as sheet XML, with the style ids
openpyxl gave: through openpyxl's cell objects a ledger of 100,000 records took minutes.
"""

from __future__ import annotations

import datetime
import decimal
import io
import os
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.writer.excel import ExcelWriter

from db.common.text import clean_text

# Cell formats a column may have.
TEXT = "text"
DATE = "date"
MONTH = "month"
TIME = "time"
DATETIME = "datetime"
DEC1 = "dec1"  # a decimal with one place (days, training hours)
AMOUNT = "amount"  # 万元 with up to four places
INT = "int"
ID = "id"  # a record's identity: text, narrow and grey

NUMBER_FORMATS = {
    TEXT: "@",
    DATE: "yyyy-mm-dd",
    MONTH: "yyyy-mm",
    TIME: "hh:mm",
    DATETIME: "yyyy-mm-dd hh:mm",
    DEC1: "0.0",
    AMOUNT: "#,##0.00##",
    INT: "0",
    ID: "@",
}
# Characters a spreadsheet reads as the start of a formula (or that it strips) when text is typed in.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

FONT_NAME = "宋体"
MAX_WIDTH = 50  # a wider text column wraps instead
MIN_WIDTH = 6
ID_WIDTH = 10  # the identity column stays narrow: it is for the import, not for reading
FIXED_WIDTHS = {DATE: 10, MONTH: 7, TIME: 5, DATETIME: 16}  # 2025-03-01, 2025-03, 09:30
ROW_HEIGHT = 18.0  # points: one line of 11-point CJK text with room above and below
LINE_HEIGHT = 14.5  # each further line of a wrapped cell
MAX_ROW_HEIGHT = 409.0  # Excel's limit

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


@dataclass(frozen=True)
class TableColumn:
    header: str
    format: str = TEXT


@dataclass
class Table:
    """One sheet: its title, its columns and its rows (Python values matching the column formats)."""

    title: str
    columns: Sequence[TableColumn]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def display_width(text: str) -> int:
    """Width in spreadsheet character units: CJK and other wide characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def excel_number(value: decimal.Decimal) -> int | float:
    """A Decimal as the number a cell holds: an int when whole, else the float with the same digits."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _cell_text_width(value: Any, fmt: str) -> int:
    if value is None:
        return 0
    if fmt in FIXED_WIDTHS:
        return FIXED_WIDTHS[fmt]
    if isinstance(value, decimal.Decimal):
        value = format(value.normalize(), ",f") if fmt == AMOUNT else format(value, "f")
    text = str(value)
    if "\n" in text:
        return max(display_width(line) for line in text.split("\n"))
    return display_width(text)


def column_widths(table: Table) -> list[tuple[float, bool]]:
    """Per column: the width to set, and whether its text wraps (content wider than the cap)."""
    out = []
    for index, column in enumerate(table.columns):
        if column.format == ID:
            out.append((ID_WIDTH, False))
            continue
        widest = max((_cell_text_width(row[index], column.format) for row in table.rows), default=0)
        header = display_width(column.header) + 3  # room for the filter button
        wanted = max(widest + 2, header, MIN_WIDTH)
        out.append((min(wanted, MAX_WIDTH), wanted > MAX_WIDTH))
    return out


class _Styles:
    """One style array per kind of cell, copied onto each cell (cheap; see the module's docstring)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._cache: dict[tuple[str, bool, bool], Any] = {}

    def get(self, fmt: str, *, wrap: bool = False, quote: bool = False) -> Any:
        key = (fmt, wrap, quote)
        if key not in self._cache:
            cell = WriteOnlyCell(self.ws)
            cell.font = (
                Font(name=FONT_NAME, size=9, color="808080")
                if fmt == ID
                else Font(name=FONT_NAME, size=11)
            )
            cell.border = _BORDER
            cell.number_format = NUMBER_FORMATS[fmt]
            horizontal = "center" if fmt in (DATE, MONTH, TIME) else None
            cell.alignment = Alignment(
                vertical="center",
                horizontal=horizontal,
                wrap_text=wrap,
                # the identity shrinks into its narrow column rather than spill over the page
                shrink_to_fit=fmt == ID,
            )
            if quote:
                cell.quotePrefix = True  # Excel keeps the text as text when the cell is edited
            self._cache[key] = cell._style
        return self._cache[key]

    def header(self) -> Any:
        key = ("header", False, False)
        if key not in self._cache:
            cell = WriteOnlyCell(self.ws)
            cell.font = Font(name=FONT_NAME, size=11, bold=True)
            cell.fill = _HEADER_FILL
            cell.border = _BORDER
            cell.number_format = "@"
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self._cache[key] = cell._style
        return self._cache[key]


def _lines(value: Any, width: float) -> int:
    """How many lines a wrapped text cell of this width shows."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(int(width) - 1, 1)
    return sum(max(1, -(-display_width(part) // per_line)) for part in value.split("\n"))


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise the OSError that writing ``path`` would meet (a missing folder, no permission) before
    any work is done."""
    folder = Path(path).expanduser().absolute().parent
    if not folder.is_dir():
        raise FileNotFoundError(2, "No such file or directory", str(folder))
    if not os.access(folder, os.W_OK):
        raise PermissionError(13, "Permission denied", str(folder))


def write_tables(
    path: str | os.PathLike[str],
    tables: Iterable[Table],
    *,
    title: str = "",
    subject: str = "",
    creator: str = "",
    description: str = "",
    stamp: datetime.datetime | None = None,
) -> None:
    """Write each table on its own sheet.

    ``stamp`` becomes the file's created and modified times, and the times of the parts inside it
    (openpyxl would put the time of saving there); pass a time taken from the data, and the same data
    gives the same file, byte for byte.
    """
    check_writable(path)
    stamp = (stamp or datetime.datetime(2000, 1, 1)).replace(tzinfo=None, microsecond=0)
    wb = Workbook(write_only=True)
    sheets = [_Sheet(wb, table) for table in tables]
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    props = wb.properties
    props.title = clean_text(title) or None
    props.subject = clean_text(subject) or None
    props.creator = clean_text(creator) or None
    props.description = clean_text(description) or None
    props.lastModifiedBy = clean_text(creator) or None
    props.created = stamp
    props.modified = stamp
    # openpyxl writes the package (styles, sheets with their header row, names, properties);
    # Workbook.save() would overwrite ``modified``, so this is its body without that.
    package = io.BytesIO()
    with ZipFile(package, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    # The data rows go into the sheets as XML written here: through openpyxl's cell objects they
    # would take most of the time of a large export. The file appears whole or not at all.
    by_part = {sheet.ws.path.lstrip("/"): sheet for sheet in sheets}
    when = max(stamp, datetime.datetime(1980, 1, 1)).timetuple()[:6]
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with ZipFile(package) as source, ZipFile(partial, "w", ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                entry = ZipInfo(info.filename, date_time=when)
                entry.compress_type = ZIP_DEFLATED
                sheet = by_part.get(info.filename)
                if sheet is None or not sheet.table.rows:
                    target.writestr(entry, data)
                    continue
                end = data.index(b"</sheetData>")
                with target.open(entry, "w", force_zip64=True) as out:
                    out.write(data[:end])
                    for chunk in sheet.rows_xml():
                        out.write(chunk)
                    out.write(data[end:])
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class _Sheet:
    """One sheet: openpyxl sets it up and writes its header; ``rows_xml`` writes its data rows."""

    def __init__(self, wb: Workbook, table: Table) -> None:
        self.table = table
        self.ws = ws = wb.create_sheet(table.title[:31])
        ncols = len(table.columns)
        self.widths = widths = column_widths(table)
        for index, (width, _wrap) in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        last = get_column_letter(max(ncols, 1))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{last}{max(len(table.rows) + 1, 1)}"
        ws.print_title_rows = "1:1"
        printed = ncols
        while printed > 1 and table.columns[printed - 1].format == ID:
            printed -= 1  # identities are for the import, not for the printed ledger
        ws.print_area = f"A1:{get_column_letter(printed)}{len(table.rows) + 1}"
        ws.sheet_format.defaultRowHeight = ROW_HEIGHT
        ws.sheet_format.customHeight = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = False
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.25
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddHeader.center.text = "&A"

        styles = _Styles(ws)
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(ws, value=column.header)
            cell.data_type = "s"
            cell._style = styles.header()
            header.append(cell)
        ws.row_dimensions[1].height = 24
        ws.append(header)
        # Every style a data cell may take, registered now: styles.xml is written before the rows.
        self.style_ids: list[dict[tuple[bool, bool], int]] = []
        cell_styles = wb._cell_styles
        for column, (_width, wrap) in zip(table.columns, widths, strict=True):
            ids = {}
            for wrapped in {False, wrap}:
                for quote in (False, True):
                    ids[(wrapped, quote)] = cell_styles.add(
                        styles.get(column.format, wrap=wrapped, quote=quote)
                    )
            self.style_ids.append(ids)

    def rows_xml(self) -> Iterator[bytes]:
        """The data rows as sheet XML, a few hundred rows per chunk."""
        table = self.table
        ncols = len(table.columns)
        letters = [get_column_letter(i + 1) for i in range(ncols)]
        formats = [c.format for c in table.columns]
        wrapped = [i for i, (_w, wrap) in enumerate(self.widths) if wrap]
        plain = [ids[(False, False)] for ids in self.style_ids]
        out: list[str] = []
        for number, row in enumerate(table.rows, start=2):
            height = ""
            if wrapped:
                # Spreadsheets do not size rows to wrapped text when they open a file: say it.
                lines = max(_lines(row[i], self.widths[i][0]) for i in wrapped)
                if lines > 1:
                    ht = min(ROW_HEIGHT + (lines - 1) * LINE_HEIGHT, MAX_ROW_HEIGHT)
                    height = f' ht="{ht:g}" customHeight="1"'
            out.append(f'<row r="{number}"{height}>')
            for i in range(ncols):
                value = row[i]
                ref = f"{letters[i]}{number}"
                if value is None or value == "":
                    out.append(f'<c r="{ref}" s="{plain[i]}"/>')
                elif isinstance(value, str):
                    out.append(self._text(ref, i, value))
                else:
                    out.append(
                        f'<c r="{ref}" s="{plain[i]}" t="n"><v>{_number(value, formats[i])}</v></c>'
                    )
            out.append("</row>")
            if len(out) > 4000:
                yield "".join(out).encode("utf-8")
                out = []
        if out:
            yield "".join(out).encode("utf-8")

    def _text(self, ref: str, index: int, value: str) -> str:
        value = clean_text(value)
        # Always a string cell, never a formula; text that looks like one is marked as typed text.
        style = self.style_ids[index][(self.widths[index][1], looks_like_formula(value))]
        space = ' xml:space="preserve"' if value != value.strip() else ""
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _number(value: Any, fmt: str) -> str:
    """A cell's number as the sheet stores it: dates and times as serial days, as Excel does."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, decimal.Decimal):
        value = excel_number(value)
    if isinstance(value, datetime.date | datetime.time):
        value = to_excel(
            value.replace(tzinfo=None) if isinstance(value, datetime.datetime) else value
        )
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    return repr(float(value))
