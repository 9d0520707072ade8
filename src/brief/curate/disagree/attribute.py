"""A person called the first woman in a role of different countries (日本初の女性首相 vs a
garbled 米国初の女性首相)."""

from __future__ import annotations

import re

from brief.curate.disagree.base import Evidence, first_per_source
from brief.model import Citation, Claim, Conflict, Passage

_FIRST_WOMAN = re.compile(r"(?P<c>日本|米国|アメリカ|中国|韓国|英国|台湾)(?:で|史上)?初の女性"
                          r"(?P<role>首相|大統領|総理)")



def attribute_conflicts(passages: list[Passage], outlet: dict[str, str]) -> list[Conflict]:
    """A person called the first woman in a role of different countries (日本初の女性首相 vs
    a garbled 米国初の女性首相)."""
    found: dict[str, dict[str, list[Passage]]] = {}
    for p in passages:
        for m in _FIRST_WOMAN.finditer(p.text):
            country = "米国" if m["c"] == "アメリカ" else m["c"]
            found.setdefault(m["role"].replace("総理", "首相"), {}).setdefault(
                country, []).append(p)
    out = []
    for role, by_country in found.items():
        if len(by_country) < 2 or len({outlet.get(p.source_id, p.source_id)
                                       for ps in by_country.values() for p in ps}) < 2:
            continue
        sides = sorted(by_country.items(), key=lambda kv: -len(kv[1]))
        claims = [Claim(f"{country}初の女性{role}", ps[0].text,
                        [Citation.of(p) for p in first_per_source(ps)])
                  for country, ps in sides]
        out.append(Conflict("", f"Which country's first female {role} the sources say",
                            claims, kind="attribute"))
    return out



def detect(ev: Evidence) -> list[Conflict]:
    return attribute_conflicts(ev.passages, ev.outlets)
