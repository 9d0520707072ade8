"""Inside or outside a zone: one outlet says the aircraft flew after the ships had left the
EEZ (EEZを出た後、…発着艦), another that they flew inside it (EEZ内で…発着艦). The same
activity (a verbal noun both sentences name: flights, drills, a missile's fall) placed inside
a zone by one outlet and outside it by another is the disagreement; a side said only as a
possibility (EEZ内に落下した可能性) says so.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, passage_claim
from brief.model import Conflict, Passage

_ZONE = r"(?P<z>EEZ|排他的経済水域|領海|領空|接続水域|防空識別圏)"
_IN = re.compile(_ZONE + r"(?:\([A-Z]+\))?(?:内|の中|に(?:進入|侵入|入っ))")
_OUT = re.compile(_ZONE + r"(?:\([A-Z]+\))?(?:外|の外|を出た後|を出て|から出た)")
_ACTS = ("発着艦", "離着陸", "飛行", "航行", "訓練", "演習", "射撃", "落下", "着弾")
# said as a possibility only (落下した可能性がある): the side says so
_MAYBE = re.compile(r"可能性|恐れ|おそれ|かもしれ")


def _side(where: str, ps: list[Passage]) -> str:
    """The side's words: 'inside the EEZ', with '(possibly)' when its sentence only says it
    may be so."""
    return f"{where} (possibly)" if all(_MAYBE.search(p.text) for p in ps) else where


def _zone(m: re.Match[str] | None) -> str:
    """The zone a match names, one name for each (排他的経済水域 is the EEZ)."""
    return "" if m is None else {"排他的経済水域": "EEZ"}.get(m["z"], m["z"])


def _acts(text: str) -> set[str]:
    return {a for a in _ACTS if a in text}


def detect(ev: Evidence) -> list[Conflict]:
    nxt = {(p.source_id, p.index - 1): p.text for p in ev.passages}
    inside: list[Passage] = []
    outside: list[Passage] = []
    for p in ev.passages:
        if p.kind in ("sentence", "list"):
            if _OUT.search(p.text):
                outside.append(p)
            elif _IN.search(p.text):
                inside.append(p)
    for p in outside:
        zone = _zone(_OUT.search(p.text))
        # what was done there may be said in the next sentence (…EEZ内で確認され。発着艦を実施)
        ins = [q for q in inside if _zone(_IN.search(q.text)) == zone
               and _acts(p.text) & _acts(q.text + nxt.get((q.source_id, q.index), ""))
               and ev.outlet(q.source_id) != ev.outlet(p.source_id)]
        ins.sort(key=lambda q: not _acts(p.text) & _acts(q.text))  # naming it in itself first
        if ins:
            acts = "/".join(sorted(_acts(p.text)))
            # every outlet that places the same activity outside: one side, citing each
            far = {ev.outlet(q.source_id) for q in ins}
            outs = [q for q in outside if _zone(_OUT.search(q.text)) == zone and
                    _acts(q.text) & _acts(p.text) and ev.outlet(q.source_id) not in far]
            return [Conflict("", f"Where the activity ({acts}) took place: inside or outside "
                                 f"the {zone}",
                             [passage_claim(_side(f"outside the {zone}", outs), outs),
                              passage_claim(_side(f"inside the {zone}", ins), ins)],
                             kind="place")]
    return []
