"""The English translation is complete: every text the window shows through tr() is in the committed
.ts with a finished English translation, and the .qm is the one built from it.

When this fails after a change of texts, run ``uv run python resources/translations/update.py``,
translate what it marks unfinished, and run it again (see that script)."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
UPDATE = ROOT / "resources" / "translations" / "update.py"
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff60\u3001-\u3011]")


def load_update() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations_update", UPDATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found[(name, message.findtext("source", ""))] = message
    return found


@pytest.fixture(scope="module")
def update() -> ModuleType:
    return load_update()


@pytest.fixture(scope="module")
def committed(update: ModuleType) -> dict[tuple[str, str], ET.Element]:
    return messages(update.TS)


@pytest.fixture(scope="module")
def current(
    update: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], ET.Element]:
    """What lupdate finds in the code today."""
    ts = tmp_path_factory.mktemp("lupdate") / "ledger_en.ts"
    update.lupdate(ts)
    return messages(ts)


def test_every_text_in_the_code_is_in_the_committed_translation(
    current: dict[tuple[str, str], ET.Element], committed: dict[tuple[str, str], ET.Element]
) -> None:
    assert len(current) > 100  # lupdate really read the window's modules
    missing = sorted(set(current) - set(committed))
    assert not missing, f"not in ledger_en.ts (run resources/translations/update.py): {missing}"
    stale = sorted(set(committed) - set(current))
    assert not stale, f"no longer in the code, still in ledger_en.ts: {stale}"


def test_every_translation_is_finished_and_english(
    committed: dict[tuple[str, str], ET.Element],
) -> None:
    problems = []
    for (context, source), message in committed.items():
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append((context, source, "unfinished"))
            continue
        text = translation.text or ""
        if not text.strip():
            problems.append((context, source, "empty"))
        elif CJK.search(text):
            problems.append((context, source, f"not English: {text}"))
        placeholders = set(re.findall(r"\{(\w*)\}", source))
        if placeholders != set(re.findall(r"\{(\w*)\}", text)):
            problems.append((context, source, f"placeholders differ: {text}"))
    assert not problems


def test_the_compiled_translation_is_built_from_the_committed_one(
    update: ModuleType, tmp_path: Path
) -> None:
    built = tmp_path / "ledger_en.qm"
    update.lrelease(update.TS, built)
    assert update.QM.read_bytes() == built.read_bytes(), "run resources/translations/update.py"


def test_the_window_loads_the_english_translation(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load("ledger_en", str(ROOT / "resources" / "translations"))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
        assert QCoreApplication.translate("Pages", "回收站") == "Recycle bin"
    finally:
        QCoreApplication.removeTranslator(translator)
