"""Who creates the risk: one side says the other's approach could cause an accidental
collision (偶発的な衝突を誘発する可能性), the other that the first side's own surveillance
is the root of the risk (接近偵察がリスクの根源). Two outlets' sentences that lay the same
risk at opposite doors; each is a party's claim, which the entry says.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, distinct_outlets, passage_claim
from brief.model import Conflict, Passage

_CAUSES = re.compile(r"偶発的な?衝突を(?:誘発|招|引き起こ)|偶発的な?衝突につなが|"
                     r"偶発的な?衝突の(?:おそれ|恐れ)")
_ROOT = re.compile(r"(?:リスク|危険|緊張)の(?:根源|元凶|原因)|(?:リスク|危険)をもたらしている")


def detect(ev: Evidence) -> list[Conflict]:
    causes: list[Passage] = []
    root: list[Passage] = []
    for p in ev.passages:
        if p.kind in ("sentence", "list", "quote", "heading"):
            if _ROOT.search(p.text):
                root.append(p)
            elif _CAUSES.search(p.text) and p.kind != "heading":
                causes.append(p)
    causes = [p for p in causes if not distinct_outlets(ev, [p]) & distinct_outlets(ev, root)]
    root = [p for p in root if p.kind != "heading"] or root  # a headline only if alone
    if not causes or not root:
        return []
    return [Conflict("", "Who creates the risk", [
        passage_claim("the approach could cause an accidental collision", causes),
        passage_claim("the other side's surveillance is the root of the risk", root)],
        kind="attribution", note="Each is one party's claim about the other, not a finding")]
