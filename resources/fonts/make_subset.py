"""How NotoSansSC-Subset.otf and OFL.txt beside it were made (run again to remake them).

The program carries a Chinese font for machines that have none (a bare Linux install shows boxes
otherwise). Noto Sans CJK SC Regular is licensed under the SIL Open Font License 1.1; the whole face
is 16 MB, so it is cut down to what the ledger's text uses: the GB2312 character set (6,763 hanzi and
its symbols), printable ASCII, and CJK and full-width punctuation. Layout features are kept so that
punctuation and vertical forms still behave.

    uv run python resources/fonts/make_subset.py [/path/to/NotoSansCJK-Regular.ttc]

Source: Debian's fonts-noto-cjk (/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc, the face
"Noto Sans CJK SC"); the licence text comes from that package's copyright file.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FACE = "Noto Sans CJK SC"
TARGET = HERE / "NotoSansSC-Subset.otf"
LICENCE = HERE / "OFL.txt"


def gb2312() -> set[int]:
    """Every character GB2312 encodes (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def wanted() -> set[int]:
    chars = gb2312()
    chars |= set(range(0x20, 0x7F))  # printable ASCII
    chars |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    chars |= set(range(0xFF00, 0xFFF0))  # full-width forms
    chars |= set(range(0x2010, 0x2070))  # general punctuation: dashes, quotes, ellipsis, ‰
    chars |= {0x00A0, 0x00B7, 0x00D7, 0x00F7, 0x2103, 0x2116, 0x2460, 0x25CB, 0x25CF, 0x2605}
    return chars


def licence_text() -> str:
    """The SIL OFL 1.1 as Debian ships it (the "License: SIL-1.1" paragraph, unindented)."""
    with open(COPYRIGHT, "rb") as fh:
        raw = fh.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    lines = raw.decode("utf-8").splitlines()
    start = lines.index("License: SIL-1.1", lines.index("License: SIL-1.1") + 1)
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def main(source: Path = SOURCE) -> None:
    collection = TTCollection(str(source))
    face = next(f for f in collection.fonts if f["name"].getDebugName(1) == FACE)
    notice = face["name"].getDebugName(0)  # Copyright … with Reserved Font Name 'Source'.

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted())
    subsetter.subset(face)
    face.save(str(TARGET))

    LICENCE.write_text(
        f"{FACE} (subset: NotoSansSC-Subset.otf)\n{notice}\n"
        "Source: https://github.com/googlefonts/noto-cjk (Debian package fonts-noto-cjk).\n"
        "Modified (subset to GB2312, ASCII and CJK punctuation) with fontTools by "
        "resources/fonts/make_subset.py.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n"
        + licence_text(),
        encoding="utf-8",
    )
    print(f"{TARGET.name}: {TARGET.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
