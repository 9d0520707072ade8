"""Line breaking for mixed Japanese and English text by the standard rules (kinsoku shori).

reportlab's CJK wrapping (`wordWrap="CJK"`) cuts between any two characters and only hangs a
single closing mark, so lines start with 」 or ー, end with 「, and split numbers ("20 | 25年度").
`Para` is a Paragraph that breaks lines so that (JIS X 4051 / W3C JLReq, the common subset):
- no line starts with closing brackets, 。、 and the like, small kana or the long-vowel mark
  (a lone 。 or 、 hangs in the right margin instead, as Japanese typesetting does);
- no line ends with an opening bracket;
- Latin words and numbers (2025, 1.5, $550) are never split, and English wraps at spaces.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import (
    FragLine,
    ParaLines,
    _handleBulletWidth,
    imgNormV,
    imgVRange,
    sameFrag,
)
from reportlab.rl_config import _FUZZ

# Closing brackets and punctuation, small kana, iteration and long-vowel marks.
CANNOT_START = set(
    "!),.:;?]}¢°’”‰′″℃、。々〉》」』】〕〗〙〟ゝゞ゠・ヽヾーァィゥェォッャュョヮヵヶ"
    "ぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ！）％，．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰ゛゜"
)
HANGING = set("、。，．､｡")  # may hang in the right margin rather than move down
CANNOT_END = set("([{£¥‘“〈《「『【〔〖〘〝（［｛｢＄￥＃")


UNITS = set("年月日時分秒円兆億万千百人件回倍個台社国度割％%")  # a number's counter or unit


def _joined(a: str, b: str) -> bool:
    """A Latin word or a number continues from A to B: no break between them, nor between
    a number and its unit (2025年, 5兆円), nor at a no-break space (¥84 trillion)."""
    if not a or not b:
        return False
    if a == "\u00a0" or b == "\u00a0" or (a.isdigit() and b in UNITS):
        return True
    if a.isspace() or b.isspace():
        return False
    return ord(a) < 0x2E80 and ord(b) < 0x2E80 and not (a in "-–—/" and b.isalpha())


def _can_break(u: list[str], b: int) -> bool:
    """Whether a line may end before U[b]."""
    before, after = u[b - 1], u[b]
    return not (after in CANNOT_START or before in CANNOT_END or _joined(before, after))


class _Widths(dict[str, float]):
    """Each character's advance in one font and size, measured once per process (a brief
    measures a few thousand distinct characters millions of times)."""

    def __init__(self, font: str, size: float) -> None:
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, ch: str) -> float:
        width: float = stringWidth(ch, self.font, self.size)
        self[ch] = width
        return width


@lru_cache(maxsize=256)
def _widths(font: str, size: float) -> _Widths:
    return _Widths(font, size)


def kinsoku_split(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> ParaLines:
    """reportlab's cjkFragSplit with the rules above, in time linear in the text: the same
    lines, measured and grouped as cjkFragSplit and makeCJKParaLine do, but from plain
    characters with cached widths rather than an object per character."""
    chars, owner, widths = _characters(frags, max_widths)
    breaks_after = [hasattr(f, "lineBreak") for f in frags]
    raised = [getattr(frags[k], "rise", 0) > 0 for k in owner]  # a note mark, MT?
    lines: list[Any] = []
    start, n = 0, len(chars)
    while start < n:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        used, i, line_break = 0.0, start, False
        while i < n:
            used += widths[i]
            i += 1
            if breaks_after[owner[i - 1]]:
                line_break = True
                break
            if used > max_width + _FUZZ:
                i -= 1  # chars[i] is the first that does not fit
                break
        b = i if line_break or i >= n else _break_before(chars, raised, start, i)
        text_end = b
        while text_end > start + 1 and chars[text_end - 1].isspace():
            text_end -= 1  # a space at a line's end takes no room
        width = sum(widths[start:text_end])
        lines.append(_line(frags, chars, owner, start, text_end, max_width, width,
                           max_width - width, line_break, calc_bounds))
        start = b
        while start < n and chars[start].isspace() and not line_break:
            start += 1  # nor does one at the next line's start
    return ParaLines(kind=1, lines=lines)


def _characters(frags: list[Any], max_widths: list[float]
                ) -> tuple[list[str], list[int], list[float]]:
    """Each character of FRAGS ('' for a frag without text, an anchor), the frag it comes
    from, and its width."""
    chars: list[str] = []
    owner: list[int] = []
    widths: list[float] = []
    for k, f in enumerate(frags):
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        units = list(text) if text else [text]
        chars.extend(units)
        owner.extend([k] * len(units))
        if hasattr(f, "cbDefn"):
            w = getattr(f.cbDefn, "width", 0)
            w = w.normalizedValue(max_widths[0]) if hasattr(w, "normalizedValue") else w
            widths.extend([w] * len(units))
        else:
            measure = _widths(f.fontName, f.fontSize)
            widths.extend([measure[u] for u in units])
    return chars, owner, widths


def _break_before(chars: list[str], raised: list[bool], start: int, b: int) -> int:
    """Where a line from START breaks when chars[B] is the first that does not fit: a stop or
    comma may hang in the margin, else back up to a place the rules allow, else cut a word
    longer than the line (but not before a stop)."""
    def can(k: int) -> bool:
        """A break before chars[k]: never before a superscript mark that follows text,
        which would wrap alone to the next line."""
        return _can_break(chars, k) and not (raised[k] and not chars[k - 1].isspace())

    n = len(chars)
    if (b > start + 1 and chars[b] in HANGING and chars[b - 1] not in CANNOT_END
            and (b + 1 == n or chars[b + 1] not in CANNOT_START and not raised[b + 1])):
        return b + 1  # a stop or comma hangs in the margin (one mark, never 。」)
    limit = start + 1  # back up as far as the line's start if need be
    k = b
    while k > limit and not can(k):
        k -= 1
    if k > limit or can(k):
        return max(k, start + 1)
    b = next((j for j in range(b, start, -1) if chars[j] not in CANNOT_START
              and chars[j - 1] not in CANNOT_END), b)
    return max(b, start + 1)


def _line(frags: list[Any], chars: list[str], owner: list[int], start: int, end: int,
          max_width: float, width_used: float, extra_space: float, line_break: bool,
          calc_bounds: bool) -> Any:  # noqa: ANN401 - reportlab's FragLine
    """reportlab's makeCJKParaLine for CHARS[START:END], a run of characters of one frag at
    a time instead of one character at a time: the same words, sizes and bounds."""
    words: list[Any] = []
    cw: list[str] = []
    f0 = FragLine()
    max_size = max_ascent = min_descent = 0
    i = start
    while i < end:
        k = owner[i]
        f = frags[k]
        j = i + 1
        # reportlab never joins the characters of an anchor, image or line break frag
        if not (hasattr(f, "cbDefn") or hasattr(f, "lineBreak")):
            while j < end and owner[j] == k:
                j += 1
        font_size = f.fontSize
        cb: Any = getattr(f, "cbDefn", None) if calc_bounds else None
        if getattr(cb, "width", 0):
            descent, ascent = imgVRange(imgNormV(cb.height, font_size), cb.valign, font_size)
        else:
            ascent, descent = getAscentDescent(f.fontName, font_size)
        max_size = max(max_size, font_size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        if not sameFrag(f0, f):
            f0 = f0.clone()
            f0.text = "".join(cw)
            words.append(f0)
            cw = []
            f0 = f
        cw.append("".join(chars[i:j]))
        i = j
    if cw:
        f0 = f0.clone()
        f0.text = "".join(cw)
        words.append(f0)
    return FragLine(kind=1, extraSpace=extra_space, wordCount=1, words=words[1:],
                    fontSize=max_size, ascent=max_ascent, descent=min_descent,
                    maxWidth=max_width, currentWidth=width_used, lineBreak=line_break)


LONG_REST = 100  # lines: the rest of a split paragraph kept as broken, not broken again


class Para(Paragraph):
    """A Paragraph whose lines break by the Japanese rules, English at spaces."""

    def __init__(self, text: str, style: Any, *args: Any, **kw: Any) -> None:  # noqa: ANN401
        if style.wordWrap != "CJK":
            style = style.clone(style.name, wordWrap="CJK")
        super().__init__(text, style, *args, **kw)

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803, ANN401 - reportlab's
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        rest = self.__dict__.get("_brief_rest")
        if rest is not None and all(w == rest[0] for w in maxWidths):
            return rest[1]  # the rest of a long paragraph split between pages (see split)
        if not self.frags:
            style = self.style
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        # A paragraph is wrapped again each time its point is tried on a page and when it
        # is drawn, always at the same widths: its lines are broken once per widths.
        key = (tuple(maxWidths), auto not in ("", "off"))
        kept = self.__dict__.get("_brief_lines")
        if kept is not None and kept[0] == key:
            return kept[1]
        lines = kinsoku_split(self.frags, maxWidths, key[1])
        self._brief_lines = (key, lines)
        return lines

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """reportlab's split, the second part keeping the lines already broken when it is
        long: reportlab breaks a split paragraph's rest into lines again, each page, which
        made a paragraph or table cell of 100,000 characters take minutes (quadratic in
        its length). Its lines are the same (the same widths, greedy from the same place);
        a rest shorter than LONG_REST lines is broken again, as before."""
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) != 2 or not isinstance(parts[1], Para):
            return parts
        lines = self.blPara.lines
        rest = lines[len(parts[0].blPara.lines):]
        if len(rest) > LONG_REST and self.blPara.kind == 1:
            width = rest[0].maxWidth
            if all(line.maxWidth == width for line in rest):
                parts[1]._brief_rest = (width, ParaLines(kind=1, lines=rest))
        return parts
