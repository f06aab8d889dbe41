"""Finding members by pinyin: every reading of every character (so 单 is found by d, s and c), plus a
reading the secretary corrects by hand."""

from __future__ import annotations

import itertools
import os
import re

# Readings used as surnames that the general dictionary may not list first or at all.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan", "dan", "chan"),
    "曾": ("zeng", "ceng"),
    "解": ("xie", "jie"),
    "仇": ("qiu", "chou"),
    "区": ("ou", "qu"),
    "朴": ("piao", "pu", "po"),
    "翟": ("zhai", "di"),
    "查": ("zha", "cha"),
    "盖": ("ge", "gai"),
    "乐": ("yue", "le"),
    "缪": ("miao", "mou", "miu"),
    "覃": ("qin", "tan"),
    "尉": ("yu", "wei"),
}
MAX_VARIANTS = 64  # a long name of many polyphonic characters stops here
_LETTERS = re.compile(r"[^a-z]")


def readings(name: str) -> list[list[str]]:
    """Each character's possible readings (lower case, no tones), the surname's own readings first."""
    # Imported here: its dictionaries take time to load, and searching needs only stored indexes.
    # Names need every reading of each character, which phrase readings would replace; without the
    # phrases (and the copy of the dictionaries) they load in ~0.05 s instead of ~0.35 s.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, pinyin

    chars = list(name.strip())
    per_char: list[list[str]] = []
    for index, item in enumerate(
        pinyin(name.strip(), style=Style.NORMAL, heteronym=True, errors="default")
    ):
        options = [_LETTERS.sub("", r.lower()) for r in item]
        if index == 0 and chars and chars[0] in SURNAME_READINGS:
            options = list(SURNAME_READINGS[chars[0]]) + options
        per_char.append(list(dict.fromkeys(o for o in options if o)) or [""])
    return per_char


def search_keys(name: str, override: str = "") -> list[str]:
    """The strings a query is matched against: full pinyin and initials of every reading, and the
    hand-corrected reading (full syllables separated by spaces, or initials)."""
    keys: list[str] = []
    combos = itertools.islice(itertools.product(*readings(name)), MAX_VARIANTS)
    for combo in combos:
        keys.append("".join(combo))
        keys.append("".join(s[:1] for s in combo))
    if override.strip():
        parts = [_LETTERS.sub("", p.lower()) for p in override.split()]
        parts = [p for p in parts if p]
        keys.append("".join(parts))
        if len(parts) > 1:
            keys.append("".join(p[:1] for p in parts))
    return list(dict.fromkeys(k for k in keys if k))


def index_text(name: str, override: str = "") -> str:
    """What is stored on the member for searching: the keys separated by spaces."""
    return " ".join(search_keys(name, override))


def matches(query: str, name: str, index: str) -> bool:
    """True when the query is part of the name, or the start of one of its pinyin keys."""
    query = query.strip().lower()
    if not query:
        return True
    if query in name:
        return True
    letters = _LETTERS.sub("", query)
    if not letters or letters != query.replace(" ", ""):
        return False
    return any(key.startswith(letters) for key in index.split())
