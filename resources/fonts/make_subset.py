"""How the fonts in this folder and their licence files were made (run again to remake them).

The program carries Chinese fonts for machines that have none (a bare Linux install shows boxes
otherwise), one of each style the documents use where no system font of the kind is found:

| file                    | style | face (licence)                                  | licence file          |
| ----------------------- | ----- | ----------------------------------------------- | --------------------- |
| NotoSansSC-Subset.otf   | 黑体  | Noto Sans CJK SC Regular (SIL OFL 1.1)          | OFL.txt               |
| FandolFang-Subset.ttf   | 仿宋  | FandolFang Regular (GPL 3 with font exception)  | FandolFang-COPYING.txt|
| LXGWWenKai-Subset.ttf   | 楷体  | LXGW WenKai Regular (SIL OFL 1.1)               | LXGWWenKai-OFL.txt    |

Noto Sans SC is also the window's font where the system has no Chinese one (gui/app.py). Each face
is cut down to what the ledger's text uses: the GB2312 character set (6,763 hanzi and its symbols),
printable ASCII, and CJK and full-width punctuation; layout features are kept so that punctuation
and vertical forms still behave, hinting is dropped from the two new faces (the PDF does not use it).
FandolFang's PostScript outlines are turned into TrueType ones (within 2/1000 em): Qt embeds a
TrueType font in a PDF as it is, but converts a PostScript one glyph by glyph, which took a quarter
of a second for a page of body text.

    uv run python resources/fonts/make_subset.py [noto=PATH] [fang=PATH] [kai=PATH]

Sources (Debian packages; the licence texts come from them too):
- noto: fonts-noto-cjk, /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc (face
  "Noto Sans CJK SC");
- fang: texlive-lang-chinese (TeX Live's fandol), FandolFang-Regular.otf; the package need not be
  installed: `apt-get download texlive-lang-chinese && dpkg -x texlive-lang-chinese_*.deb x` and
  pass fang=x/usr/share/texlive/…/FandolFang-Regular.otf and fandol-copying=x/usr/share/doc/
  texlive-doc/fonts/fandol/COPYING.gz;
- kai: fonts-lxgw-wenkai, /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf (and
  lxgw-copyright=…/doc/fonts-lxgw-wenkai/copyright).
A face whose source is not found is left as it is.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

HERE = Path(__file__).resolve().parent
FANDOL = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
PATHS = {
    "noto": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "noto-copyright": Path("/usr/share/doc/fonts-noto-cjk/copyright"),
    "fang": FANDOL / "FandolFang-Regular.otf",
    "fandol-copying": Path("/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz"),
    "kai": Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"),
    "lxgw-copyright": Path("/usr/share/doc/fonts-lxgw-wenkai/copyright"),
}


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


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def debian_licence(path: Path, name: str, which: int = -1) -> str:
    """The text of a "License: NAME" paragraph of a Debian copyright file (the last one, where the
    licence is written out, by default), unindented."""
    lines = _read(path).splitlines()
    start = [i for i, line in enumerate(lines) if line == f"License: {name}"][which]
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def _subset(face: TTFont, *, hinting: bool) -> TTFont:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = hinting
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted())
    subsetter.subset(face)
    return face


def to_truetype(font: TTFont, max_err: float = 2.0) -> None:
    """Replace a font's PostScript (CFF) outlines by quadratic TrueType ones, ``max_err`` font
    units off at most (fontTools' cu2qu, as in its otf2ttf example)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


MODIFIED = (
    "Modified (subset to GB2312, ASCII and CJK punctuation) with fontTools by "
    "resources/fonts/make_subset.py."
)


@dataclass(frozen=True)
class Face:
    key: str  # its source in PATHS
    target: str
    licence_file: str
    load: Callable[[Path], TTFont]
    hinting: bool
    licence: Callable[[TTFont], str]
    truetype: bool = False  # turn PostScript outlines into TrueType ones


def _noto(path: Path) -> TTFont:
    collection = TTCollection(str(path))
    return next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")


def _noto_licence(face: TTFont) -> str:
    return (
        f"Noto Sans CJK SC (subset: NotoSansSC-Subset.otf)\n{face['name'].getDebugName(0)}\n"
        "Source: https://github.com/googlefonts/noto-cjk (Debian package fonts-noto-cjk).\n"
        f"{MODIFIED}\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n"
        + debian_licence(PATHS["noto-copyright"], "SIL-1.1", 1)
    )


def _fandol_licence(face: TTFont) -> str:
    return (
        "FandolFang Regular (subset: FandolFang-Subset.ttf)\n"
        f"{face['name'].getDebugName(0) or 'Copyright the Fandol team (Clerk Ma, Jie Su).'}\n"
        "Source: TeX Live, fonts/opentype/public/fandol (https://ctan.org/pkg/fandol; Debian package "
        "texlive-lang-chinese), version 0.3.\n"
        f"{MODIFIED} Its outlines were converted to TrueType ones. The modified font keeps the\n"
        "font exception below.\n\n"
        "The Fandol fonts are licensed under the GNU General Public License, version 3, with the\n"
        "font exception that closes it (a document that embeds the font is not thereby covered\n"
        "by the GPL). The full text follows.\n\n" + _read(PATHS["fandol-copying"])
    )


def _lxgw_licence(face: TTFont) -> str:
    return (
        "LXGW WenKai Regular (subset: LXGWWenKai-Subset.ttf)\n"
        f"{face['name'].getDebugName(0)}\n"
        "Source: https://github.com/lxgw/LxgwWenKai (Debian package fonts-lxgw-wenkai), "
        f"{face['name'].getDebugName(5)}.\n"
        f"{MODIFIED}\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n"
        + debian_licence(PATHS["lxgw-copyright"], "OFL-1.1")
    )


FACES = (
    Face("noto", "NotoSansSC-Subset.otf", "OFL.txt", _noto, True, _noto_licence),
    Face(
        "fang",
        "FandolFang-Subset.ttf",
        "FandolFang-COPYING.txt",
        lambda p: TTFont(str(p)),
        False,
        _fandol_licence,
        truetype=True,
    ),
    Face(
        "kai",
        "LXGWWenKai-Subset.ttf",
        "LXGWWenKai-OFL.txt",
        lambda p: TTFont(str(p)),
        False,
        _lxgw_licence,
    ),
)


def main(arguments: list[str]) -> None:
    for argument in arguments:
        key, _, value = argument.partition("=")
        if key not in PATHS:
            raise SystemExit(f"unknown source {key!r}: one of {', '.join(PATHS)}")
        PATHS[key] = Path(value)
    for face in FACES:
        source = PATHS[face.key]
        if not source.is_file():
            print(f"{face.target}: {source} not found, left as it is")
            continue
        font = face.load(source)
        licence = face.licence(font)  # from the whole face's names
        _subset(font, hinting=face.hinting)
        if face.truetype:
            to_truetype(font)
        target = HERE / face.target
        font.save(str(target))
        (HERE / face.licence_file).write_text(licence, encoding="utf-8")
        print(f"{face.target}: {target.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
