"""Text as the ledger keeps and writes it: control characters taken out, line breaks made one kind.

Whatever arrives — a form, a paragraph pasted from Word (whose Shift+Enter puts a vertical tab on the
clipboard), an imported cell, a record an older version saved — goes through ``clean_text`` before it
is saved, and again before any writer puts it into a file: Word's XML, an .xlsx and PostgreSQL refuse
NUL and most other control characters, and Markdown, CSV and PDF would show them as boxes or garbage.

What stays: every printable character, the line break (``\\n``) and the tab (a tab is a character a
secretary can type and see; Word and the spreadsheets show it, and the writers keep it as a tab).
What becomes a line break: ``\\r\\n`` and a lone ``\\r``, the vertical tab and the form feed (Word's line
and page breaks), NEL and the Unicode line and paragraph separators. What is taken out: the other C0
and C1 control characters (NUL, ESC, BEL, …, DEL), lone surrogates and the non-characters U+FFFE and
U+FFFF, which no file format can carry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` without control characters, its line breaks as ``\\n`` (see the module's docstring)."""
    if not _SUSPECT.search(text):  # nearly every text: nothing to do
        return text
    return _CONTROL.sub("", _BREAKS.sub("\n", text))


def clean_values(value: Any) -> Any:
    """``value`` with ``clean_text`` applied to every string in it (dicts, lists and tuples are
    walked; anything else is returned as it is): the context of a user's Word template."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {k: clean_values(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(clean_values(v) for v in value)
    return value
