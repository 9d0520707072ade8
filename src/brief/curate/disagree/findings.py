"""Whether something was found: one outlet says no such thing has been confirmed (危険な行動は
確認されていません), others that it was (危険な飛行を確認した). The two must name the same
kind of thing (a content word in common). Often one report predates the finding: the entry
says so, since both can then be true at their own times.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, distinct_outlets, passage_claim
from brief.model import Conflict, Passage

_NONE = re.compile(r"(?P<x>[^、。「」]{2,14}?)(?:は|も)(?:現時点では|これまで)?"
                   r"確認されて(?:いない|いません|おらず)")
_FOUND = re.compile(r"(?P<x>[^、。「」]{2,14}?)(?:を|が)"
                    r"確認(?:した|された|しました|されました|され、|し、)")
_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|[\u30a1-\u30faー]{3,}")
_VAGUE = {"情報", "事実", "状況", "動き", "行動", "活動", "内容", "現時点", "これまで"}


def _words(x: str) -> set[str]:
    return {w for w in _WORD.findall(x)} - _VAGUE


def detect(ev: Evidence) -> list[Conflict]:
    none: list[tuple[set[str], Passage]] = []
    found: list[tuple[set[str], Passage]] = []
    for p in ev.passages:
        if p.kind not in ("sentence", "list"):
            continue
        none += [(_words(m["x"]), p) for m in _NONE.finditer(p.text)]
        found += [(_words(m["x"]), p) for m in _FOUND.finditer(p.text)]
    out = []
    for words, p in none:
        yes = [q for ws, q in found if ws & words]
        if not yes or distinct_outlets(ev, [p]) & distinct_outlets(ev, yes):
            continue
        out.append(Conflict("", "Whether it was confirmed: one source says not (so far)",
                            [passage_claim("confirmed", yes),
                             passage_claim("not confirmed (so far)", [p])], kind="modality",
                            note="Both can be true at their own times: a report that nothing "
                                 "was confirmed may predate the finding"))
        break
    return out
