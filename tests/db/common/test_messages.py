"""Every message of the core reads in Chinese and in English."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string

import db
from db.common.messages import Message, catalogue

CJK = re.compile(r"[\u3400-\u9fff]")
# Proper names of the domain that the English text may quote as they are.
ALLOWED_IN_ENGLISH: set[str] = set()


def _load_all() -> dict[str, dict[str, str]]:
    for info in pkgutil.walk_packages(db.__path__, "db."):
        importlib.import_module(info.name)
    return catalogue()


def test_catalogue_is_loaded_from_every_module() -> None:
    messages = _load_all()
    prefixes = {key.split(".")[0] for key in messages}
    assert {"db", "field", "record", "backup", "settings", "list"} <= prefixes
    assert len(messages) > 100


def test_every_message_renders_in_both_languages() -> None:
    for key, texts in _load_all().items():
        fields = [
            (n, spec)
            for text in texts.values()
            for _, n, spec, _ in string.Formatter().parse(text)
            if n
        ]
        numeric = {name for name, spec in fields if spec}
        params = {name: (7 if name in numeric else f"<{name}>") for name, _ in fields}
        zh = Message(key, params).text("zh")
        en = Message(key, params).text("en")
        literal = "".join(text for text, *_ in string.Formatter().parse(texts["zh"]))
        if literal.strip(" ，,：:;；()（）/-"):  # not a mere composition of parts
            assert CJK.search(zh), f"{key}: the Chinese text has no Chinese: {zh!r}"
        leftover = set(CJK.findall(en)) - ALLOWED_IN_ENGLISH
        assert not leftover, f"{key}: the English text still has Chinese: {en!r}"
