"""What every disagreement detector reads, and the tests of sameness they share.

Two reports disagree only when they are about the *same* thing: the same day (7日 is not
8日), the same named vessel or product (「遼寧」 is not 「山東」), said as a report (not inside
a speaker's quotation, not in a conditional 増やせば…). These tests live here so that every
detector applies them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from brief.model import Assertion, Citation, Claim, Conflict, Figure, Passage, Source
from brief.vocab import Reliability

RANK: dict[Reliability, int] = {"high": 3, "medium": 2, "low": 1}


@dataclass
class Evidence:
    """The build's material a detector looks at."""

    figures: list[Figure]
    passages: list[Passage]
    sources: dict[str, Source] = field(default_factory=dict)
    claims: list[Assertion] = field(default_factory=list)
    outlet_keys: dict[str, str] = field(default_factory=dict)  # given outright (tests)

    def outlet(self, source_id: str) -> str:
        """Who independently reports it (Source.outlet_key), the id when unknown."""
        if source_id in self.outlet_keys:
            return self.outlet_keys[source_id]
        s = self.sources.get(source_id)
        return s.outlet_key if s else source_id

    def rank(self, source_id: str) -> int:
        s = self.sources.get(source_id)
        return RANK.get(s.reliability, 0) if s else 0

    @property
    def outlets(self) -> dict[str, str]:
        ids = {p.source_id for p in self.passages} | {a.source_id for a in self.claims}
        return {sid: self.outlet(sid) for sid in ids | set(self.sources)}


Detector = Callable[[Evidence], list[Conflict]]


def articles_in_order(ev: Evidence) -> list[list[Passage]]:
    """Each source's sentences, lists and quotes in reading order, sources by id: for the
    detectors that read an article's account as a sequence (a claim, then its rebuttal)."""
    by_source: dict[str, list[Passage]] = {}
    for p in ev.passages:
        if p.kind in ("sentence", "list", "quote"):
            by_source.setdefault(p.source_id, []).append(p)
    return [sorted(by_source[sid], key=lambda p: p.index) for sid in sorted(by_source)]

_DAY = re.compile(r"(?<![\d年/])(\d{1,2})日(?!本|米|間|中|韓|朝|豪|英|独|仏|露|印|系|銀|経)")
_NAME = re.compile(r"「([^「」]{1,12})」")
_QUOTE = re.compile(r"「[^「」]*」|『[^『』]*』")
# a conditional clause before the number: 増やせば, 実施したら, 合意なら, 場合 (例えば and
# によれば, 'according to', are not one)
_IF = re.compile(r"(?<!例)(?<!たと)(?<!によ)[えけげせぜてでねべぺめれ]ば[、]?|"
                 r"たら[、]|なら[、]|場合[、は]|"
                 r"[すくうつむぶぐる]と$")  # 75%増やすと63万t: the result of a supposition


def days_of(text: str) -> frozenset[int]:
    """The days of the month a sentence names (7日, 6月8日): different days, different events."""
    return frozenset(int(d) for d in _DAY.findall(text) if 1 <= int(d) <= 31)


def names_of(text: str) -> frozenset[str]:
    """Names in 「」 (vessels, products, titles) the sentence is about."""
    return frozenset(n for n in _NAME.findall(text) if not re.search(r"[。、]", n))


# a name of one thing (「遼寧」, 「あさひ」, 「J-15」), not a quoted term (「シャトル外交」)
_PROPER = re.compile(r"[\u4e00-\u9fff]{1,4}|[\u30a1-\u30faー]{2,8}|[\u3041-\u309f]{2,6}|"
                     r"[A-Za-z0-9\-]{2,10}")


def apart(a: str, b: str) -> bool:
    """Two sentences are about different happenings: different days, or different names."""
    da, db = days_of(a), days_of(b)
    if da and db and not da & db:
        return True
    na = {n for n in names_of(a) if _PROPER.fullmatch(n)}
    nb = {n for n in names_of(b) if _PROPER.fullmatch(n)}
    return bool(na and nb and not na & nb)


def quoted_at(text: str, pos: int) -> bool:
    """POS lies inside a quotation: a speaker's words, not the outlet's report."""
    return any(m.start() < pos < m.end() for m in _QUOTE.finditer(text))


def conditional_before(text: str, pos: int) -> bool:
    """The clause before POS is a condition (増やせば…): a hypothetical, not a report."""
    sentence = re.split(r"[。！？]", text[:pos])[-1]
    return bool(_IF.search(sentence))


def first_per_source(ps: list[Passage]) -> list[Passage]:
    seen: dict[str, Passage] = {}
    for p in ps:
        seen.setdefault(p.source_id, p)
    return list(seen.values())


def passage_claim(value: str, ps: list[Passage]) -> Claim:
    """One side: VALUE, worded by its first sentence, citing each source's first one."""
    firsts = first_per_source(ps)
    return Claim(value, firsts[0].text, [Citation.of(p) for p in firsts])


def distinct_outlets(ev: Evidence, ps: list[Passage]) -> set[str]:
    return {ev.outlet(p.source_id) for p in ps}
