"""Fonts for the PDF: a Latin text face and a Japanese TrueType face, both embedded as subsets.

Japanese: IPAex Mincho/Gothic (Debian/Ubuntu packages fonts-ipaexfont-mincho and
fonts-ipaexfont-gothic), or any TrueType file named by BRIEF_JA_FONT. Latin: DejaVu Serif
(fonts-dejavu-core), else Bitstream Vera, which ships inside reportlab. Fallbacks for
anything else a model may emit (Cyrillic, Arabic, Hangul, symbols): whichever of
FALLBACK_CANDIDATES is installed (fonts-dejavu-core, fonts-noto-core, fonts-nanum,
fonts-unifont). Every string drawn goes through `markup`, which picks for each character the
first font that has its glyph and replaces a character no font has by a visible [U+XXXX].
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from brief.errors import BriefError
from brief.render.escape import rl_text

FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             Path.home() / ".local/share/fonts", Path("/Library/Fonts"),
             Path("C:/Windows/Fonts")]
JA_CANDIDATES = ["ipaexm.ttf", "ipaexg.ttf", "ipam.ttf", "ipag.ttf"]
LATIN_CANDIDATES = [("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf")]
# TrueType (glyf) only: reportlab cannot embed CFF-flavoured OpenType.
FALLBACK_CANDIDATES = ["DejaVuSans.ttf", "NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf",
                       "NotoSansHebrew-Regular.ttf", "NotoSansThai-Regular.ttf",
                       "NotoSansDevanagari-Regular.ttf", "NotoSansArmenian-Regular.ttf",
                       "NotoSansGeorgian-Regular.ttf", "NotoSansSymbols-Regular.ttf",
                       "NotoSansSymbols2-Regular.ttf", "NanumGothic.ttf", "unifont.ttf"]


def _find(name: str) -> Path | None:
    for d in FONT_DIRS:
        try:  # a font directory this user may not read (another user's home) is skipped
            if d.is_dir():
                for p in sorted(d.rglob(name)):
                    return p
        except OSError:
            continue
    return None


@dataclass(frozen=True)
class FontSet:
    latin: str
    latin_bold: str
    latin_italic: str
    ja: str
    fallbacks: tuple[str, ...] = ()  # further faces, tried in order for what these lack


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
    # the fallbacks are parsed when a character first needs one (_glyphs): most briefs
    # never do, and parsing them cost a third of a small build's PDF
    found = [p for p in map(_find, FALLBACK_CANDIDATES) if p is not None]
    fallbacks = [f"BriefFallback{i}" for i in range(len(found))]
    _PENDING.update(zip(fallbacks, found, strict=True))
    return FontSet("BriefLatin", "BriefLatin-Bold", "BriefLatin-Italic", "BriefJA",
                   tuple(fallbacks))


_PENDING: dict[str, Path] = {}  # fallback faces found, not yet parsed (see `register`)
_UNUSABLE: set[str] = set()  # fallback faces reportlab could not parse: no glyphs


def _glyphs(font: str) -> dict[int, int]:
    """The font's character map (code point -> glyph), a fallback registered first if it
    has not been yet; an unusable fallback has none (skipped, not fatal)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = _PENDING.pop(font, None)
    if path is not None:
        try:
            pdfmetrics.registerFont(TTFont(font, str(path)))
        except Exception:  # noqa: BLE001 - reportlab raises plain errors for bad fonts
            _UNUSABLE.add(font)
    if font in _UNUSABLE:
        return {}
    cmap: dict[int, int] = pdfmetrics.getFont(font).face.charToGlyph
    return cmap


def _font_for(ch: str, chain: list[str] | tuple[str, ...]) -> str | None:
    """The first font of CHAIN with a glyph for CH (whitespace: the first), else None."""
    if ch.isspace():
        return chain[0]
    return next((f for f in chain if ord(ch) in _glyphs(f)), None)


class _FontOf(dict[str, str]):
    """Each character's font in one chain, looked up once per character and process (a
    brief draws a few thousand distinct characters, millions of times): a character no font
    has maps to the chain's first font and is kept in `missing`."""

    def __init__(self, chain: tuple[str, ...]) -> None:
        super().__init__()
        self.chain = chain
        self.missing: set[str] = set()

    def __missing__(self, ch: str) -> str:
        font = _font_for(ch, self.chain)
        if font is None:
            self.missing.add(ch)
            font = self.chain[0]
        self[ch] = font
        return font


@lru_cache(maxsize=64)
def _font_of(chain: tuple[str, ...]) -> _FontOf:
    """The character -> font map of CHAIN (fonts are registered once per process, so a
    chain's answers never change)."""
    return _FontOf(chain)


def coverage(texts: list[str], fonts: FontSet) -> tuple[int, int]:
    """(characters drawn with a fallback face, characters replaced by a mark) in TEXTS."""
    font_of = _font_of((fonts.latin, fonts.ja, *fonts.fallbacks))
    main = {fonts.latin, fonts.ja}
    fallback = replaced = 0
    for ch, n in Counter(ch for text in texts for ch in text).items():
        if font_of[ch] in main and ch not in font_of.missing:
            continue
        if ch in font_of.missing:
            replaced += n
        else:
            fallback += n
    return fallback, replaced


def replacement(ch: str) -> str:
    """The visible mark for a character no installed font can draw."""
    return f"[U+{ord(ch):04X}]"


def markup(text: str, fonts: FontSet, base: str | None = None) -> str:
    """Paragraph markup with each character run in a font that has its glyphs.

    Characters no installed font covers become a visible [U+XXXX] in the base face (counted
    by `coverage` for the build summary), so nothing renders as tofu or stops the build.
    """
    base = base or fonts.latin
    font_of = _font_of((base, fonts.ja, *fonts.fallbacks))
    out: list[str] = []
    for font, chars in groupby(text, font_of.__getitem__):
        run = "".join(chars)
        if font == base and font_of.missing and not font_of.missing.isdisjoint(run):
            run = "".join(replacement(ch) if ch in font_of.missing else ch for ch in run)
        out.append(_wrap(run, font, base))
    return "".join(out)


def _wrap(run: str, font: str, base: str) -> str:
    return rl_text(run) if font == base else f'<font name="{font}">{rl_text(run)}</font>'


def draw_line(canvas: object, x: float, y: float, text: str, fonts: FontSet, base: str,
              size: float, width: float) -> None:
    """TEXT drawn on one line from (X, Y) on CANVAS (a running head, a footer), each run in
    a font that has its glyphs (the same fallback as `markup`), cut with an ellipsis to
    WIDTH: a Japanese title drawn in a Latin face was tofu."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font_of = _font_of((base, fonts.ja, *fonts.fallbacks))
    runs = [(font, "".join(replacement(ch) if ch in font_of.missing else ch for ch in chars))
            for font, chars in groupby(text, font_of.__getitem__)]
    total = sum(stringWidth(t, f, size) for f, t in runs)
    while runs and total > width:  # cut the last run a character at a time, then add …
        font, t = runs[-1]
        runs[-1] = (font, t[:-2] + "…") if len(t) > 2 else runs.pop()
        total = sum(stringWidth(t, f, size) for f, t in runs)
    for font, t in runs:
        canvas.setFont(font, size)  # type: ignore[attr-defined]
        canvas.drawString(x, y, t)  # type: ignore[attr-defined]
        x += stringWidth(t, font, size)
