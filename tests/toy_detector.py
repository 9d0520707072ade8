"""A disagreement detector written as ARCHITECTURE.md's recipe says: this module plus one line
in curate.disagree.DETECTORS (tests/test_disagree.py adds the line). It finds two outlets
giving the same building's roof different colours, and pairs nothing else."""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence
from brief.model import Citation, Claim, Conflict

_ROOF = re.compile(r"(?P<what>[^\s、。]{1,8})の屋根は(?P<colour>赤|青|緑)")
COLOURS = {"赤": "red", "青": "blue", "緑": "green"}


def detect(ev: Evidence) -> list[Conflict]:
    said: dict[str, dict[str, list[Citation]]] = {}  # building -> colour -> citations
    for p in ev.passages:
        for m in _ROOF.finditer(p.text):
            said.setdefault(m["what"], {}).setdefault(m["colour"], []).append(Citation.of(p))
    return [Conflict("", f"the colour of the roof of {what}",
                     [Claim(COLOURS[c], cites[0].ja, cites) for c, cites in sorted(by.items())],
                     kind="attribute")
            for what, by in sorted(said.items()) if len(by) > 1]
