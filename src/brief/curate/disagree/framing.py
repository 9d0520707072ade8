"""What the activity is: one side calls it routine training aimed at no country (定例の訓練,
特定の国を標的にしていない), the other a threat (脅威, 挑発, 威圧). Two characterisations of one
activity by different outlets' sentences; each is a party's claim, which the entry says.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, distinct_outlets, passage_claim
from brief.model import Conflict, Passage

_ROUTINE = re.compile(r"定例の訓練|年次計画|通常の訓練|恒例の訓練|"
                      r"特定の国(?:や地域)?を(?:標的|対象|念頭)に(?:した|して)?(?:もの)?(?:ではない|いない)")
_THREAT = re.compile(r"脅威|挑発|威圧")


def detect(ev: Evidence) -> list[Conflict]:
    routine: list[Passage] = []
    threat: list[Passage] = []
    for p in ev.passages:
        if p.kind not in ("sentence", "list", "quote"):
            continue
        if _ROUTINE.search(p.text):
            routine.append(p)
        elif _THREAT.search(p.text):
            threat.append(p)
    if not routine or not threat:
        return []
    threat = [p for p in threat if not distinct_outlets(ev, [p]) & distinct_outlets(ev, routine)]
    if not threat:
        return []
    return [Conflict("", "What the activity is: routine training, or a threat",
                     [passage_claim("routine, aimed at no country", routine),
                      passage_claim("a threat", threat)], kind="attribution",
                     note="Each is one party's characterisation, not a reported fact")]
