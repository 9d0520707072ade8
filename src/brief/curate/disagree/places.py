"""Where a named thing was, measured from a landmark: 'about 300 km south-west of the
island' in one outlet, 'about 260 km north-west of it' in another. Both sentences name the
same landmark and the same vessel or actor; a direction or a distance beyond rounding that
differs is the disagreement. Different landmarks never pair.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, names_of, passage_claim
from brief.model import Conflict, Passage

_DIR = (r"(?P<dir>北北東|北北西|南南東|南南西|東北東|東南東|西北西|西南西|北東|北西|南東|南西|"
        r"東|西|南|北)")
_MARK = r"(?P<mark>[\u4e00-\u9fff\u30a1-\u30faー]{1,8}?(?:島|諸島|岬|半島))"
_KM = r"約?(?P<km>\d+(?:,\d{3})*)(?:キロ|km)"
_AT = (re.compile(rf"{_MARK}(?:の|から)?{_DIR}(?:方向?)?(?:の)?{_KM}"),
       re.compile(rf"{_MARK}(?:の|から){_KM}(?:メートル)?(?:の)?{_DIR}"))
_PAREN = re.compile(r"[(（][^()（）]{0,20}[)）]")
ROUNDING = 0.15  # two 'about' distances within 15% are one position


def positions(text: str) -> list[tuple[str, str, int]]:
    """(landmark, direction, km) for each position the sentence gives."""
    plain = _PAREN.sub("", text)
    return [(m["mark"], m["dir"], int(m["km"].replace(",", "")))
            for pattern in _AT for m in pattern.finditer(plain)]


def _about_same(a: Passage, b: Passage) -> bool:
    """The two sentences name one thing: a 「」 name of one appears in the other."""
    return any(n in b.text for n in names_of(a.text)) or \
        any(n in a.text for n in names_of(b.text))


def detect(ev: Evidence) -> list[Conflict]:
    by_mark: dict[str, list[tuple[str, int, Passage]]] = {}
    for p in ev.passages:
        if p.kind in ("sentence", "list"):
            for mark, d, km in positions(p.text):
                by_mark.setdefault(mark, []).append((d, km, p))
    out = []
    for mark, found in by_mark.items():
        sides: list[tuple[str, int, list[Passage]]] = []  # one per position
        for d, km, p in found:
            side = next((s for s in sides if s[0] == d
                         and abs(s[1] - km) <= ROUNDING * max(s[1], km)), None)
            if side is None:
                sides.append((d, km, [p]))
            else:
                side[2].append(p)
        sides = [s for s in sides if any(_about_same(p, q) for t in sides if t is not s
                                         for p in s[2] for q in t[2])]
        if len(sides) < 2 or len({ev.outlet(p.source_id) for s in sides for p in s[2]}) < 2:
            continue
        out.append(Conflict("", f"Where it was, from {mark}: sources give different positions",
                            [passage_claim(f"about {km} km {d} of {mark}", ps)
                             for d, km, ps in sides], kind="place"))
    return out
