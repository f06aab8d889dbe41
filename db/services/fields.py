"""Reading the values of a form or an imported row into typed values, collecting every problem.

Values may arrive as Python objects (from code) or as text (from a form or a spreadsheet); each reader
accepts both. Problems are collected per field so that a form can show each beside its field and an
import can list them all.
"""

from __future__ import annotations

import datetime
import decimal
import re
import uuid
from collections.abc import Mapping
from typing import Any

from db.common.errors import FieldError, ValidationError
from db.common.messages import Message, MessageDef, define
from db.common.text import clean_text
from db.rules import vocab

REQUIRED = define("field.required", zh="{label}：必须填写", en="{label}: required")
BAD_DATE = define(
    "field.bad_date",
    zh="{label}：“{value}”不是有效日期，请按 2025-03-01 的格式填写",
    en="{label}: “{value}” is not a valid date; write it as 2025-03-01",
)
BAD_TIME = define(
    "field.bad_time",
    zh="{label}：“{value}”不是有效时间，请按 14:30 的格式填写",
    en="{label}: “{value}” is not a valid time; write it as 14:30",
)
BAD_MONTH = define(
    "field.bad_month",
    zh="{label}：“{value}”不是有效月份，请按 2025-03 的格式填写",
    en="{label}: “{value}” is not a valid month; write it as 2025-03",
)
BAD_NUMBER = define(
    "field.bad_number",
    zh="{label}：“{value}”不是有效数字",
    en="{label}: “{value}” is not a valid number",
)
NEGATIVE = define("field.negative", zh="{label}：不能小于 0", en="{label}: must not be negative")
TOO_LONG = define(
    "field.too_long",
    zh="{label}：最多 {max} 个字，现有 {length} 个",
    en="{label}: at most {max} characters, {length} given",
)
BAD_CHOICE = define(
    "field.bad_choice",
    zh="{label}：“{value}”不是可选的值（可选：{choices}）",
    en="{label}: “{value}” is not one of the choices ({choices})",
)
BAD_BOOL = define(
    "field.bad_bool",
    zh="{label}：请填“是”或“否”，而不是“{value}”",
    en="{label}: write yes or no, not “{value}”",
)
BAD_PHONE = define(
    "field.bad_phone",
    zh="{label}：“{value}”不像电话号码",
    en="{label}: “{value}” does not look like a phone number",
)
BAD_REFERENCE = define(
    "field.bad_reference",
    zh="{label}：找不到“{value}”",
    en="{label}: “{value}” was not found",
)
DATE_ORDER = define(
    "field.date_order",
    zh="{label}：不能早于{other}",
    en="{label}: must not be before {other}",
)

_TRUE = {"1", "true", "yes", "y", "是", "√", "✓", "对"}
_FALSE = {"0", "false", "no", "n", "否", "", "×", "不"}
_PHONE = re.compile(r"^[0-9+\-() 转]{5,30}$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月?$"),
)


def parse_date(value: Any) -> datetime.date:
    """A date from a date, a datetime or text in the forms people type; ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    text = (
        text.split("T", 1)[0].split(" ", 1)[0]
        if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text)
        else text
    )
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
    raise ValueError(text)


def parse_month(value: Any) -> datetime.date:
    """The first day of a month, from a date or text such as 2025-03 or 2025年3月."""
    if isinstance(value, datetime.date):
        return (
            value.replace(day=1)
            if not isinstance(value, datetime.datetime)
            else value.date().replace(day=1)
        )
    text = str(value).strip()
    for pattern in _MONTH_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month = (int(g) for g in match.groups())
            return datetime.date(year, month, 1)
    return parse_date(text).replace(day=1)


class Cleaner:
    """Reads fields out of ``values`` for one kind of record; ``finish()`` raises every problem at once."""

    def __init__(self, values: Mapping[str, Any], labels: Mapping[str, MessageDef]) -> None:
        self.values = values
        self.labels = labels
        self.errors: list[FieldError] = []

    # -- helpers -----------------------------------------------------------------------------------
    def label(self, name: str) -> Message:
        return self.labels[name]()

    def fail(self, name: str, message: Message) -> None:
        self.errors.append(FieldError(name, message))

    def has_error(self, name: str) -> bool:
        return any(e.field == name for e in self.errors)

    def _raw(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            # Control characters out (db.common.text), the same on every backend and from every source.
            value = clean_text(value).strip()
            return value if value else None
        return value

    def _missing(self, name: str, required: bool) -> bool:
        if self._raw(name) is None:
            if required:
                self.fail(name, REQUIRED(label=self.label(name)))
            return True
        return False

    def finish(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    # -- readers -----------------------------------------------------------------------------------
    def text(self, name: str, *, required: bool = False, max_length: int | None = None) -> str:
        if self._missing(name, required):
            return ""
        text = str(self._raw(name))
        if max_length is not None and len(text) > max_length:
            self.fail(name, TOO_LONG(label=self.label(name), max=max_length, length=len(text)))
        return text

    def phone(self, name: str, *, required: bool = False) -> str:
        text = self.text(name, required=required, max_length=30)
        if text and not _PHONE.match(text):
            self.fail(name, BAD_PHONE(label=self.label(name), value=text))
        return text

    def date(self, name: str, *, required: bool = False) -> datetime.date | None:
        if self._missing(name, required):
            return None
        raw = self._raw(name)
        try:
            return parse_date(raw)
        except ValueError:
            self.fail(name, BAD_DATE(label=self.label(name), value=str(raw)))
            return None

    def month(self, name: str, *, required: bool = False) -> datetime.date | None:
        if self._missing(name, required):
            return None
        raw = self._raw(name)
        try:
            return parse_month(raw)
        except ValueError:
            self.fail(name, BAD_MONTH(label=self.label(name), value=str(raw)))
            return None

    def time(self, name: str, *, required: bool = False) -> datetime.time | None:
        if self._missing(name, required):
            return None
        raw = self._raw(name)
        if isinstance(raw, datetime.time):
            return raw.replace(microsecond=0)
        match = re.match(r"^(\d{1,2})[:：](\d{2})(?::(\d{2}))?$", str(raw))
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24 and minute < 60:
                return datetime.time(hour, minute)
        self.fail(name, BAD_TIME(label=self.label(name), value=str(raw)))
        return None

    def decimal(
        self, name: str, *, required: bool = False, places: int = 1, minimum: int | None = 0
    ) -> decimal.Decimal | None:
        if self._missing(name, required):
            return None
        raw = self._raw(name)
        try:
            number = decimal.Decimal(str(raw).replace(",", "").replace("，", ""))
            if not number.is_finite():
                raise decimal.InvalidOperation
        except decimal.InvalidOperation:
            self.fail(name, BAD_NUMBER(label=self.label(name), value=str(raw)))
            return None
        if minimum is not None and number < minimum:
            self.fail(name, NEGATIVE(label=self.label(name)))
        return number.quantize(decimal.Decimal(1).scaleb(-places))

    def integer(self, name: str, *, required: bool = False, minimum: int | None = 0) -> int | None:
        if self._missing(name, required):
            return None
        raw = self._raw(name)
        try:
            number = int(raw) if not isinstance(raw, float) or raw.is_integer() else None
            if number is None or isinstance(raw, bool):
                raise ValueError
        except (TypeError, ValueError):
            self.fail(name, BAD_NUMBER(label=self.label(name), value=str(raw)))
            return None
        if minimum is not None and number < minimum:
            self.fail(name, NEGATIVE(label=self.label(name)))
        return number

    def boolean(self, name: str, *, default: bool = False) -> bool:
        raw = self.values.get(name)
        if raw is None:
            return default
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        self.fail(name, BAD_BOOL(label=self.label(name), value=str(raw)))
        return default

    def choice(self, name: str, kind: str, *, required: bool = False, default: str = "") -> str:
        if self._missing(name, required):
            return default
        raw = str(self._raw(name))
        code = vocab.code_for(kind, raw)
        if code is None:
            from db.common.messages import current_language

            lang = current_language()
            choices = "、".join(vocab.label(kind, c, lang) for c in vocab.codes(kind))
            self.fail(name, BAD_CHOICE(label=self.label(name), value=raw, choices=choices))
            return default
        return code

    def uuid(self, name: str, *, required: bool = False) -> uuid.UUID | None:
        if self._missing(name, required):
            return None
        return self.as_uuid(name, self._raw(name))

    def as_uuid(self, name: str, raw: Any) -> uuid.UUID | None:
        if isinstance(raw, uuid.UUID):
            return raw
        if hasattr(raw, "id") and isinstance(raw.id, uuid.UUID):
            return raw.id
        try:
            return uuid.UUID(str(raw))
        except ValueError:
            self.fail(name, BAD_REFERENCE(label=self.label(name), value=str(raw)))
            return None

    def not_before(self, name: str, value: Any, other_name: str, other: Any) -> None:
        if value is not None and other is not None and value < other:
            self.fail(name, DATE_ORDER(label=self.label(name), other=self.label(other_name)))
