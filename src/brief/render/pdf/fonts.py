"""Fonts for the PDF: a Latin text face and a Japanese TrueType face, both embedded as subsets.

Japanese: IPAex Mincho/Gothic (Debian/Ubuntu packages fonts-ipaexfont-mincho and
fonts-ipaexfont-gothic), or any TrueType file named by BRIEF_JA_FONT. Latin: DejaVu Serif
(fonts-dejavu-core), else Bitstream Vera, which ships inside reportlab. Every string drawn
goes through `runs`, which picks for each character the first font that has its glyph.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from brief.errors import BriefError

FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             Path.home() / ".local/share/fonts", Path("/Library/Fonts"),
             Path("C:/Windows/Fonts")]
JA_CANDIDATES = ["ipaexm.ttf", "ipaexg.ttf", "ipam.ttf", "ipag.ttf"]
LATIN_CANDIDATES = [("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf")]


def _find(name: str) -> Path | None:
    for d in FONT_DIRS:
        if d.is_dir():
            for p in sorted(d.rglob(name)):
                return p
    return None


@dataclass(frozen=True)
class FontSet:
    latin: str
    latin_bold: str
    latin_italic: str
    ja: str


@lru_cache(maxsize=1)
def register() -> FontSet:
    """Register the fonts with reportlab once; BriefError if no Japanese TrueType font exists."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ja_path = Path(os.environ["BRIEF_JA_FONT"]) if os.environ.get("BRIEF_JA_FONT") else None
    if ja_path is None:
        for cand in JA_CANDIDATES:
            ja_path = _find(cand)
            if ja_path:
                break
    if ja_path is None or not ja_path.is_file():
        raise BriefError("no Japanese TrueType font found for the PDF: install "
                         "fonts-ipaexfont-mincho (apt-get install fonts-ipaexfont-mincho) "
                         "or set BRIEF_JA_FONT to a .ttf file")
    try:
        pdfmetrics.registerFont(TTFont("BriefJA", str(ja_path)))
    except Exception as exc:  # noqa: BLE001 - reportlab raises plain errors for bad fonts
        raise BriefError(f"{ja_path}: cannot use this font for the PDF ({exc}); it must be "
                         "TrueType (glyf outlines), not CFF/OpenType") from None
    latin = None
    for regular, bold, italic in LATIN_CANDIDATES:
        paths = [_find(regular), _find(bold), _find(italic)]
        if all(paths):
            latin = paths
            break
    if latin is None:
        import reportlab

        base = Path(reportlab.__file__).parent / "fonts"
        latin = [base / "Vera.ttf", base / "VeraBd.ttf", base / "VeraIt.ttf"]
    for name, path in zip(("BriefLatin", "BriefLatin-Bold", "BriefLatin-Italic"), latin,
                          strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping("BriefLatin", 0, 0, "BriefLatin")
    addMapping("BriefLatin", 1, 0, "BriefLatin-Bold")
    addMapping("BriefLatin", 0, 1, "BriefLatin-Italic")
    addMapping("BriefLatin", 1, 1, "BriefLatin-Bold")
    return FontSet("BriefLatin", "BriefLatin-Bold", "BriefLatin-Italic", "BriefJA")


def _glyphs(font: str) -> dict[int, int]:
    """The registered font's character map (code point -> glyph)."""
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(font).face.charToGlyph


def missing_glyphs(text: str, fonts: FontSet) -> set[str]:
    """Characters neither font can draw (would be tofu)."""
    latin, ja = _glyphs(fonts.latin), _glyphs(fonts.ja)
    return {ch for ch in text if not ch.isspace() and ord(ch) not in latin
            and ord(ch) not in ja}


def markup(text: str, fonts: FontSet, base: str | None = None) -> str:
    """Paragraph markup with each character run in a font that has its glyphs.

    Characters no font covers are replaced by U+FFFD-free '?' so nothing renders as tofu;
    callers check `missing_glyphs` first and report them.
    """
    base = base or fonts.latin
    base_map, ja_map = _glyphs(base), _glyphs(fonts.ja)
    out: list[str] = []
    run, run_font = "", base
    for ch in text:
        if ch.isspace() or ord(ch) in base_map:
            font = base
        elif ord(ch) in ja_map:
            font = fonts.ja
        else:
            ch, font = "?", base
        if font != run_font and run:
            out.append(_wrap(run, run_font, base))
            run = ""
        run_font = font
        run += ch
    if run:
        out.append(_wrap(run, run_font, base))
    return "".join(out)


def _wrap(run: str, font: str, base: str) -> str:
    return escape(run) if font == base else f'<font name="{font}">{escape(run)}</font>'
