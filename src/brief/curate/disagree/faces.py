"""Who faces the crisis: one outlet says Japan faces a severe rice shortage, another that
the shortage is the one the US faces (米国が直面している大規模な米不足). The same shortage or
crisis (a noun ending 不足 or 危機, 米 and コメ one word) attributed to different countries
by different outlets is the disagreement.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, distinct_outlets, passage_claim
from brief.model import Conflict, Passage

_WHO = r"(?P<who>日本|米国|アメリカ|中国|韓国|英国|欧州|台湾|ロシア|インド)"
_WHAT = r"(?P<what>[\u4e00-\u9fff\u30a1-\u30faー]{1,6}?(?:不足|危機|難))"
_FACES = (re.compile(_WHO + r"(?:は|が)[^。「」]{0,12}?" + _WHAT + r"に直面"),
          re.compile(_WHO + r"(?:が|の)直面している[^。「」]{0,8}?" + _WHAT))
_SAME = {"アメリカ": "米国", "コメ": "米", "お米": "米"}


def _norm(word: str) -> str:
    for a, b in _SAME.items():
        word = word.replace(a, b)
    return re.sub(r"^(?:深刻な|大規模な|大幅な)", "", word)


def detect(ev: Evidence) -> list[Conflict]:
    said: dict[str, dict[str, list[Passage]]] = {}  # crisis -> who -> sentences
    for p in ev.passages:
        if p.kind in ("sentence", "list"):
            for pattern in _FACES:
                for m in pattern.finditer(p.text):
                    said.setdefault(_norm(m["what"]), {}).setdefault(
                        _norm(m["who"]), []).append(p)
    out = []
    for what, by_who in sorted(said.items()):
        if len(by_who) < 2:
            continue
        sides = sorted(by_who.items(), key=lambda kv: -len(distinct_outlets(ev, kv[1])))
        outlets = [distinct_outlets(ev, ps) for _w, ps in sides]
        if any(a & b for i, a in enumerate(outlets) for b in outlets[i + 1:]):
            continue  # one outlet naming two countries: it compares them, not disputes
        out.append(Conflict("", f"Who faces the {what}", [passage_claim(f"{who} faces it", ps)
                                                          for who, ps in sides],
                            kind="attribute"))
    return out
