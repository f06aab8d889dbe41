"""Keep the English translation of the window up to date (Qt Linguist's .ts and the compiled .qm).

    uv run python resources/translations/update.py

runs pyside6-lupdate over every module of gui/ into ledger_en.ts (new texts arrive "unfinished";
texts no longer in the code are dropped), then pyside6-lrelease into ledger_en.qm. Fill the new
translations (Qt Linguist, or any editor: replace <translation type="unfinished"></translation>
with <translation>English text</translation>) and run it again. tests/gui/test_translations.py
fails while a text is missing or unfinished, or while the .qm is older than the .ts.

Chinese is the source language, so only English needs a file. Locations are left out of the .ts so
that editing code does not change it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "ledger_en.ts"
QM = HERE / "ledger_en.qm"


def sources() -> list[Path]:
    return sorted((ROOT / "gui").rglob("*.py"))


def tool(name: str) -> str:
    """The PySide6 tool beside the running Python (the project's environment)."""
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def lupdate(ts: Path = TS) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *(str(p.relative_to(ROOT)) for p in sources()),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True
    )


if __name__ == "__main__":
    lupdate()
    lrelease()
    print(f"{TS.relative_to(ROOT)} and {QM.relative_to(ROOT)} updated")
