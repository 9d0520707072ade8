"""How many ships (or aircraft) a group had: 'the carrier and four escorts' is five, 'four
ships including the carrier' is four. A sentence's total is its 計N隻 / N隻の艦隊 / XなどN隻 /
Xを含むN隻, else a named vessel plus the counts listed with it (遼寧とミサイル駆逐艦2隻、
補給艦1隻 = 4). Two totals are of the same group when their sentences share a named vessel
or a landmark (an island) and name no vessel the other lacks; different totals from
different outlets are the disagreement.
"""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, names_of, passage_claim
from brief.model import Conflict, Passage

_TOTAL = re.compile(r"(?:計|合計|など|を含む|を含めた)約?(?P<n>\d+)(?P<u>隻|機)|"
                    r"(?P<n2>\d+)(?P<u2>隻|機)の(?:艦船|艦隊|編隊)")
_PART = re.compile(r"(?P<n>\d+)(?P<u>隻|機)")
_LANDMARK = re.compile(r"[\u4e00-\u9fff\u30a1-\u30faー]{1,6}?(?:島|諸島|海峡)")
_VESSEL = re.compile(r"(?:空母|艦)「(?P<v>[^「」]{1,8})」|"
                     r"(?P<w>[\u4e00-\u9fff]{2})(?=と[^。]{0,12}\d+隻)")


def total(text: str) -> tuple[int, str] | None:
    """(ships or aircraft in all, unit) a sentence gives for its group, None when unclear."""
    plain = re.sub(r"[(（][^()（）]{0,20}[)）]", "", text)
    m = _TOTAL.search(plain)
    if m:
        return int(m["n"] or m["n2"]), m["u"] or m["u2"]
    vessel = _VESSEL.search(plain)
    if vessel is None:
        return None
    rest = plain[vessel.end():]
    parts: list[tuple[int, int, str]] = []
    for p in _PART.finditer(rest):
        between = rest[parts[-1][1]:p.start()] if parts else rest[:p.start()]
        if parts and not re.fullmatch(r"[、・と]?[\u4e00-\u9fff\u30a1-\u30faー]{0,12}", between):
            break
        parts.append((int(p["n"]), p.end(), p["u"]))
    return (1 + sum(n for n, _e, _u in parts), parts[0][2]) if parts else None


def _keys(text: str) -> tuple[set[str], set[str]]:
    vessels = {n for n in names_of(text) if len(n) <= 6}
    vessels |= {m["w"] for m in _VESSEL.finditer(text) if m["w"]}
    return vessels, set(_LANDMARK.findall(text))


def _near(a: set[str], b: set[str]) -> bool:
    """One landmark in both (南鳥島 and 東京都南鳥島)."""
    return any(x in y or y in x for x in a for y in b)


def detect(ev: Evidence) -> list[Conflict]:
    found: list[tuple[int, str, set[str], set[str], Passage]] = []
    for p in ev.passages:
        if p.kind in ("sentence", "list") and (t := total(p.text)):
            vessels, marks = _keys(p.text)
            found.append((t[0], t[1], vessels, marks, p))
    out = []
    for i, (n, unit, vs, ms, p) in enumerate(found):
        same = [(m, q) for m, u, ws, ns, q in found[i + 1:]
                if u == unit and (vs & ws or _near(ms, ns)) and not (vs - ws and ws - vs)]
        if not same:
            continue
        sides: dict[int, list[Passage]] = {n: [p]}
        for m, q in same:
            sides.setdefault(m, []).append(q)
        outlets = [{ev.outlet(x.source_id) for x in ps} for ps in sides.values()]
        if len(sides) < 2 or any(a & b for j, a in enumerate(outlets) for b in outlets[j + 1:]):
            continue
        what = "ships" if unit == "隻" else "aircraft"
        out.append(Conflict("", f"How many {what} the group had",
                            [passage_claim(f"{k} {what} in all", ps) for k, ps in sides.items()],
                            kind="figure"))
        break  # one entry per story's group is enough to show the dispute
    return out
