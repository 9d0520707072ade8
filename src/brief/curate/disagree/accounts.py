"""Two parties' accounts of one act: the report says the leader called for talks on it
(協議を呼びかけた), the other side's spokesman, quoted, says no concrete talks took place
(「具体的な協議はしなかった」). A quoted denial of an act (the same verbal noun) that another
sentence reports as proposed or done: even in one article, the analyst must see both
accounts, and that both can be partly true (it was raised; it was not negotiated).
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, passage_claim
from brief.model import Conflict, Passage

_DENIED = re.compile(r"「[^「」]*?(?:具体的(?:な|に)(?:は)?)?(?P<act>[\u4e00-\u9fff]{2})"
                     r"(?:は|を|も)?(?:しなかった|していない|しておらず|しませんでした|していません)"
                     r"[^「」]*」")
_RAISED = r"(?:を|に向けた)?[^。、]{0,4}?(?:を)?(?:呼びかけ|求め|要請|提案|申し入れ)"


def detect(ev: Evidence) -> list[Conflict]:
    out = []
    for p in ev.passages:
        if p.kind not in ("sentence", "list"):
            continue
        for m in _DENIED.finditer(p.text):
            act = m["act"]
            raised = re.compile(re.escape(act) + _RAISED)
            yes = [q for q in ev.passages if q is not p and q.kind in ("sentence", "list")
                   and raised.search(q.text) and not _DENIED.search(q.text)]
            if not yes:
                continue
            denials = [q for q in ev.passages if q.kind in ("sentence", "list")
                       and any(d["act"] == act for d in _DENIED.finditer(q.text))]
            out.append(Conflict("", f"Accounts differ on the {act}: raised, or not discussed",
                                [passage_claim("raised or proposed", yes),
                                 passage_claim("not discussed (the other side's account)",
                                               _order(denials))],
                                kind="modality",
                                note="Both can be partly true: it was raised, but not "
                                     "negotiated in substance"))
            return out  # one such entry per act is enough
    return out


def _order(ps: list[Passage]) -> list[Passage]:
    return sorted(ps, key=lambda p: (p.source_id, p.index))
