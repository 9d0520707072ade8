"""Which way a visit went: every other outlet says the visitor came to Japan (来日, 訪日),
one says the same person visited Korea (訪韓した…). The direction is read next to the
person's name (訪韓した李在明, 李氏の来日); a direction only one outlet gives, against one
that two outlets or more give, is the disagreement.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, distinct_outlets, passage_claim
from brief.model import Conflict, Passage

_WAY = r"(?P<way>来日|訪日|訪韓|訪米|訪中|訪朝|訪露|来韓|来米)"
_NAME = r"(?P<name>[\u4e00-\u9fff]{1,4}|[\u30a1-\u30faー]{2,8})"
_BEFORE = re.compile(rf"{_WAY}(?:した|中の|している)(?:韓国の|米国の|中国の|日本の)?{_NAME}")
_AFTER = re.compile(rf"{_NAME}(?:大統領|首相|総理|氏|国家主席)(?:夫妻)?(?:は|が|の)"
                    rf"[^。]{{0,15}}?{_WAY}")
_TO = {"来日": "Japan", "訪日": "Japan", "訪韓": "Korea", "来韓": "Korea", "訪米": "the US",
       "来米": "the US", "訪中": "China", "訪朝": "North Korea", "訪露": "Russia"}


def visits(text: str) -> list[tuple[str, str]]:
    """(person key, where to) for each visit said next to a name."""
    out = []
    for pattern in (_BEFORE, _AFTER):
        for m in pattern.finditer(text):
            name = m["name"]
            key = name[:1] if re.match(r"[\u4e00-\u9fff]", name) and len(name) <= 3 else name[:2]
            out.append((key, _TO[m["way"]]))
    return out


def detect(ev: Evidence) -> list[Conflict]:
    said: dict[str, dict[str, list[Passage]]] = {}  # person -> destination -> sentences
    for p in ev.passages:
        if p.kind in ("sentence", "list"):
            for person, where in visits(p.text):
                said.setdefault(person, {}).setdefault(where, []).append(p)
    out = []
    for _person, by_way in sorted(said.items()):
        if len(by_way) != 2:
            continue
        (w1, p1), (w2, p2) = sorted(by_way.items(),
                                    key=lambda kv: -len(distinct_outlets(ev, kv[1])))
        many, lone = distinct_outlets(ev, p1), distinct_outlets(ev, p2)
        if len(many) < 2 or len(lone) != 1 or lone & many:
            continue
        out.append(Conflict("", f"Which way the visit went: to {w1} (most sources) or to {w2}",
                            [passage_claim(f"visited {w1}", p1),
                             passage_claim(f"visited {w2}", p2)], kind="attribute"))
    return out
