"""How a government answered the same incident: one outlet says it protested (抗議した),
others that it expressed concern and asked for no recurrence (懸念を表明, 再発防止を申し入れ).
A protest is a stronger diplomatic act than concern; an outlet reporting both is on neither
side. The sentences must share what they are about (a 「」 name or a code such as J15).
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, names_of, passage_claim
from brief.model import Conflict, Passage

RESPONSES = (
    ("protested", re.compile(r"(?<!に)抗議(?:した|し、|しました|を行|を申し入|する声明)")),
    ("expressed concern", re.compile(r"懸念を(?:表明|伝え|示し)|"
                                     r"再発防止を(?:厳重に)?(?:申し入れ|求め)")),
)
_CODE = re.compile(r"[A-Z]{1,3}-?\d{1,3}[A-Z]?")


def _topics(text: str) -> set[str]:
    return set(names_of(text)) | {c.replace("-", "") for c in _CODE.findall(text)}


def detect(ev: Evidence) -> list[Conflict]:
    said: dict[str, dict[str, list[Passage]]] = {}  # response -> outlet -> sentences
    for p in ev.passages:
        if p.kind not in ("sentence", "list"):
            continue
        for name, pattern in RESPONSES:
            if pattern.search(p.text):
                said.setdefault(name, {}).setdefault(ev.outlet(p.source_id), []).append(p)
    if len(said) < 2:
        return []
    (a, by_a), (b, by_b) = (RESPONSES[0][0], said[RESPONSES[0][0]]), \
        (RESPONSES[1][0], said[RESPONSES[1][0]])
    only_a = {o: ps for o, ps in by_a.items() if o not in by_b}
    only_b = {o: ps for o, ps in by_b.items() if o not in by_a}
    side_a = [p for ps in only_a.values() for p in ps]
    side_b = [p for ps in only_b.values() for p in ps
              if any(_topics(p.text) & _topics(q.text) for q in side_a)]
    side_a = [p for p in side_a if any(_topics(p.text) & _topics(q.text) for q in side_b)]
    if not side_a or not side_b:
        return []
    return [Conflict("", "How the government responded to the incident: a protest or "
                         "concern", [passage_claim(b, side_b), passage_claim(a, side_a)],
                     kind="attribution")]
