"""User-facing messages of the core, each in Chinese and English, defined beside the code that uses them.

A module defines its messages once at import time with ``define(key, zh=..., en=...)``; errors carry a
``Message`` (key plus parameters), and whoever shows it — the window, the command line, the import
report — renders it in the chosen language with ``Message.text(lang)``.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

_catalogue: dict[str, dict[str, str]] = {}
_current_language = DEFAULT_LANGUAGE


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class MessageDef:
    """A message template; calling it with parameters gives a ``Message``."""

    key: str

    def __call__(self, **params: Any) -> Message:
        return Message(self.key, params)


def define(key: str, *, zh: str, en: str) -> MessageDef:
    """Register a message in both languages; both must use the same placeholders."""
    if _placeholders(zh) != _placeholders(en):
        raise ValueError(f"message {key!r}: placeholders differ between zh and en")
    existing = _catalogue.get(key)
    if existing is not None and existing != {"zh": zh, "en": en}:
        raise ValueError(f"message {key!r} defined twice with different texts")
    _catalogue[key] = {"zh": zh, "en": en}
    return MessageDef(key)


def catalogue() -> dict[str, dict[str, str]]:
    return dict(_catalogue)


def set_language(lang: str) -> None:
    global _current_language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current_language = lang


def current_language() -> str:
    return _current_language


@dataclass(frozen=True)
class Message:
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        lang = lang or _current_language
        template = _catalogue[self.key][lang]
        params = {
            k: (v.text(lang) if isinstance(v, Message) else v) for k, v in self.params.items()
        }
        return template.format(**params)

    def __str__(self) -> str:
        return self.text()
