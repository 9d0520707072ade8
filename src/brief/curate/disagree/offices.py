"""A name for an office that contradicts every other source: one outlet says the prime
minister who met the visitor was 岸田, the others (two at least) say 石破. The sentences
must share another actor (the visitor), so two countries' prime ministers never pair, and
a former holder (岸田前首相, 元首相) is never one.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, distinct_outlets, passage_claim
from brief.model import Conflict, Passage

_HOLDER = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}|[\u30a1-\u30faー]{2,10})"
                     r"(?P<title>首相|総理大臣|総理|大統領)")
_NOT_NAMES = ("前", "元", "故", "新", "副", "両", "同", "歴代", "日本", "韓国", "米国", "中国")


def holders(text: str) -> list[tuple[str, str]]:
    """(office, surname) for each 'NAME + title' in TEXT (石破茂首相 -> (首相, 石破))."""
    out = []
    for m in _HOLDER.finditer(text):
        name = m["name"]
        if name.endswith(_NOT_NAMES) or name.startswith(_NOT_NAMES):
            continue
        office = "首相" if m["title"].startswith(("首相", "総理")) else "大統領"
        out.append((office, name[:2] if re.match(r"[\u4e00-\u9fff]", name) else name))
    return out


def detect(ev: Evidence) -> list[Conflict]:
    named: dict[tuple[str, str], list[Passage]] = {}
    for p in ev.passages:
        if p.kind in ("sentence", "list"):
            for key in holders(p.text):
                named.setdefault(key, []).append(p)
    out = []
    for (office, lone), ps in sorted(named.items()):
        if len(distinct_outlets(ev, ps)) != 1:
            continue
        mates = {n for o, n in holders(" ".join(p.text for p in ps)) if o != office}
        rivals = [(name, qs) for (o, name), qs in named.items()
                  if o == office and name != lone and len(distinct_outlets(ev, qs)) >= 2
                  and not distinct_outlets(ev, qs) & distinct_outlets(ev, ps)
                  and any(m in q.text for q in qs for m in mates)]
        if len(rivals) != 1:
            continue
        name, qs = rivals[0]
        out.append(Conflict("", f"Who held the office ({office}): one source names {lone}, "
                                f"every other names {name}",
                            [passage_claim(f"{name}{office}", qs),
                             passage_claim(f"{lone}{office}", ps)], kind="attribute"))
    return out
