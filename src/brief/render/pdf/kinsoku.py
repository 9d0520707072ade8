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

from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import (
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ

# Closing brackets and punctuation, small kana, iteration and long-vowel marks.
CANNOT_START = set(
    "!),.:;?]}¢°’”‰′″℃、。々〉》」』】〕〗〙〟ゝゞ゠・ヽヾーァィゥェォッャュョヮヵヶ"
    "ぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ！）％，．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰ゛゜"
)
HANGING = set("、。，．､｡")  # may hang in the right margin rather than move down
CANNOT_END = set("([{£¥‘“〈《「『【〔〖〘〝（［｛｢＄￥＃")


def _joined(a: str, b: str) -> bool:
    """A Latin word or a number continues from A to B: no break between them."""
    if not a or not b or a.isspace() or b.isspace():
        return False
    return ord(a) < 0x2E80 and ord(b) < 0x2E80 and not (a in "-–—/" and b.isalpha())


def _can_break(u: list[str], b: int) -> bool:
    """Whether a line may end before U[b]."""
    before, after = u[b - 1], u[b]
    return not (after in CANNOT_START or before in CANNOT_END or _joined(before, after))


def kinsoku_split(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> ParaLines:
    """reportlab's cjkFragSplit with the rules above."""
    chars: list[Any] = []
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        chars.extend([cjkU(t, f, "utf8") for t in text] if text else [cjkU(text, f, "utf8")])
    widths = []
    for u in chars:
        w = u.width
        widths.append(w.normalizedValue(max_widths[0]) if hasattr(w, "normalizedValue") else w)
    lines: list[Any] = []
    start, n = 0, len(chars)
    while start < n:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        used, i, line_break = 0.0, start, False
        while i < n:
            used += widths[i]
            i += 1
            if hasattr(chars[i - 1].frag, "lineBreak"):
                line_break = True
                break
            if used > max_width + _FUZZ:
                i -= 1  # chars[i] is the first that does not fit
                break
        b = i
        if not line_break and b < n:
            if (b > start + 1 and chars[b] in HANGING and chars[b - 1] not in CANNOT_END
                    and (b + 1 == n or chars[b + 1] not in CANNOT_START)):
                b += 1  # a stop or comma hangs in the margin (one mark, never 。」)
            else:
                limit = start + 1  # back up as far as the line's start if need be
                k = b
                while k > limit and not _can_break(chars, k):
                    k -= 1
                if k > limit or _can_break(chars, k):
                    b = k
                else:  # a word longer than a line: cut it, but not before a stop
                    b = next((j for j in range(b, start, -1) if chars[j] not in CANNOT_START
                              and chars[j - 1] not in CANNOT_END), b)
            b = max(b, start + 1)
        text_end = b
        while text_end > start + 1 and chars[text_end - 1].isspace():
            text_end -= 1  # a space at a line's end takes no room
        width = sum(widths[start:text_end])
        lines.append(makeCJKParaLine(chars[start:text_end], max_width, width, max_width - width,
                                     line_break, calc_bounds))
        start = b
        while start < n and chars[start].isspace() and not line_break:
            start += 1  # nor does one at the next line's start
    return ParaLines(kind=1, lines=lines)


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
        if not self.frags:
            style = self.style
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return kinsoku_split(self.frags, maxWidths, auto not in ("", "off"))
