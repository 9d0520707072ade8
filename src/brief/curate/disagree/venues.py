"""Where an occasion was held: one outlet says the dinner was at the residence (公邸で開かれた
夕食会), another at the office's first floor (官邸の1階で開かれた晩さん会). The same kind of
occasion (dinner, lunch, talks, ceremony, press conference) held at places neither of which
contains the other is the disagreement.
"""

from __future__ import annotations

import re

from brief.analyse.morphology import tokenize
from brief.curate.disagree.base import Evidence, distinct_outlets, passage_claim
from brief.model import Conflict, Passage

_OCCASIONS = {"夕食会": "dinner", "晩さん会": "dinner", "晩餐会": "dinner", "昼食会": "lunch",
               "式典": "ceremony", "記者会見": "press conference"}
_HELD = re.compile(r"(?P<venue>[\u4e00-\u9fff\u30a1-\u30faー]{2,10}(?:の?[0-9０-９]+階)?)"
                   r"(?:で|において)(?:開かれた|開催された|行われた|催された)[^。、]{0,10}?"
                   r"(?P<occ>" + "|".join(sorted(_OCCASIONS, key=len, reverse=True)) + ")"
                   r"(?!(?!後|前|中)[\u4e00-\u9fff\u30a1-\u30fa])")


def _area(venue: str) -> bool:
    """A city or region (東京, 大阪市): it contains a building, never contradicts one."""
    ms = list(tokenize(venue))
    return bool(ms) and all(m.part_of_speech()[2] == "地名" for m in ms)


def detect(ev: Evidence) -> list[Conflict]:
    held: dict[str, dict[str, list[Passage]]] = {}  # occasion -> venue -> sentences
    for p in ev.passages:
        if p.kind in ("sentence", "list"):
            for m in _HELD.finditer(p.text):
                if _area(m["venue"]):
                    continue
                held.setdefault(_OCCASIONS[m["occ"]], {}).setdefault(m["venue"], []).append(p)
    out = []
    for occ, by_venue in sorted(held.items()):
        venues = sorted(by_venue)
        apart = [(a, b) for i, a in enumerate(venues) for b in venues[i + 1:]
                 if a not in b and b not in a
                 and not distinct_outlets(ev, by_venue[a]) & distinct_outlets(ev, by_venue[b])]
        if len(apart) != 1:
            continue  # one clear pair, or none: several venues are several occasions
        a, b = apart[0]
        out.append(Conflict("", f"Where the {occ} was held", [passage_claim(a, by_venue[a]),
                                                              passage_claim(b, by_venue[b])],
                            kind="place"))
    return out
